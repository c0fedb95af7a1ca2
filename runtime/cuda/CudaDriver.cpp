//===- CudaDriver.cpp - The CUDA driver API, loaded at first use ----------===//

#include "CudaDriver.h"

#include "spider/Runtime/RuntimeABI.h"

#include <dlfcn.h>
#include <mutex>

namespace spiderrt::cuda {

void fail(const std::string &message) {
  // Immediate exit (_Exit) by default, not exit(): a failure can happen
  // inside the driver's static initialization, called from an executable's
  // global constructors (the embedded GPU modules load there); exit() would
  // run global destructors that unload modules, re-enter that
  // initialization and abort.
  spider_rt_fail(message.c_str(), /*immediateExit=*/1);
}

namespace {

#define SPIDER_STRINGIFY_EXPANDED(x) SPIDER_STRINGIFY(x)
#define SPIDER_STRINGIFY(x) #x

/// The driver, or why it cannot be used.
struct LoadedDriver {
  Driver driver;
  std::string error;
};

/// Opens the driver and calls cuInit. Reports problems in the result rather
/// than failing: it runs as a static's initialization, which a failure
/// handler that does not return would leave pending (and the next call
/// blocked on it).
LoadedDriver load() {
  LoadedDriver loaded;
  Driver &d = loaded.driver;
  void *lib = dlopen("libcuda.so.1", RTLD_NOW | RTLD_LOCAL);
  if (!lib) {
    loaded.error =
        std::string("CUDA: cannot load the NVIDIA driver (libcuda.so.1): ") +
        dlerror() +
        "; code compiled by spider-gpu-pipeline needs an NVIDIA GPU and its "
        "driver";
    return loaded;
  }
#define SPIDER_CUDA_RESOLVE(f)                                                 \
  d.f = reinterpret_cast<decltype(d.f)>(                                       \
      dlsym(lib, SPIDER_STRINGIFY_EXPANDED(f)));                               \
  if (!d.f) {                                                                  \
    loaded.error = "CUDA: the driver lacks " SPIDER_STRINGIFY_EXPANDED(        \
        f) "; it is older than this runtime needs";                            \
    return loaded;                                                             \
  }
  SPIDER_CUDA_DRIVER_FUNCTIONS(SPIDER_CUDA_RESOLVE)
#undef SPIDER_CUDA_RESOLVE
  CUresult result = d.cuInit(0);
  if (result != CUDA_SUCCESS) {
    const char *name = "?", *text = "?";
    d.cuGetErrorName(result, &name);
    d.cuGetErrorString(result, &text);
    loaded.error = std::string("CUDA: cuInit failed: ") + name + ": " + text;
  }
  return loaded;
}

int defaultDevice = 0;

} // namespace

const Driver &driver() {
  static const LoadedDriver loaded = load();
  // Every call fails the same way when the first could not open it.
  if (!loaded.error.empty())
    fail(loaded.error);
  return loaded.driver;
}

void check(CUresult result, const char *call) {
  if (result == CUDA_SUCCESS)
    return;
  const char *name = "?", *text = "?";
  driver().cuGetErrorName(result, &name);
  driver().cuGetErrorString(result, &text);
  fail(std::string("CUDA: ") + call + " failed: " + name + ": " + text);
}

void setDefaultDevice(int device) { defaultDevice = device; }

namespace {
/// The primary context of the default device, retained on first use. The
/// driver calls and failures happen outside the lock, which a failure
/// handler that does not return would leave held.
CUcontext primaryContext() {
  static std::mutex mutex;
  static CUcontext contexts[64] = {};
  int count = 0;
  SPIDER_CU(cuDeviceGetCount, &count);
  int ordinal = defaultDevice;
  if (ordinal < 0 || ordinal >= count || ordinal >= 64)
    fail("CUDA: device " + std::to_string(ordinal) +
         " does not exist; this machine has " + std::to_string(count));
  {
    std::lock_guard<std::mutex> lock(mutex);
    if (contexts[ordinal])
      return contexts[ordinal];
  }
  CUdevice device;
  SPIDER_CU(cuDeviceGet, &device, ordinal);
  CUcontext context = nullptr;
  SPIDER_CU(cuDevicePrimaryCtxRetain, &context, device);
  // Threads that raced here retained the same primary context; like the
  // first retain, the extra ones last as long as the process.
  std::lock_guard<std::mutex> lock(mutex);
  if (!contexts[ordinal])
    contexts[ordinal] = context;
  return contexts[ordinal];
}
} // namespace

ScopedContext::ScopedContext() { SPIDER_CU(cuCtxPushCurrent, primaryContext()); }

CUstream stream() {
  static std::mutex mutex;
  static CUstream streams[64] = {};
  ScopedContext scope; // Checks the device ordinal.
  int ordinal = defaultDevice;
  {
    std::lock_guard<std::mutex> lock(mutex);
    if (streams[ordinal])
      return streams[ordinal];
  }
  // Non-blocking: work on the legacy default stream (other libraries') does
  // not serialize with it. Never destroyed, like the primary context.
  CUstream created = nullptr;
  SPIDER_CU(cuStreamCreate, &created, CU_STREAM_NON_BLOCKING);
  std::lock_guard<std::mutex> lock(mutex);
  if (!streams[ordinal])
    streams[ordinal] = created;
  else
    driver().cuStreamDestroy(created); // Another thread was first.
  return streams[ordinal];
}

ScopedContext::~ScopedContext() {
  CUcontext popped;
  SPIDER_CU(cuCtxPopCurrent, &popped);
}

} // namespace spiderrt::cuda
