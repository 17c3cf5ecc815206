/*
 * transition.c - the rules that keep an initiative's history a valid
 * sequence of transitions (atrack/tracking.h, rules T1-T3): an update
 * after a terminal status is a reopen, a reopen follows a terminal status
 * and says why. Each check reads the neighbours of an update with one
 * seek on index progress_update_latest. Calls only the core.
 */
#include "tracking_int.h"

#include <string.h>

#define LINK_SELECT \
	"SELECT u.id, u.initiative_id, u.status_id, u.event_date, s.code, s.is_terminal, " \
	"u.is_reopen FROM progress_update AS u JOIN status_code AS s ON s.id = u.status_id "

static const char sql_link_self[] = LINK_SELECT "WHERE u.id = ?3";
/* The nearest update of the same initiative on one side of (date, id):
 * one seek on index progress_update_latest. */
#define LINK_NEIGHBOUR(cmp, dir) LINK_SELECT \
	"WHERE u.initiative_id = ?1 AND (u.event_date, u.id) " cmp " (?2, ?3) " \
	"ORDER BY u.event_date " dir ", u.id " dir " LIMIT 1"
static const char sql_link_before[] = LINK_NEIGHBOUR("<", "DESC");
static const char sql_link_after[] = LINK_NEIGHBOUR(">", "ASC");

void atr_copy_cut(char *dst, size_t cap, const char *src)
{
	size_t len = src ? strlen(src) : 0;
	if (len >= cap)
		len = cap - 1;
	memcpy(dst, src ? src : "", len);
	dst[len] = '\0';
}

/* Load the update that `sql` finds around (initiative, date, id):
 * sql_link_self, _before or _after. *found is false when there is none. */
static int load_link(atrack_db *db, const char *sql, const atr_update_link *at,
                     atr_update_link *out, bool *found)
{
	sqlite3_stmt *stmt;
	int rc = atr_stmt(db, sql, &stmt);
	if (rc != ATRACK_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, at->initiative_id);
	sqlite3_bind_text(stmt, 2, at->event_date, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 3, at->id);
	int src = sqlite3_step(stmt);
	*found = src == SQLITE_ROW;
	if (src == SQLITE_ROW) {
		out->id = sqlite3_column_int64(stmt, 0);
		out->initiative_id = sqlite3_column_int64(stmt, 1);
		out->status_id = sqlite3_column_int64(stmt, 2);
		/* The schema's CHECKs bound both: a date is 10 bytes, a code 32. */
		atr_copy_cut(out->event_date, sizeof out->event_date, atr_column_text(stmt, 3));
		atr_copy_cut(out->code, sizeof out->code, atr_column_text(stmt, 4));
		out->terminal = sqlite3_column_int(stmt, 5) != 0;
		out->reopen = sqlite3_column_int(stmt, 6) != 0;
	} else if (src != SQLITE_DONE) {
		rc = atr_sql_error(db, src, "cannot read history");
	}
	atr_stmt_done(stmt);
	return rc;
}

/* Load update `id`, which must exist. */
int atr_transition_load(atrack_db *db, int64_t id, atr_update_link *out)
{
	atr_update_link key = { .id = id };
	bool found;
	int rc = load_link(db, sql_link_self, &key, out, &found);
	if (rc == ATRACK_OK && !found)
		rc = atr_error(db, ATRACK_NOTFOUND, "no update %lld", (long long)id);
	return rc;
}

int atr_transition_next(atrack_db *db, const atr_update_link *at, atr_update_link *out,
                        bool *found)
{
	return load_link(db, sql_link_after, at, out, found);
}

/* T3: a reopen says why. */
int atr_transition_check_reopen_note(atrack_db *db, bool reopen, const char *note)
{
	if (reopen && !note)
		return atr_error(db, ATRACK_INVALID, "note: a reopen needs a note saying why");
	return ATRACK_OK;
}

/*
 * Check rules T1 and T2 for `next` after `prev` (NULL when next is the
 * first update). `neighbour` is NULL when `next` is the update the caller
 * writes; otherwise it names the field whose change moved `next`'s
 * predecessor ("event_date", "delete") and the message speaks of `next`.
 */
static int check_pair(atrack_db *db, const atr_update_link *prev, const atr_update_link *next, const char *neighbour)
{
	bool leaves = prev && prev->terminal && prev->status_id != next->status_id;
	if (!next->reopen && leaves) {
		if (!neighbour)
			return atr_error(db, ATRACK_INVALID, "status: '%s' would leave terminal status "
			                 "'%s'; reopen explicitly (--reopen) with a note",
			                 next->code, prev->code);
		return atr_error(db, ATRACK_INVALID, "%s: update %lld ('%s' on %s) would then "
		                 "follow terminal status '%s' without a reopen", neighbour,
		                 (long long)next->id, next->code, next->event_date, prev->code);
	}
	if (next->reopen && !leaves) {
		const char *why = !prev ? "there is no earlier update"
			: !prev->terminal ? "the status before it is not terminal"
			: "it keeps the terminal status";
		if (!neighbour) {
			if (!prev)
				return atr_error(db, ATRACK_INVALID, "reopen: nothing to reopen: "
				                 "no earlier update");
			if (!prev->terminal)
				return atr_error(db, ATRACK_INVALID, "reopen: nothing to reopen: status "
				                 "'%s' (%s) is not terminal", prev->code, prev->event_date);
			return atr_error(db, ATRACK_INVALID, "reopen: the status is already '%s'; "
			                 "a reopen changes it", prev->code);
		}
		return atr_error(db, ATRACK_INVALID, "%s: update %lld (a reopen on %s) would then "
		                 "reopen nothing: %s", neighbour, (long long)next->id,
		                 next->event_date, why);
	}
	return ATRACK_OK;
}

/* Check `x` against the update now before it. */
int atr_transition_check_before(atrack_db *db, const atr_update_link *x, const char *neighbour)
{
	atr_update_link prev;
	bool found;
	int rc = load_link(db, sql_link_before, x, &prev, &found);
	if (rc != ATRACK_OK)
		return rc;
	return check_pair(db, found ? &prev : NULL, x, neighbour);
}

/* Check the written update `id` against the updates now on both sides. */
int atr_transition_check_written(atrack_db *db, int64_t id)
{
	atr_update_link x, next;
	bool found;
	int rc = atr_transition_load(db, id, &x);
	if (rc == ATRACK_OK)
		rc = atr_transition_check_before(db, &x, NULL);
	if (rc == ATRACK_OK)
		rc = load_link(db, sql_link_after, &x, &next, &found);
	if (rc == ATRACK_OK && found)
		rc = check_pair(db, &x, &next, "event_date");
	return rc;
}

/* Check a new update `x` at the place it will take: its id is not known
 * yet, but a new rowid is above every other, so it goes after every update
 * of the same date. Checking before writing keeps the write one statement. */
int atr_transition_check_new(atrack_db *db, const atr_update_link *x)
{
	atr_update_link next;
	bool found;
	int rc = atr_transition_check_before(db, x, NULL);
	if (rc == ATRACK_OK)
		rc = load_link(db, sql_link_after, x, &next, &found);
	if (rc == ATRACK_OK && found)
		rc = check_pair(db, x, &next, "event_date");
	return rc;
}
