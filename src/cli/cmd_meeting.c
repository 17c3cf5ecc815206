/*
 * cmd_meeting.c - `atrack meeting`: the meetings of the allies. The verbs
 * are the shared ones of noun.c; show adds who took part
 * (cmd_participant.c) and the initiatives announced there.
 */
#include "cli.h"

static const char *const columns[] = {
	"id", "slug", "start_date", "short_kind", "ordinal", "name", NULL
};

/* The initiatives of the meeting, as a table after a blank line, or under
 * "initiatives" in the JSON document. */
static int show_initiatives(cli_ctx *ctx, int64_t id, json_t *doc)
{
	atrack_initiative_filter f = ATRACK_INITIATIVE_FILTER_INIT;
	f.meeting_id = id;
	atrack_iter *it = NULL;
	int rc = atrack_initiative_list(ctx->db, &f, &it);
	if (rc != ATRACK_OK) {
		atrack_iter_free(it);
		return cli_fail_lib(ctx, rc, "cannot list the meeting's initiatives");
	}
	static const char *const headers[] = { "id", "initiative", "status", "health", "title" };
	json_t *array = doc ? json_array() : NULL;
	cli_table *table = doc ? NULL : cli_table_new(5, headers);
	size_t rows = 0;
	while ((rc = atrack_iter_next(it)) == ATRACK_OK) {
		const atrack_initiative *in = atrack_iter_entity(it);
		if (array) {
			json_array_append_new(array, cli_entity_json(ATRACK_KIND_INITIATIVE, in));
		} else {
			char number[24];
			snprintf(number, sizeof number, "%lld", (long long)in->id);
			const char *cells[] = { number, in->slug, in->status ? in->status : "-",
			                        in->health ? in->health : "-", in->title };
			cli_table_row(table, cells);
		}
		rows++;
	}
	atrack_iter_free(it);
	return cli_finish_part(ctx, rc, doc, "initiatives", array, table, rows,
	                       "cannot list the meeting's initiatives");
}

static int show_more(cli_ctx *ctx, int64_t id, json_t *doc)
{
	int rc = cli_show_meeting_participants(ctx, id, doc);
	return rc == CLI_CONTINUE ? show_initiatives(ctx, id, doc) : rc;
}

static const cli_noun noun = {
	"meeting", ATRACK_KIND_MEETING, "meetings",
	"Meetings of the allies: their kind, ordinal, dates and place.",
	columns, NULL, show_more,
	"Who took part, and in which role: see 'atrack participant --help'.\n"
	"'show' lists the initiatives announced at the meeting too.\n"
};

int cmd_meeting(cli_ctx *ctx, int argc, char **argv)
{
	return cli_noun_run(ctx, &noun, argc, argv);
}
