// spider-cpu-pipeline's threads option: the n blocks of a contraction run
// on OpenMP threads (omp.parallel around a work-shared loop, no alloca
// scope left); with one thread, as loops, with no OpenMP at all.
// RUN: spider-opt %s --spider-cpu-pipeline=threads=2 | FileCheck %s
// RUN: spider-opt %s --spider-cpu-pipeline=threads=0 | FileCheck %s --check-prefix=ANY
// RUN: spider-opt %s --spider-cpu-pipeline | FileCheck %s --check-prefix=SERIAL
// RUN: not spider-opt %s --spider-cpu-pipeline=threads=-1 2>&1 | FileCheck %s --check-prefix=NEGATIVE

// CHECK-LABEL: llvm.func @compute
// CHECK:         omp.parallel num_threads
// CHECK:           omp.wsloop
// CHECK-NOT:     memref.alloca_scope
// ANY-LABEL: llvm.func @compute
// ANY:         omp.parallel {
// SERIAL-LABEL: llvm.func @compute
// SERIAL-NOT:   omp.
// NEGATIVE: '-1' value invalid for uint argument

func.func @compute(%a: tensor<100x256xf32>, %b: tensor<256x1024xf32>, %c: tensor<100x1024xf32>) -> tensor<100x1024xf32> {
  %r = linalg.matmul ins(%a, %b : tensor<100x256xf32>, tensor<256x1024xf32>) outs(%c : tensor<100x1024xf32>) -> tensor<100x1024xf32>
  return %r : tensor<100x1024xf32>
}
