//===- IRMutator.cpp - Choosing a mutation --------------------------------===//

#include "IRMutator.h"
#include "MutatorUtils.h"

#include "mlir/IR/SymbolTable.h"

using namespace mlir;
using namespace spider_fuzz;

namespace {
struct Mutation {
  const char *name;
  bool (*apply)(ModuleOp, Rng &);
  /// Relative frequency.
  int weight;
};

// Spider's own constructs weigh most: they are what the fuzzer is for.
const Mutation kMutations[] = {
    {"integer-attr", mutateIntegerAttr, 6},
    {"float-attr", mutateFloatAttr, 1},
    {"dim-size", mutateDimSize, 5},
    {"element-type", mutateElementType, 2},
    {"swap-operand", swapOperand, 4},
    {"duplicate-op", duplicateOp, 2},
    {"delete-op", deleteOp, 2},
    {"microtile", mutateMicrotile, 5},
    {"pack-dim", mutatePackDim, 3},
    {"compute-tile", mutateComputeTile, 3},
    {"index-constant", mutateIndexConstant, 2},
    {"insert-assume-sparse", insertAssumeSparse, 5},
    {"remove-assume-sparse", removeAssumeSparse, 1},
};
} // namespace

const char *spider_fuzz::mutateModule(ModuleOp module, Rng &rng) {
  int total = 0;
  for (const Mutation &m : kMutations)
    total += m.weight;
  int64_t draw = uniform(rng, 0, total - 1);
  for (const Mutation &m : kMutations) {
    if (draw < m.weight)
      return m.apply(module, rng) ? m.name : nullptr;
    draw -= m.weight;
  }
  return nullptr;
}

bool spider_fuzz::crossOverModules(ModuleOp into, ModuleOp from, Rng &rng) {
  SmallVector<Operation *> symbols;
  for (Operation &op : from.getBody()->getOperations())
    if (isa<SymbolOpInterface>(op))
      symbols.push_back(&op);
  if (symbols.empty())
    return false;
  Operation *moved = pick(rng, symbols);
  moved->remove();
  SymbolTable table(into);
  // insert() renames the symbol when its name is taken.
  table.insert(moved);
  return true;
}
