//===- Passes.h - Spider transformation passes ------------------*- C++ -*-===//

#ifndef SPIDER_DIALECT_SPIDER_TRANSFORMS_PASSES_H
#define SPIDER_DIALECT_SPIDER_TRANSFORMS_PASSES_H

#include "mlir/Pass/Pass.h"

namespace mlir::spider {

#define GEN_PASS_DECL
#include "spider/Dialect/Spider/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "spider/Dialect/Spider/Transforms/Passes.h.inc"

} // namespace mlir::spider

#endif // SPIDER_DIALECT_SPIDER_TRANSFORMS_PASSES_H
