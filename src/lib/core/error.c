/*
 * error.c - the library's result codes and the handle's error state: the
 * name of each code, the message and input position of the last failure,
 * and the translation of SQLite's codes and messages into atrack's at the
 * boundary. Calls nothing but the allocator.
 */
#include "atrack_int.h"

#include <errno.h>
#include <string.h>

const char *atrack_errstr(int rc)
{
	switch (rc) {
	case ATRACK_OK: return "ok";
	case ATRACK_ERROR: return "error";
	case ATRACK_NOTFOUND: return "not found";
	case ATRACK_INVALID: return "invalid input";
	case ATRACK_CONFLICT: return "conflict";
	case ATRACK_BUSY: return "database is busy";
	case ATRACK_IO: return "input/output error";
	case ATRACK_TOONEW: return "database written by a newer atrack";
	case ATRACK_NOTDB: return "not an atrack database";
	case ATRACK_PARSE: return "parse error";
	case ATRACK_NOMEM: return "out of memory";
	case ATRACK_READONLY: return "database is read-only";
	case ATRACK_MISUSE: return "library misuse";
	case ATRACK_CORRUPT: return "database is corrupt";
	case ATRACK_FULL: return "disk or database full";
	case ATRACK_DONE: return "no more rows";
	default: return "unknown result code";
	}
}

/* ---- Error state -------------------------------------------------------- */

static int set_error(atrack_db *db, int rc, int line, int column,
                     const char *fmt, va_list ap)
{
	if (!db)
		return rc;
	atr_free(db->errmsg);
	db->errmsg = NULL;
	db->errcode = rc;
	db->errline = line;
	db->errcolumn = column;
	atr_buf b = ATR_BUF_INIT;
	atr_buf_vprintf(&b, fmt, ap);
	db->errmsg = atr_buf_detach(&b); /* NULL when out of memory: errmsg copes */
	return rc;
}

int atr_error(atrack_db *db, int rc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_error(db, rc, 0, 0, fmt, ap);
	va_end(ap);
	return rc;
}

int atr_error_at(atrack_db *db, int rc, int line, int column, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_error(db, rc, line, column, fmt, ap);
	va_end(ap);
	return rc;
}

void atr_clear_error(atrack_db *db)
{
	db->errcode = ATRACK_OK;
	db->errline = db->errcolumn = 0;
	atr_free(db->errmsg);
	db->errmsg = NULL;
}

bool atr_db_usable(const atrack_db *db)
{
	return db && db->sql && !db->closed;
}

int atr_misuse(atrack_db *db, const char *fn)
{
	if (db && (!db->sql || db->closed))
		return atr_error(db, ATRACK_MISUSE, "%s: the database handle is not open", fn);
	return atr_error(db, ATRACK_MISUSE, "%s: a required argument is NULL", fn);
}

int atrack_errcode(const atrack_db *db)
{
	return db ? db->errcode : ATRACK_MISUSE;
}

const char *atrack_errmsg(const atrack_db *db)
{
	if (!db)
		return "no database handle (NULL)";
	if (db->errcode == ATRACK_OK)
		return "no error";
	return db->errmsg ? db->errmsg : atrack_errstr(db->errcode);
}

int atrack_errline(const atrack_db *db)
{
	return db ? db->errline : 0;
}

int atrack_errcolumn(const atrack_db *db)
{
	return db ? db->errcolumn : 0;
}

int atr_rc_from_sqlite(int sqlite_rc)
{
	switch (sqlite_rc & 0xff) {
	case SQLITE_OK: return ATRACK_OK;
	case SQLITE_DONE: return ATRACK_DONE;
	case SQLITE_BUSY:
	case SQLITE_LOCKED: return ATRACK_BUSY;
	case SQLITE_NOMEM: return ATRACK_NOMEM;
	case SQLITE_READONLY: return ATRACK_READONLY;
	case SQLITE_IOERR:
	case SQLITE_CANTOPEN: return ATRACK_IO;
	case SQLITE_CORRUPT: return ATRACK_CORRUPT;
	case SQLITE_NOTADB: return ATRACK_NOTDB;
	case SQLITE_FULL: return ATRACK_FULL;
	case SQLITE_TOOBIG:
	case SQLITE_MISMATCH:
	case SQLITE_RANGE: return ATRACK_INVALID;
	case SQLITE_CONSTRAINT:
		if (sqlite_rc == SQLITE_CONSTRAINT_UNIQUE ||
		    sqlite_rc == SQLITE_CONSTRAINT_PRIMARYKEY ||
		    sqlite_rc == SQLITE_CONSTRAINT_FOREIGNKEY)
			return ATRACK_CONFLICT;
		return ATRACK_INVALID;
	case SQLITE_MISUSE: return ATRACK_MISUSE;
	default: return ATRACK_ERROR;
	}
}

int atr_sql_error(atrack_db *db, int sqlite_rc, const char *what)
{
	int rc = atr_rc_from_sqlite(sqlite_rc);
	if (rc == ATRACK_OK || rc == ATRACK_DONE)
		rc = ATRACK_ERROR;
	const char *detail = db && db->sql ? sqlite3_errmsg(db->sql) : sqlite3_errstr(sqlite_rc);
	/* SQLite says "disk I/O error" for a write that hit a full disk or a
	 * file size limit; the system's reason tells the user what to do. */
	int system_errno = db && db->sql ? sqlite3_system_errno(db->sql) : 0;
	if ((rc == ATRACK_IO || rc == ATRACK_FULL) && system_errno) {
		if (system_errno == ENOSPC || system_errno == EFBIG || system_errno == EDQUOT)
			rc = ATRACK_FULL;
		return atr_error(db, rc, "%s: %s (%s)", what, detail, strerror(system_errno));
	}
	return atr_error(db, rc, "%s: %s", what, detail);
}
