// An executable built ahead of time from spider-gpu-pipeline's output (as
// bench/build-gpu-bench.sh builds one) loads its GPU modules from global
// constructors. Without an NVIDIA driver it stops there with a message and
// exit status 1, not an abort.
// REQUIRES: cuda-runtime
// UNSUPPORTED: cuda-gpu
// RUN: spider-opt %s --spider-gpu-pipeline="format=isa" | mlir-translate --mlir-to-llvmir -o %t.ll
// RUN: llc -filetype=obj -relocation-model=pic %t.ll -o %t.o
// RUN: %cxx %t.o -fuse-ld=lld -L%spider_libs -lspider_cuda_runtime -lspider_runtime -Wl,-rpath,%spider_libs -o %t.exe
// RUN: not %t.exe 2>&1 | FileCheck %s
// CHECK: spider: error: CUDA: cannot load the NVIDIA driver
// CHECK-NOT: terminate
// CHECK-NOT: Aborted

func.func @main() -> i32 {
  %a = memref.alloc() : memref<16xf32>
  %one = arith.constant 1.0 : f32
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  scf.parallel (%i) = (%c0) to (%c16) step (%c1) {
    memref.store %one, %a[%i] : memref<16xf32>
  }
  %v = memref.load %a[%c0] : memref<16xf32>
  %r = arith.fptosi %v : f32 to i32
  return %r : i32
}
