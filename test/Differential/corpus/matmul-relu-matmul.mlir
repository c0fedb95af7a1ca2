// Two-layer MLP: matmul, ReLU with arith.maximumf, matmul (13x21x10x6).
// RUN: %spider_diff_corpus %s

func.func private @printMemrefF32(tensor<*xf32>) attributes {llvm.emit_c_interface}

func.func @main() {
  %X_e = tensor.empty() : tensor<13x21xf32>
  %X = linalg.generic {indexing_maps = [affine_map<(d0,d1) -> (d0,d1)>], iterator_types = ["parallel", "parallel"]} outs(%X_e : tensor<13x21xf32>) {
  ^bb0(%X_o: f32):
    %X_h0 = arith.constant 10 : index
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
    %X_v0 = arith.subi %X_hi, %X_c6 : i32
    %X_vz = arith.constant 0 : i32
    %X_v = arith.addi %X_v0, %X_vz : i32
    %X_vf = arith.sitofp %X_v : i32 to f32
    %X_q = arith.constant 0.25 : f32
    %X_x = arith.mulf %X_vf, %X_q : f32
    %X_s0 = arith.constant 0 : index
    %X_b0 = arith.constant 3 : index
    %X_g0 = arith.divui %X_i0, %X_b0 : index
    %X_s1 = arith.addi %X_s0, %X_g0 : index
    %X_b1 = arith.constant 3 : index
    %X_g1 = arith.divui %X_i1, %X_b1 : index
    %X_s2 = arith.addi %X_s1, %X_g1 : index
    %X_c3 = arith.constant 3 : index
    %X_sr = arith.remui %X_s2, %X_c3 : index
    %X_zz = arith.constant 0 : index
    %X_isz = arith.cmpi eq, %X_sr, %X_zz : index
    %X_zero = arith.constant 0.0 : f32
    %X_y = arith.select %X_isz, %X_zero, %X_x : f32
    linalg.yield %X_y : f32
  } -> tensor<13x21xf32>
  %W_e = tensor.empty() : tensor<21x10xf32>
  %W = linalg.generic {indexing_maps = [affine_map<(d0,d1) -> (d0,d1)>], iterator_types = ["parallel", "parallel"]} outs(%W_e : tensor<21x10xf32>) {
  ^bb0(%W_o: f32):
    %W_h0 = arith.constant 11 : index
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
    %W_v0 = arith.subi %W_hi, %W_c6 : i32
    %W_vz = arith.constant 0 : i32
    %W_v = arith.addi %W_v0, %W_vz : i32
    %W_vf = arith.sitofp %W_v : i32 to f32
    %W_q = arith.constant 0.25 : f32
    %W_x = arith.mulf %W_vf, %W_q : f32
    %W_s0 = arith.constant 0 : index
    %W_b0 = arith.constant 2 : index
    %W_g0 = arith.divui %W_i0, %W_b0 : index
    %W_s1 = arith.addi %W_s0, %W_g0 : index
    %W_b1 = arith.constant 4 : index
    %W_g1 = arith.divui %W_i1, %W_b1 : index
    %W_s2 = arith.addi %W_s1, %W_g1 : index
    %W_c3 = arith.constant 3 : index
    %W_sr = arith.remui %W_s2, %W_c3 : index
    %W_zz = arith.constant 0 : index
    %W_isz = arith.cmpi eq, %W_sr, %W_zz : index
    %W_zero = arith.constant 0.0 : f32
    %W_y = arith.select %W_isz, %W_zero, %W_x : f32
    linalg.yield %W_y : f32
  } -> tensor<21x10xf32>
  %V_e = tensor.empty() : tensor<10x6xf32>
  %V = linalg.generic {indexing_maps = [affine_map<(d0,d1) -> (d0,d1)>], iterator_types = ["parallel", "parallel"]} outs(%V_e : tensor<10x6xf32>) {
  ^bb0(%V_o: f32):
    %V_h0 = arith.constant 12 : index
    %V_i0 = linalg.index 0 : index
    %V_k0 = arith.constant 7 : index
    %V_m0 = arith.muli %V_i0, %V_k0 : index
    %V_h1 = arith.addi %V_h0, %V_m0 : index
    %V_i1 = linalg.index 1 : index
    %V_k1 = arith.constant 3 : index
    %V_m1 = arith.muli %V_i1, %V_k1 : index
    %V_h2 = arith.addi %V_h1, %V_m1 : index
    %V_c13 = arith.constant 13 : index
    %V_hr = arith.remui %V_h2, %V_c13 : index
    %V_hi = arith.index_cast %V_hr : index to i32
    %V_c6 = arith.constant 6 : i32
    %V_v0 = arith.subi %V_hi, %V_c6 : i32
    %V_vz = arith.constant 0 : i32
    %V_v = arith.addi %V_v0, %V_vz : i32
    %V_vf = arith.sitofp %V_v : i32 to f32
    %V_q = arith.constant 0.25 : f32
    %V_x = arith.mulf %V_vf, %V_q : f32
    %V_s0 = arith.constant 0 : index
    %V_b0 = arith.constant 5 : index
    %V_g0 = arith.divui %V_i0, %V_b0 : index
    %V_s1 = arith.addi %V_s0, %V_g0 : index
    %V_b1 = arith.constant 2 : index
    %V_g1 = arith.divui %V_i1, %V_b1 : index
    %V_s2 = arith.addi %V_s1, %V_g1 : index
    %V_c3 = arith.constant 3 : index
    %V_sr = arith.remui %V_s2, %V_c3 : index
    %V_zz = arith.constant 0 : index
    %V_isz = arith.cmpi eq, %V_sr, %V_zz : index
    %V_zero = arith.constant 0.0 : f32
    %V_y = arith.select %V_isz, %V_zero, %V_x : f32
    linalg.yield %V_y : f32
  } -> tensor<10x6xf32>
  %C_e = tensor.empty() : tensor<13x10xf32>
  %C_v = arith.constant 0.0 : f32
  %C = linalg.fill ins(%C_v : f32) outs(%C_e : tensor<13x10xf32>) -> tensor<13x10xf32>
  %D_e = tensor.empty() : tensor<13x6xf32>
  %D_v = arith.constant 0.0 : f32
  %D = linalg.fill ins(%D_v : f32) outs(%D_e : tensor<13x6xf32>) -> tensor<13x6xf32>
  %h = linalg.matmul ins(%X, %W : tensor<13x21xf32>, tensor<21x10xf32>) outs(%C : tensor<13x10xf32>) -> tensor<13x10xf32>
  %he = tensor.empty() : tensor<13x10xf32>
  %relu = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%h : tensor<13x10xf32>) outs(%he : tensor<13x10xf32>) {
  ^bb0(%x: f32, %o: f32):
    %zero = arith.constant 0.0 : f32
    %m = arith.maximumf %x, %zero : f32
    linalg.yield %m : f32
  } -> tensor<13x10xf32>
  %r = linalg.matmul ins(%relu, %V : tensor<13x10xf32>, tensor<10x6xf32>) outs(%D : tensor<13x6xf32>) -> tensor<13x6xf32>
  %r_u = tensor.cast %r : tensor<13x6xf32> to tensor<*xf32>
  call @printMemrefF32(%r_u) : (tensor<*xf32>) -> ()
  return
}
