// MTTKRP: A[i, j] = sum over k, l of B[i, k, l] C[k, j] D[l, j].
// RUN: %spider_diff_corpus %s

func.func private @printMemrefF32(tensor<*xf32>) attributes {llvm.emit_c_interface}

func.func @main() {
  %B_e = tensor.empty() : tensor<5x6x7xf32>
  %B = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"]} outs(%B_e : tensor<5x6x7xf32>) {
  ^bb0(%B_o: f32):
    %B_h0 = arith.constant 100 : index
    %B_i0 = linalg.index 0 : index
    %B_k0 = arith.constant 7 : index
    %B_m0 = arith.muli %B_i0, %B_k0 : index
    %B_h1 = arith.addi %B_h0, %B_m0 : index
    %B_i1 = linalg.index 1 : index
    %B_k1 = arith.constant 3 : index
    %B_m1 = arith.muli %B_i1, %B_k1 : index
    %B_h2 = arith.addi %B_h1, %B_m1 : index
    %B_i2 = linalg.index 2 : index
    %B_k2 = arith.constant 5 : index
    %B_m2 = arith.muli %B_i2, %B_k2 : index
    %B_h3 = arith.addi %B_h2, %B_m2 : index
    %B_c13 = arith.constant 13 : index
    %B_hr = arith.remui %B_h3, %B_c13 : index
    %B_hi = arith.index_cast %B_hr : index to i32
    %B_c6 = arith.constant 6 : i32
    %B_v = arith.subi %B_hi, %B_c6 : i32
    %B_vf = arith.sitofp %B_v : i32 to f32
    %B_q = arith.constant 0.25 : f32
    %B_x = arith.mulf %B_vf, %B_q : f32
    %B_s0 = arith.constant 0 : index
    %B_b0 = arith.constant 2 : index
    %B_g0 = arith.divui %B_i0, %B_b0 : index
    %B_s1 = arith.addi %B_s0, %B_g0 : index
    %B_b1 = arith.constant 2 : index
    %B_g1 = arith.divui %B_i1, %B_b1 : index
    %B_s2 = arith.addi %B_s1, %B_g1 : index
    %B_b2 = arith.constant 3 : index
    %B_g2 = arith.divui %B_i2, %B_b2 : index
    %B_s3 = arith.addi %B_s2, %B_g2 : index
    %B_c3 = arith.constant 3 : index
    %B_sr = arith.remui %B_s3, %B_c3 : index
    %B_z0 = arith.constant 0 : index
    %B_isz = arith.cmpi eq, %B_sr, %B_z0 : index
    %B_zero = arith.constant 0.0 : f32
    %B_y = arith.select %B_isz, %B_zero, %B_x : f32
    linalg.yield %B_y : f32
  } -> tensor<5x6x7xf32>
  %C_e = tensor.empty() : tensor<6x4xf32>
  %C = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%C_e : tensor<6x4xf32>) {
  ^bb0(%C_o: f32):
    %C_h0 = arith.constant 101 : index
    %C_i0 = linalg.index 0 : index
    %C_k0 = arith.constant 7 : index
    %C_m0 = arith.muli %C_i0, %C_k0 : index
    %C_h1 = arith.addi %C_h0, %C_m0 : index
    %C_i1 = linalg.index 1 : index
    %C_k1 = arith.constant 3 : index
    %C_m1 = arith.muli %C_i1, %C_k1 : index
    %C_h2 = arith.addi %C_h1, %C_m1 : index
    %C_c13 = arith.constant 13 : index
    %C_hr = arith.remui %C_h2, %C_c13 : index
    %C_hi = arith.index_cast %C_hr : index to i32
    %C_c6 = arith.constant 6 : i32
    %C_v = arith.subi %C_hi, %C_c6 : i32
    %C_vf = arith.sitofp %C_v : i32 to f32
    %C_q = arith.constant 0.25 : f32
    %C_x = arith.mulf %C_vf, %C_q : f32
    %C_s0 = arith.constant 0 : index
    %C_b0 = arith.constant 3 : index
    %C_g0 = arith.divui %C_i0, %C_b0 : index
    %C_s1 = arith.addi %C_s0, %C_g0 : index
    %C_b1 = arith.constant 1 : index
    %C_g1 = arith.divui %C_i1, %C_b1 : index
    %C_s2 = arith.addi %C_s1, %C_g1 : index
    %C_c3 = arith.constant 3 : index
    %C_sr = arith.remui %C_s2, %C_c3 : index
    %C_z0 = arith.constant 0 : index
    %C_isz = arith.cmpi eq, %C_sr, %C_z0 : index
    %C_zero = arith.constant 0.0 : f32
    %C_y = arith.select %C_isz, %C_zero, %C_x : f32
    linalg.yield %C_y : f32
  } -> tensor<6x4xf32>
  %D_e = tensor.empty() : tensor<7x4xf32>
  %D = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%D_e : tensor<7x4xf32>) {
  ^bb0(%D_o: f32):
    %D_h0 = arith.constant 102 : index
    %D_i0 = linalg.index 0 : index
    %D_k0 = arith.constant 7 : index
    %D_m0 = arith.muli %D_i0, %D_k0 : index
    %D_h1 = arith.addi %D_h0, %D_m0 : index
    %D_i1 = linalg.index 1 : index
    %D_k1 = arith.constant 3 : index
    %D_m1 = arith.muli %D_i1, %D_k1 : index
    %D_h2 = arith.addi %D_h1, %D_m1 : index
    %D_c13 = arith.constant 13 : index
    %D_hr = arith.remui %D_h2, %D_c13 : index
    %D_hi = arith.index_cast %D_hr : index to i32
    %D_c6 = arith.constant 6 : i32
    %D_v = arith.subi %D_hi, %D_c6 : i32
    %D_vf = arith.sitofp %D_v : i32 to f32
    %D_q = arith.constant 0.25 : f32
    %D_x = arith.mulf %D_vf, %D_q : f32
    linalg.yield %D_x : f32
  } -> tensor<7x4xf32>
  %A_e = tensor.empty() : tensor<5x4xf32>
  %A_v = arith.constant 0.0 : f32
  %A = linalg.fill ins(%A_v : f32) outs(%A_e : tensor<5x4xf32>) -> tensor<5x4xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(i, j, k, l) -> (i, k, l)>, affine_map<(i, j, k, l) -> (k, j)>, affine_map<(i, j, k, l) -> (l, j)>, affine_map<(i, j, k, l) -> (i, j)>], iterator_types = ["parallel", "parallel", "reduction", "reduction"]} ins(%B, %C, %D : tensor<5x6x7xf32>, tensor<6x4xf32>, tensor<7x4xf32>) outs(%A : tensor<5x4xf32>) {
  ^bb0(%b: f32, %c: f32, %d: f32, %a: f32):
    %p = arith.mulf %b, %c : f32
    %q = arith.mulf %p, %d : f32
    %s = arith.addf %a, %q : f32
    linalg.yield %s : f32
  } -> tensor<5x4xf32>
  %r_u = tensor.cast %r : tensor<5x4xf32> to tensor<*xf32>
  call @printMemrefF32(%r_u) : (tensor<*xf32>) -> ()
  return
}
