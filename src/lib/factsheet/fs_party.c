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
					size_t n = strlen(forms[k]);
					if (n <= best_len || i + n > b->len ||
					    memcmp(b->text + i, forms[k], n) != 0)
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

/* The parties are the countries in the title and those of the people who
 * took part; the others the text names (adversaries, bystanders) are only
 * mentioned. When neither the title nor a participant names a country,
 * every country found is taken as a party rather than none. */
void fsp_party_roles(fsp_parser *p)
{
	fs_model *m = p->model;
	size_t meeting = 0;
	for (size_t i = 0; i < m->party_count; i++)
		m->parties[i].mentioned = 1;
	for (size_t i = 0; i < m->party_count; i++)
		if (m->title && m->parties[i].pos.line == m->title_pos.line) {
			m->parties[i].mentioned = 0;
			meeting++;
		}
	for (size_t k = 0; k < m->meeting_count; k++)
		for (size_t j = 0; j < m->meetings[k].people.count; j++) {
			int party = m->people[m->meetings[k].people.items[j]].party;
			if (party >= 0 && m->parties[party].mentioned) {
				m->parties[party].mentioned = 0;
				meeting++;
			}
		}
	if (!meeting)
		for (size_t i = 0; i < m->party_count; i++)
			m->parties[i].mentioned = 0;
}
