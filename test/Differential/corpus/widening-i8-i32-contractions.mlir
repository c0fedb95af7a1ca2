// i8 x i8 -> i32 widening generic matmul (init 7) and an i32 matmul, odd sizes.
// RUN: %spider_diff_corpus %s

func.func private @printMemrefI32(tensor<*xi32>) attributes {llvm.emit_c_interface}

func.func @main() {
  %A_e = tensor.empty() : tensor<11x19xi8>
  %A = linalg.generic {indexing_maps = [affine_map<(d0,d1) -> (d0,d1)>], iterator_types = ["parallel", "parallel"]} outs(%A_e : tensor<11x19xi8>) {
  ^bb0(%A_o: i8):
    %A_h0 = arith.constant 23 : index
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
    %A_zz = arith.constant 0 : index
    %A_isz = arith.cmpi eq, %A_sr, %A_zz : index
    %A_zero = arith.constant 0 : i8
    %A_y = arith.select %A_isz, %A_zero, %A_x : i8
    linalg.yield %A_y : i8
  } -> tensor<11x19xi8>
  %B_e = tensor.empty() : tensor<19x13xi8>
  %B = linalg.generic {indexing_maps = [affine_map<(d0,d1) -> (d0,d1)>], iterator_types = ["parallel", "parallel"]} outs(%B_e : tensor<19x13xi8>) {
  ^bb0(%B_o: i8):
    %B_h0 = arith.constant 24 : index
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
    %B_v0 = arith.subi %B_hi, %B_c6 : i32
    %B_vz = arith.constant 0 : i32
    %B_v = arith.addi %B_v0, %B_vz : i32
    %B_x = arith.trunci %B_v : i32 to i8
    %B_s0 = arith.constant 0 : index
    %B_b0 = arith.constant 3 : index
    %B_g0 = arith.divui %B_i0, %B_b0 : index
    %B_s1 = arith.addi %B_s0, %B_g0 : index
    %B_b1 = arith.constant 2 : index
    %B_g1 = arith.divui %B_i1, %B_b1 : index
    %B_s2 = arith.addi %B_s1, %B_g1 : index
    %B_c3 = arith.constant 3 : index
    %B_sr = arith.remui %B_s2, %B_c3 : index
    %B_zz = arith.constant 0 : index
    %B_isz = arith.cmpi eq, %B_sr, %B_zz : index
    %B_zero = arith.constant 0 : i8
    %B_y = arith.select %B_isz, %B_zero, %B_x : i8
    linalg.yield %B_y : i8
  } -> tensor<19x13xi8>
  %C_e = tensor.empty() : tensor<11x13xi32>
  %C_v = arith.constant 7 : i32
  %C = linalg.fill ins(%C_v : i32) outs(%C_e : tensor<11x13xi32>) -> tensor<11x13xi32>
  %P_e = tensor.empty() : tensor<9x10xi32>
  %P = linalg.generic {indexing_maps = [affine_map<(d0,d1) -> (d0,d1)>], iterator_types = ["parallel", "parallel"]} outs(%P_e : tensor<9x10xi32>) {
  ^bb0(%P_o: i32):
    %P_h0 = arith.constant 25 : index
    %P_i0 = linalg.index 0 : index
    %P_k0 = arith.constant 7 : index
    %P_m0 = arith.muli %P_i0, %P_k0 : index
    %P_h1 = arith.addi %P_h0, %P_m0 : index
    %P_i1 = linalg.index 1 : index
    %P_k1 = arith.constant 3 : index
    %P_m1 = arith.muli %P_i1, %P_k1 : index
    %P_h2 = arith.addi %P_h1, %P_m1 : index
    %P_c13 = arith.constant 13 : index
    %P_hr = arith.remui %P_h2, %P_c13 : index
    %P_hi = arith.index_cast %P_hr : index to i32
    %P_c6 = arith.constant 6 : i32
    %P_v0 = arith.subi %P_hi, %P_c6 : i32
    %P_vz = arith.constant 0 : i32
    %P_v = arith.addi %P_v0, %P_vz : i32
    %P_c0x = arith.constant 0 : i32
    %P_x = arith.addi %P_v, %P_c0x : i32
    %P_s0 = arith.constant 0 : index
    %P_b0 = arith.constant 3 : index
    %P_g0 = arith.divui %P_i0, %P_b0 : index
    %P_s1 = arith.addi %P_s0, %P_g0 : index
    %P_b1 = arith.constant 3 : index
    %P_g1 = arith.divui %P_i1, %P_b1 : index
    %P_s2 = arith.addi %P_s1, %P_g1 : index
    %P_c3 = arith.constant 3 : index
    %P_sr = arith.remui %P_s2, %P_c3 : index
    %P_zz = arith.constant 0 : index
    %P_isz = arith.cmpi eq, %P_sr, %P_zz : index
    %P_zero = arith.constant 0 : i32
    %P_y = arith.select %P_isz, %P_zero, %P_x : i32
    linalg.yield %P_y : i32
  } -> tensor<9x10xi32>
  %Q_e = tensor.empty() : tensor<10x6xi32>
  %Q = linalg.generic {indexing_maps = [affine_map<(d0,d1) -> (d0,d1)>], iterator_types = ["parallel", "parallel"]} outs(%Q_e : tensor<10x6xi32>) {
  ^bb0(%Q_o: i32):
    %Q_h0 = arith.constant 26 : index
    %Q_i0 = linalg.index 0 : index
    %Q_k0 = arith.constant 7 : index
    %Q_m0 = arith.muli %Q_i0, %Q_k0 : index
    %Q_h1 = arith.addi %Q_h0, %Q_m0 : index
    %Q_i1 = linalg.index 1 : index
    %Q_k1 = arith.constant 3 : index
    %Q_m1 = arith.muli %Q_i1, %Q_k1 : index
    %Q_h2 = arith.addi %Q_h1, %Q_m1 : index
    %Q_c13 = arith.constant 13 : index
    %Q_hr = arith.remui %Q_h2, %Q_c13 : index
    %Q_hi = arith.index_cast %Q_hr : index to i32
    %Q_c6 = arith.constant 6 : i32
    %Q_v0 = arith.subi %Q_hi, %Q_c6 : i32
    %Q_vz = arith.constant 0 : i32
    %Q_v = arith.addi %Q_v0, %Q_vz : i32
    %Q_c0x = arith.constant 0 : i32
    %Q_x = arith.addi %Q_v, %Q_c0x : i32
    %Q_s0 = arith.constant 0 : index
    %Q_b0 = arith.constant 2 : index
    %Q_g0 = arith.divui %Q_i0, %Q_b0 : index
    %Q_s1 = arith.addi %Q_s0, %Q_g0 : index
    %Q_b1 = arith.constant 2 : index
    %Q_g1 = arith.divui %Q_i1, %Q_b1 : index
    %Q_s2 = arith.addi %Q_s1, %Q_g1 : index
    %Q_c3 = arith.constant 3 : index
    %Q_sr = arith.remui %Q_s2, %Q_c3 : index
    %Q_zz = arith.constant 0 : index
    %Q_isz = arith.cmpi eq, %Q_sr, %Q_zz : index
    %Q_zero = arith.constant 0 : i32
    %Q_y = arith.select %Q_isz, %Q_zero, %Q_x : i32
    linalg.yield %Q_y : i32
  } -> tensor<10x6xi32>
  %R_e = tensor.empty() : tensor<9x6xi32>
  %R_v = arith.constant 0 : i32
  %R = linalg.fill ins(%R_v : i32) outs(%R_e : tensor<9x6xi32>) -> tensor<9x6xi32>
  %r = linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%A, %B : tensor<11x19xi8>, tensor<19x13xi8>) outs(%C : tensor<11x13xi32>) {
  ^bb0(%x: i8, %y: i8, %acc: i32):
    %xe = arith.extsi %x : i8 to i32
    %ye = arith.extsi %y : i8 to i32
    %p = arith.muli %xe, %ye : i32
    %s = arith.addi %acc, %p : i32
    linalg.yield %s : i32
  } -> tensor<11x13xi32>
  %r2 = linalg.matmul ins(%P, %Q : tensor<9x10xi32>, tensor<10x6xi32>) outs(%R : tensor<9x6xi32>) -> tensor<9x6xi32>
  %r_u = tensor.cast %r : tensor<11x13xi32> to tensor<*xi32>
  call @printMemrefI32(%r_u) : (tensor<*xi32>) -> ()
  %r2_u = tensor.cast %r2 : tensor<9x6xi32> to tensor<*xi32>
  call @printMemrefI32(%r2_u) : (tensor<*xi32>) -> ()
  return
}
