/*
 * loader_initiative.c - the initiatives of a document: a new one is added
 * with a unique slug and its first progress update ("announced"); one a
 * revised text still has is revised in place (its progress updates are the
 * analysts' and stay); the links this document gives each are made exactly
 * what the text says, leaving links made by hand alone. Calls
 * loader_sql.c, loader_stmt.c and the core.
 */
#include "loader_int.h"

#include <string.h>

/* The statements of one link table of an initiative. */
typedef struct link_table {
	fsl_sql_id insert, select, delete;
} link_table;

static const link_table framework_links = {
	FSL_INITIATIVE_FRAMEWORK_INSERT, FSL_INITIATIVE_FRAMEWORK_SELECT, FSL_INITIATIVE_FRAMEWORK_DELETE,
};
static const link_table party_links = {
	FSL_INITIATIVE_PARTY_INSERT, FSL_INITIATIVE_PARTY_SELECT, FSL_INITIATIVE_PARTY_DELETE,
};
static const link_table exercise_links = {
	FSL_INITIATIVE_EXERCISE_INSERT, FSL_INITIATIVE_EXERCISE_SELECT, FSL_INITIATIVE_EXERCISE_DELETE,
};
static const link_table document_links = {
	FSL_INITIATIVE_DOCUMENT_INSERT, FSL_INITIATIVE_DOCUMENT_SELECT, FSL_INITIATIVE_DOCUMENT_DELETE,
};
static const link_table focus_area_links = {
	FSL_INITIATIVE_FOCUS_AREA_INSERT, FSL_INITIATIVE_FOCUS_AREA_SELECT, FSL_INITIATIVE_FOCUS_AREA_DELETE,
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
		if ((rc = fsl_stmt(L->db, table->insert, &stmt)) != ATRACK_OK)
			return rc;
		sqlite3_bind_int64(stmt, 1, id);
		sqlite3_bind_int64(stmt, 2, target_ids[refs->items[i]]);
		fsl_bind_optional_int(stmt, 3, L->document_id);
		if ((rc = fsl_run(L, stmt, "cannot link initiative")) != ATRACK_OK)
			return rc;
		fsl_count(&L->result->links, sqlite3_changes(L->db->sql) > 0);
	}

	/* Collect stale link ids in batches, then delete them, so the listing
	 * query never runs over rows being deleted. */
	int64_t stale[64];
	size_t stale_count;
	do {
		stale_count = 0;
		if ((rc = fsl_stmt(L->db, table->select, &stmt)) != ATRACK_OK)
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
			if ((rc = fsl_stmt(L->db, table->delete, &stmt)) != ATRACK_OK)
				return rc;
			sqlite3_bind_int64(stmt, 1, stale[i]);
			if ((rc = fsl_run(L, stmt, "cannot remove link")) != ATRACK_OK)
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
		int rc = fsl_stmt(L->db, FSL_INITIATIVE_SLUG_TAKEN, &stmt);
		if (rc == ATRACK_OK) {
			fsl_bind_text(stmt, 1, slug);
			rc = fsl_run_for_id(L, stmt, &other, &taken, "cannot check slug");
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

const char *fsl_announcement_date(const loader *L, int meeting)
{
	const char *date = L->default_date[0] ? L->default_date : NULL;
	if (meeting >= 0 && L->model->meetings[meeting].start_date[0])
		date = L->model->meetings[meeting].start_date;
	/* A meeting still to come is announced now: dated on its day, the
	 * announcement would stay the latest update past every update logged
	 * before then. */
	if (date && strcmp(date, L->today) > 0)
		date = L->today;
	return date;
}

static int add_initiative(loader *L, const fs_initiative *in, size_t position, int64_t *id)
{
	const char *date = fsl_announcement_date(L, in->meeting);
	if (!date)
		return atr_error_at(L->db, ATRACK_INVALID, in->line_start, in->column,
		                    "%s:%d:%d: the meeting date is unknown (the text gives none)",
		                    L->source, in->line_start, in->column);
	char *slug = NULL;
	int rc = unique_initiative_slug(L, in, &slug);
	if (rc != ATRACK_OK)
		return rc;
	sqlite3_stmt *stmt;
	if ((rc = fsl_stmt(L->db, FSL_INITIATIVE_INSERT, &stmt)) != ATRACK_OK) {
		atr_free(slug);
		return rc;
	}
	fsl_bind_text(stmt, 1, slug);
	fsl_bind_text(stmt, 2, in->title);
	fsl_bind_text(stmt, 3, in->text);
	fsl_bind_optional_int(stmt, 4, in->section >= 0 ? L->section_ids[in->section] : 0);
	fsl_bind_optional_int(stmt, 5, in->meeting >= 0 ? L->meeting_ids[in->meeting] : 0);
	sqlite3_bind_int64(stmt, 6, (sqlite3_int64)position + 1);
	fsl_bind_text(stmt, 7, L->now);
	fsl_bind_optional_int(stmt, 8, L->document_id);
	fsl_bind_optional_int(stmt, 9, in->line_start);
	fsl_bind_optional_int(stmt, 10, in->line_end);
	rc = fsl_run_insert(L, stmt, id, "cannot add initiative");
	atr_free(slug);
	if (rc != ATRACK_OK)
		return rc;

	atr_buf note = ATR_BUF_INIT;
	const fs_meeting *m = in->meeting >= 0 ? &L->model->meetings[in->meeting] : NULL;
	const char *held = m && m->start_date[0] ? m->start_date : L->default_date;
	if (m && strcmp(held, date) > 0)
		atr_buf_printf(&note, "Announced for the %s on %s.", m->name, held);
	else if (m)
		atr_buf_printf(&note, "Announced at the %s.", m->name);
	else
		atr_buf_puts(&note, "Announced.");
	if (atr_buf_failed(&note))
		return atr_error(L->db, ATRACK_NOMEM, "out of memory");
	if ((rc = fsl_stmt(L->db, FSL_ANNOUNCEMENT_INSERT, &stmt)) != ATRACK_OK) {
		atr_buf_clear(&note);
		return rc;
	}
	sqlite3_bind_int64(stmt, 1, *id);
	fsl_bind_text(stmt, 2, note.data);
	fsl_bind_text(stmt, 3, atrack_author(L->db));
	fsl_bind_text(stmt, 4, date);
	fsl_bind_text(stmt, 5, L->now);
	rc = fsl_run(L, stmt, "cannot record announcement");
	atr_buf_clear(&note);
	return rc;
}

/* In a revised document, the initiative an item was before: the same slug,
 * else the same place in the list, unless another item took it already.
 * Each lookup is one indexed row, so matching is linear in the document. */
static int find_previous_initiative(loader *L, const fs_initiative *in, size_t position,
                                    int64_t *id, bool *found)
{
	*found = false;
	if (!L->revising)
		return ATRACK_OK;
	sqlite3_stmt *stmt;
	int rc = fsl_stmt(L->db, FSL_INITIATIVE_PREVIOUS_BY_SLUG, &stmt);
	if (rc != ATRACK_OK)
		return rc;
	fsl_bind_text(stmt, 1, in->slug);
	sqlite3_bind_int64(stmt, 2, L->document_id);
	rc = fsl_run_for_id(L, stmt, id, found, "cannot look up initiative");
	if (rc == ATRACK_OK && !*found) {
		if ((rc = fsl_stmt(L->db, FSL_INITIATIVE_PREVIOUS_BY_POSITION, &stmt)) != ATRACK_OK)
			return rc;
		sqlite3_bind_int64(stmt, 1, L->document_id);
		sqlite3_bind_int64(stmt, 2, (sqlite3_int64)position + 1);
		rc = fsl_run_for_id(L, stmt, id, found, "cannot look up initiative");
	}
	if (rc == ATRACK_OK && *found && fsl_idset_has(L->taken, *id))
		*found = false;
	return rc;
}

static int revise_initiative(loader *L, const fs_initiative *in, size_t position, int64_t id)
{
	sqlite3_stmt *stmt;
	int rc = fsl_stmt(L->db, FSL_INITIATIVE_REVISE, &stmt);
	if (rc != ATRACK_OK)
		return rc;
	fsl_bind_text(stmt, 1, in->title);
	fsl_bind_text(stmt, 2, in->text);
	fsl_bind_optional_int(stmt, 3, in->section >= 0 ? L->section_ids[in->section] : 0);
	fsl_bind_optional_int(stmt, 4, in->meeting >= 0 ? L->meeting_ids[in->meeting] : 0);
	sqlite3_bind_int64(stmt, 5, (sqlite3_int64)position + 1);
	fsl_bind_optional_int(stmt, 6, in->line_start);
	fsl_bind_optional_int(stmt, 7, in->line_end);
	sqlite3_bind_int64(stmt, 8, id);
	return fsl_run(L, stmt, "cannot revise initiative");
}

static int load_initiative(loader *L, size_t index)
{
	const fs_initiative *in = &L->model->initiatives[index];
	int64_t id = 0;
	bool found = false;
	int rc = find_previous_initiative(L, in, index, &id, &found);
	if (rc != ATRACK_OK)
		return rc;
	fsl_count(&L->result->initiatives, !found);
	rc = found ? revise_initiative(L, in, index, id) : add_initiative(L, in, index, &id);
	if (rc != ATRACK_OK)
		return rc;
	L->initiative_ids[index] = id;
	if (!fsl_idset_add(L->taken, id))
		return atr_error(L->db, ATRACK_NOMEM, "out of memory");
	if ((rc = sync_links(L, &framework_links, id, &in->frameworks, L->framework_ids)) != ATRACK_OK ||
	    (rc = sync_links(L, &party_links, id, &in->parties, L->party_ids)) != ATRACK_OK ||
	    (rc = sync_links(L, &exercise_links, id, &in->exercises, L->exercise_ids)) != ATRACK_OK ||
	    (rc = sync_links(L, &document_links, id, &in->documents, L->cited_ids)) != ATRACK_OK)
		return rc;
	return sync_links(L, &focus_area_links, id, &in->focus_areas, L->focus_area_ids);
}

static int count_initiatives_left_behind(loader *L)
{
	sqlite3_stmt *stmt;
	int rc = fsl_stmt(L->db, FSL_INITIATIVE_OF_DOCUMENT, &stmt);
	if (rc != ATRACK_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, L->document_id);
	int src;
	unsigned int left = 0;
	while ((src = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (!fsl_idset_has(L->taken, sqlite3_column_int64(stmt, 0)))
			left++;
	}
	atr_stmt_done(stmt);
	if (src != SQLITE_DONE)
		return atr_sql_error(L->db, src, "cannot count initiatives");
	L->result->initiatives_no_longer_in_document = left;
	return ATRACK_OK;
}

int fsl_load_initiatives(loader *L)
{
	L->taken = fsl_idset_new(L->model->initiative_count);
	if (!L->taken)
		return atr_error(L->db, ATRACK_NOMEM, "out of memory");
	int rc = ATRACK_OK;
	for (size_t i = 0; rc == ATRACK_OK && i < L->model->initiative_count; i++)
		rc = load_initiative(L, i);
	if (rc == ATRACK_OK)
		rc = count_initiatives_left_behind(L);
	return rc;
}
