/*
 * board.c - a small program that links libatrack: it opens (creating) the
 * database named on the command line, imports the bundled fact sheet when
 * the database holds no initiative yet, logs a progress update on the first
 * initiative, and prints the board: each initiative's slug, status, health
 * and last update. Every failure is reported with atrack_errmsg and
 * everything is freed on every path.
 *
 * Build it against an installed libatrack with pkg-config:
 *     cc board.c $(pkg-config --cflags --libs atrack) -o board
 * or with CMake's find_package(atrack): see CMakeLists.txt here.
 */
#include <atrack.h>

#include <stdio.h>

/* Print "board: <what>: <the library's message>" and return 1. */
static int fail(atrack_db *db, const char *what)
{
	fprintf(stderr, "board: %s: %s\n", what, atrack_errmsg(db));
	return 1;
}

/* The id of the first initiative in board order: ATRACK_OK, ATRACK_DONE
 * when there is none, or an error code. */
static int first_initiative(atrack_db *db, int64_t *out_id)
{
	atrack_iter *it = NULL;
	int rc = atrack_initiative_list(db, NULL, &it);
	if (rc == ATRACK_OK)
		rc = atrack_iter_next(it);
	if (rc == ATRACK_OK)
		*out_id = atrack_iter_initiative(it)->id;
	atrack_iter_free(it);
	return rc;
}

/* Import the fact sheet compiled into the library. */
static int import_bundled(atrack_db *db)
{
	size_t len;
	const char *name;
	const char *text = atrack_bundled_factsheet(&len, &name);
	atrack_import_opts opts = ATRACK_IMPORT_OPTS_INIT;
	opts.source_name = name;
	return atrack_import_factsheet(db, text, len, &opts, NULL);
}

static int print_board(atrack_db *db)
{
	atrack_iter *it = NULL;
	if (atrack_initiative_list(db, NULL, &it) != ATRACK_OK)
		return fail(db, "cannot list initiatives");
	int rc;
	while ((rc = atrack_iter_next(it)) == ATRACK_OK) {
		const atrack_initiative *in = atrack_iter_initiative(it);
		printf("%-60s %-12s %-10s %s\n", in->slug,
		       in->status ? in->status : "-",
		       in->health ? in->health : "-",
		       in->last_update_date ? in->last_update_date : "-");
	}
	atrack_iter_free(it);
	return rc == ATRACK_DONE ? 0 : fail(db, "cannot read the board");
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: board DATABASE\n");
		return 2;
	}
	atrack_db *db = NULL;
	if (atrack_open(argv[1], ATRACK_OPEN_CREATE, &db) != ATRACK_OK) {
		int status = db ? fail(db, "cannot open the database")
		                : (fprintf(stderr, "board: out of memory\n"), 1);
		atrack_close(db);
		return status;
	}

	int64_t id = 0;
	int status = 0;
	int rc = first_initiative(db, &id);
	if (rc == ATRACK_DONE) {
		if (import_bundled(db) != ATRACK_OK)
			status = fail(db, "cannot import the bundled fact sheet");
		else
			rc = first_initiative(db, &id);
	}
	if (status == 0 && rc == ATRACK_DONE) {
		fprintf(stderr, "board: the database has no initiative\n");
		status = 1;
	} else if (status == 0 && rc != ATRACK_OK) {
		status = fail(db, "cannot list initiatives");
	}
	if (status == 0) {
		atrack_update_input update = ATRACK_UPDATE_INPUT_INIT;
		update.initiative_id = id;
		update.status = "in_progress";
		update.health = "on_track";
		update.note = "Logged by the libatrack example";
		if (atrack_update_add(db, &update, NULL) != ATRACK_OK)
			status = fail(db, "cannot log the update");
	}
	if (status == 0)
		status = print_board(db);
	atrack_close(db);
	return status;
}
