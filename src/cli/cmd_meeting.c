/*
 * cmd_meeting.c - `atrack meeting`: the meetings of the allies. The verbs
 * are the shared ones of noun.c; show adds who took part.
 */
#include "cli.h"

static const char *const columns[] = {
	"id", "slug", "start_date", "short_kind", "ordinal", "name", NULL
};

static int show_participants(cli_ctx *ctx, int64_t id, json_t *doc)
{
	return cli_show_participants(ctx, ATRACK_KIND_MEETING, id, doc);
}

static const cli_noun noun = {
	"meeting", ATRACK_KIND_MEETING, "meetings",
	"Meetings of the allies: their kind, ordinal, dates and place.",
	columns, NULL, show_participants,
	"Who took part, and in which role: see 'atrack participant --help'.\n"
};

int cmd_meeting(cli_ctx *ctx, int argc, char **argv)
{
	return cli_noun_run(ctx, &noun, argc, argv);
}
