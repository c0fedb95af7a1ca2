//===- SpiderTypes.td - Spider types -----------------------*- tablegen -*-===//

#ifndef SPIDER_DIALECT_SPIDER_IR_SPIDERTYPES_TD
#define SPIDER_DIALECT_SPIDER_IR_SPIDERTYPES_TD

include "spider/Dialect/Spider/IR/SpiderBase.td"

class Spider_Type<string name, string typeMnemonic, list<Trait> traits = []>
    : TypeDef<Spider_Dialect, name, traits> {
  let mnemonic = typeMnemonic;
}

def Spider_IndexType : Spider_Type<"TileIndex", "index"> {
  let summary = "Run-time index of the active micro-tiles of a tensor";
  let description = [{
    Describes which micro-tiles of a tensor are active, in a compressed layout
    grouped by the coordinates of every tensor dimension except `pack_dim`:
    per group, the list of active micro-tile positions along `pack_dim` (group
    offsets plus positions, as in CSR). The rank of the index is the length of
    `microtile`, the rank of the tensor it describes.

    One index type serves every source of sparsity: data (`spider.detect`),
    routing decisions (`spider.route`), graphs (`spider.index_from_csr`) and
    compile-time patterns (`spider.index_constant`). Positions inside a group
    need no order: permutation-invariant computations do not depend on it.

    Example: the index of a matrix with `[32, 1]` micro-tiles whose active
    micro-tiles are listed per block of 32 rows, along the columns:

    ```mlir
    !spider.index<microtile = [32, 1], pack_dim = 1>
    ```
  }];
  let parameters = (ins
    ArrayRefParameter<"int64_t", "micro-tile shape">:$microtile,
    "int64_t":$pack_dim);
  let assemblyFormat = [{
    `<` `microtile` `=` custom<IntArray>($microtile) `,`
        `pack_dim` `=` custom<PackDim>(ref($microtile), $pack_dim) `>`
  }];
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    /// The rank of the tensors this index describes.
    int64_t getRank() const { return getMicrotile().size(); }
  }];
}

#endif // SPIDER_DIALECT_SPIDER_IR_SPIDERTYPES_TD
