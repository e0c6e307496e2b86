/* test_json_out.c - the server's JSON writer: exact text for the values Vigil writes, and
 * for random trees the text parses back to an equal tree. */
#include "testutil.h"
#include "base/rng.h"
#include "io/json_out.h"

#include <math.h>

static void text_is(json_t *j, const char *want)
{
    size_t n;
    char *t = vg_json_text(j, &n);
    assert_non_null(t);
    assert_int_equal(n, strlen(t));
    if (strcmp(t, want) != 0)
        fail_msg("got %s, want %s", t, want);
    free(t);
    json_decref(j);
}

static void test_exact(void **state)
{
    (void)state;
    text_is(json_pack("{s:i,s:s,s:b,s:n}", "a", -42, "b", "x", "c", 1, "d"), "{\"a\":-42,\"b\":\"x\",\"c\":true,\"d\":null}");
    text_is(json_pack("[f,f,f,f,f,f]", 7.21, 13.97, 1.0, 0.0, -4.56, 0.999998), "[7.21,13.97,1.0,0.0,-4.56,0.999998]");
    text_is(json_pack("[f,f,f]", 1e20, 0.1234567, 123456789.5), "[1e+20,0.1234567,123456789.5]");
    text_is(json_string("quote \" backslash \\ newline \n tab \t bell \a del \x7f é"),
            "\"quote \\\" backslash \\\\ newline \\n tab \\t bell \\u0007 del \x7f é\"");
    text_is(json_pack("{s:[],s:{}}", "empty", "obj"), "{\"empty\":[],\"obj\":{}}");
    text_is(json_integer(INT64_MIN), "-9223372036854775808");
    /* insertion order, as json_dumps keeps it */
    text_is(json_pack("{s:i,s:i,s:i}", "z", 1, "a", 2, "m", 3), "{\"z\":1,\"a\":2,\"m\":3}");
    assert_null(vg_json_text(NULL, NULL));
}

static json_t *random_tree(vg_rng *r, int depth)
{
    int kind = (int)vg_rng_below(r, depth > 3 ? 5 : 7);
    switch (kind) {
    case 0: return json_integer((json_int_t)(vg_rng_next(r) >> 1) * (vg_rng_chance(r, 0.5) ? 1 : -1));
    case 1: {
        double v = vg_rng_chance(r, 0.5) ? round((vg_rng_unit(r) - 0.5) * 1e8) / 100
                                         : (vg_rng_unit(r) - 0.5) * pow(10, (double)vg_rng_below(r, 40) - 20);
        return json_real(v);
    }
    case 2: {
        char s[32];
        size_t n = vg_rng_below(r, sizeof s);
        for (size_t i = 0; i < n; i++)
            s[i] = (char)(1 + vg_rng_below(r, 126)); /* ASCII incl. controls, quotes, backslashes */
        return json_stringn(s, n);
    }
    case 3: return vg_rng_chance(r, 0.5) ? json_true() : json_null();
    case 4: return json_false();
    case 5: {
        json_t *a = json_array();
        for (int i = (int)vg_rng_below(r, 5); i > 0; i--)
            json_array_append_new(a, random_tree(r, depth + 1));
        return a;
    }
    default: {
        json_t *o = json_object();
        for (int i = (int)vg_rng_below(r, 5); i > 0; i--) {
            char key[32];
            snprintf(key, sizeof key, "k%d\"%d", i, (int)vg_rng_below(r, 100));
            json_object_set_new(o, key, random_tree(r, depth + 1));
        }
        return o;
    }
    }
}

static void test_round_trip(void **state)
{
    (void)state;
    vg_rng r;
    vg_rng_seed(&r, 11);
    for (int i = 0; i < 3000; i++) {
        json_t *j = random_tree(&r, 0);
        char *t = vg_json_text(j, NULL);
        assert_non_null(t);
        json_error_t e;
        json_t *back = json_loads(t, JSON_DECODE_ANY, &e);
        if (!back)
            fail_msg("not JSON: %s (%s)", t, e.text);
        /* reals compare by value at 12 significant digits */
        char *a = json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY | JSON_REAL_PRECISION(12));
        char *b = json_dumps(back, JSON_COMPACT | JSON_ENCODE_ANY | JSON_REAL_PRECISION(12));
        if (strcmp(a, b) != 0)
            fail_msg("round trip changed the tree:\n%s\n%s\n(text %s)", a, b, t);
        free(a);
        free(b);
        free(t);
        json_decref(back);
        json_decref(j);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exact),
        cmocka_unit_test(test_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
