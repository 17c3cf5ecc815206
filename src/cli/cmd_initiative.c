/*
 * cmd_initiative.c - `atrack initiative`: the initiatives announced at the
 * meetings. show, add, edit and rm are the shared verbs of noun.c; list has
 * the initiative filters (section, framework, party, meeting, status,
 * health, stale, overdue, text, order, paging), which `atrack status`
 * shares through cli_initiative_options and cli_initiative_filter.
 */
#include "cli.h"

#include <string.h>

void cli_initiative_options(cli_initiative_args *a, cli_opt *opts)
{
	const cli_opt filters[] = {
		{ "section", 0, CLI_STRING, &a->section, "REF", "only those of this section" },
		{ "framework", 0, CLI_STRING, &a->framework, "REF", "only those linked to this framework" },
		{ "party", 0, CLI_STRING, &a->party, "REF", "only those linked to this party" },
		{ "meeting", 0, CLI_STRING, &a->meeting, "REF", "only those announced at this meeting" },
		{ "status", 0, CLI_LIST, &a->status, "CODE", "only those whose current status is CODE; repeat or CODE,CODE for any of them" },
		{ "health", 0, CLI_STRING, &a->health, "HEALTH", "on_track, at_risk or off_track" },
		{ "stale-days", 0, CLI_INT, &a->stale_days, "N", "only those with no update for N days" },
		{ "overdue", 0, CLI_FLAG, &a->overdue, NULL, "only those past their target date, not done" },
		{ "search", 0, CLI_STRING, &a->search, "TEXT", "only those whose title, text or slug contain TEXT" },
		{ "order", 0, CLI_STRING, &a->order, "ORDER", "position (default), title, last-update, status or meeting" },
		{ "limit", 0, CLI_INT, &a->limit, "N", "at most N rows" },
		{ "offset", 0, CLI_INT, &a->offset, "N", "skip the first N rows" },
		{ "today", 0, CLI_STRING, &a->today, "DATE", "compute days and overdue as of DATE (default: today, UTC)" },
		CLI_OPT_END
	};
	size_t n = 0;
	while (opts[n].name)
		n++;
	memcpy(opts + n, filters, sizeof filters);
}

/* Resolve one reference option into *id (0 when not given). */
static int resolve_opt(cli_ctx *ctx, atrack_kind kind, const char *ref, int64_t *id)
{
	*id = 0;
	if (!ref)
		return CLI_CONTINUE;
	int rc = cli_resolve(ctx, kind, ref, id);
	if (rc != ATRACK_OK)
		return cli_fail_lib(ctx, rc, atrack_kind_name(kind));
	return CLI_CONTINUE;
}

/* A row of several --status codes: the library filters one code. */
static bool status_is_one_of(const void *row, const void *ctx)
{
	return cli_values_has(ctx, ((const atrack_initiative *)row)->status);
}

/* Refuse an unknown status code as the library does for one ("status: no
 * status 'done'"), by asking it for the code alone. */
static int check_status_code(cli_ctx *ctx, const char *code)
{
	atrack_initiative_filter one = ATRACK_INITIATIVE_FILTER_INIT;
	one.status = code;
	one.limit = 1;
	atrack_iter *it = NULL;
	int rc = atrack_initiative_list(ctx->db, &one, &it);
	atrack_iter_free(it);
	return rc == ATRACK_OK ? CLI_CONTINUE : cli_fail_lib(ctx, rc, "cannot list initiatives");
}

int cli_initiative_filter(cli_ctx *ctx, const cli_initiative_args *a, atrack_initiative_filter *f,
                          cli_row_keep *keep)
{
	static const char *const orders[] = { "position", "title", "last-update", "status",
	                                      "meeting" };
	int rc = resolve_opt(ctx, ATRACK_KIND_SECTION, a->section, &f->section_id);
	if (rc == CLI_CONTINUE)
		rc = resolve_opt(ctx, ATRACK_KIND_FRAMEWORK, a->framework, &f->framework_id);
	if (rc == CLI_CONTINUE)
		rc = resolve_opt(ctx, ATRACK_KIND_PARTY, a->party, &f->party_id);
	if (rc == CLI_CONTINUE)
		rc = resolve_opt(ctx, ATRACK_KIND_MEETING, a->meeting, &f->meeting_id);
	if (rc != CLI_CONTINUE)
		return rc;
	if (a->stale_days < 0 || a->stale_days > 1000000)
		return cli_fail(ctx, CLI_EXIT_INVALID, "stale-days: %ld is out of range", a->stale_days);
	if (a->limit < 0 || a->offset < 0)
		return cli_fail(ctx, CLI_EXIT_INVALID, "%s: %ld must be 0 or more",
		                a->limit < 0 ? "limit" : "offset", a->limit < 0 ? a->limit : a->offset);
	*keep = (cli_row_keep){ NULL, NULL, 0, 0 };
	f->status = a->status.n == 1 ? a->status.v[0] : NULL;
	if (a->status.n > 1) {
		for (int i = 0; i < a->status.n; i++)
			if ((rc = check_status_code(ctx, a->status.v[i])) != CLI_CONTINUE)
				return rc;
		/* The library takes one code: the rows of any of them are kept
		 * here, so the paging is done here too. */
		*keep = (cli_row_keep){ status_is_one_of, &a->status, a->offset, a->limit };
	}
	f->health = a->health;
	f->stale_days = (int)a->stale_days;
	f->stale_only = a->stale_days > 0;
	f->overdue_only = a->overdue;
	f->text = a->search;
	f->limit = keep->keep ? 0 : a->limit;
	f->offset = keep->keep ? 0 : a->offset;
	f->today = a->today;
	if (a->order) {
		size_t i = 0;
		while (i < sizeof orders / sizeof orders[0] && strcmp(orders[i], a->order) != 0)
			i++;
		if (i == sizeof orders / sizeof orders[0])
			return cli_fail(ctx, CLI_EXIT_INVALID, "order: '%s' is not one of position, "
			                "title, last-update, status, meeting", a->order);
		f->order = (atrack_initiative_order)i;
	}
	return CLI_CONTINUE;
}

static const char *const columns[] = {
	"id", "slug", "section_slug", "status", "health", "target_date", "title", NULL
};

static int list(cli_ctx *ctx, int argc, char **argv, const cli_usage *usage)
{
	cli_initiative_args a = { 0 };
	bool wide = false;
	cli_opt opts[24] = {
		{ "wide", 0, CLI_FLAG, &wide, NULL, "every column at full width, whatever the terminal" },
		CLI_OPT_END
	};
	cli_initiative_options(&a, opts);
	char **args;
	int nargs;
	int rc = cli_start(ctx, argc, argv, opts, usage, &args, &nargs);
	if (rc != CLI_CONTINUE)
		return rc;
	atrack_initiative_filter f = ATRACK_INITIATIVE_FILTER_INIT;
	cli_row_keep keep;
	rc = cli_initiative_filter(ctx, &a, &f, &keep);
	if (rc != CLI_CONTINUE)
		return rc;
	atrack_iter *it = NULL;
	int lrc = atrack_initiative_list(ctx->db, &f, &it);
	if (lrc != ATRACK_OK)
		return cli_fail_lib(ctx, lrc, "cannot list initiatives");
	rc = cli_print_rows_fit(ctx, it, ATRACK_KIND_INITIATIVE, "initiatives", columns, NULL, NULL,
	                        NULL, wide, &keep);
	atrack_iter_free(it);
	return rc;
}

static int show_more(cli_ctx *ctx, int64_t id, json_t *doc)
{
	/* The whole history, newest first, as `update list` shows it. */
	atrack_update_filter filter = ATRACK_UPDATE_FILTER_INIT;
	filter.initiative_id = id;
	atrack_iter *it = NULL;
	int rc = atrack_update_list(ctx->db, &filter, &it);
	if (rc != ATRACK_OK)
		return cli_fail_lib(ctx, rc, "cannot list updates");
	json_t *array = doc ? json_array() : NULL;
	cli_table *table = doc ? NULL : cli_table_new(CLI_UPDATE_COLUMNS, cli_update_headers);
	/* as `update list` drops its columns at 80, the initiative (the one
	 * shown above) first */
	static const unsigned char drop[CLI_UPDATE_COLUMNS] = { 0, 0, 4, 0, 1, 3, 2, 0 };
	cli_table_fit(table, drop, false);
	size_t rows = 0;
	while ((rc = atrack_iter_next(it)) == ATRACK_OK) {
		const atrack_update *u = atrack_iter_update(it);
		if (array)
			json_array_append_new(array, cli_update_json(u));
		else
			cli_update_row(table, u);
		rows++;
	}
	atrack_iter_free(it);
	return cli_finish_part(ctx, rc, doc, "updates", array, table, rows, "cannot list updates");
}

static const cli_noun noun = {
	"initiative", ATRACK_KIND_INITIATIVE, "initiatives",
	"Initiatives: what the allies announced, its section, meeting, target date and status.",
	columns, list, show_more,
	"list takes filters: --section --framework --party --meeting --status --health\n"
	"(--status a,b or --status a --status b: any of them)\n"
	"--stale-days N --overdue --search TEXT --order ORDER --limit N --offset N.\n"
	"Link an initiative to frameworks, parties, ...: see 'atrack link --help'.\n"
};

int cmd_initiative(cli_ctx *ctx, int argc, char **argv)
{
	return cli_noun_run(ctx, &noun, argc, argv);
}
