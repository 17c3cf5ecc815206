/*
 * loader_stmt.c - binding parameters to the loader's statements and
 * stepping them, with the loader's error messages. Calls only the core
 * (atrack_int.h) and SQLite.
 */
#include "loader_int.h"

void fsl_bind_text(sqlite3_stmt *stmt, int index, const char *text)
{
	sqlite3_bind_text(stmt, index, text, -1, SQLITE_STATIC);
}

void fsl_bind_optional_int(sqlite3_stmt *stmt, int index, int64_t value)
{
	if (value > 0)
		sqlite3_bind_int64(stmt, index, value);
	else
		sqlite3_bind_null(stmt, index);
}

int fsl_run(loader *L, sqlite3_stmt *stmt, const char *what)
{
	int src = sqlite3_step(stmt);
	atr_stmt_done(stmt);
	if (src != SQLITE_DONE)
		return atr_sql_error(L->db, src, what);
	return ATRACK_OK;
}

int fsl_run_for_id(loader *L, sqlite3_stmt *stmt, int64_t *id, bool *found, const char *what)
{
	int src = sqlite3_step(stmt);
	*found = src == SQLITE_ROW;
	if (*found)
		*id = sqlite3_column_int64(stmt, 0);
	atr_stmt_done(stmt);
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		return atr_sql_error(L->db, src, what);
	return ATRACK_OK;
}

int fsl_run_insert(loader *L, sqlite3_stmt *stmt, int64_t *id, const char *what)
{
	int rc = fsl_run(L, stmt, what);
	if (rc == ATRACK_OK)
		*id = sqlite3_last_insert_rowid(L->db->sql);
	return rc;
}

void fsl_count(atrack_import_count *c, bool added)
{
	c->found++;
	if (added)
		c->added++;
}
