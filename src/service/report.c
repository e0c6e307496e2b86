/* report.c - the inspection performance table from one of three sources: the Home
 * Office force-area table, imported police.uk data, or the force's own records. England
 * and Wales is the sum of the 43 territorial forces (BTP and the fraud bodies are not in
 * it); a force without a population estimate for the year is left out of the England and
 * Wales rates, and the report says so. */
#include "service/service_int.h"
#include "domain/force.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FORCES 64

/* Counts for every force in one 12-month period. */
typedef struct period_counts {
    int64_t c[MAX_FORCES][VG_PM_COUNT];
    bool seen[MAX_FORCES];
    uint16_t months[MAX_FORCES]; /* police.uk: bit per month present */
    /* the requested force when it is not in the force table (the own force, police.uk) */
    int64_t own[VG_PM_COUNT];
    bool own_seen;
    uint16_t own_months;
} period_counts;

typedef struct gather {
    vg_store *st; /* read through: a read connection */
    const vg_force *forces;
    size_t n_forces;
    const char *own_slug; /* a slug outside the force table, or NULL */
    period_counts *pc;
    int from;     /* police.uk: first month of the period */
    int ew_by_la; /* England and Wales: forces whose population was summed from local authorities */
} gather;

static int force_index(const gather *g, const char *name)
{
    const vg_force *f = vg_force_find(name, strlen(name));
    return f ? (int)(f - g->forces) : -1;
}

static vg_err ho_row_cb(void *ctx, const char *area, const char *offence, int64_t count)
{
    gather *g = ctx;
    int fi = strncmp(area, "fraud:", 6) == 0 ? -1 : force_index(g, area);
    vg_subgroup sg;
    if (fi < 0 || !vg_ho_category_subgroup(offence, strlen(offence), &sg))
        return VG_OK;
    g->pc->seen[fi] = true;
    for (int m = 0; m < VG_PM_COUNT; m++)
        if (vg_perf_measure_has_subgroup((vg_perf_measure)m, sg))
            g->pc->c[fi][m] += count;
    return VG_OK;
}

static vg_err puk_cb(void *ctx, const char *force, int month, const char *value, int64_t n)
{
    gather *g = ctx;
    int fi = force_index(g, force);
    bool own = fi < 0 && g->own_slug && strcmp(force, g->own_slug) == 0;
    if (fi < 0 && !own)
        return VG_OK;
    vg_puk_type t = vg_puk_type_from_label(value, strlen(value));
    int k = (month / 100 * 12 + month % 100) - (g->from / 100 * 12 + g->from % 100);
    int64_t *c = own ? g->pc->own : g->pc->c[fi];
    if (own) {
        g->pc->own_seen = true;
        g->pc->own_months |= (uint16_t)(1u << k);
    } else {
        g->pc->seen[fi] = true;
        g->pc->months[fi] |= (uint16_t)(1u << k);
    }
    for (int m = 0; m < VG_PM_COUNT; m++)
        if (vg_perf_measure_has_puk_type((vg_perf_measure)m, t))
            c[m] += n;
    return VG_OK;
}

static vg_err records_cb(void *ctx, const char *code, int64_t n)
{
    gather *g = ctx;
    const vg_offence *o = vg_offence_find(code);
    if (!o)
        return VG_OK;
    g->pc->own_seen = true;
    for (int m = 0; m < VG_PM_COUNT; m++)
        if (vg_perf_measure_has_subgroup((vg_perf_measure)m, o->subgroup))
            g->pc->own[m] += n;
    return VG_OK;
}

static vg_time month_start(int yyyymm) { return vg_date_time(vg_month_first_day(vg_month_make(yyyymm / 100, yyyymm % 100))); }

/* Collects the counts of the 12 months ending `to` from a source. */
static vg_err collect(gather *g, vg_perf_source src, int to, period_counts *pc, vg_error *err)
{
    memset(pc, 0, sizeof *pc);
    g->pc = pc;
    g->from = vg_yyyymm_add(to, -11);
    vg_store *st = g->st;
    switch (src) {
    case VG_PS_HOME_OFFICE: return vg_store_ho_each(st, to, ho_row_cb, g, err);
    case VG_PS_POLICE_UK: return vg_store_od_counts_each(st, "street", g->from, to, puk_cb, g, err);
    case VG_PS_RECORDS: {
        vg_time a = month_start(g->from), b = month_start(vg_yyyymm_add(to, 1));
        vg_err e = vg_store_crime_counts_by_offence(st, a, b, VG_CRIME_RECORDED, records_cb, g, err);
        int64_t cats[VG_CAT_COUNT];
        if (!e)
            e = vg_store_incident_counts(st, a, b, cats, err);
        if (!e) {
            pc->own[VG_PM_ASB] = cats[VG_CAT_ASB_PERSONAL] + cats[VG_CAT_ASB_NUISANCE] + cats[VG_CAT_ASB_ENVIRONMENTAL];
            pc->own_seen |= pc->own[VG_PM_ASB] > 0;
        }
        return e;
    }
    }
    return VG_OK;
}

/* ---- denominators */

typedef struct denom {
    int64_t population, households; /* -1 if unknown */
    int population_year, households_year;
    vg_store_denom pop, hh;           /* a force's: where the figures came from */
} denom;

/* A force's population for the year and its latest households at or before the end of
 * the period (the year after the population's). */
static denom force_denominator(vg_store *st, const char *slug, int year)
{
    denom d = {.population = -1, .households = -1, .population_year = year};
    vg_error e;
    if (vg_store_population_get(st, slug, year, &d.pop, &e) == VG_OK)
        d.population = d.pop.value;
    if (vg_store_households_get(st, slug, year + 1, &d.hh, &e) == VG_OK) {
        d.households = d.hh.value;
        d.households_year = d.hh.year;
    }
    return d;
}

typedef struct own_areas {
    int64_t population, households;
    int year;
} own_areas;

static vg_err add_area(void *ctx, const vg_area *a)
{
    own_areas *o = ctx;
    if (a->kind == VG_AREA_LOCAL_AUTHORITY && a->tier != VG_TIER_COUNTY) {
        o->population += a->population > 0 ? a->population : 0;
        o->households += a->households > 0 ? a->households : 0;
        o->year = a->population_year;
    }
    return VG_OK;
}

static void fill(vg_perf_area *a, const int64_t *counts, const bool *available, denom d, int year)
{
    for (int m = 0; m < VG_PM_COUNT; m++) {
        vg_perf_cell *c = &a->cells[m];
        memset(c, 0, sizeof *c);
        c->available = available[m];
        c->count = counts[m];
        c->population = d.population;
        c->households = d.households;
        c->population_year = year;
        c->households_year = d.households_year;
        c->per_households = vg_perf_measure_prefers_households((vg_perf_measure)m) && d.households > 0;
        c->denominator = c->per_households ? d.households : d.population;
        c->denominator_year = year;
        vg_perf_cell_rate(c);
    }
}

static void availability(vg_perf_source src, bool asb_from_puk, bool *av)
{
    for (int m = 0; m < VG_PM_COUNT; m++)
        av[m] = src == VG_PS_POLICE_UK ? vg_perf_measure_from_policeuk((vg_perf_measure)m)
                                       : (m != VG_PM_ASB || src == VG_PS_RECORDS || asb_from_puk);
}

static int popcount12(uint16_t m) { return __builtin_popcount(m & 0xfff); }

/* England and Wales from one period's counts: territorial forces with figures and a
 * population estimate. Returns false if no force qualifies. */
static bool england_wales(gather *g, const period_counts *pc, bool need_months, int year, int64_t *sum, denom *d,
                          int *forces, char *excluded, size_t exlen)
{
    memset(sum, 0, VG_PM_COUNT * sizeof *sum);
    memset(d, 0, sizeof *d);
    d->population_year = year;
    bool all_hh = true;
    *forces = 0;
    if (excluded)
        excluded[0] = '\0';
    g->ew_by_la = 0;
    const char *out[3][MAX_FORCES]; /* forces left out, by reason */
    int n_out[3] = {0, 0, 0};
    for (size_t i = 0; i < g->n_forces && i < MAX_FORCES; i++) {
        const vg_force *f = &g->forces[i];
        if (!vg_force_in_england_wales(f))
            continue;
        denom fd = force_denominator(g->st, f->slug, year);
        int why = !pc->seen[i] ? 0 : need_months && popcount12(pc->months[i]) < 12 ? 1 : fd.population < 0 ? 2 : -1;
        if (why >= 0) {
            out[why][n_out[why]++] = f->ons_name;
            continue;
        }
        for (int m = 0; m < VG_PM_COUNT; m++)
            sum[m] += pc->c[i][m];
        d->population += fd.population;
        g->ew_by_la += fd.pop.basis == VG_BASIS_LOCAL_AUTHORITY;
        if (fd.households > 0 && (!d->households_year || fd.households_year == d->households_year)) {
            d->households += fd.households;
            d->households_year = fd.households_year;
        } else
            all_hh = false; /* unknown for a force, or of another year */
        (*forces)++;
    }
    if (!all_hh) {
        d->households = -1;
        d->households_year = 0;
    }
    /* the forces left out, by reason: "A, B and C (no figures); D (no population estimate)" */
    static const char *const reasons[3] = {"no figures", "not all 12 months of police.uk data", "no population estimate"};
    for (int k = 0; excluded && k < 3; k++)
        for (int j = 0; j < n_out[k]; j++) {
            size_t n = strlen(excluded);
            const char *sep = j ? (j + 1 == n_out[k] ? " and " : ", ") : n ? "; " : "";
            snprintf(excluded + n, exlen - n, "%s%s", sep, out[k][j]);
            n = strlen(excluded);
            if (j + 1 == n_out[k])
                snprintf(excluded + n, exlen - n, " (%s)", reasons[k]);
        }
    return *forces > 0;
}

/* Counts of crime excluding fraud for the force and England and Wales (all territorial
 * forces with figures; no population needed) in one period. */
static void headline_counts(gather *g, const period_counts *pc, int fi, bool *force_ok, int64_t *force_n,
                            bool *ew_ok, int64_t *ew_n)
{
    *force_ok = fi >= 0 ? pc->seen[fi] : pc->own_seen;
    *force_n = fi >= 0 ? pc->c[fi][VG_PM_CRIME_EXCL_FRAUD] : pc->own[VG_PM_CRIME_EXCL_FRAUD];
    *ew_n = 0;
    int n = 0;
    for (size_t i = 0; i < g->n_forces; i++)
        if (vg_force_in_england_wales(&g->forces[i]) && pc->seen[i]) {
            *ew_n += pc->c[i][VG_PM_CRIME_EXCL_FRAUD];
            n++;
        }
    *ew_ok = n > 0;
}

typedef struct ctx {
    gather g;
    vg_perf_source ew_src; /* records: England and Wales comes from the Home Office table */
    int fi;                /* the force's index, -1 for the own force */
    period_counts now, other;
} ctx;

static vg_err change(ctx *c, vg_perf_report *r, int months_back, vg_perf_change *out, vg_error *err)
{
    memset(out, 0, sizeof *out);
    out->to = vg_yyyymm_add(r->to, -months_back);
    bool f0, f1, e0, e1;
    int64_t fn0, fn1, en0, en1;
    headline_counts(&c->g, &c->now, c->fi, &f1, &fn1, &e1, &en1);
    vg_err e = collect(&c->g, r->source, out->to, &c->other, err);
    if (e)
        return e;
    headline_counts(&c->g, &c->other, c->fi, &f0, &fn0, &e0, &en0);
    if (r->source == VG_PS_RECORDS) { /* the own force from records, England and Wales from the table */
        period_counts ho;
        if ((e = collect(&c->g, VG_PS_HOME_OFFICE, r->to, &ho, err)))
            return e;
        bool x;
        int64_t y;
        headline_counts(&c->g, &ho, -1, &x, &y, &e1, &en1);
        if ((e = collect(&c->g, VG_PS_HOME_OFFICE, out->to, &ho, err)))
            return e;
        headline_counts(&c->g, &ho, -1, &x, &y, &e0, &en0);
    }
    out->force_available = f0 && f1 && vg_percent_change(fn0, fn1, &out->force_pct);
    out->ew_available = e0 && e1 && vg_percent_change(en0, en1, &out->ew_pct);
    return VG_OK;
}

static vg_err series(ctx *c, vg_perf_report *r, vg_error *err)
{
    r->n_series = VG_PERF_SERIES;
    denom own = {.population = -1, .households = -1};
    if (c->fi < 0 && r->source == VG_PS_RECORDS) {
        own_areas oa = {0, 0, 0};
        vg_err e = vg_store_areas_each(c->g.st, add_area, &oa, err);
        if (e)
            return e;
        own.population = oa.population;
    }
    for (int q = 0; q < VG_PERF_SERIES; q++) {
        int to = vg_yyyymm_add(r->to, -48 + 3 * q), year = to / 100 - 1;
        r->series[q].to = to;
        vg_err e = collect(&c->g, r->source, to, &c->other, err);
        if (e)
            return e;
        int64_t fn = c->fi >= 0 ? c->other.c[c->fi][VG_PM_CRIME_EXCL_FRAUD] : c->other.own[VG_PM_CRIME_EXCL_FRAUD];
        bool fseen = c->fi >= 0 ? c->other.seen[c->fi] : c->other.own_seen;
        denom d = c->fi >= 0 ? force_denominator(c->g.st, c->g.forces[c->fi].slug, year) : own;
        r->series[q].force_ok = fseen && d.population > 0;
        r->series[q].force_rate = vg_rate_per_1000(fn, d.population);
        if (c->ew_src != r->source && (e = collect(&c->g, c->ew_src, to, &c->other, err)))
            return e;
        int64_t sum[VG_PM_COUNT];
        denom ed;
        int n;
        r->series[q].ew_ok = england_wales(&c->g, &c->other, c->ew_src == VG_PS_POLICE_UK, year, sum, &ed, &n, NULL, 0);
        r->series[q].ew_rate = vg_rate_per_1000(sum[VG_PM_CRIME_EXCL_FRAUD], ed.population);
    }
    return VG_OK;
}

/* Says where the denominators came from: the population's basis and file, the
 * households' year, and which figure won where both kinds were imported. */
static void denominator_notes(ctx *c, vg_perf_report *r, const vg_force *force, int ew_by_la)
{
    vg_perf_note(r, "Population: ONS mid-year estimate for %d (the year before the period ends).", r->population_year);
    denom d = {.population = -1, .households = -1};
    if (force) {
        d = force_denominator(c->g.st, force->slug, r->population_year);
        if (d.population >= 0)
            vg_perf_note(r, "%s population %s (%s).", force->ons_name,
                         d.pop.basis == VG_BASIS_LOCAL_AUTHORITY ? "summed from local authorities" : "as published for the force area",
                         d.pop.source);
        if (d.pop.other_basis)
            vg_perf_note(r, "Both kinds of population figure were imported for %s in %d: the local-authority sum is used, "
                         "not the force-area figure (%s).", force->ons_name, r->population_year, d.pop.other_source);
    }
    if (r->ew_available && r->ew_forces)
        vg_perf_note(r, "England and Wales population: %s.",
                     ew_by_la == r->ew_forces ? "every force's summed from local authorities"
                     : ew_by_la == 0          ? "as published for each force area"
                                              : "some forces' summed from local authorities, the others' as published for the force area");
    const vg_perf_cell *b = &r->force.cells[VG_PM_DOMESTIC_BURGLARY];
    if (!b->available)
        return;
    if (r->households_year)
        vg_perf_note(r, "Domestic burglary is per 1,000 households: counts for %d, the latest at or before the end of the "
                     "period%s%s%s.", r->households_year, force && d.households >= 0 ? " (" : "",
                     force && d.households >= 0 ? d.hh.source : "", force && d.households >= 0 ? ")" : "");
    else
        vg_perf_note(r, "Domestic burglary is per 1,000 population: household counts of one year at or before %d are not "
                     "held for every area shown (vigil import households).", r->to / 100);
}

static vg_err area_cells(ctx *c, vg_perf_report *r, const vg_force *f, vg_perf_area *out, bool asb_from_puk,
                         const period_counts *asb, vg_error *err)
{
    (void)err;
    int fi = (int)(f - c->g.forces);
    snprintf(out->name, sizeof out->name, "%s", f->ons_name);
    snprintf(out->slug, sizeof out->slug, "%s", f->slug);
    bool av[VG_PM_COUNT];
    availability(r->source, asb_from_puk, av);
    int64_t counts[VG_PM_COUNT];
    memcpy(counts, c->now.c[fi], sizeof counts);
    if (asb_from_puk)
        counts[VG_PM_ASB] = asb->c[fi][VG_PM_ASB];
    if (!c->now.seen[fi])
        memset(av, 0, sizeof av);
    if (asb_from_puk && popcount12(asb->months[fi]) < 12)
        av[VG_PM_ASB] = false;
    out->months = r->source == VG_PS_POLICE_UK ? popcount12(c->now.months[fi]) : 12;
    fill(out, counts, av, force_denominator(c->g.st, f->slug, r->population_year), r->population_year);
    return VG_OK;
}

vg_err vg_service_report_performance(vg_service *svc, const vg_actor *a, const vg_perf_request *req, vg_perf_report *r,
                                     vg_error *err)
{
    vg_err ae = vg_access_require(svc, a, VG_PERM_REPORT_READ, "report", err);
    if (ae)
        return ae;
    memset(r, 0, sizeof *r);
    ctx *c = calloc(1, sizeof *c);
    if (!c)
        return vg_error_set(err, VG_ERR_NOMEM, "report", "out of memory");
    c->g.st = vg_replica_get(svc); /* reports read off the lock */
    c->g.forces = vg_forces(&c->g.n_forces);
    r->source = req->source;
    r->to = req->to;
    r->from = vg_yyyymm_add(req->to, -11);
    r->population_year = req->to / 100 - 1;
    c->ew_src = req->source == VG_PS_RECORDS ? VG_PS_HOME_OFFICE : req->source;
    vg_err e = VG_OK;
    const vg_force *force = NULL;
    char own_name[96] = "", own_slug[64] = "";
    if (req->source == VG_PS_RECORDS) {
        vg_error ignore;
        if (vg_store_setting_get(c->g.st, "force.name", own_name, sizeof own_name, &ignore))
            snprintf(own_name, sizeof own_name, "this force");
        if (vg_store_setting_get(c->g.st, "force.slug", own_slug, sizeof own_slug, &ignore))
            snprintf(own_slug, sizeof own_slug, "own");
        c->fi = -1;
    } else if (!req->force) {
        e = vg_error_set(err, VG_ERR_USAGE, "--force", "name the force to report on");
        goto out;
    } else if ((force = vg_force_find(req->force, strlen(req->force)))) {
        c->fi = (int)(force - c->g.forces);
    } else if (req->source == VG_PS_POLICE_UK) {
        c->fi = -1; /* a force outside the table (e.g. an exported synthetic force), by slug */
        snprintf(own_slug, sizeof own_slug, "%s", req->force);
        snprintf(own_name, sizeof own_name, "%s", req->force);
        c->g.own_slug = own_slug;
    } else {
        e = vg_error_set(err, VG_ERR_USAGE, "--force", "unknown police force '%s'", req->force);
        goto out;
    }
    for (int i = 0; i < req->n_compare && i < VG_PERF_MAX_COMPARE; i++)
        if (!vg_force_find(req->compare[i], strlen(req->compare[i]))) {
            e = vg_error_set(err, VG_ERR_USAGE, "--compare", "unknown police force '%s'", req->compare[i]);
            goto out;
        }
    if ((e = collect(&c->g, req->source, req->to, &c->now, err)))
        goto out;
    bool any = c->fi >= 0 ? c->now.seen[c->fi] : c->now.own_seen;
    if (!any) {
        char to[32];
        snprintf(to, sizeof to, "%04d-%02d", req->to / 100, req->to % 100);
        e = vg_error_set(err, VG_ERR_NOT_FOUND, vg_perf_source_name(req->source), "no figures for %s for the 12 months ending %s; %s",
                         force ? force->ons_name : own_name, to,
                         req->source == VG_PS_HOME_OFFICE ? "import the Home Office table (vigil import recorded-crime), whose periods end in March, June, September and December"
                         : req->source == VG_PS_POLICE_UK ? "import police.uk files for those months (vigil import police-uk)"
                                                          : "the database holds no records for that period");
        goto out;
    }
    /* ASB is not in the Home Office table: take it from police.uk when all 12 months are there. */
    period_counts *asb = calloc(1, sizeof *asb);
    if (!asb) {
        e = vg_error_set(err, VG_ERR_NOMEM, "report", "out of memory");
        goto out;
    }
    bool asb_from_puk = false;
    if (req->source == VG_PS_HOME_OFFICE) {
        if ((e = collect(&c->g, VG_PS_POLICE_UK, req->to, asb, err))) {
            free(asb);
            goto out;
        }
        asb_from_puk = c->fi >= 0 && popcount12(asb->months[c->fi]) == 12;
        vg_perf_note(r, asb_from_puk ? "ASB incidents come from the imported police.uk data (the Home Office table has none)."
                                     : "ASB incidents are not in the Home Office table; import 12 months of police.uk data to show them.");
    }
    /* The force (or the own force from records). */
    if (c->fi >= 0) {
        e = area_cells(c, r, force, &r->force, asb_from_puk, asb, err);
        if (!e && r->force.cells[VG_PM_CRIME_EXCL_FRAUD].denominator <= 0)
            vg_perf_note(r, "No ONS population estimate for %s in %d: rates are not shown.", force->ons_name, r->population_year);
    } else {
        snprintf(r->force.name, sizeof r->force.name, "%s", own_name);
        snprintf(r->force.slug, sizeof r->force.slug, "%s", own_slug);
        bool av[VG_PM_COUNT];
        availability(req->source, false, av);
        denom d = {.population = -1, .households = -1};
        int year = r->population_year;
        if (req->source == VG_PS_RECORDS) {
            own_areas oa = {0, 0, 0};
            e = vg_store_areas_each(c->g.st, add_area, &oa, err);
            d.population = oa.population > 0 ? oa.population : -1;
            d.households = oa.households > 0 ? oa.households : -1;
            if (oa.year)
                year = oa.year;
            d.households_year = year;
        }
        r->force.months = req->source == VG_PS_POLICE_UK ? popcount12(c->now.own_months) : 12;
        fill(&r->force, c->now.own, av, d, year);
    }
    free(asb);
    if (e)
        goto out;
    if (req->source == VG_PS_POLICE_UK && r->force.months < 12) {
        vg_perf_note(r, "police.uk data covers %d of the 12 months for %s: counts are shown, rates are not.",
                     r->force.months, r->force.name);
        for (int m = 0; m < VG_PM_COUNT; m++)
            r->force.cells[m].population = r->force.cells[m].households = -1;
    }
    /* England and Wales. */
    period_counts *ewpc = &c->now;
    if (req->source == VG_PS_RECORDS) {
        if ((e = collect(&c->g, VG_PS_HOME_OFFICE, req->to, &c->other, err)))
            goto out;
        ewpc = &c->other;
    }
    int64_t sum[VG_PM_COUNT];
    denom ed;
    r->ew_available = england_wales(&c->g, ewpc, c->ew_src == VG_PS_POLICE_UK, r->population_year, sum, &ed,
                                    &r->ew_forces, r->ew_excluded, sizeof r->ew_excluded);
    int ew_by_la = c->g.ew_by_la;
    snprintf(r->ew.name, sizeof r->ew.name, "England and Wales");
    snprintf(r->ew.slug, sizeof r->ew.slug, "england-wales");
    bool av[VG_PM_COUNT];
    availability(c->ew_src, false, av);
    if (!r->ew_available)
        memset(av, 0, sizeof av);
    fill(&r->ew, sum, av, ed, r->population_year);
    int territorial = 0;
    for (size_t i = 0; i < c->g.n_forces; i++)
        territorial += vg_force_in_england_wales(&c->g.forces[i]);
    if (r->ew_available && r->ew_excluded[0])
        vg_perf_note(r, "England and Wales counts %d of the %d territorial forces; left out: %s.", r->ew_forces,
                     territorial, r->ew_excluded);
    else if (r->ew_available)
        vg_perf_note(r, "England and Wales: all %d territorial forces.", territorial);
    if (!r->ew_available)
        vg_perf_note(r, "No England and Wales figures for this period from %s: %s.", vg_perf_source_name(c->ew_src),
                     r->ew_excluded[0] ? r->ew_excluded : "nothing imported");
    /* Forces side by side (from the same source; records compare against the table). */
    for (int i = 0; i < req->n_compare && i < VG_PERF_MAX_COMPARE; i++) {
        const vg_force *f = vg_force_find(req->compare[i], strlen(req->compare[i]));
        vg_perf_source keep = r->source;
        r->source = c->ew_src;
        period_counts save;
        memcpy(&save, &c->now, sizeof save);
        memcpy(&c->now, ewpc, sizeof c->now);
        e = area_cells(c, r, f, &r->compare[r->n_compare++], false, NULL, err);
        memcpy(&c->now, &save, sizeof save);
        r->source = keep;
        if (e)
            goto out;
    }
    vg_perf_choose_denominators(r);
    if ((e = change(c, r, 48, &r->vs_4_years, err)) || (e = change(c, r, 12, &r->vs_previous_year, err)) ||
        (e = series(c, r, err)))
        goto out;
    denominator_notes(c, r, force, ew_by_la);
out:
    vg_replica_put(svc, c->g.st);
    free(c);
    if (!e) { /* counts and rates only: no record is named */
        char what[200];
        snprintf(what, sizeof what, "performance report: %.60s, 12 months to %04d-%02d, from %s", r->force.name,
                 req->to / 100, req->to % 100, vg_perf_source_name(req->source));
        e = vg_audit_commit(svc, a, VG_AUDIT_CONSULT, what, NULL, "performance report", err);
    }
    return e;
}
