// A 3x3 convolution (conv_2d_nhwc_hwcf) whose filter is sparse, through
// PIT: in [1, 1, 8, 8] micro-tiles (a group is one tap and 8 output
// channels, its input the window shifted by the tap), in [3, 3, 8, 8] (a
// group spans the window), packed along the input channels c, and in
// [3, 3, 20, 4] packed along the output channels f (gathered and scattered
// back); then a strided, dilated one in [1, 1, 8, 8]. Channels (20, 14) are
// not multiples of the micro-tiles. The oracle is the same convolution
// unmarked.
// RUN: spider-opt %s --spider-cpu-pipeline -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --allow-empty
// RUN: spider-opt %s --spider-cpu-pipeline | mlir-runner -e main -entry-point-result=void -shared-libs=%spider_runtime_libs | FileCheck %s

// REMARK-NOT: lowered densely
// REMARK-NOT: kept dense

// CHECK: taps check 0: max relative error {{.*}} ok
// CHECK: windows check 0: max relative error {{.*}} ok
// CHECK: outputs check 0: max relative error {{.*}} ok
// CHECK: dilated check 0: max relative error {{.*}} ok
// CHECK: taps check 0.1: max relative error {{.*}} ok
// CHECK: windows check 0.1: max relative error {{.*}} ok
// CHECK: outputs check 0.1: max relative error {{.*}} ok
// CHECK: dilated check 0.1: max relative error {{.*}} ok
// CHECK: taps check 0.5: max relative error {{.*}} ok
// CHECK: windows check 0.5: max relative error {{.*}} ok
// CHECK: outputs check 0.5: max relative error {{.*}} ok
// CHECK: dilated check 0.5: max relative error {{.*}} ok
// CHECK: taps check 1: max relative error {{.*}} ok
// CHECK: windows check 1: max relative error {{.*}} ok
// CHECK: outputs check 1: max relative error {{.*}} ok
// CHECK: dilated check 1: max relative error {{.*}} ok
// CHECK-NOT: FAILED

!X = tensor<1x11x13x20xf32>
!F = tensor<3x3x20x14xf32>
!Y = tensor<1x9x11x14xf32>
!YD = tensor<1x4x11x14xf32>
#taps = #spider.sparse<microtile = [1, 1, 8, 8]>
#windows = #spider.sparse<microtile = [3, 3, 8, 8]>
#outputs = #spider.sparse<microtile = [3, 3, 20, 4]>

func.func @taps(%x: !X, %f: !F, %y: !Y) -> !Y {
  %fs = spider.assume_sparse %f : !F to tensor<3x3x20x14xf32, #taps>
  %r = linalg.conv_2d_nhwc_hwcf ins(%x, %fs : !X, tensor<3x3x20x14xf32, #taps>) outs(%y : !Y) -> !Y
  return %r : !Y
}

func.func @windows(%x: !X, %f: !F, %y: !Y) -> !Y {
  %fs = spider.assume_sparse %f : !F to tensor<3x3x20x14xf32, #windows>
  %r = linalg.conv_2d_nhwc_hwcf ins(%x, %fs : !X, tensor<3x3x20x14xf32, #windows>) outs(%y : !Y) -> !Y
  return %r : !Y
}

func.func @outputs(%x: !X, %f: !F, %y: !Y) -> !Y {
  %fs = spider.assume_sparse %f : !F to tensor<3x3x20x14xf32, #outputs>
  %r = linalg.conv_2d_nhwc_hwcf ins(%x, %fs : !X, tensor<3x3x20x14xf32, #outputs>) outs(%y : !Y) -> !Y
  return %r : !Y
}

func.func @dense(%x: !X, %f: !F, %y: !Y) -> !Y {
  %r = linalg.conv_2d_nhwc_hwcf ins(%x, %f : !X, !F) outs(%y : !Y) -> !Y
  return %r : !Y
}

func.func @dilated(%x: !X, %f: !F, %y: !YD) -> !YD {
  %fs = spider.assume_sparse %f : !F to tensor<3x3x20x14xf32, #taps>
  %r = linalg.conv_2d_nhwc_hwcf {dilations = dense<[2, 1]> : tensor<2xi64>, strides = dense<[2, 1]> : tensor<2xi64>}
      ins(%x, %fs : !X, tensor<3x3x20x14xf32, #taps>) outs(%y : !YD) -> !YD
  return %r : !YD
}

func.func @dilated_dense(%x: !X, %f: !F, %y: !YD) -> !YD {
  %r = linalg.conv_2d_nhwc_hwcf {dilations = dense<[2, 1]> : tensor<2xi64>, strides = dense<[2, 1]> : tensor<2xi64>}
      ins(%x, %f : !X, !F) outs(%y : !YD) -> !YD
  return %r : !YD
}

func.func private @spider_rt_fill_random_f32(memref<*xf32>, i64, f64, i64, i64, i64, i64) attributes {llvm.emit_c_interface}
func.func private @spider_rt_check_close_f32(memref<*xf32>, memref<*xf32>, f64, f64) -> i32 attributes {llvm.emit_c_interface}

// A fresh tensor of random data, active in micro-tiles `t` at `density`.
func.func @random(%m: memref<*xf32>, %seed: i64, %density: f64, %t0: i64, %t1: i64, %t2: i64, %t3: i64) {
  func.call @spider_rt_fill_random_f32(%m, %seed, %density, %t0, %t1, %t2, %t3) : (memref<*xf32>, i64, f64, i64, i64, i64, i64) -> ()
  return
}

func.func @check(%got: tensor<?x?x?x?xf32>, %want: tensor<?x?x?x?xf32>, %density: f64) {
  %tol = arith.constant 1.0e-5 : f64
  %g = bufferization.to_buffer %got read_only : tensor<?x?x?x?xf32> to memref<?x?x?x?xf32>
  %w = bufferization.to_buffer %want read_only : tensor<?x?x?x?xf32> to memref<?x?x?x?xf32>
  %gu = memref.cast %g : memref<?x?x?x?xf32> to memref<*xf32>
  %wu = memref.cast %w : memref<?x?x?x?xf32> to memref<*xf32>
  %ok = func.call @spider_rt_check_close_f32(%gu, %wu, %tol, %density) : (memref<*xf32>, memref<*xf32>, f64, f64) -> i32
  return
}

func.func @main() {
  %densities = arith.constant dense<[0.0, 0.1, 0.5, 1.0]> : tensor<4xf64>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %cn = arith.constant 4 : index
  %full = arith.constant 1.0 : f64
  %i1 = arith.constant 1 : i64
  %i3 = arith.constant 3 : i64
  %i4 = arith.constant 4 : i64
  %i8 = arith.constant 8 : i64
  %i20 = arith.constant 20 : i64
  scf.for %i = %c0 to %cn step %c1 {
    %density = tensor.extract %densities[%i] : tensor<4xf64>
    %seed0 = arith.index_cast %i : index to i64
    %seed = arith.muli %seed0, %i8 : i64
    %s1 = arith.addi %seed, %i1 : i64
    %s2 = arith.addi %s1, %i1 : i64
    %s3 = arith.addi %s2, %i1 : i64
    %s4 = arith.addi %s3, %i1 : i64
    %s5 = arith.addi %s4, %i1 : i64
    %s6 = arith.addi %s5, %i1 : i64
    %xm = memref.alloc() : memref<1x11x13x20xf32>
    %xu = memref.cast %xm : memref<1x11x13x20xf32> to memref<*xf32>
    func.call @random(%xu, %s1, %full, %i1, %i1, %i1, %i1) : (memref<*xf32>, i64, f64, i64, i64, i64, i64) -> ()
    %x = bufferization.to_tensor %xm restrict : memref<1x11x13x20xf32> to !X
    %ym = memref.alloc() : memref<1x9x11x14xf32>
    %yu = memref.cast %ym : memref<1x9x11x14xf32> to memref<*xf32>
    func.call @random(%yu, %s2, %full, %i1, %i1, %i1, %i1) : (memref<*xf32>, i64, f64, i64, i64, i64, i64) -> ()
    %y = bufferization.to_tensor %ym restrict : memref<1x9x11x14xf32> to !Y
    %ydm = memref.alloc() : memref<1x4x11x14xf32>
    %ydu = memref.cast %ydm : memref<1x4x11x14xf32> to memref<*xf32>
    func.call @random(%ydu, %s3, %full, %i1, %i1, %i1, %i1) : (memref<*xf32>, i64, f64, i64, i64, i64, i64) -> ()
    %yd = bufferization.to_tensor %ydm restrict : memref<1x4x11x14xf32> to !YD
    %ftm = memref.alloc() : memref<3x3x20x14xf32>
    %ftu = memref.cast %ftm : memref<3x3x20x14xf32> to memref<*xf32>
    func.call @random(%ftu, %s4, %density, %i1, %i1, %i8, %i8) : (memref<*xf32>, i64, f64, i64, i64, i64, i64) -> ()
    %ft = bufferization.to_tensor %ftm restrict : memref<3x3x20x14xf32> to !F
    %fwm = memref.alloc() : memref<3x3x20x14xf32>
    %fwu = memref.cast %fwm : memref<3x3x20x14xf32> to memref<*xf32>
    func.call @random(%fwu, %s5, %density, %i3, %i3, %i8, %i8) : (memref<*xf32>, i64, f64, i64, i64, i64, i64) -> ()
    %fw = bufferization.to_tensor %fwm restrict : memref<3x3x20x14xf32> to !F
    %fom = memref.alloc() : memref<3x3x20x14xf32>
    %fou = memref.cast %fom : memref<3x3x20x14xf32> to memref<*xf32>
    func.call @random(%fou, %s6, %density, %i3, %i3, %i20, %i4) : (memref<*xf32>, i64, f64, i64, i64, i64, i64) -> ()
    %fo = bufferization.to_tensor %fom restrict : memref<3x3x20x14xf32> to !F

    vector.print str "taps "
    %g0 = func.call @taps(%x, %ft, %y) : (!X, !F, !Y) -> !Y
    %w0 = func.call @dense(%x, %ft, %y) : (!X, !F, !Y) -> !Y
    %g0d = tensor.cast %g0 : !Y to tensor<?x?x?x?xf32>
    %w0d = tensor.cast %w0 : !Y to tensor<?x?x?x?xf32>
    func.call @check(%g0d, %w0d, %density) : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, f64) -> ()
    vector.print str "windows "
    %g1 = func.call @windows(%x, %fw, %y) : (!X, !F, !Y) -> !Y
    %w1 = func.call @dense(%x, %fw, %y) : (!X, !F, !Y) -> !Y
    %g1d = tensor.cast %g1 : !Y to tensor<?x?x?x?xf32>
    %w1d = tensor.cast %w1 : !Y to tensor<?x?x?x?xf32>
    func.call @check(%g1d, %w1d, %density) : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, f64) -> ()
    vector.print str "outputs "
    %g2 = func.call @outputs(%x, %fo, %y) : (!X, !F, !Y) -> !Y
    %w2 = func.call @dense(%x, %fo, %y) : (!X, !F, !Y) -> !Y
    %g2d = tensor.cast %g2 : !Y to tensor<?x?x?x?xf32>
    %w2d = tensor.cast %w2 : !Y to tensor<?x?x?x?xf32>
    func.call @check(%g2d, %w2d, %density) : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, f64) -> ()
    vector.print str "dilated "
    %g3 = func.call @dilated(%x, %ft, %yd) : (!X, !F, !YD) -> !YD
    %w3 = func.call @dilated_dense(%x, %ft, %yd) : (!X, !F, !YD) -> !YD
    %g3d = tensor.cast %g3 : !YD to tensor<?x?x?x?xf32>
    %w3d = tensor.cast %w3 : !YD to tensor<?x?x?x?xf32>
    func.call @check(%g3d, %w3d, %density) : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, f64) -> ()
  }
  return
}
