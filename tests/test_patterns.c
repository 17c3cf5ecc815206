/*
 * test_patterns.c - one test per pattern of the genre that the parser
 * recognises, each on a small fixture of its own under
 * tests/fixtures/patterns/ (text written for the test, not taken from any
 * published document).
 */
#include "factsheet/factsheet.h"
#include "factsheet/factsheet_int.h"
#include "atrack_int.h"
#include "testutil.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PATTERN(name) ATRACK_SOURCE_DIR "/tests/fixtures/patterns/" name

static fs_model *parse_pattern(const char *path)
{
	FILE *f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	fseek(f, 0, SEEK_END);
	long size = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *text = malloc((size_t)size + 1);
	ck_assert_ptr_nonnull(text);
	size_t len = fread(text, 1, (size_t)size, f);
	fclose(f);
	fs_model *m = NULL;
	fs_error err;
	int rc = fs_parse(text, len, &m, &err);
	ck_assert_msg(rc == ATRACK_OK, "%s:%d:%d: %s", path, err.line, err.column,
	              err.message);
	free(text);
	return m;
}

/* The dates the date recogniser found in one item, as the parser's own
 * pass sees them. */
static size_t dates_in(const char *text, int years[8])
{
	fs_model model = {0};
	fsp_parser p;
	fsp_block b;
	memset(&p, 0, sizeof p);
	memset(&b, 0, sizeof b);
	p.model = &model;
	b.text = (char *)text;
	b.len = strlen(text);
	ck_assert_int_eq(fsp_tokenise(&b), ATRACK_OK);
	p.blocks = &b;
	p.block_count = 1;
	ck_assert_int_eq(fsp_scan_dates(&p, 0), ATRACK_OK);
	size_t n = p.date_count;
	for (size_t i = 0; i < n && i < 8; i++)
		years[i] = p.dates[i].year;
	atr_free(p.dates);
	atr_free(b.toks);
	return n;
}

START_TEST(test_failed_year_refuses_date)
{
	int years[8];
	ck_assert_uint_eq(dates_in("met on 30 October 1850 in Port Alder", years), 0);
	ck_assert_uint_eq(dates_in("met on 30 October 20ab in Port Alder", years), 0);
	ck_assert_uint_eq(dates_in("met on October 30, 1850 in Port Alder", years), 0);
	ck_assert_uint_eq(dates_in("met on 1850-10-30 in Port Alder", years), 0);
	ck_assert_uint_eq(dates_in("met on 12 May 2031 in Port Alder", years), 1);
	ck_assert_int_eq(years[0], 2031);
	ck_assert_uint_eq(dates_in("met on May 12, 2031 in Port Alder", years), 1);
	ck_assert_int_eq(years[0], 2031);
	/* a yearless date stays a date, its year found later */
	ck_assert_uint_eq(dates_in("met on 12 May in Port Alder", years), 1);
	ck_assert_int_eq(years[0], 0);
	/* the whole document parses, with no date from the bad years */
	fs_model *m = parse_pattern(PATTERN("bad_years.txt"));
	ck_assert_uint_eq(m->initiative_count, 5);
	fs_model_free(m);
}
END_TEST


static void assert_sections(const fs_model *m, size_t count, const char *const *titles)
{
	ck_assert_uint_eq(m->section_count, count);
	for (size_t i = 0; i < count; i++)
		ck_assert_str_eq(m->sections[i].title, titles[i]);
}

static size_t initiatives_in(const fs_model *m, int section)
{
	size_t n = 0;
	for (size_t i = 0; i < m->initiative_count; i++)
		if (m->initiatives[i].section == section)
			n++;
	return n;
}

START_TEST(test_nested_items_belong_to_parent)
{
	fs_model *m = parse_pattern(PATTERN("nested_lists.txt"));
	ck_assert_uint_eq(m->initiative_count, 4);
	ck_assert_ptr_nonnull(strstr(m->initiatives[0].text, "ferry terminal"));
	ck_assert_ptr_nonnull(strstr(m->initiatives[0].text, "clinic attached"));
	ck_assert_ptr_nonnull(strstr(m->initiatives[2].text, "another child item"));
	ck_assert_int_eq(m->initiatives[0].line_start, 5);
	ck_assert_int_eq(m->initiatives[0].line_end, 9);
	fs_model_free(m);
}
END_TEST

START_TEST(test_runin_headings_and_trailer)
{
	static const char *const titles[] = {"Building Stronger Ports", "Training the Next Pilots"};
	fs_model *m = parse_pattern(PATTERN("runin_headings.txt"));
	assert_sections(m, 2, titles);
	ck_assert_str_eq(m->sections[0].heading, "BUILDING STRONGER PORTS");
	ck_assert_str_eq(m->sections[0].lead_in,
	                 "The partners announced new work on quays and cranes.");
	ck_assert_int_eq(m->sections[0].lead_in_pos.column, 26);
	ck_assert_uint_eq(initiatives_in(m, 0), 2);
	ck_assert_uint_eq(initiatives_in(m, 1), 1);
	ck_assert_int_eq(m->boilerplate_line, 12);
	fs_model_free(m);
}
END_TEST

START_TEST(test_labelled_paragraphs_are_initiatives)
{
	static const char *const titles[] = {"Key Outcomes"};
	fs_model *m = parse_pattern(PATTERN("labelled_paragraphs.txt"));
	assert_sections(m, 1, titles);
	ck_assert_uint_eq(m->initiative_count, 3);
	ck_assert_uint_eq(initiatives_in(m, 0), 3);
	ck_assert_int_eq(m->initiatives[2].column, 1);
	ck_assert_int_eq(m->boilerplate_line, 13);
	fs_model_free(m);
}
END_TEST

START_TEST(test_heading_styles)
{
	static const char *const titles[] = {
		"Stronger and Safer Ports", "Training the Next Generation of Pilots",
		"Shared Prosperity"
	};
	fs_model *m = parse_pattern(PATTERN("heading_styles.txt"));
	assert_sections(m, 3, titles);
	ck_assert_str_eq(m->sections[0].lead_in, "The partners will rebuild the west quay.");
	ck_assert_uint_eq(initiatives_in(m, 2), 2);
	fs_model_free(m);
}
END_TEST

START_TEST(test_prose_readout_is_read)
{
	fs_model *m = parse_pattern(PATTERN("prose_readout.txt"));
	ck_assert_uint_eq(m->section_count, 0);
	ck_assert_uint_eq(m->initiative_count, 2);
	ck_assert_ptr_nonnull(strstr(m->initiatives[0].text, "agreed to rebuild"));
	ck_assert_ptr_nonnull(strstr(m->initiatives[1].text, "announced a joint school"));
	fs_model_free(m);
	m = parse_pattern(PATTERN("prose_no_initiative.txt"));
	ck_assert_uint_eq(m->initiative_count, 0);
	ck_assert_str_eq(m->title, "Readout of the Harbour Partners Call");
	fs_model_free(m);
}
END_TEST

START_TEST(test_truncated_input_invents_nothing)
{
	static const char *const titles[] = {"Port Work"};
	fs_model *m = parse_pattern(PATTERN("truncated.txt"));
	assert_sections(m, 1, titles);
	ck_assert_uint_eq(m->initiative_count, 2);
	fs_model_free(m);
	m = parse_pattern(PATTERN("truncated_prose.txt"));
	assert_sections(m, 1, titles);
	ck_assert_uint_eq(m->initiative_count, 1);
	fs_model_free(m);
}
END_TEST


START_TEST(test_meeting_from_title)
{
	fs_model *m = parse_pattern(PATTERN("meeting_title.txt"));
	ck_assert_uint_eq(m->meeting_count, 1);
	ck_assert_int_eq(m->meetings[0].ordinal, 1);
	ck_assert_str_eq(m->meetings[0].start_date, "2031-03-03");
	ck_assert_str_eq(m->meetings[0].end_date, "2031-03-03");
	ck_assert_str_eq(m->meetings[0].place, "Port Alder");
	ck_assert_ptr_nonnull(strstr(m->meetings[0].name, "3+3 Meeting"));
	fs_model_free(m);
}
END_TEST

START_TEST(test_meeting_ordinal_words)
{
	fs_model *m = parse_pattern(PATTERN("meeting_ordinal_words.txt"));
	ck_assert_uint_eq(m->meeting_count, 1);
	ck_assert_int_eq(m->meetings[0].ordinal, 4);
	ck_assert_str_eq(m->meetings[0].start_date, "2031-08-04");
	fs_model_free(m);
}
END_TEST

START_TEST(test_meeting_distractor_ordinals)
{
	fs_model *m = parse_pattern(PATTERN("meeting_distractors.txt"));
	ck_assert_uint_eq(m->meeting_count, 1);
	ck_assert_int_eq(m->meetings[0].ordinal, 0);
	ck_assert_str_eq(m->meetings[0].start_date, "2031-04-03");
	ck_assert_str_eq(m->meetings[0].end_date, "2031-04-04");
	fs_model_free(m);
	/* "the fourth meeting between" counts meetings; it numbers none */
	m = parse_pattern(PATTERN("meeting_count_distractor.txt"));
	ck_assert_uint_eq(m->meeting_count, 1);
	ck_assert_int_eq(m->meetings[0].ordinal, 0);
	ck_assert_str_eq(m->meetings[0].start_date, "2031-05-05");
	fs_model_free(m);
}
END_TEST

START_TEST(test_meeting_year_from_context)
{
	fs_model *m = parse_pattern(PATTERN("meeting_year_from_context.txt"));
	ck_assert_uint_eq(m->meeting_count, 1);
	ck_assert_int_eq(m->meetings[0].ordinal, 1);
	ck_assert_str_eq(m->meetings[0].start_date, "2031-12-09");
	fs_model_free(m);
}
END_TEST


static const fs_framework *framework_named(const fs_model *m, const char *name)
{
	for (size_t i = 0; i < m->framework_count; i++)
		if (strcmp(m->frameworks[i].name, name) == 0)
			return &m->frameworks[i];
	return NULL;
}

START_TEST(test_frameworks_whole_names_and_precision)
{
	fs_model *m = parse_pattern(PATTERN("frameworks.txt"));
	const fs_framework *f = framework_named(m, "Quad");
	ck_assert_ptr_nonnull(f);
	ck_assert_str_eq(f->kind, "group");
	ck_assert_ptr_nonnull(framework_named(m, "Harbour Ports of the Future Partnership"));
	ck_assert_ptr_nonnull(framework_named(m, "Joint Steering Group for Coastal Resilience"));
	f = framework_named(m, "Harbour Resilience Fund");
	ck_assert_ptr_nonnull(f);
	ck_assert_str_eq(f->acronym, "HRF");
	ck_assert_str_eq(f->kind, "programme");
	ck_assert_ptr_nonnull(framework_named(m, "Harbour Pilots Working Group"));
	ck_assert_ptr_null(framework_named(m, "Port Alder Development Corporation"));
	ck_assert_uint_eq(m->framework_count, 5);
	fs_model_free(m);
}
END_TEST

/* Whole names: a party compound written before the name, a lower-case
 * word or year between the article and the name, "for the ..." and
 * "... and ..." in the tail, a heading and an item's label that name a
 * framework; a kind noun followed by more of the name is not the head. */
START_TEST(test_framework_name_forms)
{
	fs_model *m = parse_pattern(PATTERN("framework_names.txt"));
	static const char *const want[] = {
		"Harbour Reef Partnership", "Tide Policy Dialogue",
		"U.S.-ROK Pier Safety Task Force", "Reef Experts Group",
		"Mutual Harbour Treaty", "Visiting Pilots Agreement",
		"Lagoon Financing Facility for the Pacific",
		"Partnership for Cable Repair and Resilience", "Crew Training Dialogue",
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		ck_assert_msg(framework_named(m, want[i]) != NULL, "missing %s", want[i]);
	ck_assert_ptr_null(framework_named(m, "Combined Pilots"));
	ck_assert_ptr_null(framework_named(m, "Lagoon Financing Facility"));
	ck_assert_uint_eq(m->framework_count, sizeof want / sizeof want[0]);
	fs_model_free(m);
}
END_TEST

/* Not frameworks: an alliance of countries, a government's own body
 * ("... of Japan", a Ministry defined with its acronym), an awareness
 * defined by acronym; a possessive owner is no part of the name; a
 * compound of two parties and a noun is a name; a definition ending in a
 * country is a framework; a grouping written in capitals is the grouping. */
START_TEST(test_framework_bodies_and_owners)
{
	fs_model *m = parse_pattern(PATTERN("framework_bodies.txt"));
	const fs_framework *f = framework_named(m, "Harbour Partnership for Maritime Tide Awareness");
	ck_assert_ptr_nonnull(f);
	ck_assert_str_eq(f->acronym, "HPMTA");
	ck_assert_ptr_nonnull(framework_named(m, "NATO-Ukraine Council"));
	ck_assert_ptr_nonnull(framework_named(m, "Harbour Training for Ukraine"));
	ck_assert_ptr_nonnull(framework_named(m, "Quad"));
	ck_assert_ptr_null(framework_named(m, "Japan-United States Alliance"));
	ck_assert_ptr_null(framework_named(m, "National Harbour Secretariat of Japan"));
	ck_assert_ptr_null(framework_named(m, "Harbour Forces of the Philippines"));
	ck_assert_ptr_null(framework_named(m, "Ministry of Harbour Affairs"));
	ck_assert_ptr_null(framework_named(m, "Maritime Tide Awareness"));
	ck_assert_uint_eq(m->framework_count, 4);
	fs_model_free(m);
	/* a head noun in lower case after a capitalised name; a law defined
	 * with its acronym and a country's "commitment" are not frameworks */
	m = parse_pattern(PATTERN("framework_lower_heads.txt"));
	ck_assert_ptr_nonnull(framework_named(m, "Tide Gauge Recovery initiative"));
	ck_assert_uint_eq(m->framework_count, 1);
	fs_model_free(m);
}
END_TEST

/* Acronyms in their forms: "(HTSI) Fund" (the head noun after the
 * parenthesis ends the name), mixed case "AQuA", "SRF-West", a quoted
 * short form "(\"2+2\")", two definitions in one phrase, one defined twice. */
START_TEST(test_framework_acronym_forms)
{
	fs_model *m = parse_pattern(PATTERN("framework_acronyms.txt"));
	const fs_framework *f = framework_named(m, "Harbour Tide Security Initiative Fund");
	ck_assert_ptr_nonnull(f);
	ck_assert_str_eq(f->acronym, "HTSI");
	ck_assert_str_eq(f->kind, "programme");
	ck_assert_str_eq(framework_named(m, "Advanced Quay Analytics")->acronym, "AQuA");
	ck_assert_str_eq(framework_named(m, "Shore Response Force-West")->acronym, "SRF-West");
	ck_assert_str_eq(framework_named(m, "Security Consultative Committee")->acronym, "2+2");
	ck_assert_str_eq(framework_named(m, "Harbour Data Group")->acronym, "HDG");
	ck_assert_str_eq(framework_named(m, "Tide Watch Network")->acronym, "TWN");
	ck_assert_ptr_null(framework_named(m, "Harbour Tide Security Initiative"));
	ck_assert_uint_eq(m->framework_count, 6);
	fs_model_free(m);
}
END_TEST

static const fs_party *party_slug(const fs_model *m, const char *slug)
{
	for (size_t i = 0; i < m->party_count; i++)
		if (strcmp(m->parties[i].slug, slug) == 0)
			return &m->parties[i];
	return NULL;
}

/* The countries that meet are parties; an adversary the text condemns is
 * kept but only as mentioned. */
START_TEST(test_party_roles)
{
	fs_model *m = parse_pattern(PATTERN("party_roles.txt"));
	const fs_party *us = party_slug(m, "us"), *japan = party_slug(m, "japan");
	const fs_party *dprk = party_slug(m, "dprk");
	ck_assert_ptr_nonnull(us);
	ck_assert_ptr_nonnull(japan);
	ck_assert_ptr_nonnull(dprk);
	ck_assert_int_eq(us->mentioned, 0);
	ck_assert_int_eq(japan->mentioned, 0);
	ck_assert_int_eq(dprk->mentioned, 1);
	fs_model_free(m);
}
END_TEST

static const fs_person *person_named(const fs_model *m, const char *name)
{
	for (size_t i = 0; i < m->person_count; i++)
		if (strcmp(m->people[i].name, name) == 0)
			return &m->people[i];
	return NULL;
}

static const char *party_of(const fs_model *m, const fs_person *x)
{
	ck_assert_ptr_nonnull(x);
	return x->party >= 0 ? m->parties[x->party].slug : "(none)";
}

/* Each person gets the country written with them: "Name of Country"
 * (not the one before the title, which ends the previous person), an
 * adjective ("Japanese"), the appositive "the Title of Country, Name";
 * suffixes kept, honorifics dropped; organisations and proper nouns that
 * hold a title word are not people. Countries written with no-break
 * spaces are still countries of the title. */
START_TEST(test_people_and_their_countries)
{
	fs_model *m = parse_pattern(PATTERN("people_countries.txt"));
	ck_assert_str_eq(party_of(m, person_named(m, "Ada Quill")), "us");
	ck_assert_str_eq(party_of(m, person_named(m, "Sato")), "japan");
	ck_assert_str_eq(party_of(m, person_named(m, "Lee Brann")), "australia");
	const fs_person *vale = person_named(m, "Bruno Vale Ortiz");
	ck_assert_str_eq(party_of(m, vale), "spain");
	ck_assert_str_eq(vale->title, "President of the Government");
	ck_assert_str_eq(party_of(m, person_named(m, "Ravi Tamar")), "india");
	ck_assert_str_eq(party_of(m, person_named(m, "Kenji Ota")), "japan");
	ck_assert_str_eq(party_of(m, person_named(m, "Mara Doyle Jr.")), "us");
	ck_assert_ptr_null(person_named(m, "Assembly"));
	ck_assert_ptr_null(person_named(m, "Motors"));
	ck_assert_ptr_null(person_named(m, "Program Roundtable"));
	ck_assert_ptr_null(person_named(m, "Dynamics MQ-9Bs"));
	ck_assert_uint_eq(m->person_count, 7);
	const fs_party *rok = party_slug(m, "rok"), *us = party_slug(m, "us");
	ck_assert_ptr_nonnull(rok);
	ck_assert_ptr_nonnull(us);
	ck_assert_int_eq(rok->mentioned, 0);
	ck_assert_int_eq(us->mentioned, 0);
	fs_model_free(m);
}
END_TEST
/* A dateline and the "Hosted by" line after it are front matter: no
 * section, but the meeting's date and its host; the letters after a
 * name are not the name. */
START_TEST(test_dateline_is_front_matter)
{
	fs_model *m = parse_pattern(PATTERN("dateline_front_matter.txt"));
	ck_assert_uint_eq(m->section_count, 0);
	ck_assert_uint_eq(m->initiative_count, 2);
	ck_assert_uint_eq(m->meeting_count, 1);
	ck_assert_str_eq(m->meetings[0].start_date, "2031-06-02");
	const fs_person *host = person_named(m, "Ada Quill");
	ck_assert_str_eq(party_of(m, host), "canada");
	ck_assert_str_eq(host->title, "Prime Minister");
	fs_model_free(m);
}
END_TEST
/* A statement whose lead reports a meeting ("held their first formal
 * meeting today") gives a meeting without a date, with its ordinal and
 * people; "The X's travel to Y" names a visit; "for the fourth time" is
 * an ordinal, "for the first time at forty" is not. */
START_TEST(test_meeting_from_the_lead)
{
	fs_model *m = parse_pattern(PATTERN("meeting_lead_undated.txt"));
	ck_assert_uint_eq(m->meeting_count, 1);
	ck_assert_str_eq(m->meetings[0].start_date, "");
	ck_assert_int_eq(m->meetings[0].ordinal, 1);
	ck_assert_uint_eq(m->meetings[0].people.count, 2);
	fs_model_free(m);
	m = parse_pattern(PATTERN("meeting_travel.txt"));
	ck_assert_uint_eq(m->meeting_count, 1);
	ck_assert_str_eq(m->meetings[0].name, "Governor's travel to the Republic of Norland");
	ck_assert_str_eq(m->meetings[0].kind, "Visit");
	fs_model_free(m);
	m = parse_pattern(PATTERN("meeting_time_ordinal.txt"));
	ck_assert_uint_eq(m->meeting_count, 1);
	ck_assert_int_eq(m->meetings[0].ordinal, 4);
	ck_assert_str_eq(m->meetings[0].start_date, "2031-05-24");
	fs_model_free(m);
	m = parse_pattern(PATTERN("meeting_bodies_met.txt"));
	ck_assert_uint_eq(m->meeting_count, 2); /* each body that met, not the title's */
	ck_assert_str_eq(m->meetings[0].name, "Harbour Pilots Working Group meeting");
	ck_assert_str_eq(m->meetings[0].start_date, "2031-06-02");
	ck_assert_int_eq(m->meetings[0].ordinal, 1);
	ck_assert_str_eq(m->meetings[1].name, "Tide Committee for Coastal Safety meeting");
	ck_assert_str_eq(m->meetings[1].start_date, "2031-06-09");
	ck_assert_ptr_nonnull(framework_named(m, "Tide Committee for Coastal Safety"));
	fs_model_free(m);
	m = parse_pattern(PATTERN("meeting_earlier.txt"));
	ck_assert_uint_eq(m->meeting_count, 1); /* the summit it followed is not reported */
	ck_assert_ptr_null(strstr(m->meetings[0].name, "Summit"));
	fs_model_free(m);
	m = parse_pattern(PATTERN("meeting_time_distractor.txt"));
	ck_assert_uint_eq(m->meeting_count, 1);
	ck_assert_int_eq(m->meetings[0].ordinal, 0);
	fs_model_free(m);
}
END_TEST
/* Numbered paragraphs whose number is followed by no-break spaces are
 * items; a numbered Title Case heading may hold "our"; the "– Name,
 * date" line under a quotation is its attribution, not an item. */
START_TEST(test_numbers_and_quotes)
{
	fs_model *m = parse_pattern(PATTERN("numbers_and_quotes.txt"));
	ck_assert_uint_eq(m->section_count, 2);
	ck_assert_uint_eq(m->initiative_count, 4);
	for (size_t i = 0; i < m->initiative_count; i++)
		ck_assert_ptr_null(strstr(m->initiatives[i].text, "Governor Ada Quill"));
	ck_assert_int_eq(m->initiatives[0].section, 0);
	ck_assert_int_eq(m->initiatives[2].section, 1);
	ck_assert_int_eq(m->initiatives[3].section, 1);
	fs_model_free(m);
}
END_TEST
/* Named without a country, an official is the publisher's, unless the
 * publisher has no such office: a Prime Minister is of the one other
 * country the title names. In a title every word is capitalised, so the
 * name stops before the verb. */
START_TEST(test_people_offices_and_titles)
{
	fs_model *m = parse_pattern(PATTERN("people_offices.txt"));
	ck_assert_str_eq(party_of(m, person_named(m, "Ada Quill")), "us");
	ck_assert_str_eq(party_of(m, person_named(m, "Sato Ken")), "japan");
	fs_model_free(m);
	m = parse_pattern(PATTERN("people_in_title.txt"));
	ck_assert_uint_eq(m->person_count, 1);
	ck_assert_str_eq(m->people[0].name, "Quill");
	ck_assert_str_eq(m->people[0].title, "Vice President");
	fs_model_free(m);
}
END_TEST
/* A prose paragraph gives one initiative per commitment sentence, and
 * one per part of a sentence's ";" list; other sentences stay prose. */
START_TEST(test_prose_sentences_and_lists)
{
	fs_model *m = parse_pattern(PATTERN("prose_sentences.txt"));
	ck_assert_uint_eq(m->initiative_count, 4);
	ck_assert_str_eq(m->initiatives[0].text, "They agreed to expand pilot exchanges");
	ck_assert_str_eq(m->initiatives[1].title, "Fund new quays for Dr. Vale's fleet");
	ck_assert_str_eq(m->initiatives[1].text, "fund new quays for Dr. Vale\xE2\x80\x99s fleet");
	ck_assert_str_eq(m->initiatives[2].text, "launch a tide data service.");
	ck_assert_str_eq(m->initiatives[3].text, "They also committed to hold annual drills.");
	ck_assert_int_eq(m->initiatives[3].line_start, 3);
	ck_assert_uint_eq(m->meeting_count, 1);
	ck_assert_str_eq(m->meetings[0].start_date, "2031-06-02");
	fs_model_free(m);
}
END_TEST

START_TEST(test_meeting_from_dated_visit)
{
	fs_model *m = parse_pattern(PATTERN("meeting_titled.txt"));
	ck_assert_uint_eq(m->meeting_count, 1);
	ck_assert_str_eq(m->meetings[0].name, "Deepening the Harbour Partnership with Port Alder");
	ck_assert_str_eq(m->meetings[0].start_date, "2031-08-04");
	fs_model_free(m);
	m = parse_pattern(PATTERN("meeting_declaration.txt"));
	ck_assert_str_eq(m->title, "Joint declaration of the harbour partners");
	ck_assert_uint_eq(m->section_count, 0);
	ck_assert_uint_eq(m->meeting_count, 1);
	ck_assert_str_eq(m->meetings[0].start_date, "2031-04-26");
	fs_model_free(m);
}
END_TEST

/* Every slug of the model: at most FS_SLUG_MAX bytes, words joined by
 * single hyphens, none at either end. */
static void assert_slug_shape(const char *slug)
{
	size_t n = strlen(slug);
	ck_assert_msg(n > 0 && n <= FS_SLUG_MAX, "slug '%s' is %zu bytes", slug, n);
	ck_assert_msg(slug[0] != '-' && slug[n - 1] != '-' && !strstr(slug, "--"),
	              "slug '%s' is not words joined by hyphens", slug);
}

START_TEST(test_slugs_short_at_word_boundary)
{
	fs_model *m = parse_pattern(PATTERN("long_slugs.txt"));
	ck_assert_uint_eq(m->section_count, 1);
	ck_assert_str_eq(m->sections[0].slug, "port-work-and-shared-maritime");
	ck_assert_uint_eq(m->initiative_count, 4);
	/* cut before the word that would not fit */
	ck_assert_str_eq(m->initiatives[0].slug, "rebuilding-the-western-breakwaters-quays");
	/* the same title again: the number fits in the limit too */
	ck_assert_str_eq(m->initiatives[1].slug, "rebuilding-the-western-breakwaters-2");
	/* a cut after "crew-and" does not end on "and" */
	ck_assert_str_eq(m->initiatives[2].slug, "training-harbour-pilots-and-tug-crew");
	/* one word longer than the limit is all there is to cut */
	ck_assert_str_eq(m->initiatives[3].slug, "harbourmastershipsupercalifragilisticexp");
	for (size_t i = 0; i < m->section_count; i++)
		assert_slug_shape(m->sections[i].slug);
	for (size_t i = 0; i < m->initiative_count; i++)
		assert_slug_shape(m->initiatives[i].slug);
	for (size_t i = 0; i < m->meeting_count; i++)
		assert_slug_shape(m->meetings[i].slug);
	for (size_t i = 0; i < m->party_count; i++)
		assert_slug_shape(m->parties[i].slug);
	fs_model_free(m);
}
END_TEST

/* A second document with the same long titles: the database's slugs stay
 * unique and within the limit, the meeting's slug or a number included. */
START_TEST(test_slugs_unique_in_database_within_limit)
{
	static const char *const files[] = {"tests/fixtures/patterns/long_slugs.txt",
	                                    "tests/fixtures/patterns/long_slugs_again.txt"};
	atrack_db *db = tu_memory_db();
	for (size_t f = 0; f < 2; f++) {
		size_t len;
		char *text = tu_read_source(files[f], &len);
		atrack_import_result r;
		/* (The fixtures give no date: the meeting's is supplied.) */
		atrack_import_opts opts = ATRACK_IMPORT_OPTS_INIT;
		opts.meeting_date = "2025-01-15";
		ck_assert_msg(atrack_import_factsheet(db, text, len, &opts, &r) == ATRACK_OK, "%s",
		              atrack_errmsg(db));
		ck_assert_int_eq(r.outcome, ATRACK_IMPORT_NEW);
		free(text);
	}
	ck_assert_int_eq(tu_query_int(db, "SELECT COUNT(*) FROM initiative"), 7);
	ck_assert_int_eq(tu_query_int(db, "SELECT COUNT(DISTINCT slug) FROM initiative"), 7);
	ck_assert_int_le(tu_query_int(db, "SELECT MAX(LENGTH(slug)) FROM initiative"), FS_SLUG_MAX);
	ck_assert_int_eq(tu_query_int(db, "SELECT COUNT(*) FROM initiative WHERE slug LIKE '%-' "
	                                  "OR slug LIKE '%--%'"), 0);
	atrack_close(db);
}
END_TEST

/* `cr_text` with every CR turned into `eol` ("\n" or "\r\n"). */
static char *with_line_ends(const char *cr_text, size_t len, const char *eol, size_t *out_len)
{
	char *out = malloc(len * 2 + 1);
	ck_assert_ptr_nonnull(out);
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		if (cr_text[i] == '\r') {
			memcpy(out + n, eol, strlen(eol));
			n += strlen(eol);
		} else {
			out[n++] = cr_text[i];
		}
	}
	out[n] = '\0';
	*out_len = n;
	return out;
}

START_TEST(test_cr_line_ends)
{
	static const char *const titles[] = {"Port Work", "Harbour Safety"};
	static const char *const eols[] = {"\r", "\n", "\r\n"};
	size_t cr_len;
	char *cr = tu_read_source("tests/fixtures/patterns/cr_lines.txt", &cr_len);
	for (size_t e = 0; e < 3; e++) {
		size_t len;
		char *text = with_line_ends(cr, cr_len, eols[e], &len);
		fs_model *m = NULL;
		fs_error err;
		ck_assert_int_eq(fs_parse(text, len, &m, &err), ATRACK_OK);
		ck_assert_str_eq(m->title, "Fact Sheet: Harbour Partners Meeting");
		assert_sections(m, 2, titles);
		ck_assert_uint_eq(m->initiative_count, 3);
		ck_assert_str_eq(m->initiatives[1].text, "The partners will buy two cranes.");
		/* the same lines, however they end */
		ck_assert_int_eq(m->initiatives[0].line_start, 5);
		ck_assert_int_eq(m->initiatives[1].line_start, 6);
		ck_assert_int_eq(m->initiatives[2].line_start, 10);
		ck_assert_int_eq(m->initiatives[1].section, 0);
		ck_assert_int_eq(m->initiatives[2].section, 1);
		fs_model_free(m);
		free(text);
	}
	/* an error's place counts CR lines too */
	static const char bad[] = "Fact Sheet\r\rPORT WORK\r- The \xC3 partners\r";
	fs_model *m = NULL;
	fs_error err;
	ck_assert_int_eq(fs_parse(bad, sizeof bad - 1, &m, &err), ATRACK_PARSE);
	ck_assert_str_eq(err.message, "invalid UTF-8");
	ck_assert_int_eq(err.line, 4);
	ck_assert_int_eq(err.column, 7);
	free(cr);
}
END_TEST

START_TEST(test_utf16_refused)
{
	static const char *const files[] = {"tests/fixtures/patterns/utf16.txt",
	                                    "tests/fixtures/patterns/utf16be.txt"};
	for (size_t f = 0; f < 2; f++) {
		size_t len;
		char *text = tu_read_source(files[f], &len);
		fs_model *m = NULL;
		fs_error err;
		ck_assert_int_eq(fs_parse(text, len, &m, &err), ATRACK_PARSE);
		ck_assert_ptr_null(m);
		ck_assert_str_eq(err.message, "UTF-16, convert to UTF-8");
		ck_assert_int_eq(err.line, 1);
		ck_assert_int_eq(err.column, 1);
		free(text);
	}
	/* without a byte order mark, by its NUL bytes beside ASCII letters */
	static const char le[] = "F\0a\0c\0t\0\n\0", be[] = "\0F\0a\0c\0t\0\n";
	fs_error err;
	fs_model *m = NULL;
	ck_assert_int_eq(fs_parse(le, sizeof le - 1, &m, &err), ATRACK_PARSE);
	ck_assert_str_eq(err.message, "UTF-16, convert to UTF-8");
	ck_assert_int_eq(fs_parse(be, sizeof be - 1, &m, &err), ATRACK_PARSE);
	ck_assert_str_eq(err.message, "UTF-16, convert to UTF-8");
	static const char utf32[] = "\xFF\xFE\0\0F\0\0\0";
	ck_assert_int_eq(fs_parse(utf32, sizeof utf32 - 1, &m, &err), ATRACK_PARSE);
	ck_assert_str_eq(err.message, "UTF-32, convert to UTF-8");
	/* a NUL byte later in UTF-8 text is still one */
	static const char nul[] = "Fact Sheet\n\n- The partners\0 agree.\n";
	ck_assert_int_eq(fs_parse(nul, sizeof nul - 1, &m, &err), ATRACK_PARSE);
	ck_assert_str_eq(err.message, "NUL byte");
}
END_TEST

/* Cut in or after a heading, the text ends with no section for it. */
START_TEST(test_truncated_heading_invents_nothing)
{
	static const char *const titles[] = {"Port Work"};
	fs_model *m = parse_pattern(PATTERN("truncated_heading.txt"));
	assert_sections(m, 1, titles);
	ck_assert_uint_eq(m->initiative_count, 2);
	fs_model_free(m);
	m = parse_pattern(PATTERN("truncated_heading_cr.txt"));
	assert_sections(m, 1, titles);
	ck_assert_uint_eq(m->initiative_count, 1);
	fs_model_free(m);
}
END_TEST

static Suite *patterns_suite(void)
{
	Suite *s = suite_create("patterns");
	TCase *dates = tcase_create("dates");
	tcase_add_test(dates, test_failed_year_refuses_date);
	suite_add_tcase(s, dates);
	TCase *structure = tcase_create("structure");
	tcase_add_test(structure, test_nested_items_belong_to_parent);
	tcase_add_test(structure, test_runin_headings_and_trailer);
	tcase_add_test(structure, test_labelled_paragraphs_are_initiatives);
	tcase_add_test(structure, test_heading_styles);
	tcase_add_test(structure, test_prose_readout_is_read);
	tcase_add_test(structure, test_truncated_input_invents_nothing);
	suite_add_tcase(s, structure);
	TCase *meetings = tcase_create("meetings");
	tcase_add_test(meetings, test_meeting_from_title);
	tcase_add_test(meetings, test_meeting_ordinal_words);
	tcase_add_test(meetings, test_meeting_distractor_ordinals);
	tcase_add_test(meetings, test_meeting_year_from_context);
	tcase_add_test(meetings, test_meeting_from_dated_visit);
	suite_add_tcase(s, meetings);
	TCase *frameworks = tcase_create("frameworks");
	tcase_add_test(frameworks, test_frameworks_whole_names_and_precision);
	tcase_add_test(frameworks, test_framework_name_forms);
	tcase_add_test(frameworks, test_framework_bodies_and_owners);
	tcase_add_test(frameworks, test_framework_acronym_forms);
	suite_add_tcase(s, frameworks);
	TCase *parties = tcase_create("parties");
	tcase_add_test(parties, test_party_roles);
	tcase_add_test(parties, test_people_and_their_countries);
	tcase_add_test(parties, test_dateline_is_front_matter);
	tcase_add_test(parties, test_meeting_from_the_lead);
	tcase_add_test(parties, test_numbers_and_quotes);
	tcase_add_test(parties, test_people_offices_and_titles);
	tcase_add_test(parties, test_prose_sentences_and_lists);
	suite_add_tcase(s, parties);
	TCase *slugs = tcase_create("slugs");
	tcase_add_test(slugs, test_slugs_short_at_word_boundary);
	tcase_add_test(slugs, test_slugs_unique_in_database_within_limit);
	suite_add_tcase(s, slugs);
	TCase *encodings = tcase_create("encodings");
	tcase_add_test(encodings, test_cr_line_ends);
	tcase_add_test(encodings, test_utf16_refused);
	tcase_add_test(encodings, test_truncated_heading_invents_nothing);
	suite_add_tcase(s, encodings);
	return s;
}

int main(void)
{
	SRunner *r = srunner_create(patterns_suite());
	srunner_run_all(r, CK_NORMAL);
	int failed = srunner_ntests_failed(r);
	srunner_free(r);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
