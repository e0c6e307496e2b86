/* offence.c - Home Office offence code table (source: shared DOMAIN.md s.2.2 and the
 * ONS hierarchy in shared/data/home-office/ho-offence-codes.csv). Dates marked
 * UNCONFIRMED in docs/DATA.md are best estimates: codes introduced after 2014 (†) and
 * the codes they replaced. */
#include "domain/offence.h"

#include <string.h>
#include <strings.h>

#define OPEN_FROM 0
#define OPEN_TO 99991231
#define BURGLARY_RECODE 20170401   /* UNCONFIRMED: 28E-31A and 58J start */
#define BURGLARY_REPLACED 20170331 /* last day of 28A-31 and 58E-58H */

static const vg_offence offences[] = {
    /* Homicide */
    {"1", "Murder", VG_SG_HOMICIDE, OPEN_FROM, OPEN_TO},
    {"4.1", "Manslaughter", VG_SG_HOMICIDE, OPEN_FROM, OPEN_TO},
    {"4.10", "Corporate manslaughter", VG_SG_HOMICIDE, OPEN_FROM, OPEN_TO},
    {"4.2", "Infanticide", VG_SG_HOMICIDE, OPEN_FROM, OPEN_TO},
    /* Death or serious injury caused by illegal driving */
    {"4.4", "Causing death or serious injury by dangerous driving", VG_SG_DEATH_DRIVING, OPEN_FROM, OPEN_TO},
    {"4.6", "Causing death by careless driving under the influence of drink or drugs", VG_SG_DEATH_DRIVING, OPEN_FROM, OPEN_TO},
    {"4.8", "Causing death by careless or inconsiderate driving", VG_SG_DEATH_DRIVING, OPEN_FROM, OPEN_TO},
    {"4.9", "Causing death or serious injury by driving: unlicensed, disqualified or uninsured drivers", VG_SG_DEATH_DRIVING, OPEN_FROM, OPEN_TO},
    {"37.1", "Causing death by aggravated vehicle taking", VG_SG_DEATH_DRIVING, OPEN_FROM, OPEN_TO},
    /* Violence with injury */
    {"2", "Attempted murder", VG_SG_VIOLENCE_WITH_INJURY, OPEN_FROM, OPEN_TO},
    {"4.3", "Intentional destruction of a viable unborn child", VG_SG_VIOLENCE_WITH_INJURY, OPEN_FROM, OPEN_TO},
    {"4.7", "Causing or allowing death or serious harm of a child or vulnerable person", VG_SG_VIOLENCE_WITH_INJURY, OPEN_FROM, OPEN_TO},
    {"5", "Wounding or other act endangering life", VG_SG_VIOLENCE_WITH_INJURY, OPEN_FROM, OPEN_TO},
    {"5A", "Wounding with intent to do grievous bodily harm", VG_SG_VIOLENCE_WITH_INJURY, OPEN_FROM, OPEN_TO},
    {"5B", "Use of substance or object to endanger life", VG_SG_VIOLENCE_WITH_INJURY, OPEN_FROM, OPEN_TO},
    {"5C", "Possession of items to endanger life", VG_SG_VIOLENCE_WITH_INJURY, OPEN_FROM, OPEN_TO},
    {"5D", "Assault with intent to cause serious harm", VG_SG_VIOLENCE_WITH_INJURY, OPEN_FROM, OPEN_TO},
    {"5E", "Endangering life", VG_SG_VIOLENCE_WITH_INJURY, OPEN_FROM, OPEN_TO},
    {"6", "Endangering railway passengers", VG_SG_VIOLENCE_WITH_INJURY, OPEN_FROM, OPEN_TO},
    {"7", "Endangering life at sea", VG_SG_VIOLENCE_WITH_INJURY, OPEN_FROM, OPEN_TO},
    {"8A", "Less serious wounding", VG_SG_VIOLENCE_WITH_INJURY, OPEN_FROM, OPEN_TO},
    {"8D", "Racially or religiously aggravated less serious wounding", VG_SG_VIOLENCE_WITH_INJURY, OPEN_FROM, OPEN_TO},
    {"8F", "Inflicting grievous bodily harm without intent", VG_SG_VIOLENCE_WITH_INJURY, OPEN_FROM, OPEN_TO},
    {"8G", "Actual bodily harm and other injury", VG_SG_VIOLENCE_WITH_INJURY, OPEN_FROM, OPEN_TO},
    {"8H", "Racially or religiously aggravated inflicting GBH without intent", VG_SG_VIOLENCE_WITH_INJURY, OPEN_FROM, OPEN_TO},
    {"8J", "Racially or religiously aggravated ABH or other injury", VG_SG_VIOLENCE_WITH_INJURY, OPEN_FROM, OPEN_TO},
    {"8K", "Poisoning or female genital mutilation", VG_SG_VIOLENCE_WITH_INJURY, OPEN_FROM, OPEN_TO},
    {"8N", "Assault with injury", VG_SG_VIOLENCE_WITH_INJURY, OPEN_FROM, OPEN_TO},
    {"8P", "Racially or religiously aggravated assault with injury", VG_SG_VIOLENCE_WITH_INJURY, OPEN_FROM, OPEN_TO},
    {"8S", "Assault with injury on a constable", VG_SG_VIOLENCE_WITH_INJURY, 20190401, OPEN_TO},
    /* Violence without injury */
    {"3A", "Conspiracy to murder", VG_SG_VIOLENCE_WITHOUT_INJURY, OPEN_FROM, OPEN_TO},
    {"3B", "Threats to kill", VG_SG_VIOLENCE_WITHOUT_INJURY, OPEN_FROM, OPEN_TO},
    {"11A", "Cruelty to children/young persons", VG_SG_VIOLENCE_WITHOUT_INJURY, OPEN_FROM, OPEN_TO},
    {"13", "Child abduction", VG_SG_VIOLENCE_WITHOUT_INJURY, OPEN_FROM, OPEN_TO},
    {"14", "Procuring illegal abortion", VG_SG_VIOLENCE_WITHOUT_INJURY, OPEN_FROM, OPEN_TO},
    {"36", "Kidnapping", VG_SG_VIOLENCE_WITHOUT_INJURY, OPEN_FROM, OPEN_TO},
    {"104", "Assault without injury on a constable", VG_SG_VIOLENCE_WITHOUT_INJURY, OPEN_FROM, OPEN_TO},
    {"105A", "Assault without injury", VG_SG_VIOLENCE_WITHOUT_INJURY, OPEN_FROM, OPEN_TO},
    {"105B", "Racially or religiously aggravated assault without injury", VG_SG_VIOLENCE_WITHOUT_INJURY, OPEN_FROM, OPEN_TO},
    {"106", "Modern slavery", VG_SG_VIOLENCE_WITHOUT_INJURY, 20150731, OPEN_TO},
    /* Stalking and harassment */
    {"8L", "Harassment", VG_SG_STALKING_HARASSMENT, OPEN_FROM, OPEN_TO},
    {"8M", "Racially or religiously aggravated harassment", VG_SG_STALKING_HARASSMENT, OPEN_FROM, OPEN_TO},
    {"8Q", "Stalking", VG_SG_STALKING_HARASSMENT, OPEN_FROM, OPEN_TO},
    {"8R", "Malicious communications", VG_SG_STALKING_HARASSMENT, 20150401, OPEN_TO},
    /* Rape */
    {"19C", "Rape of a female aged 16 and over", VG_SG_RAPE, OPEN_FROM, OPEN_TO},
    {"19D", "Rape of a female child under 16", VG_SG_RAPE, OPEN_FROM, OPEN_TO},
    {"19E", "Rape of a female child under 13", VG_SG_RAPE, OPEN_FROM, OPEN_TO},
    {"19F", "Rape of a male aged 16 and over", VG_SG_RAPE, OPEN_FROM, OPEN_TO},
    {"19G", "Rape of a male child under 16", VG_SG_RAPE, OPEN_FROM, OPEN_TO},
    {"19H", "Rape of a male child under 13", VG_SG_RAPE, OPEN_FROM, OPEN_TO},
    /* Other sexual offences */
    {"17A", "Sexual assault on a male aged 13 and over", VG_SG_OTHER_SEXUAL, OPEN_FROM, OPEN_TO},
    {"17B", "Sexual assault on a male child under 13", VG_SG_OTHER_SEXUAL, OPEN_FROM, OPEN_TO},
    {"20A", "Sexual assault on a female aged 13 and over", VG_SG_OTHER_SEXUAL, OPEN_FROM, OPEN_TO},
    {"20B", "Sexual assault on a female child under 13", VG_SG_OTHER_SEXUAL, OPEN_FROM, OPEN_TO},
    {"21", "Sexual activity involving a child under 13", VG_SG_OTHER_SEXUAL, OPEN_FROM, OPEN_TO},
    {"22A", "Causing sexual activity without consent", VG_SG_OTHER_SEXUAL, OPEN_FROM, OPEN_TO},
    {"22B", "Sexual activity involving a child under 16", VG_SG_OTHER_SEXUAL, OPEN_FROM, OPEN_TO},
    {"23", "Incest or familial sexual offences", VG_SG_OTHER_SEXUAL, OPEN_FROM, OPEN_TO},
    {"70", "Sexual activity etc. with a person with a mental disorder", VG_SG_OTHER_SEXUAL, OPEN_FROM, OPEN_TO},
    {"71", "Abuse of children through sexual exploitation", VG_SG_OTHER_SEXUAL, OPEN_FROM, OPEN_TO},
    {"72", "Trafficking for sexual exploitation", VG_SG_OTHER_SEXUAL, OPEN_FROM, OPEN_TO},
    {"73", "Abuse of position of trust of a sexual nature", VG_SG_OTHER_SEXUAL, OPEN_FROM, OPEN_TO},
    {"88A", "Sexual grooming", VG_SG_OTHER_SEXUAL, OPEN_FROM, OPEN_TO},
    {"88C", "Other miscellaneous sexual offences", VG_SG_OTHER_SEXUAL, OPEN_FROM, OPEN_TO},
    {"88D", "Unnatural sexual offences", VG_SG_OTHER_SEXUAL, OPEN_FROM, OPEN_TO},
    {"88E", "Exposure and voyeurism", VG_SG_OTHER_SEXUAL, OPEN_FROM, OPEN_TO},
    /* Robbery */
    {"34A", "Robbery of business property", VG_SG_ROBBERY_BUSINESS, OPEN_FROM, OPEN_TO},
    {"34B", "Robbery of personal property", VG_SG_ROBBERY_PERSONAL, OPEN_FROM, OPEN_TO},
    /* Domestic burglary */
    {"28A", "Burglary in a dwelling", VG_SG_DOMESTIC_BURGLARY, OPEN_FROM, BURGLARY_REPLACED},
    {"28B", "Attempted burglary in a dwelling", VG_SG_DOMESTIC_BURGLARY, OPEN_FROM, BURGLARY_REPLACED},
    {"28C", "Distraction burglary in a dwelling", VG_SG_DOMESTIC_BURGLARY, OPEN_FROM, BURGLARY_REPLACED},
    {"28D", "Attempted distraction burglary in a dwelling", VG_SG_DOMESTIC_BURGLARY, OPEN_FROM, BURGLARY_REPLACED},
    {"29", "Aggravated burglary in a dwelling", VG_SG_DOMESTIC_BURGLARY, OPEN_FROM, BURGLARY_REPLACED},
    {"28E", "Burglary residential", VG_SG_DOMESTIC_BURGLARY, BURGLARY_RECODE, OPEN_TO},
    {"28F", "Attempted burglary residential", VG_SG_DOMESTIC_BURGLARY, BURGLARY_RECODE, OPEN_TO},
    {"28G", "Distraction burglary residential", VG_SG_DOMESTIC_BURGLARY, BURGLARY_RECODE, OPEN_TO},
    {"28H", "Attempted distraction burglary residential", VG_SG_DOMESTIC_BURGLARY, BURGLARY_RECODE, OPEN_TO},
    {"29A", "Aggravated burglary residential", VG_SG_DOMESTIC_BURGLARY, BURGLARY_RECODE, OPEN_TO},
    /* Non-domestic burglary */
    {"30A", "Burglary in a building other than a dwelling", VG_SG_NON_DOMESTIC_BURGLARY, OPEN_FROM, BURGLARY_REPLACED},
    {"30B", "Attempted burglary in a building other than a dwelling", VG_SG_NON_DOMESTIC_BURGLARY, OPEN_FROM, BURGLARY_REPLACED},
    {"31", "Aggravated burglary in a building other than a dwelling", VG_SG_NON_DOMESTIC_BURGLARY, OPEN_FROM, BURGLARY_REPLACED},
    {"30C", "Burglary business and community", VG_SG_NON_DOMESTIC_BURGLARY, BURGLARY_RECODE, OPEN_TO},
    {"30D", "Attempted burglary business and community", VG_SG_NON_DOMESTIC_BURGLARY, BURGLARY_RECODE, OPEN_TO},
    {"31A", "Aggravated burglary business and community", VG_SG_NON_DOMESTIC_BURGLARY, BURGLARY_RECODE, OPEN_TO},
    /* Vehicle offences */
    {"37.2", "Aggravated vehicle taking", VG_SG_VEHICLE, OPEN_FROM, OPEN_TO},
    {"45", "Theft from a vehicle", VG_SG_VEHICLE, OPEN_FROM, OPEN_TO},
    {"48", "Theft or unauthorised taking of a motor vehicle", VG_SG_VEHICLE, OPEN_FROM, OPEN_TO},
    {"126", "Interfering with a motor vehicle", VG_SG_VEHICLE, OPEN_FROM, OPEN_TO},
    /* Theft from the person, bicycle theft, shoplifting */
    {"39", "Theft from the person", VG_SG_THEFT_FROM_PERSON, OPEN_FROM, OPEN_TO},
    {"44", "Theft or unauthorised taking of a pedal cycle", VG_SG_BICYCLE_THEFT, OPEN_FROM, OPEN_TO},
    {"46", "Shoplifting", VG_SG_SHOPLIFTING, OPEN_FROM, OPEN_TO},
    /* All other theft offences */
    {"35", "Blackmail", VG_SG_OTHER_THEFT, OPEN_FROM, OPEN_TO},
    {"40", "Theft in a dwelling other than from an automatic machine or meter", VG_SG_OTHER_THEFT, OPEN_FROM, OPEN_TO},
    {"41", "Theft by an employee", VG_SG_OTHER_THEFT, OPEN_FROM, OPEN_TO},
    {"42", "Theft of mail", VG_SG_OTHER_THEFT, OPEN_FROM, OPEN_TO},
    {"43", "Dishonest use of electricity", VG_SG_OTHER_THEFT, OPEN_FROM, OPEN_TO},
    {"47", "Theft from an automatic machine or meter", VG_SG_OTHER_THEFT, OPEN_FROM, OPEN_TO},
    {"49", "Other theft", VG_SG_OTHER_THEFT, OPEN_FROM, OPEN_TO},
    {"49A", "Making off without payment", VG_SG_OTHER_THEFT, OPEN_FROM, OPEN_TO},
    /* Criminal damage and arson */
    {"56A", "Arson endangering life", VG_SG_ARSON, OPEN_FROM, OPEN_TO},
    {"56B", "Arson not endangering life", VG_SG_ARSON, OPEN_FROM, OPEN_TO},
    {"58A", "Criminal damage to a dwelling", VG_SG_CRIMINAL_DAMAGE, OPEN_FROM, OPEN_TO},
    {"58B", "Criminal damage to a building other than a dwelling", VG_SG_CRIMINAL_DAMAGE, OPEN_FROM, OPEN_TO},
    {"58C", "Criminal damage to a vehicle", VG_SG_CRIMINAL_DAMAGE, OPEN_FROM, OPEN_TO},
    {"58D", "Other criminal damage", VG_SG_CRIMINAL_DAMAGE, OPEN_FROM, OPEN_TO},
    {"58E", "Racially or religiously aggravated criminal damage to a dwelling", VG_SG_CRIMINAL_DAMAGE, OPEN_FROM, BURGLARY_REPLACED},
    {"58F", "Racially or religiously aggravated criminal damage to a building other than a dwelling", VG_SG_CRIMINAL_DAMAGE, OPEN_FROM, BURGLARY_REPLACED},
    {"58G", "Racially or religiously aggravated criminal damage to a vehicle", VG_SG_CRIMINAL_DAMAGE, OPEN_FROM, BURGLARY_REPLACED},
    {"58H", "Racially or religiously aggravated other criminal damage", VG_SG_CRIMINAL_DAMAGE, OPEN_FROM, BURGLARY_REPLACED},
    {"58J", "Racially or religiously aggravated criminal damage", VG_SG_CRIMINAL_DAMAGE, BURGLARY_RECODE, OPEN_TO},
    /* Drug offences */
    {"92A", "Trafficking in controlled drugs", VG_SG_DRUG_TRAFFICKING, OPEN_FROM, OPEN_TO},
    {"92C", "Other drug offences", VG_SG_DRUG_POSSESSION, OPEN_FROM, OPEN_TO},
    {"92D", "Possession of controlled drugs (excluding cannabis)", VG_SG_DRUG_POSSESSION, OPEN_FROM, OPEN_TO},
    {"92E", "Possession of controlled drugs (cannabis)", VG_SG_DRUG_POSSESSION, OPEN_FROM, OPEN_TO},
    /* Possession of weapons offences */
    {"10A", "Possession of firearms with intent", VG_SG_WEAPONS, OPEN_FROM, OPEN_TO},
    {"10B", "Possession of firearms offences", VG_SG_WEAPONS, OPEN_FROM, OPEN_TO},
    {"10C", "Possession of other weapons", VG_SG_WEAPONS, OPEN_FROM, OPEN_TO},
    {"10D", "Possession of article with blade or point", VG_SG_WEAPONS, OPEN_FROM, OPEN_TO},
    {"81", "Other firearms offences", VG_SG_WEAPONS, OPEN_FROM, OPEN_TO},
    {"90", "Other knives offences", VG_SG_WEAPONS, OPEN_FROM, OPEN_TO},
    /* Public order offences */
    {"9A", "Public fear, alarm or distress", VG_SG_PUBLIC_ORDER, OPEN_FROM, OPEN_TO},
    {"9B", "Racially or religiously aggravated public fear, alarm or distress", VG_SG_PUBLIC_ORDER, OPEN_FROM, OPEN_TO},
    {"62A", "Violent disorder", VG_SG_PUBLIC_ORDER, OPEN_FROM, OPEN_TO},
    {"66", "Other offences against the State or public order", VG_SG_PUBLIC_ORDER, OPEN_FROM, OPEN_TO},
    /* Miscellaneous crimes against society */
    {"15", "Concealing an infant death close to birth", VG_SG_MISC, OPEN_FROM, OPEN_TO},
    {"24", "Exploitation of prostitution", VG_SG_MISC, OPEN_FROM, OPEN_TO},
    {"26", "Bigamy", VG_SG_MISC, OPEN_FROM, OPEN_TO},
    {"27", "Soliciting for the purposes of prostitution", VG_SG_MISC, OPEN_FROM, OPEN_TO},
    {"33", "Going equipped for stealing, etc.", VG_SG_MISC, OPEN_FROM, OPEN_TO},
    {"33A", "Making, supplying or possessing articles for use in fraud", VG_SG_MISC, OPEN_FROM, OPEN_TO},
    {"38", "Profiting from or concealing knowledge of the proceeds of crime", VG_SG_MISC, OPEN_FROM, OPEN_TO},
    {"54", "Handling stolen goods", VG_SG_MISC, OPEN_FROM, OPEN_TO},
    {"59", "Threat or possession with intent to commit criminal damage", VG_SG_MISC, OPEN_FROM, OPEN_TO},
    {"60", "Forgery or use of false drug prescription", VG_SG_MISC, OPEN_FROM, OPEN_TO},
    {"61", "Other forgery", VG_SG_MISC, OPEN_FROM, OPEN_TO},
    {"61A", "Possession of false documents", VG_SG_MISC, OPEN_FROM, OPEN_TO},
    {"67", "Perjury", VG_SG_MISC, OPEN_FROM, OPEN_TO},
    {"69", "Offender Management Act offences", VG_SG_MISC, OPEN_FROM, OPEN_TO},
    {"76", "Aiding suicide", VG_SG_MISC, OPEN_FROM, OPEN_TO},
    {"79", "Perverting the course of justice", VG_SG_MISC, OPEN_FROM, OPEN_TO},
    {"80", "Absconding from lawful custody", VG_SG_MISC, OPEN_FROM, OPEN_TO},
    {"83", "Bail offences", VG_SG_MISC, OPEN_FROM, OPEN_TO},
    {"86", "Obscene publications etc.", VG_SG_MISC, OPEN_FROM, OPEN_TO},
    {"95", "Disclosure, obstruction, false or misleading statements etc.", VG_SG_MISC, OPEN_FROM, OPEN_TO},
    {"96", "Wildlife", VG_SG_MISC, OPEN_FROM, OPEN_TO},
    {"99", "Other notifiable offences", VG_SG_MISC, OPEN_FROM, OPEN_TO},
    {"802", "Dangerous driving", VG_SG_MISC, OPEN_FROM, OPEN_TO},
    {"814", "Fraud, forgery etc. associated with vehicle or driver records", VG_SG_MISC, OPEN_FROM, OPEN_TO},
    /* Fraud: recorded by forces until Action Fraud took over (outcomes only after). */
    {"51", "Fraud by company director", VG_SG_FRAUD, OPEN_FROM, 20130331},
    {"52", "False accounting", VG_SG_FRAUD, OPEN_FROM, 20130331},
    {"53B", "Preserved other fraud and repealed fraud offences (pre Fraud Act 2006)", VG_SG_FRAUD, OPEN_FROM, 20130331},
    {"53C", "Fraud by false representation: cheque, plastic card and online bank accounts", VG_SG_FRAUD, OPEN_FROM, 20130331},
    {"53D", "Fraud by false representation: other frauds", VG_SG_FRAUD, OPEN_FROM, 20130331},
    {"53E", "Fraud by failing to disclose information", VG_SG_FRAUD, OPEN_FROM, 20130331},
    {"53F", "Fraud by abuse of position", VG_SG_FRAUD, OPEN_FROM, 20130331},
    {"55", "Bankruptcy and insolvency offences", VG_SG_FRAUD, OPEN_FROM, 20130331},
};

static const struct {
    const char *label;
    vg_ons_group group;
    const char *ho_category;
    vg_puk_type puk;
} subgroups[VG_SG_COUNT] = {
    [VG_SG_HOMICIDE] = {"Homicide", VG_GRP_VIOLENCE, "Homicide", VG_PUK_VIOLENCE_SEXUAL},
    [VG_SG_DEATH_DRIVING] = {"Death or serious injury caused by illegal driving", VG_GRP_VIOLENCE, "Death or serious injury caused by illegal driving", VG_PUK_VIOLENCE_SEXUAL},
    [VG_SG_VIOLENCE_WITH_INJURY] = {"Violence with injury", VG_GRP_VIOLENCE, "Violence with injury", VG_PUK_VIOLENCE_SEXUAL},
    [VG_SG_VIOLENCE_WITHOUT_INJURY] = {"Violence without injury", VG_GRP_VIOLENCE, "Violence without injury", VG_PUK_VIOLENCE_SEXUAL},
    [VG_SG_STALKING_HARASSMENT] = {"Stalking and harassment", VG_GRP_VIOLENCE, "Stalking and harassment", VG_PUK_VIOLENCE_SEXUAL},
    [VG_SG_RAPE] = {"Rape", VG_GRP_SEXUAL, "Sexual offences", VG_PUK_VIOLENCE_SEXUAL},
    [VG_SG_OTHER_SEXUAL] = {"Other sexual offences", VG_GRP_SEXUAL, "Sexual offences", VG_PUK_VIOLENCE_SEXUAL},
    [VG_SG_ROBBERY_BUSINESS] = {"Robbery of business property", VG_GRP_ROBBERY, "Robbery", VG_PUK_ROBBERY},
    [VG_SG_ROBBERY_PERSONAL] = {"Robbery of personal property", VG_GRP_ROBBERY, "Robbery", VG_PUK_ROBBERY},
    [VG_SG_DOMESTIC_BURGLARY] = {"Domestic burglary", VG_GRP_THEFT, "Domestic burglary", VG_PUK_BURGLARY},
    [VG_SG_NON_DOMESTIC_BURGLARY] = {"Non-domestic burglary", VG_GRP_THEFT, "Non-domestic burglary", VG_PUK_BURGLARY},
    [VG_SG_VEHICLE] = {"Vehicle offences", VG_GRP_THEFT, "Vehicle offences", VG_PUK_VEHICLE_CRIME},
    [VG_SG_THEFT_FROM_PERSON] = {"Theft from the person", VG_GRP_THEFT, "Theft from the person", VG_PUK_THEFT_FROM_PERSON},
    [VG_SG_BICYCLE_THEFT] = {"Bicycle theft", VG_GRP_THEFT, "Bicycle theft", VG_PUK_BICYCLE_THEFT},
    [VG_SG_SHOPLIFTING] = {"Shoplifting", VG_GRP_THEFT, "Shoplifting", VG_PUK_SHOPLIFTING},
    [VG_SG_OTHER_THEFT] = {"All other theft offences", VG_GRP_THEFT, "All other theft offences", VG_PUK_OTHER_THEFT},
    [VG_SG_CRIMINAL_DAMAGE] = {"Criminal damage", VG_GRP_DAMAGE_ARSON, "Criminal damage and arson", VG_PUK_CRIMINAL_DAMAGE_ARSON},
    [VG_SG_ARSON] = {"Arson", VG_GRP_DAMAGE_ARSON, "Criminal damage and arson", VG_PUK_CRIMINAL_DAMAGE_ARSON},
    [VG_SG_DRUG_TRAFFICKING] = {"Trafficking of drugs", VG_GRP_DRUGS, "Drug offences", VG_PUK_DRUGS},
    [VG_SG_DRUG_POSSESSION] = {"Possession of drugs", VG_GRP_DRUGS, "Drug offences", VG_PUK_DRUGS},
    [VG_SG_WEAPONS] = {"Possession of weapons offences", VG_GRP_WEAPONS, "Possession of weapons offences", VG_PUK_POSSESSION_OF_WEAPONS},
    [VG_SG_PUBLIC_ORDER] = {"Public order offences", VG_GRP_PUBLIC_ORDER, "Public order offences", VG_PUK_PUBLIC_ORDER},
    [VG_SG_MISC] = {"Miscellaneous crimes against society", VG_GRP_MISC, "Miscellaneous crimes against society", VG_PUK_OTHER_CRIME},
    [VG_SG_FRAUD] = {"Fraud offences", VG_GRP_FRAUD, "Fraud offences", VG_PUK_OTHER_CRIME},
};

static const struct {
    const char *label;
    vg_crime_class cls;
} groups[VG_GRP_COUNT] = {
    [VG_GRP_VIOLENCE] = {"Violence against the person", VG_CLASS_VICTIM_BASED},
    [VG_GRP_SEXUAL] = {"Sexual offences", VG_CLASS_VICTIM_BASED},
    [VG_GRP_ROBBERY] = {"Robbery", VG_CLASS_VICTIM_BASED},
    [VG_GRP_THEFT] = {"Theft offences", VG_CLASS_VICTIM_BASED},
    [VG_GRP_DAMAGE_ARSON] = {"Criminal damage and arson", VG_CLASS_VICTIM_BASED},
    [VG_GRP_DRUGS] = {"Drug offences", VG_CLASS_AGAINST_SOCIETY},
    [VG_GRP_WEAPONS] = {"Possession of weapons offences", VG_CLASS_AGAINST_SOCIETY},
    [VG_GRP_PUBLIC_ORDER] = {"Public order offences", VG_CLASS_AGAINST_SOCIETY},
    [VG_GRP_MISC] = {"Miscellaneous crimes against society", VG_CLASS_AGAINST_SOCIETY},
    [VG_GRP_FRAUD] = {"Fraud offences", VG_CLASS_FRAUD},
};

static const struct {
    const char *id, *label;
} measures[VG_MEASURE_COUNT] = {
    [VG_MEASURE_TOTAL_INCL_FRAUD] = {"total_including_fraud", "Total recorded crime including fraud"},
    [VG_MEASURE_CRIME_EXCL_FRAUD] = {"crime_excluding_fraud", "Crime excluding fraud"},
    [VG_MEASURE_VICTIM_BASED] = {"victim_based_crime", "Victim-based crime"},
    [VG_MEASURE_AGAINST_SOCIETY] = {"other_crimes_against_society", "Other crimes against society"},
};

const vg_offence *vg_offences(size_t *count)
{
    *count = sizeof offences / sizeof offences[0];
    return offences;
}

const vg_offence *vg_offence_find(const char *code)
{
    if (!code)
        return NULL;
    for (size_t i = 0; i < sizeof offences / sizeof offences[0]; i++)
        if (strcasecmp(offences[i].code, code) == 0)
            return &offences[i];
    return NULL;
}

bool vg_offence_valid_on(const vg_offence *o, vg_date day)
{
    int y, m, d;
    vg_date_to_ymd(day, &y, &m, &d);
    int ymd = y * 10000 + m * 100 + d;
    return ymd >= o->valid_from && ymd <= o->valid_to;
}

const char *vg_subgroup_label(vg_subgroup sg) { return sg < VG_SG_COUNT ? subgroups[sg].label : "?"; }
vg_ons_group vg_subgroup_group(vg_subgroup sg) { return subgroups[sg].group; }
const char *vg_subgroup_ho_category(vg_subgroup sg) { return subgroups[sg].ho_category; }
vg_puk_type vg_subgroup_policeuk(vg_subgroup sg) { return subgroups[sg].puk; }
const char *vg_group_label(vg_ons_group g) { return g < VG_GRP_COUNT ? groups[g].label : "?"; }
vg_crime_class vg_group_class(vg_ons_group g) { return groups[g].cls; }

bool vg_group_from_label(const char *label, vg_ons_group *out)
{
    for (int i = 0; i < VG_GRP_COUNT; i++)
        if (label && strcasecmp(groups[i].label, label) == 0) {
            *out = (vg_ons_group)i;
            return true;
        }
    return false;
}

const char *vg_measure_id(vg_measure m) { return m < VG_MEASURE_COUNT ? measures[m].id : "?"; }
const char *vg_measure_label(vg_measure m) { return m < VG_MEASURE_COUNT ? measures[m].label : "?"; }

bool vg_measure_includes(vg_measure m, vg_subgroup sg)
{
    vg_crime_class c = vg_group_class(vg_subgroup_group(sg));
    switch (m) {
    case VG_MEASURE_TOTAL_INCL_FRAUD: return true;
    case VG_MEASURE_CRIME_EXCL_FRAUD: return c != VG_CLASS_FRAUD;
    case VG_MEASURE_VICTIM_BASED: return c == VG_CLASS_VICTIM_BASED;
    case VG_MEASURE_AGAINST_SOCIETY: return c == VG_CLASS_AGAINST_SOCIETY;
    default: return false;
    }
}

bool vg_ho_category_subgroup(const char *s, size_t len, vg_subgroup *out)
{
    for (int sg = 0; sg < VG_SG_COUNT; sg++)
        if (strlen(subgroups[sg].ho_category) == len && strncasecmp(subgroups[sg].ho_category, s, len) == 0) {
            *out = (vg_subgroup)sg;
            return true;
        }
    /* Names used by later editions of the table, and the national fraud bodies' rows. */
    static const struct { const char *name; vg_subgroup sg; } aliases[] = {
        {"Residential burglary", VG_SG_DOMESTIC_BURGLARY}, {"Non-residential burglary", VG_SG_NON_DOMESTIC_BURGLARY},
        {"Action Fraud", VG_SG_FRAUD}, {"CIFAS", VG_SG_FRAUD}, {"UK Finance", VG_SG_FRAUD}};
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
        if (strlen(aliases[i].name) == len && strncasecmp(aliases[i].name, s, len) == 0) {
            *out = aliases[i].sg;
            return true;
        }
    return false;
}

bool vg_crime_type_parse(const char *name, bool in[VG_SG_COUNT])
{
    bool any = false;
    for (int sg = 0; sg < VG_SG_COUNT; sg++) {
        const vg_puk_type_info *t = vg_puk_type_info_of(subgroups[sg].puk);
        in[sg] = name && (strcasecmp(subgroups[sg].label, name) == 0 || strcasecmp(groups[subgroups[sg].group].label, name) == 0 ||
                          (t && (strcasecmp(t->label, name) == 0 || strcasecmp(t->slug, name) == 0)));
        any |= in[sg];
    }
    return any;
}
