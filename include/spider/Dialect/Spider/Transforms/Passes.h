//===- Passes.h - Spider transformation passes ------------------*- C++ -*-===//

#ifndef SPIDER_DIALECT_SPIDER_TRANSFORMS_PASSES_H
#define SPIDER_DIALECT_SPIDER_TRANSFORMS_PASSES_H

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Pass/Pass.h"
#include "spider/Dialect/Spider/CostModel/TileCostModel.h"
#include "spider/Dialect/Spider/IR/SpiderDialect.h"

namespace mlir::spider {

#define GEN_PASS_DECL
#include "spider/Dialect/Spider/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "spider/Dialect/Spider/Transforms/Passes.h.inc"

} // namespace mlir::spider

#endif // SPIDER_DIALECT_SPIDER_TRANSFORMS_PASSES_H
