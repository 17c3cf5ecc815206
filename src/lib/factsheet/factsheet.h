/*
 * factsheet.h - the document model of an allied-meeting fact sheet, and the
 * pure parser that builds it from text (no database). The loader
 * (loader*.c, loader_int.h) writes a model into the database; the JSON writer
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
/* The longest slug the parser (and the loader, with a suffix) makes. */
#define FS_SLUG_MAX 40

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
	int mentioned;    /* 1: named by the text but not a party to the meeting
	                     (an adversary, a bystander); 0: a party */
} fs_party;

typedef struct fs_person {
	char *slug;  /* "jane-q-doe" */
	char *name;  /* "Jane Q. Doe" */
	char *title; /* "Secretary of Defense" */
	int party;   /* index into parties, or -1 */
	fs_pos pos;
} fs_person;

typedef struct fs_meeting {
	char *slug;        /* "scm-56"; "2-2-meeting-2024-10-31" when there
	                      is no ordinal: short kind + date */
	char *name;        /* "12th Harbour Consultative Meeting" */
	char *kind;        /* "Harbour Consultative Meeting" */
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
	char *slug;    /* the acronym lower-cased ("jpg"), else from the name */
	char *name;    /* "Joint Planning Group" */
	char *acronym; /* "JPG"; NULL when none */
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
	char *name; /* "Northern Shield" */
	fs_pos pos;
} fs_exercise;

typedef struct fs_cited_document {
	char *slug;
	char *title; /* the quoted title, without quotes or trailing period */
	fs_pos pos;
} fs_cited_document;

typedef struct fs_initiative {
	char *slug;  /* from the short title, unique within the model */
	char *title; /* short title: "Deepening planning cooperation through
	                JPG workstreams" */
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
 * with `err` filled for input that is empty, too large, UTF-16 or UTF-32
 * ("UTF-16, convert to UTF-8"), not UTF-8, contains NUL bytes, or has
 * neither a title nor a section nor an initiative (a
 * prose document with a title is read: its initiatives are the paragraphs
 * with a commitment verb, possibly none); ATRACK_NOMEM.
 * On failure *out is NULL.
 */
int fs_parse(const char *text, size_t len, fs_model **out, fs_error *err);

void fs_model_free(fs_model *model);

/* `base` followed by `suffix` ("-2", "-security-meeting") in at most
 * FS_SLUG_MAX bytes: the base is cut at a word boundary when the whole
 * would be longer. *out is NULL when the suffix leaves no room for a
 * word. Returns ATRACK_OK or ATRACK_NOMEM. */
int fs_slug_fit(const char *base, const char *suffix, char **out);

/* The model as JSON (an object with one array per kind of element, in a
 * fixed key order; cross references as slugs). Returns ATRACK_OK and sets
 * *out (release with json_decref), or ATRACK_NOMEM. */
struct json_t;
int fs_model_to_json(const fs_model *m, struct json_t **out);



#endif /* ATRACK_FACTSHEET_H */
