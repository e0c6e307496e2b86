/* knox_lanes.h - the counting loop of the Knox permutations, for KL_LANES permutations
 * and KL_BREAKS time breaks at once (included by knox.c once per width and number of
 * breaks: it defines KL_NAME, with the attribute KL_ATTR and the vector type KL_VEC).
 * below[(b * cols + c) * KL_LANES + lane] += the pairs of distance band b closer in
 * time than break c, for the breaks [c0, c0 + KL_BREAKS), with the dates
 * day16[i * KL_LANES + lane]. Counts are kept in 16-bit lanes and added up before they
 * can overflow. */
typedef int16_t KL_VEC __attribute__((vector_size(2 * KL_LANES)));

/* Adds the 16-bit counts to below and clears them. */
#define flush_lanes(acc, below, b, cols, c0, lanes)                                                                    \
    do {                                                                                                               \
        for (size_t c_ = 0; c_ < KL_BREAKS && (c0) + c_ < (cols); c_++)                                              \
            for (int l_ = 0; l_ < (lanes); l_++)                                                                       \
                (below)[((b) * (cols) + (c0) + c_) * (lanes) + (size_t)l_] += (uint16_t)(acc)[c_][l_];                  \
        memset((acc), 0, sizeof(acc));                                                                                 \
    } while (0)

KL_ATTR static void KL_NAME(const knox_ctx *k, const int16_t *day16, size_t c0, int64_t *below)
{
    size_t cols = k->q->n_time;
    KL_VEC cut[KL_BREAKS];
    for (size_t c = 0; c < KL_BREAKS; c++) {
        int16_t v = c0 + c < cols ? (int16_t)k->tcut[c0 + c] : INT16_MIN; /* INT16_MIN: never */
        for (int l = 0; l < KL_LANES; l++)
            cut[c][l] = v;
    }
    for (size_t b = 0; b < k->nb; b++) {
        const band_pairs *bp = &k->bands[b];
        KL_VEC acc[KL_BREAKS];
        memset(acc, 0, sizeof acc);
        uint32_t pending = 0; /* pairs counted since the last flush: no lane can exceed it */
        for (size_t i = 0; i < k->n; i++) {
            KL_VEC di;
            memcpy(&di, day16 + i * KL_LANES, sizeof di);
            const int16_t *base = day16 + i * KL_LANES;
            for (uint32_t x0 = bp->row[i], end = bp->row[i + 1]; x0 < end;) {
                uint32_t x1 = end - x0 > 30000 - pending ? x0 + (30000 - pending) : end;
                for (uint32_t x = x0; x < x1; x++) {
                    KL_VEC dj;
                    memcpy(&dj, base + (size_t)bp->off[x] * KL_LANES, sizeof dj);
                    KL_VEC d = dj - di;
                    KL_VEC neg = d >> 15;
                    d = (d ^ neg) - neg;
#pragma GCC unroll 16 /* so the counts stay in registers */
                    for (size_t c = 0; c < KL_BREAKS; c++)
                        acc[c] -= (KL_VEC)(d < cut[c]); /* true is -1 */
                }
                pending += x1 - x0;
                x0 = x1;
                if (pending >= 30000) { /* before a 16-bit count can overflow */
                    flush_lanes(acc, below, b, cols, c0, KL_LANES);
                    pending = 0;
                }
            }
        }
        flush_lanes(acc, below, b, cols, c0, KL_LANES);
        for (size_t f = 0; f < bp->n_far; f++)
            for (int l = 0; l < KL_LANES; l++) {
                int32_t d = day16[(size_t)bp->far[f][1] * KL_LANES + (size_t)l] -
                            day16[(size_t)bp->far[f][0] * KL_LANES + (size_t)l];
                d = d < 0 ? -d : d;
                for (size_t c = c0; c < cols && c < c0 + KL_BREAKS; c++)
                    below[(b * cols + c) * KL_LANES + (size_t)l] += d < k->tcut[c];
            }
    }
}

#undef flush_lanes
#undef KL_VEC
#undef KL_NAME
#undef KL_ATTR
#undef KL_LANES
#undef KL_BREAKS
