// RUN: spider-opt %s -split-input-file --one-shot-bufferize="bufferize-function-boundaries" | FileCheck %s --enable-var-scope
// RUN: spider-opt %s -split-input-file --one-shot-bufferize="bufferize-function-boundaries" --convert-spider-to-runtime | FileCheck %s --check-prefix=RUNTIME

// Index construction reads buffers in place; assume_sparse moves no data.
// CHECK-LABEL: func.func @detect_and_route
// CHECK-SAME:    %[[A:.*]]: memref<64x48xf32, {{.*}}>, %[[IDS:.*]]: memref<32xi64, {{.*}}>
// CHECK-NOT:     spider.assume_sparse
// CHECK:         %[[I:.*]] = spider.detect %[[A]] : memref<64x48xf32, {{.*}}> -> !spider.index<microtile = [32, 1], pack_dim = 1>
// CHECK:         %[[R:.*]] = spider.route %[[IDS]] to 4 experts : memref<32xi64, {{.*}}> -> !spider.index<microtile = [1, 1], pack_dim = 0>
// CHECK:         spider.index_nonzeros %[[I]]
// RUNTIME-LABEL: func.func @detect_and_route
// RUNTIME:         memref.cast %{{.*}} : memref<64x48xf32, {{.*}}> to memref<*xf32>
// RUNTIME:         call @spider_rt_detect_f32
// RUNTIME:         call @spider_rt_route
func.func @detect_and_route(%a: tensor<64x48xf32>, %ids: tensor<32xi64>) -> (index, index) {
  %as = spider.assume_sparse %a : tensor<64x48xf32> to tensor<64x48xf32, #spider.sparse<microtile = [32, 1]>>
  %i = spider.detect %as : tensor<64x48xf32, #spider.sparse<microtile = [32, 1]>> -> !spider.index<microtile = [32, 1], pack_dim = 1>
  %r = spider.route %ids to 4 experts : tensor<32xi64> -> !spider.index<microtile = [1, 1], pack_dim = 0>
  %n = spider.index_nonzeros %i : !spider.index<microtile = [32, 1], pack_dim = 1>
  %m = spider.index_nonzeros %r : !spider.index<microtile = [1, 1], pack_dim = 0>
  return %n, %m : index, index
}
