/*
 * fs_meeting_own.c - the meeting a document itself reports on, when the
 * text names no numbered or dated one: from the title, the lead (who met,
 * convened, travelled), a dateline, with its ordinal ("for the fourth
 * time", "their first meeting") and its people. Calls fs_meeting.c's
 * shared pieces, fs_token.c and fs_text.c.
 */
#include "factsheet_int.h"

#include <string.h>



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
		       !fsp_ordinal_of_word(b, t);
	return fsp_word_is(s, n, "of") || fsp_word_is(s, n, "and");
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
			int ordinal = fsp_ordinal_before(b, first);
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

/* Where the lead ends: past the blocks of the first three paragraphs of
 * the body (a paragraph of prose may stand as several sentence blocks). */
static size_t lead_end(const fsp_parser *p)
{
	size_t seen = 0, bi;
	for (bi = 0; bi < p->block_count; bi++) {
		const fsp_block *b = &p->blocks[bi];
		if (b->kind != BLOCK_PROSE && b->kind != BLOCK_ITEM)
			continue;
		if ((bi == 0 || !fsp_same_paragraph(&p->blocks[bi - 1], b)) && ++seen > 3)
			break;
	}
	return bi;
}

/* "met for the third time", "convened for the fourth time": the
 * ordinal of the meeting the lead reports, not "the first time since". */
static int time_ordinal(const fsp_parser *p)
{
	for (size_t bi = 0, end = lead_end(p); bi < end; bi++) {
		const fsp_block *b = &p->blocks[bi];
		if (b->kind != BLOCK_PROSE && b->kind != BLOCK_ITEM)
			continue;
		for (size_t t = 3; t < b->tok_count; t++) {
			if (!fsp_core_is(b, t, "time") || !fsp_core_is(b, t - 2, "the") ||
			    !fsp_core_is(b, t - 3, "for"))
				continue;
			static const char *const distractors[] = { "since", "at", "as", "with",
			                                           "without", "under", NULL };
			if (t + 1 < b->tok_count && !b->toks[t].closes &&
			    fsp_core_in(b, t + 1, distractors))
				continue; /* "the first time since", "for the first time at 40 members" */
			int ordinal = fsp_ordinal_of_word(b, t - 1);
			if (ordinal && sentence_has_cue(b, t, FSP_MEETING_CUES))
				return ordinal;
		}
	}
	return 0;
}

/* "held their first formal meeting": an ordinal after a possessive,
 * with at most one word between it and "meeting". */
static int possessive_ordinal(const fsp_parser *p)
{
	static const char *const possessives[] = { "their", "its", "our", NULL };
	for (size_t bi = 0, end = lead_end(p); bi < end; bi++) {
		const fsp_block *b = &p->blocks[bi];
		if (b->kind != BLOCK_PROSE && b->kind != BLOCK_ITEM)
			continue;
		for (size_t t = 2; t < b->tok_count; t++) {
			if (!fsp_core_is(b, t, "meeting") && !fsp_core_is(b, t, "summit"))
				continue;
			for (size_t gap = 1; gap <= 2 && gap + 1 <= t; gap++) {
				int ordinal = fsp_ordinal_of_word(b, t - gap);
				if (ordinal && fsp_core_in(b, t - gap - 1, possessives))
					return ordinal;
			}
		}
	}
	return 0;
}

/* "The Governor's travel to the Republic of Norland": a visit the lead
 * names by its traveller and destination. The name's span in block *out,
 * or false. */
static bool travel_phrase(const fsp_parser *p, size_t *out_block, size_t *from, size_t *to)
{
	static const char *const nouns[] = { "travel", "visit", "trip", NULL };
	for (size_t bi = 0, end = lead_end(p); bi < end; bi++) {
		const fsp_block *b = &p->blocks[bi];
		if (b->kind != BLOCK_PROSE && b->kind != BLOCK_ITEM)
			continue;
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

/* Whether the lead (the first paragraph) reports a meeting: "convened",
 * "met", "held their ... meeting". */
static bool lead_reports_meeting(const fsp_parser *p)
{
	static const char *const cues[] = { "met", "convened", "gathered", "held", "hosted", NULL };
	size_t bi = fsp_first_body_block(p);
	if (bi == SIZE_MAX)
		return false;
	const fsp_block *b = &p->blocks[bi];
	for (size_t t = 0; t < b->tok_count && b->toks[t].sentence == 0; t++)
		if (fsp_core_in(b, t, cues))
			return true;
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
		 * ("Port Alder, 2 June 2031") standing alone */
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
		if (d->year > 0 && d->day > 0 && d->block == fsp_first_body_block(p) &&
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
				if (fsp_meeting_people(p, bi, 0, mt))
					return ATRACK_NOMEM;
		return fsp_make_meeting_slug(p, mt);
	}
	if (fsp_format_date(mt->start_date, date->year, date->month, date->day) &&
	    !(date->end_day &&
	      fsp_format_date(mt->end_date, date->year, date->month, date->end_day)))
		memcpy(mt->end_date, mt->start_date, sizeof mt->end_date);
	if (fsp_meeting_place(&p->blocks[date->block], 0, date->sentence, mt))
		return ATRACK_NOMEM;
	if (fsp_meeting_people(p, date->block, date->sentence, mt))
		return ATRACK_NOMEM;
	return fsp_make_meeting_slug(p, mt);
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
		if (bi == 0 || !fsp_same_paragraph(&p->blocks[bi - 1], &p->blocks[bi]))
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
	int ordinal = fsp_ordinal_before(b, first);
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
		if (fsp_meeting_place(db, 0, date->sentence, mt))
			return ATRACK_NOMEM;
		if (fsp_meeting_people_in(p, date->block, date->sentence, mt, 1) || fsp_lead_people(p, mt) ||
		    fsp_meeting_people(p, date->block, date->sentence, mt))
			return ATRACK_NOMEM;
	}
	if (fsp_lead_people(p, mt))
		return ATRACK_NOMEM;
	return fsp_make_meeting_slug(p, mt);
}
