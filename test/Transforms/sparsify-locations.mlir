// RUN: spider-opt %s -spider-sparsify --mlir-print-debuginfo --mlir-print-local-scope -mlir-print-op-generic | FileCheck %s --enable-var-scope

// The body upstream gives a named op (its arith ops and linalg.yield) has
// unknown locations; once the op is in a spider.pit, they are the op's.

#S = #spider.sparse<microtile = [4, 1]>
// (Printed generically: the custom form of a named op hides its body.)
// CHECK-LABEL: sym_name = "located"
// CHECK:         "spider.pit"
// CHECK:           "linalg.matmul"
// CHECK:             "arith.mulf"{{.*}} loc("{{.*}}sparsify-locations.mlir":[[#LINE:]]:8)
// CHECK:             "arith.addf"{{.*}} loc("{{.*}}sparsify-locations.mlir":[[#LINE]]:8)
// CHECK:             "linalg.yield"{{.*}} loc("{{.*}}sparsify-locations.mlir":[[#LINE]]:8)
// CHECK-NOT:     loc(unknown)
func.func @located(%a: tensor<8x8xf32>, %b: tensor<8x8xf32>, %c: tensor<8x8xf32>) -> tensor<8x8xf32> {
  %s = spider.assume_sparse %a : tensor<8x8xf32> to tensor<8x8xf32, #S>
  %m = linalg.matmul ins(%s, %b : tensor<8x8xf32, #S>, tensor<8x8xf32>) outs(%c : tensor<8x8xf32>) -> tensor<8x8xf32>
  return %m : tensor<8x8xf32>
}
