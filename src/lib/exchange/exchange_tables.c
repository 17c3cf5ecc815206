/*
 * exchange_tables.c - what the JSON export format holds, table by table:
 * each array of the document, the table behind it, its columns with their
 * JSON types, which columns refer to which table (written as that table's
 * slug or code, never as an id), and the natural key an import matches
 * rows by. Export and import are both driven by this one description, so
 * a column added to the schema is added here once.
 */
#include "exchange_int.h"

#define TEXT(c, req) { c, c, XT_TEXT, req, 0, true }
#define INT(c, req) { c, c, XT_INT, req, 0, true }
#define BOOL(c) { c, c, XT_BOOL, true, 0, true }
#define DATE(c, req) { c, c, XT_DATE, req, 0, true }
#define TIME(c, req) { c, c, XT_TIME, req, 0, true }
#define REF(c, f, t, req) { c, f, XT_REF, req, t, true }
/* Provenance of a copy, not content: carried through, never a conflict. */
#define STAMP(c, req) { c, c, XT_TEXT, req, 0, false }
#define TIME_STAMP(c, req) { c, c, XT_TIME, req, 0, false }
#define PROVENANCE REF("document_id", "document", XT_DOCUMENT, false)

const xt_table xt_tables[XT_COUNT] = {
	[XT_STATUS] = { "status_code", "status_codes", "status code", "code", {
		TEXT("code", true), TEXT("label", true), INT("sort_order", true),
		BOOL("is_terminal"), BOOL("is_builtin") }, 5, { 0 }, 1 },
	[XT_DOCUMENT] = { "document", "documents", "document", "slug", {
		TEXT("slug", true), TEXT("title", true), TEXT("kind", true), STAMP("source", false),
		TEXT("sha256", false), INT("byte_size", false), TEXT("body", false),
		INT("revision", true), TIME_STAMP("imported_at", false), PROVENANCE,
		INT("source_line", false) }, 11, { 0 }, 1 },
	/* An earlier text of a document: what a revision replaced. */
	[XT_DOCUMENT_TEXT] = { "document_text", "document_texts", "earlier document text", NULL, {
		REF("document_id", "document", XT_DOCUMENT, true), INT("revision", true),
		STAMP("source", false), TEXT("sha256", true), INT("byte_size", true),
		TEXT("body", true), TIME_STAMP("imported_at", false) }, 7, { 0, 1 }, 2 },
	[XT_PARTY] = { "party", "parties", "party", "slug", {
		TEXT("slug", true), TEXT("name", true), TEXT("short_name", false),
		TEXT("kind", true), PROVENANCE, INT("source_line", false) }, 6, { 0 }, 1 },
	/* A party a document names, and its role there: party or mentioned. */
	[XT_DOCUMENT_PARTY] = { "document_party", "document_parties", "document party", NULL, {
		REF("document_id", "document", XT_DOCUMENT, true),
		REF("party_id", "party", XT_PARTY, true), TEXT("role", true) }, 3, { 0, 1 }, 2 },
	[XT_PERSON] = { "person", "people", "person", "slug", {
		TEXT("slug", true), TEXT("name", true), REF("party_id", "party", XT_PARTY, false),
		PROVENANCE, INT("source_line", false) }, 5, { 0 }, 1 },
	[XT_MEETING] = { "meeting", "meetings", "meeting", "slug", {
		TEXT("slug", true), TEXT("name", true), TEXT("kind", true), TEXT("short_kind", false),
		INT("ordinal", false), DATE("start_date", false), DATE("end_date", false),
		TEXT("place", false), PROVENANCE, INT("source_line", false) }, 10, { 0 }, 1 },
	[XT_PARTICIPANT] = { "meeting_person", "participants", "participant", NULL, {
		REF("meeting_id", "meeting", XT_MEETING, true),
		REF("person_id", "person", XT_PERSON, true), TEXT("role", false),
		REF("party_id", "party", XT_PARTY, false), PROVENANCE }, 5, { 0, 1 }, 2 },
	[XT_MEETING_DOCUMENT] = { "meeting_document", "meeting_documents", "meeting document", NULL, {
		REF("meeting_id", "meeting", XT_MEETING, true),
		REF("document_id", "document", XT_DOCUMENT, true) }, 2, { 0, 1 }, 2 },
	[XT_SECTION] = { "section", "sections", "section", "slug", {
		TEXT("slug", true), TEXT("title", true), TEXT("heading", false),
		TEXT("lead_in", false), INT("position", true), PROVENANCE,
		INT("source_line", false) }, 7, { 0 }, 1 },
	[XT_FRAMEWORK] = { "framework", "frameworks", "framework", "slug", {
		TEXT("slug", true), TEXT("name", true), TEXT("acronym", false), TEXT("kind", true),
		TEXT("description", false), PROVENANCE, INT("source_line", false) }, 7, { 0 }, 1 },
	[XT_FOCUS_AREA] = { "focus_area", "focus_areas", "focus area", "slug", {
		TEXT("slug", true), TEXT("name", true), TEXT("kind", true), PROVENANCE,
		INT("source_line", false) }, 5, { 0 }, 1 },
	[XT_EXERCISE] = { "exercise", "exercises", "exercise", "slug", {
		TEXT("slug", true), TEXT("name", true), PROVENANCE,
		INT("source_line", false) }, 4, { 0 }, 1 },
	[XT_INITIATIVE] = { "initiative", "initiatives", "initiative", "slug", {
		TEXT("slug", true), TEXT("title", true), TEXT("body", true),
		REF("section_id", "section", XT_SECTION, false),
		REF("meeting_id", "meeting", XT_MEETING, false), INT("position", true),
		DATE("target_date", false), DATE("review_date", false), TIME_STAMP("created_at", true),
		PROVENANCE, INT("line_start", false), INT("line_end", false) }, 12, { 0 }, 1 },
	[XT_FRAMEWORK_FOCUS_AREA] = { "framework_focus_area", "framework_focus_areas",
		"framework focus area", NULL, {
		REF("framework_id", "framework", XT_FRAMEWORK, true),
		REF("focus_area_id", "focus_area", XT_FOCUS_AREA, true), PROVENANCE }, 3, { 0, 1 }, 2 },
	[XT_INITIATIVE_FRAMEWORK] = { "initiative_framework", "initiative_frameworks",
		"initiative framework", NULL, {
		REF("initiative_id", "initiative", XT_INITIATIVE, true),
		REF("framework_id", "framework", XT_FRAMEWORK, true), PROVENANCE }, 3, { 0, 1 }, 2 },
	[XT_INITIATIVE_PARTY] = { "initiative_party", "initiative_parties",
		"initiative party", NULL, {
		REF("initiative_id", "initiative", XT_INITIATIVE, true),
		REF("party_id", "party", XT_PARTY, true), PROVENANCE }, 3, { 0, 1 }, 2 },
	[XT_INITIATIVE_EXERCISE] = { "initiative_exercise", "initiative_exercises",
		"initiative exercise", NULL, {
		REF("initiative_id", "initiative", XT_INITIATIVE, true),
		REF("exercise_id", "exercise", XT_EXERCISE, true), PROVENANCE }, 3, { 0, 1 }, 2 },
	[XT_INITIATIVE_DOCUMENT] = { "initiative_document", "initiative_documents",
		"initiative document", NULL, {
		REF("initiative_id", "initiative", XT_INITIATIVE, true),
		REF("cited_id", "cited", XT_DOCUMENT, true), PROVENANCE }, 3, { 0, 1 }, 2 },
	[XT_INITIATIVE_FOCUS_AREA] = { "initiative_focus_area", "initiative_focus_areas",
		"initiative focus area", NULL, {
		REF("initiative_id", "initiative", XT_INITIATIVE, true),
		REF("focus_area_id", "focus_area", XT_FOCUS_AREA, true), PROVENANCE }, 3, { 0, 1 }, 2 },
	/* An update is what happened (initiative, day, status) and when it was
	 * written down: two updates alike in all four are one. */
	[XT_UPDATE] = { "progress_update", "progress_updates", "progress update", NULL, {
		REF("initiative_id", "initiative", XT_INITIATIVE, true),
		REF("status_id", "status", XT_STATUS, true), TEXT("health", false),
		INT("percent_complete", false), TEXT("note", false), TEXT("author", true),
		DATE("event_date", true), TIME("recorded_at", true), TEXT("evidence_url", false),
		REF("evidence_document_id", "evidence_document", XT_DOCUMENT, false),
		BOOL("is_reopen") }, 11, { 0, 6, 7, 1 }, 4 },
	/* Exported on request only; an import skips it (see exchange.h). */
	[XT_AUDIT] = { "audit_log", "audit_log", "audit log entry", NULL, {
		TEXT("at", true), TEXT("author", true), TEXT("table_name", true),
		INT("row_id", true), TEXT("action", true), TEXT("before_json", false),
		TEXT("after_json", false) }, 7, { 0 }, 0 },
};

char *xt_select_sql(const xt_table *t, bool by_id)
{
	/* Names come from the table above, never from input. */
	atr_buf b = ATR_BUF_INIT;
	atr_buf_puts(&b, "SELECT t.id");
	for (size_t i = 0; i < t->column_count; i++) {
		const xt_column *c = &t->columns[i];
		if (c->type == XT_REF) {
			const xt_table *r = &xt_tables[c->ref];
			atr_buf_printf(&b, ", (SELECT r.%s FROM %s AS r WHERE r.id = t.%s), t.%s",
			               r->key_column, r->table, c->column, c->column);
		} else {
			atr_buf_printf(&b, ", t.%s, NULL", c->column);
		}
	}
	atr_buf_printf(&b, " FROM %s AS t %s", t->table, by_id ? "WHERE t.id = ?1" : "ORDER BY t.id");
	return atr_buf_detach(&b);
}

int xt_row_json(atrack_db *db, const xt_table *t, sqlite3_stmt *stmt, json_t **out)
{
	*out = NULL;
	json_t *row = json_object();
	if (!row)
		return atr_error(db, ATRACK_NOMEM, "out of memory");
	for (size_t i = 0; i < t->column_count; i++) {
		const xt_column *c = &t->columns[i];
		int at = 1 + 2 * (int)i;
		json_t *value;
		if (sqlite3_column_type(stmt, at) == SQLITE_NULL) {
			if (c->type == XT_REF && sqlite3_column_type(stmt, at + 1) != SQLITE_NULL) {
				long long id = sqlite3_column_int64(stmt, 0);
				long long target = sqlite3_column_int64(stmt, at + 1);
				json_decref(row);
				return atr_error(db, ATRACK_CORRUPT, "%s %lld: %s refers to %s %lld, which "
				                 "is not there (see 'atrack check')", t->table, id,
				                 c->column, xt_tables[c->ref].table, target);
			}
			value = json_null();
		} else if (c->type == XT_INT) {
			value = json_integer(sqlite3_column_int64(stmt, at));
		} else if (c->type == XT_BOOL) {
			value = json_boolean(sqlite3_column_int64(stmt, at) != 0);
		} else {
			const char *text = atr_column_text(stmt, at);
			size_t len = (size_t)sqlite3_column_bytes(stmt, at);
			value = text ? json_stringn(text, len) : NULL;
			if (text && !value && !atr_utf8_valid(text, len, NULL)) {
				/* JSON cannot carry it; say which row rather than fail vaguely. */
				long long id = sqlite3_column_int64(stmt, 0);
				json_decref(row);
				return atr_error(db, ATRACK_INVALID, "%s %lld: %s is not valid UTF-8",
				                 t->table, id, c->column);
			}
		}
		if (!value || json_object_set_new(row, c->field, value) != 0) {
			json_decref(row);
			return atr_error(db, ATRACK_NOMEM, "out of memory");
		}
	}
	*out = row;
	return ATRACK_OK;
}
