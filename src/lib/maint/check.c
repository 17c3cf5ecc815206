/*
 * check.c - whether a database is sound: SQLite's own integrity and
 * foreign key checks, then atrack's invariants, each computed the slow,
 * obvious way (whole tables, no index) so that a damaged index or a row
 * written behind the library's back shows up as a disagreement. The
 * checks are one table of {name, function}: a new invariant is one more
 * function and one more line.
 */
#include "maint_int.h"

#include "exchange/exchange_int.h"

#include <string.h>

typedef struct checker {
	atrack_db *db;
	atrack_problem_cb cb;
	void *payload;
	unsigned int errors;
	char *first_error;   /* "check: message", for atrack_errmsg */
	int stop;            /* the callback's non-zero answer */
} checker;

/* Hand one problem to the caller. Returns ATRACK_OK to go on. */
static int report(checker *C, const char *check, atrack_severity severity, const char *table,
                  int64_t row_id, const char *message)
{
	if (severity == ATRACK_SEVERITY_ERROR && C->errors++ == 0) {
		atr_buf b = ATR_BUF_INIT;
		atr_buf_printf(&b, "%s: %s", check, message);
		C->first_error = atr_buf_detach(&b);
		if (!C->first_error)
			return atr_error(C->db, ATRACK_NOMEM, "out of memory");
	}
	if (!C->cb)
		return ATRACK_OK;
	atrack_problem p = { check, severity, table, row_id, message };
	C->stop = C->cb(&p, C->payload);
	return C->stop;
}

/*
 * Run `sql`, whose rows are (table, row_id, message), and report each as
 * a problem of `check`. Most checks are one such query.
 */
static int report_rows(checker *C, const char *check, atrack_severity severity, const char *sql)
{
	sqlite3_stmt *stmt = NULL;
	int rc = atr_prepare(C->db, sql, &stmt);
	if (rc != ATRACK_OK)
		return rc;
	int src;
	while (rc == ATRACK_OK && (src = sqlite3_step(stmt)) == SQLITE_ROW)
		rc = report(C, check, severity, atr_column_text(stmt, 0), sqlite3_column_int64(stmt, 1),
		            atr_column_text(stmt, 2) ? atr_column_text(stmt, 2) : "");
	if (rc == ATRACK_OK && src != SQLITE_DONE)
		rc = atr_sql_error(C->db, src, check);
	sqlite3_finalize(stmt);
	return rc;
}

static int check_integrity(checker *C, const char *name)
{
	/* The file's structure: pages, b-trees, indexes against their tables. */
	return report_rows(C, name, ATRACK_SEVERITY_ERROR,
		"SELECT NULL, 0, integrity_check FROM pragma_integrity_check "
		"WHERE integrity_check <> 'ok'");
}

static int check_foreign_keys(checker *C, const char *name)
{
	return report_rows(C, name, ATRACK_SEVERITY_ERROR,
		"SELECT \"table\", rowid, \"table\" || ' ' || rowid || ' refers to a missing ' || "
		"parent || ' row' FROM pragma_foreign_key_check");
}

static int check_slugs(checker *C, const char *name)
{
	/* The same rule as the schema's CHECK constraints, which a connection
	 * with ignore_check_constraints can get past; uniqueness counted with
	 * the unary + so that no unique index answers for itself. */
	int rc = ATRACK_OK;
	for (size_t i = 0; rc == ATRACK_OK && i < XT_DATA_COUNT; i++) {
		const xt_table *t = &xt_tables[i];
		if (!t->key_column)
			continue;
		bool code = strcmp(t->key_column, "code") == 0;
		atr_buf b = ATR_BUF_INIT;
		atr_buf_printf(&b,
			"SELECT '%s', id, '%s ''' || %s || ''' is not a valid %s' FROM %s NOT INDEXED "
			"WHERE %s "
			"UNION ALL "
			"SELECT '%s', max(id), '%s ''' || +%s || ''' is used by ' || count(*) || ' rows' "
			"FROM %s NOT INDEXED GROUP BY +%s HAVING count(*) > 1",
			t->table, t->key_column, t->key_column, t->key_column, t->table,
			code ? "NOT (length(code) BETWEEN 1 AND 32 AND code GLOB '[a-z]*' "
			       "AND code NOT GLOB '*[^a-z0-9_]*')"
			     : "NOT (slug <> '' AND slug NOT GLOB '*[^a-z0-9-]*' AND slug GLOB '*[^0-9]*')",
			t->table, t->key_column, t->key_column, t->table, t->key_column);
		char *sql = atr_buf_detach(&b);
		rc = sql ? report_rows(C, name, ATRACK_SEVERITY_ERROR, sql)
		         : atr_error(C->db, ATRACK_NOMEM, "out of memory");
		atr_free(sql);
	}
	return rc;
}

static int check_current_status(checker *C, const char *name)
{
	/* initiative_status is a copy of each initiative's latest update, kept
	 * by triggers; here the whole history is ranked with no index at all,
	 * and the copy must name that update and hold its fields. */
	return report_rows(C, name, ATRACK_SEVERITY_ERROR,
		"WITH ranked AS ("
		"  SELECT p.initiative_id AS initiative_id, p.id AS update_id,"
		"         row_number() OVER (PARTITION BY p.initiative_id"
		"                            ORDER BY +p.event_date DESC, +p.id DESC) AS n"
		"    FROM progress_update AS p NOT INDEXED) "
		"SELECT 'initiative', i.id,"
		"       CASE WHEN c.update_id IS NOT r.update_id"
		"            THEN 'current status comes from update ' || ifnull(c.update_id, 'none') ||"
		"                 ' but the latest update is ' || ifnull(r.update_id, 'none')"
		"            ELSE 'current status does not hold the fields of update ' || r.update_id END"
		"  FROM initiative AS i"
		"  LEFT JOIN ranked AS r ON r.initiative_id = i.id AND r.n = 1"
		"  LEFT JOIN progress_update AS u ON u.id = r.update_id"
		"  LEFT JOIN initiative_status AS c ON c.initiative_id = i.id"
		" WHERE c.update_id IS NOT r.update_id OR c.status_id IS NOT u.status_id"
		"    OR c.health IS NOT u.health OR c.percent_complete IS NOT u.percent_complete"
		"    OR c.event_date IS NOT u.event_date "
		"UNION ALL "
		"SELECT 'initiative', c.initiative_id, 'current status kept for a missing initiative'"
		"  FROM initiative_status AS c WHERE c.initiative_id NOT IN (SELECT id FROM initiative) "
		"ORDER BY 2");
}

static int check_terminal(checker *C, const char *name)
{
	return report_rows(C, name, ATRACK_SEVERITY_ERROR,
		"SELECT 'progress_update', id, 'update ' || id || ' of initiative ' || initiative_id ||"
		"       ' leaves terminal status ''' || previous || ''' for ''' || code ||"
		"       ''' without is_reopen'"
		"  FROM (SELECT p.id, p.initiative_id, p.is_reopen, s.code,"
		"               lag(s.code) OVER w AS previous, lag(s.is_terminal) OVER w AS was_terminal"
		"          FROM progress_update AS p NOT INDEXED"
		"          JOIN status_code AS s ON s.id = p.status_id"
		"        WINDOW w AS (PARTITION BY p.initiative_id ORDER BY +p.event_date, +p.id))"
		" WHERE was_terminal = 1 AND code <> previous AND is_reopen = 0 "
		"ORDER BY id");
}

static int check_has_updates(checker *C, const char *name)
{
	/* An initiative typed in by hand starts with no update: a note, since
	 * its status is simply not known yet. */
	return report_rows(C, name, ATRACK_SEVERITY_NOTE,
		"SELECT 'initiative', i.id, 'initiative ''' || i.slug || ''' has no progress update'"
		"  FROM initiative AS i"
		" WHERE NOT EXISTS (SELECT 1 FROM progress_update AS p WHERE p.initiative_id = i.id) "
		"ORDER BY i.id");
}

static int check_search_index(checker *C, const char *name)
{
	return report_rows(C, name, ATRACK_SEVERITY_ERROR, atr_search_mismatch_sql);
}

/* The fault of check_text.c, reported as an error of check "text". */
static int text_fault(void *ctx, const char *table, int64_t row_id, const char *message)
{
	return report(ctx, "text", ATRACK_SEVERITY_ERROR, table, row_id, message);
}

static int check_text(checker *C, const char *name)
{
	(void)name;
	return atr_check_text(C->db, text_fault, C);
}

static const struct {
	const char *name;
	int (*run)(checker *C, const char *name);
} checks[] = {
	{ "integrity", check_integrity },
	{ "foreign_keys", check_foreign_keys },
	{ "slugs", check_slugs },
	{ "current_status", check_current_status },
	{ "terminal", check_terminal },
	{ "has_updates", check_has_updates },
	{ "search_index", check_search_index },
	{ "text", check_text },
};

int atrack_check(atrack_db *db, atrack_problem_cb cb, void *payload)
{
	if (!atr_db_usable(db))
		return atr_misuse(db, "atrack_check");
	atr_clear_error(db);
	checker C = { db, cb, payload, 0, NULL, 0 };
	int src = sqlite3_exec(db->sql, "SAVEPOINT atrack_check", NULL, NULL, NULL);
	if (src != SQLITE_OK)
		return atr_sql_error(db, src, "cannot begin check");
	int rc = ATRACK_OK;
	for (size_t i = 0; rc == ATRACK_OK && i < ATR_ARRAY_SIZE(checks); i++)
		rc = checks[i].run(&C, checks[i].name);
	sqlite3_exec(db->sql, "RELEASE atrack_check", NULL, NULL, NULL);
	if (rc == ATRACK_OK && C.errors > 0)
		rc = atr_error(db, ATRACK_CORRUPT, "%u problem%s found; the first: %s", C.errors,
		               C.errors == 1 ? "" : "s", C.first_error);
	else if (C.stop && rc == C.stop)
		atr_clear_error(db);
	atr_free(C.first_error);
	return rc;
}
