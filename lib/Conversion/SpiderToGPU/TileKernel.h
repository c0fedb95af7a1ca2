//===- TileKernel.h - The GPU tile kernel of a matmul pit ------*- C++ -*-===//
//
// What the pieces of spider-lower-pit-to-gpu share: the spider.pit the tile
// kernel implements (MatmulPitMatcher.cpp decides), and the kernel emitter,
// whose launch and k loop (TileKernel.cpp), shared-memory staging
// (TileKernelStaging.cpp), tile compute (TileKernelMma.cpp) and SWrite
// (TileKernelEpilogue.cpp) live in files of their own.
//
//===----------------------------------------------------------------------===//

#ifndef SPIDER_LIB_CONVERSION_SPIDERTOGPU_TILEKERNEL_H
#define SPIDER_LIB_CONVERSION_SPIDERTOGPU_TILEKERNEL_H

#include "spider/Dialect/Spider/IR/SpiderOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/LinalgInterfaces.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"

#include <optional>
#include <string>
#include <utility>

namespace mlir::spider::gpu_tile {

constexpr int64_t kThreads = 128; ///< Four warps.
constexpr int64_t kBlockK = 16;   ///< k depth of one shared-memory stage.
constexpr int64_t kBlockN = 64;   ///< Columns of C per block.
/// Shared-memory slots of the k pipeline: stage i + kStages - 1 is copied
/// while stage i is computed.
constexpr int64_t kStages = 3;

/// A spider.pit the tile kernel implements.
struct MatmulPit {
  PitOp pit;
  linalg::LinalgOp op;
  bool packK = true;      ///< Pack dim is k (else m).
  int64_t tm = 1, tk = 1; ///< A's micro-tile.
  Type element;           ///< Of A and B: f16, bf16 or f32.
};

/// Returns why `pit` has no GPU tile kernel, in the user's terms, or ""
/// (filling `plan`).
std::string matchMatmulPit(PitOp pit, MatmulPit &plan);

/// Emits the tile kernel for one matmul into the current function.
class TileKernel {
public:
  enum class Mode { PackK, PackM, Dense };

  TileKernel(ImplicitLocOpBuilder &b, const MatmulPit &plan, Mode mode,
             bool useTf32, Value a, Value bMat, Value c, Value offsets,
             Value positions);

  /// The gpu.launch over the grid `mode` needs; `numGroups` is the index's.
  void emit(Value numGroups);

private:
  // TileKernel.cpp: the grid, the launch and the k loop.
  std::pair<Value, Value> grid(Value numGroups);
  std::pair<int64_t, int64_t> sharedPadding();
  StringAttr sharedGlobal(StringRef name, MemRefType type);
  std::pair<Value, Value> columnK(Value j);
  std::pair<Value, Value> rowOf(Value i);
  void emitBody(Value bx, Value by, Value bz);
  void emitTile(Value numStages);
  bool issueStage(Value stage, Value slotIndex);
  Value commitGroup();

  // TileKernelStaging.cpp: SRead into shared memory.
  int64_t vectorElements();
  UnitAttr streamed();
  bool asyncRows(Value memref);
  bool stageA(Value stage);
  void stageAAsync(Value stage);
  bool stageB(Value stage);
  void stageBAsync(Value stage);
  template <typename Fn>
  void stageElements(Value shared, int64_t rows, int64_t columns, Fn source);

  // TileKernelMma.cpp: the tile compute.
  void compute(Value lane, SmallVector<Value> &acc);
  void computeLdMatrix(Value lane, SmallVector<Value> &acc);
  Value mmaBf16(Value fragA, Value fragB, Value acc);
  void computeTf32(Value lane, SmallVector<Value> &acc);
  void computeFma(Value lane, SmallVector<Value> &acc);

  // TileKernelEpilogue.cpp: SWrite.
  void epilogue(Value lane, ValueRange acc);
  void accumulate(Value v, Value row, Value col);

  // Index arithmetic.
  Value cst(int64_t v) { return arith::ConstantIndexOp::create(b, v); }
  Value add(Value x, Value y) { return arith::AddIOp::create(b, x, y); }
  Value sub(Value x, Value y) { return arith::SubIOp::create(b, x, y); }
  Value mul(Value x, Value y) { return arith::MulIOp::create(b, x, y); }
  Value div(Value x, Value y) { return arith::DivUIOp::create(b, x, y); }
  Value rem(Value x, Value y) { return arith::RemUIOp::create(b, x, y); }
  Value minOf(Value x, Value y) { return arith::MinSIOp::create(b, x, y); }
  Value maxOf(Value x, Value y) { return arith::MaxSIOp::create(b, x, y); }
  Value ceilDiv(Value x, Value y) {
    return arith::CeilDivSIOp::create(b, x, y);
  }
  Value lt(Value x, Value y) {
    return arith::CmpIOp::create(b, arith::CmpIPredicate::slt, x, y);
  }
  Value both(Value x, Value y) { return arith::AndIOp::create(b, x, y); }
  Value select(Value cond, Value x, Value y) {
    return arith::SelectOp::create(b, cond, x, y);
  }
  Value zero(Type t) {
    return arith::ConstantOp::create(b, t, b.getZeroAttr(t));
  }
  Value load(Value memref, ValueRange indices) {
    return memref::LoadOp::create(b, memref, indices);
  }

  ImplicitLocOpBuilder &b;
  const MatmulPit &plan;
  Mode mode;
  bool useTf32;
  Value a, bMat, c, offsets, positions;
  Type elem;
  int64_t blockM, warpsM, warpsN, warpN, tilesN;
  // Inside the kernel. As and Bs hold kStages slots; `slot` is the one the
  // staging writes or the compute reads.
  Value M, K, N, tid, As, Bs, slot, n0, rowBase, start, packedK, packedRows, kBase,
      kLength, warpRow, warpCol;
};

} // namespace mlir::spider::gpu_tile

#endif // SPIDER_LIB_CONVERSION_SPIDERTOGPU_TILEKERNEL_H
