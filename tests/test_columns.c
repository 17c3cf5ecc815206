/*
 * test_columns.c - one description of each table: every list of a table's
 * columns kept by hand elsewhere in the project agrees with PRAGMA
 * table_info of a freshly migrated database. The lists are the entity
 * member tables (atrack_fields) and the structs behind them
 * (atrack_entity_size), the update and status structs of tracking.h, the
 * JSON exchange tables (xt_tables, with their hand-kept counts), the
 * export JSON Schema (docs/export.schema.json), the fact-sheet loader's
 * statements (fsl_sql: each prepares, each INSERT names every column), and
 * the column lists of the audit triggers. A column a list leaves out on purpose is named, with the
 * reason, in one of the allow-lists below; an allow-list entry that no
 * longer matches anything is itself a failure, so the lists stay honest.
 *
 * Each check collects every disagreement as "table.column: what" lines and
 * the test fails with all of them; each check is also run once on a list
 * broken on purpose, to show it can fail.
 */
#include "testutil.h"

#include "atrack_int.h"
#include "exchange/exchange_int.h"
#include "factsheet/loader_int.h"

#include <jansson.h>
#include <stdalign.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* ---- What a list may leave out, and why ----------------------------------- */

/* A column (or member, or table: column NULL) a list leaves out on
 * purpose. table "*" stands for every table. */
typedef struct omission {
	const char *table;
	const char *column;
	const char *why;
} omission;

typedef struct allow_list {
	const char *name;
	const omission *entries;
	size_t count;
	bool used[32];
} allow_list;

#define ALLOW_LIST(name, entries) { name, entries, ATR_ARRAY_SIZE(entries), { false } }

/* The row id is carried beside the columns by every list: the struct's
 * first member (atrack_fields starts after it), the key other JSON rows
 * name by slug or code instead, the audit log's row_id. */
#define ROW_ID { "*", "id", "the row id, carried apart from the columns" }

/* Tables that have an audit trigger per action. */
static const omission not_audited_tables[] = {
	{ "audit_log", NULL, "the audit log itself" },
	{ "initiative_status", NULL, "a copy of the latest update, kept by triggers; the updates are audited" },
	{ "search_index", NULL, "the search index, rebuilt from the audited tables" },
	{ "search_index_config", NULL, "FTS5's own shadow table" },
	{ "search_index_content", NULL, "FTS5's own shadow table" },
	{ "search_index_data", NULL, "FTS5's own shadow table" },
	{ "search_index_docsize", NULL, "FTS5's own shadow table" },
	{ "search_index_idx", NULL, "FTS5's own shadow table" },
	{ "search_mark", NULL, "the search index's high-water mark" },
	{ "search_pending", NULL, "the search index's queue, empty after each commit" },
};

/* Columns the audit images (before_json/after_json) leave out. */
static const omission not_in_audit_images[] = {
	{ "*", "id", "the audit log's row_id holds it" },
	{ "document", "body", "its sha256 stands for it (schema/atrack.sql, audit triggers)" },
	{ "document_text", "body", "as document.body (migration 0007)" },
};

/* Tables the JSON export does not carry. */
static const omission not_exported_tables[] = {
	{ "initiative_status", NULL, "rebuilt from the progress updates by the schema's triggers" },
	{ "search_index", NULL, "rebuilt from the tables" },
	{ "search_index_config", NULL, "FTS5's own shadow table" },
	{ "search_index_content", NULL, "FTS5's own shadow table" },
	{ "search_index_data", NULL, "FTS5's own shadow table" },
	{ "search_index_docsize", NULL, "FTS5's own shadow table" },
	{ "search_index_idx", NULL, "FTS5's own shadow table" },
	{ "search_mark", NULL, "the search index's high-water mark" },
	{ "search_pending", NULL, "the search index's queue" },
};

/* Columns of an exported table that its rows do not carry. */
static const omission not_exported_columns[] = {
	{ "*", "id", "ids are local to a database: rows are matched by their key" },
};

/* Columns of a noun's table that are not members of its struct. */
static const omission not_members[] = {
	ROW_ID,
	{ "progress_update", "status_id", "atrack_update carries the code instead, as `status`" },
};

/* Members that are not columns of the noun's table: read-only, computed
 * when the row is read. */
static const omission derived_members[] = {
	{ "person", "party_slug", "the party's slug" },
	{ "meeting_person", "meeting_slug", "the meeting's slug" },
	{ "meeting_person", "person_slug", "the person's slug" },
	{ "meeting_person", "person_name", "the person's name" },
	{ "meeting_person", "party_slug", "the party's slug" },
	{ "initiative", "status", "initiative_current: the latest update's status code" },
	{ "initiative", "health", "initiative_current: the latest update's health" },
	{ "initiative", "percent_complete", "initiative_current" },
	{ "initiative", "last_update_date", "initiative_current: the latest update's event date" },
	{ "initiative", "days_since_update", "computed against today" },
	{ "initiative", "is_terminal", "initiative_current: the status's flag" },
	{ "initiative", "is_overdue", "computed against today and target_date" },
	{ "initiative", "is_stale", "computed against today" },
	{ "initiative", "section_slug", "the section's slug" },
	{ "initiative", "meeting_slug", "the meeting's slug" },
	{ "progress_update", "initiative_slug", "the initiative's slug" },
	{ "progress_update", "status", "the code of status_id" },
};

/* Kinds that atrack_fields does not describe: their structs live in
 * atrack/tracking.h and are described by the member lists further down. */
static const atrack_kind kinds_without_fields[] = { ATRACK_KIND_UPDATE, ATRACK_KIND_STATUS };

static bool matches(const omission *o, const char *table, const char *column)
{
	if (strcmp(o->table, "*") != 0 && strcmp(o->table, table) != 0)
		return false;
	if (!o->column || !column)
		return !o->column && !column;
	return strcmp(o->column, column) == 0;
}

/* Whether the list lets (table, column) be left out; column NULL asks
 * about the whole table. Marks the entry as needed. */
static bool allowed(allow_list *list, const char *table, const char *column)
{
	ck_assert_uint_le(list->count, ATR_ARRAY_SIZE(list->used));
	for (size_t i = 0; i < list->count; i++) {
		if (matches(&list->entries[i], table, column)) {
			list->used[i] = true;
			return true;
		}
	}
	return false;
}

/* An entry nothing needed is stale: the omission it excuses is gone. */
static void report_unused(const allow_list *list, atr_buf *problems)
{
	for (size_t i = 0; i < list->count; i++) {
		const omission *o = &list->entries[i];
		if (!list->used[i] && strcmp(o->table, "*") != 0)
			atr_buf_printf(problems, "\n  %s.%s: in %s, but nothing leaves it out any more",
			               o->table, o->column ? o->column : "*", list->name);
	}
}

/* ---- The database's own description ---------------------------------------- */

typedef struct column_info {
	bool exists;
	char type[16];        /* INTEGER, TEXT (STRICT tables) */
	bool notnull;
	bool has_default;
	char references[64];  /* the table a foreign key on it points to, or "" */
} column_info;

static column_info column_of(sqlite3 *sql, const char *table, const char *column)
{
	column_info c = { false, "", false, false, "" };
	sqlite3_stmt *stmt = NULL;
	ck_assert_int_eq(sqlite3_prepare_v2(sql, "SELECT type, \"notnull\", dflt_value IS NOT NULL "
	                                    "FROM pragma_table_info(?1) WHERE name = ?2", -1, &stmt,
	                                    NULL), SQLITE_OK);
	sqlite3_bind_text(stmt, 1, table, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, column, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		c.exists = true;
		snprintf(c.type, sizeof c.type, "%s", (const char *)sqlite3_column_text(stmt, 0));
		c.notnull = sqlite3_column_int(stmt, 1) != 0;
		c.has_default = sqlite3_column_int(stmt, 2) != 0;
	}
	sqlite3_finalize(stmt);
	ck_assert_int_eq(sqlite3_prepare_v2(sql, "SELECT \"table\" FROM pragma_foreign_key_list(?1) "
	                                    "WHERE \"from\" = ?2", -1, &stmt, NULL), SQLITE_OK);
	sqlite3_bind_text(stmt, 1, table, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, column, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		snprintf(c.references, sizeof c.references, "%s", (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	return c;
}

/* A NULL-terminated, malloc'd array of malloc'd names: the tables of the
 * database (query with no parameter), or the columns of one table. */
static char **names_of(sqlite3 *sql, const char *query, const char *table)
{
	sqlite3_stmt *stmt = NULL;
	ck_assert_msg(sqlite3_prepare_v2(sql, query, -1, &stmt, NULL) == SQLITE_OK, "%s",
	              sqlite3_errmsg(sql));
	if (table)
		sqlite3_bind_text(stmt, 1, table, -1, SQLITE_STATIC);
	size_t n = 0;
	char **names = calloc(1, sizeof *names);
	ck_assert_ptr_nonnull(names);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		names = realloc(names, (n + 2) * sizeof *names);
		ck_assert_ptr_nonnull(names);
		names[n++] = strdup((const char *)sqlite3_column_text(stmt, 0));
		names[n] = NULL;
	}
	sqlite3_finalize(stmt);
	return names;
}

static char **tables_of(sqlite3 *sql)
{
	return names_of(sql, "SELECT name FROM sqlite_schema WHERE type = 'table' "
	                "AND name NOT LIKE 'sqlite_%' ORDER BY name", NULL);
}

static char **columns_of(sqlite3 *sql, const char *table)
{
	return names_of(sql, "SELECT name FROM pragma_table_info(?1) ORDER BY cid", table);
}

static void free_names(char **names)
{
	for (size_t i = 0; names && names[i]; i++)
		free(names[i]);
	free(names);
}

static bool in_names(const char *const *names, size_t count, const char *name)
{
	for (size_t i = 0; i < count; i++)
		if (names[i] && strcmp(names[i], name) == 0)
			return true;
	return false;
}

/* Every column of `table` is in `listed` (count names) or allowed out by
 * `omitted`; `what` names the list in the message. */
static void check_all_columns_listed(sqlite3 *sql, const char *table, const char *const *listed,
                                     size_t count, allow_list *omitted, const char *what,
                                     atr_buf *problems)
{
	char **columns = columns_of(sql, table);
	if (!columns[0])
		atr_buf_printf(problems, "\n  %s: no such table (named by %s)", table, what);
	for (size_t i = 0; columns[i]; i++)
		if (!in_names(listed, count, columns[i]) && !allowed(omitted, table, columns[i]))
			atr_buf_printf(problems, "\n  %s.%s: a column of the table, missing from %s",
			               table, columns[i], what);
	free_names(columns);
}

static char *problems_text(atr_buf *problems)
{
	char *text = atr_buf_detach(problems);
	ck_assert_ptr_nonnull(text);
	return text;
}

#define ASSERT_NO_PROBLEMS(buf, what) do { \
	char *text_ = problems_text(buf); \
	ck_assert_msg(*text_ == '\0', "%s:%s", what, text_); \
	free(text_); \
} while (0)

/* For the self-tests: the check found `phrase`. */
#define ASSERT_PROBLEM(buf, phrase) do { \
	char *text_ = problems_text(buf); \
	ck_assert_msg(strstr(text_, phrase) != NULL, "expected \"%s\" among:%s", phrase, text_); \
	free(text_); \
} while (0)

/* ---- Struct layouts ---------------------------------------------------------- */

/* One member of a struct as the C compiler placed it. */
typedef struct member {
	const char *name;
	size_t offset;
	size_t size;
	size_t align;
} member;

/* The members, in order after the leading int64_t id, must fill the struct
 * as the compiler lays it out, each at the next offset its alignment
 * allows, and end where sizeof says (after padding to the widest member).
 * A struct member that the list forgot leaves a gap, or makes the struct
 * bigger, and fails here; one hidden in a final padding hole cannot be
 * seen this way. */
static void check_layout(const char *struct_name, const member *members, size_t count,
                         size_t struct_size, atr_buf *problems)
{
	size_t end = sizeof(int64_t);
	size_t widest = alignof(int64_t);
	for (size_t i = 0; i < count; i++) {
		const member *m = &members[i];
		size_t expected = (end + m->align - 1) / m->align * m->align;
		if (m->offset != expected)
			atr_buf_printf(problems, "\n  %s.%s: at offset %zu, but the member before ends at %zu: "
			               "a struct member is missing from the list before it", struct_name,
			               m->name, m->offset, end);
		end = m->offset + m->size;
		if (m->align > widest)
			widest = m->align;
	}
	size_t expected_size = (end + widest - 1) / widest * widest;
	if (struct_size != expected_size)
		atr_buf_printf(problems, "\n  %s: %zu bytes, but its listed members end at %zu: "
		               "a struct member is missing from the end of the list", struct_name,
		               struct_size, end);
}

static void c_type_of(atrack_field_type type, size_t *size, size_t *align)
{
	switch (type) {
	case ATRACK_FIELD_REF:
	case ATRACK_FIELD_INT64:
		*size = sizeof(int64_t);
		*align = alignof(int64_t);
		return;
	case ATRACK_FIELD_INT:
	case ATRACK_FIELD_BOOL:
		*size = sizeof(int);
		*align = alignof(int);
		return;
	default:
		*size = sizeof(const char *);
		*align = alignof(const char *);
		return;
	}
}

/* ---- Members and columns ------------------------------------------------------ */

static bool is_text_field(atrack_field_type type)
{
	return type == ATRACK_FIELD_TEXT || type == ATRACK_FIELD_SLUG || type == ATRACK_FIELD_DATE ||
	       type == ATRACK_FIELD_TIME || type == ATRACK_FIELD_ENUM;
}

/* The member table of the noun stored in `table`: each member a column of
 * the same name, type and reference, or a read-only member allowed as
 * derived; and every column a member, or allowed out. */
static void check_members(sqlite3 *sql, const char *table, const atrack_field *fields, size_t count,
                          allow_list *derived, allow_list *omitted, atr_buf *problems)
{
	const char **names = calloc(count + 1, sizeof *names);
	ck_assert_ptr_nonnull(names);
	for (size_t i = 0; i < count; i++) {
		const atrack_field *f = &fields[i];
		names[i] = f->name;
		column_info c = column_of(sql, table, f->name);
		if (!c.exists) {
			if (!allowed(derived, table, f->name))
				atr_buf_printf(problems, "\n  %s.%s: a member, but not a column of the table "
				               "(nor a derived member)", table, f->name);
			else if (!(f->flags & ATRACK_FIELD_READONLY))
				atr_buf_printf(problems, "\n  %s.%s: derived, but not marked read-only", table,
				               f->name);
			continue;
		}
		const char *want = is_text_field(f->type) ? "TEXT" : "INTEGER";
		if (strcmp(c.type, want) != 0)
			atr_buf_printf(problems, "\n  %s.%s: the member holds %s, the column is %s", table,
			               f->name, want, c.type);
		if ((f->flags & ATRACK_FIELD_REQUIRED) && !c.notnull)
			atr_buf_printf(problems, "\n  %s.%s: a required member, but the column may be NULL",
			               table, f->name);
		if (f->type == ATRACK_FIELD_REF) {
			const atr_kind_info *ref = atr_kind_info_of(f->ref);
			if (!ref || strcmp(ref->table, c.references) != 0)
				atr_buf_printf(problems, "\n  %s.%s: refers to %s, the column's foreign key to '%s'",
				               table, f->name, ref ? ref->table : "no kind", c.references);
		} else if (c.references[0]) {
			atr_buf_printf(problems, "\n  %s.%s: a foreign key to %s, but not a reference member",
			               table, f->name, c.references);
		}
	}
	check_all_columns_listed(sql, table, names, count, omitted, "the member list", problems);
	free(names);
}

/* The structs atrack_fields does not describe, listed here by member name
 * and type; the compiler checks that each member exists, check_layout
 * that none of the struct's is left out, and check_members that they match
 * the table's columns. */
#define MEMBER(T, m, field_type) \
	{ #m, field_type, offsetof(T, m), 0, 0, (atrack_kind)0, NULL }
#define REF_MEMBER(T, m, kind) \
	{ #m, ATRACK_FIELD_REF, offsetof(T, m), 0, 0, kind, NULL }

static const atrack_field update_members[] = {
	REF_MEMBER(atrack_update, initiative_id, ATRACK_KIND_INITIATIVE),
	{ "initiative_slug", ATRACK_FIELD_TEXT, offsetof(atrack_update, initiative_slug), 0,
	  ATRACK_FIELD_READONLY, (atrack_kind)0, NULL },
	{ "status", ATRACK_FIELD_TEXT, offsetof(atrack_update, status), 0, ATRACK_FIELD_READONLY,
	  (atrack_kind)0, NULL },
	MEMBER(atrack_update, health, ATRACK_FIELD_TEXT),
	MEMBER(atrack_update, percent_complete, ATRACK_FIELD_INT),
	MEMBER(atrack_update, note, ATRACK_FIELD_TEXT),
	MEMBER(atrack_update, author, ATRACK_FIELD_TEXT),
	MEMBER(atrack_update, event_date, ATRACK_FIELD_DATE),
	MEMBER(atrack_update, recorded_at, ATRACK_FIELD_TIME),
	MEMBER(atrack_update, evidence_url, ATRACK_FIELD_TEXT),
	REF_MEMBER(atrack_update, evidence_document_id, ATRACK_KIND_DOCUMENT),
	MEMBER(atrack_update, is_reopen, ATRACK_FIELD_BOOL),
};

static const atrack_field status_members[] = {
	MEMBER(atrack_status, code, ATRACK_FIELD_TEXT),
	MEMBER(atrack_status, label, ATRACK_FIELD_TEXT),
	MEMBER(atrack_status, sort_order, ATRACK_FIELD_INT64),
	MEMBER(atrack_status, is_terminal, ATRACK_FIELD_BOOL),
	MEMBER(atrack_status, is_builtin, ATRACK_FIELD_BOOL),
};

static void check_struct(sqlite3 *sql, const char *table, const char *struct_name,
                         const atrack_field *fields, size_t count, size_t struct_size,
                         allow_list *derived, allow_list *omitted, atr_buf *problems)
{
	check_members(sql, table, fields, count, derived, omitted, problems);
	member layout[32];
	ck_assert_uint_le(count, ATR_ARRAY_SIZE(layout));
	for (size_t i = 0; i < count; i++) {
		layout[i].name = fields[i].name;
		layout[i].offset = fields[i].offset;
		c_type_of(fields[i].type, &layout[i].size, &layout[i].align);
	}
	check_layout(struct_name, layout, count, struct_size, problems);
}

/* Every noun's member table (atrack_fields) and struct (atrack_entity_size),
 * and the two structs of tracking.h, against the noun's table. */
START_TEST(test_structs_are_columns)
{
	atrack_db *db = tu_memory_db();
	allow_list derived = ALLOW_LIST("derived_members", derived_members);
	allow_list omitted = ALLOW_LIST("not_members", not_members);
	atr_buf problems = ATR_BUF_INIT;
	size_t described = 0;
	for (int k = ATRACK_KIND_PARTY; k <= ATRACK_KIND_STATUS; k++) {
		atrack_kind kind = (atrack_kind)k;
		const atr_kind_info *info = atr_kind_info_of(kind);
		ck_assert_ptr_nonnull(info);
		size_t count = 99;
		const atrack_field *fields = atrack_fields(kind, &count);
		bool elsewhere = false;
		for (size_t i = 0; i < ATR_ARRAY_SIZE(kinds_without_fields); i++)
			elsewhere = elsewhere || kinds_without_fields[i] == kind;
		if (!fields) {
			ck_assert_uint_eq(count, 0);
			if (!elsewhere)
				atr_buf_printf(&problems, "\n  %s: kind %s has no member table", info->table,
				               info->name);
			continue;
		}
		if (elsewhere)
			atr_buf_printf(&problems, "\n  %s: kind %s has a member table now; take it out of "
			               "kinds_without_fields", info->table, info->name);
		described++;
		check_struct(db->sql, info->table, info->name, fields, count, atrack_entity_size(kind),
		             &derived, &omitted, &problems);
	}
	ck_assert_uint_eq(described, 10);
	check_struct(db->sql, "progress_update", "atrack_update", update_members,
	             ATR_ARRAY_SIZE(update_members), sizeof(atrack_update), &derived, &omitted,
	             &problems);
	check_struct(db->sql, "status_code", "atrack_status", status_members,
	             ATR_ARRAY_SIZE(status_members), sizeof(atrack_status), &derived, &omitted,
	             &problems);
	report_unused(&derived, &problems);
	report_unused(&omitted, &problems);
	ASSERT_NO_PROBLEMS(&problems, "the member tables and structs (atrack_fields, atrack/*.h) disagree with the tables");
	atrack_close(db);
}
END_TEST

/* The checks themselves fail on a list with a member left out. */
START_TEST(test_member_checks_can_fail)
{
	atrack_db *db = tu_memory_db();
	allow_list derived = ALLOW_LIST("derived_members", derived_members);
	allow_list omitted = ALLOW_LIST("not_members", not_members);
	size_t count = 0;
	const atrack_field *fields = atrack_fields(ATRACK_KIND_PARTY, &count);
	ck_assert_uint_eq(count, 6);
	atrack_field without_short_name[6];
	size_t n = 0;
	for (size_t i = 0; i < count; i++)
		if (strcmp(fields[i].name, "short_name") != 0)
			without_short_name[n++] = fields[i];
	ck_assert_uint_eq(n, 5);

	atr_buf problems = ATR_BUF_INIT;
	check_members(db->sql, "party", without_short_name, n, &derived, &omitted, &problems);
	ASSERT_PROBLEM(&problems, "party.short_name: a column of the table, missing from the member list");

	member layout[6];
	for (size_t i = 0; i < n; i++) {
		layout[i].name = without_short_name[i].name;
		layout[i].offset = without_short_name[i].offset;
		c_type_of(without_short_name[i].type, &layout[i].size, &layout[i].align);
	}
	check_layout("party", layout, n, sizeof(atrack_party), &problems);
	ASSERT_PROBLEM(&problems, "party.kind: at offset 32, but the member before ends at 24");
	/* The last member left out: the struct is bigger than the list. */
	check_layout("party", layout, n - 1, sizeof(atrack_party), &problems);
	ASSERT_PROBLEM(&problems, "party: 56 bytes, but its listed members end at 48");

	/* A member that is no column, and a column whose type differs. */
	atrack_field wrong[2] = { fields[0], fields[1] };
	wrong[0].name = "nickname";
	wrong[1].type = ATRACK_FIELD_INT;
	check_members(db->sql, "party", wrong, 2, &derived, &omitted, &problems);
	char *text = problems_text(&problems);
	ck_assert_ptr_nonnull(strstr(text, "party.nickname: a member, but not a column"));
	ck_assert_ptr_nonnull(strstr(text, "party.name: the member holds INTEGER, the column is TEXT"));
	free(text);
	atrack_close(db);
}
END_TEST

/* ---- The exchange tables ------------------------------------------------------- */

static void check_exchange_tables(sqlite3 *sql, const xt_table *tables, allow_list *not_tables,
                                  allow_list *not_columns, atr_buf *problems)
{
	char **all = tables_of(sql);
	for (size_t i = 0; all[i]; i++) {
		bool exported = false;
		for (size_t t = 0; t < XT_COUNT; t++)
			exported = exported || strcmp(tables[t].table, all[i]) == 0;
		if (!exported && !allowed(not_tables, all[i], NULL))
			atr_buf_printf(problems, "\n  %s: a table the export does not carry (xt_tables)", all[i]);
	}
	free_names(all);

	for (size_t t = 0; t < XT_COUNT; t++) {
		const xt_table *x = &tables[t];
		const char *names[XT_MAX_COLUMNS];
		/* The hand-kept count must cover exactly the written entries. */
		for (size_t i = 0; i < XT_MAX_COLUMNS; i++) {
			names[i] = x->columns[i].column;
			if (i < x->column_count && !names[i])
				atr_buf_printf(problems, "\n  %s: column_count %zu, but only %zu columns are written",
				               x->table, x->column_count, i);
			if (i >= x->column_count && names[i])
				atr_buf_printf(problems, "\n  %s.%s: written in xt_tables, but beyond its "
				               "column_count %zu", x->table, names[i], x->column_count);
		}
		for (size_t i = 0; i < x->key_count; i++)
			if (x->key[i] >= x->column_count)
				atr_buf_printf(problems, "\n  %s: key %zu points past its columns", x->table, i);
		if (x->key_column && !column_of(sql, x->table, x->key_column).exists)
			atr_buf_printf(problems, "\n  %s.%s: the key column is not a column", x->table,
			               x->key_column);
		for (size_t i = 0; i < x->column_count && names[i]; i++) {
			const xt_column *c = &x->columns[i];
			column_info info = column_of(sql, x->table, c->column);
			if (!info.exists) {
				atr_buf_printf(problems, "\n  %s.%s: in xt_tables, but not a column", x->table,
				               c->column);
				continue;
			}
			const char *want = c->type == XT_TEXT || c->type == XT_DATE || c->type == XT_TIME
				? "TEXT" : "INTEGER";
			if (strcmp(info.type, want) != 0)
				atr_buf_printf(problems, "\n  %s.%s: %s in xt_tables, %s in the table", x->table,
				               c->column, want, info.type);
			if (c->required != info.notnull)
				atr_buf_printf(problems, "\n  %s.%s: %s in xt_tables, but the column is %s",
				               x->table, c->column, c->required ? "required" : "optional",
				               info.notnull ? "NOT NULL" : "nullable");
			if (c->type == XT_REF && strcmp(tables[c->ref].table, info.references) != 0)
				atr_buf_printf(problems, "\n  %s.%s: refers to %s in xt_tables, its foreign key "
				               "to '%s'", x->table, c->column, tables[c->ref].table,
				               info.references);
			if (c->type != XT_REF && info.references[0])
				atr_buf_printf(problems, "\n  %s.%s: a foreign key to %s, but not XT_REF",
				               x->table, c->column, info.references);
		}
		check_all_columns_listed(sql, x->table, names, x->column_count, not_columns,
		                         "xt_tables", problems);
	}
}

START_TEST(test_exchange_tables_are_columns)
{
	atrack_db *db = tu_memory_db();
	allow_list not_tables = ALLOW_LIST("not_exported_tables", not_exported_tables);
	allow_list not_columns = ALLOW_LIST("not_exported_columns", not_exported_columns);
	atr_buf problems = ATR_BUF_INIT;
	check_exchange_tables(db->sql, xt_tables, &not_tables, &not_columns, &problems);
	report_unused(&not_tables, &problems);
	report_unused(&not_columns, &problems);
	ASSERT_NO_PROBLEMS(&problems, "xt_tables (src/lib/exchange/exchange_tables.c) disagrees with the tables");
	atrack_close(db);
}
END_TEST

START_TEST(test_exchange_checks_can_fail)
{
	atrack_db *db = tu_memory_db();
	allow_list not_tables = ALLOW_LIST("not_exported_tables", not_exported_tables);
	allow_list not_columns = ALLOW_LIST("not_exported_columns", not_exported_columns);
	static xt_table copy[XT_COUNT];
	memcpy(copy, xt_tables, sizeof copy);

	/* A column taken out, the count lowered with it. */
	xt_table *party = &copy[XT_PARTY];
	ck_assert_str_eq(party->columns[2].column, "short_name");
	memmove(&party->columns[2], &party->columns[3], (party->column_count - 3) * sizeof(xt_column));
	party->column_count--;
	memset(&party->columns[party->column_count], 0, sizeof(xt_column));
	/* A column written but not counted. */
	copy[XT_EXERCISE].column_count--;
	atr_buf problems = ATR_BUF_INIT;
	check_exchange_tables(db->sql, copy, &not_tables, &not_columns, &problems);
	char *text = problems_text(&problems);
	ck_assert_ptr_nonnull(strstr(text, "party.short_name: a column of the table, missing from xt_tables"));
	ck_assert_ptr_nonnull(strstr(text, "exercise.source_line: written in xt_tables, but beyond its "
	                             "column_count 3"));
	free(text);

	/* An allow-list entry that nothing needs. */
	static const omission stale[] = { { "party", NULL, "no longer true" } };
	allow_list stale_list = ALLOW_LIST("not_exported_tables", stale);
	report_unused(&stale_list, &problems);
	ASSERT_PROBLEM(&problems, "party.*: in not_exported_tables, but nothing leaves it out any more");
	atrack_close(db);
}
END_TEST

/* ---- The export JSON Schema ---------------------------------------------------- */

/* The schema of one field as the export writes it. */
static bool json_type_is(json_t *type, const char *name, bool nullable)
{
	if (!nullable)
		return json_is_string(type) && strcmp(json_string_value(type), name) == 0;
	return json_is_array(type) && json_array_size(type) == 2 &&
	       strcmp(json_string_value(json_array_get(type, 0)), name) == 0 &&
	       strcmp(json_string_value(json_array_get(type, 1)), "null") == 0;
}

static void check_export_schema(json_t *schema, const xt_table *tables, atr_buf *problems)
{
	static const char *const header[] = { "format", "format_version", "atrack_version",
	                                      "schema_version" };
	json_t *properties = json_object_get(schema, "properties");
	json_t *defs = json_object_get(schema, "$defs");
	/* The top level: the header, then one array per exchange table in
	 * the order the export writes them. */
	size_t at = 0;
	const char *key;
	json_t *value;
	json_object_foreach(properties, key, value) {
		const char *want = at < ATR_ARRAY_SIZE(header) ? header[at]
		                   : at - ATR_ARRAY_SIZE(header) < XT_COUNT
		                   ? tables[at - ATR_ARRAY_SIZE(header)].array : NULL;
		if (!want || strcmp(key, want) != 0)
			atr_buf_printf(problems, "\n  export.schema.json: property %zu is \"%s\", the export "
			               "writes \"%s\" there", at, key, want ? want : "nothing");
		at++;
	}
	if (at != ATR_ARRAY_SIZE(header) + XT_COUNT)
		atr_buf_printf(problems, "\n  export.schema.json: %zu top-level properties, the export "
		               "writes %zu", at, ATR_ARRAY_SIZE(header) + (size_t)XT_COUNT);

	for (size_t t = 0; t < XT_COUNT; t++) {
		const xt_table *x = &tables[t];
		json_t *def = json_object_get(defs, x->array);
		json_t *fields = json_object_get(def, "properties");
		if (!json_is_object(fields)) {
			atr_buf_printf(problems, "\n  %s: export.schema.json has no $defs.%s.properties",
			               x->table, x->array);
			continue;
		}
		json_t *items = json_object_get(json_object_get(properties, x->array), "items");
		char ref[128];
		snprintf(ref, sizeof ref, "#/$defs/%s", x->array);
		if (!json_is_string(json_object_get(items, "$ref")) ||
		    strcmp(json_string_value(json_object_get(items, "$ref")), ref) != 0)
			atr_buf_printf(problems, "\n  %s: export.schema.json's %s items are not %s", x->table,
			               x->array, ref);
		if (!json_is_false(json_object_get(def, "additionalProperties")))
			atr_buf_printf(problems, "\n  %s: export.schema.json's $defs.%s allows other fields",
			               x->table, x->array);

		/* Field by field, in order. */
		size_t i = 0;
		json_object_foreach(fields, key, value) {
			const xt_column *c = i < x->column_count ? &x->columns[i] : NULL;
			if (!c || strcmp(key, c->field) != 0) {
				atr_buf_printf(problems, "\n  %s: export.schema.json's %s field %zu is \"%s\", "
				               "the export writes \"%s\" (column %s)", x->table, x->array, i, key,
				               c ? c->field : "nothing", c ? c->column : "-");
				i++;
				continue;
			}
			const char *type = c->type == XT_INT ? "integer" : c->type == XT_BOOL ? "boolean"
			                   : "string";
			if (!json_type_is(json_object_get(value, "type"), type, !c->required))
				atr_buf_printf(problems, "\n  %s.%s: export.schema.json's %s.%s should have type "
				               "%s%s", x->table, c->column, x->array, key, type,
				               c->required ? "" : " or null");
			i++;
		}
		for (; i < x->column_count; i++)
			atr_buf_printf(problems, "\n  %s.%s: exported as \"%s\", missing from "
			               "export.schema.json's %s", x->table, x->columns[i].column,
			               x->columns[i].field, x->array);

		/* "required" lists exactly the required columns, in order. */
		json_t *required = json_object_get(def, "required");
		size_t r = 0;
		for (size_t c = 0; c < x->column_count; c++) {
			if (!x->columns[c].required)
				continue;
			json_t *name = json_array_get(required, r++);
			if (!json_is_string(name) || strcmp(json_string_value(name), x->columns[c].field) != 0)
				atr_buf_printf(problems, "\n  %s.%s: required, but export.schema.json's %s.required "
				               "has \"%s\" at %zu", x->table, x->columns[c].column, x->array,
				               json_is_string(name) ? json_string_value(name) : "nothing", r - 1);
		}
		if (json_array_size(required) != r)
			atr_buf_printf(problems, "\n  %s: export.schema.json's %s.required has %zu names, "
			               "%zu columns are required", x->table, x->array,
			               json_array_size(required), r);
	}
}

static json_t *load_export_schema(void)
{
	char *text = tu_read_source("docs/export.schema.json", NULL);
	json_error_t error;
	json_t *schema = json_loads(text, JSON_PRESERVE_ORDER | JSON_REJECT_DUPLICATES, &error);
	ck_assert_msg(schema != NULL, "docs/export.schema.json:%d:%d: %s", error.line, error.column,
	              error.text);
	free(text);
	return schema;
}

START_TEST(test_export_schema_is_exchange_tables)
{
	json_t *schema = load_export_schema();
	atr_buf problems = ATR_BUF_INIT;
	check_export_schema(schema, xt_tables, &problems);
	ASSERT_NO_PROBLEMS(&problems, "docs/export.schema.json disagrees with xt_tables");
	json_decref(schema);
}
END_TEST

START_TEST(test_export_schema_checks_can_fail)
{
	json_t *schema = load_export_schema();
	json_t *meetings = json_object_get(json_object_get(schema, "$defs"), "meetings");
	ck_assert_int_eq(json_object_del(json_object_get(meetings, "properties"), "place"), 0);
	json_object_set_new(json_object_get(json_object_get(meetings, "properties"), "ordinal"),
	                    "type", json_string("integer"));
	atr_buf problems = ATR_BUF_INIT;
	check_export_schema(schema, xt_tables, &problems);
	char *text = problems_text(&problems);
	ck_assert_ptr_nonnull(strstr(text, "meeting.ordinal: export.schema.json's meetings.ordinal should "
	                             "have type integer or null"));
	ck_assert_ptr_nonnull(strstr(text, "meeting: export.schema.json's meetings field 7 is \"document\", "
	                             "the export writes \"place\""));
	free(text);
	json_decref(schema);
}
END_TEST

/* ---- The audit triggers -------------------------------------------------------- */

/* The arguments of the first call "name(...)" in `sql` at or after `*from`,
 * split at top-level commas, NULL-terminated and malloc'd; *from moves
 * past the call. NULL when there is no such call. Quoted text is skipped
 * as '...' only: enough for the normalised SQL it reads. */
static char **call_arguments(const char *name, const char **from)
{
	const char *p = strstr(*from, name);
	if (!p)
		return NULL;
	p += strlen(name);
	char **args = calloc(1, sizeof *args);
	ck_assert_ptr_nonnull(args);
	size_t n = 0;
	int depth = 0;
	const char *start = p;
	for (; *p; p++) {
		if (*p == '\'') {
			for (p++; *p && *p != '\''; p++)
				;
			continue;
		}
		if (*p == '(')
			depth++;
		else if (*p == ')' && depth > 0)
			depth--;
		else if ((*p == ',' || *p == ')') && depth == 0) {
			args = realloc(args, (n + 2) * sizeof *args);
			ck_assert_ptr_nonnull(args);
			args[n++] = strndup(start, (size_t)(p - start));
			args[n] = NULL;
			start = p + 1;
			if (*p == ')')
				break;
		}
	}
	*from = p;
	return args;
}

/* One before or after image: atrack_json_object('col', <row>.col, ...)
 * over every column of the table but those the list lets out. */
static void check_image(sqlite3 *sql, const char *table, const char *trigger, char **args,
                        const char *row, allow_list *omitted, atr_buf *problems)
{
	size_t n = 0;
	while (args[n])
		n++;
	if (n % 2 != 0) {
		atr_buf_printf(problems, "\n  %s: trigger %s has an odd argument count", table, trigger);
		return;
	}
	const char **names = calloc(n / 2 + 1, sizeof *names);
	ck_assert_ptr_nonnull(names);
	for (size_t i = 0; i < n; i += 2) {
		char *key = args[i];
		size_t len = strlen(key);
		if (len < 2 || key[0] != '\'' || key[len - 1] != '\'') {
			atr_buf_printf(problems, "\n  %s: trigger %s: key %s is not a literal", table, trigger,
			               key);
			continue;
		}
		/* The key without its quotes, in place. */
		memmove(key, key + 1, len - 2);
		key[len - 2] = '\0';
		names[i / 2] = key;
		char value[160];
		snprintf(value, sizeof value, "%s.%s", row, key);
		if (strcmp(args[i + 1], value) != 0)
			atr_buf_printf(problems, "\n  %s.%s: trigger %s writes %s for it, not %s", table, key,
			               trigger, args[i + 1], value);
		if (!column_of(sql, table, key).exists)
			atr_buf_printf(problems, "\n  %s.%s: in trigger %s, but not a column", table, key,
			               trigger);
	}
	char what[320];
	snprintf(what, sizeof what, "the %s image of trigger %s", row, trigger);
	check_all_columns_listed(sql, table, names, n / 2, omitted, what, problems);
	free(names);
}

static char *trigger_sql(sqlite3 *sql, const char *name)
{
	sqlite3_stmt *stmt = NULL;
	ck_assert_int_eq(sqlite3_prepare_v2(sql, "SELECT sql FROM sqlite_schema WHERE type = 'trigger' "
	                                    "AND name = ?1", -1, &stmt, NULL), SQLITE_OK);
	sqlite3_bind_text(stmt, 1, name, -1, SQLITE_STATIC);
	char *text = NULL;
	if (sqlite3_step(stmt) == SQLITE_ROW)
		text = tu_sql_normalise((const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	return text;
}

static void check_audit_triggers(sqlite3 *sql, allow_list *not_tables, allow_list *omitted,
                                 atr_buf *problems)
{
	static const struct {
		const char *suffix, *event, *action;
		const char *images[2];
	} actions[] = {
		{ "ai", "AFTER INSERT", "'insert'", { "new", NULL } },
		{ "au", "AFTER UPDATE", "'update'", { "old", "new" } },
		{ "ad", "AFTER DELETE", "'delete'", { "old", NULL } },
	};
	char **tables = tables_of(sql);
	for (size_t t = 0; tables[t]; t++) {
		const char *table = tables[t];
		if (allowed(not_tables, table, NULL))
			continue;
		for (size_t a = 0; a < ATR_ARRAY_SIZE(actions); a++) {
			char name[128], head[256], values[256];
			snprintf(name, sizeof name, "%s_%s", table, actions[a].suffix);
			char *text = trigger_sql(sql, name);
			if (!text) {
				atr_buf_printf(problems, "\n  %s: no audit trigger %s", table, name);
				continue;
			}
			snprintf(head, sizeof head, "CREATE TRIGGER %s %s ON %s BEGIN INSERT INTO audit_log",
			         name, actions[a].event, table);
			snprintf(values, sizeof values, "'%s',%s.id,%s", table,
			         actions[a].images[1] ? actions[a].images[1] : actions[a].images[0],
			         actions[a].action);
			if (strncmp(text, head, strlen(head)) != 0 || !strstr(text, values))
				atr_buf_printf(problems, "\n  %s: trigger %s is not \"%s ... %s\"", table, name,
				               head, values);
			const char *from = text;
			for (size_t i = 0; i < 2 && actions[a].images[i]; i++) {
				char **args = call_arguments("atrack_json_object(", &from);
				if (!args) {
					atr_buf_printf(problems, "\n  %s: trigger %s lacks its %s image", table, name,
					               actions[a].images[i]);
					break;
				}
				check_image(sql, table, name, args, actions[a].images[i], omitted, problems);
				free_names(args);
			}
			char **extra = call_arguments("atrack_json_object(", &from);
			if (extra)
				atr_buf_printf(problems, "\n  %s: trigger %s has more images than %s needs", table,
				               name, actions[a].action);
			free_names(extra);
			free(text);
		}
	}
	free_names(tables);
}

START_TEST(test_audit_triggers_list_every_column)
{
	atrack_db *db = tu_memory_db();
	allow_list not_tables = ALLOW_LIST("not_audited_tables", not_audited_tables);
	allow_list omitted = ALLOW_LIST("not_in_audit_images", not_in_audit_images);
	atr_buf problems = ATR_BUF_INIT;
	check_audit_triggers(db->sql, &not_tables, &omitted, &problems);
	report_unused(&not_tables, &problems);
	report_unused(&omitted, &problems);
	ASSERT_NO_PROBLEMS(&problems, "the audit triggers (schema/atrack.sql) disagree with the tables");
	atrack_close(db);
}
END_TEST

START_TEST(test_audit_checks_can_fail)
{
	/* The schema with one trigger's images short of a column, and one
	 * writing the wrong row's value. */
	sqlite3 *raw = NULL;
	ck_assert_int_eq(sqlite3_open(":memory:", &raw), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(raw, atr_schema_sql, NULL, NULL, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(raw,
		"DROP TRIGGER party_au;"
		"CREATE TRIGGER party_au AFTER UPDATE ON party BEGIN\n"
		"  INSERT INTO audit_log (at, author, table_name, row_id, action, before_json, after_json)\n"
		"  VALUES ('now', 'x', 'party', new.id, 'update',\n"
		"    atrack_json_object('slug', old.slug, 'name', old.name, 'kind', old.kind,\n"
		"      'document_id', old.document_id, 'source_line', old.source_line),\n"
		"    atrack_json_object('slug', new.slug, 'name', new.name, 'short_name', new.short_name,\n"
		"      'kind', new.kind, 'document_id', old.document_id, 'source_line', new.source_line));\n"
		"END;"
		"DROP TRIGGER exercise_ad;", NULL, NULL, NULL), SQLITE_OK);
	allow_list not_tables = ALLOW_LIST("not_audited_tables", not_audited_tables);
	allow_list omitted = ALLOW_LIST("not_in_audit_images", not_in_audit_images);
	atr_buf problems = ATR_BUF_INIT;
	check_audit_triggers(raw, &not_tables, &omitted, &problems);
	char *text = problems_text(&problems);
	ck_assert_ptr_nonnull(strstr(text, "party.short_name: a column of the table, missing from the old "
	                             "image of trigger party_au"));
	ck_assert_ptr_nonnull(strstr(text, "party.document_id: trigger party_au writes old.document_id "
	                             "for it, not new.document_id"));
	ck_assert_ptr_nonnull(strstr(text, "exercise: no audit trigger exercise_ad"));
	free(text);
	sqlite3_close(raw);
}
END_TEST

/* ---- INSERT column lists ------------------------------------------------------- */

/*
 * The fact-sheet loader's statements (fsl_sql, loader_sql.c: the table the
 * loader itself runs them from). Each must prepare against a fresh
 * database; each INSERT must insert into its entry's table and name every
 * column of it but those `not_set` lets out.
 */
typedef struct insert_sql {
	const char *table;
	const char *sql;
} insert_sql;

static void check_insert_columns(sqlite3 *sql, const insert_sql *inserts, size_t count,
                                 allow_list *not_set, atr_buf *problems)
{
	for (size_t i = 0; i < count; i++) {
		const char *table = inserts[i].table;
		sqlite3_stmt *stmt = NULL;
		if (sqlite3_prepare_v2(sql, inserts[i].sql, -1, &stmt, NULL) != SQLITE_OK) {
			atr_buf_printf(problems, "\n  %s: the INSERT does not prepare: %s", table,
			               sqlite3_errmsg(sql));
			continue;
		}
		sqlite3_finalize(stmt);
		char *text = tu_sql_normalise(inserts[i].sql);
		char head[128], head_or[160];
		snprintf(head, sizeof head, "INSERT INTO %s(", table);
		snprintf(head_or, sizeof head_or, "INSERT OR IGNORE INTO %s(", table);
		const char *from = text;
		char **columns = NULL;
		if (strncmp(text, head, strlen(head)) == 0 || strncmp(text, head_or, strlen(head_or)) == 0)
			columns = call_arguments("(", &from);
		if (!columns) {
			atr_buf_printf(problems, "\n  %s: not \"INSERT INTO %s (columns...)\": %s", table, table,
			               text);
			free(text);
			continue;
		}
		size_t n = 0;
		while (columns[n])
			n++;
		check_all_columns_listed(sql, table, (const char *const *)columns, n, not_set,
		                         "its INSERT", problems);
		free_names(columns);
		free(text);
	}
}

/* What the loader leaves to the schema's defaults (or to NULL). */
static const omission loader_not_set[] = {
	ROW_ID,
	{ "party", "kind", "a fact sheet does not say; the default 'country' stands" },
	{ "document", "revision", "1 for a new document; a revised text counts it up" },
	{ "document", "document_id", "a fact sheet is cited by none; a cited document's is set" },
	{ "document", "source_line", "as document_id" },
	{ "document", "source", "a cited document has no file; a fact sheet's is set" },
	{ "document", "sha256", "as source" },
	{ "document", "byte_size", "as source" },
	{ "document", "body", "as source" },
	{ "document", "imported_at", "as source" },
	{ "framework", "description", "a fact sheet gives none; analysts write it" },
	{ "initiative", "target_date", "a fact sheet gives none; analysts set it" },
	{ "initiative", "review_date", "as target_date" },
	{ "progress_update", "health", "an announcement has none" },
	{ "progress_update", "percent_complete", "as health" },
	{ "progress_update", "evidence_url", "as health" },
	{ "progress_update", "evidence_document_id", "as health" },
	{ "progress_update", "is_reopen", "an announcement reopens nothing" },
};

/* The loader's table, as insert_sql rows: its INSERTs, and the rest only
 * to be prepared. */
static void loader_statements(insert_sql *inserts, size_t *ninserts, insert_sql *others,
                              size_t *nothers)
{
	*ninserts = *nothers = 0;
	for (size_t i = 0; i < FSL_SQL_COUNT; i++) {
		ck_assert_msg(fsl_sql[i].table && fsl_sql[i].sql, "fsl_sql[%zu] is not set", i);
		insert_sql row = { fsl_sql[i].table, fsl_sql[i].sql };
		if (strncmp(row.sql, "INSERT", 6) == 0)
			inserts[(*ninserts)++] = row;
		else
			others[(*nothers)++] = row;
	}
}

START_TEST(test_insert_columns)
{
	insert_sql inserts[FSL_SQL_COUNT], others[FSL_SQL_COUNT];
	size_t ninserts, nothers;
	loader_statements(inserts, &ninserts, others, &nothers);
	ck_assert_uint_gt(ninserts, 15);
	atrack_db *db = tu_memory_db();
	allow_list not_set = ALLOW_LIST("loader_not_set", loader_not_set);
	atr_buf problems = ATR_BUF_INIT;
	check_insert_columns(db->sql, inserts, ninserts, &not_set, &problems);
	report_unused(&not_set, &problems);
	for (size_t i = 0; i < nothers; i++) {
		sqlite3_stmt *stmt = NULL;
		if (sqlite3_prepare_v2(db->sql, others[i].sql, -1, &stmt, NULL) != SQLITE_OK)
			atr_buf_printf(&problems, "\n  %s: the statement does not prepare: %s: %s",
			               others[i].table, sqlite3_errmsg(db->sql), others[i].sql);
		sqlite3_finalize(stmt);
	}
	ASSERT_NO_PROBLEMS(&problems, "the loader's statements (fsl_sql, loader_sql.c) disagree with the tables");

	/* And it fails on one that forgets a column, or names a wrong one. */
	static const insert_sql wrong[] = {
		{ "party", "INSERT OR IGNORE INTO party (slug, name, document_id, source_line) "
		  "VALUES (?1, ?2, ?3, ?4)" },
		{ "exercise", "INSERT INTO exercise (slug, name, document) VALUES (?, ?, ?)" },
	};
	check_insert_columns(db->sql, wrong, ATR_ARRAY_SIZE(wrong), &not_set, &problems);
	char *text = problems_text(&problems);
	ck_assert_ptr_nonnull(strstr(text, "party.short_name: a column of the table, missing from its INSERT"));
	ck_assert_ptr_nonnull(strstr(text, "exercise: the INSERT does not prepare: table exercise has no "
	                             "column named document"));
	free(text);
	atrack_close(db);
}
END_TEST

static Suite *columns_suite(void)
{
	Suite *s = suite_create("columns");
	TCase *tc = tcase_create("lists");
	tcase_add_test(tc, test_structs_are_columns);
	tcase_add_test(tc, test_member_checks_can_fail);
	tcase_add_test(tc, test_exchange_tables_are_columns);
	tcase_add_test(tc, test_exchange_checks_can_fail);
	tcase_add_test(tc, test_export_schema_is_exchange_tables);
	tcase_add_test(tc, test_export_schema_checks_can_fail);
	tcase_add_test(tc, test_audit_triggers_list_every_column);
	tcase_add_test(tc, test_audit_checks_can_fail);
	tcase_add_test(tc, test_insert_columns);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tu_run_suite(columns_suite());
}
