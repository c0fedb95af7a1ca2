//===- spider-diff.cpp - The differential checker of Spider programs ------===//
//
//   spider-diff FILE.mlir... [-e main] [--mark-each] [--configs=...]
//   spider-diff --compare-files EXPECTED ACTUAL
//
// Runs the entry function of each program as written (with its Spider
// marks) and again with every mark removed, and compares what the runs
// print and return: numbers within a tolerance, integers exactly, exit
// statuses. --mark-each marks, in turn, each input of each linalg op with
// each candidate micro-tile, on data with some of those micro-tiles zeroed,
// and compares every such variant with the unmarked program. Every run
// happens in a child process; a crash or a hang is reported, never fatal.
//
// Exit status: 0 when every run agrees (programs that cannot run unmarked
// are reported and skipped), 1 when one differs or fails, 2 for bad usage.
//
//===----------------------------------------------------------------------===//

#include "Checker.h"

#include "spider/InitAll.h"
#include "spider/Tools/Jit.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/MLIRContext.h"
#include "spider/Dialect/Spider/IR/SpiderDialect.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>

using namespace mlir;
using namespace spider_diff;
namespace cl = llvm::cl;

namespace {
enum class Config { Default, AlwaysPit, Scalar, ScalarAlwaysPit };

cl::list<std::string> inputFiles(cl::Positional, cl::desc("<input.mlir>..."),
                                 cl::OneOrMore);
cl::opt<std::string>
    entry("e",
          cl::desc("Entry function (default: @main, else the -e of the "
                   "file's RUN line)"),
          cl::init(""));
cl::opt<bool> markEach(
    "mark-each",
    cl::desc("Also mark each input of each linalg op in turn, with each "
             "candidate micro-tile, and compare with the unmarked program"),
    cl::init(false));
cl::list<Config> configs(
    "configs",
    cl::desc("How marked programs are compiled (default: default,always-pit)"),
    cl::CommaSeparated,
    cl::values(
        clEnumValN(Config::Default, "default", "spider-cpu-pipeline"),
        clEnumValN(Config::AlwaysPit, "always-pit",
                   "select-tiles=false: the marked micro-tile, PIT always"),
        clEnumValN(Config::Scalar, "scalar", "vectorize=false"),
        clEnumValN(Config::ScalarAlwaysPit, "scalar-always-pit",
                   "vectorize=false select-tiles=false")));
cl::opt<Config> oracle(
    "oracle", cl::desc("How the unmarked reference is compiled"),
    cl::init(Config::Scalar),
    cl::values(clEnumValN(Config::Scalar, "scalar",
                          "scalar loops (vectorize=false), the default"),
               clEnumValN(Config::Default, "vectorized",
                          "tiled and vectorized, as marked programs are")));
cl::list<std::string> microtiles(
    "microtiles",
    cl::desc("Micro-tiles tried on each input: ones, strips (32 along one "
             "axis), block (3 along all), or sizes such as 8x1 (default: "
             "ones,strips,block)"),
    cl::CommaSeparated);
cl::opt<bool> zeroTiles(
    "zero-tiles",
    cl::desc("Mark-each: zero a fixed pattern of micro-tiles of the marked "
             "value, in the variant and its reference (default: on)"),
    cl::init(true));
cl::opt<bool> rotateConfigs(
    "rotate-configs",
    cl::desc("Mark-each: run each variant under one of --configs in turn, "
             "not under each (half the runs for two pipelines)"),
    cl::init(false));
cl::opt<bool> failOnSkip(
    "fail-on-skip",
    cl::desc("A program that cannot be checked (it does not parse or does "
             "not run unmarked) is a failure"),
    cl::init(false));
cl::opt<std::string>
    only("only", cl::desc("Mark-each: only OP[:INPUT[:TILE]] (as in a report)"),
         cl::init(""));
cl::opt<double> relTol("rtol", cl::desc("Relative tolerance on floats"),
                       cl::init(1e-4));
cl::opt<double> absTol("atol", cl::desc("Absolute tolerance on floats"),
                       cl::init(1e-5));
cl::opt<unsigned> timeout("timeout",
                          cl::desc("Seconds a run may take (default 60)"),
                          cl::init(60));
cl::opt<unsigned>
    memoryLimit("memory-limit",
                cl::desc("MiB of address space a run may use (0: no limit)"),
                cl::init(16384));
cl::opt<unsigned> optLevel("O", cl::desc("LLVM optimization level"), cl::Prefix,
                           cl::init(2));
cl::opt<std::string>
    keepDir("keep-failures",
            cl::desc("Write each program that differs or fails, as run, "
                     "into this directory"),
            cl::init(""));
cl::opt<mlir::spider::CpuIsa> cpuIsa(
    "cpu-isa",
    cl::desc("The x86-64 vector ISA every program is compiled for, marked "
             "or not (host: this CPU)"),
    cl::values(SPIDER_CPU_ISA_CL_VALUES),
    cl::init(mlir::spider::CpuIsa::Host));
cl::opt<unsigned> cpuThreads(
    "cpu-threads",
    cl::desc("spider-cpu-pipeline's threads for every program, marked or "
             "not (default 1; 0: every core)"),
    cl::init(1));
cl::opt<bool> verbose("v", cl::desc("Report every run"), cl::init(false));
cl::opt<bool> printOutput(
    "print-output",
    cl::desc("Print what the unmarked program prints (and its entry returns)"),
    cl::init(false));
cl::opt<bool> compareFiles(
    "compare-files",
    cl::desc("Compare two files of program output (EXPECTED ACTUAL) as the "
             "checker compares runs"),
    cl::init(false));

RunConfig makeConfig(Config config) {
  switch (config) {
  case Config::Default:
    return {"default", true, true};
  case Config::AlwaysPit:
    return {"always-pit", true, false};
  case Config::Scalar:
    return {"scalar", false, true};
  case Config::ScalarAlwaysPit:
    return {"scalar-always-pit", false, false};
  }
  return {};
}

int usage(const llvm::Twine &message) {
  llvm::errs() << "spider-diff: error: " << message << "\n";
  return 2;
}

int runCompareFiles() {
  if (inputFiles.size() != 2)
    return usage("--compare-files takes two files, EXPECTED and ACTUAL");
  std::string text[2];
  for (int i = 0; i < 2; ++i) {
    auto buffer = llvm::MemoryBuffer::getFileOrSTDIN(inputFiles[i]);
    if (!buffer)
      return usage("cannot read " + inputFiles[i] + ": " +
                   buffer.getError().message());
    text[i] = (*buffer)->getBuffer().str();
  }
  CompareOptions options{relTol, absTol};
  auto diff = compareOutputs(text[0], text[1], options);
  if (!diff) {
    llvm::outs() << "spider-diff: the outputs agree\n";
    return 0;
  }
  llvm::outs() << "spider-diff: the outputs differ at " << diff->where
               << ": expected " << diff->expected << ", actual "
               << diff->actual;
  if (!diff->textDiffers || diff->numDiffering)
    llvm::outs() << " (" << diff->numDiffering << " of " << diff->numCompared
                 << " numbers differ)";
  llvm::outs() << "\n";
  return 1;
}

/// Parses --only=OP[:INPUT[:TILE]].
bool parseOnly(CheckerOptions &options) {
  if (only.empty())
    return true;
  llvm::SmallVector<llvm::StringRef> parts;
  llvm::StringRef(only).split(parts, ':');
  unsigned value;
  if (parts.size() > 3 || parts[0].getAsInteger(10, value))
    return false;
  options.onlyOp = value;
  if (parts.size() > 1) {
    if (parts[1].getAsInteger(10, value))
      return false;
    options.onlyInput = value;
  }
  if (parts.size() > 2) {
    if (!invalidMicrotileSpec({parts[2].str()}).empty() || parts[2] == "ones" ||
        parts[2] == "strips" || parts[2] == "block")
      return false;
    Microtile tile;
    llvm::SmallVector<llvm::StringRef> sizes;
    parts[2].split(sizes, 'x');
    for (llvm::StringRef size : sizes) {
      int64_t n;
      size.getAsInteger(10, n);
      tile.push_back(n);
    }
    options.onlyTile = tile;
  }
  return true;
}

std::string siblingLibrary(const char *argv0, llvm::StringRef name) {
  std::string exe = llvm::sys::fs::getMainExecutable(
      argv0, reinterpret_cast<void *>(&siblingLibrary));
  llvm::SmallString<256> path(llvm::sys::path::parent_path(exe));
  llvm::sys::path::append(path, "..", "lib", name);
  return std::string(path);
}
} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  cl::ParseCommandLineOptions(
      argc, argv,
      "Spider's differential checker: every program with its marks, and "
      "without\n");
  if (compareFiles)
    return runCompareFiles();

  CheckerOptions options;
  options.entry = entry;
  options.markEach = markEach;
  for (Config config : configs)
    options.configs.push_back(makeConfig(config));
  if (options.configs.empty())
    options.configs = {makeConfig(Config::Default),
                       makeConfig(Config::AlwaysPit)};
  options.oracle = makeConfig(oracle);
  options.microtileSpecs.assign(microtiles.begin(), microtiles.end());
  if (options.microtileSpecs.empty())
    options.microtileSpecs = {"ones", "strips", "block"};
  if (std::string bad = invalidMicrotileSpec(options.microtileSpecs);
      !bad.empty())
    return usage("--microtiles: '" + bad +
                 "' is not ones, strips, block or sizes such as 8x1");
  if (!parseOnly(options))
    return usage("--only='" + only +
                 "' is not OP[:INPUT[:TILE]], such as 3:0:1x32");
  options.zeroTiles = zeroTiles;
  options.rotateConfigs = rotateConfigs;
  options.failOnSkip = failOnSkip;
  options.compare = {relTol, absTol};
  options.keepDir = keepDir;
  options.verbose = verbose;
  options.printOutput = printOutput;

  std::string runtime = siblingLibrary(argv[0], "libspider_runtime.so");
  if (!llvm::sys::fs::exists(runtime))
    return usage("cannot find " + runtime);

  // No threads: every run is a fork of this process.
  DialectRegistry registry;
  mlir::spider::initializeJit(registry);
  MLIRContext context(registry, MLIRContext::Threading::DISABLED);
  context.loadDialect<arith::ArithDialect, bufferization::BufferizationDialect,
                      func::FuncDialect, linalg::LinalgDialect,
                      memref::MemRefDialect, tensor::TensorDialect,
                      vector::VectorDialect, mlir::spider::SpiderDialect>();

  IsolatedRunner runner(runtime, timeout, optLevel, memoryLimit);
  runner.cpuIsa = cpuIsa;
  runner.threads = cpuThreads;
  std::string error;
  if (!runner.valid(error))
    return usage(error);
  Checker checker(context, runner, options);
  auto start = std::chrono::steady_clock::now();
  bool ok = true;
  for (const std::string &file : inputFiles)
    ok &= checker.checkFile(file);
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();

  const CheckTotals &t = checker.totals();
  unsigned runs = t.agree + t.differ + t.fail;
  llvm::outs() << "spider-diff: " << t.files << " programs (" << t.skipped
               << " not checked), " << runs
               << " runs compared with the unmarked program";
  if (options.markEach)
    llvm::outs() << " (" << t.variants << " mark-each variants over " << t.sites
                 << " inputs)";
  llvm::outs() << ": " << t.agree << " agree, " << t.differ << " differ, "
               << t.fail << " fail; " << t.pitRuns << " of " << t.markedRuns
               << " marked runs compiled to spider.pit; "
               << llvm::format("%.1f", seconds) << " s\n";
  return ok ? 0 : 1;
}
