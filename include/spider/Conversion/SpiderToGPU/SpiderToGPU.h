//===- SpiderToGPU.h - What the GPU lowering adds to MLIR -------*- C++ -*-===//
//
// The passes are declared in spider/Conversion/SpiderToGPU/Passes.h.
//
//===----------------------------------------------------------------------===//

#ifndef SPIDER_CONVERSION_SPIDERTOGPU_SPIDERTOGPU_H
#define SPIDER_CONVERSION_SPIDERTOGPU_SPIDERTOGPU_H

namespace mlir {
class DialectRegistry;
namespace spider {
/// Declares read and write effects for gpu.barrier and the nvgpu async-copy
/// group ops (MLIR 22 declares none), and none for nvvm.mma.sync, so that
/// buffer deallocation runs over the kernels spider-lower-pit-to-gpu emits.
void registerGpuMemoryEffectsExternalModels(DialectRegistry &registry);
} // namespace spider
} // namespace mlir

#endif // SPIDER_CONVERSION_SPIDERTOGPU_SPIDERTOGPU_H
