/*
 * export.c - writes the whole database as one JSON document (format
 * "atrack-export") to a stream, a file (atomically) or a buffer. The
 * envelope is written by hand and each row is dumped by jansson on its own,
 * so memory use stays that of one row however long the history is; the
 * rows are read in one read transaction, so the document is a snapshot.
 */
#include "exchange_int.h"
#include "core/outfile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Where the document goes: a stream or a buffer. A failed write is
 * remembered and reported once at the end. */
typedef struct writer {
	FILE *file;
	atr_buf *buf;
	bool failed;
} writer;

static int write_bytes(const char *data, size_t size, void *payload)
{
	writer *w = payload;
	if (w->failed)
		return -1;
	if (w->file) {
		if (fwrite(data, 1, size, w->file) != size)
			w->failed = true;
	} else {
		atr_buf_append(w->buf, data, size);
		w->failed = atr_buf_failed(w->buf);
	}
	return w->failed ? -1 : 0;
}

static void put(writer *w, const char *s)
{
	write_bytes(s, strlen(s), w);
}

/* One array: `"name": [` then one row per line. */
static int write_table(atrack_db *db, writer *w, const xt_table *t, bool last)
{
	char *sql = xt_select_sql(t, false);
	if (!sql)
		return atr_error(db, ATRACK_NOMEM, "out of memory");
	sqlite3_stmt *stmt = NULL;
	int rc = atr_prepare(db, sql, &stmt);
	atr_free(sql);
	if (rc != ATRACK_OK)
		return rc;
	put(w, "  \"");
	put(w, t->array);
	put(w, "\": [");
	int src;
	bool first = true;
	while (rc == ATRACK_OK && (src = sqlite3_step(stmt)) == SQLITE_ROW) {
		json_t *row;
		rc = xt_row_json(db, t, stmt, &row);
		if (rc != ATRACK_OK)
			break;
		put(w, first ? "\n    " : ",\n    ");
		first = false;
		json_dump_callback(row, write_bytes, w, JSON_PRESERVE_ORDER);
		json_decref(row);
	}
	if (rc == ATRACK_OK && src != SQLITE_DONE)
		rc = atr_sql_error(db, src, "cannot read rows to export");
	sqlite3_finalize(stmt);
	put(w, first ? "]" : "\n  ]");
	put(w, last ? "\n" : ",\n");
	return rc;
}

static int write_document(atrack_db *db, const atrack_exchange_opts *opts, writer *w)
{
	bool audit = opts && (opts->flags & ATRACK_EXCHANGE_AUDIT_LOG);
	size_t count = audit ? XT_COUNT : XT_DATA_COUNT;
	/* A savepoint opens a read transaction when there is none and nests
	 * inside a caller's, so every table is read from one snapshot. */
	int src = sqlite3_exec(db->sql, "SAVEPOINT atrack_export", NULL, NULL, NULL);
	if (src != SQLITE_OK)
		return atr_sql_error(db, src, "cannot begin export");
	char head[256];
	snprintf(head, sizeof head, "{\n  \"format\": \"%s\",\n  \"format_version\": %d,\n"
	         "  \"atrack_version\": \"%s\",\n  \"schema_version\": %d,\n",
	         ATRACK_EXPORT_FORMAT, ATRACK_EXPORT_FORMAT_VERSION, atrack_libversion(),
	         atrack_schema_version());
	put(w, head);
	int rc = ATRACK_OK;
	for (size_t i = 0; rc == ATRACK_OK && i < count; i++)
		rc = write_table(db, w, &xt_tables[i], i + 1 == count);
	put(w, "}\n");
	sqlite3_exec(db->sql, "RELEASE atrack_export", NULL, NULL, NULL);
	if (rc == ATRACK_OK && w->failed)
		rc = w->buf ? atr_error(db, ATRACK_NOMEM, "out of memory")
		            : atr_error(db, ATRACK_IO, "cannot write export: %s", strerror(errno));
	return rc;
}

int xt_check_opts(atrack_db *db, const atrack_exchange_opts *opts)
{
	if (opts && opts->version != ATRACK_EXCHANGE_OPTS_VERSION)
		return atr_error(db, ATRACK_MISUSE, "unknown atrack_exchange_opts version %u",
		                 opts->version);
	return ATRACK_OK;
}

int atrack_export_file(atrack_db *db, const atrack_exchange_opts *opts, FILE *out)
{
	if (!atr_db_usable(db) || !out)
		return atr_misuse(db, "atrack_export_file");
	atr_clear_error(db);
	if (xt_check_opts(db, opts) != ATRACK_OK)
		return ATRACK_MISUSE;
	writer w = { out, NULL, false };
	int rc = write_document(db, opts, &w);
	if (rc == ATRACK_OK && fflush(out) != 0)
		rc = atr_error(db, ATRACK_IO, "cannot write export: %s", strerror(errno));
	return rc;
}

int atrack_export_buffer(atrack_db *db, const atrack_exchange_opts *opts, char **out)
{
	if (!atr_db_usable(db) || !out)
		return atr_misuse(db, "atrack_export_buffer");
	*out = NULL;
	atr_clear_error(db);
	if (xt_check_opts(db, opts) != ATRACK_OK)
		return ATRACK_MISUSE;
	atr_buf b = ATR_BUF_INIT;
	writer w = { NULL, &b, false };
	int rc = write_document(db, opts, &w);
	if (rc != ATRACK_OK) {
		atr_buf_clear(&b);
		return rc;
	}
	*out = atr_buf_detach(&b);
	return *out ? ATRACK_OK : atr_error(db, ATRACK_NOMEM, "out of memory");
}

int atrack_export_path(atrack_db *db, const atrack_exchange_opts *opts, const char *path)
{
	if (!atr_db_usable(db) || !path)
		return atr_misuse(db, "atrack_export_path");
	atr_clear_error(db);
	if (xt_check_opts(db, opts) != ATRACK_OK)
		return ATRACK_MISUSE;
	atr_outfile of;
	int rc = atr_outfile_open(db, path, ATR_OUT_STREAM | ATR_OUT_PRIVATE, &of);
	if (rc != ATRACK_OK)
		return rc;
	/* The stream gets a descriptor of its own: of.fd (and its lock) must
	 * stay open until the commit. */
	int fd = dup(of.fd);
	FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
	if (!f) {
		if (fd >= 0)
			close(fd);
		rc = atr_error(db, ATRACK_NOMEM, "cannot open a stream on '%s'", path);
	} else {
		writer w = { f, NULL, false };
		rc = write_document(db, opts, &w);
		if (fclose(f) != 0 && rc == ATRACK_OK)
			rc = atr_error(db, ATRACK_IO, "cannot write '%s': %s", path, strerror(errno));
	}
	if (rc == ATRACK_OK)
		return atr_outfile_commit(db, &of, ATR_OUT_STREAM);
	atr_outfile_discard(&of);
	return rc;
}
