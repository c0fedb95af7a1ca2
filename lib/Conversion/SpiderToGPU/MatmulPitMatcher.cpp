//===- MatmulPitMatcher.cpp - Which spider.pit ops get a GPU tile kernel --===//
//
// The tile kernel implements one computation: a matmul
// C[m,n] += A[m,k] * B[k,n] on tensor cores, whose sparse operand is A, with
// A and B both f16, both bf16 or both f32 and C f32. Every other spider.pit
// is declined with the reason, and spider-lower-pit-to-loops lowers it instead.
//
//===----------------------------------------------------------------------===//

#include "TileKernel.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"

using namespace mlir;
using namespace mlir::spider;
using namespace mlir::spider::gpu_tile;

/// Whether `op`'s indexing maps and iterators are those of a matmul
/// C[m,n] += A[m,k] * B[k,n] (loops m, n, k).
static bool isMatmulMaps(linalg::LinalgOp op) {
  if (op.getNumLoops() != 3 || op.getNumDpsInputs() != 2 ||
      op.getNumDpsInits() != 1)
    return false;
  MLIRContext *ctx = op->getContext();
  AffineExpr m, n, k;
  bindDims(ctx, m, n, k);
  auto maps = op.getIndexingMapsArray();
  auto expect = [&](AffineExpr a, AffineExpr b) {
    return AffineMap::get(3, 0, {a, b}, ctx);
  };
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  return maps[0] == expect(m, k) && maps[1] == expect(k, n) &&
         maps[2] == expect(m, n) &&
         iterators[0] == utils::IteratorType::parallel &&
         iterators[1] == utils::IteratorType::parallel &&
         iterators[2] == utils::IteratorType::reduction;
}

/// Why the body of `pit` is not the matmul on its operands the kernel
/// computes, or "".
static std::string explainShape(PitOp pit, linalg::LinalgOp op) {
  if (!op || !isMatmulMaps(op) || !linalg::isaContractionOpInterface(op))
    return "its computation is not a matmul C[m,n] += A[m,k] * B[k,n]";
  Block &body = pit.getBody().front();
  if (op.getDpsInputOperand(0)->get() !=
      body.getArgument(pit.getSparseOperand()))
    return "its sparse operand is not the matmul's left operand";
  unsigned numInputs = pit.getInputs().size();
  auto init = dyn_cast<BlockArgument>(op.getDpsInitOperand(0)->get());
  if (!init || init.getOwner() != &body || init.getArgNumber() != numInputs)
    return "the matmul's output is not the spider.pit output";
  if (ValueRange(body.getTerminator()->getOperands()) !=
      ValueRange(op->getResults()))
    return "spider.pit does not yield the matmul's result";
  return "";
}

/// Why the element types of `op` are not those the kernel computes on, or
/// "".
static std::string explainTypes(linalg::LinalgOp op) {
  auto typeOf = [](Value v) { return cast<ShapedType>(v.getType()); };
  Type a = typeOf(op.getDpsInputOperand(0)->get()).getElementType();
  Type b = typeOf(op.getDpsInputOperand(1)->get()).getElementType();
  Type c = typeOf(op.getDpsInitOperand(0)->get()).getElementType();
  if (a != b || !(a.isF16() || a.isBF16() || a.isF32()))
    return "its operands are not both f16, both bf16 or both f32";
  if (!c.isF32())
    return "its result is not f32 (the tensor cores accumulate in f32)";
  return "";
}

std::string gpu_tile::matchMatmulPit(PitOp pit, MatmulPit &plan) {
  if (pit.isChain())
    return "it is a chain of computations (the tile kernel runs one matmul)";
  if (pit.getSparseValue().getDefiningOp<FromTilesOp>())
    return "its sparse operand is stored packed (spider.from_tiles)";
  auto op = dyn_cast<linalg::LinalgOp>(pit.getComputation());
  if (std::string why = explainShape(pit, op); !why.empty())
    return why;
  if (std::string why = explainTypes(op); !why.empty())
    return why;
  // The matmul maps make A two-dimensional, and the spider.pit verifier
  // gives the index A's rank.
  TileIndexType index = pit.getIndex().getType();
  assert(index.getRank() == 2 && "the index of a matmul's A is 2-d");
  plan.pit = pit;
  plan.op = op;
  plan.packK = index.getPackDim() == 1;
  plan.tm = index.getMicrotile()[0];
  plan.tk = index.getMicrotile()[1];
  plan.element = cast<ShapedType>(op.getDpsInputOperand(0)->get().getType())
                     .getElementType();
  // The warps split the rows of a block in slices of 16.
  if (plan.packK && plan.tm != 16 && plan.tm != 32 && plan.tm != 64)
    return "packed along k, its micro-tile must be 16, 32 or 64 rows, not " +
           std::to_string(plan.tm);
  // The kernel reads B from a buffer of the host; a constant of the body
  // would be erased with the spider.pit.
  if (!isa<BlockArgument>(op.getDpsInputOperand(1)->get()))
    return "the matmul's right operand is defined in the body, not passed "
           "in ins";
  return "";
}
