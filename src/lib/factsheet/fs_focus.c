/*
 * fs_focus.c - recognises focus areas ("areas of focus include A, B, and
 * C") and named exercises. Calls fs_framework.c (framework_in),
 * fs_token.c, fs_slug.c and fs_text.c.
 */
#include "factsheet_int.h"

#include <string.h>

static int add_focus(fsp_parser *p, const fsp_block *b, fsp_span sp, const char *kind,
                     int framework)
{
	fs_model *m = p->model;
	char *name = fsp_clean_dup(b->text + sp.start, sp.end - sp.start);
	if (!name)
		return ATRACK_NOMEM;
	int index = -1;
	for (size_t i = 0; i < m->focus_area_count && index < 0; i++)
		if (strcmp(m->focus_areas[i].name, name) == 0 &&
		    strcmp(m->focus_areas[i].kind, kind) == 0 &&
		    m->focus_areas[i].framework == framework)
			index = (int)i;
	if (index >= 0 || m->focus_area_count >= MAX_ENTITIES) {
		atr_free(name);
	} else {
		if (!fsp_reserve(&m->focus_areas, &p->focus_cap, m->focus_area_count + 1,
		                 sizeof *m->focus_areas)) {
			atr_free(name);
			return ATRACK_NOMEM;
		}
		fs_focus_area *fa = &m->focus_areas[m->focus_area_count++];
		memset(fa, 0, sizeof *fa);
		fa->name = name;
		fa->framework = framework;
		fa->pos = fsp_block_pos(b, sp.start);
		fa->kind = atr_strdup(kind);
		if (!fa->kind || fsp_unique_slug(&p->other_slugs, name, &fa->slug))
			return ATRACK_NOMEM;
		index = (int)m->focus_area_count - 1;
	}
	return index < 0 ? ATRACK_OK : fsp_add_mention(p, MENTION_FOCUS, sp.start, sp.end, index);
}

/* The framework named last before `at` in the block ("this framework"). */
static int framework_before(const fsp_parser *p, const fsp_block *b, size_t at)
{
	int best = -1;
	size_t best_at = 0;
	for (size_t i = 0; i < p->model->framework_count; i++) {
		size_t where = fsp_framework_in(&p->model->frameworks[i], b);
		if (where < at && (best < 0 || where >= best_at)) {
			best = (int)i;
			best_at = where;
		}
	}
	return best;
}

/* "Areas of focus under this framework include A, B, and C." and
 * "... in areas such as A, B, and C." */
int fsp_scan_focus(fsp_parser *p, size_t bi)
{
	static const struct {
		const char *phrase;
		const char *kind;
		bool needs_verb;
	} triggers[] = {
		{"areas of focus", "focus", true},
		{"focus areas", "focus", true},
		{"areas of cooperation", "focus", true},
		{"lines of effort", "focus", true},
		{"in areas such as", "technology", false},
		{"in fields such as", "technology", false},
		{"in domains such as", "technology", false},
		{"technologies such as", "technology", false},
	};
	fsp_block *b = &p->blocks[bi];
	for (size_t k = 0; k < ATR_ARRAY_SIZE(triggers); k++) {
		size_t at = 0;
		while ((at = fsp_find_ci(b->text, b->len, at, triggers[k].phrase)) != SIZE_MAX) {
			size_t end = fsp_sentence_end(b, at);
			size_t start = at + strlen(triggers[k].phrase);
			at = start;
			if (triggers[k].needs_verb) {
				size_t verb = fsp_find_ci(b->text, end, start, " include ");
				if (verb == SIZE_MAX || verb - start > 80)
					verb = fsp_find_ci(b->text, end, start, " includes ");
				if (verb == SIZE_MAX || verb - start > 80)
					verb = fsp_find_ci(b->text, end, start, " are ");
				if (verb == SIZE_MAX || verb - start > 80)
					continue;
				start = verb + 1;
				while (start < end && !fsp_is_space(b->text[start]))
					start++;
			}
			fsp_span items[64];
			bool commas = memchr(b->text + start, ',', end - start) != NULL;
			size_t count = fsp_split_list(b->text, start, end, items, 64, !commas);
			int framework = framework_before(p, b, at);
			for (size_t i = 0; i < count; i++) {
				size_t words = fsp_word_count(b->text + items[i].start,
				                          items[i].end - items[i].start);
				if (words == 0 || words > 6)
					break;
				if (add_focus(p, b, items[i], triggers[k].kind, framework))
					return ATRACK_NOMEM;
			}
		}
	}
	return ATRACK_OK;
}

bool fsp_proper_name(const char *s, size_t len, size_t max_words)
{
	size_t words = 0, i = 0;
	while (i < len) {
		while (i < len && s[i] == ' ')
			i++;
		size_t w = i;
		while (i < len && s[i] != ' ')
			i++;
		if (w == i)
			break;
		words++;
		bool small = fsp_is_small_word(s + w, i - w);
		if ((!small || words == 1) && !fsp_is_upper(s[w]) && !fsp_is_digit(s[w]))
			return false;
	}
	return words >= 1 && words <= max_words;
}

static int add_exercise(fsp_parser *p, const fsp_block *b, fsp_span sp)
{
	fs_model *m = p->model;
	char *name = fsp_clean_dup(b->text + sp.start, sp.end - sp.start);
	if (!name)
		return ATRACK_NOMEM;
	int index = -1;
	for (size_t i = 0; i < m->exercise_count && index < 0; i++)
		if (strcmp(m->exercises[i].name, name) == 0)
			index = (int)i;
	if (index >= 0 || m->exercise_count >= MAX_ENTITIES) {
		atr_free(name);
	} else {
		if (!fsp_reserve(&m->exercises, &p->exercise_cap, m->exercise_count + 1,
		                 sizeof *m->exercises)) {
			atr_free(name);
			return ATRACK_NOMEM;
		}
		fs_exercise *ex = &m->exercises[m->exercise_count++];
		memset(ex, 0, sizeof *ex);
		ex->name = name;
		ex->pos = fsp_block_pos(b, sp.start);
		if (fsp_unique_slug(&p->other_slugs, name, &ex->slug))
			return ATRACK_NOMEM;
		index = (int)m->exercise_count - 1;
	}
	return index < 0 ? ATRACK_OK : fsp_add_mention(p, MENTION_EXERCISE, sp.start, sp.end, index);
}

static bool is_exercise_word(const fsp_block *b, size_t t)
{
	size_t n;
	const char *s = fsp_core(b, t, &n);
	return fsp_word_is_ci(s, n, "exercise") || fsp_word_is_ci(s, n, "exercises") ||
	       fsp_word_is_ci(s, n, "drills");
}

/* Capitalised names in a list after an exercise word: "exercises ...,
 * such as X and Y", "exercises X, Y and Z"; also "the X exercise". */
int fsp_scan_exercises(fsp_parser *p, size_t bi)
{
	fsp_block *b = &p->blocks[bi];
	size_t next_free = 0; /* a list is read once */
	for (size_t t = 0; t < b->tok_count; t++) {
		if (!is_exercise_word(b, t) || b->toks[t].start < next_free)
			continue;
		int sentence = b->toks[t].sentence;
		size_t list = SIZE_MAX, end = 0;
		if (!b->toks[t].closes && t + 1 < b->tok_count && fsp_capitalised(b, t + 1) &&
		    !fsp_party_token(p, b, t + 1)) {
			size_t k = t + 1;
			list = b->toks[k].cstart;
			while (k + 1 < b->tok_count && b->toks[k + 1].sentence == sentence &&
			       !(b->toks[k].closes && b->text[b->toks[k].end - 1] != ',') &&
			       (fsp_capitalised(b, k + 1) || fsp_core_is(b, k + 1, "and")))
				k++;
			end = b->toks[k].cend;
		}
		for (size_t k = t + 1; list == SIZE_MAX && k + 1 < b->tok_count &&
		     b->toks[k].sentence == sentence && k - t < 40; k++)
			if (fsp_core_is(b, k, "such") && fsp_core_is(b, k + 1, "as"))
				list = b->toks[k + 1].end;
		if (list == SIZE_MAX && t > 0 && fsp_capitalised(b, t - 1) &&
		    !fsp_party_token(p, b, t - 1) && !b->toks[t - 1].closes) {
			size_t first = t - 1;
			while (first > 0 && t - first < 4 && fsp_capitalised(b, first - 1) &&
			       !b->toks[first - 1].closes && !fsp_party_token(p, b, first - 1) &&
			       b->toks[first - 1].sentence == sentence)
				first--;
			if (first > 0 && b->toks[first - 1].sentence == sentence) {
				fsp_span sp = {b->toks[first].cstart, b->toks[t - 1].cend};
				if (add_exercise(p, b, sp))
					return ATRACK_NOMEM;
			}
			continue;
		}
		if (list == SIZE_MAX)
			continue;
		if (!end)
			end = fsp_sentence_end(b, list);
		fsp_span items[32];
		size_t count = fsp_split_list(b->text, list, end, items, 32, true);
		for (size_t i = 0; i < count; i++) {
			const char *s = b->text + items[i].start;
			size_t n = items[i].end - items[i].start;
			if (!fsp_proper_name(s, n, 5) ||
			    fsp_covering(p, b, MENTION_PARTY, items[i].start))
				break;
			if (add_exercise(p, b, items[i]))
				return ATRACK_NOMEM;
			next_free = items[i].end;
		}
	}
	return ATRACK_OK;
}
