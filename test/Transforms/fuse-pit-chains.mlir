// RUN: spider-opt %s --spider-sparsify --spider-fuse-pit-chains --canonicalize -verify-diagnostics | FileCheck %s

#te = affine_map<(t, e, f, d) -> (t, e)>
#td = affine_map<(t, e, f, d) -> (t, d)>
#edf = affine_map<(t, e, f, d) -> (e, d, f)>
#tef = affine_map<(t, e, f, d) -> (t, e, f)>
#id3 = affine_map<(t, e, f) -> (t, e, f)>
#te2 = affine_map<(t, d, e, f) -> (t, e)>
#tef2 = affine_map<(t, d, e, f) -> (t, e, f)>
#efd = affine_map<(t, d, e, f) -> (e, f, d)>
#td2 = affine_map<(t, d, e, f) -> (t, d)>
#id2 = affine_map<(t, d) -> (t, d)>
!G = tensor<16x4xf32, #spider.sparse<microtile = [1, 1]>>

// An MoE FFN: expert matmul, ReLU, expert matmul, the routing weights
// marked sparse. The second matmul packed along the experts of each token;
// it moves to the first one's index (tokens of each expert) and the three
// become one spider.pit. Its intermediates are built inside, at their dense
// types, which lowering turns into per-group sizes; there is no
// dense_threshold.
// CHECK-LABEL: func.func @moe(
// CHECK:         %[[ZY:.*]] = linalg.fill {{.*}} -> tensor<16x8xf32>
// CHECK-NOT:     spider.detect {{.*}} pack_dim = 1
// CHECK:         %[[I:.*]] = spider.detect {{.*}} pack_dim = 0>
// CHECK-NOT:     spider.detect
// CHECK:         spider.pit ins(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} : {{.*}}) outs(%[[ZY]] : tensor<16x8xf32>) index(%[[I]] : !spider.index<microtile = [1, 1], pack_dim = 0>) sparse_operand = 0 pack_dim = 0 {
// CHECK-NEXT:    ^bb0(%[[GS:.*]]: tensor<16x4xf32, #spider.sparse<microtile = [1, 1]>>, %{{.*}}: tensor<16x8xf32>, %{{.*}}: tensor<4x8x12xf32>, %{{.*}}: tensor<4x12x8xf32>, %[[OUT:.*]]: tensor<16x8xf32>):
// CHECK:           %[[E1:.*]] = tensor.empty() : tensor<16x4x12xf32>
// CHECK:           %[[F1:.*]] = linalg.fill {{.*}} outs(%[[E1]]
// CHECK:           %[[H:.*]] = linalg.generic {{.*}} ins(%[[GS]], {{.*}} outs(%[[F1]]
// CHECK:           %[[A:.*]] = linalg.generic {{.*}} ins(%[[H]] :
// CHECK:             arith.maximumf
// CHECK:           %[[Y:.*]] = linalg.generic {{.*}} ins(%[[GS]], %[[A]], {{.*}} outs(%[[OUT]]
// CHECK:           spider.yield %[[Y]]
// CHECK-NOT:     dense_threshold
// CHECK-NOT:     spider.pit
// CHECK:         return
func.func @moe(%x: tensor<16x8xf32>, %g: tensor<16x4xf32>, %w1: tensor<4x8x12xf32>, %w2: tensor<4x12x8xf32>) -> tensor<16x8xf32> {
  %zero = arith.constant 0.0 : f32
  %gs = spider.assume_sparse %g : tensor<16x4xf32> to !G
  %eh = tensor.empty() : tensor<16x4x12xf32>
  %zh = linalg.fill ins(%zero : f32) outs(%eh : tensor<16x4x12xf32>) -> tensor<16x4x12xf32>
  %ey = tensor.empty() : tensor<16x8xf32>
  %zy = linalg.fill ins(%zero : f32) outs(%ey : tensor<16x8xf32>) -> tensor<16x8xf32>
  %h = linalg.generic {indexing_maps = [#te, #td, #edf, #tef], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%gs, %x, %w1 : !G, tensor<16x8xf32>, tensor<4x8x12xf32>) outs(%zh : tensor<16x4x12xf32>) {
  ^bb0(%gv: f32, %xv: f32, %wv: f32, %out: f32):
    %routed = arith.cmpf one, %gv, %zero : f32
    %p = arith.mulf %xv, %wv : f32
    %c = arith.select %routed, %p, %zero : f32
    %r = arith.addf %out, %c : f32
    linalg.yield %r : f32
  } -> tensor<16x4x12xf32>
  %a = linalg.generic {indexing_maps = [#id3, #id3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%h : tensor<16x4x12xf32>) outs(%zh : tensor<16x4x12xf32>) {
  ^bb0(%hv: f32, %out: f32):
    %r = arith.maximumf %hv, %zero : f32
    linalg.yield %r : f32
  } -> tensor<16x4x12xf32>
  %y = linalg.generic {indexing_maps = [#te2, #tef2, #efd, #td2], iterator_types = ["parallel", "parallel", "reduction", "reduction"]}
      ins(%gs, %a, %w2 : !G, tensor<16x4x12xf32>, tensor<4x12x8xf32>) outs(%zy : tensor<16x8xf32>) {
  ^bb0(%gv: f32, %av: f32, %wv: f32, %out: f32):
    %ga = arith.mulf %gv, %av : f32
    %p = arith.mulf %ga, %wv : f32
    %r = arith.addf %out, %p : f32
    linalg.yield %r : f32
  } -> tensor<16x8xf32>
  return %y : tensor<16x8xf32>
}

// The reverse chain: the first op sums over experts, so it packs along the
// experts of each token; the second, which reads the sums, moves to that
// index. Each group (one token) completes its sums before the second op
// reads them.
// CHECK-LABEL: func.func @summed_per_token(
// CHECK:         spider.detect {{.*}} pack_dim = 1>
// CHECK:         spider.pit
// CHECK-SAME:      sparse_operand = 0 pack_dim = 2 {
// CHECK-COUNT-2:   linalg.generic
// CHECK:           spider.yield
// CHECK-NOT:     spider.pit
// CHECK:         return
func.func @summed_per_token(%x: tensor<16x4x12xf32>, %g: tensor<16x4xf32>, %w1: tensor<4x8x12xf32>, %w2: tensor<4x12x8xf32>) -> tensor<16x4x12xf32> {
  %zero = arith.constant 0.0 : f32
  %gs = spider.assume_sparse %g : tensor<16x4xf32> to !G
  %eh = tensor.empty() : tensor<16x4x12xf32>
  %zh = linalg.fill ins(%zero : f32) outs(%eh : tensor<16x4x12xf32>) -> tensor<16x4x12xf32>
  %ey = tensor.empty() : tensor<16x8xf32>
  %zy = linalg.fill ins(%zero : f32) outs(%ey : tensor<16x8xf32>) -> tensor<16x8xf32>
  %y = linalg.generic {indexing_maps = [#te2, #tef2, #efd, #td2], iterator_types = ["parallel", "parallel", "reduction", "reduction"]}
      ins(%gs, %x, %w2 : !G, tensor<16x4x12xf32>, tensor<4x12x8xf32>) outs(%zy : tensor<16x8xf32>) {
  ^bb0(%gv: f32, %av: f32, %wv: f32, %out: f32):
    %ga = arith.mulf %gv, %av : f32
    %p = arith.mulf %ga, %wv : f32
    %r = arith.addf %out, %p : f32
    linalg.yield %r : f32
  } -> tensor<16x8xf32>
  %h = linalg.generic {indexing_maps = [#te, #td, #edf, #tef], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%gs, %y, %w1 : !G, tensor<16x8xf32>, tensor<4x8x12xf32>) outs(%zh : tensor<16x4x12xf32>) {
  ^bb0(%gv: f32, %xv: f32, %wv: f32, %out: f32):
    %routed = arith.cmpf one, %gv, %zero : f32
    %p = arith.mulf %xv, %wv : f32
    %c = arith.select %routed, %p, %zero : f32
    %r = arith.addf %out, %c : f32
    linalg.yield %r : f32
  } -> tensor<16x4x12xf32>
  return %h : tensor<16x4x12xf32>
}

// The first op writes into a function argument, not a constant fill: its
// dense value would be gathered group by group, so no chain.
// CHECK-LABEL: func.func @init_not_constant(
// CHECK-COUNT-2: spider.pit
func.func @init_not_constant(%x: tensor<16x8xf32>, %g: tensor<16x4xf32>, %w1: tensor<4x8x12xf32>, %w2: tensor<4x12x8xf32>, %h0: tensor<16x4x12xf32>) -> tensor<16x8xf32> {
  %zero = arith.constant 0.0 : f32
  %gs = spider.assume_sparse %g : tensor<16x4xf32> to !G
  %ey = tensor.empty() : tensor<16x8xf32>
  %zy = linalg.fill ins(%zero : f32) outs(%ey : tensor<16x8xf32>) -> tensor<16x8xf32>
  %h = linalg.generic {indexing_maps = [#te, #td, #edf, #tef], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%gs, %x, %w1 : !G, tensor<16x8xf32>, tensor<4x8x12xf32>) outs(%h0 : tensor<16x4x12xf32>) {
  ^bb0(%gv: f32, %xv: f32, %wv: f32, %out: f32):
    %routed = arith.cmpf one, %gv, %zero : f32
    %p = arith.mulf %xv, %wv : f32
    %c = arith.select %routed, %p, %zero : f32
    %r = arith.addf %out, %c : f32
    linalg.yield %r : f32
  } -> tensor<16x4x12xf32>
  // expected-remark@+1 {{not fused with the spider.pit computing its input #1: that one's output is not built from a constant}}
  %y = linalg.generic {indexing_maps = [#te2, #tef2, #efd, #td2], iterator_types = ["parallel", "parallel", "reduction", "reduction"]}
      ins(%gs, %h, %w2 : !G, tensor<16x4x12xf32>, tensor<4x12x8xf32>) outs(%zy : tensor<16x8xf32>) {
  ^bb0(%gv: f32, %av: f32, %wv: f32, %out: f32):
    %ga = arith.mulf %gv, %av : f32
    %p = arith.mulf %ga, %wv : f32
    %r = arith.addf %out, %p : f32
    linalg.yield %r : f32
  } -> tensor<16x8xf32>
  return %y : tensor<16x8xf32>
}
