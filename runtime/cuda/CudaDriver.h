//===- CudaDriver.h - The CUDA driver API, loaded at first use --*- C++ -*-===//
//
// libspider_cuda_runtime does not link libcuda: it opens the driver on first
// use, so that it loads (and its symbols can be checked) on machines without
// an NVIDIA driver, and a program run there stops with a message that says
// so. Every driver call goes through SPIDER_CU, which turns an error into
// the failure `CUDA: <call> failed: <name>: <description>`, reported like
// every other through the failure handler of RuntimeABI.h (by default:
// `spider: error: <message>` and exit status 1).
//
//===----------------------------------------------------------------------===//

#ifndef SPIDER_RUNTIME_CUDA_CUDADRIVER_H
#define SPIDER_RUNTIME_CUDA_CUDADRIVER_H

#include <cuda.h>

#include <string>

namespace spiderrt::cuda {

// The driver functions the runtime uses. Names go through cuda.h's macros
// (cuMemAlloc -> cuMemAlloc_v2), so each entry is the current ABI version.
#define SPIDER_CUDA_DRIVER_FUNCTIONS(X)                                        \
  X(cuInit)                                                                    \
  X(cuGetErrorName)                                                            \
  X(cuGetErrorString)                                                          \
  X(cuDeviceGet)                                                               \
  X(cuDeviceGetCount)                                                          \
  X(cuDeviceGetAttribute)                                                      \
  X(cuDevicePrimaryCtxRetain)                                                  \
  X(cuCtxPushCurrent)                                                          \
  X(cuCtxPopCurrent)                                                           \
  X(cuCtxSynchronize)                                                          \
  X(cuModuleLoadData)                                                          \
  X(cuModuleLoadDataEx)                                                        \
  X(cuModuleUnload)                                                            \
  X(cuModuleGetFunction)                                                       \
  X(cuFuncSetAttribute)                                                        \
  X(cuLaunchKernel)                                                            \
  X(cuStreamCreate)                                                            \
  X(cuStreamDestroy)                                                           \
  X(cuStreamSynchronize)                                                       \
  X(cuStreamWaitEvent)                                                         \
  X(cuEventCreate)                                                             \
  X(cuEventDestroy)                                                            \
  X(cuEventRecord)                                                             \
  X(cuEventSynchronize)                                                        \
  X(cuMemAlloc)                                                                \
  X(cuMemAllocManaged)                                                         \
  X(cuMemFree)                                                                 \
  X(cuMemcpy)                                                                  \
  X(cuMemcpyAsync)                                                             \
  X(cuMemsetD8Async)                                                           \
  X(cuMemsetD16Async)                                                          \
  X(cuMemsetD32Async)                                                          \
  X(cuMemHostRegister)                                                         \
  X(cuMemHostUnregister)                                                       \
  X(cuPointerGetAttribute)

struct Driver {
#define SPIDER_CUDA_DECLARE(f) decltype(&::f) f = nullptr;
  SPIDER_CUDA_DRIVER_FUNCTIONS(SPIDER_CUDA_DECLARE)
#undef SPIDER_CUDA_DECLARE
};

/// The driver, opened (and cuInit called) on first use; fails (fail()) when
/// there is no driver or no device, at every call.
const Driver &driver();

/// Fails with `CUDA: <call> failed: ...` unless `result` is CUDA_SUCCESS.
void check(CUresult result, const char *call);

/// Reports `message` through spider_rt_fail (RuntimeABI.h): the failure
/// handler, else `spider: error: <message>` on stderr and _Exit(1).
[[noreturn]] void fail(const std::string &message);

/// Makes the primary context of the default device current for its scope.
class ScopedContext {
public:
  ScopedContext();
  ~ScopedContext();
};

/// The runtime's stream on the default device: every kernel, copy and
/// memset that libspider_cuda_runtime queues goes on it (index kernels and
/// the compiled program's launches alike), so that they run in the order
/// they were issued and a freed block can be reused in stream order
/// (BlockCache.h). Created on first use, never destroyed.
CUstream stream();

/// Selects the device whose primary context ScopedContext uses.
void setDefaultDevice(int device);

} // namespace spiderrt::cuda

#define SPIDER_CU(call, ...)                                                   \
  ::spiderrt::cuda::check(::spiderrt::cuda::driver().call(__VA_ARGS__), #call)

#endif // SPIDER_RUNTIME_CUDA_CUDADRIVER_H
