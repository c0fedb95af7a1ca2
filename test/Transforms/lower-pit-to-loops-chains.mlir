// RUN: spider-opt %s -split-input-file --spider-sparsify --spider-fuse-pit-chains --spider-lower-pit-to-loops --canonicalize -verify-diagnostics | FileCheck %s

// A chain (expert matmul, ReLU, expert matmul) lowers to one loop over the
// groups (experts): x is gathered once, the intermediates are built at the
// group's size (tokens x 1 x d_ff), and the rows the group computes for y
// are added into it once (never gathered). No [tokens, experts, d_ff]
// tensor is left.
#te = affine_map<(t, e, f, d) -> (t, e)>
#td = affine_map<(t, e, f, d) -> (t, d)>
#edf = affine_map<(t, e, f, d) -> (e, d, f)>
#tef = affine_map<(t, e, f, d) -> (t, e, f)>
#id3 = affine_map<(t, e, f) -> (t, e, f)>
#te2 = affine_map<(t, d, e, f) -> (t, e)>
#tef2 = affine_map<(t, d, e, f) -> (t, e, f)>
#efd = affine_map<(t, d, e, f) -> (e, f, d)>
#td2 = affine_map<(t, d, e, f) -> (t, d)>
!G = tensor<16x4xf32, #spider.sparse<microtile = [1, 1]>>

// CHECK-LABEL: func.func @moe(
// CHECK-NOT:     tensor<16x4x12xf32>
// CHECK:         scf.for {{.*}} -> (tensor<16x8xf32>) {
// CHECK:           scf.if
// CHECK:             scf.for {{.*}} -> (tensor<?x1xf32>) {
// CHECK:             scf.for {{.*}} -> (tensor<?x8xf32>) {
// CHECK:             %[[E:.*]] = tensor.empty(%{{.*}}) : tensor<?x1x12xf32>
// CHECK:             linalg.fill {{.*}} outs(%[[E]] : tensor<?x1x12xf32>)
// CHECK:             linalg.generic {{.*}} outs(%{{.*}} : tensor<?x1x12xf32>) attrs =  {spider.packed}
// CHECK:             linalg.generic {{.*}} outs(%{{.*}} : tensor<?x1x12xf32>) attrs =  {spider.packed}
// CHECK:             linalg.fill {{.*}} -> tensor<?x8xf32>
// CHECK:             linalg.generic {{.*}} outs(%{{.*}} : tensor<?x8xf32>) attrs =  {spider.packed}
// CHECK:             scf.for {{.*}} -> (tensor<16x8xf32>) {
// CHECK:               linalg.generic {{.*}} ins(%{{.*}} : tensor<1x8xf32>) outs(%{{.*}} : tensor<1x8xf32>)
// CHECK:                 arith.addf
// CHECK-NOT:     tensor<16x4x12xf32>
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

// -----

// A hand-written chain whose head sums over a box dimension (the experts of
// a group of tokens): its result is complete only after every group, and
// the second computation reads it per group. Lowered densely, with why.
#te = affine_map<(t, e, f, d) -> (t, e)>
#td = affine_map<(t, e, f, d) -> (t, d)>
#edf = affine_map<(t, e, f, d) -> (e, d, f)>
#tef = affine_map<(t, e, f, d) -> (t, e, f)>
#te2 = affine_map<(t, d, e, f) -> (t, e)>
#tef2 = affine_map<(t, d, e, f) -> (t, e, f)>
#efd = affine_map<(t, d, e, f) -> (e, f, d)>
#td2 = affine_map<(t, d, e, f) -> (t, d)>
!G = tensor<16x4xf32, #spider.sparse<microtile = [1, 1]>>
!I = !spider.index<microtile = [1, 1], pack_dim = 0>
// CHECK-LABEL: func.func @summed_over_groups(
// CHECK-NOT:     scf.for
// CHECK:         return
func.func @summed_over_groups(%g: !G, %x: tensor<16x4x12xf32>, %w2: tensor<4x12x8xf32>, %w1: tensor<4x8x12xf32>,
                              %out: tensor<16x4x12xf32>, %i: !I) -> tensor<16x4x12xf32> {
  // expected-remark@+1 {{lowered densely: chained computation #0 sums over the groups along d2: its result is complete only after every group, and a later computation reads it per group}}
  %r = spider.pit ins(%g, %x, %w2, %w1 : !G, tensor<16x4x12xf32>, tensor<4x12x8xf32>, tensor<4x8x12xf32>) outs(%out : tensor<16x4x12xf32>)
         index(%i : !I) sparse_operand = 0 pack_dim = 0 {
  ^bb0(%ga: !G, %xa: tensor<16x4x12xf32>, %w2a: tensor<4x12x8xf32>, %w1a: tensor<4x8x12xf32>, %o: tensor<16x4x12xf32>):
    %zero = arith.constant 0.0 : f32
    %e = tensor.empty() : tensor<16x8xf32>
    %z = linalg.fill ins(%zero : f32) outs(%e : tensor<16x8xf32>) -> tensor<16x8xf32>
    %y = linalg.generic {indexing_maps = [#te2, #tef2, #efd, #td2], iterator_types = ["parallel", "parallel", "reduction", "reduction"]}
        ins(%ga, %xa, %w2a : !G, tensor<16x4x12xf32>, tensor<4x12x8xf32>) outs(%z : tensor<16x8xf32>) {
    ^bb0(%gv: f32, %av: f32, %wv: f32, %acc: f32):
      %p0 = arith.mulf %gv, %av : f32
      %p = arith.mulf %p0, %wv : f32
      %s = arith.addf %acc, %p : f32
      linalg.yield %s : f32
    } -> tensor<16x8xf32>
    %h = linalg.generic {indexing_maps = [#te, #td, #edf, #tef], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
        ins(%ga, %y, %w1a : !G, tensor<16x8xf32>, tensor<4x8x12xf32>) outs(%o : tensor<16x4x12xf32>) {
    ^bb0(%gv: f32, %yv: f32, %wv: f32, %acc: f32):
      %p = arith.mulf %yv, %wv : f32
      %p1 = arith.mulf %gv, %p : f32
      %s = arith.addf %acc, %p1 : f32
      linalg.yield %s : f32
    } -> tensor<16x4x12xf32>
    spider.yield %h : tensor<16x4x12xf32>
  } -> tensor<16x4x12xf32>
  return %r : tensor<16x4x12xf32>
}
