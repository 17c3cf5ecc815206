/*
 * serve_page.c - what every page of `atrack serve` is written with: the
 * HTML escaping (the report's own), the page frame and its style, the
 * error page, and the query string's values. The pages and the API call
 * it; it calls only the library and libmicrohttpd's value lookup.
 */
#include "serve.h"

#include <stdlib.h>
#include <string.h>

#include <microhttpd.h>


void serve_html(serve_page *p, const char *s)
{
	atrack_html_escape_write(p->out, s);
}

static const char style[] =
	"body{margin:0 auto;max-width:1200px;padding:16px 24px;font:14px/1.45 -apple-system,"
	"'Segoe UI',Roboto,'Noto Sans',Arial,sans-serif;color:#1d2733}"
	"nav{display:flex;gap:16px;align-items:center;border-bottom:2px solid #1d2733;"
	"padding-bottom:8px;margin-bottom:12px}nav a{font-weight:600}"
	"table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;"
	"padding:4px 6px;border-bottom:1px solid #d8dee5}th{font-size:12px;color:#5b6876}"
	"td.n{text-align:right}.slug{color:#5b6876;font-size:12px}"
	"form.filters{display:flex;flex-wrap:wrap;gap:6px 12px;margin:8px 0 12px}"
	"form.filters label{display:flex;flex-direction:column;font-size:12px;color:#5b6876}"
	".flag{border:1px solid #b5470b;color:#b5470b;border-radius:3px;font-size:11px;"
	"padding:0 4px;margin-right:3px}.error{color:#c62828;font-weight:600}"
	".field{margin:6px 0}.field label{display:inline-block;width:9em}"
	".tl{list-style:none;padding:0}.tl li{padding:6px 0;border-bottom:1px dotted #d8dee5}"
	".tl time{display:inline-block;width:7em;color:#5b6876}.muted{color:#5b6876}";

void serve_page_begin(serve_page *p, const char *title)
{
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"referrer\" content=\"no-referrer\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
	      p->out);
	serve_html(p, title);
	fprintf(p->out, " — atrack</title>\n<style>%s</style>\n</head>\n<body>\n<nav>"
	        "<a href=\"/\">Board</a><a href=\"/meetings\">Meetings</a>"
	        "<a href=\"/frameworks\">Frameworks</a><a href=\"/parties\">Parties</a>"
	        "<a href=\"/report\">Report</a><a href=\"/log\">History</a>"
	        "<form method=\"get\" action=\"/search\"><input type=\"search\" name=\"q\" "
	        "placeholder=\"Search\" aria-label=\"Search\"> <button>Search</button></form>"
	        "</nav>\n<main>\n", style);
}

void serve_page_end(serve_page *p)
{
	fputs("</main>\n</body>\n</html>\n", p->out);
}

void serve_error(serve_page *p, int status, const char *message)
{
	p->status = status;
	serve_page_begin(p, "Error");
	fputs("<h1>Error</h1>\n<p class=\"error\">", p->out);
	serve_html(p, message);
	fputs("</p>\n", p->out);
	serve_page_end(p);
}

const char *serve_query(const serve_request *r, const char *name)
{
	const char *v = MHD_lookup_connection_value(r->connection, MHD_GET_ARGUMENT_KIND, name);
	return v && *v ? v : NULL;
}
