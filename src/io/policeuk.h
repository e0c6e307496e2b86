/* policeuk.h - the police.uk open-data CSV formats (street, outcomes, stop and search):
 * file-kind detection from the header, file-name parsing, and strict validation of each
 * row into typed values. Pure logic: no storage. */
#ifndef VG_IO_POLICEUK_H
#define VG_IO_POLICEUK_H

#include "base/str.h"
#include "io/csv.h"

#include <stdbool.h>
#include <stdint.h>

typedef enum vg_puk_file_kind { VG_PUKF_STREET, VG_PUKF_OUTCOMES, VG_PUKF_STOP_SEARCH, VG_PUKF_COUNT } vg_puk_file_kind;

const char *vg_puk_file_kind_name(vg_puk_file_kind k); /* "street", "outcomes", "stop_search" */
/* Number of columns of each kind. */
size_t vg_puk_file_columns(vg_puk_file_kind k);
/* Detects the kind from the header row (exact column names); false if not police.uk. */
bool vg_puk_detect(const vg_csv_row *header, vg_puk_file_kind *kind);
/* The header line of a kind, for writing files. */
const char *vg_puk_header(vg_puk_file_kind k);

/* Parses "YYYY-MM-<force-slug>-<street|outcomes|stop-and-search>.csv" (any directory).
 * Returns false if the name does not follow the pattern. */
bool vg_puk_parse_file_name(const char *path, int *yyyymm, char *slug, size_t slug_len, vg_puk_file_kind *kind);

/* Decimal degrees to micro-degrees, exactly (no floating point): "-1.2057935" ->
 * -1205794 (rounded half away from zero). False if not a plain decimal number. */
bool vg_parse_microdegrees(vg_str s, int32_t *out);

/* A street or outcomes row: the columns both formats share, then the street file's
 * crime type and context; `outcome` is the street file's "Last outcome category" or the
 * outcomes file's "Outcome type". */
typedef struct vg_puk_row {
    bool has_id;
    uint8_t crime_id[32];
    int month; /* yyyymm */
    vg_str reported_by, falls_within;
    bool has_coords;
    int32_t lon_e6, lat_e6;
    vg_str location, lsoa_code, lsoa_name;
    vg_str crime_type, outcome, context; /* crime_type and context: street files only */
} vg_puk_row;

typedef struct vg_puk_stop {
    vg_str type, date, operation_name, gender, age_range, self_ethnicity, officer_ethnicity, legislation,
        object, outcome;
    int8_t part_of_operation, outcome_linked, removal; /* 1 true, 0 false, -1 empty */
    bool has_coords;
    int32_t lon_e6, lat_e6;
} vg_puk_stop;

/* Validate one data row. On failure they return false and write the reason, naming the
 * column, into why (e.g. "Month: '2014-13' is not YYYY-MM"). */
bool vg_puk_parse_street(const vg_csv_row *row, vg_puk_row *out, char *why, size_t why_len);
bool vg_puk_parse_outcome(const vg_csv_row *row, vg_puk_row *out, char *why, size_t why_len);
bool vg_puk_parse_stop(const vg_csv_row *row, vg_puk_stop *out, char *why, size_t why_len);

/* Writes the 64 lower-case hex digits of a crime id (65 bytes with the NUL). */
void vg_puk_crime_id_hex(const uint8_t id[32], char out[65]);

#endif
