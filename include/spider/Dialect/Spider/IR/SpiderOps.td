//===- SpiderOps.td - Spider operations --------------------*- tablegen -*-===//

#ifndef SPIDER_DIALECT_SPIDER_IR_SPIDEROPS_TD
#define SPIDER_DIALECT_SPIDER_IR_SPIDEROPS_TD

include "spider/Dialect/Spider/IR/SpiderBase.td"
include "spider/Dialect/Spider/IR/SpiderAttrs.td"
include "spider/Dialect/Spider/IR/SpiderTypes.td"
include "spider/Dialect/Spider/IR/SpiderInterfaces.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/IR/OpAsmInterface.td"
include "mlir/IR/BuiltinAttributeInterfaces.td"

def Spider_IndexArray : Type<
    CPred<"$_self == ::mlir::RankedTensorType::get({::mlir::ShapedType::kDynamic}, "
          "::mlir::IndexType::get($_self.getContext()))">,
    "tensor<?xindex>", "::mlir::RankedTensorType"> {
  let builderCall = "::mlir::RankedTensorType::get("
                    "{::mlir::ShapedType::kDynamic}, $_builder.getIndexType())";
}

def Spider_AnyRankedIntOrIndexTensor
    : AnyTypeOf<[RankedTensorOf<[AnySignlessInteger, Index]>,
                 MemRefOf<[AnySignlessInteger, Index]>],
                "ranked tensor or memref of signless integer or index values">;

// Index construction reads tensors, or buffers once bufferized.
def Spider_RankedTensorOrMemRef
    : AnyTypeOf<[AnyRankedTensor, AnyMemRef], "ranked tensor or memref">;

//===----------------------------------------------------------------------===//
// Marking sparsity
//===----------------------------------------------------------------------===//

def Spider_AssumeSparseOp : Spider_Op<"assume_sparse", [Pure]> {
  let summary = "Marks a tensor value as dynamically sparse in micro-tiles";
  let description = [{
    Returns `source` unchanged, with the `#spider.sparse` encoding on its type:
    a promise that many of its micro-tiles are zero at run time, which lets
    `spider-sparsify` compute with it through PIT. No data moves. The result
    has the shape and element type of `source`, and `source` carries no Spider
    encoding yet.

    With `index`, the active micro-tiles are known already (from routing
    decisions or a graph, say): the promise is then that every non-zero of
    `source` lies in an active micro-tile of `index`, and PIT uses that index
    instead of scanning the data. The index must have the tensor's rank and a
    micro-tile that covers the encoded one. A broken promise drops the
    non-zeros outside the index, as a sparse format would.

    With `inactive` (and an index), the promise is that every element
    outside the active micro-tiles equals that constant instead of zero:
    masked scores hold `-inf` there. A PIT then skips those iterations only
    where the computation leaves its results unchanged for that value (a
    maximum does, a sum does not). `spider-sparsify` writes such marks on
    results it proves constant outside an index; a user may write them too.

    Example:

    ```mlir
    #S = #spider.sparse<microtile = [32, 1]>
    %as = spider.assume_sparse %a : tensor<128x256xf16> to tensor<128x256xf16, #S>
    %gs = spider.assume_sparse %adj index(%csr : !spider.index<microtile = [1, 1], pack_dim = 1>)
        : tensor<64x64xf32> to tensor<64x64xf32, #spider.sparse<microtile = [1, 1]>>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$source,
                       Optional<Spider_IndexType>:$index,
                       OptionalAttr<TypedAttrInterface>:$inactive);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $source (`index` `(` $index^ `:` qualified(type($index)) `)`)? attr-dict
    `:` type($source) `to` type($result)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    SparseEncodingAttr getEncoding();
  }];
}

//===----------------------------------------------------------------------===//
// Packed sparse values
//===----------------------------------------------------------------------===//

def Spider_FromTilesOp : Spider_Op<"from_tiles", [Pure]> {
  let summary = "A sparse value stored as its active micro-tiles and their index";
  let description = [{
    The tensor that holds tile `i` of `tiles` (shape `[num_active,
    microtile...]`) at the position of the `i`-th active micro-tile of
    `index` (index order: group by group) and zero everywhere else. It is
    `spider.scatter` of the tiles into zeros, but never built: a PIT whose
    sparse operand it is reads each group's tiles straight from `tiles`
    (SRead is a slice), so a sparse value of any dense size costs the
    memory of its active micro-tiles plus the index. Elements of a partial
    micro-tile beyond the shape are not part of the tensor.

    The result carries `#spider.sparse` with the index's micro-tile (without
    it, as in a program whose marks were removed, the op is the dense
    tensor, built by `spider-densify-packed-values`); its dynamic sizes are
    the `sizes` operands, in order. Uses that need the
    dense tensor (anything but the sparse operand of a PIT on the same
    index) get an explicit `spider.scatter` into zeros from
    `spider-densify-packed-values`, with a remark that names the consumer
    and the bytes it costs.

    Example:

    ```mlir
    %a = spider.from_tiles %vals index(%idx : !spider.index<microtile = [1, 1], pack_dim = 1>)
        : tensor<?x1x1xf32> -> tensor<100000x100000xf32, #spider.sparse<microtile = [1, 1]>>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$tiles, Spider_IndexType:$index,
                       Variadic<Index>:$sizes);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $tiles `index` `(` $index `:` qualified(type($index)) `)`
    (`sizes` `(` $sizes^ `)`)? attr-dict `:` type($tiles) `->` type($result)
  }];
  let hasVerifier = 1;
}

def Spider_FromCsrOp : Spider_Op<"from_csr", [Pure]> {
  let summary = "A sparse matrix from its CSR arrays, values included, never dense";
  let description = [{
    The `[rows, num_columns]` matrix whose row `r` holds `values[e]` at
    column `columns[e]` for `e` in `row_offsets[r] .. row_offsets[r + 1]`,
    and zero elsewhere: a graph's weighted adjacency, a pruned weight. The
    result is a packed sparse value (`spider.from_tiles` of the values, one
    `[1, 1]` micro-tile per entry, with the index of
    `spider.index_from_csr`): no `rows x num_columns` tensor exists, and a
    PIT over it (a GNN aggregation `A X`) reads the values in place. Memory
    is O(rows + entries).

    Columns must be strictly increasing within each row (canonical CSR:
    the order of the index). The run time checks it, and the offsets and
    column range as for `spider.index_from_csr`, and stops with a message
    that names the row otherwise. `spider-decompose-aggregated-ops` expands
    the op. Without the mark on its result it is the dense matrix.

    Example:

    ```mlir
    %a = spider.from_csr %offsets, %cols, %vals, num_columns = %n
        : tensor<100001xi64>, tensor<?xi64>, tensor<?xf32>
        -> tensor<100000x100000xf32, #spider.sparse<microtile = [1, 1]>>
    ```
  }];
  let arguments = (ins Spider_AnyRankedIntOrIndexTensor:$row_offsets,
                       Spider_AnyRankedIntOrIndexTensor:$columns,
                       AnyRankedTensor:$values,
                       Index:$num_columns);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $row_offsets `,` $columns `,` $values `,` `num_columns` `=` $num_columns
    attr-dict `:` type($row_offsets) `,` type($columns) `,` type($values)
    `->` type($result)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Building indices
//===----------------------------------------------------------------------===//

def Spider_DetectOp : Spider_Op<"detect", [Pure]> {
  let summary = "Builds the index of the active micro-tiles of a tensor (from data)";
  let description = [{
    Scans `input` once and returns the index of its active micro-tiles: a
    micro-tile of the index's shape is active when any of its elements is
    non-zero (true, for `i1`). The index groups active micro-tiles by their
    coordinates along every dimension but `pack_dim`.

    The index's micro-tile must have the rank of `input`; when `input` carries
    a `#spider.sparse` encoding, each index micro-tile size must be a multiple
    of the encoded one (a cover of it). Detecting on a constant folds to
    `spider.index_constant`. One-shot bufferization turns a tensor `input`
    into its buffer, read in place.

    Example:

    ```mlir
    %idx = spider.detect %as : tensor<128x256xf16, #spider.sparse<microtile = [32, 1]>>
                            -> !spider.index<microtile = [32, 1], pack_dim = 1>
    ```
  }];
  let arguments = (ins Spider_RankedTensorOrMemRef:$input);
  let results = (outs Spider_IndexType:$index);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` qualified(type($index))";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Spider_RouteOp : Spider_Op<"route", [Pure]> {
  let summary = "Builds an index from routing decisions (e.g. expert ids per token)";
  let description = [{
    Builds the index of a `[tokens, num_experts]` assignment matrix from the
    integer routing decisions in `ids`: `ids[t]` (rank 1) or `ids[t, j]` for
    each of the `k` choices of token `t` (rank 2) is an expert in
    `[0, num_experts)`; a negative id means "no expert" and is skipped. The
    index is packed along the tokens (`pack_dim = 0`) and grouped by expert,
    so that each expert's tokens can be gathered densely. Its micro-tile is
    `[token_block, 1]`.

    Routing ids out of range are reported at run time with a clear error. On
    constant ids the op folds to `spider.index_constant`. `ids` may be a
    buffer once bufferized.

    Example:

    ```mlir
    %idx = spider.route %ids to 8 experts
        : tensor<128x2xi32> -> !spider.index<microtile = [1, 1], pack_dim = 0>
    ```
  }];
  let arguments = (ins Spider_AnyRankedIntOrIndexTensor:$ids,
                       ConfinedAttr<I64Attr, [IntPositive]>:$num_experts);
  let results = (outs Spider_IndexType:$index);
  let assemblyFormat = [{
    $ids `to` $num_experts `experts` attr-dict `:` type($ids) `->` qualified(type($index))
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Spider_IndexFromCsrOp : Spider_Op<"index_from_csr", [Pure]> {
  let summary = "Builds an index from a graph or matrix in CSR form";
  let description = [{
    Builds the index of a `[rows, num_columns]` matrix whose non-zeros are
    given in CSR form: row `r` has the columns
    `columns[row_offsets[r] .. row_offsets[r + 1]]`. The index is grouped by
    blocks of rows and packed along the columns (`pack_dim = 1`); its
    micro-tile `[row_block, column_block]` sets the block sizes. For a GNN
    layer, rows are destination vertices and columns their source vertices.

    `row_offsets` has one entry more than there are rows; offsets that
    decrease and columns outside `[0, num_columns)` are reported at run time
    with a clear error. With `sorted_columns` (what `spider.from_csr`
    builds), so are columns that do not strictly increase within a row. On constant operands the op folds to
    `spider.index_constant`. The arrays may be buffers once bufferized.

    Example:

    ```mlir
    %idx = spider.index_from_csr %offsets, %cols, num_columns = %n
        : tensor<1025xindex>, tensor<?xindex>
        -> !spider.index<microtile = [1, 1], pack_dim = 1>
    ```
  }];
  let arguments = (ins Spider_AnyRankedIntOrIndexTensor:$row_offsets,
                       Spider_AnyRankedIntOrIndexTensor:$columns,
                       Index:$num_columns,
                       UnitAttr:$sorted_columns);
  let results = (outs Spider_IndexType:$index);
  let assemblyFormat = [{
    $row_offsets `,` $columns `,` `num_columns` `=` $num_columns attr-dict
    `:` type($row_offsets) `,` type($columns) `->` qualified(type($index))
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Spider_IndexConstantOp : Spider_Op<"index_constant",
    [ConstantLike, Pure]> {
  let summary = "An index known at compile time";
  let description = [{
    Materializes a compile-time index (for example a static, tile-wise sparse
    weight pattern). The value is a `#spider.index_value`, written without its
    `#spider.index_value` prefix. Index-building ops on constant operands fold to it.
    The value's grid must have the rank of the index type, and its positions
    must lie inside the grid along the type's `pack_dim`.

    Example:

    ```mlir
    %idx = spider.index_constant
        <grid = [2, 4], offsets = [0, 2, 3], positions = [1, 3, 0]>
        : !spider.index<microtile = [32, 1], pack_dim = 1>
    ```
  }];
  let arguments = (ins Spider_IndexValueAttr:$value);
  let results = (outs Spider_IndexType:$index);
  let assemblyFormat = "$value attr-dict `:` qualified(type($index))";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Spider_IndexArraysOp : Spider_Op<"index_arrays", [Pure]> {
  let summary = "Reads the compressed layout of an index as two tensors";
  let description = [{
    Returns the group offsets (one more than there are groups) and the
    pack-dimension positions of the active micro-tiles of `index`, as 1-D
    `index` tensors: group `g` lists its positions in
    `positions[offsets[g] .. offsets[g + 1]]`, ascending. PIT lowering reads
    indices through this op; on `spider.index_constant` it canonicalizes to
    constants.

    Example:

    ```mlir
    %offsets, %positions = spider.index_arrays %idx
        : !spider.index<microtile = [32, 1], pack_dim = 1>
    ```
  }];
  let arguments = (ins Spider_IndexType:$index);
  let results = (outs Spider_IndexArray:$offsets,
                      Spider_IndexArray:$positions);
  let assemblyFormat = "$index attr-dict `:` qualified(type($index))";
  let hasCanonicalizer = 1;
}

def Spider_IndexNonZerosOp : Spider_Op<"index_nonzeros", [Pure]> {
  let summary = "The number of non-zero elements an index was built from";
  let description = [{
    Returns how many non-zero elements (`spider.detect`), routing decisions
    (`spider.route`) or edges (`spider.index_from_csr`) the index was built
    from, or -1 when that is unknown (a constant index). With the number of
    active micro-tiles it gives the *cover* of the index: active micro-tile
    elements over true non-zeros, the work PIT spends on zeros. Profiling
    reads it.

    Example:

    ```mlir
    %nnz = spider.index_nonzeros %idx : !spider.index<microtile = [32, 1], pack_dim = 1>
    ```
  }];
  let arguments = (ins Spider_IndexType:$index);
  let results = (outs Index:$nonzeros);
  let assemblyFormat = "$index attr-dict `:` qualified(type($index))";
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// SRead / SWrite
//===----------------------------------------------------------------------===//

def Spider_GatherOp : Spider_Op<"gather", [Pure]> {
  let summary = "SRead: gathers the active micro-tiles of a tensor into a dense list";
  let description = [{
    Gathers every active micro-tile of `source` named by `index`, in index
    order (group by group), into a dense tensor of shape
    `[num_active, microtile...]`. Elements of a partial micro-tile that lie
    beyond `source` read as zero.

    The index must have the rank of `source`, the result's trailing sizes must
    be the index's micro-tile, and the element types must agree.

    Example:

    ```mlir
    %tiles = spider.gather %a[%idx] : tensor<128x256xf32>, !spider.index<microtile = [32, 1], pack_dim = 1>
                                    -> tensor<?x32x1xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$source, Spider_IndexType:$index);
  let results = (outs AnyRankedTensor:$tiles);
  let assemblyFormat = [{
    $source `[` $index `]` attr-dict `:` type($source) `,` qualified(type($index))
    `->` type($tiles)
  }];
  let hasVerifier = 1;
}

def Spider_ScatterOp : Spider_Op<"scatter",
    [Pure, AllTypesMatch<["dest", "result"]>]> {
  let summary = "SWrite: scatters a dense list of micro-tiles back into a tensor";
  let description = [{
    The inverse of `spider.gather`: writes tile `i` of `tiles` (shape
    `[num_active, microtile...]`) to the position of the `i`-th active
    micro-tile of `index` in `dest`, combining it with what is there:
    `none` overwrites, `add` adds, `max` and `min` keep the larger or smaller
    value. Elements of a partial micro-tile beyond `dest` are dropped;
    inactive micro-tiles keep `dest`'s values.

    Scattering, with `combiner(none)`, the tiles gathered from `dest` with the
    same index folds to `dest`.

    Example:

    ```mlir
    %r = spider.scatter %tiles into %c[%idx] combiner(add)
        : tensor<?x32x1xf32>, !spider.index<microtile = [32, 1], pack_dim = 1>
        -> tensor<128x256xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$tiles, AnyRankedTensor:$dest,
                       Spider_IndexType:$index,
                       Spider_CombinerKind:$combiner);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $tiles `into` $dest `[` $index `]` `combiner` `(` $combiner `)` attr-dict
    `:` type($tiles) `,` qualified(type($index)) `->` type($result)
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// PIT
//===----------------------------------------------------------------------===//

def Spider_YieldOp : Spider_Op<"yield",
    [Pure, Terminator, HasParent<"PitOp">]> {
  let summary = "Yields the results of a `spider.pit` body";
  let description = [{
    Terminates the body of `spider.pit` and yields its results, one per
    `outs` operand and of the same type.

    Example:

    ```mlir
    spider.yield %r : tensor<128x64xf32>
    ```
  }];
  let arguments = (ins Variadic<AnyType>:$values);
  let assemblyFormat = "attr-dict ($values^ `:` type($values))?";
}

def Spider_PitOp : Spider_Op<"pit", [
    AttrSizedOperandSegments, IsolatedFromAbove, SingleBlock,
    RecursiveMemoryEffects,
    DeclareOpInterfaceMethods<PermutationInvariantOpInterface>]> {
  let summary = "A computation run by the permutation-invariant transformation";
  let description = [{
    Holds a computation (its body: constants, one permutation-invariant op,
    typically a `linalg` op, and `spider.yield`) together with the index of its sparse
    operand and the loop dimension along which the index's active micro-tiles
    are packed (`pack_dim`). Lowering gathers the active micro-tiles of operand
    `sparse_operand` (SRead), runs the body densely on compute tiles, and
    scatters results indexed by `pack_dim` back (SWrite); when `pack_dim` is a
    reduction dimension nothing needs scattering.

    The body may also hold a *chain*: several `linalg` ops run on the same
    index, each reading the results of earlier ones (`spider-fuse-pit-chains`
    builds chains from PITs that share an index, with the elementwise ops
    between them). The first computation, the head, reads the sparse operand
    and `pack_dim` is its loop dimension; intermediates are inputs of later
    computations and never exist densely: each group is gathered once, runs
    through every computation on its packed tiles, and is scattered once.
    Inits of chained computations are `spider.pit` outputs or built in the
    body (`tensor.empty`, or a `linalg.fill` of a scalar into one), and are
    then built at the packed size. Values are yielded by computations that
    read the sparse operand, whose skipped iterations leave their inits
    unchanged.

    The body's block arguments stand for `ins` then `outs`, with the same
    types; it is isolated from above, so values the computation's own region
    captures are extra `ins` (after the computation's inputs) or constants
    inside the body. The results have the types of `outs`. Canonicalization
    moves a `tensor.cast` of an input's block argument (its only use) out
    of the body, onto the input, and one of an output's whose result the
    yield casts back, onto the output (the result is cast back after the
    op): upstream's canonicalization of linalg ops casts operands to the
    static shapes it infers.
    The verifier checks that `pack_dim` is a loop dimension of the body's
    computation along which it is permutation invariant, that the sparse
    operand's indexing map sends the index's pack axis to exactly that loop
    dimension, and that the index has the sparse operand's rank.

    `tile_config`, when present, is the tile configuration chosen for this
    computation. `dense_threshold`, when present, is the index density (active
    micro-tiles over all micro-tiles, in `[0, 1]`) above which the computation
    runs densely instead: the choice is made at run time, once the index
    exists.

    Example:

    ```mlir
    %r = spider.pit ins(%as, %b : tensor<128x256xf32, #S>, tensor<256x64xf32>)
                    outs(%c : tensor<128x64xf32>)
                    index(%idx : !spider.index<microtile = [32, 1], pack_dim = 1>)
                    sparse_operand = 0 pack_dim = 2 {
    ^bb0(%x: tensor<128x256xf32, #S>, %y: tensor<256x64xf32>, %z: tensor<128x64xf32>):
      %m = linalg.matmul ins(%x, %y : tensor<128x256xf32, #S>, tensor<256x64xf32>)
                         outs(%z : tensor<128x64xf32>) -> tensor<128x64xf32>
      spider.yield %m : tensor<128x64xf32>
    } -> tensor<128x64xf32>
    ```
  }];
  let arguments = (ins Variadic<AnyType>:$inputs,
                       Variadic<AnyRankedTensor>:$outputs,
                       Spider_IndexType:$index,
                       ConfinedAttr<I64Attr, [IntNonNegative]>:$sparse_operand,
                       ConfinedAttr<I64Attr, [IntNonNegative]>:$pack_dim,
                       OptionalAttr<Spider_TileConfigAttr>:$tile_config,
                       OptionalAttr<F64Attr>:$dense_threshold);
  let results = (outs Variadic<AnyRankedTensor>:$results);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    (`ins` `(` $inputs^ `:` type($inputs) `)`)?
    `outs` `(` $outputs `:` type($outputs) `)`
    `index` `(` $index `:` qualified(type($index)) `)`
    `sparse_operand` `=` $sparse_operand `pack_dim` `=` $pack_dim
    attr-dict-with-keyword custom<PitBody>($body) (`->` type($results)^)?
  }];
  let hasVerifier = 1;
  let hasRegionVerifier = 1;
  let hasCanonicalizer = 1;
  let extraClassDeclaration = [{
    /// The computation of the body: its only one, or the head of a chain
    /// (the first); null if there is none.
    ::mlir::Operation *getComputation();
    /// Every computation of the body in order: the ops that are neither
    /// constants nor init builders (see isPitInitBuilder).
    ::llvm::SmallVector<::mlir::Operation *> getComputations();
    /// Whether the body holds more than one computation.
    bool isChain() { return getComputations().size() > 1; }
    /// The checks of a chain's structure (verifyRegions calls it).
    ::mlir::LogicalResult verifyChain();
    /// The operand whose sparsity `index` describes.
    ::mlir::Value getSparseValue() {
      return getOperation()->getOperand(getSparseOperand());
    }
    /// The operand of the computation that reads the sparse operand (its
    /// block argument; the verifier allows only one); null if none does.
    ::mlir::OpOperand *getSparseUse();
    /// No operand is a buffer. (spider.pit is not a
    /// DestinationStyleOpInterface op: upstream folds of tensor.cast into
    /// such ops retype their operands but not the tensor block arguments
    /// of a body like this one.)
    bool hasPureTensorSemantics() {
      return ::llvm::none_of(getOperandTypes(),
                             ::llvm::IsaPred<::mlir::BaseMemRefType>);
    }
  }];
}

//===----------------------------------------------------------------------===//
// MoE gating
//===----------------------------------------------------------------------===//

def Spider_DtsGateOp : Spider_Op<"dts_gate", [Pure,
    AllTypesMatch<["logits", "weights"]>,
    TypesMatchWith<"tau has the element type of logits", "logits", "tau",
                   "::llvm::cast<::mlir::ShapedType>($_self).getElementType()">]> {
  let summary = "Dense-to-sparse (DTS) gate for mixture-of-experts routing";
  let description = [{
    Computes `G = softmax(logits / tau)` over the experts (the last dimension
    of `logits`, shaped `[tokens, experts]`) and keeps, for each token, every
    expert whose probability exceeds `threshold`, and at least the `min_k`
    most probable ones. Returns `G` with zeros for the experts not kept. As the
    temperature `tau` decays over training, routing drifts from dense (all
    experts) to sparse; a `spider.detect` of the weights with micro-tile
    `[1, 1]` and `pack_dim = 0` is the routing index.

    `tau` is a run-time value of the logits' element type; `threshold` lies in
    `[0, 1]`; `min_k` is at least 1 and at most the number of experts.

    Example:

    ```mlir
    %w = spider.dts_gate %logits tau(%tau) threshold(0.1) min_k(1)
        : tensor<128x8xf32> -> tensor<128x8xf32>
    ```
  }];
  let arguments = (ins RankedTensorOf<[AnyFloat]>:$logits, AnyFloat:$tau,
                       F64Attr:$threshold,
                       ConfinedAttr<I64Attr, [IntPositive]>:$min_k);
  let results = (outs RankedTensorOf<[AnyFloat]>:$weights);
  let assemblyFormat = [{
    $logits `tau` `(` $tau `)` `threshold` `(` $threshold `)` `min_k` `(` $min_k `)`
    attr-dict `:` type($logits) `->` type($weights)
  }];
  let hasVerifier = 1;
}

#endif // SPIDER_DIALECT_SPIDER_IR_SPIDEROPS_TD
