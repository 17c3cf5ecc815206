/*
 * cmd_meeting.c - `atrack meeting`: the meetings of the allies. The verbs
 * are the shared ones of noun.c; show adds who took part
 * (cmd_participant.c).
 */
#include "cli.h"

static const char *const columns[] = {
	"id", "slug", "start_date", "short_kind", "ordinal", "name", NULL
};

static const cli_noun noun = {
	"meeting", ATRACK_KIND_MEETING, "meetings",
	"Meetings of the allies: their kind, ordinal, dates and place.",
	columns, NULL, cli_show_meeting_participants,
	"Who took part, and in which role: see 'atrack participant --help'.\n"
};

int cmd_meeting(cli_ctx *ctx, int argc, char **argv)
{
	return cli_noun_run(ctx, &noun, argc, argv);
}
