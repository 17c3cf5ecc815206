/*
 * backup.c - an online copy of a database through SQLite's backup API,
 * taken while other processes go on writing: the source is read under one
 * read transaction (a snapshot that, in WAL mode, blocks no writer), the
 * pages are copied in batches with a retry while the source is locked,
 * and the copy is checked to open as a sound atrack database before it is
 * renamed into place (core/outfile.c: the target's rules, stale journals),
 * so a failed backup never leaves a half-written file where a good one is
 * expected; and checked again once there.
 */
#include "exchange/exchange_int.h"
#include "core/outfile.h"

#include <string.h>
#include <unistd.h>

/* Pages per step: small enough that a lock is never held for long. */
#define BACKUP_PAGES_PER_STEP 256
/* How long to keep retrying a locked source, in total. */
#define BACKUP_BUSY_MS 10000
#define BACKUP_RETRY_MS 20

static int copy_pages(atrack_db *db, sqlite3 *source, sqlite3 *dest)
{
	sqlite3_backup *backup = sqlite3_backup_init(dest, "main", source, "main");
	if (!backup)
		return atr_error(db, atr_rc_from_sqlite(sqlite3_errcode(dest)),
		                 "cannot start backup: %s", sqlite3_errmsg(dest));
	int src, waited = 0;
	do {
		src = sqlite3_backup_step(backup, BACKUP_PAGES_PER_STEP);
		if ((src == SQLITE_BUSY || src == SQLITE_LOCKED) && waited < BACKUP_BUSY_MS) {
			sqlite3_sleep(BACKUP_RETRY_MS);
			waited += BACKUP_RETRY_MS;
			src = SQLITE_OK;
		}
	} while (src == SQLITE_OK);
	sqlite3_backup_finish(backup);
	if (src != SQLITE_DONE)
		return atr_error(db, atr_rc_from_sqlite(src), "backup failed: %s", sqlite3_errstr(src));
	return ATRACK_OK;
}

/* The copy must open as an atrack database of our schema and pass
 * SQLite's quick check, or it is not a backup. */
static int verify_copy(atrack_db *db, const char *temp)
{
	atrack_db *copy = NULL;
	int rc = atrack_open(temp, 0, &copy);
	if (rc != ATRACK_OK) {
		rc = atr_error(db, rc == ATRACK_NOMEM ? rc : ATRACK_CORRUPT, "the copy does not open: %s",
		               atrack_errmsg(copy));
		atrack_close(copy);
		return rc;
	}
	sqlite3_stmt *stmt = NULL;
	int src = sqlite3_prepare_v2(copy->sql, "PRAGMA quick_check", -1, &stmt, NULL);
	if (src == SQLITE_OK)
		src = sqlite3_step(stmt);
	if (src != SQLITE_ROW)
		rc = atr_error(db, atr_rc_from_sqlite(src), "cannot check the copy: %s",
		               sqlite3_errmsg(copy->sql));
	else if (strcmp((const char *)sqlite3_column_text(stmt, 0), "ok") != 0)
		rc = atr_error(db, ATRACK_CORRUPT, "the copy fails its check: %s",
		               (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	atrack_close(copy);
	return rc;
}

/* Copy from `source` into the file `temp` under one read transaction:
 * a snapshot pinned for the whole copy, so that a write by another process
 * between steps does not restart the backup (a busy database might never
 * let it finish). */
static int copy_snapshot(atrack_db *db, sqlite3 *source, const char *temp)
{
	int src = sqlite3_exec(source, "BEGIN; SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
	if (src != SQLITE_OK) {
		int rc = atr_error(db, atr_rc_from_sqlite(src), "cannot begin backup: %s",
		                   sqlite3_errmsg(source));
		if (!sqlite3_get_autocommit(source))
			sqlite3_exec(source, "ROLLBACK", NULL, NULL, NULL);
		return rc;
	}
	sqlite3 *dest = NULL;
	src = sqlite3_open_v2(temp, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_EXRESCODE, NULL);
	int rc = src == SQLITE_OK ? copy_pages(db, source, dest)
	         : atr_error(db, ATRACK_IO, "cannot open '%s': %s", temp, sqlite3_errstr(src));
	if (sqlite3_close(dest) != SQLITE_OK && rc == ATRACK_OK)
		rc = atr_error(db, ATRACK_IO, "cannot close '%s'", temp);
	sqlite3_exec(source, "COMMIT", NULL, NULL, NULL);
	return rc;
}

/* Inside the caller's transaction the handle's own connection sees what
 * it has not committed, and holds the write lock a copy would wait on: the
 * committed state is read through a second, read-only connection. */
static int copy_committed(atrack_db *db, const char *temp)
{
	const char *file = sqlite3_db_filename(db->sql, "main");
	if (!file || !*file)
		return atr_error(db, ATRACK_MISUSE, "backup: an in-memory database cannot be "
		                 "copied inside a transaction");
	sqlite3 *source = NULL;
	int src = sqlite3_open_v2(file, &source, SQLITE_OPEN_READONLY | SQLITE_OPEN_EXRESCODE, NULL);
	int rc;
	if (src != SQLITE_OK) {
		rc = atr_error(db, atr_rc_from_sqlite(src), "cannot open '%s': %s", file,
		               source ? sqlite3_errmsg(source) : sqlite3_errstr(src));
	} else {
		sqlite3_busy_timeout(source, BACKUP_BUSY_MS);
		rc = copy_snapshot(db, source, temp);
	}
	sqlite3_close(source);
	return rc;
}

int atrack_backup(atrack_db *db, const char *path)
{
	if (!atr_db_usable(db) || !path)
		return atr_misuse(db, "atrack_backup");
	atr_clear_error(db);
	if (!*path)
		return atr_error(db, ATRACK_INVALID, "backup: empty file name");
	atr_outfile of;
	int rc = atr_outfile_open(db, path, ATR_OUT_DATABASE | ATR_OUT_PRIVATE, &of);
	if (rc != ATRACK_OK)
		return rc;
	rc = sqlite3_get_autocommit(db->sql) ? copy_snapshot(db, db->sql, of.temp)
	                                     : copy_committed(db, of.temp);
	if (rc == ATRACK_OK)
		rc = verify_copy(db, of.temp);
	if (rc != ATRACK_OK) {
		atr_outfile_discard(&of);
		return rc;
	}
	char *target = atr_strdup(of.target);
	if (!target) {
		atr_outfile_discard(&of);
		return atr_error(db, ATRACK_NOMEM, "out of memory");
	}
	rc = atr_outfile_commit(db, &of, ATR_OUT_DATABASE);
	/* Checked again where it lives: what SQLite finds beside it counts. */
	if (rc == ATRACK_OK)
		rc = verify_copy(db, target);
	atr_free(target);
	return rc;
}
