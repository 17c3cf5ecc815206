/*
 * fs_recognise.c - the second pass: runs each recogniser over every
 * block in order (parties, people, dates, meetings, frameworks, focus
 * areas, exercises, documents), then finishes the initiatives.
 */
#include "factsheet_int.h"

#include <string.h>

typedef int (*block_scanner)(fsp_parser *p, size_t bi);

static int scan_parties_at(fsp_parser *p, size_t bi)
{
	return fsp_scan_parties(p, &p->blocks[bi]);
}

static int scan_people_at(fsp_parser *p, size_t bi)
{
	int kind = p->blocks[bi].kind;
	return kind == BLOCK_PROSE || kind == BLOCK_ITEM || kind == BLOCK_TITLE
	       ? fsp_scan_people(p, &p->blocks[bi]) : ATRACK_OK;
}

static int scan_meetings_at(fsp_parser *p, size_t bi)
{
	int kind = p->blocks[bi].kind;
	return kind == BLOCK_PROSE || kind == BLOCK_ITEM ? fsp_scan_meetings(p, bi) : ATRACK_OK;
}

static int scan_body(fsp_parser *p, size_t bi, block_scanner scan)
{
	int kind = p->blocks[bi].kind;
	return kind == BLOCK_PROSE || kind == BLOCK_ITEM ? scan(p, bi) : ATRACK_OK;
}

/* Names of frameworks are read in the body and in headings. */
static int scan_names_at(fsp_parser *p, size_t bi)
{
	int kind = p->blocks[bi].kind;
	return kind == BLOCK_PROSE || kind == BLOCK_ITEM || kind == BLOCK_HEADING
	       ? fsp_scan_named_frameworks(p, bi) : ATRACK_OK;
}

/* Run one recogniser over every block, keeping each block's range of the
 * mentions it records. */
static int run(fsp_parser *p, int kind, block_scanner scan, bool body_only)
{
	for (size_t bi = 0; bi < p->block_count; bi++) {
		fsp_block *b = &p->blocks[bi];
		if (kind >= 0)
			b->first[kind] = p->mentions[kind].count;
		int rc = body_only ? scan_body(p, bi, scan) : scan(p, bi);
		if (kind >= 0)
			b->end[kind] = p->mentions[kind].count;
		if (rc)
			return rc;
	}
	return ATRACK_OK;
}

int fsp_recognise(fsp_parser *p)
{
	int rc = ATRACK_OK;
	for (size_t bi = 0; bi < p->block_count && !rc; bi++)
		rc = fsp_tokenise(&p->blocks[bi]);
	if (!rc)
		rc = run(p, MENTION_PARTY, scan_parties_at, false);
	if (!rc)
		rc = run(p, MENTION_PERSON, scan_people_at, false);
	if (!rc)
		rc = fsp_resolve_short_references(p);
	if (!rc)
		rc = run(p, -1, fsp_scan_dates, true);
	if (!rc) {
		fsp_resolve_years(p);
		rc = run(p, MENTION_MEETING, scan_meetings_at, false);
	}
	if (!rc)
		rc = fsp_primary_meeting(p);
	if (!rc)
		rc = run(p, MENTION_DEFINITION, fsp_scan_definitions, true);
	if (!rc)
		rc = run(p, -1, scan_names_at, false);
	if (!rc)
		rc = fsp_scan_groupings(p);
	if (!rc)
		rc = run(p, MENTION_FOCUS, fsp_scan_focus, true);
	if (!rc)
		rc = run(p, MENTION_EXERCISE, fsp_scan_exercises, true);
	if (!rc)
		rc = run(p, MENTION_DOCUMENT, fsp_scan_documents, true);
	for (size_t bi = 0; bi < p->block_count && !rc; bi++)
		if (p->blocks[bi].initiative >= 0)
			rc = fsp_finish_initiative(p, &p->blocks[bi]);
	if (!rc)
		fsp_party_roles(p);
	return rc;
}
