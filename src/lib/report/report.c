/*
 * report.c - the status report as data: the options checked once, the
 * summary counted by GROUP BY queries into a few small arrays, the
 * accessors, and the entry points that render a whole report. The rows
 * and changes are streamed by report_rows.c; every query starts from the
 * same "as of" set (report_sql.h), so the summary, the rows and the
 * changes always agree. The renderers in report_*.c read only what the
 * public data API offers.
 */
#include "report_int.h"
#include "report_sql.h"

#include <string.h>

/* One row per (group, status, health), groups in display order; the
 * fourth column orders groups within their kind. */
static const char summary_sql[] = REPORT_BASE
	"SELECT 0, 0, NULL, '(all)', 0, status, health, count(*), sum(overdue), sum(stale)"
	"  FROM flagged GROUP BY status, health "
	"UNION ALL "
	"SELECT 1, coalesce(sec.id, 0), sec.slug, coalesce(sec.title, '(no section)'),"
	"       coalesce(sec.position, 1000000000), status, health, count(*), sum(overdue), sum(stale)"
	"  FROM flagged AS b LEFT JOIN section AS sec ON sec.id = b.section_id"
	" GROUP BY sec.id, status, health "
	"UNION ALL "
	"SELECT 2, fw.id, fw.slug, coalesce(fw.acronym, fw.name), coalesce(fw.acronym, fw.name),"
	"       status, health, count(*), sum(overdue), sum(stale)"
	"  FROM flagged AS b JOIN initiative_framework AS x ON x.initiative_id = b.id"
	"  JOIN framework AS fw ON fw.id = x.framework_id"
	" GROUP BY fw.id, status, health "
	"UNION ALL "
	"SELECT 3, coalesce(m.id, 0), m.slug, coalesce(m.name, '(no meeting)'),"
	"       coalesce(m.start_date, '9999'), status, health, count(*), sum(overdue), sum(stale)"
	"  FROM flagged AS b LEFT JOIN meeting AS m ON m.id = b.meeting_id"
	" GROUP BY m.id, status, health "
	"ORDER BY 1, 5, 2";

static const char statuses_sql[] =
	"SELECT code, label, is_terminal, id FROM status_code ORDER BY sort_order, id";

/* ---- Options ------------------------------------------------------------ */

int atrack_report_format_from_name(const char *name, atrack_report_format *out)
{
	static const struct { const char *name; atrack_report_format format; } names[] = {
		{ "text", ATRACK_REPORT_TEXT }, { "md", ATRACK_REPORT_MD },
		{ "markdown", ATRACK_REPORT_MD }, { "html", ATRACK_REPORT_HTML },
		{ "csv", ATRACK_REPORT_CSV }, { "json", ATRACK_REPORT_JSON },
	};
	if (!name || !out)
		return ATRACK_MISUSE;
	for (size_t i = 0; i < ATR_ARRAY_SIZE(names); i++) {
		if (strcmp(names[i].name, name) == 0) {
			*out = names[i].format;
			return ATRACK_OK;
		}
	}
	return ATRACK_INVALID;
}

static int check_date(atrack_db *db, const char *what, const char *value)
{
	if (value && !atr_date_valid(value))
		return atr_error(db, ATRACK_INVALID, "report: %s: '%s' is not a date (YYYY-MM-DD)",
		                 what, value);
	return ATRACK_OK;
}

static int check_opts(atrack_db *db, const atrack_report_opts *o)
{
	if (o->version < 1 || o->version > ATRACK_REPORT_OPTS_VERSION)
		return atr_error(db, ATRACK_MISUSE, "report: unknown options version %u", o->version);
	if (o->version >= 3 && o->nstatuses) {
		if (!o->statuses)
			return atr_error(db, ATRACK_MISUSE, "report: statuses is NULL but nstatuses is %zu",
			                 o->nstatuses);
		for (size_t i = 0; i < o->nstatuses; i++)
			if (!o->statuses[i])
				return atr_error(db, ATRACK_MISUSE, "report: statuses[%zu] is NULL", i);
	}
	int rc = check_date(db, "since", o->since);
	if (rc == ATRACK_OK)
		rc = check_date(db, "as of", o->as_of);
	if (rc == ATRACK_OK)
		rc = check_date(db, "today", o->today);
	if (rc != ATRACK_OK)
		return rc;
	if (o->stale_days < 0)
		return atr_error(db, ATRACK_INVALID, "report: stale days must not be negative (%d)",
		                 o->stale_days);
	if (o->version >= 2) {
		if (o->health && strcmp(o->health, "on_track") != 0 && strcmp(o->health, "at_risk") != 0
		    && strcmp(o->health, "off_track") != 0)
			return atr_error(db, ATRACK_INVALID, "report: health '%s' is not one of on_track, "
			                 "at_risk, off_track", o->health);
		if (o->group_by < ATRACK_REPORT_BY_SECTION || o->group_by > ATRACK_REPORT_BY_PARTY)
			return atr_error(db, ATRACK_INVALID, "report: group_by %d is not one of 0..7",
			                 o->group_by);
		if (o->rows != ATRACK_REPORT_ROWS_INITIATIVES && o->rows != ATRACK_REPORT_ROWS_UPDATES)
			return atr_error(db, ATRACK_INVALID, "report: rows %d is not initiatives (0) or "
			                 "updates (1)", o->rows);
	}
	if (o->width < 0)
		return atr_error(db, ATRACK_INVALID, "report: width must not be negative (%d)", o->width);
	return ATRACK_OK;
}

/* ---- Binding ------------------------------------------------------------ */

static void bind_text_param(sqlite3_stmt *stmt, const char *name, const char *value)
{
	int i = sqlite3_bind_parameter_index(stmt, name);
	if (i > 0)
		sqlite3_bind_text(stmt, i, value, -1, SQLITE_STATIC);
}

void atr_report_bind_int(sqlite3_stmt *stmt, const char *name, int64_t value)
{
	int i = sqlite3_bind_parameter_index(stmt, name);
	if (i > 0)
		sqlite3_bind_int64(stmt, i, value);
}

/* Bind every parameter of REPORT_BASE that the statement uses. The text
 * bound is the report's own, which outlives the statement's use. */
void atr_report_bind(const atrack_report *r, sqlite3_stmt *stmt)
{
	bind_text_param(stmt, ":ref", r->as_of);
	bind_text_param(stmt, ":bound", r->has_as_of ? r->as_of : "9999-12-31");
	bind_text_param(stmt, ":since", r->since[0] ? r->since : "9999-12-31");
	bind_text_param(stmt, ":status_ids", r->status_ids);
	bind_text_param(stmt, ":health", r->health);
	atr_report_bind_int(stmt, ":stale_only", r->stale_only);
	atr_report_bind_int(stmt, ":overdue_only", r->overdue_only);
	atr_report_bind_int(stmt, ":group", r->group_by);
	atr_report_bind_int(stmt, ":stale", r->stale_days);
	atr_report_bind_int(stmt, ":section", r->section_id);
	atr_report_bind_int(stmt, ":meeting", r->meeting_id);
	atr_report_bind_int(stmt, ":framework", r->framework_id);
	atr_report_bind_int(stmt, ":party", r->party_id);
}

/* ---- Opening ------------------------------------------------------------ */

/* Is `code` one of the codes asked for (opts.status, then opts.statuses)? */
static bool status_wanted(const atrack_report_opts *o, const char *code)
{
	if (o->status && strcmp(o->status, code) == 0)
		return true;
	for (size_t i = 0; o->version >= 3 && i < o->nstatuses; i++)
		if (strcmp(o->statuses[i], code) == 0)
			return true;
	return false;
}

/* The first code asked for that the vocabulary lacks, or NULL. */
static const char *status_unknown(const atrack_report *r, const atrack_report_opts *o)
{
	size_t n = o->version >= 3 ? o->nstatuses : 0;
	for (size_t i = 0; i <= n; i++) {
		const char *code = i == 0 ? o->status : o->statuses[i - 1];
		bool known = code == NULL;
		for (size_t k = 0; !known && k < r->status_count; k++)
			known = strcmp(r->statuses[k].code, code) == 0;
		if (!known)
			return code;
	}
	return NULL;
}

/* Read the vocabulary; when statuses are asked for, check each and keep
 * their ids as ",3,7," for the filter (ids, not codes: no code can be
 * taken for part of another). */
static int load_statuses(atrack_report *r, const atrack_report_opts *o)
{
	sqlite3_stmt *stmt;
	int rc = atr_stmt(r->db, statuses_sql, &stmt);
	if (rc != ATRACK_OK)
		return rc;
	bool filtered = o->status || (o->version >= 3 && o->nstatuses);
	atr_buf ids = ATR_BUF_INIT;
	if (filtered)
		atr_buf_putc(&ids, ',');
	size_t cap = 0;
	int src;
	while ((src = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (r->status_count == cap) {
			cap = cap ? cap * 2 : 8;
			atrack_report_status *grown = atr_realloc(r->statuses, cap * sizeof *grown);
			if (!grown) {
				rc = atr_error(r->db, ATRACK_NOMEM, "out of memory");
				break;
			}
			r->statuses = grown;
		}
		atrack_report_status *s = &r->statuses[r->status_count];
		s->code = atr_strdup(atr_column_text(stmt, 0));
		s->label = atr_strdup(atr_column_text(stmt, 1));
		s->is_terminal = sqlite3_column_int(stmt, 2) != 0;
		r->status_count++;
		if (!s->code || !s->label) {
			rc = atr_error(r->db, ATRACK_NOMEM, "out of memory");
			break;
		}
		if (filtered && status_wanted(o, s->code))
			atr_buf_printf(&ids, "%lld,", (long long)sqlite3_column_int64(stmt, 3));
	}
	if (rc == ATRACK_OK && src != SQLITE_DONE)
		rc = atr_sql_error(r->db, src, "report: cannot read statuses");
	atr_stmt_done(stmt);
	const char *unknown = rc == ATRACK_OK ? status_unknown(r, o) : NULL;
	if (unknown)
		rc = atr_error(r->db, ATRACK_INVALID, "report: no status '%s'", unknown);
	if (rc == ATRACK_OK && filtered) {
		if (atr_buf_failed(&ids) || !(r->status_ids = atr_buf_detach(&ids)))
			rc = atr_error(r->db, ATRACK_NOMEM, "out of memory");
	}
	atr_buf_clear(&ids);
	return rc;
}

static size_t status_index(const atrack_report *r, const char *code)
{
	for (size_t i = 0; i < r->status_count; i++)
		if (code && strcmp(r->statuses[i].code, code) == 0)
			return i;
	return r->status_count;
}

/* A new group at the end of `list`, its counts zeroed. */
static atrack_report_summary *add_group(atrack_report *r, atr_group_list *list, int64_t id,
                                        const char *slug, const char *name)
{
	if (list->count == list->cap) {
		size_t cap = list->cap ? list->cap * 2 : 8;
		atrack_report_summary *items = atr_realloc(list->items, cap * sizeof *items);
		if (!items)
			return NULL;
		list->items = items;
		unsigned int *counts = atr_realloc(list->counts,
		                                   cap * (r->status_count + 1) * sizeof *counts);
		if (!counts)
			return NULL;
		list->counts = counts;
		list->cap = cap;
		/* The blocks moved: point every group at its counts again. */
		for (size_t i = 0; i < list->count; i++)
			list->items[i].by_status = list->counts + i * (r->status_count + 1);
	}
	atrack_report_summary *g = &list->items[list->count];
	memset(g, 0, sizeof *g);
	unsigned int *counts = list->counts + list->count * (r->status_count + 1);
	memset(counts, 0, (r->status_count + 1) * sizeof *counts);
	g->by_status = counts;
	g->id = id;
	list->count++;
	g->slug = slug ? atr_strdup(slug) : NULL;
	g->name = atr_strdup(name ? name : "");
	if ((slug && !g->slug) || !g->name)
		return NULL;
	return g;
}

static void count_into(atrack_report *r, atrack_report_summary *g, sqlite3_stmt *stmt)
{
	const char *status = atr_column_text(stmt, 5);
	const char *health = atr_column_text(stmt, 6);
	unsigned int n = (unsigned int)sqlite3_column_int64(stmt, 7);
	g->total += n;
	/* by_status has one spare slot, so an unknown code cannot overrun. */
	((unsigned int *)g->by_status)[status_index(r, status)] += n;
	if (!health)
		g->no_health += n;
	else if (strcmp(health, "on_track") == 0)
		g->on_track += n;
	else if (strcmp(health, "at_risk") == 0)
		g->at_risk += n;
	else
		g->off_track += n;
	if (status && strcmp(status, "completed") == 0)
		g->completed += n;
	g->overdue += (unsigned int)sqlite3_column_int64(stmt, 8);
	g->stale += (unsigned int)sqlite3_column_int64(stmt, 9);
}

static int load_summary(atrack_report *r)
{
	/* ALL always has its one group, even when nothing matches. */
	if (!add_group(r, &r->groups[ATRACK_REPORT_ALL], 0, NULL, "(all)"))
		return atr_error(r->db, ATRACK_NOMEM, "out of memory");
	sqlite3_stmt *stmt;
	int rc = atr_stmt(r->db, summary_sql, &stmt);
	if (rc != ATRACK_OK)
		return rc;
	atr_report_bind(r, stmt);
	int src;
	while ((src = sqlite3_step(stmt)) == SQLITE_ROW) {
		int kind = sqlite3_column_int(stmt, 0);
		int64_t id = sqlite3_column_int64(stmt, 1);
		atr_group_list *list = &r->groups[kind];
		atrack_report_summary *g = list->count ? &list->items[list->count - 1] : NULL;
		if (kind != ATRACK_REPORT_ALL && (!g || g->id != id))
			g = add_group(r, list, id, atr_column_text(stmt, 2), atr_column_text(stmt, 3));
		if (!g) {
			rc = atr_error(r->db, ATRACK_NOMEM, "out of memory");
			break;
		}
		count_into(r, g, stmt);
	}
	if (rc == ATRACK_OK && src != SQLITE_DONE)
		rc = atr_sql_error(r->db, src, "report: cannot count initiatives");
	atr_stmt_done(stmt);
	return rc;
}

int atrack_report_open(atrack_db *db, const atrack_report_opts *opts, atrack_report **out)
{
	if (!atr_db_usable(db) || !out)
		return atr_misuse(db, "atrack_report_open");
	*out = NULL;
	atr_clear_error(db);
	atrack_report_opts defaults = ATRACK_REPORT_OPTS_INIT;
	const atrack_report_opts *o = opts ? opts : &defaults;
	int rc = check_opts(db, o);
	if (rc != ATRACK_OK)
		return rc;

	atrack_report *r = atr_calloc(1, sizeof *r);
	if (!r)
		return atr_error(db, ATRACK_NOMEM, "out of memory");
	r->db = db;
	db->open_reports++; /* writes are refused until atrack_report_free */
	/* One snapshot for the whole report: the summary read here and the
	 * rows read later agree, however many writers commit meanwhile. */
	if (sqlite3_get_autocommit(db->sql)) {
		int src = sqlite3_exec(db->sql, "BEGIN", NULL, NULL, NULL);
		if (src != SQLITE_OK) {
			atrack_report_free(r);
			return atr_sql_error(db, src, "cannot begin report");
		}
		r->owns_read_txn = true;
	}
	if (o->today)
		memcpy(r->today, o->today, 11);
	else
		atr_today(r->today);
	r->has_as_of = o->as_of != NULL;
	memcpy(r->as_of, o->as_of ? o->as_of : r->today, 11);
	if (o->since)
		memcpy(r->since, o->since, 11);
	r->stale_days = o->stale_days ? o->stale_days : ATRACK_REPORT_STALE_DAYS_DEFAULT;
	r->section_id = o->section_id;
	r->framework_id = o->framework_id;
	r->meeting_id = o->meeting_id;
	r->party_id = o->party_id;
	r->width = o->width ? o->width : 100;
	r->title = atr_strdup(o->title ? o->title : "Initiative status report");
	if (o->version >= 2) {
		r->health = o->health ? atr_strdup(o->health) : NULL;
		r->stale_only = o->stale_only != 0;
		r->overdue_only = o->overdue_only != 0;
		r->summary_only = o->summary_only != 0;
		r->rows = o->rows;
		r->bom = o->bom != 0;
		r->ascii = o->ascii != 0;
		r->group_by = o->group_by;
	}
	if (!r->title || (o->version >= 2 && o->health && !r->health)) {
		atrack_report_free(r);
		return atr_error(db, ATRACK_NOMEM, "out of memory");
	}
	if (r->since[0] && strcmp(r->since, r->as_of) > 0) {
		rc = atr_error(db, ATRACK_INVALID, "report: since %s is after the report's day %s",
		               r->since, r->as_of);
	}
	if (rc == ATRACK_OK)
		rc = load_statuses(r, o);
	if (rc == ATRACK_OK)
		rc = load_summary(r);
	if (rc != ATRACK_OK) {
		atrack_report_free(r);
		return rc;
	}
	*out = r;
	return ATRACK_OK;
}

void atrack_report_free(atrack_report *r)
{
	if (!r)
		return;
	if (r->owns_read_txn && !sqlite3_get_autocommit(r->db->sql))
		sqlite3_exec(r->db->sql, "COMMIT", NULL, NULL, NULL);
	for (size_t g = 0; g < ATR_ARRAY_SIZE(r->groups); g++) {
		atr_group_list *list = &r->groups[g];
		for (size_t i = 0; i < list->count; i++) {
			atr_free((char *)list->items[i].slug);
			atr_free((char *)list->items[i].name);
		}
		atr_free(list->items);
		atr_free(list->counts);
	}
	for (size_t i = 0; i < r->status_count; i++) {
		atr_free((char *)r->statuses[i].code);
		atr_free((char *)r->statuses[i].label);
	}
	atr_free(r->statuses);
	atr_free(r->title);
	atr_free(r->status_ids);
	atr_free(r->health);
	atrack_db *db = r->db;
	atr_free(r);
	atr_db_release(db, true);
}

/* ---- Accessors ---------------------------------------------------------- */

const char *atrack_report_title(const atrack_report *r)
{
	return r ? r->title : NULL;
}

const char *atrack_report_as_of(const atrack_report *r)
{
	return r ? r->as_of : NULL;
}

const char *atrack_report_today(const atrack_report *r)
{
	return r ? r->today : NULL;
}

const char *atrack_report_since(const atrack_report *r)
{
	return r && r->since[0] ? r->since : NULL;
}

int atrack_report_stale_days(const atrack_report *r)
{
	return r ? r->stale_days : 0;
}

size_t atrack_report_status_count(const atrack_report *r)
{
	return r ? r->status_count : 0;
}

const atrack_report_status *atrack_report_status_at(const atrack_report *r, size_t i)
{
	return r && i < r->status_count ? &r->statuses[i] : NULL;
}

size_t atrack_report_group_count(const atrack_report *r, atrack_report_group group)
{
	if (!r || (unsigned int)group >= ATR_ARRAY_SIZE(r->groups))
		return 0;
	return r->groups[group].count;
}

const atrack_report_summary *atrack_report_group_at(const atrack_report *r,
                                                    atrack_report_group group, size_t i)
{
	if (!r || (unsigned int)group >= ATR_ARRAY_SIZE(r->groups) || i >= r->groups[group].count)
		return NULL;
	return &r->groups[group].items[i];
}

/* ---- Rendering ---------------------------------------------------------- */

static int render(atrack_db *db, const atrack_report_opts *opts, atrack_report_format format,
                  atr_sink *sink)
{
	int (*renderer)(atrack_report *, atr_sink *);
	switch (format) {
	case ATRACK_REPORT_TEXT: renderer = atr_report_text; break;
	case ATRACK_REPORT_MD: renderer = atr_report_md; break;
	case ATRACK_REPORT_HTML: renderer = atr_report_html; break;
	case ATRACK_REPORT_CSV: renderer = atr_report_csv; break;
	case ATRACK_REPORT_JSON: renderer = atr_report_json; break;
	default:
		return atr_error(db, ATRACK_INVALID, "report: unknown format %d", (int)format);
	}
	atrack_report *r;
	int rc = atrack_report_open(db, opts, &r);
	if (rc != ATRACK_OK)
		return rc;
	rc = renderer(r, sink);
	atrack_report_free(r);
	if (rc == ATRACK_OK && sink->failed) {
		if (sink->file)
			rc = atr_error(db, ATRACK_IO, "report: cannot write output");
		else
			rc = atr_error(db, ATRACK_NOMEM, "out of memory");
	}
	return rc;
}

int atrack_report_write(atrack_db *db, const atrack_report_opts *opts,
                        atrack_report_format format, FILE *out)
{
	if (!atr_db_usable(db) || !out)
		return atr_misuse(db, "atrack_report_write");
	atr_sink sink = { out, ATR_BUF_INIT, false, false };
	return render(db, opts, format, &sink);
}

int atrack_report_render(atrack_db *db, const atrack_report_opts *opts,
                         atrack_report_format format, char **out, size_t *out_len)
{
	if (!atr_db_usable(db) || !out)
		return atr_misuse(db, "atrack_report_render");
	*out = NULL;
	atr_sink sink = { NULL, ATR_BUF_INIT, false, false };
	int rc = render(db, opts, format, &sink);
	if (rc != ATRACK_OK) {
		atr_buf_clear(&sink.buf);
		return rc;
	}
	size_t len = sink.buf.len;
	*out = atr_buf_detach(&sink.buf);
	if (!*out)
		return atr_error(db, ATRACK_NOMEM, "out of memory");
	if (out_len)
		*out_len = len;
	return ATRACK_OK;
}
