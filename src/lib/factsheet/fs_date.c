/*
 * fs_date.c - recognises calendar dates in every written form the genre
 * uses and gives a date without a year the year of its neighbours.
 * Calls fs_token.c and fs_text.c.
 */
#include "factsheet_int.h"

#include <string.h>

/* "30" or "30-31" (also with an en dash). */
static bool day_word(const char *s, size_t n, int *day, int *end_day)
{
	size_t i = 0;
	while (i < n && fsp_is_digit(s[i]))
		i++;
	if (!fsp_number_word(s, i, 1, 2, day) || *day < 1 || *day > 31)
		return false;
	*end_day = 0;
	if (i == n)
		return true;
	size_t dash = s[i] == '-' ? 1 : (n - i > 3 && (unsigned char)s[i] == 0xE2) ? 3 : 0;
	if (!dash || !fsp_number_word(s + i + dash, n - i - dash, 1, 2, end_day))
		return false;
	return *end_day > *day && *end_day <= 31;
}

enum { YEAR_NONE, YEAR_OK, YEAR_BAD };

/* Whether token t is the year of a date. A four-character word that
 * starts with two digits is meant as one: when it is not a year the
 * genre writes ("1850", "20ab"), the date is refused rather than read
 * with a wrong or missing year. */
static int year_token(const fsp_block *b, size_t t, int *year)
{
	size_t n;
	int y;
	*year = 0;
	if (t >= b->tok_count)
		return YEAR_NONE;
	const char *s = fsp_core(b, t, &n);
	if (n != 4 || !fsp_is_digit(s[0]) || !fsp_is_digit(s[1]))
		return YEAR_NONE;
	if (!fsp_number_word(s, n, 4, 4, &y) || y < FSP_YEAR_MIN || y > FSP_YEAR_MAX)
		return YEAR_BAD;
	*year = y;
	return YEAR_OK;
}

static int add_date(fsp_parser *p, size_t bi, size_t t, int y, int mo, int d, int d2)
{
	if (!fsp_reserve(&p->dates, &p->date_cap, p->date_count + 1, sizeof *p->dates))
		return ATRACK_NOMEM;
	fsp_date *date = &p->dates[p->date_count++];
	date->block = bi;
	date->tok = t;
	date->sentence = p->blocks[bi].toks[t].sentence;
	date->year = y;
	date->month = mo;
	date->day = d;
	date->end_day = d2;
	return ATRACK_OK;
}

/* "October 30, 2024", "Oct. 30-31, 2024", "30 October 2024", "2024-10-30",
 * and the same without a year. */
int fsp_scan_dates(fsp_parser *p, size_t bi)
{
	fsp_block *b = &p->blocks[bi];
	for (size_t t = 0; t < b->tok_count; t++) {
		size_t n;
		const char *s = fsp_core(b, t, &n);
		int y = 0, mo, d, d2;
		if (n == 10 && s[4] == '-' && s[7] == '-' && fsp_number_word(s, 4, 4, 4, &y) &&
		    fsp_number_word(s + 5, 2, 2, 2, &mo) && fsp_number_word(s + 8, 2, 2, 2, &d)) {
			if (y >= FSP_YEAR_MIN && y <= FSP_YEAR_MAX && add_date(p, bi, t, y, mo, d, 0))
				return ATRACK_NOMEM;
			continue;
		}
		if ((mo = fsp_month_of(s, n)) && t + 1 < b->tok_count) {
			const char *ds = fsp_core(b, t + 1, &n);
			if (!day_word(ds, n, &d, &d2)) {
				/* "September 2031": no day, but the year of the
				 * yearless dates around it */
				if (year_token(b, t + 1, &y) == YEAR_OK) {
					if (add_date(p, bi, t, y, mo, 0, 0))
						return ATRACK_NOMEM;
					t++;
				}
				continue;
			}
			int yr = year_token(b, t + 2, &y);
			if (yr == YEAR_BAD) {
				t += 2;
				continue;
			}
			if (yr == YEAR_OK)
				t++;
			if (add_date(p, bi, t - (y ? 1 : 0), y, mo, d, d2))
				return ATRACK_NOMEM;
			t++;
			continue;
		}
		/* "this 14th day of May, 2031" */
		if (t + 3 < b->tok_count && n >= 3 && n <= 4 && fsp_is_digit(s[0]) &&
		    fsp_core_is(b, t + 1, "day") && fsp_core_is(b, t + 2, "of")) {
			size_t dn = fsp_is_digit(s[1]) ? 2 : 1, mn;
			const char *ms = fsp_core(b, t + 3, &mn);
			if (fsp_number_word(s, dn, 1, 2, &d) && d >= 1 && d <= 31 &&
			    (mo = fsp_month_of(ms, mn))) {
				int yr = year_token(b, t + 4, &y);
				if (yr != YEAR_BAD && add_date(p, bi, t, y, mo, d, 0))
					return ATRACK_NOMEM;
				t += yr == YEAR_OK ? 4 : 3;
				continue;
			}
		}
		if (day_word(s, n, &d, &d2) && t + 1 < b->tok_count && !b->toks[t].closes) {
			size_t mn;
			const char *ms = fsp_core(b, t + 1, &mn);
			if (!(mo = fsp_month_of(ms, mn)))
				continue;
			int yr = year_token(b, t + 2, &y);
			if (yr == YEAR_BAD) {
				t += 2;
				continue;
			}
			if (add_date(p, bi, t, y, mo, d, d2))
				return ATRACK_NOMEM;
			t += y ? 2 : 1;
		}
	}
	return ATRACK_OK;
}

/* A date without a year takes the year of the nearest full date before
 * it, or failing that after it. */
void fsp_resolve_years(fsp_parser *p)
{
	int year = 0;
	for (size_t i = 0; i < p->date_count; i++) {
		if (p->dates[i].year)
			year = p->dates[i].year;
		else
			p->dates[i].year = -year;
	}
	year = 0;
	for (size_t i = p->date_count; i-- > 0;) {
		if (p->dates[i].year > 0)
			year = p->dates[i].year;
		else if (p->dates[i].year < 0)
			p->dates[i].year = -p->dates[i].year;
		else
			p->dates[i].year = year;
	}
}
