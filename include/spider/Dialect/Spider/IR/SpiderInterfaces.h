//===- SpiderInterfaces.h - Spider op interfaces ----------------*- C++ -*-===//

#ifndef SPIDER_DIALECT_SPIDER_IR_SPIDERINTERFACES_H
#define SPIDER_DIALECT_SPIDER_IR_SPIDERINTERFACES_H

#include "mlir/IR/OpDefinition.h"
#include "llvm/ADT/SmallVector.h"

#include "spider/Dialect/Spider/IR/SpiderInterfaces.h.inc"

namespace mlir {
class DialectRegistry;
namespace spider {
/// Attaches `PermutationInvariantOpInterface` to every linalg structured op,
/// answering with `spider::getPermutationInvariantDims`.
void registerPermutationInvariantExternalModels(DialectRegistry &registry);
} // namespace spider
} // namespace mlir

#endif // SPIDER_DIALECT_SPIDER_IR_SPIDERINTERFACES_H
