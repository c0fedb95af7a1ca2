//===- Passes.td - Spider transformation passes ------------*- tablegen -*-===//

#ifndef SPIDER_DIALECT_SPIDER_TRANSFORMS_PASSES_TD
#define SPIDER_DIALECT_SPIDER_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def SpiderSparsify : Pass<"spider-sparsify"> {
  let summary = "Turns linalg ops with a sparse operand into spider.detect and spider.pit";
  let description = [{
    For every `linalg` op on tensors with an input marked `#spider.sparse`,
    chooses a *pack axis* of that input whose indexing expression is a bare
    loop dimension along which the op is permutation invariant (the *pack
    dim*), and rewrites the op into index construction plus a `spider.pit`
    that holds the original op, the index and the pack dim.

    Among the qualifying axes, those holding more than one micro-tile come
    first; then the one with the smallest micro-tile size wins (a `[32, 1]`
    micro-tile on `A[m, k]` packs along `k`, a `[1, 32]` one along `m`); on
    a tie a reduction dimension is preferred, since nothing needs scattering
    back along it. A group of the index is later sliced along the sparse
    input's other axes, so an axis read through a compound expression (a
    convolution window, `oh + kh`) gets an index micro-tile spanning its
    whole static extent (a channel-sparse input `[1, 1, 1, 8]` of a 3x3
    convolution gets the index `[1, H, W, 8]`). Each operand of the op gets
    its own block argument in the `spider.pit`, even when one value feeds
    several (`matmul(%a, %a)`); only the chosen one is the sparse operand.
    The index is the one the sparse input
    was marked with (`spider.assume_sparse ... index(...)`, which also fixes
    the pack axis), or else `spider.detect` of the sparse input, reusing an
    existing `spider.detect` of the same value and index type that dominates
    the op.

    A sparse input qualifies only when skipping the iterations where it is
    zero leaves every result unchanged (see `ZeroSkipping.h`): a reduction
    must then combine its identity (`x + 0`, `x * 1`, `max(x, -inf)`), and an
    element-wise result must already hold what the body yields for zero (its
    initial value is a constant fill of that value). Inputs that are
    constants (the zero points of `linalg.quantized_matmul`, a splat) are
    known values in that evaluation.

    A result of a new `spider.pit` whose init is a zero fill and whose
    indexing map is the sparse input's is zero outside the index's active
    micro-tiles (every iteration that writes such a position was skipped),
    so it is sparse with that index: a linalg op that reads it and has no
    sparse input of its own reads it through `spider.assume_sparse %r
    index(%i)`, written by the pass, when it then qualifies for PIT too (a
    remark says so). That is how the exponentials of a masked softmax reach
    the product with V as a sparse operand on the mask's index, and
    `spider-fuse-pit-chains` then runs the whole attention on packed rows.

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

def SpiderSelectTiles : Pass<"spider-select-tiles"> {
  let summary = "Chooses the micro-tile cover and compute tile of each spider.pit";
  let description = [{
    The target's cost model (`CostModel/TileCostModel.h`) sets,
    on every `spider.pit`, a `tile_config` and a `dense_threshold`:

    * the *micro-tile cover*: a PIT group hands the dense kernel as many rows
      as its micro-tile spans along parallel box dimensions; a `[1, 1]`
      micro-tile feeds it single rows, at a fraction of its speed. Covering
      `c` micro-tiles at once raises that efficiency but also the share of
      active tiles, `1 - (1 - p)^c` for a density `p` (`assumed-density`).
      The cover minimizing `density / efficiency` wins; it replaces the
      index when the index is detected from data (a known index is kept);
    * the *compute tile*: the database's register tile over (m, n, k) for
      contractions, its vector width along the innermost loop otherwise;
    * the *dense fallback*: since density is known only at run time,
      `dense_threshold` is the database's density above which dense
      execution is faster; the lowering compares the index against it.

    Example:

    ```mlir
    // spider.pit ... index(%i : !spider.index<microtile = [1, 1], pack_dim = 1>)
    // becomes
    // spider.pit ... index(%i4 : !spider.index<microtile = [4, 1], pack_dim = 1>)
    //   attributes {dense_threshold = 4.5e-01 : f64,
    //               tile_config = #spider.tile_config<microtile = [4, 1],
    //                                                 compute_tile = [4, 64, 4]>}
    ```
  }];
  let options = [
    Option<"target", "target", "::mlir::spider::Target",
           /*default=*/"::mlir::spider::Target::CPU",
           "The target whose tile database decides (cpu, gpu or an sm_ "
           "architecture)", [{::llvm::cl::values(SPIDER_TARGET_CL_VALUES)}]>,
    Option<"cpuIsa", "cpu-isa", "::mlir::spider::CpuIsa",
           /*default=*/"::mlir::spider::CpuIsa::Host",
           "With target=cpu, the vector ISA whose tiles are chosen (host: "
           "the CPU the pass runs on)",
           [{::llvm::cl::values(SPIDER_CPU_ISA_CL_VALUES)}]>,
    Option<"tileDatabase", "tile-database", "std::string", /*default=*/"",
           "With target=cpu, a tile database file measured on the host "
           "(bench/spider-tune.sh) in place of the built-in table of the "
           "ISA">,
    Option<"assumedDensity", "assumed-density", "double", /*default=*/"0.1",
           "The micro-tile density the cover is chosen for">,
    Option<"denseFallback", "dense-fallback", "bool", /*default=*/"true",
           "Set dense_threshold, so that dense inputs run densely">,
  ];
}

def SpiderFusePitChains : Pass<"spider-fuse-pit-chains"> {
  let summary = "Fuses spider.pit ops on one index, and the element-wise ops between them, into one chain";
  let description = [{
    A `spider.pit` (the consumer) whose input is computed by another
    `spider.pit` (the producer) on the same sparse value and micro-tile,
    directly or through element-wise `linalg` ops (every loop parallel, one
    result, inits built from constants), becomes one `spider.pit` whose body
    holds the chain: the producer's computation, the element-wise ops and
    the consumer's computation. Lowered, each group of the index is gathered
    once, runs through every computation on its packed tiles, and is
    scattered once: the intermediates exist only per group, at the size of
    its active micro-tiles, never densely. For a mixture-of-experts FFN
    (expert matmul, activation, expert matmul, routing weights marked
    sparse), the routed tokens of each expert are gathered once and added
    into the output once.

    Chains need not be lines. A producer's result read by several later
    ops (the scores of an attention, read by the row maxima and the
    exponentials) stays a result of the fused op until the last of them is
    fused, and a consumer may read several results of the producer. The
    consumer's sparse operand may itself be the producer's result, marked
    sparse with the same index by `spider-sparsify`. For attention written
    as SDDMM, row maxima, exponentials, row sums and the product with V,
    the five become one `spider.pit`: each query row gathers its keys once
    and every step runs on the packed row; only the row sums and the
    output are yielded.

    Why this is sound: the consumer skips every iteration where the sparse
    value is zero (that is what made it a PIT), so it reads the
    intermediate only at the active micro-tiles, which are exactly those
    its group computes. Every element-wise op on the chain must have that
    one use, other readers of the producer's results must come after the
    consumer, the producer's outputs that are not kept must be built from a
    constant (`linalg.fill` into `tensor.empty`; their inactive positions
    are never read), and a result read later must be complete within a
    group (no box dimension summed away).

    It runs before `spider-select-tiles`, which chooses one cover per
    chain (a cover chosen per PIT could keep two PITs of a chain apart).
    When the two pack along different axes of the sparse value, the
    consumer moves to the producer's index if it is permutation invariant
    along the loop that reads the producer's pack axis. A fused chain has no
    `dense_threshold`: its dense form would materialize the intermediates,
    and at full density each group is a dense tile computation anyway.
    Chains that cannot be lowered through PIT are left unfused, with a
    remark that says why.

    Example:

    ```mlir
    %h = spider.pit ins(%g, %x, %w1 ...) outs(%zero_h ...) index(%i ...) {...}
    %a = linalg.generic ... ins(%h ...) { maximumf ... }   // ReLU
    %y = spider.pit ins(%g, %a, %w2 ...) outs(%zero_y ...) index(%i ...) {...}
    // becomes one spider.pit over %g, %x, %w1, %w2 into %zero_y whose body
    // computes %h, %a and %y; %h and %a are built in the body.
    ```
  }];
  let dependentDialects = [
    "::mlir::linalg::LinalgDialect", "::mlir::tensor::TensorDialect",
  ];
}

def SpiderFusePitEpilogues : Pass<"spider-fuse-pit-epilogues"> {
  let summary = "Runs element-wise ops on spider.pit results inside the "
                "spider.pit, per group";
  let description = [{
    An element-wise `linalg` op (every loop parallel, one result, its init
    built from a constant, its body reading constants only) whose inputs
    are all results of `spider.pit` ops on one index and one sparse value
    becomes part of them: one `spider.pit` whose body holds their
    computations and then the element-wise op, which runs per group on the
    group's box, right after the group's own computation. The PITs'
    results it was the only reader of are built inside and never exist
    densely. Several PITs on one index (siblings: a GNN's neighbour sum
    and degree, divided by the mean) become one: each group is gathered
    once for all of them.

    Why this is sound: where no group writes, each PIT's result is its
    output's initial value (that is what skipping the inactive micro-tiles
    means), so the element-wise op's value there is its body evaluated on
    those inits. Each PIT output it reads must therefore start as a
    `linalg.fill` of a constant, and the body must fold on those constants
    (`select(d > 0, s / d, 0)` at `s = d = 0` is 0; the max aggregation's
    `select(m == -inf, 0, m)` at `-inf` is 0); the fused op's output starts
    as the folded value. The lowering's own checks then apply: a result
    the op reads per group must be complete within its group (an MoE
    expert's output, summed over the experts' groups, is not), else the
    op is left alone with a remark that says why.

    The fused op keeps the first PIT's `dense_threshold`: its dense form
    materializes exactly what the unfused program did. The CPU pipeline
    runs this pass after `spider-select-tiles` (under `fuse-chains`); the
    GPU pipeline does not, as its tile kernels take one computation.

    Example:

    ```mlir
    %s = spider.pit ins(%a, %x ...) outs(%zero_vf ...) index(%i ...) {...}
    %d = spider.pit ins(%a ...) outs(%zero_v ...) index(%i ...) {...}
    %m = linalg.generic ... ins(%s, %d ...) outs(%empty ...) { s / d }
    // becomes one spider.pit over %a, %x into a fill of 0 (0/0 selected
    // away) whose body computes %s, %d and %m per group.
    ```
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def SpiderLowerPitToLoops : Pass<"spider-lower-pit-to-loops"> {
  let summary = "Lowers spider.pit to scf loops over index groups with SRead and SWrite (CPU and GPU)";
  let description = [{
    Rewrites every `spider.pit` on tensors into a loop over the groups of its
    index (`spider.index_arrays`). For each group with active micro-tiles:

    * the loop box is the group's micro-tile along every non-pack axis of the
      sparse operand (clipped at the tensor's boundary), the whole range along
      every other loop dimension and along axes one micro-tile spans; an
      operand axis read through a window over box dimensions
      (`oh * s + kh * d`) is sliced from the window's start at the box to
      its end;
    * SRead: every operand indexed by the pack dim is gathered along that
      axis, active micro-tile after active micro-tile, into a dense tensor
      (`linalg.copy` of each micro-tile; a partial micro-tile at the boundary
      contributes only its real extent), every other operand is sliced to the
      box;
    * the original computation runs densely on these tiles (a clone of the
      linalg op, which later tiling and vectorization turn into a vector
      micro-kernel);
    * SWrite: results indexed by the pack dim are scattered back micro-tile by
      micro-tile; the others are inserted back at the box (when the pack dim
      is a reduction dimension nothing needs scattering).

    With `dense_threshold`, the lowering also emits the dense computation and
    chooses at run time: densely when the index density exceeds the
    threshold, through PIT otherwise. A `spider.pit` is lowered densely,
    with a remark, when a non-pack axis of its sparse operand is read
    through a compound expression that its micro-tile does not span, when a
    box dimension appears in an expression other than a sum with
    non-negative coefficients, or when an operand reads the pack dimension
    on two axes.

    With `parallel-groups`, the loop is an `scf.forall` over the groups
    when each group writes only its own box of every output: no result is
    indexed by the pack dimension, and every axis of the group's box indexes
    each output. Each group then ends in `tensor.parallel_insert_slice`, and
    after bufferization `spider-cpu-pipeline{threads=N}` runs the groups on
    OpenMP threads, handed out in balanced chunks
    (`spider-schedule-openmp-loops`). Results scatter-added along the pack
    axis (MoE's token rows, which two experts may share) run in two phases:
    an `scf.forall` computes each group's contribution from zero into its
    own rows of a packed tensor (the active rows only), then an ordered
    loop scatter-adds them into the output, in the one-phase loop's order.
    Any other PIT keeps the ordered loop, and its computations' blocks run
    in parallel instead.

    Example:

    ```mlir
    // spider.pit ... sparse_operand = 0 pack_dim = 2 { linalg.matmul ... }
    // becomes
    %offsets, %positions = spider.index_arrays %idx : !spider.index<...>
    %r = scf.for %g = %c0 to %groups step %c1 iter_args(%acc = %c) -> ... {
      // gather A's active columns and B's matching rows, matmul, insert
    }
    ```
  }];
  let options = [
    Option<"profile", "profile", "bool", /*default=*/"false",
           "Call libspider_runtime's profiler around every spider.pit (time, "
           "density, cover, executed and dense-equivalent FLOPs); the "
           "module's spider.profile_names attribute names the records">,
    Option<"parallelGroups", "parallel-groups", "bool", /*default=*/"false",
           "Loop over the groups with scf.forall where every group writes "
           "its own box of every output, or computes a scatter-add along "
           "the pack axis from zero (then an ordered loop adds the groups' "
           "packed rows in); not for a spider.pit nested in another one or "
           "in a parallel loop, and for own boxes not with `profile`">,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::func::FuncDialect",
    "::mlir::linalg::LinalgDialect", "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def SpiderDensifyPackedValues : Pass<"spider-densify-packed-values"> {
  let summary = "Builds the dense form of a packed sparse value where a consumer needs it, with a remark";
  let description = [{
    A packed sparse value (`spider.from_tiles`, and `spider.from_csr` once
    expanded) is read in place by the PITs on its index: PIT lowering
    slices each group's tiles. Any other use (an op that stayed dense, a
    return, a PIT on another index) needs the dense tensor. This pass,
    which runs after `spider-lower-pit-to-loops`, builds it for those uses
    only, as `spider.scatter` of the tiles into zeros, and emits a remark
    that names the consumers and the size of the dense tensor. `tensor.dim`
    of a packed value reads its sizes and needs nothing.

    Example:

    ```mlir
    %a = spider.from_tiles %t index(%i : !I) : tensor<?x1x1xf32> -> tensor<4x4xf32, #S>
    %r = "some.op"(%a)
    // becomes (remark: densified for 'some.op', ...: a 4x4 tensor of f32 (64 bytes))
    %z = linalg.fill ins(%c0 : f32) outs(%e : tensor<4x4xf32, #S>)
    %d = spider.scatter %t into %z[%i] combiner(none) : ...
    %r = "some.op"(%d)
    ```
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def SpiderLowerGatherScatter : Pass<"spider-lower-gather-scatter"> {
  let summary = "Lowers spider.gather and spider.scatter to loops over the index";
  let description = [{
    Rewrites SRead (`spider.gather`) and SWrite (`spider.scatter`) on tensors
    into a loop over the groups of the index and, inside, over each group's
    active positions: every micro-tile is sliced out of the source (clipped
    at the boundary; the rest of the tile stays zero) into the tile list, or
    out of the tile list and combined into the destination (`none`
    overwrites, `add`, `max` and `min` combine element-wise).

    Example:

    ```mlir
    %t = spider.gather %a[%i] : tensor<100x70xf32>, !spider.index<...> -> tensor<?x32x1xf32>
    // becomes a zero-filled tensor<?x32x1xf32> and two nested scf.for loops
    // of tensor.extract_slice / tensor.insert_slice
    ```
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::linalg::LinalgDialect",
    "::mlir::scf::SCFDialect", "::mlir::tensor::TensorDialect",
  ];
}

def SpiderLowerDtsGate : Pass<"spider-lower-dts-gate"> {
  let summary = "Lowers spider.dts_gate to linalg on tensors";
  let description = [{
    Rewrites `spider.dts_gate` into `linalg.generic` ops: the row maximum and
    sum of a softmax of `logits / tau` over the experts, the probabilities,
    each expert's rank among its token's experts (ties broken by expert
    number), and the weights: the probability where it exceeds `threshold`
    or the rank is below `min_k`, zero elsewhere.

    Example:

    ```mlir
    %w = spider.dts_gate %logits tau(%tau) threshold(0.1) min_k(1)
        : tensor<128x8xf32> -> tensor<128x8xf32>
    // becomes five linalg.generic ops (max, exp, sum, rank, select)
    ```
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect", "::mlir::tensor::TensorDialect",
  ];
}

def SpiderDecomposeAggregatedOps : Pass<"spider-decompose-aggregated-ops"> {
  let summary = "Decomposes aggregated linalg ops (linalg.softmax) into "
                "structured ones";
  let description = [{
    Rewrites every op that implements linalg's `AggregatedOpInterface`
    (`linalg.softmax` in MLIR 22) into the structured ops its
    `decomposeOperation` builds: a max reduction, a subtraction and
    exponential, a sum reduction and a division, each a `linalg.generic` or
    `linalg.fill`. Both Spider pipelines run it first, so that
    spider-sparsify, the tile-and-vectorize pass and the loop lowering see
    only structured ops; a mark on the op's input then reaches the
    generics. An op whose decomposition fails is left as it is, with an
    error naming it.

    Example:

    ```mlir
    %r = linalg.softmax dimension(1) ins(%x : tensor<4x8xf32>)
                                     outs(%o : tensor<4x8xf32>) -> tensor<4x8xf32>
    // becomes linalg.fill, linalg.generic (max), linalg.generic (sub, exp),
    // linalg.fill, linalg.generic (sum), linalg.generic (div)
    ```
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect", "::mlir::tensor::TensorDialect",
  ];
}

def SpiderCheckPipelineInput : Pass<"spider-check-pipeline-input", "::mlir::ModuleOp"> {
  let summary = "Rejects input the Spider pipelines would leave uncompiled";
  let description = [{
    The first pass of both Spider pipelines. They compile the functions of
    the module they run on; a function inside a nested `builtin.module`
    would pass through every step untouched (or fail in the LLVM
    conversion with upstream's message), and what came out would not be
    what the user asked for. Each such function is named in an error, with
    the way out: move it to the top level, or run the pipeline on the
    nested module (`--pass-pipeline='builtin.module(builtin.module(spider-cpu-pipeline))'`).
    Nested modules with no functions (a `gpu.module` is not a
    `builtin.module`) pass.

    `pipeline` names the pipeline in the message.
  }];
  let options = [
    Option<"pipeline", "pipeline", "std::string",
           /*default=*/"\"spider-cpu-pipeline\"",
           "The pipeline named in the error">,
  ];
}

#endif // SPIDER_DIALECT_SPIDER_TRANSFORMS_PASSES_TD
