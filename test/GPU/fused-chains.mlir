// The constructs of packed sparse values compile for sm_90. A fused chain
// (spider-fuse-pit-chains): the MoE FFN whose routing weights are marked
// sparse becomes one loop over experts on the host with a SIMT kernel per
// packed computation, and no [tokens, experts, d_ff] buffer. A packed value
// (spider.from_csr): a GNN aggregation reads the CSR values in place, and
// no [rows, columns] buffer exists. (Tile kernels for the packed matmuls
// are the GPU backend's next step; docs/gpu.md.)
// RUN: spider-opt %s --spider-gpu-pipeline="format=isa" | FileCheck %s
// RUN: spider-opt %s --spider-gpu-pipeline="format=isa" | FileCheck %s --check-prefix=BIN
// RUN: spider-opt %s --spider-gpu-pipeline="format=isa" | mlir-translate --mlir-to-llvmir -o %t.ll
// RUN: %if cuda-runtime %{ %check_runtime_symbols %t.ll %spider_gpu_runtime_libs | FileCheck %s --check-prefix=SYMBOLS %}

// CHECK-LABEL: llvm.func @moe(
// CHECK-NOT:     16x4x12
// CHECK:         gpu.launch_func
// CHECK-LABEL: llvm.func @gnn_sum(
// CHECK-NOT:     600x500
// CHECK:         spider_rt_gpu_index_from_sorted_csr
// CHECK:         gpu.launch_func
// BIN-DAG:     gpu.binary @moe_kernel {{.*}}.target sm_90
// BIN-DAG:     gpu.binary @gnn_sum_kernel {{.*}}.target sm_90
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

func.func @gnn_sum(%o: tensor<601xi64>, %c: tensor<?xi64>, %v: tensor<?xf32>, %x: tensor<500x16xf32>) -> tensor<600x16xf32> {
  %n = arith.constant 500 : index
  %zero = arith.constant 0.0 : f32
  %a = spider.from_csr %o, %c, %v, num_columns = %n : tensor<601xi64>, tensor<?xi64>, tensor<?xf32> -> tensor<600x500xf32, #spider.sparse<microtile = [1, 1]>>
  %e = tensor.empty() : tensor<600x16xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<600x16xf32>) -> tensor<600x16xf32>
  %y = linalg.matmul ins(%a, %x : tensor<600x500xf32, #spider.sparse<microtile = [1, 1]>>, tensor<500x16xf32>) outs(%z : tensor<600x16xf32>) -> tensor<600x16xf32>
  return %y : tensor<600x16xf32>
}
