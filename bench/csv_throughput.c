/* csv_throughput.c - CSV parse throughput of Vigil's reader on the police.uk files:
 * every file is memory-mapped, cut into chunks at row boundaries (vg_csv_split), and
 * the chunks are parsed by N threads; each field is visited. Prints GB/s (median).
 * usage: csv_throughput THREADS RUNS FILE... */
#include "base/file.h"
#include "io/csv.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct chunk {
    const char *data;
    size_t len;
    uint64_t line;
} chunk;

typedef struct job {
    chunk *chunks;
    size_t n;
    atomic_size_t next;
    atomic_ullong rows, fields, bytes;
} job;

static void *work(void *arg)
{
    job *j = arg;
    uint64_t rows = 0, fields = 0, bytes = 0;
    for (size_t k; (k = atomic_fetch_add(&j->next, 1)) < j->n;) {
        vg_csv *r;
        if (vg_csv_open(&r, j->chunks[k].data, j->chunks[k].len, NULL, "bench", j->chunks[k].line))
            abort();
        vg_csv_row row;
        vg_error err;
        int rc;
        while ((rc = vg_csv_next(r, &row, &err)) == 1) {
            rows++;
            fields += row.n;
            for (size_t i = 0; i < row.n; i++)
                bytes += row.fields[i].n;
        }
        if (rc < 0) {
            fprintf(stderr, "%s: %s\n", err.where, err.why);
            abort();
        }
        vg_csv_free(r);
    }
    atomic_fetch_add(&j->rows, rows);
    atomic_fetch_add(&j->fields, fields);
    atomic_fetch_add(&j->bytes, bytes);
    return NULL;
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + t.tv_nsec / 1e9;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: csv_throughput THREADS RUNS FILE...\n");
        return 2;
    }
    int threads = atoi(argv[1]), runs = atoi(argv[2]);
    size_t nfiles = (size_t)(argc - 3), total = 0, cap = 0, n = 0;
    vg_mapped *maps = calloc(nfiles, sizeof *maps);
    chunk *chunks = NULL;
    for (size_t f = 0; f < nfiles; f++) {
        vg_error err;
        if (vg_file_map(argv[3 + f], &maps[f], &err)) {
            fprintf(stderr, "%s: %s\n", err.where, err.why);
            return 1;
        }
        total += maps[f].len;
        size_t starts[64];
        uint64_t lines[64];
        size_t k = vg_csv_split(maps[f].data, maps[f].len, 64, 1 << 20, starts, lines);
        if (n + k > cap) {
            cap = (n + k) * 2;
            chunks = realloc(chunks, cap * sizeof *chunks);
        }
        for (size_t c = 0; c < k; c++) {
            size_t end = c + 1 < k ? starts[c + 1] : maps[f].len;
            chunks[n++] = (chunk){maps[f].data + starts[c], end - starts[c], lines[c]};
        }
    }
    double *secs = calloc((size_t)runs, sizeof *secs);
    job j;
    for (int r = -1; r < runs; r++) { /* run -1 warms the page cache */
        memset(&j, 0, sizeof j);
        j.chunks = chunks;
        j.n = n;
        pthread_t tid[64];
        double t0 = now();
        for (int t = 0; t < threads; t++)
            pthread_create(&tid[t], NULL, work, &j);
        for (int t = 0; t < threads; t++)
            pthread_join(tid[t], NULL);
        if (r >= 0)
            secs[r] = now() - t0;
    }
    qsort(secs, (size_t)runs, sizeof *secs, cmp);
    double med = secs[runs / 2];
    printf("%.4f %llu %zu\n", med, (unsigned long long)j.rows, total);
    fprintf(stderr, "vigil csv: %zu files, %.1f MB, %llu rows, %llu fields, %d threads: median %.1f ms = %.2f GB/s\n",
            nfiles, total / 1e6, (unsigned long long)j.rows, (unsigned long long)j.fields, threads, med * 1e3,
            total / med / 1e9);
    return 0;
}
