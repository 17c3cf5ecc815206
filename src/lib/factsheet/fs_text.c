/*
 * fs_text.c - the lowest layer of the fact-sheet parser: byte classes,
 * word comparison, searching, cleaning copies, and lookups in the
 * vocabularies of fs_tables.c (months, kind nouns, short party forms).
 * It calls nothing above it; every other fs_*.c may call it.
 */
#include "factsheet_int.h"

#include <string.h>

bool fsp_is_small_word_ci(const char *s, size_t len)
{
	for (const char *const *w = FSP_SMALL_WORDS; *w; w++)
		if (fsp_word_is_ci(s, len, *w))
			return true;
	return false;
}

bool fsp_is_known_short(const char *s, size_t len)
{
	for (size_t i = 0; i < FSP_PARTY_COUNT; i++)
		for (size_t k = 0; k < 4 && FSP_PARTIES[i].shorts[k]; k++)
			if (fsp_word_is(s, len, FSP_PARTIES[i].shorts[k]))
				return true;
	/* hyphen compounds of short forms: "U.S.-ROK" */
	size_t start = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && s[i] != '-')
			continue;
		if (i == start || (i == len && start == 0))
			return false;
		bool known = false;
		for (size_t p = 0; p < FSP_PARTY_COUNT && !known; p++)
			for (size_t k = 0; k < 4 && FSP_PARTIES[p].shorts[k]; k++)
				if (fsp_word_is(s + start, i - start, FSP_PARTIES[p].shorts[k]))
					known = true;
		if (!known)
			return false;
		start = i + 1;
	}
	return true;
}

const struct fsp_kind_noun *fsp_kind_noun(const char *s, size_t len)
{
	for (size_t i = 0; i < FSP_KIND_NOUN_COUNT; i++)
		if (fsp_word_is(s, len, FSP_KIND_NOUNS[i].noun))
			return &FSP_KIND_NOUNS[i];
	return NULL;
}

int fsp_month_of(const char *s, size_t len)
{
	if (len > 0 && s[len - 1] == '.')
		len--;
	for (int i = 0; i < 12; i++)
		if (fsp_word_is(s, len, FSP_MONTHS[i]) ||
		    fsp_word_is(s, len, FSP_MONTH_ABBREVIATIONS[i]) ||
		    (i == 8 && fsp_word_is(s, len, "Sept")))
			return i + 1;
	return 0;
}

size_t fsp_possessive_cut(const char *s, size_t n)
{
	if (n > 2 && s[n - 2] == '\'' && s[n - 1] == 's')
		return n - 2;
	if (n > 4 && memcmp(s + n - 4, "\xE2\x80\x99s", 4) == 0)
		return n - 4;
	return n;
}

bool fsp_number_word(const char *s, size_t n, int digits_min, int digits_max,
                        int *value)
{
	if ((int)n < digits_min || (int)n > digits_max)
		return false;
	*value = 0;
	for (size_t i = 0; i < n; i++) {
		if (!fsp_is_digit(s[i]))
			return false;
		*value = *value * 10 + (s[i] - '0');
	}
	return true;
}

bool fsp_format_date(char out[11], int y, int mo, int d)
{
	if (y <= 0 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > 31)
		return false;
	snprintf(out, 11, "%04d-%02d-%02d", y, mo, d);
	if (atr_date_valid(out))
		return true;
	out[0] = '\0';
	return false;
}

bool fsp_reserve(void *array, size_t *cap, size_t need, size_t size)
{
	void *items;
	if (need <= *cap)
		return true;
	size_t new_cap = *cap ? *cap : 8;
	while (new_cap < need) {
		if (new_cap > SIZE_MAX / 2 / size)
			return false;
		new_cap *= 2;
	}
	memcpy(&items, array, sizeof items);
	items = atr_realloc(items, new_cap * size);
	if (!items)
		return false;
	memcpy(array, &items, sizeof items);
	*cap = new_cap;
	return true;
}

bool fsp_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' ||
	       c == '\f';
}

bool fsp_is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

bool fsp_is_lower(char c)
{
	return c >= 'a' && c <= 'z';
}

bool fsp_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

bool fsp_is_alnum(char c)
{
	return fsp_is_upper(c) || fsp_is_lower(c) || fsp_is_digit(c);
}

bool fsp_word_is(const char *s, size_t len, const char *word)
{
	return strlen(word) == len && memcmp(s, word, len) == 0;
}

char fsp_lower(char c)
{
	return fsp_is_upper(c) ? (char)(c - 'A' + 'a') : c;
}

bool fsp_word_is_ci(const char *s, size_t len, const char *word)
{
	if (strlen(word) != len)
		return false;
	for (size_t i = 0; i < len; i++)
		if (fsp_lower(s[i]) != fsp_lower(word[i]))
			return false;
	return true;
}

bool fsp_in_list(const char *s, size_t len, const char *const *list)
{
	for (; *list; list++)
		if (fsp_word_is(s, len, *list))
			return true;
	return false;
}

/* Words that title case leaves in lower case and that may sit inside a
 * proper name ("Council for Pacific Maritime Security"). */
bool fsp_is_small_word(const char *s, size_t len)
{
	return fsp_in_list(s, len, FSP_SMALL_WORDS);
}

size_t fsp_find_ci(const char *hay, size_t len, size_t from, const char *needle)
{
	size_t n = strlen(needle);
	if (n == 0 || len < n)
		return SIZE_MAX;
	for (size_t i = from; i + n <= len; i++) {
		if (fsp_lower(hay[i]) != fsp_lower(needle[0]))
			continue;
		if (fsp_word_is_ci(hay + i, n, needle))
			return i;
	}
	return SIZE_MAX;
}

/* Copy with the typographic apostrophe (U+2019) turned into ASCII and runs
 * of whitespace into one space, since names are compared and slugged. */
char *fsp_clean_dup(const char *s, size_t len)
{
	char *out = atr_malloc(len + 1);
	size_t n = 0;
	bool space = false;
	if (!out)
		return NULL;
	for (size_t i = 0; i < len; i++) {
		if (i + 2 < len && (unsigned char)s[i] == 0xE2 &&
		    (unsigned char)s[i + 1] == 0x80 &&
		    ((unsigned char)s[i + 2] == 0x99 || (unsigned char)s[i + 2] == 0x98)) {
			out[n++] = '\'';
			i += 2;
			space = false;
		} else if (fsp_space_at(s, len, i)) {
			space = true;
			i += fsp_space_at(s, len, i) - 1;
		} else {
			if (space && n > 0)
				out[n++] = ' ';
			space = false;
			out[n++] = s[i];
		}
	}
	out[n] = '\0';
	return out;
}

/* The bytes of white space at s[i]: ASCII space or a no-break space
 * (U+00A0, U+202F) that the genre puts at line starts and ends. */
size_t fsp_space_at(const char *s, size_t len, size_t i)
{
	if (fsp_is_space(s[i]))
		return 1;
	if (i + 1 < len && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA0)
		return 2;
	if (i + 2 < len && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
	    ((unsigned char)s[i + 2] == 0xAF || (unsigned char)s[i + 2] == 0x8B))
		return 3;
	return 0;
}
