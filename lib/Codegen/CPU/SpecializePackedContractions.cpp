//===- SpecializePackedContractions.cpp - Packed generics as contractions -===//
//
// spider-specialize-packed-contractions: the computation PIT lowering runs
// on one group's packed tiles keeps the shape of the dense op it came from.
// A routing weight or mask read along the parallel loops only, and the unit
// loops of a box (one expert of an MoE), keep it from being the matmul it
// is per group. This pass hoists such reduction-invariant factors and
// selects out of the reduction, into an element-wise epilogue, and drops
// unit loops, so that the core reaches the contraction micro-kernel.
//
//===----------------------------------------------------------------------===//

#include "spider/Codegen/CPU/Passes.h"
#include "spider/Dialect/Spider/IR/ComputeTile.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "mlir/Support/LLVM.h"

namespace mlir::spider {
#define GEN_PASS_DEF_SPIDERSPECIALIZEPACKEDCONTRACTIONS
#include "spider/Codegen/CPU/Passes.h.inc"
} // namespace mlir::spider

using namespace mlir;
using namespace mlir::spider;

namespace {

/// What the epilogue applies to the reduced core, outermost first.
struct Wrapper {
  enum Kind { SelectOrZero, Scale } kind;
  Value factor; ///< The condition or the scale, in the original body.
};

/// A generic's body as a reduction `out + v`, and what of `v` does not
/// depend on the reduction loops.
class ReductionBody {
public:
  explicit ReductionBody(linalg::GenericOp op) : op(op) {
    for (int64_t d = 0, e = op.getNumLoops(); d < e; ++d)
      if (op.getIteratorTypesArray()[d] == utils::IteratorType::reduction)
        reductionDims.push_back(d);
  }

  /// Whether `value` (in the body) depends on no reduction loop.
  bool isInvariant(Value value) {
    auto [it, inserted] = invariant.try_emplace(value, false);
    if (!inserted)
      return it->second;
    bool result = computeInvariant(value);
    invariant[value] = result;
    return result;
  }

  bool computeInvariant(Value value) {
    Block *body = op.getBlock();
    if (auto arg = dyn_cast<BlockArgument>(value)) {
      if (arg.getOwner() != body)
        return true;
      if (arg.getArgNumber() >= op.getNumDpsInputs())
        return false;
      AffineMap map = op.getMatchingIndexingMap(
          op.getDpsInputOperand(arg.getArgNumber()));
      return llvm::none_of(reductionDims,
                           [&](int64_t d) { return map.isFunctionOfDim(d); });
    }
    Operation *def = value.getDefiningOp();
    if (def->getBlock() != body)
      return true;
    if (isa<linalg::IndexOp>(def) || def->getNumRegions() != 0 ||
        !isPure(def))
      return false;
    return llvm::all_of(def->getOperands(),
                        [&](Value v) { return isInvariant(v); });
  }

  /// Splits the yielded `out + v` into wrappers (hoistable) and the core;
  /// false when nothing can be hoisted.
  bool split(SmallVector<Wrapper> &wrappers, Value &core,
             SmallVector<Value> &coreFactors) {
    auto yield = cast<linalg::YieldOp>(op.getBlock()->getTerminator());
    if (yield.getNumOperands() != 1)
      return false;
    auto add = yield.getOperand(0).getDefiningOp<arith::AddFOp>();
    Value out = op.getBlock()->getArgument(op.getNumDpsInputs());
    if (!add || !out.hasOneUse())
      return false;
    Value v = add.getLhs() == out ? add.getRhs()
              : add.getRhs() == out ? add.getLhs()
                                    : Value();
    if (!v || isInvariant(v))
      return false;
    while (auto select = v.getDefiningOp<arith::SelectOp>()) {
      if (!isInvariant(select.getCondition()) ||
          !matchPattern(select.getFalseValue(), m_AnyZeroFloat()) ||
          !select->hasOneUse())
        break;
      wrappers.push_back({Wrapper::SelectOrZero, select.getCondition()});
      v = select.getTrueValue();
    }
    // A product: its invariant factors scale the reduced core.
    SmallVector<Value> factors;
    collectFactors(v, factors);
    for (Value factor : factors) {
      if (isInvariant(factor))
        wrappers.push_back({Wrapper::Scale, factor});
      else
        coreFactors.push_back(factor);
    }
    if (wrappers.empty() || coreFactors.empty())
      return false;
    core = v;
    return true;
  }

  SmallVector<int64_t> reductionDims;

private:
  void collectFactors(Value v, SmallVector<Value> &factors) {
    auto mul = v.getDefiningOp<arith::MulFOp>();
    if (mul && mul->getBlock() == op.getBlock() && mul->hasOneUse()) {
      collectFactors(mul.getLhs(), factors);
      collectFactors(mul.getRhs(), factors);
      return;
    }
    factors.push_back(v);
  }

  linalg::GenericOp op;
  /// Memo of isInvariant: a body is a DAG, and values are shared.
  llvm::DenseMap<Value, bool> invariant;
};

void collectArgSet(linalg::GenericOp op, ArrayRef<Value> values,
                   llvm::SetVector<unsigned> &args) {
  SmallVector<Value> work(values);
  llvm::DenseSet<Value> seen;
  while (!work.empty()) {
    Value v = work.pop_back_val();
    if (!seen.insert(v).second)
      continue;
    if (auto arg = dyn_cast<BlockArgument>(v)) {
      if (arg.getOwner() == op.getBlock())
        args.insert(arg.getArgNumber());
      continue;
    }
    Operation *def = v.getDefiningOp();
    if (def && def->getBlock() == op.getBlock())
      llvm::append_range(work, def->getOperands());
  }
}

/// The block arguments (of `op`'s body) that computing `values` reads, in
/// the op's order (a contraction's A before its B).
void collectArgs(linalg::GenericOp op, ArrayRef<Value> values,
                 SmallVector<unsigned> &args) {
  llvm::SetVector<unsigned> found;
  collectArgSet(op, values, found);
  args.assign(found.begin(), found.end());
  llvm::sort(args);
}

/// Clones into `b` what computing `value` needs from `op`'s body.
Value cloneExpression(OpBuilder &b, linalg::GenericOp op, Value value,
                      IRMapping &mapping) {
  if (Value known = mapping.lookupOrNull(value))
    return known;
  Operation *def = value.getDefiningOp();
  if (!def || def->getBlock() != op.getBlock())
    return value;
  for (Value operand : def->getOperands())
    cloneExpression(b, op, operand, mapping);
  return b.clone(*def, mapping)->getResult(cast<OpResult>(value).getResultNumber());
}

/// Rewrites `op` (out += W(core)) into a core reduction into zero and an
/// element-wise epilogue out + W(reduced); returns the new ops, or none.
SmallVector<linalg::GenericOp> hoistInvariants(RewriterBase &rewriter,
                                               linalg::GenericOp op) {
  if (op.getNumDpsInits() != 1 || op.getNumReductionLoops() == 0 ||
      !op.hasPureTensorSemantics() || !op.getBlock()->getOps<linalg::IndexOp>().empty())
    return {};
  ReductionBody body(op);
  SmallVector<Wrapper> wrappers;
  SmallVector<Value> coreFactors;
  Value core;
  if (!body.split(wrappers, core, coreFactors))
    return {};
  Location loc = op.getLoc();
  Value init = op.getDpsInits()[0];
  auto initType = cast<RankedTensorType>(init.getType());
  if (!isa<FloatType>(initType.getElementType()))
    return {};
  rewriter.setInsertionPoint(op);

  // The core: the product of the variant factors, reduced into zero.
  SmallVector<unsigned> coreArgs;
  collectArgs(op, coreFactors, coreArgs);
  SmallVector<Value> coreInputs;
  SmallVector<AffineMap> coreMaps;
  for (unsigned arg : coreArgs) {
    if (arg >= op.getNumDpsInputs())
      return {};
    coreInputs.push_back(op.getDpsInputs()[arg]);
    coreMaps.push_back(
        op.getMatchingIndexingMap(op.getDpsInputOperand(arg)));
  }
  AffineMap initMap = op.getMatchingIndexingMap(op.getDpsInitOperand(0));
  coreMaps.push_back(initMap);
  // An init that is a fill of zero is the core's accumulator itself, and
  // the epilogue then only applies W, in place.
  // (Through the reshape that dropping unit loops leaves.)
  Value filled = init;
  if (auto collapse = init.getDefiningOp<tensor::CollapseShapeOp>())
    filled = collapse.getSrc();
  auto fill = filled.getDefiningOp<linalg::FillOp>();
  bool zeroInit =
      fill && matchPattern(fill.getInputs()[0], m_AnyZeroFloat());
  Value zeros = init;
  if (!zeroInit) {
    Value zero = arith::ConstantOp::create(
        rewriter, loc, rewriter.getZeroAttr(initType.getElementType()));
    Value empty = tensor::EmptyOp::create(
        rewriter, loc, tensor::getMixedSizes(rewriter, loc, init),
        initType.getElementType());
    zeros = linalg::FillOp::create(rewriter, loc, zero, empty).getResult(0);
  }
  auto coreOp = linalg::GenericOp::create(
      rewriter, loc, initType, coreInputs, ValueRange{zeros}, coreMaps,
      op.getIteratorTypesArray(),
      [&](OpBuilder &b, Location nloc, ValueRange args) {
        IRMapping mapping;
        for (auto [i, arg] : llvm::enumerate(coreArgs))
          mapping.map(op.getBlock()->getArgument(arg), args[i]);
        Value product;
        for (Value factor : coreFactors) {
          Value cloned = cloneExpression(b, op, factor, mapping);
          product = product ? arith::MulFOp::create(b, nloc, product, cloned)
                                  .getResult()
                            : cloned;
        }
        Value sum = arith::AddFOp::create(b, nloc, args.back(), product);
        linalg::YieldOp::create(b, nloc, sum);
      });

  // The epilogue: out + W(reduced), over the parallel loops.
  llvm::SmallBitVector reduced(op.getNumLoops());
  for (int64_t d : body.reductionDims)
    reduced.set(d);
  SmallVector<Value> wrapperFactors;
  for (const Wrapper &w : wrappers)
    wrapperFactors.push_back(w.factor);
  SmallVector<unsigned> epilogueArgs;
  collectArgs(op, wrapperFactors, epilogueArgs);
  SmallVector<Value> epilogueInputs{coreOp.getResult(0)};
  SmallVector<AffineMap> epilogueMaps{compressDims(initMap, reduced)};
  for (unsigned arg : epilogueArgs) {
    if (arg >= op.getNumDpsInputs())
      return {};
    epilogueInputs.push_back(op.getDpsInputs()[arg]);
    epilogueMaps.push_back(compressDims(
        op.getMatchingIndexingMap(op.getDpsInputOperand(arg)), reduced));
  }
  SmallVector<utils::IteratorType> parallel(
      op.getNumLoops() - body.reductionDims.size(),
      utils::IteratorType::parallel);
  // With a zero init, out + W(core) is W(core), written over the core.
  Value epilogueInit = init;
  if (zeroInit) {
    epilogueInputs.erase(epilogueInputs.begin());
    epilogueMaps.erase(epilogueMaps.begin());
    epilogueInit = coreOp.getResult(0);
  }
  epilogueMaps.push_back(compressDims(initMap, reduced));
  auto epilogue = linalg::GenericOp::create(
      rewriter, loc, initType, epilogueInputs, ValueRange{epilogueInit},
      epilogueMaps,
      parallel, [&](OpBuilder &b, Location nloc, ValueRange args) {
        IRMapping mapping;
        unsigned first = zeroInit ? 0 : 1;
        for (auto [i, arg] : llvm::enumerate(epilogueArgs))
          mapping.map(op.getBlock()->getArgument(arg), args[i + first]);
        Value value = zeroInit ? args.back() : args.front();
        for (const Wrapper &w : llvm::reverse(wrappers)) {
          Value factor = cloneExpression(b, op, w.factor, mapping);
          if (w.kind == Wrapper::Scale) {
            value = arith::MulFOp::create(b, nloc, factor, value);
            continue;
          }
          Value zeroValue = arith::ConstantOp::create(
              b, nloc, b.getZeroAttr(value.getType()));
          value = arith::SelectOp::create(b, nloc, factor, value, zeroValue);
        }
        if (!zeroInit)
          value = arith::AddFOp::create(b, nloc, args.back(), value);
        linalg::YieldOp::create(b, nloc, value);
      });
  rewriter.replaceOp(op, epilogue.getResults());
  return {coreOp, epilogue};
}

/// `op` as linalg.matmul when it is one: C[m, n] += A[m, k] * B[k, n] on
/// one element type, its inputs in either order. The named op takes the
/// micro-kernel's unmasked path that a generic contraction does not.
void toNamedMatmul(RewriterBase &rewriter, linalg::GenericOp op) {
  if (op.getNumDpsInputs() != 2 || op.getNumDpsInits() != 1 ||
      op.getNumLoops() != 3 || !linalg::isaContractionOpInterface(op))
    return;
  SmallVector<Type> types;
  for (Value v : op->getOperands())
    types.push_back(getElementTypeOrSelf(v.getType()));
  if (!llvm::all_equal(types) || !isa<FloatType>(types.front()))
    return;
  // The body must be exactly out + a * b (isaContractionOpInterface also
  // takes other combiners and casts).
  Block *body = op.getBlock();
  auto yield = cast<linalg::YieldOp>(body->getTerminator());
  auto add = yield.getOperand(0).getDefiningOp<arith::AddFOp>();
  auto mul = add ? (add.getRhs().getDefiningOp<arith::MulFOp>()
                        ? add.getRhs().getDefiningOp<arith::MulFOp>()
                        : add.getLhs().getDefiningOp<arith::MulFOp>())
                 : arith::MulFOp();
  if (!add || !mul || body->getOperations().size() != 3)
    return;
  FailureOr<linalg::ContractionDimensions> dims =
      linalg::inferContractionDims(op);
  if (failed(dims) || !dims->batch.empty() || dims->m.size() != 1 ||
      dims->n.size() != 1 || dims->k.size() != 1)
    return;
  MLIRContext *ctx = op.getContext();
  auto map = [&](unsigned a, unsigned b) {
    return AffineMap::get(3, 0,
                          {getAffineDimExpr(a, ctx), getAffineDimExpr(b, ctx)},
                          ctx);
  };
  unsigned m = dims->m[0], n = dims->n[0], k = dims->k[0];
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  if (maps[2] != map(m, n))
    return;
  Value a = op.getDpsInputs()[0], b = op.getDpsInputs()[1];
  if (maps[0] == map(k, n) && maps[1] == map(m, k))
    std::swap(a, b);
  else if (maps[0] != map(m, k) || maps[1] != map(k, n))
    return;
  rewriter.setInsertionPoint(op);
  auto matmul = linalg::MatmulOp::create(rewriter, op.getLoc(),
                                         op->getResultTypes(), ValueRange{a, b},
                                         op.getDpsInits());
  rewriter.replaceOp(op, matmul->getResults());
}

/// Whether every loop of `op` the pass may drop is a static unit loop.
SmallVector<unsigned> unitLoops(Operation *candidate) {
  auto op = dyn_cast<linalg::GenericOp>(candidate);
  SmallVector<unsigned> dims;
  if (!op || !op->hasAttr(kPackedComputationAttrName))
    return dims;
  for (auto [d, extent] : llvm::enumerate(op.getStaticLoopRanges()))
    if (extent == 1)
      dims.push_back(d);
  return dims;
}

struct SpecializePackedContractionsPass
    : public spider::impl::SpiderSpecializePackedContractionsBase<
          SpecializePackedContractionsPass> {
  using Base::Base;

  void runOnOperation() override {
    SmallVector<linalg::GenericOp> packed;
    getOperation()->walk([&](linalg::GenericOp op) {
      if (op->hasAttr(kPackedComputationAttrName))
        packed.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    // Unit loops first: a unit loop the box left is a reduction or an n
    // loop by its label, and would hide that a factor is invariant.
    linalg::ControlDropUnitDims control;
    control.controlFn = unitLoops;
    for (linalg::GenericOp &op : packed) {
      if (unitLoops(op).empty())
        continue;
      // The compute tile chosen had one size per loop, and loops go away.
      op->removeAttr(kComputeTileAttrName);
      rewriter.setInsertionPoint(op);
      FailureOr<linalg::DropUnitDimsResult> dropped =
          linalg::dropUnitDims(rewriter, op, control);
      if (failed(dropped))
        continue;
      rewriter.replaceOp(op, dropped->replacements);
      op = cast<linalg::GenericOp>(dropped->resultOp.getOperation());
      op->setAttr(kPackedComputationAttrName, rewriter.getUnitAttr());
    }
    for (linalg::GenericOp op : packed) {
      SmallVector<linalg::GenericOp> split = hoistInvariants(rewriter, op);
      for (linalg::GenericOp part : split)
        part->setAttr(kPackedComputationAttrName, rewriter.getUnitAttr());
      toNamedMatmul(rewriter, split.empty() ? op : split.front());
    }
    // A group's element-wise ops (an epilogue, the activation after it)
    // become one pass over the group's rows.
    RewritePatternSet fusion(&getContext());
    linalg::populateElementwiseOpsFusionPatterns(
        fusion, [](OpOperand *operand) {
          Operation *producer = operand->get().getDefiningOp();
          return producer && isa<linalg::GenericOp>(producer) &&
                 producer->hasAttr(kPackedComputationAttrName) &&
                 operand->getOwner()->hasAttr(kPackedComputationAttrName) &&
                 producer->hasOneUse();
        });
    if (failed(applyPatternsGreedily(getOperation(), std::move(fusion))))
      return signalPassFailure();
  }
};

} // namespace
