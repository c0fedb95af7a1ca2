//===- SpiderTypes.cpp - Spider types -------------------------------------===//

#include "spider/Dialect/Spider/IR/SpiderTypes.h"
#include "spider/Dialect/Spider/IR/SpiderAttrs.h"
#include "spider/Dialect/Spider/IR/SpiderDialect.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::spider;

/// Parses the pack dimension of an index of micro-tile `microtile`. Any
/// integer parses (as an APInt), so that one too large for int64_t gets the
/// verifier's message, in the user's terms, rather than a parser's.
static ParseResult parsePackDim(AsmParser &parser, ArrayRef<int64_t> microtile,
                                int64_t &packDim) {
  SMLoc loc = parser.getCurrentLocation();
  APInt value;
  OptionalParseResult parsed = parser.parseOptionalInteger(value);
  if (!parsed.has_value())
    return parser.emitError(loc)
           << "pack_dim must be an integer: the dimension (0 to "
           << static_cast<int64_t>(microtile.size()) - 1
           << ") along which the index lists positions";
  if (failed(*parsed))
    return failure();
  if (value.getSignificantBits() > 64)
    return parser.emitError(loc)
           << "pack_dim " << llvm::toString(value, 10, /*Signed=*/true)
           << " is out of range for an index of rank "
           << microtile.size();
  packDim = value.getSExtValue();
  return success();
}

static void printPackDim(AsmPrinter &printer, ArrayRef<int64_t>,
                         int64_t packDim) {
  printer << packDim;
}

#define GET_TYPEDEF_CLASSES
#include "spider/Dialect/Spider/IR/SpiderTypes.cpp.inc"

void SpiderDialect::registerTypes() {
  addTypes<
#define GET_TYPEDEF_LIST
#include "spider/Dialect/Spider/IR/SpiderTypes.cpp.inc"
      >();
}

LogicalResult
TileIndexType::verify(function_ref<InFlightDiagnostic()> emitError,
                      ArrayRef<int64_t> microtile, int64_t packDim) {
  if (microtile.empty())
    return emitError() << "index micro-tile must not be empty";
  for (auto [i, size] : llvm::enumerate(microtile))
    if (size <= 0)
      return emitError() << "index micro-tile size " << size << " at position "
                         << i << " must be positive";
  if (packDim < 0 || packDim >= static_cast<int64_t>(microtile.size()))
    return emitError() << "pack_dim " << packDim
                       << " is out of range for an index of rank "
                       << microtile.size();
  return success();
}
