//===- OutputCompare.h - Comparing what two runs printed --------*- C++ -*-===//
//
// spider-diff compares the text two runs of a program print. Numbers are
// compared as numbers (floats within a tolerance, integers exactly), the
// rest as text with runs of blanks taken as one, and heap addresses
// (`base@ = 0x...` of printMemref) are ignored. A difference is reported in
// the program's terms: the line, and for printMemref output which print and
// which element.
//
//===----------------------------------------------------------------------===//

#ifndef SPIDER_TOOLS_SPIDER_DIFF_OUTPUTCOMPARE_H
#define SPIDER_TOOLS_SPIDER_DIFF_OUTPUTCOMPARE_H

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace spider_diff {

struct CompareOptions {
  /// Floats a and b agree when |a - b| <= atol + rtol * max(|a|, |b|).
  double rtol = 1e-4;
  double atol = 1e-5;
};

struct OutputDifference {
  /// Where, in the program's terms ("line 7, print #2 (memref of sizes
  /// [16, 8]), element [3, 5]").
  std::string where;
  /// What each side shows there.
  std::string expected, actual;
  /// Numbers that differ and numbers compared (for a difference in the
  /// text around them, the numbers compared before it).
  unsigned numDiffering = 0, numCompared = 0;
  /// The text around them differs (not only numbers).
  bool textDiffers = false;
};

/// The first difference of `actual` from `expected`, or nothing when they
/// agree.
std::optional<OutputDifference> compareOutputs(llvm::StringRef expected,
                                               llvm::StringRef actual,
                                               const CompareOptions &options);

} // namespace spider_diff

#endif // SPIDER_TOOLS_SPIDER_DIFF_OUTPUTCOMPARE_H
