/*
 * atrack.c - the library as a whole: opening a handle is the core's open
 * (core/open.c) followed by each feature module attaching what it keeps
 * in step with the database. This is the one place that knows every
 * module; the core knows none.
 */
#include "atrack_int.h"

int atrack_open(const char *path, unsigned int flags, atrack_db **out)
{
	int rc = atr_db_open(path, flags, out);
	if (rc != ATRACK_OK)
		return rc;
	atrack_db *db = *out;
	if (!(flags & ATRACK_OPEN_READONLY))
		rc = atr_search_attach(db);
	return rc;
}
