/*
 * corpus_score.c - scores the parser against annotated documents of the
 * genre. For each NN_*.txt in --corpus DIR (and the --bundled sheet) it
 * parses the text with fs_parse() (the model `import --dry-run` shows)
 * and compares it with the NN_*.json annotation beside it: meetings (name,
 * date, ordinal), participants (name, title, party), sections and their
 * initiative counts, the number of initiatives, frameworks by name or
 * acronym (recall and precision) and parties (those the parser marks as
 * only mentioned are not counted). Prints one line per
 * document and the mean; exits 1 below --min-mean / --min-doc or when the
 * bundled sheet is not exact, 77 when the corpus folder is absent.
 * Calls the parser (factsheet.h) and jansson only.
 */
#include "factsheet/factsheet.h"

#include <ctype.h>
#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define NORM_MAX 1024

/* U+00A0 and U+202F to a space, runs of space collapsed, ASCII folded,
 * a trailing colon or period and surrounding spaces dropped. */
static void norm(const char *s, char *out)
{
	size_t n = 0;
	int space = 1;
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p && n + 1 < NORM_MAX; p++) {
		int c = *p;
		if (c == 0xC2 && p[1] == 0xA0) { p++; c = ' '; }
		else if (c == 0xE2 && p[1] == 0x80 && (p[2] == 0x98 || p[2] == 0x99)) { p += 2; c = '\''; }
		else if (c == 0xE2 && p[1] == 0x80 && (p[2] == 0x9C || p[2] == 0x9D)) { p += 2; c = '"'; }
		else if (c == 0xE2 && p[1] == 0x80 && p[2] == 0xAF) { p += 2; c = ' '; }
		if (isspace(c)) { if (!space) out[n++] = ' '; space = 1; continue; }
		out[n++] = (char)tolower(c);
		space = 0;
	}
	while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == ':' || out[n - 1] == '.'))
		n--;
	out[n] = '\0';
}

static int same(const char *a, const char *b)
{
	char x[NORM_MAX], y[NORM_MAX];
	if (!a || !b) return 0;
	norm(a, x); norm(b, y);
	return x[0] && strcmp(x, y) == 0;
}

static int contains(const char *hay, const char *needle)
{
	char x[NORM_MAX], y[NORM_MAX];
	if (!hay || !needle) return 0;
	norm(hay, x); norm(needle, y);
	return y[0] && strstr(x, y) != NULL;
}

/* The annotation's canonical country names, and the forms texts use. */
static const char *canon_country(const char *s)
{
	static const char *const table[][2] = {
		{"u.s.", "United States"}, {"us", "United States"}, {"usa", "United States"},
		{"united states of america", "United States"}, {"america", "United States"},
		{"rok", "Republic of Korea"}, {"korea", "Republic of Korea"},
		{"south korea", "Republic of Korea"}, {"uk", "United Kingdom"},
		{"u.k.", "United Kingdom"}, {"the philippines", "Philippines"},
		{"republic of the philippines", "Philippines"}, {"republic of india", "India"},
		{"kingdom of spain", "Spain"},
	};
	char x[NORM_MAX];
	if (!s) return "";
	norm(s, x);
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
		if (strcmp(x, table[i][0]) == 0) return table[i][1];
	return s;
}

static double ratio(double a, double b)
{
	if (a == 0 && b == 0) return 1.0;
	return (a < b ? a : b) / (a > b ? a : b);
}

static double f1(double hits_r, double n_a, double hits_p, double n_p)
{
	if (n_a == 0 && n_p == 0) return 1.0;
	if (n_a == 0 || n_p == 0) return 0.0;
	double r = hits_r / n_a, p = hits_p / n_p;
	return r + p == 0 ? 0.0 : 2 * r * p / (r + p);
}

static const char *jstr(json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

/* Meetings: each annotated meeting scored on name, date and ordinal
 * against its best parsed meeting; divided by the larger count. */
static double score_meetings(json_t *a, const fs_model *m)
{
	size_t na = json_array_size(a);
	double sum = 0;
	for (size_t i = 0; i < na; i++) {
		json_t *e = json_array_get(a, i);
		const char *name = jstr(e, "name"), *date = jstr(e, "date");
		json_int_t ord = json_integer_value(json_object_get(e, "ordinal"));
		double best = 0;
		for (size_t j = 0; j < m->meeting_count; j++) {
			const fs_meeting *p = &m->meetings[j];
			double s = 0;
			if (!name || contains(p->name, name) || contains(name, p->name) ||
			    (p->kind && contains(name, p->kind)) ||
			    (p->short_kind && contains(name, p->short_kind)))
				s += 1;
			if ((!date && !p->start_date[0]) || (date && strcmp(date, p->start_date) == 0))
				s += 1;
			if ((json_int_t)p->ordinal == ord)
				s += 1;
			if (s / 3 > best) best = s / 3;
		}
		sum += best;
	}
	size_t n = na > m->meeting_count ? na : m->meeting_count;
	return n ? sum / (double)n : 1.0;
}

static int party_is(const fs_model *m, int party, const char *country)
{
	if (party < 0 || (size_t)party >= m->party_count || !country) return 0;
	const fs_party *p = &m->parties[party];
	return same(canon_country(p->name), canon_country(country)) ||
	       same(canon_country(p->short_name), canon_country(country));
}

static int name_matches(const char *parsed, const char *annotated)
{
	char x[NORM_MAX], y[NORM_MAX];
	if (!parsed || !annotated) return 0;
	if (same(parsed, annotated)) return 1;
	/* A surname-only annotation ("Biden") matches a fuller name. */
	norm(parsed, x); norm(annotated, y);
	if (!strchr(y, ' ')) {
		for (char *t = strtok(x, " "); t; t = strtok(NULL, " "))
			if (strcmp(t, y) == 0) return 1;
		return 0;
	}
	return contains(parsed, annotated) || contains(annotated, parsed);
}

/* Participants: name, title and party, a third each; precision over the
 * people the parser found. */
static double score_people(json_t *a, const fs_model *m)
{
	size_t na = json_array_size(a);
	double sum = 0;
	for (size_t i = 0; i < na; i++) {
		json_t *e = json_array_get(a, i);
		double best = 0;
		for (size_t j = 0; j < m->person_count; j++) {
			const fs_person *p = &m->people[j];
			if (!name_matches(p->name, jstr(e, "name"))) continue;
			double s = 1 + same(p->title, jstr(e, "title")) +
			           party_is(m, p->party, jstr(e, "country"));
			if (s / 3 > best) best = s / 3;
		}
		sum += best;
	}
	size_t n = na > m->person_count ? na : m->person_count;
	return n ? sum / (double)n : 1.0;
}

/* A heading as the annotation writes it: no leading number, no colon. */
static void heading_norm(const char *s, char *out)
{
	char x[NORM_MAX];
	norm(s, x);
	const char *p = x;
	while (isdigit((unsigned char)*p)) p++;
	if (p != x && (*p == '.' || *p == ')')) { p++; while (*p == ' ') p++; }
	else p = x;
	strcpy(out, p);
}

static size_t section_items(const fs_model *m, size_t s)
{
	size_t n = 0;
	for (size_t i = 0; i < m->initiative_count; i++)
		if (m->initiatives[i].section == (int)s) n++;
	return n;
}

/* Sections: headings found (F1), and the initiative count of each one
 * found; averaged. */
static double score_sections(json_t *a, const fs_model *m)
{
	size_t na = 0, hits = 0, counted = 0;
	double counts = 0;
	char *used = calloc(m->section_count + 1, 1);
	for (size_t i = 0; i < json_array_size(a); i++) {
		json_t *e = json_array_get(a, i);
		const char *h = jstr(e, "heading");
		if (!h) continue;
		na++;
		char x[NORM_MAX], y[NORM_MAX];
		heading_norm(h, x);
		for (size_t j = 0; j < m->section_count; j++) {
			if (used[j]) continue;
			heading_norm(m->sections[j].heading, y);
			if (strcmp(x, y) != 0) continue;
			used[j] = 1;
			hits++;
			json_t *c = json_object_get(e, "initiative_count");
			if (json_is_integer(c)) {
				counted++;
				counts += ratio((double)json_integer_value(c), (double)section_items(m, j));
			}
			break;
		}
	}
	free(used);
	double head = f1((double)hits, (double)na, (double)hits, (double)m->section_count);
	return counted ? (head + counts / (double)counted) / 2 : head;
}

static double score_initiatives(json_t *doc, const fs_model *m)
{
	json_t *t = json_object_get(doc, "initiatives_total");
	double want;
	if (json_is_integer(t))
		want = (double)json_integer_value(t);
	else
		want = (double)json_array_size(json_object_get(doc, "candidate_initiatives"));
	return ratio(want, (double)m->initiative_count);
}

static int fw_matches(json_t *e, const fs_framework *f)
{
	const char *ac = jstr(e, "acronym");
	if (same(f->name, jstr(e, "name")) || same(f->name, jstr(e, "literal"))) return 1;
	if (ac && (same(f->acronym, ac) || same(f->name, ac))) return 1;
	json_t *aw = json_object_get(e, "also_written");
	for (size_t k = 0; k < json_array_size(aw); k++)
		if (same(f->name, json_string_value(json_array_get(aw, k)))) return 1;
	return 0;
}

static double score_frameworks(json_t *a, const fs_model *m)
{
	size_t na = json_array_size(a), hr = 0, hp = 0;
	for (size_t i = 0; i < na; i++)
		for (size_t j = 0; j < m->framework_count; j++)
			if (fw_matches(json_array_get(a, i), &m->frameworks[j])) { hr++; break; }
	for (size_t j = 0; j < m->framework_count; j++)
		for (size_t i = 0; i < na; i++)
			if (fw_matches(json_array_get(a, i), &m->frameworks[j])) { hp++; break; }
	return f1((double)hr, (double)na, (double)hp, (double)m->framework_count);
}

/* Parties: the countries that meet. A parsed party that is an annotated
 * grouping (NATO, Quad) is neither a hit nor a miss. */
static double score_parties(json_t *doc, const fs_model *m)
{
	json_t *a = json_object_get(doc, "countries"), *fw = json_object_get(doc, "frameworks");
	size_t na = json_array_size(a), np = 0, hr = 0, hp = 0;
	for (size_t i = 0; i < na; i++)
		for (size_t j = 0; j < m->party_count; j++)
			if (party_is(m, (int)j, json_string_value(json_array_get(a, i)))) { hr++; break; }
	for (size_t j = 0; j < m->party_count; j++) {
		int grouping = 0, hit = 0;
		if (m->parties[j].mentioned)
			continue;
		for (size_t i = 0; i < json_array_size(fw); i++) {
			fs_framework f = {0};
			f.name = m->parties[j].name;
			f.acronym = m->parties[j].short_name;
			if (fw_matches(json_array_get(fw, i), &f)) grouping = 1;
		}
		for (size_t i = 0; i < na; i++)
			if (party_is(m, (int)j, json_string_value(json_array_get(a, i)))) hit = 1;
		if (grouping && !hit) continue;
		np++;
		hp += (size_t)hit;
	}
	return f1((double)hr, (double)na, (double)hp, (double)np);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f) return NULL;
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap);
	size_t r;
	while (buf && (r = fread(buf + n, 1, cap - n, f)) > 0) {
		n += r;
		if (n == cap) { char *nb = realloc(buf, cap *= 2); if (!nb) { free(buf); buf = NULL; } else buf = nb; }
	}
	fclose(f);
	*len = n;
	return buf;
}

/* Scores one document; -1 when it cannot be read. */
static double score_one(const char *txt, const char *ann, const char *label)
{
	size_t len;
	char *text = slurp(txt, &len);
	json_error_t jerr;
	json_t *doc = json_load_file(ann, 0, &jerr);
	if (!text || !doc) {
		fprintf(stderr, "corpus_score: cannot read %s\n", text ? ann : txt);
		free(text); json_decref(doc);
		return -1;
	}
	fs_model *m = NULL;
	fs_error err;
	double s[6] = {0};
	if (fs_parse(text, len, &m, &err) == 0) {
		s[0] = score_meetings(json_object_get(doc, "meetings"), m);
		s[1] = score_people(json_object_get(doc, "participants"), m);
		s[2] = score_sections(json_object_get(doc, "sections"), m);
		s[3] = score_initiatives(doc, m);
		s[4] = score_frameworks(json_object_get(doc, "frameworks"), m);
		s[5] = score_parties(doc, m);
	}
	double total = (s[0] + s[1] + s[2] + s[3] + s[4] + s[5]) / 6;
	printf("%-40.40s %5.3f  meet %4.2f  people %4.2f  sect %4.2f  init %4.2f  fw %4.2f  party %4.2f%s\n",
	       label, total, s[0], s[1], s[2], s[3], s[4], s[5], m ? "" : "  (refused)");
	fs_model_free(m);
	json_decref(doc);
	free(text);
	return total;
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
	const char *dir = NULL, *bundled = NULL, *bundled_ann = NULL;
	double min_mean = 0.95, min_doc = 0.85;
	for (int i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--corpus")) dir = argv[i + 1];
		else if (!strcmp(argv[i], "--bundled")) bundled = argv[i + 1];
		else if (!strcmp(argv[i], "--bundled-annotation")) bundled_ann = argv[i + 1];
		else if (!strcmp(argv[i], "--min-mean")) min_mean = atof(argv[i + 1]);
		else if (!strcmp(argv[i], "--min-doc")) min_doc = atof(argv[i + 1]);
		else { fprintf(stderr, "corpus_score: unknown option %s\n", argv[i]); return 2; }
	}
	int fail = 0;
	if (bundled && bundled_ann) {
		double b = score_one(bundled, bundled_ann, "(bundled sheet)");
		if (b < 0.9999) { fprintf(stderr, "corpus_score: the bundled sheet is not exact\n"); fail = 1; }
	}
	DIR *d = dir ? opendir(dir) : NULL;
	if (!d) {
		printf("corpus_score: no corpus folder %s; skipping the corpus (set ATRACK_CORPUS_DIR)\n",
		       dir ? dir : "(none given)");
		return fail ? 1 : 77;
	}
	char *names[256];
	size_t n = 0;
	struct dirent *de;
	while ((de = readdir(d)) && n < 256) {
		size_t l = strlen(de->d_name);
		if (l > 4 && !strcmp(de->d_name + l - 4, ".txt") && isdigit((unsigned char)de->d_name[0]))
			names[n++] = strdup(de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof *names, cmp);
	double sum = 0;
	size_t scored = 0;
	for (size_t i = 0; i < n; i++) {
		char txt[4096], ann[4096];
		snprintf(txt, sizeof txt, "%s/%s", dir, names[i]);
		snprintf(ann, sizeof ann, "%s/%.*s.json", dir, (int)(strlen(names[i]) - 4), names[i]);
		double s = score_one(txt, ann, names[i]);
		free(names[i]);
		if (s < 0) { fail = 1; continue; }
		sum += s;
		scored++;
		if (s < min_doc) fail = 1;
	}
	double mean = scored ? sum / (double)scored : 0;
	printf("%-40s %5.3f  (%zu documents; thresholds: mean >= %.2f, each >= %.2f)\n",
	       "mean", mean, scored, min_mean, min_doc);
	if (mean < min_mean) fail = 1;
	return fail;
}
