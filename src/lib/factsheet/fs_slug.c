/*
 * fs_slug.c - unique slugs within one parse (a small hash set of the
 * slugs already given), each at most SLUG_MAX bytes with its suffix and
 * cut at a word boundary. Calls only fs_text.c and the core helpers.
 */
#include "factsheet_int.h"

#include <string.h>

/* Whether the slug's word `w` (n bytes) cannot end a slug: "and", "of",
 * "the", "their"... */
static bool dangling_word(const char *w, size_t n)
{
	return fsp_is_small_word_ci(w, n) || fsp_in_list(w, n, FSP_DETERMINERS);
}

/* Shorten `slug` in place to at most `max` bytes (max >= 1) when it is
 * longer: at the last hyphen that fits, then without the words that would
 * dangle at its end, keeping the first word. A first word longer than max
 * is all there is to cut, so it is cut. Never leaves a trailing hyphen. */
static void slug_cut(char *slug, size_t max)
{
	if (strlen(slug) <= max)
		return;
	size_t cut = max;
	while (cut > 0 && slug[cut] != '-')
		cut--;
	if (cut == 0) {
		slug[max] = '\0';
		return;
	}
	slug[cut] = '\0';
	char *hyphen;
	while ((hyphen = strrchr(slug, '-')) != NULL && dangling_word(hyphen + 1, strlen(hyphen + 1)))
		*hyphen = '\0';
}

int fs_slug_fit(const char *base, const char *suffix, char **out)
{
	size_t room = strlen(suffix) < SLUG_MAX ? SLUG_MAX - strlen(suffix) : 0;
	*out = NULL;
	if (room == 0 || !*base)
		return ATRACK_OK;
	size_t len = strlen(base) < room ? strlen(base) : room + 1;
	char *slug = atr_malloc(len + strlen(suffix) + 1);
	if (!slug)
		return ATRACK_NOMEM;
	memcpy(slug, base, len);
	slug[len] = '\0';
	slug_cut(slug, room);
	strcat(slug, suffix);
	*out = slug;
	return ATRACK_OK;
}

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
	char *slug = atr_slugify(text, (size_t)-1);
	*out = NULL;
	if (!slug)
		return ATRACK_NOMEM;
	slug_cut(slug, SLUG_MAX);
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
		char *numbered = NULL;
		unsigned n = set->next[base] ? set->next[base] : 2;
		do {
			char suffix[16];
			snprintf(suffix, sizeof suffix, "-%u", n++);
			atr_free(numbered);
			if (fs_slug_fit(slug, suffix, &numbered) != ATRACK_OK || !numbered) {
				atr_free(slug);
				return ATRACK_NOMEM;
			}
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
