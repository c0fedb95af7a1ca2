// A mark with a constant index (spider.index_constant), dense enough that
// the PIT folds to the dense matmul (2 of 4 columns: above the default
// dense_threshold), and sparse enough that it runs (1 of 5 columns).
// Found by hand (a compile failure, since fixed): the constant index, used
// only by the mark once the PIT had folded, failed convert-spider-to-runtime.
// RUN: %spider_diff_corpus %s

func.func private @printMemrefF32(tensor<*xf32>) attributes {llvm.emit_c_interface}

func.func @main() {
  %a = arith.constant dense<[[1.0, 0.0, 2.0, 0.0], [3.0, 0.0, 4.0, 0.0], [5.0, 0.0, -6.0, 0.0]]> : tensor<3x4xf32>
  %b = arith.constant dense<[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0]]> : tensor<4x2xf32>
  %c = arith.constant dense<0.5> : tensor<3x2xf32>
  %i = spider.index_constant <grid = [1, 4], offsets = [0, 2], positions = [0, 2]> : !spider.index<microtile = [3, 1], pack_dim = 1>
  %s = spider.assume_sparse %a index(%i : !spider.index<microtile = [3, 1], pack_dim = 1>) : tensor<3x4xf32> to tensor<3x4xf32, #spider.sparse<microtile = [3, 1]>>
  %m = linalg.matmul ins(%s, %b : tensor<3x4xf32, #spider.sparse<microtile = [3, 1]>>, tensor<4x2xf32>) outs(%c : tensor<3x2xf32>) -> tensor<3x2xf32>
  %u = tensor.cast %m : tensor<3x2xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()

  %a2 = arith.constant dense<[[0.0, 0.0, 0.0, 1.5, 0.0], [0.0, 0.0, 0.0, -2.0, 0.0]]> : tensor<2x5xf32>
  %b2 = arith.constant dense<[[1.0], [2.0], [3.0], [4.0], [5.0]]> : tensor<5x1xf32>
  %c2 = arith.constant dense<0.0> : tensor<2x1xf32>
  %j = spider.index_constant <grid = [1, 5], offsets = [0, 1], positions = [3]> : !spider.index<microtile = [2, 1], pack_dim = 1>
  %s2 = spider.assume_sparse %a2 index(%j : !spider.index<microtile = [2, 1], pack_dim = 1>) : tensor<2x5xf32> to tensor<2x5xf32, #spider.sparse<microtile = [2, 1]>>
  %m2 = linalg.matmul ins(%s2, %b2 : tensor<2x5xf32, #spider.sparse<microtile = [2, 1]>>, tensor<5x1xf32>) outs(%c2 : tensor<2x1xf32>) -> tensor<2x1xf32>
  %u2 = tensor.cast %m2 : tensor<2x1xf32> to tensor<*xf32>
  call @printMemrefF32(%u2) : (tensor<*xf32>) -> ()
  return
}
