/*
 * stmt.c - running the library's own SQL: one-off statements, and the
 * handle's cache of prepared statements keyed by the address of their
 * constant text, so a write path prepares each statement once per handle.
 */
#include "atrack_int.h"

int atr_prepare(atrack_db *db, const char *sql, sqlite3_stmt **out)
{
	int src = sqlite3_prepare_v2(db->sql, sql, -1, out, NULL);
	if (src != SQLITE_OK)
		return atr_sql_error(db, src, "cannot prepare statement");
	return ATRACK_OK;
}

int atr_stmt(atrack_db *db, const char *sql, sqlite3_stmt **out)
{
	for (size_t i = 0; i < db->stmt_cache_count; i++) {
		if (db->stmt_cache[i].sql == sql) {
			*out = db->stmt_cache[i].stmt;
			return ATRACK_OK;
		}
	}
	if (db->stmt_cache_count == db->stmt_cache_cap) {
		size_t cap = db->stmt_cache_cap ? db->stmt_cache_cap * 2 : 32;
		struct atr_cached_stmt *grown = atr_realloc(db->stmt_cache, cap * sizeof *grown);
		if (!grown)
			return atr_error(db, ATRACK_NOMEM, "out of memory");
		db->stmt_cache = grown;
		db->stmt_cache_cap = cap;
	}
	sqlite3_stmt *stmt = NULL;
	int src = sqlite3_prepare_v3(db->sql, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
	if (src != SQLITE_OK)
		return atr_sql_error(db, src, "cannot prepare statement");
	db->stmt_cache[db->stmt_cache_count].sql = sql;
	db->stmt_cache[db->stmt_cache_count].stmt = stmt;
	db->stmt_cache_count++;
	*out = stmt;
	return ATRACK_OK;
}

void atr_stmt_done(sqlite3_stmt *stmt)
{
	if (stmt) {
		sqlite3_reset(stmt);
		sqlite3_clear_bindings(stmt);
	}
}

int atr_exec(atrack_db *db, const char *sql, const char *what)
{
	int src = sqlite3_exec(db->sql, sql, NULL, NULL, NULL);
	if (src != SQLITE_OK)
		return atr_sql_error(db, src, what);
	return ATRACK_OK;
}

int atr_query_int(atrack_db *db, const char *sql, int *out)
{
	sqlite3_stmt *stmt = NULL;
	int src = sqlite3_prepare_v2(db->sql, sql, -1, &stmt, NULL);
	if (src == SQLITE_OK) {
		src = sqlite3_step(stmt);
		if (src == SQLITE_ROW) {
			*out = sqlite3_column_int(stmt, 0);
			src = SQLITE_OK;
		}
	}
	sqlite3_finalize(stmt);
	return src;
}

int atr_exec_cached(atrack_db *db, const char *sql, const char *what)
{
	sqlite3_stmt *stmt = NULL;
	int rc = atr_stmt(db, sql, &stmt);
	if (rc != ATRACK_OK)
		return rc;
	int src = sqlite3_step(stmt);
	atr_stmt_done(stmt);
	return src == SQLITE_DONE ? ATRACK_OK : atr_sql_error(db, src, what);
}
