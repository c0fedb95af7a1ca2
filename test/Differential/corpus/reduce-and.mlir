// Row-wise bitwise and of integers, from all ones.
// RUN: %spider_diff_corpus %s

func.func private @printMemrefI32(tensor<*xi32>) attributes {llvm.emit_c_interface}

func.func @main() {
  %X_e = tensor.empty() : tensor<10x6xi32>
  %X = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%X_e : tensor<10x6xi32>) {
  ^bb0(%X_o: i32):
    %X_h0 = arith.constant 79 : index
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
    %X_c37 = arith.constant 4369 : i32
    %X_v0 = arith.muli %X_hi, %X_c37 : i32
    %X_v = arith.addi %X_v0, %X_hi : i32
    %X_x = arith.addi %X_v, %X_v : i32
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
    %X_zero = arith.constant 0 : i32
    %X_y = arith.select %X_isz, %X_zero, %X_x : i32
    linalg.yield %X_y : i32
  } -> tensor<10x6xi32>
  %I_e = tensor.empty() : tensor<10xi32>
  %I_v = arith.constant -1 : i32
  %I = linalg.fill ins(%I_v : i32) outs(%I_e : tensor<10xi32>) -> tensor<10xi32>
  %r = linalg.reduce ins(%X : tensor<10x6xi32>) outs(%I : tensor<10xi32>) dimensions = [1]
    (%x: i32, %acc: i32) {
      %c = arith.andi %x, %acc : i32
      linalg.yield %c : i32
    }
  %r_u = tensor.cast %r : tensor<10xi32> to tensor<*xi32>
  call @printMemrefI32(%r_u) : (tensor<*xi32>) -> ()
  return
}
