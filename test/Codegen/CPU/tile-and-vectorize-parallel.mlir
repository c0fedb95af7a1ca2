// RUN: spider-opt %s --pass-pipeline="builtin.module(func.func(spider-tile-and-vectorize{cpu-isa=avx512 parallel-blocks=true}),canonicalize)" | FileCheck %s

// parallel-blocks: the n blocks of 512 columns are one scf.forall (each
// writes its own columns of C and copies its own panels of B); k blocks,
// panels and register tiles inside run in order.
// CHECK-LABEL: func.func @matmul
// CHECK:         scf.forall (%{{.*}}) = (0) to (1024) step (512) shared_outs
// CHECK:           scf.for {{.*}} to %c512 step %c256
// CHECK:             tensor.expand_shape {{.*}} into tensor<256x8x64xf32>
// CHECK:             scf.for {{.*}} to %c512 step %c64
// CHECK:               vector.fma
// CHECK:           scf.forall.in_parallel
// CHECK:             tensor.parallel_insert_slice
func.func @matmul(%a: tensor<100x512xf32>, %b: tensor<512x1024xf32>, %c: tensor<100x1024xf32>) -> tensor<100x1024xf32> {
  %r = linalg.matmul ins(%a, %b : tensor<100x512xf32>, tensor<512x1024xf32>) outs(%c : tensor<100x1024xf32>) -> tensor<100x1024xf32>
  return %r : tensor<100x1024xf32>
}
