//===- FusePitEpilogues.cpp - Element-wise epilogues into spider.pit ------===//
//
// spider-fuse-pit-epilogues: an element-wise linalg op that reads only
// results of spider.pit ops on one index (a GNN's mean: the neighbour sum
// divided by the degree, two PITs; the max aggregation's -inf to 0) runs
// inside them, per group, on the group's box. Where no group writes, the
// op's value is a constant: the PITs' outputs there are their constant
// inits, and the op's body folds on them. The fused op's output starts as
// that constant. Neither the PITs' results nor the op then exist densely.
//
//===----------------------------------------------------------------------===//

#include "LowerPitToLoops/PitGroupLoop.h"
#include "spider/Analysis/ZeroSkipping.h"
#include "spider/Dialect/Spider/IR/ComputeTile.h"
#include "spider/Dialect/Spider/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Transforms/RegionUtils.h"

namespace mlir::spider {
#define GEN_PASS_DEF_SPIDERFUSEPITEPILOGUES
#include "spider/Dialect/Spider/Transforms/Passes.h.inc"
} // namespace mlir::spider

using namespace mlir;
using namespace mlir::spider;

namespace {

/// The constant a linalg.fill of a constant scalar writes, or null.
Attribute fillConstant(Value init) {
  auto fill = init.getDefiningOp<linalg::FillOp>();
  Attribute value;
  if (!fill || !matchPattern(fill.getInputs()[0], m_Constant(&value)))
    return {};
  return value;
}

/// An epilogue candidate: `op` and the spider.pit ops whose results it
/// reads, in program order.
struct Epilogue {
  linalg::LinalgOp op;
  SmallVector<PitOp> pits;
};

/// Why `op` is not an epilogue of spider.pit results, or "" (with `out`
/// filled): element-wise on tensors, one result, its init built from a
/// constant, its body capturing constants only, every input a result of a
/// spider.pit of one index and one sparse value, in `op`'s block.
std::string explainNotEpilogue(linalg::LinalgOp op, Epilogue &out) {
  if (!op.hasPureTensorSemantics() || op->getNumResults() != 1 ||
      op.getNumReductionLoops() != 0 || isa<linalg::FillOp>(op) ||
      op->getNumRegions() != 1 || op.getNumDpsInputs() == 0)
    return "not an element-wise op";
  // Element by element in the PITs' own layout: the output map is the
  // identity and every input map keeps its dimensions in order (a
  // broadcast at most). A transpose would move the group's box.
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  if (!maps.back().isIdentity() ||
      llvm::any_of(ArrayRef(maps).drop_back(), [](AffineMap map) {
        if (!map.isProjectedPermutation())
          return true;
        for (unsigned r = 1; r < map.getNumResults(); ++r)
          if (map.getDimPosition(r) <= map.getDimPosition(r - 1))
            return true;
        return false;
      }))
    return "not an element-wise op in its inputs' layout";
  Operation *initDef = op.getDpsInits()[0].getDefiningOp();
  if (!initDef || !isPitInitBuilder(initDef))
    return "its init is not built from a constant";
  SetVector<Value> captured;
  getUsedValuesDefinedAbove(op->getRegion(0), captured);
  for (Value value : captured)
    if (!value.getDefiningOp() ||
        !value.getDefiningOp()->hasTrait<OpTrait::ConstantLike>())
      return "its body reads a value that is not a constant";
  out.op = op;
  out.pits.clear();
  for (Value in : op.getDpsInputs()) {
    auto pit = in.getDefiningOp<PitOp>();
    if (!pit)
      return "an input is not a spider.pit result";
    if (pit->getBlock() != op->getBlock())
      return "a spider.pit it reads is in another block";
    if (!llvm::is_contained(out.pits, pit))
      out.pits.push_back(pit);
  }
  llvm::sort(out.pits, [](PitOp a, PitOp b) { return a->isBeforeInBlock(b); });
  PitOp first = out.pits.front();
  for (PitOp pit : out.pits) {
    if (pit.getIndex() != first.getIndex() ||
        pit.getSparseValue() != first.getSparseValue())
      return "the spider.pit ops it reads run on different indexes";
    if (pit->getNumRegions() != 1 || pit.getBody().empty())
      return "a spider.pit it reads has no body";
  }
  // The fused op takes the epilogue's place: every other reader of the
  // PITs' results must come after it.
  for (PitOp pit : out.pits)
    for (Operation *user : pit->getUsers())
      if (user != op.getOperation() &&
          (user->getBlock() != op->getBlock() || !op->isBeforeInBlock(user)))
        return "a result of the spider.pit ops it reads is used before it";
  // Outputs read by nothing else are built in the fused body.
  for (PitOp pit : out.pits)
    for (auto [r, init] : llvm::enumerate(pit.getOutputs())) {
      Value result = pit->getResult(r);
      bool onlyHere = llvm::all_of(result.getUsers(), [&](Operation *user) {
        return user == op.getOperation();
      });
      Operation *def = init.getDefiningOp();
      if (onlyHere && (!def || !isPitInitBuilder(def) ||
                       (isa<linalg::FillOp>(def) && !fillConstant(init))))
        return "a spider.pit output it reads is not built from a constant";
    }
  // Where no group writes, each input is its PIT output's constant init.
  for (Value in : op.getDpsInputs()) {
    auto result = cast<OpResult>(in);
    auto pit = cast<PitOp>(result.getOwner());
    if (!fillConstant(pit.getOutputs()[result.getResultNumber()]))
      return "a spider.pit output it reads does not start as a constant";
  }
  return "";
}

/// The value `op`'s body yields where every input is its PIT output's
/// constant init (and the init, if read, its own fill constant), by
/// folding; null when some op of the body does not fold.
Attribute foldAtInactive(linalg::LinalgOp op) {
  SmallVector<Attribute> values;
  for (OpOperand &operand : op->getOpOperands()) {
    Value value = operand.get();
    if (auto result = dyn_cast<OpResult>(value);
        result && isa<PitOp>(result.getOwner()))
      values.push_back(fillConstant(cast<PitOp>(result.getOwner())
                                        .getOutputs()[result.getResultNumber()]));
    else
      values.push_back(fillConstant(value));
  }
  return foldBodyAt(op, values, 0);
}

/// Builds the fused spider.pit of `epilogue` before its op.
class EpilogueBuilder {
public:
  EpilogueBuilder(Epilogue epilogue, TypedAttr inactive)
      : epilogue(epilogue), inactive(inactive), b(epilogue.op) {}

  PitOp build() {
    PitOp first = epilogue.pits.front();
    unsigned sparse = first.getSparseOperand();
    linalg::LinalgOp op = epilogue.op;
    // Inputs: every PIT's inputs, one block argument for the sparse value.
    SmallVector<SmallVector<unsigned>> inputPositions;
    for (PitOp pit : epilogue.pits) {
      SmallVector<unsigned> &positions = inputPositions.emplace_back();
      for (auto [i, in] : llvm::enumerate(pit.getInputs())) {
        if (pit != first && i == pit.getSparseOperand()) {
          positions.push_back(sparse);
          continue;
        }
        positions.push_back(inputs.size());
        inputs.push_back(in);
      }
    }
    // Outputs: the PIT results something else reads, then the epilogue's,
    // which starts as the constant it has where no group writes.
    SmallVector<Value> outputs;
    SmallVector<Type> resultTypes;
    for (PitOp pit : epilogue.pits)
      for (OpResult result : pit->getResults())
        if (llvm::any_of(result.getUsers(),
                         [&](Operation *u) { return u != op.getOperation(); })) {
          kept.push_back(result);
          outputs.push_back(pit.getOutputs()[result.getResultNumber()]);
          resultTypes.push_back(result.getType());
        }
    Value init = op.getDpsInits()[0];
    auto fill = init.getDefiningOp<linalg::FillOp>();
    Value empty = fill ? fill.getOutputs()[0] : init;
    Value scalar = arith::ConstantOp::create(b, op.getLoc(), inactive);
    newFill = linalg::FillOp::create(b, op.getLoc(), scalar, empty);
    outputs.push_back(newFill.getResult(0));
    resultTypes.push_back(op->getResult(0).getType());

    auto fused = PitOp::create(b, op.getLoc(), resultTypes, inputs, outputs,
                               first.getIndex(), sparse, first.getPackDim(),
                               first.getTileConfigAttr(),
                               first.getDenseThresholdAttr());
    Block *body = new Block();
    fused.getBody().push_back(body);
    for (Value value : llvm::concat<Value>(inputs, outputs))
      body->addArgument(value.getType(), value.getLoc());
    OpBuilder inner = OpBuilder::atBlockBegin(body);

    IRMapping inside; // The PITs' results -> their values in the body.
    for (auto [p, pit] : llvm::enumerate(epilogue.pits)) {
      unsigned numInputs = pit.getInputs().size();
      Block &source = pit.getBody().front();
      IRMapping mapping;
      for (BlockArgument arg : source.getArguments()) {
        unsigned i = arg.getArgNumber();
        if (i < numInputs) {
          mapping.map(arg, body->getArgument(inputPositions[p][i]));
          continue;
        }
        OpResult result = pit->getResult(i - numInputs);
        auto at = llvm::find(kept, result);
        mapping.map(arg, at != kept.end()
                             ? body->getArgument(inputs.size() +
                                                 (at - kept.begin()))
                             : cloneInitBuilder(inner, pit.getOutputs()[i -
                                                                numInputs]));
      }
      Operation *head = pit.getComputation();
      for (Operation &o : source.without_terminator()) {
        Operation *clone = inner.clone(o, mapping);
        if (&o == head && p != 0 && pit.getTileConfigAttr())
          clone->setAttr(kComputeTileAttrName,
                         inner.getDenseI64ArrayAttr(
                             pit.getTileConfigAttr().getComputeTile()));
      }
      for (auto [result, value] :
           llvm::zip(pit->getResults(), source.getTerminator()->getOperands()))
        inside.map(result, mapping.lookupOrDefault(value));
    }

    IRMapping mapping;
    for (Value in : op.getDpsInputs())
      mapping.map(in, inside.lookup(in));
    mapping.map(init, body->getArgument(body->getNumArguments() - 1));
    SetVector<Value> captured;
    getUsedValuesDefinedAbove(op->getRegion(0), captured);
    for (Value value : captured)
      mapping.map(value, inner.clone(*value.getDefiningOp())->getResult(0));
    Value computed = inner.clone(*op, mapping)->getResult(0);

    SmallVector<Value> yielded;
    for (OpResult result : kept)
      yielded.push_back(inside.lookup(result));
    yielded.push_back(computed);
    YieldOp::create(inner, op.getLoc(), yielded);
    return fused;
  }

  /// The PIT results that stay results of the fused op, in its order.
  ArrayRef<OpResult> keptResults() const { return kept; }
  /// The constant fill of the epilogue's output, built before the op.
  linalg::FillOp outputFill() const { return newFill; }

private:
  /// An init builder (a tensor.empty, or a fill of one with a constant)
  /// cloned into the body.
  Value cloneInitBuilder(OpBuilder &inner, Value init) {
    auto fill = init.getDefiningOp<linalg::FillOp>();
    Value emptyValue = fill ? fill.getOutputs()[0] : init;
    Value empty = inner.clone(*emptyValue.getDefiningOp())->getResult(0);
    if (!fill)
      return empty;
    Value scalar = inner.clone(*fill.getInputs()[0].getDefiningOp())
                       ->getResult(0);
    return linalg::FillOp::create(inner, fill.getLoc(), scalar, empty)
        .getResult(0);
  }

  Epilogue epilogue;
  TypedAttr inactive;
  OpBuilder b;
  SmallVector<Value> inputs;
  SmallVector<OpResult> kept;
  linalg::FillOp newFill;
};

struct FusePitEpiloguesPass
    : public spider::impl::SpiderFusePitEpiloguesBase<FusePitEpiloguesPass> {
  using Base::Base;

  void runOnOperation() override {
    bool changed = true;
    while (changed) {
      changed = false;
      SmallVector<linalg::LinalgOp> candidates;
      getOperation()->walk([&](linalg::LinalgOp op) {
        if (!op->getParentOfType<PitOp>() &&
            llvm::any_of(op->getOperands(), [](Value v) {
              return v.getDefiningOp<PitOp>() != nullptr;
            }))
          candidates.push_back(op);
      });
      for (linalg::LinalgOp op : candidates)
        if (tryFuse(op)) {
          changed = true;
          break;
        }
    }
  }

  /// Fuses `op` into the spider.pit ops it reads; returns whether it did.
  bool tryFuse(linalg::LinalgOp op) {
    Epilogue epilogue;
    if (std::string why = explainNotEpilogue(op, epilogue); !why.empty()) {
      // Only an element-wise op that reads PIT results and nothing else is
      // worth a word.
      if (!StringRef(why).starts_with("not an element-wise op") &&
          llvm::all_of(op.getDpsInputs(), [](Value v) {
            return v.getDefiningOp<PitOp>() != nullptr;
          }))
        op.emitRemark() << "not fused into the spider.pit it reads: " << why;
      return false;
    }
    auto inactive = dyn_cast_or_null<TypedAttr>(foldAtInactive(op));
    Type element = getElementTypeOrSelf(op->getResult(0).getType());
    if (!inactive || inactive.getType() != element) {
      op.emitRemark() << "not fused into the spider.pit it reads: its value "
                         "where no group writes does not fold to a constant";
      return false;
    }
    EpilogueBuilder builder(epilogue, inactive);
    PitOp fused = builder.build();
    PitPlan plan;
    std::string why = failed(verify(fused, /*verifyRecursively=*/false))
                          ? "the fused spider.pit does not verify"
                          : planPitLowering(fused, plan);
    if (!why.empty()) {
      op.emitRemark() << "not fused into the spider.pit it reads: " << why;
      Operation *scalar = builder.outputFill().getInputs()[0].getDefiningOp();
      fused.erase();
      builder.outputFill().erase();
      scalar->erase();
      return false;
    }
    for (auto [k, result] : llvm::enumerate(builder.keptResults()))
      OpResult(result).replaceAllUsesWith(fused->getResult(k));
    op->getResult(0).replaceAllUsesWith(fused->getResults().back());
    op->erase();
    for (PitOp pit : llvm::reverse(epilogue.pits))
      pit.erase();
    return true;
  }
};

} // namespace
