/* policeuk.c - police.uk vocabularies (data.police.uk/about; see shared DOMAIN.md s.3). */
#include "domain/policeuk.h"

#include <string.h>

static const vg_puk_type_info types[VG_PUK_COUNT] = {
    [VG_PUK_ASB] = {"Anti-social behaviour", "anti-social-behaviour", 201012, 999912, VG_PUK_ASB},
    [VG_PUK_BICYCLE_THEFT] = {"Bicycle theft", "bicycle-theft", 201305, 999912, VG_PUK_BICYCLE_THEFT},
    [VG_PUK_BURGLARY] = {"Burglary", "burglary", 201012, 999912, VG_PUK_BURGLARY},
    [VG_PUK_CRIMINAL_DAMAGE_ARSON] = {"Criminal damage and arson", "criminal-damage-arson", 201109, 999912, VG_PUK_CRIMINAL_DAMAGE_ARSON},
    [VG_PUK_DRUGS] = {"Drugs", "drugs", 201109, 999912, VG_PUK_DRUGS},
    [VG_PUK_OTHER_CRIME] = {"Other crime", "other-crime", 201012, 999912, VG_PUK_OTHER_CRIME},
    [VG_PUK_OTHER_THEFT] = {"Other theft", "other-theft", 201109, 999912, VG_PUK_OTHER_THEFT},
    [VG_PUK_POSSESSION_OF_WEAPONS] = {"Possession of weapons", "possession-of-weapons", 201305, 999912, VG_PUK_POSSESSION_OF_WEAPONS},
    [VG_PUK_PUBLIC_ORDER] = {"Public order", "public-order", 201305, 999912, VG_PUK_PUBLIC_ORDER},
    [VG_PUK_ROBBERY] = {"Robbery", "robbery", 201012, 999912, VG_PUK_ROBBERY},
    [VG_PUK_SHOPLIFTING] = {"Shoplifting", "shoplifting", 201109, 999912, VG_PUK_SHOPLIFTING},
    [VG_PUK_THEFT_FROM_PERSON] = {"Theft from the person", "theft-from-the-person", 201305, 999912, VG_PUK_THEFT_FROM_PERSON},
    [VG_PUK_VEHICLE_CRIME] = {"Vehicle crime", "vehicle-crime", 201012, 999912, VG_PUK_VEHICLE_CRIME},
    [VG_PUK_VIOLENCE_SEXUAL] = {"Violence and sexual offences", "violent-crime", 201305, 999912, VG_PUK_VIOLENCE_SEXUAL},
    [VG_PUK_VIOLENT_CRIME] = {"Violent crime", "violent-crime", 201012, 201304, VG_PUK_VIOLENCE_SEXUAL},
    [VG_PUK_PUBLIC_DISORDER_WEAPONS] = {"Public disorder and weapons", "public-disorder-weapons", 201109, 201304, VG_PUK_PUBLIC_ORDER},
};

const vg_puk_type_info *vg_puk_type_info_of(vg_puk_type t)
{
    return (t >= 0 && t < VG_PUK_COUNT) ? &types[t] : NULL;
}

vg_puk_type vg_puk_type_from_label(const char *label, size_t len)
{
    for (int i = 0; i < VG_PUK_COUNT; i++)
        if (strlen(types[i].label) == len && memcmp(types[i].label, label, len) == 0)
            return (vg_puk_type)i;
    return VG_PUK_NONE;
}

bool vg_puk_type_is_legacy(vg_puk_type t) { return t == VG_PUK_VIOLENT_CRIME || t == VG_PUK_PUBLIC_DISORDER_WEAPONS; }

static const vg_puk_outcome outcomes[] = {
    {"awaiting-court-result", "Awaiting court outcome"},
    {"court-result-unavailable", "Court result unavailable"},
    {"unable-to-proceed", "Court case unable to proceed"},
    {"local-resolution", "Local resolution"},
    {"no-further-action", "Investigation complete; no suspect identified"},
    {"deprived-of-property", "Offender deprived of property"},
    {"fined", "Offender fined"},
    {"absolute-discharge", "Offender given absolute discharge"},
    {"cautioned", "Offender given a caution"},
    {"drugs-possession-warning", "Offender given a drugs possession warning"},
    {"penalty-notice-issued", "Offender given a penalty notice"},
    {"penalty-notice-issued", "Offender given penalty notice"}, /* the wording in 2014 files */
    {"community-penalty", "Offender given community sentence"},
    {"conditional-discharge", "Offender given conditional discharge"},
    {"suspended-sentence", "Offender given suspended prison sentence"},
    {"imprisoned", "Offender sent to prison"},
    {"other-court-disposal", "Offender otherwise dealt with"},
    {"compensation", "Offender ordered to pay compensation"},
    {"sentenced-in-another-case", "Suspect charged as part of another case"},
    {"charged", "Suspect charged"},
    {"not-guilty", "Defendant found not guilty"},
    {"sent-to-crown-court", "Defendant sent to Crown Court"},
    {"unable-to-prosecute", "Unable to prosecute suspect"},
    {"formal-action-not-in-public-interest", "Formal action is not in the public interest"},
    {"action-taken-by-another-organisation", "Action to be taken by another organisation"},
    {"further-investigation-not-in-public-interest", "Further investigation is not in the public interest"},
    {"further-action-not-in-public-interest", "Further action is not in the public interest"},
    {"under-investigation", "Under investigation"},
    {"status-update-unavailable", "Status update unavailable"},
    {"offender-deported", "Offender deported"},
};

const vg_puk_outcome *vg_puk_outcomes(size_t *count)
{
    *count = sizeof outcomes / sizeof outcomes[0];
    return outcomes;
}

const vg_puk_outcome *vg_puk_outcome_from_label(const char *label, size_t len)
{
    for (size_t i = 0; i < sizeof outcomes / sizeof outcomes[0]; i++)
        if (strlen(outcomes[i].label) == len && memcmp(outcomes[i].label, label, len) == 0)
            return &outcomes[i];
    return NULL;
}
