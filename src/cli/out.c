/*
 * out.c - how the program speaks: error lines on stderr (and JSON error
 * objects with --json), JSON documents on stdout, and aligned tables that
 * measure UTF-8 text in terminal columns and fit the terminal's width.
 */
#include "cli.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

static const char *exit_name(int exit_code)
{
	switch (exit_code) {
	case CLI_EXIT_USAGE: return "usage";
	case CLI_EXIT_NOTFOUND: return "not_found";
	case CLI_EXIT_INVALID: return "invalid";
	case CLI_EXIT_CONFLICT: return "conflict";
	case CLI_EXIT_BUSY: return "busy";
	case CLI_EXIT_REFUSED: return "refused";
	default: return "failure";
	}
}

static int fail_message(cli_ctx *ctx, int exit_code, const char *message)
{
	/* A message may quote the database (a slug, a label): cleaned too. */
	char *clean = cli_clean(message);
	fprintf(stderr, "atrack: %s\n", clean ? clean : message);
	free(clean);
	if (ctx && ctx->json) {
		json_t *j = json_pack("{s:{s:s, s:o, s:i}}", "error", "code", exit_name(exit_code),
		                      "message", cli_json_text(message), "exit_code", exit_code);
		if (j) {
			json_dumpf(j, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
			fputc('\n', stdout);
			json_decref(j);
		}
	}
	return exit_code;
}

int cli_fail(cli_ctx *ctx, int exit_code, const char *fmt, ...)
{
	char message[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(message, sizeof message, fmt, ap);
	va_end(ap);
	return fail_message(ctx, exit_code, message);
}

int cli_exit_for(int rc)
{
	switch (rc) {
	case ATRACK_OK: return CLI_EXIT_OK;
	case ATRACK_NOTFOUND: return CLI_EXIT_NOTFOUND;
	case ATRACK_INVALID:
	case ATRACK_PARSE: return CLI_EXIT_INVALID;
	case ATRACK_CONFLICT: return CLI_EXIT_CONFLICT;
	case ATRACK_BUSY: return CLI_EXIT_BUSY;
	case ATRACK_TOONEW:
	case ATRACK_NOTDB:
	case ATRACK_READONLY:
	case ATRACK_CORRUPT: return CLI_EXIT_REFUSED;
	default: return CLI_EXIT_FAILURE;
	}
}

int cli_fail_lib(cli_ctx *ctx, int rc, const char *what)
{
	const char *detail = ctx && ctx->db ? atrack_errmsg(ctx->db) : atrack_errstr(rc);
	if (what && *what)
		return cli_fail(ctx, cli_exit_for(rc), "%s: %s", what, detail);
	return cli_fail(ctx, cli_exit_for(rc), "%s", detail);
}

int cli_print_json(cli_ctx *ctx, json_t *json)
{
	if (!json)
		return cli_fail(ctx, CLI_EXIT_FAILURE, "out of memory");
	int rc = json_dumpf(json, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', stdout);
	json_decref(json);
	return rc == 0 ? CLI_EXIT_OK : CLI_EXIT_FAILURE;
}

/* The length of the valid UTF-8 sequence at s[0..len), or 0 if there is
 * none (a stray byte, an overlong form, a surrogate, past U+10FFFF). */
static size_t utf8_valid_length(const unsigned char *s, size_t len)
{
	if (s[0] < 0x80)
		return 1;
	size_t n = (s[0] & 0xE0) == 0xC0 ? 2 : (s[0] & 0xF0) == 0xE0 ? 3 : (s[0] & 0xF8) == 0xF0 ? 4 : 0;
	if (n == 0 || n > len)
		return 0;
	unsigned int cp = n == 2 ? s[0] & 0x1Fu : n == 3 ? s[0] & 0x0Fu : s[0] & 0x07u;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3Fu);
	}
	static const unsigned int least[5] = { 0, 0, 0x80, 0x800, 0x10000 };
	if (cp < least[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return n;
}

json_t *cli_json_text(const char *s)
{
	json_t *j = json_string(s);
	if (j)
		return j;
	/* jansson refuses what is not UTF-8 the same way it reports a lack of
	 * memory; a byte the user typed (echoed in a message or a query) is
	 * shown as U+FFFD rather than lose the whole output. */
	size_t len = strlen(s), n = 0;
	char *fixed = malloc(len * 3 + 1);
	if (!fixed)
		return NULL;
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < len;) {
		size_t k = utf8_valid_length(p + i, len - i);
		if (k) {
			memcpy(fixed + n, s + i, k);
			n += k;
			i += k;
		} else {
			memcpy(fixed + n, "\xEF\xBF\xBD", 3);
			n += 3;
			i++;
		}
	}
	j = json_stringn(fixed, n);
	free(fixed);
	return j;
}

json_t *cli_json_string_or_null(const char *s)
{
	return s ? cli_json_text(s) : json_null();
}

/* ---- Width of text ------------------------------------------------------ */

/* Terminal columns taken by one code point: 0 for combining marks, 2 for
 * East Asian wide and full-width forms (Hangul, CJK), 1 otherwise. */
static int codepoint_width(unsigned int cp)
{
	if ((cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x200B && cp <= 0x200F))
		return 0;
	if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
	    (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	    (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
	    (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1FAFF) ||
	    (cp >= 0x20000 && cp <= 0x3FFFD))
		return 2;
	return 1;
}

/* Decode one UTF-8 sequence at s; returns its length (1 for a bad byte). */
static size_t decode_utf8(const unsigned char *s, unsigned int *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	size_t n = (s[0] & 0xE0) == 0xC0 ? 2 : (s[0] & 0xF0) == 0xE0 ? 3 : (s[0] & 0xF8) == 0xF0 ? 4 : 1;
	unsigned int v = n == 2 ? s[0] & 0x1Fu : n == 3 ? s[0] & 0x0Fu : s[0] & 0x07u;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return 1;
		}
		v = (v << 6) | (s[i] & 0x3Fu);
	}
	*cp = n == 1 ? 0xFFFD : v;
	return n;
}

bool cli_ascii(void)
{
	/* The locale as the C library would pick it, without setlocale (which
	 * would change how the whole program reads and prints text). */
	static int ascii = -1;
	if (ascii < 0) {
		const char *names[] = { "LC_ALL", "LC_CTYPE", "LANG" };
		const char *locale = NULL;
		for (size_t i = 0; i < sizeof names / sizeof names[0] && !locale; i++) {
			const char *v = getenv(names[i]);
			if (v && *v)
				locale = v;
		}
		ascii = !(locale && (strstr(locale, "UTF-8") || strstr(locale, "utf-8") ||
		                     strstr(locale, "UTF8") || strstr(locale, "utf8")));
	}
	return ascii != 0;
}

char *cli_clean(const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t len = strlen((const char *)p);
	char *out = malloc(len + 1);
	if (!out)
		return NULL;
	size_t o = 0;
	while (*p) {
		unsigned int cp;
		size_t n = decode_utf8(p, &cp);
		/* A lone byte 0x80-0x9F is what an 8-bit terminal reads as C1. */
		bool control = cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) ||
		               (n == 1 && p[0] >= 0x80 && p[0] <= 0x9F);
		if (control) {
			out[o++] = ' ';
		} else if (cp >= 0x80 && cli_ascii()) {
			out[o++] = '?'; /* the terminal cannot show it */
		} else {
			memcpy(out + o, p, n);
			o += n;
		}
		p += n;
	}
	out[o] = '\0';
	return out;
}

void cli_line(const char *fmt, ...)
{
	char *text = NULL;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n >= 0 && (text = malloc((size_t)n + 1)) != NULL) {
		va_start(ap, fmt);
		vsnprintf(text, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	char *clean = cli_clean(text ? text : "");
	fputs(clean ? clean : "", stdout);
	fputc('\n', stdout);
	free(clean);
	free(text);
}

size_t cli_display_width(const char *s)
{
	size_t width = 0;
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		unsigned int cp;
		p += decode_utf8(p, &cp);
		width += (size_t)codepoint_width(cp);
	}
	return width;
}

/* Copy of `s` cut to at most `width` columns, ending in "…" when cut. */
static char *truncate_to_width(const char *s, size_t width)
{
	if (cli_display_width(s) <= width)
		return strdup(s);
	size_t used = 0;
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		unsigned int cp;
		size_t n = decode_utf8(p, &cp);
		size_t w = (size_t)codepoint_width(cp);
		if (used + w + 1 > width)
			break;
		used += w;
		p += n;
	}
	size_t bytes = (size_t)(p - (const unsigned char *)s);
	char *out = malloc(bytes + 4);
	if (!out)
		return NULL;
	memcpy(out, s, bytes);
	/* "…" and the NUL; in ASCII "~", one column as well. */
	memcpy(out + bytes, cli_ascii() ? "~" : "\xE2\x80\xA6", cli_ascii() ? 2 : 4);
	return out;
}

/* ---- Tables ------------------------------------------------------------- */

struct cli_table {
	int columns;
	const unsigned char *drop; /* per column: 0 kept, else dropped first when higher */
	bool wide;                 /* never fitted to the terminal */
	char **cells;   /* rows * columns, row 0 the header */
	size_t rows;
	size_t cap;
	bool failed;
};

cli_table *cli_table_new(int columns, const char *const *headers)
{
	cli_table *t = calloc(1, sizeof *t);
	if (!t)
		return NULL;
	t->columns = columns;
	cli_table_row(t, headers);
	return t;
}

void cli_table_fit(cli_table *t, const unsigned char *drop, bool wide)
{
	if (t) {
		t->drop = drop;
		t->wide = wide;
	}
}

void cli_table_row(cli_table *t, const char *const *cells)
{
	if (!t || t->failed)
		return;
	if (t->rows == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		char **grown = realloc(t->cells, cap * (size_t)t->columns * sizeof *grown);
		if (!grown) {
			t->failed = true;
			return;
		}
		t->cells = grown;
		t->cap = cap;
	}
	char **row = t->cells + t->rows * (size_t)t->columns;
	for (int c = 0; c < t->columns; c++) {
		row[c] = cli_clean(cells[c]);
		if (!row[c])
			t->failed = true;
	}
	t->rows++;
}

/* The terminal's width; $COLUMNS, when set, wins, even for a pipe (so
 * `COLUMNS=80 atrack status | less` fits too); 0 for "never cut". */
static size_t terminal_width(void)
{
	const char *columns = getenv("COLUMNS");
	if (columns && atoi(columns) > 0)
		return (size_t)atoi(columns);
	struct winsize ws;
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 0; /* not a terminal: never cut */
}

/* A date column (every cell YYYY-MM-DD..., "-" or empty) is never cut: a
 * cut date reads as another date. */
static bool is_date_column(const cli_table *t, int c)
{
	for (size_t r = 1; r < t->rows; r++) {
		const char *v = t->cells[r * (size_t)t->columns + (size_t)c];
		bool date = strlen(v) >= 10 && v[4] == '-' && v[7] == '-' &&
		            strspn(v, "0123456789") == 4;
		if (!date && strcmp(v, "-") != 0 && *v)
			return false;
	}
	return t->rows > 1;
}

int cli_table_print(cli_table *t, FILE *out)
{
	if (!t || t->failed)
		return CLI_EXIT_FAILURE;
	size_t *widths = calloc((size_t)t->columns, sizeof *widths);
	if (!widths)
		return CLI_EXIT_FAILURE;
	for (size_t r = 0; r < t->rows; r++)
		for (int c = 0; c < t->columns; c++) {
			size_t w = cli_display_width(t->cells[r * (size_t)t->columns + (size_t)c]);
			if (w > widths[c])
				widths[c] = w;
		}
	/* Fit the terminal: first leave out whole columns, the table's least
	 * needed first; then take a column from the widest that may be cut
	 * (never a date), repeatedly, but never below 8 for any. */
	bool *shown = malloc((size_t)t->columns * sizeof *shown);
	if (!shown) {
		free(widths);
		return CLI_EXIT_FAILURE;
	}
	for (int c = 0; c < t->columns; c++)
		shown[c] = true;
	size_t limit = t->wide ? 0 : terminal_width();
	if (limit) {
		for (;;) {
			size_t total = 0;
			int victim = -1;
			for (int c = 0; c < t->columns; c++) {
				if (!shown[c])
					continue;
				total += widths[c] + (total ? 2 : 0);
				if (t->drop && t->drop[c] && (victim < 0 || t->drop[c] > t->drop[victim]))
					victim = c;
			}
			if (total <= limit || victim < 0)
				break;
			/* Would cutting the others to 8 be enough? Then keep it. */
			size_t room = 0;
			for (int c = 0; c < t->columns; c++)
				if (shown[c] && !is_date_column(t, c) && widths[c] > 8)
					room += widths[c] - 8;
			if (total - room <= limit && t->drop[victim] < 2)
				break;
			shown[victim] = false;
		}
		for (;;) {
			size_t total = 0;
			int widest = -1;
			for (int c = 0; c < t->columns; c++) {
				if (!shown[c])
					continue;
				total += widths[c] + (total ? 2 : 0);
				if (!is_date_column(t, c) && (widest < 0 || widths[c] > widths[widest]))
					widest = c;
			}
			if (total <= limit || widest < 0 || widths[widest] <= 8)
				break;
			/* One column at a time, so the wide ones end up sharing. */
			widths[widest]--;
		}
	}
	int last = -1;
	for (int c = 0; c < t->columns; c++)
		if (shown[c])
			last = c;
	for (size_t r = 0; r < t->rows; r++) {
		for (int c = 0; c < t->columns; c++) {
			if (!shown[c])
				continue;
			const char *cell = t->cells[r * (size_t)t->columns + (size_t)c];
			char *shown = truncate_to_width(cell, widths[c]);
			const char *text = shown ? shown : cell;
			fputs(text, out);
			if (c < last) {
				for (size_t pad = cli_display_width(text); pad < widths[c] + 2; pad++)
					fputc(' ', out);
			}
			free(shown);
		}
		fputc('\n', out);
	}
	free(shown);
	free(widths);
	return CLI_EXIT_OK;
}

void cli_table_free(cli_table *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->rows * (size_t)t->columns; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t);
}

/* ---- Listings ----------------------------------------------------------- */

void cli_list_begin(cli_ctx *ctx, cli_list *list, const char *key, int columns,
                    const char *const *headers)
{
	list->key = key;
	list->json = ctx->json ? json_array() : NULL;
	list->table = ctx->json ? NULL : cli_table_new(columns, headers);
}

int cli_list_end(cli_ctx *ctx, cli_list *list, atrack_iter *it, int rc)
{
	atrack_iter_free(it);
	int exit_code;
	if (rc != ATRACK_DONE) {
		json_decref(list->json);
		exit_code = cli_fail_lib(ctx, rc, ctx->command);
	} else if (ctx->json) {
		exit_code = cli_print_json(ctx, json_pack("{s:i, s:o}", "format_version", 1,
		                                          list->key, list->json));
	} else {
		exit_code = cli_table_print(list->table, stdout);
	}
	cli_table_free(list->table);
	list->json = NULL;
	list->table = NULL;
	return exit_code;
}
