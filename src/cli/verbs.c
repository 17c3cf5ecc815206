/*
 * verbs.c - the second word of a noun command (`atrack update add`): find
 * the verb in the noun's table and run it, or list the verbs when none (or
 * an unknown one) is given, so every noun answers the same way.
 */
#include "cli.h"

#include <string.h>

static void print_verbs(FILE *out, const char *noun, const cli_verb *verbs, size_t count)
{
	fprintf(out, "usage: atrack %s VERB [ARGS]\n\nverbs:\n", noun);
	for (size_t i = 0; i < count; i++)
		fprintf(out, "  %-8s %s\n", verbs[i].name, verbs[i].summary);
	fprintf(out, "\n'atrack %s VERB --help' for one verb\n", noun);
}

int cli_dispatch_verbs(cli_ctx *ctx, int argc, char **argv,
                       const cli_verb *verbs, size_t count)
{
	const char *noun = argv[0];
	if (argc >= 2 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
		print_verbs(stdout, noun, verbs, count);
		return CLI_EXIT_OK;
	}
	if (argc < 2 || argv[1][0] == '-') {
		print_verbs(stderr, noun, verbs, count);
		return CLI_EXIT_USAGE;
	}
	for (size_t i = 0; i < count; i++)
		if (strcmp(verbs[i].name, argv[1]) == 0)
			return verbs[i].run(ctx, argc - 1, argv + 1);
	return cli_fail(ctx, CLI_EXIT_USAGE, "%s: '%s' is not a verb of %s (see 'atrack %s --help')",
	                noun, argv[1], noun, noun);
}
