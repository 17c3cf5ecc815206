/*
 * fuzz_factsheet.c - fuzz target for the fact sheet parser: any bytes in,
 * a model or a parse error out, and the model always serialisable to JSON.
 * Built with libFuzzer under clang, or with standalone_driver.c to replay
 * the corpus as a regression test under any compiler.
 */
#include "atrack_int.h"
#include "factsheet/factsheet.h"

#include <jansson.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fs_model *model = NULL;
	fs_error err;
	int rc = fs_parse((const char *)data, size, &model, &err);
	if (rc == ATRACK_OK) {
		json_t *json = NULL;
		if (fs_model_to_json(model, &json) == ATRACK_OK) {
			char *text = json_dumps(json, JSON_COMPACT);
			free(text);
			json_decref(json);
		}
		fs_model_free(model);
	} else if (rc == ATRACK_PARSE && err.line < 0) {
		__builtin_trap(); /* a parse error always has a sane place */
	}
	return 0;
}
