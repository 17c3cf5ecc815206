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
	atrack_db *db;        /* opened by main for commands that need it */
	const char *command;  /* "init", "update add", ... for messages */
} cli_ctx;

typedef enum cli_opt_kind {
	CLI_FLAG,   /* bool *target */
	CLI_STRING, /* const char **target */
	CLI_INT     /* long *target; must be a whole number */
} cli_opt_kind;

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

/* The command works on the database: cli_parse opens it (ctx->db) once the
 * command line is known to be right. */
#define CLI_NEEDS_DB 0x1u

/*
 * Parse argv[1..argc-1] (argv[0] is the command name) against `opts` and the
 * global options (--db, --json, --author), which every command accepts.
 * Positional arguments are moved to the front of argv: on CLI_CONTINUE,
 * *out_args points to them and *out_nargs counts them. Returns CLI_CONTINUE,
 * CLI_EXIT_OK after printing --help, or CLI_EXIT_USAGE after a message.
 */
int cli_parse(cli_ctx *ctx, int argc, char **argv, const cli_opt *opts,
              const cli_usage *usage, char ***out_args, int *out_nargs);

/* Resolve the database path (--db, $ATRACK_DB, $XDG_DATA_HOME/atrack/
 * atrack.db, ~/.local/share/atrack/atrack.db), create its directory, and
 * open it into ctx->db. Returns CLI_CONTINUE or an exit code after a
 * message. */
int cli_open_db(cli_ctx *ctx);

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
void cli_table_free(cli_table *t);

/* Display width of a UTF-8 string in terminal columns. */
size_t cli_display_width(const char *s);

/* ---- Commands ------------------------------------------------------------ */

int cmd_backup(cli_ctx *ctx, int argc, char **argv);
int cmd_check(cli_ctx *ctx, int argc, char **argv);
int cmd_export(cli_ctx *ctx, int argc, char **argv);
int cmd_import(cli_ctx *ctx, int argc, char **argv);
int cmd_init(cli_ctx *ctx, int argc, char **argv);

/* `atrack import --format json FILE` (cmd_export.c). */
int cli_import_json(cli_ctx *ctx, const char *path, bool dry_run, bool keep_existing);

#endif /* ATRACK_CLI_H */
