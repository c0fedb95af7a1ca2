//===- SpiderOps.h - Spider operations --------------------------*- C++ -*-===//

#ifndef SPIDER_DIALECT_SPIDER_IR_SPIDEROPS_H
#define SPIDER_DIALECT_SPIDER_IR_SPIDEROPS_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "spider/Dialect/Spider/IR/SpiderAttrs.h"
#include "spider/Dialect/Spider/IR/SpiderDialect.h"
#include "spider/Dialect/Spider/IR/SpiderInterfaces.h"
#include "spider/Dialect/Spider/IR/SpiderTypes.h"

#define GET_OP_CLASSES
#include "spider/Dialect/Spider/IR/SpiderOps.h.inc"

namespace mlir::spider {
/// Gives every op and block argument in `region` that has an unknown
/// location the location of its closest located ancestor (`fallback` for
/// the region's own ops). Upstream builds the bodies of named linalg ops
/// (linalg.matmul's arith.mulf, arith.addf and linalg.yield) at an unknown
/// location; an error there would otherwise point nowhere.
void inheritUnknownLocations(Region &region, Location fallback);

/// Whether `op`, in a spider.pit body, builds an init of a chained
/// computation: a `tensor.empty`, or a `linalg.fill` of a scalar into one.
/// Lowering builds such inits at the packed size of a group.
bool isPitInitBuilder(Operation *op);
} // namespace mlir::spider

#endif // SPIDER_DIALECT_SPIDER_IR_SPIDEROPS_H
