//===- SpiderAttrs.h - Spider attributes ------------------------*- C++ -*-===//

#ifndef SPIDER_DIALECT_SPIDER_IR_SPIDERATTRS_H
#define SPIDER_DIALECT_SPIDER_IR_SPIDERATTRS_H

#include "mlir/IR/Attributes.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/DialectImplementation.h"
#include "mlir/IR/TensorEncoding.h"
#include "spider/Dialect/Spider/IR/ComputeTile.h"

#include "spider/Dialect/Spider/IR/SpiderEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "spider/Dialect/Spider/IR/SpiderAttrs.h.inc"

namespace mlir::spider {
/// Returns the `#spider.sparse` encoding of `type`, or null when it has none.
SparseEncodingAttr getSparseEncoding(Type type);

/// Parses `[a, b, ...]` (possibly empty) into `values`.
ParseResult parseIntArray(AsmParser &parser, SmallVector<int64_t> &values);
/// Prints `values` as `[a, b, ...]`.
void printIntArray(AsmPrinter &printer, ArrayRef<int64_t> values);

/// Checks that `sizes`, described as `what` in diagnostics, is a compute
/// tile (explainBadComputeTile).
LogicalResult verifyComputeTile(function_ref<InFlightDiagnostic()> emitError,
                                ArrayRef<int64_t> sizes, StringRef what);
} // namespace mlir::spider

#endif // SPIDER_DIALECT_SPIDER_IR_SPIDERATTRS_H
