/* synth.c - runs the synthetic force: geography, then the period's events, all in one
 * transaction. */
#include "synth/synth_int.h"
#include "base/alloc.h"
#include "base/log.h"

#include <string.h>

#define FORCE_NAME "Wessex Constabulary"
#define FORCE_SLUG "wessex"

void vg_synth_options_default(vg_synth_options *o)
{
    o->seed = 1;
    o->scale = 1.0;
    o->from = vg_month_make(2013, 7);
    o->months = 12;
    o->progress = false;
}

int vg_synth_target_count(void) { return sy_n_categories; }

vg_synth_target vg_synth_target_at(int i)
{
    return (vg_synth_target){sy_categories[i].ho_category, sy_categories[i].target_12m};
}

void vg_synth_options_current(vg_synth_options *o, vg_time now)
{
    o->months = 12;
    o->from = vg_month_of(vg_time_date(now)) - o->months;
}

static vg_err check_options(const vg_synth_options *o, vg_error *err)
{
    if (!(o->scale > 0 && o->scale <= 10))
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "--scale", "must be greater than 0 and at most 10");
    if (o->months < 1 || o->months > 120)
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "--months", "must be between 1 and 120");
    if (vg_month_year(o->from) < 1996 || vg_month_year(o->from) + (o->months + 11) / 12 > 2040)
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "--from", "the period must lie between 1996 and 2040");
    return VG_OK;
}

static vg_err check_empty(vg_store *store, vg_error *err)
{
    vg_store_counts counts;
    vg_err e = vg_store_counts_get(store, &counts, err);
    if (e)
        return e;
    for (int k = 0; k < VG_REC_KIND_COUNT; k++)
        if (counts.records[k])
            return vg_error_set(err, VG_ERR_CONFLICT, "synth",
                                "the database already holds records; generate into a new database");
    return VG_OK;
}

vg_err vg_synth_run(vg_store *store, const vg_synth_options *opt, vg_synth_report *rep, vg_error *err)
{
    memset(rep, 0, sizeof *rep);
    rep->force_name = FORCE_NAME;
    vg_err e = check_options(opt, err);
    if (e || (e = check_empty(store, err)))
        return e;
    sy_ctx c;
    memset(&c, 0, sizeof c);
    c.store = store;
    c.err = err;
    c.opt = *opt;
    c.rep = rep;
    vg_rng_seed(&c.rng, opt->seed);
    c.first_day = vg_month_first_day(opt->from);
    c.end_day = vg_month_first_day(opt->from + opt->months);
    if ((e = vg_geo_open(&c.geo, err)))
        return e;
    if ((e = vg_store_begin(store, err))) {
        vg_geo_close(c.geo);
        return e;
    }
    vg_log_info("synth: building geography");
    e = sy_build_geography(&c);
    if (!e) {
        vg_log_info("synth: planning events");
        e = sy_plan_events(&c);
    }
    if (!e)
        e = sy_write_events(&c);
    if (!e)
        e = vg_store_synth_run_put(store, opt->seed, opt->scale, opt->from, opt->months, FORCE_NAME, err);
    if (!e)
        e = vg_store_setting_put(store, "force.name", FORCE_NAME, err);
    if (!e)
        e = vg_store_setting_put(store, "force.slug", FORCE_SLUG, err);
    if (e)
        vg_store_rollback(store);
    else
        e = vg_store_commit(store, err);
    sy_events_free(&c);
    sy_people_free(&c);
    sy_geo_free(&c);
    vg_geo_close(c.geo);
    return e;
}
