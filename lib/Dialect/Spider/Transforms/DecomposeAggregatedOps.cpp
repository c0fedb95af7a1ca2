//===- DecomposeAggregatedOps.cpp - linalg.softmax to structured ops ------===//
//
// Upstream decomposes aggregated ops only through the transform dialect
// (transform.structured.decompose_interface); Spider's pipelines need it
// as a pass.
//
//===----------------------------------------------------------------------===//

#include "spider/Dialect/Spider/IR/SpiderAttrs.h"
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
    if (failedAny)
      signalPassFailure();
  }
};
} // namespace
