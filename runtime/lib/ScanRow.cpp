//===- ScanRow.cpp - Mark the non-zeros of one contiguous row -------------===//
//
// Detection reads every element of a dense tensor once; at the SSE2 the
// runtime is built for, the scan of a 2048 x 2048 f32 matrix ran at under
// half the memory bandwidth. The same loop, compiled for AVX2 and for
// AVX-512 and picked by the host's CPUID, is bound by memory.
//
//===----------------------------------------------------------------------===//

#include "ScanRow.h"

namespace {

using ScanFn = int64_t (*)(const float *, uint8_t *, int64_t);

inline int64_t scanLoop(const float *row, uint8_t *active, int64_t n) {
  int64_t nonZeros = 0;
  for (int64_t j = 0; j < n; ++j) {
    bool nz = row[j] != 0.0f;
    active[j] |= nz;
    nonZeros += nz;
  }
  return nonZeros;
}

int64_t scanBaseline(const float *row, uint8_t *active, int64_t n) {
  return scanLoop(row, active, n);
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define SPIDER_RT_SCAN_MULTIVERSION 1
__attribute__((target("avx2"))) int64_t scanAvx2(const float *row,
                                                 uint8_t *active, int64_t n) {
  return scanLoop(row, active, n);
}

__attribute__((target("avx512f,avx512bw"))) int64_t
scanAvx512(const float *row, uint8_t *active, int64_t n) {
  return scanLoop(row, active, n);
}
#endif

ScanFn chooseScan() {
#ifdef SPIDER_RT_SCAN_MULTIVERSION
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw"))
    return scanAvx512;
  if (__builtin_cpu_supports("avx2"))
    return scanAvx2;
#endif
  return scanBaseline;
}

} // namespace

int64_t spiderrt::scanRowF32(const float *row, uint8_t *active, int64_t n) {
  static const ScanFn scan = chooseScan();
  return scan(row, active, n);
}
