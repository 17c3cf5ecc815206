/*
 * test_outfile.c - the files atrack writes for a caller (report -o, export
 * -o, backup): a device or FIFO is never replaced, a symlink is followed
 * and stays a link, the database and its journals are refused, the umask
 * is honoured, a dead writer's journals and temporary files do not survive,
 * and a backup inside a transaction copies the committed state.
 */
#define _DEFAULT_SOURCE /* flock(2) */
#include "testutil.h"
#include "atrack_int.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static atrack_db *open_file_db(const char *path)
{
	atrack_db *db = NULL;
	int rc = atrack_open(path, ATRACK_OPEN_CREATE, &db);
	ck_assert_msg(rc == ATRACK_OK, "%s", atrack_errmsg(db));
	return db;
}

static void add_party(atrack_db *db, const char *name)
{
	atrack_party p = { 0 };
	p.name = name;
	ck_assert_msg(atrack_party_add(db, &p, NULL) == ATRACK_OK, "%s", atrack_errmsg(db));
}

static bool file_has(const char *path, const char *text)
{
	char *data = tu_read_file(path, NULL);
	bool found = strstr(data, text) != NULL;
	free(data);
	return found;
}

static bool exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

/* ---- Targets that are not plain files ----------------------------------- */

START_TEST(test_fifo_written_in_place)
{
	char *dir = tu_tmpdir();
	char *fifo = tu_path(dir, "pipe");
	ck_assert_int_eq(mkfifo(fifo, 0600), 0);
	int reader = open(fifo, O_RDONLY | O_NONBLOCK);
	ck_assert_int_ge(reader, 0);
	atrack_db *db = tu_memory_db();

	ck_assert_msg(atrack_export_path(db, NULL, fifo) == ATRACK_OK, "%s", atrack_errmsg(db));
	char buf[65536];
	ssize_t n = read(reader, buf, sizeof buf - 1);
	ck_assert_int_gt(n, 0);
	buf[n] = '\0';
	ck_assert_ptr_nonnull(strstr(buf, "atrack-export"));
	struct stat st;
	ck_assert_int_eq(lstat(fifo, &st), 0);
	ck_assert_msg(S_ISFIFO(st.st_mode), "the FIFO was replaced");

	/* A database copy cannot go into a FIFO: refused, and it stays. */
	ck_assert_int_eq(atrack_backup(db, fifo), ATRACK_INVALID);
	ck_assert_int_eq(lstat(fifo, &st), 0);
	ck_assert(S_ISFIFO(st.st_mode));
	/* A directory is refused too. */
	ck_assert_int_eq(atrack_export_path(db, NULL, dir), ATRACK_IO);

	close(reader);
	atrack_close(db);
	tu_rmrf(dir);
	free(fifo);
	free(dir);
}
END_TEST

/* The program's -o on a FIFO (as on /dev/null, which a test must not
 * risk replacing): written in place, never renamed over. */
START_TEST(test_cli_fifo_stays_a_fifo)
{
	char *dir = tu_tmpdir();
	char *db_path = tu_path(dir, "a.db");
	char *fifo = tu_path(dir, "pipe");
	atrack_close(open_file_db(db_path));
	ck_assert_int_eq(mkfifo(fifo, 0600), 0);
	const char *commands[][8] = {
		{ "--db", db_path, "report", "-o", fifo, NULL },
		{ "--db", db_path, "export", "-o", fifo, NULL },
	};
	for (size_t i = 0; i < 2; i++) {
		int reader = open(fifo, O_RDONLY | O_NONBLOCK);
		ck_assert_int_ge(reader, 0);
		tu_run run = tu_atrack(NULL, commands[i]);
		ck_assert_msg(run.status == 0, "%s", run.err);
		tu_run_free(&run);
		char buf[4096];
		ck_assert_int_gt(read(reader, buf, sizeof buf), 0);
		close(reader);
		struct stat st;
		ck_assert_int_eq(lstat(fifo, &st), 0);
		ck_assert_msg(S_ISFIFO(st.st_mode), "the FIFO was replaced");
	}
	tu_rmrf(dir);
	free(db_path);
	free(fifo);
	free(dir);
}
END_TEST

START_TEST(test_symlink_followed)
{
	char *dir = tu_tmpdir();
	char *real = tu_path(dir, "real.json");
	char *link = tu_path(dir, "link.json");
	char *dangling = tu_path(dir, "dangling.json");
	char *nowhere = tu_path(dir, "nowhere.json");
	tu_write_file(real, "old", 3);
	ck_assert_int_eq(symlink("real.json", link), 0);
	ck_assert_int_eq(symlink("nowhere.json", dangling), 0);
	atrack_db *db = tu_memory_db();

	ck_assert_msg(atrack_export_path(db, NULL, link) == ATRACK_OK, "%s", atrack_errmsg(db));
	struct stat st;
	ck_assert_int_eq(lstat(link, &st), 0);
	ck_assert_msg(S_ISLNK(st.st_mode), "the symlink was replaced by a file");
	ck_assert(file_has(real, "atrack-export"));

	/* A dangling link is refused, and nothing is made. */
	ck_assert_int_eq(atrack_export_path(db, NULL, dangling), ATRACK_NOTFOUND);
	ck_assert(!exists(nowhere));
	ck_assert_int_eq(lstat(dangling, &st), 0);
	ck_assert(S_ISLNK(st.st_mode));

	/* The program's report -o follows it the same way. */
	char *db_path = tu_path(dir, "a.db");
	atrack_close(open_file_db(db_path));
	const char *report[] = { "--db", db_path, "report", "--format", "md", "-o", link, NULL };
	tu_run run = tu_atrack(NULL, report);
	ck_assert_msg(run.status == 0, "%s", run.err);
	tu_run_free(&run);
	ck_assert_int_eq(lstat(link, &st), 0);
	ck_assert(S_ISLNK(st.st_mode));
	ck_assert(!file_has(real, "atrack-export"));

	atrack_close(db);
	tu_rmrf(dir);
	free(real);
	free(link);
	free(dangling);
	free(nowhere);
	free(db_path);
	free(dir);
}
END_TEST

START_TEST(test_database_refused)
{
	char *dir = tu_tmpdir();
	char *db_path = tu_path(dir, "a.db");
	char *hard = tu_path(dir, "other-name.db");
	atrack_db *db = open_file_db(db_path);
	add_party(db, "Kept");
	char *before = tu_db_dump(db);
	ck_assert_int_eq(link(db_path, hard), 0);

	const char *suffixes[] = { "", "-wal", "-shm", "-journal" };
	for (size_t i = 0; i < 4; i++) {
		char name[4096];
		snprintf(name, sizeof name, "%s%s", db_path, suffixes[i]);
		ck_assert_int_eq(atrack_export_path(db, NULL, name), ATRACK_INVALID);
		ck_assert_ptr_nonnull(strstr(atrack_errmsg(db), "database itself"));
		ck_assert_int_eq(atrack_backup(db, name), ATRACK_INVALID);
	}
	/* The same file by another name. */
	ck_assert_int_eq(atrack_backup(db, hard), ATRACK_INVALID);
	ck_assert_int_eq(atrack_export_path(db, NULL, hard), ATRACK_INVALID);
	char *after = tu_db_dump(db);
	ck_assert_str_eq(before, after);
	free(after);
	atrack_close(db);

	const char *report[] = { "--db", db_path, "report", "-o", db_path, NULL };
	tu_run run = tu_atrack(NULL, report);
	ck_assert_int_ne(run.status, 0);
	ck_assert_ptr_nonnull(strstr(run.err, "database itself"));
	tu_run_free(&run);
	const char *export[] = { "--db", db_path, "export", "-o", db_path, NULL };
	run = tu_atrack(NULL, export);
	ck_assert_int_ne(run.status, 0);
	tu_run_free(&run);
	db = open_file_db(db_path);
	after = tu_db_dump(db);
	ck_assert_str_eq(before, after);
	atrack_close(db);

	tu_rmrf(dir);
	free(before);
	free(after);
	free(db_path);
	free(hard);
	free(dir);
}
END_TEST

static mode_t mode_of(const char *path)
{
	struct stat st;
	ck_assert_int_eq(stat(path, &st), 0);
	return st.st_mode & 0777;
}

START_TEST(test_umask_honoured)
{
	char *dir = tu_tmpdir();
	char *db_path = tu_path(dir, "a.db");
	char *out = tu_path(dir, "out.md");
	char *json = tu_path(dir, "out.json");
	char *copy = tu_path(dir, "copy.db");
	atrack_close(open_file_db(db_path));
	static const struct { mode_t umask, report, private_file; } cases[] = {
		{ 077, 0600, 0600 }, { 022, 0644, 0600 }, { 027, 0640, 0600 }, { 0277, 0400, 0400 },
	};
	mode_t saved = umask(022);
	for (size_t i = 0; i < ATR_ARRAY_SIZE(cases); i++) {
		umask(cases[i].umask);
		unlink(out);
		unlink(json);
		unlink(copy);
		const char *report[] = { "--db", db_path, "report", "-o", out, NULL };
		tu_run run = tu_atrack(NULL, report);
		ck_assert_msg(run.status == 0, "%s", run.err);
		tu_run_free(&run);
		ck_assert_int_eq(mode_of(out), cases[i].report);
		/* Replacing an existing file gives the new one the same mode. */
		run = tu_atrack(NULL, report);
		ck_assert_msg(run.status == 0, "%s", run.err);
		tu_run_free(&run);
		ck_assert_int_eq(mode_of(out), cases[i].report);
		const char *export[] = { "--db", db_path, "export", "-o", json, NULL };
		run = tu_atrack(NULL, export);
		ck_assert_msg(run.status == 0, "%s", run.err);
		tu_run_free(&run);
		ck_assert_int_eq(mode_of(json), cases[i].private_file);
		if (cases[i].private_file & 0200) {
			const char *backup[] = { "--db", db_path, "backup", copy, NULL };
			run = tu_atrack(NULL, backup);
			ck_assert_msg(run.status == 0, "%s", run.err);
			tu_run_free(&run);
			ck_assert_int_eq(mode_of(copy), cases[i].private_file);
		}
	}
	umask(saved);
	tu_rmrf(dir);
	free(db_path);
	free(out);
	free(json);
	free(copy);
	free(dir);
}
END_TEST

/* ---- What a killed process left ---------------------------------------- */

static const char *self_path;

/* `test_outfile --dead-writer PATH`: leave a database at PATH in WAL mode
 * whose writer died: its -wal holds committed frames never checkpointed. */
static int run_dead_writer(const char *path)
{
	sqlite3 *s = NULL;
	if (sqlite3_open(path, &s) != SQLITE_OK ||
	    sqlite3_exec(s, "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0; "
	                 "CREATE TABLE old_data (x); "
	                 "INSERT INTO old_data VALUES (1), (2), (3);", NULL, NULL, NULL) != SQLITE_OK)
		_exit(1);
	_exit(0); /* killed: no close, no checkpoint */
}

/* `test_outfile --live-user PATH READY_FD STOP_FD`: hold PATH open as a
 * WAL database until told to stop. */
static int run_live_user(const char *path, int ready_fd, int stop_fd)
{
	sqlite3 *s = NULL;
	char byte = 1;
	if (sqlite3_open(path, &s) != SQLITE_OK ||
	    sqlite3_exec(s, "PRAGMA journal_mode = WAL; CREATE TABLE live (x);", NULL, NULL,
	                 NULL) != SQLITE_OK ||
	    write(ready_fd, &byte, 1) != 1)
		return 1;
	(void)!read(stop_fd, &byte, 1);
	sqlite3_close(s);
	return 0;
}

/* Run this program in one of the modes above (exec'd, so that the child
 * is a process of its own, not a copy of the test). */
static pid_t spawn_self(const char *mode, const char *path, int a, int b)
{
	char fa[16], fb[16];
	snprintf(fa, sizeof fa, "%d", a);
	snprintf(fb, sizeof fb, "%d", b);
	pid_t child = fork();
	ck_assert_int_ge(child, 0);
	if (child == 0) {
		execl(self_path, self_path, mode, path, fa, fb, (char *)NULL);
		_exit(127);
	}
	return child;
}

static void leave_dead_writers_wal(const char *path)
{
	pid_t child = spawn_self("--dead-writer", path, 0, 0);
	int status;
	ck_assert_int_eq(waitpid(child, &status, 0), child);
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

START_TEST(test_backup_over_stale_wal)
{
	char *dir = tu_tmpdir();
	char *db_path = tu_path(dir, "a.db");
	char *copy = tu_path(dir, "copy.db");
	char *copy_wal = tu_path(dir, "copy.db-wal");
	atrack_db *db = open_file_db(db_path);
	add_party(db, "In the copy");
	leave_dead_writers_wal(copy);
	ck_assert(exists(copy_wal));

	ck_assert_msg(atrack_backup(db, copy) == ATRACK_OK, "%s", atrack_errmsg(db));
	atrack_db *c = NULL;
	ck_assert_int_eq(atrack_open(copy, 0, &c), ATRACK_OK);
	ck_assert_msg(atrack_check(c, NULL, NULL) == ATRACK_OK, "%s", atrack_errmsg(c));
	char *want = tu_db_dump(db), *got = tu_db_dump(c);
	ck_assert_str_eq(want, got);
	ck_assert_int_eq(tu_query_int(c, "SELECT count(*) FROM sqlite_schema WHERE name = 'old_data'"), 0);
	atrack_close(c);
	free(want);
	free(got);
	atrack_close(db);
	tu_rmrf(dir);
	free(db_path);
	free(copy);
	free(copy_wal);
	free(dir);
}
END_TEST

START_TEST(test_backup_over_live_database_refused)
{
	char *dir = tu_tmpdir();
	char *db_path = tu_path(dir, "a.db");
	char *copy = tu_path(dir, "copy.db");
	atrack_db *db = open_file_db(db_path);
	int ready[2], stop[2];
	ck_assert_int_eq(pipe(ready), 0);
	ck_assert_int_eq(pipe(stop), 0);
	pid_t child = spawn_self("--live-user", copy, ready[1], stop[0]);
	char byte;
	ck_assert_int_eq(read(ready[0], &byte, 1), 1);
	ck_assert_int_eq(atrack_backup(db, copy), ATRACK_BUSY);
	ck_assert_ptr_nonnull(strstr(atrack_errmsg(db), "another process"));
	ck_assert_int_eq(write(stop[1], &byte, 1), 1);
	int status;
	waitpid(child, &status, 0);
	/* Once its user is gone, the copy replaces it. */
	ck_assert_msg(atrack_backup(db, copy) == ATRACK_OK, "%s", atrack_errmsg(db));
	close(ready[0]);
	close(ready[1]);
	close(stop[0]);
	close(stop[1]);
	atrack_close(db);
	tu_rmrf(dir);
	free(db_path);
	free(copy);
	free(dir);
}
END_TEST

static int count_temps(const char *dir)
{
	int n = 0;
	DIR *d = opendir(dir);
	ck_assert_ptr_nonnull(d);
	for (struct dirent *e; (e = readdir(d)) != NULL;)
		n += strstr(e->d_name, ".tmp") != NULL;
	closedir(d);
	return n;
}

START_TEST(test_stale_temp_files_swept)
{
	char *dir = tu_tmpdir();
	char *db_path = tu_path(dir, "a.db");
	char *out = tu_path(dir, "out.json");
	char *dead = tu_path(dir, "out.json.tmp-AbCdEf");
	char *dead_journal = tu_path(dir, "out.json.tmp-AbCdEf-journal");
	char *live = tu_path(dir, "out.json.tmp-LiVe01");
	char *copy = tu_path(dir, "copy.db");
	char *dead_copy = tu_path(dir, "copy.db.tmp-Zz9Zz9");
	char *dead_copy_wal = tu_path(dir, "copy.db.tmp-Zz9Zz9-wal");
	atrack_db *db = open_file_db(db_path);
	tu_write_file(dead, "half", 4);
	tu_write_file(dead_journal, "half", 4);
	tu_write_file(live, "being written", 13);
	tu_write_file(dead_copy, "half", 4);
	tu_write_file(dead_copy_wal, "half", 4);
	/* Another writer at work holds its temporary file locked. */
	int held = open(live, O_RDONLY);
	ck_assert_int_ge(held, 0);
	ck_assert_int_eq(flock(held, LOCK_EX), 0);

	ck_assert_msg(atrack_export_path(db, NULL, out) == ATRACK_OK, "%s", atrack_errmsg(db));
	ck_assert(!exists(dead));
	ck_assert(!exists(dead_journal));
	ck_assert(exists(live));
	ck_assert_msg(atrack_backup(db, copy) == ATRACK_OK, "%s", atrack_errmsg(db));
	ck_assert(!exists(dead_copy));
	ck_assert(!exists(dead_copy_wal));
	ck_assert_int_eq(count_temps(dir), 1);

	/* The writer that created a temporary file holds it locked while it
	 * writes: a killed report leaves one that the next run removes. */
	close(held);
	atrack_close(db);
	const char *report[] = { "--db", db_path, "report", "-o", out, NULL };
	tu_run run = tu_atrack(NULL, report);
	ck_assert_msg(run.status == 0, "%s", run.err);
	tu_run_free(&run);
	ck_assert_int_eq(count_temps(dir), 0);

	tu_rmrf(dir);
	free(db_path);
	free(out);
	free(dead);
	free(dead_journal);
	free(live);
	free(copy);
	free(dead_copy);
	free(dead_copy_wal);
	free(dir);
}
END_TEST

START_TEST(test_temp_file_locked_while_written)
{
	char *dir = tu_tmpdir();
	char *out = tu_path(dir, "out.md");
	atrack_db *db = tu_memory_db();
	atrack_outfile *file;
	FILE *f;
	ck_assert_int_eq(atrack_outfile_open(db, out, &file, &f), ATRACK_OK);
	fputs("text", f);
	/* Find the temporary file and try to take its lock: a sweeper must
	 * see it as in use. */
	DIR *d = opendir(dir);
	char *temp = NULL;
	for (struct dirent *e; (e = readdir(d)) != NULL;)
		if (strstr(e->d_name, ".tmp-"))
			temp = tu_path(dir, e->d_name);
	closedir(d);
	ck_assert_ptr_nonnull(temp);
	int fd = open(temp, O_RDONLY);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_ne(flock(fd, LOCK_EX | LOCK_NB), 0);
	close(fd);
	ck_assert_int_eq(atrack_outfile_close(db, file, 1), ATRACK_OK);
	ck_assert(!exists(temp));
	ck_assert(file_has(out, "text"));
	/* Thrown away: nothing left. */
	ck_assert_int_eq(atrack_outfile_open(db, out, &file, &f), ATRACK_OK);
	fputs("other", f);
	ck_assert_int_eq(atrack_outfile_close(db, file, 0), ATRACK_OK);
	ck_assert(file_has(out, "text"));
	ck_assert_int_eq(count_temps(dir), 0);
	ck_assert_int_eq(atrack_outfile_close(db, NULL, 1), ATRACK_OK);
	ck_assert_int_eq(atrack_outfile_open(NULL, out, &file, &f), ATRACK_MISUSE);
	atrack_close(db);
	tu_rmrf(dir);
	free(temp);
	free(out);
	free(dir);
}
END_TEST

/* ---- Backup inside a transaction ---------------------------------------- */

START_TEST(test_backup_inside_transaction)
{
	char *dir = tu_tmpdir();
	char *db_path = tu_path(dir, "a.db");
	char *copy = tu_path(dir, "copy.db");
	atrack_db *db = open_file_db(db_path);
	add_party(db, "Committed");
	ck_assert_int_eq(atrack_begin(db), ATRACK_OK);
	add_party(db, "Not yet committed");
	time_t start = time(NULL);
	ck_assert_msg(atrack_backup(db, copy) == ATRACK_OK, "%s", atrack_errmsg(db));
	ck_assert_int_le(time(NULL) - start, 3);
	atrack_db *c = open_file_db(copy);
	ck_assert_int_eq(tu_query_int(c, "SELECT count(*) FROM party WHERE name = 'Committed'"), 1);
	ck_assert_int_eq(tu_query_int(c, "SELECT count(*) FROM party WHERE name = 'Not yet committed'"), 0);
	atrack_close(c);
	/* The caller's transaction is untouched and still commits. */
	ck_assert_int_eq(atrack_commit(db), ATRACK_OK);
	ck_assert_int_eq(tu_query_int(db, "SELECT count(*) FROM party"), 2);
	atrack_close(db);

	/* An in-memory database has no committed state to read apart. */
	atrack_db *m = tu_memory_db();
	ck_assert_int_eq(atrack_begin(m), ATRACK_OK);
	ck_assert_int_eq(atrack_backup(m, copy), ATRACK_MISUSE);
	ck_assert_int_eq(atrack_rollback(m), ATRACK_OK);
	atrack_close(m);
	tu_rmrf(dir);
	free(db_path);
	free(copy);
	free(dir);
}
END_TEST

static Suite *outfile_suite(void)
{
	Suite *s = suite_create("outfile");
	TCase *targets = tcase_create("targets");
	tcase_set_timeout(targets, 60);
	tcase_add_test(targets, test_fifo_written_in_place);
	tcase_add_test(targets, test_cli_fifo_stays_a_fifo);
	tcase_add_test(targets, test_symlink_followed);
	tcase_add_test(targets, test_database_refused);
	tcase_add_test(targets, test_umask_honoured);
	suite_add_tcase(s, targets);

	TCase *leftovers = tcase_create("leftovers");
	tcase_set_timeout(leftovers, 60);
	tcase_add_test(leftovers, test_backup_over_stale_wal);
	tcase_add_test(leftovers, test_backup_over_live_database_refused);
	tcase_add_test(leftovers, test_stale_temp_files_swept);
	tcase_add_test(leftovers, test_temp_file_locked_while_written);
	suite_add_tcase(s, leftovers);

	TCase *txn = tcase_create("transaction");
	tcase_set_timeout(txn, 60);
	tcase_add_test(txn, test_backup_inside_transaction);
	suite_add_tcase(s, txn);
	return s;
}

int main(int argc, char **argv)
{
	if (argc >= 3 && strcmp(argv[1], "--dead-writer") == 0)
		return run_dead_writer(argv[2]);
	if (argc >= 5 && strcmp(argv[1], "--live-user") == 0)
		return run_live_user(argv[2], atoi(argv[3]), atoi(argv[4]));
	self_path = argv[0];
	return tu_run_suite(outfile_suite());
}
