//===- spider-attention-bench.cpp - Sliding-window + global attention -----===//
//
// One process, identical data: one attention head over S tokens,
//   O = softmax(mask(Q K^T)) V,
// where query i may attend key j when |i - j| <= window / 2, or when i or
// j is one of G global tokens (spread evenly: token t * S / G). The mask is
// given as CSR (row i lists the keys it may attend, strictly increasing):
// O(S * (window + G)) entries, never S x S.
// Compared here:
//  * Spider: spider.from_csr makes the mask a packed sparse value, and the
//    attention is written as dense linalg ops (the program of
//    test/Integration/CPU/attention-packed-csr.mlir): scores where the mask
//    allows, row maxima, exponentials, row sums, the product with V and a
//    normalization. spider-sparsify marks the exponentials sparse with the
//    mask's index and spider-fuse-pit-chains makes the five one spider.pit:
//    each query row gathers its keys once. Compiled by spider-cpu-pipeline
//    (default options), JIT-run; the index is built inside every call.
//  * a plain C++ loop over the CSR (per query: the dot products with its
//    keys, a softmax, the weighted sum of their V rows), OpenMP over rows:
//    the reference Spider is checked against (max abs difference over max
//    abs < 1e-4, exit 1 otherwise).
// bench/attention_torch.py times PyTorch's dense masked attention on the
// same data (--case-dir writes it).
//
// Memory: the extra resident memory of one call (VmHWM after, the mark
// reset through /proc/self/clear_refs, minus VmRSS before).
//
//   spider-attention-bench [--tokens=8192] [--head=64] [--window=256]
//                          [--globals=64] [--form=select|masked-fill]
//                          [--reps=5] [--seed=1]
//                          [--csv=FILE] [--case-dir=DIR] [--emit-mlir]
//
//===----------------------------------------------------------------------===//

#include "BenchJit.h"
#include "MoeBaselines.h"

#include "spider/InitAll.h"
#include "spider/Runtime/Profile.h"
#include "spider/Tools/Jit.h"

#include "mlir/ExecutionEngine/CRunnerUtils.h"
#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"

#include <cblas.h>

#include <algorithm>
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

static cl::opt<int64_t> numTokens("tokens", cl::desc("Tokens (S)"),
                                  cl::init(8192));
static cl::opt<int64_t> headDim("head", cl::desc("Head dimension"),
                                cl::init(64));
static cl::opt<int64_t> window("window",
                               cl::desc("Window: keys within window/2 of "
                                        "the query"),
                               cl::init(256));
static cl::opt<int64_t> numGlobals("globals", cl::desc("Global tokens"),
                                   cl::init(64));
static cl::opt<int> reps("reps", cl::desc("Timed runs"), cl::init(5));
static cl::opt<std::string>
    form("form",
         cl::desc("How the Spider program applies the mask: 'select' (in "
                  "the scores, maxima and exponentials) or 'masked-fill' "
                  "(-inf into the scores, softmax unmarked)"),
         cl::init("select"));
static cl::opt<uint64_t> seed("seed", cl::desc("Data seed"), cl::init(1));
static cl::opt<std::string> csvPath("csv",
                                    cl::desc("Append results to a CSV file"),
                                    cl::init(""));
static cl::opt<bool> emitMlir("emit-mlir",
                              cl::desc("Print the Spider program and exit"));
static cl::opt<std::string>
    caseDir("case-dir", cl::desc("Write case-S.bin for attention_torch.py"),
            cl::init(""));

//===----------------------------------------------------------------------===//
// The mask
//===----------------------------------------------------------------------===//

/// The allowed (query, key) pairs in CSR form.
struct Mask {
  int64_t tokens = 0;
  std::vector<int64_t> offsets, cols;
  std::vector<float> vals; ///< Ones: the mask's values.
  size_t bytes() const {
    return (offsets.size() + cols.size()) * sizeof(int64_t) +
           vals.size() * sizeof(float);
  }
};

static Mask slidingWindowMask(int64_t s, int64_t w, int64_t g) {
  std::vector<char> global(s, 0);
  for (int64_t t = 0; t < g && t < s; ++t)
    global[t * s / std::max<int64_t>(g, 1)] = 1;
  std::vector<int64_t> globals;
  for (int64_t j = 0; j < s; ++j)
    if (global[j])
      globals.push_back(j);
  Mask m;
  m.tokens = s;
  m.offsets.push_back(0);
  int64_t half = w / 2;
  for (int64_t i = 0; i < s; ++i) {
    if (global[i]) {
      for (int64_t j = 0; j < s; ++j)
        m.cols.push_back(j);
    } else {
      // The window and the global keys, merged in order.
      int64_t lo = std::max<int64_t>(0, i - half);
      int64_t hi = std::min<int64_t>(s - 1, i + half);
      size_t gi = 0;
      for (int64_t j = lo; j <= hi; ++j) {
        for (; gi < globals.size() && globals[gi] < j; ++gi)
          m.cols.push_back(globals[gi]);
        if (gi < globals.size() && globals[gi] == j)
          ++gi;
        m.cols.push_back(j);
      }
      for (; gi < globals.size(); ++gi)
        m.cols.push_back(globals[gi]);
    }
    m.offsets.push_back(static_cast<int64_t>(m.cols.size()));
  }
  m.vals.assign(m.cols.size(), 1.0f);
  return m;
}

//===----------------------------------------------------------------------===//
// The C++ reference
//===----------------------------------------------------------------------===//

/// O ([S][D]) = softmax over each query's allowed keys of Q K^T, times V.
static void csrAttention(const Mask &m, const float *q, const float *k,
                         const float *v, float *o, int64_t d) {
  const int threads = spider_bench::benchThreadCount();
  (void)threads;
#pragma omp parallel for schedule(dynamic, 64) num_threads(threads)
  for (int64_t i = 0; i < m.tokens; ++i) {
    int64_t begin = m.offsets[i], end = m.offsets[i + 1];
    std::vector<float> scores(end - begin);
    float mx = -std::numeric_limits<float>::infinity();
    for (int64_t e = begin; e < end; ++e) {
      const float *kr = k + m.cols[e] * d;
      float dot = 0.0f;
      for (int64_t t = 0; t < d; ++t)
        dot += q[i * d + t] * kr[t];
      scores[e - begin] = dot;
      mx = std::max(mx, dot);
    }
    float sum = 0.0f;
    float *out = o + i * d;
    std::fill(out, out + d, 0.0f);
    for (int64_t e = begin; e < end; ++e) {
      float p = std::exp(scores[e - begin] - mx);
      sum += p;
      const float *vr = v + m.cols[e] * d;
      for (int64_t t = 0; t < d; ++t)
        out[t] += p * vr[t];
    }
    for (int64_t t = 0; t < d; ++t)
      out[t] = sum > 0.0f ? out[t] / sum : 0.0f;
  }
}

//===----------------------------------------------------------------------===//
// The Spider program
//===----------------------------------------------------------------------===//

static const char *programText = R"(#ij = affine_map<(i, j, d) -> (i, j)>
#id = affine_map<(i, j, d) -> (i, d)>
#jd = affine_map<(i, j, d) -> (j, d)>
#ij2 = affine_map<(i, j) -> (i, j)>
#i2 = affine_map<(i, j) -> (i)>
#id2 = affine_map<(i, d) -> (i, d)>
func.func @attention(%o: {O}, %c: tensor<?xi64>, %vals: tensor<?xf32>, %q: {X}, %k: {X}, %v: {X}) -> {X} attributes {llvm.emit_c_interface} {
  %n = arith.constant {S} : index
  %ms = spider.from_csr %o, %c, %vals, num_columns = %n : {O}, tensor<?xi64>, tensor<?xf32> -> {M}
  %zero = arith.constant 0.0 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %e2 = tensor.empty() : {P}
  %z2 = linalg.fill ins(%zero : f32) outs(%e2 : {P}) -> {P}
  %e1 = tensor.empty() : {R}
  %z1 = linalg.fill ins(%zero : f32) outs(%e1 : {R}) -> {R}
  %n1 = linalg.fill ins(%ninf : f32) outs(%e1 : {R}) -> {R}
  %eo = tensor.empty() : {X}
  %zo = linalg.fill ins(%zero : f32) outs(%eo : {X}) -> {X}
  %s = linalg.generic {indexing_maps = [#ij, #id, #jd, #ij], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%ms, %q, %k : {M}, {X}, {X}) outs(%z2 : {P}) {
  ^bb0(%mv: f32, %qv: f32, %kv: f32, %out: f32):
    %on = arith.cmpf one, %mv, %zero : f32
    %p = arith.mulf %qv, %kv : f32
    %cs = arith.select %on, %p, %zero : f32
    %r = arith.addf %out, %cs : f32
    linalg.yield %r : f32
  } -> {P}
{SOFTMAX}  %sum = linalg.generic {indexing_maps = [#ij2, #ij2, #i2], iterator_types = ["parallel", "reduction"]}
      ins(%ms, %p : {M}, {P}) outs(%z1 : {R}) {
  ^bb0(%mv: f32, %pv: f32, %out: f32):
    %on = arith.cmpf one, %mv, %zero : f32
    %cs = arith.select %on, %pv, %zero : f32
    %r = arith.addf %out, %cs : f32
    linalg.yield %r : f32
  } -> {R}
  %ou = linalg.generic {indexing_maps = [#ij, #jd, #id], iterator_types = ["parallel", "reduction", "parallel"]}
      ins(%p, %v : {P}, {X}) outs(%zo : {X}) {
  ^bb0(%pv: f32, %vv: f32, %out: f32):
    %m = arith.mulf %pv, %vv : f32
    %r = arith.addf %out, %m : f32
    linalg.yield %r : f32
  } -> {X}
  %res = linalg.generic {indexing_maps = [#id2, #i2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%ou, %sum : {X}, {R}) outs(%eo : {X}) {
  ^bb0(%ov: f32, %lv: f32, %out: f32):
    %has = arith.cmpf ogt, %lv, %zero : f32
    %x = arith.divf %ov, %lv : f32
    %r = arith.select %has, %x, %zero : f32
    linalg.yield %r : f32
  } -> {X}
  return %res : {X}
}
)";

/// The row maxima and exponentials with the mask in each op.
static const char *selectSoftmax = R"(  %max = linalg.generic {indexing_maps = [#ij2, #ij2, #i2], iterator_types = ["parallel", "reduction"]}
      ins(%ms, %s : {M}, {P}) outs(%n1 : {R}) {
  ^bb0(%mv: f32, %sv: f32, %out: f32):
    %on = arith.cmpf one, %mv, %zero : f32
    %cs = arith.select %on, %sv, %ninf : f32
    %r = arith.maximumf %out, %cs : f32
    linalg.yield %r : f32
  } -> {R}
  %p = linalg.generic {indexing_maps = [#ij2, #ij2, #i2, #ij2], iterator_types = ["parallel", "parallel"]}
      ins(%ms, %s, %max : {M}, {P}, {R}) outs(%z2 : {P}) {
  ^bb0(%mv: f32, %sv: f32, %mx: f32, %out: f32):
    %on = arith.cmpf one, %mv, %zero : f32
    %d = arith.subf %sv, %mx : f32
    %e = math.exp %d : f32
    %r = arith.select %on, %e, %zero : f32
    linalg.yield %r : f32
  } -> {P}
)";

/// masked_fill(~mask, -inf) on the scores, then the maxima and
/// exponentials unmarked (into an empty tensor), as PyTorch users write it.
static const char *maskedFillSoftmax = R"(  %n2 = linalg.fill ins(%ninf : f32) outs(%e2 : {P}) -> {P}
  %sm = linalg.generic {indexing_maps = [#ij2, #ij2, #ij2], iterator_types = ["parallel", "parallel"]}
      ins(%ms, %s : {M}, {P}) outs(%n2 : {P}) {
  ^bb0(%mv: f32, %sv: f32, %out: f32):
    %on = arith.cmpf one, %mv, %zero : f32
    %r = arith.select %on, %sv, %ninf : f32
    linalg.yield %r : f32
  } -> {P}
  %max = linalg.generic {indexing_maps = [#ij2, #i2], iterator_types = ["parallel", "reduction"]}
      ins(%sm : {P}) outs(%n1 : {R}) {
  ^bb0(%sv: f32, %out: f32):
    %r = arith.maximumf %out, %sv : f32
    linalg.yield %r : f32
  } -> {R}
  %p = linalg.generic {indexing_maps = [#ij2, #i2, #ij2], iterator_types = ["parallel", "parallel"]}
      ins(%sm, %max : {P}, {R}) outs(%e2 : {P}) {
  ^bb0(%sv: f32, %mx: f32, %out: f32):
    %d = arith.subf %sv, %mx : f32
    %r = math.exp %d : f32
    linalg.yield %r : f32
  } -> {P}
)";

/// The program for S tokens and head D: {X} [S, D], {R} [S], {O} the S + 1
/// row offsets, {P} and {M} the S x S scores and mask, which exist as types
/// only.
static std::string program(int64_t s, int64_t d) {
  std::string text = programText;
  std::string softmax = form == "masked-fill" ? maskedFillSoftmax : selectSoftmax;
  text.replace(text.find("{SOFTMAX}"), 9, softmax);
  std::string ss = std::to_string(s);
  const std::pair<std::string, std::string> names[] = {
      {"{X}", "tensor<" + ss + "x" + std::to_string(d) + "xf32>"},
      {"{R}", "tensor<" + ss + "xf32>"},
      {"{O}", "tensor<" + std::to_string(s + 1) + "xi64>"},
      {"{P}", "tensor<" + ss + "x" + ss + "xf32>"},
      {"{M}", "tensor<" + ss + "x" + ss +
                  "xf32, #spider.sparse<microtile = [1, 1]>>"},
      {"{S}", ss}};
  for (const auto &[name, value] : names)
    for (size_t at = text.find(name); at != std::string::npos;
         at = text.find(name, at + value.size()))
      text.replace(at, name.size(), value);
  return text;
}

//===----------------------------------------------------------------------===//
// Calling and measuring
//===----------------------------------------------------------------------===//

using I64Ref = StridedMemRefType<int64_t, 1>;
using F32Ref1 = StridedMemRefType<float, 1>;
using F32Ref2 = StridedMemRefType<float, 2>;
using AttentionFn = void (*)(F32Ref2 *, I64Ref *, I64Ref *, F32Ref1 *,
                             F32Ref2 *, F32Ref2 *, F32Ref2 *);

template <typename T>
static StridedMemRefType<T, 1> view1(const std::vector<T> &data) {
  StridedMemRefType<T, 1> m;
  // The compiled function only reads its operands.
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

static void callSpider(AttentionFn fn, const Mask &m,
                       const std::vector<float> &q, const std::vector<float> &k,
                       const std::vector<float> &v, int64_t d,
                       std::vector<float> *out) {
  I64Ref o = view1(m.offsets), c = view1(m.cols);
  F32Ref1 vals = view1(m.vals);
  F32Ref2 qv = view2(q, m.tokens, d), kv = view2(k, m.tokens, d),
          vv = view2(v, m.tokens, d), result;
  fn(&result, &o, &c, &vals, &qv, &kv, &vv);
  if (out)
    for (int64_t i = 0; i < m.tokens; ++i)
      for (int64_t j = 0; j < d; ++j)
        (*out)[i * d + j] = result.data[result.offset +
                                        i * result.strides[0] +
                                        j * result.strides[1]];
  std::free(result.basePtr);
}

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

static double extraRssMiB(const std::function<void()> &call) {
  long before = spider_bench::statusKiB("VmRSS");
  std::ofstream("/proc/self/clear_refs") << "5";
  call();
  return (spider_bench::statusKiB("VmHWM") - before) / 1024.0;
}

template <typename T> static void put(std::ofstream &os, const T *p, size_t n) {
  os.write(reinterpret_cast<const char *>(p), n * sizeof(T));
}

/// Writes a case for bench/attention_torch.py, little-endian, no padding:
///   int64 S, D, E; int64 offsets[S + 1]; int64 cols[E];
///   float32 Q[S * D], K[S * D], V[S * D]; float32 O[S * D] (the C++
///   reference output).
static bool writeCase(const std::string &path, const Mask &m, int64_t d,
                      const std::vector<float> &q, const std::vector<float> &k,
                      const std::vector<float> &v,
                      const std::vector<float> &ref) {
  std::ofstream os(path, std::ios::binary);
  int64_t header[3] = {m.tokens, d, static_cast<int64_t>(m.cols.size())};
  put(os, header, 3);
  put(os, m.offsets.data(), m.offsets.size());
  put(os, m.cols.data(), m.cols.size());
  for (const std::vector<float> *x : {&q, &k, &v, &ref})
    put(os, x->data(), x->size());
  return static_cast<bool>(os);
}

int main(int argc, char **argv) {
  cl::ParseCommandLineOptions(argc, argv, "Spider attention benchmark\n");
  int64_t s = numTokens, d = headDim;
  if (form != "select" && form != "masked-fill") {
    llvm::errs() << "spider-attention-bench: --form must be select or "
                    "masked-fill, not '" << form << "'\n";
    return 1;
  }
  if (s < 1 || d < 1 || window < 0 || numGlobals < 0 || numGlobals > s) {
    llvm::errs() << "spider-attention-bench: need tokens >= 1, head >= 1, "
                    "window >= 0 and 0 <= globals <= tokens\n";
    return 1;
  }
  openblas_set_num_threads(spider_bench::benchThreadCount());
  if (emitMlir) {
    std::printf("%s", program(s, d).c_str());
    return 0;
  }
  DialectRegistry registry;
  mlir::spider::initializeJit(registry);
  MLIRContext context(registry);
  double t0 = spider_bench::seconds();
  auto engine = spider_bench::compileForCpu(context, program(s, d));
  if (!engine) {
    llvm::errs() << "spider-attention-bench: compilation failed\n";
    return 1;
  }
  double compileS = spider_bench::seconds() - t0;
  Mask m = slidingWindowMask(s, window, numGlobals);
  double density = static_cast<double>(m.cols.size()) / (double(s) * s);
  std::printf("spider-attention-bench: S=%lld D=%lld window=%lld globals=%lld"
              " form=%s, %d thread(s), medians of %d, compiled in %.1f s\n",
              static_cast<long long>(s), static_cast<long long>(d),
              static_cast<long long>(window.getValue()),
              static_cast<long long>(numGlobals.getValue()), form.c_str(),
              spider_bench::benchThreadCount(), int(reps), compileS);
  std::printf("cpu-isa: %s\n", spider_bench::describeCpuIsa().c_str());
  std::printf("mask: %zu allowed pairs (density %.4f), CSR %.1f MiB; an S x "
              "S f32 tensor would be %.1f MiB and is never allocated here\n",
              m.cols.size(), density, m.bytes() / 1048576.0,
              double(s) * s * 4 / 1048576.0);

  std::vector<float> q(s * d), k(s * d), v(s * d);
  fillHashed(q.data(), q.size(), seed + 10, 0.25f);
  fillHashed(k.data(), k.size(), seed + 20, 0.25f);
  fillHashed(v.data(), v.size(), seed + 30, 1.0f);

  std::vector<float> ref(s * d), got(s * d);
  auto cpp = [&] { csrAttention(m, q.data(), k.data(), v.data(), ref.data(), d); };
  double cppS = timeMedian(reps, cpp);
  double cppMiB = extraRssMiB(cpp);

  auto fn = engine->lookup("_mlir_ciface_attention");
  if (!fn) {
    llvm::errs() << llvm::toString(fn.takeError()) << "\n";
    return 1;
  }
  auto attention = reinterpret_cast<AttentionFn>(*fn);
  double spiderS = timeMedian(
      reps, [&] { callSpider(attention, m, q, k, v, d, nullptr); },
      spider_rt_profile_reset);
  double indexS = spider_rt_profile_index_seconds() / reps;
  double spiderMiB =
      extraRssMiB([&] { callSpider(attention, m, q, k, v, d, &got); });
  double error = spider_bench::relativeError(got, ref);

  std::printf("%6s %4s %9s %10s %9s %9s %8s %8s %10s %8s\n", "S", "D",
              "pairs", "spider_ms", "index_ms", "cpp_ms", "vs_cpp", "error",
              "spider_MiB", "cpp_MiB");
  std::printf("%6lld %4lld %9zu %10.2f %9.2f %9.2f %7.2fx %8.1e %10.1f "
              "%8.1f\n",
              static_cast<long long>(s), static_cast<long long>(d),
              m.cols.size(), spiderS * 1e3, indexS * 1e3, cppS * 1e3,
              cppS / spiderS, error, spiderMiB, cppMiB);
  if (!csvPath.empty()) {
    // Appends; the header only to a new file.
    bool fresh = !std::ifstream(csvPath).good();
    std::ofstream csv(csvPath, std::ios::app);
    if (fresh)
      csv << "form,S,D,window,globals,pairs,density,spider_ms,"
             "spider_index_ms,cpp_csr_ms,error,spider_extra_rss_mib,"
             "cpp_extra_rss_mib,csr_mib\n";
    csv << form << "," << s << "," << d << "," << window << "," << numGlobals << ","
        << m.cols.size() << "," << density << "," << spiderS * 1e3 << ","
        << indexS * 1e3 << "," << cppS * 1e3 << "," << error << ","
        << spiderMiB << "," << cppMiB << "," << m.bytes() / 1048576.0
        << "\n";
  }
  if (!caseDir.empty()) {
    std::string path = caseDir + "/case-" + std::to_string(s) + ".bin";
    if (!writeCase(path, m, d, q, k, v, ref)) {
      llvm::errs() << "spider-attention-bench: cannot write " << path << "\n";
      return 1;
    }
    std::printf("wrote %s\n", path.c_str());
  }
  if (!(error < 1e-4)) {
    std::printf("FAILED: Spider differs from the C++ loop (%.3e)\n", error);
    return 1;
  }
  return 0;
}
