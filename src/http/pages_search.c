/* pages_search.c - the search box's results, grouped (persons, incidents, crimes,
 * places), each a link to its record; and a place with the incidents there. */
#include "base/str.h"
#include "http/html.h"
#include "http/http_int.h"

#include <stdio.h>
#include <string.h>

#define ACTOR (&r->session.actor)

static void group_head(vg_html *h, const char *title, size_t n, long long per_group)
{
    vg_h_fmt(h, "<h2 class=\"govuk-heading-m\">%s <span class=\"govuk-caption-m vg-count\">(%zu%s)</span></h2>\n", title, n,
             (long long)n >= per_group ? ", the first: be more precise for the rest" : "");
}

void vg_page_search(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    const char *q = vg_http_query(r, "q");
    json_t *res = NULL;
    vg_error err;
    vg_err e = q && *q ? vg_service_search(s->svc, ACTOR, q, &res, &err) : VG_OK;
    char msg[VG_PAGE_PROBLEM_MAX];
    if (e && !vg_page_form_problem(e, &err, msg, sizeof msg)) {
        vg_page_error(r, out, e, &err);
        return;
    }
    vg_html h = {0};
    vg_page_begin(r, &h, "Search", NULL);
    if (e) {
        vg_page_problem(&h, "vg-q", msg);
        vg_page_end(out, &h, 422);
        return;
    }
    if (!res) {
        vg_h_raw(&h, "<p class=\"govuk-body\">Type in the search box above: a name (with a date of birth, 14/03/1979, if "
                     "known), a phone number, a reference (VG-20141231-00001, or its beginning), a postcode or an "
                     "address.</p>\n");
        vg_page_end(out, &h, 200);
        return;
    }
    long long per = (long long)json_integer_value(json_object_get(res, "per_group"));
    vg_h_raw(&h, "<p class=\"govuk-body\" id=\"search-total\">");
    long long total = (long long)json_integer_value(json_object_get(res, "total"));
    vg_h_textf(&h, "%lld result%s for \u201c%s\u201d.", total, total == 1 ? "" : "s", q);
    vg_h_raw(&h, "</p>\n");
    size_t i;
    json_t *x;
    const json_t *persons = json_object_get(res, "persons");
    if (json_array_size(persons)) {
        group_head(&h, "People", json_array_size(persons), per);
        vg_h_raw(&h, "<ul class=\"govuk-list vg-results\" id=\"results-persons\">");
        json_array_foreach(persons, i, x) {
            vg_h_fmt(&h, "<li><a class=\"govuk-link\" href=\"/persons/%lld\">",
                     (long long)json_integer_value(json_object_get(x, "record")));
            vg_h_text(&h, vg_jstr(x, "name"));
            vg_h_raw(&h, "</a>");
            long long n = (long long)json_integer_value(json_object_get(x, "records"));
            vg_h_raw(&h, ", born ");
            if (json_is_string(json_object_get(x, "dob")))
                vg_page_day(&h, vg_jstr(x, "dob"));
            else
                vg_h_raw(&h, "not known");
            vg_h_textf(&h, ": %s match (%s); %lld record%s.", vg_jstr(x, "band"), vg_jstr(x, "evidence"), n,
                       n == 1 ? "" : "s");
            vg_h_raw(&h, "</li>");
        }
        vg_h_raw(&h, "</ul>\n");
    }
    const json_t *incidents = json_object_get(res, "incidents");
    if (json_array_size(incidents)) {
        group_head(&h, "Incidents", json_array_size(incidents), per);
        vg_h_raw(&h, "<ul class=\"govuk-list vg-results\" id=\"results-incidents\">");
        json_array_foreach(incidents, i, x) {
            vg_h_fmt(&h, "<li><a class=\"govuk-link\" href=\"/incidents/%lld\">",
                     (long long)json_integer_value(json_object_get(x, "id")));
            vg_h_text(&h, vg_jstr(x, "reference"));
            vg_h_raw(&h, "</a>: ");
            vg_h_text(&h, vg_jstr(x, "category"));
            vg_h_raw(&h, ", received ");
            vg_page_time_iso(&h, vg_jstr(x, "received"));
            vg_h_raw(&h, "</li>");
        }
        vg_h_raw(&h, "</ul>\n");
    }
    const json_t *crimes = json_object_get(res, "crimes");
    if (json_array_size(crimes)) {
        group_head(&h, "Crimes", json_array_size(crimes), per);
        vg_h_raw(&h, "<ul class=\"govuk-list vg-results\" id=\"results-crimes\">");
        json_array_foreach(crimes, i, x) {
            vg_h_fmt(&h, "<li><a class=\"govuk-link\" href=\"/crimes/%lld\">",
                     (long long)json_integer_value(json_object_get(x, "id")));
            vg_h_text(&h, vg_jstr(x, "reference"));
            vg_h_raw(&h, "</a>: ");
            vg_h_text(&h, vg_jstr(x, "offence"));
            vg_h_raw(&h, ", recorded ");
            vg_page_time_iso(&h, vg_jstr(x, "recorded"));
            vg_h_raw(&h, "</li>");
        }
        vg_h_raw(&h, "</ul>\n");
    }
    const json_t *places = json_object_get(res, "places");
    if (json_array_size(places)) {
        group_head(&h, "Places", json_array_size(places), per);
        vg_h_raw(&h, "<ul class=\"govuk-list vg-results\" id=\"results-places\">");
        json_array_foreach(places, i, x) {
            vg_h_fmt(&h, "<li><a class=\"govuk-link\" href=\"/locations/%lld\">",
                     (long long)json_integer_value(json_object_get(x, "id")));
            vg_h_text(&h, vg_jstr(x, "address"));
            vg_h_raw(&h, "</a></li>");
        }
        vg_h_raw(&h, "</ul>\n");
    }
    if (!total)
        vg_h_raw(&h, "<p class=\"govuk-body\">Nothing found. A person is found by their name, with a date of birth if "
                     "known; a record by its reference; a place by its postcode or house number and street.</p>\n");
    json_decref(res);
    vg_page_end(out, &h, 200);
}

void vg_page_location(vg_http_server *s, vg_http_req *r, vg_http_resp *out)
{
    json_t *v = vg_page_view(s, r, out, "location", vg_service_location_view);
    if (!v)
        return;
    vg_html h = {0};
    vg_page_begin(r, &h, *vg_jstr(v, "address") ? vg_jstr(v, "address") : "A place", NULL);
    /* where it is on the map, and how that is known */
    if (json_is_real(json_object_get(v, "lat"))) {
        vg_h_fmt(&h, "<p class=\"govuk-body\" id=\"position\">On the map at %.5f, %.5f",
                 json_real_value(json_object_get(v, "lat")), json_real_value(json_object_get(v, "lon")));
        if (!strcmp(vg_jstr(v, "placed"), "postcode_centre")) {
            vg_h_raw(&h, ": <strong>the centre of postcode ");
            vg_h_text(&h, vg_jstr(v, "postcode"));
            vg_h_raw(&h, "</strong>, as the address is not in the address base");
        }
        vg_h_raw(&h, ".</p>\n");
    } else
        vg_h_raw(&h, "<p class=\"govuk-body\" id=\"position\">Not on the map: its position is not known.</p>\n");
    if (vg_actor_can(ACTOR, VG_PERM_CASE_CREATE) && ACTOR->police)
        vg_h_fmt(&h, "<p class=\"govuk-body\"><a class=\"govuk-link\" id=\"open-case\" href=\"/cases/new?location=%s\">Open a "
                     "safety-net case about this place</a></p>\n",
                 r->param[0]);
    const json_t *list = json_object_get(v, "incidents");
    if (json_is_array(list)) {
        size_t n = json_array_size(list);
        /* how many there are in all (a count discloses no record) */
        vg_list_query q;
        vg_list_query_init(&q, VG_LIST_INCIDENTS);
        const vg_list_spec *sp = vg_list_spec_of(VG_LIST_INCIDENTS);
        for (size_t i = 0; i < sp->n_filters; i++)
            if (sp->filters[i].kind == VG_LF_PLACE)
                snprintf(q.filter[i], sizeof q.filter[i], "%s", r->param[0]);
        int64_t total = (int64_t)n;
        vg_error ignore;
        if (vg_service_list_count(s->svc, ACTOR, &q, &total, &ignore) != VG_OK)
            total = (int64_t)n;
        vg_h_raw(&h, "<h2 class=\"govuk-heading-m\">Incidents here (");
        vg_page_count(&h, total);
        vg_h_raw(&h, ")</h2>\n");
        if (total > (int64_t)n) {
            vg_h_fmt(&h, "<p class=\"govuk-body\">The newest %zu. <a class=\"govuk-link\" id=\"all-here\" "
                         "href=\"/incidents?location=%s\">All ",
                     n, r->param[0]);
            vg_page_count(&h, total);
            vg_h_raw(&h, " incidents here, page by page</a></p>\n");
        }
        if (!n)
            vg_h_raw(&h, "<p class=\"govuk-body\">None recorded.</p>\n");
        else {
            vg_h_raw(&h, "<ul class=\"govuk-list\">");
            size_t i;
            json_t *x;
            json_array_foreach(list, i, x) {
                vg_h_fmt(&h, "<li><a class=\"govuk-link\" href=\"/incidents/%lld\">",
                         (long long)json_integer_value(json_object_get(x, "id")));
                vg_h_text(&h, vg_jstr(x, "reference"));
                vg_h_raw(&h, "</a>: ");
                vg_category c;
                vg_h_text(&h, vg_category_parse(vg_jstr(x, "category"), &c) ? vg_category_label(c) : vg_jstr(x, "category"));
                vg_h_raw(&h, ", received ");
                vg_page_time_iso(&h, vg_jstr(x, "received"));
                vg_h_raw(&h, "</li>");
            }
            vg_h_raw(&h, "</ul>\n");
        }
    }
    json_decref(v);
    vg_page_end(out, &h, 200);
}
