//===- PipelineText.h - What Spider's pipelines share ----------*- C++ -*-===//

#ifndef SPIDER_LIB_PIPELINES_PIPELINETEXT_H
#define SPIDER_LIB_PIPELINES_PIPELINETEXT_H

#include "spider/Pipelines/Pipelines.h"

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/raw_ostream.h"

namespace mlir::spider {

/// Appends the passes that turn marks into spider.pit ops for `target`:
/// spider-sparsify and spider-select-tiles as `options` ask, then
/// canonicalize.
template <typename Derived>
void appendMarksToPit(llvm::raw_ostream &os,
                      const SpiderPipelineOptions<Derived> &options,
                      llvm::StringRef target) {
  if (options.sparsify)
    os << "spider-sparsify,";
  if (options.selectTiles)
    os << "spider-select-tiles{target=" << target
       << " assumed-density=" << options.assumedDensity << "},";
  os << "canonicalize,";
}

/// Adds the textual pipeline `text` to `pm`; its passes must be registered.
inline void parsePipelineOrDie(OpPassManager &pm, const std::string &text,
                               llvm::StringRef pipeline) {
  if (failed(parsePassPipeline(text, pm, llvm::errs())))
    llvm::report_fatal_error(
        llvm::Twine(pipeline) +
        ": its passes are not registered; call mlir::registerAllPasses() and "
        "mlir::spider::registerSpiderPasses() first");
}

} // namespace mlir::spider

#endif // SPIDER_LIB_PIPELINES_PIPELINETEXT_H
