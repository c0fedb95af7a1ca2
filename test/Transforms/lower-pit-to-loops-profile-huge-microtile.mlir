// RUN: spider-opt %s --spider-lower-pit-to-loops=profile=true | FileCheck %s

// The profile reports a micro-tile's volume; sizes are user input, and the
// product saturates instead of overflowing (UBSan caught 2 times INT64_MAX
// in the fuzzer, 2026-12-03).
// CHECK-LABEL: func.func @huge_microtile
// CHECK:         %[[V:.*]] = arith.constant 9223372036854775807 : i64
// CHECK:         call @spider_rt_profile_end(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %[[V]],
func.func @huge_microtile(%a: tensor<64x96xf64>, %b: tensor<96x80xf64>, %c: tensor<64x80xf64>,
                          %i: !spider.index<microtile = [2, 9223372036854775807], pack_dim = 0>) -> tensor<64x80xf64> {
  %r = spider.pit ins(%a, %b : tensor<64x96xf64>, tensor<96x80xf64>) outs(%c : tensor<64x80xf64>)
         index(%i : !spider.index<microtile = [2, 9223372036854775807], pack_dim = 0>) sparse_operand = 1 pack_dim = 2 {
  ^bb0(%x: tensor<64x96xf64>, %y: tensor<96x80xf64>, %z: tensor<64x80xf64>):
    %m = linalg.matmul ins(%x, %y : tensor<64x96xf64>, tensor<96x80xf64>) outs(%z : tensor<64x80xf64>) -> tensor<64x80xf64>
    spider.yield %m : tensor<64x80xf64>
  } -> tensor<64x80xf64>
  return %r : tensor<64x80xf64>
}
