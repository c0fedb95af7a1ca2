//===- TestPasses.td - Spider's test-only passes -----------*- tablegen -*-===//
//
// Passes that expose analyses to lit tests. Registered by spider-opt only;
// not part of any library that Spider installs.
//
//===----------------------------------------------------------------------===//

#ifndef SPIDER_TEST_LIB_ANALYSIS_TESTPASSES_TD
#define SPIDER_TEST_LIB_ANALYSIS_TESTPASSES_TD

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

#endif // SPIDER_TEST_LIB_ANALYSIS_TESTPASSES_TD
