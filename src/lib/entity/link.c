/*
 * link.c - the links between things (initiative and framework, meeting and
 * document, ...): making and removing one after checking that both things
 * exist, and listing what a thing is linked to, with the other side's
 * slug and name. The link tables are described in nouns.c. It calls
 * row.c, nouns.c, kind.c and the core.
 */
#include "entity_int.h"

#include <stdio.h>

/* The link between two kinds, with the ids put in its column order, after
 * checking both things exist. Labels them for messages. */
static int link_find(atrack_db *db, atrack_kind k1, int64_t *id1, atrack_kind k2, int64_t *id2,
                     const atr_link **out, char label1[160], char label2[160])
{
	char kb1[32], kb2[32];
	*out = NULL;
	size_t link_count;
	const atr_link *links = atr_noun_links(&link_count);
	for (size_t i = 0; i < link_count && !*out; i++) {
		if (links[i].a == k1 && links[i].b == k2) {
			*out = &links[i];
		} else if (links[i].a == k2 && links[i].b == k1) {
			int64_t t = *id1;
			*id1 = *id2;
			*id2 = t;
			*out = &links[i];
		}
	}
	if (!*out)
		return atr_error(db, ATRACK_INVALID, "cannot link %s to %s",
		                 atrack_kind_name(k1) ? atr_noun_kind_label(k1, kb1) : "?",
		                 atrack_kind_name(k2) ? atr_noun_kind_label(k2, kb2) : "?");
	int rc = atr_entity_row_label(db, atr_noun_of((*out)->a), *id1, label1, 160);
	if (rc == ATRACK_OK)
		rc = atr_entity_row_label(db, atr_noun_of((*out)->b), *id2, label2, 160);
	return rc;
}

static int link_change(atrack_db *db, atrack_kind k1, int64_t id1, atrack_kind k2, int64_t id2,
                       bool add)
{
	if (!atr_db_usable(db))
		return atr_misuse(db, add ? "atrack_link" : "atrack_unlink");
	atr_clear_error(db);
	const atr_link *l;
	char label1[160], label2[160], kb1[32], kb2[32];
	int rc = atr_write_begin(db);
	if (rc != ATRACK_OK)
		return rc;
	rc = link_find(db, k1, &id1, k2, &id2, &l, label1, label2);
	sqlite3_stmt *stmt = NULL;
	if (rc == ATRACK_OK)
		rc = atr_stmt(db, add ? l->sql_insert : l->sql_delete, &stmt);
	if (rc == ATRACK_OK) {
		sqlite3_bind_int64(stmt, 1, id1);
		sqlite3_bind_int64(stmt, 2, id2);
		int src = sqlite3_step(stmt);
		if (src == SQLITE_CONSTRAINT_UNIQUE)
			rc = atr_error(db, ATRACK_CONFLICT, "%s %s is already linked to %s %s",
			               atr_noun_kind_label(l->a, kb1), label1,
			               atr_noun_kind_label(l->b, kb2), label2);
		else if (src != SQLITE_DONE)
			rc = atr_sql_error(db, src, add ? "cannot link" : "cannot unlink");
		else if (!add && sqlite3_changes(db->sql) == 0)
			rc = atr_error(db, ATRACK_NOTFOUND, "%s %s is not linked to %s %s",
			               atr_noun_kind_label(l->a, kb1), label1,
			               atr_noun_kind_label(l->b, kb2), label2);
		atr_stmt_done(stmt);
	}
	return atr_write_end(db, rc);
}

int atrack_link(atrack_db *db, atrack_kind from_kind, int64_t from_id,
                atrack_kind to_kind, int64_t to_id)
{
	return link_change(db, from_kind, from_id, to_kind, to_id, true);
}

int atrack_unlink(atrack_db *db, atrack_kind from_kind, int64_t from_id,
                  atrack_kind to_kind, int64_t to_id)
{
	return link_change(db, from_kind, from_id, to_kind, to_id, false);
}

static int load_link_row(atrack_iter *it)
{
	atrack_link_row *row = it->row;
	row->kind = (atrack_kind)sqlite3_column_int(it->stmt, 0);
	row->id = sqlite3_column_int64(it->stmt, 1);
	row->slug = atr_column_text(it->stmt, 2);
	row->name = atr_column_text(it->stmt, 3);
	return ATRACK_OK;
}

/* One arm of the link listing: the other side of `l`, seen from column
 * `mine`. Table and column names are the library's constants. */
static void link_arm(atr_buf *q, const atr_link *l, bool from_a)
{
	const atr_noun *other = atr_noun_of(from_a ? l->b : l->a);
	if (q->len)
		atr_buf_puts(q, " UNION ALL ");
	atr_buf_printf(q, "SELECT %d, o.id, o.slug, o.%s FROM %s AS l JOIN %s AS o "
	               "ON o.id = l.%s WHERE l.%s = ?1", (int)other->kind, other->name_column,
	               l->table, other->table, from_a ? l->col_b : l->col_a,
	               from_a ? l->col_a : l->col_b);
}

int atrack_link_list(atrack_db *db, atrack_kind kind, int64_t id, atrack_iter **out)
{
	const atr_noun *n;
	if (out)
		*out = NULL;
	int rc = atr_noun_enter(db, kind, "output", out, &n);
	if (rc != ATRACK_OK)
		return rc;
	char label[160];
	rc = atr_entity_row_label(db, n, id, label, sizeof label);
	if (rc != ATRACK_OK)
		return rc;
	atr_buf q = ATR_BUF_INIT;
	size_t link_count;
	const atr_link *links = atr_noun_links(&link_count);
	for (size_t i = 0; i < link_count; i++) {
		if (links[i].a == kind)
			link_arm(&q, &links[i], true);
		if (links[i].b == kind)
			link_arm(&q, &links[i], false);
	}
	if (!q.len)
		atr_buf_puts(&q, "SELECT 0, 0, NULL, NULL WHERE ?1 IS NULL");
	atr_buf_puts(&q, " ORDER BY 1, 4, 2");
	if (atr_buf_failed(&q))
		return atr_error(db, ATRACK_NOMEM, "out of memory");
	sqlite3_stmt *stmt;
	rc = atr_prepare(db, q.data, &stmt);
	atr_buf_clear(&q);
	if (rc != ATRACK_OK)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	return atr_iter_new(db, (atrack_kind)0, stmt, sizeof(atrack_link_row), load_link_row, out);
}

const atrack_link_row *atrack_iter_link(const atrack_iter *it)
{
	return it && it->load_row == load_link_row && !it->done ? it->row : NULL;
}
