//===- IRMutator.h - Structure-aware mutations of MLIR modules --*- C++ -*-===//
//
// Mutations at the IR level that keep most modules valid: integer and float
// attribute values, Spider's micro-tiles, pack dimensions, compute tiles and
// constant indices, tensor shapes and element types changed consistently
// across the module, operands swapped for dominating values of the same
// type, ops duplicated or deleted, sparse marks added or removed. The
// caller verifies the result and retries with another mutation when it
// does not verify.
//
//===----------------------------------------------------------------------===//

#ifndef SPIDER_FUZZ_IRMUTATOR_H
#define SPIDER_FUZZ_IRMUTATOR_H

#include "mlir/IR/BuiltinOps.h"

#include <random>

namespace spider_fuzz {

/// Applies one randomly chosen mutation to `module`. Returns the name of the
/// mutation, or null when the chosen one found nothing to change.
const char *mutateModule(mlir::ModuleOp module, std::mt19937_64 &rng);

/// Moves one function (or other symbol) of `from` into `into`, renamed when
/// its name is taken. Returns false when `from` has none.
bool crossOverModules(mlir::ModuleOp into, mlir::ModuleOp from,
                      std::mt19937_64 &rng);

} // namespace spider_fuzz

#endif // SPIDER_FUZZ_IRMUTATOR_H
