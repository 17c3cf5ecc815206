/*
 * cmd_participant.c - `atrack participant`: a person's role at a meeting
 * (who took part, in which role, for which party). The verbs are the shared
 * ones of noun.c; `meeting show` and `person show` list the roles too,
 * through the show_more functions here.
 */
#include "cli.h"

static const char *const columns[] = {
	"id", "meeting_slug", "person_slug", "person_name", "role", "party_slug", NULL
};

static const cli_noun noun = {
	"participant", ATRACK_KIND_PARTICIPANT, "participants",
	"Participants: who took part in a meeting, in which role, for which party.",
	columns, NULL, NULL,
	"Add one with: atrack participant add --meeting M --person P [--role R] [--party P]\n"
	"A participant has no slug: show, edit and rm take its id.\n"
};

int cmd_participant(cli_ctx *ctx, int argc, char **argv)
{
	return cli_noun_run(ctx, &noun, argc, argv);
}

int cli_show_participants(cli_ctx *ctx, atrack_kind of_kind, int64_t id, json_t *doc)
{
	atrack_list_opts opts = ATRACK_LIST_OPTS_INIT;
	opts.of_kind = of_kind;
	opts.of_id = id;
	atrack_iter *it = NULL;
	int rc = atrack_participant_list(ctx->db, &opts, &it);
	if (rc != ATRACK_OK)
		return cli_fail_lib(ctx, rc, "cannot list participants");
	json_t *array = doc ? json_array() : NULL;
	static const char *const headers[] = { "participant", "who", "role", "party" };
	cli_table *table = doc ? NULL : cli_table_new(4, headers);
	size_t rows = 0;
	while ((rc = atrack_iter_next(it)) == ATRACK_OK) {
		const atrack_participant *p = atrack_iter_participant(it);
		if (array) {
			json_array_append_new(array, cli_entity_json(ATRACK_KIND_PARTICIPANT, p));
			continue;
		}
		char number[32];
		snprintf(number, sizeof number, "#%lld", (long long)p->id);
		const char *cells[] = {
			number, of_kind == ATRACK_KIND_MEETING ? p->person_name : p->meeting_slug,
			p->role ? p->role : "-", p->party_slug ? p->party_slug : "-"
		};
		cli_table_row(table, cells);
		rows++;
	}
	atrack_iter_free(it);
	return cli_finish_part(ctx, rc, doc, "participants", array, table, rows,
	                       "cannot list participants");
}

int cli_show_meeting_participants(cli_ctx *ctx, int64_t id, json_t *doc)
{
	return cli_show_participants(ctx, ATRACK_KIND_MEETING, id, doc);
}

int cli_show_person_participants(cli_ctx *ctx, int64_t id, json_t *doc)
{
	return cli_show_participants(ctx, ATRACK_KIND_PERSON, id, doc);
}
