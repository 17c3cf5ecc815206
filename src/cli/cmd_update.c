/*
 * cmd_update.c - `atrack update`: add a progress update to an initiative,
 * list an initiative's history (or everyone's), show, correct or remove
 * one update. The library checks every field and transition; this file
 * turns the command line into its input and its answers into text or JSON.
 */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The JSON of one update: the fields of atrack_update, by the same names
 * (docs/json-tracking.md). */
json_t *cli_update_json(const atrack_update *u)
{
	json_t *j = json_object();
	if (!j)
		return NULL;
	json_object_set_new(j, "id", json_integer(u->id));
	json_object_set_new(j, "initiative_id", json_integer(u->initiative_id));
	json_object_set_new(j, "initiative_slug", cli_json_string_or_null(u->initiative_slug));
	json_object_set_new(j, "status", cli_json_string_or_null(u->status));
	json_object_set_new(j, "health", cli_json_string_or_null(u->health));
	json_object_set_new(j, "percent_complete",
	                    u->percent_complete >= 0 ? json_integer(u->percent_complete) : json_null());
	json_object_set_new(j, "note", cli_json_string_or_null(u->note));
	json_object_set_new(j, "author", cli_json_string_or_null(u->author));
	json_object_set_new(j, "event_date", cli_json_string_or_null(u->event_date));
	json_object_set_new(j, "recorded_at", cli_json_string_or_null(u->recorded_at));
	json_object_set_new(j, "evidence_url", cli_json_string_or_null(u->evidence_url));
	json_object_set_new(j, "evidence_document_id", u->evidence_document_id
	                    ? json_integer(u->evidence_document_id) : json_null());
	json_object_set_new(j, "is_reopen", json_boolean(u->is_reopen));
	return j;
}

/* Show one update (after add, edit, or for show). */
static int print_update(cli_ctx *ctx, int64_t id, const char *verb)
{
	atrack_update *u = NULL;
	int rc = atrack_update_get(ctx->db, id, &u);
	if (rc != ATRACK_OK)
		return cli_fail_lib(ctx, rc, ctx->command);
	int exit_code = CLI_EXIT_OK;
	if (ctx->json) {
		exit_code = cli_print_json(ctx, json_pack("{s:i, s:o}", "format_version", 1,
		                                          "update", cli_update_json(u)));
	} else if (verb) {
		cli_line("%s update %lld: %s %s on %s%s", verb, (long long)u->id, u->initiative_slug,
		       u->status, u->event_date, u->is_reopen ? " (reopen)" : "");
	} else {
		char percent[16] = "";
		if (u->percent_complete >= 0)
			snprintf(percent, sizeof percent, "%d%%", u->percent_complete);
		char evidence_doc[24] = "";
		if (u->evidence_document_id)
			snprintf(evidence_doc, sizeof evidence_doc, "document %lld",
			         (long long)u->evidence_document_id);
		const struct { const char *key, *value; } lines[] = {
			{ "id", NULL }, { "initiative", u->initiative_slug }, { "status", u->status },
			{ "reopen", u->is_reopen ? "yes" : "no" }, { "health", u->health },
			{ "percent", percent }, { "event date", u->event_date },
			{ "recorded at", u->recorded_at }, { "author", u->author },
			{ "evidence", u->evidence_url }, { "evidence doc", evidence_doc },
			{ "note", u->note },
		};
		printf("%-13s %lld\n", "id", (long long)u->id);
		for (size_t i = 1; i < sizeof lines / sizeof lines[0]; i++) {
			if (!lines[i].value || !*lines[i].value)
				continue;
			cli_line("%-13s %s", lines[i].key, lines[i].value);
		}
	}
	atrack_update_free(u);
	return exit_code;
}

/* The id of the thing of `kind` that `ref` (an id or slug) names, or a
 * "not found" exit after a message. */
static int resolve(cli_ctx *ctx, atrack_kind kind, const char *ref, int64_t *id)
{
	int rc = cli_resolve(ctx, kind, ref, id);
	if (rc != ATRACK_OK)
		return cli_fail_lib(ctx, rc, ctx->command);
	return CLI_CONTINUE;
}

/* Parse the command line of a verb whose one argument is an update's id
 * and resolve it. */
static int parse_update_verb(cli_ctx *ctx, int argc, char **argv, const cli_usage *usage,
                             const cli_opt *opts, int64_t *id)
{
	char **args;
	int nargs;
	ctx->command = usage->name;
	int rc = cli_start(ctx, argc, argv, opts, usage, &args, &nargs);
	if (rc != CLI_CONTINUE)
		return rc;
	return resolve(ctx, ATRACK_KIND_UPDATE, args[0], id);
}

/* Options shared by add and edit, as given on the command line. */
typedef struct update_opts {
	const char *status;
	const char *health;
	const char *percent;
	const char *note;
	const char *date;
	const char *evidence;
	bool reopen;
	char day[16];  /* a relative --date made absolute */
} update_opts;

/* --date also takes "today", "yesterday" and "-Nd" (N days ago), counted
 * in UTC like the default; anything else goes to the library as given. */
static void absolute_date(update_opts *o)
{
	if (!o->date)
		return;
	long back = -1;
	if (strcmp(o->date, "today") == 0)
		back = 0;
	else if (strcmp(o->date, "yesterday") == 0)
		back = 1;
	else if (o->date[0] == '-' && o->date[1] >= '0' && o->date[1] <= '9') {
		char *end = NULL;
		errno = 0;
		long n = strtol(o->date + 1, &end, 10);
		if (!errno && end && strcmp(end, "d") == 0 && n <= 100000)
			back = n;
	}
	if (back < 0)
		return;
	time_t t = time(NULL) - (time_t)back * 86400;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(o->day, sizeof o->day, "%Y-%m-%d", &tm);
	o->date = o->day;
}

/* "none" clears an optional value in an edit. */
static bool is_none(const char *s)
{
	return s && strcmp(s, "none") == 0;
}

/* Fill `in` from the options. --percent is a whole number 0..100 (or
 * "none"); --evidence is a URL when it has ':', '/' or '.' (which no slug
 * has), else a document's id or slug. */
static int fill_input(cli_ctx *ctx, update_opts *o, atrack_update_input *in)
{
	absolute_date(o);
	in->status = o->status;
	in->health = is_none(o->health) ? NULL : o->health;
	in->note = o->note;
	in->event_date = o->date;
	in->reopen = o->reopen;
	if (o->percent && !is_none(o->percent)) {
		char *end = NULL;
		errno = 0;
		long n = strtol(o->percent, &end, 10);
		if (errno || end == o->percent || *end || n < 0 || n > 100)
			return cli_fail(ctx, CLI_EXIT_INVALID, "%s: percent_complete: '%s' is not a "
			                "whole number 0..100", ctx->command, o->percent);
		in->percent_complete = (int)n;
	}
	if (o->evidence && !is_none(o->evidence)) {
		if (strpbrk(o->evidence, ":/."))
			in->evidence_url = o->evidence;
		else
			return resolve(ctx, ATRACK_KIND_DOCUMENT, o->evidence, &in->evidence_document_id);
	}
	return CLI_CONTINUE;
}

static int add_update(cli_ctx *ctx, update_opts *o, const char *ref);

static int update_add(cli_ctx *ctx, int argc, char **argv)
{
	static const cli_usage usage = {
		"update add", "INITIATIVE --status CODE [options]",
		"Add a progress update to an initiative (by id or slug).",
		1, 1, CLI_NEEDS_DB
	};
	update_opts o = { 0 };
	const cli_opt opts[] = {
		{ "status", 's', CLI_STRING, &o.status, "CODE", "status code (see 'atrack status-code list')" },
		{ "health", 0, CLI_STRING, &o.health, "HEALTH", "on_track, at_risk or off_track" },
		{ "percent", 0, CLI_STRING, &o.percent, "N", "percent complete, 0..100" },
		{ "note", 'm', CLI_STRING, &o.note, "TEXT", "what happened (required with --reopen)" },
		{ "date", 'd', CLI_STRING, &o.date, "DATE", "day it happened: YYYY-MM-DD, today, yesterday or -Nd (default today, UTC)" },
		{ "evidence", 'e', CLI_STRING, &o.evidence, "URL|DOC", "a URL, or a document's id or slug" },
		{ "reopen", 0, CLI_FLAG, &o.reopen, NULL, "leave a terminal status (completed, cancelled)" },
		CLI_OPT_END
	};
	char **args;
	int nargs;
	ctx->command = usage.name;
	int rc = cli_start(ctx, argc, argv, opts, &usage, &args, &nargs);
	if (rc != CLI_CONTINUE)
		return rc;
	if (!o.status && !o.note)
		return cli_fail(ctx, CLI_EXIT_USAGE, "update add: --status is required "
		                "(see 'atrack status-code list'), unless a --note keeps the current one");
	return add_update(ctx, &o, args[0]);
}

/* Add the update `o` describes to the initiative `ref`; without a status,
 * one that keeps its current status (a note, a health, a percentage). */
static int add_update(cli_ctx *ctx, update_opts *o, const char *ref)
{
	atrack_update_input in = ATRACK_UPDATE_INPUT_INIT;
	int rc = resolve(ctx, ATRACK_KIND_INITIATIVE, ref, &in.initiative_id);
	atrack_initiative *current = NULL;
	if (rc == CLI_CONTINUE && !o->status) {
		int lib_rc = atrack_initiative_get(ctx->db, in.initiative_id, &current);
		if (lib_rc != ATRACK_OK)
			return cli_fail_lib(ctx, lib_rc, ctx->command);
		if (!current->status) {
			atrack_initiative_free(current);
			return cli_fail(ctx, CLI_EXIT_INVALID, "%s: '%s' has no status yet: give --status",
			                ctx->command, ref);
		}
		o->status = current->status;
	}
	if (rc == CLI_CONTINUE)
		rc = fill_input(ctx, o, &in);
	int64_t id = 0;
	int lib_rc = rc == CLI_CONTINUE ? atrack_update_add(ctx->db, &in, &id) : ATRACK_OK;
	atrack_initiative_free(current); /* o->status pointed into it */
	if (rc != CLI_CONTINUE)
		return rc;
	if (lib_rc != ATRACK_OK)
		return cli_fail_lib(ctx, lib_rc, ctx->command);
	return print_update(ctx, id, "added");
}

int cmd_note(cli_ctx *ctx, int argc, char **argv)
{
	static const cli_usage usage = {
		"note", "INITIATIVE TEXT [--date DATE] [--health H] [--percent N] [--evidence URL|DOC]",
		"Add a note to an initiative, keeping its current status (an update without a\n"
		"status change).",
		2, 2, CLI_NEEDS_DB
	};
	update_opts o = { 0 };
	const cli_opt opts[] = {
		{ "health", 0, CLI_STRING, &o.health, "HEALTH", "on_track, at_risk or off_track" },
		{ "percent", 0, CLI_STRING, &o.percent, "N", "percent complete, 0..100" },
		{ "date", 'd', CLI_STRING, &o.date, "DATE", "day it happened: YYYY-MM-DD, today, yesterday, -Nd" },
		{ "evidence", 'e', CLI_STRING, &o.evidence, "URL|DOC", "a URL, or a document's id or slug" },
		CLI_OPT_END
	};
	char **args;
	int nargs;
	ctx->command = usage.name;
	int rc = cli_start(ctx, argc, argv, opts, &usage, &args, &nargs);
	if (rc != CLI_CONTINUE)
		return rc;
	o.note = args[1];
	return add_update(ctx, &o, args[0]);
}

static int update_edit(cli_ctx *ctx, int argc, char **argv)
{
	static const cli_usage usage = {
		"update edit", "ID [options]",
		"Correct an update in place (the audit log keeps the old values). A different "
		"status is a new update, not an edit.",
		1, 1, CLI_NEEDS_DB
	};
	update_opts o = { 0 };
	bool clear_note = false;
	const cli_opt opts[] = {
		{ "note", 'm', CLI_STRING, &o.note, "TEXT", "new note" },
		{ "clear-note", 0, CLI_FLAG, &clear_note, NULL, "remove the note" },
		{ "date", 'd', CLI_STRING, &o.date, "DATE", "new event date, YYYY-MM-DD" },
		{ "health", 0, CLI_STRING, &o.health, "HEALTH", "on_track, at_risk, off_track or none" },
		{ "percent", 0, CLI_STRING, &o.percent, "N", "0..100 or none" },
		{ "evidence", 'e', CLI_STRING, &o.evidence, "URL|DOC", "a URL, a document, or none" },
		CLI_OPT_END
	};
	int64_t id;
	int rc = parse_update_verb(ctx, argc, argv, &usage, opts, &id);
	if (rc != CLI_CONTINUE)
		return rc;
	if (o.note && clear_note)
		return cli_fail(ctx, CLI_EXIT_USAGE, "update edit: --note and --clear-note exclude each other");
	unsigned int fields = (o.note || clear_note ? ATRACK_UPDATE_EDIT_NOTE : 0) |
		(o.date ? ATRACK_UPDATE_EDIT_EVENT_DATE : 0) |
		(o.health ? ATRACK_UPDATE_EDIT_HEALTH : 0) |
		(o.percent ? ATRACK_UPDATE_EDIT_PERCENT : 0) |
		(o.evidence ? ATRACK_UPDATE_EDIT_EVIDENCE : 0);
	if (!fields)
		return cli_fail(ctx, CLI_EXIT_USAGE, "update edit: nothing to change (see 'atrack "
		                "update edit --help')");
	atrack_update_input in = ATRACK_UPDATE_INPUT_INIT;
	rc = fill_input(ctx, &o, &in);
	if (rc != CLI_CONTINUE)
		return rc;
	int lib_rc = atrack_update_edit(ctx->db, id, &in, fields);
	if (lib_rc != ATRACK_OK)
		return cli_fail_lib(ctx, lib_rc, ctx->command);
	return print_update(ctx, id, "edited");
}

static int update_show(cli_ctx *ctx, int argc, char **argv)
{
	static const cli_usage usage = {
		"update show", "ID", "Show one progress update.", 1, 1,
		CLI_NEEDS_DB | CLI_READS
	};
	const cli_opt opts[] = { CLI_OPT_END };
	int64_t id;
	int rc = parse_update_verb(ctx, argc, argv, &usage, opts, &id);
	if (rc != CLI_CONTINUE)
		return rc;
	return print_update(ctx, id, NULL);
}

static int update_rm(cli_ctx *ctx, int argc, char **argv)
{
	static const cli_usage usage = {
		"update rm", "ID",
		"Remove a mistaken update (the audit log keeps it). Refused when a later update "
		"would then break the transition rules.",
		1, 1, CLI_NEEDS_DB
	};
	const cli_opt opts[] = { CLI_OPT_END };
	int64_t id;
	int rc = parse_update_verb(ctx, argc, argv, &usage, opts, &id);
	if (rc != CLI_CONTINUE)
		return rc;
	int lib_rc = atrack_update_delete(ctx->db, id);
	if (lib_rc != ATRACK_OK)
		return cli_fail_lib(ctx, lib_rc, ctx->command);
	if (ctx->json)
		return cli_print_json(ctx, json_pack("{s:i, s:{s:I}}", "format_version", 1,
		                                     "deleted", "id", (json_int_t)id));
	printf("removed update %lld\n", (long long)id);
	return CLI_EXIT_OK;
}

/* The first line of a note, for a table cell. */
const char *const cli_update_headers[CLI_UPDATE_COLUMNS] = {
	"ID", "DATE", "INITIATIVE", "STATUS", "HEALTH", "%", "AUTHOR", "NOTE"
};

/* At 80 columns the %, then the author, go first; the health only when
 * cutting the rest to 8 would not be enough. */
const unsigned char cli_update_drop[CLI_UPDATE_COLUMNS] = { 0, 0, 0, 0, 1, 3, 2, 0 };

static void first_line(const char *note, char *buf, size_t size)
{
	snprintf(buf, size, "%s", note ? note : "");
	buf[strcspn(buf, "\r\n")] = '\0';
}

void cli_update_row(cli_table *table, const atrack_update *u)
{
	char id[24], percent[12] = "", status[64], note[512];
	snprintf(id, sizeof id, "%lld", (long long)u->id);
	if (u->percent_complete >= 0)
		snprintf(percent, sizeof percent, "%d", u->percent_complete);
	snprintf(status, sizeof status, "%s%s", u->status, u->is_reopen ? " (reopen)" : "");
	first_line(u->note, note, sizeof note);
	const char *cells[] = { id, u->event_date, u->initiative_slug, status,
		u->health ? u->health : "", percent, u->author, note };
	cli_table_row(table, cells);
}

static int update_list(cli_ctx *ctx, int argc, char **argv)
{
	static const cli_usage usage = {
		"update list", "[INITIATIVE] [options]",
		"List progress updates, newest first (by event date), of one initiative or all.\n"
		"--author filters by who recorded them (repeat it for any of several); the\n"
		"global --author goes unused here, so it is refused before the command.",
		0, 1, CLI_NEEDS_DB | CLI_READS
	};
	const char *since = NULL, *until = NULL;
	long limit = 0, offset = 0;
	bool wide = false;
	cli_values authors = { 0 };
	const cli_opt opts[] = {
		{ "since", 0, CLI_STRING, &since, "DATE", "events on or after DATE" },
		{ "until", 0, CLI_STRING, &until, "DATE", "events on or before DATE" },
		/* Shadows the global --author, which a read has no use for. */
		{ "author", 0, CLI_NAMES, &authors, "NAME", "recorded by NAME; repeat for any of several" },
		{ "limit", 'n', CLI_INT, &limit, "N", "at most N updates" },
		{ "offset", 0, CLI_INT, &offset, "N", "skip the first N" },
		{ "wide", 0, CLI_FLAG, &wide, NULL, "every column at full width, whatever the terminal" },
		CLI_OPT_END
	};
	char **args;
	int nargs;
	ctx->command = usage.name;
	int rc = cli_start(ctx, argc, argv, opts, &usage, &args, &nargs);
	if (rc != CLI_CONTINUE)
		return rc;
	atrack_update_filter f = ATRACK_UPDATE_FILTER_INIT;
	f.since = since;
	f.until = until;
	f.limit = limit;
	f.offset = offset;
	/* The library does not filter by author: the rows are kept here, so
	 * the paging is done here too (the library still checks the numbers
	 * first). */
	bool by_author = authors.n > 0;
	if (by_author && limit >= 0 && offset >= 0)
		f.limit = f.offset = 0;
	if (nargs == 1 && (rc = resolve(ctx, ATRACK_KIND_INITIATIVE, args[0],
	                                &f.initiative_id)) != CLI_CONTINUE)
		return rc;
	atrack_iter *it = NULL;
	int lib_rc = atrack_update_list(ctx->db, &f, &it);
	if (lib_rc != ATRACK_OK)
		return cli_fail_lib(ctx, lib_rc, ctx->command);

	cli_list list;
	cli_list_begin(ctx, &list, "updates", CLI_UPDATE_COLUMNS, cli_update_headers);
	cli_table_fit(list.table, cli_update_drop, wide);
	long kept = 0;
	while ((lib_rc = atrack_iter_next(it)) == ATRACK_OK) {
		const atrack_update *u = atrack_iter_update(it);
		if (by_author) {
			if (!cli_values_has(&authors, u->author) || kept++ < offset)
				continue;
			if (limit > 0 && kept > offset + limit) {
				lib_rc = ATRACK_DONE;
				break;
			}
		}
		if (list.json)
			json_array_append_new(list.json, cli_update_json(u));
		else
			cli_update_row(list.table, u);
	}
	return cli_list_end(ctx, &list, it, lib_rc);
}

int cmd_update(cli_ctx *ctx, int argc, char **argv)
{
	static const cli_verb verbs[] = {
		{ "add", update_add, "add a progress update to an initiative" },
		{ "edit", update_edit, "correct an update in place" },
		{ "list", update_list, "list updates, newest first" },
		{ "rm", update_rm, "remove a mistaken update" },
		{ "show", update_show, "show one update" },
	};
	return cli_dispatch_verbs(ctx, argc, argv, verbs, sizeof verbs / sizeof verbs[0]);
}
