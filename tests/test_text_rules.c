/*
 * test_text_rules.c - bad text and bad times are refused as bad input on
 * every path, never stored: times of entities. Small databases only, so the suite stays quick under valgrind.
 */
#include "testutil.h"

#include "atrack_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* `rc` was ATRACK_INVALID with `message`, and the database is `before`. */
static void expect_invalid(atrack_db *db, int rc, const char *message, const char *before)
{
	ck_assert_msg(rc == ATRACK_INVALID, "rc %d (%s)", rc, atrack_errmsg(db));
	ck_assert_str_eq(atrack_errmsg(db), message);
	char *after = tu_db_dump(db);
	ck_assert_str_eq(before, after);
	free(after);
}

static int64_t add_initiative(atrack_db *db, const char *slug)
{
	atrack_initiative in = { 0 };
	in.slug = slug;
	in.title = slug;
	int64_t id = 0;
	ck_assert_msg(atrack_initiative_add(db, &in, &id) == ATRACK_OK, "%s", atrack_errmsg(db));
	return id;
}

START_TEST(test_times_validated)
{
	atrack_db *db = tu_memory_db();
	int64_t id = add_initiative(db, "x");
	char *before = tu_db_dump(db);
	static const char *const bad[] = { "2020-01-01Tgarbage", "2020-01-01 99:99",
		"2020-01-01T23:60", "2020-01-01T10:00:61Z", "2020-01-01T10:00:00.Z",
		"2020-01-01T10:00Zjunk", "2020-02-30T00:00:00Z", "2020-01-01T10:00:00+25:00" };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char message[160];
		snprintf(message, sizeof message, "created_at: '%s' is not a valid time "
		         "(YYYY-MM-DDTHH:MM:SS.sssZ)", bad[i]);
		atrack_initiative in = { 0 };
		in.title = "Y";
		in.created_at = bad[i];
		expect_invalid(db, atrack_initiative_add(db, &in, NULL), message, before);
		expect_invalid(db, atrack_initiative_edit(db, id, &in, ATRACK_INITIATIVE_CREATED_AT),
		               message, before);
		atrack_document d = { 0 };
		d.title = "D";
		d.imported_at = bad[i];
		snprintf(message, sizeof message, "imported_at: '%s' is not a valid time "
		         "(YYYY-MM-DDTHH:MM:SS.sssZ)", bad[i]);
		expect_invalid(db, atrack_document_add(db, &d, NULL), message, before);
	}
	/* The forms SQLite's date functions read are all taken. */
	static const char *const good[] = { "2020-01-01", "2020-01-01T10:00",
		"2020-01-01 10:00:59", "2020-01-01T10:00:00.123456Z", "2020-01-01T10:00:00+09:00" };
	for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
		atrack_initiative in = { 0 };
		in.title = good[i];
		in.created_at = good[i];
		ck_assert_msg(atrack_initiative_add(db, &in, NULL) == ATRACK_OK, "%s: %s", good[i],
		              atrack_errmsg(db));
	}
	free(before);
	atrack_close(db);
}
END_TEST

static Suite *text_rules_suite(void)
{
	Suite *s = suite_create("text_rules");
	TCase *tc = tcase_create("text_rules");
	tcase_add_test(tc, test_times_validated);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tu_run_suite(text_rules_suite());
}
