// Own marks on a tile-sparse weight ([4,4] and [8,1]), an all-zero weight, and a full marked activation; inits 0.25/0.5/-1/2.
// RUN: %spider_diff_corpus %s

func.func private @printMemrefF32(tensor<*xf32>) attributes {llvm.emit_c_interface}

func.func @main() {
  %X_e = tensor.empty() : tensor<10x40xf32>
  %X = linalg.generic {indexing_maps = [affine_map<(d0,d1) -> (d0,d1)>], iterator_types = ["parallel", "parallel"]} outs(%X_e : tensor<10x40xf32>) {
  ^bb0(%X_o: f32):
    %X_h0 = arith.constant 45 : index
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
    %X_c2 = arith.constant 2 : i32
    %X_c1 = arith.constant 1 : i32
    %X_v1 = arith.muli %X_v0, %X_c2 : i32
    %X_v = arith.addi %X_v1, %X_c1 : i32
    %X_vf = arith.sitofp %X_v : i32 to f32
    %X_q = arith.constant 0.125 : f32
    %X_x = arith.mulf %X_vf, %X_q : f32
    linalg.yield %X_x : f32
  } -> tensor<10x40xf32>
  %W_e = tensor.empty() : tensor<40x24xf32>
  %W = linalg.generic {indexing_maps = [affine_map<(d0,d1) -> (d0,d1)>], iterator_types = ["parallel", "parallel"]} outs(%W_e : tensor<40x24xf32>) {
  ^bb0(%W_o: f32):
    %W_h0 = arith.constant 46 : index
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
    %W_b0 = arith.constant 4 : index
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
  } -> tensor<40x24xf32>
  %V_e = tensor.empty() : tensor<40x24xf32>
  %V_z = arith.constant 0.0 : f32
  %V = linalg.fill ins(%V_z : f32) outs(%V_e : tensor<40x24xf32>) -> tensor<40x24xf32>
  %C_e = tensor.empty() : tensor<10x24xf32>
  %C_v = arith.constant 0.25 : f32
  %C = linalg.fill ins(%C_v : f32) outs(%C_e : tensor<10x24xf32>) -> tensor<10x24xf32>
  %C2_v = arith.constant 0.5 : f32
  %C2 = linalg.fill ins(%C2_v : f32) outs(%C_e : tensor<10x24xf32>) -> tensor<10x24xf32>
  %C3_v = arith.constant -1.0 : f32
  %C3 = linalg.fill ins(%C3_v : f32) outs(%C_e : tensor<10x24xf32>) -> tensor<10x24xf32>
  %C4_v = arith.constant 2.0 : f32
  %C4 = linalg.fill ins(%C4_v : f32) outs(%C_e : tensor<10x24xf32>) -> tensor<10x24xf32>
  %Ws = spider.assume_sparse %W : tensor<40x24xf32> to tensor<40x24xf32, #spider.sparse<microtile = [4, 4]>>
  %Wt = spider.assume_sparse %W : tensor<40x24xf32> to tensor<40x24xf32, #spider.sparse<microtile = [8, 1]>>
  %Vs = spider.assume_sparse %V : tensor<40x24xf32> to tensor<40x24xf32, #spider.sparse<microtile = [4, 4]>>
  %Xs = spider.assume_sparse %X : tensor<10x40xf32> to tensor<10x40xf32, #spider.sparse<microtile = [1, 8]>>
  %r1 = linalg.matmul ins(%X, %Ws : tensor<10x40xf32>, tensor<40x24xf32, #spider.sparse<microtile = [4, 4]>>) outs(%C : tensor<10x24xf32>) -> tensor<10x24xf32>
  %r2 = linalg.matmul ins(%X, %Wt : tensor<10x40xf32>, tensor<40x24xf32, #spider.sparse<microtile = [8, 1]>>) outs(%C2 : tensor<10x24xf32>) -> tensor<10x24xf32>
  %r3 = linalg.matmul ins(%X, %Vs : tensor<10x40xf32>, tensor<40x24xf32, #spider.sparse<microtile = [4, 4]>>) outs(%C3 : tensor<10x24xf32>) -> tensor<10x24xf32>
  %r4 = linalg.matmul ins(%Xs, %W : tensor<10x40xf32, #spider.sparse<microtile = [1, 8]>>, tensor<40x24xf32>) outs(%C4 : tensor<10x24xf32>) -> tensor<10x24xf32>
  %r1_u = tensor.cast %r1 : tensor<10x24xf32> to tensor<*xf32>
  call @printMemrefF32(%r1_u) : (tensor<*xf32>) -> ()
  %r2_u = tensor.cast %r2 : tensor<10x24xf32> to tensor<*xf32>
  call @printMemrefF32(%r2_u) : (tensor<*xf32>) -> ()
  %r3_u = tensor.cast %r3 : tensor<10x24xf32> to tensor<*xf32>
  call @printMemrefF32(%r3_u) : (tensor<*xf32>) -> ()
  %r4_u = tensor.cast %r4 : tensor<10x24xf32> to tensor<*xf32>
  call @printMemrefF32(%r4_u) : (tensor<*xf32>) -> ()
  return
}
