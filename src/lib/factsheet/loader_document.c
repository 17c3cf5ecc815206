/*
 * loader_document.c - the imported document itself: the slug it is known
 * by, recognising a text imported before (by digest) or a document it
 * revises, and writing its text. Calls loader_sql.c, loader_stmt.c and the
 * core.
 */
#include "loader_int.h"

#include <stdio.h>
#include <string.h>

/* The document's slug before slugs were held to FS_SLUG_MAX: a text that
 * revises a document stored under it is still found. */
static char *legacy_document_slug(const fs_model *model)
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

char *fsl_document_slug(const fs_model *model)
{
	char *out = NULL;
	if (model->meeting_count > 0) {
		if (fs_slug_fit(model->meetings[0].slug, "-fact-sheet", &out) != ATRACK_OK)
			return NULL;
		return out ? out : atr_slugify(model->meetings[0].slug, FS_SLUG_MAX);
	}
	char *from_title = atr_slugify(model->title ? model->title : "fact sheet", FS_SLUG_MAX);
	if (!from_title)
		return NULL;
	if (*from_title && strspn(from_title, "0123456789-") != strlen(from_title))
		return from_title;
	atr_free(from_title);
	return atr_strdup("fact-sheet");
}

/* The document of `slug`: none, one this text revises, or another. */
static int document_of_slug(loader *L, const char *slug, const char *title, int64_t *id,
                            bool *found, bool *revises)
{
	sqlite3_stmt *stmt;
	int rc = fsl_stmt(L->db, FSL_DOCUMENT_BY_SLUG, &stmt);
	if (rc != ATRACK_OK)
		return rc;
	fsl_bind_text(stmt, 1, slug);
	fsl_bind_text(stmt, 2, title);
	int src = sqlite3_step(stmt);
	*found = src == SQLITE_ROW;
	*revises = *found && sqlite3_column_int(stmt, 1);
	if (*found)
		*id = sqlite3_column_int64(stmt, 0);
	atr_stmt_done(stmt);
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		return atr_sql_error(L->db, src, "cannot look up document");
	return ATRACK_OK;
}

int fsl_find_document(loader *L, char **slug, const char *title, const char *sha256,
                      bool *same_text)
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
	L->document_id = found ? id : 0;
	if (found)
		return ATRACK_OK;
	/* a document stored under its longer slug of earlier versions */
	char *legacy = legacy_document_slug(L->model);
	if (!legacy)
		return atr_error(L->db, ATRACK_NOMEM, "out of memory");
	for (int n = 1; n <= 1000 && strcmp(legacy, *slug) != 0; n++) {
		atr_buf b = ATR_BUF_INIT;
		atr_buf_puts(&b, legacy);
		if (n > 1)
			atr_buf_printf(&b, "-%d", n);
		char *candidate = atr_buf_detach(&b);
		bool revises = false;
		rc = candidate ? document_of_slug(L, candidate, title, &id, &found, &revises)
		               : atr_error(L->db, ATRACK_NOMEM, "out of memory");
		if (rc == ATRACK_OK && found && revises) {
			L->document_id = id;
			atr_free(*slug);
			*slug = candidate;
			atr_free(legacy);
			return ATRACK_OK;
		}
		atr_free(candidate);
		if (rc != ATRACK_OK) {
			atr_free(legacy);
			return rc;
		}
		if (!found)
			break; /* no earlier document of that slug */
	}
	atr_free(legacy);
	for (int n = 1; n <= 1000; n++) {
		char *candidate = NULL;
		char suffix[16];
		snprintf(suffix, sizeof suffix, "-%d", n);
		rc = n > 1 ? fs_slug_fit(*slug, suffix, &candidate) : ATRACK_OK;
		if (rc == ATRACK_OK && !candidate) {
			/* one word too long to cut at a word: cut it anywhere */
			atr_buf b = ATR_BUF_INIT;
			size_t keep = strlen(*slug);
			if (n > 1 && keep + strlen(suffix) > FS_SLUG_MAX)
				keep = FS_SLUG_MAX - strlen(suffix);
			atr_buf_append(&b, *slug, keep);
			if (n > 1)
				atr_buf_puts(&b, suffix);
			candidate = atr_buf_detach(&b);
		}
		if (rc != ATRACK_OK || !candidate)
			return atr_error(L->db, ATRACK_NOMEM, "out of memory");
		bool revises;
		rc = document_of_slug(L, candidate, title, &id, &found, &revises);
		if (rc != ATRACK_OK || (found && !revises)) {
			atr_free(candidate);
			if (rc != ATRACK_OK)
				return rc;
			continue;
		}
		/* Free, or the document this text revises. */
		L->document_id = found ? id : 0;
		atr_free(*slug);
		*slug = candidate;
		return ATRACK_OK;
	}
	return atr_error(L->db, ATRACK_CONFLICT, "document slug '%s' is taken too often", *slug);
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
		sqlite3_stmt *keep;
		if ((rc = fsl_stmt(L->db, FSL_DOCUMENT_TEXT_KEEP, &keep)) != ATRACK_OK) {
			atr_stmt_done(stmt);
			return rc;
		}
		sqlite3_bind_int64(keep, 1, L->document_id);
		if ((rc = fsl_run(L, keep, "cannot keep the earlier text")) != ATRACK_OK) {
			atr_stmt_done(stmt);
			return rc;
		}
		return fsl_run(L, stmt, "cannot revise document");
	}
	return fsl_run_insert(L, stmt, &L->document_id, "cannot add document");
}
