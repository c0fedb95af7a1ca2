//===- MutatorUtils.h - What the mutations share ----------------*- C++ -*-===//

#ifndef SPIDER_FUZZ_MUTATORUTILS_H
#define SPIDER_FUZZ_MUTATORUTILS_H

#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>
#include <random>

namespace spider_fuzz {

using Rng = std::mt19937_64;

/// A uniform integer in [lo, hi].
inline int64_t uniform(Rng &rng, int64_t lo, int64_t hi) {
  return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
}

/// True with probability 1/n.
inline bool oneIn(Rng &rng, int64_t n) { return uniform(rng, 1, n) == 1; }

template <typename T> T &pick(Rng &rng, llvm::SmallVectorImpl<T> &items) {
  return items[uniform(rng, 0, static_cast<int64_t>(items.size()) - 1)];
}

/// A value near `v` or at an edge that code gets wrong: v +- 1, 2v, v / 2,
/// 0, 1, small random values, powers of two and, rarely, the extremes of 32
/// and 64 bits.
int64_t mutateInteger(int64_t v, Rng &rng);

/// A size near `v` (positive): mostly what tiles and shapes take, rarely
/// an edge.
int64_t mutateSize(int64_t v, Rng &rng);

/// Every op nested in `module` (not the module itself).
llvm::SmallVector<mlir::Operation *> collectOps(mlir::ModuleOp module);

/// Replaces every type `typeFn` maps (nullopt: unchanged) throughout `root`:
/// result, block argument and attribute types, function types included.
/// Attributes that hold values of a changed type are rebuilt to match
/// (splat constants reshaped, numbers converted). Returns false when one
/// cannot be, or when `typeFn` returns a null type: the mutation is then
/// abandoned.
bool replaceTypes(mlir::Operation *root,
                  llvm::function_ref<std::optional<mlir::Type>(mlir::Type)>
                      typeFn);

/// Replaces every attribute `attrFn` maps (nullopt: unchanged), nested ones
/// and those inside types included.
void replaceAttrs(mlir::Operation *root,
                  llvm::function_ref<std::optional<mlir::Attribute>(
                      mlir::Attribute)>
                      attrFn);

// The mutations: each returns false when it found nothing to change.
bool mutateIntegerAttr(mlir::ModuleOp module, Rng &rng);
bool mutateFloatAttr(mlir::ModuleOp module, Rng &rng);
bool mutateDimSize(mlir::ModuleOp module, Rng &rng);
bool mutateElementType(mlir::ModuleOp module, Rng &rng);
bool swapOperand(mlir::ModuleOp module, Rng &rng);
bool duplicateOp(mlir::ModuleOp module, Rng &rng);
bool deleteOp(mlir::ModuleOp module, Rng &rng);
bool mutateMicrotile(mlir::ModuleOp module, Rng &rng);
bool mutatePackDim(mlir::ModuleOp module, Rng &rng);
bool mutateComputeTile(mlir::ModuleOp module, Rng &rng);
bool mutateIndexConstant(mlir::ModuleOp module, Rng &rng);
bool insertAssumeSparse(mlir::ModuleOp module, Rng &rng);
bool removeAssumeSparse(mlir::ModuleOp module, Rng &rng);

} // namespace spider_fuzz

#endif // SPIDER_FUZZ_MUTATORUTILS_H
