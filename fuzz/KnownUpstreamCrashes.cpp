//===- KnownUpstreamCrashes.cpp - Inputs that crash upstream MLIR ---------===//
//
// Each filter errs on the side of skipping: a skipped valid input costs one
// execution, a crash the whole run. The checks are textual because the
// crashes happen while parsing.
//
//===----------------------------------------------------------------------===//

#include "KnownUpstreamCrashes.h"

#include "llvm/ADT/StringExtras.h"

using namespace llvm;

/// Skips spaces and tabs and newlines from `pos`.
static size_t skipSpace(StringRef text, size_t pos) {
  while (pos < text.size() && isSpace(text[pos]))
    ++pos;
  return pos;
}

/// `array<index ...>`: the dense array parser takes `index` as an element
/// type it has no storage width for, and crashes.
static bool hasIndexDenseArray(StringRef text) {
  for (size_t pos = text.find("array"); pos != StringRef::npos;
       pos = text.find("array", pos + 1)) {
    size_t next = skipSpace(text, pos + 5);
    if (next < text.size() && text[next] == '<' &&
        text.substr(skipSpace(text, next + 1)).starts_with("index"))
      return true;
  }
  return false;
}

/// An integer of more than 18 digits (decimal, or hexadecimal with its
/// `0x`) in the bracketed list after `keyword` (linalg.transpose's
/// `permutation`, and the `dimensions` of linalg.broadcast and
/// linalg.reduce, which share its parser): an entry that overflows 64 bits
/// fails to parse, the op's parser ignores the failure and builds the op
/// with a null attribute.
static bool hasOverflowingList(StringRef text, StringRef keyword) {
  for (size_t pos = text.find(keyword); pos != StringRef::npos;
       pos = text.find(keyword, pos + 1)) {
    size_t open = text.find('[', pos);
    if (open == StringRef::npos)
      return false;
    size_t close = text.find(']', open);
    StringRef list = text.slice(open, close);
    size_t digits = 0;
    for (char c : list) {
      digits = isHexDigit(c) || c == 'x' || c == 'X' ? digits + 1 : 0;
      if (digits > 18)
        return true;
    }
  }
  return false;
}

/// gpu.launch with a `workgroup_attributions` count that is negative or
/// takes more than 32 bits: its region verifier adds it to the 12 launch
/// arguments in 32 bits, the sum wraps below the number of block
/// arguments, and it slices them past their end.
static bool hasBadWorkgroupAttributions(StringRef text) {
  StringRef key = "workgroup_attributions";
  for (size_t pos = text.find(key); pos != StringRef::npos;
       pos = text.find(key, pos + 1)) {
    size_t next = skipSpace(text, pos + key.size());
    if (next >= text.size() || text[next] != '=')
      continue;
    next = skipSpace(text, next + 1);
    size_t digits = 0;
    while (next + digits < text.size() && isDigit(text[next + digits]))
      ++digits;
    if (next < text.size() && (text[next] == '-' || digits > 9))
      return true;
  }
  return false;
}

const char *spider_fuzz::findKnownUpstreamCrash(StringRef text) {
  if (hasIndexDenseArray(text))
    return "array<index: ...>";
  if (hasOverflowingList(text, "permutation") ||
      hasOverflowingList(text, "dimensions"))
    return "64-bit overflow in a linalg permutation or dimension list";
  if (hasBadWorkgroupAttributions(text))
    return "gpu.launch with a negative or huge workgroup_attributions";
  return nullptr;
}
