// Attention-like chain: P = S .* (Q K^T) (SDDMM), then O = P V (SpMM).
// RUN: %spider_diff_corpus %s

func.func private @printMemrefF32(tensor<*xf32>) attributes {llvm.emit_c_interface}

func.func @main() {
  %S_e = tensor.empty() : tensor<9x11xf32>
  %S = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%S_e : tensor<9x11xf32>) {
  ^bb0(%S_o: f32):
    %S_h0 = arith.constant 96 : index
    %S_i0 = linalg.index 0 : index
    %S_k0 = arith.constant 7 : index
    %S_m0 = arith.muli %S_i0, %S_k0 : index
    %S_h1 = arith.addi %S_h0, %S_m0 : index
    %S_i1 = linalg.index 1 : index
    %S_k1 = arith.constant 3 : index
    %S_m1 = arith.muli %S_i1, %S_k1 : index
    %S_h2 = arith.addi %S_h1, %S_m1 : index
    %S_c13 = arith.constant 13 : index
    %S_hr = arith.remui %S_h2, %S_c13 : index
    %S_hi = arith.index_cast %S_hr : index to i32
    %S_c6 = arith.constant 6 : i32
    %S_v = arith.subi %S_hi, %S_c6 : i32
    %S_vf = arith.sitofp %S_v : i32 to f32
    %S_q = arith.constant 0.25 : f32
    %S_x = arith.mulf %S_vf, %S_q : f32
    %S_s0 = arith.constant 0 : index
    %S_b0 = arith.constant 1 : index
    %S_g0 = arith.divui %S_i0, %S_b0 : index
    %S_s1 = arith.addi %S_s0, %S_g0 : index
    %S_b1 = arith.constant 4 : index
    %S_g1 = arith.divui %S_i1, %S_b1 : index
    %S_s2 = arith.addi %S_s1, %S_g1 : index
    %S_c3 = arith.constant 3 : index
    %S_sr = arith.remui %S_s2, %S_c3 : index
    %S_z0 = arith.constant 0 : index
    %S_isz = arith.cmpi eq, %S_sr, %S_z0 : index
    %S_zero = arith.constant 0.0 : f32
    %S_y = arith.select %S_isz, %S_zero, %S_x : f32
    linalg.yield %S_y : f32
  } -> tensor<9x11xf32>
  %Q_e = tensor.empty() : tensor<9x6xf32>
  %Q = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%Q_e : tensor<9x6xf32>) {
  ^bb0(%Q_o: f32):
    %Q_h0 = arith.constant 97 : index
    %Q_i0 = linalg.index 0 : index
    %Q_k0 = arith.constant 7 : index
    %Q_m0 = arith.muli %Q_i0, %Q_k0 : index
    %Q_h1 = arith.addi %Q_h0, %Q_m0 : index
    %Q_i1 = linalg.index 1 : index
    %Q_k1 = arith.constant 3 : index
    %Q_m1 = arith.muli %Q_i1, %Q_k1 : index
    %Q_h2 = arith.addi %Q_h1, %Q_m1 : index
    %Q_c13 = arith.constant 13 : index
    %Q_hr = arith.remui %Q_h2, %Q_c13 : index
    %Q_hi = arith.index_cast %Q_hr : index to i32
    %Q_c6 = arith.constant 6 : i32
    %Q_v = arith.subi %Q_hi, %Q_c6 : i32
    %Q_vf = arith.sitofp %Q_v : i32 to f32
    %Q_q = arith.constant 0.25 : f32
    %Q_x = arith.mulf %Q_vf, %Q_q : f32
    %Q_s0 = arith.constant 0 : index
    %Q_b0 = arith.constant 3 : index
    %Q_g0 = arith.divui %Q_i0, %Q_b0 : index
    %Q_s1 = arith.addi %Q_s0, %Q_g0 : index
    %Q_b1 = arith.constant 1 : index
    %Q_g1 = arith.divui %Q_i1, %Q_b1 : index
    %Q_s2 = arith.addi %Q_s1, %Q_g1 : index
    %Q_c3 = arith.constant 3 : index
    %Q_sr = arith.remui %Q_s2, %Q_c3 : index
    %Q_z0 = arith.constant 0 : index
    %Q_isz = arith.cmpi eq, %Q_sr, %Q_z0 : index
    %Q_zero = arith.constant 0.0 : f32
    %Q_y = arith.select %Q_isz, %Q_zero, %Q_x : f32
    linalg.yield %Q_y : f32
  } -> tensor<9x6xf32>
  %K_e = tensor.empty() : tensor<11x6xf32>
  %K = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%K_e : tensor<11x6xf32>) {
  ^bb0(%K_o: f32):
    %K_h0 = arith.constant 98 : index
    %K_i0 = linalg.index 0 : index
    %K_k0 = arith.constant 7 : index
    %K_m0 = arith.muli %K_i0, %K_k0 : index
    %K_h1 = arith.addi %K_h0, %K_m0 : index
    %K_i1 = linalg.index 1 : index
    %K_k1 = arith.constant 3 : index
    %K_m1 = arith.muli %K_i1, %K_k1 : index
    %K_h2 = arith.addi %K_h1, %K_m1 : index
    %K_c13 = arith.constant 13 : index
    %K_hr = arith.remui %K_h2, %K_c13 : index
    %K_hi = arith.index_cast %K_hr : index to i32
    %K_c6 = arith.constant 6 : i32
    %K_v = arith.subi %K_hi, %K_c6 : i32
    %K_vf = arith.sitofp %K_v : i32 to f32
    %K_q = arith.constant 0.25 : f32
    %K_x = arith.mulf %K_vf, %K_q : f32
    linalg.yield %K_x : f32
  } -> tensor<11x6xf32>
  %V_e = tensor.empty() : tensor<11x5xf32>
  %V = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%V_e : tensor<11x5xf32>) {
  ^bb0(%V_o: f32):
    %V_h0 = arith.constant 99 : index
    %V_i0 = linalg.index 0 : index
    %V_k0 = arith.constant 7 : index
    %V_m0 = arith.muli %V_i0, %V_k0 : index
    %V_h1 = arith.addi %V_h0, %V_m0 : index
    %V_i1 = linalg.index 1 : index
    %V_k1 = arith.constant 3 : index
    %V_m1 = arith.muli %V_i1, %V_k1 : index
    %V_h2 = arith.addi %V_h1, %V_m1 : index
    %V_c13 = arith.constant 13 : index
    %V_hr = arith.remui %V_h2, %V_c13 : index
    %V_hi = arith.index_cast %V_hr : index to i32
    %V_c6 = arith.constant 6 : i32
    %V_v = arith.subi %V_hi, %V_c6 : i32
    %V_vf = arith.sitofp %V_v : i32 to f32
    %V_q = arith.constant 0.25 : f32
    %V_x = arith.mulf %V_vf, %V_q : f32
    %V_s0 = arith.constant 0 : index
    %V_b0 = arith.constant 4 : index
    %V_g0 = arith.divui %V_i0, %V_b0 : index
    %V_s1 = arith.addi %V_s0, %V_g0 : index
    %V_b1 = arith.constant 1 : index
    %V_g1 = arith.divui %V_i1, %V_b1 : index
    %V_s2 = arith.addi %V_s1, %V_g1 : index
    %V_c3 = arith.constant 3 : index
    %V_sr = arith.remui %V_s2, %V_c3 : index
    %V_z0 = arith.constant 0 : index
    %V_isz = arith.cmpi eq, %V_sr, %V_z0 : index
    %V_zero = arith.constant 0.0 : f32
    %V_y = arith.select %V_isz, %V_zero, %V_x : f32
    linalg.yield %V_y : f32
  } -> tensor<11x5xf32>
  %P0_e = tensor.empty() : tensor<9x11xf32>
  %P0_v = arith.constant 0.0 : f32
  %P0 = linalg.fill ins(%P0_v : f32) outs(%P0_e : tensor<9x11xf32>) -> tensor<9x11xf32>
  %P = linalg.generic {indexing_maps = [affine_map<(i, j, k) -> (i, j)>, affine_map<(i, j, k) -> (i, k)>, affine_map<(i, j, k) -> (j, k)>, affine_map<(i, j, k) -> (i, j)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%S, %Q, %K : tensor<9x11xf32>, tensor<9x6xf32>, tensor<11x6xf32>) outs(%P0 : tensor<9x11xf32>) {
  ^bb0(%s: f32, %q: f32, %k: f32, %c: f32):
    %p = arith.mulf %q, %k : f32
    %w = arith.mulf %s, %p : f32
    %t = arith.addf %c, %w : f32
    linalg.yield %t : f32
  } -> tensor<9x11xf32>
  %O0_e = tensor.empty() : tensor<9x5xf32>
  %O0_v = arith.constant 0.0 : f32
  %O0 = linalg.fill ins(%O0_v : f32) outs(%O0_e : tensor<9x5xf32>) -> tensor<9x5xf32>
  %O = linalg.matmul ins(%P, %V : tensor<9x11xf32>, tensor<11x5xf32>) outs(%O0 : tensor<9x5xf32>) -> tensor<9x5xf32>
  %O_u = tensor.cast %O : tensor<9x5xf32> to tensor<*xf32>
  call @printMemrefF32(%O_u) : (tensor<*xf32>) -> ()
  return
}
