//===- LowerPitToGpu.cpp - spider.pit on matmuls to GPU tile kernels ------===//
//
// A spider.pit whose computation is a matmul C[m,n] += A[m,k] * B[k,n] with
// the sparse operand A becomes one `gpu.launch`:
//
// * pack dim k (micro-tiles [tm, tk], groups = row blocks): block (g, n)
//   computes rows g*tm.. of C over the group's active k micro-tiles; the
//   block owns its output tile, so SWrite is a plain store.
// * pack dim m (micro-tiles [tm, tk], groups = k blocks): block (g, c, n)
//   computes the c-th chunk of 64 active rows of group g over its k block;
//   groups overlap in C, so SWrite adds with atomics.
//
// SRead stages 16-deep k slices of A and B in shared memory, with
// asynchronous copies (cp.async, zero-filled past the boundary) where the
// source is contiguous and 16-byte aligned, element loads otherwise. The
// tile compute runs on tensor cores for f16 and bf16 (mma.sync m16n8k16
// with ldmatrix, accumulating in f32; bf16 as nvvm.mma.sync, which MLIR 22's
// nvgpu.mma.sync does not lower) and on FMAs for f32 (or in TF32 on tensor
// cores with the tf32 option).
// The dense fallback (dense_threshold) is the same kernel over all of k.
//
//===----------------------------------------------------------------------===//

#include "IndexGroups.h"
#include "spider/Dialect/Spider/IR/SpiderOps.h"
#include "spider/Dialect/Spider/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/IR/LinalgInterfaces.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/NVGPU/IR/NVGPUDialect.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"

namespace mlir::spider {
#define GEN_PASS_DEF_SPIDERLOWERPITTOGPU
#include "spider/Dialect/Spider/Transforms/Passes.h.inc"
} // namespace mlir::spider

using namespace mlir;
using namespace mlir::spider;

namespace {

constexpr int64_t kThreads = 128; ///< Four warps.
constexpr int64_t kBlockK = 16;   ///< k depth of one shared-memory stage.
constexpr int64_t kBlockN = 64;   ///< Columns of C per block.

/// A spider.pit the tile kernel implements.
struct MatmulPit {
  PitOp pit;
  linalg::LinalgOp op;
  bool packK = true;     ///< Pack dim is k (else m).
  int64_t tm = 1, tk = 1; ///< A's micro-tile.
  Type element;          ///< Of A and B: f16, bf16 or f32.
};

bool isMatmulMaps(linalg::LinalgOp op) {
  if (op.getNumLoops() != 3 || op.getNumDpsInputs() != 2 ||
      op.getNumDpsInits() != 1)
    return false;
  MLIRContext *ctx = op->getContext();
  AffineExpr m, n, k;
  bindDims(ctx, m, n, k);
  auto maps = op.getIndexingMapsArray();
  auto expect = [&](AffineExpr a, AffineExpr b) {
    return AffineMap::get(3, 0, {a, b}, ctx);
  };
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  return maps[0] == expect(m, k) && maps[1] == expect(k, n) &&
         maps[2] == expect(m, n) &&
         iterators[0] == utils::IteratorType::parallel &&
         iterators[1] == utils::IteratorType::parallel &&
         iterators[2] == utils::IteratorType::reduction;
}

/// Returns why `pit` has no GPU tile kernel, or "" (filling `plan`).
std::string match(PitOp pit, MatmulPit &plan) {
  auto op = dyn_cast<linalg::LinalgOp>(pit.getComputation());
  if (!op || !isMatmulMaps(op) || !linalg::isaContractionOpInterface(op))
    return "its computation is not a matmul C[m,n] += A[m,k] * B[k,n]";
  Block &body = pit.getBody().front();
  if (op.getDpsInputOperand(0)->get() !=
      body.getArgument(pit.getSparseOperand()))
    return "its sparse operand is not the matmul's left operand";
  unsigned numInputs = pit.getInputs().size();
  auto init = dyn_cast<BlockArgument>(op.getDpsInitOperand(0)->get());
  if (!init || init.getOwner() != &body || init.getArgNumber() != numInputs)
    return "the matmul's output is not the spider.pit output";
  if (ValueRange(body.getTerminator()->getOperands()) !=
      ValueRange(op->getResults()))
    return "spider.pit does not yield the matmul's result";
  auto typeOf = [](Value v) { return cast<ShapedType>(v.getType()); };
  Type a = typeOf(op.getDpsInputOperand(0)->get()).getElementType();
  Type b = typeOf(op.getDpsInputOperand(1)->get()).getElementType();
  Type c = typeOf(op.getDpsInitOperand(0)->get()).getElementType();
  if (a != b || !(a.isF16() || a.isBF16() || a.isF32()))
    return "its operands are not both f16, both bf16 or both f32";
  if (!c.isF32())
    return "its result is not f32 (the tensor cores accumulate in f32)";
  TileIndexType index = pit.getIndex().getType();
  if (index.getRank() != 2)
    return "its index is not two-dimensional";
  plan.pit = pit;
  plan.op = op;
  plan.packK = index.getPackDim() == 1;
  plan.tm = index.getMicrotile()[0];
  plan.tk = index.getMicrotile()[1];
  plan.element = a;
  if (plan.packK && plan.tm != 16 && plan.tm != 32 && plan.tm != 64)
    return "packed along k, its micro-tile must be 16, 32 or 64 rows, not " +
           std::to_string(plan.tm);
  return "";
}

/// Emits the tile kernel for one matmul into the current function.
class TileKernel {
public:
  enum class Mode { PackK, PackM, Dense };

  TileKernel(ImplicitLocOpBuilder &b, const MatmulPit &plan, Mode mode,
             bool useTf32, Value a, Value bMat, Value c, Value offsets,
             Value positions)
      : b(b), plan(plan), mode(mode), useTf32(useTf32), a(a), bMat(bMat),
        c(c), offsets(offsets), positions(positions) {
    elem = plan.element;
    blockM = mode == Mode::PackK ? plan.tm : 64;
    warpsM = blockM / 16;
    warpsN = 4 / warpsM;
    warpN = kBlockN / warpsN;
    tilesN = warpN / 8;
  }

  void emit(Value numGroups) {
    Value m = memref::DimOp::create(b, a, 0);
    Value k = memref::DimOp::create(b, a, 1);
    Value n = memref::DimOp::create(b, bMat, 1);
    Value gridN = ceilDiv(n, cst(kBlockN));
    Value gridX, gridY;
    if (mode == Mode::Dense) {
      gridX = ceilDiv(m, cst(blockM));
      gridY = cst(1);
    } else if (mode == Mode::PackK) {
      gridX = numGroups;
      gridY = cst(1);
    } else {
      gridX = numGroups;
      // At most every row tile is active in a group.
      Value rows = mul(ceilDiv(m, cst(plan.tm)), cst(plan.tm));
      gridY = ceilDiv(rows, cst(blockM));
    }
    auto space = gpu::AddressSpaceAttr::get(b.getContext(),
                                            gpu::AddressSpace::Workgroup);
    auto sharedA = MemRefType::get({blockM, kBlockK}, elem, nullptr, space);
    auto sharedB = MemRefType::get({kBlockK, kBlockN}, elem, nullptr, space);
    Value one = cst(1);
    // Shared memory as workgroup globals rather than launch attributions:
    // buffer deallocation, which runs after this pass, would thread
    // ownership through memref block arguments of the launch.
    StringAttr globalA = sharedGlobal("__spider_smem_a", sharedA);
    StringAttr globalB = sharedGlobal("__spider_smem_b", sharedB);
    auto launch = gpu::LaunchOp::create(b, gridX, gridY, gridN, cst(kThreads),
                                        one, one);
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(&launch.getBody().front());
    M = m;
    K = k;
    N = n;
    tid = launch.getThreadIds().x;
    As = memref::GetGlobalOp::create(b, sharedA, globalA.getValue());
    Bs = memref::GetGlobalOp::create(b, sharedB, globalB.getValue());
    emitBody(launch.getBlockIds().x, launch.getBlockIds().y,
             launch.getBlockIds().z);
    gpu::TerminatorOp::create(b);
  }

private:
  /// A fresh workgroup-memory global of `type` in the enclosing module.
  StringAttr sharedGlobal(StringRef name, MemRefType type) {
    auto module = b.getInsertionBlock()->getParentOp()->getParentOfType<ModuleOp>();
    OpBuilder mb(module.getContext()); // Detached: the table inserts it.
    auto global = memref::GlobalOp::create(
        mb, b.getLoc(), mb.getStringAttr(name), mb.getStringAttr("private"),
        TypeAttr::get(type), Attribute(), /*constant=*/UnitAttr(),
        /*alignment=*/mb.getI64IntegerAttr(16));
    SymbolTable(module).insert(global, module.getBody()->begin());
    return global.getSymNameAttr();
  }

  // Index arithmetic.
  Value cst(int64_t v) { return arith::ConstantIndexOp::create(b, v); }
  Value add(Value x, Value y) { return arith::AddIOp::create(b, x, y); }
  Value sub(Value x, Value y) { return arith::SubIOp::create(b, x, y); }
  Value mul(Value x, Value y) { return arith::MulIOp::create(b, x, y); }
  Value div(Value x, Value y) { return arith::DivUIOp::create(b, x, y); }
  Value rem(Value x, Value y) { return arith::RemUIOp::create(b, x, y); }
  Value minOf(Value x, Value y) { return arith::MinSIOp::create(b, x, y); }
  Value maxOf(Value x, Value y) { return arith::MaxSIOp::create(b, x, y); }
  Value ceilDiv(Value x, Value y) { return arith::CeilDivSIOp::create(b, x, y); }
  Value lt(Value x, Value y) {
    return arith::CmpIOp::create(b, arith::CmpIPredicate::slt, x, y);
  }
  Value both(Value x, Value y) { return arith::AndIOp::create(b, x, y); }
  Value select(Value cond, Value x, Value y) {
    return arith::SelectOp::create(b, cond, x, y);
  }
  Value zero(Type t) {
    return arith::ConstantOp::create(b, t, b.getZeroAttr(t));
  }
  Value load(Value memref, ValueRange indices) {
    return memref::LoadOp::create(b, memref, indices);
  }

  /// Static extent of `memref`'s axis when known.
  std::optional<int64_t> staticDim(Value memref, unsigned axis) {
    auto type = cast<MemRefType>(memref.getType());
    if (type.isDynamicDim(axis))
      return std::nullopt;
    return type.getDimSize(axis);
  }

  /// Elements per 16-byte asynchronous copy.
  int64_t vectorElements() { return 16 / (elem.getIntOrFloatBitWidth() / 8); }

  /// Whether rows of `memref` can be copied in 16-byte chunks: a static row
  /// length that is a multiple of the chunk (so every chunk is aligned).
  bool asyncRows(Value memref) {
    std::optional<int64_t> columns = staticDim(memref, 1);
    return columns && *columns % vectorElements() == 0;
  }

  /// The k of packed column `j` of the current stage, and whether it is real.
  std::pair<Value, Value> columnK(Value j) {
    switch (mode) {
    case Mode::Dense:
      return {j, lt(j, K)};
    case Mode::PackK: {
      // Clamped: beyond the packed length the position read would leave
      // the group (the result is masked by `valid` below).
      Value last = maxOf(sub(packedK, cst(1)), cst(0));
      Value tile =
          load(positions, add(start, div(minOf(j, last), cst(plan.tk))));
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
  std::pair<Value, Value> rowOf(Value i) {
    if (mode != Mode::PackM) {
      Value row = add(rowBase, i);
      return {row, lt(row, M)};
    }
    Value packed = add(rowBase, i);
    Value valid = lt(packed, packedRows);
    // Clamp, so that the position read stays inside the group.
    Value slot = add(start, div(minOf(packed, sub(packedRows, cst(1))),
                                cst(plan.tm)));
    Value tile = load(positions, slot);
    Value row = add(mul(tile, cst(plan.tm)), rem(packed, cst(plan.tm)));
    return {row, both(valid, lt(row, M))};
  }

  void emitBody(Value bx, Value by, Value bz) {
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

  /// The k loop over shared-memory stages, then the epilogue.
  void emitTile(Value numStages) {
    Value lane = rem(tid, cst(32));
    Value warp = div(tid, cst(32));
    warpRow = mul(rem(warp, cst(warpsM)), cst(16));
    warpCol = mul(div(warp, cst(warpsM)), cst(warpN));
    auto accType = VectorType::get({2, 2}, b.getF32Type());
    SmallVector<Value> inits(tilesN, zero(accType));
    Value zeroIdx = cst(0), oneIdx = cst(1);
    auto loop = scf::ForOp::create(b, zeroIdx, numStages, oneIdx, inits);
    {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(loop.getBody());
      Value stage = mul(loop.getInductionVar(), cst(kBlockK));
      gpu::BarrierOp::create(b); // The last stage's reads are done.
      bool async = stageA(stage);
      async |= stageB(stage);
      if (async) {
        // One group for the stage's copies, then wait for it.
        Value group = nvgpu::DeviceAsyncCreateGroupOp::create(
            b, nvgpu::DeviceAsyncTokenType::get(b.getContext()),
            ValueRange{});
        nvgpu::DeviceAsyncWaitOp::create(b, group, nullptr);
      }
      gpu::BarrierOp::create(b);
      SmallVector<Value> acc(loop.getRegionIterArgs());
      compute(lane, acc);
      scf::YieldOp::create(b, acc);
    }
    epilogue(lane, loop.getResults());
  }

  /// Element-wise staging: `count` elements of a rows x columns tile.
  template <typename Fn>
  void stageElements(Value shared, int64_t rows, int64_t columns, Fn source) {
    for (int64_t i = 0; i < rows * columns / kThreads; ++i) {
      Value e = add(tid, cst(i * kThreads));
      Value r = div(e, cst(columns)), col = rem(e, cst(columns));
      auto [value, valid] = source(r, col);
      memref::StoreOp::create(b, select(valid, value, zero(elem)), shared,
                              ValueRange{r, col});
    }
  }

  /// SRead of A's stage: As[r][j] = A[row(r)][k(stage + j)]. Returns
  /// whether it issued asynchronous copies.
  bool stageA(Value stage) {
    int64_t vec = vectorElements();
    // Contiguous 16-byte chunks along k: dense mode, or micro-tiles that
    // span whole chunks.
    bool chunks = asyncRows(a) && (mode == Mode::Dense || plan.tk % vec == 0);
    if (chunks) {
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
            ValueRange{r, j}, a, ValueRange{srcRow, srcK},
            b.getIndexAttr(vec), copied, nullptr);
      }
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

  /// SRead of B's stage: Bs[j][c] = B[k(stage + j)][n0 + c]. Returns
  /// whether it issued asynchronous copies.
  bool stageB(Value stage) {
    int64_t vec = vectorElements();
    if (asyncRows(bMat)) {
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
            ValueRange{j, col}, bMat,
            ValueRange{select(valid, kk, cst(0)), select(valid, column, cst(0))},
            b.getIndexAttr(vec), select(valid, cst(vec), cst(0)), nullptr);
      }
      return true;
    }
    stageElements(Bs, kBlockK, kBlockN, [&](Value j, Value col) {
      auto [kk, kValid] = columnK(add(stage, j));
      Value column = add(n0, col);
      Value valid = both(kValid, lt(column, N));
      Value v = load(bMat, {select(valid, kk, cst(0)),
                            select(valid, column, cst(0))});
      return std::make_pair(v, valid);
    });
    return false;
  }

  /// One stage of warp-level MMAs into `acc` (one vector<2x2xf32> per n8
  /// tile of the warp).
  void compute(Value lane, SmallVector<Value> &acc) {
    if (elem.isF32())
      return useTf32 ? computeTf32(lane, acc) : computeFma(lane, acc);
    // A: ldmatrix x4 of the warp's 16x16 slice; lane l addresses row l%16,
    // column (l/16)*8.
    Value aRow = add(warpRow, rem(lane, cst(16)));
    Value aCol = mul(div(lane, cst(16)), cst(8));
    Value fragA = nvgpu::LdMatrixOp::create(
        b, VectorType::get({4, 2}, elem), As, ValueRange{aRow, aCol},
        /*transpose=*/false, /*numTiles=*/4);
    for (int64_t t = 0; t < tilesN; ++t) {
      // B: ldmatrix x2, transposed, of the 16x8 slice; lanes 0-15 address
      // rows k = l%16 at the tile's first column.
      Value bCol = add(warpCol, cst(t * 8));
      Value fragB = nvgpu::LdMatrixOp::create(
          b, VectorType::get({2, 2}, elem), Bs,
          ValueRange{rem(lane, cst(16)), bCol}, /*transpose=*/true,
          /*numTiles=*/2);
      acc[t] = elem.isBF16() ? mmaBf16(fragA, fragB, acc[t])
                             : nvgpu::MmaSyncOp::create(
                                   b, fragA, fragB, acc[t],
                                   ArrayRef<int64_t>{16, 8, 16});
    }
  }

  /// One m16n8k16 bf16 MMA as nvvm.mma.sync on the ldmatrix fragments
  /// (each row of two bf16 is one 32-bit register) and the vector<2x2xf32>
  /// accumulator (row-major: c0 c1 / c2 c3), as nvgpu.mma.sync would pass
  /// them for f16.
  Value mmaBf16(Value fragA, Value fragB, Value acc) {
    auto registers = [&](Value frag) {
      SmallVector<Value> regs;
      int64_t rows = cast<VectorType>(frag.getType()).getShape()[0];
      for (int64_t r = 0; r < rows; ++r) {
        Value pair = vector::ExtractOp::create(b, frag, ArrayRef<int64_t>{r});
        Value word = vector::BitCastOp::create(
            b, VectorType::get({1}, b.getI32Type()), pair);
        regs.push_back(
            vector::ExtractOp::create(b, word, ArrayRef<int64_t>{0}));
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
        std::array<NVVM::MMATypes, 2>{NVVM::MMATypes::bf16,
                                      NVVM::MMATypes::bf16},
        std::array<NVVM::MMALayout, 2>{NVVM::MMALayout::row,
                                       NVVM::MMALayout::col});
    SmallVector<Value> sums;
    for (int64_t i = 0; i < 4; ++i)
      sums.push_back(LLVM::ExtractValueOp::create(b, d, ArrayRef<int64_t>{i}));
    return vector::FromElementsOp::create(b, acc.getType(), sums);
  }

  /// TF32: two m16n8k8 steps per stage, fragments loaded element-wise.
  void computeTf32(Value lane, SmallVector<Value> &acc) {
    Value group = div(lane, cst(4)), quad = rem(lane, cst(4));
    for (int64_t kk = 0; kk < kBlockK; kk += 8) {
      SmallVector<Value> aElems;
      for (auto [dr, dc] : {std::pair<int64_t, int64_t>{0, 0}, {8, 0}, {0, 4},
                            {8, 4}}) {
        Value r = add(add(warpRow, group), cst(dr));
        Value col = add(quad, cst(kk + dc));
        aElems.push_back(load(As, {r, col}));
      }
      Value fragA = vector::FromElementsOp::create(
          b, VectorType::get({4, 1}, elem), aElems);
      for (int64_t t = 0; t < tilesN; ++t) {
        Value col = add(add(warpCol, cst(t * 8)), group);
        Value b0 = load(Bs, {add(quad, cst(kk)), col});
        Value b1 = load(Bs, {add(quad, cst(kk + 4)), col});
        Value fragB = vector::FromElementsOp::create(
            b, VectorType::get({2, 1}, elem), ValueRange{b0, b1});
        acc[t] = nvgpu::MmaSyncOp::create(b, fragA, fragB, acc[t],
                                          ArrayRef<int64_t>{16, 8, 8},
                                          /*tf32Enabled=*/true);
      }
    }
  }

  /// Exact f32: each lane updates the accumulator elements an MMA would give
  /// it (rows l/4 and l/4+8, columns 2*(l%4) and +1 of every n8 tile) with
  /// FMAs, so that the epilogue is the same.
  void computeFma(Value lane, SmallVector<Value> &acc) {
    Value group = div(lane, cst(4)), quad = rem(lane, cst(4));
    for (int64_t kk = 0; kk < kBlockK; ++kk) {
      Value rowsA[2] = {load(As, {add(warpRow, group), cst(kk)}),
                        load(As, {add(add(warpRow, group), cst(8)), cst(kk)})};
      for (int64_t t = 0; t < tilesN; ++t) {
        Value col = add(add(warpCol, cst(t * 8)), mul(quad, cst(2)));
        Value colsB[2] = {load(Bs, {cst(kk), col}),
                          load(Bs, {cst(kk), add(col, cst(1))})};
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

  /// SWrite: C[row][col] += acc, with atomics where groups overlap in C.
  void epilogue(Value lane, ValueRange acc) {
    Value group = div(lane, cst(4)), quad = rem(lane, cst(4));
    for (int64_t t = 0; t < tilesN; ++t) {
      for (int64_t i = 0; i < 2; ++i) {
        auto [row, rowValid] = rowOf(add(add(warpRow, group), cst(8 * i)));
        for (int64_t j = 0; j < 2; ++j) {
          Value col = add(add(n0, add(warpCol, cst(t * 8))),
                          add(mul(quad, cst(2)), cst(j)));
          Value valid = both(rowValid, lt(col, N));
          Value v = vector::ExtractOp::create(b, acc[t],
                                              ArrayRef<int64_t>{i, j});
          auto store = scf::IfOp::create(b, valid, false);
          OpBuilder::InsertionGuard g(b);
          b.setInsertionPointToStart(&store.getThenRegion().front());
          if (mode == Mode::PackM) {
            memref::AtomicRMWOp::create(b, arith::AtomicRMWKind::addf, v, c,
                                        ValueRange{row, col});
          } else {
            Value old = load(c, {row, col});
            memref::StoreOp::create(b, arith::AddFOp::create(b, old, v), c,
                                    ValueRange{row, col});
          }
        }
      }
    }
  }

  ImplicitLocOpBuilder &b;
  const MatmulPit &plan;
  Mode mode;
  bool useTf32;
  Value a, bMat, c, offsets, positions;
  Type elem;
  int64_t blockM, warpsM, warpsN, warpN, tilesN;
  // Inside the kernel.
  Value M, K, N, tid, As, Bs, n0, rowBase, start, packedK, packedRows, kBase,
      kLength, warpRow, warpCol;
};

/// `tensor` as a read-only, row-major, contiguous buffer: a view of a
/// larger buffer is copied, so that every row starts 16-byte aligned when
/// its length is a multiple of 16 bytes (what cp.async needs).
Value rowMajorBuffer(ImplicitLocOpBuilder &b, Value tensor) {
  auto type = cast<RankedTensorType>(tensor.getType());
  auto memref = MemRefType::get(type.getShape(), type.getElementType());
  return bufferization::ToBufferOp::create(b, memref, tensor,
                                           /*readOnly=*/true);
}

void lower(MatmulPit plan, bool useTf32) {
  PitOp pit = plan.pit;
  ImplicitLocOpBuilder b(pit.getLoc(), pit);
  Value a = pit.getInputs()[cast<BlockArgument>(
                                plan.op.getDpsInputOperand(0)->get())
                                .getArgNumber()];
  auto bArg = dyn_cast<BlockArgument>(plan.op.getDpsInputOperand(1)->get());
  Value bValue = bArg ? pit.getInputs()[bArg.getArgNumber()]
                      : plan.op.getDpsInputOperand(1)->get();
  Value init = pit.getOutputs()[0];
  auto resultType = cast<RankedTensorType>(init.getType());

  Value aBuf = rowMajorBuffer(b, a), bBuf = rowMajorBuffer(b, bValue);
  // C starts as a copy of the init and is updated in place.
  SmallVector<Value> dynSizes;
  for (int64_t d = 0; d < 2; ++d)
    if (resultType.isDynamicDim(d))
      dynSizes.push_back(tensor::DimOp::create(b, init, d));
  auto cType = MemRefType::get(resultType.getShape(), b.getF32Type());
  Value c = memref::AllocOp::create(b, cType, dynSizes);
  memref::CopyOp::create(b, rowMajorBuffer(b, init), c);

  IndexGroups groups = IndexGroups::build(b, pit.getLoc(), pit.getIndex());
  auto indexBuffer = [&](Value t) {
    auto type = MemRefType::get({ShapedType::kDynamic}, b.getIndexType());
    return bufferization::ToBufferOp::create(b, type, t, /*readOnly=*/true)
        .getResult();
  };
  Value offsets = indexBuffer(groups.offsets);
  Value positions = indexBuffer(groups.positions);
  auto sparseMode =
      plan.packK ? TileKernel::Mode::PackK : TileKernel::Mode::PackM;

  if (FloatAttr threshold = pit.getDenseThresholdAttr()) {
    // The cost model: dense tensor-core GEMM when the index is dense
    // enough, the PIT kernel otherwise.
    Value numTiles =
        groups.numTiles(b, pit.getLoc(), a, plan.packK ? 1 : 0,
                        plan.packK ? plan.tk : plan.tm);
    Value dense = denserThan(b, pit.getLoc(), groups.numActive(b, pit.getLoc()),
                             numTiles, threshold.getValueAsDouble());
    auto ifOp = scf::IfOp::create(b, dense, /*withElseRegion=*/true);
    {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(&ifOp.getThenRegion().front());
      TileKernel(b, plan, TileKernel::Mode::Dense, useTf32, aBuf, bBuf, c, offsets,
                 positions)
          .emit(groups.numGroups);
      b.setInsertionPointToStart(&ifOp.getElseRegion().front());
      TileKernel(b, plan, sparseMode, useTf32, aBuf, bBuf, c, offsets, positions)
          .emit(groups.numGroups);
    }
  } else {
    TileKernel(b, plan, sparseMode, useTf32, aBuf, bBuf, c, offsets, positions)
        .emit(groups.numGroups);
  }
  Value result = bufferization::ToTensorOp::create(
      b, resultType, c, /*restrict=*/true, /*writable=*/true);
  pit.getResult(0).replaceAllUsesWith(result);
  pit.erase();
}

struct LowerPitToGpuPass
    : public spider::impl::SpiderLowerPitToGpuBase<LowerPitToGpuPass> {
  using Base::Base;
  void runOnOperation() override {
    SmallVector<MatmulPit> plans;
    getOperation()->walk([&](PitOp pit) {
      MatmulPit plan;
      std::string why = match(pit, plan);
      if (!why.empty()) {
        pit.emitRemark() << "no GPU tile kernel for this spider.pit: " << why
                         << "; spider-lower-pit lowers it to loops over its "
                            "groups, with a kernel per dense step";
        return;
      }
      if (!pit.hasPureTensorSemantics()) {
        pit.emitOpError() << "spider-lower-pit-to-gpu lowers spider.pit on "
                             "tensors";
        return signalPassFailure();
      }
      plans.push_back(plan);
    });
    for (const MatmulPit &plan : plans)
      lower(plan, tf32);
  }
};

} // namespace
