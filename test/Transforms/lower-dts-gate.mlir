// RUN: spider-opt %s --spider-lower-dts-gate | FileCheck %s --enable-var-scope

// softmax(logits / tau) in three steps, the rank of each expert, and the
// selection: above the threshold, or among the min_k most probable.
// CHECK-LABEL: func.func @gate
// CHECK-SAME:    %[[L:.*]]: tensor<8x4xf32>, %[[TAU:.*]]: f32
// CHECK-NOT:     spider.dts_gate
// CHECK:         %[[MAX:.*]] = linalg.generic {{.*}}iterator_types = ["parallel", "reduction"]{{.*}} ins(%[[L]]
// CHECK:           arith.divf %{{.*}}, %[[TAU]]
// CHECK:           arith.maximumf
// CHECK:         %[[EXP:.*]] = linalg.generic
// CHECK:           math.exp
// CHECK:         %[[SUM:.*]] = linalg.generic {{.*}}iterator_types = ["parallel", "reduction"]
// CHECK:         %[[P:.*]] = linalg.generic {{.*}} ins(%[[EXP]], %[[SUM]]
// CHECK:         %[[RANK:.*]] = linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "reduction"]{{.*}} ins(%[[P]], %[[P]]
// CHECK:           linalg.index 1
// CHECK:           linalg.index 2
// CHECK:         %[[W:.*]] = linalg.generic {{.*}} ins(%[[P]], %[[RANK]]
// CHECK:           %[[T:.*]] = arith.constant 1.000000e-01 : f32
// CHECK:           arith.cmpf ogt, %{{.*}}, %[[T]]
// CHECK:           %[[K:.*]] = arith.constant 2 : index
// CHECK:           arith.cmpi ult, %{{.*}}, %[[K]]
// CHECK:           arith.select
// CHECK:         return %[[W]]
func.func @gate(%logits: tensor<8x4xf32>, %tau: f32) -> tensor<8x4xf32> {
  %w = spider.dts_gate %logits tau(%tau) threshold(0.1) min_k(2) : tensor<8x4xf32> -> tensor<8x4xf32>
  return %w : tensor<8x4xf32>
}
