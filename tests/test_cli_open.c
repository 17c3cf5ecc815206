/*
 * test_cli_open.c - how the atrack program opens a database it may not
 * change: on read-only storage (a folder and file this user cannot write,
 * so no -wal or -shm can be made) a read opens it read-only and says so
 * once, and a write is refused with the read-only message; and a command
 * that is refused leaves a rollback-journal database exactly as it was,
 * its journal mode included, which only a committed write turns to WAL.
 */
#include "testutil.h"

#include <sqlite3.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *dir;
static char *db_path;

static void run_ok(const char *const *argv)
{
	tu_run run = tu_atrack(NULL, argv);
	ck_assert_msg(run.status == 0, "%s %s: %s", argv[2], argv[3], run.err);
	tu_run_free(&run);
}

static void setup(void)
{
	dir = tu_tmpdir();
	/* Readable by the unprivileged user the read-only cases run as. */
	chmod(dir, 0755);
	db_path = tu_path(dir, "store.db");
	run_ok((const char *const[]){ "--db", db_path, "section", "add", "--title", "Deterrence",
	                              NULL });
	run_ok((const char *const[]){ "--db", db_path, "initiative", "add", "--title",
	                              "Tabletop exercises", "--section", "deterrence", "--created-at",
	                              "2024-10-01T09:00:00.000Z", NULL });
	run_ok((const char *const[]){ "--db", db_path, "update", "add", "tabletop-exercises",
	                              "--status", "planned", "--date", "2024-11-01", NULL });
}

static void teardown(void)
{
	chmod(dir, 0700);
	tu_rmrf(dir);
	free(db_path);
	free(dir);
}

static bool exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

/* The folder and the file read-only, no -wal or -shm beside the file: a
 * read opens it read-only (immutable, as its WAL index cannot be made),
 * with one note on stderr; a write is refused as read-only. */
START_TEST(test_read_only_storage_reads)
{
	char *wal = tu_path(dir, "store.db-wal");
	char *shm = tu_path(dir, "store.db-shm");
	ck_assert(!exists(wal) && !exists(shm));
	chmod(db_path, 0444);
	chmod(dir, 0555);
	/* As root the modes would not stop a write: the cases run as nobody,
	 * who must be able to reach the file. */
	if (!tu_unprivileged_reaches(db_path)) {
		printf("skipped: the unprivileged user cannot reach %s\n", db_path);
		goto done;
	}
	tu_run_opts opts = { .unprivileged = true };
	char note[1024];
	snprintf(note, sizeof note, "atrack: note: '%s' cannot be written by this user: "
	         "opened read-only\n", db_path);

	tu_run run = tu_atrack_ex(NULL, (const char *const[]){ "--db", db_path, "status", NULL },
	                          &opts);
	ck_assert_msg(run.status == 0, "status: %d: %s", run.status, run.err);
	ck_assert_str_eq(run.err, note);
	ck_assert_msg(strstr(run.out, "tabletop-exercises") && strstr(run.out, "planned"),
	              "status: %s", run.out);
	tu_run_free(&run);

	run = tu_atrack_ex(NULL, (const char *const[]){ "--db", db_path, "--json", "update",
	                   "list", NULL }, &opts);
	ck_assert_msg(run.status == 0, "update list: %d: %s", run.status, run.err);
	ck_assert_str_eq(run.err, note);
	ck_assert_ptr_nonnull(strstr(run.out, "\"status\": \"planned\""));
	tu_run_free(&run);

	run = tu_atrack_ex(NULL, (const char *const[]){ "--db", db_path, "search", "tabletop",
	                   NULL }, &opts);
	ck_assert_msg(run.status == 0, "search: %d: %s", run.status, run.err);
	ck_assert_ptr_nonnull(strstr(run.out, "tabletop-exercises"));
	tu_run_free(&run);

	/* A write: the one read-only message, and no note. */
	run = tu_atrack_ex(NULL, (const char *const[]){ "--db", db_path, "section", "add",
	                   "--title", "Another", NULL }, &opts);
	char refused[1024];
	snprintf(refused, sizeof refused, "atrack: cannot open database: '%s' is read-only: "
	         "it cannot be written by this user\n", db_path);
	ck_assert_int_eq(run.status, 7);
	ck_assert_str_eq(run.err, refused);
	tu_run_free(&run);
	ck_assert(!exists(wal) && !exists(shm));
done:
	chmod(dir, 0755);
	chmod(db_path, 0600);
	free(wal);
	free(shm);
}
END_TEST

/* A folder this user cannot write, the file writable: no journal can be
 * made, so it is read-only too; a read says so and works. */
START_TEST(test_read_only_folder_writable_file)
{
	chmod(db_path, 0666);
	chmod(dir, 0555);
	if (!tu_unprivileged_reaches(db_path)) {
		printf("skipped: the unprivileged user cannot reach %s\n", db_path);
		goto done;
	}
	tu_run_opts opts = { .unprivileged = true };
	tu_run run = tu_atrack_ex(NULL, (const char *const[]){ "--db", db_path, "initiative",
	                          "list", NULL }, &opts);
	ck_assert_msg(run.status == 0, "initiative list: %d: %s", run.status, run.err);
	ck_assert_ptr_nonnull(strstr(run.err, "opened read-only"));
	ck_assert_ptr_nonnull(strstr(run.out, "tabletop-exercises"));
	tu_run_free(&run);
	run = tu_atrack_ex(NULL, (const char *const[]){ "--db", db_path, "note",
	                   "tabletop-exercises", "still planned", NULL }, &opts);
	ck_assert_int_eq(run.status, 7);
	ck_assert_ptr_nonnull(strstr(run.err, "is read-only: it cannot be written by this user"));
	tu_run_free(&run);
done:
	chmod(dir, 0755);
	chmod(db_path, 0600);
}
END_TEST

static char *journal_mode(void)
{
	sqlite3 *db = NULL;
	ck_assert_int_eq(sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	sqlite3_stmt *stmt = NULL;
	ck_assert_int_eq(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &stmt, NULL),
	                 SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(stmt), SQLITE_ROW);
	char *mode = strdup((const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	return mode;
}

/* A rollback-journal database (made so with SQLite itself) through
 * refused commands and reads: the file is unchanged byte for byte, still
 * in DELETE mode; the first committed write puts it in WAL mode. */
START_TEST(test_refused_command_keeps_journal_mode)
{
	sqlite3 *db = NULL;
	ck_assert_int_eq(sqlite3_open(db_path, &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL),
	                 SQLITE_OK);
	sqlite3_close(db);
	char *mode = journal_mode();
	ck_assert_str_eq(mode, "delete");
	free(mode);
	size_t size_before = 0;
	char *before = tu_read_file(db_path, &size_before);

	static const struct { const char *args[8]; int status; } refused[] = {
		{ { "update", "add", "no-such-initiative", "--status", "planned", NULL }, 3 },
		{ { "update", "add", "tabletop-exercises", "--status", "bogus", NULL }, 4 },
		{ { "update", "add", "tabletop-exercises", "--status", "completed", "--date",
		    "2099-01-01", NULL }, 4 },
		{ { "section", "add", "--no-such-option", NULL }, 2 },
		{ { "section", "add", NULL }, 4 },
		{ { "initiative", "list", "--status", "planned,bogus", NULL }, 4 },
		{ { "status", NULL }, 0 },
		{ { "update", "list", NULL }, 0 },
	};
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		const char *argv[12] = { "--db", db_path };
		for (size_t k = 0; refused[i].args[k]; k++)
			argv[2 + k] = refused[i].args[k];
		tu_run run = tu_atrack(NULL, argv);
		ck_assert_msg(run.status == refused[i].status, "%s %s: %d: %s", argv[2], argv[3],
		              run.status, run.err);
		tu_run_free(&run);
		mode = journal_mode();
		ck_assert_msg(strcmp(mode, "delete") == 0, "%s %s: journal mode %s", argv[2],
		              argv[3], mode);
		free(mode);
		size_t size_after = 0;
		char *after = tu_read_file(db_path, &size_after);
		ck_assert_msg(size_after == size_before && memcmp(before, after, size_before) == 0,
		              "%s %s changed the file", argv[2], argv[3]);
		free(after);
	}
	free(before);

	run_ok((const char *const[]){ "--db", db_path, "note", "tabletop-exercises",
	                              "still planned", NULL });
	mode = journal_mode();
	ck_assert_str_eq(mode, "wal");
	free(mode);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("cli_open");
	TCase *tc = tcase_create("cli_open");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_read_only_storage_reads);
	tcase_add_test(tc, test_read_only_folder_writable_file);
	tcase_add_test(tc, test_refused_command_keeps_journal_mode);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
