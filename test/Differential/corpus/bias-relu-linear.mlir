// relu(A * W + bias): matmul, broadcast bias, linalg.add, linalg.max with 0.
// RUN: %spider_diff_corpus %s

func.func private @printMemrefF32(tensor<*xf32>) attributes {llvm.emit_c_interface}

func.func @main() {
  %A_e = tensor.empty() : tensor<9x12xf32>
  %A = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%A_e : tensor<9x12xf32>) {
  ^bb0(%A_o: f32):
    %A_h0 = arith.constant 123 : index
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
    %A_b1 = arith.constant 4 : index
    %A_g1 = arith.divui %A_i1, %A_b1 : index
    %A_s2 = arith.addi %A_s1, %A_g1 : index
    %A_c3 = arith.constant 3 : index
    %A_sr = arith.remui %A_s2, %A_c3 : index
    %A_z0 = arith.constant 0 : index
    %A_isz = arith.cmpi eq, %A_sr, %A_z0 : index
    %A_zero = arith.constant 0.0 : f32
    %A_y = arith.select %A_isz, %A_zero, %A_x : f32
    linalg.yield %A_y : f32
  } -> tensor<9x12xf32>
  %W_e = tensor.empty() : tensor<12x7xf32>
  %W = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%W_e : tensor<12x7xf32>) {
  ^bb0(%W_o: f32):
    %W_h0 = arith.constant 124 : index
    %W_i0 = linalg.index 0 : index
    %W_k0 = arith.constant 7 : index
    %W_m0 = arith.muli %W_i0, %W_k0 : index
    %W_h1 = arith.addi %W_h0, %W_m0 : index
    %W_i1 = linalg.index 1 : index
    %W_k1 = arith.constant 3 : index
    %W_m1 = arith.muli %W_i1, %W_k1 : index
    %W_h2 = arith.addi %W_h1, %W_m1 : index
    %W_c13 = arith.constant 13 : index
    %W_hr = arith.remui %W_h2, %W_c13 : index
    %W_hi = arith.index_cast %W_hr : index to i32
    %W_c6 = arith.constant 6 : i32
    %W_v = arith.subi %W_hi, %W_c6 : i32
    %W_vf = arith.sitofp %W_v : i32 to f32
    %W_q = arith.constant 0.25 : f32
    %W_x = arith.mulf %W_vf, %W_q : f32
    %W_s0 = arith.constant 0 : index
    %W_b0 = arith.constant 2 : index
    %W_g0 = arith.divui %W_i0, %W_b0 : index
    %W_s1 = arith.addi %W_s0, %W_g0 : index
    %W_b1 = arith.constant 1 : index
    %W_g1 = arith.divui %W_i1, %W_b1 : index
    %W_s2 = arith.addi %W_s1, %W_g1 : index
    %W_c3 = arith.constant 3 : index
    %W_sr = arith.remui %W_s2, %W_c3 : index
    %W_z0 = arith.constant 0 : index
    %W_isz = arith.cmpi eq, %W_sr, %W_z0 : index
    %W_zero = arith.constant 0.0 : f32
    %W_y = arith.select %W_isz, %W_zero, %W_x : f32
    linalg.yield %W_y : f32
  } -> tensor<12x7xf32>
  %bias_e = tensor.empty() : tensor<7xf32>
  %bias = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} outs(%bias_e : tensor<7xf32>) {
  ^bb0(%bias_o: f32):
    %bias_h0 = arith.constant 125 : index
    %bias_i0 = linalg.index 0 : index
    %bias_k0 = arith.constant 7 : index
    %bias_m0 = arith.muli %bias_i0, %bias_k0 : index
    %bias_h1 = arith.addi %bias_h0, %bias_m0 : index
    %bias_c13 = arith.constant 13 : index
    %bias_hr = arith.remui %bias_h1, %bias_c13 : index
    %bias_hi = arith.index_cast %bias_hr : index to i32
    %bias_c6 = arith.constant 6 : i32
    %bias_v = arith.subi %bias_hi, %bias_c6 : i32
    %bias_vf = arith.sitofp %bias_v : i32 to f32
    %bias_q = arith.constant 0.25 : f32
    %bias_x = arith.mulf %bias_vf, %bias_q : f32
    linalg.yield %bias_x : f32
  } -> tensor<7xf32>
  %C_e = tensor.empty() : tensor<9x7xf32>
  %C_v = arith.constant 0.0 : f32
  %C = linalg.fill ins(%C_v : f32) outs(%C_e : tensor<9x7xf32>) -> tensor<9x7xf32>
  %m = linalg.matmul ins(%A, %W : tensor<9x12xf32>, tensor<12x7xf32>) outs(%C : tensor<9x7xf32>) -> tensor<9x7xf32>
  %E = tensor.empty() : tensor<9x7xf32>
  %bb = linalg.broadcast ins(%bias : tensor<7xf32>) outs(%E : tensor<9x7xf32>) dimensions = [0]
  %E2 = tensor.empty() : tensor<9x7xf32>
  %s = linalg.add ins(%m, %bb : tensor<9x7xf32>, tensor<9x7xf32>) outs(%E2 : tensor<9x7xf32>) -> tensor<9x7xf32>
  %Z_e = tensor.empty() : tensor<9x7xf32>
  %Z_v = arith.constant 0.0 : f32
  %Z = linalg.fill ins(%Z_v : f32) outs(%Z_e : tensor<9x7xf32>) -> tensor<9x7xf32>
  %E3 = tensor.empty() : tensor<9x7xf32>
  %r = linalg.max ins(%s, %Z : tensor<9x7xf32>, tensor<9x7xf32>) outs(%E3 : tensor<9x7xf32>) -> tensor<9x7xf32>
  %r_u = tensor.cast %r : tensor<9x7xf32> to tensor<*xf32>
  call @printMemrefF32(%r_u) : (tensor<*xf32>) -> ()
  return
}
