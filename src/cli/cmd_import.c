/*
 * cmd_import.c - `atrack import [FILE|-]`: read a fact sheet (the bundled
 * one when no file is named) into the database and say what was found and
 * what was new; with --dry-run, say it and write nothing.
 */
#include "cli.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* Read all of `path` ("-" for stdin), refusing more than `limit` bytes
 * before reading further. Returns CLI_CONTINUE or an exit code. */
static int read_input(cli_ctx *ctx, const char *path, size_t limit, char **out, size_t *out_len)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (!f)
		return cli_fail(ctx, errno == ENOENT ? CLI_EXIT_NOTFOUND : CLI_EXIT_FAILURE,
		                "import: cannot open '%s': %s", path, strerror(errno));
	size_t cap = 64 * 1024, len = 0;
	char *data = malloc(cap);
	int rc = CLI_CONTINUE;
	while (data) {
		if (len == cap) {
			char *grown = cap > limit ? NULL : realloc(data, cap * 2);
			if (!grown) {
				rc = cap > limit ? CLI_EXIT_INVALID : CLI_EXIT_FAILURE;
				break;
			}
			data = grown;
			cap *= 2;
		}
		size_t got = fread(data + len, 1, cap - len, f);
		len += got;
		if (len > limit) {
			rc = CLI_EXIT_INVALID;
			break;
		}
		if (got == 0)
			break;
	}
	bool read_error = ferror(f);
	if (f != stdin)
		fclose(f);
	if (!data)
		return cli_fail(ctx, CLI_EXIT_FAILURE, "import: out of memory");
	if (rc == CLI_EXIT_INVALID) {
		free(data);
		return cli_fail(ctx, rc, "import: %s:1:1: file is larger than the limit of %zu bytes",
		                path, limit);
	}
	if (rc != CLI_CONTINUE || read_error) {
		free(data);
		return cli_fail(ctx, CLI_EXIT_FAILURE, "import: cannot read '%s'", path);
	}
	*out = data;
	*out_len = len;
	return CLI_CONTINUE;
}

static const char *outcome_name(atrack_import_outcome outcome)
{
	switch (outcome) {
	case ATRACK_IMPORT_NEW: return "new";
	case ATRACK_IMPORT_UNCHANGED: return "unchanged";
	case ATRACK_IMPORT_REVISED: return "revised";
	}
	return "unknown";
}

/* The kinds counted in an import result, for both printers. */
static const struct {
	const char *name;
	size_t offset;
} counted_kinds[] = {
	{ "meetings", offsetof(atrack_import_result, meetings) },
	{ "people", offsetof(atrack_import_result, people) },
	{ "participants", offsetof(atrack_import_result, participants) },
	{ "parties", offsetof(atrack_import_result, parties) },
	{ "sections", offsetof(atrack_import_result, sections) },
	{ "initiatives", offsetof(atrack_import_result, initiatives) },
	{ "frameworks", offsetof(atrack_import_result, frameworks) },
	{ "focus_areas", offsetof(atrack_import_result, focus_areas) },
	{ "exercises", offsetof(atrack_import_result, exercises) },
	{ "cited_documents", offsetof(atrack_import_result, cited_documents) },
	{ "links", offsetof(atrack_import_result, links) },
};

static const atrack_import_count *count_of(const atrack_import_result *r, size_t i)
{
	return (const atrack_import_count *)((const char *)r + counted_kinds[i].offset);
}

static int print_json(cli_ctx *ctx, const atrack_import_result *r, bool dry_run,
                      const char *source, const char *model_json)
{
	json_t *counts = json_object();
	for (size_t i = 0; counts && i < sizeof counted_kinds / sizeof counted_kinds[0]; i++)
		json_object_set_new(counts, counted_kinds[i].name,
		                    json_pack("{s:i, s:i}", "found", (int)count_of(r, i)->found,
		                              "added", (int)count_of(r, i)->added));
	json_t *j = json_pack("{s:i, s:o, s:b, s:s, s:{s:I, s:s}, s:o, s:i}",
	                      "format_version", 1, "source", cli_json_text(source), "dry_run", dry_run,
	                      "outcome", outcome_name(r->outcome),
	                      "document", "id", (json_int_t)r->document_id, "slug", r->document_slug,
	                      "counts", counts,
	                      "initiatives_no_longer_in_document",
	                      (int)r->initiatives_no_longer_in_document);
	if (j && model_json) {
		json_error_t error;
		json_t *model = json_loads(model_json, JSON_DECODE_ANY, &error);
		json_object_set_new(j, "model", model ? model : json_null());
	}
	return cli_print_json(ctx, j);
}

static int print_text(const atrack_import_result *r, bool dry_run, const char *source)
{
	const char *prefix = dry_run ? "dry run, nothing written: " : "";
	switch (r->outcome) {
	case ATRACK_IMPORT_UNCHANGED:
		cli_line("%s%s: already imported as '%s', unchanged", prefix, source, r->document_slug);
		return CLI_EXIT_OK;
	case ATRACK_IMPORT_REVISED:
		cli_line("%s%s: revised '%s' in place", prefix, source, r->document_slug);
		break;
	case ATRACK_IMPORT_NEW:
		cli_line("%s%s: imported as '%s'", prefix, source, r->document_slug);
		break;
	}
	static const char *const headers[] = { "kind", "found", "new" };
	cli_table *t = cli_table_new(3, headers);
	for (size_t i = 0; i < sizeof counted_kinds / sizeof counted_kinds[0]; i++) {
		char found[16], added[16];
		snprintf(found, sizeof found, "%u", count_of(r, i)->found);
		snprintf(added, sizeof added, "%u", count_of(r, i)->added);
		const char *cells[] = { counted_kinds[i].name, found, added };
		cli_table_row(t, cells);
	}
	int rc = cli_table_print(t, stdout);
	cli_table_free(t);
	if (r->initiatives_no_longer_in_document)
		printf("%u initiative(s) of the earlier text are no longer in it; kept with their updates\n",
		       r->initiatives_no_longer_in_document);
	return rc;
}

int cmd_import(cli_ctx *ctx, int argc, char **argv)
{
	static const cli_usage usage = {
		"import", "[--format factsheet|json] [FILE|-] [--dry-run] [--date YYYY-MM-DD]",
		"Import a fact sheet (the bundled one when no FILE is given; - reads stdin).\n"
		"Importing the same text again changes nothing; a revised text of a known\n"
		"document is updated in place, keeping its progress updates.\n"
		"New initiatives start 'announced', dated by their meeting; --date gives the\n"
		"meeting's date when the text has none (without either the import is refused,\n"
		"exit 4). An announcement is never dated after today.\n"
		"With --format json, import a document 'atrack export' wrote: rows already\n"
		"there are matched, not duplicated; rows that differ are conflicts, and the\n"
		"import fails unless --keep-existing.",
		0, 1, CLI_NEEDS_DB
	};
	bool dry_run = false, keep_existing = false;
	const char *format = "factsheet";
	const char *date = NULL;
	const cli_opt opts[] = {
		{ "dry-run", 'n', CLI_FLAG, &dry_run, NULL,
		  "show what would be imported and write nothing (with --json: the parsed model too)" },
		{ "format", 0, CLI_STRING, &format, "FORMAT", "factsheet (the default) or json" },
		{ "date", 0, CLI_STRING, &date, "YYYY-MM-DD",
		  "factsheet: the meeting's date, when the text gives none" },
		{ "keep-existing", 0, CLI_FLAG, &keep_existing, NULL,
		  "json: on a conflict keep the database's row and go on" },
		CLI_OPT_END
	};
	char **args;
	int nargs;
	int rc = cli_start(ctx, argc, argv, opts, &usage, &args, &nargs);
	if (rc != CLI_CONTINUE)
		return rc;
	if (strcmp(format, "json") == 0 && date)
		return cli_fail(ctx, CLI_EXIT_USAGE, "import: --date is for a fact sheet, not --format json");
	if (strcmp(format, "json") == 0)
		return cli_import_json(ctx, nargs ? args[0] : NULL, dry_run, keep_existing);
	if (strcmp(format, "factsheet") != 0)
		return cli_fail(ctx, CLI_EXIT_USAGE, "import: unknown format '%s' (factsheet or json)", format);

	char *owned = NULL;
	const char *text;
	size_t len;
	const char *source;
	if (nargs == 0) {
		text = atrack_bundled_factsheet(&len, &source);
	} else {
		source = args[0];
		rc = read_input(ctx, source, ATRACK_FACTSHEET_MAX_BYTES, &owned, &len);
		if (rc != CLI_CONTINUE)
			return rc;
		text = owned;
	}

	atrack_import_opts options = ATRACK_IMPORT_OPTS_INIT;
	options.source_name = source;
	options.flags = dry_run ? ATRACK_IMPORT_DRY_RUN : 0;
	options.meeting_date = date;
	atrack_import_result result;
	int lib_rc = atrack_import_factsheet(ctx->db, text, len, &options, &result);
	char *model_json = NULL;
	if (lib_rc == ATRACK_OK && dry_run && ctx->json)
		lib_rc = atrack_factsheet_json(ctx->db, text, len, source, &model_json);
	free(owned);
	if (lib_rc == ATRACK_INVALID && !date && strstr(atrack_errmsg(ctx->db), "date is unknown"))
		return cli_fail(ctx, CLI_EXIT_INVALID, "import: %s: give it with --date YYYY-MM-DD",
		                atrack_errmsg(ctx->db));
	if (lib_rc != ATRACK_OK)
		return cli_fail_lib(ctx, lib_rc, "import");
	rc = ctx->json ? print_json(ctx, &result, dry_run, source, model_json)
	               : print_text(&result, dry_run, source);
	atrack_free(model_json);
	return rc;
}
