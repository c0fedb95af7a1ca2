//===- BlockCacheTest.cpp - The GPU runtime's reuse of freed blocks -------===//

#include "../../runtime/cuda/BlockCache.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <set>

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

} // namespace
