/*
 * cli.h - what the files of the atrack program share: the exit codes, the
 * per-invocation context, the declarative option parser, the output helpers
 * (aligned tables, JSON, error lines), and the command functions that
 * main.c's table dispatches to. The program uses only the public API.
 */
#ifndef ATRACK_CLI_H
#define ATRACK_CLI_H

#include "atrack.h"

#include <stdbool.h>
#include <stdio.h>

#include <jansson.h>

#if defined(__GNUC__)
#  define CLI_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#  define CLI_PRINTF(f, a)
#endif

/* Exit codes: one table, documented in `atrack --help` and the README. */
enum cli_exit {
	CLI_EXIT_OK = 0,       /* success */
	CLI_EXIT_FAILURE = 1,  /* runtime failure: I/O, out of memory, other */
	CLI_EXIT_USAGE = 2,     /* bad command line */
	CLI_EXIT_NOTFOUND = 3,  /* no such initiative, meeting, file, ... */
	CLI_EXIT_INVALID = 4,   /* input rejected: bad field, parse error, transition */
	CLI_EXIT_CONFLICT = 5,  /* already exists, or still referred to */
	CLI_EXIT_BUSY = 6,      /* database locked by others past the timeout */
	CLI_EXIT_REFUSED = 7    /* not an atrack database, too new, read-only, corrupt */
};

/* Returned by cli_parse when the command should go on. */
#define CLI_CONTINUE (-1)

typedef struct cli_ctx {
	const char *db_path;  /* resolved by main before a command runs */
	const char *author;   /* --author, or NULL */
	bool json;            /* --json */
	bool db_path_given;   /* --db on the command line */
	bool reads_only;      /* the command only reads (CLI_READS) */
	atrack_db *db;        /* opened by main for commands that need it */
	const char *command;  /* "init", "update add", ... for messages */
} cli_ctx;

typedef enum cli_opt_kind {
	CLI_FLAG,   /* bool *target */
	CLI_STRING, /* const char **target; given at most once */
	CLI_INT,    /* long *target; a whole number, given at most once */
	CLI_LIST,   /* cli_values *target: repeated or comma-separated values
	               (codes), each kept: a filter that means "any of" */
	CLI_NAMES   /* cli_values *target: repeated values, each kept whole (a
	               name may hold a comma): "any of" */
} cli_opt_kind;

/* The values of a CLI_LIST or CLI_NAMES option, in the order given; they
 * point into argv. */
#define CLI_VALUES_MAX 32
typedef struct cli_values {
	int n;
	const char *v[CLI_VALUES_MAX];
} cli_values;

/* Whether `s` is one of `values` (byte for byte). */
bool cli_values_has(const cli_values *values, const char *s);

/* Which rows of a listing the program keeps itself, for a filter the
 * library takes one value of ("any of" several status codes): `keep` says
 * whether a row stays, and `offset`/`limit` (0: none) page what stays.
 * keep NULL keeps every row. */
typedef struct cli_row_keep {
	bool (*keep)(const void *row, const void *ctx);
	const void *ctx;
	long offset, limit;
} cli_row_keep;

typedef struct cli_opt {
	const char *name;   /* long name without "--"; NULL ends the table */
	char short_name;    /* 0 for none */
	cli_opt_kind kind;
	void *target;
	const char *arg;    /* argument name in help: "PATH" */
	const char *help;
} cli_opt;

#define CLI_OPT_END { NULL, 0, CLI_FLAG, NULL, NULL, NULL }

typedef struct cli_usage {
	const char *name;     /* "update add" */
	const char *synopsis; /* "INITIATIVE --status CODE [options]" */
	const char *summary;  /* one line */
	int min_args;
	int max_args;         /* -1 for no limit */
	unsigned int flags;   /* CLI_NEEDS_DB */
} cli_usage;

/* The command works on the database: cli_start opens it (ctx->db) once
 * the command line is known to be right. */
#define CLI_NEEDS_DB 0x1u
/* The command only reads: a database this user cannot write (its mode,
 * its folder, a read-only disk) is then opened read-only, with a note on
 * stderr, instead of refused. */
#define CLI_READS 0x2u

/*
 * Parse argv[1..argc-1] (argv[0] is the command name) against `opts` and the
 * global options (--db, --json, --author), which every command accepts.
 * An option of `opts` shadows the global of its name (`log --author` is a
 * filter), and then that global given before the command word is a usage
 * error, not silently dropped nor taken for the filter. A CLI_STRING or
 * CLI_INT option given twice is a usage error. Positional arguments are moved to the front of argv: on CLI_CONTINUE,
 * *out_args points to them and *out_nargs counts them. Returns CLI_CONTINUE,
 * CLI_EXIT_OK after printing --help, or CLI_EXIT_USAGE after a message.
 */
int cli_parse(cli_ctx *ctx, int argc, char **argv, const cli_opt *opts,
              const cli_usage *usage, char ***out_args, int *out_nargs);

/* Resolve the database path (--db, $ATRACK_DB, $XDG_DATA_HOME/atrack/
 * atrack.db, ~/.local/share/atrack/atrack.db), create its directory, and
 * open it into ctx->db (read-only when it cannot be written and
 * ctx->reads_only). Returns CLI_CONTINUE or an exit code after a
 * message. */
int cli_open_db(cli_ctx *ctx);

/* The start of every command: cli_parse, then cli_open_db when the usage
 * says CLI_NEEDS_DB (database.c). */
int cli_start(cli_ctx *ctx, int argc, char **argv, const cli_opt *opts,
              const cli_usage *usage, char ***out_args, int *out_nargs);

/* Resolve `ref` (slug or id) of `kind` as atrack_resolve does, else as a
 * unique prefix of a slug; when nothing or several match, the nearest
 * slugs go to stderr and the library's NOTFOUND comes back (its message
 * in atrack_errmsg). resolve.c. */
int cli_resolve(cli_ctx *ctx, atrack_kind kind, const char *ref, int64_t *id);

/* ---- Output -------------------------------------------------------------- */

/* `atrack: <message>` on stderr (and a JSON error object on stdout with
 * --json); returns `exit_code` for `return cli_fail(...)`. */
int cli_fail(cli_ctx *ctx, int exit_code, const char *fmt, ...) CLI_PRINTF(3, 4);
/* Report a library failure: atrack_errmsg(db) prefixed by `what`; the exit
 * code comes from the result code. */
int cli_fail_lib(cli_ctx *ctx, int rc, const char *what);
/* The exit code for a library result code. */
int cli_exit_for(int rc);

/* Print `json` on stdout (indented, keys in insertion order) and release
 * it. Returns CLI_EXIT_OK, or CLI_EXIT_FAILURE when memory ran out. */
int cli_print_json(cli_ctx *ctx, json_t *json);

/* An aligned table: add the header, then rows, then print. Cells are
 * copied. Column widths count UTF-8 characters (East Asian wide ones as
 * two); when stdout is a terminal the table is fitted to its width by
 * shortening the widest column with "…". */
typedef struct cli_table cli_table;
cli_table *cli_table_new(int columns, const char *const *headers);
void cli_table_row(cli_table *t, const char *const *cells);
int cli_table_print(cli_table *t, FILE *out);
/* How `t` fits a narrow terminal: drop[c] 0 keeps column c, a higher
 * number is left out sooner (columns 2 and up go before any is cut; 1 only
 * when cutting cannot fit); date columns are never cut. `wide`: never fit.
 * `drop` is borrowed until the table is printed; NULL drops none. */
void cli_table_fit(cli_table *t, const unsigned char *drop, bool wide);
/* Whether the locale (LC_ALL, LC_CTYPE, LANG) is not UTF-8: then every
 * human-readable output is ASCII ("~" for "…", "?" for what it cannot
 * show). */
bool cli_ascii(void);
void cli_table_free(cli_table *t);

/* The one guard of every human-readable output against terminal escapes:
 * a copy of `s` (NULL as "") in which each control character (C0 with TAB
 * and line breaks, DEL, C1) is a space, so text from a database or a fact
 * sheet cannot move the cursor, retitle the window or ring the bell. NULL
 * when memory ran out. Table cells pass through it; so does cli_line. */
char *cli_clean(const char *s);
/* printf a line on stdout through cli_clean (the '\n' is added here). */
void cli_line(const char *fmt, ...) CLI_PRINTF(1, 2);

/* Display width of a UTF-8 string in terminal columns. */
size_t cli_display_width(const char *s);

/* A JSON string of `s`, a byte that is not UTF-8 shown as U+FFFD; NULL
 * only when memory runs out. */
json_t *cli_json_text(const char *s);
/* cli_json_text, or null for NULL. */
json_t *cli_json_string_or_null(const char *s);

/* A listing printed either as a JSON array (with --json) or as an aligned
 * table: begin it, add a row per item (to `json` or `table`, whichever is
 * set), then end it with the iterator, which prints or reports the
 * failure and releases everything. */
typedef struct cli_list {
	const char *key;  /* the JSON document's plural key: "updates" */
	json_t *json;
	cli_table *table;
} cli_list;
void cli_list_begin(cli_ctx *ctx, cli_list *list, const char *key, int columns,
                    const char *const *headers);
/* `rc` is the last atrack_iter_next result; returns the exit code. */
int cli_list_end(cli_ctx *ctx, cli_list *list, atrack_iter *it, int rc);

/* ---- Nouns with verbs ------------------------------------------------------ */

/* One verb of a noun command ("add" of "update"), run with argv[0] the
 * verb. */
typedef struct cli_verb {
	const char *name;
	int (*run)(cli_ctx *ctx, int argc, char **argv);
	const char *summary;
} cli_verb;

/* Run the verb argv[1] of the noun argv[0] from `verbs`; with no verb, or
 * -h/--help, list the verbs (on stderr with exit 2, or on stdout). */
int cli_dispatch_verbs(cli_ctx *ctx, int argc, char **argv,
                       const cli_verb *verbs, size_t count);

/* ---- Nouns ----------------------------------------------------------------- */

/* A noun command (`atrack party ...`): the verbs list, show, add, edit and
 * rm are shared (noun.c) and driven by the library's atrack_fields; a noun
 * says which columns its list shows and may add to list and show. */
typedef struct cli_noun {
	const char *name;      /* the command word: "focus-area" */
	atrack_kind kind;
	const char *plural;    /* the JSON key of a list: "focus_areas" */
	const char *summary;   /* for --help */
	const char *const *columns; /* members the list table shows; NULL ends */
	/* Replaces the shared list verb, or NULL. */
	int (*list)(cli_ctx *ctx, int argc, char **argv, const cli_usage *usage);
	/* Adds to `show` after the members and links: to `doc` with --json,
	 * else printed. Returns CLI_CONTINUE or an exit code. May be NULL. */
	int (*show_more)(cli_ctx *ctx, int64_t id, json_t *doc);
	const char *help_more; /* more --help text, or NULL */
} cli_noun;

int cli_noun_run(cli_ctx *ctx, const cli_noun *noun, int argc, char **argv);

/* A thing of `kind` as a JSON object: "id" then every member, by its
 * name; none is null. NULL when memory ran out. */
json_t *cli_entity_json(atrack_kind kind, const void *row);
/* Print every member of a thing as "name  value" lines. */
void cli_print_members(atrack_kind kind, const void *row);
/* Drain an entity iterator: a table of `columns` (headed by `headers`, or
 * the column names), or with --json an object with format_version, the
 * members of `extra` (taken; may be NULL) and the rows under `plural`. */
/* The table fitted as cli_table_fit says (drop NULL: the priorities of
 * cli_column_priority), and only the rows `keep` keeps (NULL: all). */
/* How soon a narrow terminal drops a list's column of this name (0 never;
 * higher first), for cli_table_fit. */
unsigned char cli_column_priority(const char *column);
int cli_print_rows_fit(cli_ctx *ctx, atrack_iter *it, atrack_kind kind, const char *plural,
                       const char *const *columns, const char *const *headers, json_t *extra,
                       const unsigned char *drop, bool wide, const cli_row_keep *keep);

/* The end of a part of `show` (links, participants) after its iterator
 * stopped with `rc`: the array goes into `doc` under `key` (JSON), or the
 * table is printed after a blank line when it has rows. Frees the table.
 * Returns CLI_CONTINUE, or an exit code after reporting `what`. */
int cli_finish_part(cli_ctx *ctx, int rc, json_t *doc, const char *key, json_t *array,
                    cli_table *table, size_t rows, const char *what);

/* The roles at a meeting, or of a person (of_kind), printed or put in
 * `doc` as "participants". Returns CLI_CONTINUE or an exit code. */
int cli_show_participants(cli_ctx *ctx, atrack_kind of_kind, int64_t id, json_t *doc);
/* The same, as a cli_noun show_more for meetings and for people. */
int cli_show_meeting_participants(cli_ctx *ctx, int64_t id, json_t *doc);
int cli_show_person_participants(cli_ctx *ctx, int64_t id, json_t *doc);

/* The initiative filters, shared by `initiative list` and `status`. */
typedef struct cli_initiative_args {
	const char *section, *framework, *party, *meeting, *health;
	cli_values status;  /* any of these current status codes */
	const char *search, *order, *today;
	long stale_days, limit, offset;
	bool overdue;
} cli_initiative_args;

/* Append the filter options to `opts` (room for 15 more) and end it. */
void cli_initiative_options(cli_initiative_args *a, cli_opt *opts);
/* Fill `f` from the parsed options, and `keep` with what the library
 * cannot filter (several status codes: then `f` is unpaged and `keep`
 * pages). Returns CLI_CONTINUE or an exit code after a message. */
int cli_initiative_filter(cli_ctx *ctx, const cli_initiative_args *a,
                          atrack_initiative_filter *f, cli_row_keep *keep);

/* ---- Progress updates, shared by `update` and `initiative show` ---------- */

#define CLI_UPDATE_COLUMNS 8
extern const char *const cli_update_headers[CLI_UPDATE_COLUMNS];
/* The order a narrow terminal drops those columns in (cli_table_fit). */
extern const unsigned char cli_update_drop[CLI_UPDATE_COLUMNS];
/* An update as a JSON object (stable field names, docs/json-tracking.md). */
json_t *cli_update_json(const atrack_update *u);
/* An update as a row of a table headed by cli_update_headers. */
void cli_update_row(cli_table *table, const atrack_update *u);

/* ---- Commands ------------------------------------------------------------ */

int cmd_backup(cli_ctx *ctx, int argc, char **argv);
int cmd_check(cli_ctx *ctx, int argc, char **argv);
int cmd_document(cli_ctx *ctx, int argc, char **argv);
int cmd_exercise(cli_ctx *ctx, int argc, char **argv);
int cmd_export(cli_ctx *ctx, int argc, char **argv);
int cmd_focus_area(cli_ctx *ctx, int argc, char **argv);
int cmd_framework(cli_ctx *ctx, int argc, char **argv);
int cmd_import(cli_ctx *ctx, int argc, char **argv);
int cmd_init(cli_ctx *ctx, int argc, char **argv);
int cmd_initiative(cli_ctx *ctx, int argc, char **argv);
int cmd_link(cli_ctx *ctx, int argc, char **argv);
int cmd_log(cli_ctx *ctx, int argc, char **argv);
int cmd_meeting(cli_ctx *ctx, int argc, char **argv);
int cmd_participant(cli_ctx *ctx, int argc, char **argv);
int cmd_party(cli_ctx *ctx, int argc, char **argv);
int cmd_person(cli_ctx *ctx, int argc, char **argv);
int cmd_report(cli_ctx *ctx, int argc, char **argv);
int cmd_search(cli_ctx *ctx, int argc, char **argv);
int cmd_section(cli_ctx *ctx, int argc, char **argv);
int cmd_serve(cli_ctx *ctx, int argc, char **argv);
int cmd_status(cli_ctx *ctx, int argc, char **argv);
int cmd_status_code(cli_ctx *ctx, int argc, char **argv);
int cmd_unlink(cli_ctx *ctx, int argc, char **argv);
int cmd_update(cli_ctx *ctx, int argc, char **argv);
int cmd_note(cli_ctx *ctx, int argc, char **argv);

/* `atrack import --format json FILE` (cmd_export.c). */
int cli_import_json(cli_ctx *ctx, const char *path, bool dry_run, bool keep_existing);

#endif /* ATRACK_CLI_H */
