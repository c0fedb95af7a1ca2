//===- DecomposeAggregatedOps.cpp - linalg.softmax to structured ops ------===//
//
// Upstream decomposes aggregated ops only through the transform dialect
// (transform.structured.decompose_interface); Spider's pipelines need it
// as a pass.
//
//===----------------------------------------------------------------------===//

#include "spider/Dialect/Spider/IR/SpiderAttrs.h"
#include "spider/Dialect/Spider/IR/SpiderOps.h"
#include "spider/Dialect/Spider/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::spider {
#define GEN_PASS_DEF_SPIDERDECOMPOSEAGGREGATEDOPS
#include "spider/Dialect/Spider/Transforms/Passes.h.inc"
} // namespace mlir::spider

using namespace mlir;
using namespace mlir::spider;

namespace {
/// The ops a decomposition creates.
struct CreatedOps : public RewriterBase::Listener {
  SmallVector<Operation *> ops;
  void notifyOperationInserted(Operation *op,
                               OpBuilder::InsertPoint) override {
    ops.push_back(op);
  }
};

/// A decomposition types its intermediates like its input (`tensor.empty`
/// of the input's type, and the generics that fill it): a #spider.sparse
/// mark on the input would then sit on values that are not marked, which
/// no linalg op accepts as a result. The mark stays where the user put it,
/// on the input the new ops read.
void dropMarksFromResults(ArrayRef<Operation *> ops) {
  for (Operation *op : ops)
    for (Value result : op->getResults()) {
      auto type = dyn_cast<RankedTensorType>(result.getType());
      if (type && getSparseEncoding(type))
        result.setType(
            RankedTensorType::get(type.getShape(), type.getElementType()));
    }
}

/// spider.from_csr as what it is: the index of the CSR pattern (columns
/// checked sorted at run time) and the values as its [1, 1] tiles, in
/// place.
void expandFromCsr(RewriterBase &rewriter, FromCsrOp op) {
  Location loc = op.getLoc();
  rewriter.setInsertionPoint(op);
  MLIRContext *ctx = op.getContext();
  auto indexType = TileIndexType::get(ctx, {1, 1}, /*packDim=*/1);
  auto index = IndexFromCsrOp::create(rewriter, loc, indexType,
                                      op.getRowOffsets(), op.getColumns(),
                                      op.getNumColumns(),
                                      /*sorted_columns=*/true);
  auto values = cast<RankedTensorType>(op.getValues().getType());
  auto tilesType = RankedTensorType::get({values.getDimSize(0), 1, 1},
                                         values.getElementType());
  SmallVector<OpFoldResult> tileSizes = {
      tensor::getMixedSize(rewriter, loc, op.getValues(), 0),
      rewriter.getIndexAttr(1), rewriter.getIndexAttr(1)};
  Value tiles = tensor::ExpandShapeOp::create(
      rewriter, loc, tilesType, op.getValues(),
      ArrayRef<ReassociationIndices>{{0, 1, 2}}, tileSizes);
  auto result = cast<RankedTensorType>(op.getResult().getType());
  SmallVector<Value> sizes;
  if (result.isDynamicDim(0)) {
    Value offsets = tensor::DimOp::create(rewriter, loc, op.getRowOffsets(), 0);
    Value one = arith::ConstantIndexOp::create(rewriter, loc, 1);
    sizes.push_back(arith::SubIOp::create(rewriter, loc, offsets, one));
  }
  if (result.isDynamicDim(1))
    sizes.push_back(op.getNumColumns());
  rewriter.replaceOpWithNewOp<FromTilesOp>(op, result, tiles, index, sizes);
}

/// The first element type of `op`'s shaped operands that is not a float,
/// if there is one.
std::optional<Type> nonFloatElementType(Operation *op) {
  for (Type type : op->getOperandTypes())
    if (auto shaped = dyn_cast<ShapedType>(type);
        shaped && !isa<FloatType>(shaped.getElementType()))
      return shaped.getElementType();
  return std::nullopt;
}

struct SpiderDecomposeAggregatedOpsPass
    : public spider::impl::SpiderDecomposeAggregatedOpsBase<
          SpiderDecomposeAggregatedOpsPass> {
  void runOnOperation() override {
    SmallVector<linalg::AggregatedOpInterface> ops;
    getOperation()->walk(
        [&](linalg::AggregatedOpInterface op) { ops.push_back(op); });
    CreatedOps created;
    IRRewriter rewriter(&getContext(), &created);
    bool failedAny = false;
    for (linalg::AggregatedOpInterface op : ops) {
      if (llvm::any_of(op->getOperandTypes(), llvm::IsaPred<MemRefType>)) {
        op->emitError() << "spider-decompose-aggregated-ops: '"
                        << op->getName()
                        << "' on buffers is not supported; write it on "
                           "tensors, before bufferization";
        failedAny = true;
        continue;
      }
      // Upstream's decompositions build float arithmetic (softmax's max and
      // exp, Winograd's constant matrices) and crash or build invalid IR on
      // integers, which the ops' verifiers accept.
      if (std::optional<Type> bad = nonFloatElementType(op)) {
        op->emitError() << "spider-decompose-aggregated-ops: '"
                        << op->getName() << "' on " << *bad
                        << " elements cannot be decomposed: it needs "
                           "floating-point elements";
        failedAny = true;
        continue;
      }
      rewriter.setInsertionPoint(op);
      created.ops.clear();
      FailureOr<SmallVector<Value>> values = op.decomposeOperation(rewriter);
      dropMarksFromResults(created.ops);
      if (failed(values) ||
          values->size() != op->getNumResults()) {
        op->emitError() << "spider-decompose-aggregated-ops: cannot "
                           "decompose '"
                        << op->getName() << "' into structured ops";
        failedAny = true;
        continue;
      }
      rewriter.replaceOp(op, *values);
    }
    SmallVector<FromCsrOp> csrs;
    getOperation()->walk([&](FromCsrOp op) { csrs.push_back(op); });
    for (FromCsrOp op : csrs)
      expandFromCsr(rewriter, op);
    if (failedAny)
      signalPassFailure();
  }
};
} // namespace
