/* match.c - names of the matching result types. */
#include "domain/match.h"

const char *vg_match_band_name(vg_match_band b)
{
    static const char *const names[] = {"certain", "probable", "possible"};
    return (unsigned)b < 3 ? names[b] : "possible";
}
