/*
 * entity.c - the one engine behind the create, read, update, delete and list
 * functions of every noun, and the links between things. Each verb works
 * on a noun's description (nouns.c), stages a caller's values through
 * stage.c and reads rows through row.c. The typed functions of
 * atrack/entity.h are thin wrappers generated near the end of the file.
 * It calls stage.c, row.c, nouns.c, kind.c and the core.
 */
#include "entity_int.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

static const char *const health_values[] = { "on_track", "at_risk", "off_track", NULL };

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
			if (out_id)
				*out_id = sqlite3_last_insert_rowid(db->sql);
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
	int src = sqlite3_step(stmt);
	char kb[32];
	if (src == SQLITE_ROW) {
		union { max_align_t align; unsigned char bytes[ATR_MAX_ROW]; } row;
		atr_entity_load_fields(n, stmt, row.bytes);
		*out = atr_entity_copy_row(n, row.bytes);
		if (!*out)
			rc = atr_error(db, ATRACK_NOMEM, "out of memory");
	} else if (src == SQLITE_DONE) {
		rc = atr_error(db, ATRACK_NOTFOUND, "no %s %lld", atr_noun_kind_label(n->kind, kb),
		               (long long)id);
	} else {
		rc = atr_sql_error(db, src, "cannot read");
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

/* How a referring table reads in a message: "initiatives", "people",
 * or, for a link table, links named by the other side ("initiative links"
 * when a framework is deleted). */
static void describe_referrer(atr_buf *b, atrack_kind deleting, long long count,
                              const char *table, const char *column)
{
	const atr_noun *n = atr_noun_of_table(table);
	char kb[32];
	if (n) {
		const char *name = atr_noun_kind_label(n->kind, kb);
		size_t len = strlen(name);
		atr_buf_printf(b, "%lld ", count);
		if (count == 1)
			atr_buf_puts(b, name);
		else if (strcmp(name, "person") == 0)
			atr_buf_puts(b, "people");
		else if (name[len - 1] == 'y')
			atr_buf_printf(b, "%.*sies", (int)(len - 1), name);
		else
			atr_buf_printf(b, "%ss", name);
		atr_buf_printf(b, " (%s.%s)", table, column);
		return;
	}
	size_t link_count;
	const atr_link *links = atr_noun_links(&link_count);
	for (size_t i = 0; i < link_count; i++) {
		const atr_link *l = &links[i];
		if (strcmp(l->table, table) == 0 &&
		    (strcmp(l->col_a, column) == 0 || strcmp(l->col_b, column) == 0)) {
			atrack_kind other = l->a == deleting ? l->b : l->a;
			atr_buf_printf(b, "%lld %s link%s (%s)", count, atr_noun_kind_label(other, kb),
			               count == 1 ? "" : "s", table);
			return;
		}
	}
	/* A link's provenance, or a table of another part of the library. */
	if (strcmp(table, "progress_update") == 0)
		atr_buf_printf(b, "%lld progress update%s (%s.%s)", count, count == 1 ? "" : "s",
		               table, column);
	else
		atr_buf_printf(b, "%lld %s row%s (%s.%s)", count, table, count == 1 ? "" : "s",
		               table, column);
}

/* The foreign keys that point at a table, from the schema itself. */
static const char referrers_sql[] =
	"SELECT m.name, p.\"from\" FROM sqlite_schema AS m "
	"JOIN pragma_foreign_key_list(m.name) AS p "
	"WHERE m.type = 'table' AND p.\"table\" = ?1 ORDER BY m.name, p.\"from\"";

/* Count what refers to row `id` of n's table; describe it in `b` and set
 * *total. Table and column names come from the schema; the id is bound. */
static int count_referrers(atrack_db *db, const atr_noun *n, int64_t id, atr_buf *b,
                           long long *total)
{
	*total = 0;
	sqlite3_stmt *fk;
	int rc = atr_stmt(db, referrers_sql, &fk);
	if (rc != ATRACK_OK)
		return rc;
	sqlite3_bind_text(fk, 1, n->table, -1, SQLITE_STATIC);
	size_t parts = 0;
	atr_buf list = ATR_BUF_INIT;
	int src = SQLITE_DONE;
	while (rc == ATRACK_OK && (src = sqlite3_step(fk)) == SQLITE_ROW) {
		const char *table = atr_column_text(fk, 0);
		const char *column = atr_column_text(fk, 1);
		if (!table || !column || strchr(table, '"') || strchr(column, '"'))
			continue;
		atr_buf q = ATR_BUF_INIT;
		atr_buf_printf(&q, "SELECT count(*) FROM \"%s\" WHERE \"%s\" = ?1%s", table, column,
		               strcmp(table, n->table) == 0 ? " AND id <> ?1" : "");
		if (atr_buf_failed(&q)) {
			rc = atr_error(db, ATRACK_NOMEM, "out of memory");
			break;
		}
		sqlite3_stmt *count_stmt = NULL;
		rc = atr_prepare(db, q.data, &count_stmt);
		atr_buf_clear(&q);
		if (rc != ATRACK_OK)
			break;
		sqlite3_bind_int64(count_stmt, 1, id);
		long long count = 0;
		int csrc = sqlite3_step(count_stmt);
		if (csrc == SQLITE_ROW)
			count = sqlite3_column_int64(count_stmt, 0);
		else
			rc = atr_sql_error(db, csrc, "cannot count references");
		sqlite3_finalize(count_stmt);
		if (count > 0) {
			if (parts++)
				atr_buf_puts(&list, "\x1f"); /* separator, placed below */
			describe_referrer(&list, n->kind, count, table, column);
			*total += count;
		}
	}
	if (rc == ATRACK_OK && src != SQLITE_DONE)
		rc = atr_sql_error(db, src, "cannot read the schema");
	atr_stmt_done(fk);
	/* "a", "a and b", "a, b and c" */
	if (rc == ATRACK_OK && list.data) {
		size_t seen = 0;
		for (char *p = list.data, *sep; p; p = sep ? sep + 1 : NULL) {
			sep = strchr(p, '\x1f');
			if (seen)
				atr_buf_puts(b, seen + 1 == parts ? " and " : ", ");
			atr_buf_append(b, p, sep ? (size_t)(sep - p) : strlen(p));
			seen++;
		}
	}
	if (rc == ATRACK_OK && (atr_buf_failed(&list) || atr_buf_failed(b)))
		rc = atr_error(db, ATRACK_NOMEM, "out of memory");
	atr_buf_clear(&list);
	return rc;
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
		rc = count_referrers(db, n, id, &b, &total);
		if (rc == ATRACK_OK && total > 0)
			rc = atr_error(db, ATRACK_CONFLICT, "%s %s is referred to by %s; delete with "
			               "cascade to remove or clear them", atr_noun_kind_label(n->kind, kb),
			               label, b.data);
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

static int load_entity_row(atrack_iter *it)
{
	atr_entity_load_fields(it->state, it->stmt, it->row);
	return ATRACK_OK;
}

/* Open an iterator over the prepared list statement of `n`. */
static int open_list(atrack_db *db, const atr_noun *n, sqlite3_stmt *stmt, atrack_iter **out)
{
	int rc = atr_iter_new(db, n->kind, stmt, n->size, load_entity_row, out);
	if (rc == ATRACK_OK)
		(*out)->state = (void *)n; /* static: no free_state */
	return rc;
}

static void bind_paging(sqlite3_stmt *stmt, const char *text, int64_t limit, int64_t offset)
{
	atr_entity_bind_text(stmt, ":text", text && *text ? text : NULL);
	atr_entity_bind_int(stmt, ":limit", true, limit > 0 ? limit : -1);
	atr_entity_bind_int(stmt, ":offset", true, offset > 0 ? offset : 0);
}

static int initiative_list(atrack_db *db, const atrack_initiative_filter *filter,
                           atrack_iter **out);

static int entity_list(atrack_db *db, const atr_noun *n, const atrack_list_opts *opts,
                       atrack_iter **out)
{
	atrack_list_opts none = ATRACK_LIST_OPTS_INIT;
	if (!opts)
		opts = &none;
	if (opts->version != ATRACK_LIST_OPTS_VERSION)
		return atr_error(db, ATRACK_MISUSE, "unknown atrack_list_opts version %u", opts->version);
	char kb[32], kb2[32];
	if (n->kind == ATRACK_KIND_INITIATIVE) {
		atrack_initiative_filter f = ATRACK_INITIATIVE_FILTER_INIT;
		f.text = opts->text;
		f.limit = opts->limit;
		f.offset = opts->offset;
		switch ((int)opts->of_kind) {
		case 0: break;
		case ATRACK_KIND_SECTION: f.section_id = opts->of_id; break;
		case ATRACK_KIND_MEETING: f.meeting_id = opts->of_id; break;
		case ATRACK_KIND_FRAMEWORK: f.framework_id = opts->of_id; break;
		case ATRACK_KIND_PARTY: f.party_id = opts->of_id; break;
		default:
			return atr_error(db, ATRACK_INVALID, "initiative: cannot be listed by %s",
			                 atr_noun_kind_label(opts->of_kind, kb));
		}
		return initiative_list(db, &f, out);
	}
	bool matched = opts->of_kind == 0;
	for (size_t i = 0; i < n->field_count; i++)
		if (n->fields[i].type == ATRACK_FIELD_REF && n->fields[i].ref == opts->of_kind)
			matched = true;
	if (!matched)
		return atr_error(db, ATRACK_INVALID, "%s: cannot be listed by %s",
		                 atr_noun_kind_label(n->kind, kb), atr_noun_kind_label(opts->of_kind, kb2));
	sqlite3_stmt *stmt;
	int rc = atr_prepare(db, n->sql_list, &stmt);
	if (rc != ATRACK_OK)
		return rc;
	for (size_t i = 0; i < n->field_count; i++) {
		const atrack_field *f = &n->fields[i];
		if (f->type != ATRACK_FIELD_REF)
			continue;
		char name[64];
		snprintf(name, sizeof name, ":%s", f->name);
		atr_entity_bind_int(stmt, name, opts->of_kind != 0 && f->ref == opts->of_kind,
		                    opts->of_id);
	}
	bind_paging(stmt, opts->text, opts->limit, opts->offset);
	atr_entity_bind_today(stmt, NULL, 0);
	return open_list(db, n, stmt, out);
}

static int status_exists(atrack_db *db, const char *code, bool *exists)
{
	static const char sql[] = "SELECT 1 FROM status_code WHERE code = ?1";
	sqlite3_stmt *stmt;
	int rc = atr_stmt(db, sql, &stmt);
	if (rc != ATRACK_OK)
		return rc;
	sqlite3_bind_text(stmt, 1, code, -1, SQLITE_STATIC);
	int src = sqlite3_step(stmt);
	*exists = src == SQLITE_ROW;
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		rc = atr_sql_error(db, src, "cannot read status codes");
	atr_stmt_done(stmt);
	return rc;
}

static int initiative_list(atrack_db *db, const atrack_initiative_filter *filter,
                           atrack_iter **out)
{
	atrack_initiative_filter none = ATRACK_INITIATIVE_FILTER_INIT;
	const atrack_initiative_filter *f = filter ? filter : &none;
	if (f->version != ATRACK_INITIATIVE_FILTER_VERSION)
		return atr_error(db, ATRACK_MISUSE, "unknown atrack_initiative_filter version %u",
		                 f->version);
	const char *sql = atr_noun_initiative_list_sql(f->order);
	if (!sql)
		return atr_error(db, ATRACK_INVALID, "order: %d is not a known order", (int)f->order);
	if (f->today && !atr_date_valid(f->today))
		return atr_error(db, ATRACK_INVALID, "today: '%s' is not a valid date (YYYY-MM-DD)",
		                 f->today);
	if (f->stale_days < 0)
		return atr_error(db, ATRACK_INVALID, "stale_days: %d is negative", f->stale_days);
	if (f->health) {
		const char *const *c = health_values;
		while (*c && strcmp(*c, f->health) != 0)
			c++;
		if (!*c)
			return atr_error(db, ATRACK_INVALID, "health: '%s' is not one of on_track, "
			                 "at_risk, off_track", f->health);
	}
	if (f->status) {
		bool exists = false;
		int rc = status_exists(db, f->status, &exists);
		if (rc != ATRACK_OK)
			return rc;
		if (!exists)
			return atr_error(db, ATRACK_INVALID, "status: no status '%s'", f->status);
	}
	sqlite3_stmt *stmt;
	int rc = atr_prepare(db, sql, &stmt);
	if (rc != ATRACK_OK)
		return rc;
	atr_entity_bind_int(stmt, ":section", f->section_id != 0, f->section_id);
	atr_entity_bind_int(stmt, ":meeting", f->meeting_id != 0, f->meeting_id);
	atr_entity_bind_int(stmt, ":framework", f->framework_id != 0, f->framework_id);
	atr_entity_bind_int(stmt, ":party", f->party_id != 0, f->party_id);
	atr_entity_bind_text(stmt, ":status", f->status);
	atr_entity_bind_text(stmt, ":health", f->health);
	atr_entity_bind_int(stmt, ":stale_only", f->stale_only != 0, 1);
	atr_entity_bind_int(stmt, ":overdue_only", f->overdue_only != 0, 1);
	bind_paging(stmt, f->text, f->limit, f->offset);
	atr_entity_bind_today(stmt, f->today, f->stale_days);
	return open_list(db, atr_noun_of(ATRACK_KIND_INITIATIVE), stmt, out);
}

/* ---- Public entry points -------------------------------------------------- */

int atrack_entity_add(atrack_db *db, atrack_kind kind, const void *in, int64_t *out_id)
{
	const atr_noun *n;
	int rc = atr_noun_enter(db, kind, &n);
	if (rc != ATRACK_OK)
		return rc;
	if (!in)
		return atr_error(db, ATRACK_MISUSE, "no input (NULL)");
	return entity_add(db, n, in, out_id);
}

int atrack_entity_get(atrack_db *db, atrack_kind kind, int64_t id, void **out)
{
	const atr_noun *n;
	if (out)
		*out = NULL;
	int rc = atr_noun_enter(db, kind, &n);
	if (rc != ATRACK_OK)
		return rc;
	if (!out)
		return atr_error(db, ATRACK_MISUSE, "no output (NULL)");
	return entity_get(db, n, id, out);
}

void atrack_entity_free(void *entity)
{
	atr_free(entity);
}

int atrack_entity_edit(atrack_db *db, atrack_kind kind, int64_t id, const void *in,
                       unsigned int fields)
{
	const atr_noun *n;
	int rc = atr_noun_enter(db, kind, &n);
	if (rc != ATRACK_OK)
		return rc;
	if (!in)
		return atr_error(db, ATRACK_MISUSE, "no input (NULL)");
	return entity_edit(db, n, id, in, fields);
}

int atrack_entity_delete(atrack_db *db, atrack_kind kind, int64_t id, unsigned int flags)
{
	const atr_noun *n;
	int rc = atr_noun_enter(db, kind, &n);
	if (rc != ATRACK_OK)
		return rc;
	return entity_delete(db, n, id, flags);
}

int atrack_entity_list(atrack_db *db, atrack_kind kind, const atrack_list_opts *opts,
                       atrack_iter **out)
{
	const atr_noun *n;
	if (out)
		*out = NULL;
	int rc = atr_noun_enter(db, kind, &n);
	if (rc != ATRACK_OK)
		return rc;
	if (!out)
		return atr_error(db, ATRACK_MISUSE, "no output (NULL)");
	return entity_list(db, n, opts, out);
}

const void *atrack_iter_entity(const atrack_iter *it)
{
	return it && it->load_row == load_entity_row ? it->row : NULL;
}

int atrack_initiative_list(atrack_db *db, const atrack_initiative_filter *filter,
                           atrack_iter **out)
{
	const atr_noun *n;
	if (out)
		*out = NULL;
	int rc = atr_noun_enter(db, ATRACK_KIND_INITIATIVE, &n);
	if (rc != ATRACK_OK)
		return rc;
	if (!out)
		return atr_error(db, ATRACK_MISUSE, "no output (NULL)");
	return initiative_list(db, filter, out);
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

/* ---- Links ---------------------------------------------------------------- */

/* The link between two kinds, with the ids put in its column order, after
 * checking both things exist. Labels them for messages. */
static int link_find(atrack_db *db, atrack_kind k1, int64_t *id1, atrack_kind k2, int64_t *id2,
                     const atr_link **out, char label1[160], char label2[160])
{
	char kb1[32], kb2[32];
	*out = NULL;
	size_t link_count;
	const atr_link *links = atr_noun_links(&link_count);
	for (size_t i = 0; i < link_count && !*out; i++) {
		if (links[i].a == k1 && links[i].b == k2) {
			*out = &links[i];
		} else if (links[i].a == k2 && links[i].b == k1) {
			int64_t t = *id1;
			*id1 = *id2;
			*id2 = t;
			*out = &links[i];
		}
	}
	if (!*out)
		return atr_error(db, ATRACK_INVALID, "cannot link %s to %s",
		                 atrack_kind_name(k1) ? atr_noun_kind_label(k1, kb1) : "?",
		                 atrack_kind_name(k2) ? atr_noun_kind_label(k2, kb2) : "?");
	int rc = atr_entity_row_label(db, atr_noun_of((*out)->a), *id1, label1, 160);
	if (rc == ATRACK_OK)
		rc = atr_entity_row_label(db, atr_noun_of((*out)->b), *id2, label2, 160);
	return rc;
}

static int link_change(atrack_db *db, atrack_kind k1, int64_t id1, atrack_kind k2, int64_t id2,
                       bool add)
{
	if (!db || !db->sql)
		return ATRACK_MISUSE;
	atr_clear_error(db);
	const atr_link *l;
	char label1[160], label2[160], kb1[32], kb2[32];
	int rc = atr_write_begin(db);
	if (rc != ATRACK_OK)
		return rc;
	rc = link_find(db, k1, &id1, k2, &id2, &l, label1, label2);
	sqlite3_stmt *stmt = NULL;
	if (rc == ATRACK_OK)
		rc = atr_stmt(db, add ? l->sql_insert : l->sql_delete, &stmt);
	if (rc == ATRACK_OK) {
		sqlite3_bind_int64(stmt, 1, id1);
		sqlite3_bind_int64(stmt, 2, id2);
		int src = sqlite3_step(stmt);
		if (src == SQLITE_CONSTRAINT_UNIQUE)
			rc = atr_error(db, ATRACK_CONFLICT, "%s %s is already linked to %s %s",
			               atr_noun_kind_label(l->a, kb1), label1, atr_noun_kind_label(l->b, kb2), label2);
		else if (src != SQLITE_DONE)
			rc = atr_sql_error(db, src, add ? "cannot link" : "cannot unlink");
		else if (!add && sqlite3_changes(db->sql) == 0)
			rc = atr_error(db, ATRACK_NOTFOUND, "%s %s is not linked to %s %s",
			               atr_noun_kind_label(l->a, kb1), label1, atr_noun_kind_label(l->b, kb2), label2);
		atr_stmt_done(stmt);
	}
	return atr_write_end(db, rc);
}

int atrack_link(atrack_db *db, atrack_kind from_kind, int64_t from_id,
                atrack_kind to_kind, int64_t to_id)
{
	return link_change(db, from_kind, from_id, to_kind, to_id, true);
}

int atrack_unlink(atrack_db *db, atrack_kind from_kind, int64_t from_id,
                  atrack_kind to_kind, int64_t to_id)
{
	return link_change(db, from_kind, from_id, to_kind, to_id, false);
}

static int load_link_row(atrack_iter *it)
{
	atrack_link_row *row = it->row;
	row->kind = (atrack_kind)sqlite3_column_int(it->stmt, 0);
	row->id = sqlite3_column_int64(it->stmt, 1);
	row->slug = atr_column_text(it->stmt, 2);
	row->name = atr_column_text(it->stmt, 3);
	return ATRACK_OK;
}

/* One arm of the link listing: the other side of `l`, seen from column
 * `mine`. Table and column names are the library's constants. */
static void link_arm(atr_buf *q, const atr_link *l, bool from_a)
{
	const atr_noun *other = atr_noun_of(from_a ? l->b : l->a);
	if (q->len)
		atr_buf_puts(q, " UNION ALL ");
	atr_buf_printf(q, "SELECT %d, o.id, o.slug, o.%s FROM %s AS l JOIN %s AS o "
	               "ON o.id = l.%s WHERE l.%s = ?1", (int)other->kind, other->name_column,
	               l->table, other->table, from_a ? l->col_b : l->col_a,
	               from_a ? l->col_a : l->col_b);
}

int atrack_link_list(atrack_db *db, atrack_kind kind, int64_t id, atrack_iter **out)
{
	const atr_noun *n;
	if (out)
		*out = NULL;
	int rc = atr_noun_enter(db, kind, &n);
	if (rc != ATRACK_OK)
		return rc;
	if (!out)
		return atr_error(db, ATRACK_MISUSE, "no output (NULL)");
	char label[160];
	rc = atr_entity_row_label(db, n, id, label, sizeof label);
	if (rc != ATRACK_OK)
		return rc;
	atr_buf q = ATR_BUF_INIT;
	size_t link_count;
	const atr_link *links = atr_noun_links(&link_count);
	for (size_t i = 0; i < link_count; i++) {
		if (links[i].a == kind)
			link_arm(&q, &links[i], true);
		if (links[i].b == kind)
			link_arm(&q, &links[i], false);
	}
	if (!q.len)
		atr_buf_puts(&q, "SELECT 0, 0, NULL, NULL WHERE ?1 IS NULL");
	atr_buf_puts(&q, " ORDER BY 1, 4, 2");
	if (atr_buf_failed(&q))
		return atr_error(db, ATRACK_NOMEM, "out of memory");
	sqlite3_stmt *stmt;
	rc = atr_prepare(db, q.data, &stmt);
	atr_buf_clear(&q);
	if (rc != ATRACK_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	return atr_iter_new(db, (atrack_kind)0, stmt, sizeof(atrack_link_row), load_link_row, out);
}

const atrack_link_row *atrack_iter_link(const atrack_iter *it)
{
	return it && it->load_row == load_link_row ? it->row : NULL;
}