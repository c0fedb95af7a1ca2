//===- GpuKernelCache.h - Compiled GPU kernels, kept by fingerprint -*- C++ -*-===//
//
// spider-run --target=gpu compiles each program's kernels for the exact
// shapes it runs at (static shapes are constants in the kernels). Compiling
// a kernel through the NVPTX backend and ptxas costs tens to hundreds of
// milliseconds, so compiled kernels are kept, in memory and in a cache
// directory, keyed by a fingerprint of the kernel module (its ops, which
// carry the tile configuration and shapes) and the target (chip, features,
// format, optimization level). Files are written under a unique name and
// renamed into place, so concurrent processes sharing a directory only
// ever read whole entries.
//
//===----------------------------------------------------------------------===//

#ifndef SPIDER_TOOLS_GPUKERNELCACHE_H
#define SPIDER_TOOLS_GPUKERNELCACHE_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Support/LLVM.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringMap.h"

#include <string>

namespace mlir::spider {

/// What one GpuKernelCache::compile did.
struct GpuKernelCacheStats {
  unsigned modules = 0;     ///< gpu.module ops in the program.
  unsigned memoryHits = 0;  ///< Found in this process.
  unsigned diskHits = 0;    ///< Found in the cache directory.
  unsigned compiled = 0;    ///< Serialized now.
  double serializeSeconds = 0; ///< Spent in `serialize`.
};

class GpuKernelCache {
public:
  /// `directory` empty: memory only.
  explicit GpuKernelCache(std::string directory);

  /// Replaces every gpu.module of `module` found in the cache by its
  /// gpu.binary, runs `serialize` (which must turn the remaining gpu.module
  /// ops into gpu.binary ops and finish the lowering) and stores what it
  /// produced. `targetKey` names everything outside the module that the
  /// binary depends on.
  LogicalResult compile(ModuleOp module, StringRef targetKey,
                        function_ref<LogicalResult(ModuleOp)> serialize,
                        GpuKernelCacheStats &stats);

  /// The default directory: $SPIDER_CACHE_DIR, else $XDG_CACHE_HOME/spider,
  /// else $HOME/.cache/spider, else "" (memory only).
  static std::string defaultDirectory();

private:
  std::string lookupDisk(StringRef fingerprint) const;
  void storeDisk(StringRef fingerprint, StringRef objects) const;

  std::string directory;
  llvm::StringMap<std::string> memory; ///< Fingerprint -> objects attribute.
};

} // namespace mlir::spider

#endif // SPIDER_TOOLS_GPUKERNELCACHE_H
