//===- GpuKernelNames.cpp - GPU function names PTX takes ------------------===//
//
// spider-gpu-kernel-names: a gpu.func named after a function whose MLIR
// symbol holds characters PTX identifiers cannot (`@my.func`) is renamed,
// and its launches follow.
//
//===----------------------------------------------------------------------===//

#include "spider/Conversion/SpiderToGPU/Passes.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/IR/SymbolTable.h"

#include "llvm/ADT/StringExtras.h"

namespace mlir::spider {
#define GEN_PASS_DEF_SPIDERGPUKERNELNAMES
#include "spider/Conversion/SpiderToGPU/Passes.h.inc"
} // namespace mlir::spider

using namespace mlir;

namespace {

bool isPtxFollowing(char c) { return llvm::isAlnum(c) || c == '_' || c == '$'; }

/// PTX identifiers: [a-zA-Z][a-zA-Z0-9_$]* or [_$%][a-zA-Z0-9_$]+.
bool isPtxIdentifier(StringRef name) {
  if (name.empty())
    return false;
  if (llvm::isAlpha(name.front()))
    return llvm::all_of(name.drop_front(), isPtxFollowing);
  if (name.front() == '_' || name.front() == '$' || name.front() == '%')
    return name.size() > 1 && llvm::all_of(name.drop_front(), isPtxFollowing);
  return false;
}

/// `name` with every character PTX does not take replaced by `_`, and a
/// leading `_` where it would start with a digit (or be one `_`).
std::string ptxIdentifier(StringRef name) {
  std::string result;
  for (char c : name)
    result.push_back(isPtxFollowing(c) ? c : '_');
  if (result.empty() || !llvm::isAlpha(result.front()))
    result.insert(result.begin(), '_');
  if (result.size() == 1)
    result.push_back('_');
  return result;
}

struct GpuKernelNamesPass
    : public spider::impl::SpiderGpuKernelNamesBase<GpuKernelNamesPass> {
  using Base::Base;
  void runOnOperation() override {
    ModuleOp module = getOperation();
    for (auto gpuModule : module.getOps<gpu::GPUModuleOp>()) {
      SymbolTable symbols(gpuModule);
      for (auto func :
           llvm::make_early_inc_range(gpuModule.getOps<gpu::GPUFuncOp>())) {
        StringRef name = func.getName();
        if (isPtxIdentifier(name))
          continue;
        std::string base = ptxIdentifier(name);
        std::string fresh = base;
        for (unsigned n = 0; symbols.lookup(fresh); ++n)
          fresh = base + "_" + std::to_string(n);
        StringAttr newName = StringAttr::get(&getContext(), fresh);
        // The launches in the host module (nested references,
        // @module::@func), then the function and its uses in its module.
        if (failed(SymbolTable::replaceAllSymbolUses(func, newName, module)) ||
            failed(symbols.rename(func, newName))) {
          func.emitError() << "spider-gpu-kernel-names: cannot rename '"
                           << name << "' to the PTX identifier '" << fresh
                           << "'";
          return signalPassFailure();
        }
      }
    }
  }
};
} // namespace
