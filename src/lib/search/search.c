/*
 * search.c - full-text search over the words of the database (FTS5), and
 * keeping its index in step. With trusted_schema off SQLite refuses any
 * trigger that writes to a virtual table, so the schema's triggers only
 * queue the changed rows in search_pending, and new progress updates are
 * found above a high-water mark (search_mark, migration 0003) rather than
 * queued one by one. sync_before_commit writes those entries from the
 * tables inside the writing transaction, just before it commits (a hook on
 * the core's transactions, attached by atr_search_attach),
 * so a committed change is always searchable and a rolled-back one never
 * was. Rebuilding queues every row and syncs: one definition of what an
 * entry holds.
 */
#include "atrack_int.h"

#include <string.h>

#define DEFAULT_LIMIT 50

/* The highest progress update id, as the mark records it. */
#define NEWEST_UPDATE "(SELECT ifnull(max(id), 0) FROM progress_update)"
#define UPDATE_MARK "(SELECT progress_update_id FROM search_mark WHERE id = 1)"

static const char pending_any_sql[] =
	"SELECT EXISTS (SELECT 1 FROM search_pending) OR " NEWEST_UPDATE " <> " UPDATE_MARK;

static const char drop_pending_entries_sql[] =
	"DELETE FROM search_index WHERE rowid IN (SELECT doc_id FROM search_pending)";

/* What each entry holds: kind (the atrack_kind number), id, title, body,
 * per source table. The rowid is id*16+kind. The writer below and the
 * consistency check (atr_search_mismatch_sql) both use these. */
#define INITIATIVE_ENTRY "7, i.id, i.title, i.body"
#define FRAMEWORK_ENTRY "8, f.id, f.name, trim(ifnull(f.acronym, '') || ' ' || ifnull(f.description, ''))"
#define FOCUS_AREA_ENTRY "9, a.id, a.name, ''"
#define MEETING_ENTRY "3, m.id, m.name, trim(m.kind || ' ' || ifnull(m.short_kind, '') || ' ' || ifnull(m.place, ''))"
#define UPDATE_ENTRY "11, u.id, '', u.note"
#define PARTY_ENTRY "1, pa.id, pa.name, ifnull(pa.short_name, '')"
#define PERSON_ENTRY "2, pe.id, pe.name, ''"
#define EXERCISE_ENTRY "10, x.id, x.name, ''"
#define DOCUMENT_ENTRY "5, d.id, d.title, ifnull(d.source, '')"
#define UPDATE_HAS_ENTRY "u.note IS NOT NULL AND u.note <> ''"

static const char write_pending_entries_sql[] =
	"INSERT INTO search_index (rowid, kind, ref_id, title, body)"
	" SELECT p.doc_id, " INITIATIVE_ENTRY
	"   FROM search_pending AS p JOIN initiative AS i ON i.id = p.doc_id >> 4"
	"  WHERE p.doc_id & 15 = 7"
	" UNION ALL"
	" SELECT p.doc_id, " FRAMEWORK_ENTRY
	"   FROM search_pending AS p JOIN framework AS f ON f.id = p.doc_id >> 4"
	"  WHERE p.doc_id & 15 = 8"
	" UNION ALL"
	" SELECT p.doc_id, " FOCUS_AREA_ENTRY
	"   FROM search_pending AS p JOIN focus_area AS a ON a.id = p.doc_id >> 4"
	"  WHERE p.doc_id & 15 = 9"
	" UNION ALL"
	" SELECT p.doc_id, " MEETING_ENTRY
	"   FROM search_pending AS p JOIN meeting AS m ON m.id = p.doc_id >> 4"
	"  WHERE p.doc_id & 15 = 3"
	" UNION ALL"
	" SELECT p.doc_id, " PARTY_ENTRY
	"   FROM search_pending AS p JOIN party AS pa ON pa.id = p.doc_id >> 4"
	"  WHERE p.doc_id & 15 = 1"
	" UNION ALL"
	" SELECT p.doc_id, " PERSON_ENTRY
	"   FROM search_pending AS p JOIN person AS pe ON pe.id = p.doc_id >> 4"
	"  WHERE p.doc_id & 15 = 2"
	" UNION ALL"
	" SELECT p.doc_id, " EXERCISE_ENTRY
	"   FROM search_pending AS p JOIN exercise AS x ON x.id = p.doc_id >> 4"
	"  WHERE p.doc_id & 15 = 10"
	" UNION ALL"
	" SELECT p.doc_id, " DOCUMENT_ENTRY
	"   FROM search_pending AS p JOIN document AS d ON d.id = p.doc_id >> 4"
	"  WHERE p.doc_id & 15 = 5"
	" UNION ALL"
	" SELECT p.doc_id, " UPDATE_ENTRY
	"   FROM search_pending AS p JOIN progress_update AS u ON u.id = p.doc_id >> 4"
	"  WHERE p.doc_id & 15 = 11 AND " UPDATE_HAS_ENTRY;

/* The progress updates above the mark. None has an entry yet: the mark
 * was last set to the highest id, and a lower id given since is queued. */
static const char write_new_updates_sql[] =
	"INSERT INTO search_index (rowid, kind, ref_id, title, body)"
	" SELECT u.id * 16 + 11, " UPDATE_ENTRY
	"   FROM progress_update AS u"
	"  WHERE u.id > " UPDATE_MARK " AND " UPDATE_HAS_ENTRY;

/* Lowering it too is right: after the newest updates are deleted, the ids
 * between are free, and the next insert takes one of them. */
static const char set_mark_sql[] =
	"UPDATE search_mark SET progress_update_id = " NEWEST_UPDATE
	" WHERE id = 1 AND progress_update_id <> " NEWEST_UPDATE;

/* Every entry the index should hold, set against what it holds (leaving
 * out those queued for rewriting): rows of (table, row id, what is
 * wrong), as atrack_check reports them. Linear in the rows: each expected
 * entry is looked up in the index by rowid, and each held one in its
 * table by id (a FULL OUTER JOIN of two materialised sets has no index to
 * use and compared every pair). Entries still queued, or above the mark,
 * are not wrong, only not written yet. */
#define NOT_YET_WRITTEN(doc) \
	"(" doc " IN (SELECT doc_id FROM search_pending)" \
	" OR (" doc " & 15 = 11 AND " doc " >> 4 > " UPDATE_MARK "))"
#define TABLE_OF(kind) \
	"CASE " kind " WHEN 7 THEN 'initiative' WHEN 8 THEN 'framework'" \
	" WHEN 9 THEN 'focus_area' WHEN 3 THEN 'meeting' WHEN 1 THEN 'party'" \
	" WHEN 2 THEN 'person' WHEN 10 THEN 'exercise' WHEN 5 THEN 'document'" \
	" ELSE 'progress_update' END"
const char atr_search_mismatch_sql[] =
	"WITH expected (doc_id, kind, ref_id, title, body) AS ("
	" SELECT i.id * 16 + 7, " INITIATIVE_ENTRY " FROM initiative AS i"
	" UNION ALL SELECT f.id * 16 + 8, " FRAMEWORK_ENTRY " FROM framework AS f"
	" UNION ALL SELECT a.id * 16 + 9, " FOCUS_AREA_ENTRY " FROM focus_area AS a"
	" UNION ALL SELECT m.id * 16 + 3, " MEETING_ENTRY " FROM meeting AS m"
	" UNION ALL SELECT pa.id * 16 + 1, " PARTY_ENTRY " FROM party AS pa"
	" UNION ALL SELECT pe.id * 16 + 2, " PERSON_ENTRY " FROM person AS pe"
	" UNION ALL SELECT x.id * 16 + 10, " EXERCISE_ENTRY " FROM exercise AS x"
	" UNION ALL SELECT d.id * 16 + 5, " DOCUMENT_ENTRY " FROM document AS d"
	" UNION ALL SELECT u.id * 16 + 11, " UPDATE_ENTRY " FROM progress_update AS u"
	"  WHERE " UPDATE_HAS_ENTRY ") "
	"SELECT " TABLE_OF("e.kind") ", e.ref_id,"
	"       CASE WHEN h.rowid IS NULL THEN 'missing from the search index'"
	"            ELSE 'the search index holds an old text' END"
	"  FROM expected AS e LEFT JOIN search_index AS h ON h.rowid = e.doc_id"
	" WHERE (h.rowid IS NULL OR e.title IS NOT h.title OR e.body IS NOT h.body)"
	"   AND NOT " NOT_YET_WRITTEN("e.doc_id") " "
	"UNION ALL "
	"SELECT " TABLE_OF("h.rowid & 15") ", h.rowid >> 4,"
	"       'in the search index but not in its table'"
	"  FROM search_index AS h"
	" WHERE NOT CASE h.rowid & 15"
	"   WHEN 7 THEN EXISTS (SELECT 1 FROM initiative WHERE id = h.rowid >> 4)"
	"   WHEN 8 THEN EXISTS (SELECT 1 FROM framework WHERE id = h.rowid >> 4)"
	"   WHEN 9 THEN EXISTS (SELECT 1 FROM focus_area WHERE id = h.rowid >> 4)"
	"   WHEN 3 THEN EXISTS (SELECT 1 FROM meeting WHERE id = h.rowid >> 4)"
	"   WHEN 1 THEN EXISTS (SELECT 1 FROM party WHERE id = h.rowid >> 4)"
	"   WHEN 2 THEN EXISTS (SELECT 1 FROM person WHERE id = h.rowid >> 4)"
	"   WHEN 10 THEN EXISTS (SELECT 1 FROM exercise WHERE id = h.rowid >> 4)"
	"   WHEN 5 THEN EXISTS (SELECT 1 FROM document WHERE id = h.rowid >> 4)"
	"   WHEN 11 THEN EXISTS (SELECT 1 FROM progress_update AS u"
	"                         WHERE u.id = h.rowid >> 4 AND " UPDATE_HAS_ENTRY ")"
	"   ELSE 0 END"
	"   AND NOT " NOT_YET_WRITTEN("h.rowid") " "
	"ORDER BY 1, 2";

static const char clear_pending_sql[] = "DELETE FROM search_pending";

static const char clear_index_sql[] = "DELETE FROM search_index";

static const char queue_all_sql[] =
	"INSERT OR IGNORE INTO search_pending (doc_id)"
	" SELECT id * 16 + 7 FROM initiative"
	" UNION ALL SELECT id * 16 + 8 FROM framework"
	" UNION ALL SELECT id * 16 + 9 FROM focus_area"
	" UNION ALL SELECT id * 16 + 3 FROM meeting"
	" UNION ALL SELECT id * 16 + 1 FROM party"
	" UNION ALL SELECT id * 16 + 2 FROM person"
	" UNION ALL SELECT id * 16 + 10 FROM exercise"
	" UNION ALL SELECT id * 16 + 5 FROM document"
	" UNION ALL SELECT id * 16 + 11 FROM progress_update";

/* Checks the query's syntax without running it in full: FTS5 parses the
 * expression in xFilter, and rowid 0 is never an entry. */
static const char validate_sql[] =
	"SELECT 1 FROM search_index WHERE search_index MATCH ?1 AND rowid = 0";

static const char search_sql[] =
	"SELECT s.kind, s.ref_id,"
	"       CASE s.kind WHEN 7 THEN (SELECT slug FROM initiative WHERE id = s.ref_id)"
	"                   WHEN 8 THEN (SELECT slug FROM framework WHERE id = s.ref_id)"
	"                   WHEN 9 THEN (SELECT slug FROM focus_area WHERE id = s.ref_id)"
	"                   WHEN 3 THEN (SELECT slug FROM meeting WHERE id = s.ref_id)"
	"                   WHEN 1 THEN (SELECT slug FROM party WHERE id = s.ref_id)"
	"                   WHEN 2 THEN (SELECT slug FROM person WHERE id = s.ref_id)"
	"                   WHEN 10 THEN (SELECT slug FROM exercise WHERE id = s.ref_id)"
	"                   WHEN 5 THEN (SELECT slug FROM document WHERE id = s.ref_id) END,"
	"       CASE s.kind WHEN 11 THEN (SELECT i.title FROM progress_update AS u"
	"                                   JOIN initiative AS i ON i.id = u.initiative_id"
	"                                  WHERE u.id = s.ref_id)"
	"                   ELSE s.title END,"
	"       snippet(search_index, -1, '[', ']', '\xE2\x80\xA6', 12),"
	"       s.rank"
	"  FROM search_index AS s"
	" WHERE search_index MATCH ?1"
	" ORDER BY s.rank LIMIT ?2";

/* Run a cached statement that returns no row. */
static int run(atrack_db *db, const char *sql, const char *what)
{
	sqlite3_stmt *stmt;
	int rc = atr_stmt(db, sql, &stmt);
	if (rc != ATRACK_OK)
		return rc;
	int src = sqlite3_step(stmt);
	if (src != SQLITE_DONE && src != SQLITE_ROW)
		rc = atr_sql_error(db, src, what);
	atr_stmt_done(stmt);
	return rc;
}

static int pending_any(atrack_db *db, bool *any)
{
	sqlite3_stmt *stmt;
	int rc = atr_stmt(db, pending_any_sql, &stmt);
	if (rc != ATRACK_OK)
		return rc;
	int src = sqlite3_step(stmt);
	if (src == SQLITE_ROW)
		*any = sqlite3_column_int(stmt, 0) != 0;
	else
		rc = atr_sql_error(db, src, "search: cannot read the index queue");
	atr_stmt_done(stmt);
	return rc;
}

static int sync_before_commit(atrack_db *db, void *ctx)
{
	(void)ctx;
	bool any = false;
	int rc = pending_any(db, &any);
	if (rc != ATRACK_OK || !any)
		return rc;
	/* New updates first: one that was also edited or deleted since is
	 * queued, and the queued rewrite below replaces what this wrote. */
	rc = run(db, write_new_updates_sql, "search: cannot update the index");
	if (rc == ATRACK_OK)
		rc = run(db, drop_pending_entries_sql, "search: cannot update the index");
	if (rc == ATRACK_OK)
		rc = run(db, write_pending_entries_sql, "search: cannot update the index");
	if (rc == ATRACK_OK)
		rc = run(db, clear_pending_sql, "search: cannot update the index");
	if (rc == ATRACK_OK)
		rc = run(db, set_mark_sql, "search: cannot update the index");
	return rc;
}

int atr_search_catch_up(atrack_db *db)
{
	bool any = false;
	int rc = pending_any(db, &any);
	if (rc != ATRACK_OK || !any)
		return rc;
	/* atr_write_end syncs before it commits. */
	rc = atr_write_begin(db);
	if (rc != ATRACK_OK)
		return rc;
	return atr_write_end(db, ATRACK_OK);
}

int atr_search_attach(atrack_db *db)
{
	const atr_txn_hooks hooks = { NULL, sync_before_commit, NULL, NULL };
	int rc = atr_txn_hooks_add(db, &hooks);
	if (rc == ATRACK_OK)
		rc = atr_search_catch_up(db); /* rows a migration queued for the index */
	return rc;
}

int atrack_search_rebuild(atrack_db *db)
{
	if (!atr_db_usable(db))
		return atr_misuse(db, "atrack_search_rebuild");
	atr_clear_error(db);
	int rc = atr_write_begin(db);
	if (rc != ATRACK_OK)
		return rc;
	rc = run(db, clear_index_sql, "search: cannot clear the index");
	if (rc == ATRACK_OK)
		rc = run(db, queue_all_sql, "search: cannot queue rows");
	return atr_write_end(db, rc);
}

/* ---- Searching ---------------------------------------------------------- */

static int load_hit(atrack_iter *it)
{
	sqlite3_stmt *st = it->stmt;
	atrack_search_hit *hit = it->row;
	hit->kind = (atrack_kind)sqlite3_column_int(st, 0);
	hit->id = sqlite3_column_int64(st, 1);
	hit->slug = atr_column_text(st, 2);
	hit->title = atr_column_text(st, 3);
	hit->snippet = atr_column_text(st, 4);
	hit->rank = sqlite3_column_double(st, 5);
	if (!hit->title || !hit->snippet)
		return atr_error(it->db, ATRACK_NOMEM, "out of memory");
	return ATRACK_OK;
}

/* Turn FTS5's complaint about a query into a message for a person. */
static int search_fts(atrack_db *db, const char *query, const atrack_search_opts *opts,
                      atrack_iter **out);

static int query_error(atrack_db *db, int src, const char *query)
{
	const char *detail = sqlite3_errmsg(db->sql);
	if ((src & 0xff) != SQLITE_ERROR)
		return atr_sql_error(db, src, "search");
	if (strncmp(detail, "fts5: ", 6) == 0)
		detail += 6;
	return atr_error(db, ATRACK_INVALID, "search: cannot understand query '%s': %s "
	                 "(use words, \"a phrase\", prefix*, OR, NOT)", query, detail);
}

static int validate(atrack_db *db, const char *query)
{
	sqlite3_stmt *stmt;
	int rc = atr_stmt(db, validate_sql, &stmt);
	if (rc != ATRACK_OK)
		return rc;
	sqlite3_bind_text(stmt, 1, query, -1, SQLITE_STATIC);
	int src = sqlite3_step(stmt);
	if (src != SQLITE_DONE && src != SQLITE_ROW)
		rc = query_error(db, src, query);
	atr_stmt_done(stmt);
	return rc;
}

/* Plain words as an FTS5 query: each word a quoted string (FTS5 splits
 * it into its tokens, a phrase), a trailing * kept as a prefix mark, so
 * that no character of the words is FTS5 syntax. */
static char *plain_words_query(const char *words)
{
	atr_buf b = ATR_BUF_INIT;
	const char *p = words;
	while (*p) {
		size_t skip = strspn(p, " \t\r\n");
		p += skip;
		size_t len = strcspn(p, " \t\r\n");
		if (len == 0)
			break;
		bool prefix = len > 1 && p[len - 1] == '*';
		atr_buf_puts(&b, b.len ? " \"" : "\"");
		for (size_t i = 0; i < len - (prefix ? 1 : 0); i++)
			atr_buf_puts(&b, p[i] == '"' ? "\"\"" : (char[]){ p[i], '\0' });
		atr_buf_puts(&b, prefix ? "\"*" : "\"");
		p += len;
	}
	return atr_buf_detach(&b);
}

int atrack_search(atrack_db *db, const char *query, const atrack_search_opts *opts,
                  atrack_iter **out)
{
	if (!atr_db_usable(db) || !query || !out)
		return atr_misuse(db, "atrack_search");
	*out = NULL;
	atr_clear_error(db);
	if (opts && (opts->version < 1 || opts->version > ATRACK_SEARCH_OPTS_VERSION))
		return atr_error(db, ATRACK_MISUSE, "search: unknown options version %u", opts->version);
	bool fts = opts && opts->version >= 2 && (opts->flags & ATRACK_SEARCH_FTS);
	if (fts)
		return search_fts(db, query, opts, out);
	char *translated = plain_words_query(query);
	if (!translated)
		return atr_error(db, ATRACK_NOMEM, "out of memory");
	int rc = search_fts(db, translated, opts, out);
	atr_free(translated);
	return rc;
}

static int search_fts(atrack_db *db, const char *query, const atrack_search_opts *opts,
                      atrack_iter **out)
{
	if (!db || !db->sql || !query || !out)
		return ATRACK_MISUSE;
	int limit = opts && opts->limit > 0 ? opts->limit : DEFAULT_LIMIT;
	if (strspn(query, " \t\r\n") == strlen(query))
		return atr_error(db, ATRACK_INVALID, "search: the query is empty");
	int rc = ATRACK_OK;
	/* Writes through libatrack sync before they commit; this catches up
	 * only after a crash between queueing and indexing, which a writable
	 * handle can repair on the spot. */
	if (!(db->flags & ATRACK_OPEN_READONLY) && !db->in_user_txn && db->write_depth == 0)
		rc = atr_search_catch_up(db);
	if (rc == ATRACK_OK)
		rc = validate(db, query);
	if (rc != ATRACK_OK)
		return rc;
	sqlite3_stmt *stmt;
	rc = atr_prepare(db, search_sql, &stmt);
	if (rc != ATRACK_OK)
		return rc;
	/* The iterator owns the statement but not the query text: copy it. */
	if (sqlite3_bind_text(stmt, 1, query, -1, SQLITE_TRANSIENT) != SQLITE_OK) {
		sqlite3_finalize(stmt);
		return atr_error(db, ATRACK_NOMEM, "out of memory");
	}
	sqlite3_bind_int(stmt, 2, limit);
	return atr_iter_new(db, (atrack_kind)0, stmt, sizeof(atrack_search_hit), load_hit, out);
}

const atrack_search_hit *atrack_iter_search_hit(const atrack_iter *it)
{
	if (!it || it->load_row != load_hit || it->done)
		return NULL;
	return it->row;
}
