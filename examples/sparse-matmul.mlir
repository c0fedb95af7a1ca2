// A dynamic sparse matmul, as a user writes it: ordinary linalg with the
// left operand marked sparse in [32, 1] micro-tiles, next to a convolution
// and a tile-wise sparse weight whose pattern is known at compile time.
//
//   spider-opt examples/sparse-matmul.mlir --spider-test-permutation-invariance
//   spider-opt examples/sparse-matmul.mlir --canonicalize
//   spider-opt examples/sparse-matmul.mlir --spider-sparsify

#S = #spider.sparse<microtile = [32, 1]>
!Index = !spider.index<microtile = [32, 1], pack_dim = 1>

func.func @sparse_matmul(%a: tensor<100x200xf32>, %b: tensor<200x48xf32>,
                         %c: tensor<100x48xf32>) -> (tensor<100x48xf32>, !Index) {
  // The promise: many [32, 1] micro-tiles of %a are zero at run time.
  %as = spider.assume_sparse %a : tensor<100x200xf32> to tensor<100x200xf32, #S>
  // Which ones, found from the data at run time.
  %idx = spider.detect %as : tensor<100x200xf32, #S> -> !Index
  %r = linalg.matmul ins(%as, %b : tensor<100x200xf32, #S>, tensor<200x48xf32>)
                     outs(%c : tensor<100x48xf32>) -> tensor<100x48xf32>
  return %r, %idx : tensor<100x48xf32>, !Index
}

// Convolution: only batch, filters and input channels are permutation
// invariant; the window dimensions index the input as oh + kh, ow + kw.
func.func @conv(%in: tensor<1x18x18x16xf32>, %f: tensor<3x3x16x32xf32>,
                %out: tensor<1x16x16x32xf32>) -> tensor<1x16x16x32xf32> {
  %r = linalg.conv_2d_nhwc_hwcf ins(%in, %f : tensor<1x18x18x16xf32>, tensor<3x3x16x32xf32>)
                                outs(%out : tensor<1x16x16x32xf32>) -> tensor<1x16x16x32xf32>
  return %r : tensor<1x16x16x32xf32>
}

// A tile-wise sparse weight: a constant pattern, so its index folds.
func.func @static_weight() -> !spider.index<microtile = [2, 1], pack_dim = 0> {
  %w = arith.constant dense<[[0.5, 0.0, 0.0, 0.0],
                             [0.0, 0.0, 0.0, 0.0],
                             [0.0, 0.0, 0.0, 0.0],
                             [0.0, 0.0, 1.5, 0.0]]> : tensor<4x4xf32>
  %ws = spider.assume_sparse %w : tensor<4x4xf32> to tensor<4x4xf32, #spider.sparse<microtile = [2, 1]>>
  %idx = spider.detect %ws : tensor<4x4xf32, #spider.sparse<microtile = [2, 1]>>
                          -> !spider.index<microtile = [2, 1], pack_dim = 0>
  return %idx : !spider.index<microtile = [2, 1], pack_dim = 0>
}

// A running difference: not a commutative combiner, so its reduction
// dimension cannot be packed.
#id = affine_map<(i, j) -> (i, j)>
#row = affine_map<(i, j) -> (i)>
func.func @running_difference(%x: tensor<64x128xf32>, %acc: tensor<64xf32>) -> tensor<64xf32> {
  %r = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<64x128xf32>) outs(%acc : tensor<64xf32>) {
  ^bb0(%in: f32, %out: f32):
    %d = arith.subf %out, %in : f32
    linalg.yield %d : f32
  } -> tensor<64xf32>
  return %r : tensor<64xf32>
}
