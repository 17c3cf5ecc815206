/*
 * report_html_charts.c - the HTML report's pictures that are bars: a
 * stacked status bar per line of effort and a health bar (on track, at
 * risk, off track, not given) per line of effort and per framework, each
 * drawn on one scale per view so that bars compare, with their counts
 * printed on them; and the colour of each status, which the timeline in
 * report_html.c shares. Calls report_out.c's escapers only.
 */
#include "report_int.h"

#include <string.h>

/* A colour per status, so a bar reads without its legend: known codes get
 * colours people expect; codes users added take the next of a palette
 * distinct from those (by their place in the vocabulary), so no two
 * statuses share a colour. */
static const char *const extra_colours[] = {
	"#8e44ad", "#d35400", "#16a085", "#c0392b", "#7f8c8d", "#2c3e50", "#f39c12", "#27ae60",
};

const char *atr_html_status_colour(const atrack_report *r, const char *code)
{
	static const struct { const char *code, *colour; } colours[] = {
		{ "announced", "#8e9aaf" }, { "planned", "#5b8def" }, { "in_progress", "#1f6fb2" },
		{ "ongoing", "#2a9d8f" }, { "stalled", "#e09f1f" }, { "completed", "#2e7d32" },
		{ "cancelled", "#6d6d6d" },
	};
	for (size_t i = 0; code && i < ATR_ARRAY_SIZE(colours); i++)
		if (strcmp(colours[i].code, code) == 0)
			return colours[i].colour;
	size_t extra = 0;
	for (size_t i = 0; code && i < r->status_count; i++) {
		const char *c = r->statuses[i].code;
		if (strcmp(c, code) == 0)
			return extra_colours[extra % ATR_ARRAY_SIZE(extra_colours)];
		bool known = false;
		for (size_t k = 0; k < ATR_ARRAY_SIZE(colours); k++)
			known |= strcmp(colours[k].code, c) == 0;
		extra += !known;
	}
	return "#b0b7bf";
}

/* Days since 1970-01-01 of a valid "YYYY-MM-DD" (H. Hinnant's algorithm),
 * to place updates on the timeline. */
long atr_html_day_number(const char *date)
{
	int y = 0, m = 0, d = 0;
	if (!date || sscanf(date, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return 0;
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The largest total among the groups of a kind: bars are drawn to this
 * scale, so that a section of 2 is shorter than one of 20. */
static unsigned int scale_of(atrack_report *r, atrack_report_group group)
{
	unsigned int most = 1;
	for (size_t i = 0; i < atrack_report_group_count(r, group); i++) {
		const atrack_report_summary *g = atrack_report_group_at(r, group, i);
		if (g->total > most)
			most = g->total;
	}
	return most;
}

/* One segment of a stacked bar, its count printed on it when it is wide
 * enough (print has no hover), and in its <title> too. */
static void segment(atr_sink *s, const char *cls, const char *code, const char *colour,
                    double x, double w, unsigned int n, const char *label)
{
	atr_sink_printf(s, "<g class=\"%s\" data-status=\"", cls);
	atr_sink_html(s, code);
	atr_sink_printf(s, "\" data-count=\"%u\"><rect x=\"%.1f\" width=\"%.1f\" height=\"22\" "
	                "fill=\"%s\"/>", n, x, w, colour);
	if (w >= 24)
		atr_sink_printf(s, "<text x=\"%.1f\" y=\"15\" font-size=\"12\" fill=\"#fff\" "
		                "text-anchor=\"middle\">%u</text>", x + w / 2, n);
	atr_sink_puts(s, "<title>");
	atr_sink_html(s, label);
	atr_sink_printf(s, ": %u</title></g>", n);
}

/* One stacked bar: a segment per status, widths in proportion to the
 * counts on the scale of the largest group, so bars compare. */
static void status_bar(atrack_report *r, atr_sink *s, const atrack_report_summary *g,
                       unsigned int scale)
{
	atr_sink_puts(s, "<svg viewBox=\"0 0 1000 22\" preserveAspectRatio=\"none\" role=\"img\" "
	              "aria-label=\"");
	atr_sink_html(s, g->name);
	atr_sink_printf(s, ": %u initiatives\">", g->total);
	atr_sink_puts(s, "<rect width=\"1000\" height=\"22\" fill=\"#eef1f4\"/>");
	double x = 0;
	for (size_t i = 0; g->total && i < r->status_count; i++) {
		if (!g->by_status[i])
			continue;
		double w = 1000.0 * g->by_status[i] / scale;
		segment(s, "seg", r->statuses[i].code, atr_html_status_colour(r, r->statuses[i].code), x, w,
		        g->by_status[i], r->statuses[i].label);
		x += w;
	}
	atr_sink_puts(s, "</svg>\n");
}

/* The same for health: red, amber, green and grey for "not given". */
static void health_bar(atr_sink *s, const atrack_report_summary *g, unsigned int scale)
{
	const struct { const char *code, *label, *colour; unsigned int n; } parts[] = {
		{ "on_track", "on track", "#2e7d32", g->on_track },
		{ "at_risk", "at risk", "#e09f1f", g->at_risk },
		{ "off_track", "off track", "#c62828", g->off_track },
		{ "none", "not given", "#9aa5b1", g->no_health },
	};
	atr_sink_puts(s, "<svg viewBox=\"0 0 1000 22\" preserveAspectRatio=\"none\" role=\"img\" "
	              "aria-label=\"health of ");
	atr_sink_html(s, g->name);
	atr_sink_puts(s, "\"><rect width=\"1000\" height=\"22\" fill=\"#eef1f4\"/>");
	double x = 0;
	for (size_t i = 0; i < ATR_ARRAY_SIZE(parts); i++) {
		if (!parts[i].n)
			continue;
		double w = 1000.0 * parts[i].n / scale;
		segment(s, "hseg", parts[i].code, parts[i].colour, x, w, parts[i].n, parts[i].label);
		x += w;
	}
	atr_sink_puts(s, "</svg>\n");
}

static void health_rows(atrack_report *r, atr_sink *s, atrack_report_group group,
                        const char *heading)
{
	size_t n = atrack_report_group_count(r, group);
	if (n == 0)
		return;
	unsigned int scale = scale_of(r, group);
	atr_sink_printf(s, "<h3>%s</h3>\n<div class=\"hbars\">\n", heading);
	for (size_t i = 0; i < n; i++) {
		const atrack_report_summary *g = atrack_report_group_at(r, group, i);
		atr_sink_puts(s, "<div class=\"label\">");
		atr_sink_html(s, g->name);
		atr_sink_printf(s, " <small>%u · %u on track · %u at risk · %u off track</small></div>\n",
		                g->total, g->on_track, g->at_risk, g->off_track);
		health_bar(s, g, scale);
	}
	atr_sink_puts(s, "</div>\n");
}

void atr_html_health(atrack_report *r, atr_sink *s)
{
	atr_sink_puts(s, "<section id=\"health\">\n<h2>Health</h2>\n");
	health_rows(r, s, ATRACK_REPORT_SECTION, "By line of effort");
	health_rows(r, s, ATRACK_REPORT_FRAMEWORK, "By framework");
	atr_sink_puts(s, "<ul class=\"legend\"><li><span class=\"sw\" style=\"background:#2e7d32\">"
	              "</span>on track</li><li><span class=\"sw\" style=\"background:#e09f1f\"></span>"
	              "at risk</li><li><span class=\"sw\" style=\"background:#c62828\"></span>off "
	              "track</li><li><span class=\"sw\" style=\"background:#9aa5b1\"></span>not given"
	              "</li></ul>\n</section>\n");
}

static void bar_row(atrack_report *r, atr_sink *s, const atrack_report_summary *g,
                    unsigned int scale)
{
	atr_sink_puts(s, "<div class=\"label\">");
	atr_sink_html(s, g->name);
	atr_sink_printf(s, " <small>%u · %d%% completed</small></div>\n", g->total,
	                atr_percent(g->completed, g->total));
	status_bar(r, s, g, scale);
}

void atr_html_legend(atrack_report *r, atr_sink *s)
{
	atr_sink_puts(s, "<ul class=\"legend\">");
	for (size_t i = 0; i < r->status_count; i++) {
		atr_sink_printf(s, "<li><span class=\"sw\" style=\"background:%s\"></span>",
		                atr_html_status_colour(r, r->statuses[i].code));
		atr_sink_html(s, r->statuses[i].label);
		atr_sink_puts(s, "</li>");
	}
	atr_sink_puts(s, "</ul>\n");
}

void atr_html_bars(atrack_report *r, atr_sink *s)
{
	atr_sink_puts(s, "<section id=\"status-bars\">\n<h2>Status by line of effort</h2>\n"
	              "<div class=\"bars\">\n");
	const atrack_report_summary *all = atrack_report_group_at(r, ATRACK_REPORT_ALL, 0);
	unsigned int scale = all->total ? all->total : 1;
	bar_row(r, s, all, scale);
	for (size_t i = 0; i < atrack_report_group_count(r, ATRACK_REPORT_SECTION); i++)
		bar_row(r, s, atrack_report_group_at(r, ATRACK_REPORT_SECTION, i), scale);
	atr_sink_puts(s, "</div>\n");
	atr_html_legend(r, s);
	atr_sink_puts(s, "</section>\n");
}


/* ---- Burndown ----------------------------------------------------------- */

typedef struct months {
	struct { char month[8]; unsigned int completed, open; } bar[12];
	size_t count;
} months;

static int collect_month(void *payload, const char *month, unsigned int completed,
                         unsigned int open)
{
	months *m = payload;
	if (m->count < ATR_ARRAY_SIZE(m->bar)) {
		snprintf(m->bar[m->count].month, sizeof m->bar[m->count].month, "%s", month);
		m->bar[m->count].completed = completed;
		m->bar[m->count].open = open;
		m->count++;
	}
	return ATRACK_OK;
}

int atr_html_burndown(atrack_report *r, atr_sink *s)
{
	months m = { .count = 0 };
	int rc = atr_report_each_month(r, collect_month, &m);
	if (rc != ATRACK_OK)
		return rc;
	unsigned int most = 1;
	for (size_t i = 0; i < m.count; i++)
		if (m.bar[i].completed + m.bar[i].open > most)
			most = m.bar[i].completed + m.bar[i].open;
	const int width = 1000, height = 200, base = 170, top = 20, left = 30;
	double slot = m.count ? (double)(width - left) / (double)m.count : 1;
	atr_sink_printf(s, "<section id=\"burndown\">\n<h2>Progress by month</h2>\n"
	                "<svg viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"completed and open "
	                "initiatives at the end of each month\" style=\"width:100%%;height:auto\">\n",
	                width, height);
	for (size_t i = 0; i < m.count; i++) {
		double x = left + slot * (double)i + slot * 0.15, w = slot * 0.33;
		const struct { const char *cls, *colour; unsigned int n; } pair[] = {
			{ "done", "#2e7d32", m.bar[i].completed }, { "open", "#1f6fb2", m.bar[i].open },
		};
		for (size_t k = 0; k < 2; k++) {
			double h = (double)(base - top) * pair[k].n / most;
			double bx = x + (double)k * w;
			atr_sink_printf(s, "<g class=\"%s\" data-month=\"", pair[k].cls);
			atr_sink_html(s, m.bar[i].month);
			atr_sink_printf(s, "\" data-count=\"%u\"><rect x=\"%.1f\" y=\"%.1f\" "
			                "width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/><text x=\"%.1f\" "
			                "y=\"%.1f\" font-size=\"11\" text-anchor=\"middle\" "
			                "fill=\"#1d2733\">%u</text></g>", pair[k].n, bx, base - h, w, h,
			                pair[k].colour, bx + w / 2, base - h - 3, pair[k].n);
		}
		atr_sink_printf(s, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" fill=\"#5b6876\" "
		                "text-anchor=\"middle\">", x + w, base + 16);
		atr_sink_html(s, m.bar[i].month);
		atr_sink_puts(s, "</text>\n");
	}
	atr_sink_printf(s, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#c9d1d9\"/>\n"
	                "</svg>\n<ul class=\"legend\"><li><span class=\"sw\" style=\"background:"
	                "#2e7d32\"></span>completed</li><li><span class=\"sw\" style=\"background:"
	                "#1f6fb2\"></span>open</li></ul>\n</section>\n", left, base, width, base);
	return ATRACK_OK;
}
