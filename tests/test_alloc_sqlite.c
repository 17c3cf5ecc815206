/*
 * test_alloc_sqlite.c - memory failures inside SQLite and jansson, not only
 * in the library's own allocator: SQLite's allocator is replaced (before
 * SQLite starts) by one that can fail a single chosen allocation, and
 * jansson's by the library's, whose test hook can do the same. Each run of
 * an import either fails with ATRACK_NOMEM and leaves the database exactly
 * as it was, or succeeds with the same rows as a run without failures and a
 * sound database. ATRACK_SQLITE_ALLOC_STRIDE=K tries every Kth allocation
 * (the valgrind stage makes it large; by default every 5th of SQLite's and
 * each of the library's is tried).
 */
#include "atrack_int.h"
#include "testutil.h"

#include <check.h>
#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static sqlite3_mem_methods sqlite_default;
static long sqlite_until_failure = -1; /* allocations left; -1 never fails */

static bool sqlite_allowed(void)
{
	if (sqlite_until_failure < 0)
		return true;
	if (sqlite_until_failure-- == 0) {
		sqlite_until_failure = -1; /* once only */
		return false;
	}
	return true;
}

static void *failing_malloc(int size)
{
	return sqlite_allowed() ? sqlite_default.xMalloc(size) : NULL;
}

static void *failing_realloc(void *ptr, int size)
{
	return sqlite_allowed() ? sqlite_default.xRealloc(ptr, size) : NULL;
}

static void *json_malloc(size_t size)
{
	return atr_malloc(size);
}

static void json_free(void *ptr)
{
	atr_free(ptr);
}

static const char SHEET_PATH[] = "tests/fixtures/patterns/people_countries.txt";

/* The rows an import leaves, less the times that differ from run to run. */
static char *import_rows(atrack_db *db)
{
	return tu_query_text(db,
	    "SELECT (SELECT count(*) FROM document) || ',' || (SELECT count(*) FROM initiative)"
	    " || ',' || (SELECT count(*) FROM person) || ',' || (SELECT count(*) FROM party)"
	    " || ',' || (SELECT count(*) FROM framework) || ',' || (SELECT count(*) FROM meeting)"
	    " || ',' || (SELECT group_concat(slug, ' ') FROM (SELECT slug FROM initiative ORDER BY slug))"
	    " || ',' || (SELECT group_concat(name, ' ') FROM (SELECT name FROM person ORDER BY name))");
}

static int count_problem(const atrack_problem *problem, void *payload)
{
	(void)problem;
	(*(int *)payload)++;
	return 0;
}

static void arm(int mode, long n)
{
	if (mode == 0)
		sqlite_until_failure = n;
	else
		atr_alloc_fail_once(n);
}

/* Whether the armed failure happened; disarms both. */
static bool disarm(int mode)
{
	bool fired = mode == 0 ? sqlite_until_failure < 0 : !atr_alloc_fail_pending();
	sqlite_until_failure = -1;
	atr_alloc_fail_after(-1);
	return fired;
}

/* mode 0: SQLite's allocations; mode 1: the library's and jansson's. */
static void fail_each_once(int mode)
{
	size_t len;
	char *text = tu_read_source(SHEET_PATH, &len);
	atrack_import_opts opts = ATRACK_IMPORT_OPTS_INIT;
	opts.source_name = "people_countries.txt";

	atrack_db *db = tu_memory_db();
	ck_assert_int_eq(atrack_import_factsheet(db, text, len, &opts, NULL), ATRACK_OK);
	char *want = import_rows(db);
	atrack_close(db);

	const char *stride_env = getenv("ATRACK_SQLITE_ALLOC_STRIDE");
	/* an import makes about 7,000 SQLite allocations and 150 of the
	 * library's: by default every 5th of SQLite's is tried, every one of
	 * the library's */
	long stride = stride_env ? atol(stride_env) : mode == 0 ? 5 : 1;
	if (stride < 1)
		stride = 1;
	long n, failed_runs = 0;
	for (n = 0;; n += stride) {
		db = tu_memory_db();
		char *before = tu_db_dump(db);
		arm(mode, n);
		int rc = atrack_import_factsheet(db, text, len, &opts, NULL);
		bool fired = disarm(mode);
		if (rc != ATRACK_OK) {
			ck_assert_msg(rc == ATRACK_NOMEM, "allocation %ld: %d (%s)", n, rc,
			              atrack_errmsg(db));
			char *after = tu_db_dump(db);
			ck_assert_msg(strcmp(before, after) == 0,
			              "allocation %ld failed and the database changed", n);
			free(after);
			failed_runs++;
		} else {
			char *got = import_rows(db);
			ck_assert_msg(strcmp(got, want) == 0, "allocation %ld failed, the import "
			              "succeeded with other rows: %s", n, got);
			free(got);
			int problems = 0;
			ck_assert_int_eq(atrack_check(db, count_problem, &problems), ATRACK_OK);
			ck_assert_int_eq(problems, 0);
		}
		free(before);
		atrack_close(db);
		if (!fired)
			break; /* the import needed fewer than n allocations */
	}
	if (getenv("ATRACK_ALLOC_VERBOSE"))
		fprintf(stderr, "mode %d: %ld allocations, %ld runs failed\n", mode, n, failed_runs);
	ck_assert_int_gt(n, 100);
	ck_assert_int_gt(failed_runs, 0);
	free(want);
	free(text);
}

START_TEST(test_sqlite_allocations_fail_once)
{
	fail_each_once(0);
}
END_TEST

START_TEST(test_library_and_jansson_allocations_fail_once)
{
	fail_each_once(1);
}
END_TEST

int main(void)
{
	/* before SQLite starts: afterwards its allocator cannot change */
	if (sqlite3_config(SQLITE_CONFIG_GETMALLOC, &sqlite_default) != SQLITE_OK)
		return EXIT_FAILURE;
	sqlite3_mem_methods failing = sqlite_default;
	failing.xMalloc = failing_malloc;
	failing.xRealloc = failing_realloc;
	if (sqlite3_config(SQLITE_CONFIG_MALLOC, &failing) != SQLITE_OK)
		return EXIT_FAILURE;
	json_set_alloc_funcs(json_malloc, json_free);
	Suite *s = suite_create("alloc_sqlite");
	TCase *tc = tcase_create("once");
	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, test_sqlite_allocations_fail_once);
	tcase_add_test(tc, test_library_and_jansson_allocations_fail_once);
	suite_add_tcase(s, tc);
	return tu_run_suite(s);
}
