/* phonetic.h - Double Metaphone (Lawrence Philips, "The Double Metaphone Search
 * Algorithm", C/C++ Users Journal, June 2000): a primary and an alternate phonetic key
 * for a name, so that Smith and Schmidt, Catherine and Kathryn, Mohammed and Muhammad
 * meet. Written for Vigil from the published description. */
#ifndef VG_PHONETIC_H
#define VG_PHONETIC_H

#include <stddef.h>

#define VG_DM_LEN 4 /* key length, as in the published algorithm */

/* Keys of a (normalised, ASCII letters) word; non-letters are ignored. primary and
 * alternate receive up to VG_DM_LEN characters and a NUL; alternate equals primary when
 * the word has no second pronunciation. */
void vg_double_metaphone(const char *word, size_t len, char primary[VG_DM_LEN + 1], char alternate[VG_DM_LEN + 1]);

#endif
