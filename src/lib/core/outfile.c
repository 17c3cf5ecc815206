/*
 * outfile.c - replacing a file a caller names, safely, for every writer of
 * the library (export, backup) and, through atrack_outfile_*, the
 * program's reports. Calls only the core and the C library.
 *
 * The rules, so that no writer can forget one:
 * - a symlink is followed: its target is replaced, the link stays a link;
 *   a dangling one is refused rather than guessed at;
 * - the open database, its -wal, -shm and -journal (by device and inode,
 *   and by name for a companion not there yet) are refused;
 * - a directory, socket or block device is refused; a character device
 *   or FIFO (/dev/null, a pipe) is written in place by a byte stream and
 *   refused for a database file; neither is ever renamed over;
 * - the new file is created with open(2)'s mode, so the umask applies;
 * - the temporary file "TARGET.tmp-XXXXXX" is held under flock(2) while it
 *   is written, so the next writer of the same target can tell one that a
 *   killed process left (unlocked) from one being written, and removes it.
 */
#define _DEFAULT_SOURCE /* flock(2) */
#include "core/outfile.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define TEMP_MARK ".tmp-"
#define TEMP_RANDOM 6

static const char *const companions[] = { "-wal", "-shm", "-journal" };

static char *joined(const char *a, const char *b)
{
	atr_buf buf = ATR_BUF_INIT;
	atr_buf_puts(&buf, a);
	atr_buf_puts(&buf, b);
	return atr_buf_detach(&buf);
}

/* Remove `path`'s -wal, -shm and -journal, then `path` itself. */
static void unlink_with_companions(const char *path)
{
	for (size_t i = 0; i < ATR_ARRAY_SIZE(companions); i++) {
		char *name = joined(path, companions[i]);
		if (name)
			unlink(name);
		atr_free(name);
	}
	unlink(path);
}

/* The folder part of `path` ("." when none), malloc'd; *base the rest. */
static char *split_path(const char *path, const char **base)
{
	const char *slash = strrchr(path, '/');
	*base = slash ? slash + 1 : path;
	if (!slash)
		return atr_strdup(".");
	return slash == path ? atr_strdup("/") : atr_strndup(path, (size_t)(slash - path));
}

static bool same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/* Whether `target` (which may not exist) is the database of `db` or one
 * of its companions. */
static bool is_the_database(atrack_db *db, const char *target, const struct stat *target_st)
{
	const char *dbfile = db && db->sql ? sqlite3_db_filename(db->sql, "main") : NULL;
	if (!dbfile || !*dbfile)
		return false;
	struct stat st;
	if (target_st && stat(dbfile, &st) == 0 && same_file(&st, target_st))
		return true;
	const char *target_base, *db_base;
	char *target_dir = split_path(target, &target_base);
	char *db_dir = split_path(dbfile, &db_base);
	struct stat tdir, ddir;
	bool same_dir = target_dir && db_dir && stat(target_dir, &tdir) == 0 &&
	                stat(db_dir, &ddir) == 0 && same_file(&tdir, &ddir);
	bool found = false;
	for (size_t i = 0; !found && i < ATR_ARRAY_SIZE(companions); i++) {
		size_t n = strlen(db_base);
		if (same_dir && strncmp(target_base, db_base, n) == 0 &&
		    strcmp(target_base + n, companions[i]) == 0)
			found = true;
		char *name = joined(dbfile, companions[i]);
		if (name && target_st && stat(name, &st) == 0 && same_file(&st, target_st))
			found = true;
		atr_free(name);
	}
	atr_free(target_dir);
	atr_free(db_dir);
	return found;
}

/* Remove the temporary files of `target` that nobody holds locked: a
 * killed writer's. One being written is locked and left alone. */
static void sweep_stale_temps(const char *target)
{
	const char *base;
	char *dir = split_path(target, &base);
	DIR *d = dir ? opendir(dir) : NULL;
	size_t prefix = strlen(base) + strlen(TEMP_MARK);
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL) {
		if (strlen(e->d_name) != prefix + TEMP_RANDOM ||
		    strncmp(e->d_name, base, strlen(base)) != 0 ||
		    strncmp(e->d_name + strlen(base), TEMP_MARK, strlen(TEMP_MARK)) != 0)
			continue;
		atr_buf b = ATR_BUF_INIT;
		atr_buf_printf(&b, "%s/%s", dir, e->d_name);
		char *name = atr_buf_detach(&b);
		int fd = name ? open(name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC) : -1;
		struct stat fst, st;
		if (fd >= 0 && fstat(fd, &fst) == 0 && S_ISREG(fst.st_mode) &&
		    flock(fd, LOCK_EX | LOCK_NB) == 0 && stat(name, &st) == 0 && same_file(&st, &fst))
			unlink_with_companions(name);
		if (fd >= 0)
			close(fd);
		atr_free(name);
	}
	if (d)
		closedir(d);
	atr_free(dir);
}

/* Create "TARGET.tmp-XXXXXX" with `mode` (the umask applies) and lock it. */
static int create_temp(atrack_db *db, atr_outfile *of, mode_t mode)
{
	static const char letters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	static unsigned long counter;
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	unsigned long seed = (unsigned long)now.tv_nsec ^ ((unsigned long)getpid() << 16) ^
	                     (unsigned long)now.tv_sec;
	for (int attempt = 0; attempt < 100; attempt++) {
		unsigned long v = seed + ++counter * 2654435761ul;
		char random[TEMP_RANDOM + 1];
		for (int i = 0; i < TEMP_RANDOM; i++, v /= 62)
			random[i] = letters[v % 62];
		random[TEMP_RANDOM] = '\0';
		atr_buf b = ATR_BUF_INIT;
		atr_buf_printf(&b, "%s%s%s", of->target, TEMP_MARK, random);
		char *temp = atr_buf_detach(&b);
		if (!temp)
			return atr_error(db, ATRACK_NOMEM, "out of memory");
		int fd = open(temp, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
		if (fd < 0) {
			int err = errno;
			atr_free(temp);
			if (err == EEXIST)
				continue;
			return atr_error(db, err == ENOENT ? ATRACK_NOTFOUND : ATRACK_IO,
			                 "cannot create a file beside '%s': %s", of->target, strerror(err));
		}
		/* Between the create and the lock a sweeper may have taken the
		 * file for a dead one's: then start again with another name. */
		struct stat st, fst;
		if (flock(fd, LOCK_EX | LOCK_NB) != 0 || fstat(fd, &fst) != 0 || stat(temp, &st) != 0 ||
		    !same_file(&st, &fst)) {
			close(fd);
			atr_free(temp);
			continue;
		}
		of->temp = temp;
		of->fd = fd;
		return ATRACK_OK;
	}
	return atr_error(db, ATRACK_IO, "cannot create a file beside '%s'", of->target);
}

/* Where `path` leads: itself, or the file its symlinks end at. */
static int resolve_target(atrack_db *db, const char *path, char **out)
{
	struct stat lst;
	if (lstat(path, &lst) != 0 || !S_ISLNK(lst.st_mode)) {
		*out = atr_strdup(path);
		return *out ? ATRACK_OK : atr_error(db, ATRACK_NOMEM, "out of memory");
	}
	char *real = realpath(path, NULL);
	if (!real)
		return atr_error(db, errno == ENOENT ? ATRACK_NOTFOUND : ATRACK_IO,
		                 "'%s' is a symlink that leads nowhere: %s", path, strerror(errno));
	*out = atr_strdup(real);
	free(real);
	return *out ? ATRACK_OK : atr_error(db, ATRACK_NOMEM, "out of memory");
}

int atr_outfile_open(atrack_db *db, const char *path, unsigned int flags, atr_outfile *of)
{
	of->target = NULL;
	of->temp = NULL;
	of->fd = -1;
	if (!path || !*path)
		return atr_error(db, ATRACK_INVALID, "empty file name");
	int rc = resolve_target(db, path, &of->target);
	if (rc != ATRACK_OK)
		return rc;
	struct stat st;
	bool exists = stat(of->target, &st) == 0;
	if (!exists && errno != ENOENT) {
		rc = atr_error(db, ATRACK_IO, "cannot write '%s': %s", path, strerror(errno));
	} else if (is_the_database(db, of->target, exists ? &st : NULL)) {
		rc = atr_error(db, ATRACK_INVALID, "'%s' is the database itself (or its journal); "
		               "it cannot be written over", path);
	} else if (exists && S_ISDIR(st.st_mode)) {
		rc = atr_error(db, ATRACK_IO, "'%s' is a directory", path);
	} else if (exists && !S_ISREG(st.st_mode)) {
		if (!(flags & ATR_OUT_STREAM) || !(S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode)))
			rc = atr_error(db, ATRACK_INVALID, "'%s' is not a regular file; refusing to "
			               "replace it", path);
		else if ((of->fd = open(of->target, O_WRONLY | O_NOCTTY | O_CLOEXEC)) < 0)
			rc = atr_error(db, ATRACK_IO, "cannot write '%s': %s", path, strerror(errno));
		if (rc == ATRACK_OK)
			return ATRACK_OK;
	} else {
		sweep_stale_temps(of->target);
		rc = create_temp(db, of, (flags & ATR_OUT_PRIVATE) ? 0600 : 0666);
	}
	if (rc != ATRACK_OK) {
		atr_free(of->target);
		of->target = NULL;
	}
	return rc;
}

/* Whether a process other than this one holds an SQLite lock on the
 * database `path`: on its rollback lock bytes, or on the WAL index. */
static bool in_use_by_another(const char *path)
{
	static const struct { const char *suffix; off_t start, len; } locks[] = {
		{ "", 0x40000000, 514 },  /* SQLite's PENDING, RESERVED and SHARED bytes */
		{ "-shm", 120, 16 },      /* the WAL index's lock bytes, held while open */
	};
	bool busy = false;
	for (size_t i = 0; !busy && i < ATR_ARRAY_SIZE(locks); i++) {
		char *name = joined(path, locks[i].suffix);
		int fd = name ? open(name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC) : -1;
		struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET,
		                    .l_start = locks[i].start, .l_len = locks[i].len };
		if (fd >= 0 && fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type != F_UNLCK)
			busy = true;
		if (fd >= 0)
			close(fd);
		atr_free(name);
	}
	return busy;
}

static void release(atr_outfile *of)
{
	atr_free(of->target);
	atr_free(of->temp);
	of->target = of->temp = NULL;
	of->fd = -1;
}

int atr_outfile_commit(atrack_db *db, atr_outfile *of, unsigned int flags)
{
	int rc = ATRACK_OK;
	if (!of->temp) {
		if (close(of->fd) != 0)
			rc = atr_error(db, ATRACK_IO, "cannot write '%s': %s", of->target, strerror(errno));
		release(of);
		return rc;
	}
	/* The rename must not publish data still in a cache. */
	if (fsync(of->fd) != 0)
		rc = atr_error(db, ATRACK_IO, "cannot write '%s': %s", of->temp, strerror(errno));
	if (rc == ATRACK_OK && (flags & ATR_OUT_DATABASE)) {
		/* SQLite would replay a dead writer's WAL or journal onto the new
		 * file; a live one's means the file is in use. */
		if (in_use_by_another(of->target)) {
			rc = atr_error(db, ATRACK_BUSY, "'%s' is a database another process has open",
			               of->target);
		} else {
			for (size_t i = 0; rc == ATRACK_OK && i < ATR_ARRAY_SIZE(companions); i++) {
				char *name = joined(of->target, companions[i]);
				if (!name)
					rc = atr_error(db, ATRACK_NOMEM, "out of memory");
				else if (unlink(name) != 0 && errno != ENOENT)
					rc = atr_error(db, ATRACK_IO, "cannot remove the stale '%s': %s", name,
					               strerror(errno));
				atr_free(name);
			}
		}
	}
	if (rc == ATRACK_OK && rename(of->temp, of->target) != 0)
		rc = atr_error(db, ATRACK_IO, "cannot rename '%s' to '%s': %s", of->temp, of->target,
		               strerror(errno));
	if (rc != ATRACK_OK)
		unlink_with_companions(of->temp);
	/* Closing last keeps the lock until the name is gone or moved. */
	close(of->fd);
	release(of);
	return rc;
}

void atr_outfile_discard(atr_outfile *of)
{
	if (of->temp)
		unlink_with_companions(of->temp);
	if (of->fd >= 0)
		close(of->fd);
	release(of);
}

/* ---- The public face, for the program's reports ----------------------- */

struct atrack_outfile {
	atr_outfile file;
	FILE *stream;
};

int atrack_outfile_open(atrack_db *db, const char *path, atrack_outfile **out, FILE **out_stream)
{
	if (!db || !path || !out || !out_stream)
		return atr_misuse(db, "atrack_outfile_open");
	*out = NULL;
	*out_stream = NULL;
	atr_clear_error(db);
	atrack_outfile *f = atr_calloc(1, sizeof *f);
	if (!f)
		return atr_error(db, ATRACK_NOMEM, "out of memory");
	int rc = atr_outfile_open(db, path, ATR_OUT_STREAM, &f->file);
	if (rc == ATRACK_OK && !(f->stream = fdopen(f->file.fd, "wb"))) {
		atr_outfile_discard(&f->file);
		rc = atr_error(db, ATRACK_NOMEM, "cannot open a stream on '%s'", path);
	}
	if (rc != ATRACK_OK) {
		atr_free(f);
		return rc;
	}
	*out = f;
	*out_stream = f->stream;
	return ATRACK_OK;
}

int atrack_outfile_close(atrack_db *db, atrack_outfile *file, int keep)
{
	if (!file)
		return ATRACK_OK;
	if (db)
		atr_clear_error(db);
	int rc = ATRACK_OK;
	/* Flush through the stream, but let the commit close the descriptor
	 * (after the rename, so the lock is held until then). */
	if (fflush(file->stream) != 0 || ferror(file->stream))
		rc = atr_error(db, ATRACK_IO, "cannot write '%s': %s", file->file.target, strerror(errno));
	int fd = dup(file->file.fd);
	fclose(file->stream);
	file->file.fd = fd;
	if (fd < 0 && rc == ATRACK_OK)
		rc = atr_error(db, ATRACK_IO, "cannot write '%s': %s", file->file.target, strerror(errno));
	if (keep && rc == ATRACK_OK)
		rc = atr_outfile_commit(db, &file->file, ATR_OUT_STREAM);
	else
		atr_outfile_discard(&file->file);
	atr_free(file);
	return keep ? rc : ATRACK_OK;
}
