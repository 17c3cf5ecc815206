/*
 * test_concurrency.c - several analysts on one database: writer processes
 * log progress updates at the same time, half through the library and half
 * through the atrack program, while reader processes render reports. Every
 * write lands exactly once, no writer sees an error, and every report a
 * reader takes is one consistent snapshot.
 *
 * ATRACK_CONCURRENCY_UPDATES sets the updates per writer (default 500, the
 * issue's figure; CI uses it as is).
 */
#include "testutil.h"

#include "atrack_int.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define LIBRARY_WRITERS 4
#define CLI_WRITERS 4
#define READERS 2

static long updates_per_writer(void)
{
	const char *env = getenv("ATRACK_CONCURRENCY_UPDATES");
	long n = env ? strtol(env, NULL, 10) : 0;
	return n > 0 ? n : 500;
}

/* A writer through the library: its own handle, one update per call. */
static int library_writer(const char *db_path, int writer, long count)
{
	atrack_db *db = NULL;
	if (atrack_open(db_path, 0, &db) != ATRACK_OK) {
		fprintf(stderr, "writer %d: open: %s\n", writer, atrack_errmsg(db));
		return 1;
	}
	char author[32], note[64];
	snprintf(author, sizeof author, "library-%d", writer);
	atrack_set_author(db, author);
	for (long i = 0; i < count; i++) {
		atrack_update_input in = ATRACK_UPDATE_INPUT_INIT;
		in.initiative_id = 1 + (i + writer) % 7;
		in.status = "in_progress";
		in.health = "on_track";
		snprintf(note, sizeof note, "library writer %d, update %ld", writer, i);
		in.note = note;
		in.event_date = "2025-06-01";
		int64_t id;
		int rc = atrack_update_add(db, &in, &id);
		if (rc != ATRACK_OK) {
			fprintf(stderr, "writer %d: update %ld: %s\n", writer, i, atrack_errmsg(db));
			atrack_close(db);
			return 1;
		}
	}
	atrack_close(db);
	return 0;
}

/* A writer through the program: one `atrack update add` process per update,
 * as an analyst's script would run it. */
static int cli_writer(const char *db_path, int writer, long count)
{
	char initiative[16], note[64];
	for (long i = 0; i < count; i++) {
		snprintf(initiative, sizeof initiative, "%ld", 1 + (i + writer) % 7);
		snprintf(note, sizeof note, "cli writer %d, update %ld", writer, i);
		pid_t pid = fork();
		if (pid < 0)
			return 1;
		if (pid == 0) {
			int null = open("/dev/null", O_WRONLY);
			dup2(null, 1);
			execl(ATRACK_BINARY_DIR "/atrack", "atrack", "--db", db_path, "--author", "cli",
			      "update", "add", initiative, "--status", "ongoing", "--note", note,
			      "--date", "2025-06-01", (char *)NULL);
			_exit(127);
		}
		int status;
		waitpid(pid, &status, 0);
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			fprintf(stderr, "cli writer %d: update %ld failed\n", writer, i);
			return 1;
		}
	}
	return 0;
}

/* A reader: report after report until told to stop, each checked to be
 * one snapshot (the summary's total equals the rows read). */
static int reader(const char *db_path, int stop_fd)
{
	atrack_db *db = NULL;
	if (atrack_open(db_path, ATRACK_OPEN_READONLY, &db) != ATRACK_OK)
		return 1;
	fcntl(stop_fd, F_SETFL, O_NONBLOCK);
	int reports = 0;
	char byte;
	while (read(stop_fd, &byte, 1) < 0) {
		atrack_report *report = NULL;
		if (atrack_report_open(db, NULL, &report) != ATRACK_OK) {
			fprintf(stderr, "reader: %s\n", atrack_errmsg(db));
			return 1;
		}
		const atrack_report_summary *all = atrack_report_group_at(report, ATRACK_REPORT_ALL, 0);
		long total = all ? (long)all->total : -1;
		atrack_iter *rows = NULL;
		long seen = 0;
		if (atrack_report_rows(report, &rows) != ATRACK_OK)
			return 1;
		while (atrack_iter_next(rows) == ATRACK_OK)
			seen++;
		atrack_iter_free(rows);
		atrack_report_free(report);
		if (seen != total) {
			fprintf(stderr, "reader: summary says %ld initiatives, rows %ld\n", total, seen);
			return 1;
		}
		reports++;
	}
	atrack_close(db);
	return reports > 0 ? 0 : 1;
}

START_TEST(test_writers_and_readers)
{
	/* The paths live in static storage: the forked children end with
	 * _exit, and heap copies would count as leaks in each of them. */
	static char dir[4096], db_path[4200];
	char *heap_dir = tu_tmpdir();
	snprintf(dir, sizeof dir, "%s", heap_dir);
	snprintf(db_path, sizeof db_path, "%s/shared.db", dir);
	free(heap_dir);
	atrack_db *db = NULL;
	ck_assert_int_eq(atrack_open(db_path, ATRACK_OPEN_CREATE, &db), ATRACK_OK);
	size_t len;
	const char *text = atrack_bundled_factsheet(&len, NULL);
	ck_assert_int_eq(atrack_import_factsheet(db, text, len, NULL, NULL), ATRACK_OK);
	long before = tu_query_int(db, "SELECT count(*) FROM progress_update");
	atrack_close(db);

	long count = updates_per_writer();
	int stop[2];
	ck_assert_int_eq(pipe(stop), 0);
	pid_t readers[READERS], writers[LIBRARY_WRITERS + CLI_WRITERS];
	for (int r = 0; r < READERS; r++) {
		readers[r] = fork();
		if (readers[r] == 0) {
			close(stop[1]);
			_exit(reader(db_path, stop[0]));
		}
	}
	for (int w = 0; w < LIBRARY_WRITERS + CLI_WRITERS; w++) {
		writers[w] = fork();
		if (writers[w] == 0) {
			close(stop[0]);
			_exit(w < LIBRARY_WRITERS ? library_writer(db_path, w, count)
			                          : cli_writer(db_path, w, count));
		}
	}
	for (int w = 0; w < LIBRARY_WRITERS + CLI_WRITERS; w++) {
		int status;
		waitpid(writers[w], &status, 0);
		ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "writer %d failed", w);
	}
	close(stop[1]); /* readers see end of file and stop */
	for (int r = 0; r < READERS; r++) {
		int status;
		waitpid(readers[r], &status, 0);
		ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "reader %d failed", r);
	}
	close(stop[0]);

	ck_assert_int_eq(atrack_open(db_path, 0, &db), ATRACK_OK);
	ck_assert_int_eq(tu_query_int(db, "SELECT count(*) FROM progress_update") - before,
	                 (LIBRARY_WRITERS + CLI_WRITERS) * count);
	ck_assert_int_eq(tu_query_int(db, "SELECT count(DISTINCT note) FROM progress_update "
	                              "WHERE author <> 'tester'") - 1, /* the announcements */
	                 (LIBRARY_WRITERS + CLI_WRITERS) * count);
	char *integrity = tu_query_text(db, "PRAGMA integrity_check");
	ck_assert_str_eq(integrity, "ok");
	free(integrity);
	ck_assert_int_eq(tu_query_int(db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	printf("concurrency: %d writers x %ld updates landed exactly once alongside %d readers\n",
	       LIBRARY_WRITERS + CLI_WRITERS, count, READERS);
	atrack_close(db);
	tu_rmrf(dir);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("concurrency");
	TCase *tc = tcase_create("concurrency");
	tcase_set_timeout(tc, 900);
	tcase_add_test(tc, test_writers_and_readers);
	suite_add_tcase(s, tc);
	return tu_run_suite(s);
}
