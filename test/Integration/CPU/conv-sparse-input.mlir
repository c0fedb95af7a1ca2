// Channel-sparse activations through PIT, packed along the channels: a 3x3
// convolution whose input is marked sparse per pixel ([1, 1, 1, 8]; the
// index spans the window axes h and w whole) or per channel block
// ([1, 11, 13, 8]), a batch of two marked per pixel (packed along the
// batch), a depthwise convolution with a sparse [3, 3, 8] filter, and a sum
// pooling of a channel-sparse input. The data is zero in whole blocks of 8
// channels (a ReLU's dead channels) at each density; 20 channels are not a
// multiple of 8. The oracle is the same program unmarked.
// RUN: spider-opt %s --spider-cpu-pipeline -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --allow-empty
// RUN: spider-opt %s --spider-cpu-pipeline | mlir-runner -e main -entry-point-result=void -shared-libs=%spider_runtime_libs | FileCheck %s

// REMARK-NOT: lowered densely
// REMARK-NOT: kept dense

// CHECK: pixels check 0: max relative error {{.*}} ok
// CHECK: channels check 0: max relative error {{.*}} ok
// CHECK: batch check 0: max relative error {{.*}} ok
// CHECK: depthwise check 0: max relative error {{.*}} ok
// CHECK: pooling check 0: max relative error {{.*}} ok
// CHECK: pixels check 0.1: max relative error {{.*}} ok
// CHECK: channels check 0.1: max relative error {{.*}} ok
// CHECK: batch check 0.1: max relative error {{.*}} ok
// CHECK: depthwise check 0.1: max relative error {{.*}} ok
// CHECK: pooling check 0.1: max relative error {{.*}} ok
// CHECK: pixels check 0.5: max relative error {{.*}} ok
// CHECK: channels check 0.5: max relative error {{.*}} ok
// CHECK: batch check 0.5: max relative error {{.*}} ok
// CHECK: depthwise check 0.5: max relative error {{.*}} ok
// CHECK: pooling check 0.5: max relative error {{.*}} ok
// CHECK: pixels check 1: max relative error {{.*}} ok
// CHECK: channels check 1: max relative error {{.*}} ok
// CHECK: batch check 1: max relative error {{.*}} ok
// CHECK: depthwise check 1: max relative error {{.*}} ok
// CHECK: pooling check 1: max relative error {{.*}} ok
// CHECK-NOT: FAILED

!X = tensor<1x11x13x20xf32>
!XB = tensor<2x11x13x20xf32>
!F = tensor<3x3x20x14xf32>
!FD = tensor<3x3x20xf32>
!Y = tensor<1x9x11x14xf32>
!YB = tensor<2x9x11x14xf32>
!YC = tensor<1x9x11x20xf32>
!D = tensor<?x?x?x?xf32>
#pixels = #spider.sparse<microtile = [1, 1, 1, 8]>
#channels = #spider.sparse<microtile = [1, 11, 13, 8]>
#depthwise = #spider.sparse<microtile = [3, 3, 8]>

func.func @pixels(%x: !X, %f: !F, %y: !Y) -> !Y {
  %xs = spider.assume_sparse %x : !X to tensor<1x11x13x20xf32, #pixels>
  %r = linalg.conv_2d_nhwc_hwcf ins(%xs, %f : tensor<1x11x13x20xf32, #pixels>, !F) outs(%y : !Y) -> !Y
  return %r : !Y
}

func.func @channels(%x: !X, %f: !F, %y: !Y) -> !Y {
  %xs = spider.assume_sparse %x : !X to tensor<1x11x13x20xf32, #channels>
  %r = linalg.conv_2d_nhwc_hwcf ins(%xs, %f : tensor<1x11x13x20xf32, #channels>, !F) outs(%y : !Y) -> !Y
  return %r : !Y
}

func.func @dense(%x: !X, %f: !F, %y: !Y) -> !Y {
  %r = linalg.conv_2d_nhwc_hwcf ins(%x, %f : !X, !F) outs(%y : !Y) -> !Y
  return %r : !Y
}

func.func @batch(%x: !XB, %f: !F, %y: !YB) -> !YB {
  %xs = spider.assume_sparse %x : !XB to tensor<2x11x13x20xf32, #pixels>
  %r = linalg.conv_2d_nhwc_hwcf ins(%xs, %f : tensor<2x11x13x20xf32, #pixels>, !F) outs(%y : !YB) -> !YB
  return %r : !YB
}

func.func @batch_dense(%x: !XB, %f: !F, %y: !YB) -> !YB {
  %r = linalg.conv_2d_nhwc_hwcf ins(%x, %f : !XB, !F) outs(%y : !YB) -> !YB
  return %r : !YB
}

func.func @depthwise(%x: !X, %f: !FD, %y: !YC) -> !YC {
  %fs = spider.assume_sparse %f : !FD to tensor<3x3x20xf32, #depthwise>
  %r = linalg.depthwise_conv_2d_nhwc_hwc ins(%x, %fs : !X, tensor<3x3x20xf32, #depthwise>) outs(%y : !YC) -> !YC
  return %r : !YC
}

func.func @depthwise_dense(%x: !X, %f: !FD, %y: !YC) -> !YC {
  %r = linalg.depthwise_conv_2d_nhwc_hwc ins(%x, %f : !X, !FD) outs(%y : !YC) -> !YC
  return %r : !YC
}

func.func @pooling(%x: !X, %y: !YC) -> !YC {
  %w = tensor.empty() : tensor<3x3xf32>
  %xs = spider.assume_sparse %x : !X to tensor<1x11x13x20xf32, #pixels>
  %r = linalg.pooling_nhwc_sum ins(%xs, %w : tensor<1x11x13x20xf32, #pixels>, tensor<3x3xf32>) outs(%y : !YC) -> !YC
  return %r : !YC
}

func.func @pooling_dense(%x: !X, %y: !YC) -> !YC {
  %w = tensor.empty() : tensor<3x3xf32>
  %r = linalg.pooling_nhwc_sum ins(%x, %w : !X, tensor<3x3xf32>) outs(%y : !YC) -> !YC
  return %r : !YC
}

func.func private @spider_rt_fill_random_f32(memref<*xf32>, i64, f64, i64, i64, i64, i64) attributes {llvm.emit_c_interface}
func.func private @spider_rt_check_close_f32(memref<*xf32>, memref<*xf32>, f64, f64) -> i32 attributes {llvm.emit_c_interface}

func.func @check(%got: !D, %want: !D, %density: f64) {
  %tol = arith.constant 1.0e-5 : f64
  %g = bufferization.to_buffer %got read_only : !D to memref<?x?x?x?xf32>
  %w = bufferization.to_buffer %want read_only : !D to memref<?x?x?x?xf32>
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
  %i8 = arith.constant 8 : i64
  %i11 = arith.constant 11 : i64
  %i13 = arith.constant 13 : i64
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
    %s7 = arith.addi %s6, %i1 : i64
    // Inputs zero in whole channel blocks: one image, and a batch of two.
    %xm = memref.alloc() : memref<1x11x13x20xf32>
    %xu = memref.cast %xm : memref<1x11x13x20xf32> to memref<*xf32>
    func.call @spider_rt_fill_random_f32(%xu, %s1, %density, %i1, %i11, %i13, %i8) : (memref<*xf32>, i64, f64, i64, i64, i64, i64) -> ()
    %x = bufferization.to_tensor %xm restrict : memref<1x11x13x20xf32> to !X
    %xbm = memref.alloc() : memref<2x11x13x20xf32>
    %xbu = memref.cast %xbm : memref<2x11x13x20xf32> to memref<*xf32>
    func.call @spider_rt_fill_random_f32(%xbu, %s2, %density, %i1, %i11, %i13, %i8) : (memref<*xf32>, i64, f64, i64, i64, i64, i64) -> ()
    %xb = bufferization.to_tensor %xbm restrict : memref<2x11x13x20xf32> to !XB
    %fm = memref.alloc() : memref<3x3x20x14xf32>
    %fu = memref.cast %fm : memref<3x3x20x14xf32> to memref<*xf32>
    func.call @spider_rt_fill_random_f32(%fu, %s3, %full, %i1, %i1, %i1, %i1) : (memref<*xf32>, i64, f64, i64, i64, i64, i64) -> ()
    %f = bufferization.to_tensor %fm restrict : memref<3x3x20x14xf32> to !F
    %fdm = memref.alloc() : memref<3x3x20xf32>
    %fdu = memref.cast %fdm : memref<3x3x20xf32> to memref<*xf32>
    func.call @spider_rt_fill_random_f32(%fdu, %s4, %density, %i3, %i3, %i8, %i1) : (memref<*xf32>, i64, f64, i64, i64, i64, i64) -> ()
    %fd = bufferization.to_tensor %fdm restrict : memref<3x3x20xf32> to !FD
    %ym = memref.alloc() : memref<1x9x11x14xf32>
    %yu = memref.cast %ym : memref<1x9x11x14xf32> to memref<*xf32>
    func.call @spider_rt_fill_random_f32(%yu, %s5, %full, %i1, %i1, %i1, %i1) : (memref<*xf32>, i64, f64, i64, i64, i64, i64) -> ()
    %y = bufferization.to_tensor %ym restrict : memref<1x9x11x14xf32> to !Y
    %ybm = memref.alloc() : memref<2x9x11x14xf32>
    %ybu = memref.cast %ybm : memref<2x9x11x14xf32> to memref<*xf32>
    func.call @spider_rt_fill_random_f32(%ybu, %s6, %full, %i1, %i1, %i1, %i1) : (memref<*xf32>, i64, f64, i64, i64, i64, i64) -> ()
    %yb = bufferization.to_tensor %ybm restrict : memref<2x9x11x14xf32> to !YB
    %ycm = memref.alloc() : memref<1x9x11x20xf32>
    %ycu = memref.cast %ycm : memref<1x9x11x20xf32> to memref<*xf32>
    func.call @spider_rt_fill_random_f32(%ycu, %s7, %full, %i1, %i1, %i1, %i1) : (memref<*xf32>, i64, f64, i64, i64, i64, i64) -> ()
    %yc = bufferization.to_tensor %ycm restrict : memref<1x9x11x20xf32> to !YC

    %want = func.call @dense(%x, %f, %y) : (!X, !F, !Y) -> !Y
    %wantd = tensor.cast %want : !Y to !D
    vector.print str "pixels "
    %g0 = func.call @pixels(%x, %f, %y) : (!X, !F, !Y) -> !Y
    %g0d = tensor.cast %g0 : !Y to !D
    func.call @check(%g0d, %wantd, %density) : (!D, !D, f64) -> ()
    vector.print str "channels "
    %g1 = func.call @channels(%x, %f, %y) : (!X, !F, !Y) -> !Y
    %g1d = tensor.cast %g1 : !Y to !D
    func.call @check(%g1d, %wantd, %density) : (!D, !D, f64) -> ()
    vector.print str "batch "
    %g2 = func.call @batch(%xb, %f, %yb) : (!XB, !F, !YB) -> !YB
    %w2 = func.call @batch_dense(%xb, %f, %yb) : (!XB, !F, !YB) -> !YB
    %g2d = tensor.cast %g2 : !YB to !D
    %w2d = tensor.cast %w2 : !YB to !D
    func.call @check(%g2d, %w2d, %density) : (!D, !D, f64) -> ()
    vector.print str "depthwise "
    %g3 = func.call @depthwise(%x, %fd, %yc) : (!X, !FD, !YC) -> !YC
    %w3 = func.call @depthwise_dense(%x, %fd, %yc) : (!X, !FD, !YC) -> !YC
    %g3d = tensor.cast %g3 : !YC to !D
    %w3d = tensor.cast %w3 : !YC to !D
    func.call @check(%g3d, %w3d, %density) : (!D, !D, f64) -> ()
    vector.print str "pooling "
    %g4 = func.call @pooling(%x, %yc) : (!X, !YC) -> !YC
    %w4 = func.call @pooling_dense(%x, %yc) : (!X, !YC) -> !YC
    %g4d = tensor.cast %g4 : !YC to !D
    %w4d = tensor.cast %w4 : !YC to !D
    func.call @check(%g4d, %w4d, %density) : (!D, !D, f64) -> ()
  }
  return
}
