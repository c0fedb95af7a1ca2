//===- PipelineSteps.cpp - What Spider's pipelines share ------------------===//

#include "PipelineSteps.h"

#include "spider/Conversion/Passes.h"
#include "spider/Dialect/Spider/Transforms/Passes.h"

#include "mlir/Conversion/BufferizationToMemRef/BufferizationToMemRef.h"
#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;
using namespace mlir::spider;

template <typename Derived>
void mlir::spider::addMarksToPit(OpPassManager &pm,
                                 const SpiderPipelineOptions<Derived> &options,
                                 Target target, CpuIsa cpuIsa,
                                 llvm::StringRef tileDatabase) {
  // Aggregated ops (linalg.softmax) first: the passes after see structured
  // ops only.
  pm.addPass(createSpiderDecomposeAggregatedOps());
  if (options.sparsify)
    pm.addPass(createSpiderSparsify());
  // Chains before tile selection: a cover chosen per PIT could give two
  // PITs on one sparse value different micro-tiles, and keep them apart.
  if (options.fuseChains)
    pm.addPass(createSpiderFusePitChains());
  if (options.selectTiles) {
    SpiderSelectTilesOptions selectTiles;
    selectTiles.target = target;
    selectTiles.cpuIsa = cpuIsa;
    selectTiles.tileDatabase = tileDatabase.str();
    selectTiles.assumedDensity = options.assumedDensity;
    pm.addPass(createSpiderSelectTiles(selectTiles));
  }
  pm.addPass(createCanonicalizerPass());
}

template void
mlir::spider::addMarksToPit(OpPassManager &,
                            const SpiderPipelineOptions<CPUPipelineOptions> &,
                            Target, CpuIsa, llvm::StringRef);
template void
mlir::spider::addMarksToPit(OpPassManager &,
                            const SpiderPipelineOptions<GPUPipelineOptions> &,
                            Target, CpuIsa, llvm::StringRef);

void mlir::spider::addPitToLoops(OpPassManager &pm, Target target,
                                 bool profile, bool parallelGroups,
                                 unsigned threads) {
  SpiderLowerPitToLoopsOptions lowerPit;
  lowerPit.profile = profile;
  lowerPit.parallelGroups = parallelGroups;
  pm.addPass(createSpiderLowerPitToLoops(lowerPit));
  pm.addPass(createSpiderDensifyPackedValues());
  pm.addPass(createSpiderLowerGatherScatter());
  pm.addPass(createSpiderLowerDtsGate());
  ConvertSpiderToRuntimeOptions toRuntime;
  toRuntime.target = target;
  toRuntime.threads = threads;
  pm.addPass(createConvertSpiderToRuntime(toRuntime));
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  pm.addNestedPass<func::FuncOp>(createConvertElementwiseToLinalgPass());
}

void mlir::spider::addBufferization(OpPassManager &pm) {
  bufferization::OneShotBufferizePassOptions bufferize;
  bufferize.bufferizeFunctionBoundaries = true;
  bufferize.functionBoundaryTypeConversion =
      bufferization::LayoutMapOption::IdentityLayoutMap;
  pm.addPass(bufferization::createOneShotBufferizePass(bufferize));
  bufferization::buildBufferDeallocationPipeline(pm);
  pm.addPass(createConvertBufferizationToMemRefPass());
  pm.addPass(createCanonicalizerPass());
}
