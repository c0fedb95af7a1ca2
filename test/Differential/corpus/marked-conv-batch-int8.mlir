// Own marks on a conv filter [1,1,1,4], a batch_matmul LHS [1,1,4] and an i8 widening contraction LHS [1,4].
// RUN: %spider_diff_corpus %s

func.func private @printMemrefF32(tensor<*xf32>) attributes {llvm.emit_c_interface}
func.func private @printMemrefI32(tensor<*xi32>) attributes {llvm.emit_c_interface}

func.func @main() {
  %I_e = tensor.empty() : tensor<2x7x8x4xf32>
  %I = linalg.generic {indexing_maps = [affine_map<(d0,d1,d2,d3) -> (d0,d1,d2,d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%I_e : tensor<2x7x8x4xf32>) {
  ^bb0(%I_o: f32):
    %I_h0 = arith.constant 67 : index
    %I_i0 = linalg.index 0 : index
    %I_k0 = arith.constant 7 : index
    %I_m0 = arith.muli %I_i0, %I_k0 : index
    %I_h1 = arith.addi %I_h0, %I_m0 : index
    %I_i1 = linalg.index 1 : index
    %I_k1 = arith.constant 3 : index
    %I_m1 = arith.muli %I_i1, %I_k1 : index
    %I_h2 = arith.addi %I_h1, %I_m1 : index
    %I_i2 = linalg.index 2 : index
    %I_k2 = arith.constant 5 : index
    %I_m2 = arith.muli %I_i2, %I_k2 : index
    %I_h3 = arith.addi %I_h2, %I_m2 : index
    %I_i3 = linalg.index 3 : index
    %I_k3 = arith.constant 11 : index
    %I_m3 = arith.muli %I_i3, %I_k3 : index
    %I_h4 = arith.addi %I_h3, %I_m3 : index
    %I_c13 = arith.constant 13 : index
    %I_hr = arith.remui %I_h4, %I_c13 : index
    %I_hi = arith.index_cast %I_hr : index to i32
    %I_c6 = arith.constant 6 : i32
    %I_v0 = arith.subi %I_hi, %I_c6 : i32
    %I_vz = arith.constant 0 : i32
    %I_v = arith.addi %I_v0, %I_vz : i32
    %I_vf = arith.sitofp %I_v : i32 to f32
    %I_q = arith.constant 0.25 : f32
    %I_x = arith.mulf %I_vf, %I_q : f32
    %I_s0 = arith.constant 0 : index
    %I_b0 = arith.constant 1 : index
    %I_g0 = arith.divui %I_i0, %I_b0 : index
    %I_s1 = arith.addi %I_s0, %I_g0 : index
    %I_b1 = arith.constant 2 : index
    %I_g1 = arith.divui %I_i1, %I_b1 : index
    %I_s2 = arith.addi %I_s1, %I_g1 : index
    %I_b2 = arith.constant 2 : index
    %I_g2 = arith.divui %I_i2, %I_b2 : index
    %I_s3 = arith.addi %I_s2, %I_g2 : index
    %I_b3 = arith.constant 1 : index
    %I_g3 = arith.divui %I_i3, %I_b3 : index
    %I_s4 = arith.addi %I_s3, %I_g3 : index
    %I_c3 = arith.constant 3 : index
    %I_sr = arith.remui %I_s4, %I_c3 : index
    %I_zz = arith.constant 0 : index
    %I_isz = arith.cmpi eq, %I_sr, %I_zz : index
    %I_zero = arith.constant 0.0 : f32
    %I_y = arith.select %I_isz, %I_zero, %I_x : f32
    linalg.yield %I_y : f32
  } -> tensor<2x7x8x4xf32>
  %F_e = tensor.empty() : tensor<3x2x4x8xf32>
  %F = linalg.generic {indexing_maps = [affine_map<(d0,d1,d2,d3) -> (d0,d1,d2,d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%F_e : tensor<3x2x4x8xf32>) {
  ^bb0(%F_o: f32):
    %F_h0 = arith.constant 68 : index
    %F_i0 = linalg.index 0 : index
    %F_k0 = arith.constant 7 : index
    %F_m0 = arith.muli %F_i0, %F_k0 : index
    %F_h1 = arith.addi %F_h0, %F_m0 : index
    %F_i1 = linalg.index 1 : index
    %F_k1 = arith.constant 3 : index
    %F_m1 = arith.muli %F_i1, %F_k1 : index
    %F_h2 = arith.addi %F_h1, %F_m1 : index
    %F_i2 = linalg.index 2 : index
    %F_k2 = arith.constant 5 : index
    %F_m2 = arith.muli %F_i2, %F_k2 : index
    %F_h3 = arith.addi %F_h2, %F_m2 : index
    %F_i3 = linalg.index 3 : index
    %F_k3 = arith.constant 11 : index
    %F_m3 = arith.muli %F_i3, %F_k3 : index
    %F_h4 = arith.addi %F_h3, %F_m3 : index
    %F_c13 = arith.constant 13 : index
    %F_hr = arith.remui %F_h4, %F_c13 : index
    %F_hi = arith.index_cast %F_hr : index to i32
    %F_c6 = arith.constant 6 : i32
    %F_v0 = arith.subi %F_hi, %F_c6 : i32
    %F_vz = arith.constant 0 : i32
    %F_v = arith.addi %F_v0, %F_vz : i32
    %F_vf = arith.sitofp %F_v : i32 to f32
    %F_q = arith.constant 0.25 : f32
    %F_x = arith.mulf %F_vf, %F_q : f32
    %F_s0 = arith.constant 0 : index
    %F_b0 = arith.constant 1 : index
    %F_g0 = arith.divui %F_i0, %F_b0 : index
    %F_s1 = arith.addi %F_s0, %F_g0 : index
    %F_b1 = arith.constant 1 : index
    %F_g1 = arith.divui %F_i1, %F_b1 : index
    %F_s2 = arith.addi %F_s1, %F_g1 : index
    %F_b2 = arith.constant 1 : index
    %F_g2 = arith.divui %F_i2, %F_b2 : index
    %F_s3 = arith.addi %F_s2, %F_g2 : index
    %F_b3 = arith.constant 4 : index
    %F_g3 = arith.divui %F_i3, %F_b3 : index
    %F_s4 = arith.addi %F_s3, %F_g3 : index
    %F_c3 = arith.constant 3 : index
    %F_sr = arith.remui %F_s4, %F_c3 : index
    %F_zz = arith.constant 0 : index
    %F_isz = arith.cmpi eq, %F_sr, %F_zz : index
    %F_zero = arith.constant 0.0 : f32
    %F_y = arith.select %F_isz, %F_zero, %F_x : f32
    linalg.yield %F_y : f32
  } -> tensor<3x2x4x8xf32>
  %O_e = tensor.empty() : tensor<2x5x7x8xf32>
  %O_v = arith.constant 0.0 : f32
  %O = linalg.fill ins(%O_v : f32) outs(%O_e : tensor<2x5x7x8xf32>) -> tensor<2x5x7x8xf32>
  %A_e = tensor.empty() : tensor<3x6x10xf32>
  %A = linalg.generic {indexing_maps = [affine_map<(d0,d1,d2) -> (d0,d1,d2)>], iterator_types = ["parallel", "parallel", "parallel"]} outs(%A_e : tensor<3x6x10xf32>) {
  ^bb0(%A_o: f32):
    %A_h0 = arith.constant 69 : index
    %A_i0 = linalg.index 0 : index
    %A_k0 = arith.constant 7 : index
    %A_m0 = arith.muli %A_i0, %A_k0 : index
    %A_h1 = arith.addi %A_h0, %A_m0 : index
    %A_i1 = linalg.index 1 : index
    %A_k1 = arith.constant 3 : index
    %A_m1 = arith.muli %A_i1, %A_k1 : index
    %A_h2 = arith.addi %A_h1, %A_m1 : index
    %A_i2 = linalg.index 2 : index
    %A_k2 = arith.constant 5 : index
    %A_m2 = arith.muli %A_i2, %A_k2 : index
    %A_h3 = arith.addi %A_h2, %A_m2 : index
    %A_c13 = arith.constant 13 : index
    %A_hr = arith.remui %A_h3, %A_c13 : index
    %A_hi = arith.index_cast %A_hr : index to i32
    %A_c6 = arith.constant 6 : i32
    %A_v0 = arith.subi %A_hi, %A_c6 : i32
    %A_vz = arith.constant 0 : i32
    %A_v = arith.addi %A_v0, %A_vz : i32
    %A_vf = arith.sitofp %A_v : i32 to f32
    %A_q = arith.constant 0.25 : f32
    %A_x = arith.mulf %A_vf, %A_q : f32
    %A_s0 = arith.constant 0 : index
    %A_b0 = arith.constant 1 : index
    %A_g0 = arith.divui %A_i0, %A_b0 : index
    %A_s1 = arith.addi %A_s0, %A_g0 : index
    %A_b1 = arith.constant 2 : index
    %A_g1 = arith.divui %A_i1, %A_b1 : index
    %A_s2 = arith.addi %A_s1, %A_g1 : index
    %A_b2 = arith.constant 4 : index
    %A_g2 = arith.divui %A_i2, %A_b2 : index
    %A_s3 = arith.addi %A_s2, %A_g2 : index
    %A_c3 = arith.constant 3 : index
    %A_sr = arith.remui %A_s3, %A_c3 : index
    %A_zz = arith.constant 0 : index
    %A_isz = arith.cmpi eq, %A_sr, %A_zz : index
    %A_zero = arith.constant 0.0 : f32
    %A_y = arith.select %A_isz, %A_zero, %A_x : f32
    linalg.yield %A_y : f32
  } -> tensor<3x6x10xf32>
  %B_e = tensor.empty() : tensor<3x10x5xf32>
  %B = linalg.generic {indexing_maps = [affine_map<(d0,d1,d2) -> (d0,d1,d2)>], iterator_types = ["parallel", "parallel", "parallel"]} outs(%B_e : tensor<3x10x5xf32>) {
  ^bb0(%B_o: f32):
    %B_h0 = arith.constant 70 : index
    %B_i0 = linalg.index 0 : index
    %B_k0 = arith.constant 7 : index
    %B_m0 = arith.muli %B_i0, %B_k0 : index
    %B_h1 = arith.addi %B_h0, %B_m0 : index
    %B_i1 = linalg.index 1 : index
    %B_k1 = arith.constant 3 : index
    %B_m1 = arith.muli %B_i1, %B_k1 : index
    %B_h2 = arith.addi %B_h1, %B_m1 : index
    %B_i2 = linalg.index 2 : index
    %B_k2 = arith.constant 5 : index
    %B_m2 = arith.muli %B_i2, %B_k2 : index
    %B_h3 = arith.addi %B_h2, %B_m2 : index
    %B_c13 = arith.constant 13 : index
    %B_hr = arith.remui %B_h3, %B_c13 : index
    %B_hi = arith.index_cast %B_hr : index to i32
    %B_c6 = arith.constant 6 : i32
    %B_v0 = arith.subi %B_hi, %B_c6 : i32
    %B_vz = arith.constant 0 : i32
    %B_v = arith.addi %B_v0, %B_vz : i32
    %B_vf = arith.sitofp %B_v : i32 to f32
    %B_q = arith.constant 0.25 : f32
    %B_x = arith.mulf %B_vf, %B_q : f32
    %B_s0 = arith.constant 0 : index
    %B_b0 = arith.constant 1 : index
    %B_g0 = arith.divui %B_i0, %B_b0 : index
    %B_s1 = arith.addi %B_s0, %B_g0 : index
    %B_b1 = arith.constant 3 : index
    %B_g1 = arith.divui %B_i1, %B_b1 : index
    %B_s2 = arith.addi %B_s1, %B_g1 : index
    %B_b2 = arith.constant 2 : index
    %B_g2 = arith.divui %B_i2, %B_b2 : index
    %B_s3 = arith.addi %B_s2, %B_g2 : index
    %B_c3 = arith.constant 3 : index
    %B_sr = arith.remui %B_s3, %B_c3 : index
    %B_zz = arith.constant 0 : index
    %B_isz = arith.cmpi eq, %B_sr, %B_zz : index
    %B_zero = arith.constant 0.0 : f32
    %B_y = arith.select %B_isz, %B_zero, %B_x : f32
    linalg.yield %B_y : f32
  } -> tensor<3x10x5xf32>
  %C_e = tensor.empty() : tensor<3x6x5xf32>
  %C_v = arith.constant 0.0 : f32
  %C = linalg.fill ins(%C_v : f32) outs(%C_e : tensor<3x6x5xf32>) -> tensor<3x6x5xf32>
  %Q_e = tensor.empty() : tensor<9x20xi8>
  %Q = linalg.generic {indexing_maps = [affine_map<(d0,d1) -> (d0,d1)>], iterator_types = ["parallel", "parallel"]} outs(%Q_e : tensor<9x20xi8>) {
  ^bb0(%Q_o: i8):
    %Q_h0 = arith.constant 71 : index
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
    %Q_x = arith.trunci %Q_v : i32 to i8
    %Q_s0 = arith.constant 0 : index
    %Q_b0 = arith.constant 1 : index
    %Q_g0 = arith.divui %Q_i0, %Q_b0 : index
    %Q_s1 = arith.addi %Q_s0, %Q_g0 : index
    %Q_b1 = arith.constant 4 : index
    %Q_g1 = arith.divui %Q_i1, %Q_b1 : index
    %Q_s2 = arith.addi %Q_s1, %Q_g1 : index
    %Q_c3 = arith.constant 3 : index
    %Q_sr = arith.remui %Q_s2, %Q_c3 : index
    %Q_zz = arith.constant 0 : index
    %Q_isz = arith.cmpi eq, %Q_sr, %Q_zz : index
    %Q_zero = arith.constant 0 : i8
    %Q_y = arith.select %Q_isz, %Q_zero, %Q_x : i8
    linalg.yield %Q_y : i8
  } -> tensor<9x20xi8>
  %R_e = tensor.empty() : tensor<20x6xi8>
  %R = linalg.generic {indexing_maps = [affine_map<(d0,d1) -> (d0,d1)>], iterator_types = ["parallel", "parallel"]} outs(%R_e : tensor<20x6xi8>) {
  ^bb0(%R_o: i8):
    %R_h0 = arith.constant 72 : index
    %R_i0 = linalg.index 0 : index
    %R_k0 = arith.constant 7 : index
    %R_m0 = arith.muli %R_i0, %R_k0 : index
    %R_h1 = arith.addi %R_h0, %R_m0 : index
    %R_i1 = linalg.index 1 : index
    %R_k1 = arith.constant 3 : index
    %R_m1 = arith.muli %R_i1, %R_k1 : index
    %R_h2 = arith.addi %R_h1, %R_m1 : index
    %R_c13 = arith.constant 13 : index
    %R_hr = arith.remui %R_h2, %R_c13 : index
    %R_hi = arith.index_cast %R_hr : index to i32
    %R_c6 = arith.constant 6 : i32
    %R_v0 = arith.subi %R_hi, %R_c6 : i32
    %R_vz = arith.constant 0 : i32
    %R_v = arith.addi %R_v0, %R_vz : i32
    %R_x = arith.trunci %R_v : i32 to i8
    %R_s0 = arith.constant 0 : index
    %R_b0 = arith.constant 2 : index
    %R_g0 = arith.divui %R_i0, %R_b0 : index
    %R_s1 = arith.addi %R_s0, %R_g0 : index
    %R_b1 = arith.constant 3 : index
    %R_g1 = arith.divui %R_i1, %R_b1 : index
    %R_s2 = arith.addi %R_s1, %R_g1 : index
    %R_c3 = arith.constant 3 : index
    %R_sr = arith.remui %R_s2, %R_c3 : index
    %R_zz = arith.constant 0 : index
    %R_isz = arith.cmpi eq, %R_sr, %R_zz : index
    %R_zero = arith.constant 0 : i8
    %R_y = arith.select %R_isz, %R_zero, %R_x : i8
    linalg.yield %R_y : i8
  } -> tensor<20x6xi8>
  %Z_e = tensor.empty() : tensor<9x6xi32>
  %Z_v = arith.constant 0 : i32
  %Z = linalg.fill ins(%Z_v : i32) outs(%Z_e : tensor<9x6xi32>) -> tensor<9x6xi32>
  %Fs = spider.assume_sparse %F : tensor<3x2x4x8xf32> to tensor<3x2x4x8xf32, #spider.sparse<microtile = [1, 1, 1, 4]>>
  %rc = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%I, %Fs : tensor<2x7x8x4xf32>, tensor<3x2x4x8xf32, #spider.sparse<microtile = [1, 1, 1, 4]>>) outs(%O : tensor<2x5x7x8xf32>) -> tensor<2x5x7x8xf32>
  %As = spider.assume_sparse %A : tensor<3x6x10xf32> to tensor<3x6x10xf32, #spider.sparse<microtile = [1, 1, 4]>>
  %rb = linalg.batch_matmul ins(%As, %B : tensor<3x6x10xf32, #spider.sparse<microtile = [1, 1, 4]>>, tensor<3x10x5xf32>) outs(%C : tensor<3x6x5xf32>) -> tensor<3x6x5xf32>
  %Qs = spider.assume_sparse %Q : tensor<9x20xi8> to tensor<9x20xi8, #spider.sparse<microtile = [1, 4]>>
  %rq = linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%Qs, %R : tensor<9x20xi8, #spider.sparse<microtile = [1, 4]>>, tensor<20x6xi8>) outs(%Z : tensor<9x6xi32>) {
  ^bb0(%x: i8, %y: i8, %acc: i32):
    %xe = arith.extsi %x : i8 to i32
    %ye = arith.extsi %y : i8 to i32
    %p = arith.muli %xe, %ye : i32
    %s = arith.addi %acc, %p : i32
    linalg.yield %s : i32
  } -> tensor<9x6xi32>
  %rc_u = tensor.cast %rc : tensor<2x5x7x8xf32> to tensor<*xf32>
  call @printMemrefF32(%rc_u) : (tensor<*xf32>) -> ()
  %rb_u = tensor.cast %rb : tensor<3x6x5xf32> to tensor<*xf32>
  call @printMemrefF32(%rb_u) : (tensor<*xf32>) -> ()
  %rq_u = tensor.cast %rq : tensor<9x6xi32> to tensor<*xi32>
  call @printMemrefI32(%rq_u) : (tensor<*xi32>) -> ()
  return
}
