//===- CPUPipeline.cpp - spider-cpu-pipeline ------------------------------===//

#include "PipelineText.h"

using namespace mlir;
using namespace mlir::spider;

void mlir::spider::buildCPUPipeline(OpPassManager &pm,
                                    const CPUPipelineOptions &options) {
  std::string text;
  llvm::raw_string_ostream os(text);
  // Spider on tensors: mark -> PIT -> loops over index groups -> runtime.
  appendMarksToPit(os, options, "cpu");
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
  parsePipelineOrDie(pm, text, "spider-cpu-pipeline");
}
