// An elementwise chain of named ops: (A * B - A) / 2 + |B|, with
// linalg.mul, linalg.sub, linalg.div, linalg.abs and linalg.add.
// RUN: %spider_diff_corpus %s

func.func private @printMemrefF32(tensor<*xf32>) attributes {llvm.emit_c_interface}

func.func @main() {
  %A_e = tensor.empty() : tensor<6x10xf32>
  %A = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%A_e : tensor<6x10xf32>) {
  ^bb0(%A_o: f32):
    %A_h0 = arith.constant 129 : index
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
    %A_b0 = arith.constant 2 : index
    %A_g0 = arith.divui %A_i0, %A_b0 : index
    %A_s1 = arith.addi %A_s0, %A_g0 : index
    %A_b1 = arith.constant 3 : index
    %A_g1 = arith.divui %A_i1, %A_b1 : index
    %A_s2 = arith.addi %A_s1, %A_g1 : index
    %A_c3 = arith.constant 3 : index
    %A_sr = arith.remui %A_s2, %A_c3 : index
    %A_z0 = arith.constant 0 : index
    %A_isz = arith.cmpi eq, %A_sr, %A_z0 : index
    %A_zero = arith.constant 0.0 : f32
    %A_y = arith.select %A_isz, %A_zero, %A_x : f32
    linalg.yield %A_y : f32
  } -> tensor<6x10xf32>
  %B_e = tensor.empty() : tensor<6x10xf32>
  %B = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%B_e : tensor<6x10xf32>) {
  ^bb0(%B_o: f32):
    %B_h0 = arith.constant 130 : index
    %B_i0 = linalg.index 0 : index
    %B_k0 = arith.constant 7 : index
    %B_m0 = arith.muli %B_i0, %B_k0 : index
    %B_h1 = arith.addi %B_h0, %B_m0 : index
    %B_i1 = linalg.index 1 : index
    %B_k1 = arith.constant 3 : index
    %B_m1 = arith.muli %B_i1, %B_k1 : index
    %B_h2 = arith.addi %B_h1, %B_m1 : index
    %B_c13 = arith.constant 13 : index
    %B_hr = arith.remui %B_h2, %B_c13 : index
    %B_hi = arith.index_cast %B_hr : index to i32
    %B_c6 = arith.constant 6 : i32
    %B_v = arith.subi %B_hi, %B_c6 : i32
    %B_vf = arith.sitofp %B_v : i32 to f32
    %B_q = arith.constant 0.25 : f32
    %B_x = arith.mulf %B_vf, %B_q : f32
    %B_s0 = arith.constant 0 : index
    %B_b0 = arith.constant 3 : index
    %B_g0 = arith.divui %B_i0, %B_b0 : index
    %B_s1 = arith.addi %B_s0, %B_g0 : index
    %B_b1 = arith.constant 2 : index
    %B_g1 = arith.divui %B_i1, %B_b1 : index
    %B_s2 = arith.addi %B_s1, %B_g1 : index
    %B_c3 = arith.constant 3 : index
    %B_sr = arith.remui %B_s2, %B_c3 : index
    %B_z0 = arith.constant 0 : index
    %B_isz = arith.cmpi eq, %B_sr, %B_z0 : index
    %B_zero = arith.constant 0.0 : f32
    %B_y = arith.select %B_isz, %B_zero, %B_x : f32
    linalg.yield %B_y : f32
  } -> tensor<6x10xf32>
  %two_e = tensor.empty() : tensor<6x10xf32>
  %two_v = arith.constant 2.0 : f32
  %two = linalg.fill ins(%two_v : f32) outs(%two_e : tensor<6x10xf32>) -> tensor<6x10xf32>
  %E0 = tensor.empty() : tensor<6x10xf32>
  %p = linalg.mul ins(%A, %B : tensor<6x10xf32>, tensor<6x10xf32>) outs(%E0 : tensor<6x10xf32>) -> tensor<6x10xf32>
  %E1 = tensor.empty() : tensor<6x10xf32>
  %d = linalg.sub ins(%p, %A : tensor<6x10xf32>, tensor<6x10xf32>) outs(%E1 : tensor<6x10xf32>) -> tensor<6x10xf32>
  %E2 = tensor.empty() : tensor<6x10xf32>
  %h = linalg.div ins(%d, %two : tensor<6x10xf32>, tensor<6x10xf32>) outs(%E2 : tensor<6x10xf32>) -> tensor<6x10xf32>
  %E3 = tensor.empty() : tensor<6x10xf32>
  %b = linalg.abs ins(%B : tensor<6x10xf32>) outs(%E3 : tensor<6x10xf32>) -> tensor<6x10xf32>
  %E4 = tensor.empty() : tensor<6x10xf32>
  %r = linalg.add ins(%h, %b : tensor<6x10xf32>, tensor<6x10xf32>) outs(%E4 : tensor<6x10xf32>) -> tensor<6x10xf32>
  %r_u = tensor.cast %r : tensor<6x10xf32> to tensor<*xf32>
  call @printMemrefF32(%r_u) : (tensor<*xf32>) -> ()
  return
}
