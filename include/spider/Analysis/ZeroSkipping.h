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

} // namespace mlir::spider

#endif // SPIDER_ANALYSIS_ZEROSKIPPING_H
