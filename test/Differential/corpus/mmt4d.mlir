// mmt4d: a matmul on 4-d packed operands (M1 x K1 x M0 x K0 by
// N1 x K1 x N0 x K0).
// RUN: %spider_diff_corpus %s

func.func private @printMemrefF32(tensor<*xf32>) attributes {llvm.emit_c_interface}

func.func @main() {
  %A_e = tensor.empty() : tensor<3x4x2x2xf32>
  %A = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%A_e : tensor<3x4x2x2xf32>) {
  ^bb0(%A_o: f32):
    %A_h0 = arith.constant 21 : index
    %A_i0 = linalg.index 0 : index
    %A_k0 = arith.constant 7 : index
    %A_m0 = arith.muli %A_i0, %A_k0 : index
    %A_h1 = arith.addi %A_h0, %A_m0 : index
    %A_i1 = linalg.index 1 : index
    %A_k1 = arith.constant 3 : index
    %A_m1 = arith.muli %A_i1, %A_k1 : index
    %A_h2 = arith.addi %A_h1, %A_m1 : index
    %A_i2 = linalg.index 2 : index
    %A_k2 = arith.constant 5 : index
    %A_m2 = arith.muli %A_i2, %A_k2 : index
    %A_h3 = arith.addi %A_h2, %A_m2 : index
    %A_i3 = linalg.index 3 : index
    %A_k3 = arith.constant 11 : index
    %A_m3 = arith.muli %A_i3, %A_k3 : index
    %A_h4 = arith.addi %A_h3, %A_m3 : index
    %A_c13 = arith.constant 13 : index
    %A_hr = arith.remui %A_h4, %A_c13 : index
    %A_hi = arith.index_cast %A_hr : index to i32
    %A_c6 = arith.constant 6 : i32
    %A_v = arith.subi %A_hi, %A_c6 : i32
    %A_vf = arith.sitofp %A_v : i32 to f32
    %A_q = arith.constant 0.25 : f32
    %A_x = arith.mulf %A_vf, %A_q : f32
    %A_s0 = arith.constant 0 : index
    %A_b0 = arith.constant 1 : index
    %A_g0 = arith.divui %A_i0, %A_b0 : index
    %A_s1 = arith.addi %A_s0, %A_g0 : index
    %A_b1 = arith.constant 2 : index
    %A_g1 = arith.divui %A_i1, %A_b1 : index
    %A_s2 = arith.addi %A_s1, %A_g1 : index
    %A_b2 = arith.constant 1 : index
    %A_g2 = arith.divui %A_i2, %A_b2 : index
    %A_s3 = arith.addi %A_s2, %A_g2 : index
    %A_b3 = arith.constant 2 : index
    %A_g3 = arith.divui %A_i3, %A_b3 : index
    %A_s4 = arith.addi %A_s3, %A_g3 : index
    %A_c3 = arith.constant 3 : index
    %A_sr = arith.remui %A_s4, %A_c3 : index
    %A_z0 = arith.constant 0 : index
    %A_isz = arith.cmpi eq, %A_sr, %A_z0 : index
    %A_zero = arith.constant 0.0 : f32
    %A_y = arith.select %A_isz, %A_zero, %A_x : f32
    linalg.yield %A_y : f32
  } -> tensor<3x4x2x2xf32>
  %B_e = tensor.empty() : tensor<2x4x3x2xf32>
  %B = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%B_e : tensor<2x4x3x2xf32>) {
  ^bb0(%B_o: f32):
    %B_h0 = arith.constant 22 : index
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
    %B_i3 = linalg.index 3 : index
    %B_k3 = arith.constant 11 : index
    %B_m3 = arith.muli %B_i3, %B_k3 : index
    %B_h4 = arith.addi %B_h3, %B_m3 : index
    %B_c13 = arith.constant 13 : index
    %B_hr = arith.remui %B_h4, %B_c13 : index
    %B_hi = arith.index_cast %B_hr : index to i32
    %B_c6 = arith.constant 6 : i32
    %B_v = arith.subi %B_hi, %B_c6 : i32
    %B_vf = arith.sitofp %B_v : i32 to f32
    %B_q = arith.constant 0.25 : f32
    %B_x = arith.mulf %B_vf, %B_q : f32
    %B_s0 = arith.constant 0 : index
    %B_b0 = arith.constant 1 : index
    %B_g0 = arith.divui %B_i0, %B_b0 : index
    %B_s1 = arith.addi %B_s0, %B_g0 : index
    %B_b1 = arith.constant 1 : index
    %B_g1 = arith.divui %B_i1, %B_b1 : index
    %B_s2 = arith.addi %B_s1, %B_g1 : index
    %B_b2 = arith.constant 3 : index
    %B_g2 = arith.divui %B_i2, %B_b2 : index
    %B_s3 = arith.addi %B_s2, %B_g2 : index
    %B_b3 = arith.constant 1 : index
    %B_g3 = arith.divui %B_i3, %B_b3 : index
    %B_s4 = arith.addi %B_s3, %B_g3 : index
    %B_c3 = arith.constant 3 : index
    %B_sr = arith.remui %B_s4, %B_c3 : index
    %B_z0 = arith.constant 0 : index
    %B_isz = arith.cmpi eq, %B_sr, %B_z0 : index
    %B_zero = arith.constant 0.0 : f32
    %B_y = arith.select %B_isz, %B_zero, %B_x : f32
    linalg.yield %B_y : f32
  } -> tensor<2x4x3x2xf32>
  %C_e = tensor.empty() : tensor<3x2x2x3xf32>
  %C_v = arith.constant 0.0 : f32
  %C = linalg.fill ins(%C_v : f32) outs(%C_e : tensor<3x2x2x3xf32>) -> tensor<3x2x2x3xf32>
  %r = linalg.mmt4d ins(%A, %B : tensor<3x4x2x2xf32>, tensor<2x4x3x2xf32>) outs(%C : tensor<3x2x2x3xf32>) -> tensor<3x2x2x3xf32>
  %r_u = tensor.cast %r : tensor<3x2x2x3xf32> to tensor<*xf32>
  call @printMemrefF32(%r_u) : (tensor<*xf32>) -> ()
  return
}
