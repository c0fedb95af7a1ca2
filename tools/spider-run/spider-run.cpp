//===- spider-run.cpp - Compile and run a Spider program in process -------===//
//
//   spider-run FILE.mlir [-e main] [--target=cpu|gpu] [--profile] [-O3]
//
// Compiles FILE with spider-cpu-pipeline (or spider-gpu-pipeline) and runs
// its entry function with MLIR's ExecutionEngine, libspider_runtime (and
// libspider_cuda_runtime) and MLIR's runner utilities loaded; prints what
// the program prints. On the CPU, --profile adds, after the run, per
// spider.pit: time, index density, cover and executed versus
// dense-equivalent FLOPs. On the GPU, kernels are compiled for the
// program's shapes and kept in a kernel cache (memory and --cache-dir);
// --profile reports compile times and cache hits.
//
//===----------------------------------------------------------------------===//

#include "spider/InitAll.h"
#include "spider/Pipelines/Pipelines.h"
#include "spider/Runtime/Profile.h"
#include "spider/Support/CudaToolkit.h"
#include "spider/Tools/GpuKernelCache.h"
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
#include "llvm/Support/Format.h"
#include "llvm/Support/SourceMgr.h"

#include <chrono>
#include <cstdlib>
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
namespace cl = llvm::cl;

static cl::opt<std::string> inputFile(cl::Positional, cl::desc("<input.mlir>"),
                                      cl::Required);
static cl::opt<std::string> entry("e", cl::desc("Entry function"),
                                  cl::init("main"));
static cl::opt<std::string> target("target",
                                   cl::desc("Where to run: cpu or gpu"),
                                   cl::init("cpu"));
static cl::opt<bool> profile("profile",
                             cl::desc("Report per spider.pit time, density, "
                                      "cover and FLOPs after the run"),
                             cl::init(false));
static cl::opt<bool> vectorize("vectorize",
                               cl::desc("Tile and vectorize (the default)"),
                               cl::init(true));
static cl::opt<mlir::spider::CpuIsa> cpuIsa(
    "cpu-isa",
    cl::desc("The x86-64 vector ISA to compile the CPU path for (host: this "
             "CPU; another ISA compiles for its psABI level, e.g. AVX2 code "
             "on an AVX-512 host)"),
    cl::values(SPIDER_CPU_ISA_CL_VALUES),
    cl::init(mlir::spider::CpuIsa::Host));
/// $SPIDER_NUM_THREADS (default 0: every core); kBadThreads when it is not
/// a thread count, reported once the options are parsed.
static constexpr unsigned kBadThreads = ~0u;
static unsigned threadsFromEnvironment() {
  return mlir::spider::threadsFromEnvironment(/*whenUnset=*/0)
      .value_or(kBadThreads);
}
static cl::opt<unsigned> threads(
    "cpu-threads",
    cl::desc("Threads for the CPU path's dense blocks (0: every core, or "
             "OMP_NUM_THREADS; default $SPIDER_NUM_THREADS, else 0)"),
    cl::init(threadsFromEnvironment()));
static cl::opt<std::string> tileDatabase(
    "tile-database",
    cl::desc("A tile database file measured on this host "
             "(bench/spider-tune.sh; default $SPIDER_TILE_DB, else the "
             "built-in table of the ISA)"),
    cl::init(std::getenv("SPIDER_TILE_DB") ? std::getenv("SPIDER_TILE_DB")
                                           : ""));
static cl::opt<std::string> tuneCpu(
    "tune-cpu",
    cl::desc("The CPU whose LLVM scheduling model compiles the program "
             "(spider-cpu-pipeline's tune-cpu): isa (that of the ISA's "
             "psABI level), target (the host CPU's own), or an LLVM x86-64 "
             "CPU name"),
    cl::init("isa"));
static cl::opt<unsigned> optLevel("O", cl::desc("LLVM optimization level"),
                                  cl::Prefix, cl::init(3));
static cl::opt<bool> dumpLLVM("dump-mlir",
                              cl::desc("Print the lowered module, not run it"),
                              cl::init(false));
static cl::opt<std::string> chip("chip",
                                 cl::desc("GPU architecture (--target=gpu)"),
                                 cl::init("sm_90"));
static cl::opt<std::string>
    gpuFormat("gpu-format",
              cl::desc("Kernel binaries: isa, bin, fatbin or auto"),
              cl::init("auto"));
static cl::opt<std::string>
    cacheDir("cache-dir",
             cl::desc("Kernel cache directory (default: $SPIDER_CACHE_DIR, "
                      "$XDG_CACHE_HOME/spider or ~/.cache/spider; empty: "
                      "memory only)"),
             cl::init("<default>"));
static cl::list<std::string>
    sharedLibs("shared-libs", cl::desc("More libraries to load"),
               cl::CommaSeparated);

/// A library in ../lib next to this executable (build or install tree).
static std::string siblingLibrary(const char *argv0, llvm::StringRef name) {
  std::string exe = llvm::sys::fs::getMainExecutable(
      argv0, reinterpret_cast<void *>(&siblingLibrary));
  llvm::SmallString<256> path(llvm::sys::path::parent_path(exe));
  llvm::sys::path::append(path, "..", "lib", name);
  return std::string(path);
}

static std::string runtimeLibrary(const char *argv0) {
  return siblingLibrary(argv0, "libspider_runtime.so");
}

static double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                       start)
      .count();
}

/// spider-gpu-pipeline in two halves, with the kernel cache between them.
static LogicalResult compileForGpu(ModuleOp module) {
  mlir::spider::GPUPipelineOptions options;
  options.chip = chip;
  options.format = gpuFormat;
  options.optLevel = static_cast<int>(optLevel);
  // The toolkit, searched once: the cache key's format and the
  // serialization of every kernel module then agree on it.
  options.toolkit = mlir::spider::findCudaToolkit();
  auto start = std::chrono::steady_clock::now();
  PassManager prepare(module.getContext());
  mlir::spider::buildGPUPipelinePreparation(prepare, options);
  if (failed(prepare.run(module)))
    return failure();
  double prepareSeconds = secondsSince(start);

  static mlir::spider::GpuKernelCache cache(
      cacheDir == "<default>" ? mlir::spider::GpuKernelCache::defaultDirectory()
                              : std::string(cacheDir));
  std::string key = options.chip + " " + options.features + " " +
                    mlir::spider::gpuBinaryFormat(options) + " O" +
                    std::to_string(options.optLevel);
  mlir::spider::GpuKernelCacheStats stats;
  LogicalResult result = cache.compile(
      module, key,
      [&](ModuleOp m) {
        PassManager serialize(m.getContext());
        mlir::spider::buildGPUPipelineSerialization(serialize, options);
        return serialize.run(m);
      },
      stats);
  if (profile)
    llvm::errs() << llvm::format(
        "spider-run: gpu: %u kernel modules for %s: %u compiled, %u cache "
        "hits (%u memory, %u disk); preparation %.1f ms, serialization "
        "%.1f ms\n",
        stats.modules, options.chip.getValue().c_str(), stats.compiled,
        stats.memoryHits + stats.diskHits, stats.memoryHits, stats.diskHits,
        prepareSeconds * 1e3, stats.serializeSeconds * 1e3);
  return result;
}

static int fail(const llvm::Twine &message) {
  llvm::errs() << "spider-run: error: " << message << "\n";
  return 1;
}

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  cl::ParseCommandLineOptions(argc, argv, "Spider: compile and run\n");
  if (target != "cpu" && target != "gpu")
    return fail("--target=" + target + " is not a target: use cpu or gpu");
  if (threads == kBadThreads)
    return fail(llvm::Twine("SPIDER_NUM_THREADS=") +
                std::getenv("SPIDER_NUM_THREADS") +
                " is not a thread count (a number from 0, every core, to " +
                llvm::Twine(mlir::spider::kMaxThreads) + ")");

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

  std::vector<std::string> extra(sharedLibs.begin(), sharedLibs.end());
  if (target == "gpu") {
    std::string cudaRuntime = siblingLibrary(argv[0], "libspider_cuda_runtime.so");
    if (!llvm::sys::fs::exists(cudaRuntime))
      return fail("--target=gpu needs " + cudaRuntime +
                  ", which is built when the CUDA toolkit is found");
    extra.insert(extra.begin(), cudaRuntime);
    if (failed(compileForGpu(*module)))
      return fail("compilation failed");
  } else {
    PassManager pm(&context);
    mlir::spider::CPUPipelineOptions options;
    options.profile = profile;
    options.vectorize = vectorize;
    options.cpuIsa = cpuIsa;
    options.threads = threads;
    options.tileDatabase = tileDatabase;
    options.tuneCpu = tuneCpu;
    mlir::spider::buildCPUPipeline(pm, options);
    if (failed(pm.run(*module)))
      return fail("compilation failed");
  }
  if (dumpLLVM) {
    module->print(llvm::outs());
    return 0;
  }

  if (auto names = (*module)->getAttrOfType<ArrayAttr>("spider.profile_names"))
    for (auto [id, name] : llvm::enumerate(names))
      spider_rt_profile_set_name(static_cast<int64_t>(id),
                                 cast<StringAttr>(name).getValue().str().c_str());

  auto engine = mlir::spider::createJit(*module, optLevel,
                                        runtimeLibrary(argv[0]), extra,
                                        cpuIsa);
  if (!engine)
    return fail("cannot JIT the program: " +
                llvm::toString(engine.takeError()));
  if (llvm::Error err = (*engine)->invokePacked(entry))
    return fail("running @" + entry + " failed: " +
                llvm::toString(std::move(err)));
  if (profile) {
    spider_rt_profile_report();
    if (target == "cpu")
      llvm::outs() << "cpu-isa: "
                   << mlir::spider::stringifyCpuIsa(
                          mlir::spider::resolveCpuIsa(cpuIsa))
                   << (cpuIsa == mlir::spider::CpuIsa::Host ? " (host)" : "")
                   << ", host CPU " << llvm::sys::getHostCPUName()
                   << ", LLVM model "
                   << mlir::spider::tuneCpuForOption(tuneCpu, cpuIsa)
                          .value_or("the host CPU's")
                   << "\n";
  }
  return 0;
}
