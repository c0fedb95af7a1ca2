//===- StripMarks.cpp - A program without its sparsity marks --------------===//

#include "spider/Dialect/Spider/Transforms/Utils/StripMarks.h"
#include "spider/Dialect/Spider/IR/SpiderOps.h"

#include "mlir/IR/AttrTypeSubElements.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Interfaces/FunctionInterfaces.h"

using namespace mlir;
using namespace mlir::spider;

Type mlir::spider::dropSparseEncoding(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor || !isa_and_nonnull<SparseEncodingAttr>(tensor.getEncoding()))
    return type;
  return RankedTensorType::get(tensor.getShape(), tensor.getElementType());
}

/// Replaces a user-written `spider.pit` by a copy of its body.
static void inlinePit(PitOp pit) {
  OpBuilder b(pit);
  IRMapping mapping;
  Block &body = pit.getBody().front();
  mapping.map(body.getArguments(),
              pit->getOperands().take_front(body.getNumArguments()));
  for (Operation &op : body.without_terminator())
    b.clone(op, mapping);
  for (auto [result, yielded] :
       llvm::zip(pit.getResults(), body.getTerminator()->getOperands()))
    result.replaceAllUsesWith(mapping.lookupOrDefault(yielded));
  pit.erase();
}

LogicalResult mlir::spider::stripSparseMarks(ModuleOp module) {
  // Innermost first: a pit inside a pit's body is inlined with its parent's
  // copy otherwise.
  SmallVector<PitOp> pits;
  module.walk<WalkOrder::PostOrder>([&](PitOp pit) { pits.push_back(pit); });
  for (PitOp pit : llvm::reverse(pits))
    inlinePit(pit);
  module.walk([](AssumeSparseOp op) {
    op.getResult().replaceAllUsesWith(op.getSource());
    op.erase();
  });
  AttrTypeReplacer replacer;
  replacer.addReplacement([](RankedTensorType type) -> std::optional<Type> {
    if (!isa_and_nonnull<SparseEncodingAttr>(type.getEncoding()))
      return std::nullopt;
    return RankedTensorType::get(type.getShape(), type.getElementType());
  });
  replacer.recursivelyReplaceElementsIn(module, /*replaceAttrs=*/true,
                                        /*replaceLocs=*/false,
                                        /*replaceTypes=*/true);
  if (failed(verify(module)))
    return module.emitError("the program without its Spider marks does not "
                            "verify (the diagnostics above say where)");
  return success();
}

unsigned mlir::spider::countSparseMarks(ModuleOp module) {
  unsigned count = 0;
  auto marked = [](Type type) { return dropSparseEncoding(type) != type; };
  module.walk([&](Operation *op) {
    if (isa<AssumeSparseOp, PitOp>(op)) {
      ++count;
      return;
    }
    if (auto func = dyn_cast<FunctionOpInterface>(op))
      count += llvm::count_if(func.getArgumentTypes(), marked) +
               llvm::count_if(func.getResultTypes(), marked);
    count += llvm::count_if(op->getResultTypes(), marked);
  });
  return count;
}
