//===- SetTuneCpu.cpp - The scheduling model of every function ------------===//
//
// spider-set-tune-cpu: `tune_cpu` on every llvm.func with a body that has
// none, so that LLVM schedules the register tiles with a model that keeps
// them in registers (Passes.td says why the default is not the host's).
//
//===----------------------------------------------------------------------===//

#include "spider/Codegen/CPU/Passes.h"

#include "llvm/TargetParser/X86TargetParser.h"

namespace mlir::spider {
#define GEN_PASS_DEF_SPIDERSETTUNECPU
#include "spider/Codegen/CPU/Passes.h.inc"
} // namespace mlir::spider

using namespace mlir;

namespace {
struct SetTuneCpuPass
    : public spider::impl::SpiderSetTuneCpuBase<SetTuneCpuPass> {
  using Base::Base;
  void runOnOperation() override {
    std::optional<std::string> tune =
        spider::tuneCpuForOption(tuneCpu, cpuIsa);
    if (!tune)
      return;
    const std::string &cpu = *tune;
    // An option is input: LLVM would only warn about a CPU it does not
    // know, on stderr when the backend runs, and ignore it.
    if (cpu != "generic" &&
        llvm::X86::parseTuneCPU(cpu, /*Only64Bit=*/true) ==
            llvm::X86::CK_None) {
      // At the module's location, without printing the module.
      emitError(getOperation().getLoc())
          << "spider-set-tune-cpu: tune-cpu '" << cpu
          << "' is not an x86-64 CPU that LLVM knows (isa: the model of the "
             "ISA's psABI level; target: each function's own; or a CPU "
             "such as skylake-avx512, znver4, haswell)";
      return signalPassFailure();
    }
    // The module's own functions: nested modules (a gpu.module's device
    // code) are compiled for other targets.
    StringAttr name = StringAttr::get(&getContext(), cpu);
    for (auto func : getOperation().getOps<LLVM::LLVMFuncOp>())
      if (!func.isExternal() && !func.getTuneCpuAttr())
        func.setTuneCpuAttr(name);
  }
};
} // namespace
