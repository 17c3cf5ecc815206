/*
 * corpus_score.c - measures how well the fact-sheet parser reads documents of
 * its genre: it parses each NN_*.txt of a corpus directory with the library's
 * model call (atrack_factsheet_json, the model `import --dry-run --json`
 * prints) and compares the model with the analyst's annotation NN_*.json
 * beside it. It calls only the public library and jansson.
 *
 * Usage: corpus_score --corpus DIR [--bundled TXT --bundled-annotation JSON]
 *                     [--min-mean X] [--min-each Y] [--min-bundled Z]
 * Exit 0 when every threshold holds, 1 when one does not (the bundled sheet
 * must score Z, by default exactly 1), 2 for usage or unreadable files, 77 when DIR does
 * not exist (a checkout without the corpus skips, never fails).
 *
 * Scoring rules. Strings are compared normalised: U+00A0/U+202F and runs of
 * white space become one space; ASCII is lower-cased; curly quotes,
 * apostrophes, dashes, periods, commas and other ASCII punctuation are
 * dropped (a hyphen becomes a space); a possessive "s" left after a dropped
 * apostrophe and the word "the" are dropped. Each component is in [0,1]:
 *
 *  meet   annotated meetings matched to model meetings (normalised name equal
 *         or one containing the other, or the model's kind or short kind equal
 *         to the name, or both dates equal; a meeting annotated with neither
 *         name nor date matches any model meeting): F1 of the match, times the
 *         share of date (start date) and ordinal values right among the
 *         matched (null = null is right; a date annotated null with a
 *         `date_inferred`, a date written without its year, expects that).
 *  part   participants matched by name (equal, or the annotated name is the
 *         model name's last word or vice versa): F1, times the share of title
 *         and party (the party's canonical name) right among the matched.
 *  sect   sections matched by heading: F1, times the share of matched sections
 *         whose initiative count equals the annotation's (counts annotated null
 *         are not checked). A section annotated with heading null is matched
 *         by the initiatives the model puts before any heading (in no
 *         section); where the annotation has no such section, those are not
 *         counted as one (a prose document's sentences are not a section).
 *  init   1 - |model - annotated| / max(model, annotated) over the total number
 *         of initiatives; not scored when the annotation's total is null
 *         (prose-only documents).
 *  fw     frameworks: a model framework matches an annotated one when the
 *         normalised names are equal, the acronyms are equal, or the model's
 *         name or acronym equals the annotation's acronym or one of its
 *         `also_written` forms; F1 of recall and precision.
 *  party  the model's parties (name or short name) against the annotation's
 *         countries: F1. Collective parties (NATO, Quad) the model records are
 *         not counted against it when the annotation names a framework of that
 *         name or acronym.
 * A component whose annotation and model are both empty scores 1. The
 * document's score is the mean of its scored components; a document the
 * parser refuses scores 0.
 */
#include <atrack.h>

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { C_MEET, C_PART, C_SECT, C_INIT, C_FW, C_PARTY, C_COUNT };
static const char *const component_names[C_COUNT] = { "meet", "part", "sect", "init", "fw", "party" };

typedef struct score {
	double value[C_COUNT];
	int scored[C_COUNT];
	double total;
	int refused;
} score;

/* The normalised form of s into out (size n). */
static void norm(const char *s, char *out, size_t n)
{
	char tmp[1024];
	size_t j = 0;
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	while (*p && j + 2 < sizeof tmp) {
		if (p[0] == 0xC2 && p[1] == 0xA0) { tmp[j++] = ' '; p += 2; continue; }
		if (p[0] == 0xE2 && p[1] == 0x80) {
			/* U+2010..U+2015 dashes, U+2018..U+201F quotes, U+200B, U+202F */
			if (p[2] >= 0x90 && p[2] <= 0x95) tmp[j++] = ' ';
			else if (p[2] == 0xAF) tmp[j++] = ' ';
			else if (p[2] >= 0x98 && p[2] <= 0x9F) tmp[j++] = '\'';
			else if (p[2] != 0x8B) { tmp[j++] = (char)p[0]; tmp[j++] = (char)p[1]; if (j < sizeof tmp - 1) tmp[j++] = (char)p[2]; }
			p += 3;
			continue;
		}
		if (*p < 0x80) {
			unsigned char c = *p;
			if (c >= 'A' && c <= 'Z') tmp[j++] = (char)(c - 'A' + 'a');
			else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '&') tmp[j++] = (char)c;
			else if (c == '\'') tmp[j++] = '\'';
			else tmp[j++] = ' ';
		} else {
			tmp[j++] = (char)*p;
		}
		p++;
	}
	tmp[j] = '\0';
	/* words: drop "the", a lone possessive "s", apostrophes */
	size_t o = 0;
	char *save = NULL;
	for (char *w = strtok_r(tmp, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		char word[256];
		size_t k = 0;
		for (const char *q = w; *q && k + 1 < sizeof word; q++)
			if (*q != '\'') word[k++] = *q;
		word[k] = '\0';
		size_t wl = strlen(w);
		if (wl >= 2 && w[wl - 2] == '\'' && w[wl - 1] == 's' && k > 1) word[k - 1] = '\0';
		if (!word[0] || strcmp(word, "the") == 0) continue;
		size_t l = strlen(word);
		if (o + l + 2 >= n) break;
		if (o) out[o++] = ' ';
		memcpy(out + o, word, l);
		o += l;
	}
	out[o] = '\0';
}

static int same(const char *a, const char *b)
{
	char x[1024], y[1024];
	if (!a || !b) return 0;
	norm(a, x, sizeof x);
	norm(b, y, sizeof y);
	return x[0] && strcmp(x, y) == 0;
}

static int contains(const char *a, const char *b)
{
	char x[1024], y[1024];
	if (!a || !b) return 0;
	norm(a, x, sizeof x);
	norm(b, y, sizeof y);
	return x[0] && y[0] && (strstr(x, y) || strstr(y, x));
}

static const char *last_word(const char *s, char *buf, size_t n)
{
	char x[1024];
	norm(s, x, sizeof x);
	const char *sp = strrchr(x, ' '), *w = sp ? sp + 1 : x;
	size_t l = strlen(w);
	if (l >= n) l = n - 1;
	memcpy(buf, w, l);
	buf[l] = '\0';
	return buf;
}

static const char *str(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static int same_nullable_str(const char *a, const char *b)
{
	if (!a || !b) return !a && !b;
	return same(a, b);
}

static int same_nullable_int(json_t *a, json_t *b)
{
	int an = !a || json_is_null(a), bn = !b || json_is_null(b);
	if (an || bn) return an && bn;
	return json_integer_value(a) == json_integer_value(b);
}

static double f1(size_t matched, size_t annotated, size_t found)
{
	if (annotated == 0 && found == 0) return 1.0;
	if (matched == 0) return 0.0;
	double r = (double)matched / (double)annotated, p = (double)matched / (double)found;
	if (r > 1) r = 1;
	if (p > 1) p = 1;
	return 2 * r * p / (r + p);
}

/* Greedy one-to-one matching: used[j] marks model rows taken. */
typedef int (*match_fn)(json_t *want, json_t *got, json_t *model);

static size_t match_all(json_t *want, json_t *got, json_t *model, match_fn fn, long *pair)
{
	size_t matched = 0, nw = json_array_size(want), ng = json_array_size(got);
	char *used = calloc(ng + 1, 1);
	if (!used) return 0;
	for (size_t i = 0; i < nw; i++) {
		pair[i] = -1;
		for (size_t j = 0; j < ng; j++) {
			if (used[j] || !fn(json_array_get(want, i), json_array_get(got, j), model)) continue;
			used[j] = 1;
			pair[i] = (long)j;
			matched++;
			break;
		}
	}
	free(used);
	return matched;
}

static int meeting_match(json_t *w, json_t *g, json_t *model)
{
	(void)model;
	const char *wn = str(w, "name"), *wd = str(w, "date");
	if (!wn && !wd) return 1;
	if (wn && (contains(wn, str(g, "name")) || same(wn, str(g, "kind")) || same(wn, str(g, "short_kind"))))
		return 1;
	return wd && str(g, "start_date") && strcmp(wd, str(g, "start_date")) == 0;
}

static int person_match(json_t *w, json_t *g, json_t *model)
{
	(void)model;
	const char *wn = str(w, "name"), *gn = str(g, "name");
	char a[256], b[256];
	if (same(wn, gn)) return 1;
	if (!wn || !gn) return 0;
	last_word(wn, a, sizeof a);
	last_word(gn, b, sizeof b);
	char x[1024], y[1024];
	norm(wn, x, sizeof x);
	norm(gn, y, sizeof y);
	/* a surname-only form matches the full name */
	return a[0] && strcmp(a, b) == 0 && (!strchr(x, ' ') || !strchr(y, ' '));
}

static int section_match(json_t *w, json_t *g, json_t *model)
{
	(void)model;
	if (!str(w, "heading"))
		return json_is_true(json_object_get(g, "before_any_heading"));
	return same(str(w, "heading"), str(g, "heading")) || same(str(w, "heading"), str(g, "title"));
}

static int framework_match(json_t *w, json_t *g, json_t *model)
{
	(void)model;
	const char *wa = str(w, "acronym"), *ga = str(g, "acronym"), *gn = str(g, "name");
	if (same(str(w, "name"), gn)) return 1;
	if (wa && (same(wa, ga) || same(wa, gn))) return 1;
	json_t *aw = json_object_get(w, "also_written");
	if (json_is_string(aw)) return same(json_string_value(aw), gn) || same(json_string_value(aw), ga);
	size_t i;
	json_t *v;
	json_array_foreach(aw, i, v) {
		if (same(json_string_value(v), gn) || same(json_string_value(v), ga)) return 1;
	}
	return 0;
}

static const char *party_name(json_t *model, const char *slug)
{
	size_t i;
	json_t *p;
	if (!slug) return NULL;
	json_array_foreach(json_object_get(model, "parties"), i, p) {
		if (str(p, "slug") && strcmp(str(p, "slug"), slug) == 0) return str(p, "name");
	}
	return slug;
}

static void score_meetings(json_t *ann, json_t *model, score *s)
{
	json_t *want = json_object_get(ann, "meetings"), *got = json_object_get(model, "meetings");
	size_t nw = json_array_size(want);
	long *pair = calloc(nw + 1, sizeof *pair);
	size_t m = pair ? match_all(want, got, model, meeting_match, pair) : 0;
	size_t right = 0;
	for (size_t i = 0; i < nw && pair; i++) {
		if (pair[i] < 0) continue;
		json_t *w = json_array_get(want, i), *g = json_array_get(got, (size_t)pair[i]);
		/* a date the text gives without its year is annotated null with
		 * the year-inferred date beside it, which the parser must find */
		const char *want_date = str(w, "date") ? str(w, "date") : str(w, "date_inferred");
		right += same_nullable_str(want_date, str(g, "start_date"));
		right += same_nullable_int(json_object_get(w, "ordinal"), json_object_get(g, "ordinal"));
	}
	free(pair);
	s->value[C_MEET] = f1(m, nw, json_array_size(got)) * (m ? (double)right / (2.0 * (double)m) : 1.0);
	s->scored[C_MEET] = 1;
}

static void score_people(json_t *ann, json_t *model, score *s)
{
	json_t *want = json_object_get(ann, "participants"), *got = json_object_get(model, "people");
	size_t nw = json_array_size(want);
	long *pair = calloc(nw + 1, sizeof *pair);
	size_t m = pair ? match_all(want, got, model, person_match, pair) : 0;
	size_t right = 0;
	for (size_t i = 0; i < nw && pair; i++) {
		if (pair[i] < 0) continue;
		json_t *w = json_array_get(want, i), *g = json_array_get(got, (size_t)pair[i]);
		right += same_nullable_str(str(w, "title"), str(g, "title"));
		right += same_nullable_str(str(w, "country"), party_name(model, str(g, "party")));
	}
	free(pair);
	s->value[C_PART] = f1(m, nw, json_array_size(got)) * (m ? (double)right / (2.0 * (double)m) : 1.0);
	s->scored[C_PART] = 1;
}

static size_t section_count(json_t *model, const char *slug)
{
	size_t i, n = 0;
	json_t *it;
	json_array_foreach(json_object_get(model, "initiatives"), i, it) {
		const char *section = str(it, "section");
		if (slug ? section && strcmp(section, slug) == 0 : !section) n++;
	}
	return n;
}

static void score_sections(json_t *ann, json_t *model, score *s)
{
	/* the initiatives before any heading are the section an annotation
	 * writes with heading null */
	json_t *want = json_object_get(ann, "sections");
	json_t *got = json_copy(json_object_get(model, "sections"));
	if (!got) got = json_array();
	size_t k;
	json_t *ws;
	json_array_foreach(want, k, ws) {
		if (!str(ws, "heading") && section_count(model, NULL) > 0) {
			json_array_append_new(got, json_pack("{s:b}", "before_any_heading", 1));
			break;
		}
	}
	size_t nw = json_array_size(want);
	long *pair = calloc(nw + 1, sizeof *pair);
	size_t m = pair ? match_all(want, got, model, section_match, pair) : 0;
	size_t checked = 0, right = 0;
	for (size_t i = 0; i < nw && pair; i++) {
		json_t *w = json_array_get(want, i), *c = json_object_get(w, "initiative_count");
		if (pair[i] < 0 || !json_is_integer(c)) continue;
		checked++;
		json_t *g = json_array_get(got, (size_t)pair[i]);
		right += (size_t)json_integer_value(c) == section_count(model, str(g, "slug"));
	}
	free(pair);
	s->value[C_SECT] = f1(m, nw, json_array_size(got)) * (checked ? (double)right / (double)checked : 1.0);
	s->scored[C_SECT] = 1;
	json_decref(got);
}

static void score_initiatives(json_t *ann, json_t *model, score *s)
{
	json_t *total = json_object_get(ann, "initiatives_total");
	if (!json_is_integer(total)) return;
	double a = (double)json_integer_value(total), g = (double)json_array_size(json_object_get(model, "initiatives"));
	double mx = a > g ? a : g;
	s->value[C_INIT] = mx == 0 ? 1.0 : 1.0 - (a > g ? a - g : g - a) / mx;
	s->scored[C_INIT] = 1;
}

static void score_frameworks(json_t *ann, json_t *model, score *s)
{
	json_t *want = json_object_get(ann, "frameworks"), *got = json_object_get(model, "frameworks");
	size_t nw = json_array_size(want);
	long *pair = calloc(nw + 1, sizeof *pair);
	size_t m = pair ? match_all(want, got, model, framework_match, pair) : 0;
	free(pair);
	s->value[C_FW] = f1(m, nw, json_array_size(got));
	s->scored[C_FW] = 1;
}

static int is_framework_name(json_t *ann, json_t *party)
{
	size_t i;
	json_t *f;
	json_array_foreach(json_object_get(ann, "frameworks"), i, f) {
		if (same(str(f, "name"), str(party, "name")) || same(str(f, "acronym"), str(party, "name")) ||
		    same(str(f, "name"), str(party, "short_name")) ||
		    same(str(f, "acronym"), str(party, "short_name")))
			return 1;
	}
	return 0;
}

static void score_parties(json_t *ann, json_t *model, score *s)
{
	json_t *want = json_object_get(ann, "countries"), *got = json_object_get(model, "parties");
	size_t i, found = 0, matched = 0;
	json_t *p;
	json_array_foreach(got, i, p) {
		int hit = 0;
		size_t k;
		json_t *c;
		/* a country the text only mentions is not a party */
		if (same(str(p, "role"), "mentioned"))
			continue;
		json_array_foreach(want, k, c) {
			if (same(json_string_value(c), str(p, "name")) || same(json_string_value(c), str(p, "short_name")))
				hit = 1;
		}
		if (hit) matched++;
		if (hit || !is_framework_name(ann, p)) found++;
	}
	s->value[C_PARTY] = f1(matched, json_array_size(want), found);
	s->scored[C_PARTY] = 1;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f) return NULL;
	size_t cap = 65536, n = 0;
	char *buf = malloc(cap);
	while (buf) {
		size_t r = fread(buf + n, 1, cap - n, f);
		n += r;
		if (n < cap) break;
		char *nb = realloc(buf, cap * 2);
		if (!nb) { free(buf); buf = NULL; break; }
		buf = nb;
		cap *= 2;
	}
	fclose(f);
	if (buf) { buf[n < cap ? n : cap - 1] = '\0'; *len = n; }
	return buf;
}

/* Scores one text against one annotation; returns -1 when a file cannot be read. */
static int score_one(const char *txt_path, const char *ann_path, score *s)
{
	memset(s, 0, sizeof *s);
	json_error_t jerr;
	json_t *ann = json_load_file(ann_path, 0, &jerr);
	size_t len = 0;
	char *text = slurp(txt_path, &len);
	if (!ann || !text) {
		fprintf(stderr, "corpus_score: cannot read %s\n", !ann ? ann_path : txt_path);
		json_decref(ann);
		free(text);
		return -1;
	}
	char *out = NULL;
	int rc = atrack_factsheet_json(NULL, text, len, txt_path, &out);
	json_t *model = rc == ATRACK_OK ? json_loads(out, 0, &jerr) : NULL;
	atrack_free(out);
	free(text);
	if (!model) {
		s->refused = 1;
		json_decref(ann);
		return 0;
	}
	score_meetings(ann, model, s);
	score_people(ann, model, s);
	score_sections(ann, model, s);
	score_initiatives(ann, model, s);
	score_frameworks(ann, model, s);
	score_parties(ann, model, s);
	int n = 0;
	for (int c = 0; c < C_COUNT; c++)
		if (s->scored[c]) { s->total += s->value[c]; n++; }
	s->total = n ? s->total / n : 0;
	json_decref(model);
	json_decref(ann);
	return 0;
}

static void print_row(const char *name, const score *s)
{
	printf("%-42.42s %5.3f", name, s->total);
	if (s->refused) {
		printf("  refused by the parser\n");
		return;
	}
	for (int c = 0; c < C_COUNT; c++) {
		if (s->scored[c]) printf("  %s %4.2f", component_names[c], s->value[c]);
		else printf("  %s  -  ", component_names[c]);
	}
	printf("\n");
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
	const char *dir = NULL, *bundled = NULL, *bundled_ann = NULL;
	double min_mean = 0, min_each = 0, min_bundled = 1.0;
	for (int i = 1; i < argc; i++) {
		const char *next = i + 1 < argc ? argv[i + 1] : NULL;
		if (!next) goto usage;
		if (strcmp(argv[i], "--corpus") == 0) dir = next;
		else if (strcmp(argv[i], "--bundled") == 0) bundled = next;
		else if (strcmp(argv[i], "--bundled-annotation") == 0) bundled_ann = next;
		else if (strcmp(argv[i], "--min-mean") == 0) min_mean = atof(next);
		else if (strcmp(argv[i], "--min-each") == 0) min_each = atof(next);
		else if (strcmp(argv[i], "--min-bundled") == 0) min_bundled = atof(next);
		else goto usage;
		i++;
	}
	if (!dir || (!bundled != !bundled_ann)) goto usage;

	DIR *d = opendir(dir);
	if (!d) {
		printf("corpus_score: no corpus at %s (%s): skipped\n", dir, strerror(errno));
		return 77;
	}
	char *names[256];
	size_t n = 0;
	for (struct dirent *e; (e = readdir(d)) && n < 256;) {
		size_t l = strlen(e->d_name);
		if (l > 7 && e->d_name[0] >= '0' && e->d_name[0] <= '9' && e->d_name[2] == '_' &&
		    strcmp(e->d_name + l - 4, ".txt") == 0)
			names[n++] = strdup(e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof *names, cmp_str);

	int status = 0;
	double sum = 0, worst = 1;
	size_t scored = 0;
	for (size_t i = 0; i < n; i++) {
		char txt[4096], ann[4096];
		snprintf(txt, sizeof txt, "%s/%s", dir, names[i]);
		snprintf(ann, sizeof ann, "%s/%.*s.json", dir, (int)(strlen(names[i]) - 4), names[i]);
		score s;
		if (score_one(txt, ann, &s) != 0) {
			status = 2;
			free(names[i]);
			continue;
		}
		print_row(names[i], &s);
		sum += s.total;
		if (s.total < worst) worst = s.total;
		scored++;
		free(names[i]);
	}
	if (scored == 0) {
		printf("corpus_score: no NN_*.txt documents in %s: skipped\n", dir);
		return 77;
	}
	double mean = sum / (double)scored;
	printf("mean %5.3f over %zu documents, lowest %5.3f (thresholds: mean >= %.3f, each >= %.3f)\n",
	       mean, scored, worst, min_mean, min_each);
	if (mean + 1e-9 < min_mean || worst + 1e-9 < min_each) {
		printf("corpus_score: below the thresholds\n");
		if (!status) status = 1;
	}
	if (bundled) {
		score s;
		if (score_one(bundled, bundled_ann, &s) != 0) return 2;
		print_row("bundled", &s);
		if (s.total + 1e-9 < min_bundled) {
			printf("corpus_score: the bundled sheet scores below %.3f\n", min_bundled);
			if (!status) status = 1;
		}
	}
	return status;
usage:
	fprintf(stderr, "usage: corpus_score --corpus DIR [--bundled TXT --bundled-annotation JSON] "
	                "[--min-mean X] [--min-each Y] [--min-bundled Z]\n");
	return 2;
}
