//===- SpiderToRuntime.cpp - Index construction to runtime calls ----------===//

#include "spider/Conversion/Passes.h"
#include "spider/Dialect/Spider/IR/SpiderOps.h"
#include "spider/Dialect/Spider/Transforms/Utils/CodegenUtils.h"
#include "spider/Runtime/RuntimeABI.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/BufferizableOpInterface.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "llvm/ADT/STLExtras.h"

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
    // Functions typed otherwise (llvm.func: LLVM types hold no encoding)
    // are left alone.
    auto func = dyn_cast<FunctionOpInterface>(op);
    if (auto type = func ? dyn_cast<FunctionType>(func.getFunctionType())
                         : FunctionType()) {
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

  /// Calls `name` (declared on first use with the types of `args` and
  /// `results`).
  Value call(OpBuilder &b, Location loc, StringRef name, ValueRange args,
             TypeRange results, bool cInterface = true) {
    func::FuncOp callee = declareRuntimeFunction(
        module, name,
        FunctionType::get(module.getContext(), args.getTypes(), results),
        cInterface);
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

// The element types each runtime's detect entry points read, by their
// suffix (RuntimeABI.h), which is also their MLIR spelling.
#define SPIDER_DETECT_SUFFIX(SUFFIX, CTYPE) #SUFFIX,
constexpr StringLiteral kCpuDetectTypes[] = {
    SPIDER_RT_FOR_EVERY_DETECT_TYPE(SPIDER_DETECT_SUFFIX)};
constexpr StringLiteral kGpuDetectTypes[] = {
    SPIDER_RT_FOR_EVERY_GPU_DETECT_TYPE(SPIDER_DETECT_SUFFIX)};
#undef SPIDER_DETECT_SUFFIX

/// The runtime's suffix for `type` when one of `types` reads it as it is.
/// Integers are matched by width (the runtime reads bits, whatever their
/// signedness).
std::optional<StringRef> runtimeSuffix(Type type,
                                       ArrayRef<StringLiteral> types) {
  std::string spelling;
  if (auto integer = dyn_cast<IntegerType>(type)) {
    spelling = "i" + std::to_string(integer.getWidth());
  } else {
    llvm::raw_string_ostream os(spelling);
    type.print(os);
  }
  const StringLiteral *it = llvm::find(types, spelling);
  if (it == types.end())
    return std::nullopt;
  return StringRef(*it);
}

/// Picks the runtime's element type for detect: the element type itself
/// when the target's runtime reads it (on the GPU, f16 and bf16 too, where a
/// cast to f32 would write a copy twice the size of the tensor first),
/// otherwise f32 for floats, i64 for index and 64-bit integers, i32 for the
/// other integers.
std::pair<Type, StringRef> detectElementType(Builder &b, Type element,
                                             bool gpu) {
  ArrayRef<StringLiteral> types =
      gpu ? ArrayRef<StringLiteral>(kGpuDetectTypes)
          : ArrayRef<StringLiteral>(kCpuDetectTypes);
  if (std::optional<StringRef> suffix = runtimeSuffix(element, types)) {
    if (auto integer = dyn_cast<IntegerType>(element))
      return {b.getIntegerType(integer.getWidth()), *suffix}; // Signless.
    return {element, *suffix};
  }
  Type target = b.getI32Type();
  if (isa<FloatType>(element))
    target = b.getF32Type();
  else if (element.isIndex() || element.isInteger(64))
    target = b.getI64Type();
  std::optional<StringRef> suffix = runtimeSuffix(target, types);
  assert(suffix && "the runtimes read f32, i32 and i64");
  return {target, *suffix};
}

/// "f32, f64, i32 or i64": the element types a runtime reads buffers of.
std::string listTypes(ArrayRef<StringLiteral> types) {
  std::string list = types.front().str();
  for (size_t i = 1; i < types.size(); ++i)
    list += (i + 1 == types.size() ? " or " : ", ") + types[i].str();
  return list;
}

struct ConvertSpiderToRuntimePass
    : public spider::impl::ConvertSpiderToRuntimeBase<
          ConvertSpiderToRuntimePass> {
  using Base::Base;

  /// SPIDER_RT_CPU_PREFIX or SPIDER_RT_GPU_PREFIX: the runtime that builds
  /// indices.
  std::string prefix;

  bool gpu() const { return target == Target::GPU; }

  void runOnOperation() override {
    ModuleOp module = getOperation();
    prefix = gpu() ? SPIDER_RT_GPU_PREFIX : SPIDER_RT_CPU_PREFIX;
    // Constant indices: their arrays are constants.
    RewritePatternSet patterns(&getContext());
    IndexArraysOp::getCanonicalizationPatterns(patterns, &getContext());
    if (failed(applyPatternsGreedily(module, std::move(patterns))))
      return signalPassFailure();
    // Marks go first: a constant index that only a mark used (its PIT
    // folded to the dense computation) is then unused.
    stripEncodings(module);
    module.walk([](IndexConstantOp op) {
      if (op->use_empty())
        op.erase();
    });

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
    if (failed(checkNoIndexLeft(module)))
      return signalPassFailure();
  }

  /// What is left reads an index that no producer of this module built: a
  /// block argument (a function that takes a !spider.index). The runtime
  /// has nothing to read it from.
  LogicalResult checkNoIndexLeft(ModuleOp module) {
    WalkResult walk = module.walk([&](Operation *op) {
      for (Value operand : op->getOperands()) {
        auto arg = dyn_cast<BlockArgument>(operand);
        if (!arg || !isa<TileIndexType>(arg.getType()))
          continue;
        Operation *owner = arg.getOwner()->getParentOp();
        InFlightDiagnostic diag =
            op->emitOpError()
            << "convert-spider-to-runtime cannot lower this: its index is "
               "argument #"
            << arg.getArgNumber() << " of '" << owner->getName()
            << "'; build the index (spider.detect, spider.route, "
               "spider.index_from_csr, spider.index_constant) in the "
               "function that uses it";
        diag.attachNote(owner->getLoc()) << "the argument's owner";
        return WalkResult::interrupt();
      }
      return WalkResult::advance();
    });
    return failure(walk.wasInterrupted());
  }

  /// Replaces the index producer `op` by a runtime handle, its arrays and
  /// statistics by runtime calls, and releases the handle at the end of the
  /// block.
  LogicalResult convertProducer(Operation *op, RuntimeCalls &runtime,
                                Type ptrType) {
    if (failed(checkConvertible(op)))
      return failure();
    OpBuilder b(op);
    Location loc = op->getLoc();
    Value handle = buildHandle(b, loc, op, runtime, ptrType);
    for (Operation *user :
         llvm::make_early_inc_range(op->getResult(0).getUsers())) {
      if (auto nonZeros = dyn_cast<IndexNonZerosOp>(user))
        replaceNonZeros(nonZeros, handle, runtime);
      else
        replaceArrays(cast<IndexArraysOp>(user), handle, runtime);
    }
    OpBuilder eb(op->getBlock()->getTerminator());
    runtime.call(eb, loc, prefix + SPIDER_RT_INDEX_RELEASE_STEM, handle, {},
                 /*cInterface=*/false);
    op->erase();
    return success();
  }

  /// Reports why the runtime cannot build the index of `op`, if it can't:
  /// a constant index, a rank above 4, a buffer of an element type the
  /// runtime does not read, or an index used elsewhere than by
  /// spider.index_arrays and spider.index_nonzeros in the same block.
  LogicalResult checkConvertible(Operation *op) {
    if (isa<IndexConstantOp>(op))
      return op->emitOpError()
             << "convert-spider-to-runtime reads constant indices only through "
                "spider.index_arrays";
    if (auto detect = dyn_cast<DetectOp>(op);
        detect &&
        detect.getIndex().getType().getRank() > SPIDER_RT_MAX_DETECT_RANK)
      return op->emitOpError() << "convert-spider-to-runtime detects indices of "
                                  "tensors of rank 1 to "
                               << SPIDER_RT_MAX_DETECT_RANK;
    for (Value operand : op->getOperands()) {
      auto memref = dyn_cast<MemRefType>(operand.getType());
      if (!memref)
        continue;
      Type element = memref.getElementType();
      bool integral = isa<RouteOp, IndexFromCsrOp>(op);
      bool readable =
          integral ? element.isInteger(64)
                   : runtimeSuffix(element, kCpuDetectTypes).has_value();
      if (!readable)
        return op->emitOpError()
               << "convert-spider-to-runtime reads buffers of "
               << (integral ? "i64" : listTypes(kCpuDetectTypes))
               << " here, not " << memref << "; cast before bufferization";
    }
    for (OpOperand &use : op->getResult(0).getUses()) {
      Operation *user = use.getOwner();
      if (!isa<IndexArraysOp, IndexNonZerosOp>(user)) {
        // A spider.pit is lowered before this pass, into what reads the
        // index (spider.index_arrays).
        InFlightDiagnostic diag =
            isa<PitOp>(user)
                ? op->emitOpError()
                      << "convert-spider-to-runtime cannot lower this index: "
                         "it is used by a spider.pit that is not lowered yet "
                         "(run spider-lower-pit-to-loops or "
                         "spider-lower-pit-to-gpu first)"
                : op->emitOpError()
                      << "convert-spider-to-runtime cannot lower this index: "
                         "it is used by '"
                      << user->getName()
                      << "'; indices may only feed spider.pit (and "
                         "spider.index_arrays, spider.index_nonzeros)";
        diag.attachNote(user->getLoc()) << "used here";
        return diag;
      }
      if (!op->getBlock()->findAncestorOpInBlock(*user))
        return op->emitOpError()
               << "convert-spider-to-runtime needs an index to be used in the "
                  "block that builds it";
    }
    return success();
  }

  /// spider.index_nonzeros: the runtime's count.
  void replaceNonZeros(IndexNonZerosOp nonZeros, Value handle,
                       RuntimeCalls &runtime) {
    OpBuilder b(nonZeros);
    Location loc = nonZeros.getLoc();
    Value count = runtime.call(b, loc, prefix + SPIDER_RT_INDEX_NONZEROS_STEM,
                               handle, b.getI64Type(), /*cInterface=*/false);
    nonZeros.replaceAllUsesWith(
        arith::IndexCastOp::create(b, loc, b.getIndexType(), count)
            .getResult());
    nonZeros.erase();
  }

  /// spider.index_arrays: caller-owned buffers from the runtime, as tensors.
  void replaceArrays(IndexArraysOp arrays, Value handle,
                     RuntimeCalls &runtime) {
    OpBuilder b(arrays);
    Location loc = arrays.getLoc();
    auto memrefType = MemRefType::get({ShapedType::kDynamic}, b.getIndexType());
    SmallVector<Value> tensors;
    for (std::string name : {prefix + SPIDER_RT_INDEX_OFFSETS_STEM,
                             prefix + SPIDER_RT_INDEX_POSITIONS_STEM}) {
      Value buffer = runtime.call(b, loc, name, handle, memrefType);
      tensors.push_back(bufferization::ToTensorOp::create(
          b, loc, arrays.getOffsets().getType(), buffer,
          /*restrict=*/true, /*writable=*/false));
    }
    arrays.replaceAllUsesWith(tensors);
    arrays.erase();
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
          detectElementType(b, tensorType.getElementType(), gpu());
      Value input = castElements(b, loc, detect.getInput(), element);
      SmallVector<Value> args = {asUnrankedBuffer(b, loc, input),
                                 i64(type.getPackDim())};
      for (int64_t d = 0; d < 4; ++d)
        args.push_back(i64(d < type.getRank() ? type.getMicrotile()[d] : 1));
      if (!gpu())
        args.push_back(i64(threads));
      return runtime.call(b, loc, prefix + SPIDER_RT_DETECT_STEM + suffix.str(),
                          args, ptrType);
    }
    if (auto route = dyn_cast<RouteOp>(op)) {
      Value ids = castElements(b, loc, route.getIds(), b.getI64Type());
      SmallVector<Value> args = {
          asUnrankedBuffer(b, loc, ids),
          i64(static_cast<int64_t>(route.getNumExperts())),
          i64(route.getIndex().getType().getMicrotile()[0])};
      return runtime.call(b, loc, prefix + SPIDER_RT_ROUTE_STEM, args, ptrType);
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
    return runtime.call(b, loc,
                        prefix + (csr.getSortedColumns()
                                      ? SPIDER_RT_INDEX_FROM_SORTED_CSR_STEM
                                      : SPIDER_RT_INDEX_FROM_CSR_STEM),
                        args, ptrType);
  }
};

} // namespace
