//===- PitProfile.h - Profiler calls around a lowered spider.pit -*- C++ -*-===//
//
// With spider-lower-pit-to-loops{profile}, every spider.pit calls
// libspider_runtime's profiler before and after it runs: time, density,
// cover, and the work it executed against the work of the dense program.
//
//===----------------------------------------------------------------------===//

#ifndef SPIDER_LIB_TRANSFORMS_LOWERPITTOLOOPS_PITPROFILE_H
#define SPIDER_LIB_TRANSFORMS_LOWERPITTOLOOPS_PITPROFILE_H

#include "PitGroupLoop.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

namespace mlir::spider {

/// The profiler's entry points and the record of one spider.pit.
struct ProfileHooks {
  int64_t id;
  func::FuncOp begin, end;
};

/// Declares the profiler's entry points in the module of `pit` and appends
/// the pit's name ("linalg.matmul at file.mlir:12:8") to the module's
/// `spider.profile_names`, whose position is the record's id. Fails, with
/// an error on `pit`, outside a module.
FailureOr<ProfileHooks> declareProfileHooks(PitOp pit);

/// Iterations of the dense computation (`dense`), and of the loops that are
/// neither in a group's box nor packed (`outside`), which the group loop
/// multiplies by what it executes.
struct PitWork {
  Value dense, outside;
};
PitWork countPitWork(OpBuilder &b, Location loc, const PitPlan &plan,
                     const IRMapping &outer);

/// What the profiler records when the spider.pit ends.
struct PitOutcome {
  Value numActive, numTiles; ///< Index statistics (index).
  Value executed;            ///< Iterations executed (f64).
  Value ranDense;            ///< 1 when it ran densely (i32).
};

void emitProfileBegin(OpBuilder &b, Location loc, const ProfileHooks &hooks);
void emitProfileEnd(OpBuilder &b, Location loc, const ProfileHooks &hooks,
                    const PitPlan &plan, const PitWork &work,
                    const PitOutcome &outcome);

} // namespace mlir::spider

#endif // SPIDER_LIB_TRANSFORMS_LOWERPITTOLOOPS_PITPROFILE_H
