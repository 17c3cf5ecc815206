/*
 * factsheet.h - the document model of an allied-meeting fact sheet, and the
 * pure parser that builds it from text (no database). The loader
 * (loader.c) writes a model into the database; the JSON writer
 * (factsheet_json.c) prints it for `atrack import --dry-run --json`.
 *
 * Every element keeps the 1-based line and column where it was found.
 * Cross references between elements are indexes into the model's arrays
 * (-1 for none), so a model is one tree of plain arrays that
 * fs_model_free() releases in one call.
 */
#ifndef ATRACK_FACTSHEET_H
#define ATRACK_FACTSHEET_H

#include <stddef.h>

/* The largest text the parser accepts; larger input is refused with a
 * parse error at line 1 rather than read. */
#define FS_MAX_INPUT_BYTES (4u * 1024u * 1024u)

typedef struct fs_pos {
	int line;   /* 1-based */
	int column; /* 1-based, in bytes */
} fs_pos;

/* A list of indexes into one of the model's arrays. */
typedef struct fs_refs {
	int *items;
	size_t count;
} fs_refs;

typedef struct fs_party {
	char *slug;       /* "rok" */
	char *name;       /* "Republic of Korea" */
	char *short_name; /* "ROK"; NULL when the text gives none */
	fs_pos pos;       /* first mention */
} fs_party;

typedef struct fs_person {
	char *slug;  /* "lloyd-j-austin-iii" */
	char *name;  /* "Lloyd J. Austin III" */
	char *title; /* "Secretary of Defense" */
	int party;   /* index into parties, or -1 */
	fs_pos pos;
} fs_person;

typedef struct fs_meeting {
	char *slug;        /* "scm-56"; "2-2-meeting-2024-10-31" when there
	                      is no ordinal: short kind + date */
	char *name;        /* "56th Security Consultative Meeting" */
	char *kind;        /* "Security Consultative Meeting" */
	char *short_kind;  /* "SCM", "2+2 Meeting"; NULL when none is given */
	int ordinal;       /* 56; 0 when none */
	char start_date[11]; /* "YYYY-MM-DD"; "" when the text gives no date */
	char end_date[11];   /* same as start_date for a one-day meeting */
	char *place;       /* NULL when not stated */
	fs_refs people;    /* indexes into people: who took part */
	fs_pos pos;
} fs_meeting;

typedef struct fs_section {
	char *slug;    /* "enhancing-extended-deterrence" */
	char *heading; /* the heading as written: "ENHANCING EXTENDED DETERRENCE" */
	char *title;   /* in title case: "Enhancing Extended Deterrence" */
	char *lead_in; /* the sentence(s) under the heading; NULL when none */
	fs_pos pos;
	fs_pos lead_in_pos;
} fs_section;

typedef struct fs_framework {
	char *slug;    /* the acronym lower-cased ("ncg"), else from the name */
	char *name;    /* "Nuclear Consultative Group" */
	char *acronym; /* "NCG"; NULL when none */
	char *kind;    /* group, committee, framework, partnership, dialogue,
	                  council, mechanism, programme, initiative, body */
	fs_pos pos;    /* where it is defined (or first named) */
} fs_framework;

typedef struct fs_focus_area {
	char *slug;
	char *name;    /* "maritime security" */
	char *kind;    /* "focus" or "technology" */
	int framework; /* index into frameworks, or -1 */
	fs_pos pos;
} fs_focus_area;

typedef struct fs_exercise {
	char *slug;
	char *name; /* "Freedom Shield" */
	fs_pos pos;
} fs_exercise;

typedef struct fs_cited_document {
	char *slug;
	char *title; /* the quoted title, without quotes or trailing period */
	fs_pos pos;
} fs_cited_document;

typedef struct fs_initiative {
	char *slug;  /* from the short title, unique within the model */
	char *title; /* short title: "Enhancing extended deterrence cooperation
	                through NCG workstreams" */
	char *text;  /* the whole item, wrapped lines joined by one space,
	                without its list marker */
	int section; /* index into sections, or -1 */
	int meeting; /* index into meetings, or -1 */
	int line_start;
	int line_end;
	int column;  /* column of the item's text after the marker */
	fs_refs frameworks;
	fs_refs parties;
	fs_refs exercises;
	fs_refs documents;   /* into cited_documents */
	fs_refs focus_areas;
} fs_initiative;

typedef struct fs_model {
	char *title; /* the document's title line; NULL when none */
	fs_pos title_pos;
	fs_party *parties;               size_t party_count;
	fs_person *people;               size_t person_count;
	fs_meeting *meetings;            size_t meeting_count;
	fs_section *sections;            size_t section_count;
	fs_framework *frameworks;        size_t framework_count;
	fs_focus_area *focus_areas;      size_t focus_area_count;
	fs_exercise *exercises;          size_t exercise_count;
	fs_cited_document *cited_documents; size_t cited_document_count;
	fs_initiative *initiatives;      size_t initiative_count;
	int line_count;                  /* lines in the input */
	int boilerplate_line;            /* line of a recognised trailer, or 0 */
} fs_model;

/* Why a parse failed, with the place in the text. */
typedef struct fs_error {
	int line;      /* 1-based; 0 when the error has no place */
	int column;    /* 1-based */
	size_t offset; /* byte offset */
	char message[256];
} fs_error;

/*
 * Parse `len` bytes of `text` (need not be NUL-terminated) into a model.
 *
 * Returns ATRACK_OK and sets *out (free with fs_model_free); ATRACK_PARSE
 * with `err` filled for input that is empty, too large, not UTF-8, contains
 * NUL bytes, or has no recognisable section or list item; ATRACK_NOMEM.
 * On failure *out is NULL.
 */
int fs_parse(const char *text, size_t len, fs_model **out, fs_error *err);

void fs_model_free(fs_model *model);

/* The model as JSON (an object with one array per kind of element, in a
 * fixed key order; cross references as slugs). Returns ATRACK_OK and sets
 * *out (release with json_decref), or ATRACK_NOMEM. */
struct json_t;
int fs_model_to_json(const fs_model *m, struct json_t **out);

#ifdef FS_PARSER_INTERNAL
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
#endif /* FS_PARSER_INTERNAL */

#endif /* ATRACK_FACTSHEET_H */
