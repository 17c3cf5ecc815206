/*
 * exchange_int.h - the description of the JSON export format that export,
 * import and their tests share (exchange_tables.c), never installed: one
 * entry per array of the document, in the order arrays are written and
 * read, which is also an order in which every reference points backwards.
 */
#ifndef ATRACK_EXCHANGE_INT_H
#define ATRACK_EXCHANGE_INT_H

#include "atrack_int.h"

#include <jansson.h>
#include <stdarg.h>

typedef enum xt_index {
	XT_STATUS,
	XT_DOCUMENT,
	XT_DOCUMENT_TEXT,
	XT_PARTY,
	XT_DOCUMENT_PARTY,
	XT_PERSON,
	XT_MEETING,
	XT_PARTICIPANT,
	XT_MEETING_DOCUMENT,
	XT_SECTION,
	XT_FRAMEWORK,
	XT_FOCUS_AREA,
	XT_EXERCISE,
	XT_INITIATIVE,
	XT_FRAMEWORK_FOCUS_AREA,
	XT_INITIATIVE_FRAMEWORK,
	XT_INITIATIVE_PARTY,
	XT_INITIATIVE_EXERCISE,
	XT_INITIATIVE_DOCUMENT,
	XT_INITIATIVE_FOCUS_AREA,
	XT_UPDATE,
	XT_DATA_COUNT,          /* the tables an import loads end here */
	XT_AUDIT = XT_DATA_COUNT,
	XT_COUNT
} xt_index;

typedef enum xt_type {
	XT_TEXT,  /* JSON string, SQL TEXT */
	XT_INT,   /* JSON integer, SQL INTEGER */
	XT_BOOL,  /* JSON true/false, SQL 0/1 */
	XT_DATE,  /* JSON string 'YYYY-MM-DD', checked */
	XT_TIME,  /* JSON string, a time as atr_time_valid reads it, checked */
	XT_REF    /* JSON string: the key of a row of `ref`; SQL its id */
} xt_type;

typedef struct xt_column {
	const char *column;  /* in SQL */
	const char *field;   /* in JSON */
	xt_type type;
	bool required;       /* NOT NULL: must be present and not null */
	xt_index ref;        /* for XT_REF */
	bool compared;       /* a difference is a conflict (false: provenance) */
} xt_column;

#define XT_MAX_COLUMNS 12
#define XT_MAX_KEY 4

typedef struct xt_table {
	const char *table;       /* SQL table */
	const char *array;       /* JSON array at the top of the document */
	const char *noun;        /* for messages: "party" */
	const char *key_column;  /* what references name a row by; NULL if none */
	xt_column columns[XT_MAX_COLUMNS];
	size_t column_count;
	unsigned char key[XT_MAX_KEY]; /* indexes into columns: the natural key */
	size_t key_count;
} xt_table;

extern const xt_table xt_tables[XT_COUNT];

/* The query that reads rows of `t` as the format writes them: the id
 * first, then two result columns per column of `t` (its value, with a
 * reference turned into the referred row's key; and for a reference, the
 * raw id, else NULL). With by_id, one row: "WHERE id = ?1"; else all, by
 * id. Returns NULL when memory runs out; free with atr_free. */
/* ATRACK_MISUSE (recorded on db) unless `opts` is NULL or of a version
 * this library knows, as for every options struct of the library. */
int xt_check_opts(atrack_db *db, const atrack_exchange_opts *opts);
char *xt_select_sql(const xt_table *t, bool by_id);

/* The JSON object of the row `stmt` (prepared from xt_select_sql) is on.
 * Returns ATRACK_OK, ATRACK_CORRUPT for a reference to a row that is not
 * there (the message names both), ATRACK_INVALID for text that is not
 * UTF-8, or ATRACK_NOMEM. */
int xt_row_json(atrack_db *db, const xt_table *t, sqlite3_stmt *stmt, json_t **out);

/* ---- Import (import_json.c, import_rows.c, import_position.c,
 * import_update.c) ---------------------------------------------------- */

/* Ids of the rows this import has matched or added in one table, with the
 * index of the document's row that did it: a second row with the same key
 * is a fault of the document, not a match. Open addressing on the id. */
typedef struct seen_map {
	int64_t *ids;   /* 0 marks a free slot: ids are never 0 */
	size_t *rows;
	size_t cap;
	size_t count;
} seen_map;

/* A field's value, checked and with references resolved, ready to bind. */
typedef struct xvalue {
	enum { XV_NULL, XV_INT, XV_TEXT } kind;
	int64_t i;
	const char *s; /* borrowed from the document */
	size_t len;
} xvalue;

/* A reference to a row later in the same array (a document citing one
 * listed after it): written once that row is in. */
typedef struct fixup {
	int64_t id;
	size_t column;
	const char *key;
} fixup;

/* A progress update this import added, and the document's row for it. */
typedef struct xi_added {
	int64_t id;
	size_t row;
} xi_added;

typedef struct importer {
	atrack_db *db;
	const char *text;   /* the document, after any byte order mark */
	size_t len;
	const char *source; /* its name in messages */
	atrack_exchange_result *result;
	unsigned int flags;
	atrack_conflict_cb conflict_cb;
	void *payload;
	sqlite3_stmt *resolve[XT_COUNT]; /* id by key, prepared on first use */
	char *first_conflict;
	/* The table being imported. */
	const xt_table *t;
	json_t *rows;
	atrack_exchange_count *count;
	sqlite3_stmt *find, *insert, *select;
	seen_map seen;
	fixup *fixups;
	size_t fixup_count, fixup_cap;
	xi_added *added;   /* progress updates only: checked once all are in */
	size_t added_count, added_cap;
} importer;

/* "an object", "a string", ...: a JSON value's type in a message. */
const char *xi_json_type_name(const json_t *v);
/* Where in text[len] $.array[row].field is (array NULL: the document;
 * row < 0: the array; field NULL: the row): the member's key, else the
 * nearest enclosing value found. 1-based line and column, in characters. */
void xi_locate(const char *text, size_t len, const char *array, long row, const char *field,
               int *line, int *column);
/* Record `rc` with "SOURCE:LINE:COLUMN: $.array[row].field: " before the
 * message, the position also in atrack_errline/atrack_errcolumn. */
int xi_vfail(importer *I, int rc, const char *array, long row, const char *field,
             const char *fmt, va_list ap);
int xi_fail(importer *I, int rc, const char *array, long row, const char *field,
            const char *fmt, ...) ATR_PRINTF(6, 7);
/* The rules atrack_update_add applies, for the progress update in row
 * `row` (JSON `object`, checked values `v` in column order) before it is
 * added; ATRACK_INVALID names the field and its position. */
int xi_update_check_fields(importer *I, size_t row, json_t *object, const xvalue *v);
/* Remember that update `id` came from row `row`, for the history check. */
int xi_update_added(importer *I, int64_t id, size_t row);
/* The transition rules for every update added, once all are in. */
int xi_update_check_history(importer *I);
/* Import the rows `rows` of array `index` into the open transaction. */
int xi_import_table(importer *I, xt_index index, json_t *rows);

#endif /* ATRACK_EXCHANGE_INT_H */
