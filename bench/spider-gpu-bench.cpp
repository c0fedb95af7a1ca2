//===- spider-gpu-bench.cpp - Spider vs cuBLAS vs cuSPARSE on one GPU -----===//
//
// One process, identical data: C = A B + C at n x n x n with A (f16) sparse
// in micro-tiles at several densities, B (f16) dense, C f32. Compared:
//  * Spider: the marked program compiled ahead of time by
//    bench/build-gpu-bench.sh (spider-gpu-pipeline, sm_90 fatbin), called
//    through its C interface; index construction (detect on the GPU) is
//    inside every timed call, as are the result allocation (from the
//    runtime's block cache) and the copy of C;
//  * Spider's unmarked program (its dense kernel) at every density;
//  * cuBLAS cublasGemmEx, f16 inputs, f32 compute and output, on dense A;
//  * cuSPARSE cusparseSpMM with A in CSR (built on the host, not timed).
// Every result is compared with cuBLAS (normwise relative error). Times are
// medians of host wall-clock around a synchronized call, for all four, so
// that launch overheads count alike.
//
//   spider-gpu-bench [--reps=20] [--densities=0.01,0.05,0.1,0.5,1]
//                    [--csv=FILE]
//
// The matrix size and the micro-tile shapes are fixed when the programs are
// compiled (build-gpu-bench.sh N=...); the binary reports them.
//
//===----------------------------------------------------------------------===//

#include <cublas_v2.h>
#include <cuda_fp16.h>
#include <cuda_runtime.h>
#include <cusparse.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <random>
#include <string>
#include <vector>

#ifndef SPIDER_BENCH_N
#error "compile with -DSPIDER_BENCH_N=<n> (bench/build-gpu-bench.sh does)"
#endif

namespace {

constexpr int64_t N = SPIDER_BENCH_N;

template <typename T>
struct MemRef2D {
  T *allocated;
  T *aligned;
  int64_t offset;
  int64_t sizes[2];
  int64_t strides[2];
};

using HalfRef = MemRef2D<uint16_t>;
using FloatRef = MemRef2D<float>;

} // namespace

// The compiled programs (build-gpu-bench.sh) and the runtime's free.
extern "C" {
void _mlir_ciface_spider_cols(FloatRef *, HalfRef *, HalfRef *, FloatRef *);
void _mlir_ciface_spider_rows(FloatRef *, HalfRef *, HalfRef *, FloatRef *);
void _mlir_ciface_spider_blocks(FloatRef *, HalfRef *, HalfRef *, FloatRef *);
void _mlir_ciface_spider_dense(FloatRef *, HalfRef *, HalfRef *, FloatRef *);
void mgpuMemFree(void *ptr, void *stream);
}

namespace {

/// Stops the benchmark with the failing call's name and the library's word
/// for the failure.
void require(bool ok, const char *call, const char *what) {
  if (ok)
    return;
  std::fprintf(stderr, "spider-gpu-bench: %s failed: %s\n", call, what);
  std::exit(1);
}

#define CHECK_CUDA(call)                                                       \
  do {                                                                         \
    cudaError_t e = (call);                                                    \
    require(e == cudaSuccess, #call, cudaGetErrorString(e));                   \
  } while (0)
#define CHECK_CUBLAS(call)                                                     \
  do {                                                                         \
    cublasStatus_t s = (call);                                                 \
    require(s == CUBLAS_STATUS_SUCCESS, #call, cublasGetStatusString(s));      \
  } while (0)
#define CHECK_CUSPARSE(call)                                                   \
  do {                                                                         \
    cusparseStatus_t s = (call);                                               \
    require(s == CUSPARSE_STATUS_SUCCESS, #call, cusparseGetErrorString(s));   \
  } while (0)

struct Tiles {
  const char *name;
  int64_t tm, tk;
  void (*spider)(FloatRef *, HalfRef *, HalfRef *, FloatRef *);
};

const Tiles kTiles[] = {
    {"[32,1]", 32, 1, _mlir_ciface_spider_cols},
    {"[1,64]", 1, 64, _mlir_ciface_spider_rows},
    {"[32,64]", 32, 64, _mlir_ciface_spider_blocks},
};

template <typename T>
T *managed(size_t count) {
  T *ptr = nullptr;
  CHECK_CUDA(cudaMallocManaged(&ptr, sizeof(T) * count));
  return ptr;
}

template <typename T>
void toDevice(T *ptr, size_t count) {
  cudaMemLocation device{};
  device.type = cudaMemLocationTypeDevice;
  device.id = 0;
  CHECK_CUDA(cudaMemPrefetchAsync(ptr, sizeof(T) * count, device, 0, 0));
  CHECK_CUDA(cudaDeviceSynchronize());
}

template <typename T>
MemRef2D<T> ref(T *data) {
  return {data, data, 0, {N, N}, {N, 1}};
}

/// Uniform in [-1, -0.1] u [0.1, 1]: never zero.
float nonZero(std::mt19937_64 &rng) {
  std::uniform_real_distribution<float> u(0.1f, 1.0f);
  float v = u(rng);
  return (rng() & 1) ? v : -v;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

/// Median milliseconds of `reps` synchronized calls after two warm-ups.
double timeIt(int reps, const std::function<void()> &call) {
  for (int i = 0; i < 2; ++i)
    call();
  CHECK_CUDA(cudaDeviceSynchronize());
  std::vector<double> times;
  for (int i = 0; i < reps; ++i) {
    auto start = std::chrono::steady_clock::now();
    call();
    CHECK_CUDA(cudaDeviceSynchronize());
    auto stop = std::chrono::steady_clock::now();
    times.push_back(std::chrono::duration<double, std::milli>(stop - start)
                        .count());
  }
  return median(times);
}

/// ||got - want|| / ||want|| over n*n entries; NaN gives infinity.
double relativeError(const float *got, const float *want) {
  double diff = 0, norm = 0;
  for (int64_t i = 0; i < N * N; ++i) {
    double d = static_cast<double>(got[i]) - want[i];
    diff += d * d;
    norm += static_cast<double>(want[i]) * want[i];
  }
  double e = std::sqrt(diff) / (norm > 0 ? std::sqrt(norm) : 1.0);
  return std::isnan(e) ? INFINITY : e;
}

std::vector<double> parseList(const std::string &text) {
  std::vector<double> values;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(',', start);
    if (end == std::string::npos)
      end = text.size();
    values.push_back(std::atof(text.substr(start, end - start).c_str()));
    start = end + 1;
  }
  return values;
}

} // namespace

int main(int argc, char **argv) {
  int reps = 20;
  std::vector<double> densities = {0.01, 0.05, 0.1, 0.5, 1.0};
  std::string csvPath;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.rfind("--reps=", 0) == 0)
      reps = std::atoi(arg.c_str() + 7);
    else if (arg.rfind("--densities=", 0) == 0)
      densities = parseList(arg.substr(12));
    else if (arg.rfind("--csv=", 0) == 0)
      csvPath = arg.substr(6);
    else {
      std::fprintf(stderr, "spider-gpu-bench: unknown argument '%s'\n",
                   argv[i]);
      return 2;
    }
  }
  if (reps < 1) {
    std::fprintf(stderr, "spider-gpu-bench: --reps must be at least 1\n");
    return 2;
  }

  cudaDeviceProp prop{};
  CHECK_CUDA(cudaGetDeviceProperties(&prop, 0));
  std::printf("device: %s (sm_%d%d), n = %lld, f16 x f16 -> f32, %d reps, "
              "median ms\n",
              prop.name, prop.major, prop.minor, static_cast<long long>(N),
              reps);

  const size_t count = static_cast<size_t>(N) * N;
  auto *a = managed<__half>(count);
  auto *b = managed<__half>(count);
  auto *c = managed<float>(count);
  auto *reference = managed<float>(count);
  std::mt19937_64 rng(42);
  for (size_t i = 0; i < count; ++i) {
    b[i] = __float2half(nonZero(rng));
    c[i] = nonZero(rng);
  }
  toDevice(b, count);
  toDevice(c, count);

  cublasHandle_t blas;
  CHECK_CUBLAS(cublasCreate(&blas));
  cusparseHandle_t sparse;
  CHECK_CUSPARSE(cusparseCreate(&sparse));
  const float one = 1.0f;

  // Row-major C = A B + C is column-major C^T = B^T A^T + C^T.
  auto cublasGemm = [&](float *out) {
    CHECK_CUBLAS(cublasGemmEx(blas, CUBLAS_OP_N, CUBLAS_OP_N, N, N, N, &one,
                              b, CUDA_R_16F, N, a, CUDA_R_16F, N, &one, out,
                              CUDA_R_32F, N, CUBLAS_COMPUTE_32F,
                              CUBLAS_GEMM_DEFAULT));
  };

  FILE *csv = csvPath.empty() ? nullptr : std::fopen(csvPath.c_str(), "w");
  if (!csvPath.empty() && !csv) {
    std::fprintf(stderr, "spider-gpu-bench: cannot write '%s'\n",
                 csvPath.c_str());
    return 1;
  }
  if (csv)
    std::fprintf(csv, "device,n,tiles,density,spider_ms,spider_dense_ms,"
                      "cublas_ms,cusparse_ms,spider_error,cusparse_error\n");
  std::printf("%-8s %7s %10s %12s %10s %11s %9s %11s %10s\n", "tiles",
              "density", "spider", "spider-dense", "cublas", "cusparse",
              "vs cublas", "vs cusparse", "error");

  auto *out = managed<float>(count);
  for (const Tiles &tiles : kTiles) {
    for (double density : densities) {
      // A: micro-tiles active with probability `density`, non-zero values.
      std::bernoulli_distribution active(density);
      for (int64_t i0 = 0; i0 < N; i0 += tiles.tm)
        for (int64_t k0 = 0; k0 < N; k0 += tiles.tk) {
          bool on = active(rng);
          for (int64_t i = i0; i < std::min(N, i0 + tiles.tm); ++i)
            for (int64_t k = k0; k < std::min(N, k0 + tiles.tk); ++k)
              a[i * N + k] = __float2half(on ? nonZero(rng) : 0.0f);
        }
      toDevice(a, count);

      // The reference: cuBLAS into a copy of C.
      CHECK_CUDA(cudaMemcpy(reference, c, sizeof(float) * count,
                            cudaMemcpyDefault));
      cublasGemm(reference);
      CHECK_CUDA(cudaDeviceSynchronize());

      HalfRef aRef = ref(reinterpret_cast<uint16_t *>(a));
      HalfRef bRef = ref(reinterpret_cast<uint16_t *>(b));
      FloatRef cRef = ref(c);
      auto callSpider = [&](void (*fn)(FloatRef *, HalfRef *, HalfRef *,
                                       FloatRef *),
                            float *copyTo) {
        FloatRef result{};
        fn(&result, &aRef, &bRef, &cRef);
        if (copyTo)
          CHECK_CUDA(cudaMemcpy(copyTo, result.aligned, sizeof(float) * count,
                                cudaMemcpyDefault));
        mgpuMemFree(result.allocated, nullptr);
      };
      callSpider(tiles.spider, out);
      CHECK_CUDA(cudaDeviceSynchronize());
      double spiderError = relativeError(out, reference);
      double spiderMs =
          timeIt(reps, [&] { callSpider(tiles.spider, nullptr); });
      double denseMs = timeIt(
          reps, [&] { callSpider(_mlir_ciface_spider_dense, nullptr); });
      double blasMs = timeIt(reps, [&] { cublasGemm(out); });

      // cuSPARSE: CSR of A built on the host (not timed), SpMM timed.
      std::vector<int> rowOffsets(N + 1, 0), columns;
      std::vector<__half> values;
      for (int64_t i = 0; i < N; ++i) {
        for (int64_t k = 0; k < N; ++k)
          if (__half2float(a[i * N + k]) != 0.0f) {
            columns.push_back(static_cast<int>(k));
            values.push_back(a[i * N + k]);
          }
        rowOffsets[i + 1] = static_cast<int>(columns.size());
      }
      int64_t nnz = static_cast<int64_t>(columns.size());
      int *dOffsets, *dColumns;
      __half *dValues;
      CHECK_CUDA(cudaMalloc(&dOffsets, sizeof(int) * (N + 1)));
      CHECK_CUDA(cudaMalloc(&dColumns, sizeof(int) * std::max<int64_t>(nnz, 1)));
      CHECK_CUDA(
          cudaMalloc(&dValues, sizeof(__half) * std::max<int64_t>(nnz, 1)));
      CHECK_CUDA(cudaMemcpy(dOffsets, rowOffsets.data(), sizeof(int) * (N + 1),
                            cudaMemcpyHostToDevice));
      if (nnz) {
        CHECK_CUDA(cudaMemcpy(dColumns, columns.data(), sizeof(int) * nnz,
                              cudaMemcpyHostToDevice));
        CHECK_CUDA(cudaMemcpy(dValues, values.data(), sizeof(__half) * nnz,
                              cudaMemcpyHostToDevice));
      }
      cusparseSpMatDescr_t matA;
      cusparseDnMatDescr_t matB, matC;
      CHECK_CUSPARSE(cusparseCreateCsr(&matA, N, N, nnz, dOffsets, dColumns,
                                       dValues, CUSPARSE_INDEX_32I,
                                       CUSPARSE_INDEX_32I,
                                       CUSPARSE_INDEX_BASE_ZERO, CUDA_R_16F));
      CHECK_CUSPARSE(cusparseCreateDnMat(&matB, N, N, N, b, CUDA_R_16F,
                                         CUSPARSE_ORDER_ROW));
      CHECK_CUSPARSE(cusparseCreateDnMat(&matC, N, N, N, out, CUDA_R_32F,
                                         CUSPARSE_ORDER_ROW));
      size_t workspaceBytes = 0;
      CHECK_CUSPARSE(cusparseSpMM_bufferSize(
          sparse, CUSPARSE_OPERATION_NON_TRANSPOSE,
          CUSPARSE_OPERATION_NON_TRANSPOSE, &one, matA, matB, &one, matC,
          CUDA_R_32F, CUSPARSE_SPMM_ALG_DEFAULT, &workspaceBytes));
      void *workspace = nullptr;
      CHECK_CUDA(cudaMalloc(&workspace, std::max<size_t>(workspaceBytes, 1)));
      auto spmm = [&] {
        CHECK_CUSPARSE(cusparseSpMM(
            sparse, CUSPARSE_OPERATION_NON_TRANSPOSE,
            CUSPARSE_OPERATION_NON_TRANSPOSE, &one, matA, matB, &one, matC,
            CUDA_R_32F, CUSPARSE_SPMM_ALG_DEFAULT, workspace));
      };
      CHECK_CUDA(
          cudaMemcpy(out, c, sizeof(float) * count, cudaMemcpyDefault));
      spmm();
      CHECK_CUDA(cudaDeviceSynchronize());
      double sparseError = relativeError(out, reference);
      double sparseMs = timeIt(reps, spmm);
      CHECK_CUSPARSE(cusparseDestroySpMat(matA));
      CHECK_CUSPARSE(cusparseDestroyDnMat(matB));
      CHECK_CUSPARSE(cusparseDestroyDnMat(matC));
      CHECK_CUDA(cudaFree(workspace));
      CHECK_CUDA(cudaFree(dOffsets));
      CHECK_CUDA(cudaFree(dColumns));
      CHECK_CUDA(cudaFree(dValues));

      std::printf("%-8s %7.2f %10.3f %12.3f %10.3f %11.3f %8.2fx %10.2fx "
                  "%10.2e%s\n",
                  tiles.name, density, spiderMs, denseMs, blasMs, sparseMs,
                  blasMs / spiderMs, sparseMs / spiderMs, spiderError,
                  spiderError < 1e-3 && sparseError < 1e-3 ? "" : " FAILED");
      if (csv)
        std::fprintf(csv, "\"%s\",%lld,\"%s\",%g,%.4f,%.4f,%.4f,%.4f,%.3e,"
                          "%.3e\n",
                     prop.name, static_cast<long long>(N), tiles.name,
                     density, spiderMs, denseMs, blasMs, sparseMs, spiderError,
                     sparseError);
      std::fflush(stdout);
    }
  }
  if (csv)
    std::fclose(csv);
  CHECK_CUBLAS(cublasDestroy(blas));
  CHECK_CUSPARSE(cusparseDestroy(sparse));
  return 0;
}
