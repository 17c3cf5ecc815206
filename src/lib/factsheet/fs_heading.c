/*
 * fs_heading.c - what a heading line looks like (ALL CAPS, Title Case,
 * Markdown "#"), trailer lines, and the title-cased form of a heading.
 * Calls only fs_text.c and fs_tables.c.
 */
#include "factsheet_int.h"

#include <string.h>

/* The last byte of a line, looking through closing quotes and brackets. */
char fsp_final_char(const char *s, size_t len)
{
	while (len > 0) {
		unsigned char c = (unsigned char)s[len - 1];
		if (c == ')' || c == '"' || c == '\'' || c == ']') {
			len--;
		} else if (len >= 3 && c == 0x9D && (unsigned char)s[len - 2] == 0x80 &&
		           (unsigned char)s[len - 3] == 0xE2) {
			len -= 3; /* ” */
		} else if (len >= 3 && c == 0x99 && (unsigned char)s[len - 2] == 0x80 &&
		           (unsigned char)s[len - 3] == 0xE2) {
			len -= 3; /* ’ */
		} else {
			return (char)c;
		}
	}
	return '\0';
}

bool fsp_ends_sentence(const char *s, size_t len)
{
	char c = fsp_final_char(s, len);
	return c == '.' || c == '!' || c == '?' || c == ';' || c == ':';
}

/* Whether every word that matters starts with a capital, as in a heading
 * ("Strengthening Regional Security Cooperation"), in at most max_words
 * words and with no sentence punctuation at the end. */
bool fsp_is_title_case(const char *s, size_t len, int max_words)
{
	int words = 0;
	bool capital = false;
	size_t i = 0;
	char last = fsp_final_char(s, len);
	if (last == '.' || last == ',' || last == ';' || last == ':' ||
	    last == '!' || last == '?')
		return false;
	size_t sp;
	while (i < len) {
		while (i < len && (sp = fsp_space_at(s, len, i)) > 0)
			i += sp; /* a no-break space separates words too */
		size_t start = i;
		while (i < len && !fsp_space_at(s, len, i))
			i++;
		if (start == i)
			break;
		if (++words > max_words)
			return false;
		size_t w = start;
		while (w < i && (s[w] == '(' || s[w] == '"' || s[w] == '\''))
			w++;
		if (w == i)
			continue;
		if (fsp_is_lower(s[w]) && !fsp_is_small_word(s + w, i - w) &&
		    !fsp_in_list(s + w, i - w, FSP_TITLE_LOWER_WORDS))
			return false;
		if (fsp_is_upper(s[w]))
			capital = true;
	}
	return capital;
}

bool fsp_is_all_caps(const char *s, size_t len)
{
	int letters = 0, words = 1;
	for (size_t i = 0; i < len; i++) {
		if (fsp_is_lower(s[i]))
			return false;
		if (fsp_is_upper(s[i]))
			letters++;
		if (s[i] == ' ')
			words++;
	}
	char last = fsp_final_char(s, len);
	return letters >= 3 && words <= 15 && last != ',' && last != ';';
}

size_t fsp_markdown_heading(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len && i < 6 && s[i] == '#')
		i++;
	if (i == 0 || i >= len || !fsp_is_space(s[i]))
		return 0;
	while (i < len && fsp_is_space(s[i]))
		i++;
	return i < len ? i : 0;
}

/* Trailers that sites append to a reposted fact sheet. */
bool fsp_is_boilerplate(const char *s, size_t len)
{
	if (len > 300)
		return false;
	if (len >= 7 && fsp_word_is_ci(s, 7, "source:"))
		return true;
	for (const char *const *p = FSP_TRAILER_PHRASES; *p; p++)
		if (fsp_find_ci(s, len, 0, *p) != SIZE_MAX)
			return true;
	return false;
}

/* Title case for a heading: capitalise each word that matters; an ALL
 * CAPS heading is first lowered, except words that read as acronyms. */
char *fsp_title_case(const char *s, size_t len)
{
	bool all_caps = fsp_is_all_caps(s, len);
	char *out = fsp_clean_dup(s, len);
	if (!out)
		return NULL;
	size_t n = strlen(out);
	size_t i = 0;
	bool first = true;
	while (i < n) {
		size_t start = i;
		while (i < n && out[i] != ' ')
			i++;
		size_t wlen = i - start;
		bool keep = false;
		for (size_t k = start; k < i; k++)
			if (out[k] == '.' || fsp_is_digit(out[k]))
				keep = true;
		if (all_caps && !keep && !fsp_is_known_short(out + start, wlen)) {
			bool word_start = true;
			for (size_t k = start; k < i; k++) {
				out[k] = word_start ? out[k] : fsp_lower(out[k]);
				word_start = out[k] == '-' || out[k] == '/';
			}
		}
		char *w = out + start;
		while (w < out + i && (*w == '(' || *w == '"'))
			w++;
		bool small = fsp_is_small_word(w, (size_t)(out + i - w)) ||
		             (all_caps && fsp_is_small_word_ci(w, (size_t)(out + i - w)));
		if (small && !first) {
			for (char *k = w; k < out + i; k++)
				*k = fsp_lower(*k);
		} else if (w < out + i && fsp_is_lower(*w)) {
			*w = (char)(*w - 'a' + 'A');
		}
		first = false;
		while (i < n && out[i] == ' ')
			i++;
	}
	return out;
}

/* A line of only "#" or "*" marks (and spaces): the "###", "# # #" and
 * "***" that end a release or separate its parts. Never a section. */
bool fsp_is_trailer(const char *s, size_t len)
{
	size_t marks = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '#' || s[i] == '*')
			marks++;
		else if (!fsp_is_space(s[i]))
			return false;
	}
	return marks >= 3;
}
