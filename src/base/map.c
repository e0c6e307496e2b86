/* map.c - open-addressing string map with linear probing; keys live in arena blocks. */
#include "base/map.h"
#include "base/alloc.h"

#include <string.h>

typedef struct slot {
    const char *key; /* NULL = empty */
    uint32_t len;
    uint32_t hash32;
    int64_t value;
} slot;

typedef struct block {
    struct block *next;
    size_t used, cap;
    char data[];
} block;

struct vg_strmap {
    slot *slots;
    size_t cap; /* power of two */
    size_t count;
    block *blocks;
};

uint64_t vg_hash_bytes(const void *p, size_t n)
{
    const unsigned char *b = p;
    uint64_t h = 0x9e3779b97f4a7c15ULL ^ (n * 0xff51afd7ed558ccdULL);
    while (n >= 8) {
        uint64_t k;
        memcpy(&k, b, 8);
        h ^= k * 0xc4ceb9fe1a85ec53ULL;
        h = (h << 27 | h >> 37) * 0x9e3779b97f4a7c15ULL;
        b += 8;
        n -= 8;
    }
    uint64_t k = 0;
    memcpy(&k, b, n);
    h ^= k * 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
}

vg_err vg_strmap_new(vg_strmap **out)
{
    *out = NULL;
    vg_strmap *m = vg_calloc(1, sizeof *m);
    if (!m)
        return VG_ERR_NOMEM;
    m->cap = 64;
    m->slots = vg_calloc(m->cap, sizeof *m->slots);
    if (!m->slots) {
        vg_free(m);
        return VG_ERR_NOMEM;
    }
    *out = m;
    return VG_OK;
}

static void free_blocks(block *b)
{
    while (b) {
        block *n = b->next;
        vg_free(b);
        b = n;
    }
}

void vg_strmap_free(vg_strmap *m)
{
    if (!m)
        return;
    free_blocks(m->blocks);
    vg_free(m->slots);
    vg_free(m);
}

void vg_strmap_clear(vg_strmap *m)
{
    memset(m->slots, 0, m->cap * sizeof *m->slots);
    m->count = 0;
    if (m->blocks) { /* keep the newest block, free the rest */
        free_blocks(m->blocks->next);
        m->blocks->next = NULL;
        m->blocks->used = 0;
    }
}

size_t vg_strmap_count(const vg_strmap *m) { return m->count; }

static slot *find(const vg_strmap *m, const char *key, size_t len, uint64_t h)
{
    size_t mask = m->cap - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        slot *s = &m->slots[i];
        if (!s->key)
            return s;
        if (s->hash32 == (uint32_t)h && s->len == len && memcmp(s->key, key, len) == 0)
            return s;
    }
}

bool vg_strmap_get(const vg_strmap *m, const char *key, size_t len, int64_t *value)
{
    slot *s = find(m, key, len, vg_hash_bytes(key, len));
    if (!s->key)
        return false;
    if (value)
        *value = s->value;
    return true;
}

static const char *copy_key(vg_strmap *m, const char *key, size_t len)
{
    block *b = m->blocks;
    if (!b || b->cap - b->used < len + 1) {
        size_t cap = len + 1 > 65536 ? len + 1 : 65536;
        block *nb = vg_malloc(sizeof *nb + cap);
        if (!nb)
            return NULL;
        nb->next = b;
        nb->used = 0;
        nb->cap = cap;
        m->blocks = b = nb;
    }
    char *d = b->data + b->used;
    memcpy(d, key, len);
    d[len] = '\0';
    b->used += len + 1;
    return d;
}

static vg_err grow(vg_strmap *m)
{
    size_t ncap = m->cap * 2;
    slot *ns = vg_calloc(ncap, sizeof *ns);
    if (!ns)
        return VG_ERR_NOMEM;
    slot *old = m->slots;
    size_t ocap = m->cap;
    m->slots = ns;
    m->cap = ncap;
    for (size_t i = 0; i < ocap; i++)
        if (old[i].key) {
            uint64_t h = vg_hash_bytes(old[i].key, old[i].len);
            *find(m, old[i].key, old[i].len, h) = old[i];
        }
    vg_free(old);
    return VG_OK;
}

vg_err vg_strmap_put(vg_strmap *m, const char *key, size_t len, int64_t value)
{
    if (len > UINT32_MAX)
        return VG_ERR_TOO_LARGE;
    if ((m->count + 1) * 4 > m->cap * 3) {
        vg_err e = grow(m);
        if (e)
            return e;
    }
    uint64_t h = vg_hash_bytes(key, len);
    slot *s = find(m, key, len, h);
    if (s->key) {
        s->value = value;
        return VG_OK;
    }
    const char *k = copy_key(m, key, len);
    if (!k)
        return VG_ERR_NOMEM;
    *s = (slot){k, (uint32_t)len, (uint32_t)h, value};
    m->count++;
    return VG_OK;
}

vg_err vg_strmap_add(vg_strmap *m, const char *key, size_t len, int64_t delta, int64_t *now)
{
    if (len > UINT32_MAX)
        return VG_ERR_TOO_LARGE;
    if ((m->count + 1) * 4 > m->cap * 3) {
        vg_err e = grow(m);
        if (e)
            return e;
    }
    uint64_t h = vg_hash_bytes(key, len);
    slot *s = find(m, key, len, h);
    if (!s->key) {
        const char *k = copy_key(m, key, len);
        if (!k)
            return VG_ERR_NOMEM;
        *s = (slot){k, (uint32_t)len, (uint32_t)h, 0};
        m->count++;
    }
    s->value += delta;
    if (now)
        *now = s->value;
    return VG_OK;
}

int vg_strmap_each(const vg_strmap *m, int (*fn)(void *ctx, const char *key, size_t len, int64_t value), void *ctx)
{
    for (size_t i = 0; i < m->cap; i++)
        if (m->slots[i].key) {
            int r = fn(ctx, m->slots[i].key, m->slots[i].len, m->slots[i].value);
            if (r)
                return r;
        }
    return 0;
}
