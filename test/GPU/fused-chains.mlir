// A fused chain (spider-fuse-pit-chains) compiles for sm_90: the MoE FFN
// whose routing weights are marked sparse becomes one loop over experts on
// the host with a SIMT kernel per packed computation, and no
// [tokens, experts, d_ff] buffer. (Tile kernels for the packed matmuls are
// the GPU backend's next step; docs/gpu.md.)
// RUN: spider-opt %s --spider-gpu-pipeline="format=isa" | FileCheck %s
// RUN: spider-opt %s --spider-gpu-pipeline="format=isa" | mlir-translate --mlir-to-llvmir -o %t.ll
// RUN: %if cuda-runtime %{ %check_runtime_symbols %t.ll %spider_gpu_runtime_libs | FileCheck %s --check-prefix=SYMBOLS %}

// CHECK-LABEL: llvm.func @moe(
// CHECK-NOT:     16x4x12
// CHECK:         gpu.launch_func
// CHECK:       gpu.binary @moe_kernel
// CHECK-SAME:    .target sm_90
// SYMBOLS: all {{[0-9]+}} runtime symbols defined

#te = affine_map<(t, e, f, d) -> (t, e)>
#td = affine_map<(t, e, f, d) -> (t, d)>
#edf = affine_map<(t, e, f, d) -> (e, d, f)>
#tef = affine_map<(t, e, f, d) -> (t, e, f)>
#id3 = affine_map<(t, e, f) -> (t, e, f)>
#te2 = affine_map<(t, d, e, f) -> (t, e)>
#tef2 = affine_map<(t, d, e, f) -> (t, e, f)>
#efd = affine_map<(t, d, e, f) -> (e, f, d)>
#td2 = affine_map<(t, d, e, f) -> (t, d)>
!G = tensor<16x4xf32, #spider.sparse<microtile = [1, 1]>>

func.func @moe(%x: tensor<16x8xf32>, %g: tensor<16x4xf32>, %w1: tensor<4x8x12xf32>, %w2: tensor<4x12x8xf32>) -> tensor<16x8xf32> {
  %zero = arith.constant 0.0 : f32
  %gs = spider.assume_sparse %g : tensor<16x4xf32> to !G
  %eh = tensor.empty() : tensor<16x4x12xf32>
  %zh = linalg.fill ins(%zero : f32) outs(%eh : tensor<16x4x12xf32>) -> tensor<16x4x12xf32>
  %ey = tensor.empty() : tensor<16x8xf32>
  %zy = linalg.fill ins(%zero : f32) outs(%ey : tensor<16x8xf32>) -> tensor<16x8xf32>
  %h = linalg.generic {indexing_maps = [#te, #td, #edf, #tef], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%gs, %x, %w1 : !G, tensor<16x8xf32>, tensor<4x8x12xf32>) outs(%zh : tensor<16x4x12xf32>) {
  ^bb0(%gv: f32, %xv: f32, %wv: f32, %out: f32):
    %routed = arith.cmpf one, %gv, %zero : f32
    %p = arith.mulf %xv, %wv : f32
    %c = arith.select %routed, %p, %zero : f32
    %r = arith.addf %out, %c : f32
    linalg.yield %r : f32
  } -> tensor<16x4x12xf32>
  %a = linalg.generic {indexing_maps = [#id3, #id3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%h : tensor<16x4x12xf32>) outs(%zh : tensor<16x4x12xf32>) {
  ^bb0(%hv: f32, %out: f32):
    %r = arith.maximumf %hv, %zero : f32
    linalg.yield %r : f32
  } -> tensor<16x4x12xf32>
  %y = linalg.generic {indexing_maps = [#te2, #tef2, #efd, #td2], iterator_types = ["parallel", "parallel", "reduction", "reduction"]}
      ins(%gs, %a, %w2 : !G, tensor<16x4x12xf32>, tensor<4x12x8xf32>) outs(%zy : tensor<16x8xf32>) {
  ^bb0(%gv: f32, %av: f32, %wv: f32, %out: f32):
    %ga = arith.mulf %gv, %av : f32
    %p = arith.mulf %ga, %wv : f32
    %r = arith.addf %out, %p : f32
    linalg.yield %r : f32
  } -> tensor<16x8xf32>
  return %y : tensor<16x8xf32>
}
