/*
 * atrack/entity.h - part of the public interface of libatrack, included by
 * atrack.h (include that, not this): create, read, update, delete and list
 * every kind of thing an atrack database holds (parties, people and their
 * roles at meetings, meetings, documents, sections, initiatives, frameworks,
 * focus areas, exercises), and the links between them.
 *
 * THE FAMILY OF FUNCTIONS
 *   Every noun has the same five functions; the block below states their
 *   contract once, and each noun's block cites it.
 *
 *   atrack_<noun>_add(db, in, out_id)
 *       Insert a new row from the struct `in`; its id, and any derived or
 *       read-only member, are ignored. `out_id` [out, may be NULL] receives
 *       the new id. A NULL or empty slug is derived from the name or title
 *       (lower-case ASCII letters and digits joined by '-') and made unique
 *       with "-2", "-3", ...; a given slug must be valid and unused. Inputs
 *       are copied (O4). Returns ATRACK_OK; ATRACK_INVALID naming the field
 *       ("target_date: '2024-02-30' is not a valid date (YYYY-MM-DD)",
 *       "name: must not be empty", "kind: 'x' is not one of ..."),
 *       ATRACK_NOTFOUND for a reference to a row that does not exist
 *       ("section: no section 99"), ATRACK_CONFLICT for a slug or name that
 *       is taken ("slug: party 'us' already exists"), ATRACK_READONLY,
 *       ATRACK_BUSY, ATRACK_NOMEM. On failure nothing is written.
 *
 *   atrack_<noun>_get(db, id, out)
 *       Read one row. `out` [out] is the caller's, released with
 *       atrack_<noun>_free (O1); its strings belong to it. To read by slug,
 *       resolve first with atrack_resolve(). Returns ATRACK_OK,
 *       ATRACK_NOTFOUND ("no party 42"), ATRACK_NOMEM.
 *
 *   atrack_<noun>_edit(db, id, in, fields)
 *       Change the members of row `id` whose ATRACK_<NOUN>_<MEMBER> bit is
 *       set in `fields` to their values in `in`; a NULL string or a 0 id
 *       clears an optional member. Validation and codes as for _add, plus
 *       ATRACK_NOTFOUND for a missing row. fields == 0 changes nothing.
 *
 *   atrack_<noun>_delete(db, id, flags)
 *       Delete row `id`. When other rows refer to it, the delete is refused
 *       with ATRACK_CONFLICT and a message naming what refers to it ("framework
 *       'ncg' is referred to by 2 initiative links (initiative_framework);
 *       delete with cascade to remove or clear them"), unless `flags` has
 *       ATRACK_DELETE_CASCADE: then, in one transaction, links and dependent
 *       rows are deleted and optional references cleared, as the schema's
 *       ON DELETE actions say. Nothing is ever left dangling. Returns
 *       ATRACK_OK, ATRACK_NOTFOUND, ATRACK_CONFLICT, ATRACK_BUSY, ...
 *
 *   atrack_<noun>_list(db, opts, out)
 *       Open an iterator (O1) over the rows, in the noun's natural order
 *       (name, title, or position), filtered and paged by `opts` (NULL for
 *       all rows). Step it with atrack_iter_next; read the current row with
 *       atrack_iter_<noun>(), borrowed until the next step (O2).
 *
 *   Every change is recorded in the audit log with the handle's author.
 *
 * NULL MEMBERS
 *   A NULL string, a 0 id, and a 0 line number or ordinal mean "none".
 *   Derived counts that may be absent (percent_complete, days_since_update)
 *   are -1 when there is none.
 */
#ifndef ATRACK_ENTITY_H
#define ATRACK_ENTITY_H

#ifndef ATRACK_H
#error "include <atrack.h>, not <atrack/entity.h>"
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Common options ----------------------------------------------------- */

#define ATRACK_DELETE_CASCADE 0x1u /* remove or clear what refers to the row */

#define ATRACK_LIST_OPTS_VERSION 1

/* Filters and paging for the _list functions. Start from
 * ATRACK_LIST_OPTS_INIT; fields are only ever appended. */
typedef struct atrack_list_opts {
	unsigned int version;
	const char *text;    /* rows whose name/title or slug contain it (ASCII
	                        case-insensitive); NULL for all */
	atrack_kind of_kind; /* with of_id: rows that refer to that thing, e.g. */
	int64_t of_id;       /* the people of party 3, the roles at meeting 2 */
	int64_t limit;       /* at most this many rows; 0 or less: no limit */
	int64_t offset;      /* skip this many rows first */
} atrack_list_opts;

#define ATRACK_LIST_OPTS_INIT { ATRACK_LIST_OPTS_VERSION, NULL, (atrack_kind)0, 0, 0, 0 }

/* ---- Parties ------------------------------------------------------------ */

typedef struct atrack_party {
	int64_t id;
	const char *slug;
	const char *name;         /* required, unique: "Republic of Korea" */
	const char *short_name;   /* "ROK" */
	const char *kind;         /* country (default) | organisation | other */
	int64_t document_id;      /* source document, or 0 */
	int source_line;          /* line in it, or 0 */
} atrack_party;

#define ATRACK_PARTY_SLUG        0x01u
#define ATRACK_PARTY_NAME        0x02u
#define ATRACK_PARTY_SHORT_NAME  0x04u
#define ATRACK_PARTY_KIND        0x08u
#define ATRACK_PARTY_DOCUMENT    0x10u
#define ATRACK_PARTY_SOURCE_LINE 0x20u

/* The family above (add: O4; get: O1; list: O1, rows O2). */
ATRACK_EXTERN int atrack_party_add(atrack_db *db, const atrack_party *in, int64_t *out_id);
ATRACK_EXTERN int atrack_party_get(atrack_db *db, int64_t id, atrack_party **out);
ATRACK_EXTERN void atrack_party_free(atrack_party *party);
ATRACK_EXTERN int atrack_party_edit(atrack_db *db, int64_t id, const atrack_party *in,
                                    unsigned int fields);
ATRACK_EXTERN int atrack_party_delete(atrack_db *db, int64_t id, unsigned int flags);
ATRACK_EXTERN int atrack_party_list(atrack_db *db, const atrack_list_opts *opts,
                                    atrack_iter **out);
/* The current row, or NULL when `it` is not a party iterator (O2). */
ATRACK_EXTERN const atrack_party *atrack_iter_party(const atrack_iter *it);

/* ---- People ------------------------------------------------------------- */

typedef struct atrack_person {
	int64_t id;
	const char *slug;
	const char *name;         /* required: "Jane Q. Doe" */
	int64_t party_id;         /* the party they represent, or 0 */
	int64_t document_id;
	int source_line;
	const char *party_slug;   /* read-only: the party's slug, or NULL */
} atrack_person;

#define ATRACK_PERSON_SLUG        0x01u
#define ATRACK_PERSON_NAME        0x02u
#define ATRACK_PERSON_PARTY       0x04u
#define ATRACK_PERSON_DOCUMENT    0x08u
#define ATRACK_PERSON_SOURCE_LINE 0x10u

/* The family above; list with of_kind ATRACK_KIND_PARTY for a party's people. */
ATRACK_EXTERN int atrack_person_add(atrack_db *db, const atrack_person *in, int64_t *out_id);
ATRACK_EXTERN int atrack_person_get(atrack_db *db, int64_t id, atrack_person **out);
ATRACK_EXTERN void atrack_person_free(atrack_person *person);
ATRACK_EXTERN int atrack_person_edit(atrack_db *db, int64_t id, const atrack_person *in,
                                     unsigned int fields);
ATRACK_EXTERN int atrack_person_delete(atrack_db *db, int64_t id, unsigned int flags);
ATRACK_EXTERN int atrack_person_list(atrack_db *db, const atrack_list_opts *opts,
                                     atrack_iter **out);
ATRACK_EXTERN const atrack_person *atrack_iter_person(const atrack_iter *it);

/* ---- Meetings ----------------------------------------------------------- */

typedef struct atrack_meeting {
	int64_t id;
	const char *slug;
	const char *name;         /* required: "56th Security Consultative Meeting" */
	const char *kind;         /* required: "Security Consultative Meeting" */
	const char *short_kind;   /* "SCM" */
	int ordinal;              /* 56, or 0 */
	const char *start_date;   /* YYYY-MM-DD, or NULL */
	const char *end_date;     /* YYYY-MM-DD, not before start_date, or NULL */
	const char *place;
	int64_t document_id;
	int source_line;
} atrack_meeting;

#define ATRACK_MEETING_SLUG        0x001u
#define ATRACK_MEETING_NAME        0x002u
#define ATRACK_MEETING_KIND        0x004u
#define ATRACK_MEETING_SHORT_KIND  0x008u
#define ATRACK_MEETING_ORDINAL     0x010u
#define ATRACK_MEETING_START_DATE  0x020u
#define ATRACK_MEETING_END_DATE    0x040u
#define ATRACK_MEETING_PLACE       0x080u
#define ATRACK_MEETING_DOCUMENT    0x100u
#define ATRACK_MEETING_SOURCE_LINE 0x200u

/* The family above; listed by start date. */
ATRACK_EXTERN int atrack_meeting_add(atrack_db *db, const atrack_meeting *in, int64_t *out_id);
ATRACK_EXTERN int atrack_meeting_get(atrack_db *db, int64_t id, atrack_meeting **out);
ATRACK_EXTERN void atrack_meeting_free(atrack_meeting *meeting);
ATRACK_EXTERN int atrack_meeting_edit(atrack_db *db, int64_t id, const atrack_meeting *in,
                                      unsigned int fields);
ATRACK_EXTERN int atrack_meeting_delete(atrack_db *db, int64_t id, unsigned int flags);
ATRACK_EXTERN int atrack_meeting_list(atrack_db *db, const atrack_list_opts *opts,
                                      atrack_iter **out);
ATRACK_EXTERN const atrack_meeting *atrack_iter_meeting(const atrack_iter *it);

/* ---- Participants: a person's role at a meeting -------------------------- */

typedef struct atrack_participant {
	int64_t id;               /* participants have no slug; use the id */
	int64_t meeting_id;       /* required */
	int64_t person_id;        /* required; once per meeting */
	const char *role;         /* "Secretary of Defense" */
	int64_t party_id;         /* the party they spoke for, or 0 */
	int64_t document_id;
	const char *meeting_slug; /* read-only */
	const char *person_slug;  /* read-only */
	const char *person_name;  /* read-only */
	const char *party_slug;   /* read-only, or NULL */
} atrack_participant;

#define ATRACK_PARTICIPANT_MEETING  0x01u
#define ATRACK_PARTICIPANT_PERSON   0x02u
#define ATRACK_PARTICIPANT_ROLE     0x04u
#define ATRACK_PARTICIPANT_PARTY    0x08u
#define ATRACK_PARTICIPANT_DOCUMENT 0x10u

/* The family above; list with of_kind ATRACK_KIND_MEETING or
 * ATRACK_KIND_PERSON for the roles at a meeting or of a person. A second
 * role of the same person at the same meeting is ATRACK_CONFLICT. */
ATRACK_EXTERN int atrack_participant_add(atrack_db *db, const atrack_participant *in,
                                         int64_t *out_id);
ATRACK_EXTERN int atrack_participant_get(atrack_db *db, int64_t id, atrack_participant **out);
ATRACK_EXTERN void atrack_participant_free(atrack_participant *participant);
ATRACK_EXTERN int atrack_participant_edit(atrack_db *db, int64_t id,
                                          const atrack_participant *in, unsigned int fields);
ATRACK_EXTERN int atrack_participant_delete(atrack_db *db, int64_t id, unsigned int flags);
ATRACK_EXTERN int atrack_participant_list(atrack_db *db, const atrack_list_opts *opts,
                                          atrack_iter **out);
ATRACK_EXTERN const atrack_participant *atrack_iter_participant(const atrack_iter *it);

/* ---- Documents ---------------------------------------------------------- */

typedef struct atrack_document {
	int64_t id;
	const char *slug;
	const char *title;        /* required */
	const char *kind;         /* fact_sheet | cited | other (default) */
	const char *source;       /* file name or URL */
	const char *sha256;       /* 64 lower-case hex digits, or NULL */
	const char *body;         /* the text, or NULL */
	const char *imported_at;  /* time of the last import, or NULL */
	int64_t document_id;      /* the citing document, or 0 */
	int source_line;
	int64_t byte_size;        /* read-only: size of the imported text, or -1 */
	int revision;             /* read-only: 1, then one more per re-import */
} atrack_document;

#define ATRACK_DOCUMENT_SLUG        0x001u
#define ATRACK_DOCUMENT_TITLE       0x002u
#define ATRACK_DOCUMENT_KIND        0x004u
#define ATRACK_DOCUMENT_SOURCE      0x008u
#define ATRACK_DOCUMENT_SHA256      0x010u
#define ATRACK_DOCUMENT_BODY        0x020u
#define ATRACK_DOCUMENT_IMPORTED_AT 0x040u
#define ATRACK_DOCUMENT_DOCUMENT    0x080u
#define ATRACK_DOCUMENT_SOURCE_LINE 0x100u

/* The family above. */
ATRACK_EXTERN int atrack_document_add(atrack_db *db, const atrack_document *in, int64_t *out_id);
ATRACK_EXTERN int atrack_document_get(atrack_db *db, int64_t id, atrack_document **out);
ATRACK_EXTERN void atrack_document_free(atrack_document *document);
ATRACK_EXTERN int atrack_document_edit(atrack_db *db, int64_t id, const atrack_document *in,
                                       unsigned int fields);
ATRACK_EXTERN int atrack_document_delete(atrack_db *db, int64_t id, unsigned int flags);
ATRACK_EXTERN int atrack_document_list(atrack_db *db, const atrack_list_opts *opts,
                                       atrack_iter **out);
ATRACK_EXTERN const atrack_document *atrack_iter_document(const atrack_iter *it);

/* ---- Sections (lines of effort) ----------------------------------------- */

typedef struct atrack_section {
	int64_t id;
	const char *slug;
	const char *title;        /* required: "Enhancing Extended Deterrence" */
	const char *heading;      /* as written in the source */
	const char *lead_in;
	int position;             /* order among sections; listed by it */
	int64_t document_id;
	int source_line;
} atrack_section;

#define ATRACK_SECTION_SLUG        0x01u
#define ATRACK_SECTION_TITLE       0x02u
#define ATRACK_SECTION_HEADING     0x04u
#define ATRACK_SECTION_LEAD_IN     0x08u
#define ATRACK_SECTION_POSITION    0x10u
#define ATRACK_SECTION_DOCUMENT    0x20u
#define ATRACK_SECTION_SOURCE_LINE 0x40u

/* The family above. */
ATRACK_EXTERN int atrack_section_add(atrack_db *db, const atrack_section *in, int64_t *out_id);
ATRACK_EXTERN int atrack_section_get(atrack_db *db, int64_t id, atrack_section **out);
ATRACK_EXTERN void atrack_section_free(atrack_section *section);
ATRACK_EXTERN int atrack_section_edit(atrack_db *db, int64_t id, const atrack_section *in,
                                      unsigned int fields);
ATRACK_EXTERN int atrack_section_delete(atrack_db *db, int64_t id, unsigned int flags);
ATRACK_EXTERN int atrack_section_list(atrack_db *db, const atrack_list_opts *opts,
                                      atrack_iter **out);
ATRACK_EXTERN const atrack_section *atrack_iter_section(const atrack_iter *it);

/* ---- Frameworks --------------------------------------------------------- */

typedef struct atrack_framework {
	int64_t id;
	const char *slug;
	const char *name;         /* required, unique: "Joint Planning Group" */
	const char *acronym;      /* "NCG" */
	const char *kind;         /* group | committee | framework | partnership |
	                             dialogue | council | mechanism | programme |
	                             initiative | forum | body (default) */
	const char *description;
	int64_t document_id;
	int source_line;
} atrack_framework;

#define ATRACK_FRAMEWORK_SLUG        0x01u
#define ATRACK_FRAMEWORK_NAME        0x02u
#define ATRACK_FRAMEWORK_ACRONYM     0x04u
#define ATRACK_FRAMEWORK_KIND        0x08u
#define ATRACK_FRAMEWORK_DESCRIPTION 0x10u
#define ATRACK_FRAMEWORK_DOCUMENT    0x20u
#define ATRACK_FRAMEWORK_SOURCE_LINE 0x40u

/* The family above. */
ATRACK_EXTERN int atrack_framework_add(atrack_db *db, const atrack_framework *in,
                                       int64_t *out_id);
ATRACK_EXTERN int atrack_framework_get(atrack_db *db, int64_t id, atrack_framework **out);
ATRACK_EXTERN void atrack_framework_free(atrack_framework *framework);
ATRACK_EXTERN int atrack_framework_edit(atrack_db *db, int64_t id, const atrack_framework *in,
                                        unsigned int fields);
ATRACK_EXTERN int atrack_framework_delete(atrack_db *db, int64_t id, unsigned int flags);
ATRACK_EXTERN int atrack_framework_list(atrack_db *db, const atrack_list_opts *opts,
                                        atrack_iter **out);
ATRACK_EXTERN const atrack_framework *atrack_iter_framework(const atrack_iter *it);

/* ---- Focus areas -------------------------------------------------------- */

typedef struct atrack_focus_area {
	int64_t id;
	const char *slug;
	const char *name;         /* required, unique: "maritime security" */
	const char *kind;         /* focus (default) | technology */
	int64_t document_id;
	int source_line;
} atrack_focus_area;

#define ATRACK_FOCUS_AREA_SLUG        0x01u
#define ATRACK_FOCUS_AREA_NAME        0x02u
#define ATRACK_FOCUS_AREA_KIND        0x04u
#define ATRACK_FOCUS_AREA_DOCUMENT    0x08u
#define ATRACK_FOCUS_AREA_SOURCE_LINE 0x10u

/* The family above. */
ATRACK_EXTERN int atrack_focus_area_add(atrack_db *db, const atrack_focus_area *in,
                                        int64_t *out_id);
ATRACK_EXTERN int atrack_focus_area_get(atrack_db *db, int64_t id, atrack_focus_area **out);
ATRACK_EXTERN void atrack_focus_area_free(atrack_focus_area *focus_area);
ATRACK_EXTERN int atrack_focus_area_edit(atrack_db *db, int64_t id,
                                         const atrack_focus_area *in, unsigned int fields);
ATRACK_EXTERN int atrack_focus_area_delete(atrack_db *db, int64_t id, unsigned int flags);
ATRACK_EXTERN int atrack_focus_area_list(atrack_db *db, const atrack_list_opts *opts,
                                         atrack_iter **out);
ATRACK_EXTERN const atrack_focus_area *atrack_iter_focus_area(const atrack_iter *it);

/* ---- Exercises ---------------------------------------------------------- */

typedef struct atrack_exercise {
	int64_t id;
	const char *slug;
	const char *name;         /* required, unique: "Northern Shield" */
	int64_t document_id;
	int source_line;
} atrack_exercise;

#define ATRACK_EXERCISE_SLUG        0x01u
#define ATRACK_EXERCISE_NAME        0x02u
#define ATRACK_EXERCISE_DOCUMENT    0x04u
#define ATRACK_EXERCISE_SOURCE_LINE 0x08u

/* The family above. */
ATRACK_EXTERN int atrack_exercise_add(atrack_db *db, const atrack_exercise *in,
                                      int64_t *out_id);
ATRACK_EXTERN int atrack_exercise_get(atrack_db *db, int64_t id, atrack_exercise **out);
ATRACK_EXTERN void atrack_exercise_free(atrack_exercise *exercise);
ATRACK_EXTERN int atrack_exercise_edit(atrack_db *db, int64_t id, const atrack_exercise *in,
                                       unsigned int fields);
ATRACK_EXTERN int atrack_exercise_delete(atrack_db *db, int64_t id, unsigned int flags);
ATRACK_EXTERN int atrack_exercise_list(atrack_db *db, const atrack_list_opts *opts,
                                       atrack_iter **out);
ATRACK_EXTERN const atrack_exercise *atrack_iter_exercise(const atrack_iter *it);

/* ---- Initiatives -------------------------------------------------------- */

/* Stale, everywhere (board, lists, report): an open (not terminal)
 * initiative whose latest update is this many days old or more, that is
 * today - last update >= N, counting from its creation when it has none;
 * unless a filter or the report's options give another N. */
#define ATRACK_STALE_DAYS_DEFAULT 30

typedef struct atrack_initiative {
	int64_t id;
	const char *slug;
	const char *title;        /* required: short title */
	const char *body;         /* the whole text; NULL is stored as "" */
	int64_t section_id;       /* line of effort, or 0 */
	int64_t meeting_id;       /* where it was announced, or 0 */
	int position;             /* order within its section */
	const char *target_date;  /* YYYY-MM-DD, or NULL */
	const char *review_date;  /* YYYY-MM-DD, or NULL */
	const char *created_at;   /* UTC time; set by _add when NULL */
	int64_t document_id;      /* source document, or 0 */
	int line_start;           /* its lines in the source, or 0 */
	int line_end;

	/* Read-only, derived from its latest progress update and today (UTC,
	 * or the filter's `today`). */
	const char *status;       /* status code, or NULL when it has no update */
	const char *health;       /* on_track | at_risk | off_track, or NULL */
	int percent_complete;     /* 0..100, or -1 */
	const char *last_update_date; /* event date of the latest update, or NULL */
	int days_since_update;    /* days from it to today, or -1 */
	int is_terminal;          /* 1 when the status is terminal (completed, ...) */
	int is_overdue;           /* 1 when past target_date and not terminal */
	int is_stale;             /* 1 when not terminal and no update for the
	                             stale days (since creation when none) */
	const char *section_slug; /* or NULL */
	const char *meeting_slug; /* or NULL */
} atrack_initiative;

#define ATRACK_INITIATIVE_SLUG        0x0001u
#define ATRACK_INITIATIVE_TITLE       0x0002u
#define ATRACK_INITIATIVE_BODY        0x0004u
#define ATRACK_INITIATIVE_SECTION     0x0008u
#define ATRACK_INITIATIVE_MEETING     0x0010u
#define ATRACK_INITIATIVE_POSITION    0x0020u
#define ATRACK_INITIATIVE_TARGET_DATE 0x0040u
#define ATRACK_INITIATIVE_REVIEW_DATE 0x0080u
#define ATRACK_INITIATIVE_CREATED_AT  0x0100u
#define ATRACK_INITIATIVE_DOCUMENT    0x0200u
#define ATRACK_INITIATIVE_LINE_START  0x0400u
#define ATRACK_INITIATIVE_LINE_END    0x0800u

typedef enum atrack_initiative_order {
	ATRACK_ORDER_POSITION = 0,    /* section position, then position (default) */
	ATRACK_ORDER_TITLE = 1,
	ATRACK_ORDER_LAST_UPDATE = 2, /* least recently updated first */
	ATRACK_ORDER_STATUS = 3,      /* by the status vocabulary's order */
	ATRACK_ORDER_MEETING = 4      /* by meeting date (none last), then as POSITION */
} atrack_initiative_order;

#define ATRACK_INITIATIVE_FILTER_VERSION 1

/* What atrack_initiative_list returns. Start from
 * ATRACK_INITIATIVE_FILTER_INIT; 0 and NULL members filter nothing; all
 * given filters must hold. Fields are only ever appended. */
typedef struct atrack_initiative_filter {
	unsigned int version;
	int64_t section_id;
	int64_t framework_id;     /* linked to this framework */
	int64_t party_id;         /* linked to this party */
	int64_t meeting_id;
	const char *status;       /* current status code */
	const char *health;       /* current health */
	int stale_days;           /* the days without an update that make an
	                             initiative stale; 0: ATRACK_STALE_DAYS_DEFAULT */
	int stale_only;           /* non-zero: only stale ones */
	int overdue_only;         /* non-zero: only overdue ones */
	const char *text;         /* in title, body or slug (ASCII case-insensitive) */
	atrack_initiative_order order;
	int64_t limit;            /* 0 or less: no limit */
	int64_t offset;
	const char *today;        /* YYYY-MM-DD to compute against, or NULL for
	                             today (UTC); for reports "as of" and tests */
} atrack_initiative_filter;

#define ATRACK_INITIATIVE_FILTER_INIT \
	{ ATRACK_INITIATIVE_FILTER_VERSION, 0, 0, 0, 0, NULL, NULL, 0, 0, 0, NULL, \
	  ATRACK_ORDER_POSITION, 0, 0, NULL }

/* The family above. atrack_initiative_get computes the derived members
 * against today (UTC) with ATRACK_STALE_DAYS_DEFAULT. */
ATRACK_EXTERN int atrack_initiative_add(atrack_db *db, const atrack_initiative *in,
                                        int64_t *out_id);
ATRACK_EXTERN int atrack_initiative_get(atrack_db *db, int64_t id, atrack_initiative **out);
ATRACK_EXTERN void atrack_initiative_free(atrack_initiative *initiative);
ATRACK_EXTERN int atrack_initiative_edit(atrack_db *db, int64_t id,
                                         const atrack_initiative *in, unsigned int fields);
ATRACK_EXTERN int atrack_initiative_delete(atrack_db *db, int64_t id, unsigned int flags);

/*
 * Open an iterator (O1) over the initiatives that pass `filter` (NULL for
 * all), in its order, paged by its limit and offset. Each row's current
 * status is read from the initiative's one row of current status (kept by
 * the schema's triggers), never from a scan of the history.
 *
 * Returns ATRACK_OK; ATRACK_INVALID naming the field for a bad filter
 * ("status: no status 'done'", "health: 'ok' is not one of on_track,
 * at_risk, off_track", "today: '2024-02-30' is not a valid date
 * (YYYY-MM-DD)"); ATRACK_MISUSE for an unknown filter version; ATRACK_NOMEM.
 */
ATRACK_EXTERN int atrack_initiative_list(atrack_db *db,
                                         const atrack_initiative_filter *filter,
                                         atrack_iter **out);
ATRACK_EXTERN const atrack_initiative *atrack_iter_initiative(const atrack_iter *it);

/* ---- Any kind, by its kind ----------------------------------------------- */

/*
 * The same family for a kind chosen at run time, for programs that treat
 * all things alike (the atrack CLI does). `in` and `*out` point to the
 * kind's struct (atrack_party for ATRACK_KIND_PARTY, ...). Codes as above,
 * plus ATRACK_MISUSE for a kind that has no such struct (update, status).
 * atrack_entity_free releases what atrack_entity_get returned (O1).
 * atrack_entity_list for ATRACK_KIND_INITIATIVE lists with no filter but
 * `opts`' text, limit and offset.
 */
ATRACK_EXTERN int atrack_entity_add(atrack_db *db, atrack_kind kind, const void *in,
                                    int64_t *out_id);
ATRACK_EXTERN int atrack_entity_get(atrack_db *db, atrack_kind kind, int64_t id, void **out);
ATRACK_EXTERN void atrack_entity_free(void *entity);
ATRACK_EXTERN int atrack_entity_edit(atrack_db *db, atrack_kind kind, int64_t id,
                                     const void *in, unsigned int fields);
ATRACK_EXTERN int atrack_entity_delete(atrack_db *db, atrack_kind kind, int64_t id,
                                       unsigned int flags);
ATRACK_EXTERN int atrack_entity_list(atrack_db *db, atrack_kind kind,
                                     const atrack_list_opts *opts, atrack_iter **out);
/* The current row of any entity iterator, as the kind's struct (O2); NULL
 * for an iterator of links or of something else. */
ATRACK_EXTERN const void *atrack_iter_entity(const atrack_iter *it);

/* ---- Describing the structs ------------------------------------------- */

typedef enum atrack_field_type {
	ATRACK_FIELD_TEXT = 1,  /* const char * */
	ATRACK_FIELD_SLUG = 2,  /* const char *: the row's slug */
	ATRACK_FIELD_DATE = 3,  /* const char *: YYYY-MM-DD */
	ATRACK_FIELD_TIME = 4,  /* const char *: ISO-8601 UTC time */
	ATRACK_FIELD_ENUM = 5,  /* const char *: one of `choices` */
	ATRACK_FIELD_REF = 6,   /* int64_t: id of a `ref` thing, 0 for none */
	ATRACK_FIELD_INT = 7,   /* int */
	ATRACK_FIELD_INT64 = 8, /* int64_t */
	ATRACK_FIELD_BOOL = 9   /* int, 0 or 1 */
} atrack_field_type;

#define ATRACK_FIELD_REQUIRED 0x1u /* must be given and not empty */
#define ATRACK_FIELD_READONLY 0x2u /* derived: ignored by _add and _edit */
#define ATRACK_FIELD_ZERO_NONE 0x4u /* an int whose 0 means "none" */
#define ATRACK_FIELD_NEG_NONE 0x8u  /* an int whose -1 means "none" */

/* One member of a kind's struct: its name (the database column, and the
 * key in atrack's JSON), where it is, and what it holds. */
typedef struct atrack_field {
	const char *name;
	atrack_field_type type;
	size_t offset;            /* offsetof in the kind's struct */
	unsigned int bit;         /* its ATRACK_<NOUN>_<MEMBER> bit; 0 if read-only */
	unsigned int flags;       /* ATRACK_FIELD_* */
	atrack_kind ref;          /* for ATRACK_FIELD_REF */
	const char *const *choices; /* for ATRACK_FIELD_ENUM: NULL-terminated */
} atrack_field;

/* The members of `kind`'s struct after `id`, in order, and their count in
 * *out_count; NULL (count 0) for a kind without a struct. Static (O2). */
ATRACK_EXTERN const atrack_field *atrack_fields(atrack_kind kind, size_t *out_count);
/* The size of `kind`'s struct, 0 for a kind without one. */
ATRACK_EXTERN size_t atrack_entity_size(atrack_kind kind);

/* ---- Links -------------------------------------------------------------- */

/*
 * Link two things: an initiative with a framework, party, exercise,
 * document (one it cites) or focus area; a framework with a focus area; a
 * meeting with a document. The two may come in either order.
 *
 * Returns ATRACK_OK; ATRACK_INVALID for a pair that cannot be linked
 * ("cannot link party to meeting"); ATRACK_NOTFOUND when either does not
 * exist ("no framework 9"); ATRACK_CONFLICT when the link exists already.
 * Recorded in the audit log.
 */
ATRACK_EXTERN int atrack_link(atrack_db *db, atrack_kind from_kind, int64_t from_id,
                              atrack_kind to_kind, int64_t to_id);
/* Remove a link. Returns ATRACK_OK; ATRACK_NOTFOUND when there is no such
 * link; ATRACK_INVALID for a pair that cannot be linked. */
ATRACK_EXTERN int atrack_unlink(atrack_db *db, atrack_kind from_kind, int64_t from_id,
                                atrack_kind to_kind, int64_t to_id);

/* A thing another is linked to. */
typedef struct atrack_link_row {
	atrack_kind kind;
	int64_t id;
	const char *slug;
	const char *name;         /* its name or title */
} atrack_link_row;

/*
 * Open an iterator (O1) over everything the thing (kind, id) is linked to,
 * by kind then name; rows through atrack_iter_link (O2). atrack_iter_kind
 * gives 0 for it. Returns ATRACK_OK, ATRACK_NOTFOUND for a missing thing,
 * ATRACK_NOMEM.
 */
ATRACK_EXTERN int atrack_link_list(atrack_db *db, atrack_kind kind, int64_t id,
                                   atrack_iter **out);
ATRACK_EXTERN const atrack_link_row *atrack_iter_link(const atrack_iter *it);

#ifdef __cplusplus
}
#endif

#endif /* ATRACK_ENTITY_H */
