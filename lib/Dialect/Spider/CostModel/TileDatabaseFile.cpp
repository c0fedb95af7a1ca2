//===- TileDatabaseFile.cpp - A tile database measured on the host --------===//
//
// The text format bench/spider-tune.sh writes, one entry per line, `#`
// starting a comment:
//
//   isa avx512
//   threads 1
//   efficiency 1:0.28 2:0.49 4:0.72 8:1.0 16:0.97 32:1.0
//   dense_threshold 0.45
//
// `isa` names the vector ISA it was measured for (the pipeline must compile
// for the same one); `efficiency` is the dense kernel's throughput by the
// rows a PIT group gives it, relative to the best (rows ascending, values in
// (0, 1]); `dense_threshold` is the index density in [0, 1] above which the
// dense fallback runs. Register tiles and vector widths stay the built-in
// ones of the ISA: the file holds what was measured, not choices.
//
//===----------------------------------------------------------------------===//

#include "spider/Dialect/Spider/CostModel/TileCostModel.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/MemoryBuffer.h"

#include <cmath>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

using namespace mlir;
using namespace mlir::spider;

namespace {
/// A database read from a file, and the model over it (which refers to it).
struct LoadedDatabase {
  std::string isa;
  std::vector<std::pair<int64_t, double>> efficiency;
  TileDatabase db;
};

llvm::Error fail(llvm::StringRef path, unsigned line, const llvm::Twine &why) {
  std::string where = "tile database '" + path.str() + "'";
  if (line)
    where += ", line " + std::to_string(line);
  return llvm::createStringError(where + ": " + why.str());
}

bool parseDouble(llvm::StringRef text, double &value) {
  return !text.getAsDouble(value) && std::isfinite(value);
}

llvm::Error parse(llvm::StringRef path, llvm::StringRef text,
                  LoadedDatabase &out) {
  bool haveIsa = false, haveThreshold = false;
  llvm::SmallVector<llvm::StringRef> lines;
  text.split(lines, '\n');
  for (auto [index, raw] : llvm::enumerate(lines)) {
    unsigned line = index + 1;
    llvm::StringRef content = raw.split('#').first.trim();
    if (content.empty())
      continue;
    llvm::SmallVector<llvm::StringRef> words;
    content.split(words, ' ', -1, /*KeepEmpty=*/false);
    llvm::StringRef key = words.front();
    llvm::ArrayRef<llvm::StringRef> values = llvm::ArrayRef(words).drop_front();
    if (key == "isa") {
      std::optional<CpuIsa> isa =
          values.size() == 1 ? parseCpuIsa(values[0]) : std::nullopt;
      if (!isa || *isa == CpuIsa::Host)
        return fail(path, line, "'isa' takes one of avx512, avx2, sse");
      out.isa = values[0].str();
      haveIsa = true;
    } else if (key == "threads") {
      unsigned threads;
      if (values.size() != 1 || values[0].getAsInteger(10, threads))
        return fail(path, line, "'threads' takes a count");
    } else if (key == "dense_threshold") {
      double threshold;
      if (values.size() != 1 || !parseDouble(values[0], threshold) ||
          threshold < 0 || threshold > 1)
        return fail(path, line,
                    "'dense_threshold' takes a density in [0, 1]");
      out.db.denseThreshold = threshold;
      haveThreshold = true;
    } else if (key == "efficiency") {
      if (values.empty())
        return fail(path, line, "'efficiency' takes rows:value pairs");
      out.efficiency.clear();
      for (llvm::StringRef pair : values) {
        auto [rowsText, valueText] = pair.split(':');
        int64_t rows;
        double value;
        if (rowsText.getAsInteger(10, rows) || rows < 1 ||
            !parseDouble(valueText, value) || value <= 0 || value > 1)
          return fail(path, line,
                      "'" + pair + "' is not rows:efficiency with rows >= 1 "
                      "and an efficiency in (0, 1]");
        if (!out.efficiency.empty() && rows <= out.efficiency.back().first)
          return fail(path, line, "'efficiency' rows must ascend");
        out.efficiency.push_back({rows, value});
      }
    } else {
      return fail(path, line,
                  "unknown entry '" + key +
                      "' (isa, threads, efficiency, dense_threshold)");
    }
  }
  if (!haveIsa || !haveThreshold || out.efficiency.empty())
    return fail(path, 0, "needs 'isa', 'efficiency' and 'dense_threshold'");
  return llvm::Error::success();
}
} // namespace

llvm::Expected<const TileCostModel *>
TileCostModel::loadFile(llvm::StringRef path, CpuIsa isa) {
  // Passes may run on several threads: one cache, locked, never freed (the
  // models are referred to for the rest of the process).
  static std::mutex mutex;
  static llvm::StringMap<std::pair<std::unique_ptr<LoadedDatabase>,
                                   std::unique_ptr<TileCostModel>>>
      cache;
  std::lock_guard<std::mutex> lock(mutex);
  auto it = cache.find(path);
  if (it == cache.end()) {
    llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buffer =
        llvm::MemoryBuffer::getFile(path, /*IsText=*/true);
    if (!buffer)
      return llvm::createStringError("tile database '" + path.str() +
                                     "' cannot be read: " +
                                     buffer.getError().message());
    auto loaded = std::make_unique<LoadedDatabase>();
    if (llvm::Error error = parse(path, (*buffer)->getBuffer(), *loaded))
      return std::move(error);
    // Register tile and vector width: the built-in ones of the ISA.
    const TileDatabase &builtIn =
        get(Target::CPU, *parseCpuIsa(loaded->isa)).database();
    loaded->db.target = "cpu";
    loaded->db.isa = loaded->isa;
    loaded->db.registerTile = builtIn.registerTile;
    loaded->db.vectorWidth = builtIn.vectorWidth;
    loaded->db.efficiencyByRows = loaded->efficiency;
    std::unique_ptr<TileCostModel> model(new TileCostModel(loaded->db));
    it = cache.try_emplace(path, std::move(loaded), std::move(model)).first;
  }
  const TileCostModel *model = it->second.second.get();
  llvm::StringRef wanted = stringifyCpuIsa(resolveCpuIsa(isa));
  if (model->database().isa != wanted)
    return llvm::createStringError(
        "tile database '" + path.str() + "' was measured for " +
        model->database().isa.str() + ", and the code is compiled for " +
        wanted.str());
  return model;
}
