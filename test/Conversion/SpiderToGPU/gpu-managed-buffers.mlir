// RUN: spider-opt %s --spider-gpu-managed-buffers --split-input-file --verify-diagnostics | FileCheck %s

// Host heap buffers become managed memory; kernels' buffers are untouched.
// CHECK-LABEL: func.func @buffers
// CHECK: %[[M:.*]] = gpu.alloc host_shared () : memref<64xf32>
// CHECK: gpu.launch
// CHECK: memref.store
// CHECK: %[[T:.*]] = gpu.wait async
// CHECK: %[[D:.*]] = gpu.dealloc async [%[[T]]] %[[M]]
// CHECK-NOT: gpu.wait [%[[D]]]
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

// -----

// A constant that reaches a kernel through a call (the callee holds the
// launch) or a loop-carried value is copied into managed memory too: a
// kernel must never read the executable's read-only data.
// CHECK-LABEL: func.func @constant_through_call
// CHECK: %[[G:.*]] = memref.get_global @table
// CHECK: %[[M:.*]] = gpu.alloc host_shared () : memref<4xf32>
// CHECK: memref.copy %[[G]], %[[M]]
// CHECK: call @kernel_reads(%[[M]]
// CHECK-LABEL: func.func @constant_through_loop
// CHECK: %[[G2:.*]] = memref.get_global @table
// CHECK: %[[M2:.*]] = gpu.alloc host_shared () : memref<4xf32>
// CHECK: memref.copy %[[G2]], %[[M2]]
// CHECK: scf.for {{.*}} iter_args(%{{.*}} = %[[M2]])
// CHECK-LABEL: func.func @constant_to_host_runtime
// CHECK-NOT: gpu.alloc
// CHECK: return
memref.global "private" constant @table : memref<4xf32> = dense<[1.0, 2.0, 3.0, 4.0]>
func.func @kernel_reads(%w: memref<4xf32>, %out: memref<4xf32>) {
  %c1 = arith.constant 1 : index
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c1, %sy = %c1, %sz = %c1) {
    %x = memref.load %w[%tx] : memref<4xf32>
    memref.store %x, %out[%tx] : memref<4xf32>
    gpu.terminator
  }
  return
}
func.func @constant_through_call(%out: memref<4xf32>) {
  %w = memref.get_global @table : memref<4xf32>
  call @kernel_reads(%w, %out) : (memref<4xf32>, memref<4xf32>) -> ()
  return
}
func.func @constant_through_loop(%out: memref<4xf32>, %n: index) {
  %w = memref.get_global @table : memref<4xf32>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%b = %w) -> (memref<4xf32>) {
    gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
               threads(%tx, %ty, %tz) in (%sx = %c1, %sy = %c1, %sz = %c1) {
      %x = memref.load %b[%tx] : memref<4xf32>
      memref.store %x, %out[%tx] : memref<4xf32>
      gpu.terminator
    }
    scf.yield %b : memref<4xf32>
  }
  return
}
func.func private @spider_rt_print(memref<*xf32>)
func.func @constant_to_host_runtime() {
  %w = memref.get_global @table : memref<4xf32>
  %u = memref.cast %w : memref<4xf32> to memref<*xf32>
  call @spider_rt_print(%u) : (memref<*xf32>) -> ()
  return
}

// -----

// Buffers no kernel reaches (ownership flags of the bufferization, the
// lists of its dealloc helper) stay host memory with host deallocs, also
// when handed to a function with a body that only reads them. One that a
// dealloc may free together with a managed buffer becomes managed too: a
// single dealloc cannot free both kinds.
// CHECK-LABEL: func.func @host_only
// CHECK: %[[F:.*]] = memref.alloc() : memref<4xi1>
// CHECK: %[[L:.*]] = memref.alloc() : memref<2xindex>
// CHECK: call @helper
// CHECK: memref.dealloc %[[F]] : memref<4xi1>
// CHECK: memref.dealloc %[[L]] : memref<2xindex>
// CHECK-NOT: gpu.alloc
// CHECK-LABEL: func.func @freed_with_managed
// CHECK: gpu.alloc host_shared () : memref<8xf32>
// CHECK: gpu.alloc host_shared () : memref<8xf32>
// CHECK-NOT: memref.alloc
// CHECK: gpu.dealloc
func.func private @helper(%flags: memref<?xi1>, %list: memref<?xindex>) {
  %c0 = arith.constant 0 : index
  %f = memref.load %flags[%c0] : memref<?xi1>
  %i = memref.load %list[%c0] : memref<?xindex>
  memref.store %f, %flags[%i] : memref<?xi1>
  return
}
func.func @host_only() {
  %true = arith.constant true
  %c0 = arith.constant 0 : index
  %flags = memref.alloc() : memref<4xi1>
  %list = memref.alloc() : memref<2xindex>
  memref.store %true, %flags[%c0] : memref<4xi1>
  memref.store %c0, %list[%c0] : memref<2xindex>
  %fc = memref.cast %flags : memref<4xi1> to memref<?xi1>
  %lc = memref.cast %list : memref<2xindex> to memref<?xindex>
  call @helper(%fc, %lc) : (memref<?xi1>, memref<?xindex>) -> ()
  memref.dealloc %flags : memref<4xi1>
  memref.dealloc %list : memref<2xindex>
  return
}
func.func @freed_with_managed(%which: i1, %v: f32) {
  %c1 = arith.constant 1 : index
  %host = memref.alloc() : memref<8xf32>
  %kernel = memref.alloc() : memref<8xf32>
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c1, %sy = %c1, %sz = %c1) {
    memref.store %v, %kernel[%tx] : memref<8xf32>
    gpu.terminator
  }
  %either = arith.select %which, %host, %kernel : memref<8xf32>
  memref.dealloc %either : memref<8xf32>
  return
}
