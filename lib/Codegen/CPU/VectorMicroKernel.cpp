//===- VectorMicroKernel.cpp - The CPU register micro-kernel --------------===//

#include "VectorMicroKernel.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/UB/IR/UBOps.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/Matchers.h"

using namespace mlir;

namespace {

/// Per vector dimension: the mask bound of the contraction loop that the
/// dimension stands for when the mask may cut that reduction loop, null
/// otherwise.
using CutBounds = SmallVector<OpFoldResult>;

/// The bounds of a create_mask, constant_mask or splat constant mask, one
/// per dimension.
std::optional<SmallVector<OpFoldResult>> maskBounds(Value mask) {
  MLIRContext *ctx = mask.getContext();
  if (auto create = mask.getDefiningOp<vector::CreateMaskOp>())
    return getAsOpFoldResult(create.getOperands());
  if (auto constant = mask.getDefiningOp<vector::ConstantMaskOp>())
    return getAsIndexOpFoldResult(ctx, constant.getMaskDimSizes());
  DenseElementsAttr splat;
  auto type = cast<VectorType>(mask.getType());
  if (matchPattern(mask, m_Constant(&splat)) && splat.isSplat()) {
    SmallVector<int64_t> sizes(type.getShape());
    if (!splat.getSplatValue<bool>())
      sizes.assign(sizes.size(), 0);
    return getAsIndexOpFoldResult(ctx, sizes);
  }
  return std::nullopt;
}

bool sameBound(OpFoldResult a, OpFoldResult b) {
  std::optional<int64_t> ca = getConstantIntValue(a);
  std::optional<int64_t> cb = getConstantIntValue(b);
  if (ca || cb)
    return ca == cb;
  return a == b;
}

bool isZeroOrPoison(Value padding) {
  return matchPattern(padding, m_AnyZeroFloat()) ||
         matchPattern(padding, m_Zero()) ||
         padding.getDefiningOp<ub::PoisonOp>();
}

/// Proves that `value` is zero (and not poison) in every lane where a cut
/// dimension is at or past its bound, collecting the transfer_reads that
/// must then pad with zero. Conservative: anything it does not know fails.
///
/// The leaves are zero constants and transfer_reads masked along every cut
/// dimension by the contraction's own bound (their padding, once zero, is
/// what those lanes hold). Through transposes the cut dimensions follow
/// their lanes; a broadcast along a cut dimension copies in-bounds values
/// into cut lanes, so it fails. Element-wise ops qualify only when they map
/// zeros to zero: mul, add, sub, neg, fma and casts. 0 * x is no proof
/// (poison, NaN or inf in x make it poison or NaN), so every operand must
/// be proved zero itself.
bool provesZeroOutside(Value value, ArrayRef<OpFoldResult> cut,
                       SmallVectorImpl<vector::TransferReadOp> &reads,
                       unsigned depth = 0) {
  if (depth > 32)
    return false;
  if (matchPattern(value, m_AnyZeroFloat()) || matchPattern(value, m_Zero()))
    return true;
  Operation *def = value.getDefiningOp();
  if (!def)
    return false;

  Value mask;
  if (auto masked = dyn_cast<vector::MaskOp>(def)) {
    mask = masked.getMask();
    def = masked.getMaskableOp();
    if (!def || masked.hasPassthru())
      return false;
  }
  if (auto read = dyn_cast<vector::TransferReadOp>(def)) {
    if (!mask)
      mask = read.getMask();
    if (!read.getPermutationMap().isMinorIdentity() ||
        !isZeroOrPoison(read.getPadding()))
      return false;
    std::optional<SmallVector<OpFoldResult>> bounds;
    if (mask)
      bounds = maskBounds(mask);
    for (auto [d, bound] : llvm::enumerate(cut))
      if (bound && (!bounds || !sameBound((*bounds)[d], bound)))
        return false;
    reads.push_back(read);
    return true;
  }
  if (mask)
    return false;

  if (auto transpose = dyn_cast<vector::TransposeOp>(def)) {
    CutBounds inner(cut.size());
    for (auto [d, from] : llvm::enumerate(transpose.getPermutation()))
      inner[from] = cut[d];
    return provesZeroOutside(transpose.getVector(), inner, reads, depth + 1);
  }
  if (auto broadcast = dyn_cast<vector::BroadcastOp>(def)) {
    auto source = dyn_cast<VectorType>(broadcast.getSourceType());
    if (!source)
      return false;
    ArrayRef<int64_t> to = broadcast.getResultVectorType().getShape();
    int64_t lead = to.size() - source.getRank();
    CutBounds inner(source.getRank());
    for (auto [d, bound] : llvm::enumerate(cut)) {
      if (!bound)
        continue;
      int64_t d0 = static_cast<int64_t>(d);
      if (d0 < lead || source.getDimSize(d0 - lead) != to[d0])
        return false;
      inner[d0 - lead] = bound;
    }
    return provesZeroOutside(broadcast.getSource(), inner, reads, depth + 1);
  }
  if (isa<arith::MulFOp, arith::AddFOp, arith::SubFOp, arith::NegFOp,
          arith::MulIOp, arith::AddIOp, arith::SubIOp, arith::ExtFOp,
          arith::TruncFOp, arith::ExtSIOp, arith::ExtUIOp, arith::TruncIOp,
          arith::SIToFPOp, arith::UIToFPOp, vector::FMAOp>(def))
    return llvm::all_of(def->getOperands(), [&](Value operand) {
      return isa<VectorType>(operand.getType()) &&
             provesZeroOutside(operand, cut, reads, depth + 1);
    });
  return false;
}

/// A masked sum of products computes the same in-bounds lanes unmasked
/// (the write back stays masked) when every product the mask leaves out is
/// zero: drop the mask, so that the contraction lowers to plain FMAs.
///
/// Lanes that only parallel loops put out of bounds are results the mask
/// leaves undefined anyway. Along a reduction loop that the mask may cut,
/// both factors must be proved zero there (provesZeroOutside), and the
/// reads that prove it pad with zero instead of poison; otherwise the
/// contraction stays masked.
struct UnmaskContraction : public OpRewritePattern<vector::MaskOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(vector::MaskOp mask,
                                PatternRewriter &rewriter) const override {
    auto contract =
        dyn_cast_or_null<vector::ContractionOp>(mask.getMaskableOp());
    if (!contract || mask.hasPassthru() ||
        contract.getKind() != vector::CombiningKind::ADD)
      return failure();
    std::optional<SmallVector<OpFoldResult>> bounds =
        maskBounds(mask.getMask());
    if (!bounds)
      return rewriter.notifyMatchFailure(mask, "unknown mask");
    ArrayRef<int64_t> sizes = mask.getMask().getType().getShape();
    CutBounds loopCut(sizes.size());
    for (auto [d, type] : llvm::enumerate(contract.getIteratorTypes())) {
      std::optional<int64_t> bound = getConstantIntValue((*bounds)[d]);
      if (vector::isReductionIterator(type) && (!bound || *bound < sizes[d]))
        loopCut[d] = (*bounds)[d];
    }

    SmallVector<vector::TransferReadOp> reads;
    for (auto [operand, map] :
         llvm::zip(ValueRange{contract.getLhs(), contract.getRhs()},
                   contract.getIndexingMapsArray())) {
      CutBounds cut(map.getNumResults());
      for (auto [d, bound] : llvm::enumerate(loopCut)) {
        if (!bound)
          continue;
        std::optional<unsigned> pos =
            map.getResultPosition(getAffineDimExpr(d, map.getContext()));
        if (!pos)
          return rewriter.notifyMatchFailure(mask, "broadcast along a cut");
        cut[*pos] = bound;
      }
      if (llvm::any_of(cut, [](OpFoldResult b) { return bool(b); }) &&
          !provesZeroOutside(operand, cut, reads))
        return rewriter.notifyMatchFailure(mask, "no proof of zero lanes");
    }

    for (vector::TransferReadOp read : reads) {
      if (matchPattern(read.getPadding(), m_AnyZeroFloat()) ||
          matchPattern(read.getPadding(), m_Zero()))
        continue;
      Type element = read.getVectorType().getElementType();
      OpBuilder::InsertionGuard guard(rewriter);
      rewriter.setInsertionPoint(read->getParentOfType<vector::MaskOp>()
                                     ? read->getParentOp()
                                     : read.getOperation());
      Value zero = arith::ConstantOp::create(rewriter, read.getLoc(), element,
                                             rewriter.getZeroAttr(element));
      rewriter.modifyOpInPlace(read,
                               [&] { read.getPaddingMutable().assign(zero); });
    }
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
    // A contraction that stays masked is lowered upstream, mask and all.
    if (isa<vector::MaskOp>(op->getParentOp()))
      return failure();
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

/// acc + lhs * rhs where every reduction loop has extent 1 and both
/// factors, once those unit loops are dropped, are laid out as the
/// accumulator: one element-wise FMA. (Upstream's lowering of such a
/// contraction, e.g. a gathered row times a scalar into a row of
/// features, extracts and multiplies element by element.)
struct UnitReductionToFMA : public OpRewritePattern<vector::ContractionOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(vector::ContractionOp op,
                                PatternRewriter &rewriter) const override {
    if (isa<vector::MaskOp>(op->getParentOp()))
      return failure();
    auto accType = dyn_cast<VectorType>(op.getAccType());
    if (op.getKind() != vector::CombiningKind::ADD || !accType ||
        accType.isScalable() || !isa<FloatType>(accType.getElementType()) ||
        op.getLhsType().getElementType() != accType.getElementType() ||
        op.getRhsType().getElementType() != accType.getElementType())
      return failure();
    SmallVector<AffineMap> maps = op.getIndexingMapsArray();
    SmallVector<int64_t> extents(maps[0].getNumDims(), 1);
    VectorType factors[] = {op.getLhsType(), op.getRhsType()};
    for (int f = 0; f < 2; ++f)
      for (auto [pos, expr] : llvm::enumerate(maps[f].getResults()))
        if (auto dim = dyn_cast<AffineDimExpr>(expr))
          extents[dim.getPosition()] = factors[f].getDimSize(pos);
    ArrayAttr iterators = op.getIteratorTypes();
    auto keptResults = [&](AffineMap map) -> std::optional<SmallVector<unsigned>> {
      SmallVector<unsigned> dims;
      for (AffineExpr expr : map.getResults()) {
        auto dim = dyn_cast<AffineDimExpr>(expr);
        if (!dim)
          return std::nullopt;
        unsigned d = dim.getPosition();
        if (vector::isReductionIterator(iterators[d])) {
          if (extents[d] != 1)
            return std::nullopt;
          continue;
        }
        dims.push_back(d);
      }
      return dims;
    };
    std::optional<SmallVector<unsigned>> acc = keptResults(maps[2]);
    std::optional<SmallVector<unsigned>> lhs = keptResults(maps[0]);
    std::optional<SmallVector<unsigned>> rhs = keptResults(maps[1]);
    if (!acc || !lhs || !rhs || *lhs != *acc || *rhs != *acc)
      return rewriter.notifyMatchFailure(op, "not an element-wise product");
    Location loc = op.getLoc();
    Value a = vector::ShapeCastOp::create(rewriter, loc, accType, op.getLhs());
    Value b = vector::ShapeCastOp::create(rewriter, loc, accType, op.getRhs());
    rewriter.replaceOpWithNewOp<vector::FMAOp>(op, a, b, op.getAcc());
    return success();
  }
};

} // namespace

void mlir::spider::populateVectorMicroKernelPatterns(
    RewritePatternSet &patterns) {
  patterns.add<UnmaskContraction, ContractionToFMA, UnitReductionToFMA>(
      patterns.getContext());
}
