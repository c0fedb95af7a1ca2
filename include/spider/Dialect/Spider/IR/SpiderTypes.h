//===- SpiderTypes.h - Spider types -----------------------------*- C++ -*-===//

#ifndef SPIDER_DIALECT_SPIDER_IR_SPIDERTYPES_H
#define SPIDER_DIALECT_SPIDER_IR_SPIDERTYPES_H

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/DialectImplementation.h"
#include "mlir/IR/Types.h"

#define GET_TYPEDEF_CLASSES
#include "spider/Dialect/Spider/IR/SpiderTypes.h.inc"

#endif // SPIDER_DIALECT_SPIDER_IR_SPIDERTYPES_H
