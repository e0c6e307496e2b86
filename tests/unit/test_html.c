/* test_html.c - the web UI's HTML writer (escaping) and form reader. */
#include "testutil.h"

#include "http/html.h"

static void test_escaping(void **state)
{
    (void)state;
    vg_html h = {0};
    vg_h_raw(&h, "<p title=\"");
    vg_h_text(&h, "O'Neill & \"Sons\" <script>");
    vg_h_raw(&h, "\">");
    vg_h_textf(&h, "%d < %s", 3, "4>");
    vg_h_fmt(&h, "<b>%s</b>", "raw");
    size_t n;
    char *s = vg_h_finish(&h, &n);
    assert_string_equal(s, "<p title=\"O&#39;Neill &amp; &quot;Sons&quot; &lt;script&gt;\">3 &lt; 4&gt;<b>raw</b>");
    assert_int_equal(n, strlen(s));
    free(s);
    /* long formatted text takes the slow path and is escaped the same */
    char big[3000];
    memset(big, '<', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    vg_html h2 = {0};
    vg_h_textf(&h2, "%s", big);
    s = vg_h_finish(&h2, &n);
    assert_int_equal(n, (sizeof big - 1) * 4);
    assert_memory_equal(s, "&lt;&lt;", 8);
    free(s);
    vg_html empty = {0};
    s = vg_h_finish(&empty, &n);
    assert_string_equal(s, "");
    free(s);
}

static void test_forms(void **state)
{
    (void)state;
    const char *body = "csrf=abc&given=Peggy+O%27Neill&empty=&flag&dob=1961-07-04&given=second&pct=100%25";
    size_t len = strlen(body);
    char v[64];
    assert_true(vg_form_get(body, len, "given", v, sizeof v));
    assert_string_equal(v, "Peggy O'Neill"); /* the first of repeated keys */
    assert_true(vg_form_get(body, len, "empty", v, sizeof v));
    assert_string_equal(v, "");
    assert_true(vg_form_get(body, len, "flag", v, sizeof v));
    assert_string_equal(v, "");
    assert_true(vg_form_get(body, len, "pct", v, sizeof v));
    assert_string_equal(v, "100%");
    assert_false(vg_form_get(body, len, "missing", v, sizeof v));
    assert_false(vg_form_get(body, len, "giv", v, sizeof v)); /* whole keys only */
    /* too long for the buffer: refused, not cut */
    char small[5];
    assert_false(vg_form_get(body, len, "dob", small, sizeof small));
    /* malformed escapes and NULs are refused */
    assert_false(vg_form_get("a=%4", 4, "a", v, sizeof v));
    assert_false(vg_form_get("a=%zz", 5, "a", v, sizeof v));
    assert_false(vg_form_get("a=%00x", 6, "a", v, sizeof v));
    /* a key can be escaped too; the length bounds the body (no NUL needed) */
    assert_true(vg_form_get("%63srf=t1&x=y", 9, "csrf", v, sizeof v));
    assert_string_equal(v, "t1");
    assert_false(vg_form_get(NULL, 0, "a", v, sizeof v));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escaping),
        cmocka_unit_test(test_forms),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
