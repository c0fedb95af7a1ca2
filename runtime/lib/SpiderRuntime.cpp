//===- SpiderRuntime.cpp - The C ABI of libspider_runtime -----------------===//

#include "spider/Runtime/SpiderRuntime.h"
#include "spider/Runtime/Profile.h"
#include "spider/Runtime/TileIndex.h"

#include "ScanRow.h"

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <string>
#include <algorithm>

#ifdef SPIDER_RT_OPENMP
#include <omp.h>
#endif
#include <type_traits>
#include <vector>

using namespace spiderrt;

namespace {

/// Times one index construction for the profile.
struct IndexTimer {
  std::chrono::steady_clock::time_point start =
      std::chrono::steady_clock::now();
  ~IndexTimer() {
    spider_rt_profile_index_built(std::chrono::duration<double>(
                                      std::chrono::steady_clock::now() - start)
                                      .count());
  }
};

/// Reports bad input as `spider.<message>` (RuntimeABI.h: the handler, else
/// the message on stderr and exit status 1).
[[noreturn]] void fail(const std::string &message) {
  spider_rt_fail(("spider." + message).c_str(), /*immediateExit=*/0);
}

TileIndex *adopt(IndexOrError built) {
  if (!built.ok())
    fail(built.error);
  return new TileIndex(std::move(built.index));
}

TileIndex *handle(void *index) {
  if (!index)
    fail("index_arrays: null index handle");
  return static_cast<TileIndex *>(index);
}

/// The threads a call with `threads` may use: itself if positive, else
/// what OpenMP gives (OMP_NUM_THREADS, else every core), as the compiled
/// code's parallel regions do. Built without OpenMP, one.
int64_t resolveThreads(int64_t threads) {
#ifdef SPIDER_RT_OPENMP
  return threads > 0 ? threads : omp_get_max_threads();
#else
  (void)threads;
  return 1;
#endif
}

/// Scans the rows of a strided tensor whose first coordinate lies in
/// [begin, end) (all rows for rank 1) and marks their active tiles in
/// `active`; returns their non-zeros. The innermost dimension is a tight
/// loop.
template <typename T>
int64_t scanRows(const StridedView<T> &view,
                 const std::vector<int64_t> &shape,
                 const std::vector<int64_t> &microtile,
                 const std::vector<int64_t> &gridStride, int64_t begin,
                 int64_t end, uint8_t *active) {
  int64_t rank = view.rank;
  int64_t last = rank - 1;
  int64_t n = shape[last], s = view.strides[last], t = microtile[last];
  if (n == 0 || begin >= end)
    return 0;
  int64_t numRows = 1;
  for (int64_t d = 1; d < last; ++d)
    numRows *= shape[d];
  if (rank > 1)
    numRows *= end - begin;
  std::vector<int64_t> coord(rank, 0);
  if (rank > 1)
    coord[0] = begin;
  int64_t nonZeros = 0;
  for (int64_t r = 0; r < numRows; ++r) {
    const T *p = view.data;
    int64_t tileBase = 0;
    for (int64_t d = 0; d < last; ++d) {
      p += coord[d] * view.strides[d];
      tileBase += (coord[d] / microtile[d]) * gridStride[d];
    }
    uint8_t *act = active + tileBase;
    int64_t rowNonZeros = 0;
    if (t == 1 && s == 1) {
      // f32 rows on the host's widest vectors (ScanRow.cpp).
      if constexpr (std::is_same_v<T, float>) {
        rowNonZeros = scanRowF32(p, act, n);
      } else {
        for (int64_t j = 0; j < n; ++j) {
          bool nz = p[j] != T(0);
          act[j] |= nz;
          rowNonZeros += nz;
        }
      }
    } else {
      for (int64_t j = 0; j < n; ++j) {
        bool nz = p[j * s] != T(0);
        act[j / t] |= nz;
        rowNonZeros += nz;
      }
    }
    nonZeros += rowNonZeros;
    for (int64_t d = last - 1; d >= 0; --d) {
      if (++coord[d] < shape[d])
        break;
      coord[d] = 0;
    }
  }
  return nonZeros;
}

/// Below this many elements one thread scans faster than several start.
constexpr int64_t kParallelScanElements = int64_t(1) << 18;

/// Scans a strided tensor once, on up to `threads` threads (0: as
/// resolveThreads). Each thread takes whole micro-tiles along the first
/// axis, so no two threads mark the same tile.
template <typename T>
void *detect(const UnrankedMemRef *input, int64_t packDim, int64_t t0,
             int64_t t1, int64_t t2, int64_t t3, int64_t threads) {
  IndexTimer timer;
  StridedView<T> view(input);
  int64_t rank = view.rank;
  if (rank < 1 || rank > SPIDER_RT_MAX_DETECT_RANK)
    fail("detect: tensors of rank " + std::to_string(rank) +
         " are not supported (rank 1 to " +
         std::to_string(SPIDER_RT_MAX_DETECT_RANK) + ")");
  const int64_t all[SPIDER_RT_MAX_DETECT_RANK] = {t0, t1, t2, t3};
  std::vector<int64_t> shape(view.sizes, view.sizes + rank);
  std::vector<int64_t> microtile(all, all + rank);
  for (int64_t d = 0; d < rank; ++d)
    if (microtile[d] <= 0)
      fail("detect: micro-tile sizes must be positive");
  if (packDim < 0 || packDim >= rank)
    fail("detect: pack dimension " + std::to_string(packDim) +
         " is out of range for rank " + std::to_string(rank));
  if (threads < 0)
    fail("detect: the thread count must not be negative, not " +
         std::to_string(threads));
  std::vector<int64_t> grid = tileGrid(shape, microtile);
  int64_t numTiles = 1;
  for (int64_t g : grid)
    numTiles *= g;
  std::vector<uint8_t> active(numTiles, 0);
  // Row-major strides of the activity map.
  std::vector<int64_t> gridStride(rank, 1);
  for (int64_t d = rank - 2; d >= 0; --d)
    gridStride[d] = gridStride[d + 1] * grid[d + 1];

  int64_t numElements = 1;
  for (int64_t extent : shape)
    numElements *= extent;
  // Each thread scans at least 2^16 elements, and whole tile rows.
  int64_t workers = rank > 1 && numElements >= kParallelScanElements
                        ? std::min({resolveThreads(threads), grid[0],
                                    numElements >> 16})
                        : 1;
  int64_t nonZeros = 0;
  if (workers <= 1) {
    nonZeros = scanRows(view, shape, microtile, gridStride, 0, shape[0],
                        active.data());
  } else {
    // Micro-tile rows [w * per, (w + 1) * per) of the first axis each, on
    // OpenMP's threads: the ones the compiled code's parallel loops use
    // (and keep spinning), not more next to them.
    int64_t per = (grid[0] + workers - 1) / workers;
    std::vector<int64_t> counts(workers, 0);
    auto scan = [&](int64_t w) {
      int64_t begin = std::min(w * per * microtile[0], shape[0]);
      int64_t end = std::min((w + 1) * per * microtile[0], shape[0]);
      counts[w] = scanRows(view, shape, microtile, gridStride, begin, end,
                           active.data());
    };
#ifdef SPIDER_RT_OPENMP
#pragma omp parallel for num_threads(workers) schedule(static, 1)
#endif
    for (int64_t w = 0; w < workers; ++w)
      scan(w);
    for (int64_t count : counts)
      nonZeros += count;
  }
  auto *index = new TileIndex(compressActivity(grid, packDim, active));
  index->nonZeros = nonZeros;
  return index;
}

/// Copies a contiguous 1-D i64 memref's values.
std::vector<int64_t> readVector(const UnrankedMemRef *m, const char *what) {
  StridedView<int64_t> view(m);
  if (view.rank != 1)
    fail(std::string(what) + " must be 1-D, not rank " +
         std::to_string(view.rank));
  std::vector<int64_t> values(view.sizes[0]);
  for (int64_t i = 0; i < view.sizes[0]; ++i)
    values[i] = view.data[i * view.strides[0]];
  return values;
}

void exportArray(MemRef<int64_t, 1> *result, const std::vector<int64_t> &v) {
  // Never zero bytes: the caller frees what it gets.
  auto *data = static_cast<int64_t *>(
      std::malloc(sizeof(int64_t) * (v.empty() ? 1 : v.size())));
  if (!data)
    fail("index_arrays: out of memory");
  if (!v.empty())
    std::memcpy(data, v.data(), sizeof(int64_t) * v.size());
  result->allocated = data;
  result->aligned = data;
  result->offset = 0;
  result->sizes[0] = static_cast<int64_t>(v.size());
  result->strides[0] = 1;
}

} // namespace

extern "C" {

// One entry point per element type the compiler passes.
#define SPIDER_RT_DEFINE_DETECT(SUFFIX, CTYPE)                                 \
  void *_mlir_ciface_spider_rt_detect_##SUFFIX(                                \
      UnrankedMemRef *input, int64_t packDim, int64_t t0, int64_t t1,          \
      int64_t t2, int64_t t3, int64_t threads) {                               \
    return detect<CTYPE>(input, packDim, t0, t1, t2, t3, threads);             \
  }
SPIDER_RT_FOR_EVERY_DETECT_TYPE(SPIDER_RT_DEFINE_DETECT)
#undef SPIDER_RT_DEFINE_DETECT

void *_mlir_ciface_spider_rt_route(UnrankedMemRef *ids, int64_t numExperts,
                                   int64_t tokenBlock) {
  IndexTimer timer;
  StridedView<int64_t> view(ids);
  if (view.rank != 1 && view.rank != 2)
    fail("route: routing ids must have rank 1 or 2, not " +
         std::to_string(view.rank));
  int64_t tokens = view.sizes[0];
  int64_t k = view.rank == 2 ? view.sizes[1] : 1;
  std::vector<int64_t> values(tokens * k);
  for (int64_t t = 0; t < tokens; ++t)
    for (int64_t j = 0; j < k; ++j)
      values[t * k + j] =
          view.data[t * view.strides[0] + (view.rank == 2 ? j * view.strides[1] : 0)];
  return adopt(routeIndex(values.data(), tokens, k, numExperts, tokenBlock));
}

namespace {
void *indexFromCsr(UnrankedMemRef *offsets, UnrankedMemRef *columns,
                   int64_t numColumns, int64_t rowBlock, int64_t columnBlock,
                   bool sortedColumns) {
  IndexTimer timer;
  std::vector<int64_t> rowOffsets =
      readVector(offsets, "index_from_csr: row offsets");
  if (rowOffsets.empty())
    fail("index_from_csr: row offsets must have at least one entry");
  // The columns (one per entry: a graph's edges) are read in place when
  // contiguous.
  StridedView<int64_t> view(columns);
  std::vector<int64_t> copy;
  const int64_t *cols = view.data;
  if (view.rank != 1 || view.strides[0] != 1) {
    copy = readVector(columns, "index_from_csr: columns");
    cols = copy.data();
  }
  return adopt(csrIndex(rowOffsets.data(),
                        static_cast<int64_t>(rowOffsets.size()) - 1, cols,
                        view.sizes[0], numColumns, rowBlock, columnBlock,
                        sortedColumns));
}
} // namespace

void *_mlir_ciface_spider_rt_index_from_csr(UnrankedMemRef *offsets,
                                            UnrankedMemRef *columns,
                                            int64_t numColumns,
                                            int64_t rowBlock,
                                            int64_t columnBlock) {
  return indexFromCsr(offsets, columns, numColumns, rowBlock, columnBlock,
                      /*sortedColumns=*/false);
}

void *_mlir_ciface_spider_rt_index_from_sorted_csr(UnrankedMemRef *offsets,
                                                   UnrankedMemRef *columns,
                                                   int64_t numColumns,
                                                   int64_t rowBlock,
                                                   int64_t columnBlock) {
  return indexFromCsr(offsets, columns, numColumns, rowBlock, columnBlock,
                      /*sortedColumns=*/true);
}

void _mlir_ciface_spider_rt_index_offsets(MemRef<int64_t, 1> *result,
                                          void *index) {
  exportArray(result, handle(index)->offsets);
}

void _mlir_ciface_spider_rt_index_positions(MemRef<int64_t, 1> *result,
                                            void *index) {
  exportArray(result, handle(index)->positions);
}

void spider_rt_index_release(void *index) {
  delete static_cast<TileIndex *>(index);
}

int64_t spider_rt_index_num_groups(void *index) {
  return handle(index)->numGroups();
}
int64_t spider_rt_index_num_active(void *index) {
  return handle(index)->numActive();
}
double spider_rt_index_density(void *index) {
  return handle(index)->density();
}
int64_t spider_rt_index_nonzeros(void *index) {
  return handle(index)->nonZeros;
}

} // extern "C"
