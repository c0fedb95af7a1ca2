// RUN: spider-opt %s -split-input-file --spider-sparsify -verify-diagnostics | FileCheck %s --enable-var-scope

// Convolutions and pooling: PIT along the channels (c, f), the dimensions a
// convolution reads bare. Window axes (oh + kh) are never packed.

// A filter [kh, kw, c, f] sparse in [1, 1, 4, 4] micro-tiles: c and f
// qualify with the same micro-tile; c wins, a reduction.
// CHECK-LABEL: func.func @filter_tap_tiles
// CHECK:         spider.detect %{{.*}} -> !spider.index<microtile = [1, 1, 4, 4], pack_dim = 2>
// CHECK:         spider.pit {{.*}} sparse_operand = 1 pack_dim = 6 {
func.func @filter_tap_tiles(%x: tensor<1x10x10x8xf32>, %f: tensor<3x3x8x6xf32, #spider.sparse<microtile = [1, 1, 4, 4]>>,
                            %y: tensor<1x8x8x6xf32>) -> tensor<1x8x8x6xf32> {
  %r = linalg.conv_2d_nhwc_hwcf ins(%x, %f : tensor<1x10x10x8xf32>, tensor<3x3x8x6xf32, #spider.sparse<microtile = [1, 1, 4, 4]>>)
                                outs(%y : tensor<1x8x8x6xf32>) -> tensor<1x8x8x6xf32>
  return %r : tensor<1x8x8x6xf32>
}

// -----

// A filter sparse in [3, 3, 8, 2] micro-tiles (whole windows, all input
// channels): f has the finer micro-tile and is packed; the output is
// scattered back along f.
// CHECK-LABEL: func.func @filter_output_channels
// CHECK:         spider.detect %{{.*}} -> !spider.index<microtile = [3, 3, 8, 2], pack_dim = 3>
// CHECK:         spider.pit {{.*}} sparse_operand = 1 pack_dim = 3 {
func.func @filter_output_channels(%x: tensor<1x10x10x8xf32>, %f: tensor<3x3x8x6xf32, #spider.sparse<microtile = [3, 3, 8, 2]>>,
                                  %y: tensor<1x8x8x6xf32>) -> tensor<1x8x8x6xf32> {
  %r = linalg.conv_2d_nhwc_hwcf ins(%x, %f : tensor<1x10x10x8xf32>, tensor<3x3x8x6xf32, #spider.sparse<microtile = [3, 3, 8, 2]>>)
                                outs(%y : tensor<1x8x8x6xf32>) -> tensor<1x8x8x6xf32>
  return %r : tensor<1x8x8x6xf32>
}

// -----

// A depthwise filter [kh, kw, c] sparse in [3, 3, 2]: packed along c, a
// parallel dimension here (input and output gathered along it).
// CHECK-LABEL: func.func @depthwise
// CHECK:         spider.detect %{{.*}} -> !spider.index<microtile = [3, 3, 2], pack_dim = 2>
// CHECK:         spider.pit {{.*}} sparse_operand = 1 pack_dim = 3 {
func.func @depthwise(%x: tensor<1x10x10x8xf32>, %f: tensor<3x3x8xf32, #spider.sparse<microtile = [3, 3, 2]>>,
                     %y: tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32> {
  %r = linalg.depthwise_conv_2d_nhwc_hwc ins(%x, %f : tensor<1x10x10x8xf32>, tensor<3x3x8xf32, #spider.sparse<microtile = [3, 3, 2]>>)
                                         outs(%y : tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32>
  return %r : tensor<1x8x8x8xf32>
}

// -----

// Sum pooling of a channel-sparse input ([1, 1, 1, 4]): packed along c, the
// index micro-tile spans the window axes h and w.
// CHECK-LABEL: func.func @sum_pooling
// CHECK:         spider.detect %{{.*}} -> !spider.index<microtile = [1, 10, 10, 4], pack_dim = 3>
// CHECK:         spider.pit {{.*}} sparse_operand = 0 pack_dim = 3 {
func.func @sum_pooling(%x: tensor<1x10x10x8xf32, #spider.sparse<microtile = [1, 1, 1, 4]>>, %w: tensor<3x3xf32>,
                       %y: tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32> {
  %r = linalg.pooling_nhwc_sum ins(%x, %w : tensor<1x10x10x8xf32, #spider.sparse<microtile = [1, 1, 1, 4]>>, tensor<3x3xf32>)
                               outs(%y : tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32>
  return %r : tensor<1x8x8x8xf32>
}

// -----

// A batch of two channel-sparse images in [1, 1, 1, 4]: the batch has the
// finer micro-tile (1) and more than one of them, so it is packed; the
// index spans the window axes whole.
// CHECK-LABEL: func.func @batched_input
// CHECK:         spider.detect %{{.*}} -> !spider.index<microtile = [1, 9, 9, 4], pack_dim = 0>
// CHECK:         spider.pit {{.*}} sparse_operand = 0 pack_dim = 0 {
func.func @batched_input(%x: tensor<2x9x9x8xf32, #spider.sparse<microtile = [1, 1, 1, 4]>>, %f: tensor<3x3x8x4xf32>,
                         %y: tensor<2x7x7x4xf32>) -> tensor<2x7x7x4xf32> {
  %r = linalg.conv_2d_nhwc_hwcf ins(%x, %f : tensor<2x9x9x8xf32, #spider.sparse<microtile = [1, 1, 1, 4]>>, tensor<3x3x8x4xf32>)
                                outs(%y : tensor<2x7x7x4xf32>) -> tensor<2x7x7x4xf32>
  return %r : tensor<2x7x7x4xf32>
}
