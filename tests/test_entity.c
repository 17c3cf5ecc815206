/*
 * test_entity.c - the create, read, update, delete and list functions of
 * every noun, slugs, validation messages, refusal and cascade of deletes
 * (nothing left dangling), the audit log, the initiative list's filters,
 * paging and derived status, links, and out-of-memory at every allocation.
 */
#include "testutil.h"

#include "atrack_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static atrack_db *db;

static void setup(void)
{
	db = tu_memory_db();
}

static void teardown(void)
{
	atrack_close(db);
	db = NULL;
}

#define OK(call) ck_assert_msg((call) == ATRACK_OK, "%s: %s", #call, atrack_errmsg(db))

static long long count(const char *sql)
{
	return tu_query_int(db, sql);
}

/* Nothing dangles: PRAGMA foreign_key_check has no rows. */
static void assert_no_dangling(void)
{
	sqlite3_stmt *stmt = NULL;
	ck_assert_int_eq(sqlite3_prepare_v2(db->sql, "PRAGMA foreign_key_check", -1, &stmt, NULL),
	                 SQLITE_OK);
	int src = sqlite3_step(stmt);
	ck_assert_msg(src == SQLITE_DONE, "dangling reference in %s",
	              src == SQLITE_ROW ? (const char *)sqlite3_column_text(stmt, 0) : "?");
	sqlite3_finalize(stmt);
}

static void assert_error(int rc, int expected_rc, const char *expected_msg)
{
	ck_assert_int_eq(rc, expected_rc);
	ck_assert_str_eq(atrack_errmsg(db), expected_msg);
}

static int64_t add_party(const char *name, const char *slug)
{
	atrack_party p = { 0 };
	p.name = name;
	p.slug = slug;
	int64_t id = 0;
	OK(atrack_party_add(db, &p, &id));
	return id;
}

static int64_t add_framework(const char *name)
{
	atrack_framework f = { 0 };
	f.name = name;
	int64_t id = 0;
	OK(atrack_framework_add(db, &f, &id));
	return id;
}

static int64_t add_section(const char *title, int position)
{
	atrack_section s = { 0 };
	s.title = title;
	s.position = position;
	int64_t id = 0;
	OK(atrack_section_add(db, &s, &id));
	return id;
}

static int64_t add_initiative(const char *title, int64_t section, const char *target)
{
	atrack_initiative in = { 0 };
	in.title = title;
	in.section_id = section;
	in.target_date = target;
	in.created_at = "2024-10-30T09:00:00.000Z";
	int64_t id = 0;
	OK(atrack_initiative_add(db, &in, &id));
	return id;
}

/* A progress update, written directly: that API belongs to another part. */
static void add_update(int64_t initiative, const char *status, const char *health,
                       const char *date)
{
	char sql[512];
	snprintf(sql, sizeof sql, "INSERT INTO progress_update (initiative_id, status_id, health, "
	         "author, event_date, recorded_at) VALUES (%lld, (SELECT id FROM status_code "
	         "WHERE code = '%s'), %s%s%s, 'tester', '%s', '%sT00:00:00.000Z')",
	         (long long)initiative, status, health ? "'" : "", health ? health : "NULL",
	         health ? "'" : "", date, date);
	char *err = NULL;
	ck_assert_msg(sqlite3_exec(db->sql, sql, NULL, NULL, &err) == SQLITE_OK, "%s", err);
}

/* ---- Every noun: add, get, edit, list, delete ---------------------------- */

/* One row per noun: a struct filled by `fill`, the member a test edits. */
typedef struct noun_case {
	atrack_kind kind;
	const char *table;
	void (*fill)(void *in);
	const char *slug;         /* expected derived slug */
	unsigned int edit_bit;
	size_t edit_offset;       /* of a const char * member */
} noun_case;

static void fill_party(void *p) { ((atrack_party *)p)->name = "Republic of Korea"; }
static void fill_person(void *p) { ((atrack_person *)p)->name = "Kim Yong Hyun"; }
static void fill_meeting(void *p)
{
	atrack_meeting *m = p;
	m->name = "56th Security Consultative Meeting";
	m->kind = "Security Consultative Meeting";
	m->start_date = "2024-10-30";
}
static void fill_document(void *p) { ((atrack_document *)p)->title = "SCM 56 Fact Sheet"; }
static void fill_section(void *p) { ((atrack_section *)p)->title = "Enhancing Extended Deterrence"; }
static void fill_framework(void *p) { ((atrack_framework *)p)->name = "Nuclear Consultative Group"; }
static void fill_focus_area(void *p) { ((atrack_focus_area *)p)->name = "Maritime Security"; }
static void fill_exercise(void *p) { ((atrack_exercise *)p)->name = "Freedom Shield"; }
static void fill_initiative(void *p) { ((atrack_initiative *)p)->title = "NCG workstreams"; }

static const noun_case noun_cases[] = {
	{ ATRACK_KIND_PARTY, "party", fill_party, "republic-of-korea",
	  ATRACK_PARTY_NAME, offsetof(atrack_party, name) },
	{ ATRACK_KIND_PERSON, "person", fill_person, "kim-yong-hyun",
	  ATRACK_PERSON_NAME, offsetof(atrack_person, name) },
	{ ATRACK_KIND_MEETING, "meeting", fill_meeting, "56th-security-consultative-meeting",
	  ATRACK_MEETING_PLACE, offsetof(atrack_meeting, place) },
	{ ATRACK_KIND_DOCUMENT, "document", fill_document, "scm-56-fact-sheet",
	  ATRACK_DOCUMENT_SOURCE, offsetof(atrack_document, source) },
	{ ATRACK_KIND_SECTION, "section", fill_section, "enhancing-extended-deterrence",
	  ATRACK_SECTION_HEADING, offsetof(atrack_section, heading) },
	{ ATRACK_KIND_FRAMEWORK, "framework", fill_framework, "nuclear-consultative-group",
	  ATRACK_FRAMEWORK_ACRONYM, offsetof(atrack_framework, acronym) },
	{ ATRACK_KIND_FOCUS_AREA, "focus_area", fill_focus_area, "maritime-security",
	  ATRACK_FOCUS_AREA_NAME, offsetof(atrack_focus_area, name) },
	{ ATRACK_KIND_EXERCISE, "exercise", fill_exercise, "freedom-shield",
	  ATRACK_EXERCISE_NAME, offsetof(atrack_exercise, name) },
	{ ATRACK_KIND_INITIATIVE, "initiative", fill_initiative, "ncg-workstreams",
	  ATRACK_INITIATIVE_BODY, offsetof(atrack_initiative, body) },
};

START_TEST(test_noun_crud)
{
	const noun_case *c = &noun_cases[_i];
	char in[512];
	memset(in, 0, sizeof in);
	c->fill(in);
	int64_t id = 0;
	OK(atrack_entity_add(db, c->kind, in, &id));
	ck_assert_int_gt(id, 0);

	/* Read back by id, and by the derived slug. */
	void *got = NULL;
	OK(atrack_entity_get(db, c->kind, id, &got));
	ck_assert_int_eq(*(int64_t *)got, id);
	size_t n;
	const atrack_field *fields = atrack_fields(c->kind, &n);
	ck_assert_ptr_nonnull(fields);
	ck_assert_int_eq(fields[0].type, ATRACK_FIELD_SLUG);
	const char *slug = *(const char **)((char *)got + fields[0].offset);
	ck_assert_str_eq(slug, c->slug);
	int64_t resolved = 0;
	OK(atrack_resolve(db, c->kind, c->slug, &resolved));
	ck_assert_int_eq(resolved, id);
	atrack_entity_free(got);

	/* Edit one member; only it changes. */
	memset(in, 0, sizeof in);
	*(const char **)(in + c->edit_offset) = "Edited ünïcode";
	OK(atrack_entity_edit(db, c->kind, id, in, c->edit_bit));
	OK(atrack_entity_get(db, c->kind, id, &got));
	ck_assert_str_eq(*(const char **)((char *)got + c->edit_offset), "Edited ünïcode");
	ck_assert_str_eq(*(const char **)((char *)got + fields[0].offset), c->slug);
	atrack_entity_free(got);

	/* List: the rows stream through the generic and the typed accessor. */
	atrack_iter *it = NULL;
	OK(atrack_entity_list(db, c->kind, NULL, &it));
	int rows = 0;
	while (atrack_iter_next(it) == ATRACK_OK) {
		ck_assert_ptr_nonnull(atrack_iter_entity(it));
		rows++;
	}
	ck_assert_int_eq(rows, 1);
	ck_assert_int_eq(atrack_iter_kind(it), c->kind);
	atrack_iter_free(it);

	/* Audit: an insert and an update (at least) for this table. */
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM audit_log WHERE table_name = '%s' "
	         "AND row_id = %lld", c->table, (long long)id);
	ck_assert_int_eq(count(sql), 2);

	/* Delete, then it is gone, and so is the audit's row image. An
	 * initiative has its first status, which goes with it. */
	OK(atrack_entity_delete(db, c->kind, id,
	                        c->kind == ATRACK_KIND_INITIATIVE ? ATRACK_DELETE_CASCADE : 0));
	ck_assert_int_eq(atrack_entity_get(db, c->kind, id, &got), ATRACK_NOTFOUND);
	ck_assert_ptr_null(got);
	ck_assert_int_eq(count(sql), 3);
	ck_assert_int_eq(atrack_entity_delete(db, c->kind, id, 0), ATRACK_NOTFOUND);
	assert_no_dangling();
}
END_TEST

START_TEST(test_typed_party)
{
	atrack_party in = { 0 };
	in.name = "United States";
	in.short_name = "U.S.";
	in.slug = "us";
	int64_t id;
	OK(atrack_party_add(db, &in, &id));
	atrack_party *p = NULL;
	OK(atrack_party_get(db, id, &p));
	ck_assert_str_eq(p->slug, "us");
	ck_assert_str_eq(p->short_name, "U.S.");
	ck_assert_str_eq(p->kind, "country");
	ck_assert_int_eq(p->document_id, 0);
	ck_assert_int_eq(p->source_line, 0);
	atrack_party_free(p);
	atrack_party_free(NULL);

	atrack_party ed = { 0 };
	ed.kind = "organisation";
	OK(atrack_party_edit(db, id, &ed, ATRACK_PARTY_KIND | ATRACK_PARTY_SHORT_NAME));
	OK(atrack_party_get(db, id, &p));
	ck_assert_str_eq(p->kind, "organisation");
	ck_assert_ptr_null(p->short_name);
	atrack_party_free(p);

	atrack_iter *it;
	OK(atrack_party_list(db, NULL, &it));
	ck_assert_int_eq(atrack_iter_next(it), ATRACK_OK);
	ck_assert_str_eq(atrack_iter_party(it)->name, "United States");
	ck_assert_ptr_null(atrack_iter_framework(it));
	ck_assert_int_eq(atrack_iter_next(it), ATRACK_DONE);
	ck_assert_int_eq(atrack_iter_next(it), ATRACK_DONE);
	atrack_iter_free(it);
}
END_TEST

/* Add a thing of `kind` with only its name (its second member) and
 * return the slug it was given. */
static char *slug_of_new(atrack_kind kind, const char *name)
{
	static char slug[128];
	size_t n;
	const atrack_field *fields = atrack_fields(kind, &n);
	char in[512];
	memset(in, 0, sizeof in);
	*(const char **)(in + fields[1].offset) = name;
	int64_t id;
	OK(atrack_entity_add(db, kind, in, &id));
	void *got;
	OK(atrack_entity_get(db, kind, id, &got));
	snprintf(slug, sizeof slug, "%s", *(const char **)((char *)got + fields[0].offset));
	atrack_entity_free(got);
	return slug;
}

START_TEST(test_slug_derivation_and_uniqueness)
{
	static const struct { atrack_kind kind; const char *name, *slug; } cases[] = {
		{ ATRACK_KIND_FRAMEWORK, "Nuclear Consultative Group", "nuclear-consultative-group" },
		{ ATRACK_KIND_FRAMEWORK, "Nuclear  Consultative  Group!", "nuclear-consultative-group-2" },
		{ ATRACK_KIND_FRAMEWORK, "Nuclear Consultative Group?", "nuclear-consultative-group-3" },
		{ ATRACK_KIND_PARTY, "Ministers\u2019 Meeting", "ministers-meeting" },
		/* Digits only would read as an id; nothing sluggable at all. */
		{ ATRACK_KIND_EXERCISE, "2024", "exercise-2024" },
		{ ATRACK_KIND_EXERCISE, "\u2014", "exercise" },
		{ ATRACK_KIND_FOCUS_AREA, "!!", "focus-area" },
		{ ATRACK_KIND_SECTION, "\uD55C\uAD6D Korea", "korea" },
	};
	for (size_t i = 0; i < ATR_ARRAY_SIZE(cases); i++)
		ck_assert_str_eq(slug_of_new(cases[i].kind, cases[i].name), cases[i].slug);
}
END_TEST

START_TEST(test_bad_input_names_the_field)
{
	int64_t sec = add_section("Deterrence", 1);
	atrack_initiative in = { 0 };
	in.title = "X";
	in.target_date = "2024-02-30";
	assert_error(atrack_initiative_add(db, &in, NULL), ATRACK_INVALID,
	             "target_date: '2024-02-30' is not a valid date (YYYY-MM-DD)");
	in.target_date = NULL;
	in.review_date = "2024-13-01";
	assert_error(atrack_initiative_add(db, &in, NULL), ATRACK_INVALID,
	             "review_date: '2024-13-01' is not a valid date (YYYY-MM-DD)");
	in.review_date = NULL;
	in.section_id = 99;
	assert_error(atrack_initiative_add(db, &in, NULL), ATRACK_NOTFOUND, "section: no section 99");
	in.section_id = sec;
	in.title = "";
	assert_error(atrack_initiative_add(db, &in, NULL), ATRACK_INVALID, "title: must not be empty");
	in.title = "X";
	in.slug = "Bad Slug";
	assert_error(atrack_initiative_add(db, &in, NULL), ATRACK_INVALID,
	             "slug: 'Bad Slug' is not valid (lower-case letters, digits and '-', not digits only)");
	in.slug = "123";
	ck_assert_int_eq(atrack_initiative_add(db, &in, NULL), ATRACK_INVALID);
	in.slug = NULL;
	in.line_start = -3;
	assert_error(atrack_initiative_add(db, &in, NULL), ATRACK_INVALID,
	             "line_start: -3 is not allowed (1 or more, or 0 for none)");
	in.line_start = 0;
	in.title = "\xff\xfe";
	assert_error(atrack_initiative_add(db, &in, NULL), ATRACK_INVALID, "title: not valid UTF-8");

	atrack_party p = { 0 };
	p.name = "Japan";
	p.kind = "planet";
	assert_error(atrack_party_add(db, &p, NULL), ATRACK_INVALID,
	             "kind: 'planet' is not one of country, organisation, other");
	p.kind = NULL;
	p.slug = "jp";
	OK(atrack_party_add(db, &p, NULL));
	p.name = "Nippon";
	assert_error(atrack_party_add(db, &p, NULL), ATRACK_CONFLICT,
	             "slug: party 'jp' already exists");
	p.name = "Japan";
	p.slug = "jp2";
	assert_error(atrack_party_add(db, &p, NULL), ATRACK_CONFLICT,
	             "name: party 'Japan' already exists");

	atrack_meeting m = { 0 };
	m.name = "SCM";
	assert_error(atrack_meeting_add(db, &m, NULL), ATRACK_INVALID, "kind: must not be empty");
	m.kind = "SCM";
	m.start_date = "2024-10-31";
	m.end_date = "2024-10-30";
	ck_assert_int_eq(atrack_meeting_add(db, &m, NULL), ATRACK_INVALID);
	ck_assert_ptr_nonnull(strstr(atrack_errmsg(db), "meeting: rejected by the schema"));

	atrack_participant pt = { 0 };
	assert_error(atrack_participant_add(db, &pt, NULL), ATRACK_INVALID, "meeting: is required");

	/* Edits: a missing row, a bad value; nothing written either way. */
	int64_t id = add_initiative("Real", sec, NULL);
	atrack_initiative ed = { 0 };
	ed.target_date = "2025-02-29";
	assert_error(atrack_initiative_edit(db, id, &ed, ATRACK_INITIATIVE_TARGET_DATE),
	             ATRACK_INVALID, "target_date: '2025-02-29' is not a valid date (YYYY-MM-DD)");
	assert_error(atrack_initiative_edit(db, 999, &ed, ATRACK_INITIATIVE_TITLE),
	             ATRACK_NOTFOUND, "no initiative 999");
	assert_error(atrack_initiative_edit(db, id, &ed, ATRACK_INITIATIVE_SLUG), ATRACK_INVALID,
	             "slug: must not be empty");
	assert_error(atrack_initiative_get(db, 999, &(atrack_initiative *){ NULL }),
	             ATRACK_NOTFOUND, "no initiative 999");

	ck_assert_int_eq(count("SELECT count(*) FROM initiative"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM party"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM meeting"), 0);
	ck_assert_int_eq(count("SELECT count(*) FROM audit_log WHERE table_name = 'initiative'"), 1);

	/* Misuse. */
	ck_assert_int_eq(atrack_party_add(NULL, &p, NULL), ATRACK_MISUSE);
	ck_assert_int_eq(atrack_party_add(db, NULL, NULL), ATRACK_MISUSE);
	ck_assert_int_eq(atrack_entity_add(db, ATRACK_KIND_UPDATE, &p, NULL), ATRACK_MISUSE);
	ck_assert_ptr_null(atrack_fields(ATRACK_KIND_STATUS, NULL));
}
END_TEST

/* Every entry point refuses a missing input or output with ATRACK_MISUSE
 * and says which; an output is cleared first, even without a handle; and
 * nothing is written. */
START_TEST(test_entry_points_refuse_null)
{
	int64_t id = add_party("Test Party", NULL);
	assert_error(atrack_entity_add(db, ATRACK_KIND_PARTY, NULL, NULL), ATRACK_MISUSE,
	             "no input (NULL)");
	assert_error(atrack_party_edit(db, id, NULL, ATRACK_PARTY_NAME), ATRACK_MISUSE,
	             "no input (NULL)");
	assert_error(atrack_entity_get(db, ATRACK_KIND_PARTY, id, NULL), ATRACK_MISUSE,
	             "no output (NULL)");
	assert_error(atrack_party_list(db, NULL, NULL), ATRACK_MISUSE, "no output (NULL)");
	assert_error(atrack_initiative_list(db, NULL, NULL), ATRACK_MISUSE, "no output (NULL)");
	assert_error(atrack_link_list(db, ATRACK_KIND_PARTY, id, NULL), ATRACK_MISUSE,
	             "no output (NULL)");
	/* A kind with no struct is what the message names first. */
	char msg[64];
	snprintf(msg, sizeof msg, "kind %d has no struct", (int)ATRACK_KIND_UPDATE);
	assert_error(atrack_entity_get(db, ATRACK_KIND_UPDATE, id, NULL), ATRACK_MISUSE, msg);

	atrack_party p = { 0 };
	void *row = &p;
	atrack_iter *it = (atrack_iter *)(void *)&p;
	ck_assert_int_eq(atrack_entity_get(NULL, ATRACK_KIND_PARTY, id, &row), ATRACK_MISUSE);
	ck_assert_ptr_null(row);
	ck_assert_int_eq(atrack_party_list(NULL, NULL, &it), ATRACK_MISUSE);
	ck_assert_ptr_null(it);
	it = (atrack_iter *)(void *)&p;
	ck_assert_int_eq(atrack_link_list(NULL, ATRACK_KIND_PARTY, id, &it), ATRACK_MISUSE);
	ck_assert_ptr_null(it);

	ck_assert_int_eq(count("SELECT count(*) FROM party"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM party WHERE name = 'Test Party'"), 1);
}
END_TEST

START_TEST(test_edit_clears_and_moves)
{
	int64_t s1 = add_section("One", 1), s2 = add_section("Two", 2);
	int64_t id = add_initiative("Move me", s1, "2025-01-01");
	atrack_initiative ed = { 0 };
	ed.section_id = s2;
	ed.title = "Moved";
	ed.slug = "moved";
	OK(atrack_initiative_edit(db, id, &ed, ATRACK_INITIATIVE_SECTION | ATRACK_INITIATIVE_TARGET_DATE
	                          | ATRACK_INITIATIVE_TITLE | ATRACK_INITIATIVE_SLUG));
	atrack_initiative *got;
	OK(atrack_initiative_get(db, id, &got));
	ck_assert_int_eq(got->section_id, s2);
	ck_assert_str_eq(got->section_slug, "two");
	ck_assert_str_eq(got->title, "Moved");
	ck_assert_str_eq(got->slug, "moved");
	ck_assert_ptr_null(got->target_date);
	ck_assert_str_eq(got->body, "");
	ck_assert_str_eq(got->created_at, "2024-10-30T09:00:00.000Z");
	/* Added by hand, it starts "announced" on the day it was created. */
	ck_assert_str_eq(got->status, "announced");
	ck_assert_str_eq(got->last_update_date, "2024-10-30");
	ck_assert_int_eq(got->percent_complete, -1);
	atrack_initiative_free(got);
	/* No fields: nothing changes, no audit row. */
	long long audits = count("SELECT count(*) FROM audit_log");
	OK(atrack_initiative_edit(db, id, &ed, 0));
	ck_assert_int_eq(count("SELECT count(*) FROM audit_log"), audits);
}
END_TEST

START_TEST(test_created_at_defaults_to_now)
{
	atrack_initiative in = { 0 };
	in.title = "Now";
	int64_t id;
	OK(atrack_initiative_add(db, &in, &id));
	atrack_initiative *got;
	OK(atrack_initiative_get(db, id, &got));
	ck_assert_int_eq(strlen(got->created_at), 24);
	ck_assert_int_eq(got->created_at[23], 'Z');
	atrack_initiative_free(got);
}
END_TEST

/* ---- Deleting what others refer to --------------------------------------- */

START_TEST(test_delete_refused_then_cascade)
{
	int64_t ncg = add_framework("Nuclear Consultative Group");
	atrack_framework ed = { 0 };
	ed.slug = "ncg";
	OK(atrack_framework_edit(db, ncg, &ed, ATRACK_FRAMEWORK_SLUG));
	int64_t a = add_initiative("A", 0, NULL), b = add_initiative("B", 0, NULL);
	OK(atrack_link(db, ATRACK_KIND_INITIATIVE, a, ATRACK_KIND_FRAMEWORK, ncg));
	OK(atrack_link(db, ATRACK_KIND_FRAMEWORK, ncg, ATRACK_KIND_INITIATIVE, b));

	assert_error(atrack_framework_delete(db, ncg, 0), ATRACK_CONFLICT,
	             "framework 'ncg' is referred to by 2 initiative links (initiative_framework); "
	             "delete with cascade to remove or clear them");
	ck_assert_int_eq(count("SELECT count(*) FROM framework"), 1);
	OK(atrack_framework_delete(db, ncg, ATRACK_DELETE_CASCADE));
	ck_assert_int_eq(count("SELECT count(*) FROM framework"), 0);
	ck_assert_int_eq(count("SELECT count(*) FROM initiative_framework"), 0);
	ck_assert_int_eq(count("SELECT count(*) FROM initiative"), 2);
	ck_assert_int_eq(count("SELECT count(*) FROM audit_log WHERE table_name = "
	                       "'initiative_framework' AND action = 'delete'"), 2);
	assert_no_dangling();

	/* A section: its initiatives keep existing, with no section. */
	int64_t sec = add_section("Line", 1);
	int64_t c = add_initiative("C", sec, NULL);
	int64_t us = add_party("United States", "us");
	atrack_person per = { 0 };
	per.name = "Austin";
	per.party_id = us;
	OK(atrack_person_add(db, &per, NULL));
	OK(atrack_link(db, ATRACK_KIND_INITIATIVE, c, ATRACK_KIND_PARTY, us));
	assert_error(atrack_section_delete(db, sec, 0), ATRACK_CONFLICT,
	             "section 'line' is referred to by 1 initiative (initiative.section_id); "
	             "delete with cascade to remove or clear them");
	assert_error(atrack_party_delete(db, us, 0), ATRACK_CONFLICT,
	             "party 'us' is referred to by 1 initiative link (initiative_party) and "
	             "1 person (person.party_id); delete with cascade to remove or clear them");
	OK(atrack_section_delete(db, sec, ATRACK_DELETE_CASCADE));
	ck_assert_int_eq(count("SELECT count(*) FROM initiative WHERE section_id IS NULL"), 3);
	OK(atrack_party_delete(db, us, ATRACK_DELETE_CASCADE));
	ck_assert_int_eq(count("SELECT count(*) FROM person WHERE party_id IS NULL"), 1);
	assert_no_dangling();

	/* An initiative with updates (its first status and one more): they
	 * go with it. */
	add_update(c, "announced", NULL, "2024-10-30");
	assert_error(atrack_initiative_delete(db, c, 0), ATRACK_CONFLICT,
	             "initiative 'c' is referred to by 2 progress updates "
	             "(progress_update.initiative_id); delete with cascade to remove or clear them");
	OK(atrack_initiative_delete(db, c, ATRACK_DELETE_CASCADE));
	ck_assert_int_eq(count("SELECT count(*) FROM progress_update WHERE initiative_id = 3"), 0);
	assert_no_dangling();
}
END_TEST

START_TEST(test_delete_document_everywhere)
{
	atrack_document d = { 0 };
	d.title = "Fact sheet";
	d.kind = "fact_sheet";
	int64_t doc;
	OK(atrack_document_add(db, &d, &doc));
	atrack_meeting m = { 0 };
	m.name = "SCM 56";
	m.kind = "SCM";
	m.document_id = doc;
	int64_t meeting;
	OK(atrack_meeting_add(db, &m, &meeting));
	OK(atrack_link(db, ATRACK_KIND_DOCUMENT, doc, ATRACK_KIND_MEETING, meeting));
	ck_assert_int_eq(atrack_document_delete(db, doc, 0), ATRACK_CONFLICT);
	ck_assert_str_eq(atrack_errmsg(db), "document 'fact-sheet' is referred to by 1 meeting "
	                 "(meeting.document_id) and 1 meeting link (meeting_document); delete "
	                 "with cascade to remove or clear them");
	OK(atrack_document_delete(db, doc, ATRACK_DELETE_CASCADE));
	ck_assert_int_eq(count("SELECT count(*) FROM meeting WHERE document_id IS NULL"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM meeting_document"), 0);
	assert_no_dangling();
}
END_TEST

/* ---- Participants -------------------------------------------------------- */

START_TEST(test_participants)
{
	int64_t us = add_party("United States", "us");
	atrack_person per = { 0 };
	per.name = "Lloyd J. Austin III";
	per.party_id = us;
	int64_t austin;
	OK(atrack_person_add(db, &per, &austin));
	atrack_meeting m = { 0 };
	m.name = "SCM 56";
	m.kind = "SCM";
	int64_t meeting;
	OK(atrack_meeting_add(db, &m, &meeting));

	atrack_participant pt = { 0 };
	pt.meeting_id = meeting;
	pt.person_id = austin;
	pt.role = "Secretary of Defense";
	pt.party_id = us;
	int64_t id;
	OK(atrack_participant_add(db, &pt, &id));
	assert_error(atrack_participant_add(db, &pt, NULL), ATRACK_CONFLICT,
	             "participant: one with the same meeting and person already exists");
	pt.person_id = 77;
	assert_error(atrack_participant_add(db, &pt, NULL), ATRACK_NOTFOUND, "person: no person 77");

	atrack_participant *got;
	OK(atrack_participant_get(db, id, &got));
	ck_assert_str_eq(got->person_slug, "lloyd-j-austin-iii");
	ck_assert_str_eq(got->meeting_slug, "scm-56");
	ck_assert_str_eq(got->party_slug, "us");
	ck_assert_str_eq(got->role, "Secretary of Defense");
	atrack_participant_free(got);

	atrack_list_opts opts = ATRACK_LIST_OPTS_INIT;
	opts.of_kind = ATRACK_KIND_MEETING;
	opts.of_id = meeting;
	atrack_iter *it;
	OK(atrack_participant_list(db, &opts, &it));
	ck_assert_int_eq(atrack_iter_next(it), ATRACK_OK);
	ck_assert_str_eq(atrack_iter_participant(it)->person_name, "Lloyd J. Austin III");
	ck_assert_int_eq(atrack_iter_next(it), ATRACK_DONE);
	atrack_iter_free(it);
	opts.of_id = meeting + 1;
	OK(atrack_participant_list(db, &opts, &it));
	ck_assert_int_eq(atrack_iter_next(it), ATRACK_DONE);
	atrack_iter_free(it);
	opts.of_kind = ATRACK_KIND_FRAMEWORK;
	assert_error(atrack_participant_list(db, &opts, &it), ATRACK_INVALID,
	             "participant: cannot be listed by framework");

	/* The people of a party. */
	opts.of_kind = ATRACK_KIND_PARTY;
	opts.of_id = us;
	OK(atrack_person_list(db, &opts, &it));
	ck_assert_int_eq(atrack_iter_next(it), ATRACK_OK);
	ck_assert_str_eq(atrack_iter_person(it)->party_slug, "us");
	atrack_iter_free(it);

	/* Deleting the meeting removes the role with it, on request. */
	assert_error(atrack_meeting_delete(db, meeting, 0), ATRACK_CONFLICT,
	             "meeting 'scm-56' is referred to by 1 participant (meeting_person.meeting_id); "
	             "delete with cascade to remove or clear them");
	OK(atrack_participant_delete(db, id, 0));
	OK(atrack_meeting_delete(db, meeting, 0));
	assert_no_dangling();
}
END_TEST

/* ---- Initiative list ----------------------------------------------------- */

/* The slugs the filter lists, joined by spaces. */
static char *list_slugs(const atrack_initiative_filter *f)
{
	static char out[1024];
	out[0] = '\0';
	atrack_iter *it;
	OK(atrack_initiative_list(db, f, &it));
	int rc;
	while ((rc = atrack_iter_next(it)) == ATRACK_OK) {
		const atrack_initiative *i = atrack_iter_initiative(it);
		if (out[0])
			strcat(out, " ");
		strcat(out, i->slug);
	}
	ck_assert_int_eq(rc, ATRACK_DONE);
	atrack_iter_free(it);
	return out;
}

START_TEST(test_initiative_filters_and_paging)
{
	int64_t s1 = add_section("Deterrence", 2), s2 = add_section("Capabilities", 1);
	int64_t a = add_initiative("Alpha workstreams", s1, "2025-01-01");
	int64_t b = add_initiative("Bravo exercises", s1, "2027-01-01");
	int64_t c = add_initiative("Charlie science", s2, "2025-06-01");
	int64_t d = add_initiative("Delta", 0, NULL);
	int64_t ncg = add_framework("NCG");
	int64_t us = add_party("United States", "us");
	atrack_meeting m = { 0 };
	m.name = "SCM";
	m.kind = "SCM";
	int64_t meeting;
	OK(atrack_meeting_add(db, &m, &meeting));
	atrack_initiative ed = { 0 };
	ed.meeting_id = meeting;
	OK(atrack_initiative_edit(db, d, &ed, ATRACK_INITIATIVE_MEETING));
	OK(atrack_link(db, ATRACK_KIND_INITIATIVE, a, ATRACK_KIND_FRAMEWORK, ncg));
	OK(atrack_link(db, ATRACK_KIND_INITIATIVE, c, ATRACK_KIND_FRAMEWORK, ncg));
	OK(atrack_link(db, ATRACK_KIND_INITIATIVE, b, ATRACK_KIND_PARTY, us));
	add_update(a, "announced", NULL, "2024-10-30");
	add_update(a, "in_progress", "at_risk", "2025-03-01");
	add_update(b, "planned", "on_track", "2026-11-01");
	add_update(c, "completed", "on_track", "2025-05-01");

	atrack_initiative_filter f = ATRACK_INITIATIVE_FILTER_INIT;
	f.today = "2026-11-28";
	/* Order by section position (Capabilities first), then position; no section last. */
	ck_assert_str_eq(list_slugs(&f), "charlie-science alpha-workstreams bravo-exercises delta");
	f.section_id = s1;
	ck_assert_str_eq(list_slugs(&f), "alpha-workstreams bravo-exercises");
	f.section_id = 0;
	f.framework_id = ncg;
	ck_assert_str_eq(list_slugs(&f), "charlie-science alpha-workstreams");
	f.framework_id = 0;
	f.party_id = us;
	ck_assert_str_eq(list_slugs(&f), "bravo-exercises");
	f.party_id = 0;
	f.meeting_id = meeting;
	ck_assert_str_eq(list_slugs(&f), "delta");
	f.meeting_id = 0;
	f.status = "in_progress";
	ck_assert_str_eq(list_slugs(&f), "alpha-workstreams");
	f.status = NULL;
	f.health = "on_track";
	ck_assert_str_eq(list_slugs(&f), "charlie-science bravo-exercises");
	f.health = NULL;
	f.text = "SCIENCE";
	ck_assert_str_eq(list_slugs(&f), "charlie-science");
	f.text = "100%_";
	ck_assert_str_eq(list_slugs(&f), "");
	f.text = NULL;

	/* Overdue: past target, not terminal (charlie is completed). */
	f.overdue_only = 1;
	ck_assert_str_eq(list_slugs(&f), "alpha-workstreams");
	f.overdue_only = 0;
	/* Stale: no update for 30 days (delta: since creation); not terminal. */
	f.stale_only = 1;
	ck_assert_str_eq(list_slugs(&f), "alpha-workstreams delta");
	f.stale_days = 700;
	ck_assert_str_eq(list_slugs(&f), "delta");
	f.stale_days = 0;
	f.stale_only = 0;

	/* Orders and paging. */
	f.order = ATRACK_ORDER_TITLE;
	ck_assert_str_eq(list_slugs(&f), "alpha-workstreams bravo-exercises charlie-science delta");
	f.limit = 2;
	f.offset = 1;
	ck_assert_str_eq(list_slugs(&f), "bravo-exercises charlie-science");
	f.limit = 0;
	f.offset = 0;
	f.order = ATRACK_ORDER_LAST_UPDATE;
	ck_assert_str_eq(list_slugs(&f), "delta alpha-workstreams charlie-science bravo-exercises");
	f.order = ATRACK_ORDER_STATUS;
	ck_assert_str_eq(list_slugs(&f), "delta bravo-exercises alpha-workstreams charlie-science");
	f.order = ATRACK_ORDER_POSITION;

	/* The derived members of one row. */
	atrack_iter *it;
	f.section_id = s1;
	OK(atrack_initiative_list(db, &f, &it));
	OK(atrack_iter_next(it));
	const atrack_initiative *row = atrack_iter_initiative(it);
	ck_assert_str_eq(row->status, "in_progress");
	ck_assert_str_eq(row->health, "at_risk");
	ck_assert_str_eq(row->last_update_date, "2025-03-01");
	ck_assert_int_eq(row->days_since_update, 637);
	ck_assert_int_eq(row->is_overdue, 1);
	ck_assert_int_eq(row->is_stale, 1);
	ck_assert_int_eq(row->is_terminal, 0);
	ck_assert_str_eq(row->section_slug, "deterrence");
	OK(atrack_iter_next(it));
	row = atrack_iter_initiative(it);
	ck_assert_int_eq(row->is_overdue, 0);
	ck_assert_int_eq(row->is_stale, 0);
	ck_assert_int_eq(row->days_since_update, 27);
	atrack_iter_free(it);

	/* Bad filters name the field. */
	atrack_initiative_filter bad = ATRACK_INITIATIVE_FILTER_INIT;
	bad.status = "done";
	assert_error(atrack_initiative_list(db, &bad, &it), ATRACK_INVALID, "status: no status 'done'");
	ck_assert_ptr_null(it);
	bad.status = NULL;
	bad.health = "ok";
	assert_error(atrack_initiative_list(db, &bad, &it), ATRACK_INVALID,
	             "health: 'ok' is not one of on_track, at_risk, off_track");
	bad.health = NULL;
	bad.today = "2024-02-30";
	assert_error(atrack_initiative_list(db, &bad, &it), ATRACK_INVALID,
	             "today: '2024-02-30' is not a valid date (YYYY-MM-DD)");
	bad.today = NULL;
	bad.version = 99;
	ck_assert_int_eq(atrack_initiative_list(db, &bad, &it), ATRACK_MISUSE);

	/* The generic list of initiatives takes the same filters by kind. */
	atrack_list_opts opts = ATRACK_LIST_OPTS_INIT;
	opts.of_kind = ATRACK_KIND_FRAMEWORK;
	opts.of_id = ncg;
	OK(atrack_entity_list(db, ATRACK_KIND_INITIATIVE, &opts, &it));
	int n = 0;
	while (atrack_iter_next(it) == ATRACK_OK)
		n++;
	ck_assert_int_eq(n, 2);
	atrack_iter_free(it);
}
END_TEST

START_TEST(test_current_status_is_a_seek)
{
	/* The board's columns come from initiative_status by its key: the
	 * history is neither scanned nor read at all. */
	sqlite3_stmt *stmt = NULL;
	ck_assert_int_eq(sqlite3_prepare_v2(db->sql, "EXPLAIN QUERY PLAN SELECT t.id, c.status, "
	                 "c.health, c.percent_complete, c.last_update_date FROM initiative AS t "
	                 "JOIN initiative_current AS c ON c.initiative_id = t.id", -1, &stmt, NULL),
	                 SQLITE_OK);
	bool reads_updates = false, seeks_status = false;
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		const char *detail = (const char *)sqlite3_column_text(stmt, 3);
		if (strstr(detail, " p ") || strstr(detail, " u ") || strstr(detail, "progress_update"))
			reads_updates = true;
		if (strstr(detail, "SEARCH c USING INTEGER PRIMARY KEY"))
			seeks_status = true;
	}
	sqlite3_finalize(stmt);
	ck_assert(!reads_updates);
	ck_assert(seeks_status);
}
END_TEST

START_TEST(test_iterator_streams)
{
	char title[32];
	for (int i = 0; i < 500; i++) {
		snprintf(title, sizeof title, "Initiative %03d", i);
		add_initiative(title, 0, NULL);
	}
	/* One row at a time: the row's text is the statement's, and changes
	 * in place as the iterator moves. */
	atrack_iter *it;
	OK(atrack_initiative_list(db, NULL, &it));
	OK(atrack_iter_next(it));
	const atrack_initiative *first = atrack_iter_initiative(it);
	ck_assert_str_eq(first->title, "Initiative 000");
	OK(atrack_iter_next(it));
	ck_assert_ptr_eq(atrack_iter_initiative(it), first);
	ck_assert_str_eq(atrack_iter_initiative(it)->title, "Initiative 001");
	int n = 2;
	while (atrack_iter_next(it) == ATRACK_OK)
		n++;
	ck_assert_int_eq(n, 500);
	atrack_iter_free(it);
}
END_TEST

/* ---- Links --------------------------------------------------------------- */

START_TEST(test_links)
{
	int64_t i = add_initiative("Init", 0, NULL);
	int64_t ncg = add_framework("NCG");
	int64_t us = add_party("United States", "us");
	atrack_focus_area fa = { 0 };
	fa.name = "AI";
	int64_t ai;
	OK(atrack_focus_area_add(db, &fa, &ai));
	OK(atrack_link(db, ATRACK_KIND_INITIATIVE, i, ATRACK_KIND_FRAMEWORK, ncg));
	OK(atrack_link(db, ATRACK_KIND_PARTY, us, ATRACK_KIND_INITIATIVE, i));
	OK(atrack_link(db, ATRACK_KIND_FOCUS_AREA, ai, ATRACK_KIND_FRAMEWORK, ncg));
	assert_error(atrack_link(db, ATRACK_KIND_FRAMEWORK, ncg, ATRACK_KIND_INITIATIVE, i),
	             ATRACK_CONFLICT, "initiative 'init' is already linked to framework 'ncg'");
	assert_error(atrack_link(db, ATRACK_KIND_PARTY, us, ATRACK_KIND_MEETING, 1), ATRACK_INVALID,
	             "cannot link party to meeting");
	assert_error(atrack_link(db, ATRACK_KIND_INITIATIVE, i, ATRACK_KIND_FRAMEWORK, 9),
	             ATRACK_NOTFOUND, "no framework 9");

	atrack_iter *it;
	OK(atrack_link_list(db, ATRACK_KIND_INITIATIVE, i, &it));
	OK(atrack_iter_next(it));
	const atrack_link_row *row = atrack_iter_link(it);
	ck_assert_int_eq(row->kind, ATRACK_KIND_PARTY);
	ck_assert_str_eq(row->slug, "us");
	ck_assert_str_eq(row->name, "United States");
	ck_assert_ptr_null(atrack_iter_entity(it));
	OK(atrack_iter_next(it));
	ck_assert_int_eq(atrack_iter_link(it)->kind, ATRACK_KIND_FRAMEWORK);
	ck_assert_int_eq(atrack_iter_next(it), ATRACK_DONE);
	atrack_iter_free(it);

	OK(atrack_link_list(db, ATRACK_KIND_FRAMEWORK, ncg, &it));
	int n = 0;
	while (atrack_iter_next(it) == ATRACK_OK)
		n++;
	ck_assert_int_eq(n, 2);
	atrack_iter_free(it);
	ck_assert_int_eq(atrack_link_list(db, ATRACK_KIND_FRAMEWORK, 99, &it), ATRACK_NOTFOUND);

	OK(atrack_unlink(db, ATRACK_KIND_FRAMEWORK, ncg, ATRACK_KIND_INITIATIVE, i));
	assert_error(atrack_unlink(db, ATRACK_KIND_FRAMEWORK, ncg, ATRACK_KIND_INITIATIVE, i),
	             ATRACK_NOTFOUND, "initiative 'init' is not linked to framework 'ncg'");
	ck_assert_int_eq(count("SELECT count(*) FROM audit_log WHERE table_name = "
	                       "'initiative_framework'"), 2);
	assert_no_dangling();
}
END_TEST

/* ---- Out of memory ------------------------------------------------------- */

START_TEST(test_nomem_on_add)
{
	add_framework("Nuclear Consultative Group"); /* so the slug needs "-2" */
	for (long n = 0;; n++) {
		atrack_framework f = { 0 };
		f.name = "Nuclear Consultative Group!";
		int64_t id = 0;
		atr_alloc_fail_after(n);
		int rc = atrack_framework_add(db, &f, &id);
		atr_alloc_fail_after(-1);
		if (rc == ATRACK_OK) {
			ck_assert_int_gt(n, 0);
			break;
		}
		ck_assert_int_eq(rc, ATRACK_NOMEM);
		ck_assert_int_eq(count("SELECT count(*) FROM framework"), 1);
		ck_assert_int_eq(count("SELECT count(*) FROM audit_log WHERE table_name = 'framework'"), 1);
		ck_assert_int_lt(n, 1000);
	}
	ck_assert_int_eq(count("SELECT count(*) FROM framework"), 2);
}
END_TEST

START_TEST(test_nomem_on_get_and_list)
{
	int64_t id = add_framework("NCG");
	for (long n = 0;; n++) {
		atrack_framework *got = NULL;
		atrack_iter *it = NULL;
		atr_alloc_fail_after(n);
		int rc = atrack_framework_get(db, id, &got);
		if (rc == ATRACK_OK)
			rc = atrack_framework_list(db, NULL, &it);
		atr_alloc_fail_after(-1);
		atrack_framework_free(got);
		atrack_iter_free(it);
		if (rc == ATRACK_OK)
			break;
		ck_assert_int_eq(rc, ATRACK_NOMEM);
		ck_assert_int_lt(n, 1000);
	}
}
END_TEST

int main(void)
{
	Suite *s = suite_create("entity");
	TCase *tc = tcase_create("entity");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, test_noun_crud, 0, (int)ATR_ARRAY_SIZE(noun_cases));
	tcase_add_test(tc, test_typed_party);
	tcase_add_test(tc, test_slug_derivation_and_uniqueness);
	tcase_add_test(tc, test_bad_input_names_the_field);
	tcase_add_test(tc, test_entry_points_refuse_null);
	tcase_add_test(tc, test_edit_clears_and_moves);
	tcase_add_test(tc, test_created_at_defaults_to_now);
	tcase_add_test(tc, test_delete_refused_then_cascade);
	tcase_add_test(tc, test_delete_document_everywhere);
	tcase_add_test(tc, test_participants);
	tcase_add_test(tc, test_initiative_filters_and_paging);
	tcase_add_test(tc, test_current_status_is_a_seek);
	tcase_add_test(tc, test_iterator_streams);
	tcase_add_test(tc, test_links);
	tcase_add_test(tc, test_nomem_on_add);
	tcase_add_test(tc, test_nomem_on_get_and_list);
	suite_add_tcase(s, tc);
	return tu_run_suite(s);
}
