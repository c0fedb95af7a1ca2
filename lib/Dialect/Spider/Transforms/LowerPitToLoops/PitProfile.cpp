//===- PitProfile.cpp - Profiler calls around a lowered spider.pit --------===//

#include "PitProfile.h"
#include "spider/Dialect/Spider/Transforms/Utils/CodegenUtils.h"
#include "spider/Runtime/RuntimeABI.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Interfaces/CastInterfaces.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <limits>

using namespace mlir;
using namespace mlir::spider;

namespace {

/// Floating-point operations one iteration of `op` performs (an FMA counts
/// two; compares, selects and casts none).
int64_t flopsPerIteration(linalg::LinalgOp op) {
  int64_t flops = 0;
  op.getBlock()->walk([&](Operation *inner) {
    if (inner->getNumResults() != 1 ||
        !isa<FloatType>(inner->getResult(0).getType()) ||
        isa<arith::ConstantOp, arith::SelectOp, linalg::YieldOp>(inner) ||
        isa<CastOpInterface>(inner))
      return;
    flops += isa<math::FmaOp>(inner) ? 2 : 1;
  });
  return std::max<int64_t>(flops, 1);
}

/// "linalg.matmul at file.mlir:12:8", for the profile.
std::string describe(PitOp pit) {
  std::string text;
  llvm::raw_string_ostream os(text);
  SmallVector<Operation *> computations = pit.getComputations();
  os << computations.front()->getName();
  if (computations.size() > 1)
    os << " (+" << computations.size() - 1 << " chained)";
  if (auto file = dyn_cast<FileLineColLoc>(pit.getLoc())) {
    StringRef name = file.getFilename().getValue();
    os << " at " << name.substr(name.find_last_of('/') + 1) << ":"
       << file.getLine() << ":" << file.getColumn();
  }
  return text;
}

Value i64Constant(OpBuilder &b, Location loc, int64_t value) {
  return arith::ConstantIntOp::create(b, loc, value, 64);
}

} // namespace

FailureOr<ProfileHooks> mlir::spider::declareProfileHooks(PitOp pit) {
  auto module = pit->getParentOfType<ModuleOp>();
  if (!module)
    return pit.emitOpError() << "profiling needs spider.pit inside a module";
  Builder b(module.getContext());
  Type i64 = b.getI64Type(), f64 = b.getF64Type();
  auto names = module->getAttrOfType<ArrayAttr>("spider.profile_names");
  SmallVector<Attribute> all =
      names ? SmallVector<Attribute>(names.begin(), names.end())
            : SmallVector<Attribute>();
  ProfileHooks hooks{
      static_cast<int64_t>(all.size()),
      declareRuntimeFunction(module, SPIDER_RT_PROFILE_BEGIN,
                             b.getFunctionType({i64}, {})),
      declareRuntimeFunction(
          module, SPIDER_RT_PROFILE_END,
          b.getFunctionType({i64, i64, i64, i64, i64, f64, f64, b.getI32Type()},
                            {}))};
  all.push_back(b.getStringAttr(describe(pit)));
  module->setAttr("spider.profile_names", b.getArrayAttr(all));
  return hooks;
}

PitWork mlir::spider::countPitWork(OpBuilder &b, Location loc,
                                   const PitPlan &plan,
                                   const IRMapping &outer) {
  linalg::LinalgOp op = plan.computation;
  IndexArith ia(b, loc);
  PitWork work{ia.constant(1), ia.constant(1)};
  for (int64_t d = 0, e = op.getNumLoops(); d < e; ++d) {
    // The extent of loop d: the first operand axis it indexes bare.
    Value extent;
    for (OpOperand &operand : op->getOpOperands()) {
      // Inits built in the body (a chain's) have no value outside it.
      if (!outer.contains(operand.get()))
        continue;
      AffineMap map = op.getMatchingIndexingMap(&operand);
      for (auto [axis, expr] : llvm::enumerate(map.getResults())) {
        auto dim = dyn_cast<AffineDimExpr>(expr);
        if (!extent && dim && static_cast<int64_t>(dim.getPosition()) == d)
          extent = tensor::DimOp::create(
              b, loc, outer.lookupOrDefault(operand.get()), axis);
      }
    }
    if (!extent)
      continue;
    work.dense = ia.mul(work.dense, extent);
    if (d != plan.packDim && !plan.boxDims.count(d))
      work.outside = ia.mul(work.outside, extent);
  }
  return work;
}

void mlir::spider::emitProfileBegin(OpBuilder &b, Location loc,
                                    const ProfileHooks &hooks) {
  func::CallOp::create(b, loc, hooks.begin,
                       ValueRange{i64Constant(b, loc, hooks.id)});
}

void mlir::spider::emitProfileEnd(OpBuilder &b, Location loc,
                                  const ProfileHooks &hooks,
                                  const PitPlan &plan, const PitWork &work,
                                  const PitOutcome &outcome) {
  IndexArith ia(b, loc);
  PitOp pit = plan.pit;
  // Micro-tile sizes are user input: the volume saturates instead of
  // overflowing (a fuzzer wrote [2, 9223372036854775807]).
  int64_t volume = 1;
  for (int64_t t : pit.getIndex().getType().getMicrotile())
    if (llvm::MulOverflow(volume, t, volume))
      volume = std::numeric_limits<int64_t>::max();
  Value flops = arith::ConstantOp::create(
      b, loc, b.getF64FloatAttr(double(flopsPerIteration(plan.computation))));
  Value nonZeros = IndexNonZerosOp::create(b, loc, pit.getIndex());
  Value denseFlops = arith::MulFOp::create(b, loc, ia.toF64(work.dense), flops);
  Value executedFlops = arith::MulFOp::create(b, loc, outcome.executed, flops);
  func::CallOp::create(
      b, loc, hooks.end,
      ValueRange{i64Constant(b, loc, hooks.id), ia.toI64(outcome.numActive),
                 ia.toI64(outcome.numTiles), ia.toI64(nonZeros),
                 i64Constant(b, loc, volume), denseFlops, executedFlops,
                 outcome.ranDense});
}
