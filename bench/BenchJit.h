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
#include <thread>
#include <vector>

#ifndef SPIDER_RUNTIME_LIB
#define SPIDER_RUNTIME_LIB "libspider_runtime.so"
#endif

namespace spider_bench {

/// The vector ISA the benchmarks compile for: $SPIDER_CPU_ISA (host,
/// avx512, avx2 or sse), the host's by default. Exits on a bad spelling.
inline mlir::spider::CpuIsa benchCpuIsa() {
  const char *name = std::getenv("SPIDER_CPU_ISA");
  if (!name || !*name)
    return mlir::spider::CpuIsa::Host;
  std::optional<mlir::spider::CpuIsa> isa = mlir::spider::parseCpuIsa(name);
  if (!isa) {
    llvm::errs() << "SPIDER_CPU_ISA=" << name
                 << " is not one of host, avx512, avx2, sse\n";
    std::exit(2);
  }
  return *isa;
}

/// What benchCpuIsa() compiles for, for the output: "avx2 (host: avx512,
/// znver4), LLVM model haswell".
inline std::string describeCpuIsa() {
  mlir::spider::CpuIsa host = mlir::spider::detectHostCpuIsa();
  mlir::spider::CpuIsa isa = mlir::spider::resolveCpuIsa(benchCpuIsa());
  const char *tune = std::getenv("SPIDER_TUNE_CPU");
  std::string model = mlir::spider::tuneCpuForOption(tune ? tune : "isa", isa)
                          .value_or("the target CPU's");
  return mlir::spider::stringifyCpuIsa(isa).str() + " (host: " +
         mlir::spider::stringifyCpuIsa(host).str() + ", " +
         llvm::sys::getHostCPUName().str() + "), LLVM model " + model;
}

/// The threads the benchmarks compile for: $SPIDER_NUM_THREADS (0: every
/// core), 1 by default. Exits on a bad value.
inline unsigned benchThreads() {
  std::optional<unsigned> threads =
      mlir::spider::threadsFromEnvironment(/*whenUnset=*/1);
  if (!threads) {
    llvm::errs() << "SPIDER_NUM_THREADS=" << std::getenv("SPIDER_NUM_THREADS")
                 << " is not a thread count (0 to "
                 << mlir::spider::kMaxThreads << ")\n";
    std::exit(2);
  }
  return *threads;
}

/// benchThreads() as a count: every core for 0. Baselines (OpenBLAS,
/// PyTorch) run on as many.
inline int benchThreadCount() {
  unsigned threads = benchThreads();
  if (threads == 0)
    threads = std::max(1u, std::thread::hardware_concurrency());
  return static_cast<int>(threads);
}

/// spider-cpu-pipeline for benchCpuIsa() and benchThreads(), default
/// options otherwise.
inline void buildBenchPipeline(mlir::OpPassManager &pm) {
  mlir::spider::CPUPipelineOptions options;
  options.cpuIsa = benchCpuIsa();
  options.threads = benchThreads();
  // A tile database measured on the host (bench/spider-tune.sh).
  if (const char *db = std::getenv("SPIDER_TILE_DB"))
    options.tileDatabase = db;
  // The LLVM scheduling model (spider-cpu-pipeline's tune-cpu: isa by
  // default; target: the host CPU's own, as before spider-set-tune-cpu).
  if (const char *tune = std::getenv("SPIDER_TUNE_CPU"))
    options.tuneCpu = tune;
  mlir::spider::buildCPUPipeline(pm, options);
}

/// A JIT of `module` at -O3 with libspider_runtime loaded, for
/// benchCpuIsa().
inline llvm::Expected<std::unique_ptr<mlir::ExecutionEngine>>
jitForBench(mlir::ModuleOp module) {
  return mlir::spider::createJit(module, 3, SPIDER_RUNTIME_LIB, {},
                                 benchCpuIsa());
}

/// `text` through spider-cpu-pipeline (benchBuildPipeline), JIT-compiled at
/// -O3 with libspider_runtime loaded; null (diagnostics printed) on error.
inline std::unique_ptr<mlir::ExecutionEngine>
compileForCpu(mlir::MLIRContext &context, const std::string &text) {
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceString<mlir::ModuleOp>(text, &context);
  if (!module)
    return nullptr;
  mlir::PassManager pm(&context);
  buildBenchPipeline(pm);
  if (mlir::failed(pm.run(*module)))
    return nullptr;
  auto engine = jitForBench(*module);
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
