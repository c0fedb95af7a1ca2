// spider-run --target=gpu compiles the kernels for the program's shapes once
// and keeps them: a second process finds them in the cache directory, and
// processes sharing the directory at the same time all succeed.
// REQUIRES: cuda-runtime
// RUN: rm -rf %t && mkdir -p %t
// RUN: spider-run %s --target=gpu --dump-mlir --profile --cache-dir=%t/cache 2>&1 >/dev/null | FileCheck %s --check-prefix=FIRST
// RUN: spider-run %s --target=gpu --dump-mlir --profile --cache-dir=%t/cache 2>&1 >/dev/null | FileCheck %s --check-prefix=AGAIN
// RUN: spider-run %s --target=gpu --dump-mlir --profile --cache-dir=%t/cache --chip=sm_80 2>&1 >/dev/null | FileCheck %s --check-prefix=OTHER
// RUN: ls %t/cache | FileCheck %s --check-prefix=FILES
// RUN: for f in %t/cache/*.gpubin; do echo "#gpu.object<" > $f; done
// RUN: spider-run %s --target=gpu --dump-mlir --profile --cache-dir=%t/cache 2>&1 >/dev/null | FileCheck %s --check-prefix=DAMAGED
// RUN: rm -rf %t/shared && for i in 1 2 3 4; do (spider-run %s --target=gpu --dump-mlir --cache-dir=%t/shared > %t/out$i.mlir || echo FAILED) & done; wait
// RUN: ls %t/shared | FileCheck %s --check-prefix=SHARED
// RUN: cat %t/out4.mlir | FileCheck %s --check-prefix=BINARY

// Two kernels: the PIT kernel and its dense fallback (detect reads the f16
// operand as it is, with the runtime's own kernel).
// FIRST: spider-run: gpu: 2 kernel modules for sm_90: 2 compiled, 0 cache hits (0 memory, 0 disk)
// AGAIN: spider-run: gpu: 2 kernel modules for sm_90: 0 compiled, 2 cache hits (0 memory, 2 disk)
// OTHER: spider-run: gpu: 2 kernel modules for sm_80: 2 compiled, 0 cache hits
// Damaged entries are compiled again, not counted as hits.
// DAMAGED: spider-run: gpu: 2 kernel modules for sm_90: 2 compiled, 0 cache hits (0 memory, 0 disk)
// FILES-COUNT-4: {{^[0-9a-f]+}}.gpubin
// FILES-NOT: .tmp
// SHARED-COUNT-2: {{^[0-9a-f]+}}.gpubin
// SHARED-NOT: .tmp
// BINARY: gpu.binary @sparse_kernel
// BINARY: llvm.func @main

#S = #spider.sparse<microtile = [32, 1]>

func.func @sparse(%a: tensor<64x128xf16>, %b: tensor<128x64xf16>, %c: tensor<64x64xf32>) -> tensor<64x64xf32> {
  %as = spider.assume_sparse %a : tensor<64x128xf16> to tensor<64x128xf16, #S>
  %r = linalg.matmul ins(%as, %b : tensor<64x128xf16, #S>, tensor<128x64xf16>)
                     outs(%c : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %r : tensor<64x64xf32>
}

func.func @main() {
  %a = arith.constant dense<1.0> : tensor<64x128xf16>
  %b = arith.constant dense<1.0> : tensor<128x64xf16>
  %c = arith.constant dense<0.0> : tensor<64x64xf32>
  %r = call @sparse(%a, %b, %c) : (tensor<64x128xf16>, tensor<128x64xf16>, tensor<64x64xf32>) -> tensor<64x64xf32>
  %e = tensor.extract_slice %r[0, 0] [1, 1] [1, 1] : tensor<64x64xf32> to tensor<1x1xf32>
  return
}
