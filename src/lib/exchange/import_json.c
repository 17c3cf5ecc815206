/*
 * import_json.c - reads a JSON export (export.c, format "atrack-export")
 * back into a database, empty or not, in one transaction: the reading of
 * the text, the envelope (format and versions), and the order of the
 * arrays; the rows of each array are import_rows.c's. Any failure leaves
 * the database as it was.
 */
#include "exchange_int.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

/* The envelope: format, versions, and that each array is an array. */
static int check_envelope(importer *I, json_t *doc)
{
	if (!json_is_object(doc))
		return xi_fail(I, ATRACK_INVALID, NULL, -1, NULL, "expected an object, got %s",
		               xi_json_type_name(doc));
	const char *name;
	json_t *value;
	json_object_foreach(doc, name, value) {
		bool scalar = strcmp(name, "format") == 0 || strcmp(name, "format_version") == 0 ||
		              strcmp(name, "atrack_version") == 0 || strcmp(name, "schema_version") == 0;
		bool array = false;
		for (size_t i = 0; i < XT_COUNT && !array; i++)
			array = strcmp(name, xt_tables[i].array) == 0;
		if (!scalar && !array)
			return xi_fail(I, ATRACK_INVALID, name, -1, NULL, "unknown field");
		if (array && !json_is_array(value))
			return xi_fail(I, ATRACK_INVALID, name, -1, NULL, "expected an array, got %s",
			               xi_json_type_name(value));
	}
	json_t *format = json_object_get(doc, "format");
	if (!format)
		return xi_fail(I, ATRACK_INVALID, "format", -1, NULL, "missing required field");
	if (!json_is_string(format) || strcmp(json_string_value(format), ATRACK_EXPORT_FORMAT) != 0)
		return xi_fail(I, ATRACK_INVALID, "format", -1, NULL, "not an atrack export (expected \"%s\")",
		                 ATRACK_EXPORT_FORMAT);
	json_t *version = json_object_get(doc, "format_version");
	if (!version)
		return xi_fail(I, ATRACK_INVALID, "format_version", -1, NULL, "missing required field");
	if (!json_is_integer(version))
		return xi_fail(I, ATRACK_INVALID, "format_version", -1, NULL, "expected an integer, got %s",
		                 xi_json_type_name(version));
	if (json_integer_value(version) != ATRACK_EXPORT_FORMAT_VERSION)
		return xi_fail(I, ATRACK_INVALID, "format_version", -1, NULL, "version %lld is not supported "
		                 "(this atrack reads version %d)",
		                 (long long)json_integer_value(version), ATRACK_EXPORT_FORMAT_VERSION);
	json_t *atrack_version = json_object_get(doc, "atrack_version");
	if (atrack_version && !json_is_string(atrack_version))
		return xi_fail(I, ATRACK_INVALID, "atrack_version", -1, NULL, "expected a string, got %s",
		                 xi_json_type_name(atrack_version));
	json_t *schema = json_object_get(doc, "schema_version");
	if (!schema)
		return xi_fail(I, ATRACK_INVALID, "schema_version", -1, NULL, "missing required field");
	if (!json_is_integer(schema))
		return xi_fail(I, ATRACK_INVALID, "schema_version", -1, NULL, "expected an integer, got %s",
		                 xi_json_type_name(schema));
	if (json_integer_value(schema) > atrack_schema_version())
		return xi_fail(I, ATRACK_INVALID, "schema_version", -1, NULL, "%lld is newer than this atrack's "
		                 "schema (%d); upgrade atrack", (long long)json_integer_value(schema),
		                 atrack_schema_version());
	return ATRACK_OK;
}

static int import_document(importer *I, json_t *doc)
{
	int rc = check_envelope(I, doc);
	if (rc != ATRACK_OK)
		return rc;
	for (size_t i = 0; i < XT_DATA_COUNT; i++)
		I->result->tables[i].count.in_document =
			(unsigned int)json_array_size(json_object_get(doc, xt_tables[i].array));
	I->result->audit_log_skipped =
		(unsigned int)json_array_size(json_object_get(doc, xt_tables[XT_AUDIT].array));

	if ((rc = atr_write_begin(I->db)) != ATRACK_OK)
		return rc;
	for (size_t i = 0; rc == ATRACK_OK && i < XT_DATA_COUNT; i++)
		rc = xi_import_table(I, (xt_index)i, json_object_get(doc, xt_tables[i].array));
	if (rc == ATRACK_OK && I->first_conflict && !(I->flags & ATRACK_EXCHANGE_KEEP_EXISTING))
		rc = atr_error(I->db, ATRACK_CONFLICT, "%u conflict%s with the database; the first: %s",
		               I->result->conflicts, I->result->conflicts == 1 ? "" : "s",
		               I->first_conflict);
	/* A dry run does all the work, so its counts are exact, then undoes it. */
	bool dry_run = I->flags & ATRACK_EXCHANGE_DRY_RUN;
	rc = atr_write_end(I->db, rc == ATRACK_OK && dry_run ? ATRACK_DONE : rc);
	return rc == ATRACK_DONE ? ATRACK_OK : rc;
}

int atrack_import_json_buffer(atrack_db *db, const char *text, size_t len,
                              const atrack_exchange_opts *opts, atrack_exchange_result *result)
{
	if (!atr_db_usable(db) || (!text && len > 0))
		return atr_misuse(db, "atrack_import_json_buffer");
	atr_clear_error(db);
	if (xt_check_opts(db, opts) != ATRACK_OK)
		return ATRACK_MISUSE;
	atrack_exchange_result scratch;
	if (!result)
		result = &scratch;
	memset(result, 0, sizeof *result);
	result->table_count = XT_DATA_COUNT;
	for (size_t i = 0; i < XT_DATA_COUNT; i++)
		result->tables[i].name = xt_tables[i].array;
	const char *source = opts && opts->source_name ? opts->source_name : "-";
	if (len > ATRACK_IMPORT_JSON_MAX_BYTES)
		return atr_error_at(db, ATRACK_PARSE, 1, 1, "%s:1:1: document is larger than the "
		                    "limit of %u bytes", source, ATRACK_IMPORT_JSON_MAX_BYTES);

	/* A byte order mark is how some editors on some systems start every
	 * UTF-8 file; it says nothing, so it is skipped, and positions count
	 * from the text after it, as an editor shows it. */
	if (!text)
		text = "";
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		len -= 3;
	}
	json_error_t error;
	json_t *doc = json_loadb(text, len, JSON_REJECT_DUPLICATES, &error);
	if (!doc) {
		if (json_error_code(&error) == json_error_out_of_memory)
			return atr_error(db, ATRACK_NOMEM, "out of memory");
		/* jansson counts a line's characters from 0 before the first and
		 * reports an end of input right after a newline there; columns
		 * here are 1-based, so that place is column 1. */
		int line = error.line < 1 ? 1 : error.line;
		int column = error.column < 1 ? 1 : error.column;
		return atr_error_at(db, ATRACK_PARSE, line, column, "%s:%d:%d: %s", source, line,
		                    column, error.text);
	}
	importer I;
	memset(&I, 0, sizeof I);
	I.db = db;
	I.text = text;
	I.len = len;
	I.source = source;
	I.result = result;
	I.flags = opts ? opts->flags : 0;
	I.conflict_cb = opts ? opts->conflict_cb : NULL;
	I.payload = opts ? opts->payload : NULL;
	int rc = import_document(&I, doc);
	for (size_t i = 0; i < XT_COUNT; i++)
		sqlite3_finalize(I.resolve[i]);
	atr_free(I.first_conflict);
	json_decref(doc);
	return rc;
}

/* Read all of `in`, refusing more than the limit before reading further. */
static int read_stream(atrack_db *db, FILE *in, const char *source, atr_buf *b)
{
	char chunk[64 * 1024];
	size_t got;
	while ((got = fread(chunk, 1, sizeof chunk, in)) > 0) {
		if (b->len + got > ATRACK_IMPORT_JSON_MAX_BYTES)
			return atr_error_at(db, ATRACK_PARSE, 1, 1, "%s:1:1: document is larger than "
			                    "the limit of %u bytes", source, ATRACK_IMPORT_JSON_MAX_BYTES);
		atr_buf_append(b, chunk, got);
		if (atr_buf_failed(b))
			return atr_error(db, ATRACK_NOMEM, "out of memory");
	}
	if (ferror(in))
		return atr_error(db, ATRACK_IO, "cannot read '%s': %s", source, strerror(errno));
	return ATRACK_OK;
}

int atrack_import_json_file(atrack_db *db, FILE *in, const atrack_exchange_opts *opts,
                            atrack_exchange_result *result)
{
	if (!atr_db_usable(db) || !in)
		return atr_misuse(db, "atrack_import_json_file");
	atr_clear_error(db);
	if (xt_check_opts(db, opts) != ATRACK_OK)
		return ATRACK_MISUSE;
	if (result)
		memset(result, 0, sizeof *result);
	atr_buf b = ATR_BUF_INIT;
	int rc = read_stream(db, in, opts && opts->source_name ? opts->source_name : "-", &b);
	if (rc == ATRACK_OK)
		rc = atrack_import_json_buffer(db, b.data, b.len, opts, result);
	atr_buf_clear(&b);
	return rc;
}

int atrack_import_json_path(atrack_db *db, const char *path, const atrack_exchange_opts *opts,
                            atrack_exchange_result *result)
{
	if (!atr_db_usable(db) || !path)
		return atr_misuse(db, "atrack_import_json_path");
	atr_clear_error(db);
	if (xt_check_opts(db, opts) != ATRACK_OK)
		return ATRACK_MISUSE;
	if (result)
		memset(result, 0, sizeof *result);
	FILE *in = fopen(path, "rb");
	if (!in)
		return atr_error(db, errno == ENOENT ? ATRACK_NOTFOUND : ATRACK_IO,
		                 "cannot open '%s': %s", path, strerror(errno));
	atrack_exchange_opts named = ATRACK_EXCHANGE_OPTS_INIT;
	if (opts)
		named = *opts;
	if (!named.source_name)
		named.source_name = path;
	int rc = atrack_import_json_file(db, in, &named, result);
	fclose(in);
	return rc;
}
