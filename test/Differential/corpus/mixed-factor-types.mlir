// Matmuls whose two factors have different element types (f16 times f32
// into f32, i8 times i32 into i32), and one whose accumulator is narrower
// than its factors (f32 into f16), which upstream's linalg.matmul allows.
// Found by trying Spider from outside (since fixed):
// spider-tile-and-vectorize made one vector.contract of them, which takes a
// single factor type and only extends it, and the IR did not verify.
// RUN: %spider_diff_corpus %s

func.func private @printMemrefF32(tensor<*xf32>) attributes {llvm.emit_c_interface}
func.func private @printMemrefI32(tensor<*xi32>) attributes {llvm.emit_c_interface}

func.func @main() {
  %A_e = tensor.empty() : tensor<12x16xf32>
  %A = linalg.generic {indexing_maps = [affine_map<(d0,d1) -> (d0,d1)>], iterator_types = ["parallel", "parallel"]} outs(%A_e : tensor<12x16xf32>) {
  ^bb0(%A_o: f32):
    %A_h0 = arith.constant 27 : index
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
    %A_b0 = arith.constant 4 : index
    %A_g0 = arith.divui %A_i0, %A_b0 : index
    %A_s1 = arith.addi %A_s0, %A_g0 : index
    %A_b1 = arith.constant 4 : index
    %A_g1 = arith.divui %A_i1, %A_b1 : index
    %A_s2 = arith.addi %A_s1, %A_g1 : index
    %A_c3 = arith.constant 3 : index
    %A_sr = arith.remui %A_s2, %A_c3 : index
    %A_zz = arith.constant 0 : index
    %A_isz = arith.cmpi eq, %A_sr, %A_zz : index
    %A_zero = arith.constant 0.0 : f32
    %A_y = arith.select %A_isz, %A_zero, %A_x : f32
    linalg.yield %A_y : f32
  } -> tensor<12x16xf32>
  %W_e = tensor.empty() : tensor<16x5xf32>
  %W = linalg.generic {indexing_maps = [affine_map<(d0,d1) -> (d0,d1)>], iterator_types = ["parallel", "parallel"]} outs(%W_e : tensor<16x5xf32>) {
  ^bb0(%W_o: f32):
    %W_h0 = arith.constant 29 : index
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
    %W_c2 = arith.constant 2 : i32
    %W_c1 = arith.constant 1 : i32
    %W_v1 = arith.muli %W_v0, %W_c2 : i32
    %W_v = arith.addi %W_v1, %W_c1 : i32
    %W_vf = arith.sitofp %W_v : i32 to f32
    %W_q = arith.constant 0.125 : f32
    %W_x = arith.mulf %W_vf, %W_q : f32
    linalg.yield %W_x : f32
  } -> tensor<16x5xf32>
  %Ah_e = tensor.empty() : tensor<12x16xf16>
  %Ah = linalg.generic {indexing_maps = [affine_map<(d0,d1) -> (d0,d1)>, affine_map<(d0,d1) -> (d0,d1)>], iterator_types = ["parallel", "parallel"]} ins(%A : tensor<12x16xf32>) outs(%Ah_e : tensor<12x16xf16>) {
  ^bb0(%x: f32, %o: f16):
    %t = arith.truncf %x : f32 to f16
    linalg.yield %t : f16
  } -> tensor<12x16xf16>
  %Ai_e = tensor.empty() : tensor<12x16xi8>
  %Ai = linalg.generic {indexing_maps = [affine_map<(d0,d1) -> (d0,d1)>, affine_map<(d0,d1) -> (d0,d1)>], iterator_types = ["parallel", "parallel"]} ins(%A : tensor<12x16xf32>) outs(%Ai_e : tensor<12x16xi8>) {
  ^bb0(%x: f32, %o: i8):
    %c4 = arith.constant 4.0 : f32
    %s = arith.mulf %x, %c4 : f32
    %t = arith.fptosi %s : f32 to i8
    linalg.yield %t : i8
  } -> tensor<12x16xi8>
  %Wi_e = tensor.empty() : tensor<16x5xi32>
  %Wi = linalg.generic {indexing_maps = [affine_map<(d0,d1) -> (d0,d1)>, affine_map<(d0,d1) -> (d0,d1)>], iterator_types = ["parallel", "parallel"]} ins(%W : tensor<16x5xf32>) outs(%Wi_e : tensor<16x5xi32>) {
  ^bb0(%x: f32, %o: i32):
    %c8 = arith.constant 8.0 : f32
    %s = arith.mulf %x, %c8 : f32
    %t = arith.fptosi %s : f32 to i32
    linalg.yield %t : i32
  } -> tensor<16x5xi32>
  %C_e = tensor.empty() : tensor<12x5xf32>
  %C_v = arith.constant 0.5 : f32
  %C = linalg.fill ins(%C_v : f32) outs(%C_e : tensor<12x5xf32>) -> tensor<12x5xf32>
  %Ci_e = tensor.empty() : tensor<12x5xi32>
  %Ci_v = arith.constant 3 : i32
  %Ci = linalg.fill ins(%Ci_v : i32) outs(%Ci_e : tensor<12x5xi32>) -> tensor<12x5xi32>
  %r = linalg.matmul ins(%Ah, %W : tensor<12x16xf16>, tensor<16x5xf32>) outs(%C : tensor<12x5xf32>) -> tensor<12x5xf32>
  %ri = linalg.matmul ins(%Ai, %Wi : tensor<12x16xi8>, tensor<16x5xi32>) outs(%Ci : tensor<12x5xi32>) -> tensor<12x5xi32>
  %Ch_e = tensor.empty() : tensor<12x5xf16>
  %Ch_v = arith.constant 0.5 : f16
  %Ch = linalg.fill ins(%Ch_v : f16) outs(%Ch_e : tensor<12x5xf16>) -> tensor<12x5xf16>
  %rh = linalg.matmul ins(%A, %W : tensor<12x16xf32>, tensor<16x5xf32>) outs(%Ch : tensor<12x5xf16>) -> tensor<12x5xf16>
  %rh_e = tensor.empty() : tensor<12x5xf32>
  %rh32 = linalg.generic {indexing_maps = [affine_map<(d0,d1) -> (d0,d1)>, affine_map<(d0,d1) -> (d0,d1)>], iterator_types = ["parallel", "parallel"]} ins(%rh : tensor<12x5xf16>) outs(%rh_e : tensor<12x5xf32>) {
  ^bb0(%x: f16, %o: f32):
    %t = arith.extf %x : f16 to f32
    linalg.yield %t : f32
  } -> tensor<12x5xf32>
  %rh_u = tensor.cast %rh32 : tensor<12x5xf32> to tensor<*xf32>
  call @printMemrefF32(%rh_u) : (tensor<*xf32>) -> ()
  %r_u = tensor.cast %r : tensor<12x5xf32> to tensor<*xf32>
  call @printMemrefF32(%r_u) : (tensor<*xf32>) -> ()
  %ri_u = tensor.cast %ri : tensor<12x5xi32> to tensor<*xi32>
  call @printMemrefI32(%ri_u) : (tensor<*xi32>) -> ()
  return
}
