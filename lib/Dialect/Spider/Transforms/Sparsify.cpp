//===- Sparsify.cpp - Rewrite linalg ops with sparse operands into PIT ----===//

#include "spider/Dialect/Spider/Transforms/Sparsify.h"
#include "spider/Analysis/PermutationInvariance.h"
#include "spider/Analysis/ZeroSkipping.h"
#include "spider/Dialect/Spider/Transforms/Passes.h"

#include "mlir/IR/Dominance.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Transforms/RegionUtils.h"
#include "mlir/IR/IRMapping.h"
#include "llvm/Support/raw_ostream.h"

namespace mlir::spider {
#define GEN_PASS_DEF_SPIDERSPARSIFY
#include "spider/Dialect/Spider/Transforms/Passes.h.inc"
} // namespace mlir::spider

using namespace mlir;
using namespace mlir::spider;

namespace {
/// A pack axis that qualifies, with what ranks it.
struct Candidate {
  PackChoice choice;
  int64_t tileSize;
  bool isReduction;
};
} // namespace

FailureOr<PackChoice> mlir::spider::choosePack(linalg::LinalgOp op,
                                               std::string &reason) {
  reason.clear();
  llvm::raw_string_ostream os(reason);
  // Only tensors carry encodings: ops on buffers have nothing to rewrite.
  if (!op.hasPureTensorSemantics())
    return failure();
  for (OpOperand &init : op.getDpsInitsMutable()) {
    if (getSparseEncoding(init.get().getType())) {
      os << "its output #" << init.getOperandNumber() - op.getNumDpsInputs()
         << " is marked sparse; only inputs can be";
      return failure();
    }
  }
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  std::optional<Candidate> best;
  bool anySparse = false;
  for (OpOperand *input : op.getDpsInputOperands()) {
    SparseEncodingAttr encoding = getSparseEncoding(input->get().getType());
    if (!encoding)
      continue;
    anySparse = true;
    if (std::string why = explainUnsafeZeroSkipping(op, input); !why.empty()) {
      os << (reason.empty() ? "" : "; ") << why;
      continue;
    }
    AffineMap map = op.getMatchingIndexingMap(input);
    // A known index fixes the pack axis.
    std::optional<int64_t> knownAxis;
    if (auto assume = input->get().getDefiningOp<AssumeSparseOp>())
      if (Value known = assume.getIndex())
        knownAxis = cast<TileIndexType>(known.getType()).getPackDim();
    for (auto [axis, expr] : llvm::enumerate(map.getResults())) {
      if (knownAxis && static_cast<int64_t>(axis) != *knownAxis)
        continue;
      os << (reason.empty() ? "" : "; ") << "input #"
         << input->getOperandNumber() << " axis " << axis << " ";
      auto dim = dyn_cast<AffineDimExpr>(expr);
      if (!dim) {
        os << "is indexed by the compound expression '" << expr << "'";
        continue;
      }
      int64_t loopDim = dim.getPosition();
      if (std::string why = explainPermutationVariance(op, loopDim);
          !why.empty()) {
        os << "maps to d" << loopDim << ", which does not qualify: " << why;
        continue;
      }
      os << "qualifies";
      Candidate candidate{{input, static_cast<int64_t>(axis), loopDim},
                          encoding.getMicrotile()[axis],
                          iterators[loopDim] == utils::IteratorType::reduction};
      auto better = [](const Candidate &a, const Candidate &b) {
        if (a.tileSize != b.tileSize)
          return a.tileSize < b.tileSize;
        return a.isReduction && !b.isReduction;
      };
      if (!best || better(candidate, *best))
        best = candidate;
    }
  }
  if (!anySparse) {
    reason.clear();
    return failure();
  }
  if (!best)
    return failure();
  reason.clear();
  return best->choice;
}

/// Returns a `spider.detect` of `value` with `type` that dominates `op`.
static Value findDominatingDetect(Value value, TileIndexType type,
                                  Operation *op) {
  DominanceInfo dominance;
  for (Operation *user : value.getUsers()) {
    auto detect = dyn_cast<DetectOp>(user);
    if (detect && detect.getIndex().getType() == type &&
        dominance.properlyDominates(detect.getOperation(), op))
      return detect.getIndex();
  }
  return nullptr;
}

FailureOr<PitOp> mlir::spider::sparsifyLinalgOp(RewriterBase &rewriter,
                                                linalg::LinalgOp op,
                                                std::string *reason) {
  if (op->getParentOfType<PitOp>())
    return failure(); // Already under PIT.
  std::string why;
  FailureOr<PackChoice> choice = choosePack(op, why);
  if (reason)
    *reason = why;
  if (failed(choice))
    return failure();

  Location loc = op.getLoc();
  Value sparse = choice->operand->get();
  SparseEncodingAttr encoding = getSparseEncoding(sparse.getType());
  auto indexType = TileIndexType::get(rewriter.getContext(),
                                      encoding.getMicrotile(), choice->axis);
  rewriter.setInsertionPoint(op);
  Value index;
  if (auto assume = sparse.getDefiningOp<AssumeSparseOp>())
    if (assume.getIndex() &&
        cast<TileIndexType>(assume.getIndex().getType()).getPackDim() ==
            choice->axis)
      index = assume.getIndex();
  if (!index)
    index = findDominatingDetect(sparse, indexType, op);
  if (!index)
    index = DetectOp::create(rewriter, loc, indexType, sparse);

  SmallVector<Value> inputs = op.getDpsInputs();
  SmallVector<Value> outputs = op.getDpsInits();
  // spider.pit is isolated from above: constants the body captures are
  // cloned into it, other captured values become extra inputs.
  llvm::SetVector<Value> captured;
  getUsedValuesDefinedAbove(op->getRegions(), captured);
  SmallVector<Operation *> capturedConstants;
  for (Value value : captured) {
    if (matchPattern(value, m_Constant()))
      capturedConstants.push_back(value.getDefiningOp());
    else
      inputs.push_back(value);
  }
  auto pit = PitOp::create(
      rewriter, loc, op->getResultTypes(), inputs, outputs, index,
      rewriter.getI64IntegerAttr(choice->operand->getOperandNumber()),
      rewriter.getI64IntegerAttr(choice->loopDim), TileConfigAttr(),
      FloatAttr());

  SmallVector<Value> operands(inputs);
  llvm::append_range(operands, outputs);
  // Block arguments follow ins then outs; extra inputs sit after the op's.
  SmallVector<Type> argTypes(ValueRange(operands).getTypes());
  SmallVector<Location> argLocs(operands.size(), loc);
  Block *body = rewriter.createBlock(&pit.getBody(), {}, argTypes, argLocs);
  IRMapping mapping;
  mapping.map(operands, body->getArguments());
  for (Operation *constant : capturedConstants)
    rewriter.clone(*constant, mapping);
  Operation *computation = rewriter.clone(*op, mapping);
  YieldOp::create(rewriter, loc, computation->getResults());
  rewriter.replaceOp(op, pit.getResults());
  return pit;
}

namespace {
struct SparsifyLinalgPattern
    : public OpInterfaceRewritePattern<linalg::LinalgOp> {
  using OpInterfaceRewritePattern::OpInterfaceRewritePattern;
  LogicalResult matchAndRewrite(linalg::LinalgOp op,
                                PatternRewriter &rewriter) const override {
    return sparsifyLinalgOp(rewriter, op);
  }
};

struct SparsifyPass : public spider::impl::SpiderSparsifyBase<SparsifyPass> {
  using Base::Base;

  void runOnOperation() override {
    SmallVector<linalg::LinalgOp> candidates;
    getOperation()->walk([&](linalg::LinalgOp op) {
      if (!op->getParentOfType<PitOp>())
        candidates.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (linalg::LinalgOp op : candidates) {
      std::string reason;
      if (succeeded(sparsifyLinalgOp(rewriter, op, &reason)) || reason.empty())
        continue;
      if (remarks)
        op->emitRemark() << "kept dense: " << reason;
    }
  }
};
} // namespace

void mlir::spider::populateSparsifyPatterns(RewritePatternSet &patterns) {
  patterns.add<SparsifyLinalgPattern>(patterns.getContext());
}
