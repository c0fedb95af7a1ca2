// i8 x i8 -> i32 matmuls, cast_unsigned (bytes 128..255 as unsigned) and signed.
// Found when first checked (a wrong answer, marked or not; since fixed): the
// vectorizer's named-contraction path sign-extended an unsigned cast.
// RUN: %spider_diff_corpus %s

func.func private @printMemrefI32(tensor<*xi32>) attributes {llvm.emit_c_interface}

func.func @main() {
  %A_e = tensor.empty() : tensor<7x9xi8>
  %A = linalg.generic {indexing_maps = [affine_map<(d0,d1) -> (d0,d1)>], iterator_types = ["parallel", "parallel"]} outs(%A_e : tensor<7x9xi8>) {
  ^bb0(%A_o: i8):
    %A_h = arith.constant 200 : index
    %A_i0 = linalg.index 0 : index
    %A_k0 = arith.constant 7 : index
    %A_m0 = arith.muli %A_i0, %A_k0 : index
    %A_a0 = arith.addi %A_h, %A_m0 : index
    %A_i1 = linalg.index 1 : index
    %A_k1 = arith.constant 3 : index
    %A_m1 = arith.muli %A_i1, %A_k1 : index
    %A_a1 = arith.addi %A_a0, %A_m1 : index
    %A_cm = arith.constant 256 : index
    %A_r = arith.remui %A_a1, %A_cm : index
    %A_r64 = arith.index_cast %A_r : index to i64
    %A_v = arith.trunci %A_r64 : i64 to i8
    linalg.yield %A_v : i8
  } -> tensor<7x9xi8>
  %B_e = tensor.empty() : tensor<9x5xi8>
  %B = linalg.generic {indexing_maps = [affine_map<(d0,d1) -> (d0,d1)>], iterator_types = ["parallel", "parallel"]} outs(%B_e : tensor<9x5xi8>) {
  ^bb0(%B_o: i8):
    %B_h = arith.constant 131 : index
    %B_i0 = linalg.index 0 : index
    %B_k0 = arith.constant 7 : index
    %B_m0 = arith.muli %B_i0, %B_k0 : index
    %B_a0 = arith.addi %B_h, %B_m0 : index
    %B_i1 = linalg.index 1 : index
    %B_k1 = arith.constant 3 : index
    %B_m1 = arith.muli %B_i1, %B_k1 : index
    %B_a1 = arith.addi %B_a0, %B_m1 : index
    %B_cm = arith.constant 256 : index
    %B_r = arith.remui %B_a1, %B_cm : index
    %B_r64 = arith.index_cast %B_r : index to i64
    %B_v = arith.trunci %B_r64 : i64 to i8
    linalg.yield %B_v : i8
  } -> tensor<9x5xi8>
  %z = arith.constant 0 : i32
  %ce = tensor.empty() : tensor<7x5xi32>
  %c = linalg.fill ins(%z : i32) outs(%ce : tensor<7x5xi32>) -> tensor<7x5xi32>
  %mu = linalg.matmul {cast = #linalg.type_fn<cast_unsigned>} ins(%A, %B : tensor<7x9xi8>, tensor<9x5xi8>) outs(%c : tensor<7x5xi32>) -> tensor<7x5xi32>
  %one = arith.constant 1 : i32
  %ce2 = tensor.empty() : tensor<7x5xi32>
  %c2 = linalg.fill ins(%one : i32) outs(%ce2 : tensor<7x5xi32>) -> tensor<7x5xi32>
  %ms = linalg.matmul ins(%A, %B : tensor<7x9xi8>, tensor<9x5xi8>) outs(%c2 : tensor<7x5xi32>) -> tensor<7x5xi32>
  %u0 = tensor.cast %mu : tensor<7x5xi32> to tensor<*xi32>
  call @printMemrefI32(%u0) : (tensor<*xi32>) -> ()
  %u1 = tensor.cast %ms : tensor<7x5xi32> to tensor<*xi32>
  call @printMemrefI32(%u1) : (tensor<*xi32>) -> ()
  return
}
