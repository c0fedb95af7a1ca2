/* Included first in every file of an ASan build (cmake/SpiderSanitize.cmake).
 *
 * LLVM's headers poison and unpoison memory by hand when the including file
 * is instrumented: BumpPtrAllocator poisons each new slab and unpoisons the
 * pieces it hands out. Spider's files inline that code, libMLIR.so's copy
 * does not: a slab that Spider's copy started (an attribute storage, say) is
 * poisoned, and the pieces libMLIR's copy later takes from it are never
 * unpoisoned, so ASan reports the library's own writes there as
 * use-after-poison. Manual poisoning is therefore off in Spider's copies,
 * as it is in the library's; every other check stays. */
#ifndef SPIDER_LLVM_ASAN_COMPAT_H
#define SPIDER_LLVM_ASAN_COMPAT_H
#include <sanitizer/asan_interface.h>
#define __asan_poison_memory_region(p, size) ((void)(p), (void)(size))
#define __asan_unpoison_memory_region(p, size) ((void)(p), (void)(size))
#endif
