//===- TileKernel.cpp - The launch and k loop of the GPU tile kernel ------===//
//
// One gpu.launch of 128 threads (four warps) per block:
//
// * pack dim k (micro-tiles [tm, tk], groups = row blocks): block (g, n)
//   computes rows g*tm.. of C over the group's active k micro-tiles; the
//   block owns its output tile, so SWrite is a plain store.
// * pack dim m (micro-tiles [tm, tk], groups = k blocks): block (g, c, n)
//   computes the c-th chunk of 64 active rows of group g over its k block;
//   groups overlap in C, so SWrite adds with atomics.
// * dense (the fallback): block (r, n) computes 64 rows over all of k.
//
// Each block loops over 16-deep k stages: SRead into shared memory, the
// tile compute into per-warp accumulators, and after the loop the SWrite.
// The stages go through a ring of kStages shared-memory slots: the copies
// of stage i + kStages - 1 (cp.async where rows allow) are in flight while
// stage i is computed.
//
//===----------------------------------------------------------------------===//

#include "TileKernel.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/NVGPU/IR/NVGPUDialect.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/SymbolTable.h"

using namespace mlir;
using namespace mlir::spider;
using namespace mlir::spider::gpu_tile;

TileKernel::TileKernel(ImplicitLocOpBuilder &b, const MatmulPit &plan,
                       Mode mode, bool useTf32, Value a, Value bMat, Value c,
                       Value offsets, Value positions)
    : b(b), plan(plan), mode(mode), useTf32(useTf32), a(a), bMat(bMat), c(c),
      offsets(offsets), positions(positions) {
  elem = plan.element;
  blockM = mode == Mode::PackK ? plan.tm : 64;
  warpsM = blockM / 16;
  warpsN = 4 / warpsM;
  warpN = kBlockN / warpsN;
  tilesN = warpN / 8;
}

/// The grid's x and y extents (z covers the columns of C).
std::pair<Value, Value> TileKernel::grid(Value numGroups) {
  switch (mode) {
  case Mode::Dense:
    return {ceilDiv(M, cst(blockM)), cst(1)};
  case Mode::PackK:
    return {numGroups, cst(1)};
  case Mode::PackM: {
    // At most every row tile is active in a group.
    Value rows = mul(ceilDiv(M, cst(plan.tm)), cst(plan.tm));
    return {numGroups, ceilDiv(rows, cst(blockM))};
  }
  }
  llvm_unreachable("mode");
}

void TileKernel::emit(Value numGroups) {
  // Host-side extents, which the kernel body captures.
  M = memref::DimOp::create(b, a, 0);
  K = memref::DimOp::create(b, a, 1);
  N = memref::DimOp::create(b, bMat, 1);
  Value gridN = ceilDiv(N, cst(kBlockN));
  auto [gridX, gridY] = grid(numGroups);
  auto space =
      gpu::AddressSpaceAttr::get(b.getContext(), gpu::AddressSpace::Workgroup);
  auto [padA, padB] = sharedPadding();
  auto sharedA = MemRefType::get({kStages, blockM, kBlockK + padA}, elem,
                                 nullptr, space);
  auto sharedB = MemRefType::get({kStages, kBlockK, kBlockN + padB}, elem,
                                 nullptr, space);
  Value one = cst(1);
  // Shared memory as workgroup globals rather than launch attributions:
  // buffer deallocation, which runs after this pass, would thread
  // ownership through memref block arguments of the launch.
  StringAttr globalA = sharedGlobal("__spider_smem_a", sharedA);
  StringAttr globalB = sharedGlobal("__spider_smem_b", sharedB);
  auto launch =
      gpu::LaunchOp::create(b, gridX, gridY, gridN, cst(kThreads), one, one);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(&launch.getBody().front());
  tid = launch.getThreadIds().x;
  As = memref::GetGlobalOp::create(b, sharedA, globalA.getValue());
  Bs = memref::GetGlobalOp::create(b, sharedB, globalB.getValue());
  emitBody(launch.getBlockIds().x, launch.getBlockIds().y,
           launch.getBlockIds().z);
  gpu::TerminatorOp::create(b);
}

/// Elements past the end of each row of As and Bs, so that the rows a warp
/// reads at once fall in distinct shared-memory banks (32 banks of 4
/// bytes; a padded row stays a multiple of 16 bytes for cp.async and
/// ldmatrix):
/// - f16, bf16: ldmatrix reads 8 rows of 16 bytes per phase. Unpadded, A's
///   32-byte rows put rows r and r+4 in the same banks (2-way) and B's
///   128-byte rows all 8 rows in the same 4 banks (8-way on ldmatrix.trans).
///   8 elements more make the strides 48 and 144 bytes: 12 and 36 words,
///   which put the 8 rows in 8 disjoint groups of 4 banks.
/// - f32 (TF32 fragments and FMAs): lanes read A[g][q] and B[q][g] (g =
///   lane / 4, q = lane % 4). Strides of 20 and 72 words (4 and 8 elements
///   more) give each of the 32 lanes its own bank; 16 and 64 words were
///   4-way conflicts.
std::pair<int64_t, int64_t> TileKernel::sharedPadding() {
  if (elem.isF32())
    return {4, 8};
  return {8, 8};
}

/// A fresh workgroup-memory global of `type` in the enclosing module.
StringAttr TileKernel::sharedGlobal(StringRef name, MemRefType type) {
  auto module =
      b.getInsertionBlock()->getParentOp()->getParentOfType<ModuleOp>();
  OpBuilder mb(module.getContext()); // Detached: the table inserts it.
  auto global = memref::GlobalOp::create(
      mb, b.getLoc(), mb.getStringAttr(name), mb.getStringAttr("private"),
      TypeAttr::get(type), Attribute(), /*constant=*/UnitAttr(),
      /*alignment=*/mb.getI64IntegerAttr(16));
  SymbolTable(module).insert(global, module.getBody()->begin());
  return global.getSymNameAttr();
}

/// The k of packed column `j` of the current stage, and whether it is real.
std::pair<Value, Value> TileKernel::columnK(Value j) {
  switch (mode) {
  case Mode::Dense:
    return {j, lt(j, K)};
  case Mode::PackK: {
    // Clamped: beyond the packed length the position read would leave
    // the group (the result is masked by `valid` below).
    Value last = maxOf(sub(packedK, cst(1)), cst(0));
    Value tile = load(positions, add(start, div(minOf(j, last), cst(plan.tk))));
    Value kk = add(mul(tile, cst(plan.tk)), rem(j, cst(plan.tk)));
    return {kk, both(lt(j, packedK), lt(kk, K))};
  }
  case Mode::PackM: {
    Value kk = add(kBase, j);
    return {kk, lt(j, kLength)};
  }
  }
  llvm_unreachable("mode");
}

/// The row of C (and A) of packed row `i` of the block, and whether it is
/// real.
std::pair<Value, Value> TileKernel::rowOf(Value i) {
  if (mode != Mode::PackM) {
    Value row = add(rowBase, i);
    return {row, lt(row, M)};
  }
  Value packed = add(rowBase, i);
  Value valid = lt(packed, packedRows);
  // Clamp, so that the position read stays inside the group.
  Value slot =
      add(start, div(minOf(packed, sub(packedRows, cst(1))), cst(plan.tm)));
  Value tile = load(positions, slot);
  Value row = add(mul(tile, cst(plan.tm)), rem(packed, cst(plan.tm)));
  return {row, both(valid, lt(row, M))};
}

/// Where block (bx, by, bz) works, then its tile.
void TileKernel::emitBody(Value bx, Value by, Value bz) {
  n0 = mul(bz, cst(kBlockN));
  if (mode == Mode::Dense) {
    rowBase = mul(bx, cst(blockM));
    return emitTile(ceilDiv(K, cst(kBlockK)));
  }
  start = load(offsets, bx);
  Value count = sub(load(offsets, add(bx, cst(1))), start);
  if (mode == Mode::PackK) {
    rowBase = mul(bx, cst(plan.tm));
    packedK = mul(count, cst(plan.tk));
    return emitTile(ceilDiv(packedK, cst(kBlockK)));
  }
  // PackM: a block of packed rows, over the group's k block.
  rowBase = mul(by, cst(blockM));
  packedRows = mul(count, cst(plan.tm));
  kBase = mul(bx, cst(plan.tk));
  kLength = maxOf(minOf(cst(plan.tk), sub(K, kBase)), cst(0));
  auto active = scf::IfOp::create(b, lt(rowBase, packedRows),
                                  /*withElseRegion=*/false);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(&active.getThenRegion().front());
  emitTile(ceilDiv(kLength, cst(kBlockK)));
}

/// The k loop over shared-memory stages, then the epilogue. Stage i lives
/// in slot i % kStages. Iteration i:
///   barrier            (every warp is done reading slot (i - 1) % kStages)
///   issue stage i + kStages - 1 into that slot, commit its copies
///   wait until at most kStages - 1 groups are pending (stage i has landed)
///   barrier            (every thread's copies of stage i are visible)
///   compute stage i from slot i % kStages
/// Stages past the end read nothing: their copies zero-fill (columnK says
/// they are not real), so the ring needs no guard. A tile of no stages (an
/// empty group, K = 0) adds nothing to C and is skipped: its first stages,
/// staged before the loop, would read outside the positions array and A.
void TileKernel::emitTile(Value numStages) {
  auto any = scf::IfOp::create(b, lt(cst(0), numStages),
                               /*withElseRegion=*/false);
  OpBuilder::InsertionGuard outer(b);
  b.setInsertionPointToStart(&any.getThenRegion().front());
  Value lane = rem(tid, cst(32));
  Value warp = div(tid, cst(32));
  warpRow = mul(rem(warp, cst(warpsM)), cst(16));
  warpCol = mul(div(warp, cst(warpsM)), cst(warpN));
  auto accType = VectorType::get({2, 2}, b.getF32Type());
  SmallVector<Value> inits(tilesN, zero(accType));
  bool async = false;
  for (int64_t s = 0; s + 1 < kStages; ++s) {
    async = issueStage(cst(s * kBlockK), cst(s));
    if (async)
      commitGroup();
  }
  Value zeroIdx = cst(0), oneIdx = cst(1);
  auto loop = scf::ForOp::create(b, zeroIdx, numStages, oneIdx, inits);
  {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(loop.getBody());
    Value i = loop.getInductionVar();
    gpu::BarrierOp::create(b);
    Value ahead = add(i, cst(kStages - 1));
    issueStage(mul(ahead, cst(kBlockK)), rem(ahead, cst(kStages)));
    if (async)
      nvgpu::DeviceAsyncWaitOp::create(b, commitGroup(),
                                       b.getI32IntegerAttr(kStages - 1));
    gpu::BarrierOp::create(b);
    slot = rem(i, cst(kStages));
    SmallVector<Value> acc(loop.getRegionIterArgs());
    compute(lane, acc);
    scf::YieldOp::create(b, acc);
  }
  // Nothing may still write shared memory when the block moves on.
  if (async)
    nvgpu::DeviceAsyncWaitOp::create(b, commitGroup(), b.getI32IntegerAttr(0));
  epilogue(lane, loop.getResults());
}

/// Copies the stage at k offset `stage` into slot `slotIndex`; returns
/// whether the copies are asynchronous (then they need a commit).
bool TileKernel::issueStage(Value stage, Value slotIndex) {
  slot = slotIndex;
  bool async = stageA(stage);
  async |= stageB(stage);
  return async;
}

/// Commits the asynchronous copies issued since the last commit as one
/// group (cp.async.commit_group).
Value TileKernel::commitGroup() {
  return nvgpu::DeviceAsyncCreateGroupOp::create(
      b, nvgpu::DeviceAsyncTokenType::get(b.getContext()), ValueRange{});
}
