//===- FailureHandlerTest.cpp - Run-time errors an embedder can catch -----===//
//
// Both runtimes report bad input and failed CUDA calls through the one
// handler of RuntimeABI.h. These tests install a handler that longjmps back,
// as an embedder that must survive would, and check that the default
// (message, exit status 1) comes back when the handler is removed or
// returns. libspider_cuda_runtime is opened with dlopen when it was built:
// its failures must reach the same handler, on machines without a GPU too.
// Also: the entry-point names of RuntimeABI.h resolve in both runtimes.
//
//===----------------------------------------------------------------------===//

#include "spider/Runtime/SpiderRuntime.h"
#include "spider/Runtime/TestSupport.h"

#include <gtest/gtest.h>

#include <csetjmp>
#include <cstdio>
#include <dlfcn.h>
#include <functional>
#include <string>
#include <vector>

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#include <sanitizer/lsan_interface.h>
#define SPIDER_HAVE_LSAN 1
#endif
#endif

using namespace spiderrt;

namespace {

// What the handler saw. Globals, not locals of the function that calls
// setjmp: those would be indeterminate after the longjmp.
std::jmp_buf escapeBuffer;
std::string lastMessage;
void *lastUserData = nullptr;
int handlerCalls = 0;
int userDataTag;

void recordAndEscape(const char *message, void *userData) {
  lastMessage = message;
  lastUserData = userData;
  ++handlerCalls;
  std::longjmp(escapeBuffer, 1);
}

/// Runs `call` with recordAndEscape installed; returns whether it failed
/// (and the handler brought control back here).
bool escapes(const std::function<void()> &call) {
  lastMessage.clear();
#ifdef SPIDER_HAVE_LSAN
  // RuntimeABI.h: an escape leaks the failed call's allocations (and the
  // locals of the frames it skips). That is the contract, not a bug.
  __lsan::ScopedDisabler expectedLeaks;
#endif
  spider_rt_failure_handler previous =
      spider_rt_set_failure_handler(recordAndEscape, &userDataTag);
  if (setjmp(escapeBuffer) == 0) {
    call();
    spider_rt_set_failure_handler(previous, nullptr);
    return false;
  }
  spider_rt_set_failure_handler(previous, nullptr);
  return true;
}

/// A [tokens] routing ids memref over `ids`.
struct Ids {
  std::vector<int64_t> values;
  MemRef<int64_t, 1> desc;
  UnrankedMemRef unranked;
  explicit Ids(std::vector<int64_t> v) : values(std::move(v)) {
    int64_t n = static_cast<int64_t>(values.size());
    desc = {values.data(), values.data(), 0, {n}, {1}};
    unranked = {1, &desc};
  }
};

const char *kRouteError =
    "spider.route: expert id 7 of token 1 is out of range [0, 4)";

TEST(FailureHandler, CpuErrorsReachTheHandlerWithoutThePrefix) {
  Ids bad({0, 7});
  int callsBefore = handlerCalls;
  EXPECT_TRUE(
      escapes([&] { _mlir_ciface_spider_rt_route(&bad.unranked, 4, 1); }));
  EXPECT_EQ(lastMessage, kRouteError);
  EXPECT_EQ(lastUserData, &userDataTag);
  EXPECT_EQ(handlerCalls, callsBefore + 1);

  EXPECT_TRUE(escapes([] {
    MemRef<int64_t, 1> result;
    _mlir_ciface_spider_rt_index_offsets(&result, nullptr);
  }));
  EXPECT_EQ(lastMessage, "spider.index_arrays: null index handle");

  // TestSupport.cpp fails the same way.
  EXPECT_TRUE(escapes([] {
    std::vector<int64_t> offsets(3), columns(5);
    MemRef<int64_t, 1> o = {offsets.data(), offsets.data(), 0, {3}, {1}};
    MemRef<int64_t, 1> c = {columns.data(), columns.data(), 0, {5}, {1}};
    _mlir_ciface_spider_rt_fill_rmat_csr(&o, &c, 1);
  }));
  EXPECT_EQ(lastMessage, "fill_rmat_csr: 5 edges do not fit 2 vertices");
}

TEST(FailureHandler, TheRuntimeWorksAfterAnEscape) {
  Ids bad({0, 7});
  EXPECT_TRUE(
      escapes([&] { _mlir_ciface_spider_rt_route(&bad.unranked, 4, 1); }));
  Ids good({1, 0, 1});
  void *index = nullptr;
  EXPECT_FALSE(escapes(
      [&] { index = _mlir_ciface_spider_rt_route(&good.unranked, 2, 1); }));
  ASSERT_NE(index, nullptr);
  EXPECT_EQ(spider_rt_index_num_active(index), 3);
  spider_rt_index_release(index);
}

TEST(FailureHandler, SetReturnsThePreviousAndGetReportsIt) {
  EXPECT_EQ(spider_rt_get_failure_handler(nullptr), nullptr);
  EXPECT_EQ(spider_rt_set_failure_handler(recordAndEscape, &userDataTag),
            nullptr);
  void *userData = nullptr;
  EXPECT_EQ(spider_rt_get_failure_handler(&userData), recordAndEscape);
  EXPECT_EQ(userData, &userDataTag);
  EXPECT_EQ(spider_rt_set_failure_handler(nullptr, &userDataTag),
            recordAndEscape);
  EXPECT_EQ(spider_rt_get_failure_handler(&userData), nullptr);
  EXPECT_EQ(userData, nullptr);
}

void printAndReturn(const char *message, void *) {
  std::fprintf(stderr, "handler saw: %s\n", message);
}

TEST(FailureHandlerDeathTest, NullRestoresTheDefault) {
  spider_rt_set_failure_handler(recordAndEscape, nullptr);
  spider_rt_set_failure_handler(nullptr, nullptr);
  Ids bad({0, 7});
  EXPECT_EXIT(_mlir_ciface_spider_rt_route(&bad.unranked, 4, 1),
              ::testing::ExitedWithCode(1),
              "spider: error: spider.route: expert id 7 of token 1 is out of "
              "range \\[0, 4\\)");
}

TEST(FailureHandlerDeathTest, AHandlerThatReturnsFallsBackToTheDefault) {
  Ids bad({0, 7});
  EXPECT_EXIT(
      {
        spider_rt_set_failure_handler(printAndReturn, nullptr);
        _mlir_ciface_spider_rt_route(&bad.unranked, 4, 1);
      },
      ::testing::ExitedWithCode(1),
      "handler saw: spider\\.route: expert id 7(.|\n)*"
      "spider: error: spider\\.route: expert id 7");
}

// The names the compiler emits (RuntimeABI.h) against what the runtimes
// define.
std::vector<std::string>
indexEntryPoints(const std::string &prefix,
                 const std::vector<std::string> &types) {
  std::vector<std::string> names;
  for (const std::string &type : types)
    names.push_back("_mlir_ciface_" + prefix + SPIDER_RT_DETECT_STEM + type);
  for (const char *stem :
       {SPIDER_RT_ROUTE_STEM, SPIDER_RT_INDEX_FROM_CSR_STEM,
        SPIDER_RT_INDEX_OFFSETS_STEM, SPIDER_RT_INDEX_POSITIONS_STEM})
    names.push_back("_mlir_ciface_" + prefix + stem);
  for (const char *stem :
       {SPIDER_RT_INDEX_NONZEROS_STEM, SPIDER_RT_INDEX_RELEASE_STEM})
    names.push_back(prefix + stem);
  return names;
}

#define SPIDER_TEST_SUFFIX(SUFFIX, CTYPE) #SUFFIX,

TEST(RuntimeABI, TheCpuRuntimeDefinesEveryNameTheCompilerEmits) {
  std::vector<std::string> names =
      indexEntryPoints(SPIDER_RT_CPU_PREFIX,
                       {SPIDER_RT_FOR_EVERY_DETECT_TYPE(SPIDER_TEST_SUFFIX)});
  names.push_back(SPIDER_RT_PROFILE_BEGIN);
  names.push_back(SPIDER_RT_PROFILE_END);
  for (const std::string &name : names)
    EXPECT_NE(dlsym(RTLD_DEFAULT, name.c_str()), nullptr) << name;
}

#ifdef SPIDER_CUDA_RUNTIME_LIB

/// libspider_cuda_runtime, opened once; it links libspider_runtime, which
/// the loader shares with this test (one handler).
void *cudaRuntime() {
  static void *handle = dlopen(SPIDER_CUDA_RUNTIME_LIB, RTLD_NOW | RTLD_LOCAL);
  return handle;
}

template <typename F> F *cudaEntry(const char *name) {
  return reinterpret_cast<F *>(dlsym(cudaRuntime(), name));
}

TEST(RuntimeABI, TheGpuRuntimeDefinesEveryNameTheCompilerEmits) {
  ASSERT_NE(cudaRuntime(), nullptr) << dlerror();
  for (const std::string &name : indexEntryPoints(
           SPIDER_RT_GPU_PREFIX,
           {SPIDER_RT_FOR_EVERY_GPU_DETECT_TYPE(SPIDER_TEST_SUFFIX)}))
    EXPECT_NE(dlsym(cudaRuntime(), name.c_str()), nullptr) << name;
}

using IndexArray = void(MemRef<int64_t, 1> *, void *);

TEST(FailureHandler, GpuErrorsReachTheSameHandler) {
  ASSERT_NE(cudaRuntime(), nullptr) << dlerror();
  // Needs no driver: the handle is checked first.
  auto *offsets = cudaEntry<IndexArray>(
      "_mlir_ciface_" SPIDER_RT_GPU_PREFIX SPIDER_RT_INDEX_OFFSETS_STEM);
  ASSERT_NE(offsets, nullptr);
  EXPECT_TRUE(escapes([&] {
    MemRef<int64_t, 1> result;
    offsets(&result, nullptr);
  }));
  EXPECT_EQ(lastMessage, "spider.index_arrays: null index handle");
  EXPECT_EQ(lastUserData, &userDataTag);
}

TEST(FailureHandler, AMissingDriverFailsEveryCallTheSameWay) {
  ASSERT_NE(cudaRuntime(), nullptr) << dlerror();
  if (void *driver = dlopen("libcuda.so.1", RTLD_NOW | RTLD_LOCAL)) {
    dlclose(driver);
    GTEST_SKIP() << "this machine has an NVIDIA driver";
  }
  auto *release = cudaEntry<void(void *)>(
      SPIDER_RT_GPU_PREFIX SPIDER_RT_INDEX_RELEASE_STEM);
  ASSERT_NE(release, nullptr);
  int dummy = 0;
  // Twice: the first failure must leave no static initialization pending
  // and no lock held.
  for (int attempt = 0; attempt < 2; ++attempt) {
    EXPECT_TRUE(escapes([&] { release(&dummy); }));
    EXPECT_EQ(lastMessage.rfind("CUDA: cannot load the NVIDIA driver", 0), 0u)
        << lastMessage;
  }
}

TEST(FailureHandlerDeathTest, TheGpuDefaultPrintsAndExitsWithStatusOne) {
  ASSERT_NE(cudaRuntime(), nullptr) << dlerror();
  auto *offsets = cudaEntry<IndexArray>(
      "_mlir_ciface_" SPIDER_RT_GPU_PREFIX SPIDER_RT_INDEX_OFFSETS_STEM);
  ASSERT_NE(offsets, nullptr);
  MemRef<int64_t, 1> result;
  EXPECT_EXIT(offsets(&result, nullptr), ::testing::ExitedWithCode(1),
              "spider: error: spider.index_arrays: null index handle");
}

#else

TEST(FailureHandler, GpuErrorsReachTheSameHandler) {
  GTEST_SKIP() << "libspider_cuda_runtime is not built";
}

#endif // SPIDER_CUDA_RUNTIME_LIB

} // namespace
