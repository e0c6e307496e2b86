/* alloc.c - counted allocation with fault injection. Each block carries a 16-byte header
 * holding its size so that vg_alloc_size works (SQLite's xSize needs it). The counters
 * are process-wide atomics: allocation is the one process-level facility in base/. */
#include "base/alloc.h"

#include <sys/mman.h>

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#define HDR 16 /* keeps max_align_t alignment on x86_64 and aarch64 */

static atomic_int_fast64_t live_blocks;
static atomic_uint_fast64_t total_calls;
static atomic_uint_fast64_t fail_countdown; /* 0 = off */
static atomic_int fail_happened;

static int should_fail(void)
{
    atomic_fetch_add(&total_calls, 1);
    uint_fast64_t c = atomic_load(&fail_countdown);
    while (c != 0) {
        if (atomic_compare_exchange_weak(&fail_countdown, &c, c - 1)) {
            if (c == 1) {
                atomic_store(&fail_happened, 1);
                return 1;
            }
            return 0;
        }
    }
    return 0;
}

void *vg_malloc(size_t n)
{
    if (should_fail() || n > SIZE_MAX - HDR)
        return NULL;
    unsigned char *b = malloc(n + HDR + !n); /* a byte past the header even for 0: the
                                              * pointer returned stays inside its block */
    if (!b)
        return NULL;
    memcpy(b, &n, sizeof n);
    atomic_fetch_add(&live_blocks, 1);
    return b + HDR;
}

void *vg_calloc(size_t count, size_t n)
{
    if (n && count > SIZE_MAX / n)
        return NULL;
    void *p = vg_malloc(count * n);
    if (p)
        memset(p, 0, count * n);
    return p;
}

void *vg_realloc(void *p, size_t n)
{
    if (!p)
        return vg_malloc(n);
    if (should_fail() || n > SIZE_MAX - HDR)
        return NULL;
    unsigned char *b = realloc((unsigned char *)p - HDR, n + HDR + !n);
    if (!b)
        return NULL;
    memcpy(b, &n, sizeof n);
    return b + HDR;
}

void vg_free(void *p)
{
    if (!p)
        return;
    atomic_fetch_sub(&live_blocks, 1);
    free((unsigned char *)p - HDR);
}

size_t vg_alloc_size(const void *p)
{
    size_t n = 0;
    if (p)
        memcpy(&n, (const unsigned char *)p - HDR, sizeof n);
    return n;
}

char *vg_strndup(const char *s, size_t n)
{
    if (!s)
        return NULL;
    size_t len = strnlen(s, n);
    char *d = vg_malloc(len + 1);
    if (!d)
        return NULL;
    memcpy(d, s, len);
    d[len] = '\0';
    return d;
}

char *vg_strdup(const char *s)
{
    return s ? vg_strndup(s, strlen(s)) : NULL;
}

void vg_alloc_fail_at(uint64_t n)
{
    atomic_store(&fail_happened, 0);
    atomic_store(&fail_countdown, n);
}

void vg_alloc_from_env(void)
{
    const char *v = getenv("VIGIL_ALLOC_FAIL");
    if (!v || !*v)
        return;
    char *end = NULL;
    unsigned long long n = strtoull(v, &end, 10);
    if (end && *end == '\0')
        vg_alloc_fail_at(n);
}

int vg_alloc_failed(void) { return atomic_load(&fail_happened); }
int64_t vg_alloc_live(void) { return atomic_load(&live_blocks); }
uint64_t vg_alloc_calls(void) { return atomic_load(&total_calls); }

void vg_advise_huge(void *p, size_t n)
{
#ifdef MADV_HUGEPAGE
    const uintptr_t huge = (uintptr_t)2 << 20;
    uintptr_t from = ((uintptr_t)p + huge - 1) & ~(huge - 1), to = ((uintptr_t)p + n) & ~(huge - 1);
    if (p && to > from)
        (void)madvise((void *)from, to - from, MADV_HUGEPAGE);
#else
    (void)p;
    (void)n;
#endif
}

vg_err vg_grow(void **v, size_t *cap, size_t n, size_t size, size_t first)
{
    if (n < *cap)
        return VG_OK;
    size_t ncap = *cap ? *cap * 2 : first;
    while (ncap <= n)
        ncap *= 2;
    void *nv = vg_realloc(*v, ncap * size);
    if (!nv)
        return VG_ERR_NOMEM;
    *v = nv;
    *cap = ncap;
    return VG_OK;
}
