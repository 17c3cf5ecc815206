/*
 * test_tracking.c - progress updates, the status vocabulary and the audit
 * log: every library verb, each transition rule (T1-T3 of
 * atrack/tracking.h) including back-dated updates and deletions, the
 * current-status view against a brute-force reading of the history, every
 * rejected input with its message and nothing written, allocation
 * failures, and the atrack program's update commands on a prepared file.
 */
#include "testutil.h"

#include "atrack_int.h"

#include <jansson.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static atrack_db *db;

/* Initiatives come from the entity or import code of other branches; here
 * they are made with plain SQL. */
static void make_initiatives(atrack_db *d)
{
	ck_assert_int_eq(sqlite3_exec(d->sql,
		"INSERT INTO initiative (slug, title, body, created_at) VALUES "
		"('ncg', 'NCG', 'Nuclear Consultative Group', '2024-10-30T00:00:00.000Z'),"
		"('dstec', 'DSTEC', 'Deterrence Strategy Committee', '2024-10-30T00:00:00.000Z');"
		"INSERT INTO document (slug, title, kind) VALUES ('fact-sheet', 'Fact sheet', 'fact_sheet')",
		NULL, NULL, NULL), SQLITE_OK);
}

static void setup(void)
{
	db = tu_memory_db();
	make_initiatives(db);
}

static void teardown(void)
{
	atrack_close(db);
	db = NULL;
}

static int add(int64_t initiative, const char *status, const char *date, int reopen,
               const char *note, int64_t *out_id)
{
	atrack_update_input in = ATRACK_UPDATE_INPUT_INIT;
	in.initiative_id = initiative;
	in.status = status;
	in.event_date = date;
	in.reopen = reopen;
	in.note = note;
	return atrack_update_add(db, &in, out_id);
}

static int64_t must_add(int64_t initiative, const char *status, const char *date)
{
	int64_t id = 0;
	int rc = add(initiative, status, date, 0, NULL, &id);
	ck_assert_msg(rc == ATRACK_OK, "add %s %s: %s", status, date, atrack_errmsg(db));
	return id;
}

static long long rows(const char *table)
{
	char sql[128];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
	return tu_query_int(db, sql);
}

/* The rows of both tables a write touches, to show that a refused write
 * left no trace. */
static long long written(void)
{
	return rows("progress_update") * 100000 + rows("audit_log");
}

static void expect_invalid(int rc, const char *message)
{
	ck_assert_int_eq(rc, ATRACK_INVALID);
	ck_assert_str_eq(atrack_errmsg(db), message);
}

static char *current_status(int64_t initiative)
{
	char sql[128];
	snprintf(sql, sizeof sql, "SELECT status FROM initiative_current WHERE initiative_id = %lld",
	         (long long)initiative);
	return tu_query_text(db, sql);
}

/* ---- Adding, reading, listing ------------------------------------------ */

START_TEST(test_add_and_get)
{
	atrack_update_input in = ATRACK_UPDATE_INPUT_INIT;
	in.initiative_id = 1;
	in.status = "in_progress";
	in.health = "at_risk";
	in.percent_complete = 40;
	in.note = "first tabletop exercise held";
	in.event_date = "2025-03-04";
	in.evidence_url = "https://www.defense.gov/News/";
	in.evidence_document_id = 1;
	int64_t id = 0;
	ck_assert_int_eq(atrack_update_add(db, &in, &id), ATRACK_OK);
	ck_assert_int_eq(id, 1);

	atrack_update *u = NULL;
	ck_assert_int_eq(atrack_update_get(db, id, &u), ATRACK_OK);
	ck_assert_int_eq(u->initiative_id, 1);
	ck_assert_str_eq(u->initiative_slug, "ncg");
	ck_assert_str_eq(u->status, "in_progress");
	ck_assert_str_eq(u->health, "at_risk");
	ck_assert_int_eq(u->percent_complete, 40);
	ck_assert_str_eq(u->note, "first tabletop exercise held");
	ck_assert_str_eq(u->author, "tester");
	ck_assert_str_eq(u->event_date, "2025-03-04");
	ck_assert_int_eq(strlen(u->recorded_at), 24);
	ck_assert_str_eq(u->evidence_url, "https://www.defense.gov/News/");
	ck_assert_int_eq(u->evidence_document_id, 1);
	ck_assert_int_eq(u->is_reopen, 0);
	atrack_update_free(u);

	/* Defaults: today, no health, no percent, no note, no evidence. */
	char before[11], after[11];
	atr_today(before);
	ck_assert_int_eq(add(2, "announced", NULL, 0, NULL, &id), ATRACK_OK);
	atr_today(after);
	ck_assert_int_eq(atrack_update_get(db, id, &u), ATRACK_OK);
	ck_assert(strcmp(u->event_date, before) == 0 || strcmp(u->event_date, after) == 0);
	ck_assert_ptr_null(u->health);
	ck_assert_int_eq(u->percent_complete, -1);
	ck_assert_ptr_null(u->note);
	ck_assert_ptr_null(u->evidence_url);
	ck_assert_int_eq(u->evidence_document_id, 0);
	atrack_update_free(u);

	ck_assert_int_eq(atrack_update_get(db, 99, &u), ATRACK_NOTFOUND);
	ck_assert_str_eq(atrack_errmsg(db), "no update 99");
	ck_assert_ptr_null(u);
	atrack_update_free(NULL);
	ck_assert_int_eq(atrack_update_get(NULL, 1, &u), ATRACK_MISUSE);
	ck_assert_int_eq(atrack_update_add(NULL, &in, NULL), ATRACK_MISUSE);
	ck_assert_int_eq(atrack_update_add(db, NULL, NULL), ATRACK_MISUSE);
}
END_TEST

/* Collect the ids a list yields, as "3,2,1". */
static void list_ids(const atrack_update_filter *f, char *buf, size_t size)
{
	atrack_iter *it = NULL;
	ck_assert_int_eq(atrack_update_list(db, f, &it), ATRACK_OK);
	ck_assert_int_eq(atrack_iter_kind(it), ATRACK_KIND_UPDATE);
	buf[0] = '\0';
	int rc;
	while ((rc = atrack_iter_next(it)) == ATRACK_OK) {
		const atrack_update *u = atrack_iter_update(it);
		ck_assert_ptr_nonnull(u);
		ck_assert_ptr_null(atrack_iter_status(it));
		ck_assert_ptr_null(atrack_iter_audit(it));
		size_t n = strlen(buf);
		snprintf(buf + n, size - n, "%s%lld", n ? "," : "", (long long)u->id);
	}
	ck_assert_int_eq(rc, ATRACK_DONE);
	ck_assert_ptr_null(atrack_iter_update(it));
	atrack_iter_free(it);
}

START_TEST(test_list_order_and_filters)
{
	must_add(1, "announced", "2024-10-30");   /* 1 */
	must_add(1, "planned", "2025-01-15");     /* 2 */
	must_add(2, "announced", "2024-10-30");   /* 3 */
	must_add(1, "in_progress", "2025-01-15"); /* 4: same day, recorded later */
	must_add(1, "ongoing", "2024-12-01");     /* 5: back-dated */
	char ids[128];
	list_ids(NULL, ids, sizeof ids);
	ck_assert_str_eq(ids, "4,2,5,3,1");

	atrack_update_filter f = ATRACK_UPDATE_FILTER_INIT;
	f.initiative_id = 1;
	list_ids(&f, ids, sizeof ids);
	ck_assert_str_eq(ids, "4,2,5,1");
	f.since = "2024-12-01";
	list_ids(&f, ids, sizeof ids);
	ck_assert_str_eq(ids, "4,2,5");
	f.until = "2024-12-01";
	list_ids(&f, ids, sizeof ids);
	ck_assert_str_eq(ids, "5");
	f.since = f.until = NULL;
	f.limit = 2;
	f.offset = 1;
	list_ids(&f, ids, sizeof ids);
	ck_assert_str_eq(ids, "2,5");

	atrack_iter *it = NULL;
	f.since = "2024-02-30";
	ck_assert_int_eq(atrack_update_list(db, &f, &it), ATRACK_INVALID);
	ck_assert_str_eq(atrack_errmsg(db), "since: '2024-02-30' is not a valid date (YYYY-MM-DD)");
	f.since = NULL;
	f.limit = -1;
	ck_assert_int_eq(atrack_update_list(db, &f, &it), ATRACK_INVALID);
	ck_assert_str_eq(atrack_errmsg(db), "limit: must not be negative");
	ck_assert_ptr_null(it);
	f.limit = 0;
	f.version = 99;
	ck_assert_int_eq(atrack_update_list(db, &f, &it), ATRACK_MISUSE);
	ck_assert_int_eq(atrack_update_list(NULL, NULL, &it), ATRACK_MISUSE);
}
END_TEST

/* ---- Transitions -------------------------------------------------------- */

START_TEST(test_terminal_needs_reopen)
{
	must_add(1, "in_progress", "2025-01-01");
	int64_t completed = must_add(1, "completed", "2025-02-01");
	long long before = written();
	expect_invalid(add(1, "in_progress", "2025-03-01", 0, "more work", NULL),
	               "status: 'in_progress' would leave terminal status 'completed'; "
	               "reopen explicitly (--reopen) with a note");
	ck_assert_int_eq(written(), before);
	/* Repeating the terminal status is no transition. */
	must_add(1, "completed", "2025-02-10");
	/* A reopen needs a note saying why; a blank one is no note. */
	expect_invalid(add(1, "in_progress", "2025-03-01", 1, NULL, NULL),
	               "note: a reopen needs a note saying why");
	expect_invalid(add(1, "in_progress", "2025-03-01", 1, " \t", NULL),
	               "note: must not be empty or blank (leave it out for none)");
	before = written();
	int64_t id = 0;
	ck_assert_int_eq(add(1, "in_progress", "2025-03-01", 1, "phase two agreed", &id), ATRACK_OK);
	ck_assert_int_eq(written(), before + 100001);
	atrack_update *u = NULL;
	ck_assert_int_eq(atrack_update_get(db, id, &u), ATRACK_OK);
	ck_assert_int_eq(u->is_reopen, 1);
	atrack_update_free(u);
	char *status = current_status(1);
	ck_assert_str_eq(status, "in_progress");
	free(status);
	/* cancelled is terminal too, and leaving it for completed is a reopen. */
	must_add(1, "cancelled", "2025-04-01");
	expect_invalid(add(1, "completed", "2025-04-02", 0, NULL, NULL),
	               "status: 'completed' would leave terminal status 'cancelled'; "
	               "reopen explicitly (--reopen) with a note");
	ck_assert_int_eq(add(1, "completed", "2025-04-02", 1, "revived and done", NULL), ATRACK_OK);
	(void)completed;
}
END_TEST

START_TEST(test_reopen_needs_terminal)
{
	long long before = written();
	expect_invalid(add(1, "planned", "2025-01-01", 1, "why", NULL),
	               "reopen: nothing to reopen: no earlier update");
	must_add(1, "in_progress", "2025-01-01");
	expect_invalid(add(1, "planned", "2025-01-02", 1, "why", NULL),
	               "reopen: nothing to reopen: status 'in_progress' (2025-01-01) is not terminal");
	must_add(1, "completed", "2025-01-03");
	expect_invalid(add(1, "completed", "2025-01-04", 1, "why", NULL),
	               "reopen: the status is already 'completed'; a reopen changes it");
	ck_assert_int_eq(written(), before + 2 * 100001);
}
END_TEST

START_TEST(test_backdated_updates)
{
	must_add(1, "in_progress", "2025-01-10");                 /* 1 */
	must_add(1, "completed", "2025-03-01");                   /* 2 */
	ck_assert_int_eq(add(1, "ongoing", "2025-04-01", 1, "follow-on phase", NULL), ATRACK_OK); /* 3 */
	long long before = written();
	/* A terminal status slipped in before a later non-reopen update. */
	expect_invalid(add(1, "cancelled", "2025-01-05", 0, NULL, NULL),
	               "event_date: update 1 ('in_progress' on 2025-01-10) would then follow "
	               "terminal status 'cancelled' without a reopen");
	/* An update slipped between a terminal status and its reopen. */
	expect_invalid(add(1, "stalled", "2025-03-15", 0, NULL, NULL),
	               "status: 'stalled' would leave terminal status 'completed'; "
	               "reopen explicitly (--reopen) with a note");
	ck_assert_int_eq(written(), before);
	/* Back-dated and valid on both sides: accepted, and the view agrees. */
	must_add(1, "planned", "2025-01-01");
	must_add(1, "completed", "2025-03-20");
	char *status = current_status(1);
	ck_assert_str_eq(status, "ongoing");
	free(status);
	/* A back-dated update on the day of the latest: the later id wins. */
	must_add(1, "stalled", "2025-04-01");
	status = current_status(1);
	ck_assert_str_eq(status, "stalled");
	free(status);
}
END_TEST

START_TEST(test_delete)
{
	int64_t a = must_add(1, "in_progress", "2025-01-10");
	int64_t b = must_add(1, "completed", "2025-03-01");
	int64_t c = 0;
	ck_assert_int_eq(add(1, "ongoing", "2025-04-01", 1, "follow-on phase", &c), ATRACK_OK);
	long long before = written();
	expect_invalid(atrack_update_delete(db, b),
	               "delete: update 3 (a reopen on 2025-04-01) would then reopen nothing: "
	               "the status before it is not terminal");
	ck_assert_int_eq(written(), before);
	ck_assert_int_eq(atrack_update_delete(db, 99), ATRACK_NOTFOUND);
	ck_assert_str_eq(atrack_errmsg(db), "no update 99");
	ck_assert_int_eq(atrack_update_delete(db, c), ATRACK_OK);
	char *status = current_status(1);
	ck_assert_str_eq(status, "completed");
	free(status);
	ck_assert_int_eq(atrack_update_delete(db, b), ATRACK_OK);
	ck_assert_int_eq(atrack_update_delete(db, a), ATRACK_OK);
	ck_assert_ptr_null(current_status(1));
	ck_assert_int_eq(tu_query_int(db, "SELECT count(*) FROM audit_log WHERE "
	                              "table_name = 'progress_update' AND action = 'delete'"), 3);
	ck_assert_int_eq(atrack_update_delete(NULL, 1), ATRACK_MISUSE);
}
END_TEST

/* ---- The view against the history --------------------------------------- */

/* Initiatives whose view row disagrees with a brute-force reading of the
 * whole history: the update no other update of the same initiative comes
 * after, by (event_date, id). */
static long long view_disagreements(void)
{
	return tu_query_int(db,
		"SELECT count(*) FROM initiative_current AS c WHERE "
		"c.update_id IS NOT (SELECT p.id FROM progress_update AS p "
		"  WHERE p.initiative_id = c.initiative_id AND NOT EXISTS ("
		"    SELECT 1 FROM progress_update AS q WHERE q.initiative_id = p.initiative_id "
		"    AND (q.event_date > p.event_date OR (q.event_date = p.event_date AND q.id > p.id)))) "
		"OR c.status IS NOT (SELECT s.code FROM progress_update AS p JOIN status_code AS s "
		"  ON s.id = p.status_id WHERE p.id = c.update_id) "
		"OR c.last_update_date IS NOT (SELECT max(event_date) FROM progress_update AS p "
		"  WHERE p.initiative_id = c.initiative_id)");
}

START_TEST(test_view_consistent_with_history)
{
	ck_assert_int_eq(view_disagreements(), 0);
	int64_t a = must_add(1, "announced", "2024-10-30");
	must_add(1, "planned", "2025-02-01");
	int64_t c = must_add(1, "in_progress", "2025-06-01");
	must_add(2, "announced", "2024-10-30");
	ck_assert_int_eq(view_disagreements(), 0);
	must_add(1, "stalled", "2025-01-01");      /* back-dated */
	ck_assert_int_eq(view_disagreements(), 0);
	must_add(2, "ongoing", "2025-06-01");
	must_add(2, "stalled", "2025-06-01");      /* same day */
	ck_assert_int_eq(view_disagreements(), 0);
	ck_assert_int_eq(atrack_update_delete(db, c), ATRACK_OK); /* the latest */
	ck_assert_int_eq(view_disagreements(), 0);
	char *status = current_status(1);
	ck_assert_str_eq(status, "planned");
	free(status);
	ck_assert_int_eq(atrack_update_delete(db, a), ATRACK_OK); /* the earliest */
	ck_assert_int_eq(view_disagreements(), 0);
	atrack_update_input in = ATRACK_UPDATE_INPUT_INIT;
	in.event_date = "2025-07-01";              /* moved to be the latest */
	ck_assert_int_eq(atrack_update_edit(db, 5, &in, ATRACK_UPDATE_EDIT_EVENT_DATE), ATRACK_OK);
	ck_assert_int_eq(view_disagreements(), 0);
	status = current_status(1);
	ck_assert_str_eq(status, "stalled");
	free(status);

	/* Cheap at any size: the view reads initiative_status by its key and
	 * the update by its id, never a scan of the history. */
	sqlite3_stmt *stmt = NULL;
	ck_assert_int_eq(sqlite3_prepare_v2(db->sql, "EXPLAIN QUERY PLAN SELECT * FROM "
	                 "initiative_current WHERE initiative_id = 1", -1, &stmt, NULL), SQLITE_OK);
	bool seeks = false;
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		const char *detail = (const char *)sqlite3_column_text(stmt, 3);
		ck_assert_msg(strstr(detail, "SCAN p") == NULL && strstr(detail, "SCAN u") == NULL,
		              "history scanned: %s", detail);
		if (strstr(detail, "SEARCH c USING INTEGER PRIMARY KEY"))
			seeks = true;
	}
	sqlite3_finalize(stmt);
	ck_assert(seeks);
}
END_TEST

/* The messages of atrack_check's current_status check, joined by "; ". */
static int collect_status_problem(const atrack_problem *p, void *payload)
{
	if (strcmp(p->check, "current_status") == 0) {
		atr_buf *b = payload;
		atr_buf_printf(b, "%s%lld: %s", b->len ? "; " : "", (long long)p->row_id, p->message);
	}
	return 0;
}

static char *status_problems(void)
{
	atr_buf b = ATR_BUF_INIT;
	int rc = atrack_check(db, collect_status_problem, &b);
	ck_assert(rc == ATRACK_OK || rc == ATRACK_CORRUPT);
	char *text = atr_buf_detach(&b);
	char *copy = strdup(text);
	atr_free(text);
	return copy;
}

#define ASSERT_STATUS_PROBLEMS(expected) do { \
	char *got_ = status_problems(); \
	ck_assert_str_eq(got_, expected); \
	free(got_); \
} while (0)

/* initiative_status, the copy of each initiative's latest update that the
 * board reads, follows every change to the history; atrack_check finds a
 * copy that does not. */
START_TEST(test_status_table_follows_history)
{
	ASSERT_STATUS_PROBLEMS("");
	ck_assert_int_eq(tu_query_int(db, "SELECT count(*) FROM initiative_status"), 0);
	int64_t first = must_add(1, "announced", "2024-10-30");
	int64_t later = must_add(1, "in_progress", "2025-03-01");
	must_add(1, "planned", "2025-01-01");                 /* back-dated: not current */
	ck_assert_int_eq(tu_query_int(db, "SELECT update_id FROM initiative_status "
	                              "WHERE initiative_id = 1"), later);
	ASSERT_STATUS_PROBLEMS("");

	/* Edits of the current update reach the copy. */
	atrack_update_input in = ATRACK_UPDATE_INPUT_INIT;
	in.health = "at_risk";
	in.percent_complete = 40;
	ck_assert_int_eq(atrack_update_edit(db, later, &in, ATRACK_UPDATE_EDIT_HEALTH |
	                                    ATRACK_UPDATE_EDIT_PERCENT), ATRACK_OK);
	ck_assert_int_eq(tu_query_int(db, "SELECT percent_complete FROM initiative_status "
	                              "WHERE initiative_id = 1 AND health = 'at_risk'"), 40);
	/* Moving it back in time hands "current" to another update. */
	in.event_date = "2024-12-01";
	ck_assert_int_eq(atrack_update_edit(db, later, &in, ATRACK_UPDATE_EDIT_EVENT_DATE), ATRACK_OK);
	char *status = current_status(1);
	ck_assert_str_eq(status, "planned");
	free(status);
	ASSERT_STATUS_PROBLEMS("");
	/* Deleting updates down to none leaves no row. */
	int64_t planned = tu_query_int(db, "SELECT update_id FROM initiative_status WHERE initiative_id = 1");
	ck_assert_int_eq(atrack_update_delete(db, planned), ATRACK_OK);
	ck_assert_int_eq(tu_query_int(db, "SELECT update_id FROM initiative_status "
	                              "WHERE initiative_id = 1"), later);
	ck_assert_int_eq(atrack_update_delete(db, later), ATRACK_OK);
	ck_assert_int_eq(atrack_update_delete(db, first), ATRACK_OK);
	ck_assert_int_eq(tu_query_int(db, "SELECT count(*) FROM initiative_status"), 0);
	ck_assert_ptr_null(current_status(1));

	/* Deleting an initiative takes its updates and its row (cascade). */
	must_add(2, "announced", "2024-10-30");
	must_add(2, "ongoing", "2025-02-01");
	ck_assert_int_eq(atrack_initiative_delete(db, 2, ATRACK_DELETE_CASCADE), ATRACK_OK);
	ck_assert_int_eq(tu_query_int(db, "SELECT count(*) FROM initiative_status"), 0);
	ASSERT_STATUS_PROBLEMS("");

	/* A copy changed behind the triggers' back is reported. */
	int64_t now = must_add(1, "announced", "2024-10-30");
	ck_assert_int_eq(sqlite3_exec(db->sql, "UPDATE initiative_status SET health = 'off_track';"
	                              "INSERT INTO initiative_status (initiative_id, update_id, status_id, "
	                              "event_date) VALUES (99, 1, 1, '2024-10-30')", NULL, NULL, NULL),
	                 SQLITE_OK);
	char expected[160];
	snprintf(expected, sizeof expected, "1: current status does not hold the fields of update "
	         "%lld; 99: current status kept for a missing initiative", (long long)now);
	ASSERT_STATUS_PROBLEMS(expected);
	ck_assert_int_eq(sqlite3_exec(db->sql, "DELETE FROM initiative_status WHERE initiative_id = 1",
	                              NULL, NULL, NULL), SQLITE_OK);
	snprintf(expected, sizeof expected, "1: current status comes from update none but the "
	         "latest update is %lld; 99: current status kept for a missing initiative",
	         (long long)now);
	ASSERT_STATUS_PROBLEMS(expected);
}
END_TEST

/* ---- The vocabulary ----------------------------------------------------- */

START_TEST(test_user_status_codes)
{
	atrack_status s = { 0 };
	s.code = "paused";
	s.label = "Paused";
	s.sort_order = 45;
	int64_t id = 0;
	ck_assert_int_eq(atrack_status_add(db, &s, &id), ATRACK_OK);
	ck_assert_int_eq(id, 8);
	s.code = "superseded";
	s.label = "Superseded";
	s.sort_order = 80;
	s.is_terminal = 1;
	ck_assert_int_eq(atrack_status_add(db, &s, NULL), ATRACK_OK);

	must_add(1, "in_progress", "2025-01-01");
	must_add(1, "paused", "2025-02-01");
	must_add(1, "superseded", "2025-03-01");
	expect_invalid(add(1, "in_progress", "2025-04-01", 0, NULL, NULL),
	               "status: 'in_progress' would leave terminal status 'superseded'; "
	               "reopen explicitly (--reopen) with a note");
	ck_assert_int_eq(add(1, "paused", "2025-04-01", 1, "merged plan dropped", NULL), ATRACK_OK);

	long long before = written();
	s.is_terminal = 0;
	s.code = "Paused";
	expect_invalid(atrack_status_add(db, &s, NULL),
	               "code: 'Paused' is not a status code (lower-case letter, then letters, "
	               "digits or '_'; at most 32)");
	s.code = "9lives";
	ck_assert_int_eq(atrack_status_add(db, &s, NULL), ATRACK_INVALID);
	s.code = "a23456789012345678901234567890123"; /* 33 */
	ck_assert_int_eq(atrack_status_add(db, &s, NULL), ATRACK_INVALID);
	s.code = "on-hold";
	ck_assert_int_eq(atrack_status_add(db, &s, NULL), ATRACK_INVALID);
	s.code = "planned";
	ck_assert_int_eq(atrack_status_add(db, &s, NULL), ATRACK_CONFLICT);
	ck_assert_str_eq(atrack_errmsg(db), "code: status 'planned' exists already");
	s.code = "on_hold";
	s.label = "";
	expect_invalid(atrack_status_add(db, &s, NULL), "label: must not be empty");
	ck_assert_int_eq(written(), before);
	ck_assert_int_eq(atrack_status_add(NULL, &s, NULL), ATRACK_MISUSE);

	ck_assert_int_eq(atrack_status_edit(db, 8, "On pause", 5), ATRACK_OK);
	ck_assert_int_eq(atrack_status_edit(db, 99, "x", 5), ATRACK_NOTFOUND);
	expect_invalid(atrack_status_edit(db, 8, "", 5), "label: must not be empty");

	atrack_iter *it = NULL;
	ck_assert_int_eq(atrack_status_list(db, &it), ATRACK_OK);
	ck_assert_int_eq(atrack_iter_kind(it), ATRACK_KIND_STATUS);
	char codes[256] = "";
	while (atrack_iter_next(it) == ATRACK_OK) {
		const atrack_status *row = atrack_iter_status(it);
		ck_assert_ptr_null(atrack_iter_update(it));
		strcat(codes, row->code);
		strcat(codes, row->is_terminal ? "*" : "");
		strcat(codes, row->is_builtin ? " " : "+ ");
	}
	atrack_iter_free(it);
	ck_assert_str_eq(codes, "paused+ announced planned in_progress ongoing stalled "
	                 "completed* cancelled* superseded*+ ");
}
END_TEST

/* ---- Bad input ---------------------------------------------------------- */

START_TEST(test_bad_input_writes_nothing)
{
	must_add(1, "announced", "2024-10-30");
	long long before = written();
	atrack_update_input in = ATRACK_UPDATE_INPUT_INIT;
	in.initiative_id = 1;
	in.status = "doing";
	expect_invalid(atrack_update_add(db, &in, NULL), "status: no status 'doing' (known: "
	               "announced, planned, in_progress, ongoing, stalled, completed, cancelled)");
	in.status = NULL;
	expect_invalid(atrack_update_add(db, &in, NULL), "status: required");
	in.status = "planned";
	in.health = "green";
	expect_invalid(atrack_update_add(db, &in, NULL),
	               "health: 'green' is not one of on_track, at_risk, off_track");
	in.health = NULL;
	in.percent_complete = 101;
	expect_invalid(atrack_update_add(db, &in, NULL), "percent_complete: 101 is outside 0..100");
	in.percent_complete = -1;
	in.event_date = "2024-02-30";
	expect_invalid(atrack_update_add(db, &in, NULL),
	               "event_date: '2024-02-30' is not a valid date (YYYY-MM-DD)");
	in.event_date = "9999-12-31";
	ck_assert_int_eq(atrack_update_add(db, &in, NULL), ATRACK_INVALID);
	ck_assert_ptr_nonnull(strstr(atrack_errmsg(db), "event_date: '9999-12-31' is in the future"));
	in.event_date = NULL;
	in.note = "";
	expect_invalid(atrack_update_add(db, &in, NULL),
	               "note: must not be empty or blank (leave it out for none)");
	in.note = "bad \xC3\x28 byte";
	expect_invalid(atrack_update_add(db, &in, NULL), "note: not valid UTF-8 (byte 4)");
	in.note = NULL;
	in.evidence_url = "www.example.com";
	expect_invalid(atrack_update_add(db, &in, NULL),
	               "evidence_url: 'www.example.com' is not a web address (http:// or https://)");
	in.evidence_url = "https://exa mple.com";
	ck_assert_int_eq(atrack_update_add(db, &in, NULL), ATRACK_INVALID);
	in.evidence_url = NULL;
	in.evidence_document_id = 42;
	ck_assert_int_eq(atrack_update_add(db, &in, NULL), ATRACK_NOTFOUND);
	ck_assert_str_eq(atrack_errmsg(db), "evidence_document_id: no document 42");
	in.evidence_document_id = 0;
	in.initiative_id = 42;
	ck_assert_int_eq(atrack_update_add(db, &in, NULL), ATRACK_NOTFOUND);
	ck_assert_str_eq(atrack_errmsg(db), "initiative_id: no initiative 42");
	in.initiative_id = 1;
	in.version = 0;
	ck_assert_int_eq(atrack_update_add(db, &in, NULL), ATRACK_MISUSE);
	ck_assert_int_eq(written(), before);
}
END_TEST

/* ---- Editing and the audit log ------------------------------------------ */

START_TEST(test_edit_and_audit)
{
	int64_t id = 0;
	ck_assert_int_eq(add(1, "in_progress", "2025-01-10", 0, "draft note", &id), ATRACK_OK);
	must_add(1, "completed", "2025-03-01");
	ck_assert_int_eq(atrack_set_author(db, "alice"), ATRACK_OK);
	atrack_update_input in = ATRACK_UPDATE_INPUT_INIT;
	in.note = "first working group met";
	in.health = "on_track";
	in.percent_complete = 25;
	in.evidence_url = "https://example.org/minutes";
	ck_assert_int_eq(atrack_update_edit(db, id, &in, ATRACK_UPDATE_EDIT_NOTE |
	                 ATRACK_UPDATE_EDIT_HEALTH | ATRACK_UPDATE_EDIT_PERCENT |
	                 ATRACK_UPDATE_EDIT_EVIDENCE), ATRACK_OK);
	atrack_update *u = NULL;
	ck_assert_int_eq(atrack_update_get(db, id, &u), ATRACK_OK);
	ck_assert_str_eq(u->note, "first working group met");
	ck_assert_str_eq(u->health, "on_track");
	ck_assert_int_eq(u->percent_complete, 25);
	ck_assert_str_eq(u->evidence_url, "https://example.org/minutes");
	ck_assert_str_eq(u->event_date, "2025-01-10");
	ck_assert_str_eq(u->author, "tester"); /* the author of the update stays */
	atrack_update_free(u);

	atrack_audit_filter f = ATRACK_AUDIT_FILTER_INIT;
	f.kind = ATRACK_KIND_UPDATE;
	f.row_id = id;
	f.limit = 1;
	atrack_iter *it = NULL;
	ck_assert_int_eq(atrack_audit_list(db, &f, &it), ATRACK_OK);
	ck_assert_int_eq(atrack_iter_next(it), ATRACK_OK);
	const atrack_audit_entry *e = atrack_iter_audit(it);
	ck_assert_str_eq(e->action, "update");
	ck_assert_str_eq(e->author, "alice");
	ck_assert_str_eq(e->table_name, "progress_update");
	ck_assert_str_eq(e->kind, "update");
	ck_assert_int_eq(e->row_id, id);
	/* The whole row before and after, as JSON objects. */
	json_t *before = json_loads(e->before_json, 0, NULL);
	json_t *after = json_loads(e->after_json, 0, NULL);
	ck_assert_ptr_nonnull(before);
	ck_assert_ptr_nonnull(after);
	ck_assert_str_eq(json_string_value(json_object_get(before, "note")), "draft note");
	ck_assert(json_is_null(json_object_get(before, "health")));
	ck_assert(json_is_null(json_object_get(before, "percent_complete")));
	ck_assert_str_eq(json_string_value(json_object_get(after, "note")), "first working group met");
	ck_assert_str_eq(json_string_value(json_object_get(after, "health")), "on_track");
	ck_assert_int_eq(json_integer_value(json_object_get(after, "percent_complete")), 25);
	ck_assert_str_eq(json_string_value(json_object_get(after, "event_date")), "2025-01-10");
	ck_assert_int_eq(json_object_size(before), 11);
	json_decref(before);
	json_decref(after);
	ck_assert_int_eq(atrack_iter_next(it), ATRACK_DONE);
	atrack_iter_free(it);

	/* Refused edits write nothing. */
	long long was = written();
	in.event_date = "2025-04-01"; /* after the completed: would leave it */
	expect_invalid(atrack_update_edit(db, id, &in, ATRACK_UPDATE_EDIT_EVENT_DATE),
	               "status: 'in_progress' would leave terminal status 'completed'; "
	               "reopen explicitly (--reopen) with a note");
	in.event_date = "2024-02-30";
	expect_invalid(atrack_update_edit(db, id, &in, ATRACK_UPDATE_EDIT_EVENT_DATE),
	               "event_date: '2024-02-30' is not a valid date (YYYY-MM-DD)");
	expect_invalid(atrack_update_edit(db, id, &in, 0), "edit: no field to change");
	in.note = "  ";
	expect_invalid(atrack_update_edit(db, id, &in, ATRACK_UPDATE_EDIT_NOTE),
	               "note: must not be empty or blank (leave it out for none)");
	ck_assert_int_eq(atrack_update_edit(db, id, &in, 0x100), ATRACK_MISUSE);
	ck_assert_int_eq(atrack_update_edit(db, 99, &in, ATRACK_UPDATE_EDIT_HEALTH), ATRACK_NOTFOUND);
	int64_t reopen = 0;
	ck_assert_int_eq(add(1, "ongoing", "2025-05-01", 1, "again", &reopen), ATRACK_OK);
	was = written();
	in.note = NULL;
	expect_invalid(atrack_update_edit(db, reopen, &in, ATRACK_UPDATE_EDIT_NOTE),
	               "note: a reopen needs a note saying why");
	ck_assert_int_eq(written(), was);
	/* Clearing optional fields. */
	in.health = NULL;
	in.percent_complete = -1;
	in.evidence_url = NULL;
	ck_assert_int_eq(atrack_update_edit(db, id, &in, ATRACK_UPDATE_EDIT_HEALTH |
	                 ATRACK_UPDATE_EDIT_PERCENT | ATRACK_UPDATE_EDIT_EVIDENCE), ATRACK_OK);
	ck_assert_int_eq(atrack_update_get(db, id, &u), ATRACK_OK);
	ck_assert_ptr_null(u->health);
	ck_assert_int_eq(u->percent_complete, -1);
	ck_assert_ptr_null(u->evidence_url);
	ck_assert_str_eq(u->note, "first working group met");
	atrack_update_free(u);
}
END_TEST

/* Count the entries a filter yields. */
static int count_audit(const atrack_audit_filter *f)
{
	atrack_iter *it = NULL;
	int rc = atrack_audit_list(db, f, &it);
	ck_assert_msg(rc == ATRACK_OK, "audit list: %s", atrack_errmsg(db));
	ck_assert_int_eq(atrack_iter_kind(it), 0);
	int n = 0;
	while ((rc = atrack_iter_next(it)) == ATRACK_OK)
		n++;
	ck_assert_int_eq(rc, ATRACK_DONE);
	atrack_iter_free(it);
	return n;
}

START_TEST(test_audit_filters)
{
	/* The fixture wrote 2 initiatives and 1 document. */
	ck_assert_int_eq(count_audit(NULL), 3);
	int64_t a = must_add(1, "announced", "2024-10-30");
	ck_assert_int_eq(atrack_set_author(db, "bob"), ATRACK_OK);
	must_add(2, "announced", "2024-10-30");
	atrack_status s = { 0, "paused", "Paused", 45, 0, 0 };
	ck_assert_int_eq(atrack_status_add(db, &s, NULL), ATRACK_OK);
	ck_assert_int_eq(atrack_update_delete(db, a), ATRACK_OK);

	atrack_audit_filter f = ATRACK_AUDIT_FILTER_INIT;
	ck_assert_int_eq(count_audit(&f), 7);
	f.kind = ATRACK_KIND_UPDATE;
	ck_assert_int_eq(count_audit(&f), 3);
	f.row_id = a;
	ck_assert_int_eq(count_audit(&f), 2);
	f.author = "bob";
	ck_assert_int_eq(count_audit(&f), 1); /* the delete */
	f.row_id = 0;
	f.kind = 0;
	ck_assert_int_eq(count_audit(&f), 3);
	f.author = NULL;
	f.kind = ATRACK_KIND_STATUS;
	ck_assert_int_eq(count_audit(&f), 1);
	f.kind = 0;
	f.table_name = "initiative";
	ck_assert_int_eq(count_audit(&f), 2);
	f.table_name = NULL;
	/* The days of the first and last change, from the log itself, so the
	 * test holds when it runs across midnight. */
	char *first_day = tu_query_text(db, "SELECT substr(min(at), 1, 10) FROM audit_log");
	char *last_day = tu_query_text(db, "SELECT substr(max(at), 1, 10) FROM audit_log");
	f.since = first_day;
	f.until = last_day;
	ck_assert_int_eq(count_audit(&f), 7);
	f.since = f.until = NULL;
	free(first_day);
	free(last_day);
	f.since = NULL;
	f.until = "2000-01-01";
	ck_assert_int_eq(count_audit(&f), 0);
	f.until = NULL;
	f.since = "2999-01-01";
	ck_assert_int_eq(count_audit(&f), 0);
	f.since = NULL;
	f.limit = 2;
	f.offset = 6;
	ck_assert_int_eq(count_audit(&f), 1);

	/* Newest first, with the kind named where the table has one. */
	atrack_iter *it = NULL;
	ck_assert_int_eq(atrack_audit_list(db, NULL, &it), ATRACK_OK);
	ck_assert_int_eq(atrack_iter_next(it), ATRACK_OK);
	const atrack_audit_entry *e = atrack_iter_audit(it);
	ck_assert_str_eq(e->action, "delete");
	ck_assert_ptr_null(e->after_json);
	ck_assert_ptr_nonnull(e->before_json);
	ck_assert_ptr_null(atrack_iter_update(it));
	ck_assert_int_eq(atrack_iter_next(it), ATRACK_OK);
	e = atrack_iter_audit(it);
	ck_assert_str_eq(e->table_name, "status_code");
	ck_assert_str_eq(e->kind, "status");
	ck_assert_ptr_null(e->before_json);
	atrack_iter_free(it);

	atrack_audit_filter bad = ATRACK_AUDIT_FILTER_INIT;
	bad.kind = (atrack_kind)99;
	ck_assert_int_eq(atrack_audit_list(db, &bad, &it), ATRACK_INVALID);
	ck_assert_str_eq(atrack_errmsg(db), "kind: 99 is not a kind");
	bad.kind = 0;
	bad.until = "2024-13-01";
	ck_assert_int_eq(atrack_audit_list(db, &bad, &it), ATRACK_INVALID);
	ck_assert_str_eq(atrack_errmsg(db), "until: '2024-13-01' is not a valid date (YYYY-MM-DD)");
	ck_assert_ptr_null(it);
	ck_assert_int_eq(atrack_audit_list(NULL, NULL, &it), ATRACK_MISUSE);
}
END_TEST

/* ---- Allocation failure ------------------------------------------------- */

/* Fail the Nth allocation of an add, for each N until one succeeds: each
 * failure is ATRACK_NOMEM with nothing written (and, under valgrind or
 * ASan, nothing leaked). A fresh handle each time, so the statement cache
 * has to grow inside the window too. */
START_TEST(test_add_allocation_failure)
{
	atrack_close(db);
	for (long n = 0;; n++) {
		db = tu_memory_db();
		make_initiatives(db);
		must_add(1, "completed", "2025-01-01");
		long long before = written();
		atrack_close(db);
		db = tu_memory_db();
		make_initiatives(db);
		must_add(1, "completed", "2025-01-01");
		atr_alloc_fail_after(n);
		int rc = add(1, "in_progress", "2025-02-01", 1, "reopened", NULL);
		atrack_iter *it = NULL;
		int list_rc = rc == ATRACK_OK ? atrack_update_list(db, NULL, &it) : ATRACK_OK;
		atr_alloc_fail_after(-1);
		atrack_iter_free(it);
		if (rc == ATRACK_OK && list_rc == ATRACK_OK) {
			ck_assert_int_eq(written(), before + 100001);
			ck_assert_int_gt(n, 0);
			break;
		}
		if (rc != ATRACK_OK) {
			ck_assert_int_eq(rc, ATRACK_NOMEM);
			ck_assert_int_eq(written(), before);
		} else {
			ck_assert_int_eq(list_rc, ATRACK_NOMEM);
		}
		atrack_close(db);
		ck_assert_int_lt(n, 100);
	}
	/* atrack_update_get copies into one block: its failure leaks nothing. */
	atrack_update *u = NULL;
	atr_alloc_fail_after(0);
	int rc = atrack_update_get(db, 1, &u);
	atr_alloc_fail_after(-1);
	ck_assert_int_eq(rc, ATRACK_NOMEM);
	ck_assert_ptr_null(u);
}
END_TEST

/* ---- The atrack program -------------------------------------------------- */

/* The CLI has no way to add initiatives in this branch: prepare a file
 * with the library and plain SQL, then run the program on it. */
static char *cli_dir;
static char *cli_db;

static tu_run run_with(const char *const *args, bool author)
{
	const char *argv[32] = { "--db", cli_db, "--author", "carol" };
	size_t n = author ? 4 : 2;
	for (size_t i = 0; args[i]; i++)
		argv[n++] = args[i];
	argv[n] = NULL;
	return tu_atrack(NULL, argv);
}

static tu_run run_atrack(const char *const *args)
{
	return run_with(args, true);
}

/* A read that filters by author (update list, log) refuses the global
 * --author before it: run it without. */
static tu_run run_read(const char *const *args)
{
	return run_with(args, false);
}

/* Run and expect an exit status and exact stderr ("" for none). */
static void expect_run(const char *const *args, int status, const char *err)
{
	tu_run r = run_atrack(args);
	ck_assert_msg(r.status == status, "%s: status %d (stderr: %s)", args[1], r.status, r.err);
	ck_assert_str_eq(r.err, err);
	tu_run_free(&r);
}

static long long file_rows(const char *table)
{
	atrack_db *d = NULL;
	ck_assert_int_eq(atrack_open(cli_db, 0, &d), ATRACK_OK);
	atrack_db *saved = db;
	db = d;
	long long n = rows(table);
	db = saved;
	atrack_close(d);
	return n;
}

START_TEST(test_cli_update_commands)
{
	cli_dir = tu_tmpdir();
	cli_db = tu_path(cli_dir, "atrack.db");
	atrack_db *d = NULL;
	ck_assert_int_eq(atrack_open(cli_db, ATRACK_OPEN_CREATE, &d), ATRACK_OK);
	make_initiatives(d);
	atrack_close(d);

	tu_run r = run_atrack((const char *const[]){ "update", "add", "ncg", "--status",
		"in_progress", "--note", "working groups formed", "--date", "2025-01-15",
		"--health", "on_track", "--percent", "20", "--evidence", "https://example.org/x", NULL });
	ck_assert_int_eq(r.status, 0);
	ck_assert_str_eq(r.out, "added update 1: ncg in_progress on 2025-01-15\n");
	tu_run_free(&r);
	r = run_atrack((const char *const[]){ "update", "add", "2", "--status", "announced",
		"--date", "2024-10-30", "--evidence", "fact-sheet", NULL });
	ck_assert_int_eq(r.status, 0);
	tu_run_free(&r);
	expect_run((const char *const[]){ "update", "add", "ncg", "--status", "completed",
		"--date", "2025-06-01", NULL }, 0, "");

	/* Refusals: a clear message, a documented status, nothing written. */
	long long updates = file_rows("progress_update"), audit = file_rows("audit_log");
	expect_run((const char *const[]){ "update", "add", "nsg", "--status", "planned", NULL }, 3,
	           "atrack: no 'nsg'; did you mean ncg?\natrack: update add: no initiative 'nsg'\n");
	expect_run((const char *const[]){ "update", "add", "ncg", "--status", "doing", NULL }, 4,
	           "atrack: update add: status: no status 'doing' (known: announced, planned, "
	           "in_progress, ongoing, stalled, completed, cancelled)\n");
	expect_run((const char *const[]){ "update", "add", "ncg", "--status", "completed",
		"--date", "2024-02-30", NULL }, 4,
	           "atrack: update add: event_date: '2024-02-30' is not a valid date (YYYY-MM-DD)\n");
	expect_run((const char *const[]){ "update", "add", "ncg", "--status", "completed",
		"--note", " ", NULL }, 4,
	           "atrack: update add: note: must not be empty or blank (leave it out for none)\n");
	expect_run((const char *const[]){ "update", "add", "ncg", "--status", "ongoing", NULL }, 4,
	           "atrack: update add: status: 'ongoing' would leave terminal status 'completed'; "
	           "reopen explicitly (--reopen) with a note\n");
	expect_run((const char *const[]){ "update", "add", "ncg", "--status", "ongoing",
		"--reopen", NULL }, 4, "atrack: update add: note: a reopen needs a note saying why\n");
	expect_run((const char *const[]){ "update", "add", "ncg", "--status", "ongoing",
		"--percent", "120", NULL }, 4,
	           "atrack: update add: percent_complete: '120' is not a whole number 0..100\n");
	expect_run((const char *const[]){ "update", "add", "ncg", "--status", "ongoing",
		"--evidence", "nodoc", NULL }, 3, "atrack: update add: no document 'nodoc'\n");
	expect_run((const char *const[]){ "update", "rm", "2", NULL }, 0, "");
	ck_assert_int_eq(file_rows("progress_update"), updates - 1);
	ck_assert_int_eq(file_rows("audit_log"), audit + 1);

	expect_run((const char *const[]){ "update", "add", "ncg", "--status", "ongoing",
		"--reopen", "--note", "second phase", "--date", "2025-07-01", NULL }, 0, "");

	r = run_read((const char *const[]){ "--json", "update", "list", "ncg", NULL });
	ck_assert_int_eq(r.status, 0);
	json_t *j = json_loads(r.out, 0, NULL);
	ck_assert_ptr_nonnull(j);
	ck_assert_int_eq(json_integer_value(json_object_get(j, "format_version")), 1);
	json_t *list = json_object_get(j, "updates");
	ck_assert_int_eq(json_array_size(list), 3);
	json_t *first = json_array_get(list, 0);
	ck_assert_str_eq(json_string_value(json_object_get(first, "status")), "ongoing");
	ck_assert(json_is_true(json_object_get(first, "is_reopen")));
	ck_assert_str_eq(json_string_value(json_object_get(first, "author")), "carol");
	json_t *last = json_array_get(list, 2);
	ck_assert_int_eq(json_integer_value(json_object_get(last, "percent_complete")), 20);
	ck_assert_str_eq(json_string_value(json_object_get(last, "health")), "on_track");
	ck_assert(json_is_null(json_object_get(first, "health")));
	json_decref(j);
	tu_run_free(&r);

	r = run_read((const char *const[]){ "update", "list", "--since", "2025-06-01", NULL });
	ck_assert_int_eq(r.status, 0);
	ck_assert_ptr_nonnull(strstr(r.out, "ongoing (reopen)"));
	ck_assert_ptr_null(strstr(r.out, "in_progress"));
	tu_run_free(&r);

	expect_run((const char *const[]){ "update", "edit", "1", "--note", "three working groups",
		"--percent", "none", NULL }, 0, "");
	r = run_atrack((const char *const[]){ "update", "show", "1", NULL });
	ck_assert_int_eq(r.status, 0);
	ck_assert_ptr_nonnull(strstr(r.out, "note          three working groups\n"));
	ck_assert_ptr_null(strstr(r.out, "percent"));
	tu_run_free(&r);
	expect_run((const char *const[]){ "update", "edit", "1", "--date", "2025-06-15", NULL }, 4,
	           "atrack: update edit: status: 'in_progress' would leave terminal status "
	           "'completed'; reopen explicitly (--reopen) with a note\n");
	expect_run((const char *const[]){ "update", "edit", "1", NULL }, 2,
	           "atrack: update edit: nothing to change (see 'atrack update edit --help')\n");

	r = run_read((const char *const[]){ "log", "--kind", "update", "--id", "1", NULL });
	ck_assert_int_eq(r.status, 0);
	ck_assert_msg(strstr(r.out, "update 1  percent_complete, note\n") && strstr(r.out, "carol "),
	              "log: %s", r.out);
	tu_run_free(&r);
	r = run_read((const char *const[]){ "--json", "log", "--kind", "update", "--id", "2",
		"--author", "carol", NULL });
	ck_assert_int_eq(r.status, 0);
	j = json_loads(r.out, 0, NULL);
	list = json_object_get(j, "entries");
	ck_assert_int_eq(json_array_size(list), 2); /* added, then removed */
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(list, 0), "action")),
	                 "delete");
	json_decref(j);
	tu_run_free(&r);

	tu_rmrf(cli_dir);
	free(cli_db);
	free(cli_dir);
}
END_TEST

/* The clocks every write reads: UTC, the formats the schema stores, and
 * the same second strftime gives (tried again if the second turned). */
START_TEST(test_clock_formats)
{
	for (int attempt = 0; attempt < 5; attempt++) {
		time_t t0 = time(NULL);
		char now[25], today[11];
		atr_now(now);
		atr_today(today);
		if (time(NULL) != t0)
			continue;
		struct tm tm;
		gmtime_r(&t0, &tm);
		char expected_now[32], expected_today[16];
		strftime(expected_now, sizeof expected_now, "%Y-%m-%dT%H:%M:%S", &tm);
		strftime(expected_today, sizeof expected_today, "%Y-%m-%d", &tm);
		ck_assert_int_eq(strlen(now), 24);
		ck_assert_int_eq(strncmp(now, expected_now, 19), 0);
		ck_assert(now[19] == '.' && now[23] == 'Z');
		for (int i = 20; i < 23; i++)
			ck_assert(now[i] >= '0' && now[i] <= '9');
		ck_assert_str_eq(today, expected_today);
		ck_assert(atr_date_valid(today));
		return;
	}
	ck_abort_msg("the clock kept turning over the second");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("tracking");
	TCase *tc = tcase_create("tracking");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_add_and_get);
	tcase_add_test(tc, test_clock_formats);
	tcase_add_test(tc, test_list_order_and_filters);
	tcase_add_test(tc, test_terminal_needs_reopen);
	tcase_add_test(tc, test_reopen_needs_terminal);
	tcase_add_test(tc, test_backdated_updates);
	tcase_add_test(tc, test_delete);
	tcase_add_test(tc, test_view_consistent_with_history);
	tcase_add_test(tc, test_status_table_follows_history);
	tcase_add_test(tc, test_user_status_codes);
	tcase_add_test(tc, test_bad_input_writes_nothing);
	tcase_add_test(tc, test_edit_and_audit);
	tcase_add_test(tc, test_audit_filters);
	tcase_add_test(tc, test_add_allocation_failure);
	suite_add_tcase(s, tc);
	/* Some forty runs of the program: slow under sanitizers and valgrind,
	 * far past Check's default of 4 seconds. */
	TCase *cli = tcase_create("cli");
	tcase_set_timeout(cli, 120);
	tcase_add_test(cli, test_cli_update_commands);
	suite_add_tcase(s, cli);
	return tu_run_suite(s);
}
