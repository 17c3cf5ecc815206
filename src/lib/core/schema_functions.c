/*
 * schema_functions.c - the SQL functions the schema's audit triggers call:
 * atrack_author(), the handle's author, and atrack_json_object(), the row
 * images of the audit log. Registered on every connection the library
 * opens; nothing else in the library calls them.
 */
#include "atrack_int.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* The SQL function atrack_author() that the audit triggers call. */
static void sql_author_function(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	atrack_db *db = sqlite3_user_data(ctx);
	sqlite3_result_text(ctx, db->author, -1, SQLITE_TRANSIENT);
}

/* A JSON string as jansson's compact dump writes it: UTF-8 kept, '"' and
 * '\\' escaped, control characters as \b \f \n \r \t or \u00XX. */
static void json_put_string(atr_buf *b, const char *s, size_t len)
{
	atr_buf_putc(b, '"');
	size_t run = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		atr_buf_append(b, s + run, i - run);
		run = i + 1;
		switch (c) {
		case '"': atr_buf_puts(b, "\\\""); break;
		case '\\': atr_buf_puts(b, "\\\\"); break;
		case '\b': atr_buf_puts(b, "\\b"); break;
		case '\f': atr_buf_puts(b, "\\f"); break;
		case '\n': atr_buf_puts(b, "\\n"); break;
		case '\r': atr_buf_puts(b, "\\r"); break;
		case '\t': atr_buf_puts(b, "\\t"); break;
		default: atr_buf_printf(b, "\\u%04X", c); break;
		}
	}
	atr_buf_append(b, s + run, len - run);
	atr_buf_putc(b, '"');
}

/* An integer in decimal, as printf's %lld writes it, without the cost of
 * a format string on a path every audited write takes. */
static void json_put_int(atr_buf *b, sqlite3_int64 value)
{
	char digits[24];
	size_t at = sizeof digits;
	/* Negated as unsigned: the most negative value has no positive twin. */
	sqlite3_uint64 magnitude = value < 0 ? 0 - (sqlite3_uint64)value : (sqlite3_uint64)value;
	do {
		digits[--at] = (char)('0' + magnitude % 10);
		magnitude /= 10;
	} while (magnitude);
	if (value < 0)
		digits[--at] = '-';
	atr_buf_append(b, digits + at, sizeof digits - at);
}

/* atrack_json_object(key, value, ...): the row images of the audit log
 * (SQLite's own JSON functions may not run in triggers once trusted_schema
 * is off). Keys keep their order. Every audited write calls it, so it
 * writes the text directly, byte for byte as jansson's compact dump does
 * (jansson only formats the rare REAL); text that is not UTF-8 is refused,
 * as jansson refuses it. */
static void sql_json_object_function(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	if (argc % 2 != 0) {
		sqlite3_result_error(ctx, "atrack_json_object: needs key/value pairs", -1);
		return;
	}
	atr_buf b = ATR_BUF_INIT;
	/* Room for the usual object in one allocation: every byte of the
	 * keys and texts plus quotes and separators, and a number's digits.
	 * (Asking a number for its bytes would format it as text.) */
	size_t room = 2;
	for (int i = 0; i < argc; i++)
		room += sqlite3_value_type(argv[i]) == SQLITE_TEXT
			? (size_t)sqlite3_value_bytes(argv[i]) + 4 : 24;
	atr_buf_reserve(&b, room);
	bool valid = true, nomem = false;
	atr_buf_putc(&b, '{');
	for (int i = 0; valid && i + 1 < argc; i += 2) {
		const char *key = (const char *)sqlite3_value_text(argv[i]);
		sqlite3_value *v = argv[i + 1];
		if (!key) {
			valid = false;
			break;
		}
		if (i > 0)
			atr_buf_putc(&b, ',');
		json_put_string(&b, key, strlen(key));
		atr_buf_putc(&b, ':');
		switch (sqlite3_value_type(v)) {
		case SQLITE_INTEGER:
			json_put_int(&b, sqlite3_value_int64(v));
			break;
		case SQLITE_FLOAT: {
			json_t *real = json_real(sqlite3_value_double(v));
			char *text = real ? json_dumps(real, JSON_ENCODE_ANY | JSON_COMPACT) : NULL;
			/* json_real refuses NaN and infinities: bad input; a dump
			 * that fails is memory. */
			nomem = real && !text;
			json_decref(real);
			valid = text != NULL;
			if (text)
				atr_buf_puts(&b, text);
			free(text);
			break;
		}
		case SQLITE_TEXT: {
			const char *text = (const char *)sqlite3_value_text(v);
			size_t len = (size_t)sqlite3_value_bytes(v), bad;
			valid = text != NULL;
			/* NUL is allowed inside (as \\u0000), as jansson allows it. */
			for (const char *rest = text; valid && !atr_utf8_valid(rest, len, &bad); ) {
				valid = rest[bad] == '\0';
				rest += bad + 1;
				len -= bad + 1;
			}
			len = (size_t)sqlite3_value_bytes(v);
			if (valid)
				json_put_string(&b, text, len);
			break;
		}
		default:
			atr_buf_puts(&b, "null");
			break;
		}
	}
	atr_buf_putc(&b, '}');
	char *text = atr_buf_detach(&b);
	if (text && !valid && !nomem) {
		/* Bad input, not a lack of memory: the write is refused as such
		 * (SQLITE_MISMATCH becomes ATRACK_INVALID). */
		atr_free(text);
		sqlite3_result_error(ctx, "atrack_json_object: a value is not valid UTF-8", -1);
		sqlite3_result_error_code(ctx, SQLITE_MISMATCH);
		return;
	}
	if (!text || !valid) {
		atr_free(text);
		sqlite3_result_error_nomem(ctx);
		return;
	}
	sqlite3_result_text(ctx, text, -1, atr_free);
}

int atr_register_schema_functions(atrack_db *db)
{
	int src = sqlite3_create_function_v2(db->sql, "atrack_author", 0,
	                                     SQLITE_UTF8 | SQLITE_INNOCUOUS, db,
	                                     sql_author_function, NULL, NULL, NULL);
	if (src == SQLITE_OK)
		src = sqlite3_create_function_v2(db->sql, "atrack_json_object", -1,
		                                 SQLITE_UTF8 | SQLITE_INNOCUOUS | SQLITE_DETERMINISTIC,
		                                 NULL, sql_json_object_function, NULL, NULL, NULL);
	if (src != SQLITE_OK)
		return atr_sql_error(db, src, "cannot register functions");
	return ATRACK_OK;
}
