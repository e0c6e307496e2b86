/* test_html.c - the web UI's HTML writer (escaping) and form reader. */
#include "testutil.h"

#include "base/str.h"
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

/* Regression: the form reader left a prefix in the buffer when a value was too long, and
 * the pages ignored the result, so a 70-character username became a valid 63-character
 * one and a description was cut at 3,999 bytes in the middle of a character. */
static void test_forms_never_truncate(void **state)
{
    (void)state;
    char body[30000], user[VG_MAX_USERNAME + 1], text[VG_MAX_DESCRIPTION + 1];
    int k = snprintf(body, sizeof body, "username=");
    for (int i = 0; i < 70; i++)
        body[k++] = 'a';
    k += snprintf(body + k, sizeof body - (size_t)k, "&description=");
    for (int i = 0; i < 2000; i++) /* 4,000 bytes of two-byte characters, then one more */
        k += snprintf(body + k, sizeof body - (size_t)k, "%%C3%%A9");
    k += snprintf(body + k, sizeof body - (size_t)k, "%%C3%%A9&ok=fine");
    vg_form f;
    vg_form_init(&f, body, (size_t)k);
    memset(user, 'Z', sizeof user);
    assert_false(vg_form_text(&f, "username", VG_LIM_USERNAME, user, sizeof user));
    assert_string_equal(user, ""); /* nothing of it kept */
    assert_true(f.failed);
    assert_string_equal(f.field, "username");
    assert_non_null(strstr(f.why, "70 bytes is longer than the limit of 63 bytes for a username"));
    /* the description is read whole (4,002 bytes, within its limit), every character intact */
    assert_true(vg_form_text(&f, "description", VG_LIM_DESCRIPTION, text, sizeof text));
    assert_int_equal(strlen(text), 4002);
    assert_true(vg_utf8_valid(text, strlen(text), NULL));
    char ok[8];
    assert_true(vg_form_text(&f, "ok", VG_LIM_CODE, ok, sizeof ok));
    assert_string_equal(ok, "fine");
    assert_string_equal(f.field, "username"); /* the first problem is the one named */
    vg_error err;
    assert_int_equal(vg_form_error(&f, &err), VG_ERR_INVALID_INPUT);
    assert_string_equal(err.where, "username");
    /* a buffer smaller than the value: refused and measured, never cut */
    char small[5];
    size_t got = 0;
    assert_int_equal(vg_form_read(body, (size_t)k, "username", small, sizeof small, &got), VG_FORM_TOO_LONG);
    assert_int_equal(got, 70);
    assert_string_equal(small, "");
    /* not UTF-8: refused */
    assert_int_equal(vg_form_read("a=%C3", 5, "a", small, sizeof small, NULL), VG_FORM_MALFORMED);
    assert_int_equal(vg_form_read("a=%FF%FE", 8, "a", small, sizeof small, NULL), VG_FORM_MALFORMED);
    vg_form_init(&f, "a=1", 3);
    assert_false(vg_form_text(&f, "b", VG_LIM_CODE, small, sizeof small)); /* absent is not a problem */
    assert_false(f.failed);
    assert_int_equal(vg_form_error(&f, &err), VG_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escaping),
        cmocka_unit_test(test_forms),
        cmocka_unit_test(test_forms_never_truncate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
