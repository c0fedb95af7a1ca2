//===- BlockCache.h - Reuse of freed GPU allocations ----------------------===//
//
// cuMemAllocManaged and cuMemAlloc cost tens of microseconds to milliseconds,
// and a fresh managed buffer faults its pages in on first touch. Compiled
// programs allocate their results, copies and index arrays on every call, so
// the runtime keeps freed blocks and hands them out again, as deep-learning
// frameworks' caching allocators do. Blocks are reused only for requests of
// the same kind (managed or device) and the same rounded size. The cache
// holds at most `limit` bytes; past that, freed blocks are released at once.
//
// Independent of CUDA (the allocation functions are parameters), so that the
// policy is unit-tested on machines without a GPU. The allocation functions
// are called without the lock held: they may fail through a failure handler
// that does not return (RuntimeABI.h), which would leave it held.
//
//===----------------------------------------------------------------------===//

#ifndef SPIDER_RUNTIME_CUDA_BLOCKCACHE_H
#define SPIDER_RUNTIME_CUDA_BLOCKCACHE_H

#include <cstddef>
#include <functional>
#include <map>
#include <mutex>
#include <unordered_map>
#include <utility>
#include <vector>

namespace spiderrt::cuda {

class BlockCache {
public:
  using Allocate = std::function<void *(size_t bytes, bool managed)>;
  using Release = std::function<void(void *ptr)>;

  BlockCache(Allocate allocate, Release release, size_t limit)
      : allocateFn(std::move(allocate)), releaseFn(std::move(release)),
        limit(limit) {}
  BlockCache(const BlockCache &) = delete;
  BlockCache &operator=(const BlockCache &) = delete;

  /// Sizes are rounded up to 512 bytes below 1 MiB and to 2 MiB above
  /// (the GPU's large-page size), so that similar requests share blocks.
  static size_t roundUp(size_t bytes) {
    constexpr size_t small = 512, large = size_t(2) << 20;
    size_t unit = bytes < (size_t(1) << 20) ? small : large;
    size_t rounded = (bytes + unit - 1) / unit * unit;
    return rounded ? rounded : small;
  }

  /// A block of at least `bytes`: a cached one of the same kind and rounded
  /// size, or a new one.
  void *allocate(size_t bytes, bool managed) {
    size_t size = roundUp(bytes);
    {
      std::lock_guard<std::mutex> lock(mutex);
      auto &list = free[{managed, size}];
      if (!list.empty()) {
        void *ptr = list.back();
        list.pop_back();
        cached -= size;
        ++hits;
        live[ptr] = {size, managed};
        return ptr;
      }
    }
    void *ptr = allocateFn(size, managed);
    std::lock_guard<std::mutex> lock(mutex);
    ++misses;
    live[ptr] = {size, managed};
    return ptr;
  }

  /// Takes back a block from allocate() and keeps it while the cache has
  /// room (the caller has made sure no queued work still uses it). Returns
  /// false, doing nothing, for a pointer that allocate() did not return.
  bool release(void *ptr) {
    {
      std::lock_guard<std::mutex> lock(mutex);
      auto it = live.find(ptr);
      if (it == live.end())
        return false;
      Block block = it->second;
      live.erase(it);
      if (cached + block.size <= limit) {
        free[{block.managed, block.size}].push_back(ptr);
        cached += block.size;
        return true;
      }
    }
    releaseFn(ptr);
    return true;
  }

  /// Releases every cached block.
  void trim() {
    std::map<std::pair<bool, size_t>, std::vector<void *>> released;
    {
      std::lock_guard<std::mutex> lock(mutex);
      released.swap(free);
      cached = 0;
    }
    for (auto &entry : released)
      for (void *ptr : entry.second)
        releaseFn(ptr);
  }

  size_t cachedBytes() const {
    std::lock_guard<std::mutex> lock(mutex);
    return cached;
  }
  size_t hitCount() const {
    std::lock_guard<std::mutex> lock(mutex);
    return hits;
  }
  size_t missCount() const {
    std::lock_guard<std::mutex> lock(mutex);
    return misses;
  }

private:
  struct Block {
    size_t size;
    bool managed;
  };
  Allocate allocateFn;
  Release releaseFn;
  size_t limit;
  mutable std::mutex mutex;
  std::unordered_map<void *, Block> live;
  std::map<std::pair<bool, size_t>, std::vector<void *>> free;
  size_t cached = 0, hits = 0, misses = 0;
};

} // namespace spiderrt::cuda

#endif // SPIDER_RUNTIME_CUDA_BLOCKCACHE_H
