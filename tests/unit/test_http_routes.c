/* test_http_routes.c - docs/api/openapi.yaml describes exactly the routes the server has:
 * a route missing from the file, or a path in the file the server lacks, fails. */
#include "testutil.h"
#include "http/server.h"

#include <ctype.h>

typedef struct doc_route {
    char method[8], path[128];
    bool matched;
} doc_route;

/* Reads "  /api/...:" path lines and "    get:" method lines under them. */
static size_t read_doc(doc_route *out, size_t max)
{
    FILE *f = fopen("docs/api/openapi.yaml", "r");
    if (!f)
        fail_msg("docs/api/openapi.yaml is missing (run the tests from the checkout)");
    char line[512], path[128] = "";
    size_t n = 0;
    bool in_paths = false;
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, "paths:", 6) == 0) {
            in_paths = true;
            continue;
        }
        if (!in_paths)
            continue;
        if (line[0] != ' ' && line[0] != '\n')
            break; /* the next top-level key */
        if (strncmp(line, "  /", 3) == 0 && line[3] != ' ') {
            char *colon = strrchr(line, ':');
            assert_non_null(colon);
            *colon = '\0';
            snprintf(path, sizeof path, "%.127s", line + 2);
            continue;
        }
        static const char *const methods[] = {"get", "post", "put", "patch", "delete", "head"};
        for (size_t m = 0; m < sizeof methods / sizeof methods[0]; m++) {
            size_t len = strlen(methods[m]);
            if (strncmp(line, "    ", 4) == 0 && line[4] != ' ' && strncmp(line + 4, methods[m], len) == 0 &&
                line[4 + len] == ':') {
                assert_true(n < max);
                assert_true(path[0] != '\0');
                for (size_t k = 0; k <= len; k++)
                    out[n].method[k] = (char)toupper((unsigned char)methods[m][k]);
                snprintf(out[n].path, sizeof out[n].path, "%s", path);
                out[n].matched = false;
                n++;
            }
        }
    }
    fclose(f);
    return n;
}

static void test_every_route_is_documented_and_back(void **state)
{
    (void)state;
    doc_route doc[128];
    size_t nd = read_doc(doc, 128);
    assert_true(nd > 10);
    size_t nr;
    const vg_http_route_info *routes = vg_http_routes(&nr);
    int missing = 0;
    for (size_t i = 0; i < nr; i++) {
        bool found = false;
        for (size_t j = 0; j < nd; j++)
            if (strcmp(doc[j].method, routes[i].method) == 0 && strcmp(doc[j].path, routes[i].path) == 0) {
                doc[j].matched = found = true;
            }
        if (!found) {
            print_error("route %s %s is not in docs/api/openapi.yaml\n", routes[i].method, routes[i].path);
            missing++;
        }
    }
    for (size_t j = 0; j < nd; j++)
        if (!doc[j].matched) {
            print_error("docs/api/openapi.yaml has %s %s, which the server does not serve\n", doc[j].method, doc[j].path);
            missing++;
        }
    assert_int_equal(missing, 0);
}

/* Where the sign-in page may send a browser: pages of this server only (regression: a
 * tab after the first slash, which browsers drop, made "//evil.example/"). */
static void test_sign_in_targets(void **state)
{
    (void)state;
    static const char *const good[] = {"/", "/tasking", "/incidents/12", "/tasking?area=16&date=2014-06-30",
                                       "/map?area=Stoke%20Central", "/cases/3"};
    static const char *const bad[] = {"/\t/evil.example/", "//evil.example/", "/\\evil.example", "/\\/evil.example",
                                      "https://evil.example/", "evil.example", "/%2F/evil.example", "/%09/evil.example",
                                      "/\r\n/evil", "/ /evil.example", "/no-such-page", "/api/incidents",
                                      "/incidents/12#x", "", "/tasking\x01", "/login/../..//evil", "/assets/x.js"};
    for (size_t i = 0; i < sizeof good / sizeof *good; i++)
        if (!vg_http_page_target(good[i]))
            fail_msg("refused a page of this server: %s", good[i]);
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        if (vg_http_page_target(bad[i]))
            fail_msg("accepted a target that is not a page of this server: %s", bad[i]);
    assert_false(vg_http_page_target(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_route_is_documented_and_back),
        cmocka_unit_test(test_sign_in_targets),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
