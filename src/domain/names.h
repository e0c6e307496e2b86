/* names.h - name reference data: given-name diminutives and variant spellings
 * (William-Bill-Will-Liam), used by person matching and by the synthetic force. */
#ifndef VG_NAMES_H
#define VG_NAMES_H

#include <stddef.h>

/* A group of given names that can stand for one another. The first is the formal name. */
typedef struct vg_name_group {
    const char *names[8]; /* NULL-terminated, lower-case ASCII or UTF-8 */
} vg_name_group;

const vg_name_group *vg_name_groups(size_t *count);
/* The group containing name (case-insensitive ASCII match), or NULL. A name may belong
 * to more than one group ("alex"); this returns the first. */
const vg_name_group *vg_name_group_find(const char *name);

#endif
