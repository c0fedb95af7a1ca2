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
  EXPECT_DOUBLE_EQ(TileCostModel::get(Target::CPU).denseThreshold(), 0.45);
  EXPECT_DOUBLE_EQ(TileCostModel::get(Target::GPU).denseThreshold(), 0.5);
  EXPECT_EQ(TileCostModel::get(Target::GPU).database().registerTile[0], 16);
}
