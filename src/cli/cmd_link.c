/*
 * cmd_link.c - `atrack link KIND REF KIND REF` and `atrack unlink ...`:
 * link an initiative with a framework, party, exercise, document or focus
 * area, a framework with a focus area, a meeting with a document (in
 * either order), or remove such a link.
 */
#include "cli.h"

#include <string.h>

static const char links_help[] =
	"Links: initiative with framework, party, exercise, document or focus-area;\n"
	"framework with focus-area; meeting with document. Either order works.";

/* Turn KIND REF into a kind and an id. */
static int resolve_thing(cli_ctx *ctx, const char *kind_name, const char *ref,
                         atrack_kind *kind, int64_t *id)
{
	if (atrack_kind_from_name(kind_name, kind) != ATRACK_OK)
		return cli_fail(ctx, CLI_EXIT_USAGE, "%s: '%s' is not a kind of thing (initiative, "
		                "framework, party, exercise, document, focus-area, meeting)",
		                ctx->command, kind_name);
	int rc = cli_resolve(ctx, *kind, ref, id);
	if (rc != ATRACK_OK)
		return cli_fail_lib(ctx, rc, NULL);
	return CLI_CONTINUE;
}

static int run(cli_ctx *ctx, int argc, char **argv, bool linking)
{
	const cli_usage usage = {
		linking ? "link" : "unlink", "KIND REF KIND REF",
		linking ? "Link two things." : "Remove the link between two things.", 4, 4,
		CLI_NEEDS_DB
	};
	const cli_opt opts[] = { CLI_OPT_END };
	char **args;
	int nargs;
	if (argc > 1 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0))
		printf("%s\n\n", links_help);
	int rc = cli_start(ctx, argc, argv, opts, &usage, &args, &nargs);
	if (rc != CLI_CONTINUE)
		return rc;
	atrack_kind k1, k2;
	int64_t id1, id2;
	rc = resolve_thing(ctx, args[0], args[1], &k1, &id1);
	if (rc == CLI_CONTINUE)
		rc = resolve_thing(ctx, args[2], args[3], &k2, &id2);
	if (rc != CLI_CONTINUE)
		return rc;
	int lrc = linking ? atrack_link(ctx->db, k1, id1, k2, id2)
	                  : atrack_unlink(ctx->db, k1, id1, k2, id2);
	if (lrc != ATRACK_OK)
		return cli_fail_lib(ctx, lrc, linking ? "cannot link" : "cannot unlink");
	if (ctx->json)
		return cli_print_json(ctx, json_pack("{s:i, s:[{s:s, s:I}, {s:s, s:I}]}",
		                      "format_version", 1, linking ? "linked" : "unlinked",
		                      "kind", atrack_kind_name(k1), "id", (json_int_t)id1,
		                      "kind", atrack_kind_name(k2), "id", (json_int_t)id2));
	cli_line("%s %s %s %s %s %s", linking ? "linked" : "unlinked", atrack_kind_name(k1),
	       args[1], linking ? "and" : "from", atrack_kind_name(k2), args[3]);
	return CLI_EXIT_OK;
}

int cmd_link(cli_ctx *ctx, int argc, char **argv)
{
	return run(ctx, argc, argv, true);
}

int cmd_unlink(cli_ctx *ctx, int argc, char **argv)
{
	return run(ctx, argc, argv, false);
}
