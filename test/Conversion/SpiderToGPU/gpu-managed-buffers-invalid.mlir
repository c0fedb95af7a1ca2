// RUN: spider-opt %s -split-input-file -verify-diagnostics --spider-gpu-managed-buffers

// A kernel cannot read the host stack.
func.func @stack(%v: f32) {
  // expected-error @below {{'memref.alloca' op is on the host stack, which a GPU kernel cannot read; allocate it with memref.alloc}}
  %m = memref.alloca() : memref<64xf32>
  %c1 = arith.constant 1 : index
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c1, %sy = %c1, %sz = %c1) {
    memref.store %v, %m[%tx] : memref<64xf32>
    gpu.terminator
  }
  return
}

// -----

// A kernel reads the stack buffer through a view of it.
func.func @stack_view(%v: f32) {
  // expected-error @below {{is on the host stack, which a GPU kernel cannot read}}
  %m = memref.alloca() : memref<64xf32>
  %s = memref.subview %m[0] [32] [2] : memref<64xf32> to memref<32xf32, strided<[2]>>
  %c1 = arith.constant 1 : index
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c1, %sy = %c1, %sz = %c1) {
    memref.store %v, %s[%tx] : memref<32xf32, strided<[2]>>
    gpu.terminator
  }
  return
}

// -----

#offset = affine_map<(d0)[s0] -> (d0 + s0)>
// gpu.alloc has no symbol operands to carry the layout's offset.
func.func @symbols(%o: index) {
  // expected-error @below {{'memref.alloc' op has symbol operands, which gpu.alloc lacks}}
  %m = memref.alloc()[%o] : memref<64xf32, #offset>
  memref.dealloc %m : memref<64xf32, #offset>
  return
}

// -----

// A kernel reads the stack buffer in the function it is passed to.
func.func @writes(%m: memref<64xf32>, %v: f32) {
  %c1 = arith.constant 1 : index
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c1, %sy = %c1, %sz = %c1) {
    memref.store %v, %m[%tx] : memref<64xf32>
    gpu.terminator
  }
  return
}
func.func @stack_through_call(%v: f32) {
  // expected-error @below {{is on the host stack, which a GPU kernel cannot read}}
  %m = memref.alloca() : memref<64xf32>
  call @writes(%m, %v) : (memref<64xf32>, f32) -> ()
  return
}
