//===- TileAndVectorize.cpp - Tile linalg ops, vectorize the tiles --------===//

#include "spider/Dialect/Spider/Transforms/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/Vector/Transforms/LoweringPatterns.h"
#include "mlir/Dialect/Vector/Transforms/VectorRewritePatterns.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::spider {
#define GEN_PASS_DEF_SPIDERTILEANDVECTORIZE
#include "spider/Dialect/Spider/Transforms/Passes.h.inc"
} // namespace mlir::spider

using namespace mlir;
using namespace mlir::spider;

namespace {

/// Gives every transfer_read feeding `value` zero padding, so that lanes
/// outside the tensor contribute nothing to a contraction.
void padWithZero(RewriterBase &rewriter, Value value) {
  auto read = value.getDefiningOp<vector::TransferReadOp>();
  if (!read) {
    if (auto mask = value.getDefiningOp<vector::MaskOp>())
      read = dyn_cast_or_null<vector::TransferReadOp>(mask.getMaskableOp());
  }
  if (!read)
    return;
  Type element = read.getVectorType().getElementType();
  OpBuilder::InsertionGuard guard(rewriter);
  rewriter.setInsertionPoint(read->getParentOfType<vector::MaskOp>()
                                 ? read->getParentOp()
                                 : read.getOperation());
  Value zero = arith::ConstantOp::create(rewriter, read.getLoc(), element,
                                         rewriter.getZeroAttr(element));
  rewriter.modifyOpInPlace(
      read, [&] { read.getPaddingMutable().assign(zero); });
}

/// A masked contraction whose operands are read with zero padding computes
/// the same in-bounds lanes unmasked (the write back stays masked): drop the
/// mask, so that the contraction lowers to plain FMAs.
struct UnmaskContraction : public OpRewritePattern<vector::MaskOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(vector::MaskOp mask,
                                PatternRewriter &rewriter) const override {
    auto contract =
        dyn_cast_or_null<vector::ContractionOp>(mask.getMaskableOp());
    if (!contract || mask.hasPassthru() ||
        contract.getKind() != vector::CombiningKind::ADD)
      return failure();
    padWithZero(rewriter, contract.getLhs());
    padWithZero(rewriter, contract.getRhs());
    rewriter.setInsertionPoint(mask);
    Operation *unmasked = rewriter.clone(*contract);
    rewriter.replaceOp(mask, unmasked->getResults());
    return success();
  }
};

/// C[m, n] += A[m, k] * B[k, n] on 2-D vectors, as one FMA per (m, k) on
/// rows of B: the register micro-kernel.
struct ContractionToFMA : public OpRewritePattern<vector::ContractionOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(vector::ContractionOp op,
                                PatternRewriter &rewriter) const override {
    MLIRContext *ctx = op.getContext();
    AffineExpr m, n, k;
    bindDims(ctx, m, n, k);
    SmallVector<AffineMap> expected = {AffineMap::get(3, 0, {m, k}, ctx),
                                       AffineMap::get(3, 0, {k, n}, ctx),
                                       AffineMap::get(3, 0, {m, n}, ctx)};
    auto accType = dyn_cast<VectorType>(op.getAccType());
    if (op.getKind() != vector::CombiningKind::ADD || !accType ||
        op.getIndexingMapsArray() != ArrayRef<AffineMap>(expected) ||
        !isa<FloatType>(accType.getElementType()) ||
        op.getLhsType().getElementType() != accType.getElementType() ||
        accType.isScalable())
      return failure();
    Location loc = op.getLoc();
    int64_t rows = accType.getDimSize(0), depth = op.getLhsType().getDimSize(1);
    Value result = op.getAcc();
    for (int64_t r = 0; r < rows; ++r) {
      Value acc = vector::ExtractOp::create(rewriter, loc, op.getAcc(), r);
      for (int64_t d = 0; d < depth; ++d) {
        Value a = vector::ExtractOp::create(rewriter, loc, op.getLhs(),
                                            ArrayRef<int64_t>{r, d});
        Value b = vector::ExtractOp::create(rewriter, loc, op.getRhs(), d);
        Value splat =
            vector::BroadcastOp::create(rewriter, loc, acc.getType(), a);
        acc = vector::FMAOp::create(rewriter, loc, splat, b, acc);
      }
      result = vector::InsertOp::create(rewriter, loc, acc, result, r);
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

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
    patterns.add<UnmaskContraction, ContractionToFMA>(&getContext());
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

  void tileAndVectorize(IRRewriter &rewriter, linalg::LinalgOp op,
                        ArrayRef<int64_t> cache, ArrayRef<int64_t> reg) {
    int64_t numLoops = op.getNumLoops();
    if (numLoops == 0)
      return;
    SmallVector<int64_t> outer(numLoops, 0), inner(numLoops, 1);
    if (std::optional<std::array<int64_t, 3>> mnk = contractionLoops(op)) {
      // A compute tile chosen for this op (per loop) wins over the default.
      auto chosen = op->getAttrOfType<DenseI64ArrayAttr>("spider.compute_tile");
      for (int i = 0; i < 3; ++i) {
        outer[(*mnk)[i]] = cache[i];
        inner[(*mnk)[i]] = reg[i];
        if (chosen && chosen.size() == numLoops)
          inner[(*mnk)[i]] = chosen[(*mnk)[i]];
      }
    } else {
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
        if (last && iterators[last.getPosition()] ==
                        utils::IteratorType::parallel) {
          inner.assign(numLoops, 1);
          inner[last.getPosition()] = vectorWidth;
        }
      }
      auto chosen = op->getAttrOfType<DenseI64ArrayAttr>("spider.compute_tile");
      if (chosen && chosen.size() == numLoops)
        inner.assign(chosen.asArrayRef().begin(), chosen.asArrayRef().end());
    }
    Operation *current = op;
    std::optional<std::array<int64_t, 3>> mnk = contractionLoops(op);
    // Packing pays off when many m blocks reuse a block of B: not for the
    // few rows of a PIT group (whose B rows SRead already packed).
    int64_t mExtent = mnk ? op.getStaticLoopRanges()[(*mnk)[0]]
                          : ShapedType::kDynamic;
    bool pack = mnk && packB && !ShapedType::isDynamic(mExtent) &&
                mExtent >= 2 * cache[0];
    if (pack) {
      // Blocks in the order of GotoBLAS: n and k first, B's block packed
      // into a contiguous tensor there, then m blocks that all reuse it.
      SmallVector<int64_t> nk(numLoops, 0), m(numLoops, 0);
      nk[(*mnk)[1]] = cache[1];
      nk[(*mnk)[2]] = cache[2];
      m[(*mnk)[0]] = cache[0];
      FailureOr<Operation *> blocked =
          tile(rewriter, cast<linalg::LinalgOp>(current), nk);
      if (failed(blocked))
        return;
      current = *blocked;
      if (Operation *copy = packOperand(rewriter,
                                        cast<linalg::LinalgOp>(current),
                                        (*mnk)[2], (*mnk)[1]))
        tileAndVectorize(rewriter, cast<linalg::LinalgOp>(copy), cache, reg);
      blocked = tile(rewriter, cast<linalg::LinalgOp>(current), m);
      if (failed(blocked))
        return;
      current = *blocked;
    } else if (llvm::any_of(outer, [](int64_t s) { return s != 0; })) {
      FailureOr<Operation *> tiled =
          tile(rewriter, cast<linalg::LinalgOp>(current), outer);
      if (failed(tiled))
        return;
      current = *tiled;
    }
    FailureOr<Operation *> tiled =
        tile(rewriter, cast<linalg::LinalgOp>(current), inner);
    if (failed(tiled))
      return;
    current = *tiled;
    // Vector sizes: the register tile, masked where the tile is partial.
    SmallVector<int64_t> vectorSizes(inner);
    SmallVector<bool> scalable(vectorSizes.size(), false);
    if (failed(linalg::vectorizeOpPrecondition(current, vectorSizes, scalable,
                                               /*vectorizeNDExtract=*/true)))
      return; // Stays scalar: convert-linalg-to-loops handles it.
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
