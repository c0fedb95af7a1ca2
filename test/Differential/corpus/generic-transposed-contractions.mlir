// A^T*B and B^T*E^T written as linalg.generic contractions (second from -0.5).
// RUN: %spider_diff_corpus %s

func.func private @printMemrefF32(tensor<*xf32>) attributes {llvm.emit_c_interface}

func.func @main() {
  %A_e = tensor.empty() : tensor<14x9xf32>
  %A = linalg.generic {indexing_maps = [affine_map<(d0,d1) -> (d0,d1)>], iterator_types = ["parallel", "parallel"]} outs(%A_e : tensor<14x9xf32>) {
  ^bb0(%A_o: f32):
    %A_h0 = arith.constant 15 : index
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
    %A_b0 = arith.constant 3 : index
    %A_g0 = arith.divui %A_i0, %A_b0 : index
    %A_s1 = arith.addi %A_s0, %A_g0 : index
    %A_b1 = arith.constant 2 : index
    %A_g1 = arith.divui %A_i1, %A_b1 : index
    %A_s2 = arith.addi %A_s1, %A_g1 : index
    %A_c3 = arith.constant 3 : index
    %A_sr = arith.remui %A_s2, %A_c3 : index
    %A_zz = arith.constant 0 : index
    %A_isz = arith.cmpi eq, %A_sr, %A_zz : index
    %A_zero = arith.constant 0.0 : f32
    %A_y = arith.select %A_isz, %A_zero, %A_x : f32
    linalg.yield %A_y : f32
  } -> tensor<14x9xf32>
  %B_e = tensor.empty() : tensor<14x11xf32>
  %B = linalg.generic {indexing_maps = [affine_map<(d0,d1) -> (d0,d1)>], iterator_types = ["parallel", "parallel"]} outs(%B_e : tensor<14x11xf32>) {
  ^bb0(%B_o: f32):
    %B_h0 = arith.constant 16 : index
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
    %B_b0 = arith.constant 2 : index
    %B_g0 = arith.divui %B_i0, %B_b0 : index
    %B_s1 = arith.addi %B_s0, %B_g0 : index
    %B_b1 = arith.constant 3 : index
    %B_g1 = arith.divui %B_i1, %B_b1 : index
    %B_s2 = arith.addi %B_s1, %B_g1 : index
    %B_c3 = arith.constant 3 : index
    %B_sr = arith.remui %B_s2, %B_c3 : index
    %B_zz = arith.constant 0 : index
    %B_isz = arith.cmpi eq, %B_sr, %B_zz : index
    %B_zero = arith.constant 0.0 : f32
    %B_y = arith.select %B_isz, %B_zero, %B_x : f32
    linalg.yield %B_y : f32
  } -> tensor<14x11xf32>
  %C_e = tensor.empty() : tensor<9x11xf32>
  %C_v = arith.constant 0.0 : f32
  %C = linalg.fill ins(%C_v : f32) outs(%C_e : tensor<9x11xf32>) -> tensor<9x11xf32>
  %E_e = tensor.empty() : tensor<5x14xf32>
  %E = linalg.generic {indexing_maps = [affine_map<(d0,d1) -> (d0,d1)>], iterator_types = ["parallel", "parallel"]} outs(%E_e : tensor<5x14xf32>) {
  ^bb0(%E_o: f32):
    %E_h0 = arith.constant 17 : index
    %E_i0 = linalg.index 0 : index
    %E_k0 = arith.constant 7 : index
    %E_m0 = arith.muli %E_i0, %E_k0 : index
    %E_h1 = arith.addi %E_h0, %E_m0 : index
    %E_i1 = linalg.index 1 : index
    %E_k1 = arith.constant 3 : index
    %E_m1 = arith.muli %E_i1, %E_k1 : index
    %E_h2 = arith.addi %E_h1, %E_m1 : index
    %E_c13 = arith.constant 13 : index
    %E_hr = arith.remui %E_h2, %E_c13 : index
    %E_hi = arith.index_cast %E_hr : index to i32
    %E_c6 = arith.constant 6 : i32
    %E_v0 = arith.subi %E_hi, %E_c6 : i32
    %E_vz = arith.constant 0 : i32
    %E_v = arith.addi %E_v0, %E_vz : i32
    %E_vf = arith.sitofp %E_v : i32 to f32
    %E_q = arith.constant 0.25 : f32
    %E_x = arith.mulf %E_vf, %E_q : f32
    %E_s0 = arith.constant 0 : index
    %E_b0 = arith.constant 2 : index
    %E_g0 = arith.divui %E_i0, %E_b0 : index
    %E_s1 = arith.addi %E_s0, %E_g0 : index
    %E_b1 = arith.constant 2 : index
    %E_g1 = arith.divui %E_i1, %E_b1 : index
    %E_s2 = arith.addi %E_s1, %E_g1 : index
    %E_c3 = arith.constant 3 : index
    %E_sr = arith.remui %E_s2, %E_c3 : index
    %E_zz = arith.constant 0 : index
    %E_isz = arith.cmpi eq, %E_sr, %E_zz : index
    %E_zero = arith.constant 0.0 : f32
    %E_y = arith.select %E_isz, %E_zero, %E_x : f32
    linalg.yield %E_y : f32
  } -> tensor<5x14xf32>
  %F_e = tensor.empty() : tensor<11x5xf32>
  %F_v = arith.constant -0.5 : f32
  %F = linalg.fill ins(%F_v : f32) outs(%F_e : tensor<11x5xf32>) -> tensor<11x5xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (k, m)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%A, %B : tensor<14x9xf32>, tensor<14x11xf32>) outs(%C : tensor<9x11xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<9x11xf32>
  %s2 = linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (k, m)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%B, %E : tensor<14x11xf32>, tensor<5x14xf32>) outs(%F : tensor<11x5xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<11x5xf32>
  %r_u = tensor.cast %r : tensor<9x11xf32> to tensor<*xf32>
  call @printMemrefF32(%r_u) : (tensor<*xf32>) -> ()
  %s2_u = tensor.cast %s2 : tensor<11x5xf32> to tensor<*xf32>
  call @printMemrefF32(%s2_u) : (tensor<*xf32>) -> ()
  return
}
