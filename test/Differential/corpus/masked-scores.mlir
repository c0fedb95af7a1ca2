// Scores Q K^T, masked where a 0/1 mask is zero (select, not multiply), then
// row sums of the kept scores.
// RUN: %spider_diff_corpus %s

func.func private @printMemrefF32(tensor<*xf32>) attributes {llvm.emit_c_interface}

func.func @main() {
  %Q_e = tensor.empty() : tensor<8x5xf32>
  %Q = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%Q_e : tensor<8x5xf32>) {
  ^bb0(%Q_o: f32):
    %Q_h0 = arith.constant 136 : index
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
    %Q_b0 = arith.constant 2 : index
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
  } -> tensor<8x5xf32>
  %K_e = tensor.empty() : tensor<9x5xf32>
  %K = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%K_e : tensor<9x5xf32>) {
  ^bb0(%K_o: f32):
    %K_h0 = arith.constant 137 : index
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
  } -> tensor<9x5xf32>
  %Mk_e = tensor.empty() : tensor<8x9xf32>
  %Mk = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%Mk_e : tensor<8x9xf32>) {
  ^bb0(%Mk_o: f32):
    %Mk_h0 = arith.constant 138 : index
    %Mk_i0 = linalg.index 0 : index
    %Mk_k0 = arith.constant 7 : index
    %Mk_m0 = arith.muli %Mk_i0, %Mk_k0 : index
    %Mk_h1 = arith.addi %Mk_h0, %Mk_m0 : index
    %Mk_i1 = linalg.index 1 : index
    %Mk_k1 = arith.constant 3 : index
    %Mk_m1 = arith.muli %Mk_i1, %Mk_k1 : index
    %Mk_h2 = arith.addi %Mk_h1, %Mk_m1 : index
    %Mk_c13 = arith.constant 13 : index
    %Mk_hr = arith.remui %Mk_h2, %Mk_c13 : index
    %Mk_hi = arith.index_cast %Mk_hr : index to i32
    %Mk_v = arith.addi %Mk_hi, %Mk_hi : i32
    %Mk_vf = arith.sitofp %Mk_v : i32 to f32
    %Mk_q = arith.constant 0.25 : f32
    %Mk_x = arith.mulf %Mk_vf, %Mk_q : f32
    %Mk_s0 = arith.constant 0 : index
    %Mk_b0 = arith.constant 2 : index
    %Mk_g0 = arith.divui %Mk_i0, %Mk_b0 : index
    %Mk_s1 = arith.addi %Mk_s0, %Mk_g0 : index
    %Mk_b1 = arith.constant 2 : index
    %Mk_g1 = arith.divui %Mk_i1, %Mk_b1 : index
    %Mk_s2 = arith.addi %Mk_s1, %Mk_g1 : index
    %Mk_c3 = arith.constant 3 : index
    %Mk_sr = arith.remui %Mk_s2, %Mk_c3 : index
    %Mk_z0 = arith.constant 0 : index
    %Mk_isz = arith.cmpi eq, %Mk_sr, %Mk_z0 : index
    %Mk_zero = arith.constant 0.0 : f32
    %Mk_y = arith.select %Mk_isz, %Mk_zero, %Mk_x : f32
    linalg.yield %Mk_y : f32
  } -> tensor<8x9xf32>
  %C_e = tensor.empty() : tensor<8x9xf32>
  %C_v = arith.constant 0.0 : f32
  %C = linalg.fill ins(%C_v : f32) outs(%C_e : tensor<8x9xf32>) -> tensor<8x9xf32>
  %s = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>] ins(%Q, %K : tensor<8x5xf32>, tensor<9x5xf32>) outs(%C : tensor<8x9xf32>) -> tensor<8x9xf32>
  %R0_e = tensor.empty() : tensor<8xf32>
  %R0_v = arith.constant 0.0 : f32
  %R0 = linalg.fill ins(%R0_v : f32) outs(%R0_e : tensor<8xf32>) -> tensor<8xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i)>], iterator_types = ["parallel", "reduction"]} ins(%s, %Mk : tensor<8x9xf32>, tensor<8x9xf32>) outs(%R0 : tensor<8xf32>) {
  ^bb0(%x: f32, %m: f32, %acc: f32):
    %z = arith.constant 0.0 : f32
    %keep = arith.cmpf one, %m, %z : f32
    %v = arith.select %keep, %x, %z : f32
    %t = arith.addf %acc, %v : f32
    linalg.yield %t : f32
  } -> tensor<8xf32>
  %r_u = tensor.cast %r : tensor<8xf32> to tensor<*xf32>
  call @printMemrefF32(%r_u) : (tensor<*xf32>) -> ()
  return
}
