//===- DensifyPackedValues.cpp - Dense forms where a consumer needs one ---===//
//
// spider-densify-packed-values: a packed sparse value (spider.from_tiles)
// is read in place by the PITs on its index; every other use needs the
// dense tensor. This pass builds it for those uses only, explicitly
// (spider.scatter of the tiles into zeros), and says so: a remark names the
// consumers and what the dense tensor costs.
//
//===----------------------------------------------------------------------===//

#include "spider/Dialect/Spider/IR/SpiderOps.h"
#include "spider/Dialect/Spider/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/Support/Format.h"

namespace mlir::spider {
#define GEN_PASS_DEF_SPIDERDENSIFYPACKEDVALUES
#include "spider/Dialect/Spider/Transforms/Passes.h.inc"
} // namespace mlir::spider

using namespace mlir;
using namespace mlir::spider;

namespace {

/// The sizes of `op`'s result, static or from its operands.
SmallVector<OpFoldResult> resultSizes(OpBuilder &b, FromTilesOp op) {
  auto type = cast<RankedTensorType>(op.getResult().getType());
  SmallVector<OpFoldResult> sizes;
  unsigned next = 0;
  for (int64_t extent : type.getShape())
    sizes.push_back(ShapedType::isDynamic(extent)
                        ? OpFoldResult(op.getSizes()[next++])
                        : OpFoldResult(b.getIndexAttr(extent)));
  return sizes;
}

/// `tensor.dim` of a packed value reads its sizes, not its data.
void foldDims(FromTilesOp op) {
  OpBuilder b(op);
  b.setInsertionPointAfter(op);
  SmallVector<OpFoldResult> sizes = resultSizes(b, op);
  for (Operation *user : llvm::make_early_inc_range(op->getUsers())) {
    auto dim = dyn_cast<tensor::DimOp>(user);
    std::optional<int64_t> axis = dim ? dim.getConstantIndex() : std::nullopt;
    if (!axis || *axis < 0 || *axis >= static_cast<int64_t>(sizes.size()))
      continue;
    Value size = getValueOrCreateConstantIndexOp(b, dim.getLoc(),
                                                 sizes[*axis]);
    dim.replaceAllUsesWith(size);
    dim.erase();
  }
}

/// "a 100000x100000 tensor of f32 (40000000000 bytes)".
std::string describeDense(RankedTensorType type) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << "a ";
  llvm::interleave(
      type.getShape(), os,
      [&](int64_t extent) {
        if (ShapedType::isDynamic(extent))
          os << "?";
        else
          os << extent;
      },
      "x");
  os << " tensor of " << type.getElementType();
  if (type.hasStaticShape() && type.getElementType().isIntOrFloat()) {
    // The element count itself can overflow 64 bits (each extent may be
    // up to 2^63); in double it cannot.
    double bytes = double(type.getElementTypeBitWidth()) / 8.0;
    for (int64_t extent : type.getShape())
      bytes *= double(extent);
    os << " (" << llvm::format("%.0f", bytes) << " bytes)";
  } else {
    os << " (its size known at run time)";
  }
  return text;
}

struct DensifyPackedValuesPass
    : public spider::impl::SpiderDensifyPackedValuesBase<
          DensifyPackedValuesPass> {
  void runOnOperation() override {
    SmallVector<FromTilesOp> packed;
    getOperation()->walk([&](FromTilesOp op) { packed.push_back(op); });
    for (FromTilesOp op : packed) {
      foldDims(op);
      if (op->use_empty()) {
        op.erase();
        continue;
      }
      densify(op);
    }
  }

  void densify(FromTilesOp op) {
    auto type = cast<RankedTensorType>(op.getResult().getType());
    // Unmarked, the value is the dense tensor by definition: no remark.
    if (getSparseEncoding(type))
      remarkDensified(op, type);
    OpBuilder b(op);
    Location loc = op.getLoc();
    Value empty = tensor::EmptyOp::create(b, loc, type.getShape(),
                                          type.getElementType(),
                                          op.getSizes(), type.getEncoding());
    Value zero = arith::ConstantOp::create(
        b, loc, b.getZeroAttr(type.getElementType()));
    Value zeros = linalg::FillOp::create(b, loc, zero, empty).getResult(0);
    Value dense = ScatterOp::create(b, loc, type, op.getTiles(), zeros,
                                    op.getIndex(), CombinerKind::None);
    op.getResult().replaceAllUsesWith(dense);
    op.erase();
  }

  /// Names the consumers that need the dense form and what it costs.
  void remarkDensified(FromTilesOp op, RankedTensorType type) {
    llvm::SetVector<StringRef> consumers;
    for (Operation *user : op->getUsers())
      consumers.insert(user->getName().getStringRef());
    InFlightDiagnostic remark = op.emitRemark();
    remark << "densified for ";
    llvm::interleave(
        consumers, [&](StringRef name) { remark << "'" << name << "'"; },
        [&] { remark << ", "; });
    remark << ", which read" << (consumers.size() == 1 ? "s" : "")
           << " it other than as the sparse operand of a spider.pit on its "
              "index: "
           << describeDense(type);
  }
};

} // namespace
