// Row max and min over the marked [1,4] pack axis, for zero-tiled, full and empty data.
// RUN: %spider_diff_corpus %s

func.func private @printMemrefF32(tensor<*xf32>) attributes {llvm.emit_c_interface}

func.func @main() {
  %X_e = tensor.empty() : tensor<10x24xf32>
  %X = linalg.generic {indexing_maps = [affine_map<(d0,d1) -> (d0,d1)>], iterator_types = ["parallel", "parallel"]} outs(%X_e : tensor<10x24xf32>) {
  ^bb0(%X_o: f32):
    %X_h0 = arith.constant 30 : index
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
    %X_b0 = arith.constant 1 : index
    %X_g0 = arith.divui %X_i0, %X_b0 : index
    %X_s1 = arith.addi %X_s0, %X_g0 : index
    %X_b1 = arith.constant 4 : index
    %X_g1 = arith.divui %X_i1, %X_b1 : index
    %X_s2 = arith.addi %X_s1, %X_g1 : index
    %X_c3 = arith.constant 3 : index
    %X_sr = arith.remui %X_s2, %X_c3 : index
    %X_zz = arith.constant 0 : index
    %X_isz = arith.cmpi eq, %X_sr, %X_zz : index
    %X_zero = arith.constant 0.0 : f32
    %X_y = arith.select %X_isz, %X_zero, %X_x : f32
    linalg.yield %X_y : f32
  } -> tensor<10x24xf32>
  %Y_e = tensor.empty() : tensor<10x24xf32>
  %Y = linalg.generic {indexing_maps = [affine_map<(d0,d1) -> (d0,d1)>], iterator_types = ["parallel", "parallel"]} outs(%Y_e : tensor<10x24xf32>) {
  ^bb0(%Y_o: f32):
    %Y_h0 = arith.constant 31 : index
    %Y_i0 = linalg.index 0 : index
    %Y_k0 = arith.constant 7 : index
    %Y_m0 = arith.muli %Y_i0, %Y_k0 : index
    %Y_h1 = arith.addi %Y_h0, %Y_m0 : index
    %Y_i1 = linalg.index 1 : index
    %Y_k1 = arith.constant 3 : index
    %Y_m1 = arith.muli %Y_i1, %Y_k1 : index
    %Y_h2 = arith.addi %Y_h1, %Y_m1 : index
    %Y_c13 = arith.constant 13 : index
    %Y_hr = arith.remui %Y_h2, %Y_c13 : index
    %Y_hi = arith.index_cast %Y_hr : index to i32
    %Y_c6 = arith.constant 6 : i32
    %Y_v0 = arith.subi %Y_hi, %Y_c6 : i32
    %Y_c2 = arith.constant 2 : i32
    %Y_c1 = arith.constant 1 : i32
    %Y_v1 = arith.muli %Y_v0, %Y_c2 : i32
    %Y_v = arith.addi %Y_v1, %Y_c1 : i32
    %Y_vf = arith.sitofp %Y_v : i32 to f32
    %Y_q = arith.constant 0.125 : f32
    %Y_x = arith.mulf %Y_vf, %Y_q : f32
    linalg.yield %Y_x : f32
  } -> tensor<10x24xf32>
  %Z_e = tensor.empty() : tensor<10x24xf32>
  %Z_z = arith.constant 0.0 : f32
  %Z = linalg.fill ins(%Z_z : f32) outs(%Z_e : tensor<10x24xf32>) -> tensor<10x24xf32>
  %I_e = tensor.empty() : tensor<10xf32>
  %I_v = arith.constant 0xFF800000 : f32
  %I = linalg.fill ins(%I_v : f32) outs(%I_e : tensor<10xf32>) -> tensor<10xf32>
  %J_e = tensor.empty() : tensor<10xf32>
  %J_v = arith.constant 0x7F800000 : f32
  %J = linalg.fill ins(%J_v : f32) outs(%J_e : tensor<10xf32>) -> tensor<10xf32>
  %Xs = spider.assume_sparse %X : tensor<10x24xf32> to tensor<10x24xf32, #spider.sparse<microtile = [1, 4]>>
  %Ys = spider.assume_sparse %Y : tensor<10x24xf32> to tensor<10x24xf32, #spider.sparse<microtile = [1, 4]>>
  %Zs = spider.assume_sparse %Z : tensor<10x24xf32> to tensor<10x24xf32, #spider.sparse<microtile = [1, 4]>>
  %r1 = linalg.reduce ins(%Xs : tensor<10x24xf32, #spider.sparse<microtile = [1, 4]>>) outs(%I : tensor<10xf32>) dimensions = [1]
    (%x: f32, %acc: f32) {
      %c = arith.maximumf %x, %acc : f32
      linalg.yield %c : f32
    }
  %r2 = linalg.reduce ins(%Xs : tensor<10x24xf32, #spider.sparse<microtile = [1, 4]>>) outs(%J : tensor<10xf32>) dimensions = [1]
    (%x: f32, %acc: f32) {
      %c = arith.minimumf %x, %acc : f32
      linalg.yield %c : f32
    }
  %r3 = linalg.reduce ins(%Ys : tensor<10x24xf32, #spider.sparse<microtile = [1, 4]>>) outs(%I : tensor<10xf32>) dimensions = [1]
    (%x: f32, %acc: f32) {
      %c = arith.maximumf %x, %acc : f32
      linalg.yield %c : f32
    }
  %r4 = linalg.reduce ins(%Ys : tensor<10x24xf32, #spider.sparse<microtile = [1, 4]>>) outs(%J : tensor<10xf32>) dimensions = [1]
    (%x: f32, %acc: f32) {
      %c = arith.minimumf %x, %acc : f32
      linalg.yield %c : f32
    }
  %r5 = linalg.reduce ins(%Zs : tensor<10x24xf32, #spider.sparse<microtile = [1, 4]>>) outs(%I : tensor<10xf32>) dimensions = [1]
    (%x: f32, %acc: f32) {
      %c = arith.maximumf %x, %acc : f32
      linalg.yield %c : f32
    }
  %r6 = linalg.reduce ins(%Zs : tensor<10x24xf32, #spider.sparse<microtile = [1, 4]>>) outs(%J : tensor<10xf32>) dimensions = [1]
    (%x: f32, %acc: f32) {
      %c = arith.minimumf %x, %acc : f32
      linalg.yield %c : f32
    }
  %r1_u = tensor.cast %r1 : tensor<10xf32> to tensor<*xf32>
  call @printMemrefF32(%r1_u) : (tensor<*xf32>) -> ()
  %r2_u = tensor.cast %r2 : tensor<10xf32> to tensor<*xf32>
  call @printMemrefF32(%r2_u) : (tensor<*xf32>) -> ()
  %r3_u = tensor.cast %r3 : tensor<10xf32> to tensor<*xf32>
  call @printMemrefF32(%r3_u) : (tensor<*xf32>) -> ()
  %r4_u = tensor.cast %r4 : tensor<10xf32> to tensor<*xf32>
  call @printMemrefF32(%r4_u) : (tensor<*xf32>) -> ()
  %r5_u = tensor.cast %r5 : tensor<10xf32> to tensor<*xf32>
  call @printMemrefF32(%r5_u) : (tensor<*xf32>) -> ()
  %r6_u = tensor.cast %r6 : tensor<10xf32> to tensor<*xf32>
  call @printMemrefF32(%r6_u) : (tensor<*xf32>) -> ()
  return
}
