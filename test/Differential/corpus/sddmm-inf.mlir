// SDDMM S .* (A * B) where A holds an infinity in a row that S masks out:
// the unmarked program computes 0 * inf = NaN there. A mark asserts that a
// product with an inactive (zero) micro-tile is zero, as in MLIR's
// sparse_tensor and every sparse library (docs/design.md, "What a mark
// asserts"): marked, those products are skipped and the result there is 0.
// This test keeps that documented difference visible: spider-diff must
// find it, for marks on S (input #0) and on the product's factors.
// RUN: not %spider_diff_corpus %s | FileCheck %s
// CHECK: unmarked -nan, marked 0
// CHECK: spider-diff: 1 programs (0 not checked), {{.*}}, [[#DIFFER:]] differ, 0 fail

func.func private @printMemrefF32(tensor<*xf32>) attributes {llvm.emit_c_interface}

func.func @main() {
  %S_e = tensor.empty() : tensor<6x8xf32>
  %S = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%S_e : tensor<6x8xf32>) {
  ^bb0(%S_o: f32):
    %S_h0 = arith.constant 153 : index
    %S_i0 = linalg.index 0 : index
    %S_k0 = arith.constant 7 : index
    %S_m0 = arith.muli %S_i0, %S_k0 : index
    %S_h1 = arith.addi %S_h0, %S_m0 : index
    %S_i1 = linalg.index 1 : index
    %S_k1 = arith.constant 3 : index
    %S_m1 = arith.muli %S_i1, %S_k1 : index
    %S_h2 = arith.addi %S_h1, %S_m1 : index
    %S_c13 = arith.constant 13 : index
    %S_hr = arith.remui %S_h2, %S_c13 : index
    %S_hi = arith.index_cast %S_hr : index to i32
    %S_c6 = arith.constant 6 : i32
    %S_v = arith.subi %S_hi, %S_c6 : i32
    %S_vf = arith.sitofp %S_v : i32 to f32
    %S_q = arith.constant 0.25 : f32
    %S_x = arith.mulf %S_vf, %S_q : f32
    %S_s0 = arith.constant 0 : index
    %S_b0 = arith.constant 1 : index
    %S_g0 = arith.divui %S_i0, %S_b0 : index
    %S_s1 = arith.addi %S_s0, %S_g0 : index
    %S_b1 = arith.constant 4 : index
    %S_g1 = arith.divui %S_i1, %S_b1 : index
    %S_s2 = arith.addi %S_s1, %S_g1 : index
    %S_c3 = arith.constant 3 : index
    %S_sr = arith.remui %S_s2, %S_c3 : index
    %S_z0 = arith.constant 0 : index
    %S_isz = arith.cmpi eq, %S_sr, %S_z0 : index
    %S_zero = arith.constant 0.0 : f32
    %S_y = arith.select %S_isz, %S_zero, %S_x : f32
    linalg.yield %S_y : f32
  } -> tensor<6x8xf32>
  %A0_e = tensor.empty() : tensor<6x5xf32>
  %A0 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%A0_e : tensor<6x5xf32>) {
  ^bb0(%A0_o: f32):
    %A0_h0 = arith.constant 154 : index
    %A0_i0 = linalg.index 0 : index
    %A0_k0 = arith.constant 7 : index
    %A0_m0 = arith.muli %A0_i0, %A0_k0 : index
    %A0_h1 = arith.addi %A0_h0, %A0_m0 : index
    %A0_i1 = linalg.index 1 : index
    %A0_k1 = arith.constant 3 : index
    %A0_m1 = arith.muli %A0_i1, %A0_k1 : index
    %A0_h2 = arith.addi %A0_h1, %A0_m1 : index
    %A0_c13 = arith.constant 13 : index
    %A0_hr = arith.remui %A0_h2, %A0_c13 : index
    %A0_hi = arith.index_cast %A0_hr : index to i32
    %A0_c6 = arith.constant 6 : i32
    %A0_v = arith.subi %A0_hi, %A0_c6 : i32
    %A0_vf = arith.sitofp %A0_v : i32 to f32
    %A0_q = arith.constant 0.25 : f32
    %A0_x = arith.mulf %A0_vf, %A0_q : f32
    linalg.yield %A0_x : f32
  } -> tensor<6x5xf32>
  %B_e = tensor.empty() : tensor<5x8xf32>
  %B = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%B_e : tensor<5x8xf32>) {
  ^bb0(%B_o: f32):
    %B_h0 = arith.constant 155 : index
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
    %B_v = arith.subi %B_hi, %B_c6 : i32
    %B_vf = arith.sitofp %B_v : i32 to f32
    %B_q = arith.constant 0.25 : f32
    %B_x = arith.mulf %B_vf, %B_q : f32
    linalg.yield %B_x : f32
  } -> tensor<5x8xf32>
  %inf = arith.constant 0x7F800000 : f32
  %c0 = arith.constant 0 : index
  %c2 = arith.constant 2 : index
  %A = tensor.insert %inf into %A0[%c0, %c2] : tensor<6x5xf32>
  %C_e = tensor.empty() : tensor<6x8xf32>
  %C_v = arith.constant 0.0 : f32
  %C = linalg.fill ins(%C_v : f32) outs(%C_e : tensor<6x8xf32>) -> tensor<6x8xf32>
  %Ss = spider.assume_sparse %S : tensor<6x8xf32> to tensor<6x8xf32, #spider.sparse<microtile = [1, 4]>>
  %r = linalg.generic {indexing_maps = [affine_map<(i, j, k) -> (i, j)>, affine_map<(i, j, k) -> (i, k)>, affine_map<(i, j, k) -> (k, j)>, affine_map<(i, j, k) -> (i, j)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%Ss, %A, %B : tensor<6x8xf32, #spider.sparse<microtile = [1, 4]>>, tensor<6x5xf32>, tensor<5x8xf32>) outs(%C : tensor<6x8xf32>) {
  ^bb0(%s: f32, %a: f32, %b: f32, %c: f32):
    %p = arith.mulf %a, %b : f32
    %q = arith.mulf %s, %p : f32
    %t = arith.addf %c, %q : f32
    linalg.yield %t : f32
  } -> tensor<6x8xf32>
  %r_u = tensor.cast %r : tensor<6x8xf32> to tensor<*xf32>
  call @printMemrefF32(%r_u) : (tensor<*xf32>) -> ()
  return
}
