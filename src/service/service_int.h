/* service_int.h - the service object, shared by the service/ files only. */
#ifndef VG_SERVICE_INT_H
#define VG_SERVICE_INT_H

#include "service/service.h"
#include "store/store.h"

typedef struct vg_contact_state vg_contact_state;

struct vg_service {
    vg_store *store;
    vg_contact_state *contact; /* first contact: indexes and model, built on first use */
};

void vg_contact_state_free(vg_contact_state *c);

#endif
