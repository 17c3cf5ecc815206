/*
 * entity_int.h - what the files of the entity engine (src/lib/entity/)
 * share and no other module needs: the description of a noun and of a
 * link as nouns.c builds them from the member lists, a member's value as
 * it is staged for binding, and the helpers the files lend each other.
 * Calls point one way, down this list: verbs.c (the public verbs) calls
 * list.c, referrers.c and stage.c; link.c, list.c and stage.c call row.c;
 * every file calls nouns.c, which calls only kind.c and the core. Each
 * section below names the file it lives in.
 */
#ifndef ATRACK_ENTITY_INT_H
#define ATRACK_ENTITY_INT_H

#include "atrack_int.h"

/* Private flag: a NOT NULL text column that stores NULL as "". */
#define ATR_FIELD_EMPTY_NOT_NULL 0x100u

/* The most members any struct has; values are staged in arrays this big. */
#define ATR_MAX_FIELDS 24
/* The largest struct, for a row read onto the stack before it is copied. */
#define ATR_MAX_ROW 512

/* Everything the engine knows of one noun: its struct, its member table
 * and its SQL, each statement a string constant (the statement cache keys
 * them by address). */
typedef struct atr_noun {
	atrack_kind kind;
	const char *table;
	size_t size;
	const atrack_field *fields;
	size_t field_count;
	const char *slug_from;   /* member a derived slug comes from; NULL: no slug */
	const char *name_column; /* what a link listing shows */
	const char *sql_get;
	const char *sql_list;
	const char *sql_insert;
	const char *sql_update;
	const char *sql_delete;
	const char *sql_label;   /* the row's slug (or "#id") by id: also "exists?" */
	const char *sql_slug_taken;
} atr_noun;

/* A link between two kinds: a table with two references. */
typedef struct atr_link {
	atrack_kind a, b;
	const char *table;
	const char *col_a, *col_b;
	const char *sql_insert, *sql_delete;
} atr_link;

/* ---- The descriptions (nouns.c) ------------------------------------------ */

/* The noun of `kind`, or NULL for a kind with no struct. */
const atr_noun *atr_noun_of(atrack_kind kind);
/* The noun stored in `table`, or NULL when no noun is. */
const atr_noun *atr_noun_of_table(const char *table);
/* Every link, and how many there are. */
const atr_link *atr_noun_links(size_t *out_count);
/* The initiative listing's statement for `order` (with every filter of
 * atrack_initiative_filter), or NULL for an order it does not know. */
const char *atr_noun_initiative_list_sql(atrack_initiative_order order);
/* The kind's name for messages, with '_' as ' ' ("focus area"), in buf. */
const char *atr_noun_kind_label(atrack_kind kind, char buf[32]);
/* Where every public entry point starts: a usable handle, its error state
 * cleared, the noun of `kind` in *out, and, when `needed` names a pointer
 * the call cannot do without ("input", "output"), that pointer `given`.
 * ATRACK_MISUSE otherwise ("no output (NULL)"). */
int atr_noun_enter(atrack_db *db, atrack_kind kind, const char *needed, const void *given,
                   const atr_noun **out);

/* ---- Rows in memory (row.c) ---------------------------------------------- */

/* How a member is held in its struct and bound. */
typedef enum atr_storage { ATR_STORE_TEXT, ATR_STORE_INT64, ATR_STORE_INT } atr_storage;

atr_storage atr_entity_storage(const atrack_field *f);
/* The member `f` of the struct at `row`: its text, or its number widened. */
const char *atr_entity_text_at(const void *row, const atrack_field *f);
int64_t atr_entity_int_at(const void *row, const atrack_field *f);
/* Fill the struct at `row` from the current row of a statement of `n`
 * (the id, then its members); text is borrowed from the statement. */
void atr_entity_load_fields(const atr_noun *n, sqlite3_stmt *stmt, void *row);
/* The struct at `row` and its strings in one atr_malloc'd block; NULL when
 * out of memory. */
void *atr_entity_copy_row(const atr_noun *n, const void *row);
/* Bind the named parameter `name` of `stmt`, when it has one: the number
 * (or NULL unless `set`), the text (or NULL). */
void atr_entity_bind_int(sqlite3_stmt *stmt, const char *name, bool set, int64_t v);
void atr_entity_bind_text(sqlite3_stmt *stmt, const char *name, const char *v);
/* Bind :today (today when NULL) and :stale_days (the default when 0). */
void atr_entity_bind_today(sqlite3_stmt *stmt, const char *today, int stale_days);
/* Step `stmt`, a statement of `n` that reads row `id`: ATRACK_OK on the
 * row, ATRACK_NOTFOUND with "no <kind> <id>" when there is none, or the
 * SQLite failure. */
int atr_entity_step_row(atrack_db *db, const atr_noun *n, int64_t id, sqlite3_stmt *stmt);
/* The label of row `id` of `n` in buf ("'ncg'", or "#3"); ATRACK_NOTFOUND
 * with "no <kind> <id>" when there is no such row. */
int atr_entity_row_label(atrack_db *db, const atr_noun *n, int64_t id, char *buf,
                         size_t size);

/* ---- Staging values (stage.c) --------------------------------------------- */

/* A member's value as it will be bound. */
typedef struct atr_value {
	bool null;
	const char *text;   /* for text storage */
	int64_t num;
} atr_value;

/* Check and stage into vals[] (one per member) every member the call
 * writes: all of them when `adding` (with the defaults of a new row), else
 * those whose bit is in `fields`. A slug made here is left in *owned for
 * the caller to free. ATRACK_INVALID or ATRACK_NOTFOUND name the member. */
int atr_entity_stage_all(atrack_db *db, const atr_noun *n, const void *in, bool adding,
                         unsigned int fields, atr_value *vals, char **owned);
/* Bind a staged value to parameter `idx`. */
void atr_entity_bind_value(sqlite3_stmt *stmt, int idx, const atrack_field *f,
                           const atr_value *v);
/* Record the failure `src` of an INSERT or UPDATE of `n` as a message
 * naming the member (ATRACK_CONFLICT for a unique one, ATRACK_INVALID for
 * another constraint). */
int atr_entity_write_error(atrack_db *db, const atr_noun *n, int src, const atr_value *vals);

/* ---- Listing (list.c) ---------------------------------------------------- */

/* The rows of `n`, narrowed as `opts` says (NULL: all of them). */
int atr_entity_list(atrack_db *db, const atr_noun *n, const atrack_list_opts *opts,
                    atrack_iter **out);
/* The initiatives `filter` selects (NULL: all), in its order. */
int atr_entity_initiative_list(atrack_db *db, const atrack_initiative_filter *filter,
                               atrack_iter **out);

/* ---- What refers to a row (referrers.c) ----------------------------------- */

/* Count what refers to row `id` of n's table into *total and describe it
 * in `b` ("2 initiatives (initiative.section_id) and 1 framework link"). */
int atr_entity_count_referrers(atrack_db *db, const atr_noun *n, int64_t id, atr_buf *b,
                               long long *total);

#endif /* ATRACK_ENTITY_INT_H */
