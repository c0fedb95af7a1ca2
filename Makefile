# Spider: the two commands of the README, and a few helpers.
#
#   make demo    install what is missing, build, run the MoE dense-to-sparse demo
#   make check   install what is missing, build, run every test
#
# Variables: BUILD (build directory, default build), JOBS (default 2),
# CMAKE_ARGS (extra arguments to the first configure).

BUILD ?= build
JOBS ?= 2
LLVM_PREFIX ?= /usr/lib/llvm-22
CMAKE_ARGS ?=

CONFIGURE = cmake -G Ninja -S . -B $(BUILD) \
  -DCMAKE_BUILD_TYPE=Release \
  -DMLIR_DIR=$(LLVM_PREFIX)/lib/cmake/mlir \
  -DLLVM_EXTERNAL_LIT=$(LLVM_PREFIX)/bin/lit \
  -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 \
  -DCMAKE_EXE_LINKER_FLAGS=-fuse-ld=lld \
  -DCMAKE_SHARED_LINKER_FLAGS=-fuse-ld=lld \
  -DCMAKE_MODULE_LINKER_FLAGS=-fuse-ld=lld \
  $(CMAKE_ARGS)

.PHONY: all deps configure build check demo walkthrough bench bench-moe bench-gnn bench-attention docs install clean
.PHONY: check-sanitize check-sanitize-runtime gpu-suite
.PHONY: check-differential fuzz

all: build

deps:
	@bash scripts/install-deps.sh

$(BUILD)/build.ninja:
	$(MAKE) deps
	$(CONFIGURE)

configure: deps $(BUILD)/build.ninja

build: configure
	ninja -C $(BUILD) -j$(JOBS)

check: build
	ninja -C $(BUILD) -j$(JOBS) check-spider

demo: build
	@bash examples/demo.sh $(BUILD)

walkthrough: build
	@bash examples/walkthrough.sh $(BUILD)

# The CPU benchmark (not a test): Spider vs OpenBLAS vs MLIR's sparsifier
# vs PyTorch's CSR matmul, at one thread and at every core.
bench: configure
	@dpkg-query -W -f='$${Status}' libopenblas-dev 2>/dev/null | grep -q "ok installed" && \
	  dpkg-query -W -f='$${Status}' python3-matplotlib 2>/dev/null | grep -q "ok installed" && \
	  dpkg-query -W -f='$${Status}' python3-torch 2>/dev/null | grep -q "ok installed" || \
	  (apt-get update -qq && apt-get install -y -qq libopenblas-dev python3-matplotlib python3-torch >/dev/null)
	cmake $(BUILD) >/dev/null
	ninja -C $(BUILD) -j$(JOBS) spider-cpu-bench
	SPIDER_NUM_THREADS=1 bash bench/run-cpu-bench.sh $(BUILD) docs
	SPIDER_NUM_THREADS=0 bash bench/run-cpu-bench.sh $(BUILD) docs

# The MoE FFN at Switch-base-64 scale and a GNN layer on a 100k-vertex
# graph, against PyTorch (Debian's python3-torch, optional) and C++ loops of
# OpenBLAS (docs/performance.md). Minutes, not seconds.
bench-moe: configure
	@dpkg-query -W -f='$${Status}' libopenblas-dev 2>/dev/null | grep -q "ok installed" || \
	  (apt-get update -qq && apt-get install -y -qq libopenblas-dev >/dev/null)
	cmake $(BUILD) >/dev/null
	ninja -C $(BUILD) -j$(JOBS) spider-moe-bench
	SPIDER_NUM_THREADS=1 bash bench/run-moe-bench.sh $(BUILD) docs
	SPIDER_NUM_THREADS=0 bash bench/run-moe-bench.sh $(BUILD) docs

bench-gnn: configure
	@dpkg-query -W -f='$${Status}' libopenblas-dev 2>/dev/null | grep -q "ok installed" || \
	  (apt-get update -qq && apt-get install -y -qq libopenblas-dev >/dev/null)
	cmake $(BUILD) >/dev/null
	ninja -C $(BUILD) -j$(JOBS) spider-gnn-bench
	SPIDER_NUM_THREADS=1 bash bench/run-gnn-bench.sh $(BUILD) docs
	SPIDER_NUM_THREADS=0 bash bench/run-gnn-bench.sh $(BUILD) docs

bench-attention: configure
	@dpkg-query -W -f='$${Status}' libopenblas-dev 2>/dev/null | grep -q "ok installed" || \
	  (apt-get update -qq && apt-get install -y -qq libopenblas-dev >/dev/null)
	cmake $(BUILD) >/dev/null
	ninja -C $(BUILD) -j$(JOBS) spider-attention-bench
	SPIDER_NUM_THREADS=1 bash bench/run-attention-bench.sh $(BUILD) docs
	SPIDER_NUM_THREADS=0 bash bench/run-attention-bench.sh $(BUILD) docs

# Regenerates docs/ from the ODS definitions.
docs: configure
	ninja -C $(BUILD) -j$(JOBS) spider-update-docs

# ASan + UBSan (docs/reliability.md): a second build in build-sanitize and
# the whole lit suite; -runtime instruments only the runtimes and unit tests.
check-sanitize: deps
	JOBS=$(JOBS) bash scripts/check-sanitize.sh all

check-sanitize-runtime: build
	BUILD=$(BUILD) JOBS=$(JOBS) bash scripts/check-sanitize.sh runtime

# The GPU suite, built here for a GPU machine (docs/gpu.md): $(BUILD)/gpu-suite.
gpu-suite: build
	JOBS=$(JOBS) bash gpu-suite/build.sh $(BUILD) $(BUILD)/gpu-suite

# The differential checks (docs/reliability.md): spider-diff over the
# integration inputs and, in mark-each mode, over test/Differential/corpus.
check-differential: build
	ninja -C $(BUILD) -j$(JOBS) check-spider-differential

# The fuzz target (docs/reliability.md): a second build in build-fuzz with
# libFuzzer, ASan and UBSan, run FUZZ_SECONDS (default 180) on the seed
# corpus cut from test/; any crash, hang, leak or out-of-memory fails.
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 180
fuzz: deps
	@test -f $(FUZZ_BUILD)/build.ninja || $(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) \
	  CMAKE_ARGS="-DSPIDER_BUILD_FUZZERS=ON -DSPIDER_BUILD_TESTS=OFF $(CMAKE_ARGS)" configure
	ninja -C $(FUZZ_BUILD) -j$(JOBS) spider-opt-fuzzer
	bash fuzz/run-fuzzer.sh $(FUZZ_BUILD) $(FUZZ_SECONDS) $(FUZZ_FLAGS)

install: build
	cmake --install $(BUILD) --prefix $(or $(PREFIX),install)

clean:
	rm -rf $(BUILD)
