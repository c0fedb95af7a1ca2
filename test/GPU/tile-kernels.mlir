// Marked f16 and bf16 matmuls compile for sm_90 on a machine without a GPU:
// tensor-core MMAs fed by ldmatrix from shared memory, filled by cp.async.
// RUN: spider-opt %s --spider-gpu-pipeline="format=isa" | FileCheck %s --check-prefix=PTX
// RUN: spider-opt %s --spider-gpu-pipeline="format=isa chip=sm_80 features=+ptx70" | FileCheck %s --check-prefix=SM80
// RUN: spider-opt %s --spider-sparsify --spider-lower-pit-to-gpu -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK

// Shared-memory staging, asynchronous copies and tensor cores (the PTX is
// embedded as a string, tabs and newlines escaped):
// PTX-DAG: .target sm_90
// PTX-DAG: .shared .align 16 .b8 __spider_smem_a
// PTX-DAG: .shared .align 16 .b8 __spider_smem_b
// PTX-DAG: cp.async.cg.shared.global [%rd{{[0-9]+}}], [%rd{{[0-9]+}}], 16, %r{{[0-9]+}};
// PTX-DAG: cp.async.commit_group;
// PTX-DAG: cp.async.wait_group
// PTX-DAG: ldmatrix.sync.aligned.m8n8.x4.shared.b16
// PTX-DAG: ldmatrix.sync.aligned.m8n8.x2.trans.shared.b16
// PTX-DAG: mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32
// PTX-DAG: mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32
// PTX-DAG: bar.sync
// SWrite of the m-packed kernels: atomics.
// PTX-DAG: atom.global.add.f32
// SM80-DAG: .target sm_80
// SM80-DAG: mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32
// SM80-DAG: mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32

// REMARK-NOT: its operands are
// REMARK: remark: no GPU tile kernel for this spider.pit: its sparse operand is not the matmul's left operand

#K = #spider.sparse<microtile = [32, 1]>
#B = #spider.sparse<microtile = [32, 64]>
#M = #spider.sparse<microtile = [1, 64]>
#R = #spider.sparse<microtile = [64, 1]>

// [32, 1]: packed along k, groups of 32 rows.
func.func @columns(%a: tensor<256x512xf16>, %b: tensor<512x256xf16>, %c: tensor<256x256xf32>) -> tensor<256x256xf32> {
  %as = spider.assume_sparse %a : tensor<256x512xf16> to tensor<256x512xf16, #K>
  %r = linalg.matmul ins(%as, %b : tensor<256x512xf16, #K>, tensor<512x256xf16>)
                     outs(%c : tensor<256x256xf32>) -> tensor<256x256xf32>
  return %r : tensor<256x256xf32>
}

// [32, 64]: whole 16-byte chunks of A's rows, copied asynchronously too.
func.func @blocks(%a: tensor<256x512xf16>, %b: tensor<512x256xf16>, %c: tensor<256x256xf32>) -> tensor<256x256xf32> {
  %as = spider.assume_sparse %a : tensor<256x512xf16> to tensor<256x512xf16, #B>
  %r = linalg.matmul ins(%as, %b : tensor<256x512xf16, #B>, tensor<512x256xf16>)
                     outs(%c : tensor<256x256xf32>) -> tensor<256x256xf32>
  return %r : tensor<256x256xf32>
}

// [1, 64]: packed along m, groups overlap in C.
func.func @rows(%a: tensor<256x512xf16>, %b: tensor<512x256xf16>, %c: tensor<256x256xf32>) -> tensor<256x256xf32> {
  %as = spider.assume_sparse %a : tensor<256x512xf16> to tensor<256x512xf16, #M>
  %r = linalg.matmul ins(%as, %b : tensor<256x512xf16, #M>, tensor<512x256xf16>)
                     outs(%c : tensor<256x256xf32>) -> tensor<256x256xf32>
  return %r : tensor<256x256xf32>
}

// bf16: the same kernel, its MMAs as nvvm.mma.sync.
func.func @bf16(%a: tensor<64x128xbf16>, %b: tensor<128x64xbf16>, %c: tensor<64x64xf32>) -> tensor<64x64xf32> {
  %as = spider.assume_sparse %a : tensor<64x128xbf16> to tensor<64x128xbf16, #K>
  %r = linalg.matmul ins(%as, %b : tensor<64x128xbf16, #K>, tensor<128x64xbf16>)
                     outs(%c : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %r : tensor<64x64xf32>
}

// A sparse right operand has no tile kernel: loops over groups instead.
func.func @rhs(%a: tensor<64x128xf32>, %b: tensor<128x64xf32>, %c: tensor<64x64xf32>) -> tensor<64x64xf32> {
  %bs = spider.assume_sparse %b : tensor<128x64xf32> to tensor<128x64xf32, #R>
  %r = linalg.matmul ins(%a, %bs : tensor<64x128xf32>, tensor<128x64xf32, #R>)
                     outs(%c : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %r : tensor<64x64xf32>
}
