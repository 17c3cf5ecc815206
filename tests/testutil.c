/*
 * testutil.c - helpers shared by the Check test programs (see testutil.h).
 */
#define _XOPEN_SOURCE 700 /* nftw */
#include "testutil.h"

#include "atrack_int.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

atrack_db *tu_memory_db(void)
{
	atrack_db *db = NULL;
	int rc = atrack_open(NULL, ATRACK_OPEN_MEMORY, &db);
	ck_assert_msg(rc == ATRACK_OK, "in-memory open failed: %s", atrack_errmsg(db));
	ck_assert_int_eq(atrack_set_author(db, "tester"), ATRACK_OK);
	return db;
}

char *tu_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	char *template = tu_path(base && *base ? base : "/tmp", "atrack-test-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(template));
	return template;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

void tu_rmrf(const char *path)
{
	if (path)
		nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

char *tu_path(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = malloc(n);
	ck_assert_ptr_nonnull(p);
	snprintf(p, n, "%s/%s", dir, name);
	return p;
}

char *tu_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s: %s", path, strerror(errno));
	size_t cap = 4096, n = 0;
	char *data = malloc(cap);
	ck_assert_ptr_nonnull(data);
	size_t got;
	while ((got = fread(data + n, 1, cap - n - 1, f)) > 0) {
		n += got;
		if (cap - n - 1 == 0) {
			cap *= 2;
			data = realloc(data, cap);
			ck_assert_ptr_nonnull(data);
		}
	}
	fclose(f);
	data[n] = '\0';
	if (len)
		*len = n;
	return data;
}

void tu_write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	ck_assert_msg(f != NULL, "cannot write %s: %s", path, strerror(errno));
	ck_assert_uint_eq(fwrite(data, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
}

char *tu_read_source(const char *relative, size_t *len)
{
	char *path = tu_path(ATRACK_SOURCE_DIR, relative);
	char *data = tu_read_file(path, len);
	free(path);
	return data;
}

static char *slurp_fd(int fd)
{
	size_t cap = 4096, n = 0;
	char *data = malloc(cap);
	ck_assert_ptr_nonnull(data);
	for (;;) {
		if (cap - n < 2) {
			cap *= 2;
			data = realloc(data, cap);
			ck_assert_ptr_nonnull(data);
		}
		ssize_t got = read(fd, data + n, cap - n - 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		n += (size_t)got;
	}
	data[n] = '\0';
	return data;
}

/* The user the unprivileged cases run as cannot reach a build tree under
 * a private folder (a checkout in /root): the program is copied into a
 * world-readable folder of its own for the run, removed right after it
 * (Check's forked tests do not end through atexit). */
static char staged_program[64];
static pid_t staged_by;

static void remove_staged_program(void)
{
	if (staged_by != getpid() || !staged_program[0])
		return;
	unlink(staged_program);
	*strrchr(staged_program, '/') = '\0';
	rmdir(staged_program);
	staged_program[0] = '\0';
	staged_by = 0;
}

static const char *program_for(bool unprivileged)
{
	const char *built = ATRACK_BINARY_DIR "/atrack";
	if (!unprivileged || geteuid() != 0)
		return built;
	if (staged_by == getpid())
		return staged_program;
	char folder[] = "/tmp/atrack-program-XXXXXX";
	if (!mkdtemp(folder) || chmod(folder, 0755) != 0)
		return built;
	snprintf(staged_program, sizeof staged_program, "%s/atrack", folder);
	size_t len;
	char *bytes = tu_read_file(built, &len);
	int fd = open(staged_program, O_WRONLY | O_CREAT | O_EXCL, 0755);
	bool ok = fd >= 0 && write(fd, bytes, len) == (ssize_t)len;
	if (fd >= 0)
		ok = close(fd) == 0 && ok;
	free(bytes);
	if (!ok) {
		unlink(staged_program);
		rmdir(folder);
		return built;
	}
	staged_by = getpid();
	return staged_program;
}

bool tu_unprivileged_reaches(const char *path)
{
	if (geteuid() != 0)
		return true;
	pid_t pid = fork();
	ck_assert(pid >= 0);
	if (pid == 0) {
		if (setgid(65534) != 0 || setuid(65534) != 0)
			_exit(1);
		/* exec rather than return: a forked copy of a test must not exit
		 * through its caller's code (nor under valgrind's leak check). */
		execl("/bin/sh", "sh", "-c", "test -e \"$1\"", "sh", path, (char *)NULL);
		_exit(1);
	}
	int status = 0;
	waitpid(pid, &status, 0);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

tu_run tu_atrack(const char *input, const char *const *argv)
{
	return tu_atrack_ex(input, argv, NULL);
}

tu_run tu_atrack_ex(const char *input, const char *const *argv, const tu_run_opts *opts)
{
	char out_name[] = "/tmp/atrack-out-XXXXXX";
	char err_name[] = "/tmp/atrack-err-XXXXXX";
	int out_fd = mkstemp(out_name);
	int err_fd = mkstemp(err_name);
	ck_assert(out_fd >= 0 && err_fd >= 0);
	int in_pipe[2];
	ck_assert_int_eq(pipe(in_pipe), 0);

	size_t argc = 0;
	while (argv[argc])
		argc++;
	const char **full = calloc(argc + 2, sizeof *full);
	ck_assert_ptr_nonnull(full);
	full[0] = program_for(opts && opts->unprivileged);
	for (size_t i = 0; i < argc; i++)
		full[i + 1] = argv[i];

	pid_t pid = fork();
	ck_assert(pid >= 0);
	if (pid == 0) {
		if (opts && opts->file_size_limit > 0) {
			/* Past the limit write() fails with EFBIG instead of a signal. */
			signal(SIGXFSZ, SIG_IGN);
			struct rlimit limit = { (rlim_t)opts->file_size_limit, (rlim_t)opts->file_size_limit };
			setrlimit(RLIMIT_FSIZE, &limit);
		}
		if (opts && opts->unprivileged && geteuid() == 0) {
			if (setgid(65534) != 0 || setuid(65534) != 0)
				_exit(126);
		}
		dup2(in_pipe[0], 0);
		dup2(out_fd, 1);
		dup2(err_fd, 2);
		close(in_pipe[1]);
		execv(full[0], (char *const *)full);
		_exit(127);
	}
	close(in_pipe[0]);
	/* A program that refuses before it reads its input closes the pipe:
	 * that is its answer, not a failure of the test. */
	void (*old_pipe)(int) = signal(SIGPIPE, SIG_IGN);
	if (input) {
		size_t len = strlen(input), done = 0;
		while (done < len) {
			ssize_t w = write(in_pipe[1], input + done, len - done);
			if (w <= 0)
				break;
			done += (size_t)w;
		}
	}
	close(in_pipe[1]);
	signal(SIGPIPE, old_pipe);
	int status = 0;
	waitpid(pid, &status, 0);
	remove_staged_program();
	free(full);

	tu_run run;
	run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
	lseek(out_fd, 0, SEEK_SET);
	lseek(err_fd, 0, SEEK_SET);
	run.out = slurp_fd(out_fd);
	run.err = slurp_fd(err_fd);
	close(out_fd);
	close(err_fd);
	unlink(out_name);
	unlink(err_name);
	return run;
}

void tu_run_free(tu_run *run)
{
	free(run->out);
	free(run->err);
	run->out = run->err = NULL;
}

long long tu_query_int(atrack_db *db, const char *sql)
{
	sqlite3_stmt *stmt = NULL;
	int src = sqlite3_prepare_v2(db->sql, sql, -1, &stmt, NULL);
	ck_assert_msg(src == SQLITE_OK, "prepare %s: %s", sql, sqlite3_errmsg(db->sql));
	ck_assert_msg(sqlite3_step(stmt) == SQLITE_ROW, "no row from %s", sql);
	long long v = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return v;
}

char *tu_query_text(atrack_db *db, const char *sql)
{
	sqlite3_stmt *stmt = NULL;
	int src = sqlite3_prepare_v2(db->sql, sql, -1, &stmt, NULL);
	ck_assert_msg(src == SQLITE_OK, "prepare %s: %s", sql, sqlite3_errmsg(db->sql));
	ck_assert_msg(sqlite3_step(stmt) == SQLITE_ROW, "no row from %s", sql);
	const unsigned char *text = sqlite3_column_text(stmt, 0);
	char *copy = text ? strdup((const char *)text) : NULL;
	sqlite3_finalize(stmt);
	return copy;
}

static bool sql_tight(char c)
{
	return c == '(' || c == ')' || c == ',' || c == ';';
}

char *tu_sql_normalise(const char *sql)
{
	size_t n = strlen(sql);
	char *out = malloc(n + 1);
	ck_assert_ptr_nonnull(out);
	size_t len = 0;
	bool space = false;
	for (size_t i = 0; i < n;) {
		char c = sql[i];
		if (c == '-' && sql[i + 1] == '-') {
			while (i < n && sql[i] != '\n')
				i++;
			space = true;
			continue;
		}
		if (c == '/' && sql[i + 1] == '*') {
			const char *end = strstr(sql + i + 2, "*/");
			i = end ? (size_t)(end - sql) + 2 : n;
			space = true;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
			i++;
			space = true;
			continue;
		}
		if (space && len > 0 && !sql_tight(out[len - 1]) && !sql_tight(c))
			out[len++] = ' ';
		space = false;
		if (c == '\'' || c == '"' || c == '`' || c == '[') {
			char close = c == '[' ? ']' : c;
			/* A doubled quote inside closes and reopens: copied alike. */
			out[len++] = sql[i++];
			while (i < n && sql[i] != close)
				out[len++] = sql[i++];
			if (i < n)
				out[len++] = sql[i++];
			continue;
		}
		out[len++] = sql[i++];
	}
	out[len] = '\0';
	return out;
}

char *tu_db_dump(atrack_db *db)
{
	sqlite3_stmt *tables = NULL;
	ck_assert_int_eq(sqlite3_prepare_v2(db->sql, "SELECT name FROM sqlite_schema WHERE type = 'table' "
	                                    "AND name NOT LIKE 'sqlite_%' "
	                                    /* FTS5's shadow tables: search_index itself shows their content */
	                                    "AND name NOT GLOB 'search_index_*' ORDER BY name", -1, &tables, NULL),
	                 SQLITE_OK);
	atr_buf b = ATR_BUF_INIT;
	while (sqlite3_step(tables) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(tables, 0);
		/* Table names come from the schema itself, not from input. */
		char *sql = sqlite3_mprintf("SELECT * FROM \"%w\" ORDER BY rowid", name);
		sqlite3_stmt *rows = NULL;
		ck_assert_int_eq(sqlite3_prepare_v2(db->sql, sql, -1, &rows, NULL), SQLITE_OK);
		sqlite3_free(sql);
		atr_buf_printf(&b, "[%s]\n", name);
		while (sqlite3_step(rows) == SQLITE_ROW) {
			for (int c = 0; c < sqlite3_column_count(rows); c++) {
				const unsigned char *v = sqlite3_column_text(rows, c);
				atr_buf_printf(&b, "%s|", v ? (const char *)v : "NULL");
			}
			atr_buf_putc(&b, '\n');
		}
		sqlite3_finalize(rows);
	}
	sqlite3_finalize(tables);
	char *dump = atr_buf_detach(&b);
	ck_assert_ptr_nonnull(dump);
	return dump;
}

int tu_until_memory_suffices(atrack_db *db, int (*attempt)(atrack_db *db, void *payload),
                             void *payload, long *out_n)
{
	char *before = tu_db_dump(db);
	int rc = ATRACK_NOMEM;
	long n;
	for (n = 0; rc == ATRACK_NOMEM && n < 100000; n++) {
		atr_alloc_fail_after(n);
		rc = attempt(db, payload);
		atr_alloc_fail_after(-1);
		if (rc == ATRACK_NOMEM) {
			char *after = tu_db_dump(db);
			ck_assert_str_eq(before, after);
			free(after);
		}
	}
	free(before);
	*out_n = n;
	return rc;
}

int tu_run_suite(Suite *suite)
{
	SRunner *runner = srunner_create(suite);
	srunner_run_all(runner, CK_ENV);
	int failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
