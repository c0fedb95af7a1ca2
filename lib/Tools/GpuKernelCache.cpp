//===- GpuKernelCache.cpp - Compiled GPU kernels, kept by fingerprint -----===//

#include "spider/Tools/GpuKernelCache.h"

#include "mlir/AsmParser/AsmParser.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/IR/Builders.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Chrono.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"

#include <chrono>
#include <cstdlib>

using namespace mlir;
using namespace mlir::spider;

/// Bump when the cached form changes.
static constexpr const char *kCacheVersion = "spider-gpu-kernel-cache-1";

GpuKernelCache::GpuKernelCache(std::string directory)
    : directory(std::move(directory)) {
  if (!this->directory.empty() &&
      llvm::sys::fs::create_directories(this->directory))
    this->directory.clear(); // Unwritable: memory only.
}

std::string GpuKernelCache::defaultDirectory() {
  if (const char *dir = std::getenv("SPIDER_CACHE_DIR"); dir && *dir)
    return dir;
  llvm::SmallString<256> path;
  if (const char *xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg)
    path = xdg;
  else if (const char *home = std::getenv("HOME"); home && *home)
    llvm::sys::path::append(path, home, ".cache");
  else
    return "";
  llvm::sys::path::append(path, "spider");
  return std::string(path);
}

std::string GpuKernelCache::lookupDisk(StringRef fingerprint) const {
  if (directory.empty())
    return "";
  llvm::SmallString<256> path(directory);
  llvm::sys::path::append(path, fingerprint + ".gpubin");
  auto buffer = llvm::MemoryBuffer::getFile(path);
  if (!buffer)
    return "";
  return (*buffer)->getBuffer().str();
}

void GpuKernelCache::storeDisk(StringRef fingerprint, StringRef objects) const {
  if (directory.empty())
    return;
  llvm::SmallString<256> model(directory), temporary, final(directory);
  llvm::sys::path::append(model, fingerprint + "-%%%%%%%%.tmp");
  llvm::sys::path::append(final, fingerprint + ".gpubin");
  int fd;
  if (llvm::sys::fs::createUniqueFile(model, fd, temporary))
    return;
  {
    llvm::raw_fd_ostream os(fd, /*shouldClose=*/true);
    os << objects;
  }
  // rename(2) is atomic: readers see the old entry, the new one or none.
  if (llvm::sys::fs::rename(temporary, final))
    llvm::sys::fs::remove(temporary);
}

LogicalResult
GpuKernelCache::compile(ModuleOp module, StringRef targetKey,
                        function_ref<LogicalResult(ModuleOp)> serialize,
                        GpuKernelCacheStats &stats) {
  SmallVector<gpu::GPUModuleOp> kernels(module.getOps<gpu::GPUModuleOp>());
  stats.modules += kernels.size();
  llvm::StringMap<std::string> pending; // Symbol -> fingerprint.
  for (gpu::GPUModuleOp kernel : kernels) {
    // The fingerprint: the module's body (kernels, their shapes and tile
    // configuration), its targets, and what the caller adds.
    std::string text;
    llvm::raw_string_ostream os(text);
    os << kCacheVersion << "\n" << targetKey << "\n";
    kernel->print(os, OpPrintingFlags().printGenericOpForm());
    std::string fingerprint = llvm::utohexstr(llvm::xxh3_64bits(text), true, 16);

    // A hit only counts once its entry parses; a damaged entry (a file cut
    // short by a full disk, say) is dropped and the module compiled again.
    auto cached = [&](StringRef objects) {
      return dyn_cast_or_null<ArrayAttr>(
          objects.empty() ? Attribute()
                          : parseAttribute(objects, module.getContext()));
    };
    ArrayAttr array;
    if (auto it = memory.find(fingerprint); it != memory.end()) {
      if ((array = cached(it->second)))
        ++stats.memoryHits;
      else
        memory.erase(it);
    }
    if (!array) {
      std::string objects = lookupDisk(fingerprint);
      if ((array = cached(objects))) {
        ++stats.diskHits;
        memory[fingerprint] = std::move(objects);
      }
    }
    if (!array) {
      pending[kernel.getSymName()] = fingerprint;
      continue;
    }
    OpBuilder b(kernel);
    gpu::BinaryOp::create(b, kernel.getLoc(), kernel.getSymName(),
                          kernel.getOffloadingHandlerAttr(), array);
    kernel.erase();
  }

  auto start = std::chrono::steady_clock::now();
  if (failed(serialize(module)))
    return failure();
  stats.serializeSeconds +=
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();

  for (auto &[symbol, fingerprint] : pending) {
    auto binary = module.lookupSymbol<gpu::BinaryOp>(symbol);
    if (!binary)
      continue;
    std::string text;
    llvm::raw_string_ostream os(text);
    binary.getObjectsAttr().print(os);
    memory[fingerprint] = text;
    storeDisk(fingerprint, text);
    ++stats.compiled;
  }
  return success();
}
