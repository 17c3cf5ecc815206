/*
 * report_sql.h - the one "as of" set every query of the report starts
 * from, shared by report.c (the summary) and report_rows.c (the rows and
 * the changes), so that they always agree. Its parameters are bound by
 * atr_report_bind().
 */
#ifndef ATRACK_REPORT_SQL_H
#define ATRACK_REPORT_SQL_H

/* The initiatives in the report, each with the update that was current on
 * the report's day (:bound) and the flags derived from it. Health and %
 * complete are carried forward: each comes from the latest update that
 * gave one (hu, pu), as the latest note does (nu), so an update that says
 * only "still in progress" does not blank them. Named parameters are
 * bound by atr_report_bind(); the filters are written so that 0 or NULL
 * means "any". */
#define LATEST_WITH(column) \
	"(SELECT p.id FROM progress_update AS p WHERE p.initiative_id = i.id" \
	" AND p.event_date <= :bound AND p." column " IS NOT NULL" \
	" ORDER BY p.event_date DESC, p.id DESC LIMIT 1)"
#define REPORT_BASE \
	"WITH base AS (" \
	" SELECT i.id AS id, i.slug AS slug, i.title AS title, i.section_id AS section_id," \
	"        i.meeting_id AS meeting_id, i.position AS position, i.target_date AS target_date," \
	"        u.id AS update_id, hu.health AS health, pu.percent_complete AS percent_complete," \
	"        u.event_date AS last_update, u.note AS note, u.author AS author," \
	"        hu.id AS health_update_id, hu.event_date AS health_date," \
	"        pu.id AS percent_update_id, pu.event_date AS percent_date," \
	"        nu.note AS latest_note, nu.event_date AS latest_note_date," \
	"        nu.evidence_url AS evidence_url," \
	"        s.code AS status, s.label AS status_label, s.is_terminal AS is_terminal," \
	"        s.id AS status_id, s.sort_order AS status_order," \
	"        CAST(julianday(:ref) - julianday(u.event_date) AS INTEGER) AS days_since" \
	"   FROM initiative AS i" \
	"   JOIN progress_update AS u ON u.id = (SELECT p.id FROM progress_update AS p" \
	"         WHERE p.initiative_id = i.id AND p.event_date <= :bound" \
	"         ORDER BY p.event_date DESC, p.id DESC LIMIT 1)" \
	"   JOIN status_code AS s ON s.id = u.status_id" \
	"   LEFT JOIN progress_update AS hu ON hu.id = " LATEST_WITH("health") \
	"   LEFT JOIN progress_update AS pu ON pu.id = " LATEST_WITH("percent_complete") \
	"   LEFT JOIN progress_update AS nu ON nu.id = " LATEST_WITH("note") \
	"  WHERE (:section = 0 OR i.section_id = :section)" \
	"    AND (:meeting = 0 OR i.meeting_id = :meeting)" \
	"    AND (:framework = 0 OR EXISTS (SELECT 1 FROM initiative_framework AS f" \
	"         WHERE f.initiative_id = i.id AND f.framework_id = :framework))" \
	"    AND (:party = 0 OR EXISTS (SELECT 1 FROM initiative_party AS x" \
	"         WHERE x.initiative_id = i.id AND x.party_id = :party))" \
	"    AND (:status_ids IS NULL OR instr(:status_ids, ',' || s.id || ',') > 0)" \
	"    AND (:health IS NULL OR hu.health IS :health)" \
	"), flagged AS (" \
	" SELECT * FROM (SELECT base.*, (is_terminal = 0 AND days_since >= :stale) AS stale," \
	"        (is_terminal = 0 AND target_date IS NOT NULL AND target_date < :ref) AS overdue" \
	"   FROM base)" \
	"  WHERE (:stale_only = 0 OR stale) AND (:overdue_only = 0 OR overdue)) "

/* An update of an initiative in the report, with the status of the
 * update before it (one seek backwards on progress_update_latest) and the
 * health and % complete in force before it (carried, as in REPORT_BASE). */
#define BEFORE_U(column) \
	"(SELECT p." column " FROM progress_update AS p WHERE p.initiative_id = u.initiative_id" \
	" AND (p.event_date, p.id) < (u.event_date, u.id) AND p." column " IS NOT NULL" \
	" ORDER BY p.event_date DESC, p.id DESC LIMIT 1)"
#define CHANGE_COLUMNS \
	"SELECT CASE WHEN prev.id IS NULL THEN 1 WHEN prev.status_id <> u.status_id THEN 2 ELSE 3 END," \
	"       u.id, b.id, b.slug, b.title, sec.title, u.event_date, u.recorded_at, u.author," \
	"       ps.code, s.code, u.health, u.note, ps.label, s.label, " BEFORE_U("health") "," \
	"       " BEFORE_U("percent_complete") ", u.percent_complete, u.evidence_url" \
	"  FROM flagged AS b" \
	"  JOIN progress_update AS u ON u.initiative_id = b.id AND u.event_date <= :bound" \
	"  JOIN status_code AS s ON s.id = u.status_id" \
	"  LEFT JOIN progress_update AS prev ON prev.id = (SELECT p.id FROM progress_update AS p" \
	"        WHERE p.initiative_id = u.initiative_id AND (p.event_date, p.id) < (u.event_date, u.id)" \
	"        ORDER BY p.event_date DESC, p.id DESC LIMIT 1)" \
	"  LEFT JOIN status_code AS ps ON ps.id = prev.status_id" \
	"  LEFT JOIN section AS sec ON sec.id = b.section_id"

#endif /* ATRACK_REPORT_SQL_H */
