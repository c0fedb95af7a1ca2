//===- MoeBaselines.h - Mixture-of-experts FFN baselines --------*- C++ -*-===//
//
// Reference implementations of a mixture-of-experts feed-forward layer, the
// dense-library baselines Spider's MoE benchmark is compared against.
//
// Semantics (f32, row-major; T tokens, D = d_model, F = d_ff, E experts):
//   x: [T][D], g: [T][E] routing weights (g[t][e] != 0: token t goes to
//   expert e), w1: [E][D][F], w2: [E][F][D]
//   h[t][e][f] = sum_d x[t][d] * w1[e][d][f]       (only where g[t][e] != 0)
//   a = max(h, 0)
//   y[t][d] = sum_{e,f} g[t][e] * a[t][e][f] * w2[e][f][d]
//
// Data is generated with fillHashed, which bench/moe_torch.py reproduces bit
// for bit, so a case is shipped to PyTorch as seeds plus g and the expected y
// (writeMoeCase).
//
// BLAS threading is whatever OpenBLAS is set to (OPENBLAS_NUM_THREADS or
// openblas_set_num_threads); these functions do not change it.
//
//===----------------------------------------------------------------------===//

#ifndef SPIDER_BENCH_MOEBASELINES_H
#define SPIDER_BENCH_MOEBASELINES_H

#include <cstddef>
#include <cstdint>

/// The splitmix64 finalizer (one step of the generator, state z).
uint64_t splitmix64(uint64_t z);

/// p[i] = scale * (2u - 1), u = (splitmix64(seed * 0x9E3779B97F4A7C15 + i)
/// >> 40) * 2^-24, all uint64 arithmetic modulo 2^64.
/// Computed in float: u and 2u - 1 are exact in float (24-bit integers over
/// 2^24), so the only rounding is the final float product scale * (2u - 1).
/// That is also what "compute in double, then cast" gives (the double product
/// of two 24-bit significands is exact), so either recipe matches bit for bit.
void fillHashed(float *p, size_t n, uint64_t seed, float scale);

/// Top-k routing for tests and benchmarks: each token gets k distinct experts
/// (chosen from the hash stream of `seed`) with positive weights summing to 1;
/// every other g[t][e] is 0. Requires 1 <= k <= E.
void fillTopKRouting(float *g, int64_t T, int64_t E, int64_t k,
                     uint64_t seed);

/// Number of (token, expert) assignments: entries of g that are nonzero.
int64_t countAssignments(const float *g, int64_t T, int64_t E);

/// The loop a user writes: per expert, gather the rows of the tokens routed
/// to it, two cblas_sgemm with a ReLU between, scatter-add g * row into y.
/// y ([T][D]) is overwritten. Scratch is allocated once per call.
void moePerExpertBlas(const float *x, const float *g, const float *w1,
                      const float *w2, float *y, int64_t T, int64_t D,
                      int64_t F, int64_t E);

/// GShard / Switch style: capacity C = ceil(capacityFactor * A / E) with A =
/// countAssignments(g). Assignments are dispatched in token order into an
/// [E][C][D] buffer; those past an expert's capacity are dropped. Each expert
/// then runs both sgemm over all C rows, padding (zero rows) included, and the
/// kept rows are combined into y ([T][D], overwritten) weighted by g.
/// Returns the number of dropped assignments (their contribution is lost).
int64_t moePaddedBatched(const float *x, const float *g, const float *w1,
                         const float *w2, float *y, int64_t T, int64_t D,
                         int64_t F, int64_t E, double capacityFactor);

/// Writes a case for bench/moe_torch.py (little-endian, no padding):
///   int64 T, D, F, E; uint64 seedX, seedW1, seedW2; float32 scaleX,
///   scaleW1, scaleW2 (68 bytes), then g (T*E float32), then yRef (T*D
///   float32).
/// x, w1, w2 are fillHashed(x, T*D, seedX, scaleX),
/// fillHashed(w1, E*D*F, seedW1, scaleW1), fillHashed(w2, E*F*D, seedW2,
/// scaleW2) (two weight scales: the usual 1/sqrt(fan-in) differs, D vs F).
/// Throws std::runtime_error if the file cannot be written.
void writeMoeCase(const char *path, int64_t T, int64_t D, int64_t F,
                  int64_t E, uint64_t seedX, uint64_t seedW1, uint64_t seedW2,
                  float scaleX, float scaleW1, float scaleW2, const float *g,
                  const float *yRef);

/// Appends one record for `moe_torch.py --selftest FILE`, which checks its
/// hash bit for bit: uint64 seed, float32 scale, int64 n, then the n float32
/// of fillHashed(p, n, seed, scale). Throws std::runtime_error on failure.
void appendHashProbe(const char *path, uint64_t seed, float scale, int64_t n);

#endif // SPIDER_BENCH_MOEBASELINES_H
