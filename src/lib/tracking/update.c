/*
 * update.c - progress updates: adding, correcting, deleting and listing the
 * history of an initiative, and keeping that history a valid sequence of
 * transitions (atrack/tracking.h, rules T1-T3). Each write is one
 * transaction that makes the change, then checks the updates on either
 * side of it with the same index seeks the current-status view uses; a
 * broken rule rolls everything back, so nothing is ever half-written.
 */
#include "tracking_int.h"

#include <ctype.h>
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

static const char sql_status_by_code[] =
	"SELECT id, is_terminal FROM status_code WHERE code = ?1";
static const char sql_status_codes[] =
	"SELECT code FROM status_code ORDER BY sort_order, id";
static const char sql_initiative_exists[] = "SELECT 1 FROM initiative WHERE id = ?1";
static const char sql_document_exists[] = "SELECT 1 FROM document WHERE id = ?1";

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
	if (!db || !db->sql || !out)
		return ATRACK_MISUSE;
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
	if (!db || !db->sql || !out)
		return ATRACK_MISUSE;
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

/* ---- Validation --------------------------------------------------------- */

static bool blank(const char *s)
{
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			return false;
	return true;
}

/* "scheme://rest": a scheme of RFC 3986 and something after it, and no
 * white space or control character anywhere. */
static bool looks_like_url(const char *s)
{
	if (!isalpha((unsigned char)s[0]))
		return false;
	size_t i = 1;
	while (isalnum((unsigned char)s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.')
		i++;
	if (strncmp(s + i, "://", 3) != 0 || s[i + 3] == '\0')
		return false;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p <= ' ' || *p == 0x7f)
			return false;
	return true;
}

/* Whether the one-parameter query `sql` finds a row for `id`. */
static int row_exists(atrack_db *db, const char *sql, int64_t id, bool *found)
{
	sqlite3_stmt *stmt;
	int rc = atr_stmt(db, sql, &stmt);
	if (rc != ATRACK_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	int src = sqlite3_step(stmt);
	*found = src == SQLITE_ROW;
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		rc = atr_sql_error(db, src, "cannot look up reference");
	atr_stmt_done(stmt);
	return rc;
}

/* The message for an unknown status lists the known ones, so that a typo
 * is fixed without another command. */
static int unknown_status(atrack_db *db, const char *code)
{
	atr_buf known = ATR_BUF_INIT;
	sqlite3_stmt *stmt;
	int rc = atr_stmt(db, sql_status_codes, &stmt);
	if (rc != ATRACK_OK)
		return rc;
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		if (known.len)
			atr_buf_puts(&known, ", ");
		atr_buf_puts(&known, atr_column_text(stmt, 0));
	}
	atr_stmt_done(stmt);
	rc = atr_error(db, ATRACK_INVALID, "status: no status '%s' (known: %s)", code,
	               known.data ? known.data : "none");
	atr_buf_clear(&known);
	return rc;
}

static int resolve_status(atrack_db *db, const char *code, int64_t *status_id, bool *terminal)
{
	if (!code || !*code)
		return atr_error(db, ATRACK_INVALID, "status: required");
	sqlite3_stmt *stmt;
	int rc = atr_stmt(db, sql_status_by_code, &stmt);
	if (rc != ATRACK_OK)
		return rc;
	sqlite3_bind_text(stmt, 1, code, -1, SQLITE_STATIC);
	int src = sqlite3_step(stmt);
	if (src == SQLITE_ROW) {
		*status_id = sqlite3_column_int64(stmt, 0);
		*terminal = sqlite3_column_int(stmt, 1) != 0;
	} else if (src != SQLITE_DONE) {
		rc = atr_sql_error(db, src, "cannot look up status");
	}
	atr_stmt_done(stmt);
	if (rc == ATRACK_OK && src == SQLITE_DONE)
		return unknown_status(db, code);
	return rc;
}

static int check_note(atrack_db *db, const char *note)
{
	size_t bad;
	if (!note)
		return ATRACK_OK;
	if (!atr_utf8_valid(note, strlen(note), &bad))
		return atr_error(db, ATRACK_INVALID, "note: not valid UTF-8 (byte %zu)", bad);
	if (blank(note))
		return atr_error(db, ATRACK_INVALID, "note: must not be empty or blank "
		                 "(leave it out for none)");
	return ATRACK_OK;
}

/* Check the fields of `in` named by `fields`; *date receives the event
 * date to store (today when none was given). */
static int check_fields(atrack_db *db, const atrack_update_input *in, unsigned int fields,
                        char date[11])
{
	int rc;
	if ((fields & ATRACK_UPDATE_EDIT_HEALTH) && in->health &&
	    strcmp(in->health, "on_track") != 0 && strcmp(in->health, "at_risk") != 0 &&
	    strcmp(in->health, "off_track") != 0)
		return atr_error(db, ATRACK_INVALID, "health: '%s' is not one of on_track, "
		                 "at_risk, off_track", in->health);
	if ((fields & ATRACK_UPDATE_EDIT_PERCENT) &&
	    (in->percent_complete < -1 || in->percent_complete > 100))
		return atr_error(db, ATRACK_INVALID, "percent_complete: %d is outside 0..100",
		                 in->percent_complete);
	if ((fields & ATRACK_UPDATE_EDIT_NOTE) && (rc = check_note(db, in->note)) != ATRACK_OK)
		return rc;
	if (fields & ATRACK_UPDATE_EDIT_EVENT_DATE) {
		char today[11];
		atr_today(today);
		if (!in->event_date) {
			memcpy(date, today, 11);
		} else if (!atr_date_valid(in->event_date)) {
			return atr_error(db, ATRACK_INVALID, "event_date: '%s' is not a valid date "
			                 "(YYYY-MM-DD)", in->event_date);
		} else if (strcmp(in->event_date, today) > 0) {
			return atr_error(db, ATRACK_INVALID, "event_date: '%s' is in the future "
			                 "(today is %s, UTC)", in->event_date, today);
		} else {
			memcpy(date, in->event_date, 11);
		}
	}
	if (fields & ATRACK_UPDATE_EDIT_EVIDENCE) {
		if (in->evidence_url && !looks_like_url(in->evidence_url))
			return atr_error(db, ATRACK_INVALID, "evidence_url: '%s' is not a URL "
			                 "(scheme://...)", in->evidence_url);
		if (in->evidence_document_id < 0)
			return atr_error(db, ATRACK_INVALID, "evidence_document_id: %lld is not an id",
			                 (long long)in->evidence_document_id);
		if (in->evidence_document_id > 0) {
			bool found = false;
			rc = row_exists(db, sql_document_exists, in->evidence_document_id, &found);
			if (rc != ATRACK_OK)
				return rc;
			if (!found)
				return atr_error(db, ATRACK_NOTFOUND, "evidence_document_id: no document %lld",
				                 (long long)in->evidence_document_id);
		}
	}
	return ATRACK_OK;
}

static int check_version(atrack_db *db, const atrack_update_input *in)
{
	if (in->version == 0 || in->version > ATRACK_UPDATE_INPUT_VERSION)
		return atr_error(db, ATRACK_MISUSE, "atrack_update_input version %u unknown",
		                 in->version);
	return ATRACK_OK;
}

/* ---- Transitions -------------------------------------------------------- */

/* What the transition rules need of one update. */
typedef struct link {
	int64_t id;
	int64_t initiative_id;
	int64_t status_id;
	char event_date[11];
	char code[33];
	bool terminal;
	bool reopen;
} link;

/* Copy `src` (NULL: "") into dst[cap], cut to fit. Every update takes
 * this path twice, so it is kept clear of printf. */
static void copy_cut(char *dst, size_t cap, const char *src)
{
	size_t len = src ? strlen(src) : 0;
	if (len >= cap)
		len = cap - 1;
	memcpy(dst, src ? src : "", len);
	dst[len] = '\0';
}

/* Load the update that `sql` finds around (initiative, date, id):
 * sql_link_self, _before or _after. *found is false when there is none. */
static int load_link(atrack_db *db, const char *sql, const link *at, link *out, bool *found)
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
		copy_cut(out->event_date, sizeof out->event_date, atr_column_text(stmt, 3));
		copy_cut(out->code, sizeof out->code, atr_column_text(stmt, 4));
		out->terminal = sqlite3_column_int(stmt, 5) != 0;
		out->reopen = sqlite3_column_int(stmt, 6) != 0;
	} else if (src != SQLITE_DONE) {
		rc = atr_sql_error(db, src, "cannot read history");
	}
	atr_stmt_done(stmt);
	return rc;
}

/* Load update `id`, which must exist. */
static int load_update_link(atrack_db *db, int64_t id, link *out)
{
	link key = { .id = id };
	bool found;
	int rc = load_link(db, sql_link_self, &key, out, &found);
	if (rc == ATRACK_OK && !found)
		rc = atr_error(db, ATRACK_NOTFOUND, "no update %lld", (long long)id);
	return rc;
}

/* T3: a reopen says why. */
static int check_reopen_note(atrack_db *db, bool reopen, const char *note)
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
static int check_pair(atrack_db *db, const link *prev, const link *next, const char *neighbour)
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
static int check_before(atrack_db *db, const link *x, const char *neighbour)
{
	link prev;
	bool found;
	int rc = load_link(db, sql_link_before, x, &prev, &found);
	if (rc != ATRACK_OK)
		return rc;
	return check_pair(db, found ? &prev : NULL, x, neighbour);
}

/* Check the written update `id` against the updates now on both sides. */
static int check_written(atrack_db *db, int64_t id)
{
	link x, next;
	bool found;
	int rc = load_update_link(db, id, &x);
	if (rc == ATRACK_OK)
		rc = check_before(db, &x, NULL);
	if (rc == ATRACK_OK)
		rc = load_link(db, sql_link_after, &x, &next, &found);
	if (rc == ATRACK_OK && found)
		rc = check_pair(db, &x, &next, "event_date");
	return rc;
}

/* Check a new update `x` at the place it will take: its id is not known
 * yet, but a new rowid is above every other, so it goes after every update
 * of the same date. Checking before writing keeps the write one statement. */
static int check_new(atrack_db *db, const link *x)
{
	link next;
	bool found;
	int rc = check_before(db, x, NULL);
	if (rc == ATRACK_OK)
		rc = load_link(db, sql_link_after, x, &next, &found);
	if (rc == ATRACK_OK && found)
		rc = check_pair(db, x, &next, "event_date");
	return rc;
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
	if (!db || !db->sql || !in)
		return ATRACK_MISUSE;
	atr_clear_error(db);
	link x = { .id = INT64_MAX, .initiative_id = in->initiative_id, .reopen = in->reopen != 0 };
	int64_t id = 0;
	bool found = false;
	int rc = check_version(db, in);
	if (rc == ATRACK_OK)
		rc = row_exists(db, sql_initiative_exists, in->initiative_id, &found);
	if (rc == ATRACK_OK && !found)
		rc = atr_error(db, ATRACK_NOTFOUND, "initiative_id: no initiative %lld",
		               (long long)in->initiative_id);
	if (rc == ATRACK_OK)
		rc = resolve_status(db, in->status, &x.status_id, &x.terminal);
	if (rc == ATRACK_OK)
		rc = check_fields(db, in, EDIT_FIELDS, x.event_date);
	if (rc == ATRACK_OK)
		rc = check_reopen_note(db, in->reopen, in->note);
	if (rc != ATRACK_OK)
		return rc;
	copy_cut(x.code, sizeof x.code, in->status);

	/* The history is read and written under one lock, so no other writer
	 * can slip an update in between the check and the insert. */
	rc = atr_write_begin_single(db);
	if (rc != ATRACK_OK)
		return rc;
	rc = check_new(db, &x);
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
	if (!db || !db->sql || !in)
		return ATRACK_MISUSE;
	atr_clear_error(db);
	if (fields & ~EDIT_FIELDS)
		return atr_error(db, ATRACK_MISUSE, "unknown edit fields 0x%x", fields & ~EDIT_FIELDS);
	char date[11] = "";
	link old, next;
	bool has_next = false;
	int rc = check_version(db, in);
	if (rc == ATRACK_OK && fields == 0)
		rc = atr_error(db, ATRACK_INVALID, "edit: no field to change");
	if (rc == ATRACK_OK)
		rc = load_update_link(db, id, &old);
	if (rc == ATRACK_OK)
		rc = check_fields(db, in, fields, date);
	if (rc == ATRACK_OK && (fields & ATRACK_UPDATE_EDIT_NOTE))
		rc = check_reopen_note(db, old.reopen, in->note);
	if (rc != ATRACK_OK)
		return rc;

	rc = atr_write_begin(db);
	if (rc != ATRACK_OK)
		return rc;
	/* The update after the old place loses its predecessor when the date
	 * moves; remember it to check it afterwards. */
	rc = load_link(db, sql_link_after, &old, &next, &has_next);
	if (rc == ATRACK_OK)
		rc = edit_row(db, id, in, fields, date);
	if (rc == ATRACK_OK)
		rc = check_written(db, id);
	if (rc == ATRACK_OK && has_next)
		rc = check_before(db, &next, "event_date");
	return atr_write_end(db, rc);
}

int atrack_update_delete(atrack_db *db, int64_t id)
{
	if (!db || !db->sql)
		return ATRACK_MISUSE;
	atr_clear_error(db);
	link old, next;
	bool has_next = false;
	int rc = atr_write_begin(db);
	if (rc != ATRACK_OK)
		return rc;
	rc = load_update_link(db, id, &old);
	if (rc == ATRACK_OK)
		rc = load_link(db, sql_link_after, &old, &next, &has_next);
	if (rc == ATRACK_OK) {
		sqlite3_stmt *stmt;
		rc = atr_stmt(db, sql_delete, &stmt);
		if (rc == ATRACK_OK) {
			sqlite3_bind_int64(stmt, 1, id);
			rc = atr_step_write(db, stmt, "cannot delete update");
		}
	}
	if (rc == ATRACK_OK && has_next)
		rc = check_before(db, &next, "delete");
	return atr_write_end(db, rc);
}
