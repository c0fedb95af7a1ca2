//===- ZeroSkipping.h - May PIT skip inactive micro-tiles? ------*- C++ -*-===//
//
// PIT computes only the iterations where the sparse operand's micro-tile is
// active. That is sound only when an iteration that reads a zero of the
// sparse operand leaves every result as it was: a reduction must combine the
// combiner's identity (x + 0, x * 1, max(x, -inf)), and an element-wise
// result must already hold what the body yields for zero.
//
//===----------------------------------------------------------------------===//

#ifndef SPIDER_ANALYSIS_ZEROSKIPPING_H
#define SPIDER_ANALYSIS_ZEROSKIPPING_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"

#include <string>

namespace mlir::spider {

/// Returns why skipping the iterations of `op` at which input `sparse` is
/// zero could change a result, or an empty string when it cannot. Results
/// whose initial value is a constant fill count as unchanged when the body
/// yields that constant for a zero input.
std::string explainUnsafeZeroSkipping(linalg::LinalgOp op, OpOperand *sparse);

/// The same for an input that holds `inactive` (a constant of its element
/// type; zero when null) where it is skipped: a masked score of -inf may be
/// skipped by a maximum.
std::string explainUnsafeSkipping(linalg::LinalgOp op, OpOperand *sparse,
                                  Attribute inactive);

/// What result `resultIndex` of `op` yields at an iteration where `input`
/// holds `inactive` (zero when null), when that is a constant whatever the
/// other operands are (with the rules above); null otherwise. exp(x - m) at
/// x = -inf is 0.
Attribute evaluateAtInactive(linalg::LinalgOp op, OpOperand *input,
                             Attribute inactive, unsigned resultIndex);

/// What result `resultIndex` of `op` yields when its operands hold
/// `values` (one per operand, inputs then inits; null where unknown), when
/// every op of the body folds on them; null otherwise. An epilogue's value
/// where no group of its spider.pit writes: `select(d > 0, s / d, 0)` at
/// `s = d = 0` is 0.
Attribute foldBodyAt(linalg::LinalgOp op, ArrayRef<Attribute> values,
                     unsigned resultIndex);

} // namespace mlir::spider

#endif // SPIDER_ANALYSIS_ZEROSKIPPING_H
