/*
 * fs_prose.c - initiatives of documents written as prose (readouts, joint
 * statements): when a document has no list item at all, each paragraph
 * that carries a commitment verb (FSP_COMMITMENT_VERBS) is an initiative.
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

int fsp_prose_initiatives(fsp_parser *p)
{
	if (p->model->initiative_count > 0)
		return ATRACK_OK;
	for (size_t bi = 0; bi < p->block_count; bi++) {
		fsp_block *b = &p->blocks[bi];
		if (b->kind != BLOCK_PROSE || !fsp_has_commitment(b->text, b->len))
			continue;
		b->kind = BLOCK_ITEM;
		int rc = fsp_add_initiative(p, b, fsp_block_pos(b, 0).column);
		if (rc)
			return rc;
	}
	return ATRACK_OK;
}
