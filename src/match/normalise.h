/* normalise.h - normalising what callers say about people and places so that records
 * written differently compare equal: names (Unicode NFKC, case-folded, accents and
 * punctuation removed, honorifics dropped, split into given and family parts), UK
 * postcodes, house and flat numbers and street names, and phone numbers to E.164. */
#ifndef VG_NORMALISE_H
#define VG_NORMALISE_H

#include "domain/match.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>


/* Normalises a name or name part into out: lower case, marks stripped, letters that do
 * not decompose transliterated (ł->l, ø->o, ß->ss, æ->ae), apostrophes removed,
 * other punctuation and runs of space turned into single spaces, honorifics and
 * suffixes (Mr, Mrs, Dr, Jr...) dropped. Returns the length (0 if nothing is left). */
size_t vg_norm_name(const char *in, size_t len, char out[VG_NAME_MAX]);

/* Splits a whole name ("Dr John Paul O'Brien", "OBRIEN, John Paul", "Ó Briain Siobhán")
 * into normalised given names and family name. "Family, Given" is understood; otherwise
 * the last word is the family name, with particles (de, van, von, mac, o, ...) before it
 * kept with it. */
void vg_norm_split_name(const char *in, size_t len, char given[VG_NAME_MAX], char family[VG_NAME_MAX]);

/* The first word of normalised given names ("john paul" -> "john"). */
size_t vg_norm_first_given(const char *given, char out[VG_NAME_MAX]);

/* UK postcode: validates the format (A9 9AA, A99 9AA, AA9 9AA, AA99 9AA, A9A 9AA,
 * AA9A 9AA), returns it upper case with one space ("wx123ab" -> "WX12 3AB"). */
bool vg_norm_postcode(const char *in, size_t len, char out[9]);

/* Phone numbers to E.164 (+447700900123). UK national (07700 900123), international
 * (+44 / 0044), spaces, dots, hyphens and brackets are understood. False if it is not a
 * plausible number. */
bool vg_norm_phone(const char *in, size_t len, char out[20]);

/* An address reduced to what identifies it. */
typedef struct vg_norm_address {
    char flat[16];    /* "2", "2a" */
    char number[16];  /* house number "14", "14a" */
    char building[48];/* house name, if there is no number */
    char street[64];  /* "high street" (types spelt out: rd -> road, st -> street) */
    char postcode[9]; /* "WX12 3AB" or "" */
} vg_norm_address;

/* Reads a free-text address ("Flat 2, 14 High St, Wintoncester WX12 3AB" or
 * "14 High Street Flat 2"): flat, house number, street and postcode. */
void vg_norm_address_text(const char *in, size_t len, vg_norm_address *out);
/* The same from structured fields (any may be NULL). */
void vg_norm_address_fields(const char *flat, const char *number, const char *building, const char *street,
                            const char *postcode, vg_norm_address *out);
/* Normalises one street name ("High St." -> "high street"). */
size_t vg_norm_street(const char *in, size_t len, char out[64]);

#endif
