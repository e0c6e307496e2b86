/* api_dispatch.c - the control room over HTTP: the dispatch board, and the log of an
 * incident (updates, re-grading, closing, cancelling, and the dispatcher's steps), the
 * same use cases as the board's screens and `vigil incident board|update|...`; and the
 * search box's answer. */
#include "base/str.h"
#include "http/http_int.h"

#include <stdlib.h>
#include <string.h>

#define ACTOR (&r->session.actor)

void vg_api_dispatch_board(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    int64_t limit = 200;
    const char *l = vg_http_query(r, "limit");
    if (l && (!vg_str_to_i64(vg_str_c(l), &limit) || limit < 1 || limit > 1000)) {
        vg_http_fail(out, 400, "limit", "a whole number from 1 to 1000");
        return;
    }
    json_t *board = NULL;
    vg_error err;
    vg_err e = vg_service_dispatch_board(s->svc, ACTOR, (size_t)limit, &board, &err);
    if (e)
        vg_http_error(out, e, &err);
    else
        vg_http_json(out, 200, board);
}

/* The change a request's body asks for (its strings stay in b). */
static vg_err read_change(const json_t *b, vg_incident_change *c, vg_error *err)
{
    static const char *const fields[] = {"text", "thrive", "closure", "unit", "status"};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        const json_t *v = json_object_get(b, fields[i]);
        if (v && !json_is_string(v) && !json_is_null(v))
            return vg_error_set(err, VG_ERR_INVALID_INPUT, fields[i], "must be a string");
    }
    c->text = json_string_value(json_object_get(b, "text"));
    c->unit = json_string_value(json_object_get(b, "unit"));
    if (!vg_entry_kind_parse(json_string_value(json_object_get(b, "kind")), &c->kind))
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "kind",
                            "required: update, grade, close, cancel, acknowledge, assign or status");
    if (c->kind == VG_EK_GRADE && !vg_thrive_parse(json_string_value(json_object_get(b, "thrive")), &c->thrive))
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "thrive", "required: immediate, priority, scheduled or no_deployment");
    if (c->kind == VG_EK_CLOSE && !vg_closure_parse(json_string_value(json_object_get(b, "closure")), &c->closure))
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "closure",
                            "required: advice, resolved, crime_recorded, referred, no_trace or duplicate");
    if (c->kind == VG_EK_STATUS && !vg_dispatch_status_parse(json_string_value(json_object_get(b, "status")), &c->status))
        return vg_error_set(err, VG_ERR_INVALID_INPUT, "status", "required: awaiting, assigned or at_scene");
    return VG_OK;
}

/* {"kind": "update|grade|close|cancel|acknowledge|assign|status", "text", "thrive",
 * "closure", "unit", "status"}: the incident as it is after the change. */
void vg_api_incident_log_post(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    vg_id id;
    if (!vg_http_param_id(r, 0, &id, out))
        return;
    json_t *b = vg_http_body_object(r, out);
    if (!b || !vg_http_only_fields(b, "kind text thrive closure unit status", out)) {
        json_decref(b);
        return;
    }
    vg_incident_change c = {.kind = VG_EK_COUNT, .thrive = VG_THRIVE_COUNT, .status = VG_DS_COUNT, .closure = VG_CL_COUNT};
    vg_error err;
    vg_err e = read_change(b, &c, &err);
    vg_dispatch_state st;
    if (!e)
        e = vg_service_incident_change(s->svc, ACTOR, id, &c, &st, &err);
    json_decref(b);
    if (e) {
        vg_http_error(out, e, &err);
        return;
    }
    vg_http_incident_changed(s, id, &st);
    json_t *v = NULL;
    if ((e = vg_service_incident_view(s->svc, ACTOR, id, &v, &err)))
        vg_http_error(out, e, &err);
    else
        vg_http_json(out, 200, v);
}

/* The search box's answer (the same use case as the page and `vigil search`). */
void vg_api_search(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    const char *q = vg_http_query(r, "q");
    json_t *res = NULL;
    vg_error err;
    vg_err e = vg_service_search(s->svc, ACTOR, q ? q : "", &res, &err);
    if (e)
        vg_http_error(out, e, &err);
    else
        vg_http_json(out, 200, res);
}
