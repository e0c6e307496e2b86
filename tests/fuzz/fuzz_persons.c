/* fuzz_persons.c - libFuzzer harness for an earlier system's person records: the input's
 * first line is a column map (as `vigil import persons --map` takes), the rest a CSV file
 * whose header the map is read against and whose rows are read through it. Any input
 * must be accepted or refused with a reason (a field named for a row), never crash,
 * overrun or leak; what is accepted fits its named limits. */
#include "base/alloc.h"
#include "io/persons_csv.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *nl = memchr(data, '\n', size);
    if (!nl)
        return 0;
    size_t ml = (size_t)(nl - (const char *)data);
    char *map = malloc(ml + 1);
    memcpy(map, data, ml);
    map[ml] = '\0';
    vg_csv *r;
    if (vg_csv_open(&r, nl + 1, size - ml - 1, NULL, "fuzz", 1) == VG_OK) {
        vg_csv_row row;
        vg_error err;
        vg_person_map m;
        char why[300] = "", field[32];
        if (vg_csv_next(r, &row, &err) == 1) {
            bool ok = vg_person_map_parse(map, &row, &m, why, sizeof why);
            if (!ok && !why[0])
                abort();
            while (ok && vg_csv_next(r, &row, &err) == 1) {
                vg_person_row p;
                why[0] = field[0] = '\0';
                if (vg_person_row_parse(&m, &row, &p, field, sizeof field, why, sizeof why)) {
                    if (!p.source_id[0] || !p.family[0] || strlen(p.address) > VG_MAX_ADDRESS ||
                        strlen(p.given) > VG_MAX_NAME)
                        abort();
                } else if (!why[0] || !field[0])
                    abort();
            }
        }
        vg_csv_free(r);
    }
    free(map);
    if (vg_alloc_live() != 0)
        abort();
    return 0;
}
