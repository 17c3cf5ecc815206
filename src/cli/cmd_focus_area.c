/*
 * cmd_focus_area.c - `atrack focus-area`: areas of work of frameworks and initiatives. The verbs are the shared ones of noun.c;
 * this file says what its list shows.
 */
#include "cli.h"

static const char *const columns[] = { "id", "slug", "name", "kind", NULL };

static const cli_noun noun = {
	"focus-area", ATRACK_KIND_FOCUS_AREA, "focus_areas",
	"Areas of work: focus areas of frameworks, and technology areas.",
	columns, NULL, NULL, NULL
};

int cmd_focus_area(cli_ctx *ctx, int argc, char **argv)
{
	return cli_noun_run(ctx, &noun, argc, argv);
}
