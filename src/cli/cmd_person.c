/*
 * cmd_person.c - `atrack person`: the people who take part in meetings.
 * The verbs are the shared ones of noun.c (list takes --party); show adds
 * the person's roles at meetings (cmd_participant.c).
 */
#include "cli.h"

static const char *const columns[] = { "id", "slug", "name", "party_slug", NULL };

static const cli_noun noun = {
	"person", ATRACK_KIND_PERSON, "people",
	"People who take part in meetings, and the party they represent.",
	columns, NULL, cli_show_person_participants,
	"Their roles at meetings: see 'atrack participant --help'.\n"
};

int cmd_person(cli_ctx *ctx, int argc, char **argv)
{
	return cli_noun_run(ctx, &noun, argc, argv);
}
