/*
 * test_factsheet.c - unit tests of the pure fact-sheet parser: the bundled
 * 2024 SCM fact sheet element by element, the fixtures of the same genre
 * in tests/fixtures/factsheets, every input error with its position, and
 * an allocation-failure loop that must end in ATRACK_NOMEM without leaks.
 */
#include "factsheet/factsheet.h"
#include "atrack_int.h"

#include <check.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BUNDLED ATRACK_SOURCE_DIR "/data/us-rok-scm56-2024-fact-sheet.txt"
#define FIXTURE(name) ATRACK_SOURCE_DIR "/tests/fixtures/factsheets/" name

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	fseek(f, 0, SEEK_END);
	long size = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *text = malloc((size_t)size + 1);
	ck_assert_ptr_nonnull(text);
	*len = fread(text, 1, (size_t)size, f);
	text[*len] = '\0';
	fclose(f);
	return text;
}

static fs_model *parse_file(const char *path)
{
	size_t len;
	char *text = read_file(path, &len);
	fs_model *m = NULL;
	fs_error err;
	int rc = fs_parse(text, len, &m, &err);
	ck_assert_msg(rc == ATRACK_OK, "%s: %s", path, err.message);
	free(text);
	return m;
}

static int parse_error_of(const char *text, size_t len, fs_error *err)
{
	fs_model *m = (fs_model *)1;
	int rc = fs_parse(text, len, &m, err);
	ck_assert_ptr_null(m);
	return rc;
}

static int find_slug_in(const char *slug, const char *(*at)(const fs_model *, size_t),
                        const fs_model *m, size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (strcmp(at(m, i), slug) == 0)
			return (int)i;
	ck_abort_msg("no element with slug %s", slug);
	return -1;
}

static const char *party_at(const fs_model *m, size_t i) { return m->parties[i].slug; }
static const char *person_at(const fs_model *m, size_t i) { return m->people[i].slug; }
static const char *framework_at(const fs_model *m, size_t i) { return m->frameworks[i].slug; }

#define PARTY(m, s) find_slug_in(s, party_at, m, (m)->party_count)
#define PERSON(m, s) find_slug_in(s, person_at, m, (m)->person_count)
#define FRAMEWORK(m, s) find_slug_in(s, framework_at, m, (m)->framework_count)

static bool refs_has(const fs_refs *r, int index)
{
	for (size_t i = 0; i < r->count; i++)
		if (r->items[i] == index)
			return true;
	return false;
}

/* ---- The bundled fact sheet -------------------------------------------- */

START_TEST(test_bundled_title_and_trailer)
{
	fs_model *m = parse_file(BUNDLED);
	ck_assert_str_eq(m->title, "U.S.-Republic of Korea Security Consultative Meeting "
	                 "and 2+2 Ministerial Dialogue Fact Sheet");
	ck_assert_int_eq(m->title_pos.line, 1);
	ck_assert_int_eq(m->title_pos.column, 1);
	ck_assert_int_eq(m->line_count, 17);
	ck_assert_int_eq(m->boilerplate_line, 17);
	for (size_t i = 0; i < m->initiative_count; i++)
		ck_assert_ptr_null(strstr(m->initiatives[i].text, "original post"));
	fs_model_free(m);
}
END_TEST

START_TEST(test_bundled_meetings)
{
	fs_model *m = parse_file(BUNDLED);
	ck_assert_uint_eq(m->meeting_count, 2);
	fs_meeting *scm = &m->meetings[0];
	ck_assert_str_eq(scm->slug, "scm-56");
	ck_assert_str_eq(scm->name, "56th Security Consultative Meeting");
	ck_assert_str_eq(scm->kind, "Security Consultative Meeting");
	ck_assert_str_eq(scm->short_kind, "SCM");
	ck_assert_int_eq(scm->ordinal, 56);
	ck_assert_str_eq(scm->start_date, "2024-10-30");
	ck_assert_str_eq(scm->end_date, "2024-10-30");
	ck_assert_ptr_null(scm->place);
	ck_assert_int_eq(scm->pos.line, 2);
	ck_assert_uint_eq(scm->people.count, 2);
	ck_assert(refs_has(&scm->people, PERSON(m, "lloyd-j-austin-iii")));
	ck_assert(refs_has(&scm->people, PERSON(m, "kim-yong-hyun")));

	fs_meeting *two = &m->meetings[1];
	ck_assert_str_eq(two->slug, "2-2-meeting-2024-10-31");
	ck_assert_str_eq(two->name, "Foreign and Defense Ministers' Meeting");
	ck_assert_str_eq(two->kind, "Foreign and Defense Ministers' Meeting");
	ck_assert_str_eq(two->short_kind, "2+2 Meeting");
	ck_assert_int_eq(two->ordinal, 0);
	ck_assert_str_eq(two->start_date, "2024-10-31");
	ck_assert_str_eq(two->end_date, "2024-10-31");
	ck_assert_int_eq(two->pos.line, 3);
	ck_assert_uint_eq(two->people.count, 4);
	ck_assert(refs_has(&two->people, PERSON(m, "antony-blinken")));
	ck_assert(refs_has(&two->people, PERSON(m, "cho-tae-yul")));
	ck_assert(refs_has(&two->people, PERSON(m, "lloyd-j-austin-iii")));
	ck_assert(refs_has(&two->people, PERSON(m, "kim-yong-hyun")));
	fs_model_free(m);
}
END_TEST

START_TEST(test_bundled_people_and_parties)
{
	static const struct { const char *slug, *name, *title, *party; } people[] = {
		{"lloyd-j-austin-iii", "Lloyd J. Austin III", "Secretary of Defense", "us"},
		{"kim-yong-hyun", "Kim Yong Hyun", "Minister of National Defense", "rok"},
		{"antony-blinken", "Antony Blinken", "Secretary of State", "us"},
		{"cho-tae-yul", "Cho Tae-yul", "Minister of Foreign Affairs", "rok"},
	};
	fs_model *m = parse_file(BUNDLED);
	ck_assert_uint_eq(m->person_count, 4);
	for (size_t i = 0; i < 4; i++) {
		fs_person *p = &m->people[PERSON(m, people[i].slug)];
		ck_assert_str_eq(p->name, people[i].name);
		ck_assert_str_eq(p->title, people[i].title);
		ck_assert_int_eq(p->party, PARTY(m, people[i].party));
	}
	ck_assert_int_eq(m->people[0].pos.line, 2);

	ck_assert_uint_eq(m->party_count, 4);
	fs_party *us = &m->parties[PARTY(m, "us")];
	ck_assert_str_eq(us->name, "United States");
	ck_assert_str_eq(us->short_name, "U.S.");
	ck_assert_int_eq(us->pos.line, 1);
	fs_party *rok = &m->parties[PARTY(m, "rok")];
	ck_assert_str_eq(rok->name, "Republic of Korea");
	ck_assert_str_eq(rok->short_name, "ROK");
	fs_party *japan = &m->parties[PARTY(m, "japan")];
	ck_assert_str_eq(japan->name, "Japan");
	ck_assert_ptr_null(japan->short_name);
	ck_assert_int_eq(japan->pos.line, 16);
	fs_party *dprk = &m->parties[PARTY(m, "dprk")];
	ck_assert_str_eq(dprk->short_name, "DPRK");
	ck_assert_int_eq(dprk->pos.line, 10);
	fs_model_free(m);
}
END_TEST

START_TEST(test_bundled_sections)
{
	static const struct { const char *heading, *title, *slug, *lead; int line; } s[] = {
		{"ENHANCING EXTENDED DETERRENCE", "Enhancing Extended Deterrence",
		 "enhancing-extended-deterrence", "The United States reaffirmed that", 4},
		{"MODERNIZING ALLIANCE CAPABILITIES", "Modernizing Alliance Capabilities",
		 "modernizing-alliance-capabilities", "The United States and the ROK are modernizing", 8},
		{"STRENGTHENING REGIONAL SECURITY COOPERATION",
		 "Strengthening Regional Security Cooperation",
		 "strengthening-regional-security",
		 "The United States and the ROK resolved", 13},
	};
	fs_model *m = parse_file(BUNDLED);
	ck_assert_uint_eq(m->section_count, 3);
	for (size_t i = 0; i < 3; i++) {
		fs_section *sec = &m->sections[i];
		ck_assert_str_eq(sec->heading, s[i].heading);
		ck_assert_str_eq(sec->title, s[i].title);
		ck_assert_str_eq(sec->slug, s[i].slug);
		ck_assert_ptr_nonnull(sec->lead_in);
		ck_assert(strncmp(sec->lead_in, s[i].lead, strlen(s[i].lead)) == 0);
		ck_assert_int_eq(sec->pos.line, s[i].line);
		ck_assert_int_eq(sec->lead_in_pos.line, s[i].line + 1);
	}
	ck_assert(strstr(m->sections[0].lead_in, "posture by:") != NULL);
	fs_model_free(m);
}
END_TEST

START_TEST(test_bundled_initiatives)
{
	static const struct { int start, end, section; const char *title; } in[] = {
		{6, 6, 0, "Enhancing extended deterrence cooperation through NCG workstreams"},
		{7, 7, 0, "Conducting large-scale field training exercises"},
		{10, 10, 1, "Enhancing combined abilities to deter and respond to DPRK missiles"},
		{11, 11, 1, "Expanding science and technology cooperation through the new DSTEC"},
		{12, 12, 1, "Deepening industrial collaboration and supply chain resiliency"},
		{15, 15, 2, "Launching a new Regional Cooperation Framework"},
		{16, 16, 2, "Deepening U.S.-ROK-Japan trilateral security cooperation through a "
		            "Trilateral Security Cooperation Framework"},
	};
	fs_model *m = parse_file(BUNDLED);
	ck_assert_uint_eq(m->initiative_count, 7);
	for (size_t i = 0; i < 7; i++) {
		fs_initiative *x = &m->initiatives[i];
		ck_assert_int_eq(x->line_start, in[i].start);
		ck_assert_int_eq(x->line_end, in[i].end);
		ck_assert_int_eq(x->section, in[i].section);
		ck_assert_int_eq(x->meeting, 0);
		ck_assert_int_eq(x->column, 3);
		ck_assert_str_eq(x->title, in[i].title);
		ck_assert(x->text[0] != '-');
		for (size_t j = 0; j < i; j++)
			ck_assert_str_ne(x->slug, m->initiatives[j].slug);
	}
	ck_assert_str_eq(m->initiatives[1].slug, "conducting-large-scale-field-training");
	ck_assert_str_eq(m->initiatives[5].slug, "launching-a-new-regional-cooperation");
	ck_assert(strncmp(m->initiatives[0].text, "Enhancing extended deterrence cooperation "
	                  "through Nuclear Consultative Group (NCG)", 82) == 0);
	fs_model_free(m);
}
END_TEST

START_TEST(test_bundled_frameworks)
{
	static const struct { const char *slug, *name, *acronym, *kind; } f[] = {
		{"ncg", "Nuclear Consultative Group", "NCG", "group"},
		{"dstec", "Defense Science and Technology Executive Committee", "DSTEC", "committee"},
		{"pipir", "Partnership for Indo-Pacific Industrial Resilience", "PIPIR", "partnership"},
		{"regional-cooperation-framework", "Regional Cooperation Framework", NULL, "framework"},
		{"trilateral-security-cooperation",
		 "Trilateral Security Cooperation Framework", NULL, "framework"},
	};
	fs_model *m = parse_file(BUNDLED);
	ck_assert_uint_eq(m->framework_count, 5);
	for (size_t i = 0; i < 5; i++) {
		fs_framework *x = &m->frameworks[FRAMEWORK(m, f[i].slug)];
		ck_assert_str_eq(x->name, f[i].name);
		if (f[i].acronym)
			ck_assert_str_eq(x->acronym, f[i].acronym);
		else
			ck_assert_ptr_null(x->acronym);
		ck_assert_str_eq(x->kind, f[i].kind);
	}
	ck_assert_int_eq(m->frameworks[FRAMEWORK(m, "ncg")].pos.line, 6);
	fs_model_free(m);
}
END_TEST

START_TEST(test_bundled_focus_exercises_documents)
{
	static const char *focus[] = {
		"maritime security", "multilateral exercises", "capacity building",
		"defense industrial cooperation", "technical cooperation", "information sharing"
	};
	static const char *technology[] = {
		"autonomous systems", "artificial intelligence", "quantum technologies"
	};
	fs_model *m = parse_file(BUNDLED);
	int rcf = FRAMEWORK(m, "regional-cooperation-framework");
	int dstec = FRAMEWORK(m, "dstec");
	ck_assert_uint_eq(m->focus_area_count, 9);
	size_t nf = 0, nt = 0;
	for (size_t i = 0; i < m->focus_area_count; i++) {
		fs_focus_area *a = &m->focus_areas[i];
		if (strcmp(a->kind, "focus") == 0) {
			ck_assert_str_eq(a->name, focus[nf++]);
			ck_assert_int_eq(a->framework, rcf);
		} else {
			ck_assert_str_eq(a->kind, "technology");
			ck_assert_str_eq(a->name, technology[nt++]);
			ck_assert_int_eq(a->framework, dstec);
		}
	}
	ck_assert_uint_eq(nf, 6);
	ck_assert_uint_eq(nt, 3);

	ck_assert_uint_eq(m->exercise_count, 2);
	ck_assert_str_eq(m->exercises[0].name, "Freedom Shield");
	ck_assert_str_eq(m->exercises[0].slug, "freedom-shield");
	ck_assert_str_eq(m->exercises[1].name, "Ulchi Freedom Shield");
	ck_assert_int_eq(m->exercises[1].pos.line, 7);

	ck_assert_uint_eq(m->cited_document_count, 1);
	ck_assert_str_eq(m->cited_documents[0].title, "Guidelines for Nuclear Deterrence "
	                 "and Nuclear Operations on the Korean Peninsula");
	fs_model_free(m);
}
END_TEST

START_TEST(test_bundled_links)
{
	fs_model *m = parse_file(BUNDLED);
	fs_initiative *in = m->initiatives;
	ck_assert_uint_eq(in[0].frameworks.count, 1);
	ck_assert(refs_has(&in[0].frameworks, FRAMEWORK(m, "ncg")));
	ck_assert_uint_eq(in[0].documents.count, 1);
	ck_assert_uint_eq(in[1].exercises.count, 2);
	ck_assert_uint_eq(in[2].parties.count, 1);
	ck_assert(refs_has(&in[2].parties, PARTY(m, "dprk")));
	ck_assert(refs_has(&in[3].frameworks, FRAMEWORK(m, "dstec")));
	ck_assert_uint_eq(in[3].focus_areas.count, 3);
	ck_assert(refs_has(&in[4].frameworks, FRAMEWORK(m, "pipir")));
	ck_assert_uint_eq(in[4].frameworks.count, 1); /* MRO is no framework */
	ck_assert_uint_eq(in[5].focus_areas.count, 6);
	ck_assert(refs_has(&in[5].frameworks, FRAMEWORK(m, "regional-cooperation-framework")));
	ck_assert_uint_eq(in[6].parties.count, 3);
	ck_assert(refs_has(&in[6].parties, PARTY(m, "us")));
	ck_assert(refs_has(&in[6].parties, PARTY(m, "rok")));
	ck_assert(refs_has(&in[6].parties, PARTY(m, "japan")));
	ck_assert(refs_has(&in[6].frameworks,
	                   FRAMEWORK(m, "trilateral-security-cooperation")));
	fs_model_free(m);
}
END_TEST

START_TEST(test_bundled_json)
{
	fs_model *m = parse_file(BUNDLED);
	json_t *j = NULL;
	ck_assert_int_eq(fs_model_to_json(m, &j), ATRACK_OK);
	const char *keys[] = {"title", "title_pos", "line_count", "boilerplate_line",
	                      "parties", "people", "meetings", "sections", "frameworks",
	                      "focus_areas", "exercises", "cited_documents", "initiatives"};
	size_t k = 0;
	const char *key;
	json_t *value;
	json_object_foreach(j, key, value) {
		(void)value;
		ck_assert_str_eq(key, keys[k++]);
	}
	ck_assert_uint_eq(k, 13);
	json_t *focus = json_array_get(json_object_get(j, "focus_areas"), 0);
	ck_assert_str_eq(json_string_value(json_object_get(focus, "framework")), "dstec");
	json_t *first = json_array_get(json_object_get(j, "initiatives"), 0);
	ck_assert_str_eq(json_string_value(json_object_get(first, "meeting")), "scm-56");
	json_decref(j);
	fs_model_free(m);
}
END_TEST

/* ---- Fixtures ----------------------------------------------------------- */

START_TEST(test_fixture_scm57_numbered)
{
	fs_model *m = parse_file(FIXTURE("scm57-numbered.txt"));
	ck_assert_str_eq(m->title, "Joint Fact Sheet: The 57th U.S.-ROK Security Consultative Meeting");
	ck_assert_uint_eq(m->meeting_count, 1);
	ck_assert_str_eq(m->meetings[0].slug, "scm-57");
	ck_assert_str_eq(m->meetings[0].start_date, "2025-11-04");
	ck_assert_str_eq(m->meetings[0].place, "Seoul");
	ck_assert_uint_eq(m->meetings[0].people.count, 2);
	ck_assert_uint_eq(m->section_count, 2);
	ck_assert_str_eq(m->sections[0].title, "Strengthening Deterrence");
	ck_assert_str_eq(m->sections[0].heading, "1. Strengthening Deterrence");
	ck_assert_str_eq(m->sections[1].title, "Advancing Defense Industry");
	ck_assert_uint_eq(m->initiative_count, 4);
	ck_assert_int_eq(m->initiatives[3].section, 1);
	ck_assert_str_eq(m->initiatives[0].title,
	                 "Establishing a CCDWG to coordinate defensive cyber operations across both militaries");
	ck_assert_str_eq(m->initiatives[2].title, "Reviewing CCDWG progress at every SCM");
	ck_assert_uint_eq(m->framework_count, 2);
	fs_framework *wg = &m->frameworks[FRAMEWORK(m, "ccdwg")];
	ck_assert_str_eq(wg->name, "Combined Cyber Defense Working Group");
	ck_assert_str_eq(wg->kind, "group");
	ck_assert_str_eq(m->frameworks[FRAMEWORK(m, "defense-supply-chain-partnership")].kind,
	                 "partnership");
	ck_assert(refs_has(&m->initiatives[2].frameworks, FRAMEWORK(m, "ccdwg")));
	ck_assert_uint_eq(m->exercise_count, 2);
	ck_assert_str_eq(m->exercises[0].name, "Iron Harbor");
	ck_assert_str_eq(m->exercises[1].name, "Silent Falcon");
	ck_assert_str_eq(m->people[PERSON(m, "park-min-seo")].title, "Minister of National Defense");
	ck_assert_int_eq(m->boilerplate_line, 0);
	fs_model_free(m);
}
END_TEST

START_TEST(test_fixture_japan_markdown)
{
	fs_model *m = parse_file(FIXTURE("japan-scc-markdown.txt"));
	ck_assert_str_eq(m->title, "U.S.-Japan Security Consultative Committee Joint Statement Fact Sheet");
	ck_assert_int_eq(m->title_pos.column, 3);
	ck_assert_uint_eq(m->meeting_count, 1);
	fs_meeting *mt = &m->meetings[0];
	ck_assert_str_eq(mt->kind, "Security Consultative Committee");
	ck_assert_str_eq(mt->short_kind, "2+2");
	ck_assert_str_eq(mt->slug, "2-2-2026-03-12");
	ck_assert_str_eq(mt->start_date, "2026-03-12");
	ck_assert_str_eq(mt->place, "Washington, D.C.");
	ck_assert_uint_eq(mt->people.count, 4);
	ck_assert_uint_eq(m->person_count, 4);
	ck_assert_int_eq(m->people[PERSON(m, "ito-hana")].party, PARTY(m, "japan"));
	ck_assert_str_eq(m->people[PERSON(m, "sato-kenji")].title, "Minister for Foreign Affairs");
	ck_assert_uint_eq(m->section_count, 2);
	ck_assert_str_eq(m->sections[0].title, "Modernizing Command and Control");
	ck_assert_ptr_null(m->sections[1].lead_in);
	ck_assert_uint_eq(m->initiative_count, 3);
	ck_assert_int_eq(m->initiatives[0].column, 5); /* after "• " */
	ck_assert_str_eq(m->initiatives[2].title,
	                 "Deepening cooperation with Australia and the Philippines through the MDAI");
	ck_assert_str_eq(m->frameworks[FRAMEWORK(m, "mdai")].kind, "initiative");
	ck_assert_str_eq(m->frameworks[FRAMEWORK(m, "alliance-coproduction-forum")].kind, "body");
	ck_assert_uint_eq(m->focus_area_count, 3);
	ck_assert_int_eq(m->focus_areas[0].framework, FRAMEWORK(m, "mdai"));
	ck_assert_uint_eq(m->cited_document_count, 1);
	ck_assert_str_eq(m->cited_documents[0].title, "Roadmap for Defense Industrial Cooperation");
	ck_assert(refs_has(&m->initiatives[1].documents, 0));
	ck_assert(refs_has(&m->initiatives[2].parties, PARTY(m, "australia")));
	ck_assert(refs_has(&m->initiatives[2].parties, PARTY(m, "philippines")));
	fs_model_free(m);
}
END_TEST

START_TEST(test_fixture_trilateral_letters)
{
	fs_model *m = parse_file(FIXTURE("trilateral-letters.txt"));
	ck_assert_uint_eq(m->party_count, 4);
	PARTY(m, "us");
	PARTY(m, "japan");
	PARTY(m, "rok");
	PARTY(m, "dprk");
	ck_assert_uint_eq(m->meeting_count, 1);
	fs_meeting *mt = &m->meetings[0];
	ck_assert_str_eq(mt->kind, "Trilateral Ministerial Meeting");
	ck_assert_ptr_null(mt->short_kind);
	ck_assert_str_eq(mt->slug, "tmm-2025-10-15");
	ck_assert_str_eq(mt->start_date, "2025-10-15");
	ck_assert_str_eq(mt->end_date, "2025-10-16");
	ck_assert_str_eq(mt->place, "Tokyo");
	ck_assert_uint_eq(mt->people.count, 3);
	ck_assert_uint_eq(m->initiative_count, 3);
	ck_assert_str_eq(m->initiatives[1].text + 0, "Sharing real-time missile warning data "
	                 "through the Trilateral Information Sharing Mechanism (TISM), in areas "
	                 "such as ballistic missile tracking and space domain awareness.");
	ck_assert_str_eq(m->frameworks[FRAMEWORK(m, "tism")].kind, "mechanism");
	ck_assert_str_eq(m->frameworks[FRAMEWORK(m, "tsd")].kind, "dialogue");
	ck_assert_uint_eq(m->focus_area_count, 2);
	ck_assert_str_eq(m->focus_areas[1].name, "space domain awareness");
	ck_assert_str_eq(m->focus_areas[1].kind, "technology");
	ck_assert_int_eq(m->focus_areas[1].framework, FRAMEWORK(m, "tism"));
	ck_assert_uint_eq(m->exercise_count, 1);
	ck_assert_str_eq(m->exercises[0].name, "Freedom Edge");
	ck_assert(refs_has(&m->initiatives[0].parties, PARTY(m, "dprk")));
	fs_model_free(m);
}
END_TEST

START_TEST(test_fixture_wrapped_lines)
{
	fs_model *m = parse_file(FIXTURE("wrapped-lines.txt"));
	ck_assert_uint_eq(m->initiative_count, 3);
	fs_initiative *in = m->initiatives;
	ck_assert_int_eq(in[0].line_start, 8);
	ck_assert_int_eq(in[0].line_end, 10);
	ck_assert_str_eq(in[0].text, "Expanding rotational deployments of U.S. aircraft through "
	                 "the Enhanced Air Cooperation Program (EACP), which brings bombers and "
	                 "tankers to northern Australia.");
	ck_assert_str_eq(in[0].title, "Expanding rotational deployments of U.S. aircraft through the EACP");
	ck_assert_int_eq(in[1].line_end, 12);
	ck_assert_str_eq(in[1].title, "Building fuel and munitions storage at northern bases");
	ck_assert_int_eq(in[2].section, 1);
	ck_assert_uint_eq(m->section_count, 2);
	ck_assert_str_eq(m->sections[1].title, "Industrial Base");
	ck_assert_str_eq(m->frameworks[FRAMEWORK(m, "eacp")].kind, "programme");
	ck_assert_str_eq(m->frameworks[FRAMEWORK(m, "gweo")].name, "Guided Weapons and Explosive Ordnance");
	ck_assert_uint_eq(m->focus_area_count, 2);
	ck_assert_str_eq(m->focus_areas[0].name, "solid rocket motors");
	ck_assert_str_eq(m->meetings[0].slug, "ausmin-35");
	ck_assert_int_eq(m->meetings[0].ordinal, 35);
	fs_model_free(m);
}
END_TEST

START_TEST(test_fixture_yearless_dates)
{
	fs_model *m = parse_file(FIXTURE("yearless-dates.txt"));
	ck_assert_uint_eq(m->meeting_count, 2);
	ck_assert_str_eq(m->meetings[0].name, "5th 2+2 Ministerial Dialogue");
	ck_assert_str_eq(m->meetings[0].start_date, "2026-04-11");
	ck_assert_uint_eq(m->meetings[0].people.count, 4);
	fs_meeting *dpm = &m->meetings[1];
	ck_assert_str_eq(dpm->short_kind, "DPM");
	ck_assert_str_eq(dpm->start_date, "2026-04-12");
	ck_assert_str_eq(dpm->slug, "dpm-2026-04-12");
	ck_assert_uint_eq(dpm->people.count, 2);
	ck_assert(refs_has(&dpm->people, PERSON(m, "ramon-reyes")));
	ck_assert_uint_eq(m->person_count, 4); /* short references resolve */
	ck_assert_uint_eq(m->framework_count, 2);
	ck_assert_str_eq(m->frameworks[1].name, "Trilateral Coast Guard Framework");
	ck_assert_str_eq(m->sections[0].title, "Maritime Cooperation");
	/* "South China Sea" is a place, not a party */
	for (size_t i = 0; i < m->party_count; i++)
		ck_assert_str_ne(m->parties[i].slug, "prc");
	fs_model_free(m);
}
END_TEST

START_TEST(test_fixture_prose_between_sections)
{
	fs_model *m = parse_file(FIXTURE("prose-no-boilerplate.txt"));
	ck_assert_int_eq(m->boilerplate_line, 0);
	/* "Allies met on ..." in the lead: the document reports a meeting */
	ck_assert_uint_eq(m->meeting_count, 1);
	ck_assert_uint_eq(m->section_count, 2);
	ck_assert_uint_eq(m->initiative_count, 3);
	ck_assert_int_eq(m->initiatives[0].meeting, 0);
	ck_assert_int_eq(m->initiatives[2].section, 1);
	ck_assert_ptr_null(m->sections[1].lead_in);
	ck_assert_ptr_null(strstr(m->initiatives[1].text, "This section"));
	ck_assert_str_eq(m->frameworks[FRAMEWORK(m, "mpc")].kind, "council");
	ck_assert_str_eq(m->frameworks[FRAMEWORK(m, "dia")].kind, "programme"); /* the head noun "Accelerator" */
	ck_assert_str_eq(m->initiatives[2].title, "Funding a DIA challenge on counter-drone systems");
	ck_assert_str_eq(m->parties[PARTY(m, "nato")].short_name, "NATO");
	fs_model_free(m);
}
END_TEST

START_TEST(test_fixture_crlf)
{
	fs_model *m = parse_file(FIXTURE("crlf.txt"));
	ck_assert_str_eq(m->title, "U.S.-ROK Consultation Fact Sheet");
	ck_assert_str_eq(m->meetings[0].slug, "scm-58");
	ck_assert_str_eq(m->meetings[0].start_date, "2026-10-30");
	ck_assert_str_eq(m->sections[0].title, "Extended Deterrence");
	ck_assert_str_eq(m->sections[0].lead_in, "The Alliance is strengthening deterrence by:");
	ck_assert_uint_eq(m->initiative_count, 2);
	ck_assert_str_eq(m->initiatives[1].text, "Expanding NCG tabletop exercises.");
	ck_assert(refs_has(&m->initiatives[1].frameworks, FRAMEWORK(m, "ncg")));
	ck_assert_int_eq(m->boilerplate_line, 10);
	ck_assert_int_eq(m->line_count, 11);
	fs_model_free(m);
}
END_TEST

START_TEST(test_bom_tabs_and_trailing_spaces)
{
	const char text[] = "\xEF\xBB\xBFTitle Of Sheet  \n\n\tKEY STEPS\t\n- Doing one thing.  \n"
	                    "-\tDoing\tanother thing.\n";
	fs_model *m = NULL;
	fs_error err;
	ck_assert_int_eq(fs_parse(text, sizeof text - 1, &m, &err), ATRACK_OK);
	ck_assert_str_eq(m->title, "Title Of Sheet");
	ck_assert_int_eq(m->title_pos.column, 1);
	ck_assert_uint_eq(m->section_count, 1);
	ck_assert_str_eq(m->sections[0].title, "Key Steps");
	ck_assert_uint_eq(m->initiative_count, 2);
	ck_assert_str_eq(m->initiatives[0].text, "Doing one thing.");
	ck_assert_str_eq(m->initiatives[0].title, "Doing one thing");
	ck_assert_int_eq(m->initiatives[1].line_start, 5);
	fs_model_free(m);
}
END_TEST

START_TEST(test_duplicate_titles_get_unique_slugs)
{
	const char text[] = "Sheet\n\n- Same thing.\n- Same thing.\n- Same thing.\n";
	fs_model *m = NULL;
	ck_assert_int_eq(fs_parse(text, sizeof text - 1, &m, NULL), ATRACK_OK);
	ck_assert_str_eq(m->initiatives[0].slug, "same-thing");
	ck_assert_str_eq(m->initiatives[1].slug, "same-thing-2");
	ck_assert_str_eq(m->initiatives[2].slug, "same-thing-3");
	fs_model_free(m);
}
END_TEST

/* ---- Errors ------------------------------------------------------------- */

START_TEST(test_error_empty)
{
	fs_error err;
	ck_assert_int_eq(parse_error_of("", 0, &err), ATRACK_PARSE);
	ck_assert_ptr_nonnull(strstr(err.message, "empty input"));
	ck_assert_int_eq(parse_error_of(" \n\t\r\n  ", 7, &err), ATRACK_PARSE);
	ck_assert_ptr_nonnull(strstr(err.message, "empty input"));
	ck_assert_int_eq(parse_error_of("\xEF\xBB\xBF", 3, &err), ATRACK_PARSE);
	ck_assert_int_eq(err.line, 1);
}
END_TEST

START_TEST(test_error_nul_byte)
{
	const char text[] = "Title\n- item ab\0c\n";
	fs_error err;
	ck_assert_int_eq(parse_error_of(text, sizeof text - 1, &err), ATRACK_PARSE);
	ck_assert_int_eq(err.line, 2);
	ck_assert_int_eq(err.column, 10);
	ck_assert_uint_eq(err.offset, 15);
	ck_assert_ptr_nonnull(strstr(err.message, "NUL byte"));
}
END_TEST

START_TEST(test_error_invalid_utf8)
{
	const char bad[] = "Title\n\nSECTION\n- caf\xC3(\n";
	const char overlong[] = "Title\n- x \xC0\xAF\n";
	fs_error err;
	ck_assert_int_eq(parse_error_of(bad, sizeof bad - 1, &err), ATRACK_PARSE);
	ck_assert_int_eq(err.line, 4);
	ck_assert_int_eq(err.column, 6);
	ck_assert_ptr_nonnull(strstr(err.message, "invalid UTF-8"));
	ck_assert_int_eq(parse_error_of(overlong, sizeof overlong - 1, &err), ATRACK_PARSE);
	ck_assert_int_eq(err.line, 2);
	ck_assert_int_eq(err.column, 5);
	ck_assert_uint_eq(err.offset, 10);
}
END_TEST

START_TEST(test_error_too_large)
{
	size_t len = FS_MAX_INPUT_BYTES + 1;
	char *text = malloc(len);
	ck_assert_ptr_nonnull(text);
	memset(text, 'a', len);
	fs_error err;
	ck_assert_int_eq(parse_error_of(text, len, &err), ATRACK_PARSE);
	ck_assert_int_eq(err.line, 1);
	ck_assert_ptr_nonnull(strstr(err.message, "larger"));
	free(text);
}
END_TEST

START_TEST(test_error_no_items)
{
	const char text[] = "just a sentence of prose, nothing more.\nand another one.\n";
	fs_error err;
	ck_assert_int_eq(parse_error_of(text, sizeof text - 1, &err), ATRACK_PARSE);
	ck_assert_ptr_nonnull(strstr(err.message, "no section or list item found"));
	ck_assert_int_eq(err.line, 1);
}
END_TEST

START_TEST(test_long_single_line)
{
	/* one 4 MiB item line: must finish quickly and without overreads */
	size_t len = FS_MAX_INPUT_BYTES;
	char *text = malloc(len);
	ck_assert_ptr_nonnull(text);
	static const char piece[] = "the Alpha Beta Group (ABG) met on October 3, 2024 in Seoul, ";
	text[0] = '-';
	text[1] = ' ';
	for (size_t i = 2; i < len; i++)
		text[i] = piece[(i - 2) % (sizeof piece - 1)];
	fs_model *m = NULL;
	ck_assert_int_eq(fs_parse(text, len, &m, NULL), ATRACK_OK);
	ck_assert_uint_eq(m->initiative_count, 1);
	ck_assert_uint_eq(m->framework_count, 1);
	fs_model_free(m);
	free(text);
}
END_TEST

/* ---- Allocation failure ------------------------------------------------- */

START_TEST(test_allocation_failures)
{
	size_t len;
	char *text = read_file(BUNDLED, &len);
	long n;
	for (n = 0;; n++) {
		fs_model *m = NULL;
		fs_error err;
		atr_alloc_fail_after(n);
		int rc = fs_parse(text, len, &m, &err);
		atr_alloc_fail_after(-1);
		if (rc == ATRACK_OK) {
			json_t *j = NULL;
			ck_assert_int_eq(fs_model_to_json(m, &j), ATRACK_OK);
			json_decref(j);
			fs_model_free(m);
			break;
		}
		ck_assert_int_eq(rc, ATRACK_NOMEM);
		ck_assert_ptr_null(m);
	}
	ck_assert_int_gt(n, 50);
	free(text);
}
END_TEST

static void *failing_json_malloc(size_t size)
{
	return atr_malloc(size);
}

static void failing_json_free(void *ptr)
{
	atr_free(ptr);
}

static char *model_json_text(const fs_model *m)
{
	json_t *j = NULL;
	ck_assert_int_eq(fs_model_to_json(m, &j), ATRACK_OK);
	char *text = json_dumps(j, JSON_SORT_KEYS | JSON_COMPACT);
	json_decref(j);
	ck_assert_ptr_nonnull(text);
	return text;
}

/* One allocation fails at a time, in the parser and in jansson while the
 * model is written out: every run either reports NOMEM with no model, or
 * gives exactly the model of a run without failures. A failure swallowed
 * (a place, a name silently dropped) shows as a different model. */
static void fail_each_allocation_once(const char *text, size_t len)
{
	fs_model *ref = NULL;
	ck_assert_int_eq(fs_parse(text, len, &ref, NULL), ATRACK_OK);
	char *want = model_json_text(ref);
	fs_model_free(ref);
	json_set_alloc_funcs(failing_json_malloc, failing_json_free);
	long n;
	for (n = 0;; n++) {
		fs_model *m = NULL;
		fs_error err;
		atr_alloc_fail_once(n);
		int rc = fs_parse(text, len, &m, &err);
		json_t *j = NULL;
		int jrc = rc == ATRACK_OK ? fs_model_to_json(m, &j) : rc;
		bool failed = atr_alloc_fail_pending() == false;
		atr_alloc_fail_after(-1);
		if (rc != ATRACK_OK) {
			ck_assert_int_eq(rc, ATRACK_NOMEM);
			ck_assert_ptr_null(m);
			continue;
		}
		if (jrc == ATRACK_OK) {
			char *got = json_dumps(j, JSON_SORT_KEYS | JSON_COMPACT);
			ck_assert_ptr_nonnull(got);
			ck_assert_msg(strcmp(got, want) == 0,
			              "allocation %ld failed and the parse still gave a model, "
			              "a different one", n);
			free(got);
		} else {
			ck_assert_int_eq(jrc, ATRACK_NOMEM);
		}
		json_decref(j);
		fs_model_free(m);
		if (!failed)
			break; /* the run needed fewer than n allocations */
	}
	json_set_alloc_funcs(malloc, free);
	ck_assert_int_gt(n, 50);
	free(want);
}

START_TEST(test_each_allocation_fails_once)
{
	/* a small text with people, parties, a place and a framework: each
	 * run parses it again, so the cost grows with the square of its size */
	size_t len;
	char *text = read_file(ATRACK_SOURCE_DIR "/tests/fixtures/patterns/people_countries.txt", &len);
	fail_each_allocation_once(text, len);
	free(text);
}
END_TEST

static Suite *factsheet_suite(void)
{
	Suite *s = suite_create("factsheet");
	TCase *bundled = tcase_create("bundled");
	tcase_add_test(bundled, test_bundled_title_and_trailer);
	tcase_add_test(bundled, test_each_allocation_fails_once);
	tcase_add_test(bundled, test_bundled_meetings);
	tcase_add_test(bundled, test_bundled_people_and_parties);
	tcase_add_test(bundled, test_bundled_sections);
	tcase_add_test(bundled, test_bundled_initiatives);
	tcase_add_test(bundled, test_bundled_frameworks);
	tcase_add_test(bundled, test_bundled_focus_exercises_documents);
	tcase_add_test(bundled, test_bundled_links);
	tcase_add_test(bundled, test_bundled_json);
	suite_add_tcase(s, bundled);

	TCase *fixtures = tcase_create("fixtures");
	tcase_add_test(fixtures, test_fixture_scm57_numbered);
	tcase_add_test(fixtures, test_fixture_japan_markdown);
	tcase_add_test(fixtures, test_fixture_trilateral_letters);
	tcase_add_test(fixtures, test_fixture_wrapped_lines);
	tcase_add_test(fixtures, test_fixture_yearless_dates);
	tcase_add_test(fixtures, test_fixture_prose_between_sections);
	tcase_add_test(fixtures, test_fixture_crlf);
	tcase_add_test(fixtures, test_bom_tabs_and_trailing_spaces);
	tcase_add_test(fixtures, test_duplicate_titles_get_unique_slugs);
	suite_add_tcase(s, fixtures);

	TCase *errors = tcase_create("errors");
	tcase_set_timeout(errors, 120);
	tcase_add_test(errors, test_error_empty);
	tcase_add_test(errors, test_error_nul_byte);
	tcase_add_test(errors, test_error_invalid_utf8);
	tcase_add_test(errors, test_error_too_large);
	tcase_add_test(errors, test_error_no_items);
	tcase_add_test(errors, test_long_single_line);
	tcase_add_test(errors, test_allocation_failures);
	suite_add_tcase(s, errors);
	return s;
}

int main(void)
{
	SRunner *runner = srunner_create(factsheet_suite());
	srunner_run_all(runner, CK_NORMAL);
	int failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed ? 1 : 0;
}
