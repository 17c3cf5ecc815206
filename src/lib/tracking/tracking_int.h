/*
 * tracking_int.h - what the tracking module (updates, their field and
 * transition rules, the status vocabulary, the audit log) shares: listing
 * bounds, the guard behind typed iterator accessors, and the rules every
 * path that writes a progress update applies (update_check.c,
 * transition.c). Other modules that write updates (the JSON import)
 * include it to apply the same rules.
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

/* ---- The fields of an update (update_check.c) ------------------------- */

/* Whether the one-parameter query `sql` finds a row for `id`. */
int atr_row_exists(atrack_db *db, const char *sql, int64_t id, bool *found);
/* The id of status `code` and whether it is terminal; an unknown code is
 * ATRACK_INVALID with the known ones listed. */
int atr_update_resolve_status(atrack_db *db, const char *code, int64_t *status_id,
                              bool *terminal);
/* Check the fields of `in` named by `fields`; *date receives the event
 * date to store (today when none was given). */
int atr_update_check_fields(atrack_db *db, const atrack_update_input *in, unsigned int fields,
                            char date[11]);
int atr_update_check_version(atrack_db *db, const atrack_update_input *in);

/* ---- Transitions (transition.c) ---------------------------------------- */

/* What the transition rules need of one update. */
typedef struct atr_update_link {
	int64_t id;
	int64_t initiative_id;
	int64_t status_id;
	char event_date[11];
	char code[33];
	bool terminal;
	bool reopen;
} atr_update_link;

/* Copy `src` (NULL: "") into dst[cap], cut to fit, without printf: every
 * update takes this path twice. */
void atr_copy_cut(char *dst, size_t cap, const char *src);
/* Load update `id`, which must exist (else ATRACK_NOTFOUND). */
int atr_transition_load(atrack_db *db, int64_t id, atr_update_link *out);
/* The update right after `at` in its initiative's history, if any. */
int atr_transition_next(atrack_db *db, const atr_update_link *at, atr_update_link *out,
                        bool *found);
/* T3: a reopen says why. */
int atr_transition_check_reopen_note(atrack_db *db, bool reopen, const char *note);
/* Check `x` against the update now before it; `neighbour` as for the
 * rules' messages: NULL when x is the update being written, else the
 * field whose change moved x's predecessor ("event_date", "delete"). */
int atr_transition_check_before(atrack_db *db, const atr_update_link *x, const char *neighbour);
/* Check the written update `id` against the updates now on both sides. */
int atr_transition_check_written(atrack_db *db, int64_t id);
/* Check a new update at the place it will take (after every update of
 * its date, as a new rowid is above every other). */
int atr_transition_check_new(atrack_db *db, const atr_update_link *x);

#endif /* ATRACK_TRACKING_INT_H */
