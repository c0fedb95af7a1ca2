//===- spider-moe-bench.cpp - Spider's MoE FFN vs dense-library loops -----===//
//
// One process, identical data: a mixture-of-experts FFN (T tokens, d_model
// D, d_ff F, E experts) routed by Spider's own dts_gate, at top-1, top-2 and
// dense routing. Compared, single-threaded, medians after one warm-up:
//  * spider:  @moe, the program of examples/moe-dts-demo.mlir (@moe_spider:
//             the gate weights marked sparse, three linalg.generic), given g;
//  * routed:  @routed, Spider's dense code for the routed work alone (rows
//             gathered expert by expert outside the timing, an scf.for of
//             two linalg.matmul per expert): what the fused program should
//             approach;
//  * blas_loop: moePerExpertBlas, the loop a user writes with cblas_sgemm;
//  * padded:  moePaddedBatched, GShard-style capacity 1.25 (drops tokens).
// Spider's result is checked against blas_loop (exit 1 if off). A case file
// per row lets bench/moe_torch.py time PyTorch's loop on the same data.
//
// Memory: the extra resident memory of one @moe call (VmHWM after minus
// VmRSS before, the high-water mark reset through /proc/self/clear_refs), to
// check against weights + 3 x activations.
//
//   spider-moe-bench [--tokens=1024,4096] [--d-model=768] [--d-ff=3072]
//                    [--experts=64] [--reps=5] [--routings=top1,top2,dense]
//                    [--case-dir=DIR] [--csv=FILE]
//
//===----------------------------------------------------------------------===//

#include "BenchJit.h"
#include "MoeBaselines.h"

#include "spider/InitAll.h"
#include "spider/Pipelines/Pipelines.h"
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
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <malloc.h> // malloc_trim (glibc)
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>


using namespace mlir;
namespace cl = llvm::cl;

static cl::list<int64_t> tokenCounts("tokens", cl::CommaSeparated,
                                     cl::desc("Token counts (default "
                                              "1024,4096)"));
static cl::opt<int64_t> dModel("d-model", cl::desc("d_model"), cl::init(768));
static cl::opt<int64_t> dFf("d-ff", cl::desc("d_ff"), cl::init(3072));
static cl::opt<int64_t> numExperts("experts", cl::desc("Experts"),
                                   cl::init(64));
static cl::opt<int> reps("reps", cl::desc("Timed runs per point"),
                         cl::init(5));
static cl::list<std::string>
    routingNames("routings", cl::CommaSeparated,
                 cl::desc("Routings: top1, top2, dense (default all)"));
static cl::opt<std::string>
    caseDir("case-dir", cl::desc("Write a case file per row for "
                                 "bench/moe_torch.py into this directory"),
            cl::init(""));
static cl::opt<std::string> csvPath("csv", cl::desc("Write results as CSV"),
                                    cl::init(""));
static cl::opt<bool>
    printProgram("print-program",
                 cl::desc("Print the program of each token count and exit "
                          "(for spider-opt / spider-run)"));

// The seeds and scales of the data (also written to the case files).
constexpr uint64_t kSeedX = 11, kSeedW1 = 12, kSeedW2 = 13, kSeedLogits = 14;
constexpr double kCapacityFactor = 1.25;
constexpr double kTolerance = 1e-4;

//===----------------------------------------------------------------------===//
// Shapes, routings and the program
//===----------------------------------------------------------------------===//

struct Shape {
  int64_t T, D, F, E;
};

/// A point of the DTS gate's schedule. threshold 1.0 keeps nobody above it,
/// so min_k alone decides (top-k); threshold 0.0 keeps every expert.
struct Routing {
  std::string name;
  double threshold;
  int64_t minK;
  float tau;
};

static const std::vector<Routing> &knownRoutings() {
  static const std::vector<Routing> routings = {
      {"top1", 1.0, 1, 0.05f}, {"top2", 1.0, 2, 0.05f}, {"dense", 0.0, 1, 8.0f}};
  return routings;
}

static std::string dims(std::initializer_list<int64_t> ds) {
  std::string s;
  for (int64_t d : ds)
    s += (d < 0 ? std::string("?") : std::to_string(d)) + "x";
  return s;
}

static std::string tensorType(std::initializer_list<int64_t> ds) {
  return "tensor<" + dims(ds) + "f32>";
}

/// @gate_<routing>: the routing weights, zero where a token does not go.
static std::string gateFunction(const Shape &s, const Routing &r) {
  std::string t = tensorType({s.T, s.E});
  std::ostringstream os;
  os << "func.func @gate_" << r.name << "(%logits: " << t
     << ", %tau: f32) -> " << t << " attributes {llvm.emit_c_interface} {\n"
     << "  %g = spider.dts_gate %logits tau(%tau) threshold("
     << std::to_string(r.threshold) // a float literal: "1.000000", not "1"
     << ") min_k(" << r.minK << ") : " << t << " -> " << t << "\n"
     << "  return %g : " << t << "\n}\n";
  return os.str();
}

/// @moe: exactly @moe_spider of examples/moe-dts-demo.mlir, at these sizes.
static std::string moeFunction(const Shape &s) {
  std::string x = tensorType({s.T, s.D}), g = tensorType({s.T, s.E}),
              w1 = tensorType({s.E, s.D, s.F}),
              w2 = tensorType({s.E, s.F, s.D}),
              h = tensorType({s.T, s.E, s.F}),
              gs = "tensor<" + dims({s.T, s.E}) +
                   "f32, #spider.sparse<microtile = [1, 1]>>";
  std::string text = R"(#te = affine_map<(t, e, f, d) -> (t, e)>
#td = affine_map<(t, e, f, d) -> (t, d)>
#edf = affine_map<(t, e, f, d) -> (e, d, f)>
#tef = affine_map<(t, e, f, d) -> (t, e, f)>
#id3 = affine_map<(t, e, f) -> (t, e, f)>
#te2 = affine_map<(t, d, e, f) -> (t, e)>
#tef2 = affine_map<(t, d, e, f) -> (t, e, f)>
#efd = affine_map<(t, d, e, f) -> (e, f, d)>
#td2 = affine_map<(t, d, e, f) -> (t, d)>
func.func @moe(%x: $X, %g: $G, %w1: $W1, %w2: $W2) -> $X attributes {llvm.emit_c_interface} {
  %zero = arith.constant 0.0 : f32
  %gs = spider.assume_sparse %g : $G to $GS
  %eh = tensor.empty() : $H
  %zh = linalg.fill ins(%zero : f32) outs(%eh : $H) -> $H
  %ey = tensor.empty() : $X
  %zy = linalg.fill ins(%zero : f32) outs(%ey : $X) -> $X
  %h = linalg.generic {indexing_maps = [#te, #td, #edf, #tef], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%gs, %x, %w1 : $GS, $X, $W1) outs(%zh : $H) {
  ^bb0(%gv: f32, %xv: f32, %wv: f32, %out: f32):
    %routed = arith.cmpf one, %gv, %zero : f32
    %p = arith.mulf %xv, %wv : f32
    %c = arith.select %routed, %p, %zero : f32
    %r = arith.addf %out, %c : f32
    linalg.yield %r : f32
  } -> $H
  %a = linalg.generic {indexing_maps = [#id3, #id3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%h : $H) outs(%zh : $H) {
  ^bb0(%hv: f32, %out: f32):
    %r = arith.maximumf %hv, %zero : f32
    linalg.yield %r : f32
  } -> $H
  %y = linalg.generic {indexing_maps = [#te2, #tef2, #efd, #td2], iterator_types = ["parallel", "parallel", "reduction", "reduction"]}
      ins(%gs, %a, %w2 : $GS, $H, $W2) outs(%zy : $X) {
  ^bb0(%gv: f32, %av: f32, %wv: f32, %out: f32):
    %ga = arith.mulf %gv, %av : f32
    %p = arith.mulf %ga, %wv : f32
    %r = arith.addf %out, %p : f32
    linalg.yield %r : f32
  } -> $X
  return %y : $X
}
)";
  // $GS before $G: a placeholder that is a prefix of another goes last.
  for (auto [key, value] : std::vector<std::pair<std::string, std::string>>{
           {"$GS", gs}, {"$W1", w1}, {"$W2", w2}, {"$X", x}, {"$G", g},
           {"$H", h}})
    for (size_t pos = 0; (pos = text.find(key, pos)) != std::string::npos;
         pos += value.size())
      text.replace(pos, key.size(), value);
  return text;
}

/// @routed: the routed work alone, in Spider's dense code. Rows of %xp are
/// the tokens already gathered expert by expert, rows offsets[e] to
/// offsets[e+1] for expert e; each packed row is scaled by its weight %gp.
static std::string routedFunction(const Shape &s) {
  std::string xp = tensorType({-1, s.D}), hp = tensorType({-1, s.F}),
              w1 = tensorType({s.E, s.D, s.F}),
              w2 = tensorType({s.E, s.F, s.D}), w1e = tensorType({s.D, s.F}),
              w2e = tensorType({s.F, s.D});
  std::string D = std::to_string(s.D), F = std::to_string(s.F),
              E = std::to_string(s.E);
  std::ostringstream os;
  os << "#id2 = affine_map<(i, j) -> (i, j)>\n"
     << "#row = affine_map<(i, j) -> (i)>\n"
     << "func.func @routed(%xp: " << xp << ", %offsets: tensor<?xindex>, "
     << "%gp: tensor<?xf32>, %w1: " << w1 << ", %w2: " << w2 << ") -> " << xp
     << " attributes {llvm.emit_c_interface} {\n"
     << "  %c0 = arith.constant 0 : index\n"
     << "  %c1 = arith.constant 1 : index\n"
     << "  %cE = arith.constant " << E << " : index\n"
     << "  %zero = arith.constant 0.0 : f32\n"
     << "  %n = tensor.dim %xp, %c0 : " << xp << "\n"
     << "  %init = tensor.empty(%n) : " << xp << "\n"
     << "  %y = scf.for %e = %c0 to %cE step %c1 iter_args(%acc = %init) -> ("
     << xp << ") {\n"
     << "    %e1 = arith.addi %e, %c1 : index\n"
     << "    %lo = tensor.extract %offsets[%e] : tensor<?xindex>\n"
     << "    %hi = tensor.extract %offsets[%e1] : tensor<?xindex>\n"
     << "    %rows = arith.subi %hi, %lo : index\n"
     << "    %xs = tensor.extract_slice %xp[%lo, 0] [%rows, " << D
     << "] [1, 1] : " << xp << " to " << xp << "\n"
     << "    %w1e = tensor.extract_slice %w1[%e, 0, 0] [1, " << D << ", " << F
     << "] [1, 1, 1] : " << w1 << " to " << w1e << "\n"
     << "    %w2e = tensor.extract_slice %w2[%e, 0, 0] [1, " << F << ", " << D
     << "] [1, 1, 1] : " << w2 << " to " << w2e << "\n"
     << "    %eh = tensor.empty(%rows) : " << hp << "\n"
     << "    %zh = linalg.fill ins(%zero : f32) outs(%eh : " << hp << ") -> "
     << hp << "\n"
     << "    %h = linalg.matmul ins(%xs, %w1e : " << xp << ", " << w1e
     << ") outs(%zh : " << hp << ") -> " << hp << "\n"
     << "    %a = linalg.generic {indexing_maps = [#id2, #id2], "
        "iterator_types = [\"parallel\", \"parallel\"]} ins(%h : "
     << hp << ") outs(%eh : " << hp << ") {\n"
     << "    ^bb0(%hv: f32, %out: f32):\n"
     << "      %r = arith.maximumf %hv, %zero : f32\n"
     << "      linalg.yield %r : f32\n"
     << "    } -> " << hp << "\n"
     << "    %ey = tensor.empty(%rows) : " << xp << "\n"
     << "    %zy = linalg.fill ins(%zero : f32) outs(%ey : " << xp << ") -> "
     << xp << "\n"
     << "    %ye = linalg.matmul ins(%a, %w2e : " << hp << ", " << w2e
     << ") outs(%zy : " << xp << ") -> " << xp << "\n"
     << "    %ge = tensor.extract_slice %gp[%lo] [%rows] [1] : tensor<?xf32> "
        "to tensor<?xf32>\n"
     << "    %sc = linalg.generic {indexing_maps = [#id2, #row, #id2], "
        "iterator_types = [\"parallel\", \"parallel\"]} ins(%ye, %ge : "
     << xp << ", tensor<?xf32>) outs(%ey : " << xp << ") {\n"
     << "    ^bb0(%yv: f32, %gv: f32, %out: f32):\n"
     << "      %r = arith.mulf %yv, %gv : f32\n"
     << "      linalg.yield %r : f32\n"
     << "    } -> " << xp << "\n"
     << "    %ins = tensor.insert_slice %sc into %acc[%lo, 0] [%rows, " << D
     << "] [1, 1] : " << xp << " into " << xp << "\n"
     << "    scf.yield %ins : " << xp << "\n"
     << "  }\n"
     << "  return %y : " << xp << "\n}\n";
  return os.str();
}

/// The whole module for one token count: a gate per routing, @moe, @routed.
static std::string program(const Shape &s,
                           const std::vector<Routing> &routings) {
  std::string text = moeFunction(s) + routedFunction(s);
  for (const Routing &r : routings)
    text += gateFunction(s, r);
  return text;
}

//===----------------------------------------------------------------------===//
// Compiled entry points
//===----------------------------------------------------------------------===//

using MemRef1D = StridedMemRefType<float, 1>;
using MemRef2D = StridedMemRefType<float, 2>;
using MemRef3D = StridedMemRefType<float, 3>;
using IndexMemRef1D = StridedMemRefType<int64_t, 1>;
using GateFn = void (*)(MemRef2D *, MemRef2D *, float);
using MoeFn = void (*)(MemRef2D *, MemRef2D *, MemRef2D *, MemRef3D *,
                       MemRef3D *);
using RoutedFn = void (*)(MemRef2D *, MemRef2D *, IndexMemRef1D *, MemRef1D *,
                          MemRef3D *, MemRef3D *);

/// A row-major view of `data` with sizes `sizes`.
template <typename T, int N>
static StridedMemRefType<T, N> view(T *data, std::array<int64_t, N> sizes) {
  StridedMemRefType<T, N> m;
  m.basePtr = m.data = data;
  m.offset = 0;
  int64_t stride = 1;
  for (int d = N - 1; d >= 0; --d) {
    m.sizes[d] = sizes[d];
    m.strides[d] = stride;
    stride *= sizes[d];
  }
  return m;
}

/// Copies a 2-D result (any strides) into row-major `out`.
static void copyOut(const MemRef2D &m, std::vector<float> &out) {
  out.resize(m.sizes[0] * m.sizes[1]);
  for (int64_t i = 0; i < m.sizes[0]; ++i)
    for (int64_t j = 0; j < m.sizes[1]; ++j)
      out[i * m.sizes[1] + j] =
          m.data[m.offset + i * m.strides[0] + j * m.strides[1]];
}

/// Frees a buffer the compiled code allocated (not one we passed in).
static void release(MemRef2D &m, const void *input) {
  if (m.basePtr != input)
    std::free(m.basePtr);
}


template <typename Fn>
static Fn entry(ExecutionEngine &engine, const std::string &name) {
  auto fn = engine.lookup("_mlir_ciface_" + name);
  if (!fn) {
    llvm::errs() << llvm::toString(fn.takeError()) << "\n";
    std::exit(1);
  }
  return reinterpret_cast<Fn>(*fn);
}

//===----------------------------------------------------------------------===//
// Timing, memory and checks
//===----------------------------------------------------------------------===//


/// What a timed body brackets with start()/stop(), so that its setup and
/// frees stay outside the time.
struct Stopwatch {
  double begin = 0, elapsed = 0;
  void start() { begin = spider_bench::seconds(); }
  void stop() { elapsed = spider_bench::seconds() - begin; }
};

/// Median seconds of `runs` calls of `body(stopwatch)` after one warm-up.
template <typename Body> static double medianTime(int runs, Body &&body) {
  std::vector<double> times;
  for (int r = 0; r <= runs; ++r) {
    Stopwatch timer;
    body(timer);
    if (r > 0)
      times.push_back(timer.elapsed);
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

/// VmHWM resets through clear_refs, so the process peak over the whole run
/// is the maximum of the marks seen before each reset.
static long processPeakKiB = 0;

static void resetHighWaterMark() {
  processPeakKiB = std::max(processPeakKiB, spider_bench::statusKiB("VmHWM"));
  std::ofstream("/proc/self/clear_refs") << "5";
}

static double mib(double bytes) { return bytes / (1024.0 * 1024.0); }

//===----------------------------------------------------------------------===//
// The rows
//===----------------------------------------------------------------------===//

/// The weights, shared by every row (only the token count changes).
struct Weights {
  std::vector<float> w1, w2;
  float scale1, scale2; // what they were filled with (for the case files)
};

/// The inputs of @routed: token rows gathered expert by expert.
struct Packed {
  std::vector<float> xp, gp;
  std::vector<int64_t> offsets, token; // E + 1 offsets; token of each row
};

static Packed pack(const Shape &s, const std::vector<float> &x,
                   const std::vector<float> &g) {
  Packed p;
  p.offsets.push_back(0);
  for (int64_t e = 0; e < s.E; ++e) {
    for (int64_t t = 0; t < s.T; ++t) {
      float w = g[t * s.E + e];
      if (w == 0.0f)
        continue;
      p.xp.insert(p.xp.end(), &x[t * s.D], &x[(t + 1) * s.D]);
      p.gp.push_back(w);
      p.token.push_back(t);
    }
    p.offsets.push_back(static_cast<int64_t>(p.token.size()));
  }
  return p;
}

struct Row {
  int64_t assignments = 0, paddedDropped = 0;
  double spiderMs = 0, routedMs = 0, blasMs = 0, paddedMs = 0;
  double extraRssMiB = 0, err = 0, routedErr = 0;
};

/// Times Spider's @moe on g; leaves its result in y.
static double timeMoe(MoeFn fn, const Shape &s, std::vector<float> &x,
                      std::vector<float> &g, Weights &w,
                      std::vector<float> &y) {
  MemRef2D xv = view<float, 2>(x.data(), {s.T, s.D}),
           gv = view<float, 2>(g.data(), {s.T, s.E});
  MemRef3D w1v = view<float, 3>(w.w1.data(), {s.E, s.D, s.F}),
           w2v = view<float, 3>(w.w2.data(), {s.E, s.F, s.D});
  return medianTime(reps, [&](Stopwatch &timer) {
    MemRef2D result;
    timer.start();
    fn(&result, &xv, &gv, &w1v, &w2v);
    timer.stop();
    copyOut(result, y);
    release(result, x.data());
  });
}

/// Extra resident memory of one @moe call, MiB.
static double moeExtraRssMiB(MoeFn fn, const Shape &s, std::vector<float> &x,
                             std::vector<float> &g, Weights &w) {
  MemRef2D xv = view<float, 2>(x.data(), {s.T, s.D}),
           gv = view<float, 2>(g.data(), {s.T, s.E});
  MemRef3D w1v = view<float, 3>(w.w1.data(), {s.E, s.D, s.F}),
           w2v = view<float, 3>(w.w2.data(), {s.E, s.F, s.D});
  MemRef2D result;
  // Hand the heap's free pages back first: otherwise the call reuses what
  // earlier calls freed and its own buffers never show in the RSS.
  malloc_trim(0);
  long before = spider_bench::statusKiB("VmRSS");
  resetHighWaterMark();
  fn(&result, &xv, &gv, &w1v, &w2v);
  long peak = spider_bench::statusKiB("VmHWM");
  release(result, x.data());
  return (peak - before) / 1024.0;
}

/// Times @routed on the packed rows; scatters its result (outside the
/// timing) into y, T x D.
static double timeRouted(RoutedFn fn, const Shape &s, Packed &p, Weights &w,
                         std::vector<float> &y) {
  int64_t rows = static_cast<int64_t>(p.token.size());
  MemRef2D xv = view<float, 2>(p.xp.data(), {rows, s.D});
  IndexMemRef1D ov = view<int64_t, 1>(p.offsets.data(), {s.E + 1});
  MemRef1D gv = view<float, 1>(p.gp.data(), {rows});
  MemRef3D w1v = view<float, 3>(w.w1.data(), {s.E, s.D, s.F}),
           w2v = view<float, 3>(w.w2.data(), {s.E, s.F, s.D});
  std::vector<float> packedOut;
  double t = medianTime(reps, [&](Stopwatch &timer) {
    MemRef2D result;
    timer.start();
    fn(&result, &xv, &ov, &gv, &w1v, &w2v);
    timer.stop();
    copyOut(result, packedOut);
    release(result, p.xp.data());
  });
  std::fill(y.begin(), y.end(), 0.0f);
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t d = 0; d < s.D; ++d)
      y[p.token[r] * s.D + d] += packedOut[r * s.D + d];
  return t;
}

/// Runs g through the compiled gate (on a copy of the logits, in case the
/// gate's buffer reuses its input).
static std::vector<float> route(GateFn gate, const Shape &s,
                                const std::vector<float> &logits,
                                const Routing &r) {
  std::vector<float> input = logits, g;
  MemRef2D lv = view<float, 2>(input.data(), {s.T, s.E}), result;
  gate(&result, &lv, r.tau);
  copyOut(result, g);
  release(result, input.data());
  return g;
}

static std::string casePath(const Shape &s, const Routing &r) {
  return caseDir + "/moe-T" + std::to_string(s.T) + "-" + r.name + ".case";
}

/// One row: every method on the same x, g and weights.
static Row runRow(ExecutionEngine &engine, const Shape &s, const Routing &r,
                  std::vector<float> &x, const std::vector<float> &logits,
                  Weights &w) {
  Row row;
  std::vector<float> g =
      route(entry<GateFn>(engine, "gate_" + r.name), s, logits, r);
  row.assignments = countAssignments(g.data(), s.T, s.E);

  std::vector<float> ySpider, yBlas(s.T * s.D), yRouted(s.T * s.D),
      yPadded(s.T * s.D);
  auto moe = entry<MoeFn>(engine, "moe");
  row.spiderMs = 1e3 * timeMoe(moe, s, x, g, w, ySpider);
  row.extraRssMiB = moeExtraRssMiB(moe, s, x, g, w);

  Packed p = pack(s, x, g);
  row.routedMs =
      1e3 * timeRouted(entry<RoutedFn>(engine, "routed"), s, p, w, yRouted);

  row.blasMs = 1e3 * medianTime(reps, [&](Stopwatch &timer) {
                 timer.start();
                 moePerExpertBlas(x.data(), g.data(), w.w1.data(),
                                  w.w2.data(), yBlas.data(), s.T, s.D, s.F,
                                  s.E);
                 timer.stop();
               });
  row.paddedMs = 1e3 * medianTime(reps, [&](Stopwatch &timer) {
                   timer.start();
                   row.paddedDropped = moePaddedBatched(
                       x.data(), g.data(), w.w1.data(), w.w2.data(),
                       yPadded.data(), s.T, s.D, s.F, s.E, kCapacityFactor);
                   timer.stop();
                 });
  row.err = spider_bench::relativeError(ySpider, yBlas);
  row.routedErr = spider_bench::relativeError(yRouted, yBlas);
  if (!caseDir.empty())
    writeMoeCase(casePath(s, r).c_str(), s.T, s.D, s.F, s.E, kSeedX, kSeedW1,
                 kSeedW2, 1.0f, w.scale1, w.scale2, g.data(), yBlas.data());
  return row;
}

static const char *kColumns =
    "tokens,routing,assignments,spider_ms,routed_ms,blas_loop_ms,padded_ms,"
    "padded_dropped,spider_vs_blas,fused_over_routed,spider_extra_rss_mib,"
    "err,routed_err,weights_mib,activations_mib";

static void printRow(const Shape &s, const Routing &r, const Row &row,
                     double weightsMiB, double actMiB, std::ofstream &csv) {
  double vsBlas = row.blasMs / row.spiderMs;
  double overRouted = row.spiderMs / row.routedMs;
  std::printf("tokens=%lld routing=%s assignments=%lld spider_ms=%.2f "
              "routed_ms=%.2f blas_loop_ms=%.2f padded_ms=%.2f "
              "padded_dropped=%lld spider_vs_blas=%.2fx "
              "fused_over_routed=%.2fx spider_extra_rss_mib=%.1f err=%.1e "
              "routed_err=%.1e weights_mib=%.1f activations_mib=%.1f\n",
              static_cast<long long>(s.T), r.name.c_str(),
              static_cast<long long>(row.assignments), row.spiderMs,
              row.routedMs, row.blasMs, row.paddedMs,
              static_cast<long long>(row.paddedDropped), vsBlas, overRouted,
              row.extraRssMiB, row.err, row.routedErr, weightsMiB, actMiB);
  std::fflush(stdout);
  if (csv.is_open())
    csv << s.T << "," << r.name << "," << row.assignments << ","
        << row.spiderMs << "," << row.routedMs << "," << row.blasMs << ","
        << row.paddedMs << "," << row.paddedDropped << "," << vsBlas << ","
        << overRouted << "," << row.extraRssMiB << "," << row.err << ","
        << row.routedErr << "," << weightsMiB << "," << actMiB << std::endl;
}

static std::vector<Routing> selectedRoutings() {
  if (routingNames.empty())
    return knownRoutings();
  std::vector<Routing> out;
  for (const std::string &name : routingNames) {
    auto it = std::find_if(knownRoutings().begin(), knownRoutings().end(),
                           [&](const Routing &r) { return r.name == name; });
    if (it == knownRoutings().end()) {
      llvm::errs() << "spider-moe-bench: unknown routing '" << name
                   << "' (top1, top2, dense)\n";
      std::exit(1);
    }
    out.push_back(*it);
  }
  return out;
}

int main(int argc, char **argv) {
  cl::ParseCommandLineOptions(argc, argv, "Spider MoE FFN benchmark\n");
  std::vector<int64_t> tokens(tokenCounts.begin(), tokenCounts.end());
  if (tokens.empty())
    tokens = {1024, 4096};
  std::vector<Routing> routings = selectedRoutings();
  const int64_t D = dModel, F = dFf, E = numExperts;
  openblas_set_num_threads(spider_bench::benchThreadCount());

  DialectRegistry registry;
  mlir::spider::initializeJit(registry);
  MLIRContext context(registry);

  // Allocated once: every row reads the same weights. Scaled by
  // 1/sqrt(fan-in) so that y stays O(1) whatever the sizes.
  Weights w{std::vector<float>(E * D * F), std::vector<float>(E * F * D),
            1.0f / std::sqrt(float(D)), 1.0f / std::sqrt(float(F))};
  fillHashed(w.w1.data(), w.w1.size(), kSeedW1, w.scale1);
  fillHashed(w.w2.data(), w.w2.size(), kSeedW2, w.scale2);
  double weightsMiB = mib(sizeof(float) * (w.w1.size() + w.w2.size()));

  std::ofstream csv;
  if (!csvPath.empty()) {
    csv.open(csvPath);
    csv << kColumns << "\n";
  }
  if (!printProgram) {
    std::printf("spider-moe-bench: d_model %lld, d_ff %lld, %lld experts, "
                "f32, %d thread(s), medians of %d after a warm-up; weights "
                "%.1f MiB\n",
                static_cast<long long>(D), static_cast<long long>(F),
                static_cast<long long>(E), spider_bench::benchThreadCount(),
                int(reps), weightsMiB);
    std::printf("cpu-isa: %s\n", spider_bench::describeCpuIsa().c_str());
  }
  std::fflush(stdout);
  int status = 0;
  for (int64_t T : tokens) {
    Shape s{T, D, F, E};
    if (printProgram) {
      std::printf("%s", program(s, routings).c_str());
      continue;
    }
    auto engine = spider_bench::compileForCpu(context, program(s, routings));
    if (!engine) {
      llvm::errs() << "spider-moe-bench: compilation failed at T=" << T
                   << "\n";
      return 1;
    }
    std::vector<float> x(T * D), logits(T * E);
    fillHashed(x.data(), x.size(), kSeedX, 1.0f);
    fillHashed(logits.data(), logits.size(), kSeedLogits, 1.0f);
    double actMiB = mib(sizeof(float) * (2 * T * D + T * E)); // x, y, g
    for (const Routing &r : routings) {
      Row row = runRow(*engine, s, r, x, logits, w);
      printRow(s, r, row, weightsMiB, actMiB, csv);
      if (!(row.err < kTolerance)) {
        std::fprintf(stderr,
                     "spider-moe-bench: Spider's @moe differs from the BLAS "
                     "loop at tokens=%lld routing=%s: %.3e >= %.0e\n",
                     static_cast<long long>(T), r.name.c_str(), row.err,
                     kTolerance);
        status = 1;
        break;
      }
    }
    if (status)
      break;
  }
  if (printProgram)
    return 0;
  resetHighWaterMark(); // folds the last mark into the process peak
  std::printf("process_vm_hwm_mib=%.1f\n", processPeakKiB / 1024.0);
  return status;
}
