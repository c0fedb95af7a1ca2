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
// Reuse is ordered explicitly, not by the caller having synchronized:
// - All GPU work of the runtime goes on one stream (DeviceMemory.h), so a
//   device block freed while kernels that use it are queued can be handed
//   to the next request at once: that request's work is queued behind them.
// - The host reads and writes managed blocks directly. When the cache has
//   fences, a released managed block keeps a fence (a CUDA event recorded
//   on the stream at release), and the next request that gets the block
//   first waits for it. Blocks given back to the driver wait too.
// No call of the cache synchronizes anything else: freeing is sync-free.
//
// Independent of CUDA (the allocation functions and fences are parameters),
// so that the policy is unit-tested on machines without a GPU. Those
// functions are called without the lock held: they may fail through a
// failure handler that does not return (RuntimeABI.h), which would leave it
// held.
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
  /// An opaque point in the stream's work (null: nothing to wait for).
  using Fence = void *;
  struct Fences {
    /// A fence after every piece of work queued so far.
    std::function<Fence()> record;
    /// Waits until the work before `fence` is done, then frees the fence.
    std::function<void(Fence)> wait;
  };

  /// Without fences: the caller guarantees that released blocks are unused.
  BlockCache(Allocate allocate, Release release, size_t limit)
      : BlockCache(std::move(allocate), std::move(release), limit, {}) {}
  BlockCache(Allocate allocate, Release release, size_t limit, Fences fences)
      : allocateFn(std::move(allocate)), releaseFn(std::move(release)),
        fences(std::move(fences)), limit(limit) {}
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
  /// size, or a new one. A cached managed block is returned once the work
  /// queued before its release is done (its fence).
  void *allocate(size_t bytes, bool managed) {
    size_t size = roundUp(bytes);
    Cached reused{nullptr, nullptr};
    {
      std::lock_guard<std::mutex> lock(mutex);
      auto &list = free[{managed, size}];
      if (!list.empty()) {
        reused = list.back();
        list.pop_back();
        cached -= size;
        ++hits;
        live[reused.ptr] = {size, managed};
      }
    }
    if (reused.ptr) {
      if (reused.fence)
        fences.wait(reused.fence);
      return reused.ptr;
    }
    void *ptr = allocateFn(size, managed);
    std::lock_guard<std::mutex> lock(mutex);
    ++misses;
    live[ptr] = {size, managed};
    return ptr;
  }

  /// Takes back a block from allocate() and keeps it while the cache has
  /// room; work queued on it may still be running (see the file comment).
  /// Past the limit, the block goes back to the driver after that work.
  /// Returns false, doing nothing, for a pointer that allocate() did not
  /// return.
  bool release(void *ptr) {
    Block block;
    {
      std::lock_guard<std::mutex> lock(mutex);
      auto it = live.find(ptr);
      if (it == live.end())
        return false;
      block = it->second;
      live.erase(it);
    }
    // Device blocks are reused in stream order; the host touches managed
    // ones, and the driver frees either kind at once.
    Fence fence = fences.record && block.managed ? fences.record() : nullptr;
    {
      std::lock_guard<std::mutex> lock(mutex);
      if (cached + block.size <= limit) {
        free[{block.managed, block.size}].push_back({ptr, fence});
        cached += block.size;
        return true;
      }
    }
    if (!fence && fences.record)
      fence = fences.record();
    if (fence)
      fences.wait(fence);
    releaseFn(ptr);
    return true;
  }

  /// Releases every cached block, after the work queued before each.
  void trim() {
    std::map<std::pair<bool, size_t>, std::vector<Cached>> released;
    {
      std::lock_guard<std::mutex> lock(mutex);
      released.swap(free);
      cached = 0;
    }
    Fence last = fences.record && !released.empty() ? fences.record()
                                                    : nullptr;
    for (auto &entry : released)
      for (Cached &block : entry.second)
        if (block.fence)
          fences.wait(block.fence);
    if (last)
      fences.wait(last);
    for (auto &entry : released)
      for (Cached &block : entry.second)
        releaseFn(block.ptr);
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
    size_t size = 0;
    bool managed = false;
  };
  struct Cached {
    void *ptr;
    Fence fence; ///< Null: reusable at once.
  };
  Allocate allocateFn;
  Release releaseFn;
  Fences fences;
  size_t limit;
  mutable std::mutex mutex;
  std::unordered_map<void *, Block> live;
  std::map<std::pair<bool, size_t>, std::vector<Cached>> free;
  size_t cached = 0, hits = 0, misses = 0;
};

} // namespace spiderrt::cuda

#endif // SPIDER_RUNTIME_CUDA_BLOCKCACHE_H
