/*
 * cmd_export.c - `atrack export`: the whole database as one JSON document
 * (docs/export-format.md) on stdout or, atomically, in a file; and its
 * inverse, the JSON half of `atrack import --format json`, which reports
 * what was added, matched and in conflict for each array.
 */
#include "cli.h"

#include <string.h>

int cmd_export(cli_ctx *ctx, int argc, char **argv)
{
	static const cli_usage usage = {
		"export", "[--format json] [-o FILE] [--audit-log]",
		"Write the whole database as one JSON document (format \"atrack-export\",\n"
		"version 1; see docs/export-format.md) to stdout or FILE. The same\n"
		"database always gives the same bytes; 'atrack import --format json'\n"
		"reads it back.",
		0, 0, CLI_NEEDS_DB | CLI_READS
	};
	const char *format = "json";
	const char *output = NULL;
	bool audit_log = false;
	const cli_opt opts[] = {
		{ "format", 0, CLI_STRING, &format, "FORMAT", "json (the only one)" },
		{ "output", 'o', CLI_STRING, &output, "FILE", "write FILE (replaced whole, atomically) instead of stdout" },
		{ "audit-log", 0, CLI_FLAG, &audit_log, NULL, "add the audit log" },
		CLI_OPT_END
	};
	char **args;
	int nargs;
	int rc = cli_start(ctx, argc, argv, opts, &usage, &args, &nargs);
	if (rc != CLI_CONTINUE)
		return rc;
	if (strcmp(format, "json") != 0)
		return cli_fail(ctx, CLI_EXIT_USAGE, "export: unknown format '%s' (json is the only one)",
		                format);
	atrack_exchange_opts options = ATRACK_EXCHANGE_OPTS_INIT;
	options.flags = audit_log ? ATRACK_EXCHANGE_AUDIT_LOG : 0;
	int lib_rc = output && strcmp(output, "-") != 0
	             ? atrack_export_path(ctx->db, &options, output)
	             : atrack_export_file(ctx->db, &options, stdout);
	if (lib_rc != ATRACK_OK)
		return cli_fail_lib(ctx, lib_rc, "export");
	return CLI_EXIT_OK;
}

static void print_conflict(const char *path, const char *message, void *payload)
{
	(void)payload;
	fprintf(stderr, "atrack: import: conflict: %s: %s\n", path, message);
}

static int print_result_json(cli_ctx *ctx, const atrack_exchange_result *r, bool dry_run,
                             const char *source, int lib_rc)
{
	json_t *tables = json_object();
	for (unsigned int i = 0; tables && i < r->table_count; i++) {
		const atrack_exchange_count *c = &r->tables[i].count;
		json_object_set_new(tables, r->tables[i].name,
		                    json_pack("{s:i, s:i, s:i, s:i}", "in_document", (int)c->in_document,
		                              "added", (int)c->added, "matched", (int)c->matched,
		                              "conflicts", (int)c->conflicts));
	}
	json_t *j = json_pack("{s:i, s:o, s:b, s:b, s:o, s:i, s:i}", "format_version", 1,
	                      "source", cli_json_text(source), "dry_run", dry_run, "imported",
	                      lib_rc == ATRACK_OK && !dry_run, "tables", tables,
	                      "conflicts", (int)r->conflicts,
	                      "audit_log_skipped", (int)r->audit_log_skipped);
	return cli_print_json(ctx, j);
}

static int print_result_text(const atrack_exchange_result *r, bool dry_run, const char *source)
{
	printf("%s%s: %u conflict%s\n", dry_run ? "dry run, nothing written: " : "", source,
	       r->conflicts, r->conflicts == 1 ? "" : "s");
	static const char *const headers[] = { "table", "in document", "added", "matched", "conflicts" };
	cli_table *t = cli_table_new(5, headers);
	for (unsigned int i = 0; i < r->table_count; i++) {
		const atrack_exchange_count *c = &r->tables[i].count;
		char cells[4][16];
		snprintf(cells[0], sizeof cells[0], "%u", c->in_document);
		snprintf(cells[1], sizeof cells[1], "%u", c->added);
		snprintf(cells[2], sizeof cells[2], "%u", c->matched);
		snprintf(cells[3], sizeof cells[3], "%u", c->conflicts);
		const char *row[] = { r->tables[i].name, cells[0], cells[1], cells[2], cells[3] };
		cli_table_row(t, row);
	}
	int rc = cli_table_print(t, stdout);
	cli_table_free(t);
	if (r->audit_log_skipped)
		printf("%u audit log entries skipped: this database keeps its own log\n",
		       r->audit_log_skipped);
	return rc;
}

int cli_import_json(cli_ctx *ctx, const char *path, bool dry_run, bool keep_existing)
{
	if (!path)
		return cli_fail(ctx, CLI_EXIT_USAGE, "import: --format json needs a FILE (- for stdin)");
	atrack_exchange_opts options = ATRACK_EXCHANGE_OPTS_INIT;
	options.flags = (dry_run ? ATRACK_EXCHANGE_DRY_RUN : 0) |
	                (keep_existing ? ATRACK_EXCHANGE_KEEP_EXISTING : 0);
	options.source_name = path;
	options.conflict_cb = print_conflict;
	atrack_exchange_result result;
	int lib_rc = strcmp(path, "-") == 0
	             ? atrack_import_json_file(ctx->db, stdin, &options, &result)
	             : atrack_import_json_path(ctx->db, path, &options, &result);
	if (lib_rc != ATRACK_OK && lib_rc != ATRACK_CONFLICT)
		return cli_fail_lib(ctx, lib_rc, "import");
	/* With conflicts, the counts still say what the document holds. */
	int rc = ctx->json ? print_result_json(ctx, &result, dry_run, path, lib_rc)
	                   : print_result_text(&result, dry_run, path);
	if (lib_rc != ATRACK_OK) {
		bool json = ctx->json;
		ctx->json = false; /* one JSON document on stdout */
		rc = cli_fail_lib(ctx, lib_rc, "import");
		ctx->json = json;
	}
	return rc;
}
