/*
 * test_lifetime.c - what iterators, reports and the handle's error state
 * promise over their lifetimes: no row after the last one, iterators and
 * reports that outlive atrack_close (freed safely, refused otherwise), no
 * write while a report holds its snapshot, and an error state that is
 * always the one the last call returned, ATRACK_MISUSE included.
 */
#include "testutil.h"

#include "atrack_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static atrack_db *db;

static void setup(void)
{
	db = tu_memory_db();
}

static void teardown(void)
{
	atrack_close(db);
	db = NULL;
}

#define OK(call) ck_assert_msg((call) == ATRACK_OK, "%s: %s", #call, atrack_errmsg(db))

/* The bundled fact sheet: initiatives, parties, links and updates. */
static void load_bundled(void)
{
	size_t len = 0;
	const char *text = atrack_bundled_factsheet(&len, NULL);
	OK(atrack_import_factsheet(db, text, len, NULL, NULL));
}

static int64_t add_party(const char *name)
{
	atrack_party p = { 0 };
	p.name = name;
	int64_t id = 0;
	OK(atrack_party_add(db, &p, &id));
	return id;
}

/* An earlier failure on the handle, so that a later refusal that forgot
 * to set the error state would leave this one showing. */
static void fail_once(void)
{
	int64_t id = 0;
	ck_assert_int_eq(atrack_resolve(db, ATRACK_KIND_PARTY, "nobody", &id), ATRACK_NOTFOUND);
	ck_assert_int_eq(atrack_errcode(db), ATRACK_NOTFOUND);
}

static void assert_misuse(int rc, const char *call)
{
	ck_assert_msg(rc == ATRACK_MISUSE, "%s returned %d (%s), not ATRACK_MISUSE", call, rc,
	              atrack_errstr(rc));
	ck_assert_msg(atrack_errcode(db) == ATRACK_MISUSE, "%s: atrack_errcode is %d (%s)", call,
	              atrack_errcode(db), atrack_errmsg(db));
}

#define MISUSE(call) do { fail_once(); assert_misuse((call), #call); } while (0)

/* ---- 13: no row after the last ----------------------------------------- */

START_TEST(test_entity_row_null_after_done)
{
	add_party("Republic of Korea");
	atrack_iter *it = NULL;
	OK(atrack_party_list(db, NULL, &it));
	ck_assert_int_eq(atrack_iter_next(it), ATRACK_OK);
	ck_assert_ptr_nonnull(atrack_iter_party(it));
	ck_assert_str_eq(atrack_iter_party(it)->name, "Republic of Korea");
	ck_assert_int_eq(atrack_iter_next(it), ATRACK_DONE);
	/* The row pointed into the statement, which has been reset. */
	ck_assert_ptr_null(atrack_iter_party(it));
	ck_assert_ptr_null(atrack_iter_entity(it));
	ck_assert_int_eq(atrack_iter_next(it), ATRACK_DONE);
	ck_assert_ptr_null(atrack_iter_party(it));
	atrack_iter_free(it);
}
END_TEST

START_TEST(test_link_row_null_after_done)
{
	load_bundled();
	int64_t id = 0;
	OK(atrack_resolve(db, ATRACK_KIND_INITIATIVE, "1", &id));
	atrack_iter *it = NULL;
	OK(atrack_link_list(db, ATRACK_KIND_INITIATIVE, id, &it));
	int rows = 0, rc;
	while ((rc = atrack_iter_next(it)) == ATRACK_OK) {
		ck_assert_ptr_nonnull(atrack_iter_link(it));
		ck_assert_ptr_nonnull(atrack_iter_link(it)->slug);
		rows++;
	}
	ck_assert_int_eq(rc, ATRACK_DONE);
	ck_assert_int_gt(rows, 0);
	ck_assert_ptr_null(atrack_iter_link(it));
	atrack_iter_free(it);
}
END_TEST

/* ---- 14: iterators and reports outlive atrack_close --------------------- */

START_TEST(test_close_with_open_iterator)
{
	add_party("Republic of Korea");
	add_party("United States");
	atrack_iter *it = NULL;
	OK(atrack_party_list(db, NULL, &it));
	ck_assert_int_eq(atrack_iter_next(it), ATRACK_OK);
	atrack_close(db);
	db = NULL;
	ck_assert_int_eq(atrack_iter_next(it), ATRACK_MISUSE);
	ck_assert_ptr_null(atrack_iter_party(it));
	ck_assert_int_eq(atrack_iter_next(it), ATRACK_MISUSE);
	atrack_iter_free(it); /* closes the connection; nothing left behind */
}
END_TEST

START_TEST(test_close_with_iterators_never_stepped_and_done)
{
	add_party("Republic of Korea");
	atrack_iter *fresh = NULL, *done = NULL;
	OK(atrack_party_list(db, NULL, &fresh));
	OK(atrack_status_list(db, &done));
	while (atrack_iter_next(done) == ATRACK_OK)
		;
	atrack_close(db);
	db = NULL;
	ck_assert_int_eq(atrack_iter_next(done), ATRACK_MISUSE);
	atrack_iter_free(done);
	ck_assert_int_eq(atrack_iter_next(fresh), ATRACK_MISUSE);
	atrack_iter_free(fresh);
}
END_TEST

START_TEST(test_close_in_transaction_with_open_iterator)
{
	OK(atrack_begin(db));
	add_party("Republic of Korea");
	atrack_iter *it = NULL;
	OK(atrack_party_list(db, NULL, &it));
	ck_assert_int_eq(atrack_iter_next(it), ATRACK_OK);
	atrack_close(db); /* rolls the transaction back now */
	db = NULL;
	ck_assert_int_eq(atrack_iter_next(it), ATRACK_MISUSE);
	atrack_iter_free(it);
}
END_TEST

START_TEST(test_close_with_open_report)
{
	load_bundled();
	atrack_report *r = NULL;
	OK(atrack_report_open(db, NULL, &r));
	atrack_iter *rows = NULL;
	OK(atrack_report_rows(r, &rows));
	ck_assert_int_eq(atrack_iter_next(rows), ATRACK_OK);
	atrack_close(db);
	db = NULL;
	ck_assert_int_eq(atrack_iter_next(rows), ATRACK_MISUSE);
	ck_assert_ptr_null(atrack_iter_report_row(rows));
	atrack_iter_free(rows);
	/* The report still answers from what it holds, and reads no more. */
	ck_assert_str_eq(atrack_report_title(r), "Initiative status report");
	ck_assert_int_gt((int)atrack_report_status_count(r), 0);
	atrack_iter *more = NULL;
	ck_assert_int_eq(atrack_report_changes(r, &more), ATRACK_MISUSE);
	ck_assert_ptr_null(more);
	ck_assert_int_eq(atrack_report_timeline(r, 5, &more), ATRACK_MISUSE);
	ck_assert_ptr_null(more);
	atrack_report_free(r);
}
END_TEST

START_TEST(test_close_frees_report_before_its_iterator)
{
	load_bundled();
	atrack_report *r = NULL;
	OK(atrack_report_open(db, NULL, &r));
	atrack_iter *changes = NULL;
	OK(atrack_report_changes(r, &changes));
	atrack_close(db);
	db = NULL;
	atrack_report_free(r); /* the iterator still holds the handle */
	ck_assert_int_eq(atrack_iter_next(changes), ATRACK_MISUSE);
	atrack_iter_free(changes);
}
END_TEST

/* A file database: the close really happens, and another handle can then
 * write (no lock is left behind by the deferred close). */
START_TEST(test_deferred_close_releases_the_file)
{
	char *dir = tu_tmpdir();
	char *path = tu_path(dir, "t.db");
	atrack_db *a = NULL;
	ck_assert_int_eq(atrack_open(path, ATRACK_OPEN_CREATE, &a), ATRACK_OK);
	atrack_party p = { 0 };
	p.name = "Republic of Korea";
	ck_assert_int_eq(atrack_party_add(a, &p, NULL), ATRACK_OK);
	atrack_iter *it = NULL;
	ck_assert_int_eq(atrack_party_list(a, NULL, &it), ATRACK_OK);
	ck_assert_int_eq(atrack_iter_next(it), ATRACK_OK);
	atrack_close(a);
	atrack_iter_free(it);

	atrack_db *b = NULL;
	ck_assert_int_eq(atrack_open(path, 0, &b), ATRACK_OK);
	p.name = "United States";
	ck_assert_msg(atrack_party_add(b, &p, NULL) == ATRACK_OK, "%s", atrack_errmsg(b));
	ck_assert_int_eq(tu_query_int(b, "SELECT count(*) FROM party"), 2);
	atrack_close(b);
	tu_rmrf(dir);
	free(path);
	free(dir);
}
END_TEST

/* ---- 15: no write while a report is open -------------------------------- */

START_TEST(test_write_refused_while_report_open)
{
	load_bundled();
	long long parties = tu_query_int(db, "SELECT count(*) FROM party");
	atrack_report *r = NULL;
	OK(atrack_report_open(db, NULL, &r));
	atrack_party p = { 0 };
	p.name = "Atlantis";
	int64_t id = 0;
	MISUSE(atrack_party_add(db, &p, &id));
	ck_assert_ptr_nonnull(strstr(atrack_errmsg(db), "a report is open"));
	MISUSE(atrack_begin(db));
	int64_t initiative = 0;
	OK(atrack_resolve(db, ATRACK_KIND_INITIATIVE, "1", &initiative));
	atrack_update_input u = ATRACK_UPDATE_INPUT_INIT;
	u.initiative_id = initiative;
	u.status = "in_progress";
	u.event_date = "2025-01-01";
	MISUSE(atrack_update_add(db, &u, NULL));
	MISUSE(atrack_status_edit(db, 1, "Renamed", 0));
	MISUSE(atrack_search_rebuild(db));
	ck_assert_int_eq(tu_query_int(db, "SELECT count(*) FROM party"), parties);
	/* Reading is still fine. */
	atrack_iter *rows = NULL;
	OK(atrack_report_rows(r, &rows));
	ck_assert_int_eq(atrack_iter_next(rows), ATRACK_OK);
	atrack_iter_free(rows);
	atrack_report_free(r);
	OK(atrack_party_add(db, &p, &id));
	ck_assert_int_eq(tu_query_int(db, "SELECT count(*) FROM party"), parties + 1);
}
END_TEST

/* Inside the caller's transaction the report does not own the snapshot;
 * writes are refused all the same, and the transaction is the caller's. */
START_TEST(test_write_refused_while_report_open_in_transaction)
{
	OK(atrack_begin(db));
	atrack_report *r = NULL;
	OK(atrack_report_open(db, NULL, &r));
	atrack_party p = { 0 };
	p.name = "Atlantis";
	MISUSE(atrack_party_add(db, &p, NULL));
	atrack_report_free(r);
	OK(atrack_party_add(db, &p, NULL));
	OK(atrack_commit(db));
	ck_assert_int_eq(tu_query_int(db, "SELECT count(*) FROM party WHERE name = 'Atlantis'"), 1);
}
END_TEST

/* Other handles see a write as soon as it returns: none is held back in a
 * report's read transaction. */
START_TEST(test_write_after_report_is_seen_by_others)
{
	char *dir = tu_tmpdir();
	char *path = tu_path(dir, "t.db");
	atrack_db *a = NULL, *b = NULL;
	ck_assert_int_eq(atrack_open(path, ATRACK_OPEN_CREATE, &a), ATRACK_OK);
	ck_assert_int_eq(atrack_open(path, 0, &b), ATRACK_OK);
	atrack_report *r = NULL;
	ck_assert_int_eq(atrack_report_open(a, NULL, &r), ATRACK_OK);
	atrack_party p = { 0 };
	p.name = "Atlantis";
	ck_assert_int_eq(atrack_party_add(a, &p, NULL), ATRACK_MISUSE);
	ck_assert_int_eq(tu_query_int(b, "SELECT count(*) FROM party"), 0);
	atrack_report_free(r);
	ck_assert_int_eq(atrack_party_add(a, &p, NULL), ATRACK_OK);
	ck_assert_int_eq(tu_query_int(b, "SELECT count(*) FROM party"), 1);
	atrack_close(a);
	atrack_close(b);
	tu_rmrf(dir);
	free(path);
	free(dir);
}
END_TEST

/* ---- 26: the error state is the last call's ----------------------------- */

START_TEST(test_misuse_sets_error_state)
{
	int64_t id = 0;
	atrack_iter *it = NULL;
	char *text = NULL;
	atrack_report *r = NULL;
	MISUSE(atrack_resolve(db, ATRACK_KIND_PARTY, "x", NULL));
	MISUSE(atrack_party_add(db, NULL, &id));
	MISUSE(atrack_party_list(db, NULL, NULL));
	MISUSE(atrack_link_list(db, ATRACK_KIND_PARTY, 1, NULL));
	MISUSE(atrack_update_add(db, NULL, &id));
	MISUSE(atrack_update_get(db, 1, NULL));
	MISUSE(atrack_update_list(db, NULL, NULL));
	MISUSE(atrack_update_edit(db, 1, NULL, 0));
	MISUSE(atrack_status_add(db, NULL, &id));
	MISUSE(atrack_status_list(db, NULL));
	MISUSE(atrack_audit_list(db, NULL, NULL));
	MISUSE(atrack_report_open(db, NULL, NULL));
	MISUSE(atrack_report_write(db, NULL, ATRACK_REPORT_TEXT, NULL));
	MISUSE(atrack_report_render(db, NULL, ATRACK_REPORT_TEXT, NULL, NULL));
	MISUSE(atrack_search(db, NULL, NULL, &it));
	MISUSE(atrack_search(db, "x", NULL, NULL));
	MISUSE(atrack_export_file(db, NULL, NULL));
	MISUSE(atrack_export_buffer(db, NULL, NULL));
	MISUSE(atrack_export_path(db, NULL, NULL));
	MISUSE(atrack_import_json_buffer(db, NULL, 5, NULL, NULL));
	MISUSE(atrack_import_json_file(db, NULL, NULL, NULL));
	MISUSE(atrack_import_json_path(db, NULL, NULL, NULL));
	MISUSE(atrack_backup(db, NULL));
	MISUSE(atrack_commit(db));
	MISUSE(atrack_rollback(db));
	atrack_outfile *of = NULL;
	MISUSE(atrack_outfile_open(db, NULL, &of, NULL));
	OK(atrack_report_open(db, NULL, &r));
	MISUSE(atrack_report_rows(r, NULL));
	MISUSE(atrack_report_changes(r, NULL));
	MISUSE(atrack_report_timeline(r, 3, NULL));
	atrack_report_free(r);
	ck_assert_ptr_null(text);
	ck_assert_ptr_null(it);
	/* And a success after a failure clears it. */
	fail_once();
	OK(atrack_party_add(db, &(atrack_party){ .name = "Japan" }, &id));
	ck_assert_int_eq(atrack_errcode(db), ATRACK_OK);
}
END_TEST

/* A step of an iterator is a call like any other: it leaves the handle's
 * error state as what it returned. */
START_TEST(test_iter_next_sets_error_state)
{
	add_party("Republic of Korea");
	atrack_iter *it = NULL;
	OK(atrack_party_list(db, NULL, &it));
	fail_once();
	ck_assert_int_eq(atrack_iter_next(it), ATRACK_OK);
	ck_assert_int_eq(atrack_errcode(db), ATRACK_OK);
	fail_once();
	ck_assert_int_eq(atrack_iter_next(it), ATRACK_DONE);
	ck_assert_int_eq(atrack_errcode(db), ATRACK_OK);
	atrack_iter_free(it);
}
END_TEST

/* A handle whose open failed is refused with a message of its own. */
START_TEST(test_misuse_on_failed_handle)
{
	atrack_db *bad = NULL;
	ck_assert_int_eq(atrack_open("no-such-dir/none.db", 0, &bad), ATRACK_NOTFOUND);
	ck_assert_ptr_nonnull(bad);
	atrack_party p = { 0 };
	p.name = "Atlantis";
	ck_assert_int_eq(atrack_party_add(bad, &p, NULL), ATRACK_MISUSE);
	ck_assert_int_eq(atrack_errcode(bad), ATRACK_MISUSE);
	ck_assert_ptr_nonnull(strstr(atrack_errmsg(bad), "not open"));
	ck_assert_int_eq(atrack_begin(bad), ATRACK_MISUSE);
	ck_assert_int_eq(atrack_errcode(bad), ATRACK_MISUSE);
	atrack_close(bad);
}
END_TEST

/* Every options struct: an unknown version is ATRACK_MISUSE. */
START_TEST(test_unknown_opts_version_is_misuse)
{
	atrack_iter *it = NULL;
	char *text = NULL;
	atrack_report *r = NULL;

	atrack_report_opts ro = ATRACK_REPORT_OPTS_INIT;
	ro.version = 99;
	MISUSE(atrack_report_open(db, &ro, &r));
	ck_assert_ptr_null(r);
	MISUSE(atrack_report_render(db, &ro, ATRACK_REPORT_TEXT, &text, NULL));
	ck_assert_ptr_null(text);

	atrack_search_opts so = ATRACK_SEARCH_OPTS_INIT;
	so.version = 99;
	MISUSE(atrack_search(db, "alliance", &so, &it));
	ck_assert_ptr_null(it);

	atrack_exchange_opts xo = ATRACK_EXCHANGE_OPTS_INIT;
	xo.version = 99;
	MISUSE(atrack_export_buffer(db, &xo, &text));
	ck_assert_ptr_null(text);
	MISUSE(atrack_import_json_buffer(db, "{}", 2, &xo, NULL));
	xo.version = 0;
	MISUSE(atrack_export_buffer(db, &xo, &text));
	ck_assert_ptr_null(text);

	atrack_import_opts io = ATRACK_IMPORT_OPTS_INIT;
	io.version = 99;
	atrack_import_result ir;
	MISUSE(atrack_import_factsheet(db, "Title\n\n- An item.\n", 18, &io, &ir));

	atrack_list_opts lo = ATRACK_LIST_OPTS_INIT;
	lo.version = 99;
	MISUSE(atrack_party_list(db, &lo, &it));
	atrack_initiative_filter inf = ATRACK_INITIATIVE_FILTER_INIT;
	inf.version = 99;
	MISUSE(atrack_initiative_list(db, &inf, &it));
	atrack_update_filter uf = ATRACK_UPDATE_FILTER_INIT;
	uf.version = 99;
	MISUSE(atrack_update_list(db, &uf, &it));
	atrack_audit_filter af = ATRACK_AUDIT_FILTER_INIT;
	af.version = 99;
	MISUSE(atrack_audit_list(db, &af, &it));
	atrack_update_input ui = ATRACK_UPDATE_INPUT_INIT;
	ui.version = 99;
	MISUSE(atrack_update_add(db, &ui, NULL));
	ck_assert_ptr_null(it);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("lifetime");
	TCase *tc = tcase_create("lifetime");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_entity_row_null_after_done);
	tcase_add_test(tc, test_link_row_null_after_done);
	tcase_add_test(tc, test_close_with_open_iterator);
	tcase_add_test(tc, test_close_with_iterators_never_stepped_and_done);
	tcase_add_test(tc, test_close_in_transaction_with_open_iterator);
	tcase_add_test(tc, test_close_with_open_report);
	tcase_add_test(tc, test_close_frees_report_before_its_iterator);
	tcase_add_test(tc, test_deferred_close_releases_the_file);
	tcase_add_test(tc, test_write_refused_while_report_open);
	tcase_add_test(tc, test_write_refused_while_report_open_in_transaction);
	tcase_add_test(tc, test_write_after_report_is_seen_by_others);
	tcase_add_test(tc, test_misuse_sets_error_state);
	tcase_add_test(tc, test_iter_next_sets_error_state);
	tcase_add_test(tc, test_misuse_on_failed_handle);
	tcase_add_test(tc, test_unknown_opts_version_is_misuse);
	suite_add_tcase(s, tc);
	return tu_run_suite(s);
}
