// Matmul of f32 data with zero 4x2 blocks in A and 2x3 blocks in B.
// RUN: %spider_diff_corpus %s

func.func private @printMemrefF32(tensor<*xf32>) attributes {llvm.emit_c_interface}

func.func @main() {
  %A_e = tensor.empty() : tensor<10x13xf32>
  %A = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%A_e : tensor<10x13xf32>) {
  ^bb0(%A_o: f32):
    %A_h0 = arith.constant 1 : index
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
    %A_b0 = arith.constant 4 : index
    %A_g0 = arith.divui %A_i0, %A_b0 : index
    %A_s1 = arith.addi %A_s0, %A_g0 : index
    %A_b1 = arith.constant 2 : index
    %A_g1 = arith.divui %A_i1, %A_b1 : index
    %A_s2 = arith.addi %A_s1, %A_g1 : index
    %A_c3 = arith.constant 3 : index
    %A_sr = arith.remui %A_s2, %A_c3 : index
    %A_z0 = arith.constant 0 : index
    %A_isz = arith.cmpi eq, %A_sr, %A_z0 : index
    %A_zero = arith.constant 0.0 : f32
    %A_y = arith.select %A_isz, %A_zero, %A_x : f32
    linalg.yield %A_y : f32
  } -> tensor<10x13xf32>
  %B_e = tensor.empty() : tensor<13x7xf32>
  %B = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%B_e : tensor<13x7xf32>) {
  ^bb0(%B_o: f32):
    %B_h0 = arith.constant 2 : index
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
    %B_b0 = arith.constant 2 : index
    %B_g0 = arith.divui %B_i0, %B_b0 : index
    %B_s1 = arith.addi %B_s0, %B_g0 : index
    %B_b1 = arith.constant 3 : index
    %B_g1 = arith.divui %B_i1, %B_b1 : index
    %B_s2 = arith.addi %B_s1, %B_g1 : index
    %B_c3 = arith.constant 3 : index
    %B_sr = arith.remui %B_s2, %B_c3 : index
    %B_z0 = arith.constant 0 : index
    %B_isz = arith.cmpi eq, %B_sr, %B_z0 : index
    %B_zero = arith.constant 0.0 : f32
    %B_y = arith.select %B_isz, %B_zero, %B_x : f32
    linalg.yield %B_y : f32
  } -> tensor<13x7xf32>
  %C_e = tensor.empty() : tensor<10x7xf32>
  %C_v = arith.constant 0.0 : f32
  %C = linalg.fill ins(%C_v : f32) outs(%C_e : tensor<10x7xf32>) -> tensor<10x7xf32>
  %r = linalg.matmul ins(%A, %B : tensor<10x13xf32>, tensor<13x7xf32>) outs(%C : tensor<10x7xf32>) -> tensor<10x7xf32>
  %r_u = tensor.cast %r : tensor<10x7xf32> to tensor<*xf32>
  call @printMemrefF32(%r_u) : (tensor<*xf32>) -> ()
  return
}
