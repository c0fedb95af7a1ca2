//===- TileKernelMma.cpp - The tile compute of the tile kernel ------------===//
//
// One stage's warp-level multiply-accumulate into one vector<2x2xf32> per
// n8 tile of the warp, in the accumulator layout of mma.sync m16n8 (lane l
// holds rows l/4 and l/4+8, columns 2*(l%4) and +1), whatever computes it:
//
// * f16 and bf16: tensor cores, fragments from nvgpu.ldmatrix, m16n8k16
//   (nvgpu.mma.sync for f16; nvvm.mma.sync for bf16, which MLIR 22's
//   nvgpu.mma.sync does not lower);
// * f32 with tf32: tensor cores in TF32, m16n8k8, fragments loaded
//   element-wise;
// * f32: exact FMAs.
//
//===----------------------------------------------------------------------===//

#include "TileKernel.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/Dialect/NVGPU/IR/NVGPUDialect.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

using namespace mlir;
using namespace mlir::spider;
using namespace mlir::spider::gpu_tile;

void TileKernel::compute(Value lane, SmallVector<Value> &acc) {
  if (elem.isF32())
    return useTf32 ? computeTf32(lane, acc) : computeFma(lane, acc);
  computeLdMatrix(lane, acc);
}

/// f16 and bf16: ldmatrix fragments of the warp's 16x16 slice of A and
/// 16x8 slices of B, one m16n8k16 MMA per n8 tile.
void TileKernel::computeLdMatrix(Value lane, SmallVector<Value> &acc) {
  // A: ldmatrix x4 of the warp's 16x16 slice; lane l addresses row l%16,
  // column (l/16)*8.
  Value aRow = add(warpRow, rem(lane, cst(16)));
  Value aCol = mul(div(lane, cst(16)), cst(8));
  Value fragA = nvgpu::LdMatrixOp::create(b, VectorType::get({4, 2}, elem), As,
                                          ValueRange{slot, aRow, aCol},
                                          /*transpose=*/false, /*numTiles=*/4);
  for (int64_t t = 0; t < tilesN; ++t) {
    // B: ldmatrix x2, transposed, of the 16x8 slice; lanes 0-15 address
    // rows k = l%16 at the tile's first column.
    Value bCol = add(warpCol, cst(t * 8));
    Value fragB = nvgpu::LdMatrixOp::create(
        b, VectorType::get({2, 2}, elem), Bs,
        ValueRange{slot, rem(lane, cst(16)), bCol}, /*transpose=*/true,
        /*numTiles=*/2);
    acc[t] = elem.isBF16()
                 ? mmaBf16(fragA, fragB, acc[t])
                 : nvgpu::MmaSyncOp::create(b, fragA, fragB, acc[t],
                                            ArrayRef<int64_t>{16, 8, 16});
  }
}

/// One m16n8k16 bf16 MMA as nvvm.mma.sync on the ldmatrix fragments
/// (each row of two bf16 is one 32-bit register) and the vector<2x2xf32>
/// accumulator (row-major: c0 c1 / c2 c3), as nvgpu.mma.sync would pass
/// them for f16.
Value TileKernel::mmaBf16(Value fragA, Value fragB, Value acc) {
  auto registers = [&](Value frag) {
    SmallVector<Value> regs;
    int64_t rows = cast<VectorType>(frag.getType()).getShape()[0];
    for (int64_t r = 0; r < rows; ++r) {
      Value pair = vector::ExtractOp::create(b, frag, ArrayRef<int64_t>{r});
      Value word = vector::BitCastOp::create(
          b, VectorType::get({1}, b.getI32Type()), pair);
      regs.push_back(vector::ExtractOp::create(b, word, ArrayRef<int64_t>{0}));
    }
    return regs;
  };
  SmallVector<Value> c;
  for (int64_t i = 0; i < 2; ++i)
    for (int64_t j = 0; j < 2; ++j)
      c.push_back(vector::ExtractOp::create(b, acc, ArrayRef<int64_t>{i, j}));
  Type f32 = b.getF32Type();
  auto resultType =
      LLVM::LLVMStructType::getLiteral(b.getContext(), {f32, f32, f32, f32});
  Value d = NVVM::MmaOp::create(
      b, resultType, registers(fragA), registers(fragB), c,
      ArrayRef<int64_t>{16, 8, 16}, std::nullopt, std::nullopt,
      std::array<NVVM::MMATypes, 2>{NVVM::MMATypes::bf16, NVVM::MMATypes::bf16},
      std::array<NVVM::MMALayout, 2>{NVVM::MMALayout::row,
                                     NVVM::MMALayout::col});
  SmallVector<Value> sums;
  for (int64_t i = 0; i < 4; ++i)
    sums.push_back(LLVM::ExtractValueOp::create(b, d, ArrayRef<int64_t>{i}));
  return vector::FromElementsOp::create(b, acc.getType(), sums);
}

/// TF32: two m16n8k8 steps per stage, fragments loaded element-wise.
void TileKernel::computeTf32(Value lane, SmallVector<Value> &acc) {
  Value group = div(lane, cst(4)), quad = rem(lane, cst(4));
  for (int64_t kk = 0; kk < kBlockK; kk += 8) {
    SmallVector<Value> aElems;
    for (auto [dr, dc] :
         {std::pair<int64_t, int64_t>{0, 0}, {8, 0}, {0, 4}, {8, 4}}) {
      Value r = add(add(warpRow, group), cst(dr));
      Value col = add(quad, cst(kk + dc));
      aElems.push_back(load(As, {slot, r, col}));
    }
    Value fragA = vector::FromElementsOp::create(
        b, VectorType::get({4, 1}, elem), aElems);
    for (int64_t t = 0; t < tilesN; ++t) {
      Value col = add(add(warpCol, cst(t * 8)), group);
      Value b0 = load(Bs, {slot, add(quad, cst(kk)), col});
      Value b1 = load(Bs, {slot, add(quad, cst(kk + 4)), col});
      Value fragB = vector::FromElementsOp::create(
          b, VectorType::get({2, 1}, elem), ValueRange{b0, b1});
      acc[t] = nvgpu::MmaSyncOp::create(b, fragA, fragB, acc[t],
                                        ArrayRef<int64_t>{16, 8, 8},
                                        /*tf32Enabled=*/true);
    }
  }
}

/// Exact f32: each lane updates the accumulator elements an MMA would give
/// it with FMAs, so that the epilogue is the same.
void TileKernel::computeFma(Value lane, SmallVector<Value> &acc) {
  Value group = div(lane, cst(4)), quad = rem(lane, cst(4));
  for (int64_t kk = 0; kk < kBlockK; ++kk) {
    Value rowsA[2] = {load(As, {slot, add(warpRow, group), cst(kk)}),
                      load(As, {slot, add(add(warpRow, group), cst(8)), cst(kk)})};
    for (int64_t t = 0; t < tilesN; ++t) {
      Value col = add(add(warpCol, cst(t * 8)), mul(quad, cst(2)));
      Value colsB[2] = {load(Bs, {slot, cst(kk), col}),
                        load(Bs, {slot, cst(kk), add(col, cst(1))})};
      SmallVector<Value> sums;
      for (int64_t i = 0; i < 2; ++i)
        for (int64_t j = 0; j < 2; ++j)
          sums.push_back(LLVM::FMAOp::create(
              b, rowsA[i], colsB[j],
              vector::ExtractOp::create(b, acc[t], ArrayRef<int64_t>{i, j})));
      acc[t] = vector::FromElementsOp::create(b, acc[t].getType(), sums);
    }
  }
}
