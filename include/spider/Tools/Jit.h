//===- Jit.h - What Spider's in-process tools share ------------*- C++ -*-===//
//
// spider-run and the benchmarks compile with spider-cpu-pipeline and run the
// result with MLIR's ExecutionEngine, libspider_runtime and MLIR's runner
// utilities loaded.
//
//===----------------------------------------------------------------------===//

#ifndef SPIDER_TOOLS_JIT_H
#define SPIDER_TOOLS_JIT_H

#include "spider/Dialect/Spider/IR/CpuIsa.h"
#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "llvm/ADT/ArrayRef.h"

#include <memory>
#include <optional>
#include <string>

namespace mlir {
class DialectRegistry;
class ModuleOp;
} // namespace mlir

namespace mlir::spider {

/// Registers every upstream and Spider dialect, extension and pass, the
/// LLVM IR translations, and the native target: all a JIT tool needs.
void initializeJit(DialectRegistry &registry);

/// JIT-compiles `module` (already lowered to the LLVM dialect) at LLVM
/// optimization level `optLevel`, with `runtimeLibrary`, MLIR's runner
/// utilities and `extraLibraries` loaded.
llvm::Expected<std::unique_ptr<ExecutionEngine>>
createJit(ModuleOp module, unsigned optLevel, llvm::StringRef runtimeLibrary,
          llvm::ArrayRef<std::string> extraLibraries = {},
          CpuIsa cpuIsa = CpuIsa::Host);

/// The most threads a tool or benchmark accepts.
constexpr unsigned kMaxThreads = 4096;

/// $SPIDER_NUM_THREADS as a thread count for spider-cpu-pipeline's threads
/// option (0: every core): `whenUnset` when it is unset or empty, nullopt
/// when it is not a number from 0 to kMaxThreads. The one reading of the
/// variable, for spider-run and the benchmarks.
std::optional<unsigned> threadsFromEnvironment(unsigned whenUnset);

} // namespace mlir::spider

#endif // SPIDER_TOOLS_JIT_H
