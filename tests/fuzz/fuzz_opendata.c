/* fuzz_opendata.c - libFuzzer harness for the open-data row validators: the first byte
 * picks the format (police.uk street, outcomes, stop and search; Home Office table; ONS
 * population; census households; the local-authority lookup, whose every first field
 * is then matched), the rest is a CSV file. Any input must be accepted or refused with
 * a reason, never crash, overrun or leak. */
#include "base/alloc.h"
#include "io/csv.h"
#include "io/homeoffice.h"
#include "io/la_lookup.h"
#include "io/policeuk.h"
#include "io/population.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    int which = data[0] % 7;
    if (which == 6) { /* the lookup, then each row's first field matched through it */
        vg_la_lookup *lk;
        vg_error e;
        if (vg_la_lookup_read(&lk, (const char *)data + 1, size - 1, "fuzz", &e) == VG_OK) {
            vg_csv *c;
            if (vg_csv_open(&c, (const char *)data + 1, size - 1, NULL, "fuzz", 1) == VG_OK) {
                vg_csv_row row;
                while (vg_csv_next(c, &row, &e) == 1) {
                    vg_la_match m;
                    char why[400] = "";
                    bool ok = row.n && vg_la_lookup_match(lk, row.fields[0].p, row.fields[0].n, &m, why, sizeof why);
                    if ((ok && !vg_force_in_england_wales(m.force)) || (!ok && row.n && !why[0]))
                        abort();
                }
                vg_csv_free(c);
            }
            vg_la_lookup_free(lk);
        } else if (!e.why[0])
            abort();
        if (vg_alloc_live() != 0)
            abort();
        return 0;
    }
    vg_csv *r;
    if (vg_csv_open(&r, (const char *)data + 1, size - 1, NULL, "fuzz", 1) != VG_OK)
        return 0;
    vg_csv_row row;
    vg_error err;
    char why[256];
    bool first = true;
    vg_pop_header ph;
    bool have_header = false;
    while (vg_csv_next(r, &row, &err) == 1) {
        why[0] = '\0';
        bool ok;
        if (which == 0) {
            vg_puk_row s;
            ok = vg_puk_parse_street(&row, &s, why, sizeof why);
            if (ok && (s.month < 199001 || s.month > 210012 || (s.has_coords && (s.lat_e6 < 49000000 || s.lat_e6 > 61500000))))
                abort();
        } else if (which == 1) {
            vg_puk_row o;
            ok = vg_puk_parse_outcome(&row, &o, why, sizeof why);
        } else if (which == 2) {
            vg_puk_stop s;
            vg_puk_file_kind k;
            if (first)
                (void)vg_puk_detect(&row, &k);
            ok = vg_puk_parse_stop(&row, &s, why, sizeof why);
        } else if (which == 3) {
            vg_ho_row h;
            ok = vg_ho_parse_row(&row, &h, why, sizeof why);
            if (ok && !h.force && !h.fraud_body)
                abort();
        } else {
            vg_pop_value v[VG_POP_MAX_COLUMNS];
            if (!have_header) {
                ok = have_header = which == 5 ? vg_pop_parse_households_header(&row, &ph, why, sizeof why)
                                              : vg_pop_parse_header(&row, &ph, why, sizeof why);
            } else {
                int n = vg_pop_parse_row(&ph, &row, v, VG_POP_MAX_COLUMNS, why, sizeof why);
                ok = n >= 0;
                for (int i = 0; i < n; i++)
                    if (vg_pop_by_local_authority(&ph) ? (v[i].force || !v[i].code.n) : !v[i].force)
                        abort();
            }
        }
        if (!ok && !why[0]) /* a refusal always says why */
            abort();
        first = false;
    }
    vg_csv_free(r);
    if (vg_alloc_live() != 0)
        abort();
    return 0;
}
