/*
 * fs_list.c - list markers at the start of a line ("-", "*", "•", "–",
 * "1.", "1)", "a)", "(a)"). Calls only fs_text.c.
 */
#include "factsheet_int.h"

#include <string.h>

/* The bytes of the space at s[i]: an ASCII space or tab, or a no-break
 * space (U+00A0, U+202F), which pasted pages put after list numbers. */
static size_t space_len(const char *s, size_t len, size_t i)
{
	if (i < len && fsp_is_space(s[i]))
		return 1;
	if (i + 1 < len && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA0)
		return 2;
	if (i + 2 < len && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
	    (unsigned char)s[i + 2] == 0xAF)
		return 3;
	return 0;
}

/* The list marker at the start of s, if any: its length including the
 * spaces after it, or 0. */
size_t fsp_detect_marker(const char *s, size_t len, int *style, long *number)
{
	size_t i = 0;
	*number = 0;
	if (len >= 2 && (s[0] == '-' || s[0] == '*') && fsp_is_space(s[1])) {
		*style = MARK_BULLET;
		i = 1;
	} else if (len >= 4 && (unsigned char)s[0] == 0xE2 &&
	           (unsigned char)s[1] == 0x80 &&
	           ((unsigned char)s[2] == 0xA2 || (unsigned char)s[2] == 0x93) &&
	           fsp_is_space(s[3])) {
		*style = MARK_BULLET; /* "•" or "–" */
		i = 3;
	} else if (fsp_is_digit(s[0])) {
		while (i < len && i < 3 && fsp_is_digit(s[i]))
			*number = *number * 10 + (s[i++] - '0');
		if (i + 1 >= len || (s[i] != '.' && s[i] != ')') || !space_len(s, len, i + 1))
			return 0;
		*style = s[i] == '.' ? MARK_NUMBER_DOT : MARK_NUMBER_PAREN;
		i++;
	} else if (len >= 3 && fsp_is_lower(s[0]) && s[1] == ')' && fsp_is_space(s[2])) {
		*style = MARK_LETTER;
		*number = s[0] - 'a' + 1;
		i = 2;
	} else if (len >= 4 && s[0] == '(' && (fsp_is_lower(s[1]) || fsp_is_digit(s[1]))) {
		i = 1;
		while (i < len && i < 4 && fsp_is_alnum(s[i]))
			i++;
		if (i + 1 >= len || s[i] != ')' || !fsp_is_space(s[i + 1]))
			return 0;
		*style = MARK_PARENS;
		i++;
	} else {
		return 0;
	}
	for (size_t n; (n = space_len(s, len, i)) > 0;)
		i += n;
	return i < len ? i : 0;
}
