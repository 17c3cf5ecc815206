/*
 * report_out.c - the output side every report renderer shares: a sink that
 * writes to a FILE or grows a buffer, and the escaping of user text for
 * each format, written once here so that no renderer can forget a case
 * (HTML entities, CSV quoting and formula neutralising, Markdown markup,
 * terminal cells measured in columns).
 */
#include "report_int.h"

#include <string.h>

void atr_sink_write(atr_sink *s, const char *text, size_t len)
{
	if (s->failed || len == 0)
		return;
	if (s->file) {
		if (fwrite(text, 1, len, s->file) != len)
			s->failed = true;
		return;
	}
	atr_buf_append(&s->buf, text, len);
	if (atr_buf_failed(&s->buf))
		s->failed = true;
}

void atr_sink_puts(atr_sink *s, const char *text)
{
	if (text)
		atr_sink_write(s, text, strlen(text));
}

void atr_sink_printf(atr_sink *s, const char *fmt, ...)
{
	atr_buf b = ATR_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	atr_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	if (atr_buf_failed(&b))
		s->failed = true;
	else
		atr_sink_write(s, b.data, b.len);
	atr_buf_clear(&b);
}

void atr_sink_repeat(atr_sink *s, const char *text, int n)
{
	for (int i = 0; i < n; i++)
		atr_sink_puts(s, text);
}

/* Write text[0..len) where each byte for which `replace` gives a string is
 * written as that string instead: the one loop all escapers share. */
static void write_escaped(atr_sink *s, const char *text, const char *(*replace)(unsigned char))
{
	const char *run = text;
	for (const char *p = text; *p; p++) {
		const char *with = replace((unsigned char)*p);
		if (!with)
			continue;
		atr_sink_write(s, run, (size_t)(p - run));
		atr_sink_puts(s, with);
		run = p + 1;
	}
	atr_sink_puts(s, run);
}

static const char *html_replacement(unsigned char c)
{
	switch (c) {
	case '&': return "&amp;";
	case '<': return "&lt;";
	case '>': return "&gt;";
	case '"': return "&quot;";
	case '\'': return "&#39;";
	default: return NULL;
	}
}

void atr_sink_html(atr_sink *s, const char *text)
{
	if (text)
		write_escaped(s, text, html_replacement);
}

int atrack_html_escape_write(FILE *out, const char *text)
{
	if (!out)
		return atr_misuse(NULL, "atrack_html_escape_write");
	atr_sink sink = { out, ATR_BUF_INIT, false, false };
	atr_sink_html(&sink, text);
	return sink.failed ? ATRACK_IO : ATRACK_OK;
}

static const char *csv_replacement(unsigned char c)
{
	return c == '"' ? "\"\"" : NULL;
}

void atr_sink_csv(atr_sink *s, const char *text)
{
	if (!text)
		return;
	/* A spreadsheet runs a cell that starts with one of these as a
	 * formula (OWASP "CSV injection"); a leading ' makes it text. */
	bool formula = strchr("=+-@\t\r", text[0]) != NULL && text[0] != '\0';
	bool quote = formula || strpbrk(text, ",\"\r\n") != NULL;
	if (quote)
		atr_sink_puts(s, "\"");
	if (formula)
		atr_sink_puts(s, "'");
	write_escaped(s, text, csv_replacement);
	if (quote)
		atr_sink_puts(s, "\"");
}

static const char *md_replacement(unsigned char c)
{
	switch (c) {
	case '\\': return "\\\\";
	case '|': return "\\|";
	case '*': return "\\*";
	case '_': return "\\_";
	case '`': return "\\`";
	case '[': return "\\[";
	case ']': return "\\]";
	case '#': return "\\#";
	case '<': return "&lt;";
	case '>': return "&gt;";
	case '&': return "&amp;";
	default: return c < 0x20 || c == 0x7F ? " " : NULL;
	}
}

void atr_sink_md(atr_sink *s, const char *text)
{
	if (text)
		write_escaped(s, text, md_replacement);
}

void atr_sink_md_date(atr_sink *s, const char *text)
{
	if (!text)
		return;
	const char *run = text;
	for (const char *p = text; *p; p++) {
		bool joins = *p == '-' && p > text && p[-1] >= '0' && p[-1] <= '9' && p[1] >= '0'
		             && p[1] <= '9';
		const char *with = joins ? ATR_MD_NB_HYPHEN : md_replacement((unsigned char)*p);
		if (!with)
			continue;
		atr_sink_write(s, run, (size_t)(p - run));
		atr_sink_puts(s, with);
		run = p + 1;
	}
	atr_sink_puts(s, run);
}

/* Length of the UTF-8 sequence at p and its code point (a bad byte counts
 * as one character). */
static size_t next_char(const unsigned char *p, unsigned int *cp)
{
	size_t n = p[0] < 0x80 ? 1 : (p[0] & 0xE0) == 0xC0 ? 2 : (p[0] & 0xF0) == 0xE0 ? 3
	           : (p[0] & 0xF8) == 0xF0 ? 4 : 1;
	unsigned int v = n == 1 ? p[0] : n == 2 ? p[0] & 0x1Fu : n == 3 ? p[0] & 0x0Fu : p[0] & 0x07u;
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return *cp = 0xFFFD, 1;
		v = (v << 6) | (p[i] & 0x3Fu);
	}
	*cp = v;
	return n;
}

/* Columns of one code point: Hangul and CJK take two, combining marks none. */
static int columns_of(unsigned int cp)
{
	static const unsigned int wide[][2] = {
		{ 0x1100, 0x115F }, { 0x2E80, 0xA4CF }, { 0xAC00, 0xD7A3 }, { 0xF900, 0xFAFF },
		{ 0xFE30, 0xFE4F }, { 0xFF00, 0xFF60 }, { 0xFFE0, 0xFFE6 }, { 0x1F300, 0x1FAFF },
		{ 0x20000, 0x3FFFD },
	};
	if (cp >= 0x0300 && cp <= 0x036F)
		return 0;
	for (size_t i = 0; i < ATR_ARRAY_SIZE(wide); i++)
		if (cp >= wide[i][0] && cp <= wide[i][1])
			return 2;
	return 1;
}

int atr_text_width(const char *text)
{
	int width = 0;
	for (const unsigned char *p = (const unsigned char *)text; p && *p;) {
		unsigned int cp;
		p += next_char(p, &cp);
		width += columns_of(cp);
	}
	return width;
}

/* C0, DEL and C1: what a terminal may take as the start of an escape. */
static bool is_control(unsigned int cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

void atr_sink_plain(atr_sink *s, const char *text)
{
	const unsigned char *p = (const unsigned char *)(text ? text : "");
	const unsigned char *run = p;
	while (*p) {
		unsigned int cp;
		size_t n = next_char(p, &cp);
		if (is_control(cp) || (s->ascii && cp >= 0x80)) {
			atr_sink_write(s, (const char *)run, (size_t)(p - run));
			atr_sink_puts(s, is_control(cp) ? " " : "?");
			run = p + n;
		}
		p += n;
	}
	atr_sink_write(s, (const char *)run, (size_t)(p - run));
}

void atr_sink_cell(atr_sink *s, const char *text, int width, bool pad)
{
	const unsigned char *p = (const unsigned char *)(text ? text : "");
	bool cut = atr_text_width((const char *)p) > width;
	int room = cut ? width - 1 : width; /* leave a column for the "…" */
	int used = 0;
	while (*p) {
		unsigned int cp;
		size_t n = next_char(p, &cp);
		int w = columns_of(cp);
		if (used + w > room)
			break;
		if (is_control(cp))
			atr_sink_puts(s, " ");
		else if (s->ascii && cp >= 0x80)
			atr_sink_repeat(s, "?", w);
		else
			atr_sink_write(s, (const char *)p, n);
		used += w;
		p += n;
	}
	if (cut && width > 0) {
		atr_sink_puts(s, s->ascii ? "~" : "\xE2\x80\xA6");
		used++;
	}
	if (pad)
		atr_sink_repeat(s, " ", width - used);
}

int atr_percent(unsigned int part, unsigned int whole)
{
	return whole ? (int)((part * 200u + whole) / (2u * whole)) : 0;
}

const char *atr_health_words(const char *health)
{
	if (!health)
		return "";
	if (strcmp(health, "on_track") == 0)
		return "on track";
	if (strcmp(health, "at_risk") == 0)
		return "at risk";
	if (strcmp(health, "off_track") == 0)
		return "off track";
	return health;
}

void atr_row_details(const atrack_report_row *row, const char *sep, atr_buf *b)
{
	const char *gap = "";
	if (row->percent_complete >= 0) {
		atr_buf_printf(b, "%d%% complete", row->percent_complete);
		gap = sep;
	}
	if (row->target_date) {
		atr_buf_printf(b, "%starget %s%s", gap, row->target_date, row->overdue ? " (overdue)" : "");
		gap = sep;
	}
	if (row->meeting_name) {
		atr_buf_printf(b, "%s%s", gap, row->meeting_name);
		gap = sep;
	}
	if (row->health_date && row->health_update_id != row->update_id) {
		atr_buf_printf(b, "%shealth as of %s", gap, row->health_date);
		gap = sep;
	}
	if (row->latest_note && *row->latest_note) {
		atr_buf_printf(b, "%s%s", gap, row->latest_note);
		if (row->latest_note_date && strcmp(row->latest_note_date, row->last_update) != 0)
			atr_buf_printf(b, " (%s)", row->latest_note_date);
		gap = sep;
	}
	if (row->evidence_url)
		atr_buf_printf(b, "%s<%s>", gap, row->evidence_url);
}

void atr_change_words(const atrack_report_change *c, const char *arrow, atr_buf *b)
{
	const char *to = c->to_status_label ? c->to_status_label : c->to_status;
	if (c->kind == ATRACK_CHANGE_TRANSITION)
		atr_buf_printf(b, "%s %s %s", c->from_status_label ? c->from_status_label
		               : c->from_status, arrow, to);
	else if (c->kind == ATRACK_CHANGE_NEW)
		atr_buf_printf(b, "new, %s", to);
	else
		atr_buf_printf(b, "still %s", to);
	if (c->health && (!c->from_health || strcmp(c->health, c->from_health) != 0)) {
		if (c->from_health)
			atr_buf_printf(b, "; %s %s %s", atr_health_words(c->from_health), arrow,
			               atr_health_words(c->health));
		else
			atr_buf_printf(b, "; %s", atr_health_words(c->health));
	}
	if (c->to_percent >= 0 && c->to_percent != c->from_percent) {
		if (c->from_percent >= 0)
			atr_buf_printf(b, "; %d%% %s %d%%", c->from_percent, arrow, c->to_percent);
		else
			atr_buf_printf(b, "; %d%%", c->to_percent);
	}
}

const char *atr_change_word(atrack_report_change_kind kind)
{
	switch (kind) {
	case ATRACK_CHANGE_NEW: return "new";
	case ATRACK_CHANGE_TRANSITION: return "status";
	case ATRACK_CHANGE_UPDATE: return "update";
	}
	return "update";
}
