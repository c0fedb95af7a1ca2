// A mark made in a callee and returned, then used by linalg.mul, marked again from its source [2,8], collapsed into a dot, and printed itself.
// RUN: %spider_diff_corpus %s

func.func private @printMemrefF32(tensor<*xf32>) attributes {llvm.emit_c_interface}

func.func @helper(%x: tensor<6x16xf32>) -> tensor<6x16xf32, #spider.sparse<microtile = [1, 4]>> {
  %m = spider.assume_sparse %x : tensor<6x16xf32> to tensor<6x16xf32, #spider.sparse<microtile = [1, 4]>>
  return %m : tensor<6x16xf32, #spider.sparse<microtile = [1, 4]>>
}

func.func @main() {
  %A_e = tensor.empty() : tensor<6x16xf32>
  %A = linalg.generic {indexing_maps = [affine_map<(d0,d1) -> (d0,d1)>], iterator_types = ["parallel", "parallel"]} outs(%A_e : tensor<6x16xf32>) {
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
    %A_v0 = arith.subi %A_hi, %A_c6 : i32
    %A_vz = arith.constant 0 : i32
    %A_v = arith.addi %A_v0, %A_vz : i32
    %A_vf = arith.sitofp %A_v : i32 to f32
    %A_q = arith.constant 0.25 : f32
    %A_x = arith.mulf %A_vf, %A_q : f32
    %A_s0 = arith.constant 0 : index
    %A_b0 = arith.constant 1 : index
    %A_g0 = arith.divui %A_i0, %A_b0 : index
    %A_s1 = arith.addi %A_s0, %A_g0 : index
    %A_b1 = arith.constant 4 : index
    %A_g1 = arith.divui %A_i1, %A_b1 : index
    %A_s2 = arith.addi %A_s1, %A_g1 : index
    %A_c3 = arith.constant 3 : index
    %A_sr = arith.remui %A_s2, %A_c3 : index
    %A_zz = arith.constant 0 : index
    %A_isz = arith.cmpi eq, %A_sr, %A_zz : index
    %A_zero = arith.constant 0.0 : f32
    %A_y = arith.select %A_isz, %A_zero, %A_x : f32
    linalg.yield %A_y : f32
  } -> tensor<6x16xf32>
  %M_e = tensor.empty() : tensor<6x16xf32>
  %M = linalg.generic {indexing_maps = [affine_map<(d0,d1) -> (d0,d1)>], iterator_types = ["parallel", "parallel"]} outs(%M_e : tensor<6x16xf32>) {
  ^bb0(%M_o: f32):
    %M_h0 = arith.constant 81 : index
    %M_i0 = linalg.index 0 : index
    %M_k0 = arith.constant 7 : index
    %M_m0 = arith.muli %M_i0, %M_k0 : index
    %M_h1 = arith.addi %M_h0, %M_m0 : index
    %M_i1 = linalg.index 1 : index
    %M_k1 = arith.constant 3 : index
    %M_m1 = arith.muli %M_i1, %M_k1 : index
    %M_h2 = arith.addi %M_h1, %M_m1 : index
    %M_c13 = arith.constant 13 : index
    %M_hr = arith.remui %M_h2, %M_c13 : index
    %M_hi = arith.index_cast %M_hr : index to i32
    %M_c6 = arith.constant 6 : i32
    %M_v0 = arith.subi %M_hi, %M_c6 : i32
    %M_c2 = arith.constant 2 : i32
    %M_c1 = arith.constant 1 : i32
    %M_v1 = arith.muli %M_v0, %M_c2 : i32
    %M_v = arith.addi %M_v1, %M_c1 : i32
    %M_vf = arith.sitofp %M_v : i32 to f32
    %M_q = arith.constant 0.125 : f32
    %M_x = arith.mulf %M_vf, %M_q : f32
    linalg.yield %M_x : f32
  } -> tensor<6x16xf32>
  %W_e = tensor.empty() : tensor<16x5xf32>
  %W = linalg.generic {indexing_maps = [affine_map<(d0,d1) -> (d0,d1)>], iterator_types = ["parallel", "parallel"]} outs(%W_e : tensor<16x5xf32>) {
  ^bb0(%W_o: f32):
    %W_h0 = arith.constant 82 : index
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
    %W_vz = arith.constant 0 : i32
    %W_v = arith.addi %W_v0, %W_vz : i32
    %W_vf = arith.sitofp %W_v : i32 to f32
    %W_q = arith.constant 0.25 : f32
    %W_x = arith.mulf %W_vf, %W_q : f32
    %W_s0 = arith.constant 0 : index
    %W_b0 = arith.constant 2 : index
    %W_g0 = arith.divui %W_i0, %W_b0 : index
    %W_s1 = arith.addi %W_s0, %W_g0 : index
    %W_b1 = arith.constant 2 : index
    %W_g1 = arith.divui %W_i1, %W_b1 : index
    %W_s2 = arith.addi %W_s1, %W_g1 : index
    %W_c3 = arith.constant 3 : index
    %W_sr = arith.remui %W_s2, %W_c3 : index
    %W_zz = arith.constant 0 : index
    %W_isz = arith.cmpi eq, %W_sr, %W_zz : index
    %W_zero = arith.constant 0.0 : f32
    %W_y = arith.select %W_isz, %W_zero, %W_x : f32
    linalg.yield %W_y : f32
  } -> tensor<16x5xf32>
  %v_e = tensor.empty() : tensor<96xf32>
  %v = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} outs(%v_e : tensor<96xf32>) {
  ^bb0(%v_o: f32):
    %v_h0 = arith.constant 83 : index
    %v_i0 = linalg.index 0 : index
    %v_k0 = arith.constant 7 : index
    %v_m0 = arith.muli %v_i0, %v_k0 : index
    %v_h1 = arith.addi %v_h0, %v_m0 : index
    %v_c13 = arith.constant 13 : index
    %v_hr = arith.remui %v_h1, %v_c13 : index
    %v_hi = arith.index_cast %v_hr : index to i32
    %v_c6 = arith.constant 6 : i32
    %v_v0 = arith.subi %v_hi, %v_c6 : i32
    %v_vz = arith.constant 0 : i32
    %v_v = arith.addi %v_v0, %v_vz : i32
    %v_vf = arith.sitofp %v_v : i32 to f32
    %v_q = arith.constant 0.25 : f32
    %v_x = arith.mulf %v_vf, %v_q : f32
    %v_s0 = arith.constant 0 : index
    %v_b0 = arith.constant 3 : index
    %v_g0 = arith.divui %v_i0, %v_b0 : index
    %v_s1 = arith.addi %v_s0, %v_g0 : index
    %v_c3 = arith.constant 3 : index
    %v_sr = arith.remui %v_s1, %v_c3 : index
    %v_zz = arith.constant 0 : index
    %v_isz = arith.cmpi eq, %v_sr, %v_zz : index
    %v_zero = arith.constant 0.0 : f32
    %v_y = arith.select %v_isz, %v_zero, %v_x : f32
    linalg.yield %v_y : f32
  } -> tensor<96xf32>
  %C_e = tensor.empty() : tensor<6x5xf32>
  %C_v = arith.constant 0.0 : f32
  %C = linalg.fill ins(%C_v : f32) outs(%C_e : tensor<6x5xf32>) -> tensor<6x5xf32>
  %D_e = tensor.empty() : tensor<6x5xf32>
  %D_v = arith.constant 0.5 : f32
  %D = linalg.fill ins(%D_v : f32) outs(%D_e : tensor<6x5xf32>) -> tensor<6x5xf32>
  %P_e = tensor.empty() : tensor<6x16xf32>
  %P_v = arith.constant 0.0 : f32
  %P = linalg.fill ins(%P_v : f32) outs(%P_e : tensor<6x16xf32>) -> tensor<6x16xf32>
  %As = call @helper(%A) : (tensor<6x16xf32>) -> tensor<6x16xf32, #spider.sparse<microtile = [1, 4]>>
  %pr = linalg.mul ins(%As, %M : tensor<6x16xf32, #spider.sparse<microtile = [1, 4]>>, tensor<6x16xf32>) outs(%P : tensor<6x16xf32>) -> tensor<6x16xf32>
  %r1 = linalg.matmul ins(%pr, %W : tensor<6x16xf32>, tensor<16x5xf32>) outs(%C : tensor<6x5xf32>) -> tensor<6x5xf32>
  %A2 = spider.assume_sparse %A : tensor<6x16xf32> to tensor<6x16xf32, #spider.sparse<microtile = [2, 8]>>
  %r2 = linalg.matmul ins(%A2, %W : tensor<6x16xf32, #spider.sparse<microtile = [2, 8]>>, tensor<16x5xf32>) outs(%D : tensor<6x5xf32>) -> tensor<6x5xf32>
  %fl = tensor.collapse_shape %As [[0, 1]] : tensor<6x16xf32, #spider.sparse<microtile = [1, 4]>> into tensor<96xf32>
  %d_e = tensor.empty() : tensor<f32>
  %d_z = arith.constant 0.0 : f32
  %d0 = linalg.fill ins(%d_z : f32) outs(%d_e : tensor<f32>) -> tensor<f32>
  %d = linalg.dot ins(%fl, %v : tensor<96xf32>, tensor<96xf32>) outs(%d0 : tensor<f32>) -> tensor<f32>
  %Au = tensor.cast %As : tensor<6x16xf32, #spider.sparse<microtile = [1, 4]>> to tensor<*xf32>
  call @printMemrefF32(%Au) : (tensor<*xf32>) -> ()
  %pr_u = tensor.cast %pr : tensor<6x16xf32> to tensor<*xf32>
  call @printMemrefF32(%pr_u) : (tensor<*xf32>) -> ()
  %r1_u = tensor.cast %r1 : tensor<6x5xf32> to tensor<*xf32>
  call @printMemrefF32(%r1_u) : (tensor<*xf32>) -> ()
  %r2_u = tensor.cast %r2 : tensor<6x5xf32> to tensor<*xf32>
  call @printMemrefF32(%r2_u) : (tensor<*xf32>) -> ()
  %d_u = tensor.cast %d : tensor<f32> to tensor<*xf32>
  call @printMemrefF32(%d_u) : (tensor<*xf32>) -> ()
  return
}
