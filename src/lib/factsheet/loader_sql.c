/*
 * loader_sql.c - every SQL statement the fact-sheet loader runs, in one
 * table indexed by fsl_sql_id, so the tests can prepare each against the
 * schema and check each INSERT's column list. Calls only the core's
 * statement cache.
 *
 * Shared kinds (party ... cited document) share a layout: FIND binds ?1
 * slug, ?2 name, ?3 acronym (when it has one); INSERT binds ?1 slug, ?2
 * name, ?3 document, ?4 line, and the kind's own columns from ?5 on.
 */
#include "loader_int.h"

const fsl_statement fsl_sql[FSL_SQL_COUNT] = {
	[FSL_PARTY_FIND] = { "party",
		"SELECT id FROM party WHERE slug = ?1 OR name = ?2 ORDER BY slug = ?1 DESC LIMIT 1" },
	[FSL_PARTY_INSERT] = { "party",
		"INSERT INTO party (slug, name, document_id, source_line, short_name) "
		"VALUES (?1, ?2, ?3, ?4, ?5)" },
	[FSL_PERSON_FIND] = { "person", "SELECT id FROM person WHERE slug = ?1" },
	[FSL_PERSON_INSERT] = { "person",
		"INSERT INTO person (slug, name, document_id, source_line, party_id) "
		"VALUES (?1, ?2, ?3, ?4, ?5)" },
	[FSL_MEETING_FIND] = { "meeting", "SELECT id FROM meeting WHERE slug = ?1" },
	[FSL_MEETING_INSERT] = { "meeting",
		"INSERT INTO meeting (slug, name, document_id, source_line, kind, short_kind, ordinal, "
		"start_date, end_date, place) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)" },
	[FSL_SECTION_FIND] = { "section", "SELECT id FROM section WHERE slug = ?1" },
	[FSL_SECTION_INSERT] = { "section",
		"INSERT INTO section (slug, title, document_id, source_line, heading, lead_in, position) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)" },
	/* An acronym names a body as surely as its full name does. */
	[FSL_FRAMEWORK_FIND] = { "framework",
		"SELECT id FROM framework WHERE slug = ?1 OR name = ?2 OR (?3 IS NOT NULL AND acronym = ?3) "
		"ORDER BY slug = ?1 DESC LIMIT 1" },
	[FSL_FRAMEWORK_INSERT] = { "framework",
		"INSERT INTO framework (slug, name, document_id, source_line, acronym, kind) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6)" },
	[FSL_FOCUS_AREA_FIND] = { "focus_area",
		"SELECT id FROM focus_area WHERE slug = ?1 OR name = ?2 ORDER BY slug = ?1 DESC LIMIT 1" },
	[FSL_FOCUS_AREA_INSERT] = { "focus_area",
		"INSERT INTO focus_area (slug, name, document_id, source_line, kind) "
		"VALUES (?1, ?2, ?3, ?4, ?5)" },
	[FSL_EXERCISE_FIND] = { "exercise",
		"SELECT id FROM exercise WHERE slug = ?1 OR name = ?2 ORDER BY slug = ?1 DESC LIMIT 1" },
	[FSL_EXERCISE_INSERT] = { "exercise",
		"INSERT INTO exercise (slug, name, document_id, source_line) VALUES (?1, ?2, ?3, ?4)" },
	[FSL_CITED_FIND] = { "document",
		"SELECT id FROM document WHERE slug = ?1 OR (kind = 'cited' AND title = ?2) "
		"ORDER BY slug = ?1 DESC LIMIT 1" },
	[FSL_CITED_INSERT] = { "document",
		"INSERT INTO document (slug, title, document_id, source_line, kind) "
		"VALUES (?1, ?2, ?3, ?4, 'cited')" },

	/* A party of the document in its role there; a revised text may change
	 * the role (written only when it does), and drop the party. */
	[FSL_DOCUMENT_PARTY_UPSERT] = { "document_party",
		"INSERT INTO document_party (document_id, party_id, role) VALUES (?1, ?2, ?3) "
		"ON CONFLICT (document_id, party_id) DO UPDATE SET role = excluded.role "
		"WHERE role IS NOT excluded.role" },
	[FSL_DOCUMENT_PARTY_OF_DOCUMENT] = { "document_party",
		"SELECT id, party_id FROM document_party WHERE document_id = ?1" },
	[FSL_DOCUMENT_PARTY_DELETE] = { "document_party", "DELETE FROM document_party WHERE id = ?1" },

	[FSL_FRAMEWORK_FOCUS_AREA_INSERT] = { "framework_focus_area",
		"INSERT OR IGNORE INTO framework_focus_area (framework_id, focus_area_id, document_id) "
		"VALUES (?, ?, ?)" },
	[FSL_MEETING_PERSON_INSERT] = { "meeting_person",
		"INSERT OR IGNORE INTO meeting_person (meeting_id, person_id, role, party_id, document_id) "
		"VALUES (?, ?, ?, ?, ?)" },
	[FSL_MEETING_DOCUMENT_INSERT] = { "meeting_document",
		"INSERT OR IGNORE INTO meeting_document (meeting_id, document_id) VALUES (?, ?)" },

	/* The link tables of an initiative: add a link made by this document;
	 * list this document's links of an initiative; remove one. */
	[FSL_INITIATIVE_FRAMEWORK_INSERT] = { "initiative_framework",
		"INSERT OR IGNORE INTO initiative_framework (initiative_id, framework_id, document_id) "
		"VALUES (?, ?, ?)" },
	[FSL_INITIATIVE_FRAMEWORK_SELECT] = { "initiative_framework",
		"SELECT id, framework_id FROM initiative_framework WHERE initiative_id = ? AND document_id = ?" },
	[FSL_INITIATIVE_FRAMEWORK_DELETE] = { "initiative_framework",
		"DELETE FROM initiative_framework WHERE id = ?" },
	[FSL_INITIATIVE_PARTY_INSERT] = { "initiative_party",
		"INSERT OR IGNORE INTO initiative_party (initiative_id, party_id, document_id) VALUES (?, ?, ?)" },
	[FSL_INITIATIVE_PARTY_SELECT] = { "initiative_party",
		"SELECT id, party_id FROM initiative_party WHERE initiative_id = ? AND document_id = ?" },
	[FSL_INITIATIVE_PARTY_DELETE] = { "initiative_party",
		"DELETE FROM initiative_party WHERE id = ?" },
	[FSL_INITIATIVE_EXERCISE_INSERT] = { "initiative_exercise",
		"INSERT OR IGNORE INTO initiative_exercise (initiative_id, exercise_id, document_id) "
		"VALUES (?, ?, ?)" },
	[FSL_INITIATIVE_EXERCISE_SELECT] = { "initiative_exercise",
		"SELECT id, exercise_id FROM initiative_exercise WHERE initiative_id = ? AND document_id = ?" },
	[FSL_INITIATIVE_EXERCISE_DELETE] = { "initiative_exercise",
		"DELETE FROM initiative_exercise WHERE id = ?" },
	[FSL_INITIATIVE_DOCUMENT_INSERT] = { "initiative_document",
		"INSERT OR IGNORE INTO initiative_document (initiative_id, cited_id, document_id) "
		"VALUES (?, ?, ?)" },
	[FSL_INITIATIVE_DOCUMENT_SELECT] = { "initiative_document",
		"SELECT id, cited_id FROM initiative_document WHERE initiative_id = ? AND document_id = ?" },
	[FSL_INITIATIVE_DOCUMENT_DELETE] = { "initiative_document",
		"DELETE FROM initiative_document WHERE id = ?" },
	[FSL_INITIATIVE_FOCUS_AREA_INSERT] = { "initiative_focus_area",
		"INSERT OR IGNORE INTO initiative_focus_area (initiative_id, focus_area_id, document_id) "
		"VALUES (?, ?, ?)" },
	[FSL_INITIATIVE_FOCUS_AREA_SELECT] = { "initiative_focus_area",
		"SELECT id, focus_area_id FROM initiative_focus_area WHERE initiative_id = ? AND document_id = ?" },
	[FSL_INITIATIVE_FOCUS_AREA_DELETE] = { "initiative_focus_area",
		"DELETE FROM initiative_focus_area WHERE id = ?" },

	[FSL_INITIATIVE_SLUG_TAKEN] = { "initiative", "SELECT id FROM initiative WHERE slug = ?1" },
	[FSL_INITIATIVE_INSERT] = { "initiative",
		"INSERT INTO initiative (slug, title, body, section_id, meeting_id, position, created_at, "
		"document_id, line_start, line_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" },
	[FSL_ANNOUNCEMENT_INSERT] = { "progress_update",
		"INSERT INTO progress_update (initiative_id, status_id, note, author, event_date, recorded_at) "
		"VALUES (?, (SELECT id FROM status_code WHERE code = 'announced'), ?, ?, ?, ?)" },
	/* In a revised document, the initiative an item was before: the one of
	 * the same slug, else one at the same place in the list. Two lookups,
	 * each by an index: one OR of both scans the document's initiatives. */
	[FSL_INITIATIVE_PREVIOUS_BY_SLUG] = { "initiative",
		"SELECT id FROM initiative WHERE slug = ?1 AND document_id = ?2" },
	[FSL_INITIATIVE_PREVIOUS_BY_POSITION] = { "initiative",
		"SELECT id FROM initiative WHERE document_id = ?1 AND position = ?2 ORDER BY id LIMIT 1" },
	/* Only a real change is written, so the audit log shows only those. */
	[FSL_INITIATIVE_REVISE] = { "initiative",
		"UPDATE initiative SET title = ?1, body = ?2, section_id = ?3, meeting_id = ?4, "
		"position = ?5, line_start = ?6, line_end = ?7 WHERE id = ?8 AND "
		"(title IS NOT ?1 OR body IS NOT ?2 OR section_id IS NOT ?3 OR meeting_id IS NOT ?4 "
		"OR position IS NOT ?5 OR line_start IS NOT ?6 OR line_end IS NOT ?7)" },
	[FSL_INITIATIVE_OF_DOCUMENT] = { "initiative",
		"SELECT id FROM initiative WHERE document_id = ?1" },

	[FSL_DOCUMENT_BY_DIGEST] = { "document",
		"SELECT id FROM document WHERE kind = 'fact_sheet' AND sha256 = ?1" },
	/* A document of the slug, and whether this text revises it: a fact
	 * sheet of the same title (the slug already says the same meeting). */
	[FSL_DOCUMENT_BY_SLUG] = { "document",
		"SELECT id, kind = 'fact_sheet' AND title = ?2 FROM document WHERE slug = ?1" },
	/* The text a revision replaces, kept. */
	[FSL_DOCUMENT_TEXT_KEEP] = { "document_text",
		"INSERT INTO document_text (document_id, revision, source, sha256, byte_size, body, "
		"imported_at) SELECT id, revision, source, sha256, byte_size, body, imported_at "
		"FROM document WHERE id = ?1 AND body IS NOT NULL AND sha256 IS NOT NULL" },
	[FSL_DOCUMENT_INSERT] = { "document",
		"INSERT INTO document (slug, title, kind, source, sha256, byte_size, body, imported_at) "
		"VALUES (?1, ?2, 'fact_sheet', ?3, ?4, ?5, ?6, ?7)" },
	[FSL_DOCUMENT_REVISE] = { "document",
		"UPDATE document SET title = ?2, source = ?3, sha256 = ?4, byte_size = ?5, body = ?6, "
		"imported_at = ?7, revision = revision + 1 WHERE id = ?8" },
};

int fsl_stmt(atrack_db *db, fsl_sql_id id, sqlite3_stmt **out)
{
	/* The cache is keyed by the string's address: the table's are fixed. */
	return atr_stmt(db, fsl_sql[id].sql, out);
}
