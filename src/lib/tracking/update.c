/*
 * update.c - progress updates: adding, correcting, deleting and listing the
 * history of an initiative. Each write checks its fields (update_check.c)
 * and then, in one transaction, makes the change and checks the updates on
 * either side of it against the transition rules (transition.c); a broken
 * rule rolls everything back, so nothing is ever half-written.
 */
#include "tracking_int.h"

#include <stdio.h>
#include <string.h>

#define UPDATE_SELECT \
	"SELECT u.id, u.initiative_id, i.slug, s.code, u.health, u.percent_complete, " \
	"u.note, u.author, u.event_date, u.recorded_at, u.evidence_url, " \
	"u.evidence_document_id, u.is_reopen " \
	"FROM progress_update AS u JOIN initiative AS i ON i.id = u.initiative_id " \
	"JOIN status_code AS s ON s.id = u.status_id "

static const char sql_get[] = UPDATE_SELECT "WHERE u.id = ?1";
/* Two statements rather than one with "?1 = 0 OR": the one for a single
 * initiative walks index progress_update_latest backwards. */
#define LIST_RANGE \
	"u.event_date >= ?2 AND u.event_date <= ?3 " \
	"ORDER BY u.event_date DESC, u.id DESC LIMIT ?4 OFFSET ?5"
static const char sql_list_one[] = UPDATE_SELECT "WHERE u.initiative_id = ?1 AND " LIST_RANGE;
static const char sql_list_all[] = UPDATE_SELECT "WHERE ?1 = 0 AND " LIST_RANGE;

static const char sql_initiative_exists[] = "SELECT 1 FROM initiative WHERE id = ?1";

static const char sql_insert[] =
	"INSERT INTO progress_update (initiative_id, status_id, health, percent_complete, "
	"note, author, event_date, recorded_at, evidence_url, evidence_document_id, is_reopen) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
/* One statement for every combination of edited fields: ?2, ?4, ... say
 * whether to take the new value, so the audit trigger sees one update. */
static const char sql_edit[] =
	"UPDATE progress_update SET "
	"note = CASE WHEN ?2 THEN ?3 ELSE note END, "
	"event_date = CASE WHEN ?4 THEN ?5 ELSE event_date END, "
	"health = CASE WHEN ?6 THEN ?7 ELSE health END, "
	"percent_complete = CASE WHEN ?8 THEN ?9 ELSE percent_complete END, "
	"evidence_url = CASE WHEN ?10 THEN ?11 ELSE evidence_url END, "
	"evidence_document_id = CASE WHEN ?10 THEN ?12 ELSE evidence_document_id END "
	"WHERE id = ?1";
static const char sql_delete[] = "DELETE FROM progress_update WHERE id = ?1";

#define EDIT_FIELDS (ATRACK_UPDATE_EDIT_NOTE | ATRACK_UPDATE_EDIT_EVENT_DATE | \
	ATRACK_UPDATE_EDIT_HEALTH | ATRACK_UPDATE_EDIT_PERCENT | ATRACK_UPDATE_EDIT_EVIDENCE)

/* ---- Reading ------------------------------------------------------------ */

static void read_update(sqlite3_stmt *stmt, atrack_update *u)
{
	u->id = sqlite3_column_int64(stmt, 0);
	u->initiative_id = sqlite3_column_int64(stmt, 1);
	u->initiative_slug = atr_column_text(stmt, 2);
	u->status = atr_column_text(stmt, 3);
	u->health = atr_column_text(stmt, 4);
	u->percent_complete = sqlite3_column_type(stmt, 5) == SQLITE_NULL
		? -1 : sqlite3_column_int(stmt, 5);
	u->note = atr_column_text(stmt, 6);
	u->author = atr_column_text(stmt, 7);
	u->event_date = atr_column_text(stmt, 8);
	u->recorded_at = atr_column_text(stmt, 9);
	u->evidence_url = atr_column_text(stmt, 10);
	u->evidence_document_id = sqlite3_column_int64(stmt, 11);
	u->is_reopen = sqlite3_column_int(stmt, 12);
}

static int load_update_row(atrack_iter *it)
{
	read_update(it->stmt, it->row);
	return ATRACK_OK;
}

const atrack_update *atrack_iter_update(const atrack_iter *it)
{
	return atr_iter_row_of(it, load_update_row);
}

/* Copy `src` and its strings into one allocation, so that
 * atrack_update_free is a single free and a failure leaks nothing. */
static atrack_update *copy_update(const atrack_update *src)
{
	const char *const strings[] = { src->initiative_slug, src->status, src->health,
		src->note, src->author, src->event_date, src->recorded_at, src->evidence_url };
	size_t size = sizeof *src;
	for (size_t i = 0; i < ATR_ARRAY_SIZE(strings); i++)
		if (strings[i])
			size += strlen(strings[i]) + 1;
	atrack_update *u = atr_malloc(size);
	if (!u)
		return NULL;
	*u = *src;
	char *p = (char *)(u + 1);
	const char **fields[] = { &u->initiative_slug, &u->status, &u->health, &u->note,
		&u->author, &u->event_date, &u->recorded_at, &u->evidence_url };
	for (size_t i = 0; i < ATR_ARRAY_SIZE(fields); i++) {
		if (!*fields[i])
			continue;
		size_t n = strlen(*fields[i]) + 1;
		memcpy(p, *fields[i], n);
		*fields[i] = p;
		p += n;
	}
	return u;
}

int atrack_update_get(atrack_db *db, int64_t id, atrack_update **out)
{
	if (!atr_db_usable(db) || !out)
		return atr_misuse(db, "atrack_update_get");
	*out = NULL;
	atr_clear_error(db);
	sqlite3_stmt *stmt;
	int rc = atr_stmt(db, sql_get, &stmt);
	if (rc != ATRACK_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	int src = sqlite3_step(stmt);
	if (src == SQLITE_ROW) {
		atrack_update row;
		read_update(stmt, &row);
		*out = copy_update(&row);
		if (!*out)
			rc = atr_error(db, ATRACK_NOMEM, "out of memory");
	} else if (src == SQLITE_DONE) {
		rc = atr_error(db, ATRACK_NOTFOUND, "no update %lld", (long long)id);
	} else {
		rc = atr_sql_error(db, src, "cannot read update");
	}
	atr_stmt_done(stmt);
	return rc;
}

void atrack_update_free(atrack_update *update)
{
	atr_free(update);
}

int atrack_update_list(atrack_db *db, const atrack_update_filter *f, atrack_iter **out)
{
	if (!atr_db_usable(db) || !out)
		return atr_misuse(db, "atrack_update_list");
	*out = NULL;
	atr_clear_error(db);
	atrack_update_filter all = ATRACK_UPDATE_FILTER_INIT;
	if (!f)
		f = &all;
	if (f->version == 0 || f->version > ATRACK_UPDATE_FILTER_VERSION)
		return atr_error(db, ATRACK_MISUSE, "atrack_update_filter version %u unknown", f->version);
	int rc = atr_check_list_bounds(db, f->since, f->until, f->limit, f->offset);
	if (rc != ATRACK_OK)
		return rc;
	sqlite3_stmt *stmt;
	rc = atr_prepare(db, f->initiative_id ? sql_list_one : sql_list_all, &stmt);
	if (rc != ATRACK_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, f->initiative_id);
	atr_bind_list_bounds(stmt, 2, f->since, f->until, f->limit, f->offset);
	return atr_iter_new(db, ATRACK_KIND_UPDATE, stmt, sizeof(atrack_update),
	                    load_update_row, out);
}

/* ---- Writing ------------------------------------------------------------ */

static void bind_text_or_null(sqlite3_stmt *stmt, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(stmt, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(stmt, i);
}

static void bind_id_or_null(sqlite3_stmt *stmt, int i, int64_t id)
{
	if (id > 0)
		sqlite3_bind_int64(stmt, i, id);
	else
		sqlite3_bind_null(stmt, i);
}

static int insert_update(atrack_db *db, const atrack_update_input *in, int64_t status_id,
                         const char *date, int64_t *out_id)
{
	char now[25];
	atr_now(now);
	sqlite3_stmt *stmt;
	int rc = atr_stmt(db, sql_insert, &stmt);
	if (rc != ATRACK_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, in->initiative_id);
	sqlite3_bind_int64(stmt, 2, status_id);
	bind_text_or_null(stmt, 3, in->health);
	if (in->percent_complete >= 0)
		sqlite3_bind_int(stmt, 4, in->percent_complete);
	bind_text_or_null(stmt, 5, in->note);
	sqlite3_bind_text(stmt, 6, atrack_author(db), -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 7, date, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 8, now, -1, SQLITE_STATIC);
	bind_text_or_null(stmt, 9, in->evidence_url);
	bind_id_or_null(stmt, 10, in->evidence_document_id);
	sqlite3_bind_int(stmt, 11, in->reopen ? 1 : 0);
	rc = atr_step_write(db, stmt, "cannot add update");
	if (rc == ATRACK_OK)
		*out_id = sqlite3_last_insert_rowid(db->sql);
	return rc;
}

int atrack_update_add(atrack_db *db, const atrack_update_input *in, int64_t *out_id)
{
	if (!atr_db_usable(db) || !in)
		return atr_misuse(db, "atrack_update_add");
	atr_clear_error(db);
	atr_update_link x = { .id = INT64_MAX, .initiative_id = in->initiative_id, .reopen = in->reopen != 0 };
	int64_t id = 0;
	bool found = false;
	int rc = atr_update_check_version(db, in);
	if (rc == ATRACK_OK)
		rc = atr_row_exists(db, sql_initiative_exists, in->initiative_id, &found);
	if (rc == ATRACK_OK && !found)
		rc = atr_error(db, ATRACK_NOTFOUND, "initiative_id: no initiative %lld",
		               (long long)in->initiative_id);
	if (rc == ATRACK_OK)
		rc = atr_update_resolve_status(db, in->status, &x.status_id, &x.terminal);
	if (rc == ATRACK_OK)
		rc = atr_update_check_fields(db, in, EDIT_FIELDS, x.event_date);
	if (rc == ATRACK_OK)
		rc = atr_transition_check_reopen_note(db, in->reopen, in->note);
	if (rc != ATRACK_OK)
		return rc;
	atr_copy_cut(x.code, sizeof x.code, in->status);

	/* The history is read and written under one lock, so no other writer
	 * can slip an update in between the check and the insert. */
	rc = atr_write_begin_single(db);
	if (rc != ATRACK_OK)
		return rc;
	rc = atr_transition_check_new(db, &x);
	if (rc == ATRACK_OK)
		rc = insert_update(db, in, x.status_id, x.event_date, &id);
	rc = atr_write_end_single(db, rc);
	if (rc == ATRACK_OK && out_id)
		*out_id = id;
	return rc;
}

static int edit_row(atrack_db *db, int64_t id, const atrack_update_input *in,
                    unsigned int fields, const char *date)
{
	sqlite3_stmt *stmt;
	int rc = atr_stmt(db, sql_edit, &stmt);
	if (rc != ATRACK_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	sqlite3_bind_int(stmt, 2, (fields & ATRACK_UPDATE_EDIT_NOTE) != 0);
	bind_text_or_null(stmt, 3, in->note);
	sqlite3_bind_int(stmt, 4, (fields & ATRACK_UPDATE_EDIT_EVENT_DATE) != 0);
	sqlite3_bind_text(stmt, 5, date, -1, SQLITE_STATIC);
	sqlite3_bind_int(stmt, 6, (fields & ATRACK_UPDATE_EDIT_HEALTH) != 0);
	bind_text_or_null(stmt, 7, in->health);
	sqlite3_bind_int(stmt, 8, (fields & ATRACK_UPDATE_EDIT_PERCENT) != 0);
	if (in->percent_complete >= 0)
		sqlite3_bind_int(stmt, 9, in->percent_complete);
	sqlite3_bind_int(stmt, 10, (fields & ATRACK_UPDATE_EDIT_EVIDENCE) != 0);
	bind_text_or_null(stmt, 11, in->evidence_url);
	bind_id_or_null(stmt, 12, in->evidence_document_id);
	return atr_step_write(db, stmt, "cannot edit update");
}

int atrack_update_edit(atrack_db *db, int64_t id, const atrack_update_input *in,
                       unsigned int fields)
{
	if (!atr_db_usable(db) || !in)
		return atr_misuse(db, "atrack_update_edit");
	atr_clear_error(db);
	if (fields & ~EDIT_FIELDS)
		return atr_error(db, ATRACK_MISUSE, "unknown edit fields 0x%x", fields & ~EDIT_FIELDS);
	char date[11] = "";
	atr_update_link old, next;
	bool has_next = false;
	int rc = atr_update_check_version(db, in);
	if (rc == ATRACK_OK && fields == 0)
		rc = atr_error(db, ATRACK_INVALID, "edit: no field to change");
	if (rc == ATRACK_OK)
		rc = atr_transition_load(db, id, &old);
	if (rc == ATRACK_OK)
		rc = atr_update_check_fields(db, in, fields, date);
	if (rc == ATRACK_OK && (fields & ATRACK_UPDATE_EDIT_NOTE))
		rc = atr_transition_check_reopen_note(db, old.reopen, in->note);
	if (rc != ATRACK_OK)
		return rc;

	rc = atr_write_begin(db);
	if (rc != ATRACK_OK)
		return rc;
	/* The update after the old place loses its predecessor when the date
	 * moves; remember it to check it afterwards. */
	rc = atr_transition_next(db, &old, &next, &has_next);
	if (rc == ATRACK_OK)
		rc = edit_row(db, id, in, fields, date);
	if (rc == ATRACK_OK)
		rc = atr_transition_check_written(db, id);
	if (rc == ATRACK_OK && has_next)
		rc = atr_transition_check_before(db, &next, "event_date");
	return atr_write_end(db, rc);
}

int atrack_update_delete(atrack_db *db, int64_t id)
{
	if (!atr_db_usable(db))
		return atr_misuse(db, "atrack_update_delete");
	atr_clear_error(db);
	atr_update_link old, next;
	bool has_next = false;
	int rc = atr_write_begin(db);
	if (rc != ATRACK_OK)
		return rc;
	rc = atr_transition_load(db, id, &old);
	if (rc == ATRACK_OK)
		rc = atr_transition_next(db, &old, &next, &has_next);
	if (rc == ATRACK_OK) {
		sqlite3_stmt *stmt;
		rc = atr_stmt(db, sql_delete, &stmt);
		if (rc == ATRACK_OK) {
			sqlite3_bind_int64(stmt, 1, id);
			rc = atr_step_write(db, stmt, "cannot delete update");
		}
	}
	if (rc == ATRACK_OK && has_next)
		rc = atr_transition_check_before(db, &next, "delete");
	return atr_write_end(db, rc);
}
