//===- VectorMicroKernel.cpp - The CPU register micro-kernel --------------===//

#include "VectorMicroKernel.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

using namespace mlir;

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

} // namespace

void mlir::spider::populateVectorMicroKernelPatterns(
    RewritePatternSet &patterns) {
  patterns.add<UnmaskContraction, ContractionToFMA>(patterns.getContext());
}
