/* variants.c - spelling variants, and fictional people in memory. */
#include "synth/variants.h"
#include "synth/synth_int.h"
#include "base/alloc.h"
#include "domain/names.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>


static bool is_ascii_alpha(char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'); }

void vg_synth_typo(vg_rng *r, char *s)
{
    size_t n = strlen(s);
    if (n < 3)
        return;
    for (int attempt = 0; attempt < 8; attempt++) {
        size_t i = 1 + (size_t)vg_rng_below(r, n - 1);
        if (!is_ascii_alpha(s[i]))
            continue;
        switch (vg_rng_below(r, 4)) {
        case 0: /* substitution */
            s[i] = (char)('a' + vg_rng_below(r, 26));
            return;
        case 1: /* transposition with the next letter */
            if (i + 1 < n && is_ascii_alpha(s[i + 1])) {
                char t = s[i];
                s[i] = s[i + 1];
                s[i + 1] = t;
                return;
            }
            break;
        case 2: /* deletion */
            memmove(s + i, s + i + 1, n - i);
            return;
        default: /* doubled letter */
            if (n + 2 < 64) {
                memmove(s + i + 1, s + i, n - i + 1);
                return;
            }
        }
    }
}

static void capitalise(char *s)
{
    if (s[0] >= 'a' && s[0] <= 'z')
        s[0] = (char)(s[0] - 'a' + 'A');
}

void vg_synth_nickname(vg_rng *r, char *given, size_t n)
{
    const vg_name_group *g = vg_name_group_find(given);
    if (!g) {
        vg_synth_typo(r, given);
        return;
    }
    int k = 0;
    while (k < 8 && g->names[k])
        k++;
    for (int attempt = 0; attempt < 4; attempt++) {
        const char *alt = g->names[vg_rng_below(r, (uint64_t)k)];
        if (strcasecmp(alt, given) != 0) {
            snprintf(given, n, "%s", alt);
            capitalise(given);
            return;
        }
    }
}

vg_date vg_synth_dob_variant(vg_rng *r, vg_date dob)
{
    int y, m, d;
    vg_date_to_ymd(dob, &y, &m, &d);
    double x = vg_rng_unit(r);
    vg_date out = dob;
    if (x < 0.35 && d <= 12 && d != m) {
        (void)vg_date_from_ymd(y, d, m, &out); /* day and month transposed */
    } else if (x < 0.6) {
        int dd = d, yy = y;
        if (vg_rng_chance(r, 0.5))
            dd = d % 10 == 9 ? d - 1 : d + 1; /* one digit wrong in the day */
        else
            yy = y + (vg_rng_chance(r, 0.5) ? 1 : -1) * (vg_rng_chance(r, 0.5) ? 1 : 10);
        if (!vg_date_from_ymd(yy, m, dd, &out))
            out = dob;
    } else {
        out = VG_DATE_NONE; /* not given */
    }
    return out;
}

void vg_synth_format_phone(vg_rng *r, uint64_t national, bool variant, char *buf, size_t n)
{
    char digits[16];
    snprintf(digits, sizeof digits, "%010llu", (unsigned long long)national);
    int style = variant ? 1 + (int)vg_rng_below(r, 3) : 0;
    switch (style) {
    case 0: snprintf(buf, n, "0%.4s %.6s", digits, digits + 4); break;
    case 1: snprintf(buf, n, "+44 %.4s %.6s", digits, digits + 4); break;
    case 2: snprintf(buf, n, "0%s", digits); break;
    default: snprintf(buf, n, "(0%.4s) %.3s %.3s", digits, digits + 4, digits + 7); break;
    }
}


/* ---- people in memory */

typedef struct base_person {
    uint16_t family, given, middle, street;
    uint8_t gender, flags; /* flags: 1 = has a middle name */
    uint16_t number;
    vg_date dob;
    uint64_t phone;
    char postcode[9];
} base_person;

struct vg_synth_people {
    vg_rng rng;
    double *family_cum;
    base_person *p;
    uint32_t n, cap;
};

vg_err vg_synth_people_new(uint64_t seed, vg_synth_people **out)
{
    *out = NULL;
    vg_synth_people *g = vg_calloc(1, sizeof *g);
    if (!g)
        return VG_ERR_NOMEM;
    g->family_cum = vg_malloc((size_t)sy_n_family_names * sizeof *g->family_cum);
    if (!g->family_cum) {
        vg_free(g);
        return VG_ERR_NOMEM;
    }
    double acc = 0;
    for (int i = 0; i < sy_n_family_names; i++)
        g->family_cum[i] = acc += sy_family_names[i].w;
    vg_rng_seed(&g->rng, seed);
    *out = g;
    return VG_OK;
}

void vg_synth_people_free(vg_synth_people *g)
{
    if (!g)
        return;
    vg_free(g->family_cum);
    vg_free(g->p);
    vg_free(g);
}

uint32_t vg_synth_people_count(const vg_synth_people *g) { return g->n; }

static const char *first_name(const base_person *b, uint16_t i)
{
    return b->gender == VG_GENDER_FEMALE ? sy_female_names[i] : sy_male_names[i];
}

static void write_record(vg_synth_people *g, uint32_t truth, bool variant, vg_synth_person_rec *out)
{
    const base_person *b = &g->p[truth - 1];
    vg_rng *r = &g->rng;
    memset(out, 0, sizeof *out);
    out->truth = truth;
    out->gender = (vg_gender)b->gender;
    out->dob = b->dob;
    char first[64], family[64];
    snprintf(first, sizeof first, "%s", first_name(b, b->given));
    snprintf(family, sizeof family, "%s", sy_family_names[b->family].s);
    bool swap = false, middle = b->flags & 1, has_phone = true, short_address = false;
    if (variant) { /* the mix of changes the synthetic force makes */
        int changes = 1 + (int)vg_rng_below(r, 2);
        for (int k = 0; k < changes; k++) {
            double x = vg_rng_unit(r);
            if (x < 0.28)
                vg_synth_typo(r, family);
            else if (x < 0.48)
                vg_synth_nickname(r, first, sizeof first);
            else if (x < 0.55)
                swap = true;
            else if (x < 0.80)
                out->dob = vg_synth_dob_variant(r, b->dob);
            else
                vg_synth_typo(r, first);
        }
        middle = middle && vg_rng_chance(r, 0.5);
        has_phone = vg_rng_chance(r, 0.75);
        short_address = vg_rng_chance(r, 0.3);
    }
    char given[96];
    if (middle)
        snprintf(given, sizeof given, "%s %s", first, first_name(b, b->middle));
    else
        snprintf(given, sizeof given, "%s", first);
    snprintf(out->given, sizeof out->given, "%s", swap ? family : given);
    snprintf(out->family, sizeof out->family, "%s", swap ? given : family);
    if (has_phone)
        vg_synth_format_phone(r, b->phone, variant && vg_rng_chance(r, 0.5), out->phone, sizeof out->phone);
    int t = (int)(b->street % (uint16_t)sy_n_street_types);
    snprintf(out->address, sizeof out->address, "%u %s %s", b->number, sy_street_names[b->street % sy_n_street_names],
             short_address ? sy_street_types_abbr[t] : sy_street_types[t]);
    if (!short_address || vg_rng_chance(r, 0.5))
        snprintf(out->postcode, sizeof out->postcode, "%s", b->postcode);
}

vg_err vg_synth_people_add(vg_synth_people *g, vg_synth_person_rec *out)
{
    if (g->n == g->cap) {
        uint32_t ncap = g->cap ? g->cap * 2 : 65536;
        base_person *p = vg_realloc(g->p, (size_t)ncap * sizeof *p);
        if (!p)
            return VG_ERR_NOMEM;
        g->p = p;
        g->cap = ncap;
    }
    vg_rng *r = &g->rng;
    base_person *b = &g->p[g->n++];
    memset(b, 0, sizeof *b);
    b->gender = vg_rng_chance(r, 0.51) ? VG_GENDER_FEMALE : VG_GENDER_MALE;
    b->family = (uint16_t)vg_rng_pick_cumulative(r, g->family_cum, (uint64_t)sy_n_family_names);
    int ng = b->gender == VG_GENDER_FEMALE ? sy_n_female_names : sy_n_male_names;
    b->given = (uint16_t)vg_rng_below(r, (uint64_t)ng);
    b->middle = (uint16_t)vg_rng_below(r, (uint64_t)ng);
    b->flags = vg_rng_chance(r, 0.35) && b->middle != b->given;
    (void)vg_date_from_ymd(1920 + (int)vg_rng_below(r, 95), 1 + (int)vg_rng_below(r, 12), 1 + (int)vg_rng_below(r, 28), &b->dob);
    b->phone = vg_rng_chance(r, 0.8) ? 7000000000ULL + vg_rng_below(r, 999999999ULL)
                                     : 1200000000ULL + vg_rng_below(r, 900000000ULL);
    b->street = (uint16_t)vg_rng_below(r, 60000);
    b->number = (uint16_t)(1 + vg_rng_below(r, 250));
    /* a fictional postcode area, "WX" and "WY" with 99 districts each */
    snprintf(b->postcode, sizeof b->postcode, "W%c%u %u%c%c", vg_rng_chance(r, 0.5) ? 'X' : 'Y',
             (unsigned)(1 + vg_rng_below(r, 99)), (unsigned)vg_rng_below(r, 10), (char)('A' + vg_rng_below(r, 26)),
             (char)('A' + vg_rng_below(r, 26)));
    write_record(g, g->n, false, out);
    return VG_OK;
}

void vg_synth_people_variant(vg_synth_people *g, uint32_t truth, vg_synth_person_rec *out)
{
    write_record(g, truth, true, out);
}
