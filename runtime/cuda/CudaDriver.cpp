//===- CudaDriver.cpp - The CUDA driver API, loaded at first use ----------===//

#include "CudaDriver.h"

#include <cstdio>
#include <cstdlib>
#include <dlfcn.h>
#include <mutex>

namespace spider::cuda {

void fail(const std::string &message) {
  std::fprintf(stderr, "spider: error: %s\n", message.c_str());
  // _Exit, not exit: a failure can happen inside the driver's static
  // initialization, called from an executable's global constructors (the
  // embedded GPU modules load there); exit() would run global destructors
  // that unload modules, re-enter that initialization and abort.
  std::fflush(nullptr);
  std::_Exit(1);
}

namespace {

#define SPIDER_STRINGIFY_EXPANDED(x) SPIDER_STRINGIFY(x)
#define SPIDER_STRINGIFY(x) #x

Driver load() {
  Driver d;
  void *lib = dlopen("libcuda.so.1", RTLD_NOW | RTLD_LOCAL);
  if (!lib)
    fail(std::string("CUDA: cannot load the NVIDIA driver (libcuda.so.1): ") +
         dlerror() + "; code compiled by spider-gpu-pipeline needs an "
         "NVIDIA GPU and its driver");
#define SPIDER_CUDA_RESOLVE(f)                                                 \
  d.f = reinterpret_cast<decltype(d.f)>(                                       \
      dlsym(lib, SPIDER_STRINGIFY_EXPANDED(f)));                               \
  if (!d.f)                                                                    \
    fail("CUDA: the driver lacks " SPIDER_STRINGIFY_EXPANDED(                  \
        f) "; it is older than this runtime needs");
  SPIDER_CUDA_DRIVER_FUNCTIONS(SPIDER_CUDA_RESOLVE)
#undef SPIDER_CUDA_RESOLVE
  return d;
}

int defaultDevice = 0;

} // namespace

const Driver &driver() {
  static const Driver d = [] {
    Driver loaded = load();
    CUresult result = loaded.cuInit(0);
    if (result != CUDA_SUCCESS) {
      const char *name = "?", *text = "?";
      loaded.cuGetErrorName(result, &name);
      loaded.cuGetErrorString(result, &text);
      fail(std::string("CUDA: cuInit failed: ") + name + ": " + text);
    }
    return loaded;
  }();
  return d;
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
CUcontext primaryContext() {
  static std::mutex mutex;
  static CUcontext contexts[64] = {};
  std::lock_guard<std::mutex> lock(mutex);
  int count = 0;
  SPIDER_CU(cuDeviceGetCount, &count);
  if (defaultDevice < 0 || defaultDevice >= count || defaultDevice >= 64)
    fail("CUDA: device " + std::to_string(defaultDevice) +
         " does not exist; this machine has " + std::to_string(count));
  CUcontext &context = contexts[defaultDevice];
  if (!context) {
    CUdevice device;
    SPIDER_CU(cuDeviceGet, &device, defaultDevice);
    SPIDER_CU(cuDevicePrimaryCtxRetain, &context, device);
  }
  return context;
}
} // namespace

ScopedContext::ScopedContext() { SPIDER_CU(cuCtxPushCurrent, primaryContext()); }

ScopedContext::~ScopedContext() {
  CUcontext popped;
  SPIDER_CU(cuCtxPopCurrent, &popped);
}

} // namespace spider::cuda
