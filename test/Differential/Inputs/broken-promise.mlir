// A promise that does not hold: the index says only micro-tile (0, 0) of A
// is active (it is M's index), but A is all ones. PIT drops the rest, as the contract says a
// broken promise does; the checker must say so.
func.func private @printMemrefF32(tensor<*xf32>)

func.func @main() {
  %one = arith.constant 1.0 : f32
  %zero = arith.constant 0.0 : f32
  %ea = tensor.empty() : tensor<8x8xf32>
  %a = linalg.fill ins(%one : f32) outs(%ea : tensor<8x8xf32>) -> tensor<8x8xf32>
  %eb = tensor.empty() : tensor<8x4xf32>
  %b = linalg.fill ins(%one : f32) outs(%eb : tensor<8x4xf32>) -> tensor<8x4xf32>
  %ec = tensor.empty() : tensor<8x4xf32>
  %c = linalg.fill ins(%zero : f32) outs(%ec : tensor<8x4xf32>) -> tensor<8x4xf32>
  // The promise: the active micro-tiles of M, which is non-zero in its
  // top-left 4x4 block only.
  %em = tensor.empty() : tensor<8x8xf32>
  %m = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]} outs(%em : tensor<8x8xf32>) {
  ^bb0(%o: f32):
    %i = linalg.index 0 : index
    %j = linalg.index 1 : index
    %c4 = arith.constant 4 : index
    %top = arith.cmpi ult, %i, %c4 : index
    %left = arith.cmpi ult, %j, %c4 : index
    %in = arith.andi %top, %left : i1
    %v = arith.select %in, %one, %zero : f32
    linalg.yield %v : f32
  } -> tensor<8x8xf32>
  %idx = spider.detect %m : tensor<8x8xf32> -> !spider.index<microtile = [4, 4], pack_dim = 1>
  %as = spider.assume_sparse %a index(%idx : !spider.index<microtile = [4, 4], pack_dim = 1>) : tensor<8x8xf32> to tensor<8x8xf32, #spider.sparse<microtile = [4, 4]>>
  %r = linalg.matmul ins(%as, %b : tensor<8x8xf32, #spider.sparse<microtile = [4, 4]>>, tensor<8x4xf32>) outs(%c : tensor<8x4xf32>) -> tensor<8x4xf32>
  %u = tensor.cast %r : tensor<8x4xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}
