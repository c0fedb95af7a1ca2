//===- Registration.cpp - Spider's pipelines in the pass registry ---------===//

#include "spider/Pipelines/Pipelines.h"

#include "mlir/Pass/PassRegistry.h"

using namespace mlir;
using namespace mlir::spider;

void mlir::spider::registerSpiderPipelines() {
  PassPipelineRegistration<CPUPipelineOptions>(
      "spider-cpu-pipeline",
      "Spider on the CPU: sparsify, select tiles, lower PIT to loops over "
      "index groups, call libspider_runtime for indices, tile and vectorize "
      "the dense compute, bufferize and lower to the LLVM dialect",
      buildCPUPipeline);
  PassPipelineRegistration<GPUPipelineOptions>(
      "spider-gpu-pipeline",
      "Spider on NVIDIA GPUs: sparsify, select tiles, lower matmul PITs to "
      "tensor-core tile kernels and other linalg ops to SIMT kernels, build "
      "indices on the GPU, put host buffers in managed memory and lower to "
      "the LLVM dialect with the kernels compiled by the NVPTX backend",
      buildGPUPipeline);
}
