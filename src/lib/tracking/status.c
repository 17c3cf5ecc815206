/*
 * status.c - the status vocabulary of progress updates: the seeded codes
 * (announced ... cancelled) and the ones users add, each with a label, a
 * place in the order, and whether it is terminal. A code and its terminal
 * flag never change once made, because the history was checked against
 * them; the label and the order may.
 */
#include "tracking_int.h"

#include <string.h>

static const char sql_insert[] =
	"INSERT INTO status_code (code, label, sort_order, is_terminal, is_builtin) "
	"VALUES (?1, ?2, ?3, ?4, 0)";
static const char sql_edit[] =
	"UPDATE status_code SET label = coalesce(?2, label), sort_order = ?3 WHERE id = ?1";
static const char sql_use[] =
	"SELECT s.code, s.is_builtin, (SELECT count(*) FROM progress_update WHERE status_id = s.id)"
	"  FROM status_code AS s WHERE s.id = ?1";
static const char sql_delete[] = "DELETE FROM status_code WHERE id = ?1";
static const char sql_list[] =
	"SELECT id, code, label, sort_order, is_terminal, is_builtin FROM status_code "
	"ORDER BY sort_order, id";

#define MAX_CODE 32

static bool code_valid(const char *code)
{
	size_t n = strlen(code);
	if (n == 0 || n > MAX_CODE || code[0] < 'a' || code[0] > 'z')
		return false;
	return strspn(code, "abcdefghijklmnopqrstuvwxyz0123456789_") == n;
}

static int check_label(atrack_db *db, const char *label)
{
	size_t bad;
	if (!label || !*label)
		return atr_error(db, ATRACK_INVALID, "label: must not be empty");
	if (!atr_utf8_valid(label, strlen(label), &bad))
		return atr_error(db, ATRACK_INVALID, "label: not valid UTF-8 (byte %zu)", bad);
	return ATRACK_OK;
}

int atrack_status_add(atrack_db *db, const atrack_status *in, int64_t *out_id)
{
	if (!atr_db_usable(db) || !in)
		return atr_misuse(db, "atrack_status_add");
	atr_clear_error(db);
	if (!in->code || !code_valid(in->code))
		return atr_error(db, ATRACK_INVALID, "code: '%s' is not a status code (lower-case "
		                 "letter, then letters, digits or '_'; at most %d)",
		                 in->code ? in->code : "", MAX_CODE);
	int rc = check_label(db, in->label);
	if (rc != ATRACK_OK)
		return rc;
	int64_t existing;
	rc = atrack_resolve(db, ATRACK_KIND_STATUS, in->code, &existing);
	if (rc == ATRACK_OK)
		return atr_error(db, ATRACK_CONFLICT, "code: status '%s' exists already", in->code);
	if (rc != ATRACK_NOTFOUND)
		return rc;
	atr_clear_error(db);

	rc = atr_write_begin(db);
	if (rc != ATRACK_OK)
		return rc;
	sqlite3_stmt *stmt;
	rc = atr_stmt(db, sql_insert, &stmt);
	if (rc == ATRACK_OK) {
		sqlite3_bind_text(stmt, 1, in->code, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 2, in->label, -1, SQLITE_STATIC);
		sqlite3_bind_int64(stmt, 3, in->sort_order);
		sqlite3_bind_int(stmt, 4, in->is_terminal ? 1 : 0);
		rc = atr_step_write(db, stmt, "cannot add status");
	}
	int64_t id = rc == ATRACK_OK ? sqlite3_last_insert_rowid(db->sql) : 0;
	rc = atr_write_end(db, rc);
	if (rc == ATRACK_OK && out_id)
		*out_id = id;
	return rc;
}

int atrack_status_edit(atrack_db *db, int64_t id, const char *label, int64_t sort_order)
{
	if (!atr_db_usable(db))
		return atr_misuse(db, "atrack_status_edit");
	atr_clear_error(db);
	if (label) {
		int rc = check_label(db, label);
		if (rc != ATRACK_OK)
			return rc;
	}
	int rc = atr_write_begin(db);
	if (rc != ATRACK_OK)
		return rc;
	sqlite3_stmt *stmt;
	rc = atr_stmt(db, sql_edit, &stmt);
	if (rc == ATRACK_OK) {
		sqlite3_bind_int64(stmt, 1, id);
		if (label)
			sqlite3_bind_text(stmt, 2, label, -1, SQLITE_STATIC);
		sqlite3_bind_int64(stmt, 3, sort_order);
		rc = atr_step_write(db, stmt, "cannot edit status");
	}
	if (rc == ATRACK_OK && sqlite3_changes(db->sql) == 0)
		rc = atr_error(db, ATRACK_NOTFOUND, "no status %lld", (long long)id);
	return atr_write_end(db, rc);
}

int atrack_status_delete(atrack_db *db, int64_t id)
{
	if (!atr_db_usable(db))
		return atr_misuse(db, "atrack_status_delete");
	atr_clear_error(db);
	int rc = atr_write_begin(db);
	if (rc != ATRACK_OK)
		return rc;
	sqlite3_stmt *stmt;
	rc = atr_stmt(db, sql_use, &stmt);
	if (rc == ATRACK_OK) {
		sqlite3_bind_int64(stmt, 1, id);
		int src = sqlite3_step(stmt);
		if (src == SQLITE_DONE) {
			rc = atr_error(db, ATRACK_NOTFOUND, "no status %lld", (long long)id);
		} else if (src != SQLITE_ROW) {
			rc = atr_sql_error(db, src, "cannot read status");
		} else {
			const char *code = atr_column_text(stmt, 0);
			long long uses = sqlite3_column_int64(stmt, 2);
			if (sqlite3_column_int(stmt, 1))
				rc = atr_error(db, ATRACK_CONFLICT, "status '%s' is built in: the rules and "
				               "the report read it", code ? code : "");
			else if (uses)
				rc = atr_error(db, ATRACK_CONFLICT, "status '%s' is used by %lld update%s",
				               code ? code : "", uses, uses == 1 ? "" : "s");
		}
		atr_stmt_done(stmt);
	}
	if (rc == ATRACK_OK && (rc = atr_stmt(db, sql_delete, &stmt)) == ATRACK_OK) {
		sqlite3_bind_int64(stmt, 1, id);
		rc = atr_step_write(db, stmt, "cannot delete status");
	}
	return atr_write_end(db, rc);
}

static int load_status_row(atrack_iter *it)
{
	atrack_status *s = it->row;
	s->id = sqlite3_column_int64(it->stmt, 0);
	s->code = atr_column_text(it->stmt, 1);
	s->label = atr_column_text(it->stmt, 2);
	s->sort_order = sqlite3_column_int64(it->stmt, 3);
	s->is_terminal = sqlite3_column_int(it->stmt, 4);
	s->is_builtin = sqlite3_column_int(it->stmt, 5);
	return ATRACK_OK;
}

int atrack_status_list(atrack_db *db, atrack_iter **out)
{
	if (!atr_db_usable(db) || !out)
		return atr_misuse(db, "atrack_status_list");
	*out = NULL;
	atr_clear_error(db);
	sqlite3_stmt *stmt;
	int rc = atr_prepare(db, sql_list, &stmt);
	if (rc != ATRACK_OK)
		return rc;
	return atr_iter_new(db, ATRACK_KIND_STATUS, stmt, sizeof(atrack_status),
	                    load_status_row, out);
}

const atrack_status *atrack_iter_status(const atrack_iter *it)
{
	return atr_iter_row_of(it, load_status_row);
}
