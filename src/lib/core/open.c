/*
 * open.c - opening and closing the database handle: identifying a file
 * before anything is written to it, hardening the connection, and
 * applying the embedded migrations; and the library's version numbers.
 * The public atrack_open (src/lib/atrack.c) wraps atr_db_open to attach
 * the feature modules.
 */
#include "atrack_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* 'ATRK': marks a file as an atrack database (PRAGMA application_id). */
#define ATRACK_APPLICATION_ID 0x4154524b
#define BUSY_TIMEOUT_MS 10000
/* In db->flags, beside the ATRACK_OPEN_* bits: a rollback-journal
 * database that the first committed write puts in WAL mode. */
#define ATR_WAL_PENDING 0x80000000u

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
	return atr_register_schema_functions(db);
}

/* Decide what the file is before anything is written to it. Sets
 * *version to its schema version (0 for an empty, new database). */
static int identify_database(atrack_db *db, const char *path, int *version)
{
	int application_id = 0, user_version = 0, object_count = 0;
	int src = atr_query_int(db, "PRAGMA application_id", &application_id);
	if (src == SQLITE_OK)
		src = atr_query_int(db, "PRAGMA user_version", &user_version);
	if (src == SQLITE_OK)
		src = atr_query_int(db, "SELECT count(*) FROM sqlite_schema", &object_count);
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

/* Apply one migration in its own transaction. Another process may have
 * applied it meanwhile, so the version is read again under the lock. */
static int apply_migration(atrack_db *db, const atr_migration *m)
{
	int rc = atr_begin_immediate(db);
	if (rc != ATRACK_OK)
		return rc;
	int current = 0;
	int src = atr_query_int(db, "PRAGMA user_version", &current);
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
	rc = atr_exec(db, pragma, "cannot record schema version");
done:
	if (rc == ATRACK_OK)
		rc = atr_exec(db, "COMMIT", "cannot commit migration");
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

/* Whether this process may make files in the folder of `path`: SQLite
 * needs to, for the rollback journal or the WAL and its index. */
static int folder_writable(atrack_db *db, const char *path, bool *writable)
{
	const char *slash = strrchr(path, '/');
	size_t len = slash ? (size_t)(slash - path) : 1;
	if (slash == path)
		len = 1; /* "/db" is in "/" */
	char *folder = atr_malloc(len + 1);
	if (!folder)
		return atr_error(db, ATRACK_NOMEM, "out of memory");
	memcpy(folder, slash ? path : ".", len);
	folder[len] = '\0';
	*writable = faccessat(AT_FDCWD, folder, W_OK | X_OK, AT_EACCESS) == 0;
	atr_free(folder);
	return ATRACK_OK;
}

/* A read-only open of a WAL database whose index (PATH-shm) cannot be made
 * (read-only storage) fails at its first read. Open it instead as an
 * immutable file, which SQLite reads without its companions, unless a WAL
 * with content is beside it, which that would ignore. */
static int open_immutable_if_needed(atrack_db *db, const char *path, int open_flags)
{
	int unused = 0;
	int src = atr_query_int(db, "PRAGMA user_version", &unused) & 0xff;
	if (src != SQLITE_READONLY && src != SQLITE_CANTOPEN)
		return ATRACK_OK; /* readable, or a failure identify_database names */
	size_t len = strlen(path);
	char *name = atr_malloc(len * 3 + sizeof "file:?immutable=1");
	if (!name)
		return atr_error(db, ATRACK_NOMEM, "out of memory");
	memcpy(name, path, len);
	memcpy(name + len, "-wal", 5);
	struct stat st;
	if (stat(name, &st) == 0 && st.st_size > 0) {
		atr_free(name);
		return atr_error(db, ATRACK_READONLY, "'%s' cannot be read on read-only storage: "
		                 "its write-ahead log '%s-wal' needs an index this user cannot "
		                 "create; copy the files somewhere writable", path, path);
	}
	/* A URI of the path, every byte but [A-Za-z0-9/._~-] escaped. */
	static const char hex[] = "0123456789ABCDEF";
	char *p = name + sizeof "file:" - 1;
	memcpy(name, "file:", sizeof "file:" - 1);
	for (const unsigned char *c = (const unsigned char *)path; *c; c++) {
		if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		    (*c >= '0' && *c <= '9') || strchr("/._~-", *c)) {
			*p++ = (char)*c;
		} else {
			*p++ = '%';
			*p++ = hex[*c >> 4];
			*p++ = hex[*c & 15];
		}
	}
	memcpy(p, "?immutable=1", sizeof "?immutable=1");
	sqlite3_close(db->sql);
	db->sql = NULL;
	src = sqlite3_open_v2(name, &db->sql, open_flags | SQLITE_OPEN_URI, NULL);
	atr_free(name);
	if (src != SQLITE_OK)
		return atr_error(db, atr_rc_from_sqlite(src), "cannot open '%s': %s", path,
		                 db->sql ? sqlite3_errmsg(db->sql) : sqlite3_errstr(src));
	return harden_connection(db);
}

/* The first committed write of a rollback-journal database puts it in WAL
 * mode: an open, a read or a refused command leaves the file as it was. A
 * failure (another connection reading) is tried again at the next commit. */
static void wal_after_commit(atrack_db *db, void *ctx, bool committed)
{
	(void)ctx;
	if (!committed || !(db->flags & ATR_WAL_PENDING) || !sqlite3_get_autocommit(db->sql))
		return;
	sqlite3_busy_timeout(db->sql, 0);
	sqlite3_stmt *stmt = NULL;
	if (sqlite3_prepare_v2(db->sql, "PRAGMA journal_mode = WAL", -1, &stmt, NULL) == SQLITE_OK &&
	    sqlite3_step(stmt) == SQLITE_ROW &&
	    sqlite3_stricmp((const char *)sqlite3_column_text(stmt, 0), "wal") == 0)
		db->flags &= ~ATR_WAL_PENDING;
	sqlite3_finalize(stmt);
	sqlite3_busy_timeout(db->sql, BUSY_TIMEOUT_MS);
}

/* WAL now when this open writes anyway (a new file, migrations to apply);
 * else at the first committed write, unless the file is in WAL already. */
static int use_wal(atrack_db *db, bool writes_now)
{
	if (writes_now)
		return atr_exec(db, "PRAGMA journal_mode = WAL", "cannot enable WAL");
	sqlite3_stmt *stmt = NULL;
	int src = sqlite3_prepare_v2(db->sql, "PRAGMA journal_mode", -1, &stmt, NULL);
	if (src == SQLITE_OK)
		src = sqlite3_step(stmt);
	bool wal = src == SQLITE_ROW &&
	           sqlite3_stricmp((const char *)sqlite3_column_text(stmt, 0), "wal") == 0;
	sqlite3_finalize(stmt);
	if (src != SQLITE_ROW)
		return atr_sql_error(db, src, "cannot read the journal mode");
	if (wal)
		return ATRACK_OK;
	db->flags |= ATR_WAL_PENDING;
	const atr_txn_hooks hooks = { NULL, NULL, wal_after_commit, NULL };
	return atr_txn_hooks_add(db, &hooks);
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
		} else if (!S_ISREG(st.st_mode)) {
			/* SQLite would make "PATH-journal" beside a device. */
			return atr_error(db, ATRACK_INVALID, "'%s' is not a regular file, so it cannot "
			                 "be a database", path);
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
	if (rc == ATRACK_OK && readonly && !memory)
		rc = open_immutable_if_needed(db, path, open_flags);
	/* SQLite quietly opens a file it may not write read-only, and the
	 * first write then fails with a message of its own: say it once, here,
	 * whichever way the file is read-only (its mode, its owner, the disk). */
	if (rc == ATRACK_OK && !readonly && !memory && sqlite3_db_readonly(db->sql, "main") == 1)
		rc = atr_error(db, ATRACK_READONLY, "'%s' is read-only: it cannot be written "
		               "by this user", name);
	/* Nor can it be written where no journal can be made beside it. */
	bool writable_folder = true;
	if (rc == ATRACK_OK && !readonly && !memory)
		rc = folder_writable(db, path, &writable_folder);
	if (rc == ATRACK_OK && !writable_folder)
		rc = atr_error(db, ATRACK_READONLY, "'%s' is read-only: it cannot be written "
		               "by this user", name);
	int version = 0;
	if (rc == ATRACK_OK)
		rc = identify_database(db, name, &version);
	if (rc == ATRACK_OK && version < atrack_schema_version() && readonly)
		rc = atr_error(db, ATRACK_READONLY, "'%s' needs its schema brought up to "
		               "version %d, which a read-only open cannot do",
		               name, atrack_schema_version());
	if (rc == ATRACK_OK && !readonly && !memory)
		rc = use_wal(db, version < atrack_schema_version());
	if (rc == ATRACK_OK)
		rc = atr_exec(db, "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; "
		              "PRAGMA temp_store = MEMORY",
		              "cannot configure database");
	if (rc == ATRACK_OK && !readonly)
		rc = migrate(db, version);
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

int atr_db_open(const char *path, unsigned int flags, atrack_db **out)
{
	if (!out)
		return ATRACK_MISUSE;
	*out = NULL;
	atrack_db *db = atr_calloc(1, sizeof *db);
	if (!db)
		return ATRACK_NOMEM;
	*out = db;
	db->flags = flags;
	db->author = atr_default_author();
	if (!db->author)
		return atr_error(db, ATRACK_NOMEM, "out of memory");
	if (!path && !(flags & ATRACK_OPEN_MEMORY))
		return atr_error(db, ATRACK_MISUSE, "no database path given");
	if (path && !*path && !(flags & ATRACK_OPEN_MEMORY))
		return atr_error(db, ATRACK_INVALID, "database path is empty");
	return open_file(db, path, flags);
}

/* The real close: the handle and its connection go. No iterator or
 * report of the handle is left. */
static void db_destroy(atrack_db *db)
{
	if (db->sql) {
		for (size_t i = 0; i < db->stmt_cache_count; i++)
			sqlite3_finalize(db->stmt_cache[i].stmt);
		db->stmt_cache_count = 0;
		atr_txn_abandon(db);
		/* Close first: it disconnects the virtual tables (FTS5), which
		 * finalize statements of their own. Only then may statements
		 * the library left be finalized here. */
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

void atrack_close(atrack_db *db)
{
	if (!db || db->closed)
		return;
	if (db->open_iters == 0 && db->open_reports == 0) {
		db_destroy(db);
		return;
	}
	/* Iterators or reports are still open: like sqlite3_close_v2, the
	 * handle is closed to every call now, the caller's transaction rolled
	 * back, and the connection itself goes with the last of them. */
	db->closed = true;
	if (db->sql)
		atr_txn_abandon(db);
}

void atr_db_release(atrack_db *db, bool report)
{
	unsigned int *count = report ? &db->open_reports : &db->open_iters;
	if (*count > 0)
		(*count)--;
	if (db->closed && db->open_iters == 0 && db->open_reports == 0)
		db_destroy(db);
}

/* ---- Transactions ------------------------------------------------------- */
