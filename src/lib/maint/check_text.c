/*
 * check_text.c - the soundness check's search for text that is not UTF-8.
 * The library refuses such text on every write, but a row written behind
 * its back (or before it refused) would be stored, and then every JSON
 * export and every renderer would fail on it; so the check reads every
 * text column of every table the export format knows, in one pass per
 * table, and tests the bytes here. Calls exchange_tables.c (the list of
 * tables and columns) and the core.
 */
#include "maint_int.h"

#include "exchange/exchange_int.h"

/* "SELECT id, a, b FROM t": the text columns of `t`; NULL when it has
 * none or memory runs out (*none tells which). */
static char *text_columns_sql(const xt_table *t, bool *none)
{
	/* Names come from the format's table, never from input. */
	atr_buf b = ATR_BUF_INIT;
	size_t count = 0;
	atr_buf_puts(&b, "SELECT id");
	for (size_t i = 0; i < t->column_count; i++) {
		if (t->columns[i].type == XT_REF || t->columns[i].type == XT_INT ||
		    t->columns[i].type == XT_BOOL)
			continue;
		atr_buf_printf(&b, ", %s", t->columns[i].column);
		count++;
	}
	atr_buf_printf(&b, " FROM %s ORDER BY id", t->table);
	*none = count == 0;
	if (*none) {
		atr_buf_clear(&b);
		return NULL;
	}
	return atr_buf_detach(&b);
}

static int check_table(atrack_db *db, const xt_table *t, atr_fault_cb fault, void *ctx)
{
	bool none;
	char *sql = text_columns_sql(t, &none);
	if (!sql)
		return none ? ATRACK_OK : atr_error(db, ATRACK_NOMEM, "out of memory");
	sqlite3_stmt *stmt = NULL;
	int rc = atr_prepare(db, sql, &stmt);
	atr_free(sql);
	int src = SQLITE_DONE;
	while (rc == ATRACK_OK && (src = sqlite3_step(stmt)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(stmt, 0);
		for (int i = 1; rc == ATRACK_OK && i < sqlite3_column_count(stmt); i++) {
			if (sqlite3_column_type(stmt, i) != SQLITE_TEXT)
				continue;
			const char *text = (const char *)sqlite3_column_text(stmt, i);
			size_t len = (size_t)sqlite3_column_bytes(stmt, i), bad;
			if (!text || atr_utf8_valid(text, len, &bad))
				continue;
			atr_buf m = ATR_BUF_INIT;
			atr_buf_printf(&m, "%s %lld: %s is not valid UTF-8 (byte %zu)", t->table,
			               (long long)id, sqlite3_column_name(stmt, i), bad);
			rc = atr_buf_failed(&m) ? atr_error(db, ATRACK_NOMEM, "out of memory")
			                        : fault(ctx, t->table, id, m.data);
			atr_buf_clear(&m);
		}
	}
	if (rc == ATRACK_OK && src != SQLITE_DONE)
		rc = atr_sql_error(db, src, "cannot read text");
	sqlite3_finalize(stmt);
	return rc;
}

int atr_check_text(atrack_db *db, atr_fault_cb fault, void *ctx)
{
	int rc = ATRACK_OK;
	for (size_t i = 0; rc == ATRACK_OK && i < XT_COUNT; i++)
		rc = check_table(db, &xt_tables[i], fault, ctx);
	return rc;
}
