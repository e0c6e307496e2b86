/* fuzz_points.c - libFuzzer harness for the events reader of the analyses: any input,
 * with any of the date orders and with or without longitude/latitude, must be read or
 * refused with a located error, never crash or leak; every event read has a finite
 * position, and the events read and rows skipped never exceed the rows given. */
#include "io/points.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    vg_points_options o = {.dates = (vg_date_order)(data[0] % 3), .lonlat = (data[0] >> 2) & 1};
    const char *text = (const char *)data + 1;
    size_t len = size - 1;
    size_t lines = 1;
    for (size_t i = 0; i < len; i++)
        lines += text[i] == '\n' || text[i] == '\r';
    vg_points p;
    vg_error err;
    if (vg_points_parse(text, len, "fuzz", &o, &p, &err) != VG_OK) {
        if (!err.where[0] || !err.why[0])
            abort(); /* an error must say where and why */
        return 0;
    }
    if (p.n + p.skipped > lines)
        abort();
    for (size_t i = 0; i < p.n; i++)
        if (!isfinite(p.p[i].x) || !isfinite(p.p[i].y))
            abort();
    vg_points_free(&p);
    return 0;
}
