//===- DeviceMemory.h - GPU allocations through a block cache -------------===//
//
// Every allocation of libspider_cuda_runtime (mgpuMemAlloc and the index
// arrays) goes through one BlockCache. SPIDER_GPU_CACHE_BYTES bounds the
// bytes it keeps (default 4 GiB; 0 turns caching off, for tools such as
// compute-sanitizer that track each allocation).
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

/// Returns a block to the cache once the work queued before it is done
/// (`stream` is synchronized; with no stream, the context). Pointers that
/// allocate() did not return are freed with cuMemFree.
void release(void *ptr, CUstream stream);

/// release() for a caller that has already synchronized the context since
/// the last work on `ptr` was queued: no second synchronization.
void releaseCompleted(void *ptr);

} // namespace spiderrt::cuda

#endif // SPIDER_RUNTIME_CUDA_DEVICEMEMORY_H
