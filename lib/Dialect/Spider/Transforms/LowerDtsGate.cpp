//===- LowerDtsGate.cpp - spider.dts_gate to linalg -----------------------===//

#include "spider/Dialect/Spider/IR/SpiderOps.h"
#include "spider/Dialect/Spider/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

namespace mlir::spider {
#define GEN_PASS_DEF_SPIDERLOWERDTSGATE
#include "spider/Dialect/Spider/Transforms/Passes.h.inc"
} // namespace mlir::spider

using namespace mlir;
using namespace mlir::spider;

namespace {

using BodyBuilder = function_ref<void(OpBuilder &, Location, ValueRange)>;

void yieldValue(OpBuilder &b, Location loc, Value value) {
  linalg::YieldOp::create(b, loc, ValueRange{value});
}

class GateBuilder {
public:
  GateBuilder(OpBuilder &b, DtsGateOp gate)
      : b(b), loc(gate.getLoc()), gate(gate) {
    type = cast<RankedTensorType>(gate.getLogits().getType());
    element = type.getElementType();
    auto d0 = b.getAffineDimExpr(0), d1 = b.getAffineDimExpr(1),
         d2 = b.getAffineDimExpr(2);
    full2 = AffineMap::get(2, 0, {d0, d1}, b.getContext());
    row2 = AffineMap::get(2, 0, {d0}, b.getContext());
    te3 = AffineMap::get(3, 0, {d0, d1}, b.getContext());
    tf3 = AffineMap::get(3, 0, {d0, d2}, b.getContext());
  }

  /// A [tokens] or [tokens, experts] tensor filled with `value`.
  Value filled(bool perToken, TypedAttr value) {
    SmallVector<OpFoldResult> sizes = {
        tensor::getMixedSize(b, loc, gate.getLogits(), 0)};
    if (!perToken)
      sizes.push_back(tensor::getMixedSize(b, loc, gate.getLogits(), 1));
    Value empty = tensor::EmptyOp::create(b, loc, sizes, value.getType());
    Value scalar = arith::ConstantOp::create(b, loc, value);
    return linalg::FillOp::create(b, loc, scalar, empty).getResult(0);
  }

  Value generic(ValueRange inputs, Value init, ArrayRef<AffineMap> maps,
                ArrayRef<utils::IteratorType> iterators, BodyBuilder body) {
    return linalg::GenericOp::create(b, loc, init.getType(), inputs, init,
                                     maps, iterators, body)
        .getResult(0);
  }

  Value lower() {
    using utils::IteratorType;
    auto par = IteratorType::parallel, red = IteratorType::reduction;
    Value logits = gate.getLogits(), tau = gate.getTau();
    auto floatType = cast<FloatType>(element);
    // max_e logits / tau
    Value maxInit = filled(true, b.getFloatAttr(floatType, -INFINITY));
    Value rowMax = generic(logits, maxInit, {full2, row2}, {par, red},
                           [&](OpBuilder &nb, Location l, ValueRange args) {
                             Value x = arith::DivFOp::create(nb, l, args[0], tau);
                             Value m = arith::MaximumFOp::create(nb, l, x, args[1]);
                             yieldValue(nb, l, m);
                           });
    // exp(logits / tau - max)
    Value expInit = filled(false, b.getFloatAttr(floatType, 0.0));
    Value exps = generic({logits, rowMax}, expInit, {full2, row2, full2},
                         {par, par},
                         [&](OpBuilder &nb, Location l, ValueRange args) {
                           Value x = arith::DivFOp::create(nb, l, args[0], tau);
                           Value d = arith::SubFOp::create(nb, l, x, args[1]);
                           yieldValue(nb, l,
                                                   math::ExpOp::create(nb, l, d));
                         });
    Value sumInit = filled(true, b.getFloatAttr(floatType, 0.0));
    Value rowSum = generic(exps, sumInit, {full2, row2}, {par, red},
                           [&](OpBuilder &nb, Location l, ValueRange args) {
                             yieldValue(
                                 nb, l,
                                 arith::AddFOp::create(nb, l, args[0], args[1]));
                           });
    Value probs = generic({exps, rowSum}, expInit, {full2, row2, full2},
                          {par, par},
                          [&](OpBuilder &nb, Location l, ValueRange args) {
                            yieldValue(
                                nb, l,
                                arith::DivFOp::create(nb, l, args[0], args[1]));
                          });
    // rank[t, e] = #{f : p[t, f] > p[t, e] or (p[t, f] == p[t, e], f < e)}
    Value rankInit = filled(false, b.getIndexAttr(0));
    Value ranks = generic(
        {probs, probs}, rankInit, {te3, tf3, te3}, {par, par, red},
        [&](OpBuilder &nb, Location l, ValueRange args) {
          Value e = linalg::IndexOp::create(nb, l, 1);
          Value f = linalg::IndexOp::create(nb, l, 2);
          Value above = arith::CmpFOp::create(nb, l, arith::CmpFPredicate::OGT,
                                              args[1], args[0]);
          Value equal = arith::CmpFOp::create(nb, l, arith::CmpFPredicate::OEQ,
                                              args[1], args[0]);
          Value before =
              arith::CmpIOp::create(nb, l, arith::CmpIPredicate::ult, f, e);
          Value tie = arith::AndIOp::create(nb, l, equal, before);
          Value ahead = arith::OrIOp::create(nb, l, above, tie);
          Value one = arith::ConstantIndexOp::create(nb, l, 1);
          Value zero = arith::ConstantIndexOp::create(nb, l, 0);
          Value add = arith::SelectOp::create(nb, l, ahead, one, zero);
          yieldValue(nb, l,
                                  arith::AddIOp::create(nb, l, args[2], add));
        });
    double threshold = gate.getThreshold().convertToDouble();
    int64_t minK = gate.getMinK();
    return generic(
        {probs, ranks}, expInit, {full2, full2, full2}, {par, par},
        [&](OpBuilder &nb, Location l, ValueRange args) {
          Value limit = arith::ConstantOp::create(
              nb, l, nb.getFloatAttr(floatType, threshold));
          Value above = arith::CmpFOp::create(nb, l, arith::CmpFPredicate::OGT,
                                              args[0], limit);
          Value k = arith::ConstantIndexOp::create(nb, l, minK);
          Value top =
              arith::CmpIOp::create(nb, l, arith::CmpIPredicate::ult, args[1], k);
          Value keep = arith::OrIOp::create(nb, l, above, top);
          Value zero =
              arith::ConstantOp::create(nb, l, nb.getFloatAttr(floatType, 0.0));
          yieldValue(
              nb, l, arith::SelectOp::create(nb, l, keep, args[0], zero));
        });
  }

private:
  OpBuilder &b;
  Location loc;
  DtsGateOp gate;
  RankedTensorType type;
  Type element;
  AffineMap full2, row2, te3, tf3;
};

struct LowerDtsGatePass
    : public spider::impl::SpiderLowerDtsGateBase<LowerDtsGatePass> {
  using Base::Base;
  void runOnOperation() override {
    SmallVector<DtsGateOp> gates;
    getOperation()->walk([&](DtsGateOp gate) { gates.push_back(gate); });
    for (DtsGateOp gate : gates) {
      OpBuilder b(gate);
      Value weights = GateBuilder(b, gate).lower();
      gate.replaceAllUsesWith(weights);
      gate.erase();
    }
  }
};

} // namespace
