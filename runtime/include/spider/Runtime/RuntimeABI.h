/*===- RuntimeABI.h - What Spider's compiler and runtimes agree on -*- C -*-===*
 *
 * The one header that the compiler (convert-spider-to-runtime, the profile
 * hooks of spider.pit) and both run-time libraries include: the element
 * types the index entry points exist for, the names the compiler emits, and
 * the failure handler an embedder may install. Plain C (and C++), no MLIR,
 * so that a program embedding Spider can include it too.
 *
 * libspider_runtime's declarations are in SpiderRuntime.h, Profile.h and
 * TestSupport.h; libspider_cuda_runtime's spider_rt_gpu_* ones in
 * CudaRuntime.h. Both runtimes generate their per-type entry points with the
 * X-macros below, and the compiler derives callee names from the same lists.
 *
 *===----------------------------------------------------------------------===*/

#ifndef SPIDER_RUNTIME_RUNTIMEABI_H
#define SPIDER_RUNTIME_RUNTIMEABI_H

#ifdef __cplusplus
#include <cstdint>
#else
#include <stdint.h>
#endif

#if defined(_WIN32)
#define SPIDER_RT_EXPORT __declspec(dllexport)
#define SPIDER_RT_NORETURN __declspec(noreturn)
#else
#define SPIDER_RT_EXPORT __attribute__((visibility("default")))
#define SPIDER_RT_NORETURN __attribute__((noreturn))
#endif

/*===--- Element types ----------------------------------------------------===*
 *
 * DO(SUFFIX, CTYPE) for every element type that spider.detect has an entry
 * point for: `<prefix>detect_<SUFFIX>` reads tensors of CTYPE. SUFFIX is
 * also the MLIR spelling of the element type, which is how the compiler
 * matches a tensor's element type to an entry point; other types are cast
 * to one of these first. The order is the one diagnostics list them in.
 */

/* The highest rank a detect entry point reads (its micro-tile takes one
 * argument per axis); the compiler keeps marks on higher ranks dense. */
#define SPIDER_RT_MAX_DETECT_RANK 4

/* libspider_runtime (the CPU). */
#define SPIDER_RT_FOR_EVERY_DETECT_TYPE(DO)                                    \
  DO(f32, float)                                                               \
  DO(f64, double)                                                              \
  DO(i32, int32_t)                                                             \
  DO(i64, int64_t)

/* libspider_cuda_runtime: the CPU's types, and the 16-bit floats read as
 * they are (as bit patterns: a cast to f32 would first write a copy twice
 * the size of the tensor). */
#define SPIDER_RT_FOR_EVERY_GPU_DETECT_TYPE(DO)                                \
  SPIDER_RT_FOR_EVERY_DETECT_TYPE(DO)                                          \
  DO(f16, uint16_t)                                                            \
  DO(bf16, uint16_t)

/*===--- Entry-point names ------------------------------------------------===*
 *
 * An index entry point is `<prefix><stem>`, the prefix naming the runtime
 * that builds the index. Detect, route, index_from_csr and the two array
 * reads take or return memrefs: the compiler declares them with
 * `llvm.emit_c_interface`, so the runtimes define them as
 * `_mlir_ciface_<prefix><stem>`. The others are plain C functions.
 */
#define SPIDER_RT_CPU_PREFIX "spider_rt_"
#define SPIDER_RT_GPU_PREFIX "spider_rt_gpu_"

#define SPIDER_RT_DETECT_STEM "detect_" /* followed by the type's SUFFIX */
#define SPIDER_RT_ROUTE_STEM "route"
#define SPIDER_RT_INDEX_FROM_CSR_STEM "index_from_csr"
/* The same, with columns required strictly increasing in each row. */
#define SPIDER_RT_INDEX_FROM_SORTED_CSR_STEM "index_from_sorted_csr"
#define SPIDER_RT_INDEX_OFFSETS_STEM "index_offsets"
#define SPIDER_RT_INDEX_POSITIONS_STEM "index_positions"
#define SPIDER_RT_INDEX_NONZEROS_STEM "index_nonzeros"
#define SPIDER_RT_INDEX_RELEASE_STEM "index_release"

/* The hooks that `spider-cpu-pipeline{profile=true}` calls around every
 * lowered spider.pit (libspider_runtime, Profile.h; plain C functions). */
#define SPIDER_RT_PROFILE_BEGIN "spider_rt_profile_begin"
#define SPIDER_RT_PROFILE_END "spider_rt_profile_end"

/*===--- Failures ---------------------------------------------------------===*
 *
 * Bad run-time input (an expert id out of range, CSR offsets that decrease)
 * and failed CUDA calls have no result to return. Both runtimes report them
 * through one path, spider_rt_fail, which lives in libspider_runtime
 * (libspider_cuda_runtime links it):
 *
 *   1. If a handler is installed, it is called with the message, without the
 *      `spider: error: ` prefix (e.g. `spider.route: expert id 7 of token 1
 *      is out of range [0, 4)` or `CUDA: cannot load the NVIDIA driver ...`),
 *      and the user data it was installed with.
 *   2. If there is no handler, or it returns, the default: print
 *      `spider: error: <message>` to stderr and exit with status 1.
 *
 * A handler that wants the process to survive must therefore not return. It
 * may longjmp to a point the failing thread set up (a jmp_buf of that
 * thread: the handler is process-wide, failures are reported on the thread
 * that called the runtime), or throw a C++ exception when every frame in
 * between has unwind information (the runtimes do; code JIT-compiled by
 * MLIR may not). Either way the failed call's allocations are leaked and the
 * runtimes' frames are left without running their destructors, but the
 * runtimes hold no lock and leave no static initialization unfinished across
 * the call, so later calls work (and fail again with the same message when
 * the cause persists, e.g. no NVIDIA driver). The handler must not call
 * Spider's runtimes itself.
 */

#ifdef __cplusplus
extern "C" {
#endif

/* Receives a run-time error's message (valid during the call only). */
typedef void (*spider_rt_failure_handler)(const char *message,
                                          void *userData);

/* Installs `handler` (NULL restores the default) with the `userData` it is
 * to receive, for every thread; returns the previous handler. Thread-safe. */
SPIDER_RT_EXPORT spider_rt_failure_handler
spider_rt_set_failure_handler(spider_rt_failure_handler handler,
                              void *userData);

/* The installed handler (NULL: the default) and, when `userData` is not
 * NULL, its user data: what a caller restores after a scoped replacement. */
SPIDER_RT_EXPORT spider_rt_failure_handler
spider_rt_get_failure_handler(void **userData);

/* Reports a run-time error: the handler, then the default above. The
 * default exits with exit(1), or, when `immediateExit` is non-zero, flushes
 * every stdio stream and calls _Exit(1): libspider_cuda_runtime fails that
 * way because its failures can happen inside the driver's initialization
 * during an executable's global constructors, where exit() would run global
 * destructors that re-enter that initialization and abort. */
SPIDER_RT_EXPORT SPIDER_RT_NORETURN void spider_rt_fail(const char *message,
                                                        int32_t immediateExit);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* SPIDER_RUNTIME_RUNTIMEABI_H */
