/*
 * atrack/tracking.h - part of the public interface of libatrack, included by
 * atrack.h (include that, not this): progress updates, the status vocabulary
 * and the audit log. An initiative's current status, health and last-update
 * date are those of its latest update by (event_date, id). The database
 * keeps a copy of them per initiative, written by triggers in the same
 * statement as every change to the history, so a board reads one small row
 * per initiative however long the history is; atrack_check compares the
 * copy with the history.
 */
#ifndef ATRACK_TRACKING_H
#define ATRACK_TRACKING_H

#ifndef ATRACK_H
#error "include <atrack.h>, not <atrack/tracking.h>"
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Progress updates --------------------------------------------------- */

/*
 * One progress update, as read back. Strings are borrowed (O2) from an
 * iterator row, or owned by the struct when it came from atrack_update_get.
 * Absent optional values: health NULL, percent_complete -1, note NULL,
 * evidence_url NULL, evidence_document_id 0.
 */
typedef struct atrack_update {
	int64_t id;
	int64_t initiative_id;
	const char *initiative_slug;
	const char *status;           /* the status code: "in_progress" */
	const char *health;           /* "on_track", "at_risk", "off_track" or NULL */
	int percent_complete;         /* 0..100, or -1 for none */
	const char *note;
	const char *author;           /* atrack_author() of the handle that added it */
	const char *event_date;       /* "YYYY-MM-DD": the day it happened */
	const char *recorded_at;      /* "YYYY-MM-DDTHH:MM:SS.sssZ": when written down */
	const char *evidence_url;
	int64_t evidence_document_id;
	int is_reopen;                /* 1 when it leaves a terminal status */
} atrack_update;

/*
 * What to add, or what an edit changes. Initialise with
 * ATRACK_UPDATE_INPUT_INIT (fields are only ever appended; `version` tells
 * the library which ones the caller knows).
 *
 * TRANSITIONS. The history of an initiative, ordered by (event_date, id),
 * must stay valid after every add, edit and delete:
 *   T1. An update that follows a terminal status (completed, cancelled, or a
 *       user-added terminal code) either repeats that status or is a reopen.
 *   T2. A reopen follows a terminal status and changes the status.
 *   T3. A reopen carries a non-blank note saying why.
 * A back-dated update is checked against both neighbours it lands between:
 * the update before it (T1, T2) and the update after it, which must still
 * satisfy T1 and T2 with the new one as its predecessor. So a terminal
 * status cannot be slipped in before later non-reopen updates, and an
 * update cannot be slipped between a terminal status and its reopen.
 */
typedef struct atrack_update_input {
	unsigned int version;
	int64_t initiative_id;
	const char *status;           /* a code of the vocabulary; required to add */
	const char *health;           /* NULL for none */
	int percent_complete;         /* -1 for none */
	const char *note;             /* NULL for none; never blank */
	const char *event_date;       /* "YYYY-MM-DD", not in the future; NULL: today (UTC) */
	const char *evidence_url;     /* "http://..." or "https://...", or NULL */
	int64_t evidence_document_id; /* an existing document, or 0 */
	int reopen;                   /* leave a terminal status (T1-T3) */
} atrack_update_input;

#define ATRACK_UPDATE_INPUT_VERSION 1
#define ATRACK_UPDATE_INPUT_INIT \
	{ ATRACK_UPDATE_INPUT_VERSION, 0, NULL, NULL, -1, NULL, NULL, NULL, 0, 0 }

/*
 * Add a progress update to an initiative, authored by atrack_author(db),
 * recorded now.
 *
 * in      the update (initiative_id, status required).
 * out_id  [out] the new update's id; may be NULL.
 *
 * Returns ATRACK_OK; ATRACK_NOTFOUND (no such initiative or evidence
 * document); ATRACK_INVALID with a message naming the field: an unknown
 * status ("status: no status 'doing' (known: announced, ...)"), a health
 * outside on_track/at_risk/off_track, a percent outside 0..100, an invalid
 * or future date, a blank note, an evidence URL not UTF-8 or not http(s), a
 * transition that breaks T1-T3; ATRACK_BUSY; ATRACK_READONLY; ATRACK_NOMEM;
 * ATRACK_MISUSE for a NULL db or in, or an unknown `version`. One
 * transaction: on any failure nothing is written. Inputs are copied (O4).
 */
ATRACK_EXTERN int atrack_update_add(atrack_db *db, const atrack_update_input *in,
                                    int64_t *out_id);

/*
 * Read one update. out [out] the update, freed with atrack_update_free
 * (O1); its strings belong to it. Returns ATRACK_OK, ATRACK_NOTFOUND
 * ("no update 42"), ATRACK_NOMEM, ATRACK_MISUSE for NULL db or out.
 */
ATRACK_EXTERN int atrack_update_get(atrack_db *db, int64_t id, atrack_update **out);

/* Release an update from atrack_update_get; NULL is a no-op. */
ATRACK_EXTERN void atrack_update_free(atrack_update *update);

/* Fields atrack_update_edit may change (or-ed together). The status and the
 * initiative never change: a different status is a new update. */
#define ATRACK_UPDATE_EDIT_NOTE       0x01u
#define ATRACK_UPDATE_EDIT_EVENT_DATE 0x02u /* NULL: today */
#define ATRACK_UPDATE_EDIT_HEALTH     0x04u /* NULL: none */
#define ATRACK_UPDATE_EDIT_PERCENT    0x08u /* -1: none */
#define ATRACK_UPDATE_EDIT_EVIDENCE   0x10u /* both evidence fields */

/*
 * Correct an update in place: set the fields named in `fields` from `in`
 * (its other fields are ignored). The audit log keeps the row before and
 * after. Validation and transitions are those of atrack_update_add; moving
 * the event date re-checks the neighbours at the old and the new place.
 *
 * Returns ATRACK_OK; ATRACK_NOTFOUND; ATRACK_INVALID (as for add; also no
 * field named); ATRACK_MISUSE (NULL db or in, unknown bits in `fields`);
 * ATRACK_BUSY; ATRACK_READONLY; ATRACK_NOMEM. Nothing is written on failure.
 */
ATRACK_EXTERN int atrack_update_edit(atrack_db *db, int64_t id,
                                     const atrack_update_input *in, unsigned int fields);

/*
 * Delete an update (a mistake, not a change of status: that is a new
 * update). Refused with ATRACK_INVALID when the update after it would then
 * break T1 or T2 (e.g. deleting the `completed` that a later reopen
 * leaves); delete from the newest end instead. Returns ATRACK_OK,
 * ATRACK_NOTFOUND, ATRACK_INVALID, ATRACK_BUSY, ATRACK_READONLY,
 * ATRACK_NOMEM, ATRACK_MISUSE. The audit log keeps the deleted row.
 */
ATRACK_EXTERN int atrack_update_delete(atrack_db *db, int64_t id);

/* Which updates atrack_update_list yields. Initialise with
 * ATRACK_UPDATE_FILTER_INIT. */
typedef struct atrack_update_filter {
	unsigned int version;
	int64_t initiative_id;  /* 0: every initiative */
	const char *since;      /* "YYYY-MM-DD": event_date >= since; NULL: no bound */
	const char *until;      /* "YYYY-MM-DD": event_date <= until; NULL: no bound */
	int64_t limit;          /* at most this many rows; 0: no limit */
	int64_t offset;         /* skip this many first */
} atrack_update_filter;

#define ATRACK_UPDATE_FILTER_VERSION 1
#define ATRACK_UPDATE_FILTER_INIT { ATRACK_UPDATE_FILTER_VERSION, 0, NULL, NULL, 0, 0 }

/*
 * List updates, newest first: by event_date, then id, descending.
 *
 * f    the filter; NULL lists everything.
 * out  [out] the iterator (O1); rows through atrack_iter_update.
 *
 * Returns ATRACK_OK; ATRACK_INVALID (a bad since/until date, a negative
 * limit or offset); ATRACK_NOMEM; ATRACK_MISUSE (NULL db or out).
 */
ATRACK_EXTERN int atrack_update_list(atrack_db *db, const atrack_update_filter *f,
                                     atrack_iter **out);

/* The current row of an iterator from atrack_update_list, borrowed (O2);
 * NULL for another kind of iterator, NULL, or one not on a row. */
ATRACK_EXTERN const atrack_update *atrack_iter_update(const atrack_iter *it);

/* ---- The status vocabulary ---------------------------------------------- */

/* A status code. Strings borrowed (O2). */
typedef struct atrack_status {
	int64_t id;
	const char *code;     /* [a-z][a-z0-9_]*, at most 32 bytes */
	const char *label;    /* "In progress" */
	int64_t sort_order;   /* lists and reports order statuses by this */
	int is_terminal;      /* completed, cancelled: left only by a reopen */
	int is_builtin;       /* seeded with the database */
} atrack_status;

/*
 * Add a status code to the vocabulary. Reads in->code, label, sort_order
 * and is_terminal (non-zero: terminal); id and is_builtin are ignored
 * (user codes are never built-in).
 *
 * out_id  [out] the new code's id; may be NULL.
 *
 * Returns ATRACK_OK; ATRACK_INVALID ("code: ..." not lower-case
 * [a-z][a-z0-9_]* of at most 32 bytes; "label: must not be empty");
 * ATRACK_CONFLICT (the code exists); ATRACK_BUSY; ATRACK_READONLY;
 * ATRACK_NOMEM; ATRACK_MISUSE (NULL db or in). Inputs copied (O4).
 */
ATRACK_EXTERN int atrack_status_add(atrack_db *db, const atrack_status *in, int64_t *out_id);

/*
 * Change a status code's label and order (the code, and whether it is
 * terminal, stay: the history was checked against them). label NULL keeps
 * the label. Returns ATRACK_OK, ATRACK_NOTFOUND, ATRACK_INVALID (empty
 * label), ATRACK_BUSY, ATRACK_READONLY, ATRACK_NOMEM, ATRACK_MISUSE.
 */
ATRACK_EXTERN int atrack_status_edit(atrack_db *db, int64_t id, const char *label,
                                     int64_t sort_order);

/*
 * Remove a status code the user added. Refused while any update has it
 * (ATRACK_CONFLICT, "status 'x' is used by 3 updates"), and for the
 * built-in codes (ATRACK_CONFLICT: the rules and the report read them).
 * Returns ATRACK_OK, ATRACK_NOTFOUND, ATRACK_CONFLICT, ATRACK_BUSY,
 * ATRACK_READONLY, ATRACK_MISUSE. Nothing is written on a refusal.
 */
ATRACK_EXTERN int atrack_status_delete(atrack_db *db, int64_t id);

/* List the vocabulary by sort_order, then id. out [out] the iterator (O1);
 * rows through atrack_iter_status. Returns ATRACK_OK, ATRACK_NOMEM,
 * ATRACK_MISUSE. */
ATRACK_EXTERN int atrack_status_list(atrack_db *db, atrack_iter **out);

/* The current row of an iterator from atrack_status_list (O2); NULL
 * otherwise. */
ATRACK_EXTERN const atrack_status *atrack_iter_status(const atrack_iter *it);

/* ---- The audit log ------------------------------------------------------ */

/* One change to one row, recorded by the database's triggers. Strings are
 * borrowed (O2). */
typedef struct atrack_audit_entry {
	int64_t id;
	const char *at;          /* "YYYY-MM-DDTHH:MM:SS.sssZ" */
	const char *author;      /* atrack_author() of the handle that made it */
	const char *table_name;  /* "progress_update", "initiative_framework", ... */
	const char *kind;        /* atrack_kind_name of the table's kind, or NULL
	                            for a link table */
	int64_t row_id;
	const char *action;      /* "insert", "update" or "delete" */
	const char *before_json; /* JSON object of the row before; NULL for insert */
	const char *after_json;  /* JSON object of the row after; NULL for delete */
} atrack_audit_entry;

/* Which entries atrack_audit_list yields; every condition given must
 * hold. Initialise with ATRACK_AUDIT_FILTER_INIT. */
typedef struct atrack_audit_filter {
	unsigned int version;
	atrack_kind kind;        /* 0: any; else that kind's table */
	const char *table_name;  /* NULL: any */
	int64_t row_id;          /* 0: any */
	const char *since;       /* "YYYY-MM-DD": changes on or after that day (UTC) */
	const char *until;       /* "YYYY-MM-DD": changes on or before that day */
	const char *author;      /* NULL: any */
	int64_t limit;           /* 0: no limit */
	int64_t offset;
} atrack_audit_filter;

#define ATRACK_AUDIT_FILTER_VERSION 1
#define ATRACK_AUDIT_FILTER_INIT \
	{ ATRACK_AUDIT_FILTER_VERSION, (atrack_kind)0, NULL, 0, NULL, NULL, NULL, 0, 0 }

/*
 * List the audit log, newest first (by id, the order the changes were
 * made in). f NULL lists everything. out [out] the iterator (O1), whose
 * atrack_iter_kind is 0 (the log is not a kind of thing); rows through
 * atrack_iter_audit. Returns ATRACK_OK; ATRACK_INVALID (an unknown kind, a
 * bad date, a negative limit or offset); ATRACK_NOMEM; ATRACK_MISUSE.
 */
ATRACK_EXTERN int atrack_audit_list(atrack_db *db, const atrack_audit_filter *f,
                                    atrack_iter **out);

/* The current row of an iterator from atrack_audit_list (O2); NULL
 * otherwise. */
ATRACK_EXTERN const atrack_audit_entry *atrack_iter_audit(const atrack_iter *it);

#ifdef __cplusplus
}
#endif

#endif /* ATRACK_TRACKING_H */
