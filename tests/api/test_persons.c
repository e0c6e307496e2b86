/* test_persons.c - one resolved person behind many records (issue 15), against the real
 * `vigil serve` on the synthetic force: a person the ground truth gives five or more
 * records rings three times, each time as a different record spells them; every call
 * counts at once for the person, so the third is flagged a repeat victim (ASB default:
 * two earlier) and the second is not - in the answer, in the saved incident, on the
 * dispatch queue and in the repeat-victim analysis. The lookup lists persons, each once,
 * with a band and the evidence in words.
 * usage: test_persons PATH/TO/vigil   (run from the checkout) */
#include "harness.h"

#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PASSWORD "correct horse battery staple"

static void sign_in(const char *name, char token[64])
{
    char body[256];
    snprintf(body, sizeof body, "{\"username\":\"%s\",\"password\":\"%s\"}", name, PASSWORD);
    response r = call("POST", "/api/session", NULL, body);
    const char *t = json_string_value(json_object_get(r.json, "token"));
    CHECK(r.status == 201 && t, "sign in as %s: %ld %s", name, r.status, r.body ? r.body : "");
    snprintf(token, 64, "%s", t ? t : "");
    response_free(&r);
}

static void fixture(void)
{
    snprintf(dir, sizeof dir, "/tmp/vigil-persons-XXXXXX");
    if (!mkdtemp(dir))
        exit(2);
    db_choose("persons.db");
    int rc = run(NULL, "init -q --db '%s'", db);
    rc |= run(NULL, "synth -q --scale 0.05 --to 2014-06 --db '%s'", db);
    rc |= run(NULL, "match train --db '%s' > /dev/null", db);
    rc |= run(NULL, "match resolve --db '%s' > /dev/null", db);
    rc |= run(NULL, "config set auth.argon2_mem_kib 8192 --db '%s'", db);
    rc |= run(NULL, "config set auth.argon2_ops 1 --db '%s'", db);
    static const char *const users[][2] = {{"ch", "call_handler"}, {"ro", "response_officer"}, {"an", "analyst"},
                                           {"aud", "auditor"}, {"dq", "data_quality"}};
    for (size_t i = 0; i < sizeof users / sizeof *users; i++)
        rc |= run(PASSWORD "\n", "user add %s --role %s --password-stdin --db '%s' > /dev/null", users[i][0], users[i][1],
                  db);
    if (rc) {
        fprintf(stderr, "fixture: a vigil command failed\n");
        exit(2);
    }
    start_server();
}

/* ---- the person, found in the ground truth */

typedef struct spelling {
    long long record;
    char given[96], family[96], dob[16], phone[32];
} spelling;

/* Three differently spelt records of one true person with at least five records, and
 * the person the store resolved each record to. */
static char headline[200]; /* the spelling most of the person's records give (the longest if tied) */
static long long attached[3]; /* the record each of the three calls was attached to */

typedef struct found_rows {
    spelling *sp;
    long long *resolved, *truth;
    int n;
} found_rows;

static void found_row(void *ctx, int ncols, const char *const *v)
{
    found_rows *f = ctx;
    if (f->n >= 3 || ncols < 7)
        return;
    spelling *p = &f->sp[f->n];
    *f->truth = strtoll(v[0], NULL, 10);
    p->record = strtoll(v[1], NULL, 10);
    snprintf(p->given, sizeof p->given, "%s", v[2] ? v[2] : "");
    snprintf(p->family, sizeof p->family, "%s", v[3] ? v[3] : "");
    snprintf(p->dob, sizeof p->dob, "%s", v[4] ? v[4] : "");
    snprintf(p->phone, sizeof p->phone, "%s", v[5] ? v[5] : "");
    f->resolved[f->n] = strtoll(v[6], NULL, 10);
    f->n++;
}

static void headline_row(void *ctx, int ncols, const char *const *v)
{
    (void)ctx;
    if (ncols >= 1 && v[0])
        snprintf(headline, sizeof headline, "%s", v[0]);
}

static int find_person(spelling sp[3], long long resolved[3], long long *truth)
{
    const char *sql =
        "WITH r AS (SELECT t.truth_id, p.id, p.given_names, p.family_name, p.dob, coalesce(pr.resolved_id, p.id) AS who, "
        "  (SELECT value FROM person_contact c WHERE c.person_id = p.id AND c.kind = 'phone' ORDER BY c.id LIMIT 1) AS phone "
        "  FROM synth_truth t JOIN person p ON p.id = t.record_id LEFT JOIN person_resolved pr ON pr.person_id = p.id "
        "  WHERE t.kind = 'person'), "
        "big AS (SELECT truth_id FROM r GROUP BY truth_id HAVING count(*) >= 5 "
        "  AND count(DISTINCT given_names || '|' || family_name || '|' || coalesce(dob, '')) >= 3 "
        "  AND count(dob) = count(*) ORDER BY truth_id LIMIT 1), "
        "one AS (SELECT min(id) AS id FROM r WHERE truth_id = (SELECT truth_id FROM big) "
        "  GROUP BY given_names, family_name, dob ORDER BY min(id) LIMIT 3) "
        "SELECT r.truth_id, r.id, r.given_names, r.family_name, r.dob, coalesce(r.phone, ''), r.who FROM r "
        "JOIN one ON one.id = r.id ORDER BY r.id";
    found_rows f = {sp, resolved, truth, 0};
    if (db_query(db, sql, found_row, &f) < 0)
        fprintf(stderr, "find_person: the query failed\n");
    if (f.n) {
        char q[600];
        snprintf(q, sizeof q,
                 "SELECT p.given_names || ' ' || p.family_name AS name FROM person p LEFT JOIN person_resolved pr "
                 "ON pr.person_id = p.id WHERE coalesce(pr.resolved_id, p.id) = %lld GROUP BY p.given_names || ' ' || "
                 "p.family_name ORDER BY count(*) DESC, length(p.given_names || ' ' || p.family_name) DESC LIMIT 1",
                 resolved[0]);
        db_query(db, q, headline_row, NULL);
    }
    return f.n;
}

/* ---- the three calls */

static json_t *person_of(const response *r)
{
    return json_array_get(json_object_get(r->json, "people"), 0);
}

static response ring(const char *token, const spelling *s, const char *at)
{
    char body[1024];
    if (s->phone[0])
        snprintf(body, sizeof body,
                 "{\"received\":\"%s\",\"category\":\"asb_personal\",\"thrive\":\"priority\",\"description\":\"neighbours shouting again\","
                 "\"people\":[{\"role\":\"victim\",\"given_names\":\"%s\",\"family_name\":\"%s\",\"dob\":\"%s\","
                 "\"phone\":\"%s\"}]}",
                 at, s->given, s->family, s->dob, s->phone);
    else
        snprintf(body, sizeof body,
                 "{\"received\":\"%s\",\"category\":\"asb_personal\",\"thrive\":\"priority\",\"description\":\"neighbours shouting again\","
                 "\"people\":[{\"role\":\"victim\",\"given_names\":\"%s\",\"family_name\":\"%s\",\"dob\":\"%s\"}]}",
                 at, s->given, s->family, s->dob);
    return call("POST", "/api/incidents", token, body);
}

/* The call handler's word over the match: none of these (a new person, however well the
 * details match) or this record (however badly they match), stored with the call. */
static void the_call_handlers_word(const char *ch, const spelling *sp, long long person)
{
    char body[1024];
    snprintf(body, sizeof body,
             "{\"received\":\"2017-05-01T10:00:00Z\",\"category\":\"asb_personal\",\"people\":[{\"role\":\"victim\","
             "\"given_names\":\"%s\",\"family_name\":\"%s\",\"dob\":\"%s\",\"new_person\":true}]}",
             sp[0].given, sp[0].family, sp[0].dob);
    response r = call("POST", "/api/incidents", ch, body);
    json_t *p = person_of(&r);
    const char *by = json_string_value(json_object_get(p, "decided_by"));
    CHECK(r.status == 201 && json_is_true(json_object_get(p, "new_person")) && by && strstr(by, "none of these"),
          "none of these did not make a new person: %ld %.400s", r.status, r.body ? r.body : "");
    response_free(&r);
    /* a name that matches no one, attached to the record the handler chose */
    snprintf(body, sizeof body,
             "{\"received\":\"2017-05-01T10:05:00Z\",\"category\":\"asb_personal\",\"people\":[{\"role\":\"victim\","
             "\"given_names\":\"Zebedee\",\"family_name\":\"Quartermaine\",\"person_id\":%lld}]}",
             sp[2].record);
    r = call("POST", "/api/incidents", ch, body);
    p = person_of(&r);
    by = json_string_value(json_object_get(p, "decided_by"));
    CHECK(r.status == 201 && json_integer_value(json_object_get(p, "person_id")) == sp[2].record &&
              json_integer_value(json_object_get(json_object_get(p, "matched"), "resolved_person_id")) == person &&
              by && strstr(by, "this person"),
          "the chosen record was not taken: %ld %.400s", r.status, r.body ? r.body : "");
    response_free(&r);
    /* a record that does not exist is refused, naming the field; nothing recorded */
    r = call("POST", "/api/incidents", ch,
             "{\"received\":\"2017-05-01T10:06:00Z\",\"category\":\"asb_personal\",\"people\":[{\"role\":"
             "\"victim\",\"family_name\":\"Nobody\",\"person_id\":987654321}]}");
    const char *field = json_string_value(json_object_get(r.json, "field"));
    CHECK(r.status == 422 && field && strstr(field, "person_id"), "an unknown chosen record: %ld %.300s", r.status,
          r.body ? r.body : "");
    response_free(&r);
    r = call("POST", "/api/incidents", ch,
             "{\"received\":\"2017-05-01T10:06:00Z\",\"category\":\"asb_personal\",\"people\":[{\"role\":"
             "\"victim\",\"family_name\":\"Nobody\",\"person_id\":12,\"new_person\":true}]}");
    CHECK(r.status == 422, "a person_id and new_person together: %ld", r.status);
    response_free(&r);
}

/* One of the person's records restricted to named users (a member of staff, say): the
 * person is still found through the others, and the briefing names them only as the
 * records open to everyone spell them. */
static void restricted_record(const char *ch, const spelling *sp, long long person)
{
    CHECK(run(NULL, "restrict person %lld --user aud --db '%s' > /dev/null", sp[1].record, db) == 0, "vigil restrict");
    usleep(1500 * 1000); /* the server catches up with another process's write */
    char path[512];
    char *g = curl_easy_escape(NULL, sp[1].given, 0), *f = curl_easy_escape(NULL, sp[1].family, 0);
    snprintf(path, sizeof path, "/api/lookup?given=%s&family=%s&dob=%s", g, f, sp[1].dob);
    curl_free(g);
    curl_free(f);
    response r = call("GET", path, ch, NULL);
    json_t *first = json_array_get(json_object_get(r.json, "candidates"), 0);
    char id[48];
    snprintf(id, sizeof id, "\"person_id\":%lld,", sp[1].record);
    CHECK(r.status == 200 && json_integer_value(json_object_get(first, "resolved_person_id")) == person,
          "the person with a restricted record was not found through the others: %ld %.400s", r.status,
          r.body ? r.body : "");
    CHECK(r.body && !strstr(r.body, id), "the restricted record is shown: %.400s", r.body ? r.body : "");
    /* its spelling is in no name or alias (when no open record spells it so) */
    json_t *b = json_object_get(r.json, "briefing");
    const char *name = json_string_value(json_object_get(b, "name")),
               *aka = json_string_value(json_object_get(b, "also_known_as"));
    char spelt[200];
    snprintf(spelt, sizeof spelt, "%s %s", sp[1].given, sp[1].family);
    bool shared = false; /* another, open record spelt the same */
    char q[600], lit[400];
    size_t li = 0;
    for (const char *c = spelt; *c && li + 2 < sizeof lit; c++) { /* the name as an SQL literal */
        if (*c == '\'')
            lit[li++] = '\'';
        lit[li++] = *c;
    }
    lit[li] = '\0';
    snprintf(q, sizeof q, "SELECT count(*) FROM person WHERE given_names || ' ' || family_name = '%s' AND id != %lld",
             lit, sp[1].record);
    shared = db_count(db, q) > 0;
    CHECK(shared || (name && aka && strcmp(name, spelt) != 0 && !strstr(aka, spelt)),
          "the restricted record's spelling %s is in the briefing: %s / %s", spelt, name ? name : "", aka ? aka : "");
    response_free(&r);
    /* the repeat analysis counts the person's calls on the records open to all only */
    int open = 0;
    for (int k = 0; k < 3; k++)
        open += attached[k] != sp[1].record;
    char an[64];
    sign_in("an", an);
    r = call("GET", "/api/analyses/repeats?from=2016-03-01&to=2016-03-01&top=50", an, NULL);
    long long counted = -1;
    size_t i;
    json_t *c;
    json_array_foreach(json_object_get(r.json, "victims"), i, c) {
        if (json_integer_value(json_object_get(c, "id")) == person)
            counted = json_integer_value(json_object_get(c, "incidents"));
    }
    CHECK(r.status == 200 && (open >= 2 ? counted == open : counted == -1),
          "the repeat analysis counted %lld calls, %d of them on records open to all", counted, open);
    response_free(&r);
}

static void three_calls(void)
{
    char ch[64], ro[64], an[64];
    sign_in("ch", ch);
    sign_in("ro", ro);
    sign_in("an", an);
    spelling sp[3];
    long long resolved[3], truth = 0;
    int n = find_person(sp, resolved, &truth);
    CHECK(n == 3, "no true person with five records spelt three ways in the synthetic force (%d)", n);
    if (n != 3)
        return;
    printf("true person %lld: records %lld (%s %s %s), %lld (%s %s %s), %lld (%s %s %s)\n", truth, sp[0].record,
           sp[0].given, sp[0].family, sp[0].dob, sp[1].record, sp[1].given, sp[1].family, sp[1].dob, sp[2].record,
           sp[2].given, sp[2].family, sp[2].dob);
    CHECK(resolved[0] == resolved[1] && resolved[1] == resolved[2],
          "the three records were not resolved into one person: %lld %lld %lld", resolved[0], resolved[1], resolved[2]);
    /* the lookup lists persons: this one once, certain, with its records and why */
    char path[512];
    char *g = curl_easy_escape(NULL, sp[0].given, 0), *f = curl_easy_escape(NULL, sp[0].family, 0);
    snprintf(path, sizeof path, "/api/lookup?given=%s&family=%s&dob=%s", g, f, sp[0].dob);
    curl_free(g);
    curl_free(f);
    response r = call("GET", path, ch, NULL);
    json_t *cands = json_object_get(r.json, "candidates");
    int seen = 0;
    size_t i;
    json_t *c;
    json_array_foreach(cands, i, c) seen += json_integer_value(json_object_get(c, "resolved_person_id")) == resolved[0];
    json_t *first = json_array_get(cands, 0);
    CHECK(r.status == 200 && seen == 1, "the person is listed %d times among the candidates: %.400s", seen,
          r.body ? r.body : "");
    const char *band = json_string_value(json_object_get(first, "band")),
               *why = json_string_value(json_object_get(first, "evidence"));
    CHECK(band && !strcmp(band, "certain") && why && strstr(why, "same date of birth") &&
              json_integer_value(json_object_get(first, "records")) >= 3,
          "the best candidate's band, evidence or records: %.400s", r.body ? r.body : "");
    CHECK(!strstr(r.body ? r.body : "", "100.0"), "a probability shown as a percentage");
    response_free(&r);

    /* three calls, long after the synthetic records end (so only these count) */
    static const char *const at[] = {"2016-03-01T10:00:00Z", "2016-03-01T10:01:00Z", "2016-03-01T10:02:00Z"};
    long long incident[3] = {0}, person[3] = {0};
    for (int k = 0; k < 3; k++) {
        stream_ctx st;
        pthread_t t;
        if (k == 2) { /* the dispatcher's queue, open when the third call comes in */
            memset(&st, 0, sizeof st);
            snprintf(st.token, sizeof st.token, "%s", ro);
            pthread_create(&t, NULL, stream_thread, &st);
            usleep(300 * 1000);
        }
        r = ring(ch, &sp[k], at[k]);
        json_t *p = person_of(&r);
        incident[k] = json_integer_value(json_object_get(r.json, "incident_id"));
        json_t *m = json_object_get(p, "matched");
        person[k] = json_integer_value(json_object_get(m, "resolved_person_id"));
        attached[k] = json_integer_value(json_object_get(p, "person_id"));
        bool repeat = json_is_true(json_object_get(p, "repeat_victim"));
        long long prior = json_integer_value(json_object_get(p, "prior_asb_as_victim_or_caller_12m"));
        CHECK(r.status == 201 && m && !json_is_true(json_object_get(p, "new_person")),
              "call %d was not attached to the person: %ld %.400s", k + 1, r.status, r.body ? r.body : "");
        CHECK(prior == k, "call %d: %lld earlier ASB calls counted, expected %d", k + 1, prior, k);
        CHECK(repeat == (k == 2), "call %d: repeat victim %s", k + 1, repeat ? "yes" : "no");
        if (k == 2) {
            /* the person's name as most of its records give it, the other spellings as aliases */
            const char *name = json_string_value(json_object_get(p, "name")),
                       *aka = json_string_value(json_object_get(p, "also_known_as"));
            const char *want = headline;
            CHECK(name && *want && !strcmp(name, want) && aka && strlen(aka) > 0 &&
                      json_integer_value(json_object_get(p, "records")) >= 3,
                  "the briefing does not name the person from its records (want %s): %.400s", want,
                  r.body ? r.body : "");
        }
        response_free(&r);
        if (k == 2) {
            pthread_join(t, NULL);
            const char *data = strstr(st.data, "data: ");
            json_t *ev = data ? json_loads(data + 6, JSON_DISABLE_EOF_CHECK, NULL) : NULL;
            json_t *ep = json_array_get(json_object_get(ev, "people"), 0);
            CHECK(ev && json_integer_value(json_object_get(ev, "incident_id")) == incident[2] &&
                      json_is_true(json_object_get(ep, "repeat_victim")),
                  "the dispatch queue did not show the third call as a repeat victim: %.400s", st.data);
            json_decref(ev);
        }
    }
    CHECK(person[0] == resolved[0] && person[1] == resolved[0] && person[2] == resolved[0],
          "the calls went to persons %lld, %lld, %lld, not %lld", person[0], person[1], person[2], resolved[0]);
    /* the saved incident says so too */
    snprintf(path, sizeof path, "/api/incidents/%lld", incident[2]);
    r = call("GET", path, ch, NULL);
    CHECK(r.status == 200 && r.body && strstr(r.body, "\"repeat_victim\":true"),
          "the saved third incident is not a repeat victim: %ld %.400s", r.status, r.body ? r.body : "");
    CHECK(!strstr(r.body ? r.body : "", "drew_on"), "the view shows the records its briefing drew on");
    response_free(&r);
    { /* reading it later discloses what the briefing drew on: its entry names those records */
        char auditor[64], inc[48];
        sign_in("aud", auditor);
        r = call("GET", "/api/audit?from=2026-01-01", auditor, NULL);
        snprintf(inc, sizeof inc, "incident:%lld", incident[2]);
        size_t named = 0, k;
        json_t *en;
        json_array_foreach(json_object_get(r.json, "entries"), k, en) {
            const char *w = json_string_value(json_object_get(en, "what")),
                       *reason = json_string_value(json_object_get(en, "why"));
            if (!w || strcmp(w, inc) || !reason || !strstr(reason, "read an incident"))
                continue;
            size_t x;
            json_t *rec;
            named = 0;
            json_array_foreach(json_object_get(en, "records"), x, rec)
                named += strncmp(json_string_value(rec) ? json_string_value(rec) : "", "person:", 7) == 0;
        }
        CHECK(named >= 3, "reading the third incident named %zu person records, not every record its briefing drew on",
              named);
        response_free(&r);
    }
    snprintf(path, sizeof path, "/api/incidents/%lld", incident[1]);
    r = call("GET", path, ch, NULL);
    CHECK(r.status == 200 && r.body && strstr(r.body, "\"repeat_victim\":false"),
          "the saved second incident is a repeat victim: %ld %.400s", r.status, r.body ? r.body : "");
    response_free(&r);
    /* and the analysis of repeat victims counts the three calls for one person */
    r = call("GET", "/api/analyses/repeats?from=2016-03-01&to=2016-03-01&top=50", an, NULL);
    bool found = false;
    json_array_foreach(json_object_get(r.json, "victims"), i, c) {
        found |= json_integer_value(json_object_get(c, "id")) == resolved[0] &&
                 json_integer_value(json_object_get(c, "incidents")) == 3;
    }
    CHECK(r.status == 200 && found, "the repeat victims do not count three calls for person %lld: %ld %.600s",
          resolved[0], r.status, r.body ? r.body : "");
    response_free(&r);
    /* who looked at this person? asked through the third record: the call handler's
     * lookup and the three calls, whichever record each named */
    char aud[64];
    sign_in("aud", aud);
    snprintf(path, sizeof path, "/api/audit?person=%lld&from=2026-01-01", sp[2].record);
    r = call("GET", path, aud, NULL);
    int lookups = 0, calls = 0;
    json_array_foreach(json_object_get(r.json, "entries"), i, c) {
        const char *u = json_string_value(json_object_get(c, "username")),
                   *reason = json_string_value(json_object_get(c, "why"));
        lookups += u && !strcmp(u, "ch") && reason && strstr(reason, "lookup") != NULL;
        for (int k = 0; k < 3; k++) {
            char inc[48];
            snprintf(inc, sizeof inc, "incident:%lld", incident[k]);
            const char *w = json_string_value(json_object_get(c, "what")),
                       *act = json_string_value(json_object_get(c, "action"));
            size_t il = strlen(inc);
            calls += u && !strcmp(u, "ch") && act && !strcmp(act, "collect") && w && !strncmp(w, inc, il) &&
                     (w[il] == ' ' || !w[il]);
        }
    }
    CHECK(r.status == 200 && lookups >= 1 && calls == 3,
          "who looked at the person: %d lookups and %d of the three calls: %ld %.600s", lookups, calls, r.status,
          r.body ? r.body : "");
    response_free(&r);
    /* the log is the auditor's: the call handler may not ask it about anyone */
    r = call("GET", path, ch, NULL);
    CHECK(r.status == 403, "a call handler read who looked at a person: %ld", r.status);
    response_free(&r);
    the_call_handlers_word(ch, sp, resolved[0]);
    restricted_record(ch, sp, resolved[0]);
}

/* The person a record belongs to, from the store. */
static long long person_of_record(long long record)
{
    char q[200];
    snprintf(q, sizeof q, "SELECT coalesce((SELECT resolved_id FROM person_resolved WHERE person_id = %lld), %lld)", record,
             record);
    long long p = db_count(db, q);
    return p < 0 ? 0 : p;
}

/* The data-quality queue: a pair the model is unsure of, decided the same person with a
 * reason (the two persons one at once, for lookups too), then undone; a call handler may
 * do none of it. */
static void data_quality(void)
{
    char dq[64], ch[64];
    sign_in("dq", dq);
    sign_in("ch", ch);
    response r = call("GET", "/api/persons/review", dq, NULL);
    json_t *pair = json_array_get(json_object_get(r.json, "pairs"), 0);
    long long a = json_integer_value(json_object_get(json_object_get(pair, "a"), "record")),
              b = json_integer_value(json_object_get(json_object_get(pair, "b"), "record"));
    const char *band = json_string_value(json_object_get(pair, "band"));
    CHECK(r.status == 200 && a && b && band && strcmp(band, "certain") != 0 &&
              json_string_value(json_object_get(pair, "evidence")),
          "no pair to review: %ld %.300s", r.status, r.body ? r.body : "");
    response_free(&r);
    if (!a || !b)
        return;
    CHECK(person_of_record(a) != person_of_record(b), "the pair to review is one person already");
    r = call("GET", "/api/persons/review", ch, NULL);
    CHECK(r.status == 403, "a call handler read the review queue: %ld", r.status);
    response_free(&r);
    char body[300];
    snprintf(body, sizeof body, "{\"a\":%lld,\"b\":%lld,\"same\":true,\"reason\":\"checked: same person\"}", a, b);
    r = call("POST", "/api/persons/decisions", ch, body);
    CHECK(r.status == 403, "a call handler merged persons: %ld", r.status);
    response_free(&r);
    r = call("POST", "/api/persons/decisions", dq, "{\"a\":1,\"b\":2,\"same\":true}");
    CHECK(r.status == 422, "a decision without a reason: %ld", r.status);
    response_free(&r);
    r = call("POST", "/api/persons/decisions", dq, body);
    long long decision = json_integer_value(json_object_get(r.json, "decision"));
    CHECK(r.status == 201 && decision > 0, "the decision: %ld %.300s", r.status, r.body ? r.body : "");
    response_free(&r);
    CHECK(person_of_record(a) == person_of_record(b), "merged, but records %lld and %lld are two persons", a, b);
    /* off the queue, and first contact sees one person at once */
    r = call("GET", "/api/persons/review", dq, NULL);
    bool still = false;
    size_t i;
    json_t *p;
    json_array_foreach(json_object_get(r.json, "pairs"), i, p) {
        long long x = json_integer_value(json_object_get(json_object_get(p, "a"), "record")),
                  y = json_integer_value(json_object_get(json_object_get(p, "b"), "record"));
        still |= (x == a && y == b) || (x == b && y == a);
    }
    CHECK(!still, "the decided pair is still in the queue");
    response_free(&r);
    char path[128];
    snprintf(path, sizeof path, "/api/persons/%lld", a);
    r = call("GET", "/api/persons/decisions", dq, NULL);
    CHECK(r.status == 200 && r.body && strstr(r.body, "checked: same person") && strstr(r.body, "\"by\":\"dq\""),
          "the decision is not listed: %ld %.300s", r.status, r.body ? r.body : "");
    response_free(&r);
    /* undone: two persons again, the decision kept as undone */
    snprintf(path, sizeof path, "/api/persons/decisions/%lld/undo", decision);
    r = call("POST", path, dq, "{\"reason\":\"the GP says otherwise\"}");
    CHECK(r.status == 200, "undo: %ld %.300s", r.status, r.body ? r.body : "");
    response_free(&r);
    CHECK(person_of_record(a) != person_of_record(b), "undone, but records %lld and %lld are one person", a, b);
    r = call("POST", path, dq, "{\"reason\":\"again\"}");
    CHECK(r.status == 404, "a decision undone twice: %ld", r.status);
    response_free(&r);
    r = call("GET", "/api/persons/decisions", dq, NULL);
    CHECK(r.body && strstr(r.body, "the GP says otherwise"), "the undoing is not kept: %.300s", r.body ? r.body : "");
    response_free(&r);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: test_persons PATH/TO/vigil\n");
        return 2;
    }
    vigil = argv[1];
    signal(SIGPIPE, SIG_IGN);
    curl_global_init(CURL_GLOBAL_DEFAULT);
    fixture();
    three_calls();
    data_quality();
    int rc = stop_server();
    CHECK(rc == 0, "the server did not stop cleanly on SIGTERM: exit %d", rc);
    curl_global_cleanup();
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (!failures && system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    printf("persons tests: %d checks, %d failed%s%s\n", checks, failures, failures ? "; store kept in " : "",
           failures ? dir : "");
    return failures ? 1 : 0;
}
