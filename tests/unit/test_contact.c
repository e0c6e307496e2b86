/* test_contact.c - first contact end to end on a real SQLite store: incident JSON
 * validation, three ASB calls from one person spelt three ways (the third briefing says
 * repeat victim), a namesake kept apart, places, crimes, and no partial writes. */
#include "testutil.h"

#include "base/alloc.h"
#include "io/contact_json.h"
#include "service/service.h"

#include <math.h>
#include <time.h>

static vg_actor op; /* the operator, as the command line calls the service */

static void rejects(const char *json, const char *where_part, const char *why_part)
{
    vg_incident_draft *d;
    size_t n;
    vg_error err;
    vg_error_clear(&err);
    vg_err e = vg_incident_drafts_parse(json, strlen(json), "in.json", &d, &n, &err);
    if (e != VG_ERR_INVALID_INPUT && e != VG_ERR_TOO_LARGE)
        fail_msg("accepted: %s", json);
    if (!strstr(err.where, where_part) || !strstr(err.why, why_part))
        fail_msg("%s -> \"%s: %s\", want where ~ %s, why ~ %s", json, err.where, err.why, where_part, why_part);
}

static void test_json_validation(void **state)
{
    (void)state;
    rejects("{", "in.json:1:", "");
    rejects("[]", "in.json", "no incidents");
    rejects("{\"category\":\"asb_personal\"}", "in.json: received", "required");
    rejects("{\"received\":\"yesterday\",\"category\":\"asb_personal\"}", "received", "ISO 8601");
    rejects("{\"received\":\"2014-06-01T10:00:00Z\"}", "category", "required");
    rejects("{\"received\":\"2014-06-01T10:00:00Z\",\"category\":\"asb\"}", "category", "asb_personal");
    rejects("{\"received\":\"2014-06-01T10:00:00Z\",\"category\":\"asb_personal\",\"offence_code\":\"28E\"}",
            "offence_code", "only for category crime");
    rejects("{\"received\":\"2014-06-01T10:00:00Z\",\"category\":\"crime\",\"offence_code\":\"99Z\"}", "offence_code",
            "not a Home Office");
    rejects("{\"received\":\"2014-06-01T10:00:00Z\",\"category\":\"crime\",\"offence_code\":\"28E\"}", "offence_code",
            "not in use on the day"); /* residential burglary codes start in 2017 */
    rejects("{\"received\":\"2014-06-01T10:00:00Z\",\"category\":\"crime\",\"colour\":\"red\"}", "colour", "unknown field");
    rejects("[{\"received\":\"2014-06-01T10:00:00Z\",\"category\":\"crime\"},"
            "{\"received\":\"2014-06-01T10:00:00Z\",\"category\":\"crime\",\"people\":[{\"role\":\"victim\",\"name\":\"A B\"},"
            "{\"role\":\"victim\",\"name\":\"C D\",\"dob\":\"1980-02-30\"}]}]",
            "in.json: [1].people[1].dob", "YYYY-MM-DD");
    rejects("{\"received\":\"2014-06-01T10:00:00Z\",\"category\":\"crime\",\"people\":[{\"name\":\"A B\"}]}",
            "people[0].role", "required");
    rejects("{\"received\":\"2014-06-01T10:00:00Z\",\"category\":\"crime\",\"people\":[{\"role\":\"victim\"}]}",
            "people[0].name", "a name or a phone");
    rejects("{\"received\":\"2014-06-01T10:00:00Z\",\"category\":\"crime\",\"people\":[{\"role\":\"victim\",\"name\":\"A\","
            "\"phone\":\"12\"}]}",
            "people[0].phone", "not a telephone number");
    rejects("{\"received\":\"2014-06-01T10:00:00Z\",\"category\":\"crime\",\"location\":{\"postcode\":\"ZZZ\"}}",
            "location.postcode", "not a UK postcode");
    rejects("{\"received\":\"2014-06-01T10:00:00Z\",\"category\":\"crime\",\"location\":{\"lat\":51.0}}", "location.lon",
            "both be numbers");
    rejects("{\"received\":\"2014-06-01T10:00:00Z\",\"category\":\"crime\",\"location\":{\"lat\":40.0,\"lon\":-1}}",
            "location.lat", "outside the United Kingdom");
    rejects("{\"received\":\"2014-06-01T10:00:00Z\",\"category\":\"crime\",\"location\":{}}", "location.address",
            "a location needs");
    rejects("{\"received\":\"2014-06-01T10:00:00Z\",\"category\":\"crime\",\"people\":[{\"role\":\"victim\",\"name\":\"A\","
            "\"markers\":[\"XX\"]}]}",
            "people[0].markers", "not a marker code");
    rejects("{\"received\":\"2014-06-01T10:00:00Z\",\"received\":\"2014-06-01T10:00:00Z\",\"category\":\"crime\"}",
            "in.json:1:", "duplicate");

    const char *ok = "{\"received\":\"2014-06-01T10:00:00+01:00\",\"category\":\"crime\",\"offence_code\":\"28A\","
                     "\"channel\":\"999\",\"description\":\"  door forced  \",\"location\":{\"address\":\"14 High St\","
                     "\"postcode\":\"wx123ab\",\"lat\":51.06,\"lon\":-1.31},\"people\":[{\"role\":\"victim\",\"name\":"
                     "\"Ms Siobh\\u00e1n O'Brien\",\"dob\":\"1984-02-11\",\"phone\":\"07700 900111\",\"markers\":[\"MH\"]}]}";
    vg_incident_draft *d;
    size_t n;
    vg_error err;
    assert_int_equal(vg_incident_drafts_parse(ok, strlen(ok), "in.json", &d, &n, &err), VG_OK);
    assert_int_equal(n, 1);
    assert_int_equal(d[0].category, VG_CAT_CRIME);
    assert_string_equal(d[0].offence_code, "28A");
    assert_string_equal(d[0].description, "door forced");
    assert_string_equal(d[0].location.postcode, "WX12 3AB");
    assert_true(d[0].location.has_coords);
    assert_int_equal(d[0].n_people, 1);
    assert_int_equal(d[0].people[0].n_markers, 1);
    char s[VG_TIME_LEN];
    vg_time_format(d[0].received, s);
    assert_string_equal(s, "2014-06-01T09:00:00Z");
    vg_incident_drafts_free(d, n);
}

static vg_service *open_fresh(char *path, size_t n)
{
    tu_temp_path(path, n, "contact");
    vg_service *svc;
    vg_error err;
    assert_int_equal(vg_service_open(path, VG_SERVICE_CREATE, &svc, &err), VG_OK);
    return svc;
}

/* Records one incident from JSON; returns its briefing (caller frees). */
static vg_briefing *record(vg_service *svc, const char *json)
{
    vg_incident_draft *d;
    size_t n;
    vg_error err;
    vg_error_clear(&err);
    if (vg_incident_drafts_parse(json, strlen(json), "t", &d, &n, &err))
        fail_msg("%s: %s", err.where, err.why);
    vg_briefing *b = vg_calloc(n, sizeof *b);
    assert_non_null(b);
    if (vg_service_record_incidents(svc, &op, d, n, b, &err))
        fail_msg("record: %s: %s", err.where, err.why);
    vg_incident_drafts_free(d, n);
    return b;
}

static void test_third_asb_call_spelt_differently_is_repeat(void **state)
{
    (void)state;
    char path[256];
    vg_service *svc = open_fresh(path, sizeof path);
    /* someone else entirely, and a namesake: same name, other date of birth and address */
    vg_briefing *b0 = record(svc, "{\"received\":\"2014-01-02T09:00:00Z\",\"category\":\"asb_nuisance\","
                                  "\"people\":[{\"role\":\"caller\",\"name\":\"Margaret O'Neill\",\"dob\":\"1931-10-12\","
                                  "\"address\":\"3 Low Road\",\"postcode\":\"WX99 1ZZ\"},"
                                  "{\"role\":\"witness\",\"name\":\"Tom Baker\",\"dob\":\"1970-01-20\"}]}");
    vg_briefing *b1 = record(svc, "{\"received\":\"2014-01-10T20:15:00Z\",\"category\":\"asb_personal\","
                                  "\"location\":{\"address\":\"14 High St\",\"postcode\":\"WX12 3AB\"},"
                                  "\"people\":[{\"role\":\"victim\",\"name\":\"Margaret O'Neill\",\"dob\":\"1961-04-07\","
                                  "\"phone\":\"07700 900222\",\"address\":\"14 High St\",\"postcode\":\"WX12 3AB\"}]}");
    assert_true(b1->people[0].new_person);
    assert_true(b1->people[0].person_id != b0->people[0].person_id); /* the namesake is not merged */
    assert_false(b1->people[0].flags.repeat_victim);
    assert_true(b1->has_location);
    assert_true(b1->new_location);
    /* the second call: nickname, day and month swapped, the number written another way */
    vg_briefing *b2 = record(svc, "{\"received\":\"2014-03-05T18:00:00Z\",\"category\":\"asb_personal\","
                                  "\"location\":{\"address\":\"14 High Street\",\"postcode\":\"wx12 3ab\"},"
                                  "\"people\":[{\"role\":\"caller\",\"name\":\"Peggy ONeill\",\"dob\":\"1961-07-04\","
                                  "\"phone\":\"+44 7700 900222\"}]}");
    assert_false(b2->people[0].new_person);
    assert_int_equal(b2->people[0].person_id, b1->people[0].person_id);
    assert_true(b2->people[0].match_probability >= VG_MATCH_THRESHOLD_DEFAULT);
    assert_int_equal(b2->people[0].flags.asb_12m, 1);
    assert_false(b2->people[0].flags.repeat_victim);
    assert_false(b2->new_location);
    assert_int_equal(b2->location_id, b1->location_id);
    assert_int_equal(b2->location.incidents_12m, 1);
    /* the third: another spelling again, no phone, the address as text */
    vg_briefing *b3 = record(svc, "{\"received\":\"2014-06-01T10:00:00Z\",\"category\":\"asb_nuisance\","
                                  "\"location\":{\"address\":\"14 High Street, Wintoncester WX12 3AB\"},"
                                  "\"people\":[{\"role\":\"victim\",\"given_names\":\"Maggie\",\"family_name\":\"O Neil\","
                                  "\"dob\":\"1961-04-07\",\"address\":\"14 High Street\",\"postcode\":\"WX12 3AB\"}]}");
    assert_false(b3->people[0].new_person);
    assert_int_equal(b3->people[0].person_id, b1->people[0].person_id);
    assert_int_equal(b3->people[0].flags.asb_12m, 2);
    assert_true(b3->people[0].flags.repeat_victim);
    assert_non_null(strstr(b3->people[0].flags.reasons[0], "this is the third"));
    assert_true(b3->location.repeat_location);
    /* the briefing as JSON carries the contract's fields */
    json_t *j = vg_briefing_to_json(b3);
    assert_non_null(j);
    json_t *p0 = json_array_get(json_object_get(j, "people"), 0);
    assert_true(json_is_true(json_object_get(p0, "repeat_victim")));
    assert_int_equal(json_integer_value(json_object_get(p0, "prior_incidents_12m")), 2);
    assert_true(json_is_false(json_object_get(p0, "new_person")));
    assert_true(json_is_true(json_object_get(json_object_get(j, "location"), "repeat_location")));
    json_decref(j);
    /* the briefing is kept with the incident, as it was made */
    char *kept = NULL;
    vg_error kerr;
    assert_int_equal(vg_service_incident_briefing(svc, &op, b3->incident_id, &kept, &kerr), VG_OK);
    assert_non_null(strstr(kept, "this is the third"));
    vg_free(kept);
    assert_int_equal(vg_service_incident_briefing(svc, &op, 9999, &kept, &kerr), VG_ERR_NOT_FOUND);
    /* and the lookup finds her under yet another spelling, with the explanation */
    vg_lookup_result *r = vg_malloc(sizeof *r);
    vg_lookup_request q = {.name = "Margret O'Neil", .dob = VG_DATE_NONE, .phone = "07700900222",
                           .at = b3->received + 60, .category = VG_CAT_ASB_PERSONAL, .role = VG_ROLE_VICTIM, .max = 5};
    vg_error err;
    assert_int_equal(vg_service_lookup(svc, &op, &q, r, &err), VG_OK);
    assert_true(r->n >= 1);
    assert_int_equal(r->cand[0].person_id, b1->people[0].person_id);
    assert_int_equal(r->cand[0].level[VG_MF_PHONE], 0);
    assert_string_equal(r->cand[0].given, "Margaret");
    assert_true(r->has_briefing);
    assert_int_equal(r->briefing.flags.asb_12m, 3);
    /* the API writes the answer straight as text: what it says */
    size_t tl;
    char *text = vg_lookup_json_text(r, &tl);
    assert_non_null(text);
    assert_int_equal(tl, strlen(text));
    json_t *doc = json_loads(text, 0, NULL);
    assert_non_null(doc);
    json_t *cands = json_object_get(doc, "candidates"), *brief = json_object_get(doc, "briefing");
    assert_int_equal(json_array_size(cands), r->n);
    assert_string_equal(json_string_value(json_object_get(json_array_get(cands, 0), "given_names")), "Margaret");
    assert_int_equal(json_integer_value(json_object_get(brief, "person_id")), b1->people[0].person_id);
    assert_int_equal(json_integer_value(json_object_get(brief, "prior_asb_as_victim_or_caller_12m")), 3);
    assert_true(json_is_boolean(json_object_get(brief, "repeat_victim")));
    assert_int_equal(json_array_size(json_object_get(brief, "reasons")), (size_t)r->briefing.flags.n_reasons);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(brief, "matched"), "person_id")),
                     b1->people[0].person_id);
    assert_int_equal(json_object_size(json_object_get(brief, "prior_by_role_12m")), VG_ROLE_COUNT);
    json_decref(doc);
    free(text);
    r->has_briefing = false; /* and without a briefing */
    text = vg_lookup_json_text(r, NULL);
    doc = json_loads(text, 0, NULL);
    assert_non_null(doc);
    assert_true(json_is_null(json_object_get(doc, "briefing")));
    json_decref(doc);
    free(text);
    vg_free(r);
    vg_free(b0);
    vg_free(b1);
    vg_free(b2);
    vg_free(b3);
    vg_service_close(svc);
    tu_remove_db(path);
}

/* An address typed in a call that is not in the address base is placed at the centre of
 * its postcode's known addresses, and says so; one with a position of its own keeps it. */
static void test_new_address_at_postcode_centre(void **state)
{
    (void)state;
    char path[256];
    vg_service *svc = open_fresh(path, sizeof path);
    vg_briefing *a = record(svc, "{\"received\":\"2014-02-01T10:00:00Z\",\"category\":\"asb_nuisance\",\"location\":{"
                                 "\"address\":\"3 Mill Lane\",\"postcode\":\"WX1 2AB\",\"lat\":51.0600,\"lon\":-1.3100}}");
    vg_briefing *b = record(svc, "{\"received\":\"2014-02-01T11:00:00Z\",\"category\":\"asb_nuisance\",\"location\":{"
                                 "\"address\":\"5 Mill Lane\",\"postcode\":\"WX1 2AB\",\"lat\":51.0620,\"lon\":-1.3120}}");
    vg_briefing *c = record(svc, "{\"received\":\"2014-02-01T12:00:00Z\",\"category\":\"asb_nuisance\",\"location\":{"
                                 "\"address\":\"9 Mill Lane\",\"postcode\":\"WX1 2AB\"}}");
    vg_briefing *d = record(svc, "{\"received\":\"2014-02-01T13:00:00Z\",\"category\":\"asb_nuisance\",\"location\":{"
                                 "\"address\":\"1 Nowhere Road\",\"postcode\":\"WX9 9ZZ\"}}");
    assert_true(c->location_id > 0 && c->location_id != a->location_id && c->location_id != b->location_id);
    vg_error err;
    json_t *j;
    assert_int_equal(vg_service_location_view(svc, &op, a->location_id, &j, &err), VG_OK);
    assert_string_equal(json_string_value(json_object_get(j, "placed")), "own");
    json_decref(j);
    assert_int_equal(vg_service_location_view(svc, &op, c->location_id, &j, &err), VG_OK);
    assert_string_equal(json_string_value(json_object_get(j, "placed")), "postcode_centre");
    assert_true(fabs(json_real_value(json_object_get(j, "lat")) - 51.0610) < 1e-9);
    assert_true(fabs(json_real_value(json_object_get(j, "lon")) + 1.3110) < 1e-9);
    json_decref(j);
    /* a postcode with no known address: no position is made up */
    assert_int_equal(vg_service_location_view(svc, &op, d->location_id, &j, &err), VG_OK);
    assert_null(json_object_get(j, "lat"));
    json_decref(j);
    /* opened again, a call given only by a position at the postcode's centre is not put at
     * the address placed there: that place has no position of its own */
    vg_service_close(svc);
    assert_int_equal(vg_service_open(path, 0, &svc, &err), VG_OK);
    vg_briefing *e = record(svc, "{\"received\":\"2014-02-01T14:00:00Z\",\"category\":\"asb_nuisance\",\"location\":{"
                                 "\"lat\":51.0610,\"lon\":-1.3110}}");
    assert_true(e->location_id > 0 && e->location_id != c->location_id);
    vg_free(e);
    vg_free(a);
    vg_free(b);
    vg_free(c);
    vg_free(d);
    vg_service_close(svc);
    tu_remove_db(path);
}

/* an open investigation named by its crime's reference ("VG-C..."), not its number */
static bool by_reference(const char *reason)
{
    const char *p = strstr(reason, "open investigation: ");
    return p && strncmp(p + 20, "VG-C", 4) == 0 && strstr(p, "(28A");
}

static void test_crime_and_vulnerable_child(void **state)
{
    (void)state;
    char path[256];
    vg_service *svc = open_fresh(path, sizeof path);
    vg_briefing *b1 = record(svc, "{\"received\":\"2014-02-01T10:00:00Z\",\"category\":\"crime\",\"offence_code\":\"28A\","
                                  "\"location\":{\"lat\":51.0612,\"lon\":-1.3101},"
                                  "\"people\":[{\"role\":\"victim\",\"name\":\"Aisha Rahman\",\"dob\":\"1999-05-20\"},"
                                  "{\"role\":\"suspect\",\"name\":\"Dean Price\",\"dob\":\"1990-01-01\",\"markers\":[\"VI\"]}]}");
    assert_true(b1->crime_id > 0);
    assert_true(b1->people[0].flags.vulnerable); /* 14 on the day */
    assert_true(b1->people[1].flags.n_reasons >= 1);
    /* a second crime 20 m away a month later: the same place; she is a repeat victim;
     * the suspect's open case is in his briefing */
    vg_briefing *b2 = record(svc, "{\"received\":\"2014-03-01T10:00:00Z\",\"category\":\"crime\",\"offence_code\":\"105A\","
                                  "\"location\":{\"lat\":51.0613,\"lon\":-1.3103},"
                                  "\"people\":[{\"role\":\"victim\",\"name\":\"Aisha Rahman\",\"dob\":\"1999-05-20\"},"
                                  "{\"role\":\"suspect\",\"name\":\"Dean Price\",\"dob\":\"1990-01-01\"}]}");
    assert_int_equal(b2->location_id, b1->location_id);
    assert_int_equal(b2->people[0].person_id, b1->people[0].person_id);
    assert_true(b2->people[0].flags.repeat_victim);
    assert_int_equal(b2->people[0].flags.victimisations_12m, 1);
    assert_int_equal(b2->people[1].person_id, b1->people[1].person_id);
    assert_int_equal(b2->people[1].flags.open_investigations, 1);
    bool warned = false;
    for (int i = 0; i < b2->people[1].flags.n_reasons; i++)
        warned |= strstr(b2->people[1].flags.reasons[i], "warning marker VI") != NULL;
    assert_true(warned);
    /* the open investigation is named by the crime's reference, in the call's briefing and
     * in a lookup answered from memory after the service is opened again */
    bool named = false;
    for (int i = 0; i < b2->people[1].flags.n_reasons; i++)
        named |= by_reference(b2->people[1].flags.reasons[i]);
    assert_true(named);
    vg_free(b1);
    vg_free(b2);
    vg_service_close(svc);
    vg_error err;
    assert_int_equal(vg_service_open(path, 0, &svc, &err), VG_OK);
    vg_time at;
    assert_true(vg_time_parse(vg_str_c("2014-03-05T10:00:00Z"), &at));
    vg_date dob;
    assert_true(vg_date_parse(vg_str_c("1990-01-01"), &dob));
    vg_lookup_request q = {.name = "Dean Price", .dob = dob, .at = at, .category = VG_CAT_CRIME, .role = VG_ROLE_SUSPECT,
                           .max = 10};
    vg_lookup_result *r = vg_malloc(sizeof *r);
    assert_int_equal(vg_service_lookup(svc, &op, &q, r, &err), VG_OK);
    assert_true(r->has_briefing);
    named = false;
    for (int i = 0; i < r->briefing.flags.n_reasons; i++)
        named |= by_reference(r->briefing.flags.reasons[i]);
    assert_true(named);
    vg_free(r);
    vg_service_close(svc);
    tu_remove_db(path);
}

/* A lookup answers from memory (service/history.c); recording an incident computes the
 * same briefing from the store. For each person, a lookup at the moment of a new call and
 * the briefing of that call must say the same. */
static void same_flags(const vg_person_flags *a, const vg_person_flags *b)
{
    assert_int_equal(a->incidents_12m, b->incidents_12m);
    assert_int_equal(a->crimes_12m, b->crimes_12m);
    assert_int_equal(a->asb_12m, b->asb_12m);
    assert_int_equal(a->victimisations_12m, b->victimisations_12m);
    assert_int_equal(a->open_investigations, b->open_investigations);
    assert_int_equal(a->repeat_victim, b->repeat_victim);
    assert_int_equal(a->vulnerable, b->vulnerable);
    assert_memory_equal(a->by_role_12m, b->by_role_12m, sizeof a->by_role_12m);
    assert_int_equal(a->n_reasons, b->n_reasons);
    for (int i = 0; i < a->n_reasons; i++)
        assert_string_equal(a->reasons[i], b->reasons[i]);
}

static const char *const history_calls[] = {
    "{\"received\":\"2014-02-01T10:00:00Z\",\"category\":\"crime\",\"offence_code\":\"28A\","
    "\"people\":[{\"role\":\"victim\",\"name\":\"Aisha Rahman\",\"dob\":\"1999-05-20\"},"
    "{\"role\":\"suspect\",\"name\":\"Dean Price\",\"dob\":\"1990-01-01\",\"markers\":[\"VI\"]}]}",
    "{\"received\":\"2014-03-01T10:00:00Z\",\"category\":\"asb_personal\","
    "\"people\":[{\"role\":\"caller\",\"name\":\"Aisha Rahman\",\"dob\":\"1999-05-20\"},"
    "{\"role\":\"witness\",\"name\":\"Colm Byrne\",\"dob\":\"1950-11-30\",\"markers\":[\"MH\"]}]}",
    "{\"received\":\"2014-04-01T10:00:00Z\",\"category\":\"crime\",\"offence_code\":\"105A\","
    "\"people\":[{\"role\":\"victim\",\"name\":\"Colm Byrne\",\"dob\":\"1950-11-30\"},"
    "{\"role\":\"offender\",\"name\":\"Dean Price\",\"dob\":\"1990-01-01\"}]}",
};

static void lookup_then_record(vg_service *svc, const vg_actor *a, const char *name, const char *dob, vg_category cat,
                               const char *cat_name, vg_role role, const char *when)
{
    vg_time at;
    assert_true(vg_time_parse(vg_str_c(when), &at));
    vg_date d;
    assert_true(vg_date_parse(vg_str_c(dob), &d));
    vg_lookup_request q = {.name = name, .dob = d, .at = at, .category = cat, .role = role, .max = 10};
    vg_lookup_result *r = vg_malloc(sizeof *r);
    vg_error err;
    assert_int_equal(vg_service_lookup(svc, a, &q, r, &err), VG_OK);
    assert_true(r->has_briefing);
    char json[512];
    snprintf(json, sizeof json, "{\"received\":\"%s\",\"category\":\"%s\",\"people\":[{\"role\":\"%s\",\"name\":\"%s\","
             "\"dob\":\"%s\"}]}", when, cat_name, vg_role_name(role), name, dob);
    vg_briefing *b = record(svc, json);
    assert_false(b->people[0].new_person);
    assert_int_equal(b->people[0].person_id, r->briefing.person_id);
    same_flags(&r->briefing.flags, &b->people[0].flags);
    vg_free(b);
    vg_free(r);
}

static void test_lookup_from_memory_agrees_with_the_store(void **state)
{
    (void)state;
    char path[256];
    vg_service *svc = open_fresh(path, sizeof path);
    for (size_t i = 0; i < sizeof history_calls / sizeof *history_calls; i++)
        vg_free(record(svc, history_calls[i]));
    lookup_then_record(svc, &op, "Aisha Rahman", "1999-05-20", VG_CAT_CRIME, "crime", VG_ROLE_VICTIM, "2014-05-01T10:00:00Z");
    lookup_then_record(svc, &op, "Dean Price", "1990-01-01", VG_CAT_ASB_PERSONAL, "asb_personal", VG_ROLE_SUSPECT,
                       "2014-05-02T10:00:00Z");
    lookup_then_record(svc, &op, "Colm Byrne", "1950-11-30", VG_CAT_ASB_PERSONAL, "asb_personal", VG_ROLE_VICTIM,
                       "2014-05-03T10:00:00Z");
    /* the lookups saw each recorded call: the second lookup for her counts the first */
    lookup_then_record(svc, &op, "Aisha Rahman", "1999-05-20", VG_CAT_CRIME, "crime", VG_ROLE_VICTIM, "2014-06-01T10:00:00Z");
    vg_service_close(svc);
    tu_remove_db(path);
}

static bool candidate(vg_service *svc, const vg_actor *a, const char *name, vg_id person)
{
    vg_lookup_request q = {.name = name, .at = vg_time_now(), .category = VG_CAT_CRIME, .role = VG_ROLE_VICTIM, .max = 10};
    q.dob = VG_DATE_NONE;
    vg_lookup_result *r = vg_malloc(sizeof *r);
    vg_error err;
    assert_int_equal(vg_service_lookup(svc, a, &q, r, &err), VG_OK);
    bool found = false;
    for (size_t i = 0; i < r->n; i++)
        found |= r->cand[i].person_id == person;
    vg_free(r);
    return found;
}

/* A person restricted to named users is no candidate for anyone else; another process's
 * writes reach a running service's lookups (it watches the data version). */
static void test_lookup_restrictions_and_other_writers(void **state)
{
    (void)state;
    char path[256];
    vg_service *svc = open_fresh(path, sizeof path);
    vg_briefing *b = record(svc, history_calls[0]);
    vg_id dean = b->people[1].person_id;
    vg_free(b);
    vg_error err;
    vg_user ann, bob;
    assert_int_equal(vg_service_user_add(svc, &op, "ann", VG_UR_CALL_HANDLER, "force", "long enough pw", &ann, NULL, &err), VG_OK);
    assert_int_equal(vg_service_user_add(svc, &op, "bob", VG_UR_CALL_HANDLER, "force", "long enough pw", &bob, NULL, &err), VG_OK);
    vg_session sa, sb;
    assert_int_equal(vg_service_login(svc, "ann", "long enough pw", "127.0.0.1", &sa, &err), VG_OK);
    assert_int_equal(vg_service_login(svc, "bob", "long enough pw", "127.0.0.1", &sb, &err), VG_OK);
    assert_int_equal(vg_service_threads(svc, 2, &err), VG_OK); /* as vigil serve runs it */
    assert_true(candidate(svc, &sb.actor, "Dean Price", dean));
    assert_int_equal(vg_service_restrict(svc, &op, "person", dean, "ann", &err), VG_OK);
    assert_false(candidate(svc, &sb.actor, "Dean Price", dean));
    assert_true(candidate(svc, &sa.actor, "Dean Price", dean));
    /* another process records a call from someone new and disables bob */
    vg_service *other;
    assert_int_equal(vg_service_open(path, VG_SERVICE_EXISTING, &other, &err), VG_OK);
    b = record(other, "{\"received\":\"2014-02-03T10:00:00Z\",\"category\":\"crime\",\"offence_code\":\"28A\","
                      "\"people\":[{\"role\":\"victim\",\"name\":\"Zofia Nowak\",\"dob\":\"1975-03-09\"}]}");
    vg_id zofia = b->people[0].person_id;
    vg_free(b);
    assert_int_equal(vg_service_user_disable(other, &op, "bob", &err), VG_OK);
    vg_service_close(other);
    struct timespec pause = {1, 600 * 1000 * 1000}; /* the writer looks once a second when idle */
    nanosleep(&pause, NULL);
    assert_true(candidate(svc, &sa.actor, "Zofia Nowak", zofia));
    assert_true(candidate(svc, &sa.actor, "Dean Price", dean)); /* still there for ann after the rebuild */
    assert_false(candidate(svc, &sb.actor, "Dean Price", dean));
    vg_session s;
    assert_int_equal(vg_service_session(svc, sb.token, &s, &err), VG_ERR_FORBIDDEN); /* checked again after 1 s */
    assert_int_equal(vg_service_session(svc, sa.token, &s, &err), VG_OK);
    vg_service_close(svc);
    tu_remove_db(path);
}

static int64_t count_incidents(vg_service *svc)
{
    vg_stats st;
    vg_error err;
    assert_int_equal(vg_service_stats(svc, &op, &st, &err), VG_OK);
    return st.records[5] + st.records[2] * 1000000; /* incidents and persons together */
}

static void test_no_partial_writes_under_oom(void **state)
{
    (void)state;
    char path[256];
    vg_service *svc = open_fresh(path, sizeof path);
    vg_free(record(svc, "{\"received\":\"2014-01-10T20:15:00Z\",\"category\":\"asb_personal\","
                        "\"people\":[{\"role\":\"victim\",\"name\":\"Ann Lee\",\"dob\":\"1961-04-07\"}]}"));
    const char *json = "[{\"received\":\"2014-02-10T20:15:00Z\",\"category\":\"asb_personal\","
                       "\"location\":{\"address\":\"9 Mill Lane\",\"postcode\":\"WX10 2CD\"},"
                       "\"people\":[{\"role\":\"victim\",\"name\":\"Ann Lee\",\"dob\":\"1961-04-07\",\"markers\":[\"LD\"]},"
                       "{\"role\":\"suspect\",\"name\":\"Bob Stone\"}]},"
                       "{\"received\":\"2014-02-11T20:15:00Z\",\"category\":\"crime\",\"offence_code\":\"8N\","
                       "\"people\":[{\"role\":\"victim\",\"name\":\"Ann Lee\",\"dob\":\"1961-04-07\"}]}]";
    vg_incident_draft *d;
    size_t n;
    vg_error err;
    assert_int_equal(vg_incident_drafts_parse(json, strlen(json), "t", &d, &n, &err), VG_OK);
    vg_briefing *b = vg_calloc(n, sizeof *b);
    int64_t before = count_incidents(svc);
    int failures = 0;
    for (uint64_t k = 1; k < 400; k++) {
        vg_alloc_fail_at(k);
        vg_err e = vg_service_record_incidents(svc, &op, d, n, b, &err);
        int injected = vg_alloc_failed();
        vg_alloc_fail_at(0);
        if (e) {
            failures++;
            assert_int_equal(count_incidents(svc), before); /* nothing stored */
            continue;
        }
        if (!injected) { /* ran to the end: everything stored */
            assert_int_equal(count_incidents(svc) - before, 2 + 1000000); /* 2 incidents, 1 new person */
            break;
        }
        before = count_incidents(svc); /* a failure that was absorbed: the write stands whole */
    }
    assert_true(failures > 10);
    /* after all that, the index still finds her (rebuilt after each rollback) */
    vg_briefing *again = record(svc, "{\"received\":\"2014-03-10T20:15:00Z\",\"category\":\"asb_personal\","
                                     "\"people\":[{\"role\":\"victim\",\"name\":\"Ann Lee\",\"dob\":\"1961-04-07\"}]}");
    assert_false(again->people[0].new_person);
    assert_true(again->people[0].flags.vulnerable); /* the LD marker from the call */
    vg_free(again);
    vg_free(b);
    vg_incident_drafts_free(d, n);
    vg_service_close(svc);
    tu_remove_db(path);
}

int main(void)
{
    vg_actor_operator(&op, "test", NULL);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_validation),
        cmocka_unit_test(test_third_asb_call_spelt_differently_is_repeat),
        cmocka_unit_test(test_new_address_at_postcode_centre),
        cmocka_unit_test(test_crime_and_vulnerable_child),
        cmocka_unit_test(test_lookup_from_memory_agrees_with_the_store),
        cmocka_unit_test(test_lookup_restrictions_and_other_writers),
        cmocka_unit_test(test_no_partial_writes_under_oom),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
