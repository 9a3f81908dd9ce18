// Interposes malloc, calloc, realloc and free for the whole test executable (a definition
// in the executable wins over libc's for every shared library, Swift's runtime included)
// and forwards to glibc's own entry points, counting each allocation. No LD_PRELOAD, no
// deprecated malloc hooks. mallinfo2() would only show the bytes in use, which a
// malloc/free pair inside a step leaves unchanged; a count does not miss it.
//
// Swift allocates with malloc whenever the alignment is at most 16 (every Array of
// Float or Double, every class instance), so the memalign family is left uncounted.
#include "AllocationCounter.h"
#include <stdatomic.h>
#include <stddef.h>

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *pointer, size_t size);
extern void __libc_free(void *pointer);

static atomic_long allocations;

void *malloc(size_t size) {
    atomic_fetch_add_explicit(&allocations, 1, memory_order_relaxed);
    return __libc_malloc(size);
}

void *calloc(size_t count, size_t size) {
    atomic_fetch_add_explicit(&allocations, 1, memory_order_relaxed);
    return __libc_calloc(count, size);
}

void *realloc(void *pointer, size_t size) {
    atomic_fetch_add_explicit(&allocations, 1, memory_order_relaxed);
    return __libc_realloc(pointer, size);
}

void free(void *pointer) { __libc_free(pointer); }

long allocation_counter_total(void) { return atomic_load_explicit(&allocations, memory_order_relaxed); }
