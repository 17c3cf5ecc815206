/*
 * cmd_backup.c - `atrack backup FILE`: an online, consistent copy of the
 * database, safe while other processes write to it.
 */
#include "cli.h"

int cmd_backup(cli_ctx *ctx, int argc, char **argv)
{
	static const cli_usage usage = {
		"backup", "FILE",
		"Copy the database to FILE while it stays in use: one consistent\n"
		"snapshot, checked to open before it replaces FILE.",
		1, 1, CLI_NEEDS_DB | CLI_READS
	};
	const cli_opt opts[] = { CLI_OPT_END };
	char **args;
	int nargs;
	int rc = cli_start(ctx, argc, argv, opts, &usage, &args, &nargs);
	if (rc != CLI_CONTINUE)
		return rc;
	int lib_rc = atrack_backup(ctx->db, args[0]);
	if (lib_rc != ATRACK_OK)
		return cli_fail_lib(ctx, lib_rc, "backup");
	if (ctx->json)
		return cli_print_json(ctx, json_pack("{s:i, s:o, s:o}", "format_version", 1,
		                                     "database", cli_json_text(ctx->db_path),
		                                     "backup", cli_json_text(args[0])));
	printf("backed up %s to %s\n", ctx->db_path, args[0]);
	return CLI_EXIT_OK;
}
