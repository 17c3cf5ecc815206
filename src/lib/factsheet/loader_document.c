/*
 * loader_document.c - the imported document itself: the slug it is known
 * by, recognising a text imported before (by digest) or a document it
 * revises, and writing its text. Calls loader_sql.c, loader_stmt.c and the
 * core.
 */
#include "loader_int.h"

#include <string.h>

char *fsl_document_slug(const fs_model *model)
{
	atr_buf b = ATR_BUF_INIT;
	if (model->meeting_count > 0) {
		atr_buf_printf(&b, "%s-fact-sheet", model->meetings[0].slug);
	} else {
		char *from_title = atr_slugify(model->title ? model->title : "fact sheet", 56);
		if (!from_title)
			return NULL;
		atr_buf_puts(&b, *from_title && strspn(from_title, "0123456789-") != strlen(from_title)
		                 ? from_title : "fact-sheet");
		atr_free(from_title);
	}
	return atr_buf_detach(&b);
}

int fsl_find_document(loader *L, const char *slug, const char *sha256, bool *same_text)
{
	sqlite3_stmt *stmt;
	bool found;
	int64_t id;
	int rc = fsl_stmt(L->db, FSL_DOCUMENT_BY_DIGEST, &stmt);
	if (rc != ATRACK_OK)
		return rc;
	fsl_bind_text(stmt, 1, sha256);
	if ((rc = fsl_run_for_id(L, stmt, &id, &found, "cannot look up document")) != ATRACK_OK)
		return rc;
	*same_text = found;
	if (found) {
		L->document_id = id;
		return ATRACK_OK;
	}
	if ((rc = fsl_stmt(L->db, FSL_DOCUMENT_BY_SLUG, &stmt)) != ATRACK_OK)
		return rc;
	fsl_bind_text(stmt, 1, slug);
	rc = fsl_run_for_id(L, stmt, &id, &found, "cannot look up document");
	L->document_id = found ? id : 0;
	return rc;
}

int fsl_write_document(loader *L, const char *slug, const char *title, const char *source,
                       const char *sha256, const char *text, size_t len)
{
	bool revising = L->document_id != 0;
	sqlite3_stmt *stmt;
	int rc = fsl_stmt(L->db, revising ? FSL_DOCUMENT_REVISE : FSL_DOCUMENT_INSERT, &stmt);
	if (rc != ATRACK_OK)
		return rc;
	fsl_bind_text(stmt, 1, slug);
	fsl_bind_text(stmt, 2, title);
	fsl_bind_text(stmt, 3, source);
	fsl_bind_text(stmt, 4, sha256);
	sqlite3_bind_int64(stmt, 5, (sqlite3_int64)len);
	sqlite3_bind_text(stmt, 6, text, (int)len, SQLITE_STATIC);
	fsl_bind_text(stmt, 7, L->now);
	if (revising) {
		sqlite3_bind_int64(stmt, 8, L->document_id);
		return fsl_run(L, stmt, "cannot revise document");
	}
	return fsl_run_insert(L, stmt, &L->document_id, "cannot add document");
}
