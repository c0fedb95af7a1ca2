//===- GenericMutations.cpp - Mutations of any MLIR module ----------------===//

#include "MutatorUtils.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dominance.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include <cmath>
#include <limits>

using namespace mlir;
using namespace spider_fuzz;

namespace {
/// An attribute of an op, by name.
struct AttrSite {
  Operation *op;
  StringAttr name;
};
} // namespace

/// The integer in `attr` (an IntegerAttr, or an integer array) mutated;
/// null when `attr` holds none.
static Attribute mutateIntegersIn(Attribute attr, Rng &rng) {
  if (auto integer = dyn_cast<IntegerAttr>(attr)) {
    Type type = integer.getType();
    if (!type.isIntOrIndex())
      return {};
    unsigned width = type.isIndex() ? 64 : type.getIntOrFloatBitWidth();
    int64_t value = width <= 64 ? integer.getValue().getSExtValue() : 0;
    if (width == 1)
      return IntegerAttr::get(type, APInt(1, !value));
    return IntegerAttr::get(
        type, APInt(width, static_cast<uint64_t>(mutateInteger(value, rng)),
                    /*isSigned=*/true, /*implicitTrunc=*/true));
  }
  if (auto array = dyn_cast<DenseI64ArrayAttr>(attr)) {
    if (array.empty())
      return {};
    SmallVector<int64_t> values(array.asArrayRef());
    int64_t &v = values[uniform(rng, 0, values.size() - 1)];
    v = mutateInteger(v, rng);
    return DenseI64ArrayAttr::get(attr.getContext(), values);
  }
  if (auto array = dyn_cast<DenseI32ArrayAttr>(attr)) {
    if (array.empty())
      return {};
    SmallVector<int32_t> values(array.asArrayRef());
    int32_t &v = values[uniform(rng, 0, values.size() - 1)];
    v = static_cast<int32_t>(mutateInteger(v, rng));
    return DenseI32ArrayAttr::get(attr.getContext(), values);
  }
  if (auto array = dyn_cast<ArrayAttr>(attr)) {
    SmallVector<unsigned> integers;
    for (auto [i, element] : llvm::enumerate(array))
      if (isa<IntegerAttr>(element))
        integers.push_back(i);
    if (integers.empty())
      return {};
    SmallVector<Attribute> elements(array.getValue());
    unsigned i = pick(rng, integers);
    elements[i] = mutateIntegersIn(elements[i], rng);
    return elements[i] ? ArrayAttr::get(attr.getContext(), elements)
                       : Attribute();
  }
  return {};
}

/// Whether the mutations may change attribute `name` of `op`: any of
/// Spider's ops, constants' values and dialect attributes (`spider.*`).
/// Upstream ops' own attributes are left alone, also those not declared
/// as properties: their verifiers are not all robust (gpu.launch's reads
/// past its body's arguments with a negative `workgroup_attributions`),
/// and a crash there would stop the run without saying anything of Spider.
static bool isMutable(Operation *op, StringAttr name) {
  if (op->getDialect() && op->getDialect()->getNamespace() == "spider")
    return true;
  if (op->getName().getStringRef() == "arith.constant")
    return name.getValue() == "value";
  return name.getValue().contains('.') &&
         !op->getInherentAttr(name.getValue()).has_value();
}

bool spider_fuzz::mutateIntegerAttr(ModuleOp module, Rng &rng) {
  SmallVector<AttrSite> sites;
  for (Operation *op : collectOps(module))
    for (NamedAttribute attr : op->getAttrDictionary())
      if (!isMutable(op, attr.getName()))
        continue;
      else if (isa<IntegerAttr, DenseI64ArrayAttr, DenseI32ArrayAttr>(
              attr.getValue()) ||
          (isa<ArrayAttr>(attr.getValue()) &&
           llvm::any_of(cast<ArrayAttr>(attr.getValue()),
                        [](Attribute a) { return isa<IntegerAttr>(a); })))
        sites.push_back({op, attr.getName()});
  if (sites.empty())
    return false;
  AttrSite site = pick(rng, sites);
  Attribute mutated = mutateIntegersIn(site.op->getAttr(site.name), rng);
  if (!mutated)
    return false;
  site.op->setAttr(site.name, mutated);
  return true;
}

bool spider_fuzz::mutateFloatAttr(ModuleOp module, Rng &rng) {
  SmallVector<AttrSite> sites;
  for (Operation *op : collectOps(module))
    for (NamedAttribute attr : op->getAttrDictionary())
      if (isMutable(op, attr.getName()) && isa<FloatAttr>(attr.getValue()))
        sites.push_back({op, attr.getName()});
  if (sites.empty())
    return false;
  AttrSite site = pick(rng, sites);
  auto old = cast<FloatAttr>(site.op->getAttr(site.name));
  double v = old.getValueAsDouble();
  static const double kValues[] = {0.0, -0.0, 1.0, -1.0, 0.5, 2.0, 1e-8,
                                   std::numeric_limits<double>::infinity(),
                                   std::numeric_limits<double>::quiet_NaN()};
  double next = oneIn(rng, 3) ? v * (oneIn(rng, 2) ? 2.0 : -1.0)
                              : kValues[uniform(rng, 0, 8)];
  APFloat value(next);
  bool lost;
  value.convert(cast<FloatType>(old.getType()).getFloatSemantics(),
                APFloat::rmNearestTiesToEven, &lost);
  site.op->setAttr(site.name, FloatAttr::get(old.getType(), value));
  return true;
}

/// The static sizes of `type` if it is a shaped type with a static size.
static ArrayRef<int64_t> staticSizesOf(Type type) {
  if (auto shaped = dyn_cast<ShapedType>(type); shaped && shaped.hasRank())
    return shaped.getShape();
  return {};
}

bool spider_fuzz::mutateDimSize(ModuleOp module, Rng &rng) {
  SmallVector<int64_t> sizes;
  module->walk([&](Operation *op) {
    for (Type type : op->getResultTypes())
      for (int64_t size : staticSizesOf(type))
        if (!ShapedType::isDynamic(size))
          sizes.push_back(size);
    for (Region &region : op->getRegions())
      for (Block &block : region)
        for (Type type : block.getArgumentTypes())
          for (int64_t size : staticSizesOf(type))
            if (!ShapedType::isDynamic(size))
              sizes.push_back(size);
  });
  if (sizes.empty())
    return false;
  int64_t from = pick(rng, sizes);
  int64_t to = mutateSize(from, rng);
  if (to == from || to < 0 || to > (int64_t(1) << 40))
    return false;
  MLIRContext *ctx = module.getContext();
  auto emitSilently = [&] { return emitError(UnknownLoc::get(ctx)); };
  auto resize = [&](ArrayRef<int64_t> shape) {
    SmallVector<int64_t> resized(shape);
    for (int64_t &size : resized)
      if (size == from)
        size = to;
    return resized;
  };
  bool ok = replaceTypes(module, [&](Type type) -> std::optional<Type> {
    if (auto tensor = dyn_cast<RankedTensorType>(type)) {
      if (!llvm::is_contained(tensor.getShape(), from))
        return std::nullopt;
      return RankedTensorType::getChecked(emitSilently,
                                          resize(tensor.getShape()),
                                          tensor.getElementType(),
                                          tensor.getEncoding());
    }
    if (auto memref = dyn_cast<MemRefType>(type)) {
      if (!llvm::is_contained(memref.getShape(), from))
        return std::nullopt;
      return MemRefType::getChecked(emitSilently, resize(memref.getShape()),
                                    memref.getElementType(),
                                    memref.getLayout(),
                                    memref.getMemorySpace());
    }
    if (auto vector = dyn_cast<VectorType>(type)) {
      if (!llvm::is_contained(vector.getShape(), from))
        return std::nullopt;
      return VectorType::getChecked(emitSilently, resize(vector.getShape()),
                                    vector.getElementType(),
                                    vector.getScalableDims());
    }
    return std::nullopt;
  });
  if (!ok)
    return false;
  // Sizes also stand as index constants and in static-size arrays
  // (extract_slice, reshape); half the time they follow.
  if (oneIn(rng, 2)) {
    for (Operation *op : collectOps(module))
      for (NamedAttribute attr : op->getAttrDictionary()) {
        if (auto integer = dyn_cast<IntegerAttr>(attr.getValue());
            integer && integer.getType().isIndex() &&
            integer.getInt() == from)
          op->setAttr(attr.getName(),
                      IntegerAttr::get(integer.getType(), to));
        if (auto array = dyn_cast<DenseI64ArrayAttr>(attr.getValue()))
          op->setAttr(attr.getName(),
                      DenseI64ArrayAttr::get(ctx, resize(array.asArrayRef())));
      }
  }
  return true;
}

bool spider_fuzz::mutateElementType(ModuleOp module, Rng &rng) {
  MLIRContext *ctx = module.getContext();
  Builder b(ctx);
  SmallVector<Type> floats = {b.getF16Type(), b.getBF16Type(), b.getF32Type(),
                              b.getF64Type()};
  SmallVector<Type> integers = {b.getI1Type(), b.getI8Type(), b.getI16Type(),
                                b.getI32Type(), b.getI64Type()};
  SmallVector<Type> present;
  module->walk([&](Operation *op) {
    for (Type type : op->getResultTypes())
      if (auto shaped = dyn_cast<ShapedType>(type))
        present.push_back(shaped.getElementType());
  });
  llvm::erase_if(present, [](Type t) { return !t.isIntOrFloat(); });
  if (present.empty())
    return false;
  Type from = pick(rng, present);
  SmallVector<Type> &kind = isa<FloatType>(from) ? floats : integers;
  Type to = oneIn(rng, 8) ? pick(rng, isa<FloatType>(from) ? integers : floats)
                          : pick(rng, kind);
  if (to == from)
    return false;
  return replaceTypes(module, [&](Type type) -> std::optional<Type> {
    if (type == from)
      return to;
    return std::nullopt;
  });
}

/// Values of type `type` that dominate `user`: block arguments and results
/// of earlier ops in its block and the blocks around it, up to the nearest
/// op isolated from above.
static SmallVector<Value> dominatingValues(Operation *user, Type type) {
  SmallVector<Value> values;
  for (Operation *cursor = user; cursor;) {
    Block *block = cursor->getBlock();
    if (!block)
      break;
    for (BlockArgument arg : block->getArguments())
      if (arg.getType() == type)
        values.push_back(arg);
    for (Operation &op : *block) {
      if (&op == cursor)
        break;
      for (Value result : op.getResults())
        if (result.getType() == type)
          values.push_back(result);
    }
    Operation *parent = block->getParentOp();
    if (!parent || parent->hasTrait<OpTrait::IsIsolatedFromAbove>())
      break;
    cursor = parent;
  }
  return values;
}

bool spider_fuzz::swapOperand(ModuleOp module, Rng &rng) {
  SmallVector<OpOperand *> uses;
  for (Operation *op : collectOps(module))
    for (OpOperand &operand : op->getOpOperands())
      uses.push_back(&operand);
  if (uses.empty())
    return false;
  OpOperand *use = pick(rng, uses);
  SmallVector<Value> candidates =
      dominatingValues(use->getOwner(), use->get().getType());
  llvm::erase(candidates, use->get());
  if (candidates.empty())
    return false;
  use->set(pick(rng, candidates));
  return true;
}

/// Whether `op` may be cloned or erased by a mutation: not the structure
/// (terminators, symbols, the module).
static bool isMovable(Operation *op) {
  return !op->hasTrait<OpTrait::IsTerminator>() && !isa<SymbolOpInterface>(op) &&
         !isa<ModuleOp>(op) && op->getBlock();
}

bool spider_fuzz::duplicateOp(ModuleOp module, Rng &rng) {
  SmallVector<Operation *> ops = collectOps(module);
  llvm::erase_if(ops, [](Operation *op) { return !isMovable(op); });
  if (ops.empty())
    return false;
  Operation *op = pick(rng, ops);
  OpBuilder b(op->getContext());
  b.setInsertionPointAfter(op);
  Operation *clone = b.clone(*op);
  // Half the time, some of the uses the copy dominates read it.
  if (oneIn(rng, 2)) {
    DominanceInfo dominance(module);
    for (auto [from, to] : llvm::zip(op->getResults(), clone->getResults()))
      from.replaceUsesWithIf(to, [&](OpOperand &use) {
        return dominance.properlyDominates(clone, use.getOwner()) &&
               oneIn(rng, 2);
      });
  }
  return true;
}

bool spider_fuzz::deleteOp(ModuleOp module, Rng &rng) {
  SmallVector<Operation *> ops = collectOps(module);
  llvm::erase_if(ops, [](Operation *op) {
    return !isMovable(op) || !op->use_empty();
  });
  if (ops.empty())
    return false;
  pick(rng, ops)->erase();
  return true;
}
