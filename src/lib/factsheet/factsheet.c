/*
 * factsheet.c - the first pass of the fact-sheet parser: it checks the input
 * (size, NUL bytes, UTF-8), splits it into lines, classifies each line
 * (heading, list item, continuation, prose, boilerplate), and groups the
 * lines into blocks: the title, section headings, prose paragraphs and list
 * items, each one string with a map back to lines and columns. The
 * recognisers in factsheet_names.c then read the blocks sentence by
 * sentence. Also fs_parse() itself and fs_model_free().
 */
#include "factsheet_int.h"

#include <string.h>

/* ---- Small text helpers shared by the parser files ---------------------- */

bool fsp_reserve(void *array, size_t *cap, size_t need, size_t size)
{
	void *items;
	if (need <= *cap)
		return true;
	size_t new_cap = *cap ? *cap : 8;
	while (new_cap < need) {
		if (new_cap > SIZE_MAX / 2 / size)
			return false;
		new_cap *= 2;
	}
	memcpy(&items, array, sizeof items);
	items = atr_realloc(items, new_cap * size);
	if (!items)
		return false;
	memcpy(array, &items, sizeof items);
	*cap = new_cap;
	return true;
}

bool fsp_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' ||
	       c == '\f';
}

bool fsp_is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

bool fsp_is_lower(char c)
{
	return c >= 'a' && c <= 'z';
}

bool fsp_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

bool fsp_is_alnum(char c)
{
	return fsp_is_upper(c) || fsp_is_lower(c) || fsp_is_digit(c);
}

bool fsp_word_is(const char *s, size_t len, const char *word)
{
	return strlen(word) == len && memcmp(s, word, len) == 0;
}

static char lower(char c)
{
	return fsp_is_upper(c) ? (char)(c - 'A' + 'a') : c;
}

bool fsp_word_is_ci(const char *s, size_t len, const char *word)
{
	if (strlen(word) != len)
		return false;
	for (size_t i = 0; i < len; i++)
		if (lower(s[i]) != lower(word[i]))
			return false;
	return true;
}

bool fsp_in_list(const char *s, size_t len, const char *const *list)
{
	for (; *list; list++)
		if (fsp_word_is(s, len, *list))
			return true;
	return false;
}

/* Words that title case leaves in lower case and that may sit inside a
 * proper name ("Council for Pacific Maritime Security"). */
bool fsp_is_small_word(const char *s, size_t len)
{
	static const char *const small[] = {
		"of", "and", "the", "for", "on", "in", "to", "a", "an", "with",
		"by", "at", "or", "from", "under", "into", "per", "via", "&",
		NULL
	};
	return fsp_in_list(s, len, small);
}

size_t fsp_find_ci(const char *hay, size_t len, size_t from, const char *needle)
{
	size_t n = strlen(needle);
	if (n == 0 || len < n)
		return SIZE_MAX;
	for (size_t i = from; i + n <= len; i++) {
		if (lower(hay[i]) != lower(needle[0]))
			continue;
		if (fsp_word_is_ci(hay + i, n, needle))
			return i;
	}
	return SIZE_MAX;
}

/* Copy with the typographic apostrophe (U+2019) turned into ASCII and runs
 * of whitespace into one space, since names are compared and slugged. */
char *fsp_clean_dup(const char *s, size_t len)
{
	char *out = atr_malloc(len + 1);
	size_t n = 0;
	bool space = false;
	if (!out)
		return NULL;
	for (size_t i = 0; i < len; i++) {
		if (i + 2 < len && (unsigned char)s[i] == 0xE2 &&
		    (unsigned char)s[i + 1] == 0x80 &&
		    ((unsigned char)s[i + 2] == 0x99 || (unsigned char)s[i + 2] == 0x98)) {
			out[n++] = '\'';
			i += 2;
			space = false;
		} else if (fsp_is_space(s[i])) {
			space = true;
		} else {
			if (space && n > 0)
				out[n++] = ' ';
			space = false;
			out[n++] = s[i];
		}
	}
	out[n] = '\0';
	return out;
}

/* ---- Errors ------------------------------------------------------------- */

static void locate(const char *text, size_t offset, int *line, int *column)
{
	int l = 1;
	size_t line_start = 0;
	for (size_t i = 0; i < offset; i++) {
		if (text[i] == '\n') {
			l++;
			line_start = i + 1;
		}
	}
	*line = l;
	*column = (int)(offset - line_start) + 1;
}

static int parse_error(fs_error *err, const char *text, size_t offset,
                       bool placed, const char *what)
{
	if (!err)
		return ATRACK_PARSE;
	memset(err, 0, sizeof *err);
	err->offset = offset;
	if (placed)
		locate(text, offset, &err->line, &err->column);
	/* The place is in err->line and err->column; whoever reports the
	 * error puts it in front ("file:3:7: invalid UTF-8"). */
	snprintf(err->message, sizeof err->message, "%s", what);
	return ATRACK_PARSE;
}

/* Refuse what no recogniser should ever see: too much, nothing, NUL bytes
 * and invalid UTF-8, each with the place of the first offending byte. */
static int check_input(const char *text, size_t len, fs_error *err)
{
	if (len > FS_MAX_INPUT_BYTES) {
		parse_error(err, text, 0, false, "input larger than 4 MiB");
		if (err) {
			err->line = 1;
			err->column = 1;
		}
		return ATRACK_PARSE;
	}
	const char *nul = len ? memchr(text, '\0', len) : NULL;
	if (nul)
		return parse_error(err, text, (size_t)(nul - text), true, "NUL byte");
	size_t bad = 0;
	if (!atr_utf8_valid(text, len, &bad))
		return parse_error(err, text, bad, true, "invalid UTF-8");
	size_t i = 0;
	while (i < len && fsp_is_space(text[i]))
		i++;
	if (i == len || (len - i == 3 && memcmp(text + i, "\xEF\xBB\xBF", 3) == 0)) {
		parse_error(err, text, 0, false, "empty input");
		if (err) {
			err->line = 1;
			err->column = 1;
		}
		return ATRACK_PARSE;
	}
	return ATRACK_OK;
}

/* ---- Lines -------------------------------------------------------------- */

/* The list marker at the start of s, if any: its length including the
 * spaces after it, or 0. */
static size_t detect_marker(const char *s, size_t len, int *style, long *number)
{
	size_t i = 0;
	*number = 0;
	if (len >= 2 && (s[0] == '-' || s[0] == '*') && fsp_is_space(s[1])) {
		*style = MARK_BULLET;
		i = 1;
	} else if (len >= 4 && (unsigned char)s[0] == 0xE2 &&
	           (unsigned char)s[1] == 0x80 &&
	           ((unsigned char)s[2] == 0xA2 || (unsigned char)s[2] == 0x93) &&
	           fsp_is_space(s[3])) {
		*style = MARK_BULLET; /* "•" or "–" */
		i = 3;
	} else if (fsp_is_digit(s[0])) {
		while (i < len && i < 3 && fsp_is_digit(s[i]))
			*number = *number * 10 + (s[i++] - '0');
		if (i + 1 >= len || (s[i] != '.' && s[i] != ')') || !fsp_is_space(s[i + 1]))
			return 0;
		*style = s[i] == '.' ? MARK_NUMBER_DOT : MARK_NUMBER_PAREN;
		i++;
	} else if (len >= 3 && fsp_is_lower(s[0]) && s[1] == ')' && fsp_is_space(s[2])) {
		*style = MARK_LETTER;
		*number = s[0] - 'a' + 1;
		i = 2;
	} else if (len >= 4 && s[0] == '(' && (fsp_is_lower(s[1]) || fsp_is_digit(s[1]))) {
		i = 1;
		while (i < len && i < 4 && fsp_is_alnum(s[i]))
			i++;
		if (i + 1 >= len || s[i] != ')' || !fsp_is_space(s[i + 1]))
			return 0;
		*style = MARK_PARENS;
		i++;
	} else {
		return 0;
	}
	while (i < len && fsp_is_space(s[i]))
		i++;
	return i < len ? i : 0;
}

/* The last byte of a line, looking through closing quotes and brackets. */
static char final_char(const char *s, size_t len)
{
	while (len > 0) {
		unsigned char c = (unsigned char)s[len - 1];
		if (c == ')' || c == '"' || c == '\'' || c == ']') {
			len--;
		} else if (len >= 3 && c == 0x9D && (unsigned char)s[len - 2] == 0x80 &&
		           (unsigned char)s[len - 3] == 0xE2) {
			len -= 3; /* ” */
		} else if (len >= 3 && c == 0x99 && (unsigned char)s[len - 2] == 0x80 &&
		           (unsigned char)s[len - 3] == 0xE2) {
			len -= 3; /* ’ */
		} else {
			return (char)c;
		}
	}
	return '\0';
}

static bool ends_sentence(const char *s, size_t len)
{
	char c = final_char(s, len);
	return c == '.' || c == '!' || c == '?' || c == ';' || c == ':';
}

/* Whether every word that matters starts with a capital, as in a heading
 * ("Strengthening Regional Security Cooperation"), in at most max_words
 * words and with no sentence punctuation at the end. */
static bool is_title_case(const char *s, size_t len, int max_words)
{
	int words = 0;
	bool capital = false;
	size_t i = 0;
	char last = final_char(s, len);
	if (last == '.' || last == ',' || last == ';' || last == ':' ||
	    last == '!' || last == '?')
		return false;
	while (i < len) {
		while (i < len && fsp_is_space(s[i]))
			i++;
		size_t start = i;
		while (i < len && !fsp_is_space(s[i]))
			i++;
		if (start == i)
			break;
		if (++words > max_words)
			return false;
		size_t w = start;
		while (w < i && (s[w] == '(' || s[w] == '"' || s[w] == '\''))
			w++;
		if (w == i)
			continue;
		if (fsp_is_lower(s[w]) && !fsp_is_small_word(s + w, i - w))
			return false;
		if (fsp_is_upper(s[w]))
			capital = true;
	}
	return capital;
}

static bool is_all_caps(const char *s, size_t len)
{
	int letters = 0, words = 1;
	for (size_t i = 0; i < len; i++) {
		if (fsp_is_lower(s[i]))
			return false;
		if (fsp_is_upper(s[i]))
			letters++;
		if (s[i] == ' ')
			words++;
	}
	char last = final_char(s, len);
	return letters >= 3 && words <= 15 && last != ',' && last != ';';
}

static size_t markdown_heading(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len && i < 6 && s[i] == '#')
		i++;
	if (i == 0 || i >= len || !fsp_is_space(s[i]))
		return 0;
	while (i < len && fsp_is_space(s[i]))
		i++;
	return i < len ? i : 0;
}

/* Trailers that sites append to a reposted fact sheet. */
static bool is_boilerplate(const char *s, size_t len)
{
	static const char *const phrases[] = {
		"original post", "originally published", "originally appeared",
		"published on this site", "read more", "share this",
		"click here", "all rights reserved", "follow us on", NULL
	};
	if (len > 300)
		return false;
	if (len >= 7 && fsp_word_is_ci(s, 7, "source:"))
		return true;
	for (const char *const *p = phrases; *p; p++)
		if (fsp_find_ci(s, len, 0, *p) != SIZE_MAX)
			return true;
	return false;
}

/* Split into non-blank lines, trimmed, remembering whether a blank line
 * came before each. */
static int split_lines(fsp_parser *p)
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
	if (!is_title_case(l->s + l->marker_len, l->len - l->marker_len, 12))
		return false;
	if (!next)
		return false;
	return !(next->kind_hint == LINE_ITEM && next->marker_style == l->marker_style &&
	         next->marker_number == l->marker_number + 1);
}

static void classify_lines(fsp_parser *p)
{
	for (size_t i = 0; i < p->line_count; i++) {
		fsp_line *l = &p->lines[i];
		l->marker_len = detect_marker(l->s, l->len, &l->marker_style,
		                              &l->marker_number);
		l->kind_hint = l->marker_len ? LINE_ITEM : LINE_PROSE;
	}
	for (size_t i = 0; i < p->line_count; i++) {
		fsp_line *l = &p->lines[i];
		fsp_line *prev = i > 0 ? &p->lines[i - 1] : NULL;
		fsp_line *next = i + 1 < p->line_count ? &p->lines[i + 1] : NULL;
		bool in_item = prev && (prev->kind == LINE_ITEM || prev->kind == LINE_CONT);
		bool open = in_item && !l->blank_before && !ends_sentence(prev->s, prev->len);

		if (i == 0 && !l->marker_len &&
		    (markdown_heading(l->s, l->len) || is_all_caps(l->s, l->len) ||
		     is_title_case(l->s, l->len, 25)))
			l->kind = LINE_TITLE;
		else if (!l->marker_len && is_boilerplate(l->s, l->len))
			l->kind = LINE_BOILERPLATE;
		else if (markdown_heading(l->s, l->len))
			l->kind = LINE_HEADING;
		else if (l->marker_len)
			l->kind = numbered_heading(l, next) ? LINE_HEADING : LINE_ITEM;
		else if (in_item && (open || l->indent > 0))
			l->kind = LINE_CONT;
		else if (is_all_caps(l->s, l->len) || is_title_case(l->s, l->len, 12))
			l->kind = LINE_HEADING;
		else if (in_item && !l->blank_before)
			l->kind = LINE_CONT;
		else
			l->kind = LINE_PROSE;
		if (l->kind == LINE_HEADING)
			l->marker_len = 0;
	}
}

/* ---- Blocks ------------------------------------------------------------- */

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

/* Title case for a heading: capitalise each word that matters; an ALL
 * CAPS heading is first lowered, except words that read as acronyms. */
static char *title_case(const char *s, size_t len)
{
	bool all_caps = is_all_caps(s, len);
	char *out = fsp_clean_dup(s, len);
	if (!out)
		return NULL;
	size_t n = strlen(out);
	size_t i = 0;
	bool first = true;
	while (i < n) {
		size_t start = i;
		while (i < n && out[i] != ' ')
			i++;
		size_t wlen = i - start;
		bool keep = false;
		for (size_t k = start; k < i; k++)
			if (out[k] == '.' || fsp_is_digit(out[k]))
				keep = true;
		if (all_caps && !keep && !fsp_is_known_short(out + start, wlen)) {
			bool word_start = true;
			for (size_t k = start; k < i; k++) {
				out[k] = word_start ? out[k] : lower(out[k]);
				word_start = out[k] == '-' || out[k] == '/';
			}
		}
		char *w = out + start;
		while (w < out + i && (*w == '(' || *w == '"'))
			w++;
		bool small = fsp_is_small_word(w, (size_t)(out + i - w)) ||
		             (all_caps && fsp_is_small_word_ci(w, (size_t)(out + i - w)));
		if (small && !first) {
			for (char *k = w; k < out + i; k++)
				*k = lower(*k);
		} else if (w < out + i && fsp_is_lower(*w)) {
			*w = (char)(*w - 'a' + 'A');
		}
		first = false;
		while (i < n && out[i] == ' ')
			i++;
	}
	return out;
}

static int add_section(fsp_parser *p, const fsp_line *l)
{
	fs_model *m = p->model;
	size_t skip = markdown_heading(l->s, l->len);
	int style;
	long number;
	if (!skip)
		skip = detect_marker(l->s, l->len, &style, &number);
	size_t len = l->len - skip;
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
	sec->heading = fsp_clean_dup(l->s, l->len);
	sec->title = title_case(s, len);
	if (!sec->heading || !sec->title)
		return ATRACK_NOMEM;
	return fsp_unique_slug(&p->section_slugs, sec->title, &sec->slug);
}

/* Group the classified lines into blocks, sections and the title. */
static int build_blocks(fsp_parser *p)
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
			size_t skip = markdown_heading(l->s, l->len);
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

/* ---- Freeing ------------------------------------------------------------ */

static void free_refs(fs_refs *r)
{
	atr_free(r->items);
}

void fs_model_free(fs_model *m)
{
	if (!m)
		return;
	atr_free(m->title);
	for (size_t i = 0; i < m->party_count; i++) {
		atr_free(m->parties[i].slug);
		atr_free(m->parties[i].name);
		atr_free(m->parties[i].short_name);
	}
	for (size_t i = 0; i < m->person_count; i++) {
		atr_free(m->people[i].slug);
		atr_free(m->people[i].name);
		atr_free(m->people[i].title);
	}
	for (size_t i = 0; i < m->meeting_count; i++) {
		fs_meeting *mt = &m->meetings[i];
		atr_free(mt->slug);
		atr_free(mt->name);
		atr_free(mt->kind);
		atr_free(mt->short_kind);
		atr_free(mt->place);
		free_refs(&mt->people);
	}
	for (size_t i = 0; i < m->section_count; i++) {
		atr_free(m->sections[i].slug);
		atr_free(m->sections[i].heading);
		atr_free(m->sections[i].title);
		atr_free(m->sections[i].lead_in);
	}
	for (size_t i = 0; i < m->framework_count; i++) {
		atr_free(m->frameworks[i].slug);
		atr_free(m->frameworks[i].name);
		atr_free(m->frameworks[i].acronym);
		atr_free(m->frameworks[i].kind);
	}
	for (size_t i = 0; i < m->focus_area_count; i++) {
		atr_free(m->focus_areas[i].slug);
		atr_free(m->focus_areas[i].name);
		atr_free(m->focus_areas[i].kind);
	}
	for (size_t i = 0; i < m->exercise_count; i++) {
		atr_free(m->exercises[i].slug);
		atr_free(m->exercises[i].name);
	}
	for (size_t i = 0; i < m->cited_document_count; i++) {
		atr_free(m->cited_documents[i].slug);
		atr_free(m->cited_documents[i].title);
	}
	for (size_t i = 0; i < m->initiative_count; i++) {
		fs_initiative *in = &m->initiatives[i];
		atr_free(in->slug);
		atr_free(in->title);
		atr_free(in->text);
		free_refs(&in->frameworks);
		free_refs(&in->parties);
		free_refs(&in->exercises);
		free_refs(&in->documents);
		free_refs(&in->focus_areas);
	}
	atr_free(m->parties);
	atr_free(m->people);
	atr_free(m->meetings);
	atr_free(m->sections);
	atr_free(m->frameworks);
	atr_free(m->focus_areas);
	atr_free(m->exercises);
	atr_free(m->cited_documents);
	atr_free(m->initiatives);
	atr_free(m);
}

static void parser_free(fsp_parser *p)
{
	for (size_t i = 0; i < p->block_count; i++) {
		atr_free(p->blocks[i].text);
		atr_free(p->blocks[i].segs);
		atr_free(p->blocks[i].toks);
	}
	atr_free(p->blocks);
	atr_free(p->lines);
	for (int k = 0; k < MENTION_KINDS; k++)
		atr_free(p->mentions[k].items);
	atr_free(p->dates);
	fsp_slugs_free(&p->section_slugs);
	fsp_slugs_free(&p->initiative_slugs);
	fsp_slugs_free(&p->other_slugs);
}

/* ---- The entry point ---------------------------------------------------- */

int fs_parse(const char *text, size_t len, fs_model **out, fs_error *err)
{
	fsp_parser p;
	int rc;
	if (out)
		*out = NULL;
	if (err)
		memset(err, 0, sizeof *err);
	if (!out || (!text && len))
		return parse_error(err, "", 0, false, "no input");
	if (!text)
		text = "";
	rc = check_input(text, len, err);
	if (rc)
		return rc;

	memset(&p, 0, sizeof p);
	p.text = text;
	p.len = len;
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		p.body = 3; /* a UTF-8 BOM: columns on line 1 count from after it */
	p.model = atr_calloc(1, sizeof *p.model);
	if (!p.model)
		return ATRACK_NOMEM;

	rc = split_lines(&p);
	if (rc == ATRACK_OK) {
		classify_lines(&p);
		rc = build_blocks(&p);
	}
	if (rc == ATRACK_OK && p.no_content) {
		parser_free(&p);
		fs_model_free(p.model);
		return parse_error(err, text, 0, true, "no section or list item found");
	}
	if (rc == ATRACK_OK)
		rc = fsp_recognise(&p);
	parser_free(&p);
	if (rc) {
		fs_model_free(p.model);
		if (err && rc == ATRACK_NOMEM)
			snprintf(err->message, sizeof err->message, "out of memory");
		return rc;
	}
	*out = p.model;
	return ATRACK_OK;
}
