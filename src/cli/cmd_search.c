/*
 * cmd_search.c - `atrack search QUERY`: find initiatives, frameworks, focus
 * areas, meetings, parties, people, exercises, documents and progress
 * updates by their words, best first, with
 * the matching words shown in context; `atrack search --rebuild` rebuilds
 * the index from the tables.
 */
#include "cli.h"

#include <limits.h>

/* A person's name for what a hit is. */
static const char *hit_ref(const atrack_search_hit *hit, char buf[32])
{
	if (hit->slug)
		return hit->slug;
	snprintf(buf, 32, "%lld", (long long)hit->id);
	return buf;
}

static int print_hits(cli_ctx *ctx, atrack_iter *it, const char *query)
{
	json_t *hits = ctx->json ? json_array() : NULL;
	static const char *const headers[] = { "kind", "ref", "title", "match" };
	cli_table *t = ctx->json ? NULL : cli_table_new(4, headers);
	int rc;
	while ((rc = atrack_iter_next(it)) == ATRACK_OK) {
		const atrack_search_hit *hit = atrack_iter_search_hit(it);
		char buf[32];
		if (hits) {
			json_array_append_new(hits, json_pack("{s:s, s:I, s:o, s:s, s:s, s:f}",
			                      "kind", atrack_kind_name(hit->kind), "id", (json_int_t)hit->id,
			                      "slug", hit->slug ? json_string(hit->slug) : json_null(),
			                      "title", hit->title, "snippet", hit->snippet, "rank", hit->rank));
		} else {
			const char *cells[] = { atrack_kind_name(hit->kind), hit_ref(hit, buf), hit->title,
			                        hit->snippet };
			cli_table_row(t, cells);
		}
	}
	if (rc != ATRACK_DONE) {
		json_decref(hits);
		cli_table_free(t);
		return cli_fail_lib(ctx, rc, NULL);
	}
	if (hits)
		return cli_print_json(ctx, json_pack("{s:i, s:o, s:o}", "format_version", 1,
		                                     "query", cli_json_text(query), "hits", hits));
	int exit_code = cli_table_print(t, stdout);
	cli_table_free(t);
	return exit_code;
}

int cmd_search(cli_ctx *ctx, int argc, char **argv)
{
	static const cli_usage usage = {
		"search", "QUERY [--fts] [--limit N] | --rebuild",
		"Search the words of initiatives, frameworks, focus areas, meetings, parties,\n"
		"people, exercises, documents and update notes, best matches first. QUERY: words, all of which must match, each as it is\n"
		"written (co-production, U.S.-ROK, ROK's); word* matches a prefix. With --fts,\n"
		"QUERY is FTS5 syntax: \"a phrase\", prefix*, OR, NOT, NEAR(...).\n"
		"--rebuild rebuilds the search index from the tables.",
		0, 1, CLI_NEEDS_DB | CLI_READS
	};
	long limit = 20;
	bool rebuild = false, fts = false;
	const cli_opt opts[] = {
		{ "limit", 'n', CLI_INT, &limit, "N", "show at most N hits (20)" },
		{ "fts", 0, CLI_FLAG, &fts, NULL, "QUERY is FTS5 query syntax, not plain words" },
		{ "rebuild", 0, CLI_FLAG, &rebuild, NULL, "rebuild the search index" },
		CLI_OPT_END
	};
	char **args;
	int nargs;
	int rc = cli_start(ctx, argc, argv, opts, &usage, &args, &nargs);
	if (rc != CLI_CONTINUE)
		return rc;
	if (rebuild) {
		if (nargs)
			return cli_fail(ctx, CLI_EXIT_USAGE, "search: --rebuild takes no query");
		int lib_rc = atrack_search_rebuild(ctx->db);
		if (lib_rc != ATRACK_OK)
			return cli_fail_lib(ctx, lib_rc, NULL);
		if (ctx->json)
			return cli_print_json(ctx, json_pack("{s:i, s:b}", "format_version", 1, "rebuilt", 1));
		printf("search index rebuilt\n");
		return CLI_EXIT_OK;
	}
	if (nargs != 1)
		return cli_fail(ctx, CLI_EXIT_USAGE, "search: missing QUERY (usage: atrack search %s)",
		                usage.synopsis);
	if (limit < 1 || limit > INT_MAX)
		return cli_fail(ctx, CLI_EXIT_USAGE, "search: --limit must be at least 1");
	atrack_search_opts o = ATRACK_SEARCH_OPTS_INIT;
	o.limit = (int)limit;
	o.flags = fts ? ATRACK_SEARCH_FTS : 0;
	atrack_iter *it;
	int lib_rc = atrack_search(ctx->db, args[0], &o, &it);
	if (lib_rc != ATRACK_OK)
		return cli_fail_lib(ctx, lib_rc, NULL);
	rc = print_hits(ctx, it, args[0]);
	atrack_iter_free(it);
	return rc;
}
