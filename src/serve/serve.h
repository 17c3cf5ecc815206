/*
 * serve.h - what the files of `atrack serve` share: the server's settings,
 * a request as the pages see it (its path, query, parsed form, session),
 * the page being built (a memory stream and its HTTP status), and the
 * handlers of each route. The HTTP side (serve_http.c) owns the socket,
 * the limits, the sessions and the checks every POST passes; the pages
 * (serve_pages.c) and the JSON API (serve_api.c) only read and write the
 * database through the public API.
 */
#ifndef ATRACK_SERVE_H
#define ATRACK_SERVE_H

#include "cli.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* The limits of one request. */
#define SERVE_BODY_MAX (64 * 1024)       /* bytes of a POST body */
#define SERVE_HEADER_MEMORY (32 * 1024)  /* a connection's request line and headers */
#define SERVE_TIMEOUT_SECONDS 15         /* an idle connection is closed */
#define SERVE_CONNECTIONS_MAX 64
#define SERVE_FIELDS_MAX 32              /* fields of a form */

typedef struct serve_config {
	const char *bind;   /* an IPv4 or IPv6 address */
	long port;          /* 0: any free port */
	bool read_only;     /* no form, every POST refused */
	const char *token;  /* the bearer token every request needs, or NULL */
} serve_config;

/* A form body (application/x-www-form-urlencoded), decoded. */
typedef struct serve_form {
	int n;
	char *name[SERVE_FIELDS_MAX];
	char *value[SERVE_FIELDS_MAX];
} serve_form;

/* Parse `body[0..len)` into `form`: name=value pairs split on '&', '+'
 * as a space, %XX decoded; a name or value holding a NUL byte or bytes
 * that are not UTF-8 refuses the whole body, as do more than
 * SERVE_FIELDS_MAX fields. Returns 0, or -1 (the form is then empty).
 * serve_form_free releases what it holds. (serve_form.c) */
int serve_form_parse(serve_form *form, const char *body, size_t len);
void serve_form_free(serve_form *form);
/* The value of the first field `name`, or NULL. */
const char *serve_form_get(const serve_form *form, const char *name);
/* %XX-decode `s[0..len)` into a new string ('+' as a space when `plus`);
 * NULL for a bad escape, a NUL byte, text that is not UTF-8, or no memory. */
char *serve_url_decode(const char *s, size_t len, bool plus);
/* Write `s` to `out` %-encoded for a query value or a path segment. */
void serve_url_encode(FILE *out, const char *s);

typedef struct serve_page {
	FILE *out;          /* the body, into buf/len */
	char *buf;
	size_t len;
	int status;         /* HTTP status: 200 unless a handler says otherwise */
	const char *type;   /* Content-Type */
	const char *csp;    /* Content-Security-Policy */
	char location[512]; /* a redirect's target, or "" */
	bool logged_in;     /* set the login cookie */
} serve_page;

typedef struct serve_request {
	atrack_db *db;
	const serve_config *config;
	void *connection;        /* struct MHD_Connection */
	const char *method;
	const char *path;        /* the URL path, decoded by the HTTP library */
	const serve_form *form;  /* a POST's fields (empty for GET) */
	const char *csrf;        /* this session's token, for the forms */
} serve_request;

/* A query parameter of the request, NULL when absent or empty. */
const char *serve_query(const serve_request *r, const char *name);

/* Escape `s` into the page (the HTML report's escaping). */
void serve_html(serve_page *p, const char *s);
/* The page's top: doctype, head with `title`, the navigation. */
void serve_page_begin(serve_page *p, const char *title);
void serve_page_end(serve_page *p);
/* A whole error page with `status` and `message`. */
void serve_error(serve_page *p, int status, const char *message);

/* The board's filters and sort from the query string (section, framework,
 * party, meeting, status, health, stale=N, overdue, text, sort), the stale
 * threshold and today's date ("YYYY-MM-DD", 11 bytes). Returns 0, or -1
 * with the reason in err. (serve_pages.c) */
int serve_board_filter(const serve_request *r, atrack_initiative_filter *f, int *stale_days,
                       char *today, char *err, size_t size);

/* The report's options from the query string (those of `atrack report`:
 * since, as-of, section, framework, meeting, party, status, health, stale,
 * overdue, stale-days, group-by, summary, title). Returns 0, or -1 with
 * the reason in err. (serve_pages.c) */
int serve_report_opts(const serve_request *r, atrack_report_opts *o, char *err, size_t size);

/* The routes (serve_pages.c, serve_api.c). Each writes into `p`. */
void serve_board(const serve_request *r, serve_page *p);
void serve_initiative(const serve_request *r, serve_page *p, const char *ref);
void serve_update_post(const serve_request *r, serve_page *p, const char *ref);
/* The initiative's title and target date. */
void serve_initiative_edit_post(const serve_request *r, serve_page *p, const char *ref);
/* One update, with a form to correct it and one to delete it. */
void serve_update_page(const serve_request *r, serve_page *p, const char *ref);
void serve_update_edit_post(const serve_request *r, serve_page *p, const char *ref);
void serve_update_delete_post(const serve_request *r, serve_page *p, const char *ref);
void serve_report(const serve_request *r, serve_page *p);
void serve_search(const serve_request *r, serve_page *p);
/* Meetings, frameworks and parties: which (an index for the two below) the
 * path word names ("meeting", or "meetings" when `plural`), -1 for none;
 * the list of them; one with its initiatives. */
int serve_kind_of(const char *word, bool plural);
void serve_kind_list(const serve_request *r, serve_page *p, int kind);
void serve_kind_page(const serve_request *r, serve_page *p, int kind, const char *ref);
/* The change history (the audit log), filtered by since, until, author. */
void serve_log(const serve_request *r, serve_page *p);
void serve_api_board(const serve_request *r, serve_page *p);
void serve_api_initiative(const serve_request *r, serve_page *p, const char *ref);
/* `atrack report --format json` with /report's query parameters. */
void serve_api_report(const serve_request *r, serve_page *p);
/* `atrack --json search Q [--limit N]`: ?q=WORDS&limit=N. */
void serve_api_search(const serve_request *r, serve_page *p);

/* Run the server until SIGINT or SIGTERM; returns an exit code. */
int serve_run(cli_ctx *ctx, const serve_config *config);

#endif /* ATRACK_SERVE_H */
