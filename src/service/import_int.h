/* import_int.h - helpers shared by the importers in service/ (not for other modules). */
#ifndef VG_IMPORT_INT_H
#define VG_IMPORT_INT_H

#include "base/progress.h"
#include "io/csv.h"
#include "service/service_int.h"

/* State of one import run. */
typedef struct importer {
    vg_service *svc;
    const vg_actor *a;
    const char *source;    /* what is imported, for the audit entry ("police.uk street-level data") */
    vg_store *st;
    const vg_import_options *opt;
    vg_import_summary *sum;
    vg_error *err;
    vg_progress bar;
    uint64_t bytes_before; /* bytes of the files already done */
} importer;

vg_err vg_import_summary_init(vg_import_summary *s, vg_error *err);
/* Adds one to m[key]. */
vg_err vg_import_tally(vg_strmap *m, vg_str key, vg_error *err);
/* A bad row: handed to the caller and skipped (skip_bad), or VG_ERR_INVALID_INPUT with
 * "path:line" and the reason. data is the buffer the row came from. */
vg_err vg_import_bad_row(importer *im, const char *path, const vg_csv_row *row, const char *why, const char *data);
/* Copies a CSV reader error into im->err and returns its code. */
vg_err vg_import_csv_failed(importer *im, vg_error *csv_err);
/* The import's collection, in its transaction: the source, the files (first, and how
 * many) and the rows taken. */
vg_err vg_import_audit(importer *im, const char *first_file, size_t files) VG_MUST_CHECK;

#endif
