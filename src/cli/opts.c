/*
 * opts.c - the declarative option parser: one table per command drives the
 * parsing, the usage line and the --help text, and the global options
 * (--db, --json, --author) are accepted by every command. No value is
 * silently dropped: an option of one value given twice is refused, a
 * filter of several values keeps each, and a global given before the
 * command word that the command's own option of that name shadows is
 * refused.
 */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const cli_opt *find_long(const cli_opt *opts, const char *name, size_t len)
{
	for (const cli_opt *o = opts; o && o->name; o++)
		if (strlen(o->name) == len && strncmp(o->name, name, len) == 0)
			return o;
	return NULL;
}

static const cli_opt *find_short(const cli_opt *opts, char c)
{
	for (const cli_opt *o = opts; o && o->name; o++)
		if (o->short_name && o->short_name == c)
			return o;
	return NULL;
}

static void print_options(FILE *out, const cli_opt *opts)
{
	for (const cli_opt *o = opts; o && o->name; o++) {
		char left[64];
		if (o->short_name)
			snprintf(left, sizeof left, "-%c, --%s%s%s", o->short_name, o->name,
			         o->arg ? " " : "", o->arg ? o->arg : "");
		else
			snprintf(left, sizeof left, "    --%s%s%s", o->name,
			         o->arg ? " " : "", o->arg ? o->arg : "");
		fprintf(out, "  %-26s %s\n", left, o->help);
	}
}

static void print_help(const cli_opt *opts, const cli_opt *globals, const cli_usage *u)
{
	printf("usage: atrack %s%s%s\n\n%s\n", u->name, u->synopsis ? " " : "",
	       u->synopsis ? u->synopsis : "", u->summary);
	if (opts && opts->name) {
		printf("\noptions:\n");
		print_options(stdout, opts);
	}
	/* A global the command's own option of that name shadows is not
	 * listed: it cannot be given here. */
	printf("\nglobal options:\n");
	for (const cli_opt *g = globals; g->name; g++)
		if (!find_long(opts, g->name, strlen(g->name))) {
			const cli_opt one[] = { *g, CLI_OPT_END };
			print_options(stdout, one);
		}
	printf("  %-26s %s\n", "-h, --help", "show this help");
}

bool cli_values_has(const cli_values *values, const char *s)
{
	for (int i = 0; s && i < values->n; i++)
		if (strcmp(values->v[i], s) == 0)
			return true;
	return false;
}

static int add_value(cli_ctx *ctx, const cli_opt *o, cli_values *values, const char *value,
                     const cli_usage *u)
{
	if (*value == '\0')
		return cli_fail(ctx, CLI_EXIT_USAGE, "%s: --%s: an empty value", u->name, o->name);
	if (values->n == CLI_VALUES_MAX)
		return cli_fail(ctx, CLI_EXIT_USAGE, "%s: --%s: more than %d values", u->name,
		                o->name, CLI_VALUES_MAX);
	values->v[values->n++] = value;
	return CLI_CONTINUE;
}

static int set_value(cli_ctx *ctx, const cli_opt *o, char *value, const cli_usage *u)
{
	switch (o->kind) {
	case CLI_NAMES:
		return add_value(ctx, o, o->target, value, u);
	case CLI_LIST: {
		/* "a,b" is "a" and "b": split in place (argv is ours). */
		char *rest = value;
		for (;;) {
			char *comma = strchr(rest, ',');
			if (comma)
				*comma = '\0';
			int rc = add_value(ctx, o, o->target, rest, u);
			if (rc != CLI_CONTINUE || !comma)
				return rc;
			rest = comma + 1;
		}
	}
	case CLI_FLAG:
		*(bool *)o->target = true;
		return CLI_CONTINUE;
	case CLI_STRING:
		*(const char **)o->target = value;
		return CLI_CONTINUE;
	case CLI_INT: {
		char *end = NULL;
		errno = 0;
		long n = strtol(value, &end, 10);
		if (errno || end == value || *end)
			return cli_fail(ctx, CLI_EXIT_USAGE, "%s: --%s: '%s' is not a whole number",
			                u->name, o->name, value);
		*(long *)o->target = n;
		return CLI_CONTINUE;
	}
	}
	return CLI_CONTINUE;
}

int cli_parse(cli_ctx *ctx, int argc, char **argv, const cli_opt *opts,
              const cli_usage *u, char ***out_args, int *out_nargs)
{
	const cli_opt globals[] = {
		{ "db", 0, CLI_STRING, &ctx->db_path, "PATH", "database file (else $ATRACK_DB, else the default)" },
		{ "json", 0, CLI_FLAG, &ctx->json, NULL, "print JSON instead of text" },
		{ "author", 0, CLI_STRING, &ctx->author, "NAME", "author for the audit log (else $ATRACK_AUTHOR, else login)" },
		CLI_OPT_END
	};
	const char *db_before = ctx->db_path;
	int nargs = 0;
	bool only_args = false;
	/* A global given before the command word that this command's own
	 * option of the same name shadows would be dropped (or taken for the
	 * filter): say so rather than guess. */
	const bool before[] = { ctx->db_path_given, ctx->json, ctx->author != NULL };
	for (size_t g = 0; g < sizeof before / sizeof before[0]; g++)
		if (before[g] && find_long(opts, globals[g].name, strlen(globals[g].name)))
			return cli_fail(ctx, CLI_EXIT_USAGE, "%s: --%s before the command word is the "
			                "global option, and '%s' has its own --%s: give it after '%s'",
			                u->name, globals[g].name, u->name, globals[g].name, u->name);
	/* Which options of `opts` were given, to refuse a second value. */
	const cli_opt *seen[64];
	size_t nseen = 0;

	for (int i = 1; i < argc; i++) {
		char *arg = argv[i];
		if (only_args || arg[0] != '-' || arg[1] == '\0') {
			argv[nargs++] = arg; /* "-" alone is an argument (stdin) */
			continue;
		}
		if (strcmp(arg, "--") == 0) {
			only_args = true;
			continue;
		}
		if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
			print_help(opts, globals, u);
			return CLI_EXIT_OK;
		}
		const cli_opt *o;
		bool own = true; /* o is the command's, not a global */
		char *inline_value = NULL; /* points into argv[i] */
		if (arg[1] == '-') {
			const char *name = arg + 2;
			char *eq = strchr(arg + 2, '=');
			size_t len = eq ? (size_t)(eq - name) : strlen(name);
			o = find_long(opts, name, len);
			if (!o) {
				o = find_long(globals, name, len);
				own = false;
			}
			if (!o)
				return cli_fail(ctx, CLI_EXIT_USAGE, "%s: unknown option '--%.*s' "
				                "(see 'atrack %s --help')", u->name, (int)len, name, u->name);
			if (eq) {
				if (o->kind == CLI_FLAG)
					return cli_fail(ctx, CLI_EXIT_USAGE, "%s: --%s takes no value",
					                u->name, o->name);
				inline_value = eq + 1;
			}
		} else {
			if (arg[2] != '\0')
				return cli_fail(ctx, CLI_EXIT_USAGE, "%s: unknown option '%s' "
				                "(see 'atrack %s --help')", u->name, arg, u->name);
			o = find_short(opts, arg[1]);
			if (!o)
				return cli_fail(ctx, CLI_EXIT_USAGE, "%s: unknown option '%s' "
				                "(see 'atrack %s --help')", u->name, arg, u->name);
		}
		char *value = inline_value;
		if (o->kind != CLI_FLAG && !value) {
			if (i + 1 >= argc)
				return cli_fail(ctx, CLI_EXIT_USAGE, "%s: --%s needs a value (%s)",
				                u->name, o->name, o->arg ? o->arg : "VALUE");
			value = argv[++i];
		}
		/* The command's own options of one value; the globals keep the
		 * last (a wrapper may pass --db, and the user another). */
		if (own && (o->kind == CLI_STRING || o->kind == CLI_INT)) {
			for (size_t k = 0; k < nseen; k++)
				if (seen[k] == o)
					return cli_fail(ctx, CLI_EXIT_USAGE, "%s: --%s given twice: it "
					                "takes one value", u->name, o->name);
			if (nseen < sizeof seen / sizeof seen[0])
				seen[nseen++] = o;
		}
		int rc = set_value(ctx, o, value, u);
		if (rc != CLI_CONTINUE)
			return rc;
	}
	if (ctx->db_path != db_before)
		ctx->db_path_given = true;
	if (nargs < u->min_args)
		return cli_fail(ctx, CLI_EXIT_USAGE, "%s: missing argument (usage: atrack %s %s)",
		                u->name, u->name, u->synopsis ? u->synopsis : "");
	if (u->max_args >= 0 && nargs > u->max_args)
		return cli_fail(ctx, CLI_EXIT_USAGE, "%s: unexpected argument '%s' (usage: atrack %s %s)",
		                u->name, argv[u->max_args], u->name, u->synopsis ? u->synopsis : "");
	*out_args = argv;
	*out_nargs = nargs;
	return CLI_CONTINUE;
}
