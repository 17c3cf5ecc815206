/*
 * loader_shared.c - the things documents share: parties, people, meetings,
 * sections, frameworks, focus areas, exercises and cited documents. Each
 * is found by its slug or name first (a framework also by its acronym), so
 * a thing named by two documents stays one row; only when it is not there
 * is it added, with this document as its origin. Also the links of
 * meetings (participants, documents), of focus areas (frameworks) and of
 * the document (its parties, each as a party or only mentioned).
 * Calls loader_sql.c, loader_stmt.c, loader_idset.c and the core.
 */
#include "loader_int.h"

#include <stdio.h>

/* How one shared kind is found and added (see loader_sql.c for the layout
 * of its statements). */
typedef struct shared_kind {
	const char *what;       /* "party", for messages */
	fsl_sql_id find;
	fsl_sql_id insert;
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
	int rc = fsl_stmt(L->db, k->find, &stmt);
	if (rc != ATRACK_OK)
		return rc;
	fsl_bind_text(stmt, 1, n->slug);
	fsl_bind_text(stmt, 2, n->name);
	if (sqlite3_bind_parameter_count(stmt) >= 3)
		fsl_bind_text(stmt, 3, n->acronym);
	snprintf(what, sizeof what, "cannot look up %s", k->what);
	rc = fsl_run_for_id(L, stmt, id, &found, what);
	if (rc != ATRACK_OK || found) {
		fsl_count(counter, false);
		return rc;
	}
	if ((rc = fsl_stmt(L->db, k->insert, &stmt)) != ATRACK_OK)
		return rc;
	fsl_bind_text(stmt, 1, n->slug);
	fsl_bind_text(stmt, 2, n->name);
	fsl_bind_optional_int(stmt, 3, L->document_id);
	fsl_bind_optional_int(stmt, 4, n->line);
	if (k->bind_own)
		k->bind_own(L, stmt, item);
	fsl_count(counter, true);
	snprintf(what, sizeof what, "cannot add %s", k->what);
	return fsl_run_insert(L, stmt, id, what);
}

static void bind_party(loader *L, sqlite3_stmt *stmt, const void *item)
{
	(void)L;
	fsl_bind_text(stmt, 5, ((const fs_party *)item)->short_name);
}

static const shared_kind party_kind = {
	"party", FSL_PARTY_FIND, FSL_PARTY_INSERT,
	offsetof(atrack_import_result, parties), bind_party,
};

static void bind_person(loader *L, sqlite3_stmt *stmt, const void *item)
{
	const fs_person *p = item;
	fsl_bind_optional_int(stmt, 5, p->party >= 0 ? L->party_ids[p->party] : 0);
}

static const shared_kind person_kind = {
	"person", FSL_PERSON_FIND, FSL_PERSON_INSERT,
	offsetof(atrack_import_result, people), bind_person,
};

static void bind_meeting(loader *L, sqlite3_stmt *stmt, const void *item)
{
	const fs_meeting *m = item;
	const char *start = m->start_date[0] ? m->start_date
	                  : L->default_date[0] ? L->default_date : NULL;
	fsl_bind_text(stmt, 5, m->kind);
	fsl_bind_text(stmt, 6, m->short_kind);
	fsl_bind_optional_int(stmt, 7, m->ordinal);
	fsl_bind_text(stmt, 8, start);
	fsl_bind_text(stmt, 9, m->end_date[0] ? m->end_date : start);
	fsl_bind_text(stmt, 10, m->place);
}

static const shared_kind meeting_kind = {
	"meeting", FSL_MEETING_FIND, FSL_MEETING_INSERT,
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
	fsl_bind_text(stmt, 5, p->section->heading);
	fsl_bind_text(stmt, 6, p->section->lead_in);
	sqlite3_bind_int64(stmt, 7, (sqlite3_int64)p->position + 1);
}

static const shared_kind section_kind = {
	"section", FSL_SECTION_FIND, FSL_SECTION_INSERT,
	offsetof(atrack_import_result, sections), bind_section,
};

static void bind_framework(loader *L, sqlite3_stmt *stmt, const void *item)
{
	(void)L;
	const fs_framework *f = item;
	fsl_bind_text(stmt, 5, f->acronym);
	fsl_bind_text(stmt, 6, f->kind ? f->kind : "body");
}

static const shared_kind framework_kind = {
	"framework", FSL_FRAMEWORK_FIND, FSL_FRAMEWORK_INSERT,
	offsetof(atrack_import_result, frameworks), bind_framework,
};

static void bind_focus_area(loader *L, sqlite3_stmt *stmt, const void *item)
{
	(void)L;
	const fs_focus_area *a = item;
	fsl_bind_text(stmt, 5, a->kind ? a->kind : "focus");
}

static const shared_kind focus_area_kind = {
	"focus area", FSL_FOCUS_AREA_FIND, FSL_FOCUS_AREA_INSERT,
	offsetof(atrack_import_result, focus_areas), bind_focus_area,
};

static const shared_kind exercise_kind = {
	"exercise", FSL_EXERCISE_FIND, FSL_EXERCISE_INSERT,
	offsetof(atrack_import_result, exercises), NULL,
};

static const shared_kind cited_document_kind = {
	"cited document", FSL_CITED_FIND, FSL_CITED_INSERT,
	offsetof(atrack_import_result, cited_documents), NULL,
};

/* A focus area is also linked to the framework it was listed for. */
static int load_focus_area(loader *L, const fs_focus_area *a, int64_t *id)
{
	const shared_name name = { a->slug, a->name, NULL, a->pos.line };
	int rc = find_or_add(L, &focus_area_kind, &name, a, id);
	if (rc != ATRACK_OK || a->framework < 0)
		return rc;
	sqlite3_stmt *stmt;
	if ((rc = fsl_stmt(L->db, FSL_FRAMEWORK_FOCUS_AREA_INSERT, &stmt)) != ATRACK_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, L->framework_ids[a->framework]);
	sqlite3_bind_int64(stmt, 2, *id);
	fsl_bind_optional_int(stmt, 3, L->document_id);
	rc = fsl_run(L, stmt, "cannot link focus area");
	fsl_count(&L->result->links, sqlite3_changes(L->db->sql) > 0);
	return rc;
}

/* A meeting's participants, and this document as one of its documents. */
static int load_meeting_links(loader *L, size_t meeting)
{
	const fs_meeting *m = &L->model->meetings[meeting];
	sqlite3_stmt *stmt;
	int rc;
	for (size_t i = 0; i < m->people.count; i++) {
		const fs_person *p = &L->model->people[m->people.items[i]];
		if ((rc = fsl_stmt(L->db, FSL_MEETING_PERSON_INSERT, &stmt)) != ATRACK_OK)
			return rc;
		sqlite3_bind_int64(stmt, 1, L->meeting_ids[meeting]);
		sqlite3_bind_int64(stmt, 2, L->person_ids[m->people.items[i]]);
		fsl_bind_text(stmt, 3, p->title);
		fsl_bind_optional_int(stmt, 4, p->party >= 0 ? L->party_ids[p->party] : 0);
		fsl_bind_optional_int(stmt, 5, L->document_id);
		if ((rc = fsl_run(L, stmt, "cannot add participant")) != ATRACK_OK)
			return rc;
		fsl_count(&L->result->participants, sqlite3_changes(L->db->sql) > 0);
	}
	if ((rc = fsl_stmt(L->db, FSL_MEETING_DOCUMENT_INSERT, &stmt)) != ATRACK_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, L->meeting_ids[meeting]);
	sqlite3_bind_int64(stmt, 2, L->document_id);
	return fsl_run(L, stmt, "cannot link meeting and document");
}

/* The document's parties, each in its role in this text (a party to the
 * meeting, or only mentioned); those a revised text no longer names are
 * removed. */
static int load_document_parties(loader *L)
{
	const fs_model *m = L->model;
	fsl_idset *named = fsl_idset_new(m->party_count);
	if (!named)
		return atr_error(L->db, ATRACK_NOMEM, "out of memory");
	sqlite3_stmt *stmt;
	int rc = ATRACK_OK;
	for (size_t i = 0; rc == ATRACK_OK && i < m->party_count; i++) {
		if (!fsl_idset_add(named, L->party_ids[i])) {
			rc = atr_error(L->db, ATRACK_NOMEM, "out of memory");
			break;
		}
		if ((rc = fsl_stmt(L->db, FSL_DOCUMENT_PARTY_UPSERT, &stmt)) != ATRACK_OK)
			break;
		sqlite3_bind_int64(stmt, 1, L->document_id);
		sqlite3_bind_int64(stmt, 2, L->party_ids[i]);
		fsl_bind_text(stmt, 3, m->parties[i].mentioned ? "mentioned" : "party");
		rc = fsl_run(L, stmt, "cannot link document and party");
	}
	/* Stale links, collected in batches and then deleted, so the listing
	 * never runs over rows being deleted. */
	int64_t stale[64];
	size_t stale_count = ATR_ARRAY_SIZE(stale);
	while (rc == ATRACK_OK && L->revising && stale_count == ATR_ARRAY_SIZE(stale)) {
		stale_count = 0;
		if ((rc = fsl_stmt(L->db, FSL_DOCUMENT_PARTY_OF_DOCUMENT, &stmt)) != ATRACK_OK)
			break;
		sqlite3_bind_int64(stmt, 1, L->document_id);
		int src;
		while (stale_count < ATR_ARRAY_SIZE(stale) && (src = sqlite3_step(stmt)) == SQLITE_ROW)
			if (!fsl_idset_has(named, sqlite3_column_int64(stmt, 1)))
				stale[stale_count++] = sqlite3_column_int64(stmt, 0);
		atr_stmt_done(stmt);
		if (stale_count < ATR_ARRAY_SIZE(stale) && src != SQLITE_DONE)
			rc = atr_sql_error(L->db, src, "cannot read the document's parties");
		for (size_t i = 0; rc == ATRACK_OK && i < stale_count; i++) {
			if ((rc = fsl_stmt(L->db, FSL_DOCUMENT_PARTY_DELETE, &stmt)) != ATRACK_OK)
				break;
			sqlite3_bind_int64(stmt, 1, stale[i]);
			rc = fsl_run(L, stmt, "cannot remove the document's party");
		}
	}
	fsl_idset_free(named);
	return rc;
}

int fsl_load_shared(loader *L)
{
	const fs_model *m = L->model;
	int rc = ATRACK_OK;
	for (size_t i = 0; rc == ATRACK_OK && i < m->party_count; i++) {
		const fs_party *p = &m->parties[i];
		const shared_name n = { p->slug, p->name, NULL, p->pos.line };
		rc = find_or_add(L, &party_kind, &n, p, &L->party_ids[i]);
	}
	if (rc == ATRACK_OK)
		rc = load_document_parties(L);
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
	return rc;
}
