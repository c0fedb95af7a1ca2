//===- Passes.h - Spider's CPU code generation ------------------*- C++ -*-===//
//
// spider-specialize-packed-contractions, spider-tile-and-vectorize (the
// dense micro-kernel), spider-inline-alloca-scopes and
// spider-schedule-openmp-loops (for OpenMP threads) and
// spider-hoist-vector-transfers (accumulators kept in registers) and
// spider-set-tune-cpu (the LLVM scheduling model of every function).
//
//===----------------------------------------------------------------------===//

#ifndef SPIDER_CODEGEN_CPU_PASSES_H
#define SPIDER_CODEGEN_CPU_PASSES_H

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/OpenMP/OpenMPDialect.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Pass/Pass.h"
#include "spider/Dialect/Spider/IR/CpuIsa.h"

namespace mlir::spider {

#define GEN_PASS_DECL
#include "spider/Codegen/CPU/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "spider/Codegen/CPU/Passes.h.inc"

} // namespace mlir::spider

#endif // SPIDER_CODEGEN_CPU_PASSES_H
