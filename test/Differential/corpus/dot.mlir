// Dot product into a 0-d tensor, returned by @main together with the
// scalar it holds.
// RUN: %spider_diff_corpus %s

func.func @main() -> (tensor<f32>, f32) {
  %x_e = tensor.empty() : tensor<19xf32>
  %x = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} outs(%x_e : tensor<19xf32>) {
  ^bb0(%x_o: f32):
    %x_h0 = arith.constant 19 : index
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
    %x_b0 = arith.constant 3 : index
    %x_g0 = arith.divui %x_i0, %x_b0 : index
    %x_s1 = arith.addi %x_s0, %x_g0 : index
    %x_c3 = arith.constant 3 : index
    %x_sr = arith.remui %x_s1, %x_c3 : index
    %x_z0 = arith.constant 0 : index
    %x_isz = arith.cmpi eq, %x_sr, %x_z0 : index
    %x_zero = arith.constant 0.0 : f32
    %x_y = arith.select %x_isz, %x_zero, %x_x : f32
    linalg.yield %x_y : f32
  } -> tensor<19xf32>
  %y_e = tensor.empty() : tensor<19xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} outs(%y_e : tensor<19xf32>) {
  ^bb0(%y_o: f32):
    %y_h0 = arith.constant 20 : index
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
    %y_s0 = arith.constant 0 : index
    %y_b0 = arith.constant 2 : index
    %y_g0 = arith.divui %y_i0, %y_b0 : index
    %y_s1 = arith.addi %y_s0, %y_g0 : index
    %y_c3 = arith.constant 3 : index
    %y_sr = arith.remui %y_s1, %y_c3 : index
    %y_z0 = arith.constant 0 : index
    %y_isz = arith.cmpi eq, %y_sr, %y_z0 : index
    %y_zero = arith.constant 0.0 : f32
    %y_y = arith.select %y_isz, %y_zero, %y_x : f32
    linalg.yield %y_y : f32
  } -> tensor<19xf32>
  %acc_e = tensor.empty() : tensor<f32>
  %acc_v = arith.constant 0.0 : f32
  %acc = linalg.fill ins(%acc_v : f32) outs(%acc_e : tensor<f32>) -> tensor<f32>
  %r = linalg.dot ins(%x, %y : tensor<19xf32>, tensor<19xf32>) outs(%acc : tensor<f32>) -> tensor<f32>
  %s = tensor.extract %r[] : tensor<f32>
  return %r, %s : tensor<f32>, f32
}
