//===- Checker.h - The differential checks of one program -------*- C++ -*-===//
//
// Runs a program as written and without its marks, and in mark-each mode
// with one mark at a time on each input of each linalg op, and reports
// every run whose output or exit status differs from the unmarked run's.
//
//===----------------------------------------------------------------------===//

#ifndef SPIDER_TOOLS_SPIDER_DIFF_CHECKER_H
#define SPIDER_TOOLS_SPIDER_DIFF_CHECKER_H

#include "IsolatedRun.h"
#include "OutputCompare.h"
#include "Variants.h"

#include "mlir/IR/MLIRContext.h"

#include <optional>
#include <string>
#include <vector>

namespace spider_diff {

struct CheckerOptions {
  /// The entry function; empty: @main, else the `-e NAME` of a RUN line.
  std::string entry;
  bool markEach = false;
  /// How marked programs are compiled, and how the reference is.
  std::vector<RunConfig> configs;
  RunConfig oracle;
  std::vector<std::string> microtileSpecs;
  bool zeroTiles = true;
  /// Mark-each: each variant runs under one of `configs`, in turn, rather
  /// than under each.
  bool rotateConfigs = false;
  /// A program that cannot be checked is a failure, not a skip.
  bool failOnSkip = false;
  /// Mark-each: only op `onlyOp`, input `onlyInput`, micro-tile `onlyTile`
  /// (each unset: all).
  std::optional<unsigned> onlyOp, onlyInput;
  std::optional<Microtile> onlyTile;
  CompareOptions compare;
  /// Where failing programs are written (empty: nowhere).
  std::string keepDir;
  bool verbose = false;
  /// Print what the unmarked program printed.
  bool printOutput = false;
};

/// What the checks of all files added up to.
struct CheckTotals {
  unsigned files = 0, skipped = 0;
  unsigned agree = 0, differ = 0, fail = 0;
  /// Runs with a mark, and those of them with a spider.pit after
  /// spider-sparsify.
  unsigned markedRuns = 0, pitRuns = 0;
  unsigned variants = 0, sites = 0;
};

class Checker {
public:
  Checker(mlir::MLIRContext &context, IsolatedRunner &runner,
          const CheckerOptions &options)
      : context(context), runner(runner), options(options) {}

  /// Checks the program in `path`; false if any run differs or fails.
  bool checkFile(llvm::StringRef path);

  const CheckTotals &totals() const { return sum; }

private:
  struct FileState;
  bool checkVariants(FileState &file);
  /// Compares `got` with `want` and reports a difference as `what`.
  bool judge(FileState &file, const std::string &what, const RunOutcome &want,
             const RunOutcome &got, const std::string &reproduce,
             const std::string &keepName,
             llvm::function_ref<mlir::LogicalResult(mlir::ModuleOp)> prepare,
             mlir::ModuleOp base, const std::string &note = "");
  void keep(FileState &file, const std::string &name, mlir::ModuleOp base,
            llvm::function_ref<mlir::LogicalResult(mlir::ModuleOp)> prepare);

  mlir::MLIRContext &context;
  IsolatedRunner &runner;
  const CheckerOptions &options;
  CheckTotals sum;
  /// Mark-each variants so far, for rotateConfigs.
  unsigned rotation = 0;
};

} // namespace spider_diff

#endif // SPIDER_TOOLS_SPIDER_DIFF_CHECKER_H
