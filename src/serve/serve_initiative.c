/*
 * serve_initiative.c - the pages of one initiative and of one update:
 * the text, links and timeline, and the forms that log, correct or
 * remove an update and edit the initiative, with the library's own
 * messages next to the field. Calls the library, serve_form.c and
 * serve_http.c's page writer (serve.h).
 */
#include "serve.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <microhttpd.h>

/* ---- An initiative ------------------------------------------------------- */

/* The form's fields, in order, with the library's names for them. */
static const struct {
	const char *field; /* the library's name, which its messages start with */
	const char *label;
} fields[] = {
	{ "status", "Status" }, { "health", "Health" }, { "percent_complete", "% complete" },
	{ "event_date", "Date" }, { "note", "Note" }, { "evidence_url", "Evidence URL" },
};

typedef struct form_state {
	const serve_form *form; /* the values sent, put back; NULL for a new form */
	const char *field;      /* the field the error is about, or NULL */
	const char *message;    /* the error, or NULL */
} form_state;

static void field_error(serve_page *p, const form_state *st, const char *field)
{
	if (st->message && st->field && strcmp(st->field, field) == 0) {
		fprintf(p->out, " <span class=\"error\" id=\"error-%s\">", field);
		serve_html(p, st->message);
		fputs("</span>", p->out);
	}
}

static const char *sent(const form_state *st, const char *field)
{
	return st->form ? serve_form_get(st->form, field) : NULL;
}

static void update_form(const serve_request *r, serve_page *p, const atrack_initiative *in,
                        const form_state *st)
{
	fputs("<h2>Log an update</h2>\n<form method=\"post\" action=\"/initiative/", p->out);
	serve_url_encode(p->out, in->slug);
	fputs("/update\" id=\"update-form\">\n<input type=\"hidden\" name=\"csrf\" value=\"", p->out);
	serve_html(p, r->csrf);
	fputs("\">\n", p->out);
	if (st->message && !st->field) {
		fputs("<p class=\"error\" id=\"error-form\">", p->out);
		serve_html(p, st->message);
		fputs("</p>\n", p->out);
	}
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		const char *name = fields[i].field;
		const char *value = sent(st, name);
		fprintf(p->out, "<div class=\"field\"><label for=\"f-%s\">%s</label>", name,
		        fields[i].label);
		if (strcmp(name, "status") == 0) {
			if (!value)
				value = in->status;
			fputs("<select id=\"f-status\" name=\"status\">", p->out);
			atrack_iter *it = NULL;
			if (atrack_status_list(r->db, &it) == ATRACK_OK) {
				while (atrack_iter_next(it) == ATRACK_OK) {
					const atrack_status *s = atrack_iter_status(it);
					fputs("<option value=\"", p->out);
					serve_html(p, s->code);
					fputs("\"", p->out);
					if (value && strcmp(value, s->code) == 0)
						fputs(" selected", p->out);
					fputs(">", p->out);
					serve_html(p, s->label);
					fputs("</option>", p->out);
				}
			}
			atrack_iter_free(it);
			fputs("</select>", p->out);
		} else if (strcmp(name, "health") == 0) {
			static const char *const healths[] = { "", "on_track", "at_risk", "off_track" };
			fputs("<select id=\"f-health\" name=\"health\">", p->out);
			for (size_t h = 0; h < 4; h++) {
				fputs("<option value=\"", p->out);
				serve_html(p, healths[h]);
				fputs("\"", p->out);
				if (value && strcmp(value, healths[h]) == 0)
					fputs(" selected", p->out);
				fputs(">", p->out);
				serve_html(p, h ? healths[h] : "(none)");
				fputs("</option>", p->out);
			}
			fputs("</select>", p->out);
		} else if (strcmp(name, "note") == 0) {
			fputs("<textarea id=\"f-note\" name=\"note\" rows=\"3\" cols=\"60\">", p->out);
			serve_html(p, value);
			fputs("</textarea>", p->out);
		} else {
			fprintf(p->out, "<input id=\"f-%s\" name=\"%s\" value=\"", name, name);
			serve_html(p, value);
			fprintf(p->out, "\"%s>", strcmp(name, "event_date") == 0
			        ? " placeholder=\"YYYY-MM-DD (empty: today)\"" : "");
		}
		field_error(p, st, name);
		fputs("</div>\n", p->out);
	}
	fprintf(p->out, "<div class=\"field\"><label for=\"f-reopen\">Reopen</label>"
	        "<input type=\"checkbox\" id=\"f-reopen\" name=\"reopen\" value=\"1\"%s> "
	        "<span class=\"muted\">leaves a completed or cancelled status (needs a note)"
	        "</span></div>\n", sent(st, "reopen") ? " checked" : "");
	fputs("<button>Log update</button>\n</form>\n", p->out);
}

/* Set st->field to the field `message` names ("title: ..."), of `names`. */
static void name_field(form_state *st, const char *const *names)
{
	for (size_t i = 0; names[i]; i++) {
		size_t len = strlen(names[i]);
		if (strncmp(st->message, names[i], len) == 0 && st->message[len] == ':')
			st->field = names[i];
	}
}

/* The HTTP status of a failed write. */
static int write_status(int rc)
{
	return rc == ATRACK_INVALID ? MHD_HTTP_UNPROCESSABLE_CONTENT
	       : rc == ATRACK_BUSY ? MHD_HTTP_SERVICE_UNAVAILABLE
	       : rc == ATRACK_NOTFOUND ? MHD_HTTP_NOT_FOUND
	       : rc == ATRACK_CONFLICT ? MHD_HTTP_CONFLICT
	       : rc == ATRACK_READONLY ? MHD_HTTP_FORBIDDEN : MHD_HTTP_INTERNAL_SERVER_ERROR;
}

/* One text input of a form, with the value sent (else `value`) and its error. */
static void text_field(serve_page *p, const form_state *st, const char *name, const char *label,
                       const char *value, const char *prefix)
{
	const char *v = st->form ? serve_form_get(st->form, name) : value;
	fprintf(p->out, "<div class=\"field\"><label for=\"%s-%s\">%s</label><input id=\"%s-%s\" "
	        "name=\"%s\" size=\"60\" value=\"", prefix, name, label, prefix, name, name);
	serve_html(p, v);
	fputs("\">", p->out);
	field_error(p, st, name);
	fputs("</div>\n", p->out);
}

static void hidden_csrf(const serve_request *r, serve_page *p)
{
	fputs("<input type=\"hidden\" name=\"csrf\" value=\"", p->out);
	serve_html(p, r->csrf);
	fputs("\">\n", p->out);
}

static void form_error(serve_page *p, const form_state *st, const char *id)
{
	if (st->message && !st->field) {
		fprintf(p->out, "<p class=\"error\" id=\"%s\">", id);
		serve_html(p, st->message);
		fputs("</p>\n", p->out);
	}
}

/* The title and target date of an initiative. */
static void edit_form(const serve_request *r, serve_page *p, const atrack_initiative *in,
                      const form_state *st)
{
	fputs("<h2>Edit</h2>\n<form method=\"post\" action=\"/initiative/", p->out);
	serve_url_encode(p->out, in->slug);
	fputs("/edit\" id=\"edit-form\">\n", p->out);
	hidden_csrf(r, p);
	form_error(p, st, "error-edit");
	text_field(p, st, "title", "Title", in->title, "e");
	text_field(p, st, "target_date", "Target date", in->target_date, "e");
	fputs("<button>Save</button>\n</form>\n", p->out);
}

/* Where a page goes after a write: "/initiative/REF" of `slug`. */
static void redirect(serve_page *p, const char *base, const char *ref)
{
	p->status = MHD_HTTP_SEE_OTHER;
	int n = snprintf(p->location, sizeof p->location, "%s", base);
	FILE *f = fmemopen(p->location + n, sizeof p->location - (size_t)n, "w");
	if (f) {
		serve_url_encode(f, ref);
		fputc('\0', f);
		fclose(f);
	}
	fputs("<!DOCTYPE html><title>Done</title><p>Done.</p>\n", p->out);
}

static void timeline(const serve_request *r, serve_page *p, int64_t id)
{
	atrack_update_filter f = ATRACK_UPDATE_FILTER_INIT;
	f.initiative_id = id;
	atrack_iter *it = NULL;
	int rc = atrack_update_list(r->db, &f, &it);
	fputs("<h2>History</h2>\n<ol class=\"tl\" id=\"timeline\">\n", p->out);
	int n = 0;
	while (rc == ATRACK_OK && (rc = atrack_iter_next(it)) == ATRACK_OK) {
		const atrack_update *u = atrack_iter_update(it);
		n++;
		fputs("<li><time>", p->out);
		serve_html(p, u->event_date);
		fputs("</time> <b>", p->out);
		serve_html(p, u->status);
		fputs("</b>", p->out);
		if (u->is_reopen)
			fputs(" (reopened)", p->out);
		if (u->health) {
			fputs(" · ", p->out);
			serve_html(p, u->health);
		}
		if (u->percent_complete >= 0)
			fprintf(p->out, " · %d%%", u->percent_complete);
		fputs(" · <span class=\"muted\">", p->out);
		serve_html(p, u->author);
		fputs("</span>", p->out);
		if (!r->config->read_only)
			fprintf(p->out, " · <a href=\"/update/%lld\">edit</a>", (long long)u->id);
		if (u->note) {
			fputs("<div class=\"note\">", p->out);
			serve_html(p, u->note);
			fputs("</div>", p->out);
		}
		if (u->evidence_url) {
			fputs("<div>evidence: <a rel=\"noopener noreferrer nofollow\" href=\"", p->out);
			serve_html(p, u->evidence_url);
			fputs("\">", p->out);
			serve_html(p, u->evidence_url);
			fputs("</a></div>", p->out);
		}
		fputs("</li>\n", p->out);
	}
	atrack_iter_free(it);
	if (n == 0)
		fputs("<li class=\"muted\">no update yet</li>\n", p->out);
	fputs("</ol>\n", p->out);
	if (rc != ATRACK_DONE) {
		p->status = MHD_HTTP_INTERNAL_SERVER_ERROR;
		fputs("<p class=\"error\">", p->out);
		serve_html(p, atrack_errmsg(r->db));
		fputs("</p>\n", p->out);
	}
}

/* The name or title of a thing, for "Section: ..." lines. */
static void thing_line(const serve_request *r, serve_page *p, const char *what, atrack_kind kind,
                       int64_t id, const char *slug)
{
	if (!id)
		return;
	fprintf(p->out, "<dt>%s</dt><dd>", what);
	void *row = NULL;
	if (atrack_entity_get(r->db, kind, id, &row) == ATRACK_OK) {
		size_t n;
		const atrack_field *f = atrack_fields(kind, &n);
		/* The first text member after the slug is its name or title. */
		for (size_t i = 0; i < n; i++) {
			if (f[i].type == ATRACK_FIELD_TEXT && strcmp(f[i].name, "slug") != 0) {
				serve_html(p, *(const char *const *)((const char *)row + f[i].offset));
				fputs(" ", p->out);
				break;
			}
		}
		atrack_entity_free(row);
	}
	fputs("<span class=\"slug\">", p->out);
	serve_html(p, slug);
	fputs("</span></dd>\n", p->out);
}

/* The initiative page, with `st` for the form (its values and error). */
static void initiative_page(const serve_request *r, serve_page *p, int64_t id,
                            const form_state *st, const form_state *edit_st)
{
	atrack_initiative *in = NULL;
	int rc = atrack_initiative_get(r->db, id, &in);
	if (rc != ATRACK_OK) {
		serve_error(p, rc == ATRACK_NOTFOUND ? MHD_HTTP_NOT_FOUND
		               : MHD_HTTP_INTERNAL_SERVER_ERROR, atrack_errmsg(r->db));
		return;
	}
	serve_page_begin(p, in->title);
	fputs("<h1 id=\"title\">", p->out);
	serve_html(p, in->title);
	fputs("</h1>\n<p class=\"slug\">", p->out);
	serve_html(p, in->slug);
	fputs(" · <a href=\"/api/initiative/", p->out);
	serve_url_encode(p->out, in->slug);
	fputs("\">JSON</a></p>\n<dl>\n<dt>Status</dt><dd>", p->out);
	serve_html(p, in->status ? in->status : "no update yet");
	if (in->health) {
		fputs(" · ", p->out);
		serve_html(p, in->health);
	}
	if (in->percent_complete >= 0)
		fprintf(p->out, " · %d%%", in->percent_complete);
	if (in->is_overdue)
		fputs(" <span class=\"flag\">overdue</span>", p->out);
	if (in->is_stale)
		fputs(" <span class=\"flag\">stale</span>", p->out);
	fputs("</dd>\n", p->out);
	if (in->target_date) {
		fputs("<dt>Target</dt><dd>", p->out);
		serve_html(p, in->target_date);
		fputs("</dd>\n", p->out);
	}
	if (in->last_update_date) {
		fputs("<dt>Last update</dt><dd>", p->out);
		serve_html(p, in->last_update_date);
		fprintf(p->out, " (%d days ago)</dd>\n", in->days_since_update);
	}
	thing_line(r, p, "Section", ATRACK_KIND_SECTION, in->section_id, in->section_slug);
	thing_line(r, p, "Meeting", ATRACK_KIND_MEETING, in->meeting_id, in->meeting_slug);
	if (in->document_id) {
		atrack_document *doc = NULL;
		if (atrack_entity_get(r->db, ATRACK_KIND_DOCUMENT, in->document_id, (void **)&doc) ==
		    ATRACK_OK) {
			fputs("<dt>Source</dt><dd>", p->out);
			serve_html(p, doc->title);
			if (in->line_start > 0)
				fprintf(p->out, ", lines %d–%d", in->line_start,
				        in->line_end > 0 ? in->line_end : in->line_start);
			fputs("</dd>\n", p->out);
			atrack_entity_free(doc);
		}
	}
	fputs("</dl>\n", p->out);
	if (in->body && *in->body) {
		fputs("<h2>Text</h2>\n<p style=\"white-space:pre-wrap\" id=\"body\">", p->out);
		serve_html(p, in->body);
		fputs("</p>\n", p->out);
	}
	atrack_iter *it = NULL;
	if (atrack_link_list(r->db, ATRACK_KIND_INITIATIVE, id, &it) == ATRACK_OK) {
		int n = 0;
		while (atrack_iter_next(it) == ATRACK_OK) {
			const atrack_link_row *l = atrack_iter_link(it);
			if (n++ == 0)
				fputs("<h2>Links</h2>\n<ul id=\"links\">\n", p->out);
			fputs("<li>", p->out);
			serve_html(p, atrack_kind_name(l->kind));
			fputs(": ", p->out);
			serve_html(p, l->name);
			fputs(" <span class=\"slug\">", p->out);
			serve_html(p, l->slug);
			fputs("</span></li>\n", p->out);
		}
		if (n)
			fputs("</ul>\n", p->out);
	}
	atrack_iter_free(it);
	if (!r->config->read_only)
		update_form(r, p, in, st);
	timeline(r, p, id);
	if (!r->config->read_only)
		edit_form(r, p, in, edit_st);
	atrack_initiative_free(in);
	serve_page_end(p);
}

void serve_initiative(const serve_request *r, serve_page *p, const char *ref)
{
	int64_t id;
	if (atrack_resolve(r->db, ATRACK_KIND_INITIATIVE, ref, &id) != ATRACK_OK) {
		serve_error(p, MHD_HTTP_NOT_FOUND, atrack_errmsg(r->db));
		return;
	}
	form_state st = { NULL, NULL, NULL };
	initiative_page(r, p, id, &st, &st);
}

/* A form value, NULL when empty. */
static const char *given(const serve_form *form, const char *name)
{
	const char *v = serve_form_get(form, name);
	return v && *v ? v : NULL;
}

void serve_update_post(const serve_request *r, serve_page *p, const char *ref)
{
	int64_t id;
	if (atrack_resolve(r->db, ATRACK_KIND_INITIATIVE, ref, &id) != ATRACK_OK) {
		serve_error(p, MHD_HTTP_NOT_FOUND, atrack_errmsg(r->db));
		return;
	}
	atrack_update_input in = ATRACK_UPDATE_INPUT_INIT;
	in.initiative_id = id;
	in.status = given(r->form, "status");
	in.health = given(r->form, "health");
	in.note = given(r->form, "note");
	in.event_date = given(r->form, "event_date");
	in.evidence_url = given(r->form, "evidence_url");
	in.reopen = given(r->form, "reopen") != NULL;
	form_state st = { r->form, NULL, NULL };
	char message[600];
	const char *percent = given(r->form, "percent_complete");
	int rc = ATRACK_OK;
	if (percent) {
		char *end = NULL;
		errno = 0;
		long v = strtol(percent, &end, 10);
		if (errno || !end || *end || v < -1 || v > 1000) {
			snprintf(message, sizeof message, "percent_complete: '%s' is not a whole number",
			         percent);
			st.field = "percent_complete";
			st.message = message;
			rc = ATRACK_INVALID;
		} else {
			in.percent_complete = (int)v;
		}
	}
	if (rc == ATRACK_OK)
		rc = atrack_update_add(r->db, &in, NULL);
	if (rc == ATRACK_OK) {
		redirect(p, "/initiative/", ref);
		return;
	}
	if (!st.message) {
		snprintf(message, sizeof message, "%s", atrack_errmsg(r->db));
		st.message = message;
		/* The library's message names the field it is about: "event_date: ...". */
		for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
			size_t len = strlen(fields[i].field);
			if (strncmp(message, fields[i].field, len) == 0 && message[len] == ':')
				st.field = fields[i].field;
		}
	}
	p->status = write_status(rc);
	int status = p->status;
	form_state none = { NULL, NULL, NULL };
	initiative_page(r, p, id, &st, &none);
	if (p->status == MHD_HTTP_OK)
		p->status = status;
}

void serve_initiative_edit_post(const serve_request *r, serve_page *p, const char *ref)
{
	int64_t id;
	if (atrack_resolve(r->db, ATRACK_KIND_INITIATIVE, ref, &id) != ATRACK_OK) {
		serve_error(p, MHD_HTTP_NOT_FOUND, atrack_errmsg(r->db));
		return;
	}
	atrack_initiative in = { 0 };
	in.title = serve_form_get(r->form, "title");
	in.target_date = given(r->form, "target_date");
	unsigned int bits = ATRACK_INITIATIVE_TARGET_DATE | (in.title ? ATRACK_INITIATIVE_TITLE : 0);
	int rc = atrack_initiative_edit(r->db, id, &in, bits);
	if (rc == ATRACK_OK) {
		redirect(p, "/initiative/", ref);
		return;
	}
	char message[600];
	snprintf(message, sizeof message, "%s", atrack_errmsg(r->db));
	form_state st = { r->form, NULL, message }, none = { NULL, NULL, NULL };
	static const char *const names[] = { "title", "target_date", NULL };
	name_field(&st, names);
	int status = write_status(rc);
	initiative_page(r, p, id, &none, &st);
	if (p->status == MHD_HTTP_OK)
		p->status = status;
}

/* ---- One update: correct it or remove it ---------------------------------- */

static const char *const update_fields[] = { "note", "event_date", "health", "percent_complete",
                                             "evidence_url", NULL };

static void update_page(const serve_request *r, serve_page *p, int64_t id, const form_state *st)
{
	atrack_update *u = NULL;
	int rc = atrack_update_get(r->db, id, &u);
	if (rc != ATRACK_OK) {
		serve_error(p, rc == ATRACK_NOTFOUND ? MHD_HTTP_NOT_FOUND
		               : MHD_HTTP_INTERNAL_SERVER_ERROR, atrack_errmsg(r->db));
		return;
	}
	char title[64], percent[16] = "";
	snprintf(title, sizeof title, "Update %lld", (long long)u->id);
	if (u->percent_complete >= 0)
		snprintf(percent, sizeof percent, "%d", u->percent_complete);
	serve_page_begin(p, title);
	fprintf(p->out, "<h1>Update %lld</h1>\n<p>", (long long)u->id);
	serve_html(p, u->status);
	fputs(" of <a href=\"/initiative/", p->out);
	serve_url_encode(p->out, u->initiative_slug);
	fputs("\">", p->out);
	serve_html(p, u->initiative_slug);
	fputs("</a>, by ", p->out);
	serve_html(p, u->author);
	fputs(", recorded ", p->out);
	serve_html(p, u->recorded_at);
	fputs("</p>\n", p->out);
	if (!r->config->read_only) {
		fprintf(p->out, "<h2>Correct it</h2>\n<form method=\"post\" action=\"/update/%lld/edit\" "
		        "id=\"update-edit-form\">\n", (long long)u->id);
		hidden_csrf(r, p);
		form_error(p, st, "error-form");
		text_field(p, st, "event_date", "Date", u->event_date, "u");
		text_field(p, st, "health", "Health", u->health, "u");
		text_field(p, st, "percent_complete", "% complete", percent, "u");
		text_field(p, st, "note", "Note", u->note, "u");
		text_field(p, st, "evidence_url", "Evidence URL", u->evidence_url, "u");
		fputs("<button>Save</button>\n</form>\n", p->out);
		fprintf(p->out, "<h2>Remove it</h2>\n<form method=\"post\" "
		        "action=\"/update/%lld/delete\" id=\"update-delete-form\">\n", (long long)u->id);
		hidden_csrf(r, p);
		fputs("<button>Delete this update</button> <span class=\"muted\">a mistake, not a "
		      "change of status (that is a new update)</span>\n</form>\n", p->out);
	}
	atrack_update_free(u);
	serve_page_end(p);
}

/* The update `ref` names (its id), or 0 after a 404 page. */
static int64_t update_id(const serve_request *r, serve_page *p, const char *ref)
{
	int64_t id = 0;
	if (atrack_resolve(r->db, ATRACK_KIND_UPDATE, ref, &id) != ATRACK_OK) {
		serve_error(p, MHD_HTTP_NOT_FOUND, atrack_errmsg(r->db));
		return 0;
	}
	return id;
}

void serve_update_page(const serve_request *r, serve_page *p, const char *ref)
{
	int64_t id = update_id(r, p, ref);
	form_state st = { NULL, NULL, NULL };
	if (id)
		update_page(r, p, id, &st);
}

/* After a failed write on an update: its page with the message. */
static void update_failed(const serve_request *r, serve_page *p, int64_t id, int rc,
                          const char *given_message)
{
	char message[600];
	snprintf(message, sizeof message, "%s", given_message ? given_message : atrack_errmsg(r->db));
	form_state st = { r->form, NULL, message };
	name_field(&st, update_fields);
	int status = write_status(rc);
	update_page(r, p, id, &st);
	if (p->status == MHD_HTTP_OK)
		p->status = status;
}

void serve_update_edit_post(const serve_request *r, serve_page *p, const char *ref)
{
	int64_t id = update_id(r, p, ref);
	if (!id)
		return;
	atrack_update *old = NULL;
	int rc = atrack_update_get(r->db, id, &old);
	if (rc != ATRACK_OK) {
		update_failed(r, p, id, rc, NULL);
		return;
	}
	atrack_update_input in = ATRACK_UPDATE_INPUT_INIT;
	in.note = given(r->form, "note");
	in.health = given(r->form, "health");
	in.event_date = given(r->form, "event_date");
	in.evidence_url = given(r->form, "evidence_url");
	in.evidence_document_id = old->evidence_document_id; /* kept: the form does not show it */
	atrack_update_free(old);
	unsigned int bits = ATRACK_UPDATE_EDIT_NOTE | ATRACK_UPDATE_EDIT_HEALTH |
	                    ATRACK_UPDATE_EDIT_PERCENT | ATRACK_UPDATE_EDIT_EVIDENCE;
	/* An empty date keeps the one it has (the library would take today). */
	if (in.event_date)
		bits |= ATRACK_UPDATE_EDIT_EVENT_DATE;
	const char *percent = given(r->form, "percent_complete");
	if (percent) {
		char *end = NULL;
		errno = 0;
		long v = strtol(percent, &end, 10);
		if (errno || !end || *end || v < -1 || v > 1000) {
			char message[200];
			snprintf(message, sizeof message, "percent_complete: '%.100s' is not a whole number",
			         percent);
			update_failed(r, p, id, ATRACK_INVALID, message);
			return;
		}
		in.percent_complete = (int)v;
	}
	rc = atrack_update_edit(r->db, id, &in, bits);
	if (rc != ATRACK_OK) {
		update_failed(r, p, id, rc, NULL);
		return;
	}
	redirect(p, "/update/", ref);
}

void serve_update_delete_post(const serve_request *r, serve_page *p, const char *ref)
{
	int64_t id = update_id(r, p, ref);
	if (!id)
		return;
	atrack_update *u = NULL;
	int rc = atrack_update_get(r->db, id, &u);
	char slug[256] = "";
	if (rc == ATRACK_OK)
		snprintf(slug, sizeof slug, "%s", u->initiative_slug);
	atrack_update_free(u);
	if (rc == ATRACK_OK)
		rc = atrack_update_delete(r->db, id);
	if (rc != ATRACK_OK) {
		update_failed(r, p, id, rc, NULL);
		return;
	}
	redirect(p, "/initiative/", slug);
}

