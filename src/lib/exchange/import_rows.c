/*
 * import_rows.c - the rows of one array of a JSON export as an import
 * reads them (import_json.c drives it): each row checked against the
 * format's description (exchange_tables.c), its references resolved, then
 * matched with the database's row of the same natural key, added, or
 * reported as a conflict. A reference to a row later in the same array is
 * written once that row is in. Calls import_update.c for the rules of a
 * progress update, import_position.c, exchange_tables.c and the core.
 */
#include "exchange_int.h"

#include <stdio.h>
#include <string.h>

static bool seen_find(const seen_map *m, int64_t id, size_t *row)
{
	if (m->cap == 0)
		return false;
	for (size_t i = (size_t)id & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		if (m->ids[i] == 0)
			return false;
		if (m->ids[i] == id) {
			*row = m->rows[i];
			return true;
		}
	}
}

static bool seen_add(seen_map *m, int64_t id, size_t row)
{
	if (2 * (m->count + 1) > m->cap) {
		seen_map grown = { NULL, NULL, m->cap ? m->cap * 2 : 64, 0 };
		grown.ids = atr_calloc(grown.cap, sizeof *grown.ids);
		grown.rows = atr_calloc(grown.cap, sizeof *grown.rows);
		if (!grown.ids || !grown.rows) {
			atr_free(grown.ids);
			atr_free(grown.rows);
			return false;
		}
		for (size_t i = 0; i < m->cap; i++)
			if (m->ids[i])
				seen_add(&grown, m->ids[i], m->rows[i]);
		atr_free(m->ids);
		atr_free(m->rows);
		*m = grown;
	}
	size_t i = (size_t)id & (m->cap - 1);
	while (m->ids[i] != 0)
		i = (i + 1) & (m->cap - 1);
	m->ids[i] = id;
	m->rows[i] = row;
	m->count++;
	return true;
}

static void seen_clear(seen_map *m)
{
	atr_free(m->ids);
	atr_free(m->rows);
	memset(m, 0, sizeof *m);
}

const char *xi_json_type_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: return "an object";
	case JSON_ARRAY: return "an array";
	case JSON_STRING: return "a string";
	case JSON_INTEGER: return "an integer";
	case JSON_REAL: return "a real number";
	case JSON_TRUE:
	case JSON_FALSE: return "a boolean";
	case JSON_NULL: return "null";
	}
	return "a value";
}

static int invalid(importer *I, size_t row, const char *field, const char *fmt, ...)
	ATR_PRINTF(4, 5);

/* ATRACK_INVALID at $.array[row].field, with its place in the text. */
static int invalid(importer *I, size_t row, const char *field, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = xi_vfail(I, ATRACK_INVALID, I->t->array, (long)row, field, fmt, ap);
	va_end(ap);
	return rc;
}

/* "party 'rok'", "participant (meeting 'scm-56', person 'austin')". */
static void describe_row(atr_buf *b, const xt_table *t, json_t *row)
{
	atr_buf_puts(b, t->noun);
	if (t->key_column) {
		atr_buf_printf(b, " '%s'", json_string_value(json_object_get(row, t->key_column)));
		return;
	}
	for (size_t k = 0; k < t->key_count; k++) {
		const xt_column *c = &t->columns[t->key[k]];
		atr_buf_printf(b, "%s%s '%s'", k ? ", " : " (", c->field,
		               json_string_value(json_object_get(row, c->field)));
	}
	atr_buf_putc(b, ')');
}

static int resolve(importer *I, xt_index target, const char *key, int64_t *id, bool *found)
{
	const xt_table *r = &xt_tables[target];
	if (!I->resolve[target]) {
		atr_buf b = ATR_BUF_INIT;
		atr_buf_printf(&b, "SELECT id FROM %s WHERE %s = ?1", r->table, r->key_column);
		char *sql = atr_buf_detach(&b);
		if (!sql)
			return atr_error(I->db, ATRACK_NOMEM, "out of memory");
		int rc = atr_prepare(I->db, sql, &I->resolve[target]);
		atr_free(sql);
		if (rc != ATRACK_OK)
			return rc;
	}
	sqlite3_stmt *stmt = I->resolve[target];
	sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
	int src = sqlite3_step(stmt);
	*found = src == SQLITE_ROW;
	if (*found)
		*id = sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		return atr_sql_error(I->db, src, "cannot look up reference");
	return ATRACK_OK;
}

/* Whether a row after `row` in the array being imported has key `key`. */
static bool later_in_array(importer *I, size_t row, const char *key)
{
	for (size_t i = row + 1; i < json_array_size(I->rows); i++) {
		const char *other = json_string_value(json_object_get(json_array_get(I->rows, i),
		                                                      I->t->key_column));
		if (other && strcmp(other, key) == 0)
			return true;
	}
	return false;
}

/* Check field `ci` of `row` and turn it into what is bound. */
static int field_value(importer *I, size_t row_index, json_t *row, size_t ci, xvalue *out,
                       bool *deferred)
{
	const xt_column *c = &I->t->columns[ci];
	json_t *v = json_object_get(row, c->field);
	memset(out, 0, sizeof *out);
	*deferred = false;
	if (!v || json_is_null(v)) {
		if (c->required)
			return invalid(I, row_index, c->field, v ? "must not be null" : "missing required field");
		return ATRACK_OK;
	}
	const char *want = c->type == XT_INT ? "an integer" : c->type == XT_BOOL ? "a boolean" : "a string";
	bool ok = c->type == XT_INT ? json_is_integer(v) : c->type == XT_BOOL ? json_is_boolean(v)
	                                                : json_is_string(v);
	if (!ok)
		return invalid(I, row_index, c->field, "expected %s, got %s", want, xi_json_type_name(v));
	if (c->type == XT_INT || c->type == XT_BOOL) {
		out->kind = XV_INT;
		out->i = c->type == XT_INT ? json_integer_value(v) : json_is_true(v);
		return ATRACK_OK;
	}
	const char *s = json_string_value(v);
	if (c->type == XT_DATE && !atr_date_valid(s))
		return invalid(I, row_index, c->field, "'%s' is not a valid date (YYYY-MM-DD)", s);
	if (c->type == XT_TIME && !atr_time_valid(s))
		return invalid(I, row_index, c->field, "'%s' is not a valid time "
		               "(YYYY-MM-DDTHH:MM:SS.sssZ)", s);
	if (c->type != XT_REF) {
		out->kind = XV_TEXT;
		out->s = s;
		out->len = json_string_length(v);
		return ATRACK_OK;
	}
	bool found;
	int rc = resolve(I, c->ref, s, &out->i, &found);
	if (rc != ATRACK_OK)
		return rc;
	if (found) {
		out->kind = XV_INT;
		return ATRACK_OK;
	}
	if (&xt_tables[c->ref] == I->t && later_in_array(I, row_index, s)) {
		*deferred = true; /* bound NULL for now; see fixup */
		return ATRACK_OK;
	}
	return invalid(I, row_index, c->field, "no %s '%s' in the document or the database",
	               xt_tables[c->ref].noun, s);
}

static void bind_value(sqlite3_stmt *stmt, int param, const xvalue *v)
{
	if (v->kind == XV_INT)
		sqlite3_bind_int64(stmt, param, v->i);
	else if (v->kind == XV_TEXT)
		sqlite3_bind_text(stmt, param, v->s, (int)v->len, SQLITE_STATIC);
	else
		sqlite3_bind_null(stmt, param);
}

/* A value in a message: whole when short, else its first bytes (cut on a
 * UTF-8 boundary) and an ellipsis, so a conflict over a long text stays a
 * line, not megabytes. */
#define SHOWN_VALUE_BYTES 60

static void put_shown_value(atr_buf *b, const char *dumped)
{
	if (!dumped) {
		atr_buf_putc(b, '?');
		return;
	}
	size_t len = strlen(dumped);
	if (len <= SHOWN_VALUE_BYTES) {
		atr_buf_append(b, dumped, len);
		return;
	}
	size_t cut = SHOWN_VALUE_BYTES;
	while (cut > 0 && ((unsigned char)dumped[cut] & 0xC0) == 0x80)
		cut--;
	atr_buf_append(b, dumped, cut);
	atr_buf_puts(b, "\xE2\x80\xA6");
}

/* The row is in the database already: same content, or a conflict. */
static int compare_existing(importer *I, size_t row_index, json_t *row, int64_t id)
{
	sqlite3_bind_int64(I->select, 1, id);
	int src = sqlite3_step(I->select);
	json_t *existing = NULL;
	int rc = src == SQLITE_ROW ? xt_row_json(I->db, I->t, I->select, &existing)
	                           : atr_sql_error(I->db, src, "cannot read existing row");
	sqlite3_reset(I->select);
	if (rc != ATRACK_OK)
		return rc;
	atr_buf b = ATR_BUF_INIT;
	unsigned int differences = 0;
	for (size_t i = 0; i < I->t->column_count; i++) {
		const xt_column *c = &I->t->columns[i];
		json_t *ours = json_object_get(row, c->field);
		json_t *theirs = json_object_get(existing, c->field);
		if (!c->compared || json_equal(ours ? ours : json_null(), theirs))
			continue;
		if (differences++ == 0) {
			char *a = json_dumps(ours ? ours : json_null(), JSON_ENCODE_ANY);
			char *d = json_dumps(theirs, JSON_ENCODE_ANY);
			describe_row(&b, I->t, row);
			atr_buf_printf(&b, " differs from the database's: %s is ", c->field);
			put_shown_value(&b, a);
			atr_buf_puts(&b, " in the document, ");
			put_shown_value(&b, d);
			atr_buf_puts(&b, " in the database");
			free(a);
			free(d);
		}
	}
	json_decref(existing);
	if (differences == 0) {
		I->count->matched++;
		return ATRACK_OK;
	}
	if (differences > 1)
		atr_buf_printf(&b, " (and %u more field%s)", differences - 1, differences > 2 ? "s" : "");
	atr_buf path = ATR_BUF_INIT;
	atr_buf_printf(&path, "$.%s[%zu]", I->t->array, row_index);
	if (atr_buf_failed(&b) || atr_buf_failed(&path)) {
		atr_buf_clear(&b);
		atr_buf_clear(&path);
		return atr_error(I->db, ATRACK_NOMEM, "out of memory");
	}
	I->count->conflicts++;
	I->result->conflicts++;
	if (I->conflict_cb)
		I->conflict_cb(path.data, b.data, I->payload);
	if (!I->first_conflict) {
		atr_buf_printf(&path, ": %s", b.data);
		I->first_conflict = atr_buf_detach(&path);
		if (!I->first_conflict)
			rc = atr_error(I->db, ATRACK_NOMEM, "out of memory");
	}
	atr_buf_clear(&b);
	atr_buf_clear(&path);
	return rc;
}

static int check_fields_known(importer *I, size_t row_index, json_t *row)
{
	const char *name;
	json_t *value;
	json_object_foreach(row, name, value) {
		bool known = false;
		for (size_t i = 0; i < I->t->column_count && !known; i++)
			known = strcmp(I->t->columns[i].field, name) == 0;
		if (!known)
			return invalid(I, row_index, name, "unknown field");
	}
	return ATRACK_OK;
}

static int import_row(importer *I, size_t row_index)
{
	json_t *row = json_array_get(I->rows, row_index);
	if (!json_is_object(row))
		return invalid(I, row_index, NULL, "expected an object, got %s", xi_json_type_name(row));
	int rc = check_fields_known(I, row_index, row);
	xvalue values[XT_MAX_COLUMNS];
	bool deferred[XT_MAX_COLUMNS];
	for (size_t i = 0; rc == ATRACK_OK && i < I->t->column_count; i++)
		rc = field_value(I, row_index, row, i, &values[i], &deferred[i]);
	if (rc != ATRACK_OK)
		return rc;

	for (size_t k = 0; k < I->t->key_count; k++)
		bind_value(I->find, (int)k + 1, &values[I->t->key[k]]);
	int src = sqlite3_step(I->find);
	int64_t id = src == SQLITE_ROW ? sqlite3_column_int64(I->find, 0) : 0;
	sqlite3_reset(I->find);
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		return atr_sql_error(I->db, src, "cannot look up row");

	size_t earlier;
	if (id && seen_find(&I->seen, id, &earlier)) {
		atr_buf b = ATR_BUF_INIT;
		describe_row(&b, I->t, row);
		rc = atr_buf_failed(&b) ? atr_error(I->db, ATRACK_NOMEM, "out of memory")
		     : invalid(I, row_index, NULL, "%s is given twice (also at $.%s[%zu])",
		               b.data, I->t->array, earlier);
		atr_buf_clear(&b);
		return rc;
	}
	bool update = I->t == &xt_tables[XT_UPDATE];
	if (id) {
		rc = compare_existing(I, row_index, row, id);
	} else {
		if (update && (rc = xi_update_check_fields(I, row_index, row, values)) != ATRACK_OK)
			return rc;
		for (size_t i = 0; i < I->t->column_count; i++)
			bind_value(I->insert, (int)i + 1, &values[i]);
		src = sqlite3_step(I->insert);
		sqlite3_reset(I->insert);
		if (src != SQLITE_DONE) {
			if ((src & 0xff) == SQLITE_CONSTRAINT)
				return invalid(I, row_index, NULL, "cannot add %s: %s", I->t->noun,
				               sqlite3_errmsg(I->db->sql));
			return atr_sql_error(I->db, src, "cannot add row");
		}
		id = sqlite3_last_insert_rowid(I->db->sql);
		I->count->added++;
		if (update && (rc = xi_update_added(I, id, row_index)) != ATRACK_OK)
			return rc;
		for (size_t i = 0; i < I->t->column_count; i++) {
			if (!deferred[i])
				continue;
			if (I->fixup_count == I->fixup_cap) {
				size_t cap = I->fixup_cap ? I->fixup_cap * 2 : 8;
				fixup *grown = atr_realloc(I->fixups, cap * sizeof *grown);
				if (!grown)
					return atr_error(I->db, ATRACK_NOMEM, "out of memory");
				I->fixups = grown;
				I->fixup_cap = cap;
			}
			I->fixups[I->fixup_count++] = (fixup){ id, i,
				json_string_value(json_object_get(row, I->t->columns[i].field)) };
		}
	}
	if (rc == ATRACK_OK && !seen_add(&I->seen, id, row_index))
		rc = atr_error(I->db, ATRACK_NOMEM, "out of memory");
	return rc;
}

static int apply_fixups(importer *I)
{
	int rc = ATRACK_OK;
	for (size_t f = 0; rc == ATRACK_OK && f < I->fixup_count; f++) {
		const fixup *x = &I->fixups[f];
		int64_t target = 0;
		bool found = false;
		rc = resolve(I, (xt_index)(I->t - xt_tables), x->key, &target, &found);
		atr_buf b = ATR_BUF_INIT;
		atr_buf_printf(&b, "UPDATE %s SET %s = ?1 WHERE id = ?2", I->t->table,
		               I->t->columns[x->column].column);
		char *sql = atr_buf_detach(&b);
		sqlite3_stmt *stmt = NULL;
		if (rc == ATRACK_OK && !sql)
			rc = atr_error(I->db, ATRACK_NOMEM, "out of memory");
		if (rc == ATRACK_OK)
			rc = atr_prepare(I->db, sql, &stmt);
		if (rc == ATRACK_OK) {
			sqlite3_bind_int64(stmt, 1, target);
			sqlite3_bind_int64(stmt, 2, x->id);
			int src = sqlite3_step(stmt);
			if (src != SQLITE_DONE)
				rc = atr_sql_error(I->db, src, "cannot set reference");
		}
		sqlite3_finalize(stmt);
		atr_free(sql);
	}
	return rc;
}

static int prepare_table(importer *I)
{
	const xt_table *t = I->t;
	atr_buf find = ATR_BUF_INIT, insert = ATR_BUF_INIT;
	atr_buf_printf(&find, "SELECT id FROM %s WHERE ", t->table);
	for (size_t k = 0; k < t->key_count; k++)
		atr_buf_printf(&find, "%s%s = ?%zu", k ? " AND " : "", t->columns[t->key[k]].column, k + 1);
	atr_buf_printf(&insert, "INSERT INTO %s (", t->table);
	for (size_t i = 0; i < t->column_count; i++)
		atr_buf_printf(&insert, "%s%s", i ? ", " : "", t->columns[i].column);
	atr_buf_puts(&insert, ") VALUES (");
	for (size_t i = 0; i < t->column_count; i++)
		atr_buf_printf(&insert, "%s?%zu", i ? ", " : "", i + 1);
	atr_buf_putc(&insert, ')');
	char *sql[3] = { atr_buf_detach(&find), atr_buf_detach(&insert), xt_select_sql(t, true) };
	sqlite3_stmt **stmts[3] = { &I->find, &I->insert, &I->select };
	int rc = ATRACK_OK;
	for (size_t i = 0; i < 3; i++) {
		if (rc == ATRACK_OK)
			rc = sql[i] ? atr_prepare(I->db, sql[i], stmts[i])
			            : atr_error(I->db, ATRACK_NOMEM, "out of memory");
		atr_free(sql[i]);
	}
	return rc;
}

static void finish_table(importer *I)
{
	sqlite3_finalize(I->find);
	sqlite3_finalize(I->insert);
	sqlite3_finalize(I->select);
	I->find = I->insert = I->select = NULL;
	seen_clear(&I->seen);
	atr_free(I->fixups);
	I->fixups = NULL;
	I->fixup_count = I->fixup_cap = 0;
	atr_free(I->added);
	I->added = NULL;
	I->added_count = I->added_cap = 0;
}

int xi_import_table(importer *I, xt_index index, json_t *rows)
{
	I->t = &xt_tables[index];
	I->rows = rows;
	I->count = &I->result->tables[index].count;
	if (json_array_size(rows) == 0)
		return ATRACK_OK;
	int rc = prepare_table(I);
	for (size_t i = 0; rc == ATRACK_OK && i < json_array_size(rows); i++)
		rc = import_row(I, i);
	if (rc == ATRACK_OK)
		rc = apply_fixups(I);
	if (rc == ATRACK_OK && index == XT_UPDATE)
		rc = xi_update_check_history(I);
	finish_table(I);
	return rc;
}
