//===- FuzzStats.cpp - What the fuzzer saw --------------------------------===//

#include "FuzzStats.h"
#include "FuzzActions.h"

#include "llvm/Support/Format.h"

using namespace spider_fuzz;

FuzzStats &spider_fuzz::stats() {
  static FuzzStats *instance = new FuzzStats; // Alive in atexit handlers.
  return *instance;
}

void FuzzStats::recordInput(unsigned action, bool valid) {
  if (actions.size() <= action)
    actions.resize(getActions().size());
  ++actions[action].inputs;
  actions[action].valid += valid;
}

void FuzzStats::recordRun(unsigned action, bool passed, double seconds) {
  actions[action].passed += passed;
  actions[action].seconds += seconds;
}

void FuzzStats::recordMutation(llvm::StringRef name, bool valid) {
  PerMutation &m = mutations[name];
  ++m.tried;
  m.valid += valid;
}

static double percent(uint64_t part, uint64_t whole) {
  return whole ? 100.0 * part / whole : 0.0;
}

void FuzzStats::print(llvm::raw_ostream &os) const {
  uint64_t inputs = 0, valid = 0, passed = 0;
  for (const PerAction &a : actions) {
    inputs += a.inputs;
    valid += a.valid;
    passed += a.passed;
  }
  os << llvm::format("spider-fuzz: %llu inputs, %llu valid (%.1f%%), %llu "
                     "passes succeeded (%.1f%% of valid), %llu skipped as "
                     "known upstream crashes\n",
                     inputs, valid, percent(valid, inputs), passed,
                     percent(passed, valid), skipped);
  for (size_t i = 0; i < actions.size(); ++i)
    if (actions[i].inputs)
      os << llvm::format("spider-fuzz:   %-28s %8llu inputs %5.1f%% valid "
                         "%5.1f%% passed %7.1f ms/run\n",
                         getActions()[i].name, actions[i].inputs,
                         percent(actions[i].valid, actions[i].inputs),
                         percent(actions[i].passed, actions[i].valid),
                         actions[i].valid ? 1e3 * actions[i].seconds /
                                                actions[i].valid
                                          : 0.0);
  for (const auto &entry : mutations)
    os << llvm::format("spider-fuzz:   mutation %-20s %8llu tried %5.1f%% "
                       "valid\n",
                       entry.getKey().str().c_str(), entry.getValue().tried,
                       percent(entry.getValue().valid, entry.getValue().tried));
}
