// RUN: spider-opt %s --spider-cpu-pipeline | FileCheck %s
// RUN: spider-opt %s --spider-cpu-pipeline="sparsify=false" | FileCheck %s --check-prefix=DENSE

// A whole marked program to the LLVM dialect: nothing but llvm ops remain,
// and the index comes from libspider_runtime.
// CHECK-NOT:   spider.
// CHECK-NOT:   linalg.
// CHECK-NOT:   tensor.
// CHECK-DAG:   llvm.func @_mlir_ciface_spider_rt_detect_f32
// CHECK-DAG:   llvm.func @_mlir_ciface_spider_rt_index_offsets
// CHECK-DAG:   llvm.func @_mlir_ciface_spider_rt_index_positions
// CHECK-DAG:   llvm.func @spider_rt_index_release
// CHECK-LABEL: llvm.func @compute
// CHECK:         llvm.call @spider_rt_detect_f32
// CHECK:         llvm.intr.fmuladd
// Without spider-sparsify, the marks are ignored: the program runs densely.
// DENSE-NOT:   spider_rt_detect
// DENSE-LABEL: llvm.func @compute
func.func @compute(%a: tensor<128x96xf32>, %b: tensor<96x64xf32>, %c: tensor<128x64xf32>) -> tensor<128x64xf32> {
  %as = spider.assume_sparse %a : tensor<128x96xf32> to tensor<128x96xf32, #spider.sparse<microtile = [32, 1]>>
  %r = linalg.matmul ins(%as, %b : tensor<128x96xf32, #spider.sparse<microtile = [32, 1]>>, tensor<96x64xf32>)
                     outs(%c : tensor<128x64xf32>) -> tensor<128x64xf32>
  return %r : tensor<128x64xf32>
}
