/*
 * test_import.c - the loader: the bundled fact sheet's rows and links,
 * importing the same text again, revising a document in place without
 * losing progress updates, shared things staying one row, dry runs, and
 * bad input leaving the database exactly as it was.
 */
#include "testutil.h"

#include "atrack_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *bundled(size_t *len)
{
	return atrack_bundled_factsheet(len, NULL);
}

static atrack_db *db_with_bundled(atrack_import_result *result)
{
	atrack_db *db = tu_memory_db();
	size_t len;
	const char *text = bundled(&len);
	atrack_import_opts opts = ATRACK_IMPORT_OPTS_INIT;
	opts.source_name = "bundled.txt";
	ck_assert_msg(atrack_import_factsheet(db, text, len, &opts, result) == ATRACK_OK,
	              "%s", atrack_errmsg(db));
	return db;
}

static long long count_rows(atrack_db *db, const char *sql)
{
	return tu_query_int(db, sql);
}

START_TEST(test_bundled_name_and_length)
{
	size_t len = 0;
	const char *name = NULL;
	const char *text = atrack_bundled_factsheet(&len, &name);
	size_t file_len;
	char *file = tu_read_source("data/us-rok-scm56-2024-fact-sheet.txt", &file_len);
	ck_assert_uint_eq(len, file_len);
	ck_assert(memcmp(text, file, len) == 0);
	ck_assert_str_eq(name, "us-rok-scm56-2024-fact-sheet.txt");
	free(file);
}
END_TEST

START_TEST(test_bundled_rows)
{
	atrack_import_result r;
	atrack_db *db = db_with_bundled(&r);
	ck_assert_int_eq(r.outcome, ATRACK_IMPORT_NEW);
	ck_assert_str_eq(r.document_slug, "scm-56-fact-sheet");
	ck_assert_uint_eq(r.meetings.added, 2);
	ck_assert_uint_eq(r.people.added, 4);
	ck_assert_uint_eq(r.sections.added, 3);
	ck_assert_uint_eq(r.initiatives.added, 7);
	ck_assert_uint_eq(r.frameworks.added, 5);
	ck_assert_uint_eq(r.exercises.added, 2);
	ck_assert_uint_eq(r.cited_documents.added, 1);

	ck_assert_int_eq(count_rows(db, "SELECT count(*) FROM meeting"), 2);
	ck_assert_int_eq(count_rows(db, "SELECT count(*) FROM meeting WHERE slug = 'scm-56' "
	                            "AND ordinal = 56 AND start_date = '2024-10-30' AND short_kind = 'SCM'"), 1);
	ck_assert_int_eq(count_rows(db, "SELECT count(*) FROM meeting WHERE start_date = '2024-10-31' "
	                            "AND short_kind = '2+2 Meeting'"), 1);
	ck_assert_int_eq(count_rows(db, "SELECT count(*) FROM person"), 4);
	ck_assert_int_eq(count_rows(db, "SELECT count(*) FROM person JOIN party ON party.id = person.party_id "
	                            "WHERE person.name = 'Cho Tae-yul' AND party.slug = 'rok'"), 1);
	/* Roles: two principals at the SCM, four at the 2+2. */
	ck_assert_int_eq(count_rows(db, "SELECT count(*) FROM meeting_person JOIN meeting ON meeting.id = meeting_id "
	                            "WHERE meeting.slug = 'scm-56'"), 2);
	ck_assert_int_eq(count_rows(db, "SELECT count(*) FROM meeting_person WHERE role = 'Secretary of State'"), 1);
	ck_assert_int_eq(count_rows(db, "SELECT count(*) FROM section"), 3);
	ck_assert_int_eq(count_rows(db, "SELECT count(*) FROM initiative WHERE document_id = 1"), 7);
	ck_assert_int_eq(count_rows(db, "SELECT count(*) FROM framework"), 5);
	ck_assert_int_eq(count_rows(db, "SELECT count(*) FROM framework WHERE acronym = 'DSTEC' AND kind = 'committee'"), 1);
	ck_assert_int_eq(count_rows(db, "SELECT count(*) FROM focus_area WHERE kind = 'focus'"), 6);
	ck_assert_int_eq(count_rows(db, "SELECT count(*) FROM focus_area WHERE kind = 'technology'"), 3);
	ck_assert_int_eq(count_rows(db, "SELECT count(*) FROM framework_focus_area JOIN framework ON "
	                            "framework.id = framework_id WHERE framework.slug = 'regional-cooperation-framework'"), 6);
	ck_assert_int_eq(count_rows(db, "SELECT count(*) FROM exercise"), 2);
	ck_assert_int_eq(count_rows(db, "SELECT count(*) FROM document WHERE kind = 'cited' AND title = "
	                            "'Guidelines for Nuclear Deterrence and Nuclear Operations on the Korean Peninsula'"), 1);

	/* The NCG initiative links the NCG and the Guidelines. */
	ck_assert_int_eq(count_rows(db,
		"SELECT count(*) FROM initiative AS i "
		"JOIN initiative_framework AS f ON f.initiative_id = i.id "
		"JOIN framework ON framework.id = f.framework_id AND framework.acronym = 'NCG' "
		"JOIN initiative_document AS d ON d.initiative_id = i.id "
		"JOIN document ON document.id = d.cited_id AND document.kind = 'cited' "
		"WHERE i.line_start = 6"), 1);
	/* The trilateral one links three parties. */
	ck_assert_int_eq(count_rows(db,
		"SELECT count(*) FROM initiative_party JOIN initiative AS i ON i.id = initiative_id "
		"WHERE i.line_start = 16"), 3);

	/* Provenance: the document row, and lines on every imported row. */
	char *sha = tu_query_text(db, "SELECT sha256 FROM document WHERE kind = 'fact_sheet'");
	size_t len;
	const char *text = bundled(&len);
	char expected[65];
	atr_sha256_hex(text, len, expected);
	ck_assert_str_eq(sha, expected);
	free(sha);
	ck_assert_int_eq(count_rows(db, "SELECT count(*) FROM document WHERE kind = 'fact_sheet' AND "
	                            "source = 'bundled.txt' AND imported_at IS NOT NULL AND body IS NOT NULL"), 1);
	ck_assert_int_eq(count_rows(db, "SELECT count(*) FROM initiative WHERE line_start IS NULL OR document_id IS NULL"), 0);
	ck_assert_int_eq(count_rows(db, "SELECT count(*) FROM framework WHERE source_line IS NULL"), 0);

	/* Every initiative starts announced, dated by its meeting. */
	ck_assert_int_eq(count_rows(db, "SELECT count(*) FROM initiative_current WHERE status = 'announced' "
	                            "AND last_update_date = '2024-10-30'"), 7);
	ck_assert_int_eq(count_rows(db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	atrack_close(db);
}
END_TEST

START_TEST(test_sha256_known_values)
{
	char hex[65];
	atr_sha256_hex("", 0, hex);
	ck_assert_str_eq(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	atr_sha256_hex("abc", 3, hex);
	ck_assert_str_eq(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	const char *two_blocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	atr_sha256_hex(two_blocks, strlen(two_blocks), hex);
	ck_assert_str_eq(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}
END_TEST

START_TEST(test_same_text_again_changes_nothing)
{
	atrack_import_result r;
	atrack_db *db = db_with_bundled(&r);
	char *before = tu_db_dump(db);
	size_t len;
	const char *text = bundled(&len);
	ck_assert_int_eq(atrack_import_factsheet(db, text, len, NULL, &r), ATRACK_OK);
	ck_assert_int_eq(r.outcome, ATRACK_IMPORT_UNCHANGED);
	ck_assert_uint_eq(r.initiatives.found, 7);
	ck_assert_uint_eq(r.initiatives.added, 0);
	char *after = tu_db_dump(db);
	ck_assert_str_eq(before, after);
	free(before);
	free(after);
	atrack_close(db);
}
END_TEST

/* The bundled text with `from` replaced by `to` (first occurrence). */
static char *edited_bundled(const char *from, const char *to, size_t *out_len)
{
	size_t len;
	const char *text = bundled(&len);
	const char *at = strstr(text, from);
	ck_assert_ptr_nonnull(at);
	size_t head = (size_t)(at - text), from_len = strlen(from), to_len = strlen(to);
	*out_len = len - from_len + to_len;
	char *out = malloc(*out_len + 1);
	memcpy(out, text, head);
	memcpy(out + head, to, to_len);
	memcpy(out + head + to_len, at + from_len, len - head - from_len);
	out[*out_len] = '\0';
	return out;
}

START_TEST(test_revision_in_place_keeps_updates)
{
	atrack_import_result r;
	atrack_db *db = db_with_bundled(&r);
	/* An analyst logs progress on the exercises initiative. */
	ck_assert_int_eq(sqlite3_exec(db->sql,
		"INSERT INTO progress_update (initiative_id, status_id, note, author, event_date, recorded_at) "
		"SELECT id, (SELECT id FROM status_code WHERE code = 'in_progress'), 'Exercises held', 'analyst', "
		"'2025-03-20', '2025-03-21T00:00:00.000Z' FROM initiative WHERE line_start = 7",
		NULL, NULL, NULL), SQLITE_OK);
	long long exercise_initiative = tu_query_int(db, "SELECT id FROM initiative WHERE line_start = 7");

	/* The revised text words the item differently and adds one more. */
	size_t len;
	char *revised = edited_bundled("such as Freedom Shield and Ulchi Freedom Shield,",
	                               "such as Freedom Shield, Ulchi Freedom Shield and Freedom Edge,", &len);
	char *with_new_item = NULL;
	{
		const char *anchor = "- Enhancing combined abilities";
		char *at = strstr(revised, anchor);
		ck_assert_ptr_nonnull(at);
		const char *item = "- Establishing a combined space operations cell to share "
		                   "space domain awareness.\n";
		size_t head = (size_t)(at - revised);
		with_new_item = malloc(len + strlen(item) + 1);
		memcpy(with_new_item, revised, head);
		strcpy(with_new_item + head, item);
		strcat(with_new_item, at);
		len += strlen(item);
	}
	atrack_import_opts opts = ATRACK_IMPORT_OPTS_INIT;
	opts.source_name = "bundled-v2.txt";
	ck_assert_msg(atrack_import_factsheet(db, with_new_item, len, &opts, &r) == ATRACK_OK,
	              "%s", atrack_errmsg(db));
	ck_assert_int_eq(r.outcome, ATRACK_IMPORT_REVISED);
	ck_assert_uint_eq(r.initiatives.found, 8);
	ck_assert_uint_eq(r.initiatives.added, 1);
	ck_assert_uint_eq(r.exercises.added, 1);

	ck_assert_int_eq(count_rows(db, "SELECT count(*) FROM document WHERE kind = 'fact_sheet'"), 1);
	ck_assert_int_eq(count_rows(db, "SELECT revision FROM document WHERE kind = 'fact_sheet'"), 2);
	ck_assert_int_eq(count_rows(db, "SELECT count(*) FROM initiative"), 8);
	/* The analyst's update is still there and still current. */
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM initiative_current WHERE initiative_id = %lld "
	         "AND status = 'in_progress'", exercise_initiative);
	ck_assert_int_eq(count_rows(db, sql), 1);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM initiative_exercise WHERE initiative_id = %lld",
	         exercise_initiative);
	ck_assert_int_eq(count_rows(db, sql), 3);
	ck_assert_int_eq(count_rows(db, "SELECT count(*) FROM progress_update"), 9);
	ck_assert_int_eq(count_rows(db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	free(revised);
	free(with_new_item);
	atrack_close(db);
}
END_TEST

START_TEST(test_removed_item_is_kept)
{
	atrack_import_result r;
	atrack_db *db = db_with_bundled(&r);
	size_t len;
	char *revised = edited_bundled("- Conducting large-scale field training exercises",
	                               "Conducting large-scale field training exercises", &len);
	/* That item is now prose in the lead-in paragraph, not a list item. */
	ck_assert_int_eq(atrack_import_factsheet(db, revised, len, NULL, &r), ATRACK_OK);
	ck_assert_int_eq(r.outcome, ATRACK_IMPORT_REVISED);
	ck_assert_uint_eq(r.initiatives.found, 6);
	ck_assert_uint_eq(r.initiatives_no_longer_in_document, 1);
	ck_assert_int_eq(count_rows(db, "SELECT count(*) FROM initiative"), 7);
	free(revised);
	atrack_close(db);
}
END_TEST

START_TEST(test_dry_run_writes_nothing)
{
	atrack_db *db = tu_memory_db();
	char *before = tu_db_dump(db);
	size_t len;
	const char *text = bundled(&len);
	atrack_import_opts opts = ATRACK_IMPORT_OPTS_INIT;
	opts.flags = ATRACK_IMPORT_DRY_RUN;
	atrack_import_result r;
	ck_assert_int_eq(atrack_import_factsheet(db, text, len, &opts, &r), ATRACK_OK);
	ck_assert_int_eq(r.outcome, ATRACK_IMPORT_NEW);
	ck_assert_uint_eq(r.initiatives.added, 7);
	char *after = tu_db_dump(db);
	ck_assert_str_eq(before, after);
	free(before);
	free(after);
	atrack_close(db);
}
END_TEST

START_TEST(test_shared_things_are_one_row)
{
	atrack_import_result r;
	atrack_db *db = db_with_bundled(&r);
	const char *next_year =
		"Fact Sheet: The 57th Security Consultative Meeting\n"
		"During the 57th U.S.-Republic of Korea (ROK) Security Consultative Meeting (SCM) on "
		"November 4, 2025, U.S. Secretary of Defense Lloyd J. Austin III and ROK Minister of "
		"National Defense Kim Yong Hyun reviewed the Alliance's progress.\n"
		"ENHANCING EXTENDED DETERRENCE\n"
		"The United States and the ROK are:\n"
		"- Deepening Nuclear Consultative Group (NCG) tabletop exercises and simulations.\n";
	ck_assert_msg(atrack_import_factsheet(db, next_year, strlen(next_year), NULL, &r) == ATRACK_OK,
	              "%s", atrack_errmsg(db));
	ck_assert_int_eq(r.outcome, ATRACK_IMPORT_NEW);
	ck_assert_uint_eq(r.frameworks.found, 1);
	ck_assert_uint_eq(r.frameworks.added, 0);
	ck_assert_uint_eq(r.people.added, 0);
	ck_assert_uint_eq(r.meetings.added, 1);
	ck_assert_int_eq(count_rows(db, "SELECT count(*) FROM framework WHERE acronym = 'NCG'"), 1);
	ck_assert_int_eq(count_rows(db, "SELECT count(*) FROM person"), 4);
	ck_assert_int_eq(count_rows(db, "SELECT count(*) FROM section"), 3);
	ck_assert_int_eq(count_rows(db, "SELECT count(*) FROM document WHERE kind = 'fact_sheet'"), 2);
	ck_assert_int_eq(count_rows(db, "SELECT count(*) FROM meeting_person JOIN meeting ON meeting.id = meeting_id "
	                            "WHERE meeting.slug = 'scm-57'"), 2);
	ck_assert_int_eq(count_rows(db, "SELECT count(*) FROM initiative_current JOIN initiative AS i ON i.id = initiative_id "
	                            "WHERE i.document_id = (SELECT id FROM document WHERE slug = 'scm-57-fact-sheet') "
	                            "AND last_update_date = '2025-11-04'"), 1);
	atrack_close(db);
}
END_TEST

/* A bad input: the call fails with ATRACK_PARSE, the message names the
 * place, and the database is exactly as it was. */
static void assert_rejected(const char *text, size_t len, const char *message_part, int line)
{
	atrack_import_result r;
	atrack_db *db = db_with_bundled(&r);
	char *before = tu_db_dump(db);
	atrack_import_opts opts = ATRACK_IMPORT_OPTS_INIT;
	opts.source_name = "bad.txt";
	ck_assert_int_eq(atrack_import_factsheet(db, text, len, &opts, &r), ATRACK_PARSE);
	ck_assert_msg(strstr(atrack_errmsg(db), message_part) != NULL, "message '%s' lacks '%s'",
	              atrack_errmsg(db), message_part);
	ck_assert_msg(strncmp(atrack_errmsg(db), "bad.txt:", 8) == 0, "message '%s' lacks the file",
	              atrack_errmsg(db));
	if (line > 0)
		ck_assert_int_eq(atrack_errline(db), line);
	char *after = tu_db_dump(db);
	ck_assert_str_eq(before, after);
	free(before);
	free(after);
	atrack_close(db);
}

START_TEST(test_bad_inputs_leave_database_unchanged)
{
	assert_rejected("", 0, "empty", 0);
	assert_rejected("   \n\n\t\n", 7, "empty", 0);
	assert_rejected("TITLE\nSECTION\n- item\0 after", 26, "NUL", 3);
	assert_rejected("TITLE\nSECTION\n- caf\xC3\n", 20, "UTF-8", 3);
	assert_rejected("TITLE\nSECTION\n- overlong \xC0\xAF slash\n", 33, "UTF-8", 3);
	const char *prose = "Just a paragraph of prose with no heading and no list at all.\n"
	                    "And another sentence that is not a list either.\n";
	assert_rejected(prose, strlen(prose), "no section or list item", 0);
	size_t huge_len = ATRACK_FACTSHEET_MAX_BYTES + 1;
	char *huge = malloc(huge_len);
	memset(huge, 'a', huge_len);
	assert_rejected(huge, huge_len, "larger than", 0);
	free(huge);
}
END_TEST

START_TEST(test_json_of_model)
{
	size_t len;
	const char *text = bundled(&len);
	char *json = NULL;
	ck_assert_int_eq(atrack_factsheet_json(NULL, text, len, "x.txt", &json), ATRACK_OK);
	ck_assert_ptr_nonnull(strstr(json, "\"Defense Science and Technology Executive Committee\""));
	ck_assert_ptr_nonnull(strstr(json, "\"2024-10-31\""));
	atrack_free(json);
	atrack_db *db = tu_memory_db();
	ck_assert_int_eq(atrack_factsheet_json(db, "", 0, "empty.txt", &json), ATRACK_PARSE);
	ck_assert_ptr_null(json);
	ck_assert_ptr_nonnull(strstr(atrack_errmsg(db), "empty.txt"));
	atrack_close(db);
}
END_TEST

static int import_bundled_attempt(atrack_db *db, void *payload)
{
	(void)payload;
	size_t len;
	const char *text = bundled(&len);
	atrack_import_result r;
	return atrack_import_factsheet(db, text, len, NULL, &r);
}

START_TEST(test_out_of_memory_writes_nothing)
{
	atrack_db *db = tu_memory_db();
	long n;
	ck_assert_int_eq(tu_until_memory_suffices(db, import_bundled_attempt, NULL, &n), ATRACK_OK);
	ck_assert_int_gt(n, 10);
	ck_assert_int_eq(count_rows(db, "SELECT count(*) FROM initiative"), 7);
	atrack_close(db);
}
END_TEST

START_TEST(test_cli_import)
{
	char *dir = tu_tmpdir();
	char *db_path = tu_path(dir, "cli.db");
	const char *first[] = { "--db", db_path, "import", NULL };
	tu_run run = tu_atrack(NULL, first);
	ck_assert_int_eq(run.status, 0);
	ck_assert_ptr_nonnull(strstr(run.out, "imported as 'scm-56-fact-sheet'"));
	ck_assert_ptr_nonnull(strstr(run.out, "initiatives      7      7"));
	tu_run_free(&run);

	run = tu_atrack(NULL, first);
	ck_assert_int_eq(run.status, 0);
	ck_assert_ptr_nonnull(strstr(run.out, "unchanged"));
	tu_run_free(&run);

	const char *from_stdin[] = { "--db", db_path, "import", "-", NULL };
	run = tu_atrack("TITLE\nSECTION\n- bad \xff byte\n", from_stdin);
	ck_assert_int_eq(run.status, 4);
	ck_assert_str_eq(run.err, "atrack: import: -:3:7: invalid UTF-8\n");
	tu_run_free(&run);

	const char *missing[] = { "--db", db_path, "import", "no-such-file.txt", NULL };
	run = tu_atrack(NULL, missing);
	ck_assert_int_eq(run.status, 3);
	ck_assert_str_eq(run.err, "atrack: import: cannot open 'no-such-file.txt': No such file or directory\n");
	tu_run_free(&run);

	tu_rmrf(dir);
	free(db_path);
	free(dir);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("import");
	TCase *tc = tcase_create("import");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_bundled_name_and_length);
	tcase_add_test(tc, test_bundled_rows);
	tcase_add_test(tc, test_sha256_known_values);
	tcase_add_test(tc, test_same_text_again_changes_nothing);
	tcase_add_test(tc, test_revision_in_place_keeps_updates);
	tcase_add_test(tc, test_removed_item_is_kept);
	tcase_add_test(tc, test_dry_run_writes_nothing);
	tcase_add_test(tc, test_shared_things_are_one_row);
	tcase_add_test(tc, test_bad_inputs_leave_database_unchanged);
	tcase_add_test(tc, test_json_of_model);
	tcase_add_test(tc, test_out_of_memory_writes_nothing);
	tcase_add_test(tc, test_cli_import);
	suite_add_tcase(s, tc);
	return tu_run_suite(s);
}
