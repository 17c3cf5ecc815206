/*
 * test_patterns.c - one test per pattern of the genre that the parser
 * recognises, each on a small fixture of its own under
 * tests/fixtures/patterns/ (text written for the test, not taken from any
 * published document).
 */
#include "factsheet/factsheet.h"
#include "factsheet/factsheet_int.h"
#include "atrack_int.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PATTERN(name) ATRACK_SOURCE_DIR "/tests/fixtures/patterns/" name

static fs_model *parse_pattern(const char *path)
{
	FILE *f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	fseek(f, 0, SEEK_END);
	long size = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *text = malloc((size_t)size + 1);
	ck_assert_ptr_nonnull(text);
	size_t len = fread(text, 1, (size_t)size, f);
	fclose(f);
	fs_model *m = NULL;
	fs_error err;
	int rc = fs_parse(text, len, &m, &err);
	ck_assert_msg(rc == ATRACK_OK, "%s:%d:%d: %s", path, err.line, err.column,
	              err.message);
	free(text);
	return m;
}

/* The dates the date recogniser found in one item, as the parser's own
 * pass sees them. */
static size_t dates_in(const char *text, int years[8])
{
	fs_model model = {0};
	fsp_parser p;
	fsp_block b;
	memset(&p, 0, sizeof p);
	memset(&b, 0, sizeof b);
	p.model = &model;
	b.text = (char *)text;
	b.len = strlen(text);
	ck_assert_int_eq(fsp_tokenise(&b), ATRACK_OK);
	p.blocks = &b;
	p.block_count = 1;
	ck_assert_int_eq(fsp_scan_dates(&p, 0), ATRACK_OK);
	size_t n = p.date_count;
	for (size_t i = 0; i < n && i < 8; i++)
		years[i] = p.dates[i].year;
	atr_free(p.dates);
	atr_free(b.toks);
	return n;
}

START_TEST(test_failed_year_refuses_date)
{
	int years[8];
	ck_assert_uint_eq(dates_in("met on 30 October 1850 in Port Alder", years), 0);
	ck_assert_uint_eq(dates_in("met on 30 October 20ab in Port Alder", years), 0);
	ck_assert_uint_eq(dates_in("met on October 30, 1850 in Port Alder", years), 0);
	ck_assert_uint_eq(dates_in("met on 1850-10-30 in Port Alder", years), 0);
	ck_assert_uint_eq(dates_in("met on 12 May 2031 in Port Alder", years), 1);
	ck_assert_int_eq(years[0], 2031);
	ck_assert_uint_eq(dates_in("met on May 12, 2031 in Port Alder", years), 1);
	ck_assert_int_eq(years[0], 2031);
	/* a yearless date stays a date, its year found later */
	ck_assert_uint_eq(dates_in("met on 12 May in Port Alder", years), 1);
	ck_assert_int_eq(years[0], 0);
	/* the whole document parses, with no date from the bad years */
	fs_model *m = parse_pattern(PATTERN("bad_years.txt"));
	ck_assert_uint_eq(m->initiative_count, 5);
	fs_model_free(m);
}
END_TEST

static Suite *patterns_suite(void)
{
	Suite *s = suite_create("patterns");
	TCase *dates = tcase_create("dates");
	tcase_add_test(dates, test_failed_year_refuses_date);
	suite_add_tcase(s, dates);
	return s;
}

int main(void)
{
	SRunner *r = srunner_create(patterns_suite());
	srunner_run_all(r, CK_NORMAL);
	int failed = srunner_ntests_failed(r);
	srunner_free(r);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
