//===- FusePitChains.cpp - One spider.pit for a chain on one index --------===//
//
// spider-fuse-pit-chains: a spider.pit whose input is computed, through
// element-wise linalg ops, by another spider.pit on the same index becomes
// one spider.pit whose body holds the whole chain. Lowered, each group is
// then gathered once, runs through every computation on its packed tiles
// and is scattered once: the intermediates never exist densely.
//
//===----------------------------------------------------------------------===//

#include "LowerPitToLoops/PitGroupLoop.h"
#include "spider/Analysis/PermutationInvariance.h"
#include "spider/Dialect/Spider/IR/ComputeTile.h"
#include "spider/Dialect/Spider/Transforms/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Transforms/RegionUtils.h"

namespace mlir::spider {
#define GEN_PASS_DEF_SPIDERFUSEPITCHAINS
#include "spider/Dialect/Spider/Transforms/Passes.h.inc"
} // namespace mlir::spider

using namespace mlir;
using namespace mlir::spider;

namespace {

/// A candidate: `consumer` reads, as its input `consumerInput`, a result
/// of `producer` through `elementwise` (in program order, each with one
/// use); it may read other results of `producer` directly. Results of
/// `producer` read by anything else stay results of the fused op.
struct Chain {
  PitOp producer, consumer;
  SmallVector<linalg::LinalgOp> elementwise;
  unsigned consumerInput = 0;
  /// When the consumer's sparse operand is a result of the producer, marked
  /// sparse with the producer's index (what spider-sparsify's propagation
  /// writes): that mark.
  AssumeSparseOp view;
  /// The producer's results that something outside the chain reads.
  SmallVector<unsigned> keptResults;
};

/// Whether `op` is an element-wise linalg op a chain may pass through: on
/// tensors, every loop parallel, one result, inits built from constants.
bool isChainLink(linalg::LinalgOp op) {
  if (!op || !op.hasPureTensorSemantics() || op->getNumResults() != 1 ||
      op.getNumReductionLoops() != 0 || isa<linalg::FillOp>(op) ||
      op->getNumRegions() != 1)
    return false;
  return llvm::all_of(op.getDpsInits(), [](Value init) {
    Operation *def = init.getDefiningOp();
    return def && isPitInitBuilder(def);
  });
}

/// Walks back from input `input` of `consumer` through element-wise ops to
/// a spider.pit on the consumer's index; every element-wise op on the way
/// has one use. The producer's results may have other users: those that
/// come after the consumer keep reading them, from the fused op; one that
/// comes before it (it could not see the fused op's results) stops the
/// chain.
std::optional<Chain> findChain(PitOp consumer, unsigned input) {
  Chain chain;
  chain.consumer = consumer;
  chain.consumerInput = input;
  Value value = consumer.getInputs()[input];
  if (input == consumer.getSparseOperand()) {
    // The sparse operand itself is a chained value only through the mark
    // of a producer's result with the consumer's own index.
    auto view = value.getDefiningOp<AssumeSparseOp>();
    if (!view || view.getIndex() != consumer.getIndex() ||
        !value.hasOneUse())
      return std::nullopt;
    auto producer = view.getSource().getDefiningOp<PitOp>();
    if (!producer || producer.getIndex() != consumer.getIndex())
      return std::nullopt;
    chain.view = view;
    value = view.getSource();
  }
  for (int links = 0; links < 8; ++links) {
    Operation *def = value.getDefiningOp();
    if (auto producer = dyn_cast_or_null<PitOp>(def)) {
      if (producer.getIndex().getType().getMicrotile() !=
              consumer.getIndex().getType().getMicrotile() ||
          (!chain.view &&
           producer.getSparseValue() != consumer.getSparseValue()) ||
          producer->getBlock() != consumer->getBlock())
        return std::nullopt;
      chain.producer = producer;
      std::reverse(chain.elementwise.begin(), chain.elementwise.end());
      for (OpResult result : producer->getResults()) {
        bool kept = false;
        for (Operation *user : result.getUsers()) {
          if (user == consumer.getOperation() ||
              (chain.view && user == chain.view.getOperation()) ||
              llvm::is_contained(chain.elementwise,
                                 dyn_cast<linalg::LinalgOp>(user)))
            continue;
          if (user->getBlock() != consumer->getBlock() ||
              !consumer->isBeforeInBlock(user))
            return std::nullopt;
          kept = true;
        }
        if (kept)
          chain.keptResults.push_back(result.getResultNumber());
      }
      return chain;
    }
    if (!value.hasOneUse())
      return std::nullopt;
    auto link = dyn_cast_or_null<linalg::LinalgOp>(def);
    if (!isChainLink(link) || link->getBlock() != consumer->getBlock())
      return std::nullopt;
    chain.elementwise.push_back(link);
    // Continue along the input computed by a spider.pit, or else by
    // another element-wise op.
    Value next;
    for (Value in : link.getDpsInputs())
      if (in.getDefiningOp<PitOp>())
        next = next ? next : in;
    for (Value in : link.getDpsInputs())
      if (!next && isChainLink(in.getDefiningOp<linalg::LinalgOp>()))
        next = in;
    if (!next)
      return std::nullopt;
    value = next;
  }
  return std::nullopt;
}

/// Builds the fused spider.pit of `chain` before its consumer.
class ChainBuilder {
public:
  explicit ChainBuilder(Chain chain)
      : chain(chain), b(chain.consumer) {}

  PitOp build() {
    PitOp producer = chain.producer, consumer = chain.consumer;
    // Operands: the producer's inputs, then what the element-wise ops and
    // the consumer read from outside; the producer's kept outputs, then the
    // consumer's outputs.
    // The producer's inputs keep their positions (and the sparse operand
    // its own block argument, even where one value feeds several).
    inputs.assign(producer.getInputs().begin(), producer.getInputs().end());
    unsigned numProducerInputs = producer.getInputs().size();
    for (auto [i, init] : llvm::enumerate(producer.getOutputs()))
      if (!isKept(i))
        addInitScalar(init);
    for (linalg::LinalgOp link : chain.elementwise) {
      for (Value in : link.getDpsInputs())
        if (!isChained(in))
          addInput(in);
      for (Value init : link.getDpsInits())
        addInitScalar(init);
      SetVector<Value> captured;
      getUsedValuesDefinedAbove(link->getRegion(0), captured);
      for (Value value : captured)
        if (!value.getDefiningOp() ||
            !value.getDefiningOp()->hasTrait<OpTrait::ConstantLike>())
          addInput(value);
    }
    for (auto [i, in] : llvm::enumerate(consumer.getInputs()))
      if (i != static_cast<size_t>(consumer.getSparseOperand()) &&
          !isChained(in))
        addInput(in);
    SmallVector<Value> outputs;
    SmallVector<Type> resultTypes;
    for (unsigned i : chain.keptResults) {
      outputs.push_back(producer.getOutputs()[i]);
      resultTypes.push_back(producer->getResult(i).getType());
    }
    llvm::append_range(outputs, consumer.getOutputs());
    llvm::append_range(resultTypes, consumer.getResultTypes());

    auto fused = PitOp::create(
        b, consumer.getLoc(), resultTypes, inputs, outputs,
        producer.getIndex(), producer.getSparseOperand(),
        producer.getPackDim(), producer.getTileConfigAttr(),
        /*dense_threshold=*/FloatAttr());
    Block *body = new Block();
    fused.getBody().push_back(body);
    for (Value value : llvm::concat<Value>(inputs, outputs))
      body->addArgument(value.getType(), value.getLoc());
    OpBuilder inner = OpBuilder::atBlockBegin(body);
    for (auto [i, value] : llvm::enumerate(inputs))
      if (i >= numProducerInputs || !outer.contains(value))
        if (i != producer.getSparseOperand())
          outer.map(value, body->getArgument(i));

    // The producer's body: outputs it keeps are the fused op's first
    // outputs, the others are built inside; its results are intermediates.
    SmallVector<Value> producerOutputs;
    for (auto [i, init] : llvm::enumerate(producer.getOutputs())) {
      auto kept = llvm::find(chain.keptResults, i);
      producerOutputs.push_back(
          kept == chain.keptResults.end()
              ? cloneInitBuilder(inner, init)
              : body->getArgument(inputs.size() +
                                  (kept - chain.keptResults.begin())));
    }
    SmallVector<Value> produced;
    inlineBody(
        inner, producer,
        [&](unsigned i) -> Value {
          return i >= numProducerInputs
                     ? producerOutputs[i - numProducerInputs]
                     : body->getArgument(i);
        },
        &produced);
    for (auto [result, value] : llvm::zip(producer->getResults(), produced))
      inside.map(result, value);
    for (linalg::LinalgOp link : chain.elementwise)
      inside.map(link->getResult(0), cloneLink(inner, link));

    // The consumer's body: its chained inputs are intermediates, its sparse
    // operand the producer's, its outputs the fused op's last ones.
    unsigned numConsumerInputs = consumer.getInputs().size();
    unsigned firstConsumerOutput = inputs.size() + chain.keptResults.size();
    SmallVector<Value> yielded;
    for (unsigned i : chain.keptResults)
      yielded.push_back(produced[i]);
    SmallVector<Value> consumed;
    inlineBody(
        inner, consumer,
        [&](unsigned i) -> Value {
          if (i == consumer.getSparseOperand())
            return chain.view
                       ? inside.lookup(chain.view.getSource())
                       : body->getArgument(producer.getSparseOperand());
          if (i >= numConsumerInputs)
            return body->getArgument(firstConsumerOutput + i -
                                     numConsumerInputs);
          Value in = consumer->getOperand(i);
          return isChained(in) ? inside.lookup(in) : outer.lookup(in);
        },
        &consumed, consumer.getTileConfigAttr());
    llvm::append_range(yielded, consumed);
    YieldOp::create(inner, consumer.getLoc(), yielded);
    return fused;
  }

private:
  /// Whether `value` is computed inside the fused op: a result of the
  /// producer or of an element-wise op of the chain.
  bool isChained(Value value) {
    return value.getDefiningOp<PitOp>() == chain.producer ||
           (chain.view && value == chain.view.getResult()) ||
           llvm::any_of(chain.elementwise, [&](linalg::LinalgOp link) {
             return value.getDefiningOp() == link.getOperation();
           });
  }

  /// Whether the producer's result `i` stays a result of the fused op.
  bool isKept(unsigned i) { return llvm::is_contained(chain.keptResults, i); }

  /// Adds an input from outside, once (never merged into the sparse
  /// operand's block argument).
  void addInput(Value value) {
    unsigned sparse = chain.producer.getSparseOperand();
    for (auto [i, in] : llvm::enumerate(inputs))
      if (in == value && i != sparse)
        return;
    inputs.push_back(value);
  }

  /// A fill's scalar that is not a constant is an input of the fused op.
  void addInitScalar(Value init) {
    auto fill = init.getDefiningOp<linalg::FillOp>();
    if (!fill)
      return;
    Operation *def = fill.getInputs()[0].getDefiningOp();
    if (!def || !def->hasTrait<OpTrait::ConstantLike>())
      addInput(fill.getInputs()[0]);
  }

  /// Clones `pit`'s body (block argument i becomes `argument(i)`), returns
  /// its one yielded value, or all of them into `yielded`. The compute
  /// tile chosen for `pit` moves onto its computation.
  Value inlineBody(OpBuilder &inner, PitOp pit,
                   llvm::function_ref<Value(unsigned)> argument,
                   SmallVector<Value> *yielded = nullptr,
                   TileConfigAttr config = {}) {
    Block &source = pit.getBody().front();
    IRMapping mapping;
    for (BlockArgument arg : source.getArguments())
      mapping.map(arg, argument(arg.getArgNumber()));
    Operation *head = pit.getComputation();
    for (Operation &op : source.without_terminator()) {
      Operation *clone = inner.clone(op, mapping);
      if (&op == head && config)
        clone->setAttr(kComputeTileAttrName,
                       inner.getDenseI64ArrayAttr(config.getComputeTile()));
    }
    SmallVector<Value> values;
    for (Value value : source.getTerminator()->getOperands())
      values.push_back(mapping.lookup(value));
    if (yielded)
      *yielded = values;
    return values.empty() ? Value() : values.front();
  }

  /// Clones the element-wise `link` into the body, reading intermediates
  /// where it read the producer or earlier links; its inits are rebuilt
  /// there.
  Value cloneLink(OpBuilder &inner, linalg::LinalgOp link) {
    IRMapping mapping;
    for (Value in : link.getDpsInputs())
      mapping.map(in, isChained(in) ? inside.lookup(in) : outer.lookup(in));
    for (Value init : link.getDpsInits())
      mapping.map(init, cloneInitBuilder(inner, init));
    SetVector<Value> captured;
    getUsedValuesDefinedAbove(link->getRegion(0), captured);
    for (Value value : captured) {
      Operation *def = value.getDefiningOp();
      if (def && def->hasTrait<OpTrait::ConstantLike>())
        mapping.map(value, inner.clone(*def)->getResult(0));
      else
        mapping.map(value, outer.lookup(value));
    }
    return inner.clone(*link, mapping)->getResult(0);
  }

  /// An init builder (a tensor.empty, or a fill of one) cloned into the
  /// body; a fill's scalar is a constant cloned with it, or an input.
  Value cloneInitBuilder(OpBuilder &inner, Value init) {
    Operation *def = init.getDefiningOp();
    auto fill = dyn_cast<linalg::FillOp>(def);
    Value emptyValue = fill ? fill.getOutputs()[0] : init;
    Value empty = inner.clone(*emptyValue.getDefiningOp())->getResult(0);
    if (!fill)
      return empty;
    Value scalar = fill.getInputs()[0];
    Operation *scalarDef = scalar.getDefiningOp();
    Value inside = scalarDef && scalarDef->hasTrait<OpTrait::ConstantLike>()
                       ? inner.clone(*scalarDef)->getResult(0)
                       : outer.lookup(scalar);
    return linalg::FillOp::create(inner, fill.getLoc(), inside, empty)
        .getResult(0);
  }

  Chain chain;
  OpBuilder b;
  SmallVector<Value> inputs;
  IRMapping outer;  ///< Values outside -> the fused body's arguments.
  IRMapping inside; ///< The chain's results -> their values in the body.
};

/// Why the consumer of `chain` cannot run on the producer's index, or "":
/// the two index the same value with the same micro-tile; when they pack
/// along different axes, the consumer must be permutation invariant along
/// the loop dimension that reads the producer's pack axis.
std::string explainRepack(Chain chain) {
  TileIndexType from = chain.consumer.getIndex().getType();
  TileIndexType to = chain.producer.getIndex().getType();
  if (chain.consumer.getIndex() == chain.producer.getIndex() ||
      from.getPackDim() == to.getPackDim())
    return "";
  auto op = dyn_cast_or_null<linalg::LinalgOp>(chain.consumer.getComputation());
  OpOperand *sparse = chain.consumer.getSparseUse();
  if (!op || !sparse)
    return "the consumer's computation is not a linalg op";
  auto dim = dyn_cast<AffineDimExpr>(
      op.getMatchingIndexingMap(sparse).getResult(to.getPackDim()));
  if (!dim)
    return "the consumer reads the producer's pack axis through a compound "
           "expression";
  if (std::string why = explainPermutationVariance(op, dim.getPosition());
      !why.empty())
    return "the consumer is not permutation invariant along d" +
           std::to_string(dim.getPosition()) +
           ", which reads the producer's pack axis: " + why;
  return "";
}

/// Why the fused `pit` cannot replace its chain, or "".
std::string explainNotFusable(PitOp pit) {
  if (failed(verify(pit, /*verifyRecursively=*/false)))
    return "the fused spider.pit does not verify";
  PitPlan plan;
  return planPitLowering(pit, plan);
}

struct FusePitChainsPass
    : public spider::impl::SpiderFusePitChainsBase<FusePitChainsPass> {
  using Base::Base;

  void runOnOperation() override {
    bool changed = true;
    while (changed) {
      changed = false;
      SmallVector<PitOp> pits;
      getOperation()->walk([&](PitOp pit) { pits.push_back(pit); });
      for (PitOp consumer : pits)
        if (tryFuse(consumer)) {
          changed = true;
          break;
        }
    }
  }

  /// Fuses `consumer` with the chain that computes one of its inputs;
  /// returns whether it did.
  bool tryFuse(PitOp consumer) {
    for (unsigned i = 0, e = consumer.getInputs().size(); i < e; ++i) {
      std::optional<Chain> chain = findChain(consumer, i);
      if (!chain)
        continue;
      if (std::string why = explainRepack(*chain); !why.empty()) {
        consumer.emitRemark() << "not fused with the spider.pit computing "
                                 "its input #"
                              << i << ": " << why;
        continue;
      }
      // The producer's inits that are not kept are built inside: their
      // dense values would otherwise be gathered group by group.
      bool builtFromConstants = true;
      for (auto [r, init] : llvm::enumerate(chain->producer.getOutputs())) {
        Operation *def = init.getDefiningOp();
        if (!llvm::is_contained(chain->keptResults, r) &&
            (!def || !isPitInitBuilder(def)))
          builtFromConstants = false;
      }
      if (!builtFromConstants) {
        consumer.emitRemark()
            << "not fused with the spider.pit computing its input #" << i
            << ": that one's output is not built from a constant";
        continue;
      }
      PitOp fused = ChainBuilder(*chain).build();
      if (std::string why = explainNotFusable(fused); !why.empty()) {
        consumer.emitRemark() << "not fused with the spider.pit computing "
                                 "its input #"
                              << i << ": " << why;
        fused.erase();
        continue;
      }
      unsigned numKept = chain->keptResults.size();
      for (auto [k, r] : llvm::enumerate(chain->keptResults))
        chain->producer->getResult(r).replaceAllUsesWith(fused->getResult(k));
      consumer.replaceAllUsesWith(fused.getResults().drop_front(numKept));
      consumer.erase();
      if (chain->view)
        chain->view.erase();
      for (linalg::LinalgOp link : llvm::reverse(chain->elementwise))
        link->erase();
      chain->producer.erase();
      return true;
    }
    return false;
  }
};

} // namespace
