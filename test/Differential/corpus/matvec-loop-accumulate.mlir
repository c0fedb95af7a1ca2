// y += A * (x * i) for i in 0..3, in an scf.for loop whose matvec
// accumulates into the loop-carried tensor.
// RUN: %spider_diff_corpus %s

func.func private @printMemrefF32(tensor<*xf32>) attributes {llvm.emit_c_interface}

func.func @main() {
  %A_e = tensor.empty() : tensor<10x10xf32>
  %A = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%A_e : tensor<10x10xf32>) {
  ^bb0(%A_o: f32):
    %A_h0 = arith.constant 36 : index
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
    %A_vf = arith.sitofp %A_v : i32 to f32
    %A_q = arith.constant 0.25 : f32
    %A_x = arith.mulf %A_vf, %A_q : f32
    %A_s0 = arith.constant 0 : index
    %A_b0 = arith.constant 3 : index
    %A_g0 = arith.divui %A_i0, %A_b0 : index
    %A_s1 = arith.addi %A_s0, %A_g0 : index
    %A_b1 = arith.constant 3 : index
    %A_g1 = arith.divui %A_i1, %A_b1 : index
    %A_s2 = arith.addi %A_s1, %A_g1 : index
    %A_c3 = arith.constant 3 : index
    %A_sr = arith.remui %A_s2, %A_c3 : index
    %A_z0 = arith.constant 0 : index
    %A_isz = arith.cmpi eq, %A_sr, %A_z0 : index
    %A_zero = arith.constant 0.0 : f32
    %A_y = arith.select %A_isz, %A_zero, %A_x : f32
    linalg.yield %A_y : f32
  } -> tensor<10x10xf32>
  %x0_e = tensor.empty() : tensor<10xf32>
  %x0 = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} outs(%x0_e : tensor<10xf32>) {
  ^bb0(%x0_o: f32):
    %x0_h0 = arith.constant 37 : index
    %x0_i0 = linalg.index 0 : index
    %x0_k0 = arith.constant 7 : index
    %x0_m0 = arith.muli %x0_i0, %x0_k0 : index
    %x0_h1 = arith.addi %x0_h0, %x0_m0 : index
    %x0_c13 = arith.constant 13 : index
    %x0_hr = arith.remui %x0_h1, %x0_c13 : index
    %x0_hi = arith.index_cast %x0_hr : index to i32
    %x0_c6 = arith.constant 6 : i32
    %x0_v = arith.subi %x0_hi, %x0_c6 : i32
    %x0_vf = arith.sitofp %x0_v : i32 to f32
    %x0_q = arith.constant 0.25 : f32
    %x0_x = arith.mulf %x0_vf, %x0_q : f32
    linalg.yield %x0_x : f32
  } -> tensor<10xf32>
  %y0_e = tensor.empty() : tensor<10xf32>
  %y0_v = arith.constant 0.0 : f32
  %y0 = linalg.fill ins(%y0_v : f32) outs(%y0_e : tensor<10xf32>) -> tensor<10xf32>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %r = scf.for %i = %c0 to %c3 step %c1 iter_args(%y = %y0) -> (tensor<10xf32>) {
    %ii = arith.index_cast %i : index to i32
    %fi = arith.sitofp %ii : i32 to f32
    %e = tensor.empty() : tensor<10xf32>
    %x = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%x0 : tensor<10xf32>) outs(%e : tensor<10xf32>) {
    ^bb0(%v: f32, %o: f32):
      %s = arith.mulf %v, %fi : f32
      linalg.yield %s : f32
    } -> tensor<10xf32>
    %y1 = linalg.matvec ins(%A, %x : tensor<10x10xf32>, tensor<10xf32>) outs(%y : tensor<10xf32>) -> tensor<10xf32>
    scf.yield %y1 : tensor<10xf32>
  }
  %r_u = tensor.cast %r : tensor<10xf32> to tensor<*xf32>
  call @printMemrefF32(%r_u) : (tensor<*xf32>) -> ()
  return
}
