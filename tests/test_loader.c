/*
 * test_loader.c - the fact-sheet loader beyond the bundled sheet: the work
 * of an import grows with the document, not with its square.
 */
#include "testutil.h"

#include "atrack_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const TOPICS[] = {
	"maritime", "cyber", "space", "logistics", "training", "intelligence", "industrial",
	"medical", "energy", "climate", "research", "education",
};

/* A sheet of one dated meeting and `items` distinct list items, each
 * naming `word` (so a revision can change every item). malloc'd. */
static char *sheet(int items, const char *word, size_t *len)
{
	atr_buf b = ATR_BUF_INIT;
	atr_buf_puts(&b,
		"Fact Sheet: The 57th Security Consultative Meeting\n"
		"During the 57th U.S.-Republic of Korea (ROK) Security Consultative Meeting (SCM) on "
		"November 4, 2025, U.S. Secretary of Defense Lloyd J. Austin III and ROK Minister of "
		"National Defense Kim Yong Hyun reviewed the Alliance's progress.\n"
		"ENHANCING ALLIANCE COOPERATION\n"
		"The United States and the ROK are:\n");
	for (int i = 0; i < items; i++)
		atr_buf_printf(&b, "- Establishing %s working group %d on %s %s cooperation.\n",
		               word, i + 1, TOPICS[i % ATR_ARRAY_SIZE(TOPICS)],
		               TOPICS[(i / ATR_ARRAY_SIZE(TOPICS)) % ATR_ARRAY_SIZE(TOPICS)]);
	ck_assert(!atr_buf_failed(&b));
	*len = b.len;
	return atr_buf_detach(&b);
}

/* The virtual-machine steps of every statement the connection holds since
 * the last call (each counter is reset): the work SQLite did, triggers
 * included, independent of the machine's speed and load. */
static long long vm_steps(atrack_db *db)
{
	long long steps = 0;
	for (sqlite3_stmt *s = sqlite3_next_stmt(db->sql, NULL); s; s = sqlite3_next_stmt(db->sql, s))
		steps += sqlite3_stmt_status(s, SQLITE_STMTSTATUS_VM_STEP, 1);
	return steps;
}

/* Steps of importing a sheet of `items` into a fresh database, and of
 * then importing a revision of it that rewords every item. */
static void import_steps(int items, long long *new_steps, long long *revised_steps)
{
	atrack_db *db = tu_memory_db();
	size_t len;
	char *text = sheet(items, "joint", &len);
	atrack_import_result r;
	vm_steps(db);
	ck_assert_msg(atrack_import_factsheet(db, text, len, NULL, &r) == ATRACK_OK, "%s",
	              atrack_errmsg(db));
	*new_steps = vm_steps(db);
	ck_assert_uint_eq(r.initiatives.added, (unsigned)items);
	free(text);
	text = sheet(items, "combined", &len);
	ck_assert_msg(atrack_import_factsheet(db, text, len, NULL, &r) == ATRACK_OK, "%s",
	              atrack_errmsg(db));
	*revised_steps = vm_steps(db);
	ck_assert_int_eq(r.outcome, ATRACK_IMPORT_REVISED);
	ck_assert_uint_eq(r.initiatives.found, (unsigned)items);
	free(text);
	atrack_close(db);
}

START_TEST(test_import_is_linear)
{
	long long small_new, small_revised, big_new, big_revised;
	import_steps(300, &small_new, &small_revised);
	import_steps(1200, &big_new, &big_revised);
	/* Four times the items: about four times the work when each item costs
	 * the same; sixteen when each looks through the items before it. */
	double growth_new = (double)big_new / (double)small_new;
	double growth_revised = (double)big_revised / (double)small_revised;
	ck_assert_msg(growth_new < 5.0, "a new document of 4x the items took %.1fx the steps "
	              "(%lld -> %lld)", growth_new, small_new, big_new);
	ck_assert_msg(growth_revised < 5.0, "a revision of 4x the items took %.1fx the steps "
	              "(%lld -> %lld)", growth_revised, small_revised, big_revised);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("loader");
	TCase *tc = tcase_create("loader");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_import_is_linear);
	suite_add_tcase(s, tc);
	return tu_run_suite(s);
}
