/*
 * standalone_driver.c - runs a fuzz target over files and directories of
 * inputs without libFuzzer, so that the targets build with gcc and their
 * corpora run as regression tests under ctest (and under the sanitizers).
 */
#define _XOPEN_SOURCE 700 /* nftw */
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int inputs_run;

static int run_file(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (type != FTW_F)
		return 0;
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "cannot open %s\n", path);
		return 1;
	}
	size_t cap = 4096, len = 0, got;
	uint8_t *data = malloc(cap);
	while (data && (got = fread(data + len, 1, cap - len, f)) > 0) {
		len += got;
		if (len == cap) {
			uint8_t *grown = realloc(data, cap * 2);
			if (!grown) {
				free(data);
				data = NULL;
				break;
			}
			data = grown;
			cap *= 2;
		}
	}
	fclose(f);
	if (!data) {
		fprintf(stderr, "out of memory reading %s\n", path);
		return 1;
	}
	LLVMFuzzerTestOneInput(data, len);
	free(data);
	inputs_run++;
	return 0;
}

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (nftw(argv[i], run_file, 16, FTW_PHYS) != 0)
			return 1;
	printf("%d inputs ran without a crash\n", inputs_run);
	return inputs_run > 0 ? 0 : 1;
}
