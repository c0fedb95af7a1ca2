//===- TileCostModel.cpp - What tile shapes cost on a target --------------===//

#include "spider/Dialect/Spider/CostModel/TileCostModel.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/BuiltinTypes.h"

#include <algorithm>
#include <cmath>

#include "llvm/Support/MathExtras.h"

using namespace mlir;
using namespace mlir::spider;

namespace {
// Dense contraction throughput by the number of rows of A a group holds,
// relative to the best, measured with bench/kernel-rows.sh (a [rows x 512]
// by [512 x 1024] f32 matmul, 2 GFLOP in all per row count) on the machine
// of docs/performance.md.
const std::pair<int64_t, double> kCpuEfficiency[] = {
    {1, 0.28}, {2, 0.49}, {4, 0.72}, {8, 0.95}, {16, 0.97}, {32, 1.0}};

// AVX-512: 6 rows by 4 zmm registers of accumulators (24 of 32), 4-deep k
// steps. Against 4x64x4 in one process, alternating (docs/design.md, "Dense
// tiles per ISA"): 0.88x the time at 2048^3, 0.91x-0.95x on the MoE expert
// shape [r x 768] x [768 x 3072] at r = 16, 64, 128; 6x64x1, 5x64x4, 8x32,
// 12x32 and 8x48 were slower or no better.
const TileDatabase kCpuAvx512 = {
    /*target=*/"cpu",
    /*isa=*/"avx512",
    /*registerTile=*/{6, 64, 4},
    /*vectorWidth=*/16,
    /*efficiencyByRows=*/kCpuEfficiency,
    // PIT (B's panels read through the index, unmasked depth steps) reaches
    // 0.95 of the dense kernel's time near 65% density on the 2048^3 matmul
    // of docs/performance.md, one thread (PIT forced: 0.56x of dense at
    // 40%, 0.63x at 50%, 0.77x at 60%, 1.11x at 70%; bench/spider-tune.sh
    // measured 0.78 at 1024^3).
    /*denseThreshold=*/0.65,
};
// AVX2: 6 rows by 2 ymm registers (12 accumulators, 2 of B and a broadcast:
// 15 of 16). The former 4x32 tile held 16 accumulators in 16 registers and
// spilled one on every FMA (0.79x the time at 2048^3 now, 0.76x with 64
// rows); 4x64 needs 32. The efficiency table and the threshold are
// AVX-512's until bench/kernel-rows.sh runs on an AVX2 host.
const TileDatabase kCpuAvx2 = {
    /*target=*/"cpu",
    /*isa=*/"avx2",
    /*registerTile=*/{6, 16, 4},
    /*vectorWidth=*/8,
    /*efficiencyByRows=*/kCpuEfficiency,
    /*denseThreshold=*/0.45,
};
// SSE2 (any x86-64): 4 rows by 2 xmm registers. Not measured.
const TileDatabase kCpuSse = {
    /*target=*/"cpu",
    /*isa=*/"sse",
    /*registerTile=*/{4, 8, 4},
    /*vectorWidth=*/4,
    /*efficiencyByRows=*/kCpuEfficiency,
    /*denseThreshold=*/0.45,
};
// NVIDIA GPUs (spider-lower-pit-to-gpu's kernel). Not measured yet: the
// efficiency is the row occupancy of an m16n8k16 MMA (a group of r < 16 rows
// leaves 16 - r rows of every MMA idle), and the threshold is a placeholder
// until the GPU benchmark of docs/performance.md has run on a GPU.
const std::pair<int64_t, double> kGpuEfficiency[] = {
    {1, 1.0 / 16}, {2, 2.0 / 16}, {4, 4.0 / 16}, {8, 8.0 / 16}, {16, 1.0}};

const TileDatabase kGpu = {
    /*target=*/"gpu",
    /*isa=*/"",
    /*registerTile=*/{16, 8, 16},
    /*vectorWidth=*/8,
    /*efficiencyByRows=*/kGpuEfficiency,
    /*denseThreshold=*/0.5,
};
} // namespace

double TileDatabase::efficiency(int64_t rows) const {
  if (efficiencyByRows.empty())
    return 1.0;
  if (rows <= efficiencyByRows.front().first)
    return efficiencyByRows.front().second;
  for (size_t i = 1; i < efficiencyByRows.size(); ++i) {
    auto [r1, e1] = efficiencyByRows[i];
    if (rows <= r1) {
      auto [r0, e0] = efficiencyByRows[i - 1];
      return e0 + (e1 - e0) * double(rows - r0) / double(r1 - r0);
    }
  }
  return efficiencyByRows.back().second;
}

const TileCostModel &TileCostModel::get(Target target, CpuIsa isa) {
  static const TileCostModel avx512(kCpuAvx512), avx2(kCpuAvx2), sse(kCpuSse),
      gpu(kGpu);
  if (target == Target::GPU)
    return gpu;
  switch (resolveCpuIsa(isa)) {
  case CpuIsa::AVX2:
    return avx2;
  case CpuIsa::SSE:
    return sse;
  default:
    return avx512;
  }
}

const TileCostModel *TileCostModel::lookup(llvm::StringRef name) {
  std::optional<Target> target = parseTarget(name);
  return target ? &get(*target) : nullptr;
}

int64_t TileCostModel::chooseCoverFactor(int64_t rows, int64_t microtileSize,
                                         int64_t extent,
                                         double density) const {
  double p = std::clamp(density, 1e-6, 1.0);
  double bestCost = INFINITY;
  int64_t bestFactor = 1;
  for (int64_t c = 1; c <= 32; c *= 2) {
    // Sizes are user input: a cover whose size or rows overflow is past
    // any tensor.
    int64_t size, coverRows;
    if (llvm::MulOverflow(microtileSize, c, size) ||
        llvm::MulOverflow(rows, c, coverRows))
      break;
    if (c > 1 && !ShapedType::isDynamic(extent) && size > extent)
      break;
    // A coarser cover is active when any of its c micro-tiles is.
    double active = 1.0 - std::pow(1.0 - p, double(c));
    double cost = active / db.efficiency(coverRows);
    if (cost < bestCost * 0.98) { // Ties favour the finer cover.
      bestCost = cost;
      bestFactor = c;
    }
  }
  return bestFactor;
}

SmallVector<int64_t> TileCostModel::computeTile(linalg::LinalgOp op) const {
  SmallVector<int64_t> tile(op.getNumLoops(), 1);
  FailureOr<linalg::ContractionDimensions> dims =
      linalg::isaContractionOpInterface(op)
          ? linalg::inferContractionDims(op)
          : FailureOr<linalg::ContractionDimensions>(failure());
  if (succeeded(dims) && dims->m.size() == 1 && dims->n.size() == 1 &&
      dims->k.size() == 1) {
    tile[dims->m[0]] = db.registerTile[0];
    tile[dims->n[0]] = db.registerTile[1];
    tile[dims->k[0]] = db.registerTile[2];
  } else if (!tile.empty()) {
    tile.back() = db.vectorWidth;
  }
  return tile;
}
