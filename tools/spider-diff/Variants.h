//===- Variants.h - The programs spider-diff builds and runs ----*- C++ -*-===//
//
// From one program, spider-diff builds: the program with a printer for
// what its entry returns; the program without marks (the reference); and,
// in mark-each mode, variants that mark one input of one linalg op with one
// micro-tile shape, on data with some of those micro-tiles zeroed.
//
//===----------------------------------------------------------------------===//

#ifndef SPIDER_TOOLS_SPIDER_DIFF_VARIANTS_H
#define SPIDER_TOOLS_SPIDER_DIFF_VARIANTS_H

#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/SmallVector.h"

#include <string>
#include <vector>

namespace spider_diff {

using Microtile = llvm::SmallVector<int64_t, 4>;

/// An input of a linalg op on tensors that a mark can stand on.
struct MarkSite {
  /// The op, by its position among the module's linalg ops (walk order,
  /// which a clone of the module keeps).
  unsigned opIndex = 0;
  /// The operand number of the input.
  unsigned operand = 0;
  /// Sites that read the same value share this number.
  unsigned valueId = 0;
  std::string opName, location;
  llvm::SmallVector<int64_t, 4> shape;
};

/// The inputs of `module`'s linalg ops that can be marked: ranked tensors
/// of rank >= 1 with integer, index or float elements and no encoding.
/// `onBuffers` counts the linalg ops on memrefs, which no mark can reach.
std::vector<MarkSite> findMarkSites(mlir::ModuleOp module, unsigned &onBuffers);

/// The micro-tiles to try on an input of `shape`, from `specs`: `ones`
/// (1 x ... x 1), `strips` (32 along one axis, capped by its size, 1
/// elsewhere; one per axis longer than 1), `block` (3 along every axis,
/// capped), or an explicit `AxB...` (for inputs of its rank). Duplicates
/// are dropped.
std::vector<Microtile> candidateMicrotiles(llvm::ArrayRef<int64_t> shape,
                                           llvm::ArrayRef<std::string> specs);

/// Checks `specs`; the first one that is none of the above, or "".
std::string invalidMicrotileSpec(llvm::ArrayRef<std::string> specs);

/// "1x32".
std::string formatMicrotile(llvm::ArrayRef<int64_t> microtile);

/// The input of `site` in `module` (a clone of the one findMarkSites saw),
/// or null.
mlir::OpOperand *findSite(mlir::ModuleOp module, const MarkSite &site);

/// Zeroes a fixed pattern of elements of the value `input` reads, for every
/// user of that value: whole hyperplanes (index % 3 == 1 along each axis)
/// and 4-blocks (sum of block coordinates % 3 == 2), so that micro-tiles of
/// every candidate shape are inactive in some places and active in others,
/// and some index groups are empty.
mlir::LogicalResult zeroSomeTiles(mlir::OpOperand &input);

/// Marks `input` (that use only) with `#spider.sparse<microtile = ...>`
/// through a spider.assume_sparse before its op. Fails, with the
/// verifier's diagnostic, if the op rejects the marked input.
mlir::LogicalResult markInput(mlir::OpOperand &input,
                              llvm::ArrayRef<int64_t> microtile);

/// When `entry` returns values, adds a function that calls it and prints
/// them (printMemref for tensors and memrefs, vector.print for scalars and
/// vectors), and returns that function's name; otherwise returns `entry`.
/// Fails with `error` for an entry with arguments or a result it cannot
/// print.
mlir::FailureOr<std::string>
wrapEntry(mlir::ModuleOp module, llvm::StringRef entry, std::string &error);

} // namespace spider_diff

#endif // SPIDER_TOOLS_SPIDER_DIFF_VARIANTS_H
