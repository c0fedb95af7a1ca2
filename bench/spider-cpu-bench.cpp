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
//   spider-cpu-bench [--n=2048] [--reps=5] [--sparsifier-reps=3]
//                    [--densities=0.01,0.05,0.1,0.25,0.5,1] [--csv=FILE]
//
//===----------------------------------------------------------------------===//

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
  auto engine = mlir::spider::createJit(*module, 3, SPIDER_RUNTIME_LIB);
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

static double relativeError(const std::vector<float> &got,
                            const std::vector<float> &want) {
  double diff = 0, scale = 0;
  for (size_t i = 0; i < got.size(); ++i) {
    diff = std::max(diff, std::fabs(double(got[i]) - double(want[i])));
    scale = std::max(scale, std::fabs(double(want[i])));
  }
  return diff / (scale > 0 ? scale : 1.0);
}

int main(int argc, char **argv) {
  cl::ParseCommandLineOptions(argc, argv, "Spider CPU benchmark\n");
  std::vector<double> points(densities.begin(), densities.end());
  if (points.empty())
    points = {0.01, 0.05, 0.10, 0.25, 0.50, 1.0};
  int64_t n = size;
  openblas_set_num_threads(1);

  DialectRegistry registry;
  mlir::spider::initializeJit(registry);
  MLIRContext context(registry);

  auto spiderPipeline = [](OpPassManager &pm) {
    mlir::spider::buildCPUPipeline(pm, mlir::spider::CPUPipelineOptions());
  };
  auto sparsifierPipeline = [](OpPassManager &pm) {
    sparse_tensor::buildSparsifier(pm, sparse_tensor::SparsifierOptions());
  };
  auto spiderEngine = compile(context, program(n, "spider"), spiderPipeline);
  auto denseEngine = compile(context, program(n, "dense"), spiderPipeline);
  auto sparsifierEngine =
      compile(context, program(n, "sparsifier"), sparsifierPipeline);
  if (!spiderEngine || !denseEngine || !sparsifierEngine) {
    llvm::errs() << "spider-cpu-bench: compilation failed\n";
    return 1;
  }

  std::vector<float> a(n * n), b(n * n), c(n * n), blas(n * n), out(n * n);
  ::spiderrt::MemRef<float, 2> bDesc = {b.data(), b.data(), 0, {n, n}, {n, 1}};
  ::spiderrt::UnrankedMemRef bRef = {2, &bDesc};
  _mlir_ciface_spider_rt_fill_random_f32(&bRef, 7, 1.0, 1, 1, 1, 1);
  std::fill(c.begin(), c.end(), 0.0f);

  std::printf("spider-cpu-bench: %lld^3 f32, A sparse in [32, 1] micro-tiles, "
              "single thread, medians of %d (sparsifier %d)\n",
              static_cast<long long>(n), int(reps), int(sparsifierReps));
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

    spider_rt_profile_reset();
    double spiderTime = timeCompiled(entry(*spiderEngine), a, b, c, out, n,
                                     reps);
    double indexTime = spider_rt_profile_index_seconds() / (reps + 1);
    double spiderError = relativeError(out, blas);
    double denseTime =
        timeCompiled(entry(*denseEngine), a, b, c, out, n, reps);
    double sparsifierTime = timeCompiled(entry(*sparsifierEngine), a, b, c,
                                         out, n, sparsifierReps);
    double sparsifierError = relativeError(out, blas);
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
  return 0;
}
