/* alloc.h - the one allocation wrapper: counts live allocations and can be told to fail
 * the Nth allocation, so tests can walk every failure point of a real operation.
 *
 * Out-of-memory policy: library code never aborts. Every allocation can return NULL and
 * callers turn that into VG_ERR_NOMEM, freeing what they hold. Only cli/main may exit. */
#ifndef VG_ALLOC_H
#define VG_ALLOC_H

#include "base/err.h"

#include <stddef.h>
#include <stdint.h>

/* Same contracts as the libc functions; free with vg_free. */
void *vg_malloc(size_t n);
void *vg_calloc(size_t count, size_t n);
void *vg_realloc(void *p, size_t n); /* on failure p is untouched and still owned */
void vg_free(void *p);
char *vg_strdup(const char *s);              /* NULL s gives NULL */
/* Makes room for element n (of `size` bytes) in the array *v of *cap elements, doubling
 * from `first`; on VG_ERR_NOMEM *v and *cap are as they were. */
vg_err vg_grow(void **v, size_t *cap, size_t n, size_t size, size_t first) VG_MUST_CHECK;
char *vg_strndup(const char *s, size_t n);   /* copies at most n bytes, NUL-terminates */
/* Asks the kernel to back the whole 2 MiB pages inside [p, p + n) with huge pages (a hint:
 * large arrays written at random suffer far fewer TLB misses and page faults). */
void vg_advise_huge(void *p, size_t n);
/* Usable size of a block from vg_malloc (needed by SQLite's allocator hook). */
size_t vg_alloc_size(const void *p);

/* Fault injection. After vg_alloc_fail_at(n) with n >= 1, the n-th allocation from now
 * fails (once); n = 0 turns injection off. VIGIL_ALLOC_FAIL=n in the environment does
 * the same for a whole run (read by vg_alloc_from_env). */
void vg_alloc_fail_at(uint64_t n);
void vg_alloc_from_env(void);
/* True once an injected failure has happened since the last vg_alloc_fail_at call. */
int vg_alloc_failed(void);

/* Number of blocks currently allocated through this wrapper (for leak checks). */
int64_t vg_alloc_live(void);
/* Total allocation calls so far (to size a fault-injection walk). */
uint64_t vg_alloc_calls(void);

#endif
