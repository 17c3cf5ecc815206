/*
 * fs_lines.c - the first pass over the input: split it into trimmed
 * lines and classify each one (title, heading, list item, continuation,
 * prose, trailer) with fs_list.c and fs_heading.c.
 */
#include "factsheet_int.h"

#include <string.h>

/* Split into non-blank lines, trimmed, remembering whether a blank line
 * came before each. */
int fsp_split_lines(fsp_parser *p)
{
	size_t i = p->body;
	int number = 1;
	bool blank_before = false;
	while (i <= p->len) {
		size_t end = i;
		while (end < p->len && p->text[end] != '\n')
			end++;
		size_t s = i, e = end;
		while (s < e && fsp_is_space(p->text[s]))
			s++;
		while (e > s && fsp_is_space(p->text[e - 1]))
			e--;
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
			l->indent = (int)(s - i);
			l->blank_before = blank_before;
			blank_before = false;
		}
		if (end == p->len)
			break;
		i = end + 1;
		number++;
	}
	p->model->line_count = number;
	return ATRACK_OK;
}

static bool numbered_heading(const fsp_line *l, const fsp_line *next)
{
	if (l->marker_style != MARK_NUMBER_DOT && l->marker_style != MARK_NUMBER_PAREN)
		return false;
	if (!fsp_is_title_case(l->s + l->marker_len, l->len - l->marker_len, 12))
		return false;
	if (!next)
		return false;
	return !(next->kind_hint == LINE_ITEM && next->marker_style == l->marker_style &&
	         next->marker_number == l->marker_number + 1);
}

void fsp_classify_lines(fsp_parser *p)
{
	for (size_t i = 0; i < p->line_count; i++) {
		fsp_line *l = &p->lines[i];
		l->marker_len = fsp_detect_marker(l->s, l->len, &l->marker_style,
		                              &l->marker_number);
		l->kind_hint = l->marker_len ? LINE_ITEM : LINE_PROSE;
	}
	for (size_t i = 0; i < p->line_count; i++) {
		fsp_line *l = &p->lines[i];
		fsp_line *prev = i > 0 ? &p->lines[i - 1] : NULL;
		fsp_line *next = i + 1 < p->line_count ? &p->lines[i + 1] : NULL;
		bool in_item = prev && (prev->kind == LINE_ITEM || prev->kind == LINE_CONT);
		bool open = in_item && !l->blank_before && !fsp_ends_sentence(prev->s, prev->len);

		if (i == 0 && !l->marker_len &&
		    (fsp_markdown_heading(l->s, l->len) || fsp_is_all_caps(l->s, l->len) ||
		     fsp_is_title_case(l->s, l->len, 25)))
			l->kind = LINE_TITLE;
		else if (!l->marker_len && fsp_is_boilerplate(l->s, l->len))
			l->kind = LINE_BOILERPLATE;
		else if (fsp_markdown_heading(l->s, l->len))
			l->kind = LINE_HEADING;
		else if (l->marker_len)
			l->kind = numbered_heading(l, next) ? LINE_HEADING : LINE_ITEM;
		else if (in_item && (open || l->indent > 0))
			l->kind = LINE_CONT;
		else if (fsp_is_all_caps(l->s, l->len) || fsp_is_title_case(l->s, l->len, 12))
			l->kind = LINE_HEADING;
		else if (in_item && !l->blank_before)
			l->kind = LINE_CONT;
		else
			l->kind = LINE_PROSE;
		if (l->kind == LINE_HEADING)
			l->marker_len = 0;
	}
}
