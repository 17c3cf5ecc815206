/*
 * test_serve.c - `atrack serve` over real sockets: the program is started
 * on a free loopback port (--port 0) in a child process and spoken to by
 * the small HTTP client below. Every page and API route answers; the API
 * gives the very documents `--json status` and `--json initiative show`
 * print; a valid update lands; a bad date shows the library's message next
 * to the field and writes nothing; a POST without the session's token, with
 * a wrong one or from a foreign Origin is refused; an initiative's title
 * and target date are edited and an update corrected and deleted through
 * their forms, a bad value shown by its field; --read-only serves no
 * form and refuses POST; a value holding <script> is escaped everywhere;
 * another address needs --token-file, and the token is then required; the
 * limits on body, headers, Host and paths hold; SIGINT and SIGTERM stop it
 * with exit 0, refusing new connections but answering a request already
 * open.
 */
#include "report_fixture.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <jansson.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Initiative 1 by its id: the slugs the parser derives may change. */
#define SLUG "1"
#define SCRIPT_TITLE "<script>alert(1)</script>"

static char *dir, *db_path, *err_path;

/* A file database with the report fixture's history: the bundled fact
 * sheet, updates with known notes, and initiative 7 titled as a script. */
static void setup(void)
{
	dir = tu_tmpdir();
	db_path = tu_path(dir, "serve.db");
	err_path = tu_path(dir, "serve.err");
	atrack_db *db = NULL;
	ck_assert_int_eq(atrack_open(db_path, ATRACK_OPEN_CREATE, &db), ATRACK_OK);
	size_t len;
	const char *text = atrack_bundled_factsheet(&len, NULL);
	ck_assert_msg(atrack_import_factsheet(db, text, len, NULL, NULL) == ATRACK_OK, "%s",
	              atrack_errmsg(db));
	ck_assert_msg(sqlite3_exec(db->sql, report_history_sql, NULL, NULL, NULL) == SQLITE_OK,
	              "%s", sqlite3_errmsg(db->sql));
	atrack_close(db);
}

static void teardown(void)
{
	tu_rmrf(dir);
	free(dir);
	free(db_path);
	free(err_path);
}

/* ---- The server --------------------------------------------------------- */

typedef struct server {
	pid_t pid;
	int port;
	int out; /* its stdout */
} server;

/* Start `atrack --db DB serve --port 0 EXTRA...` and read its URL line. */
static server start_server(const char *const *extra)
{
	int fds[2];
	ck_assert_int_eq(pipe(fds), 0);
	char bin[4096];
	snprintf(bin, sizeof bin, "%s/atrack", ATRACK_BINARY_DIR);
	/* ATRACK_SERVE_VALGRIND=1 runs the server itself under valgrind: a leak
	 * or an error makes it exit 1, which stop_server reports. */
	const char *argv[24];
	int n = 0;
	const char *vg = getenv("ATRACK_SERVE_VALGRIND");
	if (vg && strcmp(vg, "1") == 0) {
		const char *pre[] = { "valgrind", "-q", "--leak-check=full",
		                      "--errors-for-leak-kinds=definite,indirect", "--error-exitcode=1" };
		for (size_t i = 0; i < sizeof pre / sizeof pre[0]; i++)
			argv[n++] = pre[i];
	}
	bool valgrind = n > 0;
	argv[n++] = valgrind ? bin : "atrack";
	const char *rest[] = { "--db", db_path, "serve", "--port", "0" };
	for (size_t i = 0; i < sizeof rest / sizeof rest[0]; i++)
		argv[n++] = rest[i];
	for (int i = 0; extra && extra[i] && n < 23; i++)
		argv[n++] = extra[i];
	argv[n] = NULL;
	fflush(NULL);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		/* A failed assertion ends the test process: the server goes with it. */
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		if (getppid() == 1)
			_exit(127);
		int err = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (err >= 0)
			dup2(err, STDERR_FILENO);
		dup2(fds[1], STDOUT_FILENO);
		close(fds[0]);
		close(fds[1]);
		if (valgrind)
			execvp("valgrind", (char *const *)argv);
		else
			execv(bin, (char *const *)argv);
		_exit(127);
	}
	close(fds[1]);
	server s = { pid, 0, fds[0] };
	char line[256];
	size_t got = 0;
	while (got < sizeof line - 1 && !memchr(line, '\n', got)) {
		struct pollfd p = { fds[0], POLLIN, 0 };
		ck_assert_msg(poll(&p, 1, 30000) == 1, "the server printed no URL");
		ssize_t r = read(fds[0], line + got, sizeof line - 1 - got);
		ck_assert_msg(r > 0, "the server exited before printing its URL");
		got += (size_t)r;
	}
	line[got] = '\0';
	const char *colon = strstr(line, "127.0.0.1:");
	ck_assert_msg(colon != NULL, "no URL in '%s'", line);
	s.port = atoi(colon + strlen("127.0.0.1:"));
	ck_assert_int_gt(s.port, 0);
	return s;
}

/* Stop it with `sig`; it must exit 0. */
static void stop_server(server *s, int sig)
{
	kill(s->pid, sig);
	int status = 0;
	ck_assert_int_eq(waitpid(s->pid, &status, 0), s->pid);
	close(s->out);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	              "the server did not exit 0 on signal %d (status %d)", sig, status);
}

/* ---- A small HTTP client ---------------------------------------------------- */

typedef struct response {
	int status;
	char *head; /* the status line and headers */
	char *body;
} response;

static void response_free(response *r)
{
	free(r->head);
	free(r->body);
}

/* Send `request` as it is and read the whole answer (the server closes). */
static response http_raw(int port, const char *request, size_t len)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	ck_assert_int_ge(fd, 0);
	struct sockaddr_in a = { 0 };
	a.sin_family = AF_INET;
	a.sin_port = htons((uint16_t)port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ck_assert_int_eq(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
	size_t sent = 0;
	while (sent < len) {
		ssize_t w = send(fd, request + sent, len - sent, MSG_NOSIGNAL);
		if (w <= 0)
			break; /* the server may answer and close before it has read all */
		sent += (size_t)w;
	}
	shutdown(fd, SHUT_WR);
	size_t cap = 65536, got = 0;
	char *buf = malloc(cap);
	for (;;) {
		struct pollfd p = { fd, POLLIN, 0 };
		ck_assert_msg(poll(&p, 1, 30000) == 1, "no answer from the server");
		if (got + 4096 > cap)
			buf = realloc(buf, cap *= 2);
		ssize_t r = recv(fd, buf + got, cap - got - 1, 0);
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	close(fd);
	buf[got] = '\0';
	response resp = { 0, NULL, NULL };
	char *end = strstr(buf, "\r\n\r\n");
	if (end) {
		*end = '\0';
		resp.body = strdup(end + 4);
	} else {
		resp.body = strdup("");
	}
	resp.head = buf;
	sscanf(buf, "HTTP/1.%*d %d", &resp.status);
	return resp;
}

/* GET `path`, with `cookie` ("name=value") and extra headers when given. */
static response get(const server *s, const char *path, const char *headers)
{
	size_t size = strlen(path) + (headers ? strlen(headers) : 0) + 128;
	char *req = malloc(size);
	int n = snprintf(req, size, "GET %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n%s"
	                 "Connection: close\r\n\r\n", path, s->port, headers ? headers : "");
	ck_assert(n > 0 && (size_t)n < size);
	response r = http_raw(s->port, req, (size_t)n);
	free(req);
	return r;
}

/* POST a form body to `path` with the given extra headers. */
static response post(const server *s, const char *path, const char *headers, const char *body)
{
	size_t len = strlen(body);
	char *req = malloc(len + 8192);
	int n = snprintf(req, 8192, "POST %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n%s"
	                 "Content-Type: application/x-www-form-urlencoded\r\n"
	                 "Content-Length: %zu\r\nConnection: close\r\n\r\n", path, s->port,
	                 headers ? headers : "", len);
	ck_assert(n > 0 && n < 8192);
	memcpy(req + n, body, len);
	response r = http_raw(s->port, req, (size_t)n + len);
	free(req);
	return r;
}

/* The value of header `name` (case as the server writes it), or NULL. */
static char *header(const response *r, const char *name)
{
	char want[128];
	snprintf(want, sizeof want, "\r\n%s: ", name);
	const char *p = strstr(r->head, want);
	if (!p)
		return NULL;
	p += strlen(want);
	size_t len = strcspn(p, "\r\n");
	char *v = malloc(len + 1);
	memcpy(v, p, len);
	v[len] = '\0';
	return v;
}

/* A session: the cookie header and the form token of the page at `path`. */
typedef struct session {
	char cookie[256];
	char csrf[128];
} session;

static session open_session(const server *s, const char *path)
{
	response r = get(s, path, NULL);
	ck_assert_int_eq(r.status, 200);
	char *set = header(&r, "Set-Cookie");
	ck_assert_ptr_nonnull(set);
	ck_assert_ptr_nonnull(strstr(set, "SameSite=Strict"));
	ck_assert_ptr_nonnull(strstr(set, "HttpOnly"));
	session out;
	size_t len = strcspn(set, ";");
	snprintf(out.cookie, sizeof out.cookie, "Cookie: %.*s\r\n", (int)len, set);
	free(set);
	const char *tok = strstr(r.body, "name=\"csrf\" value=\"");
	ck_assert_ptr_nonnull(tok);
	tok += strlen("name=\"csrf\" value=\"");
	len = strcspn(tok, "\"");
	ck_assert_uint_lt(len, sizeof out.csrf);
	memcpy(out.csrf, tok, len);
	out.csrf[len] = '\0';
	response_free(&r);
	return out;
}

static long long updates_of(int64_t initiative)
{
	atrack_db *db = NULL;
	ck_assert_int_eq(atrack_open(db_path, ATRACK_OPEN_READONLY, &db), ATRACK_OK);
	char sql[128];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM progress_update WHERE initiative_id = %lld",
	         (long long)initiative);
	long long n = tu_query_int(db, sql);
	atrack_close(db);
	return n;
}

/* ---- Pages ------------------------------------------------------------------- */

START_TEST(test_pages_answer)
{
	server s = start_server(NULL);
	struct { const char *path; int status; const char *has; } cases[] = {
		{ "/", 200, "<table id=\"board\">" },
		{ "/?status=in_progress&sort=title&health=at_risk", 200, "NCG" },
		{ "/?overdue=1", 200, "<table id=\"board\">" },
		{ "/?stale=30&section=enhancing-extended-deterrence", 200, "<table id=\"board\">" },
		{ "/?framework=ncg&party=us&meeting=scm-56", 200, "<table id=\"board\">" },
		{ "/?section=no-such-section", 400, "id=\"filter-error\"" },
		{ "/?sort=sideways", 400, "sort: &#39;sideways&#39; is not one of" },
		{ "/initiative/" SLUG, 200, "id=\"timeline\"" },
		{ "/initiative/1", 200, "NCG tabletop exercise held" },
		{ "/initiative/no-such-thing", 404, "Error" },
		{ "/report", 200, "Initiative status report" },
		{ "/report?since=2025-01-01&status=in_progress", 200, "Initiative status report" },
		{ "/report?as-of=not-a-date", 400, "Error" },
		{ "/search?q=tabletop", 200, "id=\"hits\"" },
		{ "/search", 200, "<h1>Search</h1>" },
		{ "/api/board", 200, "\"format_version\": 1" },
		{ "/api/initiative/" SLUG, 200, "\"updates\"" },
		{ "/api/initiative/nope", 404, "\"not_found\"" },
		{ "/api/search", 400, "\"invalid\"" },
		{ "/api/report?as-of=13", 400, "\"invalid\"" },
		{ "/meetings", 200, "href=\"/meeting/scm-56\"" },
		{ "/meeting/scm-56", 200, "<table id=\"board\">" },
		{ "/frameworks", 200, "href=\"/framework/ncg\"" },
		{ "/framework/ncg", 200, "Nuclear Consultative Group" },
		{ "/parties", 200, "href=\"/party/us\"" },
		{ "/party/rok", 200, "<table id=\"board\">" },
		{ "/party/no-such-party", 404, "Error" },
		{ "/log", 200, "id=\"log\"" },
		{ "/log?since=yesterday-ish", 400, "id=\"filter-error\"" },
		{ "/no/such/page", 404, "no such page" },
		{ "/initiative/" SLUG "/more", 404, "no such page" },
		{ "/../../etc/passwd", 400, "bad path" },
		{ "/initiative/..", 400, "bad path" },
		{ "//etc/passwd", 400, "bad path" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		response r = get(&s, cases[i].path, NULL);
		ck_assert_msg(r.status == cases[i].status, "%s: status %d, not %d", cases[i].path,
		              r.status, cases[i].status);
		ck_assert_msg(strstr(r.body, cases[i].has), "%s: no '%s' in the page", cases[i].path,
		              cases[i].has);
		char *csp = header(&r, "Content-Security-Policy");
		ck_assert_msg(csp && strstr(csp, "default-src 'none'"), "%s: no strict CSP",
		              cases[i].path);
		free(csp);
		char *nosniff = header(&r, "X-Content-Type-Options");
		ck_assert_str_eq(nosniff, "nosniff");
		free(nosniff);
		response_free(&r);
	}
	/* Only a page with a form starts a session: the board, the report and
	 * the API never do. */
	const char *no_session[] = { "/", "/report", "/api/board", "/search?q=ncg", "/log" };
	for (size_t i = 0; i < sizeof no_session / sizeof no_session[0]; i++) {
		response nr = get(&s, no_session[i], NULL);
		char *set = header(&nr, "Set-Cookie");
		ck_assert_msg(set == NULL, "%s started a session", no_session[i]);
		response_free(&nr);
	}
	/* And by its slug, read back from the database. */
	atrack_db *sdb = NULL;
	ck_assert_int_eq(atrack_open(db_path, ATRACK_OPEN_READONLY, &sdb), ATRACK_OK);
	char *slug = tu_query_text(sdb, "SELECT slug FROM initiative WHERE id = 1");
	atrack_close(sdb);
	char slug_path[256];
	snprintf(slug_path, sizeof slug_path, "/initiative/%s", slug);
	free(slug);
	response sr = get(&s, slug_path, NULL);
	ck_assert_int_eq(sr.status, 200);
	ck_assert_ptr_nonnull(strstr(sr.body, "NCG tabletop exercise held"));
	response_free(&sr);
	/* The report is the renderer of `report --format html`, under its own CSP. */
	response r = get(&s, "/report", NULL);
	char *csp = header(&r, "Content-Security-Policy");
	ck_assert_ptr_nonnull(strstr(csp, ATRACK_HTML_CSP));
	free(csp);
	atrack_db *db = NULL;
	ck_assert_int_eq(atrack_open(db_path, ATRACK_OPEN_READONLY, &db), ATRACK_OK);
	char *html = NULL;
	ck_assert_int_eq(atrack_report_render(db, NULL, ATRACK_REPORT_HTML, &html, NULL), ATRACK_OK);
	ck_assert_str_eq(r.body, html);
	atrack_free(html);
	atrack_close(db);
	response_free(&r);
	/* The server says when it runs as root. */
	if (geteuid() == 0) {
		char *err = tu_read_file(err_path, NULL);
		ck_assert_ptr_nonnull(strstr(err, "warning: serving as root"));
		free(err);
	}
	/* A method the server does not take. */
	const char del[] = "DELETE / HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nConnection: close\r\n\r\n";
	char req[256];
	int n = snprintf(req, sizeof req, del, s.port);
	r = http_raw(s.port, req, (size_t)n);
	ck_assert_int_eq(r.status, 405);
	response_free(&r);
	stop_server(&s, SIGTERM);
}
END_TEST

/* The API's documents are the program's --json documents. */
START_TEST(test_api_mirrors_json)
{
	server s = start_server(NULL);
	struct { const char *path; const char *argv[8]; } cases[] = {
		{ "/api/board", { "status", NULL } },
		{ "/api/board?status=in_progress", { "status", "--status", "in_progress", NULL } },
		{ "/api/initiative/" SLUG, { "initiative", "show", SLUG, NULL } },
		{ "/api/search?q=tabletop+exercise", { "search", "tabletop exercise", NULL } },
		{ "/api/search?q=ncg&limit=3", { "search", "ncg", "--limit", "3", NULL } },
		{ "/api/report", { "report", "--format", "json", NULL } },
		{ "/api/report?since=2025-01-01&group-by=status",
		  { "report", "--format", "json", "--since", "2025-01-01", "--group-by", "status", NULL } },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		response r = get(&s, cases[i].path, NULL);
		ck_assert_int_eq(r.status, 200);
		char *type = header(&r, "Content-Type");
		ck_assert_str_eq(type, "application/json");
		free(type);
		const char *argv[12] = { "--db", db_path, "--json" };
		int n = 3;
		for (int k = 0; cases[i].argv[k]; k++)
			argv[n++] = cases[i].argv[k];
		argv[n] = NULL;
		tu_run run = tu_atrack(NULL, argv);
		ck_assert_int_eq(run.status, 0);
		json_error_t e;
		json_t *api = json_loads(r.body, 0, &e);
		json_t *cli = json_loads(run.out, 0, &e);
		ck_assert_ptr_nonnull(api);
		ck_assert_ptr_nonnull(cli);
		ck_assert_msg(json_equal(api, cli), "%s differs from the program's --json:\n%s\n---\n%s",
		              cases[i].path, r.body, run.out);
		json_decref(api);
		json_decref(cli);
		tu_run_free(&run);
		response_free(&r);
	}
	stop_server(&s, SIGINT);
}
END_TEST

/* ---- Escaping ---------------------------------------------------------------- */

START_TEST(test_script_is_escaped)
{
	atrack_db *db = NULL;
	ck_assert_int_eq(atrack_open(db_path, 0, &db), ATRACK_OK);
	ck_assert_int_eq(sqlite3_exec(db->sql, "UPDATE initiative SET title = '" SCRIPT_TITLE
	                              "', body = 'a \"quoted\" <b>body</b>' WHERE id = 7;",
	                              NULL, NULL, NULL), SQLITE_OK);
	atrack_close(db);
	server s = start_server(NULL);
	const char *paths[] = { "/", "/initiative/7", "/report", "/search?q=alert",
	                        "/?text=%3Cscript%3E", "/meeting/scm-56", "/log" };
	for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
		response r = get(&s, paths[i], NULL);
		ck_assert_msg(r.status == 200, "%s: %d", paths[i], r.status);
		ck_assert_msg(!strstr(r.body, "<script"), "%s: a script tag got through", paths[i]);
		ck_assert_msg(strstr(r.body, "&lt;script&gt;"), "%s: the title is not shown", paths[i]);
		response_free(&r);
	}
	response r = get(&s, "/initiative/7", NULL);
	ck_assert_ptr_nonnull(strstr(r.body, "a &quot;quoted&quot; &lt;b&gt;body&lt;/b&gt;"));
	response_free(&r);
	stop_server(&s, SIGTERM);
}
END_TEST

/* ---- The update form ---------------------------------------------------------- */

START_TEST(test_valid_update_lands)
{
	server s = start_server(NULL);
	long long before = updates_of(1);
	session ss = open_session(&s, "/initiative/" SLUG);
	char body[512];
	snprintf(body, sizeof body, "csrf=%s&status=in_progress&health=on_track&percent_complete=40"
	         "&event_date=2025-07-01&note=Second+tabletop+%%26+more&evidence_url=", ss.csrf);
	char headers[512];
	snprintf(headers, sizeof headers, "%sOrigin: http://127.0.0.1:%d\r\n", ss.cookie, s.port);
	response r = post(&s, "/initiative/" SLUG "/update", headers, body);
	ck_assert_msg(r.status == 303, "status %d: %s", r.status, r.body);
	char *location = header(&r, "Location");
	ck_assert_str_eq(location, "/initiative/" SLUG);
	free(location);
	response_free(&r);
	ck_assert_int_eq(updates_of(1), before + 1);
	atrack_db *db = NULL;
	ck_assert_int_eq(atrack_open(db_path, ATRACK_OPEN_READONLY, &db), ATRACK_OK);
	char *note = tu_query_text(db, "SELECT note || '|' || event_date || '|' || health || '|' || "
	                           "percent_complete FROM progress_update ORDER BY id DESC LIMIT 1");
	ck_assert_str_eq(note, "Second tabletop & more|2025-07-01|on_track|40");
	free(note);
	atrack_close(db);
	/* The page shows it in the timeline. */
	r = get(&s, "/initiative/" SLUG, ss.cookie);
	ck_assert_ptr_nonnull(strstr(r.body, "Second tabletop &amp; more"));
	response_free(&r);
	stop_server(&s, SIGTERM);
}
END_TEST

START_TEST(test_bad_date_shows_field_error)
{
	server s = start_server(NULL);
	long long before = updates_of(1);
	session ss = open_session(&s, "/initiative/" SLUG);
	struct { const char *fields; const char *field; const char *message; } cases[] = {
		{ "status=in_progress&event_date=2025-13-40", "event_date",
		  "event_date: &#39;2025-13-40&#39; is not a valid date" },
		{ "status=in_progress&event_date=2999-01-01", "event_date", "is in the future" },
		{ "status=doing", "status", "status: no status &#39;doing&#39;" },
		{ "status=in_progress&percent_complete=140", "percent_complete", "outside 0..100" },
		{ "status=in_progress&percent_complete=lots", "percent_complete", "not a whole number" },
		{ "status=in_progress&evidence_url=ftp%3A%2F%2Fx", "evidence_url", "evidence_url:" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char body[512];
		snprintf(body, sizeof body, "csrf=%s&%s&note=kept+note", ss.csrf, cases[i].fields);
		response r = post(&s, "/initiative/" SLUG "/update", ss.cookie, body);
		ck_assert_msg(r.status == 422, "%s: status %d", cases[i].fields, r.status);
		char want[64];
		snprintf(want, sizeof want, "<span class=\"error\" id=\"error-%s\">", cases[i].field);
		const char *at = strstr(r.body, want);
		ck_assert_msg(at != NULL, "%s: no error next to %s", cases[i].fields, cases[i].field);
		const char *end = strstr(at, "</span>");
		const char *message = strstr(at, cases[i].message);
		ck_assert_msg(end && message && message < end, "%s: not the library's message",
		              cases[i].fields);
		/* The form keeps what was typed. */
		ck_assert_ptr_nonnull(strstr(r.body, ">kept note</textarea>"));
		response_free(&r);
	}
	ck_assert_int_eq(updates_of(1), before);
	stop_server(&s, SIGTERM);
}
END_TEST

START_TEST(test_forged_posts_refused)
{
	server s = start_server(NULL);
	long long before = updates_of(1);
	session ss = open_session(&s, "/initiative/" SLUG);
	const char *path = "/initiative/" SLUG "/update";
	char body[512], headers[512];
	/* No token at all, and no session. */
	response r = post(&s, path, NULL, "status=in_progress");
	ck_assert_int_eq(r.status, 403);
	response_free(&r);
	/* The session without the token. */
	r = post(&s, path, ss.cookie, "status=in_progress");
	ck_assert_int_eq(r.status, 403);
	response_free(&r);
	/* A wrong token. */
	r = post(&s, path, ss.cookie, "csrf=0000&status=in_progress");
	ck_assert_int_eq(r.status, 403);
	response_free(&r);
	/* The right token without the session's cookie. */
	snprintf(body, sizeof body, "csrf=%s&status=in_progress", ss.csrf);
	r = post(&s, path, NULL, body);
	ck_assert_int_eq(r.status, 403);
	response_free(&r);
	/* The right session and token, from a foreign Origin. */
	snprintf(headers, sizeof headers, "%sOrigin: http://evil.example\r\n", ss.cookie);
	r = post(&s, path, headers, body);
	ck_assert_int_eq(r.status, 403);
	ck_assert_ptr_nonnull(strstr(r.body, "Origin"));
	response_free(&r);
	/* Another content type. */
	char req[1024];
	int n = snprintf(req, sizeof req, "POST %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n%s"
	                 "Content-Type: text/plain\r\nContent-Length: %zu\r\nConnection: close"
	                 "\r\n\r\n%s", path, s.port, ss.cookie, strlen(body), body);
	r = http_raw(s.port, req, (size_t)n);
	ck_assert_int_eq(r.status, 415);
	response_free(&r);
	ck_assert_int_eq(updates_of(1), before);
	/* And the same POST done right lands. */
	snprintf(headers, sizeof headers, "%sOrigin: http://127.0.0.1:%d\r\n", ss.cookie, s.port);
	r = post(&s, path, headers, body);
	ck_assert_int_eq(r.status, 303);
	response_free(&r);
	ck_assert_int_eq(updates_of(1), before + 1);
	stop_server(&s, SIGTERM);
}
END_TEST

/* The other forms: an initiative's title and target date, an update
 * corrected and deleted; each with the library's message by its field. */
START_TEST(test_edit_forms)
{
	server s = start_server(NULL);
	session ss = open_session(&s, "/initiative/" SLUG);
	char body[512];
	const char *edit = "/initiative/" SLUG "/edit";
	/* A bad target date, then an empty title: nothing changes. */
	snprintf(body, sizeof body, "csrf=%s&title=New+title&target_date=2025-02-30", ss.csrf);
	response r = post(&s, edit, ss.cookie, body);
	ck_assert_int_eq(r.status, 422);
	ck_assert_ptr_nonnull(strstr(r.body, "<span class=\"error\" id=\"error-target_date\">"
	                             "target_date: &#39;2025-02-30&#39; is not a valid date"));
	ck_assert_ptr_nonnull(strstr(r.body, "value=\"New title\""));
	response_free(&r);
	snprintf(body, sizeof body, "csrf=%s&title=&target_date=2027-01-31", ss.csrf);
	r = post(&s, edit, ss.cookie, body);
	ck_assert_int_eq(r.status, 422);
	ck_assert_ptr_nonnull(strstr(r.body, "id=\"error-title\">title: must not be empty"));
	response_free(&r);
	atrack_db *db = NULL;
	ck_assert_int_eq(atrack_open(db_path, ATRACK_OPEN_READONLY, &db), ATRACK_OK);
	char *row = tu_query_text(db, "SELECT title || '|' || coalesce(target_date, '-') "
	                          "FROM initiative WHERE id = 1");
	ck_assert_str_eq(row, "Enhancing extended deterrence cooperation through NCG workstreams|-");
	free(row);
	atrack_close(db);
	/* Without the token: refused. */
	r = post(&s, edit, ss.cookie, "title=Forged");
	ck_assert_int_eq(r.status, 403);
	response_free(&r);
	/* Done right. */
	snprintf(body, sizeof body, "csrf=%s&title=NCG+workstreams&target_date=2027-01-31", ss.csrf);
	r = post(&s, edit, ss.cookie, body);
	ck_assert_int_eq(r.status, 303);
	response_free(&r);
	ck_assert_int_eq(atrack_open(db_path, ATRACK_OPEN_READONLY, &db), ATRACK_OK);
	row = tu_query_text(db, "SELECT title || '|' || target_date FROM initiative WHERE id = 1");
	ck_assert_str_eq(row, "NCG workstreams|2027-01-31");
	free(row);
	long long id = tu_query_int(db, "SELECT max(id) FROM progress_update WHERE initiative_id = 1");
	atrack_close(db);

	/* The latest update of initiative 1: corrected, then deleted. */
	char path[64], action[64];
	snprintf(path, sizeof path, "/update/%lld", id);
	r = get(&s, path, ss.cookie);
	ck_assert_int_eq(r.status, 200);
	ck_assert_ptr_nonnull(strstr(r.body, "id=\"update-edit-form\""));
	response_free(&r);
	long long before = updates_of(1);
	snprintf(action, sizeof action, "/update/%lld/edit", id);
	snprintf(body, sizeof body, "csrf=%s&event_date=2025-06-31&note=x", ss.csrf);
	r = post(&s, action, ss.cookie, body);
	ck_assert_int_eq(r.status, 422);
	ck_assert_ptr_nonnull(strstr(r.body, "id=\"error-event_date\">event_date: &#39;2025-06-31&#39;"));
	response_free(&r);
	snprintf(body, sizeof body, "csrf=%s&event_date=&health=at_risk&note=Corrected+note", ss.csrf);
	r = post(&s, action, ss.cookie, body);
	ck_assert_int_eq(r.status, 303);
	response_free(&r);
	ck_assert_int_eq(atrack_open(db_path, ATRACK_OPEN_READONLY, &db), ATRACK_OK);
	char sql[160];
	snprintf(sql, sizeof sql, "SELECT note || '|' || event_date FROM progress_update WHERE id = %lld",
	         id);
	row = tu_query_text(db, sql);
	ck_assert_str_eq(row, "Corrected note|2025-06-01");
	free(row);
	atrack_close(db);
	snprintf(action, sizeof action, "/update/%lld/delete", id);
	r = post(&s, action, ss.cookie, "csrf=wrong");
	ck_assert_int_eq(r.status, 403);
	response_free(&r);
	ck_assert_int_eq(updates_of(1), before);
	snprintf(body, sizeof body, "csrf=%s", ss.csrf);
	r = post(&s, action, ss.cookie, body);
	ck_assert_int_eq(r.status, 303);
	/* Back to its initiative, by slug. */
	char *location = header(&r, "Location");
	ck_assert_int_eq(atrack_open(db_path, ATRACK_OPEN_READONLY, &db), ATRACK_OK);
	char *slug = tu_query_text(db, "SELECT '/initiative/' || slug FROM initiative WHERE id = 1");
	atrack_close(db);
	ck_assert_str_eq(location, slug);
	free(slug);
	free(location);
	response_free(&r);
	ck_assert_int_eq(updates_of(1), before - 1);
	r = get(&s, path, NULL);
	ck_assert_int_eq(r.status, 404);
	response_free(&r);
	stop_server(&s, SIGTERM);
}
END_TEST

START_TEST(test_read_only_refuses_post)
{
	const char *const extra[] = { "--read-only", NULL };
	server s = start_server(extra);
	long long before = updates_of(1);
	response r = get(&s, "/initiative/" SLUG, NULL);
	ck_assert_int_eq(r.status, 200);
	ck_assert_ptr_null(strstr(r.body, "<form method=\"post\""));
	ck_assert_ptr_null(strstr(r.body, "csrf"));
	ck_assert_ptr_nonnull(strstr(r.body, "id=\"timeline\""));
	ck_assert_ptr_null(strstr(r.body, "/edit"));
	response_free(&r);
	r = get(&s, "/update/1", NULL);
	ck_assert_int_eq(r.status, 200);
	ck_assert_ptr_null(strstr(r.body, "<form method=\"post\""));
	response_free(&r);
	r = post(&s, "/update/1/delete", NULL, "csrf=x");
	ck_assert_int_eq(r.status, 403);
	response_free(&r);
	r = post(&s, "/initiative/" SLUG "/update", NULL, "csrf=x&status=in_progress");
	ck_assert_int_eq(r.status, 403);
	ck_assert_ptr_nonnull(strstr(r.body, "read-only"));
	response_free(&r);
	r = post(&s, "/", NULL, "a=b");
	ck_assert_int_eq(r.status, 403);
	response_free(&r);
	ck_assert_int_eq(updates_of(1), before);
	stop_server(&s, SIGTERM);
}
END_TEST

/* ---- Access ------------------------------------------------------------------- */

START_TEST(test_token_required_off_loopback)
{
	const char *argv[] = { "--db", db_path, "serve", "--bind", "0.0.0.0", "--port", "0", NULL };
	tu_run run = tu_atrack(NULL, argv);
	ck_assert_int_eq(run.status, 2);
	ck_assert_ptr_nonnull(strstr(run.err, "not a loopback address"));
	ck_assert_ptr_nonnull(strstr(run.err, "--token-file"));
	tu_run_free(&run);

	char *token_path = tu_path(dir, "token");
	tu_write_file(token_path, "short\n", 6);
	const char *argv2[] = { "--db", db_path, "serve", "--port", "0", "--token-file", token_path,
	                        NULL };
	run = tu_atrack(NULL, argv2);
	ck_assert_int_eq(run.status, 4);
	tu_run_free(&run);

	const char token[] = "0123456789abcdef-secret\n";
	tu_write_file(token_path, token, strlen(token));
	const char *const extra[] = { "--token-file", token_path, NULL };
	server s = start_server(extra);
	response r = get(&s, "/", NULL);
	ck_assert_int_eq(r.status, 401);
	char *www = header(&r, "WWW-Authenticate");
	ck_assert_ptr_nonnull(www);
	free(www);
	response_free(&r);
	r = get(&s, "/api/board", "Authorization: Bearer 0123456789abcdef-wrong\r\n");
	ck_assert_int_eq(r.status, 401);
	response_free(&r);
	r = get(&s, "/api/board", "Authorization: Bearer 0123456789abcdef-secret\r\n");
	ck_assert_int_eq(r.status, 200);
	response_free(&r);
	/* A browser logs in with the token instead, and gets a cookie. */
	session ss = open_session(&s, "/login");
	r = post(&s, "/login", ss.cookie, "token=0123456789abcdef-secret");
	ck_assert_int_eq(r.status, 403); /* no form token */
	response_free(&r);
	char body[256], cookies[512];
	snprintf(body, sizeof body, "csrf=%s&token=0123456789abcdef-wrong", ss.csrf);
	r = post(&s, "/login", ss.cookie, body);
	ck_assert_int_eq(r.status, 403);
	ck_assert_ptr_nonnull(strstr(r.body, "id=\"error-token\""));
	ck_assert_ptr_null(strstr(r.head, "atrack_auth="));
	response_free(&r);
	r = get(&s, "/", "Cookie: atrack_auth=0123\r\n");
	ck_assert_int_eq(r.status, 401);
	response_free(&r);
	snprintf(body, sizeof body, "csrf=%s&token=0123456789abcdef-secret", ss.csrf);
	r = post(&s, "/login", ss.cookie, body);
	ck_assert_int_eq(r.status, 303);
	char *set = header(&r, "Set-Cookie");
	ck_assert_ptr_nonnull(set);
	ck_assert_ptr_nonnull(strstr(set, "SameSite=Strict"));
	ck_assert_ptr_nonnull(strstr(set, "HttpOnly"));
	ck_assert_ptr_null(strstr(set, "secret")); /* the cookie is not the token */
	size_t len = strcspn(set, ";");
	ck_assert_int_eq(strncmp(set, "atrack_auth=", 12), 0);
	snprintf(cookies, sizeof cookies, "Cookie: %.*s\r\n", (int)len, set);
	free(set);
	response_free(&r);
	r = get(&s, "/initiative/" SLUG, cookies);
	ck_assert_int_eq(r.status, 200);
	response_free(&r);
	stop_server(&s, SIGTERM);
	free(token_path);
}
END_TEST

START_TEST(test_limits)
{
	server s = start_server(NULL);
	session ss = open_session(&s, "/initiative/" SLUG);
	long long before = updates_of(1);
	/* A body over the limit. */
	size_t big = 70 * 1024;
	char *body = malloc(big + 1);
	int n = snprintf(body, big, "csrf=%s&status=in_progress&note=", ss.csrf);
	memset(body + n, 'x', big - (size_t)n);
	body[big] = '\0';
	response r = post(&s, "/initiative/" SLUG "/update", ss.cookie, body);
	ck_assert_int_eq(r.status, 413);
	response_free(&r);
	free(body);
	ck_assert_int_eq(updates_of(1), before);
	/* Headers over the limit. */
	size_t hlen = 40 * 1024;
	char *headers = malloc(hlen + 64);
	memcpy(headers, "X-Filler: ", 10);
	memset(headers + 10, 'y', hlen);
	memcpy(headers + 10 + hlen, "\r\n", 3);
	r = get(&s, "/", headers);
	ck_assert_msg(r.status == 431, "status %d for 40 KiB of headers", r.status);
	response_free(&r);
	free(headers);
	/* Another Host (DNS rebinding). */
	const char rebind[] = "GET / HTTP/1.1\r\nHost: evil.example:%d\r\nConnection: close\r\n\r\n";
	char req[256];
	n = snprintf(req, sizeof req, rebind, s.port);
	r = http_raw(s.port, req, (size_t)n);
	ck_assert_int_eq(r.status, 421);
	response_free(&r);
	/* localhost is this server too. */
	n = snprintf(req, sizeof req, "GET / HTTP/1.1\r\nHost: localhost:%d\r\n"
	             "Connection: close\r\n\r\n", s.port);
	r = http_raw(s.port, req, (size_t)n);
	ck_assert_int_eq(r.status, 200);
	response_free(&r);
	/* Still answering after all that. */
	r = get(&s, "/api/board", NULL);
	ck_assert_int_eq(r.status, 200);
	response_free(&r);
	stop_server(&s, SIGINT);
}
END_TEST

/* SIGTERM while a request is half sent: the server accepts nothing new but
 * answers it, then exits 0. */
START_TEST(test_stop_lets_open_requests_finish)
{
	server s = start_server(NULL);
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = { 0 };
	a.sin_family = AF_INET;
	a.sin_port = htons((uint16_t)s.port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ck_assert_int_eq(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
	char head[128];
	int n = snprintf(head, sizeof head, "GET /api/board HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n",
	                 s.port);
	ck_assert_int_eq(send(fd, head, (size_t)n, MSG_NOSIGNAL), n);
	struct timespec pause = { 0, 100 * 1000 * 1000 };
	nanosleep(&pause, NULL);
	kill(s.pid, SIGTERM);
	/* Soon a new connection is no longer taken (30 s for a slow machine). */
	bool refused = false;
	for (int i = 0; i < 300 && !refused; i++) {
		int late = socket(AF_INET, SOCK_STREAM, 0);
		refused = connect(late, (struct sockaddr *)&a, sizeof a) != 0;
		close(late);
		if (!refused)
			nanosleep(&pause, NULL);
	}
	ck_assert_msg(refused, "new connections still taken after SIGTERM");
	const char rest[] = "Connection: close\r\n\r\n";
	ck_assert_int_eq(send(fd, rest, strlen(rest), MSG_NOSIGNAL), (ssize_t)strlen(rest));
	char buf[256] = "";
	struct pollfd p = { fd, POLLIN, 0 };
	ck_assert_int_eq(poll(&p, 1, 30000), 1);
	ck_assert_int_gt(recv(fd, buf, sizeof buf - 1, 0), 0);
	ck_assert_msg(strncmp(buf, "HTTP/1.1 200", 12) == 0, "the open request got '%.40s'", buf);
	close(fd);
	int status = 0;
	ck_assert_int_eq(waitpid(s.pid, &status, 0), s.pid);
	close(s.out);
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	char *err = tu_read_file(err_path, NULL);
	ck_assert_ptr_nonnull(strstr(err, "stopped (terminated)"));
	free(err);
}
END_TEST

static Suite *serve_suite(void)
{
	Suite *s = suite_create("serve");
	TCase *tc = tcase_create("serve");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_pages_answer);
	tcase_add_test(tc, test_api_mirrors_json);
	tcase_add_test(tc, test_script_is_escaped);
	tcase_add_test(tc, test_valid_update_lands);
	tcase_add_test(tc, test_bad_date_shows_field_error);
	tcase_add_test(tc, test_forged_posts_refused);
	tcase_add_test(tc, test_edit_forms);
	tcase_add_test(tc, test_read_only_refuses_post);
	tcase_add_test(tc, test_token_required_off_loopback);
	tcase_add_test(tc, test_limits);
	tcase_add_test(tc, test_stop_lets_open_requests_finish);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
#ifndef ATRACK_HAVE_SERVE
	(void)serve_suite;
	puts("test_serve: skipped: atrack was built without libmicrohttpd");
	return 0;
#else
	return tu_run_suite(serve_suite());
#endif
}
