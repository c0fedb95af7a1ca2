//===- CPUPipeline.cpp - spider-cpu-pipeline ------------------------------===//

#include "PipelineSteps.h"

#include "spider/Codegen/CPU/Passes.h"

#include "mlir/Conversion/AffineToStandard/AffineToStandard.h"
#include "mlir/Conversion/ConvertToLLVM/ToLLVMPass.h"
#include "mlir/Conversion/ReconcileUnrealizedCasts/ReconcileUnrealizedCasts.h"
#include "mlir/Conversion/OpenMPToLLVM/ConvertOpenMPToLLVM.h"
#include "mlir/Conversion/SCFToControlFlow/SCFToControlFlow.h"
#include "mlir/Conversion/SCFToOpenMP/SCFToOpenMP.h"
#include "mlir/Dialect/SCF/Transforms/Passes.h"
#include "mlir/Conversion/VectorToLLVM/ConvertVectorToLLVMPass.h"
#include "mlir/Conversion/VectorToSCF/VectorToSCF.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Dialect/Vector/Transforms/Passes.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;
using namespace mlir::spider;

void mlir::spider::buildCPUPipeline(OpPassManager &pm,
                                    const CPUPipelineOptions &options) {
  // Spider on tensors: mark -> PIT -> loops over index groups -> runtime.
  addMarksToPit(pm, options, Target::CPU, options.cpuIsa,
                options.tileDatabase);
  addPitToLoops(pm, Target::CPU, options.profile,
                /*parallelGroups=*/options.threads != 1, options.threads);

  // Dense compute, sparse or not: tiled and vectorized on tensors.
  if (options.vectorize) {
    OpPassManager &funcPm = pm.nest<func::FuncOp>();
    funcPm.addPass(createSpiderSpecializePackedContractions());
    SpiderTileAndVectorizeOptions tileAndVectorize;
    tileAndVectorize.cpuIsa = options.cpuIsa;
    tileAndVectorize.parallelBlocks = options.threads != 1;
    funcPm.addPass(createSpiderTileAndVectorize(tileAndVectorize));
    funcPm.addPass(vector::createLowerVectorMultiReductionPass());
    funcPm.addPass(vector::createLowerVectorMaskPass());
    pm.addPass(createCanonicalizerPass());
    pm.addPass(createCSEPass());
  }

  // Buffers, then LLVM.
  addBufferization(pm);
  if (options.vectorize)
    pm.addNestedPass<func::FuncOp>(createSpiderHoistVectorTransfers());
  pm.addPass(createConvertLinalgToLoopsPass());
  pm.addPass(createConvertVectorToSCFPass(
      VectorTransferToSCFOptions().enableFullUnroll()));
  // Parallel blocks: on OpenMP's threads, or in order.
  if (options.threads != 1) {
    pm.addNestedPass<func::FuncOp>(createForallToParallelLoopPass());
    ConvertSCFToOpenMPPassOptions toOpenMP;
    toOpenMP.numThreads = options.threads;
    pm.addPass(createConvertSCFToOpenMPPass(toOpenMP));
    pm.addNestedPass<func::FuncOp>(createSpiderInlineAllocaScopes());
    pm.addNestedPass<func::FuncOp>(createSpiderScheduleOpenMPLoops());
  } else {
    pm.addNestedPass<func::FuncOp>(createForallToForLoopPass());
  }
  pm.addPass(createSCFToControlFlowPass());
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  ConvertVectorToLLVMPassOptions vectorToLLVM;
  vectorToLLVM.vectorContractLowering =
      vector::VectorContractLowering::OuterProduct;
  // A vector's sum is a tree of adds, not a chain through every lane (the
  // tiled and vectorized reductions have reordered the sums already; the
  // dot products of an SDDMM row ran 64 dependent scalar adds each).
  vectorToLLVM.reassociateFPReductions = true;
  pm.addPass(createConvertVectorToLLVMPass(vectorToLLVM));
  if (options.threads != 1)
    pm.addPass(createConvertOpenMPToLLVMPass());
  pm.addPass(createConvertToLLVMPass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
  SpiderSetTuneCpuOptions tune;
  tune.tuneCpu = options.tuneCpu;
  tune.cpuIsa = options.cpuIsa;
  pm.addPass(createSpiderSetTuneCpu(tune));
}
