//===- Profile.cpp - Per spider.pit profiles ------------------------------===//

#include "spider/Runtime/Profile.h"

#include <chrono>
#include <cstdio>
#include <map>
#include <mutex>
#include <string>

namespace {

double now() {
  using Clock = std::chrono::steady_clock;
  return std::chrono::duration<double>(Clock::now().time_since_epoch())
      .count();
}

struct Record {
  std::string name;
  int64_t calls = 0, denseRuns = 0;
  double seconds = 0, started = 0;
  int64_t lastActive = 0, lastTiles = 0, lastNonZeros = -1, tileVolume = 1;
  double denseFlops = 0, executedFlops = 0;
  bool lastRanDense = false;
};

struct Profile {
  std::mutex mutex;
  std::map<int64_t, Record> records;
  int64_t indexCalls = 0;
  double indexSeconds = 0;
};

Profile &profile() {
  static Profile p;
  return p;
}

} // namespace

extern "C" {

void spider_rt_profile_begin(int64_t id) {
  Profile &p = profile();
  std::lock_guard<std::mutex> lock(p.mutex);
  p.records[id].started = now();
}

void spider_rt_profile_end(int64_t id, int64_t numActive, int64_t numTiles,
                           int64_t nonZeros, int64_t tileVolume,
                           double denseFlops, double executedFlops,
                           int32_t ranDense) {
  double end = now();
  Profile &p = profile();
  std::lock_guard<std::mutex> lock(p.mutex);
  Record &r = p.records[id];
  r.calls += 1;
  r.denseRuns += ranDense ? 1 : 0;
  r.lastRanDense = ranDense != 0;
  r.seconds += end - r.started;
  r.lastActive = numActive;
  r.lastTiles = numTiles;
  r.lastNonZeros = nonZeros;
  r.tileVolume = tileVolume;
  r.denseFlops += denseFlops;
  r.executedFlops += executedFlops;
}

void spider_rt_profile_set_name(int64_t id, const char *name) {
  Profile &p = profile();
  std::lock_guard<std::mutex> lock(p.mutex);
  p.records[id].name = name ? name : "";
}

void spider_rt_profile_index_built(double seconds) {
  Profile &p = profile();
  std::lock_guard<std::mutex> lock(p.mutex);
  p.indexCalls += 1;
  p.indexSeconds += seconds;
}

void spider_rt_profile_report(void) {
  Profile &p = profile();
  std::lock_guard<std::mutex> lock(p.mutex);
  std::printf("spider profile: per spider.pit (density and cover of the last "
              "call)\n");
  std::printf("  %-3s %-44s %5s %10s %8s %7s %23s %s\n", "id", "computation",
              "calls", "time(ms)", "density", "cover", "Mflop executed/dense",
              "path");
  double pitSeconds = 0;
  for (auto &[id, r] : p.records) {
    if (r.calls == 0)
      continue;
    pitSeconds += r.seconds;
    double density =
        r.lastTiles ? double(r.lastActive) / double(r.lastTiles) : 0.0;
    char cover[32] = "n/a";
    if (r.lastNonZeros > 0)
      std::snprintf(cover, sizeof(cover), "%.2f",
                    double(r.lastActive) * double(r.tileVolume) /
                        double(r.lastNonZeros));
    char flops[64];
    std::snprintf(flops, sizeof(flops), "%.4g/%.4g", r.executedFlops * 1e-6,
                  r.denseFlops * 1e-6);
    char path[48];
    if (r.denseRuns == 0)
      std::snprintf(path, sizeof(path), "pit");
    else if (r.denseRuns == r.calls)
      std::snprintf(path, sizeof(path), "dense");
    else
      std::snprintf(path, sizeof(path), "pit %lld, dense %lld",
                    static_cast<long long>(r.calls - r.denseRuns),
                    static_cast<long long>(r.denseRuns));
    std::string name = r.name.empty() ? "spider.pit" : r.name;
    if (name.size() > 44)
      name = "..." + name.substr(name.size() - 41);
    std::printf("  %-3lld %-44s %5lld %10.3f %8.3f %7s %23s %s\n",
                static_cast<long long>(id), name.c_str(),
                static_cast<long long>(r.calls), r.seconds * 1e3, density,
                cover, flops, path);
  }
  std::printf("  index construction: %lld calls, %.3f ms",
              static_cast<long long>(p.indexCalls), p.indexSeconds * 1e3);
  if (pitSeconds + p.indexSeconds > 0)
    std::printf(" (%.1f%% of spider time)",
                100.0 * p.indexSeconds / (pitSeconds + p.indexSeconds));
  std::printf("\n");
  std::fflush(stdout);
}

double spider_rt_profile_last_density(int64_t id) {
  Profile &p = profile();
  std::lock_guard<std::mutex> lock(p.mutex);
  const Record &r = p.records[id];
  return r.lastTiles ? double(r.lastActive) / double(r.lastTiles) : 0.0;
}

int32_t spider_rt_profile_last_ran_dense(int64_t id) {
  Profile &p = profile();
  std::lock_guard<std::mutex> lock(p.mutex);
  return p.records[id].lastRanDense ? 1 : 0;
}

double spider_rt_profile_index_seconds(void) {
  Profile &p = profile();
  std::lock_guard<std::mutex> lock(p.mutex);
  return p.indexSeconds;
}

void spider_rt_profile_reset(void) {
  Profile &p = profile();
  std::lock_guard<std::mutex> lock(p.mutex);
  p.records.clear();
  p.indexCalls = 0;
  p.indexSeconds = 0;
}

} // extern "C"
