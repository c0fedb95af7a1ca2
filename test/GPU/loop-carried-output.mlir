// A marked f16 matmul whose output an scf.for carries (C <- C + A·B per
// iteration) gets its tensor-core tile kernel inside the loop, and the loop
// bufferizes (it failed one-shot bufferization before the pipelines set
// allow-return-allocs-from-loops; docs/reliability.md).
// RUN: spider-opt %s --spider-gpu-pipeline="format=isa" | FileCheck %s

// CHECK-LABEL: llvm.func @acc(
// CHECK: llvm.cond_br
// CHECK: gpu.launch_func @acc_kernel
// CHECK: gpu.binary @acc_kernel{{.*}}mma.sync.aligned
#S = #spider.sparse<microtile = [32, 1]>
func.func @acc(%a: tensor<128x64xf16>, %b: tensor<64x64xf16>, %c0t: tensor<128x64xf32>, %n: index) -> tensor<128x64xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %as = spider.assume_sparse %a : tensor<128x64xf16> to tensor<128x64xf16, #S>
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%c = %c0t) -> (tensor<128x64xf32>) {
    %y = linalg.matmul ins(%as, %b : tensor<128x64xf16, #S>, tensor<64x64xf16>) outs(%c : tensor<128x64xf32>) -> tensor<128x64xf32>
    scf.yield %y : tensor<128x64xf32>
  }
  return %r : tensor<128x64xf32>
}
