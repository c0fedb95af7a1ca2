//===- CPUPipeline.cpp - spider-cpu-pipeline ------------------------------===//

#include "PipelineSteps.h"

#include "spider/Codegen/CPU/Passes.h"

#include "mlir/Conversion/AffineToStandard/AffineToStandard.h"
#include "mlir/Conversion/ConvertToLLVM/ToLLVMPass.h"
#include "mlir/Conversion/ReconcileUnrealizedCasts/ReconcileUnrealizedCasts.h"
#include "mlir/Conversion/SCFToControlFlow/SCFToControlFlow.h"
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
  addMarksToPit(pm, options, Target::CPU);
  addPitToLoops(pm, Target::CPU, options.profile);

  // Dense compute, sparse or not: tiled and vectorized on tensors.
  if (options.vectorize) {
    OpPassManager &funcPm = pm.nest<func::FuncOp>();
    funcPm.addPass(createSpiderSpecializePackedContractions());
    funcPm.addPass(createSpiderTileAndVectorize());
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
  pm.addPass(createSCFToControlFlowPass());
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  ConvertVectorToLLVMPassOptions vectorToLLVM;
  vectorToLLVM.vectorContractLowering =
      vector::VectorContractLowering::OuterProduct;
  pm.addPass(createConvertVectorToLLVMPass(vectorToLLVM));
  pm.addPass(createConvertToLLVMPass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
}
