//===- CpuIsa.h - The x86-64 vector ISA the CPU path generates for -*- C++ -*-===//
//
// The CPU path's register tiles and vector widths depend on the vector ISA:
// 32 zmm registers of 16 floats with AVX-512, 16 ymm registers of 8 with
// AVX2 (a tile made for AVX-512 spills there). `cpu-isa` options take one
// of these; `host` is resolved when a pass runs, from the CPU it runs on,
// so that a JIT (spider-run, the ExecutionEngine) compiles for its host and
// an ahead-of-time compile names the CPU it targets.
//
//===----------------------------------------------------------------------===//

#ifndef SPIDER_DIALECT_SPIDER_IR_CPUISA_H
#define SPIDER_DIALECT_SPIDER_IR_CPUISA_H

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/TargetParser/Host.h"

#include <optional>

namespace mlir::spider {

/// The vector ISA of an x86-64 CPU, as the CPU path's tiles see it.
enum class CpuIsa {
  /// The CPU the compiler runs on (resolved by resolveCpuIsa).
  Host,
  /// AVX-512F: 32 registers of 512 bits.
  AVX512,
  /// AVX2 with FMA: 16 registers of 256 bits.
  AVX2,
  /// SSE2 only (any x86-64): 16 registers of 128 bits.
  SSE,
};

/// The spellings a `cpu-isa` pass option accepts, for `llvm::cl::values`.
#define SPIDER_CPU_ISA_CL_VALUES                                               \
  clEnumValN(::mlir::spider::CpuIsa::Host, "host",                             \
             "the CPU the compiler runs on"),                                  \
      clEnumValN(::mlir::spider::CpuIsa::AVX512, "avx512",                     \
                 "AVX-512F (x86-64-v4)"),                                      \
      clEnumValN(::mlir::spider::CpuIsa::AVX2, "avx2",                         \
                 "AVX2 and FMA (x86-64-v3)"),                                  \
      clEnumValN(::mlir::spider::CpuIsa::SSE, "sse", "SSE2 (any x86-64)")

inline std::optional<CpuIsa> parseCpuIsa(llvm::StringRef name) {
  return llvm::StringSwitch<std::optional<CpuIsa>>(name)
      .Case("host", CpuIsa::Host)
      .Case("avx512", CpuIsa::AVX512)
      .Case("avx2", CpuIsa::AVX2)
      .Case("sse", CpuIsa::SSE)
      .Default(std::nullopt);
}

inline llvm::StringRef stringifyCpuIsa(CpuIsa isa) {
  switch (isa) {
  case CpuIsa::Host:
    return "host";
  case CpuIsa::AVX512:
    return "avx512";
  case CpuIsa::AVX2:
    return "avx2";
  case CpuIsa::SSE:
    return "sse";
  }
  return "host";
}

/// The vector ISA of the CPU this process runs on (SSE on a non-x86 host).
inline CpuIsa detectHostCpuIsa() {
  llvm::StringMap<bool> features = llvm::sys::getHostCPUFeatures();
  if (features.lookup("avx512f"))
    return CpuIsa::AVX512;
  if (features.lookup("avx2") && features.lookup("fma"))
    return CpuIsa::AVX2;
  return CpuIsa::SSE;
}

/// `isa`, with Host replaced by what the host has.
inline CpuIsa resolveCpuIsa(CpuIsa isa) {
  return isa == CpuIsa::Host ? detectHostCpuIsa() : isa;
}

/// The LLVM CPU name that compiles for `isa` on any CPU that has it (the
/// psABI levels); "" for Host, which keeps the host's own CPU and features.
inline llvm::StringRef llvmCpuForIsa(CpuIsa isa) {
  switch (isa) {
  case CpuIsa::Host:
    return "";
  case CpuIsa::AVX512:
    return "x86-64-v4";
  case CpuIsa::AVX2:
    return "x86-64-v3";
  case CpuIsa::SSE:
    return "x86-64";
  }
  return "";
}

/// The LLVM CPU whose scheduling model compiles code for `isa` (a `Host`
/// is resolved first): the model LLVM itself gives that psABI level
/// (x86-64-v4 is scheduled as skylake-avx512, x86-64-v3 as haswell), under
/// which the ISA's register tile stays in registers on every x86-64 CPU
/// that has the ISA. spider-set-tune-cpu says why it is not the host's.
inline llvm::StringRef llvmTuneCpuForIsa(CpuIsa isa) {
  switch (resolveCpuIsa(isa)) {
  case CpuIsa::AVX512:
    return "skylake-avx512";
  case CpuIsa::AVX2:
    return "haswell";
  case CpuIsa::Host:
  case CpuIsa::SSE:
    return "generic";
  }
  return "generic";
}

/// The CPU a `tune-cpu` option names for code of `isa`: `isa` is
/// llvmTuneCpuForIsa's, `target` (or empty) none (each function keeps its
/// target CPU's model), anything else the CPU it names.
inline std::optional<std::string> tuneCpuForOption(llvm::StringRef option,
                                                   CpuIsa isa) {
  if (option.empty() || option == "target")
    return std::nullopt;
  if (option == "isa")
    return llvmTuneCpuForIsa(isa).str();
  return option.str();
}

} // namespace mlir::spider

#endif // SPIDER_DIALECT_SPIDER_IR_CPUISA_H
