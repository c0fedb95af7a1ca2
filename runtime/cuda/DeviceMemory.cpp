//===- DeviceMemory.cpp - GPU allocations through a block cache -----------===//

#include "DeviceMemory.h"

#include "BlockCache.h"
#include "CudaDriver.h"

#include <cstdlib>
#include <string>

namespace spiderrt::cuda {
namespace {

/// SPIDER_GPU_CACHE_BYTES, or why it is not a number of bytes.
struct CacheLimit {
  size_t bytes = size_t(4) << 30;
  std::string error;
};

CacheLimit readCacheLimit() {
  CacheLimit limit;
  const char *text = std::getenv("SPIDER_GPU_CACHE_BYTES");
  if (!text || !*text)
    return limit;
  char *end = nullptr;
  unsigned long long value = std::strtoull(text, &end, 10);
  if (*end)
    limit.error = "SPIDER_GPU_CACHE_BYTES is '" + std::string(text) +
                  "', not a number of bytes";
  else
    limit.bytes = static_cast<size_t>(value);
  return limit;
}

BlockCache &cache() {
  // Checked outside the statics' initialization, which a failure handler
  // that does not return would leave pending.
  static const CacheLimit limit = readCacheLimit();
  if (!limit.error.empty())
    fail(limit.error);
  // Never destroyed: blocks outlive static destruction order at exit, and
  // the driver frees them with the process.
  static BlockCache *instance = new BlockCache(
      [](size_t bytes, bool managed) {
        CUdeviceptr ptr = 0;
        if (managed)
          SPIDER_CU(cuMemAllocManaged, &ptr, bytes, CU_MEM_ATTACH_GLOBAL);
        else
          SPIDER_CU(cuMemAlloc, &ptr, bytes);
        return reinterpret_cast<void *>(ptr);
      },
      [](void *ptr) {
        SPIDER_CU(cuMemFree, reinterpret_cast<CUdeviceptr>(ptr));
      },
      limit.bytes,
      BlockCache::Fences{
          [] {
            CUstream queue = stream();
            CUevent event = nullptr;
            SPIDER_CU(cuEventCreate, &event, CU_EVENT_DISABLE_TIMING);
            SPIDER_CU(cuEventRecord, event, queue);
            return static_cast<BlockCache::Fence>(event);
          },
          [](BlockCache::Fence fence) {
            auto event = static_cast<CUevent>(fence);
            SPIDER_CU(cuEventSynchronize, event);
            SPIDER_CU(cuEventDestroy, event);
          }});
  return *instance;
}

} // namespace

void *allocate(size_t bytes, bool managed) {
  return cache().allocate(bytes, managed);
}

void release(void *ptr) {
  if (ptr && !cache().release(ptr))
    SPIDER_CU(cuMemFree, reinterpret_cast<CUdeviceptr>(ptr));
}

} // namespace spiderrt::cuda
