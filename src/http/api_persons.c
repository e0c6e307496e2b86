/* api_persons.c - the data-quality queue over HTTP: the pairs of records the model is not
 * sure of, and a person's decisions about them (the same person, or not; undo). The same
 * use cases as `vigil match review|same|different|undo|decisions`. */
#include "base/alloc.h"
#include "http/http_int.h"
#include "io/json_out.h"

#include <string.h>

#define ACTOR (&r->session.actor)

static json_t *side_json(const vg_person_side *p)
{
    return json_pack("{sI sI ss ss so si}", "record", (json_int_t)p->record, "person", (json_int_t)p->person, "given_names",
                     p->given, "family_name", p->family, "dob", vg_json_date(p->dob), "records", p->records);
}

void vg_api_person_reviews(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    enum { MAX = 500 };
    vg_person_pair *pairs = vg_malloc(MAX * sizeof *pairs);
    size_t n = 0;
    vg_error err;
    vg_err e = pairs ? vg_service_person_reviews(s->svc, ACTOR, pairs, MAX, &n, &err)
                     : vg_error_set(&err, VG_ERR_NOMEM, "review", "out of memory");
    if (e) {
        vg_free(pairs);
        vg_http_error(out, e, &err);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < n; i++)
        json_array_append_new(arr, json_pack("{so so sf ss ss}", "a", side_json(&pairs[i].a), "b", side_json(&pairs[i].b),
                                             "probability", pairs[i].probability, "band",
                                             vg_match_band_name(pairs[i].band), "evidence", pairs[i].evidence));
    vg_free(pairs);
    /* no silent cap: the list says when it stops short */
    vg_http_json(out, 200, json_pack("{so sb}", "pairs", arr, "more", n == MAX));
}

static void decided(vg_http_resp *out, vg_err e, const vg_error *err, const vg_person_decided *d, unsigned status)
{
    if (e)
        vg_http_error(out, e, err);
    else
        vg_http_json(out, status, json_pack("{sI sI}", "decision", (json_int_t)d->decision, "persons", (json_int_t)d->persons));
}

void vg_api_person_decision_post(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    json_t *b = vg_http_body_object(r, out);
    if (!b || !vg_http_only_fields(b, "a b same reason", out)) {
        json_decref(b);
        return;
    }
    json_t *a = json_object_get(b, "a"), *bb = json_object_get(b, "b"), *same = json_object_get(b, "same");
    const char *reason = json_string_value(json_object_get(b, "reason"));
    vg_error err;
    vg_person_decided d = {0};
    vg_err e;
    if (!json_is_integer(a) || !json_is_integer(bb))
        e = vg_error_set(&err, VG_ERR_INVALID_INPUT, json_is_integer(a) ? "b" : "a", "required: a person record's id");
    else if (!json_is_boolean(same))
        e = vg_error_set(&err, VG_ERR_INVALID_INPUT, "same", "required: true (the same person) or false (not)");
    else
        e = vg_service_person_decide(s->svc, ACTOR, json_integer_value(a), json_integer_value(bb), json_is_true(same),
                                     reason, &d, &err);
    json_decref(b);
    decided(out, e, &err, &d, 201);
}

void vg_api_person_decision_undo(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    vg_id id;
    if (!vg_http_param_id(r, 0, &id, out))
        return;
    json_t *b = vg_http_body_object(r, out);
    if (!b || !vg_http_only_fields(b, "reason", out)) {
        json_decref(b);
        return;
    }
    vg_error err;
    vg_person_decided d = {0};
    vg_err e = vg_service_person_undo(s->svc, ACTOR, id, json_string_value(json_object_get(b, "reason")), &d, &err);
    json_decref(b);
    decided(out, e, &err, &d, 200);
}

static vg_err decision_json(void *ctx, const vg_person_decision *d)
{
    json_t *o = json_pack("{sI ss sI sI so so ss ss so so so so}", "id", (json_int_t)d->id, "kind",
                          d->same ? "same" : "different", "a", (json_int_t)d->a, "b", (json_int_t)d->b, "a_name",
                          d->a_name ? json_string(d->a_name) : json_null(), "b_name",
                          d->b_name ? json_string(d->b_name) : json_null(), "reason", d->reason, "by", d->username, "at",
                          vg_json_time(d->at), "undone_at", vg_json_time(d->undone_at), "undone_by",
                          d->undone_by ? json_string(d->undone_by) : json_null(), "undo_reason",
                          d->undo_reason ? json_string(d->undo_reason) : json_null());
    return o && json_array_append_new(ctx, o) == 0 ? VG_OK : VG_ERR_NOMEM;
}

void vg_api_person_decisions(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    json_t *arr = json_array();
    vg_error err;
    vg_err e = arr ? vg_service_person_decisions(s->svc, ACTOR, decision_json, arr, &err)
                   : vg_error_set(&err, VG_ERR_NOMEM, "decisions", "out of memory");
    if (e) {
        json_decref(arr);
        if (e == VG_ERR_NOMEM)
            vg_error_set(&err, e, "decisions", "out of memory");
        vg_http_error(out, e, &err);
        return;
    }
    vg_http_json(out, 200, json_pack("{so}", "decisions", arr));
}
