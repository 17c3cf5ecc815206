/*
 * db.c - the database handle: opening and identifying a file, hardening the
 * connection, applying the embedded migrations, error state, and the
 * transaction discipline every write of the library follows.
 */
#include "atrack_int.h"

#include <errno.h>
#include <jansson.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* 'ATRK': marks a file as an atrack database (PRAGMA application_id). */
#define ATRACK_APPLICATION_ID 0x4154524b
#define BUSY_TIMEOUT_MS 10000
#define BUSY_RETRIES 4

const char *atrack_libversion(void)
{
	return ATRACK_VERSION;
}

int atrack_libversion_number(void)
{
	return ATRACK_VERSION_NUMBER;
}

int atrack_schema_version(void)
{
	return atr_migrations[atr_migration_count - 1].version;
}

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

int atr_prepare(atrack_db *db, const char *sql, sqlite3_stmt **out)
{
	int src = sqlite3_prepare_v2(db->sql, sql, -1, out, NULL);
	if (src != SQLITE_OK)
		return atr_sql_error(db, src, "cannot prepare statement");
	return ATRACK_OK;
}

int atr_stmt(atrack_db *db, const char *sql, sqlite3_stmt **out)
{
	for (size_t i = 0; i < db->stmt_cache_count; i++) {
		if (db->stmt_cache[i].sql == sql) {
			*out = db->stmt_cache[i].stmt;
			return ATRACK_OK;
		}
	}
	if (db->stmt_cache_count == db->stmt_cache_cap) {
		size_t cap = db->stmt_cache_cap ? db->stmt_cache_cap * 2 : 32;
		struct atr_cached_stmt *grown = atr_realloc(db->stmt_cache, cap * sizeof *grown);
		if (!grown)
			return atr_error(db, ATRACK_NOMEM, "out of memory");
		db->stmt_cache = grown;
		db->stmt_cache_cap = cap;
	}
	sqlite3_stmt *stmt = NULL;
	int src = sqlite3_prepare_v3(db->sql, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
	if (src != SQLITE_OK)
		return atr_sql_error(db, src, "cannot prepare statement");
	db->stmt_cache[db->stmt_cache_count].sql = sql;
	db->stmt_cache[db->stmt_cache_count].stmt = stmt;
	db->stmt_cache_count++;
	*out = stmt;
	return ATRACK_OK;
}

void atr_stmt_done(sqlite3_stmt *stmt)
{
	if (stmt) {
		sqlite3_reset(stmt);
		sqlite3_clear_bindings(stmt);
	}
}

/* ---- Author ------------------------------------------------------------- */

static char *default_author(void)
{
	const char *name = getenv("ATRACK_AUTHOR");
	if (!name || !*name)
		name = getenv("LOGNAME");
	if (!name || !*name)
		name = getenv("USER");
	if (!name || !*name)
		name = getlogin();
	if (!name || !*name) {
		/* No login session (a service, cron, a container): the account. */
		struct passwd *account = getpwuid(geteuid());
		name = account ? account->pw_name : NULL;
	}
	if (!name || !*name)
		name = "unknown";
	return atr_strdup(name);
}

int atrack_set_author(atrack_db *db, const char *author)
{
	if (!db)
		return ATRACK_MISUSE;
	atr_clear_error(db);
	if (author && !*author)
		return atr_error(db, ATRACK_INVALID, "author: must not be empty");
	char *copy = author ? atr_strdup(author) : default_author();
	if (!copy)
		return atr_error(db, ATRACK_NOMEM, "out of memory");
	atr_free(db->author);
	db->author = copy;
	return ATRACK_OK;
}

const char *atrack_author(const atrack_db *db)
{
	return db ? db->author : NULL;
}

/* The SQL function atrack_author() that the audit triggers call. */
static void sql_author_function(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	atrack_db *db = sqlite3_user_data(ctx);
	sqlite3_result_text(ctx, db->author, -1, SQLITE_TRANSIENT);
}

/* A JSON string as jansson's compact dump writes it: UTF-8 kept, '"' and
 * '\\' escaped, control characters as \b \f \n \r \t or \u00XX. */
static void json_put_string(atr_buf *b, const char *s, size_t len)
{
	atr_buf_putc(b, '"');
	size_t run = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		atr_buf_append(b, s + run, i - run);
		run = i + 1;
		switch (c) {
		case '"': atr_buf_puts(b, "\\\""); break;
		case '\\': atr_buf_puts(b, "\\\\"); break;
		case '\b': atr_buf_puts(b, "\\b"); break;
		case '\f': atr_buf_puts(b, "\\f"); break;
		case '\n': atr_buf_puts(b, "\\n"); break;
		case '\r': atr_buf_puts(b, "\\r"); break;
		case '\t': atr_buf_puts(b, "\\t"); break;
		default: atr_buf_printf(b, "\\u%04X", c); break;
		}
	}
	atr_buf_append(b, s + run, len - run);
	atr_buf_putc(b, '"');
}

/* An integer in decimal, as printf's %lld writes it, without the cost of
 * a format string on a path every audited write takes. */
static void json_put_int(atr_buf *b, sqlite3_int64 value)
{
	char digits[24];
	size_t at = sizeof digits;
	/* Negated as unsigned: the most negative value has no positive twin. */
	sqlite3_uint64 magnitude = value < 0 ? 0 - (sqlite3_uint64)value : (sqlite3_uint64)value;
	do {
		digits[--at] = (char)('0' + magnitude % 10);
		magnitude /= 10;
	} while (magnitude);
	if (value < 0)
		digits[--at] = '-';
	atr_buf_append(b, digits + at, sizeof digits - at);
}

/* atrack_json_object(key, value, ...): the row images of the audit log
 * (SQLite's own JSON functions may not run in triggers once trusted_schema
 * is off). Keys keep their order. Every audited write calls it, so it
 * writes the text directly, byte for byte as jansson's compact dump does
 * (jansson only formats the rare REAL); text that is not UTF-8 is refused,
 * as jansson refuses it. */
static void sql_json_object_function(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	if (argc % 2 != 0) {
		sqlite3_result_error(ctx, "atrack_json_object: needs key/value pairs", -1);
		return;
	}
	atr_buf b = ATR_BUF_INIT;
	/* Room for the usual object in one allocation: every byte of the
	 * keys and texts plus quotes and separators, and a number's digits.
	 * (Asking a number for its bytes would format it as text.) */
	size_t room = 2;
	for (int i = 0; i < argc; i++)
		room += sqlite3_value_type(argv[i]) == SQLITE_TEXT
			? (size_t)sqlite3_value_bytes(argv[i]) + 4 : 24;
	atr_buf_reserve(&b, room);
	bool valid = true;
	atr_buf_putc(&b, '{');
	for (int i = 0; valid && i + 1 < argc; i += 2) {
		const char *key = (const char *)sqlite3_value_text(argv[i]);
		sqlite3_value *v = argv[i + 1];
		if (!key) {
			valid = false;
			break;
		}
		if (i > 0)
			atr_buf_putc(&b, ',');
		json_put_string(&b, key, strlen(key));
		atr_buf_putc(&b, ':');
		switch (sqlite3_value_type(v)) {
		case SQLITE_INTEGER:
			json_put_int(&b, sqlite3_value_int64(v));
			break;
		case SQLITE_FLOAT: {
			json_t *real = json_real(sqlite3_value_double(v));
			char *text = real ? json_dumps(real, JSON_ENCODE_ANY | JSON_COMPACT) : NULL;
			json_decref(real);
			valid = text != NULL;
			if (text)
				atr_buf_puts(&b, text);
			free(text);
			break;
		}
		case SQLITE_TEXT: {
			const char *text = (const char *)sqlite3_value_text(v);
			size_t len = (size_t)sqlite3_value_bytes(v), bad;
			valid = text != NULL;
			/* NUL is allowed inside (as \\u0000), as jansson allows it. */
			for (const char *rest = text; valid && !atr_utf8_valid(rest, len, &bad); ) {
				valid = rest[bad] == '\0';
				rest += bad + 1;
				len -= bad + 1;
			}
			len = (size_t)sqlite3_value_bytes(v);
			if (valid)
				json_put_string(&b, text, len);
			break;
		}
		default:
			atr_buf_puts(&b, "null");
			break;
		}
	}
	atr_buf_putc(&b, '}');
	char *text = atr_buf_detach(&b);
	if (!text || !valid) {
		atr_free(text);
		sqlite3_result_error_nomem(ctx);
		return;
	}
	sqlite3_result_text(ctx, text, -1, atr_free);
}

/* ---- Opening ------------------------------------------------------------ */

static int exec_sql(atrack_db *db, const char *sql, const char *what)
{
	int src = sqlite3_exec(db->sql, sql, NULL, NULL, NULL);
	if (src != SQLITE_OK)
		return atr_sql_error(db, src, what);
	return ATRACK_OK;
}

static int query_int(atrack_db *db, const char *sql, int *out)
{
	sqlite3_stmt *stmt = NULL;
	int src = sqlite3_prepare_v2(db->sql, sql, -1, &stmt, NULL);
	if (src == SQLITE_OK) {
		src = sqlite3_step(stmt);
		if (src == SQLITE_ROW) {
			*out = sqlite3_column_int(stmt, 0);
			src = SQLITE_OK;
		}
	}
	sqlite3_finalize(stmt);
	return src;
}

/* Connection settings that SQLite's authors advise for a database that may
 * hold untrusted text, and that no atrack connection goes without. */
static int harden_connection(atrack_db *db)
{
	int unused;
	sqlite3_db_config(db->sql, SQLITE_DBCONFIG_DEFENSIVE, 1, &unused);
	sqlite3_db_config(db->sql, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, &unused);
	sqlite3_db_config(db->sql, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, &unused);
	sqlite3_db_config(db->sql, SQLITE_DBCONFIG_DQS_DML, 0, &unused);
	sqlite3_db_config(db->sql, SQLITE_DBCONFIG_DQS_DDL, 0, &unused);
	sqlite3_busy_timeout(db->sql, BUSY_TIMEOUT_MS);
	int src = sqlite3_create_function_v2(db->sql, "atrack_author", 0,
	                                     SQLITE_UTF8 | SQLITE_INNOCUOUS, db,
	                                     sql_author_function, NULL, NULL, NULL);
	if (src == SQLITE_OK)
		src = sqlite3_create_function_v2(db->sql, "atrack_json_object", -1,
		                                 SQLITE_UTF8 | SQLITE_INNOCUOUS | SQLITE_DETERMINISTIC,
		                                 NULL, sql_json_object_function, NULL, NULL, NULL);
	if (src != SQLITE_OK)
		return atr_sql_error(db, src, "cannot register functions");
	return ATRACK_OK;
}

/* Decide what the file is before anything is written to it. Sets
 * *version to its schema version (0 for an empty, new database). */
static int identify_database(atrack_db *db, const char *path, int *version)
{
	int application_id = 0, user_version = 0, object_count = 0;
	int src = query_int(db, "PRAGMA application_id", &application_id);
	if (src == SQLITE_OK)
		src = query_int(db, "PRAGMA user_version", &user_version);
	if (src == SQLITE_OK)
		src = query_int(db, "SELECT count(*) FROM sqlite_schema", &object_count);
	if ((src & 0xff) == SQLITE_NOTADB)
		return atr_error(db, ATRACK_NOTDB, "'%s' is not an atrack database "
		                 "(not an SQLite database at all)", path);
	if (src != SQLITE_OK)
		return atr_sql_error(db, src, "cannot read database header");

	if (application_id == 0 && user_version == 0 && object_count == 0) {
		*version = 0;
		return ATRACK_OK;
	}
	if (application_id != ATRACK_APPLICATION_ID)
		return atr_error(db, ATRACK_NOTDB, "'%s' is not an atrack database "
		                 "(an SQLite database of another application)", path);
	if (user_version > atrack_schema_version())
		return atr_error(db, ATRACK_TOONEW, "'%s' has schema version %d, newer "
		                 "than the %d this atrack %s knows; upgrade atrack",
		                 path, user_version, atrack_schema_version(), ATRACK_VERSION);
	*version = user_version;
	return ATRACK_OK;
}

/* Take the write lock. The busy timeout already waits for other writers;
 * past it, the whole transaction (nothing is done yet) is tried a few more
 * times after a pause, so a burst of writers does not fail one of them. */
static int begin_immediate(atrack_db *db)
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

/* Apply one migration in its own transaction. Another process may have
 * applied it meanwhile, so the version is read again under the lock. */
static int apply_migration(atrack_db *db, const atr_migration *m)
{
	int rc = begin_immediate(db);
	if (rc != ATRACK_OK)
		return rc;
	int current = 0;
	int src = query_int(db, "PRAGMA user_version", &current);
	if (src != SQLITE_OK) {
		rc = atr_sql_error(db, src, "cannot read schema version");
		goto done;
	}
	if (current >= m->version)
		goto done;
	src = sqlite3_exec(db->sql, m->sql, NULL, NULL, NULL);
	if (src != SQLITE_OK) {
		rc = atr_error(db, atr_rc_from_sqlite(src), "migration %04d_%s failed: %s",
		               m->version, m->name, sqlite3_errmsg(db->sql));
		goto done;
	}
	/* PRAGMA takes no parameters; these are the library's own integers. */
	char pragma[96];
	snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d; PRAGMA application_id = %d",
	         m->version, ATRACK_APPLICATION_ID);
	rc = exec_sql(db, pragma, "cannot record schema version");
done:
	if (rc == ATRACK_OK)
		rc = exec_sql(db, "COMMIT", "cannot commit migration");
	if (rc != ATRACK_OK)
		sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

static int migrate(atrack_db *db, int version)
{
	for (size_t i = 0; i < atr_migration_count; i++) {
		if (atr_migrations[i].version <= version)
			continue;
		int rc = apply_migration(db, &atr_migrations[i]);
		if (rc != ATRACK_OK)
			return rc;
	}
	return ATRACK_OK;
}

/* Create a missing database file ourselves, so that it is readable by its
 * owner only (SQLite would create it with the umask's permissions). Sets
 * *created when this call made the file. */
static int create_private_file(atrack_db *db, const char *path, bool *created)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, S_IRUSR | S_IWUSR);
	if (fd < 0) {
		if (errno == EEXIST)
			return ATRACK_OK;
		return atr_error(db, errno == ENOENT ? ATRACK_NOTFOUND : ATRACK_IO,
		                 "cannot create '%s': %s", path, strerror(errno));
	}
	close(fd);
	*created = true;
	return ATRACK_OK;
}

static int open_file(atrack_db *db, const char *path, unsigned int flags)
{
	bool memory = flags & ATRACK_OPEN_MEMORY;
	bool readonly = flags & ATRACK_OPEN_READONLY;
	bool created = false;
	const char *name = memory ? ":memory:" : path;
	int rc;

	if (!memory) {
		struct stat st;
		if (stat(path, &st) != 0) {
			if (errno != ENOENT)
				return atr_error(db, ATRACK_IO, "cannot open '%s': %s", path, strerror(errno));
			if (!(flags & ATRACK_OPEN_CREATE) || readonly)
				return atr_error(db, ATRACK_NOTFOUND, "'%s' does not exist", path);
			rc = create_private_file(db, path, &created);
			if (rc != ATRACK_OK)
				return rc;
		} else if (S_ISDIR(st.st_mode)) {
			return atr_error(db, ATRACK_IO, "'%s' is a directory", path);
		}
	}

	int open_flags = (readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) |
	                 SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
	int src = sqlite3_open_v2(name, &db->sql, open_flags, NULL);
	if (src != SQLITE_OK) {
		rc = atr_error(db, atr_rc_from_sqlite(src), "cannot open '%s': %s", name,
		               db->sql ? sqlite3_errmsg(db->sql) : sqlite3_errstr(src));
		goto fail;
	}
	rc = harden_connection(db);
	int version = 0;
	if (rc == ATRACK_OK)
		rc = identify_database(db, name, &version);
	if (rc == ATRACK_OK && version < atrack_schema_version() && readonly)
		rc = atr_error(db, ATRACK_READONLY, "'%s' needs its schema brought up to "
		               "version %d, which a read-only open cannot do",
		               name, atrack_schema_version());
	if (rc == ATRACK_OK && !readonly && !memory)
		rc = exec_sql(db, "PRAGMA journal_mode = WAL", "cannot enable WAL");
	if (rc == ATRACK_OK)
		rc = exec_sql(db, "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; "
		              "PRAGMA temp_store = MEMORY",
		              "cannot configure database");
	if (rc == ATRACK_OK && !readonly)
		rc = migrate(db, version);
	if (rc == ATRACK_OK && !readonly)
		rc = atr_search_catch_up(db); /* rows a migration queued for the index */
	if (rc == ATRACK_OK)
		return ATRACK_OK;
fail:
	if (created) {
		/* Leave no trace of a file this call made and could not finish. */
		sqlite3_close(db->sql);
		db->sql = NULL;
		unlink(path);
	}
	return rc;
}

int atrack_open(const char *path, unsigned int flags, atrack_db **out)
{
	if (!out)
		return ATRACK_MISUSE;
	*out = NULL;
	atrack_db *db = atr_calloc(1, sizeof *db);
	if (!db)
		return ATRACK_NOMEM;
	*out = db;
	db->flags = flags;
	db->author = default_author();
	if (!db->author)
		return atr_error(db, ATRACK_NOMEM, "out of memory");
	if (!path && !(flags & ATRACK_OPEN_MEMORY))
		return atr_error(db, ATRACK_MISUSE, "no database path given");
	if (path && !*path && !(flags & ATRACK_OPEN_MEMORY))
		return atr_error(db, ATRACK_INVALID, "database path is empty");
	return open_file(db, path, flags);
}

void atrack_close(atrack_db *db)
{
	if (!db)
		return;
	if (db->sql) {
		for (size_t i = 0; i < db->stmt_cache_count; i++)
			sqlite3_finalize(db->stmt_cache[i].stmt);
		if (!sqlite3_get_autocommit(db->sql))
			sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
		/* Close first: it disconnects the virtual tables (FTS5), which
		 * finalize statements of their own. Only then may the statements
		 * an unfreed iterator left be finalized here. */
		if (sqlite3_close(db->sql) == SQLITE_BUSY) {
			sqlite3_stmt *stmt;
			while ((stmt = sqlite3_next_stmt(db->sql, NULL)) != NULL)
				sqlite3_finalize(stmt);
			sqlite3_close(db->sql);
		}
	}
	atr_free(db->stmt_cache);
	atr_free(db->errmsg);
	atr_free(db->author);
	atr_free(db);
}

/* ---- Transactions ------------------------------------------------------- */

static bool usable(atrack_db *db)
{
	return db && db->sql;
}

int atrack_begin(atrack_db *db)
{
	if (!usable(db))
		return ATRACK_MISUSE;
	atr_clear_error(db);
	if (db->in_user_txn || db->write_depth > 0)
		return atr_error(db, ATRACK_MISUSE, "a transaction is already open");
	if (db->flags & ATRACK_OPEN_READONLY)
		return atr_error(db, ATRACK_READONLY, "the database is open read-only");
	int rc = begin_immediate(db);
	if (rc == ATRACK_OK)
		db->in_user_txn = true;
	return rc;
}

int atrack_commit(atrack_db *db)
{
	if (!usable(db))
		return ATRACK_MISUSE;
	atr_clear_error(db);
	if (!db->in_user_txn)
		return atr_error(db, ATRACK_MISUSE, "no transaction is open");
	int rc = atr_search_sync(db);
	if (rc != ATRACK_OK)
		return rc; /* still open: the caller may retry or roll back */
	rc = exec_sql(db, "COMMIT", "cannot commit");
	if (rc != ATRACK_OK && !sqlite3_get_autocommit(db->sql))
		return rc; /* still open (e.g. busy): the caller may retry or roll back */
	db->in_user_txn = false;
	return rc;
}

int atrack_rollback(atrack_db *db)
{
	if (!usable(db))
		return ATRACK_MISUSE;
	atr_clear_error(db);
	if (!db->in_user_txn)
		return atr_error(db, ATRACK_MISUSE, "no transaction is open");
	db->in_user_txn = false;
	if (sqlite3_get_autocommit(db->sql))
		return ATRACK_OK; /* SQLite already rolled it back after an error */
	return exec_sql(db, "ROLLBACK", "cannot roll back");
}

/* The savepoint statements of every write inside a caller's transaction,
 * prepared once per handle rather than parsed on each call. */
static int exec_cached(atrack_db *db, const char *sql, const char *what)
{
	sqlite3_stmt *stmt = NULL;
	int rc = atr_stmt(db, sql, &stmt);
	if (rc != ATRACK_OK)
		return rc;
	int src = sqlite3_step(stmt);
	atr_stmt_done(stmt);
	return src == SQLITE_DONE ? ATRACK_OK : atr_sql_error(db, src, what);
}

static const char sql_savepoint[] = "SAVEPOINT atrack_write";
static const char sql_release[] = "RELEASE atrack_write";

static int write_begin(atrack_db *db, bool savepoint)
{
	if (db->flags & ATRACK_OPEN_READONLY)
		return atr_error(db, ATRACK_READONLY, "the database is open read-only");
	int rc = ATRACK_OK;
	if (db->write_depth == 0 && sqlite3_get_autocommit(db->sql)) {
		rc = begin_immediate(db);
		db->write_owns_txn = true;
	} else if (savepoint) {
		rc = exec_cached(db, sql_savepoint, "cannot begin savepoint");
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
			rc = atr_search_sync(db);
		if (rc == ATRACK_OK)
			rc = exec_sql(db, "COMMIT", "cannot commit");
		if (rc != ATRACK_OK && !sqlite3_get_autocommit(db->sql))
			sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
		return rc;
	}
	if (!savepoint)
		return rc;
	if (rc != ATRACK_OK)
		sqlite3_exec(db->sql, "ROLLBACK TO atrack_write", NULL, NULL, NULL);
	int release = exec_cached(db, sql_release, "cannot release savepoint");
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
