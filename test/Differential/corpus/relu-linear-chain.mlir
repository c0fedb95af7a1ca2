// Two linear layers with a ReLU between (activation sparsity feeding the
// second matmul).
// RUN: %spider_diff_corpus %s

func.func private @printMemrefF32(tensor<*xf32>) attributes {llvm.emit_c_interface}

func.func @main() {
  %X_e = tensor.empty() : tensor<10x8xf32>
  %X = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%X_e : tensor<10x8xf32>) {
  ^bb0(%X_o: f32):
    %X_h0 = arith.constant 126 : index
    %X_i0 = linalg.index 0 : index
    %X_k0 = arith.constant 7 : index
    %X_m0 = arith.muli %X_i0, %X_k0 : index
    %X_h1 = arith.addi %X_h0, %X_m0 : index
    %X_i1 = linalg.index 1 : index
    %X_k1 = arith.constant 3 : index
    %X_m1 = arith.muli %X_i1, %X_k1 : index
    %X_h2 = arith.addi %X_h1, %X_m1 : index
    %X_c13 = arith.constant 13 : index
    %X_hr = arith.remui %X_h2, %X_c13 : index
    %X_hi = arith.index_cast %X_hr : index to i32
    %X_c6 = arith.constant 6 : i32
    %X_v = arith.subi %X_hi, %X_c6 : i32
    %X_vf = arith.sitofp %X_v : i32 to f32
    %X_q = arith.constant 0.25 : f32
    %X_x = arith.mulf %X_vf, %X_q : f32
    %X_s0 = arith.constant 0 : index
    %X_b0 = arith.constant 2 : index
    %X_g0 = arith.divui %X_i0, %X_b0 : index
    %X_s1 = arith.addi %X_s0, %X_g0 : index
    %X_b1 = arith.constant 2 : index
    %X_g1 = arith.divui %X_i1, %X_b1 : index
    %X_s2 = arith.addi %X_s1, %X_g1 : index
    %X_c3 = arith.constant 3 : index
    %X_sr = arith.remui %X_s2, %X_c3 : index
    %X_z0 = arith.constant 0 : index
    %X_isz = arith.cmpi eq, %X_sr, %X_z0 : index
    %X_zero = arith.constant 0.0 : f32
    %X_y = arith.select %X_isz, %X_zero, %X_x : f32
    linalg.yield %X_y : f32
  } -> tensor<10x8xf32>
  %W1_e = tensor.empty() : tensor<8x12xf32>
  %W1 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%W1_e : tensor<8x12xf32>) {
  ^bb0(%W1_o: f32):
    %W1_h0 = arith.constant 127 : index
    %W1_i0 = linalg.index 0 : index
    %W1_k0 = arith.constant 7 : index
    %W1_m0 = arith.muli %W1_i0, %W1_k0 : index
    %W1_h1 = arith.addi %W1_h0, %W1_m0 : index
    %W1_i1 = linalg.index 1 : index
    %W1_k1 = arith.constant 3 : index
    %W1_m1 = arith.muli %W1_i1, %W1_k1 : index
    %W1_h2 = arith.addi %W1_h1, %W1_m1 : index
    %W1_c13 = arith.constant 13 : index
    %W1_hr = arith.remui %W1_h2, %W1_c13 : index
    %W1_hi = arith.index_cast %W1_hr : index to i32
    %W1_c6 = arith.constant 6 : i32
    %W1_v = arith.subi %W1_hi, %W1_c6 : i32
    %W1_vf = arith.sitofp %W1_v : i32 to f32
    %W1_q = arith.constant 0.25 : f32
    %W1_x = arith.mulf %W1_vf, %W1_q : f32
    %W1_s0 = arith.constant 0 : index
    %W1_b0 = arith.constant 1 : index
    %W1_g0 = arith.divui %W1_i0, %W1_b0 : index
    %W1_s1 = arith.addi %W1_s0, %W1_g0 : index
    %W1_b1 = arith.constant 3 : index
    %W1_g1 = arith.divui %W1_i1, %W1_b1 : index
    %W1_s2 = arith.addi %W1_s1, %W1_g1 : index
    %W1_c3 = arith.constant 3 : index
    %W1_sr = arith.remui %W1_s2, %W1_c3 : index
    %W1_z0 = arith.constant 0 : index
    %W1_isz = arith.cmpi eq, %W1_sr, %W1_z0 : index
    %W1_zero = arith.constant 0.0 : f32
    %W1_y = arith.select %W1_isz, %W1_zero, %W1_x : f32
    linalg.yield %W1_y : f32
  } -> tensor<8x12xf32>
  %W2_e = tensor.empty() : tensor<12x6xf32>
  %W2 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%W2_e : tensor<12x6xf32>) {
  ^bb0(%W2_o: f32):
    %W2_h0 = arith.constant 128 : index
    %W2_i0 = linalg.index 0 : index
    %W2_k0 = arith.constant 7 : index
    %W2_m0 = arith.muli %W2_i0, %W2_k0 : index
    %W2_h1 = arith.addi %W2_h0, %W2_m0 : index
    %W2_i1 = linalg.index 1 : index
    %W2_k1 = arith.constant 3 : index
    %W2_m1 = arith.muli %W2_i1, %W2_k1 : index
    %W2_h2 = arith.addi %W2_h1, %W2_m1 : index
    %W2_c13 = arith.constant 13 : index
    %W2_hr = arith.remui %W2_h2, %W2_c13 : index
    %W2_hi = arith.index_cast %W2_hr : index to i32
    %W2_c6 = arith.constant 6 : i32
    %W2_v = arith.subi %W2_hi, %W2_c6 : i32
    %W2_vf = arith.sitofp %W2_v : i32 to f32
    %W2_q = arith.constant 0.25 : f32
    %W2_x = arith.mulf %W2_vf, %W2_q : f32
    linalg.yield %W2_x : f32
  } -> tensor<12x6xf32>
  %C1_e = tensor.empty() : tensor<10x12xf32>
  %C1_v = arith.constant 0.0 : f32
  %C1 = linalg.fill ins(%C1_v : f32) outs(%C1_e : tensor<10x12xf32>) -> tensor<10x12xf32>
  %h = linalg.matmul ins(%X, %W1 : tensor<10x8xf32>, tensor<8x12xf32>) outs(%C1 : tensor<10x12xf32>) -> tensor<10x12xf32>
  %E = tensor.empty() : tensor<10x12xf32>
  %a = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]} ins(%h : tensor<10x12xf32>) outs(%E : tensor<10x12xf32>) {
  ^bb0(%x: f32, %o: f32):
    %z = arith.constant 0.0 : f32
    %y = arith.maximumf %x, %z : f32
    linalg.yield %y : f32
  } -> tensor<10x12xf32>
  %C2_e = tensor.empty() : tensor<10x6xf32>
  %C2_v = arith.constant 0.0 : f32
  %C2 = linalg.fill ins(%C2_v : f32) outs(%C2_e : tensor<10x6xf32>) -> tensor<10x6xf32>
  %r = linalg.matmul ins(%a, %W2 : tensor<10x12xf32>, tensor<12x6xf32>) outs(%C2 : tensor<10x6xf32>) -> tensor<10x6xf32>
  %r_u = tensor.cast %r : tensor<10x6xf32> to tensor<*xf32>
  call @printMemrefF32(%r_u) : (tensor<*xf32>) -> ()
  return
}
