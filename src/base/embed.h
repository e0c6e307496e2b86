/* embed.h - files compiled into the binary (schema migrations, later web assets).
 * The tables are generated at build time by tools/embed.c from the source files. */
#ifndef VG_EMBED_H
#define VG_EMBED_H

#include <stddef.h>

typedef struct vg_embedded {
    const char *name; /* file name without directory, e.g. "001_core.sql" */
    const char *data; /* NUL-terminated content */
    size_t size;      /* bytes, excluding the NUL */
} vg_embedded;

#endif
