/*
 * report_md.c - the report as Markdown (GitHub-flavoured tables), to paste
 * into a briefing document: headline, summary tables, one table of
 * initiatives per line of effort, and the changes since a date. All user
 * text goes through atr_sink_md, so a title cannot break a table or inject
 * markup.
 */
#include "report_int.h"

/* Whether status k has a count in any group of the kind. */
static bool status_used(atrack_report *r, atrack_report_group group, size_t k)
{
	for (size_t i = 0; i < atrack_report_group_count(r, group); i++)
		if (atrack_report_group_at(r, group, i)->by_status[k])
			return true;
	return false;
}

static void md_group_table(atrack_report *r, atr_sink *s, atrack_report_group group,
                           const char *heading)
{
	size_t n = atrack_report_group_count(r, group);
	if (n == 0)
		return;
	/* A column that is zero in every row says nothing and widens the
	 * table past the page: statuses no one is in, no overdue, no stale. */
	size_t shown = 0;
	bool any_overdue = false, any_stale = false;
	for (size_t i = 0; i < n; i++) {
		const atrack_report_summary *g = atrack_report_group_at(r, group, i);
		any_overdue |= g->overdue != 0;
		any_stale |= g->stale != 0;
	}
	atr_sink_printf(s, "\n### %s\n\n| | Total |", heading);
	for (size_t k = 0; k < r->status_count; k++) {
		if (!status_used(r, group, k))
			continue;
		atr_sink_puts(s, " ");
		atr_sink_md(s, r->statuses[k].label);
		atr_sink_puts(s, " |");
		shown++;
	}
	atr_sink_printf(s, " Done |%s%s\n|---|--:|", any_overdue ? " Overdue |" : "",
	                any_stale ? " Stale |" : "");
	atr_sink_repeat(s, "--:|", (int)shown + 1 + any_overdue + any_stale);
	atr_sink_puts(s, "\n");
	for (size_t i = 0; i < n; i++) {
		const atrack_report_summary *g = atrack_report_group_at(r, group, i);
		atr_sink_puts(s, "| ");
		atr_sink_md(s, g->name);
		atr_sink_printf(s, " | %u |", g->total);
		for (size_t k = 0; k < r->status_count; k++)
			if (status_used(r, group, k))
				atr_sink_printf(s, " %u |", g->by_status[k]);
		atr_sink_printf(s, " %d%% |", atr_percent(g->completed, g->total));
		if (any_overdue)
			atr_sink_printf(s, " %u |", g->overdue);
		if (any_stale)
			atr_sink_printf(s, " %u |", g->stale);
		atr_sink_puts(s, "\n");
	}
}

static int md_initiatives(atrack_report *r, atr_sink *s)
{
	atrack_iter *it;
	int rc = atrack_report_rows(r, &it);
	if (rc != ATRACK_OK)
		return rc;
	atr_sink_puts(s, "\n## Initiatives\n");
	bool first = true;
	int64_t section = -1;
	while ((rc = atrack_iter_next(it)) == ATRACK_OK) {
		const atrack_report_row *row = atrack_iter_report_row(it);
		if (first || row->group_key != section) {
			atr_sink_puts(s, "\n### ");
			atr_sink_md(s, row->group_name);
			atr_sink_puts(s, "\n\n| Initiative | Frameworks | Meeting | Status | Health | % | "
			              "Target | Last update | Days | Flags | Latest note | Evidence |\n"
			              "|---|---|---|---|---|--:|---|---|--:|---|---|---|\n");
			section = row->group_key;
			first = false;
		}
		atr_sink_puts(s, "| ");
		atr_sink_md(s, row->title);
		atr_sink_puts(s, " | ");
		atr_sink_md(s, row->frameworks);
		atr_sink_puts(s, " | ");
		atr_sink_md(s, row->meeting_name);
		atr_sink_puts(s, " | ");
		atr_sink_md(s, row->status_label);
		atr_sink_puts(s, " | ");
		atr_sink_md(s, atr_health_words(row->health));
		if (row->percent_complete >= 0)
			atr_sink_printf(s, " | %d%% | ", row->percent_complete);
		else
			atr_sink_puts(s, " | | ");
		atr_sink_md_date(s, row->target_date);
		atr_sink_puts(s, " | ");
		atr_sink_md_date(s, row->last_update);
		atr_sink_printf(s, " | %d | %s%s%s | ", row->days_since,
		                row->overdue ? "**overdue**" : "", row->overdue && row->stale ? " " : "",
		                row->stale ? "**stale**" : "");
		atr_sink_md(s, row->latest_note);
		atr_sink_puts(s, " | ");
		if (row->evidence_url) {
			/* The URL is shown, never made a link: it is the database's text. */
			atr_sink_puts(s, "`");
			atr_sink_md(s, row->evidence_url);
			atr_sink_puts(s, "`");
		}
		atr_sink_puts(s, " |\n");
	}
	if (first && rc == ATRACK_DONE)
		atr_sink_puts(s, "\n_No initiative matches._\n");
	atrack_iter_free(it);
	return rc == ATRACK_DONE ? ATRACK_OK : rc;
}

static int md_change(atrack_report *r, const atrack_report_change *c, atr_sink *s)
{
	(void)r;
	atr_sink_puts(s, "- ");
	atr_sink_md_date(s, c->event_date);
	atr_sink_puts(s, " — ");
	atr_sink_md(s, c->title);
	atr_sink_puts(s, ": ");
	atr_buf what = ATR_BUF_INIT;
	atr_change_words(c, "→", &what);
	if (atr_buf_failed(&what))
		s->failed = true;
	atr_sink_md(s, what.data);
	atr_buf_clear(&what);
	atr_sink_puts(s, " (by ");
	atr_sink_md(s, c->author);
	atr_sink_puts(s, ")");
	if (c->note && *c->note) {
		atr_sink_puts(s, " — ");
		atr_sink_md(s, c->note);
	}
	atr_sink_puts(s, "\n");
	return ATRACK_OK;
}

static int md_changes(atrack_report *r, atr_sink *s)
{
	if (!r->since[0])
		return ATRACK_OK;
	atr_sink_puts(s, "\n## Changes since ");
	atr_sink_md_date(s, r->since);
	atr_sink_puts(s, "\n\n");
	unsigned int count;
	int rc = atr_report_each_change(r, 0, md_change, s, &count);
	if (rc == ATRACK_OK && count == 0)
		atr_sink_puts(s, "_No change._\n");
	return rc;
}

int atr_report_md(atrack_report *r, atr_sink *s)
{
	const atrack_report_summary *all = atrack_report_group_at(r, ATRACK_REPORT_ALL, 0);
	atr_sink_puts(s, "# ");
	atr_sink_md(s, r->title);
	atr_sink_puts(s, "\n\n_As of ");
	atr_sink_md_date(s, r->as_of);
	atr_sink_printf(s, "%s._ **%u** initiatives; **%u** completed (%d%%); "
	                "**%u** overdue; **%u** stale (no update in %d days).\n",
	                r->has_as_of ? ", from the history" : "", all->total,
	                all->completed, atr_percent(all->completed, all->total), all->overdue,
	                all->stale, r->stale_days);
	atr_sink_printf(s, "\nHealth: on track %u, at risk %u, off track %u, not given %u.\n",
	                all->on_track, all->at_risk, all->off_track, all->no_health);
	atr_sink_puts(s, "\n## Summary\n");
	md_group_table(r, s, ATRACK_REPORT_ALL, "All initiatives");
	md_group_table(r, s, ATRACK_REPORT_SECTION, "By line of effort");
	md_group_table(r, s, ATRACK_REPORT_FRAMEWORK, "By framework");
	md_group_table(r, s, ATRACK_REPORT_MEETING, "By meeting");
	if (r->summary_only)
		return ATRACK_OK;
	int rc = md_initiatives(r, s);
	if (rc == ATRACK_OK)
		rc = md_changes(r, s);
	return rc;
}
