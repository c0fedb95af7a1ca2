//===- SpiderBase.td - Spider dialect definition -----------*- tablegen -*-===//
//
// The `spider` dialect: run-time (dynamic) sparsity in micro-tiles and the
// permutation-invariant transformation (PIT) that computes on it densely.
//
//===----------------------------------------------------------------------===//

#ifndef SPIDER_DIALECT_SPIDER_IR_SPIDERBASE_TD
#define SPIDER_DIALECT_SPIDER_IR_SPIDERBASE_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"

def Spider_Dialect : Dialect {
  let name = "spider";
  let cppNamespace = "::mlir::spider";
  let summary = "Dynamic sparsity in micro-tiles and permutation-invariant computation";
  let description = [{
    The `spider` dialect models sparsity that is known only at run time (MoE
    routing, ReLU activations, attention masks, graphs) and the
    *permutation-invariant transformation* (PIT) that computes on it at dense
    speed.

    A tensor is marked dynamically sparse with the `#spider.sparse` encoding:
    its unit of sparsity is a fixed *micro-tile* shape, and a micro-tile is
    active when any of its elements is non-zero. Which micro-tiles are active is
    described at run time by a value of type `!spider.index`, built from data
    (`spider.detect`), routing decisions (`spider.route`) or a graph in CSR form
    (`spider.index_from_csr`), or folded to a constant (`spider.index_constant`)
    when the pattern is known at compile time.

    When a computation is permutation invariant along the loop dimension to
    which the index's pack axis maps (see `PermutationInvariantOpInterface`), the
    active micro-tiles can be gathered (`spider.gather`, SRead) into dense
    tiles, computed with dense code and scattered back (`spider.scatter`,
    SWrite) with the same result; `spider.pit` holds such a computation together
    with its index and pack dimension.

    Removing every Spider mark from a program gives the same program, densely
    computed: that is the contract every Spider transformation keeps.
  }];
  let useDefaultAttributePrinterParser = 1;
  let useDefaultTypePrinterParser = 1;
  let hasConstantMaterializer = 1;
  // Folds and canonicalizations create arith constants and tensor casts:
  // loading spider loads their dialects, whatever else the input holds.
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::tensor::TensorDialect"];
  // Discardable `spider.*` attributes (spider.compute_tile) are input too.
  let hasOperationAttrVerify = 1;
  let extraClassDeclaration = [{
    void registerAttributes();
    void registerTypes();
  }];
}

class Spider_Op<string mnemonic, list<Trait> traits = []>
    : Op<Spider_Dialect, mnemonic, traits>;

#endif // SPIDER_DIALECT_SPIDER_IR_SPIDERBASE_TD
