//===- SpiderOps.cpp - Spider operations: verifiers
//------------------------===//

#include "spider/Dialect/Spider/IR/SpiderOps.h"
#include "spider/Analysis/PermutationInvariance.h"
#include "spider/Analysis/ZeroSkipping.h"
#include "spider/Runtime/TileIndex.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/OpImplementation.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::spider;

void mlir::spider::inheritUnknownLocations(Region &region,
                                           Location fallback) {
  auto locate = [](Location loc, Location from) {
    return isa<UnknownLoc>(loc) ? from : loc;
  };
  for (Block &block : region)
    for (BlockArgument arg : block.getArguments())
      arg.setLoc(locate(arg.getLoc(), fallback));
  // Pre-order: an op is located before its regions are visited.
  region.walk<WalkOrder::PreOrder>([&](Operation *op) {
    Operation *parent = op->getParentOp();
    bool inRegion = parent && parent->getParentRegion() &&
                    region.isAncestor(parent->getParentRegion());
    op->setLoc(locate(op->getLoc(), inRegion ? parent->getLoc() : fallback));
    for (Region &nested : op->getRegions())
      for (Block &block : nested)
        for (BlockArgument arg : block.getArguments())
          arg.setLoc(locate(arg.getLoc(), op->getLoc()));
  });
}

/// The body of spider.pit, located: see inheritUnknownLocations.
static ParseResult parsePitBody(OpAsmParser &parser, Region &body) {
  Location loc = parser.getEncodedSourceLoc(parser.getCurrentLocation());
  if (parser.parseRegion(body))
    return failure();
  if (body.empty())
    body.emplaceBlock();
  inheritUnknownLocations(body, loc);
  return success();
}

static void printPitBody(OpAsmPrinter &printer, Operation *, Region &body) {
  printer.printRegion(body);
}

#define GET_OP_CLASSES
#include "spider/Dialect/Spider/IR/SpiderOps.cpp.inc"

/// Formats `values` as `[a, b, ...]` for diagnostics.
static std::string formatList(ArrayRef<int64_t> values) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << '[';
  llvm::interleaveComma(values, os, [&](int64_t v) {
    if (ShapedType::isDynamic(v))
      os << '?';
    else
      os << v;
  });
  os << ']';
  return text;
}

/// Checks that `index` can describe `tensor`: same rank, and when the tensor
/// carries a `#spider.sparse` encoding, an index micro-tile that covers it.
static LogicalResult verifyIndexDescribes(Operation *op, TileIndexType index,
                                          ShapedType tensor, StringRef what) {
  if (index.getRank() != tensor.getRank())
    return op->emitOpError()
           << "index of rank " << index.getRank() << " cannot describe " << what
           << " of rank " << tensor.getRank();
  if (SparseEncodingAttr encoding = getSparseEncoding(tensor)) {
    for (auto [d, pair] : llvm::enumerate(
             llvm::zip(index.getMicrotile(), encoding.getMicrotile()))) {
      auto [cover, unit] = pair;
      if (cover % unit != 0)
        return op->emitOpError()
               << "index micro-tile " << formatList(index.getMicrotile())
               << " does not cover the micro-tile "
               << formatList(encoding.getMicrotile()) << " of " << what
               << ": size " << cover << " at dimension " << d
               << " is not a multiple of " << unit;
    }
  }
  return success();
}

/// Checks that `tiles` is a `[num_active, microtile...]` list of the micro-
/// tiles of `tensor` described by `index`.
static LogicalResult verifyTileList(Operation *op, RankedTensorType tiles,
                                    RankedTensorType tensor,
                                    TileIndexType index) {
  if (tiles.getRank() != tensor.getRank() + 1)
    return op->emitOpError()
           << "tile list must have rank " << tensor.getRank() + 1
           << " ([num_active, microtile...]), not " << tiles.getRank();
  ArrayRef<int64_t> tileShape = tiles.getShape().drop_front();
  if (tileShape != index.getMicrotile())
    return op->emitOpError()
           << "tile list shape " << formatList(tiles.getShape())
           << " does not end in the index micro-tile "
           << formatList(index.getMicrotile());
  if (tiles.getElementType() != tensor.getElementType())
    return op->emitOpError()
           << "tile list element type " << tiles.getElementType()
           << " differs from " << tensor.getElementType();
  return success();
}

/// Checks that the index built by a `kind` op describes a matrix `shape`
/// packed along `packDim` (`along`).
static LogicalResult verifyMatrixIndex(Operation *op, TileIndexType index,
                                       StringRef kind, StringRef shape,
                                       int64_t packDim, StringRef along) {
  if (index.getRank() != 2)
    return op->emitOpError() << kind << " index must have rank 2 (" << shape
                             << "), not " << index.getRank();
  if (index.getPackDim() != packDim)
    return op->emitOpError() << kind << " index must be packed along " << along
                             << " (pack_dim = " << packDim << ")";
  return success();
}

//===----------------------------------------------------------------------===//
// AssumeSparseOp
//===----------------------------------------------------------------------===//

SparseEncodingAttr AssumeSparseOp::getEncoding() {
  return getSparseEncoding(getResult().getType());
}

LogicalResult AssumeSparseOp::verify() {
  auto source = cast<RankedTensorType>(getSource().getType());
  auto result = cast<RankedTensorType>(getResult().getType());
  if (getSparseEncoding(source))
    return emitOpError() << "source is already marked sparse";
  if (!getEncoding())
    return emitOpError()
           << "result type must carry a #spider.sparse encoding, got "
           << result;
  if (source.getShape() != result.getShape())
    return emitOpError() << "result shape " << formatList(result.getShape())
                         << " differs from source shape "
                         << formatList(source.getShape());
  if (source.getElementType() != result.getElementType())
    return emitOpError() << "result element type " << result.getElementType()
                         << " differs from source element type "
                         << source.getElementType();
  if (std::optional<TypedAttr> inactive = getInactive()) {
    if (!getIndex())
      return emitOpError() << "'inactive' needs an 'index': the value is "
                              "known only outside a given index's tiles";
    if (inactive->getType() != source.getElementType() ||
        !isa<FloatAttr, IntegerAttr>(*inactive))
      return emitOpError() << "'inactive' must be a " << source.getElementType()
                           << " constant, like the elements, got "
                           << *inactive;
  }
  if (Value index = getIndex())
    return verifyIndexDescribes(*this, cast<TileIndexType>(index.getType()),
                                result, "the result");
  return success();
}

//===----------------------------------------------------------------------===//
// DetectOp
//===----------------------------------------------------------------------===//

LogicalResult DetectOp::verify() {
  return verifyIndexDescribes(*this, getIndex().getType(),
                              cast<ShapedType>(getInput().getType()),
                              "the input");
}

//===----------------------------------------------------------------------===//
// RouteOp
//===----------------------------------------------------------------------===//

LogicalResult RouteOp::verify() {
  auto ids = cast<ShapedType>(getIds().getType());
  if (ids.getRank() != 1 && ids.getRank() != 2)
    return emitOpError() << "routing ids must have rank 1 (one expert per "
                            "token) or 2 (k experts per token), not "
                         << ids.getRank();
  TileIndexType index = getIndex().getType();
  if (failed(verifyMatrixIndex(*this, index, "routing", "[tokens, experts]",
                               /*packDim=*/0, "the tokens")))
    return failure();
  if (index.getMicrotile()[1] != 1)
    return emitOpError() << "routing index micro-tile must be [token_block, "
                            "1], not "
                         << formatList(index.getMicrotile());
  return success();
}

//===----------------------------------------------------------------------===//
// IndexFromCsrOp
//===----------------------------------------------------------------------===//

LogicalResult IndexFromCsrOp::verify() {
  auto offsets = cast<ShapedType>(getRowOffsets().getType());
  auto columns = cast<ShapedType>(getColumns().getType());
  if (offsets.getRank() != 1)
    return emitOpError() << "row offsets must be a 1-D tensor, not rank "
                         << offsets.getRank();
  if (columns.getRank() != 1)
    return emitOpError() << "columns must be a 1-D tensor, not rank "
                         << columns.getRank();
  if (offsets.getDimSize(0) == 0)
    return emitOpError() << "row offsets must have at least one entry (one "
                            "more than there are rows)";
  return verifyMatrixIndex(*this, getIndex().getType(), "CSR",
                           "[rows, columns]", /*packDim=*/1, "the columns");
}

//===----------------------------------------------------------------------===//
// IndexConstantOp
//===----------------------------------------------------------------------===//

LogicalResult IndexConstantOp::verify() {
  IndexValueAttr value = getValue();
  TileIndexType type = getIndex().getType();
  if (static_cast<int64_t>(value.getGrid().size()) != type.getRank())
    return emitOpError() << "index value grid " << formatList(value.getGrid())
                         << " has rank " << value.getGrid().size()
                         << " but the index type has rank " << type.getRank();
  spiderrt::TileIndex index;
  index.grid.assign(value.getGrid().begin(), value.getGrid().end());
  index.packDim = type.getPackDim();
  index.offsets.assign(value.getOffsets().begin(), value.getOffsets().end());
  index.positions.assign(value.getPositions().begin(),
                         value.getPositions().end());
  if (std::string error = index.validate(); !error.empty())
    return emitOpError() << "index value does not fit its type: " << error;
  return success();
}

//===----------------------------------------------------------------------===//
// GatherOp / ScatterOp
//===----------------------------------------------------------------------===//

//===----------------------------------------------------------------------===//
// Packed sparse values
//===----------------------------------------------------------------------===//

LogicalResult FromTilesOp::verify() {
  auto result = cast<RankedTensorType>(getResult().getType());
  SparseEncodingAttr encoding = getSparseEncoding(result);
  TileIndexType index = getIndex().getType();
  if (failed(verifyIndexDescribes(*this, index, result, "the result")))
    return failure();
  // Without a mark (a program whose marks were removed), it is the dense
  // tensor the tiles describe.
  if (encoding && encoding.getMicrotile() != index.getMicrotile())
    return emitOpError() << "result micro-tile "
                         << formatList(encoding.getMicrotile())
                         << " differs from the index micro-tile "
                         << formatList(index.getMicrotile());
  if (static_cast<int64_t>(getSizes().size()) != result.getNumDynamicDims())
    return emitOpError() << "expected " << result.getNumDynamicDims()
                         << " sizes, one per dynamic dimension of the result, "
                            "got "
                         << getSizes().size();
  return verifyTileList(*this, cast<RankedTensorType>(getTiles().getType()),
                        result.dropEncoding(), index);
}

LogicalResult FromCsrOp::verify() {
  auto result = cast<RankedTensorType>(getResult().getType());
  SparseEncodingAttr encoding = getSparseEncoding(result);
  auto values = cast<RankedTensorType>(getValues().getType());
  auto offsets = cast<RankedTensorType>(getRowOffsets().getType());
  auto columns = cast<RankedTensorType>(getColumns().getType());
  if (result.getRank() != 2)
    return emitOpError() << "result must be a matrix, not of rank "
                         << result.getRank();
  if (encoding && encoding.getMicrotile() != ArrayRef<int64_t>{1, 1})
    return emitOpError()
           << "a marked result carries #spider.sparse<microtile = [1, 1]> "
              "(one micro-tile per CSR entry)";
  if (offsets.getRank() != 1 || columns.getRank() != 1 || values.getRank() != 1)
    return emitOpError() << "row offsets, columns and values must be 1-D";
  if (values.getElementType() != result.getElementType())
    return emitOpError() << "values of type " << values.getElementType()
                         << " cannot fill a " << result.getElementType()
                         << " matrix";
  if (!offsets.isDynamicDim(0) && !result.isDynamicDim(0) &&
      offsets.getDimSize(0) != result.getDimSize(0) + 1)
    return emitOpError() << "a " << result.getDimSize(0)
                         << "-row matrix takes " << result.getDimSize(0) + 1
                         << " row offsets, not " << offsets.getDimSize(0);
  if (!columns.isDynamicDim(0) && !values.isDynamicDim(0) &&
      columns.getDimSize(0) != values.getDimSize(0))
    return emitOpError() << columns.getDimSize(0) << " columns but "
                         << values.getDimSize(0) << " values";
  return success();
}

LogicalResult GatherOp::verify() {
  auto source = cast<RankedTensorType>(getSource().getType());
  if (failed(verifyIndexDescribes(*this, getIndex().getType(), source,
                                  "the source")))
    return failure();
  return verifyTileList(*this, cast<RankedTensorType>(getTiles().getType()),
                        source, getIndex().getType());
}

LogicalResult ScatterOp::verify() {
  auto dest = cast<RankedTensorType>(getDest().getType());
  if (failed(verifyIndexDescribes(*this, getIndex().getType(), dest,
                                  "the destination")))
    return failure();
  return verifyTileList(*this, cast<RankedTensorType>(getTiles().getType()),
                        dest, getIndex().getType());
}

//===----------------------------------------------------------------------===//
// PitOp
//===----------------------------------------------------------------------===//

bool mlir::spider::isPitInitBuilder(Operation *op) {
  if (auto empty = dyn_cast<tensor::EmptyOp>(op))
    return empty.getType().hasStaticShape();
  auto fill = dyn_cast<linalg::FillOp>(op);
  if (!fill || !fill.hasPureTensorSemantics() ||
      isa<ShapedType>(fill.getInputs()[0].getType()))
    return false;
  auto empty = fill.getOutputs()[0].getDefiningOp<tensor::EmptyOp>();
  return empty && empty->getBlock() == op->getBlock() &&
         empty.getType().hasStaticShape();
}

SmallVector<Operation *> PitOp::getComputations() {
  SmallVector<Operation *> computations;
  Block &block = getBody().front();
  for (Operation &op : block.without_terminator())
    if (!op.hasTrait<OpTrait::ConstantLike>() && !isPitInitBuilder(&op))
      computations.push_back(&op);
  return computations;
}

Operation *PitOp::getComputation() {
  SmallVector<Operation *> computations = getComputations();
  return computations.empty() ? nullptr : computations.front();
}

OpOperand *PitOp::getSparseUse() {
  Operation *computation = getComputation();
  Block &block = getBody().front();
  if (!computation || getSparseOperand() >= block.getNumArguments())
    return nullptr;
  BlockArgument sparseArg = block.getArgument(getSparseOperand());
  for (OpOperand &operand : computation->getOpOperands())
    if (operand.get() == sparseArg)
      return &operand;
  return nullptr;
}

SmallVector<int64_t> PitOp::getPermutationInvariantDims() {
  if (auto inner =
          dyn_cast_or_null<PermutationInvariantOpInterface>(getComputation()))
    return inner.getPermutationInvariantDims();
  return {};
}

LogicalResult PitOp::verify() {
  int64_t numInputs = getInputs().size();
  if (getSparseOperand() >= static_cast<uint64_t>(numInputs))
    return emitOpError() << "sparse_operand " << getSparseOperand()
                         << " is out of range for " << numInputs << " inputs";
  auto sparseType = dyn_cast<RankedTensorType>(getSparseValue().getType());
  if (!sparseType)
    return emitOpError() << "sparse operand #" << getSparseOperand()
                         << " must be a ranked tensor, not "
                         << getSparseValue().getType();
  if (failed(verifyIndexDescribes(*this, getIndex().getType(), sparseType,
                                  "the sparse operand")))
    return failure();
  if (getResults().size() != getOutputs().size())
    return emitOpError() << "expected one result per output ("
                         << getOutputs().size() << "), got "
                         << getResults().size();
  for (auto [i, pair] : llvm::enumerate(
           llvm::zip(getOutputs().getTypes(), getResults().getTypes()))) {
    auto [outType, resultType] = pair;
    if (outType != resultType)
      return emitOpError() << "result #" << i << " has type " << resultType
                           << " but its output has type " << outType;
  }
  if (FloatAttr thresholdAttr = getDenseThresholdAttr()) {
    double threshold = thresholdAttr.getValueAsDouble();
    if (!(threshold >= 0.0 && threshold <= 1.0))
      return emitOpError() << "dense_threshold must lie in [0, 1]";
  }
  if (TileConfigAttr config = getTileConfigAttr()) {
    if (config.getMicrotile() != getIndex().getType().getMicrotile())
      return emitOpError() << "tile_config micro-tile "
                           << formatList(config.getMicrotile())
                           << " differs from the index micro-tile "
                           << formatList(getIndex().getType().getMicrotile());
  }
  return success();
}

/// A chain (more than one computation): linalg ops on tensors, each init
/// a spider.pit output or built in the body, each input a block argument,
/// a body value or the result of an earlier computation, every result used
/// by a later computation or yielded, and only results of computations that
/// read the sparse operand yielded.
/// The constant `init`, the init of a computation in `pit`'s body, is
/// filled with (built in the body, or the spider.pit output it stands for),
/// or null.
static Attribute getFillInit(PitOp pit, Value init) {
  if (auto arg = dyn_cast<BlockArgument>(init)) {
    unsigned numInputs = pit.getInputs().size();
    if (arg.getOwner() != &pit.getBody().front() ||
        arg.getArgNumber() < numInputs)
      return nullptr;
    init = pit.getOutputs()[arg.getArgNumber() - numInputs];
  }
  auto fill = init.getDefiningOp<linalg::FillOp>();
  Attribute value;
  if (!fill || !matchPattern(fill.getInputs()[0], m_Constant(&value)) ||
      !isa<FloatAttr, IntegerAttr>(value))
    return nullptr;
  return value;
}

LogicalResult PitOp::verifyChain() {
  SmallVector<Operation *> computations = getComputations();
  if (computations.size() < 2)
    return success();
  Block &block = getBody().front();
  unsigned numInputs = getInputs().size();
  BlockArgument sparseArg = block.getArgument(getSparseOperand());
  llvm::SmallPtrSet<Operation *, 8> readsSparse;
  // What results hold outside the active micro-tiles, where known: a
  // result written through the map it reads a known value with (the
  // sparse operand: zero; or an earlier such result), from a fill of the
  // constant it yields there. A computation that reads no sparse operand
  // skips like one that does when it reads such a value as an input it may
  // skip there (a sum of zeros, a maximum of -inf).
  llvm::DenseMap<Value, Attribute> outside;
  auto knownOutside = [&](Value value) -> std::optional<Attribute> {
    if (value == Value(sparseArg))
      return Attribute(); // Zero.
    auto it = outside.find(value);
    if (it == outside.end())
      return std::nullopt;
    return it->second;
  };
  auto skipsLikeASparseReader = [&](linalg::LinalgOp op) {
    bool skips = false;
    for (OpOperand *input : op.getDpsInputOperands()) {
      std::optional<Attribute> inactive = knownOutside(input->get());
      if (!inactive)
        continue;
      AffineMap map = op.getMatchingIndexingMap(input);
      // Inside the body an init is a block argument: an element-wise
      // result is unchanged where it yields its init's fill.
      bool yieldsFills = op.getNumReductionLoops() == 0;
      for (OpOperand &own : op.getDpsInitsMutable()) {
        unsigned k = own.getOperandNumber() - op.getNumDpsInputs();
        Attribute fill = getFillInit(*this, own.get());
        bool yieldsFill =
            fill && evaluateAtInactive(op, input, *inactive, k) == fill;
        yieldsFills = yieldsFills && yieldsFill;
        if (yieldsFill && op.getMatchingIndexingMap(&own) == map)
          outside[op->getResult(k)] = fill;
      }
      bool keeps = explainUnsafeSkipping(op, input, *inactive).empty();
      if (keeps)
        for (OpOperand &own : op.getDpsInitsMutable())
          if (Attribute fill = getFillInit(*this, own.get());
              fill && op.getMatchingIndexingMap(&own) == map)
            outside[op.getTiedOpResult(&own)] = fill;
      if (input->get() == Value(sparseArg) || yieldsFills || keeps)
        skips = true;
    }
    return skips;
  };
  for (auto [position, op] : llvm::enumerate(computations)) {
    auto linalgOp = dyn_cast<linalg::LinalgOp>(op);
    if (!linalgOp || !linalgOp.hasPureTensorSemantics() ||
        op->getNumRegions() != 1)
      return emitOpError() << "chained computation #" << position << " ('"
                           << op->getName()
                           << "') must be a linalg op on tensors";
    for (OpOperand &init : linalgOp.getDpsInitsMutable()) {
      auto arg = dyn_cast<BlockArgument>(init.get());
      bool isOutput = arg && arg.getOwner() == &block &&
                      arg.getArgNumber() >= numInputs;
      Operation *def = init.get().getDefiningOp();
      if (!isOutput && !(def && isPitInitBuilder(def)))
        return emitOpError()
               << "the init of chained computation #" << position
               << " must be a spider.pit output or built in the body "
                  "(tensor.empty, or linalg.fill of a scalar into one)";
    }
    int64_t sparseReads = llvm::count(op->getOperands(), Value(sparseArg));
    if (sparseReads > 1)
      return emitOpError() << "chained computation #" << position
                           << " reads the sparse operand " << sparseReads
                           << " times; give each read its own block argument";
    if (skipsLikeASparseReader(linalgOp) || sparseReads)
      readsSparse.insert(op);
  }
  // An epilogue: an element-wise computation of results written per group
  // (by the computations above, or earlier epilogues), into a spider.pit
  // output. Where no group writes, its inputs hold their inits; it is
  // right there when its body, folded on those inits, yields its own
  // output's fill (spider-fuse-pit-epilogues builds such outputs).
  llvm::SmallPtrSet<Operation *, 8> writtenPerGroup(readsSparse.begin(),
                                                    readsSparse.end());
  for (Operation *op : computations) {
    auto linalgOp = cast<linalg::LinalgOp>(op);
    if (writtenPerGroup.contains(op) || op->getNumResults() != 1 ||
        linalgOp.getNumReductionLoops() != 0)
      continue;
    auto out = dyn_cast<BlockArgument>(linalgOp.getDpsInits()[0]);
    Attribute fill = getFillInit(*this, linalgOp.getDpsInits()[0]);
    if (!out || !fill)
      continue;
    SmallVector<Attribute> values;
    bool known = true;
    for (OpOperand *input : linalgOp.getDpsInputOperands()) {
      auto producer = input->get().getDefiningOp<linalg::LinalgOp>();
      if (!producer || !writtenPerGroup.contains(producer)) {
        known = false;
        break;
      }
      unsigned k = cast<OpResult>(input->get()).getResultNumber();
      values.push_back(getFillInit(*this, producer.getDpsInits()[k]));
      known = known && values.back();
    }
    values.push_back(fill);
    if (known && foldBodyAt(linalgOp, values, 0) == fill)
      writtenPerGroup.insert(op);
  }
  auto yield = cast<YieldOp>(block.getTerminator());
  for (Value value : yield.getValues()) {
    Operation *def = value.getDefiningOp();
    if (!def || !writtenPerGroup.contains(def))
      return emitOpError()
             << "a chain yields results of computations that read the "
                "sparse operand, or a result that is constant outside its "
                "active micro-tiles, only";
  }
  for (Operation *op : computations)
    for (Value result : op->getResults())
      if (result.use_empty())
        return emitOpError() << "chained computation '" << op->getName()
                             << "' has a result that is neither used nor "
                                "yielded";
  return success();
}

LogicalResult PitOp::verifyRegions() {
  Block &block = getBody().front();
  ValueRange operands = getOperands().drop_back(); // Drop the index.
  if (block.getNumArguments() != operands.size())
    return emitOpError() << "body must have one argument per input and output ("
                         << operands.size() << "), got "
                         << block.getNumArguments();
  for (auto [i, pair] : llvm::enumerate(
           llvm::zip(block.getArgumentTypes(), operands.getTypes()))) {
    auto [argType, operandType] = pair;
    if (argType != operandType)
      return emitOpError() << "body argument #" << i << " has type " << argType
                           << " but its operand has type " << operandType;
  }
  auto yield = dyn_cast<YieldOp>(block.getTerminator());
  if (!yield)
    return emitOpError() << "body must end in spider.yield";
  if (yield.getValues().getTypes() != getResultTypes())
    return emitOpError() << "body yields " << yield.getValues().size()
                         << " values whose types differ from the results";
  Operation *computation = getComputation();
  if (!computation)
    return emitOpError()
           << "body must hold a computation before spider.yield";
  if (failed(verifyChain()))
    return failure();

  int64_t packDim = getPackDim();
  TileIndexType indexType = getIndex().getType();
  if (auto linalgOp = dyn_cast<linalg::LinalgOp>(computation)) {
    if (packDim >= static_cast<int64_t>(linalgOp.getNumLoops()))
      return emitOpError() << "pack_dim " << packDim << " is out of range for '"
                           << computation->getName() << "' with "
                           << linalgOp.getNumLoops() << " loops";
    if (TileConfigAttr config = getTileConfigAttr();
        config && static_cast<int64_t>(config.getComputeTile().size()) !=
                      linalgOp.getNumLoops())
      return emitOpError() << "tile_config compute tile "
                           << formatList(config.getComputeTile()) << " has "
                           << config.getComputeTile().size()
                           << " sizes but '" << computation->getName()
                           << "' has " << linalgOp.getNumLoops() << " loops";
    OpOperand *use = getSparseUse();
    if (!use)
      return emitOpError() << "the computation does not use the sparse operand";
    // The index describes one use: a second operand reading the same block
    // argument (`matmul(%a, %a)`) would be sliced and gathered as if it
    // were indexed the same way.
    BlockArgument sparseArg = block.getArgument(getSparseOperand());
    for (OpOperand &other : computation->getOpOperands())
      if (&other != use && other.get() == sparseArg)
        return emitOpError()
               << "the sparse operand is read by operands #"
               << use->getOperandNumber() << " and #"
               << other.getOperandNumber()
               << " of the computation; give each its own block argument "
                  "(only one of them is the sparse operand)";
    AffineMap map = linalgOp.getMatchingIndexingMap(use);
    AffineExpr expr = map.getResult(indexType.getPackDim());
    auto packExpr = dyn_cast<AffineDimExpr>(expr);
    if (!packExpr || static_cast<int64_t>(packExpr.getPosition()) != packDim) {
      std::string exprText;
      llvm::raw_string_ostream(exprText) << expr;
      return emitOpError() << "the sparse operand's dimension "
                           << indexType.getPackDim()
                           << " (the index pack_dim) is indexed by '"
                           << exprText << "', not by loop dimension d"
                           << packDim;
    }
    if (std::string why = explainPermutationVariance(linalgOp, packDim);
        !why.empty())
      return emitOpError() << "the computation is not permutation invariant "
                              "along pack_dim d"
                           << packDim << ": " << why;
    return success();
  }
  auto invariant = dyn_cast<PermutationInvariantOpInterface>(computation);
  if (!invariant)
    return emitOpError() << "the computation '" << computation->getName()
                         << "' does not implement "
                            "PermutationInvariantOpInterface";
  if (!invariant.isPermutationInvariantDim(packDim))
    return emitOpError() << "the computation is not permutation invariant "
                            "along pack_dim d"
                         << packDim;
  return success();
}

//===----------------------------------------------------------------------===//
// DtsGateOp
//===----------------------------------------------------------------------===//

LogicalResult DtsGateOp::verify() {
  auto logits = cast<RankedTensorType>(getLogits().getType());
  if (logits.getRank() != 2)
    return emitOpError() << "logits must be [tokens, experts] (rank 2), not "
                            "rank "
                         << logits.getRank();
  double threshold = getThreshold().convertToDouble();
  if (!(threshold >= 0.0 && threshold <= 1.0)) {
    SmallString<16> text;
    getThreshold().toString(text);
    return emitOpError() << "threshold " << text << " must lie in [0, 1]";
  }
  int64_t experts = logits.getDimSize(1);
  if (!ShapedType::isDynamic(experts) &&
      static_cast<int64_t>(getMinK()) > experts)
    return emitOpError() << "min_k " << getMinK()
                         << " exceeds the number of experts (" << experts
                         << ")";
  return success();
}
