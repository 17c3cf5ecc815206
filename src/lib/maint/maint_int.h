/*
 * maint_int.h - what the soundness check (check.c) shares with the checks
 * kept in files of their own, never installed.
 */
#ifndef ATRACK_MAINT_INT_H
#define ATRACK_MAINT_INT_H

#include "atrack_int.h"

/* Called by a check for each row at fault; a non-zero return stops it and
 * is handed back. */
typedef int (*atr_fault_cb)(void *ctx, const char *table, int64_t row_id, const char *message);

/* Every text value of every table of the export format (the audit log
 * too) that is not valid UTF-8, however it got there: one fault per value.
 * Returns ATRACK_OK, the non-zero value `fault` returned, or an error of
 * SQLite or of memory. */
int atr_check_text(atrack_db *db, atr_fault_cb fault, void *ctx);

#endif /* ATRACK_MAINT_INT_H */
