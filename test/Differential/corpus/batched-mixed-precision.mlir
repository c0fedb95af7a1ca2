// batch_matmul i8 -> i32 and f16 -> f32, batch_matvec f16 -> f32.
// Found when first checked (a JIT failure, marked or not; since fixed): a
// batched mixed-type vector.contract was never fully lowered.
// RUN: %spider_diff_corpus %s

func.func private @printMemrefF32(tensor<*xf32>) attributes {llvm.emit_c_interface}
func.func private @printMemrefI32(tensor<*xi32>) attributes {llvm.emit_c_interface}

func.func @main() {
  %A_e = tensor.empty() : tensor<2x5x12xi8>
  %A = linalg.generic {indexing_maps = [affine_map<(d0,d1,d2) -> (d0,d1,d2)>], iterator_types = ["parallel", "parallel", "parallel"]} outs(%A_e : tensor<2x5x12xi8>) {
  ^bb0(%A_o: i8):
    %A_h = arith.constant 3 : index
    %A_i0 = linalg.index 0 : index
    %A_k0 = arith.constant 7 : index
    %A_m0 = arith.muli %A_i0, %A_k0 : index
    %A_a0 = arith.addi %A_h, %A_m0 : index
    %A_i1 = linalg.index 1 : index
    %A_k1 = arith.constant 3 : index
    %A_m1 = arith.muli %A_i1, %A_k1 : index
    %A_a1 = arith.addi %A_a0, %A_m1 : index
    %A_i2 = linalg.index 2 : index
    %A_k2 = arith.constant 5 : index
    %A_m2 = arith.muli %A_i2, %A_k2 : index
    %A_a2 = arith.addi %A_a1, %A_m2 : index
    %A_cm = arith.constant 256 : index
    %A_r = arith.remui %A_a2, %A_cm : index
    %A_r64 = arith.index_cast %A_r : index to i64
    %A_v = arith.trunci %A_r64 : i64 to i8
    linalg.yield %A_v : i8
  } -> tensor<2x5x12xi8>
  %B_e = tensor.empty() : tensor<2x12x6xi8>
  %B = linalg.generic {indexing_maps = [affine_map<(d0,d1,d2) -> (d0,d1,d2)>], iterator_types = ["parallel", "parallel", "parallel"]} outs(%B_e : tensor<2x12x6xi8>) {
  ^bb0(%B_o: i8):
    %B_h = arith.constant 44 : index
    %B_i0 = linalg.index 0 : index
    %B_k0 = arith.constant 7 : index
    %B_m0 = arith.muli %B_i0, %B_k0 : index
    %B_a0 = arith.addi %B_h, %B_m0 : index
    %B_i1 = linalg.index 1 : index
    %B_k1 = arith.constant 3 : index
    %B_m1 = arith.muli %B_i1, %B_k1 : index
    %B_a1 = arith.addi %B_a0, %B_m1 : index
    %B_i2 = linalg.index 2 : index
    %B_k2 = arith.constant 5 : index
    %B_m2 = arith.muli %B_i2, %B_k2 : index
    %B_a2 = arith.addi %B_a1, %B_m2 : index
    %B_cm = arith.constant 256 : index
    %B_r = arith.remui %B_a2, %B_cm : index
    %B_r64 = arith.index_cast %B_r : index to i64
    %B_v = arith.trunci %B_r64 : i64 to i8
    linalg.yield %B_v : i8
  } -> tensor<2x12x6xi8>
  %F_e = tensor.empty() : tensor<3x4x9xf16>
  %F = linalg.generic {indexing_maps = [affine_map<(d0,d1,d2) -> (d0,d1,d2)>], iterator_types = ["parallel", "parallel", "parallel"]} outs(%F_e : tensor<3x4x9xf16>) {
  ^bb0(%F_o: f16):
    %F_h = arith.constant 5 : index
    %F_i0 = linalg.index 0 : index
    %F_k0 = arith.constant 7 : index
    %F_m0 = arith.muli %F_i0, %F_k0 : index
    %F_a0 = arith.addi %F_h, %F_m0 : index
    %F_i1 = linalg.index 1 : index
    %F_k1 = arith.constant 3 : index
    %F_m1 = arith.muli %F_i1, %F_k1 : index
    %F_a1 = arith.addi %F_a0, %F_m1 : index
    %F_i2 = linalg.index 2 : index
    %F_k2 = arith.constant 5 : index
    %F_m2 = arith.muli %F_i2, %F_k2 : index
    %F_a2 = arith.addi %F_a1, %F_m2 : index
    %F_cm = arith.constant 256 : index
    %F_r = arith.remui %F_a2, %F_cm : index
    %F_r64 = arith.index_cast %F_r : index to i64
    %F_c13 = arith.constant 13 : i64
    %F_r13 = arith.remui %F_r64, %F_c13 : i64
    %F_c6 = arith.constant 6 : i64
    %F_s = arith.subi %F_r13, %F_c6 : i64
    %F_v = arith.sitofp %F_s : i64 to f16
    linalg.yield %F_v : f16
  } -> tensor<3x4x9xf16>
  %G_e = tensor.empty() : tensor<3x9x5xf16>
  %G = linalg.generic {indexing_maps = [affine_map<(d0,d1,d2) -> (d0,d1,d2)>], iterator_types = ["parallel", "parallel", "parallel"]} outs(%G_e : tensor<3x9x5xf16>) {
  ^bb0(%G_o: f16):
    %G_h = arith.constant 8 : index
    %G_i0 = linalg.index 0 : index
    %G_k0 = arith.constant 7 : index
    %G_m0 = arith.muli %G_i0, %G_k0 : index
    %G_a0 = arith.addi %G_h, %G_m0 : index
    %G_i1 = linalg.index 1 : index
    %G_k1 = arith.constant 3 : index
    %G_m1 = arith.muli %G_i1, %G_k1 : index
    %G_a1 = arith.addi %G_a0, %G_m1 : index
    %G_i2 = linalg.index 2 : index
    %G_k2 = arith.constant 5 : index
    %G_m2 = arith.muli %G_i2, %G_k2 : index
    %G_a2 = arith.addi %G_a1, %G_m2 : index
    %G_cm = arith.constant 256 : index
    %G_r = arith.remui %G_a2, %G_cm : index
    %G_r64 = arith.index_cast %G_r : index to i64
    %G_c13 = arith.constant 13 : i64
    %G_r13 = arith.remui %G_r64, %G_c13 : i64
    %G_c6 = arith.constant 6 : i64
    %G_s = arith.subi %G_r13, %G_c6 : i64
    %G_v = arith.sitofp %G_s : i64 to f16
    linalg.yield %G_v : f16
  } -> tensor<3x9x5xf16>
  %V_e = tensor.empty() : tensor<3x9xf16>
  %V = linalg.generic {indexing_maps = [affine_map<(d0,d1) -> (d0,d1)>], iterator_types = ["parallel", "parallel"]} outs(%V_e : tensor<3x9xf16>) {
  ^bb0(%V_o: f16):
    %V_h = arith.constant 2 : index
    %V_i0 = linalg.index 0 : index
    %V_k0 = arith.constant 7 : index
    %V_m0 = arith.muli %V_i0, %V_k0 : index
    %V_a0 = arith.addi %V_h, %V_m0 : index
    %V_i1 = linalg.index 1 : index
    %V_k1 = arith.constant 3 : index
    %V_m1 = arith.muli %V_i1, %V_k1 : index
    %V_a1 = arith.addi %V_a0, %V_m1 : index
    %V_cm = arith.constant 256 : index
    %V_r = arith.remui %V_a1, %V_cm : index
    %V_r64 = arith.index_cast %V_r : index to i64
    %V_c13 = arith.constant 13 : i64
    %V_r13 = arith.remui %V_r64, %V_c13 : i64
    %V_c6 = arith.constant 6 : i64
    %V_s = arith.subi %V_r13, %V_c6 : i64
    %V_v = arith.sitofp %V_s : i64 to f16
    linalg.yield %V_v : f16
  } -> tensor<3x9xf16>
  %z = arith.constant 0 : i32
  %ce = tensor.empty() : tensor<2x5x6xi32>
  %c = linalg.fill ins(%z : i32) outs(%ce : tensor<2x5x6xi32>) -> tensor<2x5x6xi32>
  %mi = linalg.batch_matmul ins(%A, %B : tensor<2x5x12xi8>, tensor<2x12x6xi8>) outs(%c : tensor<2x5x6xi32>) -> tensor<2x5x6xi32>
  %zf = arith.constant 0.25 : f32
  %fe = tensor.empty() : tensor<3x4x5xf32>
  %fc = linalg.fill ins(%zf : f32) outs(%fe : tensor<3x4x5xf32>) -> tensor<3x4x5xf32>
  %mf = linalg.batch_matmul ins(%F, %G : tensor<3x4x9xf16>, tensor<3x9x5xf16>) outs(%fc : tensor<3x4x5xf32>) -> tensor<3x4x5xf32>
  %ve = tensor.empty() : tensor<3x4xf32>
  %vc = linalg.fill ins(%zf : f32) outs(%ve : tensor<3x4xf32>) -> tensor<3x4xf32>
  %mv = linalg.batch_matvec ins(%F, %V : tensor<3x4x9xf16>, tensor<3x9xf16>) outs(%vc : tensor<3x4xf32>) -> tensor<3x4xf32>
  %u0 = tensor.cast %mi : tensor<2x5x6xi32> to tensor<*xi32>
  call @printMemrefI32(%u0) : (tensor<*xi32>) -> ()
  %u1 = tensor.cast %mf : tensor<3x4x5xf32> to tensor<*xf32>
  call @printMemrefF32(%u1) : (tensor<*xf32>) -> ()
  %u2 = tensor.cast %mv : tensor<3x4xf32> to tensor<*xf32>
  call @printMemrefF32(%u2) : (tensor<*xf32>) -> ()
  return
}
