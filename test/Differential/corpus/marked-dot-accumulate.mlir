// A marked dot product into a non-zero 0-d accumulator.
// RUN: %spider_diff_corpus %s

func.func private @printMemrefF32(tensor<*xf32>) attributes {llvm.emit_c_interface}

func.func @main() {
  %x_e = tensor.empty() : tensor<21xf32>
  %x = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} outs(%x_e : tensor<21xf32>) {
  ^bb0(%x_o: f32):
    %x_h0 = arith.constant 151 : index
    %x_i0 = linalg.index 0 : index
    %x_k0 = arith.constant 7 : index
    %x_m0 = arith.muli %x_i0, %x_k0 : index
    %x_h1 = arith.addi %x_h0, %x_m0 : index
    %x_c13 = arith.constant 13 : index
    %x_hr = arith.remui %x_h1, %x_c13 : index
    %x_hi = arith.index_cast %x_hr : index to i32
    %x_c6 = arith.constant 6 : i32
    %x_v = arith.subi %x_hi, %x_c6 : i32
    %x_vf = arith.sitofp %x_v : i32 to f32
    %x_q = arith.constant 0.25 : f32
    %x_x = arith.mulf %x_vf, %x_q : f32
    %x_s0 = arith.constant 0 : index
    %x_b0 = arith.constant 4 : index
    %x_g0 = arith.divui %x_i0, %x_b0 : index
    %x_s1 = arith.addi %x_s0, %x_g0 : index
    %x_c3 = arith.constant 3 : index
    %x_sr = arith.remui %x_s1, %x_c3 : index
    %x_z0 = arith.constant 0 : index
    %x_isz = arith.cmpi eq, %x_sr, %x_z0 : index
    %x_zero = arith.constant 0.0 : f32
    %x_y = arith.select %x_isz, %x_zero, %x_x : f32
    linalg.yield %x_y : f32
  } -> tensor<21xf32>
  %y_e = tensor.empty() : tensor<21xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} outs(%y_e : tensor<21xf32>) {
  ^bb0(%y_o: f32):
    %y_h0 = arith.constant 152 : index
    %y_i0 = linalg.index 0 : index
    %y_k0 = arith.constant 7 : index
    %y_m0 = arith.muli %y_i0, %y_k0 : index
    %y_h1 = arith.addi %y_h0, %y_m0 : index
    %y_c13 = arith.constant 13 : index
    %y_hr = arith.remui %y_h1, %y_c13 : index
    %y_hi = arith.index_cast %y_hr : index to i32
    %y_c6 = arith.constant 6 : i32
    %y_v = arith.subi %y_hi, %y_c6 : i32
    %y_vf = arith.sitofp %y_v : i32 to f32
    %y_q = arith.constant 0.25 : f32
    %y_x = arith.mulf %y_vf, %y_q : f32
    linalg.yield %y_x : f32
  } -> tensor<21xf32>
  %acc_e = tensor.empty() : tensor<f32>
  %acc_v = arith.constant 2.5 : f32
  %acc = linalg.fill ins(%acc_v : f32) outs(%acc_e : tensor<f32>) -> tensor<f32>
  %xs = spider.assume_sparse %x : tensor<21xf32> to tensor<21xf32, #spider.sparse<microtile = [4]>>
  %r = linalg.dot ins(%xs, %y : tensor<21xf32, #spider.sparse<microtile = [4]>>, tensor<21xf32>) outs(%acc : tensor<f32>) -> tensor<f32>
  %r_u = tensor.cast %r : tensor<f32> to tensor<*xf32>
  call @printMemrefF32(%r_u) : (tensor<*xf32>) -> ()
  return
}
