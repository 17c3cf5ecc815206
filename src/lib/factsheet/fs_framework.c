/*
 * fs_framework.c - recognises frameworks: "Full Name (ACR)" definitions
 * and capitalised names ending in a head noun, with the kind taken from
 * the head noun. Calls fs_token.c, fs_slug.c and fs_text.c.
 */
#include "factsheet_int.h"

#include <string.h>

static const char *kind_of_name(const char *name)
{
	size_t len = strlen(name);
	for (size_t i = 0; i < FSP_KIND_NOUN_COUNT; i++) {
		size_t n = strlen(FSP_KIND_NOUNS[i].noun);
		if (strchr(FSP_KIND_NOUNS[i].noun, ' ') && n < len && name[len - n - 1] == ' ' &&
		    strcmp(name + len - n, FSP_KIND_NOUNS[i].noun) == 0)
			return FSP_KIND_NOUNS[i].kind;
	}
	const char *last = strrchr(name, ' ');
	last = last ? last + 1 : name;
	const struct fsp_kind_noun *k = fsp_kind_noun(last, strlen(last));
	if (k)
		return k->kind;
	for (const char *s = name; *s;) {
		size_t n = strcspn(s, " ");
		if ((k = fsp_kind_noun(s, n)))
			return k->kind;
		s += n;
		while (*s == ' ')
			s++;
	}
	return "body";
}

static int find_framework(const fs_model *m, const char *name, const char *acronym)
{
	for (size_t i = 0; i < m->framework_count; i++) {
		const fs_framework *f = &m->frameworks[i];
		if (strcmp(f->name, name) == 0 ||
		    (acronym && f->acronym && strcmp(f->acronym, acronym) == 0))
			return (int)i;
	}
	return -1;
}

/* Returns the index, -1 when full, -2 when memory ran out. */
static int add_framework_kind(fsp_parser *p, const char *name, size_t name_len,
                              const char *acronym, size_t acronym_len, fs_pos pos,
                              const char *kind)
{
	fs_model *m = p->model;
	char *clean = fsp_clean_dup(name, name_len);
	char *acr = acronym ? atr_strndup(acronym, acronym_len) : NULL;
	if (!clean || (acronym && !acr)) {
		atr_free(clean);
		atr_free(acr);
		return -2;
	}
	int found = find_framework(m, clean, acr);
	if (found >= 0 || m->framework_count >= MAX_ENTITIES) {
		if (found >= 0 && acr && !m->frameworks[found].acronym) {
			m->frameworks[found].acronym = acr;
			acr = NULL;
		}
		atr_free(clean);
		atr_free(acr);
		return found;
	}
	if (!fsp_reserve(&m->frameworks, &p->framework_cap, m->framework_count + 1,
	                 sizeof *m->frameworks)) {
		atr_free(clean);
		atr_free(acr);
		return -2;
	}
	fs_framework *f = &m->frameworks[m->framework_count++];
	memset(f, 0, sizeof *f);
	f->name = clean;
	f->acronym = acr;
	f->pos = pos;
	f->kind = atr_strdup(kind ? kind : kind_of_name(clean));
	if (!f->kind || fsp_unique_slug(&p->other_slugs, acr ? acr : clean, &f->slug))
		return -2;
	return (int)(m->framework_count - 1);
}

static int add_framework(fsp_parser *p, const char *name, size_t name_len,
                         const char *acronym, size_t acronym_len, fs_pos pos)
{
	return add_framework_kind(p, name, name_len, acronym, acronym_len, pos, NULL);
}

static bool acronym_word(const char *s, size_t n)
{
	int upper = 0;
	if (n < 2 || n > 10 || !fsp_is_upper(s[0]))
		return false;
	for (size_t i = 0; i < n; i++) {
		if (fsp_is_upper(s[i]))
			upper++;
		else if (!fsp_is_lower(s[i]) && !fsp_is_digit(s[i]) && s[i] != '&' && s[i] != '-')
			return false;
	}
	return upper >= 2;
}

/* Whether the letters of `acr` are the initials of words [0, count):
 * every capitalised word gives its initial (and may give those of its
 * hyphenated parts), a small word may give its initial or nothing. */
static bool initials_match(const fsp_block *b, size_t first, size_t count,
                           const char *acr, size_t acr_len)
{
	bool ok[13][11]; /* ok[w][a]: words w.. spell letters a.. */
	char letters[11];
	size_t m = 0;
	for (size_t i = 0; i < acr_len && m < 10; i++)
		if (fsp_is_upper(acr[i]) || fsp_is_digit(acr[i]))
			letters[m++] = acr[i];
	if (count > 12 || m == 0)
		return false;
	for (size_t w = count + 1; w-- > 0;) {
		for (size_t a = m + 1; a-- > 0;) {
			if (w == count) {
				ok[w][a] = a == m;
				continue;
			}
			size_t n;
			const char *s = fsp_core(b, first + w, &n);
			bool small = fsp_is_small_word(s, n);
			bool r = small && ok[w + 1][a];
			if (!r && a < m && fsp_is_upper((char)(s[0] & ~0x20)) &&
			    (char)(s[0] & ~0x20) == letters[a]) {
				size_t used = a + 1;
				r = ok[w + 1][used];
				for (size_t k = 1; !r && k < n && used < m; k++) {
					if (s[k - 1] != '-')
						continue;
					if ((char)(s[k] & ~0x20) != letters[used])
						break;
					used++;
					r = ok[w + 1][used];
				}
			}
			ok[w][a] = r;
		}
	}
	return ok[0][0];
}

/* How many parties token t names: "Norland-Japan" two, "Japan" one. */
static size_t parties_in_token(const fsp_parser *p, const fsp_block *b, size_t t)
{
	size_t count = 0;
	for (size_t k = b->first[MENTION_PARTY]; k < b->end[MENTION_PARTY]; k++) {
		const fsp_mention *mn = &p->mentions[MENTION_PARTY].items[k];
		if (mn->start >= b->toks[t].start && mn->end <= b->toks[t].end)
			count++;
	}
	return count;
}

/* Whether the name [first, last] is a government's own body or the
 * alliance of countries rather than a framework: it ends "of [the]
 * Country" ("Coastal Guard of the Philippines", "National Harbour
 * Secretariat of Japan"), or it is parties and "Alliance" only. */
static bool government_body(const fsp_parser *p, const fsp_block *b, size_t first, size_t last)
{
	if (last >= first + 2) {
		const fsp_mention *pm = fsp_covering(p, b, MENTION_PARTY, b->toks[last].cstart);
		size_t of = fsp_core_is(b, last - 1, "the") ? last - 2 : last - 1;
		if (pm && of > first && fsp_core_is(b, of, "of") && pm->end >= b->toks[last].cend - 1)
			return true;
	}
	if (fsp_core_is(b, last, "Alliance")) {
		size_t t = first;
		while (t < last && (fsp_party_token(p, b, t) || fsp_core_is(b, t, "and")))
			t++;
		return t == last;
	}
	return false;
}

/* "Full Name (ACR)": the fewest capitalised words before the parenthesis
 * whose initials spell the acronym. A party or a meeting so defined is not
 * a framework; a lower-case phrase ("maintenance, repair, and overhaul
 * (MRO)") is nothing. */
int fsp_scan_definitions(fsp_parser *p, size_t bi)
{
	fsp_block *b = &p->blocks[bi];
	for (size_t t = 1; t < b->tok_count; t++) {
		size_t n;
		const char *s = fsp_core(b, t, &n);
		if (!fsp_starts_with_paren(b, t) || !acronym_word(s, n) ||
		    b->text[b->toks[t].cend] != ')' ||
		    fsp_covering(p, b, MENTION_MEETING, b->toks[t].start))
			continue;
		size_t k, found = 0;
		for (k = 1; k <= 12 && k <= t; k++) {
			size_t w = t - k;
			size_t wn;
			const char *ws = fsp_core(b, w, &wn);
			if (b->toks[w].closes || fsp_starts_with_paren(b, w) || wn == 0)
				break;
			bool small = fsp_is_small_word(ws, wn);
			if (!small && !fsp_capitalised(b, w))
				break;
			if (!small && initials_match(b, w, k, s, n)) {
				found = k;
				break;
			}
		}
		if (!found)
			continue;
		size_t first = t - found;
		size_t name_start = b->toks[first].cstart, name_end = b->toks[t - 1].cend;
		const fsp_mention *whole = fsp_covering(p, b, MENTION_PARTY, name_start);
		if ((whole && whole->start == name_start && whole->end >= name_end) ||
		    fsp_core_in(b, t - 1, FSP_MEETING_NOUNS))
			continue; /* "Republic of Korea (ROK)" is a party */
		if (government_body(p, b, first, t - 1))
			continue;
		/* an agency, company or technology is defined the same way:
		 * its head noun says so */
		/* the head is the word before "for"/"of"/"on", if the name
		 * has one ("Ministry of Harbour Affairs", "Partnership for
		 * Maritime Tide Awareness"), else the last */
		size_t head = t - 1;
		for (size_t w = first + 1; w + 1 < t; w++)
			if (fsp_core_is(b, w, "for") || fsp_core_is(b, w, "of") || fsp_core_is(b, w, "on")) {
				head = w - 1;
				break;
			}
		size_t hn, ln;
		const char *hs = fsp_core(b, head, &hn);
		const char *ls = fsp_core(b, t - 1, &ln);
		static const char *const laws[] = { "Act", "Acts", "Law", "Code", "Regulations", NULL };
		if (fsp_in_list(hs, fsp_possessive_cut(hs, hn), FSP_NOT_FRAMEWORK_HEADS) ||
		    fsp_in_list(ls, fsp_possessive_cut(ls, ln), laws))
			continue; /* "... Act (X)" names a law, whatever comes before "for" */
		/* "the ... Initiative (HTSI) Fund": a head noun after the
		 * parenthesis ends the name; the acronym stays the one defined */
		int index;
		size_t after = t + 1;
		size_t an;
		const char *as = after < b->tok_count ? fsp_core(b, after, &an) : NULL;
		if (as && b->text[b->toks[t].end - 1] == ')' && b->toks[t].sentence == b->toks[after].sentence &&
		    fsp_capitalised(b, after) &&
		    fsp_kind_noun(as, fsp_possessive_cut(as, an))) {
			atr_buf whole = ATR_BUF_INIT;
			atr_buf_append(&whole, b->text + name_start, name_end - name_start);
			atr_buf_putc(&whole, ' ');
			atr_buf_append(&whole, as, fsp_possessive_cut(as, an));
			char *name = atr_buf_detach(&whole);
			if (!name)
				return ATRACK_NOMEM;
			index = add_framework(p, name, strlen(name), s, n, fsp_block_pos(b, name_start));
			atr_free(name);
		} else {
			index = add_framework(p, b->text + name_start, name_end - name_start,
			                      s, n, fsp_block_pos(b, name_start));
		}
		if (index == -2)
			return ATRACK_NOMEM;
		if (fsp_add_mention(p, MENTION_DEFINITION, name_start, b->toks[t].cend + 1, index))
			return ATRACK_NOMEM;
		fsp_mentions *ms = &p->mentions[MENTION_DEFINITION];
		ms->items[ms->count - 1].word = s;
		ms->items[ms->count - 1].word_len = n;
	}
	return ATRACK_OK;
}

/* Whether the lower-case word is a head noun written in lower case
 * ("initiative", "program"). */
static bool lower_kind_noun(const char *s, size_t n)
{
	char word[32];
	if (n == 0 || n >= sizeof word)
		return false;
	memcpy(word, s, n);
	word[0] = (char)(word[0] - 'a' + 'A');
	return fsp_kind_noun(word, n) != NULL;
}

/* Whether token t is a year ("the 1962 Mutual Harbour Treaty"). */
static bool year_token(const fsp_block *b, size_t t)
{
	size_t n;
	const char *s = fsp_core(b, t, &n);
	int value;
	return fsp_number_word(s, n, 4, 4, &value);
}

/* Whether the words before the name (ending at token `before`) introduce
 * it: an article or possessive ("the", "their"), perhaps with up to two
 * lower-case words or a year between ("the existing", "a harbour-level",
 * "the 1962"), or "and" after another name ("... Treaty and 1988 Visiting
 * Pilots Agreement"). */
static bool introduced(const fsp_block *b, size_t before)
{
	size_t k = before, skipped = 0;
	for (;;) {
		if (fsp_core_in(b, k, FSP_DETERMINERS))
			return true;
		if ((fsp_core_is(b, k, "and") || fsp_core_is(b, k, "or")) && k > 0 &&
		    fsp_capitalised(b, k - 1) && !b->toks[k - 1].closes)
			return true;
		size_t n;
		const char *s = fsp_core(b, k, &n);
		bool lower = n > 0 && fsp_is_lower(s[0]) && !fsp_is_small_word(s, n);
		if (k == 0 || b->toks[k].closes || skipped == 2 || !(lower || year_token(b, k)))
			return false;
		skipped++;
		k--;
	}
}

/* "a new Coast Guard Framework", "the U.S.-ROK Pier Safety Task Force":
 * capitalised words ending in a kind noun, after an article; a party
 * written just before the name is part of it. An item's label ("Energy
 * Policy Dialogue: ...") and a heading need no article. */
int fsp_scan_named_frameworks(fsp_parser *p, size_t bi)
{
	fsp_block *b = &p->blocks[bi];
	for (size_t t = 0; t < b->tok_count; t++) {
		size_t n;
		const char *s = fsp_core(b, t, &n);
		/* a head noun of two words: "Task Force" */
		bool two_words = t > 0 && b->toks[t].cstart > b->toks[t - 1].cend &&
		                 fsp_kind_noun(b->text + b->toks[t - 1].cstart,
		                               (size_t)(s - b->text) + fsp_possessive_cut(s, n) -
		                               b->toks[t - 1].cstart);
		/* "the Tide Gauge Recovery initiative": a head noun in
		 * lower case after at least two capitalised words */
		bool lower_head = n > 0 && fsp_is_lower(s[0]) && lower_kind_noun(s, fsp_possessive_cut(s, n)) &&
		                  t >= 2 && fsp_capitalised(b, t - 1) && fsp_capitalised(b, t - 2) &&
		                  !b->toks[t - 1].closes && !b->toks[t - 2].closes &&
		                  !fsp_party_token(p, b, t - 1);
		if ((!fsp_kind_noun(s, fsp_possessive_cut(s, n)) && !two_words && !lower_head) ||
		    fsp_starts_with_paren(b, t) ||
		    fsp_covering(p, b, MENTION_MEETING, b->toks[t].cstart))
			continue;
		/* a name a definition has already recorded ("... Initiative
		 * (HTSI) Fund") is not read again, cut short */
		if (fsp_covering(p, b, MENTION_DEFINITION, b->toks[t].cstart))
			continue;
		/* "Combined Pilots Command": the name goes on past this noun */
		if (!b->toks[t].closes && t + 1 < b->tok_count && fsp_capitalised(b, t + 1) &&
		    !fsp_starts_with_paren(b, t + 1) && fsp_possessive_cut(s, n) == n)
			continue;
		size_t first = t;
		while (first > 0 && t - first < 8 && !b->toks[first - 1].closes &&
		       !fsp_starts_with_paren(b, first - 1)) {
			size_t k = first - 1;
			size_t kn0;
			const char *ks0 = fsp_core(b, k, &kn0);
			if (fsp_possessive_cut(ks0, kn0) != kn0)
				break; /* "the Harbour's Partnership": the owner is no part of the name */
			if (fsp_capitalised(b, k) && !fsp_core_in(b, k, FSP_DETERMINERS)) {
				first--;
				continue;
			}
			/* "Quays of the Future": small words inside the name */
			if (k > 0 && fsp_core_is(b, k, "the") &&
			    (fsp_core_is(b, k - 1, "of") || fsp_core_is(b, k - 1, "for")) &&
			    k > 1 && fsp_capitalised(b, k - 2) && !b->toks[k - 1].closes) {
				first -= 2;
				continue;
			}
			size_t kn;
			const char *ks = fsp_core(b, k, &kn);
			size_t pn;
			const char *ps = k > 0 ? fsp_core(b, k - 1, &pn) : NULL;
			if (k > 0 && fsp_is_small_word(ks, kn) &&
			    !fsp_core_in(b, k, FSP_DETERMINERS) && fsp_capitalised(b, k - 1) &&
			    !b->toks[k - 1].closes &&
			    !(fsp_word_is(ks, kn, "and") && fsp_kind_noun(ps, pn))) {
				first--;
				continue;
			}
			break;
		}
		for (const char *fs = fsp_core(b, first, &n); first < t && fsp_is_small_word(fs, n);
		     fs = fsp_core(b, first, &n))
			first++;
		bool label = first == 0 && b->kind == BLOCK_ITEM && b->toks[t].closes &&
		             b->text[b->toks[t].end - 1] == ':';
		bool heading = first == 0 && b->kind == BLOCK_HEADING;
		if (fsp_party_token(p, b, first) && first + 1 >= t &&
		    parties_in_token(p, b, first) < 2)
			continue; /* "the ROK Group": a country and a noun is no name */
		if (!label && !heading && (first == 0 || !introduced(b, first - 1)))
			continue;
		/* "Joint Steering Group for Coastal Resilience", "Facility
		 * for the Lagoon", "Partnership for Cable Repair and
		 * Resilience": the name goes on over "for"/"on"/"of" and
		 * capitalised words */
		size_t last = t;
		while (!b->toks[last].closes && last + 2 < b->tok_count && last - t < 8 &&
		       (fsp_core_is(b, last + 1, "for") || fsp_core_is(b, last + 1, "on") ||
		        fsp_core_is(b, last + 1, "of")) && !b->toks[last + 1].closes) {
			size_t next = last + 2;
			if (fsp_core_is(b, next, "the") && !b->toks[next].closes && next + 1 < b->tok_count)
				next++;
			if (!fsp_capitalised(b, next) || fsp_starts_with_paren(b, next) ||
			    fsp_core_month(b, next) ||
			    fsp_core_in(b, next, FSP_DETERMINERS))
				break;
			last = next;
			while (!b->toks[last].closes && last + 1 < b->tok_count && last - t < 12) {
				if (fsp_capitalised(b, last + 1) && !fsp_starts_with_paren(b, last + 1))
					last++;
				else if (last + 2 < b->tok_count && fsp_core_is(b, last + 1, "and") &&
				         !b->toks[last + 1].closes && fsp_capitalised(b, last + 2) &&
				         !fsp_starts_with_paren(b, last + 2))
					last += 2;
				else
					break;
			}
		}
		if ((first == t && last == t) || government_body(p, b, first, last))
			continue; /* a head noun alone is no name */
		size_t start = b->toks[first].cstart;
		size_t end = b->toks[last].cend;
		end = b->toks[last].cstart +
		      fsp_possessive_cut(b->text + b->toks[last].cstart, end - b->toks[last].cstart);
		/* "the Harbour Consultative Committee ("2+2")": a quoted
		 * short form in parentheses right after the name is its acronym */
		const char *alias = NULL;
		size_t alias_len = 0;
		if (last == t && last + 1 < b->tok_count && !b->toks[last].closes &&
		    fsp_starts_with_paren(b, last + 1)) {
			alias = fsp_core(b, last + 1, &alias_len);
			const char *raw = b->text + b->toks[last + 1].start;
			bool quoted = raw[1] == '"' || (unsigned char)raw[1] == 0xE2;
			if (!quoted || alias_len == 0 || alias_len > 10 ||
			    b->text[b->toks[last + 1].cend] == '\0')
				alias = NULL;
		}
		int index = add_framework(p, b->text + start, end - start,
		                          alias, alias ? alias_len : 0, fsp_block_pos(b, start));
		if (index == -2)
			return ATRACK_NOMEM;
	}
	return ATRACK_OK;
}

/* Where framework i is first named in the block (by name or acronym, as
 * a whole word), or SIZE_MAX. */
size_t fsp_framework_in(const fs_framework *f, const fsp_block *b)
{
	const char *forms[2] = {f->name, f->acronym};
	size_t best = SIZE_MAX;
	for (int k = 0; k < 2; k++) {
		if (!forms[k])
			continue;
		size_t n = strlen(forms[k]);
		for (const char *at = strstr(b->text, forms[k]); at; at = strstr(at + 1, forms[k])) {
			size_t off = (size_t)(at - b->text);
			if ((off > 0 && fsp_is_alnum(at[-1])) || fsp_is_alnum(at[n]))
				continue;
			if (off < best)
				best = off;
			break;
		}
	}
	return best;
}

static bool word_at(const char *text, size_t len, size_t at, size_t n)
{
	return (at == 0 || !fsp_is_alnum(text[at - 1])) &&
	       (at + n >= len || !fsp_is_alnum(text[at + n]));
}

/* The groupings of FSP_GROUPINGS that the title names, that the text
 * names at least twice as whole words (also written all in capitals), or that
 * a parenthesis defines ("Norland-Japan-U.S. (G7)"). */
int fsp_scan_groupings(fsp_parser *p)
{
	for (const char *const *g = FSP_GROUPINGS; *g; g++) {
		size_t n = strlen(*g), count = 0;
		char caps[16];
		if (n >= sizeof caps)
			continue;
		for (size_t i = 0; i <= n; i++)
			caps[i] = (char)((*g)[i] >= 'a' && (*g)[i] <= 'z' ? (*g)[i] - 'a' + 'A' : (*g)[i]);
		bool in_title = false, defined = false;
		fs_pos pos = {0, 0};
		for (size_t bi = 0; bi < p->block_count && !in_title && !defined && count < 2; bi++) {
			const fsp_block *b = &p->blocks[bi];
			for (int form = 0; form < 2; form++) {
				const char *word = form ? caps : *g;
				if (form && strcmp(caps, *g) == 0)
					break;
				for (const char *at = strstr(b->text, word); at; at = strstr(at + 1, word)) {
					size_t off = (size_t)(at - b->text);
					if (!word_at(b->text, b->len, off, n))
						continue;
					if (!count)
						pos = fsp_block_pos(b, off);
					count++;
					if (b->kind == BLOCK_TITLE)
						in_title = true;
					if (off > 0 && at[-1] == '(' && at[n] == ')')
						defined = true;
				}
			}
		}
		if ((in_title || defined || count >= 2) &&
		    add_framework_kind(p, *g, n, NULL, 0, pos, "group") == -2)
			return ATRACK_NOMEM;
	}
	return ATRACK_OK;
}
