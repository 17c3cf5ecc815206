/*
 * entity_int.h - what the files of the entity engine (src/lib/entity/)
 * share and no other module needs: the description of a noun and of a
 * link as nouns.c builds them from the member lists, a member's value as
 * it is staged for binding, and the helpers the files lend each other.
 * Calls point one way: verbs.c and link.c over list.c, referrers.c and
 * stage.c, those over row.c, and every file over nouns.c (which calls only
 * kind.c and the core). Each function below names the file it lives in.
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
 * cleared, and the noun of `kind` in *out. ATRACK_MISUSE otherwise. */
int atr_noun_enter(atrack_db *db, atrack_kind kind, const atr_noun **out);

#endif /* ATRACK_ENTITY_INT_H */
