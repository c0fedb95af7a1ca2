# -*- Python -*-
# lit configuration of Spider's regression tests.

import os

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "SPIDER"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test", ".c"]
config.excludes = ["CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py",
                   "Inputs", "external-project", "lib"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.spider_obj_root, "test")

# Sanitizers (-DSPIDER_SANITIZE=..., cmake/SpiderSanitize.cmake): a stock
# host that loads instrumented Spider code (mlir-runner, mlir-opt with the
# plugin) gets ASan's shared runtime preloaded, %cxx links programs the way
# Spider's targets are linked, and the first error aborts the process (a
# signal, which `not` does not take for an expected failure). mlir-runner
# reports no leak of memory that JIT-compiled code allocated itself
# (cmake/sanitize/jit-allocations.supp says why and how).
host_env = runner_env = ""
if getattr(config, "spider_sanitize", ""):
    config.available_features.add("sanitize")
    symbolizer = os.path.join(config.llvm_tools_dir, "llvm-symbolizer")
    common = "abort_on_error=1:external_symbolizer_path=" + symbolizer
    asan_options = os.environ.get(
        "ASAN_OPTIONS", "detect_leaks=1:check_initialization_order=1:"
        "strict_init_order=1:" + common)
    config.environment["ASAN_OPTIONS"] = asan_options
    config.environment["UBSAN_OPTIONS"] = os.environ.get(
        "UBSAN_OPTIONS", "halt_on_error=1:print_stacktrace=1:" + common)
    if config.spider_asan_runtime:
        config.available_features.add("asan")
        host_env = "env LD_PRELOAD=%s " % config.spider_asan_runtime
        runner_env = host_env + (
            "ASAN_OPTIONS=%s:malloc_context_size=2 "
            "LSAN_OPTIONS=suppressions=%s " %
            (asan_options, os.path.join(config.spider_src_root, "cmake",
                                        "sanitize", "jit-allocations.supp")))
    config.cxx_compiler = config.spider_sanitize_cxx

# One thread per spider-run unless a test asks for more (lit runs tests in
# parallel already); tests of threads pass --threads themselves.
config.environment["SPIDER_NUM_THREADS"] = os.environ.get(
    "SPIDER_NUM_THREADS", "1")

config.substitutions.append(("%PATH%", config.environment["PATH"]))
config.substitutions.append(("%spider_src_root", config.spider_src_root))
config.substitutions.append(("%spider_obj_root", config.spider_obj_root))
config.substitutions.append(("%spider_libs", config.spider_libs_dir))
config.substitutions.append(
    ("%mlir_opt", host_env + os.path.join(config.llvm_tools_dir, "mlir-opt")))
config.substitutions.append(("%cmake_exe", config.cmake_command))
config.substitutions.append(("%cmake_generator", config.cmake_generator))
config.substitutions.append(("%cxx", config.cxx_compiler))
config.substitutions.append(("%mlir_dir", config.mlir_dir))
config.substitutions.append(
    ("%spider_link_mlir_dylib", config.spider_link_mlir_dylib))

runtime_libs = [
    os.path.join(config.spider_libs_dir, "libspider_runtime.so"),
    os.path.join(config.llvm_libs_dir, "libmlir_runner_utils.so"),
    os.path.join(config.llvm_libs_dir, "libmlir_c_runner_utils.so"),
]
config.substitutions.append(("%spider_runtime_libs", ",".join(runtime_libs)))

# GPU: `cuda-runtime` when libspider_cuda_runtime was built (the CUDA
# toolkit was found), `cuda-gpu` when, in addition, an NVIDIA GPU answers.
# Integration tests that run kernels REQUIRE cuda-gpu and are reported
# unsupported elsewhere; compile-only tests always run.
cuda_runtime = os.path.join(config.spider_libs_dir, "libspider_cuda_runtime.so")
config.substitutions.append(
    ("%spider_gpu_runtime_libs", ",".join([cuda_runtime] + runtime_libs)))
config.substitutions.append(("%spider_cuda_runtime", cuda_runtime))
config.substitutions.append(
    ("%check_runtime_symbols",
     "%s %s" % ("python3",
                os.path.join(config.spider_src_root, "test", "Inputs",
                             "check-runtime-symbols.py"))))
if config.spider_have_cuda in ("ON", "TRUE", "1"):
    config.available_features.add("cuda-runtime")
    import ctypes
    try:
        cuda = ctypes.CDLL("libcuda.so.1")
        count = ctypes.c_int(0)
        if cuda.cuInit(0) == 0 and cuda.cuDeviceGetCount(ctypes.byref(count)) == 0 \
                and count.value > 0:
            config.available_features.add("cuda-gpu")
    except OSError:
        pass

# `cuda-toolkit-default` when /usr/local/cuda has ptxas and libdevice: the
# last place spider-gpu-pipeline's toolkit search looks. %cuda_toolkit_real
# is that directory with symbolic links resolved.
default_toolkit = "/usr/local/cuda"
if os.access(os.path.join(default_toolkit, "bin", "ptxas"), os.X_OK) and \
        os.path.isfile(os.path.join(default_toolkit, "nvvm", "libdevice",
                                    "libdevice.10.bc")):
    config.available_features.add("cuda-toolkit-default")
    config.substitutions.append(("%cuda_toolkit_real",
                                 os.path.realpath(default_toolkit)))

llvm_config.use_default_substitutions()
llvm_config.with_system_environment(["HOME", "INCLUDE", "LIB", "TMP", "TEMP"])

tool_dirs = [config.spider_tools_dir, config.llvm_tools_dir,
             os.path.join(config.spider_obj_root, "unittests")]
tools = ["spider-opt", "spider-run", "spider-diff", "spider-capi-test",
         "SpiderRuntimeTests", "SpiderCostModelTests"]
if "asan" in config.available_features and "spider-diff" in tools:
    # ASan reserves terabytes of address space: no RLIMIT_AS for its runs.
    tools[tools.index("spider-diff")] = ToolSubst(
        "spider-diff", extra_args=["--memory-limit=0"])
llvm_config.add_tool_substitutions(tools, tool_dirs)
if runner_env:
    llvm_config.add_tool_substitutions(
        [ToolSubst("mlir-runner", command=runner_env +
                   os.path.join(config.llvm_tools_dir, "mlir-runner"))],
        tool_dirs)
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
