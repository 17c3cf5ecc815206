/*
 * serve_pages.c - the HTML pages of `atrack serve`: the board with its
 * filters and sort in the query string (so a filtered board is a link to
 * share), meetings, frameworks and parties with their initiatives, the
 * change history, the report (the renderer of `atrack report --format
 * html`) and search; an initiative's pages are in serve_initiative.c. Every value goes through serve_html, the
 * HTML report's escaping; nothing is loaded from elsewhere.
 */
#include "serve.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <microhttpd.h>

/* ---- The board's filters ------------------------------------------------- */

static const char *const orders[] = { "position", "title", "last-update", "status" };

/* Resolve query parameter `name` of `kind` into *id (0 when absent). */
static int query_ref(const serve_request *r, const char *name, atrack_kind kind, int64_t *id,
                     char *err, size_t size)
{
	const char *ref = serve_query(r, name);
	*id = 0;
	if (!ref)
		return 0;
	int rc = atrack_resolve(r->db, kind, ref, id);
	if (rc != ATRACK_OK) {
		snprintf(err, size, "%s: %s", name, atrack_errmsg(r->db));
		return -1;
	}
	return 0;
}

int serve_board_filter(const serve_request *r, atrack_initiative_filter *f, int *stale_days,
                       char *today, char *err, size_t size)
{
	if (query_ref(r, "section", ATRACK_KIND_SECTION, &f->section_id, err, size) ||
	    query_ref(r, "framework", ATRACK_KIND_FRAMEWORK, &f->framework_id, err, size) ||
	    query_ref(r, "party", ATRACK_KIND_PARTY, &f->party_id, err, size) ||
	    query_ref(r, "meeting", ATRACK_KIND_MEETING, &f->meeting_id, err, size))
		return -1;
	f->status = serve_query(r, "status");
	f->health = serve_query(r, "health");
	f->text = serve_query(r, "text");
	f->overdue_only = serve_query(r, "overdue") != NULL;
	*stale_days = ATRACK_STALE_DAYS_DEFAULT;
	const char *stale = serve_query(r, "stale");
	if (stale) {
		char *end = NULL;
		errno = 0;
		long n = strtol(stale, &end, 10);
		if (errno || !end || *end || n < 1 || n > 1000000) {
			snprintf(err, size, "stale: '%s' is not a number of days (1 or more)", stale);
			return -1;
		}
		*stale_days = (int)n;
		f->stale_only = 1;
	}
	f->stale_days = *stale_days;
	const char *sort = serve_query(r, "sort");
	if (sort) {
		size_t i = 0;
		while (i < sizeof orders / sizeof orders[0] && strcmp(orders[i], sort) != 0)
			i++;
		if (i == sizeof orders / sizeof orders[0]) {
			snprintf(err, size, "sort: '%s' is not one of position, title, last-update, "
			         "status", sort);
			return -1;
		}
		f->order = (atrack_initiative_order)i;
	}
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(today, 11, "%Y-%m-%d", &tm);
	return 0;
}

/* A text input of the filter form, holding the query's value. */
static void filter_input(const serve_request *r, serve_page *p, const char *name,
                         const char *label, const char *type)
{
	fprintf(p->out, "<label>%s<input type=\"%s\" name=\"%s\" value=\"", label, type, name);
	serve_html(p, serve_query(r, name));
	fputs("\"></label>\n", p->out);
}

static void filter_select(const serve_request *r, serve_page *p, const char *name,
                          const char *label, const char *const *values, size_t n)
{
	const char *now = serve_query(r, name);
	fprintf(p->out, "<label>%s<select name=\"%s\"><option value=\"\">any</option>", label, name);
	for (size_t i = 0; i < n; i++) {
		fputs("<option", p->out);
		if (now && strcmp(now, values[i]) == 0)
			fputs(" selected", p->out);
		fputs(">", p->out);
		serve_html(p, values[i]);
		fputs("</option>", p->out);
	}
	fputs("</select></label>\n", p->out);
}

/* The frameworks an initiative is linked to, ", "-joined. */
static void frameworks_cell(const serve_request *r, serve_page *p, int64_t id)
{
	atrack_iter *it = NULL;
	if (atrack_link_list(r->db, ATRACK_KIND_INITIATIVE, id, &it) != ATRACK_OK)
		return;
	int n = 0;
	while (atrack_iter_next(it) == ATRACK_OK) {
		const atrack_link_row *l = atrack_iter_link(it);
		if (l->kind != ATRACK_KIND_FRAMEWORK)
			continue;
		if (n++)
			fputs(", ", p->out);
		serve_html(p, l->slug);
	}
	atrack_iter_free(it);
}

/* The board's table of the initiatives `it` yields; returns how many. */
static int board_table(const serve_request *r, serve_page *p, atrack_iter *it)
{
	int rc;
	fputs("<table id=\"board\">\n<thead><tr><th>initiative</th><th>status</th><th>health</th>"
	      "<th>%</th><th>target</th><th>last update</th><th>days</th><th>meeting</th>"
	      "<th>frameworks</th></tr></thead>\n<tbody>\n", p->out);
	int rows = 0;
	while ((rc = atrack_iter_next(it)) == ATRACK_OK) {
		const atrack_initiative *in = atrack_iter_entity(it);
		rows++;
		fputs("<tr><td><a href=\"/initiative/", p->out);
		serve_url_encode(p->out, in->slug);
		fputs("\">", p->out);
		serve_html(p, in->title);
		fputs("</a> <span class=\"slug\">", p->out);
		serve_html(p, in->slug);
		fputs("</span></td><td>", p->out);
		serve_html(p, in->status ? in->status : "—");
		fputs("</td><td>", p->out);
		serve_html(p, in->health);
		fputs("</td><td class=\"n\">", p->out);
		if (in->percent_complete >= 0)
			fprintf(p->out, "%d%%", in->percent_complete);
		fputs("</td><td>", p->out);
		serve_html(p, in->target_date);
		if (in->is_overdue)
			fputs(" <span class=\"flag\">overdue</span>", p->out);
		fputs("</td><td>", p->out);
		serve_html(p, in->last_update_date);
		if (in->is_stale)
			fputs(" <span class=\"flag\">stale</span>", p->out);
		fputs("</td><td class=\"n\">", p->out);
		if (in->days_since_update >= 0)
			fprintf(p->out, "%d", in->days_since_update);
		fputs("</td><td>", p->out);
		serve_html(p, in->meeting_slug);
		fputs("</td><td>", p->out);
		frameworks_cell(r, p, in->id);
		fputs("</td></tr>\n", p->out);
	}
	fputs("</tbody>\n</table>\n", p->out);
	if (rc != ATRACK_DONE) {
		p->status = MHD_HTTP_INTERNAL_SERVER_ERROR;
		fputs("<p class=\"error\">", p->out);
		serve_html(p, atrack_errmsg(r->db));
		fputs("</p>\n", p->out);
	}
	return rows;
}

void serve_board(const serve_request *r, serve_page *p)
{
	atrack_initiative_filter f = ATRACK_INITIATIVE_FILTER_INIT;
	char err[512] = "", today[11];
	int stale_days;
	int bad = serve_board_filter(r, &f, &stale_days, today, err, sizeof err);
	serve_page_begin(p, "Board");
	fputs("<h1>Board</h1>\n<form class=\"filters\" method=\"get\" action=\"/\">\n", p->out);
	filter_input(r, p, "section", "section", "text");
	filter_input(r, p, "framework", "framework", "text");
	filter_input(r, p, "party", "party", "text");
	filter_input(r, p, "meeting", "meeting", "text");
	filter_input(r, p, "status", "status", "text");
	static const char *const healths[] = { "on_track", "at_risk", "off_track" };
	filter_select(r, p, "health", "health", healths, 3);
	filter_input(r, p, "stale", "stale after (days)", "number");
	fprintf(p->out, "<label>overdue<input type=\"checkbox\" name=\"overdue\" value=\"1\"%s>"
	        "</label>\n", serve_query(r, "overdue") ? " checked" : "");
	filter_select(r, p, "sort", "sort", orders, sizeof orders / sizeof orders[0]);
	fputs("<label>&nbsp;<button>Filter</button></label>\n</form>\n", p->out);
	atrack_iter *it = NULL;
	int rc = bad ? ATRACK_INVALID : atrack_initiative_list(r->db, &f, &it);
	if (rc != ATRACK_OK) {
		p->status = bad ? MHD_HTTP_BAD_REQUEST : rc == ATRACK_INVALID ? MHD_HTTP_BAD_REQUEST
		                                       : MHD_HTTP_INTERNAL_SERVER_ERROR;
		fputs("<p class=\"error\" id=\"filter-error\">", p->out);
		serve_html(p, bad ? err : atrack_errmsg(r->db));
		fputs("</p>\n", p->out);
		serve_page_end(p);
		return;
	}
	int rows = board_table(r, p, it);
	fprintf(p->out, "<p class=\"muted\">%d initiative%s · today %s · stale after %d days · "
	        "<a href=\"/api/board\">JSON</a></p>\n", rows, rows == 1 ? "" : "s", today,
	        stale_days);
	atrack_iter_free(it);
	serve_page_end(p);
}

/* ---- Meetings, frameworks, parties, and the change history ------------------ */

/* The name or title of a thing: its first text member after the slug. */
static const char *thing_name(atrack_kind kind, const void *row)
{
	size_t n;
	const atrack_field *f = atrack_fields(kind, &n);
	for (size_t i = 0; i < n; i++)
		if (f[i].type == ATRACK_FIELD_TEXT)
			return *(const char *const *)((const char *)row + f[i].offset);
	return NULL;
}

static const char *thing_slug(atrack_kind kind, const void *row)
{
	size_t n;
	const atrack_field *f = atrack_fields(kind, &n);
	for (size_t i = 0; i < n; i++)
		if (f[i].type == ATRACK_FIELD_SLUG)
			return *(const char *const *)((const char *)row + f[i].offset);
	return NULL;
}

static const struct {
	const char *word;   /* in the path: /meeting/REF */
	const char *plural; /* the list: /meetings */
	const char *heading;
	atrack_kind kind;
} kinds[] = {
	{ "meeting", "meetings", "Meetings", ATRACK_KIND_MEETING },
	{ "framework", "frameworks", "Frameworks", ATRACK_KIND_FRAMEWORK },
	{ "party", "parties", "Parties", ATRACK_KIND_PARTY },
};

int serve_kind_of(const char *word, bool plural)
{
	for (int i = 0; i < (int)(sizeof kinds / sizeof kinds[0]); i++)
		if (strcmp(plural ? kinds[i].plural : kinds[i].word, word) == 0)
			return i;
	return -1;
}

void serve_kind_list(const serve_request *r, serve_page *p, int k)
{
	atrack_iter *it = NULL;
	int rc = atrack_entity_list(r->db, kinds[k].kind, NULL, &it);
	serve_page_begin(p, kinds[k].heading);
	fprintf(p->out, "<h1>%s</h1>\n<ul id=\"things\">\n", kinds[k].heading);
	while (rc == ATRACK_OK && (rc = atrack_iter_next(it)) == ATRACK_OK) {
		const void *row = atrack_iter_entity(it);
		const char *slug = thing_slug(kinds[k].kind, row);
		fprintf(p->out, "<li><a href=\"/%s/", kinds[k].word);
		serve_url_encode(p->out, slug);
		fputs("\">", p->out);
		serve_html(p, thing_name(kinds[k].kind, row));
		fputs("</a> <span class=\"slug\">", p->out);
		serve_html(p, slug);
		fputs("</span></li>\n", p->out);
	}
	atrack_iter_free(it);
	fputs("</ul>\n", p->out);
	if (rc != ATRACK_DONE) {
		p->status = MHD_HTTP_INTERNAL_SERVER_ERROR;
		fputs("<p class=\"error\">", p->out);
		serve_html(p, atrack_errmsg(r->db));
		fputs("</p>\n", p->out);
	}
	serve_page_end(p);
}

void serve_kind_page(const serve_request *r, serve_page *p, int k, const char *ref)
{
	int64_t id;
	void *row = NULL;
	int rc = atrack_resolve(r->db, kinds[k].kind, ref, &id);
	if (rc == ATRACK_OK)
		rc = atrack_entity_get(r->db, kinds[k].kind, id, &row);
	if (rc != ATRACK_OK) {
		serve_error(p, rc == ATRACK_NOTFOUND ? MHD_HTTP_NOT_FOUND
		               : MHD_HTTP_INTERNAL_SERVER_ERROR, atrack_errmsg(r->db));
		return;
	}
	const char *name = thing_name(kinds[k].kind, row);
	serve_page_begin(p, name ? name : ref);
	fputs("<h1 id=\"title\">", p->out);
	serve_html(p, name);
	fputs("</h1>\n<dl>\n", p->out);
	size_t n;
	const atrack_field *f = atrack_fields(kinds[k].kind, &n);
	for (size_t i = 0; i < n; i++) {
		const char *const *text = (const char *const *)((const char *)row + f[i].offset);
		if ((f[i].type != ATRACK_FIELD_TEXT && f[i].type != ATRACK_FIELD_SLUG &&
		     f[i].type != ATRACK_FIELD_DATE && f[i].type != ATRACK_FIELD_ENUM) || !*text ||
		    !**text)
			continue;
		fputs("<dt>", p->out);
		serve_html(p, f[i].name);
		fputs("</dt><dd>", p->out);
		serve_html(p, *text);
		fputs("</dd>\n", p->out);
	}
	fputs("</dl>\n<h2>Initiatives</h2>\n", p->out);
	atrack_entity_free(row);
	atrack_initiative_filter filter = ATRACK_INITIATIVE_FILTER_INIT;
	if (kinds[k].kind == ATRACK_KIND_MEETING)
		filter.meeting_id = id;
	else if (kinds[k].kind == ATRACK_KIND_FRAMEWORK)
		filter.framework_id = id;
	else
		filter.party_id = id;
	atrack_iter *it = NULL;
	rc = atrack_initiative_list(r->db, &filter, &it);
	if (rc == ATRACK_OK)
		board_table(r, p, it);
	else
		serve_html(p, atrack_errmsg(r->db));
	atrack_iter_free(it);
	serve_page_end(p);
}

void serve_log(const serve_request *r, serve_page *p)
{
	atrack_audit_filter f = ATRACK_AUDIT_FILTER_INIT;
	f.since = serve_query(r, "since");
	f.until = serve_query(r, "until");
	f.author = serve_query(r, "author");
	f.limit = 200;
	serve_page_begin(p, "Change history");
	fputs("<h1>Change history</h1>\n<form class=\"filters\" method=\"get\" action=\"/log\">\n",
	      p->out);
	filter_input(r, p, "since", "since", "text");
	filter_input(r, p, "until", "until", "text");
	filter_input(r, p, "author", "author", "text");
	fputs("<label>&nbsp;<button>Filter</button></label>\n</form>\n", p->out);
	atrack_iter *it = NULL;
	int rc = atrack_audit_list(r->db, &f, &it);
	if (rc == ATRACK_OK)
		fputs("<table id=\"log\">\n<thead><tr><th>when</th><th>who</th><th>what</th>"
		      "<th>row</th><th>before</th><th>after</th></tr></thead>\n<tbody>\n", p->out);
	while (rc == ATRACK_OK && (rc = atrack_iter_next(it)) == ATRACK_OK) {
		const atrack_audit_entry *e = atrack_iter_audit(it);
		fputs("<tr><td>", p->out);
		serve_html(p, e->at);
		fputs("</td><td>", p->out);
		serve_html(p, e->author);
		fputs("</td><td>", p->out);
		serve_html(p, e->action);
		fputs(" ", p->out);
		serve_html(p, e->kind ? e->kind : e->table_name);
		fprintf(p->out, "</td><td class=\"n\">%lld</td><td><code>", (long long)e->row_id);
		serve_html(p, e->before_json);
		fputs("</code></td><td><code>", p->out);
		serve_html(p, e->after_json);
		fputs("</code></td></tr>\n", p->out);
	}
	atrack_iter_free(it);
	if (rc == ATRACK_DONE)
		fputs("</tbody>\n</table>\n<p class=\"muted\">the latest 200 changes that match"
		      "</p>\n", p->out);
	if (rc != ATRACK_DONE) {
		p->status = rc == ATRACK_INVALID ? MHD_HTTP_BAD_REQUEST : MHD_HTTP_INTERNAL_SERVER_ERROR;
		fputs("<p class=\"error\" id=\"filter-error\">", p->out);
		serve_html(p, atrack_errmsg(r->db));
		fputs("</p>\n", p->out);
	}
	serve_page_end(p);
}

/* ---- The report ------------------------------------------------------------ */

int serve_report_opts(const serve_request *r, atrack_report_opts *o, char *err, size_t size)
{
	o->since = serve_query(r, "since");
	o->as_of = serve_query(r, "as-of");
	o->status = serve_query(r, "status");
	o->health = serve_query(r, "health");
	o->title = serve_query(r, "title");
	o->stale_only = serve_query(r, "stale") != NULL;
	o->overdue_only = serve_query(r, "overdue") != NULL;
	o->summary_only = serve_query(r, "summary") != NULL;
	const char *stale_days = serve_query(r, "stale-days");
	if (stale_days) {
		char *end = NULL;
		errno = 0;
		long n = strtol(stale_days, &end, 10);
		if (errno || !end || *end || n < 0 || n > 100000) {
			snprintf(err, size, "stale-days: not a number from 0 to 100000");
			return -1;
		}
		o->stale_days = (int)n;
	}
	static const char *const keys[] = { "section", "meeting", "status", "health", "stale",
	                                     "overdue" };
	const char *group_by = serve_query(r, "group-by");
	if (group_by) {
		o->group_by = -1;
		for (int k = 0; k < (int)(sizeof keys / sizeof keys[0]); k++)
			if (strcmp(group_by, keys[k]) == 0)
				o->group_by = k;
		if (o->group_by < 0) {
			snprintf(err, size, "group-by: one of section, meeting, status, health, stale "
			         "or overdue");
			return -1;
		}
	}
	if (query_ref(r, "section", ATRACK_KIND_SECTION, &o->section_id, err, size) ||
	    query_ref(r, "framework", ATRACK_KIND_FRAMEWORK, &o->framework_id, err, size) ||
	    query_ref(r, "meeting", ATRACK_KIND_MEETING, &o->meeting_id, err, size) ||
	    query_ref(r, "party", ATRACK_KIND_PARTY, &o->party_id, err, size))
		return -1;
	return 0;
}

void serve_report(const serve_request *r, serve_page *p)
{
	atrack_report_opts o = ATRACK_REPORT_OPTS_INIT;
	char err[512];
	if (serve_report_opts(r, &o, err, sizeof err) != 0) {
		serve_error(p, MHD_HTTP_BAD_REQUEST, err);
		return;
	}
	char *html = NULL;
	size_t len = 0;
	int rc = atrack_report_render(r->db, &o, ATRACK_REPORT_HTML, &html, &len);
	if (rc != ATRACK_OK) {
		serve_error(p, rc == ATRACK_INVALID ? MHD_HTTP_BAD_REQUEST
		               : MHD_HTTP_INTERNAL_SERVER_ERROR, atrack_errmsg(r->db));
		return;
	}
	fwrite(html, 1, len, p->out);
	atrack_free(html);
}

/* ---- Search -------------------------------------------------------------------- */

void serve_search(const serve_request *r, serve_page *p)
{
	const char *q = serve_query(r, "q");
	serve_page_begin(p, "Search");
	fputs("<h1>Search</h1>\n<form method=\"get\" action=\"/search\"><input type=\"search\" "
	      "name=\"q\" value=\"", p->out);
	serve_html(p, q);
	fputs("\"> <button>Search</button></form>\n", p->out);
	if (!q) {
		serve_page_end(p);
		return;
	}
	atrack_iter *it = NULL;
	int rc = atrack_search(r->db, q, NULL, &it);
	if (rc != ATRACK_OK) {
		p->status = rc == ATRACK_INVALID ? MHD_HTTP_BAD_REQUEST : MHD_HTTP_INTERNAL_SERVER_ERROR;
		fputs("<p class=\"error\">", p->out);
		serve_html(p, atrack_errmsg(r->db));
		fputs("</p>\n", p->out);
		serve_page_end(p);
		return;
	}
	fputs("<ol id=\"hits\">\n", p->out);
	int n = 0;
	while ((rc = atrack_iter_next(it)) == ATRACK_OK) {
		const atrack_search_hit *h = atrack_iter_search_hit(it);
		n++;
		fputs("<li><span class=\"muted\">", p->out);
		serve_html(p, atrack_kind_name(h->kind));
		fputs("</span> ", p->out);
		const char *slug = h->kind == ATRACK_KIND_INITIATIVE ? h->slug : NULL;
		if (slug) {
			fputs("<a href=\"/initiative/", p->out);
			serve_url_encode(p->out, slug);
			fputs("\">", p->out);
		}
		serve_html(p, h->title);
		if (slug)
			fputs("</a>", p->out);
		fputs("<div class=\"muted\">", p->out);
		serve_html(p, h->snippet);
		fputs("</div></li>\n", p->out);
	}
	fputs("</ol>\n", p->out);
	if (rc != ATRACK_DONE) {
		fputs("<p class=\"error\">", p->out);
		serve_html(p, atrack_errmsg(r->db));
		fputs("</p>\n", p->out);
	} else if (n == 0) {
		fputs("<p class=\"muted\">nothing found</p>\n", p->out);
	}
	atrack_iter_free(it);
	serve_page_end(p);
}
