/*
 * cmd_status.c - `atrack status`: the board. Every initiative (or those the
 * filters keep) with its current status, health, last update and the days
 * since, flagged overdue or stale; stale means no update for 30 days unless
 * --stale-days says otherwise.
 */
#include "cli.h"

#include <string.h>

#include <time.h>

static const char *const columns[] = {
	"id", "slug", "status", "health", "last_update_date", "days_since_update", "target_date",
	"is_overdue", "is_stale", "meeting_slug", "title", NULL
};

static const char *const headers[] = {
	"id", "initiative", "status", "health", "last update", "days", "target", "overdue", "stale",
	"meeting", "title", NULL
};

/* At 80 columns the board keeps id, slug, status, health, the last update
 * and the title; the meeting goes first, then the target, the days and the
 * flags (the days and flags say less than the date they come from). */
static const unsigned char drop[] = { 0, 0, 0, 0, 0, 4, 5, 3, 3, 6, 1 };
/* --meeting-column: the same board, the meeting kept at any width. */
static const unsigned char drop_keep_meeting[] = { 0, 0, 0, 0, 0, 4, 5, 3, 3, 0, 1 };

/* --group-by meeting: the meeting first, kept at any width, the rows in
 * meeting order (by date, those of no meeting last). */
static const char *const by_meeting_columns[] = {
	"meeting_slug", "id", "slug", "status", "health", "last_update_date", "days_since_update",
	"target_date", "is_overdue", "is_stale", "title", NULL
};
static const char *const by_meeting_headers[] = {
	"meeting", "id", "initiative", "status", "health", "last update", "days", "target",
	"overdue", "stale", "title", NULL
};
static const unsigned char by_meeting_drop[] = { 0, 0, 0, 0, 0, 0, 4, 5, 3, 3, 1 };

int cmd_status(cli_ctx *ctx, int argc, char **argv)
{
	static const cli_usage usage = {
		"status", "[filters] [--stale-days N]",
		"The board: every initiative, its status, health, last update and days since.\n"
		"Filters as for 'atrack initiative list'. --stale-days N (default 30) sets when\n"
		"an initiative is stale, without filtering: add --only-stale for that.",
		0, 0, CLI_NEEDS_DB | CLI_READS
	};
	cli_initiative_args a = { 0 };
	bool only_stale = false, wide = false, meeting_column = false;
	const char *group_by = NULL;
	cli_opt opts[24] = {
		{ "only-stale", 0, CLI_FLAG, &only_stale, NULL, "only the stale ones" },
		{ "wide", 0, CLI_FLAG, &wide, NULL, "every column at full width, whatever the terminal" },
		{ "group-by", 0, CLI_STRING, &group_by, "KEY", "meeting: the rows by meeting, the meeting first" },
		{ "meeting-column", 0, CLI_FLAG, &meeting_column, NULL, "keep the meeting column at any width" },
		CLI_OPT_END
	};
	cli_initiative_options(&a, opts);
	/* Here the option sets the threshold the board marks; it filters
	 * only with --only-stale. */
	for (cli_opt *o = opts; o->name; o++)
		if (strcmp(o->name, "stale-days") == 0)
			o->help = "stale after N days without an update (default 30); marks, does not filter";
	a.stale_days = ATRACK_STALE_DAYS_DEFAULT;
	char **args;
	int nargs;
	int rc = cli_start(ctx, argc, argv, opts, &usage, &args, &nargs);
	if (rc != CLI_CONTINUE)
		return rc;
	if (a.stale_days <= 0)
		return cli_fail(ctx, CLI_EXIT_INVALID, "stale-days: %ld must be 1 or more", a.stale_days);
	atrack_initiative_filter f = ATRACK_INITIATIVE_FILTER_INIT;
	cli_row_keep keep;
	rc = cli_initiative_filter(ctx, &a, &f, &keep);
	if (rc != CLI_CONTINUE)
		return rc;
	if (group_by && strcmp(group_by, "meeting") != 0)
		return cli_fail(ctx, CLI_EXIT_USAGE, "status: --group-by takes meeting, not '%s'",
		                group_by);
	if (group_by)
		f.order = ATRACK_ORDER_MEETING;
	/* The board marks staleness; it filters on it only when asked. */
	f.stale_only = only_stale;
	atrack_iter *it = NULL;
	int lrc = atrack_initiative_list(ctx->db, &f, &it);
	if (lrc != ATRACK_OK)
		return cli_fail_lib(ctx, lrc, "cannot read the board");
	char today[11];
	if (a.today) {
		snprintf(today, sizeof today, "%s", a.today);
	} else {
		time_t now = time(NULL);
		struct tm tm;
		gmtime_r(&now, &tm);
		strftime(today, sizeof today, "%Y-%m-%d", &tm);
	}
	json_t *extra = ctx->json ? json_pack("{s:s, s:i}", "today", today, "stale_days",
	                                      (int)a.stale_days) : NULL;
	if (group_by)
		rc = cli_print_rows_fit(ctx, it, ATRACK_KIND_INITIATIVE, "initiatives",
		                        by_meeting_columns, by_meeting_headers, extra, by_meeting_drop,
		                        wide, &keep);
	else
		rc = cli_print_rows_fit(ctx, it, ATRACK_KIND_INITIATIVE, "initiatives", columns, headers,
		                        extra, meeting_column ? drop_keep_meeting : drop, wide, &keep);
	atrack_iter_free(it);
	return rc;
}
