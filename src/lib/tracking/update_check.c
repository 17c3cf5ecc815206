/*
 * update_check.c - the rules for the fields of a progress update, as every
 * path that writes one applies them: a known status, a health of the
 * vocabulary, a percentage, a note that says something, an event date
 * that is a real day and not in the future, and evidence that is a web
 * address (http, https) or a known document. Calls only the core.
 */
#include "tracking_int.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

static const char sql_status_by_code[] =
	"SELECT id, is_terminal FROM status_code WHERE code = ?1";
static const char sql_status_codes[] =
	"SELECT code FROM status_code ORDER BY sort_order, id";
static const char sql_document_exists[] = "SELECT 1 FROM document WHERE id = ?1";

static bool blank(const char *s)
{
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			return false;
	return true;
}

/* "http://rest" or "https://rest", the scheme in any case, and no white
 * space or control character anywhere. Only the web's schemes: evidence
 * is shown as a link in every report, and "javascript://%0a..." or
 * "data://" there would run or show what the database says. */
static bool looks_like_url(const char *s)
{
	size_t i;
	if (strncasecmp(s, "https://", 8) == 0)
		i = 8;
	else if (strncasecmp(s, "http://", 7) == 0)
		i = 7;
	else
		return false;
	if (s[i] == '\0')
		return false;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p <= ' ' || *p == 0x7f)
			return false;
	return true;
}

int atr_row_exists(atrack_db *db, const char *sql, int64_t id, bool *found)
{
	sqlite3_stmt *stmt;
	int rc = atr_stmt(db, sql, &stmt);
	if (rc != ATRACK_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	int src = sqlite3_step(stmt);
	*found = src == SQLITE_ROW;
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		rc = atr_sql_error(db, src, "cannot look up reference");
	atr_stmt_done(stmt);
	return rc;
}

/* The message for an unknown status lists the known ones, so that a typo
 * is fixed without another command. */
static int unknown_status(atrack_db *db, const char *code)
{
	atr_buf known = ATR_BUF_INIT;
	sqlite3_stmt *stmt;
	int rc = atr_stmt(db, sql_status_codes, &stmt);
	if (rc != ATRACK_OK)
		return rc;
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		if (known.len)
			atr_buf_puts(&known, ", ");
		atr_buf_puts(&known, atr_column_text(stmt, 0));
	}
	atr_stmt_done(stmt);
	rc = atr_error(db, ATRACK_INVALID, "status: no status '%s' (known: %s)", code,
	               known.data ? known.data : "none");
	atr_buf_clear(&known);
	return rc;
}

int atr_update_resolve_status(atrack_db *db, const char *code, int64_t *status_id,
                              bool *terminal)
{
	if (!code || !*code)
		return atr_error(db, ATRACK_INVALID, "status: required");
	sqlite3_stmt *stmt;
	int rc = atr_stmt(db, sql_status_by_code, &stmt);
	if (rc != ATRACK_OK)
		return rc;
	sqlite3_bind_text(stmt, 1, code, -1, SQLITE_STATIC);
	int src = sqlite3_step(stmt);
	if (src == SQLITE_ROW) {
		*status_id = sqlite3_column_int64(stmt, 0);
		*terminal = sqlite3_column_int(stmt, 1) != 0;
	} else if (src != SQLITE_DONE) {
		rc = atr_sql_error(db, src, "cannot look up status");
	}
	atr_stmt_done(stmt);
	if (rc == ATRACK_OK && src == SQLITE_DONE)
		return unknown_status(db, code);
	return rc;
}

static int check_note(atrack_db *db, const char *note)
{
	size_t bad;
	if (!note)
		return ATRACK_OK;
	if (!atr_utf8_valid(note, strlen(note), &bad))
		return atr_error(db, ATRACK_INVALID, "note: not valid UTF-8 (byte %zu)", bad);
	if (blank(note))
		return atr_error(db, ATRACK_INVALID, "note: must not be empty or blank "
		                 "(leave it out for none)");
	return ATRACK_OK;
}

int atr_update_check_fields(atrack_db *db, const atrack_update_input *in, unsigned int fields,
                            char date[11])
{
	int rc;
	if ((fields & ATRACK_UPDATE_EDIT_HEALTH) && in->health &&
	    strcmp(in->health, "on_track") != 0 && strcmp(in->health, "at_risk") != 0 &&
	    strcmp(in->health, "off_track") != 0)
		return atr_error(db, ATRACK_INVALID, "health: '%s' is not one of on_track, "
		                 "at_risk, off_track", in->health);
	if ((fields & ATRACK_UPDATE_EDIT_PERCENT) &&
	    (in->percent_complete < -1 || in->percent_complete > 100))
		return atr_error(db, ATRACK_INVALID, "percent_complete: %d is outside 0..100",
		                 in->percent_complete);
	if ((fields & ATRACK_UPDATE_EDIT_NOTE) && (rc = check_note(db, in->note)) != ATRACK_OK)
		return rc;
	if (fields & ATRACK_UPDATE_EDIT_EVENT_DATE) {
		char today[11];
		atr_today(today);
		if (!in->event_date) {
			memcpy(date, today, 11);
		} else if (!atr_date_valid(in->event_date)) {
			return atr_error(db, ATRACK_INVALID, "event_date: '%s' is not a valid date "
			                 "(YYYY-MM-DD)", in->event_date);
		} else if (strcmp(in->event_date, today) > 0) {
			return atr_error(db, ATRACK_INVALID, "event_date: '%s' is in the future "
			                 "(today is %s, UTC)", in->event_date, today);
		} else {
			memcpy(date, in->event_date, 11);
		}
	}
	if (fields & ATRACK_UPDATE_EDIT_EVIDENCE) {
		size_t bad;
		if (in->evidence_url &&
		    !atr_utf8_valid(in->evidence_url, strlen(in->evidence_url), &bad))
			return atr_error(db, ATRACK_INVALID, "evidence_url: not valid UTF-8 (byte %zu)",
			                 bad);
		if (in->evidence_url && !looks_like_url(in->evidence_url))
			return atr_error(db, ATRACK_INVALID, "evidence_url: '%s' is not a web address "
			                 "(http:// or https://)", in->evidence_url);
		if (in->evidence_document_id < 0)
			return atr_error(db, ATRACK_INVALID, "evidence_document_id: %lld is not an id",
			                 (long long)in->evidence_document_id);
		if (in->evidence_document_id > 0) {
			bool found = false;
			rc = atr_row_exists(db, sql_document_exists, in->evidence_document_id, &found);
			if (rc != ATRACK_OK)
				return rc;
			if (!found)
				return atr_error(db, ATRACK_NOTFOUND, "evidence_document_id: no document %lld",
				                 (long long)in->evidence_document_id);
		}
	}
	return ATRACK_OK;
}

int atr_update_check_version(atrack_db *db, const atrack_update_input *in)
{
	if (in->version == 0 || in->version > ATRACK_UPDATE_INPUT_VERSION)
		return atr_error(db, ATRACK_MISUSE, "atrack_update_input version %u unknown",
		                 in->version);
	return ATRACK_OK;
}
