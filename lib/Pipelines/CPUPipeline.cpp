//===- CPUPipeline.cpp - spider-cpu-pipeline ------------------------------===//

#include "spider/Pipelines/Pipelines.h"

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::spider;

void mlir::spider::buildCPUPipeline(OpPassManager &pm,
                                    const CPUPipelineOptions &options) {
  std::string text;
  llvm::raw_string_ostream os(text);
  // Spider on tensors: mark -> PIT -> loops over index groups -> runtime.
  if (options.sparsify)
    os << "spider-sparsify,";
  if (options.selectTiles)
    os << "spider-select-tiles{assumed-density=" << options.assumedDensity
       << "},";

  os << "canonicalize,";

  os << "spider-lower-pit{profile=" << (options.profile ? "true" : "false")
     << "},spider-lower-gather-scatter,spider-lower-dts-gate,"
        "convert-spider-to-runtime,"
        "canonicalize,cse,func.func(convert-elementwise-to-linalg),";
  // Dense compute, sparse or not: tiled and vectorized on tensors.
  if (options.vectorize)
    os << "func.func(spider-tile-and-vectorize,lower-vector-multi-reduction,"
          "lower-vector-mask),canonicalize,cse,";
  // Buffers, then LLVM.
  os << "one-shot-bufferize{bufferize-function-boundaries "
        "function-boundary-type-conversion=identity-layout-map},"
        "buffer-deallocation-pipeline,convert-bufferization-to-memref,"
        "canonicalize,";
  if (options.vectorize)
    os << "func.func(spider-hoist-vector-transfers),";
  os << "convert-linalg-to-loops,convert-vector-to-scf{full-unroll=true},"
        "convert-scf-to-cf,expand-strided-metadata,lower-affine,"
        "convert-vector-to-llvm{vector-contract-lowering=outerproduct},"
        "convert-to-llvm,canonicalize,reconcile-unrealized-casts";
  if (failed(parsePassPipeline(text, pm, llvm::errs())))
    llvm::report_fatal_error(
        "spider-cpu-pipeline: its passes are not registered; call "
        "mlir::registerAllPasses() and mlir::spider::registerSpiderPasses() "
        "first");
}

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
