/*
 * gen.c - a deterministic generator of fact sheets in the genre of the
 * bundled one (a title, a paragraph naming the meeting and its principals,
 * lines of effort in capitals, bulleted initiatives naming frameworks with
 * their acronyms, exercises and focus areas), and of progress-update notes.
 * Everything comes from word pools and a seeded PRNG, so every run
 * measures the same text.
 */
#include "bench.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

uint64_t rng_next(rng *r)
{
	/* splitmix64 */
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

size_t rng_below(rng *r, size_t n)
{
	return (size_t)(rng_next(r) % n);
}

#define PICK(r, pool) (pool[rng_below(r, sizeof pool / sizeof pool[0])])

static const char *const PARTNERS[][2] = {
	{"Japan", "Japan"}, {"Republic of Korea", "ROK"}, {"Australia", "Australia"},
	{"Philippines", "Philippines"}, {"United Kingdom", "UK"}, {"Canada", "Canada"},
	{"New Zealand", "New Zealand"}, {"Singapore", "Singapore"},
};
/* Meeting kinds: the name and the short form the meeting slug comes from.
 * Distinct short forms keep every (kind, ordinal) a distinct meeting. */
static const char *const MEETINGS[][2] = {
	{"Security Consultative Meeting", "SCM"},
	{"Defense Ministerial Meeting", "DMM"},
	{"Strategic Security Talks", "SST"},
	{"Integrated Defense Consultations", "IDC"},
};
static const char *const FIRST[] = {
	"Lloyd", "Antony", "Maria", "Daniel", "Park", "Takeshi", "Helen", "Ruth",
	"Samuel", "Grace", "Oliver", "Hyun", "Aiko", "Marcus", "Elena", "Victor",
};
static const char *const LAST[] = {
	"Hollis", "Carver", "Min-seo", "Tanaka", "Whitfield", "Okafor", "Lindqvist",
	"Barros", "Hartley", "Ishikawa", "Kwon", "Delacroix", "Brennan", "Moreau",
};
static const char *const MONTH[] = {
	"January", "February", "March", "April", "May", "June", "July", "August",
	"September", "October", "November", "December",
};
static const char *const HEADINGS[] = {
	"ENHANCING COMBINED DETERRENCE", "MODERNIZING ALLIANCE CAPABILITIES",
	"STRENGTHENING REGIONAL SECURITY COOPERATION", "DEEPENING DEFENSE INDUSTRIAL TIES",
	"ADVANCING SCIENCE AND TECHNOLOGY", "EXPANDING INFORMATION SHARING",
	"IMPROVING READINESS AND RESILIENCE", "BUILDING PARTNER CAPACITY",
};
static const char *const FW_ADJ[] = {
	"Combined", "Joint", "Regional", "Maritime", "Cyber", "Space", "Allied",
	"Strategic", "Industrial", "Coastal", "Northern", "Pacific",
};
static const char *const FW_NOUN[] = {
	"Planning", "Defense", "Logistics", "Innovation", "Resilience",
	"Intelligence", "Readiness", "Sustainment", "Munitions", "Domain",
};
static const char *const FW_KIND[] = {
	"Group", "Committee", "Council", "Partnership", "Mechanism", "Forum",
};
static const char *const VERB[] = {
	"Enhancing", "Expanding", "Deepening", "Launching", "Strengthening",
	"Establishing", "Accelerating", "Institutionalizing",
};
static const char *const GOAL[] = {
	"combined planning and decision-making for crisis response",
	"supply chain resiliency for critical munitions components",
	"shared early warning of missile launches and space threats",
	"maintenance, repair, and overhaul of forward-deployed aircraft",
	"interoperable command and control across every domain",
	"protection of undersea cables and critical infrastructure",
	"co-development and co-production of unmanned systems",
};
static const char *const EX_A[] = {
	"Iron", "Silent", "Freedom", "Pacific", "Northern", "Valiant", "Steel", "Keen",
};
static const char *const EX_B[] = {
	"Harbor", "Falcon", "Shield", "Edge", "Guardian", "Sword", "Dragon", "Tide",
};
static const char *const FOCUS[] = {
	"maritime security", "multilateral exercises", "capacity building",
	"technical cooperation", "information sharing", "cyber defense",
	"space situational awareness", "logistics", "humanitarian assistance",
	"artificial intelligence", "quantum sensing", "autonomous systems",
};

typedef struct sbuf {
	char *s;
	size_t len, cap;
} sbuf;

static void put(sbuf *b, const char *fmt, ...)
{
	va_list ap;
	for (;;) {
		va_start(ap, fmt);
		int n = vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
		va_end(ap);
		if (n < 0)
			die("vsnprintf failed");
		if ((size_t)n < b->cap - b->len) {
			b->len += (size_t)n;
			return;
		}
		b->cap = (b->cap + (size_t)n + 1) * 2;
		b->s = realloc(b->s, b->cap);
		if (!b->s)
			die("out of memory");
	}
}

static const char *ordinal_suffix(long n)
{
	if (n % 100 >= 11 && n % 100 <= 13)
		return "th";
	switch (n % 10) {
	case 1: return "st";
	case 2: return "nd";
	case 3: return "rd";
	default: return "th";
	}
}

/* A framework name from the pools and its acronym (initials). */
static void framework(rng *r, char name[96], char acronym[8])
{
	const char *w[3] = { PICK(r, FW_ADJ), PICK(r, FW_NOUN), PICK(r, FW_KIND) };
	snprintf(name, 96, "%s %s %s", w[0], w[1], w[2]);
	snprintf(acronym, 8, "%c%c%c", w[0][0], w[1][0], w[2][0]);
}

static void item(sbuf *b, rng *r)
{
	char name[96], acronym[8];
	framework(r, name, acronym);
	put(b, "- %s %s through the %s (%s) to advance %s", PICK(r, VERB),
	    PICK(r, GOAL), name, acronym, PICK(r, GOAL));
	switch (rng_below(r, 3)) {
	case 0:
		put(b, ", and conducting exercises such as %s %s and %s %s to test readiness.\n",
		    PICK(r, EX_A), PICK(r, EX_B), PICK(r, EX_A), PICK(r, EX_B));
		break;
	case 1:
		put(b, ". Areas of focus under this framework include %s, %s, and %s.\n",
		    PICK(r, FOCUS), PICK(r, FOCUS), PICK(r, FOCUS));
		break;
	default:
		put(b, ", with regular reviews of its progress by both Ministers.\n");
		break;
	}
}

char *gen_factsheet(uint64_t seed, long index, int items, size_t *out_len)
{
	rng r = { seed * 1000003u + (uint64_t)index };
	sbuf b = { NULL, 0, 0 };
	size_t kinds = sizeof MEETINGS / sizeof MEETINGS[0];
	const char *const *meeting = MEETINGS[(size_t)index % kinds];
	long ordinal = index / (long)kinds + 1;
	const char *const *partner = PARTNERS[rng_below(&r, sizeof PARTNERS / sizeof PARTNERS[0])];
	int year = 2000 + (int)(index % 25);
	int month = (int)rng_below(&r, 12), day = 1 + (int)rng_below(&r, 28);

	put(&b, "U.S.-%s %s Fact Sheet\n", partner[0], meeting[0]);
	put(&b, "During the %ld%s U.S.-%s (%s) %s (%s) on %s %d, %d, U.S. Secretary of "
	    "Defense %s %s and %s Minister of National Defense %s %s advanced numerous "
	    "initiatives that deepen our cooperation, modernize our capabilities, and "
	    "strengthen our contributions to regional security.\n",
	    ordinal, ordinal_suffix(ordinal), partner[0], partner[1], meeting[0], meeting[1],
	    MONTH[month], day, year, PICK(&r, FIRST), PICK(&r, LAST), partner[1],
	    PICK(&r, FIRST), PICK(&r, LAST));
	int sections = items < 3 ? 1 : 3 + items / 50;
	size_t first = rng_below(&r, sizeof HEADINGS / sizeof HEADINGS[0]);
	for (int s = 0, done = 0; s < sections; s++) {
		int n = (items - done) / (sections - s);
		const char *heading = HEADINGS[(first + (size_t)s) % (sizeof HEADINGS / sizeof HEADINGS[0])];
		if (s >= (int)(sizeof HEADINGS / sizeof HEADINGS[0]))
			put(&b, "%s PART %d\n", heading, s + 1);
		else
			put(&b, "%s\n", heading);
		put(&b, "The United States and the %s are working together more closely by:\n",
		    partner[1]);
		for (int i = 0; i < n; i++)
			item(&b, &r);
		done += n;
	}
	*out_len = b.len;
	return b.s;
}

static const char *const NOTE_WORDS[] = {
	"workstream", "tabletop", "exercise", "milestone", "delayed", "funding",
	"procurement", "interoperability", "briefing", "ministerial", "readiness",
	"logistics", "cyber", "maritime", "satellite", "drills", "agreement",
	"signed", "review", "prototype", "deployment", "training", "summit",
	"delegation", "budget", "contract", "radar", "missile", "warning", "data",
};

const char *gen_note_word(size_t i)
{
	return NOTE_WORDS[i % (sizeof NOTE_WORDS / sizeof NOTE_WORDS[0])];
}

size_t gen_note_word_count(void)
{
	return sizeof NOTE_WORDS / sizeof NOTE_WORDS[0];
}

void gen_note(rng *r, char buf[256])
{
	size_t len = 0;
	int words = 8 + (int)rng_below(r, 10);
	for (int i = 0; i < words; i++) {
		int n = snprintf(buf + len, 256 - len, "%s%s", i ? " " : "The ",
		                 PICK(r, NOTE_WORDS));
		len += (size_t)n;
	}
	snprintf(buf + len, 256 - len, ".");
}

void gen_date(long day, char buf[11])
{
	/* Days from 2025-01-01, civil calendar (Howard Hinnant's algorithm). */
	long z = day + 20089 + 719468; /* 20089: days 1970-01-01 .. 2025-01-01 */
	long era = z / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = yoe + era * 400;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long d = doy - (153 * mp + 2) / 5 + 1;
	long m = mp < 10 ? mp + 3 : mp - 9;
	char tmp[96];
	snprintf(tmp, sizeof tmp, "%04ld-%02ld-%02ld", y + (m <= 2), m, d);
	memcpy(buf, tmp, 10);
	buf[10] = '\0';
}
