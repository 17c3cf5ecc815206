/*
 * fs_blocks.c - group classified lines into blocks (title, heading,
 * prose paragraph, list item), each one string with a map back to lines
 * and columns; make the sections and one initiative per list item.
 * Calls fs_lines.c, fs_heading.c, fs_slug.c and fs_text.c.
 */
#include "factsheet_int.h"

#include <string.h>

int fsp_add_initiative(fsp_parser *p, fsp_block *b, int column)
{
	fs_model *m = p->model;
	if (!fsp_reserve(&m->initiatives, &p->initiative_cap, m->initiative_count + 1,
	                 sizeof *m->initiatives))
		return ATRACK_NOMEM;
	fs_initiative *in = &m->initiatives[m->initiative_count++];
	memset(in, 0, sizeof *in);
	in->section = b->section;
	in->meeting = -1;
	in->line_start = b->line_start;
	in->line_end = b->line_end;
	in->column = column;
	in->text = atr_strndup(b->text, b->len);
	b->initiative = (int)m->initiative_count - 1;
	return in->text ? ATRACK_OK : ATRACK_NOMEM;
}

static int block_append(fsp_block *b, atr_buf *buf, size_t *seg_cap,
                        const fsp_line *l, size_t skip)
{
	if (buf->len > 0)
		atr_buf_putc(buf, ' ');
	if (!fsp_reserve(&b->segs, seg_cap, b->seg_count + 1, sizeof *b->segs))
		return ATRACK_NOMEM;
	b->segs[b->seg_count].at = buf->len;
	b->segs[b->seg_count].line = l->number;
	b->segs[b->seg_count].column = l->column + (int)skip;
	b->seg_count++;
	atr_buf_append(buf, l->s + skip, l->len - skip);
	b->line_end = l->number;
	return atr_buf_failed(buf) ? ATRACK_NOMEM : ATRACK_OK;
}

/* Make one block of lines [first, last] of the given kind. */
static int add_block(fsp_parser *p, int kind, size_t first, size_t last,
                     size_t skip_first, int section)
{
	atr_buf buf = ATR_BUF_INIT;
	size_t seg_cap = 0;
	if (!fsp_reserve(&p->blocks, &p->block_cap, p->block_count + 1, sizeof *p->blocks))
		return ATRACK_NOMEM;
	fsp_block *b = &p->blocks[p->block_count++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	b->section = section;
	b->initiative = -1;
	b->line_start = p->lines[first].number;
	for (size_t i = first; i <= last; i++) {
		int rc = block_append(b, &buf, &seg_cap, &p->lines[i],
		                      i == first ? skip_first : 0);
		if (rc) {
			atr_buf_clear(&buf);
			return rc;
		}
	}
	b->len = buf.len;
	b->text = atr_buf_detach(&buf);
	return b->text ? ATRACK_OK : ATRACK_NOMEM;
}

fs_pos fsp_block_pos(const fsp_block *b, size_t at)
{
	fs_pos pos = {b->line_start, 1};
	size_t lo = 0, hi = b->seg_count;
	if (hi == 0)
		return pos;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (b->segs[mid].at <= at)
			lo = mid;
		else
			hi = mid;
	}
	pos.line = b->segs[lo].line;
	size_t delta = at >= b->segs[lo].at ? at - b->segs[lo].at : 0;
	pos.column = b->segs[lo].column + (int)(delta > 100000000 ? 100000000 : delta);
	return pos;
}

static int add_section(fsp_parser *p, const fsp_line *l)
{
	fs_model *m = p->model;
	size_t skip = fsp_markdown_heading(l->s, l->len);
	int style;
	long number;
	if (!skip)
		skip = fsp_detect_marker(l->s, l->len, &style, &number);
	size_t len = (l->head_len ? l->head_len : l->len) - skip;
	const char *s = l->s + skip;
	if (len > 1 && (s[len - 1] == ':'))
		len--;
	if (!fsp_reserve(&m->sections, &p->section_cap, m->section_count + 1,
	                 sizeof *m->sections))
		return ATRACK_NOMEM;
	fs_section *sec = &m->sections[m->section_count];
	memset(sec, 0, sizeof *sec);
	m->section_count++;
	sec->pos.line = l->number;
	sec->pos.column = l->column;
	size_t hlen = l->head_len ? l->head_len : l->len;
	if (hlen > 1 && l->s[hlen - 1] == ':')
		hlen--; /* "Support for Norland:" is the heading "Support for Norland" */
	sec->heading = fsp_clean_dup(l->s, hlen);
	sec->title = fsp_title_case(s, len);
	if (!sec->heading || !sec->title)
		return ATRACK_NOMEM;
	return fsp_unique_slug(&p->section_slugs, sec->title, &sec->slug);
}

/* Group the classified lines into blocks, sections and the title. */
int fsp_build_blocks(fsp_parser *p)
{
	fs_model *m = p->model;
	int section = -1;
	bool items_seen = false;
	size_t i = 0;
	while (i < p->line_count) {
		fsp_line *l = &p->lines[i];
		size_t last = i;
		int rc = ATRACK_OK;
		switch (l->kind) {
		case LINE_TITLE: {
			size_t skip = fsp_markdown_heading(l->s, l->len);
			m->title = fsp_clean_dup(l->s + skip, l->len - skip);
			if (!m->title)
				return ATRACK_NOMEM;
			m->title_pos.line = l->number;
			m->title_pos.column = l->column + (int)skip;
			rc = add_block(p, BLOCK_TITLE, i, i, skip, -1);
			break;
		}
		case LINE_HEADING:
			rc = add_section(p, l);
			if (rc)
				return rc;
			section = (int)m->section_count - 1;
			items_seen = false;
			rc = add_block(p, BLOCK_HEADING, i, i, 0, section);
			if (rc == ATRACK_OK && l->head_len) {
				/* "HEADING: text": the text is the section's lead-in */
				fsp_block *b = &p->blocks[p->block_count - 1];
				b->len = l->head_len;
				b->text[b->len] = '\0';
				rc = add_block(p, BLOCK_PROSE, i, i, l->runin, section);
				if (rc == ATRACK_OK) {
					b = &p->blocks[p->block_count - 1];
					fs_section *sec = &m->sections[section];
					sec->lead_in = fsp_clean_dup(b->text, b->len);
					if (!sec->lead_in)
						return ATRACK_NOMEM;
					sec->lead_in_pos = fsp_block_pos(b, 0);
				}
			}
			break;
		case LINE_ITEM:
			while (last + 1 < p->line_count && p->lines[last + 1].kind == LINE_CONT)
				last++;
			rc = add_block(p, BLOCK_ITEM, i, last, l->marker_len, section);
			if (rc == ATRACK_OK)
				rc = fsp_add_initiative(p, &p->blocks[p->block_count - 1],
				                        l->column + (int)l->marker_len);
			items_seen = true;
			break;
		case LINE_BOILERPLATE:
			if (!m->boilerplate_line)
				m->boilerplate_line = l->number;
			break;
		default:
			while (last + 1 < p->line_count && !p->lines[last + 1].blank_before &&
			       (p->lines[last + 1].kind == LINE_PROSE ||
			        p->lines[last + 1].kind == LINE_CONT))
				last++;
			rc = add_block(p, BLOCK_PROSE, i, last, 0, section);
			if (rc == ATRACK_OK && section >= 0 && !items_seen &&
			    !m->sections[section].lead_in) {
				fsp_block *b = &p->blocks[p->block_count - 1];
				fs_section *sec = &m->sections[section];
				sec->lead_in = fsp_clean_dup(b->text, b->len);
				if (!sec->lead_in)
					return ATRACK_NOMEM;
				sec->lead_in_pos.line = l->number;
				sec->lead_in_pos.column = l->column;
			}
			break;
		}
		if (rc)
			return rc;
		i = last + 1;
	}
	if (m->section_count == 0 && m->initiative_count == 0) {
		p->no_content = true;
	}
	return ATRACK_OK;
}
