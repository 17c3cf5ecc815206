/*
 * atrack/import.h - part of the public interface of libatrack, included by
 * atrack.h (include that, not this): reading fact sheets into the database,
 * and the fact sheet compiled into the library.
 */
#ifndef ATRACK_IMPORT_H
#define ATRACK_IMPORT_H

#ifndef ATRACK_H
#error "include <atrack.h>, not <atrack/import.h>"
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* The largest fact sheet accepted, in bytes (4 MiB). A larger text is
 * refused with ATRACK_PARSE before it is parsed. */
#define ATRACK_FACTSHEET_MAX_BYTES (4u * 1024u * 1024u)

/* What an import did with the document as a whole. */
typedef enum atrack_import_outcome {
	ATRACK_IMPORT_NEW = 1,       /* a document not seen before */
	ATRACK_IMPORT_UNCHANGED = 2, /* the same text was imported already: nothing written */
	ATRACK_IMPORT_REVISED = 3    /* a new text of a known document (same meeting and
	                                title): updated in place, the old text kept */
} atrack_import_outcome;

/* Rows of one kind an import found in the text, and how many of them were
 * not in the database before. */
typedef struct atrack_import_count {
	unsigned int found;
	unsigned int added;
} atrack_import_count;

typedef struct atrack_import_result {
	atrack_import_outcome outcome;
	int64_t document_id;
	char document_slug[64];
	atrack_import_count parties;
	atrack_import_count people;
	atrack_import_count meetings;
	atrack_import_count participants;
	atrack_import_count sections;
	atrack_import_count initiatives;
	atrack_import_count frameworks;
	atrack_import_count focus_areas;
	atrack_import_count exercises;
	atrack_import_count cited_documents;
	atrack_import_count links;
	/* Initiatives of an earlier text of the document that the revised text
	 * no longer has. They are kept, with their progress updates. */
	unsigned int initiatives_no_longer_in_document;
} atrack_import_result;

#define ATRACK_IMPORT_DRY_RUN 0x1u /* do everything, report it, then roll back */

typedef struct atrack_import_opts {
	unsigned int version;    /* ATRACK_IMPORT_OPTS_VERSION */
	const char *source_name; /* file name recorded with the document and used in
	                            messages; NULL for "-" */
	unsigned int flags;      /* ATRACK_IMPORT_* */
	/* Since version 2: the meeting's date, "YYYY-MM-DD", for a text that
	 * gives none (NULL: none). It dates the "announced" updates of items
	 * whose meeting the text leaves undated (or that have no meeting), and
	 * is the date of a new meeting the text gives no date for. A text's
	 * own date always wins. Callers built against version 1 pass a struct
	 * without this member, which the library then does not read. */
	const char *meeting_date;
} atrack_import_opts;

#define ATRACK_IMPORT_OPTS_VERSION 2
#define ATRACK_IMPORT_OPTS_INIT { ATRACK_IMPORT_OPTS_VERSION, NULL, 0, NULL }

/*
 * Import a fact sheet: `len` bytes of UTF-8 `text` (need not end in NUL).
 *
 * The text is parsed first; then everything it holds — meetings, people and
 * their roles, parties, sections, initiatives, frameworks, focus areas,
 * exercises, cited documents and the links between them — is written in
 * one transaction, each row with the document and line it came from. Things
 * already in the database (same slug or name) are matched, not duplicated.
 * New initiatives get a first progress update, status "announced", dated by
 * their meeting (else by opts->meeting_date); an announcement is never
 * dated after today, so a meeting to be held later does not hide the
 * updates logged before it. The same text imported again changes nothing
 * (ATRACK_IMPORT_UNCHANGED); a revised text of a known document (same
 * meeting, same title) updates it in place and keeps every progress
 * update, and the text it replaces is kept (table document_text). A
 * different document of the same meeting is a new document (its slug
 * gets -2, -3, ...), whose initiatives are its own, linked to the same
 * meeting: the first document's text and initiatives are left alone.
 *
 * opts    may be NULL for the defaults; version 1 or 2 (ATRACK_MISUSE for
 *         any other).
 * result  [out] what was found and added; may be NULL.
 *
 * Lines end in LF, CR LF or a lone CR.
 *
 * Returns ATRACK_OK; ATRACK_PARSE for text that is empty, too large, in
 * UTF-16 or UTF-32 ("UTF-16, convert to UTF-8"), not UTF-8, holds NUL
 * bytes, or has no section or list item — atrack_errmsg
 * says "SOURCE:LINE:COLUMN: why" and atrack_errline/atrack_errcolumn give
 * the place; ATRACK_INVALID when an initiative is to be announced and its
 * date is unknown (the text gives its meeting no date and opts gives no
 * meeting_date: atrack_errmsg says "the meeting date is unknown"), or
 * meeting_date is not a date; ATRACK_READONLY, ATRACK_BUSY, ATRACK_NOMEM,
 * ATRACK_IO. On any failure the database is exactly as it was.
 */
ATRACK_EXTERN int atrack_import_factsheet(atrack_db *db, const char *text, size_t len,
                                          const atrack_import_opts *opts,
                                          atrack_import_result *result);

/* The fact sheet compiled into the library (the 56th U.S.-ROK Security
 * Consultative Meeting, 2024): its text, length and file name. Static
 * storage; never freed. */
ATRACK_EXTERN const char *atrack_bundled_factsheet(size_t *out_len, const char **out_name);

/*
 * Parse a fact sheet without touching any database and describe what it
 * holds as a JSON document (the document model: title, meetings, people,
 * parties, sections, initiatives with their links, frameworks, focus areas,
 * exercises, cited documents, each with its line and column).
 *
 * db    used only for the error message; may be NULL.
 * out   [out] the JSON text, freed with atrack_free (O3).
 *
 * Returns ATRACK_OK, ATRACK_PARSE (as for atrack_import_factsheet) or
 * ATRACK_NOMEM.
 */
ATRACK_EXTERN int atrack_factsheet_json(atrack_db *db, const char *text, size_t len,
                                        const char *source_name, char **out);

#ifdef __cplusplus
}
#endif

#endif /* ATRACK_IMPORT_H */
