//===- CodegenUtils.h - Builders every Spider lowering shares ---*- C++ -*-===//
//
// The one home of the small builders that Spider's lowerings (to loops, to
// GPU kernels, to runtime calls) all need: declarations of runtime
// functions, constants, and index arithmetic on `index` values. Modelled on
// upstream SparseTensor's Transforms/Utils/CodegenUtils.h.
//
//===----------------------------------------------------------------------===//

#ifndef SPIDER_DIALECT_SPIDER_TRANSFORMS_UTILS_CODEGENUTILS_H
#define SPIDER_DIALECT_SPIDER_TRANSFORMS_UTILS_CODEGENUTILS_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"

namespace mlir::spider {

/// Declares (once) the private function `name` of `type` in `module`, as a
/// runtime entry point, and returns it. With `cInterface`, calls go through
/// MLIR's C interface (`llvm.emit_c_interface`, `_mlir_ciface_` names).
func::FuncOp declareRuntimeFunction(ModuleOp module, StringRef name,
                                    FunctionType type, bool cInterface = false);

/// Index arithmetic at one insertion point: what the lowerings write for
/// tile offsets, extents and counts.
class IndexArith {
public:
  IndexArith(OpBuilder &b, Location loc) : b(b), loc(loc) {}

  Value constant(int64_t value);
  Value add(Value x, Value y);
  Value sub(Value x, Value y);
  Value mul(Value x, Value y);
  Value min(Value x, Value y);
  /// `value` (an index) as an i64, or as an f64.
  Value toI64(Value value);
  Value toF64(Value value);

  /// The extent of the micro-tile of size `tile` that starts at `offset`
  /// along an axis of `extent`: `tile`, clipped at the boundary. Stays the
  /// constant `tile` when the extent is a known multiple of it, so that tile
  /// sizes (and the vector shapes of the kernel) stay static.
  Value tileExtent(Value offset, int64_t tile, Value extent);

private:
  OpBuilder &b;
  Location loc;
};

} // namespace mlir::spider

#endif // SPIDER_DIALECT_SPIDER_TRANSFORMS_UTILS_CODEGENUTILS_H
