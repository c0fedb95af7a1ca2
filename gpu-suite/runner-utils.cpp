//===- runner-utils.cpp - The runner utilities the GPU suite calls --------===//
//
// MLIR's libmlir_c_runner_utils needs libMLIR.so and libLLVM.so, far more
// than a bundle for a machine without LLVM can carry. The suite's programs
// call only the few entry points below (gpu-suite/build.sh fails to link a
// program that calls another); they print exactly as MLIR's do.
//
//===----------------------------------------------------------------------===//

#include "spider/Runtime/MemRef.h"

#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#define SUITE_EXPORT extern "C" __attribute__((visibility("default")))

namespace {
/// Memref descriptors as the C ABI lays them out (runtime/include, no MLIR).
using Descriptor = spiderrt::MemRefView<char>;
using Unranked = spiderrt::UnrankedMemRef;
} // namespace

SUITE_EXPORT void printU64(uint64_t value) {
  std::fprintf(stdout, "%" PRIu64, value);
}

SUITE_EXPORT void printNewline() { std::fputc('\n', stdout); }

/// memref.copy between two memrefs of the same shape, any strides.
SUITE_EXPORT void memrefCopy(int64_t elementSize, Unranked *source,
                             Unranked *target) {
  int64_t rank = source->rank;
  const auto *src = static_cast<const Descriptor *>(source->descriptor);
  const auto *dst = static_cast<const Descriptor *>(target->descriptor);
  const int64_t *sizes = src->sizesAndStrides;
  const int64_t *srcStrides = sizes + rank;
  const int64_t *dstStrides = dst->sizesAndStrides + rank;
  const char *from = src->aligned + src->offset * elementSize;
  char *to = dst->aligned + dst->offset * elementSize;
  int64_t count = 1;
  for (int64_t d = 0; d < rank; ++d)
    count *= sizes[d];
  if (count == 0)
    return;
  // Row-major and dense on both sides: one copy.
  bool dense = true;
  int64_t expected = 1;
  for (int64_t d = rank - 1; d >= 0; --d) {
    if (sizes[d] != 1 &&
        (srcStrides[d] != expected || dstStrides[d] != expected))
      dense = false;
    expected *= sizes[d];
  }
  if (dense) {
    std::memmove(to, from, count * elementSize);
    return;
  }
  // Otherwise element by element, the last dimension fastest.
  if (rank > 16) {
    std::fprintf(stderr, "memrefCopy: rank %" PRId64 " is not supported\n",
                 rank);
    std::fflush(stderr);
    std::_Exit(1);
  }
  int64_t index[16] = {0};
  for (int64_t i = 0; i < count; ++i) {
    int64_t s = 0, t = 0;
    for (int64_t d = 0; d < rank; ++d) {
      s += index[d] * srcStrides[d];
      t += index[d] * dstStrides[d];
    }
    std::memcpy(to + t * elementSize, from + s * elementSize, elementSize);
    for (int64_t d = rank - 1; d >= 0 && ++index[d] == sizes[d]; --d)
      index[d] = 0;
  }
}
