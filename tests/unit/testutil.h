/* testutil.h - helpers shared by the cmocka unit tests. */
#ifndef VG_TESTUTIL_H
#define VG_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

/* The folder of public data beside the checkout ($VIGIL_SHARED_DATA, else ../shared/data). */
static inline const char *tu_shared_data(void)
{
    const char *d = getenv("VIGIL_SHARED_DATA");
    return d && *d ? d : "../shared/data";
}

/* Full path of a shared data file in buf; returns buf, or NULL if the file is missing. */
static inline const char *tu_shared_file(char *buf, size_t n, const char *rel)
{
    snprintf(buf, n, "%s/%s", tu_shared_data(), rel);
    return access(buf, R_OK) == 0 ? buf : NULL;
}

/* A fresh temporary file name (the file does not exist). */
static inline void tu_temp_path(char *buf, size_t n, const char *tag)
{
    static int counter;
    const char *dir = getenv("TMPDIR");
    snprintf(buf, n, "%s/vigil-test-%s-%d-%d.db", dir && *dir ? dir : "/tmp", tag, (int)getpid(), counter++);
    unlink(buf);
}

static inline void tu_remove_db(const char *path)
{
    char b[600];
    unlink(path);
    snprintf(b, sizeof b, "%s-wal", path);
    unlink(b);
    snprintf(b, sizeof b, "%s-shm", path);
    unlink(b);
}

#endif
