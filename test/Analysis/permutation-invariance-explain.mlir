// RUN: spider-opt %s -split-input-file --spider-test-permutation-invariance=explain -verify-diagnostics

// With `explain`, every loop dimension that is not permutation invariant gets
// a remark that says why.

func.func @conv(%in: tensor<1x10x10x3xf32>, %f: tensor<3x3x3x8xf32>, %out: tensor<1x8x8x8xf32>) {
  // expected-remark@+4 {{not permutation invariant along d1: indexing map #0 uses d1 in the compound expression 'd1 + d4'}}
  // expected-remark@+3 {{not permutation invariant along d2: indexing map #0 uses d2 in the compound expression 'd2 + d5'}}
  // expected-remark@+2 {{not permutation invariant along d4: indexing map #0 uses d4 in the compound expression 'd1 + d4'}}
  // expected-remark@+1 {{not permutation invariant along d5: indexing map #0 uses d5 in the compound expression 'd2 + d5'}}
  %0 = linalg.conv_2d_nhwc_hwcf ins(%in, %f : tensor<1x10x10x3xf32>, tensor<3x3x3x8xf32>) outs(%out : tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32>
  return
}

// -----

#id = affine_map<(i, j) -> (i, j)>
#row = affine_map<(i, j) -> (i)>
func.func @position(%x: tensor<4x8xf32>, %y: tensor<4x8xf32>) {
  // expected-remark@+1 {{not permutation invariant along d1: the body reads the position of d1 with linalg.index}}
  %0 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<4x8xf32>) outs(%y : tensor<4x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %j = linalg.index 1 : index
    %ji = arith.index_cast %j : index to i32
    %jf = arith.sitofp %ji : i32 to f32
    %r = arith.addf %in, %jf : f32
    linalg.yield %r : f32
  } -> tensor<4x8xf32>
  return
}

// -----

#id = affine_map<(i, j) -> (i, j)>
#row = affine_map<(i, j) -> (i)>
func.func @reductions(%x: tensor<4x8xf32>, %acc: tensor<4xf32>) {
  // expected-remark@+1 {{not permutation invariant along d1: d1 reduces result #0 is not combined with a commutative, associative operation}}
  %0 = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<4x8xf32>) outs(%acc : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %r = arith.subf %out, %in : f32
    linalg.yield %r : f32
  } -> tensor<4xf32>
  // expected-remark@+1 {{not permutation invariant along d1: d1 reduces result #0 ignores its accumulator, so the last iteration wins}}
  %1 = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<4x8xf32>) outs(%acc : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<4xf32>
  // expected-remark@+1 {{not permutation invariant along d1: d1 reduces result #0 reads its accumulator outside its combiner 'arith.addf'}}
  %2 = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<4x8xf32>) outs(%acc : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %sq = arith.mulf %in, %out : f32
    %r = arith.addf %out, %sq : f32
    linalg.yield %r : f32
  } -> tensor<4xf32>
  // expected-remark@+1 {{not permutation invariant along d1: d1 reduces result #0 does not combine its accumulator exactly once in 'arith.addf'}}
  %3 = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<4x8xf32>) outs(%acc : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %r = arith.addf %out, %out : f32
    linalg.yield %r : f32
  } -> tensor<4xf32>
  // expected-remark@+1 {{not permutation invariant along d1: d1 reduces result #0 reads its accumulator outside its combiner 'arith.addf'}}
  %4:2 = linalg.generic {indexing_maps = [#id, #row, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<4x8xf32>) outs(%acc, %acc : tensor<4xf32>, tensor<4xf32>) {
  ^bb0(%in: f32, %s: f32, %t: f32):
    %a = arith.addf %s, %in : f32
    %b = arith.addf %t, %s : f32
    linalg.yield %a, %b : f32, f32
  } -> (tensor<4xf32>, tensor<4xf32>)
  // expected-remark@+1 {{not permutation invariant along d1: d1 reduces result #0 combines a value that depends on an accumulator}}
  %5:2 = linalg.generic {indexing_maps = [#id, #row, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<4x8xf32>) outs(%acc, %acc : tensor<4xf32>, tensor<4xf32>) {
  ^bb0(%in: f32, %s: f32, %t: f32):
    %a = arith.addf %s, %t : f32
    %b = arith.addf %t, %in : f32
    linalg.yield %a, %b : f32, f32
  } -> (tensor<4xf32>, tensor<4xf32>)
  return
}
