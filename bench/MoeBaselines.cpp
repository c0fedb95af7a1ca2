//===- MoeBaselines.cpp - Mixture-of-experts FFN baselines ----------------===//
//
// See MoeBaselines.h for the semantics. Both baselines use single-precision
// cblas_sgemm (row-major) for the two expert matmuls; they differ in how the
// tokens reach the experts: exact per-expert gathers, or a fixed-capacity
// padded dispatch buffer.
//
//===----------------------------------------------------------------------===//

#include "MoeBaselines.h"

#include <cblas.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

constexpr uint64_t kGolden = 0x9E3779B97F4A7C15ull;

/// Element i of the hash stream of `seed` as a uniform in [0, 1): the top 24
/// bits over 2^24, exact in float.
float hashedUniform(uint64_t seed, uint64_t i) {
  uint64_t bits = splitmix64(seed * kGolden + i) >> 40;
  return static_cast<float>(bits) * (1.0f / 16777216.0f);
}

/// In-place ReLU over n floats.
void relu(float *p, size_t n) {
  for (size_t i = 0; i < n; ++i)
    p[i] = std::max(p[i], 0.0f);
}

/// out (rows x n) = a (rows x k) * b (k x n), all row-major and contiguous.
void sgemm(const float *a, const float *b, float *out, int64_t rows,
           int64_t k, int64_t n) {
  cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, rows, n, k, 1.0f, a,
              k, b, n, 0.0f, out, n);
}

/// One expert's FFN on `rows` contiguous input rows: out = relu(in * w1) * w2.
/// h is rows x F scratch; in is rows x D, out is rows x D.
void expertFfn(const float *in, const float *w1, const float *w2, float *h,
               float *out, int64_t rows, int64_t D, int64_t F) {
  sgemm(in, w1, h, rows, D, F);
  relu(h, static_cast<size_t>(rows * F));
  sgemm(h, w2, out, rows, F, D);
}

/// yRow[0..D) += weight * row[0..D).
void axpyRow(float *yRow, const float *row, float weight, int64_t D) {
  for (int64_t d = 0; d < D; ++d)
    yRow[d] += weight * row[d];
}

/// Tokens routed to expert e (g[t][e] != 0), in token order, into idx;
/// returns how many.
int64_t tokensOfExpert(const float *g, int64_t T, int64_t E, int64_t e,
                       int64_t *idx) {
  int64_t n = 0;
  for (int64_t t = 0; t < T; ++t)
    if (g[t * E + e] != 0.0f)
      idx[n++] = t;
  return n;
}

/// fopen that throws; the FILE is closed by the returned handle.
struct FileCloser {
  void operator()(FILE *f) const { std::fclose(f); }
};
using FileHandle = std::unique_ptr<FILE, FileCloser>;

FileHandle openOrThrow(const char *path, const char *mode) {
  FileHandle f(std::fopen(path, mode));
  if (!f)
    throw std::runtime_error(std::string("cannot open ") + path);
  return f;
}

/// Writes n objects of T's size (host byte order: little-endian on the
/// machines this runs on) or throws.
template <typename Elem>
void writeOrThrow(FILE *f, const Elem *p, size_t n, const char *path) {
  if (n != 0 && std::fwrite(p, sizeof(Elem), n, f) != n)
    throw std::runtime_error(std::string("short write to ") + path);
}

} // namespace

uint64_t splitmix64(uint64_t z) {
  z += kGolden;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

void fillHashed(float *p, size_t n, uint64_t seed, float scale) {
  for (size_t i = 0; i < n; ++i)
    p[i] = scale * (2.0f * hashedUniform(seed, i) - 1.0f);
}

void fillTopKRouting(float *g, int64_t T, int64_t E, int64_t k,
                     uint64_t seed) {
  if (k < 1 || k > E)
    throw std::invalid_argument("fillTopKRouting: need 1 <= k <= E");
  std::fill(g, g + T * E, 0.0f);
  uint64_t draw = 0; // position in the hash stream of `seed`
  std::vector<int64_t> chosen;
  for (int64_t t = 0; t < T; ++t) {
    float *row = g + t * E;
    chosen.clear();
    // Distinct experts by rejection; k <= E so this terminates.
    while (static_cast<int64_t>(chosen.size()) < k) {
      int64_t e = static_cast<int64_t>(hashedUniform(seed, draw++) * E);
      e = std::min(e, E - 1);
      if (std::find(chosen.begin(), chosen.end(), e) == chosen.end())
        chosen.push_back(e);
    }
    // Weights in [0.5, 1.5), normalized to sum to 1 (a softmax stand-in).
    float sum = 0.0f;
    for (int64_t e : chosen)
      sum += row[e] = 0.5f + hashedUniform(seed, draw++);
    for (int64_t e : chosen)
      row[e] /= sum;
  }
}

int64_t countAssignments(const float *g, int64_t T, int64_t E) {
  return std::count_if(g, g + T * E, [](float v) { return v != 0.0f; });
}

void moePerExpertBlas(const float *x, const float *g, const float *w1,
                      const float *w2, float *y, int64_t T, int64_t D,
                      int64_t F, int64_t E) {
  std::fill(y, y + T * D, 0.0f);
  // Scratch sized for the worst case (every token on one expert), reused.
  std::vector<int64_t> idx(T);
  std::vector<float> xe(T * D), h(T * F), ye(T * D);
  for (int64_t e = 0; e < E; ++e) {
    int64_t n = tokensOfExpert(g, T, E, e, idx.data());
    if (n == 0)
      continue;
    for (int64_t i = 0; i < n; ++i)
      std::memcpy(&xe[i * D], x + idx[i] * D, sizeof(float) * D);
    expertFfn(xe.data(), w1 + e * D * F, w2 + e * F * D, h.data(), ye.data(),
              n, D, F);
    for (int64_t i = 0; i < n; ++i)
      axpyRow(y + idx[i] * D, &ye[i * D], g[idx[i] * E + e], D);
  }
}

int64_t moePaddedBatched(const float *x, const float *g, const float *w1,
                         const float *w2, float *y, int64_t T, int64_t D,
                         int64_t F, int64_t E, double capacityFactor) {
  std::fill(y, y + T * D, 0.0f);
  const int64_t A = countAssignments(g, T, E);
  // Not capped at T: the padding a large capacity factor costs is the point.
  const int64_t C = static_cast<int64_t>(
      std::ceil(capacityFactor * static_cast<double>(A) / E));
  if (C <= 0)
    return A; // nothing fits anywhere (only possible with A == 0 or cf <= 0)

  // Dispatch in token order; slot s of expert e holds token slotToken[e*C+s].
  std::vector<float> dispatch(E * C * D, 0.0f); // padding rows stay zero
  std::vector<int64_t> slotToken(E * C);
  std::vector<int64_t> filled(E, 0);
  int64_t dropped = 0;
  for (int64_t t = 0; t < T; ++t) {
    for (int64_t e = 0; e < E; ++e) {
      if (g[t * E + e] == 0.0f)
        continue;
      if (filled[e] == C) {
        ++dropped;
        continue;
      }
      int64_t slot = e * C + filled[e]++;
      slotToken[slot] = t;
      std::memcpy(&dispatch[slot * D], x + t * D, sizeof(float) * D);
    }
  }

  // Every expert computes all C rows, padded or not (the fixed-shape batch).
  std::vector<float> h(C * F), out(C * D);
  for (int64_t e = 0; e < E; ++e) {
    expertFfn(&dispatch[e * C * D], w1 + e * D * F, w2 + e * F * D, h.data(),
              out.data(), C, D, F);
    for (int64_t s = 0; s < filled[e]; ++s) {
      int64_t t = slotToken[e * C + s];
      axpyRow(y + t * D, &out[s * D], g[t * E + e], D);
    }
  }
  return dropped;
}

void writeMoeCase(const char *path, int64_t T, int64_t D, int64_t F,
                  int64_t E, uint64_t seedX, uint64_t seedW1, uint64_t seedW2,
                  float scaleX, float scaleW1, float scaleW2, const float *g,
                  const float *yRef) {
  FileHandle f = openOrThrow(path, "wb");
  const int64_t dims[4] = {T, D, F, E};
  const uint64_t seeds[3] = {seedX, seedW1, seedW2};
  const float scales[3] = {scaleX, scaleW1, scaleW2};
  writeOrThrow(f.get(), dims, 4, path);
  writeOrThrow(f.get(), seeds, 3, path);
  writeOrThrow(f.get(), scales, 3, path);
  writeOrThrow(f.get(), g, static_cast<size_t>(T * E), path);
  writeOrThrow(f.get(), yRef, static_cast<size_t>(T * D), path);
  if (std::fflush(f.get()) != 0)
    throw std::runtime_error(std::string("cannot flush ") + path);
}

void appendHashProbe(const char *path, uint64_t seed, float scale,
                     int64_t n) {
  std::vector<float> values(n);
  fillHashed(values.data(), values.size(), seed, scale);
  FileHandle f = openOrThrow(path, "ab");
  writeOrThrow(f.get(), &seed, 1, path);
  writeOrThrow(f.get(), &scale, 1, path);
  writeOrThrow(f.get(), &n, 1, path);
  writeOrThrow(f.get(), values.data(), values.size(), path);
  if (std::fflush(f.get()) != 0)
    throw std::runtime_error(std::string("cannot flush ") + path);
}
