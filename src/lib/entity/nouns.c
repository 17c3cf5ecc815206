/*
 * nouns.c - the description of every noun the entity engine serves, and of
 * the links between them. Each noun is described once, by an X-macro list
 * of its members; from that list the compiler builds both the member table
 * (public through atrack_fields) and the noun's SQL, as string constants, so
 * that the statement cache can key them by address and no SQL is ever made
 * from a caller's text: values are always bound. The initiative listing's
 * statements are built here too, from the same list. The other files of
 * entity/ read these tables through the lookups at the end; this file calls
 * only kind.c (kinds' names) and the core (errors).
 */
#include "entity_int.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

_Static_assert(sizeof(atrack_initiative) <= ATR_MAX_ROW, "ATR_MAX_ROW too small");
_Static_assert(sizeof(atrack_document) <= ATR_MAX_ROW, "ATR_MAX_ROW too small");

/* Enum vocabularies, with the default first (the schema's DEFAULT). */
static const char *const party_kinds[] = { "country", "organisation", "other", NULL };
static const char *const document_kinds[] = { "other", "fact_sheet", "cited", NULL };
static const char *const framework_kinds[] = {
	"body", "group", "committee", "framework", "partnership", "dialogue", "council",
	"mechanism", "programme", "initiative", "forum", NULL
};
static const char *const focus_area_kinds[] = { "focus", "technology", NULL };


/*
 * Each list below names its members in struct order. W is a writable
 * member: (struct, member, type, flags, referenced kind, choices, bit).
 * R is a derived, read-only one: (struct, member, type, flags, SQL
 * expression over the row `t`).
 */
#define PARTY_FIELDS(W, R) \
	W(atrack_party, slug, SLUG, 0, 0, NULL, ATRACK_PARTY_SLUG) \
	W(atrack_party, name, TEXT, ATRACK_FIELD_REQUIRED, 0, NULL, ATRACK_PARTY_NAME) \
	W(atrack_party, short_name, TEXT, 0, 0, NULL, ATRACK_PARTY_SHORT_NAME) \
	W(atrack_party, kind, ENUM, 0, 0, party_kinds, ATRACK_PARTY_KIND) \
	W(atrack_party, document_id, REF, 0, ATRACK_KIND_DOCUMENT, NULL, ATRACK_PARTY_DOCUMENT) \
	W(atrack_party, source_line, INT, ATRACK_FIELD_ZERO_NONE, 0, NULL, ATRACK_PARTY_SOURCE_LINE)

#define PERSON_FIELDS(W, R) \
	W(atrack_person, slug, SLUG, 0, 0, NULL, ATRACK_PERSON_SLUG) \
	W(atrack_person, name, TEXT, ATRACK_FIELD_REQUIRED, 0, NULL, ATRACK_PERSON_NAME) \
	W(atrack_person, party_id, REF, 0, ATRACK_KIND_PARTY, NULL, ATRACK_PERSON_PARTY) \
	W(atrack_person, document_id, REF, 0, ATRACK_KIND_DOCUMENT, NULL, ATRACK_PERSON_DOCUMENT) \
	W(atrack_person, source_line, INT, ATRACK_FIELD_ZERO_NONE, 0, NULL, ATRACK_PERSON_SOURCE_LINE) \
	R(atrack_person, party_slug, TEXT, 0, "(SELECT slug FROM party WHERE id = t.party_id)")

#define MEETING_FIELDS(W, R) \
	W(atrack_meeting, slug, SLUG, 0, 0, NULL, ATRACK_MEETING_SLUG) \
	W(atrack_meeting, name, TEXT, ATRACK_FIELD_REQUIRED, 0, NULL, ATRACK_MEETING_NAME) \
	W(atrack_meeting, kind, TEXT, ATRACK_FIELD_REQUIRED, 0, NULL, ATRACK_MEETING_KIND) \
	W(atrack_meeting, short_kind, TEXT, 0, 0, NULL, ATRACK_MEETING_SHORT_KIND) \
	W(atrack_meeting, ordinal, INT, ATRACK_FIELD_ZERO_NONE, 0, NULL, ATRACK_MEETING_ORDINAL) \
	W(atrack_meeting, start_date, DATE, 0, 0, NULL, ATRACK_MEETING_START_DATE) \
	W(atrack_meeting, end_date, DATE, 0, 0, NULL, ATRACK_MEETING_END_DATE) \
	W(atrack_meeting, place, TEXT, 0, 0, NULL, ATRACK_MEETING_PLACE) \
	W(atrack_meeting, document_id, REF, 0, ATRACK_KIND_DOCUMENT, NULL, ATRACK_MEETING_DOCUMENT) \
	W(atrack_meeting, source_line, INT, ATRACK_FIELD_ZERO_NONE, 0, NULL, ATRACK_MEETING_SOURCE_LINE)

#define PARTICIPANT_FIELDS(W, R) \
	W(atrack_participant, meeting_id, REF, ATRACK_FIELD_REQUIRED, ATRACK_KIND_MEETING, NULL, ATRACK_PARTICIPANT_MEETING) \
	W(atrack_participant, person_id, REF, ATRACK_FIELD_REQUIRED, ATRACK_KIND_PERSON, NULL, ATRACK_PARTICIPANT_PERSON) \
	W(atrack_participant, role, TEXT, 0, 0, NULL, ATRACK_PARTICIPANT_ROLE) \
	W(atrack_participant, party_id, REF, 0, ATRACK_KIND_PARTY, NULL, ATRACK_PARTICIPANT_PARTY) \
	W(atrack_participant, document_id, REF, 0, ATRACK_KIND_DOCUMENT, NULL, ATRACK_PARTICIPANT_DOCUMENT) \
	R(atrack_participant, meeting_slug, TEXT, 0, "(SELECT slug FROM meeting WHERE id = t.meeting_id)") \
	R(atrack_participant, person_slug, TEXT, 0, "(SELECT slug FROM person WHERE id = t.person_id)") \
	R(atrack_participant, person_name, TEXT, 0, "(SELECT name FROM person WHERE id = t.person_id)") \
	R(atrack_participant, party_slug, TEXT, 0, "(SELECT slug FROM party WHERE id = t.party_id)")

#define DOCUMENT_FIELDS(W, R) \
	W(atrack_document, slug, SLUG, 0, 0, NULL, ATRACK_DOCUMENT_SLUG) \
	W(atrack_document, title, TEXT, ATRACK_FIELD_REQUIRED, 0, NULL, ATRACK_DOCUMENT_TITLE) \
	W(atrack_document, kind, ENUM, 0, 0, document_kinds, ATRACK_DOCUMENT_KIND) \
	W(atrack_document, source, TEXT, 0, 0, NULL, ATRACK_DOCUMENT_SOURCE) \
	W(atrack_document, sha256, TEXT, 0, 0, NULL, ATRACK_DOCUMENT_SHA256) \
	W(atrack_document, body, TEXT, 0, 0, NULL, ATRACK_DOCUMENT_BODY) \
	W(atrack_document, imported_at, TIME, 0, 0, NULL, ATRACK_DOCUMENT_IMPORTED_AT) \
	W(atrack_document, document_id, REF, 0, ATRACK_KIND_DOCUMENT, NULL, ATRACK_DOCUMENT_DOCUMENT) \
	W(atrack_document, source_line, INT, ATRACK_FIELD_ZERO_NONE, 0, NULL, ATRACK_DOCUMENT_SOURCE_LINE) \
	R(atrack_document, byte_size, INT64, ATRACK_FIELD_NEG_NONE, "t.byte_size") \
	R(atrack_document, revision, INT, 0, "t.revision")

#define SECTION_FIELDS(W, R) \
	W(atrack_section, slug, SLUG, 0, 0, NULL, ATRACK_SECTION_SLUG) \
	W(atrack_section, title, TEXT, ATRACK_FIELD_REQUIRED, 0, NULL, ATRACK_SECTION_TITLE) \
	W(atrack_section, heading, TEXT, 0, 0, NULL, ATRACK_SECTION_HEADING) \
	W(atrack_section, lead_in, TEXT, 0, 0, NULL, ATRACK_SECTION_LEAD_IN) \
	W(atrack_section, position, INT, 0, 0, NULL, ATRACK_SECTION_POSITION) \
	W(atrack_section, document_id, REF, 0, ATRACK_KIND_DOCUMENT, NULL, ATRACK_SECTION_DOCUMENT) \
	W(atrack_section, source_line, INT, ATRACK_FIELD_ZERO_NONE, 0, NULL, ATRACK_SECTION_SOURCE_LINE)

#define FRAMEWORK_FIELDS(W, R) \
	W(atrack_framework, slug, SLUG, 0, 0, NULL, ATRACK_FRAMEWORK_SLUG) \
	W(atrack_framework, name, TEXT, ATRACK_FIELD_REQUIRED, 0, NULL, ATRACK_FRAMEWORK_NAME) \
	W(atrack_framework, acronym, TEXT, 0, 0, NULL, ATRACK_FRAMEWORK_ACRONYM) \
	W(atrack_framework, kind, ENUM, 0, 0, framework_kinds, ATRACK_FRAMEWORK_KIND) \
	W(atrack_framework, description, TEXT, 0, 0, NULL, ATRACK_FRAMEWORK_DESCRIPTION) \
	W(atrack_framework, document_id, REF, 0, ATRACK_KIND_DOCUMENT, NULL, ATRACK_FRAMEWORK_DOCUMENT) \
	W(atrack_framework, source_line, INT, ATRACK_FIELD_ZERO_NONE, 0, NULL, ATRACK_FRAMEWORK_SOURCE_LINE)

#define FOCUS_AREA_FIELDS(W, R) \
	W(atrack_focus_area, slug, SLUG, 0, 0, NULL, ATRACK_FOCUS_AREA_SLUG) \
	W(atrack_focus_area, name, TEXT, ATRACK_FIELD_REQUIRED, 0, NULL, ATRACK_FOCUS_AREA_NAME) \
	W(atrack_focus_area, kind, ENUM, 0, 0, focus_area_kinds, ATRACK_FOCUS_AREA_KIND) \
	W(atrack_focus_area, document_id, REF, 0, ATRACK_KIND_DOCUMENT, NULL, ATRACK_FOCUS_AREA_DOCUMENT) \
	W(atrack_focus_area, source_line, INT, ATRACK_FIELD_ZERO_NONE, 0, NULL, ATRACK_FOCUS_AREA_SOURCE_LINE)

#define EXERCISE_FIELDS(W, R) \
	W(atrack_exercise, slug, SLUG, 0, 0, NULL, ATRACK_EXERCISE_SLUG) \
	W(atrack_exercise, name, TEXT, ATRACK_FIELD_REQUIRED, 0, NULL, ATRACK_EXERCISE_NAME) \
	W(atrack_exercise, document_id, REF, 0, ATRACK_KIND_DOCUMENT, NULL, ATRACK_EXERCISE_DOCUMENT) \
	W(atrack_exercise, source_line, INT, ATRACK_FIELD_ZERO_NONE, 0, NULL, ATRACK_EXERCISE_SOURCE_LINE)

/* An initiative's derived members read its row of the view
 * initiative_current (`c`: its row of initiative_status, the copy of its
 * latest update's fields) and the parameters :today and :stale_days. The
 * list filters use the same expressions, so "overdue" means one thing
 * everywhere. */
#define OVERDUE_EXPR \
	"(t.target_date IS NOT NULL AND t.target_date < :today AND NOT coalesce(c.is_terminal, 0))"
#define STALE_EXPR \
	"(NOT coalesce(c.is_terminal, 0) AND julianday(:today) - " \
	"julianday(coalesce(c.last_update_date, date(t.created_at))) >= :stale_days)"

#define INITIATIVE_FIELDS(W, R) \
	W(atrack_initiative, slug, SLUG, 0, 0, NULL, ATRACK_INITIATIVE_SLUG) \
	W(atrack_initiative, title, TEXT, ATRACK_FIELD_REQUIRED, 0, NULL, ATRACK_INITIATIVE_TITLE) \
	W(atrack_initiative, body, TEXT, ATR_FIELD_EMPTY_NOT_NULL, 0, NULL, ATRACK_INITIATIVE_BODY) \
	W(atrack_initiative, section_id, REF, 0, ATRACK_KIND_SECTION, NULL, ATRACK_INITIATIVE_SECTION) \
	W(atrack_initiative, meeting_id, REF, 0, ATRACK_KIND_MEETING, NULL, ATRACK_INITIATIVE_MEETING) \
	W(atrack_initiative, position, INT, 0, 0, NULL, ATRACK_INITIATIVE_POSITION) \
	W(atrack_initiative, target_date, DATE, 0, 0, NULL, ATRACK_INITIATIVE_TARGET_DATE) \
	W(atrack_initiative, review_date, DATE, 0, 0, NULL, ATRACK_INITIATIVE_REVIEW_DATE) \
	W(atrack_initiative, created_at, TIME, 0, 0, NULL, ATRACK_INITIATIVE_CREATED_AT) \
	W(atrack_initiative, document_id, REF, 0, ATRACK_KIND_DOCUMENT, NULL, ATRACK_INITIATIVE_DOCUMENT) \
	W(atrack_initiative, line_start, INT, ATRACK_FIELD_ZERO_NONE, 0, NULL, ATRACK_INITIATIVE_LINE_START) \
	W(atrack_initiative, line_end, INT, ATRACK_FIELD_ZERO_NONE, 0, NULL, ATRACK_INITIATIVE_LINE_END) \
	R(atrack_initiative, status, TEXT, 0, "c.status") \
	R(atrack_initiative, health, TEXT, 0, "c.health") \
	R(atrack_initiative, percent_complete, INT, ATRACK_FIELD_NEG_NONE, "c.percent_complete") \
	R(atrack_initiative, last_update_date, DATE, 0, "c.last_update_date") \
	R(atrack_initiative, days_since_update, INT, ATRACK_FIELD_NEG_NONE, \
	  "CAST(julianday(:today) - julianday(c.last_update_date) AS INTEGER)") \
	R(atrack_initiative, is_terminal, BOOL, 0, "coalesce(c.is_terminal, 0)") \
	R(atrack_initiative, is_overdue, BOOL, 0, OVERDUE_EXPR) \
	R(atrack_initiative, is_stale, BOOL, 0, STALE_EXPR) \
	R(atrack_initiative, section_slug, TEXT, 0, "(SELECT slug FROM section WHERE id = t.section_id)") \
	R(atrack_initiative, meeting_slug, TEXT, 0, "(SELECT slug FROM meeting WHERE id = t.meeting_id)")

/* The member tables. */
#define FIELD_W(T, m, type, flags, ref, choices, bit) \
	{ #m, ATRACK_FIELD_##type, offsetof(T, m), bit, flags, (atrack_kind)(ref), choices },
#define FIELD_R(T, m, type, flags, expr) \
	{ #m, ATRACK_FIELD_##type, offsetof(T, m), 0, (flags) | ATRACK_FIELD_READONLY, (atrack_kind)0, NULL },

/* The SQL pieces. */
#define SEL_W(T, m, ...) ", t." #m
#define SEL_R(T, m, type, flags, expr) ", " expr
#define INS_COL_W(T, m, ...) ", " #m
#define INS_VAL_W(...) ", ?"
#define UPD_W(T, m, ...) ", " #m " = CASE WHEN ? THEN ? ELSE " #m " END"
#define SKIP(...)
/* A list may be narrowed to the rows that refer to one thing. */
#define FILTER_W(T, m, type, ...) FILTER_##type(m)
#define FILTER_REF(m) " AND (:" #m " IS NULL OR t." #m " = :" #m ")"
#define FILTER_SLUG(m)
#define FILTER_TEXT(m)
#define FILTER_DATE(m)
#define FILTER_TIME(m)
#define FILTER_ENUM(m)
#define FILTER_INT(m)

#define LIST_SQL_TAIL(search, order) \
	" AND (:text IS NULL OR instr(lower(" search "), lower(:text)) > 0)" \
	" ORDER BY " order " LIMIT :limit OFFSET :offset"

/* Everything the engine knows of one noun, from its member list. */
#define NOUN(KIND, T, tbl, LIST, slug_from, name_col, label, search, order, from) \
	static const atrack_field tbl##_fields[] = { LIST(FIELD_W, FIELD_R) }; \
	static const atr_noun tbl##_noun = { \
		KIND, #tbl, sizeof(T), tbl##_fields, ATR_ARRAY_SIZE(tbl##_fields), \
		slug_from, name_col, \
		"SELECT t.id" LIST(SEL_W, SEL_R) " FROM " #tbl " AS t" from " WHERE t.id = :id", \
		"SELECT t.id" LIST(SEL_W, SEL_R) " FROM " #tbl " AS t" from " WHERE 1" \
			LIST(FILTER_W, SKIP) LIST_SQL_TAIL(search, order), \
		"INSERT INTO " #tbl " (id" LIST(INS_COL_W, SKIP) ") VALUES (NULL" \
			LIST(INS_VAL_W, SKIP) ")", \
		"UPDATE " #tbl " SET id = id" LIST(UPD_W, SKIP) " WHERE id = ?", \
		"DELETE FROM " #tbl " WHERE id = ?1", \
		"SELECT " label " FROM " #tbl " WHERE id = ?1", \
		"SELECT 1 FROM " #tbl " WHERE " label " = ?1", \
	}; \
	_Static_assert(ATR_ARRAY_SIZE(tbl##_fields) <= ATR_MAX_FIELDS, #tbl ": too many members");

#define INITIATIVE_FROM " JOIN initiative_current AS c ON c.initiative_id = t.id"
/* What an initiative's text filter reads, and its default order; the
 * filtered listing below uses the same. */
#define INITIATIVE_SEARCH "t.title || ' ' || t.body || ' ' || t.slug"
#define INITIATIVE_ORDER_POSITION \
	"t.section_id IS NULL, (SELECT s.position FROM section AS s WHERE s.id = t.section_id), " \
	"t.position, t.id"

NOUN(ATRACK_KIND_PARTY, atrack_party, party, PARTY_FIELDS, "name", "name", "slug",
     "t.name || ' ' || coalesce(t.short_name, '') || ' ' || t.slug", "t.name, t.id", "")
NOUN(ATRACK_KIND_PERSON, atrack_person, person, PERSON_FIELDS, "name", "name", "slug",
     "t.name || ' ' || t.slug", "t.name, t.id", "")
NOUN(ATRACK_KIND_MEETING, atrack_meeting, meeting, MEETING_FIELDS, "name", "name", "slug",
     "t.name || ' ' || t.slug", "t.start_date IS NULL, t.start_date, t.id", "")
NOUN(ATRACK_KIND_PARTICIPANT, atrack_participant, meeting_person, PARTICIPANT_FIELDS,
     NULL, "role", "'#' || id", "coalesce(t.role, '')", "t.meeting_id, t.id", "")
NOUN(ATRACK_KIND_DOCUMENT, atrack_document, document, DOCUMENT_FIELDS, "title", "title", "slug",
     "t.title || ' ' || t.slug", "t.title, t.id", "")
NOUN(ATRACK_KIND_SECTION, atrack_section, section, SECTION_FIELDS, "title", "title", "slug",
     "t.title || ' ' || t.slug", "t.position, t.id", "")
NOUN(ATRACK_KIND_FRAMEWORK, atrack_framework, framework, FRAMEWORK_FIELDS, "name", "name", "slug",
     "t.name || ' ' || coalesce(t.acronym, '') || ' ' || t.slug", "t.name, t.id", "")
NOUN(ATRACK_KIND_FOCUS_AREA, atrack_focus_area, focus_area, FOCUS_AREA_FIELDS, "name", "name",
     "slug", "t.name || ' ' || t.slug", "t.name, t.id", "")
NOUN(ATRACK_KIND_EXERCISE, atrack_exercise, exercise, EXERCISE_FIELDS, "name", "name", "slug",
     "t.name || ' ' || t.slug", "t.name, t.id", "")
NOUN(ATRACK_KIND_INITIATIVE, atrack_initiative, initiative, INITIATIVE_FIELDS, "title", "title",
     "slug", INITIATIVE_SEARCH, INITIATIVE_ORDER_POSITION, INITIATIVE_FROM)

static const atr_noun *const nouns[] = {
	&party_noun, &person_noun, &meeting_noun, &meeting_person_noun, &document_noun,
	&section_noun, &initiative_noun, &framework_noun, &focus_area_noun, &exercise_noun,
};

/* The links between things: each a table with two references. */
#define LINK(A, B, tbl, ca, cb) \
	{ A, B, tbl, ca, cb, "INSERT INTO " tbl " (" ca ", " cb ") VALUES (?1, ?2)", \
	  "DELETE FROM " tbl " WHERE " ca " = ?1 AND " cb " = ?2" }

static const atr_link links[] = {
	LINK(ATRACK_KIND_INITIATIVE, ATRACK_KIND_FRAMEWORK, "initiative_framework",
	     "initiative_id", "framework_id"),
	LINK(ATRACK_KIND_INITIATIVE, ATRACK_KIND_PARTY, "initiative_party",
	     "initiative_id", "party_id"),
	LINK(ATRACK_KIND_INITIATIVE, ATRACK_KIND_EXERCISE, "initiative_exercise",
	     "initiative_id", "exercise_id"),
	LINK(ATRACK_KIND_INITIATIVE, ATRACK_KIND_DOCUMENT, "initiative_document",
	     "initiative_id", "cited_id"),
	LINK(ATRACK_KIND_INITIATIVE, ATRACK_KIND_FOCUS_AREA, "initiative_focus_area",
	     "initiative_id", "focus_area_id"),
	LINK(ATRACK_KIND_FRAMEWORK, ATRACK_KIND_FOCUS_AREA, "framework_focus_area",
	     "framework_id", "focus_area_id"),
	LINK(ATRACK_KIND_MEETING, ATRACK_KIND_DOCUMENT, "meeting_document",
	     "meeting_id", "document_id"),
};


/* ---- The initiative listing ---------------------------------------------- */

#define INITIATIVE_LIST_SQL(order) \
	"SELECT t.id" INITIATIVE_FIELDS(SEL_W, SEL_R) " FROM initiative AS t" INITIATIVE_FROM \
	" WHERE (:section IS NULL OR t.section_id = :section)" \
	" AND (:meeting IS NULL OR t.meeting_id = :meeting)" \
	" AND (:framework IS NULL OR EXISTS (SELECT 1 FROM initiative_framework AS l" \
	"      WHERE l.initiative_id = t.id AND l.framework_id = :framework))" \
	" AND (:party IS NULL OR EXISTS (SELECT 1 FROM initiative_party AS l" \
	"      WHERE l.initiative_id = t.id AND l.party_id = :party))" \
	" AND (:status IS NULL OR c.status = :status)" \
	" AND (:health IS NULL OR c.health = :health)" \
	" AND (:stale_only IS NULL OR " STALE_EXPR ")" \
	" AND (:overdue_only IS NULL OR " OVERDUE_EXPR ")" \
	LIST_SQL_TAIL(INITIATIVE_SEARCH, order)

/* One constant statement per order, indexed by atrack_initiative_order. */
static const char *const initiative_list_sql[] = {
	INITIATIVE_LIST_SQL(INITIATIVE_ORDER_POSITION),
	INITIATIVE_LIST_SQL("t.title COLLATE NOCASE, t.id"),
	INITIATIVE_LIST_SQL("c.last_update_date IS NOT NULL, c.last_update_date, t.id"),
	INITIATIVE_LIST_SQL("(SELECT s.sort_order FROM status_code AS s WHERE s.code = c.status) "
	                    "IS NOT NULL, (SELECT s.sort_order FROM status_code AS s "
	                    "WHERE s.code = c.status), t.id"),
	/* By meeting: the earliest first, those of none last; then as by position. */
	INITIATIVE_LIST_SQL("t.meeting_id IS NULL, (SELECT m.start_date FROM meeting AS m "
	                    "WHERE m.id = t.meeting_id), t.meeting_id, " INITIATIVE_ORDER_POSITION),
};

const char *atr_noun_initiative_list_sql(atrack_initiative_order order)
{
	if ((unsigned int)order >= ATR_ARRAY_SIZE(initiative_list_sql))
		return NULL;
	return initiative_list_sql[order];
}

/* ---- Looking them up ------------------------------------------------------ */

const atr_noun *atr_noun_of(atrack_kind kind)
{
	for (size_t i = 0; i < ATR_ARRAY_SIZE(nouns); i++)
		if (nouns[i]->kind == kind)
			return nouns[i];
	return NULL;
}

const atr_noun *atr_noun_of_table(const char *table)
{
	for (size_t i = 0; i < ATR_ARRAY_SIZE(nouns); i++)
		if (strcmp(nouns[i]->table, table) == 0)
			return nouns[i];
	return NULL;
}

const atr_link *atr_noun_links(size_t *out_count)
{
	*out_count = ATR_ARRAY_SIZE(links);
	return links;
}

const atrack_field *atrack_fields(atrack_kind kind, size_t *out_count)
{
	const atr_noun *n = atr_noun_of(kind);
	if (out_count)
		*out_count = n ? n->field_count : 0;
	return n ? n->fields : NULL;
}

size_t atrack_entity_size(atrack_kind kind)
{
	const atr_noun *n = atr_noun_of(kind);
	return n ? n->size : 0;
}

const char *atr_noun_kind_label(atrack_kind kind, char buf[32])
{
	const char *name = atrack_kind_name(kind);
	snprintf(buf, 32, "%s", name ? name : "thing");
	for (char *p = buf; *p; p++)
		if (*p == '_')
			*p = ' ';
	return buf;
}

int atr_noun_enter(atrack_db *db, atrack_kind kind, const char *needed, const void *given,
                   const atr_noun **out)
{
	if (!atr_db_usable(db))
		return atr_misuse(db, atrack_kind_name(kind) ? atrack_kind_name(kind) : "atrack");
	atr_clear_error(db);
	*out = atr_noun_of(kind);
	if (!*out)
		return atr_error(db, ATRACK_MISUSE, "kind %d has no struct", (int)kind);
	if (needed && !given)
		return atr_error(db, ATRACK_MISUSE, "no %s (NULL)", needed);
	return ATRACK_OK;
}
