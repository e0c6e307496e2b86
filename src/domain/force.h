/* force.h - the 43 territorial police forces of England and Wales, British Transport
 * Police and (for police.uk files only) the PSNI, with every name the sources use. */
#ifndef VG_FORCE_H
#define VG_FORCE_H

#include <stdbool.h>
#include <stddef.h>

typedef enum vg_force_kind { VG_FORCE_TERRITORIAL, VG_FORCE_BTP, VG_FORCE_OTHER } vg_force_kind;

typedef struct vg_force {
    const char *code;          /* ONS code: E23000030, W15000001; "" if none */
    const char *slug;          /* police.uk slug: "hampshire" */
    const char *ons_name;      /* ONS / Home Office table name: "Hampshire" */
    const char *policeuk_name; /* police.uk "Reported by": "Hampshire Constabulary" */
    const char *region;        /* ONS region or "Wales" */
    vg_force_kind kind;        /* only VG_FORCE_TERRITORIAL counts in England & Wales totals */
    const char *aliases[4];    /* other spellings seen in official sources; NULL-terminated */
} vg_force;

const vg_force *vg_forces(size_t *count);
/* Finds a force by any of its names, slug or code, ignoring ASCII case and surrounding
 * spaces. Only the spellings in the table match: no guessing. NULL if unknown. */
const vg_force *vg_force_find(const char *name, size_t len);
/* The national fraud bodies that appear in the Home Office force-area table ("Action
 * Fraud", "CIFAS", "UK Finance"): returns the canonical name, or NULL. */
const char *vg_fraud_body_find(const char *name, size_t len);
/* True for the 43 territorial forces of England and Wales. */
bool vg_force_in_england_wales(const vg_force *f);

#endif
