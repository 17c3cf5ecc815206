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
	    fsp_month_of(s, n) || fsp_party_token(p, b, t) ||
	    fsp_in_list(s, n, FSP_POST_NOMINALS))
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

/* Whether token t is an initial: "J." */
static bool initial_at(const fsp_block *b, size_t t)
{
	if (t >= b->tok_count)
		return false;
	size_t n;
	const char *s = fsp_core(b, t, &n);
	return (n == 2 && fsp_is_upper(s[0]) && s[1] == '.') ||
	       (n == 1 && fsp_is_upper(s[0]) && b->text[b->toks[t].cend] == '.');
}

/* "Jr.", "Sr.", "II", "III", "IV" after a name, with or without a comma:
 * the name then ends after the suffix. */
static size_t name_suffix(const fsp_block *b, size_t last, size_t name_end)
{
	static const char *const suffixes[] = { "Jr", "Sr", "II", "III", "IV", NULL };
	if (last + 1 >= b->tok_count)
		return name_end;
	size_t n;
	const char *s = fsp_core(b, last + 1, &n);
	if (n && s[n - 1] == '.')
		n--;
	if (!fsp_in_list(s, n, suffixes))
		return name_end;
	const char *tok_end = b->text + b->toks[last + 1].cend;
	return (size_t)(s - b->text) + n + (tok_end > s + n && s[n] == '.' ? 1 : 0);
}

/* "the Prime Minister of India, Shri Ravi Tamar", "the President of
 * the Government of Spain, Bruno ...": after the title at `last` its
 * country, a comma and the name, honorifics dropped. The token where the
 * name starts, or 0; *party and *title_last (a title word after "of",
 * "Government") are set when found. */
static size_t apposed_name(const fsp_parser *p, const fsp_block *b, size_t last,
                           int *party, size_t *title_last)
{
	size_t j = last + 1;
	if (j + 2 >= b->tok_count || !fsp_core_is(b, j, "of"))
		return 0;
	j++;
	if (fsp_core_is(b, j, "the"))
		j++;
	size_t office = 0;
	if (j + 2 < b->tok_count && fsp_capitalised(b, j) && !fsp_party_token(p, b, j) &&
	    fsp_core_is(b, j + 1, "of")) {
		office = j;
		j += 2;
		if (j < b->tok_count && fsp_core_is(b, j, "the"))
			j++;
	}
	if (j >= b->tok_count)
		return 0;
	const fsp_mention *pm = fsp_covering(p, b, MENTION_PARTY, b->toks[j].cstart);
	if (!pm || pm->start != b->toks[j].cstart)
		return 0;
	while (j + 1 < b->tok_count && b->toks[j].cend < pm->end)
		j++;
	if (!b->toks[j].closes || b->text[b->toks[j].end - 1] != ',' || j + 1 >= b->tok_count)
		return 0;
	j++;
	while (j + 1 < b->tok_count && fsp_core_in(b, j, FSP_HONORIFICS))
		j++;
	if (!name_token(p, b, j))
		return 0;
	*party = pm->index;
	if (office)
		*title_last = office;
	return j;
}

/* Whether the words [name_first, name_last] after the title word at
 * `head` (its modifiers from `first`) name a person: no digits in a
 * name; not a title inside a proper noun ("... Tide Ambassador
 * Program"); a bare "General" followed by one word is an organisation
 * ("General Motors"), a general is named in full. */
static bool plausible_name(const fsp_parser *p, const fsp_block *b, size_t first,
                           size_t head, size_t name_first, size_t name_last)
{
	for (size_t t = name_first; t <= name_last; t++) {
		size_t n;
		const char *s = fsp_core(b, t, &n);
		for (size_t i = 0; i < n; i++)
			if (fsp_is_digit(s[i]))
				return false;
	}
	if (first > 0 && b->toks[first - 1].sentence == b->toks[first].sentence &&
	    !b->toks[first - 1].closes && fsp_capitalised(b, first - 1) &&
	    !fsp_party_token(p, b, first - 1) && !fsp_core_in(b, first - 1, FSP_DETERMINERS)) {
		size_t n;
		const char *s = fsp_core(b, first - 1, &n);
		if (fsp_party_adjective(s, n) < 0)
			return false;
	}
	return !(first == head && name_first == name_last && fsp_core_is(b, head, "General"));
}

/* "Name of [the] Country": the party written after the name. */
static int party_after(fsp_parser *p, const fsp_block *b, size_t last)
{
	size_t t = last + 1;
	if (b->toks[last].closes || t + 1 >= b->tok_count || !fsp_core_is(b, t, "of"))
		return -1;
	t++;
	if (fsp_core_is(b, t, "the") && t + 1 < b->tok_count)
		t++;
	const fsp_mention *pm = fsp_covering(p, b, MENTION_PARTY, b->toks[t].cstart);
	return pm && pm->start == b->toks[t].cstart ? pm->index : -1;
}

/* "Japanese Prime Minister X", "ROK Minister Y": the party written just
 * before the title, unless it ends an "of [the] Country" that belongs to
 * the person before ("X of Norland, Prime Minister Y"). */
static int party_before(fsp_parser *p, const fsp_block *b, size_t first)
{
	size_t t = first - 1;
	size_t n;
	const char *s = fsp_core(b, t, &n);
	int def = fsp_party_adjective(s, n);
	if (def >= 0 && !b->toks[t].closes) {
		int index = fsp_party_of_def(p, (size_t)def, fsp_block_pos(b, b->toks[t].cstart));
		return index < 0 ? -2 : index;
	}
	const fsp_mention *pm = fsp_covering(p, b, MENTION_PARTY, b->toks[t].cstart);
	if (!pm || pm->end + 4 < b->toks[t].cend || b->toks[t].closes)
		return -1;
	size_t before = t;
	while (before > 0 && b->toks[before].cstart > pm->start)
		before--;
	if (before > 0 && fsp_core_is(b, before - 1, "the"))
		before--;
	if (before > 0 && fsp_core_is(b, before - 1, "of"))
		return -1;
	return pm->index;
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
		int apposed_party = -1;
		if (!b->toks[last].closes && name_first < b->tok_count &&
		    !name_token(p, b, name_first)) {
			size_t title_last = last;
			size_t start = apposed_name(p, b, last, &apposed_party, &title_last);
			if (start) {
				last = title_last;
				name_first = start;
				name_last = start - 1;
			}
		}
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
		if (b->kind == BLOCK_TITLE && name_last > name_first) {
			/* every word of a title is capitalised: "President X
			 * Launches ..." names X, "President A B. C Secures ..." A B. C */
			size_t keep = initial_at(b, name_first + 1) && name_first + 2 <= name_last
			              ? name_first + 2 : name_first;
			if (keep < name_last) {
				name_last = keep;
				const char *w = fsp_core(b, name_last, &n);
				name_end = b->toks[name_last].cstart + fsp_possessive_cut(w, n);
			}
		}
		if (name_last > name_first)
			name_end = name_suffix(b, name_last, name_end);
		if (!plausible_name(p, b, first, t, name_first, name_last))
			continue;
		int party = apposed_party >= 0 ? apposed_party : party_after(p, b, name_last);
		if (party < 0 && first > 0)
			party = party_before(p, b, first);
		if (party == -2)
			return ATRACK_NOMEM;
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

/* Whether the title names an office the publisher's country does not
 * have. */
static bool foreign_office(const char *title)
{
	for (const char *w = title; w && *w;) {
		size_t n = strcspn(w, " ");
		if (fsp_in_list(w, n, FSP_FOREIGN_TITLE_HEADS))
			return true;
		w = w[n] ? w + n + 1 : NULL;
	}
	return false;
}

static bool name_has_word(const char *name, const char *w, size_t n)
{
	const char *s = name;
	while (*s) {
		const char *e = strchr(s, ' ');
		size_t len = e ? (size_t)(e - s) : strlen(s);
		if (len > n && s[len - 1] == ',')
			len--; /* "Doyle, Jr." */
		if (len == n && memcmp(s, w, n) == 0)
			return true;
		if (!e)
			break;
		s = e + 1;
	}
	return false;
}

/* "Secretary Hollis" is the Secretary whose name has the word Hollis;
 * with no such person it is a person of its own. Then a person still
 * without a country is given the publisher's, when the text names it. */
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
	/* officials named without a country are the publisher's own, unless
	 * the publisher has no such office ("Prime Minister X"): then they
	 * are of the one other country the title names, if it names one */
	int home = fsp_home_party(m), other = -1, others = 0;
	for (size_t bi = 0; bi < p->block_count; bi++) {
		const fsp_block *b = &p->blocks[bi];
		for (size_t k = b->first[MENTION_PARTY]; b->kind == BLOCK_TITLE &&
		     k < b->end[MENTION_PARTY]; k++) {
			int index = p->mentions[MENTION_PARTY].items[k].index;
			if (index >= 0 && index != home && index != other && !fsp_party_is_grouping(m, index)) {
				other = index;
				others++;
			}
		}
	}
	for (size_t i = 0; i < m->person_count; i++) {
		fs_person *x = &m->people[i];
		if (x->party >= 0)
			continue;
		if (!foreign_office(x->title))
			x->party = home;
		else if (others == 1)
			x->party = other;
	}
	return ATRACK_OK;
}
