// Matrix-vector product into a non-zero init; the result is returned by
// @main, not printed (the checker prints it).
// RUN: %spider_diff_corpus %s

func.func @main() -> tensor<12xf32> {
  %A_e = tensor.empty() : tensor<12x17xf32>
  %A = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%A_e : tensor<12x17xf32>) {
  ^bb0(%A_o: f32):
    %A_h0 = arith.constant 14 : index
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
    %A_b0 = arith.constant 3 : index
    %A_g0 = arith.divui %A_i0, %A_b0 : index
    %A_s1 = arith.addi %A_s0, %A_g0 : index
    %A_b1 = arith.constant 5 : index
    %A_g1 = arith.divui %A_i1, %A_b1 : index
    %A_s2 = arith.addi %A_s1, %A_g1 : index
    %A_c3 = arith.constant 3 : index
    %A_sr = arith.remui %A_s2, %A_c3 : index
    %A_z0 = arith.constant 0 : index
    %A_isz = arith.cmpi eq, %A_sr, %A_z0 : index
    %A_zero = arith.constant 0.0 : f32
    %A_y = arith.select %A_isz, %A_zero, %A_x : f32
    linalg.yield %A_y : f32
  } -> tensor<12x17xf32>
  %x_e = tensor.empty() : tensor<17xf32>
  %x = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} outs(%x_e : tensor<17xf32>) {
  ^bb0(%x_o: f32):
    %x_h0 = arith.constant 15 : index
    %x_i0 = linalg.index 0 : index
    %x_k0 = arith.constant 7 : index
    %x_m0 = arith.muli %x_i0, %x_k0 : index
    %x_h1 = arith.addi %x_h0, %x_m0 : index
    %x_c13 = arith.constant 13 : index
    %x_hr = arith.remui %x_h1, %x_c13 : index
    %x_hi = arith.index_cast %x_hr : index to i32
    %x_c6 = arith.constant 6 : i32
    %x_v = arith.subi %x_hi, %x_c6 : i32
    %x_vf = arith.sitofp %x_v : i32 to f32
    %x_q = arith.constant 0.25 : f32
    %x_x = arith.mulf %x_vf, %x_q : f32
    %x_s0 = arith.constant 0 : index
    %x_b0 = arith.constant 4 : index
    %x_g0 = arith.divui %x_i0, %x_b0 : index
    %x_s1 = arith.addi %x_s0, %x_g0 : index
    %x_c3 = arith.constant 3 : index
    %x_sr = arith.remui %x_s1, %x_c3 : index
    %x_z0 = arith.constant 0 : index
    %x_isz = arith.cmpi eq, %x_sr, %x_z0 : index
    %x_zero = arith.constant 0.0 : f32
    %x_y = arith.select %x_isz, %x_zero, %x_x : f32
    linalg.yield %x_y : f32
  } -> tensor<17xf32>
  %y_e = tensor.empty() : tensor<12xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} outs(%y_e : tensor<12xf32>) {
  ^bb0(%y_o: f32):
    %y_h0 = arith.constant 16 : index
    %y_i0 = linalg.index 0 : index
    %y_k0 = arith.constant 7 : index
    %y_m0 = arith.muli %y_i0, %y_k0 : index
    %y_h1 = arith.addi %y_h0, %y_m0 : index
    %y_c13 = arith.constant 13 : index
    %y_hr = arith.remui %y_h1, %y_c13 : index
    %y_hi = arith.index_cast %y_hr : index to i32
    %y_c6 = arith.constant 6 : i32
    %y_v = arith.subi %y_hi, %y_c6 : i32
    %y_vf = arith.sitofp %y_v : i32 to f32
    %y_q = arith.constant 0.25 : f32
    %y_x = arith.mulf %y_vf, %y_q : f32
    linalg.yield %y_x : f32
  } -> tensor<12xf32>
  %r = linalg.matvec ins(%A, %x : tensor<12x17xf32>, tensor<17xf32>) outs(%y : tensor<12xf32>) -> tensor<12xf32>
  return %r : tensor<12xf32>
}
