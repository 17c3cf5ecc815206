/*
 * cmd_check.c - `atrack check`: is the database sound? SQLite's integrity
 * and foreign key checks and atrack's own invariants; each problem on its
 * own line (or in a JSON array), exit status 0 when sound and 1 when not.
 */
#include "cli.h"

typedef struct check_output {
	cli_table *table;
	json_t *problems;
	unsigned int count;
} check_output;

static const char *severity_name(atrack_severity severity)
{
	return severity == ATRACK_SEVERITY_NOTE ? "note" : "error";
}

static int on_problem(const atrack_problem *p, void *payload)
{
	check_output *out = payload;
	out->count++;
	char row_id[24];
	snprintf(row_id, sizeof row_id, "%lld", (long long)p->row_id);
	if (out->problems) {
		/* The message may quote a value that is not UTF-8 (a damaged slug). */
		json_array_append_new(out->problems, json_pack("{s:s, s:s, s:s?, s:I, s:o}",
		                      "check", p->check, "severity", severity_name(p->severity),
		                      "table", p->table, "row_id", (json_int_t)p->row_id,
		                      "message", cli_json_text(p->message)));
	} else {
		const char *cells[] = { severity_name(p->severity), p->check, p->table ? p->table : "-",
		                        p->row_id ? row_id : "-", p->message };
		cli_table_row(out->table, cells);
	}
	return 0;
}

int cmd_check(cli_ctx *ctx, int argc, char **argv)
{
	static const cli_usage usage = {
		"check", NULL,
		"Check that the database is sound: SQLite's integrity and foreign key\n"
		"checks, then atrack's invariants (slugs, current status against the\n"
		"history, terminal statuses left only by a reopening update). Prints\n"
		"each problem; exit status 0 when sound (notes allowed), 1 when not.",
		0, 0, CLI_NEEDS_DB | CLI_READS
	};
	const cli_opt opts[] = { CLI_OPT_END };
	char **args;
	int nargs;
	int rc = cli_start(ctx, argc, argv, opts, &usage, &args, &nargs);
	if (rc != CLI_CONTINUE)
		return rc;
	static const char *const headers[] = { "severity", "check", "table", "row", "message" };
	check_output out = { NULL, NULL, 0 };
	if (ctx->json)
		out.problems = json_array();
	else
		out.table = cli_table_new(5, headers);
	int lib_rc = atrack_check(ctx->db, on_problem, &out);
	if (lib_rc != ATRACK_OK && lib_rc != ATRACK_CORRUPT) {
		json_decref(out.problems);
		cli_table_free(out.table);
		return cli_fail_lib(ctx, lib_rc, "check");
	}
	bool sound = lib_rc == ATRACK_OK;
	if (ctx->json) {
		rc = cli_print_json(ctx, json_pack("{s:i, s:b, s:o}", "format_version", 1,
		                                   "sound", sound, "problems", out.problems));
	} else {
		rc = CLI_EXIT_OK;
		if (out.count == 0)
			printf("sound: no problems found\n");
		else
			rc = cli_table_print(out.table, stdout);
		cli_table_free(out.table);
	}
	if (!sound) {
		fprintf(stderr, "atrack: check: %s\n", atrack_errmsg(ctx->db));
		return CLI_EXIT_FAILURE;
	}
	return rc;
}
