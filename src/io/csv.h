/* csv.h - a fast RFC 4180 CSV reader over a memory buffer (usually a memory-mapped
 * file): quoted fields with commas, quotes and newlines; CRLF and LF; a UTF-8 BOM;
 * per-field and per-row limits; errors with line and column. Rows come out one at a
 * time as counted views. Ragged rows are not guessed at: each row reports its own field
 * count and the caller decides. vg_csv_split cuts a buffer into chunks at row boundaries
 * so several threads can parse one file. */
#ifndef VG_CSV_H
#define VG_CSV_H

#include "base/err.h"
#include "base/str.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct vg_csv_limits {
    size_t max_field;  /* bytes in one field (after unescaping); default 65536 */
    size_t max_fields; /* fields in one row; default 1024 */
} vg_csv_limits;

typedef struct vg_csv_row {
    const vg_str *fields; /* valid until the next vg_csv_next call */
    size_t n;
    uint64_t line;        /* physical line (1-based) where the row starts */
    size_t offset;        /* byte offset of the row in the buffer */
    size_t len;           /* bytes of the row, excluding its line ending */
} vg_csv_row;

typedef struct vg_csv vg_csv;

/* Reader over data[0..len). name is used in error messages ("file.csv:12:3").
 * first_line is the line number of data[0] (1 for a whole file). A UTF-8 BOM at the
 * start is skipped when first_line is 1. Caller owns *out; free with vg_csv_free. */
vg_err vg_csv_open(vg_csv **out, const char *data, size_t len, const vg_csv_limits *limits,
                   const char *name, uint64_t first_line) VG_MUST_CHECK;
void vg_csv_free(vg_csv *r);

/* Reads the next row: 1 with *row filled, 0 at the end, -1 on malformed input with
 * err = VG_ERR_INVALID_INPUT ("name:line:column", reason) or VG_ERR_TOO_LARGE. */
int vg_csv_next(vg_csv *r, vg_csv_row *row, vg_error *err);

/* Splits data into at most max_chunks pieces of similar size (none smaller than
 * min_chunk bytes), each starting at the beginning of a row (never inside a quoted
 * field; a BOM stays in the first chunk). Fills starts[k] (byte offsets,
 * starts[0] = 0) and lines[k] (line number of each start); returns the number of
 * chunks. The last chunk ends at len. */
size_t vg_csv_split(const char *data, size_t len, size_t max_chunks, size_t min_chunk, size_t *starts,
                    uint64_t *lines);

/* Writes one field to f, quoted (with "" for quotes) when it holds a comma, quote, CR
 * or LF, or starts or ends with a space. Returns false on a write error. */
bool vg_csv_write_field(FILE *f, const char *s, size_t n);
/* One cell of an export for people's spreadsheets: a comma before it unless first, and
 * text a spreadsheet would run as a formula (=, +, -, @, tab or CR first) written with an
 * apostrophe before it, so that an export cannot carry a formula. False on a write error. */
bool vg_csv_write_cell(FILE *f, const char *text, bool first);

#endif
