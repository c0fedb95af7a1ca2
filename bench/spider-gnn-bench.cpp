//===- spider-gnn-bench.cpp - A GNN layer on a CSR graph ------------------===//
//
// One process, identical data: one GNN layer in SAGA-NN form,
//   Y = relu(agg(A, X) W),
// on an R-MAT graph with V vertices and E weighted edges held as CSR, X the
// [V, F] vertex features and W the [F, H] weight. agg is
//   sum:  S[v, f] = sum_u A[v, u] X[u, f]
//   mean: S[v, f] / d[v], d[v] = sum_u A[v, u] (the weighted degree), 0
//         where d[v] = 0
//   max:  max over the neighbours u of v (A[v, u] != 0) of X[u, f], 0 when
//         v has none.
// Compared:
//  * Spider: spider.from_csr makes A a packed sparse value (one [1, 1]
//    micro-tile per edge, values read in place) and the aggregation is a
//    linalg.generic over it, as in test/Integration/CPU/gnn-packed-csr.mlir;
//    compiled by spider-cpu-pipeline (default options), JIT-run. The index
//    is built inside every call (its time is reported apart);
//  * a plain C++ CSR loop (per row, accumulate w * X[col]) followed by
//    cblas_sgemm and a ReLU.
// Each is timed on the aggregation alone and on the whole layer (medians of
// --reps after one warm-up); Spider is checked against the C++ loop (max abs
// difference over max abs < 1e-4, exit 1 otherwise).
//
// Memory: the extra resident memory of one call (VmHWM after, the mark reset
// through /proc/self/clear_refs, minus VmRSS before), next to the O(V + E)
// sizes of the inputs. The benchmark itself never holds anything V x V.
//
// --case-dir writes each graph for bench/gnn_torch.py (format in
// writeCase below).
//
//   spider-gnn-bench [--vertices=100000] [--edges=1000000,2000000]
//                    [--features=128] [--hidden=128] [--reps=5] [--seed=1]
//                    [--aggregations=sum,mean,max] [--csv=FILE]
//                    [--case-dir=DIR] [--emit-mlir]
//
//===----------------------------------------------------------------------===//

#include "BenchJit.h"
#include "MoeBaselines.h"

#include "spider/InitAll.h"
#include "spider/Pipelines/Pipelines.h"
#include "spider/Runtime/Profile.h"
#include "spider/Tools/Jit.h"

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
#include <limits>
#include <string>
#include <vector>


using namespace mlir;
namespace cl = llvm::cl;

static cl::opt<int64_t> numVertices("vertices", cl::desc("Vertices (V)"),
                                    cl::init(100000));
static cl::list<int64_t> edgeCounts("edges", cl::CommaSeparated,
                                    cl::desc("Edge counts (E), one case each"));
static cl::opt<int64_t> numFeatures("features", cl::desc("Features (F)"),
                                    cl::init(128));
static cl::opt<int64_t> numHidden("hidden", cl::desc("Outputs (H)"),
                                  cl::init(128));
static cl::opt<int> reps("reps", cl::desc("Timed runs per point"), cl::init(5));
static cl::opt<uint64_t> seed("seed", cl::desc("Graph and data seed"),
                              cl::init(1));
static cl::list<std::string>
    aggregations("aggregations", cl::CommaSeparated,
                 cl::desc("Aggregations: sum, mean, max"));
static cl::opt<std::string> csvPath("csv", cl::desc("Write results as CSV"),
                                    cl::init(""));
static cl::opt<bool> emitMlir("emit-mlir",
                              cl::desc("Print the Spider program and exit"));
static cl::opt<std::string>
    caseDir("case-dir", cl::desc("Write case-V-E.bin files for gnn_torch.py"),
            cl::init(""));

//===----------------------------------------------------------------------===//
// Data
//===----------------------------------------------------------------------===//

/// A graph in CSR form: row v (the destination) has the source vertices
/// cols[offsets[v] .. offsets[v + 1]), strictly increasing, with weights
/// vals at the same positions.
struct Csr {
  int64_t numVertices = 0;
  std::vector<int64_t> offsets, cols;
  std::vector<float> vals;
  int64_t numEdges() const { return static_cast<int64_t>(cols.size()); }
  size_t bytes() const {
    return offsets.size() * sizeof(int64_t) + cols.size() * sizeof(int64_t) +
           vals.size() * sizeof(float);
  }
};

/// A deterministic uniform stream in [0, 1) on the splitmix64 hash of
/// MoeBaselines, so that a (seed, position) names every draw.
class Uniform {
public:
  explicit Uniform(uint64_t seed) : base(seed * 0x9E3779B97F4A7C15ull) {}
  double next() {
    return static_cast<double>(splitmix64(base + count++) >> 11) * 0x1p-53;
  }

private:
  uint64_t base, count = 0;
};

/// One R-MAT edge (a = 0.57, b = 0.19, c = 0.19, d = 0.05) as row * V + col.
/// The recursion runs on the next power of two; a draw that lands outside
/// V x V is drawn again, which keeps the quadrant probabilities exact.
static uint64_t drawRmatEdge(Uniform &u, int64_t v, int levels) {
  constexpr double a = 0.57, b = 0.19, c = 0.19;
  while (true) {
    uint64_t row = 0, col = 0;
    for (int l = 0; l < levels; ++l) {
      double r = u.next();
      // Quadrants a, b, c, d are [0, a), [a, a + b), [a + b, a + b + c)
      // and the rest: c and d go down a row half, b and d right.
      bool down = r >= a + b;
      bool right = (r >= a && r < a + b) || r >= a + b + c;
      row = 2 * row + down;
      col = 2 * col + right;
    }
    if (row < static_cast<uint64_t>(v) && col < static_cast<uint64_t>(v))
      return row * v + col;
  }
}

/// The R-MAT graph with `e` distinct edges, or slightly fewer when the
/// duplicates do not run out within a few rounds (the caller reports the
/// true count). Sorting the row * V + col keys gives CSR order directly;
/// memory is O(V + E).
static Csr rmatGraph(int64_t v, int64_t e, uint64_t graphSeed) {
  int levels = 0;
  while ((int64_t(1) << levels) < v)
    ++levels;
  Uniform u(graphSeed);
  std::vector<uint64_t> keys;
  keys.reserve(e);
  for (int round = 0; round < 64 && static_cast<int64_t>(keys.size()) < e;
       ++round) {
    for (int64_t i = static_cast<int64_t>(keys.size()); i < e; ++i)
      keys.push_back(drawRmatEdge(u, v, levels));
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  }
  Csr g;
  g.numVertices = v;
  g.offsets.assign(v + 1, 0);
  g.cols.resize(keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    ++g.offsets[keys[i] / v + 1];
    g.cols[i] = static_cast<int64_t>(keys[i] % v);
  }
  for (int64_t r = 0; r < v; ++r)
    g.offsets[r + 1] += g.offsets[r];
  // Weights in [0.5, 1.5): positive, so that weighted degrees are nonzero
  // exactly where there are edges.
  g.vals.resize(keys.size());
  fillHashed(g.vals.data(), g.vals.size(), graphSeed + 1, 0.5f);
  for (float &w : g.vals)
    w += 1.0f;
  return g;
}

//===----------------------------------------------------------------------===//
// The C++ baseline
//===----------------------------------------------------------------------===//

/// agg ([V][F], overwritten) of X ([V][F]) over the graph, as a user writes
/// it on CSR: one pass over each row's edges, accumulating whole rows of X;
/// rows on the benchmark's threads (OpenMP, dynamic: degrees are skewed).
static void csrAggregate(const Csr &g, const float *x, float *agg, int64_t f,
                         const std::string &kind) {
  const float ninf = -std::numeric_limits<float>::infinity();
  const int threads = spider_bench::benchThreadCount();
  (void)threads;
#pragma omp parallel for schedule(dynamic, 256) num_threads(threads)
  for (int64_t v = 0; v < g.numVertices; ++v) {
    float *out = agg + v * f;
    std::fill(out, out + f, kind == "max" ? ninf : 0.0f);
    float degree = 0.0f;
    for (int64_t e = g.offsets[v]; e < g.offsets[v + 1]; ++e) {
      const float *row = x + g.cols[e] * f;
      float w = g.vals[e];
      degree += w;
      if (kind == "max") {
        if (w != 0.0f)
          for (int64_t k = 0; k < f; ++k)
            out[k] = std::max(out[k], row[k]);
      } else {
        for (int64_t k = 0; k < f; ++k)
          out[k] += w * row[k];
      }
    }
    if (kind == "mean")
      for (int64_t k = 0; k < f; ++k)
        out[k] = degree > 0.0f ? out[k] / degree : 0.0f;
    if (kind == "max")
      for (int64_t k = 0; k < f; ++k)
        out[k] = out[k] == ninf ? 0.0f : out[k];
  }
}

/// ApplyVertex: y ([V][H], overwritten) = relu(agg W).
static void applyVertex(const float *agg, const float *w, float *y, int64_t v,
                        int64_t f, int64_t h) {
  cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, v, h, f, 1.0f, agg, f,
              w, h, 0.0f, y, h);
  for (int64_t i = 0, n = v * h; i < n; ++i)
    y[i] = std::max(y[i], 0.0f);
}

//===----------------------------------------------------------------------===//
// The Spider program
//===----------------------------------------------------------------------===//

/// The program's types: {X} [V, F], {W} [F, H], {Y} [V, H], {D} [V] (the
/// degrees), {O} the V + 1 row offsets and {A} the V x V adjacency, which
/// exists as a type only (spider.from_csr packs it).
static std::string substitute(std::string text, int64_t v, int64_t f,
                              int64_t h) {
  auto t = [](std::initializer_list<int64_t> sizes, const char *elem) {
    std::string s = "tensor<";
    for (int64_t d : sizes)
      s += std::to_string(d) + "x";
    return s + elem + ">";
  };
  const std::pair<std::string, std::string> names[] = {
      {"{X}", t({v, f}, "f32")},
      {"{W}", t({f, h}, "f32")},
      {"{Y}", t({v, h}, "f32")},
      {"{D}", t({v}, "f32")},
      {"{O}", t({v + 1}, "i64")},
      {"{A}", t({v, v}, "f32, #spider.sparse<microtile = [1, 1]>")},
      {"{V}", std::to_string(v)}};
  for (const auto &[name, value] : names)
    for (size_t at = text.find(name); at != std::string::npos;
         at = text.find(name, at + value.size()))
      text.replace(at, name.size(), value);
  return text;
}

/// S = A X into {sum} (the sum aggregation; the mean divides it).
static const char *sumText = R"(
  %z2 = linalg.fill ins(%zero : f32) outs(%e2 : {X}) -> {X}
  {sum} = linalg.generic {indexing_maps = [#vu, #uf, #vf], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%as, %x : {A}, {X}) outs(%z2 : {X}) {
  ^bb0(%a: f32, %xv: f32, %out: f32):
    %m = arith.mulf %a, %xv : f32
    %r = arith.addf %out, %m : f32
    linalg.yield %r : f32
  } -> {X}
)";

/// %sum over the weighted degree, 0 where it is 0.
static const char *meanText = R"(
  %e1 = tensor.empty() : {D}
  %z1 = linalg.fill ins(%zero : f32) outs(%e1 : {D}) -> {D}
  %deg = linalg.generic {indexing_maps = [#vu2, #v2], iterator_types = ["parallel", "reduction"]}
      ins(%as : {A}) outs(%z1 : {D}) {
  ^bb0(%a: f32, %out: f32):
    %r = arith.addf %out, %a : f32
    linalg.yield %r : f32
  } -> {D}
  %agg = linalg.generic {indexing_maps = [#vf2, #v2, #vf2], iterator_types = ["parallel", "parallel"]}
      ins(%sum, %deg : {X}, {D}) outs(%e2 : {X}) {
  ^bb0(%s: f32, %d: f32, %out: f32):
    %has = arith.cmpf ogt, %d, %zero : f32
    %q = arith.divf %s, %d : f32
    %r = arith.select %has, %q, %zero : f32
    linalg.yield %r : f32
  } -> {X}
)";

/// The max over neighbours: non-neighbours send -inf, which a vertex
/// without neighbours keeps and the second generic turns into 0.
static const char *maxText = R"(
  %m2 = linalg.fill ins(%ninf : f32) outs(%e2 : {X}) -> {X}
  %mx = linalg.generic {indexing_maps = [#vu, #uf, #vf], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%as, %x : {A}, {X}) outs(%m2 : {X}) {
  ^bb0(%a: f32, %xv: f32, %out: f32):
    %edge = arith.cmpf one, %a, %zero : f32
    %msg = arith.select %edge, %xv, %ninf : f32
    %r = arith.maximumf %out, %msg : f32
    linalg.yield %r : f32
  } -> {X}
  %agg = linalg.generic {indexing_maps = [#vf2, #vf2], iterator_types = ["parallel", "parallel"]}
      ins(%mx : {X}) outs(%e2 : {X}) {
  ^bb0(%m: f32, %out: f32):
    %none = arith.cmpf oeq, %m, %ninf : f32
    %r = arith.select %none, %zero, %m : f32
    linalg.yield %r : f32
  } -> {X}
)";

/// ApplyVertex: %y = relu(%agg W).
static const char *applyVertexText = R"(
  %eo = tensor.empty() : {Y}
  %zo = linalg.fill ins(%zero : f32) outs(%eo : {Y}) -> {Y}
  %mm = linalg.matmul ins(%agg, %w : {X}, {W}) outs(%zo : {Y}) -> {Y}
  %y = linalg.generic {indexing_maps = [#vh], iterator_types = ["parallel", "parallel"]} outs(%mm : {Y}) {
  ^bb0(%out: f32):
    %r = arith.maximumf %out, %zero : f32
    linalg.yield %r : f32
  } -> {Y}
)";

/// The aggregation of `kind` over %as and %x into %agg: the linalg.generic
/// ops of gnn-packed-csr.mlir.
static std::string aggregationText(const std::string &kind) {
  if (kind == "max")
    return maxText;
  std::string sum = sumText;
  std::string name = kind == "sum" ? "%agg" : "%sum";
  sum.replace(sum.find("{sum}"), 5, name);
  return kind == "sum" ? sum : sum + meanText;
}

/// @agg_<kind> (the aggregate) or @gnn_<kind> (the layer). Both take the
/// same five operands, so that one C signature calls either; @agg_* does not
/// read %w. The edge count stays dynamic: one compilation serves every E.
static std::string functionText(const std::string &kind, bool layer) {
  std::string name = (layer ? "@gnn_" : "@agg_") + kind;
  std::string result = layer ? "{Y}" : "{X}";
  return "func.func " + name +
         "(%o: {O}, %c: tensor<?xi64>, %vals: tensor<?xf32>, %x: {X}, %w: "
         "{W}) -> " +
         result + " attributes {llvm.emit_c_interface} {" + R"(
  %n = arith.constant {V} : index
  %as = spider.from_csr %o, %c, %vals, num_columns = %n : {O}, tensor<?xi64>, tensor<?xf32> -> {A}
  %zero = arith.constant 0.0 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %e2 = tensor.empty() : {X})" +
         aggregationText(kind) + (layer ? applyVertexText : "") + "  return " +
         (layer ? "%y" : "%agg") + " : " + result + "\n}\n";
}

static std::string program(int64_t v, int64_t f, int64_t h,
                           const std::vector<std::string> &kinds) {
  std::string text = R"(#vu = affine_map<(v, f, u) -> (v, u)>
#uf = affine_map<(v, f, u) -> (u, f)>
#vf = affine_map<(v, f, u) -> (v, f)>
#vu2 = affine_map<(v, u) -> (v, u)>
#v2 = affine_map<(v, u) -> (v)>
#vf2 = affine_map<(v, f) -> (v, f)>
#vh = affine_map<(v, h) -> (v, h)>
)";
  for (const std::string &kind : kinds)
    text += functionText(kind, false) + functionText(kind, true);
  return substitute(text, v, f, h);
}


//===----------------------------------------------------------------------===//
// Calling the compiled functions
//===----------------------------------------------------------------------===//

using I64Ref = StridedMemRefType<int64_t, 1>;
using F32Ref1 = StridedMemRefType<float, 1>;
using F32Ref2 = StridedMemRefType<float, 2>;
using LayerFn = void (*)(F32Ref2 *, I64Ref *, I64Ref *, F32Ref1 *, F32Ref2 *,
                         F32Ref2 *);

template <typename T>
static StridedMemRefType<T, 1> view1(const std::vector<T> &data) {
  StridedMemRefType<T, 1> m;
  // The compiled functions only read their operands.
  m.basePtr = m.data = const_cast<T *>(data.data());
  m.offset = 0;
  m.sizes[0] = static_cast<int64_t>(data.size());
  m.strides[0] = 1;
  return m;
}

static F32Ref2 view2(const std::vector<float> &data, int64_t rows,
                     int64_t cols) {
  F32Ref2 m;
  m.basePtr = m.data = const_cast<float *>(data.data());
  m.offset = 0;
  m.sizes[0] = rows;
  m.sizes[1] = cols;
  m.strides[0] = cols;
  m.strides[1] = 1;
  return m;
}

static LayerFn entry(ExecutionEngine &engine, const std::string &name) {
  auto fn = engine.lookup("_mlir_ciface_" + name);
  if (!fn) {
    llvm::errs() << llvm::toString(fn.takeError()) << "\n";
    std::exit(1);
  }
  return reinterpret_cast<LayerFn>(*fn);
}

/// One call of `fn` on the graph; copies the [rows, cols] result into `out`
/// when given, and frees it (the compiled code allocated it).
static void callSpider(LayerFn fn, const Csr &g, const std::vector<float> &x,
                       const std::vector<float> &w, int64_t f, int64_t h,
                       int64_t cols, std::vector<float> *out) {
  I64Ref o = view1(g.offsets), c = view1(g.cols);
  F32Ref1 vals = view1(g.vals);
  F32Ref2 xv = view2(x, g.numVertices, f), wv = view2(w, f, h), result;
  fn(&result, &o, &c, &vals, &xv, &wv);
  if (out)
    for (int64_t i = 0; i < g.numVertices; ++i)
      for (int64_t j = 0; j < cols; ++j)
        (*out)[i * cols + j] =
            result.data[result.offset + i * result.strides[0] +
                        j * result.strides[1]];
  std::free(result.basePtr);
}

//===----------------------------------------------------------------------===//
// Measuring
//===----------------------------------------------------------------------===//


/// Median seconds of `runs` calls after one warm-up; `afterWarmup` runs
/// between them (to reset counters that should see the timed calls only).
static double timeMedian(
    int runs, const std::function<void()> &call,
    const std::function<void()> &afterWarmup = [] {}) {
  call();
  afterWarmup();
  std::vector<double> times;
  for (int r = 0; r < runs; ++r) {
    double t0 = spider_bench::seconds();
    call();
    times.push_back(spider_bench::seconds() - t0);
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

/// Extra resident memory of one call in MiB: the high-water mark during the
/// call (reset first: writing 5 to clear_refs sets VmHWM to VmRSS) above the
/// resident memory before it.
static double extraRssMiB(const std::function<void()> &call) {
  long before = spider_bench::statusKiB("VmRSS");
  std::ofstream("/proc/self/clear_refs") << "5";
  call();
  return (spider_bench::statusKiB("VmHWM") - before) / 1024.0;
}

//===----------------------------------------------------------------------===//
// The torch case file
//===----------------------------------------------------------------------===//

template <typename T> static void put(std::ofstream &os, const T *p, size_t n) {
  os.write(reinterpret_cast<const char *>(p), n * sizeof(T));
}

/// Writes a case for bench/gnn_torch.py, little-endian, no padding:
///   int64 V, F, H, E; int64 offsets[V + 1]; int64 cols[E];
///   float32 vals[E]; float32 X[V * F]; float32 W[F * H];
///   float32 Y_sum[V * H], Y_mean[V * H], Y_max[V * H]
/// (the C++ layer outputs, row-major; a kind not run is written as zeros).
static bool writeCase(const std::string &path, const Csr &g,
                      const std::vector<float> &x, const std::vector<float> &w,
                      int64_t f, int64_t h,
                      const std::vector<std::vector<float>> &refs) {
  std::ofstream os(path, std::ios::binary);
  int64_t header[4] = {g.numVertices, f, h, g.numEdges()};
  put(os, header, 4);
  put(os, g.offsets.data(), g.offsets.size());
  put(os, g.cols.data(), g.cols.size());
  put(os, g.vals.data(), g.vals.size());
  put(os, x.data(), x.size());
  put(os, w.data(), w.size());
  for (const std::vector<float> &y : refs)
    put(os, y.data(), y.size());
  return static_cast<bool>(os);
}

//===----------------------------------------------------------------------===//
// Driver
//===----------------------------------------------------------------------===//

/// One benchmark row: a part (agg or layer) of one aggregation kind.
struct Row {
  std::string kind, part;
  double spiderS, indexS, cppS, error, spiderMiB, cppMiB;
};

static void printRow(const Csr &g, const Row &r, std::ofstream &csv,
                     const std::vector<float> &x) {
  std::printf("%8lld %9lld %5s %6s %10.2f %9.2f %10.2f %8.2fx %8.1e %10.1f "
              "%8.1f\n",
              static_cast<long long>(g.numVertices),
              static_cast<long long>(g.numEdges()), r.kind.c_str(),
              r.part.c_str(), r.spiderS * 1e3, r.indexS * 1e3, r.cppS * 1e3,
              r.cppS / r.spiderS, r.error, r.spiderMiB, r.cppMiB);
  std::fflush(stdout);
  if (csv.is_open())
    csv << g.numVertices << "," << g.numEdges() << "," << r.kind << ","
        << r.part << "," << r.spiderS * 1e3 << "," << r.indexS * 1e3 << ","
        << r.cppS * 1e3 << "," << r.error << "," << r.spiderMiB << ","
        << r.cppMiB << "," << g.bytes() << "," << x.size() * sizeof(float)
        << "\n";
}

/// Times one part of one kind, Spider and C++, and checks Spider.
static Row measure(ExecutionEngine &engine, const std::string &kind, bool layer,
                   const Csr &g, const std::vector<float> &x,
                   const std::vector<float> &w, int64_t f, int64_t h,
                   std::vector<float> &ref) {
  int64_t v = g.numVertices, cols = layer ? h : f;
  std::vector<float> agg(v * f), got(v * cols);
  auto cpp = [&] {
    csrAggregate(g, x.data(), agg.data(), f, kind);
    if (layer)
      applyVertex(agg.data(), w.data(), ref.data(), v, f, h);
  };
  Row row;
  row.kind = kind;
  row.part = layer ? "layer" : "agg";
  row.cppS = timeMedian(reps, cpp);
  row.cppMiB = extraRssMiB(cpp);
  if (!layer)
    ref = agg;
  LayerFn fn = entry(engine, (layer ? "gnn_" : "agg_") + kind);
  row.spiderS = timeMedian(
      reps, [&] { callSpider(fn, g, x, w, f, h, cols, nullptr); },
      spider_rt_profile_reset);
  row.indexS = spider_rt_profile_index_seconds() / reps;
  row.spiderMiB =
      extraRssMiB([&] { callSpider(fn, g, x, w, f, h, cols, &got); });
  row.error = spider_bench::relativeError(got, ref);
  return row;
}

int main(int argc, char **argv) {
  cl::ParseCommandLineOptions(argc, argv, "Spider GNN-layer benchmark\n");
  std::vector<int64_t> cases(edgeCounts.begin(), edgeCounts.end());
  if (cases.empty())
    cases = {1000000, 2000000};
  std::vector<std::string> kinds(aggregations.begin(), aggregations.end());
  if (kinds.empty())
    kinds = {"sum", "mean", "max"};
  for (const std::string &k : kinds)
    if (k != "sum" && k != "mean" && k != "max") {
      llvm::errs() << "spider-gnn-bench: unknown aggregation " << k << "\n";
      return 1;
    }
  int64_t v = numVertices, f = numFeatures, h = numHidden;
  openblas_set_num_threads(spider_bench::benchThreadCount());
  if (emitMlir) {
    std::printf("%s", program(v, f, h, kinds).c_str());
    return 0;
  }

  DialectRegistry registry;
  mlir::spider::initializeJit(registry);
  MLIRContext context(registry);
  double t0 = spider_bench::seconds();
  auto engine = spider_bench::compileForCpu(context, program(v, f, h, kinds));
  if (!engine) {
    llvm::errs() << "spider-gnn-bench: compilation failed\n";
    return 1;
  }
  std::printf("spider-gnn-bench: V=%lld F=%lld H=%lld, R-MAT(0.57, 0.19, "
              "0.19), %d thread(s), medians of %d, compiled in %.1f s\n",
              static_cast<long long>(v), static_cast<long long>(f),
              static_cast<long long>(h), spider_bench::benchThreadCount(),
              int(reps), spider_bench::seconds() - t0);
  std::printf("cpu-isa: %s\n", spider_bench::describeCpuIsa().c_str());

  std::vector<float> x(v * f), w(f * h);
  fillHashed(x.data(), x.size(), seed + 100, 1.0f);
  fillHashed(w.data(), w.size(), seed + 200, 1.0f / std::sqrt(float(f)));
  std::ofstream csv;
  if (!csvPath.empty()) {
    csv.open(csvPath);
    csv << "V,E,aggregation,part,spider_ms,spider_index_ms,cpp_ms,error,"
           "spider_extra_rss_mib,cpp_extra_rss_mib,csr_bytes,x_bytes\n";
  }
  bool ok = true;
  for (int64_t e : cases) {
    Csr g = rmatGraph(v, e, seed + e);
    std::printf("\ncase V=%lld E=%lld (asked %lld): CSR %.1f MiB, X %.1f "
                "MiB, W %.1f KiB; nothing V x V is allocated here\n",
                static_cast<long long>(v), static_cast<long long>(g.numEdges()),
                static_cast<long long>(e), g.bytes() / 1048576.0,
                x.size() * 4 / 1048576.0, w.size() * 4 / 1024.0);
    std::printf("%8s %9s %5s %6s %10s %9s %10s %9s %8s %10s %8s\n", "V", "E",
                "agg", "part", "spider_ms", "index_ms", "cpp_ms", "vs_cpp",
                "error", "spider_MiB", "cpp_MiB");
    std::vector<std::vector<float>> layerRefs(3,
                                              std::vector<float>(v * h, 0.0f));
    for (const std::string &kind : kinds) {
      int slot = kind == "sum" ? 0 : kind == "mean" ? 1 : 2;
      std::vector<float> aggRef;
      for (bool layer : {false, true}) {
        std::vector<float> &ref = layer ? layerRefs[slot] : aggRef;
        ref.resize(v * (layer ? h : f));
        Row row = measure(*engine, kind, layer, g, x, w, f, h, ref);
        printRow(g, row, csv, x);
        if (!(row.error < 1e-4)) {
          std::printf("FAILED: %s %s differs from the C++ loop (%.3e)\n",
                      kind.c_str(), row.part.c_str(), row.error);
          ok = false;
        }
      }
    }
    if (!caseDir.empty()) {
      std::string path = caseDir + "/case-" + std::to_string(v) + "-" +
                         std::to_string(e) + ".bin";
      if (!writeCase(path, g, x, w, f, h, layerRefs)) {
        llvm::errs() << "spider-gnn-bench: cannot write " << path << "\n";
        return 1;
      }
      std::printf("wrote %s\n", path.c_str());
    }
  }
  return ok ? 0 : 1;
}
