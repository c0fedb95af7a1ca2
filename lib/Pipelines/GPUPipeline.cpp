//===- GPUPipeline.cpp - spider-gpu-pipeline ------------------------------===//

#include "PipelineSteps.h"

#include "spider/Conversion/SpiderToGPU/Passes.h"
#include "spider/Support/CudaToolkit.h"

#include "mlir/Conversion/AffineToStandard/AffineToStandard.h"
#include "mlir/Conversion/ArithToLLVM/ArithToLLVM.h"
#include "mlir/Conversion/FuncToLLVM/ConvertFuncToLLVMPass.h"
#include "mlir/Conversion/GPUCommon/GPUCommonPass.h"
#include "mlir/Conversion/GPUToNVVM/GPUToNVVMPass.h"
#include "mlir/Conversion/IndexToLLVM/IndexToLLVM.h"
#include "mlir/Conversion/MathToLLVM/MathToLLVM.h"
#include "mlir/Conversion/NVGPUToNVVM/NVGPUToNVVM.h"
#include "mlir/Conversion/NVVMToLLVM/NVVMToLLVM.h"
#include "mlir/Conversion/ReconcileUnrealizedCasts/ReconcileUnrealizedCasts.h"
#include "mlir/Conversion/SCFToControlFlow/SCFToControlFlow.h"
#include "mlir/Conversion/SCFToGPU/SCFToGPUPass.h"
#include "mlir/Conversion/VectorToSCF/VectorToSCF.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/GPU/Transforms/Passes.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Dialect/SCF/Transforms/Passes.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;
using namespace mlir::spider;

/// The `toolkit` option, or else the one findCudaToolkit finds.
static std::string toolkitFor(const GPUPipelineOptions &options) {
  return options.toolkit.empty() ? findCudaToolkit()
                                 : std::string(options.toolkit);
}

/// `format`, with auto resolved against the toolkit that serializes.
static std::string formatFor(const GPUPipelineOptions &options,
                             StringRef toolkit) {
  if (options.format != "auto")
    return options.format;
  return toolkit.empty() ? "isa" : "fatbin";
}

std::string mlir::spider::gpuBinaryFormat(const GPUPipelineOptions &options) {
  return options.format != "auto" ? std::string(options.format)
                                  : formatFor(options, toolkitFor(options));
}

void mlir::spider::buildGPUPipeline(OpPassManager &pm,
                                    const GPUPipelineOptions &options) {
  buildGPUPipelinePreparation(pm, options);
  buildGPUPipelineSerialization(pm, options);
}

void mlir::spider::buildGPUPipelinePreparation(
    OpPassManager &pm, const GPUPipelineOptions &options) {
  // Spider on tensors: mark -> PIT -> tile kernels (or loops over index
  // groups) -> GPU index construction.
  addMarksToPit(pm, options, Target::GPU);
  SpiderLowerPitToGpuOptions lowerPitToGpu;
  lowerPitToGpu.tf32 = options.tf32;
  pm.addPass(createSpiderLowerPitToGpu(lowerPitToGpu));
  addPitToLoops(pm, Target::GPU, /*profile=*/false);

  // Buffers in managed memory.
  addBufferization(pm);

  // Every other linalg op: a SIMT kernel of tiled parallel loops.
  {
    OpPassManager &funcPm = pm.nest<func::FuncOp>();
    funcPm.addPass(createConvertLinalgToParallelLoopsPass());
    // (ListOption's const operator* does not compile: ArrayRef instead.)
    funcPm.addPass(createParallelLoopTilingPass(
        ArrayRef<int64_t>(options.simtTile), /*noMinMaxBounds=*/true));
    funcPm.addPass(createGpuMapParallelLoopsPass());
    funcPm.addPass(createConvertParallelLoopToGpuPass());
  }
  pm.addPass(createSpiderGpuManagedBuffers());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  pm.addPass(createLowerAffinePass());

  // Kernels to NVVM; host to LLVM calling the mgpu* ABI (the steps of
  // MLIR's gpu-lower-to-nvvm-pipeline). The serialization follows, with the
  // CUDA toolkit named for ptxas.
  pm.addPass(createConvertNVGPUToNVVMPass());
  // Constants and index computations the canonicalizer hoisted out of the
  // launches go back in: as kernel parameters, every division by a tile
  // size was a run-time 64-bit division.
  pm.addNestedPass<func::FuncOp>(createGpuLaunchSinkIndexComputationsPass());
  pm.addPass(createGpuKernelOutliningPass());
  // Kernels are named after their functions; PTX takes fewer characters.
  pm.addPass(createSpiderGpuKernelNames());
  // Explicit register caps: without one, ptxas spills at 64 registers.
  pm.addNestedPass<gpu::GPUModuleOp>(createSpiderGpuKernelRegisters());
  pm.addPass(createSymbolDCEPass());
  pm.addPass(createConvertVectorToSCFPass());
  pm.addPass(createSCFToControlFlowPass());
  pm.addPass(createConvertNVVMToLLVMPass());
  pm.addPass(createConvertFuncToLLVMPass());
  pm.addPass(memref::createExpandStridedMetadataPass());
  GpuNVVMAttachTargetOptions nvvmTarget;
  nvvmTarget.chip = options.chip;
  nvvmTarget.features = options.features;
  nvvmTarget.optLevel = options.optLevel;
  pm.addPass(createGpuNVVMAttachTarget(nvvmTarget));
  pm.addPass(createLowerAffinePass());
  pm.addPass(createArithToLLVMConversionPass());
  pm.addPass(createConvertIndexToLLVMPass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  {
    OpPassManager &gpuModulePm = pm.nest<gpu::GPUModuleOp>();
    gpuModulePm.addPass(createConvertGpuOpsToNVVMOps());
    gpuModulePm.addPass(createCanonicalizerPass());
    gpuModulePm.addPass(createCSEPass());
    gpuModulePm.addPass(createReconcileUnrealizedCastsPass());
  }
  pm.addPass(createGpuToLLVMConversionPass());
}

void mlir::spider::buildGPUPipelineSerialization(
    OpPassManager &pm, const GPUPipelineOptions &options) {
  std::string toolkit = toolkitFor(options);
  GpuModuleToBinaryPassOptions toBinary;
  toBinary.compilationTarget = formatFor(options, toolkit);
  toBinary.toolkitPath = toolkit;
  pm.addPass(createGpuModuleToBinaryPass(toBinary));
  pm.addPass(createConvertMathToLLVMPass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
}
