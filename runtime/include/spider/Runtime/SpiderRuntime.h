//===- SpiderRuntime.h - The C ABI of libspider_runtime ---------*- C++ -*-===//
//
// What code compiled by spider-cpu-pipeline calls. Indices are opaque handles
// (`!llvm.ptr` in MLIR). Functions that take or return memrefs use MLIR's C
// interface (`llvm.emit_c_interface`, hence the `_mlir_ciface_` names). The
// names and element types are those of RuntimeABI.h.
//
// Bad run-time input (an expert id out of range, CSR offsets that decrease,
// shapes that disagree) is reported as `spider.<op>: <problem>` to the
// failure handler (RuntimeABI.h); by default that prints
// `spider: error: spider.<op>: <problem>` to stderr and exits with status 1:
// never a silently wrong result.
//
//===----------------------------------------------------------------------===//

#ifndef SPIDER_RUNTIME_SPIDERRUNTIME_H
#define SPIDER_RUNTIME_SPIDERRUNTIME_H

#include "spider/Runtime/MemRef.h"
#include "spider/Runtime/RuntimeABI.h"

#include <cstdint>

extern "C" {

/// spider.detect: the index of the active micro-tiles of a tensor of rank
/// 1 to 4, micro-tile `t0..t3` (unused sizes ignored), packed along `packDim`,
/// scanned on up to `threads` OpenMP threads (1: the caller's only; 0:
/// OMP_NUM_THREADS, else every core; one in a build without OpenMP); one
/// entry point per element type of
/// SPIDER_RT_FOR_EVERY_DETECT_TYPE.
#define SPIDER_RT_DECLARE_DETECT(SUFFIX, CTYPE)                                \
  SPIDER_RT_EXPORT void *_mlir_ciface_spider_rt_detect_##SUFFIX(               \
      spiderrt::UnrankedMemRef *input, int64_t packDim, int64_t t0,            \
      int64_t t1, int64_t t2, int64_t t3, int64_t threads);
SPIDER_RT_FOR_EVERY_DETECT_TYPE(SPIDER_RT_DECLARE_DETECT)
#undef SPIDER_RT_DECLARE_DETECT

/// spider.route: `ids` is [tokens] or [tokens, k] of i64.
SPIDER_RT_EXPORT void *
_mlir_ciface_spider_rt_route(spiderrt::UnrankedMemRef *ids, int64_t numExperts,
                             int64_t tokenBlock);

/// spider.index_from_csr: `offsets` and `columns` are 1-D i64.
SPIDER_RT_EXPORT void *_mlir_ciface_spider_rt_index_from_csr(
    spiderrt::UnrankedMemRef *offsets, spiderrt::UnrankedMemRef *columns,
    int64_t numColumns, int64_t rowBlock, int64_t columnBlock);

/// spider.index_from_csr {sorted_columns} (what spider.from_csr builds):
/// the same, and columns must strictly increase within each row.
SPIDER_RT_EXPORT void *_mlir_ciface_spider_rt_index_from_sorted_csr(
    spiderrt::UnrankedMemRef *offsets, spiderrt::UnrankedMemRef *columns,
    int64_t numColumns, int64_t rowBlock, int64_t columnBlock);

/// spider.index_arrays: fresh, malloc'ed copies of the group offsets and the
/// positions; the caller owns (frees) them.
SPIDER_RT_EXPORT void
_mlir_ciface_spider_rt_index_offsets(spiderrt::MemRef<int64_t, 1> *result,
                                     void *index);
SPIDER_RT_EXPORT void
_mlir_ciface_spider_rt_index_positions(spiderrt::MemRef<int64_t, 1> *result,
                                       void *index);

/// Releases an index handle.
SPIDER_RT_EXPORT void spider_rt_index_release(void *index);

/// Index statistics, for tests and profiling.
SPIDER_RT_EXPORT int64_t spider_rt_index_num_groups(void *index);
SPIDER_RT_EXPORT int64_t spider_rt_index_num_active(void *index);
SPIDER_RT_EXPORT double spider_rt_index_density(void *index);
/// spider.index_nonzeros: non-zeros the index was built from (-1: unknown).
SPIDER_RT_EXPORT int64_t spider_rt_index_nonzeros(void *index);

} // extern "C"

#endif // SPIDER_RUNTIME_SPIDERRUNTIME_H
