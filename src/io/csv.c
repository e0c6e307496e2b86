/* csv.c - RFC 4180 reader. The hot loop finds the next delimiter, quote or line end 16
 * bytes at a time with SSE2 where available; quoted fields are found with memchr and
 * unescaped into a scratch buffer only when they contain "". */
#include "io/csv.h"
#include "base/alloc.h"

#include <stdio.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

struct vg_csv {
    const char *data, *end, *p;
    const char *name;
    uint64_t line;
    const char *line_start; /* start of the current physical line (for columns) */
    vg_csv_limits lim;
    vg_str *fields;
    size_t cap_fields;
    /* Unescaped fields live in scratch; their views are fixed up at the end of a row
     * because the scratch buffer may move while the row grows. */
    char *scratch;
    size_t scratch_len, scratch_cap;
    size_t *scratch_off; /* per field: offset in scratch, or SIZE_MAX if a direct view */
};

vg_err vg_csv_open(vg_csv **out, const char *data, size_t len, const vg_csv_limits *limits, const char *name,
                   uint64_t first_line)
{
    *out = NULL;
    vg_csv *r = vg_calloc(1, sizeof *r);
    if (!r)
        return VG_ERR_NOMEM;
    r->data = data;
    r->p = data;
    r->end = data + len;
    r->name = name ? name : "input";
    r->line = first_line ? first_line : 1;
    r->lim.max_field = limits && limits->max_field ? limits->max_field : 65536;
    r->lim.max_fields = limits && limits->max_fields ? limits->max_fields : 1024;
    if (r->line == 1 && len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        r->p += 3;
    r->line_start = r->p;
    r->cap_fields = 32;
    r->fields = vg_malloc(r->cap_fields * sizeof *r->fields);
    r->scratch_off = vg_malloc(r->cap_fields * sizeof *r->scratch_off);
    if (!r->fields || !r->scratch_off) {
        vg_csv_free(r);
        return VG_ERR_NOMEM;
    }
    *out = r;
    return VG_OK;
}

void vg_csv_free(vg_csv *r)
{
    if (!r)
        return;
    vg_free(r->fields);
    vg_free(r->scratch_off);
    vg_free(r->scratch);
    vg_free(r);
}

static int fail(vg_csv *r, vg_error *err, vg_err code, const char *at, const char *why)
{
    char where[256];
    snprintf(where, sizeof where, "%s:%llu:%llu", r->name, (unsigned long long)r->line,
             (unsigned long long)(at - r->line_start) + 1);
    vg_error_set(err, code, where, "%s", why);
    return -1;
}

/* First byte in [p, end) that is ',', '"', '\n' or '\r'; end if none. */
static const char *scan_special(const char *p, const char *end)
{
#if defined(__SSE2__)
    const __m128i comma = _mm_set1_epi8(','), quote = _mm_set1_epi8('"');
    const __m128i lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
    while (end - p >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)p);
        __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, comma), _mm_cmpeq_epi8(v, quote)),
                                 _mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, cr)));
        unsigned mask = (unsigned)_mm_movemask_epi8(m);
        if (mask)
            return p + __builtin_ctz(mask);
        p += 16;
    }
#endif
    while (p < end && *p != ',' && *p != '"' && *p != '\n' && *p != '\r')
        p++;
    return p;
}

static bool grow_fields(vg_csv *r)
{
    size_t ncap = r->cap_fields * 2;
    vg_str *f = vg_realloc(r->fields, ncap * sizeof *f);
    if (!f)
        return false;
    r->fields = f;
    size_t *o = vg_realloc(r->scratch_off, ncap * sizeof *o);
    if (!o)
        return false;
    r->scratch_off = o;
    r->cap_fields = ncap;
    return true;
}

static bool scratch_append(vg_csv *r, const char *s, size_t n)
{
    if (r->scratch_len + n > r->scratch_cap) {
        size_t ncap = r->scratch_cap ? r->scratch_cap * 2 : 4096;
        while (ncap < r->scratch_len + n)
            ncap *= 2;
        char *b = vg_realloc(r->scratch, ncap);
        if (!b)
            return false;
        r->scratch = b;
        r->scratch_cap = ncap;
    }
    memcpy(r->scratch + r->scratch_len, s, n);
    r->scratch_len += n;
    return true;
}

/* Parses a quoted field starting at p (on the opening quote). On success *after points
 * just past the closing quote and the field is recorded as field k. */
static int quoted_field(vg_csv *r, const char *p, size_t k, const char **after, vg_error *err)
{
    const char *open = p;
    const char *s = p + 1;
    const char *seg = s;
    bool escaped = false;
    size_t start = r->scratch_len, total = 0;
    for (;;) {
        const char *q = memchr(s, '"', (size_t)(r->end - s));
        /* count newlines inside the quoted text, for line numbers */
        const char *stop = q ? q : r->end;
        for (const char *nl = memchr(s, '\n', (size_t)(stop - s)); nl; nl = memchr(nl + 1, '\n', (size_t)(stop - nl - 1))) {
            r->line++;
            r->line_start = nl + 1;
        }
        if (!q) {
            r->p = r->end;
            return fail(r, err, VG_ERR_INVALID_INPUT, r->end, "quoted field not closed before the end of the file");
        }
        total += (size_t)(q - s);
        if (q + 1 < r->end && q[1] == '"') { /* "" is one quote */
            if (!escaped) {
                escaped = true;
            }
            if (!scratch_append(r, seg, (size_t)(q + 1 - seg)))
                return vg_error_set(err, VG_ERR_NOMEM, r->name, "out of memory"), -1;
            total += 1;
            s = q + 2;
            seg = s;
        } else {
            if (escaped && !scratch_append(r, seg, (size_t)(q - seg)))
                return vg_error_set(err, VG_ERR_NOMEM, r->name, "out of memory"), -1;
            if (total > r->lim.max_field)
                return fail(r, err, VG_ERR_TOO_LARGE, open, "field longer than the limit");
            if (escaped) {
                r->scratch_off[k] = start;
                r->fields[k] = (vg_str){NULL, r->scratch_len - start};
            } else {
                r->scratch_off[k] = SIZE_MAX;
                r->fields[k] = (vg_str){open + 1, (size_t)(q - open - 1)};
            }
            *after = q + 1;
            return 0;
        }
    }
}

int vg_csv_next(vg_csv *r, vg_csv_row *row, vg_error *err)
{
    const char *p = r->p;
    if (p >= r->end)
        return 0;
    row->offset = (size_t)(p - r->data);
    row->line = r->line;
    r->line_start = p;
    r->scratch_len = 0;
    size_t k = 0;
    for (;;) {
        if (k == r->cap_fields && !grow_fields(r))
            return vg_error_set(err, VG_ERR_NOMEM, r->name, "out of memory"), -1;
        if (k >= r->lim.max_fields)
            return fail(r, err, VG_ERR_TOO_LARGE, p, "row has more fields than the limit");
        const char *q;
        if (p < r->end && *p == '"') {
            if (quoted_field(r, p, k, &q, err) < 0)
                return -1;
            if (q < r->end && *q != ',' && *q != '\n' && !(*q == '\r' && q + 1 < r->end && q[1] == '\n') &&
                !(*q == '\r' && q + 1 == r->end))
                return fail(r, err, VG_ERR_INVALID_INPUT, q, "unexpected character after a closing quote");
        } else {
            q = scan_special(p, r->end);
            /* a lone CR (not before LF, not at the end) is data */
            while (q < r->end && *q == '\r' && q + 1 < r->end && q[1] != '\n')
                q = scan_special(q + 1, r->end);
            if (q < r->end && *q == '"')
                return fail(r, err, VG_ERR_INVALID_INPUT, q, "quote inside an unquoted field");
            if ((size_t)(q - p) > r->lim.max_field)
                return fail(r, err, VG_ERR_TOO_LARGE, p, "field longer than the limit");
            r->fields[k] = (vg_str){p, (size_t)(q - p)};
            r->scratch_off[k] = SIZE_MAX;
        }
        k++;
        if (q >= r->end) {
            row->len = (size_t)(q - r->data) - row->offset;
            p = q;
            break;
        }
        if (*q == ',') {
            p = q + 1;
            if (p == r->end) { /* trailing comma at end of file: one more empty field */
                if (k == r->cap_fields && !grow_fields(r))
                    return vg_error_set(err, VG_ERR_NOMEM, r->name, "out of memory"), -1;
                r->fields[k] = (vg_str){p, 0};
                r->scratch_off[k++] = SIZE_MAX;
                row->len = (size_t)(p - r->data) - row->offset;
                break;
            }
            continue;
        }
        /* line end: \n, \r\n, or \r at the very end */
        row->len = (size_t)(q - r->data) - row->offset;
        p = q + (*q == '\r' ? (q + 1 < r->end ? 2 : 1) : 1);
        r->line++;
        break;
    }
    r->p = p;
    r->line_start = p;
    for (size_t i = 0; i < k; i++)
        if (r->scratch_off[i] != SIZE_MAX)
            r->fields[i].p = r->scratch + r->scratch_off[i];
    row->fields = r->fields;
    row->n = k;
    return 1;
}

/* Counts quotes and line feeds in [p, end). */
static void count_qn(const char *p, const char *end, uint64_t *quotes, uint64_t *lfs)
{
    uint64_t q = 0, n = 0;
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"'), lf = _mm_set1_epi8('\n');
    while (end - p >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)p);
        q += (uint64_t)__builtin_popcount((unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, quote)));
        n += (uint64_t)__builtin_popcount((unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, lf)));
        p += 16;
    }
#endif
    for (; p < end; p++) {
        q += *p == '"';
        n += *p == '\n';
    }
    *quotes += q;
    *lfs += n;
}

size_t vg_csv_split(const char *data, size_t len, size_t max_chunks, size_t min_chunk, size_t *starts,
                    uint64_t *lines)
{
    size_t n = 0;
    starts[n] = 0;
    lines[n++] = 1;
    if (min_chunk == 0)
        min_chunk = 1;
    while (max_chunks > 1 && len / max_chunks < min_chunk)
        max_chunks--;
    if (max_chunks <= 1)
        return n;
    uint64_t quotes = 0, lfs = 0;
    size_t pos = 0;
    for (size_t k = 1; k < max_chunks; k++) {
        size_t target = len / max_chunks * k;
        if (target <= pos)
            continue;
        count_qn(data + pos, data + target, &quotes, &lfs);
        pos = target;
        /* Move to just after the next line feed that is outside quotes (even parity). */
        while (pos < len) {
            const char *nl = memchr(data + pos, '\n', len - pos);
            if (!nl) {
                pos = len;
                break;
            }
            count_qn(data + pos, nl + 1, &quotes, &lfs);
            pos = (size_t)(nl + 1 - data);
            if (quotes % 2 == 0)
                break;
        }
        if (pos >= len)
            break;
        starts[n] = pos;
        lines[n++] = lfs + 1;
    }
    return n;
}

bool vg_csv_write_field(FILE *f, const char *s, size_t n)
{
    bool quote = n && (s[0] == ' ' || s[n - 1] == ' ');
    for (size_t i = 0; i < n && !quote; i++)
        quote = s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
    if (!quote)
        return fwrite(s, 1, n, f) == n;
    if (fputc('"', f) == EOF)
        return false;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"' && fputc('"', f) == EOF)
            return false;
        if (fputc(s[i], f) == EOF)
            return false;
    }
    return fputc('"', f) != EOF;
}

bool vg_csv_write_cell(FILE *f, const char *text, bool first)
{
    if (!first && fputc(',', f) == EOF)
        return false;
    if (*text && strchr("=+-@\t\r", *text) && fputc('\'', f) == EOF)
        return false;
    return vg_csv_write_field(f, text, strlen(text));
}
