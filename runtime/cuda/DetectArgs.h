//===- DetectArgs.h - What the detect kernels take --------------*- C++ -*-===//
//
// Shared by IndexKernels.cu (nvcc) and GpuIndex.cpp (the host compiler),
// which passes it by value to cuLaunchKernel: one definition of the layout.
//
//===----------------------------------------------------------------------===//

#ifndef SPIDER_RUNTIME_CUDA_DETECTARGS_H
#define SPIDER_RUNTIME_CUDA_DETECTARGS_H

#include <cstdint>

namespace spider::cuda {

constexpr int kMaxRank = 4;

/// A strided tensor of rank <= 4 and the micro-tile grid over it.
struct DetectArgs {
  const void *data;
  int64_t rank;
  int64_t numElements;
  int64_t sizes[kMaxRank];
  int64_t strides[kMaxRank];
  int64_t microtile[kMaxRank];
  int64_t grid[kMaxRank];
  int64_t packDim;
};

} // namespace spider::cuda

#endif // SPIDER_RUNTIME_CUDA_DETECTARGS_H
