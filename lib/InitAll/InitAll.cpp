//===- InitAll.cpp - Register everything Spider provides ------------------===//

#include "spider/InitAll.h"
#include "spider/Dialect/Spider/IR/SpiderDialect.h"
#include "spider/Dialect/Spider/IR/SpiderInterfaces.h"
#include "spider/Conversion/Passes.h"
#include "spider/Codegen/CPU/Passes.h"
#include "spider/Conversion/SpiderToGPU/Passes.h"
#include "spider/Conversion/SpiderToGPU/SpiderToGPU.h"
#include "spider/Dialect/Spider/Transforms/BufferizableOpInterfaceImpl.h"
#include "spider/Dialect/Spider/Transforms/Passes.h"
#include "spider/Pipelines/Pipelines.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/DialectRegistry.h"

void mlir::spider::registerSpiderDialects(DialectRegistry &registry) {
  registry.insert<SpiderDialect, linalg::LinalgDialect, tensor::TensorDialect,
                  arith::ArithDialect>();
  registerPermutationInvariantExternalModels(registry);
  registerBufferizableOpInterfaceExternalModels(registry);
  registerGpuMemoryEffectsExternalModels(registry);
}

void mlir::spider::registerSpiderPasses() {
  registerSpiderTransformsPasses();
  registerSpiderConversionPasses();
  registerSpiderToGPUPasses();
  registerSpiderCPUCodegenPasses();
  registerSpiderPipelines();
}
