/* service_int.h - the service object, shared by the service/ files only. */
#ifndef VG_SERVICE_INT_H
#define VG_SERVICE_INT_H

#include "service/service.h"
#include "store/store.h"

struct vg_service {
    vg_store *store;
};

#endif
