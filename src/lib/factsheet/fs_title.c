/*
 * fs_title.c - gives each initiative its short title and slug and links
 * it to what the recognisers found in its block. Calls fs_framework.c
 * (framework_in), fs_token.c, fs_slug.c and fs_text.c.
 */
#include "factsheet_int.h"

#include <string.h>

/* The item with each "Full Name (ACR)" written as "ACR". */
static char *text_with_acronyms(const fsp_parser *p, const fsp_block *b)
{
	atr_buf buf = ATR_BUF_INIT;
	size_t at = 0;
	for (size_t k = b->first[MENTION_DEFINITION]; k < b->end[MENTION_DEFINITION]; k++) {
		const fsp_mention *mn = &p->mentions[MENTION_DEFINITION].items[k];
		if (mn->start < at)
			continue;
		atr_buf_append(&buf, b->text + at, mn->start - at);
		atr_buf_append(&buf, mn->word, mn->word_len);
		at = mn->end;
	}
	if (at < b->len)
		atr_buf_append(&buf, b->text + at, b->len - at);
	return atr_buf_detach(&buf);
}

/* Whether the "." at `dot` ends an abbreviation ("U.S.", "J.") rather
 * than a sentence. */
static bool abbreviation_before(const char *s, size_t dot)
{
	size_t w = dot;
	while (w > 0 && !fsp_is_space(s[w - 1]))
		w--;
	return fsp_is_abbreviation(s + w, dot - w);
}

/* Where a clause begins, so that what comes before it is a title. */
static bool clause_boundary(const char *s, size_t len, size_t i)
{
	if (i > 0 && strchr(",;:", s[i - 1]))
		return true;
	if (i > 1 && s[i - 1] == '.' && !abbreviation_before(s, i - 1))
		return true;
	size_t w = i + 1, e = w;
	while (e < len && !fsp_is_space(s[e]))
		e++;
	if (fsp_word_is(s + w, e - w, "as") && i >= 4 && fsp_word_is(s + i - 4, 4, "such"))
		return false;
	if (fsp_word_is(s + w, e - w, "such") && e + 3 < len && memcmp(s + e, " as ", 4) == 0)
		return true;
	if (fsp_in_list(s + w, e - w, FSP_CLAUSE_WORDS))
		return true;
	if (!fsp_word_is(s + w, e - w, "to"))
		return false;
	/* "to maintain" begins a purpose; "to DPRK missiles", "to the" do not */
	size_t v = e + 1, ve = v;
	while (ve < len && !fsp_is_space(s[ve]))
		ve++;
	return v < len && fsp_is_lower(s[v]) && !fsp_in_list(s + v, ve - v, FSP_PURPOSE_DETERMINERS);
}

static char *short_title(const fsp_parser *p, const fsp_block *b)
{
	char *text = text_with_acronyms(p, b);
	if (!text)
		return NULL;
	size_t len = strlen(text), cut = len, words = 1;
	for (size_t i = 0; i < len; i++) {
		if (text[i] != ' ')
			continue;
		if (words >= TITLE_MIN_WORDS && clause_boundary(text, len, i)) {
			cut = i;
			break;
		}
		words++;
	}
	if (cut > TITLE_MAX) {
		size_t i = TITLE_MAX;
		while (i > 0 && text[i] != ' ')
			i--;
		cut = i ? i : TITLE_MAX;
	}
	while (cut > 0 && (strchr(",;:", text[cut - 1]) || fsp_is_space(text[cut - 1]) ||
	                   (text[cut - 1] == '.' && !abbreviation_before(text, cut - 1))))
		cut--;
	char *title = fsp_clean_dup(text, cut);
	atr_free(text);
	return title;
}

static int link_mentions(const fsp_parser *p, const fsp_block *b, int kind, fs_refs *r)
{
	for (size_t k = b->first[kind]; k < b->end[kind]; k++) {
		int index = p->mentions[kind].items[k].index;
		if (index >= 0 && fsp_refs_add(r, index))
			return ATRACK_NOMEM;
	}
	return ATRACK_OK;
}

int fsp_finish_initiative(fsp_parser *p, const fsp_block *b)
{
	fs_model *m = p->model;
	fs_initiative *in = &m->initiatives[b->initiative];
	in->meeting = m->meeting_count ? 0 : -1;
	in->title = short_title(p, b);
	if (!in->title || fsp_unique_slug(&p->initiative_slugs, in->title, &in->slug))
		return ATRACK_NOMEM;
	/* a part of a ";" list starts in lower case ("fund new quays"); a
	 * title starts with a capital, unless its first word is written so
	 * ("eHarbour") */
	size_t first = strcspn(in->title, " ");
	bool lower_word = first > 0;
	for (size_t i = 0; i < first; i++)
		if (!fsp_is_lower(in->title[i]))
			lower_word = false;
	if (lower_word)
		in->title[0] = (char)(in->title[0] - 'a' + 'A');
	for (size_t i = 0; i < m->framework_count; i++)
		if (fsp_framework_in(&m->frameworks[i], b) != SIZE_MAX &&
		    fsp_refs_add(&in->frameworks, (int)i))
			return ATRACK_NOMEM;
	for (size_t i = 0; i < m->exercise_count; i++) {
		const char *at = strstr(b->text, m->exercises[i].name);
		if (at && (at == b->text || !fsp_is_alnum(at[-1])) &&
		    !fsp_is_alnum(at[strlen(m->exercises[i].name)]) &&
		    fsp_refs_add(&in->exercises, (int)i))
			return ATRACK_NOMEM;
	}
	if (link_mentions(p, b, MENTION_PARTY, &in->parties) ||
	    link_mentions(p, b, MENTION_EXERCISE, &in->exercises) ||
	    link_mentions(p, b, MENTION_DOCUMENT, &in->documents) ||
	    link_mentions(p, b, MENTION_FOCUS, &in->focus_areas))
		return ATRACK_NOMEM;
	return ATRACK_OK;
}
