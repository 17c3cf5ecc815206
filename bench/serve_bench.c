/*
 * serve_bench.c - atrack-serve-bench: `atrack serve` under load, on
 * loopback only. A fresh database (the bundled fact sheet) is served on a
 * free port; CLIENTS client processes make REQUESTS requests each, 80%
 * reads (the board, an initiative page, the JSON board) and 20% update
 * posts through the form (session cookie and form token as a browser
 * sends them), while one more process writes through the program (`atrack
 * note`) the whole time. Prints p50/p99 latency and requests per second,
 * and checks that every update the server accepted (303) is in the
 * database and that no request failed except by BUSY (503). Exit 1 when
 * either check fails.
 *
 * Usage: atrack-serve-bench [CLIENTS [REQUESTS]]   (default 16 500)
 */
#include "atrack.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int port;

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* One request; returns the status (0 when the connection failed) and the
 * body in *body (malloc'd) when asked. */
static int http(const char *request, size_t len, char **body, char *cookie, size_t cookie_size)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = { 0 };
	a.sin_family = AF_INET;
	a.sin_port = htons((uint16_t)port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
		if (fd >= 0)
			close(fd);
		return 0;
	}
	size_t sent = 0;
	while (sent < len) {
		ssize_t w = send(fd, request + sent, len - sent, MSG_NOSIGNAL);
		if (w <= 0)
			break;
		sent += (size_t)w;
	}
	size_t cap = 1 << 16, got = 0;
	char *buf = malloc(cap);
	for (;;) {
		if (got + 4096 > cap)
			buf = realloc(buf, cap *= 2);
		ssize_t r = recv(fd, buf + got, cap - got - 1, 0);
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	close(fd);
	buf[got] = '\0';
	int status = 0;
	sscanf(buf, "HTTP/1.%*d %d", &status);
	if (cookie) {
		const char *set = strstr(buf, "Set-Cookie: ");
		if (set) {
			set += strlen("Set-Cookie: ");
			snprintf(cookie, cookie_size, "%.*s", (int)strcspn(set, ";\r\n"), set);
		}
	}
	if (body)
		*body = buf;
	else
		free(buf);
	return status;
}

typedef struct result {
	long ok, busy, failed, accepted; /* accepted: updates answered 303 */
} result;

static void client(int id, int requests, const char *out_path)
{
	char req[2048], cookie[200] = "", csrf[80] = "", *body = NULL;
	int n = snprintf(req, sizeof req, "GET /initiative/1 HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n"
	                 "Connection: close\r\n\r\n", port);
	if (http(req, (size_t)n, &body, cookie, sizeof cookie) == 200) {
		const char *t = strstr(body, "name=\"csrf\" value=\"");
		if (t)
			snprintf(csrf, sizeof csrf, "%.64s", t + strlen("name=\"csrf\" value=\""));
	}
	free(body);
	double *lat = malloc(sizeof(double) * (size_t)requests);
	result res = { 0, 0, 0, 0 };
	unsigned int seed = (unsigned int)id * 2654435761u;
	for (int i = 0; i < requests; i++) {
		int kind = (int)(rand_r(&seed) % 10);
		bool post = kind < 2;
		if (post) {
			char form[256];
			int flen = snprintf(form, sizeof form, "csrf=%s&status=in_progress&note=bench+%d-%d",
			                    csrf, id, i);
			n = snprintf(req, sizeof req, "POST /initiative/%d/update HTTP/1.1\r\n"
			             "Host: 127.0.0.1:%d\r\nCookie: %s\r\nOrigin: http://127.0.0.1:%d\r\n"
			             "Content-Type: application/x-www-form-urlencoded\r\n"
			             "Content-Length: %d\r\nConnection: close\r\n\r\n%s",
			             1 + (id + i) % 7, port, cookie, port, flen, form);
		} else {
			static const char *const paths[] = { "/", "/initiative/3", "/api/board",
			                                     "/?status=announced&sort=title" };
			n = snprintf(req, sizeof req, "GET %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n"
			             "Cookie: %s\r\nConnection: close\r\n\r\n", paths[kind % 4], port,
			             cookie);
		}
		double t0 = now_ms();
		int status = http(req, (size_t)n, NULL, NULL, 0);
		lat[i] = now_ms() - t0;
		if (status == 503)
			res.busy++;
		else if ((post && status == 303) || (!post && status == 200))
			res.ok++;
		else
			res.failed++;
		if (post && status == 303)
			res.accepted++;
	}
	FILE *f = fopen(out_path, "wb");
	if (!f || fwrite(&res, sizeof res, 1, f) != 1 ||
	    fwrite(lat, sizeof(double), (size_t)requests, f) != (size_t)requests)
		_exit(1);
	fclose(f);
	free(lat);
	_exit(0);
}

static int compare(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	int clients = argc > 1 ? atoi(argv[1]) : 16;
	int requests = argc > 2 ? atoi(argv[2]) : 500;
	if (clients < 1 || clients > 256 || requests < 1 || requests > 100000) {
		fprintf(stderr, "usage: atrack-serve-bench [CLIENTS (1-256) [REQUESTS (1-100000)]]\n");
		return 2;
	}
	const char *base = getenv("TMPDIR");
	char dir_buf[4096];
	snprintf(dir_buf, sizeof dir_buf, "%s/atrack-serve-bench-XXXXXX", base && *base ? base : P_tmpdir);
	if (!mkdtemp(dir_buf)) {
		perror("mkdtemp");
		return 1;
	}
	char db[4200], cmd[8600];
	snprintf(db, sizeof db, "%s/bench.db", dir_buf);
	snprintf(cmd, sizeof cmd, "'%s' --db '%s' import >/dev/null", ATRACK_CLI, db);
	if (system(cmd) != 0) {
		fprintf(stderr, "cannot import the fact sheet\n");
		return 1;
	}

	int fds[2];
	if (pipe(fds) != 0)
		return 1;
	pid_t server = fork();
	if (server == 0) {
		dup2(fds[1], STDOUT_FILENO);
		close(fds[0]);
		close(fds[1]);
		execl(ATRACK_CLI, "atrack", "--db", db, "serve", "--port", "0", (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	char line[256] = "";
	ssize_t got = read(fds[0], line, sizeof line - 1);
	if (got > 0)
		line[got] = '\0';
	const char *at = strstr(line, "127.0.0.1:");
	port = at ? atoi(at + strlen("127.0.0.1:")) : 0;
	if (!port) {
		fprintf(stderr, "the server printed no URL\n");
		return 1;
	}

	/* The program writes meanwhile, as an analyst at the command line would. */
	pid_t writer = fork();
	if (writer == 0) {
		for (int i = 0;; i++) {
			char note[64];
			snprintf(note, sizeof note, "cli %d", i);
			pid_t p = fork();
			if (p == 0) {
				if (!freopen("/dev/null", "w", stdout) || !freopen("/dev/null", "w", stderr))
					_exit(127);
				execl(ATRACK_CLI, "atrack", "--db", db, "note", "2", note, (char *)NULL);
				_exit(127);
			}
			waitpid(p, NULL, 0);
		}
	}

	double t0 = now_ms();
	pid_t *pids = calloc((size_t)clients, sizeof *pids);
	for (int c = 0; c < clients; c++) {
		char out[4300];
		snprintf(out, sizeof out, "%s/client-%d", dir_buf, c);
		if ((pids[c] = fork()) == 0)
			client(c, requests, out);
	}
	for (int c = 0; c < clients; c++)
		waitpid(pids[c], NULL, 0);
	double elapsed = now_ms() - t0;
	kill(writer, SIGKILL);
	waitpid(writer, NULL, 0);
	kill(server, SIGTERM);
	int status = 0;
	waitpid(server, &status, 0);

	size_t total = (size_t)clients * (size_t)requests;
	double *all = malloc(sizeof(double) * total);
	result sum = { 0, 0, 0, 0 };
	for (int c = 0; c < clients; c++) {
		char out[4300];
		snprintf(out, sizeof out, "%s/client-%d", dir_buf, c);
		FILE *f = fopen(out, "rb");
		result r;
		if (!f || fread(&r, sizeof r, 1, f) != 1 ||
		    fread(all + (size_t)c * (size_t)requests, sizeof(double), (size_t)requests, f) !=
		    (size_t)requests) {
			fprintf(stderr, "client %d left no result\n", c);
			return 1;
		}
		fclose(f);
		remove(out);
		sum.ok += r.ok;
		sum.busy += r.busy;
		sum.failed += r.failed;
		sum.accepted += r.accepted;
	}
	qsort(all, total, sizeof *all, compare);

	atrack_db *h = NULL;
	long long landed = -1;
	if (atrack_open(db, ATRACK_OPEN_READONLY, &h) == ATRACK_OK) {
		atrack_update_filter f = ATRACK_UPDATE_FILTER_INIT;
		atrack_iter *it = NULL;
		landed = 0;
		if (atrack_update_list(h, &f, &it) == ATRACK_OK)
			while (atrack_iter_next(it) == ATRACK_OK) {
				const atrack_update *u = atrack_iter_update(it);
				if (u->note && strncmp(u->note, "bench ", 6) == 0)
					landed++;
			}
		atrack_iter_free(it);
	}
	atrack_close(h);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir_buf);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", dir_buf);

	printf("atrack serve: %d clients x %d requests (80%% reads, 20%% update posts), "
	       "one CLI writer\n", clients, requests);
	printf("  requests/s  %.0f\n", (double)total / (elapsed / 1e3));
	printf("  p50         %.2f ms\n", all[total / 2]);
	printf("  p99         %.2f ms\n", all[(size_t)((double)total * 0.99)]);
	printf("  ok %ld, busy (503) %ld, failed %ld\n", sum.ok, sum.busy, sum.failed);
	printf("  updates accepted %ld, in the database %lld\n", sum.accepted, landed);
	printf("  server exit %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	free(all);
	free(pids);
	bool good = sum.failed == 0 && landed == sum.accepted && WIFEXITED(status) &&
	            WEXITSTATUS(status) == 0;
	if (!good)
		printf("  FAILED: %s\n", sum.failed ? "requests failed other than by BUSY"
		       : landed != sum.accepted ? "accepted updates missing from the database"
		       : "the server did not stop cleanly");
	return good ? 0 : 1;
}
