/*
 * atrack_int.h - declarations shared by the files of libatrack and never
 * installed: the handle's layout, the allocator every file goes through (so
 * tests can make the Nth allocation fail), a growable string buffer, and the
 * helpers that turn SQLite results into atrack result codes.
 */
#ifndef ATRACK_INT_H
#define ATRACK_INT_H

#include "atrack.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include <sqlite3.h>

#if defined(__GNUC__)
#  define ATR_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#  define ATR_PRINTF(f, a)
#endif

#define ATR_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* ---- Allocation --------------------------------------------------------- */

/* Every allocation in the library goes through these, so that a test can
 * make the Nth one fail (atr_alloc_fail_after) and check that each caller
 * turns the failure into ATRACK_NOMEM without a leak or a half-write. */
void *atr_malloc(size_t size);
void *atr_calloc(size_t count, size_t size);
void *atr_realloc(void *ptr, size_t size);
char *atr_strdup(const char *s);
char *atr_strndup(const char *s, size_t len);
void atr_free(void *ptr);

/* Test hook: after `n` more successful allocations, every allocation fails
 * until it is called again with n < 0 (the default, never fail). Tests
 * link the static library to reach it; the shared one does not export it. */
void atr_alloc_fail_after(long n);

/* ---- String buffer ------------------------------------------------------ */

/* A growable, always NUL-terminated string. After an allocation failure the
 * buffer is marked failed, further appends are ignored, and atr_buf_failed()
 * reports it once at the end, so callers need not check each append. */
typedef struct atr_buf {
	char *data;
	size_t len;
	size_t cap;
	bool failed;
} atr_buf;

#define ATR_BUF_INIT { NULL, 0, 0, false }

/* Make room for `extra` more bytes at once, so that a writer that knows
 * its size roughly does not grow the buffer step by step. False when the
 * allocation failed (the buffer is then marked failed). */
bool atr_buf_reserve(atr_buf *b, size_t extra);
void atr_buf_append(atr_buf *b, const char *s, size_t len);
void atr_buf_puts(atr_buf *b, const char *s);
void atr_buf_putc(atr_buf *b, char c);
void atr_buf_printf(atr_buf *b, const char *fmt, ...) ATR_PRINTF(2, 3);
void atr_buf_vprintf(atr_buf *b, const char *fmt, va_list ap);
bool atr_buf_failed(const atr_buf *b);
/* Hand the string to the caller (free with atr_free) and reset the buffer.
 * Returns NULL when an allocation failed; an empty buffer gives "". */
char *atr_buf_detach(atr_buf *b);
void atr_buf_clear(atr_buf *b);

/* ---- The handle --------------------------------------------------------- */

/*
 * What a feature module hangs on the library's write transactions
 * (core/txn.c): `begin` when one has begun, `before_commit` just before it
 * commits (a failure there keeps it from committing), `end` once it is
 * over, committed or not. Any of them may be NULL. The core runs them in
 * the order they were added and knows nothing else of the module.
 */
typedef struct atr_txn_hooks {
	int (*begin)(atrack_db *db, void *ctx);
	int (*before_commit)(atrack_db *db, void *ctx);
	void (*end)(atrack_db *db, void *ctx, bool committed);
	void *ctx;
} atr_txn_hooks;

struct atrack_db {
	sqlite3 *sql;
	unsigned int flags;
	int errcode;
	int errline;
	int errcolumn;
	char *errmsg;        /* atr_malloc'd, or NULL */
	char *author;        /* atr_malloc'd; never NULL once open succeeded */
	bool in_user_txn;    /* atrack_begin was called and not yet ended */
	unsigned int write_depth; /* atr_write_begin calls not yet ended */
	bool write_owns_txn; /* the outermost atr_write_begin opened the txn */
	struct atr_cached_stmt {
		const char *sql;
		sqlite3_stmt *stmt;
	} *stmt_cache;
	size_t stmt_cache_count;
	size_t stmt_cache_cap;
	atr_txn_hooks txn_hooks[4];
	size_t txn_hook_count;
	unsigned int open_iters;   /* iterators not yet freed */
	unsigned int open_reports; /* reports not yet freed: writes are refused */
	bool closed;               /* atrack_close was called while some were open */
};

/* Open the handle: the file identified, the connection hardened, the
 * migrations applied (core/open.c). atrack_open is this plus the feature
 * modules attaching their hooks (src/lib/atrack.c). */
int atr_db_open(const char *path, unsigned int flags, atrack_db **out);
/* The author the environment names ($ATRACK_AUTHOR, the login name, the
 * account, else "unknown"); NULL when out of memory. */
char *atr_default_author(void);
/* ATRACK_INVALID unless `author` (NULL: none) is valid UTF-8: checked by
 * atrack_set_author and again by every write, as the default author comes
 * from the environment and is not refused at open. */
int atr_author_check(atrack_db *db, const char *author);
/* Register the SQL functions the schema's triggers call. */
int atr_register_schema_functions(atrack_db *db);

/* Record a failure on the handle and return rc, so callers can write
 * `return atr_error(db, ATRACK_INVALID, "...", ...)`. */
int atr_error(atrack_db *db, int rc, const char *fmt, ...) ATR_PRINTF(3, 4);
/* The same, with a position in an input text. */
int atr_error_at(atrack_db *db, int rc, int line, int column,
                 const char *fmt, ...) ATR_PRINTF(5, 6);
/* Clear the last error: every public entry point calls it first. */
void atr_clear_error(atrack_db *db);
/* The refusal of an entry point called wrongly (NULL handle or argument, a
 * handle that is not open): records ATRACK_MISUSE on `db` when there is
 * one, naming `fn`, and returns it. */
int atr_misuse(atrack_db *db, const char *fn);
/* Whether `db` is a handle calls may use: not NULL, open, not closed. */
bool atr_db_usable(const atrack_db *db);
/* An iterator (report false) or a report (true) let go of `db`, which
 * counted it in open_iters or open_reports: the last one after
 * atrack_close really closes the handle (core/open.c). */
void atr_db_release(atrack_db *db, bool report);

/* Map an SQLite result code to an atrack one (SQLITE_BUSY -> ATRACK_BUSY,
 * SQLITE_CONSTRAINT_UNIQUE -> ATRACK_CONFLICT, ...). */
int atr_rc_from_sqlite(int sqlite_rc);
/* Record the SQLite failure `sqlite_rc` with SQLite's own message after
 * `what` ("cannot add initiative: UNIQUE constraint failed: ..."). */
int atr_sql_error(atrack_db *db, int sqlite_rc, const char *what);

/* ---- Statements and transactions --------------------------------------- */

/* Run `sql` (one or more statements of the library's own) at once. */
int atr_exec(atrack_db *db, const char *sql, const char *what);
/* The first column of the first row of `sql` as an int; an SQLite code. */
int atr_query_int(atrack_db *db, const char *sql, int *out);
/* Step the cached statement for `sql` once, expecting no row. */
int atr_exec_cached(atrack_db *db, const char *sql, const char *what);

/* Prepare `sql` (a constant of the library, never user text) into a fresh
 * statement the caller finalizes: for iterators, which keep theirs. */
int atr_prepare(atrack_db *db, const char *sql, sqlite3_stmt **out);

/* The handle's cached statement for `sql`, prepared on first use. The key
 * is the address of the string, so `sql` must be a string constant. The
 * caller resets it (atr_stmt_done) before returning, so it is free for the
 * next call. */
int atr_stmt(atrack_db *db, const char *sql, sqlite3_stmt **out);
/* Reset a cached statement and clear its bindings. */
void atr_stmt_done(sqlite3_stmt *stmt);

/* A write that the library makes atomic: if the caller holds no transaction
 * it opens one (BEGIN IMMEDIATE), otherwise a savepoint, so that a failure
 * undoes only this call's changes. Pair every atr_write_begin with exactly
 * one atr_write_end(db, rc), which commits when rc == ATRACK_OK, rolls back
 * otherwise, and returns rc (or the commit's failure). */
int atr_write_begin(atrack_db *db);
int atr_write_end(atrack_db *db, int rc);
/* The same for a write whose only change is one statement, checked
 * beforehand: SQLite makes a statement atomic by itself, so inside a
 * caller's transaction no savepoint is needed (and none is paid for). */
int atr_write_begin_single(atrack_db *db);
int atr_write_end_single(atrack_db *db, int rc);

/* Hang `hooks` on every later write transaction of the handle. */
int atr_txn_hooks_add(atrack_db *db, const atr_txn_hooks *hooks);
/* BEGIN IMMEDIATE, retried a few times past the busy timeout. */
int atr_begin_immediate(atrack_db *db);
/* Roll back whatever transaction the handle still holds (atrack_close). */
void atr_txn_abandon(atrack_db *db);

/* ---- Search (search/search.c) ------------------------------------------- */

/* Keep the handle's search index in step with its writes: index what an
 * earlier process or a migration left queued, and sync the queue before
 * every commit. Called once by atrack_open on a writable handle. */
int atr_search_attach(atrack_db *db);
/* Index a queue left by an earlier process, in a transaction of its own. */
int atr_search_catch_up(atrack_db *db);
/* A query whose rows (table, row id, message) are the entries the search
 * index lacks, holds wrongly, or holds for rows that are gone. */
extern const char atr_search_mismatch_sql[];

/* ---- Kinds and iterators ----------------------------------------------- */

/* What the library knows of each kind: its table, and the column a person
 * names it by (slug, or code for status; NULL when it has none). */
typedef struct atr_kind_info {
	atrack_kind kind;
	const char *name;      /* "focus_area" */
	const char *table;     /* "focus_area" */
	const char *slug_column;
} atr_kind_info;

/* NULL for a value outside the enum. */
const atr_kind_info *atr_kind_info_of(atrack_kind kind);

/*
 * An iterator over the rows of one prepared statement. A module that lists
 * things fills `load_row` (turn the current statement row into the typed
 * struct at `row`, pointing into the statement's columns where it can) and,
 * when the row owns memory, `clear_row`. atrack_iter_next and
 * atrack_iter_free do the rest.
 */
struct atrack_iter {
	atrack_db *db;
	atrack_kind kind;
	sqlite3_stmt *stmt;          /* owned: finalized by atrack_iter_free */
	void *row;                   /* owned: atr_free'd by atrack_iter_free */
	int (*load_row)(atrack_iter *it);
	void (*clear_row)(atrack_iter *it);
	void *state;                 /* module's own extra data, or NULL */
	void (*free_state)(void *state);
	bool done;
};

/* A new iterator over `stmt` (taken over even on failure) with a zeroed
 * row of `row_size` bytes. Returns ATRACK_OK or ATRACK_NOMEM. */
int atr_iter_new(atrack_db *db, atrack_kind kind, sqlite3_stmt *stmt, size_t row_size,
                 int (*load_row)(atrack_iter *it), atrack_iter **out);

/* Column helpers for load_row functions: text borrowed from the statement
 * (NULL for SQL NULL), and integers. */
const char *atr_column_text(sqlite3_stmt *stmt, int column);

/* ---- Migrations (generated at build time) ------------------------------- */

typedef struct atr_migration {
	int version;
	const char *name;
	const char *sql;
} atr_migration;

extern const atr_migration atr_migrations[];
extern const size_t atr_migration_count;
extern const char *const atr_schema_sql;

/* The fact sheet compiled into the library (data/). */
extern const char *const atr_bundled_factsheet;
extern const size_t atr_bundled_factsheet_len;
extern const char atr_bundled_factsheet_name[];

/* ---- Small utilities ---------------------------------------------------- */

/* Whether `s` is a valid date "YYYY-MM-DD" of the Gregorian calendar. */
bool atr_date_valid(const char *s);
/* Whether `s` is a time as SQLite's date functions read it and as the
 * stores are written: a valid date, optionally followed by 'T' or ' ',
 * HH:MM, optionally :SS and a fraction, then optionally 'Z' or +HH:MM. */
bool atr_time_valid(const char *s);
/* Today's date, UTC, as "YYYY-MM-DD" into buf[11]. */
void atr_today(char buf[11]);
/* The current time, UTC, as "YYYY-MM-DDTHH:MM:SS.sssZ" into buf[25]. */
void atr_now(char buf[25]);
/* A slug ("nuclear-consultative-group") from free text: ASCII letters and
 * digits lower-cased, every other run of characters one '-', at most
 * `max_len` bytes, cut at a '-'. Returns NULL when memory runs out; an
 * input with no letter or digit gives "". Free with atr_free. */
char *atr_slugify(const char *text, size_t max_len);
/* The SHA-256 of `len` bytes as 64 lower-case hex digits and a NUL. */
void atr_sha256_hex(const void *data, size_t len, char out[65]);
/* Whether `s` is valid UTF-8 with no NUL and no overlong or surrogate
 * encodings. On failure *bad_offset is the byte offset of the first bad
 * byte. */
bool atr_utf8_valid(const char *s, size_t len, size_t *bad_offset);

#endif /* ATRACK_INT_H */
