//===- TypeRewrite.cpp - Consistent type and attribute replacement --------===//
//
// A shape or an element type changed in one place only makes an invalid
// module; changed everywhere it stays valid, provided the constants that
// hold values of that type follow.
//
//===----------------------------------------------------------------------===//

#include "MutatorUtils.h"

#include "mlir/IR/AttrTypeSubElements.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"

#include <climits>

using namespace mlir;
using namespace spider_fuzz;

/// v + d, wrapping (the fuzzer's own arithmetic must not be undefined).
static int64_t wrapAdd(int64_t v, int64_t d) {
  return static_cast<int64_t>(static_cast<uint64_t>(v) +
                              static_cast<uint64_t>(d));
}

int64_t spider_fuzz::mutateInteger(int64_t v, Rng &rng) {
  switch (uniform(rng, 0, 11)) {
  case 0:
    return wrapAdd(v, 1);
  case 1:
    return wrapAdd(v, -1);
  case 2:
    return v > INT64_MIN / 2 && v < INT64_MAX / 2 ? 2 * v : v;
  case 3:
    return v / 2;
  case 4:
    return 0;
  case 5:
    return 1;
  case 6:
  case 7:
    return uniform(rng, -2, 130);
  case 8:
    return int64_t(1) << uniform(rng, 0, 12);
  case 9:
    return v == INT64_MIN ? v : -v;
  default: {
    static const int64_t kEdges[] = {INT32_MAX,       int64_t(INT32_MAX) + 1,
                                     int64_t(1) << 32, INT64_MAX,
                                     INT64_MIN,       -1};
    return kEdges[uniform(rng, 0, 5)];
  }
  }
}

int64_t spider_fuzz::mutateSize(int64_t v, Rng &rng) {
  switch (uniform(rng, 0, 15)) {
  case 0:
  case 1:
    return v >= INT64_MIN / 2 && v <= INT64_MAX / 2 ? v * 2 : v;
  case 2:
  case 3:
    return std::max<int64_t>(1, v / 2);
  case 4:
    return wrapAdd(v, 1);
  case 5:
    return std::max<int64_t>(1, wrapAdd(v, -1));
  case 6:
  case 7:
    return 1;
  case 8:
  case 9:
  case 10:
    return int64_t(1) << uniform(rng, 0, 6);
  case 11:
  case 12:
    return uniform(rng, 1, 100);
  case 13:
    return 0;
  default:
    return mutateInteger(v, rng);
  }
}

SmallVector<Operation *> spider_fuzz::collectOps(ModuleOp module) {
  SmallVector<Operation *> ops;
  module->walk([&](Operation *op) {
    if (op != module.getOperation())
      ops.push_back(op);
  });
  return ops;
}

/// `attr` (a number of the type it had) as a number of type `type`, or
/// null when it cannot be (between integers and floats).
static Attribute convertScalar(Attribute attr, Type type) {
  if (auto integer = dyn_cast<IntegerAttr>(attr)) {
    if (!type.isIntOrIndex())
      return {};
    unsigned width = type.isIndex() ? 64 : type.getIntOrFloatBitWidth();
    return IntegerAttr::get(type, integer.getValue().sextOrTrunc(width));
  }
  if (auto real = dyn_cast<FloatAttr>(attr)) {
    auto floatType = dyn_cast<FloatType>(type);
    if (!floatType)
      return {};
    APFloat value = real.getValue();
    bool lost;
    value.convert(floatType.getFloatSemantics(),
                  APFloat::rmNearestTiesToEven, &lost);
    return FloatAttr::get(type, value);
  }
  return {};
}

/// `dense` with type `type`, or null when its values cannot follow.
static Attribute convertDense(DenseElementsAttr dense, ShapedType type) {
  Type from = dense.getElementType(), to = type.getElementType();
  if (dense.isSplat()) {
    Attribute splat = dense.getSplatValue<Attribute>();
    if (from != to)
      splat = convertScalar(splat, to);
    if (!splat)
      return {};
    return DenseElementsAttr::get(type, splat);
  }
  if (type.getShape() != dense.getType().getShape())
    return {}; // Values would have to be invented or dropped.
  if (from.isIntOrIndex() && to.isIntOrIndex()) {
    unsigned width = to.isIndex() ? 64 : to.getIntOrFloatBitWidth();
    return cast<DenseIntElementsAttr>(dense).mapValues(
        to, [&](const APInt &v) { return v.sextOrTrunc(width); });
  }
  auto floatTo = dyn_cast<FloatType>(to);
  if (isa<FloatType>(from) && floatTo) {
    return cast<DenseFPElementsAttr>(dense).mapValues(
        to, [&](const APFloat &v) {
          APFloat converted = v;
          bool lost;
          converted.convert(floatTo.getFloatSemantics(),
                            APFloat::rmNearestTiesToEven, &lost);
          return converted.bitcastToAPInt();
        });
  }
  return {};
}

bool spider_fuzz::replaceTypes(
    Operation *root,
    function_ref<std::optional<Type>(Type)> typeFn) {
  bool ok = true;
  auto mapLeaf = [&](Type type) -> std::optional<Type> {
    std::optional<Type> mapped = typeFn(type);
    if (mapped && !*mapped) {
      ok = false;
      return std::nullopt;
    }
    return mapped;
  };
  // Types alone, to know what an attribute's type becomes.
  AttrTypeReplacer types;
  types.addReplacement(mapLeaf);

  AttrTypeReplacer all;
  all.addReplacement(mapLeaf);
  all.addReplacement(
      [&](Attribute attr) -> AttrTypeReplacer::ReplaceFnResult<Attribute> {
        auto typed = dyn_cast<TypedAttr>(attr);
        if (!typed || isa<TypeAttr>(attr))
          return std::nullopt;
        Type type = types.replace(typed.getType());
        if (type == typed.getType())
          return std::pair(attr, WalkResult::skip());
        Attribute converted;
        if (auto dense = dyn_cast<DenseElementsAttr>(attr))
          converted = convertDense(dense, cast<ShapedType>(type));
        else if (isa<IntegerAttr, FloatAttr>(attr))
          converted = convertScalar(attr, type);
        if (!converted) {
          ok = false;
          return std::pair(attr, WalkResult::skip());
        }
        return std::pair(converted, WalkResult::skip());
      });
  all.recursivelyReplaceElementsIn(root, /*replaceAttrs=*/true,
                                   /*replaceLocs=*/false,
                                   /*replaceTypes=*/true);
  return ok;
}

void spider_fuzz::replaceAttrs(
    Operation *root,
    function_ref<std::optional<Attribute>(Attribute)> attrFn) {
  AttrTypeReplacer all;
  all.addReplacement(
      [&](Attribute attr) -> std::optional<Attribute> { return attrFn(attr); });
  all.recursivelyReplaceElementsIn(root, /*replaceAttrs=*/true,
                                   /*replaceLocs=*/false,
                                   /*replaceTypes=*/true);
}
