//===- MemRef.h - MLIR memref descriptors, as the C ABI sees them -*- C++ -*-===//
//
// The layout MLIR's LLVM lowering gives memref descriptors, restated here so
// that the runtime does not depend on MLIR.
//
//===----------------------------------------------------------------------===//

#ifndef SPIDER_RUNTIME_MEMREF_H
#define SPIDER_RUNTIME_MEMREF_H

#include <cstdint>

namespace spiderrt {

/// A ranked memref descriptor.
template <typename T, int Rank> struct MemRef {
  T *allocated;
  T *aligned;
  int64_t offset;
  int64_t sizes[Rank];
  int64_t strides[Rank];
};

/// A ranked descriptor viewed without its static rank (what an unranked
/// memref points to).
template <typename T> struct MemRefView {
  T *allocated;
  T *aligned;
  int64_t offset;
  int64_t sizesAndStrides[1]; // sizes[rank], then strides[rank].
};

/// An unranked memref: its rank and a pointer to its ranked descriptor.
struct UnrankedMemRef {
  int64_t rank;
  void *descriptor;
};

/// Reads an unranked memref of T: base pointer (with offset), sizes, strides.
template <typename T> struct StridedView {
  const T *data = nullptr;
  int64_t rank = 0;
  const int64_t *sizes = nullptr;
  const int64_t *strides = nullptr;

  explicit StridedView(const UnrankedMemRef *m) {
    auto *d = static_cast<const MemRefView<T> *>(m->descriptor);
    rank = m->rank;
    data = d->aligned + d->offset;
    sizes = d->sizesAndStrides;
    strides = d->sizesAndStrides + rank;
  }
  int64_t numElements() const {
    int64_t n = 1;
    for (int64_t d = 0; d < rank; ++d)
      n *= sizes[d];
    return n;
  }
};

} // namespace spiderrt

#endif // SPIDER_RUNTIME_MEMREF_H
