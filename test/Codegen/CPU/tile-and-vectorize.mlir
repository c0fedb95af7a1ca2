// RUN: spider-opt %s -split-input-file --pass-pipeline="builtin.module(func.func(spider-tile-and-vectorize{cpu-isa=avx512}),canonicalize)" | FileCheck %s --enable-var-scope
// RUN: spider-opt %s -split-input-file --pass-pipeline="builtin.module(func.func(spider-tile-and-vectorize{register-tile=2,16,1}))" | FileCheck %s --check-prefix=OPTION
// RUN: spider-opt %s -split-input-file --pass-pipeline="builtin.module(func.func(spider-tile-and-vectorize{cpu-isa=avx2}),canonicalize)" | FileCheck %s --check-prefix=AVX2
// RUN: spider-opt %s -split-input-file --pass-pipeline="builtin.module(func.func(spider-tile-and-vectorize{cpu-isa=sse}),canonicalize)" | FileCheck %s --check-prefix=SSE

// A static matmul, AVX-512: k blocks of 256 (n is one block of 512), each
// block of B copied into 8 panels of 64 columns, contiguous down k (expand
// + transpose, vectorized); per panel, 6x64 register tiles whose
// accumulator is read once, carried through the 4-deep k steps in
// registers, and written once; FMAs on rows of the panel broadcast from
// elements of A. The 256 rows are one block: 42 tiles of 6 rows and one
// static tile of the 4 rows left over.
// CHECK-LABEL: func.func @matmul
// CHECK:         %[[E:.*]] = tensor.empty() : tensor<8x256x64xf32>
// CHECK:         scf.for {{.*}} to %c512 step %c256
// CHECK:           tensor.expand_shape {{.*}} into tensor<256x8x64xf32>
// CHECK:           %[[PANELS:.*]] = scf.for {{.*}} iter_args(%{{.*}} = %[[E]]) -> (tensor<8x256x64xf32>)
// CHECK:           scf.for {{.*}} to %c512 step %c64
// CHECK:             tensor.extract_slice %[[PANELS]]{{.*}} : tensor<8x256x64xf32> to tensor<256x64xf32>
// CHECK:             scf.for {{.*}} to %c252 step %c6
// CHECK:               vector.transfer_read {{.*}} vector<6x64xf32>
// CHECK:               scf.for {{.*}} step %c4 iter_args({{.*}}) -> (vector<6x64xf32>)
// CHECK:                 vector.transfer_read {{.*}} vector<6x4xf32>
// CHECK:                 vector.transfer_read {{.*}} vector<4x64xf32>
// CHECK:                 vector.broadcast {{.*}} : f32 to vector<64xf32>
// CHECK:                 vector.fma {{.*}} : vector<64xf32>
// CHECK-NOT:             vector.transfer_write
// CHECK:                 scf.yield {{.*}} : vector<6x64xf32>
// CHECK:               vector.transfer_write {{.*}} : vector<6x64xf32>, tensor<6x64xf32>
// CHECK:             scf.for {{.*}} step %c4 iter_args({{.*}}) -> (vector<4x64xf32>)
// CHECK:             vector.transfer_write {{.*}} : vector<4x64xf32>, tensor<4x64xf32>
// CHECK-NOT:     vector.contract
// With AVX2, 6x16 register tiles (12 of 16 ymm registers) on panels of 16
// columns; with SSE2, 4x8 on panels of 8.
// AVX2-LABEL: func.func @matmul
// AVX2:         tensor.empty() : tensor<32x256x16xf32>
// AVX2:         scf.for {{.*}} step %c4 iter_args({{.*}}) -> (vector<6x16xf32>)
// AVX2:           vector.fma {{.*}} : vector<16xf32>
// AVX2:         scf.for {{.*}} step %c4 iter_args({{.*}}) -> (vector<4x16xf32>)
// SSE-LABEL: func.func @matmul
// SSE:         tensor.empty() : tensor<64x256x8xf32>
// SSE:         scf.for {{.*}} step %c4 iter_args({{.*}}) -> (vector<4x8xf32>)
// SSE:           vector.fma {{.*}} : vector<8xf32>
// OPTION-LABEL: func.func @matmul
// OPTION:         vector.transfer_read {{.*}} vector<2x1xf32>
// OPTION:         vector.fma {{.*}} : vector<16xf32>
func.func @matmul(%a: tensor<256x512xf32>, %b: tensor<512x512xf32>, %c: tensor<256x512xf32>) -> tensor<256x512xf32> {
  %r = linalg.matmul ins(%a, %b : tensor<256x512xf32>, tensor<512x512xf32>) outs(%c : tensor<256x512xf32>) -> tensor<256x512xf32>
  return %r : tensor<256x512xf32>
}

// -----

// Many m blocks: n and k blocks first, the block of B copied into panels
// once, then the m blocks that all reuse them.
// CHECK-LABEL: func.func @packed_b
// CHECK-SAME:    %[[A:.*]]: tensor<1024x512xf32>, %[[B:.*]]: tensor<512x1024xf32>
// CHECK:         %[[E:.*]] = tensor.empty() : tensor<8x256x64xf32>
// CHECK:         scf.for {{.*}} step %c512
// CHECK:           scf.for {{.*}} step %c256
// CHECK:             %[[BLOCK:.*]] = tensor.extract_slice %[[B]]{{.*}} to tensor<256x512xf32>
// CHECK:             tensor.expand_shape %[[BLOCK]]
// CHECK:             %[[PANELS:.*]] = scf.for {{.*}} iter_args(%{{.*}} = %[[E]]) -> (tensor<8x256x64xf32>)
// CHECK:             scf.for {{.*}} to %c1024 step %c256
// CHECK:               scf.for {{.*}} to %c512 step %c64
// CHECK:                 tensor.extract_slice %[[PANELS]]
// CHECK:                 vector.fma
// OPTION-LABEL: func.func @packed_b
func.func @packed_b(%a: tensor<1024x512xf32>, %b: tensor<512x1024xf32>, %c: tensor<1024x1024xf32>) -> tensor<1024x1024xf32> {
  %r = linalg.matmul ins(%a, %b : tensor<1024x512xf32>, tensor<512x1024xf32>) outs(%c : tensor<1024x1024xf32>) -> tensor<1024x1024xf32>
  return %r : tensor<1024x1024xf32>
}

// -----

// Dynamic sizes (packed PIT tiles): the rows are peeled, full 6-row tiles
// first, then what is left (up to 5 rows) in a 4-row tile and one row at a
// time, and so is the depth: full steps of 4 read A unmasked, the rest of k
// runs one step at a time. Reads along n are masked and padded with zero,
// the contraction itself runs unmasked, and each accumulator is read and
// written once around its k loops.
// CHECK-LABEL: func.func @packed
// CHECK:         %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK:         scf.for {{.*}} step %c6
// CHECK:           vector.transfer_read {{.*}} vector<6x64xf32>
// CHECK:           %[[FULL:.*]] = scf.for {{.*}} step %c4 iter_args({{.*}}) -> (vector<6x64xf32>)
// CHECK:             vector.transfer_read %{{.*}}, %[[ZERO]] {in_bounds = [true, true]} : tensor<6x4xf32>, vector<6x4xf32>
// CHECK:             vector.transfer_read %{{.*}}, %[[ZERO]], %{{.*}} {{.*}} vector<4x64xf32>
// CHECK:             vector.fma
// CHECK:           vector.transfer_write %[[FULL]], {{.*}} : vector<6x64xf32>, tensor<6x?xf32>
// CHECK:           scf.for {{.*}} step %c1 iter_args({{.*}}) -> (vector<6x64xf32>)
// CHECK:             vector.transfer_read {{.*}} : tensor<6x1xf32>, vector<6x1xf32>
// CHECK:             vector.fma
// CHECK:         scf.for {{.*}} step %c6
// CHECK:           scf.for {{.*}} step %c4
// CHECK:             scf.for {{.*}} iter_args({{.*}}) -> (vector<4x64xf32>)
// CHECK:               vector.fma
// CHECK:           scf.for {{.*}} step %c4
// CHECK:             scf.for {{.*}} step %c1
// CHECK:               scf.for {{.*}} iter_args({{.*}}) -> (vector<1x64xf32>)
// CHECK:                 vector.fma
// CHECK:               vector.transfer_write {{.*}} : vector<1x64xf32>, tensor<1x?xf32>
func.func @packed(%a: tensor<?x?xf32>, %b: tensor<?x?xf32>, %c: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %r = linalg.matmul ins(%a, %b : tensor<?x?xf32>, tensor<?x?xf32>) outs(%c : tensor<?x?xf32>) -> tensor<?x?xf32>
  return %r : tensor<?x?xf32>
}

// -----

// A compute tile chosen by spider-select-tiles wins over the default.
// CHECK-LABEL: func.func @chosen
// CHECK:         vector.transfer_read {{.*}} vector<8x2xf32>
// CHECK:         vector.fma {{.*}} : vector<32xf32>
func.func @chosen(%a: tensor<64x64xf32>, %b: tensor<64x64xf32>, %c: tensor<64x64xf32>) -> tensor<64x64xf32> {
  %r = linalg.matmul {spider.compute_tile = array<i64: 8, 32, 2>}
      ins(%a, %b : tensor<64x64xf32>, tensor<64x64xf32>) outs(%c : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %r : tensor<64x64xf32>
}

// -----

// Element-wise ops are vectorized along their innermost loop.
#id = affine_map<(i, j) -> (i, j)>
// CHECK-LABEL: func.func @relu
// CHECK:         scf.for
// CHECK:           scf.for {{.*}} step %c16
// CHECK:             vector.transfer_read {{.*}} vector<1x16xf32>
// CHECK:             arith.maximumf {{.*}} : vector<1x16xf32>
func.func @relu(%x: tensor<64x64xf32>) -> tensor<64x64xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<64x64xf32>
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<64x64xf32>) outs(%e : tensor<64x64xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.maximumf %in, %zero : f32
    linalg.yield %m : f32
  } -> tensor<64x64xf32>
  return %r : tensor<64x64xf32>
}
