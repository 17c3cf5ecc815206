/*
 * test_db.c - opening databases: creation, re-opening, refusing files that
 * are not atrack databases or come from a newer atrack (and leaving them
 * untouched), read-only handles, transactions, versions, and the schema
 * file agreeing with the migrations.
 */
#include "testutil.h"

#include <jansson.h>

#include "atrack_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static char *dir;
static char *db_path;

static void setup(void)
{
	dir = tu_tmpdir();
	db_path = tu_path(dir, "test.db");
}

static void teardown(void)
{
	tu_rmrf(dir);
	free(db_path);
	free(dir);
}

/* Create a plain SQLite file with raw SQL, outside atrack. */
static void raw_sqlite(const char *path, const char *sql)
{
	sqlite3 *raw = NULL;
	ck_assert_int_eq(sqlite3_open(path, &raw), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(raw, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(raw);
}

START_TEST(test_versions_agree)
{
	ck_assert_str_eq(atrack_libversion(), ATRACK_VERSION);
	ck_assert_int_eq(atrack_libversion_number(), ATRACK_VERSION_NUMBER);
	ck_assert_int_eq(ATRACK_VERSION_NUMBER, ATRACK_VERSION_MAJOR * 1000000 +
	                 ATRACK_VERSION_MINOR * 1000 + ATRACK_VERSION_PATCH);
	ck_assert_int_eq(atrack_schema_version(), (int)atr_migration_count);
	ck_assert_str_eq(atrack_errstr(ATRACK_NOTFOUND), "not found");
	ck_assert_str_eq(atrack_errstr(12345), "unknown result code");
}
END_TEST

START_TEST(test_null_handle_is_misuse)
{
	ck_assert_int_eq(atrack_errcode(NULL), ATRACK_MISUSE);
	ck_assert_ptr_nonnull(atrack_errmsg(NULL));
	ck_assert_int_eq(atrack_begin(NULL), ATRACK_MISUSE);
	ck_assert_int_eq(atrack_commit(NULL), ATRACK_MISUSE);
	ck_assert_int_eq(atrack_set_author(NULL, "x"), ATRACK_MISUSE);
	ck_assert_int_eq(atrack_open("x", 0, NULL), ATRACK_MISUSE);
	atrack_close(NULL);
}
END_TEST

START_TEST(test_create_fresh_database)
{
	atrack_db *db = NULL;
	ck_assert_int_eq(atrack_open(db_path, ATRACK_OPEN_CREATE, &db), ATRACK_OK);
	ck_assert_int_eq(tu_query_int(db, "PRAGMA user_version"), atrack_schema_version());
	ck_assert_int_eq(tu_query_int(db, "PRAGMA application_id"), 0x4154524b);
	ck_assert_int_eq(tu_query_int(db, "PRAGMA foreign_keys"), 1);
	ck_assert_int_gt(tu_query_int(db, "PRAGMA busy_timeout"), 0);
	char *mode = tu_query_text(db, "PRAGMA journal_mode");
	ck_assert_str_eq(mode, "wal");
	free(mode);
	ck_assert_int_eq(tu_query_int(db, "SELECT count(*) FROM status_code"), 7);
	ck_assert_int_eq(tu_query_int(db, "SELECT count(*) FROM status_code "
	                              "WHERE is_terminal AND code IN ('completed', 'cancelled')"), 2);
	atrack_close(db);

	struct stat st;
	ck_assert_int_eq(stat(db_path, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
}
END_TEST

START_TEST(test_missing_file_without_create)
{
	atrack_db *db = NULL;
	ck_assert_int_eq(atrack_open(db_path, 0, &db), ATRACK_NOTFOUND);
	ck_assert_ptr_nonnull(strstr(atrack_errmsg(db), "does not exist"));
	atrack_close(db);
	struct stat st;
	ck_assert_int_ne(stat(db_path, &st), 0);
}
END_TEST

START_TEST(test_reopen_does_not_migrate_again)
{
	atrack_db *db = NULL;
	ck_assert_int_eq(atrack_open(db_path, ATRACK_OPEN_CREATE, &db), ATRACK_OK);
	/* A user-added status code survives a re-open: the seeding migration
	 * is not run twice (it would also fail on the UNIQUE code). */
	ck_assert_int_eq(sqlite3_exec(db->sql, "INSERT INTO status_code (code, label, sort_order) "
	                              "VALUES ('deferred', 'Deferred', 80)", NULL, NULL, NULL), SQLITE_OK);
	atrack_close(db);

	db = NULL;
	ck_assert_int_eq(atrack_open(db_path, 0, &db), ATRACK_OK);
	ck_assert_int_eq(tu_query_int(db, "SELECT count(*) FROM status_code"), 8);
	ck_assert_int_eq(tu_query_int(db, "PRAGMA user_version"), atrack_schema_version());
	atrack_close(db);
}
END_TEST

static void assert_refused_and_untouched(const char *path, int expected_rc, const char *phrase)
{
	size_t before_len, after_len;
	char *before = tu_read_file(path, &before_len);
	atrack_db *db = NULL;
	ck_assert_int_eq(atrack_open(path, ATRACK_OPEN_CREATE, &db), expected_rc);
	ck_assert_msg(strstr(atrack_errmsg(db), phrase) != NULL, "message '%s' lacks '%s'",
	              atrack_errmsg(db), phrase);
	atrack_close(db);
	char *after = tu_read_file(path, &after_len);
	ck_assert_uint_eq(before_len, after_len);
	ck_assert(memcmp(before, after, before_len) == 0);
	free(before);
	free(after);
	char *wal = malloc(strlen(path) + 5);
	sprintf(wal, "%s-wal", path);
	struct stat st;
	ck_assert_msg(stat(wal, &st) != 0, "a WAL file was left beside %s", path);
	free(wal);
}

START_TEST(test_newer_database_refused_untouched)
{
	atrack_db *db = NULL;
	ck_assert_int_eq(atrack_open(db_path, ATRACK_OPEN_CREATE, &db), ATRACK_OK);
	atrack_close(db);
	/* Leave WAL mode so the whole database is in the one file compared. */
	raw_sqlite(db_path, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 999");
	assert_refused_and_untouched(db_path, ATRACK_TOONEW, "newer");
}
END_TEST

START_TEST(test_other_sqlite_file_refused_untouched)
{
	raw_sqlite(db_path, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);"
	           "INSERT INTO notes (body) VALUES ('keep me')");
	assert_refused_and_untouched(db_path, ATRACK_NOTDB, "not an atrack database");
}
END_TEST

START_TEST(test_text_file_refused_untouched)
{
	const char *text = "This is a text file, not a database.\nSecond line.\n";
	tu_write_file(db_path, text, strlen(text));
	assert_refused_and_untouched(db_path, ATRACK_NOTDB, "not an atrack database");
}
END_TEST

START_TEST(test_read_only_refuses_writes)
{
	atrack_db *db = NULL;
	ck_assert_int_eq(atrack_open(db_path, ATRACK_OPEN_CREATE, &db), ATRACK_OK);
	atrack_close(db);
	db = NULL;
	ck_assert_int_eq(atrack_open(db_path, ATRACK_OPEN_READONLY, &db), ATRACK_OK);
	ck_assert_int_eq(atrack_begin(db), ATRACK_READONLY);
	ck_assert_int_eq(atrack_errcode(db), ATRACK_READONLY);
	ck_assert_int_eq(atr_write_begin(db), ATRACK_READONLY);
	/* Even SQL that slipped past the library cannot write. */
	ck_assert_int_ne(sqlite3_exec(db->sql, "DELETE FROM status_code", NULL, NULL, NULL), SQLITE_OK);
	ck_assert_int_eq(tu_query_int(db, "SELECT count(*) FROM status_code"), 7);
	atrack_close(db);
}
END_TEST

START_TEST(test_read_only_of_unmigrated_file)
{
	tu_write_file(db_path, "", 0);
	atrack_db *db = NULL;
	ck_assert_int_eq(atrack_open(db_path, ATRACK_OPEN_READONLY, &db), ATRACK_READONLY);
	atrack_close(db);
}
END_TEST

START_TEST(test_transactions)
{
	atrack_db *db = tu_memory_db();
	ck_assert_int_eq(atrack_commit(db), ATRACK_MISUSE);
	ck_assert_int_eq(atrack_rollback(db), ATRACK_MISUSE);
	ck_assert_int_eq(atrack_begin(db), ATRACK_OK);
	ck_assert_int_eq(atrack_begin(db), ATRACK_MISUSE);
	ck_assert_int_eq(sqlite3_exec(db->sql, "INSERT INTO status_code (code, label, sort_order) "
	                              "VALUES ('paused', 'Paused', 90)", NULL, NULL, NULL), SQLITE_OK);
	ck_assert_int_eq(atrack_rollback(db), ATRACK_OK);
	ck_assert_int_eq(tu_query_int(db, "SELECT count(*) FROM status_code WHERE code = 'paused'"), 0);

	/* A failing library write inside a caller's transaction undoes only
	 * itself; the caller's earlier work stays until it decides. */
	ck_assert_int_eq(atrack_begin(db), ATRACK_OK);
	ck_assert_int_eq(sqlite3_exec(db->sql, "INSERT INTO status_code (code, label, sort_order) "
	                              "VALUES ('paused', 'Paused', 90)", NULL, NULL, NULL), SQLITE_OK);
	ck_assert_int_eq(atr_write_begin(db), ATRACK_OK);
	ck_assert_int_eq(sqlite3_exec(db->sql, "INSERT INTO status_code (code, label, sort_order) "
	                              "VALUES ('deferred', 'Deferred', 91)", NULL, NULL, NULL), SQLITE_OK);
	ck_assert_int_eq(atr_write_end(db, ATRACK_INVALID), ATRACK_INVALID);
	ck_assert_int_eq(atrack_commit(db), ATRACK_OK);
	ck_assert_int_eq(tu_query_int(db, "SELECT count(*) FROM status_code WHERE code = 'paused'"), 1);
	ck_assert_int_eq(tu_query_int(db, "SELECT count(*) FROM status_code WHERE code = 'deferred'"), 0);
	atrack_close(db);
}
END_TEST

START_TEST(test_audit_records_author)
{
	atrack_db *db = tu_memory_db();
	ck_assert_int_eq(atrack_set_author(db, "analyst-1"), ATRACK_OK);
	ck_assert_str_eq(atrack_author(db), "analyst-1");
	ck_assert_int_eq(atrack_set_author(db, ""), ATRACK_INVALID);
	ck_assert_int_eq(sqlite3_exec(db->sql, "INSERT INTO status_code (code, label, sort_order) "
	                              "VALUES ('paused', 'Paused', 90)", NULL, NULL, NULL), SQLITE_OK);
	char *author = tu_query_text(db, "SELECT author FROM audit_log ORDER BY id DESC LIMIT 1");
	ck_assert_str_eq(author, "analyst-1");
	free(author);
	char *after = tu_query_text(db, "SELECT after_json ->> '$.code' FROM audit_log ORDER BY id DESC LIMIT 1");
	ck_assert_str_eq(after, "paused");
	free(after);
	atrack_close(db);
}
END_TEST

/* The audit images are written without jansson for speed; they must stay
 * byte for byte what jansson's compact, order-preserving dump gives. */
START_TEST(test_audit_json_matches_jansson)
{
	atrack_db *db = tu_memory_db();
	char *ours = tu_query_text(db, "SELECT atrack_json_object('a\"b', "
	                           "'x' || char(1) || 'y' || char(31) || '/\\\"' || char(9, 10, 13, 8, 12, 127) "
	                           "|| 'é' || char(0) || 'z', 'i', -42, 'r', 1.5, 'r2', 100.0, 'n', NULL, "
	                           "'zero', 0, 'max', 9223372036854775807, 'min', -9223372036854775807 - 1)");
	json_t *o = json_object();
	json_object_set_new(o, "a\"b", json_stringn("x\001y\037/\\\"\t\n\r\b\f\177\xc3\xa9\0z", 17));
	json_object_set_new(o, "i", json_integer(-42));
	json_object_set_new(o, "r", json_real(1.5));
	json_object_set_new(o, "r2", json_real(100));
	json_object_set_new(o, "n", json_null());
	json_object_set_new(o, "zero", json_integer(0));
	json_object_set_new(o, "max", json_integer(INT64_MAX));
	json_object_set_new(o, "min", json_integer(INT64_MIN));
	char *theirs = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	ck_assert_str_eq(ours, theirs);
	free(ours);
	free(theirs);
	json_decref(o);
	/* Not UTF-8: refused, as jansson refuses it. */
	ck_assert_int_ne(sqlite3_exec(db->sql, "SELECT atrack_json_object('k', CAST(x'ff' AS TEXT))",
	                              NULL, NULL, NULL), SQLITE_OK);
	atrack_close(db);
}
END_TEST

START_TEST(test_harden)
{
	atrack_db *db = tu_memory_db();
	ck_assert_int_eq(tu_query_int(db, "PRAGMA trusted_schema"), 0);
	/* Defensive mode: the schema cannot be written directly. */
	ck_assert_int_ne(sqlite3_exec(db->sql, "PRAGMA writable_schema = ON; "
	                              "UPDATE sqlite_schema SET sql = '' WHERE name = 'party'",
	                              NULL, NULL, NULL), SQLITE_OK);
	atrack_close(db);
}
END_TEST

/* Rows describing a schema, one line each: every object's CREATE statement
 * as SQLite keeps it in sqlite_schema (tables with their constraints,
 * indexes, triggers, views), comments and layout folded by
 * tu_sql_normalise; then, for a readable failure, each table's columns,
 * foreign keys and strictness as SQLite understood them; then the seeded
 * vocabulary. */
static char *describe_schema(sqlite3 *raw)
{
	atr_buf b = ATR_BUF_INIT;
	sqlite3_stmt *stmt = NULL;
	ck_assert_int_eq(sqlite3_prepare_v2(raw, "SELECT type, name, tbl_name, sql FROM sqlite_schema "
	                                    "WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
	                                    -1, &stmt, NULL), SQLITE_OK);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		const char *sql = (const char *)sqlite3_column_text(stmt, 3);
		char *folded = tu_sql_normalise(sql ? sql : "");
		atr_buf_printf(&b, "%s %s on %s: %s\n", (const char *)sqlite3_column_text(stmt, 0),
		               (const char *)sqlite3_column_text(stmt, 1),
		               (const char *)sqlite3_column_text(stmt, 2), folded);
		free(folded);
	}
	sqlite3_finalize(stmt);

	static const char *const queries[] = {
		"SELECT m.name || '.' || c.name || ' ' || c.type || ' notnull=' || c.\"notnull\" || "
		"  ' default=' || ifnull(c.dflt_value, '-') || ' pk=' || c.pk "
		"FROM sqlite_schema AS m, pragma_table_xinfo(m.name) AS c "
		"WHERE m.type = 'table' ORDER BY m.name, c.cid",
		"SELECT m.name || ' index ' || l.name || ' unique=' || l.\"unique\" || ' origin=' || l.origin || "
		"  ' partial=' || l.partial || ' (' || (SELECT group_concat(ifnull(x.name, '<expr>') || "
		"  CASE WHEN x.desc THEN ' DESC' ELSE '' END || ' ' || x.coll, ', ') "
		"  FROM pragma_index_xinfo(l.name) AS x WHERE x.key) || ')' "
		"FROM sqlite_schema AS m, pragma_index_list(m.name) AS l "
		"WHERE m.type = 'table' ORDER BY m.name, l.name",
		"SELECT m.name || ' ' || f.\"from\" || ' -> ' || f.\"table\" || '.' || ifnull(f.\"to\", 'id') || "
		"  ' ' || f.on_delete "
		"FROM sqlite_schema AS m, pragma_foreign_key_list(m.name) AS f "
		"WHERE m.type = 'table' ORDER BY m.name, f.id",
		"SELECT m.name || ' strict=' || l.strict FROM sqlite_schema AS m, pragma_table_list(m.name) AS l "
		"WHERE m.type = 'table' AND l.schema = 'main' ORDER BY m.name",
		"SELECT code || ' ' || label || ' ' || sort_order || ' ' || is_terminal FROM status_code ORDER BY id",
	};
	for (size_t q = 0; q < ATR_ARRAY_SIZE(queries); q++) {
		ck_assert_msg(sqlite3_prepare_v2(raw, queries[q], -1, &stmt, NULL) == SQLITE_OK,
		              "%s", sqlite3_errmsg(raw));
		while (sqlite3_step(stmt) == SQLITE_ROW) {
			atr_buf_puts(&b, (const char *)sqlite3_column_text(stmt, 0));
			atr_buf_putc(&b, '\n');
		}
		sqlite3_finalize(stmt);
	}
	char *text = atr_buf_detach(&b);
	ck_assert_ptr_nonnull(text);
	return text;
}

/* Whether `text` has `line` as one of its lines. */
static bool has_line(const char *text, const char *line, size_t len)
{
	for (const char *p = text; *p;) {
		const char *end = strchr(p, '\n');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		if (n == len && memcmp(p, line, len) == 0)
			return true;
		p += n + (end ? 1 : 0);
	}
	return false;
}

/* The lines of `a` that `b` lacks, each after `label`, into `out`. */
static void lines_missing(atr_buf *out, const char *label, const char *a, const char *b)
{
	for (const char *p = a; *p;) {
		const char *end = strchr(p, '\n');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		if (!has_line(b, p, n))
			atr_buf_printf(out, "\n  %s: %.*s", label, (int)n, p);
		p += n + (end ? 1 : 0);
	}
}

START_TEST(test_sql_normalise)
{
	/* Layout and comments fold away; quoted text does not. */
	char *a = tu_sql_normalise("CREATE TABLE t (\n  a TEXT CHECK (a <> '')  -- why\n"
	                           "  /* a\n note */ , b  INTEGER\n) STRICT");
	ck_assert_str_eq(a, "CREATE TABLE t(a TEXT CHECK(a <> ''),b INTEGER)STRICT");
	char *b = tu_sql_normalise("CREATE TABLE t(a TEXT\tCHECK(a <> '') ,b INTEGER)STRICT");
	ck_assert_str_eq(a, b);
	free(b);
	b = tu_sql_normalise("CREATE TABLE t(a TEXT CHECK (a<>'') ,b INTEGER)STRICT");
	ck_assert_str_ne(a, b); /* "a<>''" is not "a <> ''": tokens are not re-spaced */
	char *c = tu_sql_normalise("SELECT '  -- kept  ', \"a  b\", [c  -- d] -- gone");
	ck_assert_str_eq(c, "SELECT '  -- kept  ',\"a  b\",[c  -- d]");
	char *d = tu_sql_normalise("SELECT 'it''s  two'  ;");
	ck_assert_str_eq(d, "SELECT 'it''s  two';");
	free(a);
	free(b);
	free(c);
	free(d);
}
END_TEST

START_TEST(test_schema_file_equals_migrations)
{
	atrack_db *db = tu_memory_db();
	char *from_migrations = describe_schema(db->sql);

	sqlite3 *raw = NULL;
	ck_assert_int_eq(sqlite3_open(":memory:", &raw), SQLITE_OK);
	ck_assert_msg(sqlite3_exec(raw, atr_schema_sql, NULL, NULL, NULL) == SQLITE_OK,
	              "schema/atrack.sql does not apply: %s", sqlite3_errmsg(raw));
	char *from_schema = describe_schema(raw);
	sqlite3_close(raw);

	ck_assert_ptr_nonnull(strstr(from_schema, "table progress_update on progress_update: "
	                             "CREATE TABLE progress_update(id INTEGER PRIMARY KEY,"));
	ck_assert_ptr_nonnull(strstr(from_schema, "UNIQUE(meeting_id,person_id)"));
	atr_buf diff = ATR_BUF_INIT;
	lines_missing(&diff, "only in schema/atrack.sql", from_schema, from_migrations);
	lines_missing(&diff, "only in the migrations", from_migrations, from_schema);
	char *report = atr_buf_detach(&diff);
	ck_assert_ptr_nonnull(report);
	ck_assert_msg(*report == '\0', "schema/atrack.sql and the migrations differ:%s", report);
	/* Same lines, and in the same order. */
	ck_assert_str_eq(from_migrations, from_schema);
	atr_free(report);
	atr_free(from_migrations);
	atr_free(from_schema);
	atrack_close(db);
}
END_TEST

static Suite *db_suite(void)
{
	Suite *s = suite_create("db");
	TCase *tc = tcase_create("open");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_versions_agree);
	tcase_add_test(tc, test_null_handle_is_misuse);
	tcase_add_test(tc, test_create_fresh_database);
	tcase_add_test(tc, test_missing_file_without_create);
	tcase_add_test(tc, test_reopen_does_not_migrate_again);
	tcase_add_test(tc, test_newer_database_refused_untouched);
	tcase_add_test(tc, test_other_sqlite_file_refused_untouched);
	tcase_add_test(tc, test_text_file_refused_untouched);
	tcase_add_test(tc, test_read_only_refuses_writes);
	tcase_add_test(tc, test_read_only_of_unmigrated_file);
	tcase_add_test(tc, test_transactions);
	tcase_add_test(tc, test_audit_records_author);
	tcase_add_test(tc, test_audit_json_matches_jansson);
	tcase_add_test(tc, test_harden);
	tcase_add_test(tc, test_sql_normalise);
	tcase_add_test(tc, test_schema_file_equals_migrations);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tu_run_suite(db_suite());
}
