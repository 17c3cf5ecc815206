-- 0002_search.sql - full-text search: an FTS5 index over the words the
-- database holds, and the queue that keeps it in step with the tables.
-- Released migrations are never edited; later changes are new steps.

-- One entry per initiative (short title; text), framework (name; acronym
-- and description), focus area (name), meeting (name; kind and place) and
-- progress update (no title; its note). The rowid is id * 16 + kind (the
-- atrack_kind number), so an entry is found and replaced by rowid alone.
-- Words are folded to lower case without diacritics; prefixes of 2 and 3
-- characters have their own index, so "nucl*" needs no scan. Titles weigh
-- five times the text in the ranking (bm25).
CREATE VIRTUAL TABLE search_index USING fts5(
  kind UNINDEXED, ref_id UNINDEXED, title, body,
  tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
INSERT INTO search_index (search_index, rank) VALUES ('rank', 'bm25(0.0, 0.0, 5.0, 1.0)');

-- The entries to rewrite before the transaction commits. (The triggers
-- test for a queued entry rather than use INSERT OR IGNORE: inside a
-- foreign key's ON DELETE action SQLite aborts on the conflict instead.)
-- The connection
-- runs with trusted_schema off, under which SQLite lets no trigger write
-- to a virtual table; so the triggers below only queue the rowid, and the
-- library rewrites the queued entries from the tables (src/lib/search.c)
-- in the same transaction, before every commit.
CREATE TABLE search_pending (
  doc_id INTEGER PRIMARY KEY  -- the search_index rowid: id * 16 + kind
) STRICT;

CREATE TRIGGER search_initiative_ai AFTER INSERT ON initiative BEGIN
  INSERT INTO search_pending (doc_id) SELECT new.id * 16 + 7
    WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE doc_id = new.id * 16 + 7);
END;
CREATE TRIGGER search_initiative_au AFTER UPDATE ON initiative BEGIN
  INSERT INTO search_pending (doc_id) SELECT d FROM (SELECT old.id * 16 + 7 AS d UNION SELECT new.id * 16 + 7)
    WHERE d NOT IN (SELECT doc_id FROM search_pending);
END;
CREATE TRIGGER search_initiative_ad AFTER DELETE ON initiative BEGIN
  INSERT INTO search_pending (doc_id) SELECT old.id * 16 + 7
    WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE doc_id = old.id * 16 + 7);
END;
CREATE TRIGGER search_framework_ai AFTER INSERT ON framework BEGIN
  INSERT INTO search_pending (doc_id) SELECT new.id * 16 + 8
    WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE doc_id = new.id * 16 + 8);
END;
CREATE TRIGGER search_framework_au AFTER UPDATE ON framework BEGIN
  INSERT INTO search_pending (doc_id) SELECT d FROM (SELECT old.id * 16 + 8 AS d UNION SELECT new.id * 16 + 8)
    WHERE d NOT IN (SELECT doc_id FROM search_pending);
END;
CREATE TRIGGER search_framework_ad AFTER DELETE ON framework BEGIN
  INSERT INTO search_pending (doc_id) SELECT old.id * 16 + 8
    WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE doc_id = old.id * 16 + 8);
END;
CREATE TRIGGER search_focus_area_ai AFTER INSERT ON focus_area BEGIN
  INSERT INTO search_pending (doc_id) SELECT new.id * 16 + 9
    WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE doc_id = new.id * 16 + 9);
END;
CREATE TRIGGER search_focus_area_au AFTER UPDATE ON focus_area BEGIN
  INSERT INTO search_pending (doc_id) SELECT d FROM (SELECT old.id * 16 + 9 AS d UNION SELECT new.id * 16 + 9)
    WHERE d NOT IN (SELECT doc_id FROM search_pending);
END;
CREATE TRIGGER search_focus_area_ad AFTER DELETE ON focus_area BEGIN
  INSERT INTO search_pending (doc_id) SELECT old.id * 16 + 9
    WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE doc_id = old.id * 16 + 9);
END;
CREATE TRIGGER search_meeting_ai AFTER INSERT ON meeting BEGIN
  INSERT INTO search_pending (doc_id) SELECT new.id * 16 + 3
    WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE doc_id = new.id * 16 + 3);
END;
CREATE TRIGGER search_meeting_au AFTER UPDATE ON meeting BEGIN
  INSERT INTO search_pending (doc_id) SELECT d FROM (SELECT old.id * 16 + 3 AS d UNION SELECT new.id * 16 + 3)
    WHERE d NOT IN (SELECT doc_id FROM search_pending);
END;
CREATE TRIGGER search_meeting_ad AFTER DELETE ON meeting BEGIN
  INSERT INTO search_pending (doc_id) SELECT old.id * 16 + 3
    WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE doc_id = old.id * 16 + 3);
END;
CREATE TRIGGER search_progress_update_ai AFTER INSERT ON progress_update BEGIN
  INSERT INTO search_pending (doc_id) SELECT new.id * 16 + 11
    WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE doc_id = new.id * 16 + 11);
END;
CREATE TRIGGER search_progress_update_au AFTER UPDATE ON progress_update BEGIN
  INSERT INTO search_pending (doc_id) SELECT d FROM (SELECT old.id * 16 + 11 AS d UNION SELECT new.id * 16 + 11)
    WHERE d NOT IN (SELECT doc_id FROM search_pending);
END;
CREATE TRIGGER search_progress_update_ad AFTER DELETE ON progress_update BEGIN
  INSERT INTO search_pending (doc_id) SELECT old.id * 16 + 11
    WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE doc_id = old.id * 16 + 11);
END;

-- What is already there is queued; the library indexes it right after
-- migrating.
INSERT INTO search_pending (doc_id)
  SELECT id * 16 + 7 FROM initiative
  UNION ALL SELECT id * 16 + 8 FROM framework
  UNION ALL SELECT id * 16 + 9 FROM focus_area
  UNION ALL SELECT id * 16 + 3 FROM meeting
  UNION ALL SELECT id * 16 + 11 FROM progress_update;
