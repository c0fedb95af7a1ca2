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
#include "llvm/Support/TargetSelect.h"

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
                        llvm::ArrayRef<std::string> extraLibraries) {
  std::vector<std::string> libraries = {
      runtimeLibrary.str(),
      std::string(SPIDER_MLIR_LIB_DIR) + "/libmlir_runner_utils.so",
      std::string(SPIDER_MLIR_LIB_DIR) + "/libmlir_c_runner_utils.so"};
  libraries.insert(libraries.end(), extraLibraries.begin(),
                   extraLibraries.end());
  SmallVector<StringRef> refs(libraries.begin(), libraries.end());
  auto transformer = makeOptimizingTransformer(optLevel, 0, nullptr);
  ExecutionEngineOptions options;
  options.transformer = transformer;
  options.jitCodeGenOptLevel = optLevel >= 3   ? llvm::CodeGenOptLevel::Aggressive
                               : optLevel == 0 ? llvm::CodeGenOptLevel::None
                                               : llvm::CodeGenOptLevel::Default;
  options.sharedLibPaths = refs;
  return ExecutionEngine::create(module, options);
}
