# SPIDER_BUILD_FUZZERS: instruments every Spider target for libFuzzer's
# coverage, ASan and UBSan, and builds fuzz/ (clang only). Included before
# any target exists, so that all of Spider's own code is instrumented;
# libMLIR.so and libLLVM.so stay as they are. Spider's assertions are on
# (-UNDEBUG): a failed one is a finding too.
#
# Not to be combined with SPIDER_SANITIZE (cmake/SpiderSanitize.cmake),
# which links the shared ASan runtime for lit; the fuzzer links the static
# one.
if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  message(FATAL_ERROR "SPIDER_BUILD_FUZZERS needs clang (CMAKE_CXX_COMPILER)")
endif()
if(SPIDER_SANITIZE)
  message(FATAL_ERROR "SPIDER_BUILD_FUZZERS and SPIDER_SANITIZE exclude "
    "each other: configure them in separate build directories")
endif()
# -O1: the compile time of a cold build is what CI pays; Spider's code is a
# small part of the run time, which libMLIR.so dominates.
add_compile_options(-fsanitize=fuzzer-no-link,address,undefined
  -fno-sanitize-recover=all -fno-omit-frame-pointer -gline-tables-only
  -O1 -UNDEBUG)
add_link_options(-fsanitize=address,undefined)
message(STATUS "Spider: fuzzers on (libFuzzer, ASan, UBSan)")
