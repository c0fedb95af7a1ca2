//===- RelabelIterators.cpp - Iterator types from indexing maps -----------===//

#include "RelabelIterators.h"

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"

using namespace mlir;

std::optional<SmallVector<utils::IteratorType>>
mlir::spider::impliedIteratorTypes(linalg::LinalgOp op) {
  SmallVector<utils::IteratorType> implied(op.getNumLoops(),
                                           utils::IteratorType::parallel);
  for (OpOperand &init : op.getDpsInitsMutable()) {
    AffineMap map = op.getMatchingIndexingMap(&init);
    if (!map.isProjectedPermutation())
      return std::nullopt;
    for (unsigned d = 0, e = op.getNumLoops(); d < e; ++d)
      if (!map.isFunctionOfDim(d))
        implied[d] = utils::IteratorType::reduction;
  }
  return implied;
}

linalg::LinalgOp mlir::spider::relabelIteratorsByMaps(RewriterBase &rewriter,
                                                      linalg::LinalgOp op) {
  std::optional<SmallVector<utils::IteratorType>> implied =
      impliedIteratorTypes(op);
  SmallVector<utils::IteratorType> labelled = op.getIteratorTypesArray();
  if (!implied || *implied == labelled)
    return op;
  InFlightDiagnostic remark =
      op->emitRemark("iterator types disagree with the indexing maps:");
  StringRef separator = " ";
  for (auto [d, want, have] : llvm::enumerate(*implied, labelled)) {
    if (want == have)
      continue;
    remark << separator << "loop " << d
           << (want == utils::IteratorType::reduction
                   ? " is a reduction (labelled parallel)"
                   : " is parallel (labelled reduction)");
    separator = ", ";
  }
  remark << "; tiled and vectorized as the maps say";
  remark.report();

  // Named ops carry their labels in their definition: relabel a generic.
  auto generic = dyn_cast<linalg::GenericOp>(op.getOperation());
  if (!generic) {
    rewriter.setInsertionPoint(op);
    FailureOr<linalg::GenericOp> generalized =
        linalg::generalizeNamedOp(rewriter, op);
    if (failed(generalized))
      return op;
    generic = *generalized;
  }
  SmallVector<Attribute> attrs;
  for (utils::IteratorType type : *implied)
    attrs.push_back(linalg::IteratorTypeAttr::get(op.getContext(), type));
  rewriter.modifyOpInPlace(generic, [&] {
    generic.setIteratorTypesAttr(rewriter.getArrayAttr(attrs));
  });
  return generic;
}
