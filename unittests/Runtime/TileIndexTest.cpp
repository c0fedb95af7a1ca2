//===- TileIndexTest.cpp - Tests of micro-tile index construction ---------===//

#include "spider/Runtime/TileIndex.h"

#include <gtest/gtest.h>

#include <climits>
#include <random>

using namespace spiderrt;

namespace {

using Vec = std::vector<int64_t>;

IndexOrError detectDense(const Vec &shape, const Vec &microtile,
                         int64_t packDim, const std::vector<float> &data) {
  return detectIndex(shape, microtile, packDim,
                     [&](int64_t i) { return data[i] != 0.0f; });
}

TEST(DetectIndex, GroupsByRowBlocksAndPacksColumns) {
  // 4x4 matrix, micro-tile [2, 1]: grid [2, 4], packed along columns.
  std::vector<float> data = {0, 1, 0, 0, //
                             0, 0, 0, 2, //
                             3, 0, 0, 0, //
                             0, 0, 0, 0};
  IndexOrError built = detectDense({4, 4}, {2, 1}, 1, data);
  ASSERT_TRUE(built.ok()) << built.error;
  EXPECT_EQ(built.index.grid, (Vec{2, 4}));
  EXPECT_EQ(built.index.offsets, (Vec{0, 2, 3}));
  EXPECT_EQ(built.index.positions, (Vec{1, 3, 0}));
  EXPECT_EQ(built.index.validate(), "");
  EXPECT_DOUBLE_EQ(built.index.density(), 3.0 / 8.0);
}

TEST(DetectIndex, PartialTilesAtTheBoundary) {
  // 3x5 with micro-tile [2, 2]: grid [2, 3]; the last row and column are
  // partial tiles.
  std::vector<float> data(15, 0.0f);
  data[2 * 5 + 4] = 7; // (2, 4): tile (1, 2).
  IndexOrError built = detectDense({3, 5}, {2, 2}, 0, data);
  ASSERT_TRUE(built.ok()) << built.error;
  EXPECT_EQ(built.index.grid, (Vec{2, 3}));
  // Packed along rows, grouped by column tiles.
  EXPECT_EQ(built.index.offsets, (Vec{0, 0, 0, 1}));
  EXPECT_EQ(built.index.positions, (Vec{1}));
}

TEST(DetectIndex, EmptyAndFull) {
  IndexOrError empty = detectDense({4, 6}, {2, 3}, 1, std::vector<float>(24));
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty.index.numActive(), 0);
  EXPECT_EQ(empty.index.offsets, (Vec{0, 0, 0}));
  IndexOrError full =
      detectDense({4, 6}, {2, 3}, 1, std::vector<float>(24, 1.0f));
  ASSERT_TRUE(full.ok());
  EXPECT_EQ(full.index.numActive(), 4);
  EXPECT_DOUBLE_EQ(full.index.density(), 1.0);
}

TEST(DetectIndex, MatchesBruteForceOnRandomRank3) {
  std::mt19937 rng(7);
  Vec shape = {5, 7, 9}, microtile = {2, 3, 4};
  std::vector<float> data(5 * 7 * 9);
  for (float &v : data)
    v = (rng() % 10 == 0) ? 1.0f : 0.0f;
  for (int64_t packDim = 0; packDim < 3; ++packDim) {
    IndexOrError built = detectDense(shape, microtile, packDim, data);
    ASSERT_TRUE(built.ok());
    ASSERT_EQ(built.index.validate(), "");
    Vec grid = built.index.grid;
    // Every listed tile is active, and the count matches a brute force.
    int64_t expected = 0;
    for (int64_t a = 0; a < grid[0]; ++a)
      for (int64_t b = 0; b < grid[1]; ++b)
        for (int64_t c = 0; c < grid[2]; ++c) {
          bool active = false;
          for (int64_t i = a * 2; i < std::min<int64_t>(5, a * 2 + 2); ++i)
            for (int64_t j = b * 3; j < std::min<int64_t>(7, b * 3 + 3); ++j)
              for (int64_t k = c * 4; k < std::min<int64_t>(9, c * 4 + 4); ++k)
                active |= data[(i * 7 + j) * 9 + k] != 0.0f;
          expected += active;
        }
    EXPECT_EQ(built.index.numActive(), expected) << "packDim " << packDim;
  }
}

TEST(DetectIndex, RejectsBadTiling) {
  EXPECT_NE(detectDense({4, 4}, {2}, 0, {}).error.find("rank"),
            std::string::npos);
  EXPECT_NE(detectDense({4, 4}, {2, 0}, 0, {}).error.find("non-positive"),
            std::string::npos);
  EXPECT_NE(detectDense({4, 4}, {2, 2}, 2, {}).error.find("pack dimension"),
            std::string::npos);
}

TEST(RouteIndex, GroupsTokensByExpert) {
  // 4 tokens, top-2 over 3 experts; -1 means no expert.
  Vec ids = {0, 2,  //
             2, -1, //
             1, 2,  //
             0, 1};
  IndexOrError built = routeIndex(ids.data(), 4, 2, 3, 1);
  ASSERT_TRUE(built.ok()) << built.error;
  EXPECT_EQ(built.index.grid, (Vec{4, 3}));
  EXPECT_EQ(built.index.packDim, 0);
  EXPECT_EQ(built.index.offsets, (Vec{0, 2, 4, 7}));
  EXPECT_EQ(built.index.positions, (Vec{0, 3, 2, 3, 0, 1, 2}));
}

TEST(RouteIndex, ReportsOutOfRangeExperts) {
  Vec ids = {0, 5};
  IndexOrError built = routeIndex(ids.data(), 2, 1, 4, 1);
  ASSERT_FALSE(built.ok());
  EXPECT_EQ(built.error,
            "route: expert id 5 of token 1 is out of range [0, 4)");
}

TEST(CsrIndex, BlocksRowsAndColumns) {
  // 3 rows x 4 columns: row 0 -> {1, 3}, row 1 -> {}, row 2 -> {0}.
  Vec offsets = {0, 2, 2, 3}, columns = {1, 3, 0};
  IndexOrError built = csrIndex(offsets.data(), 3, columns.data(), 3, 4, 2, 2);
  ASSERT_TRUE(built.ok()) << built.error;
  EXPECT_EQ(built.index.grid, (Vec{2, 2}));
  EXPECT_EQ(built.index.offsets, (Vec{0, 2, 3}));
  EXPECT_EQ(built.index.positions, (Vec{0, 1, 0}));
}

TEST(CsrIndex, ReportsMalformedInput) {
  Vec decreasing = {0, 2, 1}, columns = {0, 1};
  EXPECT_EQ(csrIndex(decreasing.data(), 2, columns.data(), 2, 4, 1, 1).error,
            "index_from_csr: row offsets decrease at row 1 (2 > 1)");
  Vec offsets = {0, 1, 2}, outOfRange = {0, 9};
  EXPECT_EQ(csrIndex(offsets.data(), 2, outOfRange.data(), 2, 4, 1, 1).error,
            "index_from_csr: column 9 of row 1 is out of range [0, 4)");
  Vec shortEnd = {0, 1, 1};
  EXPECT_EQ(csrIndex(shortEnd.data(), 2, columns.data(), 2, 4, 1, 1).error,
            "index_from_csr: row offsets end at 1 but there are 2 column "
            "entries");
}

TEST(TileIndex, ValidateNamesTheProblem) {
  TileIndex index;
  index.grid = {2, 4};
  index.packDim = 1;
  index.offsets = {0, 1, 3};
  index.positions = {1, 0, 4};
  EXPECT_EQ(index.validate(), "position 4 (entry 2) is outside [0, 4) along "
                              "the pack dimension");
  index.positions = {1, 0, 3};
  EXPECT_EQ(index.validate(), "");
  index.offsets = {0, 3};
  EXPECT_NE(index.validate().find("expected 3 offsets"), std::string::npos);
}

// Sizes that come from attributes (a grid, an expert or column count) can
// be anything: counting their tiles or groups must not overflow, which is
// undefined behaviour, and must say what is wrong instead.
constexpr int64_t kMax = INT64_MAX;

TEST(TileIndexOverflow, CountsThatDoNotFitAreMinusOne) {
  TileIndex index;
  index.grid = {int64_t(1) << 32, int64_t(1) << 32, 4};
  index.packDim = 2;
  EXPECT_EQ(index.numGroups(), -1);
  EXPECT_EQ(index.numTiles(), -1);
  EXPECT_DOUBLE_EQ(index.density(), 0.0);
  // A zero size makes the count zero, whatever the others are.
  index.grid = {0, kMax, kMax};
  EXPECT_EQ(index.numTiles(), 0);
}

TEST(TileIndexOverflow, ValidateRejectsGroupsItCannotCount) {
  TileIndex index;
  index.grid = {kMax, 4};
  index.packDim = 1;
  index.offsets = {0};
  // kMax groups would need kMax + 1 offsets.
  EXPECT_EQ(index.validate(), "grid [9223372036854775807, 4] has more groups "
                              "than an index can count (2^63 - 1)");
  index.grid = {int64_t(1) << 32, int64_t(1) << 32, 2};
  index.packDim = 2;
  EXPECT_EQ(index.validate(), "grid [4294967296, 4294967296, 2] has more "
                              "groups than an index can count (2^63 - 1)");
}

TEST(TileIndexOverflow, TileGridNearTheLimit) {
  EXPECT_EQ(tileGrid({kMax, kMax - 1}, {2, kMax}), (Vec{kMax / 2 + 1, 1}));
  EXPECT_EQ(tileGrid({kMax}, {1}), (Vec{kMax}));
}

TEST(TileIndexOverflow, DetectOfAnEmptyTensorWithTooManyGroups) {
  IndexOrError built =
      detectIndex({0, int64_t(1) << 40, int64_t(1) << 40}, {1, 1, 1}, 0,
                  [](int64_t) { return true; });
  EXPECT_EQ(built.error, "detect: grid [0, 1099511627776, 1099511627776] has "
                         "more groups than an index can count (2^63 - 1)");
}

TEST(TileIndexOverflow, RouteWithTooManyExperts) {
  Vec ids = {0, 1, 2, 3};
  EXPECT_EQ(routeIndex(ids.data(), 4, 1, kMax, 1).error,
            "route: grid [4, 9223372036854775807] has more tiles than an "
            "index can count (2^63 - 1)");
  EXPECT_EQ(routeIndex(ids.data(), kMax, 2, 4, 1).error,
            "route: 9223372036854775807 tokens with 2 choices each are more "
            "routing decisions than an index can count (2^63 - 1)");
}

TEST(TileIndexOverflow, CsrWithTooManyColumns) {
  Vec offsets = {0, 0, 0}, columns;
  EXPECT_EQ(csrIndex(offsets.data(), 2, columns.data(), 0, kMax, 1, 1).error,
            "index_from_csr: grid [2, 9223372036854775807] has more tiles "
            "than an index can count (2^63 - 1)");
}

} // namespace
