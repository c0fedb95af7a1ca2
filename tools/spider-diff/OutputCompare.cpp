//===- OutputCompare.cpp - Comparing what two runs printed ----------------===//

#include "OutputCompare.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

#include <cmath>
#include <cstdlib>

using namespace spider_diff;
using llvm::StringRef;

namespace {

enum class Kind { Text, Number, Address };

struct Token {
  Kind kind;
  std::string text;
  unsigned line;
  double value = 0;
  bool integral = false;
  /// printMemref context: the print (1-based, 0 outside one) and, in its
  /// data, the row-major element.
  unsigned print = 0;
  int64_t element = -1;
  /// The position of a number among the numbers of its line (1-based).
  unsigned onLine = 0;
  /// A number printMemref prints for a memref with no elements (a size
  /// is 0): it reads whatever lies at the base, so it means nothing.
  bool meaningless = false;
};

struct PrintInfo {
  llvm::SmallVector<int64_t> sizes;
};

bool isWordChar(char c) { return llvm::isAlnum(c) || c == '_' || c == '.'; }

/// The length of the number that starts at `s[i]`, or 0.
size_t numberLength(StringRef s, size_t i) {
  if (i > 0 && (isWordChar(s[i - 1]) || s[i - 1] == '-' || s[i - 1] == '+'))
    return 0;
  size_t j = i;
  if (j < s.size() && (s[j] == '-' || s[j] == '+'))
    ++j;
  for (StringRef word : {"nan", "inf"})
    if (s.substr(j).starts_with(word) &&
        (j + 3 == s.size() || !isWordChar(s[j + 3])))
      return j + 3 - i;
  size_t digits = 0;
  while (j < s.size() && llvm::isDigit(s[j]))
    ++j, ++digits;
  if (j < s.size() && s[j] == '.') {
    ++j;
    while (j < s.size() && llvm::isDigit(s[j]))
      ++j, ++digits;
  }
  if (digits == 0)
    return 0;
  if (j < s.size() && (s[j] == 'e' || s[j] == 'E')) {
    size_t k = j + 1;
    if (k < s.size() && (s[k] == '-' || s[k] == '+'))
      ++k;
    if (k < s.size() && llvm::isDigit(s[k])) {
      while (k < s.size() && llvm::isDigit(s[k]))
        ++k;
      j = k;
    }
  }
  return j - i;
}

/// Splits `s` into text, numbers and addresses, and attributes numbers to
/// printMemref prints.
class Lexer {
public:
  explicit Lexer(StringRef s) : s(s) {}

  llvm::SmallVector<Token> lex(llvm::SmallVector<PrintInfo> &prints) {
    llvm::SmallVector<Token> tokens;
    std::string text;
    unsigned line = 1, textLine = 1, onLine = 0;
    auto flushText = [&] {
      if (text.empty())
        return;
      noteText(text, prints);
      tokens.push_back({Kind::Text, text, textLine});
      text.clear();
    };
    for (size_t i = 0; i < s.size();) {
      char c = s[i];
      if (llvm::isSpace(c)) {
        // Blanks separate; a line end also ends the text before it, so
        // that text tokens stay on their lines.
        bool newline = false;
        for (; i < s.size() && llvm::isSpace(s[i]); ++i)
          if (s[i] == '\n')
            ++line, onLine = 0, newline = true;
        if (newline)
          flushText();
        else if (!text.empty())
          text += ' ';
        continue;
      }
      if (c == '0' && i + 2 < s.size() &&
          (s[i + 1] == 'x' || s[i + 1] == 'X') && llvm::isHexDigit(s[i + 2]) &&
          (i == 0 || !isWordChar(s[i - 1]))) {
        flushText();
        size_t j = i + 2;
        while (j < s.size() && llvm::isHexDigit(s[j]))
          ++j;
        tokens.push_back({Kind::Address, s.substr(i, j - i).str(), line});
        i = j;
        continue;
      }
      if (size_t n = numberLength(s, i)) {
        flushText();
        Token token{Kind::Number, s.substr(i, n).str(), line};
        StringRef t(token.text);
        token.integral = t.find_first_of(".eEna") == StringRef::npos;
        token.value = std::strtod(token.text.c_str(), nullptr);
        token.onLine = ++onLine;
        noteNumber(token, prints);
        tokens.push_back(token);
        i += n;
        continue;
      }
      if (text.empty())
        textLine = line;
      text += c;
      ++i;
    }
    flushText();
    return tokens;
  }

private:
  enum class State { None, Header, Sizes, Data, EmptyData } state =
      State::None;
  int64_t element = 0, numElements = 0;
  /// In EmptyData: the bracket depth of the data printed so far.
  int depth = 0;

  void noteText(StringRef text, llvm::SmallVector<PrintInfo> &prints) {
    if (state == State::EmptyData) {
      // The data of an empty memref ends where its brackets close.
      for (char c : text) {
        depth += c == '[';
        depth -= c == ']';
      }
      if (depth <= 0)
        state = State::None;
    }
    if (text.contains("Memref base@")) {
      prints.emplace_back();
      state = State::Header;
      return;
    }
    if (state == State::Header) {
      size_t sizes = text.find("sizes = [");
      if (sizes != StringRef::npos) {
        state = State::Sizes;
        text = text.drop_front(sizes + 9);
      }
    }
    if (state == State::Sizes && text.contains("]"))
      state = State::Header;
    if (state == State::Header && text.contains("data =")) {
      state = State::Data;
      element = 0;
      numElements = 1;
      for (int64_t size : prints.back().sizes)
        numElements *= size;
      if (numElements == 0) {
        state = State::EmptyData;
        depth = 0;
      }
    }
  }

  void noteNumber(Token &token, llvm::SmallVector<PrintInfo> &prints) {
    if (state == State::None)
      return;
    token.print = prints.size();
    if (state == State::Sizes)
      prints.back().sizes.push_back(static_cast<int64_t>(token.value));
    if (state == State::EmptyData)
      token.meaningless = true;
    if (state != State::Data)
      return;
    token.element = element++;
    if (element >= numElements)
      state = State::None;
  }

  StringRef s;
};

bool numbersAgree(const Token &a, const Token &b,
                  const CompareOptions &options) {
  if (std::isnan(a.value) || std::isnan(b.value))
    return std::isnan(a.value) && std::isnan(b.value);
  if (std::isinf(a.value) || std::isinf(b.value))
    return a.value == b.value;
  // Integers are exact. A float with six significant digits prints as an
  // integer below 1e6 too; from 1e5 on, its last digit is a rounding.
  double magnitude = std::max(std::fabs(a.value), std::fabs(b.value));
  if (a.integral && b.integral && (magnitude < 1e5 || magnitude >= 1e6)) {
    int64_t x, y;
    if (!StringRef(a.text).getAsInteger(10, x) &&
        !StringRef(b.text).getAsInteger(10, y))
      return x == y;
    return a.value == b.value;
  }
  return std::fabs(a.value - b.value) <=
         options.atol + options.rtol * magnitude;
}

std::string lineOf(StringRef s, unsigned line) {
  llvm::SmallVector<StringRef> lines;
  s.split(lines, '\n');
  if (line == 0 || line > lines.size())
    return "<end of output>";
  StringRef text = lines[line - 1].trim();
  if (text.size() > 160)
    return (text.take_front(157) + "...").str();
  return text.str();
}

std::string describe(const Token &token, llvm::ArrayRef<PrintInfo> prints) {
  std::string where = "line " + std::to_string(token.line);
  if (token.print == 0)
    return where + ", number #" + std::to_string(token.onLine) + " on the line";
  const PrintInfo &print = prints[token.print - 1];
  where += ", printed memref #" + std::to_string(token.print);
  std::string sizes;
  for (auto [i, size] : llvm::enumerate(print.sizes))
    sizes += (i ? ", " : "") + std::to_string(size);
  where += " (sizes [" + sizes + "])";
  if (token.element < 0)
    return where + ", in its header";
  // Row-major coordinates of the element.
  llvm::SmallVector<int64_t> coords(print.sizes.size());
  int64_t rest = token.element;
  for (int64_t d = static_cast<int64_t>(print.sizes.size()) - 1; d >= 0; --d) {
    int64_t size = std::max<int64_t>(print.sizes[d], 1);
    coords[d] = rest % size;
    rest /= size;
  }
  std::string at;
  for (auto [i, c] : llvm::enumerate(coords))
    at += (i ? ", " : "") + std::to_string(c);
  return where + ", element [" + at + "]";
}

} // namespace

std::optional<OutputDifference>
spider_diff::compareOutputs(StringRef expected, StringRef actual,
                            const CompareOptions &options) {
  llvm::SmallVector<PrintInfo> expectedPrints, actualPrints;
  llvm::SmallVector<Token> e = Lexer(expected).lex(expectedPrints);
  llvm::SmallVector<Token> a = Lexer(actual).lex(actualPrints);
  std::optional<OutputDifference> first;
  unsigned differing = 0, compared = 0;
  size_t n = std::min(e.size(), a.size());
  size_t i = 0;
  for (; i < n; ++i) {
    const Token &x = e[i], &y = a[i];
    bool sameKind = x.kind == y.kind;
    if (sameKind && x.kind == Kind::Address)
      continue;
    if (sameKind && x.kind == Kind::Number) {
      if (x.meaningless && y.meaningless)
        continue;
      ++compared;
      if (numbersAgree(x, y, options))
        continue;
      ++differing;
      if (!first)
        first = OutputDifference{describe(y, actualPrints), x.text, y.text};
      continue;
    }
    // Text: runs of blanks are one blank, and blanks at the ends of a
    // token do not count.
    if (sameKind && StringRef(x.text).trim() == StringRef(y.text).trim())
      continue;
    break;
  }
  bool textDiffers = i < e.size() || i < a.size();
  if (!textDiffers && !first)
    return std::nullopt;
  if (textDiffers) {
    // The text differs (or one output stops): that is the difference to
    // show, after any numbers that already differed.
    unsigned expectedLine = i < e.size() ? e[i].line : 0;
    unsigned actualLine = i < a.size() ? a[i].line : 0;
    OutputDifference text;
    text.where =
        "line " + std::to_string(actualLine ? actualLine : expectedLine);
    text.expected = lineOf(expected, expectedLine);
    text.actual = lineOf(actual, actualLine);
    text.textDiffers = true;
    if (!first)
      first = text;
    else
      first->textDiffers = true;
  }
  first->numDiffering = differing;
  first->numCompared = compared;
  return first;
}
