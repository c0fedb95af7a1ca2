//===- PermutationInvariance.cpp - Permutation-invariance analysis --------===//

#include "spider/Analysis/PermutationInvariance.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::spider;

bool mlir::spider::isReassociableCombiner(Operation *op) {
  return isa<arith::AddFOp, arith::AddIOp, arith::MulFOp, arith::MulIOp,
             arith::MaximumFOp, arith::MinimumFOp, arith::MaxNumFOp,
             arith::MinNumFOp, arith::MaxSIOp, arith::MaxUIOp, arith::MinSIOp,
             arith::MinUIOp, arith::AndIOp, arith::OrIOp, arith::XOrIOp>(op);
}

/// Returns true when `value`, computed in the body of a linalg op, reads any
/// of `accumulators` (directly, through its operands, or inside a region of
/// an op that defines it).
static bool readsAny(Value value,
                     const llvm::SmallPtrSetImpl<Value> &accumulators) {
  SmallVector<Value> worklist = {value};
  llvm::SmallPtrSet<Operation *, 16> visited;
  while (!worklist.empty()) {
    Value current = worklist.pop_back_val();
    if (accumulators.contains(current))
      return true;
    Operation *def = current.getDefiningOp();
    if (!def || !visited.insert(def).second)
      continue;
    bool nestedRead = false;
    def->walk([&](Operation *nested) {
      for (Value operand : nested->getOperands())
        if (accumulators.contains(operand))
          nestedRead = true;
    });
    if (nestedRead)
      return true;
    llvm::append_range(worklist, def->getOperands());
  }
  return false;
}

/// Matches `select(cmp(a, b), a, b)` (and the swapped form) over an ordering
/// predicate: a max or min written without a dedicated op. On success returns
/// the two values combined.
static bool matchSelectMinMax(Operation *op, Value &lhs, Value &rhs) {
  auto select = dyn_cast<arith::SelectOp>(op);
  if (!select)
    return false;
  Operation *cmp = select.getCondition().getDefiningOp();
  Value a, b;
  if (auto cmpf = dyn_cast_or_null<arith::CmpFOp>(cmp)) {
    using P = arith::CmpFPredicate;
    P p = cmpf.getPredicate();
    if (p == P::OEQ || p == P::ONE || p == P::UEQ || p == P::UNE ||
        p == P::ORD || p == P::UNO || p == P::AlwaysFalse || p == P::AlwaysTrue)
      return false;
    a = cmpf.getLhs();
    b = cmpf.getRhs();
  } else if (auto cmpi = dyn_cast_or_null<arith::CmpIOp>(cmp)) {
    using P = arith::CmpIPredicate;
    if (cmpi.getPredicate() == P::eq || cmpi.getPredicate() == P::ne)
      return false;
    a = cmpi.getLhs();
    b = cmpi.getRhs();
  } else {
    return false;
  }
  Value t = select.getTrueValue(), f = select.getFalseValue();
  if (!((t == a && f == b) || (t == b && f == a)))
    return false;
  lhs = t;
  rhs = f;
  return true;
}

/// Returns why output `resultIndex` of `op`, reduced along some dimension, is
/// not combined with a commutative, associative operation, or "" when it is.
static std::string explainNonReassociableResult(linalg::LinalgOp op,
                                                unsigned resultIndex) {
  Block *body = op.getBlock();
  auto outputs = op.getRegionOutputArgs();
  BlockArgument acc = outputs[resultIndex];
  Value yielded = body->getTerminator()->getOperand(resultIndex);
  std::string reason;
  llvm::raw_string_ostream os(reason);
  os << "result #" << resultIndex << " ";
  if (yielded == acc)
    return ""; // The accumulator passes through unchanged.

  Operation *combiner = yielded.getDefiningOp();
  Value lhs, rhs;
  bool isSelect = combiner && matchSelectMinMax(combiner, lhs, rhs);
  if (!combiner || combiner->getBlock() != body ||
      (!isSelect && !isReassociableCombiner(combiner))) {
    llvm::SmallPtrSet<Value, 1> only = {acc};
    if (!readsAny(yielded, only))
      os << "ignores its accumulator, so the last iteration wins";
    else
      os << "is not combined with a commutative, associative operation";
    return reason;
  }
  if (!isSelect) {
    lhs = combiner->getOperand(0);
    rhs = combiner->getOperand(1);
  }
  Value other;
  if (lhs == acc && rhs != acc)
    other = rhs;
  else if (rhs == acc && lhs != acc)
    other = lhs;
  if (!other) {
    os << "does not combine its accumulator exactly once in '"
       << combiner->getName() << "'";
    return reason;
  }
  for (Operation *user : acc.getUsers()) {
    if (user == combiner ||
        (isSelect && user == combiner->getOperand(0).getDefiningOp()))
      continue;
    os << "reads its accumulator outside its combiner '" << combiner->getName()
       << "'";
    return reason;
  }
  llvm::SmallPtrSet<Value, 4> accumulators(outputs.begin(), outputs.end());
  if (readsAny(other, accumulators)) {
    os << "combines a value that depends on an accumulator";
    return reason;
  }
  return "";
}

std::string mlir::spider::explainPermutationVariance(linalg::LinalgOp op,
                                                     int64_t dim) {
  std::string reason;
  llvm::raw_string_ostream os(reason);
  if (dim < 0 || dim >= static_cast<int64_t>(op.getNumLoops())) {
    os << "d" << dim << " is not a loop dimension of an op with "
       << op.getNumLoops() << " loops";
    return reason;
  }
  // 1. Bare uses only.
  for (auto [mapIndex, map] : llvm::enumerate(op.getIndexingMapsArray())) {
    for (AffineExpr expr : map.getResults()) {
      if (isa<AffineDimExpr>(expr) || !expr.isFunctionOfDim(dim))
        continue;
      os << "indexing map #" << mapIndex << " uses d" << dim
         << " in the compound expression '" << expr << "'";
      return reason;
    }
  }
  // 2. No position reads.
  bool readsPosition = false;
  op.getBlock()->walk([&](linalg::IndexOp index) {
    readsPosition |= static_cast<int64_t>(index.getDim()) == dim;
  });
  if (readsPosition) {
    os << "the body reads the position of d" << dim << " with linalg.index";
    return reason;
  }
  // 3. Every result reduced along `dim` has a reassociable combiner.
  for (OpOperand &init : op.getDpsInitsMutable()) {
    AffineMap map = op.getMatchingIndexingMap(&init);
    if (map.isFunctionOfDim(dim))
      continue;
    unsigned resultIndex = init.getOperandNumber() - op.getNumDpsInputs();
    std::string why = explainNonReassociableResult(op, resultIndex);
    if (!why.empty()) {
      os << "d" << dim << " reduces " << why;
      return reason;
    }
  }
  return "";
}

SmallVector<int64_t>
mlir::spider::getPermutationInvariantDims(linalg::LinalgOp op) {
  SmallVector<int64_t> dims;
  for (int64_t d = 0, e = op.getNumLoops(); d < e; ++d)
    if (explainPermutationVariance(op, d).empty())
      dims.push_back(d);
  return dims;
}
