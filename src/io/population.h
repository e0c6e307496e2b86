/* population.h - ONS population and household tables: by police force area, in the
 * wide layout (`year,<force>,<force>,...`, one row per year) or the long layout
 * (`area,year,population[,households]`); and by local authority, as the ONS publishes
 * them: mid-year estimates (`code,name,geography,mid_2001,...`, one row per area) and
 * census household counts (`date,geography,geography code,...,<all households>,...`).
 * Pure logic: local authorities are matched to forces elsewhere (io/la_lookup.h). */
#ifndef VG_IO_POPULATION_H
#define VG_IO_POPULATION_H

#include "domain/force.h"
#include "io/csv.h"

#include <stdbool.h>
#include <stdint.h>

#define VG_POP_MAX_COLUMNS 64

typedef enum vg_pop_layout {
    VG_POP_WIDE,         /* population by force, a column per force */
    VG_POP_LONG,         /* population (and households) by force, a row per force and year */
    VG_POP_LA,           /* population by local authority, a column per year */
    VG_POP_LA_HOUSEHOLDS /* households by local authority, a row per area */
} vg_pop_layout;

typedef struct vg_pop_header {
    vg_pop_layout layout;
    size_t columns;
    const vg_force *forces[VG_POP_MAX_COLUMNS]; /* wide: force of each column (index 0 unused) */
    int area_col, year_col, pop_col, hh_col;    /* long: column indexes; hh_col -1 if absent */
    int years[VG_POP_MAX_COLUMNS];              /* local authorities: the year of each year column, else 0 */
    int code_col, name_col;                     /* local authorities: the area's code and name */
    int date_col, value_col, part_col;          /* households: year, all households, "Rural Urban" (-1 if absent) */
} vg_pop_header;

/* Reads a population table's header (wide, long or by local authority); false with
 * the reason (naming the column) if it is none of them or names an unknown force. */
bool vg_pop_parse_header(const vg_csv_row *row, vg_pop_header *h, char *why, size_t why_len);
/* Reads a household table's header (census households by local authority). */
bool vg_pop_parse_households_header(const vg_csv_row *row, vg_pop_header *h, char *why, size_t why_len);
/* True for the layouts by local authority, whose rows need a lookup to reach a force. */
bool vg_pop_by_local_authority(const vg_pop_header *h);

typedef struct vg_pop_value {
    const vg_force *force; /* NULL in the local-authority layouts */
    vg_str code, name;     /* local authorities: the area (views into the row) */
    int year;
    int64_t population; /* -1: no value in this cell (wide layout) */
    int64_t households; /* -1: not given */
} vg_pop_value;

/* Parses a data row into up to max values (one per force in the wide layout, one per
 * year by local authority, one in the long and household layouts); returns the
 * number, or -1 with why set. A household row for only the urban or rural part of an
 * area gives none: its total row counts. */
int vg_pop_parse_row(const vg_pop_header *h, const vg_csv_row *row, vg_pop_value *out, size_t max, char *why,
                     size_t why_len);

#endif
