//===- FuzzStats.h - What the fuzzer saw ------------------------*- C++ -*-===//
//
// Counts per action (inputs, valid ones, passes that succeeded) and per
// mutation (tried, valid), printed at exit: the fraction of inputs that
// pass verification is what tells whether the passes get fuzzed at all.
//
//===----------------------------------------------------------------------===//

#ifndef SPIDER_FUZZ_FUZZSTATS_H
#define SPIDER_FUZZ_FUZZSTATS_H

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <vector>

namespace spider_fuzz {

class FuzzStats {
public:
  void recordSkipped() { ++skipped; }
  void recordInput(unsigned action, bool valid);
  void recordRun(unsigned action, bool passed, double seconds);
  void recordMutation(llvm::StringRef name, bool valid);
  void print(llvm::raw_ostream &os) const;

private:
  struct PerAction {
    uint64_t inputs = 0, valid = 0, passed = 0;
    double seconds = 0; ///< In the passes, over the valid inputs.
  };
  struct PerMutation {
    uint64_t tried = 0, valid = 0;
  };
  std::vector<PerAction> actions;
  llvm::StringMap<PerMutation> mutations;
  uint64_t skipped = 0;
};

FuzzStats &stats();

inline void printStats(llvm::raw_ostream &os) { stats().print(os); }

} // namespace spider_fuzz

#endif // SPIDER_FUZZ_FUZZSTATS_H
