//===- Target.h - What Spider generates code for ----------------*- C++ -*-===//
//
// The `target` of Spider's passes and pipelines, as an enum with the
// spellings its pass options accept (an unknown target is an option error,
// never a silent default).
//
//===----------------------------------------------------------------------===//

#ifndef SPIDER_DIALECT_SPIDER_IR_TARGET_H
#define SPIDER_DIALECT_SPIDER_IR_TARGET_H

#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/CommandLine.h"

#include <optional>

namespace mlir::spider {

/// What Spider generates code for: the CPU path or NVIDIA GPUs.
enum class Target { CPU, GPU };

/// The spellings a `target` pass option accepts, for `llvm::cl::values`:
/// cpu, gpu, and the GPU architectures that have tile kernels (each an
/// alias of gpu: they share one tile database).
#define SPIDER_TARGET_CL_VALUES                                                \
  clEnumValN(::mlir::spider::Target::CPU, "cpu", "x86-64 CPUs"),               \
      clEnumValN(::mlir::spider::Target::GPU, "gpu", "NVIDIA GPUs"),           \
      clEnumValN(::mlir::spider::Target::GPU, "sm_80", "NVIDIA sm_80 (gpu)"),  \
      clEnumValN(::mlir::spider::Target::GPU, "sm_86", "NVIDIA sm_86 (gpu)"),  \
      clEnumValN(::mlir::spider::Target::GPU, "sm_89", "NVIDIA sm_89 (gpu)"),  \
      clEnumValN(::mlir::spider::Target::GPU, "sm_90", "NVIDIA sm_90 (gpu)"),  \
      clEnumValN(::mlir::spider::Target::GPU, "sm_90a", "NVIDIA sm_90a (gpu)")

/// The target a name means, if any: exactly the spellings of
/// SPIDER_TARGET_CL_VALUES.
inline std::optional<Target> parseTarget(llvm::StringRef name) {
  return llvm::StringSwitch<std::optional<Target>>(name)
      .Case("cpu", Target::CPU)
      .Cases({"gpu", "sm_80", "sm_86", "sm_89", "sm_90", "sm_90a"}, Target::GPU)
      .Default(std::nullopt);
}

} // namespace mlir::spider

#endif // SPIDER_DIALECT_SPIDER_IR_TARGET_H
