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

/// The reduction `init + product(coreFactors)` over `op`'s loops.
linalg::GenericOp buildCore(RewriterBase &rewriter, linalg::GenericOp op,
                            ArrayRef<unsigned> coreArgs, ValueRange coreInputs,
                            ArrayRef<Value> coreFactors,
                            ArrayRef<AffineMap> coreMaps, Value init,
                            RankedTensorType initType) {
  return linalg::GenericOp::create(
      rewriter, op.getLoc(), initType, coreInputs, ValueRange{init}, coreMaps,
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
}

/// `map` (over `op`'s loops) as a map over the dims of an operand indexed
/// by the projected permutation `operandMap`; null where `map` reads a loop
/// the operand does not.
AffineMap inOperandSpace(AffineMap map, AffineMap operandMap) {
  SmallVector<AffineExpr> results;
  for (AffineExpr expr : map.getResults()) {
    if (isa<AffineConstantExpr>(expr)) {
      results.push_back(expr);
      continue;
    }
    auto dim = dyn_cast<AffineDimExpr>(expr);
    if (!dim)
      return {};
    std::optional<unsigned> position =
        operandMap.getResultPosition(getAffineDimExpr(dim.getPosition(),
                                                      map.getContext()));
    if (!position)
      return {};
    results.push_back(getAffineDimExpr(*position, map.getContext()));
  }
  return AffineMap::get(operandMap.getNumResults(), 0, results,
                        map.getContext());
}

/// Whether `user` is the only op that reads `value`'s elements (a
/// tensor.dim reads only its shape).
bool usedOnlyBy(Value value, Operation *user) {
  return llvm::all_of(value.getUsers(), [&](Operation *other) {
    return other == user || isa<tensor::DimOp>(other);
  });
}

/// Moves the scale wrappers that index only loops of one core input, made
/// by a packed element-wise op for this reduction alone, in front of the
/// reduction: `sum((s * a) * b)` as the program wrote it, where the scale
/// then costs nothing (element-wise fusion puts it into the op that makes
/// `a`, an activation) instead of a pass over the result. `coreInputs`
/// take the scaled values; the moved wrappers leave `wrappers`.
void scaleInPrologues(RewriterBase &rewriter, linalg::GenericOp op,
                      ArrayRef<unsigned> coreArgs, ArrayRef<Value> coreFactors,
                      SmallVector<Value> &coreInputs,
                      SmallVector<Wrapper> &wrappers,
                      SmallVector<linalg::GenericOp> &created) {
  // Selects stay outside: select(c, sum(a * b), 0) is exact where a
  // select moved in front would make 0 * inf.
  if (llvm::any_of(wrappers, [](const Wrapper &w) {
        return w.kind != Wrapper::Scale;
      }))
    return;
  for (auto [j, arg] : llvm::enumerate(coreArgs)) {
    // The element itself must be a factor of the product, in the scales'
    // type (scaling before a cast would change the precision of the scale).
    BlockArgument element = op.getBlock()->getArgument(arg);
    if (!llvm::is_contained(coreFactors, Value(element)) ||
        llvm::any_of(wrappers, [&](const Wrapper &w) {
          return w.factor.getType() != element.getType();
        }))
      continue;
    Value operand = coreInputs[j];
    Operation *user = op;
    // Dropping unit loops leaves collapse(expand(x)) between two ops of a
    // group; the prologue reads x.
    if (auto collapse = operand.getDefiningOp<tensor::CollapseShapeOp>()) {
      auto expand = collapse.getSrc().getDefiningOp<tensor::ExpandShapeOp>();
      if (expand && expand.getSrc().getType() == collapse.getType() &&
          expand.getReassociationIndices() ==
              collapse.getReassociationIndices() &&
          usedOnlyBy(collapse.getSrc(), collapse) && usedOnlyBy(operand, op)) {
        operand = expand.getSrc();
        user = expand;
      }
    }
    auto producer = operand.getDefiningOp<linalg::GenericOp>();
    if (!producer || !producer->hasAttr(kPackedComputationAttrName) ||
        producer.getNumParallelLoops() != producer.getNumLoops() ||
        !usedOnlyBy(operand, user))
      continue;
    AffineMap operandMap =
        op.getMatchingIndexingMap(op.getDpsInputOperand(arg));
    auto operandType = dyn_cast<RankedTensorType>(operand.getType());
    if (!operandType || !operandMap.isProjectedPermutation(
                            /*allowZeroInResults=*/false))
      continue;
    // The factors' inputs, as maps over the operand's dims.
    SmallVector<Value> factors;
    for (const Wrapper &w : wrappers)
      factors.push_back(w.factor);
    SmallVector<unsigned> factorArgs;
    collectArgs(op, factors, factorArgs);
    SmallVector<Value> inputs{operand};
    SmallVector<AffineMap> maps{
        rewriter.getMultiDimIdentityMap(operandType.getRank())};
    bool fits = true;
    for (unsigned factorArg : factorArgs) {
      if (factorArg >= op.getNumDpsInputs()) {
        fits = false;
        break;
      }
      AffineMap map = inOperandSpace(
          op.getMatchingIndexingMap(op.getDpsInputOperand(factorArg)),
          operandMap);
      if (!map) {
        fits = false;
        break;
      }
      inputs.push_back(op.getDpsInputs()[factorArg]);
      maps.push_back(map);
    }
    if (!fits)
      continue;
    maps.push_back(maps.front());
    rewriter.setInsertionPoint(op);
    Location loc = op.getLoc();
    // Sized by the producer's init: a size read off `operand` would be a
    // second use that keeps the producer from fusing.
    Value producerInit =
        producer.getDpsInits()[cast<OpResult>(operand).getResultNumber()];
    Value empty = tensor::EmptyOp::create(
        rewriter, loc, tensor::getMixedSizes(rewriter, loc, producerInit),
        operandType.getElementType());
    SmallVector<utils::IteratorType> parallel(operandType.getRank(),
                                              utils::IteratorType::parallel);
    auto prologue = linalg::GenericOp::create(
        rewriter, loc, operandType, inputs, ValueRange{empty}, maps, parallel,
        [&](OpBuilder &b, Location nloc, ValueRange args) {
          IRMapping mapping;
          for (auto [i, factorArg] : llvm::enumerate(factorArgs))
            mapping.map(op.getBlock()->getArgument(factorArg), args[i + 1]);
          // Outermost wrapper first, as the program multiplied them.
          Value value;
          for (const Wrapper &w : wrappers) {
            Value factor = cloneExpression(b, op, w.factor, mapping);
            value = value ? arith::MulFOp::create(b, nloc, value, factor)
                                .getResult()
                          : factor;
          }
          value = arith::MulFOp::create(b, nloc, value, args.front());
          linalg::YieldOp::create(b, nloc, value);
        });
    prologue->setAttr(kPackedComputationAttrName, rewriter.getUnitAttr());
    coreInputs[j] = prologue.getResult(0);
    created.push_back(prologue);
    wrappers.clear();
    return;
  }
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
  SmallVector<linalg::GenericOp> created;
  scaleInPrologues(rewriter, op, coreArgs, coreFactors, coreInputs, wrappers,
                   created);
  AffineMap initMap = op.getMatchingIndexingMap(op.getDpsInitOperand(0));
  coreMaps.push_back(initMap);
  // Every factor went into a prologue: the core accumulates into the init
  // itself, in the original order of its operations.
  if (wrappers.empty()) {
    auto coreOp = buildCore(rewriter, op, coreArgs, coreInputs, coreFactors,
                            coreMaps, init, initType);
    rewriter.replaceOp(op, coreOp.getResults());
    created.insert(created.begin(), coreOp);
    return created;
  }
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
  auto coreOp = buildCore(rewriter, op, coreArgs, coreInputs, coreFactors,
                          coreMaps, zeros, initType);

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
  created.insert(created.begin(), {coreOp, epilogue});
  return created;
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

/// Fusing an op whose payload reads its init (an epilogue in place over a
/// reduction) into its consumer keeps that op's result, read only by the
/// fused payload: a dead full-size store per element. Gives the dead
/// result's init to a live output of the same shape whose init the payload
/// does not read (the consumer's fresh tensor), or else makes it an input.
struct DropResultReadOnlyInPayload : OpRewritePattern<linalg::GenericOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(linalg::GenericOp op,
                                PatternRewriter &rewriter) const override {
    if (!op.hasPureTensorSemantics() || op.getNumResults() < 2 ||
        op.getNumReductionLoops() != 0)
      return failure();
    Block *body = op.getBlock();
    unsigned numInputs = op.getNumDpsInputs();
    SmallVector<AffineMap> maps = op.getIndexingMapsArray();
    std::optional<unsigned> dead;
    for (unsigned i = 0, e = op.getNumResults(); i < e; ++i)
      if (op.getResult(i).use_empty() &&
          !body->getArgument(numInputs + i).use_empty()) {
        dead = i;
        break;
      }
    if (!dead)
      return failure();
    Value deadInit = op.getDpsInits()[*dead];
    std::optional<unsigned> taker;
    for (unsigned i = 0, e = op.getNumResults(); i < e; ++i)
      if (i != *dead && !op.getResult(i).use_empty() &&
          body->getArgument(numInputs + i).use_empty() &&
          op.getDpsInits()[i].getType() == deadInit.getType() &&
          maps[numInputs + i] == maps[numInputs + *dead]) {
        taker = i;
        break;
      }
    SmallVector<Value> inputs(op.getDpsInputs());
    SmallVector<Value> inits;
    SmallVector<AffineMap> newMaps(maps.begin(), maps.begin() + numInputs);
    SmallVector<Type> resultTypes;
    for (unsigned i = 0, e = op.getNumResults(); i < e; ++i) {
      if (i == *dead)
        continue;
      inits.push_back(taker && i == *taker ? deadInit : op.getDpsInits()[i]);
      newMaps.push_back(maps[numInputs + i]);
      resultTypes.push_back(op.getResult(i).getType());
    }
    if (!taker) {
      inputs.push_back(deadInit);
      newMaps.insert(newMaps.begin() + numInputs, maps[numInputs + *dead]);
    }
    auto fused = linalg::GenericOp::create(
        rewriter, op.getLoc(), resultTypes, inputs, inits, newMaps,
        op.getIteratorTypesArray());
    fused->setDiscardableAttrs(op->getDiscardableAttrDictionary());
    rewriter.inlineRegionBefore(op.getRegion(), fused.getRegion(),
                                fused.getRegion().begin());
    Block *moved = fused.getBlock();
    BlockArgument deadArg = moved->getArgument(numInputs + *dead);
    if (taker) {
      rewriter.replaceAllUsesWith(deadArg,
                                  moved->getArgument(numInputs + *taker));
    } else {
      BlockArgument asInput =
          moved->insertArgument(numInputs, deadArg.getType(), deadArg.getLoc());
      rewriter.replaceAllUsesWith(deadArg, asInput);
      deadArg = moved->getArgument(numInputs + 1 + *dead);
    }
    moved->eraseArgument(deadArg.getArgNumber());
    auto yield = cast<linalg::YieldOp>(moved->getTerminator());
    rewriter.modifyOpInPlace(yield, [&] { yield->eraseOperand(*dead); });
    SmallVector<Value> replacements;
    for (unsigned i = 0, j = 0, e = op.getNumResults(); i < e; ++i)
      replacements.push_back(i == *dead ? Value() : fused.getResult(j++));
    rewriter.replaceOp(op, replacements);
    return success();
  }
};

/// Whether fusing through `operand` joins two element-wise ops of one
/// group's packed computation. Into element-wise consumers only: a
/// producer fused into a reduction would keep it from being the
/// contraction it is.
bool joinsPackedElementwise(OpOperand *operand) {
  auto producer = operand->get().getDefiningOp<linalg::GenericOp>();
  auto consumer = dyn_cast<linalg::GenericOp>(operand->getOwner());
  return producer && consumer &&
         producer->hasAttr(kPackedComputationAttrName) &&
         consumer->hasAttr(kPackedComputationAttrName) &&
         consumer.getNumReductionLoops() == 0 && producer->hasOneUse();
}

/// Upstream's element-wise fusion, keeping the packed mark on the fused op
/// so that a third op of the group fuses too.
struct FusePackedElementwise : OpRewritePattern<linalg::GenericOp> {
  FusePackedElementwise(MLIRContext *ctx)
      : OpRewritePattern(ctx, /*benefit=*/2) {}

  LogicalResult matchAndRewrite(linalg::GenericOp consumer,
                                PatternRewriter &rewriter) const override {
    for (OpOperand &operand : consumer->getOpOperands()) {
      if (!joinsPackedElementwise(&operand) ||
          !linalg::areElementwiseOpsFusable(&operand))
        continue;
      Operation *producer = operand.get().getDefiningOp();
      FailureOr<linalg::ElementwiseOpFusionResult> fused =
          linalg::fuseElementwiseOps(rewriter, &operand);
      if (failed(fused))
        continue;
      fused->fusedOp->setAttr(kPackedComputationAttrName,
                              rewriter.getUnitAttr());
      for (auto [original, replacement] : fused->replacements)
        rewriter.replaceUsesWithIf(original, replacement, [&](OpOperand &use) {
          return use.getOwner() != producer;
        });
      rewriter.eraseOp(consumer);
      return success();
    }
    return failure();
  }
};

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
    linalg::populateElementwiseOpsFusionPatterns(fusion,
                                                 joinsPackedElementwise);
    fusion.add<FusePackedElementwise, DropResultReadOnlyInPayload>(
        &getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(fusion))))
      return signalPassFailure();
  }
};

} // namespace
