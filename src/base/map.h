/* map.h - a hash map from byte strings to 64-bit integers (open addressing, keys copied
 * into an arena). Used for dictionary encoding and in-memory indexes. */
#ifndef VG_MAP_H
#define VG_MAP_H

#include "base/err.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct vg_strmap vg_strmap;

/* Caller owns *out; free with vg_strmap_free. */
vg_err vg_strmap_new(vg_strmap **out) VG_MUST_CHECK;
void vg_strmap_free(vg_strmap *m);
/* Forgets every key (keeps the memory for reuse). */
void vg_strmap_clear(vg_strmap *m);
size_t vg_strmap_count(const vg_strmap *m);
bool vg_strmap_get(const vg_strmap *m, const char *key, size_t len, int64_t *value);
/* Inserts or overwrites. The key is copied. */
vg_err vg_strmap_put(vg_strmap *m, const char *key, size_t len, int64_t value) VG_MUST_CHECK;
/* Adds delta to the key's value (a missing key counts as 0, and is inserted); *now (if
 * given) gets the new value. One lookup instead of a get and a put. */
vg_err vg_strmap_add(vg_strmap *m, const char *key, size_t len, int64_t delta, int64_t *now) VG_MUST_CHECK;
/* Visits every entry (order unspecified); stop early by returning non-zero. */
int vg_strmap_each(const vg_strmap *m, int (*fn)(void *ctx, const char *key, size_t len, int64_t value), void *ctx);
/* 64-bit hash of bytes (wyhash-style mixing; not for security). */
uint64_t vg_hash_bytes(const void *p, size_t n);

#endif
