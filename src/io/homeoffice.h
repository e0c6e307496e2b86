/* homeoffice.h - the Home Office table of police recorded crime by police force area
 * (rolling 12-month totals): header check and strict row validation. Pure logic. */
#ifndef VG_IO_HOMEOFFICE_H
#define VG_IO_HOMEOFFICE_H

#include "domain/force.h"
#include "io/csv.h"

#include <stdbool.h>
#include <stdint.h>

bool vg_ho_is_header(const vg_csv_row *row);

typedef struct vg_ho_row {
    const vg_force *force;  /* NULL for a national fraud body */
    const char *fraud_body; /* "Action Fraud", ...; NULL for a force */
    int period_end;         /* yyyymm */
    bool date_corrected;    /* the date was one day short of the month's end */
    vg_str offence;
    int64_t count;
} vg_ho_row;

/* Validates a data row; on failure writes the reason naming the column into why. */
bool vg_ho_parse_row(const vg_csv_row *row, vg_ho_row *out, char *why, size_t why_len);

#endif
