/* persons_csv.h - a force's old nominal records as CSV: which column holds what (a map
 * given on the command line: "source_id=COL,given=COL,family=COL,dob=COL[:FORMAT],
 * phone=COL,address=COL[+COL...],postcode=COL", COL a header name or a column number from
 * 1), and each row read through it into a person, with the field and reason of anything
 * wrong. Pure parsing: storing and resolving are the service's. */
#ifndef VG_IO_PERSONS_CSV_H
#define VG_IO_PERSONS_CSV_H

#include "base/limits.h"
#include "base/time.h"
#include "domain/pole.h"
#include "io/csv.h"

#include <stdbool.h>
#include <stddef.h>

#define VG_PERSON_MAP_ADDRESS 8 /* address columns joined in order */
#define VG_MAX_SOURCE_ID VG_MAX_CODE

typedef enum vg_dob_format { VG_DOB_ISO, VG_DOB_YYYYMMDD, VG_DOB_DMY_SLASH, VG_DOB_DMY_DASH } vg_dob_format;

typedef struct vg_person_map {
    int source_id, given, family, dob, phone, postcode; /* 0-based columns, -1 if not mapped */
    int address[VG_PERSON_MAP_ADDRESS];
    size_t n_address;
    vg_dob_format dob_format;
} vg_person_map;

/* Reads the map against the file's header row; false with the reason (naming the key or
 * column) for an unknown key, a column not in the header, a key given twice, an unknown
 * date format, or a map without source_id and a family name. */
bool vg_person_map_parse(const char *spec, const vg_csv_row *header, vg_person_map *m, char *why, size_t why_len);

typedef struct vg_person_row {
    char source_id[VG_MAX_SOURCE_ID + 1];
    char given[VG_MAX_NAME + 1], family[VG_MAX_NAME + 1];
    vg_date dob; /* VG_DATE_NONE if empty */
    char phone[VG_MAX_PHONE + 1];
    char address[VG_MAX_ADDRESS + 1]; /* the address columns joined with ", " */
    char postcode[VG_MAX_POSTCODE + 1];
} vg_person_row;

/* Reads one data row through the map; false with the field ("dob") and the reason for a
 * value over its named limit, a date not in the map's format or not a real date, a
 * missing source id or family name, or a row without the mapped column. Dates of birth
 * are checked against [earliest, today] by the caller. */
bool vg_person_row_parse(const vg_person_map *m, const vg_csv_row *row, vg_person_row *out, char *field, size_t field_len,
                         char *why, size_t why_len);

#endif
