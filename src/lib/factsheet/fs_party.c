/*
 * fs_party.c - recognises the parties (countries and groupings of the
 * gazetteer in fs_tables.c) wherever a block names them. Calls fs_token.c
 * and fs_text.c.
 */
#include "factsheet_int.h"

#include <string.h>

static int party_index(fsp_parser *p, size_t def, bool is_short, const char *form,
                       fs_pos pos)
{
	fs_model *m = p->model;
	size_t i;
	for (i = 0; i < m->party_count; i++)
		if (strcmp(m->parties[i].slug, FSP_PARTIES[def].slug) == 0)
			break;
	if (i == m->party_count) {
		if (!fsp_reserve(&m->parties, &p->party_cap, i + 1, sizeof *m->parties))
			return -1;
		fs_party *party = &m->parties[i];
		memset(party, 0, sizeof *party);
		m->party_count++;
		party->pos = pos;
		party->slug = atr_strdup(FSP_PARTIES[def].slug);
		party->name = atr_strdup(FSP_PARTIES[def].name);
		if (!party->slug || !party->name)
			return -1;
	}
	if (is_short && !m->parties[i].short_name) {
		m->parties[i].short_name = atr_strdup(form);
		if (!m->parties[i].short_name)
			return -1;
	}
	return (int)i;
}

/* "China" in "South China Sea" names a place, not a party. */
static bool geographic_feature(const char *s, size_t len)
{
	for (const char *const *f = FSP_PLACE_NOUNS; *f; f++) {
		size_t n = strlen(*f);
		if (len >= n && memcmp(s, *f, n) == 0 && (len == n || !fsp_is_alnum(s[n])))
			return true;
	}
	return false;
}

/* The bytes of s (avail long) that spell form, or 0. A space of the form
 * also matches a no-break space (U+00A0, U+202F), an apostrophe a curly
 * one, a hyphen a non-breaking hyphen (U+2011): the texts are pasted from
 * web pages. */
static size_t form_length(const char *s, size_t avail, const char *form)
{
	size_t i = 0;
	for (const char *f = form; *f; f++) {
		if (i >= avail)
			return 0;
		if (*f == ' ' && i + 2 <= avail && memcmp(s + i, "\xC2\xA0", 2) == 0)
			i += 2;
		else if (*f == ' ' && i + 3 <= avail && memcmp(s + i, "\xE2\x80\xAF", 3) == 0)
			i += 3;
		else if (*f == '\'' && i + 3 <= avail && memcmp(s + i, "\xE2\x80\x99", 3) == 0)
			i += 3;
		else if (*f == '-' && i + 3 <= avail && memcmp(s + i, "\xE2\x80\x91", 3) == 0)
			i += 3;
		else if (s[i] == *f)
			i++;
		else
			return 0;
	}
	return i;
}

/* The party whose adjective ("Japanese") the word is, or -1. */
int fsp_party_adjective(const char *s, size_t len)
{
	for (size_t d = 0; d < FSP_PARTY_COUNT; d++)
		for (size_t k = 0; k < 3 && FSP_PARTIES[d].adjectives[k]; k++)
			if (form_length(s, len, FSP_PARTIES[d].adjectives[k]) == len)
				return (int)d;
	return -1;
}

/* The model's party for gazetteer entry def, added when not yet there. */
int fsp_party_of_def(fsp_parser *p, size_t def, fs_pos pos)
{
	return party_index(p, def, false, NULL, pos);
}

/* Every mention of a known party, at a word start and ending at a word
 * end, the longest form winning; "U.S.-ROK-Japan" gives three. */
int fsp_scan_parties(fsp_parser *p, fsp_block *b)
{
	size_t i = 0;
	while (i < b->len) {
		char c = b->text[i];
		if (!fsp_is_upper(c) || (i > 0 && fsp_is_alnum(b->text[i - 1]))) {
			i++;
			continue;
		}
		size_t best_len = 0, best_def = 0;
		const char *best_form = NULL;
		bool best_short = false;
		for (size_t d = 0; d < FSP_PARTY_COUNT; d++) {
			for (int s = 0; s < 2; s++) {
				const char *const *forms = s ? FSP_PARTIES[d].longs : FSP_PARTIES[d].shorts;
				size_t count = s ? 5 : 4;
				for (size_t k = 0; k < count && forms[k]; k++) {
					size_t n = form_length(b->text + i, b->len - i, forms[k]);
					if (n <= best_len)
						continue;
					if (i + n < b->len && fsp_is_alnum(b->text[i + n]))
						continue;
					if (geographic_feature(b->text + i + n, b->len - i - n))
						continue;
					best_len = n;
					best_def = d;
					best_form = forms[k];
					best_short = !s;
				}
			}
		}
		if (!best_len) {
			i++;
			continue;
		}
		int index = party_index(p, best_def, best_short, best_form,
		                        fsp_block_pos(b, i));
		if (index < 0 || fsp_add_mention(p, MENTION_PARTY, i, i + best_len, index))
			return ATRACK_NOMEM;
		i += best_len;
	}
	return ATRACK_OK;
}

/* Whether only commas, "and" and "the" stand between bytes [from, to). */
static bool only_joiners(const char *s, size_t from, size_t to)
{
	size_t i = from;
	while (i < to) {
		if (fsp_is_space(s[i]) || s[i] == ',' || s[i] == '(' || s[i] == ')') {
			i++;
		} else if (i + 2 <= to && memcmp(s + i, "\xC2\xA0", 2) == 0) {
			i += 2;
		} else if (i + 3 <= to && (memcmp(s + i, "and", 3) == 0 || memcmp(s + i, "the", 3) == 0) &&
		           (i + 3 == to || !fsp_is_alnum(s[i + 3]))) {
			i += 3;
		} else {
			return false;
		}
	}
	return true;
}

/* The sentence of the token that holds byte `at` of block b. */
static int sentence_at(const fsp_block *b, size_t at)
{
	size_t lo = 0, hi = b->tok_count;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (b->toks[mid].start <= at)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? b->toks[lo - 1].sentence : 0;
}

static bool is_grouping(const char *slug)
{
	for (size_t d = 0; d < FSP_PARTY_COUNT; d++)
		if (strcmp(FSP_PARTIES[d].slug, slug) == 0)
			return FSP_PARTIES[d].grouping;
	return false;
}

int fsp_home_party(const fs_model *m)
{
	for (size_t i = 0; i < m->party_count; i++)
		if (strcmp(m->parties[i].slug, FSP_HOME_PARTY) == 0)
			return (int)i;
	return -1;
}

bool fsp_party_is_grouping(const fs_model *m, int index)
{
	return is_grouping(m->parties[index].slug);
}

static void take_part(fs_model *m, int party, size_t *countries)
{
	if (party < 0 || !m->parties[party].mentioned)
		return;
	m->parties[party].mentioned = 0;
	if (!is_grouping(m->parties[party].slug))
		(*countries)++;
}

/* The lead's subject: parties named side by side in the first sentence
 * of the first paragraph ("X and Y pledge", "We, the leaders of X, Y, and
 * Z"); a party named alone there is only mentioned. */
static void lead_parties(fsp_parser *p, size_t *countries)
{
	for (size_t bi = 0; bi < p->block_count; bi++) {
		const fsp_block *b = &p->blocks[bi];
		if (b->kind != BLOCK_PROSE && b->kind != BLOCK_ITEM)
			continue;
		const fsp_mention *items = p->mentions[MENTION_PARTY].items;
		for (size_t k = b->first[MENTION_PARTY]; k + 1 < b->end[MENTION_PARTY]; k++) {
			const fsp_mention *a = &items[k], *c = &items[k + 1];
			if (sentence_at(b, c->start) > 0)
				break;
			if (only_joiners(b->text, a->end, c->start)) {
				take_part(p->model, a->index, countries);
				take_part(p->model, c->index, countries);
			}
		}
		return;
	}
}

/* The parties are the countries in the title, those of the people who
 * took part and those the lead names side by side; the others the text
 * names (adversaries, bystanders) are only mentioned. When no country is
 * found so, the publisher's country is the party of a meeting of a
 * grouping the title names (a NATO summit), and failing that every
 * country found. */
void fsp_party_roles(fsp_parser *p)
{
	fs_model *m = p->model;
	size_t countries = 0;
	for (size_t i = 0; i < m->party_count; i++)
		m->parties[i].mentioned = 1;
	bool grouping_titled = false;
	for (size_t bi = 0; bi < p->block_count; bi++) {
		const fsp_block *b = &p->blocks[bi];
		if (b->kind != BLOCK_TITLE)
			continue;
		for (size_t k = b->first[MENTION_PARTY]; k < b->end[MENTION_PARTY]; k++) {
			int index = p->mentions[MENTION_PARTY].items[k].index;
			take_part(m, index, &countries);
			if (index >= 0 && is_grouping(m->parties[index].slug))
				grouping_titled = true;
		}
	}
	for (size_t k = 0; k < m->meeting_count; k++)
		for (size_t j = 0; j < m->meetings[k].people.count; j++)
			take_part(m, m->people[m->meetings[k].people.items[j]].party, &countries);
	lead_parties(p, &countries);
	if (!countries && grouping_titled)
		take_part(m, fsp_home_party(m), &countries);
	if (!countries)
		for (size_t i = 0; i < m->party_count; i++)
			if (!is_grouping(m->parties[i].slug))
				m->parties[i].mentioned = 0;
}
