/*
 * scenarios.c - one function per scenario of atrack-bench. Each times
 * atrack and a hand-written plain-SQLite program doing the same rows in the
 * same schema (the baseline's copy has no triggers, so it writes the audit
 * rows itself), interleaving the two, and prints its rows of the table.
 */
#include "bench.h"
#include "factsheet/factsheet.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define BATCH 10000

static bool exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

/* Interleaved repetitions: one time of atrack and one of the baseline per
 * repetition, reduced to their medians. */
typedef struct samples {
	double *atrack, *plain;
} samples;

static samples samples_new(void)
{
	samples s = { malloc((size_t)opt.reps * sizeof(double)),
	              malloc((size_t)opt.reps * sizeof(double)) };
	if (!s.atrack || !s.plain)
		die("out of memory");
	return s;
}

static void samples_medians(samples *s, double *t_atrack, double *t_plain)
{
	*t_atrack = median(s->atrack, (size_t)opt.reps);
	*t_plain = median(s->plain, (size_t)opt.reps);
	free(s->atrack);
	free(s->plain);
}

/* ---- 1. Parsing ------------------------------------------------------------ */

static double parse_rate(const char *text, size_t len, long runs, double *secs)
{
	double t = now_s();
	for (long i = 0; i < runs; i++) {
		fs_model *model = NULL;
		fs_error err;
		if (fs_parse(text, len, &model, &err) != ATRACK_OK)
			die("parse failed at %d:%d: %s", err.line, err.column, err.message);
		fs_model_free(model);
	}
	*secs = now_s() - t;
	return (double)len * (double)runs / *secs / 1e6;
}

void scenario_parse(void)
{
	size_t len;
	double secs;
	char name[96];
	const char *text = atrack_bundled_factsheet(&len, NULL);
	mem_reset();
	double rate = parse_rate(text, len, opt.parse_runs, &secs);
	snprintf(name, sizeof name, "1 parse bundled sheet (%zu B) x %ld", len, opt.parse_runs);
	bench_row r = { name, rate, -1, -1, 0, mem_peak_kb(), "MB/s", NULL };
	row_print(&r);

	/* A long sheet shows any cost that grows faster than the text. */
	char *big = gen_factsheet(opt.seed, 0, 2500, &len);
	double rates[3];
	mem_reset();
	for (int i = 0; i < 3; i++)
		rates[i] = parse_rate(big, len, 1, &secs);
	snprintf(name, sizeof name, "1 parse generated sheet, 2500 items (%zu kB)", len / 1000);
	bench_row b = { name, median(rates, 3), -1, -1, 0, mem_peak_kb(), "MB/s", NULL };
	row_print(&b);
	free(big);
}

/* ---- 2. Importing ---------------------------------------------------------- */

/* The rows an import wrote, captured from an atrack database, to be
 * replayed by prepared INSERTs: each row and its audit row, sheet by sheet. */
typedef struct captured {
	int table;               /* index into tables */
	int ncol;
	sqlite3_value **values;
} captured;

typedef struct capture {
	char *tables[64];
	char *insert_sql[64];
	int table_count;
	captured *rows;
	size_t row_count, row_cap;
} capture;

static int table_index(capture *c, const char *name, sqlite3_stmt *row)
{
	for (int i = 0; i < c->table_count; i++)
		if (!strcmp(c->tables[i], name))
			return i;
	if (c->table_count == 64)
		die("too many tables");
	int n = sqlite3_column_count(row);
	char *cols = sqlite3_mprintf("%s", ""), *params = sqlite3_mprintf("%s", "");
	for (int k = 0; k < n; k++) {
		char *c2 = sqlite3_mprintf("%s%s\"%w\"", cols, k ? ", " : "", sqlite3_column_name(row, k));
		char *p2 = sqlite3_mprintf("%s%s?", params, k ? ", " : "");
		sqlite3_free(cols);
		sqlite3_free(params);
		cols = c2;
		params = p2;
	}
	c->tables[c->table_count] = strdup(name);
	c->insert_sql[c->table_count] = sqlite3_mprintf("INSERT INTO \"%w\" (%s) VALUES (%s)",
	                                                name, cols, params);
	sqlite3_free(cols);
	sqlite3_free(params);
	return c->table_count++;
}

static void capture_row(capture *c, sqlite3 *db, const char *table, int64_t id)
{
	char *sql = sqlite3_mprintf("SELECT * FROM \"%w\" WHERE id = %lld", table, (long long)id);
	sqlite3_stmt *stmt = plain_prepare(db, sql);
	sqlite3_free(sql);
	if (sqlite3_step(stmt) != SQLITE_ROW)
		die("captured row %s %lld is gone", table, (long long)id);
	if (c->row_count == c->row_cap) {
		c->row_cap = c->row_cap ? c->row_cap * 2 : 1024;
		c->rows = realloc(c->rows, c->row_cap * sizeof *c->rows);
	}
	captured *r = &c->rows[c->row_count++];
	r->table = table_index(c, table, stmt);
	r->ncol = sqlite3_column_count(stmt);
	r->values = malloc((size_t)r->ncol * sizeof *r->values);
	for (int k = 0; k < r->ncol; k++)
		r->values[k] = sqlite3_value_dup(sqlite3_column_value(stmt, k));
	sqlite3_finalize(stmt);
}

/* The current status atrack keeps beside an update (initiative_status),
 * written by hand: the new update becomes current unless a later-dated one
 * is. ?1..?6: initiative, update id, status, health, percent, date. */
#define STATUS_UPSERT(values) \
	"INSERT INTO initiative_status (initiative_id, update_id, status_id, health, " \
	"percent_complete, event_date) " values " ON CONFLICT (initiative_id) DO UPDATE SET " \
	"update_id = excluded.update_id, status_id = excluded.status_id, health = excluded.health, " \
	"percent_complete = excluded.percent_complete, event_date = excluded.event_date " \
	"WHERE (excluded.event_date, excluded.update_id) > " \
	"(initiative_status.event_date, initiative_status.update_id)"

/* The rows atrack keeps beside the rows of these tables (search entries,
 * the current status), written by hand from the row just inserted (the
 * same text as atrack's entries). */
static const struct {
	const char *table;
	const char *sql;
} derived_rows[] = {
	{ "initiative", "INSERT INTO search_index (rowid, kind, ref_id, title, body) "
	  "SELECT id * 16 + 7, 7, id, title, body FROM initiative WHERE id = ?1" },
	{ "framework", "INSERT INTO search_index (rowid, kind, ref_id, title, body) "
	  "SELECT id * 16 + 8, 8, id, name, trim(ifnull(acronym, '') || ' ' || "
	  "ifnull(description, '')) FROM framework WHERE id = ?1" },
	{ "focus_area", "INSERT INTO search_index (rowid, kind, ref_id, title, body) "
	  "SELECT id * 16 + 9, 9, id, name, '' FROM focus_area WHERE id = ?1" },
	{ "meeting", "INSERT INTO search_index (rowid, kind, ref_id, title, body) "
	  "SELECT id * 16 + 3, 3, id, name, trim(kind || ' ' || ifnull(short_kind, '') || ' ' || "
	  "ifnull(place, '')) FROM meeting WHERE id = ?1" },
	{ "party", "INSERT INTO search_index (rowid, kind, ref_id, title, body) "
	  "SELECT id * 16 + 1, 1, id, name, ifnull(short_name, '') FROM party WHERE id = ?1" },
	{ "person", "INSERT INTO search_index (rowid, kind, ref_id, title, body) "
	  "SELECT id * 16 + 2, 2, id, name, '' FROM person WHERE id = ?1" },
	{ "exercise", "INSERT INTO search_index (rowid, kind, ref_id, title, body) "
	  "SELECT id * 16 + 10, 10, id, name, '' FROM exercise WHERE id = ?1" },
	{ "document", "INSERT INTO search_index (rowid, kind, ref_id, title, body) "
	  "SELECT id * 16 + 5, 5, id, title, ifnull(source, '') FROM document WHERE id = ?1" },
	{ "progress_update", "INSERT INTO search_index (rowid, kind, ref_id, title, body) "
	  "SELECT id * 16 + 11, 11, id, '', note FROM progress_update "
	  "WHERE id = ?1 AND note IS NOT NULL AND note <> ''" },
	/* (WHERE true: SQLite's parser needs it before ON CONFLICT after a SELECT.) */
	{ "progress_update", STATUS_UPSERT("SELECT initiative_id, id, status_id, health, "
	  "percent_complete, event_date FROM progress_update WHERE id = ?1 AND true") },
};
#define DERIVED_KINDS (sizeof derived_rows / sizeof derived_rows[0])

/* The rows of one sheet written by hand in one transaction, the way a
 * program writing a whole sheet at once would: the rows by prepared
 * INSERTs made once, then each kind of derived row (search entries, the
 * current status) in one INSERT ... SELECT over the rows just written, as
 * atrack's own catch-up at commit does. (Written row by row, the derived
 * rows made the baseline twice as slow as it needs to be.) */
static double replay_sheet_bulk(sqlite3 *db, sqlite3_stmt **insert, const capture *c)
{
	double t = now_s();
	plain_exec(db, "BEGIN IMMEDIATE");
	int64_t first_id[64];
	for (int i = 0; i < 64; i++)
		first_id[i] = INT64_MAX;
	for (size_t row = 0; row < c->row_count; row++) {
		const captured *r = &c->rows[row];
		sqlite3_stmt *stmt = insert[r->table];
		if (!stmt)
			stmt = insert[r->table] = plain_prepare(db, c->insert_sql[r->table]);
		for (int k = 0; k < r->ncol; k++)
			sqlite3_bind_value(stmt, k + 1, r->values[k]);
		plain_step_done(db, stmt);
		int64_t id = sqlite3_value_int64(r->values[0]);
		if (id < first_id[r->table])
			first_id[r->table] = id;
	}
	for (size_t k = 0; k < DERIVED_KINDS; k++) {
		int table = -1;
		for (int i = 0; i < c->table_count; i++)
			if (strcmp(c->tables[i], derived_rows[k].table) == 0)
				table = i;
		if (table < 0)
			continue;
		/* the per-row text, over every row from the first written */
		const char *sql = derived_rows[k].sql, *at = strstr(sql, "WHERE id = ?1");
		if (!at)
			die("derived row SQL without its id: %s", sql);
		char *bulk = sqlite3_mprintf("%.*sWHERE id >= ?1%s", (int)(at - sql), sql,
		                             at + strlen("WHERE id = ?1"));
		sqlite3_stmt *stmt = plain_prepare(db, bulk);
		sqlite3_bind_int64(stmt, 1, first_id[table]);
		plain_step_done(db, stmt);
		sqlite3_finalize(stmt);
		sqlite3_free(bulk);
	}
	plain_exec(db, "COMMIT");
	return now_s() - t;
}

static void free_rows(capture *c)
{
	for (size_t i = 0; i < c->row_count; i++) {
		for (int k = 0; k < c->rows[i].ncol; k++)
			sqlite3_value_free(c->rows[i].values[k]);
		free(c->rows[i].values);
	}
	c->row_count = 0;
}

/* Rows of each table (but FTS5's shadow tables) of two databases, which
 * must be equal; their total. */
static long same_row_counts(sqlite3 *a, sqlite3 *b)
{
	sqlite3_stmt *tables = plain_prepare(a,
		"SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
		"AND name NOT LIKE 'search_index_%' ORDER BY name");
	long total = 0;
	while (sqlite3_step(tables) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(tables, 0);
		char *sql = sqlite3_mprintf("SELECT count(*) FROM \"%w\"", name);
		int64_t na = plain_int(a, sql), nb = plain_int(b, sql);
		sqlite3_free(sql);
		if (na != nb)
			die("table %s: atrack has %lld rows, the baseline %lld", name, (long long)na,
			    (long long)nb);
		total += (long)na;
	}
	sqlite3_finalize(tables);
	return total;
}

/* A fresh atrack database and, beside it, a plain copy of it without
 * triggers; raw reads the atrack one with plain SQLite. */
static void open_pair(const char *a_name, const char *p_name, atrack_db **adb, sqlite3 **raw,
                      sqlite3 **plain)
{
	char a_path[4096], p_path[4096];
	work_path(a_path, sizeof a_path, a_name);
	work_path(p_path, sizeof p_path, p_name);
	remove_db(a_path);
	int rc = atrack_open(a_path, ATRACK_OPEN_CREATE, adb);
	check_atrack(*adb, rc, "open");
	atrack_set_author(*adb, "bench");
	plain_copy(a_path, p_path, true);
	*raw = plain_open(a_path);
	*plain = plain_open(p_path);
}

/* Capture every row an import of a new sheet wrote since audit row
 * `last` (each row and its audit row); returns the new last audit id.
 * `changes` lists the audit rows after ?1. */
static int64_t capture_since(capture *c, sqlite3 *raw, sqlite3_stmt *changes, int64_t last)
{
	sqlite3_bind_int64(changes, 1, last);
	while (sqlite3_step(changes) == SQLITE_ROW) {
		last = sqlite3_column_int64(changes, 0);
		char table[64];
		snprintf(table, sizeof table, "%s", (const char *)sqlite3_column_text(changes, 1));
		if (strcmp((const char *)sqlite3_column_text(changes, 3), "insert") != 0)
			die("import of a new sheet changed a row of %s", table);
		capture_row(c, raw, table, sqlite3_column_int64(changes, 2));
		capture_row(c, raw, "audit_log", last);
	}
	sqlite3_reset(changes);
	return last;
}

#define AUDIT_SINCE \
	"SELECT id, table_name, row_id, action FROM audit_log WHERE id > ? ORDER BY id"

void scenario_import(void)
{
	long count = opt.sheets;
	atrack_db *adb = NULL;
	sqlite3 *raw = NULL, *plain = NULL;
	open_pair("import-atrack.db", "import-plain.db", &adb, &raw, &plain);
	int rc;
	sqlite3_stmt *insert[64] = { NULL };
	capture c;
	memset(&c, 0, sizeof c);
	int64_t last = plain_int(raw, "SELECT coalesce(max(id), 0) FROM audit_log");
	sqlite3_stmt *changes = plain_prepare(raw, AUDIT_SINCE);

	/* Sheet by sheet: atrack imports it (timed), the rows it wrote are read
	 * back from its database (untimed), and written by hand into the plain
	 * copy (timed). */
	double ta = 0, tp = 0;
	size_t total = 0, rows = 0;
	mem_reset();
	for (long i = 0; i < count; i++) {
		size_t len;
		char *text = gen_factsheet(opt.seed, i, 10, &len);
		total += len;
		atrack_import_result res;
		double t = now_s();
		rc = atrack_import_factsheet(adb, text, len, NULL, &res);
		ta += now_s() - t;
		check_atrack(adb, rc, "import");
		free(text);
		if (res.outcome != ATRACK_IMPORT_NEW)
			die("generated sheet %ld is not new (outcome %d)", i, (int)res.outcome);
		last = capture_since(&c, raw, changes, last);
		tp += replay_sheet_bulk(plain, insert, &c);
		rows += c.row_count;
		free_rows(&c);
	}
	long peak = mem_peak_kb();
	sqlite3_finalize(changes);
	for (int i = 0; i < c.table_count; i++)
		sqlite3_finalize(insert[i]);
	/* the baseline did the same work: the same rows, table by table */
	long counted = same_row_counts(raw, plain);
	sqlite3_close(raw);
	sqlite3_close(plain);
	atrack_close(adb);

	char name[96], note[200];
	snprintf(name, sizeof name, "2 import %ld generated sheets (%.2f MB)", count, total / 1e6);
	snprintf(note, sizeof note, "%zu rows written, %ld in both databases table by table (search "
	         "entries and current status too); per sheet: atrack %.2f ms, plain %.2f ms", rows,
	         counted, ta / count * 1e3, tp / count * 1e3);
	bench_row row = { name, ta, tp, -1, 1.5, peak, NULL, note };
	row_print(&row);
}

/* ---- 3. Logging updates ------------------------------------------------------ */

static const char *const STATUSES[] = { "planned", "in_progress", "ongoing", "stalled" };
static const char *const HEALTHS[] = { "on_track", "at_risk", "off_track" };

typedef struct update_gen {
	int64_t initiative_id;
	const char *status;
	const char *health;
	int percent;
	char date[11];
	char note[256];
} update_gen;

static void make_batch(update_gen *u, long first, long n, long total, const int64_t *ids,
                       long id_count, rng *r)
{
	for (long i = 0; i < n; i++) {
		long k = first + i;
		u[i].initiative_id = ids[k % id_count];
		u[i].status = STATUSES[k % 4];
		u[i].health = HEALTHS[k % 3];
		u[i].percent = (int)(k % 101);
		gen_date(k * 690 / (total ? total : 1), u[i].date);
		gen_note(r, u[i].note);
	}
}

static double atrack_batch(atrack_db *db, const update_gen *u, long n)
{
	double t = now_s();
	check_atrack(db, atrack_begin(db), "begin");
	for (long i = 0; i < n; i++) {
		atrack_update_input in = ATRACK_UPDATE_INPUT_INIT;
		in.initiative_id = u[i].initiative_id;
		in.status = u[i].status;
		in.health = u[i].health;
		in.percent_complete = u[i].percent;
		in.note = u[i].note;
		in.event_date = u[i].date;
		check_atrack(db, atrack_update_add(db, &in, NULL), "update add");
	}
	check_atrack(db, atrack_commit(db), "commit");
	return now_s() - t;
}

typedef struct plain_writer {
	sqlite3 *db;
	sqlite3_stmt *begin, *commit, *update, *audit, *search, *status;
	int64_t status_ids[4];
} plain_writer;

static void plain_writer_open(plain_writer *w, const char *path, bool bare)
{
	w->db = plain_open(path);
	w->begin = plain_prepare(w->db, "BEGIN IMMEDIATE");
	w->commit = plain_prepare(w->db, "COMMIT");
	if (bare) {
		plain_exec(w->db, "CREATE TABLE IF NOT EXISTS bare (id INTEGER PRIMARY KEY, "
		                  "initiative_id INTEGER, status_id INTEGER, health TEXT, "
		                  "percent_complete INTEGER, note TEXT, author TEXT, event_date TEXT, "
		                  "recorded_at TEXT, evidence_url TEXT, evidence_document_id INTEGER, "
		                  "is_reopen INTEGER) STRICT");
		for (int i = 0; i < 4; i++)
			w->status_ids[i] = i + 2;
	} else {
		for (int i = 0; i < 4; i++) {
			char *sql = sqlite3_mprintf("SELECT id FROM status_code WHERE code = %Q", STATUSES[i]);
			w->status_ids[i] = plain_int(w->db, sql);
			sqlite3_free(sql);
		}
	}
	w->update = plain_prepare(w->db, bare
		? "INSERT INTO bare (initiative_id, status_id, health, percent_complete, note, author, "
		  "event_date, recorded_at, evidence_url, evidence_document_id, is_reopen) "
		  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
		: "INSERT INTO progress_update (initiative_id, status_id, health, percent_complete, "
		  "note, author, event_date, recorded_at, evidence_url, evidence_document_id, is_reopen) "
		  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
	w->audit = bare ? NULL : plain_prepare(w->db,
		"INSERT INTO audit_log (at, author, table_name, row_id, action, after_json) "
		"VALUES (?1, ?2, 'progress_update', ?3, 'insert', ?4)");
	w->search = bare ? NULL : plain_prepare(w->db,
		"INSERT INTO search_index (rowid, kind, ref_id, title, body) "
		"VALUES (?1 * 16 + 11, 11, ?1, '', ?2)");
	w->status = bare ? NULL : plain_prepare(w->db, STATUS_UPSERT("VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
}

static void plain_writer_close(plain_writer *w)
{
	sqlite3_finalize(w->begin);
	sqlite3_finalize(w->commit);
	sqlite3_finalize(w->update);
	sqlite3_finalize(w->audit);
	sqlite3_finalize(w->search);
	sqlite3_finalize(w->status);
	sqlite3_close(w->db);
}

static int64_t status_id_of(const plain_writer *w, const char *code)
{
	for (int i = 0; i < 4; i++)
		if (!strcmp(STATUSES[i], code))
			return w->status_ids[i];
	return 0;
}

/* The update row and, unless bare, the audit row atrack's trigger writes,
 * with the same JSON image. */
static double plain_batch(plain_writer *w, const update_gen *u, long n)
{
	double t = now_s();
	plain_step_done(w->db, w->begin);
	for (long i = 0; i < n; i++) {
		char now[25];
		iso_now(now);
		int64_t status = status_id_of(w, u[i].status);
		sqlite3_stmt *s = w->update;
		sqlite3_bind_int64(s, 1, u[i].initiative_id);
		sqlite3_bind_int64(s, 2, status);
		sqlite3_bind_text(s, 3, u[i].health, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 4, u[i].percent);
		sqlite3_bind_text(s, 5, u[i].note, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 6, "bench", -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 7, u[i].date, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 8, now, -1, SQLITE_STATIC);
		sqlite3_bind_null(s, 9);
		sqlite3_bind_null(s, 10);
		sqlite3_bind_int(s, 11, 0);
		plain_step_done(w->db, s);
		if (!w->audit)
			continue;
		char json[768];
		size_t len = (size_t)snprintf(json, sizeof json,
			"{\"initiative_id\":%lld,\"status_id\":%lld,\"health\":\"%s\","
			"\"percent_complete\":%d,\"note\":", (long long)u[i].initiative_id,
			(long long)status, u[i].health, u[i].percent);
		bench_json_string(json, sizeof json, &len, u[i].note);
		snprintf(json + len, sizeof json - len, ",\"author\":\"bench\",\"event_date\":\"%s\","
		         "\"recorded_at\":\"%s\",\"evidence_url\":null,\"evidence_document_id\":null,"
		         "\"is_reopen\":0}", u[i].date, now);
		int64_t id = sqlite3_last_insert_rowid(w->db);
		sqlite3_stmt *a = w->audit;
		sqlite3_bind_text(a, 1, now, -1, SQLITE_STATIC);
		sqlite3_bind_text(a, 2, "bench", -1, SQLITE_STATIC);
		sqlite3_bind_int64(a, 3, id);
		sqlite3_bind_text(a, 4, json, -1, SQLITE_STATIC);
		plain_step_done(w->db, a);
		sqlite3_bind_int64(w->search, 1, id);
		sqlite3_bind_text(w->search, 2, u[i].note, -1, SQLITE_STATIC);
		plain_step_done(w->db, w->search);
		sqlite3_stmt *c = w->status;
		sqlite3_bind_int64(c, 1, u[i].initiative_id);
		sqlite3_bind_int64(c, 2, id);
		sqlite3_bind_int64(c, 3, status);
		sqlite3_bind_text(c, 4, u[i].health, -1, SQLITE_STATIC);
		sqlite3_bind_int(c, 5, u[i].percent);
		sqlite3_bind_text(c, 6, u[i].date, -1, SQLITE_STATIC);
		plain_step_done(w->db, c);
	}
	plain_step_done(w->db, w->commit);
	return now_s() - t;
}

/* The paths of the history fixtures: atrack's and the plain copy. */
static void history_paths(long updates, char *a, char *p, size_t cap)
{
	work_path(a, cap, "history-s%llu-i%ld-u%ld.db", (unsigned long long)opt.seed,
	          opt.initiatives, updates);
	work_path(p, cap, "history-plain-s%llu-i%ld-u%ld.db", (unsigned long long)opt.seed,
	          opt.initiatives, updates);
}

static void log_updates(long updates, bool report);

/* The history fixtures of `updates` updates, made when missing. */
static void ensure_history(long updates, char *a, char *p, size_t cap)
{
	history_paths(updates, a, p, cap);
	if (!exists(a) || !exists(p))
		log_updates(updates, false);
}

/* Log `updates` updates through atrack, by hand, and bare, batch by batch
 * in turn; leaves atrack's and the plain database as the history fixtures
 * for the later scenarios. */
static void log_updates(long updates, bool report)
{
	char init_path[4096], a_path[4096], p_path[4096], bare_path[4096], a_final[4096], p_final[4096];
	work_path(init_path, sizeof init_path, "initiatives-s%llu-i%ld.db",
	          (unsigned long long)opt.seed, opt.initiatives);
	work_path(a_path, sizeof a_path, "log-atrack.db");
	work_path(p_path, sizeof p_path, "log-plain.db");
	work_path(bare_path, sizeof bare_path, "log-bare.db");
	history_paths(updates, a_final, p_final, sizeof a_final);
	if (!exists(init_path))
		fixture_initiatives(init_path, opt.initiatives);

	plain_copy(init_path, a_path, false);
	plain_copy(init_path, p_path, true);
	sqlite3 *src = plain_open(init_path);
	long id_count;
	int64_t *ids = initiative_ids(src, &id_count);
	sqlite3_close(src);
	remove_db(bare_path);

	atrack_db *adb = NULL;
	check_atrack(adb, atrack_open(a_path, 0, &adb), "open");
	atrack_set_author(adb, "bench");
	plain_writer pw, bw;
	plain_writer_open(&pw, p_path, false);
	plain_writer_open(&bw, bare_path, true);

	update_gen *batch = malloc(BATCH * sizeof *batch);
	rng r = { opt.seed };
	double ta = 0, tp = 0, tb = 0;
	long peak = 0;
	for (long first = 0; first < updates; first += BATCH) {
		long n = updates - first < BATCH ? updates - first : BATCH;
		make_batch(batch, first, n, updates, ids, id_count, &r);
		mem_reset();
		ta += atrack_batch(adb, batch, n);
		long kb = mem_peak_kb();
		peak = kb > peak ? kb : peak;
		tp += plain_batch(&pw, batch, n);
		tb += plain_batch(&bw, batch, n);
	}
	free(batch);
	free(ids);
	atrack_close(adb);
	plain_writer_close(&pw);
	plain_writer_close(&bw);
	remove_db(a_final);
	remove_db(p_final);
	/* Checkpointed at close: the main files are whole. */
	if (rename(a_path, a_final) != 0 || rename(p_path, p_final) != 0)
		die("cannot keep the history fixtures: %s", strerror(errno));

	if (report) {
		char name[96], note[200];
		snprintf(name, sizeof name, "3 log %ld updates, %d per transaction", updates, BATCH);
		snprintf(note, sizeof note, "per update: atrack %.1f us, plain %.1f us (row, audit row, search entry, current status), "
		         "bare insert %.1f us", ta / updates * 1e6, tp / updates * 1e6, tb / updates * 1e6);
		bench_row row = { name, ta, tp, tb, 1.3, peak, NULL, note };
		row_print(&row);
	}
}

void scenario_log_updates(void)
{
	log_updates(opt.updates, true);
}

/* ---- 4. One process per update ------------------------------------------------ */

/* Run argv to completion with its output discarded; returns the seconds
 * and adds the child's peak RSS (KiB) to *peak_kb as a maximum. */
static double spawn(char *const argv[], long *peak_kb)
{
	double t = now_s();
	pid_t pid = fork();
	if (pid < 0)
		die("fork: %s", strerror(errno));
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);
		dup2(null, 1);
		execvp(argv[0], argv);
		_exit(127);
	}
	int status;
	struct rusage ru;
	while (wait4(pid, &status, 0, &ru) < 0)
		if (errno != EINTR)
			die("wait4: %s", strerror(errno));
	t = now_s() - t;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		die("%s exited with status %d", argv[0], WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	if (ru.ru_maxrss > *peak_kb)
		*peak_kb = ru.ru_maxrss;
	return t;
}

/* Median seconds of one `atrack update add` process and of one sqlite3
 * shell process writing the same rows, against a history of `updates`. */
static void update_process(long updates, double *t_atrack, double *t_plain, long *peak_atrack,
                           long *peak_plain)
{
	char a_path[4096], p_path[4096];
	ensure_history(updates, a_path, p_path, sizeof a_path);
	sqlite3 *db = plain_open(a_path);
	long id_count;
	int64_t *ids = initiative_ids(db, &id_count);
	sqlite3_close(db);

	char date[11];
	gen_date(690, date);
	samples t = samples_new();
	*peak_atrack = *peak_plain = 0;
	for (long r = 0; r < opt.reps; r++) {
		char id[24], note[64];
		snprintf(id, sizeof id, "%lld", (long long)ids[(r * 7919) % id_count]);
		snprintf(note, sizeof note, "Process benchmark update %ld.", r);
		char *atrack_argv[] = { ATRACK_CLI, "--db", a_path, "--author", "bench", "update", "add",
		                        id, "--status", "ongoing", "--note", note, "--date", date, NULL };
		t.atrack[r] = spawn(atrack_argv, peak_atrack);
		char *sql = sqlite3_mprintf(
			"PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; BEGIN IMMEDIATE; "
			"INSERT INTO progress_update (initiative_id, status_id, note, author, event_date, "
			"recorded_at, is_reopen) VALUES (%s, (SELECT id FROM status_code WHERE code = 'ongoing'), "
			"%Q, 'bench', %Q, strftime('%%Y-%%m-%%dT%%H:%%M:%%fZ', 'now'), 0); "
			"INSERT INTO audit_log (at, author, table_name, row_id, action, after_json) "
			"SELECT strftime('%%Y-%%m-%%dT%%H:%%M:%%fZ', 'now'), 'bench', 'progress_update', id, "
			"'insert', json_object('initiative_id', initiative_id, 'status_id', status_id, "
			"'health', health, 'percent_complete', percent_complete, 'note', note, 'author', author, "
			"'event_date', event_date, 'recorded_at', recorded_at, 'evidence_url', evidence_url, "
			"'evidence_document_id', evidence_document_id, 'is_reopen', is_reopen) "
			"FROM progress_update WHERE id = last_insert_rowid(); COMMIT;", id, note, date);
		char *plain_argv[] = { "sqlite3", p_path, sql, NULL };
		t.plain[r] = spawn(plain_argv, peak_plain);
		sqlite3_free(sql);
	}
	samples_medians(&t, t_atrack, t_plain);
	free(ids);
}

void scenario_update_process(void)
{
	double ta, tp;
	long peak_a, peak_p;
	update_process(opt.updates, &ta, &tp, &peak_a, &peak_p);
	char name[96], note[160];
	snprintf(name, sizeof name, "4 `atrack update add` process, %ld updates", opt.updates);
	snprintf(note, sizeof note, "median of %ld processes each; sqlite3 shell peak RSS %.1f MB",
	         opt.reps, peak_p / 1024.0);
	bench_row row = { name, ta, tp, -1, 1.5, peak_a, NULL, note };
	row_print(&row);
}

/* ---- 5-7. Reports and search ---------------------------------------------------- */


/* The status board through atrack: every initiative with its current
 * status, in board order; each member read, as a program printing it would. */
static double board_atrack(atrack_db *db, const char *today, long *rows)
{
	double t = now_s();
	atrack_initiative_filter f = ATRACK_INITIATIVE_FILTER_INIT;
	f.today = today;
	atrack_iter *it = NULL;
	check_atrack(db, atrack_initiative_list(db, &f, &it), "initiative list");
	long n = 0, sum = 0;
	int rc;
	while ((rc = atrack_iter_next(it)) == ATRACK_OK) {
		const atrack_initiative *i = atrack_iter_initiative(it);
		sum += i->percent_complete + i->is_stale + i->is_overdue + (i->status ? 1 : 0);
		n++;
	}
	if (rc != ATRACK_DONE)
		check_atrack(db, rc, "initiative list");
	atrack_iter_free(it);
	*rows = n + (sum < 0);
	return now_s() - t;
}

/* The same numbers by the best SQL we can write by hand: the current
 * status of each initiative from initiative_status, by its key. */
static const char board_sql[] =
	"SELECT t.id, t.slug, t.title, t.body, t.section_id, t.meeting_id, t.position, "
	"t.target_date, t.review_date, t.created_at, t.document_id, t.line_start, t.line_end, "
	"s.code, u.health, u.percent_complete, u.event_date, "
	"CAST(julianday(?1) - julianday(u.event_date) AS INTEGER), coalesce(s.is_terminal, 0), "
	"(t.target_date IS NOT NULL AND t.target_date < ?1 AND NOT coalesce(s.is_terminal, 0)), "
	"(NOT coalesce(s.is_terminal, 0) AND julianday(?1) - "
	" julianday(coalesce(u.event_date, date(t.created_at))) >= 30), sec.slug, m.slug "
	"FROM initiative AS t "
	"LEFT JOIN initiative_status AS u ON u.initiative_id = t.id "
	"LEFT JOIN status_code AS s ON s.id = u.status_id "
	"LEFT JOIN section AS sec ON sec.id = t.section_id "
	"LEFT JOIN meeting AS m ON m.id = t.meeting_id "
	"ORDER BY t.section_id IS NULL, sec.position, t.position, t.id";

static double board_plain(sqlite3 *db, sqlite3_stmt *stmt, const char *today, long *rows)
{
	double t = now_s();
	sqlite3_bind_text(stmt, 1, today, -1, SQLITE_STATIC);
	long n = 0, sum = 0;
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		for (int k = 0; k < 23; k++)
			sum += sqlite3_column_type(stmt, k) == SQLITE_TEXT
				? (long)(sqlite3_column_text(stmt, k) != NULL) : sqlite3_column_int(stmt, k);
		n++;
	}
	plain_reset(db, stmt);
	*rows = n + (sum < 0);
	return now_s() - t;
}

/* The history of `updates` updates opened read-only through atrack, and
 * its plain copy; `today` is the day the reads compute against. */
static atrack_db *open_history(long updates, char today[11], sqlite3 **pdb)
{
	char a_path[4096], p_path[4096];
	ensure_history(updates, a_path, p_path, sizeof a_path);
	gen_date(700, today);
	atrack_db *adb = NULL;
	check_atrack(adb, atrack_open(a_path, ATRACK_OPEN_READONLY, &adb), "open");
	*pdb = plain_open(p_path);
	return adb;
}

/* The status board measured on one history, repetition by repetition, so
 * that scenario 8 can alternate two histories under the same load. */
typedef struct board_run {
	char today[11];
	atrack_db *adb;
	sqlite3 *pdb;
	sqlite3_stmt *stmt;
	samples t;
	long rows, rows_plain, peak_kb;
} board_run;

static void board_open(board_run *b, long updates)
{
	b->adb = open_history(updates, b->today, &b->pdb);
	b->stmt = plain_prepare(b->pdb, board_sql);
	b->t = samples_new();
	b->rows = b->rows_plain = b->peak_kb = 0;
}

static void board_rep(board_run *b, long r)
{
	mem_reset();
	b->t.atrack[r] = board_atrack(b->adb, b->today, &b->rows);
	long kb = mem_peak_kb();
	b->peak_kb = kb > b->peak_kb ? kb : b->peak_kb;
	b->t.plain[r] = board_plain(b->pdb, b->stmt, b->today, &b->rows_plain);
}

/* The medians; closes the history. */
static void board_close(board_run *b, double *ta, double *tp)
{
	if (b->rows != b->rows_plain)
		die("status board: atrack gave %ld rows, plain SQL %ld", b->rows, b->rows_plain);
	samples_medians(&b->t, ta, tp);
	sqlite3_finalize(b->stmt);
	sqlite3_close(b->pdb);
	atrack_close(b->adb);
}

/* Median times of the status board at a history of `updates`. */
static void board(long updates, double *ta, double *tp, long *peak_kb, long *rows)
{
	board_run b;
	board_open(&b, updates);
	for (long r = 0; r < opt.reps; r++)
		board_rep(&b, r);
	board_close(&b, ta, tp);
	*peak_kb = b.peak_kb;
	*rows = b.rows;
}

/* The full report through atrack: rendered as text to /dev/null, or as
 * of a day from the history. */
static double report_atrack(atrack_db *db, FILE *null, const char *today, const char *as_of)
{
	double t = now_s();
	atrack_report_opts o = ATRACK_REPORT_OPTS_INIT;
	o.today = today;
	o.as_of = as_of;
	check_atrack(db, atrack_report_write(db, &o, ATRACK_REPORT_TEXT, null), "report");
	return now_s() - t;
}

/* The same numbers by hand: each initiative's latest update on or before
 * the day (one seek each), counted by status, by section and by framework,
 * then the rows. */
#define LATEST_BY(bound) \
	"FROM initiative AS t JOIN progress_update AS u ON u.id = (SELECT p.id FROM " \
	"progress_update AS p WHERE p.initiative_id = t.id AND p.event_date <= " bound " " \
	"ORDER BY p.event_date DESC, p.id DESC LIMIT 1) JOIN status_code AS s ON s.id = u.status_id "
static const char *const report_sql[] = {
	"SELECT s.code, count(*), sum(u.health = 'at_risk'), sum(u.health = 'off_track') "
	LATEST_BY("?1") "GROUP BY s.code",
	"SELECT t.section_id, count(*), sum(s.is_terminal) " LATEST_BY("?1") "GROUP BY t.section_id",
	"SELECT f.framework_id, count(*), sum(s.is_terminal) " LATEST_BY("?1")
	"JOIN initiative_framework AS f ON f.initiative_id = t.id GROUP BY f.framework_id",
	"SELECT t.id, t.slug, t.title, s.code, u.health, u.percent_complete, u.event_date, "
	"u.note, sec.slug " LATEST_BY("?1")
	"LEFT JOIN section AS sec ON sec.id = t.section_id "
	"ORDER BY t.section_id IS NULL, sec.position, t.position, t.id",
};

/* Sets *rows to the rows of the last query (one per initiative listed),
 * for the check against atrack's. */
static double report_plain(sqlite3 *db, sqlite3_stmt **stmts, const char *bound, long *rows)
{
	double t = now_s();
	long sum = 0, n = 0;
	for (size_t q = 0; q < sizeof report_sql / sizeof report_sql[0]; q++) {
		sqlite3_bind_text(stmts[q], 1, bound, -1, SQLITE_STATIC);
		n = 0;
		while (sqlite3_step(stmts[q]) == SQLITE_ROW) {
			for (int k = 0; k < sqlite3_column_count(stmts[q]); k++)
				sum += sqlite3_column_bytes(stmts[q], k);
			n++;
		}
		plain_reset(db, stmts[q]);
	}
	if (sum < 0)
		die("impossible");
	*rows = n;
	return now_s() - t;
}

/* The rows atrack's report lists, counted outside the timing. */
static long report_rows_atrack(atrack_db *db, const char *today, const char *as_of)
{
	atrack_report_opts o = ATRACK_REPORT_OPTS_INIT;
	o.today = today;
	o.as_of = as_of;
	atrack_report *rep = NULL;
	check_atrack(db, atrack_report_open(db, &o, &rep), "report");
	atrack_iter *it = NULL;
	check_atrack(db, atrack_report_rows(rep, &it), "report rows");
	long n = 0;
	while (atrack_iter_next(it) == ATRACK_OK)
		n++;
	atrack_iter_free(it);
	atrack_report_free(rep);
	return n;
}

#define REPORT_QUERIES (sizeof report_sql / sizeof report_sql[0])

/* The full report measured on one history, repetition by repetition (see
 * board_run). */
typedef struct report_run {
	char today[11];
	const char *as_of;
	atrack_db *adb;
	sqlite3 *pdb;
	sqlite3_stmt *stmts[REPORT_QUERIES];
	FILE *null;
	samples t;
	long peak_kb;
} report_run;

static void report_open(report_run *rr, long updates, const char *as_of)
{
	rr->as_of = as_of;
	rr->adb = open_history(updates, rr->today, &rr->pdb);
	for (size_t q = 0; q < REPORT_QUERIES; q++)
		rr->stmts[q] = plain_prepare(rr->pdb, report_sql[q]);
	rr->null = fopen("/dev/null", "w");
	if (!rr->null)
		die("cannot open /dev/null");
	rr->t = samples_new();
	rr->peak_kb = 0;
}

static void report_rep(report_run *rr, long r)
{
	mem_reset();
	rr->t.atrack[r] = report_atrack(rr->adb, rr->null, rr->today, rr->as_of);
	long kb = mem_peak_kb();
	rr->peak_kb = kb > rr->peak_kb ? kb : rr->peak_kb;
	long rows;
	rr->t.plain[r] = report_plain(rr->pdb, rr->stmts, rr->as_of ? rr->as_of : "9999-12-31", &rows);
	long want = report_rows_atrack(rr->adb, rr->today, rr->as_of);
	if (rows != want)
		die("report: atrack lists %ld initiatives, plain SQL %ld", want, rows);
}

/* The medians; closes the history. */
static void report_close(report_run *rr, double *ta, double *tp)
{
	samples_medians(&rr->t, ta, tp);
	fclose(rr->null);
	for (size_t q = 0; q < REPORT_QUERIES; q++)
		sqlite3_finalize(rr->stmts[q]);
	sqlite3_close(rr->pdb);
	atrack_close(rr->adb);
}

/* Median times of the full report (as of `as_of`, or now when NULL). */
static void report(long updates, const char *as_of, double *ta, double *tp, long *peak_kb)
{
	report_run rr;
	report_open(&rr, updates, as_of);
	for (long r = 0; r < opt.reps; r++)
		report_rep(&rr, r);
	report_close(&rr, ta, tp);
	*peak_kb = rr.peak_kb;
}

static void memory_note(char *note, size_t cap, long peak)
{
	bool small = peak >= 0 && peak < 32 * 1024;
	snprintf(note, cap, "median of %ld; peak RSS under 32 MB: %s", opt.reps, small ? "ok" : "MISS");
	if (!small)
		mark_missed();
}

void scenario_report(void)
{
	double ta, tp;
	long peak, rows;
	char name[96], note[160];
	board(opt.updates, &ta, &tp, &peak, &rows);
	snprintf(name, sizeof name, "5 status board, %ld initiatives / %ld updates", rows,
	         opt.updates);
	memory_note(note, sizeof note, peak);
	bench_row row = { name, ta, tp, -1, 1.5, peak, NULL, note };
	row_print(&row);

	report(opt.updates, NULL, &ta, &tp, &peak);
	snprintf(name, sizeof name, "5 full report (text to /dev/null), %ld updates", opt.updates);
	memory_note(note, sizeof note, peak);
	bench_row full = { name, ta, tp, -1, 1.5, peak, NULL, note };
	row_print(&full);
}

void scenario_as_of(void)
{
	double ta, tp;
	long peak;
	char name[96], note[160], day[11];
	gen_date(345, day);
	report(opt.updates, day, &ta, &tp, &peak);
	snprintf(name, sizeof name, "6 report --as-of %s, %ld updates", day, opt.updates);
	memory_note(note, sizeof note, peak);
	bench_row row = { name, ta, tp, -1, 2.0, peak, NULL, note };
	row_print(&row);
}

/* Search: the median of a set of queries through atrack_search against the
 * median of the bare FTS5 queries (the same MATCH, rank order, limit). */
void scenario_search(void)
{
	char today[11];
	sqlite3 *pdb;
	atrack_db *adb = open_history(opt.updates, today, &pdb);
	sqlite3_stmt *bare = plain_prepare(pdb, "SELECT rowid, rank FROM search_index "
	                                   "WHERE search_index MATCH ?1 ORDER BY rank LIMIT 50");
	long queries = opt.reps < 9 ? 9 : opt.reps;
	double *ta = malloc((size_t)queries * sizeof *ta), *tp = malloc((size_t)queries * sizeof *tp);
	long peak = 0, hits = 0, plain_hits = 0;
	for (long q = 0; q < queries; q++) {
		char query[96];
		size_t w = (size_t)q * 7, n = gen_note_word_count();
		if (q % 2)
			snprintf(query, sizeof query, "%s %s", gen_note_word(w % n), gen_note_word((w + 3) % n));
		else
			snprintf(query, sizeof query, "\"%s %s\"", gen_note_word(w % n),
			         gen_note_word((w + 5) % n));
		mem_reset();
		double t = now_s();
		atrack_iter *it = NULL;
		atrack_search_opts o = ATRACK_SEARCH_OPTS_INIT;
		o.flags = ATRACK_SEARCH_FTS; /* its phrases are FTS5 syntax, as the baseline's */
		check_atrack(adb, atrack_search(adb, query, &o, &it), "search");
		while (atrack_iter_next(it) == ATRACK_OK)
			hits += atrack_iter_search_hit(it) != NULL;
		atrack_iter_free(it);
		ta[q] = now_s() - t;
		long kb = mem_peak_kb();
		peak = kb > peak ? kb : peak;
		t = now_s();
		sqlite3_bind_text(bare, 1, query, -1, SQLITE_TRANSIENT);
		while (sqlite3_step(bare) == SQLITE_ROW)
			plain_hits += sqlite3_column_int64(bare, 0) > 0;
		plain_reset(pdb, bare);
		tp[q] = now_s() - t;
		if (plain_hits != hits)
			die("search '%s': atrack found %ld hits so far, plain SQL %ld", query, hits,
			    plain_hits);
	}
	char name[96], note[160];
	snprintf(name, sizeof name, "7 search %ld update notes (median of %ld queries)", opt.updates,
	         queries);
	snprintf(note, sizeof note, "%ld hits in all; baseline: the bare FTS5 MATCH ... ORDER BY "
	         "rank LIMIT 50", hits);
	bench_row row = { name, median(ta, (size_t)queries), median(tp, (size_t)queries), -1, 2.0,
	                  peak, NULL, note };
	row_print(&row);
	free(ta);
	free(tp);
	sqlite3_finalize(bare);
	sqlite3_close(pdb);
	atrack_close(adb);
}

/* ---- 8. Growth ----------------------------------------------------------------- */

void scenario_growth(void)
{
	long small = 10000;
	double ta_small, tp_small, ta_big, tp_big;
	long pa, pp;
	update_process(small, &ta_small, &tp_small, &pa, &pp);
	update_process(opt.updates, &ta_big, &tp_big, &pa, &pp);
	char name[96], note[200];
	snprintf(name, sizeof name, "8 update add process: %ld vs %ld updates", opt.updates, small);
	snprintf(note, sizeof note, "columns: atrack at %ld updates, atrack at %ld; plain sqlite3 "
	         "%.2f ms vs %.2f ms", opt.updates, small, tp_big * 1e3, tp_small * 1e3);
	bench_row row = { name, ta_big, ta_small, -1, 1.5, pa, NULL, note };
	row_print(&row);

	/* The two histories in turn, repetition by repetition: measured one
	 * after the other, a change in the machine's load between them moved
	 * this ratio between 1.1 and 1.7 from run to run. */
	board_run bs, bb;
	board_open(&bs, small);
	board_open(&bb, opt.updates);
	for (long r = 0; r < opt.reps; r++) {
		board_rep(&bs, r);
		board_rep(&bb, r);
	}
	board_close(&bs, &ta_small, &tp_small);
	board_close(&bb, &ta_big, &tp_big);
	snprintf(name, sizeof name, "8 status board: %ld vs %ld updates", opt.updates, small);
	snprintf(note, sizeof note, "columns: atrack at %ld updates, atrack at %ld (%ld initiatives "
	         "both); plain SQL %.2f ms vs %.2f ms", opt.updates, small, bb.rows, tp_big * 1e3,
	         tp_small * 1e3);
	bench_row b = { name, ta_big, ta_small, -1, 1.5, bs.peak_kb > bb.peak_kb ? bs.peak_kb : bb.peak_kb,
	                NULL, note };
	row_print(&b);

	report_run rs, rb;
	report_open(&rs, small, NULL);
	report_open(&rb, opt.updates, NULL);
	for (long r = 0; r < opt.reps; r++) {
		report_rep(&rs, r);
		report_rep(&rb, r);
	}
	report_close(&rs, &ta_small, &tp_small);
	report_close(&rb, &ta_big, &tp_big);
	pa = rs.peak_kb > rb.peak_kb ? rs.peak_kb : rb.peak_kb;
	snprintf(name, sizeof name, "8 full report: %ld vs %ld updates", opt.updates, small);
	snprintf(note, sizeof note, "columns: atrack at %ld updates, atrack at %ld; plain SQL "
	         "%.2f ms vs %.2f ms", opt.updates, small, tp_big * 1e3, tp_small * 1e3);
	bench_row f = { name, ta_big, ta_small, -1, 1.5, pa, NULL, note };
	row_print(&f);
}

/* ---- 9. Check ------------------------------------------------------------------ */

/* atrack_check at a history of `updates`; the baseline is plain SQLite's
 * own integrity and foreign-key checks and the one comparison of the
 * search index with the notes that a hand-written check would make. */
static void check_times(long updates, double *ta, double *tp, long *peak_kb)
{
	char today[11];
	sqlite3 *pdb;
	atrack_db *adb = open_history(updates, today, &pdb);
	static const char *const plain_sql[] = {
		"PRAGMA integrity_check",
		"PRAGMA foreign_key_check",
		"SELECT count(*) FROM progress_update AS u"
		" LEFT JOIN search_index AS h ON h.rowid = u.id * 16 + 11"
		" WHERE u.note <> '' AND (h.rowid IS NULL OR h.body IS NOT u.note)",
	};
	sqlite3_stmt *stmts[3];
	for (size_t i = 0; i < 3; i++)
		stmts[i] = plain_prepare(pdb, plain_sql[i]);
	samples s = samples_new();
	*peak_kb = 0;
	for (long r = 0; r < opt.reps; r++) {
		mem_reset();
		double t = now_s();
		check_atrack(adb, atrack_check(adb, NULL, NULL), "check");
		s.atrack[r] = now_s() - t;
		long kb = mem_peak_kb();
		*peak_kb = kb > *peak_kb ? kb : *peak_kb;
		t = now_s();
		for (size_t i = 0; i < 3; i++) {
			while (sqlite3_step(stmts[i]) == SQLITE_ROW)
				;
			plain_reset(pdb, stmts[i]);
		}
		s.plain[r] = now_s() - t;
	}
	samples_medians(&s, ta, tp);
	for (size_t i = 0; i < 3; i++)
		sqlite3_finalize(stmts[i]);
	sqlite3_close(pdb);
	atrack_close(adb);
}

void scenario_check(void)
{
	long small = opt.updates / 4 > 0 ? opt.updates / 4 : 1;
	double ta_big, tp_big, ta_small, tp_small;
	long peak_big, peak_small;
	check_times(small, &ta_small, &tp_small, &peak_small);
	check_times(opt.updates, &ta_big, &tp_big, &peak_big);
	char name[96], note[200];
	snprintf(name, sizeof name, "9 check %ld updates", opt.updates);
	/* Four times the history: a linear check takes about four times as
	 * long; the quadratic one it replaced took about sixteen. */
	double growth = ta_small > 0 ? ta_big / ta_small : 0;
	snprintf(note, sizeof note, "baseline: PRAGMA integrity_check, foreign_key_check and the "
	         "notes against the index; 4x the history (%ld -> %ld) took %.1fx as long "
	         "(target <= 6)", small, opt.updates, growth);
	bench_row row = { name, ta_big, tp_big, -1, 0, peak_big, NULL, note };
	row_print(&row);
	if (growth > 6)
		mark_missed();
}

/* ---- 10. One sheet of the largest size ---------------------------------------- */

/* A generated sheet of as many items as fit in `limit` bytes. */
static char *sheet_of_size(size_t limit, int *items, size_t *len)
{
	int n = 1000;
	char *text = gen_factsheet(opt.seed, 0, n, len);
	n = (int)((double)n * (double)limit / (double)*len * 0.97);
	for (;;) {
		free(text);
		text = gen_factsheet(opt.seed, 0, n, len);
		if (*len <= limit)
			break;
		n = n * 95 / 100;
	}
	*items = n;
	return text;
}

/* CPU seconds of this process so far (user and system): unlike the wall
 * clock, not stretched by other work on the machine. */
static double cpu_s(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
	       (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

/* Import `text` into a fresh database (timed), read back the rows it
 * wrote, write them by hand into a fresh copy of the empty database
 * (timed), and check both hold the same rows. */
static void import_once(const char *text, size_t len, double *ta, double *tp, double *cpu,
                        long *rows, long *peak_kb)
{
	atrack_db *adb = NULL;
	sqlite3 *raw = NULL, *plain = NULL;
	open_pair("bigsheet-atrack.db", "bigsheet-plain.db", &adb, &raw, &plain);
	int rc;
	int64_t last = plain_int(raw, "SELECT coalesce(max(id), 0) FROM audit_log");

	atrack_import_opts io = ATRACK_IMPORT_OPTS_INIT;
	atrack_import_result res;
	mem_reset();
	double t = now_s(), c0 = cpu_s();
	rc = atrack_import_factsheet(adb, text, len, &io, &res);
	*ta = now_s() - t;
	*cpu = cpu_s() - c0;
	*peak_kb = mem_peak_kb();
	check_atrack(adb, rc, "import");
	if (res.outcome != ATRACK_IMPORT_NEW)
		die("the generated sheet is not new (outcome %d)", (int)res.outcome);

	capture c;
	memset(&c, 0, sizeof c);
	sqlite3_stmt *changes = plain_prepare(raw, AUDIT_SINCE);
	capture_since(&c, raw, changes, last);
	sqlite3_finalize(changes);
	sqlite3_stmt *insert[64] = { NULL };
	*tp = replay_sheet_bulk(plain, insert, &c);
	for (int i = 0; i < c.table_count; i++) {
		sqlite3_finalize(insert[i]);
		free(c.tables[i]);
		sqlite3_free(c.insert_sql[i]);
	}
	free_rows(&c);
	free(c.rows);
	atrack_close(adb);
	*rows = same_row_counts(raw, plain);
	sqlite3_close(raw);
	sqlite3_close(plain);
}

void scenario_big_sheet(void)
{
	int items, small_items;
	size_t len, small_len;
	char *text = sheet_of_size(ATRACK_FACTSHEET_MAX_BYTES, &items, &len);
	char *small = sheet_of_size(ATRACK_FACTSHEET_MAX_BYTES / 4, &small_items, &small_len);
	double ta, tp, cpu, ta_small, tp_small, cpu_small;
	long rows, small_rows, peak, small_peak;
	import_once(small, small_len, &ta_small, &tp_small, &cpu_small, &small_rows, &small_peak);
	import_once(text, len, &ta, &tp, &cpu, &rows, &peak);
	free(text);
	free(small);

	char name[96], note[320];
	snprintf(name, sizeof name, "10 import one sheet of %d items (%.2f MB)", items, len / 1e6);
	/* A linear import takes about four times as long for four times the
	 * text; the quadratic one it replaced took about sixteen. */
	double growth = cpu_small > 0 ? cpu / cpu_small : 0;
	snprintf(note, sizeof note, "%ld rows in both databases, table by table; atrack used %.2f s "
	         "of CPU (target < 2 s); a quarter of the text (%d items) %.2f s, so 4x the text took "
	         "%.1fx as long (target <= 6)", rows, cpu, small_items, cpu_small, growth);
	bench_row row = { name, ta, tp, -1, 3.0, peak, NULL, note };
	row_print(&row);
	if (cpu >= 2.0 || growth > 6)
		mark_missed();
}
