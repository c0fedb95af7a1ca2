//===- TileCostModelTest.cpp - The cost model's lookup and decisions ------===//

#include "spider/Dialect/Spider/CostModel/TileCostModel.h"

#include <gtest/gtest.h>

using namespace mlir::spider;

TEST(TileCostModel, LookupKnowsEveryOptionSpelling) {
  ASSERT_NE(TileCostModel::lookup("cpu"), nullptr);
  EXPECT_EQ(TileCostModel::lookup("cpu")->database().target, "cpu");
  for (const char *name : {"gpu", "sm_80", "sm_86", "sm_89", "sm_90", "sm_90a"}) {
    ASSERT_NE(TileCostModel::lookup(name), nullptr) << name;
    EXPECT_EQ(TileCostModel::lookup(name)->database().target, "gpu") << name;
  }
}

TEST(TileCostModel, LookupFailsForAnUnknownTarget) {
  // Never the CPU's database in disguise.
  EXPECT_EQ(TileCostModel::lookup("tpu"), nullptr);
  EXPECT_EQ(TileCostModel::lookup(""), nullptr);
  EXPECT_EQ(TileCostModel::lookup("sm_"), nullptr);
  EXPECT_EQ(TileCostModel::lookup("CPU"), nullptr);
}

TEST(TileCostModel, CoverFactor) {
  const TileCostModel &cpu = TileCostModel::get(Target::CPU);
  // One row per group: at 10% density the finer cover wins (coarsening
  // raises the active share faster than the kernel's efficiency); at 50% nearly
  // every cover is active anyway, and full 32-row groups (efficiency 1.0)
  // win.
  EXPECT_EQ(cpu.chooseCoverFactor(/*rows=*/1, /*microtileSize=*/1,
                                  /*extent=*/1024, /*density=*/0.1),
            1);
  EXPECT_EQ(cpu.chooseCoverFactor(1, 1, 1024, 0.5), 32);
  // Full rows already: nothing to gain.
  EXPECT_EQ(cpu.chooseCoverFactor(32, 32, 1024, 0.1), 1);
  // Never coarser than the axis.
  EXPECT_EQ(cpu.chooseCoverFactor(1, 1, 2, 0.5), 2);
}

TEST(TileCostModel, ThresholdsAndTiles) {
  EXPECT_DOUBLE_EQ(
      TileCostModel::get(Target::CPU, CpuIsa::AVX512).denseThreshold(), 0.65);
  EXPECT_DOUBLE_EQ(
      TileCostModel::get(Target::CPU, CpuIsa::AVX2).denseThreshold(), 0.45);
  EXPECT_DOUBLE_EQ(TileCostModel::get(Target::GPU).denseThreshold(), 0.5);
  EXPECT_EQ(TileCostModel::get(Target::GPU).database().registerTile[0], 16);
}

TEST(TileCostModel, OneDatabasePerCpuIsa) {
  // A register tile of accumulators per ISA that fits its register file:
  // 4 x 64 floats in 16 of AVX-512's 32 zmm, 4 x 32 in 16 ymm, 4 x 8 in 8
  // xmm registers.
  const TileDatabase &avx512 =
      TileCostModel::get(Target::CPU, CpuIsa::AVX512).database();
  const TileDatabase &avx2 =
      TileCostModel::get(Target::CPU, CpuIsa::AVX2).database();
  const TileDatabase &sse =
      TileCostModel::get(Target::CPU, CpuIsa::SSE).database();
  EXPECT_EQ(avx512.isa, "avx512");
  EXPECT_EQ(avx512.vectorWidth, 16);
  EXPECT_EQ(avx512.registerTile[0], 6);
  EXPECT_EQ(avx512.registerTile[1], 64);
  EXPECT_EQ(avx2.isa, "avx2");
  EXPECT_EQ(avx2.vectorWidth, 8);
  // 6x16: 12 accumulators, 2 rows of B and a broadcast in 16 ymm.
  EXPECT_EQ(avx2.registerTile[0], 6);
  EXPECT_EQ(avx2.registerTile[1], 16);
  EXPECT_EQ(sse.isa, "sse");
  EXPECT_EQ(sse.vectorWidth, 4);
  // Host resolves to one of them; the GPU has none of them.
  EXPECT_EQ(&TileCostModel::get(Target::CPU).database(),
            &TileCostModel::get(Target::CPU, detectHostCpuIsa()).database());
  EXPECT_EQ(TileCostModel::get(Target::GPU, CpuIsa::AVX2).database().isa, "");
}

TEST(CpuIsa, SpellingsRoundTrip) {
  for (CpuIsa isa : {CpuIsa::Host, CpuIsa::AVX512, CpuIsa::AVX2, CpuIsa::SSE})
    EXPECT_EQ(parseCpuIsa(stringifyCpuIsa(isa)), isa);
  EXPECT_EQ(parseCpuIsa("avx-512"), std::nullopt);
  EXPECT_NE(resolveCpuIsa(CpuIsa::Host), CpuIsa::Host);
  EXPECT_EQ(llvmCpuForIsa(CpuIsa::AVX2), "x86-64-v3");
}
