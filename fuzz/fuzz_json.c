/*
 * fuzz_json.c - fuzz target for the JSON import: any bytes are offered to
 * atrack_import_json_buffer as a dry run against a database holding the
 * bundled fact sheet, so every input is parsed, validated and matched
 * against real rows, and the database never changes between runs.
 */
#include "atrack_int.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static atrack_db *shared_db(void)
{
	static atrack_db *db;
	if (db)
		return db;
	size_t len;
	const char *text = atrack_bundled_factsheet(&len, NULL);
	if (atrack_open(NULL, ATRACK_OPEN_MEMORY, &db) != ATRACK_OK ||
	    atrack_import_factsheet(db, text, len, NULL, NULL) != ATRACK_OK)
		abort();
	return db;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	atrack_db *db = shared_db();
	atrack_exchange_opts opts = ATRACK_EXCHANGE_OPTS_INIT;
	opts.flags = ATRACK_EXCHANGE_DRY_RUN;
	atrack_exchange_result result;
	atrack_import_json_buffer(db, (const char *)data, size, &opts, &result);
	/* A dry run, successful or not, leaves no transaction behind. */
	if (!sqlite3_get_autocommit(db->sql))
		abort();
	return 0;
}
