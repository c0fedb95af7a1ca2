// RUN: spider-opt %s -split-input-file --spider-specialize-packed-contractions --canonicalize | FileCheck %s

// One expert's first matmul as PIT lowering leaves it: the box keeps a unit
// expert loop, and the routing mask selects every product. The unit loop
// goes, the mask moves after the reduction, and the core is a matmul.
#te = affine_map<(t, e, f, d) -> (t, e)>
#td = affine_map<(t, e, f, d) -> (t, d)>
#edf = affine_map<(t, e, f, d) -> (e, d, f)>
#tef = affine_map<(t, e, f, d) -> (t, e, f)>
// CHECK-LABEL: func.func @masked_expert(
// CHECK-SAME:    %[[G:.*]]: tensor<?x1xf32>, %[[X:.*]]: tensor<?x8xf32>, %[[W:.*]]: tensor<1x8x12xf32>, %[[OUT:.*]]: tensor<?x1x12xf32>
// CHECK-DAG:     %[[XW:.*]] = tensor.collapse_shape %[[W]] {{\[\[}}0, 1], [2]] : tensor<1x8x12xf32> into tensor<8x12xf32>
// CHECK:         %[[CORE:.*]] = linalg.matmul ins(%[[X]], %[[XW]] : tensor<?x8xf32>, tensor<8x12xf32>)
// CHECK:         linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]} ins(%[[CORE]], %{{.*}} : tensor<?x12xf32>, tensor<?xf32>)
// CHECK:           arith.cmpf one
// CHECK:           arith.select
// CHECK:           arith.addf
// CHECK:         tensor.expand_shape
func.func @masked_expert(%g: tensor<?x1xf32>, %x: tensor<?x8xf32>, %w: tensor<1x8x12xf32>, %out: tensor<?x1x12xf32>) -> tensor<?x1x12xf32> {
  %zero = arith.constant 0.0 : f32
  %h = linalg.generic {indexing_maps = [#te, #td, #edf, #tef], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%g, %x, %w : tensor<?x1xf32>, tensor<?x8xf32>, tensor<1x8x12xf32>) outs(%out : tensor<?x1x12xf32>) attrs = {spider.packed} {
  ^bb0(%gv: f32, %xv: f32, %wv: f32, %acc: f32):
    %routed = arith.cmpf one, %gv, %zero : f32
    %p = arith.mulf %xv, %wv : f32
    %c = arith.select %routed, %p, %zero : f32
    %r = arith.addf %acc, %c : f32
    linalg.yield %r : f32
  } -> tensor<?x1x12xf32>
  return %h : tensor<?x1x12xf32>
}

// -----

// The second matmul: the routing weight scales every product; it is
// hoisted out as a scale of the reduced rows.
#te2 = affine_map<(t, d, e, f) -> (t, e)>
#tef2 = affine_map<(t, d, e, f) -> (t, e, f)>
#efd = affine_map<(t, d, e, f) -> (e, f, d)>
#td2 = affine_map<(t, d, e, f) -> (t, d)>
// CHECK-LABEL: func.func @weighted_expert(
// CHECK:         %[[CORE:.*]] = linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<?x12xf32>, tensor<12x8xf32>)
// CHECK:         linalg.generic {{.*}} ins(%[[CORE]], %{{.*}} : tensor<?x8xf32>, tensor<?xf32>)
// CHECK:           %[[S:.*]] = arith.mulf
// CHECK:           arith.addf %{{.*}}, %[[S]]
func.func @weighted_expert(%g: tensor<?x1xf32>, %a: tensor<?x1x12xf32>, %w: tensor<1x12x8xf32>, %out: tensor<?x8xf32>) -> tensor<?x8xf32> {
  %y = linalg.generic {indexing_maps = [#te2, #tef2, #efd, #td2], iterator_types = ["parallel", "parallel", "reduction", "reduction"]}
      ins(%g, %a, %w : tensor<?x1xf32>, tensor<?x1x12xf32>, tensor<1x12x8xf32>) outs(%out : tensor<?x8xf32>) attrs = {spider.packed} {
  ^bb0(%gv: f32, %av: f32, %wv: f32, %acc: f32):
    %ga = arith.mulf %gv, %av : f32
    %p = arith.mulf %ga, %wv : f32
    %r = arith.addf %acc, %p : f32
    linalg.yield %r : f32
  } -> tensor<?x8xf32>
  return %y : tensor<?x8xf32>
}

// -----

// A factor that varies along the reduction stays inside; an op without the
// packed mark is left alone.
#mk = affine_map<(m, n, k) -> (m, k)>
#kn = affine_map<(m, n, k) -> (k, n)>
#mn = affine_map<(m, n, k) -> (m, n)>
// CHECK-LABEL: func.func @varying_factor(
// CHECK-NOT:     linalg.matmul
// CHECK:         linalg.generic
// CHECK-NOT:     linalg.generic
// CHECK:         return
func.func @varying_factor(%a: tensor<?x8xf32>, %b: tensor<8x12xf32>, %s: tensor<?x8xf32>, %out: tensor<?x12xf32>) -> tensor<?x12xf32> {
  %y = linalg.generic {indexing_maps = [#mk, #kn, #mk, #mn], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b, %s : tensor<?x8xf32>, tensor<8x12xf32>, tensor<?x8xf32>) outs(%out : tensor<?x12xf32>) attrs = {spider.packed} {
  ^bb0(%av: f32, %bv: f32, %sv: f32, %acc: f32):
    %p = arith.mulf %av, %bv : f32
    %q = arith.mulf %p, %sv : f32
    %r = arith.addf %acc, %q : f32
    linalg.yield %r : f32
  } -> tensor<?x12xf32>
  return %y : tensor<?x12xf32>
}

// CHECK-LABEL: func.func @not_packed(
// CHECK:         linalg.generic
// CHECK-NOT:     linalg.matmul
func.func @not_packed(%a: tensor<?x8xf32>, %b: tensor<8x12xf32>, %out: tensor<?x12xf32>) -> tensor<?x12xf32> {
  %y = linalg.generic {indexing_maps = [#mk, #kn, #mn], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<?x8xf32>, tensor<8x12xf32>) outs(%out : tensor<?x12xf32>) {
  ^bb0(%av: f32, %bv: f32, %acc: f32):
    %p = arith.mulf %av, %bv : f32
    %r = arith.addf %acc, %p : f32
    linalg.yield %r : f32
  } -> tensor<?x12xf32>
  return %y : tensor<?x12xf32>
}
