/*
 * atrack/exchange.h - part of the public interface of libatrack, included by
 * atrack.h (include that, not this): moving a whole database between
 * machines and tools as one JSON document (export and import). The JSON
 * format is described in docs/export-format.md and docs/export.schema.json.
 */
#ifndef ATRACK_EXCHANGE_H
#define ATRACK_EXCHANGE_H

#ifndef ATRACK_H
#error "include <atrack.h>, not <atrack/exchange.h>"
#endif

#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The "format" and "format_version" an export carries and an import
 * requires. */
#define ATRACK_EXPORT_FORMAT "atrack-export"
#define ATRACK_EXPORT_FORMAT_VERSION 1

/* The largest JSON document an import reads, in bytes (256 MiB). The whole
 * document is parsed into memory before anything is written, so a larger
 * one is refused with ATRACK_PARSE before it is parsed. */
#define ATRACK_IMPORT_JSON_MAX_BYTES (256u * 1024u * 1024u)

#define ATRACK_EXCHANGE_DRY_RUN       0x1u /* import: do it all, report, roll back */
#define ATRACK_EXCHANGE_AUDIT_LOG     0x2u /* export: add the "audit_log" array */
#define ATRACK_EXCHANGE_KEEP_EXISTING 0x4u /* import: on a conflict keep the
                                              database's row and go on */

/* Called once per conflict an import finds: `path` is the JSON path of the
 * document's row ("$.parties[2]"), `message` says what differs. Both are
 * borrowed for the call (O2). */
typedef void (*atrack_conflict_cb)(const char *path, const char *message, void *payload);

typedef struct atrack_exchange_opts {
	unsigned int version;     /* ATRACK_EXCHANGE_OPTS_VERSION */
	unsigned int flags;       /* ATRACK_EXCHANGE_* */
	const char *source_name;  /* import: file name used in messages; NULL for "-" */
	atrack_conflict_cb conflict_cb; /* import: may be NULL */
	void *payload;            /* handed to conflict_cb */
} atrack_exchange_opts;

#define ATRACK_EXCHANGE_OPTS_VERSION 1
#define ATRACK_EXCHANGE_OPTS_INIT { ATRACK_EXCHANGE_OPTS_VERSION, 0u, NULL, NULL, NULL }

/* What an import did with the rows of one array of the document. */
typedef struct atrack_exchange_count {
	unsigned int in_document; /* rows in the document */
	unsigned int added;       /* not in the database before: inserted */
	unsigned int matched;     /* already there with the same content */
	unsigned int conflicts;   /* already there (same key) with other content */
} atrack_exchange_count;

#define ATRACK_EXCHANGE_MAX_TABLES 32

typedef struct atrack_exchange_result {
	/* One entry per array of the format, in the order of the document;
	 * `name` is the array's name ("parties"), static storage. */
	unsigned int table_count;
	struct {
		const char *name;
		atrack_exchange_count count;
	} tables[ATRACK_EXCHANGE_MAX_TABLES];
	unsigned int conflicts;          /* the sum over tables */
	unsigned int audit_log_skipped;  /* entries of "audit_log": never imported */
} atrack_exchange_result;

/*
 * Write the whole database as one JSON document (format "atrack-export",
 * version 1): every status code, document, party, person, meeting,
 * participant, section, framework, focus area, exercise, initiative, link
 * and progress update, rows ordered by id, references written as the slug
 * (or status code) of the row referred to. With ATRACK_EXCHANGE_AUDIT_LOG
 * the audit log is added. The rows are read in one read transaction, so
 * the document is a consistent snapshot even while others write; they are
 * written one at a time, so memory use does not grow with the database.
 * Exporting the same database twice gives the same bytes.
 *
 * opts  may be NULL for the defaults.
 *
 * atrack_export_file writes to `out` (not closed; the caller checks it);
 * atrack_export_path writes `path` atomically (a temporary file in the same
 * folder, renamed over `path` once complete and flushed, with the rules of
 * atrack_outfile_open: a device or FIFO written in place, a symlink
 * followed, the database refused with ATRACK_INVALID), created 0600 less
 * the umask; atrack_export_buffer sets *out to the NUL-terminated text,
 * freed with atrack_free (O3).
 *
 * Returns ATRACK_OK; ATRACK_IO (a write failed; for a path, nothing is
 * left behind); ATRACK_NOTFOUND (the folder of `path` does not exist);
 * ATRACK_CORRUPT (a row refers to one that is not there: the message
 * names both; see atrack_check); ATRACK_INVALID (text that is not UTF-8,
 * which JSON cannot carry); ATRACK_BUSY, ATRACK_NOMEM, ATRACK_MISUSE (NULL
 * handle, stream or out; an unknown opts->version). After a failure, what atrack_export_file wrote
 * so far is not a whole document.
 */
ATRACK_EXTERN int atrack_export_file(atrack_db *db, const atrack_exchange_opts *opts, FILE *out);
ATRACK_EXTERN int atrack_export_path(atrack_db *db, const atrack_exchange_opts *opts,
                                     const char *path);
ATRACK_EXTERN int atrack_export_buffer(atrack_db *db, const atrack_exchange_opts *opts,
                                       char **out);

/*
 * Import a document that atrack_export_* wrote (or one like it), in one
 * transaction.
 *
 * Each row is matched by its natural key: the slug (the code for a status
 * code); for links and participants the pair of rows they join; for a
 * progress update its initiative, event_date, recorded_at and status. A
 * row whose key is not in the database is added; one that is there with
 * the same content is matched and left alone; one that is there with other
 * content is a conflict, passed to opts->conflict_cb and counted. With
 * conflicts the import fails with ATRACK_CONFLICT and writes nothing,
 * unless ATRACK_EXCHANGE_KEEP_EXISTING is set: then the database's row
 * stays as it is, references to it go to it, and the import goes on. Into
 * an empty database everything is added, and exporting it again gives the
 * same bytes as the document (without the audit log: the import writes
 * its own). An "audit_log" array is checked to be an array and skipped
 * (counted in result->audit_log_skipped): the target keeps its own log.
 * With ATRACK_EXCHANGE_DRY_RUN everything is done and counted, then
 * rolled back.
 *
 * text, len  the document (need not end in NUL), at most
 *            ATRACK_IMPORT_JSON_MAX_BYTES.
 * in, path   the same, read from a stream (to its end) or a file.
 * opts       may be NULL for the defaults.
 * result     [out] per array: rows in the document, added, matched,
 *            conflicts; may be NULL. Filled on ATRACK_OK and on
 *            ATRACK_CONFLICT.
 *
 * Returns ATRACK_OK; ATRACK_PARSE for text that is not JSON (the message
 * is "SOURCE:LINE:COLUMN: why", and atrack_errline/atrack_errcolumn give
 * the place) or too large; ATRACK_INVALID for a document that is JSON but
 * not an acceptable export: another format or format_version, a newer
 * schema_version, a missing required field, a field of the wrong type or
 * unknown, a bad date or time, a reference to a row that is neither in
 * the document nor in the database, a key given twice, a value the schema
 * refuses, a progress update that atrack_update_add would refuse (the
 * same checks: fields and transitions T1-T3); the message starts with the
 * place and the JSON path ("doc.json:9:41: $.initiatives[3].section: no
 * section 'foo' in the document or the database"; lines and columns from
 * 1, and atrack_errline/atrack_errcolumn give them). A UTF-8 byte order
 * mark before the document is skipped. ATRACK_CONFLICT
 * (above; the message gives the count and the first); ATRACK_NOTFOUND and
 * ATRACK_IO for a path that cannot be read; ATRACK_READONLY, ATRACK_BUSY,
 * ATRACK_NOMEM; ATRACK_MISUSE (NULL handle, stream or path; an unknown
 * opts->version; a report open on the handle). On any failure the
 * database is exactly as it was.
 */
ATRACK_EXTERN int atrack_import_json_buffer(atrack_db *db, const char *text, size_t len,
                                            const atrack_exchange_opts *opts,
                                            atrack_exchange_result *result);
ATRACK_EXTERN int atrack_import_json_file(atrack_db *db, FILE *in,
                                          const atrack_exchange_opts *opts,
                                          atrack_exchange_result *result);
ATRACK_EXTERN int atrack_import_json_path(atrack_db *db, const char *path,
                                          const atrack_exchange_opts *opts,
                                          atrack_exchange_result *result);

#ifdef __cplusplus
}
#endif

#endif /* ATRACK_EXCHANGE_H */
