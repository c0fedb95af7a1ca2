//===- Jit.cpp - What Spider's in-process tools share ---------------------===//

#include "spider/Tools/Jit.h"
#include "spider/InitAll.h"

#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"
#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/TargetParser/Host.h"

#ifndef SPIDER_MLIR_LIB_DIR
#define SPIDER_MLIR_LIB_DIR "/usr/lib/llvm-22/lib"
#endif

using namespace mlir;

void mlir::spider::initializeJit(DialectRegistry &registry) {
  registerAllPasses();
  registerSpiderPasses();
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  registerAllDialects(registry);
  registerAllExtensions(registry);
  registerSpiderDialects(registry);
  // Every translation: gpu.binary and gpu.launch_func (the kernels and
  // their launches) as well as the LLVM dialect.
  registerAllToLLVMIRTranslations(registry);
}

llvm::Expected<std::unique_ptr<ExecutionEngine>>
mlir::spider::createJit(ModuleOp module, unsigned optLevel,
                        llvm::StringRef runtimeLibrary,
                        llvm::ArrayRef<std::string> extraLibraries,
                        CpuIsa cpuIsa) {
  std::vector<std::string> libraries = {
      runtimeLibrary.str(),
      std::string(SPIDER_MLIR_LIB_DIR) + "/libmlir_runner_utils.so",
      std::string(SPIDER_MLIR_LIB_DIR) + "/libmlir_c_runner_utils.so"};
  libraries.insert(libraries.end(), extraLibraries.begin(),
                   extraLibraries.end());
  // A module with OpenMP (spider-cpu-pipeline with threads != 1) calls
  // libomp's entry points.
  bool usesOpenMP = false;
  module->walk([&](Operation *op) {
    if (op->getDialect() && op->getDialect()->getNamespace() == "omp") {
      usesOpenMP = true;
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  if (usesOpenMP) {
    std::string libomp = std::string(SPIDER_MLIR_LIB_DIR) + "/libomp.so";
    if (!llvm::sys::fs::exists(libomp))
      return llvm::createStringError(
          "the program runs on threads (spider-cpu-pipeline threads != 1) "
          "and needs OpenMP's runtime, " +
          libomp + ", which is not installed (Debian: libomp-22-dev); "
                   "compile with threads=1 to run without it");
    libraries.push_back(libomp);
  }
  SmallVector<StringRef> refs(libraries.begin(), libraries.end());
  auto transformer = makeOptimizingTransformer(optLevel, 0, nullptr);
  ExecutionEngineOptions options;
  options.transformer = transformer;
  options.jitCodeGenOptLevel = optLevel >= 3   ? llvm::CodeGenOptLevel::Aggressive
                               : optLevel == 0 ? llvm::CodeGenOptLevel::None
                                               : llvm::CodeGenOptLevel::Default;
  options.sharedLibPaths = refs;
  if (cpuIsa == CpuIsa::Host)
    return ExecutionEngine::create(module, options);
  // Code for the psABI level of `cpuIsa`, not for the host's own CPU: the
  // way to run AVX2 code on an AVX-512 host, as the MLIR tiles were chosen.
  llvm::orc::JITTargetMachineBuilder builder{
      llvm::Triple(llvm::sys::getProcessTriple())};
  builder.setCPU(llvmCpuForIsa(cpuIsa).str());
  builder.setCodeGenOptLevel(*options.jitCodeGenOptLevel);
  auto machine = builder.createTargetMachine();
  if (!machine)
    return machine.takeError();
  return ExecutionEngine::create(module, options, std::move(*machine));
}

std::optional<unsigned> mlir::spider::threadsFromEnvironment(unsigned whenUnset) {
  const char *value = std::getenv("SPIDER_NUM_THREADS");
  if (!value || !*value)
    return whenUnset;
  unsigned count = 0;
  if (llvm::StringRef(value).getAsInteger(10, count) || count > kMaxThreads)
    return std::nullopt;
  return count;
}
