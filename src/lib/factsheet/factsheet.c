/*
 * factsheet.c - the entry point of the fact-sheet parser: it checks the
 * input (size, UTF-16, NUL bytes, UTF-8), runs the line and block pass
 * (fs_lines.c, fs_blocks.c) and then the recognisers (fs_recognise.c),
 * and frees models. The parser is pure: no database.
 */
#include "factsheet_int.h"

#include <string.h>

/* Lines end as fsp_split_lines reads them: LF, CR LF or a lone CR. */
static void locate(const char *text, size_t offset, int *line, int *column)
{
	int l = 1;
	size_t line_start = 0;
	for (size_t i = 0; i < offset; i++) {
		if (text[i] == '\r' && i + 1 < offset && text[i + 1] == '\n')
			i++;
		if (text[i] == '\n' || text[i] == '\r') {
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

/* The name of the wide encoding `text` is in: its byte order mark, else
 * two ASCII characters with a NUL byte beside each; NULL for none. */
static const char *wide_encoding(const unsigned char *t, size_t len)
{
	if (len >= 4 && ((t[0] == 0xFF && t[1] == 0xFE && !t[2] && !t[3]) ||
	                 (!t[0] && !t[1] && t[2] == 0xFE && t[3] == 0xFF)))
		return "UTF-32, convert to UTF-8";
	if (len >= 2 && ((t[0] == 0xFF && t[1] == 0xFE) || (t[0] == 0xFE && t[1] == 0xFF)))
		return "UTF-16, convert to UTF-8";
	if (len >= 4 && ((t[0] && t[0] < 0x80 && !t[1] && t[2] && t[2] < 0x80 && !t[3]) ||
	                 (!t[0] && t[1] && t[1] < 0x80 && !t[2] && t[3] && t[3] < 0x80)))
		return "UTF-16, convert to UTF-8";
	return NULL;
}

/* Refuse what no recogniser should ever see: too much, nothing, UTF-16
 * and UTF-32, NUL bytes and invalid UTF-8, each with the place of the
 * first offending byte. */
static int check_input(const char *text, size_t len, fs_error *err)
{
	const char *wide = wide_encoding((const unsigned char *)text, len);
	if (len > FS_MAX_INPUT_BYTES || wide) {
		parse_error(err, text, 0, false, wide ? wide : "input larger than 4 MiB");
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

/* A heading that ends the text (nothing after it but trailers) heads
 * nothing: the text was cut after it, or in it ("HARBOUR SAF"), so it is
 * no section. A run-in heading has its own text and stays. */
static void drop_final_headings(fsp_parser *p)
{
	size_t end = p->line_count;
	while (end > 0) {
		const fsp_line *l = &p->lines[end - 1];
		if (l->kind == LINE_BOILERPLATE) {
			end--;
			continue;
		}
		if (l->kind != LINE_HEADING || l->head_len)
			break;
		memmove(&p->lines[end - 1], &p->lines[end],
		        (p->line_count - end) * sizeof *p->lines);
		p->line_count--;
		end--;
	}
}

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

	rc = fsp_split_lines(&p);
	if (rc == ATRACK_OK) {
		fsp_classify_lines(&p);
		drop_final_headings(&p);
		rc = fsp_build_blocks(&p);
	}
	if (rc == ATRACK_OK)
		rc = fsp_prose_initiatives(&p);
	if (rc == ATRACK_OK && p.no_content && !p.model->title &&
	    p.model->initiative_count == 0) {
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
