/*
 * iter.c - the iterator every list of the library returns: it steps one
 * prepared statement and lets the listing module turn each row into its
 * typed struct, so that lists stream one row at a time.
 */
#include "atrack_int.h"

int atr_iter_new(atrack_db *db, atrack_kind kind, sqlite3_stmt *stmt, size_t row_size,
                 int (*load_row)(atrack_iter *it), atrack_iter **out)
{
	*out = NULL;
	atrack_iter *it = atr_calloc(1, sizeof *it);
	void *row = it ? atr_calloc(1, row_size) : NULL;
	if (!it || !row) {
		atr_free(it);
		sqlite3_finalize(stmt);
		return atr_error(db, ATRACK_NOMEM, "out of memory");
	}
	it->db = db;
	it->kind = kind;
	it->stmt = stmt;
	it->row = row;
	it->load_row = load_row;
	db->open_iters++;
	*out = it;
	return ATRACK_OK;
}

const char *atr_column_text(sqlite3_stmt *stmt, int column)
{
	return (const char *)sqlite3_column_text(stmt, column);
}

int atrack_iter_next(atrack_iter *it)
{
	if (!it)
		return ATRACK_MISUSE;
	if (it->db->closed) {
		/* Its handle was closed: the iterator can only be freed. */
		if (it->clear_row)
			it->clear_row(it);
		it->done = true;
		return ATRACK_MISUSE;
	}
	if (it->done)
		return ATRACK_DONE;
	atr_clear_error(it->db); /* the handle's state is this step's */
	if (it->clear_row)
		it->clear_row(it);
	int src = sqlite3_step(it->stmt);
	if (src == SQLITE_ROW)
		return it->load_row(it);
	it->done = true;
	/* End the read transaction now rather than when the caller frees. */
	sqlite3_reset(it->stmt);
	if (src == SQLITE_DONE)
		return ATRACK_DONE;
	return atr_sql_error(it->db, src, "cannot read list");
}

void atrack_iter_free(atrack_iter *it)
{
	if (!it)
		return;
	if (it->clear_row)
		it->clear_row(it);
	if (it->free_state)
		it->free_state(it->state);
	sqlite3_finalize(it->stmt);
	atrack_db *db = it->db;
	atr_free(it->row);
	atr_free(it);
	atr_db_release(db, false);
}

atrack_kind atrack_iter_kind(const atrack_iter *it)
{
	return it ? it->kind : (atrack_kind)0;
}
