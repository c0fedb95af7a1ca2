//===- BenchJit.h - What the CPU benchmarks share -------------------------===//
//
// Header-only: compiling an MLIR module through spider-cpu-pipeline into an
// ExecutionEngine with the runtime loaded, and a wall clock.
//
//===----------------------------------------------------------------------===//

#ifndef SPIDER_BENCH_BENCHJIT_H
#define SPIDER_BENCH_BENCHJIT_H

#include "spider/Pipelines/Pipelines.h"
#include "spider/Tools/Jit.h"

#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <memory>
#include <string>

#ifndef SPIDER_RUNTIME_LIB
#define SPIDER_RUNTIME_LIB "libspider_runtime.so"
#endif

namespace spider_bench {

/// `text` through spider-cpu-pipeline (default options), JIT-compiled at
/// -O3 with libspider_runtime loaded; null (diagnostics printed) on error.
inline std::unique_ptr<mlir::ExecutionEngine>
compileForCpu(mlir::MLIRContext &context, const std::string &text) {
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceString<mlir::ModuleOp>(text, &context);
  if (!module)
    return nullptr;
  mlir::PassManager pm(&context);
  mlir::spider::buildCPUPipeline(pm, mlir::spider::CPUPipelineOptions());
  if (mlir::failed(pm.run(*module)))
    return nullptr;
  auto engine = mlir::spider::createJit(*module, 3, SPIDER_RUNTIME_LIB);
  if (!engine) {
    llvm::errs() << llvm::toString(engine.takeError()) << "\n";
    return nullptr;
  }
  return std::move(*engine);
}

/// Monotonic wall-clock seconds.
inline double seconds() {
  using Clock = std::chrono::steady_clock;
  return std::chrono::duration<double>(Clock::now().time_since_epoch())
      .count();
}

} // namespace spider_bench

#endif // SPIDER_BENCH_BENCHJIT_H
