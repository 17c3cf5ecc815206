/*
 * report_helpers.h - what the report tests share besides the fixture: the
 * options of the fixture's day, a status's count in a group, and a report
 * rendered to memory with its length checked.
 */
#ifndef ATRACK_REPORT_HELPERS_H
#define ATRACK_REPORT_HELPERS_H

#include "report_fixture.h"

#include <string.h>

#define TODAY "2026-11-28"

static inline atrack_report_opts opts_today(void)
{
	atrack_report_opts o = ATRACK_REPORT_OPTS_INIT;
	o.today = TODAY;
	o.stale_days = 90; /* the fixture's counts were chosen for 90 */
	return o;
}

static inline size_t status_slot(const atrack_report *r, const char *code)
{
	for (size_t i = 0; i < atrack_report_status_count(r); i++)
		if (strcmp(atrack_report_status_at(r, i)->code, code) == 0)
			return i;
	ck_abort_msg("no status %s", code);
	return 0;
}

static inline unsigned int count_of(const atrack_report *r, const atrack_report_summary *g,
                             const char *code)
{
	return g->by_status[status_slot(r, code)];
}

static inline char *render(atrack_db *db, const atrack_report_opts *o, atrack_report_format f)
{
	char *out = NULL;
	size_t len = 0;
	ck_assert_msg(atrack_report_render(db, o, f, &out, &len) == ATRACK_OK, "%s",
	              atrack_errmsg(db));
	ck_assert_uint_eq(strlen(out), len);
	return out;
}

#endif /* ATRACK_REPORT_HELPERS_H */
