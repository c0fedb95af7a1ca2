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
    needs scattering back along it. The index is the one the sparse input
    was marked with (`spider.assume_sparse ... index(...)`, which also fixes
    the pack axis), or else `spider.detect` of the sparse input, reusing an
    existing `spider.detect` of the same value and index type that dominates
    the op.

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

def SpiderSelectTiles : Pass<"spider-select-tiles"> {
  let summary = "Chooses the micro-tile cover and compute tile of each spider.pit";
  let description = [{
    A cost model over the target's tile database (`TileDatabase.h`) sets,
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
    Option<"target", "target", "std::string", /*default=*/"\"cpu\"",
           "The tile database to decide with">,
    Option<"assumedDensity", "assumed-density", "double", /*default=*/"0.1",
           "The micro-tile density the cover is chosen for">,
    Option<"denseFallback", "dense-fallback", "bool", /*default=*/"true",
           "Set dense_threshold, so that dense inputs run densely">,
  ];
}

def SpiderLowerPit : Pass<"spider-lower-pit"> {
  let summary = "Lowers spider.pit to loops over index groups with SRead and SWrite";
  let description = [{
    Rewrites every `spider.pit` on tensors into a loop over the groups of its
    index (`spider.index_arrays`). For each group with active micro-tiles:

    * the loop box is the group's micro-tile along every non-pack axis of the
      sparse operand (clipped at the tensor's boundary), the whole range along
      every other loop dimension;
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
    threshold, through PIT otherwise. A `spider.pit` whose computation indexes
    a box or pack dimension by a compound expression is lowered densely, with
    a remark.

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
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::func::FuncDialect",
    "::mlir::linalg::LinalgDialect", "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def SpiderLowerPitToGpu : Pass<"spider-lower-pit-to-gpu", "::mlir::ModuleOp"> {
  let summary = "Lowers matmul spider.pit ops to tensor-core GPU tile kernels";
  let description = [{
    Rewrites every `spider.pit` on tensors whose computation is a matmul
    `C[m,n] += A[m,k] * B[k,n]` (named or generic; A and B f16, bf16 or
    f32, C f32) with the sparse operand A and a two-dimensional index into one
    `gpu.launch` of 128 threads (four warps):

    * **pack dim k** (A's micro-tiles `[tm, tk]`, tm = 16, 32 or 64; groups
      are row blocks): block `(g, n)` computes rows `g*tm ..` of C over the
      group's active k micro-tiles only; the block owns its output tile, so
      SWrite is a plain store.
    * **pack dim m** (groups are k blocks): block `(g, c, n)` computes the
      c-th chunk of 64 active rows of group g over its k block; groups
      overlap in C, so SWrite adds with atomics (`memref.atomic_rmw`).

    SRead stages 16-deep k slices of A and B in shared memory
    (`#gpu.address_space<workgroup>`): `nvgpu.device_async_copy` (cp.async)
    of 16-byte chunks, zero-filled past the boundary, where the rows are
    contiguous and a static multiple of 16 bytes long; element loads
    otherwise (A's single columns with `[tm, 1]` micro-tiles). The tile
    compute runs on tensor cores for f16 and bf16: `nvgpu.ldmatrix` and
    an m16n8k16 `mma.sync`, accumulating in f32 (`nvgpu.mma.sync` for f16;
    `nvvm.mma.sync` on the fragments' 32-bit registers for bf16, which MLIR
    22's nvgpu lowering does not take). For f32 it runs on FMAs
    (`llvm.intr.fma`, which needs no libdevice; exact f32, what the unmarked program computes) or, with `tf32`, on
    tensor cores as `nvgpu.mma.sync` m16n8k8 in TF32 (10-bit mantissas:
    relative errors near 1e-3).

    With `dense_threshold`, the index's density chooses at run time between
    the PIT kernel and the same kernel over all of k (the dense fallback).
    Any other `spider.pit` is left for `spider-lower-pit`, with a remark.

    Example:

    ```mlir
    %r = spider.pit ins(%a, %b : tensor<4096x4096xf16>, tensor<4096x4096xf16>)
           outs(%c : tensor<4096x4096xf32>) index(%idx : !spider.index<microtile = [32, 1], pack_dim = 1>)
           sparse_operand = 0 pack_dim = 2 { linalg.matmul ... }
    // becomes spider.index_arrays, bufferization.to_buffer of A, B and the
    // init, and a gpu.launch with two workgroup buffers whose k loop issues
    // nvgpu.device_async_copy, nvgpu.ldmatrix and nvgpu.mma.sync.
    ```
  }];
  let options = [
    Option<"tf32", "tf32", "bool", /*default=*/"false",
           "Compute f32 matmuls on tensor cores in TF32 (faster, about 1e-3 "
           "relative error) instead of exact f32 FMAs">,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::bufferization::BufferizationDialect",
    "::mlir::gpu::GPUDialect", "::mlir::LLVM::LLVMDialect",
    "::mlir::NVVM::NVVMDialect",
    "::mlir::memref::MemRefDialect",
    "::mlir::nvgpu::NVGPUDialect", "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect", "::mlir::vector::VectorDialect",
  ];
}

def SpiderGpuManagedBuffers : Pass<"spider-gpu-managed-buffers", "::mlir::ModuleOp"> {
  let summary = "Puts every host heap buffer in GPU-accessible managed memory";
  let description = [{
    In host code (outside `gpu.launch` and `gpu.module`), rewrites
    `memref.alloc` to `gpu.alloc host_shared` and `memref.dealloc` to
    `gpu.dealloc`, and copies `memref.get_global` constants into such
    buffers, so that kernels and host code read the same buffers (CUDA
    managed memory through `mgpuMemAlloc`). A host `memref.copy` between
    contiguous buffers one of which a kernel uses becomes `gpu.memcpy`: a
    CPU copy would migrate every page of both to the host, and the next
    kernel would fault them back. Runs after bufferization and
    buffer deallocation. A `memref.alloca` whose buffer a kernel reads is an
    error: the GPU cannot read the host stack.

    Example:

    ```mlir
    %0 = memref.alloc() : memref<64xf32>
    // becomes
    %0 = gpu.alloc host_shared () : memref<64xf32>
    ```
  }];
  let dependentDialects = ["::mlir::gpu::GPUDialect", "::mlir::memref::MemRefDialect"];
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

def SpiderTileAndVectorize
    : Pass<"spider-tile-and-vectorize", "::mlir::func::FuncOp"> {
  let summary = "Tiles linalg ops on tensors and vectorizes the tiles";
  let description = [{
    The dense micro-kernel of PIT (and of every dense linalg op in the
    program): each linalg op on tensors is tiled with `scf.for` loops and the
    innermost tile is vectorized (masked where sizes are dynamic, as packed
    tiles are), then contractions are lowered to vector outer products.

    Contractions (matmul-like ops) get two levels of tiles: a cache block
    (`cache-tile`, over m, n, k) and a register tile (`register-tile`);
    a `spider.compute_tile` attribute on the op, set by `spider-lower-pit`
    from the `tile_config` that `spider-select-tiles` chose, replaces the
    register tile. Other ops are vectorized along their innermost loop with
    `vector-width` lanes.

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
    Option<"vectorWidth", "vector-width", "int64_t", /*default=*/"16",
           "Lanes along the innermost loop of other ops">,
    Option<"packB", "pack-b", "bool", /*default=*/"true",
           "Order contraction blocks as n, k, m and copy each block of B "
           "into a contiguous tensor that the m blocks reuse">,
  ];
  let dependentDialects = [
    "::mlir::scf::SCFDialect", "::mlir::vector::VectorDialect",
    "::mlir::tensor::TensorDialect", "::mlir::affine::AffineDialect",
  ];
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

#endif // SPIDER_DIALECT_SPIDER_TRANSFORMS_PASSES_TD
