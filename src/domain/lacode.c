/* lacode.c - local-authority code kinds and reorganisations. The 2019 and 2020 changes
 * are the ones between the December 2016 force-area lookup and the April 2020 codes of
 * the ONS mid-2019 estimates (checked against both files in shared/data); 2021 and 2023
 * are from the ONS Code History Database, for estimates and lookups of later vintages. */
#include "domain/lacode.h"

#include <string.h>

vg_la_kind vg_la_kind_of(const char *s, size_t len)
{
    if (len != 9)
        return VG_LA_UNKNOWN;
    for (size_t i = 1; i < 9; i++)
        if (s[i] < '0' || s[i] > '9')
            return VG_LA_UNKNOWN;
    char c = s[0];
    int entity = (s[1] - '0') * 10 + (s[2] - '0');
    if (c == 'E' && entity >= 6 && entity <= 9)
        return VG_LA_DISTRICT;
    if (c == 'W' && entity == 6)
        return VG_LA_DISTRICT;
    if ((c == 'S' && entity == 12) || (c == 'N' && entity == 9))
        return VG_LA_OUTSIDE;
    /* E10 county, E11 metropolitan county, E12 region, E92/W92/S92/N92 country, K02-K04 UK, GB, E&W */
    if ((c == 'E' && (entity == 10 || entity == 11 || entity == 12 || entity == 92)) ||
        ((c == 'W' || c == 'S' || c == 'N') && entity == 92) || (c == 'K' && entity >= 2 && entity <= 4))
        return VG_LA_AGGREGATE;
    return VG_LA_UNKNOWN;
}

static const vg_la_change changes[] = {
    {"E06000058", "Bournemouth, Christchurch and Poole", 20190401, {"E06000028", "E06000029", "E07000048", NULL}},
    {"E06000059", "Dorset", 20190401, {"E07000049", "E07000050", "E07000051", "E07000052", "E07000053", NULL}},
    {"E07000244", "East Suffolk", 20190401, {"E07000205", "E07000206", NULL}},
    {"E07000245", "West Suffolk", 20190401, {"E07000201", "E07000204", NULL}},
    {"E07000246", "Somerset West and Taunton", 20190401, {"E07000190", "E07000191", NULL}},
    {"E06000060", "Buckinghamshire", 20200401, {"E07000004", "E07000005", "E07000006", "E07000007", NULL}},
    {"E06000061", "North Northamptonshire", 20210401, {"E07000150", "E07000152", "E07000153", "E07000156", NULL}},
    {"E06000062", "West Northamptonshire", 20210401, {"E07000151", "E07000154", "E07000155", NULL}},
    {"E06000063", "Cumberland", 20230401, {"E07000026", "E07000028", "E07000029", NULL}},
    {"E06000064", "Westmorland and Furness", 20230401, {"E07000027", "E07000030", "E07000031", NULL}},
    {"E06000065", "North Yorkshire", 20230401,
     {"E07000163", "E07000164", "E07000165", "E07000166", "E07000167", "E07000168", "E07000169", NULL}},
    {"E06000066", "Somerset", 20230401, {"E07000187", "E07000188", "E07000189", "E07000246", NULL}},
};

const vg_la_change *vg_la_changes(size_t *count)
{
    *count = sizeof changes / sizeof changes[0];
    return changes;
}

static bool is(const char *code, const char *s, size_t len) { return strlen(code) == len && memcmp(code, s, len) == 0; }

const vg_la_change *vg_la_change_creating(const char *code, size_t len)
{
    for (size_t i = 0; i < sizeof changes / sizeof changes[0]; i++)
        if (is(changes[i].successor, code, len))
            return &changes[i];
    return NULL;
}

const vg_la_change *vg_la_change_ending(const char *code, size_t len)
{
    for (size_t i = 0; i < sizeof changes / sizeof changes[0]; i++)
        for (int k = 0; k < VG_LA_MAX_PREDECESSORS && changes[i].predecessors[k]; k++)
            if (is(changes[i].predecessors[k], code, len))
                return &changes[i];
    return NULL;
}
