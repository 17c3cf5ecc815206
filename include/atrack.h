/*
 * atrack.h - the public interface of libatrack, a tracker for the initiatives
 * that allies announce at their meetings, kept in an embedded SQLite database.
 *
 * This is the only header a program linking libatrack includes. Nothing in it
 * exposes SQLite or jansson types.
 *
 * RESULT CODES
 *   Every call that can fail returns an int: ATRACK_OK (0) or one of the
 *   ATRACK_* codes below. The numbers are stable and never reused. The detail
 *   of the last failure on a handle is in atrack_errmsg(db); atrack_errstr(rc)
 *   names a code without a handle. Every call that takes a handle sets its
 *   error state to what it returns, ATRACK_MISUSE included: after a refusal
 *   atrack_errcode(db) is that refusal, never an earlier failure.
 *
 * OPTIONS STRUCTS
 *   A struct of options or filters starts with `version`; initialise it
 *   with the matching _INIT macro. A version this library does not know is
 *   refused with ATRACK_MISUSE by every function that takes such a struct.
 *
 * OWNERSHIP (each function below cites these rules by number)
 *   O1. What comes back through a `T **out` parameter belongs to the caller,
 *       who releases it with the matching _free or _close function. Those
 *       functions accept NULL.
 *   O2. A `const char *` from a getter or an iterator row is borrowed: valid
 *       until its owner is freed or the iterator moves.
 *   O3. A returned `char *` is released with atrack_free(), never free().
 *   O4. Inputs are copied before the call returns; nothing is stolen.
 *
 * THREADS
 *   An atrack_db handle is used by one thread at a time; give each thread its
 *   own handle. Several handles, in one process or many, may share one database
 *   file: writes are serialised by SQLite (WAL mode, a busy timeout), and none
 *   is lost. Functions that take no handle (atrack_libversion, atrack_errstr,
 *   atrack_free) are safe from any thread.
 */
#ifndef ATRACK_H
#define ATRACK_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(ATRACK_STATIC)
#  define ATRACK_EXTERN
#elif defined(_WIN32)
#  ifdef ATRACK_BUILDING
#    define ATRACK_EXTERN __declspec(dllexport)
#  else
#    define ATRACK_EXTERN __declspec(dllimport)
#  endif
#elif defined(__GNUC__)
#  define ATRACK_EXTERN __attribute__((visibility("default")))
#else
#  define ATRACK_EXTERN
#endif

/* ---- Version ------------------------------------------------------------ */

#define ATRACK_VERSION        "0.1.0"
#define ATRACK_VERSION_MAJOR  0
#define ATRACK_VERSION_MINOR  1
#define ATRACK_VERSION_PATCH  0
/* MAJOR * 1000000 + MINOR * 1000 + PATCH, for comparisons. */
#define ATRACK_VERSION_NUMBER 1000

/* The version of the library actually linked, e.g. "0.1.0". Compare with
 * ATRACK_VERSION to detect a header/library mismatch. */
ATRACK_EXTERN const char *atrack_libversion(void);
ATRACK_EXTERN int atrack_libversion_number(void);

/* The highest schema version this library knows (PRAGMA user_version). */
ATRACK_EXTERN int atrack_schema_version(void);

/* ---- Result codes ------------------------------------------------------- */

#define ATRACK_OK         0  /* success */
#define ATRACK_ERROR      1  /* failure with no more specific code */
#define ATRACK_NOTFOUND   2  /* no such id or slug */
#define ATRACK_INVALID    3  /* an argument or field is not acceptable */
#define ATRACK_CONFLICT   4  /* already exists, or still referred to */
#define ATRACK_BUSY       5  /* the database stayed locked past the timeout */
#define ATRACK_IO         6  /* reading or writing a file failed */
#define ATRACK_TOONEW     7  /* database written by a newer atrack */
#define ATRACK_NOTDB      8  /* file is not an atrack database */
#define ATRACK_PARSE      9  /* input text could not be parsed */
#define ATRACK_NOMEM     10  /* out of memory */
#define ATRACK_READONLY  11  /* write attempted on a read-only handle */
#define ATRACK_MISUSE    12  /* the API was called wrongly (e.g. NULL handle) */
#define ATRACK_CORRUPT   13  /* the database file is damaged */
#define ATRACK_FULL      14  /* disk or size limit reached */
#define ATRACK_DONE     100  /* not an error: an iterator has no more rows */

/* A short, static English name for a result code ("not found"). */
ATRACK_EXTERN const char *atrack_errstr(int rc);

/* ---- Memory ------------------------------------------------------------- */

/* Release a `char *` the library returned (O3). NULL is a no-op. */
ATRACK_EXTERN void atrack_free(void *ptr);

/* ---- Opening a database ------------------------------------------------- */

typedef struct atrack_db atrack_db;

#define ATRACK_OPEN_READONLY 0x1u /* no writes; missing migrations refuse */
#define ATRACK_OPEN_CREATE   0x2u /* create the file if it does not exist */
#define ATRACK_OPEN_MEMORY   0x4u /* ignore path; a private in-memory db */

/*
 * Open the database at `path` and bring its schema up to date.
 *
 * path   file name (UTF-8); ignored with ATRACK_OPEN_MEMORY.
 * flags  ATRACK_OPEN_* or-ed together.
 * out    [out] the handle. Set even on failure (unless memory ran out), so
 *        that atrack_errmsg() can explain; close it with atrack_close() (O1).
 *
 * Pending migrations are applied, each in its own transaction, and
 * PRAGMA user_version records the result. A new file is created readable and
 * writable by its owner only. atrack keeps its databases in WAL mode
 * (PRAGMA journal_mode = WAL, kept in the file): a new file, or one whose
 * migrations this open applies, is put in it at once; an existing
 * rollback-journal database only by the handle's first committed write, so
 * that opening, reading and refused writes leave the file as it was. A file
 * that cannot be written (its mode, its owner, a read-only disk, or a
 * folder where no journal can be made) gives ATRACK_READONLY, "'PATH' is
 * read-only: ..."; open it with ATRACK_OPEN_READONLY to read it, which
 * reads a WAL database whose index (PATH-shm) cannot be made as an
 * immutable file. A path that is not a regular file (a device, a FIFO)
 * gives ATRACK_INVALID.
 *
 * Returns ATRACK_OK; ATRACK_NOTFOUND (no file, and no ATRACK_OPEN_CREATE);
 * ATRACK_NOTDB (not an atrack database: another SQLite file, a text file);
 * ATRACK_INVALID (not a regular file);
 * ATRACK_TOONEW (written by a newer atrack); ATRACK_READONLY (read-only
 * and the schema needs migrating); ATRACK_CORRUPT; ATRACK_IO; ATRACK_BUSY;
 * ATRACK_NOMEM. On any failure the file is left exactly as it was.
 */
ATRACK_EXTERN int atrack_open(const char *path, unsigned int flags,
                              atrack_db **out);

/* Close a handle; NULL is a no-op. An open transaction is rolled back.
 * Like sqlite3_close_v2, closing a handle whose iterators or reports are
 * not yet freed does not fail: the handle may no longer be used, those
 * iterators and reports stay safe to free (atrack_iter_next on such an
 * iterator returns ATRACK_MISUSE, as do a report's row, change and
 * timeline functions), and the connection is closed when the last of them
 * is freed. */
ATRACK_EXTERN void atrack_close(atrack_db *db);

/* The code and message of the last failed call on `db`. The message is
 * library-owned, valid until the next call on `db` (O2). With db == NULL:
 * ATRACK_MISUSE and a message saying so. */
ATRACK_EXTERN int atrack_errcode(const atrack_db *db);
ATRACK_EXTERN const char *atrack_errmsg(const atrack_db *db);

/* Line and column (1-based) of the last ATRACK_PARSE or ATRACK_INVALID error
 * that has a position in an input text; 0 when there is none. */
ATRACK_EXTERN int atrack_errline(const atrack_db *db);
ATRACK_EXTERN int atrack_errcolumn(const atrack_db *db);

/* The name recorded in the audit log as the author of changes made through
 * this handle. NULL restores the default: $ATRACK_AUTHOR, else the login
 * name, else "unknown". The string is copied (O4). Returns ATRACK_OK, or
 * ATRACK_INVALID for "" or text that is not UTF-8; a default that is not
 * UTF-8 is taken, but every write under it fails with ATRACK_INVALID
 * ("author: not valid UTF-8 ..."), so that it is never stored. */
ATRACK_EXTERN int atrack_set_author(atrack_db *db, const char *author);
ATRACK_EXTERN const char *atrack_author(const atrack_db *db);

/* ---- Transactions ------------------------------------------------------- */

/*
 * Group several writes into one transaction. Every write function runs in its
 * own transaction unless the caller holds one; inside a caller's transaction
 * a failed write undoes its own changes only, and the caller decides to
 * commit or roll back the rest. Transactions do not nest: atrack_begin inside
 * one returns ATRACK_MISUSE. atrack_begin takes the write lock at once
 * (BEGIN IMMEDIATE), so a busy database is reported here, not half-way.
 * While a report is open on the handle (atrack_report_open), atrack_begin
 * and every write return ATRACK_MISUSE and change nothing.
 */
ATRACK_EXTERN int atrack_begin(atrack_db *db);
ATRACK_EXTERN int atrack_commit(atrack_db *db);
ATRACK_EXTERN int atrack_rollback(atrack_db *db);

/* ---- Kinds of things, and finding them -------------------------------- */

/* The things an atrack database holds. Numbers are stable. */
typedef enum atrack_kind {
	ATRACK_KIND_PARTY = 1,      /* a country or organisation */
	ATRACK_KIND_PERSON = 2,
	ATRACK_KIND_MEETING = 3,
	ATRACK_KIND_PARTICIPANT = 4, /* a person's role at a meeting (no slug) */
	ATRACK_KIND_DOCUMENT = 5,
	ATRACK_KIND_SECTION = 6,    /* a line of effort */
	ATRACK_KIND_INITIATIVE = 7,
	ATRACK_KIND_FRAMEWORK = 8,  /* a framework, body or programme */
	ATRACK_KIND_FOCUS_AREA = 9,
	ATRACK_KIND_EXERCISE = 10,
	ATRACK_KIND_UPDATE = 11,    /* a progress update (no slug) */
	ATRACK_KIND_STATUS = 12     /* a status code; its "slug" is the code */
} atrack_kind;

/* The kind's name as used in the CLI and JSON ("focus_area"); NULL for a
 * value outside the enum. */
ATRACK_EXTERN const char *atrack_kind_name(atrack_kind kind);

/* The kind named `name` ("focus_area" or "focus-area"). Returns ATRACK_OK,
 * or ATRACK_INVALID for an unknown name. */
ATRACK_EXTERN int atrack_kind_from_name(const char *name, atrack_kind *out);

/*
 * The id of the thing of `kind` that `ref` names: a decimal id ("42") or a
 * slug ("joint-planning-group"; the code for a status). Every command and function that
 * takes a reference from a person accepts either.
 *
 * Returns ATRACK_OK and sets *out_id; ATRACK_NOTFOUND with a message naming
 * the kind and the reference; ATRACK_INVALID for an empty reference.
 */
ATRACK_EXTERN int atrack_resolve(atrack_db *db, atrack_kind kind, const char *ref,
                                 int64_t *out_id);

/* ---- Iterators ---------------------------------------------------------- */

/*
 * Lists are iterators: a _list function opens one (O1), atrack_iter_next
 * steps it, a typed accessor (atrack_iter_initiative, ...) reads the
 * current row, atrack_iter_free ends it. Rows stream from the database one
 * at a time; what an accessor returns is borrowed until the next step (O2).
 * An iterator holds a read transaction open until it is freed or done.
 */
typedef struct atrack_iter atrack_iter;

/* Step to the next row. Returns ATRACK_OK when there is one, ATRACK_DONE
 * at the end, or an error code (the message is on the database handle);
 * ATRACK_MISUSE for NULL or an iterator whose handle was closed. After
 * ATRACK_DONE or an error every row accessor returns NULL. */
ATRACK_EXTERN int atrack_iter_next(atrack_iter *it);

/* Release an iterator; NULL is a no-op. */
ATRACK_EXTERN void atrack_iter_free(atrack_iter *it);

/* The kind of rows an iterator yields. */
ATRACK_EXTERN atrack_kind atrack_iter_kind(const atrack_iter *it);

#ifdef __cplusplus
}
#endif

/* The rest of the interface, one part per area. */
#include "atrack/entity.h"
#include "atrack/exchange.h"
#include "atrack/import.h"
#include "atrack/maint.h"
#include "atrack/report.h"
#include "atrack/search.h"
#include "atrack/tracking.h"

#endif /* ATRACK_H */
