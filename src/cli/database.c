/*
 * database.c - which database a command works on and opening it: --db,
 * else $ATRACK_DB, else $XDG_DATA_HOME/atrack/atrack.db, else
 * ~/.local/share/atrack/atrack.db (its folder made, private to the user).
 * cli_start is the start of every command: its command line parsed
 * (opts.c), then the database opened when the command needs one.
 */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* mkdir -p for the directory part of `path`, private to the user. */
static int make_parent_dirs(cli_ctx *ctx, const char *path)
{
	char *copy = strdup(path);
	if (!copy)
		return cli_fail(ctx, CLI_EXIT_FAILURE, "out of memory");
	for (char *p = copy + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(copy, 0700) != 0 && errno != EEXIST) {
			int rc = cli_fail(ctx, CLI_EXIT_FAILURE, "cannot create directory '%s': %s",
			                  copy, strerror(errno));
			free(copy);
			return rc;
		}
		*p = '/';
	}
	free(copy);
	return CLI_CONTINUE;
}

/* Kept for the program's lifetime: ctx->db_path may point into it. */
static char default_path[4096];

static int resolve_db_path(cli_ctx *ctx)
{
	if (ctx->db_path_given && ctx->db_path)
		return CLI_CONTINUE;
	const char *env = getenv("ATRACK_DB");
	if (env && *env) {
		ctx->db_path = env;
		return CLI_CONTINUE;
	}
	const char *data_home = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	int n;
	if (data_home && data_home[0] == '/')
		n = snprintf(default_path, sizeof default_path, "%s/atrack/atrack.db", data_home);
	else if (home && *home)
		n = snprintf(default_path, sizeof default_path, "%s/.local/share/atrack/atrack.db", home);
	else
		return cli_fail(ctx, CLI_EXIT_USAGE, "no database: give --db PATH or set ATRACK_DB "
		                "(neither XDG_DATA_HOME nor HOME is set)");
	if (n < 0 || (size_t)n >= sizeof default_path)
		return cli_fail(ctx, CLI_EXIT_USAGE, "database path too long");
	ctx->db_path = default_path;
	return make_parent_dirs(ctx, default_path);
}

int cli_open_db(cli_ctx *ctx)
{
	int rc = resolve_db_path(ctx);
	if (rc != CLI_CONTINUE)
		return rc;
	int lib_rc = atrack_open(ctx->db_path, ATRACK_OPEN_CREATE, &ctx->db);
	/* A read needs no write access: open what cannot be written for
	 * reading, and say so once. */
	if (lib_rc == ATRACK_READONLY && ctx->reads_only) {
		atrack_close(ctx->db);
		ctx->db = NULL;
		lib_rc = atrack_open(ctx->db_path, ATRACK_OPEN_READONLY, &ctx->db);
		if (lib_rc == ATRACK_OK)
			fprintf(stderr, "atrack: note: '%s' cannot be written by this user: "
			        "opened read-only\n", ctx->db_path);
	}
	/* A bad --author is not a fault of the database: say only what it is. */
	if (lib_rc == ATRACK_OK && ctx->author &&
	    (lib_rc = atrack_set_author(ctx->db, ctx->author)) != ATRACK_OK)
		return cli_fail_lib(ctx, lib_rc, NULL);
	if (lib_rc != ATRACK_OK) {
		if (!ctx->db)
			return cli_fail(ctx, CLI_EXIT_FAILURE, "cannot open database: %s",
			                atrack_errstr(lib_rc));
		return cli_fail_lib(ctx, lib_rc, "cannot open database");
	}
	return CLI_CONTINUE;
}

int cli_start(cli_ctx *ctx, int argc, char **argv, const cli_opt *opts,
              const cli_usage *usage, char ***out_args, int *out_nargs)
{
	int rc = cli_parse(ctx, argc, argv, opts, usage, out_args, out_nargs);
	ctx->reads_only = usage->flags & CLI_READS;
	if (rc == CLI_CONTINUE && (usage->flags & CLI_NEEDS_DB))
		rc = cli_open_db(ctx);
	return rc;
}
