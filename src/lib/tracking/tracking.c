/*
 * tracking.c - the helpers that the progress-update, status and audit-log
 * files share: listing bounds (dates, limit, offset) checked with messages
 * that name the field, bound so one constant statement serves every filter,
 * and the guard behind each typed iterator accessor.
 */
#include "tracking_int.h"

int atr_check_list_bounds(atrack_db *db, const char *since, const char *until,
                          int64_t limit, int64_t offset)
{
	if (since && !atr_date_valid(since))
		return atr_error(db, ATRACK_INVALID, "since: '%s' is not a valid date (YYYY-MM-DD)", since);
	if (until && !atr_date_valid(until))
		return atr_error(db, ATRACK_INVALID, "until: '%s' is not a valid date (YYYY-MM-DD)", until);
	if (limit < 0)
		return atr_error(db, ATRACK_INVALID, "limit: must not be negative");
	if (offset < 0)
		return atr_error(db, ATRACK_INVALID, "offset: must not be negative");
	return ATRACK_OK;
}

void atr_bind_list_bounds(sqlite3_stmt *stmt, int first, const char *since,
                          const char *until, int64_t limit, int64_t offset)
{
	/* '' sorts before every date and '9999-12-31' is the last one, so an
	 * open bound is a range condition like any other (no OR, which would
	 * cost the index). SQLite reads LIMIT -1 as no limit. */
	sqlite3_bind_text(stmt, first, since ? since : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, first + 1, until ? until : "9999-12-31", -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(stmt, first + 2, limit > 0 ? limit : -1);
	sqlite3_bind_int64(stmt, first + 3, offset);
}

const void *atr_iter_row_of(const atrack_iter *it, int (*load_row)(atrack_iter *it))
{
	if (!it || it->load_row != load_row || it->done)
		return NULL;
	return it->row;
}

int atr_step_write(atrack_db *db, sqlite3_stmt *stmt, const char *what)
{
	int src = sqlite3_step(stmt);
	int rc = src == SQLITE_DONE ? ATRACK_OK : atr_sql_error(db, src, what);
	atr_stmt_done(stmt);
	return rc;
}
