/*
 * verbs.c - the generic verbs every noun has (add, get, edit, delete) and
 * the public entry points of atrack/entity.h, with the typed family of
 * each noun generated over the generic one. Each verb runs a statement of
 * the noun's description (nouns.c); a write runs in a transaction of its
 * own (a savepoint inside the caller's), with the caller's values staged
 * and bound, never spliced. It calls list.c, referrers.c, stage.c, row.c,
 * nouns.c and the core.
 */
#include "entity_int.h"

#include <stddef.h>
#include <string.h>

/* A new initiative starts with its first status, as one the loader reads
 * from a fact sheet does ("announced", on the day it was created), so that
 * the board and the report count it from the start. The vocabulary may
 * lack "announced": then its first open status stands in. */
static int add_first_status(atrack_db *db, int64_t initiative_id)
{
	static const char sql[] =
		"INSERT INTO progress_update (initiative_id, status_id, author, event_date, recorded_at)"
		" SELECT i.id, s.id, ?2, coalesce(min(date(i.created_at), date(?3)), date(?3)), ?3"
		"   FROM initiative AS i,"
		"        (SELECT id FROM status_code WHERE is_terminal = 0"
		"          ORDER BY code <> 'announced', sort_order, id LIMIT 1) AS s"
		"  WHERE i.id = ?1";
	char now[25];
	atr_now(now);
	sqlite3_stmt *stmt;
	int rc = atr_stmt(db, sql, &stmt);
	if (rc != ATRACK_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, initiative_id);
	sqlite3_bind_text(stmt, 2, atrack_author(db), -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, now, -1, SQLITE_STATIC);
	int src = sqlite3_step(stmt);
	if (src != SQLITE_DONE)
		rc = atr_sql_error(db, src, "initiative: cannot record its first status");
	atr_stmt_done(stmt);
	return rc;
}

static int entity_add(atrack_db *db, const atr_noun *n, const void *in, int64_t *out_id)
{
	atr_value vals[ATR_MAX_FIELDS] = { { false, NULL, 0 } };
	char *owned = NULL;
	char now[25];
	int rc = atr_write_begin(db);
	if (rc != ATRACK_OK)
		return rc;
	rc = atr_entity_stage_all(db, n, in, true, ~0u, vals, &owned);
	sqlite3_stmt *stmt = NULL;
	if (rc == ATRACK_OK)
		rc = atr_stmt(db, n->sql_insert, &stmt);
	if (rc == ATRACK_OK) {
		int idx = 1;
		for (size_t i = 0; i < n->field_count; i++) {
			const atrack_field *f = &n->fields[i];
			if (f->flags & ATRACK_FIELD_READONLY)
				continue;
			/* A new row's creation time is now unless given. */
			if (f->type == ATRACK_FIELD_TIME && vals[i].null &&
			    strcmp(f->name, "created_at") == 0) {
				atr_now(now);
				vals[i].null = false;
				vals[i].text = now;
			}
			atr_entity_bind_value(stmt, idx++, f, &vals[i]);
		}
		int src = sqlite3_step(stmt);
		if (src == SQLITE_DONE) {
			int64_t id = sqlite3_last_insert_rowid(db->sql);
			if (out_id)
				*out_id = id;
			if (n->kind == ATRACK_KIND_INITIATIVE) {
				atr_stmt_done(stmt);
				stmt = NULL;
				rc = add_first_status(db, id);
			}
		} else {
			rc = atr_entity_write_error(db, n, src, vals);
		}
		atr_stmt_done(stmt);
	}
	atr_free(owned);
	return atr_write_end(db, rc);
}

static int entity_get(atrack_db *db, const atr_noun *n, int64_t id, void **out)
{
	sqlite3_stmt *stmt;
	int rc = atr_stmt(db, n->sql_get, &stmt);
	if (rc != ATRACK_OK)
		return rc;
	atr_entity_bind_int(stmt, ":id", true, id);
	atr_entity_bind_today(stmt, NULL, 0);
	rc = atr_entity_step_row(db, n, id, stmt);
	if (rc == ATRACK_OK) {
		union { max_align_t align; unsigned char bytes[ATR_MAX_ROW]; } row;
		atr_entity_load_fields(n, stmt, row.bytes);
		*out = atr_entity_copy_row(n, row.bytes);
		if (!*out)
			rc = atr_error(db, ATRACK_NOMEM, "out of memory");
	}
	atr_stmt_done(stmt);
	return rc;
}

static int entity_edit(atrack_db *db, const atr_noun *n, int64_t id, const void *in,
                       unsigned int fields)
{
	atr_value vals[ATR_MAX_FIELDS] = { { false, NULL, 0 } };
	char *owned = NULL;
	char label[160];
	int rc = atr_write_begin(db);
	if (rc != ATRACK_OK)
		return rc;
	rc = atr_entity_row_label(db, n, id, label, sizeof label);
	if (rc == ATRACK_OK)
		rc = atr_entity_stage_all(db, n, in, false, fields, vals, &owned);
	sqlite3_stmt *stmt = NULL;
	if (rc == ATRACK_OK && fields != 0)
		rc = atr_stmt(db, n->sql_update, &stmt);
	if (rc == ATRACK_OK && stmt) {
		int idx = 1;
		for (size_t i = 0; i < n->field_count; i++) {
			const atrack_field *f = &n->fields[i];
			if (f->flags & ATRACK_FIELD_READONLY)
				continue;
			bool set = (fields & f->bit) != 0;
			sqlite3_bind_int(stmt, idx++, set);
			if (set)
				atr_entity_bind_value(stmt, idx, f, &vals[i]);
			idx++;
		}
		sqlite3_bind_int64(stmt, idx, id);
		int src = sqlite3_step(stmt);
		if (src != SQLITE_DONE)
			rc = atr_entity_write_error(db, n, src, vals);
		atr_stmt_done(stmt);
	}
	atr_free(owned);
	return atr_write_end(db, rc);
}

static int entity_delete(atrack_db *db, const atr_noun *n, int64_t id, unsigned int flags)
{
	char label[160];
	char kb[32];
	int rc = atr_write_begin(db);
	if (rc != ATRACK_OK)
		return rc;
	rc = atr_entity_row_label(db, n, id, label, sizeof label);
	if (rc == ATRACK_OK && !(flags & ATRACK_DELETE_CASCADE)) {
		atr_buf b = ATR_BUF_INIT;
		long long total = 0;
		rc = atr_entity_count_referrers(db, n, id, &b, &total);
		if (rc == ATRACK_OK && total > 0)
			rc = atr_error(db, ATRACK_CONFLICT, "%s %s is referred to by %s; delete with "
			               "cascade to remove or clear them",
			               atr_noun_kind_label(n->kind, kb), label, b.data);
		atr_buf_clear(&b);
	}
	sqlite3_stmt *stmt = NULL;
	if (rc == ATRACK_OK)
		rc = atr_stmt(db, n->sql_delete, &stmt);
	if (rc == ATRACK_OK) {
		/* The schema's ON DELETE actions do the cascade, in this
		 * transaction. */
		sqlite3_bind_int64(stmt, 1, id);
		int src = sqlite3_step(stmt);
		if (src != SQLITE_DONE)
			rc = atr_sql_error(db, src, "cannot delete");
		atr_stmt_done(stmt);
	}
	return atr_write_end(db, rc);
}

/* ---- Public entry points -------------------------------------------------- */

int atrack_entity_add(atrack_db *db, atrack_kind kind, const void *in, int64_t *out_id)
{
	const atr_noun *n;
	int rc = atr_noun_enter(db, kind, "input", in, &n);
	return rc == ATRACK_OK ? entity_add(db, n, in, out_id) : rc;
}

int atrack_entity_get(atrack_db *db, atrack_kind kind, int64_t id, void **out)
{
	const atr_noun *n;
	if (out)
		*out = NULL;
	int rc = atr_noun_enter(db, kind, "output", out, &n);
	return rc == ATRACK_OK ? entity_get(db, n, id, out) : rc;
}

void atrack_entity_free(void *entity)
{
	atr_free(entity);
}

int atrack_entity_edit(atrack_db *db, atrack_kind kind, int64_t id, const void *in,
                       unsigned int fields)
{
	const atr_noun *n;
	int rc = atr_noun_enter(db, kind, "input", in, &n);
	return rc == ATRACK_OK ? entity_edit(db, n, id, in, fields) : rc;
}

int atrack_entity_delete(atrack_db *db, atrack_kind kind, int64_t id, unsigned int flags)
{
	const atr_noun *n;
	int rc = atr_noun_enter(db, kind, NULL, NULL, &n);
	return rc == ATRACK_OK ? entity_delete(db, n, id, flags) : rc;
}

int atrack_entity_list(atrack_db *db, atrack_kind kind, const atrack_list_opts *opts,
                       atrack_iter **out)
{
	const atr_noun *n;
	if (out)
		*out = NULL;
	int rc = atr_noun_enter(db, kind, "output", out, &n);
	return rc == ATRACK_OK ? atr_entity_list(db, n, opts, out) : rc;
}

int atrack_initiative_list(atrack_db *db, const atrack_initiative_filter *filter,
                           atrack_iter **out)
{
	const atr_noun *n;
	if (out)
		*out = NULL;
	int rc = atr_noun_enter(db, ATRACK_KIND_INITIATIVE, "output", out, &n);
	return rc == ATRACK_OK ? atr_entity_initiative_list(db, filter, out) : rc;
}

/* The typed family of each noun, over the generic one. */
#define TYPED_API(noun, T, KIND) \
	int atrack_##noun##_add(atrack_db *db, const T *in, int64_t *out_id) \
	{ return atrack_entity_add(db, KIND, in, out_id); } \
	int atrack_##noun##_get(atrack_db *db, int64_t id, T **out) \
	{ return atrack_entity_get(db, KIND, id, (void **)out); } \
	void atrack_##noun##_free(T *entity) { atr_free(entity); } \
	int atrack_##noun##_edit(atrack_db *db, int64_t id, const T *in, unsigned int fields) \
	{ return atrack_entity_edit(db, KIND, id, in, fields); } \
	int atrack_##noun##_delete(atrack_db *db, int64_t id, unsigned int flags) \
	{ return atrack_entity_delete(db, KIND, id, flags); } \
	const T *atrack_iter_##noun(const atrack_iter *it) \
	{ return it && it->kind == KIND ? atrack_iter_entity(it) : NULL; }

#define TYPED_LIST(noun, KIND) \
	int atrack_##noun##_list(atrack_db *db, const atrack_list_opts *opts, atrack_iter **out) \
	{ return atrack_entity_list(db, KIND, opts, out); }

TYPED_API(party, atrack_party, ATRACK_KIND_PARTY)
TYPED_API(person, atrack_person, ATRACK_KIND_PERSON)
TYPED_API(meeting, atrack_meeting, ATRACK_KIND_MEETING)
TYPED_API(participant, atrack_participant, ATRACK_KIND_PARTICIPANT)
TYPED_API(document, atrack_document, ATRACK_KIND_DOCUMENT)
TYPED_API(section, atrack_section, ATRACK_KIND_SECTION)
TYPED_API(framework, atrack_framework, ATRACK_KIND_FRAMEWORK)
TYPED_API(focus_area, atrack_focus_area, ATRACK_KIND_FOCUS_AREA)
TYPED_API(exercise, atrack_exercise, ATRACK_KIND_EXERCISE)
TYPED_API(initiative, atrack_initiative, ATRACK_KIND_INITIATIVE)
TYPED_LIST(party, ATRACK_KIND_PARTY)
TYPED_LIST(person, ATRACK_KIND_PERSON)
TYPED_LIST(meeting, ATRACK_KIND_MEETING)
TYPED_LIST(participant, ATRACK_KIND_PARTICIPANT)
TYPED_LIST(document, ATRACK_KIND_DOCUMENT)
TYPED_LIST(section, ATRACK_KIND_SECTION)
TYPED_LIST(framework, ATRACK_KIND_FRAMEWORK)
TYPED_LIST(focus_area, ATRACK_KIND_FOCUS_AREA)
TYPED_LIST(exercise, ATRACK_KIND_EXERCISE)
