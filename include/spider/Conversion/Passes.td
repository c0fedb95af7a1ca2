//===- Passes.td - Spider conversion passes ----------------*- tablegen -*-===//

#ifndef SPIDER_CONVERSION_PASSES_TD
#define SPIDER_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertSpiderToRuntime : Pass<"convert-spider-to-runtime", "ModuleOp"> {
  let summary = "Lowers index construction to calls into libspider_runtime";
  let description = [{
    The last step from the spider dialect to upstream MLIR on tensors, after
    `spider-lower-pit-to-loops`:

    * `spider.assume_sparse` disappears and every `#spider.sparse` encoding
      is dropped from tensor types (function signatures included): after PIT
      lowering they have no meaning left;
    * `spider.detect`, `spider.route` and `spider.index_from_csr` become calls
      into `libspider_runtime` (`spider_rt_detect_{f32,f64,i32,i64}`,
      `spider_rt_route`, `spider_rt_index_from_csr`) on the operand's buffer,
      after an element-wise cast where the runtime takes another element
      type; they return an opaque index handle (`!llvm.ptr`);
    * `spider.index_arrays` becomes `spider_rt_index_offsets` and
      `spider_rt_index_positions`, which return caller-owned buffers;
      on a constant index it becomes constants;
    * `spider.index_nonzeros` becomes `spider_rt_index_nonzeros`;
    * each handle is released (`spider_rt_index_release`) at the end of the
      block that builds it.

    An index used in another block than the one that builds it, or by an op
    other than `spider.index_arrays` and `spider.index_nonzeros` (a function
    return, say), is reported.

    With `target=gpu` the calls go to `libspider_cuda_runtime` instead
    (`spider_rt_gpu_detect_f32`, ..., `spider_rt_gpu_index_release`): detect
    and route run as GPU kernels (detect reads f16 and bf16 tensors as they
    are, without the cast to f32 the CPU runtime needs), and the index arrays are CUDA managed
    memory that kernels and host code both read.

    On the CPU, `spider_rt_detect_<type>` takes the `threads` option as its
    last argument: a tensor of at least 2^18 elements is scanned by that
    many threads, each over whole micro-tiles of the first axis.
  }];
  let options = [
    Option<"target", "target", "::mlir::spider::Target",
           /*default=*/"::mlir::spider::Target::CPU",
           "Which runtime builds indices: cpu (libspider_runtime) or gpu "
           "(libspider_cuda_runtime; an sm_ architecture means gpu too)",
           [{::llvm::cl::values(SPIDER_TARGET_CL_VALUES)}]>,
    Option<"threads", "threads", "unsigned", /*default=*/"1",
           "Threads the CPU runtime's detect scans a tensor with (1: the "
           "caller's only; 0: OMP_NUM_THREADS, else every core), as "
           "spider-cpu-pipeline's threads option">,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::bufferization::BufferizationDialect",
    "::mlir::func::FuncDialect", "::mlir::LLVM::LLVMDialect",
    "::mlir::memref::MemRefDialect", "::mlir::tensor::TensorDialect",
  ];
}

#endif // SPIDER_CONVERSION_PASSES_TD
