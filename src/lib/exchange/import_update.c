/*
 * import_update.c - the rules of a progress update, applied to the ones a
 * JSON import adds: the very checks atrack_update_add makes (the tracking
 * module's update_check.c and transition.c), not a copy, so that no path
 * into the database holds to fewer rules than another. The fields are
 * checked row by row; the transitions once every update of the document
 * is in, since a document need not list a history in order. A refusal
 * names the row's place in the text. Calls the tracking module's checks,
 * import_position.c and the core.
 */
#include "exchange_int.h"

#include "tracking/tracking_int.h"

#include <limits.h>
#include <string.h>

/* The columns of xt_tables[XT_UPDATE], by position. */
enum { U_INITIATIVE, U_STATUS, U_HEALTH, U_PERCENT, U_NOTE, U_AUTHOR, U_EVENT_DATE,
       U_RECORDED_AT, U_EVIDENCE_URL, U_EVIDENCE_DOCUMENT, U_REOPEN };

#define ALL_FIELDS (ATRACK_UPDATE_EDIT_NOTE | ATRACK_UPDATE_EDIT_EVENT_DATE | \
	ATRACK_UPDATE_EDIT_HEALTH | ATRACK_UPDATE_EDIT_PERCENT | ATRACK_UPDATE_EDIT_EVIDENCE)

/* The tracking checks name the member of atrack_update_input at fault
 * ("event_date: ..."); the document names it by its JSON field. */
static const struct {
	const char *member;
	const char *field;
} fields[] = {
	{ "status", "status" }, { "reopen", "is_reopen" }, { "note", "note" },
	{ "health", "health" }, { "percent_complete", "percent_complete" },
	{ "event_date", "event_date" }, { "evidence_url", "evidence_url" },
	{ "evidence_document_id", "evidence_document" },
};

/* Turn the check's refusal `rc` into one at $.progress_updates[row].field
 * with the position in the text. Other failures (memory, SQLite) pass. */
static int refuse(importer *I, size_t row, int rc)
{
	if (rc != ATRACK_INVALID && rc != ATRACK_NOTFOUND)
		return rc;
	const char *why = atrack_errmsg(I->db), *field = NULL;
	for (size_t i = 0; i < ATR_ARRAY_SIZE(fields); i++) {
		size_t n = strlen(fields[i].member);
		if (strncmp(why, fields[i].member, n) == 0 && why[n] == ':' && why[n + 1] == ' ') {
			field = fields[i].field;
			why += n + 2;
			break;
		}
	}
	char *copy = atr_strdup(why);
	if (!copy)
		return atr_error(I->db, ATRACK_NOMEM, "out of memory");
	rc = xi_fail(I, ATRACK_INVALID, I->t->array, (long)row, field, "%s", copy);
	atr_free(copy);
	return rc;
}

static const char *text_of(const xvalue *v)
{
	return v->kind == XV_TEXT ? v->s : NULL;
}

int xi_update_check_fields(importer *I, size_t row, json_t *object, const xvalue *v)
{
	atrack_update_input in = ATRACK_UPDATE_INPUT_INIT;
	in.initiative_id = v[U_INITIATIVE].i;
	in.status = json_string_value(json_object_get(object, "status"));
	in.health = text_of(&v[U_HEALTH]);
	if (v[U_PERCENT].kind == XV_INT) {
		/* -1 means "none" to the check; any other int is its to judge. */
		int64_t p = v[U_PERCENT].i;
		if (p == -1 || p < INT_MIN || p > INT_MAX)
			return xi_fail(I, ATRACK_INVALID, I->t->array, (long)row, "percent_complete",
			               "%lld is outside 0..100", (long long)p);
		in.percent_complete = (int)p;
	}
	in.note = text_of(&v[U_NOTE]);
	in.event_date = text_of(&v[U_EVENT_DATE]);
	in.evidence_url = text_of(&v[U_EVIDENCE_URL]);
	in.evidence_document_id = v[U_EVIDENCE_DOCUMENT].kind == XV_INT ? v[U_EVIDENCE_DOCUMENT].i : 0;
	in.reopen = v[U_REOPEN].i != 0;
	char date[11];
	int rc = atr_update_check_fields(I->db, &in, ALL_FIELDS, date);
	if (rc == ATRACK_OK)
		rc = atr_transition_check_reopen_note(I->db, in.reopen, in.note);
	return rc == ATRACK_OK ? ATRACK_OK : refuse(I, row, rc);
}

int xi_update_added(importer *I, int64_t id, size_t row)
{
	if (I->added_count == I->added_cap) {
		size_t cap = I->added_cap ? I->added_cap * 2 : 64;
		xi_added *grown = atr_realloc(I->added, cap * sizeof *grown);
		if (!grown)
			return atr_error(I->db, ATRACK_NOMEM, "out of memory");
		I->added = grown;
		I->added_cap = cap;
	}
	I->added[I->added_count++] = (xi_added){ id, row };
	return ATRACK_OK;
}

int xi_update_check_history(importer *I)
{
	/* Each added update against the one now before it, so that a broken
	 * rule is told at the row that breaks it; and the database's own
	 * update after it, which it may have cut off from its predecessor.
	 * New rowids are above every old one, so an id below the first added
	 * is the database's; one above was added, and has its own turn. */
	int rc = ATRACK_OK;
	for (size_t i = 0; rc == ATRACK_OK && i < I->added_count; i++) {
		atr_update_link x, next;
		bool found = false;
		rc = atr_transition_load(I->db, I->added[i].id, &x);
		if (rc == ATRACK_OK)
			rc = atr_transition_check_before(I->db, &x, NULL);
		if (rc == ATRACK_OK)
			rc = atr_transition_next(I->db, &x, &next, &found);
		if (rc == ATRACK_OK && found && next.id < I->added[0].id)
			rc = atr_transition_check_before(I->db, &next, "event_date");
		if (rc != ATRACK_OK)
			rc = refuse(I, I->added[i].row, rc);
	}
	return rc;
}
