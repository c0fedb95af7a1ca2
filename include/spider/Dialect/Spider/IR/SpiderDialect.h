//===- SpiderDialect.h - Spider dialect -------------------------*- C++ -*-===//

#ifndef SPIDER_DIALECT_SPIDER_IR_SPIDERDIALECT_H
#define SPIDER_DIALECT_SPIDER_IR_SPIDERDIALECT_H

#include "mlir/IR/Dialect.h"

#include "spider/Dialect/Spider/IR/SpiderDialect.h.inc"

#endif // SPIDER_DIALECT_SPIDER_IR_SPIDERDIALECT_H
