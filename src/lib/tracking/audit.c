/*
 * audit.c - reading the audit log. The log itself is written by the
 * database's triggers (schema/atrack.sql), one row per inserted, updated or
 * deleted row of every table, so no write path of the library can forget
 * it; this file only lists it, filtered and newest first.
 */
#include "tracking_int.h"

#include <string.h>

/* Every condition is a plain comparison with a bound for "any" ('' for no
 * table, 0 for no row, ...), so one constant statement serves all filters.
 * `until` is a date and `at` a time: at < until || 'U' keeps every time of
 * that day ('T...' < 'U'). */
static const char sql_list[] =
	"SELECT id, at, author, table_name, row_id, action, before_json, after_json "
	"FROM audit_log "
	"WHERE (?1 = '' OR table_name = ?1) AND (?2 = '' OR table_name = ?2) "
	"AND (?3 = 0 OR row_id = ?3) AND (?4 = '' OR author = ?4) "
	"AND at >= ?5 AND at < ?6 || 'U' "
	"ORDER BY id DESC LIMIT ?7 OFFSET ?8";

/* The kind whose table is `table`, or NULL for a link table. */
static const char *kind_of_table(const char *table)
{
	for (int k = ATRACK_KIND_PARTY; k <= ATRACK_KIND_STATUS; k++) {
		const atr_kind_info *info = atr_kind_info_of((atrack_kind)k);
		if (info && table && strcmp(info->table, table) == 0)
			return info->name;
	}
	return NULL;
}

static int load_audit_row(atrack_iter *it)
{
	atrack_audit_entry *e = it->row;
	e->id = sqlite3_column_int64(it->stmt, 0);
	e->at = atr_column_text(it->stmt, 1);
	e->author = atr_column_text(it->stmt, 2);
	e->table_name = atr_column_text(it->stmt, 3);
	e->kind = kind_of_table(e->table_name);
	e->row_id = sqlite3_column_int64(it->stmt, 4);
	e->action = atr_column_text(it->stmt, 5);
	e->before_json = atr_column_text(it->stmt, 6);
	e->after_json = atr_column_text(it->stmt, 7);
	return ATRACK_OK;
}

const atrack_audit_entry *atrack_iter_audit(const atrack_iter *it)
{
	return atr_iter_row_of(it, load_audit_row);
}

int atrack_audit_list(atrack_db *db, const atrack_audit_filter *f, atrack_iter **out)
{
	if (!atr_db_usable(db) || !out)
		return atr_misuse(db, "atrack_audit_list");
	*out = NULL;
	atr_clear_error(db);
	atrack_audit_filter all = ATRACK_AUDIT_FILTER_INIT;
	if (!f)
		f = &all;
	if (f->version == 0 || f->version > ATRACK_AUDIT_FILTER_VERSION)
		return atr_error(db, ATRACK_MISUSE, "atrack_audit_filter version %u unknown", f->version);
	const char *kind_table = "";
	if (f->kind) {
		const atr_kind_info *info = atr_kind_info_of(f->kind);
		if (!info)
			return atr_error(db, ATRACK_INVALID, "kind: %d is not a kind", (int)f->kind);
		kind_table = info->table;
	}
	if (f->row_id < 0)
		return atr_error(db, ATRACK_INVALID, "row_id: %lld is not an id", (long long)f->row_id);
	int rc = atr_check_list_bounds(db, f->since, f->until, f->limit, f->offset);
	if (rc != ATRACK_OK)
		return rc;
	sqlite3_stmt *stmt;
	rc = atr_prepare(db, sql_list, &stmt);
	if (rc != ATRACK_OK)
		return rc;
	sqlite3_bind_text(stmt, 1, kind_table, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, f->table_name ? f->table_name : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(stmt, 3, f->row_id);
	sqlite3_bind_text(stmt, 4, f->author ? f->author : "", -1, SQLITE_TRANSIENT);
	atr_bind_list_bounds(stmt, 5, f->since, f->until, f->limit, f->offset);
	return atr_iter_new(db, (atrack_kind)0, stmt, sizeof(atrack_audit_entry),
	                    load_audit_row, out);
}
