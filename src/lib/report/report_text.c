/*
 * report_text.c - the report as plain text for a terminal: the headline
 * numbers, the summary tables, the initiatives under their lines of effort
 * with their latest note, and the changes since a date. Columns are
 * measured in terminal columns and the flexible one (the title) takes
 * what the width leaves, so the report fits the width it is given.
 */
#include "report_int.h"

#include <string.h>

/* Fixed columns of the initiative table; the title takes the rest. */
enum { W_FRAMEWORKS = 12, W_STATUS = 11, W_HEALTH = 9, W_DATE = 10, W_DAYS = 5, W_FLAGS = 13 };
#define GAP "  "

static int flexible(const atrack_report *r, int fixed)
{
	int w = r->width - fixed;
	return w < 16 ? 16 : w;
}

static void rule(atr_sink *s, const atrack_report *r, const char *ch)
{
	atr_sink_repeat(s, ch, r->width);
	atr_sink_puts(s, "\n");
}

/* "announced 3, in progress 2": the non-zero counts of a group. The
 * labels are the user's text: the caller prints the list through
 * atr_sink_plain or atr_sink_cell, never raw. */
static void status_list(atrack_report *r, const atrack_report_summary *g, atr_buf *b)
{
	for (size_t i = 0; i < r->status_count; i++) {
		if (!g->by_status[i])
			continue;
		atr_buf_printf(b, "%s%s %u", b->len ? ", " : "", r->statuses[i].label, g->by_status[i]);
	}
}

static void headline(atrack_report *r, atr_sink *s)
{
	const atrack_report_summary *all = atrack_report_group_at(r, ATRACK_REPORT_ALL, 0);
	atr_sink_cell(s, r->title, r->width, false);
	atr_sink_puts(s, "\n");
	rule(s, r, "=");
	/* One line when it fits the width, else broken before the stale count. */
	atr_buf head = ATR_BUF_INIT, tail = ATR_BUF_INIT;
	atr_buf_printf(&head, "As of %s%s. %u initiative%s; %u completed (%d%%); %u overdue;",
	               r->as_of, r->has_as_of ? " (from the history)" : "",
	               all->total, all->total == 1 ? "" : "s", all->completed,
	               atr_percent(all->completed, all->total), all->overdue);
	atr_buf_printf(&tail, "%u stale (no update in %d days).", all->stale, r->stale_days);
	if (atr_buf_failed(&head) || atr_buf_failed(&tail))
		s->failed = true;
	else
		atr_sink_printf(s, "%s%s%s\n", head.data,
		                atr_text_width(head.data) + 1 + atr_text_width(tail.data) > r->width
		                ? "\n" : " ", tail.data);
	atr_buf_clear(&head);
	atr_buf_clear(&tail);
	atr_buf b = ATR_BUF_INIT;
	status_list(r, all, &b);
	atr_sink_puts(s, "Status: ");
	atr_sink_plain(s, b.len ? b.data : "none");
	atr_sink_puts(s, "\n");
	atr_buf_clear(&b);
	atr_sink_printf(s, "Health: on track %u, at risk %u, off track %u, not given %u\n",
	                all->on_track, all->at_risk, all->off_track, all->no_health);
	if (atr_buf_failed(&b))
		s->failed = true;
}

static void group_table(atrack_report *r, atr_sink *s, atrack_report_group group,
                        const char *heading)
{
	size_t n = atrack_report_group_count(r, group);
	if (n == 0)
		return;
	int name_w = r->width / 3 < 20 ? 20 : r->width / 3 > 48 ? 48 : r->width / 3;
	int fixed = 2 + name_w + 2 + 5 + 2 + 5 + 2 + 7 + 2 + 5 + 2;
	int rest = flexible(r, fixed);
	atr_sink_printf(s, "\n%s\n", heading);
	rule(s, r, "-");
	atr_sink_puts(s, GAP);
	atr_sink_cell(s, "name", name_w, true);
	atr_sink_printf(s, GAP "%5s" GAP "%5s" GAP "%7s" GAP "%5s" GAP "%s\n",
	                "total", "done%", "overdue", "stale", "by status");
	for (size_t i = 0; i < n; i++) {
		const atrack_report_summary *g = atrack_report_group_at(r, group, i);
		atr_buf b = ATR_BUF_INIT;
		status_list(r, g, &b);
		atr_sink_puts(s, GAP);
		atr_sink_cell(s, g->name, name_w, true);
		atr_sink_printf(s, GAP "%5u" GAP "%4d%%" GAP "%7u" GAP "%5u" GAP, g->total,
		                atr_percent(g->completed, g->total), g->overdue, g->stale);
		atr_sink_cell(s, b.data, rest, false);
		atr_sink_puts(s, "\n");
		if (atr_buf_failed(&b))
			s->failed = true;
		atr_buf_clear(&b);
	}
}

static void flags_of(const atrack_report_row *row, char out[32])
{
	snprintf(out, 32, "%s%s%s", row->overdue ? "OVERDUE" : "",
	         row->overdue && row->stale ? " " : "", row->stale ? "STALE" : "");
}

static int initiatives(atrack_report *r, atr_sink *s)
{
	atrack_iter *it;
	int rc = atrack_report_rows(r, &it);
	if (rc != ATRACK_OK)
		return rc;
	int fixed = 2 + W_FRAMEWORKS + W_STATUS + W_HEALTH + W_DATE + W_DAYS + W_FLAGS + 6 * 2;
	/* Too narrow for a readable title (80 columns): the frameworks move
	 * from their column to the line below. */
	bool narrow = r->width - fixed < 24;
	if (narrow)
		fixed -= W_FRAMEWORKS + 2;
	int title_w = flexible(r, fixed);
	atr_sink_puts(s, "\nInitiatives\n");
	rule(s, r, "-");
	bool first = true;
	int64_t section = -1; /* the group's key (a section unless group_by says) */
	while ((rc = atrack_iter_next(it)) == ATRACK_OK) {
		const atrack_report_row *row = atrack_iter_report_row(it);
		if (first || row->group_key != section) {
			atr_sink_puts(s, first ? "" : "\n");
			atr_sink_cell(s, row->group_name,
			              r->width, false);
			atr_sink_puts(s, "\n" GAP);
			atr_sink_cell(s, "initiative", title_w, true);
			if (!narrow)
				atr_sink_printf(s, GAP "%-*s", W_FRAMEWORKS, "frameworks");
			atr_sink_printf(s, GAP "%-*s" GAP "%-*s" GAP "%-*s" GAP "%*s" GAP "%s\n",
			                W_STATUS, "status", W_HEALTH, "health",
			                W_DATE, "updated", W_DAYS, "days", "flags");
			section = row->group_key;
			first = false;
		}
		char flags[32];
		flags_of(row, flags);
		atr_sink_puts(s, GAP);
		atr_sink_cell(s, row->title, title_w, true);
		if (!narrow) {
			atr_sink_puts(s, GAP);
			atr_sink_cell(s, row->frameworks, W_FRAMEWORKS, true);
		}
		atr_sink_puts(s, GAP);
		atr_sink_cell(s, row->status, W_STATUS, true);
		atr_sink_puts(s, GAP);
		atr_sink_cell(s, atr_health_words(row->health), W_HEALTH, true);
		atr_sink_puts(s, GAP);
		atr_sink_cell(s, row->last_update, W_DATE, true);
		atr_sink_printf(s, GAP "%*d" GAP "%s\n", W_DAYS, row->days_since, flags);
		atr_buf d = ATR_BUF_INIT;
		if (narrow && *row->frameworks)
			atr_buf_printf(&d, "%s | ", row->frameworks);
		atr_row_details(row, " | ", &d);
		if (d.len >= 3 && strcmp(d.data + d.len - 3, " | ") == 0)
			d.data[d.len -= 3] = '\0'; /* frameworks and nothing after */
		if (atr_buf_failed(&d))
			s->failed = true;
		else if (d.len) {
			atr_sink_puts(s, r->ascii ? GAP "  `- " : GAP "  \xE2\x94\x94 ");
			atr_sink_cell(s, d.data, r->width - 6, false);
			atr_sink_puts(s, "\n");
		}
		atr_buf_clear(&d);
	}
	if (first && rc == ATRACK_DONE)
		atr_sink_puts(s, "(none)\n");
	atrack_iter_free(it);
	return rc == ATRACK_DONE ? ATRACK_OK : rc;
}

static int text_change(atrack_report *r, const atrack_report_change *c, atr_sink *s)
{
	int title_w = flexible(r, 2 + W_DATE + 2 + 7 + 2 + 16);
	atr_sink_puts(s, GAP);
	atr_sink_cell(s, c->event_date, W_DATE, true);
	atr_sink_printf(s, GAP "%-7s" GAP, atr_change_word(c->kind));
	atr_sink_cell(s, c->title, title_w, true);
	atr_sink_puts(s, GAP "by ");
	atr_sink_cell(s, c->author, 13, false);
	atr_sink_puts(s, "\n");
	/* The change itself on its own line, so a long one is never cut. */
	atr_buf what = ATR_BUF_INIT;
	atr_change_words(c, "->", &what);
	if (atr_buf_failed(&what))
		s->failed = true;
	atr_sink_repeat(s, " ", 4 + W_DATE);
	atr_sink_cell(s, what.data, r->width - 4 - W_DATE, false);
	atr_sink_puts(s, "\n");
	atr_buf_clear(&what);
	if (c->note && *c->note) {
		atr_sink_repeat(s, " ", 4 + W_DATE);
		atr_sink_cell(s, c->note, r->width - 4 - W_DATE, false);
		atr_sink_puts(s, "\n");
	}
	return ATRACK_OK;
}

static int changes(atrack_report *r, atr_sink *s)
{
	if (!r->since[0])
		return ATRACK_OK;
	atr_sink_printf(s, "\nChanges since %s\n", r->since);
	rule(s, r, "-");
	unsigned int count;
	int rc = atr_report_each_change(r, 0, text_change, s, &count);
	if (rc == ATRACK_OK && count == 0)
		atr_sink_puts(s, "  (no change)\n");
	return rc;
}

/* A month of the burndown: the counts, and a bar of '#' (completed) and
 * '.' (open), one character per initiative up to the room there is. */
typedef struct text_out {
	atrack_report *r;
	atr_sink *s;
} text_out;

static int text_month(void *payload, const char *month, unsigned int completed,
                      unsigned int open)
{
	atrack_report *r = ((text_out *)payload)->r;
	atr_sink *s = ((text_out *)payload)->s;
	int room = r->width - 32;
	unsigned int total = completed + open;
	int done_w = 0, open_w = 0;
	if (total && room > 0) {
		double scale = total > (unsigned int)room ? (double)room / total : 1.0;
		done_w = (int)(completed * scale + 0.5);
		open_w = (int)(open * scale + 0.5);
	}
	atr_sink_puts(s, GAP);
	atr_sink_cell(s, month, 7, true);
	atr_sink_printf(s, GAP "%9u" GAP "%5u" GAP, completed, open);
	atr_sink_repeat(s, "#", done_w);
	atr_sink_repeat(s, ".", open_w);
	atr_sink_puts(s, "\n");
	return ATRACK_OK;
}

static int burndown(atrack_report *r, atr_sink *s)
{
	atr_sink_puts(s, "\nProgress by month (completed #, open .)\n");
	rule(s, r, "-");
	atr_sink_puts(s, GAP "month  " GAP "completed" GAP " open\n");
	text_out out = { r, s };
	return atr_report_each_month(r, text_month, &out);
}

int atr_report_text(atrack_report *r, atr_sink *s)
{
	s->ascii = r->ascii;
	headline(r, s);
	group_table(r, s, ATRACK_REPORT_SECTION, "By line of effort");
	group_table(r, s, ATRACK_REPORT_FRAMEWORK, "By framework");
	group_table(r, s, ATRACK_REPORT_MEETING, "By meeting");
	int rc = burndown(r, s);
	if (rc != ATRACK_OK || r->summary_only)
		return rc;
	rc = initiatives(r, s);
	if (rc == ATRACK_OK)
		rc = changes(r, s);
	return rc;
}
