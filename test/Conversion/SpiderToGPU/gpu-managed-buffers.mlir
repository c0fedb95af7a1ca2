// RUN: spider-opt %s --spider-gpu-managed-buffers --split-input-file --verify-diagnostics | FileCheck %s

// Host heap buffers become managed memory; kernels' buffers are untouched.
// CHECK-LABEL: func.func @buffers
// CHECK: %[[M:.*]] = gpu.alloc host_shared () : memref<64xf32>
// CHECK: gpu.launch
// CHECK: memref.store
// CHECK: %[[T:.*]] = gpu.wait async
// CHECK: %[[D:.*]] = gpu.dealloc async [%[[T]]] %[[M]]
// CHECK: gpu.wait [%[[D]]]
func.func @buffers(%v: f32) {
  %m = memref.alloc() : memref<64xf32>
  %c1 = arith.constant 1 : index
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c1, %sy = %c1, %sz = %c1) {
    memref.store %v, %m[%tx] : memref<64xf32>
    gpu.terminator
  }
  memref.dealloc %m : memref<64xf32>
  return
}

// -----

// Constants a kernel reads are copied into managed memory.
// CHECK-LABEL: func.func @constants
// CHECK: %[[G:.*]] = memref.get_global @weights
// CHECK: %[[M:.*]] = gpu.alloc host_shared () : memref<4xf32>
// CHECK: memref.copy %[[G]], %[[M]]
// CHECK: gpu.launch
// CHECK: memref.load %[[M]]
// CHECK: gpu.dealloc async
memref.global "private" constant @weights : memref<4xf32> = dense<[1.0, 2.0, 3.0, 4.0]>
func.func @constants(%out: memref<4xf32>) {
  %w = memref.get_global @weights : memref<4xf32>
  %c1 = arith.constant 1 : index
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c1, %sy = %c1, %sz = %c1) {
    %x = memref.load %w[%tx] : memref<4xf32>
    memref.store %x, %out[%tx] : memref<4xf32>
    gpu.terminator
  }
  return
}

// -----

// A host copy into a buffer a kernel uses runs on the GPU; a copy between
// host-only buffers, or through a strided view, stays on the host.
// CHECK-LABEL: func.func @copies
// CHECK: %[[M:.*]] = gpu.alloc host_shared () : memref<64xf32>
// CHECK: %[[T:.*]] = gpu.wait async
// CHECK: %[[C:.*]] = gpu.memcpy async [%[[T]]] %[[M]], %arg0 : memref<64xf32>, memref<64xf32>
// CHECK: gpu.wait [%[[C]]]
// CHECK: gpu.launch
// CHECK: memref.copy %arg0, %{{.*}} : memref<64xf32> to memref<64xf32>
// CHECK: memref.copy %{{.*}}, %{{.*}} : memref<32xf32, strided<[2]>> to memref<32xf32>
func.func @copies(%init: memref<64xf32>, %v: f32) {
  %m = memref.alloc() : memref<64xf32>
  memref.copy %init, %m : memref<64xf32> to memref<64xf32>
  %c1 = arith.constant 1 : index
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c1, %sy = %c1, %sz = %c1) {
    memref.store %v, %m[%tx] : memref<64xf32>
    gpu.terminator
  }
  %h = memref.alloc() : memref<64xf32>
  memref.copy %init, %h : memref<64xf32> to memref<64xf32>
  %s = memref.subview %m[0] [32] [2] : memref<64xf32> to memref<32xf32, strided<[2]>>
  %o = memref.alloc() : memref<32xf32>
  memref.copy %s, %o : memref<32xf32, strided<[2]>> to memref<32xf32>
  memref.dealloc %o : memref<32xf32>
  memref.dealloc %h : memref<64xf32>
  memref.dealloc %m : memref<64xf32>
  return
}
