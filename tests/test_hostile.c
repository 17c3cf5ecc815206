/*
 * test_hostile.c - the catalogue of hostile inputs, each run through the
 * atrack program with the exact message and exit status expected, and the
 * database checked to be exactly as it was: empty, huge and binary files,
 * NUL bytes, bad UTF-8, SQL in text fields, awkward path names, read-only
 * files and directories, damaged and newer databases, and a full disk.
 */
#include "testutil.h"

#include "atrack_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *dir;
static char *db_path;

static void setup(void)
{
	dir = tu_tmpdir();
	/* Readable by the unprivileged user some cases run as. */
	chmod(dir, 0755);
	db_path = tu_path(dir, "hostile.db");
	const char *argv[] = { "--db", db_path, "import", NULL };
	tu_run run = tu_atrack(NULL, argv);
	ck_assert_msg(run.status == 0, "setup import failed: %s", run.err);
	tu_run_free(&run);
}

static void teardown(void)
{
	tu_rmrf(dir);
	free(db_path);
	free(dir);
}

/* Every row of the database as text, read without changing it. */
static char *dump(const char *path)
{
	atrack_db *db = NULL;
	ck_assert_int_eq(atrack_open(path, ATRACK_OPEN_READONLY, &db), ATRACK_OK);
	char *text = tu_db_dump(db);
	atrack_close(db);
	return text;
}

static char *write_input(const char *name, const char *data, size_t len)
{
	char *path = tu_path(dir, name);
	tu_write_file(path, data, len);
	chmod(path, 0644);
	return path;
}

/* Import `data` as a file; expect `status`, stderr `expected_err` (with
 * %s for the file's path), and the database unchanged. */
static void expect_import_refused(const char *data, size_t len, int status, const char *expected_err)
{
	char *before = dump(db_path);
	char *input = write_input("input.txt", data, len);
	const char *argv[] = { "--db", db_path, "import", input, NULL };
	tu_run run = tu_atrack(NULL, argv);
	char expected[1024];
	snprintf(expected, sizeof expected, expected_err, input);
	ck_assert_int_eq(run.status, status);
	ck_assert_str_eq(run.err, expected);
	ck_assert_str_eq(run.out, "");
	char *after = dump(db_path);
	ck_assert_str_eq(before, after);
	tu_run_free(&run);
	free(before);
	free(after);
	free(input);
}

START_TEST(test_empty_file)
{
	expect_import_refused("", 0, 4, "atrack: import: %s:1:1: empty input\n");
	expect_import_refused(" \n\t\r\n", 5, 4, "atrack: import: %s:1:1: empty input\n");
}
END_TEST

START_TEST(test_huge_single_line)
{
	size_t len = 10u * 1024 * 1024;
	char *data = malloc(len);
	memset(data, 'x', len);
	expect_import_refused(data, len, 4,
	                      "atrack: import: %s:1:1: file is larger than the limit of 4194304 bytes\n");
	/* Under the limit, one long line is read and found to hold no list. */
	memset(data, 'y', 3u * 1024 * 1024);
	expect_import_refused(data, 3u * 1024 * 1024, 4,
	                      "atrack: import: %s:1:1: no section or list item found\n");
	free(data);
}
END_TEST

START_TEST(test_nul_bytes)
{
	static const char text[] = "TITLE\n\nSECTION ONE\n- an item \0 with a NUL\n";
	expect_import_refused(text, sizeof text - 1, 4, "atrack: import: %s:4:11: NUL byte\n");
}
END_TEST

START_TEST(test_bad_utf8)
{
	static const char invalid[] = "TITLE\nSECTION\n- caf\xE9 au lait\n";
	expect_import_refused(invalid, sizeof invalid - 1, 4, "atrack: import: %s:3:6: invalid UTF-8\n");
	static const char overlong[] = "TITLE\nSECTION\n- a \xC0\xAF slash\n";
	expect_import_refused(overlong, sizeof overlong - 1, 4, "atrack: import: %s:3:5: invalid UTF-8\n");
	static const char surrogate[] = "TITLE\nSECTION\n- \xED\xA0\x80 half\n";
	expect_import_refused(surrogate, sizeof surrogate - 1, 4, "atrack: import: %s:3:3: invalid UTF-8\n");
}
END_TEST

START_TEST(test_sql_in_text_is_stored_literally)
{
	static const char text[] =
		"Fact Sheet\n"
		"ROBERT'); DROP TABLE initiative; --\n"
		"The allies agreed on:\n"
		"- Reviewing the x' OR '1'='1 clause; DELETE FROM progress_update; -- of the plan.\n";
	char *input = write_input("sql.txt", text, sizeof text - 1);
	/* (The text gives no date: the meeting's is supplied.) */
	const char *argv[] = { "--db", db_path, "import", "--date", "2025-01-15", input, NULL };
	tu_run run = tu_atrack(NULL, argv);
	ck_assert_msg(run.status == 0, "%s", run.err);
	tu_run_free(&run);
	atrack_db *db = NULL;
	ck_assert_int_eq(atrack_open(db_path, ATRACK_OPEN_READONLY, &db), ATRACK_OK);
	ck_assert_int_eq(tu_query_int(db, "SELECT count(*) FROM initiative"), 8);
	ck_assert_int_eq(tu_query_int(db, "SELECT count(*) FROM initiative WHERE body = "
	                              "'Reviewing the x'' OR ''1''=''1 clause; DELETE FROM progress_update; -- of the plan.'"), 1);
	ck_assert_int_eq(tu_query_int(db, "SELECT count(*) FROM progress_update"), 8);
	atrack_close(db);
	free(input);
}
END_TEST

START_TEST(test_awkward_path_names)
{
	char *odd_dir = tu_path(dir, "a dir with spaces\nand a newline");
	ck_assert_int_eq(mkdir(odd_dir, 0755), 0);
	char *odd_db = tu_path(odd_dir, "my db; rm -rf x.db");
	const char *argv[] = { "--db", odd_db, "import", NULL };
	tu_run run = tu_atrack(NULL, argv);
	ck_assert_msg(run.status == 0, "%s", run.err);
	tu_run_free(&run);
	struct stat st;
	ck_assert_int_eq(stat(odd_db, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	free(odd_db);
	free(odd_dir);
}
END_TEST

START_TEST(test_read_only_database_file)
{
	char *before = dump(db_path);
	chmod(db_path, 0444);
	char *wal = tu_path(dir, "hostile.db-wal");
	char *shm = tu_path(dir, "hostile.db-shm");
	unlink(wal);
	unlink(shm);
	/* As an ordinary user a read-only file cannot be written; root could. */
	if (!tu_unprivileged_reaches(db_path)) {
		printf("skipped: the unprivileged user cannot reach %s\n", db_path);
		chmod(db_path, 0600);
		free(before);
		free(wal);
		free(shm);
		return;
	}
	tu_run_opts opts = { .unprivileged = true };
	const char *argv[] = { "--db", db_path, "import", "-", NULL };
	tu_run run = tu_atrack_ex("TITLE\nSECTION\n- A new item to add.\n", argv, &opts);
	/* One message, whether the mode or the owner makes it read-only. */
	char expected[1024];
	snprintf(expected, sizeof expected, "atrack: cannot open database: '%s' is read-only: "
	         "it cannot be written by this user\n", db_path);
	ck_assert_int_eq(run.status, 7);
	ck_assert_str_eq(run.err, expected);
	tu_run_free(&run);
	chmod(db_path, 0600);
	char *after = dump(db_path);
	ck_assert_str_eq(before, after);
	free(before);
	free(after);
	free(wal);
	free(shm);
}
END_TEST

/* A FIFO (as /dev/null, which a test must not touch) as the database:
 * refused before SQLite can make "PATH-journal" beside it. */
START_TEST(test_database_not_a_regular_file)
{
	char *fifo = tu_path(dir, "pipe");
	char *journal = tu_path(dir, "pipe-journal");
	ck_assert_int_eq(mkfifo(fifo, 0600), 0);
	const char *argv[] = { "--db", fifo, "status", NULL };
	tu_run run = tu_atrack(NULL, argv);
	char expected[1024];
	snprintf(expected, sizeof expected, "atrack: cannot open database: '%s' is not a regular "
	         "file, so it cannot be a database\n", fifo);
	ck_assert_int_eq(run.status, 4);
	ck_assert_str_eq(run.err, expected);
	tu_run_free(&run);
	struct stat st;
	ck_assert_int_ne(lstat(journal, &st), 0);
	ck_assert_int_eq(lstat(fifo, &st), 0);
	ck_assert(S_ISFIFO(st.st_mode));
	free(fifo);
	free(journal);
}
END_TEST

START_TEST(test_directory_without_write_permission)
{
	char *locked = tu_path(dir, "locked");
	ck_assert_int_eq(mkdir(locked, 0555), 0);
	char *new_db = tu_path(locked, "new.db");
	if (!tu_unprivileged_reaches(locked)) {
		printf("skipped: the unprivileged user cannot reach %s\n", locked);
		free(new_db);
		free(locked);
		return;
	}
	tu_run_opts opts = { .unprivileged = true };
	const char *argv[] = { "--db", new_db, "init", NULL };
	tu_run run = tu_atrack_ex(NULL, argv, &opts);
	char expected[1024];
	snprintf(expected, sizeof expected,
	         "atrack: cannot open database: cannot create '%s': Permission denied\n", new_db);
	ck_assert_int_eq(run.status, 1);
	ck_assert_str_eq(run.err, expected);
	tu_run_free(&run);
	struct stat st;
	ck_assert_int_ne(stat(new_db, &st), 0);
	free(new_db);
	free(locked);
}
END_TEST

START_TEST(test_truncated_database)
{
	size_t len;
	char *bytes = tu_read_file(db_path, &len);
	char *truncated = write_input("truncated.db", bytes, 5000);
	free(bytes);
	const char *argv[] = { "--db", truncated, "init", NULL };
	tu_run run = tu_atrack(NULL, argv);
	ck_assert_int_eq(run.status, 7);
	ck_assert_str_eq(run.err, "atrack: cannot open database: cannot read database header: "
	                 "database disk image is malformed\n");
	tu_run_free(&run);
	size_t after_len;
	char *after = tu_read_file(truncated, &after_len);
	ck_assert_uint_eq(after_len, 5000);
	free(after);
	free(truncated);
}
END_TEST

START_TEST(test_newer_database)
{
	atrack_db *db = NULL;
	ck_assert_int_eq(atrack_open(db_path, 0, &db), ATRACK_OK);
	ck_assert_int_eq(sqlite3_exec(db->sql, "PRAGMA user_version = 999", NULL, NULL, NULL), SQLITE_OK);
	atrack_close(db);
	const char *argv[] = { "--db", db_path, "import", NULL };
	tu_run run = tu_atrack(NULL, argv);
	char expected[1024];
	snprintf(expected, sizeof expected, "atrack: cannot open database: '%s' has schema version 999, "
	         "newer than the %d this atrack %s knows; upgrade atrack\n", db_path,
	         atrack_schema_version(), atrack_libversion());
	ck_assert_int_eq(run.status, 7);
	ck_assert_str_eq(run.err, expected);
	tu_run_free(&run);
}
END_TEST

START_TEST(test_full_disk)
{
	/* A second, larger document cannot fit under a file size limit just
	 * above the current size: the import fails whole. */
	char *before = dump(db_path);
	struct stat st;
	ck_assert_int_eq(stat(db_path, &st), 0);
	atr_buf big = ATR_BUF_INIT;
	atr_buf_puts(&big, "Fact Sheet on Many Things\nLINES OF EFFORT\nThe allies agreed on:\n");
	for (int i = 0; i < 3000; i++)
		atr_buf_printf(&big, "- Expanding cooperation number %d across the whole of the region.\n", i);
	char *input = write_input("big.txt", big.data, big.len);
	atr_buf_clear(&big);
	tu_run_opts opts = { .file_size_limit = 256 * 1024 };
	const char *argv[] = { "--db", db_path, "import", "--date", "2025-01-15", input, NULL };
	tu_run run = tu_atrack_ex(NULL, argv, &opts);
	ck_assert_int_eq(run.status, 1);
	ck_assert_msg(strstr(run.err, "atrack: import: ") == run.err &&
	              strstr(run.err, "(File too large)\n") != NULL, "%s", run.err);
	tu_run_free(&run);
	char *after = dump(db_path);
	ck_assert_str_eq(before, after);
	free(before);
	free(after);
	free(input);
}
END_TEST

/* Every free-text field of every kind, set to SQL that would do harm if it
 * were ever spliced into a statement, reads back exactly as written. */
START_TEST(test_sql_injection_in_every_text_field)
{
	static const char *const injection = "x'); DROP TABLE initiative; -- \" OR 1=1; /*";
	static const atrack_kind kinds[] = {
		ATRACK_KIND_PARTY, ATRACK_KIND_PERSON, ATRACK_KIND_MEETING, ATRACK_KIND_DOCUMENT,
		ATRACK_KIND_SECTION, ATRACK_KIND_FRAMEWORK, ATRACK_KIND_FOCUS_AREA,
		ATRACK_KIND_EXERCISE, ATRACK_KIND_INITIATIVE,
	};
	atrack_db *db = tu_memory_db();
	int fields_tried = 0;
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
		size_t count;
		const atrack_field *fields = atrack_fields(kinds[k], &count);
		for (size_t f = 0; f < count; f++) {
			if (fields[f].type != ATRACK_FIELD_TEXT || (fields[f].flags & ATRACK_FIELD_READONLY) ||
			    strcmp(fields[f].name, "sha256") == 0) /* hex digits only, by the schema */
				continue;
			/* Required text fields get a plain value unless they are the
			 * one under test; the one under test gets the injection. */
			void *in = calloc(1, atrack_entity_size(kinds[k]));
			char plain[32];
			snprintf(plain, sizeof plain, "plain %zu %zu", k, f); /* names are unique */
			for (size_t g = 0; g < count; g++) {
				const char **slot = (const char **)((char *)in + fields[g].offset);
				if (g == f)
					*slot = injection;
				else if (fields[g].type == ATRACK_FIELD_TEXT && (fields[g].flags & ATRACK_FIELD_REQUIRED))
					*slot = plain;
			}
			int64_t id = 0;
			int rc = atrack_entity_add(db, kinds[k], in, &id);
			ck_assert_msg(rc == ATRACK_OK, "%s.%s: %s", atrack_kind_name(kinds[k]),
			              fields[f].name, atrack_errmsg(db));
			void *row = NULL;
			ck_assert_int_eq(atrack_entity_get(db, kinds[k], id, &row), ATRACK_OK);
			const char *stored = *(const char **)((char *)row + fields[f].offset);
			ck_assert_msg(stored && strcmp(stored, injection) == 0, "%s.%s came back as '%s'",
			              atrack_kind_name(kinds[k]), fields[f].name, stored ? stored : "(null)");
			atrack_entity_free(row);
			free(in);
			fields_tried++;
		}
	}
	/* And a progress update's note. */
	atrack_update_input update = ATRACK_UPDATE_INPUT_INIT;
	update.initiative_id = 1;
	update.status = "planned";
	update.note = injection;
	int64_t update_id;
	ck_assert_int_eq(atrack_update_add(db, &update, &update_id), ATRACK_OK);
	atrack_update *u = NULL;
	ck_assert_int_eq(atrack_update_get(db, update_id, &u), ATRACK_OK);
	ck_assert_str_eq(u->note, injection);
	atrack_update_free(u);
	ck_assert_int_ge(fields_tried, 15);
	ck_assert_int_eq(tu_query_int(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'initiative'"), 1);
	atrack_close(db);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("hostile");
	TCase *tc = tcase_create("hostile");
	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_empty_file);
	tcase_add_test(tc, test_huge_single_line);
	tcase_add_test(tc, test_nul_bytes);
	tcase_add_test(tc, test_bad_utf8);
	tcase_add_test(tc, test_sql_in_text_is_stored_literally);
	tcase_add_test(tc, test_awkward_path_names);
	tcase_add_test(tc, test_read_only_database_file);
	tcase_add_test(tc, test_directory_without_write_permission);
	tcase_add_test(tc, test_database_not_a_regular_file);
	tcase_add_test(tc, test_truncated_database);
	tcase_add_test(tc, test_newer_database);
	tcase_add_test(tc, test_full_disk);
	tcase_add_test(tc, test_sql_injection_in_every_text_field);
	suite_add_tcase(s, tc);
	return tu_run_suite(s);
}
