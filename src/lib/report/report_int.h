/*
 * report_int.h - what the report files share and nothing else sees: the
 * report handle, the output sink every renderer writes through (a FILE or
 * a growing buffer, so one renderer serves atrack_report_write and
 * atrack_report_render), the escaping helpers written once for all
 * formats, and one entry point per format.
 */
#ifndef ATRACK_REPORT_INT_H
#define ATRACK_REPORT_INT_H

#include "atrack_int.h"

#include <stdio.h>

typedef struct atr_group_list {
	atrack_report_summary *items;
	unsigned int *counts;  /* items[i].by_status points into this block */
	size_t count;
	size_t cap;
} atr_group_list;

struct atrack_report {
	atrack_db *db;
	char *title;
	char today[11];
	char as_of[11];        /* the report's day: opts.as_of, else today */
	char since[11];        /* "" when not asked */
	bool has_as_of;
	int stale_days;
	int64_t section_id, framework_id, meeting_id, party_id;
	char *status_ids;      /* the statuses asked for, ",3,7,"; NULL for any */
	char *health;          /* NULL for any */
	bool stale_only, overdue_only, summary_only, bom, ascii;
	int rows;              /* ATRACK_REPORT_ROWS_* */
	int group_by;          /* ATRACK_REPORT_BY_* */
	int width;
	atrack_report_status *statuses;
	size_t status_count;
	atr_group_list groups[4]; /* indexed by atrack_report_group */
	bool owns_read_txn;    /* open began the snapshot that free ends */
};

/* Where rendered text goes. Once a write fails, later ones are skipped and
 * `failed` says so; the renderer's caller turns it into ATRACK_IO or
 * ATRACK_NOMEM. */
typedef struct atr_sink {
	FILE *file;  /* when not NULL */
	atr_buf buf; /* otherwise */
	bool failed;
	bool ascii;  /* cells in ASCII only (the text report for a non-UTF-8 terminal) */
} atr_sink;

void atr_sink_write(atr_sink *s, const char *text, size_t len);
void atr_sink_puts(atr_sink *s, const char *text);
void atr_sink_printf(atr_sink *s, const char *fmt, ...) ATR_PRINTF(2, 3);
/* `n` copies of `text`. */
void atr_sink_repeat(atr_sink *s, const char *text, int n);

/* Text made safe for one format; NULL is written as nothing. */
void atr_sink_html(atr_sink *s, const char *text);
/* One CSV cell (RFC 4180): quoted when it holds a comma, quote, CR or LF,
 * quotes doubled, and a leading = + - @ TAB CR prefixed with ' so that a
 * spreadsheet does not run it as a formula. */
void atr_sink_csv(atr_sink *s, const char *text);
/* Markdown inline text: characters that would start markup, and the pipe
 * of a table, are backslash-escaped; line breaks and other control
 * characters become spaces; '<' is written as &lt; so no HTML passes
 * through. Every value a Markdown report prints goes through it: labels,
 * codes, dates and health as well as titles and notes. */
void atr_sink_md(atr_sink *s, const char *text);
/* A date in Markdown, escaped as atr_sink_md does, each hyphen between
 * digits written as U+2011 NON-BREAKING HYPHEN, so that no renderer wraps
 * "2025-06-30" across lines (a table cell would break it at a hyphen). The
 * other formats keep the ASCII hyphen: CSV and JSON are read by programs. */
#define ATR_MD_NB_HYPHEN "\xE2\x80\x91"
void atr_sink_md_date(atr_sink *s, const char *text);
/* Plain text cut to `width` terminal columns ("…" when cut), padded with
 * spaces to exactly `width` when `pad`. Control characters become spaces. */
void atr_sink_cell(atr_sink *s, const char *text, int width, bool pad);
/* Plain text whole, control characters (C0, DEL, C1) as spaces. */
void atr_sink_plain(atr_sink *s, const char *text);
/* Terminal columns taken by UTF-8 `text`. */
int atr_text_width(const char *text);

/* The percentage of part in whole, rounded; 0 when whole is 0. */
int atr_percent(unsigned int part, unsigned int whole);
/* A health code as words: "on track"; "" for NULL. */
const char *atr_health_words(const char *health);
/* A row's briefing details as one line of plain (unescaped) text: "40%
 * complete", target date and overdue, meeting, where health came from,
 * latest note and its date, evidence URL; parts joined by `sep`. The
 * caller escapes the result for its format. */
void atr_row_details(const atrack_report_row *row, const char *sep, atr_buf *b);
/* A change in words, labels not codes: "Announced -> Ongoing; on track ->
 * at risk; 20% -> 40%" with `arrow` between. Unescaped, as above. */
void atr_change_words(const atrack_report_change *c, const char *arrow, atr_buf *b);
/* A change kind as a word: "new", "status", "update". */
const char *atr_change_word(atrack_report_change_kind kind);

/* Bind every parameter of report_sql.h's REPORT_BASE that `stmt` uses,
 * from the report (its text outlives the statement's use); and one
 * integer parameter by name, when the statement has it. */
void atr_report_bind(const atrack_report *r, sqlite3_stmt *stmt);
void atr_report_bind_int(sqlite3_stmt *stmt, const char *name, int64_t value);

/* An iterator over every update of the report's initiatives up to its
 * day, oldest first, read with atrack_iter_report_change. */
int atr_report_updates(atrack_report *r, atrack_iter **out);

/* The burndown: for each of the 12 months up to the report's day, oldest
 * first, how many of the report's initiatives were completed and how many
 * open at its end ("YYYY-MM"); a month before any initiative existed has
 * no call. A non-zero return from `each` stops and is handed back. */
typedef int (*atr_month_fn)(void *payload, const char *month, unsigned int completed,
                            unsigned int open);
int atr_report_each_month(atrack_report *r, atr_month_fn each, void *payload);

/* Call `each` on every change since the report's `since` (limit 0) or on
 * the `limit` latest of the timeline (limit > 0), the way a _foreach does:
 * a non-zero return from `each` stops and is handed back. *count (may be
 * NULL) gets how many were seen. The iterator is freed here. */
typedef int (*atr_change_fn)(atrack_report *r, const atrack_report_change *c, atr_sink *s);
int atr_report_each_change(atrack_report *r, int limit, atr_change_fn each, atr_sink *s,
                           unsigned int *count);

/* The HTML report's charts (report_html_charts.c): the colour of a status
 * (one of its own for each in the vocabulary), days since 1970-01-01 of a
 * "YYYY-MM-DD" (0 when it is not one), the legend of statuses, the status
 * bars, and the health view. */
const char *atr_html_status_colour(const atrack_report *r, const char *code);
long atr_html_day_number(const char *date);
void atr_html_legend(atrack_report *r, atr_sink *s);
void atr_html_bars(atrack_report *r, atr_sink *s);
void atr_html_health(atrack_report *r, atr_sink *s);
/* The burndown as SVG: completed and open at each month's end. */
int atr_html_burndown(atrack_report *r, atr_sink *s);

/* The renderers, one file each. They read the report only through the
 * public data API, so a program linking libatrack sees the same report. */
int atr_report_text(atrack_report *r, atr_sink *s);
int atr_report_md(atrack_report *r, atr_sink *s);
int atr_report_html(atrack_report *r, atr_sink *s);
int atr_report_csv(atrack_report *r, atr_sink *s);
int atr_report_json(atrack_report *r, atr_sink *s);

#endif /* ATRACK_REPORT_INT_H */
