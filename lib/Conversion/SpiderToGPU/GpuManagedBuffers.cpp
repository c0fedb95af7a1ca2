//===- GpuManagedBuffers.cpp - Host buffers the GPU can read --------------===//
//
// spider-gpu-pipeline runs whole programs: kernels read buffers that host
// code allocated, filled or will print. Rather than copying between host and
// device around every launch, every host heap buffer becomes CUDA managed
// memory (gpu.alloc host_shared), which both sides address alike. A host
// copy into or out of a buffer that a kernel uses runs on the GPU
// (gpu.memcpy): a CPU memcpy would migrate every page of both buffers to
// the host, and the next kernel would fault them all back.
//
//===----------------------------------------------------------------------===//

#include "spider/Conversion/SpiderToGPU/Passes.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"

namespace mlir::spider {
#define GEN_PASS_DEF_SPIDERGPUMANAGEDBUFFERS
#include "spider/Conversion/SpiderToGPU/Passes.h.inc"
} // namespace mlir::spider

using namespace mlir;

namespace {

bool onDevice(Operation *op) {
  return op->getParentOfType<gpu::LaunchOp>() ||
         op->getParentOfType<gpu::GPUModuleOp>();
}

/// Whether a kernel (a gpu.launch) reads or writes `buffer` or a view of it.
bool reachesKernel(Value buffer) {
  SmallVector<Value> work = {buffer};
  while (!work.empty()) {
    Value v = work.pop_back_val();
    for (OpOperand &use : v.getUses()) {
      Operation *user = use.getOwner();
      if (onDevice(user) || isa<gpu::LaunchOp, gpu::LaunchFuncOp>(user))
        return true;
      if (isa<ViewLikeOpInterface>(user) || isa<memref::CastOp>(user))
        for (Value r : user->getResults())
          work.push_back(r);
    }
  }
  return false;
}

/// Runs the op that `build` creates on a stream of its own and waits for
/// it: MLIR 22's gpu-to-llvm lowers gpu.dealloc and gpu.memcpy only in
/// their async forms. `build` takes the token type and the stream's token
/// and returns the op's token.
void emitWaited(OpBuilder &b, Location loc,
                function_ref<Value(Type, Value)> build) {
  Type token = gpu::AsyncTokenType::get(b.getContext());
  Value stream = gpu::WaitOp::create(b, loc, token, ValueRange{}).getAsyncToken();
  gpu::WaitOp::create(b, loc, Type(), ValueRange{build(token, stream)});
}

void emitDealloc(OpBuilder &b, Location loc, Value memref) {
  emitWaited(b, loc, [&](Type token, Value stream) {
    return gpu::DeallocOp::create(b, loc, token, ValueRange{stream}, memref)
        .getAsyncToken();
  });
}

void emitCopy(OpBuilder &b, Location loc, Value source, Value target) {
  emitWaited(b, loc, [&](Type token, Value stream) {
    return gpu::MemcpyOp::create(b, loc, token, ValueRange{stream}, target,
                                 source)
        .getAsyncToken();
  });
}

/// Whether a host memref.copy should run on the GPU: a kernel uses one of
/// its buffers, and both are contiguous (identity layout), as gpu.memcpy
/// wants.
bool copiesOnDevice(memref::CopyOp copy) {
  auto contiguous = [](Value v) {
    auto type = dyn_cast<MemRefType>(v.getType());
    return type && type.getLayout().isIdentity();
  };
  return contiguous(copy.getSource()) && contiguous(copy.getTarget()) &&
         copy.getSource().getType() == copy.getTarget().getType() &&
         (reachesKernel(copy.getSource()) || reachesKernel(copy.getTarget()));
}

struct GpuManagedBuffersPass
    : public spider::impl::SpiderGpuManagedBuffersBase<GpuManagedBuffersPass> {
  void runOnOperation() override {
    SmallVector<Operation *> ops;
    getOperation()->walk([&](Operation *op) {
      if (!onDevice(op) &&
          isa<memref::AllocOp, memref::DeallocOp, memref::GetGlobalOp,
              memref::AllocaOp, memref::CopyOp>(op))
        ops.push_back(op);
    });
    for (Operation *op : ops) {
      OpBuilder b(op);
      Location loc = op->getLoc();
      if (auto alloca = dyn_cast<memref::AllocaOp>(op)) {
        if (reachesKernel(alloca.getResult())) {
          alloca.emitOpError() << "is on the host stack, which a GPU kernel "
                                  "cannot read; allocate it with memref.alloc";
          return signalPassFailure();
        }
        continue;
      }
      if (auto alloc = dyn_cast<memref::AllocOp>(op)) {
        if (!alloc.getSymbolOperands().empty()) {
          alloc.emitOpError() << "has symbol operands, which gpu.alloc lacks";
          return signalPassFailure();
        }
        auto managed = gpu::AllocOp::create(
            b, loc, alloc.getType(), /*asyncToken=*/Type(),
            /*asyncDependencies=*/ValueRange{}, alloc.getDynamicSizes(),
            /*symbolOperands=*/ValueRange{}, /*hostShared=*/b.getUnitAttr());
        alloc.replaceAllUsesWith(managed.getMemref());
        alloc.erase();
        continue;
      }
      if (auto copy = dyn_cast<memref::CopyOp>(op)) {
        if (copiesOnDevice(copy)) {
          emitCopy(b, loc, copy.getSource(), copy.getTarget());
          copy.erase();
        }
        continue;
      }
      if (auto dealloc = dyn_cast<memref::DeallocOp>(op)) {
        emitDealloc(b, loc, dealloc.getMemref());
        dealloc.erase();
        continue;
      }
      auto global = cast<memref::GetGlobalOp>(op);
      if (!reachesKernel(global.getResult()))
        continue;
      // Constants are copied once where they are taken; the copy lives to
      // the end of the function (constants are small: indices, weights).
      auto type = global.getType();
      b.setInsertionPointAfter(global);
      auto managed = gpu::AllocOp::create(b, loc, type, Type(), ValueRange{},
                                          ValueRange{}, ValueRange{},
                                          b.getUnitAttr());
      auto copy = memref::CopyOp::create(b, loc, global.getResult(),
                                         managed.getMemref());
      global.getResult().replaceAllUsesExcept(managed.getMemref(), copy);
      Block *block = global->getBlock();
      b.setInsertionPoint(block->getTerminator());
      emitDealloc(b, loc, managed.getMemref());
    }
  }
};

} // namespace
