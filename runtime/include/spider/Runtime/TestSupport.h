//===- TestSupport.h - Data and checks for tests, examples, benchmarks -*- C++ -*-===//
//
// Part of libspider_runtime's C ABI: what integration tests, examples and
// benchmarks written in MLIR call to make random sparse data and to compare
// a result with its dense oracle.
//
//===----------------------------------------------------------------------===//

#ifndef SPIDER_RUNTIME_TESTSUPPORT_H
#define SPIDER_RUNTIME_TESTSUPPORT_H

#include "spider/Runtime/SpiderRuntime.h"

extern "C" {

/// Fills an f32 tensor (rank 1 to 4): each micro-tile `t0..t3` is active
/// with probability `density` (0 and 1 exactly give empty and full), and
/// every element of an active micro-tile is a non-zero value of magnitude
/// in [0.5, 1.5) and random sign; inactive micro-tiles are zero. The same
/// `seed` gives the same data.
SPIDER_RT_EXPORT void
_mlir_ciface_spider_rt_fill_random_f32(spiderrt::UnrankedMemRef *tensor,
                                       int64_t seed, double density, int64_t t0,
                                       int64_t t1, int64_t t2, int64_t t3);

/// Compares `got` with `want` (same shape) and prints
/// `<label> <value>: max relative error <e> ok|FAILED`, where the error is
/// max |got - want| over max |want| (or over 1 when `want` is all zero).
/// Returns 1 when the error is at most `tolerance`.
SPIDER_RT_EXPORT int32_t _mlir_ciface_spider_rt_check_close_f32(
    spiderrt::UnrankedMemRef *got, spiderrt::UnrankedMemRef *want,
    double tolerance, double label);

/// Fills a CSR graph: `offsets` ([vertices + 1]) and `columns` ([edges]),
/// 1-D i64, with as many distinct edges as `columns` holds, drawn from the
/// R-MAT power-law model (a = 0.57, b = c = 0.19, d = 0.05); columns ascend
/// within each row.
SPIDER_RT_EXPORT void
_mlir_ciface_spider_rt_fill_rmat_csr(spiderrt::MemRef<int64_t, 1> *offsets,
                                     spiderrt::MemRef<int64_t, 1> *columns,
                                     int64_t seed);

/// Prints one step of the dense-to-sparse demo (a header before step 0):
/// the temperature, the routing density, the path Spider took, and its time
/// next to the baseline's (the per-expert loop; the argument keeps its old
/// name).
SPIDER_RT_EXPORT void spider_rt_report_step(int64_t step, double tau,
                                            double density, int32_t ranDense,
                                            double spiderSeconds,
                                            double unmarkedSeconds);

/// Wall-clock seconds, for timing inside compiled programs.
SPIDER_RT_EXPORT double spider_rt_seconds();

} // extern "C"

#endif // SPIDER_RUNTIME_TESTSUPPORT_H
