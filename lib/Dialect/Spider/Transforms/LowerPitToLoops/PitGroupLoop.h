//===- PitGroupLoop.h - A spider.pit as a loop over index groups -*- C++ -*-===//
//
// The PIT part of spider-lower-pit-to-loops: for each group of the index,
// slice every operand to the group's box, gather (SRead) the active
// micro-tiles along the pack dimension, run the computation densely on the
// packed tiles, and scatter (SWrite) results indexed by the pack dimension
// back.
//
//===----------------------------------------------------------------------===//

#ifndef SPIDER_LIB_TRANSFORMS_LOWERPITTOLOOPS_PITGROUPLOOP_H
#define SPIDER_LIB_TRANSFORMS_LOWERPITTOLOOPS_PITGROUPLOOP_H

#include "spider/Dialect/Spider/IR/SpiderOps.h"
#include "spider/Dialect/Spider/Transforms/Utils/IndexGroups.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/IRMapping.h"
#include "llvm/ADT/DenseMap.h"

#include <string>

namespace mlir::spider {

/// One computation of a spider.pit's body, as the group loop runs it.
struct PitStep {
  linalg::LinalgOp op;
  /// Loop dimension -> axis of the sparse operand it runs along: the pack
  /// axis (packed) or a box axis (sliced to the group's micro-tile); loop
  /// dimensions not listed run in full.
  llvm::DenseMap<int64_t, int64_t> loopAxis;
};

/// Where each axis of a value inside a group lies: the axis of the sparse
/// operand it runs along (as in PitStep::loopAxis), or -1 for in full.
using PackedLayout = SmallVector<int64_t>;

/// Everything the group loop needs about one spider.pit.
struct PitPlan {
  PitOp pit;
  /// The head: the computation that pack_dim refers to.
  linalg::LinalgOp computation;
  /// Every computation of the body, the head first: one for a plain PIT,
  /// more for a chain.
  SmallVector<PitStep> steps;
  /// The layout of each result of each step inside a group.
  llvm::DenseMap<Value, PackedLayout> layouts;
  /// Loop dimension -> tensor axis of the sparse operand, for box dims.
  llvm::DenseMap<int64_t, int64_t> boxDims;
  int64_t packDim = 0;  ///< Loop dimension.
  int64_t packAxis = 0; ///< Axis of the sparse operand.
  int64_t packTile = 1; ///< Micro-tile size along packAxis.
};

/// Fills `plan` for `pit`; returns why it cannot be lowered through PIT, or
/// "" when it can (every use of a box or pack dimension must be a bare
/// dimension; in a chain, each computation reads the results of earlier
/// ones along the loops they were computed along).
std::string planPitLowering(PitOp pit, PitPlan &plan);

/// Emits the loop over the groups of `groups` at `b`'s insertion point:
/// returns the new values of the outputs. `outer` maps the body's block
/// arguments to the spider.pit's operands. With `iterationsOutside` (the
/// product of the loop extents neither in the box nor packed), the loop
/// also counts the iterations it executes, as an f64 appended to the
/// results. With `parallelGroups` and no counting, a loop whose groups
/// write disjoint boxes of every output (no result is scattered along the
/// pack axis) is an scf.forall over the groups.
SmallVector<Value> emitPitGroupLoop(OpBuilder &b, Location loc,
                                    const PitPlan &plan,
                                    const IRMapping &outer,
                                    const IndexGroups &groups,
                                    ValueRange initialOutputs,
                                    Value iterationsOutside = nullptr,
                                    bool parallelGroups = false);

} // namespace mlir::spider

#endif // SPIDER_LIB_TRANSFORMS_LOWERPITTOLOOPS_PITGROUPLOOP_H
