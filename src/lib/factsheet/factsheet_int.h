/*
 * factsheet_int.h - what the files of the fact-sheet parser share among
 * themselves; nothing outside the parser includes it. The layers, each
 * calling only those below it:
 *   fs_tables.c (vocabularies) < fs_text.c (bytes, words) < fs_slug.c,
 *   fs_token.c (tokens, mentions) < fs_list.c, fs_heading.c < fs_lines.c
 *   < fs_blocks.c; the recognisers fs_party.c, fs_people.c, fs_date.c,
 *   fs_meeting.c < fs_meeting_own.c, fs_framework.c < fs_focus.c, fs_document.c, fs_title.c
 *   < fs_recognise.c < factsheet.c (fs_parse).
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
	size_t head_len;      /* run-in "HEADING: text": bytes of HEADING */
	size_t runin;         /* run-in heading or "Label: text": where text starts */
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
int fsp_prose_initiatives(fsp_parser *p);
bool fsp_has_commitment(const char *s, size_t len);

#define MAX_ENTITIES 256 /* per kind, so hostile input cannot go quadratic */
#define SLUG_MAX FS_SLUG_MAX
#define TITLE_MAX 120
#define TITLE_MIN_WORDS 4
/* The years a date of the genre may have; others are not read as dates. */
#define FSP_YEAR_MIN 1900
#define FSP_YEAR_MAX 2200

/* ---- Vocabularies (fs_tables.c) ----------------------------------------- */

struct fsp_party_def {
	const char *slug;
	const char *name;
	const char *shorts[4];
	const char *longs[5];
	const char *adjectives[3]; /* "Japanese Prime Minister ..." */
	bool grouping;             /* an organisation, not a country */
};
struct fsp_kind_noun {
	const char *noun;
	const char *kind;
};
extern const struct fsp_party_def FSP_PARTIES[];
extern const size_t FSP_PARTY_COUNT;
extern const char *const FSP_HOME_PARTY;
extern const char *const FSP_FOREIGN_TITLE_HEADS[];
extern const struct fsp_kind_noun FSP_KIND_NOUNS[];
extern const size_t FSP_KIND_NOUN_COUNT;
extern const char *const FSP_MONTHS[];
extern const char *const FSP_MONTH_ABBREVIATIONS[];
extern const char *const FSP_ABBREVIATIONS[];
extern const char *const FSP_TITLE_HEADS[];
extern const char *const FSP_TITLE_MODIFIERS[];
extern const char *const FSP_DEPARTMENTS[];
extern const char *const FSP_HONORIFICS[];
extern const char *const FSP_POST_NOMINALS[];
extern const char *const FSP_MEETING_NOUNS[];
extern const char *const FSP_MEETING_MAYBE_NOUNS[];
extern const char *const FSP_DETERMINERS[];
extern const char *const FSP_SMALL_WORDS[];
extern const char *const FSP_TITLE_LOWER_WORDS[];
extern const char *const FSP_COMMITMENT_VERBS[];
extern const char *const FSP_GROUPINGS[];
extern const char *const FSP_NOT_FRAMEWORK_HEADS[];
extern const char *const FSP_PRIMARY_MEETING_NOUNS[];
extern const char *const FSP_MEETING_CUES[];
extern const char *const FSP_EARLIER_MEETING_CUES[];
extern const char *const FSP_VISIT_CUES[];
extern const char *const FSP_ORDINAL_WORDS[];
extern const char *const FSP_TRAILER_PHRASES[];
extern const char *const FSP_PLACE_NOUNS[];
extern const char *const FSP_CLAUSE_WORDS[];
extern const char *const FSP_PURPOSE_DETERMINERS[];

typedef struct fsp_span {
	size_t start, end;
} fsp_span;

/* fs_text.c */
const struct fsp_kind_noun *fsp_kind_noun(const char *s, size_t len);
int fsp_month_of(const char *s, size_t len);
size_t fsp_possessive_cut(const char *s, size_t n);
bool fsp_number_word(const char *s, size_t n, int digits_min, int digits_max,
                        int *value);
bool fsp_format_date(char out[11], int y, int mo, int d);
char fsp_lower(char c);
/* fs_token.c */
bool fsp_is_abbreviation(const char *s, size_t len);
int fsp_tokenise(fsp_block *b);
const char *fsp_core(const fsp_block *b, size_t t, size_t *len);
bool fsp_core_is(const fsp_block *b, size_t t, const char *word);
bool fsp_core_in(const fsp_block *b, size_t t, const char *const *list);
bool fsp_capitalised(const fsp_block *b, size_t t);
bool fsp_starts_with_paren(const fsp_block *b, size_t t);
int fsp_add_mention(fsp_parser *p, int kind, size_t start, size_t end,
                       int index);
const fsp_mention *fsp_covering(const fsp_parser *p, const fsp_block *b,
                                   int kind, size_t at);
bool fsp_party_token(const fsp_parser *p, const fsp_block *b, size_t t);
int fsp_core_month(const fsp_block *b, size_t t);
int fsp_refs_add(fs_refs *r, int index);
size_t fsp_trim_span(const char *s, fsp_span *sp);
size_t fsp_split_list(const char *s, size_t start, size_t end, fsp_span *out,
                         size_t max, bool split_and);
size_t fsp_word_count(const char *s, size_t len);
size_t fsp_sentence_end(const fsp_block *b, size_t at);
/* fs_list.c */
size_t fsp_detect_marker(const char *s, size_t len, int *style, long *number);
/* fs_heading.c */
bool fsp_ends_sentence(const char *s, size_t len);
char fsp_final_char(const char *s, size_t len);
bool fsp_is_trailer(const char *s, size_t len);
size_t fsp_space_at(const char *s, size_t len, size_t i);
bool fsp_is_title_case(const char *s, size_t len, int max_words);
bool fsp_is_all_caps(const char *s, size_t len);
size_t fsp_markdown_heading(const char *s, size_t len);
bool fsp_is_boilerplate(const char *s, size_t len);
char *fsp_title_case(const char *s, size_t len);
/* fs_lines.c */
int fsp_split_lines(fsp_parser *p);
void fsp_classify_lines(fsp_parser *p);
/* fs_blocks.c */
int fsp_build_blocks(fsp_parser *p);
/* fs_party.c */
int fsp_scan_parties(fsp_parser *p, fsp_block *b);
void fsp_party_roles(fsp_parser *p);
int fsp_party_adjective(const char *s, size_t len);
bool fsp_party_is_grouping(const fs_model *m, int index);
/* The model's index of the publisher's country (FSP_HOME_PARTY), or -1. */
int fsp_home_party(const fs_model *m);
int fsp_party_of_def(fsp_parser *p, size_t def, fs_pos pos);
/* fs_people.c */
int fsp_scan_people(fsp_parser *p, fsp_block *b);
int fsp_resolve_short_references(fsp_parser *p);
/* fs_date.c */
int fsp_scan_dates(fsp_parser *p, size_t bi);
void fsp_resolve_years(fsp_parser *p);
/* fs_meeting.c */
int fsp_scan_meetings(fsp_parser *p, size_t bi);
bool fsp_same_paragraph(const fsp_block *a, const fsp_block *b);
bool fsp_ordinal_word(const char *s, size_t n, int *value);
int fsp_meeting_place(const fsp_block *b, size_t after, int sentence, fs_meeting *mt);
int fsp_meeting_people_in(fsp_parser *p, size_t bi, int sentence, fs_meeting *mt, int passes);
int fsp_meeting_people(fsp_parser *p, size_t bi, int sentence, fs_meeting *mt);
/* The first block of the body (prose, or an item made of prose), or SIZE_MAX. */
size_t fsp_first_body_block(const fsp_parser *p);
int fsp_lead_people(fsp_parser *p, fs_meeting *mt);
int fsp_make_meeting_slug(fsp_parser *p, fs_meeting *mt);
int fsp_ordinal_of_word(const fsp_block *b, size_t t);
int fsp_ordinal_before(const fsp_block *b, size_t first);
/* fs_meeting_own.c */
int fsp_primary_meeting(fsp_parser *p);
/* fs_framework.c */
int fsp_scan_definitions(fsp_parser *p, size_t bi);
int fsp_scan_named_frameworks(fsp_parser *p, size_t bi);
size_t fsp_framework_in(const fs_framework *f, const fsp_block *b);
int fsp_scan_groupings(fsp_parser *p);
/* fs_focus.c */
int fsp_scan_focus(fsp_parser *p, size_t bi);
bool fsp_proper_name(const char *s, size_t len, size_t max_words);
int fsp_scan_exercises(fsp_parser *p, size_t bi);
/* fs_document.c */
int fsp_scan_documents(fsp_parser *p, size_t bi);
/* fs_title.c */
int fsp_finish_initiative(fsp_parser *p, const fsp_block *b);

#endif /* ATRACK_FACTSHEET_INT_H */
