// RUN: spider-opt %s -split-input-file --convert-spider-to-runtime | FileCheck %s --enable-var-scope

// Detection on an f32 tensor: a runtime call on its buffer; the arrays are
// caller-owned buffers; the handle is released at the end of the block.
// CHECK-DAG:   func.func private @spider_rt_detect_f32(memref<*xf32>, i64, i64, i64, i64, i64, i64) -> !llvm.ptr attributes {llvm.emit_c_interface}
// CHECK-DAG:   func.func private @spider_rt_index_offsets(!llvm.ptr) -> memref<?xindex> attributes {llvm.emit_c_interface}
// CHECK-DAG:   func.func private @spider_rt_index_positions(!llvm.ptr) -> memref<?xindex> attributes {llvm.emit_c_interface}
// CHECK-DAG:   func.func private @spider_rt_index_release(!llvm.ptr)
// CHECK-LABEL: func.func @detect
// CHECK-SAME:    (%[[A:.*]]: tensor<100x70xf32>) -> (tensor<?xindex>, tensor<?xindex>)
// CHECK:         %[[BUF:.*]] = bufferization.to_buffer %[[A]] read_only : tensor<100x70xf32> to memref<100x70xf32, strided<[?, ?], offset: ?>>
// CHECK:         %[[U:.*]] = memref.cast %[[BUF]] : {{.*}} to memref<*xf32>
// CHECK:         %[[H:.*]] = call @spider_rt_detect_f32(%[[U]], %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}})
// CHECK:         %[[OB:.*]] = call @spider_rt_index_offsets(%[[H]])
// CHECK:         %[[O:.*]] = bufferization.to_tensor %[[OB]] restrict
// CHECK:         %[[PB:.*]] = call @spider_rt_index_positions(%[[H]])
// CHECK:         %[[P:.*]] = bufferization.to_tensor %[[PB]] restrict
// CHECK:         call @spider_rt_index_release(%[[H]])
// CHECK-NEXT:    return %[[O]], %[[P]]
func.func @detect(%a: tensor<100x70xf32>) -> (tensor<?xindex>, tensor<?xindex>) {
  %as = spider.assume_sparse %a : tensor<100x70xf32> to tensor<100x70xf32, #spider.sparse<microtile = [32, 1]>>
  %i = spider.detect %as : tensor<100x70xf32, #spider.sparse<microtile = [32, 1]>> -> !spider.index<microtile = [32, 1], pack_dim = 1>
  %o, %p = spider.index_arrays %i : !spider.index<microtile = [32, 1], pack_dim = 1>
  return %o, %p : tensor<?xindex>, tensor<?xindex>
}

// -----

// Encodings disappear from signatures; f16 data is widened for the scan;
// routing ids and CSR arrays are read as i64.
// CHECK-LABEL: func.func @sources
// CHECK-SAME:    (%[[H:.*]]: tensor<8x8xf16>, %[[IDS:.*]]: tensor<16x2xi32>, %[[O:.*]]: tensor<9xindex>, %[[C:.*]]: tensor<?xi32>, %[[N:.*]]: index)
// CHECK:         %[[W:.*]] = arith.extf %[[H]] : tensor<8x8xf16> to tensor<8x8xf32>
// CHECK:         call @spider_rt_detect_f32
// CHECK:         %[[I64:.*]] = arith.extsi %[[IDS]] : tensor<16x2xi32> to tensor<16x2xi64>
// CHECK:         call @spider_rt_route
// CHECK:         arith.index_cast %[[O]] : tensor<9xindex> to tensor<9xi64>
// CHECK:         arith.extsi %[[C]] : tensor<?xi32> to tensor<?xi64>
// CHECK:         arith.index_cast %[[N]] : index to i64
// CHECK:         call @spider_rt_index_from_csr
// CHECK-COUNT-3: call @spider_rt_index_release
func.func @sources(%h: tensor<8x8xf16, #spider.sparse<microtile = [1, 4]>>, %ids: tensor<16x2xi32>,
                   %o: tensor<9xindex>, %c: tensor<?xi32>, %n: index) -> (tensor<?xindex>, tensor<?xindex>, tensor<?xindex>) {
  %i = spider.detect %h : tensor<8x8xf16, #spider.sparse<microtile = [1, 4]>> -> !spider.index<microtile = [1, 4], pack_dim = 0>
  %r = spider.route %ids to 4 experts : tensor<16x2xi32> -> !spider.index<microtile = [1, 1], pack_dim = 0>
  %g = spider.index_from_csr %o, %c, num_columns = %n : tensor<9xindex>, tensor<?xi32> -> !spider.index<microtile = [1, 1], pack_dim = 1>
  %o1, %p1 = spider.index_arrays %i : !spider.index<microtile = [1, 4], pack_dim = 0>
  %o2, %p2 = spider.index_arrays %r : !spider.index<microtile = [1, 1], pack_dim = 0>
  %o3, %p3 = spider.index_arrays %g : !spider.index<microtile = [1, 1], pack_dim = 1>
  return %p1, %p2, %p3 : tensor<?xindex>, tensor<?xindex>, tensor<?xindex>
}

// -----

// A constant index needs no runtime: its arrays are constants.
// CHECK-LABEL: func.func @constant
// CHECK-NOT:     call
// CHECK-DAG:     %[[O:.*]] = arith.constant dense<[0, 1, 1]> : tensor<3xindex>
// CHECK-DAG:     %[[P:.*]] = arith.constant dense<2> : tensor<1xindex>
// CHECK-DAG:     tensor.cast %[[O]] : tensor<3xindex> to tensor<?xindex>
// CHECK-DAG:     tensor.cast %[[P]] : tensor<1xindex> to tensor<?xindex>
func.func @constant() -> (tensor<?xindex>, tensor<?xindex>) {
  %i = spider.index_constant <grid = [2, 4], offsets = [0, 1, 1], positions = [2]> : !spider.index<microtile = [1, 1], pack_dim = 1>
  %o, %p = spider.index_arrays %i : !spider.index<microtile = [1, 1], pack_dim = 1>
  return %o, %p : tensor<?xindex>, tensor<?xindex>
}

// -----

// A constant index that only a mark uses (its PIT folded to the dense
// computation: the index is denser than dense_threshold) goes with the mark.
// CHECK-LABEL: func.func @constant_only_marked
// CHECK-NOT:     spider.
// CHECK:         linalg.matmul ins(%arg0, %arg1 : tensor<2x4xf32>, tensor<4x3xf32>)
func.func @constant_only_marked(%a: tensor<2x4xf32>, %b: tensor<4x3xf32>, %c: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %i = spider.index_constant <grid = [1, 4], offsets = [0, 2], positions = [0, 2]> : !spider.index<microtile = [2, 1], pack_dim = 1>
  %s = spider.assume_sparse %a index(%i : !spider.index<microtile = [2, 1], pack_dim = 1>) : tensor<2x4xf32> to tensor<2x4xf32, #spider.sparse<microtile = [2, 1]>>
  %m = linalg.matmul ins(%s, %b : tensor<2x4xf32, #spider.sparse<microtile = [2, 1]>>, tensor<4x3xf32>) outs(%c : tensor<2x3xf32>) -> tensor<2x3xf32>
  return %m : tensor<2x3xf32>
}
