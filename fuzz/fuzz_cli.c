/*
 * fuzz_cli.c - fuzz target for the atrack program's argument and date
 * parsing: the input is an argument list (one argument per line) run
 * through the whole program against a scratch database, and each argument
 * is also checked as a date. Arguments naming files to write (a "/", --db,
 * -o, backup, export) are dropped so a run writes only its scratch
 * database.
 */
#include "atrack_int.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <stdbool.h>

int atrack_cli_main(int argc, char **argv);
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_ARGS 32

static char scratch[] = "/tmp/atrack-fuzz-cli-XXXXXX";
static char db_path[sizeof scratch + 16];

/* Leave nothing behind: the scratch database and its folder. */
static void remove_scratch(void)
{
	static const char *const suffixes[] = { "", "-wal", "-shm" };
	char path[sizeof db_path + 8];
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		snprintf(path, sizeof path, "%s%s", db_path, suffixes[i]);
		unlink(path);
	}
	rmdir(scratch);
}

/* libFuzzer calls this first; the replay driver does not, so the target
 * calls it too, and only the first call does anything. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static bool initialised;
	(void)argc;
	(void)argv;
	if (initialised)
		return 0;
	initialised = true;
	if (!mkdtemp(scratch))
		abort();
	snprintf(db_path, sizeof db_path, "%s/fuzz.db", scratch);
	atexit(remove_scratch);
	setenv("ATRACK_DB", db_path, 1);
	setenv("ATRACK_AUTHOR", "fuzzer", 1);
	unsetenv("COLUMNS");
	/* Commands that read stdin ("import -") must not wait for a terminal. */
	if (!freopen("/dev/null", "r", stdin) || !freopen("/dev/null", "w", stdout))
		abort();
	return 0;
}

/* Nothing that names a file to write: the database comes from
 * ATRACK_DB, and outputs (-o, backup, export) would land anywhere. */
static bool allowed(const char *arg)
{
	static const char *const refused[] = { "--db", "-o", "--output", "backup", "export" };
	if (strchr(arg, '/'))
		return false;
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++)
		if (strncmp(arg, refused[i], strlen(refused[i])) == 0)
			return false;
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	LLVMFuzzerInitialize(NULL, NULL);
	char *copy = malloc(size + 1);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';

	char *argv[MAX_ARGS + 2];
	int argc = 0;
	argv[argc++] = "atrack";
	for (char *line = copy, *next; line && argc < MAX_ARGS; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		(void)atr_date_valid(line);
		if (allowed(line))
			argv[argc++] = line;
	}
	argv[argc] = NULL;
	atrack_cli_main(argc, argv);
	fflush(stdout);
	free(copy);
	return 0;
}
