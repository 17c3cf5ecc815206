/*
 * test_report.c - the status report: its numbers as data (summary, rows,
 * as-of and since against a history with known dates), each format's
 * content, escaping of hostile text in HTML, CSV and Markdown, filters,
 * bad options, and `atrack report` writing a file.
 */
#include "report_helpers.h"
#include "report/report_int.h" /* atr_text_width */

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	ck_assert_int_eq(atrack_report_open(db, &o, &r), ATRACK_MISUSE);
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
	ck_assert_ptr_nonnull(strstr(md, "| Conducting large-scale field training exercises |  | 56th Security Consultative Meeting | Announced |  | | 2025\u201112\u201131 | 2024\u201110\u201130 | 759 | **overdue** **stale** | Announced at the 56th Security Consultative Meeting. |  |\n"));
	/* Dates never wrap: their hyphens are U+2011 (non-breaking); nowhere
	 * in the report is a date written with an ASCII hyphen. */
	ck_assert_ptr_nonnull(strstr(md, "_As of 2026\u201111\u201128._"));
	ck_assert_ptr_nonnull(strstr(md, "\n- 2025\u201106\u201101 — "));
	ck_assert_ptr_null(strstr(md, "2024-10-30"));
	ck_assert_ptr_null(strstr(md, "2025-12-31"));
	/* Other hyphens stay ASCII. */
	ck_assert_ptr_nonnull(strstr(md, "Conducting large-scale field"));
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
	ck_assert_ptr_nonnull(strstr(csv, "\r\n2,conducting-large-scale-field-training,Conducting large-scale field training exercises,Enhancing Extended Deterrence,,56th Security Consultative Meeting,announced,Announced,,,,,2024-10-30,759,2025-12-31,yes,yes,Announced at the 56th Security Consultative Meeting.,2024-10-30,,"));
	/* The formula is quoted and starts with ', its quotes doubled. */
	ck_assert_ptr_nonnull(strstr(csv, ",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",2025-06-01,,bob\r\n"));
	ck_assert_ptr_null(strstr(csv, ",=HYPERLINK"));
	/* Embedded quotes and a line break stay inside one quoted cell. */
	ck_assert_ptr_nonnull(strstr(csv, ",\"Early warning upgraded, \"\"phase 1\"\"\nsecond line\",2025-03-15,,carol\r\n"));
	ck_assert_ptr_nonnull(strstr(csv, "\r\n4,expanding-science-and-technology,"));
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
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tu_run_suite(report_suite());
}
