// The host side of a GPU program: indices built by libspider_cuda_runtime,
// buffers in managed memory, kernels launched through the mgpu* ABI, and
// every function it calls defined by the runtime libraries.
// RUN: spider-opt %s --spider-gpu-pipeline="format=isa" | FileCheck %s
// RUN: spider-opt %s --spider-gpu-pipeline="format=isa" | mlir-translate --mlir-to-llvmir -o %t.ll
// RUN: %if cuda-runtime %{ %check_runtime_symbols %t.ll %spider_gpu_runtime_libs | FileCheck %s --check-prefix=SYMBOLS %}

// CHECK-DAG: llvm.call @_mlir_ciface_spider_rt_gpu_detect_f32
// 16-bit floats are read as they are (no f32 copy of the tensor first).
// CHECK-DAG: llvm.call @_mlir_ciface_spider_rt_gpu_detect_f16
// CHECK-DAG: llvm.call @_mlir_ciface_spider_rt_gpu_detect_bf16
// CHECK-DAG: llvm.call @_mlir_ciface_spider_rt_gpu_index_offsets
// CHECK-DAG: llvm.call @_mlir_ciface_spider_rt_gpu_index_positions
// CHECK-DAG: llvm.call @spider_rt_gpu_index_release
// CHECK-DAG: llvm.call @mgpuMemAlloc
// CHECK-DAG: llvm.call @mgpuMemFree
// CHECK-DAG: gpu.launch_func @sparse_kernel::@sparse_kernel
// CHECK-DAG: gpu.binary @sparse_kernel
// CHECK-NOT: memref.alloc
// CHECK-NOT: builtin.unrealized_conversion_cast

// SYMBOLS-DAG: defined: mgpuLaunchKernel
// SYMBOLS-DAG: defined: mgpuModuleLoad
// SYMBOLS-DAG: defined: _mlir_ciface_spider_rt_gpu_detect_f32
// SYMBOLS-DAG: defined: _mlir_ciface_spider_rt_gpu_detect_f16
// SYMBOLS-DAG: defined: _mlir_ciface_spider_rt_gpu_detect_bf16
// SYMBOLS: all {{[0-9]+}} runtime symbols defined

#S = #spider.sparse<microtile = [32, 1]>

func.func @sparse(%a: tensor<100x70xf32>, %b: tensor<70x50xf32>, %c: tensor<100x50xf32>) -> tensor<100x50xf32> {
  %as = spider.assume_sparse %a : tensor<100x70xf32> to tensor<100x70xf32, #S>
  %r = linalg.matmul ins(%as, %b : tensor<100x70xf32, #S>, tensor<70x50xf32>)
                     outs(%c : tensor<100x50xf32>) -> tensor<100x50xf32>
  return %r : tensor<100x50xf32>
}

func.func @half(%a: tensor<64x128xf16>, %b: tensor<128x64xf16>, %c: tensor<64x64xf32>) -> tensor<64x64xf32> {
  %as = spider.assume_sparse %a : tensor<64x128xf16> to tensor<64x128xf16, #S>
  %r = linalg.matmul ins(%as, %b : tensor<64x128xf16, #S>, tensor<128x64xf16>)
                     outs(%c : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %r : tensor<64x64xf32>
}

func.func @brain(%a: tensor<64x128xbf16>, %b: tensor<128x64xbf16>, %c: tensor<64x64xf32>) -> tensor<64x64xf32> {
  %as = spider.assume_sparse %a : tensor<64x128xbf16> to tensor<64x128xbf16, #S>
  %r = linalg.matmul ins(%as, %b : tensor<64x128xbf16, #S>, tensor<128x64xbf16>)
                     outs(%c : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %r : tensor<64x64xf32>
}
