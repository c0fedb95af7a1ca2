//===- CudaToolkit.h - Finding the CUDA toolkit -----------------*- C++ -*-===//
//
// Where the CUDA toolkit that serializes GPU kernels is: the search that
// spider-gpu-pipeline (the `toolkit` option's default) and spider-run (its
// kernel cache key) share. LLVMSupport only.
//
//===----------------------------------------------------------------------===//

#ifndef SPIDER_SUPPORT_CUDATOOLKIT_H
#define SPIDER_SUPPORT_CUDATOOLKIT_H

#include "llvm/ADT/StringRef.h"

#include <string>

namespace mlir::spider {

/// Whether `root` is a CUDA toolkit root that the NVVM target can use:
/// ptxas (and fatbinary) under bin/ and libdevice under nvvm/libdevice/.
/// Checking both matters: a ptxas on PATH may be a wrapper script in
/// /usr/local/bin whose parent/parent has no libdevice, and MLIR then fails
/// every gpu.module that calls a math function.
bool isCudaToolkit(llvm::StringRef root);

/// The CUDA toolkit whose ptxas serializes kernels and whose libdevice
/// serves math functions: the first of CUDA_ROOT, CUDA_HOME, CUDA_PATH, the
/// ptxas on PATH (symbolic links resolved) and /usr/local/cuda that has both
/// bin/ptxas and nvvm/libdevice/libdevice.10.bc; "" when none has.
std::string findCudaToolkit();

} // namespace mlir::spider

#endif // SPIDER_SUPPORT_CUDATOOLKIT_H
