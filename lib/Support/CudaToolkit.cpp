//===- CudaToolkit.cpp - Finding the CUDA toolkit -------------------------===//

#include "spider/Support/CudaToolkit.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/ErrorOr.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"

#include <cstdlib>

bool mlir::spider::isCudaToolkit(llvm::StringRef root) {
  llvm::SmallString<128> ptxas(root), libdevice(root);
  llvm::sys::path::append(ptxas, "bin", "ptxas");
  llvm::sys::path::append(libdevice, "nvvm", "libdevice", "libdevice.10.bc");
  return llvm::sys::fs::can_execute(ptxas) &&
         llvm::sys::fs::is_regular_file(libdevice);
}

std::string mlir::spider::findCudaToolkit() {
  for (const char *variable : {"CUDA_ROOT", "CUDA_HOME", "CUDA_PATH"})
    if (const char *root = std::getenv(variable); root && isCudaToolkit(root))
      return root;
  // ptxas on PATH, through symbolic links to the file itself.
  if (llvm::ErrorOr<std::string> ptxas = llvm::sys::findProgramByName("ptxas")) {
    llvm::SmallString<128> real;
    if (llvm::sys::fs::real_path(*ptxas, real))
      real = *ptxas;
    std::string root =
        llvm::sys::path::parent_path(llvm::sys::path::parent_path(real)).str();
    if (isCudaToolkit(root))
      return root;
  }
  if (isCudaToolkit("/usr/local/cuda"))
    return "/usr/local/cuda";
  return "";
}
