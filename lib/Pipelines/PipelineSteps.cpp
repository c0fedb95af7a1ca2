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
  // Functions the pipeline would not reach are an error, up front.
  SpiderCheckPipelineInputOptions check;
  check.pipeline =
      target == Target::CPU ? "spider-cpu-pipeline" : "spider-gpu-pipeline";
  pm.addPass(createSpiderCheckPipelineInput(check));
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
  // Element-wise epilogues into the PITs they read, after the tiles are
  // chosen (each PIT's own cover and dense threshold carry over). Not on
  // the GPU, whose tile kernels take one computation.
  if (options.fuseChains && target == Target::CPU)
    pm.addPass(createSpiderFusePitEpilogues());
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
  // A loop may carry a tensor it does not update in place (a fresh result
  // each iteration, or two iter_args swapped): its iter_arg then becomes a
  // new buffer per iteration, which the ownership-based deallocation below
  // frees. Upstream rejects such loops by default ("Yield operand #0 is not
  // equivalent to the corresponding iter bbArg").
  bufferize.allowReturnAllocsFromLoops = true;
  pm.addPass(bufferization::createOneShotBufferizePass(bufferize));
  bufferization::buildBufferDeallocationPipeline(pm);
  pm.addPass(createConvertBufferizationToMemRefPass());
  pm.addPass(createCanonicalizerPass());
}
