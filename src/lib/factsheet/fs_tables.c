/*
 * fs_tables.c - the vocabularies of the genre, one table each, in one
 * place, so that a contributor extends the parser by adding a row here
 * (and a fixture under tests/fixtures/patterns/): parties and their
 * forms, months, abbreviations, official titles, meeting nouns,
 * framework head nouns and their kinds, determiners, title small words,
 * trailer phrases, place nouns and the focus-list triggers. Data only:
 * it calls nothing.
 */
#include "factsheet_int.h"

/* Parties of the genre, with the forms the text may use. */
const struct fsp_party_def FSP_PARTIES[] = {
	{"us", "United States", {"U.S.", "US", "USA", "U.S.A."},
	 {"United States of America", "United States"}, {"American"}, false},
	{"rok", "Republic of Korea", {"ROK"},
	 {"Republic of Korea", "South Korea"}, {"South Korean"}, false},
	{"dprk", "Democratic People's Republic of Korea", {"DPRK"},
	 {"Democratic People's Republic of Korea",
	  "Democratic People\xE2\x80\x99s Republic of Korea", "North Korea"},
	 {"North Korean"}, false},
	{"japan", "Japan", {NULL}, {"Japan"}, {"Japanese"}, false},
	{"australia", "Australia", {NULL}, {"Australia"}, {"Australian"}, false},
	{"philippines", "Philippines", {NULL},
	 {"Republic of the Philippines", "Philippines"}, {"Philippine", "Filipino"}, false},
	{"prc", "People's Republic of China", {"PRC"},
	 {"People's Republic of China", "People\xE2\x80\x99s Republic of China", "China"},
	 {"Chinese"}, false},
	{"nato", "North Atlantic Treaty Organization", {"NATO"},
	 {"North Atlantic Treaty Organization"}, {NULL}, true},
	{"uk", "United Kingdom", {"UK", "U.K."}, {"United Kingdom"}, {"British"}, false},
	{"eu", "European Union", {"EU"}, {"European Union"}, {NULL}, true},
	{"asean", "Association of Southeast Asian Nations", {"ASEAN"},
	 {"Association of Southeast Asian Nations"}, {NULL}, true},
	{"russia", "Russia", {NULL}, {"Russian Federation", "Russia"}, {"Russian"}, false},
	{"india", "India", {NULL}, {"Republic of India", "India"}, {"Indian"}, false},
	{"canada", "Canada", {NULL}, {"Canada"}, {"Canadian"}, false},
	{"new-zealand", "New Zealand", {"NZ"}, {"New Zealand"}, {NULL}, false},
	{"france", "France", {NULL}, {"France"}, {"French"}, false},
	{"germany", "Germany", {NULL}, {"Germany"}, {"German"}, false},
	{"spain", "Spain", {NULL}, {"Kingdom of Spain", "Spain"}, {"Spanish"}, false},
	{"italy", "Italy", {NULL}, {"Italy"}, {"Italian"}, false},
	{"ukraine", "Ukraine", {NULL}, {"Ukraine"}, {"Ukrainian"}, false},
	{"poland", "Poland", {NULL}, {"Poland"}, {"Polish"}, false},
	{"turkiye", "T\xC3\xBCrkiye", {NULL}, {"T\xC3\xBCrkiye", "Turkey"}, {"Turkish"}, false},
	{"vietnam", "Vietnam", {NULL}, {"Vietnam", "Viet Nam"}, {"Vietnamese"}, false},
	{"indonesia", "Indonesia", {NULL}, {"Indonesia"}, {"Indonesian"}, false},
	{"singapore", "Singapore", {NULL}, {"Singapore"}, {"Singaporean"}, false},
	{"thailand", "Thailand", {NULL}, {"Thailand"}, {"Thai"}, false},
	{"malaysia", "Malaysia", {NULL}, {"Malaysia"}, {"Malaysian"}, false},
	{"mongolia", "Mongolia", {NULL}, {"Mongolia"}, {"Mongolian"}, false},
	{"iran", "Iran", {NULL}, {"Iran"}, {"Iranian"}, false},
	{"israel", "Israel", {NULL}, {"Israel"}, {"Israeli"}, false},
	{"brazil", "Brazil", {NULL}, {"Brazil"}, {"Brazilian"}, false},
	{"mexico", "Mexico", {NULL}, {"Mexico"}, {"Mexican"}, false},
};

/* The publisher's country: the genre names its own officials without a
 * country ("President X", "Secretary of State Y"). */
const char *const FSP_HOME_PARTY = "us";

/* Offices the publisher's country does not have: a person holding one
 * and named without a country is not the publisher's. */
const char *const FSP_FOREIGN_TITLE_HEADS[] = {
	"Minister", "Chancellor", "Premier", NULL
};

const char *const FSP_MONTHS[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};

const char *const FSP_MONTH_ABBREVIATIONS[] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
	"Nov", "Dec"
};

/* Words ending in "." that do not end a sentence. */
const char *const FSP_ABBREVIATIONS[] = {
	"Mr", "Mrs", "Ms", "Dr", "Jr", "Sr", "St", "Gen", "Adm", "Lt", "Col",
	"Maj", "Capt", "Sgt", "Rep", "Sen", "Gov", "Amb", "No", "vs", "Jan",
	"Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov",
	"Dec", "Inc", "Ltd", "Co", "Mt", "Ft", NULL
};

const char *const FSP_TITLE_HEADS[] = {
	"Secretary", "Minister", "Ambassador", "Chairman", "Chair",
	"President", "Director", "Commander", "Admiral", "General",
	"Chancellor", "Envoy", "Adviser", "Advisor", "Secretary-General", NULL
};

const char *const FSP_TITLE_MODIFIERS[] = {
	"Prime", "Deputy", "Vice", "Under", "Assistant", "Defense", "Defence",
	"Foreign", "Chief", "Senior", "Special", "National", "Security",
	"Principal", NULL
};

/* Words of address dropped before a name. */
const char *const FSP_HONORIFICS[] = {
	"Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Shri", "Smt", "The",
	"the", "Honorable", "Honourable", "Hon", "Hon.", "His", "Her", "Excellency",
	"H.E.", NULL
};

/* Letters after a name that are not part of it. */
const char *const FSP_POST_NOMINALS[] = {
	"MP", "AC", "AO", "KC", "QC", "OBE", "MBE", "CBE", "KBE", "PhD", NULL
};

const char *const FSP_DEPARTMENTS[] = {
	"Defense", "Defence", "National", "State", "Foreign", "Affairs",
	"Homeland", "Security", "Treasury", "Commerce", "Energy", "Unification",
	"Trade", "Industry", "Economy", "Finance", "Justice", "Staff", "Joint",
	"Chiefs", "Economic", "Science", "Technology", "Policy", "the", NULL
};

const char *const FSP_MEETING_NOUNS[] = {
	"Meeting", "Summit", "Talks", "Consultations", NULL
};

/* Nouns that name a meeting when it is numbered or a "2+2", and a
 * standing body otherwise. */
const char *const FSP_MEETING_MAYBE_NOUNS[] = {
	"Dialogue", "Committee", "Council", "Ministerial", NULL
};

const struct fsp_kind_noun FSP_KIND_NOUNS[] = {
	{"Group", "group"}, {"Committee", "committee"},
	{"Commission", "committee"}, {"Framework", "framework"},
	{"Partnership", "partnership"}, {"Dialogue", "dialogue"},
	{"Council", "council"}, {"Mechanism", "mechanism"},
	{"Programme", "programme"}, {"Program", "programme"},
	{"Initiative", "initiative"}, {"Forum", "body"}, {"Body", "body"},
	{"Board", "body"}, {"Secretariat", "body"},
	{"Fund", "programme"}, {"Facility", "programme"},
	{"Fellowship", "programme"}, {"Academy", "programme"},
	{"Center", "body"}, {"Centre", "body"}, {"Network", "group"},
	{"Taskforce", "group"}, {"Consortium", "group"}, {"Coalition", "group"},
	{"Sub-Group", "group"}, {"Alliance", "group"},
	{"Agreement", "framework"}, {"Accord", "framework"},
	{"Accords", "framework"}, {"Treaty", "framework"},
	{"Memorandum", "framework"}, {"Compact", "framework"},
	{"Pledge", "framework"}, {"Arrangement", "framework"},
	{"Protocol", "framework"}, {"Process", "mechanism"},
	{"Consultations", "dialogue"}, {"Forces", "group"},
	{"Agenda", "framework"}, {"Charter", "framework"},
	{"Convention", "framework"}, {"Accelerator", "programme"},
	{"Corridor", "initiative"}, {"Mission", "programme"},
	{"Commitment", "framework"}, {"Task Force", "group"},
};

const char *const FSP_DETERMINERS[] = {
	"a", "an", "the", "new", "A", "An", "The", "New", "this", "our", "its",
	"their", "Their", "Our", "Its", NULL
};

const size_t FSP_PARTY_COUNT = sizeof FSP_PARTIES / sizeof FSP_PARTIES[0];
const size_t FSP_KIND_NOUN_COUNT = sizeof FSP_KIND_NOUNS / sizeof FSP_KIND_NOUNS[0];

/* Words that title case leaves in lower case and that may sit inside a
 * proper name ("Council for Pacific Maritime Security"); also what a
 * title must not end on. */
const char *const FSP_SMALL_WORDS[] = {
	"of", "and", "the", "for", "on", "in", "to", "a", "an", "with",
	"by", "at", "or", "from", "under", "into", "per", "via", "&",
	NULL
};

/* Phrases of the trailers that sites append to a reposted document. */
const char *const FSP_TRAILER_PHRASES[] = {
	"original post", "originally published", "originally appeared",
	"published on this site", "read more", "share this",
	"click here", "all rights reserved", "follow us on", NULL
};

/* What makes a party's name part of a place ("South China Sea"). */
const char *const FSP_PLACE_NOUNS[] = {
	" Sea", " Peninsula", " Strait", " Straits", " Ocean", NULL
};

/* Lower-case words a Title Case heading may hold besides the small
 * words ("Delivering for our Harbours"). */
const char *const FSP_TITLE_LOWER_WORDS[] = {
	"our", "their", "its", "your", NULL
};

/* Words that begin a clause, so that a title ends before them. */
const char *const FSP_CLAUSE_WORDS[] = {
	"that", "which", "by", "as", "while", "whereby", "so", NULL
};

/* After "to", these mean a noun phrase follows, not a purpose verb. */
const char *const FSP_PURPOSE_DETERMINERS[] = {
	"the", "a", "an", "our", "its", "their", "this", "these", "all", NULL
};

/* What makes a sentence of a prose readout an initiative: the verbs and
 * phrases of commitment, matched as whole words, any case. */
const char *const FSP_COMMITMENT_VERBS[] = {
	"agreed", "agree to", "committed", "commit to", "commits to",
	"launched", "launch", "will establish", "established", "announced",
	"announce", "welcomed the establishment", "pledged", "pledge",
	"decided", "endorsed", "will endorse", "resolved", "will work",
	"will continue", "will expand", "will strengthen", "will deepen",
	"will hold", "will convene", "intend to", "intends to", "plan to",
	"plans to", "will seek", "reaffirmed", "signed", "will sign",
	NULL
};

/* Nouns that name the meeting a document reports on, in its title or
 * first sentences ("Harbour Leaders' Summit", "Official Port Visit"). */
const char *const FSP_PRIMARY_MEETING_NOUNS[] = {
	"Summit", "Meeting", "Meetings", "Visit", "Talks", "Consultations",
	"Dialogue", "Ministerial", NULL
};

/* Words that make a sentence about the meeting itself, so that its date
 * is the meeting's. */
const char *const FSP_MEETING_CUES[] = {
	"met", "meet", "meets", "meeting", "meetings", "summit", "visit",
	"hosted", "hosts", "host", "convened", "held", "gathered", "welcomed",
	"traveled", "travelled", "visited", NULL
};

/* Words before a meeting's name that make it an earlier meeting the
 * document's own came after, not one it reports. */
const char *const FSP_EARLIER_MEETING_CUES[] = {
	"followed", "following", "since", "after", "building", "built",
	"successful", "applaud", "applauded", NULL
};

/* Ordinals written as words; "first-ever" and "first time since" are
 * not ordinals of a meeting and are never looked up. */
const char *const FSP_ORDINAL_WORDS[] = {
	"inaugural", "first", "second", "third", "fourth", "fifth", "sixth",
	"seventh", "eighth", "ninth", "tenth", NULL
};

/* Groupings of the genre that are frameworks by their name alone; they
 * are recorded when the title names them or the text does twice. */
const char *const FSP_GROUPINGS[] = {
	"Quad", "AUKUS", "NATO", "G7", "G20", NULL
};

/* Head nouns of names that are not frameworks: agencies, ministries,
 * companies, schools, technologies and systems. A name ending in one is
 * never recorded as a framework, even with an acronym. */
const char *const FSP_NOT_FRAMEWORK_HEADS[] = {
	"Administration", "Agency", "Agencies", "Bank", "Corporation",
	"Company", "Companies", "Department", "Ministry", "Office",
	"Foundation", "Institute", "Institution", "University", "College",
	"Laboratory", "Laboratories", "Organisation", "Organization",
	"Service", "Services", "Command", "Team", "Teams", "Provider",
	"Providers", "Package", "Sustainability", "Networks", "System",
	"Systems", "Vehicle", "Vehicles", "Missile", "Missiles", "Satellite",
	"Satellites", "Station", "Aircraft", "Technology", "Technologies",
	"Intelligence", "Access", "Orbit", "Weapon", "Weapons", "Act",
	"Engineering", "Research", "Capabilities", "Capability", "Energy",
	"Authority", "Authorities", "Listing", "Radar", "Regulations",
	"Awareness", "Advisors", "Advisers", "Leaders", "Ministers", "Bureau",
	NULL
};

/* The cues that, in a document whose title names no meeting, make a dated
 * sentence the report of one ("... is welcoming X on May 5 for an official
 * visit"); narrower than FSP_MEETING_CUES, as "met" alone is not enough. */
const char *const FSP_VISIT_CUES[] = {
	"visit", "summit", "meeting", "meetings", "welcoming", "hosting",
	"hosts", "hosted", NULL
};
