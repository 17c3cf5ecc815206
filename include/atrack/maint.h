/*
 * atrack/maint.h - part of the public interface of libatrack, included by
 * atrack.h (include that, not this): keeping a database sound: an online
 * backup, and a check of its integrity and of atrack's invariants.
 */
#ifndef ATRACK_MAINT_H
#define ATRACK_MAINT_H

#ifndef ATRACK_H
#error "include <atrack.h>, not <atrack/maint.h>"
#endif

#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Copy the database to `path` while it stays in use, through SQLite's
 * online backup API. The copy is one consistent snapshot: it is read
 * under one read transaction, which in WAL mode does not block other
 * processes' writes (they go on; the copy does not see them). Pages are
 * copied in batches, waiting and retrying while the source is locked. The
 * copy is written to a temporary file in the folder of `path`, checked to
 * open as an atrack database that passes PRAGMA quick_check, and only then
 * renamed over `path` (with the rules of atrack_outfile_open below, except
 * that only a regular file is written: a device or FIFO is refused) and
 * checked again there; on failure nothing is left behind. A -wal, -shm or
 * -journal that a killed process left beside `path` is removed first (SQLite
 * would replay it onto the copy); if a live process has `path` open, the
 * backup is refused. The copy is created 0600 less the umask.
 *
 * Returns ATRACK_OK; ATRACK_IO (cannot create or rename the file);
 * ATRACK_INVALID (`path` is the database itself or one of its journals, or
 * not a regular file); ATRACK_BUSY (locked past the busy timeout, or `path`
 * is a database in use); ATRACK_CORRUPT (the copy failed its check);
 * ATRACK_NOMEM; ATRACK_MISUSE. A caller holding a transaction
 * (atrack_begin) gets a copy of what it has committed, read through a
 * second connection; for an in-memory database that is ATRACK_MISUSE.
 */
ATRACK_EXTERN int atrack_backup(atrack_db *db, const char *path);

/* A problem atrack_check found. Every string is borrowed for the call of
 * the callback (O2). */
typedef enum atrack_severity {
	ATRACK_SEVERITY_ERROR = 1, /* the database is not sound */
	ATRACK_SEVERITY_NOTE = 2   /* worth knowing, not wrong */
} atrack_severity;

typedef struct atrack_problem {
	const char *check;    /* the check's name: "integrity", "foreign_keys", ... */
	atrack_severity severity;
	const char *table;    /* the table of the row at fault, or NULL */
	int64_t row_id;       /* its id, or 0 */
	const char *message;  /* what is wrong, in English */
} atrack_problem;

/* Called once per problem; a non-zero return stops the check, and
 * atrack_check returns that value. */
typedef int (*atrack_problem_cb)(const atrack_problem *problem, void *payload);

/*
 * Check that the database is sound, in one read transaction. The checks,
 * in order (the `check` names):
 *   integrity       PRAGMA integrity_check finds the file undamaged;
 *   foreign_keys    PRAGMA foreign_key_check finds no row referring to a
 *                   missing one;
 *   slugs           every slug and status code is well formed and unique
 *                   (computed without the indexes);
 *   current_status  each initiative's current status (the table
 *                   initiative_status, kept by triggers) names, and holds
 *                   the fields of, its latest update computed from the
 *                   whole history without the index, and no such row
 *                   is kept for a missing initiative;
 *   terminal        no update leaves a terminal status (completed,
 *                   cancelled) without is_reopen;
 *   has_updates     a note, not an error, for an initiative without any
 *                   progress update (one added by hand and never updated);
 *   search_index    the search index holds what the tables hold;
 *   text            every text value is valid UTF-8 (the audit log too).
 *
 * cb, payload  called for each problem; cb may be NULL to only learn
 *              whether the database is sound.
 *
 * Returns ATRACK_OK when no check found an error (notes allowed);
 * ATRACK_CORRUPT when one did (the message gives the count and the
 * first); the non-zero value cb returned; ATRACK_BUSY, ATRACK_NOMEM,
 * ATRACK_MISUSE.
 */
ATRACK_EXTERN int atrack_check(atrack_db *db, atrack_problem_cb cb, void *payload);

/*
 * A file replaced whole and safely, for output the caller renders itself
 * (the library's own writers, atrack_export_path and atrack_backup, follow
 * the same rules). atrack_outfile_open makes ready to write `path` and sets
 * *out and *out_stream (the stream to write; do not fclose it).
 *
 * A regular or missing file is written to a temporary "PATH.tmp-XXXXXX"
 * beside it, created with mode 0666 less the umask and locked while it is
 * written, and renamed over `path` by atrack_outfile_close(db, file, 1);
 * a temporary file a killed process left is removed by the next writer. A
 * symlink is followed: its target is replaced and the link stays (a
 * dangling one gives ATRACK_NOTFOUND). A character device or FIFO
 * (/dev/null, a pipe) is written in place, never replaced. Refused with
 * ATRACK_INVALID: the database of `db` itself, its -wal, -shm or -journal,
 * a socket, a block device; with ATRACK_IO, a directory.
 *
 * atrack_outfile_close(db, file, 0) throws the work away (returns
 * ATRACK_OK); with keep non-zero it flushes the file to disk and puts it in
 * place, returning ATRACK_OK or ATRACK_IO (nothing then left behind).
 * It frees `file` either way; NULL is a no-op.
 */
typedef struct atrack_outfile atrack_outfile;
ATRACK_EXTERN int atrack_outfile_open(atrack_db *db, const char *path, atrack_outfile **out,
                                      FILE **out_stream);
ATRACK_EXTERN int atrack_outfile_close(atrack_db *db, atrack_outfile *file, int keep);

#ifdef __cplusplus
}
#endif

#endif /* ATRACK_MAINT_H */
