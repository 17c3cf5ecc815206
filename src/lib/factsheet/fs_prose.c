/*
 * fs_prose.c - initiatives of documents written as prose (readouts, joint
 * statements): when a document has no list item at all, each sentence
 * that carries a commitment verb (FSP_COMMITMENT_VERBS) is an initiative,
 * and each part of such a sentence's ";" list is one.
 * Runs after fs_blocks.c; calls fs_blocks.c (fsp_add_initiative) and
 * fs_text.c.
 */
#include "factsheet_int.h"

#include <string.h>

/* Whether the phrase occurs in [s, s+len) as whole words. */
static bool has_phrase(const char *s, size_t len, const char *phrase)
{
	size_t n = strlen(phrase);
	for (size_t at = 0; (at = fsp_find_ci(s, len, at, phrase)) != SIZE_MAX; at++) {
		bool starts = at == 0 || !fsp_is_alnum(s[at - 1]);
		bool ends = at + n >= len || !fsp_is_alnum(s[at + n]);
		if (starts && ends)
			return true;
	}
	return false;
}

bool fsp_has_commitment(const char *s, size_t len)
{
	for (const char *const *v = FSP_COMMITMENT_VERBS; *v; v++)
		if (has_phrase(s, len, *v))
			return true;
	return false;
}

/* Where the sentence that starts at `from` ends (past its final
 * punctuation and the spaces after it): a ".", "!" or "?" followed by a
 * space and a capital, a digit or a quote, not after an abbreviation
 * ("U.S.", "Dr.", an initial). */
static size_t sentence_end(const char *s, size_t len, size_t from)
{
	for (size_t i = from; i + 2 < len; i++) {
		if ((s[i] != '.' && s[i] != '!' && s[i] != '?') || s[i + 1] != ' ')
			continue;
		size_t next = i + 1;
		while (next < len && s[next] == ' ')
			next++;
		unsigned char c = (unsigned char)s[next];
		if (!(fsp_is_upper((char)c) || fsp_is_digit((char)c) || c == '"' || c == 0xE2))
			continue;
		size_t w = i;
		while (w > from && !fsp_is_space(s[w - 1]))
			w--;
		if (s[i] == '.' && fsp_is_abbreviation(s + w, i - w))
			continue;
		return next;
	}
	return len;
}

/* A block for the bytes [from, to) of b, its positions kept. */
static int slice_block(const fsp_block *b, size_t from, size_t to, int kind, fsp_block *out)
{
	while (from < to && fsp_is_space(b->text[from]))
		from++;
	while (to > from && fsp_is_space(b->text[to - 1]))
		to--;
	memset(out, 0, sizeof *out);
	out->kind = kind;
	out->section = b->section;
	out->initiative = -1;
	out->text = atr_strndup(b->text + from, to - from);
	out->len = to - from;
	size_t first = 0;
	for (size_t k = 0; k < b->seg_count; k++)
		if (b->segs[k].at <= from)
			first = k;
	size_t count = 0;
	for (size_t k = first; k < b->seg_count && b->segs[k].at < to; k++)
		count++;
	out->segs = atr_calloc(count ? count : 1, sizeof *out->segs);
	if (!out->text || !out->segs) {
		atr_free(out->text);
		atr_free(out->segs);
		out->text = NULL;
		out->segs = NULL;
		return ATRACK_NOMEM;
	}
	for (size_t k = first; k < first + count; k++) {
		fsp_segment seg = b->segs[k];
		if (seg.at < from) {
			seg.column += (int)(from - seg.at);
			seg.at = 0;
		} else {
			seg.at -= from;
		}
		out->segs[out->seg_count++] = seg;
	}
	out->line_start = out->seg_count ? out->segs[0].line : b->line_start;
	out->line_end = out->seg_count ? out->segs[out->seg_count - 1].line : b->line_end;
	return ATRACK_OK;
}

/* The pieces of a commitment sentence: the parts of a ";" list ("agreed
 * to: expand X; fund Y; and launch Z") when it has at least two ";",
 * else the sentence whole. Returns the number of pieces (at most max). */
static size_t sentence_pieces(const char *s, size_t from, size_t to, fsp_span *out, size_t max)
{
	size_t semis = 0;
	for (size_t i = from; i + 1 < to; i++)
		if (s[i] == ';' && s[i + 1] == ' ')
			semis++;
	if (semis < 2) {
		out[0].start = from;
		out[0].end = to;
		return 1;
	}
	size_t n = 0, start = from;
	for (size_t i = from; i <= to && n < max; i++) {
		if (i < to && !(s[i] == ';' && i + 1 < to && s[i + 1] == ' '))
			continue;
		size_t piece = start;
		while (piece < i && fsp_is_space(s[piece]))
			piece++;
		if (n > 0 && i - piece > 4 && memcmp(s + piece, "and ", 4) == 0)
			piece += 4;
		out[n].start = piece;
		out[n].end = i;
		n++;
		start = i + 1;
	}
	return n;
}

enum { MAX_PIECES = 64 };

/* Replaces prose block bi by one block per sentence, each commitment
 * sentence (or each part of its ";" list) an item. Returns the number of
 * blocks that now stand in its place, 0 when out of memory. */
static size_t split_paragraph(fsp_parser *p, size_t bi)
{
	const fsp_block *b = &p->blocks[bi];
	fsp_block parts[MAX_PIECES];
	size_t count = 0;
	for (size_t from = 0; from < b->len && count < MAX_PIECES;) {
		size_t end = sentence_end(b->text, b->len, from);
		if (fsp_has_commitment(b->text + from, end - from)) {
			fsp_span pieces[MAX_PIECES];
			size_t n = sentence_pieces(b->text, from, end, pieces, MAX_PIECES - count);
			for (size_t k = 0; k < n; k++)
				if (slice_block(b, pieces[k].start, pieces[k].end, BLOCK_ITEM, &parts[count++]))
					goto nomem;
		} else if (slice_block(b, from, end, BLOCK_PROSE, &parts[count++])) {
			goto nomem;
		}
		from = end;
	}
	if (count < 1 || !fsp_reserve(&p->blocks, &p->block_cap, p->block_count + count - 1,
	                             sizeof *p->blocks))
		goto nomem;
	atr_free(p->blocks[bi].text);
	atr_free(p->blocks[bi].segs);
	memmove(&p->blocks[bi + count], &p->blocks[bi + 1],
	        (p->block_count - bi - 1) * sizeof *p->blocks);
	memcpy(&p->blocks[bi], parts, count * sizeof *parts);
	p->block_count += count - 1;
	return count;
nomem:
	for (size_t k = 0; k < count; k++) {
		atr_free(parts[k].text);
		atr_free(parts[k].segs);
	}
	return 0;
}

int fsp_prose_initiatives(fsp_parser *p)
{
	if (p->model->initiative_count > 0)
		return ATRACK_OK;
	for (size_t bi = 0; bi < p->block_count; bi++) {
		if (p->blocks[bi].kind != BLOCK_PROSE ||
		    !fsp_has_commitment(p->blocks[bi].text, p->blocks[bi].len))
			continue;
		size_t count = split_paragraph(p, bi);
		if (!count)
			return ATRACK_NOMEM;
		for (size_t k = bi; k < bi + count; k++) {
			fsp_block *b = &p->blocks[k];
			if (b->kind != BLOCK_ITEM)
				continue;
			int rc = fsp_add_initiative(p, b, fsp_block_pos(b, 0).column);
			if (rc)
				return rc;
		}
		bi += count - 1;
	}
	return ATRACK_OK;
}
