/*
 * kind.c - the kinds of things an atrack database holds, and turning a
 * person's reference ("42" or a slug) into an id.
 */
#include "atrack_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const atr_kind_info kinds[] = {
	{ ATRACK_KIND_PARTY, "party", "party", "slug" },
	{ ATRACK_KIND_PERSON, "person", "person", "slug" },
	{ ATRACK_KIND_MEETING, "meeting", "meeting", "slug" },
	{ ATRACK_KIND_PARTICIPANT, "participant", "meeting_person", NULL },
	{ ATRACK_KIND_DOCUMENT, "document", "document", "slug" },
	{ ATRACK_KIND_SECTION, "section", "section", "slug" },
	{ ATRACK_KIND_INITIATIVE, "initiative", "initiative", "slug" },
	{ ATRACK_KIND_FRAMEWORK, "framework", "framework", "slug" },
	{ ATRACK_KIND_FOCUS_AREA, "focus_area", "focus_area", "slug" },
	{ ATRACK_KIND_EXERCISE, "exercise", "exercise", "slug" },
	{ ATRACK_KIND_UPDATE, "update", "progress_update", NULL },
	{ ATRACK_KIND_STATUS, "status", "status_code", "code" },
};

/* The resolving queries, one per kind, so each is a constant the library
 * prepares once; a reference is only ever bound. */
static const char *const resolve_sql[] = {
	[ATRACK_KIND_PARTY] = "SELECT id FROM party WHERE slug = ?1 OR id = ?2",
	[ATRACK_KIND_PERSON] = "SELECT id FROM person WHERE slug = ?1 OR id = ?2",
	[ATRACK_KIND_MEETING] = "SELECT id FROM meeting WHERE slug = ?1 OR id = ?2",
	[ATRACK_KIND_PARTICIPANT] = "SELECT id FROM meeting_person WHERE id = ?2",
	[ATRACK_KIND_DOCUMENT] = "SELECT id FROM document WHERE slug = ?1 OR id = ?2",
	[ATRACK_KIND_SECTION] = "SELECT id FROM section WHERE slug = ?1 OR id = ?2",
	[ATRACK_KIND_INITIATIVE] = "SELECT id FROM initiative WHERE slug = ?1 OR id = ?2",
	[ATRACK_KIND_FRAMEWORK] = "SELECT id FROM framework WHERE slug = ?1 OR id = ?2",
	[ATRACK_KIND_FOCUS_AREA] = "SELECT id FROM focus_area WHERE slug = ?1 OR id = ?2",
	[ATRACK_KIND_EXERCISE] = "SELECT id FROM exercise WHERE slug = ?1 OR id = ?2",
	[ATRACK_KIND_UPDATE] = "SELECT id FROM progress_update WHERE id = ?2",
	[ATRACK_KIND_STATUS] = "SELECT id FROM status_code WHERE code = ?1 OR id = ?2",
};

const atr_kind_info *atr_kind_info_of(atrack_kind kind)
{
	for (size_t i = 0; i < ATR_ARRAY_SIZE(kinds); i++)
		if (kinds[i].kind == kind)
			return &kinds[i];
	return NULL;
}

const char *atrack_kind_name(atrack_kind kind)
{
	const atr_kind_info *info = atr_kind_info_of(kind);
	return info ? info->name : NULL;
}

int atrack_kind_from_name(const char *name, atrack_kind *out)
{
	if (!name || !out)
		return ATRACK_MISUSE;
	for (size_t i = 0; i < ATR_ARRAY_SIZE(kinds); i++) {
		const char *k = kinds[i].name;
		size_t n = strlen(k);
		if (strlen(name) != n)
			continue;
		bool same = true;
		for (size_t c = 0; c < n && same; c++)
			same = name[c] == k[c] || (k[c] == '_' && name[c] == '-');
		if (same) {
			*out = kinds[i].kind;
			return ATRACK_OK;
		}
	}
	return ATRACK_INVALID;
}

/* Whether `ref` is a decimal id; sets *id. */
static bool parse_id(const char *ref, int64_t *id)
{
	if (!*ref || strspn(ref, "0123456789") != strlen(ref))
		return false;
	errno = 0;
	long long v = strtoll(ref, NULL, 10);
	if (errno || v <= 0)
		return false;
	*id = v;
	return true;
}

int atrack_resolve(atrack_db *db, atrack_kind kind, const char *ref, int64_t *out_id)
{
	if (!atr_db_usable(db) || !out_id)
		return atr_misuse(db, "atrack_resolve");
	atr_clear_error(db);
	const atr_kind_info *info = atr_kind_info_of(kind);
	if (!info)
		return atr_error(db, ATRACK_MISUSE, "unknown kind %d", (int)kind);
	if (!ref || !*ref)
		return atr_error(db, ATRACK_INVALID, "%s: empty reference", info->name);

	int64_t id = 0;
	bool numeric = parse_id(ref, &id);
	sqlite3_stmt *stmt;
	int rc = atr_stmt(db, resolve_sql[kind], &stmt);
	if (rc != ATRACK_OK)
		return rc;
	sqlite3_bind_text(stmt, 1, numeric ? NULL : ref, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 2, numeric ? id : 0);
	int src = sqlite3_step(stmt);
	if (src == SQLITE_ROW) {
		*out_id = sqlite3_column_int64(stmt, 0);
		rc = ATRACK_OK;
	} else if (src == SQLITE_DONE) {
		rc = atr_error(db, ATRACK_NOTFOUND, "no %s '%s'", info->name, ref);
	} else {
		rc = atr_sql_error(db, src, "cannot look up reference");
	}
	atr_stmt_done(stmt);
	return rc;
}
