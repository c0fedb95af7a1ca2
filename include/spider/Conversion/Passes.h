//===- Passes.h - Spider conversion passes ----------------------*- C++ -*-===//

#ifndef SPIDER_CONVERSION_PASSES_H
#define SPIDER_CONVERSION_PASSES_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Pass/Pass.h"
#include "spider/Dialect/Spider/IR/Target.h"

namespace mlir::spider {

#define GEN_PASS_DECL
#include "spider/Conversion/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "spider/Conversion/Passes.h.inc"

} // namespace mlir::spider

#endif // SPIDER_CONVERSION_PASSES_H
