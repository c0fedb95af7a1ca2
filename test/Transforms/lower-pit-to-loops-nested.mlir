// RUN: spider-opt %s --spider-lower-pit-to-loops --mlir-print-op-on-diagnostic=false 2>&1 | FileCheck %s
// RUN: spider-opt %s --spider-lower-pit-to-loops=profile=true -o /dev/null
// RUN: spider-opt %s --spider-cpu-pipeline="vectorize=false profile=true" -o /dev/null
// RUN: spider-opt %s --spider-lower-pit-to-loops=parallel-groups --mlir-print-op-on-diagnostic=false 2>&1 | FileCheck %s

// Found by the fuzzer (an assertion, since fixed): a spider.pit whose body
// holds another spider.pit. The inner one is lowered first and leaves its
// loops in the outer body; the outer one, whose computation is then not a
// linalg op, is lowered densely, to what its body yields.
// CHECK: remark: lowered densely: the computation is not a linalg op
// CHECK-LABEL: func.func @nested_pit
// CHECK-NOT:     spider.pit
// CHECK:         scf.for
// CHECK:           linalg.matmul
// CHECK:         return
!I = !spider.index<microtile = [32, 1], pack_dim = 1>
func.func @nested_pit(%a: tensor<64x64xf16>, %b: tensor<64x64xf16>, %c: tensor<64x64xf16>) -> tensor<64x64xf16> {
  %i = spider.detect %a : tensor<64x64xf16> -> !I
  %0 = spider.pit ins(%a, %b, %i : tensor<64x64xf16>, tensor<64x64xf16>, !I) outs(%c : tensor<64x64xf16>)
                  index(%i : !I) sparse_operand = 0 pack_dim = 2 {
  ^bb0(%x: tensor<64x64xf16>, %y: tensor<64x64xf16>, %j: !I, %z: tensor<64x64xf16>):
    %1 = spider.pit ins(%x, %y : tensor<64x64xf16>, tensor<64x64xf16>) outs(%z : tensor<64x64xf16>)
                    index(%j : !I) sparse_operand = 0 pack_dim = 2 {
    ^bb0(%u: tensor<64x64xf16>, %v: tensor<64x64xf16>, %w: tensor<64x64xf16>):
      %2 = linalg.matmul ins(%u, %v : tensor<64x64xf16>, tensor<64x64xf16>) outs(%w : tensor<64x64xf16>) -> tensor<64x64xf16>
      spider.yield %2 : tensor<64x64xf16>
    } -> tensor<64x64xf16>
    spider.yield %1 : tensor<64x64xf16>
  } -> tensor<64x64xf16>
  return %0 : tensor<64x64xf16>
}

