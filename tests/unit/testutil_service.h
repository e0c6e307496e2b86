/* testutil_service.h - helpers for the unit tests that run the service on a real store. */
#ifndef VG_TESTUTIL_SERVICE_H
#define VG_TESTUTIL_SERVICE_H

#include "testutil.h"
#include "service/service.h"

/* A new store in a temporary file (its path in path) with cheap password hashing, so
 * that signing in many times stays quick; op is the operator who sets it up. */
static inline vg_service *tu_open_service(char *path, size_t n, const char *tag, const vg_actor *op)
{
    tu_temp_path(path, n, tag);
    vg_service *svc;
    vg_error err;
    assert_int_equal(vg_service_open(path, VG_SERVICE_CREATE, &svc, &err), VG_OK);
    assert_int_equal(vg_service_config_set(svc, op, "auth.argon2_mem_kib", "8192", &err), VG_OK);
    assert_int_equal(vg_service_config_set(svc, op, "auth.argon2_ops", "1", &err), VG_OK);
    return svc;
}

#endif
