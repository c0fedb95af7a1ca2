//===- CudaRuntime.h - The spider_rt_gpu_* C ABI ----------------*- C++ -*-===//
//
// The index construction of libspider_cuda_runtime, which code lowered by
// convert-spider-to-runtime{target=gpu} calls: the entry points of
// SpiderRuntime.h under SPIDER_RT_GPU_PREFIX (RuntimeABI.h), for the element
// types of SPIDER_RT_FOR_EVERY_GPU_DETECT_TYPE. Inputs must be memory the GPU
// can read (device, managed or registered host memory); the index arrays are
// CUDA managed memory. (The library's mgpu* functions are MLIR's gpu-to-llvm
// ABI and are declared by MLIR.)
//
// Bad input and failed CUDA calls go to the failure handler of RuntimeABI.h;
// by default they print `spider: error: <message>` and exit with status 1.
//
//===----------------------------------------------------------------------===//

#ifndef SPIDER_RUNTIME_CUDARUNTIME_H
#define SPIDER_RUNTIME_CUDARUNTIME_H

#include "spider/Runtime/MemRef.h"
#include "spider/Runtime/RuntimeABI.h"

#include <cstdint>

extern "C" {

/// spider.detect on the GPU; f16 and bf16 tensors are read as 16-bit words.
#define SPIDER_RT_DECLARE_GPU_DETECT(SUFFIX, CTYPE)                            \
  SPIDER_RT_EXPORT void *_mlir_ciface_spider_rt_gpu_detect_##SUFFIX(           \
      spiderrt::UnrankedMemRef *input, int64_t packDim, int64_t t0,            \
      int64_t t1, int64_t t2, int64_t t3);
SPIDER_RT_FOR_EVERY_GPU_DETECT_TYPE(SPIDER_RT_DECLARE_GPU_DETECT)
#undef SPIDER_RT_DECLARE_GPU_DETECT

/// spider.route: `ids` is a contiguous [tokens] or [tokens, k] of i64.
SPIDER_RT_EXPORT void *
_mlir_ciface_spider_rt_gpu_route(spiderrt::UnrankedMemRef *ids,
                                 int64_t numExperts, int64_t tokenBlock);

/// spider.index_from_csr: contiguous 1-D i64 `offsets` and `columns`, read
/// on the host.
SPIDER_RT_EXPORT void *_mlir_ciface_spider_rt_gpu_index_from_csr(
    spiderrt::UnrankedMemRef *offsets, spiderrt::UnrankedMemRef *columns,
    int64_t numColumns, int64_t rowBlock, int64_t columnBlock);

/// spider.index_from_csr {sorted_columns}: columns strictly increase in
/// each row.
SPIDER_RT_EXPORT void *_mlir_ciface_spider_rt_gpu_index_from_sorted_csr(
    spiderrt::UnrankedMemRef *offsets, spiderrt::UnrankedMemRef *columns,
    int64_t numColumns, int64_t rowBlock, int64_t columnBlock);

/// spider.index_arrays: fresh managed copies of the group offsets and the
/// positions, which compiled code frees with gpu.dealloc.
SPIDER_RT_EXPORT void
_mlir_ciface_spider_rt_gpu_index_offsets(spiderrt::MemRef<int64_t, 1> *result,
                                         void *index);
SPIDER_RT_EXPORT void
_mlir_ciface_spider_rt_gpu_index_positions(spiderrt::MemRef<int64_t, 1> *result,
                                           void *index);

/// spider.index_nonzeros: non-zeros the index was built from (-1: unknown).
SPIDER_RT_EXPORT int64_t spider_rt_gpu_index_nonzeros(void *index);

/// Active micro-tiles of the index, for tests and profiling.
SPIDER_RT_EXPORT int64_t spider_rt_gpu_index_num_active(void *index);

/// Releases an index handle (NULL is ignored), once the GPU work queued
/// before has finished.
SPIDER_RT_EXPORT void spider_rt_gpu_index_release(void *index);

} // extern "C"

#endif // SPIDER_RUNTIME_CUDARUNTIME_H
