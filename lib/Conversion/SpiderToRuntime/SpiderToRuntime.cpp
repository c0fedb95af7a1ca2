//===- SpiderToRuntime.cpp - Index construction to runtime calls ----------===//

#include "spider/Conversion/Passes.h"
#include "spider/Dialect/Spider/IR/SpiderOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/BufferizableOpInterface.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::spider {
#define GEN_PASS_DEF_CONVERTSPIDERTORUNTIME
#include "spider/Conversion/Passes.h.inc"
} // namespace mlir::spider

using namespace mlir;
using namespace mlir::spider;

namespace {

/// Drops `#spider.sparse` from a type, if it carries one.
Type dropEncoding(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor || !isa_and_nonnull<SparseEncodingAttr>(tensor.getEncoding()))
    return type;
  return RankedTensorType::get(tensor.getShape(), tensor.getElementType());
}

/// Removes assume_sparse and every #spider.sparse encoding.
void stripEncodings(ModuleOp module) {
  module.walk([](AssumeSparseOp op) {
    op.getResult().replaceAllUsesWith(op.getSource());
    op.erase();
  });
  module.walk([](Operation *op) {
    for (Value result : op->getResults())
      result.setType(dropEncoding(result.getType()));
    for (Region &region : op->getRegions())
      for (Block &block : region)
        for (BlockArgument arg : block.getArguments())
          arg.setType(dropEncoding(arg.getType()));
    if (auto func = dyn_cast<FunctionOpInterface>(op)) {
      auto type = cast<FunctionType>(func.getFunctionType());
      SmallVector<Type> inputs, results;
      for (Type t : type.getInputs())
        inputs.push_back(dropEncoding(t));
      for (Type t : type.getResults())
        results.push_back(dropEncoding(t));
      func.setType(FunctionType::get(op->getContext(), inputs, results));
    }
  });
}

class RuntimeCalls {
public:
  explicit RuntimeCalls(ModuleOp module) : module(module) {}

  /// Returns (declaring on first use) `@name : inputs -> results`.
  func::FuncOp declare(StringRef name, TypeRange inputs, TypeRange results,
                       bool cInterface) {
    if (auto existing = module.lookupSymbol<func::FuncOp>(name))
      return existing;
    OpBuilder b = OpBuilder::atBlockBegin(module.getBody());
    auto func = func::FuncOp::create(
        b, module.getLoc(), name,
        FunctionType::get(module.getContext(), inputs, results));
    func.setPrivate();
    if (cInterface)
      func->setAttr(LLVM::LLVMDialect::getEmitCWrapperAttrName(),
                    UnitAttr::get(module.getContext()));
    return func;
  }

  Value call(OpBuilder &b, Location loc, StringRef name, ValueRange args,
             TypeRange results, bool cInterface = true) {
    func::FuncOp callee = declare(name, args.getTypes(), results, cInterface);
    auto call = func::CallOp::create(b, loc, callee, args);
    return results.empty() ? Value() : call.getResult(0);
  }

private:
  ModuleOp module;
};

/// Casts a tensor element-wise to `elementType`, as the runtime wants it.
Value castElements(OpBuilder &b, Location loc, Value tensor, Type target) {
  if (isa<MemRefType>(tensor.getType()))
    return tensor; // Checked by the caller: buffers are read as they are.
  auto type = cast<RankedTensorType>(tensor.getType());
  Type source = type.getElementType();
  if (source == target)
    return tensor;
  Type castType = type.clone(target);
  if (isa<FloatType>(source) && isa<FloatType>(target))
    return arith::ExtFOp::create(b, loc, castType, tensor);
  if (source.isIndex() || target.isIndex())
    return arith::IndexCastOp::create(b, loc, castType, tensor);
  if (source.isInteger(1))
    return arith::ExtUIOp::create(b, loc, castType, tensor);
  return arith::ExtSIOp::create(b, loc, castType, tensor);
}

/// The tensor (or buffer) as an unranked buffer, for the runtime to read.
Value asUnrankedBuffer(OpBuilder &b, Location loc, Value tensor) {
  if (auto memref = dyn_cast<MemRefType>(tensor.getType()))
    return memref::CastOp::create(
        b, loc, UnrankedMemRefType::get(memref.getElementType(), 0), tensor);
  auto type = cast<RankedTensorType>(tensor.getType());
  auto memrefType = bufferization::getMemRefTypeWithFullyDynamicLayout(type);
  Value buffer = bufferization::ToBufferOp::create(
      b, loc, cast<MemRefType>(memrefType), tensor, /*readOnly=*/true);
  auto unranked = UnrankedMemRefType::get(type.getElementType(), 0);
  return memref::CastOp::create(b, loc, unranked, buffer);
}

/// Picks the runtime's element type for detect: f32, f64, i32 or i64, and
/// on the GPU also f16 and bf16 (read as they are, where a cast to f32
/// would write a copy twice the size of the tensor first).
std::pair<Type, StringRef> detectElementType(Builder &b, Type element,
                                             bool gpu) {
  if (gpu && element.isF16())
    return {element, "f16"};
  if (gpu && element.isBF16())
    return {element, "bf16"};
  if (element.isF64())
    return {b.getF64Type(), "f64"};
  if (isa<FloatType>(element))
    return {b.getF32Type(), "f32"};
  if (element.isIndex() || element.isInteger(64))
    return {b.getI64Type(), "i64"};
  return {b.getI32Type(), "i32"};
}

struct ConvertSpiderToRuntimePass
    : public spider::impl::ConvertSpiderToRuntimeBase<
          ConvertSpiderToRuntimePass> {
  using Base::Base;

  /// "spider_rt_" or "spider_rt_gpu_": the runtime that builds indices.
  std::string prefix;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (target != "cpu" && target != "gpu") {
      module.emitError() << "convert-spider-to-runtime: target must be cpu "
                            "or gpu, not '"
                         << target << "'";
      return signalPassFailure();
    }
    prefix = target == "gpu" ? "spider_rt_gpu_" : "spider_rt_";
    // Constant indices: their arrays are constants.
    RewritePatternSet patterns(&getContext());
    IndexArraysOp::getCanonicalizationPatterns(patterns, &getContext());
    if (failed(applyPatternsGreedily(module, std::move(patterns))))
      return signalPassFailure();
    module.walk([](IndexConstantOp op) {
      if (op->use_empty())
        op.erase();
    });

    stripEncodings(module);

    RuntimeCalls runtime(module);
    auto ptrType = LLVM::LLVMPointerType::get(&getContext());
    SmallVector<Operation *> producers;
    module.walk([&](Operation *op) {
      if (isa<DetectOp, RouteOp, IndexFromCsrOp, IndexConstantOp>(op))
        producers.push_back(op);
    });
    for (Operation *op : producers)
      if (failed(convertProducer(op, runtime, ptrType)))
        return signalPassFailure();
  }

  LogicalResult convertProducer(Operation *op, RuntimeCalls &runtime,
                                Type ptrType) {
    {
      if (isa<IndexConstantOp>(op)) {
        return op->emitOpError()
               << "convert-spider-to-runtime reads constant indices only through "
                  "spider.index_arrays";
      }
      if (auto detect = dyn_cast<DetectOp>(op);
          detect && detect.getIndex().getType().getRank() > 4) {
        return op->emitOpError() << "convert-spider-to-runtime detects indices of "
                                    "tensors of rank 1 to 4";
      }
      for (Value operand : op->getOperands()) {
        auto memref = dyn_cast<MemRefType>(operand.getType());
        if (!memref)
          continue;
        Type element = memref.getElementType();
        bool integral = isa<RouteOp, IndexFromCsrOp>(op);
        bool readable = integral ? element.isInteger(64)
                                 : (element.isF32() || element.isF64() ||
                                    element.isInteger(32) ||
                                    element.isInteger(64));
        if (!readable)
          return op->emitOpError()
                 << "convert-spider-to-runtime reads buffers of "
                 << (integral ? "i64" : "f32, f64, i32 or i64")
                 << " here, not " << memref
                 << "; cast before bufferization";
      }
      Value index = op->getResult(0);
      for (OpOperand &use : index.getUses()) {
        Operation *user = use.getOwner();
        if (!isa<IndexArraysOp, IndexNonZerosOp>(user)) {
          InFlightDiagnostic diag =
              op->emitOpError()
              << "convert-spider-to-runtime cannot lower this index: it is used by '"
              << user->getName()
              << "'; indices may only feed spider.pit (and spider.index_arrays, "
                 "spider.index_nonzeros)";
          diag.attachNote(user->getLoc()) << "used here";
          return diag;
        }
        if (!op->getBlock()->findAncestorOpInBlock(*user))
          return op->emitOpError() << "convert-spider-to-runtime needs an index to "
                                      "be used in the block that builds it";
      }
      OpBuilder b(op);
      Location loc = op->getLoc();
      Value handle = buildHandle(b, loc, op, runtime, ptrType);
      // Arrays.
      auto memrefType =
          MemRefType::get({ShapedType::kDynamic}, b.getIndexType());
      for (Operation *user : llvm::make_early_inc_range(index.getUsers())) {
        if (auto nonZeros = dyn_cast<IndexNonZerosOp>(user)) {
          OpBuilder ub(nonZeros);
          Value count = runtime.call(ub, loc, prefix + "index_nonzeros", handle,
                                     ub.getI64Type(), /*cInterface=*/false);
          nonZeros.replaceAllUsesWith(arith::IndexCastOp::create(
              ub, loc, ub.getIndexType(), count).getResult());
          nonZeros.erase();
          continue;
        }
        auto arrays = cast<IndexArraysOp>(user);
        OpBuilder ub(arrays);
        SmallVector<Value> tensors;
        for (std::string name :
             {prefix + "index_offsets", prefix + "index_positions"}) {
          Value buffer = runtime.call(ub, loc, name, handle, memrefType);
          tensors.push_back(bufferization::ToTensorOp::create(
              ub, loc, arrays.getOffsets().getType(), buffer,
              /*restrict=*/true, /*writable=*/false));
        }
        arrays.replaceAllUsesWith(tensors);
        arrays.erase();
      }
      // Release at the end of the building block.
      OpBuilder eb(op->getBlock()->getTerminator());
      runtime.call(eb, loc, prefix + "index_release", handle, {},
                   /*cInterface=*/false);
      op->erase();
      return success();
    }
  }

  Value buildHandle(OpBuilder &b, Location loc, Operation *op,
                    RuntimeCalls &runtime, Type ptrType) {
    auto i64 = [&](int64_t v) {
      return arith::ConstantIntOp::create(b, loc, v, 64).getResult();
    };
    if (auto detect = dyn_cast<DetectOp>(op)) {
      TileIndexType type = detect.getIndex().getType();
      auto tensorType = cast<ShapedType>(detect.getInput().getType());
      auto [element, suffix] =
          detectElementType(b, tensorType.getElementType(), target == "gpu");
      Value input = castElements(b, loc, detect.getInput(), element);
      SmallVector<Value> args = {asUnrankedBuffer(b, loc, input),
                                 i64(type.getPackDim())};
      for (int64_t d = 0; d < 4; ++d)
        args.push_back(i64(d < type.getRank() ? type.getMicrotile()[d] : 1));
      return runtime.call(b, loc, prefix + "detect_" + suffix.str(), args,
                          ptrType);
    }
    if (auto route = dyn_cast<RouteOp>(op)) {
      Value ids = castElements(b, loc, route.getIds(), b.getI64Type());
      SmallVector<Value> args = {
          asUnrankedBuffer(b, loc, ids),
          i64(static_cast<int64_t>(route.getNumExperts())),
          i64(route.getIndex().getType().getMicrotile()[0])};
      return runtime.call(b, loc, prefix + "route", args, ptrType);
    }
    auto csr = cast<IndexFromCsrOp>(op);
    ArrayRef<int64_t> microtile = csr.getIndex().getType().getMicrotile();
    Value offsets = castElements(b, loc, csr.getRowOffsets(), b.getI64Type());
    Value columns = castElements(b, loc, csr.getColumns(), b.getI64Type());
    Value numColumns = arith::IndexCastOp::create(b, loc, b.getI64Type(),
                                                  csr.getNumColumns());
    SmallVector<Value> args = {asUnrankedBuffer(b, loc, offsets),
                               asUnrankedBuffer(b, loc, columns), numColumns,
                               i64(microtile[0]), i64(microtile[1])};
    return runtime.call(b, loc, prefix + "index_from_csr", args, ptrType);
  }
};

} // namespace
