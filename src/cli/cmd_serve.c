/*
 * cmd_serve.c - `atrack serve`: the tracker in a browser. Reads the command
 * line, the bearer token of --token-file, opens the database and hands over
 * to the server (src/serve/), which runs until SIGINT or SIGTERM. A build
 * without libmicrohttpd keeps the command and says why it cannot serve.
 */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#ifdef ATRACK_HAVE_SERVE
#include "serve.h"

/* The token: the file's first line, without surrounding blanks. */
static int read_token(cli_ctx *ctx, const char *path, char *token, size_t size)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return cli_fail(ctx, CLI_EXIT_NOTFOUND, "serve: cannot read --token-file '%s': %s",
		                path, strerror(errno));
	char line[512];
	bool got = fgets(line, sizeof line, f) != NULL;
	fclose(f);
	char *start = line;
	if (got) {
		while (*start == ' ' || *start == '\t')
			start++;
		size_t len = strlen(start);
		while (len && strchr(" \t\r\n", start[len - 1]))
			start[--len] = '\0';
	}
	if (!got || strlen(start) < 16 || strlen(start) >= size)
		return cli_fail(ctx, CLI_EXIT_INVALID, "serve: the token in '%s' must be one line of "
		                "16 to 255 characters", path);
	for (const char *p = start; *p; p++)
		if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7F)
			return cli_fail(ctx, CLI_EXIT_INVALID, "serve: the token in '%s' must be printable "
			                "ASCII without spaces", path);
	memcpy(token, start, strlen(start) + 1);
	return CLI_CONTINUE;
}
#endif

int cmd_serve(cli_ctx *ctx, int argc, char **argv)
{
	static const cli_usage usage = {
		"serve", "[--bind ADDR] [--port N] [--read-only] [--token-file FILE]",
		"Serve the board, each initiative, the report, search, a JSON API and a form to\n"
		"log updates over HTTP, on 127.0.0.1 unless --bind says otherwise (another\n"
		"address needs --token-file). Prints the URL; Ctrl-C or SIGTERM stops it.",
		0, 0, 0
	};
	const char *bind = "127.0.0.1", *token_file = NULL;
	long port = 8080;
	bool read_only = false;
	const cli_opt opts[] = {
		{ "bind", 0, CLI_STRING, &bind, "ADDR", "the address to listen on (default 127.0.0.1)" },
		{ "port", 'p', CLI_INT, &port, "N", "the port (default 8080; 0 picks a free one)" },
		{ "read-only", 0, CLI_FLAG, &read_only, NULL, "serve no form and refuse every POST" },
		{ "token-file", 0, CLI_STRING, &token_file, "FILE",
		  "every request needs the token in FILE ('Authorization: Bearer', or log in at /login)" },
		CLI_OPT_END
	};
	char **args;
	int nargs;
	int rc = cli_parse(ctx, argc, argv, opts, &usage, &args, &nargs);
	if (rc != CLI_CONTINUE)
		return rc;
	if (port < 0 || port > 65535)
		return cli_fail(ctx, CLI_EXIT_USAGE, "serve: --port takes 0 to 65535");
#ifdef ATRACK_HAVE_SERVE
	char token[256];
	if (token_file && (rc = read_token(ctx, token_file, token, sizeof token)) != CLI_CONTINUE)
		return rc;
	serve_config config = { bind, port, read_only, token_file ? token : NULL };
	ctx->reads_only = read_only;
	if ((rc = cli_open_db(ctx)) != CLI_CONTINUE)
		return rc;
	return serve_run(ctx, &config);
#else
	(void)bind;
	(void)token_file;
	(void)read_only;
	return cli_fail(ctx, CLI_EXIT_FAILURE, "serve: this atrack was built without "
	                "libmicrohttpd (install libmicrohttpd-dev and build again)");
#endif
}
