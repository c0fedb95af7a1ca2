// Gram matrix A*A^T from one marked value under two maps, and A*diag(v)*B with v marked (1-d).
// RUN: %spider_diff_corpus %s

func.func private @printMemrefF32(tensor<*xf32>) attributes {llvm.emit_c_interface}

func.func @main() {
  %A_e = tensor.empty() : tensor<11x18xf32>
  %A = linalg.generic {indexing_maps = [affine_map<(d0,d1) -> (d0,d1)>], iterator_types = ["parallel", "parallel"]} outs(%A_e : tensor<11x18xf32>) {
  ^bb0(%A_o: f32):
    %A_h0 = arith.constant 64 : index
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
    %A_b0 = arith.constant 1 : index
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
  } -> tensor<11x18xf32>
  %v_e = tensor.empty() : tensor<18xf32>
  %v = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} outs(%v_e : tensor<18xf32>) {
  ^bb0(%v_o: f32):
    %v_h0 = arith.constant 65 : index
    %v_i0 = linalg.index 0 : index
    %v_k0 = arith.constant 7 : index
    %v_m0 = arith.muli %v_i0, %v_k0 : index
    %v_h1 = arith.addi %v_h0, %v_m0 : index
    %v_c13 = arith.constant 13 : index
    %v_hr = arith.remui %v_h1, %v_c13 : index
    %v_hi = arith.index_cast %v_hr : index to i32
    %v_c6 = arith.constant 6 : i32
    %v_v0 = arith.subi %v_hi, %v_c6 : i32
    %v_vz = arith.constant 0 : i32
    %v_v = arith.addi %v_v0, %v_vz : i32
    %v_vf = arith.sitofp %v_v : i32 to f32
    %v_q = arith.constant 0.25 : f32
    %v_x = arith.mulf %v_vf, %v_q : f32
    %v_s0 = arith.constant 0 : index
    %v_b0 = arith.constant 4 : index
    %v_g0 = arith.divui %v_i0, %v_b0 : index
    %v_s1 = arith.addi %v_s0, %v_g0 : index
    %v_c3 = arith.constant 3 : index
    %v_sr = arith.remui %v_s1, %v_c3 : index
    %v_zz = arith.constant 0 : index
    %v_isz = arith.cmpi eq, %v_sr, %v_zz : index
    %v_zero = arith.constant 0.0 : f32
    %v_y = arith.select %v_isz, %v_zero, %v_x : f32
    linalg.yield %v_y : f32
  } -> tensor<18xf32>
  %B_e = tensor.empty() : tensor<18x7xf32>
  %B = linalg.generic {indexing_maps = [affine_map<(d0,d1) -> (d0,d1)>], iterator_types = ["parallel", "parallel"]} outs(%B_e : tensor<18x7xf32>) {
  ^bb0(%B_o: f32):
    %B_h0 = arith.constant 66 : index
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
    %B_vf = arith.sitofp %B_v : i32 to f32
    %B_q = arith.constant 0.25 : f32
    %B_x = arith.mulf %B_vf, %B_q : f32
    %B_s0 = arith.constant 0 : index
    %B_b0 = arith.constant 3 : index
    %B_g0 = arith.divui %B_i0, %B_b0 : index
    %B_s1 = arith.addi %B_s0, %B_g0 : index
    %B_b1 = arith.constant 3 : index
    %B_g1 = arith.divui %B_i1, %B_b1 : index
    %B_s2 = arith.addi %B_s1, %B_g1 : index
    %B_c3 = arith.constant 3 : index
    %B_sr = arith.remui %B_s2, %B_c3 : index
    %B_zz = arith.constant 0 : index
    %B_isz = arith.cmpi eq, %B_sr, %B_zz : index
    %B_zero = arith.constant 0.0 : f32
    %B_y = arith.select %B_isz, %B_zero, %B_x : f32
    linalg.yield %B_y : f32
  } -> tensor<18x7xf32>
  %C_e = tensor.empty() : tensor<11x11xf32>
  %C_v = arith.constant 0.0 : f32
  %C = linalg.fill ins(%C_v : f32) outs(%C_e : tensor<11x11xf32>) -> tensor<11x11xf32>
  %D_e = tensor.empty() : tensor<11x7xf32>
  %D_v = arith.constant 0.0 : f32
  %D = linalg.fill ins(%D_v : f32) outs(%D_e : tensor<11x7xf32>) -> tensor<11x7xf32>
  %As = spider.assume_sparse %A : tensor<11x18xf32> to tensor<11x18xf32, #spider.sparse<microtile = [1, 4]>>
  %vs = spider.assume_sparse %v : tensor<18xf32> to tensor<18xf32, #spider.sparse<microtile = [4]>>
  %r1 = linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%As, %As : tensor<11x18xf32, #spider.sparse<microtile = [1, 4]>>, tensor<11x18xf32, #spider.sparse<microtile = [1, 4]>>) outs(%C : tensor<11x11xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<11x11xf32>
  %r2 = linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (k)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%A, %vs, %B : tensor<11x18xf32>, tensor<18xf32, #spider.sparse<microtile = [4]>>, tensor<18x7xf32>) outs(%D : tensor<11x7xf32>) {
  ^bb0(%x: f32, %w: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %w : f32
    %q = arith.mulf %p, %y : f32
    %s = arith.addf %acc, %q : f32
    linalg.yield %s : f32
  } -> tensor<11x7xf32>
  %r1_u = tensor.cast %r1 : tensor<11x11xf32> to tensor<*xf32>
  call @printMemrefF32(%r1_u) : (tensor<*xf32>) -> ()
  %r2_u = tensor.cast %r2 : tensor<11x7xf32> to tensor<*xf32>
  call @printMemrefF32(%r2_u) : (tensor<*xf32>) -> ()
  return
}
