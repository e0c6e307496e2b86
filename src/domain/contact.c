/* contact.c - first-contact drafts. */
#include "domain/contact.h"
#include "base/alloc.h"

#include <string.h>

void vg_incident_draft_init(vg_incident_draft *d)
{
    memset(d, 0, sizeof *d);
    d->channel = VG_CHANNEL_101;
}

void vg_incident_draft_clear(vg_incident_draft *d)
{
    vg_free(d->description);
    vg_free(d->location.address);
    vg_free(d->location.postcode);
    for (size_t i = 0; i < d->n_people; i++) {
        vg_person_draft *p = &d->people[i];
        vg_free(p->name);
        vg_free(p->given);
        vg_free(p->family);
        vg_free(p->phone);
        vg_free(p->address);
        vg_free(p->postcode);
        for (size_t k = 0; k < p->n_markers; k++)
            vg_free(p->markers[k]);
    }
    vg_incident_draft_init(d);
}
