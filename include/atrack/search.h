/*
 * atrack/search.h - part of the public interface of libatrack, included by
 * atrack.h (include that, not this): full-text search over everything the
 * database says in words, and rebuilding the index.
 */
#ifndef ATRACK_SEARCH_H
#define ATRACK_SEARCH_H

#ifndef ATRACK_H
#error "include <atrack.h>, not <atrack/search.h>"
#endif

#ifdef __cplusplus
extern "C" {
#endif

typedef struct atrack_search_opts {
	unsigned int version; /* ATRACK_SEARCH_OPTS_VERSION */
	int limit;            /* at most this many hits; 0: 50 */
	unsigned int flags;   /* ATRACK_SEARCH_*; since version 2 */
} atrack_search_opts;

/* The query is FTS5's own syntax, not plain words. */
#define ATRACK_SEARCH_FTS 0x1u

#define ATRACK_SEARCH_OPTS_VERSION 2
#define ATRACK_SEARCH_OPTS_INIT { ATRACK_SEARCH_OPTS_VERSION, 0, 0 }

/* One search hit. */
typedef struct atrack_search_hit {
	atrack_kind kind;     /* initiative, framework, focus_area, meeting, party,
	                         person, exercise, document or update */
	int64_t id;
	const char *slug;     /* NULL for an update (it has none) */
	const char *title;    /* what the hit is called; for an update, its initiative's title */
	const char *snippet;  /* the matching words in context, marked [like this] */
	double rank;          /* bm25: lower is better */
} atrack_search_hit;

/*
 * Full-text search (SQLite FTS5, words folded to lower case without
 * diacritics) over initiative titles and texts, framework names, acronyms
 * and descriptions, focus areas, meeting names and places, party names and
 * short names, people's names, exercise names, document titles and
 * sources (not a document's imported text, which every query would find),
 * and the notes of progress updates. Best hits first.
 *
 * The query is plain words, all of which must match, each taken as it is
 * written: "co-production", "U.S.-ROK" and "ROK's" find those words
 * (their parts, in that order); a word ending in * matches as a prefix.
 * Nothing else in it has a meaning. With ATRACK_SEARCH_FTS in opts->flags
 * the query is FTS5's syntax instead: "a phrase", prefix*, OR, NOT,
 * NEAR(...), column filters.
 *
 * opts  may be NULL for the defaults; a version 1 struct has no flags.
 * out   [out] an iterator (O1) of mixed kinds (atrack_iter_kind gives 0);
 *       read hits with atrack_iter_search_hit (O2).
 * Returns ATRACK_OK; ATRACK_INVALID for an empty query or one FTS5 cannot
 * understand ("search: cannot understand query 'a AND': ..."); ATRACK_NOMEM;
 * ATRACK_MISUSE for a NULL handle, query or out, or an unknown options
 * version.
 */
ATRACK_EXTERN int atrack_search(atrack_db *db, const char *query, const atrack_search_opts *opts,
                                atrack_iter **out);
ATRACK_EXTERN const atrack_search_hit *atrack_iter_search_hit(const atrack_iter *it);

/* Rebuild the search index from the tables, in one transaction. The index
 * is kept in step with every write anyway; this is for repair. Returns
 * ATRACK_OK, ATRACK_READONLY, ATRACK_BUSY, ATRACK_NOMEM. */
ATRACK_EXTERN int atrack_search_rebuild(atrack_db *db);

#ifdef __cplusplus
}
#endif

#endif /* ATRACK_SEARCH_H */
