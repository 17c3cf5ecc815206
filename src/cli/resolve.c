/*
 * resolve.c - how the program finds the thing a command names: a slug or
 * id as the library resolves it, else a unique prefix of a slug
 * (`atrack initiative show enhancing-ext`); a miss names the nearest slugs
 * on stderr. Uses the public entity API only.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

#define SUGGESTIONS 3

/* Edit distance of a and b, cut off at 99 (enough to rank suggestions). */
static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 64 || lb > 64)
		return 99;
	size_t row[65];
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

/* The slug of an entity row, when its kind has one first. */
static const char *slug_of(atrack_kind kind, const void *row)
{
	size_t n;
	const atrack_field *f = atrack_fields(kind, &n);
	if (!f || n == 0 || strcmp(f[0].name, "slug") != 0)
		return NULL;
	return *(const char *const *)((const char *)row + f[0].offset);
}

int cli_resolve(cli_ctx *ctx, atrack_kind kind, const char *ref, int64_t *id)
{
	int rc = atrack_resolve(ctx->db, kind, ref, id);
	if (rc != ATRACK_NOTFOUND || !ref || !*ref)
		return rc;
	atrack_iter *it = NULL;
	if (atrack_entity_list(ctx->db, kind, NULL, &it) != ATRACK_OK) {
		atrack_iter_free(it);
		return atrack_resolve(ctx->db, kind, ref, id); /* its message again */
	}
	size_t ref_len = strlen(ref), matches = 0;
	int64_t match_id = 0;
	char *match_slug = NULL;
	char *near[SUGGESTIONS] = { NULL };
	size_t near_d[SUGGESTIONS];
	while (atrack_iter_next(it) == ATRACK_OK) {
		const void *row = atrack_iter_entity(it);
		const char *slug = slug_of(kind, row);
		if (!slug)
			break;
		if (strncmp(slug, ref, ref_len) == 0) {
			matches++;
			match_id = *(const int64_t *)row;
			free(match_slug);
			match_slug = strdup(slug);
		}
		/* Rank by the distance to the slug's start of the same length,
		 * so a long slug is near its own prefixes. */
		char head[65];
		snprintf(head, sizeof head, "%.*s", (int)(ref_len < 64 ? ref_len : 64), slug);
		size_t d = distance(ref, head);
		if (d > ref_len / 3 && strncmp(slug, ref, ref_len) != 0)
			continue; /* too far to be what was meant */
		for (size_t k = 0; k < SUGGESTIONS; k++) {
			if (near[k] && near_d[k] <= d)
				continue;
			free(near[SUGGESTIONS - 1]);
			memmove(&near[k + 1], &near[k], (SUGGESTIONS - 1 - k) * sizeof near[0]);
			memmove(&near_d[k + 1], &near_d[k], (SUGGESTIONS - 1 - k) * sizeof near_d[0]);
			near[k] = strdup(slug);
			near_d[k] = d;
			break;
		}
	}
	atrack_iter_free(it);
	if (matches == 1) {
		*id = match_id;
		rc = ATRACK_OK;
	} else {
		rc = atrack_resolve(ctx->db, kind, ref, id); /* sets the "no ..." message */
		if (near[0] && !ctx->json) {
			char *clean = cli_clean(ref);
			if (matches > 1)
				fprintf(stderr, "atrack: '%s' starts several:", clean ? clean : "");
			else
				fprintf(stderr, "atrack: no '%s'; did you mean", clean ? clean : "");
			free(clean);
			for (size_t k = 0; k < SUGGESTIONS && near[k]; k++) {
				clean = cli_clean(near[k]);
				fprintf(stderr, "%s %s", k ? "," : "", clean ? clean : "");
				free(clean);
			}
			fputs(matches > 1 ? "\n" : "?\n", stderr);
		}
	}
	free(match_slug);
	for (size_t k = 0; k < SUGGESTIONS; k++)
		free(near[k]);
	return rc;
}
