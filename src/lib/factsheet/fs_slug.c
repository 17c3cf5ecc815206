/*
 * fs_slug.c - unique slugs within one parse (a small hash set of the
 * slugs already given). Calls only fs_text.c and the core helpers.
 */
#include "factsheet_int.h"

#include <string.h>

static size_t hash_string(const char *s)
{
	size_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static size_t slot_of(const fsp_slugs *set, const char *key)
{
	size_t i = hash_string(key) & (set->cap - 1);
	while (set->keys[i] && strcmp(set->keys[i], key) != 0)
		i = (i + 1) & (set->cap - 1);
	return i;
}

static bool slugs_grow(fsp_slugs *set)
{
	if (set->cap && (set->count + 1) * 2 <= set->cap)
		return true;
	size_t cap = set->cap ? set->cap * 2 : 64;
	fsp_slugs bigger = {atr_calloc(cap, sizeof(char *)),
	                    atr_calloc(cap, sizeof(unsigned)), cap, set->count};
	if (!bigger.keys || !bigger.next) {
		atr_free(bigger.keys);
		atr_free(bigger.next);
		return false;
	}
	for (size_t i = 0; i < set->cap; i++) {
		if (!set->keys[i])
			continue;
		size_t j = slot_of(&bigger, set->keys[i]);
		bigger.keys[j] = set->keys[i];
		bigger.next[j] = set->next[i];
	}
	fsp_slugs_free(set);
	*set = bigger;
	return true;
}

void fsp_slugs_free(fsp_slugs *set)
{
	atr_free(set->keys);
	atr_free(set->next);
	memset(set, 0, sizeof *set);
}

/* A slug for `text` that no earlier one in `set` has: "x", then "x-2",
 * "x-3"... Each taken slug remembers the next suffix to try, so that many
 * equal titles cost linear time. */
int fsp_unique_slug(fsp_slugs *set, const char *text, char **out)
{
	char *slug = atr_slugify(text, SLUG_MAX);
	*out = NULL;
	if (!slug)
		return ATRACK_NOMEM;
	if (!*slug) {
		atr_free(slug);
		slug = atr_strdup("item");
		if (!slug)
			return ATRACK_NOMEM;
	}
	if (!slugs_grow(set)) {
		atr_free(slug);
		return ATRACK_NOMEM;
	}
	size_t i = slot_of(set, slug);
	if (set->keys[i]) {
		size_t base = i;
		size_t len = strlen(slug);
		char *numbered = atr_malloc(len + 16);
		if (!numbered) {
			atr_free(slug);
			return ATRACK_NOMEM;
		}
		unsigned n = set->next[base] ? set->next[base] : 2;
		do {
			snprintf(numbered, len + 16, "%s-%u", slug, n++);
			i = slot_of(set, numbered);
		} while (set->keys[i]);
		set->next[base] = n;
		atr_free(slug);
		slug = numbered;
	}
	set->keys[i] = slug;
	set->next[i] = 0;
	set->count++;
	*out = slug;
	return ATRACK_OK;
}
