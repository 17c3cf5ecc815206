/*
 * fs_token.c - words and sentences of a block (tokens with their core
 * without quotes and punctuation), the per-block mention lists that one
 * recogniser leaves for the next, and list splitting ("A, B, and C").
 * Calls only fs_text.c.
 */
#include "factsheet_int.h"

#include <string.h>

static bool is_open_quote(const char *s, size_t i, size_t end, size_t *n)
{
	unsigned char c = (unsigned char)s[i];
	if (c == '(' || c == '[' || c == '"' || c == '\'') {
		*n = 1;
		return true;
	}
	if (i + 3 <= end && c == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
	    ((unsigned char)s[i + 2] == 0x9C || (unsigned char)s[i + 2] == 0x98)) {
		*n = 3;
		return true;
	}
	return false;
}

bool fsp_is_abbreviation(const char *s, size_t len)
{
	if (len == 1 && (fsp_is_upper(s[0]) || fsp_is_lower(s[0])))
		return true;
	if (memchr(s, '.', len))
		return true;
	return fsp_in_list(s, len, FSP_ABBREVIATIONS);
}

/* The core of a token: without brackets, quotes and trailing punctuation;
 * a final "." stays on abbreviations ("U.S.", "J.", "Oct."). */
static void token_core(const char *s, fsp_token *t, bool *fsp_ends_sentence)
{
	size_t a = t->start, b = t->end, n;
	*fsp_ends_sentence = false;
	t->closes = false;
	while (a < b && is_open_quote(s, a, b, &n))
		a += n;
	for (;;) {
		if (b <= a)
			break;
		unsigned char c = (unsigned char)s[b - 1];
		if (c == ')' || c == ']' || c == '"' || c == ',' || c == ';' ||
		    c == ':' || c == '!' || c == '?' || c == '\'') {
			if (c != '"' && c != '\'')
				t->closes = true;
			if (c == '!' || c == '?')
				*fsp_ends_sentence = true;
			b--;
		} else if (b - a >= 3 && c == 0x9D && (unsigned char)s[b - 2] == 0x80 &&
		           (unsigned char)s[b - 3] == 0xE2) {
			b -= 3;
		} else if (c == '.' && b - a > 1 && !fsp_is_abbreviation(s + a, b - a - 1)) {
			*fsp_ends_sentence = true;
			t->closes = true;
			b--;
		} else {
			break;
		}
	}
	t->cstart = a;
	t->cend = b > a ? b : a;
}

int fsp_tokenise(fsp_block *b)
{
	size_t cap = 0, i = 0, n;
	int sentence = 0;
	while (i < b->len) {
		while (i < b->len && (n = fsp_space_at(b->text, b->len, i)) > 0)
			i += n; /* no-break spaces separate words too */
		if (i == b->len)
			break;
		size_t start = i;
		while (i < b->len && !fsp_space_at(b->text, b->len, i))
			i++;
		if (!fsp_reserve(&b->toks, &cap, b->tok_count + 1, sizeof *b->toks))
			return ATRACK_NOMEM;
		fsp_token *t = &b->toks[b->tok_count++];
		bool ends;
		t->start = start;
		t->end = i;
		token_core(b->text, t, &ends);
		t->sentence = sentence;
		if (ends)
			sentence++;
	}
	return ATRACK_OK;
}

const char *fsp_core(const fsp_block *b, size_t t, size_t *len)
{
	*len = b->toks[t].cend - b->toks[t].cstart;
	return b->text + b->toks[t].cstart;
}

bool fsp_core_is(const fsp_block *b, size_t t, const char *word)
{
	size_t n;
	const char *s = fsp_core(b, t, &n);
	return fsp_word_is(s, n, word);
}

bool fsp_core_in(const fsp_block *b, size_t t, const char *const *list)
{
	size_t n;
	const char *s = fsp_core(b, t, &n);
	return fsp_in_list(s, n, list);
}

bool fsp_capitalised(const fsp_block *b, size_t t)
{
	size_t n;
	const char *s = fsp_core(b, t, &n);
	if (n == 0)
		return false;
	unsigned char c = (unsigned char)s[0];
	return fsp_is_upper((char)c) || (c >= 0xC3 && c < 0xE2);
}

bool fsp_starts_with_paren(const fsp_block *b, size_t t)
{
	return b->text[b->toks[t].start] == '(';
}

/* The first token whose start is at or after `at`. */
static size_t token_at(const fsp_block *b, size_t at)
{
	size_t lo = 0, hi = b->tok_count;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (b->toks[mid].start < at)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int fsp_add_mention(fsp_parser *p, int kind, size_t start, size_t end,
                       int index)
{
	fsp_mentions *ms = &p->mentions[kind];
	if (!fsp_reserve(&ms->items, &ms->cap, ms->count + 1, sizeof *ms->items))
		return ATRACK_NOMEM;
	fsp_mention *m = &ms->items[ms->count++];
	memset(m, 0, sizeof *m);
	m->start = start;
	m->end = end;
	m->index = index;
	return ATRACK_OK;
}

/* The mention of `kind` in block b that covers byte `at`, if any. */
const fsp_mention *fsp_covering(const fsp_parser *p, const fsp_block *b,
                                   int kind, size_t at)
{
	const fsp_mention *items = p->mentions[kind].items;
	size_t lo = b->first[kind], hi = b->end[kind];
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (items[mid].start <= at)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == b->first[kind])
		return NULL;
	const fsp_mention *m = &items[lo - 1];
	return at < m->end ? m : NULL;
}

/* The month token t names (1-12), or 0. */
int fsp_core_month(const fsp_block *b, size_t t)
{
	size_t n;
	const char *s = fsp_core(b, t, &n);
	return fsp_month_of(s, n);
}

bool fsp_party_token(const fsp_parser *p, const fsp_block *b, size_t t)
{
	return fsp_covering(p, b, MENTION_PARTY, b->toks[t].cstart) != NULL;
}

int fsp_refs_add(fs_refs *r, int index)
{
	for (size_t i = 0; i < r->count; i++)
		if (r->items[i] == index)
			return ATRACK_OK;
	int *items = atr_realloc(r->items, (r->count + 1) * sizeof *items);
	if (!items)
		return ATRACK_NOMEM;
	r->items = items;
	r->items[r->count++] = index;
	return ATRACK_OK;
}

size_t fsp_trim_span(const char *s, fsp_span *sp)
{
	while (sp->start < sp->end && (fsp_is_space(s[sp->start]) || s[sp->start] == ','))
		sp->start++;
	while (sp->end > sp->start &&
	       (fsp_is_space(s[sp->end - 1]) || strchr(".,;:", s[sp->end - 1])))
		sp->end--;
	return sp->end - sp->start;
}

/* Split "A, B, and C" (or "A and B") in [start, end) into at most max
 * elements. */
size_t fsp_split_list(const char *s, size_t start, size_t end, fsp_span *out,
                         size_t max, bool split_and)
{
	size_t count = 0, i = start, piece = start;
	while (i <= end && count < max) {
		bool cut = i == end || s[i] == ',' || s[i] == ';';
		size_t skip = 1;
		if (!cut && split_and && i + 5 <= end && memcmp(s + i, " and ", 5) == 0) {
			cut = true;
			skip = 5;
		}
		if (!cut) {
			i++;
			continue;
		}
		fsp_span sp = {piece, i};
		if (fsp_trim_span(s, &sp)) {
			if (sp.end - sp.start > 4 && memcmp(s + sp.start, "and ", 4) == 0)
				sp.start += 4;
			else if (sp.end - sp.start > 3 && memcmp(s + sp.start, "or ", 3) == 0)
				sp.start += 3;
			out[count++] = sp;
		}
		i += skip;
		piece = i;
	}
	return count;
}

size_t fsp_word_count(const char *s, size_t len)
{
	size_t words = 0;
	bool in = false;
	for (size_t i = 0; i < len; i++) {
		if (fsp_is_space(s[i]))
			in = false;
		else if (!in && ++words)
			in = true;
	}
	return words;
}

/* The end of the sentence that contains byte `at`. */
size_t fsp_sentence_end(const fsp_block *b, size_t at)
{
	size_t t = token_at(b, at);
	if (t >= b->tok_count)
		return b->len;
	int sentence = b->toks[t].sentence;
	while (t + 1 < b->tok_count && b->toks[t + 1].sentence == sentence)
		t++;
	return b->toks[t].end;
}
