/*
 * fs_document.c - recognises cited documents: capitalised titles in
 * quotes. Calls fs_token.c, fs_slug.c and fs_text.c.
 */
#include "factsheet_int.h"

#include <string.h>

static int add_document(fsp_parser *p, const fsp_block *b, fsp_span sp)
{
	fs_model *m = p->model;
	char *title = fsp_clean_dup(b->text + sp.start, sp.end - sp.start);
	if (!title)
		return ATRACK_NOMEM;
	int index = -1;
	for (size_t i = 0; i < m->cited_document_count && index < 0; i++)
		if (strcmp(m->cited_documents[i].title, title) == 0)
			index = (int)i;
	if (index >= 0 || m->cited_document_count >= MAX_ENTITIES) {
		atr_free(title);
	} else {
		if (!fsp_reserve(&m->cited_documents, &p->document_cap,
		                 m->cited_document_count + 1, sizeof *m->cited_documents)) {
			atr_free(title);
			return ATRACK_NOMEM;
		}
		fs_cited_document *d = &m->cited_documents[m->cited_document_count++];
		memset(d, 0, sizeof *d);
		d->title = title;
		d->pos = fsp_block_pos(b, sp.start);
		if (fsp_unique_slug(&p->other_slugs, title, &d->slug))
			return ATRACK_NOMEM;
		index = (int)m->cited_document_count - 1;
	}
	return index < 0 ? ATRACK_OK : fsp_add_mention(p, MENTION_DOCUMENT, sp.start, sp.end, index);
}

/* Capitalised titles in quotes: “Roadmap for Defense Cooperation.” */
int fsp_scan_documents(fsp_parser *p, size_t bi)
{
	fsp_block *b = &p->blocks[bi];
	const char *s = b->text;
	size_t i = 0;
	while (i < b->len) {
		size_t open = 0, close_len = 0;
		const char *close = NULL;
		if (s[i] == '"') {
			open = 1;
			close = "\"";
			close_len = 1;
		} else if (i + 3 <= b->len && memcmp(s + i, "\xE2\x80\x9C", 3) == 0) {
			open = 3;
			close = "\xE2\x80\x9D";
			close_len = 3;
		}
		if (!open) {
			i++;
			continue;
		}
		size_t j = i + open, limit = i + open + 300;
		while (j + close_len <= b->len && j < limit && memcmp(s + j, close, close_len) != 0)
			j++;
		if (j + close_len > b->len || j >= limit) {
			i += open;
			continue;
		}
		fsp_span sp = {i + open, j};
		size_t n = fsp_trim_span(s, &sp);
		if (n && fsp_word_count(s + sp.start, n) >= 2 &&
		    fsp_proper_name(s + sp.start, n, 25) && add_document(p, b, sp))
			return ATRACK_NOMEM;
		i = j + close_len;
	}
	return ATRACK_OK;
}
