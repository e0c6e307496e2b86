/* contact_json.c - incident drafts from JSON; briefings and candidates to JSON. */
#include "io/contact_json.h"
#include "match/model.h"
#include "base/alloc.h"
#include "base/limits.h"
#include "base/str.h"
#include "domain/offence.h"
#include "match/normalise.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---- parsing */

typedef struct ctx {
    const char *source;
    char path[128];
    vg_error *err;
} ctx;

VG_PRINTF(3, 4) static vg_err bad(ctx *c, const char *field, const char *fmt, ...)
{
    char where[256];
    snprintf(where, sizeof where, "%s: %s%s%s", c->source, c->path, c->path[0] && field[0] ? "." : "", field);
    va_list ap;
    va_start(ap, fmt);
    vg_err e = vg_error_setv(c->err, VG_ERR_INVALID_INPUT, where, fmt, ap);
    va_end(ap);
    return e;
}

/* Rejects fields other than the allowed ones. */
static vg_err only(ctx *c, const json_t *o, const char *const *allowed)
{
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)o, key, v) {
        bool ok = false;
        for (const char *const *a = allowed; *a && !ok; a++)
            ok = strcmp(*a, key) == 0;
        if (!ok)
            return bad(c, key, "unknown field");
    }
    return VG_OK;
}

/* An optional string field: *out NULL if absent or null; empty strings count as absent. */
static vg_err opt_string(ctx *c, const json_t *o, const char *field, vg_limit lim, char **out)
{
    *out = NULL;
    json_t *v = json_object_get(o, field);
    if (!v || json_is_null(v))
        return VG_OK;
    if (!json_is_string(v))
        return bad(c, field, "must be a string");
    size_t n = json_string_length(v);
    if (n > vg_limit_max(lim))
        return bad(c, field, "%zu bytes is longer than the limit of %zu bytes for %s", n, vg_limit_max(lim),
                   vg_limit_name(lim));
    const char *s = json_string_value(v);
    if (strlen(s) != n)
        return bad(c, field, "contains a NUL character");
    if (!vg_utf8_valid(s, n, NULL))
        return bad(c, field, "not valid UTF-8");
    vg_str t = vg_str_trim((vg_str){s, n});
    if (t.n == 0)
        return VG_OK;
    *out = vg_strndup(t.p, t.n);
    return *out ? VG_OK : vg_error_set(c->err, VG_ERR_NOMEM, c->source, "out of memory");
}

static vg_err opt_postcode(ctx *c, const json_t *o, char **out)
{
    vg_err e = opt_string(c, o, "postcode", VG_LIM_POSTCODE, out);
    if (e || !*out)
        return e;
    char pc[9];
    if (!vg_norm_postcode(*out, strlen(*out), pc))
        return bad(c, "postcode", "\"%s\" is not a UK postcode", *out);
    vg_free(*out);
    *out = vg_strdup(pc);
    return *out ? VG_OK : vg_error_set(c->err, VG_ERR_NOMEM, c->source, "out of memory");
}

static vg_err parse_person(ctx *c, const json_t *o, vg_person_draft *p)
{
    static const char *const allowed[] = {"role", "name", "given_names", "family_name", "dob", "gender", "phone",
                                          "address", "postcode", "markers", "person_id", "new_person", NULL};
    if (!json_is_object(o))
        return bad(c, "", "must be an object");
    vg_err e = only(c, o, allowed);
    if (e)
        return e;
    json_t *role = json_object_get(o, "role");
    if (!role)
        return bad(c, "role", "required (caller, victim, witness, suspect or offender)");
    if (!json_is_string(role) || !vg_role_parse(json_string_value(role), &p->role))
        return bad(c, "role", "must be caller, victim, witness, suspect or offender");
    p->dob = VG_DATE_NONE;
    if ((e = opt_string(c, o, "name", VG_LIM_NAME, &p->name)) || (e = opt_string(c, o, "given_names", VG_LIM_NAME, &p->given)) ||
        (e = opt_string(c, o, "family_name", VG_LIM_NAME, &p->family)) || (e = opt_string(c, o, "phone", VG_LIM_PHONE, &p->phone)) ||
        (e = opt_string(c, o, "address", VG_LIM_ADDRESS, &p->address)) || (e = opt_postcode(c, o, &p->postcode)))
        return e;
    if (p->name && (p->given || p->family))
        return bad(c, "name", "give either name or given_names and family_name, not both");
    char tmp[20];
    if (p->phone && !vg_norm_phone(p->phone, strlen(p->phone), tmp))
        return bad(c, "phone", "\"%s\" is not a telephone number", p->phone);
    if (!p->name && !p->family && !p->given && !p->phone)
        return bad(c, "name", "required: a name or a phone number");
    json_t *dob = json_object_get(o, "dob");
    if (dob && !json_is_null(dob)) {
        if (!json_is_string(dob) || !vg_date_parse(vg_str_c(json_string_value(dob)), &p->dob))
            return bad(c, "dob", "must be a date YYYY-MM-DD");
    }
    /* the call handler's choice: this person record, or none of those found */
    json_t *pid = json_object_get(o, "person_id"), *np = json_object_get(o, "new_person");
    if (pid && !json_is_null(pid)) {
        if (!json_is_integer(pid) || json_integer_value(pid) < 1)
            return bad(c, "person_id", "must be the id of a person record, chosen from the lookup's candidates");
        p->chosen = (vg_id)json_integer_value(pid);
    }
    if (np && !json_is_null(np)) {
        if (!json_is_boolean(np))
            return bad(c, "new_person", "must be true (none of the candidates is this person) or false");
        p->none_of_these = json_is_true(np);
    }
    if (p->chosen && p->none_of_these)
        return bad(c, "new_person", "give person_id or new_person true, not both");
    json_t *g = json_object_get(o, "gender");
    if (g && !json_is_null(g) && (!json_is_string(g) || !vg_gender_parse(json_string_value(g), &p->gender)))
        return bad(c, "gender", "must be male, female, other or unknown");
    json_t *mk = json_object_get(o, "markers");
    if (mk && !json_is_null(mk)) {
        if (!json_is_array(mk))
            return bad(c, "markers", "must be an array of marker codes");
        if (json_array_size(mk) > VG_DRAFT_MAX_MARKERS)
            return bad(c, "markers", "at most %d markers", VG_DRAFT_MAX_MARKERS);
        size_t i;
        json_t *v;
        json_array_foreach(mk, i, v) {
            if (!json_is_string(v) || !vg_marker_code_find(json_string_value(v)))
                return bad(c, "markers", "item %zu is not a marker code (MH, LD, PD, VI, WE, ...)", i);
            p->markers[p->n_markers] = vg_strdup(json_string_value(v));
            if (!p->markers[p->n_markers])
                return vg_error_set(c->err, VG_ERR_NOMEM, c->source, "out of memory");
            p->n_markers++;
        }
    }
    return VG_OK;
}

static vg_err parse_location(ctx *c, const json_t *o, vg_place_draft *l)
{
    static const char *const allowed[] = {"address", "postcode", "lat", "lon", NULL};
    if (!json_is_object(o))
        return bad(c, "location", "must be an object");
    size_t len = strlen(c->path);
    snprintf(c->path + len, sizeof c->path - len, "%slocation", len ? "." : "");
    vg_err e = only(c, o, allowed);
    if (!e && !(e = opt_string(c, o, "address", VG_LIM_ADDRESS, &l->address)))
        e = opt_postcode(c, o, &l->postcode);
    json_t *lat = json_object_get(o, "lat"), *lon = json_object_get(o, "lon");
    if (!e && (lat || lon)) {
        if (!json_is_number(lat) || !json_is_number(lon))
            e = bad(c, lat ? "lon" : "lat", "lat and lon must both be numbers");
        else {
            l->lat = json_number_value(lat);
            l->lon = json_number_value(lon);
            l->has_coords = true;
            if (!(l->lat >= 49.0 && l->lat <= 61.0))
                e = bad(c, "lat", "%g is outside the United Kingdom (49 to 61)", l->lat);
            else if (!(l->lon >= -9.0 && l->lon <= 2.5))
                e = bad(c, "lon", "%g is outside the United Kingdom (-9 to 2.5)", l->lon);
        }
    }
    if (!e && !l->address && !l->postcode && !l->has_coords)
        e = bad(c, "address", "a location needs an address, a postcode or lat and lon");
    c->path[len] = '\0';
    return e;
}

vg_err vg_incident_draft_from_json(const json_t *j, const char *source, const char *path, vg_incident_draft *d,
                                   vg_error *err)
{
    static const char *const allowed[] = {"received", "category", "offence_code", "channel", "thrive", "description",
                                          "location", "people", NULL};
    ctx c = {source, "", err};
    snprintf(c.path, sizeof c.path, "%s", path);
    vg_incident_draft_init(d);
    if (!json_is_object(j))
        return bad(&c, "", "an incident must be an object");
    vg_err e = only(&c, j, allowed);
    if (e)
        return e;
    json_t *rec = json_object_get(j, "received");
    if (!rec)
        return bad(&c, "received", "required (ISO 8601 date and time)");
    if (!json_is_string(rec) || !vg_time_parse(vg_str_c(json_string_value(rec)), &d->received))
        return bad(&c, "received", "must be an ISO 8601 date and time, e.g. 2014-06-01T10:00:00Z");
    json_t *cat = json_object_get(j, "category");
    if (!cat)
        return bad(&c, "category", "required");
    if (!json_is_string(cat) || !vg_category_parse(json_string_value(cat), &d->category))
        return bad(&c, "category",
                   "must be asb_personal, asb_nuisance, asb_environmental, crime, public_safety, transport or admin");
    json_t *code = json_object_get(j, "offence_code");
    if (code && !json_is_null(code)) {
        if (d->category != VG_CAT_CRIME)
            return bad(&c, "offence_code", "only for category crime");
        const vg_offence *o = json_is_string(code) ? vg_offence_find(json_string_value(code)) : NULL;
        if (!o)
            return bad(&c, "offence_code", "not a Home Office offence code");
        if (!vg_offence_valid_on(o, vg_time_date(d->received)))
            return bad(&c, "offence_code", "%s was not in use on the day received", o->code);
        snprintf(d->offence_code, sizeof d->offence_code, "%s", o->code);
    }
    json_t *ch = json_object_get(j, "channel");
    if (ch && !json_is_null(ch) && (!json_is_string(ch) || !vg_channel_parse(json_string_value(ch), &d->channel)))
        return bad(&c, "channel", "must be 999, 101, online, front_counter, partner or officer");
    json_t *th = json_object_get(j, "thrive");
    if (th && !json_is_null(th) && (!json_is_string(th) || !vg_thrive_parse(json_string_value(th), &d->thrive)))
        return bad(&c, "thrive", "must be immediate, priority, scheduled, no_deployment or ungraded");
    if ((e = opt_string(&c, j, "description", VG_LIM_DESCRIPTION, &d->description)))
        return e;
    json_t *loc = json_object_get(j, "location");
    if (loc && !json_is_null(loc)) {
        d->has_location = true;
        if ((e = parse_location(&c, loc, &d->location)))
            return e;
    }
    json_t *people = json_object_get(j, "people");
    if (people && !json_is_null(people)) {
        if (!json_is_array(people))
            return bad(&c, "people", "must be an array");
        if (json_array_size(people) > VG_DRAFT_MAX_PEOPLE)
            return bad(&c, "people", "at most %d people in one incident", VG_DRAFT_MAX_PEOPLE);
        size_t i;
        json_t *p;
        size_t len = strlen(c.path);
        json_array_foreach(people, i, p) {
            snprintf(c.path + len, sizeof c.path - len, "%speople[%zu]", len ? "." : "", i);
            d->n_people = i + 1;
            if ((e = parse_person(&c, p, &d->people[i])))
                return e;
        }
        c.path[len] = '\0';
    }
    return VG_OK;
}

void vg_incident_drafts_free(vg_incident_draft *d, size_t n)
{
    if (!d)
        return;
    for (size_t i = 0; i < n; i++)
        vg_incident_draft_clear(&d[i]);
    vg_free(d);
}

vg_err vg_incident_drafts_parse(const char *text, size_t len, const char *source, vg_incident_draft **out, size_t *n,
                                vg_error *err)
{
    *out = NULL;
    *n = 0;
    json_error_t je;
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
    if (!root) {
        char where[256];
        snprintf(where, sizeof where, "%s:%d:%d", source, je.line, je.column);
        return vg_error_set(err, VG_ERR_INVALID_INPUT, where, "%s", je.text);
    }
    bool array = json_is_array(root);
    size_t count = array ? json_array_size(root) : 1;
    vg_err e = VG_OK;
    if (array && count == 0)
        e = vg_error_set(err, VG_ERR_INVALID_INPUT, source, "the array holds no incidents");
    else if (count > VG_DRAFTS_MAX)
        e = vg_error_set(err, VG_ERR_TOO_LARGE, source, "more than %d incidents in one request", VG_DRAFTS_MAX);
    vg_incident_draft *d = e ? NULL : vg_calloc(count, sizeof *d);
    if (!e && !d)
        e = vg_error_set(err, VG_ERR_NOMEM, source, "out of memory");
    size_t done = 0;
    for (size_t i = 0; !e && i < count; i++) {
        char path[32] = "";
        if (array)
            snprintf(path, sizeof path, "[%zu]", i);
        e = vg_incident_draft_from_json(array ? json_array_get(root, i) : root, source, path, &d[i], err);
        done = i + 1;
    }
    json_decref(root);
    if (e) {
        vg_incident_drafts_free(d, done);
        return e;
    }
    *out = d;
    *n = count;
    return VG_OK;
}

/* ---- output */

/* The trees are the written JSON read back: one definition of each. Probabilities to 6
 * decimal places (what the number can honestly carry), weights to 2. */

json_t *vg_candidate_to_json(const vg_candidate *c)
{
    vg_json_writer w = {0};
    vg_candidate_write(&w, c);
    char *text = vg_jw_finish(&w, NULL);
    json_t *j = text ? json_loads(text, 0, NULL) : NULL;
    free(text);
    return j;
}

void vg_candidate_write(vg_json_writer *w, const vg_candidate *c)
{
    vg_jw_raw(w, "{\"person_id\":");
    vg_jw_int(w, (json_int_t)c->person_id);
    vg_jw_raw(w, ",\"resolved_person_id\":");
    vg_jw_int(w, (json_int_t)(c->resolved_id ? c->resolved_id : c->person_id));
    vg_jw_raw(w, ",\"records\":");
    vg_jw_int(w, (json_int_t)(c->n_records > 0 ? c->n_records : 1));
    vg_jw_raw(w, ",\"probability\":");
    vg_jw_real(w, round(c->probability * 1e6) / 1e6);
    vg_jw_raw(w, ",\"band\":");
    vg_jw_string(w, vg_match_band_name(c->band));
    char evidence[512];
    vg_match_evidence(c->level, evidence, sizeof evidence);
    vg_jw_raw(w, ",\"evidence\":");
    vg_jw_string(w, evidence);
    vg_jw_raw(w, ",\"given_names\":");
    vg_jw_string(w, c->given);
    vg_jw_raw(w, ",\"family_name\":");
    vg_jw_string(w, c->family);
    vg_jw_raw(w, ",\"dob\":");
    if (c->dob == VG_DATE_NONE) {
        vg_jw_raw(w, "null");
    } else {
        char d[VG_DATE_LEN];
        vg_date_format(c->dob, d);
        vg_jw_string(w, d);
    }
    vg_jw_raw(w, ",\"explanation\":[");
    for (int f = 0; f < VG_MF_COUNT; f++) {
        vg_jw_raw(w, f ? ",{\"field\":" : "{\"field\":");
        vg_jw_string(w, vg_match_field_name((vg_match_field)f));
        vg_jw_raw(w, ",\"comparison\":");
        vg_jw_string(w, vg_match_level_name((vg_match_field)f, c->level[f]));
        vg_jw_raw(w, ",\"weight\":");
        vg_jw_real(w, round(c->contrib[f] * 100) / 100);
        vg_jw_raw(w, "}");
    }
    vg_jw_raw(w, "]}");
}

static json_t *reasons(const char (*r)[VG_BRIEF_REASON_LEN], int n)
{
    json_t *a = json_array();
    for (int i = 0; a && i < n; i++)
        if (json_array_append_new(a, json_string(r[i]))) {
            json_decref(a);
            return NULL;
        }
    return a;
}

void vg_person_briefing_write(vg_json_writer *w, const vg_person_briefing *p)
{
    const vg_person_flags *f = &p->flags;
    vg_jw_raw(w, "{\"role\":");
    vg_jw_string(w, vg_role_name(p->role));
    vg_jw_raw(w, ",\"person_id\":");
    vg_jw_int(w, (json_int_t)p->person_id);
    vg_jw_raw(w, ",\"match_probability\":");
    vg_jw_real(w, round(p->match_probability * 1e6) / 1e6);
    vg_jw_raw(w, p->new_person ? ",\"new_person\":true" : ",\"new_person\":false");
    vg_jw_raw(w, p->choice == VG_CHOICE_CHOSEN           ? ",\"decided_by\":\"call handler: this person\""
                 : p->choice == VG_CHOICE_NONE_OF_THESE ? ",\"decided_by\":\"call handler: none of these\""
                                                       : ",\"decided_by\":\"match\"");
    vg_jw_raw(w, ",\"name\":");
    vg_jw_string(w, p->name);
    vg_jw_raw(w, ",\"also_known_as\":");
    vg_jw_string(w, p->aliases);
    vg_jw_raw(w, ",\"records\":");
    vg_jw_int(w, (json_int_t)p->n_records);
    vg_jw_raw(w, f->repeat_victim ? ",\"repeat_victim\":true" : ",\"repeat_victim\":false");
    vg_jw_raw(w, ",\"prior_incidents_12m\":");
    vg_jw_int(w, (json_int_t)f->incidents_12m);
    vg_jw_raw(w, ",\"prior_crimes_12m\":");
    vg_jw_int(w, (json_int_t)f->crimes_12m);
    vg_jw_raw(w, ",\"prior_by_role_12m\":{");
    for (int r = 0; r < VG_ROLE_COUNT; r++) {
        vg_jw_raw(w, r ? "," : "");
        vg_jw_string(w, vg_role_name((vg_role)r));
        vg_jw_raw(w, ":");
        vg_jw_int(w, (json_int_t)f->by_role_12m[r]);
    }
    vg_jw_raw(w, "},\"prior_asb_as_victim_or_caller_12m\":");
    vg_jw_int(w, (json_int_t)f->asb_12m);
    vg_jw_raw(w, ",\"prior_victimisations_12m\":");
    vg_jw_int(w, (json_int_t)f->victimisations_12m);
    vg_jw_raw(w, f->vulnerable ? ",\"vulnerable\":true" : ",\"vulnerable\":false");
    vg_jw_raw(w, ",\"open_investigations\":");
    vg_jw_int(w, (json_int_t)f->open_investigations);
    vg_jw_raw(w, ",\"reasons\":[");
    for (int i = 0; i < f->n_reasons; i++) {
        vg_jw_raw(w, i ? "," : "");
        vg_jw_string(w, f->reasons[i]);
    }
    vg_jw_raw(w, "]");
    if (p->has_match) {
        vg_jw_raw(w, p->new_person ? ",\"best_candidate\":" : ",\"matched\":");
        vg_candidate_write(w, &p->match);
    }
    vg_jw_raw(w, "}");
}

/* The tree of one person of a briefing: the written JSON read back (one definition). */
static json_t *person_json(const vg_person_briefing *p)
{
    vg_json_writer w = {0};
    vg_person_briefing_write(&w, p);
    char *text = vg_jw_finish(&w, NULL);
    json_t *j = text ? json_loads(text, 0, NULL) : NULL;
    free(text);
    return j;
}

json_t *vg_briefing_to_json(const vg_briefing *b)
{
    json_t *people = json_array();
    for (size_t i = 0; people && i < b->n_people; i++) {
        json_t *p = person_json(&b->people[i]);
        if (!p || json_array_append_new(people, p)) {
            json_decref(people);
            people = NULL;
        }
    }
    if (!people)
        return NULL;
    char rec[VG_TIME_LEN];
    vg_time_format(b->received, rec);
    json_t *o = json_pack("{s:I, s:s, s:s, s:o}", "incident_id", (json_int_t)b->incident_id, "received", rec, "category",
                          vg_category_name(b->category), "people", people);
    if (o && b->crime_id && json_object_set_new(o, "crime_id", json_integer(b->crime_id))) {
        json_decref(o);
        return NULL;
    }
    json_t *loc = b->has_location
                      ? json_pack("{s:I, s:b, s:I, s:b, s:o}", "location_id", (json_int_t)b->location_id, "new_location",
                                  b->new_location, "prior_incidents_12m", (json_int_t)b->location.incidents_12m,
                                  "repeat_location", b->location.repeat_location, "reasons",
                                  reasons(b->location.reasons, b->location.n_reasons))
                      : json_null();
    if (!o || !loc || json_object_set_new(o, "location", loc)) {
        json_decref(o);
        return NULL;
    }
    return o;
}
