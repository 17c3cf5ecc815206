-- 0003_search_mark.sql - new progress updates reach the search index by a
-- high-water mark instead of a queued row each. Updates are the one table
-- that grows without bound and are almost always appended; queueing each
-- wrote a row to search_pending and deleted it again at commit, and cost
-- about a tenth of the time of logging an update.
--
-- Every progress update with an id up to the mark has its entry, or is
-- queued in search_pending. Before each commit the library indexes the
-- updates above the mark, then rewrites the queued entries, then sets the
-- mark to the highest id (src/lib/search.c). SQLite gives a new row the
-- highest rowid plus one, so an insert lands above the mark unless an id
-- is chosen for it (an import) or the newest update was deleted; those
-- inserts are still queued.
CREATE TABLE search_mark (
  id                 INTEGER PRIMARY KEY CHECK (id = 1),
  progress_update_id INTEGER NOT NULL  -- updates up to this id are indexed or queued
) STRICT;
INSERT INTO search_mark (id, progress_update_id)
  SELECT 1, ifnull(max(id), 0) FROM progress_update;

DROP TRIGGER search_progress_update_ai;
CREATE TRIGGER search_progress_update_ai AFTER INSERT ON progress_update
  WHEN new.id <= (SELECT progress_update_id FROM search_mark WHERE id = 1) BEGIN
  INSERT INTO search_pending (doc_id) SELECT new.id * 16 + 11
    WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE doc_id = new.id * 16 + 11);
END;
