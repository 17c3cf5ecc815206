/*
 * test_import_rules.c - a JSON import holds to the rules every other path
 * into the database holds to, and says where a refused document is wrong:
 * the transitions, dates, times and evidence of progress updates as
 * `update add` checks them, positions as 1-based lines and columns, a
 * byte order mark, and a database left exactly as it was on refusal.
 * Documents are small, so the suite stays quick under valgrind.
 */
#include "testutil.h"

#include "atrack_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int import_text(atrack_db *db, const char *text)
{
	atrack_exchange_opts opts = ATRACK_EXCHANGE_OPTS_INIT;
	opts.source_name = "doc.json";
	return atrack_import_json_buffer(db, text, strlen(text), &opts, NULL);
}

/* The import is refused with `rc` and `message`, and changes nothing. */
static void expect_refused(atrack_db *db, const char *doc, int rc, const char *message)
{
	char *before = tu_db_dump(db);
	int got = import_text(db, doc);
	ck_assert_msg(got == rc, "rc %d (%s), expected %d", got, atrack_errmsg(db), rc);
	ck_assert_str_eq(atrack_errmsg(db), message);
	char *after = tu_db_dump(db);
	ck_assert_str_eq(before, after);
	free(before);
	free(after);
}

#define HEAD "{\"format\": \"atrack-export\", \"format_version\": 1, \"schema_version\": 1,\n"
#define INITIATIVE "\"initiatives\": [{\"slug\": \"x\", \"title\": \"X\", \"body\": \"b\", " \
	"\"position\": 1, \"created_at\": \"2024-01-01T00:00:00.000Z\"}],\n"
/* An update of initiative x, one per line. */
#define UPDATE(status, date, reopen, extra) \
	" {\"initiative\": \"x\", \"status\": \"" status "\", \"author\": \"a\", " \
	"\"event_date\": \"" date "\", \"recorded_at\": \"" date "T00:00:00.000Z\", " \
	"\"is_reopen\": " reopen extra "}"

START_TEST(test_import_bom_and_columns)
{
	atrack_db *db = tu_memory_db();
	/* A byte order mark before an export is read past. */
	ck_assert_msg(import_text(db, "\xEF\xBB\xBF" HEAD INITIATIVE "\"parties\": []}") == ATRACK_OK,
	              "%s", atrack_errmsg(db));
	ck_assert_int_eq(tu_query_int(db, "SELECT count(*) FROM initiative WHERE slug = 'x'"), 1);
	/* Columns are 1-based: an end of input at the start of a line, or of
	 * an empty document, is column 1, never 0. */
	expect_refused(db, "", ATRACK_PARSE, "doc.json:1:1: '[' or '{' expected near end of file");
	ck_assert_int_eq(atrack_errcolumn(db), 1);
	expect_refused(db, "{\"format\": 1,\n", ATRACK_PARSE,
	               "doc.json:2:1: string or '}' expected near end of file");
	ck_assert_int_eq(atrack_errline(db), 2);
	ck_assert_int_eq(atrack_errcolumn(db), 1);
	/* The position of a refused row's field, after a BOM, on line 3,
	 * counted in characters ("é" is one). */
	expect_refused(db, "\xEF\xBB\xBF" HEAD " \"parties\": [{\"slug\": \"p\", \"name\": \"P\",\n"
	               "  \"kind\": \"\xC3\xA9\", \"nmae\": 1}]}",
	               ATRACK_INVALID, "doc.json:3:16: $.parties[0].nmae: unknown field");
	ck_assert_int_eq(atrack_errline(db), 3);
	ck_assert_int_eq(atrack_errcolumn(db), 16);
	/* A key written with escapes is found all the same. */
	expect_refused(db, HEAD "\"parties\": [{\"sl\\u0075g\": \"p\", \"name\": \"P\", \"kind\": \"x\", "
	               "\"k\\u00e9y\": 1}]}",
	               ATRACK_INVALID, "doc.json:2:58: $.parties[0].k\xC3\xA9y: unknown field");
	atrack_close(db);
}
END_TEST

START_TEST(test_import_times_validated)
{
	atrack_db *db = tu_memory_db();
	expect_refused(db, HEAD "\"initiatives\": [{\"slug\": \"x\", \"title\": \"X\", \"body\": \"b\", "
	               "\"position\": 1, \"created_at\": \"2020-01-01Tgarbage\"}]}", ATRACK_INVALID,
	               "doc.json:2:73: $.initiatives[0].created_at: '2020-01-01Tgarbage' is not a "
	               "valid time (YYYY-MM-DDTHH:MM:SS.sssZ)");
	expect_refused(db, HEAD "\"documents\": [{\"slug\": \"d\", \"title\": \"D\", \"kind\": \"other\", "
	               "\"revision\": 1, \"imported_at\": \"2020-01-01 99:99\"}]}", ATRACK_INVALID,
	               "doc.json:2:75: $.documents[0].imported_at: '2020-01-01 99:99' is not a "
	               "valid time (YYYY-MM-DDTHH:MM:SS.sssZ)");
	expect_refused(db, HEAD INITIATIVE "\"progress_updates\": [\n"
	               " {\"initiative\": \"x\", \"status\": \"planned\", \"author\": \"a\", "
	               "\"event_date\": \"2024-01-02\", \"recorded_at\": \"r1\", \"is_reopen\": false}]}",
	               ATRACK_INVALID, "doc.json:4:86: $.progress_updates[0].recorded_at: 'r1' is not a "
	               "valid time (YYYY-MM-DDTHH:MM:SS.sssZ)");
	atrack_close(db);
}
END_TEST

#define UPDATES(rows) HEAD INITIATIVE "\"progress_updates\": [\n" rows "]}"

/* The rules update add applies, applied by the same code: every refusal
 * leaves the database as it was. */
START_TEST(test_import_update_rules)
{
	atrack_db *db = tu_memory_db();
	/* T1: leaving a terminal status needs a reopen (the history need not
	 * be listed in order). */
	expect_refused(db, UPDATES(UPDATE("in_progress", "2024-03-01", "false", "") ",\n"
	                           UPDATE("completed", "2024-02-01", "false", "")),
	               ATRACK_INVALID, "doc.json:4:22: $.progress_updates[0].status: 'in_progress' "
	               "would leave terminal status 'completed'; reopen explicitly (--reopen) with a note");
	/* T2: a reopen follows a terminal status. */
	expect_refused(db, UPDATES(UPDATE("planned", "2024-02-01", "false", "") ",\n"
	                           UPDATE("in_progress", "2024-03-01", "true", ", \"note\": \"Again.\"")),
	               ATRACK_INVALID, "doc.json:5:133: $.progress_updates[1].is_reopen: nothing to reopen: "
	               "status 'planned' (2024-02-01) is not terminal");
	/* T3: a reopen says why. */
	expect_refused(db, UPDATES(UPDATE("completed", "2024-02-01", "false", "") ",\n"
	                           UPDATE("in_progress", "2024-03-01", "true", "")),
	               ATRACK_INVALID, "doc.json:5:2: $.progress_updates[1].note: a reopen needs a note "
	               "saying why");
	/* No event in the future. */
	char today[11], message[200];
	atr_today(today);
	snprintf(message, sizeof message, "doc.json:4:58: $.progress_updates[0].event_date: "
	         "'2099-01-01' is in the future (today is %s, UTC)", today);
	expect_refused(db, UPDATES(UPDATE("planned", "2099-01-01", "false", "")), ATRACK_INVALID,
	               message);
	/* Evidence is a web address. */
	expect_refused(db, UPDATES(UPDATE("planned", "2024-02-01", "false",
	                                  ", \"evidence_url\": \"javascript:alert(1)\"")),
	               ATRACK_INVALID, "doc.json:4:149: $.progress_updates[0].evidence_url: "
	               "'javascript:alert(1)' is not a web address (http:// or https://)");
	/* The health and percentage vocabularies. */
	expect_refused(db, UPDATES(UPDATE("planned", "2024-02-01", "false", ", \"health\": \"meh\"")),
	               ATRACK_INVALID, "doc.json:4:149: $.progress_updates[0].health: 'meh' is not "
	               "one of on_track, at_risk, off_track");
	expect_refused(db, UPDATES(UPDATE("planned", "2024-02-01", "false", ", \"percent_complete\": -1")),
	               ATRACK_INVALID, "doc.json:4:149: $.progress_updates[0].percent_complete: -1 is "
	               "outside 0..100");

	/* A valid history, listed out of order, is taken whole. */
	ck_assert_msg(import_text(db, UPDATES(
		UPDATE("in_progress", "2024-04-01", "true", ", \"note\": \"Again.\"") ",\n"
		UPDATE("planned", "2024-02-01", "false", "") ",\n"
		UPDATE("completed", "2024-03-01", "false", ""))) == ATRACK_OK, "%s", atrack_errmsg(db));
	ck_assert_int_eq(atrack_check(db, NULL, NULL), ATRACK_OK);
	/* An update slipped in before the database's own reopen would leave
	 * it reopening nothing: refused, naming the update it would break. */
	expect_refused(db, UPDATES(UPDATE("planned", "2024-03-15", "true", ", \"note\": \"Wait.\"")),
	               ATRACK_INVALID, "doc.json:4:58: $.progress_updates[0].event_date: update 1 (a "
	               "reopen on 2024-04-01) would then reopen nothing: the status before it is not "
	               "terminal");
	atrack_close(db);
}
END_TEST

static Suite *import_rules_suite(void)
{
	Suite *s = suite_create("import_rules");
	TCase *position = tcase_create("position");
	tcase_add_test(position, test_import_bom_and_columns);
	suite_add_tcase(s, position);
	TCase *rules = tcase_create("rules");
	tcase_add_test(rules, test_import_times_validated);
	tcase_add_test(rules, test_import_update_rules);
	suite_add_tcase(s, rules);
	return s;
}

int main(void)
{
	return tu_run_suite(import_rules_suite());
}
