//===- ScanRow.h - Mark the non-zeros of one contiguous row ---------------===//

#ifndef SPIDER_RUNTIME_LIB_SCANROW_H
#define SPIDER_RUNTIME_LIB_SCANROW_H

#include <cstdint>

namespace spiderrt {

/// Sets active[j] to 1 where row[j] is not zero (NaN counts as non-zero,
/// -0 as zero), for j < n; returns how many are not zero. Runs the widest
/// vector code the host has (AVX-512, AVX2, else the build's baseline),
/// chosen on the first call: the runtime is built for any x86-64.
int64_t scanRowF32(const float *row, uint8_t *active, int64_t n);

} // namespace spiderrt

#endif // SPIDER_RUNTIME_LIB_SCANROW_H
