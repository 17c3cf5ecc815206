/*
 * report_csv.c - the report as CSV (RFC 4180): a header line, then one
 * record per initiative (or, with rows = updates, one per update), CRLF
 * line ends, and a UTF-8 byte order mark first when asked, so that a
 * spreadsheet reads Korean and Japanese names right. Every cell goes
 * through atr_sink_csv, which quotes what needs quoting and neutralises
 * cells a spreadsheet would run as formulas.
 */
#include "report_int.h"

static const char *const columns[] = {
	"id", "slug", "title", "section", "frameworks", "meeting", "status", "status_label",
	"health", "health_since", "percent_complete", "percent_since", "last_update",
	"days_since", "target_date", "overdue", "stale", "latest_note", "latest_note_date",
	"evidence_url", "author",
};

static const char *const update_columns[] = {
	"update_id", "initiative_id", "slug", "title", "section", "event_date", "recorded_at",
	"author", "change", "from_status", "status", "health", "percent_complete", "note",
	"evidence_url",
};

static void record(atr_sink *s, const char *const *cells, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		atr_sink_puts(s, i ? "," : "");
		atr_sink_csv(s, cells[i]);
	}
	atr_sink_puts(s, "\r\n");
}

static int csv_updates(atrack_report *r, atr_sink *s)
{
	record(s, update_columns, ATR_ARRAY_SIZE(update_columns));
	atrack_iter *it;
	int rc = atr_report_updates(r, &it);
	if (rc != ATRACK_OK)
		return rc;
	while ((rc = atrack_iter_next(it)) == ATRACK_OK) {
		const atrack_report_change *c = atrack_iter_report_change(it);
		char id[24], initiative[24], percent[8];
		snprintf(id, sizeof id, "%lld", (long long)c->update_id);
		snprintf(initiative, sizeof initiative, "%lld", (long long)c->initiative_id);
		snprintf(percent, sizeof percent, "%d", c->to_percent);
		const char *cells[] = {
			id, initiative, c->slug, c->title, c->section_title, c->event_date,
			c->recorded_at, c->author, atr_change_word(c->kind), c->from_status_label,
			c->to_status_label, c->health, c->to_percent >= 0 ? percent : NULL, c->note,
			c->evidence_url,
		};
		record(s, cells, ATR_ARRAY_SIZE(cells));
	}
	atrack_iter_free(it);
	return rc == ATRACK_DONE ? ATRACK_OK : rc;
}

int atr_report_csv(atrack_report *r, atr_sink *s)
{
	if (r->bom)
		atr_sink_puts(s, "\xEF\xBB\xBF");
	if (r->rows == ATRACK_REPORT_ROWS_UPDATES)
		return csv_updates(r, s);
	/* Listed by anything but section, a last column names the group: by
	 * framework or party an initiative has one record per group. */
	bool grouped = r->group_by != ATRACK_REPORT_BY_SECTION;
	for (size_t i = 0; i < ATR_ARRAY_SIZE(columns); i++) {
		atr_sink_puts(s, i ? "," : "");
		atr_sink_csv(s, columns[i]);
	}
	atr_sink_puts(s, grouped ? ",group\r\n" : "\r\n");
	atrack_iter *it;
	int rc = atrack_report_rows(r, &it);
	if (rc != ATRACK_OK)
		return rc;
	while ((rc = atrack_iter_next(it)) == ATRACK_OK) {
		const atrack_report_row *row = atrack_iter_report_row(it);
		char id[24], percent[8], days[16];
		snprintf(id, sizeof id, "%lld", (long long)row->id);
		snprintf(percent, sizeof percent, "%d", row->percent_complete);
		snprintf(days, sizeof days, "%d", row->days_since);
		const char *cells[] = {
			id, row->slug, row->title, row->section_title, row->frameworks,
			row->meeting_name, row->status, row->status_label, row->health, row->health_date,
			row->percent_complete >= 0 ? percent : NULL, row->percent_date, row->last_update,
			days, row->target_date, row->overdue ? "yes" : "no", row->stale ? "yes" : "no",
			row->latest_note, row->latest_note_date, row->evidence_url, row->author,
			row->group_name,
		};
		record(s, cells, ATR_ARRAY_SIZE(cells) - (grouped ? 0 : 1));
	}
	atrack_iter_free(it);
	return rc == ATRACK_DONE ? ATRACK_OK : rc;
}
