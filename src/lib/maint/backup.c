/*
 * backup.c - an online copy of a database through SQLite's backup API,
 * taken while other processes go on writing: the source is read under one
 * read transaction (a snapshot that, in WAL mode, blocks no writer), the
 * pages are copied in batches with a retry while the source is locked,
 * and the copy is checked to open as a sound atrack database before it is
 * renamed into place, so a failed backup never leaves a half-written file
 * where a good one is expected.
 */
#include "exchange/exchange_int.h"

#include <string.h>
#include <unistd.h>

/* Pages per step: small enough that a lock is never held for long. */
#define BACKUP_PAGES_PER_STEP 256
/* How long to keep retrying a locked source, in total. */
#define BACKUP_BUSY_MS 10000
#define BACKUP_RETRY_MS 20

static int copy_pages(atrack_db *db, sqlite3 *dest)
{
	sqlite3_backup *backup = sqlite3_backup_init(dest, "main", db->sql, "main");
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

int atrack_backup(atrack_db *db, const char *path)
{
	if (!db || !db->sql || !path)
		return ATRACK_MISUSE;
	atr_clear_error(db);
	if (!*path)
		return atr_error(db, ATRACK_INVALID, "backup: empty file name");
	char *temp;
	int fd;
	int rc = atr_temp_beside(db, path, &temp, &fd);
	if (rc != ATRACK_OK)
		return rc;
	close(fd);

	/* Pin one snapshot of the source for the whole copy: without it, a
	 * write by another process between steps restarts the backup, and a
	 * busy database might never let it finish. */
	bool own_txn = sqlite3_get_autocommit(db->sql);
	int src = SQLITE_OK;
	if (own_txn)
		src = sqlite3_exec(db->sql, "BEGIN; SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
	if (src != SQLITE_OK) {
		rc = atr_sql_error(db, src, "cannot begin backup");
	} else {
		sqlite3 *dest = NULL;
		src = sqlite3_open_v2(temp, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_EXRESCODE, NULL);
		rc = src == SQLITE_OK ? copy_pages(db, dest)
		     : atr_error(db, ATRACK_IO, "cannot open '%s': %s", temp, sqlite3_errstr(src));
		if (sqlite3_close(dest) != SQLITE_OK && rc == ATRACK_OK)
			rc = atr_error(db, ATRACK_IO, "cannot close '%s'", temp);
	}
	if (own_txn && !sqlite3_get_autocommit(db->sql))
		sqlite3_exec(db->sql, "COMMIT", NULL, NULL, NULL);

	if (rc == ATRACK_OK)
		rc = verify_copy(db, temp);
	if (rc == ATRACK_OK)
		rc = atr_rename_into_place(db, temp, path);
	if (rc != ATRACK_OK) {
		unlink(temp);
		/* A WAL-mode copy that failed half-way may have left these. */
		atr_buf b = ATR_BUF_INIT;
		atr_buf_printf(&b, "%s-wal", temp);
		if (!atr_buf_failed(&b)) {
			unlink(b.data);
			b.data[b.len - 3] = 's';
			b.data[b.len - 2] = 'h';
			b.data[b.len - 1] = 'm';
			unlink(b.data);
		}
		atr_buf_clear(&b);
	}
	atr_free(temp);
	return rc;
}
