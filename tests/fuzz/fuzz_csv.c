/* fuzz_csv.c - libFuzzer harness for the CSV reader: any input must parse or fail with a
 * located error, never crash or leak; and when it parses, chunked parsing (as the
 * parallel importer does it) must give the same rows and line numbers. */
#include "base/alloc.h"
#include "io/csv.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct digest {
    uint64_t rows, fields, bytes, lines;
} digest;

static int run(const char *data, size_t len, uint64_t first_line, digest *d)
{
    vg_csv *r;
    vg_csv_limits lim = {.max_field = 4096, .max_fields = 64};
    if (vg_csv_open(&r, data, len, &lim, "fuzz", first_line) != VG_OK)
        return -1;
    vg_csv_row row;
    vg_error err;
    int rc;
    while ((rc = vg_csv_next(r, &row, &err)) == 1) {
        d->rows++;
        d->fields += row.n;
        d->lines += row.line;
        for (size_t i = 0; i < row.n; i++) {
            d->bytes += row.fields[i].n;
            if (row.fields[i].n && !row.fields[i].p)
                abort();
        }
        if (row.offset + row.len > len)
            abort();
    }
    if (rc < 0 && err.code != VG_ERR_INVALID_INPUT && err.code != VG_ERR_TOO_LARGE && err.code != VG_ERR_NOMEM)
        abort();
    vg_csv_free(r);
    return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    digest whole = {0};
    int rc = run(s, size, 1, &whole);
    if (rc == 0 && size > 3 && memcmp(s, "\xEF\xBB\xBF", 3) != 0) {
        size_t starts[3];
        uint64_t lines[3];
        size_t n = vg_csv_split(s, size, 3, 1, starts, lines);
        digest parts = {0};
        for (size_t c = 0; c < n; c++) {
            size_t end = c + 1 < n ? starts[c + 1] : size;
            if (run(s + starts[c], end - starts[c], lines[c], &parts) != 0)
                abort();
        }
        if (parts.rows != whole.rows || parts.fields != whole.fields || parts.bytes != whole.bytes ||
            parts.lines != whole.lines)
            abort();
    }
    if (vg_alloc_live() != 0)
        abort();
    return 0;
}
