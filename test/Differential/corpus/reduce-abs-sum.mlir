// L1 norms of rows: sum of |x| (the body transforms before it combines).
// RUN: %spider_diff_corpus %s

func.func private @printMemrefF32(tensor<*xf32>) attributes {llvm.emit_c_interface}

func.func @main() {
  %X_e = tensor.empty() : tensor<10x12xf32>
  %X = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%X_e : tensor<10x12xf32>) {
  ^bb0(%X_o: f32):
    %X_h0 = arith.constant 91 : index
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
    %X_v = arith.subi %X_hi, %X_c6 : i32
    %X_vf = arith.sitofp %X_v : i32 to f32
    %X_q = arith.constant 0.25 : f32
    %X_x = arith.mulf %X_vf, %X_q : f32
    %X_s0 = arith.constant 0 : index
    %X_b0 = arith.constant 2 : index
    %X_g0 = arith.divui %X_i0, %X_b0 : index
    %X_s1 = arith.addi %X_s0, %X_g0 : index
    %X_b1 = arith.constant 5 : index
    %X_g1 = arith.divui %X_i1, %X_b1 : index
    %X_s2 = arith.addi %X_s1, %X_g1 : index
    %X_c3 = arith.constant 3 : index
    %X_sr = arith.remui %X_s2, %X_c3 : index
    %X_z0 = arith.constant 0 : index
    %X_isz = arith.cmpi eq, %X_sr, %X_z0 : index
    %X_zero = arith.constant 0.0 : f32
    %X_y = arith.select %X_isz, %X_zero, %X_x : f32
    linalg.yield %X_y : f32
  } -> tensor<10x12xf32>
  %S_e = tensor.empty() : tensor<10xf32>
  %S_v = arith.constant 0.0 : f32
  %S = linalg.fill ins(%S_v : f32) outs(%S_e : tensor<10xf32>) -> tensor<10xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i)>], iterator_types = ["parallel", "reduction"]} ins(%X : tensor<10x12xf32>) outs(%S : tensor<10xf32>) {
  ^bb0(%x: f32, %s: f32):
    %a = math.absf %x : f32
    %s1 = arith.addf %s, %a : f32
    linalg.yield %s1 : f32
  } -> tensor<10xf32>
  %r_u = tensor.cast %r : tensor<10xf32> to tensor<*xf32>
  call @printMemrefF32(%r_u) : (tensor<*xf32>) -> ()
  return
}
