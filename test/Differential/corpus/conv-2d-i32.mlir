// Integer 2-d nhwc/hwcf convolution.
// RUN: %spider_diff_corpus %s

func.func private @printMemrefI32(tensor<*xi32>) attributes {llvm.emit_c_interface}

func.func @main() {
  %I_e = tensor.empty() : tensor<1x6x7x2xi32>
  %I = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%I_e : tensor<1x6x7x2xi32>) {
  ^bb0(%I_o: i32):
    %I_h0 = arith.constant 60 : index
    %I_i0 = linalg.index 0 : index
    %I_k0 = arith.constant 7 : index
    %I_m0 = arith.muli %I_i0, %I_k0 : index
    %I_h1 = arith.addi %I_h0, %I_m0 : index
    %I_i1 = linalg.index 1 : index
    %I_k1 = arith.constant 3 : index
    %I_m1 = arith.muli %I_i1, %I_k1 : index
    %I_h2 = arith.addi %I_h1, %I_m1 : index
    %I_i2 = linalg.index 2 : index
    %I_k2 = arith.constant 5 : index
    %I_m2 = arith.muli %I_i2, %I_k2 : index
    %I_h3 = arith.addi %I_h2, %I_m2 : index
    %I_i3 = linalg.index 3 : index
    %I_k3 = arith.constant 11 : index
    %I_m3 = arith.muli %I_i3, %I_k3 : index
    %I_h4 = arith.addi %I_h3, %I_m3 : index
    %I_c13 = arith.constant 13 : index
    %I_hr = arith.remui %I_h4, %I_c13 : index
    %I_hi = arith.index_cast %I_hr : index to i32
    %I_c6 = arith.constant 6 : i32
    %I_v = arith.subi %I_hi, %I_c6 : i32
    %I_x = arith.addi %I_v, %I_v : i32
    %I_s0 = arith.constant 0 : index
    %I_b0 = arith.constant 1 : index
    %I_g0 = arith.divui %I_i0, %I_b0 : index
    %I_s1 = arith.addi %I_s0, %I_g0 : index
    %I_b1 = arith.constant 2 : index
    %I_g1 = arith.divui %I_i1, %I_b1 : index
    %I_s2 = arith.addi %I_s1, %I_g1 : index
    %I_b2 = arith.constant 2 : index
    %I_g2 = arith.divui %I_i2, %I_b2 : index
    %I_s3 = arith.addi %I_s2, %I_g2 : index
    %I_b3 = arith.constant 1 : index
    %I_g3 = arith.divui %I_i3, %I_b3 : index
    %I_s4 = arith.addi %I_s3, %I_g3 : index
    %I_c3 = arith.constant 3 : index
    %I_sr = arith.remui %I_s4, %I_c3 : index
    %I_z0 = arith.constant 0 : index
    %I_isz = arith.cmpi eq, %I_sr, %I_z0 : index
    %I_zero = arith.constant 0 : i32
    %I_y = arith.select %I_isz, %I_zero, %I_x : i32
    linalg.yield %I_y : i32
  } -> tensor<1x6x7x2xi32>
  %F_e = tensor.empty() : tensor<2x3x2x3xi32>
  %F = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%F_e : tensor<2x3x2x3xi32>) {
  ^bb0(%F_o: i32):
    %F_h0 = arith.constant 61 : index
    %F_i0 = linalg.index 0 : index
    %F_k0 = arith.constant 7 : index
    %F_m0 = arith.muli %F_i0, %F_k0 : index
    %F_h1 = arith.addi %F_h0, %F_m0 : index
    %F_i1 = linalg.index 1 : index
    %F_k1 = arith.constant 3 : index
    %F_m1 = arith.muli %F_i1, %F_k1 : index
    %F_h2 = arith.addi %F_h1, %F_m1 : index
    %F_i2 = linalg.index 2 : index
    %F_k2 = arith.constant 5 : index
    %F_m2 = arith.muli %F_i2, %F_k2 : index
    %F_h3 = arith.addi %F_h2, %F_m2 : index
    %F_i3 = linalg.index 3 : index
    %F_k3 = arith.constant 11 : index
    %F_m3 = arith.muli %F_i3, %F_k3 : index
    %F_h4 = arith.addi %F_h3, %F_m3 : index
    %F_c13 = arith.constant 13 : index
    %F_hr = arith.remui %F_h4, %F_c13 : index
    %F_hi = arith.index_cast %F_hr : index to i32
    %F_c6 = arith.constant 6 : i32
    %F_v = arith.subi %F_hi, %F_c6 : i32
    %F_x = arith.addi %F_v, %F_v : i32
    linalg.yield %F_x : i32
  } -> tensor<2x3x2x3xi32>
  %O_e = tensor.empty() : tensor<1x5x5x3xi32>
  %O_v = arith.constant 0 : i32
  %O = linalg.fill ins(%O_v : i32) outs(%O_e : tensor<1x5x5x3xi32>) -> tensor<1x5x5x3xi32>
  %r = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%I, %F : tensor<1x6x7x2xi32>, tensor<2x3x2x3xi32>) outs(%O : tensor<1x5x5x3xi32>) -> tensor<1x5x5x3xi32>
  %r_u = tensor.cast %r : tensor<1x5x5x3xi32> to tensor<*xi32>
  call @printMemrefI32(%r_u) : (tensor<*xi32>) -> ()
  return
}
