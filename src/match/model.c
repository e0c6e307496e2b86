/* model.c - Fellegi-Sunter comparison levels, weights and EM. */
#include "match/model.h"
#include "domain/names.h"
#include "match/similarity.h"

#include <math.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

static const int levels[VG_MF_COUNT] = {4, 6, 5, 2, 3, 2};
static const char *const field_names[VG_MF_COUNT] = {"family_name", "given_name", "date_of_birth", "phone", "address", "gender"};
static const char *const level_names[VG_MF_COUNT][VG_MATCH_LEVELS] = {
    {"exact", "sounds alike or one edit", "similar", "different"},
    {"exact", "nickname", "sounds alike or one edit", "similar", "initial or short form", "different"},
    {"exact", "day and month transposed", "one digit different", "same year", "different"},
    {"same", "different"},
    {"same house", "same street or postcode", "different"},
    {"same", "different"},
};

/* Each level in words, for the people who read a candidate list. */
static const char *const evidence_words[VG_MF_COUNT][VG_MATCH_LEVELS] = {
    {"same family name", "family name sounds the same or differs by a letter", "similar family name",
     "different family name"},
    {"same given name", "given name a nickname of the other", "given name sounds the same or differs by a letter",
     "similar given name", "given name an initial or short form", "different given name"},
    {"same date of birth", "date of birth with day and month swapped", "date of birth one digit different",
     "born the same year", "different date of birth"},
    {"same phone number", "different phone number"},
    {"same home address", "same street or postcode", "different address"},
    {"same sex", "different sex"},
};

void vg_match_evidence(const int8_t level[VG_MF_COUNT], char *out, size_t n)
{
    size_t k = 0;
    if (n)
        out[0] = '\0';
    /* agreements (level 0), then partial ones, then differences */
    for (int pass = 0; pass < 3; pass++)
        for (int f = 0; f < VG_MF_COUNT; f++) {
            int l = level[f];
            if (l < 0 || l >= levels[f])
                continue;
            int kind = l == 0 ? 0 : l == levels[f] - 1 ? 2 : 1;
            if (kind != pass)
                continue;
            int w = snprintf(out + k, k < n ? n - k : 0, "%s%s", k ? "; " : "", evidence_words[f][l]);
            if (w > 0)
                k = k + (size_t)w < n ? k + (size_t)w : (n ? n - 1 : 0);
        }
}

int vg_match_levels(vg_match_field f) { return levels[f]; }
const char *vg_match_field_name(vg_match_field f) { return f < VG_MF_COUNT ? field_names[f] : "?"; }
const char *vg_match_level_name(vg_match_field f, int level)
{
    if (level == VG_LEVEL_MISSING)
        return "not given";
    return (f < VG_MF_COUNT && level >= 0 && level < levels[f]) ? level_names[f][level] : "?";
}

/* The defaults are the estimates from the synthetic force at scale 1 (vigil match train
 * on 359,386 person records), rounded: a sound start for any store of English and Welsh
 * names. Retrain on the force's own records. */
void vg_match_model_default(vg_match_model *m)
{
    static const double dm[VG_MF_COUNT][VG_MATCH_LEVELS] = {
        {0.43, 0.43, 0.04, 0.10}, {0.30, 0.13, 0.44, 0.075, 0.002, 0.053}, {0.64, 0.075, 0.245, 0.004, 0.036},
        {0.98, 0.02}, {0.978, 0.002, 0.02}, {0.998, 0.002}};
    static const double du[VG_MF_COUNT][VG_MATCH_LEVELS] = {
        {0.0096, 0.0029, 0.0008, 0.9867}, {0.0055, 0.0014, 0.0066, 0.0046, 0.000002, 0.9819},
        {0.00004, 0.00002, 0.0013, 0.0136, 0.9850}, {0.000001, 0.999999}, {0.00001, 0.00005, 0.99994}, {0.5, 0.5}};
    memset(m, 0, sizeof *m);
    m->prior = 0.03;
    memcpy(m->m, dm, sizeof dm);
    memcpy(m->u, du, sizeof du);
}

uint32_t vg_hash32(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h ? h : 1;
}

uint32_t vg_dm_pack(const char code[VG_DM_LEN + 1])
{
    uint32_t v = 0;
    bool end = false; /* a key shorter than VG_DM_LEN packs zeros after its NUL */
    for (int i = 0; i < VG_DM_LEN; i++) {
        end = end || code[i] == '\0';
        v = (v << 8) | (end ? 0u : (unsigned char)code[i]);
    }
    return v;
}

static void dm_codes(const char *name, uint32_t out[2])
{
    char p[VG_DM_LEN + 1], a[VG_DM_LEN + 1];
    vg_double_metaphone(name, strlen(name), p, a);
    out[0] = name[0] ? vg_dm_pack(p) : 0;
    out[1] = name[0] ? vg_dm_pack(a) : 0;
}

/* Per-thread memo of what a name costs to prepare (folding, Double Metaphone, nickname
 * group): names repeat across records, so an index build of millions of records mostly hits
 * it. Direct-mapped, keyed by the raw name and its kind; a name too long for a slot or a
 * thread without memory simply computes. */
enum { NAME_MEMO_SLOTS = 8192, NAME_MEMO_KEY = 24 };
typedef struct {
    char key[NAME_MEMO_KEY]; /* kind byte, then the raw name; "" when empty */
    char norm[NAME_MEMO_KEY];
    uint32_t dm[2];
    uint32_t group;
} name_memo;

static pthread_key_t memo_key;
static pthread_once_t memo_once = PTHREAD_ONCE_INIT;
static bool memo_ok;

static void memo_init(void) { memo_ok = pthread_key_create(&memo_key, free) == 0; }

static name_memo *memo_slot(char kind, const char *raw, size_t len)
{
    if (len + 2 > NAME_MEMO_KEY)
        return NULL;
    pthread_once(&memo_once, memo_init);
    if (!memo_ok)
        return NULL;
    name_memo *m = pthread_getspecific(memo_key);
    if (!m) {
        if (!(m = calloc(NAME_MEMO_SLOTS, sizeof *m)))
            return NULL;
        if (pthread_setspecific(memo_key, m)) {
            free(m);
            return NULL;
        }
    }
    uint32_t h = 2166136261u ^ (unsigned char)kind;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)raw[i]) * 16777619u;
    return &m[h & (NAME_MEMO_SLOTS - 1)];
}

static bool memo_hit(const name_memo *m, char kind, const char *raw, size_t len)
{
    return m->key[0] == kind && memcmp(m->key + 1, raw, len) == 0 && m->key[len + 1] == '\0';
}

static void memo_fill(name_memo *m, char kind, const char *raw, size_t len, const char *norm, const uint32_t dm[2],
                      uint32_t group)
{
    size_t n = strlen(norm);
    if (n >= NAME_MEMO_KEY) {
        m->key[0] = '\0';
        return;
    }
    m->key[0] = kind;
    memcpy(m->key + 1, raw, len);
    m->key[len + 1] = '\0';
    memcpy(m->norm, norm, n + 1);
    m->dm[0] = dm[0];
    m->dm[1] = dm[1];
    m->group = group;
}

static uint32_t group_of(const char *given)
{
    const vg_name_group *grp = given[0] ? vg_name_group_find(given) : NULL;
    size_t count;
    return grp ? (uint32_t)(grp - vg_name_groups(&count)) + 1 : 0;
}

/* The phonetic codes (and, for a given name, the nickname group) of a normalised name. */
static void name_codes(const char *norm, bool given, uint32_t dm[2], uint32_t *group)
{
    dm_codes(norm, dm);
    *group = given ? group_of(norm) : 0;
}

/* A raw family name (kind 'f') or given names (kind 'g': the first one is kept),
 * normalised with its codes, through the per-thread memo. */
static void prepare_name(char kind, const char *raw, char norm[VG_NAME_MAX], uint32_t dm[2], uint32_t *group)
{
    size_t len = strlen(raw);
    name_memo *m = memo_slot(kind, raw, len);
    if (m && memo_hit(m, kind, raw, len)) {
        memcpy(norm, m->norm, strlen(m->norm) + 1);
        dm[0] = m->dm[0];
        dm[1] = m->dm[1];
        *group = m->group;
        return;
    }
    if (kind == 'g') {
        char all[VG_NAME_MAX];
        vg_norm_name(raw, len, all);
        vg_norm_first_given(all, norm);
    } else {
        vg_norm_name(raw, len, norm);
    }
    name_codes(norm, kind == 'g', dm, group);
    if (m)
        memo_fill(m, kind, raw, len, norm, dm, *group);
}

void vg_match_person_prepare(vg_match_person *p, const char *whole_name, const char *given, const char *family,
                             vg_date dob, const char *phone, const char *address_text,
                             const vg_norm_address *address, vg_gender gender)
{
    memset(p, 0, sizeof *p);
    if (whole_name && *whole_name) {
        char g[VG_NAME_MAX] = "";
        uint32_t none;
        vg_norm_split_name(whole_name, strlen(whole_name), g, p->family);
        vg_norm_first_given(g, p->given);
        name_codes(p->family, false, p->family_dm, &none);
        name_codes(p->given, true, p->given_dm, &p->given_group);
    } else {
        uint32_t none;
        prepare_name('f', family ? family : "", p->family, p->family_dm, &none);
        prepare_name('g', given ? given : "", p->given, p->given_dm, &p->given_group);
    }
    p->dob = dob;
    char e164[20];
    if (phone && vg_norm_phone(phone, strlen(phone), e164)) {
        uint64_t v = 0;
        for (const char *c = e164 + 1; *c; c++)
            v = v * 10 + (uint64_t)(*c - '0');
        p->phone = v;
    }
    vg_norm_address a;
    if (address)
        a = *address;
    else if (address_text)
        vg_norm_address_text(address_text, strlen(address_text), &a);
    else
        memset(&a, 0, sizeof a);
    p->postcode = a.postcode[0] ? vg_hash32(a.postcode) : 0;
    p->street = a.street[0] ? vg_hash32(a.street) : 0;
    p->number = a.number[0] ? vg_hash32(a.number) : a.building[0] ? vg_hash32(a.building) : 0;
    p->flat = a.flat[0] ? vg_hash32(a.flat) : 0;
    p->gender = (uint8_t)gender;
}

static bool dm_meet(const uint32_t a[2], const uint32_t b[2])
{
    return a[0] && b[0] && (a[0] == b[0] || a[0] == b[1] || a[1] == b[0] || a[1] == b[1]);
}

static int family_level(const vg_match_person *a, const char *af, const uint32_t adm[2], const vg_match_person *b,
                        const char *bf, const uint32_t bdm[2])
{
    (void)a;
    (void)b;
    if (!af[0] || !bf[0])
        return VG_LEVEL_MISSING;
    if (strcmp(af, bf) == 0)
        return 0;
    size_t an = strlen(af), bn = strlen(bf);
    if (dm_meet(adm, bdm) || vg_edit_within(af, an, bf, bn, 1))
        return 1;
    return vg_jaro_winkler(af, an, bf, bn) >= 0.88 ? 2 : 3;
}

static int given_level(const char *ag, uint32_t agrp, const uint32_t adm[2], const char *bg, uint32_t bgrp,
                       const uint32_t bdm[2])
{
    if (!ag[0] || !bg[0])
        return VG_LEVEL_MISSING;
    if (strcmp(ag, bg) == 0)
        return 0;
    if (agrp && agrp == bgrp)
        return 1;
    size_t an = strlen(ag), bn = strlen(bg);
    if (dm_meet(adm, bdm) || vg_edit_within(ag, an, bg, bn, 1))
        return 2;
    double jw = vg_jaro_winkler(ag, an, bg, bn);
    if (jw >= 0.9)
        return 2;
    if (jw >= 0.8 || (an >= 4 && bn >= 4 && vg_edit_within(ag, an, bg, bn, 2)))
        return 3;
    if ((an == 1 || bn == 1 || an >= 3 || bn >= 3) &&
        (strncmp(ag, bg, an < bn ? an : bn) == 0)) /* "j" vs "john", "chris" vs "christopher" */
        return 4;
    return 5;
}

int vg_match_dob_level(vg_date a, vg_date b)
{
    if (a == VG_DATE_NONE || b == VG_DATE_NONE)
        return VG_LEVEL_MISSING;
    if (a == b)
        return 0;
    int ay, am, ad, by, bm, bd;
    vg_date_to_ymd(a, &ay, &am, &ad);
    vg_date_to_ymd(b, &by, &bm, &bd);
    if (ay == by && am == bd && ad == bm)
        return 1;
    /* one digit different in YYYYMMDD */
    int diff = 0, xa = ay * 10000 + am * 100 + ad, xb = by * 10000 + bm * 100 + bd;
    for (int i = 0; i < 8; i++, xa /= 10, xb /= 10)
        diff += xa % 10 != xb % 10;
    if (diff == 1)
        return 2;
    return ay == by ? 3 : 4;
}

/* Same house: the same postcode and number, or (when a postcode is missing) the same
 * street and number; a street name alone repeats from town to town. */
static int address_level(const vg_match_person *a, const vg_match_person *b)
{
    bool ahas = a->street || a->postcode, bhas = b->street || b->postcode;
    if (!ahas || !bhas)
        return VG_LEVEL_MISSING;
    bool both_pc = a->postcode && b->postcode;
    bool same_place = both_pc ? a->postcode == b->postcode : (a->street && a->street == b->street);
    bool flat_ok = !a->flat || !b->flat || a->flat == b->flat;
    if (same_place && a->number && a->number == b->number && flat_ok)
        return 0;
    return same_place ? 1 : 2;
}

static int sum_levels(const vg_match_cmp *c)
{
    int s = 0;
    for (int f = 0; f < 2; f++)
        s += c->level[f] < 0 ? 3 : c->level[f];
    return s;
}

void vg_match_compare(const vg_match_person *a, const vg_match_person *b, vg_match_cmp *out)
{
    vg_match_cmp direct, swap;
    memset(&direct, 0, sizeof direct);
    direct.level[VG_MF_FAMILY] = (int8_t)family_level(a, a->family, a->family_dm, b, b->family, b->family_dm);
    direct.level[VG_MF_GIVEN] = (int8_t)given_level(a->given, a->given_group, a->given_dm, b->given, b->given_group, b->given_dm);
    *out = direct;
    /* the same names, given and family the other way round */
    if (direct.level[VG_MF_FAMILY] != 0 || direct.level[VG_MF_GIVEN] != 0) {
        swap = direct;
        /* a swapped record's "family name" may hold the middle names too: "henry arjun" */
        char bfirst[VG_NAME_MAX];
        uint32_t bfirst_dm[2] = {b->family_dm[0], b->family_dm[1]};
        if (vg_norm_first_given(b->family, bfirst) != strlen(b->family))
            dm_codes(bfirst, bfirst_dm);
        swap.level[VG_MF_FAMILY] = (int8_t)family_level(a, a->family, a->family_dm, b, b->given, b->given_dm);
        swap.level[VG_MF_GIVEN] = (int8_t)given_level(a->given, a->given_group, a->given_dm, bfirst, 0, bfirst_dm);
        swap.swapped = true;
        if (sum_levels(&swap) + 2 < sum_levels(&direct))
            *out = swap;
    }
    out->level[VG_MF_DOB] = (int8_t)vg_match_dob_level(a->dob, b->dob);
    out->level[VG_MF_PHONE] = (int8_t)(!a->phone || !b->phone ? VG_LEVEL_MISSING : a->phone == b->phone ? 0 : 1);
    out->level[VG_MF_ADDRESS] = (int8_t)address_level(a, b);
    out->level[VG_MF_GENDER] = (int8_t)(a->gender == VG_GENDER_UNKNOWN || b->gender == VG_GENDER_UNKNOWN
                                            ? VG_LEVEL_MISSING
                                            : a->gender == b->gender ? 0 : 1);
}

#define U_MIN 1e-7

double vg_match_score(const vg_match_model *m, const vg_match_cmp *c, const vg_match_tf *tf, double contrib[VG_MF_COUNT])
{
    double w = log2(m->prior / (1 - m->prior));
    for (int f = 0; f < VG_MF_COUNT; f++) {
        int l = c->level[f];
        double bf = 0;
        if (l >= 0) {
            double mm = m->m[f][l], uu = m->u[f][l];
            if (tf && tf->records > 0 && l == 0 && (f == VG_MF_FAMILY || f == VG_MF_GIVEN))
                uu = ((f == VG_MF_FAMILY ? tf->family_count : tf->given_count) + VG_TF_PSEUDO * uu) /
                     (tf->records + VG_TF_PSEUDO);
            bf = log2((mm > U_MIN ? mm : U_MIN) / (uu > U_MIN ? uu : U_MIN));
        }
        if (contrib)
            contrib[f] = bf;
        w += bf;
    }
    if (w > 60)
        return 1.0;
    if (w < -60)
        return 0.0;
    double odds = exp2(w);
    return odds / (1 + odds);
}

void vg_match_estimate_u(vg_match_model *m, const vg_match_cmp *pairs, size_t n)
{
    double c[VG_MF_COUNT][VG_MATCH_LEVELS] = {{0}}, t[VG_MF_COUNT] = {0};
    for (size_t i = 0; i < n; i++)
        for (int f = 0; f < VG_MF_COUNT; f++)
            if (pairs[i].level[f] >= 0) {
                c[f][pairs[i].level[f]] += 1;
                t[f] += 1;
            }
    for (int f = 0; f < VG_MF_COUNT; f++)
        if (t[f] > 0)
            for (int l = 0; l < levels[f]; l++) /* add-half smoothing: rare levels stay possible */
                m->u[f][l] = (c[f][l] + 0.5) / (t[f] + 0.5 * levels[f]);
}

/* log m and log u of every field and level, for the E step. */
typedef struct log_tables {
    double lm[VG_MF_COUNT][VG_MATCH_LEVELS], lu[VG_MF_COUNT][VG_MATCH_LEVELS];
} log_tables;

static void log_tables_of(const vg_match_model *m, log_tables *t)
{
    for (int f = 0; f < VG_MF_COUNT; f++)
        for (int l = 0; l < levels[f]; l++) {
            t->lm[f][l] = log(m->m[f][l] > U_MIN ? m->m[f][l] : U_MIN);
            t->lu[f][l] = log(m->u[f][l] > U_MIN ? m->u[f][l] : U_MIN);
        }
}

/* P(match | comparison) under the model, using the fields marked in use (NULL: all). */
static double posterior(const log_tables *t, const vg_match_cmp *c, double prior, const bool *use)
{
    double d = log(1 - prior) - log(prior); /* log(u-side / m-side) */
    for (int f = 0; f < VG_MF_COUNT; f++) {
        int l = c->level[f];
        if (l < 0 || (use && !use[f]))
            continue;
        d += t->lu[f][l] - t->lm[f][l];
    }
    return d > 700 ? 0.0 : 1.0 / (1.0 + exp(d));
}

double vg_match_em(vg_match_model *m, const vg_match_cmp *pairs, size_t n, const bool use[VG_MF_COUNT],
                   int max_iterations)
{
    double prior = m->prior;
    if (n == 0)
        return prior;
    int it = 0;
    for (; it < max_iterations; it++) {
        double sm[VG_MF_COUNT][VG_MATCH_LEVELS] = {{0}}, tm[VG_MF_COUNT] = {0}, gsum = 0;
        log_tables t;
        log_tables_of(m, &t);
        for (size_t i = 0; i < n; i++) {
            const vg_match_cmp *c = &pairs[i];
            double g = posterior(&t, c, prior, use);
            gsum += g;
            for (int f = 0; f < VG_MF_COUNT; f++) {
                int l = c->level[f];
                if (l < 0 || !use[f])
                    continue;
                sm[f][l] += g;
                tm[f] += g;
            }
        }
        double np = fmin(fmax(gsum / (double)n, 1e-6), 1 - 1e-6), change = fabs(np - prior);
        prior = np;
        for (int f = 0; f < VG_MF_COUNT; f++) {
            if (!use[f] || tm[f] <= 0)
                continue;
            for (int l = 0; l < levels[f]; l++) {
                double nm = (sm[f][l] + 1e-3) / (tm[f] + 1e-3 * levels[f]);
                change = fmax(change, fabs(nm - m->m[f][l]));
                m->m[f][l] = nm;
            }
        }
        if (change < 1e-6)
            break;
    }
    m->iterations += it + 1;
    m->pairs += (int64_t)n;
    m->trained = true;
    return prior;
}

void vg_match_model_floor(vg_match_model *m)
{
    for (int f = 0; f < VG_MF_COUNT; f++) {
        double sum = 0;
        for (int l = 0; l < levels[f]; l++) {
            bool change = (f == VG_MF_PHONE || f == VG_MF_ADDRESS) && l == levels[f] - 1;
            double floor = change ? VG_MATCH_M_FLOOR_CHANGE : VG_MATCH_M_FLOOR;
            if (m->m[f][l] < floor)
                m->m[f][l] = floor;
            sum += m->m[f][l];
        }
        for (int l = 0; l < levels[f]; l++)
            m->m[f][l] /= sum;
    }
}

void vg_match_estimate_prior(vg_match_model *m, const vg_match_cmp *pairs, size_t n, int max_iterations)
{
    if (n == 0)
        return;
    log_tables t;
    log_tables_of(m, &t);
    for (int it = 0; it < max_iterations; it++) {
        double gsum = 0;
        for (size_t i = 0; i < n; i++)
            gsum += posterior(&t, &pairs[i], m->prior, NULL);
        double np = fmin(fmax(gsum / (double)n, 1e-6), 1 - 1e-6);
        bool done = fabs(np - m->prior) < 1e-7;
        m->prior = np;
        if (done)
            break;
    }
}

json_t *vg_match_model_to_json(const vg_match_model *m)
{
    json_t *fields = json_object();
    for (int f = 0; f < VG_MF_COUNT; f++) {
        json_t *mm = json_array(), *uu = json_array();
        for (int l = 0; l < levels[f]; l++) {
            json_array_append_new(mm, json_real(m->m[f][l]));
            json_array_append_new(uu, json_real(m->u[f][l]));
        }
        json_object_set_new(fields, field_names[f], json_pack("{s:o, s:o}", "m", mm, "u", uu));
    }
    return json_pack("{s:i, s:f, s:b, s:I, s:i, s:o}", "version", 1, "prior", m->prior, "trained", m->trained, "pairs",
                     (json_int_t)m->pairs, "iterations", m->iterations, "fields", fields);
}

vg_err vg_match_model_from_json(const json_t *j, vg_match_model *m, vg_error *err)
{
    vg_match_model_default(m);
    json_t *fields = json_object_get(j, "fields");
    json_t *prior = json_object_get(j, "prior");
    if (!json_is_object(fields) || !json_is_number(prior))
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "match.model", "not a saved match model");
    m->prior = json_number_value(prior);
    m->trained = json_is_true(json_object_get(j, "trained"));
    m->pairs = json_integer_value(json_object_get(j, "pairs"));
    m->iterations = (int)json_integer_value(json_object_get(j, "iterations"));
    for (int f = 0; f < VG_MF_COUNT; f++) {
        json_t *o = json_object_get(fields, field_names[f]);
        json_t *mm = json_object_get(o, "m"), *uu = json_object_get(o, "u");
        if (!json_is_array(mm) || !json_is_array(uu) || json_array_size(mm) != (size_t)levels[f] ||
            json_array_size(uu) != (size_t)levels[f])
            return vg_error_set(err, VG_ERR_INVALID_INPUT, "match.model", "field %s is malformed", field_names[f]);
        for (int l = 0; l < levels[f]; l++) {
            m->m[f][l] = json_number_value(json_array_get(mm, (size_t)l));
            m->u[f][l] = json_number_value(json_array_get(uu, (size_t)l));
        }
    }
    if (!(m->prior > 0 && m->prior < 1))
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "match.model", "prior out of range");
    return VG_OK;
}
