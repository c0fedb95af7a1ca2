//===- ZeroSkipping.cpp - May PIT skip inactive micro-tiles? --------------===//
//
// A small symbolic evaluator: the body of a linalg op is evaluated with the
// sparse operand's block argument set to zero, the block arguments of
// inputs that are constants (a zero point, a splat) set to their value,
// every other block argument and captured value kept symbolic, constants
// folded, and the algebraic
// identities x + 0, x - 0, x * 1, x * 0, max(x, -inf), min(x, +inf),
// select(c, a, b) with a known c applied.
//
//===----------------------------------------------------------------------===//

#include "spider/Analysis/ZeroSkipping.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Matchers.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::spider;

namespace {
/// What a value is when the sparse operand is zero.
struct Symbolic {
  enum Kind { Unknown, Constant, Same } kind = Unknown;
  Attribute constant; ///< For Constant: its value.
  Value value;        ///< For Same: the value it equals.

  static Symbolic unknown() { return {}; }
  static Symbolic of(Attribute a) { return {Constant, a, nullptr}; }
  static Symbolic same(Value v) { return {Same, nullptr, v}; }
  bool operator==(const Symbolic &o) const {
    return kind == o.kind && constant == o.constant && value == o.value;
  }
};

bool isFloatValue(Attribute a, double expected) {
  auto f = dyn_cast_or_null<FloatAttr>(a);
  return f && f.getValue().convertToDouble() == expected;
}
bool isIntValue(Attribute a, int64_t expected) {
  auto i = dyn_cast_or_null<IntegerAttr>(a);
  return i && i.getValue().getSExtValue() == expected;
}
bool isZero(const Symbolic &s) {
  return s.kind == Symbolic::Constant &&
         (isFloatValue(s.constant, 0.0) || isIntValue(s.constant, 0));
}
bool isOne(const Symbolic &s) {
  return s.kind == Symbolic::Constant &&
         (isFloatValue(s.constant, 1.0) || isIntValue(s.constant, 1));
}
bool isInfinity(const Symbolic &s, bool negative) {
  if (s.kind != Symbolic::Constant)
    return false;
  auto f = dyn_cast<FloatAttr>(s.constant);
  return f && f.getValue().isInfinity() && f.getValue().isNegative() == negative;
}
bool isSignedExtreme(const Symbolic &s, bool minimum) {
  if (s.kind != Symbolic::Constant)
    return false;
  auto i = dyn_cast<IntegerAttr>(s.constant);
  return i && (minimum ? i.getValue().isMinSignedValue()
                       : i.getValue().isMaxSignedValue());
}

/// The value every element of `input` (a scalar or a tensor operand of a
/// linalg op) has, when it is a constant: a scalar constant or a splat.
Attribute getConstantElement(Value input) {
  Attribute constant;
  if (!matchPattern(input, m_Constant(&constant)))
    return nullptr;
  if (auto elements = dyn_cast<DenseElementsAttr>(constant))
    return elements.isSplat() ? elements.getSplatValue<Attribute>() : nullptr;
  if (isa<ShapedType>(input.getType()))
    return nullptr; // A non-dense tensor constant: no element is known.
  return constant;
}

class Evaluator {
public:
  /// `inactive`: the value the sparse operand has where it is skipped (its
  /// element type's zero when null).
  Evaluator(linalg::LinalgOp op, BlockArgument sparse, Attribute inactive)
      : body(op.getBlock()), sparse(sparse), inactive(inactive) {
    // An input that is a constant reads the same value at every iteration,
    // whatever the sparse operand is: quantized_matmul's zero points.
    for (OpOperand *input : op.getDpsInputOperands()) {
      BlockArgument arg = op.getMatchingBlockArgument(input);
      if (arg == sparse)
        continue;
      if (Attribute element = getConstantElement(input->get()))
        memo[arg] = Symbolic::of(element);
    }
  }

  Symbolic eval(Value v) {
    auto it = memo.find(v);
    if (it != memo.end())
      return it->second;
    Symbolic result = compute(v);
    memo[v] = result;
    return result;
  }

private:
  Symbolic compute(Value v) {
    if (v == sparse) {
      if (inactive)
        return Symbolic::of(inactive);
      Type type = v.getType();
      if (auto f = dyn_cast<FloatType>(type))
        return Symbolic::of(FloatAttr::get(f, 0.0));
      if (type.isIntOrIndex())
        return Symbolic::of(IntegerAttr::get(type, 0));
      return Symbolic::unknown();
    }
    Attribute constant;
    if (matchPattern(v, m_Constant(&constant)))
      return Symbolic::of(constant);
    Operation *def = v.getDefiningOp();
    if (!def || def->getBlock() != body)
      return Symbolic::same(v); // Another block argument or a capture.
    if (def->getNumResults() != 1 || def->getNumRegions() != 0)
      return Symbolic::unknown();

    SmallVector<Symbolic> args;
    for (Value operand : def->getOperands())
      args.push_back(eval(operand));

    // Algebra that holds whatever the other operand is.
    if (isa<arith::AddFOp, arith::AddIOp, arith::OrIOp, arith::XOrIOp>(def)) {
      if (isZero(args[0]))
        return args[1];
      if (isZero(args[1]))
        return args[0];
    }
    if (isa<arith::SubFOp, arith::SubIOp>(def) && isZero(args[1]))
      return args[0];
    // An infinity plus or minus anything else stays that infinity, taking
    // the other operand as finite, as the rules for zero take it (a masked
    // score of -inf minus its row's maximum).
    if (isa<arith::AddFOp, arith::SubFOp>(def)) {
      for (bool negative : {true, false}) {
        if (isInfinity(args[0], negative) && args[1].kind != Symbolic::Constant)
          return args[0];
        if (isa<arith::AddFOp>(def) && isInfinity(args[1], negative) &&
            args[0].kind != Symbolic::Constant)
          return args[1];
      }
    }
    if (isa<arith::MulFOp, arith::MulIOp, arith::AndIOp>(def)) {
      if (isZero(args[0]) || isZero(args[1]))
        return isZero(args[0]) ? args[0] : args[1];
    }
    if (isa<arith::MulFOp, arith::MulIOp>(def)) {
      if (isOne(args[0]))
        return args[1];
      if (isOne(args[1]))
        return args[0];
    }
    if (isa<arith::DivFOp, arith::DivSIOp, arith::DivUIOp>(def) &&
        isZero(args[0]))
      return args[0]; // 0 / x, taking x as non-zero as sparse compilers do.
    if (isa<arith::MaximumFOp, arith::MaxNumFOp>(def)) {
      if (isInfinity(args[0], /*negative=*/true))
        return args[1];
      if (isInfinity(args[1], /*negative=*/true))
        return args[0];
    }
    if (isa<arith::MinimumFOp, arith::MinNumFOp>(def)) {
      if (isInfinity(args[0], /*negative=*/false))
        return args[1];
      if (isInfinity(args[1], /*negative=*/false))
        return args[0];
    }
    if (isa<arith::MaxSIOp>(def)) {
      if (isSignedExtreme(args[0], /*minimum=*/true))
        return args[1];
      if (isSignedExtreme(args[1], /*minimum=*/true))
        return args[0];
    }
    if (isa<arith::MinSIOp>(def)) {
      if (isSignedExtreme(args[0], /*minimum=*/false))
        return args[1];
      if (isSignedExtreme(args[1], /*minimum=*/false))
        return args[0];
    }
    if (auto select = dyn_cast<arith::SelectOp>(def)) {
      if (args[0].kind == Symbolic::Constant) {
        if (auto c = dyn_cast<IntegerAttr>(args[0].constant))
          return c.getValue().isZero() ? args[2] : args[1];
      }
      if (args[1] == args[2])
        return args[1];
      return Symbolic::unknown();
    }

    // Everything known: fold.
    SmallVector<Attribute> attrs;
    for (const Symbolic &arg : args) {
      if (arg.kind != Symbolic::Constant)
        return Symbolic::unknown();
      attrs.push_back(arg.constant);
    }
    SmallVector<OpFoldResult> folded;
    if (failed(def->fold(attrs, folded)) || folded.size() != 1)
      return Symbolic::unknown();
    if (auto attr = dyn_cast<Attribute>(folded[0]))
      return Symbolic::of(attr);
    return eval(cast<Value>(folded[0]));
  }

  Block *body;
  BlockArgument sparse;
  Attribute inactive;
  llvm::DenseMap<Value, Symbolic> memo;
};

/// Returns the constant every element of `init` starts with, if known.
Attribute getConstantFill(Value init) {
  if (auto fill = init.getDefiningOp<linalg::FillOp>()) {
    Attribute value;
    if (matchPattern(fill.getInputs()[0], m_Constant(&value)))
      return value;
    return nullptr;
  }
  DenseElementsAttr dense;
  if (matchPattern(init, m_Constant(&dense)) && dense.isSplat())
    return dense.getSplatValue<Attribute>();
  return nullptr;
}
} // namespace

std::string mlir::spider::explainUnsafeZeroSkipping(linalg::LinalgOp op,
                                                    OpOperand *sparse) {
  return explainUnsafeSkipping(op, sparse, Attribute());
}

std::string mlir::spider::explainUnsafeSkipping(linalg::LinalgOp op,
                                                OpOperand *sparse,
                                                Attribute inactive) {
  Block *body = op.getBlock();
  Evaluator evaluator(op, op.getMatchingBlockArgument(sparse), inactive);
  Operation *yield = body->getTerminator();
  std::string reason;
  llvm::raw_string_ostream os(reason);
  for (OpOperand &init : op.getDpsInitsMutable()) {
    unsigned resultIndex = init.getOperandNumber() - op.getNumDpsInputs();
    BlockArgument acc = op.getMatchingBlockArgument(&init);
    Symbolic yielded = evaluator.eval(yield->getOperand(resultIndex));
    if (yielded.kind == Symbolic::Same && yielded.value == acc)
      continue;
    if (yielded.kind == Symbolic::Constant &&
        yielded.constant == getConstantFill(init.get()))
      continue;
    os << "where input #" << sparse->getOperandNumber() << " is ";
    if (inactive)
      os << inactive;
    else
      os << "zero";
    os << ", result #" << resultIndex;
    if (yielded.kind == Symbolic::Constant)
      os << " becomes " << yielded.constant
         << " instead of keeping its value";
    else
      os << " may change, so "
         << (inactive ? "inactive" : "zero") << " micro-tiles cannot be skipped";
    return reason;
  }
  return "";
}

Attribute mlir::spider::evaluateAtInactive(linalg::LinalgOp op,
                                           OpOperand *input,
                                           Attribute inactive,
                                           unsigned resultIndex) {
  Evaluator evaluator(op, op.getMatchingBlockArgument(input), inactive);
  Symbolic yielded =
      evaluator.eval(op.getBlock()->getTerminator()->getOperand(resultIndex));
  return yielded.kind == Symbolic::Constant ? yielded.constant : Attribute();
}

Attribute mlir::spider::foldBodyAt(linalg::LinalgOp op,
                                   ArrayRef<Attribute> values,
                                   unsigned resultIndex) {
  Block *block = op.getBlock();
  if (!block || values.size() != op->getNumOperands() ||
      resultIndex >= block->getTerminator()->getNumOperands())
    return {};
  DenseMap<Value, Attribute> known;
  for (OpOperand &operand : op->getOpOperands())
    if (values[operand.getOperandNumber()])
      known[op.getMatchingBlockArgument(&operand)] =
          values[operand.getOperandNumber()];
  auto lookup = [&](Value value) -> Attribute {
    if (Attribute attr = known.lookup(value))
      return attr;
    Attribute attr;
    if (value.getDefiningOp() && matchPattern(value, m_Constant(&attr)))
      return attr;
    return {};
  };
  for (Operation &inner : block->without_terminator()) {
    SmallVector<Attribute> operands;
    for (Value value : inner.getOperands())
      operands.push_back(lookup(value));
    SmallVector<OpFoldResult> folded;
    if (inner.getNumResults() != 1 || inner.getNumRegions() != 0 ||
        failed(inner.fold(operands, folded)) || folded.size() != 1)
      return {};
    Attribute attr = dyn_cast<Attribute>(folded.front());
    if (!attr) // Folded to one of its operands.
      attr = lookup(cast<Value>(folded.front()));
    if (!attr)
      return {};
    known[inner.getResult(0)] = attr;
  }
  return lookup(block->getTerminator()->getOperand(resultIndex));
}
