/*
 * testutil.h - helpers shared by the Check test programs: fresh databases,
 * scratch directories, whole-file reads and writes, and running the atrack
 * program with its output captured.
 */
#ifndef ATRACK_TESTUTIL_H
#define ATRACK_TESTUTIL_H

#include "atrack.h"

#include <check.h>
#include <stdbool.h>
#include <stddef.h>

/* A new in-memory database with every migration applied. */
atrack_db *tu_memory_db(void);

/* A new empty directory under $TMPDIR (or /tmp); remove with tu_rmrf. The
 * returned string is malloc'd. */
char *tu_tmpdir(void);
void tu_rmrf(const char *path);
/* "dir/name", malloc'd. */
char *tu_path(const char *dir, const char *name);

/* The whole file, NUL-terminated, malloc'd; *len its size (may be NULL).
 * Fails the test when the file cannot be read. */
char *tu_read_file(const char *path, size_t *len);
void tu_write_file(const char *path, const char *data, size_t len);
/* A file of the source tree, e.g. "data/us-rok-scm56-2024-fact-sheet.txt". */
char *tu_read_source(const char *relative, size_t *len);

/* Result of running the atrack program. */
typedef struct tu_run {
	int status;   /* exit status; -1 when it did not exit normally */
	char *out;    /* stdout, malloc'd */
	char *err;    /* stderr, malloc'd */
} tu_run;

/* Run the built atrack program with `argv` (NULL-terminated, without the
 * program name) and `input` on stdin (NULL for none). */
tu_run tu_atrack(const char *input, const char *const *argv);

/* How tu_atrack_ex runs the program. */
typedef struct tu_run_opts {
	bool unprivileged;     /* when root, run as nobody (65534), so file
	                          permissions apply as to an ordinary user */
	long file_size_limit;  /* bytes (RLIMIT_FSIZE), 0 for none: a full disk */
} tu_run_opts;
tu_run tu_atrack_ex(const char *input, const char *const *argv, const tu_run_opts *opts);
/* Whether the user the unprivileged cases run as (when root) can reach
 * `path`: a case that cannot prints why and skips. The program itself is
 * staged where that user can run it. */
bool tu_unprivileged_reaches(const char *path);
void tu_run_free(tu_run *run);

/* Run a single SQL query on `db` returning one integer (test inspection
 * of internals through the library's connection). */
long long tu_query_int(atrack_db *db, const char *sql);
/* The same, for one text value; malloc'd copy or NULL for SQL NULL. */
char *tu_query_text(atrack_db *db, const char *sql);

/* SQL text with its comments removed and its whitespace folded: runs of
 * spaces, tabs, newlines and comments become one space, and none is kept
 * next to '(', ')', ',' or ';' or at either end. Quoted text ('...', "...",
 * `...`, [...]) is kept byte for byte. Two statements that differ only in
 * layout and comments give the same result. malloc'd. */
char *tu_sql_normalise(const char *sql);

/* Every row of every table, in a stable order, as text: compare two dumps
 * to prove a failed call left the database exactly as it was. malloc'd. */
char *tu_db_dump(atrack_db *db);

/* Call attempt(db, payload) with the Nth allocation of the library failing,
 * for N = 0, 1, 2, ... until it stops returning ATRACK_NOMEM; after each
 * ATRACK_NOMEM the database must be exactly as it was. Returns the final
 * result code and sets *out_n to the number of tries. SQLite's own
 * allocations are not counted. */
int tu_until_memory_suffices(atrack_db *db, int (*attempt)(atrack_db *db, void *payload),
                             void *payload, long *out_n);

/* Run the suite; returns the process exit status. */
int tu_run_suite(Suite *suite);

#endif /* ATRACK_TESTUTIL_H */
