//===- Failure.cpp - The one failure path of Spider's runtimes ------------===//
//
// The handler state lives here, in libspider_runtime, and
// libspider_cuda_runtime links this library: one handler for both, whichever
// of them an embedder loaded first.
//
//===----------------------------------------------------------------------===//

#include "spider/Runtime/RuntimeABI.h"

#include <cstdio>
#include <cstdlib>
#include <mutex>

namespace {

struct Handler {
  spider_rt_failure_handler function = nullptr;
  void *userData = nullptr;
};

// Constant-initialized (constexpr constructors): usable from other
// libraries' global constructors, which may fail before ours run.
std::mutex handlerMutex;
Handler installed;

Handler current() {
  std::lock_guard<std::mutex> lock(handlerMutex);
  return installed;
}

} // namespace

extern "C" {

spider_rt_failure_handler
spider_rt_set_failure_handler(spider_rt_failure_handler handler,
                              void *userData) {
  std::lock_guard<std::mutex> lock(handlerMutex);
  spider_rt_failure_handler previous = installed.function;
  installed = {handler, handler ? userData : nullptr};
  return previous;
}

spider_rt_failure_handler spider_rt_get_failure_handler(void **userData) {
  Handler handler = current();
  if (userData)
    *userData = handler.userData;
  return handler.function;
}

void spider_rt_fail(const char *message, int32_t immediateExit) {
  // Called without the lock held: the handler may leave by longjmp.
  Handler handler = current();
  if (handler.function)
    handler.function(message, handler.userData);
  // No handler, or it returned: the failed call has no result to return.
  std::fprintf(stderr, "spider: error: %s\n", message);
  if (immediateExit) {
    std::fflush(nullptr);
    std::_Exit(1);
  }
  std::fflush(stderr);
  std::exit(1);
}

} // extern "C"
