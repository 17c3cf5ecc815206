/*
 * txn.c - the transaction discipline every write of the library follows:
 * the caller's own transactions (atrack_begin/commit/rollback), the
 * library's writes inside or outside them (a transaction of their own, or
 * a savepoint), and the hooks that feature modules hang on them. A feature
 * that keeps derived state (the search index) or records what a
 * transaction did registers hooks here; the core knows none of them.
 */
#include "atrack_int.h"

#include <time.h>
#include <unistd.h>

#define BUSY_RETRIES 4

int atr_txn_hooks_add(atrack_db *db, const atr_txn_hooks *hooks)
{
	if (db->txn_hook_count == ATR_ARRAY_SIZE(db->txn_hooks))
		return atr_error(db, ATRACK_MISUSE, "too many transaction hooks");
	db->txn_hooks[db->txn_hook_count++] = *hooks;
	return ATRACK_OK;
}

/* Run every module's `begin` or `before_commit` hook in order; the first
 * failure stops it. */
static int run_hooks(atrack_db *db, bool before_commit)
{
	for (size_t i = 0; i < db->txn_hook_count; i++) {
		const atr_txn_hooks *h = &db->txn_hooks[i];
		int (*fn)(atrack_db *, void *) = before_commit ? h->before_commit : h->begin;
		int rc = fn ? fn(db, h->ctx) : ATRACK_OK;
		if (rc != ATRACK_OK)
			return rc;
	}
	return ATRACK_OK;
}

static void run_end_hooks(atrack_db *db, bool committed)
{
	for (size_t i = 0; i < db->txn_hook_count; i++) {
		const atr_txn_hooks *h = &db->txn_hooks[i];
		if (h->end)
			h->end(db, h->ctx, committed);
	}
}

/* Take the write lock. The busy timeout already waits for other writers;
 * past it, the whole transaction (nothing is done yet) is tried a few more
 * times after a pause, so a burst of writers does not fail one of them. */
int atr_begin_immediate(atrack_db *db)
{
	int src = SQLITE_BUSY;
	for (int attempt = 0; attempt < BUSY_RETRIES; attempt++) {
		src = sqlite3_exec(db->sql, "BEGIN IMMEDIATE", NULL, NULL, NULL);
		if ((src & 0xff) != SQLITE_BUSY)
			break;
		/* Writers that met at once should not retry at once: a pause
		 * that differs by process, without touching rand()'s state. */
		unsigned int jitter = ((unsigned int)getpid() * 2654435761u +
		                       (unsigned int)attempt * 40503u) % 200u;
		struct timespec pause = { 0, (long)(50 + jitter) * 1000000L };
		nanosleep(&pause, NULL);
	}
	if (src != SQLITE_OK)
		return atr_sql_error(db, src, "cannot begin transaction");
	return ATRACK_OK;
}

/* Begin a transaction of the library's and let the hooks see it. */
static int begin_with_hooks(atrack_db *db)
{
	int rc = atr_begin_immediate(db);
	if (rc != ATRACK_OK)
		return rc;
	rc = run_hooks(db, false);
	if (rc != ATRACK_OK) {
		sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
		run_end_hooks(db, false);
	}
	return rc;
}

/* Commit after the hooks had their say. On failure the transaction may
 * still be open (a busy COMMIT): the caller decides whether to roll back. */
static int commit_with_hooks(atrack_db *db)
{
	int rc = run_hooks(db, true);
	if (rc == ATRACK_OK)
		rc = atr_exec(db, "COMMIT", "cannot commit");
	if (rc == ATRACK_OK)
		run_end_hooks(db, true);
	return rc;
}

static void rollback_with_hooks(atrack_db *db)
{
	if (!sqlite3_get_autocommit(db->sql))
		sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
	run_end_hooks(db, false);
}

void atr_txn_abandon(atrack_db *db)
{
	if (db->in_user_txn || db->write_depth > 0) {
		rollback_with_hooks(db);
		db->in_user_txn = false;
		db->write_depth = 0;
		db->write_owns_txn = false;
	}
}

/* Writes are refused while a report is open: its snapshot is a read
 * transaction that a write would silently join, and other handles would
 * not see the write until the report is freed. */
static int refuse_under_report(atrack_db *db)
{
	if (db->open_reports > 0)
		return atr_error(db, ATRACK_MISUSE, "a report is open on this handle: free it "
		                 "(atrack_report_free) before writing");
	return ATRACK_OK;
}

int atrack_begin(atrack_db *db)
{
	if (!atr_db_usable(db))
		return atr_misuse(db, "atrack_begin");
	atr_clear_error(db);
	if (db->in_user_txn || db->write_depth > 0)
		return atr_error(db, ATRACK_MISUSE, "a transaction is already open");
	int rc = refuse_under_report(db);
	if (rc != ATRACK_OK)
		return rc;
	if (db->flags & ATRACK_OPEN_READONLY)
		return atr_error(db, ATRACK_READONLY, "the database is open read-only");
	rc = begin_with_hooks(db);
	if (rc == ATRACK_OK)
		db->in_user_txn = true;
	return rc;
}

int atrack_commit(atrack_db *db)
{
	if (!atr_db_usable(db))
		return atr_misuse(db, "atrack_commit");
	atr_clear_error(db);
	if (!db->in_user_txn)
		return atr_error(db, ATRACK_MISUSE, "no transaction is open");
	int rc = commit_with_hooks(db);
	if (rc != ATRACK_OK && !sqlite3_get_autocommit(db->sql))
		return rc; /* still open (e.g. busy): the caller may retry or roll back */
	if (rc != ATRACK_OK)
		run_end_hooks(db, false); /* SQLite rolled it back itself */
	db->in_user_txn = false;
	return rc;
}

int atrack_rollback(atrack_db *db)
{
	if (!atr_db_usable(db))
		return atr_misuse(db, "atrack_rollback");
	atr_clear_error(db);
	if (!db->in_user_txn)
		return atr_error(db, ATRACK_MISUSE, "no transaction is open");
	db->in_user_txn = false;
	int rc = ATRACK_OK; /* SQLite may have rolled it back already, after an error */
	if (!sqlite3_get_autocommit(db->sql))
		rc = atr_exec(db, "ROLLBACK", "cannot roll back");
	run_end_hooks(db, false);
	return rc;
}

static const char sql_savepoint[] = "SAVEPOINT atrack_write";
static const char sql_release[] = "RELEASE atrack_write";

static int write_begin(atrack_db *db, bool savepoint)
{
	int rc = refuse_under_report(db);
	if (rc != ATRACK_OK)
		return rc;
	if (db->flags & ATRACK_OPEN_READONLY)
		return atr_error(db, ATRACK_READONLY, "the database is open read-only");
	/* Every write records its author (rows and the audit log); text that
	 * is not UTF-8 would be stored and then break every export. */
	rc = atr_author_check(db, db->author);
	if (rc != ATRACK_OK)
		return rc;
	if (db->write_depth == 0 && sqlite3_get_autocommit(db->sql)) {
		rc = begin_with_hooks(db);
		db->write_owns_txn = true;
	} else if (savepoint) {
		rc = atr_exec_cached(db, sql_savepoint, "cannot begin savepoint");
	}
	if (rc != ATRACK_OK) {
		if (db->write_depth == 0)
			db->write_owns_txn = false;
		return rc;
	}
	db->write_depth++;
	return ATRACK_OK;
}

int atr_write_begin(atrack_db *db)
{
	return write_begin(db, true);
}

int atr_write_begin_single(atrack_db *db)
{
	return write_begin(db, false);
}

static int write_end(atrack_db *db, int rc, bool savepoint)
{
	db->write_depth--;
	if (db->write_depth == 0 && db->write_owns_txn) {
		db->write_owns_txn = false;
		if (rc == ATRACK_OK)
			rc = commit_with_hooks(db);
		if (rc != ATRACK_OK)
			rollback_with_hooks(db);
		return rc;
	}
	if (!savepoint)
		return rc;
	if (rc != ATRACK_OK)
		sqlite3_exec(db->sql, "ROLLBACK TO atrack_write", NULL, NULL, NULL);
	int release = atr_exec_cached(db, sql_release, "cannot release savepoint");
	return rc == ATRACK_OK ? release : rc;
}

int atr_write_end(atrack_db *db, int rc)
{
	return write_end(db, rc, true);
}

int atr_write_end_single(atrack_db *db, int rc)
{
	return write_end(db, rc, false);
}
