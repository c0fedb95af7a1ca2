//===- Sparsify.h - Rewrite linalg ops into PIT -----------------*- C++ -*-===//
//
// The rewrite behind `spider-sparsify`, reusable by other compilers.
//
//===----------------------------------------------------------------------===//

#ifndef SPIDER_DIALECT_SPIDER_TRANSFORMS_SPARSIFY_H
#define SPIDER_DIALECT_SPIDER_TRANSFORMS_SPARSIFY_H

#include "spider/Dialect/Spider/IR/SpiderOps.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/PatternMatch.h"

#include <string>

namespace mlir::spider {

/// Where the PIT rule applies to a linalg op.
struct PackChoice {
  /// The sparse input whose active micro-tiles are packed.
  OpOperand *operand = nullptr;
  /// The axis of that input along which they are packed (the index pack_dim).
  int64_t axis = 0;
  /// The loop dimension that axis maps to (the spider.pit pack_dim).
  int64_t loopDim = 0;
  /// The micro-tile of the index: the input's own, widened to the whole
  /// extent along the axes indexed by compound expressions (a convolution
  /// window, `oh + kh`), which a group cannot slice.
  SmallVector<int64_t> microtile;
};

/// Chooses the sparse input, pack axis and pack dim of `op`, or fails and
/// sets `reason` to why no rule applies. Fails with an empty reason when `op`
/// has no sparse input at all.
FailureOr<PackChoice> choosePack(linalg::LinalgOp op, std::string &reason);

/// Rewrites `op` into `spider.detect` (or an existing, dominating detect of
/// the same value and index type) plus a `spider.pit` holding a clone of
/// `op`. On failure `op` is unchanged and `reason` (when given) says why.
FailureOr<PitOp> sparsifyLinalgOp(RewriterBase &rewriter, linalg::LinalgOp op,
                                  std::string *reason = nullptr);

/// Marks results of `pit` that are zero outside its index's active
/// micro-tiles as sparse with that index, for the linalg ops that read
/// them: a result whose init is a zero fill and whose indexing map is the
/// sparse operand's (every iteration writing an inactive position was
/// skipped). Each reader without a sparse input of its own gets a
/// `spider.assume_sparse %result index(%index)` in front of it when it
/// would then qualify for PIT itself (a remark says so with `remarks`).
void propagateResultIndex(RewriterBase &rewriter, PitOp pit, bool remarks);

/// Adds the pattern that applies `sparsifyLinalgOp` to every linalg op.
void populateSparsifyPatterns(RewritePatternSet &patterns);

} // namespace mlir::spider

#endif // SPIDER_DIALECT_SPIDER_TRANSFORMS_SPARSIFY_H
