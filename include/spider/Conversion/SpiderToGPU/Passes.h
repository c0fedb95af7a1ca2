//===- Passes.h - Spider to GPU conversion passes ---------------*- C++ -*-===//
//
// spider-lower-pit-to-gpu (matmul spider.pit ops to tensor-core tile
// kernels) and spider-gpu-managed-buffers (host buffers the kernels read).
//
//===----------------------------------------------------------------------===//

#ifndef SPIDER_CONVERSION_SPIDERTOGPU_PASSES_H
#define SPIDER_CONVERSION_SPIDERTOGPU_PASSES_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/NVGPU/IR/NVGPUDialect.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace mlir::spider {

#define GEN_PASS_DECL
#include "spider/Conversion/SpiderToGPU/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "spider/Conversion/SpiderToGPU/Passes.h.inc"

} // namespace mlir::spider

#endif // SPIDER_CONVERSION_SPIDERTOGPU_PASSES_H
