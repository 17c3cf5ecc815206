/*
 * referrers.c - what refers to a row, for the message a delete gives when
 * it refuses: the foreign keys that point at the row's table, read from
 * the schema itself, each counted for the row and named as a person reads
 * it ("2 initiatives (initiative.section_id)", "1 framework link"). It
 * calls nouns.c and the core.
 */
#include "entity_int.h"

#include <string.h>

/* How a referring table reads in a message: "initiatives", "people",
 * or, for a link table, links named by the other side ("initiative links"
 * when a framework is deleted). */
static void describe_referrer(atr_buf *b, atrack_kind deleting, long long count,
                              const char *table, const char *column)
{
	const atr_noun *n = atr_noun_of_table(table);
	char kb[32];
	if (n) {
		const char *name = atr_noun_kind_label(n->kind, kb);
		size_t len = strlen(name);
		atr_buf_printf(b, "%lld ", count);
		if (count == 1)
			atr_buf_puts(b, name);
		else if (strcmp(name, "person") == 0)
			atr_buf_puts(b, "people");
		else if (name[len - 1] == 'y')
			atr_buf_printf(b, "%.*sies", (int)(len - 1), name);
		else
			atr_buf_printf(b, "%ss", name);
		atr_buf_printf(b, " (%s.%s)", table, column);
		return;
	}
	size_t link_count;
	const atr_link *links = atr_noun_links(&link_count);
	for (size_t i = 0; i < link_count; i++) {
		const atr_link *l = &links[i];
		if (strcmp(l->table, table) == 0 &&
		    (strcmp(l->col_a, column) == 0 || strcmp(l->col_b, column) == 0)) {
			atrack_kind other = l->a == deleting ? l->b : l->a;
			atr_buf_printf(b, "%lld %s link%s (%s)", count,
			               atr_noun_kind_label(other, kb), count == 1 ? "" : "s", table);
			return;
		}
	}
	/* A link's provenance, or a table of another part of the library. */
	if (strcmp(table, "progress_update") == 0)
		atr_buf_printf(b, "%lld progress update%s (%s.%s)", count, count == 1 ? "" : "s",
		               table, column);
	else
		atr_buf_printf(b, "%lld %s row%s (%s.%s)", count, table, count == 1 ? "" : "s",
		               table, column);
}

/* The foreign keys that point at a table, from the schema itself. */
static const char referrers_sql[] =
	"SELECT m.name, p.\"from\" FROM sqlite_schema AS m "
	"JOIN pragma_foreign_key_list(m.name) AS p "
	"WHERE m.type = 'table' AND p.\"table\" = ?1 ORDER BY m.name, p.\"from\"";

/* Count what refers to row `id` of n's table; describe it in `b` and set
 * *total. Table and column names come from the schema; the id is bound. */
int atr_entity_count_referrers(atrack_db *db, const atr_noun *n, int64_t id, atr_buf *b,
                               long long *total)
{
	*total = 0;
	sqlite3_stmt *fk;
	int rc = atr_stmt(db, referrers_sql, &fk);
	if (rc != ATRACK_OK)
		return rc;
	sqlite3_bind_text(fk, 1, n->table, -1, SQLITE_STATIC);
	size_t parts = 0;
	atr_buf list = ATR_BUF_INIT;
	int src = SQLITE_DONE;
	while (rc == ATRACK_OK && (src = sqlite3_step(fk)) == SQLITE_ROW) {
		const char *table = atr_column_text(fk, 0);
		const char *column = atr_column_text(fk, 1);
		if (!table || !column || strchr(table, '"') || strchr(column, '"'))
			continue;
		atr_buf q = ATR_BUF_INIT;
		atr_buf_printf(&q, "SELECT count(*) FROM \"%s\" WHERE \"%s\" = ?1%s", table, column,
		               strcmp(table, n->table) == 0 ? " AND id <> ?1" : "");
		if (atr_buf_failed(&q)) {
			rc = atr_error(db, ATRACK_NOMEM, "out of memory");
			break;
		}
		sqlite3_stmt *count_stmt = NULL;
		rc = atr_prepare(db, q.data, &count_stmt);
		atr_buf_clear(&q);
		if (rc != ATRACK_OK)
			break;
		sqlite3_bind_int64(count_stmt, 1, id);
		long long count = 0;
		int csrc = sqlite3_step(count_stmt);
		if (csrc == SQLITE_ROW)
			count = sqlite3_column_int64(count_stmt, 0);
		else
			rc = atr_sql_error(db, csrc, "cannot count references");
		sqlite3_finalize(count_stmt);
		if (count > 0) {
			if (parts++)
				atr_buf_puts(&list, "\x1f"); /* separator, placed below */
			describe_referrer(&list, n->kind, count, table, column);
			*total += count;
		}
	}
	if (rc == ATRACK_OK && src != SQLITE_DONE)
		rc = atr_sql_error(db, src, "cannot read the schema");
	atr_stmt_done(fk);
	/* "a", "a and b", "a, b and c" */
	if (rc == ATRACK_OK && list.data) {
		size_t seen = 0;
		for (char *p = list.data, *sep; p; p = sep ? sep + 1 : NULL) {
			sep = strchr(p, '\x1f');
			if (seen)
				atr_buf_puts(b, seen + 1 == parts ? " and " : ", ");
			atr_buf_append(b, p, sep ? (size_t)(sep - p) : strlen(p));
			seen++;
		}
	}
	if (rc == ATRACK_OK && (atr_buf_failed(&list) || atr_buf_failed(b)))
		rc = atr_error(db, ATRACK_NOMEM, "out of memory");
	atr_buf_clear(&list);
	return rc;
}
