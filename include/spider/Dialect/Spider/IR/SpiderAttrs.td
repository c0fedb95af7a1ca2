//===- SpiderAttrs.td - Spider attributes ------------------*- tablegen -*-===//

#ifndef SPIDER_DIALECT_SPIDER_IR_SPIDERATTRS_TD
#define SPIDER_DIALECT_SPIDER_IR_SPIDERATTRS_TD

include "spider/Dialect/Spider/IR/SpiderBase.td"
include "mlir/IR/EnumAttr.td"
include "mlir/IR/TensorEncoding.td"

class Spider_Attr<string name, string attrMnemonic, list<Trait> traits = []>
    : AttrDef<Spider_Dialect, name, traits> {
  let mnemonic = attrMnemonic;
}

def Spider_SparseEncodingAttr : Spider_Attr<"SparseEncoding", "sparse",
    [DeclareAttrInterfaceMethods<VerifiableTensorEncoding>]> {
  let summary = "Marks a ranked tensor as dynamically sparse in micro-tiles";
  let description = [{
    The encoding of a ranked tensor whose sparsity is known only at run time.
    `microtile` is the unit of sparsity: a sub-block shape with one positive
    size per dimension of the tensor. A micro-tile is active when any element
    in it is non-zero; micro-tiles at the upper boundary of a dimension that
    is not a multiple of the micro-tile size are partial and read as zeros
    beyond the tensor.

    The encoding changes nothing about the values: removing it gives the same
    program, densely computed.

    Example:

    ```mlir
    #S = #spider.sparse<microtile = [32, 1]>
    %as = spider.assume_sparse %a : tensor<4096x4096xf16> to tensor<4096x4096xf16, #S>
    ```
  }];
  let parameters = (ins ArrayRefParameter<"int64_t", "micro-tile shape">:$microtile);
  let assemblyFormat = "`<` `microtile` `=` custom<IntArray>($microtile) `>`";
  let genVerifyDecl = 1;
}

def Spider_TileConfigAttr : Spider_Attr<"TileConfig", "tile_config"> {
  let summary = "Micro-tile cover and compute-tile shape chosen for a PIT op";
  let description = [{
    The tile configuration of a `spider.pit` computation. `microtile` is the
    micro-tile cover used to build its index (each size a multiple of the
    operand's encoded micro-tile); `compute_tile` is the dense computation tile,
    one positive size per loop dimension of the computation. Tile selection
    sets it; lowering reads it.

    Example:

    ```mlir
    #spider.tile_config<microtile = [32, 1], compute_tile = [64, 64, 32]>
    ```
  }];
  let parameters = (ins
    ArrayRefParameter<"int64_t", "micro-tile cover">:$microtile,
    ArrayRefParameter<"int64_t", "compute-tile shape over loop dims">:$compute_tile);
  let assemblyFormat = [{
    `<` `microtile` `=` custom<IntArray>($microtile) `,`
        `compute_tile` `=` custom<IntArray>($compute_tile) `>`
  }];
  let genVerifyDecl = 1;
}

def Spider_IndexValueAttr : Spider_Attr<"IndexValue", "index_value"> {
  let summary = "The value of a micro-tile index known at compile time";
  let description = [{
    A compile-time micro-tile index, in the layout that run-time indices use.
    `grid` is the number of micro-tiles along each tensor dimension. The tiles
    are grouped by their coordinates along every dimension except the pack
    dimension (row-major over those dimensions); group `g` lists the
    pack-dimension coordinates of its active tiles in
    `positions[offsets[g] .. offsets[g + 1]]`, strictly ascending. `offsets`
    therefore has one entry more than there are groups, starts at 0, never
    decreases and ends at the number of positions.

    Example: a 2x4 grid packed along dimension 1, with tiles (0, 1), (0, 3)
    and (1, 0) active:

    ```mlir
    #spider.index_value<grid = [2, 4], offsets = [0, 2, 3], positions = [1, 3, 0]>
    ```
  }];
  let parameters = (ins
    ArrayRefParameter<"int64_t", "micro-tiles per dimension">:$grid,
    ArrayRefParameter<"int64_t", "group offsets">:$offsets,
    ArrayRefParameter<"int64_t", "pack-dimension positions">:$positions);
  let assemblyFormat = [{
    `<` `grid` `=` custom<IntArray>($grid) `,`
        `offsets` `=` custom<IntArray>($offsets) `,`
        `positions` `=` custom<IntArray>($positions) `>`
  }];
  let genVerifyDecl = 1;
}

def Spider_CombinerKind : I32EnumAttr<"CombinerKind",
    "how scattered values combine with the destination", [
      I32EnumAttrCase<"None", 0, "none">,
      I32EnumAttrCase<"Add", 1, "add">,
      I32EnumAttrCase<"Max", 2, "max">,
      I32EnumAttrCase<"Min", 3, "min">]> {
  let cppNamespace = "::mlir::spider";
}

#endif // SPIDER_DIALECT_SPIDER_IR_SPIDERATTRS_TD
