/*
 * stage.c - checking a caller's values member by member against the noun's
 * description and staging them for binding: references must exist, dates,
 * times, slugs and vocabularies must be well formed, a new row gets its
 * defaults and a slug derived from its name. A write the schema refuses is
 * turned back into a message naming the member. It calls row.c, nouns.c,
 * kind.c and the core.
 */
#include "entity_int.h"

#include <string.h>


static bool slug_valid(const char *s)
{
	if (!*s || strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") != strlen(s))
		return false;
	return strspn(s, "0123456789") != strlen(s);
}

/* A slug for a new row from its name, unique in its table: "ncg", then
 * "ncg-2", ... Sets *out (atr_malloc'd). */
static int derive_slug(atrack_db *db, const atr_noun *n, const char *from, char **out)
{
	*out = NULL;
	char *base = atr_slugify(from ? from : "", 48);
	if (!base)
		return atr_error(db, ATRACK_NOMEM, "out of memory");
	if (!slug_valid(base)) {
		/* Nothing sluggable, or digits only ("2024"), which would read as
		 * an id: lead with the kind. */
		atr_buf b = ATR_BUF_INIT;
		for (const char *k = atrack_kind_name(n->kind); *k; k++)
			atr_buf_putc(&b, *k == '_' ? '-' : *k);
		if (*base)
			atr_buf_printf(&b, "-%s", base);
		atr_free(base);
		base = atr_buf_detach(&b);
		if (!base)
			return atr_error(db, ATRACK_NOMEM, "out of memory");
	}
	sqlite3_stmt *stmt;
	int rc = atr_stmt(db, n->sql_slug_taken, &stmt);
	if (rc != ATRACK_OK) {
		atr_free(base);
		return rc;
	}
	for (int suffix = 1; rc == ATRACK_OK; suffix++) {
		atr_buf b = ATR_BUF_INIT;
		atr_buf_puts(&b, base);
		if (suffix > 1)
			atr_buf_printf(&b, "-%d", suffix);
		char *candidate = atr_buf_detach(&b);
		if (!candidate) {
			rc = atr_error(db, ATRACK_NOMEM, "out of memory");
			break;
		}
		sqlite3_bind_text(stmt, 1, candidate, -1, SQLITE_STATIC);
		int src = sqlite3_step(stmt);
		atr_stmt_done(stmt);
		if (src == SQLITE_DONE) {
			*out = candidate;
			break;
		}
		atr_free(candidate);
		if (src != SQLITE_ROW)
			rc = atr_sql_error(db, src, "cannot check slug");
	}
	atr_free(base);
	return rc;
}

/*
 * Check one member of `in` and stage it in *v. `adding` applies the
 * defaults of a new row. Any text made here (a derived slug) goes to
 * *owned for the caller to free.
 */
static int stage_field(atrack_db *db, const atr_noun *n, const atrack_field *f,
                       const void *in, bool adding, atr_value *v, char **owned)
{
	char kb[32];
	v->null = false;
	v->text = NULL;
	v->num = 0;
	if (atr_entity_storage(f) != ATR_STORE_TEXT) {
		int64_t num = atr_entity_int_at(in, f);
		v->num = num;
		if (f->type == ATRACK_FIELD_REF) {
			if (num == 0) {
				if (f->flags & ATRACK_FIELD_REQUIRED)
					return atr_error(db, ATRACK_INVALID, "%s: is required",
					                 atr_noun_kind_label(f->ref, kb));
				v->null = true;
				return ATRACK_OK;
			}
			char label[160];
			const atr_noun *target = atr_noun_of(f->ref);
			int rc = atr_entity_row_label(db, target, num, label, sizeof label);
			if (rc == ATRACK_NOTFOUND)
				return atr_error(db, ATRACK_NOTFOUND, "%s: no %s %lld",
				                 atr_noun_kind_label(f->ref, kb),
				                 atr_noun_kind_label(f->ref, kb), (long long)num);
			return rc;
		}
		if ((f->flags & ATRACK_FIELD_ZERO_NONE) && num == 0) {
			v->null = true;
			return ATRACK_OK;
		}
		if ((f->flags & ATRACK_FIELD_ZERO_NONE) && num < 0)
			return atr_error(db, ATRACK_INVALID, "%s: %lld is not allowed (1 or more, or 0 "
			                 "for none)", f->name, (long long)num);
		return ATRACK_OK;
	}

	const char *s = atr_entity_text_at(in, f);
	if (s && !atr_utf8_valid(s, strlen(s), NULL))
		return atr_error(db, ATRACK_INVALID, "%s: not valid UTF-8", f->name);
	switch (f->type) {
	case ATRACK_FIELD_SLUG:
		if ((!s || !*s) && adding) {
			const atrack_field *from = NULL;
			for (size_t i = 0; i < n->field_count; i++)
				if (strcmp(n->fields[i].name, n->slug_from) == 0)
					from = &n->fields[i];
			const char *name = from ? atr_entity_text_at(in, from) : NULL;
			int rc = derive_slug(db, n, name, owned);
			v->text = *owned;
			return rc;
		}
		if (!s || !*s)
			return atr_error(db, ATRACK_INVALID, "slug: must not be empty");
		if (!slug_valid(s))
			return atr_error(db, ATRACK_INVALID, "slug: '%s' is not valid (lower-case "
			                 "letters, digits and '-', not digits only)", s);
		break;
	case ATRACK_FIELD_DATE:
		if (s && !atr_date_valid(s))
			return atr_error(db, ATRACK_INVALID, "%s: '%s' is not a valid date (YYYY-MM-DD)",
			                 f->name, s);
		break;
	case ATRACK_FIELD_TIME:
		if (s && !atr_time_valid(s))
			return atr_error(db, ATRACK_INVALID, "%s: '%s' is not a valid time "
			                 "(YYYY-MM-DDTHH:MM:SS.sssZ)", f->name, s);
		break;
	case ATRACK_FIELD_ENUM:
		if (!s) {
			s = f->choices[0];
			break;
		}
		for (const char *const *c = f->choices; *c; c++)
			if (strcmp(*c, s) == 0)
				goto chosen;
		{
			atr_buf b = ATR_BUF_INIT;
			for (const char *const *c = f->choices; *c; c++)
				atr_buf_printf(&b, "%s%s", c == f->choices ? "" : ", ", *c);
			int rc = atr_error(db, ATRACK_INVALID, "%s: '%s' is not one of %s", f->name, s,
			                   b.data ? b.data : "");
			atr_buf_clear(&b);
			return rc;
		}
chosen:
		break;
	default:
		if ((f->flags & ATRACK_FIELD_REQUIRED) && (!s || !*s))
			return atr_error(db, ATRACK_INVALID, "%s: must not be empty", f->name);
		if (!s && (f->flags & ATR_FIELD_EMPTY_NOT_NULL))
			s = "";
		break;
	}
	v->text = s;
	v->null = s == NULL;
	return ATRACK_OK;
}

void atr_entity_bind_value(sqlite3_stmt *stmt, int idx, const atrack_field *f,
                           const atr_value *v)
{
	if (v->null)
		sqlite3_bind_null(stmt, idx);
	else if (atr_entity_storage(f) == ATR_STORE_TEXT)
		sqlite3_bind_text(stmt, idx, v->text, -1, SQLITE_STATIC);
	else
		sqlite3_bind_int64(stmt, idx, v->num);
}

/* Turn a failed INSERT or UPDATE into a message naming the field. */
int atr_entity_write_error(atrack_db *db, const atr_noun *n, int src, const atr_value *vals)
{
	char kb[32];
	const char *kind = atr_noun_kind_label(n->kind, kb);
	const char *msg = sqlite3_errmsg(db->sql);
	if (src == SQLITE_CONSTRAINT_UNIQUE) {
		const char *cols = strstr(msg, "failed: ");
		const char *dot = cols ? strchr(cols, '.') : NULL;
		if (dot && !strchr(dot, ',')) {
			for (size_t i = 0; i < n->field_count; i++) {
				const atrack_field *f = &n->fields[i];
				if (strcmp(f->name, dot + 1) != 0 ||
				    atr_entity_storage(f) != ATR_STORE_TEXT)
					continue;
				return atr_error(db, ATRACK_CONFLICT, "%s: %s '%s' already exists",
				                 f->name, kind, vals[i].text ? vals[i].text : "");
			}
		}
		/* A unique pair ("meeting_person.meeting_id, meeting_person.person_id"):
		 * name the members by their labels. */
		atr_buf what = ATR_BUF_INIT;
		for (size_t i = 0; cols && i < n->field_count; i++) {
			const atrack_field *f = &n->fields[i];
			atr_buf probe = ATR_BUF_INIT;
			atr_buf_printf(&probe, "%s.%s", n->table, f->name);
			if (probe.data && strstr(cols, probe.data)) {
				char fb[32];
				const char *member = f->type == ATRACK_FIELD_REF ?
					atr_noun_kind_label(f->ref, fb) : f->name;
				atr_buf_printf(&what, "%s%s", what.len ? " and " : "", member);
			}
			atr_buf_clear(&probe);
		}
		int rc = atr_error(db, ATRACK_CONFLICT, "%s: one with the same %s already exists",
		                   kind, what.data ? what.data : "values");
		atr_buf_clear(&what);
		return rc;
	}
	if ((src & 0xff) == SQLITE_CONSTRAINT)
		return atr_error(db, ATRACK_INVALID, "%s: rejected by the schema (%s)", kind, msg);
	return atr_sql_error(db, src, "cannot write");
}

/* Stage every member the call writes; the derived slug is left in *owned. */
int atr_entity_stage_all(atrack_db *db, const atr_noun *n, const void *in, bool adding,
                         unsigned int fields, atr_value *vals, char **owned)
{
	for (size_t i = 0; i < n->field_count; i++) {
		const atrack_field *f = &n->fields[i];
		if (f->flags & ATRACK_FIELD_READONLY)
			continue;
		if (!adding && !(fields & f->bit))
			continue;
		char *made = NULL;
		int rc = stage_field(db, n, f, in, adding, &vals[i], &made);
		if (made)
			*owned = made;
		if (rc != ATRACK_OK)
			return rc;
	}
	return ATRACK_OK;
}
