//===- SpiderInterfaces.td - Spider interfaces -------------*- tablegen -*-===//

#ifndef SPIDER_DIALECT_SPIDER_IR_SPIDERINTERFACES_TD
#define SPIDER_DIALECT_SPIDER_IR_SPIDERINTERFACES_TD

include "mlir/IR/OpBase.td"

def PermutationInvariantOpInterface
    : OpInterface<"PermutationInvariantOpInterface"> {
  let cppNamespace = "::mlir::spider";
  let description = [{
    An operation over an iteration space is *permutation invariant* along loop
    dimension `d` when permuting the iterations along `d` (the permutation
    applied to every operand indexed by `d`, its inverse to every result indexed
    by `d`) leaves its results unchanged. Along such a dimension the active
    micro-tiles of a sparse operand can be packed densely in any order, which is
    what the PIT transformation relies on.

    Spider attaches this interface to every `linalg` structured op (see
    `registerPermutationInvariantExternalModels`), where a dimension qualifies
    when every indexing map uses it only as a bare dimension, the body never
    reads its position with `linalg.index`, and, for a reduction dimension,
    every result is combined with a commutative and associative operation.
  }];
  let methods = [
    InterfaceMethod<[{
        Returns the loop dimensions along which this operation is permutation
        invariant, in ascending order.
      }],
      "::llvm::SmallVector<int64_t>", "getPermutationInvariantDims">,
  ];
  let extraClassDeclaration = [{
    /// Returns true when this operation is permutation invariant along `dim`.
    bool isPermutationInvariantDim(int64_t dim) {
      return ::llvm::is_contained(getPermutationInvariantDims(), dim);
    }
  }];
}

#endif // SPIDER_DIALECT_SPIDER_IR_SPIDERINTERFACES_TD
