/*
 * test_kind.c - kind names, and resolving a person's reference (an id or a
 * slug) to an id; iterators' NULL handling.
 */
#include "testutil.h"

#include "atrack_int.h"

START_TEST(test_kind_names)
{
	ck_assert_str_eq(atrack_kind_name(ATRACK_KIND_FOCUS_AREA), "focus_area");
	ck_assert_ptr_null(atrack_kind_name((atrack_kind)99));
	atrack_kind kind;
	ck_assert_int_eq(atrack_kind_from_name("focus-area", &kind), ATRACK_OK);
	ck_assert_int_eq(kind, ATRACK_KIND_FOCUS_AREA);
	ck_assert_int_eq(atrack_kind_from_name("initiative", &kind), ATRACK_OK);
	ck_assert_int_eq(kind, ATRACK_KIND_INITIATIVE);
	ck_assert_int_eq(atrack_kind_from_name("initiatives", &kind), ATRACK_INVALID);
}
END_TEST

START_TEST(test_resolve_by_id_and_slug)
{
	atrack_db *db = tu_memory_db();
	ck_assert_int_eq(sqlite3_exec(db->sql,
		"INSERT INTO party (slug, name) VALUES ('rok', 'Republic of Korea');"
		"INSERT INTO party (slug, name) VALUES ('us', 'United States')",
		NULL, NULL, NULL), SQLITE_OK);
	int64_t id = 0;
	ck_assert_int_eq(atrack_resolve(db, ATRACK_KIND_PARTY, "us", &id), ATRACK_OK);
	ck_assert_int_eq(id, 2);
	ck_assert_int_eq(atrack_resolve(db, ATRACK_KIND_PARTY, "1", &id), ATRACK_OK);
	ck_assert_int_eq(id, 1);
	ck_assert_int_eq(atrack_resolve(db, ATRACK_KIND_PARTY, "japan", &id), ATRACK_NOTFOUND);
	ck_assert_str_eq(atrack_errmsg(db), "no party 'japan'");
	ck_assert_int_eq(atrack_resolve(db, ATRACK_KIND_PARTY, "3", &id), ATRACK_NOTFOUND);
	ck_assert_int_eq(atrack_resolve(db, ATRACK_KIND_PARTY, "", &id), ATRACK_INVALID);
	/* An injection attempt is only ever a value. */
	ck_assert_int_eq(atrack_resolve(db, ATRACK_KIND_PARTY, "x' OR '1'='1", &id), ATRACK_NOTFOUND);
	ck_assert_int_eq(atrack_resolve(db, ATRACK_KIND_STATUS, "completed", &id), ATRACK_OK);
	ck_assert_int_eq(tu_query_int(db, "SELECT is_terminal FROM status_code WHERE id = 6"), 1);
	ck_assert_int_eq(id, 6);
	ck_assert_int_eq(atrack_resolve(NULL, ATRACK_KIND_PARTY, "us", &id), ATRACK_MISUSE);
	atrack_close(db);
}
END_TEST

START_TEST(test_iter_null)
{
	ck_assert_int_eq(atrack_iter_next(NULL), ATRACK_MISUSE);
	atrack_iter_free(NULL);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("kind");
	TCase *tc = tcase_create("kind");
	tcase_add_test(tc, test_kind_names);
	tcase_add_test(tc, test_resolve_by_id_and_slug);
	tcase_add_test(tc, test_iter_null);
	suite_add_tcase(s, tc);
	return tu_run_suite(s);
}
