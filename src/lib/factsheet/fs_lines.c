/*
 * fs_lines.c - the first pass over the input: split it into trimmed
 * lines and classify each one (title, heading, list item, continuation,
 * prose, trailer) with fs_list.c and fs_heading.c.
 */
#include "factsheet_int.h"

#include <string.h>

/* Split into non-blank lines, trimmed, remembering whether a blank line
 * came before each. A line ends at LF, CR LF or a lone CR. */
int fsp_split_lines(fsp_parser *p)
{
	size_t i = p->body;
	int number = 1;
	bool blank_before = false;
	while (i <= p->len) {
		size_t end = i;
		while (end < p->len && p->text[end] != '\n' && p->text[end] != '\r')
			end++;
		size_t s = i, e = end, indent = 0, n;
		while (s < e && (n = fsp_space_at(p->text, e, s)) > 0) {
			if (n == 1 && indent == s - i)
				indent++; /* only ASCII spaces indent a list */
			s += n;
		}
		for (;;) {
			if (e > s && fsp_is_space(p->text[e - 1]))
				e--;
			else if (e - s >= 2 && fsp_space_at(p->text, e, e - 2) == 2)
				e -= 2;
			else if (e - s >= 3 && fsp_space_at(p->text, e, e - 3) == 3)
				e -= 3;
			else
				break;
		}
		if (s == e) {
			blank_before = true;
		} else {
			if (!fsp_reserve(&p->lines, &p->line_cap, p->line_count + 1,
			                 sizeof *p->lines))
				return ATRACK_NOMEM;
			fsp_line *l = &p->lines[p->line_count++];
			memset(l, 0, sizeof *l);
			l->s = p->text + s;
			l->len = e - s;
			l->number = number;
			l->column = (int)(s - i) + 1;
			l->indent = (int)indent;
			l->blank_before = blank_before;
			blank_before = false;
		}
		if (end == p->len)
			break;
		i = end + 1;
		if (p->text[end] == '\r' && i < p->len && p->text[i] == '\n')
			i++; /* CR LF is one line end; a lone CR is one too */
		number++;
	}
	p->model->line_count = number;
	return ATRACK_OK;
}

static bool numbered_heading(const fsp_line *l, const fsp_line *next)
{
	if (l->marker_style != MARK_NUMBER_DOT && l->marker_style != MARK_NUMBER_PAREN)
		return false;
	size_t len = l->len - l->marker_len;
	if (len > 1 && l->s[l->len - 1] == ':')
		len--;
	if (!fsp_is_title_case(l->s + l->marker_len, len, 12))
		return false;
	if (!next)
		return false;
	return !(next->kind_hint == LINE_ITEM && next->marker_style == l->marker_style &&
	         next->marker_number == l->marker_number + 1);
}

/* Where the ":" of a run-in "Head: text" line is, when the head is at
 * most max_words words and text follows; 0 otherwise. */
static size_t runin_colon(const fsp_line *l, int max_words, size_t *text)
{
	size_t limit = l->len < 120 ? l->len : 120;
	const char *c = memchr(l->s, ':', limit);
	if (!c || c == l->s)
		return 0;
	size_t colon = (size_t)(c - l->s), t = colon + 1, n;
	if (t >= l->len || !(n = fsp_space_at(l->s, l->len, t)))
		return 0;
	while (t < l->len && (n = fsp_space_at(l->s, l->len, t)) > 0)
		t += n;
	if (t >= l->len)
		return 0;
	int words = 1;
	for (size_t i = 0; i < colon; i++)
		if (l->s[i] == ' ' && ++words > max_words)
			return 0;
	*text = t;
	return colon;
}

/* A first line that reads as a title though not in Title Case ("Joint
 * statement of the partners"): short, no final stop, a blank line after. */
static bool plain_title(const fsp_line *l, const fsp_line *next)
{
	int words = 1;
	for (size_t i = 0; i < l->len; i++)
		if (l->s[i] == ' ' && ++words > 30)
			return false;
	return next && next->blank_before && fsp_is_upper(l->s[0]) &&
	       !fsp_ends_sentence(l->s, l->len);
}

/* "Title Case Heading" and "Title Case Heading:" alone on a line. */
static bool title_heading(const char *s, size_t len, int max_words)
{
	if (len > 1 && s[len - 1] == ':')
		len--;
	return fsp_is_title_case(s, len, max_words);
}

/* "– President X, June 1, 2031" under a quoted paragraph: who said it,
 * not a list of one item. */
static bool attribution(const fsp_line *l, const fsp_line *prev, const fsp_line *next)
{
	if (!l->marker_len || !prev || l->len < 3 || (unsigned char)l->s[0] != 0xE2 ||
	    (unsigned char)l->s[1] != 0x80)
		return false;
	if ((unsigned char)l->s[2] != 0x93 && (unsigned char)l->s[2] != 0x94)
		return false; /* an en or em dash */
	if (next && next->kind_hint == LINE_ITEM && !next->blank_before)
		return false;
	size_t n = prev->len;
	return (n >= 3 && memcmp(prev->s + n - 3, "\xE2\x80\x9D", 3) == 0) ||
	       (n >= 1 && prev->s[n - 1] == '"');
}

/* A dateline: a short line of a place and a date, "Port Alder, 20 May
 * 2031" or "PORT ALDER, May 20, 2031"; front matter, not a heading. */
static bool dateline(const fsp_line *l)
{
	if (!l || l->marker_len)
		return false;
	bool digit = false, month = false;
	int words = 0;
	for (size_t i = 0, w = 0; i <= l->len; i++) {
		if (i < l->len && fsp_is_digit(l->s[i]))
			digit = true;
		if (i == l->len || l->s[i] == ' ' || l->s[i] == ',') {
			if (i > w) {
				words++;
				if (fsp_month_of(l->s + w, i - w))
					month = true;
			}
			w = i + 1;
		}
	}
	return digit && month && words <= 8 && !fsp_ends_sentence(l->s, l->len);
}

/* A short line in sentence case with no final punctuation, standing
 * alone before a paragraph: "Strengthening harbour cooperation". */
static bool sentence_heading(const fsp_line *l, const fsp_line *prev,
                             const fsp_line *next)
{
	int words = 1;
	if (!next || (prev && !l->blank_before) || !fsp_is_upper(l->s[0]))
		return false;
	char last = fsp_final_char(l->s, l->len);
	if (!fsp_is_alnum(last))
		return false;
	for (size_t i = 0; i < l->len; i++) {
		if (l->s[i] == ' ' && ++words > 14)
			return false;
		if ((l->s[i] == '.' || l->s[i] == ';') && i + 1 < l->len && l->s[i + 1] == ' ')
			return false;
	}
	return words >= 2;
}

void fsp_classify_lines(fsp_parser *p)
{
	for (size_t i = 0; i < p->line_count; i++) {
		fsp_line *l = &p->lines[i];
		l->marker_len = fsp_detect_marker(l->s, l->len, &l->marker_style,
		                              &l->marker_number);
		l->kind_hint = l->marker_len ? LINE_ITEM : LINE_PROSE;
	}
	int top_indent = -1; /* indent of the current top-level item */
	bool front_matter = true; /* nothing but the title and a dateline yet */
	for (size_t i = 0; i < p->line_count; i++) {
		fsp_line *l = &p->lines[i];
		fsp_line *prev = i > 0 ? &p->lines[i - 1] : NULL;
		size_t colon, text = 0;
		fsp_line *next = i + 1 < p->line_count ? &p->lines[i + 1] : NULL;
		bool in_item = prev && (prev->kind == LINE_ITEM || prev->kind == LINE_CONT);
		bool open = in_item && !l->blank_before && !fsp_ends_sentence(prev->s, prev->len);

		if (i == 0 && !l->marker_len &&
		    (fsp_markdown_heading(l->s, l->len) || fsp_is_all_caps(l->s, l->len) ||
		     fsp_is_title_case(l->s, l->len, 25) || plain_title(l, next)))
			l->kind = LINE_TITLE;
		else if (!l->marker_len && (fsp_is_boilerplate(l->s, l->len) ||
		                            fsp_is_trailer(l->s, l->len)))
			l->kind = LINE_BOILERPLATE;
		else if (fsp_markdown_heading(l->s, l->len))
			l->kind = LINE_HEADING;
		else if (attribution(l, prev, next))
			l->kind = LINE_PROSE; /* "– Name, date" under a quotation */
		else if (l->marker_len && in_item && top_indent >= 0 && l->indent > top_indent)
			l->kind = LINE_CONT; /* a nested item belongs to its parent */
		else if (l->marker_len)
			l->kind = numbered_heading(l, next) ? LINE_HEADING : LINE_ITEM;
		else if (in_item && (open || l->indent > 0))
			l->kind = LINE_CONT;
		else if (dateline(l) || (dateline(prev) && prev->kind == LINE_PROSE &&
		                          front_matter))
			l->kind = LINE_PROSE; /* the dateline, and a "Hosted by" line after it */
		else if (fsp_is_all_caps(l->s, l->len) || title_heading(l->s, l->len, 12))
			l->kind = LINE_HEADING;
		else if ((colon = runin_colon(l, 12, &text)) &&
		         fsp_is_all_caps(l->s, colon)) {
			l->kind = LINE_HEADING; /* "HEADING: text" */
			l->head_len = colon;
			l->runin = text;
		} else if (in_item && !l->blank_before)
			l->kind = LINE_CONT;
		else if ((colon = runin_colon(l, 8, &text)) &&
		         fsp_is_title_case(l->s, colon, 8) &&
		         fsp_ends_sentence(l->s, l->len)) {
			l->kind = LINE_ITEM; /* "Label: text", an item without a marker */
			l->marker_len = 0;
		} else if (sentence_heading(l, prev, next))
			l->kind = LINE_HEADING;
		else
			l->kind = LINE_PROSE;
		if (l->kind == LINE_HEADING)
			l->marker_len = 0;
		if (l->kind != LINE_TITLE && l->kind != LINE_BOILERPLATE && !dateline(l))
			front_matter = false;
		if (l->kind == LINE_ITEM)
			top_indent = l->indent;
		else if (l->kind != LINE_CONT)
			top_indent = -1;
	}
}
