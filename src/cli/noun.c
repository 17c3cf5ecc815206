/*
 * noun.c - the verbs every noun command shares (list, show, add, edit, rm),
 * written once and driven by the library's description of each struct
 * (atrack_fields): the options of add and edit, the JSON objects and the
 * table cells all come from it, so a noun's command file only says which
 * columns its list shows and what its show adds.
 */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define MAX_OPTS 40

/* ---- Values of members ---------------------------------------------------- */

static const void *member(const void *row, const atrack_field *f)
{
	return (const char *)row + f->offset;
}

/* The member as a number, and whether it holds one at all. */
static bool member_number(const void *row, const atrack_field *f, long long *out)
{
	const void *p = member(row, f);
	long long v = (f->type == ATRACK_FIELD_REF || f->type == ATRACK_FIELD_INT64)
		? (long long)*(const int64_t *)p : (long long)*(const int *)p;
	*out = v;
	if (f->type == ATRACK_FIELD_REF || (f->flags & ATRACK_FIELD_ZERO_NONE))
		return v != 0;
	if (f->flags & ATRACK_FIELD_NEG_NONE)
		return v >= 0;
	return true;
}

static bool is_text(const atrack_field *f)
{
	return f->type == ATRACK_FIELD_TEXT || f->type == ATRACK_FIELD_SLUG ||
	       f->type == ATRACK_FIELD_DATE || f->type == ATRACK_FIELD_TIME ||
	       f->type == ATRACK_FIELD_ENUM;
}

json_t *cli_entity_json(atrack_kind kind, const void *row)
{
	size_t n;
	const atrack_field *fields = atrack_fields(kind, &n);
	json_t *o = json_object();
	if (!o)
		return NULL;
	json_object_set_new(o, "id", json_integer(*(const int64_t *)row));
	for (size_t i = 0; i < n; i++) {
		const atrack_field *f = &fields[i];
		json_t *v;
		long long num;
		if (is_text(f)) {
			const char *s = *(const char *const *)member(row, f);
			v = cli_json_string_or_null(s);
		} else if (f->type == ATRACK_FIELD_BOOL) {
			member_number(row, f, &num);
			v = json_boolean(num);
		} else {
			v = member_number(row, f, &num) ? json_integer(num) : json_null();
		}
		json_object_set_new(o, f->name, v);
	}
	return o;
}

/* The member as table text ("-" for none), in buf. */
static const char *cell_text(const void *row, const char *name, atrack_kind kind,
                             char *buf, size_t size)
{
	if (strcmp(name, "id") == 0) {
		snprintf(buf, size, "%lld", (long long)*(const int64_t *)row);
		return buf;
	}
	size_t n;
	const atrack_field *fields = atrack_fields(kind, &n);
	for (size_t i = 0; i < n; i++) {
		const atrack_field *f = &fields[i];
		if (strcmp(f->name, name) != 0)
			continue;
		long long num;
		if (is_text(f)) {
			const char *s = *(const char *const *)member(row, f);
			return s ? s : "-";
		}
		bool has = member_number(row, f, &num);
		if (f->type == ATRACK_FIELD_BOOL)
			return num ? "yes" : "no";
		if (!has)
			return "-";
		snprintf(buf, size, "%lld", num);
		return buf;
	}
	return "?";
}

/* ---- Tables of rows ---------------------------------------------------- */


/* Which columns of a list a narrow terminal loses first (higher first; 0
 * never): the id, the slug, the name or title, status, health and the
 * date that orders the list stay; kinds, ordinals, positions and the
 * like go; a column not named here goes only when cutting the others to
 * 8 would not be enough. */
unsigned char cli_column_priority(const char *column)
{
	static const struct { const char *name; unsigned char priority; } priorities[] = {
		{ "id", 0 }, { "slug", 0 }, { "name", 0 }, { "title", 0 }, { "status", 0 },
		{ "health", 0 }, { "start_date", 0 }, { "event_date", 0 },
		{ "ordinal", 4 }, { "position", 4 }, { "source", 3 }, { "section_slug", 3 },
		{ "short_kind", 3 }, { "kind", 2 }, { "short_name", 2 }, { "target_date", 2 },
		{ "party_slug", 2 },
	};
	for (size_t i = 0; i < sizeof priorities / sizeof priorities[0]; i++)
		if (strcmp(priorities[i].name, column) == 0)
			return priorities[i].priority;
	return 1;
}

int cli_print_rows_fit(cli_ctx *ctx, atrack_iter *it, atrack_kind kind, const char *plural,
                       const char *const *columns, const char *const *headers, json_t *extra,
                       const unsigned char *drop, bool wide, const cli_row_keep *keep)
{
	json_t *array = NULL;
	cli_table *table = NULL;
	int ncol = 0;
	while (columns[ncol])
		ncol++;
	if (ctx->json)
		array = json_array();
	else
		table = cli_table_new(ncol, headers ? headers : columns);
	/* No priorities given: those of the column names. */
	unsigned char by_name[16];
	if (!drop) {
		for (int c = 0; c < ncol && c < 16; c++)
			by_name[c] = cli_column_priority(columns[c]);
		drop = by_name;
	}
	cli_table_fit(table, drop, wide);
	int rc;
	long kept = 0;
	while ((rc = atrack_iter_next(it)) == ATRACK_OK) {
		const void *row = atrack_iter_entity(it);
		if (keep && keep->keep) {
			if (!keep->keep(row, keep->ctx) || kept++ < keep->offset)
				continue;
			if (keep->limit > 0 && kept > keep->offset + keep->limit)
				break;
		}
		if (array) {
			json_array_append_new(array, cli_entity_json(kind, row));
			continue;
		}
		char bufs[16][32];
		const char *cells[16];
		for (int c = 0; c < ncol && c < 16; c++)
			cells[c] = cell_text(row, columns[c], kind, bufs[c], sizeof bufs[c]);
		cli_table_row(table, cells);
	}
	if (rc != ATRACK_DONE && rc != ATRACK_OK) {
		json_decref(array);
		json_decref(extra);
		cli_table_free(table);
		return cli_fail_lib(ctx, rc, "cannot list");
	}
	if (array) {
		json_t *doc = json_pack("{s:i}", "format_version", 1);
		if (extra)
			json_object_update(doc, extra);
		json_decref(extra);
		json_object_set_new(doc, plural, array);
		return cli_print_json(ctx, doc);
	}
	json_decref(extra);
	int out = cli_table_print(table, stdout);
	cli_table_free(table);
	return out;
}

/* ---- Options from members -------------------------------------------------- */

/* The option for member f: its name without "_id" for references
 * (--section), with '-' for '_' (--target-date). */
static void option_name(const atrack_field *f, char *buf, size_t size)
{
	size_t len = strlen(f->name);
	if (f->type == ATRACK_FIELD_REF && len > 3 && strcmp(f->name + len - 3, "_id") == 0)
		len -= 3;
	snprintf(buf, size, "%.*s", (int)len, f->name);
	for (char *p = buf; *p; p++)
		if (*p == '_')
			*p = '-';
}

typedef struct member_opts {
	cli_opt opts[MAX_OPTS];
	char names[MAX_OPTS][32];
	char helps[MAX_OPTS][160];
	const char *values[MAX_OPTS];
	const atrack_field *fields[MAX_OPTS];
	int count;
} member_opts;

static void add_opt(member_opts *m, const char *name, cli_opt_kind kind, void *target,
                    const char *arg, const char *help)
{
	int i = m->count++;
	snprintf(m->names[i], sizeof m->names[i], "%s", name);
	snprintf(m->helps[i], sizeof m->helps[i], "%s", help);
	m->opts[i] = (cli_opt){ m->names[i], 0, kind, target, arg, m->helps[i] };
	m->opts[i + 1] = (cli_opt)CLI_OPT_END;
}

/* One option per writable member of `kind`. */
static void member_options(member_opts *m, atrack_kind kind)
{
	size_t n;
	const atrack_field *fields = atrack_fields(kind, &n);
	for (size_t i = 0; i < n && m->count + 2 < MAX_OPTS; i++) {
		const atrack_field *f = &fields[i];
		if (f->flags & ATRACK_FIELD_READONLY)
			continue;
		char name[32], help[160];
		const char *arg = "TEXT";
		option_name(f, name, sizeof name);
		snprintf(help, sizeof help, "%s%s", f->name,
		         (f->flags & ATRACK_FIELD_REQUIRED) ? " (required)" : "");
		switch (f->type) {
		case ATRACK_FIELD_REF:
			arg = "REF";
			snprintf(help, sizeof help, "the %s (slug or id)", atrack_kind_name(f->ref));
			break;
		case ATRACK_FIELD_DATE: arg = "DATE"; break;
		case ATRACK_FIELD_TIME: arg = "TIME"; break;
		case ATRACK_FIELD_INT:
		case ATRACK_FIELD_INT64: arg = "N"; break;
		case ATRACK_FIELD_SLUG: arg = "SLUG"; break;
		case ATRACK_FIELD_ENUM: {
			size_t used = (size_t)snprintf(help, sizeof help, "one of");
			for (const char *const *c = f->choices; *c && used < sizeof help; c++)
				used += (size_t)snprintf(help + used, sizeof help - used, " %s", *c);
			arg = "KIND";
			break;
		}
		default: break;
		}
		m->fields[m->count] = f;
		add_opt(m, name, CLI_STRING, &m->values[m->count], arg, help);
	}
}

/* Put the given options into the struct at `in`; *bits gets their field
 * bits. A "" clears a member. References are resolved. */
static int apply_members(cli_ctx *ctx, const member_opts *m, void *in, unsigned int *bits)
{
	*bits = 0;
	for (int i = 0; i < m->count; i++) {
		const atrack_field *f = m->fields[i];
		const char *v = m->values[i];
		if (!f || !v)
			continue;
		*bits |= f->bit;
		void *p = (char *)in + f->offset;
		if (is_text(f)) {
			*(const char **)p = *v ? v : NULL;
		} else if (f->type == ATRACK_FIELD_REF) {
			int64_t id = 0;
			if (*v) {
				int rc = cli_resolve(ctx, f->ref, v, &id);
				if (rc != ATRACK_OK)
					return cli_fail_lib(ctx, rc, m->names[i]);
			}
			*(int64_t *)p = id;
		} else {
			char *end = NULL;
			errno = 0;
			long long num = *v ? strtoll(v, &end, 10) : 0;
			if (*v && (errno || *end || num < -2147483647LL || num > 2147483647LL))
				return cli_fail(ctx, CLI_EXIT_INVALID, "%s: '%s' is not a whole number",
				                f->name, v);
			if (f->type == ATRACK_FIELD_INT64)
				*(int64_t *)p = num;
			else
				*(int *)p = (int)num;
		}
	}
	return CLI_CONTINUE;
}

/* ---- The verbs ------------------------------------------------------------ */

/* How a thing is named in messages: its slug, else "#id". */
static void thing_label(atrack_kind kind, const void *row, char *buf, size_t size)
{
	size_t n;
	const atrack_field *fields = atrack_fields(kind, &n);
	if (n && fields[0].type == ATRACK_FIELD_SLUG)
		snprintf(buf, size, "'%s'", *(const char *const *)member(row, &fields[0]));
	else
		snprintf(buf, size, "#%lld", (long long)*(const int64_t *)row);
}

/* Parse a verb that takes one REF, then read the thing it names; *out is
 * freed with atrack_entity_free. */
static int parse_and_load(cli_ctx *ctx, const cli_noun *noun, int argc, char **argv,
                          const cli_opt *opts, const cli_usage *usage, void **out)
{
	char **args;
	int nargs;
	int rc = cli_start(ctx, argc, argv, opts, usage, &args, &nargs);
	if (rc != CLI_CONTINUE)
		return rc;
	int64_t id;
	int lrc = cli_resolve(ctx, noun->kind, args[0], &id);
	if (lrc == ATRACK_OK)
		lrc = atrack_entity_get(ctx->db, noun->kind, id, out);
	if (lrc != ATRACK_OK)
		return cli_fail_lib(ctx, lrc, NULL);
	return CLI_CONTINUE;
}

int cli_finish_part(cli_ctx *ctx, int rc, json_t *doc, const char *key, json_t *array,
                    cli_table *table, size_t rows, const char *what)
{
	if (doc)
		json_object_set_new(doc, key, array);
	if (rows && rc == ATRACK_DONE) {
		putchar('\n');
		cli_table_print(table, stdout);
	}
	cli_table_free(table);
	if (rc != ATRACK_DONE)
		return cli_fail_lib(ctx, rc, what);
	return CLI_CONTINUE;
}

static int verb_list(cli_ctx *ctx, const cli_noun *noun, int argc, char **argv,
                     const cli_usage *usage)
{
	const char *search = NULL;
	long limit = 0, offset = 0;
	member_opts m = { .count = 0 };
	add_opt(&m, "search", CLI_STRING, &search, "TEXT", "only those whose name or slug contain TEXT");
	add_opt(&m, "limit", CLI_INT, &limit, "N", "at most N rows");
	add_opt(&m, "offset", CLI_INT, &offset, "N", "skip the first N rows");
	bool wide = false;
	add_opt(&m, "wide", CLI_FLAG, &wide, NULL, "every column at full width, whatever the terminal");
	size_t n;
	const atrack_field *fields = atrack_fields(noun->kind, &n);
	int first_filter = m.count;
	for (size_t i = 0; i < n; i++) {
		if (fields[i].type != ATRACK_FIELD_REF || fields[i].ref == ATRACK_KIND_DOCUMENT)
			continue;
		char name[32], help[64];
		option_name(&fields[i], name, sizeof name);
		snprintf(help, sizeof help, "only those of this %s", atrack_kind_name(fields[i].ref));
		m.fields[m.count] = &fields[i];
		add_opt(&m, name, CLI_STRING, &m.values[m.count], "REF", help);
	}
	char **args;
	int nargs;
	int rc = cli_start(ctx, argc, argv, m.opts, usage, &args, &nargs);
	if (rc != CLI_CONTINUE)
		return rc;
	atrack_list_opts opts = ATRACK_LIST_OPTS_INIT;
	opts.text = search;
	opts.limit = limit;
	opts.offset = offset;
	for (int i = first_filter; i < m.count; i++) {
		if (!m.values[i])
			continue;
		if (opts.of_kind)
			return cli_fail(ctx, CLI_EXIT_USAGE, "%s: give only one filter (--%s or --%s)",
			                usage->name, atrack_kind_name(opts.of_kind), m.names[i]);
		opts.of_kind = m.fields[i]->ref;
		int lrc = cli_resolve(ctx, opts.of_kind, m.values[i], &opts.of_id);
		if (lrc != ATRACK_OK)
			return cli_fail_lib(ctx, lrc, m.names[i]);
	}
	atrack_iter *it = NULL;
	int lrc = atrack_entity_list(ctx->db, noun->kind, &opts, &it);
	if (lrc != ATRACK_OK)
		return cli_fail_lib(ctx, lrc, "cannot list");
	rc = cli_print_rows_fit(ctx, it, noun->kind, noun->plural, noun->columns, NULL, NULL, NULL,
	                        wide, NULL);
	atrack_iter_free(it);
	return rc;
}

/* The things `row` is linked to, as JSON, or printed. */
static int show_links(cli_ctx *ctx, atrack_kind kind, int64_t id, json_t *doc)
{
	atrack_iter *it = NULL;
	int rc = atrack_link_list(ctx->db, kind, id, &it);
	if (rc != ATRACK_OK)
		return cli_fail_lib(ctx, rc, "cannot list links");
	json_t *array = doc ? json_array() : NULL;
	static const char *const headers[] = { "linked to", "slug", "name" };
	cli_table *table = doc ? NULL : cli_table_new(3, headers);
	size_t rows = 0;
	while ((rc = atrack_iter_next(it)) == ATRACK_OK) {
		const atrack_link_row *l = atrack_iter_link(it);
		if (array) {
			json_array_append_new(array, json_pack("{s:s, s:I, s:s?, s:s?}", "kind",
			                      atrack_kind_name(l->kind), "id", (json_int_t)l->id,
			                      "slug", l->slug, "name", l->name));
			continue;
		}
		const char *cells[] = { atrack_kind_name(l->kind), l->slug, l->name };
		cli_table_row(table, cells);
		rows++;
	}
	atrack_iter_free(it);
	return cli_finish_part(ctx, rc, doc, "links", array, table, rows, "cannot list links");
}

void cli_print_members(atrack_kind kind, const void *row)
{
	size_t n;
	const atrack_field *fields = atrack_fields(kind, &n);
	char buf[32];
	cli_line("%-18s %s", "id", cell_text(row, "id", kind, buf, sizeof buf));
	for (size_t i = 0; i < n; i++)
		cli_line("%-18s %s", fields[i].name, cell_text(row, fields[i].name, kind, buf, sizeof buf));
}

static int verb_show(cli_ctx *ctx, const cli_noun *noun, int argc, char **argv,
                     const cli_usage *usage)
{
	const cli_opt opts[] = { CLI_OPT_END };
	void *row = NULL;
	int rc = parse_and_load(ctx, noun, argc, argv, opts, usage, &row);
	if (rc != CLI_CONTINUE)
		return rc;
	int64_t id = *(const int64_t *)row;
	json_t *doc = NULL;
	if (ctx->json) {
		doc = json_pack("{s:i}", "format_version", 1);
		json_object_set_new(doc, atrack_kind_name(noun->kind), cli_entity_json(noun->kind, row));
	} else {
		cli_print_members(noun->kind, row);
	}
	atrack_entity_free(row);
	rc = show_links(ctx, noun->kind, id, doc);
	if (rc == CLI_CONTINUE && noun->show_more)
		rc = noun->show_more(ctx, id, doc);
	if (rc != CLI_CONTINUE) {
		json_decref(doc);
		return rc;
	}
	return doc ? cli_print_json(ctx, doc) : CLI_EXIT_OK;
}

/* After add or edit: say what was done, or print the thing as JSON. */
static int report_written(cli_ctx *ctx, const cli_noun *noun, int64_t id, const char *verb)
{
	void *row = NULL;
	int rc = atrack_entity_get(ctx->db, noun->kind, id, &row);
	if (rc != ATRACK_OK)
		return cli_fail_lib(ctx, rc, NULL);
	if (ctx->json) {
		json_t *doc = json_pack("{s:i}", "format_version", 1);
		json_object_set_new(doc, atrack_kind_name(noun->kind), cli_entity_json(noun->kind, row));
		atrack_entity_free(row);
		return cli_print_json(ctx, doc);
	}
	char label[256];
	thing_label(noun->kind, row, label, sizeof label);
	cli_line("%s %s %s (id %lld)", verb, noun->name, label, (long long)id);
	atrack_entity_free(row);
	return CLI_EXIT_OK;
}

static int verb_add_edit(cli_ctx *ctx, const cli_noun *noun, int argc, char **argv,
                         const cli_usage *usage, bool adding)
{
	member_opts m = { .count = 0 };
	member_options(&m, noun->kind);
	char **args;
	int nargs;
	int rc = cli_start(ctx, argc, argv, m.opts, usage, &args, &nargs);
	if (rc != CLI_CONTINUE)
		return rc;
	int64_t id = 0;
	if (!adding) {
		int lrc = cli_resolve(ctx, noun->kind, args[0], &id);
		if (lrc != ATRACK_OK)
			return cli_fail_lib(ctx, lrc, NULL);
	}
	union { max_align_t align; unsigned char bytes[1024]; } in;
	memset(&in, 0, sizeof in);
	if (atrack_entity_size(noun->kind) > sizeof in)
		return cli_fail(ctx, CLI_EXIT_FAILURE, "internal error: struct too large");
	unsigned int bits = 0;
	rc = apply_members(ctx, &m, in.bytes, &bits);
	if (rc != CLI_CONTINUE)
		return rc;
	if (!adding && bits == 0)
		return cli_fail(ctx, CLI_EXIT_USAGE, "%s: nothing to change (see 'atrack %s --help')",
		                usage->name, usage->name);
	char what[64];
	snprintf(what, sizeof what, "cannot %s %s", adding ? "add" : "edit", noun->name);
	int lrc = adding ? atrack_entity_add(ctx->db, noun->kind, in.bytes, &id)
	                 : atrack_entity_edit(ctx->db, noun->kind, id, in.bytes, bits);
	if (lrc != ATRACK_OK)
		return cli_fail_lib(ctx, lrc, what);
	return report_written(ctx, noun, id, adding ? "added" : "updated");
}

static int verb_rm(cli_ctx *ctx, const cli_noun *noun, int argc, char **argv,
                   const cli_usage *usage)
{
	bool cascade = false;
	const cli_opt opts[] = {
		{ "cascade", 0, CLI_FLAG, &cascade, NULL,
		  "also remove links and dependent rows, and clear references to it" },
		CLI_OPT_END
	};
	void *row = NULL;
	int rc = parse_and_load(ctx, noun, argc, argv, opts, usage, &row);
	if (rc != CLI_CONTINUE)
		return rc;
	int64_t id = *(const int64_t *)row;
	char label[256];
	thing_label(noun->kind, row, label, sizeof label);
	atrack_entity_free(row);
	char what[64];
	snprintf(what, sizeof what, "cannot delete %s", noun->name);
	int lrc = atrack_entity_delete(ctx->db, noun->kind, id, cascade ? ATRACK_DELETE_CASCADE : 0);
	if (lrc != ATRACK_OK)
		return cli_fail_lib(ctx, lrc, what);
	if (ctx->json)
		return cli_print_json(ctx, json_pack("{s:i, s:{s:s, s:I}}", "format_version", 1,
		                      "deleted", "kind", atrack_kind_name(noun->kind), "id",
		                      (json_int_t)id));
	cli_line("deleted %s %s", noun->name, label);
	return CLI_EXIT_OK;
}

int cli_noun_run(cli_ctx *ctx, const cli_noun *noun, int argc, char **argv)
{
	static const struct {
		const char *verb, *synopsis, *summary;
		int min, max;
	} verbs[] = {
		{ "list", "[options]", "List them, as a table or (--json) an array.", 0, 0 },
		{ "show", "REF", "Show everything about one (REF is a slug or an id).", 1, 1 },
		{ "add", "[options]", "Add one; the slug is made from the name unless given.", 0, 0 },
		{ "edit", "REF [options]", "Change the members given; '' clears one.", 1, 1 },
		{ "rm", "REF [--cascade]", "Delete one; refused while others refer to it, "
		  "unless --cascade.", 1, 1 },
	};
	const char *verb = argc > 1 ? argv[1] : NULL;
	if (verb && (strcmp(verb, "-h") == 0 || strcmp(verb, "--help") == 0)) {
		printf("usage: atrack %s VERB [ARGS]\n\n%s\n\nverbs:\n", noun->name, noun->summary);
		for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
			printf("  %-6s %-18s %s\n", verbs[i].verb, verbs[i].synopsis, verbs[i].summary);
		if (noun->help_more)
			printf("\n%s", noun->help_more);
		printf("\n'atrack %s VERB --help' shows a verb's options.\n", noun->name);
		return CLI_EXIT_OK;
	}
	for (size_t i = 0; verb && i < sizeof verbs / sizeof verbs[0]; i++) {
		if (strcmp(verbs[i].verb, verb) != 0)
			continue;
		char name[64];
		snprintf(name, sizeof name, "%s %s", noun->name, verb);
		ctx->command = name;
		cli_usage usage = { name, verbs[i].synopsis, verbs[i].summary, verbs[i].min,
		                    verbs[i].max, CLI_NEEDS_DB | (i <= 1 ? CLI_READS : 0) };
		argc--;
		argv++;
		switch (i) {
		case 0:
			if (noun->list)
				return noun->list(ctx, argc, argv, &usage);
			return verb_list(ctx, noun, argc, argv, &usage);
		case 1: return verb_show(ctx, noun, argc, argv, &usage);
		case 2: return verb_add_edit(ctx, noun, argc, argv, &usage, true);
		case 3: return verb_add_edit(ctx, noun, argc, argv, &usage, false);
		default: return verb_rm(ctx, noun, argc, argv, &usage);
		}
	}
	if (!verb)
		return cli_fail(ctx, CLI_EXIT_USAGE, "%s: missing verb: list, show, add, edit or rm "
		                "(see 'atrack %s --help')", noun->name, noun->name);
	return cli_fail(ctx, CLI_EXIT_USAGE, "%s: '%s' is not a verb: list, show, add, edit or rm "
	                "(see 'atrack %s --help')", noun->name, verb, noun->name);
}
