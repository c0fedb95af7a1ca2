//===- SpiderOptFuzzer.cpp - libFuzzer target over spider-opt -------------===//
//
// An input is one selector byte, which picks an action (FuzzActions.cpp),
// then MLIR text. Each input is parsed and verified; a valid module is
// printed and parsed back (the printers' output must parse), then the
// action's passes run on it and their output is printed. Diagnostics are
// expected and swallowed: only crashes, hangs and leaks are findings.
//
// The custom mutator parses an input and mutates it at the IR level
// (IRMutator.h), so that most inputs stay valid and reach the passes; one
// time in eight, or when the input does not parse, it falls back to
// libFuzzer's byte mutations, which keep the parser's error paths in reach.
//
// SPIDER_FUZZ_VERBOSE=1 prints each input's action and diagnostics (to
// reproduce a finding); the statistics are printed at exit, and appended
// to SPIDER_FUZZ_STATS_FILE when it is set (-fork runs many processes).
// A crash in the mutator's own verification leaves an empty artifact: with
// SPIDER_FUZZ_MUTATOR_LOG=FILE each candidate is written to FILE.<pid> (in
// generic form, selector byte first) before it is verified, so that the
// file is the input that crashed.
//
//===----------------------------------------------------------------------===//

#include "FuzzActions.h"
#include "FuzzStats.h"
#include "IRMutator.h"
#include "KnownUpstreamCrashes.h"
#include "MutatorUtils.h"

#include "spider/Dialect/Spider/IR/SpiderDialect.h"
#include "spider/InitAll.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"
#include "llvm/ADT/Hashing.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <memory>

#include <unistd.h>

using namespace mlir;
using namespace spider_fuzz;

extern "C" size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t maxSize);

/// LLVM's BumpPtrAllocator poisons a fresh slab and unpoisons each object
/// it hands out, in inline code: Spider's instrumented copies do, those of
/// the uninstrumented libMLIR.so do not, so an attribute that libMLIR.so
/// allocates in a slab Spider's code opened stays poisoned and the first
/// read of it reports a false use-after-poison. Manual poisoning is off;
/// ASan's own checks (heap, stack, use after free) are not affected.
extern "C" const char *__asan_default_options() {
  return "allow_user_poisoning=0";
}

namespace {
/// What every input shares: the registry, and the actions' pass pipelines
/// parsed once.
struct Shared {
  DialectRegistry registry;
  SmallVector<OpPassManager> pipelines;
  bool verbose = false;
  std::string mutatorLog; ///< Empty: no log.
};
Shared *shared = nullptr;

/// A context for one input: nothing leaks from one input into the next, so
/// that every finding reproduces from its input alone. Dialects load as the
/// input needs them, as in spider-opt, except for the mutator's (`forMutator`),
/// which may add spider ops to a module that has none.
std::unique_ptr<MLIRContext> makeContext(bool forMutator = false) {
  auto context = std::make_unique<MLIRContext>(
      shared->registry, MLIRContext::Threading::DISABLED);
  if (forMutator)
    context->loadDialect<spider::SpiderDialect>();
  return context;
}

/// Swallows diagnostics (printing them when verbose).
std::unique_ptr<ScopedDiagnosticHandler> silence(MLIRContext &context) {
  bool verbose = shared->verbose;
  return std::make_unique<ScopedDiagnosticHandler>(
      &context, [verbose](Diagnostic &diag) {
        if (verbose)
          llvm::errs() << diag.getLocation() << ": " << diag << "\n";
        return success();
      });
}

OwningOpRef<ModuleOp> parse(StringRef text, MLIRContext &context) {
  // A copy: the parser reads a null-terminated buffer.
  std::string source = text.str();
  ParserConfig config(&context, /*verifyAfterParse=*/true);
  return parseSourceString<ModuleOp>(source, config, "fuzz-input");
}

std::string print(ModuleOp module, bool generic = false) {
  std::string text;
  llvm::raw_string_ostream os(text);
  OpPrintingFlags flags;
  if (generic)
    flags.printGenericOpForm();
  module->print(os, flags);
  return text;
}

/// Writes `module`, unverified, where SPIDER_FUZZ_MUTATOR_LOG says.
void logCandidate(ModuleOp module, uint8_t selector) {
  std::error_code error;
  llvm::raw_fd_ostream os(shared->mutatorLog, error);
  if (error)
    return;
  OpPrintingFlags flags;
  flags.printGenericOpForm().assumeVerified();
  os << static_cast<char>(selector);
  module->print(os, flags);
}

[[noreturn]] void fail(const char *what, StringRef input, StringRef detail) {
  llvm::errs() << "spider-fuzz: " << what << "\n--- input ---\n"
               << input << "\n--- " << detail.size() << " bytes ---\n"
               << detail << "\n";
  llvm::errs().flush();
  std::abort();
}
} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  shared = new Shared;
  registerAllDialects(shared->registry);
  registerAllExtensions(shared->registry);
  registerAllToLLVMIRTranslations(shared->registry);
  spider::registerSpiderDialects(shared->registry);
  registerAllPasses();
  spider::registerSpiderPasses();
  for (const Action &action : getActions()) {
    if (!*action.pipeline) {
      shared->pipelines.emplace_back("builtin.module");
      continue;
    }
    FailureOr<OpPassManager> pm = parsePassPipeline(action.pipeline);
    if (failed(pm)) {
      llvm::errs() << "spider-fuzz: bad pipeline for " << action.name << "\n";
      std::abort();
    }
    shared->pipelines.push_back(std::move(*pm));
  }
  const char *verbose = std::getenv("SPIDER_FUZZ_VERBOSE");
  shared->verbose = verbose && *verbose && *verbose != '0';
  if (const char *log = std::getenv("SPIDER_FUZZ_MUTATOR_LOG"))
    shared->mutatorLog = std::string(log) + "." + std::to_string(getpid());
  std::atexit([] {
    printStats(llvm::errs());
    // -fork runs many processes: each appends its counts where asked.
    if (const char *path = std::getenv("SPIDER_FUZZ_STATS_FILE")) {
      std::error_code error;
      llvm::raw_fd_ostream os(path, error, llvm::sys::fs::OF_Append);
      if (!error)
        printStats(os);
    }
  });
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1)
    return -1;
  unsigned index = actionIndex(data[0]);
  const Action &action = getActions()[index];
  StringRef text(reinterpret_cast<const char *>(data) + 1, size - 1);
  if (const char *known = findKnownUpstreamCrash(text)) {
    if (shared->verbose)
      llvm::errs() << "spider-fuzz: skipped (" << known << ")\n";
    stats().recordSkipped();
    return -1; // Not worth keeping in the corpus.
  }
  if (shared->verbose)
    llvm::errs() << "spider-fuzz: action " << action.name << ": "
                 << (*action.pipeline ? action.pipeline : "parse only")
                 << "\n";

  std::unique_ptr<MLIRContext> context = makeContext();
  auto handler = silence(*context);
  OwningOpRef<ModuleOp> module = parse(text, *context);
  if (!module) {
    stats().recordInput(index, /*valid=*/false);
    // An invalid input reaches no pass, and the structure-aware mutator
    // cannot parse it: kept whenever it adds coverage, such inputs would
    // fill the corpus with more of themselves. One in eight is kept (by
    // hash, so that a run reproduces), enough for the parser's and the
    // verifiers' error paths.
    return llvm::hash_value(text) % 8 == 0 ? 0 : -1;
  }
  stats().recordInput(index, /*valid=*/true);

  // What the printers write must parse again.
  std::string printed = print(*module);
  if (!parse(printed, *context))
    fail("a verified module, printed, does not parse back", text, printed);

  PassManager pm(context.get());
  static_cast<OpPassManager &>(pm) = shared->pipelines[index];
  auto start = std::chrono::steady_clock::now();
  bool passed = succeeded(pm.run(*module));
  stats().recordRun(index, passed,
                    std::chrono::duration<double>(
                        std::chrono::steady_clock::now() - start)
                        .count());
  if (shared->verbose)
    llvm::errs() << "spider-fuzz: " << (passed ? "passed" : "failed") << "\n";
  // The printers see what the passes made (the module is valid when the
  // passes succeeded: the pass manager verified it).
  if (passed)
    (void)print(*module);
  return 0;
}

extern "C" size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size,
                                          size_t maxSize, unsigned seed) {
  Rng rng(seed);
  if (size == 0 || maxSize < 2)
    return LLVMFuzzerMutate(data, size, maxSize);
  uint8_t selector = oneIn(rng, 16) ? uniform(rng, 0, 255) : data[0];
  // A pipeline takes 100-600 ms where a pass takes a few; inputs that
  // cover much (pipelines do) are mutated most, so half of the mutants of
  // a pipeline input go to a pass instead.
  if (isPipeline(actionIndex(selector)) && oneIn(rng, 2))
    selector = uniform(rng, 0, 255);
  if (!oneIn(rng, 8)) {
    std::unique_ptr<MLIRContext> context = makeContext(/*forMutator=*/true);
    auto handler = silence(*context);
    StringRef text(reinterpret_cast<const char *>(data) + 1, size - 1);
    OwningOpRef<ModuleOp> module =
        findKnownUpstreamCrash(text) ? nullptr : parse(text, *context);
    for (int attempt = 0; module && attempt < 8; ++attempt) {
      OwningOpRef<ModuleOp> copy = module->clone();
      const char *mutation = mutateModule(*copy, rng);
      if (!mutation)
        continue;
      if (!shared->mutatorLog.empty())
        logCandidate(*copy, selector);
      bool valid = succeeded(verify(*copy));
      stats().recordMutation(mutation, valid);
      // A few invalid ones keep the verifiers' diagnostics in reach.
      if (!valid && !oneIn(rng, 16))
        continue;
      std::string printed = print(*copy, /*generic=*/oneIn(rng, 10));
      if (printed.size() + 1 > maxSize)
        continue;
      data[0] = selector;
      std::memcpy(data + 1, printed.data(), printed.size());
      return printed.size() + 1;
    }
  }
  data[0] = selector;
  return LLVMFuzzerMutate(data + 1, size - 1, maxSize - 1) + 1;
}

extern "C" size_t LLVMFuzzerCustomCrossOver(const uint8_t *data1,
                                            size_t size1,
                                            const uint8_t *data2,
                                            size_t size2, uint8_t *out,
                                            size_t maxOutSize,
                                            unsigned seed) {
  if (size1 < 1 || size2 < 1 || maxOutSize < 2)
    return 0;
  Rng rng(seed);
  std::unique_ptr<MLIRContext> context = makeContext();
  auto handler = silence(*context);
  StringRef text1(reinterpret_cast<const char *>(data1) + 1, size1 - 1);
  StringRef text2(reinterpret_cast<const char *>(data2) + 1, size2 - 1);
  if (findKnownUpstreamCrash(text1) || findKnownUpstreamCrash(text2))
    return 0;
  OwningOpRef<ModuleOp> into = parse(text1, *context);
  OwningOpRef<ModuleOp> from = parse(text2, *context);
  if (!into || !from || !crossOverModules(*into, *from, rng))
    return 0;
  bool valid = succeeded(verify(*into));
  stats().recordMutation("cross-over", valid);
  if (!valid)
    return 0;
  std::string printed = print(*into);
  if (printed.size() + 1 > maxOutSize)
    return 0;
  out[0] = data1[0];
  std::memcpy(out + 1, printed.data(), printed.size());
  return printed.size() + 1;
}
