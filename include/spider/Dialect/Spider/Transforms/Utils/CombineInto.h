//===- CombineInto.h - A tile combined into its destination -----*- C++ -*-===//
//
// What SWrite does with a combiner: `dst = combine(dst, src)` element-wise,
// built once for spider.scatter's lowering and for a PIT group's
// scatter-add of its partial results.
//
//===----------------------------------------------------------------------===//

#ifndef SPIDER_DIALECT_SPIDER_TRANSFORMS_UTILS_COMBINEINTO_H
#define SPIDER_DIALECT_SPIDER_TRANSFORMS_UTILS_COMBINEINTO_H

#include "spider/Dialect/Spider/IR/SpiderOps.h"

#include "mlir/IR/Builders.h"

namespace mlir::spider {

/// The combiner applied to two scalars: `x + y`, `max(x, y)`, `min(x, y)`
/// (floats or signed integers); `x` for `none`.
Value combineScalars(OpBuilder &b, Location loc, CombinerKind kind, Value x,
                     Value y);

/// `dst` combined element-wise with `src` of the same shape, as a
/// `linalg.generic` that reads `src` and has `dst` as its only init (not
/// also as an input: One-Shot Bufferize would see a read after a write and
/// copy every tile out and back). Returns the combined tensor.
Value combineInto(OpBuilder &b, Location loc, CombinerKind kind, Value src,
                  Value dst);

} // namespace mlir::spider

#endif // SPIDER_DIALECT_SPIDER_TRANSFORMS_UTILS_COMBINEINTO_H
