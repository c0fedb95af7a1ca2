//===- KnownUpstreamCrashes.h - Inputs that crash upstream MLIR -*- C++ -*-===//
//
// Constructs that crash MLIR itself (not Spider) while it parses them, as
// docs/reliability.md ('Upstream crashes') lists. The fuzzer skips inputs
// that contain one, so that a known upstream crash does not stop a run.
//
//===----------------------------------------------------------------------===//

#ifndef SPIDER_FUZZ_KNOWNUPSTREAMCRASHES_H
#define SPIDER_FUZZ_KNOWNUPSTREAMCRASHES_H

#include "llvm/ADT/StringRef.h"

namespace spider_fuzz {

/// The name of the known upstream crash `text` would hit, or null.
const char *findKnownUpstreamCrash(llvm::StringRef text);

} // namespace spider_fuzz

#endif // SPIDER_FUZZ_KNOWNUPSTREAMCRASHES_H
