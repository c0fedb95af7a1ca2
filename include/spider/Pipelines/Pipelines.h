//===- Pipelines.h - Spider's registered pass pipelines ---------*- C++ -*-===//

#ifndef SPIDER_PIPELINES_PIPELINES_H
#define SPIDER_PIPELINES_PIPELINES_H

#include "spider/Dialect/Spider/IR/CpuIsa.h"
#include "spider/Support/CudaToolkit.h"

#include "mlir/Pass/PassOptions.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <string>

namespace mlir {
class OpPassManager;
} // namespace mlir

namespace mlir::spider {

/// A pipeline option that is a comma-separated list of positive integers
/// (8,32). Other text is an error that names the option, when the options
/// are parsed: a pipeline builder cannot fail. (Values assigned in C++ are
/// not checked here.)
class PositiveIntListOption
    : public ::mlir::detail::PassOptions::ListOption<int64_t> {
public:
  using Base = ::mlir::detail::PassOptions::ListOption<int64_t>;
  using Base::Base;
  using Base::operator=;

  bool handleOccurrence(unsigned pos, llvm::StringRef argName,
                        llvm::StringRef arg) override {
    llvm::SmallVector<llvm::StringRef> items;
    arg.split(items, ',');
    for (llvm::StringRef item : items) {
      int64_t value;
      if (item.getAsInteger(10, value) || value <= 0)
        return error("'" + arg +
                     "' is not a comma-separated list of positive integers");
    }
    return Base::handleOccurrence(pos, argName, arg);
  }
};

/// The options every Spider pipeline has: how marks become spider.pit ops.
template <typename Derived>
struct SpiderPipelineOptions : public PassPipelineOptions<Derived> {
  ::mlir::detail::PassOptions::Option<bool> sparsify{
      *this, "sparsify",
      llvm::cl::desc("Run spider-sparsify (off: only what is already "
                     "spider.pit goes through PIT)"),
      llvm::cl::init(true)};
  ::mlir::detail::PassOptions::Option<bool> selectTiles{
      *this, "select-tiles",
      llvm::cl::desc("Run spider-select-tiles with the target's tile "
                     "database (off: keep the marked micro-tiles and always "
                     "run PIT)"),
      llvm::cl::init(true)};
  ::mlir::detail::PassOptions::Option<bool> fuseChains{
      *this, "fuse-chains",
      llvm::cl::desc("Run spider-fuse-pit-chains: PITs on one index, and "
                     "the element-wise ops between them, become one chain "
                     "whose intermediates exist only per group"),
      llvm::cl::init(true)};
  ::mlir::detail::PassOptions::Option<double> assumedDensity{
      *this, "assumed-density",
      llvm::cl::desc("The density spider-select-tiles chooses covers for"),
      llvm::cl::init(0.1)};
};

/// Options of `spider-cpu-pipeline`.
struct CPUPipelineOptions : public SpiderPipelineOptions<CPUPipelineOptions> {
  PassOptions::Option<bool> profile{
      *this, "profile",
      llvm::cl::desc("Call libspider_runtime's profiler around every "
                     "spider.pit (read by spider-run --profile)"),
      llvm::cl::init(false)};
  PassOptions::Option<bool> vectorize{
      *this, "vectorize",
      llvm::cl::desc("Tile and vectorize linalg ops (off: scalar loops)"),
      llvm::cl::init(true)};
  PassOptions::Option<CpuIsa> cpuIsa{
      *this, "cpu-isa",
      llvm::cl::desc("The vector ISA whose register tiles and vector widths "
                     "are chosen (host: the CPU the compiler runs on)"),
      llvm::cl::init(CpuIsa::Host),
      llvm::cl::values(SPIDER_CPU_ISA_CL_VALUES)};
  PassOptions::Option<std::string> tuneCpu{
      *this, "tune-cpu",
      llvm::cl::desc("The CPU whose LLVM scheduling model compiles the "
                     "code (spider-set-tune-cpu): isa (default: the model "
                     "of cpu-isa's psABI level, under which the register "
                     "tiles stay in registers), target (the target CPU's "
                     "own), or an LLVM x86-64 CPU name"),
      llvm::cl::init("isa")};
  PassOptions::Option<std::string> tileDatabase{
      *this, "tile-database",
      llvm::cl::desc("A tile database file measured on the host "
                     "(bench/spider-tune.sh) for spider-select-tiles, in "
                     "place of the built-in table of the ISA"),
      llvm::cl::init("")};
  PassOptions::Option<unsigned> threads{
      *this, "threads",
      llvm::cl::desc("Threads for the groups of PITs whose groups write "
                     "disjoint boxes, else for the blocks of dense "
                     "contractions, through "
                     "OpenMP (libomp): 1 runs them in order and needs no "
                     "OpenMP, 0 takes what OpenMP gives (OMP_NUM_THREADS, "
                     "else every core), N > 1 exactly N"),
      llvm::cl::init(1)};
};

/// Builds `spider-cpu-pipeline`: a whole program of func, arith, math,
/// tensor, linalg, bufferization, memref, scf and vector plus spider, to the
/// LLVM dialect, runnable by mlir-runner with libspider_runtime. The passes
/// are added by their create functions: none needs to be registered.
void buildCPUPipeline(OpPassManager &pm, const CPUPipelineOptions &options);

/// Options of `spider-gpu-pipeline`.
struct GPUPipelineOptions : public SpiderPipelineOptions<GPUPipelineOptions> {
  PassOptions::Option<bool> tf32{
      *this, "tf32",
      llvm::cl::desc("Compute f32 matmul PITs on tensor cores in TF32 "
                     "(about 1e-3 relative error) instead of exact FMAs"),
      llvm::cl::init(false)};
  PassOptions::Option<std::string> chip{
      *this, "chip", llvm::cl::desc("The GPU architecture (sm_80, sm_90, ...)"),
      llvm::cl::init("sm_90")};
  PassOptions::Option<std::string> features{
      *this, "features",
      llvm::cl::desc("PTX features, at least the PTX version (+ptx80)"),
      llvm::cl::init("+ptx80")};
  PassOptions::Option<std::string> format{
      *this, "format",
      llvm::cl::desc("What is embedded: isa (PTX, compiled by the driver at "
                     "load), bin (cubin), fatbin, or auto (fatbin when the "
                     "CUDA toolkit's ptxas is found, isa otherwise)"),
      llvm::cl::init("auto")};
  PassOptions::Option<int> optLevel{
      *this, "opt-level",
      llvm::cl::desc("Optimization level of the NVPTX backend (0-3)"),
      llvm::cl::init(3)};
  PassOptions::Option<std::string> toolkit{
      *this, "toolkit",
      llvm::cl::desc("The CUDA toolkit for ptxas and libdevice (default: "
                     "the first of CUDA_ROOT, CUDA_HOME, CUDA_PATH, the "
                     "ptxas on PATH and /usr/local/cuda that has both)"),
      llvm::cl::init("")};
  PositiveIntListOption simtTile{
      *this, "simt-tile",
      llvm::cl::desc("Tile sizes of the parallel loops of other linalg ops: "
                     "blocks of these many threads (comma-separated "
                     "positive integers)"),
      llvm::cl::list_init<int64_t>({8, 32})};
};

/// Builds `spider-gpu-pipeline`: a whole program to the LLVM dialect with
/// the GPU binaries embedded, runnable by mlir-runner with
/// libspider_cuda_runtime, libspider_runtime and MLIR's runner utils.
/// Matmul spider.pit ops become tensor-core tile kernels, other linalg ops
/// SIMT kernels; every host heap buffer is CUDA managed memory. Compiles on
/// a machine without a GPU. Like buildCPUPipeline, it adds the passes by
/// their create functions.
void buildGPUPipeline(OpPassManager &pm, const GPUPipelineOptions &options);

/// The two halves of buildGPUPipeline, for tools that cache kernels between
/// them (spider-run --target=gpu): everything up to kernels in the NVVM
/// dialect and host code calling the mgpu* ABI; then gpu-module-to-binary
/// and the final host lowering.
void buildGPUPipelinePreparation(OpPassManager &pm,
                                 const GPUPipelineOptions &options);
void buildGPUPipelineSerialization(OpPassManager &pm,
                                   const GPUPipelineOptions &options);

/// The binary format `options` resolves to (auto: fatbin when the `toolkit`
/// option or findCudaToolkit, in spider/Support/CudaToolkit.h, gives a
/// toolkit, isa otherwise).
std::string gpuBinaryFormat(const GPUPipelineOptions &options);

/// Registers Spider's pipelines with the global pass registry.
void registerSpiderPipelines();

} // namespace mlir::spider

#endif // SPIDER_PIPELINES_PIPELINES_H
