/*
 * report_fixture.h - the history the report and search tests share: the
 * bundled fact sheet, then progress updates with known dates, authors and
 * notes (one a would-be spreadsheet formula, one with quotes and a line
 * break), a target date in the past, and an initiative retitled as a
 * script tag, so that every count and escape has a known right answer.
 */
#ifndef ATRACK_REPORT_FIXTURE_H
#define ATRACK_REPORT_FIXTURE_H

#include "testutil.h"

#include "atrack_int.h"

/* Status ids of the seeded vocabulary: announced 1, planned 2,
 * in_progress 3, ongoing 4, stalled 5, completed 6, cancelled 7.
 * Initiatives 1-2 are in section 1, 3-5 in section 2, 6-7 in section 3. */
static const char report_history_sql[] =
	"INSERT INTO progress_update (initiative_id, status_id, health, note, author, event_date, recorded_at) VALUES"
	" (1, 3, 'on_track', 'NCG tabletop exercise held', 'alice', '2025-02-01', '2025-02-02T09:00:00.000Z'),"
	" (1, 3, 'at_risk', '=HYPERLINK(\"http://evil.example\",\"x\")', 'bob', '2025-06-01', '2025-06-03T09:00:00.000Z'),"
	" (3, 6, 'on_track', 'Early warning upgraded, \"phase 1\"' || char(10) || 'second line', 'carol', '2025-03-15', '2025-03-16T09:00:00.000Z'),"
	" (4, 4, 'on_track', 'DSTEC met in Seoul on quantum sensing', 'dave', '2026-10-01', '2026-10-02T09:00:00.000Z'),"
	" (6, 5, 'off_track', 'Framework talks paused', 'erin', '2025-01-10', '2025-01-11T09:00:00.000Z');"
	"UPDATE initiative SET target_date = '2025-12-31' WHERE id = 2;"
	"UPDATE initiative SET title = '<script>alert(1)</script>' WHERE id = 7;";

static atrack_db *report_db(void)
{
	atrack_db *db = tu_memory_db();
	size_t len;
	const char *text = atrack_bundled_factsheet(&len, NULL);
	ck_assert_msg(atrack_import_factsheet(db, text, len, NULL, NULL) == ATRACK_OK, "%s",
	              atrack_errmsg(db));
	/* Through atrack_begin/commit, as a writer using the library would. */
	ck_assert_int_eq(atrack_begin(db), ATRACK_OK);
	ck_assert_msg(sqlite3_exec(db->sql, report_history_sql, NULL, NULL, NULL) == SQLITE_OK,
	              "%s", sqlite3_errmsg(db->sql));
	ck_assert_int_eq(atrack_commit(db), ATRACK_OK);
	return db;
}

/* What a crafted database can hold once its CHECK constraints are set
 * aside: a status whose code and label carry markup, table pipes, a line
 * break, a Markdown link and a terminal escape, and an update on
 * initiative 5 with that status, a health that is a <meta refresh>, and an
 * event date with markup after it. Every renderer must show these as text. */
#define HOSTILE_META "<meta http-equiv=\"refresh\" content=\"0;url=http://evil.example/\">"
#define HOSTILE_LABEL "L|ab\n<img src=x onerror=alert(1)>[x](javascript:alert(1))\x1b[31m"
static const char report_crafted_sql[] =
	"PRAGMA ignore_check_constraints = ON;"
	"INSERT INTO status_code (code, label, sort_order, is_terminal, is_builtin) VALUES"
	" ('x\"><meta http-equiv=refresh content=0>', 'L|ab' || char(10) ||"
	"  '<img src=x onerror=alert(1)>[x](javascript:alert(1))' || char(27) || '[31m', 99, 0, 0);"
	"INSERT INTO progress_update (initiative_id, status_id, health, note, author, event_date, recorded_at)"
	" SELECT 5, id, '<meta http-equiv=\"refresh\" content=\"0;url=http://evil.example/\">',"
	"        'crafted', 'mallory', '2026-11-01<i>x</i>', '2026-11-02T09:00:00.000Z'"
	"   FROM status_code WHERE sort_order = 99;"
	"PRAGMA ignore_check_constraints = OFF;";

/* The history above with the crafted rows added. */
static inline atrack_db *report_crafted_db(void)
{
	atrack_db *db = report_db();
	ck_assert_msg(sqlite3_exec(db->sql, report_crafted_sql, NULL, NULL, NULL) == SQLITE_OK,
	              "%s", sqlite3_errmsg(db->sql));
	return db;
}

#endif /* ATRACK_REPORT_FIXTURE_H */
