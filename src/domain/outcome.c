/* outcome.c - the crime outcomes framework (Home Office, from April 2013; shared
 * DOMAIN.md s.4). Labels are the Home Office wording as far as confirmed. */
#include "domain/outcome.h"

#include <stddef.h>

static const vg_outcome_type types[VG_OUTCOME_MAX + 1] = {
    {0, "Not yet assigned an outcome", VG_OG_NONE, 0, false},
    {1, "Charged/Summonsed", VG_OG_CHARGED, 20130401, true},
    {2, "Caution - youths", VG_OG_OOCD_FORMAL, 20130401, true},
    {3, "Caution - adults", VG_OG_OOCD_FORMAL, 20130401, true},
    {4, "Taken into consideration", VG_OG_TIC, 20130401, true},
    {5, "The offender has died", VG_OG_PREVENTED, 20130401, false},
    {6, "Penalty Notice for Disorder", VG_OG_OOCD_FORMAL, 20130401, true},
    {7, "Cannabis/Khat warning", VG_OG_OOCD_FORMAL, 20130401, true},
    {8, "Community Resolution", VG_OG_OOCD_INFORMAL, 20130401, false},
    {9, "Prosecution not in the public interest (CPS)", VG_OG_PREVENTED, 20130401, false},
    {10, "Formal action against the offender is not in the public interest (police)", VG_OG_PREVENTED, 20130401, false},
    {11, "Prosecution prevented - named suspect below age of criminal responsibility", VG_OG_PREVENTED, 20130401, false},
    {12, "Prosecution prevented - named suspect too ill to prosecute", VG_OG_PREVENTED, 20130401, false},
    {13, "Prosecution prevented - victim or key witness dead or too ill to give evidence", VG_OG_PREVENTED, 20130401, false},
    {14, "Evidential difficulties: suspect not identified; victim does not support further action", VG_OG_EVIDENTIAL_NOT_SUPPORT, 20130401, false},
    {15, "Evidential difficulties: named suspect identified; victim supports action", VG_OG_EVIDENTIAL_SUPPORT, 20130401, false},
    {16, "Evidential difficulties: named suspect identified; victim does not support action", VG_OG_EVIDENTIAL_NOT_SUPPORT, 20130401, false},
    {17, "Prosecution time limit expired", VG_OG_PREVENTED, 20130401, false},
    {18, "Investigation complete - no suspect identified", VG_OG_NO_SUSPECT, 20130401, false},
    {19, "National Fraud Intelligence Bureau filed", VG_OG_NFIB, 20130401, false},
    {20, "Action taken by another body or agency", VG_OG_TRANSFERRED, 20130401, false},
    {21, "Further investigation to support formal action not in the public interest", VG_OG_FURTHER_INV_NPI, 20160401, false},
    {22, "Diversionary, educational or intervention activity; further action not in the public interest", VG_OG_DIVERSIONARY, 20190401, false},
};

static const char *const group_labels[VG_OG_COUNT] = {
    [VG_OG_NONE] = "Not yet assigned",
    [VG_OG_CHARGED] = "Charged/Summonsed",
    [VG_OG_OOCD_FORMAL] = "Out-of-court (formal)",
    [VG_OG_OOCD_INFORMAL] = "Out-of-court (informal)",
    [VG_OG_TIC] = "Taken into consideration",
    [VG_OG_PREVENTED] = "Prosecution prevented or not in the public interest",
    [VG_OG_EVIDENTIAL_NOT_SUPPORT] = "Evidential difficulties (victim does not support action)",
    [VG_OG_EVIDENTIAL_SUPPORT] = "Evidential difficulties (suspect identified; victim supports action)",
    [VG_OG_NO_SUSPECT] = "Investigation complete - no suspect identified",
    [VG_OG_NFIB] = "National Fraud Intelligence Bureau filed",
    [VG_OG_TRANSFERRED] = "Responsibility transferred to another body",
    [VG_OG_FURTHER_INV_NPI] = "Further investigation not in the public interest",
    [VG_OG_DIVERSIONARY] = "Diversionary, educational or intervention activity",
};

const vg_outcome_type *vg_outcome_type_of(int number)
{
    return (number >= 0 && number <= VG_OUTCOME_MAX) ? &types[number] : NULL;
}

const char *vg_outcome_group_label(vg_outcome_group g)
{
    return (g >= 0 && g < VG_OG_COUNT) ? group_labels[g] : "?";
}

const char *vg_outcome_policeuk_label(int number)
{
    /* The mapping police.uk applies is not published; this follows the meaning of each
     * type (documented in docs/DATA.md). */
    static const char *const labels[VG_OUTCOME_MAX + 1] = {
        [0] = "Under investigation",
        [1] = "Awaiting court outcome",
        [2] = "Offender given a caution",
        [3] = "Offender given a caution",
        [4] = "Suspect charged as part of another case",
        [5] = "Unable to prosecute suspect",
        [6] = "Offender given a penalty notice",
        [7] = "Offender given a drugs possession warning",
        [8] = "Local resolution",
        [9] = "Formal action is not in the public interest",
        [10] = "Formal action is not in the public interest",
        [11] = "Unable to prosecute suspect",
        [12] = "Unable to prosecute suspect",
        [13] = "Unable to prosecute suspect",
        [14] = "Investigation complete; no suspect identified",
        [15] = "Unable to prosecute suspect",
        [16] = "Unable to prosecute suspect",
        [17] = "Unable to prosecute suspect",
        [18] = "Investigation complete; no suspect identified",
        [19] = "Status update unavailable",
        [20] = "Action to be taken by another organisation",
        [21] = "Further investigation is not in the public interest",
        [22] = "Further action is not in the public interest",
    };
    return (number >= 0 && number <= VG_OUTCOME_MAX) ? labels[number] : NULL;
}
