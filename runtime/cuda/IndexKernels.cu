//===- IndexKernels.cu - Index construction on the GPU --------------------===//
//
// Compiled by nvcc into a fatbin that libspider_cuda_runtime embeds and loads
// through the driver API. Every index is built in three steps that need no
// host round trip:
//   1. an activity map, one byte per micro-tile (detect: from the data;
//      route: from the routing ids),
//   2. the number of active micro-tiles per group, then their exclusive scan
//      into the group offsets,
//   3. the positions, compacted per group in ascending order.
// The host reads back the status words (IndexKernelArgs.h) once, after the
// scan, because the positions buffer's size needs the number of active tiles.
//
//===----------------------------------------------------------------------===//

#include "IndexKernelArgs.h"

#include <cstdint>

using spiderrt::cuda::DetectArgs;
using spiderrt::cuda::kMaxRank;
using namespace spiderrt::cuda; // The status words.

/// A 16-bit float (f16 or bf16) by its bits: zero when every bit but the
/// sign is clear, for both formats.
struct Float16Bits {
  uint16_t bits;
};
__device__ bool isNonZero(Float16Bits v) { return (v.bits & 0x7fff) != 0; }
template <typename T>
__device__ bool isNonZero(T v) {
  return v != T(0);
}

template <typename T>
__device__ void detectBody(const DetectArgs &a, uint8_t *flags,
                           unsigned long long *status) {
  const T *data = static_cast<const T *>(a.data);
  int64_t stride = int64_t(gridDim.x) * blockDim.x;
  for (int64_t linear = int64_t(blockIdx.x) * blockDim.x + threadIdx.x;
       linear < a.numElements; linear += stride) {
    // Row-major coordinates of the element, its address and its tile.
    int64_t rest = linear, address = 0, group = 0, position = 0;
    int64_t coord[kMaxRank];
    for (int64_t d = a.rank - 1; d >= 0; --d) {
      coord[d] = rest % a.sizes[d];
      rest /= a.sizes[d];
      address += coord[d] * a.strides[d];
    }
    bool active = isNonZero(data[address]);
    if (active) {
      for (int64_t d = 0; d < a.rank; ++d) {
        int64_t tile = coord[d] / a.microtile[d];
        if (d == a.packDim)
          position = tile;
        else
          group = group * a.grid[d] + tile;
      }
      flags[group * a.grid[a.packDim] + position] = 1;
    }
    // One atomic per warp for the non-zero count.
    unsigned mask = __activemask();
    unsigned votes = __ballot_sync(mask, active);
    if ((threadIdx.x & 31) == __ffs(mask) - 1 && votes)
      atomicAdd(&status[kNonZeros], (unsigned long long)__popc(votes));
  }
}

// spider_detect_<suffix>: one kernel per element type; f16 and bf16 share
// b16 (GpuIndex.cpp names the kernel of each entry point).
#define SPIDER_DETECT_KERNEL(T, suffix)                                        \
  extern "C" __global__ void spider_detect_##suffix(                           \
      DetectArgs a, uint8_t *flags, unsigned long long *status) {             \
    detectBody<T>(a, flags, status);                                           \
  }
SPIDER_DETECT_KERNEL(float, f32)
SPIDER_DETECT_KERNEL(double, f64)
SPIDER_DETECT_KERNEL(int32_t, i32)
SPIDER_DETECT_KERNEL(int64_t, i64)
SPIDER_DETECT_KERNEL(Float16Bits, b16)
#undef SPIDER_DETECT_KERNEL

/// The routing index [tokens, experts], packed along tokens: group = expert,
/// position = token block. A bad id sets status[kRouteError] to 1 + the id's
/// slot; status[kNonZeros] counts the routed ids.
extern "C" __global__ void spider_route_flags(const int64_t *ids,
                                              int64_t numIds, int64_t k,
                                              int64_t numExperts,
                                              int64_t tokenBlock,
                                              int64_t tokenTiles,
                                              uint8_t *flags,
                                              unsigned long long *status) {
  int64_t stride = int64_t(gridDim.x) * blockDim.x;
  for (int64_t i = int64_t(blockIdx.x) * blockDim.x + threadIdx.x; i < numIds;
       i += stride) {
    int64_t expert = ids[i];
    if (expert < 0)
      continue; // "No expert".
    if (expert >= numExperts) {
      atomicCAS(&status[kRouteError], 0ull, (unsigned long long)(i + 1));
      continue;
    }
    flags[expert * tokenTiles + (i / k) / tokenBlock] = 1;
    atomicAdd(&status[kNonZeros], 1ull);
  }
}

/// counts[g] = active tiles of group g; one block per group.
extern "C" __global__ void spider_count_groups(const uint8_t *flags,
                                               int64_t numGroups,
                                               int64_t packTiles,
                                               int64_t *counts) {
  __shared__ int64_t partial[32];
  for (int64_t g = blockIdx.x; g < numGroups; g += gridDim.x) {
    int64_t sum = 0;
    for (int64_t p = threadIdx.x; p < packTiles; p += blockDim.x)
      sum += flags[g * packTiles + p] != 0;
    for (int offset = 16; offset > 0; offset /= 2)
      sum += __shfl_down_sync(0xffffffffu, sum, offset);
    if ((threadIdx.x & 31) == 0)
      partial[threadIdx.x / 32] = sum;
    __syncthreads();
    if (threadIdx.x == 0) {
      int64_t total = 0;
      for (unsigned w = 0; w < blockDim.x / 32; ++w)
        total += partial[w];
      counts[g] = total;
    }
    __syncthreads();
  }
}

/// offsets[0..n] = exclusive scan of counts[0..n);
/// status[kActiveTiles] = offsets[n].
/// One block: each thread scans a contiguous chunk.
extern "C" __global__ void spider_scan_offsets(const int64_t *counts,
                                               int64_t n, int64_t *offsets,
                                               unsigned long long *status) {
  __shared__ int64_t sums[1024];
  int64_t chunk = (n + blockDim.x - 1) / blockDim.x;
  int64_t begin = threadIdx.x * chunk;
  int64_t end = begin + chunk < n ? begin + chunk : n;
  int64_t local = 0;
  for (int64_t i = begin; i < end; ++i)
    local += counts[i];
  sums[threadIdx.x] = local;
  __syncthreads();
  if (threadIdx.x == 0) {
    int64_t running = 0;
    for (unsigned t = 0; t < blockDim.x; ++t) {
      int64_t v = sums[t];
      sums[t] = running;
      running += v;
    }
    offsets[n] = running;
    status[kActiveTiles] = (unsigned long long)running;
  }
  __syncthreads();
  int64_t running = sums[threadIdx.x];
  for (int64_t i = begin; i < end; ++i) {
    offsets[i] = running;
    running += counts[i];
  }
}

/// positions[offsets[g] ..] = the active tiles of group g in ascending order;
/// one block per group, compacted with warp ballots.
extern "C" __global__ void spider_fill_positions(const uint8_t *flags,
                                                 int64_t numGroups,
                                                 int64_t packTiles,
                                                 const int64_t *offsets,
                                                 int64_t *positions) {
  __shared__ int warpCounts[32];
  __shared__ int64_t base;
  unsigned lane = threadIdx.x & 31, warp = threadIdx.x / 32;
  unsigned numWarps = blockDim.x / 32;
  for (int64_t g = blockIdx.x; g < numGroups; g += gridDim.x) {
    if (threadIdx.x == 0)
      base = offsets[g];
    __syncthreads();
    for (int64_t p0 = 0; p0 < packTiles; p0 += blockDim.x) {
      int64_t p = p0 + threadIdx.x;
      bool active = p < packTiles && flags[g * packTiles + p] != 0;
      unsigned votes = __ballot_sync(0xffffffffu, active);
      if (lane == 0)
        warpCounts[warp] = __popc(votes);
      __syncthreads();
      int64_t before = 0, total = 0;
      for (unsigned w = 0; w < numWarps; ++w) {
        if (w < warp)
          before += warpCounts[w];
        total += warpCounts[w];
      }
      if (active)
        positions[base + before + __popc(votes & ((1u << lane) - 1))] = p;
      __syncthreads();
      if (threadIdx.x == 0)
        base += total;
      __syncthreads();
    }
  }
}
