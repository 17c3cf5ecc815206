/*
 * util.c - small pure helpers shared across libatrack: calendar dates,
 * timestamps, slugs, and UTF-8 validation.
 */
#include "atrack_int.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static bool is_leap_year(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int days_in_month(int year, int month)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (month == 2 && is_leap_year(year))
		return 29;
	return days[month - 1];
}

bool atr_date_valid(const char *s)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++) {
		if (i == 4 || i == 7)
			continue;
		if (s[i] < '0' || s[i] > '9')
			return false;
	}
	int year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int month = (s[5] - '0') * 10 + (s[6] - '0');
	int day = (s[8] - '0') * 10 + (s[9] - '0');
	if (year < 1 || month < 1 || month > 12 || day < 1)
		return false;
	return day <= days_in_month(year, month);
}

/* Two digits at s[0..1] no greater than `max`; -1 if they are not. */
static int two_digits(const char *s, int max)
{
	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
		return -1;
	int v = (s[0] - '0') * 10 + (s[1] - '0');
	return v <= max ? v : -1;
}

bool atr_time_valid(const char *s)
{
	char date[11];
	if (!s || strlen(s) < 10)
		return false;
	memcpy(date, s, 10);
	date[10] = '\0';
	if (!atr_date_valid(date))
		return false;
	s += 10;
	if (*s == '\0')
		return true;
	if ((*s != 'T' && *s != ' ') || two_digits(s + 1, 23) < 0 || s[3] != ':' ||
	    two_digits(s + 4, 59) < 0)
		return false;
	s += 6;
	if (*s == ':') {
		if (two_digits(s + 1, 59) < 0)
			return false;
		s += 3;
		if (*s == '.') {
			if (s[1] < '0' || s[1] > '9')
				return false;
			for (s++; *s >= '0' && *s <= '9'; s++)
				;
		}
	}
	if (*s == 'Z')
		return s[1] == '\0';
	if (*s == '+' || *s == '-')
		return two_digits(s + 1, 23) >= 0 && s[3] == ':' && two_digits(s + 4, 59) >= 0 &&
		       s[6] == '\0';
	return *s == '\0';
}

/* Write `value` as exactly `width` decimal digits at `out`. The two clocks
 * below run on every update written, so they are kept clear of printf. */
static void put_digits(char *out, unsigned int value, int width)
{
	for (int i = width - 1; i >= 0; i--) {
		out[i] = (char)('0' + value % 10);
		value /= 10;
	}
}

/* "YYYY-MM-DD" of `tm` at buf[0..9]; years outside 0..9999 do not occur
 * on a clock this program runs under. */
static void put_date(char *buf, const struct tm *tm)
{
	put_digits(buf, (unsigned int)(tm->tm_year + 1900), 4);
	buf[4] = '-';
	put_digits(buf + 5, (unsigned int)(tm->tm_mon + 1), 2);
	buf[7] = '-';
	put_digits(buf + 8, (unsigned int)tm->tm_mday, 2);
}

void atr_today(char buf[11])
{
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	put_date(buf, &tm);
	buf[10] = '\0';
}

void atr_now(char buf[25])
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	struct tm tm;
	gmtime_r(&ts.tv_sec, &tm);
	put_date(buf, &tm);
	buf[10] = 'T';
	put_digits(buf + 11, (unsigned int)tm.tm_hour, 2);
	buf[13] = ':';
	put_digits(buf + 14, (unsigned int)tm.tm_min, 2);
	buf[16] = ':';
	put_digits(buf + 17, (unsigned int)tm.tm_sec, 2);
	buf[19] = '.';
	put_digits(buf + 20, (unsigned int)(ts.tv_nsec / 1000000) % 1000u, 3);
	buf[23] = 'Z';
	buf[24] = '\0';
}

char *atr_slugify(const char *text, size_t max_len)
{
	/* A slug is never longer than its text, so one allocation will do. */
	size_t n = 0;
	char *slug = atr_malloc(strlen(text) + 1);
	bool pending_dash = false;
	if (!slug)
		return NULL;
	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		if (*p < 0x80 && isalnum(*p)) {
			if (pending_dash && n > 0)
				slug[n++] = '-';
			pending_dash = false;
			slug[n++] = (char)tolower(*p);
		} else if (*p == '\'' || (p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0x99)) {
			/* apostrophes join: "Ministers'" -> "ministers" */
			if (*p != '\'')
				p += 2;
		} else {
			pending_dash = true;
		}
	}
	slug[n] = '\0';
	if (n > max_len) {
		size_t cut = max_len;
		while (cut > 0 && slug[cut] != '-')
			cut--;
		slug[cut ? cut : max_len] = '\0';
	}
	return slug;
}

bool atr_utf8_valid(const char *s, size_t len, size_t *bad_offset)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < len) {
		unsigned char c = p[i];
		size_t need;
		unsigned int cp;
		if (c == 0)
			goto bad;
		if (c < 0x80) {
			i++;
			continue;
		} else if ((c & 0xE0) == 0xC0) {
			need = 1;
			cp = c & 0x1F;
		} else if ((c & 0xF0) == 0xE0) {
			need = 2;
			cp = c & 0x0F;
		} else if ((c & 0xF8) == 0xF0) {
			need = 3;
			cp = c & 0x07;
		} else {
			goto bad;
		}
		if (len - i <= need)
			goto bad;
		for (size_t k = 1; k <= need; k++) {
			if ((p[i + k] & 0xC0) != 0x80)
				goto bad;
			cp = (cp << 6) | (p[i + k] & 0x3F);
		}
		if ((need == 1 && cp < 0x80) || (need == 2 && cp < 0x800) ||
		    (need == 3 && cp < 0x10000) || cp > 0x10FFFF ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			goto bad;
		i += need + 1;
	}
	return true;
bad:
	if (bad_offset)
		*bad_offset = i;
	return false;
}
