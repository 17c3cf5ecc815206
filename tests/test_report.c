/*
 * test_report.c - the status report: its numbers as data (summary, rows,
 * as-of and since against a history with known dates), each format's
 * content, escaping of hostile text in HTML, CSV and Markdown, filters,
 * bad options, and `atrack report` writing a file.
 */
#include "report_fixture.h"
#include "report/report_int.h" /* atr_text_width */

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TODAY "2026-11-28"

static atrack_report_opts opts_today(void)
{
	atrack_report_opts o = ATRACK_REPORT_OPTS_INIT;
	o.today = TODAY;
	o.stale_days = 90; /* the fixture's counts were chosen for 90 */
	return o;
}

/* Is initiative `id` stale in the report and on the board (the list) on
 * `today`, with the default threshold? Both must give the same answer. */
static bool stale_in_report(atrack_db *db, const char *today, int64_t id)
{
	atrack_report_opts o = ATRACK_REPORT_OPTS_INIT;
	o.today = today;
	atrack_report *r;
	ck_assert_int_eq(atrack_report_open(db, &o, &r), ATRACK_OK);
	ck_assert_int_eq(atrack_report_stale_days(r), 30);
	atrack_iter *it;
	ck_assert_int_eq(atrack_report_rows(r, &it), ATRACK_OK);
	bool stale = false, seen = false;
	while (atrack_iter_next(it) == ATRACK_OK) {
		const atrack_report_row *row = atrack_iter_report_row(it);
		if (row->id == id) {
			stale = row->stale;
			seen = true;
		}
	}
	atrack_iter_free(it);
	atrack_report_free(r);
	ck_assert(seen);
	return stale;
}

static bool stale_on_board(atrack_db *db, const char *today, int64_t id)
{
	atrack_initiative_filter f = ATRACK_INITIATIVE_FILTER_INIT;
	f.today = today;
	atrack_iter *it;
	ck_assert_int_eq(atrack_initiative_list(db, &f, &it), ATRACK_OK);
	bool stale = false, seen = false;
	while (atrack_iter_next(it) == ATRACK_OK) {
		const atrack_initiative *in = atrack_iter_entity(it);
		if (in->id == id) {
			stale = in->is_stale != 0;
			seen = true;
		}
	}
	atrack_iter_free(it);
	ck_assert(seen);
	return stale;
}

static size_t status_slot(const atrack_report *r, const char *code)
{
	for (size_t i = 0; i < atrack_report_status_count(r); i++)
		if (strcmp(atrack_report_status_at(r, i)->code, code) == 0)
			return i;
	ck_abort_msg("no status %s", code);
	return 0;
}

static unsigned int count_of(const atrack_report *r, const atrack_report_summary *g,
                             const char *code)
{
	return g->by_status[status_slot(r, code)];
}

static char *render(atrack_db *db, const atrack_report_opts *o, atrack_report_format f)
{
	char *out = NULL;
	size_t len = 0;
	ck_assert_msg(atrack_report_render(db, o, f, &out, &len) == ATRACK_OK, "%s",
	              atrack_errmsg(db));
	ck_assert_uint_eq(strlen(out), len);
	return out;
}

START_TEST(test_summary_counts)
{
	atrack_db *db = report_db();
	atrack_report_opts o = opts_today();
	atrack_report *r;
	ck_assert_int_eq(atrack_report_open(db, &o, &r), ATRACK_OK);
	ck_assert_str_eq(atrack_report_as_of(r), TODAY);
	ck_assert_ptr_null(atrack_report_since(r));
	ck_assert_uint_eq(atrack_report_status_count(r), 7);
	ck_assert_uint_eq(atrack_report_group_count(r, ATRACK_REPORT_ALL), 1);
	const atrack_report_summary *all = atrack_report_group_at(r, ATRACK_REPORT_ALL, 0);
	ck_assert_uint_eq(all->total, 7);
	ck_assert_uint_eq(count_of(r, all, "announced"), 3);
	ck_assert_uint_eq(count_of(r, all, "in_progress"), 1);
	ck_assert_uint_eq(count_of(r, all, "ongoing"), 1);
	ck_assert_uint_eq(count_of(r, all, "stalled"), 1);
	ck_assert_uint_eq(count_of(r, all, "completed"), 1);
	ck_assert_uint_eq(all->completed, 1);
	ck_assert_uint_eq(all->on_track, 2);
	ck_assert_uint_eq(all->at_risk, 1);
	ck_assert_uint_eq(all->off_track, 1);
	ck_assert_uint_eq(all->no_health, 3);
	ck_assert_uint_eq(all->overdue, 1);
	ck_assert_uint_eq(all->stale, 5);

	ck_assert_uint_eq(atrack_report_group_count(r, ATRACK_REPORT_SECTION), 3);
	const atrack_report_summary *s2 = atrack_report_group_at(r, ATRACK_REPORT_SECTION, 1);
	ck_assert_str_eq(s2->name, "Modernizing Alliance Capabilities");
	ck_assert_uint_eq(s2->total, 3);
	ck_assert_uint_eq(s2->completed, 1);
	ck_assert_uint_eq(count_of(r, s2, "ongoing"), 1);
	ck_assert_uint_eq(atrack_report_group_count(r, ATRACK_REPORT_FRAMEWORK), 5);
	const atrack_report_summary *dstec = atrack_report_group_at(r, ATRACK_REPORT_FRAMEWORK, 0);
	ck_assert_str_eq(dstec->name, "DSTEC");
	ck_assert_str_eq(dstec->slug, "dstec");
	ck_assert_uint_eq(count_of(r, dstec, "ongoing"), 1);
	ck_assert_uint_eq(atrack_report_group_count(r, ATRACK_REPORT_MEETING), 1);
	ck_assert_uint_eq(atrack_report_group_at(r, ATRACK_REPORT_MEETING, 0)->total, 7);
	ck_assert_ptr_null(atrack_report_group_at(r, ATRACK_REPORT_MEETING, 1));
	atrack_report_free(r);
	atrack_close(db);
}
END_TEST

START_TEST(test_rows)
{
	atrack_db *db = report_db();
	atrack_report_opts o = opts_today();
	atrack_report *r;
	ck_assert_int_eq(atrack_report_open(db, &o, &r), ATRACK_OK);
	atrack_iter *it;
	ck_assert_int_eq(atrack_report_rows(r, &it), ATRACK_OK);
	int n = 0, rc;
	while ((rc = atrack_iter_next(it)) == ATRACK_OK) {
		const atrack_report_row *row = atrack_iter_report_row(it);
		n++;
		ck_assert_int_eq(row->id, n); /* section order, then position */
		if (row->id == 1) {
			ck_assert_str_eq(row->status, "in_progress");
			ck_assert_str_eq(row->health, "at_risk");
			ck_assert_str_eq(row->last_update, "2025-06-01");
			ck_assert_int_eq(row->days_since, 545);
			ck_assert_str_eq(row->frameworks, "NCG");
			ck_assert_str_eq(row->author, "bob");
			ck_assert_str_eq(row->section_slug, "enhancing-extended-deterrence");
			ck_assert(row->stale && !row->overdue);
		} else if (row->id == 2) {
			ck_assert_str_eq(row->status, "announced");
			ck_assert_str_eq(row->target_date, "2025-12-31");
			ck_assert(row->overdue && row->stale);
		} else if (row->id == 3) {
			ck_assert_str_eq(row->status, "completed");
			ck_assert(row->is_terminal && !row->stale && !row->overdue);
		} else if (row->id == 4) {
			ck_assert_str_eq(row->status_label, "Ongoing");
			ck_assert_int_eq(row->days_since, 58);
			ck_assert(!row->stale);
		}
	}
	ck_assert_int_eq(rc, ATRACK_DONE);
	ck_assert_int_eq(n, 7);
	atrack_iter_free(it);
	atrack_report_free(r);
	atrack_close(db);
}
END_TEST

START_TEST(test_as_of_uses_history)
{
	atrack_db *db = report_db();
	atrack_report_opts o = opts_today();
	o.as_of = "2025-04-01";
	atrack_report *r;
	ck_assert_int_eq(atrack_report_open(db, &o, &r), ATRACK_OK);
	const atrack_report_summary *all = atrack_report_group_at(r, ATRACK_REPORT_ALL, 0);
	ck_assert_uint_eq(all->total, 7);
	ck_assert_uint_eq(count_of(r, all, "announced"), 4); /* 2, 4, 5, 7: DSTEC not yet ongoing */
	ck_assert_uint_eq(count_of(r, all, "in_progress"), 1);
	ck_assert_uint_eq(count_of(r, all, "ongoing"), 0);
	ck_assert_uint_eq(all->on_track, 2); /* 1 (its first update) and 3 */
	ck_assert_uint_eq(all->overdue, 0);  /* the target date was still ahead */
	atrack_iter *it;
	ck_assert_int_eq(atrack_report_rows(r, &it), ATRACK_OK);
	ck_assert_int_eq(atrack_iter_next(it), ATRACK_OK);
	const atrack_report_row *row = atrack_iter_report_row(it);
	ck_assert_str_eq(row->note, "NCG tabletop exercise held");
	ck_assert_str_eq(row->last_update, "2025-02-01");
	ck_assert_int_eq(row->days_since, 59);
	atrack_iter_free(it);
	atrack_report_free(r);

	/* Before the meeting nothing had been announced. */
	o.as_of = "2024-10-29";
	ck_assert_int_eq(atrack_report_open(db, &o, &r), ATRACK_OK);
	ck_assert_uint_eq(atrack_report_group_at(r, ATRACK_REPORT_ALL, 0)->total, 0);
	ck_assert_uint_eq(atrack_report_group_count(r, ATRACK_REPORT_SECTION), 0);
	atrack_report_free(r);
	atrack_close(db);
}
END_TEST

START_TEST(test_since_lists_changes)
{
	atrack_db *db = report_db();
	atrack_report_opts o = opts_today();
	o.since = "2025-05-01";
	atrack_report *r;
	ck_assert_int_eq(atrack_report_open(db, &o, &r), ATRACK_OK);
	atrack_iter *it;
	ck_assert_int_eq(atrack_report_changes(r, &it), ATRACK_OK);
	ck_assert_int_eq(atrack_iter_next(it), ATRACK_OK);
	const atrack_report_change *c = atrack_iter_report_change(it);
	ck_assert_int_eq(c->kind, ATRACK_CHANGE_UPDATE);
	ck_assert_int_eq(c->initiative_id, 1);
	ck_assert_str_eq(c->event_date, "2025-06-01");
	ck_assert_str_eq(c->from_status, "in_progress");
	ck_assert_str_eq(c->author, "bob");
	ck_assert_str_eq(c->recorded_at, "2025-06-03T09:00:00.000Z");
	ck_assert_int_eq(atrack_iter_next(it), ATRACK_OK);
	c = atrack_iter_report_change(it);
	ck_assert_int_eq(c->kind, ATRACK_CHANGE_TRANSITION);
	ck_assert_int_eq(c->initiative_id, 4);
	ck_assert_str_eq(c->from_status, "announced");
	ck_assert_str_eq(c->to_status, "ongoing");
	ck_assert_str_eq(c->author, "dave");
	ck_assert_int_eq(atrack_iter_next(it), ATRACK_DONE);
	atrack_iter_free(it);
	atrack_report_free(r);

	/* Since before the meeting: seven new initiatives come first. */
	o.since = "2024-10-01";
	o.as_of = "2024-12-31";
	ck_assert_int_eq(atrack_report_open(db, &o, &r), ATRACK_OK);
	ck_assert_int_eq(atrack_report_changes(r, &it), ATRACK_OK);
	int n = 0;
	while (atrack_iter_next(it) == ATRACK_OK) {
		ck_assert_int_eq(atrack_iter_report_change(it)->kind, ATRACK_CHANGE_NEW);
		ck_assert_ptr_null(atrack_iter_report_change(it)->from_status);
		n++;
	}
	ck_assert_int_eq(n, 7);
	atrack_iter_free(it);
	atrack_report_free(r);
	atrack_close(db);
}
END_TEST

START_TEST(test_filters)
{
	atrack_db *db = report_db();
	atrack_report_opts o = opts_today();
	atrack_report *r;
	ck_assert_int_eq(atrack_resolve(db, ATRACK_KIND_SECTION, "modernizing-alliance-capabilities",
	                                &o.section_id), ATRACK_OK);
	ck_assert_int_eq(atrack_report_open(db, &o, &r), ATRACK_OK);
	ck_assert_uint_eq(atrack_report_group_at(r, ATRACK_REPORT_ALL, 0)->total, 3);
	atrack_report_free(r);

	o = opts_today();
	ck_assert_int_eq(atrack_resolve(db, ATRACK_KIND_FRAMEWORK, "ncg", &o.framework_id), ATRACK_OK);
	ck_assert_int_eq(atrack_report_open(db, &o, &r), ATRACK_OK);
	ck_assert_uint_eq(atrack_report_group_at(r, ATRACK_REPORT_ALL, 0)->total, 1);
	atrack_report_free(r);

	o = opts_today();
	ck_assert_int_eq(atrack_resolve(db, ATRACK_KIND_PARTY, "japan", &o.party_id), ATRACK_OK);
	ck_assert_int_eq(atrack_report_open(db, &o, &r), ATRACK_OK);
	ck_assert_uint_eq(atrack_report_group_at(r, ATRACK_REPORT_ALL, 0)->total, 1);
	atrack_report_free(r);

	o = opts_today();
	o.status = "announced";
	ck_assert_int_eq(atrack_report_open(db, &o, &r), ATRACK_OK);
	ck_assert_uint_eq(atrack_report_group_at(r, ATRACK_REPORT_ALL, 0)->total, 3);
	atrack_report_free(r);
	atrack_close(db);
}
END_TEST

START_TEST(test_bad_options)
{
	atrack_db *db = report_db();
	atrack_report_opts o = opts_today();
	atrack_report *r = NULL;
	o.since = "2025-02-30";
	ck_assert_int_eq(atrack_report_open(db, &o, &r), ATRACK_INVALID);
	ck_assert_ptr_null(r);
	ck_assert_ptr_nonnull(strstr(atrack_errmsg(db), "'2025-02-30' is not a date"));
	o = opts_today();
	o.status = "dormant";
	ck_assert_int_eq(atrack_report_open(db, &o, &r), ATRACK_INVALID);
	ck_assert_str_eq(atrack_errmsg(db), "report: no status 'dormant'");
	o = opts_today();
	o.since = "2026-12-01";
	ck_assert_int_eq(atrack_report_open(db, &o, &r), ATRACK_INVALID);
	o = opts_today();
	o.version = 99;
	ck_assert_int_eq(atrack_report_open(db, &o, &r), ATRACK_INVALID);
	char *out = NULL;
	o = opts_today();
	ck_assert_int_eq(atrack_report_render(db, &o, (atrack_report_format)42, &out, NULL),
	                 ATRACK_INVALID);
	ck_assert_ptr_null(out);
	ck_assert_int_eq(atrack_report_open(NULL, &o, &r), ATRACK_MISUSE);
	atrack_report_format f;
	ck_assert_int_eq(atrack_report_format_from_name("markdown", &f), ATRACK_OK);
	ck_assert_int_eq(f, ATRACK_REPORT_MD);
	ck_assert_int_eq(atrack_report_format_from_name("pdf", &f), ATRACK_INVALID);
	atrack_close(db);
}
END_TEST

START_TEST(test_text_format)
{
	atrack_db *db = report_db();
	atrack_report_opts o = opts_today();
	o.since = "2025-05-01";
	o.width = 100;
	char *text = render(db, &o, ATRACK_REPORT_TEXT);
	ck_assert_ptr_nonnull(strstr(text, "As of 2026-11-28. 7 initiatives; 1 completed (14%); "
	                             "1 overdue; 5 stale (no update in 90 days)."));
	ck_assert_ptr_nonnull(strstr(text, "Status: Announced 3, In progress 1, Ongoing 1, Stalled 1, Completed 1"));
	ck_assert_ptr_nonnull(strstr(text, "Health: on track 2, at risk 1, off track 1, not given 3"));
	ck_assert_ptr_nonnull(strstr(text, "Changes since 2025-05-01"));
	/* Changes in labels, with health and % changes (#19). */
	ck_assert_ptr_nonnull(strstr(text, "\n              Announced -> Ongoing; on track\n"));
	ck_assert_ptr_nonnull(strstr(text, "\n              still In progress; on track -> at risk\n"));
	/* Each initiative's target date (overdue), meeting and latest note. */
	ck_assert_ptr_nonnull(strstr(text, "target 2025-12-31 (overdue) | 56th Security Consultative Meeting | Announced"));
	ck_assert_ptr_nonnull(strstr(text, "OVERDUE STALE"));
	/* Fits the width: no line is wider than 100 columns. */
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n"))
		ck_assert_msg(atr_text_width(line) <= 100, "too wide (%d): %s", atr_text_width(line), line);
	atrack_free(text);
	atrack_close(db);
}
END_TEST

START_TEST(test_markdown_format)
{
	atrack_db *db = report_db();
	atrack_report_opts o = opts_today();
	o.since = "2025-05-01";
	char *md = render(db, &o, ATRACK_REPORT_MD);
	ck_assert_ptr_nonnull(strstr(md, "# Initiative status report\n"));
	/* No status is Planned or Cancelled: those columns are dropped (#19). */
	ck_assert_ptr_nonnull(strstr(md, "| | Total | Announced | In progress | Ongoing | Stalled | Completed | Done | Overdue | Stale |\n|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n"));
	ck_assert_ptr_nonnull(strstr(md, "| Modernizing Alliance Capabilities | 3 | 1 | 0 | 1 | 0 | 1 | 33% | 0 | 1 |"));
	ck_assert_ptr_null(strstr(md, "Planned"));
	ck_assert_ptr_nonnull(strstr(md, "| DSTEC | 1 |"));
	ck_assert_ptr_nonnull(strstr(md, "Announced → Ongoing; on track (by dave)"));
	ck_assert_ptr_nonnull(strstr(md, "still In progress; on track → at risk (by bob)"));
	/* Titles are not bold; meeting, target and latest note are columns. */
	ck_assert_ptr_nonnull(strstr(md, "| Conducting large-scale field training exercises |  | 56th Security Consultative Meeting | Announced |  | | 2025-12-31 | 2024-10-30 | 759 | **overdue** **stale** | Announced at the 56th Security Consultative Meeting. |  |\n"));
	/* Hostile text stays text: no raw tag, and no pipe breaks a row. */
	ck_assert_ptr_null(strstr(md, "<script>"));
	ck_assert_ptr_nonnull(strstr(md, "&lt;script&gt;alert(1)&lt;/script&gt;"));
	ck_assert_ptr_nonnull(strstr(md, "Early warning upgraded, \"phase 1\" second line"));
	atrack_free(md);
	atrack_close(db);
}
END_TEST

START_TEST(test_html_format_escapes)
{
	atrack_db *db = report_db();
	atrack_report_opts o = opts_today();
	o.since = "2025-05-01";
	char *html = render(db, &o, ATRACK_REPORT_HTML);
	ck_assert(strncmp(html, "<!DOCTYPE html>", 15) == 0);
	ck_assert_ptr_null(strstr(html, "<script"));
	ck_assert_ptr_nonnull(strstr(html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
	ck_assert_ptr_nonnull(strstr(html, "=HYPERLINK(&quot;http://evil.example&quot;,&quot;x&quot;)"));
	/* Self-contained: no fetch of anything. */
	ck_assert_ptr_null(strstr(html, "http://evil.example\""));
	ck_assert_ptr_null(strstr(html, "src=\"http"));
	ck_assert_ptr_null(strstr(html, "<link"));
	ck_assert_ptr_nonnull(strstr(html, "@media print"));
	/* A status bar per section plus the overall one, and the timeline. */
	int bars = 0;
	for (const char *p = html; (p = strstr(p, "<svg viewBox=\"0 0 1000 22\"")); p++)
		bars++;
	/* 4 status bars, and a health bar per section (3) and framework (5). */
	ck_assert_int_eq(bars, 12);
	int health = 0;
	for (const char *p = html; (p = strstr(p, "aria-label=\"health of ")); p++)
		health++;
	ck_assert_int_eq(health, 8);
	ck_assert_ptr_nonnull(strstr(html, "<section id=\"health\">"));
	/* Counts are printed on the bars, not only in tooltips. */
	ck_assert_ptr_nonnull(strstr(html, "<g class=\"hseg\" data-status=\"off_track\" data-count=\"1\">"));
	ck_assert_ptr_nonnull(strstr(html, "text-anchor=\"middle\">3</text>"));
	/* Month labels on the timeline. */
	ck_assert_ptr_nonnull(strstr(html, ">Jan 26</text>"));
	ck_assert_ptr_nonnull(strstr(html, ">Jun</text>"));
	/* With --since the changes are not repeated as "Latest updates". */
	ck_assert_ptr_null(strstr(html, "Latest updates"));
	ck_assert_ptr_nonnull(strstr(html, "data-status=\"completed\""));
	ck_assert_ptr_nonnull(strstr(html, "id=\"timeline\""));
	ck_assert_ptr_nonnull(strstr(html, "<circle class=\"dot\""));
	ck_assert_ptr_nonnull(strstr(html, "<h2>Changes since 2025-05-01</h2>"));
	ck_assert_ptr_nonnull(strstr(html, "<span class=\"flag\">OVERDUE</span>"));
	atrack_free(html);
	atrack_close(db);
}
END_TEST

START_TEST(test_csv_format)
{
	atrack_db *db = report_db();
	atrack_report_opts o = opts_today();
	char *csv = render(db, &o, ATRACK_REPORT_CSV);
	static const char header[] = "id,slug,title,section,frameworks,meeting,status,status_label,"
	                             "health,health_since,percent_complete,percent_since,last_update,"
	                             "days_since,target_date,overdue,stale,latest_note,latest_note_date,"
	                             "evidence_url,author\r\n";
	ck_assert(strncmp(csv, header, sizeof header - 1) == 0);
	/* Meeting and section as titles. */
	ck_assert_ptr_nonnull(strstr(csv, "\r\n2,conducting-large-scale-field-training-exercises,Conducting large-scale field training exercises,Enhancing Extended Deterrence,,56th Security Consultative Meeting,announced,Announced,,,,,2024-10-30,759,2025-12-31,yes,yes,Announced at the 56th Security Consultative Meeting.,2024-10-30,,"));
	/* The formula is quoted and starts with ', its quotes doubled. */
	ck_assert_ptr_nonnull(strstr(csv, ",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",2025-06-01,,bob\r\n"));
	ck_assert_ptr_null(strstr(csv, ",=HYPERLINK"));
	/* Embedded quotes and a line break stay inside one quoted cell. */
	ck_assert_ptr_nonnull(strstr(csv, ",\"Early warning upgraded, \"\"phase 1\"\"\nsecond line\",2025-03-15,,carol\r\n"));
	ck_assert_ptr_nonnull(strstr(csv, "\r\n4,expanding-science-and-technology-cooperation-through-the-new,"));
	ck_assert_ptr_nonnull(strstr(csv, ",DSTEC,56th Security Consultative Meeting,ongoing,Ongoing,on_track,2026-10-01,,,2026-10-01,58,,no,no,"));
	ck_assert_ptr_nonnull(strstr(csv, ",2025-12-31,yes,yes,"));
	/* Eight records: the header and seven initiatives. */
	int records = 0;
	for (const char *p = csv; (p = strstr(p, "\r\n")); p += 2)
		records++;
	ck_assert_int_eq(records, 8);
	atrack_free(csv);
	atrack_close(db);
}
END_TEST

START_TEST(test_json_format)
{
	atrack_db *db = report_db();
	atrack_report_opts o = opts_today();
	o.since = "2025-05-01";
	char *text = render(db, &o, ATRACK_REPORT_JSON);
	json_error_t error;
	json_t *j = json_loads(text, 0, &error);
	ck_assert_msg(j != NULL, "%s at %d:%d", error.text, error.line, error.column);
	ck_assert_int_eq(json_integer_value(json_object_get(j, "format_version")), 1);
	ck_assert_str_eq(json_string_value(json_object_get(j, "as_of")), TODAY);
	json_t *all = json_object_get(json_object_get(j, "summary"), "all");
	ck_assert_int_eq(json_integer_value(json_object_get(all, "total")), 7);
	ck_assert_int_eq(json_integer_value(json_object_get(all, "percent_completed")), 14);
	ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(all, "by_status"), "announced")), 3);
	ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(all, "by_health"), "off_track")), 1);
	ck_assert_int_eq(json_array_size(json_object_get(json_object_get(j, "summary"), "by_framework")), 5);
	json_t *rows = json_object_get(j, "initiatives");
	ck_assert_int_eq(json_array_size(rows), 7);
	json_t *seventh = json_array_get(rows, 6);
	ck_assert_str_eq(json_string_value(json_object_get(seventh, "title")), "<script>alert(1)</script>");
	ck_assert(json_is_null(json_object_get(seventh, "health")));
	json_t *changes = json_object_get(j, "changes");
	ck_assert_int_eq(json_array_size(changes), 2);
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(changes, 1), "kind")), "status");
	json_decref(j);
	atrack_free(text);
	atrack_close(db);
}
END_TEST

START_TEST(test_write_to_file)
{
	atrack_db *db = report_db();
	char *dir = tu_tmpdir();
	char *path = tu_path(dir, "r.csv");
	FILE *f = fopen(path, "wb");
	atrack_report_opts o = opts_today();
	ck_assert_int_eq(atrack_report_write(db, &o, ATRACK_REPORT_CSV, f), ATRACK_OK);
	fclose(f);
	char *written = tu_read_file(path, NULL);
	char *rendered = render(db, &o, ATRACK_REPORT_CSV);
	ck_assert_str_eq(written, rendered);
	atrack_free(rendered);
	free(written);
	/* A stream that cannot be written is an I/O failure. */
	f = fopen(path, "rb");
	ck_assert_int_eq(atrack_report_write(db, &o, ATRACK_REPORT_HTML, f), ATRACK_IO);
	fclose(f);
	free(path);
	tu_rmrf(dir);
	free(dir);
	atrack_close(db);
}
END_TEST

START_TEST(test_cli_report)
{
	char *dir = tu_tmpdir();
	char *db = tu_path(dir, "a.db");
	char *out = tu_path(dir, "report.html");
	const char *import[] = { "--db", db, "import", NULL };
	tu_run run = tu_atrack(NULL, import);
	ck_assert_int_eq(run.status, 0);
	tu_run_free(&run);
	const char *html[] = { "--db", db, "report", "--format", "html", "-o", out, NULL };
	run = tu_atrack(NULL, html);
	ck_assert_msg(run.status == 0, "%s", run.err);
	ck_assert_str_eq(run.out, "");
	tu_run_free(&run);
	char *page = tu_read_file(out, NULL);
	ck_assert_ptr_nonnull(strstr(page, "Enhancing Extended Deterrence"));
	free(page);
	const char *csv[] = { "--db", db, "report", "-f", "csv", "--framework", "dstec", NULL };
	run = tu_atrack(NULL, csv);
	ck_assert_int_eq(run.status, 0);
	ck_assert_ptr_nonnull(strstr(run.out, "\r\n4,expanding-science"));
	ck_assert_ptr_null(strstr(run.out, "\r\n1,"));
	tu_run_free(&run);
	const char *bad[] = { "--db", db, "report", "--section", "nope", NULL };
	run = tu_atrack(NULL, bad);
	ck_assert_int_eq(run.status, 3);
	ck_assert_str_eq(run.err, "atrack: report: no section 'nope'\n");
	tu_run_free(&run);
	const char *fmt[] = { "--db", db, "report", "--format", "pdf", NULL };
	run = tu_atrack(NULL, fmt);
	ck_assert_int_eq(run.status, 2);
	tu_run_free(&run);
	free(out);
	free(db);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

/* #14 item 19: one definition (days since the current update >= N), one
 * default (30), in the report and on the board alike. Initiative 4's
 * current update is dated 2026-10-01. */
START_TEST(test_stale_one_rule)
{
	ck_assert_int_eq(ATRACK_REPORT_STALE_DAYS_DEFAULT, ATRACK_STALE_DAYS_DEFAULT);
	ck_assert_int_eq(ATRACK_STALE_DAYS_DEFAULT, 30);
	atrack_db *db = report_db();
	/* Exactly 30 days: stale in both. */
	ck_assert(stale_in_report(db, "2026-10-31", 4));
	ck_assert(stale_on_board(db, "2026-10-31", 4));
	/* 29 days: stale in neither. */
	ck_assert(!stale_in_report(db, "2026-10-30", 4));
	ck_assert(!stale_on_board(db, "2026-10-30", 4));
	atrack_close(db);
}
END_TEST

/* #14 item 20: an initiative added by hand starts "announced" on its
 * creation day, like an imported one, so the report counts it. */
START_TEST(test_hand_added_counted)
{
	atrack_db *db = report_db();
	atrack_initiative in = { 0 };
	in.title = "Added by hand";
	in.created_at = "2026-11-01T10:00:00.000Z";
	int64_t id;
	ck_assert_msg(atrack_initiative_add(db, &in, &id) == ATRACK_OK, "%s", atrack_errmsg(db));
	atrack_report_opts o = opts_today();
	atrack_report *r;
	ck_assert_int_eq(atrack_report_open(db, &o, &r), ATRACK_OK);
	const atrack_report_summary *all = atrack_report_group_at(r, ATRACK_REPORT_ALL, 0);
	ck_assert_uint_eq(all->total, 8);
	ck_assert_uint_eq(count_of(r, all, "announced"), 4); /* 2, 5, 7 and the new one */
	atrack_iter *it;
	ck_assert_int_eq(atrack_report_rows(r, &it), ATRACK_OK);
	bool seen = false;
	while (atrack_iter_next(it) == ATRACK_OK) {
		const atrack_report_row *row = atrack_iter_report_row(it);
		if (row->id != id)
			continue;
		seen = true;
		ck_assert_str_eq(row->status, "announced");
		ck_assert_str_eq(row->last_update, "2026-11-01");
		ck_assert_int_eq(row->days_since, 27);
	}
	atrack_iter_free(it);
	atrack_report_free(r);
	ck_assert(seen);
	atrack_close(db);
}
END_TEST

/* #14 items 11 and 12: labels, codes, dates and health from a crafted
 * database are escaped by every renderer, not only titles and notes. */
START_TEST(test_every_value_escaped)
{
	atrack_db *db = report_crafted_db();
	atrack_report_opts o = opts_today();
	o.since = "2026-10-15";

	char *html = render(db, &o, ATRACK_REPORT_HTML);
	ck_assert_ptr_null(strstr(html, "<meta http-equiv=\"refresh\""));
	ck_assert_ptr_null(strstr(html, "<meta http-equiv=refresh"));
	ck_assert_ptr_null(strstr(html, "<img"));
	ck_assert_ptr_null(strstr(html, "<i>x</i>"));
	ck_assert_ptr_nonnull(strstr(html, "&lt;meta http-equiv=&quot;refresh&quot;"));
	ck_assert_ptr_nonnull(strstr(html, "data-status=\"x&quot;&gt;&lt;meta"));
	ck_assert_ptr_nonnull(strstr(html, "2026-11-01&lt;i&gt;x&lt;/i&gt;"));
	ck_assert_ptr_nonnull(strstr(html, "content=\"default-src 'none'; style-src 'unsafe-inline'; "
	                                   "base-uri 'none'; form-action 'none'\""));
	ck_assert_ptr_null(strstr(html, "class=\"health-<"));
	atrack_free(html);

	char *md = render(db, &o, ATRACK_REPORT_MD);
	ck_assert_ptr_null(strstr(md, "<img"));
	ck_assert_ptr_null(strstr(md, "[x](javascript"));
	ck_assert_ptr_null(strstr(md, "\x1b"));
	ck_assert_ptr_null(strstr(md, "<i>"));
	/* The label stays inside its header cell: pipe escaped, line break gone. */
	ck_assert_ptr_nonnull(strstr(md, " L\\|ab &lt;img src=x onerror=alert(1)&gt;\\[x\\](javascript:alert(1)) \\[31m |"));
	ck_assert_ptr_nonnull(strstr(md, "- 2026-11-01&lt;i&gt;x&lt;/i&gt; — Deepening"));
	atrack_free(md);

	o.width = 200;
	char *text = render(db, &o, ATRACK_REPORT_TEXT);
	ck_assert_ptr_null(strchr(text, 0x1b));
	const char *status = strstr(text, "\nStatus: ");
	ck_assert_ptr_nonnull(status);
	const char *eol = strchr(status + 1, '\n');
	const char *label = strstr(status, "L|ab <img src=x onerror");
	ck_assert_msg(label && label < eol, "label broken across lines: %.200s", status);
	atrack_free(text);

	char *csv = render(db, &o, ATRACK_REPORT_CSV);
	ck_assert_ptr_nonnull(strstr(csv, ",\"<meta http-equiv=\"\"refresh\"\" content=\"\"0;url=http://evil.example/\"\">\","));
	atrack_free(csv);

	char *js = render(db, &o, ATRACK_REPORT_JSON);
	json_error_t err;
	json_t *doc = json_loads(js, 0, &err);
	ck_assert_msg(doc != NULL, "JSON: %s", err.text);
	json_decref(doc);
	ck_assert_ptr_nonnull(strstr(js, "\"<meta http-equiv=\\\"refresh\\\""));
	atrack_free(js);
	atrack_close(db);
}
END_TEST

/* #19: health and % complete are carried forward from the latest update
 * that gave them, and the row says which update that was. */
START_TEST(test_carried_forward)
{
	atrack_db *db = report_db();
	ck_assert_int_eq(sqlite3_exec(db->sql,
	    "INSERT INTO progress_update (initiative_id, status_id, health, percent_complete, note,"
	    " author, event_date, recorded_at, evidence_url) VALUES"
	    " (4, 4, NULL, 40, 'Working groups met', 'dave', '2026-10-20', '2026-10-21T09:00:00.000Z',"
	    "  'https://example.org/dstec'),"
	    " (4, 4, NULL, NULL, NULL, 'dave', '2026-11-10', '2026-11-11T09:00:00.000Z', NULL);",
	    NULL, NULL, NULL), SQLITE_OK);
	atrack_report_opts o = opts_today();
	atrack_report *r;
	ck_assert_int_eq(atrack_report_open(db, &o, &r), ATRACK_OK);
	atrack_iter *it;
	ck_assert_int_eq(atrack_report_rows(r, &it), ATRACK_OK);
	bool seen = false;
	while (atrack_iter_next(it) == ATRACK_OK) {
		const atrack_report_row *row = atrack_iter_report_row(it);
		if (row->id != 4)
			continue;
		seen = true;
		ck_assert_str_eq(row->last_update, "2026-11-10");
		ck_assert_ptr_null(row->note);
		ck_assert_str_eq(row->health, "on_track");
		ck_assert_str_eq(row->health_date, "2026-10-01");
		ck_assert_int_eq(row->percent_complete, 40);
		ck_assert_str_eq(row->percent_date, "2026-10-20");
		ck_assert(row->percent_update_id != row->update_id && row->percent_update_id != 0);
		ck_assert_str_eq(row->latest_note, "Working groups met");
		ck_assert_str_eq(row->latest_note_date, "2026-10-20");
		ck_assert_str_eq(row->evidence_url, "https://example.org/dstec");
		ck_assert_str_eq(row->meeting_name, "56th Security Consultative Meeting");
	}
	atrack_iter_free(it);
	/* The summary counts the carried health too. */
	ck_assert_uint_eq(atrack_report_group_at(r, ATRACK_REPORT_ALL, 0)->on_track, 2);
	atrack_report_free(r);
	ck_assert(seen);
	/* Every format shows %, evidence and where the health came from. */
	o.width = 200;
	char *text = render(db, &o, ATRACK_REPORT_TEXT);
	ck_assert_ptr_nonnull(strstr(text, "└ 40% complete | 56th Security Consultative Meeting | "
	                                   "health as of 2026-10-01 | Working groups met (2026-10-20) | "
	                                   "<https://example.org/dstec>"));
	atrack_free(text);
	char *html = render(db, &o, ATRACK_REPORT_HTML);
	ck_assert_ptr_nonnull(strstr(html, "<td class=\"n\">40%</td>"));
	ck_assert_ptr_nonnull(strstr(html, "<a class=\"evidence\" rel=\"noopener noreferrer\" "
	                                   "href=\"https://example.org/dstec\">evidence</a>"));
	atrack_free(html);
	char *md = render(db, &o, ATRACK_REPORT_MD);
	ck_assert_ptr_nonnull(strstr(md, "| 40% | "));
	ck_assert_ptr_nonnull(strstr(md, "| Working groups met | `https://example.org/dstec` |"));
	atrack_free(md);
	char *js = render(db, &o, ATRACK_REPORT_JSON);
	ck_assert_ptr_nonnull(strstr(js, "\"percent_date\":\"2026-10-20\""));
	ck_assert_ptr_nonnull(strstr(js, "\"evidence_url\":\"https://example.org/dstec\""));
	atrack_free(js);
	atrack_close(db);
}
END_TEST

/* #19: --summary, the CSV's BOM and its rows of updates, and the health,
 * stale and overdue filters. */
START_TEST(test_summary_bom_updates_filters)
{
	atrack_db *db = report_db();
	atrack_report_opts o = opts_today();
	o.since = "2025-05-01";
	o.summary_only = 1;
	const atrack_report_format formats[] = { ATRACK_REPORT_TEXT, ATRACK_REPORT_MD,
	                                         ATRACK_REPORT_HTML, ATRACK_REPORT_JSON };
	for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
		char *out = render(db, &o, formats[i]);
		ck_assert_msg(strstr(out, "By line of effort") || strstr(out, "by_section"), "%s", out);
		ck_assert_msg(!strstr(out, "Initiatives\n") && !strstr(out, "initiatives\":") &&
		              !strstr(out, "id=\"initiatives\"") && !strstr(out, "## Initiatives") &&
		              !strstr(out, "Changes since 2025") && !strstr(out, "\"changes\""),
		              "format %d has more than the summary", (int)formats[i]);
		atrack_free(out);
	}
	o = opts_today();
	o.bom = 1;
	char *csv = render(db, &o, ATRACK_REPORT_CSV);
	ck_assert(strncmp(csv, "\xEF\xBB\xBFid,slug,", 11) == 0);
	atrack_free(csv);
	o.bom = 0;
	o.rows = ATRACK_REPORT_ROWS_UPDATES;
	csv = render(db, &o, ATRACK_REPORT_CSV);
	ck_assert(strncmp(csv, "update_id,initiative_id,slug,title,section,event_date,", 53) == 0);
	ck_assert_ptr_nonnull(strstr(csv, ",2025-06-01,2025-06-03T09:00:00.000Z,bob,update,In progress,"
	                                  "In progress,at_risk,,"));
	int lines = 0;
	for (const char *p = csv; (p = strstr(p, "\r\n")); p++)
		lines++;
	ck_assert_int_eq(lines, 1 + 7 + 5); /* header, 7 announcements, 5 updates */
	atrack_free(csv);
	o.rows = 7;
	char *bad = NULL;
	ck_assert_int_eq(atrack_report_render(db, &o, ATRACK_REPORT_CSV, &bad, NULL), ATRACK_INVALID);

	struct { const char *health; int stale, overdue; unsigned int total; } cases[] = {
		{ "on_track", 0, 0, 2 }, { "off_track", 0, 0, 1 }, { NULL, 1, 0, 5 }, { NULL, 0, 1, 1 },
		{ "at_risk", 1, 0, 1 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		o = opts_today();
		o.health = cases[i].health;
		o.stale_only = cases[i].stale;
		o.overdue_only = cases[i].overdue;
		atrack_report *r;
		ck_assert_int_eq(atrack_report_open(db, &o, &r), ATRACK_OK);
		ck_assert_uint_eq(atrack_report_group_at(r, ATRACK_REPORT_ALL, 0)->total, cases[i].total);
		atrack_report_free(r);
	}
	o = opts_today();
	o.health = "fine";
	atrack_report *r = NULL;
	ck_assert_int_eq(atrack_report_open(db, &o, &r), ATRACK_INVALID);
	ck_assert_ptr_nonnull(strstr(atrack_errmsg(db), "health 'fine'"));
	/* An older caller's version-1 options still work. */
	o = opts_today();
	o.version = 1;
	ck_assert_int_eq(atrack_report_open(db, &o, &r), ATRACK_OK);
	atrack_report_free(r);
	atrack_close(db);
}
END_TEST

/* #19: completed vs open at the end of each month, in text and SVG.
 * Initiative 3 completed on 2025-03-15; all seven were announced on
 * 2024-10-30, so no month before that has a line. */
START_TEST(test_burndown)
{
	atrack_db *db = report_db();
	atrack_report_opts o = opts_today();
	o.as_of = "2025-04-30";
	char *text = render(db, &o, ATRACK_REPORT_TEXT);
	ck_assert_ptr_nonnull(strstr(text, "\nProgress by month (completed #, open .)\n"));
	ck_assert_ptr_nonnull(strstr(text, "\n  2024-10          0      7  .......\n"));
	ck_assert_ptr_nonnull(strstr(text, "\n  2025-02          0      7  .......\n"));
	ck_assert_ptr_nonnull(strstr(text, "\n  2025-03          1      6  #......\n"));
	ck_assert_ptr_nonnull(strstr(text, "\n  2025-04          1      6  #......\n"));
	ck_assert_ptr_null(strstr(text, "\n  2024-09 "));
	atrack_free(text);
	char *html = render(db, &o, ATRACK_REPORT_HTML);
	ck_assert_ptr_nonnull(strstr(html, "<section id=\"burndown\">"));
	ck_assert_ptr_nonnull(strstr(html, "<g class=\"done\" data-month=\"2025-03\" data-count=\"1\">"));
	ck_assert_ptr_nonnull(strstr(html, "<g class=\"open\" data-month=\"2025-02\" data-count=\"7\">"));
	ck_assert_ptr_null(strstr(html, "data-month=\"2024-09\""));
	atrack_free(html);
	atrack_close(db);
}
END_TEST

static Suite *report_suite(void)
{
	Suite *s = suite_create("report");
	TCase *tc = tcase_create("report");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_summary_counts);
	tcase_add_test(tc, test_rows);
	tcase_add_test(tc, test_as_of_uses_history);
	tcase_add_test(tc, test_since_lists_changes);
	tcase_add_test(tc, test_filters);
	tcase_add_test(tc, test_bad_options);
	tcase_add_test(tc, test_text_format);
	tcase_add_test(tc, test_markdown_format);
	tcase_add_test(tc, test_html_format_escapes);
	tcase_add_test(tc, test_csv_format);
	tcase_add_test(tc, test_json_format);
	tcase_add_test(tc, test_write_to_file);
	tcase_add_test(tc, test_cli_report);
	tcase_add_test(tc, test_stale_one_rule);
	tcase_add_test(tc, test_hand_added_counted);
	tcase_add_test(tc, test_every_value_escaped);
	tcase_add_test(tc, test_carried_forward);
	tcase_add_test(tc, test_summary_bom_updates_filters);
	tcase_add_test(tc, test_burndown);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tu_run_suite(report_suite());
}
