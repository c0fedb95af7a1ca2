//===- Variants.cpp - Marks and zeroed micro-tiles for mark-each mode -----===//

#include "Variants.h"

#include "spider/Dialect/Spider/IR/SpiderOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace spider_diff;

static bool isMarkableInput(Value value) {
  auto type = dyn_cast<RankedTensorType>(value.getType());
  return type && type.getRank() > 0 && !type.getEncoding() &&
         type.getElementType().isIntOrIndexOrFloat();
}

static std::string locationOf(Operation *op) {
  std::string text;
  llvm::raw_string_ostream os(text);
  if (auto file = dyn_cast<FileLineColLoc>(op->getLoc()))
    os << llvm::sys::path::filename(file.getFilename().getValue()) << ":"
       << file.getLine() << ":" << file.getColumn();
  else
    op->getLoc().print(os);
  return text;
}

std::vector<MarkSite> spider_diff::findMarkSites(ModuleOp module,
                                                 unsigned &onBuffers) {
  std::vector<MarkSite> sites;
  llvm::DenseMap<Value, unsigned> valueIds;
  unsigned opIndex = 0;
  onBuffers = 0;
  module.walk([&](linalg::LinalgOp op) {
    unsigned index = opIndex++;
    if (!op.hasPureTensorSemantics()) {
      ++onBuffers;
      return;
    }
    for (OpOperand *input : op.getDpsInputOperands()) {
      if (!isMarkableInput(input->get()))
        continue;
      MarkSite site;
      site.opIndex = index;
      site.operand = input->getOperandNumber();
      site.valueId =
          valueIds.try_emplace(input->get(), valueIds.size()).first->second;
      site.opName = op->getName().getStringRef().str();
      site.location = locationOf(op);
      llvm::append_range(
          site.shape,
          cast<RankedTensorType>(input->get().getType()).getShape());
      sites.push_back(std::move(site));
    }
  });
  return sites;
}

static bool parseExplicit(StringRef spec, Microtile &tile) {
  SmallVector<StringRef> sizes;
  spec.split(sizes, 'x');
  tile.clear();
  for (StringRef size : sizes) {
    int64_t value;
    if (size.getAsInteger(10, value) || value <= 0)
      return false;
    tile.push_back(value);
  }
  return !tile.empty();
}

std::string
spider_diff::invalidMicrotileSpec(llvm::ArrayRef<std::string> specs) {
  Microtile tile;
  for (const std::string &spec : specs)
    if (spec != "ones" && spec != "strips" && spec != "block" &&
        !parseExplicit(spec, tile))
      return spec;
  return "";
}

std::vector<Microtile>
spider_diff::candidateMicrotiles(llvm::ArrayRef<int64_t> shape,
                                 llvm::ArrayRef<std::string> specs) {
  // A dynamic size caps nothing; an empty axis still gets a size of 1
  // (micro-tiles are positive, and the zeroed tiles divide by them).
  auto cap = [&](size_t axis, int64_t size) {
    int64_t extent = shape[axis];
    return ShapedType::isDynamic(extent)
               ? size
               : std::max<int64_t>(1, std::min(size, extent));
  };
  std::vector<Microtile> tiles;
  auto add = [&](Microtile tile) {
    if (!llvm::is_contained(tiles, tile))
      tiles.push_back(std::move(tile));
  };
  size_t rank = shape.size();
  for (const std::string &spec : specs) {
    if (spec == "ones") {
      add(Microtile(rank, 1));
    } else if (spec == "strips") {
      for (size_t axis = 0; axis < rank; ++axis) {
        if (shape[axis] == 1)
          continue;
        Microtile tile(rank, 1);
        tile[axis] = cap(axis, 32);
        add(tile);
      }
    } else if (spec == "block") {
      Microtile tile;
      for (size_t axis = 0; axis < rank; ++axis)
        tile.push_back(cap(axis, 3));
      add(tile);
    } else {
      Microtile tile;
      if (parseExplicit(spec, tile) && tile.size() == rank)
        add(tile);
    }
  }
  return tiles;
}

std::string spider_diff::formatMicrotile(llvm::ArrayRef<int64_t> microtile) {
  std::string text;
  for (auto [i, size] : llvm::enumerate(microtile))
    text += (i ? "x" : "") + std::to_string(size);
  return text;
}

OpOperand *spider_diff::findSite(ModuleOp module, const MarkSite &site) {
  OpOperand *found = nullptr;
  unsigned opIndex = 0;
  module.walk([&](linalg::LinalgOp op) {
    if (opIndex++ != site.opIndex)
      return WalkResult::advance();
    if (site.operand < op->getNumOperands())
      found = &op->getOpOperand(site.operand);
    return WalkResult::interrupt();
  });
  return found;
}

LogicalResult spider_diff::zeroSomeTiles(OpOperand &input) {
  Value value = input.get();
  if (!isMarkableInput(value))
    return failure();
  auto type = cast<RankedTensorType>(value.getType());
  OpBuilder b(value.getContext());
  if (auto arg = dyn_cast<BlockArgument>(value))
    b.setInsertionPointToStart(arg.getOwner());
  else
    b.setInsertionPointAfter(value.getDefiningOp());
  Location loc = value.getLoc();
  llvm::SmallPtrSet<Operation *, 8> readers;
  SmallVector<Value> dynamicSizes;
  for (int64_t axis = 0; axis < type.getRank(); ++axis) {
    if (!type.isDynamicDim(axis))
      continue;
    auto dim = tensor::DimOp::create(b, loc, value, axis);
    readers.insert(dim);
    dynamicSizes.push_back(dim);
  }
  Value empty = tensor::EmptyOp::create(b, loc, type.getShape(),
                                        type.getElementType(), dynamicSizes);
  int64_t rank = type.getRank();
  AffineMap identity = b.getMultiDimIdentityMap(rank);
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  Type elementType = type.getElementType();
  auto masked = linalg::GenericOp::create(
      b, loc, type, value, empty, ArrayRef<AffineMap>{identity, identity},
      iterators, [&](OpBuilder &nb, Location nloc, ValueRange args) {
        auto index = [&](int64_t c) {
          return arith::ConstantIndexOp::create(nb, nloc, c).getResult();
        };
        Value one = index(1), two = index(2), three = index(3), four = index(4);
        Value zeroed, blockSum = index(0);
        for (int64_t axis = 0; axis < rank; ++axis) {
          Value i = linalg::IndexOp::create(nb, nloc, axis);
          Value rem = arith::RemUIOp::create(nb, nloc, i, three);
          Value plane = arith::CmpIOp::create(
              nb, nloc, arith::CmpIPredicate::eq, rem, one);
          zeroed =
              zeroed ? arith::OrIOp::create(nb, nloc, zeroed, plane) : plane;
          blockSum = arith::AddIOp::create(
              nb, nloc, blockSum, arith::DivUIOp::create(nb, nloc, i, four));
        }
        Value block = arith::CmpIOp::create(
            nb, nloc, arith::CmpIPredicate::eq,
            arith::RemUIOp::create(nb, nloc, blockSum, three), two);
        zeroed = arith::OrIOp::create(nb, nloc, zeroed, block);
        Value zero = arith::ConstantOp::create(
            nb, nloc, cast<TypedAttr>(nb.getZeroAttr(elementType)));
        Value result = arith::SelectOp::create(nb, nloc, zeroed, zero, args[0]);
        linalg::YieldOp::create(nb, nloc, result);
      });
  readers.insert(masked);
  value.replaceUsesWithIf(masked.getResult(0), [&](OpOperand &use) {
    return !readers.contains(use.getOwner());
  });
  return success();
}

LogicalResult spider_diff::markInput(OpOperand &input,
                                     llvm::ArrayRef<int64_t> microtile) {
  Operation *op = input.getOwner();
  auto type = dyn_cast<RankedTensorType>(input.get().getType());
  if (!type || type.getRank() != static_cast<int64_t>(microtile.size()))
    return op->emitError("spider-diff: cannot mark this operand");
  auto encoding =
      mlir::spider::SparseEncodingAttr::get(op->getContext(), microtile);
  auto marked =
      RankedTensorType::get(type.getShape(), type.getElementType(), encoding);
  OpBuilder b(op);
  auto mark = mlir::spider::AssumeSparseOp::create(
      b, op->getLoc(), marked, input.get(), Value(), TypedAttr());
  input.set(mark);
  return verify(op);
}
