/* people.c - the synthetic force's people: true identities (who they really are) and the
 * person records the force holds about them. As in real systems, one person often has
 * several records, spelt differently: typos, nicknames, swapped names, day and month of
 * birth transposed, phone numbers and addresses written another way, a house move. The
 * true identity of every record goes to the ground-truth table. */
#include "synth/synth_int.h"
#include "synth/variants.h"
#include "base/alloc.h"
#include "domain/names.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define P_NEW_RECORD 0.30 /* a later contact creates a new (duplicate) record */
#define P_MOVE 0.06       /* a person moves house during the period */

bool sy_reserve(void **arr, uint32_t *cap, uint32_t need, size_t elem)
{
    if (need <= *cap)
        return true;
    uint32_t ncap = *cap ? *cap : 1024;
    while (ncap < need)
        ncap *= 2;
    void *a = vg_realloc(*arr, (size_t)ncap * elem);
    if (!a)
        return false;
    *arr = a;
    *cap = ncap;
    return true;
}

bool sy_push_u32(uint32_t **arr, uint32_t *n, uint32_t *cap, uint32_t v)
{
    if (!sy_reserve((void **)arr, cap, *n + 1, sizeof **arr))
        return false;
    (*arr)[(*n)++] = v;
    return true;
}

static bool ensure_family_cum(sy_ctx *c)
{
    if (c->family_cum)
        return true;
    c->family_cum = vg_malloc((size_t)sy_n_family_names * sizeof *c->family_cum);
    if (!c->family_cum)
        return false;
    double cum = 0;
    for (int i = 0; i < sy_n_family_names; i++)
        c->family_cum[i] = (cum += sy_family_names[i].w);
    return true;
}

uint32_t sy_new_person(sy_ctx *c, int age_lo, int age_hi, double p_female, uint32_t home)
{
    if (!ensure_family_cum(c))
        return SY_NONE;
    if (!sy_reserve((void **)&c->people, &c->cap_people, c->n_people + 1, sizeof *c->people))
        return SY_NONE;
    sy_person *p = &c->people[c->n_people];
    memset(p, 0, sizeof *p);
    p->gender = vg_rng_chance(&c->rng, p_female) ? VG_GENDER_FEMALE : VG_GENDER_MALE;
    p->family = (uint16_t)vg_rng_pick_cumulative(&c->rng, c->family_cum, (uint64_t)sy_n_family_names);
    int ng = p->gender == VG_GENDER_FEMALE ? sy_n_female_names : sy_n_male_names;
    p->given = (uint16_t)vg_rng_below(&c->rng, (uint64_t)ng);
    if (vg_rng_chance(&c->rng, 0.35)) {
        p->middle = (uint16_t)vg_rng_below(&c->rng, (uint64_t)ng);
        if (p->middle != p->given)
            p->flags |= PF_MIDDLE;
    }
    if (age_hi < age_lo)
        age_hi = age_lo;
    int age = age_lo + (int)vg_rng_below(&c->rng, (uint64_t)(age_hi - age_lo + 1));
    p->dob = c->first_day - (vg_date)(age * 365.25 + vg_rng_below(&c->rng, 365));
    p->addr = home != SY_NONE ? home : sy_random_address(c);
    p->addr2 = SY_NONE;
    if (vg_rng_chance(&c->rng, P_MOVE)) {
        p->addr2 = sy_random_address(c);
        p->move_date = c->first_day + (vg_date)vg_rng_below(&c->rng, (uint64_t)(c->end_day - c->first_day));
    }
    p->phone = vg_rng_chance(&c->rng, 0.8) ? 7000000000ULL + vg_rng_below(&c->rng, 999999999ULL)
                                           : 1200000000ULL + vg_rng_below(&c->rng, 900000000ULL);
    double r = vg_rng_unit(&c->rng);
    if (r < 0.035)
        p->flags |= PF_VULN_MH;
    else if (r < 0.05)
        p->flags |= PF_VULN_LD;
    else if (r < 0.08 || age >= 80)
        p->flags |= PF_VULN_PD;
    p->rec_head = SY_NONE;
    c->rep->true_persons++;
    return c->n_people++;
}

static const char *given_name(const sy_person *p, uint16_t i)
{
    return p->gender == VG_GENDER_FEMALE ? sy_female_names[i] : sy_male_names[i];
}

/* Writes a new person record for person p as seen at time `when`. */
static vg_err new_record(sy_ctx *c, uint32_t pi, vg_time when, bool variant, vg_id *out)
{
    sy_person *p = &c->people[pi];
    char family[64], given[96], first[48];
    snprintf(family, sizeof family, "%s", sy_family_names[p->family].s);
    snprintf(first, sizeof first, "%s", given_name(p, p->given));
    vg_date dob = p->dob;
    bool swap = false, middle = (p->flags & PF_MIDDLE) != 0;
    char phone[32];
    bool has_phone = true;
    if (variant) {
        int changes = 1 + (int)vg_rng_below(&c->rng, 2);
        for (int k = 0; k < changes; k++) {
            double r = vg_rng_unit(&c->rng);
            if (r < 0.28)
                vg_synth_typo(&c->rng, family);
            else if (r < 0.48)
                vg_synth_nickname(&c->rng, first, sizeof first);
            else if (r < 0.55)
                swap = true;
            else if (r < 0.80)
                dob = vg_synth_dob_variant(&c->rng, p->dob);
            else
                vg_synth_typo(&c->rng, first);
        }
        if (vg_rng_chance(&c->rng, 0.5))
            middle = false;
        has_phone = vg_rng_chance(&c->rng, 0.75);
    }
    vg_synth_format_phone(&c->rng, p->phone, variant && vg_rng_chance(&c->rng, 0.5), phone, sizeof phone);
    if (middle)
        snprintf(given, sizeof given, "%s %s", first, given_name(p, p->middle));
    else
        snprintf(given, sizeof given, "%s", first);

    vg_person rec;
    vg_person_init(&rec);
    rec.family_name = swap ? given : family;
    rec.given_names = swap ? family : given;
    rec.dob = dob;
    rec.gender = (vg_gender)p->gender;
    rec.created_at = when;
    vg_err e = VG_OK;
    vg_contact contact = {VG_CONTACT_PHONE, phone};
    if (has_phone) {
        rec.contacts = &contact;
        rec.n_contacts = 1;
    }
    vg_marker markers[4];
    size_t nm = 0;
    if (p->n_records == 0) { /* markers sit on one record, as they do in practice */
        static const struct { uint8_t flag; vg_marker_kind kind; const char *code; } mk[] = {
            {PF_VULN_MH, VG_MARKER_VULNERABILITY, "MH"}, {PF_VULN_LD, VG_MARKER_VULNERABILITY, "LD"},
            {PF_VULN_PD, VG_MARKER_VULNERABILITY, "PD"}, {PF_DA_VICTIM, VG_MARKER_VULNERABILITY, "DA"},
            {PF_WARN_VI, VG_MARKER_WARNING, "VI"}, {PF_WARN_DR, VG_MARKER_WARNING, "DR"},
            {PF_WARN_WE, VG_MARKER_WARNING, "WE"}};
        for (size_t k = 0; k < sizeof mk / sizeof mk[0] && nm < 4; k++)
            if (p->flags & mk[k].flag)
                markers[nm++] = (vg_marker){mk[k].kind, (char *)mk[k].code, NULL, vg_time_date(when), VG_DATE_NONE};
        rec.markers = markers;
        rec.n_markers = nm;
    }
    /* Offenders known by another name: an alias on their first record. */
    char alias_family[64], alias_given[48];
    vg_alias alias;
    if (p->n_records == 0 && (p->flags & (PF_WARN_VI | PF_WARN_DR | PF_WARN_WE)) && vg_rng_chance(&c->rng, 0.25)) {
        snprintf(alias_given, sizeof alias_given, "%s", given_name(p, p->given));
        vg_synth_nickname(&c->rng, alias_given, sizeof alias_given);
        snprintf(alias_family, sizeof alias_family, "%s",
                 vg_rng_chance(&c->rng, 0.5) ? sy_family_names[p->family].s
                 : sy_family_names[vg_rng_pick_cumulative(&c->rng, c->family_cum, (uint64_t)sy_n_family_names)].s);
        alias = (vg_alias){alias_family, alias_given, vg_rng_chance(&c->rng, 0.3) ? vg_synth_dob_variant(&c->rng, p->dob) : p->dob};
        rec.aliases = &alias;
        rec.n_aliases = 1;
    }
    e = vg_store_person_put(c->store, &rec, c->err);
    if (e)
        return e;
    vg_id id = rec.id;
    /* Home address at that time: the canonical address record, or another spelling of it. */
    bool moved = p->addr2 != SY_NONE && vg_time_date(when) >= p->move_date;
    uint32_t home = moved ? p->addr2 : p->addr;
    vg_id loc = c->addrs[home].loc_id;
    if (variant && vg_rng_chance(&c->rng, 0.3))
        e = sy_write_address_variant(c, home, &loc);
    if (!e)
        e = vg_store_person_link_location(c->store, id, loc, VG_PLACE_HOME, moved ? p->move_date : VG_DATE_NONE,
                                          VG_DATE_NONE, c->err);
    if (!e && moved && vg_rng_chance(&c->rng, 0.5))
        e = vg_store_person_link_location(c->store, id, c->addrs[p->addr].loc_id, VG_PLACE_PREVIOUS_HOME,
                                          VG_DATE_NONE, p->move_date, c->err);
    if (!e)
        e = vg_store_truth_put(c->store, "person", id, (int64_t)pi + 1, c->err);
    if (e)
        return e;
    /* Remember the record. */
    if (!sy_reserve((void **)&c->recs, &c->cap_recs, c->n_recs + 1, sizeof *c->recs))
        return vg_error_set(c->err, VG_ERR_NOMEM, "synth", "out of memory");
    c->recs[c->n_recs] = (sy_rec){id, p->rec_head};
    p->rec_head = c->n_recs++;
    p->n_records++;
    c->rep->person_records++;
    *out = id;
    return VG_OK;
}

vg_err sy_person_record(sy_ctx *c, uint32_t pi, vg_time when, vg_id *out)
{
    sy_person *p = &c->people[pi];
    if (p->n_records == 0 || vg_rng_chance(&c->rng, P_NEW_RECORD))
        return new_record(c, pi, when, p->n_records > 0, out);
    /* Reuse: the oldest record most of the time (it is the one searches find first). */
    uint32_t pick = vg_rng_chance(&c->rng, 0.7) ? p->n_records - 1 : (uint32_t)vg_rng_below(&c->rng, p->n_records);
    uint32_t r = p->rec_head;
    for (uint32_t k = 0; k < pick; k++)
        r = c->recs[r].next;
    *out = c->recs[r].id;
    return VG_OK;
}

void sy_people_free(sy_ctx *c)
{
    vg_free(c->family_cum);
    vg_free(c->people);
    vg_free(c->recs);
    vg_free(c->victim_pool);
    vg_free(c->asb_pool);
    vg_free(c->offender_pool);
    vg_free(c->group_head);
    vg_free(c->group_size);
    vg_free(c->place_staff);
    vg_free(c->ocg_members);
    vg_free(c->ocg_start);
    vg_free(c->da_pairs);
    vg_free(c->da_pool);
}
