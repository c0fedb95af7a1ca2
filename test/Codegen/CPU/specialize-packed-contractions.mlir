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

// -----

// The whole expert chain as PIT lowering leaves it: the first matmul's mask
// goes after its reduction, in place over it; the ReLU joins that epilogue,
// and the second matmul's routing weight, which indexes only the ReLU's
// rows, moves in front of its reduction into the same pass (the program's
// own order: (g * a) * w). One element-wise pass between two matmuls, in
// place over the first one's result (no second result, nothing stored
// twice), and no pass after the second.
#te3 = affine_map<(t, e, f, d) -> (t, e)>
#td3 = affine_map<(t, e, f, d) -> (t, d)>
#edf3 = affine_map<(t, e, f, d) -> (e, d, f)>
#tef3 = affine_map<(t, e, f, d) -> (t, e, f)>
#id3 = affine_map<(t, e, f) -> (t, e, f)>
#te4 = affine_map<(t, d, e, f) -> (t, e)>
#tef4 = affine_map<(t, d, e, f) -> (t, e, f)>
#efd4 = affine_map<(t, d, e, f) -> (e, f, d)>
#td4 = affine_map<(t, d, e, f) -> (t, d)>
// CHECK-LABEL: func.func @expert_chain(
// CHECK:         %[[H:.*]] = linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<?x8xf32>, tensor<8x12xf32>)
// CHECK:         %[[A:.*]] = linalg.generic {{.*}} outs(%[[H]] : tensor<?x12xf32>) attrs = {spider.packed}
// CHECK:           arith.select
// CHECK:           %[[R:.*]] = arith.maximumf
// CHECK:           %[[S:.*]] = arith.mulf %{{.*}}, %[[R]]
// CHECK:           linalg.yield %[[S]] : f32
// CHECK-NEXT:    } -> tensor<?x12xf32>
// CHECK:         %[[Y:.*]] = linalg.matmul ins(%[[A]], %{{.*}} : tensor<?x12xf32>, tensor<12x8xf32>)
// CHECK-NOT:     linalg.generic
// CHECK:         return %[[Y]]
func.func @expert_chain(%g: tensor<?x1xf32>, %x: tensor<?x8xf32>, %w1: tensor<1x8x12xf32>,
                        %w2: tensor<1x12x8xf32>) -> tensor<?x8xf32> {
  %zero = arith.constant 0.0 : f32
  %c0 = arith.constant 0 : index
  %n = tensor.dim %x, %c0 : tensor<?x8xf32>
  %e = tensor.empty(%n) : tensor<?x1x12xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<?x1x12xf32>) -> tensor<?x1x12xf32>
  %h = linalg.generic {indexing_maps = [#te3, #td3, #edf3, #tef3], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%g, %x, %w1 : tensor<?x1xf32>, tensor<?x8xf32>, tensor<1x8x12xf32>) outs(%z : tensor<?x1x12xf32>) attrs = {spider.packed} {
  ^bb0(%gv: f32, %xv: f32, %wv: f32, %acc: f32):
    %routed = arith.cmpf one, %gv, %zero : f32
    %p = arith.mulf %xv, %wv : f32
    %c = arith.select %routed, %p, %zero : f32
    %r = arith.addf %acc, %c : f32
    linalg.yield %r : f32
  } -> tensor<?x1x12xf32>
  %a = linalg.generic {indexing_maps = [#id3, #id3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%h : tensor<?x1x12xf32>) outs(%z : tensor<?x1x12xf32>) attrs = {spider.packed} {
  ^bb0(%hv: f32, %out: f32):
    %r = arith.maximumf %hv, %zero : f32
    linalg.yield %r : f32
  } -> tensor<?x1x12xf32>
  %ey = tensor.empty(%n) : tensor<?x8xf32>
  %zy = linalg.fill ins(%zero : f32) outs(%ey : tensor<?x8xf32>) -> tensor<?x8xf32>
  %y = linalg.generic {indexing_maps = [#te4, #tef4, #efd4, #td4], iterator_types = ["parallel", "parallel", "reduction", "reduction"]}
      ins(%g, %a, %w2 : tensor<?x1xf32>, tensor<?x1x12xf32>, tensor<1x12x8xf32>) outs(%zy : tensor<?x8xf32>) attrs = {spider.packed} {
  ^bb0(%gv: f32, %av: f32, %wv: f32, %acc: f32):
    %ga = arith.mulf %gv, %av : f32
    %p = arith.mulf %ga, %wv : f32
    %r = arith.addf %acc, %p : f32
    linalg.yield %r : f32
  } -> tensor<?x8xf32>
  return %y : tensor<?x8xf32>
}

// -----

// A scale that indexes a loop its core input does not (here the output
// column) cannot go in front of the reduction: it stays an epilogue.
#mk5 = affine_map<(m, n, k) -> (m, k)>
#kn5 = affine_map<(m, n, k) -> (k, n)>
#n5 = affine_map<(m, n, k) -> (n)>
#mn5 = affine_map<(m, n, k) -> (m, n)>
// CHECK-LABEL: func.func @column_scale(
// CHECK:         linalg.generic {{.*}} attrs = {spider.packed}
// CHECK:           arith.maximumf
// CHECK-NOT:       arith.mulf
// CHECK:         %[[CORE:.*]] = linalg.matmul
// CHECK:         linalg.generic {{.*}} outs(%[[CORE]] : tensor<?x12xf32>)
// CHECK:           arith.mulf
func.func @column_scale(%x: tensor<?x8xf32>, %b: tensor<8x12xf32>, %s: tensor<12xf32>) -> tensor<?x12xf32> {
  %zero = arith.constant 0.0 : f32
  %c0 = arith.constant 0 : index
  %n = tensor.dim %x, %c0 : tensor<?x8xf32>
  %ea = tensor.empty(%n) : tensor<?x8xf32>
  %a = linalg.generic {indexing_maps = [affine_map<(m, k) -> (m, k)>, affine_map<(m, k) -> (m, k)>], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<?x8xf32>) outs(%ea : tensor<?x8xf32>) attrs = {spider.packed} {
  ^bb0(%xv: f32, %out: f32):
    %r = arith.maximumf %xv, %zero : f32
    linalg.yield %r : f32
  } -> tensor<?x8xf32>
  %e = tensor.empty(%n) : tensor<?x12xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<?x12xf32>) -> tensor<?x12xf32>
  %y = linalg.generic {indexing_maps = [#mk5, #kn5, #n5, #mn5], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b, %s : tensor<?x8xf32>, tensor<8x12xf32>, tensor<12xf32>) outs(%z : tensor<?x12xf32>) attrs = {spider.packed} {
  ^bb0(%av: f32, %bv: f32, %sv: f32, %acc: f32):
    %p = arith.mulf %av, %bv : f32
    %q = arith.mulf %p, %sv : f32
    %r = arith.addf %acc, %q : f32
    linalg.yield %r : f32
  } -> tensor<?x12xf32>
  return %y : tensor<?x12xf32>
}

// -----

// The activation is f16 and extended in the product: scaling it before the
// cast would round the scaled value to f16. The scale stays an epilogue.
#mk6 = affine_map<(m, n, k) -> (m, k)>
#kn6 = affine_map<(m, n, k) -> (k, n)>
#m6 = affine_map<(m, n, k) -> (m)>
#mn6 = affine_map<(m, n, k) -> (m, n)>
// CHECK-LABEL: func.func @scale_after_cast(
// CHECK:         linalg.generic {{.*}} attrs = {spider.packed}
// CHECK:           arith.maximumf {{.*}} : f16
// CHECK-NOT:       arith.mulf
// CHECK:         } -> tensor<?x8xf16>
// CHECK:         %[[CORE:.*]] = linalg.generic
// CHECK:           arith.extf
// CHECK:         linalg.generic {{.*}} outs(%[[CORE]] : tensor<?x12xf32>)
// CHECK:           arith.mulf
func.func @scale_after_cast(%x: tensor<?x8xf16>, %b: tensor<8x12xf32>, %s: tensor<?xf32>) -> tensor<?x12xf32> {
  %zero = arith.constant 0.0 : f32
  %zh = arith.constant 0.0 : f16
  %c0 = arith.constant 0 : index
  %n = tensor.dim %x, %c0 : tensor<?x8xf16>
  %ea = tensor.empty(%n) : tensor<?x8xf16>
  %a = linalg.generic {indexing_maps = [affine_map<(m, k) -> (m, k)>, affine_map<(m, k) -> (m, k)>], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<?x8xf16>) outs(%ea : tensor<?x8xf16>) attrs = {spider.packed} {
  ^bb0(%xv: f16, %out: f16):
    %r = arith.maximumf %xv, %zh : f16
    linalg.yield %r : f16
  } -> tensor<?x8xf16>
  %e = tensor.empty(%n) : tensor<?x12xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<?x12xf32>) -> tensor<?x12xf32>
  %y = linalg.generic {indexing_maps = [#mk6, #kn6, #m6, #mn6], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b, %s : tensor<?x8xf16>, tensor<8x12xf32>, tensor<?xf32>) outs(%z : tensor<?x12xf32>) attrs = {spider.packed} {
  ^bb0(%av: f16, %bv: f32, %sv: f32, %acc: f32):
    %ae = arith.extf %av : f16 to f32
    %p = arith.mulf %ae, %bv : f32
    %q = arith.mulf %sv, %p : f32
    %r = arith.addf %acc, %q : f32
    linalg.yield %r : f32
  } -> tensor<?x12xf32>
  return %y : tensor<?x12xf32>
}
