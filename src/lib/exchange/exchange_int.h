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

typedef enum xt_index {
	XT_STATUS,
	XT_DOCUMENT,
	XT_PARTY,
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
char *xt_select_sql(const xt_table *t, bool by_id);

/* The JSON object of the row `stmt` (prepared from xt_select_sql) is on.
 * Returns ATRACK_OK, ATRACK_CORRUPT for a reference to a row that is not
 * there (the message names both), ATRACK_INVALID for text that is not
 * UTF-8, or ATRACK_NOMEM. */
int xt_row_json(atrack_db *db, const xt_table *t, sqlite3_stmt *stmt, json_t **out);

#endif /* ATRACK_EXCHANGE_INT_H */
