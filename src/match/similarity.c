/* similarity.c - Jaro-Winkler and (unrestricted) Damerau-Levenshtein, after Lowrance and
 * Wagner (1975) with the last-row table, on code points. */
#include "match/similarity.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

/* UTF-8 to code points (invalid bytes are taken as Latin-1). */
static int decode(const char *s, size_t n, uint32_t out[VG_SIM_MAX])
{
    int k = 0;
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n && k < VG_SIM_MAX) {
        unsigned c = p[i];
        int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
        if (len > 1 && i + (size_t)len <= n) {
            uint32_t cp = c & (0x7f >> len);
            bool ok = true;
            for (int j = 1; j < len; j++) {
                if ((p[i + j] & 0xc0) != 0x80)
                    ok = false;
                cp = (cp << 6) | (p[i + j] & 0x3f);
            }
            if (ok) {
                out[k++] = cp;
                i += (size_t)len;
                continue;
            }
        }
        out[k++] = c;
        i++;
    }
    return k;
}

double vg_jaro_winkler(const char *as, size_t an, const char *bs, size_t bn)
{
    uint32_t a[VG_SIM_MAX], b[VG_SIM_MAX];
    int la = decode(as, an, a), lb = decode(bs, bn, b);
    if (la == 0 && lb == 0)
        return 1.0;
    if (la == 0 || lb == 0)
        return 0.0;
    int window = (la > lb ? la : lb) / 2 - 1;
    if (window < 0)
        window = 0;
    bool ma[VG_SIM_MAX] = {false}, mb[VG_SIM_MAX] = {false};
    int m = 0;
    for (int i = 0; i < la; i++) {
        int lo = i - window > 0 ? i - window : 0, hi = i + window + 1 < lb ? i + window + 1 : lb;
        for (int j = lo; j < hi; j++)
            if (!mb[j] && a[i] == b[j]) {
                ma[i] = mb[j] = true;
                m++;
                break;
            }
    }
    if (m == 0)
        return 0.0;
    int t = 0, j = 0;
    for (int i = 0; i < la; i++)
        if (ma[i]) {
            while (!mb[j])
                j++;
            if (a[i] != b[j])
                t++;
            j++;
        }
    double jaro = ((double)m / la + (double)m / lb + (double)(m - t / 2) / m) / 3.0;
    int prefix = 0;
    while (prefix < 4 && prefix < la && prefix < lb && a[prefix] == b[prefix])
        prefix++;
    return jaro + prefix * 0.1 * (1.0 - jaro);
}

int vg_damerau_levenshtein(const char *as, size_t an, const char *bs, size_t bn)
{
    uint32_t a[VG_SIM_MAX], b[VG_SIM_MAX];
    int la = decode(as, an, a), lb = decode(bs, bn, b);
    if (!la)
        return lb;
    if (!lb)
        return la;
    /* d is (la+2) x (lb+2); row/col 0 hold the "infinite" sentinel */
    int d[VG_SIM_MAX + 2][VG_SIM_MAX + 2];
    int inf = la + lb;
    /* last row where each code point was seen in a: small map by linear search */
    uint32_t seen_cp[VG_SIM_MAX * 2];
    int seen_row[VG_SIM_MAX * 2], nseen = 0;
    d[0][0] = inf;
    for (int i = 0; i <= la; i++) {
        d[i + 1][0] = inf;
        d[i + 1][1] = i;
    }
    for (int j = 0; j <= lb; j++) {
        d[0][j + 1] = inf;
        d[1][j + 1] = j;
    }
    for (int i = 1; i <= la; i++) {
        int db = 0;
        for (int j = 1; j <= lb; j++) {
            int i1 = 0;
            for (int k = 0; k < nseen; k++)
                if (seen_cp[k] == b[j - 1]) {
                    i1 = seen_row[k];
                    break;
                }
            int j1 = db;
            int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            if (!cost)
                db = j;
            int best = d[i][j] + cost;                             /* substitution */
            if (d[i + 1][j] + 1 < best)
                best = d[i + 1][j] + 1;                            /* insertion */
            if (d[i][j + 1] + 1 < best)
                best = d[i][j + 1] + 1;                            /* deletion */
            int tr = d[i1][j1] + (i - i1 - 1) + 1 + (j - j1 - 1);  /* transposition */
            if (tr < best)
                best = tr;
            d[i + 1][j + 1] = best;
        }
        int k = 0;
        while (k < nseen && seen_cp[k] != a[i - 1])
            k++;
        if (k == nseen) {
            seen_cp[nseen] = a[i - 1];
            nseen++;
        }
        seen_row[k] = i;
    }
    return d[la + 1][lb + 1];
}

bool vg_edit_within(const char *as, size_t an, const char *bs, size_t bn, int k)
{
    uint32_t a[VG_SIM_MAX], b[VG_SIM_MAX];
    int la = decode(as, an, a), lb = decode(bs, bn, b);
    if (la - lb > k || lb - la > k)
        return false;
    if (k < 0)
        return false;
    /* optimal string alignment distance, computed only in the band |i - j| <= k; cells
     * outside it are "more than k" (big) */
    enum { BIG = 1 << 20 };
    int rows[3][VG_SIM_MAX + 1];
    int *pp = rows[0], *prev = rows[1], *cur = rows[2];
    for (int j = 0; j <= lb; j++)
        prev[j] = j <= k ? j : BIG;
    for (int j = 0; j <= lb; j++)
        pp[j] = BIG;
    for (int i = 1; i <= la; i++) {
        int lo = i - k > 1 ? i - k : 1, hi = i + k < lb ? i + k : lb, rowmin = BIG;
        for (int j = 0; j <= lb; j++)
            cur[j] = BIG;
        cur[0] = i <= k ? i : BIG;
        rowmin = cur[0];
        for (int j = lo; j <= hi; j++) {
            int cost = a[i - 1] != b[j - 1];
            int v = prev[j - 1] + cost;
            if (prev[j] + 1 < v)
                v = prev[j] + 1;
            if (cur[j - 1] + 1 < v)
                v = cur[j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && pp[j - 2] + 1 < v)
                v = pp[j - 2] + 1;
            cur[j] = v;
            if (v < rowmin)
                rowmin = v;
        }
        if (rowmin > k)
            return false;
        int *t = pp;
        pp = prev;
        prev = cur;
        cur = t;
    }
    return prev[lb] <= k;
}
