//===- Profile.h - Per spider.pit profiles ----------------------*- C++ -*-===//
//
// Part of libspider_runtime's C ABI. Code compiled with
// `spider-cpu-pipeline{profile=true}` calls begin/end around every lowered
// spider.pit; `spider-run --profile` names the records and prints the report.
//
//===----------------------------------------------------------------------===//

#ifndef SPIDER_RUNTIME_PROFILE_H
#define SPIDER_RUNTIME_PROFILE_H

#include "spider/Runtime/SpiderRuntime.h"

extern "C" {

/// Starts timing spider.pit number `id`.
SPIDER_RT_EXPORT void spider_rt_profile_begin(int64_t id);

/// Ends it: the index had `numActive` of `numTiles` micro-tiles active, was
/// built from `nonZeros` non-zeros (-1: unknown), micro-tiles hold
/// `tileVolume` elements; the computation is worth `denseFlops` densely and
/// executed `executedFlops`; `ranDense` is 1 when the dense fallback ran.
SPIDER_RT_EXPORT void spider_rt_profile_end(int64_t id, int64_t numActive,
                                            int64_t numTiles, int64_t nonZeros,
                                            int64_t tileVolume,
                                            double denseFlops,
                                            double executedFlops,
                                            int32_t ranDense);

/// Names record `id` (e.g. "linalg.matmul at file.mlir:12:8").
SPIDER_RT_EXPORT void spider_rt_profile_set_name(int64_t id, const char *name);

/// Prints the table of records and index construction to stdout.
SPIDER_RT_EXPORT void spider_rt_profile_report(void);

/// The index density of the last call of record `id`, and whether it ran
/// densely: what a program may print about the choices made for it.
SPIDER_RT_EXPORT double spider_rt_profile_last_density(int64_t id);
SPIDER_RT_EXPORT int32_t spider_rt_profile_last_ran_dense(int64_t id);

/// Seconds spent building indices since the last reset.
SPIDER_RT_EXPORT double spider_rt_profile_index_seconds(void);

/// Forgets every record.
SPIDER_RT_EXPORT void spider_rt_profile_reset(void);

/// Called by the index builders: time spent building indices.
void spider_rt_profile_index_built(double seconds);

} // extern "C"

#endif // SPIDER_RUNTIME_PROFILE_H
