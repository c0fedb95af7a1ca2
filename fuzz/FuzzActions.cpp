//===- FuzzActions.cpp - The passes and pipelines the fuzzer runs ---------===//
//
// Every Spider pass, the pipelines, and option variants: the defaults, each
// target, and values at the edges of what the options accept (a wrong value
// must be an option error, never a crash). Chains start from marks, the
// form the test inputs mostly take, so that the later passes see inputs
// that earlier ones shaped. The pipelines weigh less: a run takes 100-300
// ms against a few for a pass, and would otherwise take most of the time.
//
//===----------------------------------------------------------------------===//

#include "FuzzActions.h"

#include "llvm/ADT/StringRef.h"

using namespace spider_fuzz;

static const Action kActions[] = {
    {"parse", 3, ""},
    {"canonicalize", 3, "builtin.module(canonicalize)"},
    {"sparsify", 3, "builtin.module(spider-sparsify)"},
    {"sparsify-quiet", 3, "builtin.module(spider-sparsify{remarks=false})"},
    {"select-tiles", 3, "builtin.module(spider-select-tiles)"},
    {"select-tiles-gpu", 3, "builtin.module(spider-select-tiles{target=gpu})"},
    {"select-tiles-dense", 3,
     "builtin.module(spider-select-tiles{assumed-density=1 "
     "dense-fallback=false})"},
    {"select-tiles-edge", 3,
     "builtin.module(spider-select-tiles{assumed-density=0})"},
    {"marks-to-pit", 3,
     "builtin.module(spider-sparsify,spider-select-tiles,canonicalize)"},
    {"lower-pit-to-loops", 3, "builtin.module(spider-lower-pit-to-loops)"},
    {"lower-pit-to-loops-profile", 3,
     "builtin.module(spider-lower-pit-to-loops{profile=true})"},
    {"marks-to-loops", 3,
     "builtin.module(spider-sparsify,spider-select-tiles,"
     "spider-lower-pit-to-loops,canonicalize)"},
    {"fuse-pit-chains", 3, "builtin.module(spider-fuse-pit-chains)"},
    {"marks-to-chains", 3,
     "builtin.module(spider-decompose-aggregated-ops,spider-sparsify,"
     "spider-fuse-pit-chains,spider-select-tiles,spider-lower-pit-to-loops,"
     "spider-densify-packed-values,canonicalize)"},
    {"densify-packed-values", 3,
     "builtin.module(spider-densify-packed-values)"},
    {"specialize-packed-contractions", 3,
     "builtin.module(func.func(spider-specialize-packed-contractions))"},
    {"lower-gather-scatter", 3, "builtin.module(spider-lower-gather-scatter)"},
    {"lower-dts-gate", 3, "builtin.module(spider-lower-dts-gate)"},
    {"to-runtime", 3, "builtin.module(convert-spider-to-runtime)"},
    {"to-runtime-gpu", 3, "builtin.module(convert-spider-to-runtime{target=gpu})"},
    {"marks-to-runtime", 3,
     "builtin.module(spider-sparsify,spider-lower-pit-to-loops,"
     "spider-lower-gather-scatter,spider-lower-dts-gate,"
     "convert-spider-to-runtime)"},
    {"tile-and-vectorize", 3, "builtin.module(func.func(spider-tile-and-vectorize))"},
    {"tile-and-vectorize-small", 3,
     "builtin.module(func.func(spider-tile-and-vectorize{cache-tile=8,8,8 "
     "register-tile=2,4,2 vector-width=4 pack-b=false}))"},
    {"tile-and-vectorize-wide", 3,
     "builtin.module(func.func(spider-tile-and-vectorize{register-tile=1,1,1 "
     "vector-width=1}))"},
    {"tile-and-vectorize-bad", 1,
     "builtin.module(func.func(spider-tile-and-vectorize{register-tile=0,4,4 "
     "vector-width=0}))"},
    {"marks-to-vectors", 3,
     "builtin.module(spider-sparsify,spider-select-tiles,"
     "spider-lower-pit-to-loops,canonicalize,"
     "func.func(spider-tile-and-vectorize))"},
    {"lower-pit-to-gpu", 3, "builtin.module(spider-lower-pit-to-gpu)"},
    {"lower-pit-to-gpu-tf32", 3, "builtin.module(spider-lower-pit-to-gpu{tf32=true})"},
    {"marks-to-gpu", 3,
     "builtin.module(spider-sparsify,spider-select-tiles{target=gpu},"
     "canonicalize,spider-lower-pit-to-gpu)"},
    {"gpu-managed-buffers", 3, "builtin.module(spider-gpu-managed-buffers)"},
    {"cpu-pipeline", 1, "builtin.module(spider-cpu-pipeline)"},
    {"cpu-pipeline-scalar", 1,
     "builtin.module(spider-cpu-pipeline{vectorize=false profile=true})"},
    {"cpu-pipeline-no-marks", 1,
     "builtin.module(spider-cpu-pipeline{sparsify=false select-tiles=false})"},
    {"cpu-pipeline-density", 1,
     "builtin.module(spider-cpu-pipeline{assumed-density=1})"},
    // format=isa: the NVPTX backend writes PTX, no ptxas runs; opt-level=0
    // keeps the backend's share of the time small.
    {"gpu-pipeline", 1,
     "builtin.module(spider-gpu-pipeline{format=isa opt-level=0})"},
    {"gpu-pipeline-sm80", 1,
     "builtin.module(spider-gpu-pipeline{format=isa opt-level=0 chip=sm_80 "
     "tf32=true simt-tile=4,4})"},
    {"gpu-pipeline-no-marks", 1,
     "builtin.module(spider-gpu-pipeline{format=isa opt-level=0 "
     "sparsify=false select-tiles=false simt-tile=1,1})"},
};

llvm::ArrayRef<Action> spider_fuzz::getActions() { return kActions; }

bool spider_fuzz::isPipeline(unsigned index) {
  return llvm::StringRef(kActions[index].pipeline).contains("-pipeline");
}

unsigned spider_fuzz::actionIndex(uint8_t selector) {
  unsigned total = 0;
  for (const Action &action : kActions)
    total += action.weight;
  unsigned draw = selector % total;
  for (unsigned i = 0;; ++i) {
    if (draw < kActions[i].weight)
      return i;
    draw -= kActions[i].weight;
  }
}
