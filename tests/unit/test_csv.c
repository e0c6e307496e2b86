/* test_csv.c - the RFC 4180 reader: every edge case by hand, errors with line and
 * column, limits, chunked parallel splitting, and a randomised round trip. */
#include "testutil.h"

#include "base/alloc.h"
#include "base/rng.h"
#include "io/csv.h"

typedef struct parsed {
    int rows;
    int nfields[16];
    char fields[16][16][64];
    uint64_t lines[16];
} parsed;

/* Parses s completely; returns 0, or -1 with *err set. */
static int parse(const char *s, size_t len, parsed *out, vg_error *err, const vg_csv_limits *lim)
{
    vg_csv *r;
    assert_int_equal(vg_csv_open(&r, s, len, lim, "t.csv", 1), VG_OK);
    memset(out, 0, sizeof *out);
    vg_csv_row row;
    int rc;
    while ((rc = vg_csv_next(r, &row, err)) == 1) {
        assert_true(out->rows < 16);
        out->nfields[out->rows] = (int)row.n;
        out->lines[out->rows] = row.line;
        for (size_t i = 0; i < row.n && i < 16; i++)
            assert_true(vg_str_copy(row.fields[i], out->fields[out->rows][i], 64));
        out->rows++;
    }
    vg_csv_free(r);
    return rc;
}

#define P(lit, out, err) parse(lit, sizeof(lit) - 1, out, err, NULL)

static void test_simple_and_line_endings(void **state)
{
    (void)state;
    parsed p;
    vg_error err;
    assert_int_equal(P("a,b,c\n1,2,3\n", &p, &err), 0);
    assert_int_equal(p.rows, 2);
    assert_int_equal(p.nfields[1], 3);
    assert_string_equal(p.fields[1][2], "3");
    assert_int_equal(p.lines[1], 2);
    /* CRLF, and no newline at the end */
    assert_int_equal(P("a,b\r\n1,2\r\nx,y", &p, &err), 0);
    assert_int_equal(p.rows, 3);
    assert_string_equal(p.fields[0][1], "b");
    assert_string_equal(p.fields[1][1], "2");
    assert_string_equal(p.fields[2][1], "y");
    /* a lone CR inside a field is data; CR at the very end ends the row */
    assert_int_equal(P("a\rb,c\n", &p, &err), 0);
    assert_string_equal(p.fields[0][0], "a\rb");
    assert_int_equal(P("a,b\r", &p, &err), 0);
    assert_int_equal(p.rows, 1);
    assert_string_equal(p.fields[0][1], "b");
    /* UTF-8 BOM is skipped */
    assert_int_equal(P("\xEF\xBB\xBF" "Crime ID,Month\n", &p, &err), 0);
    assert_string_equal(p.fields[0][0], "Crime ID");
    /* empty input, empty fields, trailing comma, blank line */
    assert_int_equal(P("", &p, &err), 0);
    assert_int_equal(p.rows, 0);
    assert_int_equal(P(",,\n", &p, &err), 0);
    assert_int_equal(p.nfields[0], 3);
    assert_string_equal(p.fields[0][2], "");
    assert_int_equal(P("a,", &p, &err), 0);
    assert_int_equal(p.nfields[0], 2);
    assert_int_equal(P("a\n\nb\n", &p, &err), 0);
    assert_int_equal(p.rows, 3);
    assert_int_equal(p.nfields[1], 1);
    assert_string_equal(p.fields[1][0], "");
    assert_int_equal(p.lines[2], 3);
}

static void test_quoted(void **state)
{
    (void)state;
    parsed p;
    vg_error err;
    assert_int_equal(P("\"a,b\",\"he said \"\"hi\"\"\",\"line1\nline2\",\"\"\nnext,row\n", &p, &err), 0);
    assert_int_equal(p.rows, 2);
    assert_int_equal(p.nfields[0], 4);
    assert_string_equal(p.fields[0][0], "a,b");
    assert_string_equal(p.fields[0][1], "he said \"hi\"");
    assert_string_equal(p.fields[0][2], "line1\nline2");
    assert_string_equal(p.fields[0][3], "");
    assert_int_equal(p.lines[1], 3); /* the quoted newline counts as a physical line */
    /* quoted field at the end of the file, with CRLF inside */
    assert_int_equal(P("x,\"a\r\nb\"", &p, &err), 0);
    assert_string_equal(p.fields[0][1], "a\r\nb");
    /* "" at the very start and end of a quoted field */
    assert_int_equal(P("\"\"\"x\"\"\"\r\n", &p, &err), 0);
    assert_string_equal(p.fields[0][0], "\"x\"");
    /* police.uk style: quoted location with a comma */
    assert_int_equal(P(",2014-06,A,A,-1.2,52.6,\"On or near Ellis Park, Glenfield\",E01025624,Blaby 013C,Anti-social behaviour,,\n", &p, &err), 0);
    assert_int_equal(p.nfields[0], 12);
    assert_string_equal(p.fields[0][6], "On or near Ellis Park, Glenfield");
    assert_string_equal(p.fields[0][0], "");
    assert_string_equal(p.fields[0][11], "");
}

static void test_ragged_reported(void **state)
{
    (void)state;
    parsed p;
    vg_error err;
    assert_int_equal(P("a,b,c\n1,2\n1,2,3,4\n", &p, &err), 0);
    assert_int_equal(p.nfields[0], 3);
    assert_int_equal(p.nfields[1], 2);
    assert_int_equal(p.nfields[2], 4);
}

static void test_errors(void **state)
{
    (void)state;
    parsed p;
    vg_error err;
    assert_int_equal(P("a,b\nc,\"open\nstill open", &p, &err), -1);
    assert_int_equal(err.code, VG_ERR_INVALID_INPUT);
    assert_non_null(strstr(err.why, "not closed"));
    assert_int_equal(P("a,b\nx,ab\"c\n", &p, &err), -1);
    assert_string_equal(err.where, "t.csv:2:5");
    assert_non_null(strstr(err.why, "quote inside an unquoted field"));
    assert_int_equal(P("h\n\"ab\"c,d\n", &p, &err), -1);
    assert_string_equal(err.where, "t.csv:2:5");
    assert_non_null(strstr(err.why, "after a closing quote"));
    /* the line is counted through earlier quoted newlines */
    assert_int_equal(P("\"a\nb\"\nok\nbad\"\n", &p, &err), -1);
    assert_string_equal(err.where, "t.csv:4:4");
    vg_csv_limits lim = {.max_field = 4, .max_fields = 3};
    assert_int_equal(parse("abcd,e\n", 7, &p, &err, &lim), 0);
    assert_int_equal(parse("abcde,e\n", 8, &p, &err, &lim), -1);
    assert_int_equal(err.code, VG_ERR_TOO_LARGE);
    assert_int_equal(parse("\"abc\"\"\",e\n", 10, &p, &err, &lim), 0); /* 4 bytes once unescaped */
    assert_string_equal(p.fields[0][0], "abc\"");
    assert_int_equal(parse("\"abcde\"\n", 8, &p, &err, &lim), -1);
    assert_int_equal(parse("a,b,c,d\n", 8, &p, &err, &lim), -1);
    assert_int_equal(err.code, VG_ERR_TOO_LARGE);
}

/* Random fields with commas, quotes, CR/LF and UTF-8, written escaped, read back. */
static void build_random(vg_rng *rng, char **out, size_t *len, int rows, int cols, char ***truth)
{
    static const char alphabet[] = "ab,\"\n\r xé";
    size_t cap = (size_t)rows * cols * 40 + 16;
    char *s = malloc(cap);
    *truth = calloc((size_t)rows * cols, sizeof **truth);
    size_t n = 0;
    for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
            char field[16];
            int fl = (int)vg_rng_below(rng, 8), k = 0;
            for (int i = 0; i < fl; i++) {
                char ch = alphabet[vg_rng_below(rng, sizeof alphabet - 1)];
                if ((unsigned char)ch >= 0x80) /* keep UTF-8 whole: é is 2 bytes */
                    continue;
                field[k++] = ch;
            }
            field[k] = '\0';
            (*truth)[r * cols + c] = strdup(field);
            bool q = strpbrk(field, ",\"\n\r") != NULL || vg_rng_chance(rng, 0.1);
            if (c)
                s[n++] = ',';
            if (q)
                s[n++] = '"';
            for (int i = 0; i < k; i++) {
                if (field[i] == '"')
                    s[n++] = '"';
                s[n++] = field[i];
            }
            if (q)
                s[n++] = '"';
        }
        if (vg_rng_chance(rng, 0.5))
            s[n++] = '\r';
        s[n++] = '\n';
    }
    *out = s;
    *len = n;
}

static void test_random_round_trip_and_split(void **state)
{
    (void)state;
    vg_rng rng;
    vg_rng_seed(&rng, 99);
    const int rows = 20000, cols = 5;
    char *s, **truth;
    size_t len;
    build_random(&rng, &s, &len, rows, cols, &truth);
    vg_error err;
    uint64_t lines_seq[20000];
    /* sequential */
    vg_csv *r;
    assert_int_equal(vg_csv_open(&r, s, len, NULL, "r.csv", 1), VG_OK);
    vg_csv_row row;
    int got = 0;
    while (vg_csv_next(r, &row, &err) == 1) {
        assert_int_equal(row.n, cols);
        for (int c = 0; c < cols; c++)
            if (!vg_str_eq_c(row.fields[c], truth[got * cols + c]))
                fail_msg("row %d field %d differs", got, c);
        lines_seq[got] = row.line;
        got++;
    }
    vg_csv_free(r);
    assert_int_equal(got, rows);
    /* split into chunks: each chunk starts at a row, rows and lines agree */
    for (size_t chunks = 2; chunks <= 7; chunks++) {
        size_t starts[8];
        uint64_t lines[8];
        size_t n = vg_csv_split(s, len, chunks, 1024, starts, lines);
        assert_true(n >= 2);
        int k = 0;
        for (size_t c = 0; c < n; c++) {
            size_t end = c + 1 < n ? starts[c + 1] : len;
            assert_true(starts[c] < end);
            assert_int_equal(vg_csv_open(&r, s + starts[c], end - starts[c], NULL, "r.csv", lines[c]), VG_OK);
            while (vg_csv_next(r, &row, &err) == 1) {
                assert_true(vg_str_eq_c(row.fields[0], truth[k * cols]));
                assert_int_equal(row.line, lines_seq[k]);
                k++;
            }
            vg_csv_free(r);
        }
        assert_int_equal(k, rows);
    }
    for (int i = 0; i < rows * cols; i++)
        free(truth[i]);
    free(truth);
    free(s);
}

static void test_out_of_memory(void **state)
{
    (void)state;
    const char *s = "\"a\"\"b\",c,d,e,f,g,h,i,j,k,l,m,n,o,p,q,r,s,t,u,v,w,x,y,z,1,2,3,4,5,6,7,8,9,0,x\n\"q\"\"\",2\n";
    int64_t base = vg_alloc_live();
    for (uint64_t n = 1; n < 20; n++) {
        vg_alloc_fail_at(n);
        vg_csv *r;
        vg_error err;
        if (vg_csv_open(&r, s, strlen(s), NULL, "m.csv", 1) == VG_OK) {
            vg_csv_row row;
            while (vg_csv_next(r, &row, &err) == 1)
                ;
            vg_csv_free(r);
        }
        vg_alloc_fail_at(0);
        assert_int_equal(vg_alloc_live(), base);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_simple_and_line_endings), cmocka_unit_test(test_quoted),
        cmocka_unit_test(test_ragged_reported), cmocka_unit_test(test_errors),
        cmocka_unit_test(test_random_round_trip_and_split), cmocka_unit_test(test_out_of_memory),
    };
    return cmocka_run_group_tests_name("csv", tests, NULL, NULL);
}
