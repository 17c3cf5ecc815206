/*
 * serve_api.c - the JSON API of `atrack serve`: the documents the program
 * prints with --json, field for field and with the same format_version,
 * so a script can read either. GET /api/board is `atrack --json status`
 * (with the board's query parameters as its filters), GET
 * /api/initiative/REF is `atrack --json initiative show REF`, GET
 * /api/report is `atrack report --format json` and GET /api/search?q=
 * is `atrack --json search`.
 */
#include "serve.h"

#include <stdlib.h>
#include <string.h>

#include <microhttpd.h>

static void send_json(serve_page *p, json_t *doc)
{
	p->type = "application/json";
	if (!doc || json_dumpf(doc, p->out, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0)
		p->status = MHD_HTTP_INTERNAL_SERVER_ERROR;
	fputc('\n', p->out);
	json_decref(doc);
}

/* An error as the program prints one with --json. */
static void json_error(serve_page *p, int status, int rc, const char *message)
{
	static const char *const names[] = { "failure", "failure", "usage", "not_found", "invalid",
	                                     "conflict", "busy", "refused" };
	int exit_code = cli_exit_for(rc);
	p->status = status;
	send_json(p, json_pack("{s:{s:s, s:o, s:i}}", "error", "code",
	                       names[exit_code >= 0 && exit_code <= 7 ? exit_code : 1],
	                       "message", cli_json_text(message), "exit_code", exit_code));
}

void serve_api_board(const serve_request *r, serve_page *p)
{
	atrack_initiative_filter f = ATRACK_INITIATIVE_FILTER_INIT;
	char err[512], today[11];
	int stale_days;
	if (serve_board_filter(r, &f, &stale_days, today, err, sizeof err) != 0) {
		json_error(p, MHD_HTTP_BAD_REQUEST, ATRACK_INVALID, err);
		return;
	}
	atrack_iter *it = NULL;
	int rc = atrack_initiative_list(r->db, &f, &it);
	json_t *array = json_array();
	while (rc == ATRACK_OK && (rc = atrack_iter_next(it)) == ATRACK_OK)
		json_array_append_new(array, cli_entity_json(ATRACK_KIND_INITIATIVE,
		                                             atrack_iter_entity(it)));
	atrack_iter_free(it);
	if (rc != ATRACK_DONE) {
		json_decref(array);
		json_error(p, rc == ATRACK_INVALID ? MHD_HTTP_BAD_REQUEST
		              : MHD_HTTP_INTERNAL_SERVER_ERROR, rc, atrack_errmsg(r->db));
		return;
	}
	send_json(p, json_pack("{s:i, s:s, s:i, s:o}", "format_version", 1, "today", today,
	                       "stale_days", stale_days, "initiatives", array));
}

void serve_api_initiative(const serve_request *r, serve_page *p, const char *ref)
{
	int64_t id;
	void *row = NULL;
	int rc = atrack_resolve(r->db, ATRACK_KIND_INITIATIVE, ref, &id);
	if (rc == ATRACK_OK)
		rc = atrack_entity_get(r->db, ATRACK_KIND_INITIATIVE, id, &row);
	if (rc != ATRACK_OK) {
		json_error(p, rc == ATRACK_NOTFOUND ? MHD_HTTP_NOT_FOUND
		              : MHD_HTTP_INTERNAL_SERVER_ERROR, rc, atrack_errmsg(r->db));
		return;
	}
	json_t *doc = json_pack("{s:i}", "format_version", 1);
	json_object_set_new(doc, "initiative", cli_entity_json(ATRACK_KIND_INITIATIVE, row));
	atrack_entity_free(row);

	/* The links, then the whole history newest first, as `initiative show`. */
	atrack_iter *it = NULL;
	json_t *links = json_array();
	rc = atrack_link_list(r->db, ATRACK_KIND_INITIATIVE, id, &it);
	while (rc == ATRACK_OK && (rc = atrack_iter_next(it)) == ATRACK_OK) {
		const atrack_link_row *l = atrack_iter_link(it);
		json_array_append_new(links, json_pack("{s:s, s:I, s:s?, s:s?}", "kind",
		                      atrack_kind_name(l->kind), "id", (json_int_t)l->id,
		                      "slug", l->slug, "name", l->name));
	}
	atrack_iter_free(it);
	json_object_set_new(doc, "links", links);
	json_t *updates = json_array();
	if (rc == ATRACK_DONE) {
		atrack_update_filter filter = ATRACK_UPDATE_FILTER_INIT;
		filter.initiative_id = id;
		it = NULL;
		rc = atrack_update_list(r->db, &filter, &it);
		while (rc == ATRACK_OK && (rc = atrack_iter_next(it)) == ATRACK_OK)
			json_array_append_new(updates, cli_update_json(atrack_iter_update(it)));
		atrack_iter_free(it);
	}
	json_object_set_new(doc, "updates", updates);
	if (rc != ATRACK_DONE) {
		json_decref(doc);
		json_error(p, MHD_HTTP_INTERNAL_SERVER_ERROR, rc, atrack_errmsg(r->db));
		return;
	}
	send_json(p, doc);
}

void serve_api_report(const serve_request *r, serve_page *p)
{
	atrack_report_opts o = ATRACK_REPORT_OPTS_INIT;
	char err[512];
	if (serve_report_opts(r, &o, err, sizeof err) != 0) {
		json_error(p, MHD_HTTP_BAD_REQUEST, ATRACK_INVALID, err);
		return;
	}
	char *text = NULL;
	size_t len = 0;
	int rc = atrack_report_render(r->db, &o, ATRACK_REPORT_JSON, &text, &len);
	if (rc != ATRACK_OK) {
		json_error(p, rc == ATRACK_INVALID ? MHD_HTTP_BAD_REQUEST
		              : MHD_HTTP_INTERNAL_SERVER_ERROR, rc, atrack_errmsg(r->db));
		return;
	}
	p->type = "application/json";
	fwrite(text, 1, len, p->out);
	atrack_free(text);
}

void serve_api_search(const serve_request *r, serve_page *p)
{
	const char *q = serve_query(r, "q");
	const char *limit = serve_query(r, "limit");
	atrack_search_opts o = ATRACK_SEARCH_OPTS_INIT;
	o.limit = 20; /* the program's default */
	if (limit) {
		char *end = NULL;
		long n = strtol(limit, &end, 10);
		if (!end || *end || n < 1 || n > 100000) {
			json_error(p, MHD_HTTP_BAD_REQUEST, ATRACK_INVALID, "limit: a number from 1");
			return;
		}
		o.limit = (int)n;
	}
	if (!q) {
		json_error(p, MHD_HTTP_BAD_REQUEST, ATRACK_INVALID, "q: the words to search for");
		return;
	}
	atrack_iter *it = NULL;
	int rc = atrack_search(r->db, q, &o, &it);
	json_t *hits = json_array();
	while (rc == ATRACK_OK && (rc = atrack_iter_next(it)) == ATRACK_OK) {
		const atrack_search_hit *hit = atrack_iter_search_hit(it);
		json_array_append_new(hits, json_pack("{s:s, s:I, s:o, s:s, s:s, s:f}",
		                      "kind", atrack_kind_name(hit->kind), "id", (json_int_t)hit->id,
		                      "slug", hit->slug ? json_string(hit->slug) : json_null(),
		                      "title", hit->title, "snippet", hit->snippet, "rank", hit->rank));
	}
	atrack_iter_free(it);
	if (rc != ATRACK_DONE) {
		json_decref(hits);
		json_error(p, rc == ATRACK_INVALID ? MHD_HTTP_BAD_REQUEST
		              : MHD_HTTP_INTERNAL_SERVER_ERROR, rc, atrack_errmsg(r->db));
		return;
	}
	send_json(p, json_pack("{s:i, s:o, s:o}", "format_version", 1, "query", cli_json_text(q),
	                       "hits", hits));
}
