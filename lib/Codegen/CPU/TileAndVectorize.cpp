//===- TileAndVectorize.cpp - Tile linalg ops, vectorize the tiles --------===//

#include "PackPanels.h"
#include "ReadGatheredRows.h"
#include "RelabelIterators.h"
#include "Tiling.h"
#include "VectorMicroKernel.h"
#include "spider/Codegen/CPU/Passes.h"
#include "spider/Dialect/Spider/CostModel/TileCostModel.h"
#include "spider/Dialect/Spider/IR/ComputeTile.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/Transforms/Patterns.h"
#include "mlir/Dialect/SCF/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/Transforms/SubsetInsertionOpInterfaceImpl.h"
#include "mlir/Dialect/Vector/Transforms/SubsetOpInterfaceImpl.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/Vector/Transforms/LoweringPatterns.h"
#include "mlir/Dialect/Vector/Transforms/VectorRewritePatterns.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "mlir/Transforms/LoopInvariantCodeMotionUtils.h"
#include "llvm/Support/MathExtras.h"

namespace mlir::spider {
#define GEN_PASS_DEF_SPIDERTILEANDVECTORIZE
#include "spider/Codegen/CPU/Passes.h.inc"
} // namespace mlir::spider

using namespace mlir;
using namespace mlir::spider;

/// The largest cache-block size: blocks are loop steps, and doubling one
/// (a heuristic does) must not overflow.
static constexpr int64_t kMaxCacheTileSize = int64_t(1) << 30;

/// The most outer products (m x k) one register tile of a contraction may
/// take: the micro-kernel unrolls each into a vector FMA. 2^14 (a 64x64x256
/// tile) lowers in about a second; 2^20 did not finish in a minute.
static constexpr int64_t kMaxOuterProducts = int64_t(1) << 14;

/// Why a register tile of `m` rows and depth `k` would unroll into too many
/// outer products, or "".
static std::string explainTooManyOuterProducts(int64_t m, int64_t k) {
  // Both are at most kMaxComputeTileElements (2^20): the product fits.
  if (m * k <= kMaxOuterProducts)
    return "";
  return "needs " + std::to_string(m * k) +
         " outer products (m x k) in the register micro-kernel, more than " +
         std::to_string(kMaxOuterProducts);
}

namespace {

/// The (m, n, k) loops of a contraction, if `op` is one (batch dims and a
/// single m, n and k each).
std::optional<std::array<int64_t, 3>> contractionLoops(linalg::LinalgOp op) {
  if (!linalg::isaContractionOpInterface(op))
    return std::nullopt;
  FailureOr<linalg::ContractionDimensions> dims =
      linalg::inferContractionDims(op);
  if (failed(dims) || dims->m.size() != 1 || dims->n.size() != 1 ||
      dims->k.size() != 1)
    return std::nullopt;
  return std::array<int64_t, 3>{static_cast<int64_t>(dims->m[0]),
                                static_cast<int64_t>(dims->n[0]),
                                static_cast<int64_t>(dims->k[0])};
}

/// Tiles `op` with `sizes` (0: not tiled), with scf.for loops or one
/// scf.forall; returns the tiled op.
FailureOr<Operation *> tile(RewriterBase &rewriter, linalg::LinalgOp op,
                            ArrayRef<int64_t> sizes, bool forall = false) {
  FailureOr<scf::SCFTilingResult> result =
      tileWithLoops(rewriter, op, sizes, forall);
  if (failed(result))
    return failure();
  return result->tiledOps.front();
}

struct TileAndVectorizePass
    : public spider::impl::SpiderTileAndVectorizeBase<TileAndVectorizePass> {
  using Base::Base;

  void getDependentDialects(DialectRegistry &registry) const override {
    Base::getDependentDialects(registry);
    // Slices and transfers as subsets, for hoistLoopInvariantSubsets.
    tensor::registerSubsetOpInterfaceExternalModels(registry);
    vector::registerSubsetOpInterfaceExternalModels(registry);
  }

  /// A `tensor.dim` of a constant dimension the tensor does not have
  /// verifies (it is undefined behaviour when run), but the value-bounds
  /// analysis that loop hoisting asks about sizes indexes the shape with it
  /// and crashes. Such a program is rejected here, naming the op.
  LogicalResult checkDimIndices() {
    WalkResult result = getOperation().walk([&](tensor::DimOp dim) {
      std::optional<int64_t> index = dim.getConstantIndex();
      auto type = dyn_cast<RankedTensorType>(dim.getSource().getType());
      if (!index || !type || (*index >= 0 && *index < type.getRank()))
        return WalkResult::advance();
      dim.emitOpError() << "asks for dimension " << *index << " of a rank-"
                        << type.getRank() << " tensor";
      return WalkResult::interrupt();
    });
    return failure(result.wasInterrupted());
  }

  void runOnOperation() override {
    if (failed(checkDimIndices()))
      return signalPassFailure();
    SmallVector<int64_t> cache(cacheTile.begin(), cacheTile.end());
    SmallVector<int64_t> reg(registerTile.begin(), registerTile.end());
    // Defaults: the register tile and vector width of the ISA's tile
    // database (docs/design.md, "Dense tiles per ISA"), in 256x512x256
    // cache blocks.
    const TileDatabase &db =
        TileCostModel::get(Target::CPU, cpuIsa).database();
    if (reg.empty())
      reg.assign(db.registerTile.begin(), db.registerTile.end());
    // Default blocks: their rows fit each contraction's (rowBlock).
    defaultCacheBlocks = cache.empty();
    if (cache.empty())
      cache = {256, 512, 256};
    lanes = vectorWidth ? static_cast<int64_t>(vectorWidth) : db.vectorWidth;
    if (cache.size() != 3 || reg.size() != 3) {
      getOperation().emitError()
          << "spider-tile-and-vectorize: cache-tile and register-tile take "
             "three sizes (m, n, k)";
      return signalPassFailure();
    }
    if (failed(verifyOptions(cache, reg)))
      return signalPassFailure();

    SmallVector<linalg::LinalgOp> ops;
    getOperation().walk<WalkOrder::PreOrder>([&](Operation *op) {
      // A spider.pit not lowered yet: its body is spider-lower-pit-to-loops'
      // to lower, and a tiled body would no longer be a spider.pit's.
      if (op->getName().getStringRef() == "spider.pit")
        return WalkResult::skip();
      if (auto linalgOp = dyn_cast<linalg::LinalgOp>(op))
        if (linalgOp.hasPureTensorSemantics())
          ops.push_back(linalgOp);
      return WalkResult::advance();
    });
    IRRewriter rewriter(&getContext());
    for (linalg::LinalgOp op : ops) {
      // Gathered rows read once: read them where they are
      // (ReadGatheredRows.cpp), in register tiles of B's width (at least
      // 4 vectors, so that independent FMAs hide each other's latency).
      if (linalg::LinalgOp direct =
              readGatheredRowsInPlace(rewriter, op,
                                      std::max<int64_t>(reg[1], 4 * lanes)))
        op = direct;
      if (failed(tileAndVectorize(rewriter, op, cache, reg)))
        return signalPassFailure();
    }

    // Reductions of products become contractions first...
    RewritePatternSet toContract(&getContext());
    vector::populateVectorReductionToContractPatterns(toContract);
    if (failed(applyPatternsGreedily(getOperation(), std::move(toContract))))
      return signalPassFailure();
    // ...transfer permutations and masked transfers are lowered, so that
    // every read is a minor identity with its mask in hand...
    RewritePatternSet transfers(&getContext());
    vector::populateVectorTransferPermutationMapLoweringPatterns(transfers);
    vector::populateVectorMaskLoweringPatternsForSideEffectingOps(transfers);
    if (failed(applyPatternsGreedily(getOperation(), std::move(transfers))))
      return signalPassFailure();
    // ...and the register micro-kernel becomes FMAs.
    RewritePatternSet patterns(&getContext());
    populateVectorMicroKernelPatterns(patterns);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
    if (failed(keepAccumulatorsInRegisters()))
      return signalPassFailure();
  }

  /// The register tile's accumulator is read and written once per k step
  /// until this runs: its bounds are min()s of the tile and the extent, so
  /// its transfers are masked, and masked transfers of a memref are not
  /// hoisted after bufferization. LLVM then stores every accumulator on
  /// every step, which bounds the kernel by the store port. So, on tensors:
  /// fold the min()s that loop bounds decide (the masks fold to all-true
  /// where the tile divides the extent), then hoist the loop-invariant
  /// slice and transfer pairs out of each loop, innermost first; the
  /// accumulator becomes an iter_arg that stays in registers.
  LogicalResult keepAccumulatorsInRegisters() {
    if (failed(applyPatternsGreedily(getOperation(), canonicalizations())))
      return failure();
    IRRewriter rewriter(&getContext());
    hoistScratchOutOfBranches();
    SmallVector<scf::ForOp> loops;
    getOperation().walk([&](scf::ForOp loop) { loops.push_back(loop); });
    for (scf::ForOp loop : loops) {
      // Masks and bounds of the tile first (a mask made in the loop keeps
      // its transfers there).
      moveLoopInvariantCode(loop);
      (void)hoistLoopInvariantSubsets(rewriter, loop);
    }
    return success();
  }

  /// A PIT group's body runs under `scf.if` (the group is not empty), and
  /// loop-invariant code motion moves nothing out of a branch: the panel
  /// buffers of each group's matmuls (128 KiB each at the demo's shapes)
  /// would be allocated, first touched and freed once per group. Scratch
  /// of static shape, up to a cache block's size, moves in front of the
  /// branches that hold it (an empty tensor has no effect to keep there),
  /// and the loops then hoist it like the scratch of any other loop.
  void hoistScratchOutOfBranches() {
    constexpr int64_t kMaxHoistedBytes = int64_t(1) << 20;
    SmallVector<tensor::EmptyOp> empties;
    getOperation().walk([&](tensor::EmptyOp empty) {
      RankedTensorType type = empty.getType();
      if (!type.hasStaticShape() || !type.getElementType().isIntOrFloat())
        return;
      // Shapes are user input: the byte count saturates instead of
      // overflowing (a huge scratch is simply not hoisted).
      int64_t bits = type.getElementType().getIntOrFloatBitWidth();
      for (int64_t extent : type.getShape())
        if (llvm::MulOverflow(bits, extent, bits))
          return;
      if (bits / 8 <= kMaxHoistedBytes &&
          isa<scf::IfOp>(empty->getParentOp()) &&
          empty->getParentOfType<LoopLikeOpInterface>())
        empties.push_back(empty);
    });
    for (tensor::EmptyOp empty : empties) {
      Operation *branch = empty->getParentOp();
      while (isa<scf::IfOp>(branch->getParentOp()))
        branch = branch->getParentOp();
      empty->moveBefore(branch);
    }
  }

  /// Copies the input of `op` indexed by (row, col) into a fresh, contiguous
  /// tensor and makes `op` read the copy; returns the copy.
  Operation *packOperand(IRRewriter &rewriter, linalg::LinalgOp op,
                         int64_t row, int64_t col) {
    MLIRContext *ctx = op.getContext();
    AffineMap wanted = AffineMap::get(
        op.getNumLoops(), 0,
        {getAffineDimExpr(row, ctx), getAffineDimExpr(col, ctx)}, ctx);
    for (OpOperand *input : op.getDpsInputOperands()) {
      if (op.getMatchingIndexingMap(input) != wanted)
        continue;
      Value value = input->get();
      auto type = cast<RankedTensorType>(value.getType());
      rewriter.setInsertionPoint(op);
      Value empty = tensor::EmptyOp::create(
          rewriter, op.getLoc(),
          tensor::getMixedSizes(rewriter, op.getLoc(), value),
          type.getElementType());
      auto copy = linalg::CopyOp::create(rewriter, op.getLoc(), value, empty);
      rewriter.modifyOpInPlace(op, [&] { input->set(copy.getResult(0)); });
      return copy;
    }
    return nullptr;
  }

  /// The sizes in the options are input: sizes past what the micro-kernel
  /// can unroll would not finish, negative ones not mean anything.
  LogicalResult verifyOptions(ArrayRef<int64_t> cache, ArrayRef<int64_t> reg) {
    auto emit = [&] {
      return getOperation().emitError() << "spider-tile-and-vectorize: ";
    };
    for (int64_t size : cache)
      if (size <= 0 || size > kMaxCacheTileSize)
        return emit() << "cache-tile size " << size << " must lie in [1, "
                      << kMaxCacheTileSize << "]";
    if (std::string why = explainBadComputeTile(reg); !why.empty())
      return emit() << "register-tile " << why;
    if (std::string why = explainTooManyOuterProducts(reg[0], reg[2]);
        !why.empty())
      return emit() << "register-tile " << why;
    if (vectorWidth < 0 || vectorWidth > kMaxComputeTileElements)
      return emit() << "vector-width " << static_cast<int64_t>(vectorWidth)
                    << " must lie in [0, "
                    << kMaxComputeTileElements << "] (0: the ISA's)";
    return success();
  }

  /// Tiles, blocks and vectorizes `op`: the cache blocks, then the register
  /// tile, then vectors of the register tile's shape. Fails (with an error)
  /// only on a malformed compute tile.
  LogicalResult tileAndVectorize(IRRewriter &rewriter, linalg::LinalgOp op,
                                 ArrayRef<int64_t> cache,
                                 ArrayRef<int64_t> reg) {
    if (op.getNumLoops() == 0)
      return success();
    // An op with a loop of no iterations computes nothing: left to
    // convert-linalg-to-loops (upstream's tiling computed its tile sizes
    // from that extent and crashed).
    if (llvm::is_contained(op.getStaticLoopRanges(), 0))
      return success();
    op = relabelIteratorsByMaps(rewriter, op);
    // Before blocking, which replaces `op`.
    std::optional<std::array<int64_t, 3>> mnk = contractionLoops(op);
    SmallVector<int64_t> outer, inner;
    if (failed(chooseTileSizes(op, cache, reg, outer, inner)))
      return failure();
    // The register tile this op gets (a chosen compute tile wins), for the
    // panels of B.
    SmallVector<int64_t> opReg(reg);
    if (mnk)
      opReg = {inner[(*mnk)[0]], inner[(*mnk)[1]], inner[(*mnk)[2]]};
    FailureOr<Operation *> blocked =
        block(rewriter, op, cache, opReg, outer);
    if (failed(blocked))
      return success();
    auto blockedOp = cast<linalg::LinalgOp>(*blocked);
    std::optional<int64_t> depth;
    if (mnk)
      depth = (*mnk)[2];
    if (mnk && inner[(*mnk)[0]] > 1 &&
        succeeded(
            tileAndPeelRows(rewriter, blockedOp, (*mnk)[0], depth, inner)))
      return success();
    tileAndPeelDepth(rewriter, blockedOp, depth, inner);
    return success();
  }

  /// Tiles `op` by the register tile `inner` and vectorizes the tiles. When
  /// the depth of the contraction (loop `k`) may not be a multiple of the
  /// tile's, as a PIT group's active columns and the last k block of them
  /// are not, the last, partial step is peeled: the full steps then read
  /// static, unmasked vectors (a masked step costs a mask per row and
  /// masked loads of A that LLVM broadcasts with permutes), and the depth
  /// left over runs one k at a time, also unmasked.
  void tileAndPeelDepth(IRRewriter &rewriter, linalg::LinalgOp op,
                        std::optional<int64_t> k, ArrayRef<int64_t> inner) {
    int64_t extent = k ? op.getStaticLoopRanges()[*k] : 0;
    if (!k || inner[*k] <= 1 ||
        (!ShapedType::isDynamic(extent) && extent % inner[*k] == 0)) {
      FailureOr<Operation *> tiled = tile(rewriter, op, inner);
      if (succeeded(tiled))
        vectorizeTile(rewriter, *tiled, inner);
      return;
    }
    // Rows and columns first, then the depth alone: its loop is innermost,
    // as it is when all three are tiled at once.
    SmallVector<int64_t> noDepth(inner), depthOnly(inner.size(), 0);
    noDepth[*k] = 0;
    depthOnly[*k] = inner[*k];
    FailureOr<Operation *> tiled = tile(rewriter, op, noDepth);
    if (failed(tiled))
      return;
    FailureOr<scf::SCFTilingResult> result = tileWithLoops(
        rewriter, cast<linalg::LinalgOp>(*tiled), depthOnly);
    if (failed(result))
      return;
    auto depthLoop =
        result->loops.size() == 1
            ? dyn_cast<scf::ForOp>(result->loops.front().getOperation())
            : nullptr;
    if (!depthLoop) {
      vectorizeTile(rewriter, result->tiledOps.front(), inner);
      return;
    }
    scf::ForOp partial;
    if (failed(scf::peelForLoopAndSimplifyBounds(rewriter, depthLoop, partial)))
      partial = nullptr;
    (void)applyPatternsGreedily(depthLoop.getRegion(), canonicalizations());
    for (linalg::LinalgOp full : collectLinalgOps(depthLoop.getRegion()))
      vectorizeTile(rewriter, full, inner);
    if (!partial)
      return;
    SmallVector<int64_t> oneDepth(inner);
    oneDepth[*k] = 1;
    for (linalg::LinalgOp rest : collectLinalgOps(partial.getRegion())) {
      FailureOr<Operation *> steps = tile(rewriter, rest, oneDepth);
      if (succeeded(steps))
        vectorizeTile(rewriter, *steps, oneDepth);
    }
  }

  /// Tiles the contraction `op` by the register tile `inner` and peels the
  /// last, partial tile of its rows (loop `m`) when the row count may not
  /// be a multiple of the tile's: a dynamic count, as PIT groups and MoE
  /// experts have. The full tiles then get static shapes and unmasked
  /// vectors; the rows left over run one at a time, also unmasked. (A
  /// masked tile for them measured several times slower than a full one.)
  /// Fails, leaving `op` alone, when there is nothing to peel.
  LogicalResult tileAndPeelRows(IRRewriter &rewriter, linalg::LinalgOp op,
                                int64_t m, std::optional<int64_t> k,
                                ArrayRef<int64_t> inner) {
    int64_t rows = op.getStaticLoopRanges()[m];
    if (!ShapedType::isDynamic(rows) && rows % inner[m] == 0)
      return failure();
    // The row loop alone first: the rows left over then get their own
    // n and k loops, inside which one row's accumulator stays in registers.
    SmallVector<int64_t> rowsOnly(inner.size(), 0);
    rowsOnly[m] = inner[m];
    FailureOr<scf::SCFTilingResult> result =
        tileWithLoops(rewriter, op, rowsOnly);
    if (failed(result))
      return failure();
    // `op` is replaced from here on: whatever the loops, vectorize.
    auto rowLoop = result->loops.size() == 1
                       ? dyn_cast<scf::ForOp>(result->loops.front().getOperation())
                       : nullptr;
    if (!rowLoop) {
      tileAndPeelDepth(rewriter,
                       cast<linalg::LinalgOp>(result->tiledOps.front()), k,
                       inner);
      return success();
    }
    scf::ForOp partial;
    if (failed(scf::peelForLoopAndSimplifyBounds(rewriter, rowLoop, partial)))
      partial = nullptr;
    // Static slice shapes for the full tiles (the bounds are now constant).
    (void)applyPatternsGreedily(rowLoop.getRegion(), canonicalizations());
    for (linalg::LinalgOp full : collectLinalgOps(rowLoop.getRegion()))
      tileAndPeelDepth(rewriter, full, k, inner);
    if (!partial)
      return success();
    // A static row count leaves one partial iteration at a constant row:
    // with it in place of the induction variable, the rest's sizes fold to
    // constants and tileLeftoverRows gives it one static tile.
    std::optional<int64_t> lb = getConstantIntValue(partial.getLowerBound());
    std::optional<int64_t> ub = getConstantIntValue(partial.getUpperBound());
    std::optional<int64_t> step = getConstantIntValue(partial.getStep());
    if (lb && ub && step && *step > 0 && *lb < *ub && *ub - *lb <= *step) {
      rewriter.setInsertionPoint(partial);
      Value row = arith::ConstantIndexOp::create(rewriter, partial.getLoc(), *lb);
      rewriter.replaceAllUsesWith(partial.getInductionVar(), row);
      (void)applyPatternsGreedily(partial.getRegion(), canonicalizations());
    }
    for (linalg::LinalgOp rest : collectLinalgOps(partial.getRegion()))
      tileLeftoverRows(rewriter, rest, m, k, inner);
    return success();
  }

  /// The rows a row tile left over (fewer than `inner[m]`). A static count
  /// is one tile of exactly that many rows (static, unmasked). A dynamic
  /// one runs 4-row tiles first when the tile is taller than 4 (a 6-row
  /// tile leaves up to 5), then single rows. Those 4-row tiles stay masked
  /// (tiling composes the rest's row count into the step's `affine.min`,
  /// which the peeling then cannot simplify), and still beat single rows:
  /// 16 and 64 dynamic rows of the MoE expert shape took 0.85x and 0.81x
  /// the time of single-row leftovers.
  void tileLeftoverRows(IRRewriter &rewriter, linalg::LinalgOp rest, int64_t m,
                        std::optional<int64_t> k, ArrayRef<int64_t> inner) {
    int64_t rows = rest.getStaticLoopRanges()[m];
    SmallVector<int64_t> smaller(inner);
    if (!ShapedType::isDynamic(rows) && rows >= 1 && rows < inner[m]) {
      smaller[m] = rows;
      tileAndPeelDepth(rewriter, rest, k, smaller);
      return;
    }
    smaller[m] = inner[m] > 4 ? 4 : 1;
    if (smaller[m] > 1 &&
        succeeded(tileAndPeelRows(rewriter, rest, m, k, smaller)))
      return;
    smaller[m] = 1;
    tileAndPeelDepth(rewriter, rest, k, smaller);
  }

  static SmallVector<linalg::LinalgOp> collectLinalgOps(Region &region) {
    SmallVector<linalg::LinalgOp> ops;
    region.walk([&](linalg::LinalgOp op) { ops.push_back(op); });
    return ops;
  }

  /// Every canonicalization pattern of the context, frozen once.
  const FrozenRewritePatternSet &canonicalizations() {
    if (!canonicalizationPatterns) {
      MLIRContext *ctx = &getContext();
      RewritePatternSet patterns(ctx);
      scf::populateSCFForLoopCanonicalizationPatterns(patterns);
      for (Dialect *dialect : ctx->getLoadedDialects())
        dialect->getCanonicalizationPatterns(patterns);
      for (RegisteredOperationName op : ctx->getRegisteredOperations())
        op.getCanonicalizationPatterns(patterns, ctx);
      canonicalizationPatterns =
          std::make_shared<FrozenRewritePatternSet>(std::move(patterns));
    }
    return *canonicalizationPatterns;
  }
  std::shared_ptr<FrozenRewritePatternSet> canonicalizationPatterns;
  /// Lanes along the innermost loop of ops other than contractions.
  int64_t lanes = 16;
  /// Whether the cache blocks are the defaults, whose row block then fits
  /// the op's rows (`rowBlock`).
  bool defaultCacheBlocks = false;

  /// The rows of a default cache block for a contraction of `rows` rows and
  /// `tileRows`-row register tiles: all of a static count up to 256; else
  /// the largest multiple of the tile up to 256 that divides it, or 256 if
  /// that divides it (every block then has one static size, and only a
  /// static remainder of rows is peeled); else (a dynamic count, as PIT
  /// groups and MoE experts have) 256 rounded down to whole tiles (252 for
  /// 6-row tiles), so that a full block peels nothing.
  static int64_t rowBlock(int64_t rows, int64_t tileRows) {
    constexpr int64_t kRows = 256;
    int64_t wholeTiles =
        tileRows > 0 && tileRows <= kRows ? kRows / tileRows * tileRows : kRows;
    if (ShapedType::isDynamic(rows) || tileRows <= 0)
      return wholeTiles;
    if (rows <= kRows)
      return rows;
    for (int64_t block = wholeTiles; block > 0; block -= tileRows)
      if (rows % block == 0 && block * 4 >= kRows)
        return block;
    return rows % kRows == 0 ? kRows : wholeTiles;
  }

  /// The cache-block sizes (`outer`, 0: not tiled) and the register tile
  /// (`inner`) over the loops of `op`.
  LogicalResult chooseTileSizes(linalg::LinalgOp op, ArrayRef<int64_t> cache,
                                ArrayRef<int64_t> reg,
                                SmallVector<int64_t> &outer,
                                SmallVector<int64_t> &inner) {
    int64_t numLoops = op.getNumLoops();
    outer.assign(numLoops, 0);
    inner.assign(numLoops, 1);
    // A compute tile chosen for this op (per loop) wins over the default.
    // The verifier bounds it, but a pass may run on unverified IR: an
    // attribute is input, checked again where it is used.
    auto chosen = op->getAttrOfType<DenseI64ArrayAttr>(kComputeTileAttrName);
    if (op->hasAttr(kComputeTileAttrName) &&
        (!chosen || static_cast<int64_t>(chosen.size()) != numLoops))
      return op->emitError() << "'" << kComputeTileAttrName
                             << "' must hold one size per loop ("
                             << numLoops << ")";
    if (std::string why =
            chosen ? explainBadComputeTile(chosen.asArrayRef()) : "";
        !why.empty())
      return op->emitError() << "'" << kComputeTileAttrName << "' " << why;
    bool fits = static_cast<bool>(chosen);
    if (std::optional<std::array<int64_t, 3>> mnk = contractionLoops(op)) {
      if (std::string why = fits ? explainTooManyOuterProducts(
                                       chosen[(*mnk)[0]], chosen[(*mnk)[2]])
                                 : "";
          !why.empty())
        return op->emitError() << "'" << kComputeTileAttrName << "' " << why;
      for (int i = 0; i < 3; ++i) {
        outer[(*mnk)[i]] = cache[i];
        inner[(*mnk)[i]] = fits ? chosen[(*mnk)[i]] : reg[i];
      }
      if (defaultCacheBlocks)
        outer[(*mnk)[0]] = rowBlock(op.getStaticLoopRanges()[(*mnk)[0]],
                                    inner[(*mnk)[0]]);
      return success();
    }
    // Vector lanes along the output's innermost dimension when it is a
    // parallel loop (a reduction then accumulates whole vectors, one step
    // at a time); along the innermost loop otherwise.
    inner.back() = lanes;
    SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
    if (op.getNumReductionLoops() > 0 && op.getNumDpsInits() == 1) {
      AffineMap out = op.getMatchingIndexingMap(op.getDpsInitOperand(0));
      auto last = out.getNumResults()
                      ? dyn_cast<AffineDimExpr>(out.getResults().back())
                      : nullptr;
      if (last &&
          iterators[last.getPosition()] == utils::IteratorType::parallel) {
        inner.assign(numLoops, 1);
        inner[last.getPosition()] = lanes;
      }
    }
    if (fits)
      inner.assign(chosen.asArrayRef().begin(), chosen.asArrayRef().end());
    return success();
  }

  /// Tiles `op` into cache blocks; returns the op inside them (`op` itself
  /// when there are none).
  FailureOr<Operation *> block(IRRewriter &rewriter, linalg::LinalgOp op,
                               ArrayRef<int64_t> cache, ArrayRef<int64_t> reg,
                               ArrayRef<int64_t> outer) {
    std::optional<std::array<int64_t, 3>> mnk = contractionLoops(op);
    // The row block chooseTileSizes picked for this op.
    SmallVector<int64_t> blocks(cache);
    if (mnk && outer[(*mnk)[0]] > 0)
      blocks[0] = outer[(*mnk)[0]];
    cache = blocks;
    // Packing pays off when many m blocks reuse a block of B: not for the
    // few rows of a PIT group (whose B rows SRead already packed).
    int64_t mExtent = mnk ? op.getStaticLoopRanges()[(*mnk)[0]]
                          : ShapedType::kDynamic;
    if (mnk && packB) {
      int64_t blockN =
          chooseBlockN(op.getStaticLoopRanges()[(*mnk)[1]], cache[1], reg[1]);
      if (blockN && canPackIntoPanels(op, *mnk, blockN, reg[1]))
        return blockAndPackPanels(rewriter, op, *mnk, cache, reg, blockN);
    }
    if (mnk && packB && !ShapedType::isDynamic(mExtent) &&
        mExtent >= 2 * cache[0])
      return blockAndPackB(rewriter, op, *mnk, cache, reg);
    if (llvm::any_of(outer, [](int64_t s) { return s != 0; }))
      return tile(rewriter, op, outer);
    return op.getOperation();
  }

  /// The n block of a contraction with `n` columns: the largest multiple of
  /// the register tile's `nr` columns, at most `cacheN`, that divides `n`
  /// (each block then has the same static size); 0 if there is none.
  static int64_t chooseBlockN(int64_t n, int64_t cacheN, int64_t nr) {
    if (ShapedType::isDynamic(n) || nr <= 0)
      return 0;
    for (int64_t b = std::min(cacheN, n) / nr * nr; b >= nr; b -= nr)
      if (n % b == 0)
        return b;
    return 0;
  }

  /// Blocks like GotoBLAS: n and k blocks, each block of B copied into
  /// contiguous panels of the register tile's columns, then m blocks, then
  /// a loop over the panels whose body reads one panel (see PackPanels.cpp).
  /// Returns the op of one panel, for the register tile.
  FailureOr<Operation *> blockAndPackPanels(IRRewriter &rewriter,
                                            linalg::LinalgOp op,
                                            std::array<int64_t, 3> mnk,
                                            ArrayRef<int64_t> cache,
                                            ArrayRef<int64_t> reg,
                                            int64_t blockN) {
    int64_t numLoops = op.getNumLoops();
    SmallVector<int64_t> nk(numLoops, 0), m(numLoops, 0);
    nk[mnk[1]] = blockN;
    nk[mnk[2]] = cache[2];
    m[mnk[0]] = cache[0];
    FailureOr<Operation *> blocked = failure();
    // One level of parallel loops: a computation already inside one (a
    // PIT's parallel groups) blocks in order.
    if (parallelBlocks && !op->getParentOfType<scf::ForallOp>()) {
      // n blocks in parallel (disjoint columns of C), k blocks in order.
      SmallVector<int64_t> n(numLoops, 0), k(numLoops, 0);
      n[mnk[1]] = blockN;
      k[mnk[2]] = cache[2];
      blocked = tile(rewriter, op, n, /*forall=*/true);
      if (succeeded(blocked))
        blocked = tile(rewriter, cast<linalg::LinalgOp>(*blocked), k);
    } else {
      blocked = tile(rewriter, op, nk);
    }
    if (failed(blocked))
      return failure();
    auto current = cast<linalg::LinalgOp>(*blocked);
    PanelCopy copy = copyIntoPanels(rewriter, current, mnk, reg[1]);
    FailureOr<Operation *> rows = tile(rewriter, current, m);
    if (failed(rows))
      return failure();
    FailureOr<linalg::LinalgOp> panel =
        tileIntoPanels(rewriter, cast<linalg::LinalgOp>(*rows), mnk, reg[1],
                       copy.panels);
    // The copy carries no compute tile, the one thing that can fail.
    (void)tileAndVectorize(rewriter, copy.copy, cache, reg);
    if (failed(panel))
      return failure();
    return panel->getOperation();
  }

  /// Blocks in the order of GotoBLAS: n and k first, B's block packed into
  /// a contiguous tensor there (itself tiled and vectorized), then m blocks
  /// that all reuse it.
  FailureOr<Operation *> blockAndPackB(IRRewriter &rewriter,
                                       linalg::LinalgOp op,
                                       std::array<int64_t, 3> mnk,
                                       ArrayRef<int64_t> cache,
                                       ArrayRef<int64_t> reg) {
    int64_t numLoops = op.getNumLoops();
    SmallVector<int64_t> nk(numLoops, 0), m(numLoops, 0);
    nk[mnk[1]] = cache[1];
    nk[mnk[2]] = cache[2];
    m[mnk[0]] = cache[0];
    FailureOr<Operation *> blocked = tile(rewriter, op, nk);
    if (failed(blocked))
      return failure();
    auto current = cast<linalg::LinalgOp>(*blocked);
    // The copy carries no compute tile, the one thing that can fail.
    if (Operation *copy = packOperand(rewriter, current, mnk[2], mnk[1]))
      (void)tileAndVectorize(rewriter, cast<linalg::LinalgOp>(copy), cache,
                             reg);
    return tile(rewriter, current, m);
  }

  /// Whether upstream's named-contraction path (one vector.contract) keeps
  /// `op`'s meaning. It reads a 0-d accumulator as a 0-d vector, which
  /// vector.contract rejects (the generic path reduces to a scalar, and
  /// reduction-to-contract patterns still make a contraction of it). With
  /// element types that differ, vector.contract extends its operands to the
  /// accumulator's type itself: with arith.extf or arith.extsi, so an
  /// unsigned cast (`cast_unsigned`, arith.extui) would be read as signed,
  /// integers into a float accumulator do not lower, and a batched mixed
  /// contraction is never fully lowered. Those take the generic path, which
  /// keeps the body's casts.
  static bool namedContractionIsExact(linalg::LinalgOp op) {
    if (llvm::any_of(op.getDpsInitsMutable(), [&](OpOperand &init) {
          return op.getRank(&init) == 0;
        }))
      return false;
    SmallVector<Type> types;
    for (OpOperand &operand : op->getOpOperands())
      types.push_back(getElementTypeOrSelf(operand.get().getType()));
    if (llvm::all_equal(types))
      return true;
    // vector.contract takes one element type for both factors, which it
    // extends to the accumulator's: f16 times f32, or f32 factors into an
    // f16 accumulator (a truncation), take the generic path, which keeps
    // the body's casts.
    // (types: the two factors, then the accumulator.)
    if (op.getNumDpsInputs() != 2 || types.size() < 3 || types[0] != types[1])
      return false;
    bool allFloat = llvm::all_of(types, llvm::IsaPred<FloatType>);
    bool allInteger = llvm::all_of(types, llvm::IsaPred<IntegerType>);
    if (!allFloat && !allInteger)
      return false;
    if (types[0].getIntOrFloatBitWidth() >= types[2].getIntOrFloatBitWidth())
      return false;
    FailureOr<linalg::ContractionDimensions> dims =
        linalg::inferContractionDims(op);
    if (failed(dims) || !dims->batch.empty() || dims->m.size() != 1 ||
        dims->n.size() != 1 || dims->k.size() != 1)
      return false;
    // Integers: only sign extensions, which is what vector.contract does.
    bool unsignedCast = false;
    op.getBlock()->walk([&](Operation *inner) {
      unsignedCast |= isa<arith::ExtUIOp, arith::UIToFPOp>(inner);
    });
    return !unsignedCast;
  }

  /// Vectorizes the register tile `current` with vectors of `sizes`, masked
  /// where the tile is partial; leaves it scalar where the vectorizer can't
  /// (convert-linalg-to-loops handles it).
  void vectorizeTile(IRRewriter &rewriter, Operation *current,
                     ArrayRef<int64_t> sizes) {
    SmallVector<int64_t> vectorSizes(sizes);
    SmallVector<bool> scalable(vectorSizes.size(), false);
    if (failed(linalg::vectorizeOpPrecondition(current, vectorSizes, scalable,
                                               /*vectorizeNDExtract=*/true))) {
      current->emitRemark(
          "kept scalar: the linalg vectorizer cannot vectorize this op");
      return;
    }
    // Upstream's named-contraction path reads a 0-d accumulator as a 0-d
    // vector, which vector.contract rejects (it takes a scalar there); the
    // generic path reduces to a scalar, and reduction-to-contract patterns
    // still make a contraction of it.
    auto linalgOp = cast<linalg::LinalgOp>(current);
    rewriter.setInsertionPoint(current);
    FailureOr<linalg::VectorizationResult> result =
        linalg::vectorize(rewriter, current, vectorSizes, scalable,
                          /*vectorizeNDExtract=*/true,
                          /*flatten1DDepthwiseConv=*/false,
                          /*assumeDynamicDimsMatchVecSizes=*/false,
                          /*createNamedContraction=*/
                          namedContractionIsExact(linalgOp));
    if (succeeded(result))
      rewriter.replaceOp(current, result->replacements);
  }
};

} // namespace
