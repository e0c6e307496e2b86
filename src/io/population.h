/* population.h - ONS mid-year population by police force area, in the wide layout
 * (`year,<force>,<force>,...`, one row per year) or the long layout
 * (`area,year,population[,households]`). Pure logic. */
#ifndef VG_IO_POPULATION_H
#define VG_IO_POPULATION_H

#include "domain/force.h"
#include "io/csv.h"

#include <stdbool.h>
#include <stdint.h>

#define VG_POP_MAX_COLUMNS 64

typedef enum vg_pop_layout { VG_POP_WIDE, VG_POP_LONG } vg_pop_layout;

typedef struct vg_pop_header {
    vg_pop_layout layout;
    size_t columns;
    const vg_force *forces[VG_POP_MAX_COLUMNS]; /* wide: force of each column (index 0 unused) */
    int area_col, year_col, pop_col, hh_col;    /* long: column indexes; hh_col -1 if absent */
} vg_pop_header;

/* Reads the header; false with the reason (naming the column) if it is neither layout
 * or names an unknown force. */
bool vg_pop_parse_header(const vg_csv_row *row, vg_pop_header *h, char *why, size_t why_len);

typedef struct vg_pop_value {
    const vg_force *force;
    int year;
    int64_t population; /* -1: no value in this cell (wide layout) */
    int64_t households; /* -1: not given */
} vg_pop_value;

/* Parses a data row into up to max values (one per force in the wide layout, one in
 * the long layout); returns the number, or -1 with why set. */
int vg_pop_parse_row(const vg_pop_header *h, const vg_csv_row *row, vg_pop_value *out, size_t max, char *why,
                     size_t why_len);

#endif
