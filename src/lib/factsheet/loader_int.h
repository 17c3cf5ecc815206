/*
 * loader_int.h - what the files of the fact-sheet loader share; nothing
 * outside the loader includes it but the tests. The loader writes a parsed
 * model (factsheet.h) into the database. Its files, each calling only
 * those listed before it (and the core, atrack_int.h):
 *   loader_sql.c       every SQL statement the loader runs, in one table
 *   loader_stmt.c      binding and stepping those statements
 *   loader_idset.c     a set of row ids, so matching stays linear
 *   loader_document.c  the document: its slug, finding it, writing its text
 *   loader_shared.c    things shared between documents (parties, people,
 *                      meetings, sections, frameworks, focus areas,
 *                      exercises, cited documents) and the meetings' links
 *   loader_initiative.c  initiatives, their links and announcements
 *   loader.c           the public entry points and the whole import
 */
#ifndef ATRACK_LOADER_INT_H
#define ATRACK_LOADER_INT_H

#include "atrack_int.h"
#include "factsheet.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- loader_sql.c: the statements ----------------------------------------- */

/* Every statement of the loader, by name. */
typedef enum fsl_sql_id {
	FSL_PARTY_FIND, FSL_PARTY_INSERT,
	FSL_PERSON_FIND, FSL_PERSON_INSERT,
	FSL_MEETING_FIND, FSL_MEETING_INSERT,
	FSL_SECTION_FIND, FSL_SECTION_INSERT,
	FSL_FRAMEWORK_FIND, FSL_FRAMEWORK_INSERT,
	FSL_FOCUS_AREA_FIND, FSL_FOCUS_AREA_INSERT,
	FSL_EXERCISE_FIND, FSL_EXERCISE_INSERT,
	FSL_CITED_FIND, FSL_CITED_INSERT,
	FSL_DOCUMENT_PARTY_UPSERT, FSL_DOCUMENT_PARTY_OF_DOCUMENT, FSL_DOCUMENT_PARTY_DELETE,
	FSL_FRAMEWORK_FOCUS_AREA_INSERT,
	FSL_MEETING_PERSON_INSERT,
	FSL_MEETING_DOCUMENT_INSERT,
	FSL_INITIATIVE_FRAMEWORK_INSERT, FSL_INITIATIVE_FRAMEWORK_SELECT, FSL_INITIATIVE_FRAMEWORK_DELETE,
	FSL_INITIATIVE_PARTY_INSERT, FSL_INITIATIVE_PARTY_SELECT, FSL_INITIATIVE_PARTY_DELETE,
	FSL_INITIATIVE_EXERCISE_INSERT, FSL_INITIATIVE_EXERCISE_SELECT, FSL_INITIATIVE_EXERCISE_DELETE,
	FSL_INITIATIVE_DOCUMENT_INSERT, FSL_INITIATIVE_DOCUMENT_SELECT, FSL_INITIATIVE_DOCUMENT_DELETE,
	FSL_INITIATIVE_FOCUS_AREA_INSERT, FSL_INITIATIVE_FOCUS_AREA_SELECT, FSL_INITIATIVE_FOCUS_AREA_DELETE,
	FSL_INITIATIVE_SLUG_TAKEN,
	FSL_INITIATIVE_INSERT,
	FSL_ANNOUNCEMENT_INSERT,
	FSL_INITIATIVE_PREVIOUS_BY_SLUG,
	FSL_INITIATIVE_PREVIOUS_BY_POSITION,
	FSL_INITIATIVE_REVISE,
	FSL_INITIATIVE_OF_DOCUMENT,
	FSL_DOCUMENT_BY_DIGEST,
	FSL_DOCUMENT_BY_SLUG,
	FSL_DOCUMENT_TEXT_KEEP,
	FSL_DOCUMENT_INSERT,
	FSL_DOCUMENT_REVISE,
	FSL_SQL_COUNT
} fsl_sql_id;

/* A statement and the table it reads or writes first. */
typedef struct fsl_statement {
	const char *table;
	const char *sql;
} fsl_statement;

/* Indexed by fsl_sql_id; every entry is set. The tests prepare each one
 * against a freshly migrated database and check that every INSERT names
 * every column of its table but those left to the defaults. */
extern const fsl_statement fsl_sql[FSL_SQL_COUNT];

/* The cached statement for `id`. */
int fsl_stmt(atrack_db *db, fsl_sql_id id, sqlite3_stmt **out);

/* ---- The state of one import ---------------------------------------------- */

typedef struct fsl_idset fsl_idset;

typedef struct loader {
	atrack_db *db;
	const fs_model *model;
	atrack_import_result *result;
	const char *source; /* the text's name, for messages */
	int64_t document_id;
	bool revising;     /* the document was there before this import */
	char now[25];
	char today[11];
	/* The date of announcements and new meetings the text leaves undated
	 * (opts->meeting_date); "" when none was given. */
	char default_date[11];
	/* Database ids of the model's elements, index for index. */
	int64_t *party_ids;
	int64_t *person_ids;
	int64_t *meeting_ids;
	int64_t *section_ids;
	int64_t *framework_ids;
	int64_t *focus_area_ids;
	int64_t *exercise_ids;
	int64_t *cited_ids;
	int64_t *initiative_ids;
	/* The initiatives this text has matched or added so far. */
	fsl_idset *taken;
} loader;

/* ---- loader_stmt.c: binding and stepping ------------------------------------ */

void fsl_bind_text(sqlite3_stmt *stmt, int index, const char *text);
/* An id, a line or a position of 0 or less means "none": bound as NULL. */
void fsl_bind_optional_int(sqlite3_stmt *stmt, int index, int64_t value);
/* Step a cached statement that returns no row, and reset it. */
int fsl_run(loader *L, sqlite3_stmt *stmt, const char *what);
/* Step a cached statement returning at most one id. */
int fsl_run_for_id(loader *L, sqlite3_stmt *stmt, int64_t *id, bool *found, const char *what);
/* Insert with a statement whose parameters are bound, and give the new id. */
int fsl_run_insert(loader *L, sqlite3_stmt *stmt, int64_t *id, const char *what);
void fsl_count(atrack_import_count *c, bool added);

/* ---- loader_idset.c: a set of ids ---------------------------------------- */

/* An empty set with room for `expected` ids; NULL when out of memory. */
fsl_idset *fsl_idset_new(size_t expected);
void fsl_idset_free(fsl_idset *set);
bool fsl_idset_has(const fsl_idset *set, int64_t id);
/* Add `id` (one of 0 or less is not kept); false when out of memory. */
bool fsl_idset_add(fsl_idset *set, int64_t id);

/* ---- loader_document.c ------------------------------------------------------ */

/* The document's slug: its principal meeting's, else its title's. */
char *fsl_document_slug(const fs_model *model);
/* Find the document this text is (by digest, *same_text) or revises (a
 * fact sheet of the same slug, so of the same meeting, and the same
 * title); set L->document_id (0 for a new document). A different document
 * holding the slug is left alone: the new one gets the slug with -2, -3,
 * ... after it, *slug replaced. */
int fsl_find_document(loader *L, char **slug, const char *title, const char *sha256,
                      bool *same_text);
/* Write the document's text: a new row, or, for a revision, the new text
 * in place with the one it replaces kept in document_text. */
int fsl_write_document(loader *L, const char *slug, const char *title, const char *source,
                       const char *sha256, const char *text, size_t len);

/* ---- loader_shared.c -------------------------------------------------------- */

/* Find or add every shared thing of the model, and link the meetings. */
int fsl_load_shared(loader *L);

/* ---- loader_initiative.c ---------------------------------------------------- */

/* The date of the announcement of a new initiative of meeting `meeting`
 * (-1: none): the meeting's date, else the default date, but never after
 * today. NULL when neither is known. */
const char *fsl_announcement_date(const loader *L, int meeting);
/* Add or revise every initiative, then count those left behind. */
int fsl_load_initiatives(loader *L);

#endif
