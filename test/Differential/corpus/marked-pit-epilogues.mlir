// Element-wise epilogues after marked contractions, fused into their spider.pit (spider-fuse-pit-epilogues): a ReLU whose matmul result is returned too, an exp (1 where no group writes), and a mean over two sibling reductions of one marked value, returned beside one of them. A [2,1] blocks, 9x14 (odd rows), B 14x5.
// RUN: %spider_diff_corpus %s

#id = affine_map<(i, j) -> (i, j)>
#ik = affine_map<(i, j, k) -> (i, k)>
#kj = affine_map<(i, j, k) -> (k, j)>
#ij = affine_map<(i, j, k) -> (i, j)>
#r2 = affine_map<(i, k) -> (i, k)>
#r1 = affine_map<(i, k) -> (i)>
#b1 = affine_map<(i, j) -> (i)>

func.func @main() -> (tensor<9x5xf32>, tensor<9x5xf32>, tensor<9x5xf32>, tensor<9x5xf32>, tensor<9x5xf32>) {
  %A_e = tensor.empty() : tensor<9x14xf32>
  %A = linalg.generic {indexing_maps = [affine_map<(d0,d1) -> (d0,d1)>], iterator_types = ["parallel", "parallel"]} outs(%A_e : tensor<9x14xf32>) {
  ^bb0(%A_o: f32):
    %A_h0 = arith.constant 80 : index
    %A_i0 = linalg.index 0 : index
    %A_k0 = arith.constant 7 : index
    %A_m0 = arith.muli %A_i0, %A_k0 : index
    %A_h1 = arith.addi %A_h0, %A_m0 : index
    %A_i1 = linalg.index 1 : index
    %A_k1 = arith.constant 3 : index
    %A_m1 = arith.muli %A_i1, %A_k1 : index
    %A_h2 = arith.addi %A_h1, %A_m1 : index
    %A_c13 = arith.constant 13 : index
    %A_hr = arith.remui %A_h2, %A_c13 : index
    %A_hi = arith.index_cast %A_hr : index to i32
    %A_c6 = arith.constant 6 : i32
    %A_v = arith.subi %A_hi, %A_c6 : i32
    %A_vf = arith.sitofp %A_v : i32 to f32
    %A_q = arith.constant 0.25 : f32
    %A_x = arith.mulf %A_vf, %A_q : f32
    %A_s0 = arith.constant 0 : index
    %A_b0 = arith.constant 2 : index
    %A_g0 = arith.divui %A_i0, %A_b0 : index
    %A_s1 = arith.addi %A_s0, %A_g0 : index
    %A_b1 = arith.constant 1 : index
    %A_g1 = arith.divui %A_i1, %A_b1 : index
    %A_s2 = arith.addi %A_s1, %A_g1 : index
    %A_c3 = arith.constant 3 : index
    %A_sr = arith.remui %A_s2, %A_c3 : index
    %A_zz = arith.constant 0 : index
    %A_isz = arith.cmpi eq, %A_sr, %A_zz : index
    %A_zero = arith.constant 0.0 : f32
    %A_y = arith.select %A_isz, %A_zero, %A_x : f32
    linalg.yield %A_y : f32
  } -> tensor<9x14xf32>
  %B_e = tensor.empty() : tensor<14x5xf32>
  %B = linalg.generic {indexing_maps = [affine_map<(d0,d1) -> (d0,d1)>], iterator_types = ["parallel", "parallel"]} outs(%B_e : tensor<14x5xf32>) {
  ^bb0(%B_o: f32):
    %B_h0 = arith.constant 81 : index
    %B_i0 = linalg.index 0 : index
    %B_k0 = arith.constant 7 : index
    %B_m0 = arith.muli %B_i0, %B_k0 : index
    %B_h1 = arith.addi %B_h0, %B_m0 : index
    %B_i1 = linalg.index 1 : index
    %B_k1 = arith.constant 3 : index
    %B_m1 = arith.muli %B_i1, %B_k1 : index
    %B_h2 = arith.addi %B_h1, %B_m1 : index
    %B_c13 = arith.constant 13 : index
    %B_hr = arith.remui %B_h2, %B_c13 : index
    %B_hi = arith.index_cast %B_hr : index to i32
    %B_c6 = arith.constant 6 : i32
    %B_v = arith.subi %B_hi, %B_c6 : i32
    %B_vf = arith.sitofp %B_v : i32 to f32
    %B_q = arith.constant 0.25 : f32
    %B_x = arith.mulf %B_vf, %B_q : f32
    linalg.yield %B_x : f32
  } -> tensor<14x5xf32>
  %Am = spider.assume_sparse %A : tensor<9x14xf32> to tensor<9x14xf32, #spider.sparse<microtile = [2, 1]>>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<9x5xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<9x5xf32>) -> tensor<9x5xf32>
  %m = linalg.matmul ins(%Am, %B : tensor<9x14xf32, #spider.sparse<microtile = [2, 1]>>, tensor<14x5xf32>) outs(%z : tensor<9x5xf32>) -> tensor<9x5xf32>
  %relu = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]} ins(%m : tensor<9x5xf32>) outs(%e : tensor<9x5xf32>) {
  ^bb0(%in: f32, %out: f32):
    %y = arith.maximumf %in, %zero : f32
    linalg.yield %y : f32
  } -> tensor<9x5xf32>
  %m2 = linalg.matmul ins(%Am, %B : tensor<9x14xf32, #spider.sparse<microtile = [2, 1]>>, tensor<14x5xf32>) outs(%z : tensor<9x5xf32>) -> tensor<9x5xf32>
  %ex = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]} ins(%m2 : tensor<9x5xf32>) outs(%e : tensor<9x5xf32>) {
  ^bb0(%in: f32, %out: f32):
    %q = arith.constant 0.125 : f32
    %s = arith.mulf %in, %q : f32
    %y = math.exp %s : f32
    linalg.yield %y : f32
  } -> tensor<9x5xf32>
  %sum = linalg.generic {indexing_maps = [#ik, #kj, #ij], iterator_types = ["parallel", "parallel", "reduction"]} ins(%Am, %B : tensor<9x14xf32, #spider.sparse<microtile = [2, 1]>>, tensor<14x5xf32>) outs(%z : tensor<9x5xf32>) {
  ^bb0(%a: f32, %b: f32, %out: f32):
    %p = arith.mulf %a, %b : f32
    %s = arith.addf %out, %p : f32
    linalg.yield %s : f32
  } -> tensor<9x5xf32>
  %ed = tensor.empty() : tensor<9xf32>
  %zd = linalg.fill ins(%zero : f32) outs(%ed : tensor<9xf32>) -> tensor<9xf32>
  %deg = linalg.generic {indexing_maps = [#r2, #r1], iterator_types = ["parallel", "reduction"]} ins(%Am : tensor<9x14xf32, #spider.sparse<microtile = [2, 1]>>) outs(%zd : tensor<9xf32>) {
  ^bb0(%a: f32, %out: f32):
    %s = arith.addf %out, %a : f32
    linalg.yield %s : f32
  } -> tensor<9xf32>
  %mean = linalg.generic {indexing_maps = [#id, #b1, #id], iterator_types = ["parallel", "parallel"]} ins(%sum, %deg : tensor<9x5xf32>, tensor<9xf32>) outs(%e : tensor<9x5xf32>) {
  ^bb0(%s: f32, %d: f32, %out: f32):
    %has = arith.cmpf one, %d, %zero : f32
    %q = arith.divf %s, %d : f32
    %y = arith.select %has, %q, %zero : f32
    linalg.yield %y : f32
  } -> tensor<9x5xf32>
  return %m, %relu, %ex, %mean, %sum : tensor<9x5xf32>, tensor<9x5xf32>, tensor<9x5xf32>, tensor<9x5xf32>, tensor<9x5xf32>
}
