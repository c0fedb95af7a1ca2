//===- TestPasses.h - Spider's test-only passes -----------------*- C++ -*-===//

#ifndef SPIDER_TEST_LIB_ANALYSIS_TESTPASSES_H
#define SPIDER_TEST_LIB_ANALYSIS_TESTPASSES_H

#include "mlir/Pass/Pass.h"

namespace mlir::spider {

#define GEN_PASS_DECL
#include "TestPasses.h.inc"

#define GEN_PASS_REGISTRATION
#include "TestPasses.h.inc"

} // namespace mlir::spider

#endif // SPIDER_TEST_LIB_ANALYSIS_TESTPASSES_H
