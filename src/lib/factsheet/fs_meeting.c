/*
 * fs_meeting.c - recognises the meetings a document reports on: kind,
 * ordinal, short kind, date, place and the people named with it. Calls
 * fs_token.c, fs_slug.c and fs_text.c; reads the dates of fs_date.c.
 */
#include "factsheet_int.h"

#include <string.h>

/* Whether block b is a sentence of the same paragraph as block a (a
 * prose paragraph split into its sentences). */
bool fsp_same_paragraph(const fsp_block *a, const fsp_block *b)
{
	return a->kind != BLOCK_TITLE && a->kind != BLOCK_HEADING &&
	       b->line_start <= a->line_end && b->section == a->section;
}

bool fsp_ordinal_word(const char *s, size_t n, int *value)
{
	size_t i = 0;
	while (i < n && fsp_is_digit(s[i]))
		i++;
	if (i == 0 || i > 4 || n - i != 2)
		return false;
	if (!fsp_word_is(s + i, 2, "st") && !fsp_word_is(s + i, 2, "nd") &&
	    !fsp_word_is(s + i, 2, "rd") && !fsp_word_is(s + i, 2, "th"))
		return false;
	return fsp_number_word(s, i, 1, 4, value) && *value > 0;
}


static bool kind_word(const fsp_parser *p, const fsp_block *b, size_t t)
{
	size_t n;
	const char *s = fsp_core(b, t, &n);
	if (b->toks[t].closes || fsp_starts_with_paren(b, t) || fsp_party_token(p, b, t))
		return false;
	if (fsp_capitalised(b, t))
		return !fsp_month_of(s, n) && !fsp_in_list(s, n, FSP_DETERMINERS) &&
		       !fsp_in_list(s, n, FSP_TITLE_HEADS);
	if (n == 3 && memcmp(s, "2+2", 3) == 0)
		return true;
	return fsp_word_is(s, n, "of") || fsp_word_is(s, n, "and") ||
	       fsp_word_is(s, n, "on") || fsp_word_is(s, n, "for") || fsp_word_is(s, n, "&");
}

static char *initials(const char *kind)
{
	atr_buf buf = ATR_BUF_INIT;
	const char *s = kind;
	while (*s) {
		size_t n = strcspn(s, " ");
		if (n && !fsp_is_small_word(s, n))
			atr_buf_putc(&buf, fsp_is_alnum(*s) ? *s : 'x');
		s += n;
		while (*s == ' ')
			s++;
	}
	return atr_buf_detach(&buf);
}

static const fsp_date *date_in_sentence(const fsp_parser *p, size_t bi, int sentence)
{
	const fsp_date *fallback = NULL;
	for (size_t i = 0; i < p->date_count; i++) {
		if (p->dates[i].block != bi || p->dates[i].day == 0)
			continue;
		if (p->dates[i].sentence == sentence)
			return &p->dates[i];
		if (!fallback)
			fallback = &p->dates[i];
	}
	return fallback;
}

/* "in Port Alder", "in Port Alder, N.L." after the meeting's name: sets
 * mt->place when the sentence names one; ATRACK_NOMEM when it names one
 * that could not be copied. */
static char *place_in(const fsp_block *b, size_t after, int sentence, bool *named);

int fsp_meeting_place(const fsp_block *b, size_t after, int sentence, fs_meeting *mt)
{
	bool named = false;
	mt->place = place_in(b, after, sentence, &named);
	return named && !mt->place ? ATRACK_NOMEM : ATRACK_OK;
}

static char *place_in(const fsp_block *b, size_t after, int sentence, bool *named)
{
	for (size_t t = after; t + 1 < b->tok_count && b->toks[t].sentence == sentence; t++) {
		if (!fsp_core_is(b, t, "in") || !fsp_capitalised(b, t + 1))
			continue;
		size_t first = t + 1, last = t + 1, n;
		const char *s = fsp_core(b, first, &n);
		if (fsp_month_of(s, n) || fsp_in_list(s, n, FSP_DETERMINERS))
			continue;
		while (!b->toks[last].closes && last + 1 < b->tok_count && last - first < 3 &&
		       fsp_capitalised(b, last + 1) && !fsp_core_month(b, last + 1))
			last++;
		if (b->toks[last].closes && last + 1 < b->tok_count &&
		    b->text[b->toks[last].end - 1] == ',') {
			s = fsp_core(b, last + 1, &n);
			if (n >= 3 && n <= 5 && s[n - 1] == '.' && fsp_is_upper(s[0]) && s[1] == '.')
				last++;
		}
		*named = true;
		return fsp_clean_dup(b->text + b->toks[first].cstart,
		                     b->toks[last].cend - b->toks[first].cstart);
	}
	return NULL;
}

/* Who is named in the sentence that introduces the meeting; when nobody
 * is, who is named in its paragraph ("... was held in Seoul. Secretary X
 * and Minister Y ..."). */
int fsp_meeting_people_in(fsp_parser *p, size_t bi, int sentence, fs_meeting *mt,
                             int passes)
{
	const fsp_block *b = &p->blocks[bi];
	for (int pass = 0; pass < passes && mt->people.count == 0; pass++) {
		for (size_t k = b->first[MENTION_PERSON]; k < b->end[MENTION_PERSON]; k++) {
			const fsp_mention *mn = &p->mentions[MENTION_PERSON].items[k];
			if (mn->index >= 0 && (pass || b->toks[mn->tok].sentence == sentence) &&
			    fsp_refs_add(&mt->people, mn->index))
				return ATRACK_NOMEM;
		}
	}
	return ATRACK_OK;
}

/* When the sentence that dates the meeting names nobody, the people of
 * the lead's first sentence ("In Port Alder, President X, Prime Minister Y of
 * Z ... will advance"). */
int fsp_meeting_people(fsp_parser *p, size_t bi, int sentence, fs_meeting *mt)
{
	return fsp_meeting_people_in(p, bi, sentence, mt, 2);
}

size_t fsp_first_body_block(const fsp_parser *p)
{
	for (size_t bi = 0; bi < p->block_count; bi++)
		if (p->blocks[bi].kind == BLOCK_PROSE || p->blocks[bi].kind == BLOCK_ITEM)
			return bi;
	return SIZE_MAX;
}

int fsp_lead_people(fsp_parser *p, fs_meeting *mt)
{
	size_t bi = fsp_first_body_block(p);
	if (bi == SIZE_MAX || mt->people.count > 0)
		return ATRACK_OK;
	return fsp_meeting_people_in(p, bi, 0, mt, 1);
}

int fsp_make_meeting_slug(fsp_parser *p, fs_meeting *mt)
{
	atr_buf buf = ATR_BUF_INIT;
	char *base = mt->short_kind ? NULL : initials(mt->kind);
	if (!mt->short_kind && !base)
		return ATRACK_NOMEM;
	atr_buf_puts(&buf, mt->short_kind ? mt->short_kind : base);
	atr_free(base);
	if (mt->ordinal)
		atr_buf_printf(&buf, " %d", mt->ordinal);
	else if (mt->start_date[0])
		atr_buf_printf(&buf, " %s", mt->start_date);
	char *text = atr_buf_detach(&buf);
	if (!text)
		return ATRACK_NOMEM;
	int rc = fsp_unique_slug(&p->other_slugs, text, &mt->slug);
	atr_free(text);
	return rc;
}

/* 1 for "inaugural" and "first", 2 for "second"...; 0 otherwise. */
int fsp_ordinal_of_word(const fsp_block *b, size_t t)
{
	size_t n;
	const char *s = fsp_core(b, t, &n);
	int value = 0;
	if (fsp_ordinal_word(s, n, &value))
		return value;
	for (int i = 0; FSP_ORDINAL_WORDS[i]; i++)
		if (fsp_word_is_ci(s, n, FSP_ORDINAL_WORDS[i]))
			return i == 0 ? 1 : i;
	return 0;
}

/* The ordinal written just before the name [first, ...] in block b, or in
 * front of the same noun elsewhere in the text ("the fourth Harbour Leaders'
 * Summit"); never a distractor such as "first time since". */
int fsp_ordinal_before(const fsp_block *b, size_t first)
{
	if (first == 0)
		return 0;
	size_t t = first - 1;
	if (t + 2 < b->tok_count && fsp_core_is(b, first, "time"))
		return 0;
	return fsp_ordinal_of_word(b, t);
}

/* Whether the meeting named from token `first` is one the document's
 * own meeting came after ("The meeting followed ... the Summit on April
 * 11"), not one it reports. */
static bool earlier_meeting(const fsp_block *b, size_t first)
{
	int sentence = b->toks[first].sentence;
	for (size_t k = first, hops = 0; k-- > 0 && hops < 30; hops++) {
		if (b->toks[k].sentence != sentence)
			break;
		if (fsp_core_in(b, k, FSP_EARLIER_MEETING_CUES))
			return true;
	}
	return false;
}

/* One meeting from the noun at token `t`: the capitalised words before it
 * are its kind, a number before them its ordinal, a parenthesis after it
 * its short kind. Returns ATRACK_OK also when it is not a meeting. */
static int meeting_at(fsp_parser *p, size_t bi, size_t t)
{
	fsp_block *b = &p->blocks[bi];
	fs_model *m = p->model;
	bool sure = fsp_core_in(b, t, FSP_MEETING_NOUNS);
	size_t first = t, n;
	while (first > 0 && t - first < 10 && kind_word(p, b, first - 1))
		first--;
	while (first < t && !fsp_capitalised(b, first) && !fsp_core_is(b, first, "2+2"))
		first++;
	if (first == t)
		return ATRACK_OK;
	/* the ordinal, looking past parties and parentheses: "56th U.S.-ROK" */
	int ordinal = 0;
	const char *ordinal_text = NULL;
	size_t ordinal_len = 0;
	for (size_t k = first, hops = 0; k > 0 && hops < 8; k--, hops++) {
		const char *s = fsp_core(b, k - 1, &n);
		if (fsp_ordinal_word(s, n, &ordinal)) {
			ordinal_text = s;
			ordinal_len = n;
			break;
		}
		if (!fsp_party_token(p, b, k - 1) && !fsp_starts_with_paren(b, k - 1))
			break;
	}
	if (!ordinal && (ordinal = fsp_ordinal_before(b, first)) > 0) {
		ordinal_text = b->text + b->toks[first - 1].cstart;
		ordinal_len = b->toks[first - 1].cend - b->toks[first - 1].cstart;
	}
	/* the short kind in parentheses right after the noun */
	size_t last = t;
	char *short_kind = NULL;
	if (t + 1 < b->tok_count && fsp_starts_with_paren(b, t + 1) && !b->toks[t].closes) {
		size_t e = t + 1;
		while (e < b->tok_count && e - t < 4 &&
		       !memchr(b->text + b->toks[e].start, ')', b->toks[e].end - b->toks[e].start))
			e++;
		if (e < b->tok_count && e - t < 4) {
			last = e;
			const char *close = memchr(b->text + b->toks[t + 1].start, ')',
			                           b->toks[e].end - b->toks[t + 1].start);
			size_t from = b->toks[t + 1].start + 1;
			short_kind = fsp_clean_dup(b->text + from,
			                           close ? (size_t)(close - b->text) - from : 0);
			if (!short_kind)
				return ATRACK_NOMEM;
		}
	}
	bool two_plus_two = (short_kind && strstr(short_kind, "2+2")) ||
	                    fsp_core_is(b, first, "2+2");
	int sentence = b->toks[t].sentence;
	const fsp_date *date = date_in_sentence(p, bi, sentence);
	if (date && date->sentence != sentence)
		date = NULL;
	if ((!sure && !ordinal && !two_plus_two) || (!ordinal && !date) ||
	    m->meeting_count >= MAX_ENTITIES || earlier_meeting(b, first)) {
		atr_free(short_kind);
		return ATRACK_OK;
	}
	char *kind = fsp_clean_dup(b->text + b->toks[first].cstart,
	                           b->toks[t].cend - b->toks[first].cstart);
	if (!kind) {
		atr_free(short_kind);
		return ATRACK_NOMEM;
	}
	if (fsp_add_mention(p, MENTION_MEETING, b->toks[first].cstart, b->toks[last].end,
	                (int)m->meeting_count)) {
		atr_free(kind);
		atr_free(short_kind);
		return ATRACK_NOMEM;
	}
	for (size_t i = 0; i < m->meeting_count; i++) {
		if (strcmp(m->meetings[i].kind, kind) == 0 && m->meetings[i].ordinal == ordinal) {
			p->mentions[MENTION_MEETING].items[p->mentions[MENTION_MEETING].count - 1].index = (int)i;
			atr_free(kind);
			atr_free(short_kind);
			return ATRACK_OK;
		}
	}
	if (!fsp_reserve(&m->meetings, &p->meeting_cap, m->meeting_count + 1,
	                 sizeof *m->meetings)) {
		atr_free(kind);
		atr_free(short_kind);
		return ATRACK_NOMEM;
	}
	fs_meeting *mt = &m->meetings[m->meeting_count++];
	memset(mt, 0, sizeof *mt);
	mt->kind = kind;
	mt->short_kind = short_kind;
	mt->ordinal = ordinal;
	mt->pos = fsp_block_pos(b, ordinal_text ? (size_t)(ordinal_text - b->text)
	                                        : b->toks[first].cstart);
	if (ordinal_text) {
		atr_buf buf = ATR_BUF_INIT;
		atr_buf_append(&buf, ordinal_text, ordinal_len);
		atr_buf_putc(&buf, ' ');
		atr_buf_puts(&buf, kind);
		mt->name = atr_buf_detach(&buf);
	} else {
		mt->name = atr_strdup(kind);
	}
	if (!mt->name)
		return ATRACK_NOMEM;
	if (date && fsp_format_date(mt->start_date, date->year, date->month, date->day) &&
	    !(date->end_day &&
	      fsp_format_date(mt->end_date, date->year, date->month, date->end_day)))
		memcpy(mt->end_date, mt->start_date, sizeof mt->end_date);
	if (fsp_meeting_place(b, last + 1, sentence, mt))
		return ATRACK_NOMEM;
	if (fsp_meeting_people(p, bi, sentence, mt))
		return ATRACK_NOMEM;
	return fsp_make_meeting_slug(p, mt);
}

/* "The Harbour Pilots Working Group met on June 2": a named body's
 * meeting, dated; "the inaugural meetings" earlier in the paragraph give
 * its ordinal. */
static int body_met_at(fsp_parser *p, size_t bi, size_t t)
{
	fsp_block *b = &p->blocks[bi];
	fs_model *m = p->model;
	const fsp_date *date = NULL;
	for (size_t i = 0; i < p->date_count && !date; i++)
		if (p->dates[i].block == bi && p->dates[i].tok == t + 2 && p->dates[i].day > 0 &&
		    p->dates[i].year > 0)
			date = &p->dates[i];
	if (!date || t == 0 || m->meeting_count >= MAX_ENTITIES)
		return ATRACK_OK;
	size_t first = t;
	bool head = false;
	while (first > 0 && t - first < 12 && !b->toks[first - 1].closes) {
		size_t k = first - 1, n;
		const char *w = fsp_core(b, k, &n);
		bool inner = k > 0 && (fsp_core_is(b, k - 1, "for") || fsp_core_is(b, k - 1, "of"));
		if (fsp_in_list(w, n, FSP_DETERMINERS) && !inner)
			break;
		if (!fsp_capitalised(b, k) && !fsp_core_is(b, k, "for") && !fsp_core_is(b, k, "of") &&
		    !fsp_core_is(b, k, "the"))
			break;
		if (fsp_kind_noun(w, fsp_possessive_cut(w, n)))
			head = true;
		first--;
	}
	if (!head || first == t || !fsp_capitalised(b, first))
		return ATRACK_OK;
	int ordinal = 0;
	for (size_t ci = bi + 1; ci-- > 0 && !ordinal;) {
		const fsp_block *c = &p->blocks[ci];
		if (ci < bi && !fsp_same_paragraph(c, &p->blocks[ci + 1]))
			break;
		size_t until = ci == bi ? first : c->tok_count;
		for (size_t k = 0; k + 1 < until && !ordinal; k++)
			if (fsp_core_is(c, k, "inaugural") &&
			    (fsp_core_is(c, k + 1, "meeting") || fsp_core_is(c, k + 1, "meetings")))
				ordinal = 1;
	}
	if (!fsp_reserve(&m->meetings, &p->meeting_cap, m->meeting_count + 1, sizeof *m->meetings))
		return ATRACK_NOMEM;
	fs_meeting *mt = &m->meetings[m->meeting_count++];
	memset(mt, 0, sizeof *mt);
	mt->ordinal = ordinal;
	mt->kind = fsp_clean_dup(b->text + b->toks[first].cstart,
	                         b->toks[t - 1].cend - b->toks[first].cstart);
	atr_buf name = ATR_BUF_INIT;
	if (mt->kind) {
		atr_buf_puts(&name, mt->kind);
		atr_buf_puts(&name, " meeting");
	}
	mt->name = atr_buf_detach(&name);
	if (!mt->kind || !mt->name)
		return ATRACK_NOMEM;
	mt->pos = fsp_block_pos(b, b->toks[first].cstart);
	if (fsp_format_date(mt->start_date, date->year, date->month, date->day))
		memcpy(mt->end_date, mt->start_date, sizeof mt->end_date);
	/* no meeting mention: the body's name stays a framework's too */
	return fsp_make_meeting_slug(p, mt);
}

int fsp_scan_meetings(fsp_parser *p, size_t bi)
{
	fsp_block *b = &p->blocks[bi];
	for (size_t t = 0; t < b->tok_count; t++) {
		if (fsp_core_is(b, t, "met") && t + 2 < b->tok_count && fsp_core_is(b, t + 1, "on")) {
			int rc = body_met_at(p, bi, t);
			if (rc)
				return rc;
			continue;
		}
		if (b->kind != BLOCK_PROSE)
			continue; /* a list item's meeting nouns are its subject, not a meeting */
		if (!fsp_core_in(b, t, FSP_MEETING_NOUNS) && !fsp_core_in(b, t, FSP_MEETING_MAYBE_NOUNS))
			continue;
		/* "Ministerial" in "Ministerial Dialogue" is not the noun */
		if (t + 1 < b->tok_count && !b->toks[t].closes &&
		    (fsp_core_in(b, t + 1, FSP_MEETING_NOUNS) || fsp_core_in(b, t + 1, FSP_MEETING_MAYBE_NOUNS)))
			continue;
		int rc = meeting_at(p, bi, t);
		if (rc)
			return rc;
	}
	return ATRACK_OK;
}

