//===- Passes.td - Spider's CPU code generation ------------*- tablegen -*-===//
//
// Code generation for the CPU path that never touches a spider op: the
// dense micro-kernel of PIT groups, and of every other linalg op.
//
//===----------------------------------------------------------------------===//

#ifndef SPIDER_CODEGEN_CPU_PASSES_TD
#define SPIDER_CODEGEN_CPU_PASSES_TD

include "mlir/Pass/PassBase.td"

def SpiderTileAndVectorize
    : Pass<"spider-tile-and-vectorize", "::mlir::func::FuncOp"> {
  let summary = "Tiles linalg ops on tensors and vectorizes the tiles";
  let description = [{
    The dense micro-kernel of PIT (and of every dense linalg op in the
    program): each linalg op on tensors is tiled with `scf.for` loops and the
    innermost tile is vectorized (masked where sizes are dynamic, as packed
    tiles are), then 2-D register contractions become FMAs on rows of B
    (other contractions are lowered later, to vector outer products).

    Contractions (matmul-like ops) get two levels of tiles: a cache block
    (`cache-tile`, over m, n, k) and a register tile (`register-tile`);
    a `spider.compute_tile` attribute on the op, set by `spider-lower-pit-to-loops`
    from the `tile_config` that `spider-select-tiles` chose, replaces the
    register tile. Other ops are vectorized along their innermost loop with
    `vector-width` lanes. The defaults come from the ISA (`cpu-isa`):
    6x64x4 register tiles for AVX-512, 6x16x4 for AVX2, 4x8x4 for SSE2, in
    cache blocks of 256 rows (rounded to whole register tiles; a static row
    count gets blocks that divide it), 512 columns and a depth of 256.

    Rows a register tile leaves over: a static rest is one tile of exactly
    that many rows; a dynamic one (a PIT group's or an MoE expert's rows)
    runs 4-row tiles when the tile is taller, then single rows. The depth
    of a tile is peeled the same way: full steps unmasked, the rest one k
    at a time.

    Iterator types are taken from the maps: a loop that some init does not
    index is a reduction, one that every init indexes is parallel. A generic
    whose labels say otherwise (as an upstream SparseTensor test writes) is
    relabelled, with a remark; its loops run in order either way, so it
    computes what `convert-linalg-to-loops` computes from the original.
    An op with a 0-d init is vectorized by the generic path (the named
    contraction path reads a 0-d accumulator as an invalid 0-d vector).
    So is a contraction whose element types differ, unless it is a plain
    matmul (no batch, one m, n and k loop) of floats, or of integers
    extended with sign (the named path's vector.contract extends operands
    itself, with arith.extf or arith.extsi: an unsigned cast, integers into
    a float accumulator, or a batched mixed contraction would be wrong or
    would not lower).

    Masked contractions. A sum of products whose mask may cut a reduction
    loop runs unmasked only when every product the mask leaves out is
    provably zero (and not poison): both factors must be built solely from
    transfer_reads masked by that loop's own bound, which are then padded
    with zero; zero constants; transposes, and broadcasts not along a cut
    loop; and mul, add, sub, neg, fma and int/float casts of such values,
    each operand proved in turn (0 * x is no proof: x may be poison, NaN or
    inf). Anything else, e.g. a factor broadcast along the cut loop (SDDMM's
    sampling matrix) or a division, keeps the mask, which upstream lowers
    as a masked reduction. Lanes that only parallel loops cut need no
    proof: the mask leaves those results undefined and the write back stays
    masked.

    Scratch. Loop-invariant code is hoisted out of every loop, and scratch
    tensors of static shape up to 1 MiB (the B panels of a cache block) move
    first out of the `scf.if` branches that hold them: a PIT group's body
    runs under "the group is not empty", and its panels would otherwise be
    allocated, first touched and freed once per group.

    Example:

    ```mlir
    // linalg.matmul on tensor<?x?xf32> becomes scf.for loops around
    // vector.transfer_read / vector.outerproduct / vector.transfer_write
    ```
  }];
  let options = [
    ListOption<"cacheTile", "cache-tile", "int64_t",
               "Cache-block tile over (m, n, k) of contractions">,
    ListOption<"registerTile", "register-tile", "int64_t",
               "Register tile over (m, n, k) of contractions">,
    Option<"vectorWidth", "vector-width", "int64_t", /*default=*/"0",
           "Lanes along the innermost loop of other ops (0: the ISA's)">,
    Option<"cpuIsa", "cpu-isa", "::mlir::spider::CpuIsa",
           /*default=*/"::mlir::spider::CpuIsa::Host",
           "The vector ISA whose register tile and vector width are the "
           "defaults (host: the CPU the pass runs on)",
           [{::llvm::cl::values(SPIDER_CPU_ISA_CL_VALUES)}]>,
    Option<"parallelBlocks", "parallel-blocks", "bool", /*default=*/"false",
           "Tile the n blocks of contractions with scf.forall: each block "
           "writes its own columns of C and copies its own panels of B, so "
           "blocks can run on different threads (spider-cpu-pipeline's "
           "threads option); not inside an scf.forall already (a PIT's "
           "parallel groups)">,
    Option<"packB", "pack-b", "bool", /*default=*/"true",
           "Order contraction blocks as n, k, m and copy each block of B "
           "into a contiguous tensor that the m blocks reuse">,
  ];
  let dependentDialects = [
    "::mlir::scf::SCFDialect", "::mlir::vector::VectorDialect",
    "::mlir::tensor::TensorDialect", "::mlir::affine::AffineDialect",
  ];
}

def SpiderSpecializePackedContractions
    : Pass<"spider-specialize-packed-contractions", "::mlir::func::FuncOp"> {
  let summary = "Turns the packed computations of PIT groups into contractions plus epilogues";
  let description = [{
    Works on the `linalg.generic` ops that PIT lowering runs on a group's
    packed tiles (marked `spider.packed`). Such an op keeps the form of the
    dense op it came from, which is often not a contraction although it is
    one per group:

    * a factor read along parallel loops only (an MoE routing weight,
      `out + g[t] * a[t, f] * w[f, d]`) scales every product of the
      reduction: it is hoisted out, `out + g * sum(a * w)`;
    * a select on such a value (the routing mask, `select(g != 0, x * w,
      0)`) is hoisted the same way, `select(g != 0, sum(x * w), 0)`;
    * the box of a group leaves unit loops (one expert of `[t, e, f]`),
      which hide the matmul among batch and n loops: they are dropped
      (upstream's `linalg::dropUnitDims`).

    The core, the product of the remaining factors reduced into a fresh
    zero, is then a contraction that `spider-tile-and-vectorize` gives the
    register micro-kernel; the epilogue adds `W(core)` to the original init
    element-wise. Floating-point sums are reassociated, as everywhere in
    Spider. A dropped loop takes the op's `spider.compute_tile` with it: the
    default tiling applies.

    Where every hoisted factor is a scale that indexes only loops of one
    core input, and that input is made by a packed element-wise op for this
    reduction alone (the ReLU between an MoE expert's two matmuls), the
    scale goes in front of the reduction instead, `sum((g * a) * w)`: the
    order the program wrote, and free once fused, where an epilogue would be
    a pass over the result. Selects always stay after the reduction (moved
    in front, a masked-out `inf` would make `0 * inf`).

    Last, a group's element-wise ops fuse into one pass over its rows
    (upstream's element-wise fusion, into element-wise consumers only, so
    that no producer is pulled into a contraction). A fused op whose payload
    read its init (an epilogue in place over a reduction) would keep that
    init as a second, dead result stored in full; that init instead becomes
    the init of the fused op's result, which is then computed in place.

    Example:

    ```mlir
    // out[t, f] += select(g[t] != 0, x[t, d] * w[d, f], 0)   (d reduced)
    // becomes
    // core[t, f] = sum_d x[t, d] * w[d, f]     (a contraction, into zero)
    // out[t, f] += select(g[t] != 0, core[t, f], 0)
    ```
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def SpiderInlineAllocaScopes
    : Pass<"spider-inline-alloca-scopes", "::mlir::func::FuncOp"> {
  let summary = "Inlines memref.alloca_scope ops that allocate nothing";
  let description = [{
    `convert-scf-to-openmp` wraps the body of every parallel loop in a
    `memref.alloca_scope`, so that stack allocations made in one iteration
    are freed at its end. The CPU path makes none there (its buffers are
    heap allocations with explicit deallocation, and vector transfers are
    fully unrolled), and a scope whose body holds `scf.for` loops stops
    verifying once those become branches (a scope has one block). This
    pass moves the body of every scope that contains no `memref.alloca` in
    place of the scope; a scope that does allocate on the stack is left
    alone.
  }];
  let dependentDialects = ["::mlir::memref::MemRefDialect"];
}

def SpiderScheduleOpenMPLoops
    : Pass<"spider-schedule-openmp-loops", "::mlir::func::FuncOp"> {
  let summary = "Hands out the iterations of OpenMP work-shared loops in balanced chunks";
  let description = [{
    Gives every `omp.wsloop` without a schedule `schedule(dynamic, chunk)`
    with `chunk = max(1, iterations / 256)`, computed before the loop: a
    thread that finishes a chunk takes the next one, and a loop is handed
    out in at most 256 chunks.

    The iterations of Spider's parallel loops are PIT groups, whose active
    micro-tiles differ a lot (MoE experts; a power-law graph, whose
    low-numbered vertices hold most edges), and n blocks of a contraction.
    The static schedule that `convert-scf-to-openmp` leaves gives each
    thread one contiguous share, so on an R-MAT graph one thread gets most
    of the edges. Chunks of one iteration balance best but cost one handout
    (an atomic operation in libomp, about a microsecond) per iteration:
    with 100k tiny groups (a GNN's vertices) that was slower than one
    thread. 256 handouts balance to within a chunk for up to 16 threads at
    a cost below a millisecond; a loop of 256 iterations or fewer is still
    handed out one iteration at a time. A loop that already has a schedule
    keeps it.

    Example:

    ```mlir
    omp.wsloop {
      omp.loop_nest (%g) : index = (%c0) to (%groups) step (%c1) { ... }
    }
    // becomes
    %chunk = arith.maxsi (%groups - %c0) ceildiv %c1 / 256, 1 : i64
    omp.wsloop schedule(dynamic = %chunk : i64) {
      omp.loop_nest (%g) : index = (%c0) to (%groups) step (%c1) { ... }
    }
    ```
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::omp::OpenMPDialect"];
}

def SpiderHoistVectorTransfers
    : Pass<"spider-hoist-vector-transfers", "::mlir::func::FuncOp"> {
  let summary = "Hoists loop-invariant vector transfers on buffers out of loops";
  let description = [{
    After bufferization, keeps the accumulator tile of a vectorized
    contraction in registers across its reduction loop: matching
    `vector.transfer_read`/`vector.transfer_write` pairs of a loop-invariant
    location are hoisted out of the loop (upstream's
    `linalg::hoistRedundantVectorTransfers`).

    Example:

    ```mlir
    // scf.for %k { %acc = transfer_read %C ...; ...; transfer_write %acc, %C }
    // becomes
    // %acc0 = transfer_read %C; scf.for %k iter_args(%acc = %acc0) { ... }
    ```
  }];
}

def SpiderSetTuneCpu : Pass<"spider-set-tune-cpu", "::mlir::ModuleOp"> {
  let summary = "Names the CPU whose scheduling model LLVM compiles each function for";
  let description = [{
    Gives every `llvm.func` of the module (not of nested modules such as a
    `gpu.module`'s device code) with a body that has no `tune_cpu` of its own
    `tune_cpu = "<cpu>"` (LLVM's `"tune-cpu"` function attribute): LLVM's
    optimizer and backend then schedule and allocate registers with that
    CPU's model, whatever CPU they emit instructions for (`-mcpu` of llc,
    the host CPU of a JIT). The instructions, and so the ISA, stay the
    target CPU's.

    With `tune-cpu=isa` (the default), the CPU is the one whose model LLVM
    gives the psABI level of `cpu-isa`: `skylake-avx512` for AVX-512
    (x86-64-v4), `haswell` for AVX2 (x86-64-v3), `generic` for SSE2. That
    is because of what the other models do to Spider's register tiles. The
    AVX-512 tile (6x64x4: 24 accumulators, 4 rows of B, a broadcast of A)
    fills the 32 zmm registers exactly. Under the skylake-avx512 model
    (and sapphirerapids, icelake-server) LLVM 22 keeps it there; under
    `znver4` and `znver5`, the host CPU of a JIT on an AMD EPYC 9004 or
    9005, it spills and reloads 34 zmm registers per k block of the
    kernel, and 83 under `generic` (after `-O3`). On an EPYC 9004 they
    made the dense kernel 1.33x slower at 2048^3, and its time vary by
    1.5x from process to process (docs/performance.md, "AMD EPYC 9004").
    `Codegen/CPU/register-tiles-fit.mlir` compiles every ISA's tile for
    those CPUs and checks that nothing spills.

    `tune-cpu=target` (or empty) sets nothing: each function keeps its
    target CPU's model. Any other value is an LLVM x86-64 CPU name, set as
    it is; a name LLVM does not know is an error (LLVM would only warn
    about it, and ignore it).

    Example:

    ```mlir
    llvm.func @compute(%a: !llvm.ptr) { ... }
    // becomes, for AVX-512
    llvm.func @compute(%a: !llvm.ptr) attributes {tune_cpu = "skylake-avx512"} { ... }
    ```
  }];
  let options = [
    Option<"tuneCpu", "tune-cpu", "std::string", /*default=*/"\"isa\"",
           "The CPU whose LLVM scheduling model compiles every function: "
           "isa (the model of cpu-isa's psABI level), target or empty "
           "(each function's target CPU), or an LLVM x86-64 CPU name">,
    Option<"cpuIsa", "cpu-isa", "::mlir::spider::CpuIsa",
           /*default=*/"::mlir::spider::CpuIsa::Host",
           "The vector ISA of tune-cpu=isa (host: the CPU the pass runs on)",
           [{::llvm::cl::values(SPIDER_CPU_ISA_CL_VALUES)}]>,
  ];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
}

#endif // SPIDER_CODEGEN_CPU_PASSES_TD
