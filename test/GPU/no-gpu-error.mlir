// Without an NVIDIA driver or GPU, a compiled program stops with a message
// that names the problem instead of crashing.
// REQUIRES: cuda-runtime
// UNSUPPORTED: cuda-gpu
// RUN: spider-opt %s --spider-gpu-pipeline="format=isa" | not mlir-runner -e main -entry-point-result=void -shared-libs=%spider_gpu_runtime_libs 2>&1 | FileCheck %s
// CHECK: spider: error: CUDA: {{.*}}

func.func private @printMemrefF32(memref<*xf32>)

func.func @main() {
  %a = memref.alloc() : memref<16xf32>
  %one = arith.constant 1.0 : f32
  linalg.fill ins(%one : f32) outs(%a : memref<16xf32>)
  %u = memref.cast %a : memref<16xf32> to memref<*xf32>
  call @printMemrefF32(%u) : (memref<*xf32>) -> ()
  return
}
