/*
 * cmd_exercise.c - `atrack exercise`: named military exercises. The verbs are the shared ones of noun.c;
 * this file says what its list shows.
 */
#include "cli.h"

static const char *const columns[] = { "id", "slug", "name", NULL };

static const cli_noun noun = {
	"exercise", ATRACK_KIND_EXERCISE, "exercises",
	"Named military exercises.",
	columns, NULL, NULL, NULL
};

int cmd_exercise(cli_ctx *ctx, int argc, char **argv)
{
	return cli_noun_run(ctx, &noun, argc, argv);
}
