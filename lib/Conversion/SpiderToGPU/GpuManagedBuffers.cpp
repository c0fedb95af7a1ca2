//===- GpuManagedBuffers.cpp - Host buffers the GPU can read --------------===//
//
// spider-gpu-pipeline runs whole programs: kernels read buffers that host
// code allocated, filled or will print. Rather than copying between host and
// device around every launch, every host heap buffer becomes CUDA managed
// memory (gpu.alloc host_shared), which both sides address alike. A host
// copy into or out of a buffer that a kernel uses runs on the GPU
// (gpu.memcpy): a CPU memcpy would migrate every page of both buffers to
// the host, and the next kernel would fault them all back. Buffers that no
// kernel can reach stay host memory (hostOnlyAllocs).
//
//===----------------------------------------------------------------------===//

#include "spider/Conversion/SpiderToGPU/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/CallInterfaces.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

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

/// Whether an op only reads or writes through `buffer`, or asks about it,
/// without handing it (or a view of it) on.
bool keepsBuffer(Operation *user) {
  return isa<memref::LoadOp, memref::StoreOp, memref::DimOp,
             memref::DeallocOp, memref::CopyOp, gpu::DeallocOp,
             gpu::MemcpyOp>(user);
}

/// What a flow walk does at one use of a buffer.
enum class AtUse { Stop, Skip, Follow };

/// Walks the values `buffer` flows to, wherever it goes: through views and
/// casts, into the functions it is passed to and out of those that return
/// it, through loop-carried values and region results. Anything else that
/// takes the buffer and returns or holds a memref counts as handing it on.
/// `visit` sees every use first: Stop ends the walk (returning true), Skip
/// follows the use no further, Follow applies the rules above. A call whose
/// callee has no body is followed no further either way.
bool walkFlow(Value buffer, function_ref<AtUse(OpOperand &)> visit) {
  SmallVector<Value> work = {buffer};
  llvm::SmallPtrSet<Value, 16> seen;
  SymbolTableCollection symbols;
  ModuleOp module = buffer.getParentRegion()
                        ->getParentOp()
                        ->getParentOfType<ModuleOp>();
  auto push = [&](Value v) {
    if (isa<BaseMemRefType>(v.getType()) && seen.insert(v).second)
      work.push_back(v);
  };
  auto pushAll = [&](ValueRange values) {
    for (Value v : values)
      push(v);
  };
  while (!work.empty()) {
    Value v = work.pop_back_val();
    for (OpOperand &use : v.getUses()) {
      AtUse at = visit(use);
      if (at == AtUse::Stop)
        return true;
      if (at == AtUse::Skip)
        continue;
      Operation *user = use.getOwner();
      if (auto call = dyn_cast<CallOpInterface>(user)) {
        auto callee = dyn_cast_or_null<FunctionOpInterface>(
            call.resolveCallableInTable(&symbols));
        unsigned argument = use.getOperandNumber() -
                            call.getArgOperands().getBeginOperandIndex();
        if (callee && !callee.isExternal() &&
            argument < callee.getNumArguments())
          push(callee.getArgument(argument));
        continue;
      }
      if (isa<func::ReturnOp>(user)) {
        // Every caller's result.
        auto function = user->getParentOfType<func::FuncOp>();
        std::optional<SymbolTable::UseRange> uses;
        if (function && module)
          uses = function.getSymbolUses(module);
        if (!uses)
          return true; // Callers unknown: as if they handed it anywhere.
        for (const SymbolTable::SymbolUse &symbolUse : *uses)
          if (auto call = dyn_cast<CallOpInterface>(symbolUse.getUser()))
            push(call->getResult(use.getOperandNumber()));
        continue;
      }
      if (user->hasTrait<OpTrait::IsTerminator>()) {
        // scf.yield and friends: the parent's results and its regions'
        // arguments (a loop's next iteration).
        Operation *parent = user->getParentOp();
        pushAll(parent->getResults());
        for (Region &region : parent->getRegions())
          for (Block &block : region)
            pushAll(block.getArguments());
        continue;
      }
      // Views, casts, loops taking it as an initial value, and anything
      // else: its memref results and the arguments of its regions.
      pushAll(user->getResults());
      for (Region &region : user->getRegions())
        for (Block &block : region)
          pushAll(block.getArguments());
    }
  }
  return false;
}

/// Whether a kernel (a gpu.launch) reads or writes `buffer` or a view of it
/// (walkFlow; an over-approximation: managed memory is readable from the
/// host too, so a buffer moved there needlessly costs only page
/// migrations). A call of a function without a body may launch kernels
/// (Spider's GPU runtime, `spider_rt_gpu_*`, does) and counts as reaching
/// one when `unknownCallsReach`, except Spider's host runtime (the other
/// `spider_rt_*`), which never does.
bool reachesKernel(Value buffer, bool unknownCallsReach = true) {
  return walkFlow(buffer, [&](OpOperand &use) {
    Operation *user = use.getOwner();
    if (onDevice(user) || isa<gpu::LaunchOp, gpu::LaunchFuncOp>(user))
      return AtUse::Stop;
    if (keepsBuffer(user))
      return AtUse::Skip;
    if (auto call = dyn_cast<CallOpInterface>(user)) {
      auto callee =
          dyn_cast_or_null<FunctionOpInterface>(call.resolveCallable());
      if (callee && !callee.isExternal())
        return AtUse::Follow;
      StringRef name = callee ? callee.getName() : StringRef();
      bool hostRuntime = name.starts_with("spider_rt_") &&
                         !name.starts_with("spider_rt_gpu_");
      return unknownCallsReach && !hostRuntime ? AtUse::Stop : AtUse::Skip;
    }
    return AtUse::Follow;
  });
}

/// Whether every buffer `value` can be is one of `hostAllocs` (or a view of
/// one), as far as its definition shows.
bool onlyFrom(Value value, const llvm::DenseSet<Operation *> &hostAllocs) {
  while (Operation *def = value.getDefiningOp()) {
    if (isa<memref::AllocOp>(def))
      return hostAllocs.contains(def);
    if (auto metadata = dyn_cast<memref::ExtractStridedMetadataOp>(def)) {
      value = metadata.getSource();
      continue;
    }
    auto view = dyn_cast<ViewLikeOpInterface>(def);
    if (!view)
      return false;
    value = view.getViewSource();
  }
  return false; // A block argument: any buffer.
}

/// The host buffers that stay ordinary host memory: no kernel reaches them
/// (the bufferization's ownership flags, the index lists of its dealloc
/// helper, scratch of host loops), and every dealloc that may free one
/// frees only such buffers (a gpu.dealloc cannot free malloc'ed memory,
/// nor memref.dealloc managed memory).
llvm::DenseSet<Operation *> hostOnlyAllocs(ArrayRef<Operation *> ops) {
  llvm::DenseSet<Operation *> host;
  for (Operation *op : ops)
    if (auto alloc = dyn_cast<memref::AllocOp>(op))
      if (alloc.getSymbolOperands().empty() &&
          !reachesKernel(alloc.getResult()))
        host.insert(op);
  for (bool changed = true; changed;) {
    changed = false;
    for (Operation *op : SmallVector<Operation *>(host.begin(), host.end())) {
      bool mixed = walkFlow(op->getResult(0), [&](OpOperand &use) {
        auto dealloc = dyn_cast<memref::DeallocOp>(use.getOwner());
        if (dealloc)
          return onlyFrom(dealloc.getMemref(), host) ? AtUse::Skip
                                                     : AtUse::Stop;
        return keepsBuffer(use.getOwner()) ? AtUse::Skip : AtUse::Follow;
      });
      if (mixed) {
        host.erase(op);
        changed = true;
      }
    }
  }
  return host;
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

/// gpu.dealloc, queued on the runtime's stream and not waited for: Spider's
/// runtime frees without synchronizing and orders the block's reuse itself
/// (runtime/cuda/BlockCache.h); its token is left unused. (With MLIR's own
/// runtime wrappers the stream of the `gpu.wait async` would leak: code
/// from spider-gpu-pipeline links libspider_cuda_runtime.)
void emitDealloc(OpBuilder &b, Location loc, Value memref) {
  Type token = gpu::AsyncTokenType::get(b.getContext());
  Value stream = gpu::WaitOp::create(b, loc, token, ValueRange{}).getAsyncToken();
  gpu::DeallocOp::create(b, loc, token, ValueRange{stream}, memref);
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
    llvm::DenseSet<Operation *> hostAllocs = hostOnlyAllocs(ops);
    for (Operation *op : ops) {
      if (hostAllocs.contains(op))
        continue;
      OpBuilder b(op);
      Location loc = op->getLoc();
      if (auto alloca = dyn_cast<memref::AllocaOp>(op)) {
        // An error only where a kernel surely reads it.
        if (reachesKernel(alloca.getResult(), /*unknownCallsReach=*/false)) {
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
        if (onlyFrom(dealloc.getMemref(), hostAllocs))
          continue;
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
