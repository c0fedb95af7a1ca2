//===- Passes.td - Spider transformation passes ------------*- tablegen -*-===//

#ifndef SPIDER_DIALECT_SPIDER_TRANSFORMS_PASSES_TD
#define SPIDER_DIALECT_SPIDER_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def SpiderTestPermutationInvariance
    : Pass<"spider-test-permutation-invariance"> {
  let summary = "Annotates every op with its permutation-invariant loop dims";
  let description = [{
    Runs the permutation-invariance analysis on every op that implements
    `PermutationInvariantOpInterface` (every `linalg` structured op once
    Spider's external models are registered, and `spider.pit`) and sets on it
    the attribute `spider.pi_dims`: the ascending list of the loop dimensions
    along which it is permutation invariant, as a `DenseI64ArrayAttr`.

    With `explain`, it also emits a remark for every loop dimension that does
    not qualify, saying why (a compound indexing expression, a `linalg.index`
    read, or a reduction without a commutative, associative combiner).

    Example:

    ```mlir
    // spider-opt --spider-test-permutation-invariance
    %0 = linalg.matmul {spider.pi_dims = array<i64: 0, 1, 2>} ins(...) outs(...)
    ```
  }];
  let options = [
    Option<"explain", "explain", "bool", /*default=*/"false",
           "Emit a remark for each loop dimension that is not permutation "
           "invariant, saying why">,
  ];
}

def SpiderSparsify : Pass<"spider-sparsify"> {
  let summary = "Turns linalg ops with a sparse operand into spider.detect and spider.pit";
  let description = [{
    For every `linalg` op on tensors with an input marked `#spider.sparse`,
    chooses a *pack axis* of that input whose indexing expression is a bare
    loop dimension along which the op is permutation invariant (the *pack
    dim*), and rewrites the op into index construction plus a `spider.pit`
    that holds the original op, the index and the pack dim.

    Among the qualifying axes the one with the smallest micro-tile size wins
    (a `[32, 1]` micro-tile on `A[m, k]` packs along `k`, a `[1, 32]` one
    along `m`); on a tie a reduction dimension is preferred, since nothing
    needs scattering back along it. The index is `spider.detect` of the
    sparse input, or an existing `spider.detect` of the same value with the
    same index type that dominates the op.

    A sparse input qualifies only when skipping the iterations where it is
    zero leaves every result unchanged (see `ZeroSkipping.h`): a reduction
    must then combine its identity (`x + 0`, `x * 1`, `max(x, -inf)`), and an
    element-wise result must already hold what the body yields for zero (its
    initial value is a constant fill of that value).

    Where no rule applies (every axis of every sparse input is indexed by a
    compound expression or by a dimension along which the op is not
    permutation invariant, or an output is marked sparse) the op stays dense
    and a remark says why.

    Example:

    ```mlir
    // Before:
    %c = linalg.matmul ins(%as, %b : tensor<128x256xf32, #spider.sparse<microtile = [32, 1]>>, ...)
    // After:
    %i = spider.detect %as : ... -> !spider.index<microtile = [32, 1], pack_dim = 1>
    %c = spider.pit ins(%as, %b : ...) outs(...) index(%i : ...) sparse_operand = 0 pack_dim = 2 {
      ... linalg.matmul ...
    }
    ```
  }];
  let dependentDialects = ["::mlir::spider::SpiderDialect"];
  let options = [
    Option<"remarks", "remarks", "bool", /*default=*/"true",
           "Emit a remark for each op with a sparse operand that stays dense, "
           "saying why">,
  ];
}

#endif // SPIDER_DIALECT_SPIDER_TRANSFORMS_PASSES_TD
