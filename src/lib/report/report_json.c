/*
 * report_json.c - the report as one JSON document (fields in
 * docs/report.md), written with jansson piece by piece: the head and the
 * summary as small objects, then each initiative and each change as it is
 * read, so the document streams like the other formats.
 */
#include "report_int.h"

#include <jansson.h>
#include <stdlib.h>

/* Bumped when a field changes meaning or goes away (adding one is fine). */
#define REPORT_JSON_FORMAT_VERSION 1

/* Dump `value` (released here) into the sink; NULL means memory ran out. */
static void put_json(atr_sink *s, json_t *value)
{
	char *text = value ? json_dumps(value, JSON_COMPACT | JSON_PRESERVE_ORDER
	                                | JSON_ENCODE_ANY) : NULL;
	json_decref(value);
	if (!text) {
		s->failed = true;
		return;
	}
	atr_sink_puts(s, text);
	free(text);
}

static json_t *string_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *group_json(atrack_report *r, const atrack_report_summary *g)
{
	json_t *by_status = json_object();
	for (size_t i = 0; by_status && i < r->status_count; i++)
		json_object_set_new(by_status, r->statuses[i].code, json_integer(g->by_status[i]));
	return json_pack("{s:I, s:o, s:s, s:i, s:i, s:i, s:i, s:i, s:o, s:{s:i, s:i, s:i, s:i}}",
	                 "id", (json_int_t)g->id, "slug", string_or_null(g->slug), "name", g->name,
	                 "total", (int)g->total, "completed", (int)g->completed,
	                 "percent_completed", atr_percent(g->completed, g->total),
	                 "overdue", (int)g->overdue, "stale", (int)g->stale,
	                 "by_status", by_status ? by_status : json_null(),
	                 "by_health", "on_track", (int)g->on_track, "at_risk", (int)g->at_risk,
	                 "off_track", (int)g->off_track, "none", (int)g->no_health);
}

static void put_groups(atrack_report *r, atr_sink *s, atrack_report_group group)
{
	atr_sink_puts(s, "[");
	for (size_t i = 0; i < atrack_report_group_count(r, group); i++) {
		atr_sink_puts(s, i ? ",\n    " : "\n    ");
		put_json(s, group_json(r, atrack_report_group_at(r, group, i)));
	}
	atr_sink_puts(s, "]");
}

static json_t *percent_or_null(int percent)
{
	return percent >= 0 ? json_integer(percent) : json_null();
}

static json_t *id_or_null(int64_t id)
{
	return id ? json_integer((json_int_t)id) : json_null();
}

/* What was appended to a row after the first format: set on `j`, which is
 * handed back (NULL stays NULL). */
static json_t *row_more(json_t *j, const atrack_report_row *row)
{
	if (!j)
		return NULL;
	json_object_set_new(j, "meeting_name", string_or_null(row->meeting_name));
	/* The group it is listed under (--group-by): by framework or party an
	 * initiative is in the array once per group. */
	json_object_set_new(j, "group", string_or_null(row->group_name));
	json_object_set_new(j, "latest_note", string_or_null(row->latest_note));
	json_object_set_new(j, "latest_note_date", string_or_null(row->latest_note_date));
	json_object_set_new(j, "evidence_url", string_or_null(row->evidence_url));
	json_object_set_new(j, "health_update_id", id_or_null(row->health_update_id));
	json_object_set_new(j, "health_date", string_or_null(row->health_date));
	json_object_set_new(j, "percent_update_id", id_or_null(row->percent_update_id));
	json_object_set_new(j, "percent_date", string_or_null(row->percent_date));
	return j;
}

static json_t *row_json(const atrack_report_row *row)
{
	return row_more(json_pack("{s:I, s:s, s:s, s:o, s:o, s:s, s:o, s:s, s:s, s:o, s:o, s:s, s:i,"
	                 " s:o, s:b, s:b, s:o, s:o, s:I}",
	                 "id", (json_int_t)row->id, "slug", row->slug, "title", row->title,
	                 "section", string_or_null(row->section_slug),
	                 "section_title", string_or_null(row->section_title),
	                 "frameworks", row->frameworks, "meeting", string_or_null(row->meeting_slug),
	                 "status", row->status, "status_label", row->status_label,
	                 "health", string_or_null(row->health),
	                 "percent_complete", row->percent_complete >= 0
	                         ? json_integer(row->percent_complete) : json_null(),
	                 "last_update", row->last_update, "days_since", row->days_since,
	                 "target_date", string_or_null(row->target_date),
	                 "overdue", row->overdue, "stale", row->stale,
	                 "note", string_or_null(row->note), "author", string_or_null(row->author),
	                 "update_id", (json_int_t)row->update_id), row);
}

static json_t *change_json(const atrack_report_change *c)
{
	json_t *j = json_pack("{s:s, s:I, s:I, s:s, s:s, s:s, s:o, s:s, s:o, s:s, s:o, s:o}",
	                 "kind", atr_change_word(c->kind), "update_id", (json_int_t)c->update_id,
	                 "initiative_id", (json_int_t)c->initiative_id, "slug", c->slug,
	                 "title", c->title, "event_date", c->event_date,
	                 "recorded_at", string_or_null(c->recorded_at), "author", c->author,
	                 "from_status", string_or_null(c->from_status), "to_status", c->to_status,
	                 "health", string_or_null(c->health), "note", string_or_null(c->note));
	if (j) {
		json_object_set_new(j, "from_status_label", string_or_null(c->from_status_label));
		json_object_set_new(j, "to_status_label", string_or_null(c->to_status_label));
		json_object_set_new(j, "from_health", string_or_null(c->from_health));
		json_object_set_new(j, "from_percent", percent_or_null(c->from_percent));
		json_object_set_new(j, "to_percent", percent_or_null(c->to_percent));
		json_object_set_new(j, "evidence_url", string_or_null(c->evidence_url));
	}
	return j;
}

/* Stream an iterator's rows as a JSON array. */
static int put_rows(atr_sink *s, atrack_iter *it, json_t *(*to_json)(const void *),
                    const void *(*row_of)(const atrack_iter *))
{
	int rc;
	bool first = true;
	atr_sink_puts(s, "[");
	while ((rc = atrack_iter_next(it)) == ATRACK_OK) {
		atr_sink_puts(s, first ? "\n    " : ",\n    ");
		put_json(s, to_json(row_of(it)));
		first = false;
	}
	atr_sink_puts(s, first ? "]" : "\n  ]");
	atrack_iter_free(it);
	return rc == ATRACK_DONE ? ATRACK_OK : rc;
}

static json_t *row_json_any(const void *row) { return row_json(row); }
static json_t *change_json_any(const void *c) { return change_json(c); }
static const void *row_of(const atrack_iter *it) { return atrack_iter_report_row(it); }
static const void *change_of(const atrack_iter *it) { return atrack_iter_report_change(it); }

int atr_report_json(atrack_report *r, atr_sink *s)
{
	atr_sink_printf(s, "{\n  \"format_version\": %d,\n  \"title\": ", REPORT_JSON_FORMAT_VERSION);
	put_json(s, json_string(r->title));
	atr_sink_printf(s, ",\n  \"as_of\": \"%s\",\n  \"from_history\": %s,\n  \"today\": \"%s\","
	                "\n  \"since\": ", r->as_of, r->has_as_of ? "true" : "false", r->today);
	put_json(s, string_or_null(atrack_report_since(r)));
	atr_sink_printf(s, ",\n  \"stale_days\": %d,\n  \"statuses\": [", r->stale_days);
	for (size_t i = 0; i < r->status_count; i++) {
		atr_sink_puts(s, i ? ", " : "");
		put_json(s, json_pack("{s:s, s:s, s:b}", "code", r->statuses[i].code,
		                      "label", r->statuses[i].label,
		                      "is_terminal", r->statuses[i].is_terminal));
	}
	atr_sink_puts(s, "],\n  \"summary\": {\n    \"all\": ");
	put_json(s, group_json(r, atrack_report_group_at(r, ATRACK_REPORT_ALL, 0)));
	atr_sink_puts(s, ",\n    \"by_section\": ");
	put_groups(r, s, ATRACK_REPORT_SECTION);
	atr_sink_puts(s, ",\n    \"by_framework\": ");
	put_groups(r, s, ATRACK_REPORT_FRAMEWORK);
	atr_sink_puts(s, ",\n    \"by_meeting\": ");
	put_groups(r, s, ATRACK_REPORT_MEETING);
	atr_sink_puts(s, "\n  }");
	if (r->summary_only) {
		atr_sink_puts(s, "\n}\n");
		return ATRACK_OK;
	}
	atr_sink_puts(s, ",\n  \"initiatives\": ");
	atrack_iter *it;
	int rc = atrack_report_rows(r, &it);
	if (rc == ATRACK_OK)
		rc = put_rows(s, it, row_json_any, row_of);
	if (rc == ATRACK_OK && r->since[0]) {
		atr_sink_puts(s, ",\n  \"changes\": ");
		rc = atrack_report_changes(r, &it);
		if (rc == ATRACK_OK)
			rc = put_rows(s, it, change_json_any, change_of);
	}
	atr_sink_puts(s, "\n}\n");
	return rc;
}
