/*
 * factsheet_json.c - the parsed model of a fact sheet as JSON, for
 * `atrack import --dry-run --json`. Keys come in a fixed order and cross
 * references are written as slugs, so the output is stable and readable.
 */
#include "factsheet_int.h"

#include <jansson.h>

/* Set key to value, taking the reference; false (and value released) on
 * failure. A NULL value is a failure too, so nested builders chain. */
static bool set(json_t *obj, const char *key, json_t *value)
{
	return value && json_object_set_new(obj, key, value) == 0;
}

static json_t *string_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *pos_json(fs_pos pos)
{
	json_t *o = json_object();
	if (o && set(o, "line", json_integer(pos.line)) &&
	    set(o, "column", json_integer(pos.column)))
		return o;
	json_decref(o);
	return NULL;
}

/* The slug of element `index`, found through `slug_at`, or null. */
typedef const char *(*slug_fn)(const fs_model *m, int index);

static const char *party_slug(const fs_model *m, int i) { return m->parties[i].slug; }
static const char *person_slug(const fs_model *m, int i) { return m->people[i].slug; }
static const char *meeting_slug(const fs_model *m, int i) { return m->meetings[i].slug; }
static const char *section_slug(const fs_model *m, int i) { return m->sections[i].slug; }
static const char *framework_slug(const fs_model *m, int i) { return m->frameworks[i].slug; }
static const char *focus_slug(const fs_model *m, int i) { return m->focus_areas[i].slug; }
static const char *exercise_slug(const fs_model *m, int i) { return m->exercises[i].slug; }
static const char *document_slug(const fs_model *m, int i) { return m->cited_documents[i].slug; }

static json_t *ref_json(const fs_model *m, int index, size_t count, slug_fn slug)
{
	if (index < 0 || (size_t)index >= count)
		return json_null();
	return json_string(slug(m, index));
}

static json_t *refs_json(const fs_model *m, const fs_refs *r, size_t count, slug_fn slug)
{
	json_t *a = json_array();
	if (!a)
		return NULL;
	for (size_t i = 0; i < r->count; i++) {
		if (json_array_append_new(a, ref_json(m, r->items[i], count, slug)) != 0) {
			json_decref(a);
			return NULL;
		}
	}
	return a;
}

static bool add_element(json_t *array, json_t *o, bool ok)
{
	if (!ok) {
		json_decref(o);
		return false;
	}
	return json_array_append_new(array, o) == 0;
}

static bool parties_json(const fs_model *m, json_t *a)
{
	for (size_t i = 0; i < m->party_count; i++) {
		const fs_party *x = &m->parties[i];
		json_t *o = json_object();
		if (!o || !add_element(a, o,
		        set(o, "slug", json_string(x->slug)) &&
		        set(o, "name", json_string(x->name)) &&
		        set(o, "short_name", string_or_null(x->short_name)) &&
		        set(o, "role", json_string(x->mentioned ? "mentioned" : "party")) &&
		        set(o, "pos", pos_json(x->pos))))
			return false;
	}
	return true;
}

static bool people_json(const fs_model *m, json_t *a)
{
	for (size_t i = 0; i < m->person_count; i++) {
		const fs_person *x = &m->people[i];
		json_t *o = json_object();
		if (!o || !add_element(a, o,
		        set(o, "slug", json_string(x->slug)) &&
		        set(o, "name", json_string(x->name)) &&
		        set(o, "title", string_or_null(x->title)) &&
		        set(o, "party", ref_json(m, x->party, m->party_count, party_slug)) &&
		        set(o, "pos", pos_json(x->pos))))
			return false;
	}
	return true;
}

static json_t *date_or_null(const char *d)
{
	return d[0] ? json_string(d) : json_null();
}

static bool meetings_json(const fs_model *m, json_t *a)
{
	for (size_t i = 0; i < m->meeting_count; i++) {
		const fs_meeting *x = &m->meetings[i];
		json_t *o = json_object();
		if (!o || !add_element(a, o,
		        set(o, "slug", json_string(x->slug)) &&
		        set(o, "name", json_string(x->name)) &&
		        set(o, "kind", json_string(x->kind)) &&
		        set(o, "short_kind", string_or_null(x->short_kind)) &&
		        set(o, "ordinal", x->ordinal ? json_integer(x->ordinal) : json_null()) &&
		        set(o, "start_date", date_or_null(x->start_date)) &&
		        set(o, "end_date", date_or_null(x->end_date)) &&
		        set(o, "place", string_or_null(x->place)) &&
		        set(o, "people", refs_json(m, &x->people, m->person_count, person_slug)) &&
		        set(o, "pos", pos_json(x->pos))))
			return false;
	}
	return true;
}

static bool sections_json(const fs_model *m, json_t *a)
{
	for (size_t i = 0; i < m->section_count; i++) {
		const fs_section *x = &m->sections[i];
		json_t *o = json_object();
		if (!o || !add_element(a, o,
		        set(o, "slug", json_string(x->slug)) &&
		        set(o, "heading", json_string(x->heading)) &&
		        set(o, "title", json_string(x->title)) &&
		        set(o, "lead_in", string_or_null(x->lead_in)) &&
		        set(o, "pos", pos_json(x->pos)) &&
		        set(o, "lead_in_pos", x->lead_in ? pos_json(x->lead_in_pos) : json_null())))
			return false;
	}
	return true;
}

static bool frameworks_json(const fs_model *m, json_t *a)
{
	for (size_t i = 0; i < m->framework_count; i++) {
		const fs_framework *x = &m->frameworks[i];
		json_t *o = json_object();
		if (!o || !add_element(a, o,
		        set(o, "slug", json_string(x->slug)) &&
		        set(o, "name", json_string(x->name)) &&
		        set(o, "acronym", string_or_null(x->acronym)) &&
		        set(o, "kind", json_string(x->kind)) &&
		        set(o, "pos", pos_json(x->pos))))
			return false;
	}
	return true;
}

static bool focus_json(const fs_model *m, json_t *a)
{
	for (size_t i = 0; i < m->focus_area_count; i++) {
		const fs_focus_area *x = &m->focus_areas[i];
		json_t *o = json_object();
		if (!o || !add_element(a, o,
		        set(o, "slug", json_string(x->slug)) &&
		        set(o, "name", json_string(x->name)) &&
		        set(o, "kind", json_string(x->kind)) &&
		        set(o, "framework", ref_json(m, x->framework, m->framework_count,
		                                     framework_slug)) &&
		        set(o, "pos", pos_json(x->pos))))
			return false;
	}
	return true;
}

static bool exercises_json(const fs_model *m, json_t *a)
{
	for (size_t i = 0; i < m->exercise_count; i++) {
		const fs_exercise *x = &m->exercises[i];
		json_t *o = json_object();
		if (!o || !add_element(a, o,
		        set(o, "slug", json_string(x->slug)) &&
		        set(o, "name", json_string(x->name)) &&
		        set(o, "pos", pos_json(x->pos))))
			return false;
	}
	return true;
}

static bool documents_json(const fs_model *m, json_t *a)
{
	for (size_t i = 0; i < m->cited_document_count; i++) {
		const fs_cited_document *x = &m->cited_documents[i];
		json_t *o = json_object();
		if (!o || !add_element(a, o,
		        set(o, "slug", json_string(x->slug)) &&
		        set(o, "title", json_string(x->title)) &&
		        set(o, "pos", pos_json(x->pos))))
			return false;
	}
	return true;
}

static bool initiatives_json(const fs_model *m, json_t *a)
{
	for (size_t i = 0; i < m->initiative_count; i++) {
		const fs_initiative *x = &m->initiatives[i];
		json_t *o = json_object();
		if (!o || !add_element(a, o,
		        set(o, "slug", json_string(x->slug)) &&
		        set(o, "title", json_string(x->title)) &&
		        set(o, "text", json_string(x->text)) &&
		        set(o, "section", ref_json(m, x->section, m->section_count, section_slug)) &&
		        set(o, "meeting", ref_json(m, x->meeting, m->meeting_count, meeting_slug)) &&
		        set(o, "line_start", json_integer(x->line_start)) &&
		        set(o, "line_end", json_integer(x->line_end)) &&
		        set(o, "column", json_integer(x->column)) &&
		        set(o, "frameworks", refs_json(m, &x->frameworks, m->framework_count,
		                                       framework_slug)) &&
		        set(o, "parties", refs_json(m, &x->parties, m->party_count, party_slug)) &&
		        set(o, "exercises", refs_json(m, &x->exercises, m->exercise_count,
		                                      exercise_slug)) &&
		        set(o, "documents", refs_json(m, &x->documents, m->cited_document_count,
		                                      document_slug)) &&
		        set(o, "focus_areas", refs_json(m, &x->focus_areas, m->focus_area_count,
		                                        focus_slug))))
			return false;
	}
	return true;
}

static bool section_array(json_t *root, const char *key, const fs_model *m,
                          bool (*fill)(const fs_model *, json_t *))
{
	json_t *a = json_array();
	if (!a)
		return false;
	if (!fill(m, a)) {
		json_decref(a);
		return false;
	}
	return set(root, key, a);
}

int fs_model_to_json(const fs_model *m, json_t **out)
{
	json_t *root = json_object();
	*out = NULL;
	if (!root)
		return ATRACK_NOMEM;
	bool ok = set(root, "title", string_or_null(m->title)) &&
	          set(root, "title_pos", m->title ? pos_json(m->title_pos) : json_null()) &&
	          set(root, "line_count", json_integer(m->line_count)) &&
	          set(root, "boilerplate_line", m->boilerplate_line
	                  ? json_integer(m->boilerplate_line) : json_null()) &&
	          section_array(root, "parties", m, parties_json) &&
	          section_array(root, "people", m, people_json) &&
	          section_array(root, "meetings", m, meetings_json) &&
	          section_array(root, "sections", m, sections_json) &&
	          section_array(root, "frameworks", m, frameworks_json) &&
	          section_array(root, "focus_areas", m, focus_json) &&
	          section_array(root, "exercises", m, exercises_json) &&
	          section_array(root, "cited_documents", m, documents_json) &&
	          section_array(root, "initiatives", m, initiatives_json);
	if (!ok) {
		json_decref(root);
		return ATRACK_NOMEM;
	}
	*out = root;
	return ATRACK_OK;
}
