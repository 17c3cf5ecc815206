/*
 * cmd_status_code.c - `atrack status-code`: the vocabulary of progress
 * update statuses, listed in order, and extended by the user with new
 * codes (terminal or not).
 */
#include "cli.h"

#include <limits.h>
#include <string.h>

static json_t *status_json(const atrack_status *s)
{
	return json_pack("{s:I, s:s, s:s, s:I, s:b, s:b}", "id", (json_int_t)s->id,
	                 "code", s->code, "label", s->label,
	                 "sort_order", (json_int_t)s->sort_order,
	                 "is_terminal", s->is_terminal, "is_builtin", s->is_builtin);
}

static int status_list(cli_ctx *ctx, int argc, char **argv)
{
	static const cli_usage usage = {
		"status-code list", NULL, "List the status codes, in their order.", 0, 0,
		CLI_NEEDS_DB | CLI_READS
	};
	const cli_opt opts[] = { CLI_OPT_END };
	char **args;
	int nargs;
	ctx->command = usage.name;
	int rc = cli_start(ctx, argc, argv, opts, &usage, &args, &nargs);
	if (rc != CLI_CONTINUE)
		return rc;
	atrack_iter *it = NULL;
	int lib_rc = atrack_status_list(ctx->db, &it);
	if (lib_rc != ATRACK_OK)
		return cli_fail_lib(ctx, lib_rc, ctx->command);
	static const char *const headers[] = { "CODE", "LABEL", "ORDER", "TERMINAL", "BUILT-IN" };
	cli_list list;
	cli_list_begin(ctx, &list, "status_codes", 5, headers);
	while ((lib_rc = atrack_iter_next(it)) == ATRACK_OK) {
		const atrack_status *s = atrack_iter_status(it);
		if (list.json) {
			json_array_append_new(list.json, status_json(s));
			continue;
		}
		char order[24];
		snprintf(order, sizeof order, "%lld", (long long)s->sort_order);
		const char *cells[] = { s->code, s->label, order, s->is_terminal ? "yes" : "no",
			s->is_builtin ? "yes" : "no" };
		cli_table_row(list.table, cells);
	}
	return cli_list_end(ctx, &list, it, lib_rc);
}

/* The order after the last code, so a new code without --order lists last.
 * *last is the highest order there is; when nothing fits after it,
 * *order is left at it and *full set. */
static int next_order(cli_ctx *ctx, int64_t *order, int64_t *last, bool *full)
{
	atrack_iter *it = NULL;
	int rc = atrack_status_list(ctx->db, &it);
	*order = 10;
	*last = 0;
	*full = false;
	while (rc == ATRACK_OK && (rc = atrack_iter_next(it)) == ATRACK_OK) {
		const atrack_status *s = atrack_iter_status(it);
		if (s->sort_order > *last)
			*last = s->sort_order;
	}
	atrack_iter_free(it);
	/* Compared before adding: the last order may be INT64_MAX. */
	if (*last > INT64_MAX - 10)
		*full = true;
	else if (*last + 10 > *order)
		*order = *last + 10;
	return rc == ATRACK_DONE ? ATRACK_OK : rc;
}

static int status_add(cli_ctx *ctx, int argc, char **argv)
{
	static const cli_usage usage = {
		"status-code add", "CODE --label LABEL [--order N] [--terminal]",
		"Add a status code: lower-case letters, digits and '_', at most 32.",
		1, 1, CLI_NEEDS_DB
	};
	const char *label = NULL;
	long order = LONG_MIN; /* not given */
	bool terminal = false;
	const cli_opt opts[] = {
		{ "label", 'l', CLI_STRING, &label, "LABEL", "how people read it: \"On hold\"" },
		{ "order", 0, CLI_INT, &order, "N", "place in lists (default: after the last)" },
		{ "terminal", 0, CLI_FLAG, &terminal, NULL, "left only by a reopen, like completed" },
		CLI_OPT_END
	};
	char **args;
	int nargs;
	ctx->command = usage.name;
	int rc = cli_start(ctx, argc, argv, opts, &usage, &args, &nargs);
	if (rc != CLI_CONTINUE)
		return rc;
	if (!label)
		return cli_fail(ctx, CLI_EXIT_USAGE, "status-code add: --label is required");
	atrack_status s = { 0 };
	s.code = args[0];
	s.label = label;
	s.sort_order = order;
	s.is_terminal = terminal;
	int64_t last = 0;
	bool full = false;
	int lib_rc = order != LONG_MIN ? ATRACK_OK : next_order(ctx, &s.sort_order, &last, &full);
	if (lib_rc == ATRACK_OK && full)
		return cli_fail(ctx, CLI_EXIT_INVALID, "status-code add: no order is left after "
		                "the last code's (%lld); give one with --order", (long long)last);
	int64_t id = 0;
	if (lib_rc == ATRACK_OK)
		lib_rc = atrack_status_add(ctx->db, &s, &id);
	if (lib_rc != ATRACK_OK)
		return cli_fail_lib(ctx, lib_rc, ctx->command);
	s.id = id;
	if (ctx->json)
		return cli_print_json(ctx, json_pack("{s:i, s:o}", "format_version", 1,
		                                     "status_code", status_json(&s)));
	cli_line("added status '%s' (%s%s, order %lld)", s.code, s.label,
	       s.is_terminal ? ", terminal" : "", (long long)s.sort_order);
	return CLI_EXIT_OK;
}

/* The status whose code is `code`, copied into *out (strings not kept). */
static int find_status(cli_ctx *ctx, const char *code, atrack_status *out)
{
	atrack_iter *it = NULL;
	int rc = atrack_status_list(ctx->db, &it);
	bool found = false;
	while (rc == ATRACK_OK && (rc = atrack_iter_next(it)) == ATRACK_OK) {
		const atrack_status *s = atrack_iter_status(it);
		if (strcmp(s->code, code) == 0) {
			*out = *s;
			out->code = out->label = NULL;
			found = true;
		}
	}
	atrack_iter_free(it);
	if (rc != ATRACK_DONE)
		return cli_fail_lib(ctx, rc, ctx->command);
	if (!found)
		return cli_fail(ctx, CLI_EXIT_NOTFOUND, "%s: no status '%s' (see 'atrack status-code "
		                "list')", ctx->command, code);
	return CLI_CONTINUE;
}

static int status_edit(cli_ctx *ctx, int argc, char **argv)
{
	static const cli_usage usage = {
		"status-code edit", "CODE [--label LABEL] [--order N]",
		"Change a status code's label or place in lists (the code itself, and whether it\n"
		"is terminal, stay: the history was checked against them).",
		1, 1, CLI_NEEDS_DB
	};
	const char *label = NULL;
	long order = LONG_MIN; /* not given */
	const cli_opt opts[] = {
		{ "label", 'l', CLI_STRING, &label, "LABEL", "how people read it" },
		{ "order", 0, CLI_INT, &order, "N", "place in lists" },
		CLI_OPT_END
	};
	char **args;
	int nargs;
	ctx->command = usage.name;
	int rc = cli_start(ctx, argc, argv, opts, &usage, &args, &nargs);
	if (rc != CLI_CONTINUE)
		return rc;
	atrack_status s;
	if ((rc = find_status(ctx, args[0], &s)) != CLI_CONTINUE)
		return rc;
	int lib_rc = atrack_status_edit(ctx->db, s.id, label,
	                                order != LONG_MIN ? (int64_t)order : s.sort_order);
	if (lib_rc != ATRACK_OK)
		return cli_fail_lib(ctx, lib_rc, ctx->command);
	cli_line("edited status '%s'", args[0]);
	return CLI_EXIT_OK;
}

static int status_rm(cli_ctx *ctx, int argc, char **argv)
{
	static const cli_usage usage = {
		"status-code rm", "CODE",
		"Remove a status code you added; refused while an update has it, and for the\n"
		"built-in codes.",
		1, 1, CLI_NEEDS_DB
	};
	const cli_opt opts[] = { CLI_OPT_END };
	char **args;
	int nargs;
	ctx->command = usage.name;
	int rc = cli_start(ctx, argc, argv, opts, &usage, &args, &nargs);
	if (rc != CLI_CONTINUE)
		return rc;
	atrack_status s;
	if ((rc = find_status(ctx, args[0], &s)) != CLI_CONTINUE)
		return rc;
	int lib_rc = atrack_status_delete(ctx->db, s.id);
	if (lib_rc != ATRACK_OK)
		return cli_fail_lib(ctx, lib_rc, ctx->command);
	cli_line("removed status '%s'", args[0]);
	return CLI_EXIT_OK;
}

int cmd_status_code(cli_ctx *ctx, int argc, char **argv)
{
	static const cli_verb verbs[] = {
		{ "add", status_add, "add a status code" },
		{ "list", status_list, "list the status codes" },
		{ "edit", status_edit, "change a status code's label or order" },
		{ "rm", status_rm, "remove an unused status code you added" },
	};
	return cli_dispatch_verbs(ctx, argc, argv, verbs, sizeof verbs / sizeof verbs[0]);
}
