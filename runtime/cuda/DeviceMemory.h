//===- DeviceMemory.h - GPU allocations through a block cache -------------===//
//
// Every allocation of libspider_cuda_runtime (mgpuMemAlloc and the index
// arrays) goes through one BlockCache. SPIDER_GPU_CACHE_BYTES bounds the
// bytes it keeps (default 4 GiB; 0 turns caching off, for tools such as
// compute-sanitizer that track each allocation). Releasing never waits;
// reusing a managed block waits for the work queued before its release.
//
//===----------------------------------------------------------------------===//

#ifndef SPIDER_RUNTIME_CUDA_DEVICEMEMORY_H
#define SPIDER_RUNTIME_CUDA_DEVICEMEMORY_H

#include <cuda.h>

#include <cstddef>

namespace spiderrt::cuda {

/// A block of at least `bytes` (at least one byte): CUDA managed memory
/// when `managed`, device memory otherwise. The primary context must be
/// current.
void *allocate(size_t bytes, bool managed);

/// Returns a block to the cache while work queued on stream() may still
/// use it: the cache orders its reuse (BlockCache.h). Pointers that
/// allocate() did not return are freed with cuMemFree.
void release(void *ptr);

} // namespace spiderrt::cuda

#endif // SPIDER_RUNTIME_CUDA_DEVICEMEMORY_H
