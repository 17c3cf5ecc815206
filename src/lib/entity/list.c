/*
 * list.c - listing the rows of a noun: the generic listing narrowed to the
 * rows that refer to one thing, and the initiative listing with its own
 * filters (status, health, stale, overdue, framework, party) and orders.
 * Both run a constant statement of nouns.c with every value bound, and
 * hand back an iterator whose rows are the public structs. It calls
 * row.c, nouns.c and the core.
 */
#include "entity_int.h"

#include <stdio.h>
#include <string.h>

static const char *const health_values[] = { "on_track", "at_risk", "off_track", NULL };

static int load_entity_row(atrack_iter *it)
{
	atr_entity_load_fields(it->state, it->stmt, it->row);
	return ATRACK_OK;
}

/* Open an iterator over the prepared list statement of `n`. */
static int open_list(atrack_db *db, const atr_noun *n, sqlite3_stmt *stmt, atrack_iter **out)
{
	int rc = atr_iter_new(db, n->kind, stmt, n->size, load_entity_row, out);
	if (rc == ATRACK_OK)
		(*out)->state = (void *)n; /* static: no free_state */
	return rc;
}

static void bind_paging(sqlite3_stmt *stmt, const char *text, int64_t limit, int64_t offset)
{
	atr_entity_bind_text(stmt, ":text", text && *text ? text : NULL);
	atr_entity_bind_int(stmt, ":limit", true, limit > 0 ? limit : -1);
	atr_entity_bind_int(stmt, ":offset", true, offset > 0 ? offset : 0);
}

static int status_exists(atrack_db *db, const char *code, bool *exists)
{
	static const char sql[] = "SELECT 1 FROM status_code WHERE code = ?1";
	sqlite3_stmt *stmt;
	int rc = atr_stmt(db, sql, &stmt);
	if (rc != ATRACK_OK)
		return rc;
	sqlite3_bind_text(stmt, 1, code, -1, SQLITE_STATIC);
	int src = sqlite3_step(stmt);
	*exists = src == SQLITE_ROW;
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		rc = atr_sql_error(db, src, "cannot read status codes");
	atr_stmt_done(stmt);
	return rc;
}

int atr_entity_initiative_list(atrack_db *db, const atrack_initiative_filter *filter,
                               atrack_iter **out)
{
	atrack_initiative_filter none = ATRACK_INITIATIVE_FILTER_INIT;
	const atrack_initiative_filter *f = filter ? filter : &none;
	if (f->version != ATRACK_INITIATIVE_FILTER_VERSION)
		return atr_error(db, ATRACK_MISUSE, "unknown atrack_initiative_filter version %u",
		                 f->version);
	const char *sql = atr_noun_initiative_list_sql(f->order);
	if (!sql)
		return atr_error(db, ATRACK_INVALID, "order: %d is not a known order", (int)f->order);
	if (f->today && !atr_date_valid(f->today))
		return atr_error(db, ATRACK_INVALID, "today: '%s' is not a valid date (YYYY-MM-DD)",
		                 f->today);
	if (f->stale_days < 0)
		return atr_error(db, ATRACK_INVALID, "stale_days: %d is negative", f->stale_days);
	if (f->health) {
		const char *const *c = health_values;
		while (*c && strcmp(*c, f->health) != 0)
			c++;
		if (!*c)
			return atr_error(db, ATRACK_INVALID, "health: '%s' is not one of on_track, "
			                 "at_risk, off_track", f->health);
	}
	if (f->status) {
		bool exists = false;
		int rc = status_exists(db, f->status, &exists);
		if (rc != ATRACK_OK)
			return rc;
		if (!exists)
			return atr_error(db, ATRACK_INVALID, "status: no status '%s'", f->status);
	}
	sqlite3_stmt *stmt;
	int rc = atr_prepare(db, sql, &stmt);
	if (rc != ATRACK_OK)
		return rc;
	atr_entity_bind_int(stmt, ":section", f->section_id != 0, f->section_id);
	atr_entity_bind_int(stmt, ":meeting", f->meeting_id != 0, f->meeting_id);
	atr_entity_bind_int(stmt, ":framework", f->framework_id != 0, f->framework_id);
	atr_entity_bind_int(stmt, ":party", f->party_id != 0, f->party_id);
	atr_entity_bind_text(stmt, ":status", f->status);
	atr_entity_bind_text(stmt, ":health", f->health);
	atr_entity_bind_int(stmt, ":stale_only", f->stale_only != 0, 1);
	atr_entity_bind_int(stmt, ":overdue_only", f->overdue_only != 0, 1);
	bind_paging(stmt, f->text, f->limit, f->offset);
	atr_entity_bind_today(stmt, f->today, f->stale_days);
	return open_list(db, atr_noun_of(ATRACK_KIND_INITIATIVE), stmt, out);
}

int atr_entity_list(atrack_db *db, const atr_noun *n, const atrack_list_opts *opts,
                    atrack_iter **out)
{
	atrack_list_opts none = ATRACK_LIST_OPTS_INIT;
	if (!opts)
		opts = &none;
	if (opts->version != ATRACK_LIST_OPTS_VERSION)
		return atr_error(db, ATRACK_MISUSE, "unknown atrack_list_opts version %u", opts->version);
	char kb[32], kb2[32];
	if (n->kind == ATRACK_KIND_INITIATIVE) {
		atrack_initiative_filter f = ATRACK_INITIATIVE_FILTER_INIT;
		f.text = opts->text;
		f.limit = opts->limit;
		f.offset = opts->offset;
		switch ((int)opts->of_kind) {
		case 0: break;
		case ATRACK_KIND_SECTION: f.section_id = opts->of_id; break;
		case ATRACK_KIND_MEETING: f.meeting_id = opts->of_id; break;
		case ATRACK_KIND_FRAMEWORK: f.framework_id = opts->of_id; break;
		case ATRACK_KIND_PARTY: f.party_id = opts->of_id; break;
		default:
			return atr_error(db, ATRACK_INVALID, "initiative: cannot be listed by %s",
			                 atr_noun_kind_label(opts->of_kind, kb));
		}
		return atr_entity_initiative_list(db, &f, out);
	}
	bool matched = opts->of_kind == 0;
	for (size_t i = 0; i < n->field_count; i++)
		if (n->fields[i].type == ATRACK_FIELD_REF && n->fields[i].ref == opts->of_kind)
			matched = true;
	if (!matched)
		return atr_error(db, ATRACK_INVALID, "%s: cannot be listed by %s",
		                 atr_noun_kind_label(n->kind, kb),
		                 atr_noun_kind_label(opts->of_kind, kb2));
	sqlite3_stmt *stmt;
	int rc = atr_prepare(db, n->sql_list, &stmt);
	if (rc != ATRACK_OK)
		return rc;
	for (size_t i = 0; i < n->field_count; i++) {
		const atrack_field *f = &n->fields[i];
		if (f->type != ATRACK_FIELD_REF)
			continue;
		char name[64];
		snprintf(name, sizeof name, ":%s", f->name);
		atr_entity_bind_int(stmt, name, opts->of_kind != 0 && f->ref == opts->of_kind,
		                    opts->of_id);
	}
	bind_paging(stmt, opts->text, opts->limit, opts->offset);
	atr_entity_bind_today(stmt, NULL, 0);
	return open_list(db, n, stmt, out);
}

const void *atrack_iter_entity(const atrack_iter *it)
{
	/* After the last row (or a failure) the row pointed into a statement
	 * that has been reset: there is no row to show. */
	return it && it->load_row == load_entity_row && !it->done ? it->row : NULL;
}
