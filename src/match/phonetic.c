/* phonetic.c - Double Metaphone. The rules follow Philips' published description letter
 * by letter (initial exceptions, then a walk over the word with context rules for
 * Germanic, Slavic, Romance, Greek and Chinese spellings). */
#include "match/phonetic.h"

#include <stdbool.h>
#include <stdarg.h>
#include <string.h>

#define PAD 8
#define MAXW 64

typedef struct dm {
    char w[MAXW + 2 * PAD]; /* upper-case word with padding on both sides */
    int len;                /* length of the word */
    int last;
    char p[VG_DM_LEN * 2 + 4], a[VG_DM_LEN * 2 + 4];
    int pn, an;
} dm;

static char at(const dm *d, int i) { return (i < 0 || i >= d->len) ? '\0' : d->w[PAD + i]; }

static bool vowel(const dm *d, int i)
{
    char c = at(d, i);
    return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U' || c == 'Y';
}

/* True if the substring at start (of length n) is one of the NULL-terminated list. */
static bool is(const dm *d, int start, int n, ...)
{
    if (start < 0 || start + n > d->len)
        return false;
    va_list ap;
    va_start(ap, n);
    const char *s;
    bool found = false;
    const char *w = d->w + PAD + start;
    while ((s = va_arg(ap, const char *)) != NULL)
        if (!found && s[0] == w[0] && strncmp(s, w, (size_t)n) == 0 && s[n] == '\0')
            found = true;
    va_end(ap);
    return found;
}

static void add2(dm *d, const char *pri, const char *alt)
{
    for (const char *s = pri; *s && d->pn < (int)sizeof d->p - 1; s++)
        d->p[d->pn++] = *s;
    for (const char *s = alt; *s && d->an < (int)sizeof d->a - 1; s++)
        d->a[d->an++] = *s;
}

static void add(dm *d, const char *s) { add2(d, s, s); }

static bool slavo_germanic(const dm *d)
{
    const char *w = d->w + PAD;
    return strchr(w, 'W') || strchr(w, 'K') || strstr(w, "CZ") || strstr(w, "WITZ");
}

static int do_c(dm *d, int i)
{
    /* various Germanic */
    if (i > 1 && !vowel(d, i - 2) && is(d, i - 1, 3, "ACH", NULL) && at(d, i + 2) != 'I' &&
        (at(d, i + 2) != 'E' || is(d, i - 2, 6, "BACHER", "MACHER", NULL))) {
        add(d, "K");
        return i + 2;
    }
    if (i == 0 && is(d, i, 6, "CAESAR", NULL)) { /* special case 'caesar' */
        add(d, "S");
        return i + 2;
    }
    if (is(d, i, 4, "CHIA", NULL)) { /* italian 'chianti' */
        add(d, "K");
        return i + 2;
    }
    if (is(d, i, 2, "CH", NULL)) {
        if (i > 0 && is(d, i, 4, "CHAE", NULL)) { /* michael */
            add2(d, "K", "X");
            return i + 2;
        }
        /* greek roots e.g. 'chemistry', 'chorus' */
        if (i == 0 && (is(d, i + 1, 5, "HARAC", "HARIS", NULL) || is(d, i + 1, 3, "HOR", "HYM", "HIA", "HEM", NULL)) &&
            !is(d, 0, 5, "CHORE", NULL)) {
            add(d, "K");
            return i + 2;
        }
        /* germanic, greek, or otherwise 'ch' for 'kh' sound */
        if ((is(d, 0, 4, "VAN ", "VON ", NULL) || is(d, 0, 3, "SCH", NULL)) ||
            is(d, i - 2, 6, "ORCHES", "ARCHIT", "ORCHID", NULL) || is(d, i + 2, 1, "T", "S", NULL) ||
            ((is(d, i - 1, 1, "A", "O", "U", "E", NULL) || i == 0) &&
             is(d, i + 2, 1, "L", "R", "N", "M", "B", "H", "F", "V", "W", " ", NULL))) {
            add(d, "K");
        } else if (i > 0) {
            if (is(d, 0, 2, "MC", NULL))
                add(d, "K"); /* 'mchugh' */
            else
                add2(d, "X", "K");
        } else {
            add(d, "X");
        }
        return i + 2;
    }
    if (is(d, i, 2, "CZ", NULL) && !is(d, i - 2, 4, "WICZ", NULL)) { /* 'czerny' */
        add2(d, "S", "X");
        return i + 2;
    }
    if (is(d, i + 1, 3, "CIA", NULL)) { /* 'focaccia' */
        add(d, "X");
        return i + 3;
    }
    /* double 'C', but not if e.g. 'McClellan' */
    if (is(d, i, 2, "CC", NULL) && !(i == 1 && at(d, 0) == 'M')) {
        /* 'bellocchio' but not 'bacchus' */
        if (is(d, i + 2, 1, "I", "E", "H", NULL) && !is(d, i + 2, 2, "HU", NULL)) {
            if ((i == 1 && at(d, i - 1) == 'A') || is(d, i - 1, 5, "UCCEE", "UCCES", NULL))
                add(d, "KS"); /* 'accident', 'accede', 'succeed' */
            else
                add(d, "X"); /* 'bacci', 'bertucci' */
            return i + 3;
        }
        add(d, "K"); /* Pierce's rule */
        return i + 2;
    }
    if (is(d, i, 2, "CK", "CG", "CQ", NULL)) {
        add(d, "K");
        return i + 2;
    }
    if (is(d, i, 2, "CI", "CE", "CY", NULL)) {
        if (is(d, i, 3, "CIO", "CIE", "CIA", NULL))
            add2(d, "S", "X"); /* italian vs. english */
        else
            add(d, "S");
        return i + 2;
    }
    add(d, "K");
    if (is(d, i + 1, 2, " C", " Q", " G", NULL)) /* 'mac caffrey', 'mac gregor' */
        return i + 3;
    if (is(d, i + 1, 1, "C", "K", "Q", NULL) && !is(d, i + 1, 2, "CE", "CI", NULL))
        return i + 2;
    return i + 1;
}

static int do_g(dm *d, int i)
{
    if (at(d, i + 1) == 'H') {
        if (i > 0 && !vowel(d, i - 1)) {
            add(d, "K");
            return i + 2;
        }
        if (i < 3 && i == 0) { /* 'ghislane', 'ghiradelli' */
            if (at(d, i + 2) == 'I')
                add(d, "J");
            else
                add(d, "K");
            return i + 2;
        }
        /* Parker's rule (with some further refinements) - e.g. 'hugh' */
        if ((i > 1 && is(d, i - 2, 1, "B", "H", "D", NULL)) || (i > 2 && is(d, i - 3, 1, "B", "H", "D", NULL)) ||
            (i > 3 && is(d, i - 4, 1, "B", "H", NULL)))
            return i + 2;
        /* e.g. 'laugh', 'McLaughlin', 'cough', 'gough', 'rough', 'tough' */
        if (i > 2 && at(d, i - 1) == 'U' && is(d, i - 3, 1, "C", "G", "L", "R", "T", NULL))
            add(d, "F");
        else if (i > 0 && at(d, i - 1) != 'I')
            add(d, "K");
        return i + 2;
    }
    if (at(d, i + 1) == 'N') {
        if (i == 1 && vowel(d, 0) && !slavo_germanic(d))
            add2(d, "KN", "N");
        else if (!is(d, i + 2, 2, "EY", NULL) && at(d, i + 1) != 'Y' && !slavo_germanic(d))
            add2(d, "N", "KN"); /* not e.g. 'cagney' */
        else
            add(d, "KN");
        return i + 2;
    }
    /* 'tagliaro' */
    if (is(d, i + 1, 2, "LI", NULL) && !slavo_germanic(d)) {
        add2(d, "KL", "L");
        return i + 2;
    }
    /* -ges-, -gep-, -gel-, -gie- at beginning */
    if (i == 0 && (at(d, i + 1) == 'Y' || is(d, i + 1, 2, "ES", "EP", "EB", "EL", "EY", "IB", "IL", "IN", "IE", "EI", "ER", NULL))) {
        add2(d, "K", "J");
        return i + 2;
    }
    /* -ger-, -gy- */
    if ((is(d, i + 1, 2, "ER", NULL) || at(d, i + 1) == 'Y') && !is(d, 0, 6, "DANGER", "RANGER", "MANGER", NULL) &&
        !is(d, i - 1, 1, "E", "I", NULL) && !is(d, i - 1, 3, "RGY", "OGY", NULL)) {
        add2(d, "K", "J");
        return i + 2;
    }
    /* italian e.g. 'biaggi' */
    if (is(d, i + 1, 1, "E", "I", "Y", NULL) || is(d, i - 1, 4, "AGGI", "OGGI", NULL)) {
        /* obvious germanic */
        if (is(d, 0, 4, "VAN ", "VON ", NULL) || is(d, 0, 3, "SCH", NULL) || is(d, i + 1, 2, "ET", NULL))
            add(d, "K");
        else if (is(d, i + 1, 4, "IER ", NULL)) /* always soft if french ending */
            add(d, "J");
        else
            add2(d, "J", "K");
        return i + 2;
    }
    add(d, "K");
    return at(d, i + 1) == 'G' ? i + 2 : i + 1;
}

static int do_j(dm *d, int i)
{
    /* obvious spanish, 'jose', 'san jacinto' */
    if (is(d, i, 4, "JOSE", NULL) || is(d, 0, 4, "SAN ", NULL)) {
        if ((i == 0 && at(d, i + 4) == ' ') || is(d, 0, 4, "SAN ", NULL))
            add(d, "H");
        else
            add2(d, "J", "H");
        return i + 1;
    }
    if (i == 0 && !is(d, i, 4, "JOSE", NULL))
        add2(d, "J", "A"); /* Yankelovich / Jankelowicz */
    else if (vowel(d, i - 1) && !slavo_germanic(d) && (at(d, i + 1) == 'A' || at(d, i + 1) == 'O'))
        add2(d, "J", "H"); /* spanish pron. of e.g. 'bajador' */
    else if (i == d->last)
        add2(d, "J", "");
    else if (!is(d, i + 1, 1, "L", "T", "K", "S", "N", "M", "B", "Z", NULL) && !is(d, i - 1, 1, "S", "K", "L", NULL))
        add(d, "J");
    return at(d, i + 1) == 'J' ? i + 2 : i + 1;
}

static int do_s(dm *d, int i)
{
    /* special cases 'island', 'isle', 'carlisle', 'carlysle' */
    if (is(d, i - 1, 3, "ISL", "YSL", NULL))
        return i + 1;
    if (i == 0 && is(d, i, 5, "SUGAR", NULL)) { /* special case 'sugar-' */
        add2(d, "X", "S");
        return i + 1;
    }
    if (is(d, i, 2, "SH", NULL)) {
        if (is(d, i + 1, 4, "HEIM", "HOEK", "HOLM", "HOLZ", NULL))
            add(d, "S"); /* germanic */
        else
            add(d, "X");
        return i + 2;
    }
    /* italian & armenian */
    if (is(d, i, 3, "SIO", "SIA", NULL) || is(d, i, 4, "SIAN", NULL)) {
        if (!slavo_germanic(d))
            add2(d, "S", "X");
        else
            add(d, "S");
        return i + 3;
    }
    /* german & anglicisations, e.g. 'smith' match 'schmidt', 'snider' match 'schneider';
     * also -sz- in slavic language although in hungarian it is pronounced 's' */
    if ((i == 0 && is(d, i + 1, 1, "M", "N", "L", "W", NULL)) || is(d, i + 1, 1, "Z", NULL)) {
        add2(d, "S", "X");
        return is(d, i + 1, 1, "Z", NULL) ? i + 2 : i + 1;
    }
    if (is(d, i, 2, "SC", NULL)) {
        if (at(d, i + 2) == 'H') {
            /* Schlesinger's rule */
            if (is(d, i + 3, 2, "OO", "ER", "EN", "UY", "ED", "EM", NULL)) {
                if (is(d, i + 3, 2, "ER", "EN", NULL))
                    add2(d, "X", "SK"); /* 'schermerhorn', 'schenker' */
                else
                    add(d, "SK");
                return i + 3;
            }
            if (i == 0 && !vowel(d, 3) && at(d, 3) != 'W')
                add2(d, "X", "S");
            else
                add(d, "X");
            return i + 3;
        }
        if (is(d, i + 2, 1, "I", "E", "Y", NULL)) {
            add(d, "S");
            return i + 3;
        }
        add(d, "SK");
        return i + 3;
    }
    /* french e.g. 'resnais', 'artois' */
    if (i == d->last && is(d, i - 2, 2, "AI", "OI", NULL))
        add2(d, "", "S");
    else
        add(d, "S");
    return is(d, i + 1, 1, "S", "Z", NULL) ? i + 2 : i + 1;
}

static int do_t(dm *d, int i)
{
    if (is(d, i, 4, "TION", NULL) || is(d, i, 3, "TIA", "TCH", NULL)) {
        add(d, "X");
        return i + 3;
    }
    if (is(d, i, 2, "TH", NULL) || is(d, i, 3, "TTH", NULL)) {
        /* special case 'thomas', 'thames' or germanic */
        if (is(d, i + 2, 2, "OM", "AM", NULL) || is(d, 0, 4, "VAN ", "VON ", NULL) || is(d, 0, 3, "SCH", NULL))
            add(d, "T");
        else
            add2(d, "0", "T");
        return i + 2;
    }
    add(d, "T");
    return is(d, i + 1, 1, "T", "D", NULL) ? i + 2 : i + 1;
}

void vg_double_metaphone(const char *word, size_t len, char primary[VG_DM_LEN + 1], char alternate[VG_DM_LEN + 1])
{
    dm d;
    memset(&d, 0, sizeof d);
    memset(d.w, 0, sizeof d.w);
    for (size_t i = 0; i < len && d.len < MAXW; i++) {
        char c = word[i];
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        if ((c >= 'A' && c <= 'Z') || c == ' ')
            d.w[PAD + d.len++] = c;
    }
    d.last = d.len - 1;
    int i = 0;
    /* skip these when at start of word */
    if (is(&d, 0, 2, "GN", "KN", "PN", "WR", "PS", NULL))
        i = 1;
    if (at(&d, 0) == 'X') { /* initial 'X' is pronounced 'Z' e.g. 'Xavier' */
        add(&d, "S");
        i = 1;
    }
    while ((d.pn < VG_DM_LEN || d.an < VG_DM_LEN) && i < d.len) {
        char c = at(&d, i);
        switch (c) {
        case 'A': case 'E': case 'I': case 'O': case 'U': case 'Y':
            if (i == 0)
                add(&d, "A"); /* all initial vowels map to 'A' */
            i++;
            break;
        case 'B':
            add(&d, "P"); /* "-mb", e.g. "dumb", already skipped over... */
            i += at(&d, i + 1) == 'B' ? 2 : 1;
            break;
        case 'C': i = do_c(&d, i); break;
        case 'D':
            if (is(&d, i, 2, "DG", NULL)) {
                if (is(&d, i + 2, 1, "I", "E", "Y", NULL)) { /* e.g. 'edge' */
                    add(&d, "J");
                    i += 3;
                } else { /* e.g. 'edgar' */
                    add(&d, "TK");
                    i += 2;
                }
            } else {
                add(&d, "T");
                i += is(&d, i, 2, "DT", "DD", NULL) ? 2 : 1;
            }
            break;
        case 'F':
            add(&d, "F");
            i += at(&d, i + 1) == 'F' ? 2 : 1;
            break;
        case 'G': i = do_g(&d, i); break;
        case 'H':
            /* only keep if first & before vowel or between two vowels */
            if ((i == 0 || vowel(&d, i - 1)) && vowel(&d, i + 1)) {
                add(&d, "H");
                i += 2;
            } else {
                i++;
            }
            break;
        case 'J': i = do_j(&d, i); break;
        case 'K':
            add(&d, "K");
            i += at(&d, i + 1) == 'K' ? 2 : 1;
            break;
        case 'L':
            if (at(&d, i + 1) == 'L') {
                /* spanish e.g. 'cabrillo', 'gallegos' */
                if ((i == d.len - 3 && is(&d, i - 1, 4, "ILLO", "ILLA", "ALLE", NULL)) ||
                    ((is(&d, d.last - 1, 2, "AS", "OS", NULL) || is(&d, d.last, 1, "A", "O", NULL)) &&
                     is(&d, i - 1, 4, "ALLE", NULL)))
                    add2(&d, "L", "");
                else
                    add(&d, "L");
                i += 2;
            } else {
                add(&d, "L");
                i++;
            }
            break;
        case 'M':
            add(&d, "M");
            i += ((is(&d, i - 1, 3, "UMB", NULL) && (i + 1 == d.last || is(&d, i + 2, 2, "ER", NULL))) ||
                  at(&d, i + 1) == 'M')
                     ? 2
                     : 1;
            break;
        case 'N':
            add(&d, "N");
            i += at(&d, i + 1) == 'N' ? 2 : 1;
            break;
        case 'P':
            if (at(&d, i + 1) == 'H') {
                add(&d, "F");
                i += 2;
            } else {
                add(&d, "P"); /* also account for "campbell", "raspberry" */
                i += is(&d, i + 1, 1, "P", "B", NULL) ? 2 : 1;
            }
            break;
        case 'Q':
            add(&d, "K");
            i += at(&d, i + 1) == 'Q' ? 2 : 1;
            break;
        case 'R':
            /* french e.g. 'rogier', but exclude 'hochmeier' */
            if (i == d.last && !slavo_germanic(&d) && is(&d, i - 2, 2, "IE", NULL) &&
                !is(&d, i - 4, 2, "ME", "MA", NULL))
                add2(&d, "", "R");
            else
                add(&d, "R");
            i += at(&d, i + 1) == 'R' ? 2 : 1;
            break;
        case 'S': i = do_s(&d, i); break;
        case 'T': i = do_t(&d, i); break;
        case 'V':
            add(&d, "F");
            i += at(&d, i + 1) == 'V' ? 2 : 1;
            break;
        case 'W':
            if (is(&d, i, 2, "WR", NULL)) { /* can also be in middle of word */
                add(&d, "R");
                i += 2;
                break;
            }
            if (i == 0 && (vowel(&d, i + 1) || is(&d, i, 2, "WH", NULL))) {
                /* Wasserman should match Vasserman */
                if (vowel(&d, i + 1))
                    add2(&d, "A", "F");
                else
                    add(&d, "A"); /* need Uomo to match Womo */
            }
            /* Arnow should match Arnoff */
            if ((i == d.last && vowel(&d, i - 1)) || is(&d, i - 1, 5, "EWSKI", "EWSKY", "OWSKI", "OWSKY", NULL) ||
                is(&d, 0, 3, "SCH", NULL)) {
                add2(&d, "", "F");
                i++;
                break;
            }
            if (is(&d, i, 4, "WICZ", "WITZ", NULL)) { /* polish e.g. 'filipowicz' */
                add2(&d, "TS", "FX");
                i += 4;
                break;
            }
            i++;
            break;
        case 'X':
            /* french e.g. breaux */
            if (!(i == d.last && (is(&d, i - 3, 3, "IAU", "EAU", NULL) || is(&d, i - 2, 2, "AU", "OU", NULL))))
                add(&d, "KS");
            i += is(&d, i + 1, 1, "C", "X", NULL) ? 2 : 1;
            break;
        case 'Z':
            if (at(&d, i + 1) == 'H') { /* chinese pinyin e.g. 'zhao' */
                add(&d, "J");
                i += 2;
                break;
            }
            if (is(&d, i + 1, 2, "ZO", "ZI", "ZA", NULL) || (slavo_germanic(&d) && i > 0 && at(&d, i - 1) != 'T'))
                add2(&d, "S", "TS");
            else
                add(&d, "S");
            i += at(&d, i + 1) == 'Z' ? 2 : 1;
            break;
        default:
            i++;
        }
    }
    int pn = d.pn < VG_DM_LEN ? d.pn : VG_DM_LEN, an = d.an < VG_DM_LEN ? d.an : VG_DM_LEN;
    memcpy(primary, d.p, (size_t)pn);
    primary[pn] = '\0';
    memcpy(alternate, d.a, (size_t)an);
    alternate[an] = '\0';
}
