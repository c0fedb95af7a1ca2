// RUN: spider-opt %s --spider-lower-pit-to-gpu | FileCheck %s

// A [32, 1] matmul PIT on f16 with a dense fallback: one gpu.launch per
// variant, shared memory as workgroup globals, SRead with cp.async.cg for B's
// rows, element loads for A's single columns, ldmatrix and mma.sync, and a
// plain store epilogue (each block owns its rows). Shared rows are padded
// by 8 elements against bank conflicts. The k stages go through a ring of
// three shared-memory slots: two stages are staged before the loop, and
// each iteration stages the one two ahead (slot (i + 2) % 3), waits until
// at most two groups of copies are pending (stage i has landed), and
// computes stage i; nothing is left in flight after the loop.

// CHECK-DAG: memref.global "private" @__spider_smem_a{{[_0-9]*}} : memref<3x32x24xf16, #gpu.address_space<workgroup>> {alignment = 16 : i64}
// CHECK-DAG: memref.global "private" @__spider_smem_b{{[_0-9]*}} : memref<3x16x72xf16, #gpu.address_space<workgroup>> {alignment = 16 : i64}
// CHECK-LABEL: func.func @columns
// CHECK: %[[C:.*]] = memref.alloc() : memref<128x256xf32>
// CHECK: memref.copy %{{.*}}, %[[C]]
// CHECK: spider.index_arrays
// CHECK: scf.if
// The dense fallback: blocks of 64 rows over all of k.
// CHECK: gpu.launch
// CHECK: memref.get_global @__spider_smem_a{{[_0-9]*}} : memref<3x64x24xf16
// CHECK: else
// CHECK: gpu.launch blocks
// CHECK-SAME: threads(%{{.*}}, %{{.*}}, %{{.*}}) in (%{{.*}} = %c128
// CHECK: %[[AS:.*]] = memref.get_global @__spider_smem_a{{[_0-9]*}} : memref<3x32x24xf16
// CHECK: %[[BS:.*]] = memref.get_global @__spider_smem_b{{[_0-9]*}} : memref<3x16x72xf16
// CHECK: memref.store {{.*}}, %[[AS]][%c0{{[_0-9]*}}, {{.*}}] : memref<3x32x24xf16, #gpu.address_space<workgroup>>
// CHECK: nvgpu.device_async_copy {{.*}}, %[[BS]][%c0{{[_0-9]*}}, {{.*}}], 8, %{{[0-9]+}} {bypassL1} : memref<512x256xf16> to memref<3x16x72xf16, #gpu.address_space<workgroup>>
// CHECK: nvgpu.device_async_create_group
// CHECK: memref.store {{.*}}, %[[AS]][%c1{{[_0-9]*}}, {{.*}}]
// CHECK: nvgpu.device_async_create_group
// CHECK: scf.for %[[I:.*]] = {{.*}} iter_args(
// CHECK: gpu.barrier
// CHECK: %[[AHEAD:.*]] = arith.addi %[[I]], %c2{{[_0-9]*}}
// CHECK: %[[FILL:.*]] = arith.remui %[[AHEAD]], %c3{{[_0-9]*}}
// CHECK: memref.store {{.*}}, %[[AS]][%[[FILL]], {{.*}}]
// CHECK: nvgpu.device_async_copy {{.*}}, %[[BS]][%[[FILL]], {{.*}}]
// CHECK: %[[GROUP:.*]] = nvgpu.device_async_create_group
// CHECK: nvgpu.device_async_wait %[[GROUP]] {numGroups = 2 : i32}
// CHECK: gpu.barrier
// CHECK: %[[READ:.*]] = arith.remui %[[I]], %c3{{[_0-9]*}}
// CHECK: nvgpu.ldmatrix %[[AS]][%[[READ]], {{.*}} {numTiles = 4 : i32, transpose = false}
// CHECK: nvgpu.ldmatrix %[[BS]][%[[READ]], {{.*}} {numTiles = 2 : i32, transpose = true}
// CHECK: nvgpu.mma.sync({{.*}}) {mmaShape = [16, 8, 16]}
// CHECK: scf.yield
// CHECK: %[[LAST:.*]] = nvgpu.device_async_create_group
// CHECK: nvgpu.device_async_wait %[[LAST]] {numGroups = 0 : i32}
// CHECK: memref.load %{{.*}} : memref<128x256xf32>
// CHECK: memref.store %{{.*}} : memref<128x256xf32>
// CHECK: bufferization.to_tensor %[[C]] restrict writable
func.func @columns(%a: tensor<128x512xf16>, %b: tensor<512x256xf16>, %c: tensor<128x256xf32>, %i: !spider.index<microtile = [32, 1], pack_dim = 1>) -> tensor<128x256xf32> {
  %r = spider.pit ins(%a, %b : tensor<128x512xf16>, tensor<512x256xf16>) outs(%c : tensor<128x256xf32>)
         index(%i : !spider.index<microtile = [32, 1], pack_dim = 1>) sparse_operand = 0 pack_dim = 2
         attributes {dense_threshold = 0.5 : f64} {
  ^bb0(%x: tensor<128x512xf16>, %y: tensor<512x256xf16>, %z: tensor<128x256xf32>):
    %m = linalg.matmul ins(%x, %y : tensor<128x512xf16>, tensor<512x256xf16>) outs(%z : tensor<128x256xf32>) -> tensor<128x256xf32>
    spider.yield %m : tensor<128x256xf32>
  } -> tensor<128x256xf32>
  return %r : tensor<128x256xf32>
}

// [1, 64] packs rows: groups are k blocks and overlap in C, so SWrite adds
// with atomics; a block whose chunk of rows is past the group's end skips.
// CHECK-LABEL: func.func @rows
// CHECK: gpu.launch
// CHECK: scf.if
// CHECK: scf.for
// CHECK: memref.atomic_rmw addf
func.func @rows(%a: tensor<128x512xf16>, %b: tensor<512x256xf16>, %c: tensor<128x256xf32>, %i: !spider.index<microtile = [1, 64], pack_dim = 0>) -> tensor<128x256xf32> {
  %r = spider.pit ins(%a, %b : tensor<128x512xf16>, tensor<512x256xf16>) outs(%c : tensor<128x256xf32>)
         index(%i : !spider.index<microtile = [1, 64], pack_dim = 0>) sparse_operand = 0 pack_dim = 0 {
  ^bb0(%x: tensor<128x512xf16>, %y: tensor<512x256xf16>, %z: tensor<128x256xf32>):
    %m = linalg.matmul ins(%x, %y : tensor<128x512xf16>, tensor<512x256xf16>) outs(%z : tensor<128x256xf32>) -> tensor<128x256xf32>
    spider.yield %m : tensor<128x256xf32>
  } -> tensor<128x256xf32>
  return %r : tensor<128x256xf32>
}

// bf16: the f16 kernel's fragments, its MMA as nvvm.mma.sync on 32-bit
// registers (MLIR 22's nvgpu.mma.sync does not lower bf16).
// CHECK-LABEL: func.func @bf16
// CHECK: gpu.launch
// CHECK: nvgpu.ldmatrix {{.*}} -> vector<4x2xbf16>
// CHECK: nvgpu.ldmatrix {{.*}} -> vector<2x2xbf16>
// CHECK: vector.bitcast {{.*}} : vector<2xbf16> to vector<1xi32>
// CHECK: nvvm.mma.sync A[{{.*}}] B[{{.*}}] C[{{.*}}] {layoutA = #nvvm.mma_layout<row>, layoutB = #nvvm.mma_layout<col>, multiplicandAPtxType = #nvvm.mma_type<bf16>, multiplicandBPtxType = #nvvm.mma_type<bf16>, shape = #nvvm.shape<m = 16, n = 8, k = 16>} : (i32, i32, f32) -> !llvm.struct<(f32, f32, f32, f32)>
// CHECK-NOT: nvgpu.mma.sync
func.func @bf16(%a: tensor<128x512xbf16>, %b: tensor<512x256xbf16>, %c: tensor<128x256xf32>, %i: !spider.index<microtile = [32, 1], pack_dim = 1>) -> tensor<128x256xf32> {
  %r = spider.pit ins(%a, %b : tensor<128x512xbf16>, tensor<512x256xbf16>) outs(%c : tensor<128x256xf32>)
         index(%i : !spider.index<microtile = [32, 1], pack_dim = 1>) sparse_operand = 0 pack_dim = 2 {
  ^bb0(%x: tensor<128x512xbf16>, %y: tensor<512x256xbf16>, %z: tensor<128x256xf32>):
    %m = linalg.matmul ins(%x, %y : tensor<128x512xbf16>, tensor<512x256xbf16>) outs(%z : tensor<128x256xf32>) -> tensor<128x256xf32>
    spider.yield %m : tensor<128x256xf32>
  } -> tensor<128x256xf32>
  return %r : tensor<128x256xf32>
}

// B may be the spider.pit's output: the kernel reads the init's values as
// B while it accumulates into a copy of them (exact f32: FMAs).
// CHECK-LABEL: func.func @b_is_init(
// CHECK-SAME: %[[A:[^:]*]]: tensor<64x64xf32>, %[[INIT:[^:]*]]: tensor<64x64xf32>
// CHECK: bufferization.to_buffer %[[A]] read_only
// CHECK: bufferization.to_buffer %[[INIT]] read_only
// CHECK: memref.alloc() : memref<64x64xf32>
// CHECK: gpu.launch
// CHECK: llvm.intr.fma
func.func @b_is_init(%a: tensor<64x64xf32>, %c: tensor<64x64xf32>, %i: !spider.index<microtile = [32, 1], pack_dim = 1>) -> tensor<64x64xf32> {
  %r = spider.pit ins(%a : tensor<64x64xf32>) outs(%c : tensor<64x64xf32>)
         index(%i : !spider.index<microtile = [32, 1], pack_dim = 1>) sparse_operand = 0 pack_dim = 2 {
  ^bb0(%x: tensor<64x64xf32>, %z: tensor<64x64xf32>):
    %m = linalg.matmul ins(%x, %z : tensor<64x64xf32>, tensor<64x64xf32>) outs(%z : tensor<64x64xf32>) -> tensor<64x64xf32>
    spider.yield %m : tensor<64x64xf32>
  } -> tensor<64x64xf32>
  return %r : tensor<64x64xf32>
}
