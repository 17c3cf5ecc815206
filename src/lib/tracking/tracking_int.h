/*
 * tracking_int.h - what the tracking files of libatrack (update.c, status.c,
 * audit.c) share and no other file needs: checking the bounds a listing is
 * given, and reading an iterator's row only when the iterator is of the
 * caller's sort. Kept apart from atrack_int.h so that the tracking area can
 * grow without touching the declarations every file includes.
 */
#ifndef ATRACK_TRACKING_INT_H
#define ATRACK_TRACKING_INT_H

#include "atrack_int.h"

/* Check a listing's since/until dates ("YYYY-MM-DD" or NULL) and its
 * limit/offset (not negative), naming the bad field in the message.
 * Returns ATRACK_OK or ATRACK_INVALID. */
int atr_check_list_bounds(atrack_db *db, const char *since, const char *until,
                          int64_t limit, int64_t offset);

/* Bind since/until/limit/offset to parameters first..first+3 of `stmt`, a
 * missing bound as a value every date passes, so that one constant
 * statement serves every filter and keeps its index. */
void atr_bind_list_bounds(sqlite3_stmt *stmt, int first, const char *since,
                          const char *until, int64_t limit, int64_t offset);

/* Step the cached write statement `stmt` once and reset it; a failure is
 * recorded as "<what>: <SQLite's message>". */
int atr_step_write(atrack_db *db, sqlite3_stmt *stmt, const char *what);

/* The iterator's current row when it was made with `load_row` (so the
 * typed accessors refuse another module's iterator) and is not done; NULL
 * otherwise. */
const void *atr_iter_row_of(const atrack_iter *it, int (*load_row)(atrack_iter *it));

#endif /* ATRACK_TRACKING_INT_H */
