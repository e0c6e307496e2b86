/* fuzz_contact.c - libFuzzer harness for first contact's parsers: the incident JSON
 * reader, and every normaliser and comparator a caller's words go through (names and
 * their split, postcodes, phone numbers, addresses, Double Metaphone, Jaro-Winkler,
 * Damerau-Levenshtein). Invariants: normalised output is NUL-terminated within its
 * buffer and normalising again changes nothing; a normalised postcode or phone
 * normalises to itself; similarities stay in range and are symmetric. */
#include "io/contact_json.h"
#include "match/model.h"
#include "match/normalise.h"
#include "match/phonetic.h"
#include "match/similarity.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    vg_incident_draft *d;
    size_t n;
    vg_error err;
    if (vg_incident_drafts_parse(s, size, "fuzz", &d, &n, &err) == VG_OK) {
        for (size_t i = 0; i < n; i++)
            if (d[i].n_people > VG_DRAFT_MAX_PEOPLE || d[i].category >= VG_CAT_COUNT)
                abort();
        vg_incident_drafts_free(d, n);
    } else if (!err.where[0] || !err.why[0]) {
        abort(); /* a rejection always says where and why */
    }
    char name[VG_NAME_MAX], again[VG_NAME_MAX];
    size_t len = vg_norm_name(s, size, name);
    if (len != strlen(name) || len >= VG_NAME_MAX)
        abort();
    if (vg_norm_name(name, len, again) != len || strcmp(name, again) != 0)
        abort(); /* idempotent */
    char given[VG_NAME_MAX], family[VG_NAME_MAX];
    vg_norm_split_name(s, size, given, family);
    if (strlen(given) >= VG_NAME_MAX || strlen(family) >= VG_NAME_MAX)
        abort();
    char pc[9], pc2[9];
    if (vg_norm_postcode(s, size, pc) && (!vg_norm_postcode(pc, strlen(pc), pc2) || strcmp(pc, pc2) != 0))
        abort();
    char ph[20] = "", ph2[20];
    if (vg_norm_phone(s, size, ph) && (ph[0] != '+' || !vg_norm_phone(ph, strlen(ph), ph2) || strcmp(ph, ph2) != 0))
        abort();
    vg_norm_address a;
    vg_norm_address_text(s, size, &a);
    if (strlen(a.street) >= sizeof a.street || strlen(a.number) >= sizeof a.number)
        abort();
    char p[VG_DM_LEN + 1], alt[VG_DM_LEN + 1];
    vg_double_metaphone(name, len, p, alt);
    if (strlen(p) > VG_DM_LEN || strlen(alt) > VG_DM_LEN)
        abort();
    /* comparators on the two halves of the input */
    size_t h = size / 2, h2 = size - h > 48 ? 48 : size - h; /* names are short */
    if (h > 48)
        h = 48;
    double jw = vg_jaro_winkler(s, h, s + size / 2, h2), jw2 = vg_jaro_winkler(s + size / 2, h2, s, h);
    if (!(jw >= 0 && jw <= 1) || jw - jw2 > 1e-9 || jw2 - jw > 1e-9)
        abort();
    int dl = vg_damerau_levenshtein(s, h, s + size / 2, h2);
    if (dl < 0 || dl != vg_damerau_levenshtein(s + size / 2, h2, s, h))
        abort();
    if (vg_edit_within(s, h, s + size / 2, h2, 2) && dl > 2)
        abort();
    char *text = malloc(size + 1); /* the preparer takes C strings */
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    vg_match_person x, y;
    vg_match_person_prepare(&x, name, NULL, NULL, VG_DATE_NONE, ph, text, NULL, VG_GENDER_UNKNOWN);
    free(text);
    vg_match_person_prepare(&y, NULL, given, family, VG_DATE_NONE, NULL, NULL, &a, VG_GENDER_UNKNOWN);
    vg_match_cmp c;
    vg_match_compare(&x, &y, &c);
    for (int f = 0; f < VG_MF_COUNT; f++)
        if (c.level[f] < VG_LEVEL_MISSING || c.level[f] >= vg_match_levels((vg_match_field)f))
            abort();
    return 0;
}
