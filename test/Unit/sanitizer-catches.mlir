// The sanitizer build (make check-sanitize) does catch errors in the
// runtime when a compiled program runs under stock mlir-runner: reading an
// index after its release is a heap-use-after-free, found inside
// libspider_runtime, and the process aborts.
// REQUIRES: asan
// RUN: spider-opt %s --spider-cpu-pipeline | not --crash mlir-runner -e main -entry-point-result=void -shared-libs=%spider_runtime_libs 2>&1 | FileCheck %s

// CHECK: ERROR: AddressSanitizer: heap-use-after-free
// CHECK: spider_rt_index_num_active
// CHECK: freed by thread
// CHECK: previously allocated by thread
// CHECK: spider_rt_detect_f32

func.func private @spider_rt_detect_f32(memref<*xf32>, i64, i64, i64, i64, i64, i64) -> !llvm.ptr attributes {llvm.emit_c_interface}
func.func private @spider_rt_index_release(!llvm.ptr)
func.func private @spider_rt_index_num_active(!llvm.ptr) -> i64

func.func @main() {
  %m = memref.alloc() : memref<4x4xf32>
  %one = arith.constant 1.0 : f32
  linalg.fill ins(%one : f32) outs(%m : memref<4x4xf32>)
  %u = memref.cast %m : memref<4x4xf32> to memref<*xf32>
  %c0 = arith.constant 0 : i64
  %c1 = arith.constant 1 : i64
  %c2 = arith.constant 2 : i64
  %index = func.call @spider_rt_detect_f32(%u, %c1, %c2, %c2, %c1, %c1, %c1) : (memref<*xf32>, i64, i64, i64, i64, i64, i64) -> !llvm.ptr
  func.call @spider_rt_index_release(%index) : (!llvm.ptr) -> ()
  %n = func.call @spider_rt_index_num_active(%index) : (!llvm.ptr) -> i64
  vector.print %n : i64
  return
}
