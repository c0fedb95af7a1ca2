//===- SpiderAttrs.cpp - Spider attributes --------------------------------===//

#include "spider/Dialect/Spider/IR/SpiderAttrs.h"
#include "spider/Dialect/Spider/IR/SpiderDialect.h"
#include "spider/Runtime/TileIndex.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::spider;

#include "spider/Dialect/Spider/IR/SpiderEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "spider/Dialect/Spider/IR/SpiderAttrs.cpp.inc"

void SpiderDialect::registerAttributes() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "spider/Dialect/Spider/IR/SpiderAttrs.cpp.inc"
      >();
}

ParseResult mlir::spider::parseIntArray(AsmParser &parser,
                                        SmallVector<int64_t> &values) {
  return parser.parseCommaSeparatedList(AsmParser::Delimiter::Square, [&] {
    return parser.parseInteger(values.emplace_back());
  });
}

void mlir::spider::printIntArray(AsmPrinter &printer,
                                 ArrayRef<int64_t> values) {
  printer << '[';
  llvm::interleaveComma(values, printer);
  printer << ']';
}

SparseEncodingAttr mlir::spider::getSparseEncoding(Type type) {
  if (auto tensor = dyn_cast<RankedTensorType>(type))
    return dyn_cast_or_null<SparseEncodingAttr>(tensor.getEncoding());
  return nullptr;
}

/// `[a, b, ...]`, for diagnostics.
static std::string formatSizes(ArrayRef<int64_t> sizes) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << '[';
  llvm::interleaveComma(sizes, os);
  os << ']';
  return text;
}

/// Checks that every size in `sizes` is positive; `what` names them.
static LogicalResult
verifyPositive(function_ref<InFlightDiagnostic()> emitError,
               ArrayRef<int64_t> sizes, StringRef what) {
  if (sizes.empty())
    return emitError() << what << " must not be empty";
  for (auto [i, size] : llvm::enumerate(sizes))
    if (size <= 0)
      return emitError() << what << " size " << size << " at position " << i
                         << " must be positive";
  return success();
}

//===----------------------------------------------------------------------===//
// SparseEncodingAttr
//===----------------------------------------------------------------------===//

LogicalResult
SparseEncodingAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                           ArrayRef<int64_t> microtile) {
  return verifyPositive(emitError, microtile, "micro-tile");
}

LogicalResult SparseEncodingAttr::verifyEncoding(
    ArrayRef<int64_t> shape, Type elementType,
    function_ref<InFlightDiagnostic()> emitError) const {
  // The tensor parser verifies the encoding even when the element type
  // before it failed to parse; it has reported that error already.
  if (!elementType)
    return failure();
  if (getMicrotile().size() != shape.size())
    return emitError() << "micro-tile of rank " << getMicrotile().size()
                       << " does not match the rank " << shape.size()
                       << " of the tensor it marks sparse";
  if (!elementType.isIntOrIndexOrFloat() && !isa<ComplexType>(elementType))
    return emitError() << "#spider.sparse marks tensors of numbers, not of "
                       << elementType;
  return success();
}

//===----------------------------------------------------------------------===//
// TileConfigAttr
//===----------------------------------------------------------------------===//

LogicalResult
TileConfigAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                       ArrayRef<int64_t> microtile,
                       ArrayRef<int64_t> computeTile) {
  if (failed(verifyPositive(emitError, microtile, "micro-tile")))
    return failure();
  return verifyComputeTile(emitError, computeTile, "compute-tile");
}

LogicalResult
mlir::spider::verifyComputeTile(function_ref<InFlightDiagnostic()> emitError,
                                ArrayRef<int64_t> sizes, StringRef what) {
  if (failed(verifyPositive(emitError, sizes, what)))
    return failure();
  if (std::string why = explainBadComputeTile(sizes); !why.empty())
    return emitError() << what << " " << formatSizes(sizes) << " " << why;
  return success();
}

//===----------------------------------------------------------------------===//
// IndexValueAttr
//===----------------------------------------------------------------------===//

LogicalResult
IndexValueAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                       ArrayRef<int64_t> grid, ArrayRef<int64_t> offsets,
                       ArrayRef<int64_t> positions) {
  if (grid.empty())
    return emitError() << "index grid must not be empty";
  for (int64_t size : grid)
    if (size < 0)
      return emitError() << "index grid sizes must not be negative";
  // The pack dimension lives on the type; here only the layout is checked,
  // for every pack dimension that could hold it.
  if (offsets.empty() || offsets.front() != 0)
    return emitError() << "index offsets must start at 0";
  for (size_t g = 0; g + 1 < offsets.size(); ++g)
    if (offsets[g + 1] < offsets[g])
      return emitError() << "index offsets decrease at group " << g << " ("
                         << offsets[g] << " > " << offsets[g + 1] << ")";
  if (offsets.back() != static_cast<int64_t>(positions.size()))
    return emitError() << "index offsets end at " << offsets.back()
                       << " but there are " << positions.size() << " positions";
  return success();
}
