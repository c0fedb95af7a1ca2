//===- GpuKernelRegisters.cpp - Explicit register caps for kernels --------===//
//
// ptxas -O3 caps a kernel that has `.maxntid` but no `.maxnreg` at 64
// registers and spills past that; with an explicit cap it allocates up to
// the cap without spilling (measured with CUDA 13's ptxas for sm_90, see the
// pass description). The cap chosen keeps two blocks per SM.
//
//===----------------------------------------------------------------------===//

#include "spider/Conversion/SpiderToGPU/Passes.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"

#include <algorithm>

namespace mlir::spider {
#define GEN_PASS_DEF_SPIDERGPUKERNELREGISTERS
#include "spider/Conversion/SpiderToGPU/Passes.h.inc"
} // namespace mlir::spider

using namespace mlir;

namespace {

/// The register file of an SM (sm_70 to sm_90), in 32-bit registers.
constexpr int64_t kRegistersPerSM = 65536;

/// The cap for a block of `threads`: two blocks per SM, at most PTX's 255,
/// and never below what one block of that size may have anyway (64, or
/// less for blocks over 1024 threads, which CUDA does not launch).
int64_t registerCap(int64_t threads) {
  int64_t twoBlocks = kRegistersPerSM / (2 * threads);
  int64_t floor = std::min<int64_t>(64, kRegistersPerSM / threads);
  return std::clamp<int64_t>(twoBlocks, floor, 255);
}

struct GpuKernelRegistersPass
    : public spider::impl::SpiderGpuKernelRegistersBase<
          GpuKernelRegistersPass> {
  void runOnOperation() override {
    StringRef capName = NVVM::NVVMDialect::getMaxnregAttrName();
    getOperation()->walk([&](gpu::GPUFuncOp func) {
      if (!func.isKernel() || func->hasAttr(capName))
        return;
      std::optional<ArrayRef<int32_t>> block = func.getKnownBlockSize();
      if (!block || block->empty())
        return;
      int64_t threads = 1;
      for (int32_t extent : *block)
        threads *= std::max<int32_t>(extent, 1);
      auto i32 = IntegerType::get(&getContext(), 32);
      func->setAttr(capName, IntegerAttr::get(i32, registerCap(threads)));
    });
  }
};

} // namespace
