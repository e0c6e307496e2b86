/* resolve.c - resolved persons: constrained clustering of the match index (resolve.h). */
#include "match/resolve.h"
#include "base/alloc.h"
#include "base/map.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define NONE UINT32_MAX

typedef struct edge {
    uint32_t a, b;
    double w; /* match weight: the sum of the fields' log2 Bayes factors */
    double p; /* match probability */
} edge;

static bool in_subset(const int64_t *subset, size_t n, int64_t id)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (subset[mid] < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && subset[lo] == id;
}

static double seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* One slip in writing a date of birth: day and month transposed, one digit of YYYYMMDD
 * wrong, or the year one or ten out (a digit slip that carries: 1989 for 1990). */
static bool dob_slip(vg_date a, vg_date b)
{
    int l = vg_match_dob_level(a, b);
    if (l >= 0 && l <= VG_DOB_TYPO)
        return true;
    int ay, am, ad, by, bm, bd;
    vg_date_to_ymd(a, &ay, &am, &ad);
    vg_date_to_ymd(b, &by, &bm, &bd);
    int dy = ay > by ? ay - by : by - ay;
    return am == bm && ad == bd && (dy == 1 || dy == 10);
}

/* Two dates of birth are explained by mistakes if each is at most one slip from a date
 * both could have been written for: the same, one slip apart, or one slip each side of a
 * third date (two records each mistyped differently). */
static bool dob_explained(vg_date a, vg_date b)
{
    if (dob_slip(a, b))
        return true;
    int y, m, d;
    vg_date_to_ymd(a, &y, &m, &d);
    vg_date c;
    if (d <= 12 && vg_date_from_ymd(y, d, m, &c) && dob_slip(c, b))
        return true;
    static const int years[] = {-10, -1, 1, 10};
    for (int i = 0; i < 4; i++)
        if (vg_date_from_ymd(y + years[i], m, d, &c) && dob_slip(c, b))
            return true;
    int x = y * 10000 + m * 100 + d, p10 = 1;
    for (int pos = 0; pos < 8; pos++, p10 *= 10) {
        int digit = x / p10 % 10;
        for (int v = 0; v < 10; v++) {
            if (v == digit)
                continue;
            int z = x + (v - digit) * p10;
            if (vg_date_from_ymd(z / 10000, z / 100 % 100, z % 100, &c) && dob_slip(c, b))
                return true;
        }
    }
    return false;
}

bool vg_match_identity_agrees(vg_date dob_a, uint8_t gender_a, vg_date dob_b, uint8_t gender_b)
{
    if (gender_a != VG_GENDER_UNKNOWN && gender_b != VG_GENDER_UNKNOWN && gender_a != gender_b)
        return false;
    return dob_a == VG_DATE_NONE || dob_b == VG_DATE_NONE || dob_explained(dob_a, dob_b);
}

/* ---- edges, found by worker threads over slices of the index */

typedef struct worker {
    const vg_match_index *ix;
    const vg_match_model *m;
    double threshold; /* the lowest probability kept (the review threshold when there is one) */
    const int64_t *subset;
    size_t n_subset;
    uint32_t from, to;
    edge *v;
    size_t n, cap;
    bool nomem;
    pthread_t tid;
} worker;

typedef struct scored {
    uint32_t record;
    double w, p;
} scored;

static int scored_cmp(const void *x, const void *y)
{
    const scored *a = x, *b = y;
    if (a->w != b->w)
        return a->w > b->w ? -1 : 1;
    return a->record < b->record ? -1 : a->record > b->record;
}

/* A record's edges: the candidates at or above the threshold, other than its own aliases,
 * ranked by weight (probabilities round to 1 for strong pairs), the strongest
 * VG_RESOLVE_MAX_EDGES of them. The query asks for more to leave room for aliases. */
static void *find_edges(void *arg)
{
    worker *w = arg;
    enum { HITS = 4 * VG_RESOLVE_MAX_EDGES };
    vg_match_hit hits[HITS];
    scored best[HITS];
    for (uint32_t r = w->from; r < w->to && !w->nomem; r++) {
        vg_match_person q;
        vg_match_index_load(w->ix, r, &q);
        int nh = vg_match_index_query(w->ix, w->m, &q, r, w->threshold, hits, HITS);
        if (nh < 0) {
            w->nomem = true;
            break;
        }
        int64_t own = vg_match_index_person(w->ix, r);
        if (w->subset && !in_subset(w->subset, w->n_subset, own))
            continue;
        int nb = 0;
        for (int h = 0; h < nh; h++) {
            if (hits[h].person_id == own)
                continue; /* the record's own aliases: one person already */
            if (w->subset && !in_subset(w->subset, w->n_subset, hits[h].person_id))
                continue;
            double wt = 0;
            for (int f = 0; f < VG_MF_COUNT; f++)
                wt += hits[h].contrib[f];
            best[nb++] = (scored){hits[h].record, wt, hits[h].probability};
        }
        if (nb > 1)
            qsort(best, (size_t)nb, sizeof *best, scored_cmp);
        for (int k = 0; k < nb && k < VG_RESOLVE_MAX_EDGES; k++) {
            if (vg_grow((void **)&w->v, &w->cap, w->n + 1, sizeof *w->v, 1024)) {
                w->nomem = true;
                break;
            }
            uint32_t o = best[k].record;
            w->v[w->n++] = (edge){r < o ? r : o, r < o ? o : r, best[k].w, best[k].p};
        }
    }
    return NULL;
}

/* Strongest first; ties in a fixed order so that the result never depends on threads. */
static int edge_cmp(const void *x, const void *y)
{
    const edge *a = x, *b = y;
    if (a->w != b->w)
        return a->w > b->w ? -1 : 1;
    if (a->a != b->a)
        return a->a < b->a ? -1 : 1;
    return a->b < b->b ? -1 : a->b > b->b;
}

static vg_err collect_edges(const vg_match_index *ix, const vg_match_model *m, double threshold, int threads,
                            const int64_t *subset, size_t n_subset, edge **out, size_t *n_out)
{
    *out = NULL;
    *n_out = 0;
    uint32_t n = (uint32_t)vg_match_index_records(ix);
    if (threads < 1)
        threads = 1;
    if (threads > 8)
        threads = 8;
    worker w[8];
    memset(w, 0, sizeof w);
    int started = 0;
    for (int t = 0; t < threads; t++) {
        w[t] = (worker){ix,
                        m,
                        threshold,
                        subset,
                        n_subset,
                        (uint32_t)((uint64_t)n * (uint64_t)t / (uint64_t)threads),
                        (uint32_t)((uint64_t)n * (uint64_t)(t + 1) / (uint64_t)threads),
                        NULL,
                        0,
                        0,
                        false,
                        0};
        if (t == 0 || pthread_create(&w[t].tid, NULL, find_edges, &w[t]) != 0)
            continue; /* the first slice (or one whose thread could not start) runs here */
        started |= 1 << t;
    }
    for (int t = 0; t < threads; t++)
        if (!(started & (1 << t)))
            find_edges(&w[t]);
    size_t total = 0;
    bool nomem = false;
    for (int t = 0; t < threads; t++) {
        if (started & (1 << t))
            pthread_join(w[t].tid, NULL);
        total += w[t].n;
        nomem |= w[t].nomem;
    }
    edge *all = nomem ? NULL : vg_malloc((total ? total : 1) * sizeof *all);
    size_t k = 0;
    for (int t = 0; t < threads; t++) {
        if (all && w[t].n)
            memcpy(all + k, w[t].v, w[t].n * sizeof *all);
        k += w[t].n;
        vg_free(w[t].v);
    }
    if (!all)
        return VG_ERR_NOMEM;
    if (total)
        qsort(all, total, sizeof *all, edge_cmp);
    *out = all;
    *n_out = total;
    return VG_OK;
}

/* ---- union-find whose clusters keep their records with known identifiers in a ring */

typedef struct uf {
    const uint32_t *apart; /* pairs of index records never in one person (2 per pair) */
    size_t n_apart;
    uint32_t *parent, *size;
    uint32_t *ring; /* next record with a date of birth or sex in the same cluster (circular) */
    uint32_t *head; /* a root's first such record, or NONE */
    vg_date *dob;
    uint8_t *gender;
} uf;

static uint32_t find(uf *u, uint32_t x)
{
    while (u->parent[x] != x) {
        u->parent[x] = u->parent[u->parent[x]];
        x = u->parent[x];
    }
    return x;
}

static bool clusters_agree(uf *u, uint32_t ra, uint32_t rb)
{
    for (size_t i = 0; i < u->n_apart; i++) { /* a person's word that they are not one */
        uint32_t x = find(u, u->apart[2 * i]), y = find(u, u->apart[2 * i + 1]);
        if ((x == ra && y == rb) || (x == rb && y == ra))
            return false;
    }
    uint32_t ha = u->head[ra], hb = u->head[rb];
    if (ha == NONE || hb == NONE)
        return true;
    uint32_t a = ha;
    do {
        uint32_t b = hb;
        do {
            if (!vg_match_identity_agrees(u->dob[a], u->gender[a], u->dob[b], u->gender[b]))
                return false;
            b = u->ring[b];
        } while (b != hb);
        a = u->ring[a];
    } while (a != ha);
    return true;
}

static void join(uf *u, uint32_t ra, uint32_t rb)
{
    if (u->size[ra] < u->size[rb]) {
        uint32_t t = ra;
        ra = rb;
        rb = t;
    }
    u->parent[rb] = ra;
    u->size[ra] += u->size[rb];
    uint32_t ha = u->head[ra], hb = u->head[rb];
    if (ha == NONE)
        u->head[ra] = hb;
    else if (hb != NONE) { /* splice the two rings */
        uint32_t t = u->ring[ha];
        u->ring[ha] = u->ring[hb];
        u->ring[hb] = t;
    }
}

typedef struct by_person {
    int64_t person;
    uint32_t rec;
} by_person;

static int by_person_cmp(const void *x, const void *y)
{
    const by_person *a = x, *b = y;
    if (a->person != b->person)
        return a->person < b->person ? -1 : 1;
    return a->rec < b->rec ? -1 : a->rec > b->rec;
}

/* The first index record of a person record (bp sorted by person), or NONE. */
static uint32_t record_of(const by_person *bp, size_t n, int64_t person)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (bp[mid].person < person)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && bp[lo].person == person ? bp[lo].rec : NONE;
}

static int review_cmp(const void *x, const void *y)
{
    const vg_review_pair *a = x, *b = y;
    if (a->a != b->a)
        return a->a < b->a ? -1 : 1;
    if (a->b != b->b)
        return a->b < b->b ? -1 : 1;
    return a->probability > b->probability ? -1 : a->probability < b->probability;
}

static int review_strongest(const void *x, const void *y)
{
    const vg_review_pair *a = x, *b = y;
    if (a->probability != b->probability)
        return a->probability > b->probability ? -1 : 1;
    return a->a < b->a ? -1 : a->a > b->a ? 1 : (a->b < b->b ? -1 : a->b > b->b);
}

/* The pairs of records in two persons that scored from the review threshold to the
 * threshold, each pair of records once (its strongest), strongest first. */
static vg_err review_pairs(uf *u, const vg_match_index *ix, const edge *edges, size_t ne, double threshold,
                           vg_review_pair **out, size_t *n_out)
{
    size_t k = 0, cap = 0;
    vg_review_pair *v = NULL;
    for (size_t i = 0; i < ne; i++) {
        if (edges[i].p >= threshold || find(u, edges[i].a) == find(u, edges[i].b))
            continue;
        if (vg_grow((void **)&v, &cap, k + 1, sizeof *v, 256)) {
            vg_free(v);
            return VG_ERR_NOMEM;
        }
        int64_t a = vg_match_index_person(ix, edges[i].a), b = vg_match_index_person(ix, edges[i].b);
        v[k++] = (vg_review_pair){a < b ? a : b, a < b ? b : a, edges[i].p};
    }
    if (k)
        qsort(v, k, sizeof *v, review_cmp);
    size_t u2 = 0;
    for (size_t i = 0; i < k; i++)
        if (!u2 || v[u2 - 1].a != v[i].a || v[u2 - 1].b != v[i].b)
            v[u2++] = v[i];
    if (u2)
        qsort(v, u2, sizeof *v, review_strongest);
    *out = v;
    *n_out = u2;
    return VG_OK;
}

vg_err vg_match_resolve(const vg_match_index *ix, const vg_match_model *m, double threshold, int threads,
                        int64_t *resolved, vg_resolve_stats *st)
{
    vg_resolve_input in = {.threshold = threshold, .threads = threads};
    return vg_match_resolve_with(ix, m, &in, resolved, st, NULL, NULL);
}

vg_err vg_match_resolve_with(const vg_match_index *ix, const vg_match_model *m, const vg_resolve_input *in,
                             int64_t *resolved, vg_resolve_stats *st, vg_review_pair **review, size_t *n_review)
{
    double t0 = seconds();
    memset(st, 0, sizeof *st);
    if (review) {
        *review = NULL;
        *n_review = 0;
    }
    size_t n = vg_match_index_records(ix);
    st->records = n;
    if (n == 0)
        return VG_OK;
    uf u = {0};
    size_t nn = n + 1;
    u.parent = vg_malloc(nn * sizeof *u.parent);
    u.size = vg_malloc(nn * sizeof *u.size);
    u.ring = vg_malloc(nn * sizeof *u.ring);
    u.head = vg_malloc(nn * sizeof *u.head);
    u.dob = vg_malloc(nn * sizeof *u.dob);
    u.gender = vg_malloc(nn);
    by_person *bp = vg_malloc(nn * sizeof *bp);
    uint32_t *apart = vg_malloc((2 * in->n_links + 1) * sizeof *apart);
    edge *edges = NULL;
    size_t ne = 0;
    vg_err e = VG_OK;
    if (!u.parent || !u.size || !u.ring || !u.head || !u.dob || !u.gender || !bp || !apart) {
        e = VG_ERR_NOMEM;
        goto out;
    }
    for (uint32_t r = 0; r < n; r++) {
        vg_match_person p;
        vg_match_index_load(ix, r, &p);
        u.parent[r] = r;
        u.size[r] = 1;
        u.dob[r] = p.dob;
        u.gender[r] = p.gender;
        bool known = p.dob != VG_DATE_NONE || p.gender != VG_GENDER_UNKNOWN;
        u.ring[r] = r;
        u.head[r] = known ? r : NONE;
        bp[r] = (by_person){vg_match_index_person(ix, r), r};
    }
    /* a person record and its aliases are one person, whatever they say */
    qsort(bp, n, sizeof *bp, by_person_cmp);
    for (size_t i = 1; i < n; i++)
        if (bp[i].person == bp[i - 1].person) {
            uint32_t ra = find(&u, bp[i - 1].rec), rb = find(&u, bp[i].rec);
            if (ra != rb)
                join(&u, ra, rb);
        }
    /* people's decisions: the same person joined now, whatever the model says; apart ones
     * kept apart through every edge below */
    for (size_t i = 0; i < in->n_links; i++) {
        uint32_t a = record_of(bp, n, in->links[i].a), b = record_of(bp, n, in->links[i].b);
        if (a == NONE || b == NONE ||
            (in->subset && !(in_subset(in->subset, in->n_subset, in->links[i].a) &&
                             in_subset(in->subset, in->n_subset, in->links[i].b))))
            continue; /* a record not in the index, or outside what is clustered */
        if (in->links[i].same) {
            uint32_t ra = find(&u, a), rb = find(&u, b);
            if (ra != rb)
                join(&u, ra, rb);
        } else {
            apart[2 * u.n_apart] = a;
            apart[2 * u.n_apart + 1] = b;
            u.n_apart++;
        }
    }
    u.apart = apart;
    double lowest = in->review_threshold > 0 && in->review_threshold < in->threshold ? in->review_threshold : in->threshold;
    if ((e = collect_edges(ix, m, lowest, in->threads, in->subset, in->n_subset, &edges, &ne)))
        goto out;
    st->edges = ne;
    for (size_t i = 0; i < ne; i++) {
        if (edges[i].p < in->threshold)
            continue; /* for review only */
        uint32_t ra = find(&u, edges[i].a), rb = find(&u, edges[i].b);
        if (ra == rb)
            continue;
        if (!clusters_agree(&u, ra, rb)) {
            st->refused++;
            continue;
        }
        join(&u, ra, rb);
        st->merges++;
    }
    if (review && lowest < in->threshold && (e = review_pairs(&u, ix, edges, ne, in->threshold, review, n_review)))
        goto out;
    /* each person's id: its smallest person record id (bp is sorted by person id) */
    for (uint32_t r = 0; r < n; r++)
        resolved[r] = -1;
    for (size_t i = 0; i < n; i++) {
        if (in->subset && !in_subset(in->subset, in->n_subset, bp[i].person))
            continue;
        uint32_t root = find(&u, bp[i].rec);
        if (resolved[root] == -1) {
            resolved[root] = bp[i].person;
            st->persons++;
            if (u.size[root] > st->largest)
                st->largest = u.size[root];
        }
    }
    for (uint32_t r = 0; r < n; r++) {
        int64_t id = vg_match_index_person(ix, r);
        resolved[r] = in->subset && !in_subset(in->subset, in->n_subset, id) ? -1 : resolved[find(&u, r)];
    }
out:
    vg_free(u.parent);
    vg_free(u.size);
    vg_free(u.ring);
    vg_free(u.head);
    vg_free(u.dob);
    vg_free(u.gender);
    vg_free(bp);
    vg_free(apart);
    vg_free(edges);
    st->seconds = seconds() - t0;
    return e;
}

/* ---- scores against a truth */

typedef struct labelled {
    int64_t pred, truth;
} labelled;

static int by_pred_cmp(const void *x, const void *y)
{
    const labelled *a = x, *b = y;
    if (a->pred != b->pred)
        return a->pred < b->pred ? -1 : 1;
    return a->truth < b->truth ? -1 : a->truth > b->truth;
}

static int by_truth_cmp(const void *x, const void *y)
{
    const labelled *a = x, *b = y;
    if (a->truth != b->truth)
        return a->truth < b->truth ? -1 : 1;
    return a->pred < b->pred ? -1 : a->pred > b->pred;
}

/* For each run of equal cells (pred, truth) in v sorted by key: sum of c^2 / (size of
 * the item's cluster by key); the sizes of the key's clusters are counted on the way. */
static double bcubed_sum(labelled *v, size_t n, bool by_pred, int64_t *pairs, int64_t *cell_pairs)
{
    qsort(v, n, sizeof *v, by_pred ? by_pred_cmp : by_truth_cmp);
    double sum = 0;
    *pairs = 0;
    *cell_pairs = 0;
    for (size_t i = 0; i < n;) {
        int64_t key = by_pred ? v[i].pred : v[i].truth;
        size_t j = i;
        while (j < n && (by_pred ? v[j].pred : v[j].truth) == key)
            j++;
        double size = (double)(j - i);
        *pairs += (int64_t)(j - i) * (int64_t)(j - i - 1) / 2;
        for (size_t k = i; k < j;) { /* cells of this cluster: runs of the other label */
            size_t l = k;
            while (l < j && v[l].pred == v[k].pred && v[l].truth == v[k].truth)
                l++;
            double c = (double)(l - k);
            sum += c * c / size;
            *cell_pairs += (int64_t)(l - k) * (int64_t)(l - k - 1) / 2;
            k = l;
        }
        i = j;
    }
    return sum;
}

vg_err vg_match_cluster_score(const int64_t *predicted, const int64_t *truth, size_t n, vg_cluster_score *out)
{
    memset(out, 0, sizeof *out);
    out->items = n;
    if (n == 0)
        return VG_OK;
    labelled *v = vg_malloc(n * sizeof *v);
    if (!v)
        return VG_ERR_NOMEM;
    for (size_t i = 0; i < n; i++)
        v[i] = (labelled){predicted[i], truth[i]};
    int64_t correct;
    double p = bcubed_sum(v, n, true, &out->predicted_pairs, &correct);
    double r = bcubed_sum(v, n, false, &out->true_pairs, &out->correct_pairs);
    vg_free(v);
    out->pair_precision = out->predicted_pairs ? (double)out->correct_pairs / (double)out->predicted_pairs : 1.0;
    out->pair_recall = out->true_pairs ? (double)out->correct_pairs / (double)out->true_pairs : 1.0;
    out->bcubed_precision = p / (double)n;
    out->bcubed_recall = r / (double)n;
    double s = out->bcubed_precision + out->bcubed_recall;
    out->bcubed_f1 = s > 0 ? 2 * out->bcubed_precision * out->bcubed_recall / s : 0;
    return VG_OK;
}

/* ---- the persons in memory */

typedef struct member {
    int64_t person, record;
} member;

struct vg_match_persons {
    vg_strmap *of; /* record -> person, for records that are not their own person */
    member *v;     /* (person, record) for those records, sorted by person then record */
    size_t n, cap;
};

vg_err vg_match_persons_new(vg_match_persons **out)
{
    *out = NULL;
    vg_match_persons *p = vg_calloc(1, sizeof *p);
    if (!p || vg_strmap_new(&p->of)) {
        vg_free(p);
        return VG_ERR_NOMEM;
    }
    *out = p;
    return VG_OK;
}

void vg_match_persons_free(vg_match_persons *p)
{
    if (!p)
        return;
    vg_strmap_free(p->of);
    vg_free(p->v);
    vg_free(p);
}

vg_err vg_match_persons_add(vg_match_persons *p, int64_t record, int64_t person)
{
    if (record == person)
        return VG_OK;
    if (vg_grow((void **)&p->v, &p->cap, p->n + 1, sizeof *p->v, 1024) ||
        vg_strmap_put(p->of, (const char *)&record, sizeof record, person))
        return VG_ERR_NOMEM;
    p->v[p->n++] = (member){person, record};
    return VG_OK;
}

static int member_cmp(const void *x, const void *y)
{
    const member *a = x, *b = y;
    if (a->person != b->person)
        return a->person < b->person ? -1 : 1;
    return a->record < b->record ? -1 : a->record > b->record;
}

vg_err vg_match_persons_freeze(vg_match_persons *p)
{
    if (p->n)
        qsort(p->v, p->n, sizeof *p->v, member_cmp);
    return VG_OK;
}

int64_t vg_match_persons_of(const vg_match_persons *p, int64_t record)
{
    int64_t person;
    return p && vg_strmap_get(p->of, (const char *)&record, sizeof record, &person) ? person : record;
}

size_t vg_match_persons_records(const vg_match_persons *p, int64_t person, int64_t *out, size_t max)
{
    size_t k = 0;
    if (max)
        out[k] = person;
    k++;
    if (!p || !p->n)
        return k;
    size_t lo = 0, hi = p->n; /* the first member of person */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (p->v[mid].person < person)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < p->n && p->v[i].person == person; i++, k++)
        if (k < max)
            out[k] = p->v[i].record;
    return k;
}
