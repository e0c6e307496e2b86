/* events.c - plans a period of the synthetic force's work (crimes, ASB and other
 * incidents with the people in them) and then writes it in time order, so record ids
 * grow with time as they do in a live system.
 *
 * Realism built in: recorded crime per Home Office category equals the Hampshire target
 * exactly; repeat victimisation by preferential attachment (a victim's chance of being
 * victimised again grows with each crime); near-repeat domestic burglary as a
 * self-exciting (Hawkes) process in space and time; crime concentrated in a few places
 * (Pareto place weights); domestic-abuse couples with repeat incidents; prolific
 * offenders, co-offending peer groups and organised crime groups; crime-indicative
 * incidents left unrecorded; transferred and cancelled crimes; outcome types. */
#include "synth/synth_int.h"
#include "base/alloc.h"
#include "base/progress.h"
#include "domain/offence.h"
#include "rules/deadlines.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DAY 86400
#define HOUR 3600
#define P_REPEAT_OFFENDER 0.55   /* a suspect is an already-known offender */
#define P_JOIN_GROUP 0.5         /* a new offender joins an existing peer group */
#define GROUP_MAX 8
#define P_CO_OFFENDER 0.22
#define NEAR_REPEAT_BRANCHING 0.30 /* expected burglaries triggered by each burglary */
#define NEAR_REPEAT_DAYS 5.0       /* mean delay of a triggered burglary */
#define NEAR_REPEAT_METRES 200.0
#define P_REPEAT_DA 0.5            /* a domestic incident involves a known couple */
#define P_REPEAT_ASB 0.45          /* an ASB caller/victim has called before */
#define UNCRIMED_SHARE 0.06        /* crime-indicative incidents never recorded (NCRS breaches) */
#define REMOVED_SHARE 0.015        /* recorded crimes later transferred or cancelled */

static vg_err nomem(sy_ctx *c) { return vg_error_set(c->err, VG_ERR_NOMEM, "synth", "out of memory"); }

static uint32_t scaled(const sy_ctx *c, double per_year)
{
    return (uint32_t)llround(per_year * c->opt.scale * c->opt.months / 12.0);
}

/* ---- time */

static void init_hours(sy_ctx *c)
{
    static const double night[24] = {6, 5, 4, 3, 2, 1, 1, 1.5, 2, 2.5, 3, 3, 3.5, 3.5, 3.5, 4, 4.5, 5, 5.5, 6, 6.5, 7, 7, 7};
    static const double day[24] = {0.5, 0.3, 0.2, 0.2, 0.2, 0.3, 0.8, 2, 4, 6, 7, 7.5, 8, 8, 8, 8, 7.5, 7, 6, 4, 2.5, 1.5, 1, 0.7};
    for (int h = 0; h < 3; h++) {
        double cum = 0;
        for (int i = 0; i < 24; i++) {
            double w = h == HOURS_NIGHT ? night[i] : h == HOURS_DAY ? day[i] : 2 + day[i] * 0.5 + night[i] * 0.5;
            c->hour_cum[h][i] = (cum += w);
        }
    }
}

/* A time in the period: summer and weekend evenings are busier. */
static vg_time random_time(sy_ctx *c, sy_hours hours)
{
    int span = c->end_day - c->first_day;
    vg_date d;
    for (;;) {
        d = c->first_day + (vg_date)vg_rng_below(&c->rng, (uint64_t)span);
        int y, m, dd;
        vg_date_to_ymd(d, &y, &m, &dd);
        double season = 1.0 + 0.18 * cos(2 * M_PI * ((m - 1) * 30.4 + dd - 196) / 365.0);
        double weekend = (hours == HOURS_NIGHT && vg_date_weekday(d) >= 5) ? 1.3 : 1.0;
        if (vg_rng_unit(&c->rng) * 1.18 * 1.3 < season * weekend)
            break;
    }
    int hour = (int)vg_rng_pick_cumulative(&c->rng, c->hour_cum[hours], 24);
    return vg_date_time(d) + hour * HOUR + (vg_time)vg_rng_below(&c->rng, HOUR);
}

/* ---- events */

static sy_event *new_event(sy_ctx *c, uint8_t kind, vg_category cat, vg_time when)
{
    if (!sy_reserve((void **)&c->events, &c->cap_events, c->n_events + 1, sizeof *c->events))
        return NULL;
    sy_event *e = &c->events[c->n_events];
    memset(e, 0, sizeof *e);
    e->kind = kind;
    e->category = (uint8_t)cat;
    e->when = when;
    e->received = when;
    e->recorded = VG_TIME_NONE;
    e->outcome_at = VG_TIME_NONE;
    e->loc = SY_NONE;
    e->orig = c->n_events;
    e->parent = -1;
    e->cat_index = 0xff;
    e->asb_type = 0xff;
    c->n_events++;
    return e;
}

static void add_party(sy_event *e, uint32_t person, vg_role role)
{
    if (person == SY_NONE || e->n_parties >= 6)
        return;
    for (int i = 0; i < e->n_parties; i++)
        if (e->parties[i].person == person && e->parties[i].role == role)
            return;
    e->parties[e->n_parties++] = (sy_party){person, (uint8_t)role};
}

static uint32_t home_of(const sy_ctx *c, uint32_t person, vg_time when)
{
    const sy_person *p = &c->people[person];
    return (p->addr2 != SY_NONE && vg_time_date(when) >= p->move_date) ? p->addr2 : p->addr;
}

/* ---- people in events */

static uint32_t pick_victim(sy_ctx *c, const sy_category *cat)
{
    uint32_t v;
    if (c->n_victim_pool && vg_rng_chance(&c->rng, cat->p_repeat_victim))
        v = c->victim_pool[vg_rng_below(&c->rng, c->n_victim_pool)];
    else
        v = sy_new_person(c, cat->victim_age_lo, cat->victim_age_hi, cat->victim_female, SY_NONE);
    if (v != SY_NONE && !sy_push_u32(&c->victim_pool, &c->n_victim_pool, &c->cap_victim_pool, v))
        return SY_NONE;
    return v;
}

static bool join_group(sy_ctx *c, uint32_t person, uint32_t g)
{
    if (g == 0) {
        if (!sy_reserve((void **)&c->group_head, &c->cap_group_head, c->n_groups + 2, sizeof *c->group_head) ||
            !sy_reserve((void **)&c->group_size, &c->cap_group_size, c->n_groups + 2, sizeof *c->group_size))
            return false;
        g = ++c->n_groups;
        c->group_head[g] = SY_NONE;
        c->group_size[g] = 0;
    }
    sy_person *p = &c->people[person];
    p->group = g;
    p->next_in_group = c->group_head[g];
    c->group_head[g] = person;
    c->group_size[g]++;
    return true;
}

static uint32_t new_offender(sy_ctx *c, int age_lo, int age_hi)
{
    uint32_t o = sy_new_person(c, age_lo, age_hi, 0.18, SY_NONE);
    if (o == SY_NONE)
        return SY_NONE;
    sy_person *p = &c->people[o];
    double r = vg_rng_unit(&c->rng);
    if (r < 0.15)
        p->flags |= PF_WARN_VI;
    else if (r < 0.35)
        p->flags |= PF_WARN_DR;
    else if (r < 0.39)
        p->flags |= PF_WARN_WE;
    c->rep->offenders++;
    return o;
}

static uint32_t pick_offender(sy_ctx *c)
{
    if (c->n_offender_pool && vg_rng_chance(&c->rng, P_REPEAT_OFFENDER))
        return c->offender_pool[vg_rng_below(&c->rng, c->n_offender_pool)];
    /* Offending peaks in the late teens and early twenties. */
    int age = 14 + (int)fmin(40, vg_rng_exp(&c->rng, 9.0));
    uint32_t o = new_offender(c, age, age);
    if (o == SY_NONE)
        return SY_NONE;
    uint32_t g = 0;
    if (c->n_offender_pool && vg_rng_chance(&c->rng, P_JOIN_GROUP)) {
        uint32_t mate = c->offender_pool[vg_rng_below(&c->rng, c->n_offender_pool)];
        g = c->people[mate].group;
        if (g && c->group_size[g] >= GROUP_MAX)
            g = 0;
    }
    if (!join_group(c, o, g))
        return SY_NONE;
    return o;
}

static bool note_offence(sy_ctx *c, uint32_t o)
{
    return sy_push_u32(&c->offender_pool, &c->n_offender_pool, &c->cap_offender_pool, o);
}

static uint32_t group_member(sy_ctx *c, uint32_t g, uint32_t not)
{
    if (!g || c->group_size[g] < 2)
        return SY_NONE;
    for (int attempt = 0; attempt < 4; attempt++) {
        uint32_t k = (uint32_t)vg_rng_below(&c->rng, c->group_size[g]), p = c->group_head[g];
        while (k-- && p != SY_NONE)
            p = c->people[p].next_in_group;
        if (p != SY_NONE && p != not)
            return p;
    }
    return SY_NONE;
}

static vg_err build_ocgs(sy_ctx *c)
{
    c->n_ocgs = (uint32_t)fmax(1, round(8 * c->opt.scale));
    c->ocg_start = vg_malloc((c->n_ocgs + 1) * sizeof *c->ocg_start);
    if (!c->ocg_start)
        return nomem(c);
    uint32_t cap = 0;
    for (uint32_t g = 0; g < c->n_ocgs; g++) {
        c->ocg_start[g] = c->n_ocg_members;
        uint32_t n = 6 + (uint32_t)vg_rng_below(&c->rng, 10);
        for (uint32_t k = 0; k < n; k++) {
            uint32_t o = new_offender(c, 18, 38);
            if (o == SY_NONE || !sy_push_u32(&c->ocg_members, &c->n_ocg_members, &cap, o))
                return nomem(c);
            c->people[o].ocg = g + 1;
            c->people[o].flags |= vg_rng_chance(&c->rng, 0.4) ? PF_WARN_WE : PF_WARN_DR;
            if (!join_group(c, o, k == 0 ? 0 : c->people[c->ocg_members[c->ocg_start[g]]].group))
                return nomem(c);
        }
    }
    c->ocg_start[c->n_ocgs] = c->n_ocg_members;
    c->rep->ocgs = c->n_ocgs;
    return VG_OK;
}

static uint32_t ocg_member(sy_ctx *c, uint32_t g)
{
    uint32_t n = c->ocg_start[g + 1] - c->ocg_start[g];
    return c->ocg_members[c->ocg_start[g] + vg_rng_below(&c->rng, n)];
}

/* A domestic-abuse couple, returned as a pair index (victim at da_pairs[2i], perpetrator
 * at [2i+1]). Known couples are drawn in proportion to their past incidents. */
static uint32_t pick_da_pair(sy_ctx *c)
{
    uint32_t pair;
    if (c->n_da_pool && vg_rng_chance(&c->rng, P_REPEAT_DA)) {
        pair = c->da_pool[vg_rng_below(&c->rng, c->n_da_pool)];
    } else {
        uint32_t v = sy_new_person(c, 18, 60, 0.8, SY_NONE);
        if (v == SY_NONE)
            return SY_NONE;
        if (vg_rng_chance(&c->rng, 0.5))
            c->people[v].flags |= PF_DA_VICTIM;
        int vage = (int)((c->first_day - c->people[v].dob) / 365);
        double female = c->people[v].gender == VG_GENDER_FEMALE ? 0.05 : 0.9;
        uint32_t o = sy_new_person(c, vage - 3, vage + 6, female, c->people[v].addr);
        if (o == SY_NONE)
            return SY_NONE;
        c->people[o].addr2 = c->people[v].addr2;
        c->people[o].move_date = c->people[v].move_date;
        if (vg_rng_chance(&c->rng, 0.5)) /* often the same family name */
            c->people[o].family = c->people[v].family;
        c->people[o].flags |= PF_WARN_VI;
        c->rep->offenders++;
        pair = c->n_da_pairs / 2;
        if (!sy_push_u32(&c->da_pairs, &c->n_da_pairs, &c->cap_da_pairs, v) ||
            !sy_push_u32(&c->da_pairs, &c->n_da_pairs, &c->cap_da_pairs, o))
            return SY_NONE;
        c->rep->da_pairs++;
    }
    if (!sy_push_u32(&c->da_pool, &c->n_da_pool, &c->cap_da_pool, pair))
        return SY_NONE;
    return pair;
}

static uint32_t da_victim(const sy_ctx *c, uint32_t pair) { return c->da_pairs[2 * pair]; }
static uint32_t da_perp(const sy_ctx *c, uint32_t pair) { return c->da_pairs[2 * pair + 1]; }

/* ---- categories */

static const char *pick_code(sy_ctx *c, const sy_category *cat, vg_date day)
{
    double total = 0;
    int n = 0;
    while (n < 18 && cat->codes[n].s) {
        total += cat->codes[n].w;
        n++;
    }
    double x = vg_rng_unit(&c->rng) * total;
    int i = 0;
    for (; i < n - 1; i++) {
        if (x < cat->codes[i].w)
            break;
        x -= cat->codes[i].w;
    }
    const char *code = cat->codes[i].s;
    /* Codes replaced during the period map to their successors (burglary 2017 recode). */
    static const char *const successor[][2] = {{"28A", "28E"}, {"28B", "28F"}, {"28C", "28G"}, {"28D", "28H"},
                                               {"29", "29A"}, {"30A", "30C"}, {"30B", "30D"}, {"31", "31A"},
                                               {"58E", "58J"}, {"58G", "58J"}};
    const vg_offence *o = vg_offence_find(code);
    if (o && !vg_offence_valid_on(o, day))
        for (size_t k = 0; k < sizeof successor / sizeof successor[0]; k++)
            if (strcmp(successor[k][0], code) == 0)
                return successor[k][1];
    return code;
}

static uint8_t pick_outcome(sy_ctx *c, sy_outcome_profile prof, bool suspect)
{
    /* Outcome mixes by kind of crime, close to England & Wales 2014/15 proportions. */
    static const struct { uint8_t oc; double w[5]; } mix[] = {
        /*            violence acquis. shoplift society serious */
        {1, {17, 6, 33, 40, 25}}, {2, {1, 0.5, 2, 3, 1}}, {3, {5, 2, 9, 10, 3}}, {4, {0.5, 3, 1, 0.5, 0.5}},
        {6, {1, 0.3, 4, 5, 0}}, {7, {0, 0, 0, 25, 0}}, {8, {7, 2, 10, 8, 1}}, {10, {1, 0.5, 1, 1, 1}},
        {14, {4, 1, 0, 0, 5}}, {15, {13, 3, 5, 4, 18}}, {16, {32, 3, 2, 1, 25}}, {18, {15, 77, 31, 1, 18}},
        {20, {1, 1, 1, 1, 1}}, {9, {1, 0.5, 1, 1.5, 2}},
    };
    double total = 0, w[32];
    size_t n = sizeof mix / sizeof mix[0];
    for (size_t i = 0; i < n; i++) {
        w[i] = mix[i].w[prof];
        /* without a named suspect only "no suspect identified" and its kin can follow */
        if (!suspect && mix[i].oc != 18 && mix[i].oc != 14 && mix[i].oc != 20)
            w[i] = 0;
        total += w[i];
    }
    if (total <= 0)
        return 18;
    double x = vg_rng_unit(&c->rng) * total;
    for (size_t i = 0; i < n; i++) {
        if (x < w[i])
            return mix[i].oc;
        x -= w[i];
    }
    return 18;
}

static vg_time recording_delay(sy_ctx *c)
{
    double r = vg_rng_unit(&c->rng);
    if (r < 0.85)
        return (vg_time)vg_rng_exp(&c->rng, 4 * HOUR);
    if (r < 0.97)
        return 24 * HOUR + (vg_time)vg_rng_below(&c->rng, 48 * HOUR);
    return 72 * HOUR + (vg_time)vg_rng_exp(&c->rng, 7 * DAY); /* late: an NCRS timeliness failure */
}

static void set_channel(sy_ctx *c, sy_event *e, double p999, bool proactive)
{
    double r = vg_rng_unit(&c->rng);
    if (proactive && r < 0.7)
        e->channel = VG_CHANNEL_OFFICER;
    else if (r < p999)
        e->channel = VG_CHANNEL_999;
    else if (r < p999 + 0.12)
        e->channel = VG_CHANNEL_ONLINE;
    else if (r < p999 + 0.15)
        e->channel = VG_CHANNEL_FRONT_COUNTER;
    else if (r < p999 + 0.17)
        e->channel = VG_CHANNEL_PARTNER;
    else
        e->channel = VG_CHANNEL_101;
    static const double grade_cum[][4] = {{0.6, 0.9, 0.98, 1.0}, {0.05, 0.4, 0.85, 1.0}};
    const double *g = grade_cum[e->channel == VG_CHANNEL_999 ? 0 : 1];
    double t = vg_rng_unit(&c->rng);
    e->thrive = t < g[0] ? VG_THRIVE_IMMEDIATE : t < g[1] ? VG_THRIVE_PRIORITY : t < g[2] ? VG_THRIVE_SCHEDULED
                                                                                 : VG_THRIVE_NO_DEPLOYMENT;
}

static uint32_t place_loc(sy_ctx *c) { return c->n_addrs + (uint32_t)vg_rng_pick_cumulative(&c->rng, c->place_cum, c->n_places); }

static uint32_t staff_of(sy_ctx *c, uint32_t place)
{
    if (c->place_staff[place] == SY_NONE || vg_rng_chance(&c->rng, 0.15))
        c->place_staff[place] = sy_new_person(c, 18, 60, 0.55, SY_NONE);
    return c->place_staff[place];
}

/* Suspects: a DA perpetrator, OCG members, or known/new offenders with co-offenders. */
static bool add_suspects(sy_ctx *c, sy_event *e, const sy_category *cat, uint32_t da_pair)
{
    uint32_t first;
    if (da_pair != SY_NONE) {
        first = da_perp(c, da_pair);
    } else if (cat->ocg_share > 0 && vg_rng_chance(&c->rng, cat->ocg_share)) {
        uint32_t g = (uint32_t)vg_rng_below(&c->rng, c->n_ocgs);
        first = ocg_member(c, g);
        e->group = g + 1;
        if (vg_rng_chance(&c->rng, 0.5))
            add_party(e, ocg_member(c, g), VG_ROLE_SUSPECT);
    } else {
        first = pick_offender(c);
    }
    if (first == SY_NONE || !note_offence(c, first))
        return false;
    add_party(e, first, VG_ROLE_SUSPECT);
    if (da_pair == SY_NONE && vg_rng_chance(&c->rng, P_CO_OFFENDER)) {
        int k = 1 + (int)vg_rng_below(&c->rng, 2);
        for (int i = 0; i < k; i++) {
            uint32_t co = group_member(c, c->people[first].group, first);
            if (co == SY_NONE)
                co = pick_offender(c);
            if (co == SY_NONE || !note_offence(c, co))
                return false;
            if (!c->people[co].group && !join_group(c, co, c->people[first].group))
                return false;
            add_party(e, co, VG_ROLE_SUSPECT);
        }
    }
    return true;
}

/* Fills a crime (or an unrecorded crime-indicative incident) of category ci. */
static vg_err fill_crime(sy_ctx *c, sy_event *e, int ci, uint32_t victim_override)
{
    const sy_category *cat = &sy_categories[ci];
    e->cat_index = (uint8_t)ci;
    e->code = pick_code(c, cat, vg_time_date(e->when));
    uint32_t da = SY_NONE, victim = SY_NONE;
    if (cat->victim == VIC_PERSON) {
        if (victim_override != SY_NONE) {
            victim = victim_override;
        } else if (cat->da_share > 0 && vg_rng_chance(&c->rng, cat->da_share)) {
            if ((da = pick_da_pair(c)) == SY_NONE)
                return nomem(c);
            victim = da_victim(c, da);
            e->da = 1;
            e->group = da + 1;
        } else if ((victim = pick_victim(c, cat)) == SY_NONE) {
            return nomem(c);
        }
        add_party(e, victim, VG_ROLE_VICTIM);
        /* The victim usually calls; otherwise a neighbour or passer-by does. */
        if (vg_rng_chance(&c->rng, 0.7))
            add_party(e, victim, VG_ROLE_CALLER);
        else
            add_party(e, sy_new_person(c, 20, 80, 0.5, SY_NONE), VG_ROLE_CALLER);
    }
    /* Where it happened. */
    if (e->loc == SY_NONE) {
        sy_loc_mode mode = cat->loc;
        if (e->da || (mode == LOC_ADDRESS && victim != SY_NONE && vg_rng_chance(&c->rng, 0.6)))
            mode = LOC_HOME;
        if (mode == LOC_HOME && victim == SY_NONE)
            mode = LOC_PLACE;
        switch (mode) {
        case LOC_HOME: e->loc = home_of(c, victim, e->when); break;
        case LOC_SHOP:
            e->loc = c->n_addrs + c->shops[vg_rng_pick_cumulative(&c->rng, c->shop_cum, c->n_shops)];
            break;
        case LOC_COMMERCIAL:
            e->loc = c->n_addrs + c->comm[vg_rng_pick_cumulative(&c->rng, c->comm_cum, c->n_comm)];
            break;
        case LOC_ADDRESS: e->loc = vg_rng_chance(&c->rng, 0.5) ? sy_random_address(c) : place_loc(c); break;
        default: e->loc = place_loc(c); break;
        }
    }
    if (cat->victim == VIC_BUSINESS && e->loc >= c->n_addrs) {
        uint32_t staff = staff_of(c, e->loc - c->n_addrs);
        add_party(e, staff, VG_ROLE_CALLER);
        add_party(e, staff, VG_ROLE_WITNESS);
    }
    bool suspect = vg_rng_chance(&c->rng, e->da ? 0.95 : cat->p_suspect);
    if (suspect && !add_suspects(c, e, cat, da))
        return nomem(c);
    if (vg_rng_chance(&c->rng, 0.12))
        add_party(e, sy_new_person(c, 16, 80, 0.5, SY_NONE), VG_ROLE_WITNESS);
    set_channel(c, e, cat->victim == VIC_NONE ? 0.05 : (cat->hours == HOURS_NIGHT ? 0.35 : 0.15),
                cat->victim == VIC_NONE);
    e->received = e->when + (cat->victim == VIC_NONE ? 0 : (vg_time)vg_rng_exp(&c->rng, cat->loc == LOC_NEAR_REPEAT ? 8 * HOUR : 1.5 * HOUR));
    if (e->kind == EV_CRIME) {
        e->recorded = e->received + recording_delay(c);
        e->status = VG_CRIME_RECORDED;
        e->outcome = pick_outcome(c, cat->outcome, suspect);
        double mean_days = e->outcome == 18 ? 20 : e->outcome == 1 ? 45 : 30;
        e->outcome_at = e->recorded + (vg_time)vg_rng_exp(&c->rng, mean_days * DAY);
        if (e->outcome_at >= vg_date_time(c->end_day)) {
            e->outcome = 0; /* still under investigation at the end of the period */
            e->outcome_at = VG_TIME_NONE;
        } else if (e->outcome == 1 || e->outcome == 2 || e->outcome == 3 || e->outcome == 6 || e->outcome == 8) {
            for (int i = 0; i < e->n_parties; i++)
                if (e->parties[i].role == VG_ROLE_SUSPECT) {
                    e->parties[i].role = VG_ROLE_OFFENDER;
                    break;
                }
        }
    }
    return VG_OK;
}

static vg_err plan_category(sy_ctx *c, int ci)
{
    const sy_category *cat = &sy_categories[ci];
    uint32_t n = scaled(c, cat->target_12m);
    for (uint32_t i = 0; i < n; i++) {
        sy_event *e = new_event(c, EV_CRIME, VG_CAT_CRIME, random_time(c, cat->hours));
        if (!e)
            return nomem(c);
        vg_err err = fill_crime(c, e, ci, SY_NONE);
        if (err)
            return err;
    }
    return VG_OK;
}

/* Domestic burglary as a Hawkes process: background burglaries at random homes, each
 * triggering Poisson(0.3) more within 200 m after a few days, until the target. */
static vg_err plan_burglary(sy_ctx *c, int ci)
{
    const sy_category *cat = &sy_categories[ci];
    uint32_t n = scaled(c, cat->target_12m), done = 0;
    vg_time end = vg_date_time(c->end_day);
    uint32_t *queue = NULL, qn = 0, qcap = 0;
    while (done < n) {
        sy_event *e = new_event(c, EV_CRIME, VG_CAT_CRIME, random_time(c, HOURS_ANY));
        if (!e)
            goto oom;
        e->loc = sy_random_address(c);
        uint32_t victim = sy_new_person(c, cat->victim_age_lo, cat->victim_age_hi, cat->victim_female, e->loc);
        if (victim == SY_NONE || fill_crime(c, &c->events[c->n_events - 1], ci, victim))
            goto oom;
        done++;
        qn = 0;
        if (!sy_push_u32(&queue, &qn, &qcap, c->n_events - 1))
            goto oom;
        for (uint32_t qi = 0; qi < qn && done < n; qi++) {
            uint32_t parent = queue[qi];
            uint64_t k = vg_rng_poisson(&c->rng, NEAR_REPEAT_BRANCHING);
            for (uint64_t j = 0; j < k && done < n; j++) {
                vg_time t = c->events[parent].when + (vg_time)(vg_rng_exp(&c->rng, NEAR_REPEAT_DAYS) * DAY);
                if (t >= end)
                    continue;
                bool same = vg_rng_chance(&c->rng, 0.08);
                uint32_t loc = same ? c->events[parent].loc : sy_address_near(c, c->events[parent].loc, NEAR_REPEAT_METRES);
                uint32_t pv = c->events[parent].parties[0].person;
                sy_event *ch = new_event(c, EV_CRIME, VG_CAT_CRIME, t);
                if (!ch)
                    goto oom;
                ch->loc = loc;
                ch->parent = (int32_t)parent;
                uint32_t v = same ? pv : sy_new_person(c, cat->victim_age_lo, cat->victim_age_hi, cat->victim_female, loc);
                if (v == SY_NONE || fill_crime(c, &c->events[c->n_events - 1], ci, v))
                    goto oom;
                c->rep->near_repeat_offspring++;
                done++;
                if (!sy_push_u32(&queue, &qn, &qcap, c->n_events - 1))
                    goto oom;
            }
        }
    }
    vg_free(queue);
    return VG_OK;
oom:
    vg_free(queue);
    return (c->err && c->err->code) ? c->err->code : nomem(c);
}

static vg_err plan_asb(sy_ctx *c)
{
    uint32_t n = scaled(c, VG_SYNTH_ASB_12M);
    static const int personal_types[] = {5, 6, 9, 10, 1};
    static const int nuisance_types[] = {10, 6, 11, 13, 2, 4, 12, 7, 3};
    static const int env_types[] = {8, 0, 1, 12};
    for (uint32_t i = 0; i < n; i++) {
        double r = vg_rng_unit(&c->rng);
        vg_category cat = r < 0.25 ? VG_CAT_ASB_PERSONAL : r < 0.9 ? VG_CAT_ASB_NUISANCE : VG_CAT_ASB_ENVIRONMENTAL;
        sy_event *e = new_event(c, EV_INCIDENT, cat, random_time(c, HOURS_NIGHT));
        if (!e)
            return nomem(c);
        uint32_t who;
        if (c->n_asb_pool && vg_rng_chance(&c->rng, P_REPEAT_ASB))
            who = c->asb_pool[vg_rng_below(&c->rng, c->n_asb_pool)];
        else
            who = sy_new_person(c, 18, 85, 0.55, SY_NONE);
        if (who == SY_NONE || !sy_push_u32(&c->asb_pool, &c->n_asb_pool, &c->cap_asb_pool, who))
            return nomem(c);
        add_party(e, who, VG_ROLE_CALLER);
        if (cat == VG_CAT_ASB_PERSONAL) {
            add_party(e, who, VG_ROLE_VICTIM);
            e->loc = home_of(c, who, e->when);
            e->asb_type = (uint8_t)personal_types[vg_rng_below(&c->rng, 5)];
        } else if (cat == VG_CAT_ASB_NUISANCE) {
            e->loc = vg_rng_chance(&c->rng, 0.5) ? place_loc(c) : sy_address_near(c, home_of(c, who, e->when), 300);
            e->asb_type = (uint8_t)nuisance_types[vg_rng_below(&c->rng, 9)];
        } else {
            e->loc = place_loc(c);
            e->asb_type = (uint8_t)env_types[vg_rng_below(&c->rng, 4)];
        }
        if (vg_rng_chance(&c->rng, 0.15)) {
            uint32_t s = pick_offender(c);
            if (s == SY_NONE || !note_offence(c, s))
                return nomem(c);
            add_party(e, s, VG_ROLE_SUSPECT);
        }
        set_channel(c, e, 0.12, false);
    }
    return VG_OK;
}

/* Calls that are neither crime nor ASB: welfare, missing people, domestic incidents with
 * no offence disclosed, road traffic collisions, lost property, sudden deaths... */
static vg_err plan_other(sy_ctx *c)
{
    static const struct { vg_category cat; double per_year; } kinds[] = {
        {VG_CAT_PUBLIC_SAFETY, 150000}, {VG_CAT_TRANSPORT, 45000}, {VG_CAT_ADMIN, 25000}};
    for (size_t k = 0; k < 3; k++) {
        uint32_t n = scaled(c, kinds[k].per_year);
        for (uint32_t i = 0; i < n; i++) {
            sy_event *e = new_event(c, EV_INCIDENT, kinds[k].cat, random_time(c, HOURS_ANY));
            if (!e)
                return nomem(c);
            e->loc = vg_rng_chance(&c->rng, 0.5) ? sy_random_address(c) : place_loc(c);
            if (vg_rng_chance(&c->rng, 0.75)) {
                uint32_t who = (c->n_asb_pool && vg_rng_chance(&c->rng, 0.2))
                                   ? c->asb_pool[vg_rng_below(&c->rng, c->n_asb_pool)]
                                   : sy_new_person(c, 18, 85, 0.5, SY_NONE);
                if (who == SY_NONE)
                    return nomem(c);
                add_party(e, who, VG_ROLE_CALLER);
            }
            set_channel(c, e, kinds[k].cat == VG_CAT_TRANSPORT ? 0.5 : 0.25, false);
        }
    }
    /* Domestic incidents without a crime: as many as domestic crimes, for the same couples. */
    uint32_t nda = (uint32_t)(c->n_da_pool * 1.2);
    for (uint32_t i = 0; i < nda; i++) {
        sy_event *e = new_event(c, EV_INCIDENT, VG_CAT_PUBLIC_SAFETY, random_time(c, HOURS_NIGHT));
        if (!e)
            return nomem(c);
        uint32_t pair = pick_da_pair(c);
        if (pair == SY_NONE)
            return nomem(c);
        e->da = 1;
        e->group = pair + 1;
        add_party(e, da_victim(c, pair), VG_ROLE_VICTIM);
        add_party(e, da_victim(c, pair), VG_ROLE_CALLER);
        add_party(e, da_perp(c, pair), VG_ROLE_SUSPECT);
        e->loc = home_of(c, da_victim(c, pair), e->when);
        set_channel(c, e, 0.5, false);
    }
    return VG_OK;
}

/* Crime-indicative incidents never recorded, and recorded crimes later removed. */
static vg_err plan_integrity(sy_ctx *c)
{
    static const int victim_cats[] = {2, 3, 10, 14, 4};
    uint32_t recorded = c->n_events;
    uint32_t n_uncrimed = (uint32_t)llround(recorded * UNCRIMED_SHARE);
    uint32_t n_removed = (uint32_t)llround(recorded * REMOVED_SHARE);
    for (uint32_t i = 0; i < n_uncrimed + n_removed; i++) {
        int ci = victim_cats[vg_rng_below(&c->rng, 5)];
        bool removed = i >= n_uncrimed;
        sy_event *e = new_event(c, removed ? EV_CRIME : EV_UNCRIMED, VG_CAT_CRIME, random_time(c, sy_categories[ci].hours));
        if (!e)
            return nomem(c);
        vg_err err = fill_crime(c, e, ci, SY_NONE);
        if (err)
            return err;
        e = &c->events[c->n_events - 1];
        if (removed) {
            e->status = vg_rng_chance(&c->rng, 0.3) ? VG_CRIME_TRANSFERRED : VG_CRIME_CANCELLED;
            e->outcome = 0;
            e->outcome_at = VG_TIME_NONE;
        }
    }
    c->rep->crime_incidents_uncrimed = n_uncrimed;
    c->rep->crimes_removed = n_removed;
    return VG_OK;
}

vg_err sy_plan_events(sy_ctx *c)
{
    init_hours(c);
    c->place_staff = vg_malloc((c->n_places ? c->n_places : 1) * sizeof *c->place_staff);
    if (!c->place_staff)
        return nomem(c);
    for (uint32_t i = 0; i < c->n_places; i++)
        c->place_staff[i] = SY_NONE;
    vg_err e = build_ocgs(c);
    for (int ci = 0; !e && ci < sy_n_categories; ci++)
        e = sy_categories[ci].loc == LOC_NEAR_REPEAT ? plan_burglary(c, ci) : plan_category(c, ci);
    if (!e)
        e = plan_integrity(c);
    if (!e)
        e = plan_asb(c);
    if (!e)
        e = plan_other(c);
    return e;
}

/* ---- writing */

static int by_received(const void *a, const void *b)
{
    const sy_event *x = a, *y = b;
    if (x->received != y->received)
        return x->received < y->received ? -1 : 1;
    return (x->orig > y->orig) - (x->orig < y->orig);
}

static const char *narrative_of(const sy_event *e)
{
    if (e->asb_type != 0xff)
        return sy_asb_types[e->asb_type];
    if (e->da)
        return "Domestic incident between partners or ex-partners.";
    if (e->code) {
        const vg_offence *o = vg_offence_find(e->code);
        return o ? o->label : "Crime reported.";
    }
    switch (e->category) {
    case VG_CAT_TRANSPORT: return "Road traffic collision or obstruction.";
    case VG_CAT_ADMIN: return "Lost or found property, or an administrative call.";
    default: return "Concern for welfare.";
    }
}

static vg_err write_event(sy_ctx *c, sy_event *e, vg_id *crime_ids, int *day_seq, vg_date *day_of_seq, int *crime_seq)
{
    vg_err err = VG_OK;
    vg_party parties[6];
    size_t np = 0;
    for (int i = 0; i < e->n_parties && !err; i++) {
        vg_id rec;
        /* A person already in this event under another role keeps the same record. */
        int same = -1;
        for (int k = 0; k < i; k++)
            if (e->parties[k].person == e->parties[i].person)
                same = k;
        if (same >= 0) {
            rec = parties[same].person_id;
        } else if ((err = sy_person_record(c, e->parties[i].person, e->received, &rec))) {
            return err;
        }
        parties[np++] = (vg_party){rec, (vg_role)e->parties[i].role};
    }
    vg_id loc = e->loc == SY_NONE ? 0 : e->loc < c->n_addrs ? c->addrs[e->loc].loc_id : c->places[e->loc - c->n_addrs].loc_id;

    vg_date day = vg_time_date(e->received);
    if (day != *day_of_seq) {
        *day_of_seq = day;
        *day_seq = 0;
    }
    char ref[32], date[VG_DATE_LEN];
    vg_date_format(day, date);
    snprintf(ref, sizeof ref, "WX-%.4s%.2s%.2s-%05d", date, date + 5, date + 8, ++*day_seq);
    vg_incident inc;
    vg_incident_init(&inc);
    inc.reference = ref;
    inc.received_at = e->received;
    inc.channel = (vg_channel)e->channel;
    inc.category = (vg_category)e->category;
    inc.asb_type = e->asb_type != 0xff ? (char *)sy_asb_types[e->asb_type] : NULL;
    inc.thrive = (vg_thrive)e->thrive;
    inc.narrative = (char *)narrative_of(e);
    inc.location_id = loc;
    vg_time closes = e->received + HOUR + (vg_time)vg_rng_exp(&c->rng, 6 * HOUR);
    inc.closed_at = closes < vg_date_time(c->end_day) ? closes : VG_TIME_NONE;
    inc.parties = parties;
    inc.n_parties = np;
    if ((err = vg_store_incident_put(c->store, &inc, c->err)))
        return err;
    c->rep->incidents++;
    if (vg_category_is_asb((vg_category)e->category))
        c->rep->asb_incidents++;
    if (e->da && (err = vg_store_truth_put(c->store, "da_pair", inc.id, e->group, c->err)))
        return err;
    if (e->kind == EV_UNCRIMED)
        return vg_store_truth_put(c->store, "uncrimed", inc.id, 0, c->err);
    if (e->kind != EV_CRIME)
        return VG_OK;

    vg_party cparties[6];
    size_t ncp = 0;
    for (size_t i = 0; i < np; i++)
        if (parties[i].role != VG_ROLE_CALLER)
            cparties[ncp++] = parties[i];
    char cref[32];
    int y, m, d;
    vg_date_to_ymd(vg_time_date(e->recorded), &y, &m, &d);
    snprintf(cref, sizeof cref, "WX/%06d/%02d", ++*crime_seq, y % 100);
    vg_crime cr;
    vg_crime_init(&cr);
    cr.reference = cref;
    cr.incident_id = inc.id;
    snprintf(cr.offence_code, sizeof cr.offence_code, "%s", e->code);
    cr.committed_at = e->when;
    cr.recorded_at = e->recorded;
    cr.status = (vg_crime_status)e->status;
    cr.outcome = e->outcome;
    cr.outcome_at = e->outcome_at;
    cr.location_id = loc;
    cr.parties = cparties;
    cr.n_parties = ncp;
    vg_crime_deadlines(&cr);
    if ((err = vg_store_crime_put(c->store, &cr, c->err)))
        return err;
    crime_ids[e->orig] = cr.id;
    if (cr.status == VG_CRIME_RECORDED)
        c->rep->crimes++;
    /* Vehicle crime has a vehicle. */
    if (e->cat_index != 0xff && sy_categories[e->cat_index].loc == LOC_ADDRESS && e->code[0] == '4' &&
        (e->code[1] == '5' || e->code[1] == '8')) {
        char vrm[16];
        snprintf(vrm, sizeof vrm, "WX%02u %c%c%c", (unsigned)(10 + vg_rng_below(&c->rng, 60)),
                 'A' + (int)vg_rng_below(&c->rng, 26), 'A' + (int)vg_rng_below(&c->rng, 26), 'A' + (int)vg_rng_below(&c->rng, 26));
        vg_object o;
        vg_object_init(&o);
        o.kind = VG_OBJ_VEHICLE;
        o.identifier = vrm;
        if ((err = vg_store_object_put(c->store, &o, c->err)) ||
            (err = vg_store_object_link(c->store, VG_REC_CRIME, cr.id, o.id, c->err)))
            return err;
    }
    if (e->parent >= 0 && crime_ids[e->parent])
        err = vg_store_truth_put(c->store, "near_repeat", cr.id, crime_ids[e->parent], c->err);
    return err;
}

static int cmp_desc_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x < y) - (x > y);
}

/* Share of person-victim crimes suffered by the most-victimised 5% of victims. */
static vg_err victim_concentration(sy_ctx *c)
{
    uint32_t *count = vg_calloc(c->n_people ? c->n_people : 1, sizeof *count);
    if (!count)
        return nomem(c);
    uint64_t total = 0;
    for (uint32_t i = 0; i < c->n_events; i++) {
        const sy_event *e = &c->events[i];
        if (e->kind != EV_CRIME || e->status != VG_CRIME_RECORDED)
            continue;
        for (int k = 0; k < e->n_parties; k++)
            if (e->parties[k].role == VG_ROLE_VICTIM) {
                count[e->parties[k].person]++;
                total++;
            }
    }
    qsort(count, c->n_people, sizeof *count, cmp_desc_u32);
    uint32_t victims = 0, repeat = 0;
    while (victims < c->n_people && count[victims] > 0) {
        repeat += count[victims] > 1;
        victims++;
    }
    uint32_t top = (victims + 19) / 20;
    uint64_t top_sum = 0;
    for (uint32_t i = 0; i < top; i++)
        top_sum += count[i];
    c->rep->victims = victims;
    c->rep->victimisations = (int64_t)total;
    c->rep->top5_victim_share = total ? (double)top_sum / (double)total : 0;
    c->rep->repeat_victim_share = victims ? (double)repeat / victims : 0;
    vg_free(count);
    return VG_OK;
}

vg_err sy_write_events(sy_ctx *c)
{
    vg_err err = victim_concentration(c);
    if (err)
        return err;
    vg_id *crime_ids = vg_calloc(c->n_events ? c->n_events : 1, sizeof *crime_ids);
    if (!crime_ids)
        return nomem(c);
    /* Parents are referred to by their index before sorting (orig). */
    qsort(c->events, c->n_events, sizeof *c->events, by_received);
    vg_progress bar;
    vg_progress_start(&bar, stderr, "synth: writing records", c->n_events, c->opt.progress ? -1 : 0);
    int day_seq = 0, crime_seq = 0;
    vg_date day_of_seq = VG_DATE_NONE;
    for (uint32_t i = 0; i < c->n_events && !err; i++) {
        err = write_event(c, &c->events[i], crime_ids, &day_seq, &day_of_seq, &crime_seq);
        if ((i & 1023) == 0)
            vg_progress_update(&bar, i);
    }
    vg_progress_finish(&bar);
    /* Group memberships of people who appear in records. */
    for (uint32_t p = 0; p < c->n_people && !err; p++) {
        const sy_person *sp = &c->people[p];
        if (!sp->n_records)
            continue;
        if (sp->ocg)
            err = vg_store_truth_put(c->store, "ocg", (int64_t)p + 1, sp->ocg, c->err);
        if (!err && sp->group)
            err = vg_store_truth_put(c->store, "network", (int64_t)p + 1, sp->group, c->err);
    }
    vg_free(crime_ids);
    return err;
}

void sy_events_free(sy_ctx *c) { vg_free(c->events); }
