/*
 * test_text_rules.c - bad text and bad times are refused as bad input on
 * every path, never stored and never reported as a lack of memory: times
 * of entities, an author that is not UTF-8 (set, or from the
 * environment), evidence addresses; and the soundness check finds text
 * that is not UTF-8 wherever a row written behind the library's back put
 * it. Small databases only, so the suite stays quick under valgrind.
 */
#include "testutil.h"

#include "atrack_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void exec_sql(atrack_db *db, const char *sql)
{
	char *error = NULL;
	int src = sqlite3_exec(db->sql, sql, NULL, NULL, &error);
	ck_assert_msg(src == SQLITE_OK, "%s: %s", sql, error ? error : "?");
}

/* `rc` was ATRACK_INVALID with `message`, and the database is `before`. */
static void expect_invalid(atrack_db *db, int rc, const char *message, const char *before)
{
	ck_assert_msg(rc == ATRACK_INVALID, "rc %d (%s)", rc, atrack_errmsg(db));
	ck_assert_str_eq(atrack_errmsg(db), message);
	char *after = tu_db_dump(db);
	ck_assert_str_eq(before, after);
	free(after);
}

static int64_t add_initiative(atrack_db *db, const char *slug)
{
	atrack_initiative in = { 0 };
	in.slug = slug;
	in.title = slug;
	int64_t id = 0;
	ck_assert_msg(atrack_initiative_add(db, &in, &id) == ATRACK_OK, "%s", atrack_errmsg(db));
	return id;
}

START_TEST(test_times_validated)
{
	atrack_db *db = tu_memory_db();
	int64_t id = add_initiative(db, "x");
	char *before = tu_db_dump(db);
	static const char *const bad[] = { "2020-01-01Tgarbage", "2020-01-01 99:99",
		"2020-01-01T23:60", "2020-01-01T10:00:61Z", "2020-01-01T10:00:00.Z",
		"2020-01-01T10:00Zjunk", "2020-02-30T00:00:00Z", "2020-01-01T10:00:00+25:00" };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char message[160];
		snprintf(message, sizeof message, "created_at: '%s' is not a valid time "
		         "(YYYY-MM-DDTHH:MM:SS.sssZ)", bad[i]);
		atrack_initiative in = { 0 };
		in.title = "Y";
		in.created_at = bad[i];
		expect_invalid(db, atrack_initiative_add(db, &in, NULL), message, before);
		expect_invalid(db, atrack_initiative_edit(db, id, &in, ATRACK_INITIATIVE_CREATED_AT),
		               message, before);
		atrack_document d = { 0 };
		d.title = "D";
		d.imported_at = bad[i];
		snprintf(message, sizeof message, "imported_at: '%s' is not a valid time "
		         "(YYYY-MM-DDTHH:MM:SS.sssZ)", bad[i]);
		expect_invalid(db, atrack_document_add(db, &d, NULL), message, before);
	}
	/* The forms SQLite's date functions read are all taken. */
	static const char *const good[] = { "2020-01-01", "2020-01-01T10:00",
		"2020-01-01 10:00:59", "2020-01-01T10:00:00.123456Z", "2020-01-01T10:00:00+09:00" };
	for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
		atrack_initiative in = { 0 };
		in.title = good[i];
		in.created_at = good[i];
		ck_assert_msg(atrack_initiative_add(db, &in, NULL) == ATRACK_OK, "%s: %s", good[i],
		              atrack_errmsg(db));
	}
	free(before);
	atrack_close(db);
}
END_TEST

START_TEST(test_author_not_utf8)
{
	atrack_db *db = tu_memory_db();
	int64_t id = add_initiative(db, "x");
	char *before = tu_db_dump(db);
	/* Set by the caller: refused at once, the author kept. */
	ck_assert_int_eq(atrack_set_author(db, "bad \xC3\x28"), ATRACK_INVALID);
	ck_assert_str_eq(atrack_errmsg(db), "author: not valid UTF-8 (byte 4); set one with "
	                 "--author or $ATRACK_AUTHOR");
	ck_assert_str_eq(atrack_author(db), "tester");
	atrack_close(db);
	free(before);

	/* From the environment: the handle opens (it may only read), but no
	 * write is made, on any path. */
	setenv("ATRACK_AUTHOR", "\xFF\xFE", 1);
	db = NULL;
	ck_assert_int_eq(atrack_open(NULL, ATRACK_OPEN_MEMORY, &db), ATRACK_OK);
	ck_assert_int_eq(atrack_set_author(db, "tester"), ATRACK_OK);
	id = add_initiative(db, "x");
	ck_assert_int_eq(atrack_set_author(db, NULL), ATRACK_OK);
	before = tu_db_dump(db);
	const char *message = "author: not valid UTF-8 (byte 0); set one with --author or "
	                      "$ATRACK_AUTHOR";
	atrack_party p = { 0 };
	p.name = "P";
	expect_invalid(db, atrack_party_add(db, &p, NULL), message, before);
	atrack_update_input u = ATRACK_UPDATE_INPUT_INIT;
	u.initiative_id = id;
	u.status = "planned";
	expect_invalid(db, atrack_update_add(db, &u, NULL), message, before);
	atrack_status s = { 0 };
	s.code = "paused";
	s.label = "Paused";
	expect_invalid(db, atrack_status_add(db, &s, NULL), message, before);
	unsetenv("ATRACK_AUTHOR");
	free(before);
	atrack_close(db);
}
END_TEST

START_TEST(test_evidence_url)
{
	atrack_db *db = tu_memory_db();
	atrack_update_input u = ATRACK_UPDATE_INPUT_INIT;
	u.initiative_id = add_initiative(db, "x");
	u.status = "planned";
	char *before = tu_db_dump(db);
	/* Not UTF-8 is bad input, not a lack of memory. */
	u.evidence_url = "https://example.org/\xFF";
	expect_invalid(db, atrack_update_add(db, &u, NULL),
	               "evidence_url: not valid UTF-8 (byte 20)", before);
	/* Only the web's schemes: these would run or show something in a report. */
	static const char *const refused[] = { "javascript://%0aalert(1)", "data://text/html,x",
		"file:///etc/passwd", "javascript:alert(1)", "https://" };
	for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
		char message[160];
		snprintf(message, sizeof message, "evidence_url: '%s' is not a web address "
		         "(http:// or https://)", refused[i]);
		u.evidence_url = refused[i];
		expect_invalid(db, atrack_update_add(db, &u, NULL), message, before);
	}
	u.evidence_url = "HTTPS://example.org/minutes";
	ck_assert_msg(atrack_update_add(db, &u, NULL) == ATRACK_OK, "%s", atrack_errmsg(db));
	free(before);
	atrack_close(db);
}
END_TEST

/* A write that reaches the audit trigger with text that is not UTF-8 is
 * refused as bad input: the trigger's function says so, not "out of
 * memory". */
START_TEST(test_trigger_refuses_bad_text_as_invalid)
{
	atrack_db *db = tu_memory_db();
	add_initiative(db, "x");
	char *error = NULL;
	int src = sqlite3_exec(db->sql, "UPDATE initiative SET title = CAST(X'41FF' AS TEXT)",
	                       NULL, NULL, &error);
	ck_assert_int_eq(src, SQLITE_MISMATCH);
	ck_assert_str_eq(error, "atrack_json_object: a value is not valid UTF-8");
	sqlite3_free(error);
	atrack_close(db);
}
END_TEST

typedef struct found {
	int count;
	char first[200];
} found;

static int on_problem(const atrack_problem *p, void *payload)
{
	found *f = payload;
	if (strcmp(p->check, "text") == 0 && f->count++ == 0)
		snprintf(f->first, sizeof f->first, "%s", p->message);
	return 0;
}

START_TEST(test_check_finds_bad_text)
{
	atrack_db *db = tu_memory_db();
	add_initiative(db, "x");
	ck_assert_int_eq(atrack_check(db, NULL, NULL), ATRACK_OK);
	/* Behind the library's back, where the triggers would refuse it. */
	exec_sql(db, "UPDATE audit_log SET author = CAST(X'C0' AS TEXT) WHERE id = "
	             "(SELECT max(id) FROM audit_log)");
	found f = { 0, "" };
	ck_assert_int_eq(atrack_check(db, on_problem, &f), ATRACK_CORRUPT);
	ck_assert_int_eq(f.count, 1);
	ck_assert_ptr_nonnull(strstr(f.first, "audit_log "));
	ck_assert_ptr_nonnull(strstr(f.first, ": author is not valid UTF-8 (byte 0)"));
	ck_assert_ptr_nonnull(strstr(atrack_errmsg(db), "1 problem found; the first: text: audit_log"));
	atrack_close(db);
}
END_TEST

/* `check --json` lists every problem, also one whose message quotes a
 * value that is not UTF-8 (jansson refuses such text, and the problem
 * was silently left out). */
START_TEST(test_check_json_keeps_bad_text)
{
	char *dir = tu_tmpdir();
	char *path = tu_path(dir, "bad.db");
	atrack_db *db = NULL;
	ck_assert_int_eq(atrack_open(path, ATRACK_OPEN_CREATE, &db), ATRACK_OK);
	ck_assert_int_eq(atrack_set_author(db, "tester"), ATRACK_OK);
	atrack_party p = { 0 };
	p.name = "P";
	ck_assert_int_eq(atrack_party_add(db, &p, NULL), ATRACK_OK);
	/* As a damaged file or another program could hold it: past the CHECK
	 * and the audit trigger, which would refuse it. */
	exec_sql(db, "PRAGMA ignore_check_constraints = 1; DROP TRIGGER party_au");
	exec_sql(db, "UPDATE party SET slug = CAST(X'41FF' AS TEXT)");
	atrack_close(db);
	const char *argv[] = { "--db", path, "--json", "check", NULL };
	tu_run run = tu_atrack(NULL, argv);
	ck_assert_ptr_nonnull(strstr(run.err, "3 problems found"));
	ck_assert_ptr_nonnull(strstr(run.out, "\"check\": \"slugs\""));
	ck_assert_ptr_nonnull(strstr(run.out, "slug 'A\xEF\xBF\xBD' is not a valid slug"));
	ck_assert_ptr_nonnull(strstr(run.out, "\"check\": \"text\""));
	tu_run_free(&run);
	tu_rmrf(dir);
	free(path);
	free(dir);
}
END_TEST

static Suite *text_rules_suite(void)
{
	Suite *s = suite_create("text_rules");
	TCase *tc = tcase_create("text_rules");
	tcase_add_test(tc, test_times_validated);
	tcase_add_test(tc, test_author_not_utf8);
	tcase_add_test(tc, test_evidence_url);
	tcase_add_test(tc, test_trigger_refuses_bad_text_as_invalid);
	tcase_add_test(tc, test_check_finds_bad_text);
	tcase_add_test(tc, test_check_json_keeps_bad_text);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tu_run_suite(text_rules_suite());
}
