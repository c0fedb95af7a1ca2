//===- IsolatedRun.h - Compiling and running a program in a child -*- C++
//-*-===//
//
// Every run of spider-diff happens in a forked child process: the child
// clones the parsed program, changes it (a mark added, say), compiles it
// with spider-cpu-pipeline, JITs it and runs its entry with its standard
// output and error going to files. A crash, an abort or a hang of the
// compiler or of the program is then an outcome to report, not the end of
// the checker; and the parent never re-parses or reloads libraries.
//
// The parent must be single-threaded (an MLIRContext without threading).
//
//===----------------------------------------------------------------------===//

#ifndef SPIDER_TOOLS_SPIDER_DIFF_ISOLATEDRUN_H
#define SPIDER_TOOLS_SPIDER_DIFF_ISOLATEDRUN_H

#include "spider/Dialect/Spider/IR/CpuIsa.h"
#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/STLFunctionalExtras.h"

#include <cstdint>
#include <string>

namespace spider_diff {

/// How a run compiles its program.
struct RunConfig {
  /// The name in reports and on the command line (`default`, `always-pit`,
  /// `scalar`, `scalar-always-pit`).
  std::string name;
  bool vectorize = true;
  bool selectTiles = true;
};

struct RunOutcome {
  enum class Status {
    Ran,
    SetupFailed,
    CompileFailed,
    JitFailed,
    Crashed,
    TimedOut
  };
  Status status = Status::Ran;
  /// The exit status of a program that ran.
  int exitCode = 0;
  /// The signal that ended a crashed run.
  int signal = 0;
  std::string out, err;
  /// spider.pit ops in the program after spider-sparsify.
  unsigned pitOps = 0;
  double seconds = 0;

  /// The run compiled and its entry returned or exited.
  bool ran() const { return status == Status::Ran; }
  /// How the run ended, in words ("exit status 1", "crashed with signal 11
  /// (Segmentation fault)", "fails to compile").
  std::string describe() const;
  /// The last lines of its standard error, indented, for a report.
  std::string errTail(unsigned lines = 8) const;
};

class IsolatedRunner {
public:
  IsolatedRunner(std::string runtimeLibrary, unsigned timeoutSeconds,
                 unsigned optLevel, uint64_t memoryLimitMB);
  ~IsolatedRunner();
  IsolatedRunner(const IsolatedRunner &) = delete;
  IsolatedRunner &operator=(const IsolatedRunner &) = delete;

  /// The vector ISA every compile is for (Host: this CPU's).
  mlir::spider::CpuIsa cpuIsa = mlir::spider::CpuIsa::Host;
  /// spider-cpu-pipeline's threads option for every compile.
  unsigned threads = 1;

  /// False (with `error` set) if the runner's files could not be created.
  bool valid(std::string &error) const;

  /// In a child: clones `base`, applies `prepare` to the clone (a failure
  /// is a SetupFailed outcome), compiles it with `config`, and runs
  /// `entry`.
  RunOutcome
  run(mlir::ModuleOp base,
      llvm::function_ref<mlir::LogicalResult(mlir::ModuleOp)> prepare,
      llvm::StringRef entry, const RunConfig &config);

private:
  std::string runtimeLibrary;
  unsigned timeoutSeconds, optLevel;
  uint64_t memoryLimitMB;
  int outFd = -1, errFd = -1;
  std::string outPath, errPath, setupError;
};

} // namespace spider_diff

#endif // SPIDER_TOOLS_SPIDER_DIFF_ISOLATEDRUN_H
