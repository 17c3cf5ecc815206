/*
 * make_report.c - writes the HTML report the browser test opens: the
 * bundled fact sheet with a year of plausible progress updates (for the
 * screenshot in docs/), or with the hostile fixture of the unit tests
 * ("hostile"), to check in a real browser that nothing in it runs.
 * Usage: make_report showcase|hostile OUT.html
 */
#include "report_fixture.h"

#include <stdio.h>
#include <string.h>

static const char showcase_sql[] =
	"INSERT INTO progress_update (initiative_id, status_id, health, note, author, event_date, recorded_at) VALUES"
	" (1, 3, 'on_track', 'NCG tabletop exercise on integrated planning completed.', 'analyst', '2025-01-15', '2025-01-16T09:00:00.000Z'),"
	" (1, 4, 'on_track', 'Fourth NCG meeting; workstreams on track.', 'analyst', '2026-06-10', '2026-06-11T09:00:00.000Z'),"
	" (2, 4, 'on_track', 'Freedom Shield held in March with expanded field training.', 'analyst', '2026-03-20', '2026-03-21T09:00:00.000Z'),"
	" (2, 4, 'on_track', 'Ulchi Freedom Shield concluded.', 'analyst', '2026-08-29', '2026-08-30T09:00:00.000Z'),"
	" (3, 3, 'at_risk', 'Early warning upgrade slipping: funding awaited.', 'analyst', '2026-02-05', '2026-02-06T09:00:00.000Z'),"
	" (4, 3, 'on_track', 'DSTEC inaugural meeting held in Seoul.', 'analyst', '2025-12-04', '2025-12-05T09:00:00.000Z'),"
	" (4, 3, 'on_track', 'AI and autonomy working groups stood up.', 'analyst', '2026-09-17', '2026-09-18T09:00:00.000Z'),"
	" (5, 5, 'off_track', 'MRO agreement talks paused.', 'analyst', '2026-04-22', '2026-04-23T09:00:00.000Z'),"
	" (6, 2, NULL, 'Framework terms of reference drafted.', 'analyst', '2026-01-30', '2026-01-31T09:00:00.000Z'),"
	" (7, 6, 'on_track', 'Trilateral framework signed; exercise Freedom Edge held.', 'analyst', '2026-07-12', '2026-07-13T09:00:00.000Z');"
	"UPDATE initiative SET target_date = '2026-06-30' WHERE id = 3;";

static const char *mode, *out_path;
static int result = 1;

/* The fixtures assert as they go, so the work runs as a Check test. */
START_TEST(write_report)
{
	atrack_db *db;
	if (strcmp(mode, "hostile") == 0) {
		db = report_crafted_db();
	} else {
		db = tu_memory_db();
		size_t len;
		const char *text = atrack_bundled_factsheet(&len, NULL);
		ck_assert_int_eq(atrack_import_factsheet(db, text, len, NULL, NULL), ATRACK_OK);
		ck_assert_int_eq(atrack_begin(db), ATRACK_OK);
		ck_assert_msg(sqlite3_exec(db->sql, showcase_sql, NULL, NULL, NULL) == SQLITE_OK, "%s",
		              sqlite3_errmsg(db->sql));
		ck_assert_int_eq(atrack_commit(db), ATRACK_OK);
	}
	atrack_report_opts o = ATRACK_REPORT_OPTS_INIT;
	o.today = "2026-11-28";
	o.since = "2026-06-01";
	o.title = "U.S.-ROK alliance initiatives: status report";
	FILE *f = fopen(out_path, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_msg(atrack_report_write(db, &o, ATRACK_REPORT_HTML, f) == ATRACK_OK, "%s",
	              atrack_errmsg(db));
	ck_assert_int_eq(fclose(f), 0);
	atrack_close(db);
	result = 0;
}
END_TEST

int main(int argc, char **argv)
{
	if (argc != 3 || (strcmp(argv[1], "showcase") != 0 && strcmp(argv[1], "hostile") != 0)) {
		fprintf(stderr, "usage: make_report showcase|hostile OUT.html\n");
		return 2;
	}
	mode = argv[1];
	out_path = argv[2];
	Suite *s = suite_create("make_report");
	TCase *tc = tcase_create("write");
	tcase_add_test(tc, write_report);
	suite_add_tcase(s, tc);
	SRunner *runner = srunner_create(s);
	srunner_set_fork_status(runner, CK_NOFORK);
	srunner_run_all(runner, CK_SILENT);
	int failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed || result ? 1 : 0;
}
