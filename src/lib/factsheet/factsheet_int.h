/*
 * factsheet_int.h - what the files of the fact sheet parser share among
 * themselves (factsheet.c reads lines and blocks, factsheet_names.c
 * recognises names in them); nothing outside the parser includes it.
 */
#ifndef ATRACK_FACTSHEET_INT_H
#define ATRACK_FACTSHEET_INT_H

#include "factsheet.h"

/* ---- Parser internals, shared by factsheet*.c only ---------------------- */

#include "atrack_int.h"

#include <stdint.h>
#include <stdio.h>

enum { MARK_NONE, MARK_BULLET, MARK_NUMBER_DOT, MARK_NUMBER_PAREN, MARK_LETTER,
       MARK_PARENS };
enum { LINE_PROSE, LINE_TITLE, LINE_HEADING, LINE_ITEM, LINE_CONT,
       LINE_BOILERPLATE };
enum { BLOCK_TITLE, BLOCK_HEADING, BLOCK_PROSE, BLOCK_ITEM };
/* Kinds of mention a recogniser records, per block, for later ones. */
enum { MENTION_PARTY, MENTION_PERSON, MENTION_MEETING, MENTION_DEFINITION,
       MENTION_DOCUMENT, MENTION_FOCUS, MENTION_EXERCISE, MENTION_KINDS };

typedef struct fsp_line {
	const char *s;        /* trimmed text, in the input */
	size_t len;
	int number, column, indent;
	bool blank_before;
	int kind, kind_hint;
	int marker_style;
	long marker_number;
	size_t marker_len;    /* bytes of marker and the spaces after it */
} fsp_line;

typedef struct fsp_segment {
	size_t at;            /* offset in the block text */
	int line, column;
} fsp_segment;

typedef struct fsp_token {
	size_t start, end;    /* the run of non-space bytes */
	size_t cstart, cend;  /* without surrounding quotes and punctuation */
	int sentence;
	bool closes;          /* ends with , ; : ) or ends the sentence */
} fsp_token;

typedef struct fsp_block {
	int kind;
	char *text;
	size_t len;
	fsp_segment *segs;
	size_t seg_count;
	fsp_token *toks;
	size_t tok_count;
	int line_start, line_end;
	int section, initiative;
	size_t first[MENTION_KINDS], end[MENTION_KINDS];
} fsp_block;

typedef struct fsp_mention {
	size_t start, end;    /* in the block text */
	int index;            /* entity, or -1 */
	size_t tok;           /* token where it starts */
	const char *word;     /* kind specific: a short reference's title word */
	size_t word_len;
} fsp_mention;

typedef struct fsp_mentions {
	fsp_mention *items;
	size_t count, cap;
} fsp_mentions;

typedef struct fsp_date {
	size_t block, tok;
	int sentence;
	int year, month, day, end_day;
} fsp_date;

typedef struct fsp_slugs {
	char **keys;          /* borrowed from the model */
	unsigned *next;       /* the next suffix to try for a taken key */
	size_t cap, count;
} fsp_slugs;

typedef struct fsp_parser {
	const char *text;
	size_t len, body;
	fs_model *model;
	fsp_line *lines;
	size_t line_count, line_cap;
	fsp_block *blocks;
	size_t block_count, block_cap;
	fsp_mentions mentions[MENTION_KINDS];
	fsp_date *dates;
	size_t date_count, date_cap;
	size_t party_cap, person_cap, meeting_cap, section_cap, framework_cap,
	       focus_cap, exercise_cap, document_cap, initiative_cap;
	fsp_slugs section_slugs, initiative_slugs, other_slugs;
	bool no_content;
} fsp_parser;

bool fsp_reserve(void *array, size_t *cap, size_t need, size_t size);
bool fsp_is_space(char c);
bool fsp_is_upper(char c);
bool fsp_is_lower(char c);
bool fsp_is_digit(char c);
bool fsp_is_alnum(char c);
bool fsp_word_is(const char *s, size_t len, const char *word);
bool fsp_word_is_ci(const char *s, size_t len, const char *word);
bool fsp_in_list(const char *s, size_t len, const char *const *list);
bool fsp_is_small_word(const char *s, size_t len);
bool fsp_is_small_word_ci(const char *s, size_t len);
bool fsp_is_known_short(const char *s, size_t len);
size_t fsp_find_ci(const char *hay, size_t len, size_t from, const char *needle);
char *fsp_clean_dup(const char *s, size_t len);
fs_pos fsp_block_pos(const fsp_block *b, size_t at);
int fsp_unique_slug(fsp_slugs *set, const char *text, char **out);
void fsp_slugs_free(fsp_slugs *set);
int fsp_add_initiative(fsp_parser *p, fsp_block *b, int column);
int fsp_recognise(fsp_parser *p);

#endif /* ATRACK_FACTSHEET_INT_H */
