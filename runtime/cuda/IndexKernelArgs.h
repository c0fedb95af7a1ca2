//===- IndexKernelArgs.h - What the index kernels take ----------*- C++ -*-===//
//
// Shared by IndexKernels.cu (nvcc) and GpuIndex.cpp (the host compiler),
// which launches them: one definition of the detect arguments (passed by
// value to cuLaunchKernel) and of the status words the kernels write.
//
//===----------------------------------------------------------------------===//

#ifndef SPIDER_RUNTIME_CUDA_INDEXKERNELARGS_H
#define SPIDER_RUNTIME_CUDA_INDEXKERNELARGS_H

#include <cstdint>

namespace spiderrt::cuda {

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

/// The status words (unsigned long long, zeroed before the kernels run) that
/// the host reads back once, after the scan.
enum StatusWord {
  kActiveTiles = 0, ///< offsets[numGroups], written by the scan.
  kRouteError = 1,  ///< 1 + the slot of the first out-of-range expert id.
  kNonZeros = 2,    ///< Non-zero elements (detect) or routed ids (route).
  kStatusWords = 3,
};

} // namespace spiderrt::cuda

#endif // SPIDER_RUNTIME_CUDA_INDEXKERNELARGS_H
