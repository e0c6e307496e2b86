/* index.c - blocking index: the postings of the records loaded at start live in 1,024
 * partitions by the top 10 bits of the key, each an array of 8-byte entries (the next 32
 * key bits << 32 | record) sorted and bucketed by the following 10 bits for a short binary
 * search; 42 bits of each key are kept, so two keys meet by chance about once in 2^42.
 * Records added after freezing go to a hash-chained delta. */
#include "match/index.h"
#include "base/alloc.h"
#include "base/map.h"
#include "domain/names.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_KEYS 12 /* names 2, name-year 1, phone 1, postcode 1, street 1, dob 4, name-day 1 */
#define PART_BITS 10
#define BUCKET_BITS 20 /* partition and bucket */
#define PER_PART (1u << (BUCKET_BITS - PART_BITS))
#define N_PART (1u << PART_BITS)
#define PER_KEY_CAP 1500  /* a key shared by more records than this is too common to block on */
#define MAX_CANDIDATES 20000

typedef struct mrec {
    int64_t person_id;
    uint32_t family_off, given_off;
    uint32_t family_dm[2], given_dm[2];
    uint32_t given_group;
    int32_t dob;
    uint64_t phone;
    uint32_t postcode, street, number, flat;
    uint8_t gender;
} mrec;

typedef struct posting {
    uint64_t key;
    uint32_t rec;
} posting;

struct vg_match_index {
    mrec *recs;
    size_t n, cap;
    char *pool;
    size_t pool_len, pool_cap;
    /* bulk postings per partition: appended, then sorted by freeze */
    uint64_t *part[N_PART];
    uint32_t part_n[N_PART], part_cap[N_PART];
    size_t n_bulk;
    uint32_t *bucket; /* after freeze: 1 << BUCKET_BITS starts, each within its partition */
    bool frozen;
    /* delta: postings added after freeze, chained per key */
    posting *delta;
    uint32_t *delta_next;
    size_t n_delta, cap_delta;
    vg_strmap *delta_head; /* 8-byte key -> last delta index + 1 */
    /* term frequencies */
    vg_strmap *family_tf, *given_tf;
};

vg_err vg_match_index_new(vg_match_index **out)
{
    *out = NULL;
    vg_match_index *ix = vg_calloc(1, sizeof *ix);
    if (!ix)
        return VG_ERR_NOMEM;
    if (vg_strmap_new(&ix->delta_head) || vg_strmap_new(&ix->family_tf) || vg_strmap_new(&ix->given_tf)) {
        vg_match_index_free(ix);
        return VG_ERR_NOMEM;
    }
    *out = ix;
    return VG_OK;
}

void vg_match_index_free(vg_match_index *ix)
{
    if (!ix)
        return;
    vg_free(ix->recs);
    vg_free(ix->pool);
    for (size_t p = 0; p < N_PART; p++)
        vg_free(ix->part[p]);
    vg_free(ix->bucket);
    vg_free(ix->delta);
    vg_free(ix->delta_next);
    vg_strmap_free(ix->delta_head);
    vg_strmap_free(ix->family_tf);
    vg_strmap_free(ix->given_tf);
    vg_free(ix);
}

size_t vg_match_index_records(const vg_match_index *ix) { return ix->n; }
int64_t vg_match_index_person(const vg_match_index *ix, uint32_t r) { return ix->recs[r].person_id; }

size_t vg_match_index_bytes(const vg_match_index *ix)
{
    /* strmaps: estimate 24 bytes per slot at the 3/4 load bound plus key bytes */
    size_t maps = (vg_strmap_count(ix->family_tf) + vg_strmap_count(ix->given_tf) + vg_strmap_count(ix->delta_head)) * 48;
    size_t parts = 0;
    for (size_t p = 0; p < N_PART; p++)
        parts += ix->part_cap[p] * sizeof(uint64_t);
    return ix->cap * sizeof(mrec) + ix->pool_cap + parts + (ix->bucket ? ((size_t)1 << BUCKET_BITS) * sizeof(uint32_t) : 0) +
           ix->cap_delta * (sizeof(posting) + sizeof(uint32_t)) + maps + sizeof *ix;
}

static bool grow(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return true;
    size_t ncap = *cap ? *cap : 1024;
    while (ncap < need)
        ncap += ncap / 2 + 1024;
    void *n = vg_realloc(*p, ncap * elem);
    if (!n)
        return false;
    *p = n;
    *cap = ncap;
    vg_advise_huge(n, ncap * elem);
    return true;
}

static uint32_t pool_add(vg_match_index *ix, const char *s)
{
    size_t n = strlen(s) + 1;
    if (!grow((void **)&ix->pool, &ix->pool_cap, ix->pool_len + n, 1))
        return UINT32_MAX;
    uint32_t off = (uint32_t)ix->pool_len;
    memcpy(ix->pool + off, s, n);
    ix->pool_len += n;
    return off;
}

void vg_match_index_load(const vg_match_index *ix, uint32_t r, vg_match_person *p)
{
    const mrec *m = &ix->recs[r];
    /* the pool holds normalised names, each shorter than VG_NAME_MAX */
    strcpy(p->family, ix->pool + m->family_off);
    strcpy(p->given, ix->pool + m->given_off);
    memcpy(p->family_dm, m->family_dm, sizeof p->family_dm);
    memcpy(p->given_dm, m->given_dm, sizeof p->given_dm);
    p->given_group = m->given_group;
    p->dob = m->dob;
    p->phone = m->phone;
    p->postcode = m->postcode;
    p->street = m->street;
    p->number = m->number;
    p->flat = m->flat;
    p->gender = m->gender;
}

/* ---- blocking keys */

static uint64_t key(uint32_t tag, uint64_t a, uint64_t b)
{
    uint64_t v[3] = {tag, a, b};
    uint64_t h = vg_hash_bytes(v, sizeof v);
    return h ? h : 1;
}

/* The phonetic key of the given name, through its nickname group (Bill -> William). */
static uint32_t given_key(const vg_match_person *p)
{
    if (p->given_group) {
        size_t count;
        const char *formal = vg_name_groups(&count)[p->given_group - 1].names[0];
        char pri[VG_DM_LEN + 1], alt[VG_DM_LEN + 1];
        vg_double_metaphone(formal, strlen(formal), pri, alt);
        return vg_dm_pack(pri);
    }
    return p->given_dm[0];
}

/* The first letter of a name, 0 if none. */
static unsigned initial(const char *s) { return (unsigned char)s[0]; }

/* The blocking keys of a record (query = false) or of a query (query = true: also the
 * date of birth with day and month swapped; a record is indexed under its own). */
static int keys_of(const vg_match_person *p, bool query, uint64_t out[MAX_KEYS], unsigned rule[MAX_KEYS])
{
    int n = 0;
    uint32_t g = given_key(p), f = p->family_dm[0];
    int y = 0, mo = 0, d = 0;
    if (p->dob != VG_DATE_NONE)
        vg_date_to_ymd(p->dob, &y, &mo, &d);
    if (f && g) /* the name pair, in either order (swapped given and family names) */
        rule[n] = VG_BLOCK_NAMES, out[n++] = key(1, f < g ? f : g, f < g ? g : f);
    if (p->family_dm[1] != p->family_dm[0] && p->family_dm[1] && g)
        rule[n] = VG_BLOCK_NAMES, out[n++] = key(1, p->family_dm[1] < g ? p->family_dm[1] : g, p->family_dm[1] < g ? g : p->family_dm[1]);
    if (f && y) /* family name with year and month of birth: a day mistyped */
        rule[n] = VG_BLOCK_NAME_YEAR, out[n++] = key(2, f, (uint64_t)(y * 100 + mo));
    if (p->phone)
        rule[n] = VG_BLOCK_PHONE, out[n++] = key(3, p->phone, 0);
    if (p->postcode && p->number)
        rule[n] = VG_BLOCK_POSTCODE, out[n++] = key(4, p->postcode, p->number);
    if (p->street && p->number)
        rule[n] = VG_BLOCK_STREET, out[n++] = key(6, p->street, p->number);
    if (p->dob != VG_DATE_NONE) {
        /* the date of birth with either initial (names misspelt, nicknamed or swapped
         * keep at least one first letter), and as if day and month were swapped */
        vg_date dates[2] = {p->dob, VG_DATE_NONE};
        vg_date t;
        if (query && d <= 12 && d != mo && vg_date_from_ymd(y, d, mo, &t))
            dates[1] = t;
        unsigned ini[2] = {initial(p->given), initial(p->family)};
        for (int k = 0; k < 2 && dates[k] != VG_DATE_NONE; k++)
            for (int i = 0; i < 2; i++)
                if (ini[i] && (i == 0 || ini[1] != ini[0]))
                    rule[n] = VG_BLOCK_DOB, out[n++] = key(5, (uint64_t)(uint32_t)dates[k], ini[i]);
        if (f) /* family name with day and month: a wrong year */
            rule[n] = VG_BLOCK_NAME_DAY, out[n++] = key(7, f, (uint64_t)(mo * 100 + d));
    }
    return n;
}

static vg_err tf_count(vg_strmap *m, const char *s)
{
    return *s ? vg_strmap_add(m, s, strlen(s), 1, NULL) : VG_OK;
}

/* Room for n entries in partition p (which grows by half, from 64). */
static bool part_grow(vg_match_index *ix, size_t p, size_t need)
{
    if (need <= ix->part_cap[p])
        return true;
    if (need >= UINT32_MAX)
        return false;
    size_t ncap = ix->part_cap[p] ? ix->part_cap[p] : 64;
    while (ncap < need)
        ncap += ncap / 2;
    if (ncap >= UINT32_MAX)
        ncap = UINT32_MAX - 1;
    uint64_t *n = vg_realloc(ix->part[p], ncap * sizeof *n);
    if (!n)
        return false;
    ix->part[p] = n;
    ix->part_cap[p] = (uint32_t)ncap;
    return true;
}

vg_err vg_match_index_reserve(vg_match_index *ix, size_t records)
{
    /* about 8 keys a record, 16 bytes of names */
    if (!grow((void **)&ix->recs, &ix->cap, records, sizeof *ix->recs) ||
        !grow((void **)&ix->pool, &ix->pool_cap, records * 16, 1))
        return VG_ERR_NOMEM;
    if (!ix->frozen && records > 100000)
        for (size_t p = 0; p < N_PART; p++)
            if (!part_grow(ix, p, records * 8 / N_PART + records / N_PART / 8 + 64))
                return VG_ERR_NOMEM;
    return VG_OK;
}

static size_t part_of(uint64_t k) { return (size_t)(k >> (64 - PART_BITS)); }
/* the 32 key bits after the partition's: the bucket's 10, then 22 more */
static uint32_t key_low(uint64_t k) { return (uint32_t)(k >> (64 - PART_BITS - 32)); }

vg_err vg_match_index_add(vg_match_index *ix, int64_t person_id, const vg_match_person *p)
{
    if (!grow((void **)&ix->recs, &ix->cap, ix->n + 1, sizeof *ix->recs))
        return VG_ERR_NOMEM;
    uint32_t r = (uint32_t)ix->n;
    mrec *m = &ix->recs[r];
    m->person_id = person_id;
    m->family_off = pool_add(ix, p->family);
    m->given_off = pool_add(ix, p->given);
    if (m->family_off == UINT32_MAX || m->given_off == UINT32_MAX)
        return VG_ERR_NOMEM;
    memcpy(m->family_dm, p->family_dm, sizeof m->family_dm);
    memcpy(m->given_dm, p->given_dm, sizeof m->given_dm);
    m->given_group = p->given_group;
    m->dob = p->dob;
    m->phone = p->phone;
    m->postcode = p->postcode;
    m->street = p->street;
    m->number = p->number;
    m->flat = p->flat;
    m->gender = p->gender;
    if (tf_count(ix->family_tf, p->family) || tf_count(ix->given_tf, p->given))
        return VG_ERR_NOMEM;
    uint64_t k[MAX_KEYS];
    unsigned rules[MAX_KEYS];
    int nk = keys_of(p, false, k, rules);
    if (!ix->frozen) {
        for (int i = 0; i < nk; i++) {
            size_t pt = part_of(k[i]);
            if (!part_grow(ix, pt, (size_t)ix->part_n[pt] + 1))
                return VG_ERR_NOMEM;
            ix->part[pt][ix->part_n[pt]++] = (uint64_t)key_low(k[i]) << 32 | r;
        }
        ix->n_bulk += (size_t)nk;
    } else {
        if (!grow((void **)&ix->delta, &ix->cap_delta, ix->n_delta + (size_t)nk, sizeof *ix->delta))
            return VG_ERR_NOMEM;
        size_t cap = ix->cap_delta;
        uint32_t *nx = vg_realloc(ix->delta_next, cap * sizeof *nx);
        if (!nx)
            return VG_ERR_NOMEM;
        ix->delta_next = nx;
        for (int i = 0; i < nk; i++) {
            int64_t head = 0;
            vg_strmap_get(ix->delta_head, (const char *)&k[i], sizeof k[i], &head);
            ix->delta[ix->n_delta] = (posting){k[i], r};
            ix->delta_next[ix->n_delta] = (uint32_t)head; /* previous + 1, 0 = end */
            if (vg_strmap_put(ix->delta_head, (const char *)&k[i], sizeof k[i], (int64_t)ix->n_delta + 1))
                return VG_ERR_NOMEM;
            ix->n_delta++;
        }
    }
    ix->n++;
    return VG_OK;
}

/* Sorts a small array of 8-byte entries (quicksort, insertion sort below 16). */
static void sort_u64(uint64_t *a, size_t n)
{
    while (n > 16) {
        uint64_t x = a[0], y = a[n / 2], z = a[n - 1];
        uint64_t pivot = x < y ? (y < z ? y : (x < z ? z : x)) : (x < z ? x : (y < z ? z : y));
        size_t i = 0, j = n - 1;
        for (;;) {
            while (a[i] < pivot)
                i++;
            while (a[j] > pivot)
                j--;
            if (i >= j)
                break;
            uint64_t t = a[i];
            a[i] = a[j];
            a[j] = t;
            i++;
            j--;
        }
        /* recurse into the smaller side, loop on the larger */
        if (j + 1 < n - j - 1) {
            sort_u64(a, j + 1);
            a += j + 1;
            n -= j + 1;
        } else {
            sort_u64(a + j + 1, n - j - 1);
            n = j + 1;
        }
    }
    for (size_t i = 1; i < n; i++) {
        uint64_t v = a[i];
        size_t k = i;
        while (k > 0 && a[k - 1] > v) {
            a[k] = a[k - 1];
            k--;
        }
        a[k] = v;
    }
}

/* Freezing sorts each partition: copied to a buffer that stays in cache, scattered back
 * by bucket, each bucket sorted; half of the partitions on another thread. (One array
 * for all postings, scattered at random, cost a cache and TLB miss per posting and
 * freshly faulted memory: three times slower at ten million records.) */
typedef struct sort_job {
    vg_match_index *ix;
    uint64_t *buf; /* room for the largest partition */
    size_t from, to;
} sort_job;

static void *sort_partitions(void *arg)
{
    sort_job *j = arg;
    vg_match_index *ix = j->ix;
    uint32_t fill[PER_PART];
    for (size_t p = j->from; p < j->to; p++) {
        uint64_t *a = ix->part[p];
        size_t n = ix->part_n[p];
        if (n == 0)
            continue; /* its bucket starts stay 0 */
        uint32_t *start = ix->bucket + p * PER_PART;
        memset(fill, 0, sizeof fill);
        for (size_t i = 0; i < n; i++)
            fill[a[i] >> (64 - (BUCKET_BITS - PART_BITS))]++;
        uint32_t at = 0;
        for (size_t b = 0; b < PER_PART; b++) {
            start[b] = at;
            at += fill[b];
            fill[b] = start[b];
        }
        memcpy(j->buf, a, n * sizeof *a);
        for (size_t i = 0; i < n; i++)
            a[fill[j->buf[i] >> (64 - (BUCKET_BITS - PART_BITS))]++] = j->buf[i];
        for (size_t b = 0; b < PER_PART; b++) {
            uint32_t lo = start[b], hi = b + 1 < PER_PART ? start[b + 1] : (uint32_t)n;
            if (hi - lo > 1)
                sort_u64(a + lo, hi - lo);
        }
        if (n && n < ix->part_cap[p]) { /* give back the growth slack */
            uint64_t *fit = vg_realloc(a, n * sizeof *a);
            if (fit) {
                ix->part[p] = fit;
                ix->part_cap[p] = (uint32_t)n;
            }
        }
    }
    return NULL;
}

vg_err vg_match_index_freeze(vg_match_index *ix)
{
    if (ix->frozen)
        return VG_OK;
    size_t largest = 1;
    for (size_t p = 0; p < N_PART; p++)
        largest = ix->part_n[p] > largest ? ix->part_n[p] : largest;
    ix->bucket = vg_calloc((size_t)1 << BUCKET_BITS, sizeof *ix->bucket);
    uint64_t *buf[2] = {vg_malloc(largest * sizeof *buf[0]), vg_malloc(largest * sizeof *buf[1])};
    if (!ix->bucket || !buf[0] || !buf[1]) {
        vg_free(buf[0]);
        vg_free(buf[1]);
        vg_free(ix->bucket);
        ix->bucket = NULL;
        return VG_ERR_NOMEM;
    }
    sort_job half = {ix, buf[1], N_PART / 2, N_PART};
    pthread_t tid;
    bool threaded = ix->n_bulk > 100000 && pthread_create(&tid, NULL, sort_partitions, &half) == 0;
    sort_job first = {ix, buf[0], 0, threaded ? N_PART / 2 : N_PART};
    sort_partitions(&first);
    if (threaded)
        pthread_join(tid, NULL);
    vg_free(buf[0]);
    vg_free(buf[1]);
    ix->frozen = true;
    return VG_OK;
}

/* Appends the records a key finds, each tagged with the rule (rec << 8 | rule); returns
 * the new count. */
static size_t find_key(const vg_match_index *ix, uint64_t k, unsigned rule, uint64_t *out, size_t n, size_t max)
{
    size_t p = part_of(k);
    const uint64_t *a = ix->part[p];
    uint32_t want = key_low(k);
    if (ix->frozen && ix->part_n[p]) {
        size_t b = want >> (32 - (BUCKET_BITS - PART_BITS));
        const uint32_t *start = ix->bucket + p * PER_PART;
        size_t lo = start[b], hi = b + 1 < PER_PART ? start[b + 1] : ix->part_n[p], bend = hi;
        while (lo < hi) { /* first entry of the key */
            size_t mid = lo + (hi - lo) / 2;
            if ((a[mid] >> 32) < want)
                lo = mid + 1;
            else
                hi = mid;
        }
        size_t end = lo;
        while (end < bend && (a[end] >> 32) == want)
            end++;
        if (end - lo <= PER_KEY_CAP)
            for (size_t i = lo; i < end && n < max; i++)
                out[n++] = (a[i] & 0xffffffffu) << 8 | rule;
    } else if (!ix->frozen) {
        for (size_t i = 0; i < ix->part_n[p] && n < max; i++) /* before freezing: a scan (small sets only) */
            if ((a[i] >> 32) == want)
                out[n++] = (a[i] & 0xffffffffu) << 8 | rule;
    }
    int64_t head = 0;
    if (vg_strmap_get(ix->delta_head, (const char *)&k, sizeof k, &head))
        for (uint32_t i = (uint32_t)head; i && n < max; i = ix->delta_next[i - 1])
            out[n++] = (uint64_t)ix->delta[i - 1].rec << 8 | rule;
    return n;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* Candidate records of q that the given rules find, sorted and unique, each as
 * rec << 8 | the rules that found it; returns the count. */
static size_t candidates(const vg_match_index *ix, const vg_match_person *q, unsigned rules, uint64_t *out, size_t max)
{
    uint64_t k[MAX_KEYS];
    unsigned rule[MAX_KEYS];
    int nk = keys_of(q, true, k, rule);
    size_t n = 0;
    for (int i = 0; i < nk; i++) {
        if (rule[i] & rules)
            n = find_key(ix, k[i], rule[i], out, n, max);
    }
    qsort(out, n, sizeof *out, cmp_u64);
    size_t u = 0;
    for (size_t i = 0; i < n; i++) {
        if (u > 0 && out[u - 1] >> 8 == out[i] >> 8)
            out[u - 1] |= out[i] & 0xff;
        else
            out[u++] = out[i];
    }
    return u;
}

vg_match_tf vg_match_index_tf(const vg_match_index *ix, const vg_match_person *p)
{
    vg_match_tf tf = {0, 0, (double)ix->n};
    int64_t c;
    if (p->family[0] && vg_strmap_get(ix->family_tf, p->family, strlen(p->family), &c))
        tf.family_count = (double)c;
    if (p->given[0] && vg_strmap_get(ix->given_tf, p->given, strlen(p->given), &c))
        tf.given_count = (double)c;
    return tf;
}

int vg_match_index_query(const vg_match_index *ix, const vg_match_model *m, const vg_match_person *q, uint32_t exclude,
                         double min_prob, vg_match_hit *hits, int max)
{
    uint64_t *cand = vg_malloc(MAX_CANDIDATES * sizeof *cand);
    if (!cand)
        return -1;
    size_t nc = candidates(ix, q, VG_BLOCK_ALL, cand, MAX_CANDIDATES);
    int nh = 0;
    vg_match_tf tf = vg_match_index_tf(ix, q);
    for (size_t i = 0; i < nc; i++) {
        uint32_t rec = (uint32_t)(cand[i] >> 8);
        if (rec == exclude)
            continue;
        vg_match_person r;
        vg_match_index_load(ix, rec, &r);
        vg_match_hit h;
        vg_match_compare(q, &r, &h.cmp);
        h.probability = vg_match_score(m, &h.cmp, &tf, h.contrib);
        if (h.probability < min_prob)
            continue;
        h.person_id = ix->recs[rec].person_id;
        h.record = rec;
        /* insert into the best-first list */
        int pos = nh < max ? nh : max;
        while (pos > 0 && hits[pos - 1].probability < h.probability)
            pos--;
        if (pos >= max)
            continue;
        int last = nh < max ? nh : max - 1;
        memmove(&hits[pos + 1], &hits[pos], (size_t)(last - pos) * sizeof *hits);
        hits[pos] = h;
        if (nh < max)
            nh++;
    }
    vg_free(cand);
    return nh;
}

vg_err vg_match_index_pairs(const vg_match_index *ix, size_t every, unsigned rules, vg_match_pair_fn fn, void *ctx)
{
    uint64_t *cand = vg_malloc(MAX_CANDIDATES * sizeof *cand);
    if (!cand)
        return VG_ERR_NOMEM;
    if (every == 0)
        every = 1;
    for (size_t r = 0; r < ix->n; r += every) {
        vg_match_person a;
        vg_match_index_load(ix, (uint32_t)r, &a);
        size_t nc = candidates(ix, &a, rules, cand, MAX_CANDIDATES);
        for (size_t i = 0; i < nc; i++) {
            uint32_t rec = (uint32_t)(cand[i] >> 8);
            if (rec == r || (rec < r && (rec % every) == 0))
                continue; /* self, or a pair already seen from the other side */
            vg_match_person b;
            vg_match_index_load(ix, rec, &b);
            vg_match_cmp c;
            vg_match_compare(&a, &b, &c);
            fn(ctx, (uint32_t)r, rec, (unsigned)(cand[i] & 0xff), &c);
        }
    }
    vg_free(cand);
    return VG_OK;
}

void vg_match_index_random_pairs(const vg_match_index *ix, size_t n, uint64_t seed, vg_match_pair_fn fn, void *ctx)
{
    if (ix->n < 2)
        return;
    uint64_t x = seed ? seed : 1;
    for (size_t i = 0; i < n; i++) {
        /* xorshift64*: plenty for sampling */
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        uint32_t a = (uint32_t)((x * 0x2545F4914F6CDD1DULL) % ix->n);
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        uint32_t b = (uint32_t)((x * 0x2545F4914F6CDD1DULL) % ix->n);
        if (a == b)
            continue;
        vg_match_person pa, pb;
        vg_match_index_load(ix, a, &pa);
        vg_match_index_load(ix, b, &pb);
        vg_match_cmp c;
        vg_match_compare(&pa, &pb, &c);
        fn(ctx, a, b, 0, &c);
    }
}

/* ---- bulk loading on several threads: workers prepare the next chunk of records while
 * this thread adds the previous one, in order */

#define CHUNK 16384

typedef struct prep_job {
    vg_match_prepare_fn fn;
    void *ctx;
    size_t from, to;
    int64_t *ids;
    vg_match_person *out;
} prep_job;

static void *prep_worker(void *arg)
{
    prep_job *j = arg;
    for (size_t i = j->from; i < j->to; i++)
        j->fn(j->ctx, i, &j->ids[i - j->from], &j->out[i - j->from]);
    return NULL;
}

/* Starts `threads` workers on records [from, to) into ids/out; *started says how many
 * threads run (0: it was done on this thread). */
static void prep_start(prep_job *jobs, pthread_t *tid, int threads, int *started, vg_match_prepare_fn fn, void *ctx,
                       size_t from, size_t to, int64_t *ids, vg_match_person *out)
{
    size_t per = (to - from + (size_t)threads - 1) / (size_t)threads;
    *started = 0;
    for (int t = 0; t < threads; t++) {
        size_t a = from + (size_t)t * per, b = a + per < to ? a + per : to;
        if (a >= b)
            break;
        jobs[t] = (prep_job){fn, ctx, a, b, ids + (a - from), out + (a - from)};
        if (pthread_create(&tid[t], NULL, prep_worker, &jobs[t]) != 0)
            prep_worker(&jobs[t]); /* no thread: do it here */
        else
            (*started)++;
    }
}

static void prep_wait(pthread_t *tid, int started)
{
    for (int t = 0; t < started; t++)
        pthread_join(tid[t], NULL);
}

vg_err vg_match_index_add_parallel(vg_match_index *ix, size_t n, vg_match_prepare_fn fn, void *ctx, int threads)
{
    if (vg_match_index_reserve(ix, ix->n + n))
        return VG_ERR_NOMEM;
    if (threads < 1)
        threads = 1;
    if (threads > 8)
        threads = 8;
    vg_match_person *buf[2] = {vg_malloc(CHUNK * sizeof(vg_match_person)), vg_malloc(CHUNK * sizeof(vg_match_person))};
    int64_t *ids[2] = {vg_malloc(CHUNK * sizeof(int64_t)), vg_malloc(CHUNK * sizeof(int64_t))};
    vg_err e = buf[0] && buf[1] && ids[0] && ids[1] ? VG_OK : VG_ERR_NOMEM;
    prep_job jobs[8];
    pthread_t tid[8];
    int started = 0;
    if (!e && n > 0)
        prep_start(jobs, tid, threads, &started, fn, ctx, 0, n < CHUNK ? n : CHUNK, ids[0], buf[0]);
    for (size_t from = 0, k = 0; !e && from < n; from += CHUNK, k ^= 1) {
        prep_wait(tid, started);
        started = 0;
        size_t to = from + CHUNK < n ? from + CHUNK : n;
        if (to < n) /* the next chunk, while this one is added */
            prep_start(jobs, tid, threads, &started, fn, ctx, to, to + CHUNK < n ? to + CHUNK : n, ids[k ^ 1], buf[k ^ 1]);
        for (size_t i = 0; !e && i < to - from; i++)
            e = vg_match_index_add(ix, ids[k][i], &buf[k][i]);
    }
    prep_wait(tid, started);
    vg_free(buf[0]);
    vg_free(buf[1]);
    vg_free(ids[0]);
    vg_free(ids[1]);
    return e;
}
