//===- BufferizableOpInterfaceImpl.cpp - Spider ops in one-shot bufferize -===//
//
// Index construction reads a tensor and produces an index: bufferized, it
// reads the tensor's buffer in place. spider.assume_sparse moves no data:
// its buffer is its source's. spider.pit, spider.gather, spider.scatter and
// spider.dts_gate are lowered to loops on tensors before bufferization in
// spider-cpu-pipeline (see docs/design.md), so that their dense parts are
// ordinary linalg ops for upstream tiling, vectorization and bufferization.
//
//===----------------------------------------------------------------------===//

#include "spider/Dialect/Spider/Transforms/BufferizableOpInterfaceImpl.h"
#include "spider/Dialect/Spider/IR/SpiderOps.h"

#include "mlir/Dialect/Bufferization/IR/BufferizableOpInterface.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/IR/DialectRegistry.h"

using namespace mlir;
using namespace mlir::bufferization;
using namespace mlir::spider;

namespace {

/// Ops that read their tensor operands and return no tensor.
template <typename OpTy>
struct IndexBuilderModel
    : public BufferizableOpInterface::ExternalModel<IndexBuilderModel<OpTy>,
                                                    OpTy> {
  bool bufferizesToMemoryRead(Operation *, OpOperand &,
                              const AnalysisState &) const {
    return true;
  }
  bool bufferizesToMemoryWrite(Operation *, OpOperand &,
                               const AnalysisState &) const {
    return false;
  }
  AliasingValueList getAliasingValues(Operation *, OpOperand &,
                                      const AnalysisState &) const {
    return {};
  }
  LogicalResult bufferize(Operation *op, RewriterBase &rewriter,
                          const BufferizationOptions &options,
                          BufferizationState &state) const {
    for (OpOperand &operand : op->getOpOperands()) {
      if (!isa<TensorType>(operand.get().getType()))
        continue;
      FailureOr<Value> buffer =
          getBuffer(rewriter, operand.get(), options, state);
      if (failed(buffer))
        return failure();
      rewriter.modifyOpInPlace(op, [&] { operand.set(*buffer); });
    }
    return success();
  }
};

/// spider.assume_sparse: the same buffer as its source.
struct AssumeSparseModel
    : public BufferizableOpInterface::ExternalModel<AssumeSparseModel,
                                                    AssumeSparseOp> {
  bool bufferizesToMemoryRead(Operation *, OpOperand &,
                              const AnalysisState &) const {
    return false;
  }
  bool bufferizesToMemoryWrite(Operation *, OpOperand &,
                               const AnalysisState &) const {
    return false;
  }
  AliasingValueList getAliasingValues(Operation *op, OpOperand &operand,
                                      const AnalysisState &) const {
    if (operand.getOperandNumber() != 0)
      return {};
    return {{op->getResult(0), BufferRelation::Equivalent}};
  }
  LogicalResult bufferize(Operation *op, RewriterBase &rewriter,
                          const BufferizationOptions &options,
                          BufferizationState &state) const {
    auto assume = cast<AssumeSparseOp>(op);
    FailureOr<Value> buffer =
        getBuffer(rewriter, assume.getSource(), options, state);
    if (failed(buffer))
      return failure();
    replaceOpWithBufferizedValues(rewriter, op, *buffer);
    return success();
  }
};

} // namespace

void mlir::spider::registerBufferizableOpInterfaceExternalModels(
    DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *context, SpiderDialect *) {
    DetectOp::attachInterface<IndexBuilderModel<DetectOp>>(*context);
    RouteOp::attachInterface<IndexBuilderModel<RouteOp>>(*context);
    IndexFromCsrOp::attachInterface<IndexBuilderModel<IndexFromCsrOp>>(
        *context);
    AssumeSparseOp::attachInterface<AssumeSparseModel>(*context);
  });
}
