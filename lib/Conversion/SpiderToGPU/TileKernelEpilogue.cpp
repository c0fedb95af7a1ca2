//===- TileKernelEpilogue.cpp - SWrite of the tile kernel -----------------===//
//
// After the k loop each lane adds its accumulator elements into C. Packed
// along k a block owns its rows of C, so a plain load-add-store does; packed
// along m the groups (k blocks) overlap in C, so the add is atomic.
//
//===----------------------------------------------------------------------===//

#include "TileKernel.h"

#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

using namespace mlir;
using namespace mlir::spider;
using namespace mlir::spider::gpu_tile;

/// SWrite: C[row][col] += acc, for the elements inside C.
void TileKernel::epilogue(Value lane, ValueRange acc) {
  Value group = div(lane, cst(4)), quad = rem(lane, cst(4));
  for (int64_t t = 0; t < tilesN; ++t) {
    for (int64_t i = 0; i < 2; ++i) {
      auto [row, rowValid] = rowOf(add(add(warpRow, group), cst(8 * i)));
      for (int64_t j = 0; j < 2; ++j) {
        Value col = add(add(n0, add(warpCol, cst(t * 8))),
                        add(mul(quad, cst(2)), cst(j)));
        Value valid = both(rowValid, lt(col, N));
        Value v = vector::ExtractOp::create(b, acc[t], ArrayRef<int64_t>{i, j});
        auto store = scf::IfOp::create(b, valid, false);
        OpBuilder::InsertionGuard g(b);
        b.setInsertionPointToStart(&store.getThenRegion().front());
        accumulate(v, row, col);
      }
    }
  }
}

/// C[row][col] += v, atomically where groups overlap in C.
void TileKernel::accumulate(Value v, Value row, Value col) {
  if (mode == Mode::PackM) {
    memref::AtomicRMWOp::create(b, arith::AtomicRMWKind::addf, v, c,
                                ValueRange{row, col});
    return;
  }
  Value old = load(c, {row, col});
  memref::StoreOp::create(b, arith::AddFOp::create(b, old, v), c,
                          ValueRange{row, col});
}
