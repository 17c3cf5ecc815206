/*
 * atrack/report.h - part of the public interface of libatrack, included by
 * atrack.h (include that, not this): the status report an analyst hands to
 * leadership, as data (a summary of small counts and two iterators that
 * stream the initiatives and the changes) and rendered as text, Markdown,
 * HTML, CSV or JSON.
 */
#ifndef ATRACK_REPORT_H
#define ATRACK_REPORT_H

#ifndef ATRACK_H
#error "include <atrack.h>, not <atrack/report.h>"
#endif

#include <stdbool.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Report options ----------------------------------------------------- */

/* The formats a report renders to. Numbers are stable. */
typedef enum atrack_report_format {
	ATRACK_REPORT_TEXT = 1, /* aligned plain text for a terminal */
	ATRACK_REPORT_MD = 2,   /* Markdown, to paste into a document */
	ATRACK_REPORT_HTML = 3, /* one self-contained page: inline CSS and SVG */
	ATRACK_REPORT_CSV = 4,  /* RFC 4180, one row per initiative */
	ATRACK_REPORT_JSON = 5  /* the same data, fields in docs/report.md */
} atrack_report_format;

/* The format named `name` ("text", "md", "html", "csv", "json"; "markdown"
 * too). Returns ATRACK_OK or ATRACK_INVALID. */
ATRACK_EXTERN int atrack_report_format_from_name(const char *name,
                                                 atrack_report_format *out);

/* The report's default is the one of the board and the lists (one
 * definition of stale everywhere: see ATRACK_STALE_DAYS_DEFAULT). */
#define ATRACK_REPORT_STALE_DAYS_DEFAULT ATRACK_STALE_DAYS_DEFAULT

typedef struct atrack_report_opts {
	unsigned int version;  /* ATRACK_REPORT_OPTS_VERSION */
	const char *since;     /* "YYYY-MM-DD": list what changed after this day; NULL: no changes part */
	const char *as_of;     /* "YYYY-MM-DD": the state on that day, from the history; NULL: now */
	const char *today;     /* "YYYY-MM-DD" standing in for today's date (UTC); NULL: the clock */
	int stale_days;        /* an open initiative whose current update is this many days
	                          old or more is stale;
	                          0: ATRACK_REPORT_STALE_DAYS_DEFAULT */
	int64_t section_id;    /* filters; 0 for any (ids from atrack_resolve) */
	int64_t framework_id;
	int64_t meeting_id;
	int64_t party_id;
	const char *status;    /* a status code, or NULL for any */
	int width;             /* text format: columns to fit; 0: 100 */
	const char *title;     /* the report's heading; NULL: "Initiative status report" */
	/* Version 2 appends: */
	const char *health;    /* a health (carried forward), or NULL for any */
	int stale_only;        /* non-zero: only the stale ones */
	int overdue_only;      /* non-zero: only the overdue ones */
	int summary_only;      /* non-zero: the summary, without initiatives and changes */
	int rows;              /* CSV: ATRACK_REPORT_ROWS_INITIATIVES or _UPDATES */
	int bom;               /* CSV: start with a UTF-8 byte order mark, for spreadsheets */
	int group_by;          /* how the initiatives are listed: ATRACK_REPORT_BY_* */
	int ascii;             /* text: ASCII only ("~" for a cut, "?" for other characters),
	                          for a terminal whose locale is not UTF-8 */
	/* Version 3 appends: */
	const char *const *statuses; /* status codes: only initiatives now in any of them
	                                (with `status` too: in any of them all); each must
	                                be a code of the vocabulary; NULL for any */
	size_t nstatuses;      /* how many `statuses` holds; 0 for any */
} atrack_report_opts;

/* opts.group_by: the initiatives under their line of effort (the default),
 * meeting, status, health, stale / overdue first, framework or party. */
#define ATRACK_REPORT_BY_SECTION 0
#define ATRACK_REPORT_BY_MEETING 1
#define ATRACK_REPORT_BY_STATUS 2
#define ATRACK_REPORT_BY_HEALTH 3
#define ATRACK_REPORT_BY_STALE 4
#define ATRACK_REPORT_BY_OVERDUE 5
/* By framework or party: an initiative linked to several is listed under
 * each (so it appears more than once), one linked to none under "(none)",
 * after the others. Groups in name order. */
#define ATRACK_REPORT_BY_FRAMEWORK 6
#define ATRACK_REPORT_BY_PARTY 7

#define ATRACK_REPORT_ROWS_INITIATIVES 0 /* one record per initiative */
#define ATRACK_REPORT_ROWS_UPDATES 1     /* one record per update of those initiatives */

/* Version 1 (without the fields after `title`) and version 2 (without
 * `statuses` and `nstatuses`) are still accepted. */
#define ATRACK_REPORT_OPTS_VERSION 3
#define ATRACK_REPORT_OPTS_INIT \
	{ ATRACK_REPORT_OPTS_VERSION, NULL, NULL, NULL, 0, 0, 0, 0, 0, NULL, 0, NULL, \
	  NULL, 0, 0, 0, 0, 0, 0, 0, NULL, 0 }

/* ---- The report as data ------------------------------------------------- */

typedef struct atrack_report atrack_report;

/*
 * Gather a report: check the options, compute the summary (a few GROUP BY
 * queries; its size is bounded by the number of statuses, sections,
 * frameworks and meetings, never by initiatives or updates). The rows are
 * not read until an iterator asks for them.
 *
 * opts  may be NULL for the defaults (copied, O4).
 * out   [out] the report, freed with atrack_report_free (O1).
 *
 * The state "as of" a day is, for each initiative, its latest update dated
 * on or before that day; an initiative with no update by then is left out.
 *
 * Unless the caller holds a transaction, the report reads one snapshot of
 * the database from open to atrack_report_free (a read transaction): the
 * summary and the rows agree however many writers commit meanwhile. While
 * a report is open, every write through the same handle (and
 * atrack_begin) is refused with ATRACK_MISUSE ("a report is open on this
 * handle: ..."), so that no write joins the report's read transaction
 * unseen by other handles; free the report first.
 *
 * Returns ATRACK_OK; ATRACK_INVALID for a malformed date, a negative
 * stale_days, `since` after `as_of` or an unknown status code (in
 * `status` or `statuses`); ATRACK_MISUSE for a NULL handle or out, an
 * unknown options version, or `statuses` NULL or holding a NULL while
 * nstatuses is not 0;
 * ATRACK_NOMEM; ATRACK_BUSY.
 */
ATRACK_EXTERN int atrack_report_open(atrack_db *db, const atrack_report_opts *opts,
                                     atrack_report **out);

/* Release a report; NULL is a no-op. Free its iterators first. A report
 * whose handle was closed (atrack_close) is still freed here, and then
 * only here: its row, change and timeline functions return ATRACK_MISUSE,
 * its accessors still read what it holds. */
ATRACK_EXTERN void atrack_report_free(atrack_report *report);

/* The report's heading, the day it describes (as_of, else today), today,
 * and `since` (NULL when not asked). Borrowed from the report (O2). */
ATRACK_EXTERN const char *atrack_report_title(const atrack_report *report);
ATRACK_EXTERN const char *atrack_report_as_of(const atrack_report *report);
ATRACK_EXTERN const char *atrack_report_today(const atrack_report *report);
ATRACK_EXTERN const char *atrack_report_since(const atrack_report *report);
ATRACK_EXTERN int atrack_report_stale_days(const atrack_report *report);

/* A status of the vocabulary, in its sort order. */
typedef struct atrack_report_status {
	const char *code;   /* "in_progress" */
	const char *label;  /* "In progress" */
	bool is_terminal;
} atrack_report_status;

/* How many statuses the vocabulary has, and the i-th (0-based; NULL past
 * the end). Borrowed from the report (O2). Every by_status array below has
 * this many counts, in this order. */
ATRACK_EXTERN size_t atrack_report_status_count(const atrack_report *report);
ATRACK_EXTERN const atrack_report_status *atrack_report_status_at(const atrack_report *report,
                                                                  size_t i);

/* The ways the summary groups initiatives. An initiative with several
 * frameworks counts once under each; one with none is not under any. */
typedef enum atrack_report_group {
	ATRACK_REPORT_ALL = 0,       /* one group: every initiative in the report */
	ATRACK_REPORT_SECTION = 1,   /* by line of effort (id 0: no section) */
	ATRACK_REPORT_FRAMEWORK = 2,
	ATRACK_REPORT_MEETING = 3    /* id 0: no meeting */
} atrack_report_group;

/* The counts of one group. */
typedef struct atrack_report_summary {
	int64_t id;                 /* the section, framework or meeting; 0 for ALL */
	const char *slug;           /* NULL for ALL and for "none" */
	const char *name;           /* "(all)", "(no section)", a title, "NCG" */
	unsigned int total;         /* initiatives in the group */
	const unsigned int *by_status; /* atrack_report_status_count() counts */
	unsigned int on_track;      /* by health of the current update */
	unsigned int at_risk;
	unsigned int off_track;
	unsigned int no_health;
	unsigned int completed;     /* in status "completed" */
	unsigned int overdue;       /* open, and past its target date */
	unsigned int stale;         /* open, current update stale_days old or more */
} atrack_report_summary;

/* How many groups of kind `group` the report has (1 for ALL), and the i-th
 * in display order (sections by position, frameworks and meetings by
 * name/date). NULL past the end or for a bad group. Borrowed (O2). */
ATRACK_EXTERN size_t atrack_report_group_count(const atrack_report *report,
                                               atrack_report_group group);
ATRACK_EXTERN const atrack_report_summary *atrack_report_group_at(const atrack_report *report,
                                                                  atrack_report_group group,
                                                                  size_t i);

/* One initiative in the report. */
typedef struct atrack_report_row {
	int64_t id;
	const char *slug;
	const char *title;          /* the short title */
	int64_t section_id;         /* 0 when it has none */
	const char *section_slug;   /* NULL when it has none */
	const char *section_title;
	const char *frameworks;     /* acronyms (names when none), ", "-joined; "" for none */
	const char *meeting_slug;   /* NULL when it has none */
	const char *status;         /* code of the current (as-of) update */
	const char *status_label;
	bool is_terminal;
	const char *health;         /* "on_track", "at_risk", "off_track" or NULL */
	int percent_complete;       /* -1 when not given */
	int64_t update_id;          /* the current update */
	const char *last_update;    /* its event date */
	int days_since;             /* from last_update to the report's day */
	const char *note;           /* its note, or NULL */
	const char *author;         /* its author */
	const char *target_date;    /* NULL when none */
	bool overdue;
	bool stale;
	/* Appended after the first release: what a briefing needs besides. */
	const char *meeting_name;   /* the meeting's name, NULL when none */
	const char *latest_note;    /* the latest note given by any update, or NULL */
	const char *latest_note_date;
	const char *evidence_url;   /* the evidence of that update, or NULL */
	/* health and percent_complete are carried forward from the latest
	 * update that gave one; these say which (0 / NULL when none did). */
	int64_t health_update_id;
	const char *health_date;
	int64_t percent_update_id;
	const char *percent_date;
	/* The group the listing puts it under (opts.group_by): a key that
	 * changes where a new group starts, and the group's heading. */
	int64_t group_key;
	const char *group_name;
} atrack_report_row;

/*
 * The initiatives, by section position then position in the section, one
 * row per step, streamed from one statement (memory does not grow with
 * their number).
 *
 * out  [out] an iterator (O1) of kind ATRACK_KIND_INITIATIVE; read each row
 *      with atrack_iter_report_row (strings borrowed until the next step, O2).
 * Returns ATRACK_OK, ATRACK_NOMEM, ATRACK_BUSY.
 */
ATRACK_EXTERN int atrack_report_rows(atrack_report *report, atrack_iter **out);
ATRACK_EXTERN const atrack_report_row *atrack_iter_report_row(const atrack_iter *it);

/* What a change is. */
typedef enum atrack_report_change_kind {
	ATRACK_CHANGE_NEW = 1,        /* an initiative's first update: it is new */
	ATRACK_CHANGE_TRANSITION = 2, /* the status differs from the update before */
	ATRACK_CHANGE_UPDATE = 3      /* a new update with the same status */
} atrack_report_change_kind;

/* One progress update seen as a change. */
typedef struct atrack_report_change {
	atrack_report_change_kind kind;
	int64_t update_id;
	int64_t initiative_id;
	const char *slug;
	const char *title;
	const char *section_title;  /* NULL when none */
	const char *event_date;     /* the day it happened */
	const char *recorded_at;    /* when it was written down */
	const char *author;
	const char *from_status;    /* the status before; NULL for ATRACK_CHANGE_NEW */
	const char *to_status;
	const char *health;         /* NULL when not given */
	const char *note;           /* NULL when none */
	/* Appended after the first release. */
	const char *from_status_label; /* NULL for ATRACK_CHANGE_NEW */
	const char *to_status_label;
	const char *from_health;    /* in force before it (carried), or NULL */
	int from_percent;           /* in force before it, or -1 */
	int to_percent;             /* given by it, or -1 */
	const char *evidence_url;   /* NULL when none */
} atrack_report_change;

/*
 * The updates dated after `since` and on or before the report's day, of the
 * initiatives in the report, oldest first, each with the status before it
 * (one index seek per change). With no `since` the iterator is empty.
 *
 * out  [out] an iterator (O1) of kind ATRACK_KIND_UPDATE; read rows with
 *      atrack_iter_report_change (O2).
 * Returns ATRACK_OK, ATRACK_NOMEM, ATRACK_BUSY.
 */
ATRACK_EXTERN int atrack_report_changes(atrack_report *report, atrack_iter **out);

/* The `limit` most recent updates (newest first) in the year up to the
 * report's day, for a timeline. Rows as for atrack_report_changes. */
ATRACK_EXTERN int atrack_report_timeline(atrack_report *report, int limit, atrack_iter **out);
ATRACK_EXTERN const atrack_report_change *atrack_iter_report_change(const atrack_iter *it);

/* ---- The report rendered ------------------------------------------------ */

/*
 * Render the report in `format` to `out`, streaming: rows are written as
 * they are read. Every piece of user text is escaped for the format (HTML
 * entities; CSV quoting, and a leading =, +, -, @, tab or CR neutralised
 * with a ' so that a spreadsheet shows it instead of running it).
 *
 * Returns ATRACK_OK; the codes of atrack_report_open; ATRACK_INVALID for an
 * unknown format; ATRACK_IO when writing to `out` fails.
 */
ATRACK_EXTERN int atrack_report_write(atrack_db *db, const atrack_report_opts *opts,
                                      atrack_report_format format, FILE *out);

/* The same into a string. out [out]: NUL-terminated text, freed with
 * atrack_free (O3); *out_len its length (out_len may be NULL). */
ATRACK_EXTERN int atrack_report_render(atrack_db *db, const atrack_report_opts *opts,
                                       atrack_report_format format, char **out,
                                       size_t *out_len);

/* ---- HTML for other pages ------------------------------------------------ */

/* The Content-Security-Policy of the HTML report: nothing loads, runs or
 * re-bases. ATRACK_HTML_CSP_BASE without its form rule, for a page that
 * submits forms to itself (it then adds "form-action 'self'"). */
#define ATRACK_HTML_CSP_BASE "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'"
#define ATRACK_HTML_CSP ATRACK_HTML_CSP_BASE "; form-action 'none'"

/* Write `text` to `out` escaped as the HTML report escapes every value:
 * & < > " ' as entities, so it is safe in an element and in a quoted
 * attribute. NULL writes nothing. Returns ATRACK_OK, ATRACK_MISUSE for a
 * NULL `out`, ATRACK_IO when writing fails. */
ATRACK_EXTERN int atrack_html_escape_write(FILE *out, const char *text);

#ifdef __cplusplus
}
#endif

#endif /* ATRACK_REPORT_H */
