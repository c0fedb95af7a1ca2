//===- InitAll.h - Register everything Spider provides ----------*- C++ -*-===//
//
// Entry points for tools and compilers that embed Spider.
//
//===----------------------------------------------------------------------===//

#ifndef SPIDER_INITALL_H
#define SPIDER_INITALL_H

namespace mlir {
class DialectRegistry;
} // namespace mlir

namespace mlir::spider {

/// Registers the `spider` dialect, the dialects its IR holds (linalg, tensor,
/// arith) and Spider's external interface models (permutation invariance of
/// every linalg structured op).
void registerSpiderDialects(DialectRegistry &registry);

/// Registers every Spider pass and pipeline with the global pass registry.
void registerSpiderPasses();

} // namespace mlir::spider

#endif // SPIDER_INITALL_H
