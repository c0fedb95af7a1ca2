//===- PackPanels.h - Copy a block of B into contiguous column panels -----===//

#ifndef SPIDER_LIB_CODEGEN_CPU_PACKPANELS_H
#define SPIDER_LIB_CODEGEN_CPU_PACKPANELS_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/PatternMatch.h"

#include <array>

namespace mlir::spider {

/// Whether the contraction `op` (loops `mnk`) has a B indexed (k, n) whose
/// static n extent `blockN` divides, `blockN` a multiple of `nr`: then its
/// blocks of B can be copied into panels of `nr` columns.
bool canPackIntoPanels(linalg::LinalgOp op, std::array<int64_t, 3> mnk,
                       int64_t blockN, int64_t nr);

/// The panels of a block of B and the op that copies them (to be tiled and
/// vectorized like any other).
struct PanelCopy {
  Value panels;
  linalg::LinalgOp copy;
};

/// Copies the B block [k, n] of `op` into panels [n / nr, k, nr], each one
/// contiguous, before `op`; leaves `op` unchanged. `op` must pass
/// canPackIntoPanels with its own n extent. A block of rows gathered by
/// SRead (RowGather.h) is copied from the gather's source through its
/// positions, in place of the gathered copy.
PanelCopy copyIntoPanels(RewriterBase &rewriter, linalg::LinalgOp op,
                         std::array<int64_t, 3> mnk, int64_t nr);

/// Tiles n of `op` by `nr` and makes each tile read its panel of `panels`
/// (copyIntoPanels of the same B) in place of B; returns the tiled op.
FailureOr<linalg::LinalgOp> tileIntoPanels(RewriterBase &rewriter,
                                           linalg::LinalgOp op,
                                           std::array<int64_t, 3> mnk,
                                           int64_t nr, Value panels);

} // namespace mlir::spider

#endif // SPIDER_LIB_CODEGEN_CPU_PACKPANELS_H
