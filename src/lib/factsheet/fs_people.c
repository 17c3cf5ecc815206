/*
 * fs_people.c - recognises people: an official title (head word with
 * modifiers and "of <department>") followed by a name, and short
 * references ("Secretary Hollis") resolved to the full name. Calls
 * fs_token.c, fs_slug.c and fs_text.c.
 */
#include "factsheet_int.h"

#include <string.h>

static bool name_token(const fsp_parser *p, const fsp_block *b, size_t t)
{
	size_t n;
	const char *s = fsp_core(b, t, &n);
	if (!fsp_capitalised(b, t) || fsp_starts_with_paren(b, t))
		return false;
	if (fsp_in_list(s, n, FSP_TITLE_HEADS) || fsp_in_list(s, n, FSP_TITLE_MODIFIERS) ||
	    fsp_month_of(s, n) || fsp_party_token(p, b, t))
		return false;
	return !fsp_in_list(s, n, FSP_DETERMINERS);
}

static int add_person(fsp_parser *p, const char *name, size_t name_len,
                      const char *title, size_t title_len, int party, fs_pos pos)
{
	fs_model *m = p->model;
	char *clean = fsp_clean_dup(name, name_len);
	if (!clean)
		return -2;
	for (size_t i = 0; i < m->person_count; i++) {
		if (strcmp(m->people[i].name, clean) == 0) {
			atr_free(clean);
			return (int)i;
		}
	}
	if (m->person_count >= MAX_ENTITIES ||
	    !fsp_reserve(&m->people, &p->person_cap, m->person_count + 1, sizeof *m->people)) {
		atr_free(clean);
		return m->person_count >= MAX_ENTITIES ? -1 : -2;
	}
	fs_person *person = &m->people[m->person_count++];
	memset(person, 0, sizeof *person);
	person->name = clean;
	person->party = party;
	person->pos = pos;
	person->title = fsp_clean_dup(title, title_len);
	if (!person->title)
		return -2;
	if (fsp_unique_slug(&p->other_slugs, clean, &person->slug))
		return -2;
	return (int)(m->person_count - 1);
}

/* "ROK Minister of National Defense Park Min-seo": a party, a title made
 * of a head word with modifiers and an "of <department>", then a name. One
 * name word is a short reference ("Secretary Hollis"), resolved later. */
int fsp_scan_people(fsp_parser *p, fsp_block *b)
{
	for (size_t t = 0; t < b->tok_count; t++) {
		size_t n;
		const char *s = fsp_core(b, t, &n);
		if (!fsp_in_list(s, n, FSP_TITLE_HEADS))
			continue;
		size_t first = t, last = t;
		while (first > 0 && t - first < 3 && fsp_core_in(b, first - 1, FSP_TITLE_MODIFIERS) &&
		       !b->toks[first - 1].closes && !fsp_party_token(p, b, first - 1))
			first--;
		if ((fsp_core_is(b, t + 1 < b->tok_count ? t + 1 : t, "of") ||
		     fsp_core_is(b, t + 1 < b->tok_count ? t + 1 : t, "for")) &&
		    !b->toks[t].closes) {
			size_t j = t + 2, depth = 0;
			while (j < b->tok_count && depth < 6 && fsp_core_in(b, j, FSP_DEPARTMENTS)) {
				if (!fsp_core_is(b, j, "the"))
					last = j;
				if (b->toks[j].closes)
					break;
				j++;
				depth++;
				if (j + 1 < b->tok_count && fsp_core_is(b, j, "of") &&
				    fsp_core_in(b, j + 1, FSP_DEPARTMENTS))
					j++;
			}
		}
		size_t name_first = last + 1, name_last = last;
		size_t name_end = 0;
		if (!b->toks[last].closes) {
			while (name_last + 1 < b->tok_count && name_last + 1 - name_first < 5 &&
			       name_token(p, b, name_last + 1)) {
				name_last++;
				const char *w = fsp_core(b, name_last, &n);
				name_end = b->toks[name_last].cstart + fsp_possessive_cut(w, n);
				if (b->toks[name_last].closes || fsp_possessive_cut(w, n) != n)
					break;
			}
		}
		if (name_last < name_first)
			continue;
		int party = -1;
		if (first > 0) {
			const fsp_mention *pm = fsp_covering(p, b, MENTION_PARTY,
			                                 b->toks[first - 1].cstart);
			if (pm && pm->end + 4 >= b->toks[first - 1].cend)
				party = pm->index;
		}
		size_t name_start = b->toks[name_first].cstart;
		if (fsp_add_mention(p, MENTION_PERSON, name_start, name_end, -1))
			return ATRACK_NOMEM;
		fsp_mention *mention = &p->mentions[MENTION_PERSON].items[p->mentions[MENTION_PERSON].count - 1];
		mention->tok = first;
		mention->word = b->text + b->toks[t].cstart;
		mention->word_len = b->toks[t].cend - b->toks[t].cstart;
		if (name_last > name_first) {
			int index = add_person(p, b->text + name_start, name_end - name_start,
			                       b->text + b->toks[first].cstart,
			                       b->toks[last].cend - b->toks[first].cstart,
			                       party, fsp_block_pos(b, b->toks[first].start));
			if (index == -2)
				return ATRACK_NOMEM;
			mention->index = index;
			if (index < 0)
				mention->word = NULL; /* too many people: not a reference */
		} else {
			/* a short reference keeps its title for resolution */
			mention->tok = first;
			mention->word = b->text + b->toks[first].cstart;
			mention->word_len = b->toks[last].cend - b->toks[first].cstart;
			mention->index = -1 - party - 1; /* remember the party: <= -1 */
		}
		t = name_last;
	}
	return ATRACK_OK;
}

static bool name_has_word(const char *name, const char *w, size_t n)
{
	const char *s = name;
	while (*s) {
		const char *e = strchr(s, ' ');
		size_t len = e ? (size_t)(e - s) : strlen(s);
		if (len == n && memcmp(s, w, n) == 0)
			return true;
		if (!e)
			break;
		s = e + 1;
	}
	return false;
}

/* "Secretary Hollis" is the Secretary whose name has the word Hollis;
 * with no such person it is a person of its own. */
int fsp_resolve_short_references(fsp_parser *p)
{
	fs_model *m = p->model;
	for (size_t bi = 0; bi < p->block_count; bi++) {
		fsp_block *b = &p->blocks[bi];
		for (size_t k = b->first[MENTION_PERSON]; k < b->end[MENTION_PERSON]; k++) {
			fsp_mention *mn = &p->mentions[MENTION_PERSON].items[k];
			if (mn->index >= 0 || !mn->word)
				continue;
			int party = -mn->index - 2;
			const char *surname = b->text + mn->start;
			size_t surname_len = mn->end - mn->start;
			char *title = atr_strndup(mn->word, mn->word_len);
			if (!title)
				return ATRACK_NOMEM;
			const char *head = title;
			for (const char *sp = strchr(head, ' '); sp && !strstr(sp, " of ") &&
			     !strstr(sp, " for "); sp = strchr(head, ' '))
				head = sp + 1;
			size_t head_len = strcspn(head, " ");
			int found = -1;
			for (size_t i = 0; i < m->person_count && found < 0; i++) {
				char *at = strstr(m->people[i].title, head);
				if (at && (at[head_len] == '\0' || at[head_len] == ' ') &&
				    name_has_word(m->people[i].name, surname, surname_len))
					found = (int)i;
			}
			if (found < 0) {
				found = add_person(p, surname, surname_len, mn->word, mn->word_len,
				                   party, fsp_block_pos(b, b->toks[mn->tok].start));
				if (found == -2) {
					atr_free(title);
					return ATRACK_NOMEM;
				}
			}
			atr_free(title);
			mn->index = found;
		}
	}
	return ATRACK_OK;
}
