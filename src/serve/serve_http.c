/*
 * serve_http.c - the HTTP side of `atrack serve`, on libmicrohttpd: the
 * listening socket and its limits (request body, headers, idle time,
 * connections), the checks every request passes before a page sees it
 * (the Host of a loopback server, the bearer token, the method, the path),
 * the checks every POST passes besides (read-only, Origin, content type,
 * size, the session's CSRF token), the sessions, and the response headers
 * (a strict CSP, no sniffing, no framing, no caching, no referrer); the
 * page writer the pages share is serve_page.c.
 *
 * The library handles one connection at a time on one thread of its own,
 * so the database handle and the session table are only ever used from
 * that thread; the main thread waits for SIGINT or SIGTERM, then stops
 * accepting, lets the open requests finish and stops the server.
 */
#include "serve.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

/* The policy of every page but the report: the report's, with forms that
 * may post to this server only, and no framing by another site. */
#define SERVE_CSP ATRACK_HTML_CSP_BASE "; form-action 'self'; frame-ancestors 'none'"
/* The report's own, framing refused too. */
#define SERVE_REPORT_CSP ATRACK_HTML_CSP "; frame-ancestors 'none'"
#define SERVE_JSON_CSP "default-src 'none'; frame-ancestors 'none'"

/* Sessions live until this many newer ones have pushed them out; only the
 * pages that show a form start one, so the board, the API and the report
 * never do. */
#define SESSIONS_MAX 1024
#define SESSION_HEX 64 /* 32 random bytes */
#define COOKIE_NAME "atrack_session"
#define AUTH_COOKIE "atrack_auth"

typedef struct serve_session {
	char id[SESSION_HEX + 1];
	char csrf[SESSION_HEX + 1];
	time_t used; /* 0: free */
} serve_session;

typedef struct serve_server {
	atrack_db *db;
	const serve_config *config;
	bool loopback;
	unsigned int port;
	int random_fd;
	char auth[SESSION_HEX + 1]; /* the login cookie's value, when a token is set */
	serve_session sessions[SESSIONS_MAX];
} serve_server;

/* What one connection's request has gathered between calls. */
typedef struct serve_upload {
	char *body;
	size_t len;
	bool too_big;
} serve_upload;

/* A page as JSON or plain text (an error of the API, a refusal). */
static void plain_error(serve_page *p, int status, const char *message)
{
	p->status = status;
	p->type = "text/plain; charset=utf-8";
	fprintf(p->out, "%s\n", message);
}

/* ---- Sessions ------------------------------------------------------------- */

static bool random_hex(serve_server *s, char *out)
{
	unsigned char bytes[SESSION_HEX / 2];
	size_t got = 0;
	while (got < sizeof bytes) {
		ssize_t n = read(s->random_fd, bytes + got, sizeof bytes - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		got += (size_t)n;
	}
	static const char hex[] = "0123456789abcdef";
	for (size_t i = 0; i < sizeof bytes; i++) {
		out[2 * i] = hex[bytes[i] >> 4];
		out[2 * i + 1] = hex[bytes[i] & 15];
	}
	out[SESSION_HEX] = '\0';
	return true;
}

/* Compare without stopping at the first difference, so the time taken
 * does not tell how much of a guess was right. */
static bool same_secret(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	unsigned char diff = la != lb;
	for (size_t i = 0; i < la; i++)
		diff |= (unsigned char)(a[i] ^ b[i % (lb ? lb : 1)]);
	return diff == 0 && lb > 0;
}

/* The value of cookie `name` in a Cookie header, copied into out. */
static bool cookie_value(const char *header, const char *name, char *out, size_t size)
{
	size_t nlen = strlen(name);
	const char *p = header;
	while (p && *p) {
		while (*p == ' ' || *p == ';')
			p++;
		const char *end = strchr(p, ';');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len > nlen && strncmp(p, name, nlen) == 0 && p[nlen] == '=') {
			size_t vlen = len - nlen - 1;
			if (vlen >= size)
				return false;
			memcpy(out, p + nlen + 1, vlen);
			out[vlen] = '\0';
			return true;
		}
		p = end;
	}
	return false;
}

/* The session the request's cookie names, or NULL. */
static serve_session *find_session(serve_server *s, struct MHD_Connection *c)
{
	const char *header = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Cookie");
	char id[SESSION_HEX + 1];
	if (!header || !cookie_value(header, COOKIE_NAME, id, sizeof id))
		return NULL;
	for (int i = 0; i < SESSIONS_MAX; i++)
		if (s->sessions[i].used && same_secret(s->sessions[i].id, id)) {
			s->sessions[i].used = time(NULL);
			return &s->sessions[i];
		}
	return NULL;
}

/* A new session in a free slot, else in the one unused the longest. */
static serve_session *new_session(serve_server *s)
{
	serve_session *slot = &s->sessions[0];
	for (int i = 0; i < SESSIONS_MAX; i++)
		if (s->sessions[i].used < slot->used)
			slot = &s->sessions[i];
	if (!random_hex(s, slot->id) || !random_hex(s, slot->csrf)) {
		slot->used = 0;
		return NULL;
	}
	slot->used = time(NULL);
	return slot;
}

/* ---- Checks ----------------------------------------------------------------- */

/* Whether the Host header names this loopback server: a page fetched
 * under another name (DNS rebinding) is refused. */
static bool host_allowed(const serve_server *s, const char *host)
{
	if (!host)
		return false;
	char want[128];
	const char *names[] = { "127.0.0.1", "localhost", "[::1]", s->config->bind };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		bool v6 = strchr(names[i], ':') && names[i][0] != '[';
		snprintf(want, sizeof want, v6 ? "[%s]:%u" : "%s:%u", names[i], s->port);
		if (strcasecmp(host, want) == 0)
			return true;
	}
	return false;
}

/* Whether the request carries the bearer token, or the cookie that
 * logging in with it gave. */
static bool token_ok(const serve_server *s, struct MHD_Connection *c)
{
	const char *auth = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization");
	if (auth && strncasecmp(auth, "Bearer ", 7) == 0 && same_secret(auth + 7, s->config->token))
		return true;
	const char *header = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Cookie");
	char value[SESSION_HEX + 1];
	return header && cookie_value(header, AUTH_COOKIE, value, sizeof value) &&
	       same_secret(value, s->auth);
}

/* GET /login: a form for the token; POST /login: the token checked, and
 * when right the login cookie set. */
static void login(const serve_server *s, const serve_request *r, serve_page *p, bool post)
{
	bool wrong = false;
	if (post) {
		const char *token = serve_form_get(r->form, "token");
		if (token && same_secret(token, s->config->token)) {
			p->status = MHD_HTTP_SEE_OTHER;
			snprintf(p->location, sizeof p->location, "/");
			p->logged_in = true;
			fputs("<!DOCTYPE html><title>Logged in</title><p>Logged in.</p>\n", p->out);
			return;
		}
		wrong = true;
		p->status = MHD_HTTP_FORBIDDEN;
	}
	serve_page_begin(p, "Log in");
	fputs("<h1>Log in</h1>\n<form method=\"post\" action=\"/login\" id=\"login-form\">\n"
	      "<input type=\"hidden\" name=\"csrf\" value=\"", p->out);
	serve_html(p, r->csrf);
	fputs("\">\n<div class=\"field\"><label for=\"f-token\">Token</label><input type=\"password\" "
	      "id=\"f-token\" name=\"token\" autocomplete=\"current-password\">", p->out);
	if (wrong)
		fputs(" <span class=\"error\" id=\"error-token\">not the server's token</span>", p->out);
	fputs("</div>\n<button>Log in</button>\n</form>\n", p->out);
	serve_page_end(p);
}

/* Whether a path may be routed at all: absolute, no empty, "." or ".."
 * segment, no backslash (nothing is served from the file system, and
 * nothing that looks like a way into it gets as far as a page). */
static bool path_ok(const char *path)
{
	if (path[0] != '/' || strchr(path, '\\'))
		return false;
	for (const char *p = path; *p; p++) {
		if (*p != '/')
			continue;
		const char *seg = p + 1;
		size_t len = strcspn(seg, "/");
		if ((len == 0 && seg[0] == '/') || (len == 1 && seg[0] == '.') ||
		    (len == 2 && seg[0] == '.' && seg[1] == '.'))
			return false;
	}
	return true;
}

/* The Origin of a POST, when sent, is this server as the browser reached it. */
static bool origin_ok(struct MHD_Connection *c)
{
	const char *origin = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Origin");
	if (!origin)
		return true;
	const char *host = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host");
	if (!host || strncmp(origin, "http://", 7) != 0)
		return false;
	return strcasecmp(origin + 7, host) == 0;
}

/* ---- Routing ---------------------------------------------------------------- */


/* The REF of "/prefix/REF" (REF one non-empty segment) into out, or NULL;
 * *rest the path after it. */
static const char *path_ref(const char *path, const char *prefix, char *out, size_t size,
                            const char **rest)
{
	size_t plen = strlen(prefix);
	if (strncmp(path, prefix, plen) != 0)
		return NULL;
	const char *ref = path + plen;
	size_t len = strcspn(ref, "/");
	if (len == 0 || len >= size)
		return NULL;
	memcpy(out, ref, len);
	out[len] = '\0';
	*rest = ref + len;
	return out;
}

/* "/meeting/REF", "/framework/REF", "/party/REF": the kind's index and REF. */
static int kind_ref(const char *path, char *ref, size_t size)
{
	char word[16];
	size_t len = strcspn(path + 1, "/");
	if (len == 0 || len >= sizeof word || path[1 + len] != '/')
		return -1;
	memcpy(word, path + 1, len);
	word[len] = '\0';
	int kind = serve_kind_of(word, false);
	char prefix[24];
	const char *rest = "";
	snprintf(prefix, sizeof prefix, "/%s/", word);
	if (kind < 0 || !path_ref(path, prefix, ref, size, &rest) || *rest)
		return -1;
	return kind;
}

static void route(serve_request *r, serve_page *p, bool post)
{
	char ref[256];
	const char *rest = "";
	const char *path = r->path;
	int kind;
	if (!post && strcmp(path, "/") == 0)
		serve_board(r, p);
	else if (!post && strcmp(path, "/report") == 0) {
		p->csp = SERVE_REPORT_CSP;
		serve_report(r, p);
	} else if (!post && strcmp(path, "/search") == 0)
		serve_search(r, p);
	else if (!post && strcmp(path, "/api/board") == 0) {
		p->csp = SERVE_JSON_CSP;
		serve_api_board(r, p);
	} else if (!post && strcmp(path, "/api/report") == 0) {
		p->csp = SERVE_JSON_CSP;
		serve_api_report(r, p);
	} else if (!post && strcmp(path, "/api/search") == 0) {
		p->csp = SERVE_JSON_CSP;
		serve_api_search(r, p);
	} else if (!post && path_ref(path, "/api/initiative/", ref, sizeof ref, &rest) && !*rest) {
		p->csp = SERVE_JSON_CSP;
		serve_api_initiative(r, p, ref);
	} else if (!post && strcmp(path, "/log") == 0) {
		serve_log(r, p);
	} else if (!post && path[0] == '/' && serve_kind_of(path + 1, true) >= 0) {
		serve_kind_list(r, p, serve_kind_of(path + 1, true));
	} else if (!post && (kind = kind_ref(path, ref, sizeof ref)) >= 0) {
		serve_kind_page(r, p, kind, ref);
	} else if (path_ref(path, "/initiative/", ref, sizeof ref, &rest)) {
		if (!post && !*rest)
			serve_initiative(r, p, ref);
		else if (post && strcmp(rest, "/update") == 0)
			serve_update_post(r, p, ref);
		else if (post && strcmp(rest, "/edit") == 0)
			serve_initiative_edit_post(r, p, ref);
		else if (!*rest || strcmp(rest, "/update") == 0 || strcmp(rest, "/edit") == 0)
			plain_error(p, MHD_HTTP_METHOD_NOT_ALLOWED, "method not allowed here");
		else
			serve_error(p, MHD_HTTP_NOT_FOUND, "no such page");
	} else if (path_ref(path, "/update/", ref, sizeof ref, &rest)) {
		if (!post && !*rest)
			serve_update_page(r, p, ref);
		else if (post && strcmp(rest, "/edit") == 0)
			serve_update_edit_post(r, p, ref);
		else if (post && strcmp(rest, "/delete") == 0)
			serve_update_delete_post(r, p, ref);
		else if (!*rest || strcmp(rest, "/edit") == 0 || strcmp(rest, "/delete") == 0)
			plain_error(p, MHD_HTTP_METHOD_NOT_ALLOWED, "method not allowed here");
		else
			serve_error(p, MHD_HTTP_NOT_FOUND, "no such page");
	} else {
		serve_error(p, MHD_HTTP_NOT_FOUND, "no such page");
	}
}

/* ---- The request handler -------------------------------------------------- */

static enum MHD_Result send_page(const serve_server *s, struct MHD_Connection *c,
                                 serve_page *p, const serve_session *fresh)
{
	if (p->out) {
		if (fclose(p->out) != 0) {
			free(p->buf);
			p->buf = NULL;
			p->len = 0;
			p->status = MHD_HTTP_INTERNAL_SERVER_ERROR;
		}
		p->out = NULL;
	}
	struct MHD_Response *resp = MHD_create_response_from_buffer(p->len, p->buf,
	                                                            MHD_RESPMEM_MUST_FREE);
	if (!resp) {
		free(p->buf);
		return MHD_NO;
	}
	p->buf = NULL;
	MHD_add_response_header(resp, "Content-Type", p->type);
	MHD_add_response_header(resp, "Content-Security-Policy", p->csp);
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(resp, "Cache-Control", "no-store");
	if (p->location[0])
		MHD_add_response_header(resp, "Location", p->location);
	if (p->status == MHD_HTTP_UNAUTHORIZED)
		MHD_add_response_header(resp, "WWW-Authenticate", "Bearer realm=\"atrack\"");
	if (p->logged_in) {
		char cookie[160];
		snprintf(cookie, sizeof cookie, AUTH_COOKIE "=%s; Path=/; HttpOnly; SameSite=Strict",
		         s->auth);
		MHD_add_response_header(resp, "Set-Cookie", cookie);
	}
	if (fresh) {
		char cookie[160];
		snprintf(cookie, sizeof cookie, COOKIE_NAME "=%s; Path=/; HttpOnly; SameSite=Strict",
		         fresh->id);
		MHD_add_response_header(resp, "Set-Cookie", cookie);
	}
	enum MHD_Result ret = MHD_queue_response(c, (unsigned int)p->status, resp);
	MHD_destroy_response(resp);
	return ret;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url,
                              const char *method, const char *version,
                              const char *upload_data, size_t *upload_data_size, void **con_cls)
{
	(void)version;
	serve_server *s = cls;
	serve_upload *up = *con_cls;
	if (!up) {
		up = calloc(1, sizeof *up);
		if (!up)
			return MHD_NO;
		*con_cls = up;
		return MHD_YES;
	}
	if (*upload_data_size) {
		/* Past the limit the rest is read and dropped; the answer is 413. */
		if (!up->too_big && up->len + *upload_data_size <= SERVE_BODY_MAX) {
			char *grown = realloc(up->body, up->len + *upload_data_size + 1);
			if (!grown)
				return MHD_NO;
			up->body = grown;
			memcpy(up->body + up->len, upload_data, *upload_data_size);
			up->len += *upload_data_size;
			up->body[up->len] = '\0';
		} else {
			up->too_big = true;
		}
		*upload_data_size = 0;
		return MHD_YES;
	}

	serve_page page = { .status = MHD_HTTP_OK, .type = "text/html; charset=utf-8",
	                    .csp = SERVE_CSP };
	page.out = open_memstream(&page.buf, &page.len);
	if (!page.out)
		return MHD_NO;
	serve_form form = { 0 };
	serve_session *session = NULL, *fresh = NULL;
	bool post = strcmp(method, "POST") == 0;
	/* Logging in writes nothing to the database: read-only servers take it. */
	bool is_login = s->config->token && strcmp(url, "/login") == 0;
	const char *host = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host");

	if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0 && !post) {
		plain_error(&page, MHD_HTTP_METHOD_NOT_ALLOWED, "method not allowed");
	} else if (s->loopback && !host_allowed(s, host)) {
		plain_error(&page, MHD_HTTP_MISDIRECTED_REQUEST,
		            "this server answers to its loopback address only");
	} else if (s->config->token && !is_login && !token_ok(s, c)) {
		plain_error(&page, MHD_HTTP_UNAUTHORIZED, "a bearer token is required "
		            "('Authorization: Bearer TOKEN'), or log in at /login");
	} else if (!path_ok(url)) {
		plain_error(&page, MHD_HTTP_BAD_REQUEST, "bad path");
	} else if (post && s->config->read_only && !is_login) {
		plain_error(&page, MHD_HTTP_FORBIDDEN, "this server is read-only");
	} else if (post && !origin_ok(c)) {
		plain_error(&page, MHD_HTTP_FORBIDDEN, "cross-site request refused (Origin)");
	} else if (post && up->too_big) {
		plain_error(&page, MHD_HTTP_CONTENT_TOO_LARGE, "request body too large");
	} else {
		session = find_session(s, c);
		const char *type = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
		if (post && (!type || strncasecmp(type, "application/x-www-form-urlencoded", 33) != 0 ||
		             (type[33] != '\0' && type[33] != ';'))) {
			plain_error(&page, MHD_HTTP_UNSUPPORTED_MEDIA_TYPE,
			            "forms are sent as application/x-www-form-urlencoded");
		} else if (post && serve_form_parse(&form, up->body ? up->body : "", up->len) != 0) {
			plain_error(&page, MHD_HTTP_BAD_REQUEST, "malformed form");
		} else if (post && (!session || !serve_form_get(&form, "csrf") ||
		                    !same_secret(serve_form_get(&form, "csrf"), session->csrf))) {
			plain_error(&page, MHD_HTTP_FORBIDDEN,
			            "cross-site request refused (missing or wrong form token; "
			            "reload the page and try again)");
		} else {
			bool forms = is_login || (!s->config->read_only &&
			                          (strncmp(url, "/initiative/", 12) == 0 ||
			                           strncmp(url, "/update/", 8) == 0));
			if (!session && forms)
				session = fresh = new_session(s);
			serve_request r = { s->db, s->config, c, method, url, &form,
			                    session ? session->csrf : NULL };
			if (is_login)
				login(s, &r, &page, post);
			else
				route(&r, &page, post);
		}
	}
	serve_form_free(&form);
	return send_page(s, c, &page, fresh);
}

static void completed(void *cls, struct MHD_Connection *c, void **con_cls,
                      enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)c;
	(void)toe;
	serve_upload *up = *con_cls;
	if (up) {
		free(up->body);
		free(up);
		*con_cls = NULL;
	}
}

/* ---- Running ------------------------------------------------------------------ */

int serve_run(cli_ctx *ctx, const serve_config *config)
{
	struct sockaddr_in v4 = { 0 };
	struct sockaddr_in6 v6 = { 0 };
	const char *bind = strcmp(config->bind, "localhost") == 0 ? "127.0.0.1" : config->bind;
	bool ipv6 = false, loopback;
	if (inet_pton(AF_INET, bind, &v4.sin_addr) == 1) {
		v4.sin_family = AF_INET;
		v4.sin_port = htons((uint16_t)config->port);
		loopback = (ntohl(v4.sin_addr.s_addr) >> 24) == 127;
	} else if (inet_pton(AF_INET6, bind, &v6.sin6_addr) == 1) {
		ipv6 = true;
		v6.sin6_family = AF_INET6;
		v6.sin6_port = htons((uint16_t)config->port);
		loopback = IN6_IS_ADDR_LOOPBACK(&v6.sin6_addr);
	} else {
		return cli_fail(ctx, CLI_EXIT_USAGE, "serve: --bind takes an IPv4 or IPv6 address, "
		                "not '%s'", config->bind);
	}
	if (!loopback && !config->token)
		return cli_fail(ctx, CLI_EXIT_USAGE, "serve: %s is not a loopback address: anyone "
		                "who can reach it could read and change the database; give "
		                "--token-file FILE so that every request needs that bearer token",
		                config->bind);

	static serve_server server; /* the sessions are kept off the stack */
	memset(&server, 0, sizeof server);
	server.db = ctx->db;
	server.config = config;
	server.loopback = loopback;
	server.random_fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	if (server.random_fd < 0)
		return cli_fail(ctx, CLI_EXIT_FAILURE, "serve: cannot open /dev/urandom: %s",
		                strerror(errno));
	if (config->token && !random_hex(&server, server.auth)) {
		close(server.random_fd);
		return cli_fail(ctx, CLI_EXIT_FAILURE, "serve: cannot read /dev/urandom");
	}

	/* SIGINT and SIGTERM are taken by sigwait below, not by a handler:
	 * blocked before the server's thread starts, so it inherits the mask. */
	sigset_t stop, old;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, &old);

	unsigned int flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG;
	if (ipv6)
		flags |= MHD_USE_IPv6;
	struct MHD_Daemon *d = MHD_start_daemon(
		flags, (uint16_t)config->port, NULL, NULL, handle, &server,
		MHD_OPTION_SOCK_ADDR, ipv6 ? (struct sockaddr *)&v6 : (struct sockaddr *)&v4,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)SERVE_HEADER_MEMORY,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)SERVE_TIMEOUT_SECONDS,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned int)SERVE_CONNECTIONS_MAX,
		MHD_OPTION_NOTIFY_COMPLETED, completed, NULL,
		MHD_OPTION_END);
	if (!d) {
		int err = errno;
		pthread_sigmask(SIG_SETMASK, &old, NULL);
		close(server.random_fd);
		return cli_fail(ctx, CLI_EXIT_FAILURE, "serve: cannot listen on %s port %ld: %s",
		                config->bind, config->port, err ? strerror(err) : "unknown error");
	}
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	server.port = info ? info->port : (unsigned int)config->port;

	if (geteuid() == 0)
		fprintf(stderr, "atrack: warning: serving as root; a server has no need of it: "
		        "run it as an ordinary user\n");
	if (config->token)
		fprintf(stderr, "atrack: every request needs the token of --token-file: "
		        "'Authorization: Bearer TOKEN', or a browser logs in at /login\n");
	if (config->read_only)
		fprintf(stderr, "atrack: read-only: no form is served and every POST is refused\n");
	printf(ipv6 ? "atrack serve: http://[%s]:%u/ (Ctrl-C stops)\n"
	            : "atrack serve: http://%s:%u/ (Ctrl-C stops)\n", bind, server.port);
	fflush(stdout);

	int sig = 0;
	while (sigwait(&stop, &sig) != 0)
		;
	/* Accept nothing new; let what is open finish (a few seconds at most). */
	MHD_socket listener = MHD_quiesce_daemon(d);
	if (listener != MHD_INVALID_SOCKET)
		close(listener); /* refused from now on, not left waiting in the backlog */
	for (int i = 0; i < 50; i++) {
		info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
		if (!info || info->num_connections == 0)
			break;
		struct timespec tick = { 0, 100 * 1000 * 1000 };
		nanosleep(&tick, NULL);
	}
	MHD_stop_daemon(d);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	close(server.random_fd);
	fprintf(stderr, "atrack: serve: stopped (%s)\n", sig == SIGINT ? "interrupt" : "terminated");
	return CLI_EXIT_OK;
}
