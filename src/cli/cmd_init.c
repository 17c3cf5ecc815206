/*
 * cmd_init.c - `atrack init`: create the database (or bring an existing one
 * up to date) and say where it is.
 */
#include "cli.h"

int cmd_init(cli_ctx *ctx, int argc, char **argv)
{
	static const cli_usage usage = {
		"init", NULL,
		"Create the database, or bring an existing one's schema up to date.",
		0, 0, CLI_NEEDS_DB
	};
	const cli_opt opts[] = { CLI_OPT_END };
	char **args;
	int nargs;
	int rc = cli_start(ctx, argc, argv, opts, &usage, &args, &nargs);
	if (rc != CLI_CONTINUE)
		return rc;
	/* cli_start opened (so created and migrated) the database already. */
	if (ctx->json) {
		json_t *j = json_pack("{s:i, s:o, s:i}", "format_version", 1,
		                      "database", cli_json_text(ctx->db_path),
		                      "schema_version", atrack_schema_version());
		return cli_print_json(ctx, j);
	}
	printf("initialised %s (schema version %d)\n", ctx->db_path, atrack_schema_version());
	return CLI_EXIT_OK;
}
