/*
 * main.c - the atrack program: the command table, the global options, and
 * the exit path (stdout flushed and checked, the database closed).
 */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct cli_command {
	const char *name;
	int (*run)(cli_ctx *ctx, int argc, char **argv);
	const char *summary;
} cli_command;

static const cli_command commands[] = {
	{ "backup", cmd_backup, "copy the database while it is in use (online, consistent)" },
	{ "check", cmd_check, "check that the database is sound; exit 1 when it is not" },
	{ "document", cmd_document, "list, show, add, edit or remove documents" },
	{ "exercise", cmd_exercise, "list, show, add, edit or remove exercises" },
	{ "export", cmd_export, "write the whole database as one JSON document" },
	{ "focus-area", cmd_focus_area, "list, show, add, edit or remove focus areas" },
	{ "framework", cmd_framework, "list, show, add, edit or remove frameworks and bodies" },
	{ "import", cmd_import, "import a fact sheet (the bundled one by default)" },
	{ "init", cmd_init, "create the database or bring its schema up to date" },
	{ "initiative", cmd_initiative, "list, show, add, edit or remove initiatives" },
	{ "link", cmd_link, "link two things: atrack link KIND REF KIND REF" },
	{ "log", cmd_log, "show the audit log: who changed what, when" },
	{ "meeting", cmd_meeting, "list, show, add, edit or remove meetings" },
	{ "participant", cmd_participant, "a person's role at a meeting: list, show, add, edit, rm" },
	{ "party", cmd_party, "list, show, add, edit or remove parties" },
	{ "person", cmd_person, "list, show, add, edit or remove people" },
	{ "report", cmd_report, "status report: text, md, html, csv or json" },
	{ "search", cmd_search, "find anything by its words; --rebuild the index" },
	{ "section", cmd_section, "list, show, add, edit or remove sections (lines of effort)" },
	{ "serve", cmd_serve, "the tracker in a web browser: board, pages, report, forms, JSON" },
	{ "status", cmd_status, "the board: every initiative, its status, health and last update" },
	{ "status-code", cmd_status_code, "list or add the status codes of progress updates" },
	{ "unlink", cmd_unlink, "remove a link: atrack unlink KIND REF KIND REF" },
	{ "update", cmd_update, "add, list, show, edit or remove progress updates" },
	{ "note", cmd_note, "add a note to an initiative, keeping its status" },
};

static void print_main_help(FILE *out)
{
	fprintf(out,
		"usage: atrack [--db PATH] [--json] [--author NAME] COMMAND [ARGS]\n"
		"\n"
		"Track the initiatives allies announce at their meetings.\n"
		"\n"
		"commands:\n");
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(out, "  %-14s %s\n", commands[i].name, commands[i].summary);
	fprintf(out,
		"\n"
		"global options (also accepted after the command):\n"
		"  --db PATH      database file; else $ATRACK_DB, else\n"
		"                 $XDG_DATA_HOME/atrack/atrack.db (~/.local/share/atrack/atrack.db)\n"
		"  --json         print JSON instead of text\n"
		"  --author NAME  author recorded in the audit log; else $ATRACK_AUTHOR, else login\n"
		"  -h, --help     show help; 'atrack COMMAND --help' for one command\n"
		"  --version      show the version\n"
		"\n"
		"exit status:\n"
		"  0  success\n"
		"  1  runtime failure (input/output, out of memory)\n"
		"  2  usage error (unknown command or option, missing argument)\n"
		"  3  not found (no such id, slug or file)\n"
		"  4  invalid input (bad field value, date, status, transition; parse error)\n"
		"  5  conflict (already exists, or still referred to)\n"
		"  6  database busy (locked by others past the timeout)\n"
		"  7  database refused (not an atrack database, newer version, read-only, corrupt)\n");
}

static const cli_command *find_command(const char *name)
{
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

/* Global options before the command word. Returns the command word's
 * index, or -1 when the program is done (help, version, an error) with its
 * exit status in *exit_code. */
static int parse_globals(cli_ctx *ctx, int argc, char **argv, int *exit_code)
{
	int i = 1;
	for (; i < argc; i++) {
		const char *arg = argv[i];
		if (strcmp(arg, "--json") == 0) {
			ctx->json = true;
		} else if (strcmp(arg, "--db") == 0 || strcmp(arg, "--author") == 0) {
			if (i + 1 >= argc) {
				*exit_code = cli_fail(ctx, CLI_EXIT_USAGE, "%s needs a value", arg);
				return -1;
			}
			if (arg[2] == 'd') {
				ctx->db_path = argv[++i];
				ctx->db_path_given = true;
			} else {
				ctx->author = argv[++i];
			}
		} else if (strncmp(arg, "--db=", 5) == 0) {
			ctx->db_path = arg + 5;
			ctx->db_path_given = true;
		} else if (strncmp(arg, "--author=", 9) == 0) {
			ctx->author = arg + 9;
		} else if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
			print_main_help(stdout);
			*exit_code = CLI_EXIT_OK;
			return -1;
		} else if (strcmp(arg, "--version") == 0) {
			if (ctx->json)
				*exit_code = cli_print_json(ctx, json_pack("{s:i, s:s, s:i}",
				                            "format_version", 1, "version", atrack_libversion(),
				                            "schema_version", atrack_schema_version()));
			else {
				printf("atrack %s (schema version %d)\n", atrack_libversion(),
				       atrack_schema_version());
				*exit_code = CLI_EXIT_OK;
			}
			return -1;
		} else if (arg[0] == '-') {
			*exit_code = cli_fail(ctx, CLI_EXIT_USAGE, "unknown option '%s' (see 'atrack --help')", arg);
			return -1;
		} else {
			break;
		}
	}
	if (i >= argc) {
		print_main_help(stderr);
		*exit_code = CLI_EXIT_USAGE;
		return -1;
	}
	return i;
}

/* Flush stdout and report a failed write (a full disk, a closed pipe), so
 * that a truncated report never exits 0. */
static int finish_output(int exit_code)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "atrack: cannot write output: %s\n", strerror(errno));
		return exit_code ? exit_code : CLI_EXIT_FAILURE;
	}
	return exit_code;
}

int main(int argc, char **argv)
{
	cli_ctx ctx = { 0 };
	int exit_code = CLI_EXIT_OK;
	int first = parse_globals(&ctx, argc, argv, &exit_code);
	if (first < 0)
		return finish_output(exit_code);

	const cli_command *command = find_command(argv[first]);
	if (!command)
		return finish_output(cli_fail(&ctx, CLI_EXIT_USAGE,
		                              "'%s' is not an atrack command (see 'atrack --help')",
		                              argv[first]));
	ctx.command = command->name;
	exit_code = command->run(&ctx, argc - first, argv + first);
	atrack_close(ctx.db);
	return finish_output(exit_code);
}
