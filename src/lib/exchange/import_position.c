/*
 * import_position.c - where in the text of a JSON export a fault lies, so
 * that an import's refusal names the line and column (1-based, counted in
 * characters as jansson counts them) as well as the JSON path. jansson
 * keeps no positions for the values it parses, so the text, which it has
 * already found well formed, is walked again, on a refusal only. Calls
 * only the core.
 */
#include "exchange_int.h"

#include <stdarg.h>
#include <string.h>

typedef struct cursor {
	const char *p, *end;
} cursor;

static void skip_space(cursor *c)
{
	while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r'))
		c->p++;
}

static void skip_string(cursor *c)
{
	for (c->p++; c->p < c->end && *c->p != '"'; c->p++)
		if (*c->p == '\\' && c->p + 1 < c->end)
			c->p++;
	if (c->p < c->end)
		c->p++;
}

static void skip_value(cursor *c)
{
	skip_space(c);
	if (c->p >= c->end)
		return;
	if (*c->p == '"') {
		skip_string(c);
		return;
	}
	if (*c->p != '{' && *c->p != '[') {
		while (c->p < c->end && !strchr(",]} \t\n\r", *c->p))
			c->p++;
		return;
	}
	int depth = 0;
	while (c->p < c->end) {
		char ch = *c->p;
		if (ch == '"') {
			skip_string(c);
			continue;
		}
		c->p++;
		if (ch == '{' || ch == '[')
			depth++;
		else if ((ch == '}' || ch == ']') && --depth == 0)
			return;
	}
}

static unsigned int hex4(cursor *c)
{
	unsigned int v = 0;
	for (int i = 0; i < 4 && c->p < c->end; i++, c->p++) {
		char h = *c->p;
		v = v * 16 + (unsigned int)(h >= 'a' ? h - 'a' + 10 : h >= 'A' ? h - 'A' + 10 : h - '0');
	}
	return v;
}

static size_t put_utf8(unsigned int cp, unsigned char out[4])
{
	if (cp < 0x80) {
		out[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (unsigned char)(0xC0 | cp >> 6);
		out[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (unsigned char)(0xE0 | cp >> 12);
		out[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (unsigned char)(0xF0 | cp >> 18);
	out[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Whether the string at c->p, escapes decoded, is `name`; moves past it.
 * A key may be written with escapes ("sl\u0075g" is "slug"). */
static bool string_equals(cursor *c, const char *name)
{
	const unsigned char *n = (const unsigned char *)name;
	bool same = true;
	c->p++;
	while (c->p < c->end && *c->p != '"') {
		unsigned char buf[4];
		size_t k = 0;
		if (*c->p == '\\' && c->p + 1 < c->end) {
			char e = c->p[1];
			c->p += 2;
			if (e == 'u') {
				unsigned int cp = hex4(c);
				if (cp >= 0xD800 && cp < 0xDC00 && c->end - c->p >= 6 && c->p[0] == '\\' &&
				    c->p[1] == 'u') {
					c->p += 2;
					cp = 0x10000 + ((cp - 0xD800) << 10) + (hex4(c) - 0xDC00);
				}
				k = put_utf8(cp, buf);
			} else {
				buf[k++] = (unsigned char)(e == 'b' ? '\b' : e == 'f' ? '\f' : e == 'n' ? '\n'
				                           : e == 'r' ? '\r' : e == 't' ? '\t' : e);
			}
		} else {
			buf[k++] = (unsigned char)*c->p++;
		}
		for (size_t i = 0; i < k; i++) {
			if (same && *n == buf[i])
				n++;
			else
				same = false;
		}
	}
	if (c->p < c->end)
		c->p++;
	return same && *n == '\0';
}

/* In the object at c->p, find member `name`: *key_at is where its key
 * starts, and c->p is left at its value. */
static bool find_member(cursor *c, const char *name, const char **key_at)
{
	if (c->p >= c->end || *c->p != '{')
		return false;
	c->p++;
	for (;;) {
		skip_space(c);
		if (c->p >= c->end || *c->p != '"')
			return false;
		const char *key = c->p;
		bool match = string_equals(c, name);
		skip_space(c);
		if (c->p < c->end && *c->p == ':')
			c->p++;
		skip_space(c);
		if (match) {
			*key_at = key;
			return true;
		}
		skip_value(c);
		skip_space(c);
		if (c->p < c->end && *c->p == ',')
			c->p++;
	}
}

/* In the array at c->p, move to element `index`. */
static bool find_element(cursor *c, size_t index)
{
	if (c->p >= c->end || *c->p != '[')
		return false;
	c->p++;
	for (size_t i = 0; i < index; i++) {
		skip_value(c);
		skip_space(c);
		if (c->p >= c->end || *c->p != ',')
			return false;
		c->p++;
	}
	skip_space(c);
	return c->p < c->end && *c->p != ']';
}

void xi_locate(const char *text, size_t len, const char *array, long row, const char *field,
               int *line, int *column)
{
	cursor c = { text, text + len };
	const char *key;
	skip_space(&c);
	const char *at = c.p;
	if (array && find_member(&c, array, &key)) {
		at = key;
		if (row >= 0 && find_element(&c, (size_t)row)) {
			at = c.p;
			if (field && find_member(&c, field, &key))
				at = key;
		}
	}
	*line = 1;
	*column = 1;
	for (const char *p = text; p < at; p++) {
		if (*p == '\n') {
			++*line;
			*column = 1;
		} else if (((unsigned char)*p & 0xC0) != 0x80) {
			++*column;
		}
	}
}

int xi_vfail(importer *I, int rc, const char *array, long row, const char *field,
             const char *fmt, va_list ap)
{
	int line, column;
	xi_locate(I->text, I->len, array, row, field, &line, &column);
	atr_buf b = ATR_BUF_INIT;
	atr_buf_printf(&b, "%s:%d:%d: $", I->source, line, column);
	if (array)
		atr_buf_printf(&b, ".%s", array);
	if (row >= 0)
		atr_buf_printf(&b, "[%ld]", row);
	if (field)
		atr_buf_printf(&b, ".%s", field);
	atr_buf_puts(&b, ": ");
	atr_buf_vprintf(&b, fmt, ap);
	if (atr_buf_failed(&b))
		return atr_error(I->db, ATRACK_NOMEM, "out of memory");
	atr_error_at(I->db, rc, line, column, "%s", b.data);
	atr_buf_clear(&b);
	return rc;
}

int xi_fail(importer *I, int rc, const char *array, long row, const char *field,
            const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	rc = xi_vfail(I, rc, array, row, field, fmt, ap);
	va_end(ap);
	return rc;
}
