/*
 * row.c - a noun's row between SQLite and memory: where each member of a
 * public struct is stored, loading a statement's row into the struct,
 * copying it into one allocation the caller frees, binding the named
 * parameters the statements of nouns.c share (:id, :today, the filters),
 * and reading a row's label, which also tells whether it exists. It calls
 * nouns.c and the core.
 */
#include "entity_int.h"

#include <stdio.h>
#include <string.h>

atr_storage atr_entity_storage(const atrack_field *f)
{
	switch (f->type) {
	case ATRACK_FIELD_REF:
	case ATRACK_FIELD_INT64: return ATR_STORE_INT64;
	case ATRACK_FIELD_INT:
	case ATRACK_FIELD_BOOL: return ATR_STORE_INT;
	default: return ATR_STORE_TEXT;
	}
}

const char *atr_entity_text_at(const void *row, const atrack_field *f)
{
	return *(const char *const *)(const void *)((const char *)row + f->offset);
}

int64_t atr_entity_int_at(const void *row, const atrack_field *f)
{
	const char *p = (const char *)row + f->offset;
	if (atr_entity_storage(f) == ATR_STORE_INT64)
		return *(const int64_t *)(const void *)p;
	return *(const int *)(const void *)p;
}

/* Fill the struct at `row` from the statement's current row: column 0 is
 * the id, then one column per member. Text points into the statement. */
void atr_entity_load_fields(const atr_noun *n, sqlite3_stmt *stmt, void *row)
{
	*(int64_t *)row = sqlite3_column_int64(stmt, 0);
	for (size_t i = 0; i < n->field_count; i++) {
		const atrack_field *f = &n->fields[i];
		int col = (int)i + 1;
		void *p = (char *)row + f->offset;
		bool null = sqlite3_column_type(stmt, col) == SQLITE_NULL;
		int64_t none = (f->flags & ATRACK_FIELD_NEG_NONE) ? -1 : 0;
		switch (atr_entity_storage(f)) {
		case ATR_STORE_TEXT:
			*(const char **)p = atr_column_text(stmt, col);
			break;
		case ATR_STORE_INT64:
			*(int64_t *)p = null ? none : sqlite3_column_int64(stmt, col);
			break;
		case ATR_STORE_INT:
			*(int *)p = null ? (int)none : sqlite3_column_int(stmt, col);
			break;
		}
	}
}

/* One allocation holding the struct and copies of its strings, so that
 * _free is a single atr_free. */
void *atr_entity_copy_row(const atr_noun *n, const void *row)
{
	size_t total = n->size;
	for (size_t i = 0; i < n->field_count; i++) {
		const atrack_field *f = &n->fields[i];
		if (atr_entity_storage(f) == ATR_STORE_TEXT && atr_entity_text_at(row, f))
			total += strlen(atr_entity_text_at(row, f)) + 1;
	}
	char *copy = atr_malloc(total);
	if (!copy)
		return NULL;
	memcpy(copy, row, n->size);
	char *strings = copy + n->size;
	for (size_t i = 0; i < n->field_count; i++) {
		const atrack_field *f = &n->fields[i];
		const char *s =
			atr_entity_storage(f) == ATR_STORE_TEXT ? atr_entity_text_at(row, f) : NULL;
		if (!s)
			continue;
		size_t len = strlen(s) + 1;
		memcpy(strings, s, len);
		*(const char **)(void *)(copy + f->offset) = strings;
		strings += len;
	}
	return copy;
}


void atr_entity_bind_int(sqlite3_stmt *stmt, const char *name, bool set, int64_t v)
{
	int idx = sqlite3_bind_parameter_index(stmt, name);
	if (idx == 0)
		return;
	if (set)
		sqlite3_bind_int64(stmt, idx, v);
	else
		sqlite3_bind_null(stmt, idx);
}

void atr_entity_bind_text(sqlite3_stmt *stmt, const char *name, const char *v)
{
	int idx = sqlite3_bind_parameter_index(stmt, name);
	if (idx == 0)
		return;
	if (v)
		sqlite3_bind_text(stmt, idx, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(stmt, idx);
}

/* The derived members' point of view: today and the stale threshold. */
void atr_entity_bind_today(sqlite3_stmt *stmt, const char *today, int stale_days)
{
	char now[11];
	if (!today) {
		atr_today(now);
		today = now;
	}
	atr_entity_bind_text(stmt, ":today", today);
	atr_entity_bind_int(stmt, ":stale_days", true,
	                    stale_days > 0 ? stale_days : ATRACK_STALE_DAYS_DEFAULT);
}

int atr_entity_step_row(atrack_db *db, const atr_noun *n, int64_t id, sqlite3_stmt *stmt)
{
	int src = sqlite3_step(stmt);
	if (src == SQLITE_ROW)
		return ATRACK_OK;
	if (src == SQLITE_DONE) {
		char kb[32];
		return atr_error(db, ATRACK_NOTFOUND, "no %s %lld", atr_noun_kind_label(n->kind, kb),
		                 (long long)id);
	}
	return atr_sql_error(db, src, "cannot read");
}

/* Put the row's label ("'ncg'", or "#3" for a thing with no slug) in buf.
 * Returns ATRACK_OK, ATRACK_NOTFOUND with "no <kind> <id>", or an error. */
int atr_entity_row_label(atrack_db *db, const atr_noun *n, int64_t id, char *buf,
                         size_t size)
{
	sqlite3_stmt *stmt;
	int rc = atr_stmt(db, n->sql_label, &stmt);
	if (rc != ATRACK_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	rc = atr_entity_step_row(db, n, id, stmt);
	if (rc == ATRACK_OK) {
		const char *label = atr_column_text(stmt, 0);
		if (n->slug_from)
			snprintf(buf, size, "'%s'", label ? label : "");
		else
			snprintf(buf, size, "%s", label ? label : "");
	}
	atr_stmt_done(stmt);
	return rc;
}
