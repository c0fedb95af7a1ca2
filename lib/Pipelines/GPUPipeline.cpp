//===- GPUPipeline.cpp - spider-gpu-pipeline ------------------------------===//

#include "PipelineText.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>

using namespace mlir;
using namespace mlir::spider;

/// A CUDA toolkit root that the NVVM target can use: ptxas (and fatbinary)
/// under bin/ and libdevice under nvvm/libdevice/. Checking both matters:
/// a ptxas on PATH may be a wrapper script in /usr/local/bin whose
/// parent/parent has no libdevice, and MLIR then fails every gpu.module that
/// calls a math function.
static bool isCudaToolkit(StringRef root) {
  llvm::SmallString<128> ptxas(root), libdevice(root);
  llvm::sys::path::append(ptxas, "bin", "ptxas");
  llvm::sys::path::append(libdevice, "nvvm", "libdevice", "libdevice.10.bc");
  return llvm::sys::fs::can_execute(ptxas) &&
         llvm::sys::fs::is_regular_file(libdevice);
}

std::string mlir::spider::findCudaToolkit() {
  for (const char *variable : {"CUDA_ROOT", "CUDA_HOME", "CUDA_PATH"})
    if (const char *root = std::getenv(variable); root && isCudaToolkit(root))
      return root;
  // ptxas on PATH, through symbolic links to the file itself.
  if (llvm::ErrorOr<std::string> ptxas = llvm::sys::findProgramByName("ptxas")) {
    llvm::SmallString<128> real;
    if (llvm::sys::fs::real_path(*ptxas, real))
      real = *ptxas;
    std::string root =
        llvm::sys::path::parent_path(llvm::sys::path::parent_path(real)).str();
    if (isCudaToolkit(root))
      return root;
  }
  if (isCudaToolkit("/usr/local/cuda"))
    return "/usr/local/cuda";
  return "";
}

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
  std::string text;
  llvm::raw_string_ostream os(text);
  // Spider on tensors: mark -> PIT -> tile kernels (or loops over index
  // groups) -> GPU index construction.
  appendMarksToPit(os, options, "gpu");
  os << "spider-lower-pit-to-gpu{tf32="
     << (options.tf32 ? "true" : "false") << "},spider-lower-pit,"
        "spider-lower-gather-scatter,spider-lower-dts-gate,"
        "convert-spider-to-runtime{target=gpu},canonicalize,cse,"
        "func.func(convert-elementwise-to-linalg),";
  // Buffers in managed memory.
  os << "one-shot-bufferize{bufferize-function-boundaries "
        "function-boundary-type-conversion=identity-layout-map},"
        "buffer-deallocation-pipeline,convert-bufferization-to-memref,"
        "canonicalize,";
  // Every other linalg op: a SIMT kernel of tiled parallel loops.
  os << "func.func(convert-linalg-to-parallel-loops,"
        "scf-parallel-loop-tiling{parallel-loop-tile-sizes="
     << options.simtTile << " no-min-max-bounds=true},"
        "gpu-map-parallel-loops,convert-parallel-loops-to-gpu),"
        "spider-gpu-managed-buffers,canonicalize,cse,lower-affine,";
  // Kernels to NVVM; host to LLVM calling the mgpu* ABI (the steps of
  // MLIR's gpu-lower-to-nvvm-pipeline). The serialization follows, with the
  // CUDA toolkit named for ptxas.
  os << "convert-nvgpu-to-nvvm,gpu-kernel-outlining,symbol-dce,convert-vector-to-scf,"
        "convert-scf-to-cf,convert-nvvm-to-llvm,convert-func-to-llvm,"
        "expand-strided-metadata,nvvm-attach-target{chip="
     << options.chip << " features=" << options.features
     << " O=" << options.optLevel
     << "},lower-affine,convert-arith-to-llvm,convert-index-to-llvm,"
        "canonicalize,cse,"
        "gpu.module(convert-gpu-to-nvvm,canonicalize,cse,"
        "reconcile-unrealized-casts),"
        "gpu-to-llvm";
  parsePipelineOrDie(pm, text, "spider-gpu-pipeline");
}

void mlir::spider::buildGPUPipelineSerialization(
    OpPassManager &pm, const GPUPipelineOptions &options) {
  std::string text;
  llvm::raw_string_ostream os(text);
  std::string toolkit = toolkitFor(options);
  os << "gpu-module-to-binary{format=" << formatFor(options, toolkit);
  if (!toolkit.empty())
    os << " toolkit=" << toolkit;
  os << "},convert-math-to-llvm,canonicalize,cse,reconcile-unrealized-casts";
  parsePipelineOrDie(pm, text, "spider-gpu-pipeline");
}
