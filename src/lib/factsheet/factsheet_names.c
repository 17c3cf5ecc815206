/*
 * factsheet_names.c - the second pass of the fact-sheet parser: recognisers
 * that read the blocks made by factsheet.c word by word and find the
 * parties, people, dates, meetings, frameworks, focus areas, exercises and
 * cited documents, then give each initiative a short title and its links.
 *
 * Nothing here knows any one fact sheet: the recognisers work from the
 * patterns of the genre (title words before a name, "Full Name (ACR)"
 * definitions, "Areas of focus ... include A, B, and C") and from general
 * vocabularies (months, title words, kind nouns, a gazetteer of parties).
 * Each entity kind is capped at MAX_ENTITIES so that hostile input cannot
 * make the linking passes quadratic.
 */
#include "factsheet_int.h"

#include <string.h>

#define MAX_ENTITIES 256
#define SLUG_MAX 60
#define TITLE_MAX 120
#define TITLE_MIN_WORDS 4

/* ---- Unique slugs ------------------------------------------------------- */

static size_t hash_string(const char *s)
{
	size_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static size_t slot_of(const fsp_slugs *set, const char *key)
{
	size_t i = hash_string(key) & (set->cap - 1);
	while (set->keys[i] && strcmp(set->keys[i], key) != 0)
		i = (i + 1) & (set->cap - 1);
	return i;
}

static bool slugs_grow(fsp_slugs *set)
{
	if (set->cap && (set->count + 1) * 2 <= set->cap)
		return true;
	size_t cap = set->cap ? set->cap * 2 : 64;
	fsp_slugs bigger = {atr_calloc(cap, sizeof(char *)),
	                    atr_calloc(cap, sizeof(unsigned)), cap, set->count};
	if (!bigger.keys || !bigger.next) {
		atr_free(bigger.keys);
		atr_free(bigger.next);
		return false;
	}
	for (size_t i = 0; i < set->cap; i++) {
		if (!set->keys[i])
			continue;
		size_t j = slot_of(&bigger, set->keys[i]);
		bigger.keys[j] = set->keys[i];
		bigger.next[j] = set->next[i];
	}
	fsp_slugs_free(set);
	*set = bigger;
	return true;
}

void fsp_slugs_free(fsp_slugs *set)
{
	atr_free(set->keys);
	atr_free(set->next);
	memset(set, 0, sizeof *set);
}

/* A slug for `text` that no earlier one in `set` has: "x", then "x-2",
 * "x-3"... Each taken slug remembers the next suffix to try, so that many
 * equal titles cost linear time. */
int fsp_unique_slug(fsp_slugs *set, const char *text, char **out)
{
	char *slug = atr_slugify(text, SLUG_MAX);
	*out = NULL;
	if (!slug)
		return ATRACK_NOMEM;
	if (!*slug) {
		atr_free(slug);
		slug = atr_strdup("item");
		if (!slug)
			return ATRACK_NOMEM;
	}
	if (!slugs_grow(set)) {
		atr_free(slug);
		return ATRACK_NOMEM;
	}
	size_t i = slot_of(set, slug);
	if (set->keys[i]) {
		size_t base = i;
		size_t len = strlen(slug);
		char *numbered = atr_malloc(len + 16);
		if (!numbered) {
			atr_free(slug);
			return ATRACK_NOMEM;
		}
		unsigned n = set->next[base] ? set->next[base] : 2;
		do {
			snprintf(numbered, len + 16, "%s-%u", slug, n++);
			i = slot_of(set, numbered);
		} while (set->keys[i]);
		set->next[base] = n;
		atr_free(slug);
		slug = numbered;
	}
	set->keys[i] = slug;
	set->next[i] = 0;
	set->count++;
	*out = slug;
	return ATRACK_OK;
}

/* ---- Vocabularies ------------------------------------------------------- */

/* Parties of the genre, with the forms the text may use. */
static const struct party_def {
	const char *slug;
	const char *name;
	const char *shorts[4];
	const char *longs[5];
} PARTIES[] = {
	{"us", "United States", {"U.S.", "US", "USA", "U.S.A."},
	 {"United States of America", "United States"}},
	{"rok", "Republic of Korea", {"ROK"},
	 {"Republic of Korea", "South Korea"}},
	{"dprk", "Democratic People's Republic of Korea", {"DPRK"},
	 {"Democratic People's Republic of Korea",
	  "Democratic People\xE2\x80\x99s Republic of Korea", "North Korea"}},
	{"japan", "Japan", {NULL}, {"Japan"}},
	{"australia", "Australia", {NULL}, {"Australia"}},
	{"philippines", "Philippines", {NULL},
	 {"Republic of the Philippines", "Philippines"}},
	{"prc", "People's Republic of China", {"PRC"},
	 {"People's Republic of China", "People\xE2\x80\x99s Republic of China", "China"}},
	{"nato", "North Atlantic Treaty Organization", {"NATO"},
	 {"North Atlantic Treaty Organization"}},
	{"uk", "United Kingdom", {"UK", "U.K."}, {"United Kingdom"}},
	{"eu", "European Union", {"EU"}, {"European Union"}},
	{"asean", "Association of Southeast Asian Nations", {"ASEAN"},
	 {"Association of Southeast Asian Nations"}},
	{"russia", "Russia", {NULL}, {"Russian Federation", "Russia"}},
	{"india", "India", {NULL}, {"India"}},
	{"canada", "Canada", {NULL}, {"Canada"}},
	{"new-zealand", "New Zealand", {"NZ"}, {"New Zealand"}},
	{"france", "France", {NULL}, {"France"}},
	{"germany", "Germany", {NULL}, {"Germany"}},
	{"vietnam", "Vietnam", {NULL}, {"Vietnam", "Viet Nam"}},
	{"indonesia", "Indonesia", {NULL}, {"Indonesia"}},
	{"singapore", "Singapore", {NULL}, {"Singapore"}},
	{"thailand", "Thailand", {NULL}, {"Thailand"}},
	{"mongolia", "Mongolia", {NULL}, {"Mongolia"}},
};

static const char *const MONTHS[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};
static const char *const MONTH_ABBREVIATIONS[] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
	"Nov", "Dec"
};

/* Words ending in "." that do not end a sentence. */
static const char *const ABBREVIATIONS[] = {
	"Mr", "Mrs", "Ms", "Dr", "Jr", "Sr", "St", "Gen", "Adm", "Lt", "Col",
	"Maj", "Capt", "Sgt", "Rep", "Sen", "Gov", "Amb", "No", "vs", "Jan",
	"Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov",
	"Dec", "Inc", "Ltd", "Co", "Mt", "Ft", NULL
};

static const char *const TITLE_HEADS[] = {
	"Secretary", "Minister", "Ambassador", "Chairman", "Chair",
	"President", "Director", "Commander", "Admiral", "General",
	"Chancellor", "Envoy", "Adviser", "Advisor", "Secretary-General", NULL
};
static const char *const TITLE_MODIFIERS[] = {
	"Prime", "Deputy", "Vice", "Under", "Assistant", "Defense", "Defence",
	"Foreign", "Chief", "Senior", "Special", "National", "Security",
	"Principal", NULL
};
static const char *const DEPARTMENTS[] = {
	"Defense", "Defence", "National", "State", "Foreign", "Affairs",
	"Homeland", "Security", "Treasury", "Commerce", "Energy", "Unification",
	"Trade", "Industry", "Economy", "Finance", "Justice", "Staff", "Joint",
	"Chiefs", "Economic", "Science", "Technology", "Policy", "the", NULL
};

static const char *const MEETING_NOUNS[] = {
	"Meeting", "Summit", "Talks", "Consultations", NULL
};
/* Nouns that name a meeting when it is numbered or a "2+2", and a
 * standing body otherwise. */
static const char *const MEETING_MAYBE_NOUNS[] = {
	"Dialogue", "Committee", "Council", "Ministerial", NULL
};

static const struct kind_noun {
	const char *noun;
	const char *kind;
} KIND_NOUNS[] = {
	{"Group", "group"}, {"Committee", "committee"},
	{"Commission", "committee"}, {"Framework", "framework"},
	{"Partnership", "partnership"}, {"Dialogue", "dialogue"},
	{"Council", "council"}, {"Mechanism", "mechanism"},
	{"Programme", "programme"}, {"Program", "programme"},
	{"Initiative", "initiative"}, {"Forum", "body"}, {"Body", "body"},
	{"Board", "body"}, {"Secretariat", "body"},
};

static const char *const DETERMINERS[] = {
	"a", "an", "the", "new", "A", "An", "The", "New", "this", "our", "its",
	NULL
};

bool fsp_is_small_word_ci(const char *s, size_t len)
{
	static const char *const small[] = {
		"of", "and", "the", "for", "on", "in", "to", "a", "an", "with",
		"by", "at", "or", "from", "under", "into", "per", "via", NULL
	};
	for (const char *const *w = small; *w; w++)
		if (fsp_word_is_ci(s, len, *w))
			return true;
	return false;
}

bool fsp_is_known_short(const char *s, size_t len)
{
	for (size_t i = 0; i < ATR_ARRAY_SIZE(PARTIES); i++)
		for (size_t k = 0; k < 4 && PARTIES[i].shorts[k]; k++)
			if (fsp_word_is(s, len, PARTIES[i].shorts[k]))
				return true;
	/* hyphen compounds of short forms: "U.S.-ROK" */
	size_t start = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && s[i] != '-')
			continue;
		if (i == start || (i == len && start == 0))
			return false;
		bool known = false;
		for (size_t p = 0; p < ATR_ARRAY_SIZE(PARTIES) && !known; p++)
			for (size_t k = 0; k < 4 && PARTIES[p].shorts[k]; k++)
				if (fsp_word_is(s + start, i - start, PARTIES[p].shorts[k]))
					known = true;
		if (!known)
			return false;
		start = i + 1;
	}
	return true;
}

static const struct kind_noun *kind_noun(const char *s, size_t len)
{
	for (size_t i = 0; i < ATR_ARRAY_SIZE(KIND_NOUNS); i++)
		if (fsp_word_is(s, len, KIND_NOUNS[i].noun))
			return &KIND_NOUNS[i];
	return NULL;
}

static int month_of(const char *s, size_t len)
{
	if (len > 0 && s[len - 1] == '.')
		len--;
	for (int i = 0; i < 12; i++)
		if (fsp_word_is(s, len, MONTHS[i]) ||
		    fsp_word_is(s, len, MONTH_ABBREVIATIONS[i]) ||
		    (i == 8 && fsp_word_is(s, len, "Sept")))
			return i + 1;
	return 0;
}

/* ---- Tokens and sentences ----------------------------------------------- */

static bool is_open_quote(const char *s, size_t i, size_t end, size_t *n)
{
	unsigned char c = (unsigned char)s[i];
	if (c == '(' || c == '[' || c == '"' || c == '\'') {
		*n = 1;
		return true;
	}
	if (i + 3 <= end && c == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
	    ((unsigned char)s[i + 2] == 0x9C || (unsigned char)s[i + 2] == 0x98)) {
		*n = 3;
		return true;
	}
	return false;
}

static bool is_abbreviation(const char *s, size_t len)
{
	if (len == 1 && (fsp_is_upper(s[0]) || fsp_is_lower(s[0])))
		return true;
	if (memchr(s, '.', len))
		return true;
	return fsp_in_list(s, len, ABBREVIATIONS);
}

/* The core of a token: without brackets, quotes and trailing punctuation;
 * a final "." stays on abbreviations ("U.S.", "J.", "Oct."). */
static void token_core(const char *s, fsp_token *t, bool *ends_sentence)
{
	size_t a = t->start, b = t->end, n;
	*ends_sentence = false;
	t->closes = false;
	while (a < b && is_open_quote(s, a, b, &n))
		a += n;
	for (;;) {
		if (b <= a)
			break;
		unsigned char c = (unsigned char)s[b - 1];
		if (c == ')' || c == ']' || c == '"' || c == ',' || c == ';' ||
		    c == ':' || c == '!' || c == '?' || c == '\'') {
			if (c != '"' && c != '\'')
				t->closes = true;
			if (c == '!' || c == '?')
				*ends_sentence = true;
			b--;
		} else if (b - a >= 3 && c == 0x9D && (unsigned char)s[b - 2] == 0x80 &&
		           (unsigned char)s[b - 3] == 0xE2) {
			b -= 3;
		} else if (c == '.' && b - a > 1 && !is_abbreviation(s + a, b - a - 1)) {
			*ends_sentence = true;
			t->closes = true;
			b--;
		} else {
			break;
		}
	}
	t->cstart = a;
	t->cend = b > a ? b : a;
}

static int tokenise(fsp_block *b)
{
	size_t cap = 0, i = 0;
	int sentence = 0;
	while (i < b->len) {
		while (i < b->len && fsp_is_space(b->text[i]))
			i++;
		if (i == b->len)
			break;
		size_t start = i;
		while (i < b->len && !fsp_is_space(b->text[i]))
			i++;
		if (!fsp_reserve(&b->toks, &cap, b->tok_count + 1, sizeof *b->toks))
			return ATRACK_NOMEM;
		fsp_token *t = &b->toks[b->tok_count++];
		bool ends;
		t->start = start;
		t->end = i;
		token_core(b->text, t, &ends);
		t->sentence = sentence;
		if (ends)
			sentence++;
	}
	return ATRACK_OK;
}

static const char *core(const fsp_block *b, size_t t, size_t *len)
{
	*len = b->toks[t].cend - b->toks[t].cstart;
	return b->text + b->toks[t].cstart;
}

static bool core_is(const fsp_block *b, size_t t, const char *word)
{
	size_t n;
	const char *s = core(b, t, &n);
	return fsp_word_is(s, n, word);
}

static bool core_in(const fsp_block *b, size_t t, const char *const *list)
{
	size_t n;
	const char *s = core(b, t, &n);
	return fsp_in_list(s, n, list);
}

static bool capitalised(const fsp_block *b, size_t t)
{
	size_t n;
	const char *s = core(b, t, &n);
	if (n == 0)
		return false;
	unsigned char c = (unsigned char)s[0];
	return fsp_is_upper((char)c) || (c >= 0xC3 && c < 0xE2);
}

static bool starts_with_paren(const fsp_block *b, size_t t)
{
	return b->text[b->toks[t].start] == '(';
}

/* The first token whose start is at or after `at`. */
static size_t token_at(const fsp_block *b, size_t at)
{
	size_t lo = 0, hi = b->tok_count;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (b->toks[mid].start < at)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* ---- Mentions ----------------------------------------------------------- */

static int add_mention(fsp_parser *p, int kind, size_t start, size_t end,
                       int index)
{
	fsp_mentions *ms = &p->mentions[kind];
	if (!fsp_reserve(&ms->items, &ms->cap, ms->count + 1, sizeof *ms->items))
		return ATRACK_NOMEM;
	fsp_mention *m = &ms->items[ms->count++];
	memset(m, 0, sizeof *m);
	m->start = start;
	m->end = end;
	m->index = index;
	return ATRACK_OK;
}

/* The mention of `kind` in block b that covers byte `at`, if any. */
static const fsp_mention *covering(const fsp_parser *p, const fsp_block *b,
                                   int kind, size_t at)
{
	const fsp_mention *items = p->mentions[kind].items;
	size_t lo = b->first[kind], hi = b->end[kind];
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (items[mid].start <= at)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == b->first[kind])
		return NULL;
	const fsp_mention *m = &items[lo - 1];
	return at < m->end ? m : NULL;
}

static bool party_token(const fsp_parser *p, const fsp_block *b, size_t t)
{
	return covering(p, b, MENTION_PARTY, b->toks[t].cstart) != NULL;
}

static int refs_add(fs_refs *r, int index)
{
	for (size_t i = 0; i < r->count; i++)
		if (r->items[i] == index)
			return ATRACK_OK;
	int *items = atr_realloc(r->items, (r->count + 1) * sizeof *items);
	if (!items)
		return ATRACK_NOMEM;
	r->items = items;
	r->items[r->count++] = index;
	return ATRACK_OK;
}

/* ---- Parties ------------------------------------------------------------ */

static int party_index(fsp_parser *p, size_t def, bool is_short, const char *form,
                       fs_pos pos)
{
	fs_model *m = p->model;
	size_t i;
	for (i = 0; i < m->party_count; i++)
		if (strcmp(m->parties[i].slug, PARTIES[def].slug) == 0)
			break;
	if (i == m->party_count) {
		if (!fsp_reserve(&m->parties, &p->party_cap, i + 1, sizeof *m->parties))
			return -1;
		fs_party *party = &m->parties[i];
		memset(party, 0, sizeof *party);
		m->party_count++;
		party->pos = pos;
		party->slug = atr_strdup(PARTIES[def].slug);
		party->name = atr_strdup(PARTIES[def].name);
		if (!party->slug || !party->name)
			return -1;
	}
	if (is_short && !m->parties[i].short_name) {
		m->parties[i].short_name = atr_strdup(form);
		if (!m->parties[i].short_name)
			return -1;
	}
	return (int)i;
}

/* "China" in "South China Sea" names a place, not a party. */
static bool geographic_feature(const char *s, size_t len)
{
	static const char *const features[] = {
		" Sea", " Peninsula", " Strait", " Straits", " Ocean", NULL
	};
	for (const char *const *f = features; *f; f++) {
		size_t n = strlen(*f);
		if (len >= n && memcmp(s, *f, n) == 0 && (len == n || !fsp_is_alnum(s[n])))
			return true;
	}
	return false;
}

/* Every mention of a known party, at a word start and ending at a word
 * end, the longest form winning; "U.S.-ROK-Japan" gives three. */
static int scan_parties(fsp_parser *p, fsp_block *b)
{
	size_t i = 0;
	while (i < b->len) {
		char c = b->text[i];
		if (!fsp_is_upper(c) || (i > 0 && fsp_is_alnum(b->text[i - 1]))) {
			i++;
			continue;
		}
		size_t best_len = 0, best_def = 0;
		const char *best_form = NULL;
		bool best_short = false;
		for (size_t d = 0; d < ATR_ARRAY_SIZE(PARTIES); d++) {
			for (int s = 0; s < 2; s++) {
				const char *const *forms = s ? PARTIES[d].longs : PARTIES[d].shorts;
				size_t count = s ? 5 : 4;
				for (size_t k = 0; k < count && forms[k]; k++) {
					size_t n = strlen(forms[k]);
					if (n <= best_len || i + n > b->len ||
					    memcmp(b->text + i, forms[k], n) != 0)
						continue;
					if (i + n < b->len && fsp_is_alnum(b->text[i + n]))
						continue;
					if (geographic_feature(b->text + i + n, b->len - i - n))
						continue;
					best_len = n;
					best_def = d;
					best_form = forms[k];
					best_short = !s;
				}
			}
		}
		if (!best_len) {
			i++;
			continue;
		}
		int index = party_index(p, best_def, best_short, best_form,
		                        fsp_block_pos(b, i));
		if (index < 0 || add_mention(p, MENTION_PARTY, i, i + best_len, index))
			return ATRACK_NOMEM;
		i += best_len;
	}
	return ATRACK_OK;
}

/* ---- People ------------------------------------------------------------- */

static bool name_token(const fsp_parser *p, const fsp_block *b, size_t t)
{
	size_t n;
	const char *s = core(b, t, &n);
	if (!capitalised(b, t) || starts_with_paren(b, t))
		return false;
	if (fsp_in_list(s, n, TITLE_HEADS) || fsp_in_list(s, n, TITLE_MODIFIERS) ||
	    month_of(s, n) || party_token(p, b, t))
		return false;
	return !fsp_in_list(s, n, DETERMINERS);
}

static size_t possessive_cut(const char *s, size_t n)
{
	if (n > 2 && s[n - 2] == '\'' && s[n - 1] == 's')
		return n - 2;
	if (n > 4 && memcmp(s + n - 4, "\xE2\x80\x99s", 4) == 0)
		return n - 4;
	return n;
}

static int add_person(fsp_parser *p, const char *name, size_t name_len,
                      const char *title, size_t title_len, int party, fs_pos pos)
{
	fs_model *m = p->model;
	char *clean = fsp_clean_dup(name, name_len);
	if (!clean)
		return -2;
	for (size_t i = 0; i < m->person_count; i++) {
		if (strcmp(m->people[i].name, clean) == 0) {
			atr_free(clean);
			return (int)i;
		}
	}
	if (m->person_count >= MAX_ENTITIES ||
	    !fsp_reserve(&m->people, &p->person_cap, m->person_count + 1, sizeof *m->people)) {
		atr_free(clean);
		return m->person_count >= MAX_ENTITIES ? -1 : -2;
	}
	fs_person *person = &m->people[m->person_count++];
	memset(person, 0, sizeof *person);
	person->name = clean;
	person->party = party;
	person->pos = pos;
	person->title = fsp_clean_dup(title, title_len);
	if (!person->title)
		return -2;
	if (fsp_unique_slug(&p->other_slugs, clean, &person->slug))
		return -2;
	return (int)(m->person_count - 1);
}

/* "ROK Minister of National Defense Park Min-seo": a party, a title made
 * of a head word with modifiers and an "of <department>", then a name. One
 * name word is a short reference ("Secretary Hollis"), resolved later. */
static int scan_people(fsp_parser *p, fsp_block *b)
{
	for (size_t t = 0; t < b->tok_count; t++) {
		size_t n;
		const char *s = core(b, t, &n);
		if (!fsp_in_list(s, n, TITLE_HEADS))
			continue;
		size_t first = t, last = t;
		while (first > 0 && t - first < 3 && core_in(b, first - 1, TITLE_MODIFIERS) &&
		       !b->toks[first - 1].closes && !party_token(p, b, first - 1))
			first--;
		if ((core_is(b, t + 1 < b->tok_count ? t + 1 : t, "of") ||
		     core_is(b, t + 1 < b->tok_count ? t + 1 : t, "for")) &&
		    !b->toks[t].closes) {
			size_t j = t + 2, depth = 0;
			while (j < b->tok_count && depth < 6 && core_in(b, j, DEPARTMENTS)) {
				if (!core_is(b, j, "the"))
					last = j;
				if (b->toks[j].closes)
					break;
				j++;
				depth++;
				if (j + 1 < b->tok_count && core_is(b, j, "of") &&
				    core_in(b, j + 1, DEPARTMENTS))
					j++;
			}
		}
		size_t name_first = last + 1, name_last = last;
		size_t name_end = 0;
		if (!b->toks[last].closes) {
			while (name_last + 1 < b->tok_count && name_last + 1 - name_first < 5 &&
			       name_token(p, b, name_last + 1)) {
				name_last++;
				const char *w = core(b, name_last, &n);
				name_end = b->toks[name_last].cstart + possessive_cut(w, n);
				if (b->toks[name_last].closes || possessive_cut(w, n) != n)
					break;
			}
		}
		if (name_last < name_first)
			continue;
		int party = -1;
		if (first > 0) {
			const fsp_mention *pm = covering(p, b, MENTION_PARTY,
			                                 b->toks[first - 1].cstart);
			if (pm && pm->end + 4 >= b->toks[first - 1].cend)
				party = pm->index;
		}
		size_t name_start = b->toks[name_first].cstart;
		if (add_mention(p, MENTION_PERSON, name_start, name_end, -1))
			return ATRACK_NOMEM;
		fsp_mention *mention = &p->mentions[MENTION_PERSON].items[p->mentions[MENTION_PERSON].count - 1];
		mention->tok = first;
		mention->word = b->text + b->toks[t].cstart;
		mention->word_len = b->toks[t].cend - b->toks[t].cstart;
		if (name_last > name_first) {
			int index = add_person(p, b->text + name_start, name_end - name_start,
			                       b->text + b->toks[first].cstart,
			                       b->toks[last].cend - b->toks[first].cstart,
			                       party, fsp_block_pos(b, b->toks[first].start));
			if (index == -2)
				return ATRACK_NOMEM;
			mention->index = index;
			if (index < 0)
				mention->word = NULL; /* too many people: not a reference */
		} else {
			/* a short reference keeps its title for resolution */
			mention->tok = first;
			mention->word = b->text + b->toks[first].cstart;
			mention->word_len = b->toks[last].cend - b->toks[first].cstart;
			mention->index = -1 - party - 1; /* remember the party: <= -1 */
		}
		t = name_last;
	}
	return ATRACK_OK;
}

static bool name_has_word(const char *name, const char *w, size_t n)
{
	const char *s = name;
	while (*s) {
		const char *e = strchr(s, ' ');
		size_t len = e ? (size_t)(e - s) : strlen(s);
		if (len == n && memcmp(s, w, n) == 0)
			return true;
		if (!e)
			break;
		s = e + 1;
	}
	return false;
}

/* "Secretary Hollis" is the Secretary whose name has the word Hollis;
 * with no such person it is a person of its own. */
static int resolve_short_references(fsp_parser *p)
{
	fs_model *m = p->model;
	for (size_t bi = 0; bi < p->block_count; bi++) {
		fsp_block *b = &p->blocks[bi];
		for (size_t k = b->first[MENTION_PERSON]; k < b->end[MENTION_PERSON]; k++) {
			fsp_mention *mn = &p->mentions[MENTION_PERSON].items[k];
			if (mn->index >= 0 || !mn->word)
				continue;
			int party = -mn->index - 2;
			const char *surname = b->text + mn->start;
			size_t surname_len = mn->end - mn->start;
			char *title = atr_strndup(mn->word, mn->word_len);
			if (!title)
				return ATRACK_NOMEM;
			const char *head = title;
			for (const char *sp = strchr(head, ' '); sp && !strstr(sp, " of ") &&
			     !strstr(sp, " for "); sp = strchr(head, ' '))
				head = sp + 1;
			size_t head_len = strcspn(head, " ");
			int found = -1;
			for (size_t i = 0; i < m->person_count && found < 0; i++) {
				char *at = strstr(m->people[i].title, head);
				if (at && (at[head_len] == '\0' || at[head_len] == ' ') &&
				    name_has_word(m->people[i].name, surname, surname_len))
					found = (int)i;
			}
			if (found < 0) {
				found = add_person(p, surname, surname_len, mn->word, mn->word_len,
				                   party, fsp_block_pos(b, b->toks[mn->tok].start));
				if (found == -2) {
					atr_free(title);
					return ATRACK_NOMEM;
				}
			}
			atr_free(title);
			mn->index = found;
		}
	}
	return ATRACK_OK;
}

/* ---- Dates -------------------------------------------------------------- */

static bool number_word(const char *s, size_t n, int digits_min, int digits_max,
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

/* "30" or "30-31" (also with an en dash). */
static bool day_word(const char *s, size_t n, int *day, int *end_day)
{
	size_t i = 0;
	while (i < n && fsp_is_digit(s[i]))
		i++;
	if (!number_word(s, i, 1, 2, day) || *day < 1 || *day > 31)
		return false;
	*end_day = 0;
	if (i == n)
		return true;
	size_t dash = s[i] == '-' ? 1 : (n - i > 3 && (unsigned char)s[i] == 0xE2) ? 3 : 0;
	if (!dash || !number_word(s + i + dash, n - i - dash, 1, 2, end_day))
		return false;
	return *end_day > *day && *end_day <= 31;
}

static bool year_token(const fsp_block *b, size_t t, int *year)
{
	size_t n;
	const char *s = core(b, t, &n);
	return number_word(s, n, 4, 4, year) && *year >= 1900 && *year <= 2200;
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
static int scan_dates(fsp_parser *p, size_t bi)
{
	fsp_block *b = &p->blocks[bi];
	for (size_t t = 0; t < b->tok_count; t++) {
		size_t n;
		const char *s = core(b, t, &n);
		int y = 0, mo, d, d2;
		if (n == 10 && s[4] == '-' && s[7] == '-' && number_word(s, 4, 4, 4, &y) &&
		    number_word(s + 5, 2, 2, 2, &mo) && number_word(s + 8, 2, 2, 2, &d)) {
			if (add_date(p, bi, t, y, mo, d, 0))
				return ATRACK_NOMEM;
			continue;
		}
		if ((mo = month_of(s, n)) && t + 1 < b->tok_count) {
			const char *ds = core(b, t + 1, &n);
			if (!day_word(ds, n, &d, &d2))
				continue;
			if (t + 2 < b->tok_count && year_token(b, t + 2, &y))
				t++;
			else
				y = 0;
			if (add_date(p, bi, t - (y ? 1 : 0), y, mo, d, d2))
				return ATRACK_NOMEM;
			t++;
			continue;
		}
		if (day_word(s, n, &d, &d2) && t + 1 < b->tok_count && !b->toks[t].closes) {
			size_t mn;
			const char *ms = core(b, t + 1, &mn);
			if (!(mo = month_of(ms, mn)))
				continue;
			y = 0;
			if (t + 2 < b->tok_count)
				year_token(b, t + 2, &y);
			if (add_date(p, bi, t, y, mo, d, d2))
				return ATRACK_NOMEM;
			t += y ? 2 : 1;
		}
	}
	return ATRACK_OK;
}

/* A date without a year takes the year of the nearest full date before
 * it, or failing that after it. */
static void resolve_years(fsp_parser *p)
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

static bool format_date(char out[11], int y, int mo, int d)
{
	if (y <= 0 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > 31)
		return false;
	snprintf(out, 11, "%04d-%02d-%02d", y, mo, d);
	if (atr_date_valid(out))
		return true;
	out[0] = '\0';
	return false;
}

/* ---- Meetings ----------------------------------------------------------- */

static bool ordinal_word(const char *s, size_t n, int *value)
{
	size_t i = 0;
	while (i < n && fsp_is_digit(s[i]))
		i++;
	if (i == 0 || i > 4 || n - i != 2)
		return false;
	if (!fsp_word_is(s + i, 2, "st") && !fsp_word_is(s + i, 2, "nd") &&
	    !fsp_word_is(s + i, 2, "rd") && !fsp_word_is(s + i, 2, "th"))
		return false;
	return number_word(s, i, 1, 4, value) && *value > 0;
}

static bool kind_word(const fsp_parser *p, const fsp_block *b, size_t t)
{
	size_t n;
	const char *s = core(b, t, &n);
	if (b->toks[t].closes || starts_with_paren(b, t) || party_token(p, b, t))
		return false;
	if (capitalised(b, t))
		return !month_of(s, n) && !fsp_in_list(s, n, DETERMINERS) &&
		       !fsp_in_list(s, n, TITLE_HEADS);
	if (n == 3 && memcmp(s, "2+2", 3) == 0)
		return true;
	return fsp_word_is(s, n, "of") || fsp_word_is(s, n, "and") ||
	       fsp_word_is(s, n, "on") || fsp_word_is(s, n, "for") || fsp_word_is(s, n, "&");
}

static char *initials(const char *kind)
{
	atr_buf buf = ATR_BUF_INIT;
	const char *s = kind;
	while (*s) {
		size_t n = strcspn(s, " ");
		if (n && !fsp_is_small_word(s, n))
			atr_buf_putc(&buf, fsp_is_alnum(*s) ? *s : 'x');
		s += n;
		while (*s == ' ')
			s++;
	}
	return atr_buf_detach(&buf);
}

static const fsp_date *date_in_sentence(const fsp_parser *p, size_t bi, int sentence)
{
	const fsp_date *fallback = NULL;
	for (size_t i = 0; i < p->date_count; i++) {
		if (p->dates[i].block != bi)
			continue;
		if (p->dates[i].sentence == sentence)
			return &p->dates[i];
		if (!fallback)
			fallback = &p->dates[i];
	}
	return fallback;
}

/* "in Seoul", "in Washington, D.C." after the meeting's name. */
static char *meeting_place(const fsp_parser *p, const fsp_block *b, size_t after,
                           int sentence)
{
	for (size_t t = after; t + 1 < b->tok_count && b->toks[t].sentence == sentence; t++) {
		if (!core_is(b, t, "in") || !capitalised(b, t + 1))
			continue;
		size_t first = t + 1, last = t + 1, n;
		const char *s = core(b, first, &n);
		if (month_of(s, n) || fsp_in_list(s, n, DETERMINERS))
			continue;
		(void)p;
		while (!b->toks[last].closes && last + 1 < b->tok_count && last - first < 3 &&
		       capitalised(b, last + 1) && !month_of(core(b, last + 1, &n), n))
			last++;
		if (b->toks[last].closes && last + 1 < b->tok_count &&
		    b->text[b->toks[last].end - 1] == ',') {
			s = core(b, last + 1, &n);
			if (n >= 3 && n <= 5 && s[n - 1] == '.' && fsp_is_upper(s[0]) && s[1] == '.')
				last++;
		}
		return fsp_clean_dup(b->text + b->toks[first].cstart,
		                     b->toks[last].cend - b->toks[first].cstart);
	}
	return NULL;
}

/* Who is named in the sentence that introduces the meeting; when nobody
 * is, who is named in its paragraph ("... was held in Seoul. Secretary X
 * and Minister Y ..."). */
static int meeting_people(fsp_parser *p, size_t bi, int sentence, fs_meeting *mt)
{
	const fsp_block *b = &p->blocks[bi];
	for (int pass = 0; pass < 2 && mt->people.count == 0; pass++) {
		for (size_t k = b->first[MENTION_PERSON]; k < b->end[MENTION_PERSON]; k++) {
			const fsp_mention *mn = &p->mentions[MENTION_PERSON].items[k];
			if (mn->index >= 0 && (pass || b->toks[mn->tok].sentence == sentence) &&
			    refs_add(&mt->people, mn->index))
				return ATRACK_NOMEM;
		}
	}
	return ATRACK_OK;
}

static int make_meeting_slug(fsp_parser *p, fs_meeting *mt)
{
	atr_buf buf = ATR_BUF_INIT;
	char *base = mt->short_kind ? NULL : initials(mt->kind);
	if (!mt->short_kind && !base)
		return ATRACK_NOMEM;
	atr_buf_puts(&buf, mt->short_kind ? mt->short_kind : base);
	atr_free(base);
	if (mt->ordinal)
		atr_buf_printf(&buf, " %d", mt->ordinal);
	else if (mt->start_date[0])
		atr_buf_printf(&buf, " %s", mt->start_date);
	char *text = atr_buf_detach(&buf);
	if (!text)
		return ATRACK_NOMEM;
	int rc = fsp_unique_slug(&p->other_slugs, text, &mt->slug);
	atr_free(text);
	return rc;
}

/* One meeting from the noun at token `t`: the capitalised words before it
 * are its kind, a number before them its ordinal, a parenthesis after it
 * its short kind. Returns ATRACK_OK also when it is not a meeting. */
static int meeting_at(fsp_parser *p, size_t bi, size_t t)
{
	fsp_block *b = &p->blocks[bi];
	fs_model *m = p->model;
	bool sure = core_in(b, t, MEETING_NOUNS);
	size_t first = t, n;
	while (first > 0 && t - first < 10 && kind_word(p, b, first - 1))
		first--;
	while (first < t && !capitalised(b, first) && !core_is(b, first, "2+2"))
		first++;
	if (first == t)
		return ATRACK_OK;
	/* the ordinal, looking past parties and parentheses: "56th U.S.-ROK" */
	int ordinal = 0;
	const char *ordinal_text = NULL;
	size_t ordinal_len = 0;
	for (size_t k = first, hops = 0; k > 0 && hops < 8; k--, hops++) {
		const char *s = core(b, k - 1, &n);
		if (ordinal_word(s, n, &ordinal)) {
			ordinal_text = s;
			ordinal_len = n;
			break;
		}
		if (!party_token(p, b, k - 1) && !starts_with_paren(b, k - 1))
			break;
	}
	/* the short kind in parentheses right after the noun */
	size_t last = t;
	char *short_kind = NULL;
	if (t + 1 < b->tok_count && starts_with_paren(b, t + 1) && !b->toks[t].closes) {
		size_t e = t + 1;
		while (e < b->tok_count && e - t < 4 &&
		       !memchr(b->text + b->toks[e].start, ')', b->toks[e].end - b->toks[e].start))
			e++;
		if (e < b->tok_count && e - t < 4) {
			last = e;
			const char *close = memchr(b->text + b->toks[t + 1].start, ')',
			                           b->toks[e].end - b->toks[t + 1].start);
			size_t from = b->toks[t + 1].start + 1;
			short_kind = fsp_clean_dup(b->text + from,
			                           close ? (size_t)(close - b->text) - from : 0);
			if (!short_kind)
				return ATRACK_NOMEM;
		}
	}
	bool two_plus_two = (short_kind && strstr(short_kind, "2+2")) ||
	                    core_is(b, first, "2+2");
	int sentence = b->toks[t].sentence;
	const fsp_date *date = date_in_sentence(p, bi, sentence);
	if (date && date->sentence != sentence)
		date = NULL;
	if ((!sure && !ordinal && !two_plus_two) || (!ordinal && !date) ||
	    m->meeting_count >= MAX_ENTITIES) {
		atr_free(short_kind);
		return ATRACK_OK;
	}
	char *kind = fsp_clean_dup(b->text + b->toks[first].cstart,
	                           b->toks[t].cend - b->toks[first].cstart);
	if (!kind) {
		atr_free(short_kind);
		return ATRACK_NOMEM;
	}
	if (add_mention(p, MENTION_MEETING, b->toks[first].cstart, b->toks[last].end,
	                (int)m->meeting_count)) {
		atr_free(kind);
		atr_free(short_kind);
		return ATRACK_NOMEM;
	}
	for (size_t i = 0; i < m->meeting_count; i++) {
		if (strcmp(m->meetings[i].kind, kind) == 0 && m->meetings[i].ordinal == ordinal) {
			p->mentions[MENTION_MEETING].items[p->mentions[MENTION_MEETING].count - 1].index = (int)i;
			atr_free(kind);
			atr_free(short_kind);
			return ATRACK_OK;
		}
	}
	if (!fsp_reserve(&m->meetings, &p->meeting_cap, m->meeting_count + 1,
	                 sizeof *m->meetings)) {
		atr_free(kind);
		atr_free(short_kind);
		return ATRACK_NOMEM;
	}
	fs_meeting *mt = &m->meetings[m->meeting_count++];
	memset(mt, 0, sizeof *mt);
	mt->kind = kind;
	mt->short_kind = short_kind;
	mt->ordinal = ordinal;
	mt->pos = fsp_block_pos(b, ordinal_text ? (size_t)(ordinal_text - b->text)
	                                        : b->toks[first].cstart);
	if (ordinal_text) {
		atr_buf buf = ATR_BUF_INIT;
		atr_buf_append(&buf, ordinal_text, ordinal_len);
		atr_buf_putc(&buf, ' ');
		atr_buf_puts(&buf, kind);
		mt->name = atr_buf_detach(&buf);
	} else {
		mt->name = atr_strdup(kind);
	}
	if (!mt->name)
		return ATRACK_NOMEM;
	if (date && format_date(mt->start_date, date->year, date->month, date->day) &&
	    !(date->end_day &&
	      format_date(mt->end_date, date->year, date->month, date->end_day)))
		memcpy(mt->end_date, mt->start_date, sizeof mt->end_date);
	mt->place = meeting_place(p, b, last + 1, sentence);
	if (meeting_people(p, bi, sentence, mt))
		return ATRACK_NOMEM;
	return make_meeting_slug(p, mt);
}

static int scan_meetings(fsp_parser *p, size_t bi)
{
	fsp_block *b = &p->blocks[bi];
	for (size_t t = 0; t < b->tok_count; t++) {
		if (!core_in(b, t, MEETING_NOUNS) && !core_in(b, t, MEETING_MAYBE_NOUNS))
			continue;
		/* "Ministerial" in "Ministerial Dialogue" is not the noun */
		if (t + 1 < b->tok_count && !b->toks[t].closes &&
		    (core_in(b, t + 1, MEETING_NOUNS) || core_in(b, t + 1, MEETING_MAYBE_NOUNS)))
			continue;
		int rc = meeting_at(p, bi, t);
		if (rc)
			return rc;
	}
	return ATRACK_OK;
}

/* ---- Frameworks --------------------------------------------------------- */

static const char *kind_of_name(const char *name)
{
	const char *last = strrchr(name, ' ');
	last = last ? last + 1 : name;
	const struct kind_noun *k = kind_noun(last, strlen(last));
	if (k)
		return k->kind;
	for (const char *s = name; *s;) {
		size_t n = strcspn(s, " ");
		if ((k = kind_noun(s, n)))
			return k->kind;
		s += n;
		while (*s == ' ')
			s++;
	}
	return "body";
}

static int find_framework(const fs_model *m, const char *name, const char *acronym)
{
	for (size_t i = 0; i < m->framework_count; i++) {
		const fs_framework *f = &m->frameworks[i];
		if (strcmp(f->name, name) == 0 ||
		    (acronym && f->acronym && strcmp(f->acronym, acronym) == 0))
			return (int)i;
	}
	return -1;
}

/* Returns the index, -1 when full, -2 when memory ran out. */
static int add_framework(fsp_parser *p, const char *name, size_t name_len,
                         const char *acronym, size_t acronym_len, fs_pos pos)
{
	fs_model *m = p->model;
	char *clean = fsp_clean_dup(name, name_len);
	char *acr = acronym ? atr_strndup(acronym, acronym_len) : NULL;
	if (!clean || (acronym && !acr)) {
		atr_free(clean);
		atr_free(acr);
		return -2;
	}
	int found = find_framework(m, clean, acr);
	if (found >= 0 || m->framework_count >= MAX_ENTITIES) {
		if (found >= 0 && acr && !m->frameworks[found].acronym) {
			m->frameworks[found].acronym = acr;
			acr = NULL;
		}
		atr_free(clean);
		atr_free(acr);
		return found;
	}
	if (!fsp_reserve(&m->frameworks, &p->framework_cap, m->framework_count + 1,
	                 sizeof *m->frameworks)) {
		atr_free(clean);
		atr_free(acr);
		return -2;
	}
	fs_framework *f = &m->frameworks[m->framework_count++];
	memset(f, 0, sizeof *f);
	f->name = clean;
	f->acronym = acr;
	f->pos = pos;
	f->kind = atr_strdup(kind_of_name(clean));
	if (!f->kind || fsp_unique_slug(&p->other_slugs, acr ? acr : clean, &f->slug))
		return -2;
	return (int)(m->framework_count - 1);
}

static bool acronym_word(const char *s, size_t n)
{
	int upper = 0;
	if (n < 2 || n > 10 || !fsp_is_upper(s[0]))
		return false;
	for (size_t i = 0; i < n; i++) {
		if (fsp_is_upper(s[i]))
			upper++;
		else if (!fsp_is_lower(s[i]) && !fsp_is_digit(s[i]) && s[i] != '&' && s[i] != '-')
			return false;
	}
	return upper >= 2;
}

/* Whether the letters of `acr` are the initials of words [0, count):
 * every capitalised word gives its initial (and may give those of its
 * hyphenated parts), a small word may give its initial or nothing. */
static bool initials_match(const fsp_block *b, size_t first, size_t count,
                           const char *acr, size_t acr_len)
{
	bool ok[13][11]; /* ok[w][a]: words w.. spell letters a.. */
	char letters[11];
	size_t m = 0;
	for (size_t i = 0; i < acr_len && m < 10; i++)
		if (fsp_is_upper(acr[i]) || fsp_is_digit(acr[i]))
			letters[m++] = acr[i];
	if (count > 12 || m == 0)
		return false;
	for (size_t w = count + 1; w-- > 0;) {
		for (size_t a = m + 1; a-- > 0;) {
			if (w == count) {
				ok[w][a] = a == m;
				continue;
			}
			size_t n;
			const char *s = core(b, first + w, &n);
			bool small = fsp_is_small_word(s, n);
			bool r = small && ok[w + 1][a];
			if (!r && a < m && fsp_is_upper((char)(s[0] & ~0x20)) &&
			    (char)(s[0] & ~0x20) == letters[a]) {
				size_t used = a + 1;
				r = ok[w + 1][used];
				for (size_t k = 1; !r && k < n && used < m; k++) {
					if (s[k - 1] != '-')
						continue;
					if ((char)(s[k] & ~0x20) != letters[used])
						break;
					used++;
					r = ok[w + 1][used];
				}
			}
			ok[w][a] = r;
		}
	}
	return ok[0][0];
}

/* "Full Name (ACR)": the fewest capitalised words before the parenthesis
 * whose initials spell the acronym. A party or a meeting so defined is not
 * a framework; a lower-case phrase ("maintenance, repair, and overhaul
 * (MRO)") is nothing. */
static int scan_definitions(fsp_parser *p, size_t bi)
{
	fsp_block *b = &p->blocks[bi];
	for (size_t t = 1; t < b->tok_count; t++) {
		size_t n;
		const char *s = core(b, t, &n);
		if (!starts_with_paren(b, t) || !acronym_word(s, n) ||
		    b->text[b->toks[t].cend] != ')' ||
		    covering(p, b, MENTION_MEETING, b->toks[t].start))
			continue;
		size_t k, found = 0;
		for (k = 1; k <= 12 && k <= t; k++) {
			size_t w = t - k;
			size_t wn;
			const char *ws = core(b, w, &wn);
			if (b->toks[w].closes || starts_with_paren(b, w) || wn == 0)
				break;
			bool small = fsp_is_small_word(ws, wn);
			if (!small && !capitalised(b, w))
				break;
			if (!small && initials_match(b, w, k, s, n)) {
				found = k;
				break;
			}
		}
		if (!found)
			continue;
		size_t first = t - found;
		size_t name_start = b->toks[first].cstart, name_end = b->toks[t - 1].cend;
		if (party_token(p, b, t - 1) || core_in(b, t - 1, MEETING_NOUNS))
			continue;
		int index = add_framework(p, b->text + name_start, name_end - name_start,
		                          s, n, fsp_block_pos(b, name_start));
		if (index == -2)
			return ATRACK_NOMEM;
		if (add_mention(p, MENTION_DEFINITION, name_start, b->toks[t].cend + 1, index))
			return ATRACK_NOMEM;
		fsp_mentions *ms = &p->mentions[MENTION_DEFINITION];
		ms->items[ms->count - 1].word = s;
		ms->items[ms->count - 1].word_len = n;
	}
	return ATRACK_OK;
}

/* "a new Coast Guard Framework": capitalised words ending in a
 * kind noun, after an article. */
static int scan_named_frameworks(fsp_parser *p, size_t bi)
{
	fsp_block *b = &p->blocks[bi];
	for (size_t t = 1; t < b->tok_count; t++) {
		size_t n;
		const char *s = core(b, t, &n);
		if (!kind_noun(s, n) || starts_with_paren(b, t) ||
		    covering(p, b, MENTION_MEETING, b->toks[t].cstart))
			continue;
		size_t first = t;
		while (first > 0 && t - first < 8 && !b->toks[first - 1].closes &&
		       !starts_with_paren(b, first - 1) && !party_token(p, b, first - 1) &&
		       !core_in(b, first - 1, DETERMINERS) &&
		       (capitalised(b, first - 1) ||
		        (first - 1 > 0 && fsp_is_small_word(core(b, first - 1, &n), n) &&
		         capitalised(b, first - 2))))
			first--;
		if (first == t || first == 0)
			continue;
		size_t before = first - 1;
		while (before > 0 && party_token(p, b, before))
			before--;
		if (!core_in(b, before, DETERMINERS) || party_token(p, b, before))
			continue;
		size_t start = b->toks[first].cstart;
		int index = add_framework(p, b->text + start, b->toks[t].cend - start,
		                          NULL, 0, fsp_block_pos(b, start));
		if (index == -2)
			return ATRACK_NOMEM;
	}
	return ATRACK_OK;
}

/* Where framework i is first named in the block (by name or acronym, as
 * a whole word), or SIZE_MAX. */
static size_t framework_in(const fs_framework *f, const fsp_block *b)
{
	const char *forms[2] = {f->name, f->acronym};
	size_t best = SIZE_MAX;
	for (int k = 0; k < 2; k++) {
		if (!forms[k])
			continue;
		size_t n = strlen(forms[k]);
		for (const char *at = strstr(b->text, forms[k]); at; at = strstr(at + 1, forms[k])) {
			size_t off = (size_t)(at - b->text);
			if ((off > 0 && fsp_is_alnum(at[-1])) || fsp_is_alnum(at[n]))
				continue;
			if (off < best)
				best = off;
			break;
		}
	}
	return best;
}

/* ---- Lists: focus areas and exercises ----------------------------------- */

typedef struct span {
	size_t start, end;
} span;

static size_t trim_span(const char *s, span *sp)
{
	while (sp->start < sp->end && (fsp_is_space(s[sp->start]) || s[sp->start] == ','))
		sp->start++;
	while (sp->end > sp->start &&
	       (fsp_is_space(s[sp->end - 1]) || strchr(".,;:", s[sp->end - 1])))
		sp->end--;
	return sp->end - sp->start;
}

/* Split "A, B, and C" (or "A and B") in [start, end) into at most max
 * elements. */
static size_t split_list(const char *s, size_t start, size_t end, span *out,
                         size_t max, bool split_and)
{
	size_t count = 0, i = start, piece = start;
	while (i <= end && count < max) {
		bool cut = i == end || s[i] == ',' || s[i] == ';';
		size_t skip = 1;
		if (!cut && split_and && i + 5 <= end && memcmp(s + i, " and ", 5) == 0) {
			cut = true;
			skip = 5;
		}
		if (!cut) {
			i++;
			continue;
		}
		span sp = {piece, i};
		if (trim_span(s, &sp)) {
			if (sp.end - sp.start > 4 && memcmp(s + sp.start, "and ", 4) == 0)
				sp.start += 4;
			else if (sp.end - sp.start > 3 && memcmp(s + sp.start, "or ", 3) == 0)
				sp.start += 3;
			out[count++] = sp;
		}
		i += skip;
		piece = i;
	}
	return count;
}

static size_t word_count(const char *s, size_t len)
{
	size_t words = 0;
	bool in = false;
	for (size_t i = 0; i < len; i++) {
		if (fsp_is_space(s[i]))
			in = false;
		else if (!in && ++words)
			in = true;
	}
	return words;
}

/* The end of the sentence that contains byte `at`. */
static size_t sentence_end(const fsp_block *b, size_t at)
{
	size_t t = token_at(b, at);
	if (t >= b->tok_count)
		return b->len;
	int sentence = b->toks[t].sentence;
	while (t + 1 < b->tok_count && b->toks[t + 1].sentence == sentence)
		t++;
	return b->toks[t].end;
}

static int add_focus(fsp_parser *p, const fsp_block *b, span sp, const char *kind,
                     int framework)
{
	fs_model *m = p->model;
	char *name = fsp_clean_dup(b->text + sp.start, sp.end - sp.start);
	if (!name)
		return ATRACK_NOMEM;
	int index = -1;
	for (size_t i = 0; i < m->focus_area_count && index < 0; i++)
		if (strcmp(m->focus_areas[i].name, name) == 0 &&
		    strcmp(m->focus_areas[i].kind, kind) == 0 &&
		    m->focus_areas[i].framework == framework)
			index = (int)i;
	if (index >= 0 || m->focus_area_count >= MAX_ENTITIES) {
		atr_free(name);
	} else {
		if (!fsp_reserve(&m->focus_areas, &p->focus_cap, m->focus_area_count + 1,
		                 sizeof *m->focus_areas)) {
			atr_free(name);
			return ATRACK_NOMEM;
		}
		fs_focus_area *fa = &m->focus_areas[m->focus_area_count++];
		memset(fa, 0, sizeof *fa);
		fa->name = name;
		fa->framework = framework;
		fa->pos = fsp_block_pos(b, sp.start);
		fa->kind = atr_strdup(kind);
		if (!fa->kind || fsp_unique_slug(&p->other_slugs, name, &fa->slug))
			return ATRACK_NOMEM;
		index = (int)m->focus_area_count - 1;
	}
	return index < 0 ? ATRACK_OK : add_mention(p, MENTION_FOCUS, sp.start, sp.end, index);
}

/* The framework named last before `at` in the block ("this framework"). */
static int framework_before(const fsp_parser *p, const fsp_block *b, size_t at)
{
	int best = -1;
	size_t best_at = 0;
	for (size_t i = 0; i < p->model->framework_count; i++) {
		size_t where = framework_in(&p->model->frameworks[i], b);
		if (where < at && (best < 0 || where >= best_at)) {
			best = (int)i;
			best_at = where;
		}
	}
	return best;
}

/* "Areas of focus under this framework include A, B, and C." and
 * "... in areas such as A, B, and C." */
static int scan_focus(fsp_parser *p, size_t bi)
{
	static const struct {
		const char *phrase;
		const char *kind;
		bool needs_verb;
	} triggers[] = {
		{"areas of focus", "focus", true},
		{"focus areas", "focus", true},
		{"areas of cooperation", "focus", true},
		{"lines of effort", "focus", true},
		{"in areas such as", "technology", false},
		{"in fields such as", "technology", false},
		{"in domains such as", "technology", false},
		{"technologies such as", "technology", false},
	};
	fsp_block *b = &p->blocks[bi];
	for (size_t k = 0; k < ATR_ARRAY_SIZE(triggers); k++) {
		size_t at = 0;
		while ((at = fsp_find_ci(b->text, b->len, at, triggers[k].phrase)) != SIZE_MAX) {
			size_t end = sentence_end(b, at);
			size_t start = at + strlen(triggers[k].phrase);
			at = start;
			if (triggers[k].needs_verb) {
				size_t verb = fsp_find_ci(b->text, end, start, " include ");
				if (verb == SIZE_MAX || verb - start > 80)
					verb = fsp_find_ci(b->text, end, start, " includes ");
				if (verb == SIZE_MAX || verb - start > 80)
					verb = fsp_find_ci(b->text, end, start, " are ");
				if (verb == SIZE_MAX || verb - start > 80)
					continue;
				start = verb + 1;
				while (start < end && !fsp_is_space(b->text[start]))
					start++;
			}
			span items[64];
			bool commas = memchr(b->text + start, ',', end - start) != NULL;
			size_t count = split_list(b->text, start, end, items, 64, !commas);
			int framework = framework_before(p, b, at);
			for (size_t i = 0; i < count; i++) {
				size_t words = word_count(b->text + items[i].start,
				                          items[i].end - items[i].start);
				if (words == 0 || words > 6)
					break;
				if (add_focus(p, b, items[i], triggers[k].kind, framework))
					return ATRACK_NOMEM;
			}
		}
	}
	return ATRACK_OK;
}

static bool proper_name(const char *s, size_t len, size_t max_words)
{
	size_t words = 0, i = 0;
	while (i < len) {
		while (i < len && s[i] == ' ')
			i++;
		size_t w = i;
		while (i < len && s[i] != ' ')
			i++;
		if (w == i)
			break;
		words++;
		bool small = fsp_is_small_word(s + w, i - w);
		if ((!small || words == 1) && !fsp_is_upper(s[w]) && !fsp_is_digit(s[w]))
			return false;
	}
	return words >= 1 && words <= max_words;
}

static int add_exercise(fsp_parser *p, const fsp_block *b, span sp)
{
	fs_model *m = p->model;
	char *name = fsp_clean_dup(b->text + sp.start, sp.end - sp.start);
	if (!name)
		return ATRACK_NOMEM;
	int index = -1;
	for (size_t i = 0; i < m->exercise_count && index < 0; i++)
		if (strcmp(m->exercises[i].name, name) == 0)
			index = (int)i;
	if (index >= 0 || m->exercise_count >= MAX_ENTITIES) {
		atr_free(name);
	} else {
		if (!fsp_reserve(&m->exercises, &p->exercise_cap, m->exercise_count + 1,
		                 sizeof *m->exercises)) {
			atr_free(name);
			return ATRACK_NOMEM;
		}
		fs_exercise *ex = &m->exercises[m->exercise_count++];
		memset(ex, 0, sizeof *ex);
		ex->name = name;
		ex->pos = fsp_block_pos(b, sp.start);
		if (fsp_unique_slug(&p->other_slugs, name, &ex->slug))
			return ATRACK_NOMEM;
		index = (int)m->exercise_count - 1;
	}
	return index < 0 ? ATRACK_OK : add_mention(p, MENTION_EXERCISE, sp.start, sp.end, index);
}

static bool is_exercise_word(const fsp_block *b, size_t t)
{
	size_t n;
	const char *s = core(b, t, &n);
	return fsp_word_is_ci(s, n, "exercise") || fsp_word_is_ci(s, n, "exercises") ||
	       fsp_word_is_ci(s, n, "drills");
}

/* Capitalised names in a list after an exercise word: "exercises ...,
 * such as X and Y", "exercises X, Y and Z"; also "the X exercise". */
static int scan_exercises(fsp_parser *p, size_t bi)
{
	fsp_block *b = &p->blocks[bi];
	size_t next_free = 0; /* a list is read once */
	for (size_t t = 0; t < b->tok_count; t++) {
		if (!is_exercise_word(b, t) || b->toks[t].start < next_free)
			continue;
		int sentence = b->toks[t].sentence;
		size_t list = SIZE_MAX, end = 0;
		if (!b->toks[t].closes && t + 1 < b->tok_count && capitalised(b, t + 1) &&
		    !party_token(p, b, t + 1)) {
			size_t k = t + 1;
			list = b->toks[k].cstart;
			while (k + 1 < b->tok_count && b->toks[k + 1].sentence == sentence &&
			       !(b->toks[k].closes && b->text[b->toks[k].end - 1] != ',') &&
			       (capitalised(b, k + 1) || core_is(b, k + 1, "and")))
				k++;
			end = b->toks[k].cend;
		}
		for (size_t k = t + 1; list == SIZE_MAX && k + 1 < b->tok_count &&
		     b->toks[k].sentence == sentence && k - t < 40; k++)
			if (core_is(b, k, "such") && core_is(b, k + 1, "as"))
				list = b->toks[k + 1].end;
		if (list == SIZE_MAX && t > 0 && capitalised(b, t - 1) &&
		    !party_token(p, b, t - 1) && !b->toks[t - 1].closes) {
			size_t first = t - 1;
			while (first > 0 && t - first < 4 && capitalised(b, first - 1) &&
			       !b->toks[first - 1].closes && !party_token(p, b, first - 1) &&
			       b->toks[first - 1].sentence == sentence)
				first--;
			if (first > 0 && b->toks[first - 1].sentence == sentence) {
				span sp = {b->toks[first].cstart, b->toks[t - 1].cend};
				if (add_exercise(p, b, sp))
					return ATRACK_NOMEM;
			}
			continue;
		}
		if (list == SIZE_MAX)
			continue;
		if (!end)
			end = sentence_end(b, list);
		span items[32];
		size_t count = split_list(b->text, list, end, items, 32, true);
		for (size_t i = 0; i < count; i++) {
			const char *s = b->text + items[i].start;
			size_t n = items[i].end - items[i].start;
			if (!proper_name(s, n, 5) ||
			    covering(p, b, MENTION_PARTY, items[i].start))
				break;
			if (add_exercise(p, b, items[i]))
				return ATRACK_NOMEM;
			next_free = items[i].end;
		}
	}
	return ATRACK_OK;
}

/* ---- Cited documents ---------------------------------------------------- */

static int add_document(fsp_parser *p, const fsp_block *b, span sp)
{
	fs_model *m = p->model;
	char *title = fsp_clean_dup(b->text + sp.start, sp.end - sp.start);
	if (!title)
		return ATRACK_NOMEM;
	int index = -1;
	for (size_t i = 0; i < m->cited_document_count && index < 0; i++)
		if (strcmp(m->cited_documents[i].title, title) == 0)
			index = (int)i;
	if (index >= 0 || m->cited_document_count >= MAX_ENTITIES) {
		atr_free(title);
	} else {
		if (!fsp_reserve(&m->cited_documents, &p->document_cap,
		                 m->cited_document_count + 1, sizeof *m->cited_documents)) {
			atr_free(title);
			return ATRACK_NOMEM;
		}
		fs_cited_document *d = &m->cited_documents[m->cited_document_count++];
		memset(d, 0, sizeof *d);
		d->title = title;
		d->pos = fsp_block_pos(b, sp.start);
		if (fsp_unique_slug(&p->other_slugs, title, &d->slug))
			return ATRACK_NOMEM;
		index = (int)m->cited_document_count - 1;
	}
	return index < 0 ? ATRACK_OK : add_mention(p, MENTION_DOCUMENT, sp.start, sp.end, index);
}

/* Capitalised titles in quotes: “Roadmap for Defense Cooperation.” */
static int scan_documents(fsp_parser *p, size_t bi)
{
	fsp_block *b = &p->blocks[bi];
	const char *s = b->text;
	size_t i = 0;
	while (i < b->len) {
		size_t open = 0, close_len = 0;
		const char *close = NULL;
		if (s[i] == '"') {
			open = 1;
			close = "\"";
			close_len = 1;
		} else if (i + 3 <= b->len && memcmp(s + i, "\xE2\x80\x9C", 3) == 0) {
			open = 3;
			close = "\xE2\x80\x9D";
			close_len = 3;
		}
		if (!open) {
			i++;
			continue;
		}
		size_t j = i + open, limit = i + open + 300;
		while (j + close_len <= b->len && j < limit && memcmp(s + j, close, close_len) != 0)
			j++;
		if (j + close_len > b->len || j >= limit) {
			i += open;
			continue;
		}
		span sp = {i + open, j};
		size_t n = trim_span(s, &sp);
		if (n && word_count(s + sp.start, n) >= 2 &&
		    proper_name(s + sp.start, n, 25) && add_document(p, b, sp))
			return ATRACK_NOMEM;
		i = j + close_len;
	}
	return ATRACK_OK;
}

/* ---- Initiatives -------------------------------------------------------- */

int fsp_add_initiative(fsp_parser *p, fsp_block *b, int column)
{
	fs_model *m = p->model;
	if (!fsp_reserve(&m->initiatives, &p->initiative_cap, m->initiative_count + 1,
	                 sizeof *m->initiatives))
		return ATRACK_NOMEM;
	fs_initiative *in = &m->initiatives[m->initiative_count++];
	memset(in, 0, sizeof *in);
	in->section = b->section;
	in->meeting = -1;
	in->line_start = b->line_start;
	in->line_end = b->line_end;
	in->column = column;
	in->text = atr_strndup(b->text, b->len);
	b->initiative = (int)m->initiative_count - 1;
	return in->text ? ATRACK_OK : ATRACK_NOMEM;
}

/* The item with each "Full Name (ACR)" written as "ACR". */
static char *text_with_acronyms(const fsp_parser *p, const fsp_block *b)
{
	atr_buf buf = ATR_BUF_INIT;
	size_t at = 0;
	for (size_t k = b->first[MENTION_DEFINITION]; k < b->end[MENTION_DEFINITION]; k++) {
		const fsp_mention *mn = &p->mentions[MENTION_DEFINITION].items[k];
		if (mn->start < at)
			continue;
		atr_buf_append(&buf, b->text + at, mn->start - at);
		atr_buf_append(&buf, mn->word, mn->word_len);
		at = mn->end;
	}
	if (at < b->len)
		atr_buf_append(&buf, b->text + at, b->len - at);
	return atr_buf_detach(&buf);
}

/* Whether the "." at `dot` ends an abbreviation ("U.S.", "J.") rather
 * than a sentence. */
static bool abbreviation_before(const char *s, size_t dot)
{
	size_t w = dot;
	while (w > 0 && !fsp_is_space(s[w - 1]))
		w--;
	return is_abbreviation(s + w, dot - w);
}

/* Where a clause begins, so that what comes before it is a title. */
static bool clause_boundary(const char *s, size_t len, size_t i)
{
	static const char *const words[] = {
		"that", "which", "by", "as", "while", "whereby", "so", NULL
	};
	static const char *const determiners[] = {
		"the", "a", "an", "our", "its", "their", "this", "these", "all", NULL
	};
	if (i > 0 && strchr(",;:", s[i - 1]))
		return true;
	if (i > 1 && s[i - 1] == '.' && !abbreviation_before(s, i - 1))
		return true;
	size_t w = i + 1, e = w;
	while (e < len && !fsp_is_space(s[e]))
		e++;
	if (fsp_word_is(s + w, e - w, "as") && i >= 4 && fsp_word_is(s + i - 4, 4, "such"))
		return false;
	if (fsp_word_is(s + w, e - w, "such") && e + 3 < len && memcmp(s + e, " as ", 4) == 0)
		return true;
	if (fsp_in_list(s + w, e - w, words))
		return true;
	if (!fsp_word_is(s + w, e - w, "to"))
		return false;
	/* "to maintain" begins a purpose; "to DPRK missiles", "to the" do not */
	size_t v = e + 1, ve = v;
	while (ve < len && !fsp_is_space(s[ve]))
		ve++;
	return v < len && fsp_is_lower(s[v]) && !fsp_in_list(s + v, ve - v, determiners);
}

static char *short_title(const fsp_parser *p, const fsp_block *b)
{
	char *text = text_with_acronyms(p, b);
	if (!text)
		return NULL;
	size_t len = strlen(text), cut = len, words = 1;
	for (size_t i = 0; i < len; i++) {
		if (text[i] != ' ')
			continue;
		if (words >= TITLE_MIN_WORDS && clause_boundary(text, len, i)) {
			cut = i;
			break;
		}
		words++;
	}
	if (cut > TITLE_MAX) {
		size_t i = TITLE_MAX;
		while (i > 0 && text[i] != ' ')
			i--;
		cut = i ? i : TITLE_MAX;
	}
	while (cut > 0 && (strchr(",;:", text[cut - 1]) || fsp_is_space(text[cut - 1]) ||
	                   (text[cut - 1] == '.' && !abbreviation_before(text, cut - 1))))
		cut--;
	char *title = fsp_clean_dup(text, cut);
	atr_free(text);
	return title;
}

static int link_mentions(const fsp_parser *p, const fsp_block *b, int kind, fs_refs *r)
{
	for (size_t k = b->first[kind]; k < b->end[kind]; k++) {
		int index = p->mentions[kind].items[k].index;
		if (index >= 0 && refs_add(r, index))
			return ATRACK_NOMEM;
	}
	return ATRACK_OK;
}

static int finish_initiative(fsp_parser *p, const fsp_block *b)
{
	fs_model *m = p->model;
	fs_initiative *in = &m->initiatives[b->initiative];
	in->meeting = m->meeting_count ? 0 : -1;
	in->title = short_title(p, b);
	if (!in->title || fsp_unique_slug(&p->initiative_slugs, in->title, &in->slug))
		return ATRACK_NOMEM;
	for (size_t i = 0; i < m->framework_count; i++)
		if (framework_in(&m->frameworks[i], b) != SIZE_MAX &&
		    refs_add(&in->frameworks, (int)i))
			return ATRACK_NOMEM;
	for (size_t i = 0; i < m->exercise_count; i++) {
		const char *at = strstr(b->text, m->exercises[i].name);
		if (at && (at == b->text || !fsp_is_alnum(at[-1])) &&
		    !fsp_is_alnum(at[strlen(m->exercises[i].name)]) &&
		    refs_add(&in->exercises, (int)i))
			return ATRACK_NOMEM;
	}
	if (link_mentions(p, b, MENTION_PARTY, &in->parties) ||
	    link_mentions(p, b, MENTION_EXERCISE, &in->exercises) ||
	    link_mentions(p, b, MENTION_DOCUMENT, &in->documents) ||
	    link_mentions(p, b, MENTION_FOCUS, &in->focus_areas))
		return ATRACK_NOMEM;
	return ATRACK_OK;
}

/* ---- The pass ----------------------------------------------------------- */

typedef int (*block_scanner)(fsp_parser *p, size_t bi);

static int scan_parties_at(fsp_parser *p, size_t bi)
{
	return scan_parties(p, &p->blocks[bi]);
}

static int scan_people_at(fsp_parser *p, size_t bi)
{
	return p->blocks[bi].kind == BLOCK_PROSE || p->blocks[bi].kind == BLOCK_ITEM
	       ? scan_people(p, &p->blocks[bi]) : ATRACK_OK;
}

static int scan_meetings_at(fsp_parser *p, size_t bi)
{
	return p->blocks[bi].kind == BLOCK_PROSE ? scan_meetings(p, bi) : ATRACK_OK;
}

static int scan_body(fsp_parser *p, size_t bi, block_scanner scan)
{
	int kind = p->blocks[bi].kind;
	return kind == BLOCK_PROSE || kind == BLOCK_ITEM ? scan(p, bi) : ATRACK_OK;
}

/* Run one recogniser over every block, keeping each block's range of the
 * mentions it records. */
static int run(fsp_parser *p, int kind, block_scanner scan, bool body_only)
{
	for (size_t bi = 0; bi < p->block_count; bi++) {
		fsp_block *b = &p->blocks[bi];
		if (kind >= 0)
			b->first[kind] = p->mentions[kind].count;
		int rc = body_only ? scan_body(p, bi, scan) : scan(p, bi);
		if (kind >= 0)
			b->end[kind] = p->mentions[kind].count;
		if (rc)
			return rc;
	}
	return ATRACK_OK;
}

int fsp_recognise(fsp_parser *p)
{
	int rc = ATRACK_OK;
	for (size_t bi = 0; bi < p->block_count && !rc; bi++)
		rc = tokenise(&p->blocks[bi]);
	if (!rc)
		rc = run(p, MENTION_PARTY, scan_parties_at, false);
	if (!rc)
		rc = run(p, MENTION_PERSON, scan_people_at, false);
	if (!rc)
		rc = resolve_short_references(p);
	if (!rc)
		rc = run(p, -1, scan_dates, true);
	if (!rc) {
		resolve_years(p);
		rc = run(p, MENTION_MEETING, scan_meetings_at, false);
	}
	if (!rc)
		rc = run(p, MENTION_DEFINITION, scan_definitions, true);
	if (!rc)
		rc = run(p, -1, scan_named_frameworks, true);
	if (!rc)
		rc = run(p, MENTION_FOCUS, scan_focus, true);
	if (!rc)
		rc = run(p, MENTION_EXERCISE, scan_exercises, true);
	if (!rc)
		rc = run(p, MENTION_DOCUMENT, scan_documents, true);
	for (size_t bi = 0; bi < p->block_count && !rc; bi++)
		if (p->blocks[bi].initiative >= 0)
			rc = finish_initiative(p, &p->blocks[bi]);
	return rc;
}
