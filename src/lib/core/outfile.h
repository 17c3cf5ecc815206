/*
 * outfile.h - the one way libatrack replaces a file a caller names (a
 * report, an export, a backup): a locked temporary file beside the target,
 * renamed over it only when complete. See outfile.c for the rules; never
 * installed. Calls only the core.
 */
#ifndef ATRACK_OUTFILE_H
#define ATRACK_OUTFILE_H

#include "atrack_int.h"

#include <stdbool.h>

/* What the new content is. */
#define ATR_OUT_STREAM   0x1u /* bytes: a device or FIFO may be written in place */
#define ATR_OUT_DATABASE 0x2u /* an SQLite file: only ever a regular file, and
                                 stale -wal/-shm/-journal beside it go first */
#define ATR_OUT_PRIVATE  0x4u /* created 0600 (less the umask), not 0666 */

typedef struct atr_outfile {
	char *target; /* the path the content lands at (a symlink's target) */
	char *temp;   /* the temporary file, or NULL when writing in place */
	int fd;       /* open for writing on temp, or on target in place; -1 */
} atr_outfile;

/* Make ready to write `path`. Refuses (ATRACK_INVALID) the database of `db`
 * itself and its -wal, -shm and -journal, a directory, and what cannot be
 * written as the flags ask; a symlink is followed to its target, which is
 * what gets replaced (a dangling one is refused). Sweeps temporary files a
 * killed process left beside the target. On success of->fd is the file to
 * write; finish with atr_outfile_commit or atr_outfile_discard. */
int atr_outfile_open(atrack_db *db, const char *path, unsigned int flags, atr_outfile *of);
/* Flush the written file to disk and move it into place (closing of->fd).
 * With ATR_OUT_DATABASE, refuses (ATRACK_BUSY) a target that a live
 * process has open, and removes a dead one's companions first. On failure
 * the temporary file is gone and the target is as it was. */
int atr_outfile_commit(atrack_db *db, atr_outfile *of, unsigned int flags);
/* Throw the work away: close, remove the temporary file and its journals. */
void atr_outfile_discard(atr_outfile *of);

#endif /* ATRACK_OUTFILE_H */
