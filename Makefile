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

.PHONY: all deps configure build check demo walkthrough bench docs install clean

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

# The CPU benchmark (not a test): Spider vs OpenBLAS vs MLIR's sparsifier.
bench: configure
	@dpkg-query -W -f='$${Status}' libopenblas-dev 2>/dev/null | grep -q "ok installed" && \
	  dpkg-query -W -f='$${Status}' python3-matplotlib 2>/dev/null | grep -q "ok installed" || \
	  (apt-get update -qq && apt-get install -y -qq libopenblas-dev python3-matplotlib >/dev/null)
	cmake $(BUILD) >/dev/null
	ninja -C $(BUILD) -j$(JOBS) spider-cpu-bench
	bash bench/run-cpu-bench.sh $(BUILD) docs

# Regenerates docs/ from the ODS definitions.
docs: configure
	ninja -C $(BUILD) -j$(JOBS) spider-update-docs

install: build
	cmake --install $(BUILD) --prefix $(or $(PREFIX),install)

clean:
	rm -rf $(BUILD)
