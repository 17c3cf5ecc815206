/*
 * author.c - who the handle's writes are recorded as: set by the caller,
 * else taken from the environment ($ATRACK_AUTHOR, the login name, the
 * account).
 */
#include "atrack_int.h"

#include <pwd.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>

char *atr_default_author(void)
{
	const char *name = getenv("ATRACK_AUTHOR");
	if (!name || !*name)
		name = getenv("LOGNAME");
	if (!name || !*name)
		name = getenv("USER");
	if (!name || !*name)
		name = getlogin();
	if (!name || !*name) {
		/* No login session (a service, cron, a container): the account. */
		struct passwd *account = getpwuid(geteuid());
		name = account ? account->pw_name : NULL;
	}
	if (!name || !*name)
		name = "unknown";
	return atr_strdup(name);
}

int atr_author_check(atrack_db *db, const char *author)
{
	size_t bad;
	if (author && !atr_utf8_valid(author, strlen(author), &bad))
		return atr_error(db, ATRACK_INVALID, "author: not valid UTF-8 (byte %zu); set one "
		                 "with --author or $ATRACK_AUTHOR", bad);
	return ATRACK_OK;
}

int atrack_set_author(atrack_db *db, const char *author)
{
	if (!db)
		return atr_misuse(db, "atrack_set_author");
	atr_clear_error(db);
	if (author && !*author)
		return atr_error(db, ATRACK_INVALID, "author: must not be empty");
	int rc = atr_author_check(db, author);
	if (rc != ATRACK_OK)
		return rc;
	char *copy = author ? atr_strdup(author) : atr_default_author();
	if (!copy)
		return atr_error(db, ATRACK_NOMEM, "out of memory");
	atr_free(db->author);
	db->author = copy;
	return ATRACK_OK;
}

const char *atrack_author(const atrack_db *db)
{
	return db ? db->author : NULL;
}

