//===- TileAndVectorize.cpp - Tile linalg ops, vectorize the tiles --------===//

#include "VectorMicroKernel.h"
#include "spider/Codegen/CPU/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/Vector/Transforms/LoweringPatterns.h"
#include "mlir/Dialect/Vector/Transforms/VectorRewritePatterns.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::spider {
#define GEN_PASS_DEF_SPIDERTILEANDVECTORIZE
#include "spider/Codegen/CPU/Passes.h.inc"
} // namespace mlir::spider

using namespace mlir;
using namespace mlir::spider;

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

/// Tiles `op` with `sizes` (0: not tiled); returns the tiled op.
FailureOr<Operation *> tile(RewriterBase &rewriter, linalg::LinalgOp op,
                            ArrayRef<int64_t> sizes) {
  scf::SCFTilingOptions options;
  SmallVector<OpFoldResult> tileSizes;
  for (int64_t s : sizes)
    tileSizes.push_back(rewriter.getIndexAttr(s));
  options.setTileSizes(tileSizes);
  rewriter.setInsertionPoint(op);
  FailureOr<scf::SCFTilingResult> result = scf::tileUsingSCF(
      rewriter, cast<TilingInterface>(op.getOperation()), options);
  if (failed(result) || result->tiledOps.size() != 1)
    return failure();
  rewriter.replaceOp(op, result->replacements);
  return result->tiledOps.front();
}

struct TileAndVectorizePass
    : public spider::impl::SpiderTileAndVectorizeBase<TileAndVectorizePass> {
  using Base::Base;

  void runOnOperation() override {
    SmallVector<int64_t> cache(cacheTile.begin(), cacheTile.end());
    SmallVector<int64_t> reg(registerTile.begin(), registerTile.end());
    // Defaults measured on AVX-512 (docs/performance.md): a 4x64 accumulator
    // block (16 zmm registers) and 4-deep k steps, in 256x512x256 blocks.
    if (cache.empty())
      cache = {256, 512, 256};
    if (reg.empty())
      reg = {4, 64, 4};
    if (cache.size() != 3 || reg.size() != 3) {
      getOperation().emitError()
          << "spider-tile-and-vectorize: cache-tile and register-tile take "
             "three sizes (m, n, k)";
      return signalPassFailure();
    }

    SmallVector<linalg::LinalgOp> ops;
    getOperation().walk([&](linalg::LinalgOp op) {
      if (op.hasPureTensorSemantics())
        ops.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (linalg::LinalgOp op : ops)
      tileAndVectorize(rewriter, op, cache, reg);

    // Reductions of products become contractions first...
    RewritePatternSet toContract(&getContext());
    vector::populateVectorReductionToContractPatterns(toContract);
    if (failed(applyPatternsGreedily(getOperation(), std::move(toContract))))
      return signalPassFailure();
    // ...the register micro-kernel becomes FMAs, and masks and transfer
    // permutations are lowered.
    RewritePatternSet patterns(&getContext());
    populateVectorMicroKernelPatterns(patterns);
    vector::populateVectorTransferPermutationMapLoweringPatterns(patterns);
    vector::populateVectorMaskLoweringPatternsForSideEffectingOps(patterns);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
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

  /// Tiles, blocks and vectorizes `op`: the cache blocks, then the register
  /// tile, then vectors of the register tile's shape.
  void tileAndVectorize(IRRewriter &rewriter, linalg::LinalgOp op,
                        ArrayRef<int64_t> cache, ArrayRef<int64_t> reg) {
    if (op.getNumLoops() == 0)
      return;
    SmallVector<int64_t> outer, inner;
    chooseTileSizes(op, cache, reg, outer, inner);
    FailureOr<Operation *> blocked = block(rewriter, op, cache, reg, outer);
    if (failed(blocked))
      return;
    FailureOr<Operation *> tiled =
        tile(rewriter, cast<linalg::LinalgOp>(*blocked), inner);
    if (failed(tiled))
      return;
    vectorizeTile(rewriter, *tiled, inner);
  }

  /// The cache-block sizes (`outer`, 0: not tiled) and the register tile
  /// (`inner`) over the loops of `op`.
  void chooseTileSizes(linalg::LinalgOp op, ArrayRef<int64_t> cache,
                       ArrayRef<int64_t> reg, SmallVector<int64_t> &outer,
                       SmallVector<int64_t> &inner) {
    int64_t numLoops = op.getNumLoops();
    outer.assign(numLoops, 0);
    inner.assign(numLoops, 1);
    // A compute tile chosen for this op (per loop) wins over the default.
    auto chosen = op->getAttrOfType<DenseI64ArrayAttr>("spider.compute_tile");
    bool fits = chosen && static_cast<int64_t>(chosen.size()) == numLoops;
    if (std::optional<std::array<int64_t, 3>> mnk = contractionLoops(op)) {
      for (int i = 0; i < 3; ++i) {
        outer[(*mnk)[i]] = cache[i];
        inner[(*mnk)[i]] = fits ? chosen[(*mnk)[i]] : reg[i];
      }
      return;
    }
    // Vector lanes along the output's innermost dimension when it is a
    // parallel loop (a reduction then accumulates whole vectors, one step
    // at a time); along the innermost loop otherwise.
    inner.back() = vectorWidth;
    SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
    if (op.getNumReductionLoops() > 0 && op.getNumDpsInits() == 1) {
      AffineMap out = op.getMatchingIndexingMap(op.getDpsInitOperand(0));
      auto last = out.getNumResults()
                      ? dyn_cast<AffineDimExpr>(out.getResults().back())
                      : nullptr;
      if (last &&
          iterators[last.getPosition()] == utils::IteratorType::parallel) {
        inner.assign(numLoops, 1);
        inner[last.getPosition()] = vectorWidth;
      }
    }
    if (fits)
      inner.assign(chosen.asArrayRef().begin(), chosen.asArrayRef().end());
  }

  /// Tiles `op` into cache blocks; returns the op inside them (`op` itself
  /// when there are none).
  FailureOr<Operation *> block(IRRewriter &rewriter, linalg::LinalgOp op,
                               ArrayRef<int64_t> cache, ArrayRef<int64_t> reg,
                               ArrayRef<int64_t> outer) {
    std::optional<std::array<int64_t, 3>> mnk = contractionLoops(op);
    // Packing pays off when many m blocks reuse a block of B: not for the
    // few rows of a PIT group (whose B rows SRead already packed).
    int64_t mExtent = mnk ? op.getStaticLoopRanges()[(*mnk)[0]]
                          : ShapedType::kDynamic;
    if (mnk && packB && !ShapedType::isDynamic(mExtent) &&
        mExtent >= 2 * cache[0])
      return blockAndPackB(rewriter, op, *mnk, cache, reg);
    if (llvm::any_of(outer, [](int64_t s) { return s != 0; }))
      return tile(rewriter, op, outer);
    return op.getOperation();
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
    if (Operation *copy = packOperand(rewriter, current, mnk[2], mnk[1]))
      tileAndVectorize(rewriter, cast<linalg::LinalgOp>(copy), cache, reg);
    return tile(rewriter, current, m);
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
    rewriter.setInsertionPoint(current);
    FailureOr<linalg::VectorizationResult> result =
        linalg::vectorize(rewriter, current, vectorSizes, scalable,
                          /*vectorizeNDExtract=*/true,
                          /*flatten1DDepthwiseConv=*/false,
                          /*assumeDynamicDimsMatchVecSizes=*/false,
                          /*createNamedContraction=*/true);
    if (succeeded(result))
      rewriter.replaceOp(current, result->replacements);
  }
};

} // namespace
