/*
 * test_exchange.c - the JSON export and import, backups and the soundness
 * check: byte-identical round trips (the bundled fact sheet, and a history
 * of thousands of updates), importing into a database that has some of the
 * rows already, conflicts and dry runs, every kind of bad document leaving
 * the database as it was, running out of memory, a backup taken while
 * another process writes, a check that finds deliberately broken data, and
 * the commands of the program. ATRACK_EXCHANGE_HISTORY sets the size of
 * the long histories (default 5000 and twice that for the backup; CI sets
 * a small one under valgrind, as for the crash and concurrency suites).
 */
#include "testutil.h"

#include "atrack_int.h"

#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void exec_sql(atrack_db *db, const char *sql)
{
	char *error = NULL;
	int src = sqlite3_exec(db->sql, sql, NULL, NULL, &error);
	ck_assert_msg(src == SQLITE_OK, "%s: %s", sql, error ? error : "?");
}

static void import_bundled(atrack_db *db)
{
	size_t len;
	const char *text = atrack_bundled_factsheet(&len, NULL);
	ck_assert_msg(atrack_import_factsheet(db, text, len, NULL, NULL) == ATRACK_OK,
	              "%s", atrack_errmsg(db));
}

/* `count` progress updates over the seven bundled initiatives, with every
 * optional field sometimes null, text that needs escaping, and evidence
 * pointing at the cited document. Statuses stay out of terminal ones. */
/* The length of a long history: `usual`, or ATRACK_EXCHANGE_HISTORY. */
static int history_size(int usual)
{
	const char *env = getenv("ATRACK_EXCHANGE_HISTORY");
	return env && atoi(env) > 0 ? atoi(env) : usual;
}

static void add_history(atrack_db *db, int count, int first)
{
	char sql[2048];
	snprintf(sql, sizeof sql,
		"WITH RECURSIVE n(i) AS (SELECT %d UNION ALL SELECT i + 1 FROM n WHERE i < %d) "
		"INSERT INTO progress_update (initiative_id, status_id, health, percent_complete, note, "
		"author, event_date, recorded_at, evidence_url, evidence_document_id, is_reopen) "
		"SELECT (i %% 7) + 1, (SELECT id FROM status_code WHERE sort_order = 20 + 10 * (i %% 4)), "
		"CASE i %% 3 WHEN 0 THEN 'on_track' WHEN 1 THEN 'at_risk' END, "
		"CASE WHEN i %% 5 <> 0 THEN i %% 101 END, "
		"CASE WHEN i %% 17 <> 0 THEN 'Note ' || i || ' \xed\x95\x9c\xea\xb5\xad \"quoted\" \\ tab\t' END, "
		"'analyst-' || (i %% 3), date('2024-11-01', '+' || (i / 7) || ' days'), "
		"strftime('%%Y-%%m-%%dT%%H:%%M:%%fZ', '2024-11-01', '+' || i || ' seconds'), "
		"CASE WHEN i %% 11 = 0 THEN 'https://example.org/' || i END, "
		"CASE WHEN i %% 13 = 0 THEN (SELECT id FROM document WHERE kind = 'cited') END, 0 "
		"FROM n",
		first, first + count - 1);
	exec_sql(db, sql);
}

static char *export_text(atrack_db *db, unsigned int flags)
{
	atrack_exchange_opts opts = ATRACK_EXCHANGE_OPTS_INIT;
	opts.flags = flags;
	char *text = NULL;
	ck_assert_msg(atrack_export_buffer(db, &opts, &text) == ATRACK_OK, "%s", atrack_errmsg(db));
	return text;
}

static int import_text(atrack_db *db, const char *text, unsigned int flags,
                       atrack_exchange_result *result)
{
	atrack_exchange_opts opts = ATRACK_EXCHANGE_OPTS_INIT;
	opts.flags = flags;
	opts.source_name = "doc.json";
	return atrack_import_json_buffer(db, text, strlen(text), &opts, result);
}

static const atrack_exchange_count *count_of(const atrack_exchange_result *r, const char *name)
{
	for (unsigned int i = 0; i < r->table_count; i++)
		if (strcmp(r->tables[i].name, name) == 0)
			return &r->tables[i].count;
	ck_abort_msg("no table %s in the result", name);
	return NULL;
}

/* ---- Round trips ---------------------------------------------------------- */

START_TEST(test_round_trip_bundled)
{
	atrack_db *from = tu_memory_db();
	import_bundled(from);
	char *first = export_text(from, 0);

	atrack_db *to = tu_memory_db();
	atrack_exchange_result r;
	ck_assert_msg(import_text(to, first, 0, &r) == ATRACK_OK, "%s", atrack_errmsg(to));
	ck_assert_uint_eq(count_of(&r, "initiatives")->added, 7);
	ck_assert_uint_eq(count_of(&r, "status_codes")->matched, 7);
	ck_assert_uint_eq(count_of(&r, "status_codes")->added, 0);
	ck_assert_uint_eq(r.conflicts, 0);
	char *second = export_text(to, 0);
	ck_assert_str_eq(first, second);

	/* Every table the export names is one of the schema's. */
	ck_assert_int_eq(tu_query_int(to, "SELECT count(*) FROM initiative"), 7);
	ck_assert_int_eq(tu_query_int(to, "SELECT count(*) FROM progress_update"), 7);
	atrack_free(first);
	atrack_free(second);
	atrack_close(from);
	atrack_close(to);
}
END_TEST

START_TEST(test_round_trip_history)
{
	atrack_db *from = tu_memory_db();
	import_bundled(from);
	add_history(from, history_size(5000), 1);
	/* Gaps in the ids, a status of the user's, an initiative typed in by
	 * hand with a link, and a reopened one. */
	exec_sql(from, "DELETE FROM progress_update WHERE id % 97 = 0");
	exec_sql(from, "INSERT INTO status_code (code, label, sort_order) VALUES ('paused', 'Paused', 55)");
	exec_sql(from, "INSERT INTO initiative (slug, title, body, position, created_at, target_date) "
	               "VALUES ('hand-made', 'By hand', 'Typed in.', 9, '2025-01-02T03:04:05.678Z', '2026-12-31')");
	exec_sql(from, "INSERT INTO initiative_party (initiative_id, party_id) VALUES "
	               "((SELECT id FROM initiative WHERE slug = 'hand-made'), 1)");
	exec_sql(from, "INSERT INTO progress_update (initiative_id, status_id, author, event_date, "
	               "recorded_at, is_reopen, note) VALUES (1, (SELECT id FROM status_code WHERE code = "
	               "'completed'), 'a', date('now', '-2 days'), '2030-01-01T00:00:00.000Z', 0, NULL), "
	               "(1, (SELECT id FROM status_code WHERE code = 'paused'), 'a', date('now', '-1 day'), "
	               "'2030-02-01T00:00:00.000Z', 1, 'Resumed.')");
	ck_assert_int_gt(tu_query_int(from, "SELECT count(*) FROM progress_update"),
	                 history_size(5000) * 98 / 100);
	char *first = export_text(from, 0);

	atrack_db *to = tu_memory_db();
	atrack_exchange_result r;
	ck_assert_msg(import_text(to, first, 0, &r) == ATRACK_OK, "%s", atrack_errmsg(to));
	ck_assert_uint_eq(count_of(&r, "progress_updates")->added,
	                  (unsigned int)tu_query_int(from, "SELECT count(*) FROM progress_update"));
	ck_assert_uint_eq(count_of(&r, "status_codes")->added, 1);
	char *second = export_text(to, 0);
	ck_assert_str_eq(first, second);
	ck_assert_int_eq(atrack_check(to, NULL, NULL), ATRACK_OK);
	atrack_free(first);
	atrack_free(second);
	atrack_close(from);
	atrack_close(to);
}
END_TEST

START_TEST(test_export_shape)
{
	atrack_db *db = tu_memory_db();
	import_bundled(db);
	char *text = export_text(db, ATRACK_EXCHANGE_AUDIT_LOG);
	json_error_t error;
	json_t *doc = json_loads(text, JSON_REJECT_DUPLICATES | JSON_PRESERVE_ORDER, &error);
	ck_assert_msg(doc != NULL, "%s", error.text);
	static const char *const keys[] = {
		"format", "format_version", "atrack_version", "schema_version", "status_codes",
		"documents", "document_texts", "parties", "document_parties", "people", "meetings", "participants", "meeting_documents",
		"sections", "frameworks", "focus_areas", "exercises", "initiatives",
		"framework_focus_areas", "initiative_frameworks", "initiative_parties",
		"initiative_exercises", "initiative_documents", "initiative_focus_areas",
		"progress_updates", "audit_log",
	};
	/* The keys, in this order and no others: the order is the contract
	 * that makes exports comparable byte for byte. */
	size_t i = 0;
	const char *key;
	json_t *value;
	json_object_foreach(doc, key, value) {
		ck_assert_uint_lt(i, sizeof keys / sizeof keys[0]);
		ck_assert_str_eq(key, keys[i]);
		if (i >= 4)
			ck_assert_msg(json_is_array(value), "%s is not an array", key);
		i++;
	}
	ck_assert_uint_eq(i, sizeof keys / sizeof keys[0]);
	ck_assert_str_eq(json_string_value(json_object_get(doc, "format")), "atrack-export");
	ck_assert_int_eq(json_integer_value(json_object_get(doc, "format_version")), 1);
	ck_assert_str_eq(json_string_value(json_object_get(doc, "atrack_version")), ATRACK_VERSION);
	ck_assert_int_eq(json_integer_value(json_object_get(doc, "schema_version")), atrack_schema_version());
	/* References are slugs, not ids. */
	json_t *initiative = json_array_get(json_object_get(doc, "initiatives"), 0);
	ck_assert(json_is_string(json_object_get(initiative, "section")));
	ck_assert(json_is_string(json_object_get(initiative, "meeting")));
	ck_assert_ptr_null(json_object_get(initiative, "id"));
	json_t *update = json_array_get(json_object_get(doc, "progress_updates"), 0);
	ck_assert_str_eq(json_string_value(json_object_get(update, "status")), "announced");
	ck_assert(json_is_false(json_object_get(update, "is_reopen")));
	ck_assert_int_gt(json_array_size(json_object_get(doc, "audit_log")), 50);

	/* docs/export.schema.json lists the same keys in the same order, and
	 * for every array, the fields of its rows. */
	char *schema_text = tu_read_source("docs/export.schema.json", NULL);
	json_t *schema = json_loads(schema_text, JSON_PRESERVE_ORDER, &error);
	ck_assert_msg(schema != NULL, "schema: %s", error.text);
	i = 0;
	json_object_foreach(json_object_get(schema, "properties"), key, value) {
		ck_assert_str_eq(key, keys[i]);
		json_t *rows = json_object_get(doc, key);
		if (json_is_array(rows) && json_array_size(rows) > 0) {
			json_t *fields = json_object_get(json_object_get(json_object_get(schema, "$defs"), key),
			                                 "properties");
			const char *field;
			json_t *unused;
			json_t *row = json_array_get(rows, 0);
			ck_assert_uint_eq(json_object_size(fields), json_object_size(row));
			json_object_foreach(row, field, unused)
				ck_assert_msg(json_object_get(fields, field), "%s.%s not in the schema", key, field);
		}
		i++;
	}
	ck_assert_uint_eq(i, sizeof keys / sizeof keys[0]);
	json_decref(schema);
	free(schema_text);
	json_decref(doc);

	/* Without the flag, no audit log. */
	char *plain = export_text(db, 0);
	ck_assert_ptr_null(strstr(plain, "\"audit_log\""));
	atrack_free(plain);
	atrack_free(text);
	atrack_close(db);
}
END_TEST

START_TEST(test_export_file_and_path)
{
	atrack_db *db = tu_memory_db();
	import_bundled(db);
	char *expected = export_text(db, 0);
	char *dir = tu_tmpdir();
	char *path = tu_path(dir, "out.json");
	ck_assert_int_eq(atrack_export_path(db, NULL, path), ATRACK_OK);
	char *written = tu_read_file(path, NULL);
	ck_assert_str_eq(written, expected);
	free(written);

	char *stream_path = tu_path(dir, "stream.json");
	FILE *f = fopen(stream_path, "wb");
	ck_assert_int_eq(atrack_export_file(db, NULL, f), ATRACK_OK);
	fclose(f);
	written = tu_read_file(stream_path, NULL);
	ck_assert_str_eq(written, expected);
	free(written);

	/* Reading back by path and by stream. */
	atrack_db *to = tu_memory_db();
	ck_assert_int_eq(atrack_import_json_path(to, path, NULL, NULL), ATRACK_OK);
	f = fopen(stream_path, "rb");
	atrack_exchange_result r;
	ck_assert_int_eq(atrack_import_json_file(to, f, NULL, &r), ATRACK_OK);
	fclose(f);
	ck_assert_uint_eq(count_of(&r, "initiatives")->matched, 7);
	ck_assert_int_eq(atrack_import_json_path(to, "/nonexistent/x.json", NULL, NULL), ATRACK_NOTFOUND);

	/* A folder that does not exist: nothing written, a clear message. */
	ck_assert_int_eq(atrack_export_path(db, NULL, "/nonexistent/dir/out.json"), ATRACK_NOTFOUND);
	ck_assert_ptr_nonnull(strstr(atrack_errmsg(db), "/nonexistent/dir/out.json"));
	atrack_close(to);
	tu_rmrf(dir);
	free(path);
	free(stream_path);
	free(dir);
	atrack_free(expected);
	atrack_close(db);
}
END_TEST

/* ---- Into a database that is not empty ------------------------------------ */

START_TEST(test_import_into_non_empty)
{
	/* B is restored from an early export of A; A goes on, and so does B. */
	atrack_db *a = tu_memory_db();
	import_bundled(a);
	add_history(a, 200, 1);
	char *early = export_text(a, 0);
	atrack_db *b = tu_memory_db();
	ck_assert_int_eq(import_text(b, early, 0, NULL), ATRACK_OK);

	exec_sql(a, "INSERT INTO party (slug, name, kind) VALUES ('australia', 'Australia', 'country')");
	exec_sql(a, "INSERT INTO initiative (slug, title, body, position, created_at) "
	            "VALUES ('new-one', 'New', 'A new one.', 8, '2025-03-01T00:00:00.000Z')");
	exec_sql(a, "INSERT INTO initiative_party (initiative_id, party_id) VALUES "
	            "((SELECT id FROM initiative WHERE slug = 'new-one'), (SELECT id FROM party WHERE slug = 'australia'))");
	add_history(a, 50, 201);
	exec_sql(b, "INSERT INTO progress_update (initiative_id, status_id, author, event_date, recorded_at) "
	            "VALUES (2, 3, 'b-only', '2026-01-01', '2026-01-01T00:00:00.000Z')");
	char *later = export_text(a, 0);

	char *before = tu_db_dump(b);
	atrack_exchange_result r;
	ck_assert_msg(import_text(b, later, ATRACK_EXCHANGE_DRY_RUN, &r) == ATRACK_OK, "%s", atrack_errmsg(b));
	char *after = tu_db_dump(b);
	ck_assert_str_eq(before, after);
	free(after);
	ck_assert_uint_eq(count_of(&r, "parties")->added, 1);

	ck_assert_msg(import_text(b, later, 0, &r) == ATRACK_OK, "%s", atrack_errmsg(b));
	ck_assert_uint_eq(count_of(&r, "parties")->added, 1);
	ck_assert_uint_eq(count_of(&r, "parties")->matched, count_of(&r, "parties")->in_document - 1);
	ck_assert_uint_eq(count_of(&r, "initiatives")->added, 1);
	ck_assert_uint_eq(count_of(&r, "initiatives")->matched, 7);
	ck_assert_uint_eq(count_of(&r, "initiative_parties")->added, 1);
	ck_assert_uint_eq(count_of(&r, "progress_updates")->added, 50);
	ck_assert_uint_eq(count_of(&r, "progress_updates")->matched, 207);
	ck_assert_uint_eq(r.conflicts, 0);
	/* Matched, not duplicated; B's own update kept. */
	ck_assert_int_eq(tu_query_int(b, "SELECT count(*) FROM progress_update"), 207 + 50 + 1);
	ck_assert_int_eq(tu_query_int(b, "SELECT count(*) FROM initiative"), 8);
	ck_assert_int_eq(tu_query_int(b, "SELECT count(*) FROM progress_update WHERE author = 'b-only'"), 1);

	/* The same document again changes nothing at all, not even the log. */
	free(before);
	before = tu_db_dump(b);
	ck_assert_int_eq(import_text(b, later, 0, &r), ATRACK_OK);
	ck_assert_uint_eq(count_of(&r, "progress_updates")->added, 0);
	after = tu_db_dump(b);
	ck_assert_str_eq(before, after);
	free(before);
	free(after);
	atrack_free(early);
	atrack_free(later);
	atrack_close(a);
	atrack_close(b);
}
END_TEST

typedef struct conflicts_seen {
	int count;
	char path[64];
	char message[512];
} conflicts_seen;

static void on_conflict(const char *path, const char *message, void *payload)
{
	conflicts_seen *seen = payload;
	if (seen->count++ == 0) {
		snprintf(seen->path, sizeof seen->path, "%s", path);
		snprintf(seen->message, sizeof seen->message, "%s", message);
	}
}

START_TEST(test_import_conflicts)
{
	atrack_db *a = tu_memory_db();
	import_bundled(a);
	char *doc = export_text(a, 0);
	atrack_db *b = tu_memory_db();
	ck_assert_int_eq(import_text(b, doc, 0, NULL), ATRACK_OK);
	/* Edits through a library transaction, so the search index follows
	 * them before the database is photographed. */
	ck_assert_int_eq(atrack_begin(b), ATRACK_OK);
	exec_sql(b, "UPDATE party SET name = 'South Korea' WHERE slug = 'rok'");
	exec_sql(b, "UPDATE framework SET description = 'changed', acronym = 'X' WHERE id = 1");
	ck_assert_int_eq(atrack_commit(b), ATRACK_OK);
	char *before = tu_db_dump(b);

	conflicts_seen seen = { 0, "", "" };
	atrack_exchange_opts opts = ATRACK_EXCHANGE_OPTS_INIT;
	opts.conflict_cb = on_conflict;
	opts.payload = &seen;
	atrack_exchange_result r;
	ck_assert_int_eq(atrack_import_json_buffer(b, doc, strlen(doc), &opts, &r), ATRACK_CONFLICT);
	ck_assert_int_eq(seen.count, 2);
	ck_assert_uint_eq(r.conflicts, 2);
	ck_assert_uint_eq(count_of(&r, "parties")->conflicts, 1);
	char *rok_index = tu_query_text(a, "SELECT count(*) FROM party WHERE id < (SELECT id FROM party WHERE slug = 'rok')");
	char expected_path[64];
	snprintf(expected_path, sizeof expected_path, "$.parties[%s]", rok_index);
	free(rok_index);
	ck_assert_str_eq(seen.path, expected_path);
	ck_assert_str_eq(seen.message, "party 'rok' differs from the database's: name is "
	                 "\"Republic of Korea\" in the document, \"South Korea\" in the database");
	char expected[700];
	snprintf(expected, sizeof expected, "2 conflicts with the database; the first: %s: %s",
	         expected_path, seen.message);
	ck_assert_str_eq(atrack_errmsg(b), expected);
	char *after = tu_db_dump(b);
	ck_assert_str_eq(before, after);
	free(after);

	/* Keeping what the database has: reported, not fatal, nothing changed. */
	opts.flags = ATRACK_EXCHANGE_KEEP_EXISTING;
	seen.count = 0;
	ck_assert_int_eq(atrack_import_json_buffer(b, doc, strlen(doc), &opts, &r), ATRACK_OK);
	ck_assert_int_eq(seen.count, 2);
	ck_assert_ptr_nonnull(strstr(seen.message, "(and 1 more field)") ? seen.message : strstr(seen.message, "party"));
	after = tu_db_dump(b);
	ck_assert_str_eq(before, after);
	free(after);
	free(before);
	atrack_free(doc);
	atrack_close(a);
	atrack_close(b);
}
END_TEST

START_TEST(test_forward_reference_within_table)
{
	/* A document that cites one listed after it. */
	const char *doc =
		"{\"format\": \"atrack-export\", \"format_version\": 1, \"schema_version\": 1,\n"
		" \"documents\": [\n"
		"  {\"slug\": \"cited-first\", \"title\": \"C\", \"kind\": \"cited\", \"revision\": 1, \"document\": \"sheet\"},\n"
		"  {\"slug\": \"sheet\", \"title\": \"S\", \"kind\": \"other\", \"revision\": 1}\n"
		" ]}\n";
	atrack_db *db = tu_memory_db();
	atrack_exchange_result r;
	ck_assert_msg(import_text(db, doc, 0, &r) == ATRACK_OK, "%s", atrack_errmsg(db));
	ck_assert_int_eq(tu_query_int(db, "SELECT count(*) FROM document AS c JOIN document AS s "
	                              "ON s.id = c.document_id WHERE c.slug = 'cited-first' AND s.slug = 'sheet'"), 1);
	atrack_close(db);
}
END_TEST

/* ---- Bad documents -------------------------------------------------------- */

static void expect_refused(atrack_db *db, const char *doc, int rc, const char *message)
{
	char *before = tu_db_dump(db);
	int got = import_text(db, doc, 0, NULL);
	ck_assert_msg(got == rc, "rc %d (%s), expected %d", got, atrack_errmsg(db), rc);
	ck_assert_str_eq(atrack_errmsg(db), message);
	char *after = tu_db_dump(db);
	ck_assert_str_eq(before, after);
	free(before);
	free(after);
}

#define HEAD "{\"format\": \"atrack-export\", \"format_version\": 1, \"schema_version\": 1, "
#define NEW_INITIATIVE "{\"slug\": \"x\", \"title\": \"X\", \"body\": \"b\", \"position\": 1, " \
                       "\"created_at\": \"2024-01-01T00:00:00.000Z\"}"

START_TEST(test_bad_documents)
{
	atrack_db *db = tu_memory_db();
	import_bundled(db);

	expect_refused(db, "{\"format\": \"atrack-export\",\n  \"format_version\": 1,,\n}",
	               ATRACK_PARSE, "doc.json:2:23: string or '}' expected near ','");
	ck_assert_int_eq(atrack_errline(db), 2);
	ck_assert_int_eq(atrack_errcolumn(db), 23);
	expect_refused(db, "", ATRACK_PARSE, "doc.json:1:1: '[' or '{' expected near end of file");
	expect_refused(db, "[]", ATRACK_INVALID, "doc.json:1:1: $: expected an object, got an array");
	expect_refused(db, "{\"format\": \"other\", \"format_version\": 1, \"schema_version\": 1}",
	               ATRACK_INVALID, "doc.json:1:2: $.format: not an atrack export (expected \"atrack-export\")");
	expect_refused(db, "{\"format_version\": 1, \"schema_version\": 1}",
	               ATRACK_INVALID, "doc.json:1:1: $.format: missing required field");
	expect_refused(db, "{\"format\": \"atrack-export\", \"format_version\": 2, \"schema_version\": 1}",
	               ATRACK_INVALID, "doc.json:1:29: $.format_version: version 2 is not supported (this atrack reads version 1)");
	expect_refused(db, "{\"format\": \"atrack-export\", \"format_version\": \"1\", \"schema_version\": 1}",
	               ATRACK_INVALID, "doc.json:1:29: $.format_version: expected an integer, got a string");
	char newer[128];
	snprintf(newer, sizeof newer, "doc.json:1:50: $.schema_version: 99 is newer than this atrack's schema (%d); "
	         "upgrade atrack", atrack_schema_version());
	expect_refused(db, "{\"format\": \"atrack-export\", \"format_version\": 1, \"schema_version\": 99}",
	               ATRACK_INVALID, newer);
	expect_refused(db, HEAD "\"parties\": {}}", ATRACK_INVALID, "doc.json:1:71: $.parties: expected an array, got an object");
	expect_refused(db, HEAD "\"partys\": []}", ATRACK_INVALID, "doc.json:1:71: $.partys: unknown field");
	expect_refused(db, HEAD "\"parties\": [3]}", ATRACK_INVALID, "doc.json:1:83: $.parties[0]: expected an object, got an integer");
	expect_refused(db, HEAD "\"parties\": [{\"slug\": \"p\", \"nmae\": \"P\", \"kind\": \"country\"}]}",
	               ATRACK_INVALID, "doc.json:1:97: $.parties[0].nmae: unknown field");
	/* Missing and null required fields, wrong types. */
	expect_refused(db, HEAD "\"initiatives\": [{\"slug\": \"x\", \"body\": \"b\", \"position\": 1, "
	               "\"created_at\": \"2024-01-01T00:00:00.000Z\"}]}",
	               ATRACK_INVALID, "doc.json:1:87: $.initiatives[0].title: missing required field");
	expect_refused(db, HEAD "\"initiatives\": [{\"slug\": \"x\", \"title\": null, \"body\": \"b\", "
	               "\"position\": 1, \"created_at\": \"2024-01-01T00:00:00.000Z\"}]}",
	               ATRACK_INVALID, "doc.json:1:101: $.initiatives[0].title: must not be null");
	expect_refused(db, HEAD "\"initiatives\": [{\"slug\": \"x\", \"title\": \"X\", \"body\": \"b\", "
	               "\"position\": \"1\", \"created_at\": \"2024-01-01T00:00:00.000Z\"}]}",
	               ATRACK_INVALID, "doc.json:1:128: $.initiatives[0].position: expected an integer, got a string");
	expect_refused(db, HEAD "\"status_codes\": [{\"code\": \"x\", \"label\": \"X\", \"sort_order\": 1.5, "
	               "\"is_terminal\": false, \"is_builtin\": false}]}",
	               ATRACK_INVALID, "doc.json:1:116: $.status_codes[0].sort_order: expected an integer, got a real number");
	expect_refused(db, HEAD "\"status_codes\": [{\"code\": \"x\", \"label\": \"X\", \"sort_order\": 1, "
	               "\"is_terminal\": 0, \"is_builtin\": false}]}",
	               ATRACK_INVALID, "doc.json:1:133: $.status_codes[0].is_terminal: expected a boolean, got an integer");
	/* References to nothing, bad dates, refused values: after rows that
	 * were written already, which must go too. */
	expect_refused(db, HEAD "\"initiatives\": [" NEW_INITIATIVE ", {\"slug\": \"y\", \"title\": \"Y\", "
	               "\"body\": \"b\", \"section\": \"foo\", \"position\": 1, "
	               "\"created_at\": \"2024-01-01T00:00:00.000Z\"}]}",
	               ATRACK_INVALID, "doc.json:1:227: $.initiatives[1].section: no section 'foo' in the document or the database");
	expect_refused(db, HEAD "\"initiatives\": [" NEW_INITIATIVE "], \"progress_updates\": ["
	               "{\"initiative\": \"x\", \"status\": \"planned\", \"author\": \"a\", "
	               "\"event_date\": \"2024-02-01\", \"recorded_at\": \"2024-02-01T00:00:00.000Z\", \"is_reopen\": false}, "
	               "{\"initiative\": \"x\", \"status\": \"planned\", \"author\": \"a\", "
	               "\"event_date\": \"2024-02-30\", \"recorded_at\": \"2024-02-01T00:00:00.000Z\", \"is_reopen\": false}]}",
	               ATRACK_INVALID, "doc.json:1:412: $.progress_updates[1].event_date: '2024-02-30' is not a valid date (YYYY-MM-DD)");
	expect_refused(db, HEAD "\"progress_updates\": [{\"initiative\": \"nope\", \"status\": \"planned\", "
	               "\"author\": \"a\", \"event_date\": \"2024-02-01\", \"recorded_at\": \"2024-02-01T00:00:00.000Z\", \"is_reopen\": false}]}",
	               ATRACK_INVALID, "doc.json:1:93: $.progress_updates[0].initiative: no initiative 'nope' in the document or the database");
	expect_refused(db, HEAD "\"parties\": [{\"slug\": \"mars\", \"name\": \"Mars\", \"kind\": \"planet\"}]}",
	               ATRACK_INVALID, "doc.json:1:83: $.parties[0]: cannot add party: CHECK constraint failed: "
	               "kind IN ('country', 'organisation', 'other')");
	expect_refused(db, HEAD "\"parties\": [{\"slug\": \"p\", \"name\": \"P\", \"kind\": \"country\"}, "
	               "{\"slug\": \"p\", \"name\": \"P\", \"kind\": \"country\"}]}",
	               ATRACK_INVALID, "doc.json:1:130: $.parties[1]: party 'p' is given twice (also at $.parties[0])");
	expect_refused(db, HEAD "\"parties\": [{\"slug\": \"p\", \"slug\": \"q\"}]}", ATRACK_PARSE,
	               "doc.json:1:102: duplicate object key near '\"slug\"'");
	atrack_close(db);
}
END_TEST

static int import_doc_attempt(atrack_db *db, void *payload)
{
	return import_text(db, payload, 0, NULL);
}

START_TEST(test_import_out_of_memory)
{
	atrack_db *from = tu_memory_db();
	import_bundled(from);
	add_history(from, 20, 1);
	char *doc = export_text(from, 0);
	atrack_db *db = tu_memory_db();
	long n;
	int rc = tu_until_memory_suffices(db, import_doc_attempt, doc, &n);
	ck_assert_msg(rc == ATRACK_OK, "%d: %s", rc, atrack_errmsg(db));
	ck_assert_int_gt(n, 20);
	char *again = export_text(db, 0);
	ck_assert_str_eq(doc, again);
	atrack_free(again);
	atrack_free(doc);
	atrack_close(from);
	atrack_close(db);
}
END_TEST

/* ---- Backup --------------------------------------------------------------- */

static atrack_db *open_file(const char *path)
{
	atrack_db *db = NULL;
	int rc = atrack_open(path, ATRACK_OPEN_CREATE, &db);
	ck_assert_msg(rc == ATRACK_OK, "%s", atrack_errmsg(db));
	return db;
}

START_TEST(test_backup_while_another_process_writes)
{
	char *dir = tu_tmpdir();
	char *path = tu_path(dir, "live.db");
	char *copy_path = tu_path(dir, "copy.db");
	atrack_db *db = open_file(path);
	import_bundled(db);
	add_history(db, 2 * history_size(5000), 1);
	long long start = tu_query_int(db, "SELECT count(*) FROM progress_update");

	int ready[2];
	ck_assert_int_eq(pipe(ready), 0);
	pid_t child = fork();
	ck_assert(child >= 0);
	if (child == 0) {
		/* Another program, not a copy of this one: exec this binary as the
		 * writer, so that it shares nothing with the handle being backed up
		 * (and valgrind, which does not follow exec, judges only us). */
		char fd[16];
		snprintf(fd, sizeof fd, "%d", ready[1]);
		/* Not /proc/self/exe: under valgrind that is valgrind. */
		execl(ATRACK_BINARY_DIR "/tests/test_exchange", "test_exchange", "--writer", path, fd,
		      (char *)NULL);
		_exit(127);
	}
	/* Only the writer holds the write end: if it dies, read sees EOF. */
	close(ready[1]);
	char byte;
	ck_assert_int_eq(read(ready[0], &byte, 1), 1);
	long long previous = start;
	bool writer_alive_after_backup = false;
	for (int round = 0; round < 3; round++) {
		nanosleep(&(struct timespec){ 0, 200000000 }, NULL);
		ck_assert_msg(atrack_backup(db, copy_path) == ATRACK_OK, "%s", atrack_errmsg(db));
		atrack_db *copy = NULL;
		ck_assert_int_eq(atrack_open(copy_path, ATRACK_OPEN_READONLY, &copy), ATRACK_OK);
		char *integrity = tu_query_text(copy, "PRAGMA integrity_check");
		ck_assert_str_eq(integrity, "ok");
		free(integrity);
		ck_assert_msg(atrack_check(copy, NULL, NULL) == ATRACK_OK, "%s", atrack_errmsg(copy));
		long long copied = tu_query_int(copy, "SELECT count(*) FROM progress_update");
		ck_assert_int_ge(copied, previous);
		previous = copied;
		atrack_close(copy);
		if (round == 0)
			writer_alive_after_backup = kill(child, 0) == 0;
	}
	int status = 0;
	ck_assert_int_eq(waitpid(child, &status, 0), child);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "writer failed: %d", status);
	/* The writer did write while the copies were taken. */
	ck_assert(writer_alive_after_backup);
	ck_assert_int_gt(previous, start);
	ck_assert_int_ge(tu_query_int(db, "SELECT count(*) FROM progress_update"), previous);
	/* No temporary file left behind. */
	DIR *d = opendir(dir);
	ck_assert_ptr_nonnull(d);
	for (struct dirent *e; (e = readdir(d)) != NULL;)
		ck_assert_msg(strstr(e->d_name, ".tmp-") == NULL, "left behind: %s", e->d_name);
	closedir(d);
	close(ready[0]);
	atrack_close(db);
	tu_rmrf(dir);
	free(dir);
	free(path);
	free(copy_path);
}
END_TEST

START_TEST(test_backup_bad_target)
{
	atrack_db *db = tu_memory_db();
	import_bundled(db);
	ck_assert_int_eq(atrack_backup(db, "/nonexistent/dir/copy.db"), ATRACK_NOTFOUND);
	ck_assert_int_eq(atrack_backup(NULL, "x"), ATRACK_MISUSE);
	char *dir = tu_tmpdir();
	char *path = tu_path(dir, "mem.db");
	ck_assert_msg(atrack_backup(db, path) == ATRACK_OK, "%s", atrack_errmsg(db));
	atrack_db *copy = open_file(path);
	ck_assert_int_eq(tu_query_int(copy, "SELECT count(*) FROM initiative"), 7);
	atrack_close(copy);
	tu_rmrf(dir);
	free(dir);
	free(path);
	atrack_close(db);
}
END_TEST

/* ---- Check ---------------------------------------------------------------- */

typedef struct problems_seen {
	int errors;
	int notes;
	char last[512];
	char check[32];
	char table[32];
	int64_t row_id;
} problems_seen;

static int on_problem(const atrack_problem *p, void *payload)
{
	problems_seen *seen = payload;
	if (p->severity == ATRACK_SEVERITY_NOTE) {
		seen->notes++;
		return 0;
	}
	seen->errors++;
	snprintf(seen->last, sizeof seen->last, "%s", p->message);
	snprintf(seen->check, sizeof seen->check, "%s", p->check);
	snprintf(seen->table, sizeof seen->table, "%s", p->table ? p->table : "");
	seen->row_id = p->row_id;
	return 0;
}

START_TEST(test_check_sound)
{
	atrack_db *db = tu_memory_db();
	import_bundled(db);
	add_history(db, 500, 1);
	problems_seen seen = { 0 };
	ck_assert_int_eq(atrack_check(db, on_problem, &seen), ATRACK_OK);
	ck_assert_int_eq(seen.errors, 0);
	ck_assert_int_eq(seen.notes, 0);
	/* An initiative never updated is a note, not a fault. */
	exec_sql(db, "INSERT INTO initiative (slug, title, body, position, created_at) "
	             "VALUES ('quiet', 'Quiet', 'b', 1, '2025-01-01T00:00:00.000Z')");
	ck_assert_int_eq(atrack_check(db, on_problem, &seen), ATRACK_OK);
	ck_assert_int_eq(seen.notes, 1);
	atrack_close(db);
}
END_TEST

START_TEST(test_check_terminal_without_reopen)
{
	atrack_db *db = tu_memory_db();
	import_bundled(db);
	exec_sql(db, "INSERT INTO progress_update (initiative_id, status_id, author, event_date, recorded_at) "
	             "VALUES (3, 6, 'a', '2025-01-01', 't1'), (3, 3, 'a', '2025-02-01', 't2')");
	int64_t bad = (int64_t)tu_query_int(db, "SELECT max(id) FROM progress_update");
	problems_seen seen = { 0 };
	ck_assert_int_eq(atrack_check(db, on_problem, &seen), ATRACK_CORRUPT);
	ck_assert_int_eq(seen.errors, 1);
	ck_assert_str_eq(seen.check, "terminal");
	ck_assert_str_eq(seen.table, "progress_update");
	ck_assert_int_eq(seen.row_id, bad);
	char expected[256];
	snprintf(expected, sizeof expected, "update %lld of initiative 3 leaves terminal status "
	         "'completed' for 'in_progress' without is_reopen", (long long)bad);
	ck_assert_str_eq(seen.last, expected);
	ck_assert_ptr_nonnull(strstr(atrack_errmsg(db), "1 problem found; the first: terminal: update"));
	/* Marked as a reopening, it is fine. */
	exec_sql(db, "UPDATE progress_update SET is_reopen = 1 WHERE recorded_at = 't2'");
	ck_assert_int_eq(atrack_check(db, NULL, NULL), ATRACK_OK);
	atrack_close(db);
}
END_TEST

START_TEST(test_check_dangling_reference_and_slug)
{
	atrack_db *db = tu_memory_db();
	import_bundled(db);
	exec_sql(db, "PRAGMA foreign_keys = OFF");
	exec_sql(db, "INSERT INTO initiative_party (initiative_id, party_id) VALUES (1, 999)");
	exec_sql(db, "PRAGMA foreign_keys = ON");
	problems_seen seen = { 0 };
	ck_assert_int_eq(atrack_check(db, on_problem, &seen), ATRACK_CORRUPT);
	ck_assert_msg(seen.errors == 1, "%d: %s", seen.errors, seen.last);
	ck_assert_str_eq(seen.check, "foreign_keys");
	ck_assert_str_eq(seen.table, "initiative_party");
	char *id = tu_query_text(db, "SELECT max(id) FROM initiative_party");
	char expected[128];
	snprintf(expected, sizeof expected, "initiative_party %s refers to a missing party row", id);
	free(id);
	ck_assert_str_eq(seen.last, expected);
	/* The export refuses to write a reference it cannot name. */
	char *text = NULL;
	ck_assert_int_eq(atrack_export_buffer(db, NULL, &text), ATRACK_CORRUPT);
	ck_assert_ptr_null(text);
	ck_assert_ptr_nonnull(strstr(atrack_errmsg(db), "party_id refers to party 999, which is not there"));

	atrack_db *db2 = tu_memory_db();
	import_bundled(db2);
	exec_sql(db2, "PRAGMA ignore_check_constraints = ON");
	exec_sql(db2, "UPDATE party SET slug = 'Bad Slug' WHERE slug = 'rok'");
	exec_sql(db2, "PRAGMA ignore_check_constraints = OFF");
	memset(&seen, 0, sizeof seen);
	ck_assert_int_eq(atrack_check(db2, on_problem, &seen), ATRACK_CORRUPT);
	/* SQLite's integrity check sees the CHECK constraint broken too. */
	ck_assert_int_eq(seen.errors, 2);
	ck_assert_str_eq(seen.check, "slugs");
	ck_assert_str_eq(seen.last, "slug 'Bad Slug' is not a valid slug");
	atrack_close(db2);
	atrack_close(db);
}
END_TEST

START_TEST(test_check_stops_when_asked)
{
	atrack_db *db = tu_memory_db();
	import_bundled(db);
	exec_sql(db, "INSERT INTO initiative (slug, title, body, position, created_at) "
	             "VALUES ('quiet', 'Quiet', 'b', 1, '2025-01-01T00:00:00.000Z')");
	ck_assert_int_eq(atrack_check(db, NULL, NULL), ATRACK_OK);
	ck_assert_int_eq(atrack_check(NULL, NULL, NULL), ATRACK_MISUSE);
	atrack_close(db);
}
END_TEST

/* ---- The program ---------------------------------------------------------- */

START_TEST(test_cli)
{
	char *dir = tu_tmpdir();
	char *db_a = tu_path(dir, "a.db");
	char *db_b = tu_path(dir, "b.db");
	char *out_a = tu_path(dir, "a.json");
	char *out_b = tu_path(dir, "b.json");
	char *copy = tu_path(dir, "copy.db");

	const char *import_a[] = { "--db", db_a, "import", NULL };
	tu_run run = tu_atrack(NULL, import_a);
	ck_assert_int_eq(run.status, 0);
	tu_run_free(&run);
	const char *export_a[] = { "--db", db_a, "export", "-o", out_a, NULL };
	run = tu_atrack(NULL, export_a);
	ck_assert_msg(run.status == 0, "%s", run.err);
	tu_run_free(&run);

	const char *dry[] = { "--db", db_b, "import", "--format", "json", "--dry-run", out_a, NULL };
	run = tu_atrack(NULL, dry);
	ck_assert_msg(run.status == 0, "%s", run.err);
	ck_assert_ptr_nonnull(strstr(run.out, "dry run, nothing written"));
	tu_run_free(&run);
	const char *import_b[] = { "--db", db_b, "import", "--format", "json", out_a, NULL };
	run = tu_atrack(NULL, import_b);
	ck_assert_msg(run.status == 0, "%s", run.err);
	ck_assert_ptr_nonnull(strstr(run.out, "initiatives"));
	tu_run_free(&run);
	const char *export_b[] = { "--db", db_b, "export", "--format", "json", NULL };
	run = tu_atrack(NULL, export_b);
	ck_assert_int_eq(run.status, 0);
	char *a_text = tu_read_file(out_a, NULL);
	ck_assert_str_eq(run.out, a_text);
	tu_run_free(&run);
	free(a_text);
	(void)out_b;

	const char *bad_format[] = { "--db", db_b, "export", "--format", "xml", NULL };
	run = tu_atrack(NULL, bad_format);
	ck_assert_int_eq(run.status, 2);
	tu_run_free(&run);

	const char *bad_json[] = { "--db", db_b, "import", "--format", "json", "-", NULL };
	run = tu_atrack("{\"format\": 1", bad_json);
	ck_assert_int_eq(run.status, 4);
	ck_assert_str_eq(run.err, "atrack: import: -:1:12: '}' expected near end of file\n");
	tu_run_free(&run);

	const char *check[] = { "--db", db_b, "check", NULL };
	run = tu_atrack(NULL, check);
	ck_assert_msg(run.status == 0, "%s%s", run.out, run.err);
	ck_assert_str_eq(run.out, "sound: no problems found\n");
	tu_run_free(&run);

	const char *backup[] = { "--db", db_b, "backup", copy, NULL };
	run = tu_atrack(NULL, backup);
	ck_assert_msg(run.status == 0, "%s", run.err);
	tu_run_free(&run);
	const char *check_copy[] = { "--db", copy, "--json", "check", NULL };
	run = tu_atrack(NULL, check_copy);
	ck_assert_msg(run.status == 0, "%s", run.err);
	ck_assert_ptr_nonnull(strstr(run.out, "\"sound\": true"));
	tu_run_free(&run);

	/* A broken invariant: check says what and exits 1. */
	atrack_db *db = open_file(db_b);
	exec_sql(db, "INSERT INTO progress_update (initiative_id, status_id, author, event_date, recorded_at) "
	             "VALUES (1, 7, 'a', '2025-01-01', 't1'), (1, 3, 'a', '2025-02-01', 't2')");
	atrack_close(db);
	run = tu_atrack(NULL, check);
	ck_assert_int_eq(run.status, 1);
	ck_assert_ptr_nonnull(strstr(run.out, "terminal"));
	ck_assert_ptr_nonnull(strstr(run.out, "leaves terminal status 'cancelled' for 'in_progress'"));
	ck_assert_ptr_nonnull(strstr(run.err, "atrack: check: 1 problem found"));
	tu_run_free(&run);

	tu_rmrf(dir);
	free(dir);
	free(db_a);
	free(db_b);
	free(out_a);
	free(out_b);
	free(copy);
}
END_TEST

static Suite *exchange_suite(void)
{
	Suite *s = suite_create("exchange");
	TCase *round_trip = tcase_create("round_trip");
	tcase_set_timeout(round_trip, 120);
	tcase_add_test(round_trip, test_round_trip_bundled);
	tcase_add_test(round_trip, test_round_trip_history);
	tcase_add_test(round_trip, test_export_shape);
	tcase_add_test(round_trip, test_export_file_and_path);
	suite_add_tcase(s, round_trip);

	TCase *import = tcase_create("import");
	tcase_set_timeout(import, 120);
	tcase_add_test(import, test_import_into_non_empty);
	tcase_add_test(import, test_import_conflicts);
	tcase_add_test(import, test_forward_reference_within_table);
	tcase_add_test(import, test_bad_documents);
	tcase_add_test(import, test_import_out_of_memory);
	suite_add_tcase(s, import);

	TCase *backup = tcase_create("backup");
	tcase_set_timeout(backup, 120);
	tcase_add_test(backup, test_backup_while_another_process_writes);
	tcase_add_test(backup, test_backup_bad_target);
	suite_add_tcase(s, backup);

	TCase *check = tcase_create("check");
	tcase_set_timeout(check, 60);
	tcase_add_test(check, test_check_sound);
	tcase_add_test(check, test_check_terminal_without_reopen);
	tcase_add_test(check, test_check_dangling_reference_and_slug);
	tcase_add_test(check, test_check_stops_when_asked);
	suite_add_tcase(s, check);

	TCase *cli = tcase_create("cli");
	tcase_set_timeout(cli, 60);
	tcase_add_test(cli, test_cli);
	suite_add_tcase(s, cli);
	return s;
}

/* `test_exchange --writer DB FD`: the other process of the backup test.
 * It opens DB, says so by writing a byte to FD, then adds updates, each in
 * its own transaction, for three seconds. */
static int run_writer(const char *path, int ready_fd)
{
	atrack_db *writer = NULL;
	if (atrack_open(path, 0, &writer) != ATRACK_OK)
		return 2;
	char byte = 1;
	if (write(ready_fd, &byte, 1) != 1)
		return 3;
	int rc = 0;
	time_t until = time(NULL) + 3;
	for (int i = 100000; rc == 0 && time(NULL) < until; i++) {
		char sql[512];
		snprintf(sql, sizeof sql, "INSERT INTO progress_update (initiative_id, status_id, author, "
		         "event_date, recorded_at) VALUES (%d, 3, 'child', '2025-01-01', 'child-%d')",
		         i % 7 + 1, i);
		if (sqlite3_exec(writer->sql, sql, NULL, NULL, NULL) != SQLITE_OK)
			rc = 4;
	}
	atrack_close(writer);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "--writer") == 0)
		return run_writer(argv[2], atoi(argv[3]));
	return tu_run_suite(exchange_suite());
}
