// RUN: spider-opt %s -split-input-file -verify-diagnostics --spider-sparsify

// Every reason spider-sparsify keeps an op with a sparse input dense, each
// with its remark; the remark joins the reasons of every axis of every
// sparse input with "; ". sparsify.mlir covers the others: a sparse output,
// a result that becomes a constant where the input is zero, a compound
// expression on the sparse input and a non-reassociable reduction. The other
// ways a reduction fails to reassociate are tested on the analysis itself
// (test/Analysis/permutation-invariance-explain.mlir).
//
// Not reachable through this pass, so not tested here:
// * "dN is not a loop dimension of an op with K loops": the pass only asks
//   about dimensions that the op's own indexing map names;
// * ops on buffers stay as they are without a remark, by design: a memref
//   cannot carry #spider.sparse, so they have no sparse input; an op with
//   tensor and memref operands mixed is rejected by linalg's verifier ("expected
//   to have pure tensor or buffer semantics");
// * ops already inside a spider.pit are skipped on purpose.

// Zero-skipping: where the sparse input is zero, the result is neither the
// accumulator nor a known constant.
#id = affine_map<(i, j) -> (i, j)>
func.func @result_may_change(%s: tensor<8x8xf32, #spider.sparse<microtile = [1, 8]>>, %x: tensor<8x8xf32>) -> tensor<8x8xf32> {
  // expected-remark@+1 {{kept dense: where input #0 is zero, result #0 may change, so zero micro-tiles cannot be skipped}}
  %0 = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%s, %x : tensor<8x8xf32, #spider.sparse<microtile = [1, 8]>>, tensor<8x8xf32>) outs(%x : tensor<8x8xf32>) {
  ^bb0(%g: f32, %v: f32, %out: f32):
    %r = arith.addf %g, %v : f32
    linalg.yield %r : f32
  } -> tensor<8x8xf32>
  return %0 : tensor<8x8xf32>
}

// -----

// Permutation invariance: another operand reads the sparse input's loop
// dimensions through a compound expression.
#id = affine_map<(i, j) -> (i, j)>
#sum = affine_map<(i, j) -> (i + j)>
func.func @compound_elsewhere(%s: tensor<4x4xf32, #spider.sparse<microtile = [1, 1]>>, %v: tensor<8xf32>,
                              %o: tensor<4x4xf32>) -> tensor<4x4xf32> {
  // expected-remark@+1 {{kept dense: input #0 axis 0 maps to d0, which does not qualify: indexing map #1 uses d0 in the compound expression 'd0 + d1'; input #0 axis 1 maps to d1, which does not qualify: indexing map #1 uses d1 in the compound expression 'd0 + d1'}}
  %0 = linalg.generic {indexing_maps = [#id, #sum, #id], iterator_types = ["parallel", "parallel"]}
      ins(%s, %v : tensor<4x4xf32, #spider.sparse<microtile = [1, 1]>>, tensor<8xf32>) outs(%o : tensor<4x4xf32>) {
  ^bb0(%a: f32, %b: f32, %out: f32):
    %m = arith.mulf %a, %b : f32
    %r = arith.addf %out, %m : f32
    linalg.yield %r : f32
  } -> tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}

// -----

// Permutation invariance: the body reads the position along the only axis.
#id = affine_map<(i) -> (i)>
func.func @position_read(%s: tensor<8xf32, #spider.sparse<microtile = [4]>>, %o: tensor<8xf32>) -> tensor<8xf32> {
  // expected-remark@+1 {{kept dense: input #0 axis 0 maps to d0, which does not qualify: the body reads the position of d0 with linalg.index}}
  %0 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%s : tensor<8xf32, #spider.sparse<microtile = [4]>>) outs(%o : tensor<8xf32>) {
  ^bb0(%a: f32, %out: f32):
    %i = linalg.index 0 : index
    %ii = arith.index_cast %i : index to i32
    %f = arith.sitofp %ii : i32 to f32
    %m = arith.mulf %a, %f : f32
    %r = arith.addf %out, %m : f32
    linalg.yield %r : f32
  } -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

// -----

// Permutation invariance: a reduction that keeps the last element (zero
// skipping alone would allow it: the result starts as zeros).
#id = affine_map<(i) -> (i)>
#scalar = affine_map<(i) -> ()>
func.func @last_wins(%s: tensor<8xf32, #spider.sparse<microtile = [4]>>) -> tensor<f32> {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<f32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<f32>) -> tensor<f32>
  // expected-remark@+1 {{kept dense: input #0 axis 0 maps to d0, which does not qualify: d0 reduces result #0 ignores its accumulator, so the last iteration wins}}
  %0 = linalg.generic {indexing_maps = [#id, #scalar], iterator_types = ["reduction"]}
      ins(%s : tensor<8xf32, #spider.sparse<microtile = [4]>>) outs(%init : tensor<f32>) {
  ^bb0(%a: f32, %out: f32):
    linalg.yield %a : f32
  } -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// Two sparse inputs, neither qualifies: (a + 1) * b changes where a is
// zero, and b is indexed by a compound expression.
#id = affine_map<(i, j) -> (i, j)>
#sum = affine_map<(i, j) -> (i + j)>
func.func @two_sparse_inputs(%s: tensor<4x4xf32, #spider.sparse<microtile = [1, 1]>>,
                             %t: tensor<8xf32, #spider.sparse<microtile = [2]>>,
                             %o: tensor<4x4xf32>) -> tensor<4x4xf32> {
  // expected-remark@+1 {{kept dense: where input #0 is zero, result #0 may change, so zero micro-tiles cannot be skipped; input #1 axis 0 is indexed by the compound expression 'd0 + d1'}}
  %0 = linalg.generic {indexing_maps = [#id, #sum, #id], iterator_types = ["parallel", "parallel"]}
      ins(%s, %t : tensor<4x4xf32, #spider.sparse<microtile = [1, 1]>>, tensor<8xf32, #spider.sparse<microtile = [2]>>)
      outs(%o : tensor<4x4xf32>) {
  ^bb0(%a: f32, %b: f32, %out: f32):
    %one = arith.constant 1.0 : f32
    %a1 = arith.addf %a, %one : f32
    %m = arith.mulf %a1, %b : f32
    %r = arith.addf %out, %m : f32
    linalg.yield %r : f32
  } -> tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}

// -----

// A known index fixes the pack axis: axis 0 (a parallel d0) would qualify,
// but the index is packed along axis 1, the running difference's d1.
#id = affine_map<(i, j) -> (i, j)>
#row = affine_map<(i, j) -> (i)>
func.func @known_axis_does_not_qualify(%x: tensor<4x8xf32>, %acc: tensor<4xf32>,
                                       %i: !spider.index<microtile = [1, 1], pack_dim = 1>) -> tensor<4xf32> {
  %s = spider.assume_sparse %x index(%i : !spider.index<microtile = [1, 1], pack_dim = 1>)
      : tensor<4x8xf32> to tensor<4x8xf32, #spider.sparse<microtile = [1, 1]>>
  // expected-remark@+1 {{kept dense: input #0 axis 1 maps to d1, which does not qualify: d1 reduces result #0 is not combined with a commutative, associative operation}}
  %0 = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%s : tensor<4x8xf32, #spider.sparse<microtile = [1, 1]>>) outs(%acc : tensor<4xf32>) {
  ^bb0(%a: f32, %out: f32):
    %r = arith.subf %out, %a : f32
    linalg.yield %r : f32
  } -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// quantized_matmul whose marked operand's zero point is a non-zero constant:
// where A is zero, (0 - 3) * (b - zb) is not.
func.func @quantized_nonzero_point(%a: tensor<20x40xi8, #spider.sparse<microtile = [16, 1]>>, %b: tensor<40x24xi8>,
                                   %c: tensor<20x24xi32>) -> tensor<20x24xi32> {
  %za = arith.constant 3 : i32
  %zb = arith.constant 0 : i32
  // expected-remark@+1 {{kept dense: where input #0 is zero, result #0 may change, so zero micro-tiles cannot be skipped}}
  %r = linalg.quantized_matmul ins(%a, %b, %za, %zb : tensor<20x40xi8, #spider.sparse<microtile = [16, 1]>>, tensor<40x24xi8>, i32, i32)
                               outs(%c : tensor<20x24xi32>) -> tensor<20x24xi32>
  return %r : tensor<20x24xi32>
}

// -----

// A channel-sparse convolution input whose rows are dynamic: its window
// axes (oh + kh, ow + kw) must be spanned by one micro-tile, which a static
// micro-tile cannot do for a dynamic extent.
func.func @window_dynamic(%x: tensor<1x?x10x8xf32, #spider.sparse<microtile = [1, 1, 1, 4]>>, %f: tensor<3x3x8x4xf32>,
                          %y: tensor<1x?x8x4xf32>) -> tensor<1x?x8x4xf32> {
  // expected-remark@+1 {{kept dense: input #0 axis 0 qualifies, but axis 1, indexed by the compound expression 'd1 + d4', must be spanned by one micro-tile and its extent is dynamic; input #0 axis 1 is indexed by the compound expression 'd1 + d4'; input #0 axis 2 is indexed by the compound expression 'd2 + d5'; input #0 axis 3 qualifies, but axis 1, indexed by the compound expression 'd1 + d4', must be spanned by one micro-tile and its extent is dynamic}}
  %r = linalg.conv_2d_nhwc_hwcf ins(%x, %f : tensor<1x?x10x8xf32, #spider.sparse<microtile = [1, 1, 1, 4]>>, tensor<3x3x8x4xf32>)
                                outs(%y : tensor<1x?x8x4xf32>) -> tensor<1x?x8x4xf32>
  return %r : tensor<1x?x8x4xf32>
}

// -----

// Max pooling of a sparse input: where the input is zero, max(acc, 0) is
// not acc (the window may hold only negative values).
func.func @max_pooling(%x: tensor<1x10x10x8xf32, #spider.sparse<microtile = [1, 10, 10, 4]>>, %w: tensor<3x3xf32>,
                       %y: tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32> {
  // expected-remark@+1 {{kept dense: where input #0 is zero, result #0 may change, so zero micro-tiles cannot be skipped}}
  %r = linalg.pooling_nhwc_max ins(%x, %w : tensor<1x10x10x8xf32, #spider.sparse<microtile = [1, 10, 10, 4]>>, tensor<3x3xf32>)
                               outs(%y : tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32>
  return %r : tensor<1x8x8x8xf32>
}

// -----

// The same with a known index: its micro-tile is fixed, and it does not span
// the window rows.
func.func @window_known_index(%x: tensor<1x10x10x8xf32>, %f: tensor<3x3x8x4xf32>, %y: tensor<1x8x8x4xf32>,
                              %i: !spider.index<microtile = [1, 1, 1, 4], pack_dim = 3>) -> tensor<1x8x8x4xf32> {
  %s = spider.assume_sparse %x index(%i : !spider.index<microtile = [1, 1, 1, 4], pack_dim = 3>)
      : tensor<1x10x10x8xf32> to tensor<1x10x10x8xf32, #spider.sparse<microtile = [1, 1, 1, 4]>>
  // expected-remark@+1 {{kept dense: input #0 axis 3 qualifies, but axis 1, indexed by the compound expression 'd1 + d4', must be spanned by one micro-tile and the known index's micro-tile is smaller than its extent}}
  %r = linalg.conv_2d_nhwc_hwcf ins(%s, %f : tensor<1x10x10x8xf32, #spider.sparse<microtile = [1, 1, 1, 4]>>, tensor<3x3x8x4xf32>)
                                outs(%y : tensor<1x8x8x4xf32>) -> tensor<1x8x8x4xf32>
  return %r : tensor<1x8x8x4xf32>
}

// -----

// Rank 5: the runtime detects indices of tensors of rank 1 to 4, so a mark
// without a known index on a rank-5 input stays dense.
#S5 = #spider.sparse<microtile = [1, 1, 1, 1, 4]>
func.func @rank_five(%x: tensor<1x4x6x6x8xf32, #S5>, %f: tensor<1x3x3x8x4xf32>, %y: tensor<1x4x4x4x4xf32>) -> tensor<1x4x4x4x4xf32> {
  // expected-remark@+1 {{kept dense: input #0 has rank 5, and the runtime detects indices of tensors of rank 1 to 4 only}}
  %r = linalg.conv_3d_ndhwc_dhwcf ins(%x, %f : tensor<1x4x6x6x8xf32, #S5>, tensor<1x3x3x8x4xf32>)
                                  outs(%y : tensor<1x4x4x4x4xf32>) -> tensor<1x4x4x4x4xf32>
  return %r : tensor<1x4x4x4x4xf32>
}
