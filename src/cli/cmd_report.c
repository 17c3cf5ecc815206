/*
 * cmd_report.c - `atrack report`: the status report for a briefing, in the
 * format asked for, on stdout or into a file written atomically (a temp
 * file beside it, renamed into place only when the whole report is out,
 * by atrack_outfile_*), so a reader never opens half a report.
 */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

/* Resolve `ref` of `kind` into *id when given; an exit code on failure. */
static int resolve_filter(cli_ctx *ctx, atrack_kind kind, const char *ref, int64_t *id)
{
	if (!ref)
		return CLI_CONTINUE;
	int rc = cli_resolve(ctx, kind, ref, id);
	return rc == ATRACK_OK ? CLI_CONTINUE : cli_fail_lib(ctx, rc, "report");
}

static int terminal_columns(void)
{
	struct winsize ws;
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	const char *columns = getenv("COLUMNS");
	if (columns && atoi(columns) > 0)
		return atoi(columns);
	return 0;
}

/* Render into a file replaced whole (the library's rules for -o: a
 * temporary file renamed into place, devices written in place, the
 * database refused). */
static int write_file(cli_ctx *ctx, const atrack_report_opts *opts, atrack_report_format format,
                      const char *path)
{
	atrack_outfile *file;
	FILE *f;
	int lib_rc = atrack_outfile_open(ctx->db, path, &file, &f);
	if (lib_rc != ATRACK_OK)
		return cli_fail_lib(ctx, lib_rc, "report");
	lib_rc = atrack_report_write(ctx->db, opts, format, f);
	if (lib_rc != ATRACK_OK) {
		int rc = cli_fail_lib(ctx, lib_rc, NULL);
		atrack_outfile_close(ctx->db, file, 0);
		return rc;
	}
	lib_rc = atrack_outfile_close(ctx->db, file, 1);
	return lib_rc == ATRACK_OK ? CLI_EXIT_OK : cli_fail_lib(ctx, lib_rc, "report");
}

int cmd_report(cli_ctx *ctx, int argc, char **argv)
{
	static const cli_usage usage = {
		"report", "[--format text|md|html|csv|json] [-o FILE] [--since DATE] [--as-of DATE] [filters]",
		"Report where each initiative stands: a summary by status and health, by line of\n"
		"effort, framework and meeting; each initiative with its latest update, overdue and\n"
		"stale ones flagged; with --since, what changed; with --as-of, the state on that day.",
		0, 0, CLI_NEEDS_DB | CLI_READS
	};
	const char *format_name = "text", *output = NULL, *since = NULL, *as_of = NULL;
	const char *section = NULL, *framework = NULL, *meeting = NULL, *party = NULL;
	const char *title = NULL;
	cli_values statuses = { 0 };
	long stale_days = 0, width = 0;
	/* Options the report gained for briefings (#19). */
	const char *health = NULL, *rows = "initiatives", *group_by = "section";
	bool summary = false, bom = false, only_stale = false, only_overdue = false;
	const cli_opt opts[] = {
		{ "summary", 0, CLI_FLAG, &summary, NULL, "only the summary, without initiatives and changes" },
		{ "bom", 0, CLI_FLAG, &bom, NULL, "csv: start with a UTF-8 byte order mark (for spreadsheets)" },
		{ "rows", 0, CLI_STRING, &rows, "ROWS", "csv: initiatives (default) or updates" },
		{ "group-by", 0, CLI_STRING, &group_by, "KEY", "list initiatives by section (default), meeting, status, health, stale, overdue, framework or party" },
		{ "health", 0, CLI_STRING, &health, "HEALTH", "only initiatives with this health (on_track, at_risk, off_track)" },
		{ "stale", 0, CLI_FLAG, &only_stale, NULL, "only the stale ones" },
		{ "overdue", 0, CLI_FLAG, &only_overdue, NULL, "only the overdue ones" },
		{ "format", 'f', CLI_STRING, &format_name, "FORMAT", "text (default), md, html, csv or json" },
		{ "output", 'o', CLI_STRING, &output, "FILE", "write to FILE (atomically) instead of stdout" },
		{ "since", 0, CLI_STRING, &since, "DATE", "also list what changed after DATE (YYYY-MM-DD)" },
		{ "as-of", 0, CLI_STRING, &as_of, "DATE", "the state on DATE, from the history" },
		{ "stale-days", 0, CLI_INT, &stale_days, "N", "flag open initiatives whose update is N days old or more (30)" },
		{ "section", 0, CLI_STRING, &section, "SECTION", "only this line of effort (slug or id)" },
		{ "framework", 0, CLI_STRING, &framework, "FRAMEWORK", "only initiatives under this framework" },
		{ "meeting", 0, CLI_STRING, &meeting, "MEETING", "only initiatives of this meeting" },
		{ "party", 0, CLI_STRING, &party, "PARTY", "only initiatives naming this party" },
		{ "status", 0, CLI_LIST, &statuses, "STATUS", "only initiatives now in STATUS; repeat or STATUS,STATUS for any of them" },
		{ "title", 0, CLI_STRING, &title, "TEXT", "the report's heading" },
		{ "width", 0, CLI_INT, &width, "N", "text: fit N columns (default: the terminal, else 100)" },
		CLI_OPT_END
	};
	char **args;
	int nargs;
	int rc = cli_start(ctx, argc, argv, opts, &usage, &args, &nargs);
	if (rc != CLI_CONTINUE)
		return rc;

	atrack_report_format format;
	if (atrack_report_format_from_name(format_name, &format) != ATRACK_OK)
		return cli_fail(ctx, CLI_EXIT_USAGE, "report: unknown format '%s' "
		                "(text, md, html, csv or json)", format_name);
	if (ctx->json)
		format = ATRACK_REPORT_JSON; /* --json means the JSON report itself */
	if (stale_days < 0 || stale_days > 100000)
		return cli_fail(ctx, CLI_EXIT_USAGE, "report: --stale-days takes a number from 0 "
		                "to 100000");
	if (width < 0 || width > 10000)
		return cli_fail(ctx, CLI_EXIT_USAGE, "report: --width takes a number from 0 to 10000");

	atrack_report_opts o = ATRACK_REPORT_OPTS_INIT;
	o.since = since;
	o.as_of = as_of;
	o.stale_days = (int)stale_days;
	o.statuses = statuses.v; /* any of them, checked by the library */
	o.nstatuses = (size_t)statuses.n;
	o.title = title;
	o.health = health;
	o.summary_only = summary;
	o.bom = bom;
	o.stale_only = only_stale;
	o.ascii = format == ATRACK_REPORT_TEXT && !output && cli_ascii();
	o.overdue_only = only_overdue;
	static const char *const keys[] = { "section", "meeting", "status", "health", "stale",
	                                     "overdue", "framework", "party" };
	o.group_by = -1;
	for (int k = 0; k < (int)(sizeof keys / sizeof keys[0]); k++)
		if (strcmp(group_by, keys[k]) == 0)
			o.group_by = k;
	if (o.group_by < 0)
		return cli_fail(ctx, CLI_EXIT_USAGE, "report: --group-by takes section, meeting, "
		                "status, health, stale, overdue, framework or party, not '%s'", group_by);
	if (strcmp(rows, "initiatives") == 0)
		o.rows = ATRACK_REPORT_ROWS_INITIATIVES;
	else if (strcmp(rows, "updates") == 0)
		o.rows = ATRACK_REPORT_ROWS_UPDATES;
	else
		return cli_fail(ctx, CLI_EXIT_USAGE, "report: --rows takes initiatives or updates, "
		                "not '%s'", rows);
	o.width = width ? (int)width : (!output ? terminal_columns() : 0);
	if ((rc = resolve_filter(ctx, ATRACK_KIND_SECTION, section, &o.section_id)) != CLI_CONTINUE ||
	    (rc = resolve_filter(ctx, ATRACK_KIND_FRAMEWORK, framework, &o.framework_id)) != CLI_CONTINUE ||
	    (rc = resolve_filter(ctx, ATRACK_KIND_MEETING, meeting, &o.meeting_id)) != CLI_CONTINUE ||
	    (rc = resolve_filter(ctx, ATRACK_KIND_PARTY, party, &o.party_id)) != CLI_CONTINUE)
		return rc;
	if (output && strcmp(output, "-") != 0)
		return write_file(ctx, &o, format, output);
	int lib_rc = atrack_report_write(ctx->db, &o, format, stdout);
	return lib_rc == ATRACK_OK ? CLI_EXIT_OK : cli_fail_lib(ctx, lib_rc, NULL);
}
