//===- StripMarks.h - A program without its sparsity marks ------*- C++ -*-===//
//
// The correctness oracle of every Spider test is the same program with the
// marks removed. This is the one definition of "removed": what the
// differential checker (spider-diff) compiles as its reference.
//
//===----------------------------------------------------------------------===//

#ifndef SPIDER_DIALECT_SPIDER_TRANSFORMS_UTILS_STRIPMARKS_H
#define SPIDER_DIALECT_SPIDER_TRANSFORMS_UTILS_STRIPMARKS_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Types.h"

namespace mlir::spider {

/// `type` without a `#spider.sparse` encoding (unchanged if it has none).
Type dropSparseEncoding(Type type);

/// Removes every Spider mark from `module`: `spider.assume_sparse` becomes
/// its source (an `index` promise is dropped with it), a user-written
/// `spider.pit` becomes the computation it holds, and `#spider.sparse`
/// disappears from every type (values, block arguments, function
/// signatures, constants). Other spider ops (route, gather, scatter,
/// dts_gate, ...) compute something and stay. Fails, with a diagnostic,
/// if the result does not verify.
LogicalResult stripSparseMarks(ModuleOp module);

/// The number of marks `stripSparseMarks` would remove: assume_sparse and
/// pit ops, and values or signatures typed with `#spider.sparse`.
unsigned countSparseMarks(ModuleOp module);

} // namespace mlir::spider

#endif // SPIDER_DIALECT_SPIDER_TRANSFORMS_UTILS_STRIPMARKS_H
