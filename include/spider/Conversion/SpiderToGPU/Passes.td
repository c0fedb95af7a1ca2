//===- Passes.td - Spider to GPU conversion passes ---------*- tablegen -*-===//
//
// The GPU lowering: matmul spider.pit ops to tensor-core tile kernels, and
// the host buffers those kernels read.
//
//===----------------------------------------------------------------------===//

#ifndef SPIDER_CONVERSION_SPIDERTOGPU_PASSES_TD
#define SPIDER_CONVERSION_SPIDERTOGPU_PASSES_TD

include "mlir/Pass/PassBase.td"

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
    Any other `spider.pit` is left for `spider-lower-pit-to-loops`, with a
    remark that says why.

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
  let summary = "Puts the host heap buffers that kernels reach in GPU-accessible managed memory";
  let description = [{
    In host code (outside `gpu.launch` and `gpu.module`), rewrites
    `memref.alloc` to `gpu.alloc host_shared` and `memref.dealloc` to
    `gpu.dealloc` (async, on a `gpu.wait async` stream, not waited for:
    Spider's CUDA runtime frees without synchronizing and orders the
    reuse of the block itself), and copies `memref.get_global` constants into such
    buffers, so that kernels and host code read the same buffers (CUDA
    managed memory through `mgpuMemAlloc`). A host `memref.copy` between
    contiguous buffers one of which a kernel uses becomes `gpu.memcpy`: a
    CPU copy would migrate every page of both to the host, and the next
    kernel would fault them back. Runs after bufferization and
    buffer deallocation. A `memref.alloca` whose buffer a kernel reads is an
    error: the GPU cannot read the host stack.

    A buffer reaches a kernel wherever its value flows: through views and
    casts, into the functions it is passed to and out of those that return
    it, and through loop-carried values and region results (a constant
    passed to a function that holds the kernel is copied too; the kernel
    never reads the executable's read-only data). A call of a function
    without a body counts as reaching a kernel (Spider's GPU runtime,
    `spider_rt_gpu_*`, launches some), except Spider's host runtime (the
    other `spider_rt_*`); for the `memref.alloca` error, only kernels
    reached for certain count.

    A buffer that no kernel reaches (the ownership flags of buffer
    deallocation, the pointer lists of its dealloc helper, scratch of host
    loops) stays host memory, with its `memref.dealloc`, when every dealloc
    that may free it frees only such buffers: neither kind of dealloc can
    free the other kind of memory, so a buffer freed by a dealloc that may
    also free a managed one becomes managed too.

    Example:

    ```mlir
    %0 = memref.alloc() : memref<64xf32>
    // becomes
    %0 = gpu.alloc host_shared () : memref<64xf32>
    ```
  }];
  let dependentDialects = ["::mlir::gpu::GPUDialect", "::mlir::memref::MemRefDialect"];
}

def SpiderGpuKernelRegisters : Pass<"spider-gpu-kernel-registers", "::mlir::gpu::GPUModuleOp"> {
  let summary = "Gives every kernel of known block size an explicit register cap";
  let description = [{
    Sets `nvvm.maxnreg` (PTX `.maxnreg`) on every `gpu.func` kernel whose
    `known_block_size` is set (outlined launches of constant block size):
    `min(255, 65536 / (2 * threads))`, so that two blocks fit in one SM's
    register file, but never below `min(64, 65536 / threads)`, and kernels
    that already have a cap keep theirs.

    Why: for a kernel with `.maxntid` and no `.maxnreg`, ptxas -O3 (CUDA 13)
    caps the registers at 64 by its own heuristic and spills past that. The
    f32 dense tile kernel of `test/Integration/CPU/relu-linear.mlir` spilled
    8 bytes at 64 registers (117 registers and no spill with `.maxnreg
    128`), the SIMT kernels of `conv-sparse-input.mlir` 12 bytes at 64
    (none with `.maxnreg` 64 to 255). `test/GPU/ptxas-resources.test`
    checks every workload for spills.

    Example:

    ```mlir
    gpu.func @k() kernel attributes {known_block_size = array<i32: 128, 1, 1>}
    // becomes
    gpu.func @k() kernel attributes {known_block_size = array<i32: 128, 1, 1>,
                                     nvvm.maxnreg = 255 : i32}
    ```
  }];
  let dependentDialects = ["::mlir::NVVM::NVVMDialect"];
}

def SpiderGpuKernelNames : Pass<"spider-gpu-kernel-names", "::mlir::ModuleOp"> {
  let summary = "Renames GPU functions whose names are not PTX identifiers";
  let description = [{
    Gives every `gpu.func` whose name PTX does not take as an identifier
    (PTX: a letter, then letters, digits, `_` and `$`; or `_`, `$`, `%`
    first, then at least one of those) a name that it takes, and updates
    every `gpu.launch_func` of it. Characters outside that set become `_`;
    a name that then collides with another symbol of its `gpu.module` gets
    a numeric suffix.

    Why: `gpu-kernel-outlining` names a kernel after its function, and
    MLIR symbol names may hold any character: the launch in `@my.func`
    (or upstream's test function `@tensor.generate`) became the PTX entry
    `my.func_kernel`, and ptxas failed with "Parsing error near
    '.func_kernel'".

    Example:

    ```mlir
    gpu.module @my.func_kernel { gpu.func @my.func_kernel() kernel { ... } }
    gpu.launch_func @my.func_kernel::@my.func_kernel ...
    // becomes
    gpu.module @my.func_kernel { gpu.func @my_func_kernel() kernel { ... } }
    gpu.launch_func @my.func_kernel::@my_func_kernel ...
    ```
  }];
}

#endif // SPIDER_CONVERSION_SPIDERTOGPU_PASSES_TD
