//===- LowerPitToGpu.cpp - spider.pit on matmuls to GPU tile kernels ------===//
//
// The host side of spider-lower-pit-to-gpu: for every spider.pit that
// MatmulPitMatcher.cpp accepts, the row-major buffers of A, B and C, the
// index arrays, the choice between the PIT kernel and the dense fallback
// (dense_threshold), and the kernels (TileKernel.h); C is returned as a
// tensor. Every other spider.pit is left for spider-lower-pit-to-loops, with
// a remark that says why.
//
//===----------------------------------------------------------------------===//

#include "TileKernel.h"

#include "spider/Conversion/SpiderToGPU/Passes.h"
#include "spider/Dialect/Spider/IR/SpiderOps.h"
#include "spider/Dialect/Spider/Transforms/Utils/IndexGroups.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

namespace mlir::spider {
#define GEN_PASS_DEF_SPIDERLOWERPITTOGPU
#include "spider/Conversion/SpiderToGPU/Passes.h.inc"
} // namespace mlir::spider

using namespace mlir;
using namespace mlir::spider;
using namespace mlir::spider::gpu_tile;

namespace {

/// `tensor` as a read-only, row-major, contiguous buffer: a view of a
/// larger buffer is copied, so that every row starts 16-byte aligned when
/// its length is a multiple of 16 bytes (what cp.async needs).
Value rowMajorBuffer(ImplicitLocOpBuilder &b, Value tensor) {
  auto type = cast<RankedTensorType>(tensor.getType());
  auto memref = MemRefType::get(type.getShape(), type.getElementType());
  return bufferization::ToBufferOp::create(b, memref, tensor,
                                           /*readOnly=*/true);
}

/// The buffers the kernels read and write.
struct KernelOperands {
  Value a, b, c, offsets, positions;
};

/// C starts as a copy of the init and is updated in place.
Value emitResultBuffer(ImplicitLocOpBuilder &b, Value init) {
  auto resultType = cast<RankedTensorType>(init.getType());
  SmallVector<Value> dynSizes;
  for (int64_t d = 0; d < 2; ++d)
    if (resultType.isDynamicDim(d))
      dynSizes.push_back(tensor::DimOp::create(b, init, d));
  auto cType = MemRefType::get(resultType.getShape(), b.getF32Type());
  Value c = memref::AllocOp::create(b, cType, dynSizes);
  memref::CopyOp::create(b, rowMajorBuffer(b, init), c);
  return c;
}

/// A and B as buffers, C as a fresh buffer.
KernelOperands emitOperands(ImplicitLocOpBuilder &b, const MatmulPit &plan) {
  PitOp pit = plan.pit;
  // The matcher made A the sparse operand and B a body argument, which
  // stands for the spider.pit operand of its number (ins, then outs: B may
  // be the output, the init of C).
  Value a = pit.getSparseValue();
  auto bArg = cast<BlockArgument>(
      linalg::LinalgOp(plan.op).getDpsInputOperand(1)->get());
  Value bValue = pit->getOperand(bArg.getArgNumber());
  KernelOperands operands;
  operands.a = rowMajorBuffer(b, a);
  operands.b = rowMajorBuffer(b, bValue);
  operands.c = emitResultBuffer(b, pit.getOutputs()[0]);
  return operands;
}

/// The index arrays as buffers the kernels read.
void emitIndexBuffers(ImplicitLocOpBuilder &b, const IndexGroups &groups,
                      KernelOperands &operands) {
  auto indexBuffer = [&](Value t) {
    auto type = MemRefType::get({ShapedType::kDynamic}, b.getIndexType());
    return bufferization::ToBufferOp::create(b, type, t, /*readOnly=*/true)
        .getResult();
  };
  operands.offsets = indexBuffer(groups.offsets);
  operands.positions = indexBuffer(groups.positions);
}

void emitKernel(ImplicitLocOpBuilder &b, const MatmulPit &plan,
                TileKernel::Mode mode, bool useTf32,
                const KernelOperands &operands, Value numGroups) {
  TileKernel(b, plan, mode, useTf32, operands.a, operands.b, operands.c,
             operands.offsets, operands.positions)
      .emit(numGroups);
}

/// The PIT kernel, or with a dense_threshold the choice at run time
/// between it and the dense fallback (the same kernel over all of k).
void emitKernels(ImplicitLocOpBuilder &b, const MatmulPit &plan, bool useTf32,
                 const KernelOperands &operands, const IndexGroups &groups) {
  PitOp pit = plan.pit;
  auto sparseMode =
      plan.packK ? TileKernel::Mode::PackK : TileKernel::Mode::PackM;
  FloatAttr threshold = pit.getDenseThresholdAttr();
  if (!threshold)
    return emitKernel(b, plan, sparseMode, useTf32, operands, groups.numGroups);
  // The cost model: dense tensor-core GEMM when the index is dense enough,
  // the PIT kernel otherwise.
  Value numTiles =
      groups.numTiles(b, pit.getLoc(), pit.getSparseValue(), plan.packK ? 1 : 0,
                      plan.packK ? plan.tk : plan.tm);
  Value dense = denserThan(b, pit.getLoc(), groups.numActive(b, pit.getLoc()),
                           numTiles, threshold.getValueAsDouble());
  auto ifOp = scf::IfOp::create(b, dense, /*withElseRegion=*/true);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(&ifOp.getThenRegion().front());
  emitKernel(b, plan, TileKernel::Mode::Dense, useTf32, operands,
             groups.numGroups);
  b.setInsertionPointToStart(&ifOp.getElseRegion().front());
  emitKernel(b, plan, sparseMode, useTf32, operands, groups.numGroups);
}

/// Replaces `plan.pit` by its kernels.
void lower(const MatmulPit &plan, bool useTf32) {
  PitOp pit = plan.pit;
  ImplicitLocOpBuilder b(pit.getLoc(), pit);
  KernelOperands operands = emitOperands(b, plan);
  IndexGroups groups = IndexGroups::build(b, pit.getLoc(), pit.getIndex());
  emitIndexBuffers(b, groups, operands);
  emitKernels(b, plan, useTf32, operands, groups);
  auto resultType = cast<RankedTensorType>(pit.getOutputs()[0].getType());
  Value result = bufferization::ToTensorOp::create(
      b, resultType, operands.c, /*restrict=*/true, /*writable=*/true);
  pit.getResult(0).replaceAllUsesWith(result);
  pit.erase();
}

struct LowerPitToGpuPass
    : public spider::impl::SpiderLowerPitToGpuBase<LowerPitToGpuPass> {
  using Base::Base;
  void runOnOperation() override {
    SmallVector<MatmulPit> plans;
    getOperation()->walk([&](PitOp pit) {
      MatmulPit plan;
      std::string why = matchMatmulPit(pit, plan);
      if (!why.empty()) {
        pit.emitRemark() << "no GPU tile kernel for this spider.pit: " << why
                         << "; spider-lower-pit-to-loops lowers it to loops "
                            "over its groups, with a kernel per dense step";
        return;
      }
      if (!pit.hasPureTensorSemantics()) {
        pit.emitOpError() << "spider-lower-pit-to-gpu lowers spider.pit on "
                             "tensors";
        return signalPassFailure();
      }
      plans.push_back(plan);
    });
    for (const MatmulPit &plan : plans)
      lower(plan, tf32);
  }
};

} // namespace
