/*
 * test_loader.c - the fact-sheet loader beyond the bundled sheet: the work
 * of an import grows with the document, not with its square; the date of
 * the announcements (the text's, the caller's, refused when neither, never
 * after today); the options' versions; a revised text against a different
 * document of the same meeting, and no text ever lost; each party of a
 * document in its role there (a party, or only mentioned).
 */
#include "testutil.h"

#include "atrack_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const TOPICS[] = {
	"maritime", "cyber", "space", "logistics", "training", "intelligence", "industrial",
	"medical", "energy", "climate", "research", "education",
};

/* A sheet of one dated meeting and `items` distinct list items, each
 * naming `word` (so a revision can change every item). malloc'd. */
static char *sheet(int items, const char *word, size_t *len)
{
	atr_buf b = ATR_BUF_INIT;
	atr_buf_puts(&b,
		"Fact Sheet: The 57th Security Consultative Meeting\n"
		"During the 57th U.S.-Republic of Korea (ROK) Security Consultative Meeting (SCM) on "
		"November 4, 2025, U.S. Secretary of Defense Lloyd J. Austin III and ROK Minister of "
		"National Defense Kim Yong Hyun reviewed the Alliance's progress.\n"
		"ENHANCING ALLIANCE COOPERATION\n"
		"The United States and the ROK are:\n");
	for (int i = 0; i < items; i++)
		atr_buf_printf(&b, "- Establishing %s working group %d on %s %s cooperation.\n",
		               word, i + 1, TOPICS[i % ATR_ARRAY_SIZE(TOPICS)],
		               TOPICS[(i / ATR_ARRAY_SIZE(TOPICS)) % ATR_ARRAY_SIZE(TOPICS)]);
	ck_assert(!atr_buf_failed(&b));
	*len = b.len;
	return atr_buf_detach(&b);
}

/* The virtual-machine steps of every statement the connection holds since
 * the last call (each counter is reset): the work SQLite did, triggers
 * included, independent of the machine's speed and load. */
static long long vm_steps(atrack_db *db)
{
	long long steps = 0;
	for (sqlite3_stmt *s = sqlite3_next_stmt(db->sql, NULL); s; s = sqlite3_next_stmt(db->sql, s))
		steps += sqlite3_stmt_status(s, SQLITE_STMTSTATUS_VM_STEP, 1);
	return steps;
}

/* Steps of importing a sheet of `items` into a fresh database, and of
 * then importing a revision of it that rewords every item. */
static void import_steps(int items, long long *new_steps, long long *revised_steps)
{
	atrack_db *db = tu_memory_db();
	size_t len;
	char *text = sheet(items, "joint", &len);
	atrack_import_result r;
	vm_steps(db);
	ck_assert_msg(atrack_import_factsheet(db, text, len, NULL, &r) == ATRACK_OK, "%s",
	              atrack_errmsg(db));
	*new_steps = vm_steps(db);
	ck_assert_uint_eq(r.initiatives.added, (unsigned)items);
	free(text);
	text = sheet(items, "combined", &len);
	ck_assert_msg(atrack_import_factsheet(db, text, len, NULL, &r) == ATRACK_OK, "%s",
	              atrack_errmsg(db));
	*revised_steps = vm_steps(db);
	ck_assert_int_eq(r.outcome, ATRACK_IMPORT_REVISED);
	ck_assert_uint_eq(r.initiatives.found, (unsigned)items);
	free(text);
	atrack_close(db);
}

START_TEST(test_import_is_linear)
{
	long long small_new, small_revised, big_new, big_revised;
	import_steps(300, &small_new, &small_revised);
	import_steps(1200, &big_new, &big_revised);
	/* Four times the items: about four times the work when each item costs
	 * the same; sixteen when each looks through the items before it. */
	double growth_new = (double)big_new / (double)small_new;
	double growth_revised = (double)big_revised / (double)small_revised;
	ck_assert_msg(growth_new < 5.0, "a new document of 4x the items took %.1fx the steps "
	              "(%lld -> %lld)", growth_new, small_new, big_new);
	ck_assert_msg(growth_revised < 5.0, "a revision of 4x the items took %.1fx the steps "
	              "(%lld -> %lld)", growth_revised, small_revised, big_revised);
}
END_TEST

/* ---- Dates of the announcements ------------------------------------------ */

static const char DATELESS[] =
	"Fact Sheet: Working Together\n"
	"COOPERATION\n"
	"- The two sides agreed to establish a joint maritime working group.\n";

static const char DATELESS_MEETING[] =
	"Fact Sheet: The 58th Security Consultative Meeting\n"
	"At the 58th U.S.-Republic of Korea (ROK) Security Consultative Meeting (SCM), U.S. "
	"Secretary of Defense Lloyd J. Austin III and ROK Minister of National Defense Kim Yong "
	"Hyun reviewed the Alliance's progress.\n"
	"ENHANCING ALLIANCE COOPERATION\n"
	"The United States and the ROK are:\n"
	"- Establishing a combined maritime working group.\n";

static atrack_import_opts dated(const char *date)
{
	atrack_import_opts opts = ATRACK_IMPORT_OPTS_INIT;
	opts.source_name = "sheet.txt";
	opts.meeting_date = date;
	return opts;
}

START_TEST(test_unknown_date_is_refused)
{
	static const char *const texts[] = { DATELESS, DATELESS_MEETING };
	for (size_t i = 0; i < ATR_ARRAY_SIZE(texts); i++) {
		atrack_db *db = tu_memory_db();
		char *before = tu_db_dump(db);
		atrack_import_opts opts = dated(NULL);
		atrack_import_result r;
		ck_assert_int_eq(atrack_import_factsheet(db, texts[i], strlen(texts[i]), &opts, &r),
		                 ATRACK_INVALID);
		ck_assert_msg(strstr(atrack_errmsg(db), "sheet.txt:") == atrack_errmsg(db) &&
		              strstr(atrack_errmsg(db), "the meeting date is unknown"), "%s",
		              atrack_errmsg(db));
		ck_assert_int_gt(atrack_errline(db), 1);
		char *after = tu_db_dump(db);
		ck_assert_str_eq(before, after);
		free(before);
		free(after);
		/* No options at all: the same. */
		ck_assert_int_eq(atrack_import_factsheet(db, texts[i], strlen(texts[i]), NULL, &r),
		                 ATRACK_INVALID);
		atrack_close(db);
	}
}
END_TEST

START_TEST(test_supplied_date)
{
	atrack_db *db = tu_memory_db();
	atrack_import_opts opts = dated("2025-02-03");
	ck_assert_msg(atrack_import_factsheet(db, DATELESS, strlen(DATELESS), &opts, NULL) == ATRACK_OK,
	              "%s", atrack_errmsg(db));
	ck_assert_int_eq(tu_query_int(db, "SELECT count(*) FROM progress_update WHERE "
	                              "event_date = '2025-02-03'"), 1);
	/* A meeting the text leaves undated takes the date too. */
	ck_assert_msg(atrack_import_factsheet(db, DATELESS_MEETING, strlen(DATELESS_MEETING), &opts,
	                                      NULL) == ATRACK_OK, "%s", atrack_errmsg(db));
	ck_assert_int_eq(tu_query_int(db, "SELECT count(*) FROM meeting WHERE slug = 'scm-58' AND "
	                              "start_date = '2025-02-03' AND end_date = '2025-02-03'"), 1);
	ck_assert_int_eq(tu_query_int(db, "SELECT count(*) FROM progress_update WHERE "
	                              "event_date = '2025-02-03'"), 2);
	/* The text's own date wins over the one supplied. */
	size_t len;
	char *text = sheet(3, "joint", &len);
	ck_assert_int_eq(atrack_import_factsheet(db, text, len, &opts, NULL), ATRACK_OK);
	ck_assert_int_eq(tu_query_int(db, "SELECT count(*) FROM progress_update WHERE "
	                              "event_date = '2025-11-04'"), 3);
	free(text);
	/* A supplied date must be one. */
	atrack_import_opts bad = dated("2025-02-30");
	ck_assert_int_eq(atrack_import_factsheet(db, DATELESS, strlen(DATELESS), &bad, NULL),
	                 ATRACK_INVALID);
	ck_assert_ptr_nonnull(strstr(atrack_errmsg(db), "'2025-02-30' is not a date"));
	atrack_close(db);
}
END_TEST

START_TEST(test_future_meeting_does_not_block_updates)
{
	atrack_db *db = tu_memory_db();
	const char *future =
		"Fact Sheet: The 60th Security Consultative Meeting\n"
		"During the 60th U.S.-Republic of Korea (ROK) Security Consultative Meeting (SCM) on "
		"November 4, 2099, U.S. Secretary of Defense Lloyd J. Austin III and ROK Minister of "
		"National Defense Kim Yong Hyun reviewed the Alliance's progress.\n"
		"ENHANCING ALLIANCE COOPERATION\n"
		"The United States and the ROK are:\n"
		"- Establishing a combined maritime working group.\n";
	ck_assert_msg(atrack_import_factsheet(db, future, strlen(future), NULL, NULL) == ATRACK_OK,
	              "%s", atrack_errmsg(db));
	/* The meeting keeps its date; the announcement is dated today. */
	ck_assert_int_eq(tu_query_int(db, "SELECT count(*) FROM meeting WHERE start_date = '2099-11-04'"), 1);
	char today[11], sql[256];
	atr_today(today);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM progress_update WHERE event_date = '%s' "
	         "AND note LIKE 'Announced for the %% on 2099-11-04.'", today);
	ck_assert_int_eq(tu_query_int(db, sql), 1);
	/* An analyst's update of today is the current status. */
	atrack_update_input in = ATRACK_UPDATE_INPUT_INIT;
	in.initiative_id = tu_query_int(db, "SELECT id FROM initiative");
	in.status = "in_progress";
	ck_assert_msg(atrack_update_add(db, &in, NULL) == ATRACK_OK, "%s", atrack_errmsg(db));
	ck_assert_int_eq(tu_query_int(db, "SELECT count(*) FROM initiative_current WHERE "
	                              "status = 'in_progress'"), 1);
	atrack_close(db);
}
END_TEST

/* ---- The options' versions ------------------------------------------------- */

/* atrack_import_opts as version 1 declared it: without meeting_date. */
typedef struct import_opts_v1 {
	unsigned int version;
	const char *source_name;
	unsigned int flags;
} import_opts_v1;

START_TEST(test_opts_versions)
{
	atrack_db *db = tu_memory_db();
	size_t len;
	char *text = sheet(2, "joint", &len);
	/* A caller built against version 1 passes the shorter struct: the
	 * library must not read past it (AddressSanitizer would see it). */
	import_opts_v1 *v1 = malloc(sizeof *v1);
	v1->version = 1;
	v1->source_name = "v1.txt";
	v1->flags = 0;
	ck_assert_msg(atrack_import_factsheet(db, text, len, (const atrack_import_opts *)(void *)v1,
	                                      NULL) == ATRACK_OK, "%s", atrack_errmsg(db));
	ck_assert_int_eq(tu_query_int(db, "SELECT count(*) FROM document WHERE source = 'v1.txt'"), 1);
	/* Version 1 has no date to give: a dateless text is refused. */
	ck_assert_int_eq(atrack_import_factsheet(db, DATELESS, strlen(DATELESS),
	                                         (const atrack_import_opts *)(void *)v1, NULL),
	                 ATRACK_INVALID);
	free(v1);
	static const unsigned int unknown[] = { 0, 3, 99 };
	for (size_t i = 0; i < ATR_ARRAY_SIZE(unknown); i++) {
		atrack_import_opts opts = dated("2025-01-01");
		opts.version = unknown[i];
		ck_assert_int_eq(atrack_import_factsheet(db, DATELESS, strlen(DATELESS), &opts, NULL),
		                 ATRACK_MISUSE);
	}
	free(text);
	atrack_close(db);
}
END_TEST

/* ---- The command ------------------------------------------------------------ */

START_TEST(test_cli_date)
{
	char *dir = tu_tmpdir();
	char *db_path = tu_path(dir, "cli.db");
	char *input = tu_path(dir, "dateless.txt");
	tu_write_file(input, DATELESS, strlen(DATELESS));
	const char *init[] = { "--db", db_path, "init", NULL };
	tu_run run = tu_atrack(NULL, init);
	ck_assert_int_eq(run.status, 0);
	tu_run_free(&run);
	atrack_db *db = NULL;
	ck_assert_int_eq(atrack_open(db_path, ATRACK_OPEN_READONLY, &db), ATRACK_OK);
	char *before = tu_db_dump(db);
	atrack_close(db);

	const char *plain[] = { "--db", db_path, "import", input, NULL };
	run = tu_atrack(NULL, plain);
	ck_assert_int_eq(run.status, 4);
	char expected[512];
	snprintf(expected, sizeof expected, "atrack: import: %s:3:3: the meeting date is unknown "
	         "(the text gives none): give it with --date YYYY-MM-DD\n", input);
	ck_assert_str_eq(run.err, expected);
	tu_run_free(&run);
	ck_assert_int_eq(atrack_open(db_path, ATRACK_OPEN_READONLY, &db), ATRACK_OK);
	char *after = tu_db_dump(db);
	atrack_close(db);
	ck_assert_str_eq(before, after);

	const char *with_date[] = { "--db", db_path, "import", "--date", "2025-02-03", input, NULL };
	run = tu_atrack(NULL, with_date);
	ck_assert_msg(run.status == 0, "%s", run.err);
	tu_run_free(&run);
	ck_assert_int_eq(atrack_open(db_path, ATRACK_OPEN_READONLY, &db), ATRACK_OK);
	ck_assert_int_eq(tu_query_int(db, "SELECT count(*) FROM progress_update WHERE "
	                              "event_date = '2025-02-03'"), 1);
	atrack_close(db);

	const char *bad[] = { "--db", db_path, "import", "--date", "tomorrow", input, NULL };
	run = tu_atrack(NULL, bad);
	ck_assert_int_eq(run.status, 4);
	ck_assert_str_eq(run.err, "atrack: import: meeting date 'tomorrow' is not a date (YYYY-MM-DD)\n");
	tu_run_free(&run);

	free(before);
	free(after);
	tu_rmrf(dir);
	free(input);
	free(db_path);
	free(dir);
}
END_TEST

/* ---- Revisions and other documents of the same meeting --------------------- */

/* A communiqué of the bundled sheet's meeting: another document. */
static const char COMMUNIQUE[] =
	"Joint Communique of the 56th Security Consultative Meeting\n"
	"During the 56th U.S.-Republic of Korea (ROK) Security Consultative Meeting (SCM) on "
	"October 30, 2024, U.S. Secretary of Defense Lloyd J. Austin III and ROK Minister of "
	"National Defense Kim Yong Hyun reviewed the Alliance's progress.\n"
	"ENHANCING ALLIANCE COOPERATION\n"
	"The United States and the ROK are:\n"
	"- Establishing a combined maritime working group.\n"
	"- Expanding combined logistics exercises in the region.\n";

static char *rows_of_document(atrack_db *db, long long document)
{
	char sql[512];
	snprintf(sql, sizeof sql, "SELECT group_concat(id || '|' || slug || '|' || title || '|' || "
	         "body || '|' || position || '|' || ifnull(meeting_id, '-'), char(10)) FROM "
	         "(SELECT * FROM initiative WHERE document_id = %lld ORDER BY id)", document);
	return tu_query_text(db, sql);
}

static atrack_db *with_bundled(void)
{
	atrack_db *db = tu_memory_db();
	size_t len;
	const char *text = atrack_bundled_factsheet(&len, NULL);
	ck_assert_int_eq(atrack_import_factsheet(db, text, len, NULL, NULL), ATRACK_OK);
	return db;
}

START_TEST(test_other_document_of_the_meeting_is_new)
{
	atrack_db *db = with_bundled();
	long long first = tu_query_int(db, "SELECT id FROM document WHERE slug = 'scm-56-fact-sheet'");
	char *first_rows = rows_of_document(db, first);
	char *first_sha = tu_query_text(db, "SELECT sha256 || body FROM document WHERE id = 1");

	atrack_import_result r;
	ck_assert_msg(atrack_import_factsheet(db, COMMUNIQUE, strlen(COMMUNIQUE), NULL, &r) == ATRACK_OK,
	              "%s", atrack_errmsg(db));
	ck_assert_int_eq(r.outcome, ATRACK_IMPORT_NEW);
	ck_assert_str_eq(r.document_slug, "scm-56-fact-sheet-2");
	ck_assert_uint_eq(r.meetings.added, 0);
	ck_assert_uint_eq(r.initiatives.added, 2);
	ck_assert_uint_eq(r.initiatives_no_longer_in_document, 0);
	/* The first document, its text and its initiatives are as they were. */
	char *rows = rows_of_document(db, first);
	ck_assert_str_eq(rows, first_rows);
	char *sha = tu_query_text(db, "SELECT sha256 || body FROM document WHERE id = 1");
	ck_assert_str_eq(sha, first_sha);
	ck_assert_int_eq(tu_query_int(db, "SELECT revision FROM document WHERE id = 1"), 1);
	ck_assert_int_eq(tu_query_int(db, "SELECT count(*) FROM document_text"), 0);
	/* The new one's initiatives are its own, linked to the same meeting. */
	ck_assert_int_eq(tu_query_int(db, "SELECT count(*) FROM initiative AS i JOIN document AS d "
	                              "ON d.id = i.document_id JOIN meeting AS m ON m.id = i.meeting_id "
	                              "WHERE d.slug = 'scm-56-fact-sheet-2' AND m.slug = 'scm-56'"), 2);
	ck_assert_int_eq(tu_query_int(db, "SELECT count(*) FROM meeting_document JOIN meeting AS m "
	                              "ON m.id = meeting_id WHERE m.slug = 'scm-56'"), 2);

	/* A revised text of the communiqué revises the communiqué. */
	size_t len = strlen(COMMUNIQUE);
	char *revised = malloc(len + 64);
	memcpy(revised, COMMUNIQUE, len + 1);
	strcat(revised, "- Holding a combined cyber exercise each year.\n");
	ck_assert_int_eq(atrack_import_factsheet(db, revised, strlen(revised), NULL, &r), ATRACK_OK);
	ck_assert_int_eq(r.outcome, ATRACK_IMPORT_REVISED);
	ck_assert_str_eq(r.document_slug, "scm-56-fact-sheet-2");
	ck_assert_uint_eq(r.initiatives.found, 3);
	ck_assert_uint_eq(r.initiatives.added, 1);
	free(rows);
	rows = rows_of_document(db, first);
	ck_assert_str_eq(rows, first_rows);
	ck_assert_int_eq(tu_query_int(db, "SELECT count(*) FROM document WHERE kind = 'fact_sheet'"), 2);
	ck_assert_int_eq(tu_query_int(db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	free(revised);
	free(rows);
	free(first_rows);
	free(sha);
	free(first_sha);
	atrack_close(db);
}
END_TEST

START_TEST(test_revision_keeps_earlier_text)
{
	atrack_db *db = with_bundled();
	size_t len;
	const char *text = atrack_bundled_factsheet(&len, NULL);
	char first_sha[65];
	atr_sha256_hex(text, len, first_sha);
	/* Two revisions of the same title and meeting: in place, each time. */
	for (int i = 2; i <= 3; i++) {
		char *revised = malloc(len + 64);
		memcpy(revised, text, len);
		size_t n = len + (size_t)snprintf(revised + len, 64, "- Revision %d adds an item.\n", i);
		atrack_import_opts opts = ATRACK_IMPORT_OPTS_INIT;
		char source[32];
		snprintf(source, sizeof source, "v%d.txt", i);
		opts.source_name = source;
		atrack_import_result r;
		ck_assert_msg(atrack_import_factsheet(db, revised, n, &opts, &r) == ATRACK_OK, "%s",
		              atrack_errmsg(db));
		ck_assert_int_eq(r.outcome, ATRACK_IMPORT_REVISED);
		ck_assert_str_eq(r.document_slug, "scm-56-fact-sheet");
		free(revised);
	}
	ck_assert_int_eq(tu_query_int(db, "SELECT count(*) FROM document WHERE kind = 'fact_sheet'"), 1);
	ck_assert_int_eq(tu_query_int(db, "SELECT revision FROM document"), 3);
	ck_assert_int_eq(tu_query_int(db, "SELECT count(*) FROM document_text"), 2);
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM document_text WHERE revision = 1 AND "
	         "sha256 = '%s' AND byte_size = %zu AND length(CAST(body AS BLOB)) = %zu", first_sha,
	         len, len);
	ck_assert_int_eq(tu_query_int(db, sql), 1);
	ck_assert_int_eq(tu_query_int(db, "SELECT count(*) FROM document_text WHERE revision = 2 "
	                              "AND source = 'v2.txt' AND body LIKE '%Revision 2 adds%'"), 1);
	char *body = tu_query_text(db, "SELECT body FROM document_text WHERE revision = 1");
	ck_assert(strlen(body) == len && memcmp(body, text, len) == 0);
	free(body);

	/* The export carries the earlier texts, and an import restores them. */
	atrack_exchange_opts xo = ATRACK_EXCHANGE_OPTS_INIT;
	char *json = NULL;
	ck_assert_int_eq(atrack_export_buffer(db, &xo, &json), ATRACK_OK);
	ck_assert_ptr_nonnull(strstr(json, "\"document_texts\""));
	atrack_db *to = tu_memory_db();
	ck_assert_msg(atrack_import_json_buffer(to, json, strlen(json), &xo, NULL) == ATRACK_OK, "%s",
	              atrack_errmsg(to));
	ck_assert_int_eq(tu_query_int(to, sql), 1);
	char *again = NULL;
	ck_assert_int_eq(atrack_export_buffer(to, &xo, &again), ATRACK_OK);
	ck_assert_str_eq(json, again);
	atrack_free(json);
	atrack_free(again);
	atrack_close(to);
	atrack_close(db);
}
END_TEST

/* ---- Parties and parties mentioned ---------------------------------------- */

static const char LONG_TITLE[] =
	"Joint Statement of the Harbour Partners on Coastal Resilience and Maritime Cooperation\n\n"
	"The harbour partners share a coast.\n\n"
	"- Launching a pilot exchange between the harbours.\n";

/* A document's slug is at most 40 characters, cut at a word; a text that
 * revises a document stored under the longer slug of earlier versions
 * still revises it in place. */
START_TEST(test_document_slug_short_and_legacy_found)
{
	atrack_db *db = tu_memory_db();
	atrack_import_opts opts = dated("2031-06-02");
	atrack_import_result r;
	ck_assert_int_eq(atrack_import_factsheet(db, LONG_TITLE, strlen(LONG_TITLE), &opts, &r),
	                 ATRACK_OK);
	ck_assert_uint_le(strlen(r.document_slug), 40);
	ck_assert_str_eq(r.document_slug, "joint-statement-of-the-harbour-partners");
	/* as an earlier version stored it */
	tu_query_int(db, "UPDATE document SET slug = "
	             "'joint-statement-of-the-harbour-partners-on-coastal' RETURNING 0");
	size_t len = strlen(LONG_TITLE);
	char *revised = malloc(len + 64);
	memcpy(revised, LONG_TITLE, len);
	len += (size_t)snprintf(revised + len, 64, "- Funding new quays.\n");
	ck_assert_int_eq(atrack_import_factsheet(db, revised, len, &opts, &r), ATRACK_OK);
	ck_assert_int_eq(r.outcome, ATRACK_IMPORT_REVISED);
	ck_assert_str_eq(r.document_slug, "joint-statement-of-the-harbour-partners-on-coastal");
	ck_assert_int_eq(tu_query_int(db, "SELECT count(*) FROM document WHERE kind = 'fact_sheet'"), 1);
	free(revised);
	atrack_close(db);
}
END_TEST

static const char MENTIONS[] =
	"Fact Sheet: The 59th Security Consultative Meeting\n"
	"During the 59th U.S.-Republic of Korea (ROK) Security Consultative Meeting (SCM) on "
	"November 4, 2025, U.S. Secretary of Defense Lloyd J. Austin III and ROK Minister of "
	"National Defense Kim Yong Hyun reviewed the Alliance's progress.\n"
	"ENHANCING ALLIANCE COOPERATION\n"
	"The United States and the ROK are:\n"
	"- Condemning Russia's military cooperation with the Democratic People's Republic of "
	"Korea (DPRK).\n"
	"- Establishing a combined maritime working group.\n";

/* The document's parties in one role, as "slug,slug" in slug order. */
static char *parties_in_role(atrack_db *db, const char *document, const char *role)
{
	char sql[512];
	snprintf(sql, sizeof sql, "SELECT ifnull(group_concat(slug, ','), '') FROM (SELECT p.slug "
	         "FROM document_party AS l JOIN party AS p ON p.id = l.party_id JOIN document AS d "
	         "ON d.id = l.document_id WHERE d.slug = '%s' AND l.role = '%s' ORDER BY p.slug)",
	         document, role);
	return tu_query_text(db, sql);
}

START_TEST(test_document_parties_and_mentions)
{
	atrack_db *db = tu_memory_db();
	atrack_import_result r;
	ck_assert_msg(atrack_import_factsheet(db, MENTIONS, strlen(MENTIONS), NULL, &r) == ATRACK_OK,
	              "%s", atrack_errmsg(db));
	char *parties = parties_in_role(db, "scm-59-fact-sheet", "party");
	char *mentioned = parties_in_role(db, "scm-59-fact-sheet", "mentioned");
	ck_assert_str_eq(parties, "rok,us");
	ck_assert_str_eq(mentioned, "dprk,russia");
	free(parties);
	free(mentioned);

	/* A revision that no longer names Russia: its link goes (the party
	 * row stays, as shared things do). */
	const char *revised =
		"Fact Sheet: The 59th Security Consultative Meeting\n"
		"During the 59th U.S.-Republic of Korea (ROK) Security Consultative Meeting (SCM) on "
		"November 4, 2025, U.S. Secretary of Defense Lloyd J. Austin III and ROK Minister of "
		"National Defense Kim Yong Hyun reviewed the Alliance's progress.\n"
		"ENHANCING ALLIANCE COOPERATION\n"
		"The United States and the ROK are:\n"
		"- Condemning the military provocations of the Democratic People's Republic of "
		"Korea (DPRK).\n"
		"- Establishing a combined maritime working group.\n";
	ck_assert_int_eq(atrack_import_factsheet(db, revised, strlen(revised), NULL, &r), ATRACK_OK);
	ck_assert_int_eq(r.outcome, ATRACK_IMPORT_REVISED);
	mentioned = parties_in_role(db, "scm-59-fact-sheet", "mentioned");
	ck_assert_str_eq(mentioned, "dprk");
	free(mentioned);
	ck_assert_int_eq(tu_query_int(db, "SELECT count(*) FROM party WHERE slug = 'russia'"), 1);

	/* The bundled sheet's parties are parties of it, each one row. */
	size_t len;
	const char *text = atrack_bundled_factsheet(&len, NULL);
	ck_assert_int_eq(atrack_import_factsheet(db, text, len, NULL, &r), ATRACK_OK);
	ck_assert_int_eq(tu_query_int(db, "SELECT count(*) FROM document_party AS l JOIN document AS d "
	                              "ON d.id = l.document_id WHERE d.slug = 'scm-56-fact-sheet'"),
	                 r.parties.found);

	/* The export carries the roles, and an import restores them. */
	atrack_exchange_opts xo = ATRACK_EXCHANGE_OPTS_INIT;
	char *json = NULL;
	ck_assert_int_eq(atrack_export_buffer(db, &xo, &json), ATRACK_OK);
	ck_assert_ptr_nonnull(strstr(json, "\"document_parties\""));
	ck_assert_ptr_nonnull(strstr(json, "\"role\": \"mentioned\""));
	atrack_db *to = tu_memory_db();
	ck_assert_msg(atrack_import_json_buffer(to, json, strlen(json), &xo, NULL) == ATRACK_OK, "%s",
	              atrack_errmsg(to));
	mentioned = parties_in_role(to, "scm-59-fact-sheet", "mentioned");
	ck_assert_str_eq(mentioned, "dprk");
	free(mentioned);
	parties = parties_in_role(to, "scm-59-fact-sheet", "party");
	ck_assert_str_eq(parties, "rok,us");
	free(parties);
	/* A document with a role of another name is refused. */
	char *bad = strstr(json, "\"role\": \"mentioned\"");
	memcpy(bad, "\"role\": \"bystander\"", strlen("\"role\": \"bystander\""));
	atrack_db *third = tu_memory_db();
	ck_assert_int_ne(atrack_import_json_buffer(third, json, strlen(json), &xo, NULL), ATRACK_OK);
	ck_assert_int_eq(tu_query_int(third, "SELECT count(*) FROM document_party"), 0);
	atrack_close(third);
	atrack_free(json);
	atrack_close(to);
	atrack_close(db);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("loader");
	TCase *tc = tcase_create("loader");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_import_is_linear);
	tcase_add_test(tc, test_unknown_date_is_refused);
	tcase_add_test(tc, test_supplied_date);
	tcase_add_test(tc, test_future_meeting_does_not_block_updates);
	tcase_add_test(tc, test_opts_versions);
	tcase_add_test(tc, test_cli_date);
	tcase_add_test(tc, test_other_document_of_the_meeting_is_new);
	tcase_add_test(tc, test_revision_keeps_earlier_text);
	tcase_add_test(tc, test_document_parties_and_mentions);
	tcase_add_test(tc, test_document_slug_short_and_legacy_found);
	suite_add_tcase(s, tc);
	return tu_run_suite(s);
}
