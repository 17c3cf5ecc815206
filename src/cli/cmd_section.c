/*
 * cmd_section.c - `atrack section`: the lines of effort that group initiatives. The verbs are the shared ones of noun.c;
 * this file says what its list shows.
 */
#include "cli.h"

static const char *const columns[] = { "id", "slug", "position", "title", NULL };

static const cli_noun noun = {
	"section", ATRACK_KIND_SECTION, "sections",
	"Sections: the lines of effort of a fact sheet, which group its initiatives.",
	columns, NULL, NULL, NULL
};

int cmd_section(cli_ctx *ctx, int argc, char **argv)
{
	return cli_noun_run(ctx, &noun, argc, argv);
}
