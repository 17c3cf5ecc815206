/*
 * fuzz_serve_form.c - fuzz target for the request text `atrack serve`
 * parses itself: any bytes as a form body (application/x-www-form-
 * urlencoded) and as a %-escaped value. What parses must be NUL-free
 * UTF-8 with at most SERVE_FIELDS_MAX fields, and every name and value
 * must come back unchanged from serve_url_encode then serve_url_decode.
 */
#include "serve.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* encode(s) decoded again is s. */
static void round_trip(const char *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		abort();
	serve_url_encode(f, s);
	if (fclose(f) != 0)
		abort();
	for (size_t i = 0; i < len; i++)
		if (strchr("&=+ \"<>", buf[i]))
			abort(); /* nothing that splits a form or leaves an attribute */
	char *back = serve_url_decode(buf, len, true);
	if (!back || strcmp(back, s) != 0)
		abort();
	free(back);
	free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	serve_form form;
	if (serve_form_parse(&form, (const char *)data, size) == 0) {
		if (form.n > SERVE_FIELDS_MAX)
			abort();
		for (int i = 0; i < form.n; i++) {
			round_trip(form.name[i]);
			round_trip(form.value[i]);
		}
		if (form.n > 0 && serve_form_get(&form, form.name[0]) != form.value[0])
			abort();
		serve_form_free(&form);
	} else if (form.n != 0) {
		abort(); /* a refused body holds nothing */
	}
	char *value = serve_url_decode((const char *)data, size, false);
	if (value) {
		if (strlen(value) > size)
			abort();
		round_trip(value);
		free(value);
	}
	return 0;
}
