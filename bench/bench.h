/*
 * bench.h - what the files of atrack-bench share: the options, the result
 * rows of the table, timing and memory probes, the deterministic fact sheet
 * and note generator, and the plain-SQLite helpers the baselines use.
 */
#ifndef ATRACK_BENCH_H
#define ATRACK_BENCH_H

#include <atrack.h>
#include <sqlite3.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct bench_opts {
	long updates;      /* progress updates in the big history (scenarios 3-8) */
	long initiatives;  /* initiatives those updates are spread over */
	long sheets;       /* generated fact sheets imported by scenario 2 */
	long parse_runs;   /* parses of the bundled sheet in scenario 1 */
	long reps;         /* repetitions of the cheap, repeatable measurements */
	const char *dir;   /* where the databases go */
	uint64_t seed;
} bench_opts;

extern bench_opts opt;

/* One line of the table. Times are seconds; a negative one prints "-". */
typedef struct bench_row {
	const char *name;
	double atrack;       /* seconds, or a rate when `unit` is set */
	double plain;
	double bare;         /* the bare-insert floor; < 0 when none */
	double target;       /* ratio atrack/plain must be <= target; 0: none */
	long peak_kb;        /* atrack's peak RSS in KiB; < 0 unknown */
	const char *unit;    /* NULL: times; "MB/s": a rate */
	const char *note;    /* shown after the row, or NULL */
} bench_row;

/* Print a row (and remember whether it missed its target). */
void row_print(const bench_row *r);
void row_pending(const char *name, const char *why);
/* Record a missed target that is not a ratio (memory). */
void mark_missed(void);

/* ---- Probes -------------------------------------------------------------- */

double now_s(void);                 /* CLOCK_MONOTONIC, seconds */
void mem_reset(void);               /* start a new peak-RSS window */
long mem_peak_kb(void);             /* peak RSS since mem_reset, KiB */
double median(double *v, size_t n); /* sorts v */
void die(const char *fmt, ...);
void check_atrack(atrack_db *db, int rc, const char *what);

/* ---- Generator ----------------------------------------------------------- */

typedef struct rng { uint64_t s; } rng;
uint64_t rng_next(rng *r);
size_t rng_below(rng *r, size_t n);

/* Fact sheet number `index` of a series: a distinct meeting (kind and
 * ordinal), its principals, and `items` initiatives under a few lines of
 * effort, naming frameworks, exercises and focus areas from word pools.
 * Deterministic in (seed, index). Returns a malloc'd string and its length. */
char *gen_factsheet(uint64_t seed, long index, int items, size_t *out_len);
/* A note of a progress update, ~60-120 bytes of words; into buf[256]. */
void gen_note(rng *r, char buf[256]);
/* A word that notes contain, for search queries. */
const char *gen_note_word(size_t i);
size_t gen_note_word_count(void);
/* "YYYY-MM-DD" of day `day` after 2025-01-01 into buf[11]. */
void gen_date(long day, char buf[11]);

/* ---- Plain SQLite -------------------------------------------------------- */

/* Open `path` with the pragmas atrack uses: WAL, synchronous=FULL,
 * foreign keys on, temporary files (statement journals) in memory. */
sqlite3 *plain_open(const char *path);
void plain_exec(sqlite3 *db, const char *sql);
sqlite3_stmt *plain_prepare(sqlite3 *db, const char *sql);
/* Step a statement once more (one that returns no row) and reset it. */
void plain_step_done(sqlite3 *db, sqlite3_stmt *stmt);
/* Reset a statement already stepped to its last row. Never step it again
 * instead: after SQLITE_DONE a step reruns the whole query. */
void plain_reset(sqlite3 *db, sqlite3_stmt *stmt);
int64_t plain_int(sqlite3 *db, const char *sql);
/* Copy the database at `from` to `to` (VACUUM INTO); with drop_triggers,
 * drop every trigger in the copy: the same schema and rows, with nothing
 * done behind the writer's back. */
void plain_copy(const char *from, const char *to, bool drop_triggers);
void remove_db(const char *path);
/* "YYYY-MM-DDTHH:MM:SS.sssZ" now, as atrack and SQLite's strftime write it. */
void iso_now(char buf[25]);
/* Append `s` as a JSON string (quoted, escaped) to buf at *len. */
void bench_json_string(char *buf, size_t cap, size_t *len, const char *s);

/* ---- Fixtures shared by scenarios ----------------------------------------- */

/* The path of a file in the work directory into buf. */
const char *work_path(char *buf, size_t cap, const char *fmt, ...);
/* A fresh atrack database at `path` with `initiatives` initiatives imported
 * from generated fact sheets (10 items each). */
void fixture_initiatives(const char *path, long initiatives);
/* Ids of all initiatives of the database, malloc'd. */
int64_t *initiative_ids(sqlite3 *db, long *count);

#endif
