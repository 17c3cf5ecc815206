/*
 * report_rows.c - the report's initiatives and changes, streamed by
 * iterators over one statement each (one index seek per initiative on
 * progress_update_latest for the current update, one backwards for the
 * update before a change). Called by the renderers through the public API
 * and by atr_report_each_change; calls only the core.
 */
#include "report_int.h"
#include "report_sql.h"

#include <string.h>

static const char rows_sql[] = REPORT_BASE
	"SELECT b.id, b.slug, b.title, b.section_id, sec.slug, sec.title,"
	" coalesce((SELECT group_concat(coalesce(fw.acronym, fw.name), ', ')"
	" FROM initiative_framework AS x JOIN framework AS fw ON fw.id = x.framework_id"
	" WHERE x.initiative_id = b.id), ''),"
	" m.slug, b.status, b.status_label, b.is_terminal, b.health, b.percent_complete,"
	" b.update_id, b.last_update, b.days_since, b.note, b.author, b.target_date,"
	" b.overdue, b.stale, m.name, b.latest_note, b.latest_note_date, b.evidence_url,"
	" b.health_update_id, b.health_date, b.percent_update_id, b.percent_date,"
	/* The group the listing puts it under (:group, atrack_report_group_by). */
	" CASE :group WHEN 1 THEN coalesce(b.meeting_id, 0) WHEN 2 THEN b.status_id"
	" WHEN 3 THEN CASE b.health WHEN 'on_track' THEN 1 WHEN 'at_risk' THEN 2"
	" WHEN 'off_track' THEN 3 ELSE 4 END"
	" WHEN 4 THEN b.stale WHEN 5 THEN b.overdue WHEN 6 THEN coalesce(g.gid, 0)"
	" WHEN 7 THEN coalesce(g.gid, 0) ELSE coalesce(b.section_id, 0) END AS gk,"
	" :group, g.gn"
	" FROM flagged AS b"
	" LEFT JOIN section AS sec ON sec.id = b.section_id"
	" LEFT JOIN meeting AS m ON m.id = b.meeting_id"
	/* By framework or party: one row per link, so an initiative under two
	 * frameworks is listed under each; one with none gets one row with no
	 * group (the "(none)" group, last). Other keys join nothing. */
	" LEFT JOIN (SELECT x.initiative_id AS iid, f.id AS gid, coalesce(f.acronym, f.name) AS gn"
	" FROM initiative_framework AS x JOIN framework AS f ON f.id = x.framework_id WHERE :group = 6"
	" UNION ALL SELECT x.initiative_id, p.id, p.name FROM initiative_party AS x JOIN party AS p"
	" ON p.id = x.party_id WHERE :group = 7) AS g ON g.iid = b.id"
	" ORDER BY CASE :group WHEN 1 THEN coalesce(m.start_date, '9999') WHEN 2 THEN b.status_order"
	" WHEN 3 THEN gk WHEN 4 THEN -b.stale WHEN 5 THEN -b.overdue ELSE 0 END,"
	" g.gid IS NULL, g.gn COLLATE NOCASE, gk,"
	" sec.id IS NULL, sec.position, sec.id, b.position, b.id";

static const char changes_sql[] = REPORT_BASE CHANGE_COLUMNS
	" WHERE u.event_date > :since"
	" ORDER BY u.event_date, u.id";

/* Every update of the initiatives in the report up to its day, oldest
 * first: the CSV of updates. */
static const char updates_sql[] = REPORT_BASE CHANGE_COLUMNS
	" ORDER BY u.event_date, u.id";

/* The latest :limit updates are chosen first, so that the status before
 * each is looked up for those only, not for a year of updates. */
static const char timeline_sql[] = REPORT_BASE
	", recent AS MATERIALIZED (SELECT u.id FROM flagged AS b"
	"   JOIN progress_update AS u ON u.initiative_id = b.id AND u.event_date <= :bound"
	"  WHERE u.event_date > date(:ref, '-365 days')"
	"  ORDER BY u.event_date DESC, u.id DESC LIMIT :limit) "
	CHANGE_COLUMNS
	" WHERE u.id IN (SELECT id FROM recent)"
	" ORDER BY u.event_date DESC, u.id DESC";

/* ---- Iterators ---------------------------------------------------------- */

static int load_report_row(atrack_iter *it)
{
	sqlite3_stmt *st = it->stmt;
	atrack_report_row *row = it->row;
	row->id = sqlite3_column_int64(st, 0);
	row->slug = atr_column_text(st, 1);
	row->title = atr_column_text(st, 2);
	row->section_id = sqlite3_column_int64(st, 3);
	row->section_slug = atr_column_text(st, 4);
	row->section_title = atr_column_text(st, 5);
	row->frameworks = atr_column_text(st, 6);
	row->meeting_slug = atr_column_text(st, 7);
	row->status = atr_column_text(st, 8);
	row->status_label = atr_column_text(st, 9);
	row->is_terminal = sqlite3_column_int(st, 10) != 0;
	row->health = atr_column_text(st, 11);
	row->percent_complete = sqlite3_column_type(st, 12) == SQLITE_NULL ? -1
	                        : sqlite3_column_int(st, 12);
	row->update_id = sqlite3_column_int64(st, 13);
	row->last_update = atr_column_text(st, 14);
	row->days_since = sqlite3_column_int(st, 15);
	row->note = atr_column_text(st, 16);
	row->author = atr_column_text(st, 17);
	row->target_date = atr_column_text(st, 18);
	row->overdue = sqlite3_column_int(st, 19) != 0;
	row->stale = sqlite3_column_int(st, 20) != 0;
	row->meeting_name = atr_column_text(st, 21);
	row->latest_note = atr_column_text(st, 22);
	row->latest_note_date = atr_column_text(st, 23);
	row->evidence_url = atr_column_text(st, 24);
	row->health_update_id = sqlite3_column_int64(st, 25);
	row->health_date = atr_column_text(st, 26);
	row->percent_update_id = sqlite3_column_int64(st, 27);
	row->percent_date = atr_column_text(st, 28);
	row->group_key = sqlite3_column_int64(st, 29);
	/* The heading of its group, from what the row already has. */
	switch (sqlite3_column_int(st, 30)) {
	case ATRACK_REPORT_BY_MEETING:
		row->group_name = row->meeting_name ? row->meeting_name : "(no meeting)";
		break;
	case ATRACK_REPORT_BY_STATUS:
		row->group_name = row->status_label;
		break;
	case ATRACK_REPORT_BY_HEALTH:
		row->group_name = row->health ? atr_health_words(row->health) : "health not given";
		break;
	case ATRACK_REPORT_BY_STALE:
		row->group_name = row->stale ? "stale" : "not stale";
		break;
	case ATRACK_REPORT_BY_OVERDUE:
		row->group_name = row->overdue ? "overdue" : "not overdue";
		break;
	case ATRACK_REPORT_BY_FRAMEWORK:
	case ATRACK_REPORT_BY_PARTY:
		row->group_name = sqlite3_column_type(st, 31) == SQLITE_NULL ? "(none)"
		                  : atr_column_text(st, 31);
		if (!row->group_name)
			return atr_error(it->db, ATRACK_NOMEM, "out of memory");
		break;
	default:
		row->group_name = row->section_title ? row->section_title : "(no section)";
	}
	if (!row->slug || !row->title || !row->frameworks || !row->status)
		return atr_error(it->db, ATRACK_NOMEM, "out of memory");
	return ATRACK_OK;
}

static int load_change(atrack_iter *it)
{
	sqlite3_stmt *st = it->stmt;
	atrack_report_change *c = it->row;
	c->kind = (atrack_report_change_kind)sqlite3_column_int(st, 0);
	c->update_id = sqlite3_column_int64(st, 1);
	c->initiative_id = sqlite3_column_int64(st, 2);
	c->slug = atr_column_text(st, 3);
	c->title = atr_column_text(st, 4);
	c->section_title = atr_column_text(st, 5);
	c->event_date = atr_column_text(st, 6);
	c->recorded_at = atr_column_text(st, 7);
	c->author = atr_column_text(st, 8);
	c->from_status = atr_column_text(st, 9);
	c->to_status = atr_column_text(st, 10);
	c->health = atr_column_text(st, 11);
	c->note = atr_column_text(st, 12);
	c->from_status_label = atr_column_text(st, 13);
	c->to_status_label = atr_column_text(st, 14);
	c->from_health = atr_column_text(st, 15);
	c->from_percent = sqlite3_column_type(st, 16) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 16);
	c->to_percent = sqlite3_column_type(st, 17) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 17);
	c->evidence_url = atr_column_text(st, 18);
	if (!c->slug || !c->title || !c->event_date || !c->to_status)
		return atr_error(it->db, ATRACK_NOMEM, "out of memory");
	return ATRACK_OK;
}

/* An iterator over one of the report's statements, its parameters bound. */
static int report_iter(const char *fn, atrack_report *r, const char *sql, atrack_kind kind,
                       size_t row_size, int (*load_row)(atrack_iter *), int limit,
                       atrack_iter **out)
{
	if (out)
		*out = NULL;
	if (!r || !out || !atr_db_usable(r->db))
		return atr_misuse(r ? r->db : NULL, fn);
	atr_clear_error(r->db);
	sqlite3_stmt *stmt;
	int rc = atr_prepare(r->db, sql, &stmt);
	if (rc != ATRACK_OK)
		return rc;
	atr_report_bind(r, stmt);
	atr_report_bind_int(stmt, ":limit", limit);
	return atr_iter_new(r->db, kind, stmt, row_size, load_row, out);
}

int atrack_report_rows(atrack_report *r, atrack_iter **out)
{
	return report_iter("atrack_report_rows", r, rows_sql, ATRACK_KIND_INITIATIVE,
	                   sizeof(atrack_report_row), load_report_row, 0, out);
}

const atrack_report_row *atrack_iter_report_row(const atrack_iter *it)
{
	if (!it || it->load_row != load_report_row || it->done)
		return NULL;
	return it->row;
}

int atrack_report_changes(atrack_report *r, atrack_iter **out)
{
	return report_iter("atrack_report_changes", r, changes_sql, ATRACK_KIND_UPDATE,
	                   sizeof(atrack_report_change), load_change, 0, out);
}

int atrack_report_timeline(atrack_report *r, int limit, atrack_iter **out)
{
	return report_iter("atrack_report_timeline", r, timeline_sql, ATRACK_KIND_UPDATE,
	                   sizeof(atrack_report_change), load_change, limit > 0 ? limit : 0, out);
}

/* Completed and open at the end of each of the 12 months to the report's
 * day (the last month ends on that day): one seek per initiative and
 * month on progress_update_latest. */
static const char months_sql[] = REPORT_BASE
	", months(k, m_end) AS (SELECT 0, :ref UNION ALL"
	"   SELECT k + 1, date(m_end, 'start of month', '-1 day') FROM months WHERE k < 11)"
	" SELECT strftime('%Y-%m', m.m_end), coalesce(sum(s.code = 'completed'), 0),"
	"        coalesce(sum(s.is_terminal = 0), 0)"
	"   FROM months AS m CROSS JOIN flagged AS b"
	"   JOIN progress_update AS u ON u.id = (SELECT p.id FROM progress_update AS p"
	"         WHERE p.initiative_id = b.id AND p.event_date <= m.m_end"
	"         ORDER BY p.event_date DESC, p.id DESC LIMIT 1)"
	"   JOIN status_code AS s ON s.id = u.status_id"
	"  GROUP BY m.k ORDER BY m.k DESC";

int atr_report_each_month(atrack_report *r, atr_month_fn each, void *payload)
{
	sqlite3_stmt *stmt;
	int rc = atr_prepare(r->db, months_sql, &stmt);
	if (rc != ATRACK_OK)
		return rc;
	atr_report_bind(r, stmt);
	int src;
	while ((src = sqlite3_step(stmt)) == SQLITE_ROW && rc == ATRACK_OK) {
		const char *month = atr_column_text(stmt, 0);
		rc = each(payload, month ? month : "", (unsigned int)sqlite3_column_int64(stmt, 1),
		          (unsigned int)sqlite3_column_int64(stmt, 2));
	}
	if (rc == ATRACK_OK && src != SQLITE_DONE && src != SQLITE_ROW)
		rc = atr_sql_error(r->db, src, "report: cannot count the months");
	sqlite3_finalize(stmt);
	return rc;
}

int atr_report_updates(atrack_report *r, atrack_iter **out)
{
	return report_iter("atrack_report_rows", r, updates_sql, ATRACK_KIND_UPDATE,
	                   sizeof(atrack_report_change), load_change, 0, out);
}

const atrack_report_change *atrack_iter_report_change(const atrack_iter *it)
{
	if (!it || it->load_row != load_change || it->done)
		return NULL;
	return it->row;
}

int atr_report_each_change(atrack_report *r, int limit, atr_change_fn each, atr_sink *s,
                           unsigned int *count)
{
	atrack_iter *it = NULL;
	int rc = limit > 0 ? atrack_report_timeline(r, limit, &it) : atrack_report_changes(r, &it);
	unsigned int seen = 0;
	while (rc == ATRACK_OK && (rc = atrack_iter_next(it)) == ATRACK_OK) {
		seen++;
		rc = each(r, atrack_iter_report_change(it), s);
	}
	atrack_iter_free(it);
	if (count)
		*count = seen;
	return rc == ATRACK_DONE ? ATRACK_OK : rc;
}

