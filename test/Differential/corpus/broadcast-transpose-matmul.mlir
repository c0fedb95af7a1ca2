// linalg.broadcast + linalg.transpose feeding a matmul, and A^T*A via linalg.transpose.
// RUN: %spider_diff_corpus %s

func.func private @printMemrefF32(tensor<*xf32>) attributes {llvm.emit_c_interface}

func.func @main() {
  %v_e = tensor.empty() : tensor<12xf32>
  %v = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} outs(%v_e : tensor<12xf32>) {
  ^bb0(%v_o: f32):
    %v_h0 = arith.constant 37 : index
    %v_i0 = linalg.index 0 : index
    %v_k0 = arith.constant 7 : index
    %v_m0 = arith.muli %v_i0, %v_k0 : index
    %v_h1 = arith.addi %v_h0, %v_m0 : index
    %v_c13 = arith.constant 13 : index
    %v_hr = arith.remui %v_h1, %v_c13 : index
    %v_hi = arith.index_cast %v_hr : index to i32
    %v_c6 = arith.constant 6 : i32
    %v_v0 = arith.subi %v_hi, %v_c6 : i32
    %v_vz = arith.constant 0 : i32
    %v_v = arith.addi %v_v0, %v_vz : i32
    %v_vf = arith.sitofp %v_v : i32 to f32
    %v_q = arith.constant 0.25 : f32
    %v_x = arith.mulf %v_vf, %v_q : f32
    %v_s0 = arith.constant 0 : index
    %v_b0 = arith.constant 3 : index
    %v_g0 = arith.divui %v_i0, %v_b0 : index
    %v_s1 = arith.addi %v_s0, %v_g0 : index
    %v_c3 = arith.constant 3 : index
    %v_sr = arith.remui %v_s1, %v_c3 : index
    %v_zz = arith.constant 0 : index
    %v_isz = arith.cmpi eq, %v_sr, %v_zz : index
    %v_zero = arith.constant 0.0 : f32
    %v_y = arith.select %v_isz, %v_zero, %v_x : f32
    linalg.yield %v_y : f32
  } -> tensor<12xf32>
  %A_e = tensor.empty() : tensor<7x12xf32>
  %A = linalg.generic {indexing_maps = [affine_map<(d0,d1) -> (d0,d1)>], iterator_types = ["parallel", "parallel"]} outs(%A_e : tensor<7x12xf32>) {
  ^bb0(%A_o: f32):
    %A_h0 = arith.constant 38 : index
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
    %A_v0 = arith.subi %A_hi, %A_c6 : i32
    %A_vz = arith.constant 0 : i32
    %A_v = arith.addi %A_v0, %A_vz : i32
    %A_vf = arith.sitofp %A_v : i32 to f32
    %A_q = arith.constant 0.25 : f32
    %A_x = arith.mulf %A_vf, %A_q : f32
    %A_s0 = arith.constant 0 : index
    %A_b0 = arith.constant 2 : index
    %A_g0 = arith.divui %A_i0, %A_b0 : index
    %A_s1 = arith.addi %A_s0, %A_g0 : index
    %A_b1 = arith.constant 2 : index
    %A_g1 = arith.divui %A_i1, %A_b1 : index
    %A_s2 = arith.addi %A_s1, %A_g1 : index
    %A_c3 = arith.constant 3 : index
    %A_sr = arith.remui %A_s2, %A_c3 : index
    %A_zz = arith.constant 0 : index
    %A_isz = arith.cmpi eq, %A_sr, %A_zz : index
    %A_zero = arith.constant 0.0 : f32
    %A_y = arith.select %A_isz, %A_zero, %A_x : f32
    linalg.yield %A_y : f32
  } -> tensor<7x12xf32>
  %Bb_e = tensor.empty() : tensor<9x12xf32>
  %Bb_v = arith.constant 0.0 : f32
  %Bb = linalg.fill ins(%Bb_v : f32) outs(%Bb_e : tensor<9x12xf32>) -> tensor<9x12xf32>
  %Bt_e = tensor.empty() : tensor<12x9xf32>
  %Bt_v = arith.constant 0.0 : f32
  %Bt = linalg.fill ins(%Bt_v : f32) outs(%Bt_e : tensor<12x9xf32>) -> tensor<12x9xf32>
  %At_e = tensor.empty() : tensor<12x7xf32>
  %At_v = arith.constant 0.0 : f32
  %At = linalg.fill ins(%At_v : f32) outs(%At_e : tensor<12x7xf32>) -> tensor<12x7xf32>
  %C_e = tensor.empty() : tensor<7x9xf32>
  %C_v = arith.constant 0.0 : f32
  %C = linalg.fill ins(%C_v : f32) outs(%C_e : tensor<7x9xf32>) -> tensor<7x9xf32>
  %D_e = tensor.empty() : tensor<12x12xf32>
  %D_v = arith.constant 0.0 : f32
  %D = linalg.fill ins(%D_v : f32) outs(%D_e : tensor<12x12xf32>) -> tensor<12x12xf32>
  %bc = linalg.broadcast ins(%v : tensor<12xf32>) outs(%Bb : tensor<9x12xf32>) dimensions = [0]
  %bt = linalg.transpose ins(%bc : tensor<9x12xf32>) outs(%Bt : tensor<12x9xf32>) permutation = [1, 0]
  %r = linalg.matmul ins(%A, %bt : tensor<7x12xf32>, tensor<12x9xf32>) outs(%C : tensor<7x9xf32>) -> tensor<7x9xf32>
  %at = linalg.transpose ins(%A : tensor<7x12xf32>) outs(%At : tensor<12x7xf32>) permutation = [1, 0]
  %r2 = linalg.matmul ins(%at, %A : tensor<12x7xf32>, tensor<7x12xf32>) outs(%D : tensor<12x12xf32>) -> tensor<12x12xf32>
  %r_u = tensor.cast %r : tensor<7x9xf32> to tensor<*xf32>
  call @printMemrefF32(%r_u) : (tensor<*xf32>) -> ()
  %r2_u = tensor.cast %r2 : tensor<12x12xf32> to tensor<*xf32>
  call @printMemrefF32(%r2_u) : (tensor<*xf32>) -> ()
  return
}
