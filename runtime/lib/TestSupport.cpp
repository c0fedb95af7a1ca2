//===- TestSupport.cpp - Data and checks for tests and benchmarks ---------===//

#include "spider/Runtime/TestSupport.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

using namespace spiderrt;

namespace {

/// splitmix64: a small, good hash.
uint64_t mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

double unit(uint64_t h) { return (h >> 11) * (1.0 / 9007199254740992.0); }

/// Calls `f(offset, coords)` for every element of a strided view.
template <typename T, typename F> void forEach(StridedView<T> &view, F f) {
  int64_t rank = view.rank, n = view.numElements();
  std::vector<int64_t> coord(rank, 0);
  for (int64_t i = 0; i < n; ++i) {
    int64_t offset = 0;
    for (int64_t d = 0; d < rank; ++d)
      offset += coord[d] * view.strides[d];
    f(offset, coord);
    for (int64_t d = rank - 1; d >= 0; --d) {
      if (++coord[d] < view.sizes[d])
        break;
      coord[d] = 0;
    }
  }
}

} // namespace

extern "C" {

void _mlir_ciface_spider_rt_fill_random_f32(UnrankedMemRef *tensor,
                                            int64_t seed, double density,
                                            int64_t t0, int64_t t1, int64_t t2,
                                            int64_t t3) {
  StridedView<float> view(tensor);
  float *data = const_cast<float *>(view.data);
  const int64_t tiles[4] = {t0, t1, t2, t3};
  forEach(view, [&](int64_t offset, const std::vector<int64_t> &coord) {
    uint64_t tileHash = mix(static_cast<uint64_t>(seed) * 7919u + 17u);
    uint64_t elementHash = tileHash;
    for (size_t d = 0; d < coord.size(); ++d) {
      tileHash = mix(tileHash ^ static_cast<uint64_t>(coord[d] / tiles[d]));
      elementHash = mix(elementHash ^ static_cast<uint64_t>(coord[d]));
    }
    bool active = density >= 1.0 || unit(tileHash) < density;
    float value = 0.0f;
    if (active) {
      double u = unit(elementHash);
      value = static_cast<float>(0.5 + u);
      if (mix(elementHash) & 1)
        value = -value;
    }
    data[offset] = value;
  });
}

int32_t _mlir_ciface_spider_rt_check_close_f32(UnrankedMemRef *got,
                                               UnrankedMemRef *want,
                                               double tolerance, double label) {
  StridedView<float> g(got), w(want);
  if (g.rank != w.rank) {
    std::printf("check %g: rank %lld differs from %lld FAILED\n", label,
                static_cast<long long>(g.rank),
                static_cast<long long>(w.rank));
    return 0;
  }
  for (int64_t d = 0; d < g.rank; ++d) {
    if (g.sizes[d] != w.sizes[d]) {
      std::printf("check %g: shapes differ FAILED\n", label);
      return 0;
    }
  }
  // Same shapes: walk both with the same coordinates.
  std::vector<double> wantValues;
  forEach(w, [&](int64_t offset, const std::vector<int64_t> &) {
    wantValues.push_back(w.data[offset]);
  });
  double maxDiff = 0, maxWant = 0;
  size_t i = 0;
  forEach(g, [&](int64_t offset, const std::vector<int64_t> &) {
    double diff = std::fabs(static_cast<double>(g.data[offset]) - wantValues[i]);
    if (!(diff <= maxDiff)) // Also catches NaN.
      maxDiff = std::isnan(diff) ? INFINITY : diff;
    maxWant = std::fmax(maxWant, std::fabs(wantValues[i]));
    ++i;
  });
  double error = maxDiff / (maxWant > 0 ? maxWant : 1.0);
  bool ok = error <= tolerance;
  std::printf("check %g: max relative error %.3g %s\n", label, error,
              ok ? "ok" : "FAILED");
  std::fflush(stdout);
  return ok ? 1 : 0;
}

void _mlir_ciface_spider_rt_fill_rmat_csr(MemRef<int64_t, 1> *offsets,
                                          MemRef<int64_t, 1> *columns,
                                          int64_t seed) {
  int64_t vertices = offsets->sizes[0] - 1, edges = columns->sizes[0];
  if (vertices < 0 || edges > vertices * vertices) {
    std::string message = "fill_rmat_csr: " + std::to_string(edges) +
                          " edges do not fit " + std::to_string(vertices) +
                          " vertices";
    spider_rt_fail(message.c_str(), /*immediateExit=*/0);
  }
  int levels = 0;
  while ((int64_t(1) << levels) < vertices)
    ++levels;
  std::vector<uint8_t> taken(vertices * vertices, 0);
  uint64_t state = mix(static_cast<uint64_t>(seed) + 101);
  int64_t placed = 0;
  // Dense requests fill the rest uniformly once R-MAT draws stop finding
  // free cells.
  int64_t misses = 0;
  while (placed < edges) {
    int64_t row = 0, col = 0;
    if (misses < 64 * vertices * vertices) {
      for (int l = 0; l < levels; ++l) {
        state = mix(state);
        double u = unit(state);
        int quadrant = u < 0.57 ? 0 : u < 0.76 ? 1 : u < 0.95 ? 2 : 3;
        row = row * 2 + (quadrant >= 2);
        col = col * 2 + (quadrant & 1);
      }
    } else {
      state = mix(state);
      row = (state >> 8) % vertices;
      col = (mix(state) >> 8) % vertices;
    }
    if (row >= vertices || col >= vertices || taken[row * vertices + col]) {
      ++misses;
      continue;
    }
    taken[row * vertices + col] = 1;
    ++placed;
  }
  int64_t e = 0;
  for (int64_t r = 0; r < vertices; ++r) {
    offsets->aligned[offsets->offset + r * offsets->strides[0]] = e;
    for (int64_t c = 0; c < vertices; ++c)
      if (taken[r * vertices + c])
        columns->aligned[columns->offset + (e++) * columns->strides[0]] = c;
  }
  offsets->aligned[offsets->offset + vertices * offsets->strides[0]] = e;
}

void spider_rt_report_step(int64_t step, double tau, double density,
                           int32_t ranDense, double spiderSeconds,
                           double unmarkedSeconds) {
  if (step == 0)
    std::printf("%4s %8s %13s %7s %11s %13s %8s\n", "step", "tau",
                "gate density", "spider", "spider ms", "loop ms",
                "speedup");
  std::printf("%4lld %8.3f %13.3f %7s %11.2f %13.2f %7.2fx\n",
              static_cast<long long>(step), tau, density,
              ranDense ? "dense" : "PIT", spiderSeconds * 1e3,
              unmarkedSeconds * 1e3,
              spiderSeconds > 0 ? unmarkedSeconds / spiderSeconds : 0.0);
  std::fflush(stdout);
}

double spider_rt_seconds() {
  using Clock = std::chrono::steady_clock;
  return std::chrono::duration<double>(Clock::now().time_since_epoch())
      .count();
}

} // extern "C"
