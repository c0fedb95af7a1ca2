// A marked quantized_matmul whose marked operand has a non-zero constant
// zero point (3): zeros of A are not zeros of A - 3.
// RUN: %spider_diff_corpus %s

func.func private @printMemrefI32(tensor<*xi32>) attributes {llvm.emit_c_interface}

func.func @main() {
  %A_e = tensor.empty() : tensor<8x12xi8>
  %A = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%A_e : tensor<8x12xi8>) {
  ^bb0(%A_o: i8):
    %A_h0 = arith.constant 156 : index
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
    %A_x = arith.trunci %A_v : i32 to i8
    %A_s0 = arith.constant 0 : index
    %A_b0 = arith.constant 2 : index
    %A_g0 = arith.divui %A_i0, %A_b0 : index
    %A_s1 = arith.addi %A_s0, %A_g0 : index
    %A_b1 = arith.constant 4 : index
    %A_g1 = arith.divui %A_i1, %A_b1 : index
    %A_s2 = arith.addi %A_s1, %A_g1 : index
    %A_c3 = arith.constant 3 : index
    %A_sr = arith.remui %A_s2, %A_c3 : index
    %A_z0 = arith.constant 0 : index
    %A_isz = arith.cmpi eq, %A_sr, %A_z0 : index
    %A_zero = arith.constant 0 : i8
    %A_y = arith.select %A_isz, %A_zero, %A_x : i8
    linalg.yield %A_y : i8
  } -> tensor<8x12xi8>
  %B_e = tensor.empty() : tensor<12x5xi8>
  %B = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%B_e : tensor<12x5xi8>) {
  ^bb0(%B_o: i8):
    %B_h0 = arith.constant 157 : index
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
    %B_x = arith.trunci %B_v : i32 to i8
    linalg.yield %B_x : i8
  } -> tensor<12x5xi8>
  %C_e = tensor.empty() : tensor<8x5xi32>
  %C_v = arith.constant 0 : i32
  %C = linalg.fill ins(%C_v : i32) outs(%C_e : tensor<8x5xi32>) -> tensor<8x5xi32>
  %za = arith.constant 3 : i32
  %zb = arith.constant 1 : i32
  %As = spider.assume_sparse %A : tensor<8x12xi8> to tensor<8x12xi8, #spider.sparse<microtile = [1, 4]>>
  %r = linalg.quantized_matmul ins(%As, %B, %za, %zb : tensor<8x12xi8, #spider.sparse<microtile = [1, 4]>>, tensor<12x5xi8>, i32, i32) outs(%C : tensor<8x5xi32>) -> tensor<8x5xi32>
  %r_u = tensor.cast %r : tensor<8x5xi32> to tensor<*xi32>
  call @printMemrefI32(%r_u) : (tensor<*xi32>) -> ()
  return
}
