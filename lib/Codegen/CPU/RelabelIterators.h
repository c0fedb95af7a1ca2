//===- RelabelIterators.h - Iterator types from indexing maps ---*- C++ -*-===//
//
// The CPU vectorizer trusts iterator types; a generic may label `parallel` a
// loop that its init does not index (an upstream SparseTensor test does).
// These helpers read the iterator types off the maps instead.
//
//===----------------------------------------------------------------------===//

#ifndef SPIDER_LIB_CODEGEN_CPU_RELABELITERATORS_H
#define SPIDER_LIB_CODEGEN_CPU_RELABELITERATORS_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"

#include <optional>

namespace mlir::spider {

/// The iterator types that the maps of `op` imply: a loop is parallel
/// exactly when every init indexes it, since an init that a loop does not
/// index accumulates over it whatever the label says. None when an init's
/// map is not a projected permutation (the maps imply nothing then).
std::optional<SmallVector<utils::IteratorType>>
impliedIteratorTypes(linalg::LinalgOp op);

/// Makes the iterator types of `op` agree with its maps, with a remark when
/// they did not. Loops run in order either way, so the relabelled op
/// computes what convert-linalg-to-loops computes from the original. Returns
/// the op to go on with: `op`, or the generic that replaced it.
linalg::LinalgOp relabelIteratorsByMaps(RewriterBase &rewriter,
                                        linalg::LinalgOp op);

} // namespace mlir::spider

#endif // SPIDER_LIB_CODEGEN_CPU_RELABELITERATORS_H
