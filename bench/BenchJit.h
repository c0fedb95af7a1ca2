//===- BenchJit.h - What the CPU benchmarks share -------------------------===//
//
// Header-only: compiling an MLIR module through spider-cpu-pipeline into an
// ExecutionEngine with the runtime loaded, a wall clock, the error measure
// every result check uses, and the process's memory counters.
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

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

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

/// The largest absolute difference over the largest magnitude of `want`.
inline double relativeError(const std::vector<float> &got,
                            const std::vector<float> &want) {
  double diff = 0, scale = 0;
  for (size_t i = 0; i < got.size(); ++i) {
    diff = std::max(diff, std::fabs(double(got[i]) - double(want[i])));
    scale = std::max(scale, std::fabs(double(want[i])));
  }
  return diff / (scale > 0 ? scale : 1.0);
}

/// A field of /proc/self/status in kB (VmRSS, VmHWM), or -1.
inline long statusKiB(const std::string &field) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.compare(0, field.size() + 1, field + ":") == 0)
      return std::strtol(line.c_str() + field.size() + 1, nullptr, 10);
  return -1;
}

} // namespace spider_bench

#endif // SPIDER_BENCH_BENCHJIT_H
