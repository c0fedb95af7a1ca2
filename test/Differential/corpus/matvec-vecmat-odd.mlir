// matvec 31x45*45 and vecmat 31*31x45 on the same odd-sized matrix.
// RUN: %spider_diff_corpus %s

func.func private @printMemrefF32(tensor<*xf32>) attributes {llvm.emit_c_interface}

func.func @main() {
  %M_e = tensor.empty() : tensor<31x45xf32>
  %M = linalg.generic {indexing_maps = [affine_map<(d0,d1) -> (d0,d1)>], iterator_types = ["parallel", "parallel"]} outs(%M_e : tensor<31x45xf32>) {
  ^bb0(%M_o: f32):
    %M_h0 = arith.constant 18 : index
    %M_i0 = linalg.index 0 : index
    %M_k0 = arith.constant 7 : index
    %M_m0 = arith.muli %M_i0, %M_k0 : index
    %M_h1 = arith.addi %M_h0, %M_m0 : index
    %M_i1 = linalg.index 1 : index
    %M_k1 = arith.constant 3 : index
    %M_m1 = arith.muli %M_i1, %M_k1 : index
    %M_h2 = arith.addi %M_h1, %M_m1 : index
    %M_c13 = arith.constant 13 : index
    %M_hr = arith.remui %M_h2, %M_c13 : index
    %M_hi = arith.index_cast %M_hr : index to i32
    %M_c6 = arith.constant 6 : i32
    %M_v0 = arith.subi %M_hi, %M_c6 : i32
    %M_vz = arith.constant 0 : i32
    %M_v = arith.addi %M_v0, %M_vz : i32
    %M_vf = arith.sitofp %M_v : i32 to f32
    %M_q = arith.constant 0.25 : f32
    %M_x = arith.mulf %M_vf, %M_q : f32
    %M_s0 = arith.constant 0 : index
    %M_b0 = arith.constant 4 : index
    %M_g0 = arith.divui %M_i0, %M_b0 : index
    %M_s1 = arith.addi %M_s0, %M_g0 : index
    %M_b1 = arith.constant 4 : index
    %M_g1 = arith.divui %M_i1, %M_b1 : index
    %M_s2 = arith.addi %M_s1, %M_g1 : index
    %M_c3 = arith.constant 3 : index
    %M_sr = arith.remui %M_s2, %M_c3 : index
    %M_zz = arith.constant 0 : index
    %M_isz = arith.cmpi eq, %M_sr, %M_zz : index
    %M_zero = arith.constant 0.0 : f32
    %M_y = arith.select %M_isz, %M_zero, %M_x : f32
    linalg.yield %M_y : f32
  } -> tensor<31x45xf32>
  %x_e = tensor.empty() : tensor<45xf32>
  %x = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} outs(%x_e : tensor<45xf32>) {
  ^bb0(%x_o: f32):
    %x_h0 = arith.constant 19 : index
    %x_i0 = linalg.index 0 : index
    %x_k0 = arith.constant 7 : index
    %x_m0 = arith.muli %x_i0, %x_k0 : index
    %x_h1 = arith.addi %x_h0, %x_m0 : index
    %x_c13 = arith.constant 13 : index
    %x_hr = arith.remui %x_h1, %x_c13 : index
    %x_hi = arith.index_cast %x_hr : index to i32
    %x_c6 = arith.constant 6 : i32
    %x_v0 = arith.subi %x_hi, %x_c6 : i32
    %x_vz = arith.constant 0 : i32
    %x_v = arith.addi %x_v0, %x_vz : i32
    %x_vf = arith.sitofp %x_v : i32 to f32
    %x_q = arith.constant 0.25 : f32
    %x_x = arith.mulf %x_vf, %x_q : f32
    %x_s0 = arith.constant 0 : index
    %x_b0 = arith.constant 3 : index
    %x_g0 = arith.divui %x_i0, %x_b0 : index
    %x_s1 = arith.addi %x_s0, %x_g0 : index
    %x_c3 = arith.constant 3 : index
    %x_sr = arith.remui %x_s1, %x_c3 : index
    %x_zz = arith.constant 0 : index
    %x_isz = arith.cmpi eq, %x_sr, %x_zz : index
    %x_zero = arith.constant 0.0 : f32
    %x_y = arith.select %x_isz, %x_zero, %x_x : f32
    linalg.yield %x_y : f32
  } -> tensor<45xf32>
  %y_e = tensor.empty() : tensor<31xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} outs(%y_e : tensor<31xf32>) {
  ^bb0(%y_o: f32):
    %y_h0 = arith.constant 20 : index
    %y_i0 = linalg.index 0 : index
    %y_k0 = arith.constant 7 : index
    %y_m0 = arith.muli %y_i0, %y_k0 : index
    %y_h1 = arith.addi %y_h0, %y_m0 : index
    %y_c13 = arith.constant 13 : index
    %y_hr = arith.remui %y_h1, %y_c13 : index
    %y_hi = arith.index_cast %y_hr : index to i32
    %y_c6 = arith.constant 6 : i32
    %y_v0 = arith.subi %y_hi, %y_c6 : i32
    %y_vz = arith.constant 0 : i32
    %y_v = arith.addi %y_v0, %y_vz : i32
    %y_vf = arith.sitofp %y_v : i32 to f32
    %y_q = arith.constant 0.25 : f32
    %y_x = arith.mulf %y_vf, %y_q : f32
    %y_s0 = arith.constant 0 : index
    %y_b0 = arith.constant 2 : index
    %y_g0 = arith.divui %y_i0, %y_b0 : index
    %y_s1 = arith.addi %y_s0, %y_g0 : index
    %y_c3 = arith.constant 3 : index
    %y_sr = arith.remui %y_s1, %y_c3 : index
    %y_zz = arith.constant 0 : index
    %y_isz = arith.cmpi eq, %y_sr, %y_zz : index
    %y_zero = arith.constant 0.0 : f32
    %y_y = arith.select %y_isz, %y_zero, %y_x : f32
    linalg.yield %y_y : f32
  } -> tensor<31xf32>
  %C_e = tensor.empty() : tensor<31xf32>
  %C_v = arith.constant 0.0 : f32
  %C = linalg.fill ins(%C_v : f32) outs(%C_e : tensor<31xf32>) -> tensor<31xf32>
  %D_e = tensor.empty() : tensor<45xf32>
  %D_v = arith.constant 0.0 : f32
  %D = linalg.fill ins(%D_v : f32) outs(%D_e : tensor<45xf32>) -> tensor<45xf32>
  %mv = linalg.matvec ins(%M, %x : tensor<31x45xf32>, tensor<45xf32>) outs(%C : tensor<31xf32>) -> tensor<31xf32>
  %vm = linalg.vecmat ins(%y, %M : tensor<31xf32>, tensor<31x45xf32>) outs(%D : tensor<45xf32>) -> tensor<45xf32>
  %mv_u = tensor.cast %mv : tensor<31xf32> to tensor<*xf32>
  call @printMemrefF32(%mv_u) : (tensor<*xf32>) -> ()
  %vm_u = tensor.cast %vm : tensor<45xf32> to tensor<*xf32>
  call @printMemrefF32(%vm_u) : (tensor<*xf32>) -> ()
  return
}
