# SPIDER_SANITIZE: instrument Spider's own targets with clang's sanitizers.
#
#   cmake ... -DSPIDER_SANITIZE=address,undefined     (make check-sanitize)
#
# Only code compiled here is instrumented: libMLIR.so, libLLVM.so and the
# tools that ship with them (mlir-runner, mlir-opt) stay as they are.
# Everything is linked against clang's *shared* ASan runtime
# (-shared-libasan, found through an rpath), so that one copy serves the
# instrumented executables and the instrumented libraries that an
# uninstrumented host loads; such a host needs the runtime preloaded
# (LD_PRELOAD=${SPIDER_ASAN_RUNTIME}), which test/lit.cfg.py does for
# mlir-runner and mlir-opt. With ASan, UBSan's handlers come from the same
# runtime. Errors are not recoverable: the first one stops the process.
#
# Sets SPIDER_ASAN_RUNTIME (the shared runtime, or empty without ASan) and
# SPIDER_SANITIZE_CXX (a clang++ wrapper that links the same way, for tests
# that link programs against the instrumented libraries).

set(SPIDER_SANITIZE "" CACHE STRING
    "Sanitizers for Spider's own code, e.g. address,undefined (clang only)")
set(SPIDER_ASAN_RUNTIME "")
set(SPIDER_SANITIZE_CXX "")
if(NOT SPIDER_SANITIZE)
  return()
endif()
if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  message(FATAL_ERROR "SPIDER_SANITIZE needs clang (CMAKE_CXX_COMPILER)")
endif()

set(flags -fsanitize=${SPIDER_SANITIZE} -fno-sanitize-recover=all
    -fno-omit-frame-pointer -gline-tables-only)
set(link_flags -fsanitize=${SPIDER_SANITIZE})
if(SPIDER_SANITIZE MATCHES "address")
  execute_process(
    COMMAND ${CMAKE_CXX_COMPILER} -print-file-name=libclang_rt.asan-x86_64.so
    OUTPUT_VARIABLE SPIDER_ASAN_RUNTIME OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(NOT IS_ABSOLUTE "${SPIDER_ASAN_RUNTIME}" OR
     NOT EXISTS "${SPIDER_ASAN_RUNTIME}")
    message(FATAL_ERROR "SPIDER_SANITIZE: clang's shared ASan runtime "
      "(libclang_rt.asan-x86_64.so) was not found")
  endif()
  get_filename_component(rtdir "${SPIDER_ASAN_RUNTIME}" DIRECTORY)
  list(APPEND link_flags -shared-libasan "-Wl,-rpath,${rtdir}")
  # LLVM's inline allocators must not poison memory that libMLIR.so's
  # uninstrumented copies hand out (sanitize/llvm-asan-compat.h says why).
  list(APPEND flags
       "SHELL:-include ${CMAKE_CURRENT_LIST_DIR}/sanitize/llvm-asan-compat.h")
endif()
add_compile_options(${flags})
add_link_options(${link_flags})

# The wrapper for %cxx in the lit suite: links like Spider's own targets.
set(SPIDER_SANITIZE_CXX ${PROJECT_BINARY_DIR}/bin/spider-sanitize-cxx)
list(JOIN link_flags " " link_line)
file(WRITE ${SPIDER_SANITIZE_CXX}
  "#!/bin/sh\nexec ${CMAKE_CXX_COMPILER} \"$@\" ${link_line}\n")
file(CHMOD ${SPIDER_SANITIZE_CXX} PERMISSIONS OWNER_READ OWNER_WRITE
  OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
message(STATUS "Spider: sanitizers ${SPIDER_SANITIZE} "
  "(runtime ${SPIDER_ASAN_RUNTIME})")
