/*
 * test_search.c - full-text search: hits by word, prefix and phrase with
 * their kind, id, slug and snippet; the index following inserts, edits,
 * deletes (cascades too) and rollbacks; new updates indexed above the
 * mark, including ids given again after a delete and an upgraded database
 * whose updates were indexed before the mark existed; the rebuild giving
 * the same index;
 * a query FTS5 cannot parse giving a clear message; and atrack_check
 * finding an index that disagrees with its tables.
 */
#include "report_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The hits of `query` as "kind:id" joined by spaces, best first. */
static char *hits(atrack_db *db, const char *query, unsigned int flags)
{
	atrack_iter *it;
	atrack_search_opts o = ATRACK_SEARCH_OPTS_INIT;
	o.flags = flags;
	ck_assert_msg(atrack_search(db, query, &o, &it) == ATRACK_OK, "%s", atrack_errmsg(db));
	atr_buf b = ATR_BUF_INIT;
	int rc;
	while ((rc = atrack_iter_next(it)) == ATRACK_OK) {
		const atrack_search_hit *h = atrack_iter_search_hit(it);
		atr_buf_printf(&b, "%s%s:%lld", b.len ? " " : "", atrack_kind_name(h->kind), (long long)h->id);
	}
	ck_assert_int_eq(rc, ATRACK_DONE);
	atrack_iter_free(it);
	char *s = atr_buf_detach(&b);
	char *copy = strdup(s);
	atr_free(s);
	return copy;
}

/* FTS5 syntax (the tests written for it), and plain words. */
#define ASSERT_HITS(db, query, expected) ASSERT_HITS_WITH(db, query, ATRACK_SEARCH_FTS, expected)
#define ASSERT_PLAIN_HITS(db, query, expected) ASSERT_HITS_WITH(db, query, 0, expected)
#define ASSERT_HITS_WITH(db, query, flags, expected) do { \
	char *got_ = hits(db, query, flags); \
	ck_assert_msg(strcmp(got_, expected) == 0, "search %s: got '%s', expected '%s'", \
	              query, got_, expected); \
	free(got_); \
} while (0)

static void exec_sql(atrack_db *db, const char *sql)
{
	ck_assert_msg(sqlite3_exec(db->sql, sql, NULL, NULL, NULL) == SQLITE_OK, "%s",
	              sqlite3_errmsg(db->sql));
}

START_TEST(test_word_prefix_phrase)
{
	atrack_db *db = report_db();
	/* Words: the titles (a cited document's, the framework's name) rank
	 * above the initiative's long text. */
	ASSERT_HITS(db, "nuclear", "document:2 framework:1 initiative:1");
	/* Acronyms, focus areas, meetings, update notes. */
	ASSERT_HITS(db, "pipir", "framework:3 initiative:5");
	ASSERT_HITS(db, "maritime", "focus_area:4 initiative:6");
	ASSERT_HITS(db, "ministers", "meeting:2");
	ASSERT_HITS(db, "tabletop", "update:8");
	/* Prefix, phrase, case and diacritics folded. */
	ASSERT_HITS(db, "quant*", "focus_area:3 update:11 initiative:4");
	ASSERT_HITS(db, "\"supply chain\"", "initiative:5");
	ASSERT_HITS(db, "\"chain supply\"", "");
	ASSERT_HITS(db, "SÉOUL", "update:11");

	atrack_iter *it;
	ck_assert_int_eq(atrack_search(db, "tabletop", NULL, &it), ATRACK_OK);
	ck_assert_int_eq(atrack_iter_next(it), ATRACK_OK);
	const atrack_search_hit *h = atrack_iter_search_hit(it);
	ck_assert_int_eq(h->kind, ATRACK_KIND_UPDATE);
	ck_assert_ptr_null(h->slug);
	ck_assert_str_eq(h->title, "Enhancing extended deterrence cooperation through NCG workstreams");
	ck_assert_str_eq(h->snippet, "NCG [tabletop] exercise held");
	ck_assert(h->rank < 0);
	atrack_iter_free(it);
	ck_assert_int_eq(atrack_search(db, "executive", NULL, &it), ATRACK_OK);
	ck_assert_int_eq(atrack_iter_next(it), ATRACK_OK);
	ck_assert_int_eq(atrack_iter_search_hit(it)->kind, ATRACK_KIND_FRAMEWORK);
	ck_assert_str_eq(atrack_iter_search_hit(it)->slug, "dstec");
	ck_assert_str_eq(atrack_iter_search_hit(it)->snippet, "Defense Science and Technology [Executive] Committee");
	atrack_iter_free(it);

	atrack_search_opts o = ATRACK_SEARCH_OPTS_INIT;
	o.limit = 1;
	ck_assert_int_eq(atrack_search(db, "nuclear", &o, &it), ATRACK_OK);
	ck_assert_int_eq(atrack_iter_next(it), ATRACK_OK);
	ck_assert_int_eq(atrack_iter_next(it), ATRACK_DONE);
	atrack_iter_free(it);
	atrack_close(db);
}
END_TEST

static int count_problem(const atrack_problem *p, void *payload);

/* The index agrees with its tables by atrack_check and by a rebuild. */
static void assert_index_whole(atrack_db *db)
{
	int problems = 0;
	ck_assert_msg(atrack_check(db, count_problem, &problems) == ATRACK_OK, "%s", atrack_errmsg(db));
	ck_assert_int_eq(problems, 0);
	char *before = tu_query_text(db, "SELECT group_concat(x, ';') FROM (SELECT rowid || '|' || "
	                             "title || '|' || body AS x FROM search_index ORDER BY rowid)");
	ck_assert_int_eq(atrack_search_rebuild(db), ATRACK_OK);
	char *after = tu_query_text(db, "SELECT group_concat(x, ';') FROM (SELECT rowid || '|' || "
	                             "title || '|' || body AS x FROM search_index ORDER BY rowid)");
	ck_assert_str_eq(before, after);
	free(before);
	free(after);
}

START_TEST(test_index_follows_edits_and_deletes)
{
	atrack_db *db = report_db();
	/* An edit through a library transaction: committed, it is searchable. */
	ck_assert_int_eq(atrack_begin(db), ATRACK_OK);
	exec_sql(db, "UPDATE framework SET name = 'Nuclear Planning Group', acronym = 'NPG' WHERE id = 1");
	ck_assert_int_eq(atrack_commit(db), ATRACK_OK);
	ASSERT_HITS(db, "\"consultative group\"", "initiative:1");
	ASSERT_HITS(db, "npg", "framework:1");
	ck_assert_int_eq(tu_query_int(db, "SELECT count(*) FROM search_pending"), 0);

	/* A rolled-back edit never reaches the index. */
	ck_assert_int_eq(atrack_begin(db), ATRACK_OK);
	exec_sql(db, "UPDATE initiative SET title = 'Zeppelin study' WHERE id = 2");
	ck_assert_int_eq(atrack_rollback(db), ATRACK_OK);
	ASSERT_HITS(db, "zeppelin", "");

	/* A write outside the library's transactions is caught up on search. */
	exec_sql(db, "INSERT INTO progress_update (initiative_id, status_id, note, author, event_date,"
	         " recorded_at) VALUES (2, 3, 'Zeppelin drills resumed', 'fred', '2026-11-01', 'x')");
	ASSERT_HITS(db, "zeppelin", "update:13");
	exec_sql(db, "DELETE FROM progress_update WHERE id = 13");
	ASSERT_HITS(db, "zeppelin", "");

	/* Deleting an initiative takes its updates' notes with it (cascade). */
	ck_assert_int_eq(atrack_begin(db), ATRACK_OK);
	exec_sql(db, "DELETE FROM initiative WHERE id = 1");
	ck_assert_int_eq(atrack_commit(db), ATRACK_OK);
	ASSERT_HITS(db, "tabletop", "");
	ASSERT_HITS(db, "workstreams", "");
	ck_assert_int_eq(tu_query_int(db, "SELECT count(*) FROM search_index WHERE kind = 11 "
	                              "AND ref_id NOT IN (SELECT id FROM progress_update)"), 0);

	assert_index_whole(db);
	ck_assert_int_eq(tu_query_int(db, "SELECT count(*) FROM search_index"),
	                 tu_query_int(db, "SELECT (SELECT count(*) FROM initiative) + "
	                              "(SELECT count(*) FROM framework) + (SELECT count(*) FROM focus_area) + "
	                              "(SELECT count(*) FROM meeting) + (SELECT count(*) FROM party) + "
	                              "(SELECT count(*) FROM person) + (SELECT count(*) FROM exercise) + "
	                              "(SELECT count(*) FROM document) + "
	                              "(SELECT count(*) FROM progress_update WHERE note <> '')"));
	atrack_close(db);
}
END_TEST

/* Add an update to initiative 2 with `note`; returns its id. */
static int64_t add_note(atrack_db *db, const char *note)
{
	atrack_update_input in = ATRACK_UPDATE_INPUT_INIT;
	in.initiative_id = 2;
	in.status = "in_progress";
	in.note = note;
	in.event_date = "2026-11-01";
	int64_t id = 0;
	ck_assert_msg(atrack_update_add(db, &in, &id) == ATRACK_OK, "%s", atrack_errmsg(db));
	return id;
}

static void assert_hit_is(atrack_db *db, const char *query, int64_t update_id)
{
	char expected[64];
	snprintf(expected, sizeof expected, "update:%lld", (long long)update_id);
	ASSERT_HITS(db, query, expected);
}

#define MARK_SQL "SELECT progress_update_id FROM search_mark"
#define NEWEST_SQL "SELECT max(id) FROM progress_update"
#define PENDING_SQL "SELECT count(*) FROM search_pending"

START_TEST(test_new_updates_indexed_above_the_mark)
{
	atrack_db *db = report_db();
	ck_assert_int_eq(tu_query_int(db, MARK_SQL), tu_query_int(db, NEWEST_SQL));

	/* An appended update is not queued; the commit indexes it. */
	ck_assert_int_eq(atrack_begin(db), ATRACK_OK);
	int64_t zeppelin = add_note(db, "Zeppelin hangar surveyed");
	ck_assert_int_eq(tu_query_int(db, PENDING_SQL), 0);
	ck_assert_int_eq(atrack_commit(db), ATRACK_OK);
	assert_hit_is(db, "zeppelin", zeppelin);
	ck_assert_int_eq(tu_query_int(db, MARK_SQL), zeppelin);

	/* Deleting the newest update lowers the mark; the next update takes
	 * the freed id and its own words, not the deleted ones. */
	ck_assert_int_eq(atrack_update_delete(db, zeppelin), ATRACK_OK);
	ck_assert_int_eq(tu_query_int(db, MARK_SQL), zeppelin - 1);
	int64_t blimp = add_note(db, "Blimp mooring tested");
	ck_assert_int_eq(blimp, zeppelin);
	ASSERT_HITS(db, "zeppelin", "");
	assert_hit_is(db, "blimp", blimp);

	/* Added and corrected in one transaction: the corrected words. */
	ck_assert_int_eq(atrack_begin(db), ATRACK_OK);
	int64_t airship = add_note(db, "Dirigible drill planned");
	atrack_update_input edit = ATRACK_UPDATE_INPUT_INIT;
	edit.note = "Airship drill planned";
	ck_assert_int_eq(atrack_update_edit(db, airship, &edit, ATRACK_UPDATE_EDIT_NOTE), ATRACK_OK);
	ck_assert_int_eq(atrack_commit(db), ATRACK_OK);
	ASSERT_HITS(db, "dirigible", "");
	assert_hit_is(db, "airship", airship);

	/* Added, deleted and its id given again in one transaction. */
	ck_assert_int_eq(atrack_begin(db), ATRACK_OK);
	int64_t balloon = add_note(db, "Balloon launch logged");
	ck_assert_int_eq(atrack_update_delete(db, balloon), ATRACK_OK);
	int64_t glider = add_note(db, "Glider launch logged");
	ck_assert_int_eq(glider, balloon);
	ck_assert_int_eq(atrack_commit(db), ATRACK_OK);
	ASSERT_HITS(db, "balloon", "");
	assert_hit_is(db, "glider", glider);

	/* An id chosen below the mark (as an import does) is queued. */
	exec_sql(db, "DELETE FROM progress_update WHERE id = 1");
	ck_assert_int_eq(atrack_begin(db), ATRACK_OK);
	exec_sql(db, "INSERT INTO progress_update (id, initiative_id, status_id, note, author, event_date,"
	         " recorded_at) VALUES (1, 7, 3, 'Kite survey resumed', 'fred', '2024-11-01', 'x')");
	ck_assert_int_eq(tu_query_int(db, PENDING_SQL), 1);
	ck_assert_int_eq(atrack_commit(db), ATRACK_OK);
	assert_hit_is(db, "kite", 1);

	/* A rolled-back update leaves neither an entry nor a moved mark. */
	int64_t mark = tu_query_int(db, MARK_SQL);
	ck_assert_int_eq(atrack_begin(db), ATRACK_OK);
	add_note(db, "Parachute test");
	ck_assert_int_eq(atrack_rollback(db), ATRACK_OK);
	ASSERT_HITS(db, "parachute", "");
	ck_assert_int_eq(tu_query_int(db, MARK_SQL), mark);

	assert_index_whole(db);
	atrack_close(db);
}
END_TEST

/* A database made before the mark existed (schema version 2), whose
 * updates were indexed one by one: upgrading sets the mark to its newest
 * update, so none is indexed twice and new ones are found. */
START_TEST(test_upgrade_from_queue_only_index)
{
	char *dir = tu_tmpdir();
	char *path = tu_path(dir, "v2.db");
	atrack_db *db = NULL;
	ck_assert_int_eq(atrack_open(path, ATRACK_OPEN_CREATE, &db), ATRACK_OK);
	size_t len;
	const char *text = atrack_bundled_factsheet(&len, NULL);
	ck_assert_int_eq(atrack_import_factsheet(db, text, len, NULL, NULL), ATRACK_OK);
	int64_t old = add_note(db, "Zeppelin hangar surveyed");
	atrack_close(db);

	/* Back to version 2: its trigger queued every new update (and the
	 * current status had no table of its own yet). */
	sqlite3 *raw = NULL;
	ck_assert_int_eq(sqlite3_open(path, &raw), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(raw,
		"DROP TRIGGER search_progress_update_ai;"
		"DROP TABLE search_mark;"
		"DROP TRIGGER initiative_status_ai; DROP TRIGGER initiative_status_au;"
		"DROP TRIGGER initiative_status_ad; DROP TABLE initiative_status;"
		/* Nor were parties, people, exercises and documents indexed. */
		"DROP TRIGGER search_party_ai; DROP TRIGGER search_party_au; DROP TRIGGER search_party_ad;"
		"DROP TRIGGER search_person_ai; DROP TRIGGER search_person_au; DROP TRIGGER search_person_ad;"
		"DROP TRIGGER search_exercise_ai; DROP TRIGGER search_exercise_au;"
		"DROP TRIGGER search_exercise_ad;"
		"DROP TRIGGER search_document_ai; DROP TRIGGER search_document_au;"
		"DROP TRIGGER search_document_ad;"
		"DELETE FROM search_index WHERE kind IN (1, 2, 5, 10);"
		/* Nor were earlier texts kept (migration 0007). */
		"DROP TABLE document_text; DROP TABLE document_party;"
		"CREATE TRIGGER search_progress_update_ai AFTER INSERT ON progress_update BEGIN"
		"  INSERT INTO search_pending (doc_id) SELECT new.id * 16 + 11"
		"    WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE doc_id = new.id * 16 + 11);"
		"END;"
		"PRAGMA user_version = 2;", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(raw);

	int open_rc = atrack_open(path, 0, &db);
	ck_assert_msg(open_rc == ATRACK_OK, "open: %d %s", open_rc, atrack_errmsg(db));
	ck_assert_int_eq(tu_query_int(db, "PRAGMA user_version"), atrack_schema_version());
	ck_assert_int_eq(tu_query_int(db, MARK_SQL), old);
	int64_t blimp = add_note(db, "Blimp mooring tested");
	assert_hit_is(db, "zeppelin", old);
	assert_hit_is(db, "blimp", blimp);
	assert_index_whole(db);
	atrack_close(db);
	free(path);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

/* People, parties, exercises and documents have entries too, kept in step
 * with their edits and deletes. */
START_TEST(test_people_parties_exercises_documents)
{
	atrack_db *db = report_db();
	ASSERT_PLAIN_HITS(db, "Austin", "person:1");
	ASSERT_PLAIN_HITS(db, "Republic of Korea", "party:2 party:3 document:1");
	/* A party's short name. */
	ASSERT_PLAIN_HITS(db, "ROK", "party:2 initiative:7");
	ASSERT_PLAIN_HITS(db, "Freedom Shield", "exercise:1 exercise:2 initiative:2");
	atrack_iter *it = NULL;
	ck_assert_int_eq(atrack_search(db, "Austin", NULL, &it), ATRACK_OK);
	ck_assert_int_eq(atrack_iter_next(it), ATRACK_OK);
	const atrack_search_hit *h = atrack_iter_search_hit(it);
	ck_assert_int_eq(h->kind, ATRACK_KIND_PERSON);
	ck_assert_str_eq(h->slug, "lloyd-j-austin-iii");
	ck_assert_str_eq(h->title, "Lloyd J. Austin III");
	atrack_iter_free(it);

	ck_assert_int_eq(atrack_begin(db), ATRACK_OK);
	exec_sql(db, "UPDATE person SET name = 'Zebulon Pike' WHERE id = 1;"
	             "UPDATE exercise SET name = 'Quiet Harbor' WHERE id = 1;"
	             "DELETE FROM exercise WHERE id = 2;"
	             "UPDATE party SET short_name = 'ZZK' WHERE id = 2;"
	             "UPDATE document SET title = 'Yellow pages' WHERE id = 2;"
	             "UPDATE document SET source = 'scm56-minutes.txt' WHERE id = 1;");
	ck_assert_int_eq(atrack_commit(db), ATRACK_OK);
	ASSERT_PLAIN_HITS(db, "Austin", "");
	ASSERT_PLAIN_HITS(db, "Zebulon", "person:1");
	ASSERT_PLAIN_HITS(db, "Quiet Harbor", "exercise:1");
	ASSERT_PLAIN_HITS(db, "Freedom Shield", "initiative:2");
	ASSERT_PLAIN_HITS(db, "ZZK", "party:2");
	ASSERT_PLAIN_HITS(db, "yellow", "document:2");
	/* A document's source file. */
	ASSERT_PLAIN_HITS(db, "scm56-minutes.txt", "document:1");
	assert_index_whole(db);
	atrack_close(db);
}
END_TEST

/* Words of the domain search as words; FTS5's syntax only when asked. */
START_TEST(test_plain_words)
{
	atrack_db *db = report_db();
	exec_sql(db, "UPDATE initiative SET body = body || ' Co-production under the U.S.-ROK "
	             "alliance, the ROK''s plan, the Byrnes-Tollefson act.' WHERE id = 2");
	ck_assert_int_eq(atrack_search_rebuild(db), ATRACK_OK);
	ASSERT_PLAIN_HITS(db, "co-production", "initiative:2");
	ASSERT_PLAIN_HITS(db, "U.S.-ROK", "initiative:7 initiative:2");
	ASSERT_PLAIN_HITS(db, "ROK's", "initiative:2");
	ASSERT_PLAIN_HITS(db, "Byrnes-Tollefson", "initiative:2");
	ASSERT_PLAIN_HITS(db, "byrnes-tollef*", "initiative:2");
	/* Operators and quotes are only words. */
	ASSERT_PLAIN_HITS(db, "nuclear AND", "document:2 initiative:1");
	ASSERT_PLAIN_HITS(db, "\"supply chain", "initiative:5");
	ASSERT_PLAIN_HITS(db, "nosuchcolumn:x", "");
	ASSERT_PLAIN_HITS(db, "nuclear", "document:2 framework:1 initiative:1");
	/* The same words as FTS5 syntax are what they always were. */
	atrack_iter *it = NULL;
	atrack_search_opts o = ATRACK_SEARCH_OPTS_INIT;
	o.flags = ATRACK_SEARCH_FTS;
	ck_assert_int_eq(atrack_search(db, "co-production", &o, &it), ATRACK_INVALID);
	/* A version 1 options struct has no flags: plain words. */
	struct { unsigned int version; int limit; } v1 = { 1, 0 };
	ck_assert_int_eq(atrack_search(db, "co-production", (const atrack_search_opts *)(void *)&v1,
	                               &it), ATRACK_OK);
	ck_assert_int_eq(atrack_iter_next(it), ATRACK_OK);
	atrack_iter_free(it);
	atrack_close(db);
}
END_TEST

START_TEST(test_bad_queries)
{
	atrack_db *db = report_db();
	atrack_iter *it = NULL;
	atrack_search_opts fts = ATRACK_SEARCH_OPTS_INIT;
	fts.flags = ATRACK_SEARCH_FTS;
	ck_assert_int_eq(atrack_search(db, "nuclear AND", &fts, &it), ATRACK_INVALID);
	ck_assert_ptr_null(it);
	ck_assert_msg(strncmp(atrack_errmsg(db), "search: cannot understand query 'nuclear AND': ", 47) == 0,
	              "%s", atrack_errmsg(db));
	ck_assert_ptr_null(strstr(atrack_errmsg(db), "fts5:"));
	ck_assert_int_eq(atrack_search(db, "\"unterminated", &fts, &it), ATRACK_INVALID);
	ck_assert_int_eq(atrack_search(db, "nosuchcolumn:x", &fts, &it), ATRACK_INVALID);
	ck_assert_int_eq(atrack_search(db, "  ", NULL, &it), ATRACK_INVALID);
	ck_assert_str_eq(atrack_errmsg(db), "search: the query is empty");
	ck_assert_int_eq(atrack_search(NULL, "x", NULL, &it), ATRACK_MISUSE);
	atrack_close(db);
}
END_TEST

START_TEST(test_cli_search)
{
	char *dir = tu_tmpdir();
	char *db = tu_path(dir, "a.db");
	const char *import[] = { "--db", db, "import", NULL };
	tu_run run = tu_atrack(NULL, import);
	ck_assert_int_eq(run.status, 0);
	tu_run_free(&run);
	const char *json[] = { "--db", db, "search", "--json", "dstec", NULL };
	run = tu_atrack(NULL, json);
	ck_assert_int_eq(run.status, 0);
	ck_assert_ptr_nonnull(strstr(run.out, "\"kind\": \"framework\""));
	ck_assert_ptr_nonnull(strstr(run.out, "\"snippet\": \"[DSTEC]\""));
	tu_run_free(&run);
	const char *words[] = { "--db", db, "search", "co-production", NULL };
	run = tu_atrack(NULL, words);
	ck_assert_msg(run.status == 0, "%s", run.err);
	tu_run_free(&run);
	const char *bad[] = { "--db", db, "search", "--fts", "a AND", NULL };
	run = tu_atrack(NULL, bad);
	ck_assert_int_eq(run.status, 4);
	ck_assert_ptr_nonnull(strstr(run.err, "atrack: search: cannot understand query 'a AND'"));
	tu_run_free(&run);
	const char *rebuild[] = { "--db", db, "search", "--rebuild", NULL };
	run = tu_atrack(NULL, rebuild);
	ck_assert_int_eq(run.status, 0);
	ck_assert_str_eq(run.out, "search index rebuilt\n");
	tu_run_free(&run);
	free(db);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

/* atrack_check compares the index with its tables: an entry changed or
 * removed behind the library's back is reported, and a rebuild mends it. */
static int count_problem(const atrack_problem *p, void *payload)
{
	if (strcmp(p->check, "search_index") == 0)
		(*(int *)payload)++;
	return 0;
}

START_TEST(test_check_finds_a_damaged_index)
{
	atrack_db *db = report_db();
	int problems = 0;
	ck_assert_int_eq(atrack_check(db, count_problem, &problems), ATRACK_OK);
	ck_assert_int_eq(problems, 0);
	exec_sql(db, "UPDATE search_index SET body = 'tampered' WHERE rowid = 1 * 16 + 7");
	exec_sql(db, "DELETE FROM search_index WHERE rowid = 1 * 16 + 8");
	ck_assert_int_eq(atrack_check(db, count_problem, &problems), ATRACK_CORRUPT);
	ck_assert_int_eq(problems, 2);
	ck_assert_ptr_nonnull(strstr(atrack_errmsg(db), "search_index: "));
	ck_assert_int_eq(atrack_search_rebuild(db), ATRACK_OK);
	problems = 0;
	ck_assert_int_eq(atrack_check(db, count_problem, &problems), ATRACK_OK);
	ck_assert_int_eq(problems, 0);
	atrack_close(db);
}
END_TEST

/* The search_index problems as "table id: message" lines. */
static int collect_index_problem(const atrack_problem *p, void *payload)
{
	if (strcmp(p->check, "search_index") == 0)
		atr_buf_printf(payload, "%s %lld: %s\n", p->table, (long long)p->row_id, p->message);
	return 0;
}

/* Every way the index can disagree with its tables, for every kind of
 * entry, each named by its table and row (the query that finds them is
 * the one made linear; it must find what the old one found). */
START_TEST(test_check_names_each_index_mismatch)
{
	atrack_db *db = report_db();
	exec_sql(db, "UPDATE search_index SET title = 'old' WHERE rowid = 2 * 16 + 7");
	exec_sql(db, "DELETE FROM search_index WHERE rowid = 1 * 16 + 9");
	exec_sql(db, "INSERT INTO search_index (rowid, kind, ref_id, title, body) VALUES "
	             "(900 * 16 + 7, 7, 900, 'gone', ''), (901 * 16 + 8, 8, 901, 'gone', ''), "
	             "(902 * 16 + 9, 9, 902, 'gone', ''), (903 * 16 + 3, 3, 903, 'gone', '')");
	/* An update whose note was emptied behind the index's back, and one
	 * id never used: both held without a row to index. */
	long long update_id = tu_query_int(db, "SELECT min(id) FROM progress_update WHERE note <> ''");
	char sql[256];
	snprintf(sql, sizeof sql, "UPDATE progress_update SET note = '' WHERE id = %lld", update_id);
	exec_sql(db, "DROP TRIGGER IF EXISTS search_progress_update_au");
	exec_sql(db, sql);
	/* Queued for rewriting: not wrong, only not written yet. */
	exec_sql(db, "DELETE FROM search_index WHERE rowid = 3 * 16 + 7");
	exec_sql(db, "INSERT OR IGNORE INTO search_pending (doc_id) VALUES (3 * 16 + 7)");

	atr_buf got = ATR_BUF_INIT;
	ck_assert_int_eq(atrack_check(db, collect_index_problem, &got), ATRACK_CORRUPT);
	char expected[1024];
	snprintf(expected, sizeof expected,
	         "focus_area 1: missing from the search index\n"
	         "focus_area 902: in the search index but not in its table\n"
	         "framework 901: in the search index but not in its table\n"
	         "initiative 2: the search index holds an old text\n"
	         "initiative 900: in the search index but not in its table\n"
	         "meeting 903: in the search index but not in its table\n"
	         "progress_update %lld: in the search index but not in its table\n", update_id);
	ck_assert_str_eq(got.data, expected);
	atr_buf_clear(&got);
	atrack_close(db);
}
END_TEST

static Suite *search_suite(void)
{
	Suite *s = suite_create("search");
	TCase *tc = tcase_create("search");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_word_prefix_phrase);
	tcase_add_test(tc, test_index_follows_edits_and_deletes);
	tcase_add_test(tc, test_new_updates_indexed_above_the_mark);
	tcase_add_test(tc, test_upgrade_from_queue_only_index);
	tcase_add_test(tc, test_bad_queries);
	tcase_add_test(tc, test_plain_words);
	tcase_add_test(tc, test_people_parties_exercises_documents);
	tcase_add_test(tc, test_cli_search);
	tcase_add_test(tc, test_check_finds_a_damaged_index);
	tcase_add_test(tc, test_check_names_each_index_mismatch);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tu_run_suite(search_suite());
}
