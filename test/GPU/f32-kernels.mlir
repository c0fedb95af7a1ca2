// f32 matmul PITs: exact FMAs by default, TF32 tensor cores on request.
// RUN: spider-opt %s --spider-gpu-pipeline="format=isa" | FileCheck %s --check-prefix=FMA
// RUN: spider-opt %s --spider-gpu-pipeline="format=isa tf32=true" | FileCheck %s --check-prefix=TF32

// FMA: fma.rn.f32
// FMA-NOT: mma.sync
// TF32: mma.sync.aligned.m16n8k8.row.col.f32.tf32.tf32.f32

#S = #spider.sparse<microtile = [32, 1]>

func.func @sparse(%a: tensor<100x70xf32>, %b: tensor<70x50xf32>, %c: tensor<100x50xf32>) -> tensor<100x50xf32> {
  %as = spider.assume_sparse %a : tensor<100x70xf32> to tensor<100x70xf32, #S>
  %r = linalg.matmul ins(%as, %b : tensor<100x70xf32, #S>, tensor<70x50xf32>)
                     outs(%c : tensor<100x50xf32>) -> tensor<100x50xf32>
  return %r : tensor<100x50xf32>
}
