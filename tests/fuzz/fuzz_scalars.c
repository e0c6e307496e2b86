/* fuzz_scalars.c - libFuzzer harness for the scalar parsers: ISO 8601 instants, dates and
 * months, numbers, micro-degrees, UTF-8 validation and police.uk file names, dates as
 * people type them (dd/mm/yyyy or ISO), UK local time and counts with separators. Parsed
 * values must format back to text that parses to the same value. */
#include "base/str.h"
#include "base/time.h"
#include "io/policeuk.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    vg_str s = {(const char *)data, size};
    vg_time t;
    if (vg_time_parse(s, &t)) {
        char buf[VG_TIME_LEN];
        vg_time t2;
        vg_time_format(t, buf);
        if (!vg_time_parse(vg_str_c(buf), &t2) || t2 != t)
            abort();
    }
    vg_date d;
    if (vg_date_parse(s, &d)) {
        char buf[VG_DATE_LEN];
        vg_date_format(d, buf);
        if (size != 10 || memcmp(buf, data, 10) != 0)
            abort();
    }
    vg_month m;
    if (vg_month_parse(s, &m) && (vg_month_num(m) < 1 || vg_month_num(m) > 12))
        abort();
    int64_t i;
    uint64_t u;
    double x;
    int32_t micro;
    (void)vg_str_to_i64(s, &i);
    (void)vg_str_to_u64(s, &u);
    if (vg_str_to_double(s, &x) && x != x)
        abort(); /* NaN must never come out */
    if (vg_parse_microdegrees(s, &micro) && (micro > 180000000 || micro < -180000000))
        abort();
    size_t bad;
    (void)vg_utf8_valid(s.p, s.n, &bad);
    char path[256], slug[64];
    if (size < sizeof path) {
        memcpy(path, data, size);
        path[size] = '\0';
        int yyyymm;
        vg_puk_file_kind k;
        if (vg_puk_parse_file_name(path, &yyyymm, slug, sizeof slug, &k) && (yyyymm % 100 < 1 || yyyymm % 100 > 12))
            abort();
    }
    /* a date as typed: a real date that reads back from its ISO form */
    char typed[64];
    size_t tn = size < sizeof typed - 1 ? size : sizeof typed - 1;
    memcpy(typed, data, tn);
    typed[tn] = '\0';
    vg_date dt, back;
    if (vg_date_read(typed, &dt)) {
        char iso[VG_DATE_LEN];
        vg_date_format(dt, iso);
        if (!vg_date_read(iso, &back) || back != dt)
            abort();
    }
    /* UK time is UTC or an hour ahead; a count's text has its digits and separators only */
    if (size >= 8) {
        int64_t v;
        memcpy(&v, data, 8);
        vg_time at = (vg_time)(v % 400000000000LL);
        vg_time uk = vg_time_uk(at, NULL);
        if (uk != at && uk != at + 3600)
            abort();
        char c[32];
        vg_count_text(v, c, sizeof c);
        for (const char *p = c; *p; p++)
            if (!(*p >= '0' && *p <= '9') && *p != ',' && !(*p == '-' && p == c))
                abort();
    }
    return 0;
}
