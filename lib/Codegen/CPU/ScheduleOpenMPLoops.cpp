//===- ScheduleOpenMPLoops.cpp - Dynamic schedules in balanced chunks -----===//

#include "spider/Codegen/CPU/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/OpenMP/OpenMPDialect.h"

namespace mlir::spider {
#define GEN_PASS_DEF_SPIDERSCHEDULEOPENMPLOOPS
#include "spider/Codegen/CPU/Passes.h.inc"
} // namespace mlir::spider

using namespace mlir;

namespace {

/// How many chunks a loop is handed out in, at most.
constexpr int64_t kHandouts = 256;

/// The iterations of `nest` (every dimension; steps are positive).
Value tripCount(OpBuilder &b, Location loc, omp::LoopNestOp nest) {
  Value total;
  for (auto [lb, ub, step] :
       llvm::zip(nest.getLoopLowerBounds(), nest.getLoopUpperBounds(),
                 nest.getLoopSteps())) {
    Value extent = arith::SubIOp::create(b, loc, ub, lb);
    Value count = arith::CeilDivSIOp::create(b, loc, extent, step);
    Value zero = arith::ConstantOp::create(b, loc,
                                           b.getZeroAttr(count.getType()));
    count = arith::MaxSIOp::create(b, loc, count, zero);
    if (total && total.getType() != count.getType())
      count = arith::IndexCastOp::create(b, loc, total.getType(), count);
    total = total ? arith::MulIOp::create(b, loc, total, count).getResult()
                  : count;
  }
  return total;
}

struct ScheduleOpenMPLoopsPass
    : public spider::impl::SpiderScheduleOpenMPLoopsBase<
          ScheduleOpenMPLoopsPass> {
  using Base::Base;
  void runOnOperation() override {
    getOperation().walk([&](omp::WsloopOp loop) {
      // A schedule written by someone else stays.
      if (loop.getScheduleKind())
        return;
      auto nest = dyn_cast<omp::LoopNestOp>(loop.getWrappedLoop());
      if (!nest)
        return;
      OpBuilder b(loop);
      Location loc = loop.getLoc();
      Value total = tripCount(b, loc, nest);
      if (!total.getType().isInteger(64))
        total = arith::IndexCastOp::create(b, loc, b.getI64Type(), total);
      Value handouts = arith::ConstantIntOp::create(b, loc, kHandouts, 64);
      Value one = arith::ConstantIntOp::create(b, loc, 1, 64);
      Value chunk = arith::MaxSIOp::create(
          b, loc, arith::DivSIOp::create(b, loc, total, handouts), one);
      loop.setScheduleKind(omp::ClauseScheduleKind::Dynamic);
      loop.getScheduleChunkMutable().assign(chunk);
    });
  }
};
} // namespace
