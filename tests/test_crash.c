/*
 * test_crash.c - crash safety: a child process importing a large fact sheet,
 * and one logging updates in batches, are killed with SIGKILL at random
 * moments; after each kill the database opens, passes SQLite's integrity
 * and foreign key checks, and holds the document (or each batch) wholly or
 * not at all.
 *
 * ATRACK_CRASH_ITERATIONS sets how many kills (default 12, the CI setting;
 * the documented long setting is 500).
 */
#include "testutil.h"

#include "atrack_int.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BIG_ITEMS 2500

static long iterations(void)
{
	const char *env = getenv("ATRACK_CRASH_ITERATIONS");
	long n = env ? strtol(env, NULL, 10) : 0;
	return n > 0 ? n : 12;
}

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *write_big_factsheet(const char *dir)
{
	atr_buf b = ATR_BUF_INIT;
	atr_buf_puts(&b, "Fact Sheet: The Long Ministerial Review\n"
	             "During the 12th Joint Ministerial Meeting (JMM) on March 3, 2026, the "
	             "ministers reviewed every line of cooperation.\n"
	             "EXPANDING COOPERATION\nThe allies are:\n");
	for (int i = 0; i < BIG_ITEMS; i++)
		atr_buf_printf(&b, "- Expanding cooperation item %d through the Joint Logistics "
		               "Working Group (JLWG) across the region.\n", i);
	char *path = tu_path(dir, "big.txt");
	tu_write_file(path, b.data, b.len);
	atr_buf_clear(&b);
	return path;
}

static pid_t spawn_import(const char *db_path, const char *input)
{
	pid_t pid = fork();
	ck_assert(pid >= 0);
	if (pid == 0) {
		int null = open("/dev/null", 1);
		dup2(null, 1);
		dup2(null, 2);
		execl(ATRACK_BINARY_DIR "/atrack", "atrack", "--db", db_path, "import", input, (char *)NULL);
		_exit(127);
	}
	return pid;
}

/* Check the database after a kill; returns whether the document is in. */
static bool check_after_crash(const char *db_path, const char *before)
{
	atrack_db *db = NULL;
	int rc = atrack_open(db_path, 0, &db);
	ck_assert_msg(rc == ATRACK_OK, "database does not open after a kill: %s", atrack_errmsg(db));
	char *integrity = tu_query_text(db, "PRAGMA integrity_check");
	ck_assert_str_eq(integrity, "ok");
	free(integrity);
	ck_assert_int_eq(tu_query_int(db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	bool present = tu_query_int(db, "SELECT count(*) FROM document WHERE kind = 'fact_sheet'") == 2;
	if (present) {
		ck_assert_int_eq(tu_query_int(db, "SELECT count(*) FROM initiative WHERE document_id = "
		                              "(SELECT max(id) FROM document WHERE kind = 'fact_sheet')"),
		                 BIG_ITEMS);
		ck_assert_int_eq(tu_query_int(db, "SELECT count(*) FROM initiative_current WHERE status IS NULL"), 0);
	} else {
		/* Not ck_assert_str_eq: the dumps are too long for its message. */
		char *now = tu_db_dump(db);
		if (strcmp(now, before) != 0) {
			tu_write_file("crash-before.txt", before, strlen(before));
			tu_write_file("crash-after.txt", now, strlen(now));
		}
		ck_assert_msg(strcmp(now, before) == 0, "a killed import left part of itself behind "
		              "(crash-before.txt, crash-after.txt)");
		free(now);
	}
	atrack_close(db);
	return present;
}

START_TEST(test_killed_import_is_all_or_nothing)
{
	char *dir = tu_tmpdir();
	char *input = write_big_factsheet(dir);
	char *db_path = tu_path(dir, "crash.db");
	srand((unsigned int)time(NULL) ^ (unsigned int)getpid());

	/* How long a whole import takes, to kill within it. */
	char *timing_db = tu_path(dir, "timing.db");
	double start = now_seconds();
	pid_t pid = spawn_import(timing_db, input);
	int status;
	waitpid(pid, &status, 0);
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	double duration = now_seconds() - start;

	long kills = iterations(), present = 0;
	for (long i = 0; i < kills; i++) {
		unlink(db_path);
		atrack_db *db = NULL;
		ck_assert_int_eq(atrack_open(db_path, ATRACK_OPEN_CREATE, &db), ATRACK_OK);
		size_t len;
		const char *text = atrack_bundled_factsheet(&len, NULL);
		ck_assert_int_eq(atrack_import_factsheet(db, text, len, NULL, NULL), ATRACK_OK);
		char *before = tu_db_dump(db);
		atrack_close(db);

		pid = spawn_import(db_path, input);
		double delay = (double)rand() / RAND_MAX * duration * 1.2;
		struct timespec pause = { (time_t)delay, (long)((delay - (double)(time_t)delay) * 1e9) };
		nanosleep(&pause, NULL);
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		present += check_after_crash(db_path, before);
		free(before);
		char wal[4096];
		snprintf(wal, sizeof wal, "%s-wal", db_path);
		unlink(wal);
		snprintf(wal, sizeof wal, "%s-shm", db_path);
		unlink(wal);
	}
	printf("crash: %ld kills, document present after %ld, absent after %ld (import takes %.0f ms)\n",
	       kills, present, kills - present, duration * 1000);
	tu_rmrf(dir);
	free(timing_db);
	free(db_path);
	free(input);
	free(dir);
}
END_TEST

/* A child logging updates in batches of BATCH per transaction, forever. */
#define BATCH 50
static void log_updates_forever(const char *db_path)
{
	atrack_db *db = NULL;
	if (atrack_open(db_path, 0, &db) != ATRACK_OK)
		_exit(2);
	for (long batch = 0;; batch++) {
		if (atrack_begin(db) != ATRACK_OK)
			_exit(3);
		for (int i = 0; i < BATCH; i++) {
			atrack_update_input in = ATRACK_UPDATE_INPUT_INIT;
			in.initiative_id = 1 + (batch + i) % 7;
			in.status = "in_progress";
			in.note = "logged by the crash test";
			in.event_date = "2025-06-01";
			int64_t id;
			if (atrack_update_add(db, &in, &id) != ATRACK_OK)
				_exit(4);
		}
		if (atrack_commit(db) != ATRACK_OK)
			_exit(5);
	}
}

START_TEST(test_killed_update_logging_keeps_whole_batches)
{
	char *dir = tu_tmpdir();
	char *db_path = tu_path(dir, "updates.db");
	atrack_db *db = NULL;
	ck_assert_int_eq(atrack_open(db_path, ATRACK_OPEN_CREATE, &db), ATRACK_OK);
	size_t len;
	const char *text = atrack_bundled_factsheet(&len, NULL);
	ck_assert_int_eq(atrack_import_factsheet(db, text, len, NULL, NULL), ATRACK_OK);
	atrack_close(db);
	srand((unsigned int)time(NULL) ^ (unsigned int)getpid());

	long kills = iterations(), logged = 0;
	for (long i = 0; i < kills; i++) {
		pid_t pid = fork();
		ck_assert(pid >= 0);
		if (pid == 0)
			log_updates_forever(db_path);
		double delay = 0.05 + (double)rand() / RAND_MAX * 0.3;
		struct timespec pause = { 0, (long)(delay * 1e9) };
		nanosleep(&pause, NULL);
		kill(pid, SIGKILL);
		int status;
		waitpid(pid, &status, 0);
		ck_assert_msg(WIFSIGNALED(status), "the logger stopped by itself (status %d)", status);

		ck_assert_int_eq(atrack_open(db_path, 0, &db), ATRACK_OK);
		char *integrity = tu_query_text(db, "PRAGMA integrity_check");
		ck_assert_str_eq(integrity, "ok");
		free(integrity);
		ck_assert_int_eq(tu_query_int(db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
		/* Only whole batches, each update with its audit row and its
		 * search entry. */
		long updates = tu_query_int(db, "SELECT count(*) FROM progress_update "
		                            "WHERE note = 'logged by the crash test'");
		ck_assert_int_eq(updates % BATCH, 0);
		ck_assert_int_eq(tu_query_int(db, "SELECT count(*) FROM audit_log WHERE "
		                              "table_name = 'progress_update' AND action = 'insert'"),
		                 updates + 7);
		ck_assert_int_eq(tu_query_int(db, "SELECT count(*) FROM search_index WHERE "
		                              "body = 'logged by the crash test'"), updates);
		ck_assert_int_eq(tu_query_int(db, "SELECT count(*) FROM search_pending"), 0);
		logged = updates;
		atrack_close(db);
	}
	printf("crash: %ld kills of an update logger; %ld updates in whole batches of %d\n",
	       kills, logged, BATCH);
	tu_rmrf(dir);
	free(db_path);
	free(dir);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("crash");
	TCase *tc = tcase_create("crash");
	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, test_killed_import_is_all_or_nothing);
	tcase_add_test(tc, test_killed_update_logging_keeps_whole_batches);
	suite_add_tcase(s, tc);
	return tu_run_suite(s);
}
