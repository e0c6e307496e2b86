/* pole.c - names of coded values, marker codes, and record constructors/destructors. */
#include "domain/pole.h"
#include "base/alloc.h"
#include "base/str.h"

#include <stdio.h>
#include <string.h>

static const char *const gender_names[VG_GENDER_COUNT] = {"unknown", "male", "female", "other"};
static const char *const role_names[VG_ROLE_COUNT] = {"caller", "victim", "witness", "suspect", "offender"};
static const char *const contact_names[VG_CONTACT_COUNT] = {"phone", "email", "other"};
static const char *const marker_kind_names[VG_MARKER_COUNT] = {"vulnerability", "warning"};
static const char *const place_names[VG_PLACE_COUNT] = {"home", "previous_home", "work", "other"};
static const char *const location_kind_names[VG_LOC_COUNT] = {"address", "street", "place", "point"};
static const char *const object_names[VG_OBJ_COUNT] = {"vehicle", "phone", "device", "other"};
static const char *const channel_names[VG_CHANNEL_COUNT] = {"999", "101", "online", "front_counter", "partner", "officer"};
static const char *const category_names[VG_CAT_COUNT] = {
    "asb_personal", "asb_nuisance", "asb_environmental", "crime", "public_safety", "transport", "admin"};
static const char *const thrive_names[VG_THRIVE_COUNT] = {"ungraded", "immediate", "priority", "scheduled", "no_deployment"};
static const char *const status_names[VG_CRIME_STATUS_COUNT] = {"recorded", "transferred", "cancelled"};
static const char *const area_kind_names[VG_AREA_KIND_COUNT] = {"local_authority", "neighbourhood"};
static const char *const tier_names[VG_TIER_COUNT] = {"", "county", "district", "unitary"};

static const char *name_of(const char *const *names, int count, int v)
{
    return (v >= 0 && v < count) ? names[v] : "?";
}

static bool parse_in(const char *const *names, int count, const char *s, int *out)
{
    if (!s)
        return false;
    for (int i = 0; i < count; i++)
        if (strcmp(names[i], s) == 0) {
            *out = i;
            return true;
        }
    return false;
}


const char *vg_gender_name(vg_gender v) { return name_of(gender_names, VG_GENDER_COUNT, (int)v); }
bool vg_gender_parse(const char *s, vg_gender *out)
{
    int v;
    return parse_in(gender_names, VG_GENDER_COUNT, s, &v) && (*out = (vg_gender)v, true);
}

const char *vg_role_name(vg_role v) { return name_of(role_names, VG_ROLE_COUNT, (int)v); }
const char *vg_role_label(vg_role v)
{
    static const char *const labels[VG_ROLE_COUNT] = {"Caller", "Victim", "Witness", "Suspect", "Offender"};
    return v >= 0 && v < VG_ROLE_COUNT ? labels[v] : "?";
}
bool vg_role_parse(const char *s, vg_role *out)
{
    int v;
    return parse_in(role_names, VG_ROLE_COUNT, s, &v) && (*out = (vg_role)v, true);
}

const char *vg_contact_kind_name(vg_contact_kind v) { return name_of(contact_names, VG_CONTACT_COUNT, (int)v); }
bool vg_contact_kind_parse(const char *s, vg_contact_kind *out)
{
    int v;
    return parse_in(contact_names, VG_CONTACT_COUNT, s, &v) && (*out = (vg_contact_kind)v, true);
}

const char *vg_marker_kind_name(vg_marker_kind v) { return name_of(marker_kind_names, VG_MARKER_COUNT, (int)v); }
bool vg_marker_kind_parse(const char *s, vg_marker_kind *out)
{
    int v;
    return parse_in(marker_kind_names, VG_MARKER_COUNT, s, &v) && (*out = (vg_marker_kind)v, true);
}

const char *vg_place_kind_name(vg_place_kind v) { return name_of(place_names, VG_PLACE_COUNT, (int)v); }
bool vg_place_kind_parse(const char *s, vg_place_kind *out)
{
    int v;
    return parse_in(place_names, VG_PLACE_COUNT, s, &v) && (*out = (vg_place_kind)v, true);
}

const char *vg_location_kind_name(vg_location_kind v) { return name_of(location_kind_names, VG_LOC_COUNT, (int)v); }
bool vg_location_kind_parse(const char *s, vg_location_kind *out)
{
    int v;
    return parse_in(location_kind_names, VG_LOC_COUNT, s, &v) && (*out = (vg_location_kind)v, true);
}

const char *vg_object_kind_name(vg_object_kind v) { return name_of(object_names, VG_OBJ_COUNT, (int)v); }
bool vg_object_kind_parse(const char *s, vg_object_kind *out)
{
    int v;
    return parse_in(object_names, VG_OBJ_COUNT, s, &v) && (*out = (vg_object_kind)v, true);
}

const char *vg_channel_name(vg_channel v) { return name_of(channel_names, VG_CHANNEL_COUNT, (int)v); }
bool vg_channel_parse(const char *s, vg_channel *out)
{
    int v;
    return parse_in(channel_names, VG_CHANNEL_COUNT, s, &v) && (*out = (vg_channel)v, true);
}

const char *vg_category_name(vg_category v) { return name_of(category_names, VG_CAT_COUNT, (int)v); }
bool vg_category_parse(const char *s, vg_category *out)
{
    int v;
    return parse_in(category_names, VG_CAT_COUNT, s, &v) && (*out = (vg_category)v, true);
}

const char *vg_thrive_name(vg_thrive v) { return name_of(thrive_names, VG_THRIVE_COUNT, (int)v); }
bool vg_thrive_parse(const char *s, vg_thrive *out)
{
    int v;
    return parse_in(thrive_names, VG_THRIVE_COUNT, s, &v) && (*out = (vg_thrive)v, true);
}

const char *vg_crime_status_name(vg_crime_status v) { return name_of(status_names, VG_CRIME_STATUS_COUNT, (int)v); }
const char *vg_crime_status_label(vg_crime_status v)
{
    static const char *const labels[VG_CRIME_STATUS_COUNT] = {"Recorded", "Transferred", "Cancelled"};
    return name_of(labels, VG_CRIME_STATUS_COUNT, (int)v);
}
bool vg_crime_status_parse(const char *s, vg_crime_status *out)
{
    int v;
    return parse_in(status_names, VG_CRIME_STATUS_COUNT, s, &v) && (*out = (vg_crime_status)v, true);
}

const char *vg_area_kind_name(vg_area_kind v) { return name_of(area_kind_names, VG_AREA_KIND_COUNT, (int)v); }
bool vg_area_kind_parse(const char *s, vg_area_kind *out)
{
    int v;
    return parse_in(area_kind_names, VG_AREA_KIND_COUNT, s, &v) && (*out = (vg_area_kind)v, true);
}

const char *vg_la_tier_name(vg_la_tier v) { return name_of(tier_names, VG_TIER_COUNT, (int)v); }
bool vg_la_tier_parse(const char *s, vg_la_tier *out)
{
    int v;
    return parse_in(tier_names, VG_TIER_COUNT, s, &v) && (*out = (vg_la_tier)v, true);
}

bool vg_category_is_asb(vg_category v)
{
    return v == VG_CAT_ASB_PERSONAL || v == VG_CAT_ASB_NUISANCE || v == VG_CAT_ASB_ENVIRONMENTAL;
}

/* Warning markers follow the PNC warning-signal headings; vulnerability markers are the
 * factors call handlers and officers record. Labels are for display. */
static const vg_marker_code marker_codes[] = {
    {"VI", VG_MARKER_WARNING, "Violent"},
    {"WE", VG_MARKER_WARNING, "Weapons"},
    {"FI", VG_MARKER_WARNING, "Firearms"},
    {"DR", VG_MARKER_WARNING, "Drugs"},
    {"ES", VG_MARKER_WARNING, "Escaper"},
    {"CO", VG_MARKER_WARNING, "Contagious"},
    {"SH", VG_MARKER_WARNING, "Self-harm"},
    {"AG", VG_MARKER_WARNING, "Alleges"},
    {"MH", VG_MARKER_VULNERABILITY, "Mental health"},
    {"LD", VG_MARKER_VULNERABILITY, "Learning disability"},
    {"PD", VG_MARKER_VULNERABILITY, "Physical disability or long-term illness"},
    {"EL", VG_MARKER_VULNERABILITY, "Elderly and frail"},
    {"DA", VG_MARKER_VULNERABILITY, "Domestic abuse victim"},
    {"SU", VG_MARKER_VULNERABILITY, "Substance misuse"},
    {"IS", VG_MARKER_VULNERABILITY, "Socially isolated"},
    {"CS", VG_MARKER_VULNERABILITY, "Child at risk of sexual exploitation"},
    {"HC", VG_MARKER_VULNERABILITY, "Targeted for hate"},
};

const vg_marker_code *vg_marker_codes(size_t *count)
{
    *count = sizeof marker_codes / sizeof marker_codes[0];
    return marker_codes;
}

const vg_marker_code *vg_marker_code_find(const char *code)
{
    for (size_t i = 0; i < sizeof marker_codes / sizeof marker_codes[0]; i++)
        if (code && strcmp(marker_codes[i].code, code) == 0)
            return &marker_codes[i];
    return NULL;
}

/* ---- records */

vg_err vg_set_str(char **field, const char *value)
{
    char *c = NULL;
    if (value && !(c = vg_strdup(value)))
        return VG_ERR_NOMEM;
    vg_free(*field);
    *field = c;
    return VG_OK;
}

void vg_area_init(vg_area *a)
{
    memset(a, 0, sizeof *a);
    a->population = -1;
    a->households = -1;
}

void vg_area_clear(vg_area *a)
{
    vg_free(a->code);
    vg_free(a->name);
    vg_area_init(a);
}

void vg_person_init(vg_person *p)
{
    memset(p, 0, sizeof *p);
    p->dob = VG_DATE_NONE;
    p->created_at = VG_TIME_NONE;
}

void vg_person_clear(vg_person *p)
{
    vg_free(p->family_name);
    vg_free(p->given_names);
    for (size_t i = 0; i < p->n_aliases; i++) {
        vg_free(p->aliases[i].family_name);
        vg_free(p->aliases[i].given_names);
    }
    vg_free(p->aliases);
    for (size_t i = 0; i < p->n_contacts; i++)
        vg_free(p->contacts[i].value);
    vg_free(p->contacts);
    for (size_t i = 0; i < p->n_markers; i++) {
        vg_free(p->markers[i].code);
        vg_free(p->markers[i].detail);
    }
    vg_free(p->markers);
    vg_person_init(p);
}

void vg_person_free(vg_person *p)
{
    if (!p)
        return;
    vg_person_clear(p);
    vg_free(p);
}

/* Grows an array of elem-sized items by one; returns the new slot or NULL. */
static void *grow_one(void **arr, size_t *n, size_t elem)
{
    void *a = vg_realloc(*arr, (*n + 1) * elem);
    if (!a)
        return NULL;
    *arr = a;
    void *slot = (char *)a + *n * elem;
    memset(slot, 0, elem);
    return slot;
}

vg_err vg_person_add_alias(vg_person *p, const char *family, const char *given, vg_date dob)
{
    char *f = NULL, *g = NULL;
    if ((family && !(f = vg_strdup(family))) || (given && !(g = vg_strdup(given))))
        goto nomem;
    vg_alias *a = grow_one((void **)&p->aliases, &p->n_aliases, sizeof *a);
    if (!a)
        goto nomem;
    *a = (vg_alias){f, g, dob};
    p->n_aliases++;
    return VG_OK;
nomem:
    vg_free(f);
    vg_free(g);
    return VG_ERR_NOMEM;
}

vg_err vg_person_add_contact(vg_person *p, vg_contact_kind kind, const char *value)
{
    char *v = vg_strdup(value ? value : "");
    if (!v)
        return VG_ERR_NOMEM;
    vg_contact *c = grow_one((void **)&p->contacts, &p->n_contacts, sizeof *c);
    if (!c) {
        vg_free(v);
        return VG_ERR_NOMEM;
    }
    *c = (vg_contact){kind, v};
    p->n_contacts++;
    return VG_OK;
}

vg_err vg_person_add_marker(vg_person *p, vg_marker_kind kind, const char *code, const char *detail,
                            vg_date from, vg_date to)
{
    char *c = vg_strdup(code ? code : ""), *d = NULL;
    if (!c || (detail && !(d = vg_strdup(detail))))
        goto nomem;
    vg_marker *m = grow_one((void **)&p->markers, &p->n_markers, sizeof *m);
    if (!m)
        goto nomem;
    *m = (vg_marker){kind, c, d, from, to};
    p->n_markers++;
    return VG_OK;
nomem:
    vg_free(c);
    vg_free(d);
    return VG_ERR_NOMEM;
}

vg_err vg_parties_add(vg_party **parties, size_t *n, vg_id person_id, vg_role role)
{
    vg_party *s = grow_one((void **)parties, n, sizeof *s);
    if (!s)
        return VG_ERR_NOMEM;
    *s = (vg_party){person_id, role};
    (*n)++;
    return VG_OK;
}

void vg_location_init(vg_location *l) { memset(l, 0, sizeof *l); }

void vg_location_clear(vg_location *l)
{
    char **fields[] = {&l->flat, &l->number, &l->building, &l->street, &l->locality,
                       &l->town, &l->postcode, &l->lsoa_code, &l->lsoa_name};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        vg_free(*fields[i]);
    vg_location_init(l);
}

void vg_location_free(vg_location *l)
{
    if (!l)
        return;
    vg_location_clear(l);
    vg_free(l);
}

void vg_object_init(vg_object *o) { memset(o, 0, sizeof *o); }

void vg_object_clear(vg_object *o)
{
    vg_free(o->identifier);
    vg_free(o->description);
    vg_object_init(o);
}

void vg_incident_init(vg_incident *i)
{
    memset(i, 0, sizeof *i);
    i->received_at = VG_TIME_NONE;
    i->closed_at = VG_TIME_NONE;
}

void vg_incident_clear(vg_incident *i)
{
    vg_free(i->reference);
    vg_free(i->asb_type);
    vg_free(i->narrative);
    vg_free(i->parties);
    vg_incident_init(i);
}

void vg_incident_free(vg_incident *i)
{
    if (!i)
        return;
    vg_incident_clear(i);
    vg_free(i);
}

void vg_crime_init(vg_crime *c)
{
    memset(c, 0, sizeof *c);
    c->committed_at = VG_TIME_NONE;
    c->recorded_at = VG_TIME_NONE;
    c->outcome_at = VG_TIME_NONE;
    c->review_due = c->needs_due = c->outcome_due = VG_TIME_NONE;
}

void vg_crime_clear(vg_crime *c)
{
    vg_free(c->reference);
    vg_free(c->parties);
    vg_crime_init(c);
}

void vg_crime_free(vg_crime *c)
{
    if (!c)
        return;
    vg_crime_clear(c);
    vg_free(c);
}

const char *vg_category_label(vg_category v)
{
    static const char *const labels[VG_CAT_COUNT] = {"ASB: personal", "ASB: nuisance", "ASB: environmental", "Crime",
                                                     "Public safety", "Transport", "Administration"};
    return v < VG_CAT_COUNT ? labels[v] : "?";
}

/* Appends part after sep; words capitalised unless a postcode (stored addresses are
 * folded to lower case for matching: "high street" is shown "High Street"). */
static void line_add(char *out, size_t n, size_t *len, const char *sep, const char *part)
{
    if (!part || !*part || *len >= n)
        return;
    size_t start = *len;
    int w = snprintf(out + *len, n - *len, "%s%s", *len ? sep : "", part);
    if (w > 0)
        *len += (size_t)w < n - *len ? (size_t)w : n - *len - 1;
    bool word = true;
    for (size_t i = start; i < *len; i++) {
        char c = out[i];
        if (word && c >= 'a' && c <= 'z')
            out[i] = (char)(c - 'a' + 'A');
        word = c == ' ' || c == '-' || c == ',' || c == '(';
    }
}

void vg_location_line(const vg_location *l, char *out, size_t n)
{
    if (!n)
        return;
    out[0] = '\0';
    size_t len = 0;
    line_add(out, n, &len, ", ", l->flat);
    line_add(out, n, &len, ", ", l->building);
    if (l->number && *l->number && l->street && *l->street) {
        char ns[512];
        snprintf(ns, sizeof ns, "%s %s", l->number, l->street);
        line_add(out, n, &len, ", ", ns);
    } else {
        line_add(out, n, &len, ", ", l->number);
        line_add(out, n, &len, ", ", l->street);
    }
    line_add(out, n, &len, ", ", l->locality);
    line_add(out, n, &len, ", ", l->town);
    line_add(out, n, &len, " ", l->postcode);
    size_t bad;
    if (len && !vg_utf8_valid(out, len, &bad)) /* a part cut short mid-character */
        out[bad] = '\0';
    if (!len && l->has_wgs84)
        snprintf(out, n, "near %.5f, %.5f", l->lat, l->lon);
}
