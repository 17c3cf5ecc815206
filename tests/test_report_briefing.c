/*
 * test_report_briefing.c - what the report gives a briefing and the
 * defects fixed on the way: one rule for stale, hand-added initiatives
 * counted, every value escaped in every renderer, health and % carried
 * forward, --summary, the CSV's BOM and rows of updates, the health, stale
 * and overdue filters, and the burndown.
 */
#include "report_helpers.h"

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	ck_assert_ptr_nonnull(strstr(md, "- 2026\u201111\u201101&lt;i&gt;x&lt;/i&gt; — Deepening"));
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

/* #19: the initiatives listed by another key than their section. */
START_TEST(test_group_by)
{
	atrack_db *db = report_db();
	atrack_report_opts o = opts_today();
	o.group_by = ATRACK_REPORT_BY_HEALTH;
	o.width = 120;
	char *text = render(db, &o, ATRACK_REPORT_TEXT);
	const char *on = strstr(text, "\non track\n"), *risk = strstr(text, "\nat risk\n");
	const char *off = strstr(text, "\noff track\n"), *none = strstr(text, "\nhealth not given\n");
	ck_assert_msg(on && risk && off && none && on < risk && risk < off && off < none, "%s", text);
	/* Under "at risk" only initiative 1 (NCG). */
	const char *ncg = strstr(text, "  Enhancing extended deterrence");
	ck_assert(ncg && ncg > risk && ncg < off);
	atrack_free(text);
	o.group_by = ATRACK_REPORT_BY_STATUS;
	char *md = render(db, &o, ATRACK_REPORT_MD);
	const char *announced = strstr(md, "\n### Announced\n"), *stalled = strstr(md, "\n### Stalled\n");
	const char *completed = strstr(md, "\n### Completed\n");
	ck_assert_msg(announced && stalled && completed && announced < stalled && stalled < completed,
	              "%s", md);
	atrack_free(md);
	o.group_by = ATRACK_REPORT_BY_OVERDUE;
	char *html = render(db, &o, ATRACK_REPORT_HTML);
	const char *over = strstr(html, "<h3>overdue</h3>"), *not_over = strstr(html, "<h3>not overdue</h3>");
	ck_assert(over && not_over && over < not_over);
	atrack_free(html);
	o.group_by = 9;
	char *bad = NULL;
	ck_assert_int_eq(atrack_report_render(db, &o, ATRACK_REPORT_TEXT, &bad, NULL), ATRACK_INVALID);
	atrack_close(db);
}
END_TEST

/* How many times `needle` occurs in `hay`. */
static int occurrences(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

/* #19: by framework or party, an initiative linked to two is listed under
 * each, one linked to none under "(none)", last; in every format. The
 * fixture's initiative 1 is under NCG; linked here to DSTEC too. */
#define NCG_TITLE "Enhancing extended deterrence cooperation through NCG workstreams"
START_TEST(test_group_by_framework_party)
{
	atrack_db *db = report_db();
	ck_assert_int_eq(sqlite3_exec(db->sql, "INSERT INTO initiative_framework (initiative_id,"
	                              " framework_id) SELECT 1, id FROM framework WHERE slug = 'dstec'",
	                              NULL, NULL, NULL), SQLITE_OK);
	atrack_report_opts o = opts_today();
	o.group_by = ATRACK_REPORT_BY_FRAMEWORK;
	o.width = 200;
	char *text = render(db, &o, ATRACK_REPORT_TEXT);
	const char *dstec = strstr(text, "\nDSTEC\n"), *ncg = strstr(text, "\nNCG\n");
	const char *none = strstr(text, "\n(none)\n");
	ck_assert_msg(dstec && ncg && none && dstec < ncg && ncg < none, "%s", text);
	const char *first = strstr(dstec, NCG_TITLE);
	ck_assert_msg(first && first < ncg, "%s", text);
	const char *second = strstr(first + 1, NCG_TITLE);
	ck_assert_msg(second && second > ncg && second < none, "%s", text);
	ck_assert_int_eq(occurrences(text, NCG_TITLE), 2);
	/* Initiative 3 has no framework. */
	ck_assert_ptr_nonnull(strstr(none, "Enhancing combined abilities"));
	atrack_free(text);

	char *md = render(db, &o, ATRACK_REPORT_MD);
	dstec = strstr(md, "\n### DSTEC\n");
	ncg = strstr(md, "\n### NCG\n");
	none = strstr(md, "\n### (none)\n");
	ck_assert_msg(dstec && ncg && none && dstec < ncg && ncg < none, "%s", md);
	ck_assert_int_eq(occurrences(md, "| " NCG_TITLE " |"), 2);
	atrack_free(md);

	char *html = render(db, &o, ATRACK_REPORT_HTML);
	dstec = strstr(html, "<h3>DSTEC</h3>");
	none = strstr(html, "<h3>(none)</h3>");
	ck_assert(dstec && none && dstec < none);
	atrack_free(html);

	char *csv = render(db, &o, ATRACK_REPORT_CSV);
	ck_assert_ptr_nonnull(strstr(csv, ",evidence_url,author,group\r\n"));
	ck_assert_int_eq(occurrences(csv, "\r\n1,enhancing-extended-deterrence,"), 2);
	ck_assert_ptr_nonnull(strstr(csv, ",DSTEC\r\n"));
	const char *three = strstr(csv, "\r\n3,enhancing-combined");
	ck_assert_ptr_nonnull(three);
	const char *end = strstr(three + 2, "\r\n");
	ck_assert(end && end - three > 8 && strncmp(end - 7, ",(none)", 7) == 0);
	atrack_free(csv);

	char *json = render(db, &o, ATRACK_REPORT_JSON);
	ck_assert_int_eq(occurrences(json, "\"title\":\"" NCG_TITLE "\""), 2);
	ck_assert_ptr_nonnull(strstr(json, "\"group\":\"DSTEC\""));
	ck_assert_ptr_nonnull(strstr(json, "\"group\":\"(none)\""));
	atrack_free(json);

	/* By party: initiative 3 names the DPRK; initiative 1 names none. */
	o.group_by = ATRACK_REPORT_BY_PARTY;
	text = render(db, &o, ATRACK_REPORT_TEXT);
	const char *dprk = strstr(text, "\nDemocratic People's Republic of Korea\n");
	none = strstr(text, "\n(none)\n");
	ck_assert_msg(dprk && none && dprk < none, "%s", text);
	first = strstr(dprk, "Enhancing combined abilities");
	ck_assert(first && first < none);
	ck_assert_ptr_nonnull(strstr(none, NCG_TITLE));
	atrack_free(text);
	csv = render(db, &o, ATRACK_REPORT_CSV);
	ck_assert_ptr_nonnull(strstr(csv, ",Democratic People's Republic of Korea\r\n"));
	atrack_free(csv);
	/* The default listing has no group column. */
	o.group_by = ATRACK_REPORT_BY_SECTION;
	csv = render(db, &o, ATRACK_REPORT_CSV);
	ck_assert_ptr_nonnull(strstr(csv, ",evidence_url,author\r\n"));
	ck_assert_int_eq(occurrences(csv, "\r\n1,enhancing-extended-deterrence,"), 1);
	atrack_free(csv);
	o.group_by = ATRACK_REPORT_BY_PARTY + 1;
	char *bad = NULL;
	ck_assert_int_eq(atrack_report_render(db, &o, ATRACK_REPORT_TEXT, &bad, NULL), ATRACK_INVALID);
	atrack_close(db);
}
END_TEST

/* The ids of the report's initiatives, in a bit set (ids below 64). */
static uint64_t report_ids(atrack_db *db, const atrack_report_opts *o, unsigned int *total)
{
	atrack_report *r;
	ck_assert_msg(atrack_report_open(db, o, &r) == ATRACK_OK, "%s", atrack_errmsg(db));
	*total = atrack_report_group_at(r, ATRACK_REPORT_ALL, 0)->total;
	atrack_iter *it;
	ck_assert_int_eq(atrack_report_rows(r, &it), ATRACK_OK);
	uint64_t ids = 0;
	while (atrack_iter_next(it) == ATRACK_OK) {
		const atrack_report_row *row = atrack_iter_report_row(it);
		ck_assert_int_lt(row->id, 64);
		ids |= UINT64_C(1) << row->id;
	}
	atrack_iter_free(it);
	atrack_report_free(r);
	return ids;
}

#define ID_BIT(id) (UINT64_C(1) << (id))

/* #14 item 28: several status codes mean any of them, in the summary, the
 * rows and every format; with `status` too, any of them all. In the
 * fixture 1 is in_progress, 3 completed, 4 ongoing, 6 stalled, and 2, 5
 * and 7 announced. */
START_TEST(test_statuses_any_of)
{
	atrack_db *db = report_db();
	static const char *const done_or_stalled[] = { "completed", "stalled" };
	atrack_report_opts o = opts_today();
	o.statuses = done_or_stalled;
	o.nstatuses = 2;
	unsigned int total;
	ck_assert_uint_eq(report_ids(db, &o, &total), (ID_BIT(3) | ID_BIT(6)));
	ck_assert_uint_eq(total, 2);
	o.status = "in_progress";
	ck_assert_uint_eq(report_ids(db, &o, &total), (ID_BIT(1) | ID_BIT(3) | ID_BIT(6)));
	ck_assert_uint_eq(total, 3);
	/* The same code twice is that code once. */
	static const char *const twice[] = { "announced", "announced" };
	o = opts_today();
	o.statuses = twice;
	o.nstatuses = 2;
	ck_assert_uint_eq(report_ids(db, &o, &total), (ID_BIT(2) | ID_BIT(5) | ID_BIT(7)));
	ck_assert_uint_eq(total, 3);

	/* Every format shows those and only those: each row's slug (the
	 * text and Markdown reports' title). */
	char slug[8][64] = { "" }, title[8][64] = { "" };
	atrack_report *r;
	o = opts_today();
	ck_assert_int_eq(atrack_report_open(db, &o, &r), ATRACK_OK);
	atrack_iter *it;
	ck_assert_int_eq(atrack_report_rows(r, &it), ATRACK_OK);
	while (atrack_iter_next(it) == ATRACK_OK) {
		const atrack_report_row *row = atrack_iter_report_row(it);
		ck_assert_int_lt(row->id, 8);
		snprintf(slug[row->id], sizeof slug[0], "%s", row->slug);
		snprintf(title[row->id], sizeof title[0], "%s", row->title);
	}
	atrack_iter_free(it);
	atrack_report_free(r);
	o = opts_today();
	o.statuses = done_or_stalled;
	o.nstatuses = 2;
	static const atrack_report_format formats[] = { ATRACK_REPORT_TEXT, ATRACK_REPORT_MD,
	                                                ATRACK_REPORT_HTML, ATRACK_REPORT_CSV,
	                                                ATRACK_REPORT_JSON };
	for (size_t f = 0; f < sizeof formats / sizeof formats[0]; f++) {
		o.width = 400; /* no slug cut in the text report */
		char *out = render(db, &o, formats[f]);
		for (int i = 1; i < 8; i++) {
			char quoted[128];
			snprintf(quoted, sizeof quoted, formats[f] == ATRACK_REPORT_JSON ? "\"%s\"" : "%s",
			         formats[f] <= ATRACK_REPORT_MD ? title[i] : slug[i]);
			bool want = i == 3 || i == 6;
			ck_assert_msg((strstr(out, quoted) != NULL) == want, "format %d: %s %s",
			              (int)formats[f], quoted, want ? "missing" : "shown");
		}
		atrack_free(out);
	}

	/* A code the vocabulary lacks, and lists that are not lists. */
	static const char *const unknown[] = { "completed", "dormant" };
	o = opts_today();
	o.statuses = unknown;
	o.nstatuses = 2;
	r = NULL;
	ck_assert_int_eq(atrack_report_open(db, &o, &r), ATRACK_INVALID);
	ck_assert_ptr_null(r);
	ck_assert_str_eq(atrack_errmsg(db), "report: no status 'dormant'");
	o.statuses = NULL;
	ck_assert_int_eq(atrack_report_open(db, &o, &r), ATRACK_MISUSE);
	static const char *const with_null[] = { "completed", NULL };
	o.statuses = with_null;
	ck_assert_int_eq(atrack_report_open(db, &o, &r), ATRACK_MISUSE);
	ck_assert_ptr_null(r);

	/* A version-2 caller's options have no such fields: they are not read. */
	o = opts_today();
	o.version = 2;
	o.statuses = with_null;
	o.nstatuses = 99;
	ck_assert_uint_eq(report_ids(db, &o, &total), 0xfe);
	ck_assert_uint_eq(total, 7);
	atrack_close(db);
}
END_TEST

static Suite *briefing_suite(void)
{
	Suite *s = suite_create("report_briefing");
	TCase *tc = tcase_create("briefing");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_stale_one_rule);
	tcase_add_test(tc, test_hand_added_counted);
	tcase_add_test(tc, test_every_value_escaped);
	tcase_add_test(tc, test_carried_forward);
	tcase_add_test(tc, test_summary_bom_updates_filters);
	tcase_add_test(tc, test_burndown);
	tcase_add_test(tc, test_group_by);
	tcase_add_test(tc, test_group_by_framework_party);
	tcase_add_test(tc, test_statuses_any_of);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tu_run_suite(briefing_suite());
}
