/*
 * serve_form.c - the request text the server parses itself: form bodies
 * (application/x-www-form-urlencoded) and %-escapes, and the encoding of
 * values put back into links. Nothing here trusts its input: a bad escape,
 * a NUL byte or text that is not UTF-8 is refused, never passed on.
 */
#include "serve.h"

#include <stdlib.h>
#include <string.h>

static int hex_value(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Whether s[0..len) is UTF-8: no stray, overlong or surrogate sequence,
 * nothing past U+10FFFF. */
static bool utf8_valid(const unsigned char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		unsigned char c = s[i];
		size_t n;
		unsigned int cp;
		if (c < 0x80) {
			i++;
			continue;
		} else if ((c & 0xE0) == 0xC0) {
			n = 2;
			cp = c & 0x1Fu;
		} else if ((c & 0xF0) == 0xE0) {
			n = 3;
			cp = c & 0x0Fu;
		} else if ((c & 0xF8) == 0xF0) {
			n = 4;
			cp = c & 0x07u;
		} else {
			return false;
		}
		if (len - i < n)
			return false;
		for (size_t k = 1; k < n; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return false;
			cp = (cp << 6) | (s[i + k] & 0x3Fu);
		}
		if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
		    cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return false;
		i += n;
	}
	return true;
}

char *serve_url_decode(const char *s, size_t len, bool plus)
{
	char *out = malloc(len + 1);
	if (!out)
		return NULL;
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '%') {
			if (len - i < 3 || hex_value((unsigned char)s[i + 1]) < 0 ||
			    hex_value((unsigned char)s[i + 2]) < 0) {
				free(out);
				return NULL;
			}
			c = (unsigned char)(hex_value((unsigned char)s[i + 1]) * 16 +
			                    hex_value((unsigned char)s[i + 2]));
			i += 2;
		} else if (c == '+' && plus) {
			c = ' ';
		}
		if (c == '\0') {
			free(out);
			return NULL;
		}
		out[o++] = (char)c;
	}
	out[o] = '\0';
	if (!utf8_valid((const unsigned char *)out, o)) {
		free(out);
		return NULL;
	}
	return out;
}

void serve_form_free(serve_form *form)
{
	for (int i = 0; i < form->n; i++) {
		free(form->name[i]);
		free(form->value[i]);
	}
	form->n = 0;
}

int serve_form_parse(serve_form *form, const char *body, size_t len)
{
	form->n = 0;
	size_t start = 0;
	while (start < len) {
		const char *amp = memchr(body + start, '&', len - start);
		size_t end = amp ? (size_t)(amp - body) : len;
		if (end > start) {
			const char *eq = memchr(body + start, '=', end - start);
			size_t name_end = eq ? (size_t)(eq - body) : end;
			size_t value_start = eq ? name_end + 1 : end;
			if (form->n == SERVE_FIELDS_MAX)
				goto bad;
			char *name = serve_url_decode(body + start, name_end - start, true);
			char *value = serve_url_decode(body + value_start, end - value_start, true);
			if (!name || !value) {
				free(name);
				free(value);
				goto bad;
			}
			form->name[form->n] = name;
			form->value[form->n] = value;
			form->n++;
		}
		start = end + 1;
	}
	return 0;
bad:
	serve_form_free(form);
	return -1;
}

const char *serve_form_get(const serve_form *form, const char *name)
{
	for (int i = 0; form && i < form->n; i++)
		if (strcmp(form->name[i], name) == 0)
			return form->value[i];
	return NULL;
}

void serve_url_encode(FILE *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '-' || *p == '_' || *p == '.' || *p == '~')
			fputc(*p, out);
		else
			fprintf(out, "%%%c%c", hex[*p >> 4], hex[*p & 15]);
	}
}
