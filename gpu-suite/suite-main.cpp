//===- suite-main.cpp - The C entry of a GPU suite executable -------------===//
//
// gpu-suite/build.sh renames a program's entry function (mlir-runner's
// `-e NAME`, returning nothing) to spider_suite_entry. This calls it as
// mlir-runner would, and exits with status 0 when it returns; a failure
// inside the runtimes exits with their status (1) and message.
//
//===----------------------------------------------------------------------===//

#include <cstdio>

extern "C" void spider_suite_entry();

int main() {
  spider_suite_entry();
  std::fflush(nullptr);
  return 0;
}
