/* test_base.c - errors, allocation with fault injection, capped buffers, string views,
 * ISO 8601 dates and times, UTF-8 validation, the RNG and the progress bar. */
#include "testutil.h"

#include "base/alloc.h"
#include "base/buf.h"
#include "base/err.h"
#include "base/geo.h"
#include "base/progress.h"
#include "base/rng.h"
#include "base/str.h"
#include "base/time.h"

#include <math.h>

static void test_error_detail(void **state)
{
    (void)state;
    vg_error e;
    vg_error_clear(&e);
    assert_int_equal(e.code, VG_OK);
    assert_int_equal(vg_error_set(&e, VG_ERR_INVALID_INPUT, "file.csv:12:3", "bad month '%s'", "2014-13"),
                     VG_ERR_INVALID_INPUT);
    char msg[256];
    vg_error_format(&e, msg, sizeof msg);
    assert_string_equal(msg, "file.csv:12:3: bad month '2014-13'");
    assert_string_equal(vg_strerror(VG_ERR_NOMEM), "out of memory");
    assert_string_equal(vg_strerror((vg_err)999), "unknown error");
    /* NULL detail is allowed and the code still comes back */
    assert_int_equal(vg_error_set(NULL, VG_ERR_IO, NULL, "x"), VG_ERR_IO);
    /* long messages are truncated, not overflowed */
    char big[2000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    vg_error_set(&e, VG_ERR_IO, big, "%s", big);
    assert_int_equal(strlen(e.where), sizeof e.where - 1);
    assert_int_equal(strlen(e.why), sizeof e.why - 1);
}

static void test_alloc_fault_injection(void **state)
{
    (void)state;
    int64_t live = vg_alloc_live();
    vg_alloc_fail_at(2);
    void *a = vg_malloc(10);
    void *b = vg_malloc(10); /* the second allocation fails */
    void *c = vg_malloc(10); /* and only that one */
    assert_non_null(a);
    assert_null(b);
    assert_non_null(c);
    assert_true(vg_alloc_failed());
    assert_int_equal(vg_alloc_size(a), 10);
    vg_free(a);
    vg_free(c);
    assert_int_equal(vg_alloc_live(), live);
    vg_alloc_fail_at(0);
    /* realloc failure leaves the block intact */
    char *p = vg_strdup("hello");
    vg_alloc_fail_at(1);
    assert_null(vg_realloc(p, 100));
    assert_string_equal(p, "hello");
    vg_free(p);
    assert_null(vg_calloc(SIZE_MAX / 2, 4)); /* overflow is refused */
    assert_int_equal(vg_alloc_live(), live);
}

static void test_buf_cap(void **state)
{
    (void)state;
    vg_buf b;
    vg_buf_init(&b, 10);
    assert_string_equal(vg_buf_str(&b), "");
    assert_int_equal(vg_buf_puts(&b, "hello"), VG_OK);
    assert_int_equal(vg_buf_printf(&b, "%d", 1234), VG_OK);
    assert_string_equal(vg_buf_str(&b), "hello1234");
    assert_int_equal(vg_buf_puts(&b, "ab"), VG_ERR_TOO_LARGE); /* would be 11 > 10 */
    assert_string_equal(vg_buf_str(&b), "hello1234");           /* unchanged */
    assert_int_equal(vg_buf_putc(&b, '!'), VG_OK);
    assert_int_equal(b.len, 10);
    char *taken = vg_buf_take(&b);
    assert_string_equal(taken, "hello1234!");
    assert_int_equal(b.len, 0);
    vg_free(taken);
    /* growth across many appends */
    vg_buf_init(&b, 1 << 20);
    for (int i = 0; i < 10000; i++)
        assert_int_equal(vg_buf_append(&b, "0123456789", 10), VG_OK);
    assert_int_equal(b.len, 100000);
    vg_buf_free(&b);
    /* out of memory while growing is reported, content kept */
    vg_buf_init(&b, 1 << 20);
    assert_int_equal(vg_buf_puts(&b, "x"), VG_OK);
    vg_alloc_fail_at(1);
    char chunk[200];
    memset(chunk, 'y', sizeof chunk);
    assert_int_equal(vg_buf_append(&b, chunk, sizeof chunk), VG_ERR_NOMEM);
    assert_string_equal(vg_buf_str(&b), "x");
    vg_buf_free(&b);
}

static void test_str_numbers(void **state)
{
    double list[4];
    size_t nl;
    assert_true(vg_str_to_doubles("0, 0.1,200", list, 4, &nl) && nl == 3 && list[1] == 0.1 && list[2] == 200);
    assert_false(vg_str_to_doubles("0,,1", list, 4, &nl));
    assert_false(vg_str_to_doubles("1,2,3,4,5", list, 4, &nl)); /* more than room for */
    assert_false(vg_str_to_doubles("", list, 4, &nl));
    assert_false(vg_str_to_doubles("7,x", list, 4, &nl));
    (void)state;
    int64_t i;
    uint64_t u;
    double d;
    assert_true(vg_str_to_i64(vg_str_c("-42"), &i) && i == -42);
    assert_true(vg_str_to_i64(vg_str_c("9223372036854775807"), &i) && i == INT64_MAX);
    assert_true(vg_str_to_i64(vg_str_c("-9223372036854775808"), &i) && i == INT64_MIN);
    assert_false(vg_str_to_i64(vg_str_c("9223372036854775808"), &i));
    assert_false(vg_str_to_i64(vg_str_c(""), &i));
    assert_false(vg_str_to_i64(vg_str_c(" 1"), &i));
    assert_false(vg_str_to_i64(vg_str_c("1x"), &i));
    assert_false(vg_str_to_u64(vg_str_c("18446744073709551616"), &u));
    assert_true(vg_str_to_u64(vg_str_c("18446744073709551615"), &u) && u == UINT64_MAX);
    assert_true(vg_str_to_double(vg_str_c("-1.25"), &d) && d == -1.25);
    assert_true(vg_str_to_double(vg_str_c("5e3"), &d) && d == 5000);
    assert_true(vg_str_to_double(vg_str_c(".5"), &d) && d == 0.5);
    assert_false(vg_str_to_double(vg_str_c("nan"), &d));
    assert_false(vg_str_to_double(vg_str_c("inf"), &d));
    assert_false(vg_str_to_double(vg_str_c("0x10"), &d));
    assert_false(vg_str_to_double(vg_str_c("1e"), &d));
    assert_false(vg_str_to_double(vg_str_c("-"), &d));
    assert_false(vg_str_to_double(vg_str_c("1e999"), &d));
    /* views are counted, not NUL-terminated */
    vg_str v = {"12345", 3};
    assert_true(vg_str_to_i64(v, &i) && i == 123);
}

static void test_str_views(void **state)
{
    (void)state;
    vg_str head, rest = vg_str_c("a,b,,c");
    int n = 0;
    const char *want[] = {"a", "b", "", "c"};
    while (rest.p) {
        rest = vg_str_split(rest, ',', &head);
        assert_true(vg_str_eq_c(head, want[n]));
        n++;
    }
    assert_int_equal(n, 4);
    assert_true(vg_str_eq_c(vg_str_trim(vg_str_c("  x y \t\r\n")), "x y"));
    assert_true(vg_str_ieq_c(vg_str_c("Hampshire"), "HAMPSHIRE"));
    assert_true(vg_str_starts_with(vg_str_c("E01000001"), "E01"));
    char out[4];
    assert_false(vg_str_copy(vg_str_c("abcdef"), out, sizeof out));
    assert_string_equal(out, "abc");
    assert_true(vg_str_eq_c(vg_str_sub(vg_str_c("abc"), 1, 99), "bc"));
    assert_true(vg_str_eq_c(vg_str_sub(vg_str_c("abc"), 9, 1), ""));
}

static void test_utf8(void **state)
{
    (void)state;
    size_t at;
    assert_true(vg_utf8_valid("Zieliński Müller Ó Briain", strlen("Zieliński Müller Ó Briain"), NULL));
    assert_true(vg_utf8_valid("\xF0\x9F\x98\x80", 4, NULL)); /* U+1F600 */
    assert_false(vg_utf8_valid("ab\xC3", 3, &at));           /* truncated */
    assert_int_equal(at, 2);
    assert_false(vg_utf8_valid("\xC0\xAF", 2, &at));         /* overlong '/' */
    assert_false(vg_utf8_valid("\xED\xA0\x80", 3, &at));     /* surrogate */
    assert_false(vg_utf8_valid("\xF4\x90\x80\x80", 4, &at)); /* > U+10FFFF */
    assert_false(vg_utf8_valid("x\xFFy", 3, &at));
    assert_int_equal(at, 1);
}

static void test_dates(void **state)
{
    (void)state;
    vg_date d;
    assert_true(vg_date_from_ymd(1970, 1, 1, &d) && d == 0);
    assert_true(vg_date_from_ymd(2000, 2, 29, &d));
    assert_false(vg_date_from_ymd(1900, 2, 29, &d)); /* not a leap year */
    assert_false(vg_date_from_ymd(2014, 4, 31, &d));
    assert_true(vg_date_parse(vg_str_c("2014-06-30"), &d));
    char buf[VG_DATE_LEN];
    vg_date_format(d, buf);
    assert_string_equal(buf, "2014-06-30");
    assert_int_equal(vg_date_weekday(d), 1); /* a Monday */
    assert_false(vg_date_parse(vg_str_c("2014-6-30"), &d));
    assert_false(vg_date_parse(vg_str_c("2014-13-01"), &d));
    assert_false(vg_date_parse(vg_str_c("30/06/2014"), &d));
    /* round trip over a wide range */
    for (vg_date k = -800000; k < 800000; k += 997) {
        int y, m, dd;
        vg_date_to_ymd(k, &y, &m, &dd);
        vg_date back;
        if (y >= 1 && y <= 9999) {
            assert_true(vg_date_from_ymd(y, m, dd, &back));
            assert_int_equal(back, k);
        }
    }
    vg_month mo;
    assert_true(vg_month_parse(vg_str_c("2014-06"), &mo));
    assert_int_equal(vg_month_year(mo), 2014);
    assert_int_equal(vg_month_num(mo), 6);
    char mb[VG_MONTH_LEN];
    vg_month_format(mo + 7, mb);
    assert_string_equal(mb, "2015-01");
    assert_false(vg_month_parse(vg_str_c("2014-00"), &mo));
    assert_false(vg_month_parse(vg_str_c("2014-06-01"), &mo));
}

static void test_times(void **state)
{
    (void)state;
    vg_time t;
    char buf[VG_TIME_LEN];
    assert_true(vg_time_parse(vg_str_c("2014-06-01T10:00:00Z"), &t));
    vg_time_format(t, buf);
    assert_string_equal(buf, "2014-06-01T10:00:00Z");
    assert_true(vg_time_parse(vg_str_c("2014-06-01T11:30+01:00"), &t));
    vg_time_format(t, buf);
    assert_string_equal(buf, "2014-06-01T10:30:00Z");
    assert_true(vg_time_parse(vg_str_c("2014-06-01 09:00:05.123-0130"), &t));
    vg_time_format(t, buf);
    assert_string_equal(buf, "2014-06-01T10:30:05Z");
    assert_true(vg_time_parse(vg_str_c("2014-06-01"), &t));
    vg_time_format(t, buf);
    assert_string_equal(buf, "2014-06-01T00:00:00Z");
    assert_true(vg_time_parse(vg_str_c("1969-12-31T23:59:59Z"), &t) && t == -1);
    vg_time_format(-1, buf);
    assert_string_equal(buf, "1969-12-31T23:59:59Z");
    const char *bad[] = {"2014-06-01T24:00Z", "2014-06-01T10:60Z", "2014-06-01T10:00:60Z", "2014-06-01T10",
                         "2014-06-01T10:00Zjunk", "2014-06-01X10:00", "2014-06-01T10:00+25:00", "2014-06-01T10:00:00.",
                         ""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_false(vg_time_parse(vg_str_c(bad[i]), &t));
}

static void test_rng_deterministic(void **state)
{
    (void)state;
    vg_rng a, b;
    vg_rng_seed(&a, 42);
    vg_rng_seed(&b, 42);
    for (int i = 0; i < 1000; i++)
        assert_true(vg_rng_next(&a) == vg_rng_next(&b));
    vg_rng_seed(&b, 43);
    int same = 0;
    for (int i = 0; i < 100; i++)
        same += vg_rng_next(&a) == vg_rng_next(&b);
    assert_true(same < 2);
    /* below() stays in range and covers it; unit() in [0,1); poisson mean close */
    int seen[7] = {0};
    double sum = 0;
    for (int i = 0; i < 70000; i++) {
        uint64_t x = vg_rng_below(&a, 7);
        assert_true(x < 7);
        seen[x]++;
        double u = vg_rng_unit(&a);
        assert_true(u >= 0 && u < 1);
        sum += (double)vg_rng_poisson(&a, 3.0);
    }
    for (int k = 0; k < 7; k++)
        assert_true(seen[k] > 9000 && seen[k] < 11000);
    assert_true(fabs(sum / 70000 - 3.0) < 0.05);
    double cum[3] = {1, 1, 4}; /* weights 1, 0, 3 */
    int picks[3] = {0};
    for (int i = 0; i < 40000; i++)
        picks[vg_rng_pick_cumulative(&a, cum, 3)]++;
    assert_int_equal(picks[1], 0);
    assert_true(picks[2] > 2.7 * picks[0] && picks[2] < 3.3 * picks[0]);
}

static void test_progress_quiet_when_not_tty(void **state)
{
    (void)state;
    FILE *f = tmpfile();
    assert_non_null(f);
    vg_progress p;
    vg_progress_start(&p, f, "work", 100, -1); /* auto: a file is not a terminal */
    assert_false(p.enabled);
    vg_progress_update(&p, 50);
    vg_progress_finish(&p);
    assert_int_equal(ftell(f), 0);
    vg_progress_start(&p, f, "work", 100, 1); /* forced on */
    vg_progress_update(&p, 50);
    vg_progress_finish(&p);
    long n = ftell(f);
    assert_true(n > 0);
    rewind(f);
    char buf[256] = {0};
    assert_true(fread(buf, 1, sizeof buf - 1, f) > 0);
    assert_non_null(strstr(buf, "100%"));
    fclose(f);
}

static void test_geo_bng(void **state)
{
    (void)state;
    vg_geo *g;
    vg_error err;
    assert_int_equal(vg_geo_open(&g, &err), VG_OK);
    /* Ordnance Survey worked example area: Winchester cathedral is near E 448200 N 129300,
     * i.e. about 51.0606 N, 1.3131 W. PROJ without grids is good to a few metres. */
    double lat, lon, e, n;
    assert_int_equal(vg_geo_bng_to_wgs84(g, 448200, 129300, &lat, &lon), VG_OK);
    assert_true(fabs(lat - 51.0606) < 0.001);
    assert_true(fabs(lon - -1.3131) < 0.001);
    assert_int_equal(vg_geo_wgs84_to_bng(g, lat, lon, &e, &n), VG_OK);
    assert_true(fabs(e - 448200) < 0.01 && fabs(n - 129300) < 0.01);
    assert_true(vg_geo_in_uk(lat, lon));
    assert_false(vg_geo_in_uk(48.85, 2.35)); /* Paris */
    vg_geo_close(g);
}

/* UK local time: British Summer Time from 01:00 UTC on the last Sunday of March to 01:00
 * UTC on the last Sunday of October */
static void test_uk_time(void **state)
{
    (void)state;
    vg_time t;
    bool summer;
    assert_true(vg_time_parse(vg_str_c("2026-03-29T00:59:59Z"), &t)); /* the last Sunday of March 2026 */
    assert_int_equal(vg_time_uk(t, &summer), t);
    assert_false(summer);
    assert_true(vg_time_parse(vg_str_c("2026-03-29T01:00:00Z"), &t));
    assert_int_equal(vg_time_uk(t, &summer), t + 3600);
    assert_true(summer);
    assert_true(vg_time_parse(vg_str_c("2026-10-25T00:59:59Z"), &t)); /* the last Sunday of October 2026 */
    assert_int_equal(vg_time_uk(t, &summer), t + 3600);
    assert_true(vg_time_parse(vg_str_c("2026-10-25T01:00:00Z"), &t));
    assert_int_equal(vg_time_uk(t, &summer), t);
    assert_false(summer);
    assert_true(vg_time_parse(vg_str_c("2014-07-01T15:09:24Z"), &t)); /* July */
    assert_int_equal(vg_time_uk(t, NULL), t + 3600);
    assert_true(vg_time_parse(vg_str_c("2026-12-07T14:00:00Z"), &t)); /* December */
    assert_int_equal(vg_time_uk(t, NULL), t);
    /* a year whose 31 March is the Sunday (2024) */
    assert_true(vg_time_parse(vg_str_c("2024-03-31T01:00:00Z"), &t));
    assert_int_equal(vg_time_uk(t, &summer), t + 3600);
    assert_true(vg_time_parse(vg_str_c("2024-03-30T12:00:00Z"), &t));
    assert_int_equal(vg_time_uk(t, &summer), t);
}

static void test_people_dates_and_counts(void **state)
{
    (void)state;
    vg_date d, want;
    assert_true(vg_date_from_ymd(2026, 12, 10, &want));
    assert_true(vg_date_read("10/12/2026", &d));
    assert_int_equal(d, want);
    assert_true(vg_date_read("2026-12-10", &d));
    assert_int_equal(d, want);
    assert_true(vg_date_read("1/2/2026", &d));
    assert_false(vg_date_read("32/01/2014", &d));
    assert_false(vg_date_read("29/02/2026", &d));
    assert_false(vg_date_read("10/12/26", &d));
    assert_false(vg_date_read("10/12/2026x", &d));
    assert_false(vg_date_read("", &d));
    assert_false(vg_date_read(NULL, &d));
    char buf[32];
    vg_count_text(0, buf, sizeof buf);
    assert_string_equal(buf, "0");
    vg_count_text(999, buf, sizeof buf);
    assert_string_equal(buf, "999");
    vg_count_text(8339, buf, sizeof buf);
    assert_string_equal(buf, "8,339");
    vg_count_text(404716, buf, sizeof buf);
    assert_string_equal(buf, "404,716");
    vg_count_text(-1024000, buf, sizeof buf);
    assert_string_equal(buf, "-1,024,000");
    vg_count_text(INT64_MIN, buf, sizeof buf);
    assert_string_equal(buf, "-9,223,372,036,854,775,808");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_error_detail),    cmocka_unit_test(test_alloc_fault_injection),
        cmocka_unit_test(test_buf_cap),         cmocka_unit_test(test_str_numbers),
        cmocka_unit_test(test_str_views),       cmocka_unit_test(test_utf8),
        cmocka_unit_test(test_dates),           cmocka_unit_test(test_times),
        cmocka_unit_test(test_rng_deterministic), cmocka_unit_test(test_progress_quiet_when_not_tty),
        cmocka_unit_test(test_geo_bng),         cmocka_unit_test(test_uk_time),
        cmocka_unit_test(test_people_dates_and_counts),
    };
    return cmocka_run_group_tests_name("base", tests, NULL, NULL);
}
