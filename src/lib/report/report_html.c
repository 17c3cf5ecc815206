/*
 * report_html.c - the report as one self-contained HTML page: inline CSS
 * (with print rules, so it prints as a briefing), inline SVG for what
 * reads better as a picture (a status bar per line of effort, a timeline
 * of the year's updates), and tables for the rest. No script, no network:
 * a Content-Security-Policy forbids both, and every piece of user text
 * goes through atr_sink_html.
 */
#include "report_int.h"

#include <string.h>

#define TIMELINE_DOTS 400  /* the SVG's updates: enough to see a year's rhythm */
#define TIMELINE_LIST 25   /* the most recent, listed in words below it */

static const char style[] =
	":root{--ink:#1d2733;--muted:#5b6876;--line:#d8dee5;--bg:#fff;--panel:#f5f7f9}"
	"*{box-sizing:border-box}"
	"body{margin:0 auto;max-width:1100px;padding:28px 32px;font:14px/1.45 -apple-system,"
	"'Segoe UI',Roboto,'Noto Sans','Noto Sans CJK KR',Arial,sans-serif;color:var(--ink);"
	"background:var(--bg)}"
	"h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;margin:30px 0 10px;padding-bottom:4px;"
	"border-bottom:2px solid var(--ink)}h3{font-size:15px;margin:18px 0 6px}"
	".meta{color:var(--muted);margin:0 0 18px}"
	".kpis{display:flex;gap:12px;flex-wrap:wrap}.kpi{flex:1 1 140px;background:var(--panel);"
	"border:1px solid var(--line);border-radius:6px;padding:10px 14px}"
	".kpi b{display:block;font-size:26px}.kpi span{color:var(--muted)}"
	".kpi.warn b{color:#b5470b}"
	".bars{display:grid;grid-template-columns:minmax(160px,30%) 1fr;gap:6px 14px;"
	"align-items:center}.bars .label{font-weight:600}.bars .label small{font-weight:400;"
	"color:var(--muted)}.bars svg{width:100%;height:22px;display:block}"
	".legend{display:flex;flex-wrap:wrap;gap:4px 14px;margin:10px 0 0;padding:0;"
	"list-style:none;color:var(--muted);font-size:12px}"
	".sw{display:inline-block;width:11px;height:11px;border-radius:2px;margin-right:5px;"
	"vertical-align:-1px}"
	"table{border-collapse:collapse;width:100%;margin:4px 0 10px}"
	"th,td{text-align:left;vertical-align:top;padding:5px 8px;border-bottom:1px solid var(--line)}"
	"th{font-size:12px;text-transform:uppercase;letter-spacing:.03em;color:var(--muted)}"
	"td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}"
	".badge{display:inline-block;padding:1px 7px;border-radius:10px;color:#fff;font-size:12px;"
	"white-space:nowrap}"
	".flag{display:inline-block;padding:0 5px;border:1px solid #b5470b;color:#b5470b;"
	"border-radius:3px;font-size:11px;font-weight:700;margin-right:3px}"
	".health-on_track{color:#2e7d32}.health-at_risk{color:#b26a00}.health-off_track{color:#c62828}"
	".slug{color:var(--muted);font-size:12px}.note{color:var(--ink)}"
	".timeline svg{width:100%;height:auto;display:block}"
	".tl{list-style:none;padding:0;margin:8px 0}.tl li{padding:4px 0;border-bottom:1px dotted "
	"var(--line)}.tl time{display:inline-block;width:92px;color:var(--muted)}"
	"#changes td:first-child,td.d,time{white-space:nowrap}"
	"table.initiatives{table-layout:auto;font-size:13px}td{overflow-wrap:break-word}.flag{white-space:nowrap}"
	".hbars{display:grid;grid-template-columns:minmax(160px,30%) 1fr;gap:6px 14px;"
	"align-items:center;margin-bottom:8px}.hbars svg{width:100%;height:22px;display:block}"
	".hbars .label{font-weight:600}.hbars .label small{font-weight:400;color:var(--muted)}"
	"footer{margin-top:30px;color:var(--muted);font-size:12px}"
	"@media print{body{max-width:none;padding:0;font-size:10pt}"
	"h2{break-after:avoid}tr,.kpi,.bars,.timeline svg{break-inside:avoid}"
	"*{-webkit-print-color-adjust:exact;print-color-adjust:exact}"
	"@page{margin:15mm}}";

static void html_head(atrack_report *r, atr_sink *s)
{
	atr_sink_puts(s, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	              /* Nothing loads, runs, submits or re-bases; navigation (a meta
	               * refresh) is kept out by escaping every value, since no CSP
	               * directive stops it. */
	              "<meta http-equiv=\"Content-Security-Policy\" content=\"" ATRACK_HTML_CSP "\">\n"
	              "<meta name=\"referrer\" content=\"no-referrer\">\n"
	              "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	              "<meta name=\"generator\" content=\"atrack " ATRACK_VERSION "\">\n<title>");
	atr_sink_html(s, r->title);
	atr_sink_puts(s, " — ");
	atr_sink_html(s, r->as_of);
	atr_sink_printf(s, "</title>\n<style>%s</style>\n</head>\n<body>\n<header>\n<h1>", style);
	atr_sink_html(s, r->title);
	atr_sink_puts(s, "</h1>\n<p class=\"meta\">As of <time>");
	atr_sink_html(s, r->as_of);
	atr_sink_printf(s, "</time>%s", r->has_as_of ? " (the state then, from the history)" : "");
	if (r->since[0]) {
		atr_sink_puts(s, " · changes since <time>");
		atr_sink_html(s, r->since);
		atr_sink_puts(s, "</time>");
	}
	atr_sink_printf(s, " · stale means no update in %d days</p>\n</header>\n", r->stale_days);
}

static void kpi(atr_sink *s, const char *cls, const char *value, const char *what)
{
	atr_sink_printf(s, "<div class=\"kpi%s\"><b>%s</b><span>%s</span></div>\n", cls, value, what);
}

static void html_kpis(atrack_report *r, atr_sink *s)
{
	const atrack_report_summary *all = atrack_report_group_at(r, ATRACK_REPORT_ALL, 0);
	char v[32];
	atr_sink_puts(s, "<section class=\"kpis\" id=\"kpis\">\n");
	snprintf(v, sizeof v, "%u", all->total);
	kpi(s, "", v, "initiatives");
	snprintf(v, sizeof v, "%d%%", atr_percent(all->completed, all->total));
	kpi(s, "", v, "completed");
	snprintf(v, sizeof v, "%u", all->on_track);
	kpi(s, "", v, "on track");
	snprintf(v, sizeof v, "%u", all->at_risk + all->off_track);
	kpi(s, all->at_risk + all->off_track ? " warn" : "", v, "at risk or off track");
	snprintf(v, sizeof v, "%u", all->overdue);
	kpi(s, all->overdue ? " warn" : "", v, "overdue");
	snprintf(v, sizeof v, "%u", all->stale);
	kpi(s, all->stale ? " warn" : "", v, "stale");
	atr_sink_puts(s, "</section>\n");
}

static void html_group_table(atrack_report *r, atr_sink *s, atrack_report_group group,
                             const char *heading)
{
	size_t n = atrack_report_group_count(r, group);
	if (n == 0)
		return;
	atr_sink_printf(s, "<h3>%s</h3>\n<table class=\"summary\">\n<thead><tr><th></th>"
	                "<th class=\"n\">Total</th>", heading);
	for (size_t i = 0; i < r->status_count; i++) {
		atr_sink_puts(s, "<th class=\"n\">");
		atr_sink_html(s, r->statuses[i].label);
		atr_sink_puts(s, "</th>");
	}
	atr_sink_puts(s, "<th class=\"n\">Done</th><th class=\"n\">Overdue</th>"
	              "<th class=\"n\">Stale</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < n; i++) {
		const atrack_report_summary *g = atrack_report_group_at(r, group, i);
		atr_sink_puts(s, "<tr><th scope=\"row\">");
		atr_sink_html(s, g->name);
		atr_sink_printf(s, "</th><td class=\"n\">%u</td>", g->total);
		for (size_t k = 0; k < r->status_count; k++)
			atr_sink_printf(s, "<td class=\"n\">%u</td>", g->by_status[k]);
		atr_sink_printf(s, "<td class=\"n\">%d%%</td><td class=\"n\">%u</td>"
		                "<td class=\"n\">%u</td></tr>\n", atr_percent(g->completed, g->total),
		                g->overdue, g->stale);
	}
	atr_sink_puts(s, "</tbody>\n</table>\n");
}

static void badge(const atrack_report *r, atr_sink *s, const char *code, const char *label)
{
	atr_sink_printf(s, "<span class=\"badge\" style=\"background:%s\">",
	                atr_html_status_colour(r, code));
	atr_sink_html(s, label ? label : code);
	atr_sink_puts(s, "</span>");
}

static int html_latest(atrack_report *r, const atrack_report_change *c, atr_sink *s)
{
	(void)r;
	atr_sink_puts(s, "<li><time>");
	atr_sink_html(s, c->event_date);
	atr_sink_puts(s, "</time> <b>");
	atr_sink_html(s, c->title);
	atr_sink_puts(s, "</b> ");
	if (c->kind == ATRACK_CHANGE_TRANSITION) {
		badge(r, s, c->from_status, NULL);
		atr_sink_puts(s, " → ");
	}
	badge(r, s, c->to_status, NULL);
	atr_sink_puts(s, " <span class=\"slug\">by ");
	atr_sink_html(s, c->author);
	atr_sink_puts(s, "</span>");
	if (c->note && *c->note) {
		atr_sink_puts(s, " — <span class=\"note\">");
		atr_sink_html(s, c->note);
		atr_sink_puts(s, "</span>");
	}
	atr_sink_puts(s, "</li>\n");
	return ATRACK_OK;
}

static int html_timeline(atrack_report *r, atr_sink *s)
{
	atrack_iter *it;
	int rc = atrack_report_timeline(r, TIMELINE_DOTS, &it);
	if (rc != ATRACK_OK)
		return rc;
	size_t lanes = atrack_report_group_count(r, ATRACK_REPORT_SECTION);
	const int left = 210, right = 20, width = 1000, lane_h = 34, top = 28;
	int height = top + (int)(lanes ? lanes : 1) * lane_h + 10;
	long end = atr_html_day_number(r->as_of), start = end - 365;
	double scale = (double)(width - left - right) / 365.0;
	atr_sink_puts(s, "<section class=\"timeline\" id=\"timeline\">\n<h2>Timeline of updates "
	              "(the year to ");
	atr_sink_html(s, r->as_of);
	atr_sink_printf(s, ")</h2>\n<svg viewBox=\"0 0 %d %d\" role=\"img\" "
	                "aria-label=\"updates in the year to ", width, height);
	atr_sink_html(s, r->as_of);
	atr_sink_puts(s, "\">\n");
	/* A tick and a label at the first of each month in the year. */
	static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul",
	                                      "Aug", "Sep", "Oct", "Nov", "Dec" };
	int y0 = 0, m0 = 0;
	if (sscanf(r->as_of, "%4d-%2d", &y0, &m0) != 2 || m0 < 1 || m0 > 12)
		y0 = 1970, m0 = 1;
	for (int k = 0; k < 13; k++) {
		int m = (m0 - 1 + k) % 12, y = y0 - 1 + (m0 - 1 + k) / 12;
		char first[24];
		snprintf(first, sizeof first, "%04d-%02d-01", y, m + 1);
		long day = atr_html_day_number(first);
		if (day <= start || day > end)
			continue;
		double x = left + (double)(day - start) * scale;
		atr_sink_printf(s, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#e3e7eb\"/>"
		                "<text class=\"month\" x=\"%.1f\" y=\"16\" font-size=\"11\" fill=\"#5b6876\" "
		                "text-anchor=\"middle\">%s%s%.0d</text>\n", x, top - 6, x, height - 6, x,
		                months[m], m == 0 ? " " : "", m == 0 ? y % 100 : 0);
	}
	for (size_t i = 0; i < lanes; i++) {
		const atrack_report_summary *g = atrack_report_group_at(r, ATRACK_REPORT_SECTION, i);
		int y = top + (int)i * lane_h + lane_h / 2;
		atr_sink_printf(s, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#c9d1d9\"/>"
		                "<text x=\"0\" y=\"%d\" font-size=\"12\" fill=\"#1d2733\">", left, y,
		                width - right, y, y + 4);
		atr_sink_html(s, g->name);
		atr_sink_puts(s, "</text>\n");
	}
	unsigned int dots = 0;
	while ((rc = atrack_iter_next(it)) == ATRACK_OK) {
		const atrack_report_change *c = atrack_iter_report_change(it);
		size_t lane = 0;
		for (size_t i = 0; i < lanes; i++)
			if (strcmp(atrack_report_group_at(r, ATRACK_REPORT_SECTION, i)->name,
			           c->section_title ? c->section_title : "(no section)") == 0)
				lane = i;
		double x = left + (double)(atr_html_day_number(c->event_date) - start) * scale;
		int y = top + (int)lane * lane_h + lane_h / 2;
		atr_sink_printf(s, "<circle class=\"dot\" cx=\"%.1f\" cy=\"%d\" r=\"%d\" fill=\"%s\" "
		                "stroke=\"#fff\"><title>", x, y,
		                c->kind == ATRACK_CHANGE_UPDATE ? 5 : 7,
		                atr_html_status_colour(r, c->to_status));
		atr_sink_html(s, c->event_date);
		atr_sink_puts(s, " ");
		atr_sink_html(s, c->title);
		atr_sink_puts(s, ": ");
		atr_sink_html(s, c->from_status && c->kind == ATRACK_CHANGE_TRANSITION ? c->from_status : "");
		atr_sink_puts(s, c->kind == ATRACK_CHANGE_TRANSITION ? " → " : "");
		atr_sink_html(s, c->to_status);
		atr_sink_puts(s, "</title></circle>\n");
		dots++;
	}
	atrack_iter_free(it);
	if (rc != ATRACK_DONE)
		return rc;
	atr_sink_puts(s, "</svg>\n");
	atr_html_legend(r, s);
	if (dots == 0) {
		atr_sink_puts(s, "<p>No update in the year.</p>\n</section>\n");
		return ATRACK_OK;
	}

	/* With --since the changes are listed below: not twice. */
	if (r->since[0]) {
		atr_sink_puts(s, "</section>\n");
		return ATRACK_OK;
	}
	atr_sink_printf(s, "<h3>Latest updates</h3>\n<ol class=\"tl\">\n");
	rc = atr_report_each_change(r, TIMELINE_LIST, html_latest, s, NULL);
	atr_sink_puts(s, "</ol>\n</section>\n");
	return rc;
}

/* An evidence URL: a link only for http(s), which opens outside the page
 * and tells the site nothing; any other scheme is shown as text. */
static void evidence(atr_sink *s, const char *url)
{
	bool web = strncmp(url, "https://", 8) == 0 || strncmp(url, "http://", 7) == 0;
	if (web) {
		atr_sink_puts(s, "<a class=\"evidence\" rel=\"noopener noreferrer\" href=\"");
		atr_sink_html(s, url);
		atr_sink_puts(s, "\">evidence</a>");
	} else {
		atr_sink_puts(s, "<span class=\"evidence\">");
		atr_sink_html(s, url);
		atr_sink_puts(s, "</span>");
	}
}

static void initiative_row(const atrack_report *r, atr_sink *s, const atrack_report_row *row)
{
	atr_sink_printf(s, "<tr id=\"i-%lld\"><td><b>", (long long)row->id);
	atr_sink_html(s, row->title);
	atr_sink_puts(s, "</b><br><span class=\"slug\">");
	atr_sink_html(s, row->slug);
	atr_sink_puts(s, "</span></td><td>");
	atr_sink_html(s, row->frameworks);
	atr_sink_puts(s, "</td><td>");
	badge(r, s, row->status, row->status_label);
	atr_sink_puts(s, "</td><td");
	/* Only a known health names a class; any other text is only shown. */
	static const char *const known[] = { "on_track", "at_risk", "off_track" };
	for (size_t i = 0; row->health && i < ATR_ARRAY_SIZE(known); i++)
		if (strcmp(row->health, known[i]) == 0)
			atr_sink_printf(s, " class=\"health-%s\"", known[i]);
	atr_sink_puts(s, ">");
	atr_sink_html(s, atr_health_words(row->health));
	atr_sink_puts(s, "</td><td class=\"n\">");
	if (row->percent_complete >= 0)
		atr_sink_printf(s, "%d%%", row->percent_complete);
	atr_sink_puts(s, "</td><td class=\"d\">");
	atr_sink_html(s, row->target_date);
	atr_sink_puts(s, "</td><td>");
	atr_sink_html(s, row->meeting_name);
	atr_sink_puts(s, "</td><td class=\"d\">");
	atr_sink_html(s, row->last_update);
	atr_sink_printf(s, "</td><td class=\"n\">%d</td><td>", row->days_since);
	if (row->overdue)
		atr_sink_puts(s, "<span class=\"flag\">OVERDUE</span>");
	if (row->stale)
		atr_sink_puts(s, "<span class=\"flag\">STALE</span>");
	atr_sink_puts(s, "</td><td class=\"note\">");
	atr_sink_html(s, row->latest_note);
	if (row->evidence_url) {
		atr_sink_puts(s, " ");
		evidence(s, row->evidence_url);
	}
	atr_sink_puts(s, "</td></tr>\n");
}

static int html_initiatives(atrack_report *r, atr_sink *s)
{
	atrack_iter *it;
	int rc = atrack_report_rows(r, &it);
	if (rc != ATRACK_OK)
		return rc;
	atr_sink_puts(s, "<section id=\"initiatives\">\n<h2>Initiatives</h2>\n");
	bool first = true;
	int64_t section = -1;
	while ((rc = atrack_iter_next(it)) == ATRACK_OK) {
		const atrack_report_row *row = atrack_iter_report_row(it);
		if (first || row->group_key != section) {
			atr_sink_puts(s, first ? "<h3>" : "</tbody>\n</table>\n<h3>");
			atr_sink_html(s, row->group_name);
			atr_sink_puts(s, "</h3>\n<table class=\"initiatives\">\n<thead><tr><th>Initiative</th>"
			              "<th>Frameworks</th><th>Status</th><th>Health</th><th class=\"n\">%</th>"
			              "<th>Target</th><th>Meeting</th><th>Last update</th>"
			              "<th class=\"n\">Days</th><th>Flags</th><th>Latest note</th></tr>"
			              "</thead>\n<tbody>\n");
			section = row->group_key;
			first = false;
		}
		initiative_row(r, s, row);
	}
	atr_sink_puts(s, first ? "<p>No initiative matches.</p>\n" : "</tbody>\n</table>\n");
	atr_sink_puts(s, "</section>\n");
	atrack_iter_free(it);
	return rc == ATRACK_DONE ? ATRACK_OK : rc;
}

static int html_change(atrack_report *r, const atrack_report_change *c, atr_sink *s)
{
	(void)r;
	atr_sink_printf(s, "<tr class=\"change-%s\"><td>", atr_change_word(c->kind));
	atr_sink_html(s, c->event_date);
	atr_sink_puts(s, "</td><td>");
	atr_sink_html(s, c->title);
	atr_sink_puts(s, "</td><td>");
	if (c->kind == ATRACK_CHANGE_NEW)
		atr_sink_puts(s, "new: ");
	if (c->kind == ATRACK_CHANGE_TRANSITION) {
		badge(r, s, c->from_status, c->from_status_label);
		atr_sink_puts(s, " → ");
	}
	badge(r, s, c->to_status, c->to_status_label);
	atr_buf what = ATR_BUF_INIT;
	atrack_report_change only = *c;
	only.kind = ATRACK_CHANGE_UPDATE; /* the status is in the badges */
	atr_change_words(&only, "→", &what);
	const char *rest = what.data ? strchr(what.data, ';') : NULL;
	if (rest) {
		atr_sink_puts(s, "<br><span class=\"slug\">");
		atr_sink_html(s, rest + 2);
		atr_sink_puts(s, "</span>");
	}
	if (atr_buf_failed(&what))
		s->failed = true;
	atr_buf_clear(&what);
	atr_sink_puts(s, "</td><td>");
	atr_sink_html(s, c->author);
	atr_sink_puts(s, "</td><td class=\"d\">");
	/* The day it was written down, not a raw timestamp. */
	char day[11] = "";
	if (c->recorded_at) {
		size_t n = strnlen(c->recorded_at, 10);
		memcpy(day, c->recorded_at, n);
		day[n] = '\0';
	}
	atr_sink_html(s, day);
	atr_sink_puts(s, "</td><td>");
	atr_sink_html(s, c->note);
	if (c->evidence_url) {
		atr_sink_puts(s, " ");
		evidence(s, c->evidence_url);
	}
	atr_sink_puts(s, "</td></tr>\n");
	return ATRACK_OK;
}

static int html_changes(atrack_report *r, atr_sink *s)
{
	if (!r->since[0])
		return ATRACK_OK;
	atr_sink_puts(s, "<section id=\"changes\">\n<h2>Changes since ");
	atr_sink_html(s, r->since);
	atr_sink_puts(s, "</h2>\n<table>\n<thead><tr><th>Date</th><th>Initiative</th><th>Change</th>"
	              "<th>By</th><th>Recorded</th><th>Note</th></tr></thead>\n<tbody>\n");
	int rc = atr_report_each_change(r, 0, html_change, s, NULL);
	atr_sink_puts(s, "</tbody>\n</table>\n</section>\n");
	return rc;
}

int atr_report_html(atrack_report *r, atr_sink *s)
{
	html_head(r, s);
	html_kpis(r, s);
	atr_html_bars(r, s);
	atr_html_health(r, s);
	int rc = atr_html_burndown(r, s);
	if (rc != ATRACK_OK)
		return rc;
	if (r->summary_only) {
		atr_sink_puts(s, "<section id=\"summary\">\n<h2>Summary</h2>\n");
		html_group_table(r, s, ATRACK_REPORT_SECTION, "By line of effort");
		html_group_table(r, s, ATRACK_REPORT_FRAMEWORK, "By framework");
		html_group_table(r, s, ATRACK_REPORT_MEETING, "By meeting");
		atr_sink_puts(s, "</section>\n</body>\n</html>\n");
		return ATRACK_OK;
	}
	rc = html_timeline(r, s);
	if (rc == ATRACK_OK)
		rc = html_changes(r, s);
	if (rc == ATRACK_OK)
		rc = html_initiatives(r, s);
	if (rc == ATRACK_OK) {
		atr_sink_puts(s, "<section id=\"summary\">\n<h2>Summary</h2>\n");
		html_group_table(r, s, ATRACK_REPORT_SECTION, "By line of effort");
		html_group_table(r, s, ATRACK_REPORT_FRAMEWORK, "By framework");
		html_group_table(r, s, ATRACK_REPORT_MEETING, "By meeting");
		atr_sink_printf(s, "</section>\n<footer>Generated by atrack %s on %s.</footer>\n"
		                "</body>\n</html>\n", ATRACK_VERSION, r->today);
	}
	return rc;
}
