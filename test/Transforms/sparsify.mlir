// RUN: spider-opt %s -split-input-file --spider-sparsify -verify-diagnostics | FileCheck %s --enable-var-scope

// [32, 1] micro-tiles on A[m, k]: packed along k (axis 1), the reduction.
// CHECK-LABEL: func.func @matmul_column_tiles
// CHECK-SAME:    %[[A:.*]]: tensor<100x200xf32, #spider.sparse<microtile = [32, 1]>>, %[[B:.*]]: tensor<200x48xf32>, %[[C:.*]]: tensor<100x48xf32>
// CHECK:         %[[I:.*]] = spider.detect %[[A]] : tensor<100x200xf32, #spider.sparse<microtile = [32, 1]>> -> !spider.index<microtile = [32, 1], pack_dim = 1>
// CHECK:         %[[R:.*]] = spider.pit ins(%[[A]], %[[B]] : {{.*}}) outs(%[[C]] : tensor<100x48xf32>) index(%[[I]] : !spider.index<microtile = [32, 1], pack_dim = 1>) sparse_operand = 0 pack_dim = 2 {
// CHECK-NEXT:    ^bb0(%[[X:.*]]: tensor<100x200xf32, #spider.sparse<microtile = [32, 1]>>, %[[Y:.*]]: tensor<200x48xf32>, %[[Z:.*]]: tensor<100x48xf32>):
// CHECK-NEXT:      %[[M:.*]] = linalg.matmul ins(%[[X]], %[[Y]] : {{.*}}) outs(%[[Z]] : tensor<100x48xf32>)
// CHECK-NEXT:      spider.yield %[[M]] : tensor<100x48xf32>
// CHECK-NEXT:    } -> tensor<100x48xf32>
// CHECK:         return %[[R]]
func.func @matmul_column_tiles(%a: tensor<100x200xf32, #spider.sparse<microtile = [32, 1]>>,
                               %b: tensor<200x48xf32>, %c: tensor<100x48xf32>) -> tensor<100x48xf32> {
  %r = linalg.matmul ins(%a, %b : tensor<100x200xf32, #spider.sparse<microtile = [32, 1]>>, tensor<200x48xf32>)
                     outs(%c : tensor<100x48xf32>) -> tensor<100x48xf32>
  return %r : tensor<100x48xf32>
}

// -----

// [1, 32] micro-tiles (row strips): packed along m (axis 0), scattered back.
// CHECK-LABEL: func.func @matmul_row_tiles
// CHECK:         spider.detect %{{.*}} -> !spider.index<microtile = [1, 32], pack_dim = 0>
// CHECK:         spider.pit {{.*}} sparse_operand = 0 pack_dim = 0 {
func.func @matmul_row_tiles(%a: tensor<64x96xf32>, %b: tensor<96x16xf32>, %c: tensor<64x16xf32>) -> tensor<64x16xf32> {
  %as = spider.assume_sparse %a : tensor<64x96xf32> to tensor<64x96xf32, #spider.sparse<microtile = [1, 32]>>
  %r = linalg.matmul ins(%as, %b : tensor<64x96xf32, #spider.sparse<microtile = [1, 32]>>, tensor<96x16xf32>)
                     outs(%c : tensor<64x16xf32>) -> tensor<64x16xf32>
  return %r : tensor<64x16xf32>
}

// -----

// Square micro-tiles tie on size: the reduction dimension k wins.
// A sparse right operand B[k, n] with [1, 16] tiles packs along k.
// CHECK-LABEL: func.func @square_tiles_and_sparse_rhs
// CHECK:         spider.detect %{{.*}} -> !spider.index<microtile = [32, 32], pack_dim = 1>
// CHECK:         spider.pit {{.*}} sparse_operand = 0 pack_dim = 2 {
// CHECK:         spider.detect %{{.*}} -> !spider.index<microtile = [1, 16], pack_dim = 0>
// CHECK:         spider.pit {{.*}} sparse_operand = 1 pack_dim = 2 {
func.func @square_tiles_and_sparse_rhs(%a: tensor<64x64xf32, #spider.sparse<microtile = [32, 32]>>,
                                       %b: tensor<64x64xf32>, %c: tensor<64x64xf32>,
                                       %bs: tensor<64x64xf32, #spider.sparse<microtile = [1, 16]>>)
    -> (tensor<64x64xf32>, tensor<64x64xf32>) {
  %0 = linalg.matmul ins(%a, %b : tensor<64x64xf32, #spider.sparse<microtile = [32, 32]>>, tensor<64x64xf32>)
                     outs(%c : tensor<64x64xf32>) -> tensor<64x64xf32>
  %1 = linalg.matmul ins(%b, %bs : tensor<64x64xf32>, tensor<64x64xf32, #spider.sparse<microtile = [1, 16]>>)
                     outs(%c : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %0, %1 : tensor<64x64xf32>, tensor<64x64xf32>
}

// -----

// An index already built for the same value and type is reused.
// CHECK-LABEL: func.func @reuse_index
// CHECK-COUNT-1: spider.detect
// CHECK-NOT:     spider.detect
// CHECK:         spider.pit
// CHECK:         spider.pit
func.func @reuse_index(%a: tensor<64x64xf32, #spider.sparse<microtile = [32, 1]>>, %b: tensor<64x64xf32>,
                       %c: tensor<64x64xf32>) -> (tensor<64x64xf32>, tensor<64x64xf32>, !spider.index<microtile = [32, 1], pack_dim = 1>) {
  %i = spider.detect %a : tensor<64x64xf32, #spider.sparse<microtile = [32, 1]>> -> !spider.index<microtile = [32, 1], pack_dim = 1>
  %0 = linalg.matmul ins(%a, %b : tensor<64x64xf32, #spider.sparse<microtile = [32, 1]>>, tensor<64x64xf32>)
                     outs(%c : tensor<64x64xf32>) -> tensor<64x64xf32>
  %1 = linalg.matmul ins(%a, %c : tensor<64x64xf32, #spider.sparse<microtile = [32, 1]>>, tensor<64x64xf32>)
                     outs(%c : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %0, %1, %i : tensor<64x64xf32>, tensor<64x64xf32>, !spider.index<microtile = [32, 1], pack_dim = 1>
}

// -----

// A sparse ReLU output feeding a linear layer (activation sparsity): the
// elementwise ReLU has no sparse input and stays as it is.
#id = affine_map<(i, j) -> (i, j)>
// CHECK-LABEL: func.func @relu_linear
// CHECK:         linalg.generic
// CHECK:         arith.maximumf
// CHECK:         spider.assume_sparse
// CHECK:         spider.detect %{{.*}} -> !spider.index<microtile = [1, 64], pack_dim = 0>
// CHECK:         spider.pit {{.*}} sparse_operand = 0 pack_dim = 0 {
func.func @relu_linear(%x: tensor<50x128xf32>, %w: tensor<128x32xf32>, %y: tensor<50x32xf32>) -> tensor<50x32xf32> {
  %zero = arith.constant 0.0 : f32
  %h = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<50x128xf32>) outs(%x : tensor<50x128xf32>) {
  ^bb0(%in: f32, %out: f32):
    %r = arith.maximumf %in, %zero : f32
    linalg.yield %r : f32
  } -> tensor<50x128xf32>
  %hs = spider.assume_sparse %h : tensor<50x128xf32> to tensor<50x128xf32, #spider.sparse<microtile = [1, 64]>>
  %o = linalg.matmul ins(%hs, %w : tensor<50x128xf32, #spider.sparse<microtile = [1, 64]>>, tensor<128x32xf32>)
                     outs(%y : tensor<50x32xf32>) -> tensor<50x32xf32>
  return %o : tensor<50x32xf32>
}

// -----

// A convolution with a sparse input: only batch and channels qualify; the
// channel axis wins (the batch holds a single micro-tile). A group cannot
// slice the window axes h and w (read through oh + kh, ow + kw), so the
// index micro-tile spans them whole.
// CHECK-LABEL: func.func @conv_sparse_input
// CHECK:         spider.detect %{{.*}} -> !spider.index<microtile = [1, 10, 10, 1], pack_dim = 3>
// CHECK:         spider.pit {{.*}} sparse_operand = 0 pack_dim = 6 {
func.func @conv_sparse_input(%in: tensor<1x10x10x8xf32, #spider.sparse<microtile = [1, 2, 2, 1]>>,
                             %f: tensor<3x3x8x4xf32>, %out: tensor<1x8x8x4xf32>) -> tensor<1x8x8x4xf32> {
  %r = linalg.conv_2d_nhwc_hwcf ins(%in, %f : tensor<1x10x10x8xf32, #spider.sparse<microtile = [1, 2, 2, 1]>>, tensor<3x3x8x4xf32>)
                                outs(%out : tensor<1x8x8x4xf32>) -> tensor<1x8x8x4xf32>
  return %r : tensor<1x8x8x4xf32>
}

// -----

// No rule: the sparse input's axes are a running difference's reduction and
// a compound stencil expression. The op stays dense and a remark says why.
#id = affine_map<(i, j) -> (i, j)>
#row = affine_map<(i, j) -> (i)>
#shift = affine_map<(i, j) -> (i + j)>
// CHECK-LABEL: func.func @kept_dense
// CHECK-NOT:     spider.pit
// CHECK-NOT:     spider.detect
func.func @kept_dense(%x: tensor<4x8xf32, #spider.sparse<microtile = [4, 1]>>, %acc: tensor<f32>,
                      %v: tensor<16xf32, #spider.sparse<microtile = [4]>>, %o: tensor<4x8xf32>)
    -> (tensor<f32>, tensor<4x8xf32>) {
  // expected-remark@+1 {{kept dense: input #0 axis 0 maps to d0, which does not qualify: d0 reduces result #0 is not combined with a commutative, associative operation; input #0 axis 1 maps to d1, which does not qualify: d1 reduces result #0 is not combined with a commutative, associative operation}}
  %0 = linalg.generic {indexing_maps = [#id, affine_map<(i, j) -> ()>], iterator_types = ["reduction", "reduction"]}
      ins(%x : tensor<4x8xf32, #spider.sparse<microtile = [4, 1]>>) outs(%acc : tensor<f32>) {
  ^bb0(%in: f32, %out: f32):
    %d = arith.subf %out, %in : f32
    linalg.yield %d : f32
  } -> tensor<f32>
  // expected-remark@+1 {{kept dense: input #0 axis 0 is indexed by the compound expression 'd0 + d1'}}
  %1 = linalg.generic {indexing_maps = [#shift, #id], iterator_types = ["parallel", "parallel"]}
      ins(%v : tensor<16xf32, #spider.sparse<microtile = [4]>>) outs(%o : tensor<4x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %r = arith.addf %out, %in : f32
    linalg.yield %r : f32
  } -> tensor<4x8xf32>
  return %0, %1 : tensor<f32>, tensor<4x8xf32>
}

// -----

// A sparse output is not rewritten, with a remark; buffers carry no marks.
// CHECK-LABEL: func.func @unsupported
// CHECK-NOT:     spider.pit
func.func @unsupported(%a: tensor<8x8xf32>, %b: tensor<8x8xf32>, %c: tensor<8x8xf32, #spider.sparse<microtile = [1, 1]>>,
                       %ma: memref<8x8xf32>) {
  // expected-remark@+1 {{kept dense: its output #0 is marked sparse; only inputs can be}}
  %0 = linalg.matmul ins(%a, %b : tensor<8x8xf32>, tensor<8x8xf32>) outs(%c : tensor<8x8xf32, #spider.sparse<microtile = [1, 1]>>) -> tensor<8x8xf32, #spider.sparse<microtile = [1, 1]>>
  // Buffers without marks: no sparse input, nothing to say.
  linalg.matmul ins(%ma, %ma : memref<8x8xf32>, memref<8x8xf32>) outs(%ma : memref<8x8xf32>)
  return
}

// -----

// Skipping zero micro-tiles must leave every result unchanged: exp(0) = 1
// would be lost, relu(0) = 0 is what a zero-filled result already holds, and
// a masked product adds 0.
#id = affine_map<(i, j) -> (i, j)>
// CHECK-LABEL: func.func @zero_skipping
// CHECK:         linalg.generic
// CHECK:         math.exp
// CHECK:         spider.pit {{.*}} sparse_operand = 0 pack_dim = 0 {
// CHECK-NEXT:      ^bb0(
// CHECK-NEXT:      %[[Z:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT:      linalg.generic
// CHECK:             arith.maximumf %{{.*}}, %[[Z]]
// CHECK:         spider.pit {{.*}} sparse_operand = 0 pack_dim = 0 {
// CHECK:           arith.select
func.func @zero_skipping(%s: tensor<8x8xf32, #spider.sparse<microtile = [1, 8]>>, %x: tensor<8x8xf32>)
    -> (tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>) {
  %empty = tensor.empty() : tensor<8x8xf32>
  // expected-remark@+1 {{kept dense: where input #0 is zero, result #0 becomes 1.000000e+00 : f32 instead of keeping its value}}
  %0 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%s : tensor<8x8xf32, #spider.sparse<microtile = [1, 8]>>) outs(%empty : tensor<8x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %e = math.exp %in : f32
    linalg.yield %e : f32
  } -> tensor<8x8xf32>
  %zero = arith.constant 0.0 : f32
  %zeros = linalg.fill ins(%zero : f32) outs(%empty : tensor<8x8xf32>) -> tensor<8x8xf32>
  %1 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%s : tensor<8x8xf32, #spider.sparse<microtile = [1, 8]>>) outs(%zeros : tensor<8x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %r = arith.maximumf %in, %zero : f32
    linalg.yield %r : f32
  } -> tensor<8x8xf32>
  %2 = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%s, %x : tensor<8x8xf32, #spider.sparse<microtile = [1, 8]>>, tensor<8x8xf32>) outs(%x : tensor<8x8xf32>) {
  ^bb0(%g: f32, %v: f32, %out: f32):
    %nz = arith.cmpf one, %g, %zero : f32
    %p = arith.mulf %v, %v : f32
    %m = arith.select %nz, %p, %zero : f32
    %r = arith.addf %out, %m : f32
    linalg.yield %r : f32
  } -> tensor<8x8xf32>
  return %0, %1, %2 : tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>
}

// -----

// A value the body captures from above becomes an extra input of the
// isolated spider.pit.
#id = affine_map<(i, j) -> (i, j)>
#row = affine_map<(i, j) -> (i)>
// CHECK-LABEL: func.func @captured_scalar
// CHECK-SAME:    %[[S:.*]]: tensor<8x8xf32, {{.*}}>, %[[ALPHA:.*]]: f32, %[[ACC:.*]]: tensor<8xf32>
// CHECK:         spider.pit ins(%[[S]], %[[ALPHA]] : tensor<8x8xf32, {{.*}}>, f32) outs(%[[ACC]] : tensor<8xf32>)
// CHECK-NEXT:    ^bb0(%{{.*}}: tensor<8x8xf32, {{.*}}>, %[[A:.*]]: f32, %{{.*}}: tensor<8xf32>):
// CHECK:           arith.mulf %{{.*}}, %[[A]]
func.func @captured_scalar(%s: tensor<8x8xf32, #spider.sparse<microtile = [8, 1]>>, %alpha: f32,
                           %acc: tensor<8xf32>) -> tensor<8xf32> {
  %0 = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%s : tensor<8x8xf32, #spider.sparse<microtile = [8, 1]>>) outs(%acc : tensor<8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %p = arith.mulf %in, %alpha : f32
    %r = arith.addf %out, %p : f32
    linalg.yield %r : f32
  } -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

// -----

// An index the value was marked with is used as is, and fixes the pack
// axis (here the CSR's columns, the reduction of a GNN aggregation).
// CHECK-LABEL: func.func @known_index
// CHECK:         %[[I:.*]] = spider.index_from_csr
// CHECK-NOT:     spider.detect
// CHECK:         spider.pit {{.*}} index(%[[I]] : !spider.index<microtile = [1, 1], pack_dim = 1>) sparse_operand = 0 pack_dim = 2 {
func.func @known_index(%adj: tensor<64x64xf32>, %x: tensor<64x16xf32>, %y: tensor<64x16xf32>,
                       %o: tensor<65xindex>, %c: tensor<?xindex>, %n: index) -> tensor<64x16xf32> {
  %i = spider.index_from_csr %o, %c, num_columns = %n : tensor<65xindex>, tensor<?xindex> -> !spider.index<microtile = [1, 1], pack_dim = 1>
  %s = spider.assume_sparse %adj index(%i : !spider.index<microtile = [1, 1], pack_dim = 1>)
      : tensor<64x64xf32> to tensor<64x64xf32, #spider.sparse<microtile = [1, 1]>>
  %r = linalg.matmul ins(%s, %x : tensor<64x64xf32, #spider.sparse<microtile = [1, 1]>>, tensor<64x16xf32>)
                     outs(%y : tensor<64x16xf32>) -> tensor<64x16xf32>
  return %r : tensor<64x16xf32>
}

// -----

// A·A with A marked: each use of A reads its own block argument; the index
// describes the one chosen (the right-hand A[k, n], packed along k), the
// other is a plain operand.
// CHECK-LABEL: func.func @matmul_self
// CHECK:         %[[AS:.*]] = spider.assume_sparse
// CHECK:         %[[I:.*]] = spider.detect %[[AS]] {{.*}} -> !spider.index<microtile = [1, 16], pack_dim = 0>
// CHECK:         spider.pit ins(%[[AS]], %[[AS]] : {{.*}}) outs({{.*}}) index(%[[I]] : {{.*}}) sparse_operand = 1 pack_dim = 2 {
// CHECK-NEXT:    ^bb0(%[[X:[^:]*]]: {{.*}}, %[[Y:[^:]*]]: {{.*}}, %[[Z:[^:]*]]: tensor<40x40xf32>):
// CHECK-NEXT:      linalg.matmul ins(%[[X]], %[[Y]] : {{.*}}) outs(%[[Z]] : tensor<40x40xf32>)
func.func @matmul_self(%a: tensor<40x40xf32>, %c: tensor<40x40xf32>) -> tensor<40x40xf32> {
  %as = spider.assume_sparse %a : tensor<40x40xf32> to tensor<40x40xf32, #spider.sparse<microtile = [1, 16]>>
  %r = linalg.matmul ins(%as, %as : tensor<40x40xf32, #spider.sparse<microtile = [1, 16]>>, tensor<40x40xf32, #spider.sparse<microtile = [1, 16]>>)
                     outs(%c : tensor<40x40xf32>) -> tensor<40x40xf32>
  return %r : tensor<40x40xf32>
}

// -----

// A·Aᵀ as a generic: the left-hand use A[m, k] is packed along m (the
// finest micro-tile, scattered back), the right-hand A[n, k] is plain.
#lhs = affine_map<(m, n, k) -> (m, k)>
#rhs = affine_map<(m, n, k) -> (n, k)>
#res = affine_map<(m, n, k) -> (m, n)>
// CHECK-LABEL: func.func @gram
// CHECK:         spider.detect %{{.*}} -> !spider.index<microtile = [1, 16], pack_dim = 0>
// CHECK:         spider.pit {{.*}} sparse_operand = 0 pack_dim = 0 {
// CHECK-NEXT:    ^bb0(%[[X:[^:]*]]: {{.*}}, %[[Y:[^:]*]]: {{.*}}, %[[Z:[^:]*]]: tensor<30x30xf32>):
// CHECK-NEXT:      linalg.generic {{.*}} ins(%[[X]], %[[Y]] : {{.*}}) outs(%[[Z]] : tensor<30x30xf32>)
func.func @gram(%a: tensor<30x50xf32>, %c: tensor<30x30xf32>) -> tensor<30x30xf32> {
  %as = spider.assume_sparse %a : tensor<30x50xf32> to tensor<30x50xf32, #spider.sparse<microtile = [1, 16]>>
  %r = linalg.generic {indexing_maps = [#lhs, #rhs, #res], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%as, %as : tensor<30x50xf32, #spider.sparse<microtile = [1, 16]>>, tensor<30x50xf32, #spider.sparse<microtile = [1, 16]>>)
      outs(%c : tensor<30x30xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %m = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %m : f32
    linalg.yield %s : f32
  } -> tensor<30x30xf32>
  return %r : tensor<30x30xf32>
}

// -----

// quantized_matmul whose marked operand has a constant-zero zero point:
// (0 - 0) * (b - zb) is 0 whatever zb is, so zero micro-tiles are skipped.
// CHECK-LABEL: func.func @quantized_zero_point
// CHECK:         spider.pit {{.*}} sparse_operand = 0 pack_dim = 2 {
// CHECK:           linalg.quantized_matmul
func.func @quantized_zero_point(%a: tensor<20x40xi8, #spider.sparse<microtile = [16, 1]>>, %b: tensor<40x24xi8>,
                                %zb: i32, %c: tensor<20x24xi32>) -> tensor<20x24xi32> {
  %za = arith.constant 0 : i32
  %r = linalg.quantized_matmul ins(%a, %b, %za, %zb : tensor<20x40xi8, #spider.sparse<microtile = [16, 1]>>, tensor<40x24xi8>, i32, i32)
                               outs(%c : tensor<20x24xi32>) -> tensor<20x24xi32>
  return %r : tensor<20x24xi32>
}
