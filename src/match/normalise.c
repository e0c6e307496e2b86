/* normalise.c - name, postcode, phone and address normalisation. Non-ASCII text goes
 * through utf8proc (NFKC, case fold, strip marks); ASCII takes a fast path. */
#include "match/normalise.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Letters that NFKD does not decompose into a base letter. */
static const struct {
    int32_t cp;
    const char *ascii;
} translit[] = {
    {0x0142, "l"}, {0x0141, "l"}, {0x00F8, "o"}, {0x00D8, "o"}, {0x00DF, "ss"}, {0x00E6, "ae"}, {0x00C6, "ae"},
    {0x0153, "oe"}, {0x0152, "oe"}, {0x0111, "d"}, {0x0110, "d"}, {0x00F0, "d"}, {0x00D0, "d"}, {0x00FE, "th"},
    {0x00DE, "th"}, {0x0131, "i"}, {0x0127, "h"}, {0x0126, "h"},
};

static const char *const honorifics[] = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame",
                                         "rev", "revd", "lady", "lord", "master", "madam", NULL};
static const char *const suffixes[] = {"jr", "jnr", "junior", "sr", "snr", "senior", "ii", "iii", "iv", NULL};
static const char *const particles[] = {"de", "da", "di", "del", "della", "van", "von", "der", "den", "la", "le",
                                        "mac", "mc", "o", "al", "el", "bin", "ibn", "st", "ap", "ab", "ni", "nic", NULL};

static bool in_list(const char *w, size_t n, const char *const *list)
{
    for (; *list; list++)
        if ((*list)[0] == w[0] && strncmp(*list, w, n) == 0 && (*list)[n] == '\0')
            return true;
    return false;
}

/* Appends a byte, collapsing spaces; returns the new length. */
static size_t put(char *out, size_t k, char c)
{
    if (k + 1 >= VG_NAME_MAX)
        return k;
    if (c == ' ' && (k == 0 || out[k - 1] == ' '))
        return k;
    out[k++] = c;
    return k;
}

/* Folds one code point (already NFKC, case-folded, marks stripped) into out. */
static size_t fold_cp(int32_t cp, char *out, size_t k)
{
    if (cp < 0x80) {
        char c = (char)cp;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            return put(out, k, c);
        if (c == '\'')
            return k; /* O'Brien -> obrien */
        return put(out, k, ' ');
    }
    if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC)
        return k; /* typographic apostrophes */
    for (size_t i = 0; i < sizeof translit / sizeof translit[0]; i++)
        if (translit[i].cp == cp) {
            for (const char *t = translit[i].ascii; *t; t++)
                k = put(out, k, *t);
            return k;
        }
    utf8proc_category_t cat = utf8proc_category(cp);
    if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) { /* letters of other scripts stay */
        uint8_t buf[4];
        utf8proc_ssize_t n = utf8proc_encode_char(cp, buf);
        if (k + (size_t)n + 1 < VG_NAME_MAX) {
            memcpy(out + k, buf, (size_t)n);
            k += (size_t)n;
        }
        return k;
    }
    if (cat == UTF8PROC_CATEGORY_ND)
        return k; /* non-ASCII digits: drop */
    return put(out, k, ' ');
}

static size_t fold(const char *in, size_t len, char out[VG_NAME_MAX])
{
    size_t k = 0;
    bool ascii = true;
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)in[i] >= 0x80) {
            ascii = false;
            break;
        }
    if (ascii) {
        for (size_t i = 0; i < len; i++)
            k = fold_cp((unsigned char)in[i], out, k);
    } else {
        utf8proc_uint8_t *mapped = NULL;
        utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)in, (utf8proc_ssize_t)len, &mapped,
                                          UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD |
                                              UTF8PROC_STRIPMARK | UTF8PROC_IGNORE);
        if (n < 0) { /* invalid UTF-8: keep the ASCII letters only */
            for (size_t i = 0; i < len; i++)
                if ((unsigned char)in[i] < 0x80)
                    k = fold_cp((unsigned char)in[i], out, k);
        } else {
            utf8proc_ssize_t pos = 0;
            while (pos < n) {
                utf8proc_int32_t cp;
                utf8proc_ssize_t step = utf8proc_iterate(mapped + pos, n - pos, &cp);
                if (step <= 0)
                    break;
                k = fold_cp(cp, out, k);
                pos += step;
            }
        }
        free(mapped);
    }
    while (k && out[k - 1] == ' ')
        k--;
    out[k] = '\0';
    return k;
}

/* Removes honorifics at the start and suffixes at the end of a folded name. */
static size_t drop_titles(char *s, size_t n)
{
    for (;;) {
        char *sp = memchr(s, ' ', n);
        size_t w = sp ? (size_t)(sp - s) : n;
        if (!sp || !in_list(s, w, honorifics))
            break;
        memmove(s, s + w + 1, n - w);
        n -= w + 1;
    }
    for (;;) {
        char *sp = NULL;
        for (size_t i = n; i > 0; i--)
            if (s[i - 1] == ' ') {
                sp = s + i - 1;
                break;
            }
        if (!sp || !in_list(sp + 1, (size_t)(s + n - sp - 1), suffixes))
            break;
        n = (size_t)(sp - s);
    }
    s[n] = '\0';
    return n;
}

size_t vg_norm_name(const char *in, size_t len, char out[VG_NAME_MAX])
{
    size_t n = fold(in, len, out);
    return drop_titles(out, n);
}

void vg_norm_split_name(const char *in, size_t len, char given[VG_NAME_MAX], char family[VG_NAME_MAX])
{
    given[0] = family[0] = '\0';
    const char *comma = memchr(in, ',', len);
    if (comma) { /* "Family, Given" */
        vg_norm_name(in, (size_t)(comma - in), family);
        vg_norm_name(comma + 1, len - (size_t)(comma - in) - 1, given);
        return;
    }
    char all[VG_NAME_MAX];
    size_t n = vg_norm_name(in, len, all);
    if (!n)
        return;
    /* family = last word, with any particles before it */
    size_t start = n;
    while (start > 0 && all[start - 1] != ' ')
        start--;
    while (start > 1) {
        size_t ws = start - 1;
        while (ws > 0 && all[ws - 1] != ' ')
            ws--;
        if (ws == 0 || !in_list(all + ws, start - 1 - ws, particles))
            break;
        start = ws;
    }
    snprintf(family, VG_NAME_MAX, "%s", all + start);
    if (start > 0) {
        memcpy(given, all, start - 1);
        given[start - 1] = '\0';
    }
}

size_t vg_norm_first_given(const char *given, char out[VG_NAME_MAX])
{
    const char *sp = strchr(given, ' ');
    size_t n = sp ? (size_t)(sp - given) : strlen(given);
    if (n >= VG_NAME_MAX)
        n = VG_NAME_MAX - 1;
    memcpy(out, given, n);
    out[n] = '\0';
    return n;
}

bool vg_norm_postcode(const char *in, size_t len, char out[9])
{
    char c[8];
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)in[i];
        if (ch == ' ' || ch == '\t')
            continue;
        if (!isalnum(ch) || n >= 7)
            return false;
        c[n++] = (char)toupper(ch);
    }
    if (n < 5)
        return false;
    /* inward code: digit letter letter */
    const char *inw = c + n - 3;
    if (!isdigit((unsigned char)inw[0]) || !isalpha((unsigned char)inw[1]) || !isalpha((unsigned char)inw[2]))
        return false;
    size_t on = n - 3; /* outward: A9, A99, AA9, AA99, A9A, AA9A */
    const char *o = c;
    bool ok = false;
    if (isalpha((unsigned char)o[0])) {
        if (on == 2)
            ok = isdigit((unsigned char)o[1]);
        else if (on == 3)
            ok = (isdigit((unsigned char)o[1]) && isalnum((unsigned char)o[2])) ||
                 (isalpha((unsigned char)o[1]) && isdigit((unsigned char)o[2]));
        else if (on == 4)
            ok = isalpha((unsigned char)o[1]) && isdigit((unsigned char)o[2]) && isalnum((unsigned char)o[3]);
    }
    if (!ok)
        return false;
    memcpy(out, c, on);
    out[on] = ' ';
    memcpy(out + on + 1, inw, 3);
    out[on + 4] = '\0';
    return true;
}

bool vg_norm_phone(const char *in, size_t len, char out[20])
{
    char d[24];
    size_t n = 0;
    bool plus = false;
    for (size_t i = 0; i < len; i++) {
        char ch = in[i];
        if (ch >= '0' && ch <= '9') {
            if (n >= 20)
                return false;
            d[n++] = ch;
        } else if (ch == '+' && n == 0 && !plus) {
            plus = true;
        } else if (ch != ' ' && ch != '-' && ch != '.' && ch != '(' && ch != ')' && ch != '\t') {
            return false;
        }
    }
    d[n] = '\0';
    const char *digits = d;
    if (plus) {
        /* already international */
    } else if (n > 2 && d[0] == '0' && d[1] == '0') {
        digits = d + 2; /* 0044... */
    } else if (d[0] == '0') {
        digits = d + 1; /* UK national: 0 then the national number */
        goto uk;
    } else {
        return false;
    }
    size_t dn = strlen(digits);
    if (dn < 8 || dn > 15 || digits[0] == '0')
        return false;
    if (strncmp(digits, "44", 2) == 0) {
        digits += 2;
        if (digits[0] == '0') /* +44 (0)7700...: the trunk 0 written in */
            digits++;
        goto uk;
    }
    out[0] = '+';
    memcpy(out + 1, digits, dn + 1); /* dn <= 15 */
    return true;
uk: /* a UK national significant number: 9 or 10 digits (mobiles, 7..., 10), not 0... */
    dn = strlen(digits);
    if (dn < 9 || dn > 10 || digits[0] == '0' || (digits[0] == '7' && dn != 10))
        return false;
    memcpy(out, "+44", 3);
    memcpy(out + 3, digits, dn + 1); /* dn <= 10 */
    return true;
}

/* Street types, and their abbreviations. */
static const struct {
    const char *abbr, *full;
} street_types[] = {
    {"rd", "road"}, {"st", "street"}, {"ave", "avenue"}, {"av", "avenue"}, {"ln", "lane"}, {"cl", "close"},
    {"dr", "drive"}, {"gdns", "gardens"}, {"gdn", "garden"}, {"cres", "crescent"}, {"cresc", "crescent"},
    {"pl", "place"}, {"sq", "square"}, {"ct", "court"}, {"terr", "terrace"}, {"ter", "terrace"},
    {"gr", "grove"}, {"pk", "park"}, {"wy", "way"}, {"hwy", "highway"}, {"mt", "mount"}, {"bvd", "boulevard"},
};

/* The street type a word is (its abbreviation, or with full_too its full form), or -1. */
static int street_type(const char *p, size_t w, bool full_too)
{
    for (size_t i = 0; i < sizeof street_types / sizeof street_types[0]; i++) {
        const char *a = street_types[i].abbr, *f = street_types[i].full;
        if ((a[0] == p[0] && strncmp(a, p, w) == 0 && a[w] == '\0') ||
            (full_too && f[0] == p[0] && strncmp(f, p, w) == 0 && f[w] == '\0'))
            return (int)i;
    }
    return -1;
}

size_t vg_norm_street(const char *in, size_t len, char out[64])
{
    char f[VG_NAME_MAX];
    size_t n = fold(in, len, f);
    size_t k = 0;
    out[0] = '\0';
    const char *p = f;
    while (p < f + n) {
        const char *sp = strchr(p, ' ');
        size_t w = sp ? (size_t)(sp - p) : strlen(p);
        bool last = !sp;
        const char *word = p;
        size_t wl = w;
        int t = street_type(p, w, false);
        /* "St" is Saint at the start of a name ("St Marys Road") */
        if (t >= 0 && (last || strcmp(street_types[t].abbr, "st") != 0)) {
            word = street_types[t].full;
            wl = strlen(word);
        }
        if (k && k + 1 < 63)
            out[k++] = ' ';
        if (k + wl < 63) {
            memcpy(out + k, word, wl);
            k += wl;
        }
        out[k] = '\0';
        p += w + (sp ? 1 : 0);
    }
    return k;
}

static bool is_number_word(const char *w, size_t n)
{
    if (!n || !isdigit((unsigned char)w[0]))
        return false;
    size_t i = 0;
    while (i < n && isdigit((unsigned char)w[i]))
        i++;
    return i == n || (i + 1 == n && isalpha((unsigned char)w[i])); /* 14, 14a */
}

static void copy_word(char *dst, size_t cap, const char *w, size_t n)
{
    if (n >= cap)
        n = cap - 1;
    memcpy(dst, w, n);
    dst[n] = '\0';
}

void vg_norm_address_text(const char *in, size_t len, vg_norm_address *out)
{
    memset(out, 0, sizeof *out);
    /* a postcode anywhere: try the last two words, then the last word */
    char tmp[256];
    size_t tl = len < sizeof tmp - 1 ? len : sizeof tmp - 1;
    memcpy(tmp, in, tl);
    tmp[tl] = '\0';
    for (int words = 2; words >= 1 && !out->postcode[0]; words--) {
        size_t end = tl;
        while (end && (tmp[end - 1] == ' ' || tmp[end - 1] == ','))
            end--;
        size_t start = end;
        int seen = 0;
        while (start > 0) {
            if (tmp[start - 1] == ' ' || tmp[start - 1] == ',') {
                if (++seen == words)
                    break;
                while (start > 0 && (tmp[start - 1] == ' ' || tmp[start - 1] == ','))
                    start--;
                continue;
            }
            start--;
        }
        if (vg_norm_postcode(tmp + start, end - start, out->postcode))
            tl = start;
    }
    char f[VG_NAME_MAX * 2];
    char folded[VG_NAME_MAX];
    size_t n = fold(tmp, tl, folded);
    memcpy(f, folded, n + 1);
    /* walk words: flat <n>, the first number, then the street words up to the next number-free end */
    const char *p = f;
    char street_words[128] = "";
    size_t sw = 0;
    bool after_number = false, in_flat = false;
    while (p < f + n) {
        const char *sp = strchr(p, ' ');
        size_t w = sp ? (size_t)(sp - p) : strlen(p);
        if (w == 4 && memcmp(p, "flat", 4) == 0)
            in_flat = true;
        else if ((w == 9 && memcmp(p, "apartment", 9) == 0) || (w == 3 && memcmp(p, "apt", 3) == 0) ||
                 (w == 4 && memcmp(p, "unit", 4) == 0))
            in_flat = true;
        else if (is_number_word(p, w)) {
            if (in_flat && !out->flat[0])
                copy_word(out->flat, sizeof out->flat, p, w);
            else if (!out->number[0]) {
                copy_word(out->number, sizeof out->number, p, w);
                after_number = true;
            }
            in_flat = false;
        } else if (after_number && sw + w + 2 < sizeof street_words) {
            if (sw)
                street_words[sw++] = ' ';
            memcpy(street_words + sw, p, w);
            sw += w;
            street_words[sw] = '\0';
            /* a street ends at its type word: the rest is locality and town */
            if (street_type(p, w, true) >= 0)
                after_number = false;
        }
        p += w + (sp ? 1 : 0);
    }
    vg_norm_street(street_words, sw, out->street);
}

void vg_norm_address_fields(const char *flat, const char *number, const char *building, const char *street,
                            const char *postcode, vg_norm_address *out)
{
    memset(out, 0, sizeof *out);
    if (flat) { /* "Flat 2" or "2" */
        char f[VG_NAME_MAX];
        size_t n = fold(flat, strlen(flat), f);
        const char *w = f;
        if (n > 5 && memcmp(f, "flat ", 5) == 0)
            w = f + 5;
        copy_word(out->flat, sizeof out->flat, w, strlen(w));
    }
    if (number) {
        char f[VG_NAME_MAX];
        fold(number, strlen(number), f);
        copy_word(out->number, sizeof out->number, f, strlen(f));
    }
    if (building && !out->number[0]) {
        char f[VG_NAME_MAX];
        fold(building, strlen(building), f);
        copy_word(out->building, sizeof out->building, f, strlen(f));
    }
    if (street)
        vg_norm_street(street, strlen(street), out->street);
    if (postcode && !vg_norm_postcode(postcode, strlen(postcode), out->postcode))
        out->postcode[0] = '\0';
}
