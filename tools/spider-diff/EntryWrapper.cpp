//===- EntryWrapper.cpp - Printing what an entry function returns ---------===//
//
// spider-diff compares what a program prints *and* what its entry returns:
// an entry with results is called from a new function that prints them.
//
//===----------------------------------------------------------------------===//

#include "Variants.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/Builders.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace spider_diff;

/// The runner-utils printer of memrefs of `type`, or "".
static std::string printerName(Type type) {
  if (type.isF16())
    return "printMemrefF16";
  if (type.isBF16())
    return "printMemrefBF16";
  if (type.isF32())
    return "printMemrefF32";
  if (type.isF64())
    return "printMemrefF64";
  if (type.isIndex())
    return "printMemrefInd";
  if (auto complex = dyn_cast<ComplexType>(type)) {
    if (complex.getElementType().isF32())
      return "printMemrefC32";
    if (complex.getElementType().isF64())
      return "printMemrefC64";
    return "";
  }
  // printMemrefI8 prints characters: narrower integers are widened first.
  if (type.isSignlessInteger(32) || type.isSignlessInteger(64))
    return "printMemrefI" + std::to_string(type.getIntOrFloatBitWidth());
  return "";
}

static std::string typeText(Type type) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << type;
  return text;
}

/// Prints `value`, a result of the entry; fails with `error`.
static LogicalResult printResult(OpBuilder &b, Location loc, ModuleOp module,
                                 Value value, std::string &error) {
  Type type = value.getType();
  if (isa<IntegerType, IndexType, FloatType, VectorType>(type)) {
    vector::PrintOp::create(b, loc, value);
    return success();
  }
  auto shaped = dyn_cast<ShapedType>(type);
  if (!shaped || !isa<RankedTensorType, MemRefType>(type)) {
    error = "spider-diff cannot print a result of type " + typeText(type);
    return failure();
  }
  // Narrow integers print as i32 (booleans as 0 and 1), from a tensor.
  auto narrow = dyn_cast<IntegerType>(shaped.getElementType());
  if (narrow && narrow.getWidth() < 32) {
    if (auto memref = dyn_cast<MemRefType>(type)) {
      if (!memref.getLayout().isIdentity()) {
        error = "spider-diff cannot print a result of type " + typeText(type);
        return failure();
      }
      value = bufferization::ToTensorOp::create(
          b, loc, RankedTensorType::get(memref.getShape(), narrow), value,
          /*restrict=*/b.getUnitAttr());
    }
    auto wide = RankedTensorType::get(shaped.getShape(), b.getI32Type());
    if (narrow.getWidth() == 1)
      value = arith::ExtUIOp::create(b, loc, wide, value);
    else
      value = arith::ExtSIOp::create(b, loc, wide, value);
    shaped = wide;
  }
  Type element = shaped.getElementType();
  std::string name = printerName(element);
  if (name.empty()) {
    error = "spider-diff cannot print a result of type " + typeText(type);
    return failure();
  }
  auto unrankedMemref = UnrankedMemRefType::get(element, 0);
  auto unrankedTensor = UnrankedTensorType::get(element);
  auto printer = module.lookupSymbol<func::FuncOp>(name);
  if (!printer) {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(module.getBody());
    printer = func::FuncOp::create(b, loc, name,
                                   b.getFunctionType({unrankedMemref}, {}));
    printer.setPrivate();
    printer->setAttr("llvm.emit_c_interface", b.getUnitAttr());
  }
  ArrayRef<Type> inputs = printer.getFunctionType().getInputs();
  if (inputs.size() != 1 ||
      (inputs[0] != unrankedMemref && inputs[0] != unrankedTensor)) {
    error = "@" + name +
            " is declared with another type than the one "
            "spider-diff prints results with";
    return failure();
  }
  Value argument;
  if (auto tensor = dyn_cast<RankedTensorType>(value.getType())) {
    if (inputs[0] == unrankedTensor) {
      argument = tensor::CastOp::create(b, loc, unrankedTensor, value);
    } else {
      auto memref = MemRefType::get(tensor.getShape(), element);
      Value buffer = bufferization::ToBufferOp::create(b, loc, memref, value,
                                                       b.getUnitAttr());
      argument = memref::CastOp::create(b, loc, unrankedMemref, buffer);
    }
  } else if (inputs[0] == unrankedMemref) {
    argument = memref::CastOp::create(b, loc, unrankedMemref, value);
  } else {
    error = "@" + name +
            " takes tensors; spider-diff cannot print the "
            "memref result with it";
    return failure();
  }
  func::CallOp::create(b, loc, printer, argument);
  return success();
}

FailureOr<std::string> spider_diff::wrapEntry(ModuleOp module, StringRef entry,
                                              std::string &error) {
  auto function = module.lookupSymbol<func::FuncOp>(entry);
  if (!function) {
    error = "no function @" + entry.str() + " to run (choose one with -e)";
    return failure();
  }
  if (function.isExternal()) {
    error = "@" + entry.str() + " is a declaration, not a function to run";
    return failure();
  }
  if (function.getNumArguments() != 0) {
    error = "@" + entry.str() +
            " takes arguments; spider-diff runs an entry without any "
            "(choose one with -e)";
    return failure();
  }
  if (function.getNumResults() == 0)
    return entry.str();

  std::string name = "__spider_diff_entry";
  while (module.lookupSymbol(name))
    name += "_";
  OpBuilder b(module.getContext());
  b.setInsertionPointToEnd(module.getBody());
  Location loc = function.getLoc();
  auto wrapper = func::FuncOp::create(b, loc, name, b.getFunctionType({}, {}));
  b.setInsertionPointToStart(wrapper.addEntryBlock());
  auto call = func::CallOp::create(b, loc, function, ValueRange());
  for (Value result : call.getResults()) {
    if (failed(printResult(b, loc, module, result, error))) {
      wrapper.erase();
      return failure();
    }
  }
  func::ReturnOp::create(b, loc);
  return name;
}
