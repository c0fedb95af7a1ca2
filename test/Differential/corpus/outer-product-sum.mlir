// A sum of outer products (a k-reduction with rank-1 operands):
// C[i, j] = sum over k of u[k, i] v[k, j], as batch of vectors.
// RUN: %spider_diff_corpus %s

func.func private @printMemrefF32(tensor<*xf32>) attributes {llvm.emit_c_interface}

func.func @main() {
  %U_e = tensor.empty() : tensor<6x7xf32>
  %U = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%U_e : tensor<6x7xf32>) {
  ^bb0(%U_o: f32):
    %U_h0 = arith.constant 141 : index
    %U_i0 = linalg.index 0 : index
    %U_k0 = arith.constant 7 : index
    %U_m0 = arith.muli %U_i0, %U_k0 : index
    %U_h1 = arith.addi %U_h0, %U_m0 : index
    %U_i1 = linalg.index 1 : index
    %U_k1 = arith.constant 3 : index
    %U_m1 = arith.muli %U_i1, %U_k1 : index
    %U_h2 = arith.addi %U_h1, %U_m1 : index
    %U_c13 = arith.constant 13 : index
    %U_hr = arith.remui %U_h2, %U_c13 : index
    %U_hi = arith.index_cast %U_hr : index to i32
    %U_c6 = arith.constant 6 : i32
    %U_v = arith.subi %U_hi, %U_c6 : i32
    %U_vf = arith.sitofp %U_v : i32 to f32
    %U_q = arith.constant 0.25 : f32
    %U_x = arith.mulf %U_vf, %U_q : f32
    %U_s0 = arith.constant 0 : index
    %U_b0 = arith.constant 2 : index
    %U_g0 = arith.divui %U_i0, %U_b0 : index
    %U_s1 = arith.addi %U_s0, %U_g0 : index
    %U_b1 = arith.constant 2 : index
    %U_g1 = arith.divui %U_i1, %U_b1 : index
    %U_s2 = arith.addi %U_s1, %U_g1 : index
    %U_c3 = arith.constant 3 : index
    %U_sr = arith.remui %U_s2, %U_c3 : index
    %U_z0 = arith.constant 0 : index
    %U_isz = arith.cmpi eq, %U_sr, %U_z0 : index
    %U_zero = arith.constant 0.0 : f32
    %U_y = arith.select %U_isz, %U_zero, %U_x : f32
    linalg.yield %U_y : f32
  } -> tensor<6x7xf32>
  %V_e = tensor.empty() : tensor<6x5xf32>
  %V = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%V_e : tensor<6x5xf32>) {
  ^bb0(%V_o: f32):
    %V_h0 = arith.constant 142 : index
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
    %V_b0 = arith.constant 3 : index
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
  } -> tensor<6x5xf32>
  %C_e = tensor.empty() : tensor<7x5xf32>
  %C_v = arith.constant 0.0 : f32
  %C = linalg.fill ins(%C_v : f32) outs(%C_e : tensor<7x5xf32>) -> tensor<7x5xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(k, i, j) -> (k, i)>, affine_map<(k, i, j) -> (k, j)>, affine_map<(k, i, j) -> (i, j)>], iterator_types = ["reduction", "parallel", "parallel"]} ins(%U, %V : tensor<6x7xf32>, tensor<6x5xf32>) outs(%C : tensor<7x5xf32>) {
  ^bb0(%u: f32, %v: f32, %c: f32):
    %p = arith.mulf %u, %v : f32
    %s = arith.addf %c, %p : f32
    linalg.yield %s : f32
  } -> tensor<7x5xf32>
  %r_u = tensor.cast %r : tensor<7x5xf32> to tensor<*xf32>
  call @printMemrefF32(%r_u) : (tensor<*xf32>) -> ()
  return
}
