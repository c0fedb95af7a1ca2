//===- FuzzActions.h - What the fuzzer runs on a valid input ----*- C++ -*-===//
//
// The first byte of every fuzzer input picks an action: a pass (with or
// without options) or a pipeline, run on the module the rest of the input
// parses to. Actions are textual pass pipelines, so that a crash reproduces
// with `spider-opt --pass-pipeline='<pipeline>'`.
//
//===----------------------------------------------------------------------===//

#ifndef SPIDER_FUZZ_FUZZACTIONS_H
#define SPIDER_FUZZ_FUZZACTIONS_H

#include "llvm/ADT/ArrayRef.h"

#include <cstdint>

namespace spider_fuzz {

struct Action {
  /// A short name, for the statistics.
  const char *name;
  /// How many of the selector values pick it, relative to the others.
  unsigned weight;
  /// The pass pipeline on builtin.module, as spider-opt's --pass-pipeline
  /// takes it; empty: parse, verify and print only.
  const char *pipeline;
};

/// Every action, in the order the selector byte indexes them.
llvm::ArrayRef<Action> getActions();

/// The action that selector byte `selector` picks: the weights cut the
/// selector values (modulo their sum) into consecutive ranges.
unsigned actionIndex(uint8_t selector);

/// Whether action `index` runs a whole pipeline (slow).
bool isPipeline(unsigned index);

} // namespace spider_fuzz

#endif // SPIDER_FUZZ_FUZZACTIONS_H
