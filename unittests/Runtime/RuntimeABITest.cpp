//===- RuntimeABITest.cpp - Tests of libspider_runtime's C ABI ------------===//

#include "spider/Runtime/SpiderRuntime.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <tuple>
#include <vector>

using namespace spiderrt;

namespace {

/// A rank-2 descriptor over `data` with the given sizes and strides.
struct Matrix {
  MemRef<float, 2> desc;
  UnrankedMemRef unranked;
  Matrix(float *data, int64_t rows, int64_t cols, int64_t rowStride,
         int64_t colStride) {
    desc = {data, data, 0, {rows, cols}, {rowStride, colStride}};
    unranked = {2, &desc};
  }
};

/// Reads one of the index's arrays through the C ABI, freeing the copy.
std::vector<int64_t> arrayOf(void (*get)(MemRef<int64_t, 1> *, void *),
                             void *index) {
  MemRef<int64_t, 1> m;
  get(&m, index);
  std::vector<int64_t> v(m.aligned, m.aligned + m.sizes[0]);
  std::free(m.allocated);
  return v;
}

std::vector<int64_t> offsetsOf(void *index) {
  return arrayOf(_mlir_ciface_spider_rt_index_offsets, index);
}

std::vector<int64_t> positionsOf(void *index) {
  return arrayOf(_mlir_ciface_spider_rt_index_positions, index);
}

TEST(RuntimeABI, DetectContiguousAndStrided) {
  // 4x6, micro-tile [2, 1]; non-zeros at (0, 1), (3, 5), (2, 0).
  std::vector<float> data(24, 0.0f);
  data[0 * 6 + 1] = 1;
  data[3 * 6 + 5] = 2;
  data[2 * 6 + 0] = -3;
  Matrix m(data.data(), 4, 6, 6, 1);
  void *index = _mlir_ciface_spider_rt_detect_f32(&m.unranked, 1, 2, 1, 0, 0, 1);
  EXPECT_EQ(offsetsOf(index), (std::vector<int64_t>{0, 1, 3}));
  EXPECT_EQ(positionsOf(index), (std::vector<int64_t>{1, 0, 5}));
  EXPECT_EQ(spider_rt_index_num_groups(index), 2);
  EXPECT_EQ(spider_rt_index_num_active(index), 3);
  EXPECT_DOUBLE_EQ(spider_rt_index_density(index), 3.0 / 12.0);
  spider_rt_index_release(index);

  // The transpose, as a strided view (6x4, strides [1, 6]), micro-tile
  // [1, 2] packed along rows: the same tiles, seen the other way.
  Matrix t(data.data(), 6, 4, 1, 6);
  index = _mlir_ciface_spider_rt_detect_f32(&t.unranked, 0, 1, 2, 0, 0, 1);
  EXPECT_EQ(offsetsOf(index), (std::vector<int64_t>{0, 1, 3}));
  EXPECT_EQ(positionsOf(index), (std::vector<int64_t>{1, 0, 5}));
  spider_rt_index_release(index);
}

TEST(RuntimeABI, DetectF32RowsOnEveryVectorTail) {
  // Contiguous f32 rows with one-column micro-tiles take the vector scan
  // of the host's ISA (ScanRow.cpp): every width up to past two AVX-512
  // vectors, rows starting at every alignment, and the values a vector
  // compare could get wrong (-0 is zero, NaN, inf and denormals are not).
  const float special[] = {0.0f, -0.0f, std::numeric_limits<float>::quiet_NaN(),
                           std::numeric_limits<float>::infinity(),
                           std::numeric_limits<float>::denorm_min(), 1.0f};
  uint64_t state = 99;
  for (int64_t cols = 1; cols <= 70; ++cols) {
    const int64_t rows = 5, stride = cols + 3;
    std::vector<float> data(rows * stride + 16, 0.0f);
    for (float &x : data) {
      state = state * 6364136223846793005ull + 1442695040888963407ull;
      x = (state >> 33) % 3 == 0 ? special[(state >> 40) % 6] : 0.0f;
    }
    for (int64_t shift : {0, 1, 5}) {
      const float *base = data.data() + shift;
      // Micro-tile [2, 1], packed along rows: a column is active in a row
      // pair when either row holds a non-zero there.
      std::vector<int64_t> offsets = {0}, positions;
      int64_t nonZeros = 0;
      for (int64_t r = 0; r < rows; ++r)
        for (int64_t c = 0; c < cols; ++c)
          nonZeros += base[r * stride + c] != 0.0f;
      for (int64_t r0 = 0; r0 < rows; r0 += 2) {
        for (int64_t c = 0; c < cols; ++c) {
          bool active = false;
          for (int64_t r = r0; r < std::min(r0 + 2, rows); ++r)
            active |= base[r * stride + c] != 0.0f;
          if (active)
            positions.push_back(c);
        }
        offsets.push_back(static_cast<int64_t>(positions.size()));
      }
      Matrix m(const_cast<float *>(base), rows, cols, stride, 1);
      void *index =
          _mlir_ciface_spider_rt_detect_f32(&m.unranked, 1, 2, 1, 0, 0, 1);
      EXPECT_EQ(offsetsOf(index), offsets) << cols << " columns";
      EXPECT_EQ(positionsOf(index), positions) << cols << " columns";
      EXPECT_EQ(spider_rt_index_nonzeros(index), nonZeros) << cols;
      spider_rt_index_release(index);
    }
  }
}

TEST(RuntimeABI, DetectOnThreadsMatchesOneThread) {
  // Large enough to be scanned in parallel (2^18 elements and more), with
  // a micro-tile row count that does not divide the rows, a strided view,
  // and every thread count from one to more threads than tile rows.
  const int64_t rows = 1000, cols = 300;
  std::vector<float> data(rows * cols, 0.0f);
  uint64_t state = 12345;
  for (float &x : data) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    if ((state >> 33) % 97 == 0)
      x = 1.0f + static_cast<float>(state % 7);
  }
  auto arrays = [&](Matrix &m, int64_t t0, int64_t t1, int64_t threads) {
    void *index =
        _mlir_ciface_spider_rt_detect_f32(&m.unranked, 1, t0, t1, 0, 0,
                                          threads);
    auto result = std::make_tuple(offsetsOf(index), positionsOf(index),
                                  spider_rt_index_nonzeros(index));
    spider_rt_index_release(index);
    return result;
  };
  Matrix m(data.data(), rows, cols, cols, 1);
  Matrix t(data.data(), cols, rows, 1, cols);
  for (auto [t0, t1] : {std::pair<int64_t, int64_t>{32, 1}, {7, 3}, {1, 64}}) {
    auto serial = arrays(m, t0, t1, 1);
    auto serialT = arrays(t, t0, t1, 1);
    for (int64_t threads : {0, 2, 3, 8, 2000}) {
      EXPECT_EQ(arrays(m, t0, t1, threads), serial) << t0 << "x" << t1;
      EXPECT_EQ(arrays(t, t0, t1, threads), serialT) << t0 << "x" << t1;
    }
  }
}

TEST(RuntimeABI, EmptyArraysAreFreeable) {
  std::vector<float> data(6, 0.0f);
  Matrix m(data.data(), 2, 3, 3, 1);
  void *index = _mlir_ciface_spider_rt_detect_f32(&m.unranked, 1, 1, 1, 0, 0, 1);
  EXPECT_EQ(offsetsOf(index), (std::vector<int64_t>{0, 0, 0}));
  EXPECT_TRUE(positionsOf(index).empty());
  spider_rt_index_release(index);
}

TEST(RuntimeABI, RouteAndCsr) {
  std::vector<int64_t> ids = {1, 0, 1};
  MemRef<int64_t, 1> idsDesc = {ids.data(), ids.data(), 0, {3}, {1}};
  UnrankedMemRef idsRef = {1, &idsDesc};
  void *index = _mlir_ciface_spider_rt_route(&idsRef, 2, 1);
  EXPECT_EQ(offsetsOf(index), (std::vector<int64_t>{0, 1, 3}));
  EXPECT_EQ(positionsOf(index), (std::vector<int64_t>{1, 0, 2}));
  spider_rt_index_release(index);

  std::vector<int64_t> offsets = {0, 1, 3}, columns = {2, 0, 2};
  MemRef<int64_t, 1> o = {offsets.data(), offsets.data(), 0, {3}, {1}};
  MemRef<int64_t, 1> c = {columns.data(), columns.data(), 0, {3}, {1}};
  UnrankedMemRef oRef = {1, &o}, cRef = {1, &c};
  index = _mlir_ciface_spider_rt_index_from_csr(&oRef, &cRef, 3, 1, 1);
  EXPECT_EQ(offsetsOf(index), (std::vector<int64_t>{0, 1, 3}));
  EXPECT_EQ(positionsOf(index), (std::vector<int64_t>{2, 0, 2}));
  spider_rt_index_release(index);
}

TEST(RuntimeABIDeathTest, BadInputExitsWithAMessage) {
  std::vector<int64_t> ids = {0, 7};
  MemRef<int64_t, 1> idsDesc = {ids.data(), ids.data(), 0, {2}, {1}};
  UnrankedMemRef idsRef = {1, &idsDesc};
  EXPECT_EXIT(_mlir_ciface_spider_rt_route(&idsRef, 4, 1),
              ::testing::ExitedWithCode(1),
              "spider: error: spider.route: expert id 7 of token 1 is out of "
              "range \\[0, 4\\)");

  std::vector<int64_t> offsets = {0, 2, 1}, columns = {0, 1};
  MemRef<int64_t, 1> o = {offsets.data(), offsets.data(), 0, {3}, {1}};
  MemRef<int64_t, 1> c = {columns.data(), columns.data(), 0, {2}, {1}};
  UnrankedMemRef oRef = {1, &o}, cRef = {1, &c};
  EXPECT_EXIT(_mlir_ciface_spider_rt_index_from_csr(&oRef, &cRef, 4, 1, 1),
              ::testing::ExitedWithCode(1),
              "spider.index_from_csr: row offsets decrease at row 1");

  std::vector<float> data(8, 1.0f);
  MemRef<float, 1> v = {data.data(), data.data(), 0, {8}, {1}};
  UnrankedMemRef vRef = {1, &v};
  EXPECT_EXIT(_mlir_ciface_spider_rt_detect_f32(&vRef, 1, 4, 0, 0, 0, 1),
              ::testing::ExitedWithCode(1),
              "spider.detect: pack dimension 1 is out of range for rank 1");
  EXPECT_EXIT(_mlir_ciface_spider_rt_detect_f32(&vRef, 0, 4, 0, 0, 0, -2),
              ::testing::ExitedWithCode(1),
              "spider.detect: the thread count must not be negative, not -2");
}

} // namespace
