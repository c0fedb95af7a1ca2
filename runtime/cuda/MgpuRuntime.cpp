//===- MgpuRuntime.cpp - The mgpu* ABI of MLIR's gpu-to-llvm, on CUDA -----===//
//
// The functions that host code lowered by MLIR 22's `gpu-to-llvm` calls
// (the signatures are those of that release). Debian ships no CUDA runtime
// for MLIR, so Spider provides one. Unlike MLIR's own wrappers, a failing
// CUDA call stops the program with a message naming the call, never a
// silently skipped launch.
//
//===----------------------------------------------------------------------===//

#include "CudaDriver.h"
#include "DeviceMemory.h"
#include "spider/Runtime/MemRef.h"

#include <cstdint>
#include <vector>

#define SPIDER_MGPU_EXPORT extern "C" __attribute__((visibility("default")))

using spiderrt::cuda::ScopedContext;

namespace {
/// An MLIR ranked memref descriptor, viewed without its rank.
using Descriptor = spiderrt::MemRefView<char>;

/// The byte extent of a memref: from its first element to past its last.
uint64_t memrefBytes(int64_t rank, const Descriptor *d, int64_t elementSize) {
  int64_t last = 0;
  for (int64_t i = 0; i < rank; ++i) {
    int64_t size = d->sizesAndStrides[i], stride = d->sizesAndStrides[rank + i];
    if (size == 0)
      return 0;
    last += (size - 1) * stride;
  }
  return uint64_t(last + 1) * uint64_t(elementSize);
}

/// The stream work goes on: the runtime's own (CudaDriver.h), also where
/// the caller passes none, so that nothing lands on the legacy stream
/// unordered with it.
CUstream queue(CUstream stream) {
  return stream ? stream : spiderrt::cuda::stream();
}
} // namespace

SPIDER_MGPU_EXPORT CUmodule mgpuModuleLoad(void *data, size_t /*size*/) {
  ScopedContext scope;
  CUmodule module = nullptr;
  SPIDER_CU(cuModuleLoadData, &module, data);
  return module;
}

SPIDER_MGPU_EXPORT CUmodule mgpuModuleLoadJIT(void *data, int optLevel) {
  ScopedContext scope;
  CUmodule module = nullptr;
  char log[8192] = {0};
  CUjit_option options[] = {CU_JIT_ERROR_LOG_BUFFER,
                            CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES,
                            CU_JIT_OPTIMIZATION_LEVEL};
  void *values[] = {log, reinterpret_cast<void *>(sizeof(log)),
                    reinterpret_cast<void *>(static_cast<intptr_t>(optLevel))};
  CUresult result = spiderrt::cuda::driver().cuModuleLoadDataEx(
      &module, data, 3, options, values);
  if (result != CUDA_SUCCESS && log[0])
    spiderrt::cuda::fail(std::string("CUDA: compiling PTX failed:\n") + log);
  spiderrt::cuda::check(result, "cuModuleLoadDataEx");
  return module;
}

SPIDER_MGPU_EXPORT void mgpuModuleUnload(CUmodule module) {
  SPIDER_CU(cuModuleUnload, module);
}

SPIDER_MGPU_EXPORT CUfunction mgpuModuleGetFunction(CUmodule module,
                                                    const char *name) {
  CUfunction function = nullptr;
  CUresult result =
      spiderrt::cuda::driver().cuModuleGetFunction(&function, module, name);
  if (result == CUDA_ERROR_NOT_FOUND)
    spiderrt::cuda::fail(std::string("CUDA: kernel '") + name +
                         "' is not in its GPU module");
  spiderrt::cuda::check(result, "cuModuleGetFunction");
  return function;
}

SPIDER_MGPU_EXPORT void
mgpuLaunchKernel(CUfunction function, intptr_t gridX, intptr_t gridY,
                 intptr_t gridZ, intptr_t blockX, intptr_t blockY,
                 intptr_t blockZ, int32_t smem, CUstream stream, void **params,
                 void **extra, size_t /*paramsCount*/) {
  ScopedContext scope;
  if (smem > 48 * 1024)
    SPIDER_CU(cuFuncSetAttribute, function,
              CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES, smem);
  if (gridX <= 0 || gridY <= 0 || gridZ <= 0)
    return; // An empty grid launches nothing (CUDA would reject it).
  SPIDER_CU(cuLaunchKernel, function, gridX, gridY, gridZ, blockX, blockY,
            blockZ, smem, queue(stream), params, extra);
}

// gpu-to-llvm brackets every launch that is not async with a stream
// create, synchronize and destroy. All of them get the runtime's one stream
// (CudaDriver.h): launches, copies and index kernels then run in issue
// order, and no stream is created or destroyed per launch.
SPIDER_MGPU_EXPORT CUstream mgpuStreamCreate() {
  return spiderrt::cuda::stream();
}

SPIDER_MGPU_EXPORT void mgpuStreamDestroy(CUstream stream) {
  if (stream != spiderrt::cuda::stream())
    SPIDER_CU(cuStreamDestroy, stream);
}

SPIDER_MGPU_EXPORT void mgpuStreamSynchronize(CUstream stream) {
  SPIDER_CU(cuStreamSynchronize, stream);
}

SPIDER_MGPU_EXPORT void mgpuStreamWaitEvent(CUstream stream, CUevent event) {
  SPIDER_CU(cuStreamWaitEvent, stream, event, 0);
}

SPIDER_MGPU_EXPORT CUevent mgpuEventCreate() {
  ScopedContext scope;
  CUevent event = nullptr;
  SPIDER_CU(cuEventCreate, &event, CU_EVENT_DISABLE_TIMING);
  return event;
}

SPIDER_MGPU_EXPORT void mgpuEventDestroy(CUevent event) {
  SPIDER_CU(cuEventDestroy, event);
}

SPIDER_MGPU_EXPORT void mgpuEventSynchronize(CUevent event) {
  SPIDER_CU(cuEventSynchronize, event);
}

SPIDER_MGPU_EXPORT void mgpuEventRecord(CUevent event, CUstream stream) {
  SPIDER_CU(cuEventRecord, event, stream);
}

SPIDER_MGPU_EXPORT void *mgpuMemAlloc(uint64_t sizeBytes, CUstream /*stream*/,
                                      bool isHostShared) {
  ScopedContext scope;
  if (sizeBytes == 0)
    return nullptr;
  // A reused managed block waits for the work queued before its release
  // (BlockCache.h); nothing else needs to.
  return spiderrt::cuda::allocate(sizeBytes, isHostShared);
}

SPIDER_MGPU_EXPORT void mgpuMemFree(void *ptr, CUstream /*stream*/) {
  if (!ptr)
    return;
  ScopedContext scope;
  spiderrt::cuda::release(ptr);
}

SPIDER_MGPU_EXPORT void mgpuMemcpy(void *dst, void *src, size_t sizeBytes,
                                   CUstream stream) {
  ScopedContext scope;
  SPIDER_CU(cuMemcpyAsync, reinterpret_cast<CUdeviceptr>(dst),
            reinterpret_cast<CUdeviceptr>(src), sizeBytes, queue(stream));
}

SPIDER_MGPU_EXPORT void mgpuMemset32(void *dst, unsigned value, size_t count,
                                     CUstream stream) {
  ScopedContext scope;
  SPIDER_CU(cuMemsetD32Async, reinterpret_cast<CUdeviceptr>(dst), value,
            count, queue(stream));
}

SPIDER_MGPU_EXPORT void mgpuMemset16(void *dst, unsigned short value,
                                     size_t count, CUstream stream) {
  ScopedContext scope;
  SPIDER_CU(cuMemsetD16Async, reinterpret_cast<CUdeviceptr>(dst), value,
            count, queue(stream));
}

SPIDER_MGPU_EXPORT void mgpuMemHostRegister(void *ptr, uint64_t sizeBytes) {
  ScopedContext scope;
  if (sizeBytes)
    SPIDER_CU(cuMemHostRegister, ptr, sizeBytes, 0);
}

SPIDER_MGPU_EXPORT void mgpuMemHostUnregister(void *ptr) {
  ScopedContext scope;
  SPIDER_CU(cuMemHostUnregister, ptr);
}

SPIDER_MGPU_EXPORT void mgpuMemHostRegisterMemRef(int64_t rank,
                                                  Descriptor *descriptor,
                                                  int64_t elementSizeBytes) {
  mgpuMemHostRegister(descriptor->aligned +
                          descriptor->offset * elementSizeBytes,
                      memrefBytes(rank, descriptor, elementSizeBytes));
}

SPIDER_MGPU_EXPORT void mgpuMemHostUnregisterMemRef(int64_t rank,
                                                    Descriptor *descriptor,
                                                    int64_t elementSizeBytes) {
  if (memrefBytes(rank, descriptor, elementSizeBytes))
    mgpuMemHostUnregister(descriptor->aligned +
                          descriptor->offset * elementSizeBytes);
}

SPIDER_MGPU_EXPORT void mgpuSetDefaultDevice(int32_t device) {
  spiderrt::cuda::setDefaultDevice(device);
}
