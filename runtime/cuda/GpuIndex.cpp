//===- GpuIndex.cpp - Index construction for code on the GPU --------------===//
//
// The spider_rt_gpu_* entry points that convert-spider-to-runtime{target=gpu}
// calls. Detect and route run as kernels (IndexKernels.cu) on data the GPU
// can read; CSR indices are built on the host from the (managed) CSR arrays
// and copied. Index arrays live in CUDA managed memory, so that kernels and
// host loops read them alike, and buffers handed to compiled code are freed
// by its gpu.dealloc (back to the runtime's block cache, DeviceMemory.h).
//
//===----------------------------------------------------------------------===//

#include "CudaDriver.h"
#include "DeviceMemory.h"
#include "IndexKernelArgs.h"
#include "spider/Runtime/CudaRuntime.h"
#include "spider/Runtime/MemRef.h"
#include "spider/Runtime/TileIndex.h"

#include <cstdint>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

// The fatbin of IndexKernels.cu (bin2c).
#include "IndexKernelsFatbin.h"

using namespace spiderrt::cuda;
using spiderrt::MemRef;
using spiderrt::UnrankedMemRef;

namespace {

constexpr unsigned kThreads = 256;

/// An index whose arrays are in managed memory.
struct GpuIndex {
  int64_t numGroups = 0, packTiles = 0, numActive = 0, nonZeros = -1;
  int64_t *offsets = nullptr;   ///< numGroups + 1 entries.
  int64_t *positions = nullptr; ///< numActive entries (at least one slot).
};

int64_t *allocManaged(int64_t count) {
  return static_cast<int64_t *>(spiderrt::cuda::allocate(
      sizeof(int64_t) * static_cast<size_t>(count > 0 ? count : 1),
      /*managed=*/true));
}

void *allocDevice(size_t bytes) {
  return spiderrt::cuda::allocate(bytes, /*managed=*/false);
}

/// Frees scratch buffers of index construction while the kernels that use
/// them may still run: they are device blocks, reused in stream order.
void freeScratch(void *ptr) { spiderrt::cuda::release(ptr); }

/// Copies `bytes` from `source` to host or managed memory the host reads
/// next: queued behind the work that writes `source`, then waited for.
void copyToHost(void *destination, const void *source, size_t bytes) {
  SPIDER_CU(cuMemcpyAsync, reinterpret_cast<CUdeviceptr>(destination),
            reinterpret_cast<CUdeviceptr>(source), bytes, stream());
  SPIDER_CU(cuStreamSynchronize, stream());
}

CUfunction kernel(const char *name) {
  // Loaded once; checked outside the static's initialization, so that a
  // failure handler that does not return leaves no initialization pending.
  static const std::pair<CUmodule, CUresult> module = [] {
    CUmodule m = nullptr;
    CUresult result = driver().cuModuleLoadData(&m, spider_index_kernels);
    return std::make_pair(m, result);
  }();
  check(module.second, "cuModuleLoadData");
  CUfunction function = nullptr;
  SPIDER_CU(cuModuleGetFunction, &function, module.first, name);
  return function;
}

unsigned blocksFor(int64_t work) {
  int64_t blocks = (work + kThreads - 1) / kThreads;
  return static_cast<unsigned>(blocks < 1 ? 1 : (blocks > 65535 ? 65535 : blocks));
}

void launch(const char *name, unsigned blocks, unsigned threads,
            std::vector<void *> params) {
  SPIDER_CU(cuLaunchKernel, kernel(name), blocks, 1, 1, threads, 1, 1, 0,
            stream(), params.data(), nullptr);
}

/// Checks that the GPU can read `data` (device, managed or registered host
/// memory).
void checkReadable(const void *data, const char *op) {
  if (!data)
    return;
  unsigned memoryType = 0;
  CUresult result = driver().cuPointerGetAttribute(
      &memoryType, CU_POINTER_ATTRIBUTE_MEMORY_TYPE,
      reinterpret_cast<CUdeviceptr>(data));
  if (result != CUDA_SUCCESS)
    fail(std::string("spider.") + op +
         ": the input is host memory the GPU cannot read; allocate it with "
         "gpu.alloc (spider-gpu-pipeline does for memref.alloc) or register "
         "it with gpu.host_register");
}

/// Step 1's output: the activity map of numGroups x packTiles micro-tiles
/// and the status words, zeroed, on the device. All of its work is queued
/// on stream(), in order.
struct Activity {
  int64_t numGroups = 0, packTiles = 0;
  uint8_t *flags = nullptr;
  unsigned long long *status = nullptr;

  Activity(int64_t numGroups, int64_t packTiles)
      : numGroups(numGroups), packTiles(packTiles) {
    size_t tiles = static_cast<size_t>(numGroups * packTiles);
    flags = static_cast<uint8_t *>(allocDevice(tiles));
    status = static_cast<unsigned long long *>(
        allocDevice(sizeof(unsigned long long) * kStatusWords));
    SPIDER_CU(cuMemsetD8Async, reinterpret_cast<CUdeviceptr>(flags), 0,
              tiles ? tiles : 1, stream());
    SPIDER_CU(cuMemsetD8Async, reinterpret_cast<CUdeviceptr>(status), 0,
              sizeof(unsigned long long) * kStatusWords, stream());
  }
  ~Activity() {
    freeScratch(flags);
    freeScratch(status);
  }
};

/// Steps 2 and 3 of IndexKernels.cu: activity map -> offsets, positions.
/// Reads the status words back once (the positions buffer's size needs
/// them) into `words`.
GpuIndex *compress(Activity &map, unsigned long long words[kStatusWords]) {
  auto *index = new GpuIndex;
  int64_t numGroups = map.numGroups, packTiles = map.packTiles;
  index->numGroups = numGroups;
  index->packTiles = packTiles;
  index->offsets = allocManaged(numGroups + 1);
  auto *counts = static_cast<int64_t *>(allocDevice(8 * (numGroups + 1)));
  unsigned groupBlocks = static_cast<unsigned>(
      numGroups < 1 ? 1 : (numGroups > 65535 ? 65535 : numGroups));
  launch("spider_count_groups", groupBlocks, kThreads,
         {&map.flags, &numGroups, &packTiles, &counts});
  launch("spider_scan_offsets", 1, 1024,
         {&counts, &numGroups, &index->offsets, &map.status});
  copyToHost(words, map.status, sizeof(unsigned long long) * kStatusWords);
  index->numActive = static_cast<int64_t>(words[kActiveTiles]);
  index->nonZeros = static_cast<int64_t>(words[kNonZeros]);
  index->positions = allocManaged(index->numActive);
  launch("spider_fill_positions", groupBlocks, kThreads,
         {&map.flags, &numGroups, &packTiles, &index->offsets,
          &index->positions});
  freeScratch(counts); // The positions are written in stream order.
  return index;
}

template <typename T>
void *detect(UnrankedMemRef *input, int64_t packDim, const int64_t tiles[4],
             const char *suffix) {
  ScopedContext scope;
  spiderrt::StridedView<T> view(input);
  if (view.rank < 1 || view.rank > kMaxRank)
    fail("spider.detect: tensors of rank 1 to 4 are supported, not rank " +
         std::to_string(view.rank));
  if (packDim < 0 || packDim >= view.rank)
    fail("spider.detect: pack dimension " + std::to_string(packDim) +
         " is out of range for rank " + std::to_string(view.rank));
  DetectArgs args{};
  args.data = view.data;
  args.rank = view.rank;
  args.numElements = view.numElements();
  args.packDim = packDim;
  int64_t numGroups = 1; // Row-major over the non-pack axes.
  for (int64_t d = 0; d < view.rank; ++d) {
    if (tiles[d] <= 0)
      fail("spider.detect: micro-tile sizes must be positive");
    args.sizes[d] = view.sizes[d];
    args.strides[d] = view.strides[d];
    args.microtile[d] = tiles[d];
    args.grid[d] = (view.sizes[d] + tiles[d] - 1) / tiles[d];
    if (d != packDim)
      numGroups *= args.grid[d];
  }
  Activity map(numGroups, args.grid[packDim]);
  if (args.numElements) {
    checkReadable(view.data, "detect");
    std::string name = std::string("spider_detect_") + suffix;
    launch(name.c_str(), blocksFor(args.numElements), kThreads,
           {&args, &map.flags, &map.status});
  }
  unsigned long long words[kStatusWords];
  return compress(map, words);
}

GpuIndex *fromHost(const spiderrt::TileIndex &host) {
  auto *index = new GpuIndex;
  index->numGroups = host.numGroups();
  index->packTiles = host.grid.empty() ? 0 : host.grid[host.packDim];
  index->numActive = host.numActive();
  index->nonZeros = host.nonZeros;
  index->offsets = allocManaged(index->numGroups + 1);
  index->positions = allocManaged(index->numActive);
  std::memcpy(index->offsets, host.offsets.data(),
              sizeof(int64_t) * host.offsets.size());
  std::memcpy(index->positions, host.positions.data(),
              sizeof(int64_t) * host.positions.size());
  return index;
}

GpuIndex *handle(void *index, const char *op) {
  if (!index)
    fail(std::string("spider.") + op + ": null index handle");
  return static_cast<GpuIndex *>(index);
}

/// A fresh managed copy of `count` entries at `source`, as a 1-D memref,
/// complete on return (the compiled program's host loops read it).
void copyOut(MemRef<int64_t, 1> *result, const int64_t *source,
             int64_t count) {
  ScopedContext scope;
  int64_t *copy = allocManaged(count);
  if (count)
    copyToHost(copy, source, sizeof(int64_t) * count);
  *result = {copy, copy, 0, {count}, {1}};
}

/// A contiguous 1-D or 2-D i64 buffer, read on the host.
const int64_t *contiguousI64(UnrankedMemRef *m, const char *what,
                             int64_t &rows, int64_t &columns) {
  spiderrt::StridedView<int64_t> view(m);
  if (view.rank < 1 || view.rank > 2)
    fail(std::string(what) + " must have rank 1 or 2, not " +
         std::to_string(view.rank));
  rows = view.sizes[0];
  columns = view.rank == 2 ? view.sizes[1] : 1;
  bool contiguous = view.strides[view.rank - 1] == 1 || columns <= 1;
  if (view.rank == 2)
    contiguous &= view.strides[0] == columns || rows <= 1;
  if (!contiguous)
    fail(std::string(what) + " must be contiguous on the GPU");
  return view.data;
}

} // namespace

extern "C" {

// The detect kernel is spider_detect_<SUFFIX>, except that the 16-bit types
// (f16, bf16) share spider_detect_b16, which reads 16-bit words.
#define SPIDER_GPU_DETECT(SUFFIX, CTYPE)                                       \
  void *_mlir_ciface_spider_rt_gpu_detect_##SUFFIX(                            \
      UnrankedMemRef *input, int64_t packDim, int64_t t0, int64_t t1,          \
      int64_t t2, int64_t t3) {                                                \
    const int64_t tiles[4] = {t0, t1, t2, t3};                                 \
    return detect<CTYPE>(input, packDim, tiles,                                \
                         sizeof(CTYPE) == 2 ? "b16" : #SUFFIX);                \
  }
SPIDER_RT_FOR_EVERY_GPU_DETECT_TYPE(SPIDER_GPU_DETECT)
#undef SPIDER_GPU_DETECT

void *_mlir_ciface_spider_rt_gpu_route(UnrankedMemRef *ids, int64_t numExperts,
                                       int64_t tokenBlock) {
  ScopedContext scope;
  int64_t tokens = 0, k = 0;
  const int64_t *data = contiguousI64(ids, "spider.route: routing ids", tokens, k);
  if (numExperts <= 0)
    fail("spider.route: the number of experts must be positive, not " +
         std::to_string(numExperts));
  if (tokenBlock <= 0)
    fail("spider.route: the token block must be positive, not " +
         std::to_string(tokenBlock));
  int64_t numIds = tokens * k;
  int64_t tokenTiles = (tokens + tokenBlock - 1) / tokenBlock;
  Activity map(numExperts, tokenTiles);
  if (numIds) {
    checkReadable(data, "route");
    launch("spider_route_flags", blocksFor(numIds), kThreads,
           {&data, &numIds, &k, &numExperts, &tokenBlock, &tokenTiles,
            &map.flags, &map.status});
  }
  // Bad ids are skipped in the map; they are reported from the one
  // read-back of the status words.
  unsigned long long words[kStatusWords];
  GpuIndex *index = compress(map, words);
  if (words[kRouteError]) {
    int64_t slot = static_cast<int64_t>(words[kRouteError] - 1), expert = 0;
    copyToHost(&expert, data + slot, sizeof(expert));
    fail("spider.route: expert id " + std::to_string(expert) + " of token " +
         std::to_string(slot / k) + " is out of range [0, " +
         std::to_string(numExperts) + ")");
  }
  return index;
}

namespace {
void *gpuIndexFromCsr(UnrankedMemRef *offsets, UnrankedMemRef *columns,
                      int64_t numColumns, int64_t rowBlock,
                      int64_t columnBlock, bool sortedColumns) {
  ScopedContext scope;
  // The CSR arrays are read on the host: after everything queued in the
  // context, the runtime's stream and any other.
  SPIDER_CU(cuCtxSynchronize);
  int64_t numOffsets = 0, one = 0, numEntries = 0;
  const int64_t *rowOffsets =
      contiguousI64(offsets, "spider.index_from_csr: row offsets", numOffsets, one);
  const int64_t *columnIds =
      contiguousI64(columns, "spider.index_from_csr: columns", numEntries, one);
  if (numOffsets < 1)
    fail("spider.index_from_csr: row offsets must have at least one entry");
  spiderrt::IndexOrError built =
      spiderrt::csrIndex(rowOffsets, numOffsets - 1, columnIds, numEntries,
                         numColumns, rowBlock, columnBlock, sortedColumns);
  if (!built.ok())
    fail("spider." + built.error);
  return fromHost(built.index);
}
} // namespace

void *_mlir_ciface_spider_rt_gpu_index_from_csr(UnrankedMemRef *offsets,
                                                UnrankedMemRef *columns,
                                                int64_t numColumns,
                                                int64_t rowBlock,
                                                int64_t columnBlock) {
  return gpuIndexFromCsr(offsets, columns, numColumns, rowBlock, columnBlock,
                         /*sortedColumns=*/false);
}

void *_mlir_ciface_spider_rt_gpu_index_from_sorted_csr(
    UnrankedMemRef *offsets, UnrankedMemRef *columns, int64_t numColumns,
    int64_t rowBlock, int64_t columnBlock) {
  return gpuIndexFromCsr(offsets, columns, numColumns, rowBlock, columnBlock,
                         /*sortedColumns=*/true);
}

void _mlir_ciface_spider_rt_gpu_index_offsets(MemRef<int64_t, 1> *result,
                                              void *index) {
  GpuIndex *i = handle(index, "index_arrays");
  copyOut(result, i->offsets, i->numGroups + 1);
}

void _mlir_ciface_spider_rt_gpu_index_positions(MemRef<int64_t, 1> *result,
                                                void *index) {
  GpuIndex *i = handle(index, "index_arrays");
  copyOut(result, i->positions, i->numActive);
}

int64_t spider_rt_gpu_index_nonzeros(void *index) {
  return handle(index, "index_nonzeros")->nonZeros;
}

int64_t spider_rt_gpu_index_num_active(void *index) {
  return handle(index, "index_arrays")->numActive;
}

void spider_rt_gpu_index_release(void *index) {
  if (!index)
    return;
  ScopedContext scope;
  GpuIndex *i = static_cast<GpuIndex *>(index);
  // Kernels of the compiled program may still read the arrays: the cache
  // keeps them until that work is done before handing them out again.
  spiderrt::cuda::release(i->offsets);
  spiderrt::cuda::release(i->positions);
  delete i;
}

} // extern "C"
