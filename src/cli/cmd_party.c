/*
 * cmd_party.c - `atrack party`: the countries and organisations of the meetings. The verbs are the shared ones of noun.c;
 * this file says what its list shows.
 */
#include "cli.h"

static const char *const columns[] = { "id", "slug", "name", "short_name", "kind", NULL };

static const cli_noun noun = {
	"party", ATRACK_KIND_PARTY, "parties",
	"Countries and organisations: the parties to the meetings, and those named in them.",
	columns, NULL, NULL, NULL
};

int cmd_party(cli_ctx *ctx, int argc, char **argv)
{
	return cli_noun_run(ctx, &noun, argc, argv);
}
