/*
 * loader.c - writes a parsed fact sheet (factsheet.h's document model) into
 * the database in one transaction: matches what is already there by slug or
 * name so shared things stay one row, recognises a text imported before,
 * revises a known document in place without touching the progress analysts
 * logged, and counts what it found and added.
 */
#include "atrack_int.h"
#include "factsheet.h"

#include <jansson.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct loader {
	atrack_db *db;
	const fs_model *model;
	atrack_import_result *result;
	int64_t document_id;
	char now[25];
	char today[11];
	/* Database ids of the model's elements, index for index. */
	int64_t *party_ids;
	int64_t *person_ids;
	int64_t *meeting_ids;
	int64_t *section_ids;
	int64_t *framework_ids;
	int64_t *focus_area_ids;
	int64_t *exercise_ids;
	int64_t *cited_ids;
	int64_t *initiative_ids;
} loader;

/* ---- Statement helpers --------------------------------------------------- */

static void bind_text(sqlite3_stmt *stmt, int index, const char *text)
{
	sqlite3_bind_text(stmt, index, text, -1, SQLITE_STATIC);
}

/* An id, a line or a position of 0 or less means "none": bound as NULL. */
static void bind_optional_int(sqlite3_stmt *stmt, int index, int64_t value)
{
	if (value > 0)
		sqlite3_bind_int64(stmt, index, value);
	else
		sqlite3_bind_null(stmt, index);
}

/* Step a cached statement that returns no row, and reset it. */
static int run(loader *L, sqlite3_stmt *stmt, const char *what)
{
	int src = sqlite3_step(stmt);
	atr_stmt_done(stmt);
	if (src != SQLITE_DONE)
		return atr_sql_error(L->db, src, what);
	return ATRACK_OK;
}

/* Step a cached statement returning at most one id. */
static int run_for_id(loader *L, sqlite3_stmt *stmt, int64_t *id, bool *found, const char *what)
{
	int src = sqlite3_step(stmt);
	*found = src == SQLITE_ROW;
	if (*found)
		*id = sqlite3_column_int64(stmt, 0);
	atr_stmt_done(stmt);
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		return atr_sql_error(L->db, src, what);
	return ATRACK_OK;
}

/* Insert with a statement whose parameters are bound, and give the new id. */
static int run_insert(loader *L, sqlite3_stmt *stmt, int64_t *id, const char *what)
{
	int rc = run(L, stmt, what);
	if (rc == ATRACK_OK)
		*id = sqlite3_last_insert_rowid(L->db->sql);
	return rc;
}

static void count(atrack_import_count *c, bool added)
{
	c->found++;
	if (added)
		c->added++;
}

/* ---- Things shared between documents ------------------------------------- */

/*
 * Each shared kind is found by its slug or name first (a framework also by
 * its acronym); only when it is not there is it inserted, with this
 * document as its origin. The statements of every kind share a layout:
 * find binds ?1 slug, ?2 name, ?3 acronym; insert binds ?1 slug, ?2 name,
 * ?3 document, ?4 line, and the kind's own columns from ?5 on.
 */
typedef struct shared_kind {
	const char *what;       /* "party", for messages */
	const char *find_sql;
	const char *insert_sql;
	size_t count_offset;    /* its atrack_import_count in the result */
	/* Bind the kind's own insert columns from ?5 on; NULL when none. */
	void (*bind_own)(loader *L, sqlite3_stmt *stmt, const void *item);
} shared_kind;

typedef struct shared_name {
	const char *slug;
	const char *name;
	const char *acronym; /* NULL unless the kind has one */
	int line;
} shared_name;

static int find_or_add(loader *L, const shared_kind *k, const shared_name *n,
                       const void *item, int64_t *id)
{
	atrack_import_count *counter =
		(atrack_import_count *)((char *)L->result + k->count_offset);
	sqlite3_stmt *stmt;
	bool found;
	char what[64];
	int rc = atr_stmt(L->db, k->find_sql, &stmt);
	if (rc != ATRACK_OK)
		return rc;
	bind_text(stmt, 1, n->slug);
	bind_text(stmt, 2, n->name);
	if (sqlite3_bind_parameter_count(stmt) >= 3)
		bind_text(stmt, 3, n->acronym);
	snprintf(what, sizeof what, "cannot look up %s", k->what);
	rc = run_for_id(L, stmt, id, &found, what);
	if (rc != ATRACK_OK || found) {
		count(counter, false);
		return rc;
	}
	if ((rc = atr_stmt(L->db, k->insert_sql, &stmt)) != ATRACK_OK)
		return rc;
	bind_text(stmt, 1, n->slug);
	bind_text(stmt, 2, n->name);
	bind_optional_int(stmt, 3, L->document_id);
	bind_optional_int(stmt, 4, n->line);
	if (k->bind_own)
		k->bind_own(L, stmt, item);
	count(counter, true);
	snprintf(what, sizeof what, "cannot add %s", k->what);
	return run_insert(L, stmt, id, what);
}

static void bind_party(loader *L, sqlite3_stmt *stmt, const void *item)
{
	(void)L;
	bind_text(stmt, 5, ((const fs_party *)item)->short_name);
}

static const shared_kind party_kind = {
	"party",
	"SELECT id FROM party WHERE slug = ?1 OR name = ?2 ORDER BY slug = ?1 DESC LIMIT 1",
	"INSERT INTO party (slug, name, document_id, source_line, short_name) VALUES (?1, ?2, ?3, ?4, ?5)",
	offsetof(atrack_import_result, parties), bind_party,
};

static void bind_person(loader *L, sqlite3_stmt *stmt, const void *item)
{
	const fs_person *p = item;
	bind_optional_int(stmt, 5, p->party >= 0 ? L->party_ids[p->party] : 0);
}

static const shared_kind person_kind = {
	"person",
	"SELECT id FROM person WHERE slug = ?1",
	"INSERT INTO person (slug, name, document_id, source_line, party_id) VALUES (?1, ?2, ?3, ?4, ?5)",
	offsetof(atrack_import_result, people), bind_person,
};

static void bind_meeting(loader *L, sqlite3_stmt *stmt, const void *item)
{
	(void)L;
	const fs_meeting *m = item;
	const char *start = m->start_date[0] ? m->start_date : NULL;
	bind_text(stmt, 5, m->kind);
	bind_text(stmt, 6, m->short_kind);
	bind_optional_int(stmt, 7, m->ordinal);
	bind_text(stmt, 8, start);
	bind_text(stmt, 9, m->end_date[0] ? m->end_date : start);
}

static const shared_kind meeting_kind = {
	"meeting",
	"SELECT id FROM meeting WHERE slug = ?1",
	"INSERT INTO meeting (slug, name, document_id, source_line, kind, short_kind, ordinal, "
	"start_date, end_date) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	offsetof(atrack_import_result, meetings), bind_meeting,
};

/* A section's position is its place in the first document that names it. */
typedef struct placed_section {
	const fs_section *section;
	size_t position;
} placed_section;

static void bind_section(loader *L, sqlite3_stmt *stmt, const void *item)
{
	(void)L;
	const placed_section *p = item;
	bind_text(stmt, 5, p->section->heading);
	bind_text(stmt, 6, p->section->lead_in);
	sqlite3_bind_int64(stmt, 7, (sqlite3_int64)p->position + 1);
}

static const shared_kind section_kind = {
	"section",
	"SELECT id FROM section WHERE slug = ?1",
	"INSERT INTO section (slug, title, document_id, source_line, heading, lead_in, position) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	offsetof(atrack_import_result, sections), bind_section,
};

static void bind_framework(loader *L, sqlite3_stmt *stmt, const void *item)
{
	(void)L;
	const fs_framework *f = item;
	bind_text(stmt, 5, f->acronym);
	bind_text(stmt, 6, f->kind ? f->kind : "body");
}

/* An acronym names a body as surely as its full name does. */
static const shared_kind framework_kind = {
	"framework",
	"SELECT id FROM framework WHERE slug = ?1 OR name = ?2 OR (?3 IS NOT NULL AND acronym = ?3) "
	"ORDER BY slug = ?1 DESC LIMIT 1",
	"INSERT INTO framework (slug, name, document_id, source_line, acronym, kind) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	offsetof(atrack_import_result, frameworks), bind_framework,
};

static void bind_focus_area(loader *L, sqlite3_stmt *stmt, const void *item)
{
	(void)L;
	const fs_focus_area *a = item;
	bind_text(stmt, 5, a->kind ? a->kind : "focus");
}

static const shared_kind focus_area_kind = {
	"focus area",
	"SELECT id FROM focus_area WHERE slug = ?1 OR name = ?2 ORDER BY slug = ?1 DESC LIMIT 1",
	"INSERT INTO focus_area (slug, name, document_id, source_line, kind) VALUES (?1, ?2, ?3, ?4, ?5)",
	offsetof(atrack_import_result, focus_areas), bind_focus_area,
};

static const shared_kind exercise_kind = {
	"exercise",
	"SELECT id FROM exercise WHERE slug = ?1 OR name = ?2 ORDER BY slug = ?1 DESC LIMIT 1",
	"INSERT INTO exercise (slug, name, document_id, source_line) VALUES (?1, ?2, ?3, ?4)",
	offsetof(atrack_import_result, exercises), NULL,
};

static const shared_kind cited_document_kind = {
	"cited document",
	"SELECT id FROM document WHERE slug = ?1 OR (kind = 'cited' AND title = ?2) "
	"ORDER BY slug = ?1 DESC LIMIT 1",
	"INSERT INTO document (slug, title, document_id, source_line, kind) "
	"VALUES (?1, ?2, ?3, ?4, 'cited')",
	offsetof(atrack_import_result, cited_documents), NULL,
};

/* A focus area is also linked to the framework it was listed for. */
static int load_focus_area(loader *L, const fs_focus_area *a, int64_t *id)
{
	static const char link_sql[] =
		"INSERT OR IGNORE INTO framework_focus_area (framework_id, focus_area_id, document_id) "
		"VALUES (?, ?, ?)";
	const shared_name name = { a->slug, a->name, NULL, a->pos.line };
	int rc = find_or_add(L, &focus_area_kind, &name, a, id);
	if (rc != ATRACK_OK || a->framework < 0)
		return rc;
	sqlite3_stmt *stmt;
	if ((rc = atr_stmt(L->db, link_sql, &stmt)) != ATRACK_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, L->framework_ids[a->framework]);
	sqlite3_bind_int64(stmt, 2, *id);
	bind_optional_int(stmt, 3, L->document_id);
	rc = run(L, stmt, "cannot link focus area");
	count(&L->result->links, sqlite3_changes(L->db->sql) > 0);
	return rc;
}

/* ---- Meetings' people and documents -------------------------------------- */

static int load_meeting_links(loader *L, size_t meeting)
{
	static const char participant_sql[] =
		"INSERT OR IGNORE INTO meeting_person (meeting_id, person_id, role, party_id, document_id) "
		"VALUES (?, ?, ?, ?, ?)";
	static const char document_sql[] =
		"INSERT OR IGNORE INTO meeting_document (meeting_id, document_id) VALUES (?, ?)";
	const fs_meeting *m = &L->model->meetings[meeting];
	sqlite3_stmt *stmt;
	int rc;
	for (size_t i = 0; i < m->people.count; i++) {
		const fs_person *p = &L->model->people[m->people.items[i]];
		if ((rc = atr_stmt(L->db, participant_sql, &stmt)) != ATRACK_OK)
			return rc;
		sqlite3_bind_int64(stmt, 1, L->meeting_ids[meeting]);
		sqlite3_bind_int64(stmt, 2, L->person_ids[m->people.items[i]]);
		bind_text(stmt, 3, p->title);
		bind_optional_int(stmt, 4, p->party >= 0 ? L->party_ids[p->party] : 0);
		bind_optional_int(stmt, 5, L->document_id);
		if ((rc = run(L, stmt, "cannot add participant")) != ATRACK_OK)
			return rc;
		count(&L->result->participants, sqlite3_changes(L->db->sql) > 0);
	}
	if ((rc = atr_stmt(L->db, document_sql, &stmt)) != ATRACK_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, L->meeting_ids[meeting]);
	sqlite3_bind_int64(stmt, 2, L->document_id);
	return run(L, stmt, "cannot link meeting and document");
}

/* ---- Initiatives --------------------------------------------------------- */

/* The link tables an initiative has, each with the statements that add a
 * link made by this document, and list and remove such links. */
typedef struct link_table {
	const char *insert_sql;
	const char *select_sql;
	const char *delete_sql;
} link_table;

static const link_table framework_links = {
	"INSERT OR IGNORE INTO initiative_framework (initiative_id, framework_id, document_id) VALUES (?, ?, ?)",
	"SELECT id, framework_id FROM initiative_framework WHERE initiative_id = ? AND document_id = ?",
	"DELETE FROM initiative_framework WHERE id = ?",
};
static const link_table party_links = {
	"INSERT OR IGNORE INTO initiative_party (initiative_id, party_id, document_id) VALUES (?, ?, ?)",
	"SELECT id, party_id FROM initiative_party WHERE initiative_id = ? AND document_id = ?",
	"DELETE FROM initiative_party WHERE id = ?",
};
static const link_table exercise_links = {
	"INSERT OR IGNORE INTO initiative_exercise (initiative_id, exercise_id, document_id) VALUES (?, ?, ?)",
	"SELECT id, exercise_id FROM initiative_exercise WHERE initiative_id = ? AND document_id = ?",
	"DELETE FROM initiative_exercise WHERE id = ?",
};
static const link_table document_links = {
	"INSERT OR IGNORE INTO initiative_document (initiative_id, cited_id, document_id) VALUES (?, ?, ?)",
	"SELECT id, cited_id FROM initiative_document WHERE initiative_id = ? AND document_id = ?",
	"DELETE FROM initiative_document WHERE id = ?",
};
static const link_table focus_area_links = {
	"INSERT OR IGNORE INTO initiative_focus_area (initiative_id, focus_area_id, document_id) VALUES (?, ?, ?)",
	"SELECT id, focus_area_id FROM initiative_focus_area WHERE initiative_id = ? AND document_id = ?",
	"DELETE FROM initiative_focus_area WHERE id = ?",
};

static bool refs_contain(const fs_refs *refs, const int64_t *ids, int64_t target)
{
	for (size_t i = 0; i < refs->count; i++)
		if (ids[refs->items[i]] == target)
			return true;
	return false;
}

/* Make the links this document gives initiative `id` exactly `refs`:
 * add the missing ones, remove the ones a revised text no longer has, and
 * leave links analysts made by hand alone. */
static int sync_links(loader *L, const link_table *table, int64_t id,
                      const fs_refs *refs, const int64_t *target_ids)
{
	sqlite3_stmt *stmt;
	int rc;
	for (size_t i = 0; i < refs->count; i++) {
		if ((rc = atr_stmt(L->db, table->insert_sql, &stmt)) != ATRACK_OK)
			return rc;
		sqlite3_bind_int64(stmt, 1, id);
		sqlite3_bind_int64(stmt, 2, target_ids[refs->items[i]]);
		bind_optional_int(stmt, 3, L->document_id);
		if ((rc = run(L, stmt, "cannot link initiative")) != ATRACK_OK)
			return rc;
		count(&L->result->links, sqlite3_changes(L->db->sql) > 0);
	}

	/* Collect stale link ids in batches, then delete them, so the listing
	 * query never runs over rows being deleted. */
	int64_t stale[64];
	size_t stale_count;
	do {
		stale_count = 0;
		if ((rc = atr_stmt(L->db, table->select_sql, &stmt)) != ATRACK_OK)
			return rc;
		sqlite3_bind_int64(stmt, 1, id);
		sqlite3_bind_int64(stmt, 2, L->document_id);
		int src;
		while (stale_count < ATR_ARRAY_SIZE(stale) && (src = sqlite3_step(stmt)) == SQLITE_ROW)
			if (!refs_contain(refs, target_ids, sqlite3_column_int64(stmt, 1)))
				stale[stale_count++] = sqlite3_column_int64(stmt, 0);
		atr_stmt_done(stmt);
		if (stale_count < ATR_ARRAY_SIZE(stale) && src != SQLITE_DONE)
			return atr_sql_error(L->db, src, "cannot read links");
		for (size_t i = 0; i < stale_count; i++) {
			if ((rc = atr_stmt(L->db, table->delete_sql, &stmt)) != ATRACK_OK)
				return rc;
			sqlite3_bind_int64(stmt, 1, stale[i]);
			if ((rc = run(L, stmt, "cannot remove link")) != ATRACK_OK)
				return rc;
		}
	} while (stale_count == ATR_ARRAY_SIZE(stale));
	return ATRACK_OK;
}

/* A slug for a new initiative that no other initiative has: the parser's,
 * else with the meeting's slug after it, else with a number; each cut to
 * fit in FS_SLUG_MAX bytes. */
static int unique_initiative_slug(loader *L, const fs_initiative *in, char **out)
{
	static const char taken_sql[] = "SELECT id FROM initiative WHERE slug = ?1";
	const char *meeting = in->meeting >= 0 ? L->model->meetings[in->meeting].slug : NULL;
	for (int attempt = 0; attempt < 1000; attempt++) {
		atr_buf b = ATR_BUF_INIT;
		if (attempt > 0 && meeting)
			atr_buf_printf(&b, "-%s", meeting);
		if (attempt > 1 || (attempt == 1 && !meeting))
			atr_buf_printf(&b, "-%d", attempt);
		char *suffix = atr_buf_detach(&b);
		char *slug = NULL;
		if (!suffix || fs_slug_fit(in->slug, suffix, &slug) != ATRACK_OK) {
			atr_free(suffix);
			return atr_error(L->db, ATRACK_NOMEM, "out of memory");
		}
		atr_free(suffix);
		if (!slug)
			continue; /* the meeting's slug leaves no room */
		sqlite3_stmt *stmt;
		int64_t other;
		bool taken;
		int rc = atr_stmt(L->db, taken_sql, &stmt);
		if (rc == ATRACK_OK) {
			bind_text(stmt, 1, slug);
			rc = run_for_id(L, stmt, &other, &taken, "cannot check slug");
		}
		if (rc != ATRACK_OK || !taken) {
			if (rc == ATRACK_OK)
				*out = slug;
			else
				atr_free(slug);
			return rc;
		}
		atr_free(slug);
	}
	return atr_error(L->db, ATRACK_CONFLICT, "initiative slug '%s' is taken too often", in->slug);
}

static const char *initiative_date(loader *L, const fs_initiative *in)
{
	if (in->meeting >= 0 && L->model->meetings[in->meeting].start_date[0])
		return L->model->meetings[in->meeting].start_date;
	return L->today;
}

static int add_initiative(loader *L, const fs_initiative *in, size_t position, int64_t *id)
{
	static const char insert_sql[] =
		"INSERT INTO initiative (slug, title, body, section_id, meeting_id, position, created_at, "
		"document_id, line_start, line_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	static const char announce_sql[] =
		"INSERT INTO progress_update (initiative_id, status_id, note, author, event_date, recorded_at) "
		"VALUES (?, (SELECT id FROM status_code WHERE code = 'announced'), ?, ?, ?, ?)";
	char *slug = NULL;
	int rc = unique_initiative_slug(L, in, &slug);
	if (rc != ATRACK_OK)
		return rc;
	sqlite3_stmt *stmt;
	if ((rc = atr_stmt(L->db, insert_sql, &stmt)) != ATRACK_OK) {
		atr_free(slug);
		return rc;
	}
	bind_text(stmt, 1, slug);
	bind_text(stmt, 2, in->title);
	bind_text(stmt, 3, in->text);
	bind_optional_int(stmt, 4, in->section >= 0 ? L->section_ids[in->section] : 0);
	bind_optional_int(stmt, 5, in->meeting >= 0 ? L->meeting_ids[in->meeting] : 0);
	sqlite3_bind_int64(stmt, 6, (sqlite3_int64)position + 1);
	bind_text(stmt, 7, L->now);
	bind_optional_int(stmt, 8, L->document_id);
	bind_optional_int(stmt, 9, in->line_start);
	bind_optional_int(stmt, 10, in->line_end);
	rc = run_insert(L, stmt, id, "cannot add initiative");
	atr_free(slug);
	if (rc != ATRACK_OK)
		return rc;

	atr_buf note = ATR_BUF_INIT;
	if (in->meeting >= 0)
		atr_buf_printf(&note, "Announced at the %s.", L->model->meetings[in->meeting].name);
	else
		atr_buf_puts(&note, "Announced.");
	if (atr_buf_failed(&note))
		return atr_error(L->db, ATRACK_NOMEM, "out of memory");
	if ((rc = atr_stmt(L->db, announce_sql, &stmt)) != ATRACK_OK) {
		atr_buf_clear(&note);
		return rc;
	}
	sqlite3_bind_int64(stmt, 1, *id);
	bind_text(stmt, 2, note.data);
	bind_text(stmt, 3, atrack_author(L->db));
	bind_text(stmt, 4, initiative_date(L, in));
	bind_text(stmt, 5, L->now);
	rc = run(L, stmt, "cannot record announcement");
	atr_buf_clear(&note);
	return rc;
}

/* In a revised document, the initiative an item was before: the same slug,
 * else the same place in the list, unless another item took it already. */
static int find_previous_initiative(loader *L, const fs_initiative *in, size_t position,
                                    size_t index, int64_t *id, bool *found)
{
	static const char find_sql[] =
		"SELECT id FROM initiative WHERE document_id = ?1 AND (slug = ?2 OR position = ?3) "
		"ORDER BY slug = ?2 DESC LIMIT 1";
	sqlite3_stmt *stmt;
	int rc = atr_stmt(L->db, find_sql, &stmt);
	if (rc != ATRACK_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, L->document_id);
	bind_text(stmt, 2, in->slug);
	sqlite3_bind_int64(stmt, 3, (sqlite3_int64)position + 1);
	rc = run_for_id(L, stmt, id, found, "cannot look up initiative");
	for (size_t i = 0; rc == ATRACK_OK && *found && i < index; i++)
		if (L->initiative_ids[i] == *id)
			*found = false;
	return rc;
}

static int revise_initiative(loader *L, const fs_initiative *in, size_t position, int64_t id)
{
	/* Only a real change is written, so the audit log shows only those. */
	static const char update_sql[] =
		"UPDATE initiative SET title = ?1, body = ?2, section_id = ?3, meeting_id = ?4, "
		"position = ?5, line_start = ?6, line_end = ?7 WHERE id = ?8 AND "
		"(title IS NOT ?1 OR body IS NOT ?2 OR section_id IS NOT ?3 OR meeting_id IS NOT ?4 "
		"OR position IS NOT ?5 OR line_start IS NOT ?6 OR line_end IS NOT ?7)";
	sqlite3_stmt *stmt;
	int rc = atr_stmt(L->db, update_sql, &stmt);
	if (rc != ATRACK_OK)
		return rc;
	bind_text(stmt, 1, in->title);
	bind_text(stmt, 2, in->text);
	bind_optional_int(stmt, 3, in->section >= 0 ? L->section_ids[in->section] : 0);
	bind_optional_int(stmt, 4, in->meeting >= 0 ? L->meeting_ids[in->meeting] : 0);
	sqlite3_bind_int64(stmt, 5, (sqlite3_int64)position + 1);
	bind_optional_int(stmt, 6, in->line_start);
	bind_optional_int(stmt, 7, in->line_end);
	sqlite3_bind_int64(stmt, 8, id);
	return run(L, stmt, "cannot revise initiative");
}

static int load_initiative(loader *L, size_t index)
{
	const fs_initiative *in = &L->model->initiatives[index];
	int64_t id = 0;
	bool found = false;
	int rc = find_previous_initiative(L, in, index, index, &id, &found);
	if (rc != ATRACK_OK)
		return rc;
	count(&L->result->initiatives, !found);
	rc = found ? revise_initiative(L, in, index, id) : add_initiative(L, in, index, &id);
	if (rc != ATRACK_OK)
		return rc;
	L->initiative_ids[index] = id;
	if ((rc = sync_links(L, &framework_links, id, &in->frameworks, L->framework_ids)) != ATRACK_OK ||
	    (rc = sync_links(L, &party_links, id, &in->parties, L->party_ids)) != ATRACK_OK ||
	    (rc = sync_links(L, &exercise_links, id, &in->exercises, L->exercise_ids)) != ATRACK_OK ||
	    (rc = sync_links(L, &document_links, id, &in->documents, L->cited_ids)) != ATRACK_OK)
		return rc;
	return sync_links(L, &focus_area_links, id, &in->focus_areas, L->focus_area_ids);
}

static int count_initiatives_left_behind(loader *L)
{
	static const char unmatched_sql[] = "SELECT id FROM initiative WHERE document_id = ?1";
	sqlite3_stmt *stmt;
	int rc = atr_stmt(L->db, unmatched_sql, &stmt);
	if (rc != ATRACK_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, L->document_id);
	int src;
	unsigned int left = 0;
	while ((src = sqlite3_step(stmt)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(stmt, 0);
		bool kept = false;
		for (size_t i = 0; i < L->model->initiative_count && !kept; i++)
			kept = L->initiative_ids[i] == id;
		if (!kept)
			left++;
	}
	atr_stmt_done(stmt);
	if (src != SQLITE_DONE)
		return atr_sql_error(L->db, src, "cannot count initiatives");
	L->result->initiatives_no_longer_in_document = left;
	return ATRACK_OK;
}

/* ---- The document -------------------------------------------------------- */

/* The document's slug: its principal meeting's, else its title's. */
static char *document_slug(const fs_model *model)
{
	atr_buf b = ATR_BUF_INIT;
	if (model->meeting_count > 0) {
		atr_buf_printf(&b, "%s-fact-sheet", model->meetings[0].slug);
	} else {
		char *from_title = atr_slugify(model->title ? model->title : "fact sheet", 56);
		if (!from_title)
			return NULL;
		atr_buf_puts(&b, *from_title && strspn(from_title, "0123456789-") != strlen(from_title)
		                 ? from_title : "fact-sheet");
		atr_free(from_title);
	}
	return atr_buf_detach(&b);
}

/* Find the document this text is (by digest) or revises (by slug). */
static int find_document(loader *L, const char *slug, const char *sha256, bool *same_text)
{
	static const char by_digest_sql[] =
		"SELECT id FROM document WHERE kind = 'fact_sheet' AND sha256 = ?1";
	static const char by_slug_sql[] = "SELECT id FROM document WHERE slug = ?1";
	sqlite3_stmt *stmt;
	bool found;
	int64_t id;
	int rc = atr_stmt(L->db, by_digest_sql, &stmt);
	if (rc != ATRACK_OK)
		return rc;
	bind_text(stmt, 1, sha256);
	if ((rc = run_for_id(L, stmt, &id, &found, "cannot look up document")) != ATRACK_OK)
		return rc;
	*same_text = found;
	if (found) {
		L->document_id = id;
		return ATRACK_OK;
	}
	if ((rc = atr_stmt(L->db, by_slug_sql, &stmt)) != ATRACK_OK)
		return rc;
	bind_text(stmt, 1, slug);
	rc = run_for_id(L, stmt, &id, &found, "cannot look up document");
	L->document_id = found ? id : 0;
	return rc;
}

static int write_document(loader *L, const char *slug, const char *title, const char *source,
                          const char *sha256, const char *text, size_t len)
{
	static const char insert_sql[] =
		"INSERT INTO document (slug, title, kind, source, sha256, byte_size, body, imported_at) "
		"VALUES (?1, ?2, 'fact_sheet', ?3, ?4, ?5, ?6, ?7)";
	static const char revise_sql[] =
		"UPDATE document SET title = ?2, source = ?3, sha256 = ?4, byte_size = ?5, body = ?6, "
		"imported_at = ?7, revision = revision + 1 WHERE id = ?8";
	bool revising = L->document_id != 0;
	sqlite3_stmt *stmt;
	int rc = atr_stmt(L->db, revising ? revise_sql : insert_sql, &stmt);
	if (rc != ATRACK_OK)
		return rc;
	bind_text(stmt, 1, slug);
	bind_text(stmt, 2, title);
	bind_text(stmt, 3, source);
	bind_text(stmt, 4, sha256);
	sqlite3_bind_int64(stmt, 5, (sqlite3_int64)len);
	sqlite3_bind_text(stmt, 6, text, (int)len, SQLITE_STATIC);
	bind_text(stmt, 7, L->now);
	if (revising) {
		sqlite3_bind_int64(stmt, 8, L->document_id);
		return run(L, stmt, "cannot revise document");
	}
	return run_insert(L, stmt, &L->document_id, "cannot add document");
}

/* ---- The whole import ---------------------------------------------------- */

static int allocate_ids(loader *L)
{
	const fs_model *m = L->model;
	struct { int64_t **ids; size_t count; } arrays[] = {
		{ &L->party_ids, m->party_count }, { &L->person_ids, m->person_count },
		{ &L->meeting_ids, m->meeting_count }, { &L->section_ids, m->section_count },
		{ &L->framework_ids, m->framework_count }, { &L->focus_area_ids, m->focus_area_count },
		{ &L->exercise_ids, m->exercise_count }, { &L->cited_ids, m->cited_document_count },
		{ &L->initiative_ids, m->initiative_count },
	};
	for (size_t i = 0; i < ATR_ARRAY_SIZE(arrays); i++) {
		*arrays[i].ids = atr_calloc(arrays[i].count ? arrays[i].count : 1, sizeof(int64_t));
		if (!*arrays[i].ids)
			return atr_error(L->db, ATRACK_NOMEM, "out of memory");
	}
	return ATRACK_OK;
}

static void free_ids(loader *L)
{
	atr_free(L->party_ids);
	atr_free(L->person_ids);
	atr_free(L->meeting_ids);
	atr_free(L->section_ids);
	atr_free(L->framework_ids);
	atr_free(L->focus_area_ids);
	atr_free(L->exercise_ids);
	atr_free(L->cited_ids);
	atr_free(L->initiative_ids);
}

static int load_entities(loader *L)
{
	const fs_model *m = L->model;
	int rc = ATRACK_OK;
	for (size_t i = 0; rc == ATRACK_OK && i < m->party_count; i++) {
		const fs_party *p = &m->parties[i];
		const shared_name n = { p->slug, p->name, NULL, p->pos.line };
		rc = find_or_add(L, &party_kind, &n, p, &L->party_ids[i]);
	}
	for (size_t i = 0; rc == ATRACK_OK && i < m->person_count; i++) {
		const fs_person *p = &m->people[i];
		const shared_name n = { p->slug, p->name, NULL, p->pos.line };
		rc = find_or_add(L, &person_kind, &n, p, &L->person_ids[i]);
	}
	for (size_t i = 0; rc == ATRACK_OK && i < m->meeting_count; i++) {
		const fs_meeting *meeting = &m->meetings[i];
		const shared_name n = { meeting->slug, meeting->name, NULL, meeting->pos.line };
		rc = find_or_add(L, &meeting_kind, &n, meeting, &L->meeting_ids[i]);
	}
	for (size_t i = 0; rc == ATRACK_OK && i < m->meeting_count; i++)
		rc = load_meeting_links(L, i);
	for (size_t i = 0; rc == ATRACK_OK && i < m->section_count; i++) {
		const placed_section p = { &m->sections[i], i };
		const shared_name n = { p.section->slug, p.section->title, NULL, p.section->pos.line };
		rc = find_or_add(L, &section_kind, &n, &p, &L->section_ids[i]);
	}
	for (size_t i = 0; rc == ATRACK_OK && i < m->framework_count; i++) {
		const fs_framework *f = &m->frameworks[i];
		const shared_name n = { f->slug, f->name, f->acronym, f->pos.line };
		rc = find_or_add(L, &framework_kind, &n, f, &L->framework_ids[i]);
	}
	for (size_t i = 0; rc == ATRACK_OK && i < m->focus_area_count; i++)
		rc = load_focus_area(L, &m->focus_areas[i], &L->focus_area_ids[i]);
	for (size_t i = 0; rc == ATRACK_OK && i < m->exercise_count; i++) {
		const fs_exercise *e = &m->exercises[i];
		const shared_name n = { e->slug, e->name, NULL, e->pos.line };
		rc = find_or_add(L, &exercise_kind, &n, e, &L->exercise_ids[i]);
	}
	for (size_t i = 0; rc == ATRACK_OK && i < m->cited_document_count; i++) {
		const fs_cited_document *d = &m->cited_documents[i];
		const shared_name n = { d->slug, d->title, NULL, d->pos.line };
		rc = find_or_add(L, &cited_document_kind, &n, d, &L->cited_ids[i]);
	}
	for (size_t i = 0; rc == ATRACK_OK && i < m->initiative_count; i++)
		rc = load_initiative(L, i);
	if (rc == ATRACK_OK)
		rc = count_initiatives_left_behind(L);
	return rc;
}

/* The counts of an unchanged import: what the text holds, nothing added. */
static void count_found_only(const fs_model *m, atrack_import_result *r)
{
	r->parties.found = (unsigned int)m->party_count;
	r->people.found = (unsigned int)m->person_count;
	r->meetings.found = (unsigned int)m->meeting_count;
	r->sections.found = (unsigned int)m->section_count;
	r->initiatives.found = (unsigned int)m->initiative_count;
	r->frameworks.found = (unsigned int)m->framework_count;
	r->focus_areas.found = (unsigned int)m->focus_area_count;
	r->exercises.found = (unsigned int)m->exercise_count;
	r->cited_documents.found = (unsigned int)m->cited_document_count;
	for (size_t i = 0; i < m->meeting_count; i++)
		r->participants.found += (unsigned int)m->meetings[i].people.count;
	for (size_t i = 0; i < m->focus_area_count; i++)
		r->links.found += m->focus_areas[i].framework >= 0;
	for (size_t i = 0; i < m->initiative_count; i++) {
		const fs_initiative *in = &m->initiatives[i];
		r->links.found += (unsigned int)(in->frameworks.count + in->parties.count +
		                                 in->exercises.count + in->documents.count +
		                                 in->focus_areas.count);
	}
}

static int parse_text(atrack_db *db, const char *text, size_t len, const char *source,
                      fs_model **out)
{
	fs_error err;
	memset(&err, 0, sizeof err);
	int rc = fs_parse(text, len, out, &err);
	if (rc == ATRACK_PARSE)
		return atr_error_at(db, rc, err.line, err.column, "%s:%d:%d: %s", source,
		                    err.line, err.column, err.message);
	if (rc != ATRACK_OK)
		return atr_error(db, rc, "%s: %s", source, atrack_errstr(rc));
	return ATRACK_OK;
}

static int import_model(loader *L, const char *text, size_t len, const char *source,
                        unsigned int flags)
{
	char sha256[65];
	atr_sha256_hex(text, len, sha256);
	char *slug = document_slug(L->model);
	if (!slug)
		return atr_error(L->db, ATRACK_NOMEM, "out of memory");
	const char *title = L->model->title ? L->model->title : source;

	int rc = atr_write_begin(L->db);
	if (rc != ATRACK_OK) {
		atr_free(slug);
		return rc;
	}
	bool same_text = false;
	rc = find_document(L, slug, sha256, &same_text);
	if (rc == ATRACK_OK && same_text) {
		L->result->outcome = ATRACK_IMPORT_UNCHANGED;
		count_found_only(L->model, L->result);
	} else if (rc == ATRACK_OK) {
		L->result->outcome = L->document_id ? ATRACK_IMPORT_REVISED : ATRACK_IMPORT_NEW;
		rc = write_document(L, slug, title, source, sha256, text, len);
		if (rc == ATRACK_OK)
			rc = allocate_ids(L);
		if (rc == ATRACK_OK)
			rc = load_entities(L);
	}
	L->result->document_id = L->document_id;
	snprintf(L->result->document_slug, sizeof L->result->document_slug, "%s", slug);
	atr_free(slug);

	/* A dry run does all the work, so its counts are exact, then undoes it. */
	bool dry_run = flags & ATRACK_IMPORT_DRY_RUN;
	rc = atr_write_end(L->db, rc == ATRACK_OK && dry_run ? ATRACK_DONE : rc);
	return rc == ATRACK_DONE ? ATRACK_OK : rc;
}

int atrack_import_factsheet(atrack_db *db, const char *text, size_t len,
                            const atrack_import_opts *opts, atrack_import_result *result)
{
	if (!atr_db_usable(db) || (!text && len > 0))
		return atr_misuse(db, "atrack_import_factsheet");
	atr_clear_error(db);
	if (opts && opts->version != ATRACK_IMPORT_OPTS_VERSION)
		return atr_error(db, ATRACK_MISUSE, "unknown atrack_import_opts version %u",
		                 opts->version);
	const char *source = opts && opts->source_name ? opts->source_name : "-";
	unsigned int flags = opts ? opts->flags : 0;
	atrack_import_result scratch;
	if (!result)
		result = &scratch;
	memset(result, 0, sizeof *result);

	fs_model *model = NULL;
	int rc = parse_text(db, text ? text : "", len, source, &model);
	if (rc != ATRACK_OK)
		return rc;
	loader L;
	memset(&L, 0, sizeof L);
	L.db = db;
	L.model = model;
	L.result = result;
	atr_now(L.now);
	atr_today(L.today);
	rc = import_model(&L, text, len, source, flags);
	free_ids(&L);
	fs_model_free(model);
	return rc;
}

const char *atrack_bundled_factsheet(size_t *out_len, const char **out_name)
{
	if (out_len)
		*out_len = atr_bundled_factsheet_len;
	if (out_name)
		*out_name = atr_bundled_factsheet_name;
	return atr_bundled_factsheet;
}

int atrack_factsheet_json(atrack_db *db, const char *text, size_t len,
                          const char *source_name, char **out)
{
	if (!out || (!text && len > 0))
		return ATRACK_MISUSE;
	*out = NULL;
	if (db)
		atr_clear_error(db);
	const char *source = source_name ? source_name : "-";
	fs_model *model = NULL;
	int rc = parse_text(db, text ? text : "", len, source, &model);
	if (rc != ATRACK_OK)
		return rc;
	json_t *json = NULL;
	rc = fs_model_to_json(model, &json);
	fs_model_free(model);
	if (rc != ATRACK_OK)
		return db ? atr_error(db, rc, "out of memory") : rc;
	/* Hand back memory from our allocator, as atrack_free expects. */
	char *dumped = json_dumps(json, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(json);
	*out = dumped ? atr_strdup(dumped) : NULL;
	free(dumped);
	if (!*out)
		return db ? atr_error(db, ATRACK_NOMEM, "out of memory") : ATRACK_NOMEM;
	return ATRACK_OK;
}
