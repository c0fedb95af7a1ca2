// Own marks with micro-tiles that do not divide the shapes ([5,3], [7,1], [1,53]) or exceed them ([64,64] on 10x40).
// RUN: %spider_diff_corpus %s

func.func private @printMemrefF32(tensor<*xf32>) attributes {llvm.emit_c_interface}

func.func @main() {
  %A_e = tensor.empty() : tensor<37x53xf32>
  %A = linalg.generic {indexing_maps = [affine_map<(d0,d1) -> (d0,d1)>], iterator_types = ["parallel", "parallel"]} outs(%A_e : tensor<37x53xf32>) {
  ^bb0(%A_o: f32):
    %A_h0 = arith.constant 60 : index
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
    %A_v0 = arith.subi %A_hi, %A_c6 : i32
    %A_vz = arith.constant 0 : i32
    %A_v = arith.addi %A_v0, %A_vz : i32
    %A_vf = arith.sitofp %A_v : i32 to f32
    %A_q = arith.constant 0.25 : f32
    %A_x = arith.mulf %A_vf, %A_q : f32
    %A_s0 = arith.constant 0 : index
    %A_b0 = arith.constant 5 : index
    %A_g0 = arith.divui %A_i0, %A_b0 : index
    %A_s1 = arith.addi %A_s0, %A_g0 : index
    %A_b1 = arith.constant 3 : index
    %A_g1 = arith.divui %A_i1, %A_b1 : index
    %A_s2 = arith.addi %A_s1, %A_g1 : index
    %A_c3 = arith.constant 3 : index
    %A_sr = arith.remui %A_s2, %A_c3 : index
    %A_zz = arith.constant 0 : index
    %A_isz = arith.cmpi eq, %A_sr, %A_zz : index
    %A_zero = arith.constant 0.0 : f32
    %A_y = arith.select %A_isz, %A_zero, %A_x : f32
    linalg.yield %A_y : f32
  } -> tensor<37x53xf32>
  %B_e = tensor.empty() : tensor<53x29xf32>
  %B = linalg.generic {indexing_maps = [affine_map<(d0,d1) -> (d0,d1)>], iterator_types = ["parallel", "parallel"]} outs(%B_e : tensor<53x29xf32>) {
  ^bb0(%B_o: f32):
    %B_h0 = arith.constant 61 : index
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
    %B_v0 = arith.subi %B_hi, %B_c6 : i32
    %B_vz = arith.constant 0 : i32
    %B_v = arith.addi %B_v0, %B_vz : i32
    %B_vf = arith.sitofp %B_v : i32 to f32
    %B_q = arith.constant 0.25 : f32
    %B_x = arith.mulf %B_vf, %B_q : f32
    %B_s0 = arith.constant 0 : index
    %B_b0 = arith.constant 7 : index
    %B_g0 = arith.divui %B_i0, %B_b0 : index
    %B_s1 = arith.addi %B_s0, %B_g0 : index
    %B_b1 = arith.constant 2 : index
    %B_g1 = arith.divui %B_i1, %B_b1 : index
    %B_s2 = arith.addi %B_s1, %B_g1 : index
    %B_c3 = arith.constant 3 : index
    %B_sr = arith.remui %B_s2, %B_c3 : index
    %B_zz = arith.constant 0 : index
    %B_isz = arith.cmpi eq, %B_sr, %B_zz : index
    %B_zero = arith.constant 0.0 : f32
    %B_y = arith.select %B_isz, %B_zero, %B_x : f32
    linalg.yield %B_y : f32
  } -> tensor<53x29xf32>
  %X_e = tensor.empty() : tensor<10x40xf32>
  %X = linalg.generic {indexing_maps = [affine_map<(d0,d1) -> (d0,d1)>], iterator_types = ["parallel", "parallel"]} outs(%X_e : tensor<10x40xf32>) {
  ^bb0(%X_o: f32):
    %X_h0 = arith.constant 62 : index
    %X_i0 = linalg.index 0 : index
    %X_k0 = arith.constant 7 : index
    %X_m0 = arith.muli %X_i0, %X_k0 : index
    %X_h1 = arith.addi %X_h0, %X_m0 : index
    %X_i1 = linalg.index 1 : index
    %X_k1 = arith.constant 3 : index
    %X_m1 = arith.muli %X_i1, %X_k1 : index
    %X_h2 = arith.addi %X_h1, %X_m1 : index
    %X_c13 = arith.constant 13 : index
    %X_hr = arith.remui %X_h2, %X_c13 : index
    %X_hi = arith.index_cast %X_hr : index to i32
    %X_c6 = arith.constant 6 : i32
    %X_v0 = arith.subi %X_hi, %X_c6 : i32
    %X_vz = arith.constant 0 : i32
    %X_v = arith.addi %X_v0, %X_vz : i32
    %X_vf = arith.sitofp %X_v : i32 to f32
    %X_q = arith.constant 0.25 : f32
    %X_x = arith.mulf %X_vf, %X_q : f32
    %X_s0 = arith.constant 0 : index
    %X_b0 = arith.constant 16 : index
    %X_g0 = arith.divui %X_i0, %X_b0 : index
    %X_s1 = arith.addi %X_s0, %X_g0 : index
    %X_b1 = arith.constant 16 : index
    %X_g1 = arith.divui %X_i1, %X_b1 : index
    %X_s2 = arith.addi %X_s1, %X_g1 : index
    %X_c3 = arith.constant 3 : index
    %X_sr = arith.remui %X_s2, %X_c3 : index
    %X_zz = arith.constant 0 : index
    %X_isz = arith.cmpi eq, %X_sr, %X_zz : index
    %X_zero = arith.constant 0.0 : f32
    %X_y = arith.select %X_isz, %X_zero, %X_x : f32
    linalg.yield %X_y : f32
  } -> tensor<10x40xf32>
  %W_e = tensor.empty() : tensor<40x29xf32>
  %W = linalg.generic {indexing_maps = [affine_map<(d0,d1) -> (d0,d1)>], iterator_types = ["parallel", "parallel"]} outs(%W_e : tensor<40x29xf32>) {
  ^bb0(%W_o: f32):
    %W_h0 = arith.constant 63 : index
    %W_i0 = linalg.index 0 : index
    %W_k0 = arith.constant 7 : index
    %W_m0 = arith.muli %W_i0, %W_k0 : index
    %W_h1 = arith.addi %W_h0, %W_m0 : index
    %W_i1 = linalg.index 1 : index
    %W_k1 = arith.constant 3 : index
    %W_m1 = arith.muli %W_i1, %W_k1 : index
    %W_h2 = arith.addi %W_h1, %W_m1 : index
    %W_c13 = arith.constant 13 : index
    %W_hr = arith.remui %W_h2, %W_c13 : index
    %W_hi = arith.index_cast %W_hr : index to i32
    %W_c6 = arith.constant 6 : i32
    %W_v0 = arith.subi %W_hi, %W_c6 : i32
    %W_c2 = arith.constant 2 : i32
    %W_c1 = arith.constant 1 : i32
    %W_v1 = arith.muli %W_v0, %W_c2 : i32
    %W_v = arith.addi %W_v1, %W_c1 : i32
    %W_vf = arith.sitofp %W_v : i32 to f32
    %W_q = arith.constant 0.125 : f32
    %W_x = arith.mulf %W_vf, %W_q : f32
    linalg.yield %W_x : f32
  } -> tensor<40x29xf32>
  %C_e = tensor.empty() : tensor<37x29xf32>
  %C_v = arith.constant 0.0 : f32
  %C = linalg.fill ins(%C_v : f32) outs(%C_e : tensor<37x29xf32>) -> tensor<37x29xf32>
  %D_e = tensor.empty() : tensor<37x29xf32>
  %D_v = arith.constant 0.5 : f32
  %D = linalg.fill ins(%D_v : f32) outs(%D_e : tensor<37x29xf32>) -> tensor<37x29xf32>
  %E_e = tensor.empty() : tensor<10x29xf32>
  %E_v = arith.constant 0.0 : f32
  %E = linalg.fill ins(%E_v : f32) outs(%E_e : tensor<10x29xf32>) -> tensor<10x29xf32>
  %As = spider.assume_sparse %A : tensor<37x53xf32> to tensor<37x53xf32, #spider.sparse<microtile = [5, 3]>>
  %Bs = spider.assume_sparse %B : tensor<53x29xf32> to tensor<53x29xf32, #spider.sparse<microtile = [7, 1]>>
  %A2 = spider.assume_sparse %A : tensor<37x53xf32> to tensor<37x53xf32, #spider.sparse<microtile = [1, 53]>>
  %Xs = spider.assume_sparse %X : tensor<10x40xf32> to tensor<10x40xf32, #spider.sparse<microtile = [64, 64]>>
  %r1 = linalg.matmul ins(%As, %Bs : tensor<37x53xf32, #spider.sparse<microtile = [5, 3]>>, tensor<53x29xf32, #spider.sparse<microtile = [7, 1]>>) outs(%C : tensor<37x29xf32>) -> tensor<37x29xf32>
  %r2 = linalg.matmul ins(%A2, %B : tensor<37x53xf32, #spider.sparse<microtile = [1, 53]>>, tensor<53x29xf32>) outs(%D : tensor<37x29xf32>) -> tensor<37x29xf32>
  %r3 = linalg.matmul ins(%Xs, %W : tensor<10x40xf32, #spider.sparse<microtile = [64, 64]>>, tensor<40x29xf32>) outs(%E : tensor<10x29xf32>) -> tensor<10x29xf32>
  %r1_u = tensor.cast %r1 : tensor<37x29xf32> to tensor<*xf32>
  call @printMemrefF32(%r1_u) : (tensor<*xf32>) -> ()
  %r2_u = tensor.cast %r2 : tensor<37x29xf32> to tensor<*xf32>
  call @printMemrefF32(%r2_u) : (tensor<*xf32>) -> ()
  %r3_u = tensor.cast %r3 : tensor<10x29xf32> to tensor<*xf32>
  call @printMemrefF32(%r3_u) : (tensor<*xf32>) -> ()
  return
}
