//===- BlockCacheTest.cpp - The GPU runtime's reuse of freed blocks -------===//

#include "../../runtime/cuda/BlockCache.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstdint>
#include <set>
#include <vector>

using spiderrt::cuda::BlockCache;

namespace {

/// Fake allocations from malloc, counting what reached the "driver".
struct FakeDriver {
  int allocations = 0, releases = 0;
  std::set<void *> outstanding;
  BlockCache cache(size_t limit) {
    return BlockCache(
        [this](size_t bytes, bool) {
          ++allocations;
          void *ptr = std::malloc(bytes);
          outstanding.insert(ptr);
          return ptr;
        },
        [this](void *ptr) {
          ++releases;
          outstanding.erase(ptr);
          std::free(ptr);
        },
        limit);
  }
};

/// Fences as a log: record() hands out 1, 2, 3...; wait() notes the fence
/// and whether the driver had released anything yet.
struct FakeStream {
  intptr_t recorded = 0;
  std::vector<intptr_t> waited;
  std::vector<int> releasesAtWait;
  BlockCache cache(FakeDriver &driver, size_t limit) {
    BlockCache::Fences fences{
        [this] { return reinterpret_cast<BlockCache::Fence>(++recorded); },
        [this, &driver](BlockCache::Fence fence) {
          waited.push_back(reinterpret_cast<intptr_t>(fence));
          releasesAtWait.push_back(driver.releases);
        }};
    return BlockCache(
        [&driver](size_t bytes, bool) {
          ++driver.allocations;
          void *ptr = std::malloc(bytes);
          driver.outstanding.insert(ptr);
          return ptr;
        },
        [&driver](void *ptr) {
          ++driver.releases;
          driver.outstanding.erase(ptr);
          std::free(ptr);
        },
        limit, fences);
  }
};

TEST(BlockCache, RoundsSmallRequestsTo512BytesAndLargeTo2MiB) {
  EXPECT_EQ(BlockCache::roundUp(0), 512u);
  EXPECT_EQ(BlockCache::roundUp(1), 512u);
  EXPECT_EQ(BlockCache::roundUp(513), 1024u);
  EXPECT_EQ(BlockCache::roundUp((1u << 20) - 1), size_t(1) << 20);
  EXPECT_EQ(BlockCache::roundUp((1u << 20) + 1), size_t(2) << 20);
  EXPECT_EQ(BlockCache::roundUp(64u << 20), size_t(64) << 20);
}

TEST(BlockCache, ReusesAFreedBlockOfTheSameKindAndSize) {
  FakeDriver driver;
  BlockCache cache = driver.cache(size_t(1) << 30);
  void *a = cache.allocate(4000, /*managed=*/true);
  ASSERT_TRUE(cache.release(a));
  EXPECT_EQ(cache.cachedBytes(), 4096u);
  // Same rounded size and kind: the same block, no driver call.
  EXPECT_EQ(cache.allocate(3900, true), a);
  EXPECT_EQ(driver.allocations, 1);
  EXPECT_EQ(cache.hitCount(), 1u);
  EXPECT_EQ(cache.cachedBytes(), 0u);
  ASSERT_TRUE(cache.release(a));
  // Another kind or size: a new block.
  void *device = cache.allocate(4000, /*managed=*/false);
  void *larger = cache.allocate(8192, true);
  EXPECT_NE(device, a);
  EXPECT_NE(larger, a);
  EXPECT_EQ(driver.allocations, 3);
  cache.release(device);
  cache.release(larger);
  cache.trim();
  EXPECT_EQ(cache.cachedBytes(), 0u);
  EXPECT_TRUE(driver.outstanding.empty());
}

TEST(BlockCache, ReleasesAtOncePastItsLimit) {
  FakeDriver driver;
  BlockCache cache = driver.cache(4096);
  void *a = cache.allocate(4096, true);
  void *b = cache.allocate(4096, true);
  cache.release(a); // Kept: 4096 bytes cached.
  cache.release(b); // Over the limit: released.
  EXPECT_EQ(driver.releases, 1);
  EXPECT_EQ(cache.cachedBytes(), 4096u);
  cache.trim();
  EXPECT_TRUE(driver.outstanding.empty());
}

TEST(BlockCache, ZeroLimitCachesNothing) {
  FakeDriver driver;
  BlockCache cache = driver.cache(0);
  void *a = cache.allocate(100, false);
  cache.release(a);
  EXPECT_EQ(driver.releases, 1);
  EXPECT_TRUE(driver.outstanding.empty());
}

TEST(BlockCache, IgnoresPointersItDidNotAllocate) {
  FakeDriver driver;
  BlockCache cache = driver.cache(1 << 20);
  int local = 0;
  EXPECT_FALSE(cache.release(&local));
  void *a = cache.allocate(10, true);
  EXPECT_TRUE(cache.release(a));
  EXPECT_FALSE(cache.release(a)); // Already released.
  cache.trim();
}

TEST(BlockCache, DeviceBlocksAreReusedInStreamOrderWithoutWaiting) {
  FakeDriver driver;
  FakeStream stream;
  BlockCache cache = stream.cache(driver, 1 << 20);
  void *a = cache.allocate(1000, /*managed=*/false);
  cache.release(a);
  EXPECT_EQ(cache.allocate(1000, false), a);
  EXPECT_EQ(stream.recorded, 0);
  EXPECT_TRUE(stream.waited.empty());
  cache.release(a);
  cache.trim();
  EXPECT_TRUE(driver.outstanding.empty());
}

TEST(BlockCache, AReusedManagedBlockWaitsForTheWorkBeforeItsRelease) {
  FakeDriver driver;
  FakeStream stream;
  BlockCache cache = stream.cache(driver, 1 << 20);
  void *a = cache.allocate(1000, /*managed=*/true);
  void *b = cache.allocate(1000, true);
  cache.release(a); // Fence 1.
  cache.release(b); // Fence 2.
  EXPECT_EQ(stream.recorded, 2);
  EXPECT_TRUE(stream.waited.empty()); // Releasing never waits.
  EXPECT_EQ(cache.allocate(1000, true), b);
  ASSERT_EQ(stream.waited.size(), 1u);
  EXPECT_EQ(stream.waited[0], 2);
  EXPECT_EQ(cache.allocate(1000, true), a);
  ASSERT_EQ(stream.waited.size(), 2u);
  EXPECT_EQ(stream.waited[1], 1);
  cache.release(a);
  cache.release(b);
  cache.trim();
  EXPECT_TRUE(driver.outstanding.empty());
}

TEST(BlockCache, TheDriverFreesABlockOnlyAfterItsWork) {
  FakeDriver driver;
  FakeStream stream;
  BlockCache cache = stream.cache(driver, 0); // Nothing kept.
  void *a = cache.allocate(1000, /*managed=*/false);
  cache.release(a);
  ASSERT_EQ(stream.waited.size(), 1u);
  EXPECT_EQ(stream.releasesAtWait[0], 0); // Waited, then freed.
  EXPECT_EQ(driver.releases, 1);
}

TEST(BlockCache, TrimWaitsForQueuedWorkBeforeFreeing) {
  FakeDriver driver;
  FakeStream stream;
  BlockCache cache = stream.cache(driver, 1 << 20);
  void *device = cache.allocate(1000, false);
  void *managed = cache.allocate(1000, true);
  cache.release(device);
  cache.release(managed); // Fence 1.
  cache.trim();           // Waits for 1 and for a fence after all work.
  ASSERT_EQ(stream.waited.size(), 2u);
  for (int releases : stream.releasesAtWait)
    EXPECT_EQ(releases, 0);
  EXPECT_EQ(driver.releases, 2);
  EXPECT_TRUE(driver.outstanding.empty());
}

} // namespace
