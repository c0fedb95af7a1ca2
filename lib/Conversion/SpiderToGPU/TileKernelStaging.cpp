//===- TileKernelStaging.cpp - SRead of the tile kernel -------------------===//
//
// SRead stages 16-deep k slices of A and B in shared memory, with
// asynchronous copies (cp.async.cg as nvgpu.device_async_copy, zero-filled
// past the boundary) where the source rows are contiguous and 16-byte
// aligned, element loads otherwise (A's single columns with [tm, 1]
// micro-tiles, rows whose length is not known to be a multiple of 16 bytes).
//
//===----------------------------------------------------------------------===//

#include "TileKernel.h"

#include "mlir/Dialect/NVGPU/IR/NVGPUDialect.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

using namespace mlir;
using namespace mlir::spider;
using namespace mlir::spider::gpu_tile;

/// Elements per 16-byte asynchronous copy.
int64_t TileKernel::vectorElements() {
  return 16 / (elem.getIntOrFloatBitWidth() / 8);
}

/// cp.async.cg: the 16-byte copies of A and B go to shared memory through
/// L2 only. A block reads each chunk once; caching it in L1 (.ca) would
/// only evict what the epilogue reads.
UnitAttr TileKernel::streamed() { return b.getUnitAttr(); }

/// Whether rows of `memref` can be copied in 16-byte chunks: a static row
/// length that is a multiple of the chunk (so every chunk is aligned).
bool TileKernel::asyncRows(Value memref) {
  auto type = cast<MemRefType>(memref.getType());
  return !type.isDynamicDim(1) && type.getDimSize(1) % vectorElements() == 0;
}

/// Element-wise staging: each thread stores its share of the rows x
/// columns tile `shared`, `source(r, col)` giving the value and whether it
/// is real (a zero is stored where it is not).
template <typename Fn>
void TileKernel::stageElements(Value shared, int64_t rows, int64_t columns,
                               Fn source) {
  for (int64_t i = 0; i < rows * columns / kThreads; ++i) {
    Value e = add(tid, cst(i * kThreads));
    Value r = div(e, cst(columns)), col = rem(e, cst(columns));
    auto [value, valid] = source(r, col);
    memref::StoreOp::create(b, select(valid, value, zero(elem)), shared,
                            ValueRange{slot, r, col});
  }
}

/// SRead of A's stage: As[r][j] = A[row(r)][k(stage + j)]. Returns
/// whether it issued asynchronous copies.
bool TileKernel::stageA(Value stage) {
  // Contiguous 16-byte chunks along k: dense mode, or micro-tiles that
  // span whole chunks.
  if (asyncRows(a) &&
      (mode == Mode::Dense || plan.tk % vectorElements() == 0)) {
    stageAAsync(stage);
    return true;
  }
  stageElements(As, blockM, kBlockK, [&](Value r, Value j) {
    auto [row, rowValid] = rowOf(r);
    auto [kk, kValid] = columnK(add(stage, j));
    Value valid = both(rowValid, kValid);
    Value v = load(a, {select(valid, row, cst(0)), select(valid, kk, cst(0))});
    return std::make_pair(v, valid);
  });
  return false;
}

/// A's stage in 16-byte chunks along k; a chunk past the boundary copies
/// nothing and zero-fills.
void TileKernel::stageAAsync(Value stage) {
  int64_t vec = vectorElements();
  int64_t numChunks = blockM * kBlockK / vec;
  for (int64_t i = 0; i * kThreads < numChunks; ++i) {
    Value chunk = add(tid, cst(i * kThreads));
    auto guard = scf::IfOp::create(b, lt(chunk, cst(numChunks)), false);
    OpBuilder::InsertionGuard g(b);
    b.setInsertionPointToStart(&guard.getThenRegion().front());
    Value r = div(chunk, cst(kBlockK / vec));
    Value j = mul(rem(chunk, cst(kBlockK / vec)), cst(vec));
    auto [row, rowValid] = rowOf(r);
    auto [kk, kValid] = columnK(add(stage, j));
    Value valid = both(rowValid, kValid);
    Value srcRow = select(valid, row, cst(0));
    Value srcK = select(valid, kk, cst(0));
    Value copied = select(valid, cst(vec), cst(0));
    nvgpu::DeviceAsyncCopyOp::create(
        b, nvgpu::DeviceAsyncTokenType::get(b.getContext()), As,
        ValueRange{slot, r, j}, a, ValueRange{srcRow, srcK}, b.getIndexAttr(vec),
        copied, streamed());
  }
}

/// SRead of B's stage: Bs[j][c] = B[k(stage + j)][n0 + c]. Returns
/// whether it issued asynchronous copies.
bool TileKernel::stageB(Value stage) {
  if (asyncRows(bMat)) {
    stageBAsync(stage);
    return true;
  }
  stageElements(Bs, kBlockK, kBlockN, [&](Value j, Value col) {
    auto [kk, kValid] = columnK(add(stage, j));
    Value column = add(n0, col);
    Value valid = both(kValid, lt(column, N));
    Value v =
        load(bMat, {select(valid, kk, cst(0)), select(valid, column, cst(0))});
    return std::make_pair(v, valid);
  });
  return false;
}

/// B's stage in 16-byte chunks along n (the chunks divide the threads
/// evenly, so no guard).
void TileKernel::stageBAsync(Value stage) {
  int64_t vec = vectorElements();
  int64_t numChunks = kBlockK * kBlockN / vec;
  for (int64_t i = 0; i < numChunks / kThreads; ++i) {
    Value chunk = add(tid, cst(i * kThreads));
    Value j = div(chunk, cst(kBlockN / vec));
    Value col = mul(rem(chunk, cst(kBlockN / vec)), cst(vec));
    auto [kk, kValid] = columnK(add(stage, j));
    Value column = add(n0, col);
    Value valid = both(kValid, lt(column, N));
    nvgpu::DeviceAsyncCopyOp::create(
        b, nvgpu::DeviceAsyncTokenType::get(b.getContext()), Bs,
        ValueRange{slot, j, col}, bMat,
        ValueRange{select(valid, kk, cst(0)), select(valid, column, cst(0))},
        b.getIndexAttr(vec), select(valid, cst(vec), cst(0)), streamed());
  }
}
