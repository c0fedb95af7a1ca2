//===- PipelineSteps.h - What Spider's pipelines share ---------*- C++ -*-===//
//
// The steps spider-cpu-pipeline and spider-gpu-pipeline both take, added
// with the passes' typed create functions.
//
//===----------------------------------------------------------------------===//

#ifndef SPIDER_LIB_PIPELINES_PIPELINESTEPS_H
#define SPIDER_LIB_PIPELINES_PIPELINESTEPS_H

#include "spider/Dialect/Spider/CostModel/TileCostModel.h"
#include "spider/Pipelines/Pipelines.h"

namespace mlir::spider {

/// Adds the passes that turn marks into spider.pit ops for `target`:
/// spider-sparsify and spider-select-tiles as `options` ask, then
/// canonicalize.
template <typename Derived>
void addMarksToPit(OpPassManager &pm,
                   const SpiderPipelineOptions<Derived> &options,
                   Target target, CpuIsa cpuIsa = CpuIsa::Host,
                   llvm::StringRef tileDatabase = "");

/// Adds the rest of Spider on tensors: spider-lower-pit-to-loops (with the
/// profiler calls if `profile`), spider-lower-gather-scatter,
/// spider-lower-dts-gate, convert-spider-to-runtime for `target`'s runtime,
/// canonicalize, cse and func.func(convert-elementwise-to-linalg). With
/// `parallelGroups`, group loops whose groups write disjoint boxes are
/// scf.forall, and detect scans on `threads` threads.
void addPitToLoops(OpPassManager &pm, Target target, bool profile,
                   bool parallelGroups = false, unsigned threads = 1);

/// Adds one-shot-bufferize (function boundaries too, with identity layout
/// maps), buffer-deallocation-pipeline, convert-bufferization-to-memref and
/// canonicalize.
void addBufferization(OpPassManager &pm);

} // namespace mlir::spider

#endif // SPIDER_LIB_PIPELINES_PIPELINESTEPS_H
