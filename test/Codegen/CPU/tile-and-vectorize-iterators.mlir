// RUN: spider-opt %s -split-input-file -verify-diagnostics --pass-pipeline="builtin.module(func.func(spider-tile-and-vectorize{cpu-isa=avx512}),canonicalize)" | FileCheck %s --enable-var-scope

// Iterator types that disagree with the maps (an upstream SparseTensor test
// labels `parallel` a loop that its init does not index). The loops run in
// order either way, so spider-tile-and-vectorize tiles and vectorizes as the
// maps say, with a remark: a loop some init does not index is a reduction,
// a loop every init indexes is parallel.

// out(i) += x(i, k) * y(k, j), j labelled parallel: vectorized as a
// contraction over j and k (it was an invalid vector.contract before),
// one step of each, so one element-wise FMA.
#ik = affine_map<(i, j, k) -> (i, k)>
#kj = affine_map<(i, j, k) -> (k, j)>
#i = affine_map<(i, j, k) -> (i)>
// CHECK-LABEL: func.func @sum_over_unindexed_parallel
// CHECK:         vector.shape_cast {{.*}} : vector<16x1x1xf32> to vector<16xf32>
// CHECK:         vector.fma {{.*}} : vector<16xf32>
func.func @sum_over_unindexed_parallel(%x: tensor<37x29xf32>, %y: tensor<29x23xf32>, %o: tensor<37xf32>) -> tensor<37xf32> {
  // expected-remark@+1 {{iterator types disagree with the indexing maps: loop 1 is a reduction (labelled parallel); tiled and vectorized as the maps say}}
  %r = linalg.generic {indexing_maps = [#ik, #kj, #i], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x, %y : tensor<37x29xf32>, tensor<29x23xf32>) outs(%o : tensor<37xf32>) {
  ^bb0(%a: f32, %b: f32, %acc: f32):
    %p = arith.mulf %a, %b : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<37xf32>
  return %r : tensor<37xf32>
}

// -----

// All parallel into a 0-d init: a reduction of both loops.
#ij = affine_map<(i, j) -> (i, j)>
#none = affine_map<(i, j) -> ()>
// CHECK-LABEL: func.func @all_parallel_to_scalar
// CHECK:         vector.mask %{{.*}} { vector.multi_reduction <maximumf>, {{.*}} [0, 1] : vector<1x16xf32> to f32 }
func.func @all_parallel_to_scalar(%x: tensor<37x29xf32>, %o: tensor<f32>) -> tensor<f32> {
  // expected-remark@+1 {{iterator types disagree with the indexing maps: loop 0 is a reduction (labelled parallel), loop 1 is a reduction (labelled parallel); tiled and vectorized as the maps say}}
  %r = linalg.generic {indexing_maps = [#ij, #none], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<37x29xf32>) outs(%o : tensor<f32>) {
  ^bb0(%a: f32, %acc: f32):
    %s = arith.maximumf %acc, %a : f32
    linalg.yield %s : f32
  } -> tensor<f32>
  return %r : tensor<f32>
}

// -----

// out(i) = x(i, j), j labelled parallel: the last j wins. A reduction with
// no combiner stays scalar, and runs in order.
#ij = affine_map<(i, j) -> (i, j)>
#i = affine_map<(i, j) -> (i)>
// CHECK-LABEL: func.func @last_write_wins
// CHECK:         linalg.generic {{.*}}iterator_types = ["parallel", "reduction"]
// CHECK-NOT:     vector.
func.func @last_write_wins(%x: tensor<37x29xf32>, %o: tensor<37xf32>) -> tensor<37xf32> {
  // expected-remark@+2 {{iterator types disagree with the indexing maps: loop 1 is a reduction (labelled parallel); tiled and vectorized as the maps say}}
  // expected-remark@+1 {{kept scalar: the linalg vectorizer cannot vectorize this op}}
  %r = linalg.generic {indexing_maps = [#ij, #i], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<37x29xf32>) outs(%o : tensor<37xf32>) {
  ^bb0(%a: f32, %acc: f32):
    linalg.yield %a : f32
  } -> tensor<37xf32>
  return %r : tensor<37xf32>
}

// -----

// A reduction that the init indexes: each iteration has an element of its
// own, so it is parallel, with lanes along it.
#id = affine_map<(i) -> (i)>
// CHECK-LABEL: func.func @indexed_reduction
// CHECK:         arith.addf {{.*}} : vector<16xf32>
func.func @indexed_reduction(%x: tensor<37xf32>, %o: tensor<37xf32>) -> tensor<37xf32> {
  // expected-remark@+1 {{iterator types disagree with the indexing maps: loop 0 is parallel (labelled reduction); tiled and vectorized as the maps say}}
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["reduction"]}
      ins(%x : tensor<37xf32>) outs(%o : tensor<37xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %s = arith.addf %acc, %a : f32
    linalg.yield %s : f32
  } -> tensor<37xf32>
  return %r : tensor<37xf32>
}
