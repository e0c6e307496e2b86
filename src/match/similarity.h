/* similarity.h - string similarity for names: Jaro-Winkler and Damerau-Levenshtein
 * (unrestricted: transpositions of adjacent characters count one edit even with edits
 * between), both over Unicode code points of UTF-8 text. */
#ifndef VG_SIMILARITY_H
#define VG_SIMILARITY_H

#include <stdbool.h>
#include <stddef.h>

#define VG_SIM_MAX 64 /* longer strings are compared on their first 64 code points */

/* Jaro-Winkler similarity in [0, 1] (prefix scale 0.1, prefix up to 4). */
double vg_jaro_winkler(const char *a, size_t an, const char *b, size_t bn);
/* Damerau-Levenshtein distance (insert, delete, substitute, transpose). */
int vg_damerau_levenshtein(const char *a, size_t an, const char *b, size_t bn);

/* Whether the edit distance is at most k (optimal string alignment: adjacent
 * transpositions count one edit, without further edits between them), computed in a
 * band of width 2k+1 and given up as soon as no cell of a row is within k: fast for the
 * small k that name comparison asks about. */
bool vg_edit_within(const char *a, size_t an, const char *b, size_t bn, int k);

#endif
