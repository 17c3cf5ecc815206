/*
 * cmd_framework.c - `atrack framework`: the frameworks, bodies and programmes the allies set up or take part in. The verbs are the shared ones of noun.c;
 * this file says what its list shows.
 */
#include "cli.h"

static const char *const columns[] = { "id", "slug", "acronym", "name", "kind", NULL };

static const cli_noun noun = {
	"framework", ATRACK_KIND_FRAMEWORK, "frameworks",
	"Frameworks, bodies and programmes the allies set up or take part in.",
	columns, NULL, NULL, NULL
};

int cmd_framework(cli_ctx *ctx, int argc, char **argv)
{
	return cli_noun_run(ctx, &noun, argc, argv);
}
