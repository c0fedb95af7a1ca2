// RUN: spider-opt %s -split-input-file --pass-pipeline="builtin.module(func.func(spider-tile-and-vectorize{cpu-isa=avx512}),canonicalize,cse)" | FileCheck %s

// A PIT group's matmul runs under scf.if (the group is not empty), inside
// the loop over groups. Its B panels (a static 128 KiB scratch tensor) move
// out of the branch and then out of the loop: one buffer for all groups,
// not one allocated, first touched and freed per group.

// CHECK-LABEL: func.func @group_scratch(
// CHECK:         %[[PANELS:.*]] = tensor.empty() : tensor<4x128x64xf32>
// CHECK:         scf.for
// CHECK:           scf.if
// CHECK-NOT:         tensor.empty() : tensor<4x128x64xf32>
// CHECK:             scf.for {{.*}} iter_args(%{{.*}} = %[[PANELS]]) -> (tensor<4x128x64xf32>)
func.func @group_scratch(%x: tensor<?x128xf32>, %w: tensor<8x128x256xf32>, %acc0: tensor<?x256xf32>, %n: index) -> tensor<?x256xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r = scf.for %e = %c0 to %n step %c1 iter_args(%acc = %acc0) -> (tensor<?x256xf32>) {
    %nonempty = arith.cmpi slt, %e, %n : index
    %next = scf.if %nonempty -> (tensor<?x256xf32>) {
      %we = tensor.extract_slice %w[%e, 0, 0] [1, 128, 256] [1, 1, 1] : tensor<8x128x256xf32> to tensor<128x256xf32>
      %m = linalg.matmul ins(%x, %we : tensor<?x128xf32>, tensor<128x256xf32>) outs(%acc : tensor<?x256xf32>) -> tensor<?x256xf32>
      scf.yield %m : tensor<?x256xf32>
    } else {
      scf.yield %acc : tensor<?x256xf32>
    }
    scf.yield %next : tensor<?x256xf32>
  }
  return %r : tensor<?x256xf32>
}

// -----

// Scratch larger than a cache block (here 4 MiB) stays in its branch: a
// branch not taken allocates nothing.

// CHECK-LABEL: func.func @large_scratch_stays(
// CHECK:         scf.for
// CHECK:           scf.if
// CHECK:             tensor.empty() : tensor<1024x1024xf32>
func.func @large_scratch_stays(%n: index, %src: tensor<1024x1024xf32>) -> f32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f32
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%s = %zero) -> (f32) {
    %odd = arith.cmpi eq, %i, %c1 : index
    %v = scf.if %odd -> (f32) {
      %e = tensor.empty() : tensor<1024x1024xf32>
      %t = linalg.copy ins(%src : tensor<1024x1024xf32>) outs(%e : tensor<1024x1024xf32>) -> tensor<1024x1024xf32>
      %x = tensor.extract %t[%i, %i] : tensor<1024x1024xf32>
      scf.yield %x : f32
    } else {
      scf.yield %s : f32
    }
    scf.yield %v : f32
  }
  return %r : f32
}

// -----

// A shape whose byte count does not fit in 64 bits (fuzz finding: the
// count overflowed) is not hoisted either, and the pass does not trip on it.

// CHECK-LABEL: func.func @overflowing_scratch_stays(
// CHECK:         scf.for
// CHECK:           scf.if
// CHECK:             tensor.empty() : tensor<4611686018427387904x32xf32>
func.func @overflowing_scratch_stays(%n: index, %t0: tensor<4611686018427387904x32xf32>) -> tensor<4611686018427387904x32xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%s = %t0) -> (tensor<4611686018427387904x32xf32>) {
    %odd = arith.cmpi eq, %i, %c1 : index
    %v = scf.if %odd -> (tensor<4611686018427387904x32xf32>) {
      %e = tensor.empty() : tensor<4611686018427387904x32xf32>
      scf.yield %e : tensor<4611686018427387904x32xf32>
    } else {
      scf.yield %s : tensor<4611686018427387904x32xf32>
    }
    scf.yield %v : tensor<4611686018427387904x32xf32>
  }
  return %r : tensor<4611686018427387904x32xf32>
}
