//===- Pipelines.h - Spider's registered pass pipelines ---------*- C++ -*-===//

#ifndef SPIDER_PIPELINES_PIPELINES_H
#define SPIDER_PIPELINES_PIPELINES_H

#include "mlir/Pass/PassOptions.h"

namespace mlir {
class OpPassManager;
} // namespace mlir

namespace mlir::spider {

/// Options of `spider-cpu-pipeline`.
struct CPUPipelineOptions : public PassPipelineOptions<CPUPipelineOptions> {
  PassOptions::Option<bool> sparsify{
      *this, "sparsify",
      llvm::cl::desc("Run spider-sparsify (off: only what is already "
                     "spider.pit goes through PIT)"),
      llvm::cl::init(true)};
  PassOptions::Option<bool> selectTiles{
      *this, "select-tiles",
      llvm::cl::desc("Run spider-select-tiles (off: keep the marked "
                     "micro-tiles and always run PIT)"),
      llvm::cl::init(true)};
  PassOptions::Option<double> assumedDensity{
      *this, "assumed-density",
      llvm::cl::desc("The density spider-select-tiles chooses covers for"),
      llvm::cl::init(0.1)};
  PassOptions::Option<bool> profile{
      *this, "profile",
      llvm::cl::desc("Call libspider_runtime's profiler around every "
                     "spider.pit (read by spider-run --profile)"),
      llvm::cl::init(false)};
  PassOptions::Option<bool> vectorize{
      *this, "vectorize",
      llvm::cl::desc("Tile and vectorize linalg ops (off: scalar loops)"),
      llvm::cl::init(true)};
};

/// Builds `spider-cpu-pipeline`: a whole program of func, arith, math,
/// tensor, linalg, bufferization, memref, scf and vector plus spider, to the
/// LLVM dialect, runnable by mlir-runner with libspider_runtime. The passes
/// it names must be registered (mlir::registerAllPasses() and
/// registerSpiderPasses()).
void buildCPUPipeline(OpPassManager &pm, const CPUPipelineOptions &options);

/// Registers Spider's pipelines with the global pass registry.
void registerSpiderPipelines();

} // namespace mlir::spider

#endif // SPIDER_PIPELINES_PIPELINES_H
