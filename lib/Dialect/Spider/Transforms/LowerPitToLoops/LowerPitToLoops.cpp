//===- LowerPitToLoops.cpp - spider.pit to loops over index groups --------===//
//
// The pass driver of spider-lower-pit-to-loops: each spider.pit becomes its
// dense computation, a loop over its index groups (PitGroupLoop.h), or both
// behind a run-time test of the index's density; with `profile`, between
// calls into the runtime's profiler (PitProfile.h).
//
//===----------------------------------------------------------------------===//

#include "PitGroupLoop.h"
#include "PitProfile.h"
#include "spider/Dialect/Spider/Transforms/Passes.h"
#include "spider/Dialect/Spider/Transforms/Utils/CodegenUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

namespace mlir::spider {
#define GEN_PASS_DEF_SPIDERLOWERPITTOLOOPS
#include "spider/Dialect/Spider/Transforms/Passes.h.inc"
} // namespace mlir::spider

using namespace mlir;
using namespace mlir::spider;

namespace {

/// Lowers one spider.pit, whose body's block arguments `outer` maps to its
/// operands.
class PitToLoops {
public:
  PitToLoops(PitOp pit, std::optional<ProfileHooks> profile,
             bool parallelGroups)
      : pit(pit), profile(profile), b(pit), loc(pit.getLoc()),
        parallelGroups(parallelGroups) {}

  void run() {
    cloneBodyConstants();
    if (std::string why = planPitLowering(pit, plan); !why.empty()) {
      pit.emitRemark() << "lowered densely: " << why;
      replacePit(emitDense(b));
      return;
    }
    if (profile)
      emitProfileBegin(b, loc, *profile);
    // Index statistics: what the dense fallback and the profile read.
    IndexGroups groups = IndexGroups::build(b, loc, pit.getIndex());
    PitOutcome outcome;
    outcome.numActive = groups.numActive(b, loc);
    outcome.numTiles = groups.numTiles(b, loc, pit.getSparseValue(),
                                       plan.packAxis, plan.packTile);
    PitWork work;
    if (profile)
      work = countPitWork(b, loc, plan, outer);

    // A packed sparse operand (spider.from_tiles) has no dense form to run
    // the dense computation on: always PIT.
    // A chain's dense form would materialize its intermediates: the same,
    // unless the chain has a dense_threshold (spider-fuse-pit-epilogues
    // keeps its PITs' one: their dense form materializes what the unfused
    // program did; spider-fuse-pit-chains and spider-select-tiles give
    // chains none).
    bool packed = pit.getSparseValue().getDefiningOp<FromTilesOp>() != nullptr ||
                  (pit.isChain() && !pit.getDenseThresholdAttr());
    SmallVector<Value> results =
        pit.getDenseThresholdAttr() && !packed
            ? emitDensityChoice(groups, outcome, work)
            : emitPitOnly(groups, outcome, work);
    if (profile)
      emitProfileEnd(b, loc, *profile, plan, work, outcome);
    replacePit(results);
  }

private:
  /// Maps the body's block arguments to the operands and clones the body's
  /// constants outside it.
  void cloneBodyConstants() {
    Block &body = pit.getBody().front();
    for (auto [arg, operand] :
         llvm::zip(body.getArguments(), pit.getOperands().drop_back()))
      outer.map(arg, operand);
    for (Operation &op : body.without_terminator())
      if (op.hasTrait<OpTrait::ConstantLike>())
        b.clone(op, outer);
  }

  /// The body, densely, at `builder`: what it yields. (The body need not
  /// be linalg ops: a spider.pit nested in another one, lowered first,
  /// leaves its loops there.)
  SmallVector<Value> emitDense(OpBuilder &builder) {
    // A copy: cloning records the region's block arguments in the mapping,
    // and a later clone must not find them there.
    IRMapping mapping = outer;
    for (Operation &op : pit.getBody().front().without_terminator())
      if (!op.hasTrait<OpTrait::ConstantLike>())
        builder.clone(op, mapping);
    SmallVector<Value> values;
    for (Value yielded : pit.getBody().front().getTerminator()->getOperands())
      values.push_back(mapping.lookupOrDefault(yielded));
    return values;
  }

  /// The group loop at `builder`; with profiling, the executed iterations
  /// follow the results.
  SmallVector<Value> emitPit(OpBuilder &builder, const IndexGroups &groups,
                             const PitWork &work) {
    return emitPitGroupLoop(builder, loc, plan, outer, groups,
                            pit.getOutputs(), profile ? work.outside : Value(),
                            parallelGroups);
  }

  /// No dense_threshold: always through PIT.
  SmallVector<Value> emitPitOnly(const IndexGroups &groups,
                                 PitOutcome &outcome, const PitWork &work) {
    SmallVector<Value> results = emitPit(b, groups, work);
    if (profile) {
      outcome.executed = results.pop_back_val();
      outcome.ranDense = arith::ConstantIntOp::create(b, loc, 0, 32);
    }
    return results;
  }

  /// Densely when more of the index is active than the dense_threshold,
  /// through PIT otherwise.
  SmallVector<Value> emitDensityChoice(const IndexGroups &groups,
                                       PitOutcome &outcome,
                                       const PitWork &work) {
    double threshold = pit.getDenseThresholdAttr().getValueAsDouble();
    Value dense =
        denserThan(b, loc, outcome.numActive, outcome.numTiles, threshold);
    auto ifOp = scf::IfOp::create(
        b, loc, dense,
        [&](OpBuilder &tb, Location) {
          SmallVector<Value> values = emitDense(tb);
          if (profile) {
            IndexArith ia(tb, loc);
            values.push_back(ia.toF64(work.dense));
            values.push_back(arith::ConstantIntOp::create(tb, loc, 1, 32));
          }
          scf::YieldOp::create(tb, loc, values);
        },
        [&](OpBuilder &eb, Location) {
          SmallVector<Value> values = emitPit(eb, groups, work);
          if (profile)
            values.push_back(arith::ConstantIntOp::create(eb, loc, 0, 32));
          scf::YieldOp::create(eb, loc, values);
        });
    SmallVector<Value> results(ifOp.getResults());
    if (profile) {
      outcome.ranDense = results.pop_back_val();
      outcome.executed = results.pop_back_val();
    }
    return results;
  }

  void replacePit(ValueRange results) {
    pit.replaceAllUsesWith(results);
    pit.erase();
  }

  PitOp pit;
  std::optional<ProfileHooks> profile;
  OpBuilder b;
  Location loc;
  bool parallelGroups;
  IRMapping outer;
  PitPlan plan;
};

struct LowerPitToLoopsPass
    : public spider::impl::SpiderLowerPitToLoopsBase<LowerPitToLoopsPass> {
  using Base::Base;
  void runOnOperation() override {
    SmallVector<PitOp> pits;
    getOperation()->walk([&](PitOp pit) { pits.push_back(pit); });
    // linalg.reduce, transpose, broadcast and map check their operands'
    // shapes against each other dimension by dimension, static against
    // static: a group's slices may be static along one (a micro-tile's
    // extent) and dynamic along the other (the group's box). As generics
    // they say the same through their maps, which hold for any sizes.
    SmallVector<linalg::LinalgOp> strictShapes;
    for (PitOp pit : pits)
      pit.getBody().walk([&](linalg::LinalgOp op) {
        if (isa<linalg::ReduceOp, linalg::TransposeOp, linalg::BroadcastOp,
                linalg::MapOp>(op))
          strictShapes.push_back(op);
      });
    IRRewriter rewriter(&getContext());
    for (linalg::LinalgOp op : strictShapes) {
      rewriter.setInsertionPoint(op);
      if (failed(linalg::generalizeNamedOp(rewriter, op))) {
        op.emitOpError() << "spider-lower-pit-to-loops could not write it as "
                            "a linalg.generic for the group loop";
        return signalPassFailure();
      }
    }
    for (PitOp pit : pits) {
      if (!pit.hasPureTensorSemantics()) {
        pit.emitOpError()
            << "spider-lower-pit-to-loops lowers spider.pit on tensors";
        return signalPassFailure();
      }
      std::optional<ProfileHooks> hooks;
      if (profile) {
        FailureOr<ProfileHooks> declared = declareProfileHooks(pit);
        if (failed(declared))
          return signalPassFailure();
        hooks = *declared;
      }
      // One level of parallel loops: not inside another spider.pit (lowered
      // after this one) or a parallel loop already there.
      bool nested = pit->getParentOfType<PitOp>() ||
                    pit->getParentOfType<scf::ForallOp>() ||
                    pit->getParentOfType<scf::ParallelOp>();
      PitToLoops(pit, hooks, parallelGroups && !nested).run();
    }
  }
};

} // namespace
