/*
 * cmd_log.c - `atrack log`: the audit log, newest first, filtered by the
 * thing changed (kind and id or slug), the day, and the authors. Each entry
 * shows which fields a change touched; --json gives the whole rows before
 * and after.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

/* The row images as JSON values (they are JSON objects in the database;
 * a damaged one is shown as the text it is). */
static json_t *row_json(const char *text)
{
	if (!text)
		return json_null();
	json_t *j = json_loads(text, 0, NULL);
	return j ? j : cli_json_text(text);
}

static json_t *entry_json(const atrack_audit_entry *e)
{
	json_t *j = json_object();
	if (!j)
		return NULL;
	json_object_set_new(j, "id", json_integer(e->id));
	json_object_set_new(j, "at", cli_json_string_or_null(e->at));
	json_object_set_new(j, "author", cli_json_string_or_null(e->author));
	json_object_set_new(j, "table_name", cli_json_string_or_null(e->table_name));
	json_object_set_new(j, "kind", cli_json_string_or_null(e->kind));
	json_object_set_new(j, "row_id", json_integer(e->row_id));
	json_object_set_new(j, "action", cli_json_string_or_null(e->action));
	json_object_set_new(j, "before_json", row_json(e->before_json));
	json_object_set_new(j, "after_json", row_json(e->after_json));
	return j;
}

/* Where "key": appears in the row's JSON text: jansson does not keep the
 * order of keys it reads, and the columns' order reads best. */
static size_t key_position(const char *text, const char *key)
{
	char quoted[80];
	snprintf(quoted, sizeof quoted, "\"%s\":", key);
	const char *at = strstr(text, quoted);
	return at ? (size_t)(at - text) : (size_t)-1;
}

/* For an update, the names of the fields whose values differ, in column
 * order. */
static void changed_fields(const atrack_audit_entry *e, char *buf, size_t size)
{
	buf[0] = '\0';
	if (strcmp(e->action, "update") != 0 || !e->before_json || !e->after_json) {
		snprintf(buf, size, "%s", strcmp(e->action, "insert") == 0 ? "created" : "deleted");
		return;
	}
	json_t *before = json_loads(e->before_json, 0, NULL);
	json_t *after = json_loads(e->after_json, 0, NULL);
	const char *keys[64];
	size_t count = 0;
	const char *key;
	json_t *value;
	json_object_foreach(after, key, value) {
		if (count == sizeof keys / sizeof keys[0])
			break;
		if (json_equal(value, json_object_get(before, key)))
			continue;
		/* Insertion sort by place in the text: a row has few columns. */
		size_t i = count++;
		size_t pos = key_position(e->after_json, key);
		while (i > 0 && key_position(e->after_json, keys[i - 1]) > pos) {
			keys[i] = keys[i - 1];
			i--;
		}
		keys[i] = key;
	}
	size_t used = 0;
	for (size_t i = 0; i < count; i++) {
		int n = snprintf(buf + used, size - used, "%s%s", used ? ", " : "", keys[i]);
		if (n < 0 || (size_t)n >= size - used)
			break;
		used += (size_t)n;
	}
	if (!count)
		snprintf(buf, size, "no change");
	json_decref(before);
	json_decref(after);
}

int cmd_log(cli_ctx *ctx, int argc, char **argv)
{
	static const cli_usage usage = {
		"log", "[--kind KIND [--id REF]] [--since DATE] [--until DATE] [--author NAME]... [--limit N]",
		"Show the audit log, newest first: every change to every table, by whom.\n"
		"--author filters by who made them (repeat it for any of several); the global\n"
		"--author goes unused here, so it is refused before the command.",
		0, 0, CLI_NEEDS_DB | CLI_READS
	};
	bool wide = false;
	const char *kind_name = NULL, *ref = NULL;
	atrack_audit_filter f = ATRACK_AUDIT_FILTER_INIT;
	long limit = 0;
	cli_values authors = { 0 };
	const cli_opt opts[] = {
		{ "kind", 'k', CLI_STRING, &kind_name, "KIND", "only changes to this kind: initiative, update, status, ..." },
		{ "id", 0, CLI_STRING, &ref, "REF", "only changes to this one (id or slug; needs --kind)" },
		{ "since", 0, CLI_STRING, &f.since, "DATE", "changes on or after DATE (UTC)" },
		{ "until", 0, CLI_STRING, &f.until, "DATE", "changes on or before DATE (UTC)" },
		/* Shadows the global --author, which a read has no use for. */
		{ "author", 0, CLI_NAMES, &authors, "NAME", "changes by NAME; repeat for any of several" },
		{ "limit", 'n', CLI_INT, &limit, "N", "at most N entries" },
		{ "wide", 0, CLI_FLAG, &wide, NULL, "every column at full width, whatever the terminal" },
		CLI_OPT_END
	};
	char **args;
	int nargs;
	int rc = cli_start(ctx, argc, argv, opts, &usage, &args, &nargs);
	if (rc != CLI_CONTINUE)
		return rc;
	if (ref && !kind_name)
		return cli_fail(ctx, CLI_EXIT_USAGE, "log: --id needs --kind");
	if (kind_name && atrack_kind_from_name(kind_name, &f.kind) != ATRACK_OK)
		return cli_fail(ctx, CLI_EXIT_INVALID, "log: kind: no kind '%s'", kind_name);
	int lib_rc = ATRACK_OK;
	if (ref) {
		/* A deleted thing can no longer be resolved, but its log stays:
		 * a plain number is taken as the id. */
		lib_rc = atrack_resolve(ctx->db, f.kind, ref, &f.row_id);
		if (lib_rc == ATRACK_NOTFOUND && strspn(ref, "0123456789") == strlen(ref)) {
			f.row_id = strtoll(ref, NULL, 10);
			lib_rc = ATRACK_OK;
		}
	}
	f.limit = limit;
	/* The library takes one author: several are kept here, and so is the
	 * limit (the library still checks it first). */
	bool by_authors = authors.n > 1;
	if (authors.n == 1)
		f.author = authors.v[0];
	else if (by_authors && limit >= 0)
		f.limit = 0;
	atrack_iter *it = NULL;
	if (lib_rc == ATRACK_OK)
		lib_rc = atrack_audit_list(ctx->db, &f, &it);
	if (lib_rc != ATRACK_OK)
		return cli_fail_lib(ctx, lib_rc, "log");

	static const char *const headers[] = { "ID", "AT", "AUTHOR", "ACTION", "WHAT", "CHANGES" };
	cli_list list;
	cli_list_begin(ctx, &list, "entries", 6, headers);
	/* At 80 columns the action goes first (the changes say "created"). */
	static const unsigned char drop[] = { 0, 0, 0, 2, 0, 0 };
	cli_table_fit(list.table, drop, wide);
	long kept = 0;
	while ((lib_rc = atrack_iter_next(it)) == ATRACK_OK) {
		const atrack_audit_entry *e = atrack_iter_audit(it);
		if (by_authors) {
			if (!cli_values_has(&authors, e->author))
				continue;
			if (limit > 0 && ++kept > limit) {
				lib_rc = ATRACK_DONE;
				break;
			}
		}
		if (list.json) {
			json_array_append_new(list.json, entry_json(e));
			continue;
		}
		char id[24], what[96], changes[256];
		snprintf(id, sizeof id, "%lld", (long long)e->id);
		snprintf(what, sizeof what, "%s %lld", e->kind ? e->kind : e->table_name,
		         (long long)e->row_id);
		changed_fields(e, changes, sizeof changes);
		const char *cells[] = { id, e->at, e->author, e->action, what, changes };
		cli_table_row(list.table, cells);
	}
	return cli_list_end(ctx, &list, it, lib_rc);
}
