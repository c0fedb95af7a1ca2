// RUN: spider-opt %s -split-input-file --allow-unregistered-dialect | spider-opt -split-input-file --allow-unregistered-dialect | FileCheck %s --enable-var-scope
// RUN: spider-opt %s -split-input-file --allow-unregistered-dialect --mlir-print-op-generic | spider-opt -split-input-file --allow-unregistered-dialect | FileCheck %s --enable-var-scope

// Every spider op, attribute and type, printed, parsed back and printed again,
// in the custom and the generic form.

#S = #spider.sparse<microtile = [32, 1]>
!I = !spider.index<microtile = [32, 1], pack_dim = 1>

// CHECK-LABEL: func.func @assume_and_detect
// CHECK-SAME:    %[[A:.*]]: tensor<128x256xf16>
// CHECK:         %[[S:.*]] = spider.assume_sparse %[[A]] : tensor<128x256xf16> to tensor<128x256xf16, #spider.sparse<microtile = [32, 1]>>
// CHECK:         %[[I:.*]] = spider.detect %[[S]] : tensor<128x256xf16, #spider.sparse<microtile = [32, 1]>> -> !spider.index<microtile = [32, 1], pack_dim = 1>
// CHECK:         return %[[I]]
func.func @assume_and_detect(%a: tensor<128x256xf16>) -> !I {
  %s = spider.assume_sparse %a : tensor<128x256xf16> to tensor<128x256xf16, #S>
  %i = spider.detect %s : tensor<128x256xf16, #S> -> !I
  return %i : !I
}

// -----

// The encoding on a function argument, and a coarser index cover.
// CHECK-LABEL: func.func @encoded_argument
// CHECK-SAME:    tensor<100x70xf32, #spider.sparse<microtile = [1, 32]>>
// CHECK:         spider.detect %{{.*}} -> !spider.index<microtile = [2, 64], pack_dim = 0>
func.func @encoded_argument(%a: tensor<100x70xf32, #spider.sparse<microtile = [1, 32]>>)
    -> !spider.index<microtile = [2, 64], pack_dim = 0> {
  %i = spider.detect %a : tensor<100x70xf32, #spider.sparse<microtile = [1, 32]>>
                       -> !spider.index<microtile = [2, 64], pack_dim = 0>
  return %i : !spider.index<microtile = [2, 64], pack_dim = 0>
}

// -----

// CHECK-LABEL: func.func @route
// CHECK:         spider.route %{{.*}} to 64 experts : tensor<4096x2xi32> -> !spider.index<microtile = [1, 1], pack_dim = 0>
// CHECK:         spider.route %{{.*}} to 8 experts : tensor<?xindex> -> !spider.index<microtile = [16, 1], pack_dim = 0>
func.func @route(%ids: tensor<4096x2xi32>, %top1: tensor<?xindex>) {
  %0 = spider.route %ids to 64 experts : tensor<4096x2xi32> -> !spider.index<microtile = [1, 1], pack_dim = 0>
  %1 = spider.route %top1 to 8 experts : tensor<?xindex> -> !spider.index<microtile = [16, 1], pack_dim = 0>
  return
}

// -----

// CHECK-LABEL: func.func @index_from_csr
// CHECK-SAME:    %[[O:.*]]: tensor<1025xindex>, %[[C:.*]]: tensor<?xi32>, %[[N:.*]]: index
// CHECK:         spider.index_from_csr %[[O]], %[[C]], num_columns = %[[N]] : tensor<1025xindex>, tensor<?xi32> -> !spider.index<microtile = [4, 1], pack_dim = 1>
func.func @index_from_csr(%o: tensor<1025xindex>, %c: tensor<?xi32>, %n: index)
    -> !spider.index<microtile = [4, 1], pack_dim = 1> {
  %i = spider.index_from_csr %o, %c, num_columns = %n
      : tensor<1025xindex>, tensor<?xi32> -> !spider.index<microtile = [4, 1], pack_dim = 1>
  return %i : !spider.index<microtile = [4, 1], pack_dim = 1>
}

// -----

// CHECK-LABEL: func.func @index_constant
// CHECK:         spider.index_constant <grid = [2, 4], offsets = [0, 2, 3], positions = [1, 3, 0]> : !spider.index<microtile = [32, 1], pack_dim = 1>
// CHECK:         spider.index_constant <grid = [3, 1], offsets = [0, 0], positions = []> : !spider.index<microtile = [8, 8], pack_dim = 0>
func.func @index_constant() {
  %0 = spider.index_constant <grid = [2, 4], offsets = [0, 2, 3], positions = [1, 3, 0]>
      : !spider.index<microtile = [32, 1], pack_dim = 1>
  %1 = spider.index_constant <grid = [3, 1], offsets = [0, 0], positions = []>
      : !spider.index<microtile = [8, 8], pack_dim = 0>
  "test.use"(%0, %1) : (!spider.index<microtile = [32, 1], pack_dim = 1>, !spider.index<microtile = [8, 8], pack_dim = 0>) -> ()
  return
}

// -----

!I = !spider.index<microtile = [32, 1], pack_dim = 1>

// CHECK-LABEL: func.func @gather_scatter
// CHECK:         %[[T:.*]] = spider.gather %{{.*}}[%{{.*}}] : tensor<100x50xf32>, !spider.index<microtile = [32, 1], pack_dim = 1> -> tensor<?x32x1xf32>
// CHECK:         spider.scatter %[[T]] into %{{.*}}[%{{.*}}] combiner(none)
// CHECK:         spider.scatter %[[T]] into %{{.*}}[%{{.*}}] combiner(add)
// CHECK:         spider.scatter %[[T]] into %{{.*}}[%{{.*}}] combiner(max)
// CHECK:         spider.scatter %[[T]] into %{{.*}}[%{{.*}}] combiner(min) : tensor<?x32x1xf32>, !spider.index<microtile = [32, 1], pack_dim = 1> -> tensor<100x50xf32>
func.func @gather_scatter(%a: tensor<100x50xf32>, %d: tensor<100x50xf32>, %i: !I)
    -> (tensor<100x50xf32>, tensor<100x50xf32>, tensor<100x50xf32>, tensor<100x50xf32>) {
  %t = spider.gather %a[%i] : tensor<100x50xf32>, !I -> tensor<?x32x1xf32>
  %0 = spider.scatter %t into %d[%i] combiner(none) : tensor<?x32x1xf32>, !I -> tensor<100x50xf32>
  %1 = spider.scatter %t into %d[%i] combiner(add) : tensor<?x32x1xf32>, !I -> tensor<100x50xf32>
  %2 = spider.scatter %t into %d[%i] combiner(max) : tensor<?x32x1xf32>, !I -> tensor<100x50xf32>
  %3 = spider.scatter %t into %d[%i] combiner(min) : tensor<?x32x1xf32>, !I -> tensor<100x50xf32>
  return %0, %1, %2, %3 : tensor<100x50xf32>, tensor<100x50xf32>, tensor<100x50xf32>, tensor<100x50xf32>
}

// -----

#S = #spider.sparse<microtile = [32, 1]>
!I = !spider.index<microtile = [32, 1], pack_dim = 1>

// CHECK-LABEL: func.func @pit_matmul
// CHECK:         %[[R:.*]] = spider.pit ins(%{{.*}}, %{{.*}} : tensor<128x256xf32, #spider.sparse<microtile = [32, 1]>>, tensor<256x64xf32>) outs(%{{.*}} : tensor<128x64xf32>) index(%{{.*}} : !spider.index<microtile = [32, 1], pack_dim = 1>) sparse_operand = 0 pack_dim = 2 attributes {tile_config = #spider.tile_config<microtile = [32, 1], compute_tile = [64, 64, 32]>} {
// CHECK-NEXT:    ^bb0(
// CHECK-NEXT:      linalg.matmul
// CHECK-NEXT:      spider.yield %{{.*}} : tensor<128x64xf32>
// CHECK-NEXT:    } -> tensor<128x64xf32>
func.func @pit_matmul(%a: tensor<128x256xf32>, %b: tensor<256x64xf32>, %c: tensor<128x64xf32>)
    -> tensor<128x64xf32> {
  %as = spider.assume_sparse %a : tensor<128x256xf32> to tensor<128x256xf32, #S>
  %i = spider.detect %as : tensor<128x256xf32, #S> -> !I
  %r = spider.pit ins(%as, %b : tensor<128x256xf32, #S>, tensor<256x64xf32>)
                  outs(%c : tensor<128x64xf32>) index(%i : !I)
                  sparse_operand = 0 pack_dim = 2
                  attributes {tile_config = #spider.tile_config<microtile = [32, 1], compute_tile = [64, 64, 32]>} {
  ^bb0(%x: tensor<128x256xf32, #S>, %y: tensor<256x64xf32>, %z: tensor<128x64xf32>):
    %m = linalg.matmul ins(%x, %y : tensor<128x256xf32, #S>, tensor<256x64xf32>)
                       outs(%z : tensor<128x64xf32>) -> tensor<128x64xf32>
    spider.yield %m : tensor<128x64xf32>
  } -> tensor<128x64xf32>
  return %r : tensor<128x64xf32>
}

// -----

// A PIT along a parallel dimension of a generic op (rows of a ReLU output).
#S = #spider.sparse<microtile = [1, 64]>
!I = !spider.index<microtile = [1, 64], pack_dim = 0>
#map_a = affine_map<(m, n, k) -> (m, k)>
#map_b = affine_map<(m, n, k) -> (k, n)>
#map_c = affine_map<(m, n, k) -> (m, n)>

// CHECK-LABEL: func.func @pit_generic_rows
// CHECK:         spider.pit ins(
// CHECK-SAME:      sparse_operand = 0 pack_dim = 0
// CHECK:           linalg.generic
func.func @pit_generic_rows(%a: tensor<64x128xf32, #S>, %b: tensor<128x32xf32>, %c: tensor<64x32xf32>, %i: !I)
    -> tensor<64x32xf32> {
  %r = spider.pit ins(%a, %b : tensor<64x128xf32, #S>, tensor<128x32xf32>)
                  outs(%c : tensor<64x32xf32>) index(%i : !I)
                  sparse_operand = 0 pack_dim = 0 {
  ^bb0(%x: tensor<64x128xf32, #S>, %y: tensor<128x32xf32>, %z: tensor<64x32xf32>):
    %g = linalg.generic {indexing_maps = [#map_a, #map_b, #map_c],
                         iterator_types = ["parallel", "parallel", "reduction"]}
        ins(%x, %y : tensor<64x128xf32, #S>, tensor<128x32xf32>) outs(%z : tensor<64x32xf32>) {
    ^bb0(%p: f32, %q: f32, %acc: f32):
      %mul = arith.mulf %p, %q : f32
      %add = arith.addf %acc, %mul : f32
      linalg.yield %add : f32
    } -> tensor<64x32xf32>
    spider.yield %g : tensor<64x32xf32>
  } -> tensor<64x32xf32>
  return %r : tensor<64x32xf32>
}

// -----

// CHECK-LABEL: func.func @dts_gate
// CHECK:         spider.dts_gate %{{.*}} tau(%{{.*}}) threshold(1.000000e-01) min_k(2) : tensor<4096x64xf32> -> tensor<4096x64xf32>
// CHECK:         spider.dts_gate %{{.*}} tau(%{{.*}}) threshold(0.000000e+00) min_k(1) : tensor<?x8xf16> -> tensor<?x8xf16>
func.func @dts_gate(%logits: tensor<4096x64xf32>, %tau: f32, %l16: tensor<?x8xf16>, %t16: f16)
    -> (tensor<4096x64xf32>, tensor<?x8xf16>) {
  %w = spider.dts_gate %logits tau(%tau) threshold(0.1) min_k(2) : tensor<4096x64xf32> -> tensor<4096x64xf32>
  %v = spider.dts_gate %l16 tau(%t16) threshold(0.0) min_k(1) : tensor<?x8xf16> -> tensor<?x8xf16>
  return %w, %v : tensor<4096x64xf32>, tensor<?x8xf16>
}

// -----

// The tile configuration stands alone as an attribute too.
// CHECK-LABEL: func.func @tile_config_attr
// CHECK-SAME:    spider.config = #spider.tile_config<microtile = [1, 64], compute_tile = [128, 128, 64]>
func.func @tile_config_attr() attributes {spider.config = #spider.tile_config<microtile = [1, 64], compute_tile = [128, 128, 64]>} {
  return
}

// -----

// A marked value whose active micro-tiles are known from a CSR index.
// CHECK-LABEL: func.func @assume_with_index
// CHECK:         %[[I:.*]] = spider.index_from_csr
// CHECK:         spider.assume_sparse %{{.*}} index(%[[I]] : !spider.index<microtile = [1, 1], pack_dim = 1>) : tensor<64x64xf32> to tensor<64x64xf32, #spider.sparse<microtile = [1, 1]>>
func.func @assume_with_index(%adj: tensor<64x64xf32>, %o: tensor<65xindex>, %c: tensor<?xindex>, %n: index)
    -> tensor<64x64xf32, #spider.sparse<microtile = [1, 1]>> {
  %i = spider.index_from_csr %o, %c, num_columns = %n : tensor<65xindex>, tensor<?xindex> -> !spider.index<microtile = [1, 1], pack_dim = 1>
  %s = spider.assume_sparse %adj index(%i : !spider.index<microtile = [1, 1], pack_dim = 1>)
      : tensor<64x64xf32> to tensor<64x64xf32, #spider.sparse<microtile = [1, 1]>>
  return %s : tensor<64x64xf32, #spider.sparse<microtile = [1, 1]>>
}

// -----

// Masked scores: -inf, not zero, outside the known index's tiles.
// CHECK-LABEL: func.func @assume_inactive_value
// CHECK:         spider.assume_sparse %{{.*}} index(%{{.*}} : !spider.index<microtile = [1, 1], pack_dim = 1>) {inactive = 0xFF800000 : f32} : tensor<64x64xf32> to tensor<64x64xf32, #spider.sparse<microtile = [1, 1]>>
func.func @assume_inactive_value(%scores: tensor<64x64xf32>, %i: !spider.index<microtile = [1, 1], pack_dim = 1>)
    -> tensor<64x64xf32, #spider.sparse<microtile = [1, 1]>> {
  %s = spider.assume_sparse %scores index(%i : !spider.index<microtile = [1, 1], pack_dim = 1>) {inactive = 0xFF800000 : f32}
      : tensor<64x64xf32> to tensor<64x64xf32, #spider.sparse<microtile = [1, 1]>>
  return %s : tensor<64x64xf32, #spider.sparse<microtile = [1, 1]>>
}

// -----

// Packed sparse values: from tiles and an index, from CSR with values.
// CHECK-LABEL: func.func @packed_values
// CHECK:         spider.from_tiles %{{.*}} index(%{{.*}} : !spider.index<microtile = [1, 1], pack_dim = 1>) sizes(%{{.*}}, %{{.*}}) : tensor<?x1x1xf32> -> tensor<?x?xf32, #spider.sparse<microtile = [1, 1]>>
// CHECK:         spider.from_csr %{{.*}}, %{{.*}}, %{{.*}}, num_columns = %{{.*}} : tensor<65xi64>, tensor<?xi64>, tensor<?xf32> -> tensor<64x64xf32, #spider.sparse<microtile = [1, 1]>>
// CHECK:         spider.index_from_csr {{.*}} {sorted_columns}
func.func @packed_values(%t: tensor<?x1x1xf32>, %i: !spider.index<microtile = [1, 1], pack_dim = 1>, %m: index, %n: index,
                         %o: tensor<65xi64>, %c: tensor<?xi64>, %v: tensor<?xf32>) {
  %a = spider.from_tiles %t index(%i : !spider.index<microtile = [1, 1], pack_dim = 1>) sizes(%m, %n)
      : tensor<?x1x1xf32> -> tensor<?x?xf32, #spider.sparse<microtile = [1, 1]>>
  %b = spider.from_csr %o, %c, %v, num_columns = %n : tensor<65xi64>, tensor<?xi64>, tensor<?xf32> -> tensor<64x64xf32, #spider.sparse<microtile = [1, 1]>>
  %s = spider.index_from_csr %o, %c, num_columns = %n {sorted_columns} : tensor<65xi64>, tensor<?xi64> -> !spider.index<microtile = [1, 1], pack_dim = 1>
  "test.use"(%a, %b, %s) : (tensor<?x?xf32, #spider.sparse<microtile = [1, 1]>>, tensor<64x64xf32, #spider.sparse<microtile = [1, 1]>>, !spider.index<microtile = [1, 1], pack_dim = 1>) -> ()
  return
}
