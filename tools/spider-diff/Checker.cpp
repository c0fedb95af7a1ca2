//===- Checker.cpp - The differential checks of one program ---------------===//

#include "Checker.h"

#include "spider/Dialect/Spider/Transforms/Utils/StripMarks.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <map>

using namespace mlir;
using namespace spider_diff;
using llvm::errs;
using llvm::outs;

struct Checker::FileState {
  std::string path, entry;
  /// The function that runs: the entry, or a wrapper that prints what it
  /// returns.
  std::string run;
  llvm::SourceMgr sourceMgr;
  OwningOpRef<ModuleOp> program, stripped;
  unsigned marks = 0;
  RunOutcome reference;
  bool ok = true;
};

/// The entry a RUN line names (`-e NAME`), or "".
static std::string entryFromRunLines(llvm::StringRef text) {
  llvm::Regex entryFlag("(^|[ \t])-e[ =]+@?([A-Za-z_][A-Za-z0-9_$.]*)");
  llvm::SmallVector<llvm::StringRef> lines;
  text.split(lines, '\n');
  for (llvm::StringRef line : lines) {
    if (!line.contains("RUN:"))
      continue;
    llvm::SmallVector<llvm::StringRef> match;
    if (entryFlag.match(line, &match))
      return match[2].str();
  }
  return "";
}

void Checker::keep(FileState &file, const std::string &name, ModuleOp base,
                   llvm::function_ref<LogicalResult(ModuleOp)> prepare) {
  if (options.keepDir.empty())
    return;
  OwningOpRef<ModuleOp> copy(base.clone());
  if (prepare && failed(prepare(*copy)))
    return;
  llvm::sys::fs::create_directories(options.keepDir);
  llvm::SmallString<256> path(options.keepDir);
  llvm::sys::path::append(path, llvm::sys::path::stem(file.path) + "." + name +
                                    ".mlir");
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec);
  if (ec)
    return;
  os << "// spider-diff: " << file.path << ", " << name
     << "; run it with spider-run -e " << file.run << "\n";
  copy->print(os);
  outs() << "  written to " << path << "\n";
}

bool Checker::judge(FileState &file, const std::string &what,
                    const RunOutcome &want, const RunOutcome &got,
                    const std::string &reproduce, const std::string &keepName,
                    llvm::function_ref<LogicalResult(ModuleOp)> prepare,
                    ModuleOp base, const std::string &note) {
  std::string problem, details;
  if (!got.ran()) {
    problem = got.describe();
    details = got.errTail();
  } else if (got.exitCode != want.exitCode) {
    problem = "exits with status " + std::to_string(got.exitCode) +
              ", the unmarked program with " + std::to_string(want.exitCode);
    details = got.errTail();
  } else if (auto diff = compareOutputs(want.out, got.out, options.compare)) {
    problem = "prints something else than the unmarked program";
    details = "    at " + diff->where + ": unmarked " + diff->expected +
              ", marked " + diff->actual;
    if (!diff->textDiffers || diff->numDiffering)
      details += " (" + std::to_string(diff->numDiffering) + " of " +
                 std::to_string(diff->numCompared) + " numbers differ)";
    details += "\n";
  }
  if (problem.empty()) {
    ++sum.agree;
    if (options.verbose)
      outs() << "  agree: " << what << " (" << got.pitOps << " spider.pit, "
             << llvm::format("%.2f", got.seconds) << " s)\n";
    return true;
  }
  bool compiled = got.ran() || got.status == RunOutcome::Status::Crashed ||
                  got.status == RunOutcome::Status::TimedOut;
  ++(compiled && got.ran() ? sum.differ : sum.fail);
  file.ok = false;
  outs() << "spider-diff: error: " << file.path << ": " << what << ": "
         << problem << "\n"
         << details << note;
  if (!reproduce.empty())
    outs() << "    reproduce: spider-diff " << file.path << " " << reproduce
           << "\n";
  keep(file, keepName, base, prepare);
  return false;
}

bool Checker::checkFile(llvm::StringRef path) {
  ++sum.files;
  FileState file;
  file.path = path.str();
  std::string error;
  auto buffer = openInputFile(path, &error);
  if (!buffer) {
    errs() << "spider-diff: error: " << error << "\n";
    ++sum.fail;
    return false;
  }
  std::string runEntry = entryFromRunLines(buffer->getBuffer());
  file.sourceMgr.AddNewSourceBuffer(std::move(buffer), llvm::SMLoc());
  SourceMgrDiagnosticHandler handler(file.sourceMgr, &context);
  file.program = parseSourceFile<ModuleOp>(file.sourceMgr, &context);
  auto skip = [&](const llvm::Twine &why, const std::string &tail = "") {
    ++sum.skipped;
    outs() << "spider-diff: " << (options.failOnSkip ? "error: " : "") << path
           << ": not checked: " << why << "\n"
           << tail;
    return !options.failOnSkip;
  };
  if (!file.program)
    return skip("it does not parse (the diagnostics above say why)");

  file.entry = options.entry;
  if (file.entry.empty())
    file.entry = (*file.program).lookupSymbol("main") || runEntry.empty()
                     ? "main"
                     : runEntry;
  FailureOr<std::string> entry = wrapEntry(*file.program, file.entry, error);
  if (failed(entry))
    return skip(error);
  file.run = *entry;
  file.marks = spider::countSparseMarks(*file.program);
  file.stripped = file.program->clone();
  if (failed(spider::stripSparseMarks(*file.stripped))) {
    ++sum.fail;
    outs() << "spider-diff: error: " << path
           << ": the program without its marks does not verify\n";
    return false;
  }

  file.reference =
      runner.run(*file.stripped, nullptr, file.run, options.oracle);
  if (!file.reference.ran())
    return skip("the program without marks " + file.reference.describe() +
                    " (pipeline " + options.oracle.name + ")",
                file.reference.errTail());
  if (options.printOutput)
    outs() << file.reference.out;

  // The program as written, under each pipeline. Without marks, only
  // pipelines that compile differently from the reference are worth a run.
  std::vector<bool> vectorizeSeen;
  for (const RunConfig &config : options.configs) {
    if (file.marks == 0) {
      if (config.vectorize == options.oracle.vectorize ||
          llvm::is_contained(vectorizeSeen, config.vectorize))
        continue;
      vectorizeSeen.push_back(config.vectorize);
    }
    RunOutcome got = runner.run(*file.program, nullptr, file.run, config);
    if (file.marks) {
      ++sum.markedRuns;
      sum.pitRuns += got.pitOps > 0;
    }
    std::string what = (file.marks ? "the marked program" : "the program") +
                       std::string(" (pipeline ") + config.name + ")";
    judge(file, what, file.reference, got,
          file.marks ? "--configs=" + config.name : "",
          "program." + config.name, nullptr, *file.program);
  }
  if (options.markEach)
    checkVariants(file);
  return file.ok;
}

bool Checker::checkVariants(FileState &file) {
  unsigned onBuffers = 0;
  std::vector<MarkSite> sites = findMarkSites(*file.stripped, onBuffers);
  if (onBuffers && options.verbose)
    outs() << "  " << onBuffers << " linalg ops on buffers cannot be marked\n";
  llvm::DenseMap<unsigned, RunOutcome> maskedReference;
  // The unmarked program with zeroed tiles, per value and `vectorize`.
  std::map<std::pair<unsigned, bool>, RunOutcome> maskedUnmarked;
  for (const MarkSite &site : sites) {
    if ((options.onlyOp && *options.onlyOp != site.opIndex) ||
        (options.onlyInput && *options.onlyInput != site.operand))
      continue;
    std::vector<Microtile> tiles =
        candidateMicrotiles(site.shape, options.microtileSpecs);
    if (options.onlyTile)
      llvm::erase_if(
          tiles, [&](const Microtile &t) { return t != *options.onlyTile; });
    if (tiles.empty())
      continue;
    ++sum.sites;
    auto zero = [&](ModuleOp m) -> LogicalResult {
      if (!options.zeroTiles)
        return success();
      OpOperand *input = findSite(m, site);
      return success(input && succeeded(zeroSomeTiles(*input)));
    };
    const std::string &entry = file.run;
    // The reference: the same zeroed data, no mark.
    const RunOutcome *want = &file.reference;
    if (options.zeroTiles) {
      auto it = maskedReference.find(site.valueId);
      if (it == maskedReference.end())
        it = maskedReference
                 .try_emplace(site.valueId, runner.run(*file.stripped, zero,
                                                       entry, options.oracle))
                 .first;
      want = &it->second;
      if (!want->ran()) {
        ++sum.skipped;
        file.ok &= !options.failOnSkip;
        outs() << "spider-diff: " << file.path << ": op #" << site.opIndex
               << " input #" << site.operand
               << " not checked: with zeroed tiles the unmarked program "
               << want->describe() << "\n"
               << want->errTail();
        continue;
      }
    }
    for (const Microtile &tile : tiles) {
      std::vector<RunConfig> configs = options.configs;
      if (options.rotateConfigs)
        configs = {options.configs[rotation++ % options.configs.size()]};
      for (const RunConfig &config : configs) {
        ++sum.variants;
        auto prepare = [&](ModuleOp m) -> LogicalResult {
          // Found first: zeroing adds a linalg op, and the walk order
          // that identifies ops changes.
          OpOperand *input = findSite(m, site);
          if (!input)
            return failure();
          if (options.zeroTiles && failed(zeroSomeTiles(*input)))
            return failure();
          return markInput(*input, tile);
        };
        RunOutcome got = runner.run(*file.stripped, prepare, entry, config);
        ++sum.markedRuns;
        sum.pitRuns += got.pitOps > 0;
        std::string what = "op #" + std::to_string(site.opIndex) + " " +
                           site.opName + " at " + site.location + ", input #" +
                           std::to_string(site.operand) + " marked " +
                           formatMicrotile(tile) +
                           (options.zeroTiles ? " on zeroed tiles" : "") +
                           " (pipeline " + config.name + ")";
        if (got.status == RunOutcome::Status::SetupFailed) {
          // The op's verifier rejects a marked input: not a run.
          --sum.variants;
          if (options.verbose)
            outs() << "  cannot mark: " << what << "\n" << got.errTail();
          continue;
        }
        std::string reproduce =
            "--mark-each --only=" + std::to_string(site.opIndex) + ":" +
            std::to_string(site.operand) + ":" + formatMicrotile(tile) +
            " --configs=" + config.name;
        if (!options.zeroTiles)
          reproduce += " --zero-tiles=false";
        // Is it the dense code generation? Then the unmarked program
        // differs under this pipeline too.
        std::string note;
        if (got.ran() && config.vectorize != options.oracle.vectorize &&
            (got.exitCode != want->exitCode ||
             compareOutputs(want->out, got.out, options.compare))) {
          auto key = std::make_pair(site.valueId, config.vectorize);
          auto it = maskedUnmarked.find(key);
          if (it == maskedUnmarked.end())
            it = maskedUnmarked
                     .emplace(key,
                              runner.run(*file.stripped, zero, entry, config))
                     .first;
          const RunOutcome &dense = it->second;
          if (!dense.ran() || dense.exitCode != want->exitCode ||
              compareOutputs(want->out, dense.out, options.compare))
            note = "    note: the unmarked program differs under pipeline " +
                   config.name + " too: dense code generation, not PIT\n";
        }
        std::string keepName = "op" + std::to_string(site.opIndex) + ".in" +
                               std::to_string(site.operand) + "." +
                               formatMicrotile(tile) + "." + config.name;
        judge(file, what, *want, got, reproduce, keepName, prepare,
              *file.stripped, note);
      }
    }
  }
  return file.ok;
}
