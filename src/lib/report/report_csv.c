/*
 * report_csv.c - the report as CSV (RFC 4180): a header line, then one
 * record per initiative, CRLF line ends. Every cell goes through
 * atr_sink_csv, which quotes what needs quoting and neutralises cells a
 * spreadsheet would run as formulas.
 */
#include "report_int.h"

static const char *const columns[] = {
	"id", "slug", "title", "section", "frameworks", "meeting", "status", "health",
	"percent_complete", "last_update", "days_since", "target_date", "overdue", "stale",
	"note", "author",
};

int atr_report_csv(atrack_report *r, atr_sink *s)
{
	for (size_t i = 0; i < ATR_ARRAY_SIZE(columns); i++) {
		atr_sink_puts(s, i ? "," : "");
		atr_sink_csv(s, columns[i]);
	}
	atr_sink_puts(s, "\r\n");
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
			row->meeting_slug, row->status, row->health,
			row->percent_complete >= 0 ? percent : NULL, row->last_update, days,
			row->target_date, row->overdue ? "yes" : "no", row->stale ? "yes" : "no",
			row->note, row->author,
		};
		for (size_t i = 0; i < ATR_ARRAY_SIZE(cells); i++) {
			atr_sink_puts(s, i ? "," : "");
			atr_sink_csv(s, cells[i]);
		}
		atr_sink_puts(s, "\r\n");
	}
	atrack_iter_free(it);
	return rc == ATRACK_DONE ? ATRACK_OK : rc;
}
