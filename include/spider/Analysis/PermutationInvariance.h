//===- PermutationInvariance.h - Permutation-invariance analysis -*- C++
//-*-===//
//
// Derives, for a linalg structured op, the loop dimensions along which it is
// permutation invariant: permuting the iterations along such a dimension
// (applied to every operand indexed by it, inverted on every result indexed by
// it) leaves the results unchanged.
//
//===----------------------------------------------------------------------===//

#ifndef SPIDER_ANALYSIS_PERMUTATIONINVARIANCE_H
#define SPIDER_ANALYSIS_PERMUTATIONINVARIANCE_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "llvm/ADT/SmallVector.h"

#include <string>

namespace mlir::spider {

/// Returns why `op` is not permutation invariant along loop dimension `dim`,
/// or an empty string when it is. A dimension qualifies when
///  1. every indexing map uses it only as a bare dimension expression,
///  2. the body does not read its position (`linalg.index`), and
///  3. every result that is reduced along it (its indexing map does not use
///     the dimension) is combined with a commutative, associative operation
///     (add, mul, max, min, and, or, xor; floating-point add and mul are
///     treated as reassociable) whose other operand does not read any
///     accumulator.
std::string explainPermutationVariance(linalg::LinalgOp op, int64_t dim);

/// Returns the loop dimensions along which `op` is permutation invariant, in
/// ascending order.
SmallVector<int64_t> getPermutationInvariantDims(linalg::LinalgOp op);

/// Returns true when `op` is a commutative, associative binary combiner that
/// the analysis accepts for reductions.
bool isReassociableCombiner(Operation *op);

} // namespace mlir::spider

#endif // SPIDER_ANALYSIS_PERMUTATIONINVARIANCE_H
