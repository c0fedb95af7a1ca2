//===- spider-run.cpp - Compile and run a Spider program in process -------===//
//
//   spider-run FILE.mlir [-e main] [--target=cpu] [--profile] [-O3]
//
// Compiles FILE with spider-cpu-pipeline and runs its entry function with
// MLIR's ExecutionEngine, libspider_runtime and MLIR's runner utilities
// loaded; prints what the program prints. --profile adds, after the run,
// per spider.pit: time, index density, cover and executed versus
// dense-equivalent FLOPs.
//
//===----------------------------------------------------------------------===//

#include "spider/InitAll.h"
#include "spider/Pipelines/Pipelines.h"
#include "spider/Runtime/Profile.h"
#include "spider/Tools/Jit.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
namespace cl = llvm::cl;

static cl::opt<std::string> inputFile(cl::Positional, cl::desc("<input.mlir>"),
                                      cl::Required);
static cl::opt<std::string> entry("e", cl::desc("Entry function"),
                                  cl::init("main"));
static cl::opt<std::string> target("target",
                                   cl::desc("Where to run: cpu (gpu: not yet)"),
                                   cl::init("cpu"));
static cl::opt<bool> profile("profile",
                             cl::desc("Report per spider.pit time, density, "
                                      "cover and FLOPs after the run"),
                             cl::init(false));
static cl::opt<bool> vectorize("vectorize",
                               cl::desc("Tile and vectorize (the default)"),
                               cl::init(true));
static cl::opt<unsigned> optLevel("O", cl::desc("LLVM optimization level"),
                                  cl::Prefix, cl::init(3));
static cl::opt<bool> dumpLLVM("dump-mlir",
                              cl::desc("Print the lowered module, not run it"),
                              cl::init(false));
static cl::list<std::string>
    sharedLibs("shared-libs", cl::desc("More libraries to load"),
               cl::CommaSeparated);

/// libspider_runtime next to this executable (build tree or install tree).
static std::string runtimeLibrary(const char *argv0) {
  std::string exe = llvm::sys::fs::getMainExecutable(
      argv0, reinterpret_cast<void *>(&runtimeLibrary));
  llvm::SmallString<256> path(llvm::sys::path::parent_path(exe));
  llvm::sys::path::append(path, "..", "lib", "libspider_runtime.so");
  return std::string(path);
}

static int fail(const llvm::Twine &message) {
  llvm::errs() << "spider-run: error: " << message << "\n";
  return 1;
}

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  cl::ParseCommandLineOptions(argc, argv, "Spider: compile and run\n");
  if (target != "cpu")
    return fail("--target=" + target +
                " is not available: this build runs on the CPU only "
                "(--target=cpu)");

  DialectRegistry registry;
  mlir::spider::initializeJit(registry);
  MLIRContext context(registry);

  std::string error;
  auto file = openInputFile(inputFile, &error);
  if (!file)
    return fail(error);
  llvm::SourceMgr sourceMgr;
  sourceMgr.AddNewSourceBuffer(std::move(file), llvm::SMLoc());
  OwningOpRef<ModuleOp> module = parseSourceFile<ModuleOp>(sourceMgr, &context);
  if (!module)
    return 1;
  auto entryFunc = module->lookupSymbol<func::FuncOp>(entry);
  if (!entryFunc)
    return fail("no function @" + entry + " to run (choose one with -e)");
  if (entryFunc.getNumArguments() != 0 || entryFunc.getNumResults() != 0)
    return fail("@" + entry + " must take no arguments and return nothing");

  PassManager pm(&context);
  mlir::spider::CPUPipelineOptions options;
  options.profile = profile;
  options.vectorize = vectorize;
  mlir::spider::buildCPUPipeline(pm, options);
  if (failed(pm.run(*module)))
    return fail("compilation failed");
  if (dumpLLVM) {
    module->print(llvm::outs());
    return 0;
  }

  if (auto names = (*module)->getAttrOfType<ArrayAttr>("spider.profile_names"))
    for (auto [id, name] : llvm::enumerate(names))
      spider_rt_profile_set_name(static_cast<int64_t>(id),
                                 cast<StringAttr>(name).getValue().str().c_str());

  std::vector<std::string> extra(sharedLibs.begin(), sharedLibs.end());
  auto engine = mlir::spider::createJit(*module, optLevel,
                                        runtimeLibrary(argv[0]), extra);
  if (!engine)
    return fail("cannot JIT the program: " +
                llvm::toString(engine.takeError()));
  if (llvm::Error err = (*engine)->invokePacked(entry))
    return fail("running @" + entry + " failed: " +
                llvm::toString(std::move(err)));
  if (profile)
    spider_rt_profile_report();
  return 0;
}
