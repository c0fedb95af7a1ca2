//===- ScheduleOpenMPLoops.cpp - Hand out parallel iterations one by one --===//

#include "spider/Codegen/CPU/Passes.h"

#include "mlir/Dialect/OpenMP/OpenMPDialect.h"

namespace mlir::spider {
#define GEN_PASS_DEF_SPIDERSCHEDULEOPENMPLOOPS
#include "spider/Codegen/CPU/Passes.h.inc"
} // namespace mlir::spider

using namespace mlir;

namespace {
struct ScheduleOpenMPLoopsPass
    : public spider::impl::SpiderScheduleOpenMPLoopsBase<
          ScheduleOpenMPLoopsPass> {
  using Base::Base;
  void runOnOperation() override {
    getOperation().walk([&](omp::WsloopOp loop) {
      // A schedule written by someone else stays.
      if (loop.getScheduleKind())
        return;
      loop.setScheduleKind(omp::ClauseScheduleKind::Dynamic);
    });
  }
};
} // namespace
