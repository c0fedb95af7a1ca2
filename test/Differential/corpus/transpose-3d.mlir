// A 3-d transpose (permutation [2, 0, 1]) as a linalg.generic.
// RUN: %spider_diff_corpus %s

func.func private @printMemrefF32(tensor<*xf32>) attributes {llvm.emit_c_interface}

func.func @main() {
  %X_e = tensor.empty() : tensor<3x4x5xf32>
  %X = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"]} outs(%X_e : tensor<3x4x5xf32>) {
  ^bb0(%X_o: f32):
    %X_h0 = arith.constant 122 : index
    %X_i0 = linalg.index 0 : index
    %X_k0 = arith.constant 7 : index
    %X_m0 = arith.muli %X_i0, %X_k0 : index
    %X_h1 = arith.addi %X_h0, %X_m0 : index
    %X_i1 = linalg.index 1 : index
    %X_k1 = arith.constant 3 : index
    %X_m1 = arith.muli %X_i1, %X_k1 : index
    %X_h2 = arith.addi %X_h1, %X_m1 : index
    %X_i2 = linalg.index 2 : index
    %X_k2 = arith.constant 5 : index
    %X_m2 = arith.muli %X_i2, %X_k2 : index
    %X_h3 = arith.addi %X_h2, %X_m2 : index
    %X_c13 = arith.constant 13 : index
    %X_hr = arith.remui %X_h3, %X_c13 : index
    %X_hi = arith.index_cast %X_hr : index to i32
    %X_c6 = arith.constant 6 : i32
    %X_v = arith.subi %X_hi, %X_c6 : i32
    %X_vf = arith.sitofp %X_v : i32 to f32
    %X_q = arith.constant 0.25 : f32
    %X_x = arith.mulf %X_vf, %X_q : f32
    %X_s0 = arith.constant 0 : index
    %X_b0 = arith.constant 1 : index
    %X_g0 = arith.divui %X_i0, %X_b0 : index
    %X_s1 = arith.addi %X_s0, %X_g0 : index
    %X_b1 = arith.constant 2 : index
    %X_g1 = arith.divui %X_i1, %X_b1 : index
    %X_s2 = arith.addi %X_s1, %X_g1 : index
    %X_b2 = arith.constant 2 : index
    %X_g2 = arith.divui %X_i2, %X_b2 : index
    %X_s3 = arith.addi %X_s2, %X_g2 : index
    %X_c3 = arith.constant 3 : index
    %X_sr = arith.remui %X_s3, %X_c3 : index
    %X_z0 = arith.constant 0 : index
    %X_isz = arith.cmpi eq, %X_sr, %X_z0 : index
    %X_zero = arith.constant 0.0 : f32
    %X_y = arith.select %X_isz, %X_zero, %X_x : f32
    linalg.yield %X_y : f32
  } -> tensor<3x4x5xf32>
  %E = tensor.empty() : tensor<5x3x4xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(a, b, c) -> (b, c, a)>, affine_map<(a, b, c) -> (a, b, c)>], iterator_types = ["parallel", "parallel", "parallel"]} ins(%X : tensor<3x4x5xf32>) outs(%E : tensor<5x3x4xf32>) {
  ^bb0(%x: f32, %o: f32):
    linalg.yield %x : f32
  } -> tensor<5x3x4xf32>
  %r_u = tensor.cast %r : tensor<5x3x4xf32> to tensor<*xf32>
  call @printMemrefF32(%r_u) : (tensor<*xf32>) -> ()
  return
}
