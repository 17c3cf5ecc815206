/*
 * loader.c - the loader's public entry points: atrack_import_factsheet
 * writes a parsed fact sheet (factsheet.h's document model) into the
 * database in one transaction, in the order the rows need each other (the
 * document, the shared things, the initiatives), and counts what it found
 * and added; atrack_factsheet_json and atrack_bundled_factsheet. Calls the
 * parser (fs_parse, fs_model_to_json), the other loader files
 * (loader_int.h) and the core.
 */
#include "loader_int.h"

#include <jansson.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	fsl_idset_free(L->taken);
}

static int load_entities(loader *L)
{
	int rc = fsl_load_shared(L);
	return rc == ATRACK_OK ? fsl_load_initiatives(L) : rc;
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
	char *slug = fsl_document_slug(L->model);
	if (!slug)
		return atr_error(L->db, ATRACK_NOMEM, "out of memory");
	const char *title = L->model->title ? L->model->title : source;

	int rc = atr_write_begin(L->db);
	if (rc != ATRACK_OK) {
		atr_free(slug);
		return rc;
	}
	bool same_text = false;
	rc = fsl_find_document(L, &slug, title, sha256, &same_text);
	if (rc == ATRACK_OK && same_text) {
		L->result->outcome = ATRACK_IMPORT_UNCHANGED;
		count_found_only(L->model, L->result);
	} else if (rc == ATRACK_OK) {
		L->revising = L->document_id != 0;
		L->result->outcome = L->revising ? ATRACK_IMPORT_REVISED : ATRACK_IMPORT_NEW;
		rc = fsl_write_document(L, slug, title, source, sha256, text, len);
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
	/* Version 1 ends before meeting_date: it must not be read. */
	if (opts && opts->version != 1 && opts->version != ATRACK_IMPORT_OPTS_VERSION)
		return atr_error(db, ATRACK_MISUSE, "unknown atrack_import_opts version %u",
		                 opts->version);
	const char *meeting_date = opts && opts->version >= 2 ? opts->meeting_date : NULL;
	if (meeting_date && !atr_date_valid(meeting_date))
		return atr_error(db, ATRACK_INVALID, "meeting date '%s' is not a date (YYYY-MM-DD)",
		                 meeting_date);
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
	L.source = source;
	if (meeting_date)
		snprintf(L.default_date, sizeof L.default_date, "%s", meeting_date);
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
