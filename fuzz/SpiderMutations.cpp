//===- SpiderMutations.cpp - Mutations of Spider's own constructs ---------===//
//
// Micro-tiles, pack dimensions, compute tiles, constant indices and sparse
// marks, changed so that what must agree (an index covering its tensor's
// micro-tile, a tile config naming its index's micro-tile) mostly still
// does.
//
//===----------------------------------------------------------------------===//

#include "MutatorUtils.h"

#include "spider/Dialect/Spider/IR/SpiderOps.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/Builders.h"

#include <algorithm>
#include <set>

using namespace mlir;
using namespace mlir::spider;
using namespace spider_fuzz;

/// Every micro-tile in the module: of encodings, index types, tile configs.
static SmallVector<SmallVector<int64_t>> collectMicrotiles(ModuleOp module) {
  SmallVector<SmallVector<int64_t>> tiles;
  auto visitType = [&](Type type) {
    type.walk([&](Type inner) {
      if (auto index = dyn_cast<TileIndexType>(inner))
        tiles.emplace_back(index.getMicrotile());
      if (SparseEncodingAttr encoding = getSparseEncoding(inner))
        tiles.emplace_back(encoding.getMicrotile());
    });
  };
  module->walk([&](Operation *op) {
    for (Type type : op->getResultTypes())
      visitType(type);
    for (Region &region : op->getRegions())
      for (Block &block : region)
        for (Type type : block.getArgumentTypes())
          visitType(type);
    if (auto pit = dyn_cast<PitOp>(op))
      if (TileConfigAttr config = pit.getTileConfigAttr())
        tiles.emplace_back(config.getMicrotile());
  });
  return tiles;
}

bool spider_fuzz::mutateMicrotile(ModuleOp module, Rng &rng) {
  SmallVector<SmallVector<int64_t>> tiles = collectMicrotiles(module);
  if (tiles.empty())
    return false;
  SmallVector<int64_t> from = pick(rng, tiles);
  SmallVector<int64_t> to = from;
  int64_t &size = to[uniform(rng, 0, to.size() - 1)];
  size = mutateSize(size, rng);
  // Every micro-tile equal to `from` changes, so that an index and the
  // encoding it covers keep agreeing. A size the attributes reject (not
  // positive) is no mutation: the parser's diagnostics for it are reached
  // by byte mutations.
  MLIRContext *ctx = module.getContext();
  auto emitSilently = [&] { return emitError(UnknownLoc::get(ctx)); };
  ArrayRef<int64_t> newTile(to);
  auto encodingTo = SparseEncodingAttr::getChecked(emitSilently, ctx, newTile);
  if (!encodingTo)
    return false;
  bool ok = true;
  replaceAttrs(module, [&](Attribute attr) -> std::optional<Attribute> {
    if (auto encoding = dyn_cast<SparseEncodingAttr>(attr);
        encoding && encoding.getMicrotile() == ArrayRef<int64_t>(from))
      return encodingTo;
    if (auto config = dyn_cast<TileConfigAttr>(attr);
        config && config.getMicrotile() == ArrayRef<int64_t>(from)) {
      if (auto next = TileConfigAttr::getChecked(emitSilently, ctx, newTile,
                                                 config.getComputeTile()))
        return next;
      ok = false;
    }
    return std::nullopt;
  });
  return ok && replaceTypes(module, [&](Type type) -> std::optional<Type> {
    if (auto index = dyn_cast<TileIndexType>(type);
        index && index.getMicrotile() == ArrayRef<int64_t>(from))
      return TileIndexType::getChecked(emitSilently, ctx,
                                       ArrayRef<int64_t>(to),
                                       index.getPackDim());
    return std::nullopt;
  });
}

bool spider_fuzz::mutatePackDim(ModuleOp module, Rng &rng) {
  SmallVector<TileIndexType> indices;
  module->walk([&](Operation *op) {
    for (Type type : op->getResultTypes())
      if (auto index = dyn_cast<TileIndexType>(type))
        indices.push_back(index);
  });
  if (indices.empty())
    return false;
  TileIndexType from = pick(rng, indices);
  int64_t packDim = uniform(rng, 0, from.getRank() - 1);
  if (packDim == from.getPackDim())
    return false;
  auto to = TileIndexType::get(module.getContext(), from.getMicrotile(),
                               packDim);
  // The spider.pit ops over such an index follow half the time (their
  // pack_dim is a loop dimension: often the same number, not always).
  bool movePits = oneIn(rng, 2);
  if (!replaceTypes(module, [&](Type type) -> std::optional<Type> {
        if (type == from)
          return Type(to);
        return std::nullopt;
      }))
    return false;
  if (movePits)
    module->walk([&](PitOp pit) {
      if (pit.getIndex().getType() == to)
        pit.setPackDim(packDim);
    });
  return true;
}

bool spider_fuzz::mutateComputeTile(ModuleOp module, Rng &rng) {
  SmallVector<PitOp> pits;
  module->walk([&](PitOp pit) { pits.push_back(pit); });
  if (pits.empty())
    return false;
  PitOp pit = pick(rng, pits);
  MLIRContext *ctx = module.getContext();
  TileConfigAttr config = pit.getTileConfigAttr();
  auto computation = dyn_cast_or_null<linalg::LinalgOp>(pit.getComputation());
  // Sets the config when the attribute's verifier takes it.
  auto setConfig = [&](ArrayRef<int64_t> microtile, ArrayRef<int64_t> tile) {
    auto emitSilently = [&] { return emitError(UnknownLoc::get(ctx)); };
    auto next = TileConfigAttr::getChecked(emitSilently, ctx, microtile, tile);
    if (next)
      pit.setTileConfigAttr(next);
    return static_cast<bool>(next);
  };
  if (!config) {
    // A config where there was none: the index's micro-tile and a compute
    // tile over the computation's loops.
    int64_t loops = computation ? computation.getNumLoops() : 3;
    SmallVector<int64_t> tile;
    for (int64_t i = 0; i < loops; ++i)
      tile.push_back(int64_t(1) << uniform(rng, 0, 6));
    return setConfig(pit.getIndex().getType().getMicrotile(), tile);
  }
  if (oneIn(rng, 8)) {
    pit.removeTileConfigAttr();
    return true;
  }
  SmallVector<int64_t> tile(config.getComputeTile());
  int64_t &size = tile[uniform(rng, 0, tile.size() - 1)];
  size = mutateSize(size, rng);
  return setConfig(config.getMicrotile(), tile);
}

bool spider_fuzz::mutateIndexConstant(ModuleOp module, Rng &rng) {
  SmallVector<IndexConstantOp> constants;
  module->walk([&](IndexConstantOp op) { constants.push_back(op); });
  if (constants.empty())
    return false;
  IndexConstantOp op = pick(rng, constants);
  IndexValueAttr value = op.getValue();
  SmallVector<int64_t> grid(value.getGrid());
  int64_t packDim = op.getIndex().getType().getPackDim();
  if (static_cast<int64_t>(grid.size()) <= packDim)
    return false;
  if (oneIn(rng, 3)) {
    int64_t &size = grid[uniform(rng, 0, grid.size() - 1)];
    size = std::min<int64_t>(mutateSize(size, rng), 64);
  }
  // A fresh, valid layout over the grid at a random density: empty, full
  // or in between.
  int64_t groups = 1;
  for (auto [d, size] : llvm::enumerate(grid))
    if (static_cast<int64_t>(d) != packDim &&
        (size < 0 || __builtin_mul_overflow(groups, size, &groups)))
      return false;
  if (groups > 4096 || grid[packDim] > 4096 || grid[packDim] < 0)
    return false;
  int64_t density = uniform(rng, 0, 4); // In quarters.
  SmallVector<int64_t> offsets = {0}, positions;
  for (int64_t g = 0; g < groups; ++g) {
    for (int64_t p = 0; p < grid[packDim]; ++p)
      if (uniform(rng, 0, 3) < density)
        positions.push_back(p);
    offsets.push_back(positions.size());
  }
  auto emitSilently = [&] {
    return emitError(UnknownLoc::get(module.getContext()));
  };
  auto next = IndexValueAttr::getChecked(
      emitSilently, module.getContext(), ArrayRef<int64_t>(grid),
      ArrayRef<int64_t>(offsets), ArrayRef<int64_t>(positions));
  if (!next)
    return false;
  op.setValueAttr(next);
  return true;
}

/// A micro-tile size for a dimension of static size `size` (or dynamic).
static int64_t chooseTileSize(int64_t size, Rng &rng) {
  if (!ShapedType::isDynamic(size) && size > 0 && oneIn(rng, 4))
    return size;
  return int64_t(1) << uniform(rng, 0, 5);
}

bool spider_fuzz::insertAssumeSparse(ModuleOp module, Rng &rng) {
  SmallVector<OpOperand *> inputs;
  module->walk([&](linalg::LinalgOp op) {
    if (op->getParentOfType<PitOp>())
      return;
    for (OpOperand *input : op.getDpsInputOperands()) {
      auto type = dyn_cast<RankedTensorType>(input->get().getType());
      if (type && !type.getEncoding() && type.getRank() > 0 &&
          type.getElementType().isIntOrIndexOrFloat())
        inputs.push_back(input);
    }
  });
  if (inputs.empty())
    return false;
  OpOperand *input = pick(rng, inputs);
  auto type = cast<RankedTensorType>(input->get().getType());
  SmallVector<int64_t> microtile;
  for (int64_t size : type.getShape())
    microtile.push_back(chooseTileSize(size, rng));
  MLIRContext *ctx = module.getContext();
  auto marked = RankedTensorType::get(type.getShape(), type.getElementType(),
                                      SparseEncodingAttr::get(ctx, microtile));
  OpBuilder b(input->getOwner());
  Location loc = input->getOwner()->getLoc();
  Value source = input->get();
  Value index;
  // Sometimes with a known index, built from the unmarked source.
  if (oneIn(rng, 4)) {
    auto indexType = TileIndexType::get(ctx, microtile,
                                        uniform(rng, 0, type.getRank() - 1));
    index = DetectOp::create(b, loc, indexType, source);
  }
  input->set(
      AssumeSparseOp::create(b, loc, marked, source, index, TypedAttr()));
  return true;
}

bool spider_fuzz::removeAssumeSparse(ModuleOp module, Rng &rng) {
  SmallVector<AssumeSparseOp> marks;
  module->walk([&](AssumeSparseOp op) { marks.push_back(op); });
  if (marks.empty())
    return false;
  AssumeSparseOp op = pick(rng, marks);
  op.getResult().replaceAllUsesWith(op.getSource());
  op.erase();
  return true;
}
