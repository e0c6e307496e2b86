/* file.h - read-only memory maps of input files, and directory walking. */
#ifndef VG_FILE_H
#define VG_FILE_H

#include "base/err.h"

#include <stddef.h>

typedef struct vg_mapped {
    const char *data; /* NULL for an empty file */
    size_t len;
} vg_mapped;

/* Maps path read-only. Errors name the path. Release with vg_file_unmap. */
vg_err vg_file_map(const char *path, vg_mapped *out, vg_error *err) VG_MUST_CHECK;
void vg_file_unmap(vg_mapped *m);

/* Collects regular files under each path (a file, or a folder walked recursively) whose
 * names end with suffix (e.g. ".csv"; NULL for all), sorted by path. Caller owns *paths
 * (free with vg_file_list_free). A missing path is VG_ERR_NOT_FOUND naming it. */
vg_err vg_file_list(const char *const *roots, size_t nroots, const char *suffix, char ***paths, size_t *n,
                    vg_error *err) VG_MUST_CHECK;
void vg_file_list_free(char **paths, size_t n);

#endif
