/*
 * plain.c - the helpers the hand-written baselines use: plain SQLite
 * connections with atrack's pragmas, copies of a database without its
 * triggers, the time stamps and JSON images atrack's triggers write, and
 * the work directory's fixtures.
 */
#include "bench.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

sqlite3 *plain_open(const char *path)
{
	sqlite3 *db = NULL;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
		die("cannot open %s: %s", path, db ? sqlite3_errmsg(db) : "?");
	sqlite3_busy_timeout(db, 5000);
	plain_exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; "
	               "PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY");
	return db;
}

void plain_exec(sqlite3 *db, const char *sql)
{
	char *err = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK)
		die("%s: %s", sql, err ? err : "?");
}

sqlite3_stmt *plain_prepare(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *stmt = NULL;
	if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
		die("prepare %s: %s", sql, sqlite3_errmsg(db));
	return stmt;
}

void plain_step_done(sqlite3 *db, sqlite3_stmt *stmt)
{
	int src = sqlite3_step(stmt);
	if (src != SQLITE_DONE && src != SQLITE_ROW)
		die("step %s: %s", sqlite3_sql(stmt), sqlite3_errmsg(db));
	sqlite3_reset(stmt);
}

void plain_reset(sqlite3 *db, sqlite3_stmt *stmt)
{
	if (sqlite3_reset(stmt) != SQLITE_OK)
		die("step %s: %s", sqlite3_sql(stmt), sqlite3_errmsg(db));
}

int64_t plain_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *stmt = plain_prepare(db, sql);
	int64_t v = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
	sqlite3_finalize(stmt);
	return v;
}

void remove_db(const char *path)
{
	char extra[4096];
	unlink(path);
	snprintf(extra, sizeof extra, "%s-wal", path);
	unlink(extra);
	snprintf(extra, sizeof extra, "%s-shm", path);
	unlink(extra);
}

void plain_copy(const char *from, const char *to, bool drop_triggers)
{
	remove_db(to);
	sqlite3 *src = plain_open(from);
	char *sql = sqlite3_mprintf("VACUUM INTO %Q", to);
	plain_exec(src, sql);
	sqlite3_free(sql);
	sqlite3_close(src);
	if (!drop_triggers)
		return;

	sqlite3 *dst = plain_open(to);
	sqlite3_stmt *list = plain_prepare(dst, "SELECT name FROM sqlite_schema WHERE type = 'trigger'");
	char **names = NULL;
	size_t count = 0;
	while (sqlite3_step(list) == SQLITE_ROW) {
		names = realloc(names, (count + 1) * sizeof *names);
		names[count++] = sqlite3_mprintf("DROP TRIGGER %Q", sqlite3_column_text(list, 0));
	}
	sqlite3_finalize(list);
	for (size_t i = 0; i < count; i++) {
		plain_exec(dst, names[i]);
		sqlite3_free(names[i]);
	}
	free(names);
	sqlite3_close(dst);
}

void iso_now(char buf[25])
{
	struct timespec ts;
	struct tm tm;
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	char tmp[64];
	snprintf(tmp, sizeof tmp, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
	         tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
	         (int)(ts.tv_nsec / 1000000));
	memcpy(buf, tmp, 24);
	buf[24] = '\0';
}

void bench_json_string(char *buf, size_t cap, size_t *len, const char *s)
{
	size_t n = *len;
	if (n < cap)
		buf[n++] = '"';
	for (; *s && n + 7 < cap; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\') {
			buf[n++] = '\\';
			buf[n++] = (char)c;
		} else if (c < 0x20) {
			n += (size_t)snprintf(buf + n, cap - n, "\\u%04x", c);
		} else {
			buf[n++] = (char)c;
		}
	}
	if (n + 1 < cap)
		buf[n++] = '"';
	buf[n < cap ? n : cap - 1] = '\0';
	*len = n;
}

const char *work_path(char *buf, size_t cap, const char *fmt, ...)
{
	char name[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(name, sizeof name, fmt, ap);
	va_end(ap);
	snprintf(buf, cap, "%s/%s", opt.dir, name);
	return buf;
}

void fixture_initiatives(const char *path, long initiatives)
{
	atrack_db *db = NULL;
	remove_db(path);
	int rc = atrack_open(path, ATRACK_OPEN_CREATE, &db);
	check_atrack(db, rc, "open");
	atrack_set_author(db, "bench");
	for (long i = 0; i * 10 < initiatives; i++) {
		size_t len;
		char *text = gen_factsheet(opt.seed, i, 10, &len);
		atrack_import_result res;
		rc = atrack_import_factsheet(db, text, len, NULL, &res);
		check_atrack(db, rc, "import");
		if (res.outcome != ATRACK_IMPORT_NEW || res.initiatives.added != 10)
			die("generated sheet %ld: outcome %d, %u initiatives added", i,
			    (int)res.outcome, res.initiatives.added);
		free(text);
	}
	atrack_close(db);
}

int64_t *initiative_ids(sqlite3 *db, long *count)
{
	*count = (long)plain_int(db, "SELECT count(*) FROM initiative");
	int64_t *ids = malloc((size_t)(*count ? *count : 1) * sizeof *ids);
	sqlite3_stmt *stmt = plain_prepare(db, "SELECT id FROM initiative ORDER BY id");
	long n = 0;
	while (sqlite3_step(stmt) == SQLITE_ROW && n < *count)
		ids[n++] = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return ids;
}
