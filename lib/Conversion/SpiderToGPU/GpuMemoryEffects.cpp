//===- GpuMemoryEffects.cpp - Effects MLIR 22 leaves undeclared -----------===//
//
// spider-lower-pit-to-gpu emits its kernels on tensors, before one-shot
// bufferization and ownership-based buffer deallocation. The deallocation
// pass rejects ops with unknown memory effects, and MLIR 22 declares none
// for gpu.barrier and the nvgpu async-copy group ops. They synchronize
// memory, so they are given the conservative effects: read and write.
// nvvm.mma.sync (the bf16 MMAs) works on registers only: no effects.
//
//===----------------------------------------------------------------------===//

#include "spider/Conversion/SpiderToGPU/SpiderToGPU.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/Dialect/NVGPU/IR/NVGPUDialect.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

using namespace mlir;

namespace {
template <typename OpTy>
struct SynchronizingEffects
    : public MemoryEffectOpInterface::ExternalModel<SynchronizingEffects<OpTy>,
                                                    OpTy> {
  void getEffects(
      Operation *op,
      SmallVectorImpl<SideEffects::EffectInstance<MemoryEffects::Effect>>
          &effects) const {
    effects.emplace_back(MemoryEffects::Read::get());
    effects.emplace_back(MemoryEffects::Write::get());
  }
};

template <typename OpTy>
struct RegisterOnlyEffects
    : public MemoryEffectOpInterface::ExternalModel<RegisterOnlyEffects<OpTy>,
                                                    OpTy> {
  void getEffects(
      Operation *op,
      SmallVectorImpl<SideEffects::EffectInstance<MemoryEffects::Effect>>
          &effects) const {}
};
} // namespace

void mlir::spider::registerGpuMemoryEffectsExternalModels(
    DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *context, gpu::GPUDialect *) {
    gpu::BarrierOp::attachInterface<SynchronizingEffects<gpu::BarrierOp>>(
        *context);
  });
  registry.addExtension(+[](MLIRContext *context, nvgpu::NVGPUDialect *) {
    nvgpu::DeviceAsyncCreateGroupOp::attachInterface<
        SynchronizingEffects<nvgpu::DeviceAsyncCreateGroupOp>>(*context);
    nvgpu::DeviceAsyncWaitOp::attachInterface<
        SynchronizingEffects<nvgpu::DeviceAsyncWaitOp>>(*context);
  });
  registry.addExtension(+[](MLIRContext *context, NVVM::NVVMDialect *) {
    NVVM::MmaOp::attachInterface<RegisterOnlyEffects<NVVM::MmaOp>>(*context);
  });
}
