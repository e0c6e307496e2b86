/* force.c - police forces and their names in ONS, Home Office, census and police.uk
 * sources (shared/data: rec-crime-pfa.csv, population_policeforces.csv,
 * force-demographics-census2011.csv, LAD_CSP_PFA_Dec2016_lookup.csv, police.uk files). */
#include "domain/force.h"

#include <string.h>
#include <strings.h>

#define T VG_FORCE_TERRITORIAL

static const vg_force forces[] = {
    {"E23000036", "avon-and-somerset", "Avon and Somerset", "Avon and Somerset Constabulary", "South West", T, {"Avon & Somerset", NULL}},
    {"E23000026", "bedfordshire", "Bedfordshire", "Bedfordshire Police", "East", T, {NULL}},
    {"E23000023", "cambridgeshire", "Cambridgeshire", "Cambridgeshire Constabulary", "East", T, {NULL}},
    {"E23000006", "cheshire", "Cheshire", "Cheshire Constabulary", "North West", T, {NULL}},
    {"E23000034", "city-of-london", "City of London", "City of London Police", "London", T, {"London, City of", NULL}},
    {"E23000013", "cleveland", "Cleveland", "Cleveland Police", "North East", T, {NULL}},
    {"E23000002", "cumbria", "Cumbria", "Cumbria Constabulary", "North West", T, {NULL}},
    {"E23000018", "derbyshire", "Derbyshire", "Derbyshire Constabulary", "East Midlands", T, {NULL}},
    {"E23000035", "devon-and-cornwall", "Devon and Cornwall", "Devon & Cornwall Police", "South West", T, {"Devon & Cornwall", NULL}},
    {"E23000039", "dorset", "Dorset", "Dorset Police", "South West", T, {NULL}},
    {"E23000008", "durham", "Durham", "Durham Constabulary", "North East", T, {NULL}},
    {"W15000004", "dyfed-powys", "Dyfed-Powys", "Dyfed-Powys Police", "Wales", T, {NULL}},
    {"E23000028", "essex", "Essex", "Essex Police", "East", T, {NULL}},
    {"E23000037", "gloucestershire", "Gloucestershire", "Gloucestershire Constabulary", "South West", T, {NULL}},
    {"E23000005", "greater-manchester", "Greater Manchester", "Greater Manchester Police", "North West", T, {NULL}},
    {"W15000002", "gwent", "Gwent", "Gwent Police", "Wales", T, {NULL}},
    {"E23000030", "hampshire", "Hampshire", "Hampshire Constabulary", "South East", T, {NULL}},
    {"E23000027", "hertfordshire", "Hertfordshire", "Hertfordshire Constabulary", "East", T, {NULL}},
    {"E23000012", "humberside", "Humberside", "Humberside Police", "Yorkshire and The Humber", T, {NULL}},
    {"E23000032", "kent", "Kent", "Kent Police", "South East", T, {NULL}},
    {"E23000003", "lancashire", "Lancashire", "Lancashire Constabulary", "North West", T, {NULL}},
    {"E23000021", "leicestershire", "Leicestershire", "Leicestershire Police", "East Midlands", T, {NULL}},
    {"E23000020", "lincolnshire", "Lincolnshire", "Lincolnshire Police", "East Midlands", T, {NULL}},
    {"E23000004", "merseyside", "Merseyside", "Merseyside Police", "North West", T, {NULL}},
    {"E23000001", "metropolitan", "Metropolitan Police", "Metropolitan Police Service", "London", T, {"Metropolitan", NULL}},
    {"E23000024", "norfolk", "Norfolk", "Norfolk Constabulary", "East", T, {NULL}},
    {"W15000001", "north-wales", "North Wales", "North Wales Police", "Wales", T, {NULL}},
    {"E23000009", "north-yorkshire", "North Yorkshire", "North Yorkshire Police", "Yorkshire and The Humber", T, {NULL}},
    {"E23000022", "northamptonshire", "Northamptonshire", "Northamptonshire Police", "East Midlands", T, {NULL}},
    {"E23000007", "northumbria", "Northumbria", "Northumbria Police", "North East", T, {NULL}},
    {"E23000019", "nottinghamshire", "Nottinghamshire", "Nottinghamshire Police", "East Midlands", T, {NULL}},
    {"W15000003", "south-wales", "South Wales", "South Wales Police", "Wales", T, {NULL}},
    {"E23000011", "south-yorkshire", "South Yorkshire", "South Yorkshire Police", "Yorkshire and The Humber", T, {NULL}},
    {"E23000015", "staffordshire", "Staffordshire", "Staffordshire Police", "West Midlands", T, {NULL}},
    {"E23000025", "suffolk", "Suffolk", "Suffolk Constabulary", "East", T, {NULL}},
    {"E23000031", "surrey", "Surrey", "Surrey Police", "South East", T, {NULL}},
    {"E23000033", "sussex", "Sussex", "Sussex Police", "South East", T, {NULL}},
    {"E23000029", "thames-valley", "Thames Valley", "Thames Valley Police", "South East", T, {NULL}},
    {"E23000017", "warwickshire", "Warwickshire", "Warwickshire Police", "West Midlands", T, {NULL}},
    {"E23000016", "west-mercia", "West Mercia", "West Mercia Police", "West Midlands", T, {NULL}},
    {"E23000014", "west-midlands", "West Midlands", "West Midlands Police", "West Midlands", T, {NULL}},
    {"E23000010", "west-yorkshire", "West Yorkshire", "West Yorkshire Police", "Yorkshire and The Humber", T, {NULL}},
    {"E23000038", "wiltshire", "Wiltshire", "Wiltshire Police", "South West", T, {NULL}},
    {"", "btp", "British Transport Police", "British Transport Police", "British Transport Police", VG_FORCE_BTP, {NULL}},
    {"", "northern-ireland", "Northern Ireland", "Police Service of Northern Ireland", "Northern Ireland", VG_FORCE_OTHER, {"PSNI", NULL}},
};

const vg_force *vg_forces(size_t *count)
{
    *count = sizeof forces / sizeof forces[0];
    return forces;
}

static bool same(const char *a, const char *s, size_t len)
{
    return a && a[0] && strlen(a) == len && strncasecmp(a, s, len) == 0;
}

const vg_force *vg_force_find(const char *name, size_t len)
{
    while (len && (*name == ' ' || *name == '\t')) {
        name++;
        len--;
    }
    while (len && (name[len - 1] == ' ' || name[len - 1] == '\t'))
        len--;
    if (!len)
        return NULL;
    for (size_t i = 0; i < sizeof forces / sizeof forces[0]; i++) {
        const vg_force *f = &forces[i];
        if (same(f->code, name, len) || same(f->slug, name, len) || same(f->ons_name, name, len) ||
            same(f->policeuk_name, name, len))
            return f;
        for (int k = 0; k < 4 && f->aliases[k]; k++)
            if (same(f->aliases[k], name, len))
                return f;
    }
    return NULL;
}

bool vg_force_in_england_wales(const vg_force *f) { return f && f->kind == VG_FORCE_TERRITORIAL; }

const char *vg_fraud_body_find(const char *name, size_t len)
{
    static const char *const bodies[] = {"Action Fraud", "CIFAS", "UK Finance"};
    for (size_t i = 0; i < sizeof bodies / sizeof bodies[0]; i++)
        if (same(bodies[i], name, len))
            return bodies[i];
    return NULL;
}
