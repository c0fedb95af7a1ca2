// Batched matrix-vector product.
// RUN: %spider_diff_corpus %s

func.func private @printMemrefF32(tensor<*xf32>) attributes {llvm.emit_c_interface}

func.func @main() {
  %A_e = tensor.empty() : tensor<3x7x10xf32>
  %A = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"]} outs(%A_e : tensor<3x7x10xf32>) {
  ^bb0(%A_o: f32):
    %A_h0 = arith.constant 23 : index
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
    %A_c13 = arith.constant 13 : index
    %A_hr = arith.remui %A_h3, %A_c13 : index
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
    %A_b2 = arith.constant 3 : index
    %A_g2 = arith.divui %A_i2, %A_b2 : index
    %A_s3 = arith.addi %A_s2, %A_g2 : index
    %A_c3 = arith.constant 3 : index
    %A_sr = arith.remui %A_s3, %A_c3 : index
    %A_z0 = arith.constant 0 : index
    %A_isz = arith.cmpi eq, %A_sr, %A_z0 : index
    %A_zero = arith.constant 0.0 : f32
    %A_y = arith.select %A_isz, %A_zero, %A_x : f32
    linalg.yield %A_y : f32
  } -> tensor<3x7x10xf32>
  %x_e = tensor.empty() : tensor<3x10xf32>
  %x = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%x_e : tensor<3x10xf32>) {
  ^bb0(%x_o: f32):
    %x_h0 = arith.constant 24 : index
    %x_i0 = linalg.index 0 : index
    %x_k0 = arith.constant 7 : index
    %x_m0 = arith.muli %x_i0, %x_k0 : index
    %x_h1 = arith.addi %x_h0, %x_m0 : index
    %x_i1 = linalg.index 1 : index
    %x_k1 = arith.constant 3 : index
    %x_m1 = arith.muli %x_i1, %x_k1 : index
    %x_h2 = arith.addi %x_h1, %x_m1 : index
    %x_c13 = arith.constant 13 : index
    %x_hr = arith.remui %x_h2, %x_c13 : index
    %x_hi = arith.index_cast %x_hr : index to i32
    %x_c6 = arith.constant 6 : i32
    %x_v = arith.subi %x_hi, %x_c6 : i32
    %x_vf = arith.sitofp %x_v : i32 to f32
    %x_q = arith.constant 0.25 : f32
    %x_x = arith.mulf %x_vf, %x_q : f32
    %x_s0 = arith.constant 0 : index
    %x_b0 = arith.constant 1 : index
    %x_g0 = arith.divui %x_i0, %x_b0 : index
    %x_s1 = arith.addi %x_s0, %x_g0 : index
    %x_b1 = arith.constant 4 : index
    %x_g1 = arith.divui %x_i1, %x_b1 : index
    %x_s2 = arith.addi %x_s1, %x_g1 : index
    %x_c3 = arith.constant 3 : index
    %x_sr = arith.remui %x_s2, %x_c3 : index
    %x_z0 = arith.constant 0 : index
    %x_isz = arith.cmpi eq, %x_sr, %x_z0 : index
    %x_zero = arith.constant 0.0 : f32
    %x_y = arith.select %x_isz, %x_zero, %x_x : f32
    linalg.yield %x_y : f32
  } -> tensor<3x10xf32>
  %y_e = tensor.empty() : tensor<3x7xf32>
  %y_v = arith.constant 0.0 : f32
  %y = linalg.fill ins(%y_v : f32) outs(%y_e : tensor<3x7xf32>) -> tensor<3x7xf32>
  %r = linalg.batch_matvec ins(%A, %x : tensor<3x7x10xf32>, tensor<3x10xf32>) outs(%y : tensor<3x7xf32>) -> tensor<3x7xf32>
  %r_u = tensor.cast %r : tensor<3x7xf32> to tensor<*xf32>
  call @printMemrefF32(%r_u) : (tensor<*xf32>) -> ()
  return
}
