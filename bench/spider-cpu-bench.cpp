//===- spider-cpu-bench.cpp - Spider vs OpenBLAS vs MLIR's sparsifier -----===//
//
// One process, identical data: C = A B + C with A (n x n, f32) sparse in
// [32, 1] micro-tiles at several densities, B and C dense. Compared:
//  * Spider: the marked program through spider-cpu-pipeline (index
//    construction included), JIT-compiled with MLIR's ExecutionEngine;
//  * OpenBLAS cblas_sgemm on the dense A, single-threaded;
//  * MLIR's sparsifier: the same matmul with A converted to CSR inside the
//    timed function (conversion included);
//  * the unmarked program through the same pipeline (Spider's dense code).
// Each result is checked against OpenBLAS. Times are medians.
//
// Then a ResNet-like 3x3 convolution (56x56x64 -> 64, conv_2d_nhwc_hwcf)
// whose filter is sparse in [3, 3, 16, 16] or [1, 1, 16, 16] micro-tiles:
// Spider on the marked program against the unmarked one through the same
// pipeline, and im2col plus cblas_sgemm as a reference.
//
//   spider-cpu-bench [--n=2048] [--reps=5] [--sparsifier-reps=3]
//                    [--densities=0.01,0.05,0.1,0.25,0.5,1] [--csv=FILE]
//                    [--conv-densities=0.1,1] [--conv-csv=FILE]
//                    [--conv-only] [--no-conv]
//
//===----------------------------------------------------------------------===//

#include "BenchJit.h"

#include "spider/InitAll.h"
#include "spider/Pipelines/Pipelines.h"
#include "spider/Runtime/Profile.h"
#include "spider/Runtime/TestSupport.h"
#include "spider/Tools/Jit.h"

#include "mlir/Dialect/SparseTensor/Pipelines/Passes.h"
#include "mlir/ExecutionEngine/CRunnerUtils.h"
#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"

#include <cblas.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <vector>

#ifndef SPIDER_RUNTIME_LIB
#define SPIDER_RUNTIME_LIB "libspider_runtime.so"
#endif

using namespace mlir;
namespace cl = llvm::cl;

static cl::opt<int64_t> size("n", cl::desc("Matrix size"), cl::init(2048));
static cl::opt<int> reps("reps", cl::desc("Timed runs per point"),
                         cl::init(5));
static cl::opt<int> sparsifierReps("sparsifier-reps",
                                   cl::desc("Timed runs of the sparsifier"),
                                   cl::init(3));
static cl::list<double> densities("densities", cl::CommaSeparated,
                                  cl::desc("Micro-tile densities"));
static cl::opt<std::string> csvPath("csv", cl::desc("Write results as CSV"),
                                    cl::init(""));
static cl::list<double> convDensities("conv-densities", cl::CommaSeparated,
                                      cl::desc("Filter micro-tile densities "
                                               "of the convolution rows"));
static cl::opt<std::string>
    convCsvPath("conv-csv", cl::desc("Write the convolution rows as CSV"),
                cl::init(""));
static cl::opt<bool> convOnly("conv-only",
                              cl::desc("Run the convolution rows only"));
static cl::opt<bool> noConv("no-conv", cl::desc("Skip the convolution rows"));
static cl::opt<std::string> caseDir(
    "case-dir",
    cl::desc("Write each density's A, B and OpenBLAS's C there, for "
             "bench/matmul_torch.py (case-<density>.bin)"),
    cl::init(""));
static cl::opt<bool> noSparsifier(
    "no-sparsifier",
    cl::desc("Skip MLIR's sparsifier (its column reads 0; bench/spider-tune.sh)"));

using MemRef2D = StridedMemRefType<float, 2>;
using ComputeFn = void (*)(MemRef2D *, MemRef2D *, MemRef2D *, MemRef2D *);

static MemRef2D view(std::vector<float> &data, int64_t n) {
  MemRef2D m;
  m.basePtr = m.data = data.data();
  m.offset = 0;
  m.sizes[0] = m.sizes[1] = n;
  m.strides[0] = n;
  m.strides[1] = 1;
  return m;
}

static double seconds() {
  using Clock = std::chrono::steady_clock;
  return std::chrono::duration<double>(Clock::now().time_since_epoch())
      .count();
}

static double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

/// One density's inputs and OpenBLAS's result for bench/matmul_torch.py:
/// f64 density, i64 n, then f32 A, B and C, little-endian. Exits when the
/// file cannot be written.
static void writeCase(double density, int64_t n, const std::vector<float> &a,
                      const std::vector<float> &b,
                      const std::vector<float> &c) {
  char name[64];
  std::snprintf(name, sizeof(name), "/case-%.4f.bin", density);
  std::string path = caseDir + name;
  std::ofstream file(path, std::ios::binary);
  file.write(reinterpret_cast<const char *>(&density), sizeof(density));
  file.write(reinterpret_cast<const char *>(&n), sizeof(n));
  for (const std::vector<float> *m : {&a, &b, &c})
    file.write(reinterpret_cast<const char *>(m->data()),
               static_cast<std::streamsize>(m->size() * sizeof(float)));
  if (!file) {
    llvm::errs() << "spider-cpu-bench: cannot write " << path << "\n";
    std::exit(1);
  }
}

/// The matmul, with A marked sparse (Spider), CSR-converted (sparsifier) or
/// as it is (dense).
static std::string program(int64_t n, const std::string &kind) {
  std::string t = "tensor<" + std::to_string(n) + "x" + std::to_string(n) +
                  "xf32>";
  std::string s;
  if (kind == "sparsifier")
    s += "#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : "
         "compressed) }>\n";
  s += "func.func @compute(%a: " + t + ", %b: " + t + ", %c: " + t + ") -> " +
       t + " attributes {llvm.emit_c_interface} {\n";
  std::string a = "%a", at = t;
  if (kind == "spider") {
    at = "tensor<" + std::to_string(n) + "x" + std::to_string(n) +
         "xf32, #spider.sparse<microtile = [32, 1]>>";
    s += "  %as = spider.assume_sparse %a : " + t + " to " + at + "\n";
    a = "%as";
  } else if (kind == "sparsifier") {
    at = "tensor<" + std::to_string(n) + "x" + std::to_string(n) +
         "xf32, #CSR>";
    s += "  %as = sparse_tensor.convert %a : " + t + " to " + at + "\n";
    a = "%as";
  }
  s += "  %r = linalg.matmul ins(" + a + ", %b : " + at + ", " + t +
       ") outs(%c : " + t + ") -> " + t + "\n";
  if (kind == "sparsifier")
    s += "  bufferization.dealloc_tensor %as : " + at + "\n";
  s += "  return %r : " + t + "\n}\n";
  return s;
}

/// Runs `fn` on fresh copies of C; frees results the function allocated.
static void runOnce(ComputeFn fn, std::vector<float> &a, std::vector<float> &b,
                    std::vector<float> &cFresh, MemRef2D &result, int64_t n) {
  MemRef2D av = view(a, n), bv = view(b, n), cv = view(cFresh, n);
  fn(&result, &av, &bv, &cv);
}

static std::unique_ptr<ExecutionEngine>
compile(MLIRContext &context, const std::string &text,
        const std::function<void(OpPassManager &)> &pipeline) {
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(text, &context);
  if (!module)
    return nullptr;
  PassManager pm(&context);
  pipeline(pm);
  if (failed(pm.run(*module)))
    return nullptr;
  auto engine = spider_bench::jitForBench(*module);
  if (!engine) {
    llvm::errs() << llvm::toString(engine.takeError()) << "\n";
    return nullptr;
  }
  return std::move(*engine);
}

static ComputeFn entry(ExecutionEngine &engine) {
  auto fn = engine.lookup("_mlir_ciface_compute");
  if (!fn) {
    llvm::errs() << llvm::toString(fn.takeError()) << "\n";
    std::exit(1);
  }
  return reinterpret_cast<ComputeFn>(*fn);
}

/// Runs `fn` `runs` times (after one warm-up); returns the median seconds
/// and leaves the last result in `out`.
static double timeCompiled(ComputeFn fn, std::vector<float> &a,
                           std::vector<float> &b, std::vector<float> &c,
                           std::vector<float> &out, int64_t n, int runs) {
  std::vector<double> times;
  std::vector<float> cFresh(c.size());
  for (int r = 0; r <= runs; ++r) {
    // The compiled function may update C in place: give it a fresh copy.
    std::copy(c.begin(), c.end(), cFresh.begin());
    MemRef2D result;
    double t0 = seconds();
    runOnce(fn, a, b, cFresh, result, n);
    double t1 = seconds();
    if (r > 0)
      times.push_back(t1 - t0);
    if (r == runs)
      for (int64_t i = 0; i < n; ++i)
        for (int64_t j = 0; j < n; ++j)
          out[i * n + j] = result.data[result.offset + i * result.strides[0] +
                                       j * result.strides[1]];
    if (result.basePtr != cFresh.data())
      std::free(result.basePtr);
  }
  return median(times);
}

//===----------------------------------------------------------------------===//
// Convolution rows
//===----------------------------------------------------------------------===//

using MemRef4D = StridedMemRefType<float, 4>;
using ConvFn = void (*)(MemRef4D *, MemRef4D *, MemRef4D *, MemRef4D *);

/// A ResNet-like layer: 3x3 filter, 64 channels in and out, 56x56 output
/// (a 58x58 input, padded by the layer before).
struct ConvShape {
  int64_t h = 56, w = 56, c = 64, f = 64, k = 3;
  int64_t inH() const { return h + k - 1; }
  int64_t inW() const { return w + k - 1; }
  std::string input() const { return shape({1, inH(), inW(), c}); }
  std::string filter() const { return shape({k, k, c, f}); }
  std::string output() const { return shape({1, h, w, f}); }
  static std::string shape(std::vector<int64_t> dims) {
    std::string s;
    for (int64_t d : dims)
      s += std::to_string(d) + "x";
    return s + "f32";
  }
};

static MemRef4D view4(std::vector<float> &data, std::vector<int64_t> dims) {
  MemRef4D m;
  m.basePtr = m.data = data.data();
  m.offset = 0;
  int64_t stride = 1;
  for (int d = 3; d >= 0; --d) {
    m.sizes[d] = dims[d];
    m.strides[d] = stride;
    stride *= dims[d];
  }
  return m;
}

/// The convolution, with the filter marked sparse in `microtile` (empty:
/// unmarked).
static std::string convProgram(const ConvShape &s,
                               const std::string &microtile) {
  std::string x = "tensor<" + s.input() + ">", f = "tensor<" + s.filter() + ">",
              y = "tensor<" + s.output() + ">";
  std::string text = "func.func @compute(%x: " + x + ", %f: " + f +
                     ", %y: " + y + ") -> " + y +
                     " attributes {llvm.emit_c_interface} {\n";
  std::string fv = "%f", ft = f;
  if (!microtile.empty()) {
    ft = "tensor<" + s.filter() + ", #spider.sparse<microtile = [" + microtile +
         "]>>";
    text += "  %fs = spider.assume_sparse %f : " + f + " to " + ft + "\n";
    fv = "%fs";
  }
  text += "  %r = linalg.conv_2d_nhwc_hwcf ins(%x, " + fv + " : " + x + ", " +
          ft + ") outs(%y : " + y + ") -> " + y + "\n  return %r : " + y +
          "\n}\n";
  return text;
}

/// Runs `fn` `runs` times after a warm-up on a fresh output each time;
/// returns the median seconds and leaves the last result in `out`.
static double timeConv(ConvFn fn, const ConvShape &s, std::vector<float> &x,
                       std::vector<float> &f, std::vector<float> &out,
                       int runs) {
  std::vector<double> times;
  std::vector<float> y(out.size());
  for (int r = 0; r <= runs; ++r) {
    std::fill(y.begin(), y.end(), 0.0f);
    MemRef4D xv = view4(x, {1, s.inH(), s.inW(), s.c}),
             fv = view4(f, {s.k, s.k, s.c, s.f}),
             yv = view4(y, {1, s.h, s.w, s.f}), result;
    double t0 = seconds();
    fn(&result, &xv, &fv, &yv);
    double t1 = seconds();
    if (r > 0)
      times.push_back(t1 - t0);
    if (r == runs)
      for (int64_t i = 0, e = out.size(); i < e; ++i)
        out[i] = result.data[result.offset + i]; // Identity layout.
    if (result.basePtr != y.data())
      std::free(result.basePtr);
  }
  return median(times);
}

/// im2col (inside the timing) and one cblas_sgemm: what a dense library
/// does with this layer.
static double timeIm2colBlas(const ConvShape &s, std::vector<float> &x,
                             std::vector<float> &f, std::vector<float> &out,
                             int runs) {
  int64_t rows = s.h * s.w, depth = s.k * s.k * s.c;
  std::vector<float> cols(rows * depth);
  std::vector<double> times;
  for (int r = 0; r <= runs; ++r) {
    double t0 = seconds();
    for (int64_t oh = 0; oh < s.h; ++oh)
      for (int64_t ow = 0; ow < s.w; ++ow)
        for (int64_t kh = 0; kh < s.k; ++kh)
          for (int64_t kw = 0; kw < s.k; ++kw)
            std::copy_n(&x[((oh + kh) * s.inW() + ow + kw) * s.c], s.c,
                        &cols[(oh * s.w + ow) * depth + (kh * s.k + kw) * s.c]);
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, rows, s.f, depth,
                1.0f, cols.data(), depth, f.data(), s.f, 0.0f, out.data(), s.f);
    double t1 = seconds();
    if (r > 0)
      times.push_back(t1 - t0);
  }
  return median(times);
}

/// The convolution rows: per micro-tile and density, Spider, the unmarked
/// program and im2col + OpenBLAS, each checked against OpenBLAS.
static int runConvRows(MLIRContext &context,
                       const std::function<void(OpPassManager &)> &pipeline) {
  std::ofstream csv;
  if (!convCsvPath.empty()) {
    csv.open(convCsvPath);
    csv << "microtile,density,spider_ms,unmarked_ms,im2col_openblas_ms\n";
  }
  std::vector<double> points(convDensities.begin(), convDensities.end());
  if (points.empty())
    points = {0.1, 1.0};
  ConvShape s;
  auto denseEngine = compile(context, convProgram(s, ""), pipeline);
  if (!denseEngine)
    return 1;
  std::vector<float> x(s.inH() * s.inW() * s.c), f(s.k * s.k * s.c * s.f),
      want(s.h * s.w * s.f), got(want.size()), unmarked(want.size());
  MemRef4D xDesc = view4(x, {1, s.inH(), s.inW(), s.c});
  ::spiderrt::UnrankedMemRef xRef = {4, &xDesc};
  _mlir_ciface_spider_rt_fill_random_f32(&xRef, 5, 1.0, 1, 1, 1, 1);

  std::printf("\nconv_2d_nhwc_hwcf %lldx%lldx%lld -> %lld, %lldx%lld "
              "filter sparse in micro-tiles, %d thread(s), medians of %d\n",
              static_cast<long long>(s.h), static_cast<long long>(s.w),
              static_cast<long long>(s.c), static_cast<long long>(s.f),
              static_cast<long long>(s.k), static_cast<long long>(s.k),
              spider_bench::benchThreadCount(), int(reps));
  std::printf("%16s %8s %10s %12s %12s %9s %9s %8s\n", "microtile", "density",
              "spider_ms", "unmarked_ms", "im2col_blas", "vs_unmrk", "vs_blas",
              "error");
  for (std::vector<int64_t> tile : {std::vector<int64_t>{3, 3, 16, 16},
                                    std::vector<int64_t>{1, 1, 16, 16}}) {
    std::string text = std::to_string(tile[0]) + ", " +
                       std::to_string(tile[1]) + ", " +
                       std::to_string(tile[2]) + ", " + std::to_string(tile[3]);
    auto engine = compile(context, convProgram(s, text), pipeline);
    if (!engine)
      return 1;
    for (double density : points) {
      MemRef4D fDesc = view4(f, {s.k, s.k, s.c, s.f});
      ::spiderrt::UnrankedMemRef fRef = {4, &fDesc};
      _mlir_ciface_spider_rt_fill_random_f32(&fRef, 13, density, tile[0],
                                             tile[1], tile[2], tile[3]);
      double blasTime = timeIm2colBlas(s, x, f, want, reps);
      // Both take and return 4-D memrefs, not the 2-D ones of `entry`.
      auto spiderFn = reinterpret_cast<ConvFn>(entry(*engine));
      auto denseFn = reinterpret_cast<ConvFn>(entry(*denseEngine));
      double spiderTime = timeConv(spiderFn, s, x, f, got, reps);
      double denseTime = timeConv(denseFn, s, x, f, unmarked, reps);
      double error =
          std::max(spider_bench::relativeError(got, want),
                   spider_bench::relativeError(unmarked, want));
      std::printf("%16s %8.2f %10.2f %12.2f %12.2f %8.2fx %8.2fx %8.1e\n",
                  ("[" + text + "]").c_str(), density, spiderTime * 1e3,
                  denseTime * 1e3, blasTime * 1e3, denseTime / spiderTime,
                  blasTime / spiderTime, error);
      std::fflush(stdout);
      if (csv.is_open())
        csv << '"' << text << "\"," << density << "," << spiderTime * 1e3 << ","
            << denseTime * 1e3 << "," << blasTime * 1e3 << "\n";
    }
  }
  return 0;
}

int main(int argc, char **argv) {
  cl::ParseCommandLineOptions(argc, argv, "Spider CPU benchmark\n");
  std::vector<double> points(densities.begin(), densities.end());
  if (points.empty())
    points = {0.01, 0.05, 0.10, 0.25, 0.50, 1.0};
  int64_t n = size;
  openblas_set_num_threads(spider_bench::benchThreadCount());

  DialectRegistry registry;
  mlir::spider::initializeJit(registry);
  MLIRContext context(registry);

  auto spiderPipeline = [](OpPassManager &pm) {
    spider_bench::buildBenchPipeline(pm);
  };
  std::printf("cpu-isa: %s\n", spider_bench::describeCpuIsa().c_str());
  auto sparsifierPipeline = [](OpPassManager &pm) {
    sparse_tensor::buildSparsifier(pm, sparse_tensor::SparsifierOptions());
  };
  if (convOnly)
    return runConvRows(context, spiderPipeline);
  auto spiderEngine = compile(context, program(n, "spider"), spiderPipeline);
  auto denseEngine = compile(context, program(n, "dense"), spiderPipeline);
  auto sparsifierEngine =
      noSparsifier
          ? nullptr
          : compile(context, program(n, "sparsifier"), sparsifierPipeline);
  if (!spiderEngine || !denseEngine || (!noSparsifier && !sparsifierEngine)) {
    llvm::errs() << "spider-cpu-bench: compilation failed\n";
    return 1;
  }

  std::vector<float> a(n * n), b(n * n), c(n * n), blas(n * n), out(n * n);
  ::spiderrt::MemRef<float, 2> bDesc = {b.data(), b.data(), 0, {n, n}, {n, 1}};
  ::spiderrt::UnrankedMemRef bRef = {2, &bDesc};
  _mlir_ciface_spider_rt_fill_random_f32(&bRef, 7, 1.0, 1, 1, 1, 1);
  std::fill(c.begin(), c.end(), 0.0f);

  std::printf("spider-cpu-bench: %lld^3 f32, A sparse in [32, 1] micro-tiles, "
              "%d thread(s) (Spider and OpenBLAS; the sparsifier: one), "
              "medians of %d (sparsifier %d)\n",
              static_cast<long long>(n), spider_bench::benchThreadCount(),
              int(reps), int(sparsifierReps));
  std::printf("%8s %10s %10s %12s %10s %9s %9s %12s %8s\n", "density",
              "spider_ms", "blas_ms", "sparsifier_ms", "mlirdense_ms",
              "vs_blas", "vs_sprsf", "index_share", "error");
  std::ofstream csv;
  if (!csvPath.empty()) {
    csv.open(csvPath);
    csv << "density,spider_ms,openblas_ms,sparsifier_ms,mlir_dense_ms,"
           "index_ms\n";
  }
  for (double density : points) {
    ::spiderrt::MemRef<float, 2> aDesc = {
        a.data(), a.data(), 0, {n, n}, {n, 1}};
    ::spiderrt::UnrankedMemRef aRef = {2, &aDesc};
    _mlir_ciface_spider_rt_fill_random_f32(&aRef, 11, density, 32, 1, 1, 1);

    std::vector<double> blasTimes;
    for (int r = 0; r <= reps; ++r) {
      std::copy(c.begin(), c.end(), blas.begin());
      double t0 = seconds();
      cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1.0f,
                  a.data(), n, b.data(), n, 1.0f, blas.data(), n);
      double t1 = seconds();
      if (r > 0)
        blasTimes.push_back(t1 - t0);
    }
    double blasTime = median(blasTimes);
    if (!caseDir.empty())
      writeCase(density, n, a, b, blas);

    spider_rt_profile_reset();
    double spiderTime = timeCompiled(entry(*spiderEngine), a, b, c, out, n,
                                     reps);
    double indexTime = spider_rt_profile_index_seconds() / (reps + 1);
    double spiderError = spider_bench::relativeError(out, blas);
    double denseTime =
        timeCompiled(entry(*denseEngine), a, b, c, out, n, reps);
    double sparsifierTime = 0, sparsifierError = 0;
    if (sparsifierEngine) {
      sparsifierTime = timeCompiled(entry(*sparsifierEngine), a, b, c, out, n,
                                    sparsifierReps);
      sparsifierError = spider_bench::relativeError(out, blas);
    }
    std::printf("%8.2f %10.2f %10.2f %12.2f %10.2f %8.2fx %8.2fx %11.1f%% "
                "%8.1e\n",
                density, spiderTime * 1e3, blasTime * 1e3,
                sparsifierTime * 1e3, denseTime * 1e3, blasTime / spiderTime,
                sparsifierTime / spiderTime, 100.0 * indexTime / spiderTime,
                std::max(spiderError, sparsifierError));
    std::fflush(stdout);
    if (csv.is_open())
      csv << density << "," << spiderTime * 1e3 << "," << blasTime * 1e3
          << "," << sparsifierTime * 1e3 << "," << denseTime * 1e3 << ","
          << indexTime * 1e3 << "\n";
  }
  return noConv ? 0 : runConvRows(context, spiderPipeline);
}
