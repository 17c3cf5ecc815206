/*
 * fs_meeting.c - recognises the meetings a document reports on: kind,
 * ordinal, short kind, date, place and the people named with it. Calls
 * fs_token.c, fs_slug.c and fs_text.c; reads the dates of fs_date.c.
 */
#include "factsheet_int.h"

#include <string.h>

/* Whether block b is a sentence of the same paragraph as block a (a
 * prose paragraph split into its sentences). */
static bool same_paragraph(const fsp_block *a, const fsp_block *b)
{
	return a->kind != BLOCK_TITLE && a->kind != BLOCK_HEADING &&
	       b->line_start <= a->line_end && b->section == a->section;
}

static bool ordinal_word(const char *s, size_t n, int *value)
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

static int ordinal_before(const fsp_block *b, size_t first);

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

/* "in Seoul", "in Washington, D.C." after the meeting's name: sets
 * mt->place when the sentence names one; ATRACK_NOMEM when it names one
 * that could not be copied. */
static char *place_in(const fsp_block *b, size_t after, int sentence, bool *named);

static int meeting_place(const fsp_block *b, size_t after, int sentence, fs_meeting *mt)
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
static int meeting_people_in(fsp_parser *p, size_t bi, int sentence, fs_meeting *mt,
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
 * the lead's first sentence ("In Tokyo, President X, Prime Minister Y of
 * Z ... will advance"). */
static int meeting_people(fsp_parser *p, size_t bi, int sentence, fs_meeting *mt)
{
	return meeting_people_in(p, bi, sentence, mt, 2);
}

static int lead_people(fsp_parser *p, fs_meeting *mt)
{
	for (size_t bi = 0; bi < p->block_count && mt->people.count == 0; bi++) {
		int kind = p->blocks[bi].kind;
		if (kind != BLOCK_PROSE && kind != BLOCK_ITEM)
			continue;
		return meeting_people_in(p, bi, 0, mt, 1);
	}
	return ATRACK_OK;
}

static int make_meeting_slug(fsp_parser *p, fs_meeting *mt)
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
		if (ordinal_word(s, n, &ordinal)) {
			ordinal_text = s;
			ordinal_len = n;
			break;
		}
		if (!fsp_party_token(p, b, k - 1) && !fsp_starts_with_paren(b, k - 1))
			break;
	}
	if (!ordinal && (ordinal = ordinal_before(b, first)) > 0) {
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
	if (meeting_place(b, last + 1, sentence, mt))
		return ATRACK_NOMEM;
	if (meeting_people(p, bi, sentence, mt))
		return ATRACK_NOMEM;
	return make_meeting_slug(p, mt);
}

/* "The Joint Steering Group for X met on December 9": a named body's
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
		if (ci < bi && !same_paragraph(c, &p->blocks[ci + 1]))
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
	return make_meeting_slug(p, mt);
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

/* ---- The document's own meeting ----------------------------------------- */

/* 1 for "inaugural" and "first", 2 for "second"...; 0 otherwise. */
static int ordinal_of_word(const fsp_block *b, size_t t)
{
	size_t n;
	const char *s = fsp_core(b, t, &n);
	int value = 0;
	if (ordinal_word(s, n, &value))
		return value;
	for (int i = 0; FSP_ORDINAL_WORDS[i]; i++)
		if (fsp_word_is_ci(s, n, FSP_ORDINAL_WORDS[i]))
			return i == 0 ? 1 : i;
	return 0;
}

static bool primary_name_word(const fsp_parser *p, const fsp_block *b, size_t t)
{
	size_t n;
	const char *s = fsp_core(b, t, &n);
	if (b->toks[t].closes || fsp_starts_with_paren(b, t))
		return false;
	if (fsp_party_token(p, b, t))
		return true;
	if (n >= 3 && fsp_is_digit(s[0]) && s[1] == '+' && fsp_is_digit(s[2]))
		return true; /* "2+2", "3+3" */
	if (fsp_capitalised(b, t))
		return !fsp_month_of(s, n) && !fsp_in_list(s, n, FSP_DETERMINERS) &&
		       !ordinal_of_word(b, t);
	return fsp_word_is(s, n, "of") || fsp_word_is(s, n, "and");
}

/* The ordinal written just before the name [first, ...] in block b, or in
 * front of the same noun elsewhere in the text ("the fourth Quad Leaders'
 * Summit"); never a distractor such as "first time since". */
static int ordinal_before(const fsp_block *b, size_t first)
{
	if (first == 0)
		return 0;
	size_t t = first - 1;
	if (t + 2 < b->tok_count && fsp_core_is(b, first, "time"))
		return 0;
	return ordinal_of_word(b, t);
}

static int body_ordinal(const fsp_parser *p, const char *noun, size_t noun_len)
{
	for (size_t bi = 0; bi < p->block_count; bi++) {
		const fsp_block *b = &p->blocks[bi];
		if (b->kind != BLOCK_PROSE && b->kind != BLOCK_ITEM)
			continue;
		for (size_t t = 1; t < b->tok_count; t++) {
			size_t n;
			const char *s = fsp_core(b, t, &n);
			if (!fsp_word_is_ci(s, n, noun) && !(n == noun_len + 1 &&
			    fsp_word_is_ci(s, noun_len, noun) && s[n - 1] == 's'))
				continue;
			size_t first = t;
			while (first > 0 && t - first < 6 && primary_name_word(p, b, first - 1))
				first--;
			int ordinal = ordinal_before(b, first);
			/* a lower-case noun takes only "inaugural": "the inaugural
			 * meetings"; "the fourth meeting between" is a count */
			if (ordinal && (fsp_capitalised(b, t) || first < t ||
			                fsp_core_is(b, first - 1, "inaugural")))
				return ordinal;
		}
	}
	return 0;
}

static bool sentence_has_cue(const fsp_block *b, size_t t, const char *const *cues);

/* The first date (with its day and year) in a sentence with one of the
 * cues. */
static const fsp_date *meeting_date(const fsp_parser *p, const char *const *cues)
{
	for (size_t i = 0; i < p->date_count && i < 64; i++)
		if (p->dates[i].year > 0 && p->dates[i].day > 0 &&
		    sentence_has_cue(&p->blocks[p->dates[i].block], p->dates[i].tok, cues))
			return &p->dates[i];
	return NULL;
}

/* "gathered for the first time", "met for the fourth time": the
 * ordinal of the meeting the lead reports, not "the first time since". */
static int time_ordinal(const fsp_parser *p)
{
	for (size_t bi = 0, seen = 0; bi < p->block_count && seen < 3; bi++) {
		const fsp_block *b = &p->blocks[bi];
		if (b->kind != BLOCK_PROSE && b->kind != BLOCK_ITEM)
			continue;
		if (bi == 0 || !same_paragraph(&p->blocks[bi - 1], b))
			seen++;
		for (size_t t = 3; t < b->tok_count; t++) {
			if (!fsp_core_is(b, t, "time") || !fsp_core_is(b, t - 2, "the") ||
			    !fsp_core_is(b, t - 3, "for"))
				continue;
			static const char *const distractors[] = { "since", "at", "as", "with",
			                                           "without", "under", NULL };
			if (t + 1 < b->tok_count && !b->toks[t].closes &&
			    fsp_core_in(b, t + 1, distractors))
				continue; /* "the first time since", "for the first time at 32" */
			int ordinal = ordinal_of_word(b, t - 1);
			if (ordinal && sentence_has_cue(b, t, FSP_MEETING_CUES))
				return ordinal;
		}
	}
	return 0;
}

/* "held their first official meeting": an ordinal after a possessive,
 * with at most one word between it and "meeting". */
static int possessive_ordinal(const fsp_parser *p)
{
	static const char *const possessives[] = { "their", "its", "our", NULL };
	for (size_t bi = 0, seen = 0; bi < p->block_count && seen < 3; bi++) {
		const fsp_block *b = &p->blocks[bi];
		if (b->kind != BLOCK_PROSE && b->kind != BLOCK_ITEM)
			continue;
		if (bi == 0 || !same_paragraph(&p->blocks[bi - 1], b))
			seen++;
		for (size_t t = 2; t < b->tok_count; t++) {
			if (!fsp_core_is(b, t, "meeting") && !fsp_core_is(b, t, "summit"))
				continue;
			for (size_t gap = 1; gap <= 2 && gap + 1 <= t; gap++) {
				int ordinal = ordinal_of_word(b, t - gap);
				if (ordinal && fsp_core_in(b, t - gap - 1, possessives))
					return ordinal;
			}
		}
	}
	return 0;
}

/* "The Vice President's travel to the Philippines": a visit the lead
 * names by its traveller and destination. The name's span in block *out,
 * or false. */
static bool travel_phrase(const fsp_parser *p, size_t *out_block, size_t *from, size_t *to)
{
	static const char *const nouns[] = { "travel", "visit", "trip", NULL };
	for (size_t bi = 0, seen = 0; bi < p->block_count && seen < 3; bi++) {
		const fsp_block *b = &p->blocks[bi];
		if (b->kind != BLOCK_PROSE && b->kind != BLOCK_ITEM)
			continue;
		if (bi == 0 || !same_paragraph(&p->blocks[bi - 1], b))
			seen++;
		for (size_t t = 1; t + 2 < b->tok_count; t++) {
			if (!fsp_core_in(b, t, nouns) || !fsp_core_is(b, t + 1, "to") ||
			    b->toks[t].closes)
				continue;
			size_t n;
			const char *s = fsp_core(b, t - 1, &n);
			if (fsp_possessive_cut(s, n) == n || !fsp_capitalised(b, t - 1))
				continue;
			size_t first = t - 1;
			while (first > 0 && t - first < 6 && fsp_capitalised(b, first - 1) &&
			       !b->toks[first - 1].closes && !fsp_core_in(b, first - 1, FSP_DETERMINERS))
				first--;
			size_t last = t + 2;
			if (fsp_core_is(b, last, "the") && last + 1 < b->tok_count)
				last++;
			if (!fsp_capitalised(b, last))
				continue;
			while (!b->toks[last].closes && last + 1 < b->tok_count && last - t < 8) {
				if (fsp_capitalised(b, last + 1))
					last++;
				else if (last + 2 < b->tok_count && fsp_core_is(b, last + 1, "of") &&
				         !b->toks[last + 1].closes && fsp_capitalised(b, last + 2))
					last += 2; /* "the Republic of Norland" */
				else
					break;
			}
			*out_block = bi;
			*from = first;
			*to = last;
			return true;
		}
	}
	return false;
}

/* The first block of the body (prose or an item made of prose). */
static size_t first_body_block(const fsp_parser *p)
{
	for (size_t bi = 0; bi < p->block_count; bi++)
		if (p->blocks[bi].kind == BLOCK_PROSE || p->blocks[bi].kind == BLOCK_ITEM)
			return bi;
	return SIZE_MAX;
}

/* Whether the lead (the first paragraph) reports a meeting: "convened",
 * "met", "held their ... meeting". */
static bool lead_reports_meeting(const fsp_parser *p)
{
	static const char *const cues[] = { "met", "convened", "gathered", "held", "hosted", NULL };
	for (size_t bi = 0; bi < p->block_count; bi++) {
		const fsp_block *b = &p->blocks[bi];
		if (b->kind != BLOCK_PROSE && b->kind != BLOCK_ITEM)
			continue;
		for (size_t t = 0; t < b->tok_count && b->toks[t].sentence == 0; t++)
			if (fsp_core_in(b, t, cues))
				return true;
		return false;
	}
	return false;
}

/* A document whose title names no meeting but whose text dates one
 * ("... is welcoming Prime Minister X on October 25, 2023 for an official
 * visit"): the meeting is named after the title, without a "Fact Sheet:"
 * label, and dated. Without such a date there is no meeting. */
static int titled_meeting(fsp_parser *p)
{
	fs_model *m = p->model;
	if (!m->title || m->meeting_count > 0)
		return ATRACK_OK;
	const fsp_date *date = meeting_date(p, FSP_VISIT_CUES);
	for (size_t i = 0; i < p->date_count && i < 64 && !date; i++) {
		/* "President X and President Y met on ...", or a dateline
		 * ("Hiroshima, 20 May 2023") standing alone */
		const fsp_date *d = &p->dates[i];
		const fsp_block *db = &p->blocks[d->block];
		if (d->year <= 0 || d->day <= 0)
			continue;
		bool person = false;
		for (size_t k = db->first[MENTION_PERSON]; k < db->end[MENTION_PERSON]; k++)
			if (db->toks[p->mentions[MENTION_PERSON].items[k].tok].sentence == d->sentence)
				person = true;
		if ((person && sentence_has_cue(db, d->tok, FSP_MEETING_CUES)) ||
		    db->tok_count <= 6)
			date = d;
	}
	/* "The partners met in Port Alder on June 2, 2031": the lead dates it */
	for (size_t i = 0; i < p->date_count && i < 64 && !date; i++) {
		const fsp_date *d = &p->dates[i];
		if (d->year > 0 && d->day > 0 && d->block == first_body_block(p) &&
		    sentence_has_cue(&p->blocks[d->block], d->tok, FSP_MEETING_CUES))
			date = d;
	}
	size_t travel_block = 0, travel_from = 0, travel_to = 0;
	bool travel = !date && travel_phrase(p, &travel_block, &travel_from, &travel_to);
	if (!date && !travel && !lead_reports_meeting(p))
		return ATRACK_OK;
	const char *name = m->title;
	const char *colon = strstr(name, ": ");
	if (colon && fsp_is_all_caps(name, (size_t)(colon - name)))
		name = colon + 2;
	else if (colon && fsp_word_is_ci(name, (size_t)(colon - name), "fact sheet"))
		name = colon + 2;
	if (!fsp_reserve(&m->meetings, &p->meeting_cap, m->meeting_count + 1,
	                 sizeof *m->meetings))
		return ATRACK_NOMEM;
	fs_meeting *mt = &m->meetings[m->meeting_count++];
	memset(mt, 0, sizeof *mt);
	mt->kind = atr_strdup(travel ? "Visit" : "Meeting");
	mt->short_kind = atr_strdup(travel ? "visit" : "meeting");
	if (travel) {
		const fsp_block *tb = &p->blocks[travel_block];
		mt->name = fsp_clean_dup(tb->text + tb->toks[travel_from].cstart,
		                         tb->toks[travel_to].cend - tb->toks[travel_from].cstart);
		mt->pos = fsp_block_pos(tb, tb->toks[travel_from].cstart);
	} else {
		mt->name = atr_strdup(name);
		mt->pos = m->title_pos;
	}
	if (!mt->kind || !mt->short_kind || !mt->name)
		return ATRACK_NOMEM;
	mt->ordinal = time_ordinal(p);
	if (!mt->ordinal)
		mt->ordinal = possessive_ordinal(p);
	if (!date) {
		for (size_t bi = 0; bi < p->block_count && !mt->people.count; bi++)
			if (p->blocks[bi].kind != BLOCK_HEADING)
				if (meeting_people(p, bi, 0, mt))
					return ATRACK_NOMEM;
		return make_meeting_slug(p, mt);
	}
	if (fsp_format_date(mt->start_date, date->year, date->month, date->day) &&
	    !(date->end_day &&
	      fsp_format_date(mt->end_date, date->year, date->month, date->end_day)))
		memcpy(mt->end_date, mt->start_date, sizeof mt->end_date);
	if (meeting_place(&p->blocks[date->block], 0, date->sentence, mt))
		return ATRACK_NOMEM;
	if (meeting_people(p, date->block, date->sentence, mt))
		return ATRACK_NOMEM;
	return make_meeting_slug(p, mt);
}

/* Whether a cue word is near date token t in its sentence; the window
 * is bounded so that a text of one endless sentence stays linear. */
static bool sentence_has_cue(const fsp_block *b, size_t t, const char *const *cues)
{
	int sentence = b->toks[t].sentence;
	size_t from = t > 40 ? t - 40 : 0, to = t + 40 < b->tok_count ? t + 40 : b->tok_count;
	for (size_t k = from; k < to; k++) {
		if (b->toks[k].sentence != sentence)
			continue;
		size_t n;
		const char *s = fsp_core(b, k, &n);
		for (const char *const *c = cues; *c; c++)
			if (fsp_word_is_ci(s, n, *c))
				return true;
	}
	return false;
}

/* When no numbered or dated meeting was named in the text, the meeting
 * the document itself reports on: its name from the title (or the first
 * paragraph), its date from the first sentence about meeting that has a
 * date, its ordinal from the title or the text. */
int fsp_primary_meeting(fsp_parser *p)
{
	fs_model *m = p->model;
	const fsp_block *b = NULL;
	size_t noun = 0;
	for (size_t bi = 0, paragraphs = 0; bi < p->block_count && !b; bi++) {
		if (bi == 0 || !same_paragraph(&p->blocks[bi - 1], &p->blocks[bi]))
			paragraphs++;
		if (paragraphs > 4)
			break;
		const fsp_block *c = &p->blocks[bi];
		if (c->kind != BLOCK_TITLE && c->kind != BLOCK_PROSE)
			continue;
		for (size_t t = c->tok_count; t-- > 0;)
			if (fsp_core_in(c, t, FSP_PRIMARY_MEETING_NOUNS)) {
				b = c;
				noun = t;
				break;
			}
	}
	if (!b)
		return titled_meeting(p);
	size_t first = noun;
	bool in_title = b->kind == BLOCK_TITLE;
	while (first > 0 && noun - first < 10 && primary_name_word(p, b, first - 1))
		first--;
	while (first < noun && !fsp_capitalised(b, first) && !fsp_party_token(p, b, first))
		first++;
	size_t nlen;
	const char *ns = fsp_core(b, noun, &nlen);
	if (nlen && ns[nlen - 1] == 's' && fsp_word_is(ns, nlen, "Meetings"))
		nlen--;
	int ordinal = ordinal_before(b, first);
	/* next to meetings the text numbers or dates, the document's own is
	 * added only when its title numbers it ("Inaugural ... Meeting") */
	if (m->meeting_count > 0 && !(in_title && ordinal))
		return ATRACK_OK;
	for (size_t i = 0; i < m->meeting_count; i++) {
		size_t kl = strlen(m->meetings[i].kind);
		if (m->meetings[i].ordinal == ordinal ||
		    (kl >= nlen && fsp_word_is_ci(m->meetings[i].kind + kl - nlen, nlen, ns)))
			return ATRACK_OK; /* the title names a meeting already found */
	}
	if (!ordinal)
		ordinal = body_ordinal(p, ns, nlen);
	if (!ordinal)
		ordinal = time_ordinal(p);
	const fsp_date *date = NULL;
	for (size_t i = 0; i < p->date_count && i < 64 && !date; i++)
		if (p->dates[i].year > 0 && p->dates[i].day > 0 &&
		    sentence_has_cue(&p->blocks[p->dates[i].block], p->dates[i].tok,
		                     FSP_MEETING_CUES))
			date = &p->dates[i];
	if (!fsp_reserve(&m->meetings, &p->meeting_cap, m->meeting_count + 1,
	                 sizeof *m->meetings))
		return ATRACK_NOMEM;
	fs_meeting *mt = &m->meetings[m->meeting_count++];
	memset(mt, 0, sizeof *mt);
	mt->ordinal = ordinal;
	mt->kind = fsp_clean_dup(b->text + b->toks[first].cstart,
	                         b->toks[noun].cend - b->toks[first].cstart);
	mt->name = mt->kind ? atr_strdup(mt->kind) : NULL;
	if (!mt->kind || !mt->name)
		return ATRACK_NOMEM;
	mt->pos = fsp_block_pos(b, b->toks[first].cstart);
	if (date && fsp_format_date(mt->start_date, date->year, date->month, date->day) &&
	    !(date->end_day &&
	      fsp_format_date(mt->end_date, date->year, date->month, date->end_day)))
		memcpy(mt->end_date, mt->start_date, sizeof mt->end_date);
	if (date) {
		const fsp_block *db = &p->blocks[date->block];
		if (meeting_place(db, 0, date->sentence, mt))
			return ATRACK_NOMEM;
		if (meeting_people_in(p, date->block, date->sentence, mt, 1) || lead_people(p, mt) ||
		    meeting_people(p, date->block, date->sentence, mt))
			return ATRACK_NOMEM;
	}
	if (lead_people(p, mt))
		return ATRACK_NOMEM;
	return make_meeting_slug(p, mt);
}
